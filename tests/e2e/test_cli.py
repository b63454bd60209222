"""The README's user journeys, run through the CLI against the sandbox (SQLite and PostgreSQL state).

The journeys whose subject is what a command says, refuses or sends (spec errors, warnings, output formats,
write counts, renames in a console …) are marked ``sqlite_store``: their store work is that of the journeys
run on both stores here (converge, records, renames in the specs, budget changes, locks, reports, alerts).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fakes.example import (
    DISPLAY_VIDEOS_SPEC,
    PMAX_SPEC,
    PMAX_VIDEOS_SPEC,
    RUNNERS_PLACED,
    SHOPPING_TREE_SPEC,
    per_ad_set,
    positions_converge_and_a_console_edit_is_drift,
    with_google_eu,
    with_positions,
)

from midas_reconcile.cli import App, main
from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox import connector as sandbox_connector
from midas_reconcile.resources import Address
from midas_reconcile.settings import load_settings
from midas_reconcile.store import StateStore

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def test_quickstart_converges_then_reports_and_restores_a_console_edit(midas: Midas) -> None:
    first = midas("apply", "--auto-approve")
    assert first.code == 0, first.output
    assert first.output.index("Plan: 44 to create") < first.output.index("Apply complete")
    assert midas("plan", "--detailed-exitcode").code == 0

    assert midas("sandbox", "set", "campaign/spring-sale@google", "budget.amount=80").code == 0
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "campaign_budget/spring-sale@google:google-main" in drift.output
    assert "| `amount_micros` | 30000000 (30.00 USD) | 80000000 (80.00 USD) |" in drift.output
    assert "amount_micros: 30000000 (30.00 USD) → 80000000 (80.00 USD)" in midas("drift").output

    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2
    assert "amount_micros: 80000000 (80.00 USD) → 30000000 (30.00 USD)" in plan.output

    assert midas("apply", "--auto-approve").code == 0
    again = midas("plan", "--detailed-exitcode")
    assert (again.code, "No changes." in again.output) == (0, True)
    assert midas("drift").code == 0


def test_saved_plan_applies_exactly_and_a_stale_one_is_refused(midas: Midas, workspace: Path) -> None:
    planfile = workspace / "release.plan.json"
    assert midas("plan", "--out", str(planfile)).code == 0
    saved = json.loads(planfile.read_text())
    assert saved["format_version"] == 1 and set(saved["fingerprints"]) == {"google-main", "meta-main"}

    applied = midas("apply", str(planfile))
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0

    assert midas("sandbox", "set", "campaign/spring-sale@meta", "status=paused").code == 0
    assert midas("plan", "--out", str(planfile)).code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@google", "budget.amount=70").code == 0
    stale = midas("apply", str(planfile))
    assert stale.code == 1
    assert "plan is stale" in stale.output and "google-main" in stale.output
    # Nothing of the stale plan was applied: the Meta campaign is still paused.
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    meta_campaign = next(o for o in objects if o["platform"] == "meta" and o["kind"] == "campaign")
    assert meta_campaign["status"] == "PAUSED"


@pytest.mark.sqlite_store
def test_validate_reports_every_problem_with_its_location(midas: Midas, workspace: Path) -> None:
    assert midas("validate").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    text = (
        spec.read_text()
        .replace("  budget:\n", "  budjet:\n")
        .replace("ages: {min: 25, max: 54}", "ages: {min: 9}")
    )
    spec.write_text(text)
    result = midas("validate")
    assert result.code == 1
    assert "specs/spring-sale.yaml:" in result.output
    assert "did you mean 'budget'" in result.output
    assert "Traceback" not in result.output
    assert midas("plan").code == 1


@pytest.mark.sqlite_store
def test_a_misspelt_interest_is_pointed_at_with_the_nearest_name_each_platform_knows(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(
        spec.read_text()
        .replace("interests: [Running, Fitness and wellness]", "interests: [Running, Fitnes and welness]")
        .replace(
            "    languages: [en]\n",
            "    languages: [en]\n    exclude: {interests: [Zzyzx]}\n",
            1,
        )
    )
    result = midas("validate")
    assert result.code == 1
    lines = result.output.splitlines()
    for platform, account in (("google", "google-main"), ("meta", "meta-main")):
        assert (
            "  specs/spring-sale.yaml:30:26: spec.targeting.interests[1]: interest 'Fitnes and welness' "
            f"is not known to {platform} account '{account}'; expected a name the platform's targeting "
            "search finds; did you mean 'Fitness and wellness'?"
        ) in lines
        # Nothing near it: no guess. It is written in the exclude list, and pointed at there, once (the ad
        # group "walkers" inherits it).
        assert (
            "  specs/spring-sale.yaml:29:27: spec.targeting.exclude.interests[0]: interest 'Zzyzx' is not "
            f"known to {platform} account '{account}'; expected a name the platform's targeting search finds"
        ) in lines
    assert len(lines) == 5
    assert midas("plan").code == 1


@pytest.mark.sqlite_store
def test_a_location_no_platform_knows_is_quoted_as_written(midas: Midas, workspace: Path) -> None:
    """A well-shaped region code no platform knows: the error quotes ``de-zz`` as the spec writes it, not
    the ISO case MIDAS stores it in."""
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("locations: [US, CA]", "locations: [US, de-zz]"))
    result = midas("validate")
    assert result.code == 1
    for platform, account in (("google", "google-main"), ("meta", "meta-main")):
        assert (
            "  specs/spring-sale.yaml:27:21: spec.targeting.locations[1]: location 'de-zz' is not known to "
            f"{platform} account '{account}'; expected a name the platform's targeting search finds"
        ) in result.output.splitlines()
    assert "DE-ZZ" not in result.output


@pytest.mark.sqlite_store
def test_an_unknown_name_in_a_platform_s_own_targeting_is_pointed_at_there_once(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text()
    text = text.replace("  meta:\n", "  meta:\n    targeting: {interests: [Yogaa]}\n", 1)
    text = text.replace("  google:\n", "  google:\n    targeting: {locations: [US-ZZ]}\n", 1)
    spec.write_text(text)
    result = midas("validate")
    assert result.code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("  specs/")]
    assert len(lines) == 2, result.output
    meta, google = sorted(lines, key=lambda line: "google" in line)
    assert "spec.meta.targeting.interests[0]: interest 'Yogaa' is not known to meta account" in meta
    assert "spec.google.targeting.locations[0]: location 'US-ZZ' is not known to google account" in google


@pytest.mark.sqlite_store
def test_schema_is_json_for_every_kind(midas: Midas) -> None:
    result = midas("schema")
    assert result.code == 0
    schema = json.loads(result.output)
    assert "Campaign" in json.dumps(schema) and "Guardrail" in json.dumps(schema)


def test_account_filter_plans_and_applies_one_account_only(midas: Midas) -> None:
    result = midas("apply", "--auto-approve", "--account", "meta-main")
    assert result.code == 0, result.output
    assert "@google" not in result.output
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert {o["platform"] for o in objects if o["managed"]} == {"meta"}
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 2
    unknown = midas("plan", "--account", "nope")
    assert unknown.code == 1 and "unknown account 'nope'" in unknown.output
    assert "Invalid value for '--account'" in unknown.output and "midas.yaml:1:1" not in unknown.output
    assert "expected one of google-main, meta-main" in unknown.output
    unlock = midas("state", "unlock", "googel-main", "--force")
    assert unlock.code == 1 and "Invalid value for 'ACCOUNT'" in unlock.output, unlock.output
    assert "midas.yaml:1:1" not in unlock.output


def test_removed_campaign_is_paused_and_deleted_only_on_request(midas: Midas, workspace: Path) -> None:
    assert midas("apply", "--auto-approve").code == 0
    (workspace / "specs" / "brand-awareness.yaml").unlink()
    (workspace / "policies" / "budget.yaml").unlink()

    paused = midas("apply", "--auto-approve")
    assert paused.code == 0, paused.output
    assert "! campaign/brand-awareness@google:google-main" in paused.output
    assert "to delete" in paused.output and "1 to pause" in paused.output
    assert midas("plan", "--detailed-exitcode").code == 0

    destroy = midas("apply", "--auto-approve", "--allow-destroy")
    assert destroy.code == 0, destroy.output
    assert "cannot be undone" in destroy.output
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert not [o for o in objects if o["name"] == "brand-awareness" and o["status"] != "REMOVED"]
    # What the platforms removed with the campaign leaves no record behind to drop on the next run.
    assert midas("plan", "--detailed-exitcode").code == 0
    assert "brand-awareness" not in midas("state", "list").output


def test_a_lifecycle_changed_alone_is_recorded_by_an_apply_that_writes_nothing(
    midas: Midas, workspace: Path
) -> None:
    """``lifecycle.on_remove`` is MIDAS's own setting, kept in its records: changed alone in an applied spec,
    the plan says the records change (not "No changes"), and the removal after the apply deletes."""
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(spec.read_text().replace("spec:\n", "spec:\n  lifecycle: {on_remove: delete}\n", 1))
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2, planned.output
    assert "campaign/brand-awareness@google:google-main: lifecycle.on_remove pause → delete" in planned.output
    assert "10 records to update" in planned.output and "0 to create, 0 to update" in planned.output
    writes = json.loads(midas("sandbox", "list", "--format", "json").output)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "Apply complete: 0 applied, 10 records updated, 0 failed" in applied.output  # as planned
    assert json.loads(midas("sandbox", "list", "--format", "json").output) == writes
    assert midas("plan", "--detailed-exitcode").code == 0

    spec.unlink()
    (workspace / "policies" / "budget.yaml").unlink()
    removal = midas("plan")
    assert "- campaign/brand-awareness@google:google-main" in removal.output, removal.output
    assert "(lifecycle.on_remove: delete)" in removal.output


def test_a_console_change_taken_into_the_specs_is_recorded_by_an_apply_and_drift_then_stops(
    midas: Midas, workspace: Path
) -> None:
    """Someone raised a budget in the console and the team kept it, writing it into the spec: the plan says
    the record is to refresh (not "No changes", which would leave drift failing the scheduled job on every
    run), the apply records it sending nothing, and drift is clean."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@google", "budget.amount=31").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(
        spec.read_text()
        .replace("    daily: 50.00", "    daily: 51.00")
        .replace(
            "split: {by: share, google: 0.6, meta: 0.4}", "split: {by: amount, google: 31.00, meta: 20.00}"
        )
    )
    drifted = midas("drift")
    assert drifted.code == 2 and "(specs now agree with live)" in drifted.output
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2, planned.output
    assert (
        "Records to refresh: console changes the specs now hold, or no longer specify, and objects made as "
        "the specs have them (nothing is sent to the platforms):\n"
        "  campaign_budget/spring-sale@google:google-main: amount_micros\n"
    ) in planned.output
    assert planned.output.rstrip().endswith("0 to delete, 1 record to refresh.")
    as_json = json.loads(midas("plan", "--format", "json").output)
    assert as_json["record_refreshes"] == {
        "campaign_budget/spring-sale@google:google-main": ["amount_micros"]
    }
    writes = json.loads(midas("sandbox", "list", "--format", "json").output)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert (
        "Apply complete: 0 applied, 1 record updated, 0 failed, 0 skipped (0 write calls)." in applied.output
    )
    assert json.loads(midas("sandbox", "list", "--format", "json").output) == writes
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_console_edit_is_told_from_a_spec_change_made_in_the_same_document(
    midas: Midas, workspace: Path
) -> None:
    """The spec's budget changed and an ad set was paused in the console: the ad set's status is the
    console's doing, not the spec's, though the spec document changed (its records' fields tell)."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "adset/spring-sale/runners@meta", "status=PAUSED").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 60.00"))
    planned = midas("plan").output
    assert (
        "~ adset/spring-sale/runners@meta:meta-main — changed on the platform since the last apply, "
        "restoring: status"
    ) in planned
    assert "~ campaign/spring-sale@meta:meta-main — spec changed: daily_budget" in planned


@pytest.mark.sqlite_store
def test_allowed_countries_know_the_country_a_region_is_in(midas: Midas, workspace: Path) -> None:
    """California is in the US: allowed where the US is, refused where it is not, on both platforms —
    not refused everywhere as "not a known country", nor let through because only countries were read."""
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("locations: [US, CA]", "locations: [US, US-CA]"))
    assert midas("plan", "--detailed-exitcode").code == 2  # allowed: US, CA, GB
    guardrails = workspace / "policies" / "guardrails.yaml"
    guardrails.write_text(
        guardrails.read_text().replace("allowed_countries: [US, CA, GB]", "allowed_countries: [CA, GB]")
    )
    blocked = midas("plan", "--detailed-exitcode")
    assert blocked.code == 1, blocked.output
    for where in ("campaign_criterion/spring-sale/location:", "adset/spring-sale/runners@meta:meta-main"):
        assert any(where in line and "targets US (US-CA)" in line for line in blocked.output.splitlines())


def test_a_deleted_ad_group_takes_the_records_of_all_in_it_along(midas: Midas, workspace: Path) -> None:
    """Google removes an ad group's criteria and ads with it, Meta an ad set's ads: the apply that deletes
    the group drops their records too, so the plan after it has nothing to do (not records to drop)."""
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    start = text.index("    - name: walkers")
    spec.write_text(text[:start] + text[text.index("\n", text.index("walking shoes", start)) + 1 :])
    destroy = midas("apply", "--auto-approve", "--allow-destroy")
    assert destroy.code == 0, destroy.output
    assert "ad_group/spring-sale/walkers@google" in destroy.output
    after = midas("plan", "--detailed-exitcode")
    assert after.code == 0, after.output
    assert "spring-sale/walkers" not in midas("state", "list").output
    assert midas("drift").code == 0


def test_guardrail_blocks_apply_until_overridden(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 900.00"))
    blocked = midas("apply", "--auto-approve")
    assert blocked.code == 1
    assert "override with --override budget-cap" in blocked.output
    assert json.loads(midas("sandbox", "list", "--format", "json").output) == []

    allowed = midas("apply", "--auto-approve", "--override", "budget-cap")
    assert allowed.code == 0, allowed.output


def _create_by_hand(workspace: Path, name: str) -> None:
    """A Google campaign made in the console: no midas-managed label, unknown to the state store."""
    connector = ConnectorFactory(load_settings(workspace)).create("google-main")
    budget = Address("google", "google-main", "campaign_budget", name)
    campaign = Address("google", "google-main", "campaign", name)
    results = connector.write(
        [
            WriteOp(
                "create", budget, {"name": name, "amount_micros": 10_000_000, "explicitly_shared": False}
            ),
            WriteOp(
                "create",
                campaign,
                {
                    "name": name,
                    "status": "ENABLED",
                    "advertising_channel_type": "SEARCH",
                    "bidding_strategy_type": "TARGET_SPEND",
                },
                refs={"campaign_budget": budget},
            ),
        ]
    )
    assert all(r.ok for r in results), results


def test_unmanaged_objects_are_never_touched(midas: Midas, workspace: Path) -> None:
    _create_by_hand(workspace, "holiday-by-hand")
    assert midas("apply", "--auto-approve").code == 0
    hidden = midas("plan")
    assert "holiday-by-hand" not in hidden.output
    listing = midas("plan", "--show-unmanaged", "--detailed-exitcode")
    assert listing.code == 0, listing.output
    assert "campaign/holiday-by-hand@google:google-main" in listing.output
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    by_hand = [o for o in objects if o["name"] == "holiday-by-hand" and o["kind"] == "campaign"]
    assert [(o["status"], o["managed"]) for o in by_hand] == [("ENABLED", False)]


def test_a_spec_naming_an_unmanaged_campaign_is_a_conflict_not_a_takeover(
    midas: Midas, workspace: Path
) -> None:
    _create_by_hand(workspace, "spring-sale")
    result = midas("apply", "--auto-approve", "--account", "google-main")
    assert result.code == 1
    assert "not managed by MIDAS" in result.output and "midas import" in result.output
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert not [o for o in objects if o["managed"]]


def test_second_apply_fails_at_once_naming_the_lock_holder(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    store = StateStore.open(state_url)
    try:
        with store.lock("meta-main", "alice@ci-runner pid 4242"):
            blocked = midas("apply", "--auto-approve")
            assert blocked.code == 1
            assert "alice@ci-runner pid 4242" in blocked.output
            assert "midas state unlock meta-main --force" in blocked.output
    finally:
        store.close()
    assert midas("apply", "--auto-approve").code == 0


def test_state_commands(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    listing = midas("state", "list", "--account", "meta-main")
    assert listing.code == 0 and "campaign/spring-sale@meta:meta-main  id=" in listing.output
    runs = midas("state", "runs")
    assert runs.code == 0 and "apply" in runs.output and "e2e-test" in runs.output
    verify = midas("state", "verify")
    assert verify.code == 0 and "intact" in verify.output
    unlock = midas("state", "unlock", "google-main", "--force")
    assert unlock.code == 0 and "was not locked" in unlock.output


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--format", "yaml"],
        ["nosuchcommand"],
        ["apply", "--override", "x"],
        ["plan", "-C", "."],  # the README: -C and --state-url go before the command
        ["plan", "--state-url", "sqlite://"],
    ],
)
def test_usage_errors_exit_1_not_2(midas: Midas, args: list[str]) -> None:
    assert midas(*args).code == 1


def test_locks_are_per_account_so_accounts_apply_in_parallel(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    store = StateStore.open(state_url)
    try:
        with store.lock("meta-main", "job-meta pid 1"):
            google_only = midas("apply", "--auto-approve", "--account", "google-main")
            assert google_only.code == 0, google_only.output
    finally:
        store.close()


def test_throttling_storm_is_retried_until_the_apply_converges(
    workspace: Path, state_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MIDAS_STATE_URL", state_url)
    # Every call fails at this rate; a read retries each of its queries on its own (``Session._read``).
    monkeypatch.setenv("MIDAS_SANDBOX_FAULTS", "transient_rate=0.3,seed=7")
    waits: list[float] = []
    code = main(["-C", str(workspace), "apply", "--auto-approve"], app=App(sleep=waits.append))
    output = capsys.readouterr()
    assert code == 0, output.out + output.err
    assert waits, "the storm should have forced at least one retry"
    assert all(w >= 0 for w in waits)
    monkeypatch.delenv("MIDAS_SANDBOX_FAULTS")
    assert main(["-C", str(workspace), "plan", "--detailed-exitcode"], app=App()) == 0


def test_progress_bar_on_a_terminal_and_log_lines_otherwise(capsys: pytest.CaptureFixture[str]) -> None:
    from midas_reconcile.applier import ApplyEvent
    from midas_reconcile.cli import _Progress

    events = [
        ApplyEvent("batch_start", "g", 0, 10, "batch 1"),
        ApplyEvent("batch_done", "g", 10, 10, "batch 1 done"),
    ]
    plain = _Progress(enabled=False)
    for event in events:
        plain(event)
    assert capsys.readouterr().err == "apply: g: batch 1 done\n"
    bar = _Progress(enabled=True)
    for event in events:
        bar(event)
    bar.close()
    assert "Applying" in capsys.readouterr().err


def test_object_deleted_in_the_console_is_reported_and_recreated(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "delete", "ad/spring-sale/walkers/spring-shoes@meta").code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2
    items = json.loads(drift.output)["items"]
    assert [(i["address"], i["kind"]) for i in items] == [
        ("ad/spring-sale/walkers/spring-shoes@meta:meta-main", "deleted")
    ]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "deleted out of band" in plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0


@pytest.mark.sqlite_store
def test_a_plan_blocked_by_violations_is_never_no_changes(
    midas: Midas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state lost after an apply: the live campaigns carry MIDAS's marker but no record, a conflict
    that blocks the apply. The plan says so, never that the live state matches; both commands exit 1."""
    assert midas("apply", "--auto-approve").code == 0
    monkeypatch.setenv("MIDAS_STATE_URL", f"sqlite:///{tmp_path / 'lost' / 'state.db'}")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 1, plan.output
    assert "Violations (apply is blocked)" in plan.output and "the state was lost" in plan.output
    assert "Live state matches" not in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1, applied.output
    assert "Error: the plan cannot be applied" in applied.output


