"""Deterministic targeting catalogues shipped with the sandbox: regions and interests.

Regions (``targeting.regions``' subdivisions) are addressed by ISO 3166-2 code (``US-CA``) or by name
(``California``), case-insensitively; each has a Google geo target constant id and a Meta region key here.
Interests have a Google user-interest id and a Meta interest id. The ids are the sandbox's own (they look
like the platforms' ids but are not theirs), stable across runs and machines; countries and languages
are in ``targeting.tables``, cities and postal codes in ``place_catalog``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from midas_reconcile.connectors.sandbox.place_catalog import place_by_id
from midas_reconcile.targeting.regions import BLOCKS


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    country: str
    google_id: str
    meta_key: str


@dataclass(frozen=True)
class Interest:
    name: str
    google_id: str
    meta_id: str


#: Country → (first Google geo target id, first Meta region key) of its subdivisions, the sandbox's own.
_ID_BASES: Final = {
    "US": (21132, 3843),
    "CA": (20113, 531),
    "GB": (20339, 1187),
    "AU": (20034, 248),
    "DE": (20226, 1127),
}


def _regions() -> tuple[Region, ...]:
    regions = []
    for country, rows in BLOCKS.items():
        google_base, meta_base = _ID_BASES[country]
        for index, (code, name) in enumerate(rows):
            regions.append(
                Region(f"{country}-{code}", name, country, str(google_base + index), str(meta_base + index))
            )
    return tuple(regions)


REGIONS: Final = _regions()

_INTEREST_NAMES: Final = [
    "Running", "Fitness and wellness", "Travel", "Cooking", "Yoga", "Cycling", "Hiking", "Camping",
    "Outdoor recreation", "Golf", "Tennis", "Soccer", "Basketball", "Swimming", "Skiing", "Photography",
    "Gardening", "Home improvement", "Interior design", "Fashion", "Beauty", "Shopping", "Technology",
    "Video games", "Movies", "Music", "Books", "Pets", "Dogs", "Cats", "Parenting", "Cars",
    "Personal finance", "Real estate", "Small business", "Education", "Health", "Nutrition",
    "Coffee", "Wine", "Food and drink", "Sports",
]  # fmt: skip

INTERESTS: Final = tuple(
    Interest(name, str(92900 + 7 * index), str(6003100000000 + 1009 * index))
    for index, name in enumerate(_INTEREST_NAMES)
)

_REGION_INDEX: Final = {key.casefold(): r for r in REGIONS for key in (r.code, r.name)}
_REGION_BY_ID: Final = {
    (p, i): r for r in REGIONS for p, i in (("google", r.google_id), ("meta", r.meta_key))
}
_INTEREST_BY_ID: Final = {
    (p, i): n for n in INTERESTS for p, i in (("google", n.google_id), ("meta", n.meta_id))
}
_INTEREST_INDEX: Final = {i.name.casefold(): i for i in INTERESTS}


def find_region(name: str) -> Region | None:
    """A region by ISO 3166-2 code or name, case-insensitively."""
    return _REGION_INDEX.get(name.strip().casefold())


def find_interest(name: str) -> Interest | None:
    """An interest by name, case-insensitively."""
    return _INTEREST_INDEX.get(name.strip().casefold())


def region_by_id(platform: str, platform_id: str) -> Region | None:
    """A region by its Google geo target id or Meta region key."""
    return _REGION_BY_ID.get((platform, platform_id))


def interest_by_id(platform: str, platform_id: str) -> Interest | None:
    """An interest by its Google user interest id or Meta interest id."""
    return _INTEREST_BY_ID.get((platform, platform_id))


def meta_names_of(kind: str, ids: Sequence[str]) -> dict[str, str]:
    """ISO 3166-2 codes of Meta region keys, entries of city keys (``San Francisco, US-CA``; a zip's key
    is its entry), names of Meta interest ids (those the tables know)."""
    if kind == "location":
        regions = {i: region.code for i in ids if (region := region_by_id("meta", i)) is not None}
        return {**regions, **{i: place.entry for i in ids if (place := place_by_id("meta", i)) is not None}}
    if kind == "interest":
        return {i: interest.name for i in ids if (interest := interest_by_id("meta", i)) is not None}
    return {}


def search_regions(query: str) -> list[Region]:
    """Regions whose code or name contains ``query`` (case-insensitive), exact matches first."""
    needle = query.strip().casefold()
    exact = find_region(query)
    hits = [r for r in REGIONS if needle and (needle in r.name.casefold() or needle == r.code.casefold())]
    return ([exact] if exact else []) + [r for r in hits if r is not exact]


def search_interests(query: str) -> list[Interest]:
    """Interests whose name contains ``query`` (case-insensitive), exact match first."""
    needle = query.strip().casefold()
    exact = find_interest(query)
    hits = [i for i in INTERESTS if needle and needle in i.name.casefold()]
    return ([exact] if exact else []) + [i for i in hits if i is not exact]
