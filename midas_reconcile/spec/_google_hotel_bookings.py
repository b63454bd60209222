"""A Google Hotel ad group's bid adjustments by booking (``ad_groups[].google.hotel_bid_adjustments``): rules,
compile, read, import.

The spec writes a multiplier per check-in day, stay length, advance booking window, date selection and
check-in date range::

    hotel_bid_adjustments:
      check_in_days: {fri: 1.2, sat: 1.3}
      length_of_stay: [{min_nights: 1, max_nights: 3, modifier: 1.1}]
      advance_booking_window: [{min_days: 0, max_days: 6, modifier: 0.9}]
      date_selection: {default_dates: 0.8, user_selected: 1.2}
      check_in_dates: [{start: 2026-12-20, end: 2027-01-02, modifier: 1.5}]

Each adjusted one is a v26 AdGroupBidModifier (``ad_group``, one criterion, ``bid_modifier``) of the kind an
ad group's device adjustment is (``ad_group_bid_modifier``, ``spec._google_ad_group_devices``), at
``<campaign>/<ad group>/<key>`` (``booking_key``): ``check_in_day:FRIDAY`` (StartDayOfWeekInfo),
``length_of_stay:1-3`` (LengthOfBookingInfo), ``advance_booking_window:0-6`` (AdvanceBookingWindowInfo),
``date_selection:USER_SELECTED`` (UserSetDatesInfo), ``check_in_dates:2026-12-20..2027-01-02``
(StartDateRangeInfo). The criterion is "Immutable", the modifier not: a changed range is another modifier
(the old removed, the new created), a changed multiplier an update.

Confirmed in google-ads v26 (resources/ad_group_bid_modifier.py, common/criteria.py,
errors/criterion_error.py, enums/date_selection_type.py, day_of_week.py): the five criteria and their fields
(days as int64, dates "in the YYYY-MM-DD format"); the modifier "must be in the range: 0.1 - 10.0. Use 0
to opt out of a Device type" (0 is a device's alone: refused here); LENGTH_OF_BOOKING_,
ADVANCE_BOOKING_WINDOW_ and START_DATE_RANGE_OVERLAPS_WITH_EXISTING_CRITERION (ranges of one ad group may not
overlap: refused at the spec line); START_DATE_RANGE_REVERSED (start after end: refused);
START_DATE_RANGE_START_DATE_TOO_EARLY ("earlier than ... yesterday UTC") and _END_DATE_TOO_LATE ("later than
... 330 days in the future UTC").
Google's Hotel ads guide: these adjustments are an ad group's (AdGroupBidModifier), for hotel ads alone.

Not confirmed, and how MIDAS acts meanwhile:

* The limits of a range: Google's help says a length of stay is adjusted "up to 30 days"; the spec takes 1 to
  30 nights. An advance booking window's is not documented: the spec takes 0 to 330 days (the farthest
  check-in date Google takes). A wider range Google took would be refused at the spec line, never sent.
* Whether a range's ends are both included: MIDAS assumes so (as the console shows "1-3 nights"), so ranges
  sharing an end overlap.
* Check-in dates' window (yesterday to 330 days ahead) depends on the day of the apply: the spec does not
  check it (validation reads no clock); Google refuses the write, reported, nothing written wrongly.
* A Search campaign's hotel ads (Search for Travel) take them too per Google's guide; MIDAS writes no such
  ad group, so the spec allows them on Hotel campaigns' ad groups alone.
* Whether Google keeps a row at 1.0 when a console resets one: as a device's, such a row reads as none (an
  adjustment of its key updates it), and a new range overlapping a range's such row removes it first, in
  its request (``GoogleBackend._clear_reset_ranges``; whether Google counts it as overlapping is not
  confirmed either: the sandbox does, and the removal changes no bid).

As a device's, a multiplier at 1.0 compiles to none, yet naming a dimension (1.0 too) makes the ad group's
live modifiers of that dimension MIDAS's (the ad group's ``Resource.named_types``): one the spec does not
name is removed. While the spec names none of a dimension, a console's of it are left alone (``left_alone``),
so an ad group adopted without them is never stripped of what it had; an import writes them into the spec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.spec._bid_modifiers import (
    DECIMAL_PLACES,
    MAX_MODIFIER,
    MIN_MODIFIER,
    NO_ADJUSTMENT,
    modifier_text,
    native_modifier,
    too_precise,
)
from midas_reconcile.spec._google_ad_group_devices import KIND
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import MAX_BOOKING_DAYS, MAX_STAY_NIGHTS, WEEKDAYS, AdGroup, CampaignSpec

Add = Callable[[PathKey, str], None]

#: The ``type`` of each booking modifier's normalised fields, by the v26 AdGroupBidModifier criterion field.
CHECK_IN_DAY: Final = "START_DAY_OF_WEEK"
DATE_SELECTION: Final = "USER_SET_DATES"
LENGTH_OF_STAY: Final = "LENGTH_OF_BOOKING"
BOOKING_WINDOW: Final = "ADVANCE_BOOKING_WINDOW"
CHECK_IN_DATES: Final = "START_DATE_RANGE"
#: The spec's dimension, the v26 criterion field and the address key's prefix of each type.
_TYPES: Final[dict[str, tuple[str, str, str]]] = {
    CHECK_IN_DAY: ("check_in_days", "start_day_of_week", "check_in_day"),
    LENGTH_OF_STAY: ("length_of_stay", "length_of_booking", "length_of_stay"),
    BOOKING_WINDOW: ("advance_booking_window", "advance_booking_window", "advance_booking_window"),
    DATE_SELECTION: ("date_selection", "user_set_dates", "date_selection"),
    CHECK_IN_DATES: ("check_in_dates", "start_date_range", "check_in_dates"),
}
#: v26 DayOfWeek names by the spec's weekday.
_DAYS: Final = dict(
    zip(WEEKDAYS, ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"), strict=True)
)
_SPEC_DAYS: Final = {native: day for day, native in _DAYS.items()}
#: v26 DateSelectionType names by the spec's date selection.
_SELECTIONS: Final = {"default_dates": "DEFAULT_SELECTION", "user_selected": "USER_SELECTED"}
_SPEC_SELECTIONS: Final = {native: name for name, native in _SELECTIONS.items()}
#: A range's ends in the spec, and in the normalised fields (v26 ``min_days``/``max_days``).
_RANGE_ENDS: Final = {LENGTH_OF_STAY: ("min_nights", "max_nights"), BOOKING_WINDOW: ("min_days", "max_days")}
_OPTION: Final = "hotel_bid_adjustments"


def check_hotel_bookings(add: Add, spec: CampaignSpec) -> None:
    """Every rule of an ad group's ``google.hotel_bid_adjustments``, at the offending line."""
    for index, group in enumerate(spec.ad_groups):
        adjustments = group.google.hotel_bid_adjustments
        if adjustments is None:
            continue
        option: PathKey = ("spec", "ad_groups", index, "google", _OPTION)
        if spec.google.channel != "hotel":
            add(
                option,
                "found hotel_bid_adjustments on an ad group of a campaign that is not a Google Hotel "
                "one (google.channel: hotel): expected none",
            )
            continue
        if group.platforms is not None and "google" not in group.platforms:
            add(
                option,
                "found hotel_bid_adjustments on an ad group that does not run on Google: expected none",
            )
            continue
        for name in ("check_in_days", "date_selection"):
            for key, modifier in getattr(adjustments, name).items():
                _check_modifier(add, (*option, name, key), modifier)
        _check_ranges(
            add, (*option, "length_of_stay"), adjustments.length_of_stay, "min_nights", "max_nights"
        )
        _check_ranges(
            add,
            (*option, "advance_booking_window"),
            adjustments.advance_booking_window,
            "min_days",
            "max_days",
        )
        _check_ranges(add, (*option, "check_in_dates"), adjustments.check_in_dates, "start", "end")


