"""A Google ad group's own device bid adjustments (``spec._google_ad_group_devices``): spec rules at their
line, compile, the read (device modifiers as resources, the others noted), what is left alone, the sandbox's
rules and what an import makes of live ad group device modifiers."""

from __future__ import annotations

import struct
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_spec import POLICY, issues_of, patched, write

from midas_reconcile.compile import compile_workspace
from midas_reconcile.connectors.google_bid_modifiers import (
    bid_modifier_notes,
    device_modifiers,
    unadjusted_devices,
)
from midas_reconcile.connectors.google_rows import criterion_fields
from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.google_device_rules import check_not_opted_out
from midas_reconcile.left_alone import is_left_alone, owner_of, targeted_types
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec import load_workspace
from midas_reconcile.spec._bid_modifiers import (
    DECIMAL_PLACES,
    DOUBLE_DIGITS,
    MAX_MODIFIER,
    is_adjustment,
    modifier_text,
)
from midas_reconcile.spec._google_ad_group_devices import group_device_adjustments_from
from midas_reconcile.spec._google_devices import device_fields

_FIELD = "spec.ad_groups[0].google.device_bid_adjustments"


def _group(adjustments: str, campaign_google: str = "") -> str:
    """The test_spec BASE campaign whose ad group ``main`` says ``adjustments`` (flow style) as its own
    ``google.device_bid_adjustments`` (line 27), with ``campaign_google`` as the campaign's google block."""
    google = f"\n  google:\n    {campaign_google}" if campaign_google else ""
    return patched(
        {25: f"      creatives: [one]\n      google:\n        device_bid_adjustments: {adjustments}{google}"}
    )


@pytest.mark.parametrize(
    ("adjustments", "campaign_google", "field", "message"),
    [
        (
            "{mobile: 0.05}",
            "",
            f"{_FIELD}.mobile",
            "found 0.05; expected 0 (no ads on the device) or from 0.1",
        ),
        ("{desktop: 1.23456}", "", f"{_FIELD}.desktop", "at most 4 decimal places"),
        ("{tablet: 10.5}", "", f"{_FIELD}.tablet", "expected a value of at most 10"),
        ("{tablet: 1.2}", "device_bid_adjustments: {tablet: 0}", f"{_FIELD}.tablet", "opts out of tablet"),
        ("{mobile: 0.5}", "channel: demand_gen", _FIELD, "on an ad group of a demand gen campaign"),
    ],
    ids=["between-0-and-0.1", "too-precise", "above-10", "campaign-opted-out", "demand-gen"],
)
def test_an_ad_group_device_bid_adjustment_google_refuses_is_an_error_at_its_line(
    tmp_path: Path, adjustments: str, campaign_google: str, field: str, message: str
) -> None:
    found = issues_of(
        tmp_path, {"specs/c.yaml": _group(adjustments, campaign_google), "policies/budget.yaml": POLICY}
    )
    said = [(i.line, i.message) for i in found if i.field == field]
    assert len(said) == 1 and said[0][0] == 27 and message in said[0][1], found


