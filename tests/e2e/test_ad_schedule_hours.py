"""``schedule.hours`` (ad scheduling) on Google, through the sandbox and through the real SDK against the
local fake: apply then plan is clean, a console change of a slot is drift, new hours replace slots without
Google's overlap refusal, and a hand-built campaign's ad schedule imports and adopts to no changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import GoogleAdsFake
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID
from fakes.hand_built import ENGLISH, SEARCH_CAMPAIGN, US, google_campaign, rsa, write_all

from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox import set_field
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.resources import GOOGLE, Address
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

HOURS_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: office-hours}
spec:
  platforms: {google: {account: google-main}}
  objective: traffic
  budget: {daily: 30.00, currency: USD}
  schedule:
    time_zone: America/New_York
    hours:
      - {days: [fri, mon, tue, wed, thu], start: "09:00", end: 17:30}
      - {days: [sat], start: 10:00, end: "24:00"}
  targeting: {locations: [US], languages: [en]}
  ad_groups:
    - name: main
      keywords: [{text: running shoes, match: phrase}]
  creatives:
    - name: ad
      headlines: [Running shoes, Shop the sale, Free shipping]
      descriptions: [Lightweight trainers for every run., Free returns on every pair.]
      final_url: https://shop.example.com/
"""
MONDAY = "campaign_criterion/office-hours/ad_schedule:MONDAY:09:00-17:30@google:google-main"
ACCOUNTS = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}


def _slots(world: Any, campaign_name: str) -> list[tuple[str, int, str, int, str]]:
    """The live ad schedule of a campaign, as (day, start hour, start minute, end hour, end minute)."""
    sim = GoogleAdsSimulator(world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == campaign_name]
    rows = [
        c["ad_schedule"]
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c["campaign"] == campaign["resource_name"] and c["type"] == "AD_SCHEDULE"
    ]
    return sorted(
        (r["day_of_week"], r["start_hour"], r["start_minute"], r["end_hour"], r["end_minute"]) for r in rows
    )


def _monday_modifier(world: Any) -> Any:
    """The bid modifier the live office-hours Monday 09:00–17:30 slot holds (None: unset)."""
    sim = GoogleAdsSimulator(world)
    [slot] = [
        c
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c.get("type") == "AD_SCHEDULE"
        and c.get("status") != "REMOVED"
        and c["ad_schedule"]["day_of_week"] == "MONDAY"
        and c["ad_schedule"]["start_hour"] == 9
    ]
    return slot.get("bid_modifier")