@pytest.mark.sqlite_store
def test_apply_without_a_terminal_needs_auto_approve(midas: Midas) -> None:
    result = midas("apply")
    assert result.code == 1
    assert "--auto-approve" in result.output
    assert json.loads(midas("sandbox", "list", "--format", "json").output) == []


def test_apply_in_json_prints_one_document_of_the_plan_and_its_result(
    midas: Midas, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def apply_json(*args: str) -> tuple[int, Any, str]:
        capsys.readouterr()
        code = main(["-C", str(workspace), "apply", "--format", "json", *args], app=App())
        out, err = capsys.readouterr()
        return code, json.loads(out), err

    code, document, log = apply_json("--auto-approve")
    assert code == 0, log
    assert set(document) == {"plan", "apply", "error"} and document["error"] is None
    assert document["plan"]["format_version"] == 1 and document["plan"]["changes"]
    assert document["apply"]["ok"] is True and document["apply"]["counts"]["moved"] == 0
    assert document["apply"]["counts"]["applied"] == len(document["apply"]["outcomes"])

    code, document, _ = apply_json("--auto-approve")
    assert (code, document["apply"]) == (0, None)  # nothing to apply

    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 900.00"))
    code, document, log = apply_json("--auto-approve")
    assert (code, document["apply"]) == (1, None)
    assert document["plan"]["violations"] and "--override budget-cap" in log

    asked = midas("apply", "--format", "json")
    assert asked.code == 1 and "--auto-approve" in asked.output


@pytest.mark.sqlite_store
def test_with_format_json_a_failure_is_a_json_document_on_stdout_too(
    midas: Midas, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI parses stdout: under ``--format json`` every failure of plan and apply prints one document, the
    command's own keys (null where nothing was made) with ``error``; exit code and stderr line stay."""

    def run(*args: str) -> tuple[int, Any, str]:
        capsys.readouterr()
        code = main(["-C", str(workspace), *args], app=App())
        out, err = capsys.readouterr()
        return code, json.loads(out), err

    assert midas("apply", "--auto-approve").code == 0
    planfile = workspace / "release.plan.json"
    assert midas("plan", "--out", str(planfile)).code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta", "status=paused").code == 0
    code, document, log = run("apply", str(planfile), "--format", "json")
    assert code == 1 and "Error: the plan is stale" in log
    assert document == {
        "plan": None,
        "apply": None,
        "error": {"type": "PlanError", "message": log.strip().removeprefix("Error: ")},
    }

    code, document, log = run("plan", "--account", "nope", "--format", "json")
    assert code == 1 and "unknown account 'nope'" in log
    assert (
        document["error"]["type"] == "UsageError" and "unknown account 'nope'" in document["error"]["message"]
    )
    code, document, _ = run("apply", "--auto-approve", "--account", "nope", "--format", "json")
    assert (code, document["plan"], document["apply"], document["error"]["type"]) == (
        1,
        None,
        None,
        "UsageError",
    )

    spec = workspace / "specs" / "spring-sale.yaml"
    original = spec.read_text()
    spec.write_text(original.replace("locations: [US, CA]", "locations: [US, germany]"))
    for args in (("plan",), ("apply", "--auto-approve")):
        code, document, log = run(*args, "--format", "json")
        assert code == 1 and "found 'germany'" in log
        error = document["error"]
        assert error["type"] == "SpecError" and error["message"].startswith("1 problem in the workspace")
        assert [(i["file"], i["line"], i["field"]) for i in error["issues"]] == [
            ("specs/spring-sale.yaml", 27, "spec.targeting.locations[1]")
        ]

    spec.write_text(original.replace("daily: 50.00", "daily: 900.00"))
    code, document, log = run("apply", "--auto-approve", "--format", "json")
    assert code == 1 and "--override budget-cap" in log
    assert document["plan"]["violations"] and document["apply"] is None
    assert document["error"]["type"] == "PolicyViolation"
    assert document["error"]["violations"] == document["plan"]["violations"]

    spec.write_text(original)
    settings = workspace / "midas.yaml"
    settings.write_text(settings.read_text().replace("connector: sandbox ", "connector: google_ads ", 1))
    code, document, log = run("plan", "--format", "json")
    assert code == 1 and "no Google Ads developer token" in log
    assert document["error"]["type"] == "AuthError" and "developer token" in document["error"]["message"]


def _write_requests(midas: Midas) -> dict[str, int]:
    """The write requests the sandbox has answered per account: each Google Mutate request, and each
    request of a Meta batch (Meta counts each against its call limits) or single Graph write."""
    stats = json.loads(midas("sandbox", "stats", "--format", "json").output)
    google = sum(stats["calls"]["google"]["1234567890"].get("write", {}).values())
    meta = sum(stats["operations"].get("meta", {}).get("1234567890", {}).get("write", {}).values())
    return {"google-main": google, "meta-main": meta}


@pytest.mark.sqlite_store
def test_the_apply_counts_each_write_request_it_sends_not_each_batch(
    midas: Midas, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One batch of the applier may be many requests: the YouTube video assets made first, the main Mutate,
    an asset group's texts, each asset group and product group tree in a request of its own, each request of
    a Meta batch. The summary counts them all, in text and JSON alike."""
    for name, text in {
        "pmax": PMAX_VIDEOS_SPEC,
        "display": DISPLAY_VIDEOS_SPEC,
        "shop": SHOPPING_TREE_SPEC,
    }.items():
        (workspace / "specs" / f"{name}.yaml").write_text(text, encoding="utf-8")
    assert midas("plan").code == 0
    before = _write_requests(midas)
    capsys.readouterr()
    assert main(["-C", str(workspace), "apply", "--auto-approve", "--format", "json"], app=App()) == 0
    document = json.loads(capsys.readouterr().out)
    after = _write_requests(midas)
    sent = {account: after[account] - before[account] for account in after}
    assert sent["google-main"] >= 4 and sent["meta-main"] > 1  # each more than one batch
    assert document["apply"]["write_calls"] == sent

    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(
        spec.read_text()
        .replace("daily: 50.00", "daily: 60.00")
        .replace("ages: {min: 35, max: 64}", "ages: {min: 40, max: 64}")
    )
    before = _write_requests(midas)
    changed = midas("apply", "--auto-approve")
    assert changed.code == 0, changed.output
    after = _write_requests(midas)
    total = sum(after.values()) - sum(before.values())
    assert total > 2 and f"({total} write calls)." in changed.output, changed.output


def _four_budget_changes(midas: Midas, spec: Path) -> str:
    """Apply the example, then change spring-sale's daily budget 4 times (Meta's limit an hour); returns
    the original spec text."""
    original = spec.read_text()
    assert midas("apply", "--auto-approve").code == 0
    for daily in ("51.00", "52.00", "53.00", "54.00"):
        spec.write_text(original.replace("daily: 50.00", f"daily: {daily}"))
        assert midas("apply", "--auto-approve").code == 0
    return original


def test_a_fifth_meta_budget_change_within_the_hour_is_announced_and_held_back(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    original = _four_budget_changes(midas, spec)
    # An ad set's targeting changed too: it needs the held campaign's id alone, not its new budget.
    walkers = "ages: {min: 35, max: 64}"
    spec.write_text(
        original.replace("daily: 50.00", "daily: 55.00").replace(walkers, "ages: {min: 40, max: 64}")
    )
    plan = midas("plan")
    assert "must wait until" in plan.output and "Meta allows 4 budget changes" in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1
    assert "held back, not sent" in applied.output and "depends on failed" not in applied.output
    # Said as it happens too, beside the batch lines that count only what was sent.
    assert "apply: meta-main: campaign/spring-sale@meta:meta-main: held back, not sent" in applied.output
    # The Google budget is not limited: it moved, as did the ad set; the Meta budget waits for its hour.
    after = midas("plan", "--format", "json")
    changes = {c["address"]: c for c in json.loads(after.output)["changes"] if c["action"] != "noop"}
    assert list(changes) == ["campaign/spring-sale@meta:meta-main"]
    assert changes["campaign/spring-sale@meta:meta-main"]["warnings"]


def test_a_renamed_campaign_keeps_its_budget_changes_of_the_hour(midas: Midas, workspace: Path) -> None:
    """Meta counts changes per campaign, whatever its name: renamed in place, it still waits."""
    spec = workspace / "specs" / "spring-sale.yaml"
    original = _four_budget_changes(midas, spec)
    renamed = original.replace("name: spring-sale", "name: spring-sale-2")
    spec.write_text(renamed.replace("daily: 50.00", "daily: 54.00"))
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(renamed.replace("daily: 50.00", "daily: 55.00"))
    plan = midas("plan")
    assert "campaign/spring-sale-2@meta:meta-main" in plan.output and "must wait until" in plan.output


def test_a_removed_spec_put_back_is_back_in_the_specs_not_a_console_edit(
    midas: Midas, workspace: Path, tmp_path: Path
) -> None:
    """Removing a spec pauses its campaign; putting it back unchanged restores a status MIDAS set itself."""
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    kept = spec.rename(tmp_path / "spring-sale.yaml")
    assert "removed from the specs — pausing" in midas("apply", "--auto-approve").output
    kept.rename(spec)
    back = midas("plan")
    assert "~ campaign/spring-sale@google:google-main — back in the specs: status" in back.output
    assert "~ campaign/spring-sale@meta:meta-main — back in the specs: status" in back.output
    assert "changed on the platform" not in back.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.sqlite_store
def test_plan_can_have_the_platforms_validate_its_writes_without_changing_anything(midas: Midas) -> None:
    checked = midas("plan", "--validate-remote", "--detailed-exitcode")
    assert checked.code == 2, checked.output  # changes to make, none refused
    assert "Remote validation of google-main: 0 refusal(s)" in checked.output
    assert "Not validated remotely (the platform offers no check): meta-main" in checked.output
    live = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert [o for o in live if o["platform"] == "google"] == []  # validated, not created
    assert midas("plan", "--detailed-exitcode").code == 2  # still everything to create


def test_plan_reasons_tell_a_spec_edit_from_a_console_edit(midas: Midas, workspace: Path) -> None:
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 60.00"))
    edited = midas("plan")
    assert "campaign_budget/spring-sale@google:google-main — spec changed: amount_micros" in edited.output
    assert "changed on the platform" not in edited.output

    spec.write_text(spec.read_text().replace("daily: 60.00", "daily: 50.00"))
    assert midas("sandbox", "set", "campaign/spring-sale@google", "budget.amount=80").code == 0
    drifted = midas("plan")
    assert "changed on the platform since the last apply, restoring: amount_micros" in drifted.output
    assert "spec changed" not in drifted.output


def test_plan_shows_what_an_apply_takes_of_the_days_google_allowance(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    settings = workspace / "midas.yaml"
    settings.write_text(settings.read_text().replace("access_level: standard", "access_level: explorer"))
    first = midas("plan")
    line = next(w for w in first.output.splitlines() if "google-main: applying this plan takes about" in w)
    assert "of the developer token's 2,880 for today" in line and "will not fit" not in line
    assert "meta-main: applying" not in first.output  # Meta has no daily operation allowance

    assert midas("apply", "--auto-approve").code == 0
    with StateStore.open(state_url) as store:
        spent = sum(r.summary.get("operations", {}).get("google-main", 0) for r in store.runs())
    assert spent > 40  # the apply's writes and every plan's reads were recorded

    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 60.00"))
    again = " ".join(midas("plan").output.split())
    shown = int(again.split("MIDAS spent ")[1].split(" ")[0].replace(",", ""))
    # This plan's own queries: labels, six kinds (no asset groups without Performance Max) and the ad groups'
    # bid modifiers.
    reads = 8
    assert shown == spent + reads


def test_the_google_allowance_estimate_counts_each_query_a_plan_runs_once(
    midas: Midas, workspace: Path
) -> None:
    """The reads an apply's plan takes, in the allowance line, are the queries a read runs, each once: with
    a Performance Max campaign beside Search ones, every counted type runs (labels, each kind, the ad groups'
    bid modifiers among them, and the asset group links); the plan's one write is the budget's update."""
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    settings = workspace / "midas.yaml"
    settings.write_text(settings.read_text().replace("access_level: standard", "access_level: explorer"))
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 60.00"))

    def queries() -> dict[str, int]:
        stats = json.loads(midas("sandbox", "stats", "--format", "json").output)
        return dict(stats["calls"]["google"]["1234567890"]["read"])

    before = queries()
    planned = " ".join(midas("plan").output.split())
    ran = {kind: n - before.get(kind, 0) for kind, n in queries().items() if n > before.get(kind, 0)}
    assert ran["ad_group_bid_modifier"] == 1 and ran["asset_group_asset"] == 1, ran
    estimate = int(planned.split("applying this plan takes about ")[1].split(" ")[0].replace(",", ""))
    assert estimate == 1 + sum(ran.values()), (ran, planned)


def test_metrics_sync_stores_each_day_once_and_refetches_the_attribution_window(
    midas: Midas, state_url: str
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    first = midas("metrics", "sync", "--from", "2026-11-01", "--to", "2026-11-20")
    assert first.code == 0, first.output
    with StateStore.open(state_url) as store:
        stored = store.metrics()
    assert stored and {m.date for m, _ in stored} <= {dt.date(2026, 11, d) for d in range(1, 21)}
    # spring-sale starts 2027-03-01: no spend in November 2026 on Google nor on Meta (its ad sets' dates)
    assert {a for _, a in stored} == {"campaign/brand-awareness@google:google-main"}
    again = midas("metrics", "sync", "--from", "2026-11-01", "--to", "2026-11-20")
    assert again.code == 0
    with StateStore.open(state_url) as store:
        assert store.metrics() == stored  # the same rows, once

    backwards = midas("metrics", "sync", "--from", "2026-11-20", "--to", "2026-11-01")
    assert backwards.code == 1 and "is after --to" in backwards.output


def test_report_shows_both_platforms_side_by_side_with_kpis_and_changes(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    # spring-sale runs from 2027-03-01 (its ad sets' start on Meta): no spend before, on either platform
    assert midas("metrics", "sync", "--from", "2027-03-04", "--to", "2027-03-17").code == 0
    shown = midas("report", "--from", "2027-03-11", "--to", "2027-03-17", "--format", "json")
    assert shown.code == 0, shown.output
    data = json.loads(shown.output)
    assert (data["previous_start"], data["previous_end"], data["currency"]) == (
        "2027-03-04",
        "2027-03-10",
        "USD",
    )
    rows = {(r["campaign"], r["platform"]): r for r in data["rows"]}
    assert ("total", "") in rows and len(rows) >= 2
    total = rows[("total", "")]
    parts = [r for key, r in rows.items() if key != ("total", "") and key[1] != "combined"]
    assert Decimal(total["spend"]) == sum(Decimal(r["spend"]) for r in parts)
    assert total["grade"] in "ABCDF" and total["spend_change_pct"] != "n/a"
    by_day = midas("report", "--from", "2027-03-11", "--to", "2027-03-17", "--by", "day", "--format", "csv")
    assert by_day.output.splitlines()[0].startswith("day,impressions,clicks,spend")
    assert len(by_day.output.splitlines()) == 1 + 7 + 1  # header, seven days, total
    assert midas("report", "--from", "2027-03-11", "--last", "3").code == 1
    only = midas(
        "report",
        "--from",
        "2027-03-11",
        "--to",
        "2027-03-17",
        "--campaign",
        "spring-sale",
        "--format",
        "json",
    )
    names = {r["campaign"] for r in json.loads(only.output)["rows"]} - {"total"}
    assert names == {"spring-sale"}


@pytest.mark.sqlite_store
def test_report_of_an_unknown_campaign_names_the_known_ones(midas: Midas, workspace: Path) -> None:
    _create_by_hand(workspace, "holiday-by-hand")  # no spec, but metrics: reportable by its name
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", "--from", "2026-11-01", "--to", "2026-11-07").code == 0
    unknown = midas("report", "--from", "2026-11-01", "--to", "2026-11-07", "--campaign", "nope")
    assert unknown.code == 1
    assert "no campaign named 'nope'" in unknown.output
    assert "brand-awareness, holiday-by-hand, spring-sale" in unknown.output
    by_hand = midas(
        "report",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-07",
        "--campaign",
        "holiday-by-hand",
        "--format",
        "json",
    )
    assert by_hand.code == 0, by_hand.output
    assert {r["campaign"] for r in json.loads(by_hand.output)["rows"]} - {"total"} == {"holiday-by-hand"}


def test_same_named_console_campaigns_of_two_accounts_are_reported_apart(
    midas: Midas, workspace: Path
) -> None:
    """An agency's accounts often hold campaigns of one name ("Brand"): made in the consoles, no spec makes
    them one campaign, so the report keeps each account's apart, named after its account, in both periods."""
    with_google_eu(workspace)
    for account in ("google-main", "google-eu"):
        made = midas("sandbox", "add-campaign", account, "brand", "--channel", "SEARCH", "--daily", "10")
        assert made.code == 0, made.output
    assert midas("metrics", "sync", "--from", "2026-10-25", "--to", "2026-11-07").code == 0
    report = midas("report", "--from", "2026-11-01", "--to", "2026-11-07", "--format", "json")
    assert report.code == 0, report.output
    rows = {(r["campaign"], r["platform"]): r for r in json.loads(report.output)["rows"]}
    assert {"brand (google-eu)", "brand (google-main)"} <= {campaign for campaign, _ in rows}
    assert not any(campaign == "brand" for campaign, _ in rows)
    assert not any(campaign.startswith("brand") and platform == "combined" for campaign, platform in rows)
    for account in ("google-main", "google-eu"):
        line = rows[(f"brand ({account})", "google")]
        assert line["spend_change_pct"] not in (None, "n/a")  # against the same account's week before
    week = ("report", "--from", "2026-11-01", "--to", "2026-11-07")
    # A label copied from the report picks that account's campaign, whatever the grouping.
    for label, account in (("brand (google-eu)", "google-eu"), ("brand (google-main)", "google-main")):
        only = midas(*week, "--campaign", label, "--format", "json")
        assert only.code == 0, only.output
        picked = json.loads(only.output)["rows"]
        assert {r["campaign"] for r in picked} - {"total"} == {label}
        line = rows[(label, "google")]
        assert [r["spend"] for r in picked if r["campaign"] == "total"] == [line["spend"]]
        by_platform = midas(*week, "--by", "platform", "--campaign", label, "--format", "json")
        totals = [r["spend"] for r in json.loads(by_platform.output)["rows"] if r["platform"] == "total"]
        assert totals == [line["spend"]], account
    both = midas(
        *week, "--campaign", "brand (google-eu)", "--campaign", "brand (google-main)", "--format", "json"
    )
    assert {r["campaign"] for r in json.loads(both.output)["rows"]} - {"total"} == {
        "brand (google-eu)",
        "brand (google-main)",
    }
    # The plain name is two campaigns the report keeps apart: it says which labels to pick from.
    ambiguous = midas(*week, "--campaign", "brand")
    assert ambiguous.code == 1
    assert (
        "Error: --campaign 'brand' names campaigns of several accounts, which reports keep apart; "
        "expected one of 'brand (google-eu)', 'brand (google-main)'"
    ) in ambiguous.output
    unknown = midas(*week, "--campaign", "brand (google-us)")
    assert unknown.code == 1 and "no campaign named 'brand (google-us)'" in unknown.output
    assert "'brand (google-eu)'" in unknown.output or "brand (google-eu)" in unknown.output


@pytest.mark.sqlite_store
def test_the_html_report_is_one_self_contained_file_with_charts_and_the_kpi_table(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", "--from", "2027-03-04", "--to", "2027-03-17").code == 0
    out = workspace / "report.html"
    written = midas(
        "report", "--from", "2027-03-11", "--to", "2027-03-17", "--format", "html", "--out", str(out)
    )
    assert written.code == 0, written.output
    page = out.read_text(encoding="utf-8")
    for chart in ("chart-spend", "chart-conversions", "chart-roas", "chart-cpa"):
        section = page.split(f'<section id="{chart}">', 1)[1].split("</section>", 1)[0]
        assert "<svg" in section and "</svg>" in section, chart
    table = page.split('<table id="kpi-table">', 1)[1].split("</table>", 1)[0]
    assert "<th>campaign</th>" in table and "<td>total</td>" in table and "<th>roas</th>" in table
    assert "spring-sale" in table
    assert not re.search(r'<(script|link|img)[^>]*(src|href)="https?://', page)  # nothing from the network
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "").replace(
        "http://www.w3.org/1999/xlink", ""
    )


def test_alerts_check_exits_2_when_a_rule_fires_and_notifies_once(midas: Midas) -> None:
    assert midas("alerts", "check").code == 0  # no metrics yet: nothing can fire
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", "--from", "2026-11-04", "--to", "2026-11-17").code == 0
    dry = midas("alerts", "check", "--dry-run")
    assert dry.code == 2 and "FIRING" in dry.output and "notify" not in dry.output
    assert midas("alerts", "history").output.strip() == ""  # a dry run records nothing
    first = midas("alerts", "check")
    assert first.code == 2 and "notify  firing:" in first.output
    again = midas("alerts", "check")
    assert again.code == 2 and "notify" not in again.output  # within the cool-down
    history = midas("alerts", "history").output.splitlines()
    assert history and all(" firing " in line for line in history)
    assert "low-ctr: ctr < 1.5" in midas("alerts", "list").output


@pytest.mark.sqlite_store
def test_meta_ad_sets_placed_by_position_and_device_apply_converge_and_drift(
    midas: Midas, workspace: Path
) -> None:
    """``meta.placements`` by position and ``meta.devices`` reach the sandbox's ad sets as Meta's targeting
    fields, read back exactly (no change planned after apply), and a console's change of them is drift."""
    with_positions(workspace)

    def console_set(address: str, changes: dict[str, Any]) -> None:
        edits = [f"{field}={json.dumps(value)}" for field, value in changes.items()]
        assert midas("sandbox", "set", address, *edits).code == 0

    positions_converge_and_a_console_edit_is_drift(midas, console_set)
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    live = {r.address.path: r.fields["targeting"] for r in meta.read() if r.address.kind == "adset"}
    assert {k: v for k, v in live["spring-sale/runners"].items() if k in RUNNERS_PLACED} == RUNNERS_PLACED
    walkers = live["spring-sale/walkers"]
    assert (walkers["publisher_platforms"], walkers["instagram_positions"]) == (["instagram"], ["explore"])
    assert "device_platforms" not in walkers and "facebook_positions" not in walkers


@pytest.mark.sqlite_store
def test_a_campaign_budgeted_per_ad_set_applies_and_converges(midas: Midas, workspace: Path) -> None:
    """Ad set budgets and an ad set's own dates go to the Meta ad sets; Google keeps its share and dates."""
    (workspace / "specs" / "abo.yaml").write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: abo}
spec:
  platforms: {google: {account: google-main}, meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 30.00, currency: USD, split: {by: amount, google: 12.00, meta: 18.00}}
  schedule: {start: 2026-12-01, end: 2026-12-24, time_zone: America/New_York}
  targeting: {locations: [US]}
  ad_groups:
    - name: early
      meta: {budget: {daily: 12.50}}
    - name: late
      meta: {budget: {daily: 5.50}, schedule: {start: 2026-12-15}}
  creatives:
    - name: ad
      headlines: [Winter Sale, Warm Coats, Free Returns]
      descriptions: [Coats for every day., Order by Dec 20.]
      final_url: https://shop.example.com/
""",
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    live = {r.address.path: r.fields for r in meta.read() if r.address.campaign == "abo"}
    assert "daily_budget" not in live["abo"] and "lifetime_budget" not in live["abo"]
    assert (live["abo/early"]["daily_budget"], live["abo/late"]["daily_budget"]) == (1250, 550)
    assert live["abo/early"]["start_time"] == "2026-12-01T00:00:00-0500"
    assert live["abo/late"]["start_time"] == "2026-12-15T00:00:00-0500"
    assert live["abo/late"]["end_time"] == "2026-12-24T23:59:59-0500"


@pytest.mark.parametrize("write_batch_size", [50, 1], ids=["one-batch", "a-request-per-batch"])
@pytest.mark.sqlite_store
def test_a_live_campaign_switches_to_ad_set_budgets_and_back(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch, write_batch_size: int
) -> None:
    """Meta takes each switch as one request on the campaign (``adset_budgets`` off, a budget on), however
    the apply splits the campaign's and its ad sets' updates into batches."""
    monkeypatch.setattr(sandbox_connector, "MAX_BATCH", write_batch_size)
    spec = workspace / "specs" / "spring-sale.yaml"
    original = spec.read_text()
    assert midas("apply", "--auto-approve").code == 0
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    for text, campaign_budget, adset_budgets in (
        (per_ad_set(original), None, {1200, 800}),
        (original, 2000, {None}),
    ):
        spec.write_text(text)
        applied = midas("apply", "--auto-approve")
        assert applied.code == 0, applied.output
        assert midas("plan", "--detailed-exitcode").code == 0
        live = [r for r in meta.read() if r.address.campaign == "spring-sale"]
        assert [r.fields.get("daily_budget") for r in live if r.address.kind == "campaign"] == [
            campaign_budget
        ]
        assert {r.fields.get("daily_budget") for r in live if r.address.kind == "adset"} == adset_budgets


@pytest.mark.sqlite_store
def test_a_budget_switching_between_daily_and_lifetime_is_refused_before_any_write(
    midas: Midas, workspace: Path
) -> None:
    """A Google budget's period is immutable and its name unique in the account: the switch would need the
    budget replaced under its campaign, which an apply stopped half-way could not recover from; Meta does
    not edit a campaign's daily budget into a lifetime one. The plan says so, per platform, as violations;
    the apply writes nothing, on either platform."""
    spec = workspace / "specs" / "spring-sale.yaml"
    daily = spec.read_text("utf-8")
    assert "    daily: 50.00\n" in daily
    assert midas("apply", "--auto-approve").code == 0
    live_before = [
        (r.address, r.fields) for r in ConnectorFactory(load_settings(workspace)).create("google-main").read()
    ]
    spec.write_text(daily.replace("    daily: 50.00\n", "    lifetime: 5000.00\n"), "utf-8")
    plan = midas("plan")
    for address, platform in (
        ("campaign_budget/spring-sale@google:google-main", "Google"),
        ("campaign/spring-sale@meta:meta-main", "Meta"),
    ):
        assert f"{address} would switch between a daily and a lifetime budget, which {platform} cannot" in (
            plan.output
        ), plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1 and "cannot be applied" in applied.output
    live_after = [
        (r.address, r.fields) for r in ConnectorFactory(load_settings(workspace)).create("google-main").read()
    ]
    assert live_after == live_before
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    assert [
        r.fields.get("daily_budget")
        for r in meta.read()
        if r.address.kind == "campaign" and r.address.path == "spring-sale"
    ] == [2000]


def test_an_object_gone_from_the_console_and_the_specs_alike_leaves_no_drift_once_applied(
    midas: Midas, workspace: Path
) -> None:
    """Deleted in the console and removed from the specs: nothing to write, but the store's records must go,
    or every drift run would report the deletion again."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "delete", "adset/spring-sale/walkers@meta:meta-main").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    walkers = "    - name: walkers\n"
    spec.write_text(
        spec.read_text("utf-8").replace(walkers, walkers + "      platforms: [google]\n"), "utf-8"
    )
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "to drop." in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.sqlite_store
def test_options_of_a_platform_the_campaign_does_not_run_on_are_a_warning_of_every_plan(
    midas: Midas, workspace: Path
) -> None:
    """An EU political advertising declaration on a Meta-only campaign does nothing: every plan says so,
    with changes to make or none."""
    (workspace / "specs" / "meta-only.yaml").write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: meta-only}
