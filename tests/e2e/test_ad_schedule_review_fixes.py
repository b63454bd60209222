"""Review fixes of ad scheduling: a Google slot adjusting bids by 1 plans no change on every run, a Meta ad
set without hours whose pacing a console changed neither drifts nor is refused on import, a paired
campaign's import with hours and dates in two time zones names its problem, and new Google hours keep the
slots that overlap no old one live before the old ones are removed."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_ad_schedule_hours import HOURS_SPEC, _slots
from test_crash_safety import _apply_in_child
from test_meta_adset_schedule import META_HOURS_SPEC

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings
from midas_reconcile.store import StateStore

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

RUNNERS = "adset/evening-shoes/runners@meta:meta-main"
#: ``META_HOURS_SPEC`` without its hours: a Meta campaign as specs wrote it before ad scheduling.
META_NO_HOURS_SPEC = (
    META_HOURS_SPEC.split("    hours:")[0] + "  targeting:" + META_HOURS_SPEC.split("  targeting:")[1]
)


def _google_hours(slot: str) -> str:
    return HOURS_SPEC.replace(
        "  targeting: {locations: [US], languages: [en]}\n",
        f"  google:\n    hours:\n      - {slot}\n  targeting: {{locations: [US], languages: [en]}}\n",
    )


@pytest.mark.parametrize("one", ["1.0", "1", "1.00"])
def test_a_google_slot_adjusting_bids_by_one_converges_to_no_changes(
    midas: Midas, workspace: Path, one: str
) -> None:
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(_google_hours(f"{{days: [mon], start: '09:00', end: '17:00', bid_adjustment: {one}}}"))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_a_google_slot_s_bid_adjustment_dropped_from_the_spec_is_cleared_and_converges(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(_google_hours("{days: [mon], start: '09:00', end: '17:00', bid_adjustment: 1.25}"))
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(_google_hours("{days: [mon], start: '09:00', end: '17:00'}"))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_a_meta_ad_set_without_hours_whose_console_pacing_changed_plans_no_change(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "evening.yaml").write_text(META_NO_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    changed = midas("sandbox", "set", RUNNERS, 'pacing_type=["no_pacing"]')
    assert changed.code == 0, changed.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    drift = midas("drift")
    assert drift.code == 0, drift.output


def test_a_meta_ad_set_without_hours_on_another_pacing_imports(
    midas: Midas, bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(META_NO_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", RUNNERS, 'pacing_type=["no_pacing"]').code == 0
    monkeypatch.setenv("MIDAS_STATE_URL", f"sqlite:///{tmp_path}/other.db")  # a workspace that never made it
    spec.unlink()
    imported = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert imported.code == 0, imported.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_meta_ad_set_s_console_pacing_beside_its_schedule_is_still_drift_and_refused_on_import(
    midas: Midas, bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(META_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", RUNNERS, 'pacing_type=["no_pacing"]').code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "pacing_type" in plan.output, plan.output
    monkeypatch.setenv("MIDAS_STATE_URL", f"sqlite:///{tmp_path}/other.db")
    spec.unlink()
    refused = midas("import", "--account", "meta-main", "--all")
    assert refused.code == 1 and "has pacing_type ['no_pacing']" in refused.output, refused.output


def test_a_paired_import_of_google_hours_beside_meta_dates_in_another_zone_names_its_problem(
    midas: Midas, bare: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = yaml.safe_load((bare / "midas.yaml").read_text(encoding="utf-8"))
    settings["accounts"]["meta-main"]["time_zone"] = "America/Los_Angeles"
    (bare / "midas.yaml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    google = bare / "specs" / "google.yaml"
    google.write_text(HOURS_SPEC.replace("office-hours", "paired"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    monkeypatch.setenv("MIDAS_STATE_URL", f"sqlite:///{tmp_path}/meta.db")  # made apart, as in two consoles
    google.unlink()
    meta = bare / "specs" / "meta.yaml"
    meta.write_text(
        META_NO_HOURS_SPEC.replace("lifetime: 900.00", "daily: 30.00")
        .replace("evening-shoes", "paired")
        .replace("America/New_York", "America/Los_Angeles"),
        encoding="utf-8",
    )
    assert midas("apply", "--auto-approve").code == 0
    monkeypatch.setenv("MIDAS_STATE_URL", f"sqlite:///{tmp_path}/import.db")
    meta.unlink()
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1, refused.output
    assert "would not load" not in refused.output, refused.output
    assert "runs an ad schedule in the Google account's time zone (America/New_York)" in refused.output
    assert "America/Los_Angeles" in refused.output and "schedule.time_zone cannot be both" in refused.output
    assert not list((bare / "specs").rglob("*.yaml"))  # nothing written


#: New hours for ``HOURS_SPEC``: the weekday slots move later (each overlaps the slot it replaces), Saturday's
#: goes, and Sunday gets one of its own (overlapping none).
LATER_WEEKDAYS_AND_SUNDAY = HOURS_SPEC.replace(
    '      - {days: [fri, mon, tue, wed, thu], start: "09:00", end: 17:30}\n'
    '      - {days: [sat], start: 10:00, end: "24:00"}\n',
    '      - {days: [mon, tue, wed, thu, fri], start: "13:00", end: "20:00"}\n'
    '      - {days: [sun], start: "10:00", end: "14:00"}\n',
)


@pytest.mark.parametrize("crash_after", [1, 6, 7, 11])
def test_an_apply_of_new_hours_killed_at_any_write_leaves_the_campaign_slots_and_converges(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """A new slot overlapping no slot leaving is made before any slot goes, so however early an apply of new
    hours is killed the campaign is never without slots (which would run its ads all the time)."""
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(HOURS_SPEC, encoding="utf-8")
    assert LATER_WEEKDAYS_AND_SUNDAY != HOURS_SPEC
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(LATER_WEEKDAYS_AND_SUNDAY, encoding="utf-8")
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    world = ConnectorFactory(load_settings(workspace)).sandbox_world()
    assert _slots(world, "office-hours"), "no slot left: the campaign would run all the time"
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 failed" in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _monday_hours(*slots: tuple[str, str]) -> str:
    """``HOURS_SPEC`` with Monday's ``slots`` alone."""
    return HOURS_SPEC.replace(
        '      - {days: [fri, mon, tue, wed, thu], start: "09:00", end: 17:30}\n'
        '      - {days: [sat], start: 10:00, end: "24:00"}\n',
        "".join(f'      - {{days: [mon], start: "{start}", end: "{end}"}}\n' for start, end in slots),
    )


