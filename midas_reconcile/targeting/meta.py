"""Unified targeting ↔ the Meta ad set ``targeting`` spec, and its canonical (diffable) form."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.money import decimal_places
from midas_reconcile.resources import canonical_json
from midas_reconcile.spec import AgeRange, Exclusions, Targeting
from midas_reconcile.spec._places import (
    DISTANCE_PLACES,
    POINT_PLACES,
    Radius,
    geo_constant_entries,
    google_geo_id,
    is_dma,
    parse_place,
    parse_radius,
    point_text,
    radius_km,
)
from midas_reconcile.targeting.meta_automation import AUTOMATION_FIELD, canonical_automation
from midas_reconcile.targeting.meta_placements import (
    AGE_UNKNOWN_FIELD,
    DEVICES_FIELD,
    PLATFORMS_FIELD,
    POSITION_FIELDS,
    age_unknown_by_default,
)
from midas_reconcile.targeting.model import (
    UNNAMED_AUDIENCE_IGNORED,
    MetaTargeting,
    NameBook,
    OneCityTwice,
    RadiusCovered,
    TargetedAndExcluded,
    Unresolved,
    canonical_targeting,
    dedupe,
    is_unnamed_audience,
)
from midas_reconcile.targeting.places import (
    META_DISTANCE_UNITS,
    dma_of_meta_key,
    google_alone,
    lookup_name,
    meta_dma_key,
    meta_number,
    meta_radius_entry,
)
from midas_reconcile.targeting.tables import (
    META_GENDERS,
    MIN_TARGETABLE_AGE,
    TOP_AGE,
    format_age_range,
    is_country,
    meta_locales,
)

_DEFAULT_LOCATION_TYPES: Final = frozenset({"home", "recent"})
#: Descriptive fields Meta adds to geo entries on read; identity is the ``key``.
_GEO_INFO_FIELDS: Final = frozenset(
    {
        "name",
        "country",
        "country_code",
        "country_name",
        "region",
        "region_id",
        "primary_city_id",
        "supports_region",
        "supports_city",
        "type",
        "market_type",
    }
)
#: Placement and delivery keys that live in ``targeting`` but belong to ``meta.placements`` and
#: ``meta.devices`` (``targeting.meta_placements``), not here.
PLACEMENT_KEYS: Final = frozenset({PLATFORMS_FIELD, *POSITION_FIELDS, DEVICES_FIELD})
_TOP_FIELDS: Final = frozenset({"interests", "locales", "genders", "age_min", "age_max"})
#: ``from_meta``'s warning of an ad set running Advantage+ audience (``meta.advantage_audience``).
ADVANTAGE_AUDIENCE_ON: Final = "Meta Advantage+ audience is on: delivery may reach beyond this targeting"
#: The targeting fields naming the audiences an ad set reaches and leaves out (names here; ids on the wire).
AUDIENCE_FIELDS: Final = ("custom_audiences", "excluded_custom_audiences")


def normalize_meta_targeting(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical form of a Meta targeting spec, used on both sides of a diff (idempotent).

    Defaults filled (``age_min`` 18, ``age_max`` 65); ``genders`` absent means all (``[1, 2]`` is
    written as absent); lists of scalars sorted and de-duplicated; ``locales`` as sorted ints;
    interests as ``[{id, name}]`` sorted by id with string ids — moved from ``flexible_spec`` to the
    top-level ``interests`` when ``flexible_spec`` is a single group holding only interests; geo
    entries reduced to their identity (``{"key": "3847"}``, keys as strings; a market other than a US DMA
    keeps its ``name`` and ``market_type``, a pin without a point its ``address_string``: what names them)
    and sorted, with Meta's
    default ``location_types`` (home, recent) dropped; the Advantage+ audience flag as the int 1 or 0
    (``meta_automation.canonical_automation``); ``user_age_unknown`` true beside WhatsApp's Status dropped
    (Meta's default there: ``meta_placements.age_unknown_by_default``); Meta's read-only ``effective_*``
    placement fields (what it works out of the placements sent: facebook-business Targeting) dropped; empty
    values (None, "", [], {}) dropped.
    """
    out: dict[str, Any] = {}
    age_unknown_by_default_here = age_unknown_by_default(spec)
    for key, value in spec.items():
        if (key == AGE_UNKNOWN_FIELD and age_unknown_by_default_here) or key.startswith("effective_"):
            continue
        if key in ("geo_locations", "excluded_geo_locations"):
            out[key] = _geo(value or {})
        elif key == "exclusions":
            out[key] = {k: _entities(v) for k, v in sorted((value or {}).items())}
        elif key == AUTOMATION_FIELD:
            out[key] = _canonical(canonical_automation(value))
        elif key not in _TOP_FIELDS and key != "flexible_spec":
            out[key] = _canonical(value)
    out["age_min"] = int(spec.get("age_min") or MIN_TARGETABLE_AGE)
    out["age_max"] = int(spec.get("age_max") or TOP_AGE)
    genders = {int(g) for g in spec.get("genders") or ()}
    if not set(META_GENDERS.values()) <= genders:
        out["genders"] = sorted(genders)
    out["locales"] = sorted({int(locale) for locale in spec.get("locales") or ()})
    interests = _entities(spec.get("interests"))
    groups = [g for g in (_flexible_group(g) for g in spec.get("flexible_spec") or ()) if g]
    if len(groups) == 1 and set(groups[0]) == {"interests"} and not interests:
        # One OR-group of interests is exactly the top-level interests list.
        interests, groups = groups[0]["interests"], []
    out["interests"] = interests
    out["flexible_spec"] = sorted(groups, key=canonical_json)
    return _drop_empty(dict(sorted(out.items())))


