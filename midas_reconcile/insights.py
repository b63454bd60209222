"""Metrics → a consolidated report with KPIs, across platforms and currencies.

KPIs (``Kpis.of``), each "n/a" (None) when its denominator is zero — never 0 or infinity:

- CTR = clicks / impressions × 100; CPC = spend / clicks; CPM = spend / impressions × 1000;
- CVR = conversions / clicks × 100; CPA = spend / conversions; ROAS = conversion value / spend;
- efficiency score 0–100: the mean, over the KPIs that are defined, of how each compares with its
  benchmark, each part capped at 1 — ROAS / target ROAS, CTR / benchmark CTR, CVR / benchmark CVR and
  benchmark CPC / CPC — times 100, rounded;
- grade: A from 85, B from 70, C from 55, D from 40, F below.

Benchmarks default to ``DEFAULT_BENCHMARKS`` (the alert defaults: CTR 1.5 %, CVR 2.5 %, CPC 4.00, and
a target ROAS of 3) and can be set in ``midas.yaml`` under ``reporting.benchmarks``.

Money is summed in SQL as exact integers (``store.metrics_totals``) per currency; figures in different
currencies are converted with ``reporting.rates`` into ``reporting.currency``, and summing them without
rates is refused rather than done silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Final, Literal, TypeVar

from midas_reconcile.errors import MidasError

if TYPE_CHECKING:
    from midas_reconcile.store.metrics import CampaignIdentity

GroupBy = Literal["campaign", "platform", "day"]
#: How daily budgets are keyed: (campaign, platform) in reports, with the account too in alerts.
BudgetKey = TypeVar("BudgetKey", bound=tuple[str, ...])

DEFAULT_BENCHMARKS: Final[dict[str, Decimal]] = {
    "ctr": Decimal("1.5"),
    "cvr": Decimal("2.5"),
    "cpc": Decimal("4.00"),
    "roas": Decimal("3"),
}
GRADES: Final = ((85, "A"), (70, "B"), (55, "C"), (40, "D"))
_HUNDRED: Final = Decimal(100)


def _ratio(numerator: Decimal | int, denominator: Decimal | int, scale: int = 1) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(Decimal("0.0001"), ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Totals:
    """Summed figures; money in the report currency."""

    impressions: int = 0
    clicks: int = 0
    spend: Decimal = Decimal(0)
    conversions: Decimal = Decimal(0)
    conversion_value: Decimal = Decimal(0)

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            self.impressions + other.impressions,
            self.clicks + other.clicks,
            self.spend + other.spend,
            self.conversions + other.conversions,
            self.conversion_value + other.conversion_value,
        )


@dataclass(frozen=True)
class Kpis:
    """The KPIs of some totals (None = n/a: a zero denominator)."""

    ctr: Decimal | None
    cpc: Decimal | None
    cpm: Decimal | None
    cvr: Decimal | None
    cpa: Decimal | None
    roas: Decimal | None
    efficiency_score: int | None
    grade: str | None

    @classmethod
    def of(cls, totals: Totals, benchmarks: Mapping[str, Decimal] = DEFAULT_BENCHMARKS) -> Kpis:
        ctr = _ratio(totals.clicks, totals.impressions, 100)
        cpc = _ratio(totals.spend, totals.clicks)
        cvr = _ratio(totals.conversions, totals.clicks, 100)
        roas = _ratio(totals.conversion_value, totals.spend)
        parts = [
            min(Decimal(1), value / benchmarks[name])
            for name, value in (("roas", roas), ("ctr", ctr), ("cvr", cvr))
            if value is not None and benchmarks.get(name)
        ]
        if cpc and benchmarks.get("cpc"):
            parts.append(min(Decimal(1), benchmarks["cpc"] / cpc))
        score = (
            int((sum(parts, Decimal(0)) / len(parts) * _HUNDRED).to_integral_value(ROUND_HALF_EVEN))
            if parts
            else None
        )
        grade = None if score is None else next((g for floor, g in GRADES if score >= floor), "F")
        return cls(
            ctr=ctr,
            cpc=cpc,
            cpm=_ratio(totals.spend, totals.impressions, 1000),
            cvr=cvr,
            cpa=_ratio(totals.spend, totals.conversions),
            roas=roas,
            efficiency_score=score,
            grade=grade,
        )

    # The names the Python API promises (``report.kpis.consolidated_ctr`` …).
    @property
    def consolidated_ctr(self) -> Decimal | None:
        return self.ctr

    @property
    def return_on_ad_spend(self) -> Decimal | None:
        return self.roas

    @property
    def performance_grade(self) -> str | None:
        return self.grade


def change_pct(current: Decimal | int | None, previous: Decimal | int | None) -> Decimal | None:
    """The change from ``previous`` to ``current`` in % (None when there is no previous value)."""
    if current is None or previous is None or not previous:
        return None
    return ((Decimal(current) - Decimal(previous)) * 100 / Decimal(previous)).quantize(
        Decimal("0.1"), ROUND_HALF_EVEN
    )


@dataclass(frozen=True)
class ReportLine:
    """One line of a report: its key (a campaign and platform, a platform, or a day), figures, KPIs, and the
    previous period's for comparison."""

    key: tuple[str, ...]
    totals: Totals
    kpis: Kpis
    previous: Totals
    previous_kpis: Kpis

    def change(self, figure: str) -> Decimal | None:
        """The % change of a total (``spend`` …) or a KPI (``roas`` …) against the previous period."""
        if hasattr(self.totals, figure):
            return change_pct(getattr(self.totals, figure), getattr(self.previous, figure))
        return change_pct(getattr(self.kpis, figure), getattr(self.previous_kpis, figure))