def _check_modifier(add: Add, path: PathKey, modifier: Decimal) -> None:
    if modifier < MIN_MODIFIER:
        add(
            path,
            f"found {modifier}; expected from {MIN_MODIFIER} to {MAX_MODIFIER} (0 opts out of a device "
            "alone: Google takes no booking adjustment at 0)",
        )
    elif too_precise(modifier):
        add(path, f"found {modifier}; expected at most {DECIMAL_PLACES} decimal places")


def _check_ranges(add: Add, path: PathKey, ranges: Sequence[Any], low: str, high: str) -> None:
    """Each range's modifier, its ends in order, and no two overlapping (both ends included)."""
    for index, item in enumerate(ranges):
        _check_modifier(add, (*path, index, "modifier"), item.modifier)
        if getattr(item, low) > getattr(item, high):
            add(
                (*path, index, high),
                f"found {getattr(item, high)}, before {low} {getattr(item, low)}: "
                f"expected {high} at or after {low}",
            )
    for index, item in enumerate(ranges):
        for earlier in range(index):
            other = ranges[earlier]
            if getattr(item, low) <= getattr(other, high) and getattr(other, low) <= getattr(item, high):
                add(
                    (*path, index),
                    f"found {getattr(item, low)}–{getattr(item, high)}, which overlaps entry "
                    f"{earlier} ({getattr(other, low)}–{getattr(other, high)}; both ends included), which "
                    "Google refuses (OVERLAPS_WITH_EXISTING_CRITERION): expected ranges that do not overlap",
                )
                break