def _geo(value: Mapping[str, Any]) -> dict[str, Any]:
    geo: dict[str, Any] = {}
    for key, entries in sorted(value.items()):
        if key == "countries":
            geo[key] = sorted({str(c).strip().upper() for c in entries or ()})
        elif key == "location_types" and set(entries or ()) == _DEFAULT_LOCATION_TYPES:
            continue
        elif isinstance(entries, list) and all(isinstance(e, Mapping) for e in entries):
            cleaned = [
                {k: v for k, v in e.items() if k not in _GEO_INFO_FIELDS or _said_of(key, e, k)}
                for e in entries
            ]
            if key == "cities":
                # A distance unit without a radius measures nothing (Meta reports one with every city).
                cleaned = [
                    {k: v for k, v in e.items() if k != "distance_unit" or "radius" in e} for e in cleaned
                ]
            elif key == "custom_locations":
                # A pin is its point, radius and unit; Meta adds its address and the places around it. A pin
                # without a point keeps its address: what it is, which an import's refusal names.
                cleaned = [
                    {k: e[k] for k in (*_PIN_FIELDS, *(() if _has_point(e) else _PIN_ADDRESS)) if k in e}
                    for e in cleaned
                ]
            geo[key] = _canonical([_numbers(e) for e in cleaned])
        else:
            geo[key] = _canonical(entries)
    return geo


#: What a custom location (a pin) is: the rest Meta reports with one is description.
_PIN_FIELDS: Final = ("latitude", "longitude", "radius", "distance_unit")
#: What a pin Meta holds by its address alone, without a point, is.
_PIN_ADDRESS: Final = ("address_string",)
#: What Meta describes a market by, kept for a market the spec cannot write (no US DMA), which an import's
#: refusal names; a DMA is its key alone.
_MARKET_NAMES: Final = frozenset({"name", "market_type"})


def _said_of(field: str, entry: Mapping[str, Any], key: str) -> bool:
    """Whether the descriptive ``key`` of a geo ``entry`` in ``field`` is kept: a market's name and type when
    it is no US DMA (nothing MIDAS makes has one, so no diff of what it made sees them)."""
    return (
        field == "geo_markets" and key in _MARKET_NAMES and dma_of_meta_key(str(entry.get("key", ""))) is None
    )


_NUMBER_FIELDS: Final = frozenset({"latitude", "longitude", "radius"})


def _numbers(entry: dict[str, Any]) -> dict[str, Any]:
    """A geo entry's radius and coordinates as numbers in one spelling (``25``, not ``25.0`` or ``"25"``)."""
    out = dict(entry)
    for name in _NUMBER_FIELDS & set(out):
        with contextlib.suppress(ArithmeticError):
            out[name] = meta_number(Decimal(str(out[name])))
    return out


def _flexible_group(group: Mapping[str, Any]) -> dict[str, Any]:
    return _drop_empty({k: _entities(v) for k, v in sorted(group.items())})


