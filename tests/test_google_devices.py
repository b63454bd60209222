"""A Google campaign's device bid adjustments (``spec._google_devices``): spec rules at their line, compile,
the read's normalisation, the sandbox's rules and what an import makes of live DEVICE criteria."""

from __future__ import annotations

import struct
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_spec import POLICY, issues_of, patched, write

from midas_reconcile.compile import compile_workspace
from midas_reconcile.connectors import google_rows as gc
from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.google_device_rules import (
    check_bid_modifier,
    check_device_removal,
    device_criterion_id,
    held_devices,
)
from midas_reconcile.left_alone import targeted_types
from midas_reconcile.resources import Address
from midas_reconcile.spec import load_workspace
from midas_reconcile.spec._bid_modifiers import RESET_MODIFIER, modifier_text, native_modifier, read_modifier
from midas_reconcile.spec._google_devices import (
    device_adjustments_from,
    device_fields,
    is_device_address,
    unadjusted_criteria,
)

_FIELD = "spec.google.device_bid_adjustments"


def _campaign(google: str) -> str:
    """The test_spec BASE campaign with ``google`` (flow-style options) as its google block (line 27)."""
    return patched({25: f"      creatives: [one]\n  google:\n    {google}"})


@pytest.mark.parametrize(
    ("google", "field", "message"),
    [
        (
            "device_bid_adjustments: {mobile: 0.05}",
            f"{_FIELD}.mobile",
            "found 0.05; expected 0 (no ads on the device) or from 0.1 to 10",
        ),
        ("device_bid_adjustments: {desktop: 1.23456}", f"{_FIELD}.desktop", "at most 4 decimal places"),
        ("device_bid_adjustments: {tablet: 10.5}", f"{_FIELD}.tablet", "expected a value of at most 10"),
        ("device_bid_adjustments: {phone: 1.2}", f"{_FIELD}.phone", "connected_tv"),
        ("device_bid_adjustments: {mobile: -1}", f"{_FIELD}.mobile", "expected a value of at least 0"),
    ],
    ids=["between-0-and-0.1", "too-precise", "above-10", "unknown-device", "negative"],
)
def test_a_device_bid_adjustment_google_refuses_is_an_error_at_its_line(
    tmp_path: Path, google: str, field: str, message: str
) -> None:
    found = issues_of(tmp_path, {"specs/c.yaml": _campaign(google), "policies/budget.yaml": POLICY})
    said = [(i.line, i.message) for i in found if i.field == field]
    assert len(said) == 1 and said[0][0] == 27 and message in said[0][1], found


@pytest.mark.parametrize(
    ("channel", "setting", "adjustments", "message"),
    [
        (
            "hotel",
            "hotel: {hotel_center_id: 42}",
            "{mobile: 0}",
            "a Google Hotel campaign's device bid modifiers are its ad groups'",
        ),
        (
            "performance_max",
            "",
            "{mobile: 0.5}",
            "a Google performance max campaign takes a device at 0 (no ads on it) only",
        ),
    ],
)
def test_a_channel_that_takes_no_partial_device_adjustment_refuses_it_at_the_option(
    tmp_path: Path, channel: str, setting: str, adjustments: str, message: str
) -> None:
    google = f"channel: {channel}\n    {setting}\n    device_bid_adjustments: {adjustments}"
    found = issues_of(tmp_path, {"specs/c.yaml": _campaign(google), "policies/budget.yaml": POLICY})
    said = [i.message for i in found if i.field.startswith(_FIELD)]
    assert len(said) == 1 and message in said[0], found


def test_device_bid_adjustments_compile_to_one_device_criterion_per_adjusted_device(tmp_path: Path) -> None:
    """Each device but one at 1.0 (no adjustment, Google's default) is a DEVICE campaign criterion at
    ``device:<TYPE>``, its modifier a plain decimal string."""
    google = "device_bid_adjustments: {mobile: 0.8, tablet: 1.0, desktop: 1.20, connected_tv: 0}"
    write(tmp_path, {"specs/c.yaml": _campaign(google), "policies/budget.yaml": POLICY})
    compiled = compile_workspace(load_workspace(tmp_path, env={}))
    devices = {r.address.path: r.fields for r in compiled.resources if r.fields.get("type") == "DEVICE"}
    assert devices == {
        "c/device:CONNECTED_TV": {"type": "DEVICE", "device": "CONNECTED_TV", "bid_modifier": "0"},
        "c/device:DESKTOP": {"type": "DEVICE", "device": "DESKTOP", "bid_modifier": "1.2"},
        "c/device:MOBILE": {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "0.8"},
    }


