"""A live Google campaign's ad schedule (AD_SCHEDULE campaign criteria) → ``schedule.hours``.

Slots of the same times on several days become one entry listing those days (in week order); entries are
ordered by their first day, then start. What the spec language cannot say is a problem naming it: a bid
adjustment on a slot (``bid_modifier``), and any ad schedule of an app campaign.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from midas_reconcile.compile.google_hours import SPEC_DAYS
from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK


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