def test_hours_converge_and_a_deleted_slot_or_a_console_bid_adjustment_is_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "hours.yaml").write_text(HOURS_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and plan.output.count('type: "AD_SCHEDULE"') == 6, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    friday = MONDAY.replace("MONDAY", "FRIDAY")
    assert midas("sandbox", "delete", friday).code == 0
    assert midas("sandbox", "set", MONDAY, "bid_modifier=1.5").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert f"{friday} — deleted out of band" in drift.output
    assert 'bid_modifier: (none) → "1.5"' in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    # Cleared as every bid modifier is: 1.0 sent (``spec._bid_modifiers.RESET_MODIFIER``), not an empty mask.
    assert _monday_modifier(ConnectorFactory(load_settings(workspace)).sandbox_world()) == 1.0


def test_new_hours_remove_the_old_slots_before_making_overlapping_ones(midas: Midas, workspace: Path) -> None:
    """A slot's times cannot change in place and Google refuses a slot overlapping one the campaign still
    has: the old slots go first, in a batch of their own, then the new ones."""
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(HOURS_SPEC.replace('start: "09:00", end: 17:30', 'start: "08:00", end: "12:15"'))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "batch 2: 5 applied, 0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _hand_built_hours(workspace: Path, *, modifier: float | None = None) -> None:
    """A Search campaign built in a console, "Office Hours", with an ad schedule: weekdays 08:00–18:00,
    Saturday 09:30–13:00 and 14:00–24:00 (``modifier``: a bid adjustment on Saturday morning)."""
    slots = [(day, "08:00", "18:00") for day in ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")]
    slots += [("SATURDAY", "09:30", "13:00"), ("SATURDAY", "14:00", "24:00")]
    criteria: list[dict[str, Any]] = [US, ENGLISH]
    for day, start, end in slots:
        slot = {"ad_schedule_day": day, "ad_schedule_start": start, "ad_schedule_end": end}
        if modifier is not None and start == "09:30":
            slot["bid_modifier"] = modifier
        criteria.append({"key": f"ad_schedule:{day}:{start}-{end}", "type": "AD_SCHEDULE", **slot})
    ops = google_campaign(
        "google-main",
        "Office Hours",
        budget={"name": "Office Hours", "amount_micros": 20_000_000},
        campaign=SEARCH_CAMPAIGN,
        criteria=criteria,
        groups=[
            {
                "fields": {"name": "Shoes", "status": "ENABLED", "type": "SEARCH_STANDARD"},
                "criteria": [
                    {
                        "key": "keyword:PHRASE:running shoes",
                        "type": "KEYWORD",
                        "keyword_text": "running shoes",
                        "keyword_match_type": "PHRASE",
                    }
                ],
                "ads": {
                    "Shoes ad": rsa(
                        ["Running Shoes", "Official Store", "Free Returns"],
                        ["Shoes for runners.", "Shop online or in store."],
                        "https://shop.example.com/",
                    )
                },
            }
        ],
    )
    write_all(ConnectorFactory(load_settings(workspace)).create("google-main"), ops)


def _imported_hours(midas: Midas, bare: Path) -> dict[str, Any]:
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "office-hours.yaml").read_text(encoding="utf-8"))
    return dict(spec["spec"]["schedule"])