@pytest.mark.parametrize(
    ("modifier", "fields"),
    [
        (0.800000011920929, {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "0.8"}),  # 32-bit 0.8
        (0.0, {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "0"}),
        (1.25, {"type": "DEVICE", "device": "MOBILE", "bid_modifier": "1.25"}),
        (None, None),  # a device criterion Google holds that nobody adjusted
        (1.0, None),
        (1.0000000116, None),
    ],
)
def test_a_live_device_criterion_reads_as_its_rounded_modifier_or_as_none_when_it_adjusts_nothing(
    modifier: float | None, fields: dict[str, Any] | None
) -> None:
    row: dict[str, Any] = {"type": "DEVICE", "device": {"type": "MOBILE"}}
    if modifier is not None:
        row["bid_modifier"] = modifier
    assert device_fields(row) == fields
    assert gc.criterion_key(row) == "device:MOBILE"


def test_the_read_skips_device_criteria_that_adjust_nothing_and_keeps_the_others() -> None:
    campaign = "customers/1/campaigns/7"
    rows: list[dict[str, Any]] = [
        {"type": "DEVICE", "device": {"type": t}, "campaign": campaign, "resource_name": f"{campaign}~{i}"}
        for i, t in ((30000, "DESKTOP"), (30001, "MOBILE"), (30002, "TABLET"))
    ]
    rows[1]["bid_modifier"] = 0.5
    rows[2]["bid_modifier"] = 1.0

    def address(kind: str, path: str) -> Address:
        return Address("google", "g", kind, path)

    read, unread = gc._criteria(address, rows, "campaign", {"7": "c"}, {"7": True})
    assert [(r.address.path, r.fields["bid_modifier"]) for r in read] == [("c/device:MOBILE", "0.5")]
    assert not unread


def test_modifier_text_is_a_plain_decimal() -> None:
    assert [modifier_text(v) for v in (0.1, "1.50", Decimal("10"), 0.30000001192092896)] == [
        "0.1",
        "1.5",
        "10",
        "0.3",
    ]


def test_a_device_criterion_s_address_is_known_by_its_key() -> None:
    assert is_device_address(Address("google", "g", "campaign_criterion", "c/device:MOBILE"))
    assert not is_device_address(Address("google", "g", "campaign_criterion", "c/language:1000"))
    assert not is_device_address(Address("google", "g", "ad_group_criterion", "c/g/device:MOBILE"))


@pytest.mark.parametrize("modifier", [0, 0.0, 0.1, 0.10000000149011612, 1.0, 10.0, None])
def test_the_sandbox_takes_a_modifier_google_takes(modifier: float | None) -> None:
    check_bid_modifier({"bid_modifier": modifier})


@pytest.mark.parametrize("modifier", [0.05, 10.5, -1.0, "1.2", True])
def test_the_sandbox_refuses_a_modifier_google_refuses(modifier: Any) -> None:
    with pytest.raises(OpError):
        check_bid_modifier({"bid_modifier": modifier})


def test_the_sandbox_neither_excludes_nor_removes_a_device() -> None:
    assert device_criterion_id({"type": "MOBILE"}, negative=False) == "30001"
    with pytest.raises(OpError, match="set its bid_modifier to 0"):
        device_criterion_id({"type": "MOBILE"}, negative=True)
    with pytest.raises(OpError, match="cannot be removed"):
        check_device_removal({"type": "DEVICE", "device": {"type": "MOBILE"}})
    check_device_removal({"type": "LANGUAGE"})


@pytest.mark.parametrize(
    ("channel", "held"),
    [("SEARCH", 3), ("DISPLAY", 3), ("SHOPPING", 3), ("DEMAND_GEN", 3), ("PERFORMANCE_MAX", 3), ("HOTEL", 0)],
)
def test_the_sandbox_makes_a_campaign_holding_its_device_criteria_unadjusted(channel: str, held: int) -> None:
    """As Google does (its SetBidModifier example), a campaign is made holding a DEVICE criterion for desktop,
    mobile and tablet (not connected TV), with no bid modifier, at ``{campaign id}~{device criterion id}``;
    none for a Hotel campaign."""
    campaign = {"id": "7", "resource_name": "customers/1/campaigns/7", "advertising_channel_type": channel}
    rows = held_devices("1", campaign)
    assert len(rows) == held
    if held:
        assert {r["resource_name"]: r["device"]["type"] for r in rows} == {
            "customers/1/campaignCriteria/7~30000": "DESKTOP",
            "customers/1/campaignCriteria/7~30001": "MOBILE",
            "customers/1/campaignCriteria/7~30002": "TABLET",
        }
        assert all(
            r["type"] == "DEVICE" and "bid_modifier" not in r and device_fields(r) is None for r in rows
        )


def _live(device: str, modifier: str) -> dict[str, Any]:
    return {"type": "DEVICE", "device": device, "bid_modifier": modifier}


