"""``schedule.hours`` on Meta: every ad set's ``adset_schedule`` (ADVERTISER time zone) with ``pacing_type``
day_parting, on a lifetime budget. Through the sandbox and through the real SDK against the Graph API fake:
apply then plan is clean, a console change of the schedule is drift, hours dropped clear it, and a hand-built
campaign with a schedule imports and adopts to no changes, an ad set in each viewer's time zone too (one
partly in each refused by name; on different schedules: ``test_meta_ad_set_own_hours``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.hand_built import meta_campaign, meta_live_nodes, write_all
from fakes.meta_messaging import PAGE_ID

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox import MetaSimulator, set_field
from midas_reconcile.resources import META
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

META_HOURS_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: evening-shoes}
spec:
  platforms: {meta: {account: meta-main}}
  objective: traffic
  budget: {lifetime: 900.00, currency: USD}
  schedule:
    start: 2027-03-01
    end: 2027-03-31
    time_zone: America/New_York
    hours:
      - {days: [mon, tue, wed, thu, fri], start: "17:00", end: "23:00"}
      - {days: [sat, sun], start: 10:00, end: "24:00"}
  targeting: {locations: [US]}
  ad_groups: [{name: runners}, {name: walkers}]
  creatives:
    - name: shoes
      headlines: [Running shoes]
      descriptions: [Lightweight trainers for every run.]
      primary_text: Shop running shoes tonight.
      final_url: https://shop.example.com/
"""
WEEKDAY_EVENINGS = {
    "days": [1, 2, 3, 4, 5],
    "start_minute": 1020,
    "end_minute": 1380,
    "timezone_type": "ADVERTISER",
}
WEEKEND_DAYS = {"days": [0, 6], "start_minute": 600, "end_minute": 1440, "timezone_type": "ADVERTISER"}
RUNNERS = "adset/evening-shoes/runners@meta:meta-main"


