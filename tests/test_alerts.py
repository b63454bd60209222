"""Alert rules on stored metrics: what fires, and the event lifecycle (both backends)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from midas_reconcile.alerts import Finding, evaluate
from midas_reconcile.connectors.base import DailyMetrics
from midas_reconcile.resources import Address
from midas_reconcile.spec.models import AlertRuleSpec
from midas_reconcile.store import StateStore

M = 1_000_000
LAST = dt.date(2026, 11, 24)


def rule(**spec: Any) -> AlertRuleSpec:
    return AlertRuleSpec.model_validate(
        {"metric": "ctr", "operator": "<", "threshold": Decimal("1.5"), **spec}
    )


def sums(rows: dict[tuple[str, str, str], tuple[int, int, int, int, int]]) -> Any:
    """A fixed aggregate by campaign, platform and account for the current window; the previous window is
    empty."""

    def aggregates(start: dt.date, end: dt.date) -> list[Any]:
        if end != LAST:
            return []
        return [(key, "USD", *values) for key, values in rows.items()]

    return aggregates


def test_rules_fire_on_their_metric_above_the_minimum_volume_and_in_scope() -> None:
    data = sums(
        {
            ("spring", "google", "g"): (10_000, 100, 50 * M, 1 * M, 10 * M),  # CTR 1.0 %
            ("spring", "meta", "m"): (10_000, 300, 50 * M, 1 * M, 10 * M),  # CTR 3.0 %
            ("tiny", "google", "g"): (500, 1, 1 * M, 0, 0),  # CTR 0.2 %, but only 500 impressions
        }
    )
    rules = {
        "low-ctr": rule(min_impressions=1000),
        "meta-only": rule(threshold=Decimal(5), scope={"platforms": ["meta"]}),
        "labelled": rule(threshold=Decimal(5), scope={"labels": {"team": "shoes"}}),
    }
    findings, judged = evaluate(
        rules,
        data,
        last_day=LAST,
        currency=None,
        rates={},
        labels={"spring": {"team": "shoes"}},
        daily_budgets={},
    )
    assert sorted((f.rule, f.subject) for f in findings) == [
        ("labelled", "spring@google:g"),
        ("labelled", "spring@meta:m"),
        ("low-ctr", "spring@google:g"),
        ("meta-only", "spring@meta:m"),
    ]
    assert "low-ctr/tiny@google:g" not in judged  # too small to judge
    assert findings[0].message.startswith(findings[0].rule)


def test_budget_utilization_and_undefined_values() -> None:
    data = sums({("spring", "google", "g"): (10_000, 0, 27 * M, 0, 0)})  # no clicks: CPC undefined
    rules = {
        "budget": rule(metric="budget_utilization", operator=">", threshold=Decimal(85)),
        "cpc": rule(metric="cpc", operator=">=", threshold=Decimal(0)),
    }
    findings, _ = evaluate(
        rules,
        data,
        last_day=LAST,
        currency=None,
        rates={},
        labels={},
        daily_budgets={("spring", "google", "g"): Decimal(10)},
    )
    [budget] = findings  # 27 of 3 × 10 = 90 %; the undefined CPC never fires
    assert (budget.rule, budget.value) == ("budget", Decimal(90))


def finding(rule_name: str = "low-ctr", cooldown_hours: int = 24) -> Finding:
    return Finding(
        rule_name, "spring@google:acme", "ctr", Decimal("1.2"), Decimal("1.5"), "warning", ("ops",),
        dt.timedelta(hours=cooldown_hours),
    )  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 8, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_an_event_notifies_once_per_cooldown_and_once_when_resolved(state_url: str) -> None:
    clock = Clock()
    judged, rules = {"low-ctr/spring@google:acme"}, {"low-ctr"}
    with StateStore.open(state_url, clock=clock) as store:
        first = store.record_alerts([finding()], judged=judged, rules=rules)
        assert [(n.kind, n.channels) for n in first] == [("firing", ("ops",))]
        clock.now += dt.timedelta(hours=23)
        assert store.record_alerts([finding()], judged=judged, rules=rules) == []  # within the cool-down
        clock.now += dt.timedelta(hours=2)
        assert [n.kind for n in store.record_alerts([finding()], judged=judged, rules=rules)] == [
            "still firing"
        ]
        assert store.record_alerts([], judged=set(), rules=rules) == []  # not judged (no data): stays open
        resolved = store.record_alerts([], judged=judged, rules=rules)
        assert [(n.kind, n.message.startswith("resolved: ")) for n in resolved] == [("resolved", True)]
        assert store.record_alerts([finding()], judged=judged, rules=rules)[0].kind == "firing"  # a new event
        gone = store.record_alerts([], judged=set(), rules=set())  # the rule was deleted
        assert [n.kind for n in gone] == ["resolved"]
        history = store.alert_history()
    assert [e.status for e in history] == ["resolved", "resolved"]


def test_a_campaign_renamed_in_place_keeps_its_events_under_its_new_name(state_url: str) -> None:
    """Moving a campaign's records moves its events: the open one is reminded (not fired afresh) under the
    new name and resolves when the check judges it so; the other platform's subject stays."""
    clock = Clock()
    renamed = Finding(
        "low-ctr",
        "summer@google:acme",
        "ctr",
        Decimal("1.2"),
        Decimal("1.5"),
        "warning",
        ("ops",),
        dt.timedelta(0),
    )
    with StateStore.open(state_url, clock=clock) as store:
        store.record_alerts(
            [finding(cooldown_hours=0)], judged={"low-ctr/spring@google:acme"}, rules={"low-ctr"}
        )
        store.move_many(
            [
                (Address.parse("campaign/spring@google:acme"), Address.parse("campaign/summer@google:acme")),
                (
                    Address.parse("ad_group/spring/core@google:acme"),
                    Address.parse("ad_group/summer/core@google:acme"),
                ),
            ]
        )
        clock.now += dt.timedelta(hours=1)
        judged = {"low-ctr/summer@google:acme"}
        notices = store.record_alerts([renamed], judged=judged, rules={"low-ctr"})
        assert [(n.kind, n.subject) for n in notices] == [("still firing", "summer@google:acme")]
        resolved = store.record_alerts([], judged=judged, rules={"low-ctr"})
        assert [(n.kind, n.subject) for n in resolved] == [("resolved", "summer@google:acme")]
        assert [(e.subject, e.status) for e in store.alert_history()] == [("summer@google:acme", "resolved")]


