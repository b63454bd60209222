"""The notation of a unified location: a country, a region, a city, a postal code, a US DMA or a radius.

``US`` (ISO 3166-1 alpha-2 country), ``US-CA`` (ISO 3166-2 region), ``San Francisco, US-CA`` or ``Paris, FR``
(a city: its name, a comma, then its region or country code), ``US:94103`` (a postal code: country code,
colon, code; Meta's own zip key shape), ``DMA:807`` (a US Nielsen market by its code) and a radius around a
city, a point or a street address: its distance, ``mi`` or ``km``, ``around``, then the city's entry, the
point's latitude and longitude in degrees, or the address's street, city entry and postal code entry (``25 mi
around San Francisco, US-CA``, ``10 km around 37.7749,-122.4194``, ``10 mi around 1 Main St, Springfield,
US-IL, US:62701``), and a place of another kind Google targets (a county, a neighborhood, an airport …) by its
geo target constant, ``geoTargetConstants/9059413``: Google's alone (Meta has no such place). Parsing is by
shape only; whether a platform knows the place is the resolver's question.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:  # the models read places from here: a type only
    from midas_reconcile.spec.models import Targeting

PlaceKind = Literal["country", "region", "city", "postal_code", "dma"]

_COUNTRY: Final = re.compile(r"[A-Z]{2}")
_REGION: Final = re.compile(r"([A-Z]{2})-[A-Z0-9]{1,3}")
#: Postal codes are letters, digits, spaces and hyphens (``SW1A 1AA``, ``10115``, ``1010-001``).
_POSTAL: Final = re.compile(r"([A-Z]{2}):([A-Z0-9][A-Z0-9 -]{0,9})")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
#: A US Nielsen market (DMA) by its three-digit code: ``DMA:807`` (San Francisco-Oakland-San Jose).
_DMA: Final = re.compile(r"DMA:(\d{3})")
#: The codes of the 210 US Nielsen markets (DMAs), from 500 to 881 with gaps: Google's DMA Region geo target
#: constants are 200000 plus these (developers.google.com/google-ads/api/data/geotargets, whose CSV was not in
#: reach here), Meta's ``geo_markets`` keys ``DMA_<code>``. Taken from the MaxMind / Nielsen metro code table
#: as two public copies give it, agreeing code for code (jart/cosmopolitan ``tool/net/demo/maxmind.lua``
#: ``kMetroCodes``, and one "sourced from github.com/simzou/nielsen-dma"); not checked against the live APIs.
_NIELSEN_MARKETS: Final = """
500 501 502 503 504 505 506 507 508 509 510 511 512 513 514 515 516 517 518 519 520 521 522 523 524
525 526 527 528 529 530 531 532 533 534 535 536 537 538 539 540 541 542 543 544 545 546 547 548 549
550 551 552 553 554 555 556 557 558 559 560 561 563 564 565 566 567 569 570 571 573 574 575 576 577
581 582 583 584 588 592 596 597 598 600 602 603 604 605 606 609 610 611 612 613 616 617 618 619 622
623 624 625 626 627 628 630 631 632 633 634 635 636 637 638 639 640 641 642 643 644 647 648 649 650
651 652 656 657 658 659 661 662 669 670 671 673 675 676 678 679 682 686 687 691 692 693 698 702 705
709 710 711 716 717 718 722 724 725 734 736 737 740 743 744 745 746 747 749 751 752 753 754 755 756
757 758 759 760 762 764 765 766 767 770 771 773 789 790 798 800 801 802 803 804 807 810 811 813 819
820 821 825 828 839 855 862 866 868 881
"""
DMA_CODES: Final = frozenset(int(code) for code in _NIELSEN_MARKETS.split())
DMA_EXAMPLE: Final = "'DMA:807'"


@dataclass(frozen=True)
class Place:
    """A parsed location: ``name`` is the city's name or the postal code (else the code itself);
    ``within`` the code after a city's comma (a region or a country), else None."""

    kind: PlaceKind
    text: str
    name: str
    country: str
    within: str | None = None

    @property
    def region(self) -> str | None:
        """The ISO 3166-2 region a city is written within, if it is written with one."""
        return self.within if self.within is not None and "-" in self.within else None


