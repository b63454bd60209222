"""Fixed targeting tables shipped as package data, and the platforms' age and gender enums.

Data files (``midas_reconcile/data``), each a JSON object with a ``source`` note and one list:

``countries.json``
    Every ISO 3166-1 country (alpha-2, numeric, English name). Google's country geo target ids are
    ``2000 + numeric`` (US 840 → ``geoTargetConstants/2840``); Meta uses the alpha-2 code itself.
``google_languages.json``
    Google Ads' language criterion table (``languageConstants/1000`` = English), with the ISO 639-1
    code the unified model uses. Google spells Hebrew ``iw`` (ISO ``he``) and has two Chinese rows
    (``zh_CN`` 1017, ``zh_TW`` 1018) that together make unified ``zh``.
``meta_locales.json``
    Meta ad locale ids (English (US) 6, English (UK) 24, English (All) 1001 …). Partial: it holds the
    locales whose ids could be checked; unknown ones go through the Meta resolver.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

from midas_reconcile.spec import Gender

#: Youngest age either platform targets (Meta clamps, Google has no bucket below it).
MIN_TARGETABLE_AGE: Final = 18
#: Oldest age the unified model names; a range reaching it means "65 and over" on both platforms.
TOP_AGE: Final = 65
#: Youngest age the unified model accepts (similarity counts years from here).
MIN_UNIFIED_AGE: Final = 13

#: Google age range buckets in order: (enum name, first year, last year or None for "and over").
AGE_BUCKETS: Final[tuple[tuple[str, int, int | None], ...]] = (
    ("AGE_RANGE_18_24", 18, 24),
    ("AGE_RANGE_25_34", 25, 34),
    ("AGE_RANGE_35_44", 35, 44),
    ("AGE_RANGE_45_54", 45, 54),
    ("AGE_RANGE_55_64", 55, 64),
    ("AGE_RANGE_65_UP", 65, None),
)
AGE_RANGE_UNDETERMINED: Final = "AGE_RANGE_UNDETERMINED"

#: Google criterion ids of the age range and gender criteria (for connectors building resource names).
AGE_RANGE_CRITERION_IDS: Final[dict[str, int]] = {
    "AGE_RANGE_18_24": 503001,
    "AGE_RANGE_25_34": 503002,
    "AGE_RANGE_35_44": 503003,
    "AGE_RANGE_45_54": 503004,
    "AGE_RANGE_55_64": 503005,
    "AGE_RANGE_65_UP": 503006,
    AGE_RANGE_UNDETERMINED: 503999,
}
GENDER_CRITERION_IDS: Final[dict[str, int]] = {"MALE": 10, "FEMALE": 11, "UNDETERMINED": 20}

#: Unified gender ↔ Google gender enum ↔ Meta gender code.
GOOGLE_GENDERS: Final[dict[Gender, str]] = {"male": "MALE", "female": "FEMALE"}
META_GENDERS: Final[dict[Gender, int]] = {"male": 1, "female": 2}

_GEO_PREFIX: Final = "geoTargetConstants/"
_LANGUAGE_PREFIX: Final = "languageConstants/"
_COUNTRY_GEO_BASE: Final = 2000


@dataclass(frozen=True)
class Country:
    alpha_2: str
    numeric: int
    name: str


@dataclass(frozen=True)
class Language:
    """One row of a platform language table: platform id, ISO 639-1 code, platform name."""

    id: int
    iso: str | None
    name: str
    #: Meta's grouping locales ("English (All)") cover every variant of their language.
    covers_all: bool = False


@dataclass(frozen=True)
class LanguageTable:
    """A platform's languages: which ids express an ISO code, and what each id is."""

    by_id: dict[int, Language]
    #: ISO code → the ids that together target every speaker of the language (emitted by to_*).
    full: dict[str, tuple[int, ...]]

    def is_complete(self, iso: str, present: set[int]) -> bool:
        """True when ``present`` ids target the whole language ``iso`` (not just one variant)."""
        ids = [i for i in present if i in self.by_id and self.by_id[i].iso == iso]
        if any(self.by_id[i].covers_all for i in ids):
            return True
        return set(self.full.get(iso, ())) <= set(ids)