def booking_key(fields: Mapping[str, Any]) -> str:
    """The address key of a booking modifier under its ad group, from its normalised fields."""
    type_ = str(fields.get("type"))
    prefix = _TYPES[type_][2]
    if type_ == CHECK_IN_DAY:
        return f"{prefix}:{fields.get('day_of_week')}"
    if type_ == DATE_SELECTION:
        return f"{prefix}:{fields.get('date_selection')}"
    if type_ == CHECK_IN_DATES:
        return f"{prefix}:{fields.get('start_date')}..{fields.get('end_date')}"
    return f"{prefix}:{_end(fields.get('min_days'))}-{_end(fields.get('max_days'))}"


def _end(value: Any) -> str:
    return "" if value is None else str(value)


def booking_option(resource: Any) -> str:
    """The spec dimension (``check_in_days`` …) of a booking modifier ``resource`` (its fields' ``type``)."""
    fields = getattr(resource, "fields", None) or {}
    found = _TYPES.get(str(fields.get("type")))
    return found[0] if found is not None else "hotel_bid_adjustments"


def group_booking_modifiers(group: AdGroup) -> list[tuple[str, dict[str, Any]]]:
    """(key, fields) of each ad group bid modifier ``group``'s booking adjustments make; one at 1.0 makes
    none."""
    adjustments = group.google.hotel_bid_adjustments
    if adjustments is None:
        return []
    made: list[dict[str, Any]] = []
    for day, modifier in adjustments.check_in_days.items():
        made.append({"type": CHECK_IN_DAY, "day_of_week": _DAYS[day], "bid_modifier": modifier})
    for stay in adjustments.length_of_stay:
        made.append(
            {
                "type": LENGTH_OF_STAY,
                "min_days": stay.min_nights,
                "max_days": stay.max_nights,
                "bid_modifier": stay.modifier,
            }
        )
    for window in adjustments.advance_booking_window:
        made.append(
            {
                "type": BOOKING_WINDOW,
                "min_days": window.min_days,
                "max_days": window.max_days,
                "bid_modifier": window.modifier,
            }
        )
    for selection, modifier in adjustments.date_selection.items():
        made.append(
            {"type": DATE_SELECTION, "date_selection": _SELECTIONS[selection], "bid_modifier": modifier}
        )
    for dates in adjustments.check_in_dates:
        made.append(
            {
                "type": CHECK_IN_DATES,
                "start_date": dates.start.isoformat(),
                "end_date": dates.end.isoformat(),
                "bid_modifier": dates.modifier,
            }
        )
    out = []
    for fields in made:
        if fields["bid_modifier"] == NO_ADJUSTMENT:
            continue
        fields["bid_modifier"] = modifier_text(fields["bid_modifier"])
        out.append((booking_key(fields), fields))
    return sorted(out, key=lambda item: item[0])


