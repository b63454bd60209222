"""Deterministic synthetic daily metrics: a diminishing-returns response model of budget and targeting.

For one campaign on one day (all noise terms are deterministic functions of platform, campaign id,
date and the term's name — the same inputs always give the same figures, on every machine):

* ``utilisation = 0.80 + 0.20·n₁`` and ``spend = daily budget × utilisation``, rounded to the
  currency's minor unit. A campaign that is paused, removed/deleted, outside its start/end dates or
  without a budget spends nothing (and gets zeros everywhere).
* ``breadth`` ∈ [0.05, 1] says how broad the targeting is (``targeting_breadth``): the product of a
  geography factor (no locations = 1, else ``min(1, 0.30 + 0.15·locations)``), the share of the
  18–65 age span targeted, the share of genders (0.5 for one gender), and an interest factor
  (none = 1, else ``min(1, 0.25 + 0.10·interests)``).
* ``CPM = base_CPM × (1 + 0.8·(1 − breadth)) × (0.9 + 0.2·n₂)`` — narrow audiences cost more;
  ``impressions = ⌊spend / CPM × 1000⌋``.
* ``CTR = base_CTR × (1 + 0.5·(1 − breadth)) × (0.85 + 0.3·n₃)`` — narrow audiences click more;
  ``clicks = ⌊impressions × CTR⌋``.
* ``conversions = a · spend^b × (0.85 + 0.3·n₄)`` with ``0 < b < 1`` (each extra unit of budget buys
  fewer conversions: diminishing returns), rounded to 0.01 and never more than the clicks.
* ``conversion value = conversions × AOV × (0.9 + 0.2·n₅)``, rounded to the currency's minor unit.

Platform constants (``PLATFORM_MODELS``): Google search has cheaper impressions and a much higher CTR;
Meta converts less per unit spent but reaches more people. The base figures are in currency units
whatever the currency. All arithmetic is ``Decimal``: money never goes through a float.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import Final

from midas_reconcile.money import currency_exponent
from midas_reconcile.resources import GOOGLE, META

_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_CENT: Final = Decimal("0.01")
_MIN_BREADTH: Final = Decimal("0.05")


@dataclass(frozen=True)
class PlatformModel:
    """The response-curve constants of one platform."""

    base_cpm: Decimal
    base_ctr: Decimal
    #: ``conversions = a · spend^b``
    a: Decimal
    b: Decimal
    average_order_value: Decimal


PLATFORM_MODELS: Final[dict[str, PlatformModel]] = {
    GOOGLE: PlatformModel(
        Decimal("4.00"), Decimal("0.035"), Decimal("0.30"), Decimal("0.70"), Decimal("58.00")
    ),
    META: PlatformModel(
        Decimal("9.00"), Decimal("0.012"), Decimal("0.22"), Decimal("0.72"), Decimal("47.00")
    ),
}


@dataclass(frozen=True)
class Performance:
    """One campaign-day: counts, and money in currency units."""

    impressions: int
    clicks: int
    spend: Decimal
    conversions: Decimal
    conversion_value: Decimal


ZERO_PERFORMANCE: Final = Performance(0, 0, _ZERO, _ZERO, _ZERO)


def noise(platform: str, campaign_id: str, day: dt.date, term: str) -> Decimal:
    """A deterministic pseudo-random number in [0, 1) with six decimals."""
    digest = hashlib.sha256(f"{platform}|{campaign_id}|{day.isoformat()}|{term}".encode()).digest()
    return Decimal(int.from_bytes(digest[:8], "big") % 1_000_000) / Decimal(1_000_000)


def targeting_breadth(
    *, locations: int = 0, age_share: Decimal = _ONE, gender_share: Decimal = _ONE, interests: int = 0
) -> Decimal:
    """How broad a targeting is, in [0.05, 1] (1 = everyone everywhere); see the module docstring."""
    geo = _ONE if locations <= 0 else min(_ONE, Decimal("0.30") + Decimal("0.15") * locations)
    interest = _ONE if interests <= 0 else min(_ONE, Decimal("0.25") + Decimal("0.10") * interests)
    age = min(_ONE, max(_ZERO, age_share))
    gender = min(_ONE, max(_ZERO, gender_share))
    return max(_MIN_BREADTH, (geo * age * gender * interest).quantize(Decimal("0.0001")))


def age_share(age_min: int, age_max: int) -> Decimal:
    """The share of the 18–65 span covered by ``age_min``..``age_max``."""
    low, high = max(18, age_min), min(65, age_max)
    if high <= low:
        return Decimal("0.05")
    return Decimal(high - low) / Decimal(65 - 18)


def daily_performance(
    platform: str,
    campaign_id: str,
    day: dt.date,
    *,
    daily_budget: Decimal,
    breadth: Decimal,
    active: bool,
    currency: str,
) -> Performance:
    """The synthetic performance of one campaign on one day (see the module docstring)."""
    if not active or daily_budget <= 0:
        return ZERO_PERFORMANCE
    model = PLATFORM_MODELS[platform]
    step = Decimal(10) ** -currency_exponent(currency)

    def n(term: str) -> Decimal:
        return noise(platform, campaign_id, day, term)

    breadth = min(_ONE, max(_MIN_BREADTH, breadth))
    spend = (daily_budget * (Decimal("0.80") + Decimal("0.20") * n("utilisation"))).quantize(
        step, rounding=ROUND_HALF_EVEN
    )
    if spend <= 0:
        return ZERO_PERFORMANCE
    cpm = model.base_cpm * (1 + Decimal("0.8") * (1 - breadth)) * (Decimal("0.9") + Decimal("0.2") * n("cpm"))
    impressions = int((spend / cpm * 1000).to_integral_value(rounding=ROUND_FLOOR))
    ctr = (
        model.base_ctr * (1 + Decimal("0.5") * (1 - breadth)) * (Decimal("0.85") + Decimal("0.3") * n("ctr"))
    )
    clicks = int((impressions * ctr).to_integral_value(rounding=ROUND_FLOOR))
    raw = model.a * spend**model.b * (Decimal("0.85") + Decimal("0.3") * n("conversions"))
    conversions = min(Decimal(clicks), raw).quantize(_CENT, rounding=ROUND_HALF_EVEN)
    value = (conversions * model.average_order_value * (Decimal("0.9") + Decimal("0.2") * n("aov"))).quantize(
        step, rounding=ROUND_HALF_EVEN
    )
    return Performance(impressions, clicks, spend, conversions, value)


def in_window(day: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether ``day`` falls inside an optional start/end date window."""
    return (start is None or day >= start) and (end is None or day <= end)


def per_day(total: Decimal, start: dt.date | None, end: dt.date | None) -> Decimal:
    """A lifetime budget spread evenly over the campaign's days (30 days when open-ended)."""
    days = (end - start).days + 1 if start is not None and end is not None and end >= start else 30
    return total / days


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every day from ``start`` to ``end`` inclusive (empty when end < start)."""
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