def _entities(value: Any) -> list[dict[str, str]]:
    """``[{id, name}]`` with string ids, de-duplicated by id, sorted by id.

    Of duplicate ids the named entry wins, and of two names the smaller one, so input order never matters.
    """
    found: dict[str, dict[str, str]] = {}
    for item in value or ():
        if isinstance(item, Mapping):
            raw_id, name = item.get("id"), item.get("name")
        else:
            raw_id, name = item, None
        if raw_id is None or str(raw_id).strip() == "":
            continue
        entity = {"id": str(raw_id).strip()}
        if name:
            entity["name"] = str(name)
        other = found.get(entity["id"])
        if other is None or _preference(entity) < _preference(other):
            found[entity["id"]] = entity
    return [found[k] for k in sorted(found, key=_id_order)]


def _preference(entity: Mapping[str, str]) -> tuple[bool, str]:
    return ("name" not in entity, entity.get("name", ""))


def _id_order(value: str) -> tuple[int, int, str]:
    """Numeric ids in numeric order, then anything else alphabetically."""
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


def _canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_canonical(v) for v in value]
        if all(isinstance(v, dict) for v in items):
            for item in items:
                for id_field in ("id", "key"):
                    if id_field in item and item[id_field] is not None:
                        item[id_field] = str(item[id_field])
            unique = {canonical_json(v): v for v in items}
            return [unique[k] for k in sorted(unique, key=lambda k: (_entry_id(unique[k]), k))]
        return sorted(set(items), key=lambda v: (type(v).__name__, v))
    return value


def _entry_id(entry: Mapping[str, Any]) -> tuple[int, int, str]:
    return _id_order(str(entry.get("key", entry.get("id", ""))))


def _drop_empty(value: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, dict):
            item = _drop_empty(item)
        if item is None or item == "" or item == [] or item == {}:
            continue
        out[key] = item
    return out


