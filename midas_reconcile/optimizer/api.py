"""The seed's optimiser API, thin over the engine: ``analyze_performance``, ``optimize_budget_allocation``,
``shift_budget``, and ``CrossPlatformOptimizer`` offering the three as methods.

Inputs are ``CampaignHistory`` objects (name, platform, current daily budget, daily figures); money is
``Decimal`` in and out. Errors are ``OptimizerError`` with a message that says what was expected.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import numpy as np

from midas_reconcile.optimizer._errors import OptimizerError
from midas_reconcile.optimizer.engine import CampaignHistory, Recommendation, Rules, recommend
from midas_reconcile.optimizer.fit import MIN_DAYS, fit_power_curves

#: The engine's rules under the name the package exports.
BudgetRules = Rules

Direction = Literal["google_to_meta", "meta_to_google"]


@dataclass(frozen=True)
class CampaignPerformance:
    """One campaign over the analysed days: totals, ratios, and its fitted response."""

    name: str
    platform: str
    days: int
    spend: Decimal
    conversions: Decimal
    value: Decimal
    cpa: Decimal | None
    roas: Decimal | None
    #: ``b`` of ``conversions = a·spend^b`` (pooled across campaigns; None: too little data).
    elasticity: float | None
    #: Conversions per currency unit of the last unit of spend at the current budget (None: no fit).
    marginal_return: float | None


@dataclass(frozen=True)
class PerformanceAnalysis:
    campaigns: list[CampaignPerformance]
    google_spend: Decimal
    meta_spend: Decimal
    google_roas: Decimal | None
    meta_roas: Decimal | None
    #: The elasticity campaigns are shrunk toward (empirical-Bayes prior mean).
    pooled_elasticity: float


@dataclass(frozen=True)
class AllocationResult:
    """Daily budgets per campaign and per platform, with the prediction and the optimality certificate."""

    allocations: dict[str, Decimal]
    google_allocation: Decimal
    meta_allocation: Decimal
    total: Decimal
    predicted_change: float
    band: tuple[float, float]
    kkt_residual: float
    too_little_data: list[str]
    notes: list[str]
    recommendation: Recommendation


@dataclass(frozen=True)
class BudgetShift:
    """A platform split after moving ``moved`` from one platform to the other."""

    google_allocation: Decimal
    meta_allocation: Decimal
    moved: Decimal
    direction: Direction


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return (numerator / denominator).quantize(Decimal("0.0001")) if denominator else None


def analyze_performance(campaigns: Sequence[CampaignHistory], days: int = 30) -> PerformanceAnalysis:
    """Totals, CPA, ROAS and the fitted response of each campaign over its last ``days`` days."""
    if days < 1:
        raise OptimizerError(f"days must be at least 1; found {days}")
    recent = [dataclasses.replace(c, days=list(c.days)[-days:]) for c in campaigns]
    index = np.array([i for i, c in enumerate(recent) for _ in c.days], dtype=np.int64)
    spend = np.array([float(d.spend) for c in recent for d in c.days])
    conversions = np.array([float(d.conversions) for c in recent for d in c.days])
    fits = fit_power_curves(index, spend, conversions, len(recent), min_days=min(MIN_DAYS, days))
    current = np.array([float(c.current_budget) for c in recent])
    marginal = fits.curves.marginal(current)
    rows = []
    for i, c in enumerate(recent):
        total_spend = sum((d.spend for d in c.days), Decimal(0))
        total_conversions = sum((d.conversions for d in c.days), Decimal(0))
        total_value = sum((d.value for d in c.days), Decimal(0))
        fitted = bool(fits.fitted[i])
        rows.append(
            CampaignPerformance(
                c.name,
                c.platform,
                len(c.days),
                total_spend,
                total_conversions,
                total_value,
                _ratio(total_spend, total_conversions),
                _ratio(total_value, total_spend),
                float(fits.curves.b[i]) if fitted else None,
                float(marginal[i]) if fitted and current[i] > 0 else None,
            )
        )

    def platform_sum(platform: str, field: str) -> Decimal:
        return sum((getattr(r, field) for r in rows if r.platform == platform), Decimal(0))

    return PerformanceAnalysis(
        rows,
        platform_sum("google", "spend"),
        platform_sum("meta", "spend"),
        _ratio(platform_sum("google", "value"), platform_sum("google", "spend")),
        _ratio(platform_sum("meta", "value"), platform_sum("meta", "spend")),
        fits.prior_mean,
    )


def optimize_budget_allocation(
    campaigns: Sequence[CampaignHistory],
    target_budget: Decimal,
    rules: Rules | Mapping[str, Any] | None = None,
) -> AllocationResult:
    """Split ``target_budget`` (daily) across ``campaigns`` under ``rules`` (a ``BudgetRules`` or a
    mapping of its fields; its ``total`` is replaced by ``target_budget``)."""
    if rules is None:
        base = Rules(total=target_budget)
    elif isinstance(rules, Rules):
        base = dataclasses.replace(rules, total=target_budget)
    else:
        known = {f.name for f in dataclasses.fields(Rules)}
        unknown = sorted(set(rules) - known)
        if unknown:
            raise OptimizerError(f"unknown rule {unknown[0]!r}; expected one of: {', '.join(sorted(known))}")
        base = Rules(**{**dict(rules), "total": target_budget})
    if base.total <= 0:
        raise OptimizerError(f"target_budget must be above 0; found {target_budget}")
    result = recommend(campaigns, base)
    return AllocationResult(
        {c.name: c.recommended_budget for c in result.campaigns},
        result.google_allocation,
        result.meta_allocation,
        result.total,
        result.predicted_change,
        result.band,
        result.kkt_residual,
        result.too_little_data,
        result.notes,
        result,
    )


def shift_budget(
    current_allocation: Mapping[str, Decimal] | AllocationResult | BudgetShift,
    direction: str,
    amount: Decimal,
) -> BudgetShift:
    """Move ``amount`` of daily budget between platforms (``google_to_meta`` or ``meta_to_google``).

    ``current_allocation`` is ``{"google": …, "meta": …}`` or a result with ``google_allocation`` and
    ``meta_allocation``. Raises ``OptimizerError`` for an unknown direction, a negative amount, or
    more than the source platform has.
    """
    if isinstance(current_allocation, Mapping):
        google = Decimal(current_allocation.get("google", 0))
        meta = Decimal(current_allocation.get("meta", 0))
    else:
        google, meta = current_allocation.google_allocation, current_allocation.meta_allocation
    if direction not in ("google_to_meta", "meta_to_google"):
        raise OptimizerError(f"unknown direction {direction!r}; expected google_to_meta or meta_to_google")
    if amount < 0:
        raise OptimizerError(f"amount must be 0 or more; found {amount}")
    source = google if direction == "google_to_meta" else meta
    if amount > source:
        raise OptimizerError(f"cannot move {amount} from a platform that has {source}")
    if direction == "google_to_meta":
        return BudgetShift(google - amount, meta + amount, amount, "google_to_meta")
    return BudgetShift(google + amount, meta - amount, amount, "meta_to_google")


class CrossPlatformOptimizer:
    """The seed's optimiser object: the three functions above as methods, with default ``rules``."""

    def __init__(self, rules: Rules | Mapping[str, Any] | None = None) -> None:
        self.rules = rules

    def analyze_performance(
        self, campaigns: Sequence[CampaignHistory], days: int = 30
    ) -> PerformanceAnalysis:
        """See ``analyze_performance``."""
        return analyze_performance(campaigns, days)

    def optimize_budget_allocation(
        self,
        campaigns: Sequence[CampaignHistory],
        target_budget: Decimal,
        rules: Rules | Mapping[str, Any] | None = None,
    ) -> AllocationResult:
        """See ``optimize_budget_allocation``; ``rules`` default to the optimiser's."""
        return optimize_budget_allocation(
            campaigns, target_budget, rules if rules is not None else self.rules
        )

    def shift_budget(
        self,
        current_allocation: Mapping[str, Decimal] | AllocationResult | BudgetShift,
        direction: str,
        amount: Decimal,
    ) -> BudgetShift:
        """See ``shift_budget``."""
        return shift_budget(current_allocation, direction, amount)