def _load(name: str) -> Any:
    return json.loads(resources.files("midas_reconcile").joinpath("data", name).read_text("utf-8"))


@cache
def countries() -> dict[str, Country]:
    """ISO 3166-1 alpha-2 → country, for all 249 countries."""
    rows = _load("countries.json")["countries"]
    return {r["alpha_2"]: Country(r["alpha_2"], int(r["numeric"]), r["name"]) for r in rows}


@cache
def _countries_by_geo_id() -> dict[int, str]:
    return {_COUNTRY_GEO_BASE + c.numeric: c.alpha_2 for c in countries().values()}


@cache
def google_languages() -> LanguageTable:
    """Google Ads language constants (complete as published by Google)."""
    rows = [Language(int(r["id"]), r["iso"], r["name"]) for r in _load("google_languages.json")["languages"]]
    return _table(rows)


@cache
def google_language_codes() -> list[dict[str, Any]]:
    """Rows of Google's language codes table: ``id``, ``iso``, ``google_code`` (``iw`` …), ``name``."""
    return [dict(row) for row in _load("google_languages.json")["languages"]]


@cache
def meta_locales() -> LanguageTable:
    """Meta ad locales (partial table; see the module docstring)."""
    rows = [
        Language(int(r["key"]), r["iso"], r["name"], bool(r["all"]))
        for r in _load("meta_locales.json")["locales"]
    ]
    return _table(rows)


def _table(rows: list[Language]) -> LanguageTable:
    by_iso: dict[str, list[Language]] = defaultdict(list)
    for row in rows:
        if row.iso:
            by_iso[row.iso].append(row)
    full: dict[str, tuple[int, ...]] = {}
    for iso, langs in by_iso.items():
        # A grouping locale alone covers the language; otherwise every variant is needed.
        grouping = [lang.id for lang in langs if lang.covers_all]
        full[iso] = tuple(sorted(grouping or [lang.id for lang in langs]))
    return LanguageTable({row.id: row for row in rows}, full)


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code in the shipped table (case-sensitive, upper case)."""
    return code in countries()


def iso_to_google_geo(country: str) -> str | None:
    """``"US"`` → ``"geoTargetConstants/2840"``; None for anything that is not a country code."""
    found = countries().get(country.strip().upper())
    return None if found is None else f"{_GEO_PREFIX}{_COUNTRY_GEO_BASE + found.numeric}"


def google_geo_to_iso(geo_target_constant: str) -> str | None:
    """``"geoTargetConstants/2840"`` (or ``"2840"``) → ``"US"``; None for non-country geo targets."""
    geo_id = platform_numeric_id(geo_target_constant)
    return None if geo_id is None else _countries_by_geo_id().get(geo_id)


def google_geo_constant(geo_id: str) -> str:
    """The resource name for a geo target id given bare or already prefixed."""
    return f"{_GEO_PREFIX}{last_segment(geo_id)}"


def google_language_constant(language_id: str | int) -> str:
    return f"{_LANGUAGE_PREFIX}{last_segment(str(language_id))}"


def last_segment(resource_name: str) -> str:
    """``"customers/1/userInterests/92948"`` → ``"92948"``; a bare id is returned unchanged."""
    return str(resource_name).strip().rsplit("/", 1)[-1]


def platform_numeric_id(value: str | int) -> int | None:
    """The numeric id at the end of a resource name or id string; None when it is not a number."""
    tail = last_segment(str(value))
    return int(tail) if tail.isdigit() else None


def format_age_range(low: int, high: int | None) -> str:
    """``30–50``; ``30–65+`` for an open top."""
    return f"{low}–{TOP_AGE}+" if high is None else f"{low}–{high}"