def names_hotel_bookings(group: AdGroup) -> tuple[str, ...]:
    """The booking types ``group``'s spec names (a dimension with any entry, at 1.0 too): its live modifiers
    of those types are MIDAS's; a console's of the others are left alone."""
    adjustments = group.google.hotel_bid_adjustments
    if adjustments is None:
        return ()
    return tuple(type_ for type_, (name, _, _) in _TYPES.items() if getattr(adjustments, name))


def booking_range(resource: Any) -> tuple[Any, Any] | None:
    """The (low, high) ends of a booking range modifier ``resource`` (a Resource, or None), by its type's
    order (days as ints, dates as ISO text); None for anything else."""
    fields = getattr(resource, "fields", None)
    if getattr(getattr(resource, "address", None), "kind", None) != KIND or not fields:
        return None
    return range_of(fields)


def range_of(fields: Mapping[str, Any]) -> tuple[Any, Any] | None:
    """The (low, high) ends of a booking range modifier's normalised fields (``booking_fields``); None for
    a modifier that is no range."""
    type_ = fields.get("type")
    if type_ in _RANGE_ENDS:
        return fields.get("min_days"), fields.get("max_days")
    if type_ == CHECK_IN_DATES:
        return fields.get("start_date"), fields.get("end_date")
    return None


def ranges_overlap(a: Any, b: Any) -> bool:
    """Whether booking range modifiers ``a`` and ``b`` (Resources) are of one ad group and type and share a
    value (both ends included: module docstring)."""
    if booking_range(a) is None or booking_range(b) is None:
        return False
    if a.address.path.rsplit("/", 1)[0] != b.address.path.rsplit("/", 1)[0]:
        return False
    return fields_overlap(a.fields, b.fields)