def _day(account: str, campaign_id: str, clicks: int) -> DailyMetrics:
    money = Decimal(50), Decimal(1), Decimal(10)
    return DailyMetrics(LAST, "meta", account, campaign_id, "brand", 10_000, clicks, *money, "USD")


def test_same_named_campaigns_of_two_accounts_of_a_platform_are_judged_apart(state_url: str) -> None:
    """Two Meta accounts each run a campaign called "brand" (built in the console: names are unique per
    workspace only among the campaigns MIDAS manages): each is its own subject, on its own metrics."""
    with StateStore.open(state_url) as store:
        store.save_metrics([_day("meta-a", "1", 100), _day("meta-b", "2", 300)], {})  # CTR 1 % and 3 %
        findings, judged = evaluate(
            {"low-ctr": rule()},
            lambda start, end: store.metrics_totals(start=start, end=end, by="campaign_account"),
            last_day=LAST,
            currency=None,
            rates={},
            labels={},
            daily_budgets={},
        )
    assert [(f.subject, f.value) for f in findings] == [("brand@meta:meta-a", Decimal(1))]
    assert sorted(judged) == ["low-ctr/brand@meta:meta-a", "low-ctr/brand@meta:meta-b"]


def test_an_event_of_a_subject_without_its_account_carries_on_under_the_account_it_belongs_to(
    state_url: str,
) -> None:
    """Events recorded before subjects named their account ("spring@google") are the account's when one
    account alone is judged for that campaign: reminded, not fired afresh. Judged in several accounts,
    the old event resolves and each account's subject fires on its own."""
    clock = Clock()
    legacy = {"low-ctr/spring@google", "low-ctr/brand@meta"}
    with StateStore.open(state_url, clock=clock) as store:
        old = [
            dataclasses.replace(finding(cooldown_hours=0), subject=subject)
            for subject in ("spring@google", "brand@meta")
        ]
        store.record_alerts(old, judged=legacy, rules={"low-ctr"})
        clock.now += dt.timedelta(hours=1)
        now = [
            dataclasses.replace(finding(cooldown_hours=0), subject=subject)
            for subject in ("spring@google:acme", "brand@meta:meta-a", "brand@meta:meta-b")
        ]
        judged = {f"low-ctr/{f.subject}" for f in now}
        notices = store.record_alerts(now, judged=judged, rules={"low-ctr"})
        assert sorted((n.kind, n.subject) for n in notices) == [
            ("firing", "brand@meta:meta-a"),
            ("firing", "brand@meta:meta-b"),
            ("resolved", "brand@meta"),
            ("still firing", "spring@google:acme"),
        ]
        events = sorted((e.subject, e.status) for e in store.alert_history())
    assert events == [
        ("brand@meta", "resolved"),
        ("brand@meta:meta-a", "firing"),
        ("brand@meta:meta-b", "firing"),
        ("spring@google:acme", "firing"),
    ]


def test_an_event_without_its_account_follows_its_campaign_renamed_in_place(state_url: str) -> None:
    clock = Clock()
    old = dataclasses.replace(finding(cooldown_hours=0), subject="spring@google")
    renamed = dataclasses.replace(finding(cooldown_hours=0), subject="summer@google:acme")
    with StateStore.open(state_url, clock=clock) as store:
        store.record_alerts([old], judged={"low-ctr/spring@google"}, rules={"low-ctr"})
        moved = (Address.parse("campaign/spring@google:acme"), Address.parse("campaign/summer@google:acme"))
        store.move_many([moved])
        clock.now += dt.timedelta(hours=1)
        notices = store.record_alerts([renamed], judged={"low-ctr/summer@google:acme"}, rules={"low-ctr"})
        assert [(n.kind, n.subject) for n in notices] == [("still firing", "summer@google:acme")]
        assert [e.subject for e in store.alert_history()] == ["summer@google:acme"]