spec:
  platforms: {meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 10.00, currency: USD}
  targeting: {locations: [US]}
  google: {eu_political_advertising: true}
  creatives:
    - name: ad
      headlines: [Winter Sale, Warm Coats, Free Returns]
      descriptions: [Coats for every day., Order by Dec 20.]
      final_url: https://shop.example.com/
""",
        encoding="utf-8",
    )
    warning = "does not run on google, so its google: options (eu_political_advertising) do nothing"
    assert warning in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and warning in plan.output, plan.output


def _sandbox_objects(midas: Midas, kind: str) -> dict[str, dict[str, Any]]:
    """The sandbox's objects of ``kind`` by id."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    return {o["id"]: o for o in objects if o["kind"] == kind}


def _google_ads(midas: Midas) -> dict[str, str]:
    """The sandbox's Google ads: id → status."""
    return {id_: o["status"] for id_, o in _sandbox_objects(midas, "ad_group_ad").items()}


def _apply_converges(midas: Midas, write_calls: str) -> None:
    """An apply succeeds with ``write_calls`` (its summary's "(N write calls)"), then nothing is left to
    plan and nothing drifted."""
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert f"({write_calls})." in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0


def test_a_google_creative_renamed_in_the_specs_is_the_same_ad_under_its_new_name(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """Google keeps no ad name: the plan moves MIDAS's record, the apply sends nothing, the ad (its id,
    history and review) stays."""
    assert midas("apply", "--auto-approve").code == 0
    ads = _google_ads(midas)
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(spec.read_text().replace("brand-core", "brand-classic"))
    old, new = (
        f"ad_group_ad/brand-awareness/default/{n}@google:google-main" for n in ("brand-core", "brand-classic")
    )

    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2, planned.output
    assert f"-> {new} — creative renamed (was 'brand-core')" in planned.output
    assert f"# moved from {old}" in planned.output
    assert (
        "Plan: 0 to create, 0 to update, 0 to replace, 0 to pause, 0 to delete, 1 record to move."
        in planned.output
    )

    _apply_converges(midas, "0 write calls")
    assert _google_ads(midas) == ads
    with StateStore.open(state_url) as store:
        recorded = store.recorded(["google-main"])
    assert Address.parse(old) not in recorded
    assert recorded[Address.parse(new)].platform_id in ads


@pytest.mark.sqlite_store
def test_a_google_creative_renamed_and_paused_in_the_specs_is_moved_and_only_its_status_sent(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    ads = _google_ads(midas)
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(
        spec.read_text().replace("- name: brand-core\n", "- name: brand-classic\n      status: paused\n")
    )
    new = "ad_group_ad/brand-awareness/default/brand-classic@google:google-main"

    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert f"~ {new} — creative renamed (was 'brand-core')" in applied.output
    assert '~ status: "ENABLED" → "PAUSED"' in applied.output
    assert (
        "0 to create, 1 to update, 0 to replace, 0 to pause, 0 to delete, 1 record to move." in applied.output
    )
    assert "Apply complete: 1 applied, 1 record moved, 0 failed, 0 skipped (1 write call)." in applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    paused = _google_ads(midas)
    assert paused.keys() == ads.keys() and sorted(paused.values()) == ["ENABLED"] * 3 + ["PAUSED"]


def test_a_meta_creative_renamed_in_the_specs_renames_the_same_ad_and_keeps_its_creative(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """Meta keeps ad names: the apply sends the ad's new name alone — the ad (its id, delivery history and
    post) and its creative stay — and MIDAS's records of both move; Google's ad only moves its record."""
    assert midas("apply", "--auto-approve").code == 0
    ads, creatives = _sandbox_objects(midas, "ad"), _sandbox_objects(midas, "adcreative")
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("spring-apparel", "spring-gear"))
    old_ad, new_ad = (f"ad/spring-sale/runners/{n}@meta:meta-main" for n in ("spring-apparel", "spring-gear"))
    old_creative, new_creative = (a.replace("ad/", "adcreative/", 1) for a in (old_ad, new_ad))

    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2, planned.output
    assert f"~ {new_ad} — creative renamed (was 'spring-apparel'): the same ad" in planned.output
    assert f"# moved from {old_ad}" in planned.output and f"# moved from {old_creative}" in planned.output
    assert '~ name: "spring-apparel" → "spring-gear"' in planned.output
    assert (
        "0 to create, 1 to update, 0 to replace, 0 to pause, 0 to delete, 3 records to move."
        in planned.output
    )

    _apply_converges(midas, "1 write call")
    renamed = _sandbox_objects(midas, "ad")
    assert renamed.keys() == ads.keys() and _sandbox_objects(midas, "adcreative") == creatives
    assert sorted(o["name"] for o in renamed.values()) == sorted(
        "spring-gear" if o["name"] == "spring-apparel" else o["name"] for o in ads.values()
    )
    with StateStore.open(state_url) as store:
        recorded = store.recorded(["meta-main"])
    assert Address.parse(old_ad) not in recorded and Address.parse(old_creative) not in recorded
    assert recorded[Address.parse(new_ad)].platform_id in ads
    assert recorded[Address.parse(new_creative)].platform_id in creatives


@pytest.mark.sqlite_store
def test_a_meta_ad_renamed_in_a_console_is_drift_of_its_name_and_the_plan_renames_it_back(
    midas: Midas, workspace: Path
) -> None:
    """The same ad under another name (its id is recorded): drift reports the name, not a deleted ad."""
    assert midas("apply", "--auto-approve").code == 0
    ad = "ad/spring-sale/runners/spring-shoes@meta"
    assert midas("sandbox", "set", ad, "name=console-name").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "console-name" in drift.output and "deleted" not in drift.output, drift.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "0 to create" in applied.output and "0 to pause" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0


def _ids_and_names(midas: Midas) -> dict[str, tuple[str, str, str]]:
    """Every live sandbox object: id → (kind, name, status)."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    return {o["id"]: (o["kind"], o["name"], o["status"]) for o in objects}


def _renamed_walkers(objects: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """``objects`` with the ad group / ad set walkers named striders."""
    return {
        id_: (
            kind,
            "striders" if (kind, name) in (("ad_group", "walkers"), ("adset", "walkers")) else name,
            st,
        )
        for id_, (kind, name, st) in objects.items()
    }


def test_an_ad_group_renamed_in_the_specs_is_renamed_in_place_on_both_platforms(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """The same Google ad group and Meta ad set under a new name: the apply sends each its new name alone
    (one write call per platform), every object keeps its id, and MIDAS's records of the ad group and of
    everything under it (criteria, ads, the Meta creative) move to the new name."""
    assert midas("apply", "--auto-approve").code == 0
    before = _ids_and_names(midas)
    with StateStore.open(state_url) as store:
        recorded_before = store.recorded(["google-main", "meta-main"])
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("- name: walkers\n", "- name: striders\n"))

    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2, planned.output
    for group, noun, along in (
        ("ad_group/spring-sale/striders@google", "ad group", "7 records"),  # 6 criteria and an ad
        ("adset/spring-sale/striders@meta", "ad set", "2 records"),  # a creative and an ad
    ):
        account = "google-main" if "google" in group else "meta-main"
        assert f"~ {group}:{account} — {noun} renamed (was 'walkers'): the same {noun}" in planned.output
        old = f"{group.replace('striders', 'walkers')}:{account}"
        assert re.search(
            rf"# moved from {old} \(the same {noun}, id \d+\), with the {along} under it", planned.output
        )
    assert '~ name: "walkers" → "striders"' in planned.output
    assert "-> " not in planned.output  # what moves along and does nothing else is counted, not listed
    shown = json.loads(midas("plan", "--format", "json").output)
    child = "ad_group_ad/spring-sale/striders/spring-shoes@google:google-main"
    [ad] = [c for c in shown["changes"] if c["address"] == child]
    assert ad["moved_from"] == child.replace("striders", "walkers") and ad["action"] == "noop"
    assert ad["reason"].startswith("its ad group renamed (was 'walkers'): the same ad; MIDAS's record moves")
    under = [a for a in recorded_before if "/walkers" in a.path]
    assert len(under) == 11, under  # the ad group, 6 criteria, an ad; the ad set, its creative and ad
    counts = "Plan: 0 to create, 2 to update, 0 to replace, 0 to pause, 0 to delete"
    assert f"{counts}, {len(under)} records to move." in planned.output

    _apply_converges(midas, "2 write calls")
    assert _ids_and_names(midas) == _renamed_walkers(before)
    with StateStore.open(state_url) as store:
        recorded = store.recorded(["google-main", "meta-main"])
    assert not [a for a in recorded if "/walkers" in a.path]
    for old in under:
        new = Address(old.platform, old.account, old.kind, old.path.replace("/walkers", "/striders", 1))
        assert recorded[new].platform_id == recorded_before[old].platform_id
        assert all("/walkers" not in target.path for target in recorded[new].refs.values())


@pytest.mark.sqlite_store
def test_an_ad_group_renamed_with_a_paused_ad_no_spec_holds_keeps_it_paused_under_the_new_name(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """An ad paused when its creative left the specs is no difference: the ad group is renamed in place, the
    paused ad (and its Meta creative) stays as it is and its record moves with the rest."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text()
    walkers = text.index("- name: walkers")
    both = text[:walkers] + text[walkers:].replace("[spring-shoes]", "[spring-shoes, spring-apparel]", 1)
    spec.write_text(both)
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(text)
    assert "2 to pause" in midas("apply", "--auto-approve").output
    before = _ids_and_names(midas)
    spec.write_text(text.replace("- name: walkers\n", "- name: striders\n"))

    planned = midas("plan")
    assert "0 to create, 2 to update, 0 to replace, 0 to pause, 0 to delete, 14 records to move" in (
        planned.output
    ), planned.output
    assert "with the 4 records under it" in planned.output  # the paused ad, the running one, their creatives
    shown = json.loads(midas("plan", "--format", "json").output)
    [paused] = [
        c for c in shown["changes"] if c["address"] == "ad/spring-sale/striders/spring-apparel@meta:meta-main"
    ]
    assert paused["reason"] == (
        "its ad set renamed (was 'walkers'): the same ad; MIDAS's record moves; removed from the specs; "
        "already paused"
    )
    _apply_converges(midas, "2 write calls")
    assert _ids_and_names(midas) == _renamed_walkers(before)
    with StateStore.open(state_url) as store:
        recorded = store.recorded(["google-main", "meta-main"])
    assert not [a for a in recorded if "/walkers" in a.path]
    assert {a.kind for a in recorded if a.path == "spring-sale/striders/spring-apparel"} == {
        "ad_group_ad",
        "ad",
        "adcreative",
    }


@pytest.mark.sqlite_store
def test_an_ad_group_renamed_in_the_specs_after_console_edits_in_it_is_renamed_and_the_edits_restored(
    midas: Midas, workspace: Path
) -> None:
    """Console edits under an ad group (an ad paused on each platform, a keyword deleted) are no change of
    the specs: renamed in the specs, it is still the same ad group, compared as MIDAS left it — renamed in
    place, the edits restored as drift (the keyword re-created), not a new ad group beside the old one."""
    assert midas("apply", "--auto-approve").code == 0
    before = _ids_and_names(midas)
    for address in (
        "ad_group_ad/spring-sale/walkers/spring-shoes@google",
        "ad/spring-sale/walkers/spring-shoes@meta",
    ):
        assert midas("sandbox", "set", address, "status=PAUSED").code == 0
    keyword = "ad_group_criterion/spring-sale/walkers/keyword:BROAD:walking shoes@google"
    assert midas("sandbox", "delete", keyword).code == 0, midas("sandbox", "delete", keyword).output
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("- name: walkers\n", "- name: striders\n"))

    planned = midas("plan")
    assert "1 to create, 4 to update, 0 to replace, 0 to pause, 0 to delete" in planned.output, planned.output
    assert (
        "ad group renamed (was 'walkers')" in planned.output
        and "ad set renamed (was 'walkers')" in planned.output
    )
    assert "+ ad_group_criterion/spring-sale/striders/keyword:BROAD:walking shoes@google" in planned.output
    assert "changed on the platform since the last apply, restoring: status" in planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    after = _ids_and_names(midas)
    renamed = _renamed_walkers(before)
    assert {i: after[i] for i in renamed} == renamed  # the same objects, renamed, their statuses restored


@pytest.mark.sqlite_store
def test_an_ad_group_renamed_in_a_console_is_drift_of_its_name_and_the_plan_renames_it_back(
    midas: Midas,
) -> None:
    """MIDAS reads an ad group (ad set) it recorded at its recorded address whatever its live name: a console
    rename is drift of its ``name``, not a deleted ad group beside an unmanaged one; the apply restores it."""
    assert midas("apply", "--auto-approve").code == 0
    before = _ids_and_names(midas)
    assert midas("sandbox", "set", "ad_group/spring-sale/walkers@google", "name=console-g").code == 0
    assert midas("sandbox", "set", "adset/spring-sale/walkers@meta", "name=console-m").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert (
        '~ name: "walkers" → "console-g"' in drift.output
        and '~ name: "walkers" → "console-m"' in drift.output
    )
    assert "deleted" not in drift.output and "Drift: 2 findings" in drift.output, drift.output
    planned = midas("plan")
    assert "0 to create, 2 to update, 0 to replace, 0 to pause" in planned.output, planned.output
    assert "changed on the platform since the last apply, restoring: name" in planned.output
    _apply_converges(midas, "2 write calls")
    assert _ids_and_names(midas) == before


def test_a_campaign_renamed_in_the_specs_is_renamed_in_place_on_both_platforms(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """A spec's ``metadata.name`` changed, nothing else: the same Google and Meta campaigns renamed (and the
    Google campaign's own budget, named after it), everything in them kept with its id, MIDAS's records of
    all of it moved — three names sent in two write calls."""
    assert midas("apply", "--auto-approve").code == 0
    before = _ids_and_names(midas)
    with StateStore.open(state_url) as store:
        recorded_before = store.recorded(["google-main", "meta-main"])
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("  name: spring-sale\n", "  name: spring-event\n", 1))

    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2, planned.output
    for platform, account, along in (("google", "google-main", 23), ("meta", "meta-main", 8)):
        assert f"~ campaign/spring-event@{platform}:{account} — campaign renamed (was 'spring-sale')" in (
            planned.output
        )
        assert re.search(
            rf"# moved from campaign/spring-sale@{platform}:{account} \(the same campaign, id \d+\), "
            rf"with the {along} records under it",
            planned.output,
        ), planned.output
    assert "~ campaign_budget/spring-event@google:google-main — its campaign renamed" in planned.output
    moving = [a for a in recorded_before if a.campaign == "spring-sale"]
    counts = "Plan: 0 to create, 3 to update, 0 to replace, 0 to pause, 0 to delete"
    assert f"{counts}, {len(moving)} records to move." in planned.output

    _apply_converges(midas, "2 write calls")
    renamed = {
        id_: (kind, "spring-event" if name == "spring-sale" else name, status)
        for id_, (kind, name, status) in before.items()
    }
    assert _ids_and_names(midas) == renamed
    with StateStore.open(state_url) as store:
        recorded = store.recorded(["google-main", "meta-main"])
    assert not [a for a in recorded if a.campaign == "spring-sale"]
    for old in moving:
        new = Address(old.platform, old.account, old.kind, "spring-event" + old.path[len("spring-sale") :])
        assert recorded[new].platform_id == recorded_before[old].platform_id


@pytest.mark.sqlite_store
def test_a_campaign_renamed_in_the_specs_after_a_console_edit_in_it_is_renamed_and_the_edit_restored(
    midas: Midas, workspace: Path
) -> None:
    """A keyword paused in a console is no change of the specs: the campaign renamed in them is renamed in
    place, the keyword's status restored, not a new campaign beside the old one."""
    assert midas("apply", "--auto-approve").code == 0
    before = _ids_and_names(midas)
    keyword = "ad_group_criterion/spring-sale/runners/keyword:PHRASE:running shoes@google"
    paused = midas("sandbox", "set", keyword, "status=PAUSED")
    assert paused.code == 0, paused.output
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("  name: spring-sale\n", "  name: spring-event\n", 1))

    planned = midas("plan")
    assert "0 to create, 4 to update, 0 to replace, 0 to pause, 0 to delete" in planned.output, planned.output
    assert "changed on the platform since the last apply, restoring: status" in planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    after = _ids_and_names(midas)
    assert {i: after[i][:2] for i in before} == {
        i: (kind, "spring-event" if name == "spring-sale" else name) for i, (kind, name, _) in before.items()
    }
    assert "PAUSED" not in {status for kind, _, status in after.values() if kind == "ad_group_criterion"}