WEEKDAYS_8_TO_6 = {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:00", "end": "18:00"}


def test_a_hand_built_ad_schedule_imports_as_hours_and_adopts_to_no_changes(midas: Midas, bare: Path) -> None:
    _hand_built_hours(bare)
    schedule = _imported_hours(midas, bare)
    assert schedule["time_zone"] == "America/New_York"  # the account's: Google runs schedules in it
    assert schedule["hours"] == [
        WEEKDAYS_8_TO_6,
        {"days": ["sat"], "start": "09:30", "end": "13:00"},
        {"days": ["sat"], "start": "14:00", "end": "24:00"},
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hand_built_ad_schedule_adjusting_bids_imports_as_google_hours_and_adopts(
    midas: Midas, bare: Path
) -> None:
    """Slots adjusting bids are Google's own hours (``google.hours``, each with its ``bid_adjustment``): the
    whole schedule is written there, and adopts with an empty plan; a console's change of an adjustment is
    drift the apply restores in place."""
    _hand_built_hours(bare, modifier=1.25)
    schedule = _imported_hours(midas, bare)
    assert "hours" not in schedule and schedule["time_zone"] == "America/New_York"
    spec = yaml.safe_load((bare / "specs" / "imported" / "office-hours.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["google"]["hours"] == [
        WEEKDAYS_8_TO_6,
        {"days": ["sat"], "start": "09:30", "end": "13:00", "bid_adjustment": 1.25},
        {"days": ["sat"], "start": "14:00", "end": "24:00"},
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    saturday = "campaign_criterion/Office Hours/ad_schedule:SATURDAY:09:30-13:00@google:google-main"
    assert midas("sandbox", "set", saturday, "bid_modifier=2.0").code == 0
    drift = midas("drift")
    assert drift.code == 2 and 'bid_modifier: "1.25" → "2"' in drift.output, drift.output
    restored = midas("apply", "--auto-approve")
    assert restored.code == 0 and "1 applied" in restored.output, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_schedule_bid_adjustment_finer_than_a_percent_is_refused_by_name_on_import(
    midas: Midas, bare: Path
) -> None:
    _hand_built_hours(bare, modifier=1.125)
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1, refused.output
    assert "adjusts bids by 1.125 on SATURDAY 09:30–13:00 (an ad schedule bid adjustment)" in refused.output
    assert "in whole percents (at most 2 decimal places)" in refused.output


def test_hours_are_written_read_back_and_drift_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    spec = google_workspace / "specs" / "hours.yaml"
    spec.write_text(HOURS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    weekdays = ("FRIDAY", "MONDAY", "THURSDAY", "TUESDAY", "WEDNESDAY")
    assert _slots(google_fake.world, "office-hours") == sorted(
        [(day, 9, "ZERO", 17, "THIRTY") for day in weekdays] + [("SATURDAY", 10, "ZERO", 24, "ZERO")]
    )
    set_field(google_fake.world, ACCOUNTS, MONDAY, {"bid_modifier": "1.5"})
    drift = midas("drift")
    assert drift.code == 2 and 'bid_modifier: (none) → "1.5"' in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _monday_modifier(google_fake.world) == 1.0  # cleared by sending 1.0

    spec.write_text(HOURS_SPEC.replace('start: "09:00", end: 17:30', 'start: "00:00", end: "12:15"'))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert ("MONDAY", 0, "ZERO", 12, "FIFTEEN") in _slots(google_fake.world, "office-hours")


def test_a_hand_built_ad_schedule_imports_and_adopts_through_the_sdk(
    midas: Midas, google_workspace: Path
) -> None:
    for folder in ("specs", "policies"):
        for file in (google_workspace / folder).glob("*.yaml"):
            file.unlink()
    _hand_built_hours(google_workspace)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    text = (google_workspace / "specs" / "imported" / "office-hours.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["spec"]["schedule"]["hours"][0] == WEEKDAYS_8_TO_6
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_mirror_of_hours_on_a_daily_budget_to_meta_says_why_not_and_writes_nothing(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(HOURS_SPEC, encoding="utf-8")
    refused = midas("mirror", "office-hours", "--to", "meta")
    assert refused.code == 1, refused.output
    assert "runs its ads at set hours (specs/hours.yaml:10: spec.schedule.hours) on a daily budget" in (
        refused.output
    )
    assert "Meta runs an ad set schedule (adset_schedule, pacing_type day_parting) only on a lifetime" in (
        refused.output
    )
    assert spec.read_text(encoding="utf-8") == HOURS_SPEC


def test_compare_shows_an_ad_schedule_set_on_google_alone(midas: Midas, workspace: Path) -> None:
    """The example campaign runs on both platforms all the time; a console gives the Google one an ad
    schedule (Monday 09:00–17:00): ``compare`` shows the hours differ."""
    assert midas("apply", "--auto-approve").code == 0
    settings = load_settings(workspace)
    sim = GoogleAdsSimulator(ConnectorFactory(settings).sandbox_world())
    [campaign] = [c["id"] for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "spring-sale"]
    slot = {"type": "AD_SCHEDULE", "ad_schedule_day": "MONDAY", "ad_schedule_start": "09:00"}
    op = WriteOp(
        "create",
        Address(GOOGLE, "google-main", "campaign_criterion", "spring-sale/ad_schedule:MONDAY:09:00-17:00"),
        {**slot, "ad_schedule_end": "17:00"},
        refs={"campaign": campaign},
    )
    write_all(ConnectorFactory(settings).create("google-main"), [op])
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    [row] = [f for f in compared["fields"] if f["field"] == "schedule.hours"]
    assert (row["google"], row["meta"], row["same"]) == ("mon 09:00–17:00", "all the time", False)
    drift = midas("drift")  # the specs say no hours: all the time
    assert drift.code == 2 and "ad_schedule:MONDAY:09:00-17:00" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_snapshot_keeps_the_hours_for_restore_and_restore_write_specs(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "hours.yaml"
    spec.write_text(HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "office").code == 0
    spec.write_text(HOURS_SPEC.replace('start: "09:00", end: 17:30', 'start: "07:00", end: "09:00"'))
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "office", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _slots_of_monday(workspace) == [("MONDAY", 9, "ZERO", 17, "THIRTY")]
    assert midas("restore", "office", "--write-specs").code == 0
    hours = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["schedule"]["hours"]
    assert hours[0] == {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:30"}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _slots_of_monday(workspace: Path) -> list[tuple[str, int, str, int, str]]:
    world = ConnectorFactory(load_settings(workspace)).sandbox_world()
    return [slot for slot in _slots(world, "office-hours") if slot[0] == "MONDAY"]


def test_a_slot_s_bid_adjustment_is_sent_and_read_back_exactly_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.hours`` with a bid adjustment: Google keeps bid_modifier as a 32-bit float (1.3 reads back
    as 1.29999995…), which reads as the 1.3 written, so apply then plan is clean; a changed adjustment is
    updated in place."""
    own = '  google:\n    hours:\n      - {days: [mon], start: "09:00", end: "17:30", bid_adjustment: %s}\n'
    spec = google_workspace / "specs" / "hours.yaml"
    spec.write_text(HOURS_SPEC.replace("  creatives:", own % "1.3" + "  creatives:"), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [slot] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion") if c.get("type") == "AD_SCHEDULE"]
    assert abs(slot["bid_modifier"] - 1.3) < 1e-6 and slot["ad_schedule"]["day_of_week"] == "MONDAY"
    spec.write_text(HOURS_SPEC.replace("  creatives:", own % "0.85" + "  creatives:"), encoding="utf-8")
    changed = midas("apply", "--auto-approve")
    assert changed.code == 0 and "1 applied" in changed.output, changed.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_the_sandbox_refuses_what_google_refuses_of_an_ad_schedule(midas: Midas, workspace: Path) -> None:
    """An overlapping slot, a seventh slot on a day, an excluded slot and a bid adjustment out of Google's
    range are refused with Google's errors."""
    (workspace / "specs" / "hours.yaml").write_text(HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    settings = load_settings(workspace)
    sim = GoogleAdsSimulator(ConnectorFactory(settings).sandbox_world())
    [campaign] = [c["id"] for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "office-hours"]
    connector = ConnectorFactory(settings).create("google-main")

    def create(day: str, start: str, end: str, **more: Any) -> str:
        path = f"office-hours/ad_schedule:{day}:{start}-{end}"
        fields = {"type": "AD_SCHEDULE", "ad_schedule_day": day, "ad_schedule_start": start}
        op = WriteOp(
            "create",
            Address(GOOGLE, "google-main", "campaign_criterion", path),
            {**fields, "ad_schedule_end": end, **more},
            refs={"campaign": campaign},
        )
        [result] = connector.write([op])
        return "" if result.ok else str(result.error)

    assert "AD_SCHEDULE_TIME_INTERVALS_OVERLAP" in create("MONDAY", "17:00", "18:00")
    assert "CANNOT_EXCLUDE_CRITERIA_TYPE" in create("SUNDAY", "01:00", "02:00", negative=True)
    assert "range_error.TOO_HIGH" in create("SUNDAY", "01:00", "02:00", bid_modifier=12.0)
    for hour in range(5):  # Sunday (no slot yet): five slots, a sixth, then a seventh refused
        assert create("SUNDAY", f"{hour:02d}:00", f"{hour:02d}:30") == ""
    assert create("SUNDAY", "06:00", "06:30") == ""
    assert "AD_SCHEDULE_EXCEEDED_INTERVALS_PER_DAY_LIMIT" in create("SUNDAY", "07:00", "07:30")
    [monday] = [r for r in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
                if r.get("ad_schedule", {}).get("day_of_week") == "MONDAY"]  # fmt: skip
    update = WriteOp(
        "update",
        Address(GOOGLE, "google-main", "campaign_criterion", MONDAY.split("@")[0].split("/", 1)[1]),
        {"bid_modifier": 0.05},
        platform_id=monday["resource_name"].rsplit("/", 1)[1],
    )
    [result] = connector.write([update])
    assert not result.ok and "range_error.TOO_LOW" in str(result.error), result