def to_meta(targeting: Targeting, book: NameBook) -> MetaTargeting:
    """The Meta targeting spec for unified targeting, already in ``normalize_meta_targeting`` form."""
    t = canonical_targeting(targeting)
    warnings: list[str] = []
    unresolved: list[Unresolved] = []
    spec: dict[str, Any] = {}

    low, high = t.ages.min, TOP_AGE if t.ages.max is None else t.ages.max
    if low < MIN_TARGETABLE_AGE:
        clamped = (MIN_TARGETABLE_AGE, max(high, MIN_TARGETABLE_AGE))
        warnings.append(
            f"Meta cannot target ages under {MIN_TARGETABLE_AGE}: targeting "
            f"{_age_text(*clamped)} instead of {format_age_range(t.ages.min, t.ages.max)}"
        )
        low, high = clamped
    spec["age_min"], spec["age_max"] = low, high
    if len(t.genders) == 1:
        spec["genders"] = [META_GENDERS[t.genders[0]]]

    named = [
        lookup_name(c)
        for c in (*t.locations, *t.exclude.locations)
        if not is_country(c) and not is_dma(c) and google_geo_id(c) is None
    ]
    places = book.resolve("location", [n for n in named if n is not None])
    targeted_by_key: dict[str, str] = {}  # a region's, city's or postal code's key → its targeted entry
    targeted_radii: dict[str, list[tuple[str, Radius]]] = {}  # a city's key → the radii targeted around it
    # A county, a neighborhood …: Meta has no such place.
    warnings += [google_alone(code, excluded=excluded) for code, excluded in geo_constant_entries(t)]
    for field_name, codes in (
        ("geo_locations", t.locations),
        ("excluded_geo_locations", t.exclude.locations),
    ):
        cities: dict[str, tuple[dict[str, Any], str]] = {}  # a city's key → its first entry and its own
        geo: dict[str, list[Any]] = {
            "countries": [],
            **{f: [] for f in _PLACE_FIELDS.values()},
            "custom_locations": [],
            "geo_markets": [],
        }
        for code in codes:
            place, radius = parse_place(code), parse_radius(code)
            if google_geo_id(code) is not None:  # warned of above
                continue
            if place is not None and place.kind == "dma":  # a market by its key: nothing to resolve
                geo["geo_markets"].append({"key": meta_dma_key(place)})
            elif radius is not None:
                around = {
                    "radius": meta_number(radius.distance),
                    "distance_unit": META_DISTANCE_UNITS[radius.unit],
                }
                if radius.latitude is not None and radius.longitude is not None:
                    point = {
                        "latitude": meta_number(radius.latitude),
                        "longitude": meta_number(radius.longitude),
                    }
                    geo["custom_locations"].append({**point, **around})
                elif radius.address is not None:  # refused at its entry (``places.meta_radius_problem``)
                    continue
                elif radius.city is not None and radius.city.text.lower() in places:
                    key = places[radius.city.text.lower()]
                    city = {"key": key, **around}
                    geo["cities"].append(city)
                    _city_once(cities, city, code, unresolved)
                    if field_name == "geo_locations":
                        targeted_radii.setdefault(key, []).append((code, radius))
                    else:  # around the city a targeted radius is around, however each writes it
                        unresolved += [
                            RadiusCovered("location", code, targeted)
                            for targeted, inner in targeted_radii.get(key, ())
                            if radius_km(inner) <= radius_km(radius)
                        ]
                else:
                    unresolved.append(Unresolved("location", code))
            elif is_country(code):
                geo["countries"].append(code)
            elif place is not None and place.kind in _PLACE_FIELDS and code.lower() in places:
                key = places[code.lower()]
                geo[_PLACE_FIELDS[place.kind]].append({"key": key})
                if place.kind == "city":
                    _city_once(cities, {"key": key}, code, unresolved)
                if field_name == "geo_locations":
                    targeted_by_key.setdefault(key, code)
                elif (
                    targeted := targeted_by_key.get(key)
                ) is not None and targeted.casefold() != code.casefold():
                    unresolved.append(TargetedAndExcluded("location", code, targeted, "meta"))
            else:
                unresolved.append(Unresolved("location", code))
        spec[field_name] = geo
    if not t.locations and not t.audiences:
        warnings.append("Meta ad sets need at least one location or audience; the targeting names neither")
    elif t.locations and not t.audiences and all(google_geo_id(c) is not None for c in t.locations):
        warnings.append(
            "Meta ad sets need at least one location or audience; every location the targeting names is "
            "Google's alone"
        )

    table = meta_locales()
    resolved = book.resolve("language", [c for c in t.languages if c not in table.full])
    locales: list[int] = []
    for code in t.languages:
        if code in table.full:
            locales.extend(table.full[code])
        elif code in resolved and resolved[code].isdigit():
            locales.append(int(resolved[code]))
        else:
            unresolved.append(Unresolved("language", code))
    spec["locales"] = locales

    resolved = book.resolve("interest", [*t.interests, *t.exclude.interests])
    for field_name, names in (("interests", t.interests), ("exclusions", t.exclude.interests)):
        entities: dict[str, dict[str, str]] = {}
        for name in names:
            if name.lower() not in resolved:
                unresolved.append(Unresolved("interest", name))
                continue
            interest_id = resolved[name.lower()]
            if interest_id in entities:
                first = entities[interest_id]["name"]
                warnings.append(
                    f"interests {first!r} and {name!r} are the same Meta interest ({interest_id})"
                )
                continue
            entities[interest_id] = {"id": interest_id, "name": name}
        if field_name == "interests":
            spec["interests"] = list(entities.values())
        else:
            spec["exclusions"] = {"interests": list(entities.values())}

    included, excluded = AUDIENCE_FIELDS
    spec[included], spec[excluded] = list(t.audiences), list(t.exclude.audiences)

    return MetaTargeting(normalize_meta_targeting(spec), dedupe(warnings), dedupe(unresolved))


def _city_once(
    cities: dict[str, tuple[dict[str, Any], str]],
    city: dict[str, Any],
    code: str,
    unresolved: list[Unresolved],
) -> None:
    """Note the ``city`` (``{key, radius?, distance_unit?}``) the entry ``code`` makes, targeted or excluded
    (``cities`` holds one of the two); an entry making the city an earlier one made with another radius, or
    none, is a conflict: an ad set's ``geo_locations.cities`` (and its ``excluded_geo_locations.cities``)
    holds a city once (two spellings of one plain city are one city, kept once)."""
    first = cities.setdefault(city["key"], (city, code))
    if first[0] != city:
        unresolved.append(OneCityTwice("location", code, first[1]))


def _age_text(low: int, high: int) -> str:
    return format_age_range(low, None if high >= TOP_AGE else high)


