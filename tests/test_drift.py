"""drift_report.drift: one test per kind of finding (deleted, unmarked, changed, copy)."""

from __future__ import annotations

import json

import pytest

# The same resource builders and sample trees as the planner's tests.
from test_planner import addr, google_tree, key, live_of, meta_tree, recorded_of, res, with_fields

from midas_reconcile.drift_report import drift


def test_no_drift() -> None:
    live = live_of(google_tree())
    report = drift(recorded_of(live), live)
    assert not report.has_drift and report.items == [] and report.checked == len(live)


def test_drift_lists_field_changes_and_whether_the_specs_agree() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    live[0].fields["amount_micros"] = 80_000_000
    live[1].fields["status"] = "PAUSED"
    desired[1] = with_fields(desired[1], status="PAUSED")  # the spec was updated to match
    report = drift(recorded, live, desired)
    assert [(i.kind, str(i.address)) for i in report.items] == [
        ("changed", key("campaign_budget/spring@google")),
        ("changed", key("campaign/spring@google")),
    ]
    budget, campaign = report.items
    assert [(f.path, f.recorded, f.live, f.spec_agrees) for f in budget.fields] == [
        ("amount_micros", 50_000_000, 80_000_000, False)
    ]
    assert campaign.fields[0].spec_agrees is True
    assert drift(recorded, live).items[0].fields[0].spec_agrees is None


def test_drift_reports_top_most_deletion_only() -> None:
    live = live_of(google_tree())
    report = drift(recorded_of(live), live[:3])
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        ("deleted", key("ad_group/spring/main@google"), "deleted out of band (with 2 resources under it)")
    ]


def test_drift_reports_removed_marker_once_per_campaign() -> None:
    live = live_of(meta_tree())
    recorded = recorded_of(live)
    for resource in live:
        resource.managed = False  # the campaign's label was removed; children inherited it
    report = drift(recorded, live)
    assert [(i.kind, str(i.address)) for i in report.items] == [("unmarked", key("campaign/spring@meta"))]


COPY_NAMES = ["spring (copy)", "Copy of spring", "spring - Copy", "spring 2", "spring #3", "SPRING (Copy 2)"]


@pytest.mark.parametrize("name", COPY_NAMES)
def test_drift_finds_copies_by_name(name: str) -> None:
    live = live_of(meta_tree())
    copy_ = res(f"campaign/{name}@meta", name=name, status="PAUSED", objective="OUTCOME_SALES")
    report = drift(recorded_of(live), [*live, *live_of([copy_], managed=False, start=900)])
    assert [(i.kind, i.similar_to) for i in report.items] == [("copy", addr("campaign/spring@meta"))]
    assert "by its name" in report.items[0].message


def test_drift_finds_copies_by_settings_and_ignores_strangers() -> None:
    live = live_of(meta_tree())
    twin = res(
        "campaign/renamed@meta",
        name="renamed",
        status="ACTIVE",
        objective="OUTCOME_TRAFFIC",
        daily_budget=5000,
    )
    stranger = res(
        "campaign/springfield@meta", name="springfield", status="ACTIVE", objective="OUTCOME_SALES"
    )
    report = drift(recorded_of(live), [*live, *live_of([twin, stranger], managed=False, start=900)])
    assert [(i.kind, str(i.address)) for i in report.items] == [("copy", key("campaign/renamed@meta"))]
    assert "same settings" in report.items[0].message


def test_drift_report_is_json_ready() -> None:
    live = live_of(google_tree())
    recorded = recorded_of(live)
    live[0].fields["amount_micros"] = 1
    data = json.loads(json.dumps(drift(recorded, live[:3]).to_dict()))
    assert data["has_drift"] is True and data["format_version"] == 1
    assert {item["kind"] for item in data["items"]} == {"changed", "deleted"}
