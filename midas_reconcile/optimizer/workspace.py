"""The optimiser wired to a workspace: policies' campaigns, their stored metrics, and what comes out.

A policy governs two kinds of campaigns:

* those whose spec says ``budget: {policy: NAME}`` — with strategy ``performance_based`` or
  ``conservative`` their daily budget is computed at plan time (``budget_overrides``); their current
  budget is the one last applied (the store's record), and the plan explains each change
  (``annotate``);
* those the policy's ``scope`` selects (names, labels, platforms) that have a ``daily`` budget of their
  own — ``midas optimize --write`` rewrites those amounts in the YAML, for review in git.

History is the stored daily metrics (``midas metrics sync``) of the ``lookback_days`` up to the last
day synced (at the latest yesterday), summed over a campaign's platforms. Metrics in another currency
than the policy's are an error: amounts are never converted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from midas_reconcile.compile._shared import budget_in_units, round_split, split_budget
from midas_reconcile.money import currency_exponent, decimal_places
from midas_reconcile.optimizer._errors import OptimizerError
from midas_reconcile.plan import Action, Plan
from midas_reconcile.policies import budget_amount, format_amount
from midas_reconcile.resources import GOOGLE, META
from midas_reconcile.spec import BudgetPolicySpec
from midas_reconcile.spec.checks import own_budget_platforms

if TYPE_CHECKING:
    from midas_reconcile.optimizer.engine import CampaignHistory, Recommendation, Rules
    from midas_reconcile.session import Session

#: Strategies whose budgets need stored metrics, computed at plan time.
PLAN_TIME_STRATEGIES = frozenset({"performance_based", "conservative"})
_BUDGET_KINDS = frozenset({(GOOGLE, "campaign_budget"), (META, "campaign")})
_BUDGET_FIELDS = frozenset({"amount_micros", "daily_budget"})


@dataclass
class PolicyRecommendation:
    """One policy's recommendation and which of its campaigns get it how."""

    policy: str
    spec: BudgetPolicySpec
    recommendation: Recommendation
    #: Campaigns with ``budget: {policy: NAME}``: computed at plan time.
    referencing: list[str] = field(default_factory=list)
    #: Campaigns in scope with their own ``daily`` budget: what ``--write`` may rewrite.
    writable: list[str] = field(default_factory=list)

    def budgets(self) -> dict[str, Decimal]:
        return {c.name: c.recommended_budget for c in self.recommendation.campaigns}

    def budgets_to_write(self) -> dict[str, Decimal]:
        """The writable campaigns' recommended budgets, but for those the optimiser keeps: a kept budget is
        the one last applied, and writing it would undo a YAML edit not applied yet."""
        return {
            c.name: c.recommended_budget
            for c in self.recommendation.campaigns
            if c.name in self.writable and not c.status.startswith("kept")
        }


def rules_of(spec: BudgetPolicySpec, min_days: int | None = None) -> Rules:
    from midas_reconcile.optimizer.engine import Rules  # numpy: only when a policy is optimised

    limits = {
        platform: (getattr(spec.per_platform, platform).min, getattr(spec.per_platform, platform).max)
        for platform in (GOOGLE, META)
        if getattr(spec.per_platform, platform) is not None
    }
    return Rules(
        total=spec.total,
        currency=spec.currency,
        strategy=spec.strategy,
        goal=spec.goal,
        target=spec.target,
        min_per_campaign=spec.min_per_campaign,
        max_per_campaign=spec.max_per_campaign,
        max_change_pct=spec.max_change_pct,
        platform_limits=limits,
        spend_floor=spec.spend_floor,
        **({"min_days": min_days} if min_days is not None else {}),
    )


def _platforms(spec: Any) -> list[str]:
    """The platforms the campaign's own budget funds (not Google's, when a shared budget funds it there)."""
    return own_budget_platforms(spec)


def _as_sent(spec: Any, daily: Decimal, platforms: list[str]) -> Decimal:
    """The daily budget the platforms get for ``daily``: its split rounded to platform units as the compiler
    rounds it (``round_split``), summed — ``daily`` itself unless it has more decimals than they take."""
    parts = split_budget(daily, platforms, spec.budget.split)
    sent = round_split(parts, dict.fromkeys(parts, spec.budget.currency))
    return sum(
        (budget_in_units(p, amount, spec.budget.currency, "daily")[1] for p, amount in sent.items()),
        Decimal(0),
    )