def from_meta(spec: Mapping[str, Any], book: NameBook) -> tuple[Targeting, list[str]]:
    """Unified targeting read back from a Meta targeting spec; what it cannot hold becomes a warning."""
    norm = normalize_meta_targeting(spec)
    warnings: list[str] = []
    age_max = norm["age_max"]
    ages = AgeRange(min=norm["age_min"], max=None if age_max >= TOP_AGE else age_max)
    codes = set(norm.get("genders", META_GENDERS.values()))
    for unknown in sorted(codes - set(META_GENDERS.values())):
        warnings.append(f"unified targeting cannot express Meta gender code {unknown}; ignored")
    genders = [g for g, code in META_GENDERS.items() if code in codes]

    locations = _locations_from(norm, spec, "geo_locations", book, warnings)
    excluded = _locations_from(norm, spec, "excluded_geo_locations", book, warnings)
    warnings += [
        f"Meta {place} has no unified equivalent; ignored" for place in _unexpressed_places(norm, spec)
    ]
    languages = _languages_from(norm.get("locales", []), book, warnings)
    interests = _interests_from(norm.get("interests", []), "interests", book, warnings)
    exclusions = dict(norm.get("exclusions", {}))
    excluded_interests = _interests_from(exclusions.pop("interests", []), "exclusions", book, warnings)
    for key in sorted(exclusions):
        warnings.append(f"Meta exclusions.{key} has no unified equivalent; ignored")
    for group in norm.get("flexible_spec", []):
        warnings.append(f"Meta flexible_spec group {sorted(group)} has no unified equivalent; ignored")
    audiences, excluded_audiences = (_audiences_from(norm.get(k, []), k, warnings) for k in AUDIENCE_FIELDS)
    automation = norm.get("targeting_automation", {})
    if isinstance(automation, Mapping) and automation.get("advantage_audience"):
        warnings.append(ADVANTAGE_AUDIENCE_ON)
    handled = {
        *_TOP_FIELDS,
        "geo_locations",
        "excluded_geo_locations",
        "exclusions",
        "flexible_spec",
        "targeting_automation",
        *AUDIENCE_FIELDS,
    }
    for key in sorted(set(norm) - handled - PLACEMENT_KEYS):
        warnings.append(f"Meta targeting field {key!r} has no unified equivalent; ignored")

    result = Targeting(
        ages=ages,
        genders=genders,
        locations=locations,
        languages=languages,
        interests=interests,
        audiences=audiences,
        exclude=Exclusions(locations=excluded, interests=excluded_interests, audiences=excluded_audiences),
    )
    return canonical_targeting(result), sorted(dedupe(warnings))


#: The fields of a Meta geo spec holding each kind of place the spec language names but countries.
_PLACE_FIELDS: Final = {"region": "regions", "city": "cities", "postal_code": "zips"}
#: The places of a Meta geo spec that unified targeting holds (custom locations as radii around a point,
#: markets as US DMAs); the others (places…) it cannot.
_UNIFIED_PLACES: Final = ("countries", *_PLACE_FIELDS.values(), "custom_locations", "geo_markets")
_GEO_FIELDS: Final = ("geo_locations", "excluded_geo_locations")
#: How ``unexpressed_places`` names a radius around a city it cannot write (targeted or excluded alike: Meta
#: excludes a radius around a city, or a point, as it targets one).
CITY_RADIUS: Final = "cities[].radius (a radius around a city)"


def unexpressed_places(spec: Mapping[str, Any]) -> list[str]:
    """The places of a Meta targeting ``spec`` unified targeting cannot hold, as ``field.key``
    (``geo_locations.places``; ``geo_locations.cities[].radius …`` for cities with a radius):
    ``from_meta`` leaves them out, with a warning."""
    return _unexpressed_places(normalize_meta_targeting(spec), spec)


