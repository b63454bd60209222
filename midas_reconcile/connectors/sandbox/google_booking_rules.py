"""The sandbox's rules for a Hotel ad group's booking bid modifiers (v26 AdGroupBidModifier with
StartDayOfWeekInfo, UserSetDatesInfo, LengthOfBookingInfo, AdvanceBookingWindowInfo or StartDateRangeInfo:
``spec._google_hotel_bookings`` says what is confirmed).

Modelled: exactly one criterion; the modifier from 0.1 to 10.0 (0 is a device's opt-out alone); a range's
ends in order (START_DATE_RANGE_REVERSED for dates); no two ranges of a kind overlapping in one ad group
(LENGTH_OF_BOOKING_, ADVANCE_BOOKING_WINDOW_, START_DATE_RANGE_OVERLAPS_WITH_EXISTING_CRITERION, ends
included: not confirmed). Criterion ids are the sandbox's own (Google's are not confirmed): 60001 Monday …
60007 Sunday, 60101/60102 default/user-selected dates, and for a range one made of its ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK
from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.google_bid_modifier_rules import check_modifier_range

#: The v26 AdGroupBidModifier booking criteria.
BOOKING_CRITERIA: Final = (
    "start_day_of_week",
    "user_set_dates",
    "length_of_booking",
    "advance_booking_window",
    "start_date_range",
)
_SELECTIONS: Final = ("DEFAULT_SELECTION", "USER_SELECTED")
_RANGES: Final = {
    "length_of_booking": ("min_days", "max_days", "LENGTH_OF_BOOKING", "61"),
    "advance_booking_window": ("min_days", "max_days", "ADVANCE_BOOKING_WINDOW", "62"),
    "start_date_range": ("start_date", "end_date", "START_DATE_RANGE", "63"),
}


def booking_criterion(data: dict[str, Any]) -> str | None:
    """The booking criterion field ``data`` sets (None: none)."""
    return next((field for field in BOOKING_CRITERIA if data.get(field) is not None), None)


def booking_criterion_id(data: dict[str, Any], siblings: Iterable[dict[str, Any]]) -> str:
    """The criterion id of a booking modifier ``data``, checked against its ad group's other modifiers
    ``siblings``."""
    check_modifier_range(data, opt_out=False)
    if data.get("device") is not None or sum(data.get(f) is not None for f in BOOKING_CRITERIA) != 1:
        raise OpError(
            "ad_group_bid_modifier_error.CRITERION_ID_NOT_SUPPORTED",
            "an ad group bid modifier needs exactly one criterion (a device or a booking one)",
        )
    field = booking_criterion(data)
    info = data.get(field or "") or {}
    if field == "start_day_of_week" and info.get("day_of_week") in DAYS_OF_WEEK:
        return str(60001 + DAYS_OF_WEEK.index(str(info["day_of_week"])))
    if field == "user_set_dates" and info.get("type") in _SELECTIONS:
        return str(60101 + _SELECTIONS.index(str(info["type"])))
    if field in _RANGES:
        low_name, high_name, error, prefix = _RANGES[field]
        low, high = _end(info.get(low_name)), _end(info.get(high_name))
        if low is None or high is None:
            raise OpError("field_error.REQUIRED", f"{field} needs {low_name} and {high_name}", field)
        if low > high:
            raise OpError(
                "criterion_error.START_DATE_RANGE_REVERSED"
                if field == "start_date_range"
                else "criterion_error.INVALID_CRITERION",
                f"{field} {low} is after {high}",
                field,
            )
        for other in siblings:
            them = other.get(field) or {}
            other_low, other_high = _end(them.get(low_name)), _end(them.get(high_name))
            if other_low is not None and other_high is not None and low <= other_high and other_low <= high:
                raise OpError(
                    f"criterion_error.{error}_OVERLAPS_WITH_EXISTING_CRITERION",
                    f"{field} {low}–{high} overlaps {other_low}–{other_high}",
                    field,
                )
        return prefix + f"{low}{high}".replace("-", "")
    raise OpError(
        "ad_group_bid_modifier_error.CRITERION_ID_NOT_SUPPORTED",
        "an ad group bid modifier needs exactly one criterion (a device or a booking one)",
    )


def _end(value: Any) -> Any:
    """A range's end comparable with its kind's: days as ints, dates as their ISO text."""
    if value is None:
        return None
    return int(value) if isinstance(value, int) or str(value).isdigit() else str(value)
