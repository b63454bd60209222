"""``schedule.hours`` → a Google campaign's ad schedule: one AD_SCHEDULE campaign criterion per day and slot
(``connectors.google_ad_schedule``), keyed by its day and times so that the same hours compile to the same
addresses whatever order the spec lists days or slots in. Google's own hours (``google.hours``) replace the
campaign's there, a slot's bid adjustment its criteria's ``bid_modifier`` (updated in place)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK, slot_fields, slot_key
from midas_reconcile.spec._bid_modifiers import modifier_text
from midas_reconcile.spec._schedule_hours import slot_span
from midas_reconcile.spec.models import WEEKDAYS, HourSlot

#: ``schedule.hours`` days → v26 DayOfWeekEnum.
GOOGLE_DAYS: Final = dict(zip(WEEKDAYS, DAYS_OF_WEEK, strict=True))
#: v26 DayOfWeekEnum → ``schedule.hours`` days.
SPEC_DAYS: Final = {google: day for day, google in GOOGLE_DAYS.items()}


def ad_schedule_criteria(hours: Sequence[HourSlot]) -> list[tuple[str, dict[str, Any]]]:
    """(address key, fields) of each day and slot of ``hours``, in week and time order; a slot's bid
    adjustment (``google.hours``) is its criteria's ``bid_modifier``, but for 1 (no adjustment: Google's
    default, which the read takes as none, so it is never sent)."""
    out = {}
    for slot in hours:
        start, end = slot_span(slot)
        adjustment = getattr(slot, "bid_adjustment", None)
        for day in slot.days:
            fields = slot_fields(GOOGLE_DAYS[day], start, end)
            if adjustment is not None and adjustment != 1:
                fields["bid_modifier"] = modifier_text(adjustment)
            out[slot_key(fields)] = fields
    order = {day: i for i, day in enumerate(DAYS_OF_WEEK)}
    return sorted(
        out.items(), key=lambda item: (order[item[1]["ad_schedule_day"]], item[1]["ad_schedule_start"])
    )