def test_four_monday_slots_retimed_to_four_overlapping_none_stay_within_six_a_day_and_converge(
    midas: Midas, workspace: Path
) -> None:
    """Four new slots overlapping none of the four leaving cannot all be made before the removals: Monday
    would hold eight slots, and Google refuses a seventh (AD_SCHEDULE_EXCEEDED_INTERVALS_PER_DAY_LIMIT). Two
    are made first; the other two wait for two removals."""
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(
        _monday_hours(("00:00", "02:00"), ("04:00", "06:00"), ("08:00", "10:00"), ("12:00", "14:00"))
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    spec.write_text(
        _monday_hours(("02:00", "04:00"), ("06:00", "08:00"), ("10:00", "12:00"), ("14:00", "16:00"))
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    world = ConnectorFactory(load_settings(workspace)).sandbox_world()
    assert [(slot[1], slot[3]) for slot in _slots(world, "office-hours")] == [
        (2, 4),
        (6, 8),
        (10, 12),
        (14, 16),
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_restore_of_a_snapshot_holding_pacing_on_a_meta_ad_set_without_hours_converges(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """A snapshot taken before MIDAS stopped reading a Meta ad set's pacing without a schedule holds its
    ``pacing_type``: restore lifts it away (as the read does), so it is not re-sent on every restore."""
    (workspace / "specs" / "evening.yaml").write_text(META_NO_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", RUNNERS, 'pacing_type=["no_pacing"]').code == 0
    assert midas("snapshot", "--name", "s").code == 0
    with StateStore.open(state_url) as store:  # as a snapshot taken before 8fedf73 stored it
        record = store.snapshot("s")
        resources = json.loads(json.dumps(record.resources))
        [data] = [d for d in resources if d["address"] == RUNNERS]
        data["fields"]["pacing_type"] = ["no_pacing"]
        store.save_snapshot(dataclasses.replace(record, name="old", resources=resources))
    restored = midas("restore", "old", "--auto-approve")
    assert restored.code == 0 and "pacing_type" not in restored.output, restored.output
    again = midas("restore", "old")
    assert again.code == 0 and "No changes" in again.output, again.output
    drift = midas("drift")
    assert drift.code == 0, drift.output


@pytest.mark.parametrize("crash_after", [1, 2, 3, 5])
def test_an_apply_retiming_four_monday_slots_killed_at_any_write_leaves_slots_and_converges(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """The slots waiting for room on their day keep the crash-safety of those made first: a killed apply
    leaves Monday some slot, and a re-run converges within six a day."""
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(
        _monday_hours(("00:00", "02:00"), ("04:00", "06:00"), ("08:00", "10:00"), ("12:00", "14:00"))
    )
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(
        _monday_hours(("02:00", "04:00"), ("06:00", "08:00"), ("10:00", "12:00"), ("14:00", "16:00"))
    )
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    world = ConnectorFactory(load_settings(workspace)).sandbox_world()
    assert _slots(world, "office-hours"), "no slot left: the campaign would run all the time"
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 failed" in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
