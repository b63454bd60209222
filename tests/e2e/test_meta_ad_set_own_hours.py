"""A Meta ad set's own hours (``ad_groups[].meta.schedule.hours``, ``[]``: all the time) beside the campaign's
``schedule.hours``: apply then plan is clean and a console change of one ad set's schedule is drift, in the
sandbox and through the facebook-business SDK over the Graph fake; a hand-built campaign whose ad sets run
on different schedules imports (the most common as the campaign's hours, the others each ad set's own) and
adopts to no changes, alone or paired with a Google campaign; ``compare`` shows an ad set's own hours beside
Google's; ``mirror --to google`` lists them as needing attention; a snapshot restores them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.hand_built import meta_live_nodes
from fakes.meta_messaging import PAGE_ID
from test_crash_safety import _apply_in_child
from test_meta_adset_schedule import hand_built_evening_shoes, without_specs

from midas_reconcile.connectors.sandbox import MetaSimulator, set_field
from midas_reconcile.resources import META
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

OWN_HOURS_SPEC = """\
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
  targeting: {locations: [US]}
  ad_groups:
    - name: runners
    - name: walkers
      meta:
        schedule:
          hours:
            - {days: [sat, sun], start: "10:00", end: "24:00"}
    - name: strollers
      meta: {schedule: {hours: []}}
  creatives:
    - name: shoes
      headlines: [Running shoes]
      descriptions: [Lightweight trainers for every run.]
      primary_text: Shop running shoes tonight.
      final_url: https://shop.example.com/
