"""compile: specs → native resources (objective mapping, budgets and rounding, targeting, creatives)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from midas_reconcile.compile import compile_workspace
from midas_reconcile.connectors.meta_graph import promoted_object, story_spec
from midas_reconcile.errors import SpecError
from midas_reconcile.resources import Address, Resource, meta_pixel_rule_text
from midas_reconcile.spec import load_workspace
from midas_reconcile.targeting.meta import PLACEMENT_KEYS

SETTINGS = {
    "version": 1,
    "accounts": {
        "g": {"platform": "google", "connector": "sandbox", "customer_id": "1234567890", "currency": "USD"},
        "m": {
            "platform": "meta",
            "connector": "sandbox",
            "ad_account_id": "act_1",
            "currency": "USD",
            "pixel_id": "1111",
        },
        "gj": {"platform": "google", "connector": "sandbox", "customer_id": "2234567890", "currency": "JPY"},
        "mj": {
            "platform": "meta",
            "connector": "sandbox",
            "ad_account_id": "act_2",
            "pixel_id": "2222",
            "currency": "JPY",
            "page_id": "1122334455",
        },
    },
}
CREATIVE = {
    "name": "main",
    "headlines": ["One headline", "Two headline", "Three headline"],
    "descriptions": ["First description.", "Second description."],
    "final_url": "https://example.com/",
}
INTERESTS = {"running": "111", "travel": "222"}


def resolver(_account: str) -> Any:
    return lambda kind, names: {n: INTERESTS[n.lower()] for n in names if n.lower() in INTERESTS}


def campaign(name: str = "c", **spec: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "platforms": {"google": {"account": "g"}, "meta": {"account": "m"}},
        "objective": "sales",
        "budget": {"daily": "10.00", "currency": "USD"},
        "targeting": {"locations": ["US"]},
        "creatives": [CREATIVE],
    }
    body.update(spec)
    return {"apiVersion": "midas/v1", "kind": "Campaign", "metadata": {"name": name}, "spec": body}


def compiled(tmp_path: Path, *docs: dict[str, Any]) -> dict[Address, Resource]:
    (tmp_path / "specs").mkdir(parents=True)
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(SETTINGS))
    (tmp_path / "specs" / "all.yaml").write_text(yaml.safe_dump_all(list(docs), sort_keys=False))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=resolver)
    return {r.address: r for r in result.resources}


def get(resources: dict[Address, Resource], platform: str, kind: str, path: str) -> Resource:
    account = {"google": "g", "meta": "m"}[platform]
    return resources[Address(platform, account, kind, path)]


@pytest.mark.parametrize(
    ("objective", "channel", "bidding", "meta_objective", "goal"),
    [
        ("awareness", "SEARCH", "TARGET_IMPRESSION_SHARE", "OUTCOME_AWARENESS", "REACH"),
        ("traffic", "SEARCH", "TARGET_SPEND", "OUTCOME_TRAFFIC", "LINK_CLICKS"),
        ("engagement", "SEARCH", "TARGET_SPEND", "OUTCOME_ENGAGEMENT", "POST_ENGAGEMENT"),
        ("leads", "SEARCH", "MAXIMIZE_CONVERSIONS", "OUTCOME_LEADS", "OFFSITE_CONVERSIONS"),
        ("sales", "SEARCH", "MAXIMIZE_CONVERSION_VALUE", "OUTCOME_SALES", "OFFSITE_CONVERSIONS"),
        ("app_promotion", "MULTI_CHANNEL", "MAXIMIZE_CONVERSIONS", "OUTCOME_APP_PROMOTION", "APP_INSTALLS"),
    ],
)
def test_objective_mapping(
    tmp_path: Path, objective: str, channel: str, bidding: str, meta_objective: str, goal: str
) -> None:
    app = {"store": "google_play", "id": "com.example.game", "meta_app_id": "42"}
    to_the_store = {k: v for k, v in CREATIVE.items() if k != "final_url"}
    share = {"location": "top_of_page", "share": "0.5", "max_cpc": "1.00"}
    extra = {
        "app_promotion": {"app": app, "creatives": [to_the_store]},
        "awareness": {"google": {"bidding": {"impression_share": share}}},
    }.get(objective, {})
    resources = compiled(tmp_path, campaign(objective=objective, **extra))
    google = get(resources, "google", "campaign", "c").fields
    assert (google["advertising_channel_type"], google["bidding_strategy_type"]) == (channel, bidding)
    assert get(resources, "meta", "campaign", "c").fields["objective"] == meta_objective
    assert get(resources, "meta", "adset", "c/default").fields["optimization_goal"] == goal


@pytest.mark.parametrize(
    ("bidding", "objective"),
    [
        pytest.param({}, "awareness", id="awareness-default"),
        pytest.param({"strategy": "target_impression_share"}, "sales", id="strategy"),
    ],
)
def test_impression_share_bidding_compiles_to_googles_units(
    tmp_path: Path, bidding: dict[str, Any], objective: str
) -> None:
    share = {"location": "absolute_top_of_page", "share": "0.655", "max_cpc": "2.75"}
    google = {"bidding": {**bidding, "impression_share": share}}
    fields = get(
        compiled(tmp_path, campaign(objective=objective, google=google)), "google", "campaign", "c"
    ).fields
    assert {
        k: v for k, v in fields.items() if any(w in k for w in ("bid", "share", "fraction", "target"))
    } == {
        "bidding_strategy_type": "TARGET_IMPRESSION_SHARE",
        "target_impression_share_location": "ABSOLUTE_TOP_OF_PAGE",
        "location_fraction_micros": 655_000,  # 1 % = 10,000
        "cpc_bid_ceiling_micros": 2_750_000,
    }


@pytest.mark.parametrize(
    ("budget", "google_micros", "meta_minor", "warning"),
    [
        ({"daily": "10.00", "currency": "USD"}, 5_000_000, 500, None),
        # 5.005 each: by largest remainder the cent left over goes to the first platform, so the two add
        # up to the budget (each rounding still warned about).
        ({"daily": "10.01", "currency": "USD"}, 5_010_000, 500, "rounded to 5.01"),
        (
            {"daily": "50.01", "currency": "USD", "split": {"by": "share", "google": "0.5", "meta": "0.5"}},
            25_010_000,
            2500,
            "on meta rounded to 25 USD",
        ),
        (
            {"daily": "10.05", "currency": "USD", "split": {"by": "share", "google": "0.3", "meta": "0.7"}},
            3_020_000,  # 3.015 and 7.035: 3.02 + 7.03, not 3.02 + 7.04 = 10.06 (half-even each)
            703,
            "rounded to 7.03",
        ),
        (
            {"daily": "50.00", "currency": "USD", "split": {"by": "share", "google": "0.6", "meta": "0.4"}},
            30_000_000,
            2000,
            None,
        ),
        (
            {
                "daily": "50.00",
                "currency": "USD",
                "split": {"by": "amount", "google": "45.50", "meta": "4.50"},
            },
            45_500_000,
            450,
            None,
        ),
    ],
)
def test_budget_split_and_explicit_rounding(
    tmp_path: Path, budget: dict[str, Any], google_micros: int, meta_minor: int, warning: str | None
) -> None:
    resources = compiled(tmp_path, campaign(budget=budget))
    google_budget = get(resources, "google", "campaign_budget", "c")
    assert google_budget.fields["amount_micros"] == google_micros
    assert google_budget.fields["explicitly_shared"] is False
    meta_campaign = get(resources, "meta", "campaign", "c")
    assert meta_campaign.fields["daily_budget"] == meta_minor
    notes = [*google_budget.warnings, *meta_campaign.warnings]
    assert any(warning in n for n in notes) if warning else notes == []


def test_lifetime_budget_goes_to_the_lifetime_fields(tmp_path: Path) -> None:
    resources = compiled(
        tmp_path,
        campaign(
            budget={"lifetime": "300.00", "currency": "USD"},
            schedule={"start": "2026-12-01", "end": "2026-12-31"},
        ),
    )
    google = get(resources, "google", "campaign_budget", "c").fields
    # Not shared: Google shares no lifetime amount (the sandbox refuses it, CAMPAIGN_BUDGET_CANNOT_BE_SHARED);
    # and over a CUSTOM_PERIOD, as Google takes a total amount over no other (the default period is DAILY).
    assert (google["total_amount_micros"], google["explicitly_shared"], google["period"]) == (
        150_000_000,
        False,
        "CUSTOM_PERIOD",
    )
    assert "amount_micros" not in google
    assert get(resources, "meta", "campaign", "c").fields["lifetime_budget"] == 15_000


@pytest.mark.parametrize("declared", [None, False, True])
def test_the_eu_political_advertising_declaration_is_sent_on_every_google_campaign(
    tmp_path: Path, declared: bool | None
) -> None:
    """Google needs every campaign to declare it; MIDAS declares false unless the spec says true."""
    google = {} if declared is None else {"eu_political_advertising": declared}
    resources = compiled(tmp_path, campaign(google=google))
    fields = get(resources, "google", "campaign", "c").fields
    assert fields["contains_eu_political_advertising"] is bool(declared)


def test_budget_below_a_platform_minimum_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, campaign(budget={"daily": "1.50", "currency": "USD"}))
    assert "expected at least 1 USD (meta's minimum)" in str(caught.value)


def test_budget_in_another_currency_than_the_account_is_refused(tmp_path: Path) -> None:
    doc = campaign(platforms={"meta": {"account": "mj"}}, budget={"daily": "1000", "currency": "USD"})
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, doc)
    assert "JPY" in str(caught.value)


def test_policy_budget_is_shared_equally(tmp_path: Path) -> None:
    policy = {
        "apiVersion": "midas/v1",
        "kind": "BudgetPolicy",
        "metadata": {"name": "pool"},
        "spec": {"total": "30.00", "currency": "USD", "strategy": "equal"},
    }
    google_only = {"platforms": {"google": {"account": "g"}}, "budget": {"policy": "pool"}}
    resources = compiled(tmp_path, policy, campaign("a", **google_only), campaign("b", **google_only))
    assert get(resources, "google", "campaign_budget", "a").fields["amount_micros"] == 15_000_000
    assert get(resources, "google", "campaign_budget", "b").fields["amount_micros"] == 15_000_000


@pytest.mark.parametrize(
    ("total", "shares"),
    [
        ("30.03", [15_020_000, 15_010_000]),
        ("30.01", [15_010_000, 15_000_000]),
        ("10.00", [3_340_000, 3_330_000, 3_330_000]),
    ],
)
def test_an_equal_policy_shares_its_whole_total_by_largest_remainder_in_campaign_order(
    tmp_path: Path, total: str, shares: list[int]
) -> None:
    """Each share rounded on its own would overspend the pool (30.03: 15.02 + 15.02) or leave some unspent
    (30.01: 15.00 + 15.00); the cents left over go to the first campaigns by name."""
    policy = {
        "apiVersion": "midas/v1",
        "kind": "BudgetPolicy",
        "metadata": {"name": "pool"},
        "spec": {"total": total, "currency": "USD", "strategy": "equal"},
    }
    google_only = {"platforms": {"google": {"account": "g"}}, "budget": {"policy": "pool"}}
    names = "abc"[: len(shares)]
    resources = compiled(tmp_path, policy, *(campaign(n, **google_only) for n in reversed(names)))
    got = [get(resources, "google", "campaign_budget", n).fields["amount_micros"] for n in names]
    assert got == shares


def test_targeting_lands_at_the_right_level_with_fidelity_warnings(tmp_path: Path) -> None:
    doc = campaign(
        targeting={
            "ages": {"min": 30, "max": 50},
            "locations": ["US", "CA"],
            "languages": ["en"],
            "interests": ["Running"],
        },
        ad_groups=[{"name": "west", "targeting": {"locations": ["US"]}}],
    )
    resources = compiled(tmp_path, doc)
    campaign_criteria = {a.path for a in resources if a.kind == "campaign_criterion"}
    assert campaign_criteria == {"c/location:2840", "c/location:2124", "c/language:1000"}
    group_criteria = {a.path.split("/", 2)[2] for a in resources if a.kind == "ad_group_criterion"}
    assert {
        "age_range:AGE_RANGE_25_34",
        "age_range:AGE_RANGE_35_44",
        "age_range:AGE_RANGE_45_54",
    } <= group_criteria
    assert "user_interest:111" in group_criteria
    warnings = {w for r in resources.values() for w in r.warnings}
    assert any("30–50" in w for w in warnings)
    assert any("applies on Meta only" in w for w in warnings)
    meta = get(resources, "meta", "adset", "c/west").fields["targeting"]
    assert (meta["age_min"], meta["age_max"]) == (30, 50)
    assert meta["geo_locations"]["countries"] == ["US"]


def test_unknown_interest_is_a_spec_error_at_its_entry_naming_the_account(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, campaign(targeting={"locations": ["US"], "interests": ["Knitting"]}))
    [google, meta] = sorted(caught.value.issues, key=lambda i: i.message)
    text = (tmp_path / "specs" / "all.yaml").read_text().splitlines()
    for issue in (google, meta):
        assert issue.field == "spec.targeting.interests[0]" and "Knitting" in issue.message
        assert text[issue.line - 1][issue.column - 1 :].startswith("Knitting"), issue
    assert "'g'" in google.message and "'m'" in meta.message


def test_campaign_exclusions_are_negative_campaign_criteria_on_google_only(tmp_path: Path) -> None:
    google = {
        "negative_ages": ["18-24", "undetermined"],
        "negative_genders": ["male"],
        "negative_interests": ["Travel"],
    }
    resources = compiled(tmp_path, campaign(google=google))
    excluded = {
        a.path: r.fields
        for a, r in resources.items()
        if a.kind == "campaign_criterion" and r.fields.get("negative")
    }
    assert excluded == {
        f"c/negative_{kind.lower()}:{value}": {"type": kind, kind.lower(): value, "negative": True}
        for kind, value in (
            ("AGE_RANGE", "AGE_RANGE_18_24"),
            ("AGE_RANGE", "AGE_RANGE_UNDETERMINED"),
            ("GENDER", "MALE"),
            ("USER_INTEREST", "222"),
        )
    }
    assert not any(a.kind == "ad_group_criterion" and r.fields.get("negative") for a, r in resources.items())
    [adset] = [r for a, r in resources.items() if a.kind == "adset"]
    assert "exclusions" not in adset.fields["targeting"] and "genders" not in adset.fields["targeting"]


def test_what_a_campaign_itself_targets_is_positive_campaign_criteria_on_google_only(tmp_path: Path) -> None:
    """``google.campaign_*`` beside the unified targeting, which stays per ad group: the age brackets,
    genders and interests a console targets at campaign level."""
    google = {"campaign_ages": ["25-34"], "campaign_genders": ["female"], "campaign_interests": ["Travel"]}
    resources = compiled(tmp_path, campaign(google=google))
    own = {
        a.path: r.fields
        for a, r in resources.items()
        if a.kind == "campaign_criterion" and r.fields["type"] not in ("LOCATION", "LANGUAGE")
    }
    assert own == {
        f"c/{kind.lower()}:{value}": {"type": kind, kind.lower(): value}
        for kind, value in (("AGE_RANGE", "AGE_RANGE_25_34"), ("GENDER", "FEMALE"), ("USER_INTEREST", "222"))
    }
    [adset] = [r for a, r in resources.items() if a.kind == "adset"]
    assert "genders" not in adset.fields["targeting"] and "interests" not in adset.fields["targeting"]


def test_unknown_targeted_interest_is_a_spec_error_at_its_entry(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, campaign(google={"campaign_interests": ["Knitting"]}))
    [issue] = caught.value.issues
    assert issue.field == "spec.google.campaign_interests[0]" and "Knitting" in issue.message


def test_unknown_excluded_interest_is_a_spec_error_at_its_entry(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, campaign(google={"negative_interests": ["Knitting"]}))
    [issue] = caught.value.issues
    text = (tmp_path / "specs" / "all.yaml").read_text().splitlines()
    assert issue.field == "spec.google.negative_interests[0]" and "Knitting" in issue.message
    assert "'g'" in issue.message and text[issue.line - 1][issue.column - 1 :].startswith("Knitting")


def test_ad_group_exclusions_are_negative_criteria_of_that_ad_group_beside_its_targeting(
    tmp_path: Path,
) -> None:
    """A console's shape: the ad group targets women aged 25-44 and excludes people of undetermined age,
    men and an interest; its neighbour is left alone, and Meta sees none of it."""
    groups = [
        {
            "name": "Excluding",
            "targeting": {"ages": {"min": 25, "max": 44}, "genders": ["female"]},
            "google": {
                "negative_ages": ["undetermined"],
                "negative_genders": ["male"],
                "negative_interests": ["Travel"],
            },
        },
        {"name": "Plain"},
    ]
    resources = compiled(tmp_path, campaign(ad_groups=groups))
    criteria = {a.path: r.fields for a, r in resources.items() if a.kind == "ad_group_criterion"}
    assert {p: f for p, f in criteria.items() if f.get("negative")} == {
        f"c/Excluding/negative_{kind.lower()}:{value}": {"type": kind, kind.lower(): value, "negative": True}
        for kind, value in (
            ("AGE_RANGE", "AGE_RANGE_UNDETERMINED"),
            ("GENDER", "MALE"),
            ("USER_INTEREST", "222"),
        )
    }
    assert sorted(p for p, f in criteria.items() if not f.get("negative")) == [
        "c/Excluding/age_range:AGE_RANGE_25_34",
        "c/Excluding/age_range:AGE_RANGE_35_44",
        "c/Excluding/gender:FEMALE",
    ]
    assert not any(a.kind == "campaign_criterion" and r.fields.get("negative") for a, r in resources.items())
    for adset in (r for a, r in resources.items() if a.kind == "adset"):
        assert "exclusions" not in adset.fields["targeting"]


@pytest.mark.parametrize(
    ("google", "field", "found"),
    [
        ({"negative_ages": ["undetermined", "35-44"]}, "negative_ages[1]", "'35-44', which the ad group's "),
        ({"negative_genders": ["female"]}, "negative_genders[0]", "'female', which the ad group's targeting"),
        ({"negative_interests": ["Running"]}, "negative_interests[0]", "'Running', which the ad group's"),
        (
            {"negative_interests": ["Travel"]},
            "negative_interests[0]",
            "'Travel', which the ad group's targeting.exclude",
        ),
    ],
)
def test_an_ad_group_exclusion_its_targeting_also_targets_is_a_spec_error_at_its_line(
    tmp_path: Path, google: dict[str, Any], field: str, found: str
) -> None:
    """Google refuses to target and exclude one criterion in an ad group (CANNOT_TARGET_AND_EXCLUDE); an
    interest both the targeting and the option exclude would be one criterion written twice."""
    targeting = {
        "ages": {"min": 25, "max": 44},
        "genders": ["female"],
        "interests": ["Running"],
        "exclude": {"interests": ["Travel"]},
    }
    group = {"name": "Main", "targeting": targeting, "google": google}
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, campaign(ad_groups=[group]))
    [issue] = caught.value.issues
    assert issue.field == f"spec.ad_groups[0].google.{field}" and f"found {found}" in issue.message
    assert issue.line is not None


def test_unknown_interest_an_ad_group_excludes_is_a_spec_error_at_its_entry(tmp_path: Path) -> None:
    group = {"name": "Main", "google": {"negative_interests": ["Knitting"]}}
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, campaign(ad_groups=[group]))
    [issue] = caught.value.issues
    text = (tmp_path / "specs" / "all.yaml").read_text().splitlines()
    assert issue.field == "spec.ad_groups[0].google.negative_interests[0]" and "Knitting" in issue.message
    assert text[issue.line - 1][issue.column - 1 :].startswith("Knitting")


def test_problems_found_while_compiling_point_at_their_field(tmp_path: Path) -> None:
    docs = [campaign("a"), campaign("b", budget={"daily": "1.50", "currency": "USD"})]
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, *docs)
    [issue] = caught.value.issues
    text = (tmp_path / "specs" / "all.yaml").read_text().splitlines()
    assert issue.field == "spec.budget"
    assert text[issue.line - 1].strip() == "budget:"
    assert issue.line > text.index("  name: b")  # in the second document, not the first


def test_keywords_are_keyed_case_insensitively_and_deduplicated(tmp_path: Path) -> None:
    doc = campaign(
        google={
            "keywords": [{"text": "Running Shoes", "match": "exact"}],
            "negative_keywords": [{"text": "Free", "match": "broad"}],
        },
        ad_groups=[{"name": "g1", "keywords": [{"text": "running shoes", "match": "exact"}]}],
    )
    resources = compiled(tmp_path, doc)
    keywords = [r for a, r in resources.items() if a.kind == "ad_group_criterion" and "keyword" in a.path]
    assert [r.address.path for r in keywords] == ["c/g1/keyword:EXACT:running shoes"]
    negative = get(resources, "google", "campaign_criterion", "c/negative_keyword:BROAD:free")
    assert negative.fields == {
        "type": "KEYWORD",
        "keyword_text": "Free",
        "keyword_match_type": "BROAD",
        "negative": True,
    }


def test_an_ad_groups_own_keyword_takes_the_place_of_the_campaigns_of_the_same_text_there(
    tmp_path: Path,
) -> None:
    """The campaign's keywords go to every ad group; an ad group saying the same keyword (text and match
    type, as Google tells them apart) with a bid or landing page of its own has its own there alone."""
    own = {"text": "running shoes sale", "match": "phrase", "cpc_bid": "2.00"}
    doc = campaign(
        google={"keywords": [{"text": "Running Shoes Sale", "match": "phrase", "cpc_bid": "3.00"}]},
        ad_groups=[{"name": "g1", "keywords": [own]}, {"name": "g2"}],
    )
    resources = compiled(tmp_path, doc)
    bids = {
        r.address.path: r.fields.get("cpc_bid_micros")
        for r in resources.values()
        if r.address.kind == "ad_group_criterion" and "keyword" in r.address.path
    }
    assert bids == {
        "c/g1/keyword:PHRASE:running shoes sale": 2_000_000,
        "c/g2/keyword:PHRASE:running shoes sale": 3_000_000,
    }


def test_creatives_become_rsas_and_meta_link_creatives(tmp_path: Path) -> None:
    primary = {**CREATIVE, "primary_text": "Body text", "call_to_action": "shop_now"}
    resources = compiled(tmp_path, campaign(creatives=[primary]))
    rsa = get(resources, "google", "ad_group_ad", "c/default/main").fields
    assert rsa["type"] == "RESPONSIVE_SEARCH_AD" and rsa["final_urls"] == ["https://example.com/"]
    assert "name" not in rsa  # v26 Ad.name is for other ad types: the creative's name is the address's
    creative = get(resources, "meta", "adcreative", "c/default/main").fields
    assert (creative["title"], creative["body"], creative["description"]) == (
        "One headline",
        "Body text",
        "First description.",
    )
    assert creative["call_to_action_type"] == "SHOP_NOW"
    ad = get(resources, "meta", "ad", "c/default/main")
    assert ad.refs == {
        "adset": Address("meta", "m", "adset", "c/default"),
        "creative": Address("meta", "m", "adcreative", "c/default/main"),
    }


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"headlines": []}, {"body": "First description.", "description": "Second description."}),
        ({"headlines": [], "descriptions": []}, {}),
        ({"headlines": [], "descriptions": [], "primary_text": "Body"}, {"body": "Body"}),
    ],
    ids=["no-headline", "no-text-at-all", "primary-text-only"],
)
def test_a_meta_creative_without_headlines_or_texts_sends_no_title_or_body(
    tmp_path: Path, texts: dict[str, Any], expected: dict[str, str]
) -> None:
    """A creative of Meta's alone may leave out its headline (link_data ``name``) and texts (``message``,
    ``description``), which Meta's link ad does not require: none is sent, never an empty one."""
    meta_only = {**CREATIVE, **texts, "platforms": ["meta"]}
    resources = compiled(tmp_path, campaign(creatives=[CREATIVE, {**meta_only, "name": "bare"}]))
    creative = get(resources, "meta", "adcreative", "c/default/bare").fields
    assert {k: creative[k] for k in ("title", "body", "description") if k in creative} == expected
    assert creative["link_url"] == "https://example.com/"