def test_meta_hours_converge_and_a_console_schedule_is_drift_that_apply_restores(
    midas: Midas, bare: Path
) -> None:
    workspace = bare
    spec = workspace / "specs" / "evening.yaml"
    spec.write_text(META_HOURS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    adsets = meta_live_nodes(workspace, "adset")
    assert adsets["runners"]["pacing_type"] == ["day_parting"]
    assert sorted(adsets["walkers"]["adset_schedule"], key=str) == sorted(
        [WEEKDAY_EVENINGS, WEEKEND_DAYS], key=str
    )

    monday = '[{"days": [1], "start_minute": 480, "end_minute": 600, "timezone_type": "ADVERTISER"}]'
    assert midas("sandbox", "set", RUNNERS, f"adset_schedule={monday}").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "changed out of band: adset_schedule" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    without = (
        META_HOURS_SPEC.split("    hours:\n")[0] + "  targeting:" + META_HOURS_SPEC.split("  targeting:")[1]
    )
    spec.write_text(without, encoding="utf-8")
    cleared = midas("apply", "--auto-approve")
    assert cleared.code == 0 and "0 failed" in cleared.output, cleared.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    runners = meta_live_nodes(workspace, "adset")["runners"]
    assert runners["adset_schedule"] == [] and runners["pacing_type"] == ["standard"]


def test_meta_hours_on_a_daily_budget_are_a_spec_error_saying_why(midas: Midas, workspace: Path) -> None:
    daily = META_HOURS_SPEC.replace("budget: {lifetime: 900.00, currency: USD}", "budget: {daily: 30.00}")
    (workspace / "specs" / "evening.yaml").write_text(daily, encoding="utf-8")
    refused = midas("validate")
    assert refused.code == 1, refused.output
    assert (
        "specs/evening.yaml:7:3: spec.budget: found a daily budget for Meta ad set 'runners'"
        in refused.output
    )
    assert "Meta runs an ad set schedule only on a lifetime budget" in refused.output


def hand_built_evening_shoes(
    workspace: Path, schedules: dict[str, list[dict[str, Any]]], page: str | None = None
) -> None:
    """A Meta campaign built in Ads Manager, "Evening Shoes", 900.00 over March, an ad set per entry of
    ``schedules`` on its DayParts (none: all the time); its ads run as ``page`` where the account has one."""

    def adset(name: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
        fields = {
            "name": name,
            "optimization_goal": "LINK_CLICKS",
            "billing_event": "IMPRESSIONS",
            "targeting": {"geo_locations": {"countries": ["US"]}},
            "start_time": "2027-03-01T00:00:00-0500",
            "end_time": "2027-03-31T23:59:59-0400",
        }
        if parts:
            fields.update(adset_schedule=parts, pacing_type=["day_parting"])
        creative = {
            "title": "Running shoes",
            "body": "Shop running shoes tonight.",
            "link_url": "https://shop.example.com/",
            "call_to_action_type": "LEARN_MORE",
            **({"page_id": page} if page else {}),
        }
        return {"fields": fields, "ads": {"Shoes": ({"status": "ACTIVE"}, creative)}}

    campaign = {"objective": "OUTCOME_TRAFFIC", "special_ad_categories": [], "lifetime_budget": 90000}
    adsets = [adset(name, parts) for name, parts in schedules.items()]
    ops = meta_campaign("meta-main", "Evening Shoes", campaign=campaign, adsets=adsets)
    write_all(ConnectorFactory(load_settings(workspace)).create("meta-main"), ops)


def test_a_hand_built_meta_schedule_imports_as_hours_and_adopts_to_no_changes(
    midas: Midas, bare: Path
) -> None:
    per_day = [{**WEEKDAY_EVENINGS, "days": [d]} for d in (5, 3, 1, 4, 2)]  # as a console may list them
    hand_built_evening_shoes(
        bare, {"Runners": [*per_day, WEEKEND_DAYS], "Walkers": [WEEKEND_DAYS, WEEKDAY_EVENINGS]}
    )
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    schedule = written["spec"]["schedule"]
    assert schedule["time_zone"] == "America/New_York"
    assert schedule["hours"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "17:00", "end": "23:00"},
        {"days": ["sat", "sun"], "start": "10:00", "end": "24:00"},
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_meta_ad_set_in_the_viewers_time_zone_imports_as_its_own_and_adopts_clean(
    midas: Midas, bare: Path
) -> None:
    """An ad set on a schedule in each viewer's time zone (``timezone_type`` USER) beside one in the ad
    account's: its own ``meta.hours_time_zone: viewer`` (a tie: the campaign's is the account's); an ad set
    whose schedule is partly in each is refused, by name (``test_meta_ad_set_own_hours``: on different
    schedules)."""
    viewer = {**WEEKEND_DAYS, "timezone_type": "USER"}
    hand_built_evening_shoes(bare, {"Runners": [WEEKDAY_EVENINGS], "Walkers": [viewer]})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    [walkers] = [g for g in written["spec"]["ad_groups"] if g["name"] == "Walkers"]
    assert walkers["meta"]["hours_time_zone"] == "viewer"
    assert "hours_time_zone" not in written["spec"].get("meta", {})
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_meta_ad_set_scheduled_in_both_time_zones_is_refused_by_name(midas: Midas, bare: Path) -> None:
    hand_built_evening_shoes(
        bare,
        {
            "Runners": [WEEKDAY_EVENINGS],
            "Walkers": [WEEKDAY_EVENINGS, {**WEEKEND_DAYS, "timezone_type": "USER"}],
        },
    )
    refused = midas("import", "--account", "meta-main", "--all")
    assert refused.code == 1, refused.output
    assert "ad set 'Walkers'" in refused.output and "timezone_type ADVERTISER, USER" in refused.output
    assert "'Runners'" not in refused.output


def without_specs(workspace: Path) -> None:
    for folder in ("specs", "policies"):
        for file in (workspace / folder).glob("*.yaml"):
            file.unlink()


def test_meta_hours_are_sent_read_back_and_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    without_specs(meta_workspace)
    (meta_workspace / "specs" / "evening.yaml").write_text(META_HOURS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    act = str(load_settings(meta_workspace).accounts["meta-main"].ad_account_id)
    [runners] = [a for a in MetaSimulator(meta_fake.world).peek(act, "adset") if a["name"] == "runners"]
    assert runners["pacing_type"] == ["day_parting"] and len(runners["adset_schedule"]) == 2
    accounts = {"meta-main": (META, act, "USD")}
    monday = '[{"days": [1], "start_minute": 480, "end_minute": 600, "timezone_type": "ADVERTISER"}]'
    set_field(meta_fake.world, accounts, RUNNERS, {"adset_schedule": monday})
    drift = midas("drift")
    assert drift.code == 2 and "changed out of band: adset_schedule" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hand_built_meta_schedule_imports_and_adopts_through_the_sdk(
    midas: Midas, meta_workspace: Path
) -> None:
    without_specs(meta_workspace)
    hand_built_evening_shoes(
        meta_workspace,
        {"Runners": [WEEKDAY_EVENINGS, WEEKEND_DAYS], "Walkers": [WEEKEND_DAYS, WEEKDAY_EVENINGS]},
        PAGE_ID,
    )
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = (meta_workspace / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(written)["spec"]["schedule"]["hours"][1]["days"] == ["sat", "sun"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_one_campaigns_hours_run_on_both_platforms_and_compare_shows_a_console_change(
    midas: Midas, bare: Path
) -> None:
    """Unified hours on Google and Meta (a lifetime budget, whole hours, both accounts in one time zone):
    apply then plan is clean on both; a Google slot deleted in a console shows in ``compare`` as hours that
    differ, and ``drift`` names it."""
    both = _both_platforms(META_HOURS_SPEC)
    (bare / "specs" / "evening.yaml").write_text(both, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = json.loads(midas("compare", "campaign/evening-shoes", "--format", "json").output)
    [row] = [f for f in compared["fields"] if f["field"] == "schedule.hours"]
    assert row["same"] and row["google"] == "mon, tue, wed, thu, fri 17:00–23:00; sat, sun 10:00–24:00"

    friday = "campaign_criterion/evening-shoes/ad_schedule:FRIDAY:17:00-23:00@google:google-main"
    assert midas("sandbox", "delete", friday).code == 0
    compared = json.loads(midas("compare", "campaign/evening-shoes", "--format", "json").output)
    [row] = [f for f in compared["fields"] if f["field"] == "schedule.hours"]
    assert not row["same"] and row["google"].startswith("mon, tue, wed, thu 17:00–23:00"), row
    drift = midas("drift")
    assert drift.code == 2 and f"{friday} — deleted out of band" in drift.output, drift.output


def test_google_hours_of_their_own_beside_meta_s_converge_and_import_back_apart(
    midas: Midas, bare: Path
) -> None:
    """A campaign on both platforms whose Google half runs its own hours, adjusting bids
    (``google.hours``), beside Meta's (``schedule.hours``): apply then plan is clean; its spec lost, import
    writes Meta's as the campaign's hours and Google's as its own, and adopts with an empty plan."""
    both = _both_platforms(META_HOURS_SPEC).replace(
        "  creatives:",
        "  google:\n    hours:\n"
        '      - {days: [mon, tue, wed, thu, fri], start: "18:00", end: "22:30", bid_adjustment: 1.3}\n'
        "  creatives:",
    )
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(both, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.unlink()
    adopted = midas("import", "--account", "google-main", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    assert written["spec"]["schedule"]["hours"][0]["start"] == "17:00"  # Meta's
    assert written["spec"]["google"]["hours"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "18:00", "end": "22:30", "bid_adjustment": 1.3}
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _both_platforms(text: str) -> str:
    """``text`` (META_HOURS_SPEC) on Google too: one ad group with a keyword, responsive search ad texts."""
    return (
        text.replace(
            "platforms: {meta: {account: meta-main}}",
            "platforms: {google: {account: google-main}, meta: {account: meta-main}}",
        )
        .replace(
            "ad_groups: [{name: runners}, {name: walkers}]",
            "ad_groups: [{name: runners, keywords: [{text: running shoes, match: phrase}]}]",
        )
        .replace("headlines: [Running shoes]", "headlines: [Running shoes, Shop the sale, Free shipping]")
        .replace(
            "descriptions: [Lightweight trainers for every run.]",
            "descriptions: [Lightweight trainers for every run., Free returns on every pair.]",
        )
    )


def test_a_meta_schedule_as_ads_manager_s_hour_grid_imports_as_one_slot_and_adopts_clean(
    midas: Midas, bare: Path
) -> None:
    grid = [
        {
            "days": [1, 2, 3, 4, 5],
            "start_minute": h * 60,
            "end_minute": (h + 1) * 60,
            "timezone_type": "ADVERTISER",
        }
        for h in range(9, 17)
    ]
    hand_built_evening_shoes(bare, {"Runners": grid, "Walkers": list(reversed(grid))})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    assert written["spec"]["schedule"]["hours"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"}
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