@pytest.mark.parametrize(
    ("channel", "criteria", "adjustments", "problem"),
    [
        (
            "search",
            [_live("DESKTOP", "1.2"), _live("MOBILE", "0")],
            {"mobile": Decimal(0), "desktop": Decimal("1.2")},
            None,
        ),
        ("performance_max", [_live("CONNECTED_TV", "0")], {"connected_tv": Decimal(0)}, None),
        ("demand_gen", [_live("MOBILE", "0.5")], {}, "of which the spec language says 0 alone"),
        ("hotel", [_live("MOBILE", "0")], {}, "cannot say for a Hotel campaign"),
        ("app", [_live("TABLET", "0")], {}, "cannot say for an app campaign"),
        ("search", [_live("OTHER", "0.5")], {}, "Google device OTHER, which the spec language does not name"),
    ],
)
def test_a_live_campaign_s_device_criteria_import_as_its_adjustments_or_a_problem_naming_them(
    channel: str, criteria: list[dict[str, Any]], adjustments: dict[str, Decimal], problem: str | None
) -> None:
    found, problems = device_adjustments_from(criteria, channel)
    assert found == adjustments
    assert list(found) == list(adjustments)  # in the spec's device order
    assert (problem is None and not problems) or (problem is not None and problem in " ".join(problems))


def test_the_reset_criteria_an_adjustment_updates_are_those_of_devices_google_makes_none_of() -> None:
    """Of the DEVICE rows a read returns, those adjusting nothing (unset or 1.0) of a device Google does not
    make with the campaign (connected TV): MIDAS made and reset them; adjusting them again updates them."""
    rows: list[dict[str, Any]] = [
        {"type": "DEVICE", "device": {"type": t}, "resource_name": f"c~{i}", **extra}
        for t, i, extra in (
            ("DESKTOP", 30000, {}),
            ("MOBILE", 30001, {"bid_modifier": 1.0}),
            ("CONNECTED_TV", 30004, {"bid_modifier": 1.0}),
        )
    ]
    rows.append(
        {
            "type": "DEVICE",
            "device": {"type": "CONNECTED_TV"},
            "resource_name": "d~30004",
            "bid_modifier": 0.0,
        }
    )
    rows.append({"type": "LANGUAGE", "resource_name": "c~1000"})
    assert unadjusted_criteria(rows, ("DESKTOP", "MOBILE", "TABLET")) == {"c~30004"}


def _float32(value: str) -> float:
    """``value`` as Google's 32-bit ``bid_modifier`` reads back (0.8 → 0.800000011920929)."""
    return float(struct.unpack("f", struct.pack("f", float(value)))[0])


@pytest.mark.parametrize(
    "live,text",
    [("0.8", "0.8"), ("1.2345", "1.2345"), ("1.23456", "1.23456"), ("9.99999", "9.99999"), ("0", "0")],
)
def test_a_live_modifier_reads_as_the_decimal_google_was_sent(live: str, text: str) -> None:
    """The read keeps the 6 significant digits a 32-bit float holds (its noise gone), so that a console's
    modifier of more than 4 decimal places is not silently rounded."""
    assert modifier_text(_float32(live)) == text


def test_an_import_names_a_live_modifier_of_more_than_4_decimal_places() -> None:
    row = {"type": "DEVICE", "device": {"type": "MOBILE"}, "bid_modifier": _float32("1.23456")}
    fields = device_fields(row)
    assert fields is not None and fields["bid_modifier"] == "1.23456"
    adjustments, problems = device_adjustments_from([fields], "search")
    assert adjustments == {"mobile": Decimal("1.23456")}
    assert problems == ["has device bid adjustments of more than 4 decimal places: ['mobile 1.23456']"]


@pytest.mark.parametrize(
    ("google", "named"),
    [("device_bid_adjustments: {mobile: 1.0}", {"DEVICE"}), ("bidding: {strategy: maximize_clicks}", set())],
)
def test_a_spec_naming_a_device_at_1_compiles_none_yet_names_the_campaign_s_devices(
    tmp_path: Path, google: str, named: set[str]
) -> None:
    """A device at 1.0 makes no criterion, but the campaign's devices are MIDAS's (``targeted_types``), so
    that a console's adjustment of them is reset rather than left alone; a spec naming none names none."""
    write(tmp_path, {"specs/c.yaml": _campaign(google), "policies/budget.yaml": POLICY})
    compiled = compile_workspace(load_workspace(tmp_path, env={}))
    google_side = [r for r in compiled.resources if r.address.platform == "google"]
    assert not [r for r in google_side if r.fields.get("type") == "DEVICE"]
    [campaign] = [r for r in google_side if r.address.kind == "campaign"]
    assert targeted_types(google_side).get(campaign.address, set()) & {"DEVICE"} == named


@pytest.mark.parametrize(
    ("live", "read", "sent"),
    [
        (None, None, RESET_MODIFIER),
        (1.0, None, RESET_MODIFIER),
        (0.0, "0", 0.0),
        (1.2000000476837158, "1.2", 1.2),
    ],
)
def test_every_bid_modifier_reads_as_text_and_is_sent_as_a_float_or_1_to_clear(
    live: float | None, read: str | None, sent: float
) -> None:
    """``spec._bid_modifiers``: one representation for a device's, a place's and an ad schedule slot's."""
    assert read_modifier(live) == read
    assert native_modifier(read) == sent