def _split_shares(spec: Any, platforms: list[str]) -> dict[str, Decimal] | None:
    split = spec.budget.split
    if split is None or len(platforms) < 2:
        return None
    parts = {p: getattr(split, p) or Decimal(0) for p in platforms}
    whole = sum(parts.values(), Decimal(0))
    return {p: part / whole for p, part in parts.items()} if whole else None


def _in_scope(doc: Any, spec: BudgetPolicySpec) -> bool:
    scope = spec.scope
    if not (scope.campaigns or scope.labels or scope.platforms):
        return False
    name = doc.metadata.name
    if scope.campaigns and name not in scope.campaigns:
        return False
    if scope.platforms and not set(_platforms(doc.spec)) <= set(scope.platforms):
        return False
    return all(doc.metadata.labels.get(k) == v for k, v in scope.labels.items())


def members(workspace: Any, policy: str) -> tuple[list[str], list[str]]:
    """(campaigns referencing ``policy``, campaigns in its scope with a daily budget of their own).

    Campaigns referencing an ``equal`` policy are the compiler's (it splits the total evenly among
    them), never the optimiser's.
    """
    spec = workspace.budget_policies[policy].spec
    referencing, writable = [], []
    for name in sorted(workspace.campaigns):
        doc = workspace.campaigns[name]
        budget = doc.spec.budget
        if budget.policy == policy:
            if spec.strategy != "equal":
                referencing.append(name)
        elif budget.policy is None and budget.daily is not None and _in_scope(doc, spec):
            writable.append(name)
    return referencing, writable


def _histories(
    rows: Iterable[tuple[Any, str | None]], names: set[str], currency: str
) -> dict[str, dict[dt.date, list[Decimal]]]:
    by_campaign: dict[str, dict[dt.date, list[Decimal]]] = {}
    for metrics, _address in rows:
        if metrics.campaign_name not in names:
            continue
        if metrics.currency and metrics.currency != currency:
            raise OptimizerError(
                f"stored metrics of campaign {metrics.campaign_name!r} ({metrics.platform}, account "
                f"{metrics.account!r}) are in {metrics.currency}, the policy in {currency}; amounts are "
                "never converted between currencies"
            )
        day = by_campaign.setdefault(metrics.campaign_name, {}).setdefault(
            metrics.date, [Decimal(0), Decimal(0), Decimal(0)]
        )
        day[0] += metrics.spend
        day[1] += metrics.conversions
        day[2] += metrics.conversion_value
    return by_campaign


def _current_budgets(
    store: Any, accounts: Sequence[str], currencies: Mapping[str, str]
) -> dict[str, Decimal]:
    """Unified campaign → daily budget last applied (summed over its platforms)."""
    out: dict[str, Decimal] = {}
    for address, resource in store.recorded(accounts).items():
        key = (address.platform, address.kind)
        if key not in _BUDGET_KINDS:
            continue
        units = resource.fields.get("amount_micros" if address.platform == GOOGLE else "daily_budget")
        currency = currencies.get(address.account)
        amount = budget_amount(address.platform, int(units), currency) if units else None
        if amount is not None:
            if currency:  # shown as the spec's would be: 30.00 USD, not 30 (never rounded)
                places = max(currency_exponent(currency), decimal_places(amount))
                amount = amount.quantize(Decimal(1).scaleb(-places))
            out[address.campaign] = out.get(address.campaign, Decimal(0)) + amount
    return out


def _budget_changes(store: Any, accounts: Sequence[str], since: dt.date) -> dict[str, dt.date]:
    """Unified campaign → day (UTC) its daily budget was last sent to a platform, since ``since``."""
    within = store.now() - dt.datetime.combine(since, dt.time(0), tzinfo=dt.UTC)
    out: dict[str, dt.date] = {}
    for account in accounts:
        for address, times in store.recent_updates(account, within, _BUDGET_FIELDS).items():
            day = max(times).astimezone(dt.UTC).date()
            out[address.campaign] = max(day, out.get(address.campaign, day))
    return out