def fields_overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether booking range modifiers of normalised fields ``a`` and ``b`` (of one ad group) are of one type
    and share a value (both ends included: module docstring). A range with an open end (a console's: v26
    LengthOfBookingInfo's ends are optional) is taken to overlap: the safe answer to "must it go first"."""
    x, y = range_of(a), range_of(b)
    if x is None or y is None or a.get("type") != b.get("type"):
        return False
    if any(end is None or end == "" for end in (*x, *y)):
        return True
    return bool(x[0] <= y[1] and y[0] <= x[1])


def booking_fields(row: Mapping[str, Any], digits: int) -> dict[str, Any] | None:
    """A live booking modifier row's normalised fields (its modifier of ``digits``), None for a row of
    another criterion."""
    for type_, (_, field, _) in _TYPES.items():
        info = row.get(field)
        if info is None:
            continue
        fields: dict[str, Any] = {"type": type_}
        if type_ == CHECK_IN_DAY:
            fields["day_of_week"] = str(info.get("day_of_week") or "")
        elif type_ == DATE_SELECTION:
            fields["date_selection"] = str(info.get("type") or info.get("type_") or "")
        elif type_ == CHECK_IN_DATES:
            fields.update(
                start_date=str(info.get("start_date") or ""), end_date=str(info.get("end_date") or "")
            )
        else:
            for end in ("min_days", "max_days"):
                fields[end] = None if info.get(end) is None else int(info[end])
        fields["bid_modifier"] = modifier_text(row.get("bid_modifier"), digits)
        return fields
    return None


def booking_native(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``booking_fields`` reversed: the native AdGroupBidModifier criterion and modifier (a float)."""
    type_ = str(fields["type"])
    field = _TYPES[type_][1]
    if type_ == CHECK_IN_DAY:
        info: dict[str, Any] = {"day_of_week": fields["day_of_week"]}
    elif type_ == DATE_SELECTION:
        info = {"type": fields["date_selection"]}
    elif type_ == CHECK_IN_DATES:
        info = {"start_date": fields["start_date"], "end_date": fields["end_date"]}
    else:
        info = {end: fields[end] for end in ("min_days", "max_days") if fields.get(end) is not None}
    return {field: info, "bid_modifier": native_modifier(fields["bid_modifier"])}


def hotel_adjustments_from(
    modifiers: Iterable[Mapping[str, Any]], channel: str
) -> tuple[dict[str, Any], list[str]]:
    """An ad group's ``google.hotel_bid_adjustments`` (as the spec writes it) from its booking modifiers'
    fields, and a problem for what the spec language cannot say (``check_hotel_bookings``' rules, so that
    what imports validates)."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    said = []
    for fields in sorted(modifiers, key=_import_order):
        type_ = str(fields["type"])
        modifier = Decimal(str(fields["bid_modifier"]))
        said.append(f"{booking_key(fields)} {modifier}")
        if modifier < MIN_MODIFIER or modifier > MAX_MODIFIER or too_precise(modifier):
            problems.append(
                f"has a booking bid modifier the spec language cannot say ({booking_key(fields)} "
                f"{modifier}: from {MIN_MODIFIER} to {MAX_MODIFIER}, {DECIMAL_PLACES} decimal places)"
            )
            continue
        if type_ == CHECK_IN_DAY and fields.get("day_of_week") in _SPEC_DAYS:
            out.setdefault("check_in_days", {})[_SPEC_DAYS[str(fields["day_of_week"])]] = modifier
        elif type_ == DATE_SELECTION and fields.get("date_selection") in _SPEC_SELECTIONS:
            out.setdefault("date_selection", {})[_SPEC_SELECTIONS[str(fields["date_selection"])]] = modifier
        elif type_ in _RANGE_ENDS and _range_ok(type_, fields):
            low, high = _RANGE_ENDS[type_]
            entry = {low: fields["min_days"], high: fields["max_days"], "modifier": modifier}
            out.setdefault(_TYPES[type_][0], []).append(entry)
        elif type_ == CHECK_IN_DATES and _dates_ok(fields):
            entry = {"start": fields["start_date"], "end": fields["end_date"], "modifier": modifier}
            out.setdefault("check_in_dates", []).append(entry)
        else:
            problems.append(
                f"has a booking bid modifier the spec language cannot say ({booking_key(fields)})"
            )
    if out and channel != "hotel":
        return {}, [
            *problems,
            f"has booking bid modifiers at ad group level ({', '.join(said)}), which the "
            "spec language says on Hotel campaigns' ad groups alone",
        ]
    return _ordered(out), problems


def _import_order(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    """Where an imported modifier goes among its ad group's: by type, a range by its ends (days as numbers,
    so that 2–5 comes before 10–12; dates as ISO text, which sorts as the dates do; an open end first or
    last), the rest by address key."""
    type_, key = str(fields.get("type")), booking_key(fields)
    ends = range_of(fields)
    if ends is None:
        return (type_, 0, 0, key)
    low, high = ends
    if type_ == CHECK_IN_DATES:
        return (type_, str(low or ""), str(high or "9999-12-31"), key)
    return (type_, -1 if low is None else int(low), 10**9 if high is None else int(high), key)


def _range_ok(type_: str, fields: Mapping[str, Any]) -> bool:
    low, high = fields.get("min_days"), fields.get("max_days")
    top = MAX_STAY_NIGHTS if type_ == LENGTH_OF_STAY else MAX_BOOKING_DAYS
    bottom = 1 if type_ == LENGTH_OF_STAY else 0
    return isinstance(low, int) and isinstance(high, int) and bottom <= low <= high <= top


def _dates_ok(fields: Mapping[str, Any]) -> bool:
    try:
        return dt.date.fromisoformat(str(fields["start_date"])) <= dt.date.fromisoformat(
            str(fields["end_date"])
        )
    except ValueError:
        return False


def _ordered(out: dict[str, Any]) -> dict[str, Any]:
    """The dimensions in the spec's order, days in week order."""
    ordered = {name: out[name] for name, _, _ in _TYPES.values() if name in out}
    if days := ordered.get("check_in_days"):
        ordered["check_in_days"] = {day: days[day] for day in WEEKDAYS if day in days}
    return ordered
