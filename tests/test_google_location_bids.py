"""A Google campaign's location bid adjustments (``spec._google_location_bids``): spec rules at their line,
compile onto the place's criterion, the read's normalisation, the sandbox's rules and what an import makes
of live place criteria carrying a modifier."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_spec import POLICY, issues_of, patched, write

from midas_reconcile.compile import compile_workspace
from midas_reconcile.connectors import google_rows as gc
from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.google_location_bid_rules import check_place_bid_modifier
from midas_reconcile.left_alone import unheld_modifiers
from midas_reconcile.resources import GOOGLE, Address, Resource
from midas_reconcile.spec import load_workspace
from midas_reconcile.spec._google_location_bids import (
    PLACE_MODIFIERS,
    google_location_bids_attention,
    location_adjustments_from,
    place_modifier,
    with_location_bids,
)
from midas_reconcile.targeting.model import GoogleCriterion, GoogleTargeting

_FIELD = "spec.google.location_bid_adjustments"


def _campaign(google: str) -> str:
    """The test_spec BASE campaign (locations [US, CA]) with ``google`` as its google block (line 27)."""
    return patched({25: f"      creatives: [one]\n  google:\n    {google}"})


@pytest.mark.parametrize(
    ("google", "field", "message"),
    [
        (
            "location_bid_adjustments: {GB: 1.2}",
            f"{_FIELD}.GB",
            "not one of the places the campaign targets on Google; expected one of its locations, as written "
            "there: 'US', 'CA'",
        ),
        ("location_bid_adjustments: {US: 0}", f"{_FIELD}.US", "Google takes 0 for a device alone"),
        ("location_bid_adjustments: {CA: 0.05}", f"{_FIELD}.CA", "found 0.05; expected from 0.1 to 10"),
        ("location_bid_adjustments: {US: 1.23456}", f"{_FIELD}.US", "at most 4 decimal places"),
        ("location_bid_adjustments: {US: 10.5}", f"{_FIELD}.US", "expected a value of at most 10"),
        ("location_bid_adjustments: {US: yes}", f"{_FIELD}.US", ""),
    ],
    ids=["not-targeted", "zero", "below-0.1", "too-precise", "above-10", "not-a-number"],
)
def test_a_location_bid_adjustment_google_refuses_is_an_error_at_its_line(
    tmp_path: Path, google: str, field: str, message: str
) -> None:
    found = issues_of(tmp_path, {"specs/c.yaml": _campaign(google), "policies/budget.yaml": POLICY})
    said = [(i.line, i.message) for i in found if i.field == field]
    assert len(said) == 1 and said[0][0] == 27 and message in said[0][1], found


@pytest.mark.parametrize(
    ("google", "message"),
    [
        ("channel: hotel\n    hotel: {hotel_center_id: 42}", "a Hotel campaign is not known to take"),
        ("channel: performance_max", "a Performance Max campaign is not known to take"),
    ],
    ids=["hotel", "performance-max"],
)
def test_a_channel_not_known_to_take_location_bid_adjustments_refuses_them_at_the_option(
    tmp_path: Path, google: str, message: str
) -> None:
    text = _campaign(f"{google}\n    location_bid_adjustments: {{US: 1.2}}")
    found = issues_of(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    said = [i.message for i in found if i.field.startswith(_FIELD)]
    assert len(said) == 1 and message in said[0], found


def test_location_bid_adjustments_compile_onto_the_place_s_own_criterion(tmp_path: Path) -> None:
    """The adjusted place's LOCATION criterion carries its modifier, a plain decimal string (a key spelt in
    another case names the same entry); a place at 1.0 carries none, and no criterion is added."""
    write(
        tmp_path,
        {
            "specs/c.yaml": _campaign("location_bid_adjustments: {us: 1.20, CA: 1.0}"),
            "policies/budget.yaml": POLICY,
        },
    )
    compiled = compile_workspace(load_workspace(tmp_path, env={}))
    places = {
        r.address.path: r.fields
        for r in compiled.resources
        if r.address.kind == "campaign_criterion" and r.fields.get("type") == "LOCATION"
    }
    assert places == {
        "c/location:2840": {
            "type": "LOCATION",
            "geo_target_constant": "geoTargetConstants/2840",
            "bid_modifier": "1.2",
        },
        "c/location:2124": {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2124"},
    }


@pytest.mark.parametrize(
    ("modifier", "read"),
    [
        (1.2000000476837158, {"bid_modifier": "1.2"}),  # a 32-bit float's 1.2
        (0.5, {"bid_modifier": "0.5"}),
        (None, {}),  # unset: no adjustment
        (1.0, {}),
        (1.0000000116, {}),
    ],
)
def test_a_live_place_criterion_reads_its_rounded_modifier_or_none(
    modifier: float | None, read: dict[str, str]
) -> None:
    row: dict[str, Any] = {"type": "LOCATION", "location": {"geo_target_constant": "geoTargetConstants/2840"}}
    if modifier is not None:
        row["bid_modifier"] = modifier
    assert place_modifier(row) == read
    fields = gc.criterion_fields(row, ad_group_level=False)
    assert fields == {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840", **read}
    assert gc.criterion_key(row) == "location:2840"


def test_a_radius_s_modifier_is_read_and_sent_as_a_float() -> None:
    row = {
        "type": "PROXIMITY",
        "bid_modifier": 0.8999999761581421,
        "proximity": {"radius": 25.0, "radius_units": "MILES", "geo_point": {"latitude_in_micro_degrees": 1}},
    }
    fields = gc.criterion_fields(row, ad_group_level=False)
    assert fields["bid_modifier"] == "0.9"
    assert gc.criterion_native("1", fields, {})["bid_modifier"] == 0.9
    place = {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840", "bid_modifier": "1.25"}
    assert gc.criterion_native("1", place, {}) == {
        "bid_modifier": 1.25,
        "location": {"geo_target_constant": "geoTargetConstants/2840"},
    }


@pytest.mark.parametrize("modifier", [0.1, 0.10000000149011612, 1.0, 10.0, None])
def test_the_sandbox_takes_a_place_modifier_google_takes(modifier: float | None) -> None:
    check_place_bid_modifier({"type": "LOCATION", "bid_modifier": modifier})


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"bid_modifier": 0.0}, "range_error.TOO_LOW"),
        ({"bid_modifier": 0.05}, "range_error.TOO_LOW"),
        ({"bid_modifier": 10.5}, "range_error.TOO_HIGH"),
        ({"bid_modifier": 1.2, "negative": True}, "criterion_error.CANNOT_BID_MODIFY_NEGATIVE_CRITERION"),
    ],
    ids=["zero", "below-0.1", "above-10", "excluded-place"],
)
def test_the_sandbox_refuses_a_place_modifier_google_refuses(data: dict[str, Any], code: str) -> None:
    with pytest.raises(OpError) as caught:
        check_place_bid_modifier({"type": "LOCATION", **data})
    assert caught.value.code == code


def _place(geo: str, modifier: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": "LOCATION", "geo_target_constant": f"geoTargetConstants/{geo}"}
    if modifier is not None:
        fields["bid_modifier"] = modifier
    return fields


def _entry(fields: dict[str, Any]) -> str | None:
    return {"geoTargetConstants/2840": "US", "geoTargetConstants/2124": "CA"}.get(
        fields["geo_target_constant"]
    )


@pytest.mark.parametrize(
    ("channel", "criteria", "adjustments", "problem"),
    [
        (
            "search",
            [_place("2840", "1.2"), _place("2124", None)],
            {"US": Decimal("1.2")},
            None,
        ),
        ("shopping", [_place("2124", "0.9")], {"CA": Decimal("0.9")}, None),
        ("performance_max", [_place("2840", "1.2")], {}, "cannot say for a Performance Max campaign"),
        ("hotel", [_place("2840", "1.2")], {}, "cannot say for a Hotel campaign"),
        ("app", [_place("2840", "1.2")], {}, "cannot say for an app campaign"),
        ("search", [_place("9999", "1.5")], {}, "on a place the spec language cannot name"),
        ("search", [_place("2840", "1.23456")], {"US": Decimal("1.23456")}, "at most 4 decimal places"),
    ],
    ids=["search", "shopping", "performance-max", "hotel", "app", "unnamed-place", "too-precise"],
)
def test_a_live_campaign_s_place_modifiers_import_as_its_adjustments_or_a_problem_naming_them(
    channel: str, criteria: list[dict[str, Any]], adjustments: dict[str, Decimal], problem: str | None
) -> None:
    found, problems = location_adjustments_from(criteria, _entry, channel)
    assert found == adjustments
    assert (problem is None and not problems) or (problem is not None and problem in " ".join(problems))


def test_mirror_to_meta_lists_location_bid_adjustments_as_google_s_alone(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"specs/c.yaml": _campaign("location_bid_adjustments: {US: 1.2}"), "policies/budget.yaml": POLICY},
    )
    [spec] = [c.spec for c in load_workspace(tmp_path, env={}).campaigns.values()]
    [line] = google_location_bids_attention(spec)
    assert "'US' 1.2" in line and "Google only" in line


def _spec_adjusting(tmp_path: Path, adjustments: str) -> Any:
    write(
        tmp_path,
        {
            "specs/c.yaml": _campaign(f"location_bid_adjustments: {adjustments}"),
            "policies/budget.yaml": POLICY,
        },
    )
    [spec] = [c.spec for c in load_workspace(tmp_path, env={}).campaigns.values()]
    return spec


def _one_criterion_of(*sources: str) -> GoogleTargeting:
    """Mapped targeting whose one LOCATION criterion several entries name (two spellings of one place)."""
    fields = {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"}
    return GoogleTargeting([GoogleCriterion("location:2840", "campaign", fields, sources)], [], [])


def test_an_adjustment_on_either_spelling_of_one_place_lands_on_its_one_criterion(tmp_path: Path) -> None:
    """Two entries naming one place make one criterion (keyed by the first): an adjustment written on the
    second spelling lands on it, never dropped; the same modifier on both is no clash."""
    mapped, clashes = with_location_bids(
        _spec_adjusting(tmp_path, "{ca: 1.3}"), _one_criterion_of("US", "CA")
    )
    assert mapped.criteria[0].fields["bid_modifier"] == "1.3" and not clashes
    spec = _spec_adjusting(tmp_path, "{US: 1.3, CA: 1.30}")
    assert with_location_bids(spec, _one_criterion_of("US", "CA"))[1] == []


def test_two_spellings_of_one_place_adjusted_differently_clash_at_the_second(tmp_path: Path) -> None:
    spec = _spec_adjusting(tmp_path, "{US: 1.2, CA: 1.3}")
    mapped, clashes = with_location_bids(spec, _one_criterion_of("US", "CA"))
    assert mapped.criteria[0].fields["bid_modifier"] == "1.2"
    assert [(c.entry, "for the place 'US' is adjusted by 1.2" in c.message) for c in clashes] == [
        ("CA", True)
    ]


def test_one_place_named_twice_in_two_cases_is_an_error_at_the_second_key(tmp_path: Path) -> None:
    """``{US: 1.2, us: 1.5}``: one place, and the last would win silently."""
    found = issues_of(
        tmp_path,
        {
            "specs/c.yaml": _campaign("location_bid_adjustments: {US: 1.2, us: 1.5}"),
            "policies/budget.yaml": POLICY,
        },
    )
    said = [(i.field, i.line, i.message) for i in found if i.field.startswith(_FIELD)]
    assert said == [
        (f"{_FIELD}.us", 27, "found 'us', which names the same place as 'US': expected one of the two alone")
    ]


@pytest.mark.parametrize(
    ("adjustments", "modifier", "clashing"),
    [
        ("{US: 1.0, CA: 1.5}", "1", "CA"),
        ("{US: 1.5, CA: 1.0}", "1.5", "CA"),
        ("{US: 1.0, CA: 1}", None, None),
    ],
    ids=["unadjusted-first", "unadjusted-second", "both-unadjusted"],
)
def test_a_spelling_of_one_place_at_1_clashes_with_another_adjusting_it(
    tmp_path: Path, adjustments: str, modifier: str | None, clashing: str | None
) -> None:
    """A place at 1.0 (no adjustment, no modifier written) and its other spelling adjusted: one criterion,
    two modifiers, a clash; both at 1.0 is none, and no modifier."""
    mapped, clashes = with_location_bids(
        _spec_adjusting(tmp_path, adjustments), _one_criterion_of("US", "CA")
    )
    assert mapped.criteria[0].fields.get("bid_modifier") == (None if modifier == "1" else modifier)
    assert [c.entry for c in clashes] == ([clashing] if clashing else [])


def _place(kind: str, path: str, modifier: str | None = None, **more: Any) -> Resource:
    fields: dict[str, Any] = {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840", **more}
    if modifier is not None:
        fields["bid_modifier"] = modifier
    return Resource(Address(GOOGLE, "g", kind, path), fields)


@pytest.mark.parametrize(
    ("named", "wanted", "recorded", "kind", "kept"),
    [
        ((), None, None, "campaign_criterion", False),
        ((PLACE_MODIFIERS,), None, None, "campaign_criterion", True),
        ((), "1.2", None, "campaign_criterion", True),
        ((), None, "1.2", "campaign_criterion", True),
        ((), None, None, "ad_group_criterion", False),
        ((PLACE_MODIFIERS,), None, None, "ad_group_criterion", False),
        ((), None, "1.2", "ad_group_criterion", True),
    ],
    ids=[
        "unnamed-left-alone",
        "named-midas-s",
        "wanted-compared",
        "recorded-midas-s",
        "ad-group-left-alone",
        "ad-group-never-named",
        "ad-group-recorded",
    ],
)
def test_a_console_s_place_modifier_is_taken_out_of_the_live_side_where_midas_leaves_it_alone(
    named: tuple[str, ...], wanted: str | None, recorded: str | None, kind: str, kept: bool
) -> None:
    path = "c/location:2840" if kind == "campaign_criterion" else "c/g/location:2840"
    campaign = Resource(Address(GOOGLE, "g", "campaign", "c"), {"name": "c"}, named_types=named)
    live = [_place(kind, path, "1.5")]
    want = {campaign.address: campaign, live[0].address: _place(kind, path, wanted)}
    record = {live[0].address: _place(kind, path, recorded)}
    [read] = unheld_modifiers(live, want, record)
    assert read.fields.get("bid_modifier") == ("1.5" if kept else None)
    negative = [_place(kind, path, "1.5", negative=True)]
    assert unheld_modifiers(negative, want, {}) is negative
    assert unheld_modifiers(live, {}, {}) is live  # no wanted campaign: nothing left alone