@dataclass(frozen=True)
class Report:
    """The consolidated report of one period, with the previous period of equal length."""

    start: dt.date
    end: dt.date
    previous_start: dt.date
    previous_end: dt.date
    currency: str
    by: GroupBy
    lines: list[ReportLine]
    total: ReportLine
    #: Findings worth reading first, each with the numbers behind it (``automatic_insights``).
    insights: list[str] = field(default_factory=list)
    #: (day, platform) → totals over the period: what the daily charts draw.
    daily: dict[tuple[str, str], Totals] = field(default_factory=dict)

    @property
    def kpis(self) -> Kpis:
        return self.total.kpis


#: One SQL aggregate: the group key, its currency, and the exact sums (money in millionths).
Aggregate = tuple[tuple[str, ...], str, int, int, int, int, int]


def convert(
    aggregates: Sequence[Aggregate], *, currency: str | None, rates: Mapping[str, Decimal]
) -> tuple[str, dict[tuple[str, ...], Totals]]:
    """Totals per key in one currency. Several currencies need ``currency`` and a rate for each other
    one (units of ``currency`` per unit); otherwise ``MidasError`` names what is missing."""
    currencies = sorted({a[1] for a in aggregates})
    if not currencies:
        return currency or "", {}
    target = currency or (currencies[0] if len(currencies) == 1 else None)
    if target is None:
        raise MidasError(
            f"the metrics are in {', '.join(currencies)}; set reporting.currency and reporting.rates in "
            "midas.yaml to sum them (MIDAS never adds different currencies as if they were one)"
        )
    missing = [c for c in currencies if c != target and c not in rates]
    if missing:
        raise MidasError(
            f"no exchange rate from {', '.join(missing)} to {target}; "
            "add it under reporting.rates in midas.yaml"
        )
    out: dict[tuple[str, ...], Totals] = {}
    million = Decimal(1_000_000)
    for key, cur, impressions, clicks, spend, conversions, value in aggregates:
        rate = Decimal(1) if cur == target else Decimal(rates[cur])
        totals = Totals(
            impressions,
            clicks,
            (Decimal(spend) / million * rate).quantize(Decimal("0.01"), ROUND_HALF_EVEN),
            Decimal(conversions) / million,
            (Decimal(value) / million * rate).quantize(Decimal("0.01"), ROUND_HALF_EVEN),
        )
        out[key] = out.get(key, Totals()) + totals
    return target, out


