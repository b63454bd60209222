"""Alert rules (``AlertRule`` in ``policies/``) evaluated on stored metrics.

Each rule is checked per campaign, platform and account ("subject", ``<campaign>@<platform>:<account>``:
two accounts of a platform may each run a campaign of the same name) over its window — the last
``window_days`` days up to the last day synced — on the same exact sums as reports
(``store.metrics_totals``). A
subject below the rule's ``min_impressions`` is not judged (small numbers do not fire). Metrics:

- ``ctr``, ``cpc``, ``cpm``, ``cvr``, ``cpa``, ``roas`` — the report's KPIs (``insights.Kpis``); ``spend``;
- ``budget_utilization`` — spend over the window ÷ (daily budget × days) × 100;
- ``performance_drop`` — how far ROAS fell against the previous window of equal length, in %.

An undefined value (a zero denominator) never fires. ``evaluate`` only computes what holds now; the
event lifecycle (firing → resolved, one notice per cool-down, one on resolution) is the store's
(``store.alerts``).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Final

from midas_reconcile.insights import Kpis, Totals, convert

_OPERATORS: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Finding:
    """A rule that holds for a subject now, with the value that made it hold."""

    rule: str
    subject: str  # "<campaign>@<platform>:<account>"
    metric: str
    value: Decimal
    threshold: Decimal
    severity: str
    channels: tuple[str, ...]
    cooldown: dt.timedelta

    @property
    def message(self) -> str:
        value, threshold = _show(self.value), _show(self.threshold)
        return f"{self.rule}: {self.subject} {self.metric} {value} (threshold {threshold})"


def subject_of(campaign: str, platform: str, account: str) -> str:
    """What a rule judges: one unified campaign (by name) on one platform, in one account."""
    return f"{campaign}@{platform}:{account}"


def without_account(subject: str) -> str:
    """A subject as events recorded before subjects named their account (``<campaign>@<platform>``)."""
    campaign, _, where = subject.rpartition("@")
    return f"{campaign}@{where.partition(':')[0]}" if campaign else subject


def _show(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_EVEN)}"


def window(last_day: dt.date, days: int) -> tuple[dt.date, dt.date]:
    return last_day - dt.timedelta(days=days - 1), last_day


def metric_value(
    metric: str,
    totals: Totals,
    previous: Totals,
    *,
    daily_budget: Decimal | None,
    days: int,
) -> Decimal | None:
    """The value of one rule metric for a subject (None: undefined, never fires)."""
    if metric == "spend":
        return totals.spend
    if metric == "budget_utilization":
        if not daily_budget:
            return None
        return totals.spend * 100 / (daily_budget * days)
    if metric == "performance_drop":
        now, before = Kpis.of(totals).roas, Kpis.of(previous).roas
        if now is None or not before:
            return None
        return (before - now) * 100 / before
    value: Decimal | None = getattr(Kpis.of(totals), metric)
    return value


def evaluate(
    rules: Mapping[str, Any],
    aggregates: Callable[[dt.date, dt.date], Sequence[Any]],
    *,
    last_day: dt.date,
    currency: str | None,
    rates: Mapping[str, Decimal],
    labels: Mapping[str, Mapping[str, str]],
    daily_budgets: Mapping[tuple[str, str, str], Decimal],
) -> tuple[list[Finding], list[str]]:
    """What fires now, and every subject each rule judged (``rule/subject``, to resolve the others).

    ``rules``: name → ``AlertRuleSpec``; ``aggregates(start, end)``: the sums of a period by campaign,
    platform and account (``store.metrics_totals(by="campaign_account")``); ``daily_budgets`` is keyed
    alike;
    ``labels``: campaign → its labels (for label selectors).
    """
    findings: list[Finding] = []
    judged: list[str] = []
    for name, rule in sorted(rules.items()):
        start, end = window(last_day, rule.window_days)
        before_start, before_end = window(start - dt.timedelta(days=1), rule.window_days)
        _, now = convert(aggregates(start, end), currency=currency, rates=rates)
        _, before = convert(aggregates(before_start, before_end), currency=currency, rates=rates)
        for key, totals in sorted(now.items()):
            campaign, platform, account = key
            scope = rule.scope
            if scope.campaigns and campaign not in scope.campaigns:
                continue
            if scope.platforms and platform not in scope.platforms:
                continue
            if any(labels.get(campaign, {}).get(k) != v for k, v in scope.labels.items()):
                continue
            if totals.impressions < rule.min_impressions:
                continue
            subject = subject_of(campaign, platform, account)
            judged.append(f"{name}/{subject}")
            value = metric_value(
                rule.metric,
                totals,
                before.get(key, Totals()),
                daily_budget=daily_budgets.get((campaign, platform, account)),
                days=rule.window_days,
            )
            if value is not None and _OPERATORS[rule.operator](value, Decimal(rule.threshold)):
                findings.append(
                    Finding(
                        name,
                        subject,
                        rule.metric,
                        value,
                        Decimal(rule.threshold),
                        rule.severity,
                        tuple(rule.channels),
                        dt.timedelta(hours=rule.cooldown_hours),
                    )
                )
    return findings, judged
