"""The simulator's rules of a Google campaign's ad schedule criteria (v26 AdScheduleInfo), as Google's
CriterionError names them.

* each leaf is required on create (day_of_week, start_hour 0–23, start_minute, end_hour 0–24, end_minute:
  MinuteOfHourEnum ZERO | FIFTEEN | THIRTY | FORTY_FIVE), and the slot ends after it starts within its day
  (24:00 at the latest): AD_SCHEDULE_INVALID_TIME_INTERVAL;
* slots of one campaign and day do not overlap: AD_SCHEDULE_TIME_INTERVALS_OVERLAP;
* "No more than six AdSchedules can be added for the same day": AD_SCHEDULE_EXCEEDED_INTERVALS_PER_DAY_LIMIT;
* a slot is targeted, never excluded: CANNOT_EXCLUDE_CRITERIA_TYPE (believed: Google's UI has no excluded
  hours; not confirmed in the API's docs);
* a bid adjustment (CampaignCriterion.bid_modifier) is 0.1–10.0 (the field's own documentation):
  range_error TOO_LOW / TOO_HIGH (``google_bid_modifier_rules``).

Each slot's criterion id is the simulator's own, stable per day and times (Google's are its own numbers).
"""

from __future__ import annotations

import hashlib
from typing import Any, Final

from midas_reconcile.connectors.google_ad_schedule import (
    DAYS_OF_WEEK,
    MAX_SLOTS_PER_DAY,
    MINUTES_OF_HOUR,
)
from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.google_bid_modifier_rules import check_modifier_range
from midas_reconcile.connectors.sandbox.world import StoredObject, Txn
from midas_reconcile.resources import GOOGLE

_INVALID: Final = "criterion_error.AD_SCHEDULE_INVALID_TIME_INTERVAL"
_REMOVED: Final = "REMOVED"


def _minutes(value: dict[str, Any], which: str) -> int:
    hour, minute = value.get(f"{which}_hour"), value.get(f"{which}_minute")
    top = 24 if which == "end" else 23
    if not isinstance(hour, int) or isinstance(hour, bool) or not 0 <= hour <= top:
        raise OpError(_INVALID, f"ad_schedule.{which}_hour must be 0–{top}", f"ad_schedule.{which}_hour")
    if minute not in MINUTES_OF_HOUR:
        raise OpError(
            _INVALID,
            f"ad_schedule.{which}_minute must be one of {', '.join(MINUTES_OF_HOUR)}",
            f"ad_schedule.{which}_minute",
        )
    return hour * 60 + MINUTES_OF_HOUR[str(minute)]


def slot_of(value: dict[str, Any]) -> tuple[str, int, int]:
    """A native ``ad_schedule`` message's (day, start minutes, end minutes), checked as Google checks it."""
    day = value.get("day_of_week")
    if day not in DAYS_OF_WEEK:
        raise OpError(
            "field_error.REQUIRED", "ad_schedule.day_of_week is required", "ad_schedule.day_of_week"
        )
    start, end = _minutes(value, "start"), _minutes(value, "end")
    if end <= start or end > 24 * 60:
        raise OpError(_INVALID, "an ad schedule ends after it starts, within its day", "ad_schedule.end_hour")
    return str(day), start, end


def check_ad_schedule(txn: Txn, cid: str, campaign: StoredObject, data: dict[str, Any]) -> str:
    """Check a new ad schedule criterion of ``campaign`` against Google's rules and the campaign's live
    slots; its criterion id."""
    if data.get("negative"):
        raise OpError(
            "criterion_error.CANNOT_EXCLUDE_CRITERIA_TYPE", "an ad schedule cannot be excluded", "negative"
        )
    day, start, end = slot_of(data.get("ad_schedule") or {})
    check_modifier_range(data)
    same_day = [
        slot_of(o.data["ad_schedule"])
        for o in txn.find(GOOGLE, cid, "campaign_criterion", parent=campaign.id)
        if o.status != _REMOVED
        and o.data.get("type") == "AD_SCHEDULE"
        and o.data["ad_schedule"].get("day_of_week") == day
    ]
    for _, other_start, other_end in same_day:
        if start < other_end and other_start < end:
            raise OpError(
                "criterion_error.AD_SCHEDULE_TIME_INTERVALS_OVERLAP",
                f"campaign {campaign.id} already runs an ad schedule on {day} that overlaps this one",
                "ad_schedule",
            )
    if len(same_day) >= MAX_SLOTS_PER_DAY:
        raise OpError(
            "criterion_error.AD_SCHEDULE_EXCEEDED_INTERVALS_PER_DAY_LIMIT",
            f"no more than {MAX_SLOTS_PER_DAY} ad schedules can be added for the same day ({day})",
            "ad_schedule",
        )
    identity = f"{day}:{start}:{end}"
    return str(
        400_000_000_000 + int(hashlib.sha256(identity.encode()).hexdigest()[:10], 16) % 100_000_000_000
    )