"""
EVENINGS = {"days": [1, 2, 3, 4, 5], "start_minute": 1020, "end_minute": 1380, "timezone_type": "ADVERTISER"}
WEEKENDS = {"days": [0, 6], "start_minute": 600, "end_minute": 1440, "timezone_type": "ADVERTISER"}
WALKERS = "adset/evening-shoes/walkers@meta:meta-main"
MONDAY = '[{"days": [1], "start_minute": 480, "end_minute": 600, "timezone_type": "ADVERTISER"}]'
#: The ad groups as import writes them back (the campaign's hours those of most ad sets).
IMPORTED_GROUPS = {
    "Walkers": {"hours": [{"days": ["sat", "sun"], "start": "10:00", "end": "24:00"}]},
    "Strollers": {"hours": []},
}


def test_an_ad_set_s_own_hours_converge_and_a_console_schedule_is_drift_that_apply_restores(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "evening.yaml").write_text(OWN_HOURS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    adsets = meta_live_nodes(bare, "adset")
    assert adsets["runners"]["adset_schedule"] == [EVENINGS]
    assert adsets["walkers"]["adset_schedule"] == [WEEKENDS]
    assert adsets["walkers"]["pacing_type"] == ["day_parting"]
    assert not adsets["strollers"].get("adset_schedule")
    assert adsets["strollers"].get("pacing_type") in (None, ["standard"])

    assert midas("sandbox", "set", WALKERS, f"adset_schedule={MONDAY}").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "changed out of band: adset_schedule" in drift.output, drift.output
    assert WALKERS in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert meta_live_nodes(bare, "adset")["walkers"]["adset_schedule"] == [WEEKENDS]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_set_s_own_hours_on_a_daily_budget_are_a_spec_error_at_the_ad_group(
    midas: Midas, workspace: Path
) -> None:
    daily = OWN_HOURS_SPEC.replace("budget: {lifetime: 900.00, currency: USD}", "budget: {daily: 30.00}")
    daily = daily.replace(
        '    hours:\n      - {days: [mon, tue, wed, thu, fri], start: "17:00", end: "23:00"}\n', ""
    )
    (workspace / "specs" / "evening.yaml").write_text(daily, encoding="utf-8")
    refused = midas("validate")
    assert refused.code == 1, refused.output
    assert (
        "specs/evening.yaml:18:11: spec.ad_groups[1].meta.schedule.hours: found a daily budget for Meta ad "
        "set 'walkers', which has hours (its own (meta.schedule.hours))" in refused.output
    ), refused.output


#: Runners and Joggers in the evenings, Walkers at weekends, Strollers all the time.
DIFFERENT = {"Runners": [EVENINGS], "Walkers": [WEEKENDS], "Strollers": [], "Joggers": [EVENINGS]}


def _own_hours(written: dict[str, Any]) -> dict[str, Any]:
    return {
        group["name"]: group["meta"]["schedule"]
        for group in written["spec"]["ad_groups"]
        if "schedule" in group.get("meta", {})
    }


def test_a_hand_built_campaign_whose_ad_sets_run_different_schedules_imports_and_adopts_clean(
    midas: Midas, bare: Path
) -> None:
    hand_built_evening_shoes(bare, DIFFERENT)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    assert written["spec"]["schedule"]["hours"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "17:00", "end": "23:00"}
    ]
    assert written["spec"]["schedule"]["time_zone"] == "America/New_York"
    assert _own_hours(written) == IMPORTED_GROUPS
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hand_built_campaign_with_one_scheduled_ad_set_imports_it_as_its_own_hours(
    midas: Midas, bare: Path
) -> None:
    """One scheduled ad set beside one that runs all the time: no campaign hours (nothing writes ``[]``)."""
    hand_built_evening_shoes(bare, {"Runners": [], "Walkers": [WEEKENDS]})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    assert "hours" not in written["spec"]["schedule"]
    assert _own_hours(written) == {"Walkers": IMPORTED_GROUPS["Walkers"]}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_set_s_own_hours_are_sent_read_back_and_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    without_specs(meta_workspace)
    (meta_workspace / "specs" / "evening.yaml").write_text(OWN_HOURS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    act = str(load_settings(meta_workspace).accounts["meta-main"].ad_account_id)
    live = {a["name"]: a for a in MetaSimulator(meta_fake.world).peek(act, "adset")}
    assert live["walkers"]["adset_schedule"] == [WEEKENDS] and live["runners"]["adset_schedule"] == [EVENINGS]
    assert not live["strollers"].get("adset_schedule")
    set_field(meta_fake.world, {"meta-main": (META, act, "USD")}, WALKERS, {"adset_schedule": MONDAY})
    drift = midas("drift")
    assert drift.code == 2 and "changed out of band: adset_schedule" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_ad_sets_on_different_schedules_import_and_adopt_through_the_sdk(
    midas: Midas, meta_workspace: Path
) -> None:
    without_specs(meta_workspace)
    hand_built_evening_shoes(meta_workspace, DIFFERENT, PAGE_ID)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = (meta_workspace / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8")
    assert _own_hours(yaml.safe_load(written)) == IMPORTED_GROUPS
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _both_platforms(text: str) -> str:
    """``text`` (OWN_HOURS_SPEC) on Google too: runners there with a keyword, responsive search ad texts;
    walkers and strollers Meta's alone."""
    return (
        text.replace(
            "platforms: {meta: {account: meta-main}}",
            "platforms: {google: {account: google-main}, meta: {account: meta-main}}",
        )
        .replace(
            "    - name: runners\n",
            "    - name: runners\n      keywords: [{text: running shoes, match: phrase}]\n",
        )
        .replace("    - name: walkers\n", "    - name: walkers\n      platforms: [meta]\n")
        .replace("    - name: strollers\n", "    - name: strollers\n      platforms: [meta]\n")
        .replace("headlines: [Running shoes]", "headlines: [Running shoes, Shop the sale, Free shipping]")
        .replace(
            "descriptions: [Lightweight trainers for every run.]",
            "descriptions: [Lightweight trainers for every run., Free returns on every pair.]",
        )
    )