def recommend_policies(
    workspace: Any,
    store: Any,
    *,
    accounts: Sequence[str],
    currencies: Mapping[str, str],
    today: dt.date,
    policies: Sequence[str] | None = None,
) -> list[PolicyRecommendation]:
    """A recommendation for each policy named (all by default) that governs at least one campaign.

    Raises ``OptimizerError`` for an unknown policy name, metrics in another currency, or rules the
    engine cannot work with.
    """
    from midas_reconcile.optimizer.engine import recommend

    names = sorted(workspace.budget_policies) if policies is None else list(policies)
    unknown = [n for n in names if n not in workspace.budget_policies]
    if unknown:
        known = ", ".join(sorted(workspace.budget_policies)) or "none defined"
        raise OptimizerError(f"unknown budget policy {unknown[0]!r}; expected one of: {known}")
    chosen = [(n, *members(workspace, n)) for n in names]
    chosen = [(n, r, w) for n, r, w in chosen if r or w]
    if not chosen:
        return []
    out = []
    for name, referencing, writable in chosen:
        spec = workspace.budget_policies[name].spec
        campaigns = campaign_histories(
            workspace,
            store,
            [*referencing, *writable],
            accounts=accounts,
            currencies=currencies,
            today=today,
            lookback_days=spec.lookback_days,
            currency=spec.currency,
        )
        result = recommend(campaigns, rules_of(spec))
        result.notes.extend(_unapplied_notes(workspace, campaigns, writable))
        out.append(PolicyRecommendation(name, spec, result, referencing, writable))
    return out


def _unapplied_notes(workspace: Any, campaigns: Sequence[CampaignHistory], writable: list[str]) -> list[str]:
    """Say so where a ``daily`` in the YAML is not what runs (a --write or an edit not applied yet)."""
    notes = []
    for history in campaigns:
        daily = workspace.campaigns[history.name].spec.budget.daily
        if history.name in writable and daily is not None and daily != history.current_budget:
            currency = workspace.campaigns[history.name].spec.budget.currency
            notes.append(
                f"{history.name}: its daily budget in the spec ({format_amount(daily, currency)}) is not "
                f"applied yet; the recommendation starts from the one last applied "
                f"({format_amount(history.current_budget, currency)})"
            )
    return notes


def campaign_histories(
    workspace: Any,
    store: Any,
    campaigns: Sequence[str],
    *,
    accounts: Sequence[str],
    currencies: Mapping[str, str],
    today: dt.date,
    lookback_days: int,
    currency: str,
) -> list[CampaignHistory]:
    """The optimiser's input for ``campaigns`` (unified names with specs): their stored daily metrics of
    the ``lookback_days`` up to the last day synced (at the latest yesterday), summed over platforms, and
    their current daily budget: the one last applied (the store's record), or the spec's ``daily`` for a
    campaign never applied. Raises ``OptimizerError`` for metrics in another currency than ``currency``."""
    from midas_reconcile.optimizer.engine import CampaignHistory, DailyFigures

    # The window ends on the last day synced (metrics sync may lag), at the latest yesterday.
    synced = [day for day in (store.last_metrics_day(a) for a in accounts) if day is not None]
    end = min([today - dt.timedelta(days=1), *([max(synced)] if synced else [])])
    rows = store.metrics(accounts=accounts, start=end - dt.timedelta(days=lookback_days - 1), end=end)
    applied = _current_budgets(store, accounts, currencies)
    changed = _budget_changes(store, accounts, since=end - dt.timedelta(days=lookback_days))
    histories = _histories(rows, set(campaigns), currency)
    out = []
    for campaign in campaigns:
        doc = workspace.campaigns[campaign]
        daily = doc.spec.budget.daily
        # max_change_pct bounds each step from what runs, not from what a --write left in the YAML
        # unapplied: else every --write would compound another step on the last.
        current = applied.get(campaign, daily if daily is not None else Decimal(0))
        platforms = _platforms(doc.spec)
        if daily is not None and campaign in applied and _as_sent(doc.spec, daily, platforms) == current:
            current = daily  # what runs: its split rounded to platform units may sum to a cent less
        days = [DailyFigures(*histories[campaign][d]) for d in sorted(histories.get(campaign, {}))]
        hold = None
        last_change = changed.get(campaign)
        if last_change is not None and last_change >= end:
            # A budget whose metrics do not show its last change yet: another step of max_change_pct
            # now would compound on every plan (or --write) with nothing learnt in between.
            hold = f"waiting for metrics after its budget change of {last_change.isoformat()}"
        if doc.spec.google.shared_budget is not None:
            # Its Google spend draws on a budget other campaigns share: no amount of its own to move.
            shared = doc.spec.google.shared_budget
            hold = f"its Google budget is shared budget {shared!r} (google.shared_budget)"
        if any(group.meta.budget is not None for group in doc.spec.ad_groups):
            # Its Meta share is the sum of amounts set ad set by ad set: a new total would need those
            # split anew, which is the advertiser's call, not the optimiser's.
            hold = "its Meta budget is set per ad set (meta.budget)"
        out.append(
            CampaignHistory(
                campaign, "+".join(platforms), current, days, _split_shares(doc.spec, platforms), hold
            )
        )
    return out