def _google_campaigns(midas: Midas) -> list[tuple[str, str]]:
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    return sorted(
        (o["id"], o["name"])
        for o in objects
        if (o["platform"], o["kind"], o["status"]) == ("google", "campaign", "ENABLED")
    )


def test_a_campaign_renamed_on_google_by_its_spec_or_in_a_console_is_the_same_campaign_renamed(
    midas: Midas, workspace: Path
) -> None:
    """Its id is recorded: a changed ``google.name`` is an update of its name (and its budget's), and a
    console's rename is drift of its name — never a second campaign beside the first."""
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(spec.read_text().replace("  google:\n", "  google:\n    name: Brand G\n", 1))
    assert midas("apply", "--auto-approve").code == 0
    before = _google_campaigns(midas)
    assert "Brand G" in {name for _, name in before}, before

    spec.write_text(spec.read_text().replace("name: Brand G\n", "name: Brand G2\n"))
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2 and "0 to create" in planned.output and "0 to delete" in planned.output, (
        planned.output
    )
    assert '~ name: "Brand G" → "Brand G2"' in planned.output, planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _google_campaigns(midas) == [(i, "Brand G2" if n == "Brand G" else n) for i, n in before]

    assert midas("sandbox", "set", "campaign/Brand G2@google", "name=Console name").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "Console name" in drift.output and "deleted" not in drift.output, drift.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 to create" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _google_campaigns(midas) == [(i, "Brand G2" if n == "Brand G" else n) for i, n in before]