def test_additional_final_urls_follow_the_final_url_on_google_only(tmp_path: Path) -> None:
    more = ["https://example.com/b", "https://example.com/a"]
    creative = {**CREATIVE, "google": {"additional_final_urls": more}}
    resources = compiled(tmp_path, campaign(creatives=[creative]))
    rsa = get(resources, "google", "ad_group_ad", "c/default/main").fields
    assert rsa["final_urls"] == ["https://example.com/", *more]  # in order: Google serves the first
    assert get(resources, "meta", "adcreative", "c/default/main").fields["link_url"] == "https://example.com/"


def test_a_creative_name_on_each_platform_compiles_to_that_platforms_creative(tmp_path: Path) -> None:
    """Two creatives of one name with disjoint platforms: an ad group naming it runs Google's on Google and
    Meta's on Meta; ``call_to_action: none`` sends Meta no call to action at all."""
    on_meta = {
        "name": "main",
        "platforms": ["meta"],
        "headlines": ["A title Google never shows"],
        "descriptions": [],
        "primary_text": "Body text",
        "final_url": "https://example.com/meta",
        "call_to_action": "none",
    }
    doc = campaign(
        creatives=[{**CREATIVE, "platforms": ["google"]}, on_meta],
        ad_groups=[{"name": "g1", "creatives": ["main"], "keywords": [{"text": "shoes"}]}],
    )
    resources = compiled(tmp_path, doc)
    rsa = get(resources, "google", "ad_group_ad", "c/g1/main").fields
    assert rsa["headlines"] == sorted(CREATIVE["headlines"])
    assert rsa["final_urls"] == ["https://example.com/"]
    creative = get(resources, "meta", "adcreative", "c/g1/main").fields
    assert (creative["title"], creative["body"], creative["link_url"]) == (
        "A title Google never shows",
        "Body text",
        "https://example.com/meta",
    )
    assert "call_to_action_type" not in creative and "description" not in creative
    assert [a.path for a in resources if a.kind in ("ad_group_ad", "ad")] == ["c/g1/main", "c/g1/main"]


