"""Cities, postal codes, radii and DMAs: how each platform's geo lookups answer for a location of the spec
language, and how each platform writes a radius and a DMA.

A location is written ``San Francisco, US-CA`` / ``Paris, FR`` (a city), ``US:94103`` (a postal code),
``25 mi around San Francisco, US-CA`` / ``10 km around 37.7749,-122.4194`` (a radius) or ``DMA:807``
(``spec._places``). Connectors search the platform by the city's name or the code within the country, and
pick here the one candidate the entry names; reading ids back, they write the entry from what the platform
reports. A city written with only its country matches when exactly one city of that name is in the country
(several are ambiguous: none is picked).

Google (google-ads v26 ``GeoTargetConstant``): ``name``, ``canonical_name`` (``San Francisco,California,
United States``), ``target_type`` (``City``, ``Postal Code``) and ``country_code``. Meta (targeting search
``type=adgeolocation``): rows of ``key``, ``name``, ``type`` (``city``, ``zip``), ``country_code`` and, for
cities, ``region`` (the region's name); a zip's key is ``US:94103``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.money import decimal_places
from midas_reconcile.resources import GOOGLE_CRITERION_KINDS
from midas_reconcile.spec._places import (
    DISTANCE_PLACES,
    DMA_CODES,
    Place,
    Radius,
    decimal_text,
    is_radius,
    parse_place,
    parse_radius,
    point_text,
    radius_text,
)
from midas_reconcile.targeting.regions import find_subdivision
from midas_reconcile.targeting.tables import last_segment

GOOGLE_CITY: Final = "City"
GOOGLE_POSTAL_CODE: Final = "Postal Code"
#: Meta's ``location_types`` of the targeting search for each kind of place.
META_LOCATION_TYPES: Final = {"region": "region", "city": "city", "postal_code": "zip"}


def city_or_postal_code(text: str) -> Place | None:
    """The city or postal code ``text`` writes, or None (a country, a region, or malformed)."""
    place = parse_place(text)
    return place if place is not None and place.kind in ("city", "postal_code") else None


def city_entry(name: str, region_name: str | None, country: str) -> str:
    """A city's entry from its name, its region's English name (if any) and its country: within its
    ISO 3166-2 region when MIDAS knows the region, else within its country."""
    region = find_subdivision(region_name, country) if region_name else None
    return f"{name}, {region.code if region is not None else country.upper()}"


def _region_matches(place: Place, region_name: str | None) -> bool:
    if place.region is None:
        return True
    found = find_subdivision(region_name, place.country) if region_name else None
    return found is not None and found.code == place.region


def _only(candidates: list[Any]) -> Any | None:
    return candidates[0] if len(candidates) == 1 else None


def _google_region_name(canonical_name: str) -> str | None:
    """The region part of a canonical name ``City,Region,Country`` (None for ``City,Country``)."""
    parts = [p.strip() for p in canonical_name.split(",")]
    return parts[-2] if len(parts) >= 3 else None


def pick_google_constant(place: Place, constants: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The geo target constant (fields as the SDK names them) a city or postal code entry names, or None
    when none or several fit."""
    wanted = GOOGLE_CITY if place.kind == "city" else GOOGLE_POSTAL_CODE
    fitting = {}
    for constant in constants:
        if (
            str(constant.get("target_type") or "") == wanted
            and str(constant.get("name") or "").casefold() == place.name.casefold()
            and str(constant.get("country_code") or "").upper() == place.country
            and (
                place.kind != "city"
                or _region_matches(place, _google_region_name(constant.get("canonical_name") or ""))
            )
        ):
            fitting[str(constant.get("id") or constant.get("resource_name"))] = constant
    return _only(list(fitting.values()))


def google_place_entry(constant: Mapping[str, Any]) -> str | None:
    """The entry of a City or Postal Code geo target constant (None for other target types)."""
    target_type = str(constant.get("target_type") or "")
    name, country = str(constant.get("name") or ""), str(constant.get("country_code") or "").upper()
    if not name or not country:
        return None
    if target_type == GOOGLE_POSTAL_CODE:
        return f"{country}:{name.upper()}"
    if target_type == GOOGLE_CITY:
        return city_entry(name, _google_region_name(str(constant.get("canonical_name") or "")), country)
    return None