@pytest.mark.parametrize("value", ["15050.5", '"abc"'])
def test_a_console_spend_cap_is_money_in_platform_units_like_every_money_field(
    midas: Midas, value: str
) -> None:
    """The sandbox console refuses what no platform could hold in a money field (Meta's spend cap, an ad
    set's bid) as it refuses a budget of 20.5 minor units; it stored it before, and every later read died."""
    assert midas("apply", "--auto-approve").code == 0
    refused = midas("sandbox", "set", "campaign/spring-sale@meta", f"spend_cap={value}")
    assert refused.code == 1 and "spend_cap is money in platform units" in refused.output, refused.output
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.sqlite_store
def test_a_meta_campaigns_objective_change_is_refused_before_any_write(midas: Midas, workspace: Path) -> None:
    """Meta does not change a live campaign's objective: the plan says so as a violation and the apply
    writes nothing, where it updated the ad sets' optimization goals before Meta refused the campaign's."""
    spec = workspace / "specs" / "trail-reach.yaml"
    spec.write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: trail-reach}
spec:
  platforms: {meta: {account: meta-main}}
  objective: awareness
  budget: {daily: 20.00}
  targeting: {locations: [US]}
  creatives:
    - name: trail
      headlines: [Trail Season]
      descriptions: [New shoes for the trail.]
      primary_text: Trail season is here.
      image_url: https://cdn.example.com/trail.jpg
      final_url: https://shop.example.com/trail
""",
        "utf-8",
    )
    assert midas("apply", "--auto-approve").code == 0
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    before = [(r.address, r.fields) for r in meta.read()]
    spec.write_text(spec.read_text("utf-8").replace("awareness", "engagement"), "utf-8")
    plan = midas("plan")
    refusal = "campaign/trail-reach@meta:meta-main would be replaced: Meta does not change a live campaign's"
    assert refusal in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1 and "cannot be applied" in applied.output
    assert [(r.address, r.fields) for r in meta.read()] == before