def test_meta_creatives_run_as_the_accounts_page(tmp_path: Path) -> None:
    platforms = {"meta": {"account": "mj"}}
    resources = compiled(tmp_path, campaign(platforms=platforms, budget={"daily": "2000", "currency": "JPY"}))
    creative = resources[Address("meta", "mj", "adcreative", "c/default/main")]
    assert creative.fields["page_id"] == "1122334455"
    other = compiled(tmp_path / "other", campaign())
    assert "page_id" not in get(other, "meta", "adcreative", "c/default/main").fields


def test_every_resource_carries_source_digest_and_lifecycle(tmp_path: Path) -> None:
    resources = compiled(tmp_path, campaign(lifecycle={"on_remove": "delete"}))
    assert {r.on_remove for r in resources.values()} == {"delete"}
    assert {r.source for r in resources.values()} == {"specs/all.yaml:1"}
    assert len({r.spec_digest for r in resources.values()}) == 1


def test_meta_schedule_uses_the_campaign_time_zone(tmp_path: Path) -> None:
    doc = campaign(schedule={"start": "2026-07-01", "end": "2026-07-31", "time_zone": "America/New_York"})
    adset = get(compiled(tmp_path, doc), "meta", "adset", "c/default").fields
    assert (adset["start_time"], adset["end_time"]) == (
        "2026-07-01T00:00:00-0400",
        "2026-07-31T23:59:59-0400",
    )
    google = get(compiled_again(tmp_path, doc), "google", "campaign", "c").fields
    assert (google["start_date"], google["end_date"]) == ("2026-07-01", "2026-07-31")


def compiled_again(tmp_path: Path, doc: dict[str, Any]) -> dict[Address, Resource]:
    return compiled(tmp_path / "again", doc)


def test_account_filter(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(SETTINGS))
    (tmp_path / "specs" / "c.yaml").write_text(yaml.safe_dump(campaign()))
    only_meta = compile_workspace(load_workspace(tmp_path), resolver_for=resolver, accounts=["m"])
    assert {r.address.account for r in only_meta.resources} == {"m"}


def _abo(**spec: Any) -> dict[str, Any]:
    """A campaign whose Meta ad sets carry the budget (10.00 USD: 6.00 Google, 4.00 Meta)."""
    groups = [
        {"name": "a", "meta": {"budget": {"daily": "2.50"}}},
        {"name": "b", "meta": {"budget": {"daily": "1.50"}}},
        {"name": "search", "platforms": ["google"]},
    ]
    split = {"by": "amount", "google": "6.00", "meta": "4.00"}
    return campaign(budget={"daily": "10.00", "currency": "USD", "split": split}, ad_groups=groups, **spec)


def test_ad_set_budgets_leave_the_meta_campaign_without_one(tmp_path: Path) -> None:
    resources = compiled(tmp_path, _abo())
    meta_campaign = get(resources, "meta", "campaign", "c").fields
    assert "daily_budget" not in meta_campaign and "lifetime_budget" not in meta_campaign
    # Marketing API v24.0+: a campaign without a budget says whether its ad sets share theirs.
    assert meta_campaign["is_adset_budget_sharing_enabled"] is False
    assert get(resources, "meta", "adset", "c/a").fields["daily_budget"] == 250
    assert get(resources, "meta", "adset", "c/b").fields["daily_budget"] == 150
    # Google keeps its share of the unified budget on its campaign budget.
    assert get(resources, "google", "campaign_budget", "c").fields["amount_micros"] == 6_000_000


def test_ad_sets_share_their_budgets_when_the_campaign_says_so(tmp_path: Path) -> None:
    shared = compiled(tmp_path / "shared", _abo(meta={"adset_budget_sharing": True}))
    assert get(shared, "meta", "campaign", "c").fields["is_adset_budget_sharing_enabled"] is True
    own = get(compiled(tmp_path / "own", campaign()), "meta", "campaign", "c").fields
    assert "is_adset_budget_sharing_enabled" not in own  # a campaign budget: nothing to share


def test_lifetime_ad_set_budgets(tmp_path: Path) -> None:
    groups = [{"name": "a", "meta": {"budget": {"lifetime": "300"}}}]
    doc = campaign(
        platforms={"meta": {"account": "m"}},
        budget={"lifetime": "300", "currency": "USD"},
        schedule={"start": "2026-12-01", "end": "2026-12-31"},
        ad_groups=groups,
    )
    adset = get(compiled(tmp_path, doc), "meta", "adset", "c/a").fields
    assert adset["lifetime_budget"] == 30_000 and "daily_budget" not in adset


def _mixed(late: str = "300") -> dict[str, Any]:
    """``_abo`` with ad set 'b' on a lifetime budget of ``late`` over its own April dates: the campaign's
    daily 4.00 USD Meta share is ad set 'a''s alone."""
    doc = _abo()
    a, b, _ = doc["spec"]["ad_groups"]
    a["meta"]["budget"] = {"daily": "4.00"}
    b["meta"] = {"budget": {"lifetime": late}, "schedule": {"start": "2026-04-01", "end": "2026-04-30"}}
    return doc


def test_ad_set_budgets_of_both_periods_keep_each_its_own(tmp_path: Path) -> None:
    resources = compiled(tmp_path, _mixed())
    meta_campaign = get(resources, "meta", "campaign", "c").fields
    assert "daily_budget" not in meta_campaign and "lifetime_budget" not in meta_campaign
    daily, lifetime = (get(resources, "meta", "adset", f"c/{n}").fields for n in "ab")
    assert daily["daily_budget"] == 400 and "lifetime_budget" not in daily
    assert lifetime["lifetime_budget"] == 30_000 and "daily_budget" not in lifetime
    assert lifetime["end_time"].startswith("2026-04-30T23:59:59")


def test_an_ad_set_budget_of_the_other_period_is_not_counted_in_the_campaign_budget(tmp_path: Path) -> None:
    doc = _mixed()
    doc["spec"]["ad_groups"][0]["meta"]["budget"] = {"daily": "1.00"}  # 1.00 daily + 300 lifetime ≠ 4.00
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, doc)
    [issue] = caught.value.issues
    assert issue.field == "spec.budget"
    assert issue.message.startswith("the daily ad set budgets (meta.budget of the ad groups) sum to 1.00 USD")
    assert issue.message.endswith("; the lifetime budgets of 'b' are on top of it, not part of it")


@pytest.mark.parametrize(
    ("budgets", "field", "message"),
    [
        (
            ("2.50", "2.00"),
            "spec.budget",
            "sum to 4.50 USD; expected the campaign's daily budget on meta, 4.00 USD",
        ),
        (
            ("3.50", "0.50"),
            "spec.ad_groups[1].meta.budget.daily",
            "expected at least 1.00 USD (Meta's minimum",
        ),
    ],
)
def test_ad_set_budgets_must_be_the_meta_share(
    tmp_path: Path, budgets: tuple[str, str], field: str, message: str
) -> None:
    doc = _abo()
    for group, amount in zip(doc["spec"]["ad_groups"], budgets, strict=False):
        group["meta"]["budget"]["daily"] = amount
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, doc)
    [issue] = caught.value.issues
    assert issue.field == field and message in issue.message
    text = (tmp_path / "specs" / "all.yaml").read_text().splitlines()
    assert text[issue.line - 1].strip().startswith(field.rsplit(".", 1)[-1] + ":")


def _one_name_per_platform(meta_budget: str = "2.50") -> dict[str, Any]:
    """Ad group "a" twice, once per platform; Meta's carries its own budget, targeting and status."""
    groups = [
        {"name": "a", "platforms": ["google"], "keywords": [{"text": "shoes"}]},
        {"name": "b", "meta": {"budget": {"daily": "1.50"}}},
        {
            "name": "a",
            "platforms": ["meta"],
            "status": "paused",
            "targeting": {"ages": {"min": 30, "max": 40}},
            "meta": {"budget": {"daily": meta_budget}},
        },
    ]
    split = {"by": "amount", "google": "6.00", "meta": "4.00"}
    return campaign(budget={"daily": "10.00", "currency": "USD", "split": split}, ad_groups=groups)


def test_an_ad_group_name_on_each_platform_compiles_to_that_platforms_group(tmp_path: Path) -> None:
    resources = compiled(tmp_path, _one_name_per_platform())
    google = get(resources, "google", "ad_group", "c/a").fields
    assert google["status"] == "ENABLED"
    assert get(resources, "google", "ad_group_criterion", "c/a/keyword:BROAD:shoes")
    assert not [a for a in resources if a.kind == "ad_group_criterion" and a.path.startswith("c/a/age")]
    adset = get(resources, "meta", "adset", "c/a").fields
    assert (adset["status"], adset["daily_budget"]) == ("PAUSED", 250)
    assert (adset["targeting"]["age_min"], adset["targeting"]["age_max"]) == (30, 40)
    assert get(resources, "meta", "adset", "c/b").fields["daily_budget"] == 150
    groups = sorted(a.path for a in resources if a.kind in ("ad_group", "adset"))
    assert groups == ["c/a", "c/a", "c/b", "c/b"]


def test_an_ad_set_budget_problem_points_at_the_meta_entry_of_its_name(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, _one_name_per_platform(meta_budget="0.50"))
    messages = {i.field: i.message for i in caught.value.issues}
    assert sorted(messages) == ["spec.ad_groups[2].meta.budget.daily", "spec.budget"]
    assert "Meta's minimum daily ad set budget" in messages["spec.ad_groups[2].meta.budget.daily"]


def test_an_ad_set_runs_on_its_own_dates(tmp_path: Path) -> None:
    groups = [
        {"name": "early", "meta": {"schedule": {"end": "2026-07-10"}}},
        {"name": "open", "meta": {"schedule": {"start": "2026-07-05", "end": None}}},
        {"name": "same"},
    ]
    doc = campaign(
        schedule={"start": "2026-07-01", "end": "2026-07-31", "time_zone": "America/New_York"},
        ad_groups=groups,
    )
    resources = compiled(tmp_path, doc)
    times = {
        name: tuple(
            get(resources, "meta", "adset", f"c/{name}").fields.get(k) for k in ("start_time", "end_time")
        )
        for name in ("early", "open", "same")
    }
    assert times == {
        "early": ("2026-07-01T00:00:00-0400", "2026-07-10T23:59:59-0400"),
        "open": ("2026-07-05T00:00:00-0400", None),
        "same": ("2026-07-01T00:00:00-0400", "2026-07-31T23:59:59-0400"),
    }
    google = get(resources, "google", "campaign", "c").fields
    assert (google["start_date"], google["end_date"]) == ("2026-07-01", "2026-07-31")


def shared_budget(name: str = "pool", daily: str = "90.00", account: str = "g") -> dict[str, Any]:
    return {
        "apiVersion": "midas/v1",
        "kind": "SharedBudget",
        "metadata": {"name": name},
        "spec": {"account": account, "daily": daily, "currency": "USD"},
    }


