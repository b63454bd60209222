"""A live campaign's hours → ``schedule.hours``: a Google campaign's ad schedule (AD_SCHEDULE campaign
criteria), a Meta campaign's ad sets' schedule (``adset_schedule`` with ``pacing_type`` day_parting).

Slots of the same times on several days become one entry listing those days (in week order); entries are
ordered by their first day, then start. What the spec language cannot say is a problem naming it: a bid
adjustment on a Google slot (``bid_modifier``), any ad schedule of an app campaign, Meta ad sets of one
campaign on different schedules (the spec's hours are the campaign's), a Meta schedule in each viewer's time
zone (``timezone_type`` USER: MIDAS's are the ad account's), a Meta pacing other than day_parting with a
schedule, and a Google and a Meta half of one campaign on different hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from midas_reconcile.compile.google_hours import SPEC_DAYS
from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK
from midas_reconcile.connectors.meta_day_parts import ADVERTISER, PACING_DAY_PARTING, hours_of
from midas_reconcile.resources import Resource


def google_hours(
    criteria: Sequence[dict[str, Any]], label: str, problems: list[str], *, app: bool = False
) -> list[dict[str, Any]]:
    """``schedule.hours`` of a campaign's AD_SCHEDULE criteria's fields, noting in ``problems`` what it
    cannot hold."""
    if not criteria:
        return []
    if app:
        problems.append(f"{label} has an ad schedule; the spec language gives an app campaign none")
        return []
    days_by_span: dict[tuple[str, str], list[str]] = {}
    for fields in criteria:
        day = str(fields.get("ad_schedule_day"))
        start, end = str(fields.get("ad_schedule_start")), str(fields.get("ad_schedule_end"))
        if fields.get("bid_modifier") is not None:
            problems.append(
                f"{label} adjusts bids by {fields['bid_modifier']} on {day} {start}–{end} (an ad schedule "
                "bid adjustment), which the spec language cannot express"
            )
        if day in SPEC_DAYS:
            days_by_span.setdefault((start, end), []).append(day)
    order = {day: i for i, day in enumerate(DAYS_OF_WEEK)}
    entries = [
        (sorted(days, key=order.__getitem__), start, end) for (start, end), days in days_by_span.items()
    ]
    entries.sort(key=lambda e: (order[e[0][0]], e[1]))
    return [
        {"days": [SPEC_DAYS[d] for d in days], "start": start, "end": end} for days, start, end in entries
    ]


def meta_hours(adsets: Sequence[Resource], label: str, problems: list[str]) -> list[dict[str, Any]]:
    """``schedule.hours`` of a Meta campaign's ad sets' schedule (one for them all), noting in ``problems``
    what it cannot hold."""
    schedules = {str(a.fields.get("name")): a.fields.get("adset_schedule") or [] for a in adsets}
    for adset in adsets:
        pacing, parts = adset.fields.get("pacing_type"), adset.fields.get("adset_schedule")
        if pacing is not None and (pacing != PACING_DAY_PARTING or not parts):
            problems.append(
                f"ad set {adset.fields.get('name')!r} of {label} has pacing_type {pacing}, which the spec "
                "language cannot express (MIDAS's ad sets pace as Meta's default, or day_parting with "
                "schedule.hours)"
            )
        if any(part.get("timezone_type") != ADVERTISER for part in parts or ()):
            problems.append(
                f"ad set {adset.fields.get('name')!r} of {label} runs its schedule (adset_schedule) in each "
                "viewer's time zone (timezone_type USER), which the spec language cannot express: "
                "schedule.hours are in the ad account's time zone (ADVERTISER)"
            )
    distinct = {repr(parts) for parts in schedules.values()}
    if len(distinct) > 1:
        shown = "; ".join(f"{name!r}: {_parts_text(parts)}" for name, parts in sorted(schedules.items()))
        problems.append(
            f"the ad sets of {label} run on different schedules (adset_schedule: {shown}), which the spec "
            "language cannot express: schedule.hours are the campaign's, every ad set's"
        )
        return []
    first = next(iter(schedules.values()), [])
    return hours_of(first) if first else []


def _parts_text(parts: Sequence[dict[str, Any]]) -> str:
    return ", ".join(f"{h['days']} {h['start']}–{h['end']}" for h in hours_of(parts)) or "all the time"


def same_hours(
    google: list[dict[str, Any]], meta: list[dict[str, Any]], labels: str, problems: list[str]
) -> None:
    """A problem when the Google and the Meta half of one campaign run different hours."""
    if google != meta:
        problems.append(
            f"{labels} run different hours (Google {google or 'all the time'}, "
            f"Meta {meta or 'all the time'}), "
            "which one campaign's schedule.hours cannot express: import them apart (without --link), or "
            "give them the same hours in their consoles"
        )
