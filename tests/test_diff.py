"""diff.py: the per-kind comparison rules, dotted paths, replace detection."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midas_reconcile.diff import RULES, diff, immutable_changes, is_immutable, needs_replace, normalize
from midas_reconcile.plan import FieldChange
from midas_reconcile.resources import FIELDS, Address, Resource


def res(platform: str, kind: str, refs: dict[str, Address] | None = None, **fields: Any) -> Resource:
    path = {"campaign": "c", "campaign_budget": "c"}.get(kind, "c/g/x")
    return Resource(Address(platform, "acct", kind, path), fields, refs=refs or {})


EQUAL_CASES = [
    # None, missing, "", {} and [] are all absent
    ("google", "campaign", {"name": "c", "start_date": None}, {"name": "c"}),
    ("google", "ad_group_ad", {"path1": ""}, {"path1": None}),
    ("google", "campaign", {"labels": []}, {}),
    ("google", "campaign", {"network_settings": {}}, {}),
    ("meta", "adset", {"targeting": {"geo_locations": {"countries": []}}}, {}),
    # declared defaults
    ("google", "campaign", {"contains_eu_political_advertising": False}, {}),
    ("google", "campaign", {"network_settings": {"target_content_network": False}}, {}),
    ("google", "campaign_budget", {"delivery_method": "STANDARD", "explicitly_shared": False}, {}),
    ("google", "campaign_budget", {"period": "DAILY", "amount_micros": 10_000}, {"amount_micros": 10_000}),
    # a lifetime budget recorded or snapshotted before MIDAS kept its period: only CUSTOM_PERIOD has one
    (
        "google",
        "campaign_budget",
        {"total_amount_micros": 10**8},
        {"period": "CUSTOM_PERIOD", "total_amount_micros": 10**8},
    ),
    ("google", "ad_group_criterion", {"negative": False, "status": "ENABLED"}, {}),
    ("google", "campaign_criterion", {"negative": False}, {}),
    ("meta", "adset", {"targeting": {"age_min": 18, "age_max": 65}}, {"targeting": {}}),
    # Advantage+ audience off, as MIDAS states it, is an ad set made before Meta required the flag.
    ("meta", "adset", {"targeting": {"targeting_automation": {"advantage_audience": 0}}}, {"targeting": {}}),
    # Advantage+ audience's individual_setting: none at all ({}) is no setting
    (
        "meta",
        "adset",
        {"targeting": {"targeting_automation": {"advantage_audience": 1, "individual_setting": {}}}},
        {"targeting": {"targeting_automation": {"advantage_audience": 1}}},
    ),
    ("meta", "campaign", {"buying_type": "AUCTION", "bid_strategy": "LOWEST_COST_WITHOUT_CAP"}, {}),
    # unordered sets (order and duplicates do not matter)
    ("google", "ad_group_ad", {"headlines": ["a", "b", "c"]}, {"headlines": ["c", "a", "b", "a"]}),
    ("google", "ad_group_ad", {"descriptions": ["x", "y"]}, {"descriptions": ["y", "x"]}),
    ("google", "campaign", {"labels": ["midas-managed", "q3"]}, {"labels": ["q3", "midas-managed"]}),
    (
        "meta",
        "campaign",
        {"special_ad_categories": ["HOUSING", "EMPLOYMENT"]},
        {"special_ad_categories": ["EMPLOYMENT", "HOUSING"]},
    ),
    (
        "meta",
        "adset",
        {"targeting": {"geo_locations": {"countries": ["US", "CA"]}}},
        {"targeting": {"geo_locations": {"countries": ["CA", "US"]}}},
    ),
    (
        "meta",
        "adset",
        {"targeting": {"locales": [6, 24], "genders": [2, 1]}},
        {"targeting": {"locales": [24, 6], "genders": [1, 2]}},
    ),
    (
        "meta",
        "adset",
        {"targeting": {"interests": [{"id": "1", "name": "A"}, {"id": "2", "name": "B"}]}},
        {"targeting": {"interests": [{"id": "2", "name": "B"}, {"id": "1", "name": "A"}]}},
    ),
    # identity keys: interest names and ad label ids are display-only
    (
        "meta",
        "adset",
        {"targeting": {"interests": [{"id": "1", "name": "Running"}]}},
        {"targeting": {"interests": [{"id": "1", "name": "Running (sport)"}]}},
    ),
    (
        "meta",
        "ad",
        {"adlabels": [{"name": "midas-managed"}]},
        {"adlabels": [{"name": "midas-managed", "id": "9"}]},
    ),
    # keyword text compares the way Google matches it
    ("google", "ad_group_criterion", {"keyword_text": "Running Shoes"}, {"keyword_text": "running  shoes"}),
    ("google", "campaign_criterion", {"keyword_text": "FREE"}, {"keyword_text": "free"}),
    # money compares as integers in platform units; numbers by exact value
    ("meta", "campaign", {"daily_budget": "5000"}, {"daily_budget": 5000}),
    ("google", "campaign_budget", {"amount_micros": Decimal("50000000")}, {"amount_micros": 50_000_000}),
    ("google", "campaign", {"target_roas": 3.5}, {"target_roas": Decimal("3.50")}),
    ("google", "campaign", {"target_roas": 4.0}, {"target_roas": 4}),
    # the name an earlier MIDAS recorded on a Google ad, which Google keeps none of for its ad types
    ("google", "ad_group_ad", {"name": "hero", "status": "ENABLED"}, {"status": "ENABLED"}),
]


@pytest.mark.parametrize(("platform", "kind", "left", "right"), EQUAL_CASES)
def test_equal_after_normalisation(
    platform: str, kind: str, left: dict[str, Any], right: dict[str, Any]
) -> None:
    a, b = res(platform, kind, **left), res(platform, kind, **right)
    assert diff(a, b) == []
    assert diff(b, a) == []
    assert normalize(a) == normalize(b)


DIFFERENT_CASES = [
    (
        "google",
        "campaign",
        {"contains_eu_political_advertising": True},
        {},
        [FieldChange("contains_eu_political_advertising", True, None)],
    ),
    ("google", "ad_group_criterion", {"status": "PAUSED"}, {}, [FieldChange("status", "PAUSED", None)]),
    # Google serves an ad's first final URL: their order is the ad's.
    (
        "google",
        "ad_group_ad",
        {"final_urls": ["https://a.example/", "https://b.example/"]},
        {"final_urls": ["https://b.example/", "https://a.example/"]},
        [
            FieldChange(
                "final_urls",
                ["https://a.example/", "https://b.example/"],
                ["https://b.example/", "https://a.example/"],
            )
        ],
    ),
    (
        "google",
        "ad_group_criterion",
        {"negative": True},
        {"negative": False},
        [FieldChange("negative", True, False)],
    ),
    (
        "meta",
        "adset",
        {"targeting": {"age_min": 21}},
        {"targeting": {"age_min": 18}},
        [FieldChange("targeting.age_min", 21, 18)],
    ),
    ("meta", "adset", {"targeting": {"age_max": 40}}, {}, [FieldChange("targeting.age_max", 40, None)]),
    (
        "meta",
        "adset",
        {"targeting": {"targeting_automation": {"advantage_audience": 0}}},
        {"targeting": {"targeting_automation": {"advantage_audience": 1}}},
        [FieldChange("targeting.targeting_automation.advantage_audience", 0, 1)],
    ),
    # Advantage+ audience's individual_setting, as written: set or changed in a console is drift, leaf by
    # leaf, and a 0 flag is no missing one (MIDAS gives the flags no meaning)
    (
        "meta",
        "adset",
        {"targeting": {"targeting_automation": {"individual_setting": {"age": 1, "gender": 0}}}},
        {"targeting": {"targeting_automation": {"individual_setting": {"age": 1}}}},
        [FieldChange("targeting.targeting_automation.individual_setting.gender", 0, None)],
    ),
    (
        "meta",
        "adset",
        {"targeting": {"targeting_automation": {"advantage_audience": 1}}},
        {"targeting": {"targeting_automation": {"advantage_audience": 1, "individual_setting": {"age": 1}}}},
        [FieldChange("targeting.targeting_automation.individual_setting.age", None, 1)],
    ),
    (
        "meta",
        "adset",
        {"targeting": {"targeting_automation": {"individual_setting": {"age": 1, "gender": 1}}}},
        {"targeting": {"targeting_automation": {"individual_setting": {"age": 1, "gender": 0, "geo": 1}}}},
        [
            FieldChange("targeting.targeting_automation.individual_setting.gender", 1, 0),
            FieldChange("targeting.targeting_automation.individual_setting.geo", None, 1),
        ],
    ),
    (
        "meta",
        "adset",
        {"targeting": {"geo_locations": {"countries": ["US", "CA"]}}},
        {"targeting": {"geo_locations": {"countries": ["CA", "FR"]}}},
        [FieldChange("targeting.geo_locations.countries", ["US", "CA"], ["CA", "FR"])],
    ),
    (
        "meta",
        "adset",
        {"targeting": {"interests": [{"id": "1", "name": "A"}]}},
        {"targeting": {"interests": [{"id": "2", "name": "A"}]}},
        [FieldChange("targeting.interests", [{"id": "1", "name": "A"}], [{"id": "2", "name": "A"}])],
    ),
    (
        "google",
        "ad_group_ad",
        {"headlines": ["a", "b"]},
        {"headlines": ["a", "c"]},
        [FieldChange("headlines", ["a", "b"], ["a", "c"])],
    ),
    (
        "google",
        "ad_group_criterion",
        {"keyword_text": "running shoes"},
        {"keyword_text": "running shoe"},
        [FieldChange("keyword_text", "running shoes", "running shoe")],
    ),
    (
        "google",
        "campaign_budget",
        {"amount_micros": 50_000_000},
        {"amount_micros": "80000000"},
        [FieldChange("amount_micros", 50_000_000, "80000000")],
    ),
    # a nested dict appearing is reported leaf by leaf
    (
        "google",
        "campaign",
        {},
        {"network_settings": {"target_google_search": True, "target_search_network": True}},
        [
            FieldChange("network_settings.target_google_search", None, True),
            FieldChange("network_settings.target_search_network", None, True),
        ],
    ),
    # several fields: sorted by path
    (
        "meta",
        "campaign",
        {"status": "ACTIVE", "daily_budget": 100, "name": "x"},
        {"status": "PAUSED", "daily_budget": 200, "name": "x"},
        [FieldChange("daily_budget", 100, 200), FieldChange("status", "ACTIVE", "PAUSED")],
    ),
]


@pytest.mark.parametrize(("platform", "kind", "left", "right", "expected"), DIFFERENT_CASES)
def test_differences_have_dotted_paths_and_raw_values(
    platform: str, kind: str, left: dict[str, Any], right: dict[str, Any], expected: list[FieldChange]
) -> None:
    assert diff(res(platform, kind, **left), res(platform, kind, **right)) == expected


def test_bool_default_does_not_swallow_integer_zero() -> None:
    # explicitly_shared defaults to False; a 0 is not the same value (bool is an int subclass).
    a = res("google", "campaign_budget", explicitly_shared=0)
    assert diff(a, res("google", "campaign_budget")) == [FieldChange("explicitly_shared", 0, None)]


def test_refs_compare_as_address_strings() -> None:
    budget_a = Address("google", "acct", "campaign_budget", "a")
    budget_b = Address("google", "acct", "campaign_budget", "b")
    same = diff(
        res("google", "campaign", refs={"campaign_budget": budget_a}),
        res("google", "campaign", refs={"campaign_budget": budget_a}),
    )
    assert same == []
    changed = diff(
        res("google", "campaign", refs={"campaign_budget": budget_a}),
        res("google", "campaign", refs={"campaign_budget": budget_b}),
    )
    assert changed == [FieldChange("refs.campaign_budget", str(budget_a), str(budget_b))]
    added = diff(res("google", "campaign"), res("google", "campaign", refs={"campaign_budget": budget_b}))
    assert added == [FieldChange("refs.campaign_budget", None, str(budget_b))]


def test_normalize_gives_canonical_content() -> None:
    adset = res(
        "meta",
        "adset",
        refs={"campaign": Address("meta", "acct", "campaign", "c")},
        name="g",
        targeting={"age_min": 18, "geo_locations": {"countries": ["US", "CA"]}, "genders": []},
        adlabels=[{"name": "midas-managed", "id": "7"}],
    )
    assert normalize(adset) == {
        "fields": {
            "name": "g",
            "targeting": {"geo_locations": {"countries": ["CA", "US"]}},
            "adlabels": [{"name": "midas-managed"}],
        },
        "refs": {"campaign": "campaign/c@meta:acct"},
    }


def test_diff_refuses_different_kinds() -> None:
    with pytest.raises(ValueError, match="different kinds"):
        diff(res("google", "campaign"), res("meta", "campaign"))


REPLACE_CASES = [
    (("google", "ad_group_ad"), "headlines", True),
    (("google", "ad_group_ad"), "path2", True),
    (("google", "ad_group_ad"), "status", False),
    (("google", "campaign"), "advertising_channel_type", True),
    (("google", "campaign"), "name", False),
    (("google", "ad_group_criterion"), "keyword_text", True),
    (("google", "ad_group_criterion"), "age_range", True),
    (("google", "ad_group_criterion"), "status", False),
    (("google", "campaign_criterion"), "geo_target_constant", True),
    (("google", "campaign_criterion"), "language_constant", True),
    (("meta", "adcreative"), "title", True),
    (("meta", "adcreative"), "link_url", True),
    (("meta", "ad"), "name", False),
    (("meta", "adset"), "targeting.age_min", False),
    (("meta", "campaign"), "refs.campaign", False),
]


@pytest.mark.parametrize(("kind", "path", "replace"), REPLACE_CASES)
def test_needs_replace(kind: tuple[str, str], path: str, replace: bool) -> None:
    changes = (
        [FieldChange("name", "a", "b"), FieldChange(path, 1, 2)]
        if path != "name"
        else [FieldChange(path, 1, 2)]
    )
    assert needs_replace(changes, kind) is replace
    assert is_immutable(path, kind) is replace
    assert needs_replace(changes, Address(kind[0], "acct", kind[1], "c/g/x")) is replace


def test_immutable_changes_picks_only_immutable_fields() -> None:
    changes = [FieldChange("headlines", [], ["a"]), FieldChange("status", "ENABLED", "PAUSED")]
    assert immutable_changes(changes, ("google", "ad_group_ad")) == [changes[0]]
    assert needs_replace([], ("google", "ad_group_ad")) is False


def test_rules_only_name_known_kinds_and_fields() -> None:
    for key, rules in RULES.items():
        assert key in FIELDS
        paths = [
            *rules.unordered,
            *rules.case_insensitive,
            *rules.defaults,
            *rules.ignored,
            *rules.identity,
            *rules.immutable,
            *rules.money,
        ]
        for path in paths:
            assert path.split(".")[0] in FIELDS[key], (key, path)


def test_equal_raw_fields_take_the_fast_path() -> None:
    fields: dict[str, Any] = {"name": "c", "labels": ["b", "a"]}
    assert diff(res("google", "campaign", **fields), res("google", "campaign", **dict(fields))) == []


# --- property: what a platform echoes back never differs from what was sent ---------------------

_countries = st.lists(st.sampled_from(["US", "CA", "FR", "DE", "JP"]), max_size=4, unique=True)
_interests = st.lists(
    st.builds(lambda i: {"id": str(i), "name": f"Interest {i}"}, st.integers(1, 9)),
    max_size=3,
    unique_by=lambda item: item["id"],
)
_targeting = st.fixed_dictionaries(
    {"geo_locations": st.fixed_dictionaries({"countries": _countries}), "interests": _interests},
    optional={
        "age_min": st.integers(18, 40),
        "age_max": st.integers(41, 65),
        "locales": st.lists(st.integers(1, 50)),
    },
)


def _echo(targeting: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The targeting as a platform might return it: lists reordered, defaults filled, names changed."""
    echoed = copy.deepcopy(targeting)
    echoed.setdefault("age_min", 18)
    echoed.setdefault("age_max", 65)
    for path in (("geo_locations", "countries"), ("interests",), ("locales",)):
        holder = echoed
        for part in path[:-1]:
            holder = holder[part]
        items = holder.get(path[-1], [])
        rng.shuffle(items)
        holder[path[-1]] = items or None
    for item in echoed.get("interests") or ():
        item["name"] = item["name"].upper()
    return echoed