# -- places of other kinds, Google's alone ------------------------------------------------------------------
#: How plans, drift and guardrails show a place of another kind than the spec language names (a county, a
#: neighborhood, an airport …), which a spec writes by its geo target constant: ``Austin County, US-TX
#: (County)`` — its name, its region or country as a city's entry has it, then Google's target type.
_DESCRIBED: Final = re.compile(r"(?P<name>.+), (?P<within>[A-Z]{2}(-[A-Z0-9]{1,3})?) \((?P<kind>[^()]+)\)")


def describe_google_place(constant: Mapping[str, Any]) -> str | None:
    """What a geo target constant is, as plans show a place of another kind (``Austin County, US-TX
    (County)``): within its region when its canonical name names one MIDAS knows, else its country (its
    ``country_code``, which the countries guardrail holds it to). None without a name, country or type."""
    name, country = str(constant.get("name") or ""), str(constant.get("country_code") or "").upper()
    target_type = str(constant.get("target_type") or "")
    if not name or not country or not target_type:
        return None
    within = city_entry(name, _google_region_name(str(constant.get("canonical_name") or "")), country)
    return f"{within} ({target_type})"


def described_country(text: str) -> str | None:
    """The country of a place ``describe_google_place`` described (``Austin County, US-TX (County)`` →
    ``US``), or None (not such a description)."""
    match = _DESCRIBED.fullmatch(text)
    return match.group("within")[:2] if match is not None else None


def google_alone(entry: str, *, excluded: bool = False) -> str:
    """The fidelity warning of a Google geo target constant entry on Meta, which has no such place."""
    how = ", excluded," if excluded else ""
    return (
        f"location {entry!r}{how} is Google's alone (a geo target constant: a county, a neighborhood …, "
        "which Meta has no equivalent of); the Meta ad set leaves it out"
    )


def meta_alone(entry: str) -> str:
    """The fidelity warning of an excluded radius on Google, which the campaign leaves out. Google is
    believed to take no negative proximity criterion (unconfirmed: the v26 protos forbid none, but Google Ads
    scripts offer targeted proximities beside targeted and excluded locations, and no excluded proximity);
    Meta excludes a radius around a point as a custom location, and one around a city as a city with a radius,
    in ``excluded_geo_locations``."""
    return (
        f"location {entry!r}, excluded, is Meta's alone (Google is believed to take no negative proximity "
        "criterion); the Google campaign leaves it out"
    )


def meta_search_params(place: Place) -> dict[str, Any]:
    """The targeting search parameters (``q``, ``location_types``, ``country_code``) for a place."""
    return {
        "q": place.name,
        "location_types": [META_LOCATION_TYPES[place.kind]],
        "country_code": place.country,
    }


def google_city_entries(place: Place, constants: Iterable[Mapping[str, Any]]) -> list[str]:
    """The entries of the City geo target constants named as ``place`` in its country (sorted, one each):
    what a city written within only its country may mean."""
    return sorted(
        {
            entry
            for constant in constants
            if str(constant.get("target_type") or "") == GOOGLE_CITY
            and str(constant.get("name") or "").casefold() == place.name.casefold()
            and str(constant.get("country_code") or "").upper() == place.country
            and (entry := google_place_entry(constant)) is not None
        }
    )


