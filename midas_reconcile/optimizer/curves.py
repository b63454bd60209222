"""Concave response curves (outcome as a function of daily spend), vectorised over campaigns.

A curve family holds one curve per campaign in numpy arrays and answers three questions, each for
all campaigns at once: ``value(s)`` (expected daily outcome at spend ``s``), ``marginal(s)`` (its
derivative) and ``spend_at(λ)`` (the spend at which the marginal return falls to ``λ``: the inverse
of the marginal, which water-filling needs). Curves are floats: they model, they never carry money.

* ``PowerCurves``: ``v = a·s^b`` with ``0 < b < 1`` — what ``fit_power_curves`` estimates from history.
* ``HillCurves``: ``v = V·s^k / (s^k + h^k)``; concave for ``k ≤ 1``. For ``k > 1`` (S-shaped) the
  curves stand for their *concave envelope* (a straight line from the origin to the tangent point
  ``h·(k−1)^(1/k)``, then the curve), the best any allocation between days can average to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]

#: Bisection steps for inverses without a closed form: 2^-60 of the log-spend bracket.
_BISECTION_STEPS: Final = 60
#: Spend bracket (currency units per day) of numeric inverses.
_SPEND_RANGE: Final = (1e-9, 1e12)


class ResponseCurves(Protocol):
    """One concave response curve per campaign (see the module docstring)."""

    def value(self, spend: Floats) -> Floats: ...

    def marginal(self, spend: Floats) -> Floats: ...

    def spend_at(self, marginal: float) -> Floats: ...


@dataclass(frozen=True)
class PowerCurves:
    """``v = a·s^b`` per campaign."""

    a: Floats
    b: Floats

    def value(self, spend: Floats) -> Floats:
        return self.a * np.power(np.maximum(spend, 0.0), self.b)

    def marginal(self, spend: Floats) -> Floats:
        with np.errstate(divide="ignore"):
            return self.a * self.b * np.power(np.maximum(spend, 1e-300), self.b - 1.0)

    def spend_at(self, marginal: float) -> Floats:
        with np.errstate(divide="ignore", over="ignore"):
            return np.power(self.a * self.b / marginal, 1.0 / (1.0 - self.b))


@dataclass(frozen=True)
class HillCurves:
    """``v = V·s^k / (s^k + h^k)`` per campaign; S-shaped ones (``k > 1``) act as their concave envelope."""

    vmax: Floats
    half: Floats
    shape: Floats

    @property
    def tangent(self) -> Floats:
        """Where the envelope's straight part meets the curve (0 for concave curves)."""
        return np.where(
            self.shape > 1.0, self.half * np.power(np.maximum(self.shape - 1.0, 0.0), 1 / self.shape), 0.0
        )

    def curve(self, spend: Floats) -> Floats:
        """The curve itself (for S-shaped curves, below its envelope before the tangent point)."""
        s = np.power(np.maximum(spend, 0.0), self.shape)
        return self.vmax * s / (s + np.power(self.half, self.shape))

    def _curve_marginal(self, spend: Floats) -> Floats:
        s = np.maximum(spend, 1e-300)
        hk = np.power(self.half, self.shape)
        sk = np.power(s, self.shape)
        return self.vmax * self.shape * hk * sk / s / (sk + hk) ** 2

    def _line_slope(self) -> Floats:
        t = self.tangent
        safe = np.where(t > 0, t, 1.0)
        return np.where(t > 0, self.curve(safe) / safe, np.inf)

    def value(self, spend: Floats) -> Floats:
        t = self.tangent
        return np.where(spend < t, spend * self._line_slope(), self.curve(spend))

    def marginal(self, spend: Floats) -> Floats:
        return np.where(spend < self.tangent, self._line_slope(), self._curve_marginal(spend))

    def spend_at(self, marginal: float) -> Floats:
        low = np.log(np.maximum(self.tangent, _SPEND_RANGE[0]))
        high = np.full_like(low, np.log(_SPEND_RANGE[1]))
        for _ in range(_BISECTION_STEPS):  # the marginal falls with spend past the tangent point
            mid = (low + high) / 2
            above = self._curve_marginal(np.exp(mid)) > marginal
            low = np.where(above, mid, low)
            high = np.where(above, high, mid)
        spend = np.exp((low + high) / 2)
        return np.where(self._line_slope() < marginal, 0.0, spend)