def report_label(name: str, account: str | None, namesakes: Collection[str | None]) -> str:
    """How a report by campaign names one: ``name (account)`` for a campaign no record names (``account``)
    whose name and platform are another account's too (``namesakes``: the accounts of that name on that
    platform, None standing for a campaign MIDAS recorded), else ``name``."""
    return f"{name} ({account})" if account is not None and len(namesakes) > 1 else name


def _namesakes(campaigns: Iterable[CampaignIdentity]) -> dict[tuple[str, str], set[str | None]]:
    """(name, platform) → the accounts of the campaigns of that name there (None: a recorded one)."""
    out: dict[tuple[str, str], set[str | None]] = {}
    for name, platform, account in campaigns:
        out.setdefault((name, platform), set()).add(account)
    return out


def apart_by_account(
    *periods: Sequence[Aggregate], others: Iterable[CampaignIdentity] = ()
) -> list[list[Aggregate]]:
    """``periods`` keyed (campaign, platform): a campaign no record names comes keyed (name, platform,
    account), and is named ``name (account)`` where that name and platform are another account's too in any
    of the periods (the same in each, so that periods compare line by line) or among ``others`` (the
    campaigns a ``--campaign`` left out: a label stays the one the whole report shows), else just ``name``."""
    keys = ((key[0], key[1], key[2] if len(key) > 2 else None) for period in periods for key, *_ in period)
    namesakes = _namesakes([*keys, *others])
    out: list[list[Aggregate]] = []
    for period in periods:
        relabelled: list[Aggregate] = []
        for key, *figures in period:
            if len(key) > 2:
                name, platform, account = key
                key = (report_label(name, account, namesakes[(name, platform)]), platform)
            relabelled.append((key, *figures))  # type: ignore[arg-type]
        out.append(relabelled)
    return out


def pick_campaigns(
    wanted: Sequence[str],
    *,
    reported: Collection[CampaignIdentity],
    stored: Collection[CampaignIdentity],
    specs: Collection[str],
) -> set[CampaignIdentity]:
    """The campaigns ``--campaign`` values name: each a label the report of the period shows (``reported``:
    its campaigns), which picks that line's campaigns, or ``name (account)`` of any campaign no record names
    (``stored``: every campaign with metrics), or the name of a campaign spec or of a stored campaign with
    nothing in the period (none picked). ``MidasError`` for a name the report shows only apart by account
    (naming the labels to pick from) and for an unknown one (naming the known)."""
    labelled: dict[str, set[CampaignIdentity]] = {}
    namesakes = _namesakes(reported)
    for name, platform, account in reported:
        label = report_label(name, account, namesakes[(name, platform)])
        labelled.setdefault(label, set()).add((name, platform, account))
    apart: dict[str, set[str]] = {}  # a name → the labels the report shows it under, apart by account
    for label, campaigns in labelled.items():
        for name, _, _ in campaigns:
            if label != name:
                apart.setdefault(name, set()).add(label)
    unrecorded: dict[str, set[CampaignIdentity]] = {}
    for name, platform, account in stored:
        if account is not None:
            unrecorded.setdefault(f"{name} ({account})", set()).add((name, platform, account))
    known = set(specs) | {name for name, _, _ in stored}
    picked: set[CampaignIdentity] = set()
    for value in wanted:
        if value in labelled:
            picked |= labelled[value]
        elif value in unrecorded:
            picked |= unrecorded[value]
        elif value in apart:
            raise MidasError(
                f"--campaign {value!r} names campaigns of several accounts, which reports keep apart; "
                f"expected one of {', '.join(map(repr, sorted(apart[value])))}"
            )
        elif value not in known:
            choices = sorted((known - set(apart)) | set(labelled))
            raise MidasError(
                f"--campaign {value!r}: no campaign named {value!r} in the specs or the stored metrics; "
                f"expected one of {', '.join(choices) or 'none'}"
            )
    return picked


