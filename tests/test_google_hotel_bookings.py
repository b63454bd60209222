"""A Google Hotel ad group's booking bid adjustments (``spec._google_hotel_bookings``): compile keys and
fields, the read and write shapes, what an import makes of live modifiers, what is left alone, the sandbox's
rules and the applier's order of overlapping ranges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from midas_reconcile.applier._ops import operations
from midas_reconcile.connectors.google_bid_modifiers import device_modifiers, reset_ranges, unadjusted_devices
from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.google_booking_rules import booking_criterion_id
from midas_reconcile.left_alone import is_left_alone, targeted_types
from midas_reconcile.plan import Action, Change
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec._bid_modifiers import DOUBLE_DIGITS
from midas_reconcile.spec._google_hotel_bookings import (
    booking_fields,
    booking_native,
    fields_overlap,
    group_booking_modifiers,
    hotel_adjustments_from,
    names_hotel_bookings,
    ranges_overlap,
)
from midas_reconcile.spec.models import AdGroup

KIND = "ad_group_bid_modifier"


def _group(**adjustments: Any) -> AdGroup:
    return AdGroup.model_validate({"name": "paris", "google": {"hotel_bid_adjustments": adjustments}})


def test_each_adjusted_booking_dimension_compiles_to_a_modifier_keyed_by_its_criterion() -> None:
    """One modifier per adjusted day, stay, window, selection and date range, keyed by its criterion; one at
    1.0 makes none, yet names its dimension (so the ad group's live ones of it are MIDAS's)."""
    group = _group(
        check_in_days={"fri": Decimal("1.2"), "sun": Decimal(1)},
        length_of_stay=[{"min_nights": 1, "max_nights": 3, "modifier": Decimal("1.1")}],
        advance_booking_window=[{"min_days": 0, "max_days": 6, "modifier": Decimal("0.9")}],
        date_selection={"default_dates": Decimal("0.8")},
        check_in_dates=[{"start": dt.date(2027, 12, 20), "end": dt.date(2028, 1, 2), "modifier": Decimal(2)}],
    )
    made = dict(group_booking_modifiers(group))
    assert sorted(made) == [
        "advance_booking_window:0-6",
        "check_in_dates:2027-12-20..2028-01-02",
        "check_in_day:FRIDAY",
        "date_selection:DEFAULT_SELECTION",
        "length_of_stay:1-3",
    ]
    assert made["length_of_stay:1-3"] == {
        "type": "LENGTH_OF_BOOKING", "min_days": 1, "max_days": 3, "bid_modifier": "1.1"
    }  # fmt: skip
    assert names_hotel_bookings(group) == (
        "START_DAY_OF_WEEK",
        "LENGTH_OF_BOOKING",
        "ADVANCE_BOOKING_WINDOW",
        "USER_SET_DATES",
        "START_DATE_RANGE",
    )
    assert names_hotel_bookings(_group(check_in_days={"mon": Decimal(1)})) == ("START_DAY_OF_WEEK",)
    assert group_booking_modifiers(_group(check_in_days={"mon": Decimal(1)})) == []


@pytest.mark.parametrize(
    "native",
    [
        {"start_day_of_week": {"day_of_week": "SATURDAY"}},
        {"user_set_dates": {"type": "USER_SELECTED"}},
        {"length_of_booking": {"min_days": 4, "max_days": 30}},
        {"advance_booking_window": {"min_days": 30, "max_days": 60}},
        {"start_date_range": {"start_date": "2027-12-20", "end_date": "2028-01-02"}},
    ],
)
def test_a_booking_modifier_reads_and_writes_as_the_same_native_criterion(native: dict[str, Any]) -> None:
    """What the read makes of a native row is written back as that row (the modifier a float)."""
    fields = booking_fields({**native, "bid_modifier": 1.25}, DOUBLE_DIGITS)
    assert fields is not None and fields["bid_modifier"] == "1.25"
    assert booking_native(fields) == {**native, "bid_modifier": 1.25}


def test_the_read_takes_int64_days_sent_as_text_as_numbers() -> None:
    """An int64 may reach the read as text (proto JSON): the days are numbers all the same."""
    fields = booking_fields(
        {"length_of_booking": {"min_days": "2", "max_days": "5"}, "bid_modifier": 1.1}, DOUBLE_DIGITS
    )
    assert fields == {"type": "LENGTH_OF_BOOKING", "min_days": 2, "max_days": 5, "bid_modifier": "1.1"}


def test_booking_rows_are_resources_and_one_a_console_reset_is_updated_not_made_again() -> None:
    """A booking row adjusting something is read as a resource; one at 1.0 (a console's reset) is what an
    adjustment of it updates (its key), as a create would be refused as a duplicate."""
    group = "customers/1/adGroups/5"
    rows: list[dict[str, Any]] = [
        {"resource_name": "customers/1/adGroupBidModifiers/5~60005", "ad_group": group,
         "start_day_of_week": {"day_of_week": "FRIDAY"}, "bid_modifier": 1.2},
        {"resource_name": "customers/1/adGroupBidModifiers/5~61000103", "ad_group": group,
         "length_of_booking": {"min_days": 1, "max_days": 3}, "bid_modifier": 1.0},
    ]  # fmt: skip
    assert [(id_, fields["type"]) for _, id_, fields in device_modifiers(rows, {"5": "c/paris"})] == [
        ("5~60005", "START_DAY_OF_WEEK")
    ]
    assert unadjusted_devices(rows) == {("5", "length_of_stay:1-3"): rows[1]["resource_name"]}


def test_a_booking_range_a_console_reset_is_known_with_its_ends_and_only_a_range_of_its_kind_overlaps() -> (
    None
):
    """The ranges at 1.0 (read as none) are kept by ad group with their ends, what a new range of their kind
    overlapping them removes first; a check-in day at 1.0, an adjusting range and a device's are not; two
    ranges overlap only of one kind, ends included, an open end taken to overlap."""
    group = "customers/1/adGroups/5"
    rows: list[dict[str, Any]] = [
        {"resource_name": "r/1", "ad_group": group, "length_of_booking": {"min_days": 1, "max_days": 3},
         "bid_modifier": 1.0},
        {"resource_name": "r/2", "ad_group": group, "start_day_of_week": {"day_of_week": "FRIDAY"},
         "bid_modifier": 1.0},
        {"resource_name": "r/3", "ad_group": group, "advance_booking_window": {"min_days": 0, "max_days": 6},
         "bid_modifier": 1.3},
        {"resource_name": "r/4", "ad_group": group, "device": {"type": "MOBILE"}, "bid_modifier": 1.0},
        {"resource_name": "r/5", "ad_group": group, "start_date_range": {"start_date": "2027-01-01",
         "end_date": "2027-01-05"}},
    ]  # fmt: skip
    assert reset_ranges(rows) == {
        "5": [
            ({"type": "LENGTH_OF_BOOKING", "min_days": 1, "max_days": 3}, "r/1"),
            ({"type": "START_DATE_RANGE", "start_date": "2027-01-01", "end_date": "2027-01-05"}, "r/5"),
        ]
    }  # fmt: skip
    stay = {"type": "LENGTH_OF_BOOKING", "min_days": 1, "max_days": 3}
    assert fields_overlap(stay, {**stay, "min_days": 3, "max_days": 9})
    assert not fields_overlap(stay, {**stay, "min_days": 4, "max_days": 9})
    assert not fields_overlap(stay, {**stay, "type": "ADVANCE_BOOKING_WINDOW"})
    assert fields_overlap(stay, {**stay, "min_days": 10, "max_days": None})
    dates = {"type": "START_DATE_RANGE", "start_date": "2027-01-01", "end_date": "2027-01-05"}
    assert fields_overlap(dates, {**dates, "start_date": "2027-01-05", "end_date": "2027-02-01"})
    assert not fields_overlap(dates, {**dates, "start_date": "2027-01-06", "end_date": "2027-02-01"})
    assert not fields_overlap(dates, {"type": "START_DAY_OF_WEEK", "day_of_week": "FRIDAY"})


def test_an_import_writes_live_booking_modifiers_as_the_spec_says_them_and_names_what_it_cannot() -> None:
    """Days in week order, ranges and selections as written; a modifier of 0 (a device's opt-out alone) or a
    range past the spec's limits is a problem, named; on a campaign that is not a Hotel one, all of it is."""
    modifiers = [
        {"type": "START_DAY_OF_WEEK", "day_of_week": "SUNDAY", "bid_modifier": "0.9"},
        {"type": "START_DAY_OF_WEEK", "day_of_week": "MONDAY", "bid_modifier": "1.1"},
        {"type": "USER_SET_DATES", "date_selection": "USER_SELECTED", "bid_modifier": "1.2"},
        {"type": "LENGTH_OF_BOOKING", "min_days": 1, "max_days": 3, "bid_modifier": "1.3"},
        {
            "type": "START_DATE_RANGE",
            "start_date": "2027-01-01",
            "end_date": "2027-01-05",
            "bid_modifier": "2",
        },
    ]
    adjustments, problems = hotel_adjustments_from(modifiers, "hotel")
    assert problems == []
    assert adjustments == {
        "check_in_days": {"mon": Decimal("1.1"), "sun": Decimal("0.9")},
        "length_of_stay": [{"min_nights": 1, "max_nights": 3, "modifier": Decimal("1.3")}],
        "date_selection": {"user_selected": Decimal("1.2")},
        "check_in_dates": [{"start": "2027-01-01", "end": "2027-01-05", "modifier": Decimal(2)}],
    }
    assert list(adjustments["check_in_days"]) == ["mon", "sun"]
    odd = [{"type": "LENGTH_OF_BOOKING", "min_days": 1, "max_days": 45, "bid_modifier": "1.3"}]
    assert hotel_adjustments_from(odd, "hotel") == ({}, [
        "has a booking bid modifier the spec language cannot say (length_of_stay:1-45)"
    ])  # fmt: skip
    assert hotel_adjustments_from(modifiers[:1], "search")[0] == {}
    assert "on Hotel campaigns' ad groups alone" in hotel_adjustments_from(modifiers[:1], "search")[1][0]


def _modifier(path: str, **fields: Any) -> Resource:
    return Resource(
        Address("google", "main", KIND, path), {**fields, "bid_modifier": "1.1"}, platform_id="5~61"
    )


def test_a_console_s_booking_modifier_is_left_alone_until_its_ad_group_names_its_kind() -> None:
    """Per kind: an ad group naming a stay length makes its live stay lengths MIDAS's, not its check-in
    days."""
    campaign = Resource(Address("google", "main", "campaign", "c"), {"name": "c"})
    group = Resource(
        Address("google", "main", "ad_group", "c/paris"),
        {"name": "paris"},
        named_types=("LENGTH_OF_BOOKING",),
    )
    targeted = targeted_types([group])[group.address]
    day = _modifier("c/paris/check_in_day:FRIDAY", type="START_DAY_OF_WEEK", day_of_week="FRIDAY")
    stay = _modifier("c/paris/length_of_stay:5-9", type="LENGTH_OF_BOOKING", min_days=5, max_days=9)
    assert is_left_alone(day, campaign=campaign, ours=False, targeted=targeted)
    assert not is_left_alone(stay, campaign=campaign, ours=False, targeted=targeted)


@pytest.mark.parametrize(
    ("existing", "new", "code"),
    [
        ({"min_days": 1, "max_days": 3}, {"min_days": 3, "max_days": 5}, "LENGTH_OF_BOOKING_OVERLAPS"),
        ({"min_days": 1, "max_days": 3}, {"min_days": 5, "max_days": 2}, "INVALID_CRITERION"),
    ],
)
def test_the_sandbox_refuses_overlapping_or_reversed_stay_lengths(
    existing: dict[str, int], new: dict[str, int], code: str
) -> None:
    with pytest.raises(OpError) as refused:
        booking_criterion_id(
            {"length_of_booking": new, "bid_modifier": 1.2}, [{"length_of_booking": existing}]
        )
    assert code in refused.value.code


def test_the_sandbox_refuses_a_booking_modifier_at_0_and_reversed_dates() -> None:
    """0 opts out of a device alone; a date range's start after its end is START_DATE_RANGE_REVERSED."""
    with pytest.raises(OpError) as refused:
        booking_criterion_id({"start_day_of_week": {"day_of_week": "FRIDAY"}, "bid_modifier": 0.0}, [])
    assert refused.value.code == "range_error.TOO_LOW"
    dates = {"start_date": "2027-02-01", "end_date": "2027-01-01"}
    with pytest.raises(OpError) as reversed_:
        booking_criterion_id({"start_date_range": dates, "bid_modifier": 1.2}, [])
    assert reversed_.value.code == "criterion_error.START_DATE_RANGE_REVERSED"
    assert booking_criterion_id({"length_of_booking": {"min_days": 3, "max_days": 5}}, []) != (
        booking_criterion_id({"length_of_booking": {"min_days": 3, "max_days": 6}}, [])
    )


def test_a_new_range_overlapping_one_leaving_goes_after_its_removal_settles() -> None:
    """Google refuses a range overlapping one the ad group still has: the removal goes first, and the create
    waits for it in a later batch; a range overlapping nothing leaving keeps its place."""
    old = _modifier("c/paris/length_of_stay:1-3", type="LENGTH_OF_BOOKING", min_days=1, max_days=3)
    new = _modifier("c/paris/length_of_stay:1-2", type="LENGTH_OF_BOOKING", min_days=1, max_days=2)
    other = _modifier("c/rome/length_of_stay:1-2", type="LENGTH_OF_BOOKING", min_days=1, max_days=2)
    changes = [
        Change(new.address, Action.CREATE, None, new),
        Change(other.address, Action.CREATE, None, other),
        Change(old.address, Action.DELETE, old, None),
    ]
    assert ranges_overlap(new, old) and not ranges_overlap(other, old)
    ops = operations(list(enumerate(changes)))
    assert [(op.action, op.address.path) for op in ops] == [
        ("create", "c/rome/length_of_stay:1-2"),
        ("delete", "c/paris/length_of_stay:1-3"),
        ("create", "c/paris/length_of_stay:1-2"),
    ]
    assert ops[2].waits_for == (old.address,) and ops[2].waits_settled


def test_an_import_orders_live_booking_ranges_by_their_ends_not_as_text() -> None:
    """Stay lengths and booking windows in order of their days (10–12 after 2–5, not before as text would),
    check-in dates in order of their dates."""
    stays = [
        {"type": "LENGTH_OF_BOOKING", "min_days": low, "max_days": high, "bid_modifier": "1.1"}
        for low, high in ((10, 12), (2, 5), (1, 1))
    ]
    windows = [
        {"type": "ADVANCE_BOOKING_WINDOW", "min_days": low, "max_days": high, "bid_modifier": "0.9"}
        for low, high in ((100, 200), (30, 60), (7, 29))
    ]
    dates = [
        {"type": "START_DATE_RANGE", "start_date": start, "end_date": end, "bid_modifier": "1.5"}
        for start, end in (("2028-01-10", "2028-01-12"), ("2027-12-20", "2028-01-02"))
    ]
    adjustments, problems = hotel_adjustments_from([*stays, *windows, *dates], "hotel")
    assert problems == []
    assert [(s["min_nights"], s["max_nights"]) for s in adjustments["length_of_stay"]] == [
        (1, 1),
        (2, 5),
        (10, 12),
    ]
    assert [(w["min_days"], w["max_days"]) for w in adjustments["advance_booking_window"]] == [
        (7, 29),
        (30, 60),
        (100, 200),
    ]
    assert [d["start"] for d in adjustments["check_in_dates"]] == ["2027-12-20", "2028-01-10"]
