"""A Google campaign's ad schedule (dayparting) ↔ its normalised criteria (``connectors.google_rows`` calls
these for the simulator and the SDK alike).

An ad schedule is campaign criteria of type AD_SCHEDULE (v26 AdScheduleInfo), one per day and time slot:
``day_of_week`` (DayOfWeekEnum MONDAY … SUNDAY), ``start_hour`` 0–23 and ``start_minute``, ``end_hour`` 0–24
and ``end_minute`` (MinuteOfHourEnum ZERO, FIFTEEN, THIRTY, FORTY_FIVE; "24 signifies end of the day", the
end minute exclusive). Every leaf is "required for CREATE operations and is prohibited on UPDATE
operations": a slot that changes is another criterion. "No more than six AdSchedules can be added for the
same day" (v26 AdScheduleInfo). Google runs them in the account's time zone.

Normalised, a slot is ``{type: AD_SCHEDULE, ad_schedule_day: MONDAY, ad_schedule_start: "09:00",
ad_schedule_end: "17:30"}``, keyed ``ad_schedule:MONDAY:09:00-17:30`` (stable: the key is its values, so
nothing about it can differ in place). A bid adjustment on a slot (CampaignCriterion ``bid_modifier``, 1.0
or unset: none; mutable) is ``bid_modifier``, read, compared and written as every bid modifier is
(``spec._bid_modifiers``: decimal text; cleared, 1.0 is sent): a slot's ``bid_adjustment`` of
``google.hours`` in the specs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from midas_reconcile.spec._bid_modifiers import native_modifier, read_modifier

AD_SCHEDULE: Final = "AD_SCHEDULE"
#: v26 DayOfWeekEnum, in the week's order (Monday first, as Google's UI lists them).
DAYS_OF_WEEK: Final = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
#: v26 MinuteOfHourEnum → its minutes.
MINUTES_OF_HOUR: Final = {"ZERO": 0, "FIFTEEN": 15, "THIRTY": 30, "FORTY_FIVE": 45}
_MINUTE_NAMES: Final = {minutes: name for name, minutes in MINUTES_OF_HOUR.items()}
#: "No more than six AdSchedules can be added for the same day" (v26 AdScheduleInfo).
MAX_SLOTS_PER_DAY: Final = 6
#: The normalised fields of a slot (``resources.FIELDS`` of a campaign criterion holds them).
SLOT_FIELDS: Final = ("ad_schedule_day", "ad_schedule_start", "ad_schedule_end")


def clock(minutes: int) -> str:
    """``HH:MM`` of minutes since midnight (1440 is ``24:00``, the end of the day)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes_of(text: str) -> int:
    """Minutes since midnight of a normalised ``HH:MM`` (inverse of ``clock``)."""
    hours, _, minutes = text.partition(":")
    return int(hours) * 60 + int(minutes)


def slot_key(fields: Mapping[str, Any]) -> str:
    """The address key of a slot's criterion: its day and times."""
    return (
        f"ad_schedule:{fields['ad_schedule_day']}:{fields['ad_schedule_start']}-{fields['ad_schedule_end']}"
    )


def slot_fields(day: str, start: int, end: int) -> dict[str, Any]:
    """A slot's normalised criterion fields: ``day`` a DayOfWeekEnum name, ``start`` and ``end`` minutes."""
    return {
        "type": AD_SCHEDULE,
        "ad_schedule_day": day,
        "ad_schedule_start": clock(start),
        "ad_schedule_end": clock(end),
    }


def _row_minutes(schedule: Mapping[str, Any], which: str) -> int:
    hour = int(schedule.get(f"{which}_hour") or 0)
    return hour * 60 + MINUTES_OF_HOUR.get(str(schedule.get(f"{which}_minute") or "ZERO"), 0)


def ad_schedule_row_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """An AD_SCHEDULE criterion row's normalised fields (its bid adjustment when it has one)."""
    schedule = row.get(AD_SCHEDULE.lower()) or {}
    fields = slot_fields(
        str(schedule.get("day_of_week")), _row_minutes(schedule, "start"), _row_minutes(schedule, "end")
    )
    del fields["type"]
    modifier = read_modifier(row.get("bid_modifier"))  # unset or 1.0: no adjustment
    if modifier is not None:
        fields["bid_modifier"] = modifier
    return fields


def ad_schedule_key(row: Mapping[str, Any]) -> str:
    """The address key of an AD_SCHEDULE criterion row."""
    return slot_key(ad_schedule_row_fields(row))


def ad_schedule_native(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The native ``ad_schedule`` message (and ``bid_modifier``) of a slot's create."""
    start, end = minutes_of(fields["ad_schedule_start"]), minutes_of(fields["ad_schedule_end"])
    obj: dict[str, Any] = {
        "ad_schedule": {
            "day_of_week": fields["ad_schedule_day"],
            "start_hour": start // 60,
            "start_minute": _MINUTE_NAMES[start % 60],
            "end_hour": end // 60,
            "end_minute": _MINUTE_NAMES[end % 60],
        }
    }
    if fields.get("bid_modifier") is not None:
        obj["bid_modifier"] = native_modifier(fields["bid_modifier"])
    return obj
