"""The sandbox's cities and postal codes (``data/sandbox_places.json``), as both platforms show them, and
the places of other kinds Google alone targets (counties, neighborhoods, airports …).

Real places with ids that are the sandbox's own (shaped like the platforms' ids, stable, not theirs): a
Google geo target constant id and a Meta city key per city, a Google id per postal code (a Meta zip key is
``US:94103``, Meta's own shape). Each is addressed by its entry of the spec language (``San Francisco,
US-CA``, ``US:94103``; ``targeting.places``) and found by name as the platforms' geo searches find it. A place
of another kind (``GooglePlace``) has a Google id alone (two counties' are Google's own, as the data file
says), its target type and canonical name as Google gives them; a spec names it by its geo target constant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from midas_reconcile.spec._places import canonical_location, parse_place
from midas_reconcile.targeting.places import GOOGLE_CITY, GOOGLE_POSTAL_CODE
from midas_reconcile.targeting.regions import find_subdivision
from midas_reconcile.targeting.tables import countries, iso_to_google_geo

_GEO_PREFIX: Final = "geoTargetConstants/"


@dataclass(frozen=True)
class City:
    name: str
    #: Its ISO 3166-2 region, or its country where MIDAS names none of that country's regions.
    within: str
    google_id: str
    meta_key: str

    @property
    def country(self) -> str:
        return self.within[:2]

    @property
    def region_name(self) -> str | None:
        region = find_subdivision(self.within) if "-" in self.within else None
        return region.name if region is not None else None

    @property
    def entry(self) -> str:
        return f"{self.name}, {self.within}"


@dataclass(frozen=True)
class PostalCode:
    country: str
    code: str
    google_id: str

    @property
    def meta_key(self) -> str:
        return f"{self.country}:{self.code}"

    @property
    def entry(self) -> str:
        return self.meta_key


@dataclass(frozen=True)
class GooglePlace:
    """A place of a kind the spec language names by its geo target constant alone (Meta has none such)."""

    name: str
    #: Its ISO 3166-2 region, or its country where MIDAS names none of that country's regions.
    within: str
    google_id: str
    #: Google's ``GeoTargetConstant.target_type``: ``County``, ``Neighborhood``, ``Airport`` …
    target_type: str
    canonical_name: str

    @property
    def country(self) -> str:
        return self.within[:2]

    @property
    def entry(self) -> str:
        return f"{_GEO_PREFIX}{self.google_id}"


Place = City | PostalCode


@cache
def _table() -> tuple[tuple[City, ...], tuple[PostalCode, ...], tuple[GooglePlace, ...]]:
    text = resources.files("midas_reconcile").joinpath("data", "sandbox_places.json").read_text("utf-8")
    data = json.loads(text)
    cities = tuple(City(r["name"], r["within"], r["google_id"], r["meta_key"]) for r in data["cities"])
    codes = tuple(PostalCode(r["country"], r["code"], r["google_id"]) for r in data["postal_codes"])
    others = tuple(
        GooglePlace(r["name"], r["within"], r["google_id"], r["target_type"], r["canonical_name"])
        for r in data["google_places"]
    )
    return cities, codes, others


def cities() -> tuple[City, ...]:
    return _table()[0]


def postal_codes() -> tuple[PostalCode, ...]:
    return _table()[1]


def google_places() -> tuple[GooglePlace, ...]:
    return _table()[2]


def google_place_by_id(google_id: str) -> GooglePlace | None:
    """A place of another kind (a county …) by its Google geo target id."""
    return next((p for p in google_places() if p.google_id == google_id), None)


@cache
def _by_id() -> dict[tuple[str, str], Place]:
    out: dict[tuple[str, str], Place] = {}
    places: list[Place] = [*cities(), *postal_codes()]
    for place in places:
        out[("google", place.google_id)] = place
        out[("meta", place.meta_key)] = place
    return out


def place_by_id(platform: str, platform_id: str) -> Place | None:
    """A city or postal code by its Google geo target id or Meta key."""
    return _by_id().get((platform, platform_id))


def find_place(entry: str) -> Place | None:
    """The city or postal code an entry of the spec language names (a city within only its country: the
    one city of that name there), or None."""
    place = parse_place(canonical_location(entry))
    if place is None or place.kind not in ("city", "postal_code"):
        return None
    if place.kind == "postal_code":
        return next((p for p in postal_codes() if p.meta_key == place.text), None)
    named = [c for c in cities() if c.name.casefold() == place.name.casefold() and c.country == place.country]
    fitting = [c for c in named if place.within in (c.within, c.country)]
    return fitting[0] if len(fitting) == 1 else None


def exact_places(query: str) -> list[Place]:
    """Cities named ``query`` and postal codes that are ``query`` (case-insensitive), in every country."""
    needle = query.strip().casefold()
    return [
        p for p in search_places(query) if (p.name if isinstance(p, City) else p.code).casefold() == needle
    ]


def search_places(query: str, *, kinds: tuple[str, ...] = ("city", "postal_code")) -> list[Place]:
    """Cities whose name contains ``query`` and postal codes that start with it (case-insensitive),
    exact matches first."""
    needle = query.strip().casefold()
    if not needle:
        return []
    found: list[Place] = []
    if "city" in kinds:
        found += [c for c in cities() if needle in c.name.casefold()]
    if "postal_code" in kinds:
        found += [p for p in postal_codes() if p.code.casefold().startswith(needle)]
    exact = [p for p in found if (p.name if isinstance(p, City) else p.code).casefold() == needle]
    return exact + [p for p in found if p not in exact]


def google_constant(place: Place | GooglePlace) -> dict[str, Any]:
    """The place's geo target constant as google-ads v26 ``GeoTargetConstant`` fields."""
    country = countries()[place.country].name
    if isinstance(place, GooglePlace):
        parts, name, target_type = place.canonical_name.split(","), place.name, place.target_type
    elif isinstance(place, City):
        region = find_subdivision(place.within) if "-" in place.within else None
        parts = [place.name, *([region.name] if region else []), country]
        name, target_type = place.name, GOOGLE_CITY
    else:
        parts, name, target_type = [place.code, country], place.code, GOOGLE_POSTAL_CODE
    return {
        "resource_name": f"{_GEO_PREFIX}{place.google_id}",
        "id": place.google_id,
        "name": name,
        "country_code": place.country,
        "target_type": target_type,
        "status": "ENABLED",
        "canonical_name": ",".join(parts),
        "parent_geo_target": iso_to_google_geo(place.country),
    }


def meta_search_row(place: Place) -> dict[str, Any]:
    """The place as a targeting search ``type=adgeolocation`` row (and as ad set targeting shows it)."""
    country = countries()[place.country]
    if isinstance(place, City):
        row: dict[str, Any] = {"key": place.meta_key, "name": place.name, "type": "city"}
        if place.region_name:
            row["region"] = place.region_name
    else:
        row = {"key": place.meta_key, "name": place.code, "type": "zip"}
    return {**row, "country_code": place.country, "country_name": country.name}