RadiusUnit = Literal["mi", "km"]
#: ``<distance> <unit> around <center>``: what makes an entry a radius (its parts checked apart).
_RADIUS: Final = re.compile(r"(?P<distance>\S+)\s+(?P<unit>\S+)\s+around\s+(?P<center>.+)", re.IGNORECASE)
#: A radius whose unit is written against its distance: ``25mi around …``.
_GLUED_RADIUS: Final = re.compile(
    r"(?P<distance>[+-]?(\d+(\.\d*)?|\.\d+))(?P<unit>[A-Za-z]+)\s+around\s+(?P<center>.+)", re.IGNORECASE
)
#: What makes an entry a radius, however malformed: ``around`` between words.
_AROUND: Final = re.compile(r"\saround\s", re.IGNORECASE)
_NUMBER: Final = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
#: Decimal places of a point's degrees (Google counts micro-degrees) and of a distance.
POINT_PLACES: Final = 6
DISTANCE_PLACES: Final = 2
RADIUS_EXAMPLE: Final = "'25 mi around San Francisco, US-CA' or '10 km around 37.7749,-122.4194'"


@dataclass(frozen=True)
class StreetAddress:
    """A street address a radius goes around: its street (``1 Main St``), its city (an entry, ``Springfield,
    US-IL``) and its postal code (an entry, ``US:62701``), written in that order, commas between."""

    street: str
    city: Place
    postal_code: Place

    @property
    def text(self) -> str:
        return f"{self.street}, {self.city.text}, {self.postal_code.text}"


@dataclass(frozen=True)
class Radius:
    """A radius around a city (``city``), a street address (``address``) or a point (``latitude`` /
    ``longitude`` in degrees)."""

    distance: Decimal
    unit: RadiusUnit
    city: Place | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: StreetAddress | None = None

    @property
    def country(self) -> str | None:
        """The country of the city or address it goes around (None for a point: only a map could tell)."""
        if self.address is not None:
            return self.address.city.country
        return self.city.country if self.city is not None else None

    @property
    def center(self) -> str:
        """The city's entry, the address, or the point as ``lat,lng``."""
        if self.city is not None:
            return self.city.text
        if self.address is not None:
            return self.address.text
        return point_text(self.latitude, self.longitude)

    @property
    def text(self) -> str:
        return f"{decimal_text(self.distance)} {self.unit} around {self.center}"


def decimal_text(value: Decimal | float | int | None) -> str:
    """A number in its shortest exact decimal spelling: ``25``, ``2.5``, ``-122.4194``."""
    number = Decimal(str(value)).normalize()
    return format(number, "f") if number != 0 else "0"


def point_text(latitude: Decimal | float | int | None, longitude: Decimal | float | int | None) -> str:
    """A point as a radius's center writes it: ``37.7749,-122.4194``."""
    return f"{decimal_text(latitude)},{decimal_text(longitude)}"


def radius_text(distance: Decimal | float, unit: str, center: str) -> str:
    """The entry of a radius (``25 mi around San Francisco, US-CA``) from its parts."""
    return f"{decimal_text(distance)} {unit} around {center}"


def _radius_match(text: str) -> re.Match[str] | None:
    """The parts of a radius entry (its unit apart from its distance or against it), or None."""
    return _RADIUS.fullmatch(text) or _GLUED_RADIUS.fullmatch(text)


def parse_radius(text: str) -> Radius | None:
    """The radius ``text`` writes in the canonical notation, or None (another location, or malformed)."""
    match = _radius_match(text.strip())
    if match is None or _radius_problem(match) is not None:
        return None
    distance, unit = Decimal(match["distance"]), match["unit"].lower()
    center = match["center"].strip()
    point = _point(center)
    if point is not None:
        return Radius(distance, unit, latitude=point[0], longitude=point[1])  # type: ignore[arg-type]
    if _looks_like_address(center):
        return Radius(distance, unit, address=_street_address(center))  # type: ignore[arg-type]
    return Radius(distance, unit, city=parse_place(center))  # type: ignore[arg-type]


#: The Earth's mean radius (IUGG), in km: the sphere ``radius_covers`` measures distances on.
EARTH_RADIUS_KM: Final = 6371.0088
#: Kilometres in a mile (the international mile).
KM_PER_MILE: Final = Decimal("1.609344")


def radius_km(radius: Radius) -> float:
    """A radius's distance in kilometres."""
    return float(radius.distance * KM_PER_MILE if radius.unit == "mi" else radius.distance)