def test_a_campaign_on_both_platforms_with_an_ad_set_s_own_hours_compares_and_imports_back(
    midas: Midas, bare: Path
) -> None:
    """Google runs the campaign's hours; a Meta ad set its own: apply then plan is clean, ``compare`` shows
    the ad set's hours beside Google's, and, the spec lost, import writes them back as they were (the
    campaign's hours run on both, no ``google.hours``) and adopts with an empty plan."""
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(_both_platforms(OWN_HOURS_SPEC), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = json.loads(midas("compare", "campaign/evening-shoes", "--format", "json").output)
    rows = {f["field"]: f for f in compared["fields"]}
    assert rows["schedule.hours"]["same"]
    walkers = rows["ad group 'walkers' schedule.hours"]
    assert (walkers["google"], walkers["meta"]) == (None, "sat, sun 10:00–24:00")
    assert rows["ad group 'strollers' schedule.hours"]["meta"] == "all the time"
    spec.unlink()
    adopted = midas("import", "--account", "google-main", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    assert written["spec"]["schedule"]["hours"][0]["start"] == "17:00"
    assert "hours" not in written["spec"].get("google", {})
    assert _own_hours(written) == {
        "walkers": IMPORTED_GROUPS["Walkers"],
        "strollers": IMPORTED_GROUPS["Strollers"],
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_paired_import_gives_each_ad_set_on_google_s_hours_its_own_copy_written_without_aliases(
    midas: Midas, bare: Path
) -> None:
    """Google all the time (``google.hours: []``), two Meta ad sets on the campaign's hours, one all the time:
    import rebases Meta's campaign hours on Google's, so the two write the hours as their own; each is
    written out in full, never as a YAML anchor and alias."""
    both = (
        _both_platforms(OWN_HOURS_SPEC)
        .replace(
            "    - name: runners\n", "    - name: joggers\n      platforms: [meta]\n    - name: runners\n", 1
        )
        .replace("  targeting: {locations: [US]}", "  google: {hours: []}\n  targeting: {locations: [US]}")
    )
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(both, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    spec.unlink()
    adopted = midas("import", "--account", "google-main", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    text = (bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8")
    assert "&id" not in text and "*id" not in text, text
    written = yaml.safe_load(text)
    evenings = [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "17:00", "end": "23:00"}]
    assert _own_hours(written) == {
        "joggers": {"hours": evenings},
        "runners": {"hours": evenings},
        "walkers": IMPORTED_GROUPS["Walkers"],
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_mirror_to_google_lists_an_ad_set_s_own_hours_as_needing_attention(midas: Midas, bare: Path) -> None:
    (bare / "specs" / "evening.yaml").write_text(OWN_HOURS_SPEC, encoding="utf-8")
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google", "--account", "google-main")
    assert mirrored.code == 0, mirrored.output
    assert (
        "ad group 'walkers' has hours of its own on Meta (meta.schedule.hours), which Google cannot run for "
        "one ad group (its ad schedule is the campaign's); on Google it runs the campaign's"
        in mirrored.output
    ), mirrored.output
    assert "ad group 'strollers' has hours of its own on Meta" in mirrored.output
    assert "ad group 'runners' has hours" not in mirrored.output


#: Runners on hours of its own too (all the time): no Meta ad set runs the campaign's hours.
_HOURS_NONE_RUNS = OWN_HOURS_SPEC.replace(
    "    - name: runners\n", "    - name: runners\n      meta: {schedule: {hours: []}}\n"
)
_UNRUN = (
    "specs/evening.yaml:12: spec.schedule.hours: campaign 'evening-shoes': found hours no ad set runs: every "
    "Meta ad set runs hours of its own (meta.schedule.hours), so they change nothing"
)


def test_campaign_hours_no_ad_set_runs_are_a_warning_in_validate_and_plan_that_still_plan_clean(
    midas: Midas, bare: Path
) -> None:
    """The campaign's hours run nowhere and compile to nothing: a spec that planned before they were checked
    still validates, applies and plans clean, each saying so (exit codes unchanged)."""
    (bare / "specs" / "evening.yaml").write_text(_HOURS_NONE_RUNS, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 0 and f"Warning: {_UNRUN}" in validated.output, validated.output
    assert midas("apply", "--auto-approve").code == 0
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 0 and _UNRUN in planned.output, planned.output
    assert midas("drift").code == 0


def test_mirror_to_google_of_campaign_hours_no_ad_set_runs_says_google_runs_them_and_merges_none(
    midas: Midas, bare: Path
) -> None:
    """Mirrored to Google, the hours no Meta ad set ran become Google's: said as needing attention, never
    "Meta runs them so already"; overlapping slots are not merged into a union Meta never ran, so Google's
    validation refuses them and nothing is written."""
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(_HOURS_NONE_RUNS, encoding="utf-8")
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google", "--account", "google-main")
    assert mirrored.code == 0, mirrored.output
    assert (
        "the campaign's hours (schedule.hours) ran on no Meta ad set (every Meta ad set runs hours of its "
        "own (meta.schedule.hours)); on Google they are the campaign's ad schedule" in mirrored.output
    ), mirrored.output
    overlapping = _HOURS_NONE_RUNS.replace(
        '      - {days: [mon, tue, wed, thu, fri], start: "17:00", end: "23:00"}\n',
        '      - {days: [mon, tue, wed, thu, fri], start: "17:00", end: "23:00"}\n'
        '      - {days: [mon], start: "18:00", end: "20:00"}\n',
    )
    assert overlapping != _HOURS_NONE_RUNS
    spec.write_text(overlapping, encoding="utf-8")
    refused = midas("mirror", "campaign/evening-shoes", "--to", "google", "--account", "google-main")
    assert refused.code == 1 and "overlap" in refused.output, refused.output
    assert "Meta runs them so already" not in refused.output and "merged" not in refused.output
    assert spec.read_text(encoding="utf-8") == overlapping


def test_a_snapshot_restores_an_ad_set_s_own_hours_and_writes_them_back(midas: Midas, bare: Path) -> None:
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(OWN_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "weekends").code == 0
    spec.write_text(OWN_HOURS_SPEC.replace('start: "10:00", end: "24:00"', 'start: "08:00", end: "12:00"'))
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "weekends", "--auto-approve")
    assert restored.code == 0, restored.output
    assert meta_live_nodes(bare, "adset")["walkers"]["adset_schedule"] == [WEEKENDS]
    assert midas("restore", "weekends", "--write-specs").code == 0
    groups = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["ad_groups"]
    [walkers] = [g for g in groups if g["name"] == "walkers"]
    assert walkers["meta"]["schedule"]["hours"] == [
        {"days": ["sat", "sun"], "start": "10:00", "end": "24:00"}
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


#: OWN_HOURS_SPEC with its hours in each viewer's time zone (walkers' in the ad account's), and joggers, on
#: the campaign's hours in the viewer's zone as runners.
VIEWER_SPEC = (
    OWN_HOURS_SPEC.replace("    - name: runners\n", "    - name: runners\n    - name: joggers\n")
    .replace(
        "  targeting: {locations: [US]}", "  meta: {hours_time_zone: viewer}\n  targeting: {locations: [US]}"
    )
    .replace("    - name: walkers\n", "    - name: walkers\n      meta:\n        hours_time_zone: account\n")
    .replace(
        "      meta:\n        hours_time_zone: account\n      meta:\n",
        "      meta:\n        hours_time_zone: account\n",
    )
)


def test_hours_in_the_viewer_s_time_zone_converge_drift_and_import_back(midas: Midas, bare: Path) -> None:
    """``meta.hours_time_zone: viewer`` sends DayParts in each viewer's zone (USER); a console switch to the
    ad account's is drift that apply undoes; the spec lost, import writes it back and adopts clean; mirror
    to Google says Google runs the hours in its account's zone."""
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(VIEWER_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    adsets = meta_live_nodes(bare, "adset")
    assert adsets["runners"]["adset_schedule"] == [{**EVENINGS, "timezone_type": "USER"}]
    assert adsets["walkers"]["adset_schedule"] == [WEEKENDS]
    mirrored = midas(
        "mirror", "campaign/evening-shoes", "--to", "google", "--account", "google-main", "--dry-run"
    )
    assert (
        f"{_VIEWER_NOTE} for ad groups 'runners', 'joggers' (meta.hours_time_zone: viewer)" in mirrored.output
    ), mirrored.output
    runners = "adset/evening-shoes/runners@meta:meta-main"
    account = json.dumps([EVENINGS])
    assert midas("sandbox", "set", runners, f"adset_schedule={account}").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "changed out of band: adset_schedule" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.unlink()
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "evening-shoes.yaml").read_text(encoding="utf-8"))
    # Two scheduled ad sets in each viewer's zone, one in the account's: the viewer's is the campaign's.
    assert written["spec"]["meta"]["hours_time_zone"] == "viewer"
    zones = {g["name"]: g.get("meta", {}).get("hours_time_zone") for g in written["spec"]["ad_groups"]}
    assert zones == {"runners": None, "joggers": None, "walkers": "account", "strollers": None}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


_VIEWER_NOTE = "the campaign's hours run in each viewer's time zone on Meta"


def test_mirror_to_google_notes_the_viewer_s_zone_of_an_ad_set_on_the_campaign_s_hours_by_its_own_setting(
    midas: Midas, bare: Path
) -> None:
    """The campaign's hours in the ad account's zone, but runners runs them in each viewer's (its own
    ``meta.hours_time_zone: viewer``): Google, in its account's zone, runs them otherwise for runners'
    viewers, so the mirror says so, naming runners."""
    spec = OWN_HOURS_SPEC.replace(
        "    - name: runners\n", "    - name: runners\n      meta: {hours_time_zone: viewer}\n"
    )
    (bare / "specs" / "evening.yaml").write_text(spec, encoding="utf-8")
    mirrored = midas(
        "mirror", "campaign/evening-shoes", "--to", "google", "--account", "google-main", "--dry-run"
    )
    assert mirrored.code == 0, mirrored.output
    assert f"{_VIEWER_NOTE} for ad group 'runners' (meta.hours_time_zone: viewer)" in mirrored.output, (
        mirrored.output
    )


def test_mirror_to_google_says_nothing_of_the_viewer_s_zone_where_no_ad_set_runs_the_campaign_s_hours_in_it(
    midas: Midas, bare: Path
) -> None:
    """The campaign's ``meta.hours_time_zone: viewer`` taken by walkers' own hours alone: runners, the only ad
    set on the campaign's hours, runs them in the ad account's zone (its own ``account``), as Google will."""
    spec = OWN_HOURS_SPEC.replace(
        "  targeting: {locations: [US]}", "  meta: {hours_time_zone: viewer}\n  targeting: {locations: [US]}"
    ).replace("    - name: runners\n", "    - name: runners\n      meta: {hours_time_zone: account}\n")
    (bare / "specs" / "evening.yaml").write_text(spec, encoding="utf-8")
    mirrored = midas(
        "mirror", "campaign/evening-shoes", "--to", "google", "--account", "google-main", "--dry-run"
    )
    assert mirrored.code == 0, mirrored.output
    assert _VIEWER_NOTE not in mirrored.output, mirrored.output


def test_hours_in_the_viewer_s_time_zone_are_sent_and_read_back_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    without_specs(meta_workspace)
    (meta_workspace / "specs" / "evening.yaml").write_text(VIEWER_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    act = str(load_settings(meta_workspace).accounts["meta-main"].ad_account_id)
    live = {a["name"]: a for a in MetaSimulator(meta_fake.world).peek(act, "adset")}
    assert live["runners"]["adset_schedule"] == [{**EVENINGS, "timezone_type": "USER"}]


def test_compare_shows_meta_s_hours_in_the_viewer_s_time_zone_as_meta_s_alone(
    midas: Midas, bare: Path
) -> None:
    both = _both_platforms(OWN_HOURS_SPEC).replace(
        "  targeting: {locations: [US]}", "  meta: {hours_time_zone: viewer}\n  targeting: {locations: [US]}"
    )
    (bare / "specs" / "evening.yaml").write_text(both, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    compared = json.loads(midas("compare", "campaign/evening-shoes", "--format", "json").output)
    [row] = [f for f in compared["fields"] if f["field"] == "meta.hours_time_zone"]
    assert (row["google"], row["meta"], row["same"]) == (None, "viewer", False)


#: A campaign budget over March (Advantage campaign budget) for two ad sets on the campaign's evenings.
CBO_HOURS_SPEC = """\
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
  targeting: {locations: [US]}
  ad_groups:
    - name: runners
    - name: walkers
  creatives:
    - name: shoes
      headlines: [Running shoes]
      descriptions: [Lightweight trainers for every run.]
      primary_text: Shop running shoes tonight.
      final_url: https://shop.example.com/
"""
#: Ad set budgets: runners the campaign's lifetime amount, walkers a daily one on top, all the time.
_TO_ADSET_BUDGETS = {
    "walkers all the time": CBO_HOURS_SPEC.replace(
        "    - name: runners\n    - name: walkers\n",
        "    - name: runners\n      meta: {budget: {lifetime: 900.00}}\n    - name: walkers\n"
        "      meta: {budget: {daily: 20.00}, schedule: {hours: []}}\n",
    ),
    "no hours at all": CBO_HOURS_SPEC.replace(
        '    hours:\n      - {days: [mon, tue, wed, thu, fri], start: "17:00", end: "23:00"}\n', ""
    ).replace(
        "    - name: runners\n    - name: walkers\n",
        "    - name: runners\n      meta: {budget: {lifetime: 900.00}}\n    - name: walkers\n"
        "      meta: {budget: {daily: 20.00}}\n",
    ),
}


@pytest.mark.parametrize("switched", list(_TO_ADSET_BUDGETS), ids=list(_TO_ADSET_BUDGETS))
def test_a_switch_to_ad_set_budgets_putting_a_scheduled_ad_set_on_a_daily_budget_converges(
    midas: Midas, bare: Path, switched: str
) -> None:
    """Meta refuses a daily budget on an ad set with a schedule, so the switch (one request on the
    campaign, its ad sets' budgets along: ``adset_budgets``) goes after the ad set's schedule is cleared:
    one apply converges, where the campaign's request was refused at every apply."""
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(CBO_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert meta_live_nodes(bare, "adset")["walkers"]["adset_schedule"] == [EVENINGS]
    spec.write_text(_TO_ADSET_BUDGETS[switched], encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    adsets = meta_live_nodes(bare, "adset")
    assert adsets["walkers"]["daily_budget"] == "2000" and not adsets["walkers"].get("adset_schedule")
    assert adsets["walkers"].get("pacing_type") in (None, ["standard"])
    assert adsets["runners"]["lifetime_budget"] == "90000"


@pytest.mark.parametrize("switched", list(_TO_ADSET_BUDGETS), ids=list(_TO_ADSET_BUDGETS))
def test_a_switch_to_ad_set_budgets_putting_a_scheduled_ad_set_on_a_daily_budget_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, switched: str
) -> None:
    without_specs(meta_workspace)
    spec = meta_workspace / "specs" / "evening.yaml"
    spec.write_text(CBO_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(_TO_ADSET_BUDGETS[switched], encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    act = str(load_settings(meta_workspace).accounts["meta-main"].ad_account_id)
    live = {a["name"]: a for a in MetaSimulator(meta_fake.world).peek(act, "adset")}
    assert str(live["walkers"]["daily_budget"]) == "2000" and not live["walkers"].get("adset_schedule")


@pytest.mark.parametrize("crash_after", [1, 2, 3])
def test_a_switch_to_ad_set_budgets_killed_at_any_write_converges_on_the_next_apply(
    midas: Midas, bare: Path, crash_after: int
) -> None:
    """Killed after the schedule's clear (the first write), walkers runs all the time on the campaign's
    budget, its record not yet told of the clear (drift says so, the specs agreeing with live); the next
    apply moves the budgets and converges, wherever the kill fell."""
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(CBO_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(_TO_ADSET_BUDGETS["walkers all the time"], encoding="utf-8")
    assert _apply_in_child(bare, f"crash_after={crash_after}") == 137
    walkers = meta_live_nodes(bare, "adset")["walkers"]
    assert not walkers.get("adset_schedule")
    if crash_after == 1:  # the clear alone went through: walkers still runs on the campaign's budget
        assert not walkers.get("daily_budget")
        # Killed before it was recorded: drift reports the clear as out of band, the specs agreeing.
        drift = midas("drift")
        assert drift.code == 2 and "changed out of band: adset_schedule, pacing_type" in drift.output
        assert "(specs now agree with live)" in drift.output, drift.output
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 failed" in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert meta_live_nodes(bare, "adset")["walkers"]["daily_budget"] == "2000"


def test_a_switch_to_ad_set_budgets_held_back_sends_nothing_and_a_console_rename_stays_drift(
    midas: Midas, bare: Path
) -> None:
    """The campaign's fifth budget change within the hour is held back before any write: walkers keeps its
    schedule (no clear is sent for a hand-over that does not go) and is skipped; a console's rename of it
    is still drift, not taken into its record."""
    spec = bare / "specs" / "evening.yaml"
    spec.write_text(CBO_HOURS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    for amount in ("901.00", "902.00", "903.00", "904.00"):
        spec.write_text(CBO_HOURS_SPEC.replace("lifetime: 900.00", f"lifetime: {amount}"), encoding="utf-8")
        assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", WALKERS, "name=Walkers by hand").code == 0
    spec.write_text(_TO_ADSET_BUDGETS["walkers all the time"], encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1 and "held back, not sent" in applied.output, applied.output
    assert meta_live_nodes(bare, "adset")["Walkers by hand"]["adset_schedule"] == [EVENINGS]
    drift = midas("drift")
    assert drift.code == 2 and WALKERS in drift.output and "name" in drift.output, drift.output