def _unexpressed_places(norm: Mapping[str, Any], raw: Mapping[str, Any]) -> list[str]:
    """``unexpressed_places`` of the normalised spec ``norm``; ``raw``, the spec as read, names a market's
    name and type and a pin's address (which the normalised form keeps too, for a market other than a US DMA
    and a pin without a point, so a connector's normalised read still names them)."""
    found = []
    for field in _GEO_FIELDS:
        geo = norm.get(field, {})
        raw_geo = raw.get(field) or {}
        found += [f"{field}.{key}" for key in sorted(geo) if key not in _UNIFIED_PLACES]
        described = {str(m.get("key")): m for m in raw_geo.get("geo_markets") or () if isinstance(m, Mapping)}
        found += [
            f"{field}.geo_markets {_market_text(described.get(str(key), {}), str(key))}: {NOT_A_US_DMA}"
            for market in geo.get("geo_markets", ())
            if dma_of_meta_key(key := market.get("key", "")) is None
        ]
        # Each pin the spec cannot write, named (a pin by its address alone by that address: the normalised
        # form keeps it, as the raw one has it).
        problems = [
            _address_pin_problem(pin) if _by_address(pin) else _pin_problem(pin)
            for pin in geo.get("custom_locations", ())
            if _pin_entry(pin) is None
        ]
        found += [f"{field}.custom_locations ({problem})" for problem in dedupe(problems)]
        radii = [city for city in geo.get("cities", ()) if _has_radius(city)]
        if any(_radius_entry(city, "X, US") is None for city in radii):
            found.append(f"{field}.{CITY_RADIUS}")
    return found


#: Why unified targeting holds no Meta market but a US DMA. The facebook-business SDK's
#: ``TargetingGeoLocationMarket`` has ``key``, ``name``, ``market_type`` and ``country``, with no enum of
#: market types; no market of a kind other than a Nielsen DMA (``DMA_807``, ``market_type`` DMA) is documented
#: in reach here (unconfirmed either way).
NOT_A_US_DMA: Final = (
    "a market whose key is not DMA_ then the code of one of the 210 US Nielsen markets (DMA_807); the spec "
    "names a market as a US DMA alone (DMA:807), and no market of another kind is documented for Meta's "
    "geo_markets (unconfirmed)"
)


def _market_text(market: Mapping[str, Any], key: str) -> str:
    """A Meta market as a refusal names it: its key, then what Meta reports of it (``UK_1 (London)``,
    ``DMA_999 (a DMA)``)."""
    said = [str(market["name"])] if market.get("name") else []
    said += [f"a {market['market_type']}"] if market.get("market_type") else []
    return f"{key} ({', '.join(said)})" if said else key


def _by_address(pin: Mapping[str, Any]) -> bool:
    """Whether Meta holds the custom location ``pin`` by its ``address_string`` alone, without a point."""
    return bool(pin.get("address_string")) and not _has_point(pin)


def _has_point(pin: Mapping[str, Any]) -> bool:
    """Whether the custom location ``pin`` has a point: a latitude and a longitude, neither null (a field
    read as ``null`` is no more a point than one left out). The one test normalising and refusing share."""
    return pin.get("latitude") is not None and pin.get("longitude") is not None


def _address_pin_problem(pin: Mapping[str, Any]) -> str:
    """Why the spec cannot write a custom location Meta holds by its address alone (no point)."""
    example = meta_radius_entry(pin.get("radius"), pin.get("distance_unit"), "37.7749,-122.4194")
    return (
        f"a pin by its address_string alone, {str(pin['address_string'])!r}, without the latitude and "
        "longitude Meta geocodes it to: the spec writes a pin by its point"
        + (f", as {example!r}" if example is not None else "")
    )


def _pin_entry(pin: Mapping[str, Any]) -> str | None:
    """The entry of a custom location (``10 km around 37.7749,-122.4194``), or None."""
    latitude, longitude = pin.get("latitude"), pin.get("longitude")
    if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
        return None
    return meta_radius_entry(pin.get("radius"), pin.get("distance_unit"), point_text(latitude, longitude))


def _pin_problem(pin: Mapping[str, Any]) -> str:
    """Why the spec cannot write a custom location (``_pin_entry`` is None for it)."""
    point = [pin.get("latitude"), pin.get("longitude")]
    if all(isinstance(d, int | float) and not isinstance(d, bool) for d in point) and any(
        decimal_places(Decimal(repr(d))) > POINT_PLACES for d in point
    ):
        return (
            f"a pin whose latitude or longitude has more decimal places than the {POINT_PLACES} the spec "
            "takes, as Google's micro-degrees do"
        )
    radius = pin.get("radius")
    if (
        isinstance(radius, int | float)
        and not isinstance(radius, bool)
        and decimal_places(Decimal(repr(radius))) > DISTANCE_PLACES
    ):
        return (
            f"a pin whose radius, {radius} {pin.get('distance_unit')}, has more decimal places than the "
            f"{DISTANCE_PLACES} the spec takes"
        )
    return "a pin without a point, radius and unit the spec can write"