def radius_covers(outer: Radius, inner: Radius) -> bool:
    """Whether the circle ``outer`` holds all of ``inner``: both around one city (the same entry, in any case:
    the platform geocodes it to one point for both; one city written two ways is found where the Meta account
    resolves it, ``targeting.meta.to_meta``) and ``outer`` at least as wide; or both around points,
    their centres' great-circle distance (haversine, on a sphere of the Earth's mean radius) plus ``inner``'s
    radius at most ``outer``'s (a millimetre's give for the arithmetic's rounding). A city's or a street
    address's point against another centre is the platform's to geocode, so MIDAS cannot tell: False."""
    if outer.city is not None and inner.city is not None:
        return outer.city.text.casefold() == inner.city.text.casefold() and radius_km(inner) <= radius_km(
            outer
        )
    if outer.latitude is None or outer.longitude is None or inner.latitude is None or inner.longitude is None:
        return False
    lat1, lon1 = math.radians(outer.latitude), math.radians(outer.longitude)
    lat2, lon2 = math.radians(inner.latitude), math.radians(inner.longitude)
    half = (
        math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    apart = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(half)))
    return apart + radius_km(inner) <= radius_km(outer) + 1e-6


def same_radius(first: Radius, second: Radius) -> bool | None:
    """Whether two radii are one circle as written: one distance in one unit around one centre (a point by
    its coordinates; a street address by its text and a city by its name, region and country, in any case and
    spacing). None when only the platform's resolving can tell: one city written within its country, the
    other within a region of it (``Oakland, US`` and ``Oakland, US-CA``)."""
    if first.unit != second.unit or first.distance != second.distance:
        return False
    if first.city is None or second.city is None:
        if first.address is not None and second.address is not None:
            return _folded(first.address.text) == _folded(second.address.text)
        return first.latitude is not None and (first.latitude, first.longitude) == (
            second.latitude,
            second.longitude,
        )
    one, other = first.city, second.city
    if _folded(one.name) != _folded(other.name) or one.country.upper() != other.country.upper():
        return False
    if one.region is not None and other.region is not None:
        return one.region.upper() == other.region.upper()
    return True if one.region is None and other.region is None else None


def _folded(text: str) -> str:
    """``text`` in one case, its spaces one between words, none before a comma: ``1 main st, springfield``."""
    return " ".join(text.replace(",", ", ").split()).replace(" ,", ",").casefold()


def is_radius(text: str) -> bool:
    """Whether ``text`` is written as a radius (``<distance> <unit> around …``), well or badly: any entry
    with ``around`` between words (no place the spec names has it in its name)."""
    return _AROUND.search(text.strip()) is not None


def radius_problem(text: str) -> str | None:
    """Why a radius entry is malformed (a sentence tail after "found X"), or None."""
    match = _radius_match(text.strip())
    if match is None:
        return (
            "; expected a radius as '<distance> <unit> around <city, point or street address>': its "
            "distance, mi or km, 'around', then a city, a point or a street address: " + RADIUS_EXAMPLE
        )
    return _radius_problem(match)


def _radius_problem(match: re.Match[str]) -> str | None:
    distance = _decimal(match["distance"])
    if distance is None or distance <= 0:
        return f"; expected a radius's distance as a positive number, as in {RADIUS_EXAMPLE}"
    if -distance.as_tuple().exponent > DISTANCE_PLACES:  # type: ignore[operator]
        return f"; a radius's distance has at most {DISTANCE_PLACES} decimal places"
    if match["unit"].lower() not in ("mi", "km"):
        return f"; expected a radius in mi (miles) or km (kilometres), found unit {match['unit']!r}"
    center = match["center"].strip()
    if _looks_like_point(center):
        point = _point(center)
        if point is None:
            return (
                "; expected a point as its latitude (-90 to 90) and longitude (-180 to 180) in degrees, "
                f"a comma between, at most {POINT_PLACES} decimal places each, as in '37.7749,-122.4194'"
            )
        return None
    if _looks_like_address(center):
        return _street_address_problem(center)
    place = parse_place(center)
    if place is None or place.kind != "city":
        shape = place_shape_problem(center) if place is None else None
        return shape or (
            f"; a radius goes around a city ('San Francisco, US-CA'), a point ('37.7749,-122.4194') or a "
            f"street address ('1 Main St, Springfield, US-IL, US:62701'), found {center!r}"
        )
    return None


#: How a radius around a street address is written, for messages.
ADDRESS_EXAMPLE: Final = "'10 mi around 1 Main St, Springfield, US-IL, US:62701'"


def _looks_like_address(center: str) -> bool:
    """Whether a radius's center is written as a street address: a street, a city's entry, then a postal
    code's (its last part has a colon, as no city's region or country has)."""
    parts = center.split(",")
    return len(parts) >= 4 and ":" in parts[-1]


