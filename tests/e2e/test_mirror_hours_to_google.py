"""``midas mirror --to google`` of a campaign whose ``schedule.hours`` ran on Meta alone, where slots may
overlap, run back to back and number more than six a day: the hours are rewritten as each day's union (the
same schedule, which Meta runs so already) when Google's slot rules refuse them as written, said in the
output; a day whose union still holds more than six separate slots is refused by name, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

META_HOURS = """\
apiVersion: midas/v1
kind: Campaign
metadata: {{name: evening-shoes}}
spec:
  platforms: {{meta: {{account: meta-main}}}}
  objective: traffic
  budget: {{lifetime: 900.00, currency: USD}}
  schedule:
    start: 2027-03-01
    end: 2027-03-31
    time_zone: America/New_York
    hours:
{hours}
  targeting: {{locations: [US]}}
  ad_groups: [{{name: runners}}]
  creatives:
    - name: shoes
      headlines: [Running shoes, Shop the sale, Free shipping]
      descriptions: [Lightweight trainers for every run., Free returns on every pair.]
      primary_text: Shop running shoes tonight.
      final_url: https://shop.example.com/
"""
#: Weekend slots first, as written; weekday evenings back to back; Saturday's overlapping; Sunday's an hour
#: grid of seven slots (Ads Manager's shape), more than Google's six a day.
TANGLED = """\
      - {days: [sat, sun], start: "10:00", end: "14:00"}   # weekend days
      - {days: [mon, tue, wed, thu, fri], start: "17:00", end: "20:00"}
      - {days: [fri, thu, wed, tue, mon], start: "20:00", end: "23:00"}
      - {days: [sat], start: "12:00", end: "24:00"}
""" + "".join(f'      - {{days: [sun], start: "{h:02d}:00", end: "{h + 1:02d}:00"}}\n' for h in range(14, 21))
#: Saturday's and Sunday's unions; the weekday evenings, which Google takes, as written.
MERGED = [
    {"days": ["sat"], "start": "10:00", "end": "24:00"},
    {"days": ["sun"], "start": "10:00", "end": "21:00"},
    {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "17:00", "end": "20:00"},
    {"days": ["fri", "thu", "wed", "tue", "mon"], "start": "20:00", "end": "23:00"},
]


def _write(workspace: Path, hours: str, template: str = META_HOURS) -> Path:
    for folder in ("specs", "policies"):
        for file in (workspace / folder).glob("*.yaml"):
            file.unlink()
    spec = workspace / "specs" / "evening.yaml"
    spec.write_text(template.format(hours=hours.rstrip("\n")), encoding="utf-8")
    return spec


def _google_slots(workspace: Path) -> list[tuple[str, int, int]]:
    """The live Google ad schedule of evening-shoes, as (day, start hour, end hour)."""
    sim = GoogleAdsSimulator(ConnectorFactory(load_settings(workspace)).sandbox_world())
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "evening-shoes"]
    return sorted(
        (c["ad_schedule"]["day_of_week"], c["ad_schedule"]["start_hour"], c["ad_schedule"]["end_hour"])
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c["campaign"] == campaign["resource_name"]
        and c.get("type") == "AD_SCHEDULE"
        and c.get("status") != "REMOVED"
    )


def test_mirror_to_google_merges_meta_hours_into_each_day_s_union_and_both_platforms_converge(
    midas: Midas, workspace: Path
) -> None:
    spec = _write(workspace, TANGLED)
    assert midas("apply", "--auto-approve").code == 0
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert mirrored.code == 0, mirrored.output
    written = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]
    assert written["schedule"]["hours"] == MERGED
    assert written["platforms"]["google"] == {"account": "google-main"}
    assert (
        "note: schedule.hours merged into each day's union for Google on the days it refuses as written (the "
        "same hours: Meta runs them so already; other days' slots as written): Google refuses overlapping ad "
        "schedules (sat) and more than six a day (sun: 8); 11 slots are now 4" in mirrored.output
    ), mirrored.output
    assert not [line for line in mirrored.output.splitlines() if "attention" in line and "hours" in line]
    text = spec.read_text(encoding="utf-8")
    assert '- {days: [sat], start: "10:00", end: "24:00"}' in text  # flow style and quotes as written
    assert "# weekend days" in text
    plan = midas("plan")
    assert "adset/evening-shoes" not in plan.output, plan.output  # Meta's schedule is the same
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    days = ("FRIDAY", "MONDAY", "THURSDAY", "TUESDAY", "WEDNESDAY")
    weekdays = [(d, start, end) for d in days for start, end in ((17, 20), (20, 23))]
    assert _google_slots(workspace) == sorted([("SATURDAY", 10, 24), ("SUNDAY", 10, 21), *weekdays])


def test_mirror_dry_run_to_google_shows_the_merged_hours_in_the_diff_and_writes_nothing(
    midas: Midas, workspace: Path
) -> None:
    spec = _write(workspace, TANGLED)
    before = spec.read_text(encoding="utf-8")
    shown = midas("mirror", "campaign/evening-shoes", "--to", "google", "--dry-run")
    assert shown.code == 0, shown.output
    assert '-      - {days: [sat], start: "12:00", end: "24:00"}' in shown.output
    assert '+      - {days: [sun], start: "10:00", end: "21:00"}' in shown.output
    assert "note: schedule.hours merged" in shown.output and "Dry run: nothing written." in shown.output
    assert spec.read_text(encoding="utf-8") == before


def test_mirror_to_google_keeps_meta_hours_google_takes_as_they_are_written(
    midas: Midas, workspace: Path
) -> None:
    """Back-to-back slots, six or fewer a day, are Google's to take as written: nothing merged or said."""
    hours = """\
      - {days: [mon, tue], start: "09:00", end: "12:00"}
      - {days: [mon], start: "12:00", end: "17:00"}
"""
    spec = _write(workspace, hours)
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert mirrored.code == 0, mirrored.output
    assert "note:" not in mirrored.output, mirrored.output
    assert yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["schedule"]["hours"] == [
        {"days": ["mon", "tue"], "start": "09:00", "end": "12:00"},
        {"days": ["mon"], "start": "12:00", "end": "17:00"},
    ]


