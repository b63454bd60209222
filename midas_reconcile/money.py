"""Exact money: ``Decimal`` currency units in specs ↔ integer platform units.

Google Ads counts money in micros (1 unit = 1,000,000 micros) and amounts must be multiples of the
account currency's billable unit (``google_billable_unit_micros``: 10,000 micros for USD, a whole
1,000,000 for JPY). Meta counts money in the currency's minor units, whose size
depends on the currency (ISO 4217 exponent: 2 for USD, 0 for JPY, 3 for KWD …).
Nothing here ever goes through a float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

MICROS_PER_UNIT = 1_000_000
GOOGLE_BUDGET_STEP_MICROS = 10_000

#: ISO 4217 exponents that differ from 2 (the default).
_EXPONENTS: dict[str, int] = {
    **dict.fromkeys(
        [
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
            "HUF",
            "TWD",
            "COP",
            "IDR",
            "CRC",
        ],
        0,
    ),
    **dict.fromkeys(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"], 3),
}


def currency_exponent(currency: str) -> int:
    """Digits after the decimal point that a currency allows (Meta's 'offset' as a power of ten).

    Meta treats a few currencies (HUF, TWD, COP, IDR, CRC …) as zero-decimal although ISO gives them
    two; the table follows Meta, whose units are the ones money is sent in.
    """
    return _EXPONENTS.get(currency.upper(), 2)


def decimal_places(amount: Decimal) -> int:
    """How many digits ``amount`` has after the decimal point (trailing zeros ignored)."""
    exponent = amount.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def google_billable_unit_micros(currency: str) -> int:
    """The step Google takes ``currency`` amounts in, in micros.

    google-ads v26 ``CurrencyConstant.billable_unit_micros``: "Billed amounts should be multiples of this
    value"; a budget that is not fails with ``CampaignBudgetError.NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT``
    (a bid with ``CurrencyError.VALUE_NOT_MULTIPLE_OF_BILLABLE_UNIT``). The unit is the currency's minor
    unit, never finer than 10,000 micros; where Meta counts a currency in whole units (HUF, TWD …) the
    whole unit is taken, which is a multiple of Google's unit either way, so always accepted.
    """
    return max(GOOGLE_BUDGET_STEP_MICROS, 10 ** (6 - currency_exponent(currency)))


def to_google_micros(amount: Decimal, unit_micros: int = GOOGLE_BUDGET_STEP_MICROS) -> int:
    """Currency units → micros, rounded half-even to ``unit_micros`` (``google_billable_unit_micros``; the
    default, one cent, suits bids, whose decimals the spec checks keep within Google's billable unit, so
    nothing is rounded)."""
    steps = (amount * MICROS_PER_UNIT / unit_micros).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    return int(steps) * unit_micros


def format_money(amount: Decimal) -> Decimal:
    """Currency units as a spec writes them: no exponent, no trailing zeros beyond the cents (``12.5`` →
    ``12.50``)."""
    normal = amount.normalize()
    return normal.quantize(Decimal("0.01")) if -normal.as_tuple().exponent <= 2 else normal  # type: ignore[operator]


def from_google_micros(micros: int) -> Decimal:
    """Micros → currency units (exact)."""
    return Decimal(micros) / MICROS_PER_UNIT


def google_micros_as_written(micros: int | str) -> Decimal:
    """A Google amount in micros (as a read gives it: a number or its text) as a spec writes it."""
    return format_money(from_google_micros(int(micros)))


def to_meta_minor(amount: Decimal, currency: str) -> int:
    """Currency units → Meta minor units, rounded half-even to what the currency allows."""
    scaled = amount * (Decimal(10) ** currency_exponent(currency))
    return int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def from_meta_minor(minor: int, currency: str) -> Decimal:
    """Meta minor units → currency units (exact)."""
    return Decimal(minor) / (Decimal(10) ** currency_exponent(currency))


def meta_minimum_daily_budget(currency: str) -> int:
    """Meta's minimum daily budget in minor units: one currency unit (100 for USD, 1 for JPY)."""
    return 10 ** currency_exponent(currency)


def format_amount(amount: Decimal, currency: str) -> str:
    """``Decimal("50")``, ``"USD"`` → ``"50.00 USD"``: the currency's decimals, never fewer than exact."""
    places = max(currency_exponent(currency), decimal_places(amount))
    return f"{amount.quantize(Decimal(1).scaleb(-places)):f} {currency}"