def build_report(
    current: Sequence[Aggregate],
    previous: Sequence[Aggregate],
    *,
    start: dt.date,
    end: dt.date,
    by: GroupBy,
    currency: str | None,
    rates: Mapping[str, Decimal],
    benchmarks: Mapping[str, Decimal] = DEFAULT_BENCHMARKS,
    daily_budgets: Mapping[tuple[str, str], tuple[Decimal, str]] | None = None,
    daily: Sequence[Aggregate] = (),
    others: Iterable[CampaignIdentity] = (),
) -> Report:
    """A report from the SQL aggregates of the period and of the one before it. ``daily_budgets`` maps
    (campaign, platform) to its daily budget and currency, for the budget-limited insight; ``others``:
    the period's campaigns the aggregates leave out (see ``apart_by_account``)."""
    days = (end - start).days + 1
    if by == "campaign":
        current, previous = apart_by_account(current, previous, others=others)
    target, now = convert(current, currency=currency, rates=rates)
    _, before = convert(previous, currency=target or currency, rates=rates)
    lines = [
        ReportLine(
            key,
            totals,
            Kpis.of(totals, benchmarks),
            before.get(key, Totals()),
            Kpis.of(before.get(key, Totals()), benchmarks),
        )
        for key, totals in sorted(now.items())
    ]
    total_now = sum(now.values(), Totals())
    total_before = sum(before.values(), Totals())
    shown = _with_combined(lines, benchmarks) if by == "campaign" else lines
    total = ReportLine(
        ("total",), total_now, Kpis.of(total_now, benchmarks), total_before, Kpis.of(total_before, benchmarks)
    )
    return Report(
        start=start,
        end=end,
        previous_start=start - dt.timedelta(days=days),
        previous_end=start - dt.timedelta(days=1),
        currency=target,
        by=by,
        lines=shown,
        total=total,
        insights=automatic_insights(lines, target, budgets_in(daily_budgets or {}, target, rates), days)
        if by == "campaign"
        else [],
        daily={
            (key[0], key[1]): totals
            for key, totals in convert(daily, currency=target, rates=rates)[1].items()
        },
    )


#: The platform column of a campaign's line that adds up its platforms.
COMBINED: Final = "combined"


def _with_combined(lines: Sequence[ReportLine], benchmarks: Mapping[str, Decimal]) -> list[ReportLine]:
    """The campaign lines with, after each campaign on several platforms, its combined line."""
    out: list[ReportLine] = []
    for campaign in sorted({line.key[0] for line in lines}):
        sides = [line for line in lines if line.key[0] == campaign]
        out.extend(sides)
        if len(sides) > 1:
            now = sum((line.totals for line in sides), Totals())
            before = sum((line.previous for line in sides), Totals())
            out.append(
                ReportLine(
                    (campaign, COMBINED), now, Kpis.of(now, benchmarks), before, Kpis.of(before, benchmarks)
                )
            )
    return out


#: A KPI moving more than this (in %) against the previous period is pointed out.
MOVE_THRESHOLD_PCT: Final = Decimal(25)
_MOVING_KPIS: Final = (("cpa", "CPA"), ("roas", "ROAS"), ("ctr", "CTR"), ("cvr", "CVR"), ("cpc", "CPC"))
_PLATFORM_NAMES: Final = {"google": "Google", "meta": "Meta"}


def _2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _money(value: Decimal, currency: str) -> str:
    return f"{value.quantize(Decimal('0.01')):,f} {currency}".strip()


#: Spend at or above this share of the budget over the period makes a campaign budget-limited.
BUDGET_LIMITED_SHARE: Final = Decimal("0.95")