def _radius_entry(city: Mapping[str, Any], entry: str) -> str | None:
    """The entry of a radius around the city ``entry`` names, as a Meta city with a radius, or None."""
    return meta_radius_entry(city.get("radius"), city.get("distance_unit"), entry)


def _has_radius(city: Mapping[str, Any]) -> bool:
    return "radius" in city or "distance_unit" in city


def _locations_from(
    norm: Mapping[str, Any], raw: Mapping[str, Any], field: str, book: NameBook, warnings: list[str]
) -> list[str]:
    geo = dict(norm.get(field, {}))
    found = list(geo.pop("countries", []))
    found += [
        e
        for market in geo.pop("geo_markets", [])
        if (e := dma_of_meta_key(market.get("key", ""))) is not None
    ]
    # A pin targeted or excluded (a custom location on Meta).
    found += [e for pin in geo.pop("custom_locations", []) if (e := _pin_entry(pin)) is not None]
    for kind, key_field in _PLACE_FIELDS.items():
        raw_names = {str(e.get("key")): e.get("name") for e in (raw.get(field) or {}).get(key_field) or ()}
        for entry in geo.pop(key_field, []):
            key = entry["key"]
            name = book.name_of("location", key)
            if _has_radius(entry):
                # A radius around it: its entry, unless ``unexpressed_places`` names it.
                if _radius_entry(entry, "X, US") is None:
                    continue
                if name is None:
                    warnings.append(f"Meta city {key} in {field} has no known entry; ignored")
                else:
                    found.append(_radius_entry(entry, name) or name)
                continue
            if name is None and kind == "postal_code" and _is_postal_entry(key):
                name = key  # Meta's zip key is the entry: US:94103
            if name is None:
                label = f" ({raw_names[key]})" if raw_names.get(key) else ""
                what = {"region": "ISO code", "city": "entry"}.get(kind, "entry")
                warnings.append(
                    f"Meta {kind.replace('_', ' ')} {key}{label} in {field} has no known {what}; ignored"
                )
            else:
                found.append(name)
    return found


def _is_postal_entry(key: str) -> bool:
    place = parse_place(key)
    return place is not None and place.kind == "postal_code"


def _languages_from(locales: Iterable[int], book: NameBook, warnings: list[str]) -> list[str]:
    table = meta_locales()
    present = set(locales)
    found: list[str] = []
    isos: set[str] = set()
    for locale in sorted(present):
        known = table.by_id.get(locale)
        if known is not None and known.iso:
            isos.add(known.iso)
        elif (name := book.name_of("language", str(locale))) is not None:
            found.append(name)
        else:
            label = f" ({known.name})" if known is not None else ""
            warnings.append(f"Meta locale {locale}{label} has no ISO 639-1 code known here; ignored")
    for iso in sorted(isos):
        found.append(iso)
        if not table.is_complete(iso, present):
            parts = ", ".join(
                table.by_id[i].name for i in sorted(present) if i in table.by_id and table.by_id[i].iso == iso
            )
            warnings.append(f"Meta locales {parts} cover only part of {iso!r}: read as {iso!r}")
    return found


def _interests_from(
    entities: Iterable[Mapping[str, str]], field: str, book: NameBook, warnings: list[str]
) -> list[str]:
    names: list[str] = []
    for entity in entities:
        name = book.name_of("interest", entity["id"]) or entity.get("name")
        if name:
            names.append(name)
        else:
            warnings.append(f"Meta interest {entity['id']} in {field} has no name; ignored")
    return names


def _audiences_from(entries: Iterable[Any], field: str, warnings: list[str]) -> list[str]:
    """Audience names of a ``custom_audiences`` list as connectors read it (names; an id no audience of
    the account names is ``id:<id>``, and raw ``{id}`` entries were never named)."""
    names: list[str] = []
    for entry in entries:
        if isinstance(entry, str) and not is_unnamed_audience(entry):
            names.append(entry)
        else:
            label = entry.get("id") if isinstance(entry, Mapping) else entry
            warnings.append(f"Meta custom audience {label} in {field} {UNNAMED_AUDIENCE_IGNORED}")
    return names