def for_session(session: Session, policies: Sequence[str] | None = None) -> list[PolicyRecommendation]:
    """``recommend_policies`` for a session's workspace and store. Without ``policies``: only those
    whose budgets are computed at plan time (when there are none, no metrics are read)."""
    workspace = session.workspace
    if policies is None:
        referenced = {doc.spec.budget.policy for doc in workspace.campaigns.values()}
        policies = [
            name
            for name, doc in sorted(workspace.budget_policies.items())
            if doc.spec.strategy in PLAN_TIME_STRATEGIES and name in referenced
        ]
        if not policies:
            return []
    return recommend_policies(
        workspace,
        session.store,
        accounts=session.accounts(),
        currencies=session.currencies(),
        today=session.store.now().date(),
        policies=policies,
    )


def budget_overrides(recommendations: Iterable[PolicyRecommendation]) -> dict[str, Decimal]:
    """Campaign → daily budget for the campaigns whose budget is computed at plan time."""
    out: dict[str, Decimal] = {}
    for item in recommendations:
        if item.spec.strategy in PLAN_TIME_STRATEGIES:
            budgets = item.budgets()
            out.update({name: budgets[name] for name in item.referencing})
    return out


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def reason(item: PolicyRecommendation, campaign: str) -> str:
    """Why a campaign's budget is what it is: the policy, old → new, marginal return, predicted change."""
    result = item.recommendation
    row = next(c for c in result.campaigns if c.name == campaign)
    text = (
        f"budget from policy {item.policy!r} ({result.strategy}, {result.goal}): "
        f"{format_amount(row.current_budget, result.currency)} → "
        f"{format_amount(row.recommended_budget, result.currency)}/day"
    )
    if row.name in result.held:
        return f"{text}; {row.status}"
    if row.status.startswith("kept"):
        return f"{text}; kept: too little data in the last {item.spec.lookback_days} days"
    if row.marginal_return is not None and row.predicted_change is not None and row.band is not None:
        text += (
            f"; marginal return {row.marginal_return:.4g} {result.outcome} per {result.currency}; predicted "
            f"{_signed(row.predicted_change)} {result.outcome}/day "
            f"(95 % band {_signed(row.band[0])} … {_signed(row.band[1])})"
        )
    return text


def annotate(plan: Plan, recommendations: Iterable[PolicyRecommendation]) -> None:
    """Add each plan-time budget's reason to its budget changes, and the policies' notes to the plan."""
    reasons: dict[str, str] = {}
    for item in recommendations:
        if item.spec.strategy not in PLAN_TIME_STRATEGIES or not item.referencing:
            continue
        reasons.update({name: reason(item, name) for name in item.referencing})
        for note in item.recommendation.notes:
            text = f"budget policy {item.policy!r}: {note}"
            if text not in plan.warnings:
                plan.warnings.append(text)
    for change in plan.changes:
        address = change.address
        why = reasons.get(address.campaign)
        if not why or (address.platform, address.kind) not in _BUDGET_KINDS or why in change.warnings:
            continue
        if change.action is Action.CREATE or any(f.path in _BUDGET_FIELDS for f in change.fields):
            change.warnings.append(why)
