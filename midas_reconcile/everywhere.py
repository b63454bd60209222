"""The objects a plan leaves targeting no place, which serve everywhere.

An empty ``targeting.locations`` is the world, by design: MIDAS sends no place, and the platforms then serve
everywhere. On Google a campaign (a Demand Gen campaign: each ad group, which holds its places) with no
positive location or proximity criterion — none at all, or exclusions alone — targets every location (the
Google Ads API guide, developers.google.com/google-ads/api/docs/targeting/location-targeting: "without
location targeting, your ads would be served in all regions around the world"). On Meta a spec without a
place is a spec error unless the ad set targets an audience (Meta refuses an ad set with neither), whose ad
set then has no ``geo_locations`` place.

So a spec that drops every place of a campaign is no mistake MIDAS can refuse, but it is never silent:
``everywhere`` finds each such object the plan *makes* so — one it creates with no place, or one whose last
place it removes — and the plan warns of each, naming it; the ``allowed_countries`` guardrail holds it to
the countries allowed, every location being outside them (``policies``). ``as_running`` (an adoption, which
changes no place) also finds those left so, as they run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

from midas_reconcile.plan import Action, Change
from midas_reconcile.resources import CAMPAIGN_LEVEL, GOOGLE, GROUP_LEVEL, META, Address

__all__ = ["everywhere", "everywhere_warning"]

#: Google criterion types that target a place (a LANGUAGE criterion does not).
_PLACE_TYPES: Final = frozenset({"LOCATION", "PROXIMITY"})
#: Changes whose ``after`` is what the object is once the plan is applied (a pause or removal aside).
_STAYING: Final = frozenset({Action.CREATE, Action.UPDATE, Action.REPLACE, Action.NOOP})
_MADE: Final = frozenset({Action.CREATE, Action.REPLACE})


def everywhere(changes: Iterable[Change], *, as_running: bool = False) -> list[Address]:
    """The Google campaigns (Demand Gen: ad groups) and Meta ad sets that ``changes`` make target every
    location — created with no place, or left with none by the changes — or, ``as_running``, that target
    every location once they are applied, whether the plan made them so or not. In address order."""
    changes = list(changes)
    holders: dict[Address, Change] = {}
    demand_gen: set[Address] = set()
    google_groups: list[Change] = []
    places_after: dict[Address, int] = {}
    places_before: dict[Address, int] = {}
    found: list[Address] = []
    for change in changes:
        address = change.address
        key = (address.platform, address.kind)
        if change.action in _STAYING and change.after is not None:
            if (
                key == (GOOGLE, "campaign")
                and change.after.fields.get("advertising_channel_type") == "DEMAND_GEN"
            ):
                demand_gen.add(address)  # its ad groups hold its places
            elif key == (GOOGLE, "campaign"):
                holders[address] = change
            elif key == (GOOGLE, "ad_group"):
                google_groups.append(change)
            elif key == (META, "adset") and _without_place(change, as_running):
                found.append(address)
        level = {"campaign_criterion": CAMPAIGN_LEVEL, "ad_group_criterion": GROUP_LEVEL}.get(address.kind)
        holder = level.head_of(address) if level is not None and address.platform == GOOGLE else None
        if holder is None:
            continue
        for side, count in ((change.after, places_after), (change.before, places_before)):
            if side is not None and _is_place(side.fields):
                count[holder] = count.get(holder, 0) + 1
    for group in google_groups:
        if CAMPAIGN_LEVEL.head_of(group.address) in demand_gen:
            holders[group.address] = group
    for address, change in holders.items():
        if places_after.get(address):
            continue
        if as_running or change.action in _MADE or places_before.get(address):
            found.append(address)
    return sorted(found, key=Address.sort_key)


def everywhere_warning(address: Address) -> str:
    """The plan's warning of an object ``everywhere`` found."""
    return (
        f"{address} will target every location: its targeting names no place (an empty `locations` is the "
        "world); name its places if that is not meant"
    )


def _is_place(fields: Mapping[str, Any]) -> bool:
    """Whether a Google criterion's fields target a place (a location or radius, not excluded)."""
    return str(fields.get("type") or "").upper() in _PLACE_TYPES and not fields.get("negative")


def _without_place(change: Change, as_running: bool) -> bool:
    """Whether a Meta ad set ``change`` targets no place once applied, and (unless ``as_running``) is made
    so by it: created so, or its places all taken away."""
    assert change.after is not None
    if _meta_places(change.after.fields):
        return False
    if as_running or change.action in _MADE or change.before is None:
        return True
    return _meta_places(change.before.fields)


def _meta_places(fields: Mapping[str, Any]) -> bool:
    """Whether a Meta ad set's fields target a place: any list of its ``geo_locations`` but its
    ``location_types`` (who counts as in a place, not where)."""
    targeting = fields.get("targeting") or {}
    geo = (targeting.get("geo_locations") or {}) if isinstance(targeting, Mapping) else {}
    return any(value for key, value in geo.items() if key != "location_types")