def _address_parts(center: str) -> tuple[str, str, str]:
    """(street, city entry, postal code entry) of an address center, each in its one spelling."""
    parts = center.split(",")
    pieces = [" ".join(p.split()) for p in parts[:-3]]
    street = ", ".join(pieces) if all(pieces) else ""  # a part left empty is no street ("1 Main St, , …")
    return street, canonical_location(",".join(parts[-3:-1])), canonical_location(parts[-1])


def _street_address(center: str) -> StreetAddress | None:
    read = _read_street_address(center)
    return read if isinstance(read, StreetAddress) else None


def _street_address_problem(center: str) -> str | None:
    """Why a radius's street address is malformed, or None (a sentence tail after "found X")."""
    read = _read_street_address(center)
    return read if isinstance(read, str) else None


def _read_street_address(center: str) -> StreetAddress | str:
    """The street address of an address center, or why it is malformed (``_street_address_problem``)."""
    street, city, postal = _address_parts(center)
    city_place, postal_place = parse_place(city), parse_place(postal)
    if not street or _CONTROL.search(street):
        return (
            "; expected a street address as its street, its city, then its postal code, as in "
            + ADDRESS_EXAMPLE
        )
    if city_place is None or city_place.kind != "city":
        return place_shape_problem(city) or (
            f"; expected the address's city as its name, a comma, then its region or country, found {city!r}"
        )
    if postal_place is None or postal_place.kind != "postal_code":
        return place_shape_problem(postal) or f"; expected the address's postal code, found {postal!r}"
    if postal_place.country != city_place.country:
        return f"; the postal code {postal!r} is of another country than the city {city!r}"
    return StreetAddress(street, city_place, postal_place)


def _looks_like_point(center: str) -> bool:
    parts = center.split(",")
    return len(parts) == 2 and all(_NUMBER.fullmatch(p.strip()) for p in parts)


def _point(center: str) -> tuple[Decimal, Decimal] | None:
    if not _looks_like_point(center):
        return None
    latitude, longitude = (_decimal(p.strip()) for p in center.split(","))
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    if any(-d.as_tuple().exponent > POINT_PLACES for d in (latitude, longitude)):  # type: ignore[operator]
        return None
    return latitude, longitude


def _decimal(text: str) -> Decimal | None:
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def canonical_location(text: str) -> str:
    """The written spelling of a location: codes upper case, a city's name as written with single spaces,
    one space after the city's comma, no spaces around a postal code's colon; a radius's distance in its
    shortest spelling, its unit lower case, its point without spaces; a Google geo target constant as Google
    spells it, ``geoTargetConstants/<id>``."""
    stripped = " ".join(text.split())
    if is_google_geo(stripped):  # Google's resource name, in Google's case
        return GOOGLE_GEO_PREFIX + stripped[len(GOOGLE_GEO_PREFIX) :].replace(" ", "")
    match = _radius_match(stripped)
    if match is not None:
        center = match["center"].strip()
        if _looks_like_point(center):
            point = _point(center)
            center = point_text(*point) if point is not None else center.replace(" ", "")
        elif _looks_like_address(center):
            center = ", ".join(_address_parts(center))
        else:
            center = canonical_location(center)
        distance = _decimal(match["distance"])
        shown = decimal_text(distance) if distance is not None else match["distance"]
        return f"{shown} {match['unit'].lower()} around {center}"
    if "," in stripped:
        name, _, code = stripped.rpartition(",")
        return f"{name.strip()}, {code.strip().upper()}"
    if ":" in stripped:
        country, _, code = stripped.partition(":")
        return f"{country.strip().upper()}:{code.strip().upper()}"
    return stripped.upper()


#: A Google geo target constant by its resource name: ``geoTargetConstants/9059413`` (a county …).
GOOGLE_GEO_PREFIX: Final = "geoTargetConstants/"
_GOOGLE_GEO: Final = re.compile(r"geoTargetConstants/([1-9][0-9]{0,11})")
GOOGLE_GEO_EXAMPLE: Final = "'geoTargetConstants/9059413'"


def google_geo_id(text: str) -> str | None:
    """The id of the Google geo target constant ``text`` (canonical) names (``geoTargetConstants/9059413`` →
    ``9059413``), or None (another entry, or malformed)."""
    match = _GOOGLE_GEO.fullmatch(text)
    return match.group(1) if match is not None else None


