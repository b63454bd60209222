"""The notation of a unified location: a country, a region, a city or a postal code.

``US`` (ISO 3166-1 alpha-2 country), ``US-CA`` (ISO 3166-2 region), ``San Francisco, US-CA`` or
``Paris, FR`` (a city: its name, a comma, then its region or country code) and ``US:94103`` (a postal code:
country code, colon, code; Meta's own zip key shape). Parsing is by shape only; whether a platform knows
the place is the resolver's question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

PlaceKind = Literal["country", "region", "city", "postal_code"]

_COUNTRY: Final = re.compile(r"[A-Z]{2}")
_REGION: Final = re.compile(r"([A-Z]{2})-[A-Z0-9]{1,3}")
#: Postal codes are letters, digits, spaces and hyphens (``SW1A 1AA``, ``10115``, ``1010-001``).
_POSTAL: Final = re.compile(r"([A-Z]{2}):([A-Z0-9][A-Z0-9 -]{0,9})")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")


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


def canonical_location(text: str) -> str:
    """The written spelling of a location: codes upper case, a city's name as written with single spaces,
    one space after the city's comma, no spaces around a postal code's colon."""
    stripped = " ".join(text.split())
    if "," in stripped:
        name, _, code = stripped.rpartition(",")
        return f"{name.strip()}, {code.strip().upper()}"
    if ":" in stripped:
        country, _, code = stripped.partition(":")
        return f"{country.strip().upper()}:{code.strip().upper()}"
    return stripped.upper()


def parse_place(text: str) -> Place | None:
    """The place ``text`` names in the canonical notation (``canonical_location``), or None if malformed."""
    if _CONTROL.search(text):
        return None
    if "," in text:
        name, _, code = text.rpartition(",")
        name, code = name.strip(), code.strip()
        if not name or not (_COUNTRY.fullmatch(code) or _REGION.fullmatch(code)):
            return None
        return Place("city", text, name, code[:2], code)
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
    if ":" in text and not _POSTAL.fullmatch(text):
        return (
            "; expected a postal code as its ISO 3166-1 country code, a colon, then the code "
            "(letters, digits, spaces, hyphens; up to 10), as in 'US:94103'"
        )
    return None
