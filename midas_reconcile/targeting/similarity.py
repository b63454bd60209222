"""How alike two unified targetings are: weighted per-dimension Jaccard similarity."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Any, Final

from midas_reconcile.spec import Targeting
from midas_reconcile.targeting.model import SimilarityScore, canonical_targeting
from midas_reconcile.targeting.tables import AGE_BUCKETS, MIN_UNIFIED_AGE, TOP_AGE

#: Dimension weights; they sum to 1.
WEIGHTS: Final[dict[str, float]] = {
    "age": 0.25,
    "gender": 0.15,
    "geo": 0.30,
    "language": 0.10,
    "interests": 0.20,
}
_ALL_GENDERS: Final = frozenset({"male", "female"})
#: A Google age bucket as the spec names it (``18-24``, ``65+``) → its years as ``age_years`` counts them.
_BUCKET_YEARS: Final[dict[str, frozenset[int]]] = {
    (f"{low}-{high}" if high else f"{low}+"): frozenset(range(low, (high or TOP_AGE) + 1))
    for _, low, high in AGE_BUCKETS
}


@dataclass(frozen=True)
class Narrowing:
    """What one side leaves out besides its unified targeting: Google's own exclusions of a campaign or an
    ad group (``google.negative_ages`` as the spec names buckets, ``negative_genders``,
    ``negative_interests``), which hold for every ad group under them. ``undetermined`` (people whose age
    or gender Google does not know) is in no unified set, so leaving it out narrows nothing here."""

    ages: frozenset[str] = frozenset()
    genders: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()

    def __or__(self, other: Narrowing) -> Narrowing:
        return Narrowing(
            self.ages | other.ages, self.genders | other.genders, self.interests | other.interests
        )


#: Neither side leaves anything out besides its targeting.
NOT_NARROWED: Final = (Narrowing(), Narrowing())


def similarity(
    a: Targeting, b: Targeting, narrowed: tuple[Narrowing, Narrowing] = NOT_NARROWED
) -> SimilarityScore:
    """Similarity of two targetings in 0..1: ``total = Σ weight_d · J_d``, rounded to 4 places.

    ``J_d = |A_d ∩ B_d| / |A_d ∪ B_d|`` (Jaccard) for each dimension d, computed on the canonical
    form of both targetings (see ``canonical_targeting``); a dimension empty on both sides scores 1.

    ========== ======= ===================================================================
    dimension  weight  set compared
    ========== ======= ===================================================================
    age        0.25    integer years min..max, clipped to 13..65 (65 stands for 65 and over)
    gender     0.15    the genders; none listed means both {male, female}
    geo        0.30    locations (case-insensitive; a city or postal code is its own entry, not
                       part of its region or country here), plus excluded ones as ``"-" + code``
    language   0.10    ISO 639-1 codes (none listed means none: an empty side scores 0)
    interests  0.20    interest names (case-insensitive), plus excluded ones as ``"-" + name``
    ========== ======= ===================================================================

    Example: ages 18–34 vs 25–44, everything else equal: years {18..34} vs {25..44} share 10 of 27,
    so age scores 10/27 = 0.3704 and the total is 0.25 · 0.3704 + 0.75 = 0.8426.
    The per-dimension scores are returned rounded to 4 places as well.

    ``narrowed`` is what each side leaves out besides its targeting (``Narrowing``): excluded buckets' years
    leave the age set (``65+`` is the one year 65, as the age set counts it), excluded genders the gender
    set, and excluded interests join the interests set as excluded ones.
    """
    sides = [_sets(canonical_targeting(t), narrowing) for t, narrowing in zip((a, b), narrowed, strict=True)]
    scores = {name: _jaccard(sides[0][name], sides[1][name]) for name in WEIGHTS}
    total = sum(WEIGHTS[name] * score for name, score in scores.items())
    return SimilarityScore(round(total, 4), {name: round(score, 4) for name, score in scores.items()})


def _sets(t: Targeting, narrowing: Narrowing) -> dict[str, set[Any]]:
    """Each dimension's set of one (canonical) side, as ``similarity`` compares them."""
    left_out = {year for bucket in narrowing.ages for year in _BUCKET_YEARS.get(bucket, ())}
    return {
        "age": age_years(t) - left_out,
        "gender": set(t.genders or _ALL_GENDERS) - narrowing.genders,
        "geo": _signed(t.locations, t.exclude.locations),
        "language": set(t.languages),
        "interests": _signed_names(t.interests, [*t.exclude.interests, *narrowing.interests]),
    }


def age_years(t: Targeting) -> set[int]:
    """The targeted years of age, clipped to 13..65 (65 stands for "65 and over")."""
    low = max(t.ages.min, MIN_UNIFIED_AGE)
    high = TOP_AGE if t.ages.max is None else min(t.ages.max, TOP_AGE)
    return set(range(low, high + 1))


def _signed(included: list[str], excluded: list[str]) -> set[str]:
    # Case-insensitive: a city's name is kept as written ("San Francisco, US-CA"); codes are upper case.
    return {code.casefold() for code in included} | {f"-{code.casefold()}" for code in excluded}


def _signed_names(included: list[str], excluded: list[str]) -> set[str]:
    return {n.lower() for n in included} | {f"-{n.lower()}" for n in excluded}


def _jaccard(a: Set[object], b: Set[object]) -> float:
    union = a | b
    return 1.0 if not union else len(a & b) / len(union)
