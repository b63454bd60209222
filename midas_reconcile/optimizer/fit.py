"""Power-curve fits ``outcome = a·spend^b`` from daily history, with empirical-Bayes pooling of ``b``.

Per campaign, the elasticity ``b`` is the least-squares slope of log outcome on log spend over the
days with both positive. One campaign's days rarely vary its spend enough to pin ``b`` down (budgets
move little), so each slope is shrunk toward the slope of all campaigns, in proportion to how little
its own days say: with prior ``b ~ N(μ, τ²)`` estimated from the campaigns themselves (method of
moments: ``τ² = var(b̂) − mean(se²)``, floored), the posterior mean is the precision-weighted mix of
``b̂`` and ``μ``. A campaign whose spend never varied gets ``μ``. The level ``a`` then matches the
campaign's observed total outcome, ``a = Σv / Σs^b``, so the curve goes through the campaign's own
history whatever ``b`` is. Too little data (fewer than ``min_days`` days with spend, or no outcome at
all) leaves a campaign unfitted: the allocator keeps its budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from midas_reconcile.optimizer.curves import Floats, PowerCurves

#: Elasticity bounds: b → 1 means no diminishing returns (all budget to one campaign), b → 0 none at all.
B_RANGE: Final = (0.05, 0.95)
#: Prior elasticity when too few campaigns inform one (typical of search and social, see the sandbox).
DEFAULT_ELASTICITY: Final = 0.6
#: Prior spread of elasticities across campaigns when it cannot be estimated.
DEFAULT_ELASTICITY_SD: Final = 0.15
MIN_DAYS: Final = 7


@dataclass(frozen=True)
class FittedCurves:
    """Fits for ``n`` campaigns; entries of unfitted campaigns (``fitted`` False) are placeholders."""

    curves: PowerCurves
    fitted: NDArray[np.bool_]
    #: Posterior standard deviation of each ``b``.
    b_sd: Floats
    #: Residual standard deviation of log outcome, per campaign (level uncertainty per day).
    log_sd: Floats
    days: NDArray[np.int64]
    #: Mean daily spend of the history: where the curve is pinned down best.
    anchor: Floats
    prior_mean: float
    prior_sd: float


def fit_power_curves(
    campaign: NDArray[np.int64], spend: Floats, outcome: Floats, n: int, *, min_days: int = MIN_DAYS
) -> FittedCurves:
    """Fit ``n`` campaigns from daily rows (``campaign[i]`` in ``0..n-1``, ``spend[i]``, ``outcome[i]``).

    Rows with no spend say nothing about a response and are ignored.
    """
    keep = spend > 0
    campaign, spend, outcome = campaign[keep], spend[keep], outcome[keep]
    days = np.bincount(campaign, minlength=n).astype(np.int64)
    total = np.bincount(campaign, weights=outcome, minlength=n)
    fitted = (days >= min_days) & (total > 0)

    positive = outcome > 0
    c, x, y = campaign[positive], np.log(spend[positive]), np.log(outcome[positive])
    count = np.bincount(c, minlength=n).astype(np.float64)
    safe = np.maximum(count, 1.0)
    mx, my = np.bincount(c, x, n) / safe, np.bincount(c, y, n) / safe
    dx, dy = x - mx[c], y - my[c]
    sxx, sxy = np.bincount(c, dx * dx, n), np.bincount(c, dx * dy, n)
    informative = fitted & (count >= 3) & (sxx > 1e-6)
    slope = np.where(informative, sxy / np.where(informative, sxx, 1.0), np.nan)
    resid = dy - np.nan_to_num(slope)[c] * dx
    dof = np.maximum(count - 2, 1.0)
    log_sd = np.sqrt(np.bincount(c, resid * resid, n) / dof)
    se2 = np.where(informative, log_sd**2 / np.where(informative, sxx, 1.0), np.inf)

    prior_mean, prior_var = DEFAULT_ELASTICITY, DEFAULT_ELASTICITY_SD**2
    if informative.sum() >= 3:
        b_hat, s2 = slope[informative], se2[informative]
        weights = 1.0 / (s2 + max(b_hat.var(), 1e-4))
        prior_mean = float(np.clip(np.sum(weights * b_hat) / weights.sum(), *B_RANGE))
        prior_var = float(max(b_hat.var() - np.median(s2), 0.02**2))
    precision = 1.0 / prior_var + np.where(informative, 1.0 / np.where(informative, se2, 1.0), 0.0)
    mean = (prior_mean / prior_var + np.where(informative, np.nan_to_num(slope) / se2, 0.0)) / precision
    b = np.clip(mean, *B_RANGE)
    b_sd = np.sqrt(1.0 / precision)

    level = np.bincount(campaign, np.power(spend, b[campaign]), n)
    a = np.where(fitted, total / np.where(level > 0, level, 1.0), 0.0)
    log_sd = np.where(count >= 3, log_sd, 0.3)
    anchor = np.bincount(campaign, spend, n) / np.maximum(days, 1)
    return FittedCurves(
        PowerCurves(a, b), fitted, b_sd, log_sd, days, anchor, prior_mean, float(np.sqrt(prior_var))
    )
