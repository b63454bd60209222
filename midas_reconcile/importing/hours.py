"""A live campaign's hours → ``schedule.hours``: a Google campaign's ad schedule (AD_SCHEDULE campaign
criteria), a Meta campaign's ad sets' schedules (``adset_schedule`` with ``pacing_type`` day_parting): the
most common is the campaign's, an ad set on others has its own (``meta.schedule.hours``, ``[]`` for none).

Slots of the same times on several days become one entry listing those days (in week order); entries are
ordered by their first day, then start. What the spec language cannot say is a problem naming it: a bid
adjustment on a Google slot (``bid_modifier``), any ad schedule of an app campaign, a Meta schedule in each
viewer's time zone (``timezone_type`` USER: MIDAS's are the ad account's), a Meta pacing other than
day_parting with a schedule. A Google and a Meta half of one campaign on different hours: Meta's campaign
hours are the campaign's, Google's its own (``google.hours``), as are a Google campaign's hours that adjust
bids (Google's hours are the campaign's alone: an ad set's own stay Meta's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from midas_reconcile.compile.google_hours import SPEC_DAYS
from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK
from midas_reconcile.connectors.meta_day_parts import ADVERTISER, PACING_DAY_PARTING, hours_of
from midas_reconcile.money import decimal_places
from midas_reconcile.resources import Address, Resource


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


@dataclass(frozen=True)
class MetaHours:
    """A Meta campaign's hours in the spec's terms: the campaign's (``schedule.hours``, none: all the
    time) and each ad set's own where it runs others (``meta.schedule.hours``; ``[]``: all the time)."""

    campaign: list[dict[str, Any]] = field(default_factory=list)
    own: dict[Address, list[dict[str, Any]]] = field(default_factory=dict)


def meta_hours(adsets: Sequence[Resource], label: str, problems: list[str]) -> MetaHours:
    """The hours of a Meta campaign's ad sets' schedules: the most common (ties: none, then the first ad
    set's) as the campaign's, the others each ad set's own, so that the fewest are written and an ad set
    without one among scheduled ones says so (``[]``); noting in ``problems`` what cannot be held."""
    # By address: ad sets of one name on different schedules must not collapse into one (the last's).
    schedules = {a.address: a.fields.get("adset_schedule") or [] for a in adsets}
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
    hours = {address: hours_of(parts) if parts else [] for address, parts in schedules.items()}
    counts = Counter(repr(h) for h in hours.values())
    order = list(dict.fromkeys(repr(h) for h in hours.values()))
    common = max(order, key=lambda key: (counts[key], key == "[]", -order.index(key)), default="[]")
    campaign = next((h for h in hours.values() if repr(h) == common), [])
    return MetaHours(campaign, {address: h for address, h in hours.items() if repr(h) != common})


def split_hours(google: Any, meta: Any) -> None:
    """Of a campaign on both platforms (their import views), the hours each runs: Meta's are the campaign's
    ``schedule.hours`` (Google's where a Meta ad set runs them too: ``share_google_hours``); Google's, where
    they differ (bid adjustments included), its own ``google.hours`` (``[]``: all the time)."""
    own = google.options.pop("hours", None)
    google_hours = own if own is not None else google.schedule.get("hours", [])
    share_google_hours(google_hours, meta)
    meta_hours = meta.schedule.get("hours", [])
    if google_hours != meta_hours:
        google.options["hours"] = google_hours
    if meta_hours:
        google.schedule["hours"] = meta_hours
    else:
        google.schedule.pop("hours", None)


def share_google_hours(google_hours: list[dict[str, Any]], meta: Any) -> None:
    """Of a campaign on both platforms, Meta's import view rebased so its campaign hours are Google's
    (``google_hours``) where a Meta ad set runs them and that writes no more hours (no ``google.hours``, at
    most as many ad sets' own as it saves): Google's hours are the campaign's alone, so a campaign whose
    ad sets run on different schedules reads as the hours both platforms run, with Meta's others each ad
    set's own (``[]``: all the time)."""
    campaign = meta.schedule.get("hours", [])
    if google_hours == campaign:
        return
    runs = [(group, _own_hours(group)) for group in meta.groups]
    effective = [(group, campaign if own is None else own) for group, own in runs]
    if not any(hours == google_hours for _, hours in effective):
        return
    written = sum(own is not None for _, own in runs) + 1  # and google.hours
    if sum(hours != google_hours for _, hours in effective) > written:
        return
    if google_hours:
        meta.schedule["hours"] = google_hours
    else:
        meta.schedule.pop("hours", None)
    for group, hours in effective:
        options = group.options.setdefault("meta", {})
        schedule = options.setdefault("schedule", {})
        if hours != google_hours:
            schedule["hours"] = hours
            continue
        schedule.pop("hours", None)
        if not schedule:
            options.pop("schedule")
        if not options:
            group.options.pop("meta")


def _own_hours(group: Any) -> list[dict[str, Any]] | None:
    """A Meta ad set's own hours in its import view (``meta.schedule.hours``; None: the campaign's)."""
    hours: list[dict[str, Any]] | None = group.options.get("meta", {}).get("schedule", {}).get("hours")
    return hours
