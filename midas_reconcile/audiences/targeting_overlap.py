"""How much two targetings reach the same people: a population-weighted estimate per dimension.

Each targeting selects a part of each dimension's population; dimensions are assumed independent, so
the people a targeting reaches are ``N · Π_d f_d(A)`` and those both reach ``N · Π_d f_d(A ∩ B)``,
where ``f_d`` is the population share of the selected values:

========= =========================================================================================
dimension population weights
========= =========================================================================================
age       each year 13–64 weighs 1, "65 and over" weighs 7.5 (≈ the world's 2024 pyramid: ~1.35 % of
          people per year of age below 65, ~10 % at 65 and over)
gender    female and male 0.5 each (none listed = both)
geo       countries by population (``COUNTRY_POPULATION``, UN WPP 2024, millions, rounded; others
          count 5 M); a region (``US-CA``) as a tenth of its country (no sub-national table: flagged
          approximate), a city or postal code as a hundredth of its country, within its region when
          written with one (``San Francisco, US-CA``; approximate); excluded locations are removed; no
          locations = the whole world (8,100 M)
========= =========================================================================================

Per dimension the result holds the population-weighted Jaccard ``w(A∩B) / w(A∪B)`` and each side's
share ``w(A∩B) / w(A)``. Languages and interests have no population weights: they keep the seed's set
similarity (``targeting.similarity``), are **not** in the estimate, and are flagged low-confidence —
differing interests make the real overlap smaller than estimated.

From the estimated reaches: ``overlap_percentage`` = 100 · reach(A∩B) / min(reach(A), reach(B)) and
``efficiency_score`` = 100 · (1 − reach(A∩B) / reach(A∪B)), as for customer lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from typing import Final, TypeVar

from midas_reconcile.spec import Targeting
from midas_reconcile.spec._places import parse_place, parse_radius
from midas_reconcile.targeting import canonical_targeting, similarity
from midas_reconcile.targeting.similarity import age_years
from midas_reconcile.targeting.tables import MIN_UNIFIED_AGE, TOP_AGE

T = TypeVar("T")

WORLD_POPULATION_M: Final = 8100.0
UNLISTED_COUNTRY_M: Final = 5.0
REGION_SHARE: Final = 0.1
#: A city's or a postal code's share of its country's people (no city table: approximate).
PLACE_SHARE: Final = 0.01
OLDEST_BUCKET_WEIGHT: Final = 7.5
#: People in millions (UN World Population Prospects 2024, rounded): weights, not statistics.
COUNTRY_POPULATION: Final[dict[str, float]] = {
    "AE": 10, "AR": 46, "AT": 9.1, "AU": 27, "BD": 173, "BE": 11.8, "BR": 212, "CA": 40, "CH": 8.9,
    "CL": 20, "CN": 1410, "CO": 53, "CZ": 10.9, "DE": 84, "DK": 5.9, "DZ": 46, "EG": 116, "ES": 48,
    "ET": 130, "FI": 5.6, "FR": 66, "GB": 69, "GH": 34, "GR": 10.3, "HK": 7.5, "HU": 9.6, "ID": 280,
    "IE": 5.2, "IL": 9.8, "IN": 1440, "IQ": 46, "IR": 91, "IT": 59, "JP": 124, "KE": 56, "KR": 52,
    "KZ": 20, "MA": 38, "MX": 130, "MY": 35, "NG": 230, "NL": 18, "NO": 5.5, "NZ": 5.2, "PE": 34,
    "PH": 116, "PK": 245, "PL": 38, "PT": 10.4, "RO": 19, "RU": 144, "SA": 33, "SE": 10.5, "SG": 5.9,
    "TH": 72, "TR": 87, "TW": 23, "UA": 37, "US": 340, "VE": 29, "VN": 101, "ZA": 63,
}  # fmt: skip
LOW_CONFIDENCE_DIMENSIONS: Final = ("language", "interests")


@dataclass(frozen=True)
class DimensionOverlap:
    """One dimension: population-weighted Jaccard and each side's share (set Jaccard, low confidence,
    for languages and interests, whose shares are then None)."""

    similarity: float
    share_a: float | None
    share_b: float | None
    low_confidence: bool = False


@dataclass(frozen=True)
class TargetingOverlap:
    """Estimated reach (millions of people) of each targeting and of both, per-dimension overlaps, the
    seed's ``similarity`` (weighted set Jaccard), ``overlap_percentage`` and ``efficiency_score``."""

    a: str
    b: str
    reach_a: float
    reach_b: float
    reach_both: float
    dimensions: dict[str, DimensionOverlap]
    similarity: float
    notes: list[str] = field(default_factory=list)

    @property
    def overlap_percentage(self) -> float:
        smaller = min(self.reach_a, self.reach_b)
        return round(100 * self.reach_both / smaller, 2) if smaller else 0.0

    @property
    def efficiency_score(self) -> float:
        union = self.reach_a + self.reach_b - self.reach_both
        return round(100 * (1 - self.reach_both / union), 2) if union else 100.0

    def as_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "method": "population",
            "reach_a_millions": round(self.reach_a, 3),
            "reach_b_millions": round(self.reach_b, 3),
            "reach_both_millions": round(self.reach_both, 3),
            "similarity": self.similarity,
            "dimensions": {name: d.__dict__ for name, d in self.dimensions.items()},
            "overlap_percentage": self.overlap_percentage,
            "efficiency_score": self.efficiency_score,
            "notes": self.notes,
        }


