"""How alike two unified targetings are: weighted per-dimension Jaccard similarity."""

from __future__ import annotations

from collections.abc import Set
from typing import Final

from midas_reconcile.spec import Targeting
from midas_reconcile.targeting.model import SimilarityScore, canonical_targeting
from midas_reconcile.targeting.tables import MIN_UNIFIED_AGE, TOP_AGE

#: Dimension weights; they sum to 1.
WEIGHTS: Final[dict[str, float]] = {
    "age": 0.25,
    "gender": 0.15,
    "geo": 0.30,
    "language": 0.10,
    "interests": 0.20,
}
_ALL_GENDERS: Final = frozenset({"male", "female"})


def similarity(a: Targeting, b: Targeting) -> SimilarityScore:
    """Similarity of two targetings in 0..1: ``total = Σ weight_d · J_d``, rounded to 4 places.

    ``J_d = |A_d ∩ B_d| / |A_d ∪ B_d|`` (Jaccard) for each dimension d, computed on the canonical
    form of both targetings (see ``canonical_targeting``); a dimension empty on both sides scores 1.

    ========== ======= ===================================================================
    dimension  weight  set compared
    ========== ======= ===================================================================
    age        0.25    integer years min..max, clipped to 13..65 (65 stands for 65 and over)
    gender     0.15    the genders; none listed means both {male, female}
    geo        0.30    location codes, plus excluded ones as ``"-" + code``
    language   0.10    ISO 639-1 codes (none listed means none: an empty side scores 0)
    interests  0.20    interest names (case-insensitive), plus excluded ones as ``"-" + name``
    ========== ======= ===================================================================

    Example: ages 18–34 vs 25–44, everything else equal: years {18..34} vs {25..44} share 10 of 27,
    so age scores 10/27 = 0.3704 and the total is 0.25 · 0.3704 + 0.75 = 0.8426.
    The per-dimension scores are returned rounded to 4 places as well.
    """
    x, y = canonical_targeting(a), canonical_targeting(b)
    sets = {
        "age": (age_years(x), age_years(y)),
        "gender": (set(x.genders) or _ALL_GENDERS, set(y.genders) or _ALL_GENDERS),
        "geo": (_signed(x.locations, x.exclude.locations), _signed(y.locations, y.exclude.locations)),
        "language": (set(x.languages), set(y.languages)),
        "interests": (
            _signed_names(x.interests, x.exclude.interests),
            _signed_names(y.interests, y.exclude.interests),
        ),
    }
    scores = {name: _jaccard(*pair) for name, pair in sets.items()}
    total = sum(WEIGHTS[name] * score for name, score in scores.items())
    return SimilarityScore(round(total, 4), {name: round(score, 4) for name, score in scores.items()})


def age_years(t: Targeting) -> set[int]:
    """The targeted years of age, clipped to 13..65 (65 stands for "65 and over")."""
    low = max(t.ages.min, MIN_UNIFIED_AGE)
    high = TOP_AGE if t.ages.max is None else min(t.ages.max, TOP_AGE)
    return set(range(low, high + 1))


def _signed(included: list[str], excluded: list[str]) -> set[str]:
    return set(included) | {f"-{code}" for code in excluded}


def _signed_names(included: list[str], excluded: list[str]) -> set[str]:
    return {n.lower() for n in included} | {f"-{n.lower()}" for n in excluded}


def _jaccard(a: Set[object], b: Set[object]) -> float:
    union = a | b
    return 1.0 if not union else len(a & b) / len(union)