def test_an_ad_group_naming_at_1_a_device_its_campaign_opts_out_of_is_allowed(tmp_path: Path) -> None:
    """1.0 names the device (the ad group's device modifiers are MIDAS's) and adjusts nothing: it compiles to
    no modifier, so Google has nothing to refuse over the campaign's opt-out."""
    text = _group("{tablet: 1.0, mobile: 1.2}", "device_bid_adjustments: {tablet: 0}")
    write(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    compiled = compile_workspace(load_workspace(tmp_path, env={}))
    modifiers = [r.address.path for r in compiled.resources if r.address.kind == "ad_group_bid_modifier"]
    assert modifiers == ["c/main/device:MOBILE"]


def test_ad_group_device_bid_adjustments_on_a_campaign_not_on_google_are_an_error_at_the_field(
    tmp_path: Path,
) -> None:
    """As a campaign's google.hours and an ad group's google.product_groups on a campaign that does not run
    on Google: the field is refused as such (its values are not checked: Google takes none of them)."""
    text = patched(
        {7: "", 12: "    split: {meta: 1.0}", 25: "      creatives: [one]\n      google:\n"
         "        device_bid_adjustments: {mobile: 0.05}"}
    )  # fmt: skip
    found = issues_of(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    said = [(i.field, i.message) for i in found if i.field.startswith(_FIELD)]
    assert said == [(_FIELD, "found device_bid_adjustments on an ad group of a campaign that does not run on "
                     "Google: expected none")], found  # fmt: skip


def test_ad_group_device_bid_adjustments_compile_to_ad_group_bid_modifiers_and_name_the_group_s_devices(
    tmp_path: Path,
) -> None:
    """Each device but one at 1.0 is an ad group bid modifier at ``<ad group>/device:<TYPE>`` referring to
    its ad group, which names DEVICE (``Resource.named_types``) though a device at 1.0 compiles to none."""
    adjustments = "{mobile: 0.8, tablet: 1.0, desktop: 1.20, connected_tv: 0}"
    write(tmp_path, {"specs/c.yaml": _group(adjustments), "policies/budget.yaml": POLICY})
    compiled = compile_workspace(load_workspace(tmp_path, env={}))
    modifiers = {r.address.path: r for r in compiled.resources if r.address.kind == "ad_group_bid_modifier"}
    assert {path: r.fields for path, r in modifiers.items()} == {
        "c/main/device:CONNECTED_TV": {"type": "DEVICE", "device": "CONNECTED_TV", "bid_modifier": "0"},
        "c/main/device:DESKTOP": {"type": "DEVICE", "device": "DESKTOP", "bid_modifier": "1.2"},
        "c/main/device:MOBILE": {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "0.8"},
    }
    [group] = [
        r for r in compiled.resources if r.address.kind == "ad_group" and r.address.platform == "google"
    ]
    assert all(r.refs == {"ad_group": group.address} for r in modifiers.values())
    assert group.named_types == ("DEVICE", "device:TABLET")  # and the device it names at 1.0
    [campaign] = [
        r for r in compiled.resources if r.address.kind == "campaign" and r.address.platform == "google"
    ]
    assert "DEVICE" not in campaign.named_types  # the ad group's naming devices is not the campaign's

    write(tmp_path, {"specs/c.yaml": _group("{tablet: 1}"), "policies/budget.yaml": POLICY})
    compiled = compile_workspace(load_workspace(tmp_path, env={}))
    assert not [r for r in compiled.resources if r.address.kind == "ad_group_bid_modifier"]
    [group] = [
        r for r in compiled.resources if r.address.kind == "ad_group" and r.address.platform == "google"
    ]
    assert group.named_types == ("DEVICE", "device:TABLET")  # and the device it names at 1.0


def test_the_read_takes_device_modifiers_as_resources_and_notes_the_others() -> None:
    """Device rows that adjust something are resources (by id ``{ad group}~{criterion}``), and so is a
    booking start day's (``spec._google_hotel_bookings``); unset or 1.0 ones nothing; one of a criterion
    MIDAS does not read is a note on its ad group; an ad group not read, nothing."""
    group = "customers/1/adGroups/5"
    rows: list[dict[str, Any]] = [
        {"resource_name": "customers/1/adGroupBidModifiers/5~30001", "ad_group": group,
         "device": {"type": "MOBILE"}, "bid_modifier": 0.8},
        {"resource_name": "customers/1/adGroupBidModifiers/5~30002", "ad_group": group,
         "device": {"type": "TABLET"}, "bid_modifier": 1.0},
        {"resource_name": "customers/1/adGroupBidModifiers/5~30000", "ad_group": group,
         "device": {"type": "DESKTOP"}},
        {"resource_name": "customers/1/adGroupBidModifiers/5~60005", "ad_group": group,
         "start_day_of_week": {"day_of_week": "FRIDAY"}, "bid_modifier": 1.2},
        {"resource_name": "customers/1/adGroupBidModifiers/9~30001", "ad_group": "customers/1/adGroups/9",
         "device": {"type": "MOBILE"}, "bid_modifier": 0.5},
        {"resource_name": "customers/1/adGroupBidModifiers/5~99999", "ad_group": group,
         "criterion_id": "99999", "bid_modifier": 0.7},
    ]  # fmt: skip
    groups = {"5": "c/main"}
    assert device_modifiers(rows, groups) == [
        ("5", "5~30001", {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "0.8"}),
        ("5", "5~60005", {"type": "START_DAY_OF_WEEK", "day_of_week": "FRIDAY", "bid_modifier": "1.2"}),
    ]
    assert bid_modifier_notes(rows, groups) == {
        "5": ["has bid modifiers at ad group level (criterion 99999 0.7), which MIDAS does not manage"]
    }


def test_an_ad_group_bid_modifier_is_read_as_the_double_it_is_to_seven_digits() -> None:
    """v26 AdGroupBidModifier.bid_modifier is a double (CampaignCriterion's a 32-bit float), read to 7
    significant digits: a console's 1.000001 is an adjustment (not a reset row), 1.23456789 is named as
    1.234568, a device's and a booking's alike; a campaign's DEVICE criterion still drops its float's noise
    (0.800000011920929 reads 0.8)."""
    group = "customers/1/adGroups/5"
    rows: list[dict[str, Any]] = [
        {"resource_name": "customers/1/adGroupBidModifiers/5~30001", "ad_group": group,
         "device": {"type": "MOBILE"}, "bid_modifier": 1.000001},
        {"resource_name": "customers/1/adGroupBidModifiers/5~30000", "ad_group": group,
         "device": {"type": "DESKTOP"}, "bid_modifier": 1.23456789},
        {"resource_name": "customers/1/adGroupBidModifiers/5~60005", "ad_group": group,
         "start_day_of_week": {"day_of_week": "FRIDAY"}, "bid_modifier": 1.23456789},
    ]  # fmt: skip
    groups = {"5": "c/main"}
    assert [(id_, fields["bid_modifier"]) for _, id_, fields in device_modifiers(rows, groups)] == [
        ("5~30001", "1.000001"),
        ("5~30000", "1.234568"),
        ("5~60005", "1.234568"),
    ]
    assert unadjusted_devices(rows) == {}
    criterion = {"type": "DEVICE", "device": {"type": "MOBILE"}, "bid_modifier": 0.800000011920929}
    assert device_fields(criterion) == {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "0.8"}


def test_a_double_modifier_read_back_as_a_32_bit_float_is_every_value_a_spec_can_write() -> None:
    """Should Google hand back a double modifier through a 32-bit float (1.149999976158142 for 1.15), the read
    at ``DOUBLE_DIGITS`` still gives every value a spec can write (0 to 10, at most 4 decimal places) as
    itself, so no spec diffs forever; and 1.000001 stays an adjustment."""
    quantum = Decimal(1).scaleb(-DECIMAL_PLACES)
    for step in range(int(MAX_MODIFIER / quantum) + 1):
        value = step * quantum
        noisy = struct.unpack("f", struct.pack("f", float(value)))[0]
        assert Decimal(modifier_text(noisy, DOUBLE_DIGITS)) == value, (value, noisy)
    assert is_adjustment(1.000001, DOUBLE_DIGITS) and modifier_text(1.000001, DOUBLE_DIGITS) == "1.000001"
    assert not is_adjustment(struct.unpack("f", struct.pack("f", 1.0))[0], DOUBLE_DIGITS)


def test_an_ad_group_place_modifier_is_read_as_the_double_it_is() -> None:
    """v26 AdGroupCriterion.bid_modifier is a double, read as an ad group's device modifier is: a console's
    1.000001 on an ad group's location is an adjustment; on a campaign's (a 32-bit float) it is 1.0, none."""
    row = {"type": "LOCATION", "location": {"geo_target_constant": "geoTargetConstants/2840"},
           "bid_modifier": 1.000001}  # fmt: skip
    assert criterion_fields(row, ad_group_level=True)["bid_modifier"] == "1.000001"
    assert "bid_modifier" not in criterion_fields(row, ad_group_level=False)


def _at(kind: str, path: str) -> Address:
    return Address("google", "g", kind, path)


def test_a_console_s_ad_group_device_modifier_is_left_alone_until_its_ad_group_names_a_device() -> None:
    """What decides is the ad group's spec (its ``named_types``, or a wanted modifier of it), not the
    campaign's naming devices, nor another ad group's."""
    modifier = Resource(_at("ad_group_bid_modifier", "c/main/device:TABLET"), {"type": "DEVICE"})
    campaign = Resource(_at("campaign", "c"), {}, named_types=("DEVICE",))
    main = Resource(_at("ad_group", "c/main"), {})
    assert owner_of(modifier.address) == main.address
    other = Resource(_at("ad_group", "c/other"), {}, named_types=("DEVICE",))
    targeted = targeted_types([campaign, main, other])
    assert not is_left_alone(modifier, campaign=campaign, ours=True, targeted=set())
    assert is_left_alone(
        modifier, campaign=campaign, ours=False, targeted=targeted.get(owner_of(modifier.address), set())
    )
    named = Resource(_at("ad_group", "c/main"), {}, named_types=("DEVICE",))
    targeted = targeted_types([campaign, named])
    assert not is_left_alone(
        modifier, campaign=campaign, ours=False, targeted=targeted[owner_of(modifier.address)]
    )
    wanted = Resource(_at("ad_group_bid_modifier", "c/main/device:MOBILE"), {"type": "DEVICE"})
    assert targeted_types([campaign, main, wanted])[main.address] == {"DEVICE"}


def test_the_sandbox_refuses_an_ad_group_device_modifier_over_a_campaign_opted_out_of_it() -> None:
    check_not_opted_out(None)
    check_not_opted_out({"bid_modifier": 1.2})
    check_not_opted_out({"type": "DEVICE"})  # held unadjusted
    with pytest.raises(OpError, match="opted out") as caught:
        check_not_opted_out({"bid_modifier": 0.0})
    assert caught.value.code.endswith("CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER")


@pytest.mark.parametrize(
    ("channel", "found", "problem"),
    [
        ("search", {"mobile": Decimal("0.5"), "desktop": Decimal("1.2")}, None),
        ("hotel", {"mobile": Decimal("0.5"), "desktop": Decimal("1.2")}, None),
        ("demand_gen", {}, "says on Search, Display, Shopping and Hotel campaigns' ad groups alone"),
        ("app", {}, "says on Search, Display, Shopping and Hotel campaigns' ad groups alone"),
    ],
)
def test_a_live_ad_group_s_device_modifiers_import_as_its_adjustments_or_a_problem_naming_them(
    channel: str, found: dict[str, Decimal], problem: str | None
) -> None:
    modifiers = [
        {"type": "DEVICE", "device": "DESKTOP", "bid_modifier": "1.2"},
        {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "0.5"},
    ]
    adjustments, problems = group_device_adjustments_from(modifiers, channel)
    assert adjustments == found and list(adjustments) == list(found)  # in the spec's device order
    assert (problem is None and not problems) or (problem is not None and problem in problems[0]), problems
