"""Alert rules on stored metrics: what fires, and the event lifecycle (both backends)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from midas_reconcile.alerts import Finding, evaluate
from midas_reconcile.resources import Address
from midas_reconcile.spec.models import AlertRuleSpec
from midas_reconcile.store import StateStore

M = 1_000_000
LAST = dt.date(2026, 11, 24)


def rule(**spec: Any) -> AlertRuleSpec:
    return AlertRuleSpec.model_validate(
        {"metric": "ctr", "operator": "<", "threshold": Decimal("1.5"), **spec}
    )


def sums(rows: dict[tuple[str, str], tuple[int, int, int, int, int]]) -> Any:
    """A fixed by-campaign aggregate for the current window; the previous window is empty."""

    def aggregates(start: dt.date, end: dt.date) -> list[Any]:
        if end != LAST:
            return []
        return [(key, "USD", *values) for key, values in rows.items()]

    return aggregates


def test_rules_fire_on_their_metric_above_the_minimum_volume_and_in_scope() -> None:
    data = sums(
        {
            ("spring", "google"): (10_000, 100, 50 * M, 1 * M, 10 * M),  # CTR 1.0 %
            ("spring", "meta"): (10_000, 300, 50 * M, 1 * M, 10 * M),  # CTR 3.0 %
            ("tiny", "google"): (500, 1, 1 * M, 0, 0),  # CTR 0.2 %, but only 500 impressions
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
        ("labelled", "spring@google"),
        ("labelled", "spring@meta"),
        ("low-ctr", "spring@google"),
        ("meta-only", "spring@meta"),
    ]
    assert "low-ctr/tiny@google" not in judged  # too small to judge
    assert findings[0].message.startswith(findings[0].rule)


def test_budget_utilization_and_undefined_values() -> None:
    data = sums({("spring", "google"): (10_000, 0, 27 * M, 0, 0)})  # no clicks: CPC undefined
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
        daily_budgets={("spring", "google"): Decimal(10)},
    )
    [budget] = findings  # 27 of 3 × 10 = 90 %; the undefined CPC never fires
    assert (budget.rule, budget.value) == ("budget", Decimal(90))


def finding(rule_name: str = "low-ctr", cooldown_hours: int = 24) -> Finding:
    return Finding(
        rule_name, "spring@google", "ctr", Decimal("1.2"), Decimal("1.5"), "warning", ("ops",),
        dt.timedelta(hours=cooldown_hours),
    )  # fmt: skip


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 25, 8, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def test_an_event_notifies_once_per_cooldown_and_once_when_resolved(state_url: str) -> None:
    clock = Clock()
    judged, rules = {"low-ctr/spring@google"}, {"low-ctr"}
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
        "summer@google",
        "ctr",
        Decimal("1.2"),
        Decimal("1.5"),
        "warning",
        ("ops",),
        dt.timedelta(0),
    )
    with StateStore.open(state_url, clock=clock) as store:
        store.record_alerts([finding(cooldown_hours=0)], judged={"low-ctr/spring@google"}, rules={"low-ctr"})
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
        judged = {"low-ctr/summer@google"}
        notices = store.record_alerts([renamed], judged=judged, rules={"low-ctr"})
        assert [(n.kind, n.subject) for n in notices] == [("still firing", "summer@google")]
        resolved = store.record_alerts([], judged=judged, rules={"low-ctr"})
        assert [(n.kind, n.subject) for n in resolved] == [("resolved", "summer@google")]
        assert [(e.subject, e.status) for e in store.alert_history()] == [("summer@google", "resolved")]