@given(targeting=_targeting, seed=st.integers(0, 2**16))
@settings(max_examples=60, deadline=None)
def test_platform_echo_never_differs(targeting: dict[str, Any], seed: int) -> None:
    sent = res("meta", "adset", name="g", targeting=targeting)
    echoed = res("meta", "adset", name="g", targeting=_echo(targeting, random.Random(seed)))
    assert diff(sent, echoed) == []
    assert normalize(sent) == normalize(echoed)


@given(left=_targeting, right=_targeting)
@settings(max_examples=60, deadline=None)
def test_diff_is_symmetric_in_its_paths(left: dict[str, Any], right: dict[str, Any]) -> None:
    forward = diff(res("meta", "adset", targeting=left), res("meta", "adset", targeting=right))
    backward = diff(res("meta", "adset", targeting=right), res("meta", "adset", targeting=left))
    assert [c.path for c in forward] == [c.path for c in backward]
    assert [(c.before, c.after) for c in forward] == [(c.after, c.before) for c in backward]
    assert (forward == []) == (
        normalize(res("meta", "adset", targeting=left)) == normalize(res("meta", "adset", targeting=right))
    )


@pytest.mark.parametrize(
    ("platform", "kind", "title", "text"),
    [("meta", "adcreative", "title", "body"), ("google", "ad_group_ad", "headline", "description")],
)
def test_a_changed_carousel_card_is_reported_at_its_field_and_replaces_the_creative(
    platform: str, kind: str, title: str, text: str
) -> None:
    card = {"link_url": "https://x.example/1", title: "Ridge", "image_url": "https://cdn.x.example/1.jpg"}
    other = {"link_url": "https://x.example/2", title: "Mesa", "video_id": "9"}
    before = res(platform, kind, cards=[card, other], **{text: "Hi"})
    after = res(platform, kind, cards=[card, {**other, title: "Mesa Pro"}], **{text: "Hi"})
    changes = diff(before, after)
    assert changes == [FieldChange(f"cards.1.{title}", "Mesa", "Mesa Pro")]
    assert needs_replace(changes, before.address)
    # A card more or fewer is the list changed as a whole.
    fewer = diff(before, res(platform, kind, cards=[card], **{text: "Hi"}))
    assert [c.path for c in fewer] == ["cards"]


@pytest.mark.parametrize("kind", ["campaign_criterion", "ad_group_criterion"])
@pytest.mark.parametrize(
    ("left", "right", "same"),
    [(1.1, "1.1", True), ("1.20", "1.2", True), (Decimal("0.75"), "0.75", True), ("1.5", "1.25", False)],
)
def test_a_bid_modifier_held_as_decimal_text_compares_by_its_value(
    kind: str, left: Any, right: Any, same: bool
) -> None:
    """One representation of a bid modifier (``spec._bid_modifiers``): text; a record or snapshot holding a
    number from before (an ad schedule slot's float) is the same modifier, not a change."""
    fields = {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"}
    before = res("google", kind, **fields, bid_modifier=left)
    after = res("google", kind, **fields, bid_modifier=right)
    assert (diff(before, after) == []) is same