def targeting_overlap(a: Targeting, b: Targeting, names: tuple[str, str] = ("A", "B")) -> TargetingOverlap:
    """The population-weighted overlap of two unified targetings (formulas in the module docstring)."""
    x, y = canonical_targeting(a), canonical_targeting(b)
    age = _weighted(age_years(x), age_years(y), range(MIN_UNIFIED_AGE, TOP_AGE + 1), _age_weight)
    genders: set[str] = {"female", "male"}
    gender = _weighted(set(x.genders) or genders, set(y.genders) or genders, genders, _half)
    geo, notes = _geo(x, y)
    seed = similarity(a, b)
    dimensions = {"age": age[0], "gender": gender[0], "geo": geo[0]}
    for name in LOW_CONFIDENCE_DIMENSIONS:
        dimensions[name] = DimensionOverlap(seed.dimensions[name], None, None, low_confidence=True)
    if x.interests != y.interests or x.exclude.interests != y.exclude.interests:
        notes.append(
            "interests differ: not in the estimate (no population data), so overlap is an upper bound"
        )
    reach_a = reach_b = reach_both = WORLD_POPULATION_M
    for _, fractions in (age, gender, geo):
        reach_a *= fractions[0]
        reach_b *= fractions[1]
        reach_both *= fractions[2]
    return TargetingOverlap(names[0], names[1], reach_a, reach_b, reach_both, dimensions, seed.total, notes)


Fractions = tuple[float, float, float]


def _weighted(
    first: Set[T], second: Set[T], universe: Iterable[T], weight: Callable[[T], float]
) -> tuple[DimensionOverlap, Fractions]:
    total = sum(map(weight, universe))
    wa, wb, both = (sum(map(weight, part)) for part in (first, second, first & second))
    return _dimension(wa, wb, both), (wa / total, wb / total, both / total)


def _dimension(wa: float, wb: float, both: float) -> DimensionOverlap:
    union = wa + wb - both
    return DimensionOverlap(
        round(both / union, 4) if union else 1.0,
        round(both / wa, 4) if wa else 0.0,
        round(both / wb, 4) if wb else 0.0,
    )


def _located(code: str) -> tuple[str, str | None, str | None]:
    """(country, region, city or postal code) a location names or lies in: ``San Francisco, US-CA`` → ``("US",
    "US-CA", "San Francisco, US-CA")``, ``US:94103`` → ``("US", None, "US:94103")``, ``US-CA`` → ``("US",
    "US-CA", None)``, ``US`` → ``("US", None, None)``; a radius around a city lies where the city does (``25
    mi around San Francisco, US-CA`` → ``("US", "US-CA", "25 mi around San Francisco, US-CA")``), as does one
    around a street address (its city's), one around a point, whose country is unknown, stands alone as an
    unlisted country does, and so does a place by its Google geo target constant
    (``geoTargetConstants/9059413``: a county …), which names none."""
    radius = parse_radius(code)
    city = radius.address.city if radius is not None and radius.address is not None else None
    city = radius.city if radius is not None and radius.city is not None else city
    if city is not None:
        return city.country, city.region, code
    place = parse_place(code)
    if place is None or place.kind == "country":
        return code, None, None
    if place.kind == "region":
        return place.country, code, None
    return place.country, place.region, code


def _age_weight(year: int) -> float:
    return OLDEST_BUCKET_WEIGHT if year == TOP_AGE else 1.0


def _half(_gender: str) -> float:
    return 0.5


def _geo(x: Targeting, y: Targeting) -> tuple[tuple[DimensionOverlap, Fractions], list[str]]:
    """Population on atoms: each mentioned city or postal code, the rest of each mentioned region, the
    rest of each mentioned country, the rest of the world; a targeting covers an atom when it includes the
    atom or a place containing it (or targets the world) and excludes none of them. A city lies in the
    region it is written with (``San Francisco, US-CA``), else in its country, as a postal code does."""
    codes = {*x.locations, *x.exclude.locations, *y.locations, *y.exclude.locations}
    located = [_located(code) for code in codes]
    atoms: list[tuple[tuple[str, ...], float]] = []  # (the atom and what contains it; millions)
    for country in sorted({c for c, _, _ in located}):
        population = COUNTRY_POPULATION.get(country, UNLISTED_COUNTRY_M)
        regions = sorted({r for c, r, _ in located if c == country and r is not None})
        region_m = min(REGION_SHARE, 1 / (len(regions) + 1)) * population
        for region, size in [*((r, region_m) for r in regions), (None, population - region_m * len(regions))]:
            places = sorted({p for c, r, p in located if c == country and r == region and p is not None})
            place_m = min(PLACE_SHARE * population, size / (len(places) + 1))
            chain = (country,) if region is None else (country, region)
            atoms += [((*chain, place), place_m) for place in places]
            atoms.append((chain, size - place_m * len(places)))
    atoms.append(((), max(WORLD_POPULATION_M - sum(p for _, p in atoms), 0.0)))

    def covers(t: Targeting, chain: tuple[str, ...]) -> bool:
        included = not t.locations or any(c in t.locations for c in chain)
        return included and not any(c in t.exclude.locations for c in chain)

    wa = sum(p for chain, p in atoms if covers(x, chain))
    wb = sum(p for chain, p in atoms if covers(y, chain))
    both = sum(p for chain, p in atoms if covers(x, chain) and covers(y, chain))
    notes = []
    if any(r is not None for _, r, _ in located):
        notes.append("regions are weighted as a tenth of their country (approximate)")
    if any(p is not None for _, _, p in located):
        notes.append("cities and postal codes are weighted as a hundredth of their country (approximate)")
    total = WORLD_POPULATION_M
    return (_dimension(wa, wb, both), (wa / total, wb / total, both / total)), notes