def geo_constant_entries(targeting: Targeting) -> list[tuple[str, bool]]:
    """The entries of ``targeting``'s ``locations`` then ``exclude.locations`` naming a Google geo target
    constant (a county, an airport …: Google's alone), each with whether it is excluded."""
    return [
        (entry, excluded)
        for excluded, entries in ((False, targeting.locations), (True, targeting.exclude.locations))
        for entry in entries
        if google_geo_id(entry) is not None
    ]


def inherited_and_targeted(own: Targeting, inherited: Targeting) -> list[str]:
    """The entries of ``own``'s locations that ``inherited``'s excluded locations hold too (compared
    case-folded), when ``own`` sets locations and no exclusions of its own (it inherits them): a place its
    reader would target and exclude at once."""
    if "locations" not in own.model_fields_set or "exclude" in own.model_fields_set:
        return []
    excluded = {code.casefold() for code in inherited.exclude.locations}
    return [code for code in own.locations if code.casefold() in excluded]


def is_google_geo(text: str) -> bool:
    """Whether ``text`` is written as a Google geo target constant, well or badly (``geoTargetConstants/…``,
    in any case): a place Google alone names."""
    return text.strip().casefold().startswith(GOOGLE_GEO_PREFIX.casefold())


def google_geo_problem(text: str) -> str | None:
    """Why a Google geo target constant entry (``is_google_geo``, canonical) is malformed, or None (a
    sentence tail after "found X")."""
    if google_geo_id(text) is None:
        return (
            f"; expected a Google geo target constant as '{GOOGLE_GEO_PREFIX}' then its id (digits), as in "
            f"{GOOGLE_GEO_EXAMPLE}"
        )
    return None


def is_dma(text: str) -> bool:
    """Whether ``text`` (canonical) is a DMA entry (``DMA:807``)."""
    return _dma_code(text) is not None


def _dma_code(text: str) -> str | None:
    """The market code of a DMA entry (``DMA:807`` → ``807``), or None (another entry, or no market's)."""
    dma = _DMA.fullmatch(text)
    return dma.group(1) if dma is not None and int(dma.group(1)) in DMA_CODES else None


def parse_place(text: str) -> Place | None:
    """The place ``text`` names in the canonical notation (``canonical_location``), or None if malformed
    (or a radius: ``parse_radius``)."""
    if _CONTROL.search(text) or is_radius(text):
        return None
    if "," in text:
        name, _, code = text.rpartition(",")
        name, code = name.strip(), code.strip()
        if not name or not (_COUNTRY.fullmatch(code) or _REGION.fullmatch(code)):
            return None
        return Place("city", text, name, code[:2], code)
    if market := _dma_code(text):
        return Place("dma", text, market, "US")
    if postal := _POSTAL.fullmatch(text):
        return Place("postal_code", text, postal.group(2), postal.group(1))
    if _REGION.fullmatch(text):
        return Place("region", text, text, text[:2])
    if _COUNTRY.fullmatch(text):
        return Place("country", text, text, text)
    return None


def place_shape_problem(text: str) -> str | None:
    """Why a city or postal code entry (one with a comma or a colon) is malformed, or None if it is neither
    such an entry nor malformed (a sentence tail after "found X")."""
    if "," in text:
        name, _, code = text.rpartition(",")
        if not name.strip():
            return "; expected a city as its name, a comma, then its region or country, as in 'Paris, FR'"
        if not (_COUNTRY.fullmatch(code.strip()) or _REGION.fullmatch(code.strip())):
            return (
                f"; expected the city's ISO 3166-2 region ('US-CA') or ISO 3166-1 country code ('US') after "
                f"the comma, found {code.strip()!r}"
            )
        if _CONTROL.search(name):
            return "; a city's name cannot hold control characters"
        return None
    if text.upper().startswith("DMA:") and not _dma_code(text.upper().replace(" ", "")):
        return (
            f"; expected a US Nielsen market (DMA) as 'DMA:' then its three-digit code, one of Nielsen's "
            f"{len(DMA_CODES)} ({min(DMA_CODES)} to {max(DMA_CODES)}, with gaps), as in {DMA_EXAMPLE}"
        )
    if ":" in text and not _POSTAL.fullmatch(text) and not _DMA.fullmatch(text):
        return (
            "; expected a postal code as its ISO 3166-1 country code, a colon, then the code "
            "(letters, digits, spaces, hyphens; up to 10), as in 'US:94103'"
        )
    return None