def test_a_shared_budget_is_one_budget_its_campaigns_refer_to(tmp_path: Path) -> None:
    google_only = campaign("a", platforms={"google": {"account": "g"}}, google={"shared_budget": "pool"})
    del google_only["spec"]["budget"]
    both = campaign("b", google={"shared_budget": "pool"}, budget={"daily": "10.00", "currency": "USD"})
    resources = compiled(tmp_path, shared_budget(), google_only, both)
    pool = get(resources, "google", "campaign_budget", "%shared/pool")
    assert pool.fields == {
        "name": "pool",
        "amount_micros": 90_000_000,
        "delivery_method": "STANDARD",
        "explicitly_shared": True,
    }
    assert pool.source == "specs/all.yaml:1"
    budgets = [a for a in resources if a.kind == "campaign_budget" and a.platform == "google"]
    assert budgets == [pool.address]  # no campaign has a budget of its own on Google
    for name in ("a", "b"):
        assert get(resources, "google", "campaign", name).refs == {"campaign_budget": pool.address}
    # The campaign's own budget is its Meta half, whole.
    assert get(resources, "meta", "campaign", "b").fields["daily_budget"] == 1000


def test_a_policy_gives_a_campaign_on_a_shared_budget_its_meta_share_only(tmp_path: Path) -> None:
    policy = {
        "apiVersion": "midas/v1",
        "kind": "BudgetPolicy",
        "metadata": {"name": "split"},
        "spec": {"total": "30.00", "currency": "USD", "strategy": "equal"},
    }
    on_pool = campaign("a", google={"shared_budget": "pool"}, budget={"policy": "split"})
    own = campaign("b", platforms={"google": {"account": "g"}}, budget={"policy": "split"})
    resources = compiled(tmp_path, policy, shared_budget(), on_pool, own)
    assert get(resources, "meta", "campaign", "a").fields["daily_budget"] == 1500
    assert get(resources, "google", "campaign", "a").refs["campaign_budget"].path == "%shared/pool"
    assert get(resources, "google", "campaign_budget", "b").fields["amount_micros"] == 15_000_000


def test_a_campaign_budget_named_like_a_shared_budget_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        compiled(tmp_path, shared_budget("pool"), campaign("pool"))
    assert "the campaign's budget would be named 'pool', the name of shared budget 'pool'" in str(
        caught.value
    )


def test_the_account_filter_leaves_out_shared_budgets_of_other_accounts(tmp_path: Path) -> None:
    compiled(tmp_path, shared_budget())
    result = compile_workspace(load_workspace(tmp_path), resolver_for=resolver, accounts=["m"])
    assert result.resources == []


def test_a_shared_budget_no_campaign_uses_is_planned_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(SETTINGS))
    docs = [shared_budget("pool"), shared_budget("idle"), campaign("a", google={"shared_budget": "pool"})]
    (tmp_path / "specs" / "all.yaml").write_text(yaml.safe_dump_all(docs, sort_keys=False))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=resolver)
    assert [w for w in result.warnings if "funds no campaign" in w] == [
        "shared budget 'idle' (specs/all.yaml:10) funds no campaign of the specs; it is planned all the same"
    ]
    assert Address("google", "g", "campaign_budget", "%shared/idle") in {r.address for r in result.resources}