def budgets_in(
    budgets: Mapping[BudgetKey, tuple[Decimal, str]], currency: str, rates: Mapping[str, Decimal]
) -> dict[BudgetKey, Decimal]:
    """Daily budgets in the report currency (those without a rate are left out), keyed as given."""
    out = {}
    for key, (amount, cur) in budgets.items():
        if cur == currency or not currency:
            out[key] = amount
        elif cur in rates:
            out[key] = amount * Decimal(rates[cur])
    return out


def automatic_insights(
    lines: Sequence[ReportLine],
    currency: str,
    daily_budgets: Mapping[tuple[str, str], Decimal] | None = None,
    days: int = 1,
) -> list[str]:
    """What a reader should see first, numbers included (lines keyed by campaign and platform):
    the platform with the better CPA and ROAS per campaign, and by how much; KPIs that moved more
    than ``MOVE_THRESHOLD_PCT`` against the previous period; budget-limited campaigns (spend at least
    ``BUDGET_LIMITED_SHARE`` of their budget over the period) whose ROAS beats their platform's;
    campaigns spending with no conversions."""
    found: list[str] = []
    by_campaign: dict[str, dict[str, ReportLine]] = {}
    for line in lines:
        by_campaign.setdefault(line.key[0], {})[line.key[1]] = line
    for campaign, sides in sorted(by_campaign.items()):
        if len(sides) < 2:
            continue
        for kpi, label, better_low in (("cpa", "CPA", True), ("roas", "ROAS", False)):
            values = {p: getattr(line.kpis, kpi) for p, line in sides.items() if getattr(line.kpis, kpi)}
            if len(values) < 2:
                continue
            ranked = sorted(values.items(), key=lambda item: item[1], reverse=not better_low)
            (best, best_value), (other, other_value) = ranked[0], ranked[-1]
            if best_value == other_value:
                continue
            gap = abs(best_value - other_value) * 100 / other_value
            unit = f" {currency}" if kpi == "cpa" else ""
            winner, loser = _PLATFORM_NAMES.get(best, best), _PLATFORM_NAMES.get(other, other)
            found.append(
                f"{campaign}: {winner} has the better {label} ({_2(best_value)}{unit} against "
                f"{_2(other_value)}{unit} on {loser}, {gap.quantize(Decimal('1'))} % "
                f"{'lower' if better_low else 'higher'})"
            )
    for line in lines:
        name = f"{line.key[0]} on {_PLATFORM_NAMES.get(line.key[1], line.key[1])}"
        for kpi, label in _MOVING_KPIS:
            moved = line.change(kpi)
            if moved is not None and abs(moved) > MOVE_THRESHOLD_PCT:
                before = getattr(line.previous_kpis, kpi)
                now = getattr(line.kpis, kpi)
                found.append(f"{name}: {label} {_2(now)} ({moved:+} % against {_2(before)})")
        if line.totals.spend > 0 and line.totals.conversions == 0:
            found.append(f"{name}: spent {_money(line.totals.spend, currency)} with no conversions")
    platform_totals: dict[str, Totals] = {}
    for line in lines:
        platform_totals[line.key[1]] = platform_totals.get(line.key[1], Totals()) + line.totals
    for line in lines:
        budget = (daily_budgets or {}).get((line.key[0], line.key[1]))
        roas, platform_roas = line.kpis.roas, Kpis.of(platform_totals[line.key[1]]).roas
        if not budget or roas is None or platform_roas is None:
            continue
        allowed = budget * days
        if line.totals.spend >= allowed * BUDGET_LIMITED_SHARE and roas > platform_roas:
            found.append(
                f"{line.key[0]} on {_PLATFORM_NAMES.get(line.key[1], line.key[1])} is budget-limited: spent "
                f"{_money(line.totals.spend, currency)} of {_money(allowed, currency)} "
                f"({line.totals.spend * 100 / allowed:.0f} %) at ROAS {_2(roas)}, above the platform's "
                f"{_2(platform_roas)}: more budget here is likely to pay"
            )
    return found
