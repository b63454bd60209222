"""A live campaign's hours → ``schedule.hours``: a Google campaign's ad schedule (AD_SCHEDULE campaign
criteria), a Meta campaign's ad sets' schedules (``adset_schedule`` with ``pacing_type`` day_parting): the
most common is the campaign's, an ad set on others has its own (``meta.schedule.hours``, ``[]`` for none).

Slots of the same times on several days become one entry listing those days (in week order); entries are
ordered by their first day, then start. The time zone the ad sets run their hours in is the campaign's
``meta.hours_time_zone`` (the most common), an ad set on the other its own. What the spec language cannot
say is a problem naming it: a bid adjustment on a Google slot (``bid_modifier``), any ad schedule of an app
campaign, a Meta ad set's schedule partly in the ad account's time zone and partly in each viewer's
(``timezone_type`` ADVERTISER and USER: an ad set's hours run in one), a Meta pacing other than day_parting
with a schedule. A Google and a Meta half of one campaign on different hours: Meta's campaign hours are the
campaign's, Google's its own (``google.hours``), as are a Google campaign's hours that adjust bids (Google's
hours are the campaign's alone: an ad set's own stay Meta's).
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from midas_reconcile.compile.google_hours import SPEC_DAYS
from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK
from midas_reconcile.connectors.meta_day_parts import PACING_DAY_PARTING, hours_of
from midas_reconcile.money import decimal_places
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec.models import META_TIMEZONE_TYPES

#: Meta's DayPart ``timezone_type`` → ``meta.hours_time_zone``.
ZONES_OF_TYPES = {native: zone for zone, native in META_TIMEZONE_TYPES.items()}


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
    #: The time zone the campaign's ad sets run their hours in (``meta.hours_time_zone``: the most common of
    #: the scheduled ones', a tie the account's), and the scheduled ad sets' that run them in the other.
    time_zone: str = "account"
    own_time_zone: dict[Address, str] = field(default_factory=dict)
    #: Whether an ad set runs hours in the ad account's time zone (which ``schedule.time_zone`` must then be).
    in_account_zone: bool = False


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
    zones = _time_zones(adsets, label, problems)
    hours = {address: hours_of(parts) if parts else [] for address, parts in schedules.items()}
    counts = Counter(repr(h) for h in hours.values())
    order = list(dict.fromkeys(repr(h) for h in hours.values()))
    common = max(order, key=lambda key: (counts[key], key == "[]", -order.index(key)), default="[]")
    campaign = next((h for h in hours.values() if repr(h) == common), [])
    by_zone = Counter(zones.values())
    zone = "viewer" if by_zone["viewer"] > by_zone["account"] else "account"
    return MetaHours(
        campaign,
        {address: h for address, h in hours.items() if repr(h) != common},
        zone,
        {address: own for address, own in zones.items() if own != zone},
        "account" in by_zone,
    )


def _time_zones(adsets: Sequence[Resource], label: str, problems: list[str]) -> dict[Address, str]:
    """The time zone each scheduled ad set runs its hours in (``meta.hours_time_zone``: ``account`` for
    DayParts ``timezone_type`` ADVERTISER, ``viewer`` for USER), noting in ``problems`` an ad set whose parts
    run in both (the spec language gives an ad set's hours one zone) or in another."""
    zones: dict[Address, str] = {}
    for adset in adsets:
        found = {str(part.get("timezone_type")) for part in adset.fields.get("adset_schedule") or ()}
        if not found:
            continue
        if len(found) > 1 or not found <= set(ZONES_OF_TYPES):
            problems.append(
                f"ad set {adset.fields.get('name')!r} of {label} runs its schedule (adset_schedule) in "
                f"timezone_type {', '.join(sorted(found))}, which the spec language cannot express: an ad "
                "set's hours run in one time zone, the ad account's (ADVERTISER) or each viewer's (USER: "
                "meta.hours_time_zone: viewer)"
            )
            continue
        zones[adset.address] = ZONES_OF_TYPES[found.pop()]
    return zones


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
        meta.schedule["hours"] = copy.deepcopy(google_hours)
    else:
        meta.schedule.pop("hours", None)
    for group, hours in effective:
        options = group.options.setdefault("meta", {})
        schedule = options.setdefault("schedule", {})
        if hours != google_hours:
            schedule["hours"] = copy.deepcopy(hours)  # each ad set its own: one edited, none other follows
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