def test_options_of_a_platform_the_campaign_does_not_run_on_are_a_warning(tmp_path: Path) -> None:
    """An EU political advertising declaration on a Meta-only campaign does nothing: the plan says so."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(SETTINGS))
    meta_only = campaign(platforms={"meta": {"account": "m"}}, google={"eu_political_advertising": True})
    both = campaign("both", google={"eu_political_advertising": True})
    (tmp_path / "specs" / "c.yaml").write_text(yaml.safe_dump_all([meta_only, both], sort_keys=False))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=resolver)
    assert result.warnings == [
        "specs/c.yaml:1: campaign 'c' does not run on google, so its google: options "
        "(eu_political_advertising) do nothing"
    ]


APP = {"store": "google_play", "id": "com.example.game", "meta_app_id": "42"}
PLAY_PAGE = "https://play.google.com/store/apps/details?id=com.example.game"


def test_an_app_promotion_creative_without_a_final_url_links_to_the_apps_store_page(tmp_path: Path) -> None:
    creative = {k: v for k, v in CREATIVE.items() if k != "final_url"}
    resources = compiled(
        tmp_path,
        campaign(
            platforms={"meta": {"account": "m"}},
            objective="app_promotion",
            app=APP,
            creatives=[creative, {**CREATIVE, "name": "own", "final_url": PLAY_PAGE}],
        ),
    )
    links = {
        r.address.path: r.fields["link_url"] for r in resources.values() if r.address.kind == "adcreative"
    }
    assert links == {"c/default/main": PLAY_PAGE, "c/default/own": PLAY_PAGE}


def test_ad_sets_counting_conversions_name_the_pixel_and_event_field_by_field(tmp_path: Path) -> None:
    """The account's pixel and the objective's event, unless the campaign's or the ad group's
    ``meta.conversion`` names others; an ad set optimising for anything else counts one only when its ad
    group names one."""
    resources = compiled(
        tmp_path,
        campaign(
            "s", ad_groups=[{"name": "a"}, {"name": "b", "meta": {"conversion": {"event": "add_to_cart"}}}]
        ),
        campaign("l", objective="leads", meta={"conversion": {"pixel_id": 99}}),
        campaign(
            "t",
            objective="traffic",
            ad_groups=[{"name": "plain"}, {"name": "counted", "meta": {"conversion": {"event": "lead"}}}],
        ),
        campaign(
            "v",
            objective="traffic",
            meta={"optimization_goal": "value", "conversion": {"event": "purchase"}},
            platforms={"meta": {"account": "mj"}},
            budget={"daily": "1000", "currency": "JPY"},
        ),
    )
    promoted = {
        (r.address.account, r.address.path): r.fields.get("promoted_object")
        for r in resources.values()
        if r.address.kind == "adset"
    }
    assert promoted == {
        ("m", "s/a"): {"pixel_id": "1111", "custom_event_type": "PURCHASE"},
        ("m", "s/b"): {"pixel_id": "1111", "custom_event_type": "ADD_TO_CART"},
        ("m", "l/default"): {"pixel_id": "99", "custom_event_type": "LEAD"},
        ("m", "t/plain"): None,
        ("m", "t/counted"): {"pixel_id": "1111", "custom_event_type": "LEAD"},
        ("mj", "v/default"): {"pixel_id": "2222", "custom_event_type": "PURCHASE"},
    }


def test_ad_sets_counting_a_custom_conversion_name_its_id_alone(tmp_path: Path) -> None:
    """The nearest custom conversion is the ad set's promoted object by its id alone, unless its ad group
    names a pixel or event, which then counts the account pixel's or its own, never the campaign's custom
    conversion beside them."""
    resources = compiled(
        tmp_path,
        campaign(
            "s",
            meta={"conversion": {"custom_conversion_id": "555"}},
            ad_groups=[
                {"name": "a"},
                {"name": "b", "meta": {"conversion": {"event": "add_to_cart"}}},
                {"name": "c", "meta": {"conversion": {"pixel_id": 99}}},
                {"name": "d", "meta": {"conversion": {"custom_conversion_id": 777}}},
                {"name": "e", "meta": {"optimization_goal": "link_clicks"}},
                {"name": "f", "meta": {"optimization_goal": "link_clicks", "conversion": {}}},
            ],
        ),
        campaign(
            "t",
            objective="traffic",
            meta={"conversion": {"event": "lead"}},
            ad_groups=[{"name": "counted", "meta": {"conversion": {"custom_conversion_id": "888"}}}],
        ),
    )
    promoted = {
        r.address.path: r.fields.get("promoted_object")
        for r in resources.values()
        if r.address.kind == "adset"
    }
    assert promoted == {
        "s/a": {"custom_conversion_id": "555"},
        "s/b": {"pixel_id": "1111", "custom_event_type": "ADD_TO_CART"},
        "s/c": {"pixel_id": "99", "custom_event_type": "PURCHASE"},
        "s/d": {"custom_conversion_id": "777"},
        "s/e": None,
        "s/f": {"custom_conversion_id": "555"},
        "t/counted": {"custom_conversion_id": "888"},
    }


def test_ad_sets_counting_a_custom_event_name_it_as_other_with_its_name(tmp_path: Path) -> None:
    """A custom event is the type OTHER and the name as written (Meta's names are case-sensitive); the
    event, standard or custom, is one field: the nearest naming either gives it, and the pixel is field by
    field as ever."""
    resources = compiled(
        tmp_path,
        campaign(
            "s",
            meta={"conversion": {"custom_event": "SignedUpForDemo"}},
            ad_groups=[
                {"name": "a"},
                {"name": "b", "meta": {"conversion": {"event": "add_to_cart"}}},
                {"name": "c", "meta": {"conversion": {"pixel_id": 99}}},
                {"name": "d", "meta": {"conversion": {"custom_event": "booked demo"}}},
            ],
        ),
        campaign(
            "l", objective="leads", ad_groups=[{"name": "x", "meta": {"conversion": {"custom_event": "Q"}}}]
        ),
    )
    promoted = {
        r.address.path: r.fields.get("promoted_object")
        for r in resources.values()
        if r.address.kind == "adset"
    }
    other = {"custom_event_type": "OTHER"}
    assert promoted == {
        "s/a": {"pixel_id": "1111", **other, "custom_event_str": "SignedUpForDemo"},
        "s/b": {"pixel_id": "1111", "custom_event_type": "ADD_TO_CART"},
        "s/c": {"pixel_id": "99", **other, "custom_event_str": "SignedUpForDemo"},
        "s/d": {"pixel_id": "1111", **other, "custom_event_str": "booked demo"},
        "l/x": {"pixel_id": "1111", **other, "custom_event_str": "Q"},
    }


def test_a_pixel_rule_travels_with_the_event_it_narrows_as_compact_json(tmp_path: Path) -> None:
    """The rule is JSON text with sorted keys and no spacing (its meaning, as read back); an ad group naming
    its own event counts it without the campaign's rule, one naming its pixel alone keeps the rule."""
    rule = {"url": {"i_contains": "thanks"}, "and": [{"value": {"gt": 10}}]}
    resources = compiled(
        tmp_path,
        campaign(
            "s",
            meta={"conversion": {"custom_event": "Booked", "pixel_rule": rule}},
            ad_groups=[
                {"name": "a"},
                {"name": "b", "meta": {"conversion": {"event": "lead"}}},
                {"name": "c", "meta": {"conversion": {"pixel_id": 99}}},
            ],
        ),
    )
    promoted = {
        r.address.path: r.fields.get("promoted_object")
        for r in resources.values()
        if r.address.kind == "adset"
    }
    text = '{"and":[{"value":{"gt":10}}],"url":{"i_contains":"thanks"}}'
    custom = {"custom_event_type": "OTHER", "custom_event_str": "Booked", "pixel_rule": text}
    assert promoted == {
        "s/a": {"pixel_id": "1111", **custom},
        "s/b": {"pixel_id": "1111", "custom_event_type": "LEAD"},
        "s/c": {"pixel_id": "99", **custom},
    }


def test_a_pixel_rule_s_fractional_number_is_sent_as_meta_reads_it_back(tmp_path: Path) -> None:
    """YAML loads ``10.50`` as a Decimal: sent as the JSON number 10.5, which Meta's text read back (as sent,
    or with the number written ``10.50``) compares equal to, so the rule plans no change after its apply."""
    resources = compiled(
        tmp_path,
        campaign("s", meta={"conversion": {"event": "purchase", "pixel_rule": {"value": {"gt": 10.50}}}}),
    )
    [adset] = [r for r in resources.values() if r.address.kind == "adset"]
    sent = adset.fields["promoted_object"]
    assert sent["pixel_rule"] == '{"value":{"gt":10.5}}'
    for echoed in (sent["pixel_rule"], '{"value": {"gt": 10.50}}'):
        assert promoted_object({**sent, "pixel_rule": echoed}) == sent


@pytest.mark.parametrize("rule", [{"value": {"gt": Decimal("10.5")}}, '{"value": {"gt": 10.5}}'])
def test_a_pixel_rule_s_text_is_its_meaning_whether_a_spec_or_meta_wrote_it(rule: object) -> None:
    assert meta_pixel_rule_text(rule) == '{"value":{"gt":10.5}}'


@pytest.mark.parametrize(
    "rule",
    ['{"value": {"gt": NaN}}', '{"value": {"gt": Infinity}}', {"value": Decimal("NaN")}, {"d": date.min}],
)
def test_a_pixel_rule_json_cannot_hold_is_no_rule(rule: object) -> None:
    """Python's JSON reads NaN and Infinity, which JSON (and Meta) has not."""
    assert meta_pixel_rule_text(rule) is None


@pytest.mark.parametrize(
    ("campaign_meta", "group_meta", "expected"),
    [
        ({"placements": ["Instagram", "facebook"]}, {}, {"publisher_platforms": ["facebook", "instagram"]}),
        (
            {"placements": {"facebook": ["story", "Feed"], "instagram": None}, "devices": ["mobile"]},
            {},
            {
                "publisher_platforms": ["facebook", "instagram"],
                "facebook_positions": ["feed", "story"],
                "device_platforms": ["mobile"],
            },
        ),
        (
            {"placements": {"facebook": ["feed"]}, "devices": ["mobile"]},
            {"placements": {"threads": ["threads_stream"], "instagram": ["stream"]}, "devices": []},
            {
                "publisher_platforms": ["instagram", "threads"],
                "instagram_positions": ["stream"],
                "threads_positions": ["threads_stream"],
            },
        ),
        (
            {"placements": {"facebook": ["feed"]}, "devices": ["desktop"]},
            {"placements": []},
            {"device_platforms": ["desktop"]},
        ),
    ],
    ids=["platforms", "positions-and-devices", "the-ad-group-s-own", "automatic-on-desktops"],
)
def test_meta_placements_by_position_and_device_compile_to_the_ad_set_targeting(
    tmp_path: Path, campaign_meta: dict[str, Any], group_meta: dict[str, Any], expected: dict[str, list[str]]
) -> None:
    """``meta.placements`` (platforms, or positions by platform) and ``meta.devices`` compile to the ad set's
    ``publisher_platforms``, ``<platform>_positions`` and ``device_platforms``; an ad group's own replace
    the campaign's, and what names nothing sends nothing (Meta's defaults: all of them)."""
    doc = campaign(
        platforms={"meta": {"account": "m"}},
        meta=campaign_meta,
        ad_groups=[{"name": "a", "meta": group_meta}],
    )
    targeting = get(compiled(tmp_path, doc), "meta", "adset", "c/a").fields["targeting"]
    placed = {k: v for k, v in targeting.items() if k in PLACEMENT_KEYS}
    assert placed == expected


@pytest.mark.parametrize(
    ("app", "store_page", "os"),
    [
        (APP, PLAY_PAGE, "Android"),
        (
            {
                "store": "app_store",
                "id": "284882215",
                "meta_app_id": "7",
                "store_url": "https://apps.apple.com/us/app/id284882215",
            },
            "https://apps.apple.com/us/app/id284882215",
            "iOS",
        ),
    ],
)
def test_a_meta_app_promotion_ad_set_promotes_the_app_on_its_mobile_os(
    tmp_path: Path, app: dict[str, str], store_page: str, os: str
) -> None:
    """Meta's app-install ad set names the app (``promoted_object``: application_id, object_store_url),
    optimises for installs billed by impressions and targets the app's mobile OS on mobile devices."""
    creative = {k: v for k, v in CREATIVE.items() if k != "final_url"}
    doc = campaign(
        platforms={"meta": {"account": "m"}},
        objective="app_promotion",
        app=app,
        creatives=[creative],
        ad_groups=[{"name": "a"}, {"name": "b", "targeting": {"ages": {"min": 30}}}],
    )
    resources = compiled(tmp_path, doc)
    for group in ("a", "b"):
        adset = get(resources, "meta", "adset", f"c/{group}").fields
        assert adset["promoted_object"] == {
            "application_id": app["meta_app_id"],
            "object_store_url": store_page,
        }
        assert (adset["optimization_goal"], adset["billing_event"]) == ("APP_INSTALLS", "IMPRESSIONS")
        assert (adset["targeting"]["user_os"], adset["targeting"]["device_platforms"]) == ([os], ["mobile"])
    assert get(resources, "meta", "campaign", "c").fields["objective"] == "OUTCOME_APP_PROMOTION"
    ad = get(resources, "meta", "adcreative", "c/a/main").fields
    assert (ad["link_url"], ad["call_to_action_type"]) == (store_page, "INSTALL_MOBILE_APP")


def test_other_campaigns_ad_sets_promote_no_app(tmp_path: Path) -> None:
    adset = get(compiled(tmp_path, campaign()), "meta", "adset", "c/default").fields
    assert "application_id" not in adset["promoted_object"] and "user_os" not in adset["targeting"]


@pytest.mark.parametrize(
    ("objective", "written", "meta_type"),
    [
        ("app_promotion", None, "INSTALL_MOBILE_APP"),  # the app-install button by default
        ("app_promotion", "learn_more", "LEARN_MORE"),  # as written, even the everywhere-else default
        ("app_promotion", "install_app", "INSTALL_MOBILE_APP"),
        ("sales", None, "LEARN_MORE"),
        # A mobile app's install button in app promotion only: other campaigns keep the type they always had.
        ("sales", "install_app", "INSTALL_APP"),
    ],
)
def test_the_call_to_action_of_a_meta_creative(
    tmp_path: Path, objective: str, written: str | None, meta_type: str
) -> None:
    creative = {k: v for k, v in CREATIVE.items() if k != "final_url" or objective != "app_promotion"}
    if written is not None:
        creative["call_to_action"] = written
    extra = {"app": APP} if objective == "app_promotion" else {}
    doc = campaign(platforms={"meta": {"account": "m"}}, objective=objective, creatives=[creative], **extra)
    fields = get(compiled(tmp_path, doc), "meta", "adcreative", "c/default/main").fields
    assert fields["call_to_action_type"] == meta_type


GOOGLE_APP = {"store": "app_store", "id": "1234567890", "meta_app_id": "42"}


@pytest.mark.parametrize(
    ("bidding", "strategy", "goal", "extra"),
    [
        ({}, "MAXIMIZE_CONVERSIONS", "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST", {}),
        (
            {"strategy": "maximize_conversions"},
            "MAXIMIZE_CONVERSIONS",
            "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST",
            {},
        ),
        (
            {"strategy": "target_cpa", "target_cpa": "1.50"},
            "TARGET_CPA",
            "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST",
            {"target_cpa_micros": 1_500_000},
        ),
        (
            {"strategy": "target_roas", "target_roas": "3.5"},
            "TARGET_ROAS",
            "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND",
            {"target_roas": "3.5"},
        ),
        (
            {"strategy": "maximize_conversion_value"},
            "MAXIMIZE_CONVERSION_VALUE",
            "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS",
            {},
        ),
        (
            {
                "app_goal": "optimize_in_app_conversions_without_target_cpa",
                "conversion_actions": [7002, "7001"],
            },
            "MAXIMIZE_CONVERSIONS",
            "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA",
            {"conversion_actions": ["7001", "7002"]},
        ),
    ],
)
def test_an_app_promotion_campaign_compiles_to_a_google_app_campaign(
    tmp_path: Path, bidding: dict[str, Any], strategy: str, goal: str, extra: dict[str, Any]
) -> None:
    creative = {k: v for k, v in CREATIVE.items() if k != "final_url"}
    resources = compiled(
        tmp_path,
        campaign(
            objective="app_promotion",
            app=GOOGLE_APP,
            targeting={"locations": ["US"], "languages": ["en"]},
            creatives=[creative],
            google={"bidding": bidding},
        ),
    )
    google = {
        (r.address.kind, r.address.path): r.fields
        for r in resources.values()
        if r.address.platform == "google"
    }
    expected_campaign = {
        "name": "c",
        "status": "ENABLED",
        "advertising_channel_type": "MULTI_CHANNEL",
        "advertising_channel_sub_type": "APP_CAMPAIGN",
        "app_campaign_setting": {
            "app_id": "1234567890",
            "app_store": "APPLE_APP_STORE",
            "bidding_strategy_goal_type": goal,
        },
        "bidding_strategy_type": strategy,
        "labels": ["midas-managed"],
        "contains_eu_political_advertising": False,
    }
    assert google.pop(("campaign", "c")) == {**expected_campaign, **extra}  # no network settings
    assert google.pop(("campaign_budget", "c"))["explicitly_shared"] is False
    assert google == {
        ("campaign_criterion", "c/location:2840"): {
            "type": "LOCATION",
            "geo_target_constant": "geoTargetConstants/2840",
        },
        ("campaign_criterion", "c/language:1000"): {
            "type": "LANGUAGE",
            "language_constant": "languageConstants/1000",
        },
        ("ad_group", "c/default"): {"name": "default", "status": "ENABLED", "labels": ["midas-managed"]},
        ("ad_group_ad", "c/default/main"): {  # named by its address alone: Google keeps no ad name
            "status": "ENABLED",
            "type": "APP_AD",
            "headlines": sorted(CREATIVE["headlines"]),
            "descriptions": sorted(CREATIVE["descriptions"]),
        },
    }


def test_a_google_only_app_campaigns_final_urls_and_calls_to_action_are_a_warning(tmp_path: Path) -> None:
    """App ads send people to the app's store page and show no call to action of the spec's: on a
    campaign running on Google alone, a creative's final_url or call_to_action does nothing."""
    resources = compiled(
        tmp_path,
        campaign(
            platforms={"google": {"account": "g"}},
            objective="app_promotion",
            app={"store": "google_play", "id": "com.example.game"},
            targeting={"locations": ["US"]},
            creatives=[{**CREATIVE, "call_to_action": "install_app"}],
        ),
    )
    [warnings] = {r.warnings for r in resources.values() if r.address.kind == "campaign"}
    assert [w.split(": ", 1)[1] for w in warnings] == [
        "creative 'main' of app campaign 'c' runs on Google only, whose app ads have no call_to_action, so "
        "its call_to_action does nothing",
        "creative 'main' of app campaign 'c' runs on Google only, whose app ads have no final_url, so its "
        "final_url does nothing",
    ]


#: The default bidding of a Display or Demand Gen campaign per objective.
OFF_SEARCH_BIDDING = [
    ("awareness", "TARGET_SPEND"),  # target impression share bids on search results pages only
    ("traffic", "TARGET_SPEND"),
    ("leads", "MAXIMIZE_CONVERSIONS"),
    ("sales", "MAXIMIZE_CONVERSION_VALUE"),
]
DISPLAY_CREATIVE = {
    **CREATIVE,
    "primary_text": "A long headline for the Display Network.",
    "google": {"marketing_images": ["22", "11"], "square_marketing_images": ["33"], "business_name": "Shop"},
}


@pytest.mark.parametrize(("objective", "bidding"), OFF_SEARCH_BIDDING)
def test_a_display_campaign_compiles_to_display_ad_groups_and_responsive_display_ads(
    tmp_path: Path, objective: str, bidding: str
) -> None:
    resources = compiled(
        tmp_path,
        campaign(objective=objective, creatives=[DISPLAY_CREATIVE], google={"channel": "display"}),
    )
    google_campaign = get(resources, "google", "campaign", "c").fields
    assert google_campaign["advertising_channel_type"] == "DISPLAY"
    assert google_campaign["bidding_strategy_type"] == bidding
    assert google_campaign["network_settings"] == {
        "target_google_search": False,
        "target_search_network": False,
        "target_content_network": True,
    }
    assert get(resources, "google", "ad_group", "c/default").fields["type"] == "DISPLAY_STANDARD"
    assert get(resources, "google", "ad_group_ad", "c/default/main").fields == {
        "status": "ENABLED",
        "type": "RESPONSIVE_DISPLAY_AD",
        "headlines": sorted(CREATIVE["headlines"]),
        "long_headline": "A long headline for the Display Network.",  # the primary text by default
        "descriptions": sorted(CREATIVE["descriptions"]),
        "business_name": "Shop",
        "final_urls": ["https://example.com/"],
        "marketing_images": ["11", "22"],
        "square_marketing_images": ["33"],
    }
    # Meta runs the same creative as ever.
    assert (
        get(resources, "meta", "adcreative", "c/default/main").fields["body"]
        == DISPLAY_CREATIVE["primary_text"]
    )


PMAX_CREATIVE = {
    **CREATIVE,
    "primary_text": "A long headline for every Google property.",
    "google": {
        "marketing_images": ["22", "11"],
        "square_marketing_images": ["33"],
        "square_logo_images": ["44"],
        "path1": "shoes",
    },
}


@pytest.mark.parametrize(
    ("objective", "bidding", "expected"),
    [
        ("awareness", {}, {"bidding_strategy_type": "MAXIMIZE_CONVERSIONS"}),
        ("sales", {}, {"bidding_strategy_type": "MAXIMIZE_CONVERSION_VALUE"}),
        # A target CPA or ROAS is set inside maximize conversions (value) (performance-max/create-campaign).
        (
            "leads",
            {"strategy": "target_cpa", "target_cpa": "4.50"},
            {"bidding_strategy_type": "MAXIMIZE_CONVERSIONS", "target_cpa_micros": 4_500_000},
        ),
        (
            "sales",
            {"strategy": "target_roas", "target_roas": "3.5"},
            {"bidding_strategy_type": "MAXIMIZE_CONVERSION_VALUE", "target_roas": "3.5"},
        ),
    ],
)
def test_a_performance_max_campaign_compiles_to_an_asset_group_per_ad_group(
    tmp_path: Path, objective: str, bidding: dict[str, Any], expected: dict[str, Any]
) -> None:
    google = {"channel": "performance_max", "business_name": "Shop", "bidding": bidding}
    resources = compiled(
        tmp_path,
        campaign(
            objective=objective,
            creatives=[PMAX_CREATIVE],
            targeting={"locations": ["US"], "languages": ["en"]},
            google=google,
        ),
    )
    google_campaign = get(resources, "google", "campaign", "c").fields
    assert google_campaign["advertising_channel_type"] == "PERFORMANCE_MAX"
    assert "network_settings" not in google_campaign  # it serves on every Google property
    assert {k: google_campaign.get(k) for k in expected} == expected
    assert not [a for a in resources if a.platform == "google" and a.kind.startswith("ad_group")]
    criteria = sorted(a.path for a in resources if a.kind == "campaign_criterion")
    assert criteria == ["c/language:1000", "c/location:2840"]
    group = get(resources, "google", "asset_group", "c/default")
    assert group.fields == {
        "name": "default",
        "status": "ENABLED",
        "final_urls": ["https://example.com/"],
        "path1": "shoes",
        "headlines": sorted(CREATIVE["headlines"]),
        "long_headlines": ["A long headline for every Google property."],
        "descriptions": sorted(CREATIVE["descriptions"]),
        "business_name": "Shop",
        "marketing_images": ["11", "22"],
        "square_marketing_images": ["33"],
        "square_logo_images": ["44"],
    }
    assert group.refs == {"campaign": get(resources, "google", "campaign", "c").address}
    # Meta runs the asset group's creative as an ad set with one ad.
    assert get(resources, "meta", "ad", "c/default/main").fields["name"] == "main"


DEMAND_GEN_CREATIVE = {
    **CREATIVE,
    "google": {
        "marketing_images": ["22", "11"],
        "portrait_marketing_images": ["44"],
        "logo_images": ["55"],
        "business_name": "Shop",
    },
}


@pytest.mark.parametrize(("objective", "bidding"), OFF_SEARCH_BIDDING)
def test_a_demand_gen_campaign_compiles_to_untyped_ad_groups_holding_its_places_and_multi_asset_ads(
    tmp_path: Path, objective: str, bidding: str
) -> None:
    groups = [
        {"name": "home", "creatives": ["main"]},
        {"name": "abroad", "creatives": ["main"], "targeting": {"locations": ["GB"], "languages": ["en"]}},
    ]
    spec = campaign(
        objective=objective,
        targeting={"locations": ["US"], "languages": ["en"]},
        creatives=[DEMAND_GEN_CREATIVE],
        ad_groups=groups,
        google={"channel": "demand_gen"},
    )
    resources = compiled(tmp_path, spec)
    google_campaign = get(resources, "google", "campaign", "c").fields
    assert google_campaign["advertising_channel_type"] == "DEMAND_GEN"
    assert google_campaign["bidding_strategy_type"] == bidding
    assert "network_settings" not in google_campaign  # its surfaces are per ad group
    # Sent on create: Google's default, which no campaign can change afterwards.
    assert google_campaign["demand_gen_campaign_settings"] == {"upgraded_targeting": True}
    assert get(resources, "google", "campaign_budget", "c").fields["explicitly_shared"] is False
    google = {r.address.path: r for r in resources.values() if r.address.platform == "google"}
    # Location and language criteria are the ad groups' (upgraded targeting), none the campaign's.
    assert not [r for r in google.values() if r.address.kind == "campaign_criterion"]
    assert "type" not in google["c/home"].fields
    assert google["c/home/location:2840"].fields == {
        "type": "LOCATION",
        "geo_target_constant": "geoTargetConstants/2840",
    }
    assert google["c/home/language:1000"].address.kind == "ad_group_criterion"
    assert "c/abroad/location:2826" in google and "c/abroad/location:2840" not in google
    assert google["c/home/main"].fields == {
        "name": "main",  # sent on create (v26 Ad.name, immutable), never compared
        "status": "ENABLED",
        "type": "DEMAND_GEN_MULTI_ASSET_AD",
        "headlines": sorted(CREATIVE["headlines"]),
        "descriptions": sorted(CREATIVE["descriptions"]),
        "business_name": "Shop",
        "final_urls": ["https://example.com/"],
        "marketing_images": ["11", "22"],
        "portrait_marketing_images": ["44"],
        "logo_images": ["55"],
    }


def test_a_demand_gen_creative_with_youtube_videos_compiles_to_a_named_video_responsive_ad(
    tmp_path: Path,
) -> None:
    """v26 DemandGenVideoResponsiveAdInfo beside a multi-asset ad in one ad group: videos by YouTube video id
    (the connector makes their assets), logos and companion banner by asset id, long headlines and
    breadcrumbs only as the creative says them."""
    clip = {
        **CREATIVE,
        "name": "clip",
        "primary_text": "Not a long headline",
        "google": {
            "youtube_videos": ["M7lc1UVf-VE", "dQw4w9WgXcQ"],
            "logo_images": ["55"],
            "companion_banners": ["66"],
            "long_headlines": ["Run further", "Run longer"],
            "breadcrumb1": "trail",
        },
    }
    spec = campaign(
        targeting={"locations": ["US"], "languages": ["en"]},
        creatives=[DEMAND_GEN_CREATIVE, clip],
        ad_groups=[{"name": "home", "creatives": ["main", "clip"]}],
        google={"channel": "demand_gen", "business_name": "Shop"},
    )
    google = {r.address.path: r for r in compiled(tmp_path, spec).values() if r.address.platform == "google"}
    assert google["c/home/main"].fields["type"] == "DEMAND_GEN_MULTI_ASSET_AD"
    assert google["c/home/clip"].fields == {
        "name": "clip",
        "status": "ENABLED",
        "type": "DEMAND_GEN_VIDEO_RESPONSIVE_AD",
        "headlines": sorted(CREATIVE["headlines"]),
        "descriptions": sorted(CREATIVE["descriptions"]),
        "business_name": "Shop",
        "final_urls": ["https://example.com/"],
        "youtube_videos": ["M7lc1UVf-VE", "dQw4w9WgXcQ"],
        "logo_images": ["55"],
        "companion_banners": ["66"],
        "long_headlines": ["Run further", "Run longer"],
        "breadcrumb1": "trail",
    }


def test_a_demand_gen_ad_says_its_call_to_action_as_its_kind_of_ad_holds_one(tmp_path: Path) -> None:
    """A multi-asset ad's call to action is a text (v26 DemandGenMultiAssetAdInfo ``call_to_action_text``), a
    video ad's a call to action asset of a CallToActionType (``call_to_actions``, made by the connector);
    neither is sent when the creative says none (Google's own)."""
    main = {
        **DEMAND_GEN_CREATIVE,
        "google": {**DEMAND_GEN_CREATIVE["google"], "call_to_action_text": "Shop now"},
    }
    clip = {
        **CREATIVE,
        "name": "clip",
        "google": {"youtube_videos": ["dQw4w9WgXcQ"], "logo_images": ["55"], "call_to_action": "shop_now"},
    }
    plain = {**DEMAND_GEN_CREATIVE, "name": "plain"}
    spec = campaign(
        creatives=[main, clip, plain],
        ad_groups=[{"name": "home", "creatives": ["main", "clip", "plain"]}],
        google={"channel": "demand_gen", "business_name": "Shop"},
    )
    google = {r.address.path: r for r in compiled(tmp_path, spec).values() if r.address.platform == "google"}
    assert google["c/home/main"].fields["call_to_action_text"] == "Shop now"
    assert google["c/home/clip"].fields["call_to_actions"] == ["SHOP_NOW"]
    assert not {"call_to_action_text", "call_to_actions"} & set(google["c/home/plain"].fields)


def test_a_carousel_in_a_demand_gen_campaign_compiles_to_a_carousel_ad_of_its_cards_in_order(
    tmp_path: Path,
) -> None:
    """v26 DemandGenCarouselAdInfo: the business name, one logo, ``google.headline``, the primary text as its
    description, its call to action text and final URLs, and each card's headline, final URL, images and
    call to action text, in the creative's order (the connector makes a card asset of each)."""
    card = {
        "headline": "Ridge",
        "final_url": "https://example.com/ridge",
        "image_url": "https://cdn.example.com/r.jpg",
    }
    deck = {
        "name": "deck",
        "type": "carousel",
        "primary_text": "Two shoes.",
        "final_url": "https://example.com/",
        "google": {"headline": "Trail shoes", "logo_images": ["55"], "call_to_action_text": "Shop"},
        "cards": [
            {**card, "headline": "Ridge", "google": {"marketing_image": "21", "call_to_action_text": "Go"}},
            {**card, "headline": "Mesa", "google": {"square_marketing_image": "22"}},
        ],
    }
    spec = campaign(
        creatives=[DEMAND_GEN_CREATIVE, deck],
        ad_groups=[{"name": "home", "creatives": ["main", "deck"]}],
        google={"channel": "demand_gen", "business_name": "Shop"},
    )
    google = {r.address.path: r for r in compiled(tmp_path, spec).values() if r.address.platform == "google"}
    assert google["c/home/deck"].fields == {
        "name": "deck",
        "status": "ENABLED",
        "type": "DEMAND_GEN_CAROUSEL_AD",
        "business_name": "Shop",
        "logo_images": ["55"],
        "headline": "Trail shoes",
        "description": "Two shoes.",
        "call_to_action_text": "Shop",
        "final_urls": ["https://example.com/"],
        "cards": [
            {
                "headline": "Ridge",
                "final_url": "https://example.com/ridge",
                "marketing_image": "21",
                "call_to_action_text": "Go",
            },
            {"headline": "Mesa", "final_url": "https://example.com/ridge", "square_marketing_image": "22"},
        ],
    }


def test_a_demand_gen_ad_group_overriding_its_places_warns_of_nothing(tmp_path: Path) -> None:
    """A Search ad group's locations are its campaign's on Google (a warning says so); a Demand Gen ad
    group's are its own."""
    groups = [{"name": "abroad", "creatives": ["main"], "targeting": {"locations": ["GB"]}}]
    spec = campaign(creatives=[DEMAND_GEN_CREATIVE], ad_groups=groups, google={"channel": "demand_gen"})
    resources = compiled(tmp_path, spec)
    assert not [w for r in resources.values() for w in r.warnings if "applies on Meta only" in w]


def test_a_shopping_campaign_compiles_to_product_ad_groups_each_bidding_on_all_products(
    tmp_path: Path,
) -> None:
    """v26 Campaign.ShoppingSetting, AdGroupType SHOPPING_PRODUCT_ADS, ShoppingProductAdInfo and the root
    listing group UNIT (google-ads example shopping_ads/add_shopping_product_ad.py)."""
    spec = campaign(
        platforms={"google": {"account": "g"}},
        targeting={"locations": ["US"], "languages": ["en"]},
        creatives=[],
        ad_groups=[{"name": "shoes", "google": {"cpc_bid": "0.45"}}, {"name": "socks", "status": "paused"}],
        google={
            "channel": "shopping",
            "shopping": {"merchant_id": 4567, "feed_label": "US", "campaign_priority": 1},
            "negative_keywords": [{"text": "free"}],
        },
    )
    resources = compiled(tmp_path, spec)
    fields = get(resources, "google", "campaign", "c").fields
    assert fields["advertising_channel_type"] == "SHOPPING"
    assert fields["bidding_strategy_type"] == "TARGET_SPEND"  # maximize clicks when the spec names none
    assert fields["shopping_setting"] == {
        "merchant_id": 4567,
        "feed_label": "US",
        "campaign_priority": 1,
        "enable_local": False,
    }
    assert fields["network_settings"] == {  # a Search campaign's defaults (``google.networks``)
        "target_google_search": True,
        "target_search_network": False,
        "target_content_network": False,
    }
    google = {r.address.path: r for r in resources.values() if r.address.platform == "google"}
    assert google["c/location:2840"].address.kind == "campaign_criterion"
    assert google["c/negative_keyword:BROAD:free"].fields["negative"] is True
    assert google["c/shoes"].fields["type"] == "SHOPPING_PRODUCT_ADS"
    assert google["c/shoes"].fields["cpc_bid_micros"] == 450_000
    assert google["c/socks"].fields["status"] == "PAUSED"
    assert google["c/shoes/listing_group:all-products"].fields == {
        "type": "LISTING_GROUP",
        "listing_group_type": "UNIT",
        "cpc_bid_micros": 450_000,
    }
    assert "cpc_bid_micros" not in google["c/socks/listing_group:all-products"].fields
    assert google["c/shoes/product-ad"].fields == {"status": "ENABLED", "type": "SHOPPING_PRODUCT_AD"}
    assert not [
        r for r in google.values() if r.address.kind == "ad_group_criterion" and "location" in r.address.path
    ]


def test_a_hotel_campaign_compiles_to_hotel_ad_groups_each_with_one_hotel_ad(tmp_path: Path) -> None:
    """v26 Campaign.HotelSettingInfo, AdGroupType HOTEL_ADS and HotelAdInfo (google-ads example
    examples/travel/add_hotel_ad.py, which bids percent CPC): manual CPC by default, Google Search alone, no
    listing group."""
    spec = campaign(
        platforms={"google": {"account": "g"}},
        targeting={"locations": ["US"], "languages": ["en"]},
        creatives=[],
        ad_groups=[
            {"name": "paris", "google": {"cpc_bid": "1.20"}},
            {"name": "rome", "status": "paused", "google": {"cpc_bid": "0.9"}},
        ],
        google={"channel": "hotel", "hotel": {"hotel_center_id": 7654321}},
    )
    resources = compiled(tmp_path, spec)
    fields = get(resources, "google", "campaign", "c").fields
    assert fields["advertising_channel_type"] == "HOTEL"
    assert fields["bidding_strategy_type"] == "MANUAL_CPC"
    assert fields["hotel_setting"] == {"hotel_center_id": 7654321}
    assert fields["network_settings"] == {
        "target_google_search": True,
        "target_search_network": False,
        "target_content_network": False,
    }
    google = {r.address.path: r for r in resources.values() if r.address.platform == "google"}
    assert google["c/location:2840"].address.kind == "campaign_criterion"
    assert google["c/paris"].fields["type"] == "HOTEL_ADS"
    assert google["c/paris"].fields["cpc_bid_micros"] == 1_200_000
    assert google["c/rome"].fields["status"] == "PAUSED"
    assert google["c/paris/hotel-ad"].fields == {"status": "ENABLED", "type": "HOTEL_AD"}
    assert not [r for r in google.values() if r.address.kind == "ad_group_criterion"]


def test_a_shopping_campaign_bidding_manual_cpc_or_target_roas_sends_that_scheme(tmp_path: Path) -> None:
    groups = [{"name": "shoes", "google": {"cpc_bid": "1"}}]
    for strategy, extra, expected in (
        ("manual_cpc", {}, ("MANUAL_CPC", None)),
        ("target_roas", {"target_roas": "4.5"}, ("TARGET_ROAS", "4.5")),
    ):
        root = tmp_path / strategy
        spec = campaign(
            platforms={"google": {"account": "g"}},
            creatives=[],
            ad_groups=groups,
            google={
                "channel": "shopping",
                "shopping": {"merchant_id": 1},
                "bidding": {"strategy": strategy, **extra},
            },
        )
        fields = get(compiled(root, spec), "google", "campaign", "c").fields
        assert (fields["bidding_strategy_type"], fields.get("target_roas")) == expected


def test_an_ad_groups_own_target_overrides_the_campaigns_in_every_channel_that_bids_on_one(
    tmp_path: Path,
) -> None:
    """A Search or Shopping ad group's own ``target_roas`` (``target_cpa`` likewise) is its own field."""
    for channel, extra in (("search", {}), ("shopping", {"shopping": {"merchant_id": 1}})):
        spec = campaign(
            platforms={"google": {"account": "g"}},
            **({"creatives": []} if channel == "shopping" else {}),
            ad_groups=[{"name": "shoes", "google": {"cpc_bid": "1", "target_roas": "3.25"}}],
            google={
                "channel": channel,
                **extra,
                "bidding": {"strategy": "target_roas", "target_roas": "4.5"},
            },
        )
        group = get(compiled(tmp_path / channel, spec), "google", "ad_group", "c/shoes").fields
        assert group["target_roas"] == "3.25", channel


def test_google_budgets_in_a_zero_decimal_currency_are_whole_units(tmp_path: Path) -> None:
    """Google bills JPY in whole yen (CurrencyConstant.billable_unit_micros): half of 1001 yen is sent as
    500 or 501 yen, never 500.5 (NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT)."""
    platforms = {"google": {"account": "gj"}, "meta": {"account": "mj"}}
    budget = {"daily": "1001", "currency": "JPY", "split": {"google": "0.5", "meta": "0.5"}}
    resources = compiled(tmp_path, campaign(platforms=platforms, budget=budget))
    micros = resources[Address("google", "gj", "campaign_budget", "c")].fields["amount_micros"]
    assert micros % 1_000_000 == 0, micros


CAROUSEL = {
    "name": "deck",
    "type": "carousel",
    "platforms": ["meta"],
    "primary_text": "Four new trail shoes.",
    "final_url": "https://example.com/trail",
    "call_to_action": "shop_now",
    "cards": [
        {
            "headline": "Ridge",
            "final_url": "https://example.com/ridge",
            "image_url": "https://cdn.example.com/r.jpg",
        },
        {"description": "Grip", "final_url": "https://example.com/mesa", "video_id": "99"},
    ],
    "meta": {"multi_share_end_card": False},
}


def test_a_carousel_compiles_to_a_meta_creative_of_cards_and_no_google_ad(tmp_path: Path) -> None:
    """Each card takes the creative's call to action to its own link; the carousel's link data options
    are sent only when the spec sets them."""
    doc = campaign(creatives=[CREATIVE, CAROUSEL])
    resources = compiled(tmp_path, doc)
    creative = get(resources, "meta", "adcreative", "c/default/deck").fields
    assert creative == {
        "name": "c/default/deck",
        "body": "Four new trail shoes.",
        "link_url": "https://example.com/trail",
        "cards": [
            {"link_url": "https://example.com/ridge", "title": "Ridge", "image_url": "https://cdn.example.com/r.jpg",
             "call_to_action_type": "SHOP_NOW"},
            {"link_url": "https://example.com/mesa", "description": "Grip", "video_id": "99",
             "call_to_action_type": "SHOP_NOW"},
        ],
        "multi_share_end_card": False,
        "adlabels": ["midas-managed"],
    }  # fmt: skip
    assert not [a for a in resources if a.platform == "google" and a.path.endswith("/deck")]


def test_an_image_of_the_meta_library_compiles_to_the_creative_s_and_a_card_s_image_hash(
    tmp_path: Path,
) -> None:
    """``meta.image_hash`` of an image (or video) creative and a card's ``image_hash`` are Meta's: its
    creative's ``image_hash``, no ``image_url``; Google's ad of the creative is the same without it."""
    hashed = {
        **CREATIVE,
        "name": "hero",
        "platforms": ["meta"],
        "type": "image",
        "meta": {"image_hash": "ab" * 16},
    }
    deck = {**CAROUSEL, "cards": [{**CAROUSEL["cards"][1], "image_hash": "cd" * 16}, CAROUSEL["cards"][0]]}  # type: ignore[index]
    resources = compiled(tmp_path, campaign(creatives=[CREATIVE, hashed, deck]))
    creative = get(resources, "meta", "adcreative", "c/default/hero").fields
    assert creative["image_hash"] == "ab" * 16 and "image_url" not in creative
    card = get(resources, "meta", "adcreative", "c/default/deck").fields["cards"][0]
    assert (card["video_id"], card["image_hash"]) == ("99", "cd" * 16)


def test_a_meta_video_sending_people_nowhere_compiles_without_a_link_or_button(tmp_path: Path) -> None:
    """An engagement campaign's video creative without final_url and call to action: Meta's video data then
    holds no link (``meta_graph.story_spec``)."""
    clip = {
        "name": "clip",
        "type": "video",
        "video_id": "7001",
        "headlines": ["Watch"],
        "descriptions": [],
        "call_to_action": "none",
    }
    doc = campaign(objective="engagement", platforms={"meta": {"account": "m"}}, creatives=[clip])
    creative = get(compiled(tmp_path, doc), "meta", "adcreative", "c/default/clip").fields
    assert creative == {
        "name": "c/default/clip",
        "title": "Watch",
        "video_id": "7001",
        "adlabels": ["midas-managed"],
    }
    assert story_spec(creative) == {"video_data": {"video_id": "7001", "title": "Watch"}}


@pytest.mark.parametrize(
    ("media", "photo"),
    [
        ({"image_url": "https://cdn.example/still.jpg"}, {"url": "https://cdn.example/still.jpg"}),
        ({"meta": {"image_hash": "ab" * 16}}, {"image_hash": "ab" * 16}),
    ],
    ids=["by-url", "of-the-library"],
)
def test_a_meta_image_sending_people_nowhere_compiles_to_a_photo_post(
    tmp_path: Path, media: dict[str, Any], photo: dict[str, str]
) -> None:
    """An awareness campaign's image creative without final_url and call to action is a photo post made for
    the ad (``meta_graph.story_spec``: facebook-business AdCreativePhotoData ``url`` or ``image_hash``, its
    primary text the ``caption``), without the campaign's URL tags: it has no link to tag."""
    still = {
        "name": "still",
        "type": "image",
        **media,
        "headlines": [],
        "descriptions": [],
        "primary_text": "New in store.",
        "call_to_action": "none",
    }
    doc = campaign(
        objective="awareness",
        platforms={"meta": {"account": "m"}},
        creatives=[still],
        url_parameters="utm_source=meta",
    )
    creative = get(compiled(tmp_path, doc), "meta", "adcreative", "c/default/still").fields
    wired = {"image_url" if k == "url" else k: v for k, v in photo.items()}
    assert creative == {
        "name": "c/default/still",
        "body": "New in store.",
        **wired,
        "adlabels": ["midas-managed"],
    }
    assert story_spec(creative) == {"photo_data": {**photo, "caption": "New in store."}}


def test_a_meta_ad_sending_people_nowhere_takes_its_own_url_tags_not_its_campaign_s(tmp_path: Path) -> None:
    """An image or video sending people nowhere has no link of its own: the campaign's url_parameters are not
    sent to it, but its own are (a live one's url_tags import as them)."""
    still = {
        "name": "still",
        "type": "image",
        "image_url": "https://cdn.example/still.jpg",
        "headlines": [],
        "descriptions": [],
        "call_to_action": "none",
    }
    tagged = {**still, "name": "tagged", "url_parameters": "utm_source=photo"}
    doc = campaign(
        objective="engagement",
        platforms={"meta": {"account": "m"}},
        creatives=[still, tagged],
        url_parameters="utm_source=meta",
    )
    resources = compiled(tmp_path, doc)
    assert "url_tags" not in get(resources, "meta", "adcreative", "c/default/still").fields
    assert get(resources, "meta", "adcreative", "c/default/tagged").fields["url_tags"] == "utm_source=photo"


def test_a_page_post_creative_compiles_to_its_post_alone(tmp_path: Path) -> None:
    post = {"name": "boost", "type": "post", "platforms": ["meta"], "post_id": "1122334455_987"}
    resources = compiled(tmp_path, campaign(creatives=[CREATIVE, post]))
    creative = get(resources, "meta", "adcreative", "c/default/boost").fields
    assert creative == {
        "name": "c/default/boost",
        "object_story_id": "1122334455_987",
        "adlabels": ["midas-managed"],
    }
    assert get(resources, "meta", "ad", "c/default/boost").refs["creative"].path == "c/default/boost"


def test_a_meta_spending_limit_compiles_to_the_campaign_s_spend_cap_in_minor_units(tmp_path: Path) -> None:
    resources = compiled(
        tmp_path,
        campaign(meta={"spend_cap": "1250.50"}),
        campaign(
            "j",
            platforms={"meta": {"account": "mj"}},
            budget={"daily": "1000", "currency": "JPY"},
            meta={"spend_cap": "20000"},
        ),
    )
    assert get(resources, "meta", "campaign", "c").fields["spend_cap"] == 125050
    assert resources[Address("meta", "mj", "campaign", "j")].fields["spend_cap"] == 20000
    assert (
        "spend_cap"
        not in compiled(tmp_path / "none", campaign())[Address("meta", "m", "campaign", "c")].fields
    )


def test_meta_caps_compile_to_each_ad_sets_bid_in_minor_units(tmp_path: Path) -> None:
    """The campaign's cap goes to every ad set, an ad group's own overrides it; JPY has no minor unit."""
    groups = [
        {"name": "a", "meta": {"bid_amount": "7.25"}},
        {"name": "b"},
    ]
    resources = compiled(
        tmp_path,
        campaign(meta={"bid_strategy": "cost_cap", "bid_amount": "5"}, ad_groups=groups),
        campaign(
            "j",
            platforms={"meta": {"account": "mj"}},
            budget={"daily": "1000", "currency": "JPY"},
            meta={"bid_strategy": "lowest_cost_with_bid_cap", "bid_amount": "120"},
        ),
    )
    assert get(resources, "meta", "campaign", "c").fields["bid_strategy"] == "COST_CAP"
    assert get(resources, "meta", "adset", "c/a").fields["bid_amount"] == 725
    assert get(resources, "meta", "adset", "c/b").fields["bid_amount"] == 500
    jpy = resources[Address("meta", "mj", "adset", "j/default")]
    assert jpy.fields["bid_amount"] == 120
    assert "bid_constraints" not in jpy.fields


def test_a_meta_roas_floor_compiles_to_bid_constraints_in_ten_thousandths(tmp_path: Path) -> None:
    resources = compiled(
        tmp_path,
        campaign(
            meta={
                "bid_strategy": "lowest_cost_with_min_roas",
                "roas_floor": "2.5",
                "optimization_goal": "value",
            }
        ),
    )
    adset = get(resources, "meta", "adset", "c/default")
    assert adset.fields["bid_constraints"] == {"roas_average_floor": 25000}
    assert "bid_amount" not in adset.fields


def test_an_ad_group_s_own_meta_strategy_goes_to_its_ad_set_with_the_cap_that_strategy_takes(
    tmp_path: Path,
) -> None:
    """With ad set budgets, each ad set states the strategy it bids with: ``a`` its own (with the campaign's
    cap), ``b`` the campaign's (with its own floor)."""
    groups = [
        {"name": "a", "meta": {"budget": {"daily": "2.50"}, "bid_strategy": "cost_cap"}},
        {"name": "b", "meta": {"budget": {"daily": "1.50"}, "roas_floor": "3"}},
    ]
    split = {"by": "amount", "google": "6.00", "meta": "4.00"}
    spec = campaign(
        budget={"daily": "10.00", "currency": "USD", "split": split},
        ad_groups=groups,
        meta={
            "bid_strategy": "lowest_cost_with_min_roas",
            "bid_amount": "4.5",
            "optimization_goal": "value",
        },
    )
    resources = compiled(tmp_path, spec)
    assert get(resources, "meta", "campaign", "c").fields["bid_strategy"] == "LOWEST_COST_WITH_MIN_ROAS"
    own = get(resources, "meta", "adset", "c/a").fields
    assert (own["bid_strategy"], own["bid_amount"]) == ("COST_CAP", 450)
    assert "bid_constraints" not in own
    inherited = get(resources, "meta", "adset", "c/b").fields
    assert inherited["bid_constraints"] == {"roas_average_floor": 30000}
    assert inherited["bid_strategy"] == "LOWEST_COST_WITH_MIN_ROAS" and "bid_amount" not in inherited
    under_a_campaign_budget = get(compiled(tmp_path / "cbo", campaign()), "meta", "adset", "c/default").fields
    assert "bid_strategy" not in under_a_campaign_budget


def test_a_meta_ad_set_without_a_cap_strategy_carries_no_bid(tmp_path: Path) -> None:
    adset = get(compiled(tmp_path, campaign()), "meta", "adset", "c/default")
    assert not {"bid_amount", "bid_constraints"} & set(adset.fields)


def test_meta_advantage_audience_is_stated_on_every_ad_set_and_an_ad_group_s_own_overrides_it(
    tmp_path: Path,
) -> None:
    """Meta requires the flag on create (``spec._meta_advantage``): off unless the spec turns it on, the
    campaign's for every ad set, an ad group's own over it."""
    groups = [{"name": "a", "meta": {"advantage_audience": False}}, {"name": "b"}]
    resources = compiled(
        tmp_path,
        campaign(meta={"advantage_audience": True}, ad_groups=groups),
        campaign("off", ad_groups=[{"name": "a"}, {"name": "b", "meta": {"advantage_audience": True}}]),
    )
    flags = {
        path: get(resources, "meta", "adset", path).fields["targeting"]["targeting_automation"]
        for path in ("c/a", "c/b", "off/a", "off/b")
    }
    assert flags == {
        "c/a": {"advantage_audience": 0},
        "c/b": {"advantage_audience": 1},
        "off/a": {"advantage_audience": 0},
        "off/b": {"advantage_audience": 1},
    }


def test_meta_advantage_audience_settings_go_beside_the_flag_as_written_and_an_ad_group_s_own_replaces_them(
    tmp_path: Path,
) -> None:
    """``meta.advantage_audience_settings`` is the ad set's ``individual_setting``, key by key as written (0
    included), with the flag off as on; an ad group's own replaces the campaign's whole, ``{}`` with none."""
    groups = [
        {"name": "a"},
        {"name": "b", "meta": {"advantage_audience_settings": {"geo": 1}}},
        {"name": "c", "meta": {"advantage_audience": True, "advantage_audience_settings": {}}},
    ]
    settings = {"gender": 0, "age": 1}
    resources = compiled(tmp_path, campaign(meta={"advantage_audience_settings": settings}, ad_groups=groups))
    automation = {
        path: get(resources, "meta", "adset", path).fields["targeting"]["targeting_automation"]
        for path in ("c/a", "c/b", "c/c")
    }
    assert automation == {
        "c/a": {"advantage_audience": 0, "individual_setting": {"age": 1, "gender": 0}},
        "c/b": {"advantage_audience": 0, "individual_setting": {"geo": 1}},
        "c/c": {"advantage_audience": 1},
    }


def test_meta_click_to_message_ad_sets_name_their_destination_page_and_number_and_their_ads_its_button(
    tmp_path: Path,
) -> None:
    """``meta.destination`` (the campaign's, an ad group's over it): the ad set's ``destination_type``, the
    Page (and WhatsApp number) as its promoted object, CONVERSATIONS by default and no pixel; its creatives
    open the app with its button, to Meta's link for it unless they name a ``final_url``. A website ad set
    beside them stays as it was."""
    settings = {
        **SETTINGS,
        "accounts": {**SETTINGS["accounts"], "m": {**SETTINGS["accounts"]["m"], "page_id": "42"}},
    }
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(settings))
    doc = campaign(
        platforms={"meta": {"account": "m"}},
        objective="engagement",
        meta={"destination": "whatsapp", "whatsapp_number": "+15551230000"},
        ad_groups=[
            {"name": "wa"},
            {"name": "fb", "meta": {"destination": "messenger"}},
            {"name": "site", "creatives": ["main"], "meta": {"destination": "website"}},
        ],
        creatives=[CREATIVE, {**{k: v for k, v in CREATIVE.items() if k != "final_url"}, "name": "chat"}],
    )
    (tmp_path / "specs" / "all.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=resolver)
    resources = {r.address: r for r in result.resources}
    adsets = {p: get(resources, "meta", "adset", f"c/{p}").fields for p in ("wa", "fb", "site")}
    assert adsets["wa"]["destination_type"] == "WHATSAPP" and adsets["fb"]["destination_type"] == "MESSENGER"
    assert adsets["wa"]["promoted_object"] == {"page_id": "42", "whatsapp_phone_number": "+15551230000"}
    assert adsets["fb"]["promoted_object"] == {"page_id": "42"}
    assert [adsets[p]["optimization_goal"] for p in ("wa", "fb", "site")] == [
        "CONVERSATIONS",
        "CONVERSATIONS",
        "POST_ENGAGEMENT",
    ]
    assert not {"destination_type", "promoted_object"} & set(adsets["site"])
    buttons = {
        path: tuple(
            get(resources, "meta", "adcreative", path).fields.get(k)
            for k in ("call_to_action_type", "app_destination", "link_url")
        )
        for path in ("c/wa/main", "c/wa/chat", "c/fb/chat", "c/site/main")
    }
    assert buttons == {
        "c/wa/main": ("WHATSAPP_MESSAGE", "WHATSAPP", "https://example.com/"),
        "c/wa/chat": ("WHATSAPP_MESSAGE", "WHATSAPP", "https://api.whatsapp.com/send"),
        "c/fb/chat": ("MESSAGE_PAGE", "MESSENGER", "https://fb.com/messenger_doc/"),
        "c/site/main": ("LEARN_MORE", None, "https://example.com/"),
    }


def test_a_click_to_message_creative_s_welcome_message_is_its_page_welcome_message(tmp_path: Path) -> None:
    """The greeting and its questions or message to send, as ``connectors.meta_welcome`` normalises them;
    a creative without one sends none (Meta greets with its default)."""
    settings = {
        **SETTINGS,
        "accounts": {**SETTINGS["accounts"], "m": {**SETTINGS["accounts"]["m"], "page_id": "42"}},
    }
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(settings))
    plain = {k: v for k, v in CREATIVE.items() if k != "final_url"}
    doc = campaign(
        platforms={"meta": {"account": "m"}},
        objective="engagement",
        meta={"destination": "whatsapp"},
        ad_groups=[{"name": "wa"}],
        creatives=[
            {**plain, "name": "ask", "meta": {"welcome_message": {"text": "Hi!", "questions": ["Sizes?"]}}},
            {**plain, "name": "quote", "meta": {"welcome_message": {"text": "Hey", "autofill": "A quote"}}},
            {
                **plain,
                "name": "reply",
                "meta": {
                    "welcome_message": {
                        "text": "Hi",
                        "quick_replies": ["Ok", {"reply": "No", "payload": "N"}],
                    }
                },
            },
            {
                **plain,
                "name": "answer",
                "meta": {
                    "welcome_message": {
                        "text": "Hi",
                        "questions": ["A?", {"question": "B?", "response": "B."}],
                    }
                },
            },
            {
                **plain,
                "name": "call",
                "meta": {"welcome_message": {"text": "Hi", "autofill": "Call me", "button": "call"}},
            },
            {**plain, "name": "plain"},
        ],
    )
    (tmp_path / "specs" / "all.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=resolver)
    resources = {r.address: r for r in result.resources}
    welcome = {
        name: get(resources, "meta", "adcreative", f"c/wa/{name}").fields.get("page_welcome_message")
        for name in ("ask", "quote", "reply", "answer", "call", "plain")
    }
    assert welcome == {
        "ask": {"text": "Hi!", "ice_breakers": ["Sizes?"]},
        "quote": {"text": "Hey", "autofill_message": "A quote"},
        "reply": {"text": "Hi", "quick_replies": ["Ok", "No"], "quick_reply_payloads": [None, "N"]},
        "answer": {"text": "Hi", "ice_breakers": ["A?", "B?"], "ice_breaker_responses": [None, "B."]},
        "call": {"text": "Hi", "autofill_message": "Call me", "button": {"type": "call"}},
        "plain": None,
    }


@pytest.mark.parametrize(
    ("identity", "account", "runs_as"),
    [
        (True, "178", "178"),
        (None, "178", None),  # opt-in: the account's id alone changes no creative
        (False, "178", None),
    ],
    ids=["on", "unset", "off"],
)
def test_meta_instagram_identity_puts_the_account_s_instagram_account_on_the_creative(
    tmp_path: Path, identity: bool | None, account: str, runs_as: str | None
) -> None:
    """``meta.instagram_identity: true``: the creative runs as midas.yaml's ``instagram_user_id``
    (``spec._meta_instagram_identity``); unset or false, as its Page alone, as before."""
    meta = {**SETTINGS["accounts"]["m"], "instagram_user_id": account}
    settings = {**SETTINGS, "accounts": {**SETTINGS["accounts"], "m": meta}}
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(settings))
    creative = {**CREATIVE, **({"meta": {"instagram_identity": identity}} if identity is not None else {})}
    doc = campaign(platforms={"meta": {"account": "m"}}, creatives=[creative])
    (tmp_path / "specs" / "all.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=resolver)
    resources = {r.address: r for r in result.resources}
    assert get(resources, "meta", "adcreative", "c/default/main").fields.get("instagram_user_id") == runs_as


def test_a_google_only_creative_s_instagram_identity_is_skipped_without_error(tmp_path: Path) -> None:
    """``meta.instagram_identity`` on a creative with ``platforms: [google]`` (no Meta ad) is not checked
    against the Meta account (here without ``instagram_user_id``) and changes nothing."""
    google_only = {
        **CREATIVE,
        "name": "g-only",
        "platforms": ["google"],
        "meta": {"instagram_identity": True},
    }
    resources = compiled(tmp_path, campaign(creatives=[CREATIVE, google_only]))
    assert all(
        "instagram_user_id" not in r.fields for r in resources.values() if r.address.platform == "meta"
    )
    assert not [r for r in resources.values() if r.address.platform == "meta" and "g-only" in r.address.path]
