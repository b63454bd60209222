"""A live campaign's hours → ``schedule.hours``: a Google campaign's ad schedule (AD_SCHEDULE campaign
criteria), a Meta campaign's ad sets' schedule (``adset_schedule`` with ``pacing_type`` day_parting).

Slots of the same times on several days become one entry listing those days (in week order); entries are
ordered by their first day, then start. What the spec language cannot say is a problem naming it: a bid
adjustment on a Google slot (``bid_modifier``), any ad schedule of an app campaign, Meta ad sets of one
campaign on different schedules (the spec's hours are the campaign's), a Meta schedule in each viewer's time
zone (``timezone_type`` USER: MIDAS's are the ad account's), a Meta pacing other than day_parting with a
schedule. A Google and a Meta half of one campaign on different hours: Meta's are the campaign's, Google's
its own (``google.hours``), as are a Google campaign's hours that adjust bids.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from midas_reconcile.compile.google_hours import SPEC_DAYS
from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK
from midas_reconcile.connectors.meta_day_parts import ADVERTISER, PACING_DAY_PARTING, hours_of
from midas_reconcile.money import decimal_places
from midas_reconcile.resources import Resource


def google_hours(
    criteria: Sequence[dict[str, Any]], label: str, problems: list[str], *, app: bool = False
) -> tuple[list[dict[str, Any]], bool]:
    """The hours of a campaign's AD_SCHEDULE criteria's fields, and whether any slot adjusts bids (then
    they are Google's own, ``google.hours``, each slot with its ``bid_adjustment``), noting in ``problems``
    what the spec language cannot hold."""
    if not criteria:
        return [], False
    if app:
        problems.append(f"{label} has an ad schedule; the spec language gives an app campaign none")
        return [], False
    days_by_span: dict[tuple[str, str, Decimal | None], list[str]] = {}
    for fields in criteria:
        day = str(fields.get("ad_schedule_day"))
        start, end = str(fields.get("ad_schedule_start")), str(fields.get("ad_schedule_end"))
        modifier = fields.get("bid_modifier")
        adjustment = None if modifier is None else Decimal(str(modifier))
        if adjustment is not None and decimal_places(adjustment) > 2:
            problems.append(
                f"{label} adjusts bids by {modifier} on {day} {start}–{end} (an ad schedule bid adjustment), "
                "which the spec language cannot express: google.hours adjusts bids in whole percents (at "
                "most 2 decimal places)"
            )
        if day in SPEC_DAYS:
            key = (start, end, None if adjustment is None else adjustment.normalize())
            days_by_span.setdefault(key, []).append(day)
    order = {day: i for i, day in enumerate(DAYS_OF_WEEK)}
    entries = [(sorted(days, key=order.__getitem__), *key) for key, days in days_by_span.items()]
    entries.sort(key=lambda e: (order[e[0][0]], e[1], e[2]))
    hours = []
    for days, start, end, multiplier in entries:
        entry: dict[str, Any] = {"days": [SPEC_DAYS[d] for d in days], "start": start, "end": end}
        if multiplier is not None:
            entry["bid_adjustment"] = multiplier
        hours.append(entry)
    return hours, any(e[3] is not None for e in entries)


def meta_hours(adsets: Sequence[Resource], label: str, problems: list[str]) -> list[dict[str, Any]]:
    """``schedule.hours`` of a Meta campaign's ad sets' schedule (one for them all), noting in ``problems``
    what it cannot hold."""
    # By address: ad sets of one name on different schedules must not collapse into one (the last's).
    schedules = {a.address: (str(a.fields.get("name")), a.fields.get("adset_schedule") or []) for a in adsets}
    for adset in adsets:
        pacing, parts = adset.fields.get("pacing_type"), adset.fields.get("adset_schedule")
        if pacing is not None and parts and pacing != PACING_DAY_PARTING:  # another beside a schedule
            problems.append(
                f"ad set {adset.fields.get('name')!r} of {label} has pacing_type {pacing} beside its "
                "schedule (adset_schedule), which the spec language cannot express (an ad set on "
                "schedule.hours paces day_parting)"
            )
        if any(part.get("timezone_type") != ADVERTISER for part in parts or ()):
            problems.append(
                f"ad set {adset.fields.get('name')!r} of {label} runs its schedule (adset_schedule) in each "
                "viewer's time zone (timezone_type USER), which the spec language cannot express: "
                "schedule.hours are in the ad account's time zone (ADVERTISER)"
            )
    distinct = {repr(parts) for _, parts in schedules.values()}
    if len(distinct) > 1:
        named = sorted(schedules.values(), key=lambda entry: (entry[0], repr(entry[1])))
        shown = "; ".join(f"{name!r}: {_parts_text(parts)}" for name, parts in named)
        problems.append(
            f"the ad sets of {label} run on different schedules (adset_schedule: {shown}), which the spec "
            "language cannot express: schedule.hours are the campaign's, every ad set's"
        )
        return []
    first = next(iter(schedules.values()), ("", []))[1]
    return hours_of(first) if first else []


def _parts_text(parts: Sequence[dict[str, Any]]) -> str:
    return ", ".join(f"{h['days']} {h['start']}–{h['end']}" for h in hours_of(parts)) or "all the time"


def split_hours(google: Any, meta: Any) -> None:
    """Of a campaign on both platforms (their import views), the hours each runs: Meta's are the campaign's
    ``schedule.hours``; Google's, where they differ (bid adjustments included), its own ``google.hours``
    (``[]``: all the time)."""
    own = google.options.pop("hours", None)
    google_hours = own if own is not None else google.schedule.get("hours", [])
    meta_hours = meta.schedule.get("hours", [])
    if google_hours != meta_hours:
        google.options["hours"] = google_hours
    if meta_hours:
        google.schedule["hours"] = meta_hours
    else:
        google.schedule.pop("hours", None)