def test_mirror_to_google_refuses_meta_hours_of_more_than_six_separate_slots_a_day_by_day(
    midas: Midas, workspace: Path
) -> None:
    """Seven separate hours on Monday and eight on Tuesday stay seven and eight when merged (none touch):
    refused, naming each day and its count, nothing written."""
    hours = "".join(
        f'      - {{days: [{days}], start: "{h:02d}:00", end: "{h + 1:02d}:00"}}\n'
        for h, days in [(h, "mon, tue") for h in range(6, 20, 2)] + [(21, "tue"), (22, "sat")]
    )
    spec = _write(workspace, hours)
    before = spec.read_text(encoding="utf-8")
    refused = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert refused.code == 1, refused.output
    assert (
        "campaign 'evening-shoes' runs on Meta at hours Google cannot take (specs/evening.yaml:12: "
        "spec.schedule.hours): merged into each day's union, mon has 7 separate slots and tue has 8, "
        "while Google takes at most six ad schedules a day" in refused.output
    ), refused.output
    assert "join some and mirror again, or add Google by hand with hours of its own (google.hours" in (
        refused.output
    )
    assert "nothing written" in refused.output
    assert spec.read_text(encoding="utf-8") == before
    by_hand = before.replace(
        "  platforms: {meta: {account: meta-main}}",
        "  platforms: {meta: {account: meta-main}, google: {account: google-main}}\n  google: {hours: []}",
    )
    spec.write_text(by_hand, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output  # the route the refusal names


def test_mirror_to_google_writes_merged_hours_in_the_block_style_the_file_writes_them(
    midas: Midas, workspace: Path
) -> None:
    hours = """\
      - days: [sat]
        start: "10:00"
        end: "14:00"
      - days: [sat]
        start: "12:00"
        end: "24:00"
"""
    spec = _write(workspace, hours)
    assert midas("mirror", "campaign/evening-shoes", "--to", "google").code == 0
    merged = '    hours:\n      - days: [sat]\n        start: "10:00"\n        end: "24:00"\n  targeting:'
    assert merged in spec.read_text(encoding="utf-8")


#: An app campaign on Meta alone, at hours: Google runs app campaigns all the time.
META_APP = (
    META_HOURS.replace(
        "objective: traffic",
        "objective: app_promotion\n"
        '  app: {{store: google_play, id: com.example.game, meta_app_id: "5550001"}}',
    )
    .replace("  ad_groups: [{{name: runners}}]\n", "")
    .replace("      final_url: https://shop.example.com/\n", "")
)
#: What follows the hours in the file, kept after whatever ends the rewritten list.
SECTION = "\n  # ---- who we target ----\n  targeting:"


def test_mirror_to_google_keeps_block_slots_comments_joined_and_the_section_comment_after_the_hours(
    midas: Midas, workspace: Path
) -> None:
    """Block style: Saturday's two slots merge into a new entry written as the file writes slots (``days``
    a block list), on whose ``end`` both end-of-line comments stand joined; Monday's, which Google takes,
    stays as written, after its own full-line comment; the blank line and section comment after the list
    stay after it."""
    hours = """\
      - days:
          - sat
        start: "10:00"
        end: "14:00"  # brunch
      # the workweek
      - days:
          - mon
        start: "09:00"
        end: "17:00"  # weekdays
      - days:
          - sat
        start: "12:00"
        end: "24:00"  # sat b

  # ---- who we target ----
"""
    spec = _write(workspace, hours)
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert mirrored.code == 0, mirrored.output
    merged = """\
    hours:
      - days:
          - sat
        start: "10:00"
        end: "24:00"  # brunch; sat b
      # the workweek
      - days:
          - mon
        start: "09:00"
        end: "17:00"  # weekdays
"""
    assert merged + SECTION in spec.read_text(encoding="utf-8")


def test_mirror_to_google_keeps_flow_slots_comments_joined_and_the_section_comment_after_the_hours(
    midas: Midas, workspace: Path
) -> None:
    """Flow style: Saturday's union equals its last slot, kept as written where Saturday's first stood, with
    both comments; the section comment that followed that slot stays after the list, not inside it."""
    hours = """\
      - {days: [sat], start: "12:00", end: "14:00"}   # brunch
      - {days: [mon], start: "09:00", end: "17:00"}   # weekdays
      - {days: [sat], start: "10:00", end: "24:00"}   # sat b

  # ---- who we target ----
"""
    spec = _write(workspace, hours)
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert mirrored.code == 0, mirrored.output
    merged = """\
    hours:
      - {days: [sat], start: "10:00", end: "24:00"}   # brunch; sat b
      - {days: [mon], start: "09:00", end: "17:00"}   # weekdays
"""
    assert merged + SECTION in spec.read_text(encoding="utf-8")


def test_mirror_to_google_refuses_an_app_campaign_s_meta_hours_without_suggesting_to_join_them(
    midas: Midas, workspace: Path
) -> None:
    """Google runs an app campaign all the time: however its Meta hours are written (here eight a Monday),
    the refusal says so and names google.hours: [], not joining slots; nothing written."""
    hours = "".join(
        f'      - {{days: [mon], start: "{h:02d}:00", end: "{h + 1:02d}:00"}}\n' for h in range(6, 22, 2)
    )
    spec = _write(workspace, hours, META_APP)
    app = spec.read_text(encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    refused = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert refused.code == 1, refused.output
    assert "Google runs app campaigns all the time" in refused.output, refused.output
    assert "google.hours: []" in refused.output and "join" not in refused.output, refused.output
    assert "slots on mon" not in refused.output, refused.output  # no limit a day to keep to: none at all
    assert spec.read_text(encoding="utf-8") == app
    by_hand = app.replace(
        "  platforms: {meta: {account: meta-main}}",
        "  platforms: {meta: {account: meta-main}, google: {account: google-main}}\n  google: {hours: []}",
    )
    spec.write_text(by_hand, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output  # the route the refusal names


def test_mirror_to_google_moves_the_section_comment_after_a_kept_block_slot_to_the_list_s_end_once(
    midas: Midas, workspace: Path
) -> None:
    """Saturday's union equals its last slot, which ends no line with a comment: kept as written, first; the
    blank line and section comment that followed it (held under its ``end``) follow Monday's, once."""
    hours = """\
      - days: [sat]
        start: "12:00"
        end: "14:00"
      - days: [mon]
        start: "09:00"
        end: "17:00"
      - days: [sat]
        start: "10:00"
        end: "24:00"

  # ---- who we target ----
"""
    spec = _write(workspace, hours)
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert mirrored.code == 0, mirrored.output
    merged = """\
    hours:
      - days: [sat]
        start: "10:00"
        end: "24:00"
      - days: [mon]
        start: "09:00"
        end: "17:00"
"""
    text = spec.read_text(encoding="utf-8")
    assert merged + SECTION in text and text.count("who we target") == 1, text


@pytest.mark.parametrize("between", ["      # the workweek\n", "\n"], ids=["comment", "blank-line"])
@pytest.mark.parametrize(
    "slot",
    [
        '      - start: "{}"\n        end: "{}"\n        days: [{}]\n',
        '      - {{start: "{}", end: "{}", days: [{}]}}\n',
    ],
    ids=["block", "flow"],
)
def test_mirror_to_google_keeps_the_line_after_a_slot_ending_in_a_flow_collection(
    midas: Midas, workspace: Path, between: str, slot: str
) -> None:
    """A slot ending in a flow collection (``days: [sat]`` last, or a flow slot) with no end-of-line comment:
    ruamel holds the line after it before the next slot, in the list; it stays before Monday's entry, which
    took in that next slot. The new Saturday entry's keys in the file's order."""
    hours = slot.format("10:00", "14:00", "sat") + between + slot.format("09:00", "17:00", "mon")
    spec = _write(workspace, hours + slot.format("12:00", "24:00", "sat"))
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert mirrored.code == 0, mirrored.output
    merged = slot.format("10:00", "24:00", "sat") + between + slot.format("09:00", "17:00", "mon")
    assert "    hours:\n" + merged + "  targeting:" in spec.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("hours", "anchor", "line"),
    [
        pytest.param(
            """\
      - {days: [sat], start: &open "10:00", end: "14:00"}
      - {days: [sat], start: "12:00", end: "24:00"}
      - {days: [tue], start: *open, end: "17:00"}
""",
            "open",
            13,
            id="time",
        ),
        pytest.param(
            """\
      - {days: [mon], start: "09:00", end: "17:00"}
      - &wk {days: [sat], start: "10:00", end: "14:00"}
      - {days: [sat], start: "12:00", end: "24:00"}
""",
            "wk",
            14,
            id="slot",
        ),
    ],
)
def test_mirror_to_google_refuses_to_merge_away_a_meta_slot_holding_an_anchor(
    midas: Midas, workspace: Path, hours: str, anchor: str, line: int
) -> None:
    """An anchor within a slot merged away would be written out at its alias instead (a line the merge never
    touched rewritten): refused, naming the anchor and the slot's line, nothing written."""
    spec = _write(workspace, hours)
    before = spec.read_text(encoding="utf-8")
    refused = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert refused.code == 1, refused.output
    assert (
        f"campaign 'evening-shoes' runs on Meta at hours Google refuses as written, to merge into each day's "
        f"union, but the slot at specs/evening.yaml:{line} (spec.schedule.hours) holds the anchor &{anchor}"
    ) in refused.output, refused.output
    assert "nothing written" in refused.output
    assert spec.read_text(encoding="utf-8") == before


def test_mirror_to_google_keeps_an_anchor_in_a_meta_slot_kept_as_written(
    midas: Midas, workspace: Path
) -> None:
    """Monday's slot, which Google takes, stays as written, its anchor and the alias of it too."""
    hours = """\
      - {days: [mon], start: &open "09:00", end: "17:00"}
      - {days: [sat], start: "10:00", end: "14:00"}
      - {days: [sat], start: "12:00", end: "24:00"}
      - {days: [tue], start: *open, end: "17:00"}
"""
    spec = _write(workspace, hours)
    mirrored = midas("mirror", "campaign/evening-shoes", "--to", "google")
    assert mirrored.code == 0, mirrored.output
    merged = """\
      - {days: [mon], start: &open "09:00", end: "17:00"}
      - {days: [sat], start: "10:00", end: "24:00"}
      - {days: [tue], start: *open, end: "17:00"}
"""
    assert merged in spec.read_text(encoding="utf-8")
