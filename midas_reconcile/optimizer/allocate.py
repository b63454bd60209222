"""Water-filling: the allocation that maximises total response under box, group and total constraints.

For concave curves the optimum equalises the marginal return ``λ`` of every campaign strictly inside
its bounds; campaigns at their lower bound return at most ``λ`` at the margin, those at their upper
bound at least ``λ`` (the KKT conditions). ``Σ clip(spend_at(λ), lower, upper)`` falls with ``λ``, so
one bisection on ``log λ`` finds it — every step is one vectorised pass over the campaigns.

Per-group limits (platforms) are handled by an active set: solve with one ``λ``; a group whose sum
breaks its limit is fixed at that limit and water-filled on its own (its own ``λ_g``), the rest
share what is left; repeat. With two groups this is exact; each group then has its own multiplier.

Targets: with ``min_marginal`` (goal target_cpa: ``1/target``; target_roas: ``target``) a unit of money
is only spent while it returns at least that much at the margin, so the solution spends
``min(total, what the target allows)`` — but never less than the spend floor or the lower bounds.

The KKT residual certifies the solution: the largest relative gap between a campaign's marginal
return and its group's multiplier, among the conditions above (0 for an exact optimum).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np
from numpy.typing import NDArray

from midas_reconcile.optimizer.curves import Floats, ResponseCurves

_STEPS: Final = 100
_HUGE: Final = 1e300


@dataclass(frozen=True)
class LogCurves:
    """``v = log s`` for ``size`` campaigns: equal marginal return means equal spend — the ``equal``
    strategy."""

    size: int

    def value(self, spend: Floats) -> Floats:
        return np.log(np.maximum(spend, 1e-300))

    def marginal(self, spend: Floats) -> Floats:
        return 1.0 / np.maximum(spend, 1e-300)

    def spend_at(self, marginal: float) -> Floats:
        return np.full(self.size, 1.0 / marginal)


@dataclass(frozen=True)
class Limits:
    """Constraints of one allocation, in currency units per day (floats: the engine's side)."""

    total: float
    lower: Floats
    upper: Floats
    #: Group index of each campaign (platform), and each group's limits; ``None``: no groups.
    group: NDArray[np.int64] | None = None
    group_lower: Floats = field(default_factory=lambda: np.zeros(0))
    group_upper: Floats = field(default_factory=lambda: np.zeros(0))
    #: Least total spend, whatever a target says.
    spend_floor: float = 0.0


@dataclass(frozen=True)
class Solution:
    spend: Floats
    #: Marginal return shared by the free campaigns of each group (one entry without groups).
    multipliers: Floats
    kkt_residual: float


def _clip_at(curves: ResponseCurves, marginal: float, lower: Floats, upper: Floats) -> Floats:
    return np.clip(curves.spend_at(marginal), lower, upper)


def water_fill(curves: ResponseCurves, lower: Floats, upper: Floats, total: float) -> tuple[Floats, float]:
    """The spend maximising the response with ``lower ≤ s ≤ upper`` and ``Σs = total`` (clamped to
    what the bounds allow), and its multiplier."""
    if lower.size == 0:
        return lower.copy(), 0.0
    total = min(max(total, float(lower.sum())), float(upper.sum()))
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        high = float(np.max(np.minimum(curves.marginal(lower), _HUGE)))
        low = float(np.min(np.minimum(curves.marginal(upper), _HUGE)))
    low, high = np.log(max(low, 1e-300)), np.log(max(high, 1e-300))
    for _ in range(_STEPS):
        mid = (low + high) / 2
        if _clip_at(curves, float(np.exp(mid)), lower, upper).sum() > total:
            low = mid
        else:
            high = mid
        if high - low < 1e-13:
            break
    # The answer lies between the bracket's two allocations; mixing them closes the last gap to the
    # total exactly — also where the spend jumps (a linear piece of a curve: all of its budget is
    # equally good at the margin), which no finer bisection would close.
    more = _clip_at(curves, float(np.exp(low)), lower, upper)
    less = _clip_at(curves, float(np.exp(high)), lower, upper)
    span = more.sum() - less.sum()
    weight = (total - less.sum()) / span if span > 0 else 0.0
    spend = less + min(max(weight, 0.0), 1.0) * (more - less)
    multiplier = float(np.exp((low + high) / 2))
    return np.clip(spend, lower, upper), multiplier


class _Subset:
    """The curves of some campaigns only (a group's)."""

    def __init__(self, curves: ResponseCurves, index: NDArray[np.int64], size: int) -> None:
        self.curves, self.index, self.size = curves, index, size

    def _full(self, values: Floats) -> Floats:
        full = np.ones(self.size)
        full[self.index] = values
        return full

    def value(self, spend: Floats) -> Floats:
        return self.curves.value(self._full(spend))[self.index]

    def marginal(self, spend: Floats) -> Floats:
        return self.curves.marginal(self._full(spend))[self.index]

    def spend_at(self, marginal: float) -> Floats:
        return self.curves.spend_at(marginal)[self.index]


def _target_total(curves: ResponseCurves, limits: Limits, min_marginal: float | None) -> float:
    if min_marginal is None:
        return limits.total
    wanted = float(_clip_at(curves, min_marginal, limits.lower, limits.upper).sum())
    return max(min(limits.total, wanted), limits.spend_floor)


def solve(curves: ResponseCurves, limits: Limits, *, min_marginal: float | None = None) -> Solution:
    """Water-fill under ``limits``; see the module docstring. Bounds that cannot all hold are resolved
    in favour of the per-campaign bounds (the total is clamped to ``[Σlower, Σupper]``)."""
    n = limits.lower.size
    total = _target_total(curves, limits, min_marginal)
    if limits.group is None or limits.group_lower.size == 0:
        spend, multiplier = water_fill(curves, limits.lower, limits.upper, total)
        multipliers = np.array([multiplier])
        group = np.zeros(n, dtype=np.int64)
    else:
        group = limits.group
        spend, multipliers = _solve_groups(curves, limits, total)
    if min_marginal is not None:
        multipliers = np.maximum(multipliers, min_marginal) if total < limits.total else multipliers
    return Solution(spend, multipliers, kkt_residual(curves, spend, limits, multipliers[group]))


def _solve_groups(curves: ResponseCurves, limits: Limits, total: float) -> tuple[Floats, Floats]:
    assert limits.group is not None
    n, groups = limits.lower.size, limits.group_lower.size
    spend = np.zeros(n)
    multipliers = np.zeros(groups)
    fixed: dict[int, float] = {}
    while True:
        free = ~np.isin(limits.group, list(fixed))
        index = np.flatnonzero(free)
        rest = total - sum(fixed.values())
        sub, multiplier = water_fill(
            _Subset(curves, index, n), limits.lower[index], limits.upper[index], rest
        )
        spend[index] = sub
        sums = np.bincount(limits.group, weights=spend, minlength=groups)
        over = np.where(free_groups := ~np.isin(np.arange(groups), list(fixed)), sums - limits.group_upper, 0)
        under = np.where(free_groups, limits.group_lower - sums, 0)
        worst = np.maximum(over, under)
        if worst.max(initial=0.0) <= 1e-9 * max(total, 1.0) or free_groups.sum() <= 1:
            multipliers[free_groups] = multiplier
            break
        g = int(np.argmax(worst))
        fixed[g] = float(limits.group_upper[g] if over[g] >= under[g] else limits.group_lower[g])
        members = np.flatnonzero(limits.group == g)
        spend[members], multipliers[g] = water_fill(
            _Subset(curves, members, n), limits.lower[members], limits.upper[members], fixed[g]
        )
    return spend, multipliers


def kkt_residual(curves: ResponseCurves, spend: Floats, limits: Limits, multiplier: Floats) -> float:
    """Largest relative breach of the optimality conditions (0 = optimal; see the module docstring)."""
    if spend.size == 0:
        return 0.0
    span = np.maximum(limits.upper - limits.lower, 0.0)
    tolerance = 1e-9 * np.maximum(span, 1.0)
    at_lower = spend <= limits.lower + tolerance
    at_upper = spend >= limits.upper - tolerance
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        marginal = np.minimum(curves.marginal(spend), _HUGE)
    scale = np.maximum(multiplier, 1e-300)
    gap = (marginal - multiplier) / scale
    breach = np.where(
        at_lower & at_upper, 0.0, np.where(at_lower, gap, np.where(at_upper, -gap, np.abs(gap)))
    )
    return float(np.max(np.maximum(breach, 0.0)))