def meta_city_entries(place: Place, rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The entries of the targeting search's cities named as ``place`` in its country (sorted, one each)."""
    return sorted(
        {
            city_entry(str(row.get("name")), row.get("region"), place.country)
            for row in rows
            if str(row.get("type") or "city") == "city"
            and str(row.get("name") or "").casefold() == place.name.casefold()
            and str(row.get("country_code") or row.get("country") or "").upper() == place.country
        }
    )


def ambiguity(place: Place, entries: Sequence[str], where: str) -> str | None:
    """Why a city written within only its country (``Portland, US``) names no one city, given the entries
    of the cities of its name a platform finds there (``google_city_entries`` / ``meta_city_entries``) and
    ``where`` it looked (``google account 'google-main'``), or None when it is not ambiguous (a sentence tail
    after "location 'Portland, US'")."""
    if place.kind != "city" or place.region is not None or len(entries) < 2:
        return None
    listed = ", ".join(repr(e) for e in entries[:-1]) + f" and {entries[-1]!r}"
    return (
        f" is ambiguous on {where}: {len(entries)} cities of that name are in {place.country} ({listed}); "
        f"expected the city with its region, as in {entries[0]!r}"
    )


def pick_meta_location(place: Place, rows: Iterable[Mapping[str, Any]]) -> str | None:
    """The key of the targeting search row a city or postal code entry names, or None (none or several)."""
    wanted = META_LOCATION_TYPES[place.kind]
    keys = []
    for row in rows:
        if str(row.get("type") or wanted) != wanted:
            continue
        if str(row.get("country_code") or row.get("country") or "").upper() != place.country:
            continue
        if place.kind == "postal_code":
            if str(row.get("key") or "").upper() == f"{place.country}:{place.name}":
                keys.append(str(row["key"]))
        elif str(row.get("name") or "").casefold() == place.name.casefold() and _region_matches(
            place, row.get("region")
        ):
            keys.append(str(row["key"]))
    return _only(sorted(set(keys)))


#: Where a Meta ad set's targeting names places by key: its included and excluded places, of these kinds.
META_PLACE_GROUPS: Final = ("geo_locations", "excluded_geo_locations")
META_KEYED_PLACES: Final = ("regions", "cities")


def place_ids(platform: str, kind: str, value: Any, path: str = "") -> list[str]:
    """The ids of the places a resource's field (``path``, "" for all its fields) names, in order: a Google
    criterion's geo target constant, a Meta ad set's region and city keys (a zip's key is its entry)."""
    if platform == "google" and kind in GOOGLE_CRITERION_KINDS:
        if path in ("", "geo_target_constant"):
            geo = value.get("geo_target_constant") if isinstance(value, Mapping) and not path else value
            return [last_segment(str(geo))] if isinstance(geo, str) and geo else []
        return []
    if platform != "meta" or kind != "adset" or not (path == "" or path.startswith("targeting")):
        return []
    found: list[str] = []
    _meta_keys(value, path.split(".") if path else [], found)
    return list(dict.fromkeys(found))


def place_id_in_address(platform: str, kind: str, path: str) -> str | None:
    """The geo target constant id a Google location criterion's address names (``…/location:1020221``,
    ``…/negative_location:1020221``), else None."""
    if platform != "google" or kind not in GOOGLE_CRITERION_KINDS:
        return None
    criterion, _, id_ = path.rsplit("/", 1)[-1].partition(":")
    return id_ if criterion in ("location", "negative_location") and id_ else None


def _meta_keys(value: Any, path: list[str], found: list[str]) -> None:
    """Region and city keys under ``value``, found at ``path`` of an ad set's fields."""
    if len(path) >= 3 and path[-2] in META_PLACE_GROUPS and path[-1] in META_KEYED_PLACES:
        for item in value if isinstance(value, list) else ():
            key = item.get("key") if isinstance(item, Mapping) else item
            if key is not None:
                found.append(str(key))
        return
    if isinstance(value, Mapping):
        for name, inner in value.items():
            _meta_keys(inner, [*path, str(name)], found)


# -- a radius around a city or a point --------------------------------------------------------------------
#: The spec's radius units → Google's ProximityRadiusUnits and Meta's ``distance_unit``.
GOOGLE_RADIUS_UNITS: Final = {"mi": "MILES", "km": "KILOMETERS"}
META_DISTANCE_UNITS: Final = {"mi": "mile", "km": "kilometer"}
_UNIT_OF_GOOGLE: Final = {native: unit for unit, native in GOOGLE_RADIUS_UNITS.items()}
#: A spec unit by the name Meta gives it.
UNIT_OF_META: Final = {native: unit for unit, native in META_DISTANCE_UNITS.items()}
#: Meta's radius limits, inclusive (believed from Meta's targeting documentation and Ads Manager: around a
#: city 10–50 mi or 17–80 km; around a point, a custom location, 1–50 mi or 1–80 km).
META_CITY_RADIUS: Final = {"mi": (Decimal(10), Decimal(50)), "km": (Decimal(17), Decimal(80))}
META_POINT_RADIUS: Final = {"mi": (Decimal(1), Decimal(50)), "km": (Decimal(1), Decimal(80))}
_MICRO: Final = Decimal(1_000_000)


def proximity_fields(radius: Radius) -> dict[str, Any]:
    """A Google PROXIMITY criterion's normalised fields (``google_rows``) for a radius: around a city, its
    address (name, province code, country code; Google computes the point); around a street address, that
    address (street, city, province code, postal code, country code: v26 AddressInfo, which Google geocodes);
    around a point, the point in micro-degrees."""
    fields: dict[str, Any] = {
        "type": "PROXIMITY",
        "proximity_radius": float(radius.distance),
        "proximity_radius_units": GOOGLE_RADIUS_UNITS[radius.unit],
    }
    city = radius.address.city if radius.address is not None else radius.city
    if radius.address is not None:
        fields["proximity_street_address"] = radius.address.street
    if city is not None:
        fields["proximity_city_name"] = city.name
        if city.region is not None:
            fields["proximity_province_code"] = city.region.split("-", 1)[1]
        if radius.address is not None:
            fields["proximity_postal_code"] = radius.address.postal_code.name
        fields["proximity_country_code"] = city.country
    else:
        fields["proximity_latitude_micros"] = int(radius.latitude * _MICRO)  # type: ignore[operator]
        fields["proximity_longitude_micros"] = int(radius.longitude * _MICRO)  # type: ignore[operator]
    return fields


def proximity_entry(fields: Mapping[str, Any]) -> str | None:
    """The entry of a Google PROXIMITY criterion's normalised fields (``25 mi around San Francisco, US-CA``,
    ``10 km around 37.7749,-122.4194``), or None when it says no radius the spec language writes (no radius,
    other units, an address that is not a city's)."""
    unit = _UNIT_OF_GOOGLE.get(str(fields.get("proximity_radius_units")))
    distance = fields.get("proximity_radius")
    if unit is None or not isinstance(distance, int | float) or isinstance(distance, bool) or distance <= 0:
        return None
    city, country = fields.get("proximity_city_name"), fields.get("proximity_country_code")
    street, postal = fields.get("proximity_street_address"), fields.get("proximity_postal_code")
    if street and not (city and country and postal):
        return None  # a street address the spec writes has its city and postal code
    if city and country:
        province = fields.get("proximity_province_code")
        within = f"{str(country).upper()}-{str(province).upper()}" if province else str(country).upper()
        center = f"{city}, {within}"
        if street:
            center = f"{street}, {center}, {str(country).upper()}:{str(postal).upper()}"
        entry = radius_text(Decimal(repr(distance)), unit, center)
    elif (
        fields.get("proximity_latitude_micros") is not None
        and fields.get("proximity_longitude_micros") is not None
    ):
        latitude = Decimal(int(fields["proximity_latitude_micros"])) / _MICRO
        longitude = Decimal(int(fields["proximity_longitude_micros"])) / _MICRO
        entry = radius_text(Decimal(repr(distance)), unit, point_text(latitude, longitude))
    else:
        return None
    return entry if parse_radius(entry) is not None else None


def unwritable_proximity(fields: Mapping[str, Any]) -> bool:
    """Whether the spec language cannot hold a Google PROXIMITY criterion: ``proximity_entry`` is None for
    it, or it is excluded (the spec excludes a radius on Meta alone: ``meta_alone``)."""
    return proximity_entry(fields) is None or bool(fields.get("negative"))


def proximity_problem(fields: Mapping[str, Any]) -> str:
    """Why the spec language cannot hold a Google PROXIMITY criterion (``unwritable_proximity``): a short
    phrase."""
    distance = fields.get("proximity_radius")
    if fields.get("negative"):
        return (
            "excluded: Google is believed to take no negative proximity, and the spec excludes a radius on "
            "Meta alone"
        )
    if fields.get("proximity_street_address") and not (
        fields.get("proximity_city_name") and fields.get("proximity_postal_code")
    ):
        return "around a street address missing its city or its postal code"
    if str(fields.get("proximity_radius_units")) not in _UNIT_OF_GOOGLE:
        return "in units other than miles or kilometres"
    if not isinstance(distance, int | float) or isinstance(distance, bool) or distance <= 0:
        return "without a positive radius"
    if decimal_places(Decimal(repr(distance))) > DISTANCE_PLACES:
        return f"a radius of more decimal places than the {DISTANCE_PLACES} the spec takes"
    return "around an address that is neither a city nor a point the spec can write"


def proximity_key(fields: Mapping[str, Any]) -> str:
    """A PROXIMITY criterion's address key: its entry, case-folded (what it is, whoever spelled it)."""
    entry = proximity_entry(fields)
    return f"proximity:{(entry or 'unknown').casefold()}"


#: Why MIDAS sends Meta no radius around a street address. Meta's ``custom_locations`` take an
#: ``address_string`` (facebook-business ``TargetingGeoLocationCustomLocation``: ``address_string``,
#: ``latitude``, ``longitude``, ``radius``, ``distance_unit`` …), which Meta geocodes; Meta reports a pin made
#: at a point with an ``address_string`` it found too (as the sandbox and the Graph fake model it), so a read
#: cannot tell a pin made from an address from one made at its point, and whether Meta keeps the address as
#: sent is unconfirmed. Compared field by field, neither reading gives an exact round trip.
META_ADDRESS_PIN_UNEXACT: Final = (
    "Meta's custom_locations take an address_string, which Meta geocodes to the pin's latitude and "
    "longitude, and Meta describes a pin made at a point with an address_string too, so what it reads back "
    "cannot tell the two apart (and whether it keeps the address as sent is unconfirmed): the round trip "
    "would not be exact"
)


def meta_radius_problem(radius: Radius) -> str | None:
    """Why Meta takes no such radius (out of its range, in part of a unit around a city, or around a street
    address), or None."""
    if radius.address is not None:
        return (
            "MIDAS sends Meta no radius around a street address yet: "
            + META_ADDRESS_PIN_UNEXACT
            + ("; expected a radius around a city or a point there")
        )
    limits = META_CITY_RADIUS if radius.city is not None else META_POINT_RADIUS
    low, high = limits[radius.unit]
    if radius.city is not None and radius.distance != radius.distance.to_integral_value():
        # facebook-business TargetingGeoLocationCity types a city's radius as an unsigned int (a pin's,
        # TargetingGeoLocationCustomLocation's, as a float).
        return (
            f"Meta takes a whole number of {radius.unit} around a city (a city's radius is an unsigned "
            f"int), found {decimal_text(radius.distance)}; expected a radius of whole {radius.unit}, or one "
            "around a point"
        )
    if low <= radius.distance <= high:
        return None
    around = "a city" if radius.city is not None else "a point"
    return (
        f"Meta takes a radius around {around} of {decimal_text(low)} to {decimal_text(high)} {radius.unit}"
        f" ({' or '.join(f'{decimal_text(a)}–{decimal_text(b)} {u}' for u, (a, b) in limits.items())})"
    )


def meta_radius_entry(radius: Any, distance_unit: Any, center: str) -> str | None:
    """The entry of a Meta radius (``radius``, ``distance_unit`` as Meta writes them) around ``center`` (a
    city's entry, or ``lat,lng``), or None when the spec language cannot write it."""
    unit = UNIT_OF_META.get(str(distance_unit))
    if unit is None or not isinstance(radius, int | float | str) or isinstance(radius, bool):
        return None
    try:
        entry = radius_text(Decimal(str(radius)), unit, center)
    except ArithmeticError:
        return None
    return entry if parse_radius(entry) is not None else None


def meta_number(value: Decimal | float | int) -> int | float:
    """A number as Meta's JSON carries it: whole numbers as ints, others as floats."""
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


# -- US Nielsen markets (DMAs) ----------------------------------------------------------------------------
#: Google's DMA Region geo target constants are 200000 plus the Nielsen code (``geoTargetConstants/200807``
#: is market 807, San Francisco-Oakland-San Jose).
GOOGLE_DMA_BASE: Final = 200_000
_META_DMA: Final = re.compile(r"DMA_(\d{3})")


def google_dma_geo(place: Place) -> str:
    """The geo target constant of a DMA entry (``DMA:807`` → ``geoTargetConstants/200807``)."""
    return f"geoTargetConstants/{GOOGLE_DMA_BASE + int(place.name)}"


def dma_of_google_geo(geo: str) -> str | None:
    """The DMA entry a geo target constant is (``DMA:807``), or None."""
    number = last_segment(geo)
    code = int(number) - GOOGLE_DMA_BASE if number.isdigit() else -1
    return f"DMA:{code}" if code in DMA_CODES else None


def meta_dma_key(place: Place) -> str:
    """Meta's ``geo_markets`` key of a DMA entry (``DMA:807`` → ``DMA_807``)."""
    return f"DMA_{place.name}"


def dma_of_meta_key(key: str) -> str | None:
    """The DMA entry of a Meta ``geo_markets`` key (``DMA_807`` → ``DMA:807``), or None (another market)."""
    match = _META_DMA.fullmatch(str(key))
    return f"DMA:{match.group(1)}" if match and int(match.group(1)) in DMA_CODES else None


def lookup_name(location: str) -> str | None:
    """The name a location is looked up by on a platform: a radius's city (a point needs none: None), else
    the location itself."""
    if not is_radius(location):
        return location
    radius = parse_radius(location)
    return radius.city.text if radius is not None and radius.city is not None else None
