"""A Meta ad set's schedule (dayparting) ↔ its normalised fields (``connectors.meta_graph`` calls these for
the simulator and the SDK alike; ``schedule.hours`` in the specs).

Meta's ad set ``adset_schedule`` is a list of DayParts (facebook-business daypart.py: ``days`` a list of
ints, ``start_minute`` and ``end_minute`` ints, ``timezone_type`` a string), which Meta runs only on an ad set
with a lifetime budget and ``pacing_type: ["day_parting"]`` (adset.py: ``pacing_type`` a list of strings).
Believed, not confirmed in Meta's current reference (the search tool holds Meta's 2014 "Ad scheduling"
post and third-party clients): days 0 = Sunday … 6 = Saturday; minutes since midnight, whole hours (the post:
"exact hour boundaries … at least 1 hour apart"), ``end_minute`` up to 1440; ``timezone_type`` USER (each
viewer's time zone) or ADVERTISER (the ad account's). MIDAS writes ADVERTISER by default: ``schedule.hours``
are in the campaign's ``schedule.time_zone``, which must be the ad account's (``spec._schedule_hours``); USER
with ``meta.hours_time_zone: viewer``.

Normalised, ``adset_schedule`` is each day's spans merged into their union (spans that touch or overlap
are one: Ads Manager's hour grid, a DayPart per hour, is one span), then one DayPart per time span, its days
sorted, the parts sorted by span (``day_parts``): whatever shape Meta echoes (a part per day or per hour,
days merged, spans split or merged) reads as the same value, so it is no perpetual diff, and an import writes
the fewest slots. ``pacing_type`` is MIDAS's only where the ad set has a schedule: it is read only beside
an ``adset_schedule``, and only when not Meta's default (``["standard"]``). An ad set without a schedule keeps
any pacing a console gave it (``no_pacing``, accelerated delivery): not read, so not compared, drift or an
import's refusal, as before ad scheduling.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

#: ``schedule.hours`` days → Meta's day numbers (0 = Sunday).
META_DAYS: Final = {"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6}
SPEC_DAYS: Final = {number: day for day, number in META_DAYS.items()}
DAY_PARTING: Final = "day_parting"
#: The pacing of an ad set with a schedule, and Meta's default, which clears it.
PACING_DAY_PARTING: Final = [DAY_PARTING]
PACING_STANDARD: Final = ["standard"]
#: The DayPart time zone MIDAS writes: the ad account's.
ADVERTISER: Final = "ADVERTISER"
TIMEZONE_TYPES: Final = ("USER", ADVERTISER)
#: A DayPart's times are whole hours (believed: module docstring).
MINUTES_STEP: Final = 60
_DAY_END: Final = 24 * 60

Triple = tuple[int, int, int, str]  # (day, start minute, end minute, timezone type)


def _triples(parts: Iterable[Mapping[str, Any]]) -> set[Triple]:
    out: set[Triple] = set()
    for part in parts:
        start, end = int(part.get("start_minute") or 0), int(part.get("end_minute") or 0)
        zone = str(part.get("timezone_type") or "USER")
        for day in part.get("days") or ():
            out.add((int(day), start, end, zone))
    return out


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (start, end minutes) as their union: spans that touch or overlap merged into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _grouped(triples: Iterable[Triple]) -> list[dict[str, Any]]:
    """Each day's spans merged into their union (Ads Manager's hour grid, a part per hour, is one span),
    then the days of equal spans grouped into one DayPart."""
    by_day: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for day, start, end, zone in triples:
        by_day.setdefault((day, zone), []).append((start, end))
    spans: dict[tuple[int, int, str], list[int]] = {}
    for (day, zone), day_spans in by_day.items():
        for start, end in _union(day_spans):
            spans.setdefault((start, end, zone), []).append(day)
    return [
        {"days": sorted(days), "start_minute": start, "end_minute": end, "timezone_type": zone}
        for (start, end, zone), days in sorted(spans.items())
    ]


def day_parts(
    slots: Iterable[tuple[Sequence[str], int, int]], timezone_type: str = ADVERTISER
) -> list[dict[str, Any]]:
    """The normalised ``adset_schedule`` of ``schedule.hours`` slots given as (days, start, end minutes), in
    ``timezone_type`` (the ad account's, or each viewer's: ``meta.hours_time_zone``)."""
    return _grouped((META_DAYS[day], start, end, timezone_type) for days, start, end in slots for day in days)


def read_day_parts(value: Any) -> list[dict[str, Any]] | None:
    """A live ``adset_schedule`` normalised (None: none). A JSON text (a form echo) is decoded first."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, list) or not value:
        return None
    return _grouped(_triples(p for p in value if isinstance(p, Mapping))) or None


def read_pacing(value: Any) -> list[str] | None:
    """A live ``pacing_type`` normalised: None for Meta's default (``standard``) or none."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None
    found = sorted({str(v) for v in value})
    return None if not found or found == PACING_STANDARD else found


def hours_of(parts: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``schedule.hours`` of normalised DayParts: one entry per span, its days in the week's order (Monday
    first, as the spec writes them), entries ordered by their first day, then start."""
    week = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    out = []
    for part in parts:
        days = sorted((SPEC_DAYS[d] for d in part["days"] if d in SPEC_DAYS), key=week.index)
        if days:
            out.append((days, int(part["start_minute"]), int(part["end_minute"])))
    out.sort(key=lambda e: (week.index(e[0][0]), e[1]))
    return [{"days": days, "start": _clock(start), "end": _clock(end)} for days, start, end in out]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def day_part_problem(part: Mapping[str, Any]) -> str | None:
    """Why one native DayPart is not one Meta takes (as far as the sandbox knows), or None."""
    days = part.get("days")
    if not isinstance(days, list) or not days or any(d not in SPEC_DAYS for d in days):
        return "days must be a non-empty list of 0 (Sunday) to 6 (Saturday)"
    start, end = part.get("start_minute"), part.get("end_minute")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= _DAY_END:
        return (
            "start_minute and end_minute must be minutes of the day, the end after the start (at most 1440)"
        )
    if start % MINUTES_STEP or end % MINUTES_STEP:
        return "start_minute and end_minute must be whole hours (multiples of 60)"
    if part.get("timezone_type", "USER") not in TIMEZONE_TYPES:
        return f"timezone_type must be one of {', '.join(TIMEZONE_TYPES)}"
    return None
