"""From campaigns' history and a policy's rules to exact daily budgets: ``recommend``.

Money enters and leaves as ``Decimal`` in currency units; in between, bounds and the total are whole
minor units of the currency (cents for USD) and the numeric solve (``allocate``) works in floats.
Rounding back is by largest remainder — first the groups' (platforms') sums, then the campaigns
within each group — inside every bound, so the budgets add up to the allocated total exactly.

Bounds of a campaign with current budget ``c``: ``[max(min_per_campaign, c·(1−p)), min(max_per_campaign,
c·(1+p))]`` with ``p = max_change_pct`` (``conservative``: ``p/2`` — the trust-region form of a penalty on
change: every campaign moves at most half as far as the policy allows). When the two disagree the
change limit wins (it protects the platforms' learning phase). A campaign without a budget yet (``c =
0``) has no change limit. Campaigns with too little history keep their budget under
``performance_based`` and ``conservative`` and are listed. When the total cannot be met within the
bounds, the nearest reachable total is allocated and a note says so (a large move takes several applies).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray

from midas_reconcile.money import currency_exponent
from midas_reconcile.optimizer._errors import OptimizerError
from midas_reconcile.optimizer.allocate import Limits, LogCurves, Solution, solve
from midas_reconcile.optimizer.curves import Floats
from midas_reconcile.optimizer.fit import MIN_DAYS, FittedCurves, fit_power_curves

__all__ = [
    "CampaignHistory",
    "CampaignRecommendation",
    "DailyFigures",
    "OptimizerError",
    "Recommendation",
    "Rules",
    "recommend",
]

Strategy = Literal["performance_based", "equal", "conservative"]
Goal = Literal["max_conversions", "max_value", "target_cpa", "target_roas"]
#: z of a two-sided 95 % normal interval.
_Z95: Final = 1.96
_NO_LIMIT: Final = 10**15


KEPT_FOR_DATA = "kept (too little data)"


@dataclass(frozen=True)
class DailyFigures:
    """One day of one campaign: spend and outcomes (currency units, conversions)."""

    spend: Decimal
    conversions: Decimal
    value: Decimal


@dataclass(frozen=True)
class CampaignHistory:
    """A campaign to allocate to: its platform (``google``, ``meta`` or ``google+meta``), its current
    daily budget and its daily history (oldest first; any length). ``shares`` says how a campaign on
    both platforms splits its budget (platform → share; default: evenly)."""

    name: str
    platform: str
    current_budget: Decimal
    days: Sequence[DailyFigures] = ()
    shares: Mapping[str, Decimal] | None = None
    #: Why its budget must stay as it is this time (e.g. no metrics yet since its last change), or None.
    hold: str | None = None


@dataclass(frozen=True)
class Rules:
    """What a ``BudgetPolicy`` says, in the engine's terms (amounts in ``currency`` units per day).

    ``platform_limits`` maps a platform to its (min, max) daily sum (either may be None).
    """

    total: Decimal
    currency: str = "USD"
    strategy: Strategy = "performance_based"
    goal: Goal = "max_conversions"
    target: Decimal | None = None
    min_per_campaign: Decimal | None = None
    max_per_campaign: Decimal | None = None
    max_change_pct: Decimal | None = Decimal(20)
    platform_limits: Mapping[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    spend_floor: Decimal | None = None
    min_days: int = MIN_DAYS


@dataclass(frozen=True)
class CampaignRecommendation:
    name: str
    platform: str
    current_budget: Decimal
    recommended_budget: Decimal
    #: ``optimised``, ``kept (too little data)``, ``kept (<why it is held>)`` or ``split equally``.
    status: str
    #: Platform → share of the budget (one entry for a single-platform campaign).
    shares: Mapping[str, Decimal]
    #: Outcome per currency unit of the last unit of spend at the recommended budget (None: no fit).
    marginal_return: float | None
    #: Expected change in daily outcome and its ~95 % band (None: no fit).
    predicted_change: float | None
    band: tuple[float, float] | None


@dataclass(frozen=True)
class Recommendation:
    campaigns: list[CampaignRecommendation]
    currency: str
    strategy: Strategy
    goal: Goal
    #: ``conversions`` or ``value``: what ``predicted_change`` counts.
    outcome: str
    total: Decimal
    current_total: Decimal
    #: Marginal return the free campaigns share (per group), and the optimality certificate.
    multipliers: list[float]
    kkt_residual: float
    predicted_change: float
    band: tuple[float, float]
    notes: list[str]

    @property
    def too_little_data(self) -> list[str]:
        return [c.name for c in self.campaigns if c.status == KEPT_FOR_DATA]

    @property
    def held(self) -> list[str]:
        """Campaigns kept for another reason than their data (see ``CampaignHistory.hold``)."""
        return [c.name for c in self.campaigns if c.status.startswith("kept") and c.status != KEPT_FOR_DATA]

    def allocation(self, platform: str) -> Decimal:
        """The recommended daily total on one platform (campaigns on both count by their shares)."""
        return sum(
            (c.recommended_budget * c.shares.get(platform, Decimal(0)) for c in self.campaigns), Decimal(0)
        )

    @property
    def google_allocation(self) -> Decimal:
        return self.allocation("google")

    @property
    def meta_allocation(self) -> Decimal:
        return self.allocation("meta")


def _units(amount: Decimal, scale: int, rounding: str) -> int:
    return int((amount * scale).to_integral_value(rounding))


def round_to_units(
    spend: Floats, lower: NDArray[np.int64], upper: NDArray[np.int64], total: int
) -> NDArray[np.int64]:
    """Whole units within ``[lower, upper]`` summing to ``total`` (clamped to the reachable range),
    closest to ``spend`` (in units) by largest remainder."""
    total = min(max(total, int(lower.sum())), int(upper.sum()))
    units = np.clip(np.floor(spend).astype(np.int64), lower, upper)
    remainder = spend - units
    while (gap := total - int(units.sum())) != 0:
        step = 1 if gap > 0 else -1
        room = np.flatnonzero(units < upper if step > 0 else units > lower)
        order = room[np.argsort(-remainder[room] * step, kind="stable")][: abs(gap)]
        units[order] += step
        remainder[order] -= step
    return units


class _Problem:
    """The campaigns and rules as integer unit bounds and groups."""

    def __init__(self, campaigns: Sequence[CampaignHistory], rules: Rules, fits: FittedCurves | None) -> None:
        self.exponent = currency_exponent(rules.currency)
        self.scale = 10**self.exponent
        self.notes: list[str] = []
        n = len(campaigns)
        current = [c.current_budget for c in campaigns]
        pct = rules.max_change_pct
        if pct is not None and rules.strategy == "conservative":
            pct = pct / 2
        lower = np.zeros(n, dtype=np.int64)
        upper = np.zeros(n, dtype=np.int64)
        total_units = _units(rules.total, self.scale, ROUND_FLOOR)
        for i, budget in enumerate(current):
            low = rules.min_per_campaign or Decimal(0)
            high = rules.max_per_campaign if rules.max_per_campaign is not None else rules.total
            if pct is not None and budget > 0:
                band_low, band_high = budget * (1 - pct / 100), budget * (1 + pct / 100)
                low, high = min(max(low, band_low), band_high), max(min(high, band_high), band_low)
                high = max(high, low)
            lower[i] = _units(low, self.scale, ROUND_CEILING)
            upper[i] = max(_units(high, self.scale, ROUND_FLOOR), lower[i])
        self.current_units = np.array([_units(b, self.scale, ROUND_FLOOR) for b in current], dtype=np.int64)
        self.kept = np.zeros(n, dtype=bool)
        if rules.strategy != "equal":
            self.kept = ~fits.fitted if fits is not None else np.ones(n, dtype=bool)
            self.kept |= np.array([c.hold is not None for c in campaigns], dtype=bool)
            # A campaign with neither history nor a budget yet starts at an equal share.
            kept_at = np.where(
                self.current_units > 0, self.current_units, np.clip(total_units // max(n, 1), lower, upper)
            )
            lower = np.where(self.kept, kept_at, lower)
            upper = np.where(self.kept, kept_at, upper)
        self.lower, self.upper = lower, upper
        self._groups(campaigns, rules)
        self.total_units = self._reachable(total_units, rules)

    def _groups(self, campaigns: Sequence[CampaignHistory], rules: Rules) -> None:
        platforms = sorted({c.platform for c in campaigns})
        unknown = sorted(set(rules.platform_limits) - {"google", "meta"})
        if unknown:
            raise OptimizerError(
                f"unknown platform {unknown[0]!r} in the platform limits; expected google or meta"
            )
        shared = [c.name for c in campaigns if "+" in c.platform]
        if rules.platform_limits and shared:
            raise OptimizerError(
                f"campaign {shared[0]!r} runs on both platforms, so per-platform limits cannot say how much "
                "of it counts where; expected single-platform campaigns in the scope of a policy with "
                "min/max per platform"
            )
        self.platforms = platforms
        self.group = np.array([platforms.index(c.platform) for c in campaigns], dtype=np.int64)
        self.group_lower = np.zeros(len(platforms), dtype=np.int64)
        self.group_upper = np.full(len(platforms), _NO_LIMIT, dtype=np.int64)
        for g, platform in enumerate(platforms):
            low, high = rules.platform_limits.get(platform, (None, None))
            members = self.group == g
            floor, ceiling = int(self.lower[members].sum()), int(self.upper[members].sum())
            if low is not None:
                self.group_lower[g] = min(max(_units(low, self.scale, ROUND_CEILING), floor), ceiling)
            else:
                self.group_lower[g] = floor
            wanted = _units(high, self.scale, ROUND_FLOOR) if high is not None else ceiling
            self.group_upper[g] = max(min(wanted, ceiling), self.group_lower[g])
            if high is not None and self.group_upper[g] > wanted:
                self.notes.append(
                    f"{platform}: the campaigns' own bounds (min_per_campaign, max_change_pct) need at "
                    f"least {self.money(self.group_upper[g])}, above the platform maximum {high}"
                )
            if low is not None and self.group_lower[g] < _units(low, self.scale, ROUND_CEILING):
                self.notes.append(
                    f"{platform}: the campaigns' bounds allow at most {self.money(ceiling)}, below the "
                    f"platform minimum {low}"
                )

    def _reachable(self, total: int, rules: Rules) -> int:
        low, high = int(self.group_lower.sum()), int(self.group_upper.sum())
        reachable = min(max(total, low), high)
        if reachable != total:
            self.notes.append(
                f"the total of {self.money(total)} {rules.currency} cannot be reached within the campaign "
                f"and platform bounds (max_change_pct, min/max); allocating {self.money(reachable)} "
                f"{rules.currency} now — later applies move further"
            )
        return reachable

    def money(self, units: int) -> Decimal:
        return Decimal(int(units)).scaleb(-self.exponent)

    def limits(self, spend_floor: Decimal | None) -> Limits:
        s = float(self.scale)
        floor = float(spend_floor) if spend_floor is not None else 0.0
        return Limits(
            total=self.total_units / s,
            lower=self.lower / s,
            upper=self.upper / s,
            group=self.group,
            group_lower=self.group_lower / s,
            group_upper=self.group_upper / s,
            spend_floor=floor,
        )

    def rounded(self, spend: Floats) -> NDArray[np.int64]:
        x = spend * self.scale
        sums = np.bincount(self.group, weights=x, minlength=len(self.platforms)).astype(np.float64)
        target = min(round(float(x.sum())), self.total_units)
        group_units = round_to_units(sums, self.group_lower, self.group_upper, target)
        units = np.zeros_like(self.lower)
        for g in range(len(self.platforms)):
            members = np.flatnonzero(self.group == g)
            units[members] = round_to_units(
                x[members], self.lower[members], self.upper[members], int(group_units[g])
            )
        return units


def _history_arrays(
    campaigns: Sequence[CampaignHistory], outcome: str
) -> tuple[NDArray[np.int64], Floats, Floats]:
    index = [i for i, c in enumerate(campaigns) for _ in c.days]
    spend = [float(d.spend) for c in campaigns for d in c.days]
    result = [
        float(d.conversions if outcome == "conversions" else d.value) for c in campaigns for d in c.days
    ]
    return (
        np.array(index, dtype=np.int64),
        np.array(spend, dtype=np.float64),
        np.array(result, dtype=np.float64),
    )


def _min_marginal(rules: Rules) -> float | None:
    if rules.goal in ("target_cpa", "target_roas") and rules.target is None:
        raise OptimizerError(f"goal {rules.goal} needs a target; found none")
    if rules.goal == "target_cpa":
        assert rules.target is not None
        if rules.target <= 0:
            raise OptimizerError(f"target_cpa must be above 0; found {rules.target}")
        return 1.0 / float(rules.target)
    if rules.goal == "target_roas":
        return float(rules.target) if rules.target is not None else None
    return None


def recommend(campaigns: Sequence[CampaignHistory], rules: Rules) -> Recommendation:
    """Daily budgets for ``campaigns`` under ``rules`` (see the module docstring).

    Goals: max_conversions and target_cpa allocate conversions, max_value and target_roas conversion
    value. A target acts on the *marginal* return: target_cpa spends a unit of money only while it buys
    at least ``1/target`` conversions at the margin (marginal CPA ≤ target), target_roas only while it
    returns at least ``target`` in value (marginal ROAS ≥ target) — so spend may stay below ``total``,
    but never below ``spend_floor``. Raises ``OptimizerError`` for rules it cannot work with.
    """
    names = [c.name for c in campaigns]
    if len(set(names)) != len(names):
        raise OptimizerError("campaign names must be unique")
    if any(c.current_budget < 0 for c in campaigns):
        raise OptimizerError("a current budget is negative; expected 0 or more")
    outcome = "value" if rules.goal in ("max_value", "target_roas") else "conversions"
    min_marginal = _min_marginal(rules)
    index, spend, result = _history_arrays(campaigns, outcome)
    fits = (
        fit_power_curves(index, spend, result, len(campaigns), min_days=rules.min_days) if campaigns else None
    )
    problem = _Problem(campaigns, rules, fits)
    if not campaigns:
        return Recommendation(
            [],
            rules.currency,
            rules.strategy,
            rules.goal,
            outcome,
            Decimal(0),
            Decimal(0),
            [],
            0.0,
            0.0,
            (0.0, 0.0),
            problem.notes,
        )
    assert fits is not None
    curves = LogCurves(len(campaigns)) if rules.strategy == "equal" else fits.curves
    solution: Solution = solve(
        curves,
        problem.limits(rules.spend_floor),
        min_marginal=None if rules.strategy == "equal" else min_marginal,
    )
    units = problem.rounded(solution.spend)
    recommended = [problem.money(u) for u in units]
    return _describe(campaigns, rules, fits, problem, solution, recommended, outcome)


def _shares(campaign: CampaignHistory) -> Mapping[str, Decimal]:
    platforms = campaign.platform.split("+")
    if campaign.shares is not None and len(platforms) > 1:
        return dict(campaign.shares)
    return {p: Decimal(1) / len(platforms) for p in platforms}


def _describe(
    campaigns: Sequence[CampaignHistory],
    rules: Rules,
    fits: FittedCurves,
    problem: _Problem,
    solution: Solution,
    recommended: list[Decimal],
    outcome: str,
) -> Recommendation:
    new = np.array([float(r) for r in recommended])
    old = problem.current_units / problem.scale
    curves = fits.curves
    anchor_value = curves.value(fits.anchor)
    safe_anchor = np.where(fits.anchor > 0, fits.anchor, 1.0)
    delta = curves.value(new) - curves.value(old)

    def shifted(b: Floats) -> Floats:  # the curve through the history's mean point, with elasticity b
        return anchor_value * (np.power(new / safe_anchor, b) - np.power(old / safe_anchor, b))

    spread = np.abs(shifted(curves.b + fits.b_sd) - shifted(curves.b - fits.b_sd)) / 2
    level = np.abs(delta) * fits.log_sd / np.sqrt(np.maximum(fits.days, 1))
    sd = np.sqrt(spread**2 + level**2)
    marginal = curves.marginal(new)
    rows = []
    for i, c in enumerate(campaigns):
        fitted = bool(fits.fitted[i])
        status = (
            "split equally"
            if rules.strategy == "equal"
            else (f"kept ({c.hold})" if c.hold else KEPT_FOR_DATA)
            if problem.kept[i]
            else "optimised"
        )
        rows.append(
            CampaignRecommendation(
                c.name,
                c.platform,
                c.current_budget,
                recommended[i],
                status,
                _shares(c),
                float(marginal[i]) if fitted else None,
                float(delta[i]) if fitted else None,
                (float(delta[i] - _Z95 * sd[i]), float(delta[i] + _Z95 * sd[i])) if fitted else None,
            )
        )
    fitted_mask = fits.fitted
    total_delta = float(delta[fitted_mask].sum())
    total_sd = float(math.sqrt(float((sd[fitted_mask] ** 2).sum())))
    notes = list(problem.notes)
    if (~fitted_mask).any() and rules.strategy != "equal":
        notes.append(
            f"{int((~fitted_mask).sum())} campaign(s) keep their budget: fewer than {rules.min_days} "
            "days with spend, or no outcome, in the lookback window"
        )
    return Recommendation(
        rows,
        rules.currency,
        rules.strategy,
        rules.goal,
        outcome,
        sum(recommended, Decimal(0)),
        sum((problem.money(u) for u in problem.current_units), Decimal(0)),
        [float(m) for m in solution.multipliers],
        solution.kkt_residual,
        total_delta,
        (total_delta - _Z95 * total_sd, total_delta + _Z95 * total_sd),
        notes,
    )
