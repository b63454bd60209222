"""``schedule.hours``: each rule's error at its file, line and field (``spec._schedule_hours``), the compiled
Google ad schedule (``compile.google_hours``), and the read of a live AD_SCHEDULE criterion row
(``connectors.google_ad_schedule``)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from midas_reconcile.compile import compile_workspace
from midas_reconcile.compile.google_hours import ad_schedule_criteria
from midas_reconcile.connectors.google_ad_schedule import ad_schedule_native, ad_schedule_row_fields
from midas_reconcile.connectors.google_rows import criterion_fields, criterion_key, criterion_native
from midas_reconcile.connectors.meta_day_parts import day_parts, hours_of, read_day_parts, read_pacing
from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.importing.hours import meta_hours, share_google_hours
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec import Workspace, load_workspace
from midas_reconcile.spec._schedule_hours import slot_days
from midas_reconcile.spec.models import HourSlot

SETTINGS = """\
version: 1
accounts:
  google-main: {platform: google, customer_id: "1234567890", currency: USD, time_zone: America/New_York}
  meta-main:
    {platform: meta, ad_account_id: act_1234567890, currency: USD, pixel_id: "1234",
     time_zone: America/New_York}
"""

CAMPAIGN = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: c}
spec:
  platforms: {google: {account: google-main}}
  objective: traffic
  budget: {daily: 50.00}
  targeting: {locations: [US]}
  schedule:
    time_zone: America/New_York
    hours:
{hours}
  creatives:
    - name: one
      headlines: [Alpha, Beta, Gamma]
      descriptions: [First description, Second description]
      final_url: https://example.com/
"""


def _issues(tmp_path: Path, hours: str, replace: dict[str, str] | None = None) -> list[SpecIssue]:
    text = CAMPAIGN.replace("{hours}", hours)
    for old, new in (replace or {}).items():
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "midas.yaml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_workspace(tmp_path, env={})
    return caught.value.issues


# (id, the hours lines, expected (line, field, message fragment))
CASES = [
    (
        "not-a-quarter-hour",
        '      - {days: [mon], start: "09:10", end: "17:00"}',
        [
            (
                12,
                "spec.schedule.hours[0].start",
                "found '09:10'; expected a quarter hour (:00, :15, :30 or :45)",
            )
        ],
    ),
    (
        "unquoted-time-not-a-quarter-hour",
        "      - {days: [mon], start: 9:00, end: 17:20}",
        [(12, "spec.schedule.hours[0].end", "found '17:20'; expected a quarter hour")],
    ),
    (
        "end-before-start",
        '      - {days: [mon], start: "17:00", end: "09:00"}',
        [(12, "spec.schedule.hours[0].end", "found '09:00', which is not after start '17:00'")],
    ),
    (
        "24-only-as-end",
        '      - {days: [mon], start: "24:00", end: "24:00"}',
        [(12, "spec.schedule.hours[0].start", "expected 00:00–23:45 ('24:00' only as an end)")],
    ),
    (
        "past-the-day",
        '      - {days: [mon], start: "20:00", end: "24:15"}',
        [(12, "spec.schedule.hours[0].end", "expected 00:00–24:00")],
    ),
    (
        "overlap-on-one-day",
        '      - {days: [mon, tue], start: "09:00", end: "17:00"}\n'
        '      - {days: [tue], start: "16:00", end: "18:00"}',
        [(13, "spec.schedule.hours[1]", "found 16:00–18:00 on tue, which overlaps hours 0 (09:00–17:00)")],
    ),
    (
        "overlap-with-a-long-slot-past-the-next",
        '      - {days: [wed], start: "08:00", end: "20:00"}\n'
        '      - {days: [wed], start: "09:00", end: "10:00"}\n'
        '      - {days: [wed], start: "12:00", end: "13:00"}',
        [
            (13, "spec.schedule.hours[1]", "found 09:00–10:00 on wed, which overlaps hours 0"),
            (14, "spec.schedule.hours[2]", "found 12:00–13:00 on wed, which overlaps hours 0"),
        ],
    ),
    (
        "a-day-twice",
        '      - {days: [mon, mon], start: "09:00", end: "17:00"}',
        [(12, "spec.schedule.hours[0].days[1]", "found 'mon' twice; expected each day once")],
    ),
    (
        "seven-slots-a-day",
        "\n".join(f'      - {{days: [sun], start: "{h:02d}:00", end: "{h:02d}:30"}}' for h in range(7)),
        [(18, "spec.schedule.hours[6].days", "found 7 slots on sun; expected at most 6 a day")],
    ),
    (
        "not-a-time",
        '      - {days: [mon], start: "9", end: "17:00"}',
        [(12, "spec.schedule.hours[0].start", "found '9'; expected a time of day as HH:MM, 00:00–24:00")],
    ),
    (
        "an-integer-is-no-time",
        "      - {days: [mon], start: 900, end: 1200}",
        [
            (12, "spec.schedule.hours[0].start", "found the number 900; expected a time of day as HH:MM"),
            (12, "spec.schedule.hours[0].end", "found the number 1200; expected a time of day as HH:MM"),
        ],
    ),
    (
        "not-a-day",
        '      - {days: [monday], start: "09:00", end: "17:00"}',
        [(12, "spec.schedule.hours[0].days[0]", "found 'monday'; expected one of 'mon', 'tue'")],
    ),
]


@pytest.mark.parametrize(("hours", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_schedule_hours_rules_point_at_the_offending_field(
    tmp_path: Path, hours: str, expected: list[tuple[int, str, str]]
) -> None:
    found = _issues(tmp_path, hours)
    assert [(i.file, i.line, i.field) for i in found] == [
        ("specs/c.yaml", line, f) for line, f, _ in expected
    ], [str(i) for i in found]
    for issue, (_, _, fragment) in zip(found, expected, strict=True):
        assert fragment in issue.message, issue.message


ON_META = {"{google: {account: google-main}}": "{meta: {account: meta-main}}"}
LIFETIME = {
    "budget: {daily: 50.00}": "budget: {lifetime: 900.00}",
    "    time_zone": "    end: 2027-03-31\n    time_zone",
}
LIFETIME_END_ONLY = {"    time_zone": "    end: 2027-03-31\n    time_zone"}


def test_hours_on_meta_on_a_daily_budget_are_refused_at_the_budget_saying_why(tmp_path: Path) -> None:
    [issue] = _issues(tmp_path, '      - {days: [mon], start: "09:00", end: "17:00"}', ON_META)
    assert (issue.line, issue.field) == (7, "spec.budget"), str(issue)
    assert "Meta runs an ad set schedule only on a lifetime budget (pacing_type day_parting)" in issue.message
    assert "give the campaign a lifetime budget (budget.lifetime with schedule.end)" in issue.message


BOTH = {"{google: {account: google-main}}": "{google: {account: google-main}, meta: {account: meta-main}}"}
ONE_SLOT = '      - {days: [mon], start: "09:00", end: "17:00"}'
OWN_DAILY = {
    "  creatives:": "  ad_groups:\n    - name: g\n      meta: {budget: {daily: 10.00}}\n  creatives:"
}
#: The routes each refusal offers, as written: each must load.
ROUTE_GOOGLE_HOURS = {
    "    hours:\n" + ONE_SLOT + "\n": "",
    "  targeting:": "  google:\n    hours:\n" + ONE_SLOT + "\n  targeting:",
}
ROUTE_CAMPAIGN_LIFETIME = LIFETIME
ROUTE_ADSET_LIFETIME = {"{budget: {daily: 10.00}}": "{budget: {lifetime: 100.00}}", **LIFETIME_END_ONLY}


@pytest.mark.parametrize(
    ("replace", "field", "routes", "offered", "not_offered"),
    [
        (
            BOTH,
            "spec.budget",
            [ROUTE_GOOGLE_HOURS, ROUTE_CAMPAIGN_LIFETIME],
            [
                "move the hours to google.hours to run them on Google alone, or give the campaign a lifetime "
                "budget (budget.lifetime with schedule.end)"
            ],
            ["meta.budget.lifetime"],
        ),
        (
            ON_META,
            "spec.budget",
            [ROUTE_CAMPAIGN_LIFETIME],
            ["give the campaign a lifetime budget (budget.lifetime with schedule.end)"],
            ["google.hours", "meta.budget.lifetime"],
        ),
        (
            {**BOTH, **OWN_DAILY},
            "spec.ad_groups[0].meta.budget",
            [ROUTE_GOOGLE_HOURS, ROUTE_ADSET_LIFETIME],
            [
                "move the hours to google.hours to run them on Google alone, or give the ad set a lifetime "
                "budget (its meta.budget.lifetime, with schedule.end or its meta.schedule.end)"
            ],
            [],
        ),
    ],
    ids=["both-platforms", "meta-alone", "an-ad-set-s-own-budget"],
)
def test_meta_hours_on_a_daily_budget_offer_only_routes_that_validate(
    tmp_path: Path,
    replace: dict[str, str],
    field: str,
    routes: list[dict[str, str]],
    offered: list[str],
    not_offered: list[str],
) -> None:
    (tmp_path / "refused").mkdir()
    [issue] = _issues(tmp_path / "refused", ONE_SLOT, replace)
    assert issue.field == field, str(issue)
    for text in offered:
        assert text in issue.message, issue.message
    for text in not_offered:
        assert text not in issue.message, issue.message
    for index, route in enumerate(routes):
        root = tmp_path / f"route{index}"
        root.mkdir()
        text = CAMPAIGN.replace("{hours}", ONE_SLOT)
        for old, new in {**replace, **route}.items():
            assert old in text, old
            text = text.replace(old, new)
        (root / "midas.yaml").write_text(SETTINGS, encoding="utf-8")
        (root / "specs").mkdir()
        (root / "specs" / "c.yaml").write_text(text, encoding="utf-8")
        load_workspace(root, env={})  # loads: no SpecError


def test_hours_on_meta_in_quarter_hours_are_refused_at_the_time(tmp_path: Path) -> None:
    [issue] = _issues(
        tmp_path, '      - {days: [mon], start: "09:30", end: "17:00"}', {**ON_META, **LIFETIME}
    )
    assert (issue.line, issue.field) == (13, "spec.schedule.hours[0].start"), str(issue)
    assert "Meta schedules ad sets in whole hours" in issue.message


def test_hours_in_another_time_zone_than_the_google_accounts_are_refused(tmp_path: Path) -> None:
    [issue] = _issues(
        tmp_path,
        '      - {days: [mon], start: "09:00", end: "17:00"}',
        {"time_zone: America/New_York": "time_zone: Europe/Berlin"},
    )
    assert (issue.line, issue.field) == (10, "spec.schedule.time_zone"), str(issue)
    assert (
        "Google runs ad schedules in the account's time zone (google-main: America/New_York)" in issue.message
    )


def test_hours_in_another_time_zone_than_both_accounts_are_one_error_naming_both(tmp_path: Path) -> None:
    [issue] = _issues(
        tmp_path,
        ONE_SLOT,
        {**BOTH, **LIFETIME, "time_zone: America/New_York": "time_zone: Europe/Berlin"},
    )
    assert (issue.line, issue.field) == (11, "spec.schedule.time_zone"), str(issue)
    assert "found 'Europe/Berlin'" in issue.message
    assert "google-main: America/New_York" in issue.message and "meta-main: America/New_York" in issue.message
    assert "expected time_zone: America/New_York with hours" in issue.message


def test_hours_where_the_two_accounts_zones_differ_are_one_error_offering_a_route_that_loads(
    tmp_path: Path,
) -> None:
    settings = SETTINGS.replace(
        'pixel_id: "1234",\n     time_zone: America/New_York',
        'pixel_id: "1234",\n     time_zone: America/Los_Angeles',
    )
    assert settings != SETTINGS
    text = CAMPAIGN.replace("{hours}", ONE_SLOT).replace(
        "time_zone: America/New_York", "time_zone: Europe/Berlin"
    )
    for old, new in {**BOTH, **LIFETIME}.items():
        text = text.replace(old, new)
    (tmp_path / "specs").mkdir()
    (tmp_path / "midas.yaml").write_text(settings, encoding="utf-8")
    (tmp_path / "specs" / "c.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_workspace(tmp_path, env={})
    [issue] = caught.value.issues
    assert issue.field == "spec.schedule.time_zone", str(issue)
    assert "(google-main: America/New_York; meta-main: America/Los_Angeles)" in issue.message
    assert "google.hours: [] keeps them off Google, with time_zone: America/Los_Angeles" in issue.message
    route = text.replace("time_zone: Europe/Berlin", "time_zone: America/Los_Angeles").replace(
        "  targeting:", "  google: {hours: []}\n  targeting:"
    )
    (tmp_path / "specs" / "c.yaml").write_text(route, encoding="utf-8")
    load_workspace(tmp_path, env={})  # loads: no SpecError


def test_hours_compile_to_one_criterion_per_day_and_slot_in_week_order() -> None:
    hours = [
        HourSlot(days=["sat", "mon"], start="10:00", end="24:00"),
        HourSlot(days=["mon"], start="06:15", end="08:45"),
    ]
    compiled = ad_schedule_criteria(hours)
    assert [key for key, _ in compiled] == [
        "ad_schedule:MONDAY:06:15-08:45",
        "ad_schedule:MONDAY:10:00-24:00",
        "ad_schedule:SATURDAY:10:00-24:00",
    ]
    fields = compiled[1][1]
    assert fields == {
        "type": "AD_SCHEDULE",
        "ad_schedule_day": "MONDAY",
        "ad_schedule_start": "10:00",
        "ad_schedule_end": "24:00",
    }
    assert criterion_native("1234567890", fields, {}) == {
        "ad_schedule": {
            "day_of_week": "MONDAY",
            "start_hour": 10,
            "start_minute": "ZERO",
            "end_hour": 24,
            "end_minute": "ZERO",
        }
    }


def test_an_ad_schedule_row_reads_back_to_its_compiled_fields_and_key() -> None:
    """A live row as the SDK gives it (a start at midnight has start_hour 0; 1.0 is no bid adjustment)."""
    row = {
        "resource_name": "customers/1/campaignCriteria/2~3",
        "campaign": "customers/1/campaigns/2",
        "type": "AD_SCHEDULE",
        "bid_modifier": 1.0,
        "ad_schedule": {
            "day_of_week": "FRIDAY",
            "start_hour": 0,
            "start_minute": "ZERO",
            "end_hour": 12,
            "end_minute": "FORTY_FIVE",
        },
    }
    [(key, compiled)] = ad_schedule_criteria([HourSlot(days=["fri"], start="00:00", end="12:45")])
    assert criterion_key(row) == key == "ad_schedule:FRIDAY:00:00-12:45"
    assert criterion_fields(row, ad_group_level=False) == compiled
    # One representation of a bid modifier (``spec._bid_modifiers``): read as decimal text without the
    # 32-bit float's noise, 1.0 as none, sent as a float.
    assert ad_schedule_row_fields({**row, "bid_modifier": 1.25})["bid_modifier"] == "1.25"
    assert ad_schedule_row_fields({**row, "bid_modifier": 1.100000023841858})["bid_modifier"] == "1.1"
    assert ad_schedule_row_fields({**row, "bid_modifier": 1.23456})["bid_modifier"] == "1.23456"
    assert "bid_modifier" not in ad_schedule_row_fields({**row, "bid_modifier": 1.0})
    assert ad_schedule_native({**compiled, "bid_modifier": "1.25"})["bid_modifier"] == 1.25


def test_hours_compile_to_meta_day_parts_and_any_echo_shape_reads_back_the_same() -> None:
    """One DayPart per span, days sorted (0 = Sunday), parts by span; Meta's echo a part per day, in
    another order, as a JSON text, or with Meta's default pacing reads as the compiled value (no diff)."""
    hours = [
        HourSlot(days=["sat", "mon", "tue"], start="09:00", end="17:00"),
        HourSlot(days=["sun"], start="00:00", end="24:00"),
    ]
    parts = day_parts(slot_days(hours))
    assert parts == [
        {"days": [0], "start_minute": 0, "end_minute": 1440, "timezone_type": "ADVERTISER"},
        {"days": [1, 2, 6], "start_minute": 540, "end_minute": 1020, "timezone_type": "ADVERTISER"},
    ]
    per_day = [
        {"days": [d], "start_minute": 540, "end_minute": 1020, "timezone_type": "ADVERTISER"}
        for d in (6, 2, 1)
    ]
    echo = [*per_day, {"days": [0], "start_minute": 0, "end_minute": 1440, "timezone_type": "ADVERTISER"}]
    assert read_day_parts(echo) == read_day_parts(json.dumps(echo)) == parts
    assert read_day_parts([]) is None and read_pacing(["standard"]) is None
    assert read_pacing(["day_parting"]) == ["day_parting"]
    assert hours_of(parts) == [
        {"days": ["mon", "tue", "sat"], "start": "09:00", "end": "17:00"},
        {"days": ["sun"], "start": "00:00", "end": "24:00"},
    ]


GOOGLE_OWN = (
    "  google:\n    hours:\n"
    '      - {days: [mon], start: "09:00", end: "12:00", bid_adjustment: 1.2}\n'
    '      - {days: [mon], start: "13:00", end: "17:00", bid_adjustment: %s}\n'
)


@pytest.mark.parametrize(
    ("adjustment", "fragment"),
    [
        ("10.5", "found 10.5; expected a multiplier of bids from 0.1 to 10"),
        ("1.125", "at most 2 decimal places"),
    ],
    ids=["out-of-range", "finer-than-a-percent"],
)
def test_a_google_slot_s_bid_adjustment_is_checked_at_the_field(
    tmp_path: Path, adjustment: str, fragment: str
) -> None:
    own = GOOGLE_OWN % adjustment
    [issue] = _issues(tmp_path, '      - {days: [mon], start: "09:00", end: "17:00"}\n' + own.rstrip("\n"))
    assert (issue.line, issue.field) == (16, "spec.google.hours[1].bid_adjustment"), str(issue)
    assert fragment in issue.message


def test_google_hours_replace_the_campaign_s_on_google_with_their_bid_adjustments(tmp_path: Path) -> None:
    text = CAMPAIGN.replace("{hours}", '      - {days: [mon], start: "09:00", end: "17:00"}')
    text += GOOGLE_OWN % "0.75"
    (tmp_path / "midas.yaml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "c.yaml").write_text(text, encoding="utf-8")
    spec = load_workspace(tmp_path, env={}).campaigns["c"].spec
    assert spec.google.hours is not None
    compiled = ad_schedule_criteria(spec.google.hours)
    assert [(key, fields.get("bid_modifier")) for key, fields in compiled] == [
        ("ad_schedule:MONDAY:09:00-12:00", "1.2"),
        ("ad_schedule:MONDAY:13:00-17:00", "0.75"),
    ]
    assert criterion_native("1", compiled[1][1], {})["bid_modifier"] == 0.75


def test_meta_day_parts_merge_touching_and_overlapping_spans_of_a_day_into_one() -> None:
    """Ads Manager's hour grid (a DayPart per hour) and overlapping spans read as the union of each day's
    spans, so a Meta echo that splits or merges them is no diff."""
    grid = [
        {
            "days": [1, 2, 3, 4, 5],
            "start_minute": h * 60,
            "end_minute": (h + 1) * 60,
            "timezone_type": "ADVERTISER",
        }
        for h in range(9, 17)
    ]
    merged = [
        {"days": [1, 2, 3, 4, 5], "start_minute": 540, "end_minute": 1020, "timezone_type": "ADVERTISER"}
    ]
    assert read_day_parts(grid) == merged
    overlapping = [
        HourSlot(days=["mon", "tue", "wed", "thu", "fri"], start="09:00", end="13:00"),
        HourSlot(days=["mon", "tue", "wed", "thu", "fri"], start="12:00", end="17:00"),
    ]
    assert day_parts(slot_days(overlapping)) == merged
    assert hours_of(merged) == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"}
    ]


def test_meta_only_hours_take_back_to_back_slots_beyond_six_a_day(tmp_path: Path) -> None:
    """Google's rules (6 slots a day, no overlaps) do not bind hours that run on Meta alone."""
    grid = "\n".join(
        f'      - {{days: [mon], start: "{h:02d}:00", end: "{h + 1:02d}:00"}}' for h in range(9, 17)
    )
    text = CAMPAIGN.replace("{hours}", grid + '\n      - {days: [mon], start: "10:00", end: "12:00"}')
    for old, new in {**ON_META, **LIFETIME}.items():
        text = text.replace(old, new)
    (tmp_path / "midas.yaml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "c.yaml").write_text(text, encoding="utf-8")
    load_workspace(tmp_path, env={})  # loads: no SpecError


def test_meta_only_hours_off_a_quarter_hour_say_meta_s_whole_hours(tmp_path: Path) -> None:
    [issue] = _issues(
        tmp_path, '      - {days: [mon], start: "17:10", end: "20:00"}', {**ON_META, **LIFETIME}
    )
    assert issue.field == "spec.schedule.hours[0].start", str(issue)
    assert "Meta schedules ad sets in whole hours" in issue.message and "Google" not in issue.message


def _adset(path: str, *spans: tuple[list[int], int, int], name: str = "Runners") -> Resource:
    """A live Meta ad set at ``path`` on the DayParts ``spans`` (days, start, end minute; none: none)."""
    parts = [
        {"days": days, "start_minute": start, "end_minute": end, "timezone_type": "ADVERTISER"}
        for days, start, end in spans
    ]
    fields: dict[str, object] = {"name": name}
    if parts:
        fields.update(adset_schedule=parts, pacing_type=["day_parting"])
    return Resource(address=Address("meta", "meta-main", "adset", path), fields=fields)


def test_two_meta_ad_sets_of_one_name_on_different_schedules_keep_each_its_own_on_import() -> None:
    """Ad sets are told apart by address, not name: two of one name on different schedules do not collapse
    into one schedule (the last one's); the first is the campaign's, the other its own."""
    problems: list[str] = []
    found = meta_hours([_adset("c/1", ([1], 540, 600)), _adset("c/2", ([1], 600, 660))], "c", problems)
    assert problems == []
    assert found.campaign == [{"days": ["mon"], "start": "09:00", "end": "10:00"}]
    assert found.own == {
        Address("meta", "meta-main", "adset", "c/2"): [{"days": ["mon"], "start": "10:00", "end": "11:00"}]
    }


EVENINGS = ([1, 2, 3, 4, 5], 1020, 1380)
WEEKENDS = ([0, 6], 600, 1440)


@pytest.mark.parametrize(
    ("adsets", "campaign", "own"),
    [
        # The most common schedule is the campaign's; an ad set without one among them says so ([]).
        ([(EVENINGS,), (EVENINGS,), ()], ["mon"], {"c/3": []}),
        ([(EVENINGS,), (EVENINGS,), (WEEKENDS,)], ["mon"], {"c/3": ["sat"]}),
        # A tie: none is the campaign's (no ad set writes `[]`), the scheduled ad sets their own.
        ([(EVENINGS,), ()], [], {"c/1": ["mon"]}),
        ([(), (WEEKENDS,), (EVENINGS,)], [], {"c/2": ["sat"], "c/3": ["mon"]}),
        # A tie of two schedules: the first ad set's is the campaign's.
        ([(WEEKENDS,), (EVENINGS,)], ["sat"], {"c/2": ["mon"]}),
        ([(WEEKENDS, EVENINGS), (EVENINGS, WEEKENDS)], ["mon", "sat"], {}),
    ],
    ids=["most-common", "most-common-beside-another", "tie-with-none", "none-among-two", "tie", "one"],
)
def test_meta_ad_sets_schedules_import_as_the_campaign_s_most_common_hours_and_their_own(
    adsets: list[tuple[tuple[list[int], int, int], ...]], campaign: list[str], own: dict[str, list[str]]
) -> None:
    problems: list[str] = []
    found = meta_hours([_adset(f"c/{i}", *spans) for i, spans in enumerate(adsets, 1)], "c", problems)
    assert problems == []
    assert [slot["days"][0] for slot in found.campaign] == campaign
    assert {a.path: [slot["days"][0] for slot in h] for a, h in found.own.items()} == own


OWN_HOURS = """\
  ad_groups:
    - name: runners
      meta:
        schedule:
          hours:
{own}
    - name: walkers
  creatives:"""


def _own_hours_text(own: str, replace: dict[str, str]) -> str:
    text = CAMPAIGN.replace("{hours}", ONE_SLOT).replace("  creatives:", OWN_HOURS.replace("{own}", own))
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def _load(tmp_path: Path, text: str, settings: str = SETTINGS) -> Workspace:
    (tmp_path / "midas.yaml").write_text(settings, encoding="utf-8")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "c.yaml").write_text(text, encoding="utf-8")
    return load_workspace(tmp_path, env={})


def test_an_ad_set_s_own_hours_compile_to_its_schedule_and_empty_ones_to_none(tmp_path: Path) -> None:
    """``meta.schedule.hours`` replace the campaign's for that ad set alone; ``[]`` runs it all the time
    (no ``adset_schedule``, no day_parting pacing) while the campaign's hours bind the others; Google's
    rules do not bind them (overlapping slots), Meta's union of spans does."""
    own = (
        '            - {days: [sat], start: "10:00", end: "14:00"}\n'
        "            - {days: [sat], start: 12:00, end: 16:00}"
    )
    text = _own_hours_text(own, {**ON_META, **LIFETIME}).replace(
        "    - name: walkers",
        "    - name: walkers\n    - name: strollers\n      meta: {schedule: {hours: []}}",
    )
    adsets = {
        r.fields["name"]: r.fields
        for r in compile_workspace(_load(tmp_path, text), audiences=False).resources
        if r.address.kind == "adset"
    }
    assert adsets["runners"]["adset_schedule"] == [
        {"days": [6], "start_minute": 600, "end_minute": 960, "timezone_type": "ADVERTISER"}
    ]
    assert adsets["walkers"]["adset_schedule"] == [
        {"days": [1], "start_minute": 540, "end_minute": 1020, "timezone_type": "ADVERTISER"}
    ]
    assert adsets["runners"]["pacing_type"] == adsets["walkers"]["pacing_type"] == ["day_parting"]
    assert "adset_schedule" not in adsets["strollers"] and "pacing_type" not in adsets["strollers"]


# (id, the ad set's own hours lines, replacements, expected (line, field, message fragment))
OWN_CASES = [
    (
        "off-the-hour",
        '            - {days: [mon], start: "09:30", end: "17:00"}',
        {**ON_META, **LIFETIME},
        [(19, "spec.ad_groups[0].meta.schedule.hours[0].start", "Meta schedules ad sets in whole hours")],
    ),
    (
        "end-before-start",
        '            - {days: [mon], start: "17:00", end: "09:00"}',
        {**ON_META, **LIFETIME},
        [(19, "spec.ad_groups[0].meta.schedule.hours[0].end", "which is not after start '17:00'")],
    ),
    (
        "on-the-campaign-s-daily-budget",
        '            - {days: [mon], start: "09:00", end: "17:00"}',
        {**ON_META, "    hours:\n" + ONE_SLOT + "\n": ""},
        [
            (
                15,
                "spec.ad_groups[0].meta.schedule.hours",
                "found a daily budget for Meta ad set 'runners', which has hours (its own "
                "(meta.schedule.hours)); Meta runs an ad set schedule only on a lifetime budget "
                "(pacing_type day_parting): give the campaign a lifetime budget (budget.lifetime with "
                "schedule.end), or run the ad set all the time (meta.schedule.hours: [])",
            )
        ],
    ),
    (
        "on-its-own-daily-budget",
        '            - {days: [mon], start: "09:00", end: "17:00"}',
        {
            **ON_META,
            **LIFETIME_END_ONLY,
            "    hours:\n" + ONE_SLOT + "\n": "",
            "      meta:\n": "      meta:\n        budget: {daily: 10.00}\n",
            "    - name: walkers": "    - name: walkers\n      meta: {budget: {lifetime: 100.00}}",
        },
        [
            (
                15,
                "spec.ad_groups[0].meta.budget",
                "give the ad set a lifetime budget (its meta.budget.lifetime",
            )
        ],
    ),
    (
        "null",
        "            null",
        {**ON_META, **LIFETIME, "          hours:\n": "          hours:"},
        [
            (
                18,
                "spec.ad_groups[0].meta.schedule.hours",
                # said once: "found null (an empty value); expected …", not "found null" twice
                "found null (an empty value); expected a list of hours (`[]`: all the time)",
            )
        ],
    ),
    (
        "off-meta",
        '            - {days: [mon], start: "09:00", end: "17:00"}',
        {},
        [
            (
                16,
                "spec.ad_groups[0].meta.schedule",
                "found meta.schedule on an ad group that does not run on Meta",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("own", "replace", "expected"), [c[1:] for c in OWN_CASES], ids=[c[0] for c in OWN_CASES]
)
def test_an_ad_set_s_own_hours_rules_point_at_the_ad_group_s_field(
    tmp_path: Path, own: str, replace: dict[str, str], expected: list[tuple[int, str, str]]
) -> None:
    with pytest.raises(SpecError) as caught:
        _load(tmp_path, _own_hours_text(own, replace))
    found = caught.value.issues
    shown = [str(i) for i in found]
    assert [(i.line, i.field) for i in found] == [(line, f) for line, f, _ in expected], shown
    for issue, (_, _, fragment) in zip(found, expected, strict=True):
        assert fragment in issue.message, issue.message


def test_an_ad_set_on_a_daily_budget_runs_all_the_time_beside_the_campaign_s_hours(tmp_path: Path) -> None:
    """The route the refusal offers loads: ``hours: []`` on the ad set on its daily budget, while the
    campaign's hours run on the other's lifetime one."""
    text = _own_hours_text(
        "",
        {
            **ON_META,
            **LIFETIME_END_ONLY,
            "          hours:\n\n": "          hours: []\n        budget: {daily: 10.00}\n",
            "    - name: walkers": "    - name: walkers\n      meta: {budget: {lifetime: 100.00}}",
        },
    )
    _load(tmp_path, text)  # loads: no SpecError


def test_an_ad_set_s_own_hours_bind_the_meta_account_s_time_zone(tmp_path: Path) -> None:
    own = '            - {days: [mon], start: "09:00", end: "17:00"}'
    text = _own_hours_text(
        own,
        {**ON_META, **LIFETIME, "    hours:\n" + ONE_SLOT + "\n": "", "America/New_York": "Europe/Berlin"},
    )
    with pytest.raises(SpecError) as caught:
        _load(tmp_path, text)
    [issue] = caught.value.issues
    assert issue.field == "spec.schedule.time_zone", str(issue)
    assert "Meta runs MIDAS's ad set schedules (timezone_type ADVERTISER)" in issue.message


def _slot(day: str) -> dict[str, str]:
    return {"days": [day], "start": "09:00", "end": "17:00"}


MON, SAT, SUN = [_slot("mon")], [_slot("sat")], [_slot("sun")]


@pytest.mark.parametrize(
    ("names", "google", "campaign", "own", "rebased", "rebased_own"),
    [
        # Google runs an ad set's hours: they become the campaign's, the others' their own ([]: none).
        ("abc", MON, [], {"a": MON, "b": SAT}, MON, {"b": SAT, "c": []}),
        # Google runs the hours of one of five: rebasing would write more than google.hours does.
        ("abcde", SAT, MON, {"e": SAT}, MON, {"e": SAT}),
        # Google runs hours no Meta ad set does: Meta's stay, Google's are its own.
        ("abc", SUN, MON, {"a": SAT}, MON, {"a": SAT}),
        # Google runs all the time, as two of three Meta ad sets do.
        ("abc", [], MON, {"a": [], "b": []}, [], {"c": MON}),
    ],
    ids=["google-runs-an-ad-set-s", "more-to-write", "none-runs-google-s", "all-the-time"],
)
def test_a_paired_meta_view_takes_google_s_hours_as_the_campaign_s_where_an_ad_set_runs_them(
    names: str,
    google: list[dict[str, Any]],
    campaign: list[dict[str, Any]],
    own: dict[str, list[dict[str, Any]]],
    rebased: list[dict[str, Any]],
    rebased_own: dict[str, list[dict[str, Any]]],
) -> None:
    """``importing.hours.share_google_hours``: Meta's campaign hours become Google's where a Meta ad set
    runs them and that writes no more hours than Google's own would."""
    groups = [
        SimpleNamespace(name=n, options={"meta": {"schedule": {"hours": own[n]}}} if n in own else {})
        for n in names
    ]
    meta = SimpleNamespace(schedule={"hours": campaign} if campaign else {}, groups=groups)
    share_google_hours(google, meta)
    assert meta.schedule.get("hours", []) == rebased
    assert {g.name: g.options["meta"]["schedule"]["hours"] for g in groups if g.options} == rebased_own


def test_hours_in_the_viewer_s_time_zone_compile_to_user_day_parts_and_bind_no_time_zone(
    tmp_path: Path,
) -> None:
    """``meta.hours_time_zone: viewer`` sends DayParts in each viewer's zone (``timezone_type`` USER), so
    ``schedule.time_zone`` need not be the ad account's; an ad group's own ``account`` is the account's."""
    own = '            - {days: [sat], start: "10:00", end: "14:00"}'
    text = _own_hours_text(
        own,
        {
            **ON_META,
            **LIFETIME,
            "America/New_York": "Europe/Berlin",
            "  ad_groups:": "  meta: {hours_time_zone: Viewer}\n  ad_groups:",
            "    - name: walkers": "    - name: walkers\n      meta: {hours_time_zone: account}",
        },
    )
    settings = SETTINGS.replace("time_zone: America/New_York}", "time_zone: Europe/Berlin}")
    adsets = {
        r.fields["name"]: r.fields["adset_schedule"]
        for r in compile_workspace(_load(tmp_path, text, settings), audiences=False).resources
        if r.address.kind == "adset"
    }
    assert [part["timezone_type"] for part in adsets["runners"]] == ["USER"]
    assert [part["timezone_type"] for part in adsets["walkers"]] == ["ADVERTISER"]


@pytest.mark.parametrize(
    ("replace", "field"),
    [
        (
            {
                "    hours:\n" + ONE_SLOT + "\n": "",
                "  creatives:": "  meta: {hours_time_zone: viewer}\n  creatives:",
            },
            "spec.meta.hours_time_zone",
        ),
        (
            {
                "    hours:\n" + ONE_SLOT + "\n": "",
                "  creatives:": "  ad_groups:\n    - {name: g, meta: {hours_time_zone: viewer}}\n"
                "  creatives:",
            },
            "spec.ad_groups[0].meta.hours_time_zone",
        ),
    ],
    ids=["the-campaign-s", "an-ad-group-s"],
)
def test_an_hours_time_zone_without_hours_is_an_error_at_the_field(
    tmp_path: Path, replace: dict[str, str], field: str
) -> None:
    [issue] = _issues(tmp_path, ONE_SLOT, {**ON_META, **LIFETIME, **replace})
    assert issue.field == field, str(issue)
    assert "expected it only beside hours" in issue.message


def test_an_hours_time_zone_on_a_campaign_off_meta_is_an_error_at_the_field(tmp_path: Path) -> None:
    [issue] = _issues(tmp_path, ONE_SLOT, {"  creatives:": "  meta: {hours_time_zone: viewer}\n  creatives:"})
    assert (issue.line, issue.field) == (13, "spec.meta.hours_time_zone"), str(issue)
    assert "on a campaign that does not run on Meta" in issue.message


def test_meta_ad_sets_time_zones_import_as_the_most_common_and_their_own() -> None:
    def in_zone(adset: Resource, zone: str) -> Resource:
        parts = [{**part, "timezone_type": zone} for part in adset.fields.get("adset_schedule", [])]
        return dataclasses.replace(adset, fields={**adset.fields, "adset_schedule": parts})

    adsets = [
        in_zone(_adset("c/1", EVENINGS), "USER"),
        in_zone(_adset("c/2", EVENINGS), "USER"),
        _adset("c/3", EVENINGS),
        _adset("c/4"),
    ]
    problems: list[str] = []
    found = meta_hours(adsets, "c", problems)
    assert problems == [] and found.time_zone == "viewer" and found.in_account_zone
    assert found.own_time_zone == {Address("meta", "meta-main", "adset", "c/3"): "account"}
    mixed = dataclasses.replace(
        adsets[0],
        fields={
            **adsets[0].fields,
            "adset_schedule": [*adsets[0].fields["adset_schedule"], *adsets[2].fields["adset_schedule"]],
        },
    )
    meta_hours([mixed], "c", problems)
    [problem] = problems
    assert "timezone_type ADVERTISER, USER" in problem, problem


def test_an_ad_set_s_hours_only_schedule_does_not_repeat_the_campaign_s_dates_error(tmp_path: Path) -> None:
    """An ad group's ``meta.schedule`` of hours alone runs the campaign's dates: their end before their
    start is the campaign's error, said once at the campaign, not again at each such ad group."""
    text = _own_hours_text(
        '            - {days: [mon], start: "09:00", end: "17:00"}',
        {**ON_META, **LIFETIME, "    end: 2027-03-31\n": "    start: 2027-04-10\n    end: 2027-03-31\n"},
    )
    with pytest.raises(SpecError) as caught:
        _load(tmp_path, text)
    fields = [issue.field for issue in caught.value.issues]
    assert fields and not [f for f in fields if f.startswith("spec.ad_groups")], fields


#: Google's account in New York, Meta's in Los Angeles.
LA_META = SETTINGS.replace(
    'pixel_id: "1234",\n     time_zone: America/New_York',
    'pixel_id: "1234",\n     time_zone: America/Los_Angeles',
)


def test_hours_where_the_accounts_zones_differ_offer_meta_s_viewer_zone_as_a_route_that_loads(
    tmp_path: Path,
) -> None:
    """Runners' own hours in the Meta account's zone bind it, beside Google's: besides keeping the hours off
    Google, the error offers runners' hours in each viewer's zone (its own setting, the campaign's being
    the viewer's already), with Google's zone, and that route loads."""
    text = _own_hours_text(
        '            - {days: [sat], start: "10:00", end: "14:00"}',
        {
            **BOTH,
            **LIFETIME,
            "  ad_groups:": "  meta: {hours_time_zone: viewer}\n  ad_groups:",
            "      meta:\n        schedule:": (
                "      meta:\n        hours_time_zone: account\n        schedule:"
            ),
        },
    )
    with pytest.raises(SpecError) as caught:
        _load(tmp_path, text, LA_META)
    [issue] = caught.value.issues
    assert issue.field == "spec.schedule.time_zone", str(issue)
    assert "google.hours: [] keeps them off Google, with time_zone: America/Los_Angeles" in issue.message
    assert (
        "or Meta's in each viewer's time zone (ad_groups[0].meta.hours_time_zone: viewer), with time_zone: "
        "America/New_York" in issue.message
    ), issue.message
    route = text.replace("hours_time_zone: account", "hours_time_zone: viewer")
    (tmp_path / "specs" / "c.yaml").write_text(route, encoding="utf-8")
    load_workspace(tmp_path, env={})  # loads: no SpecError


def test_meta_hours_in_another_zone_than_the_ad_account_s_offer_the_viewer_s_zone_as_a_route_that_loads(
    tmp_path: Path,
) -> None:
    replace = {**ON_META, **LIFETIME, "time_zone: America/New_York": "time_zone: Europe/Berlin"}
    [issue] = _issues(tmp_path, ONE_SLOT, replace)
    assert issue.field == "spec.schedule.time_zone", str(issue)
    assert (
        "expected time_zone: America/New_York with hours, or Meta's in each viewer's time zone "
        "(meta.hours_time_zone: viewer)" in issue.message
    ), issue.message
    text = (tmp_path / "specs" / "c.yaml").read_text(encoding="utf-8")
    route = text.replace("  creatives:", "  meta: {hours_time_zone: viewer}\n  creatives:")
    (tmp_path / "specs" / "c.yaml").write_text(route, encoding="utf-8")
    load_workspace(tmp_path, env={})  # loads: no SpecError


@pytest.mark.parametrize(
    ("replace", "why"),
    [
        ({**ON_META, **LIFETIME}, "every Meta ad set runs hours of its own (meta.schedule.hours)"),
        (
            {**BOTH, **LIFETIME, "  targeting:": "  google: {hours: []}\n  targeting:"},
            "Google runs its own (google.hours)",
        ),
    ],
    ids=["meta-alone", "google-its-own"],
)
def test_campaign_hours_no_ad_set_runs_load_and_compile_to_nothing_with_a_warning_at_them(
    tmp_path: Path, replace: dict[str, str], why: str
) -> None:
    """Every Meta ad set on hours of its own, and Google not on the campaign's: the campaign's hours change
    nothing. Specs that planned before this was checked keep loading: a warning at them, on the Meta
    campaign (``validate`` and ``plan`` say it), and no ad set runs them."""
    text = _own_hours_text('            - {days: [sat], start: "10:00", end: "14:00"}', replace).replace(
        "    - name: walkers", "    - name: walkers\n      meta: {schedule: {hours: []}}"
    )
    compiled = compile_workspace(_load(tmp_path, text), audiences=False)
    [warning] = compiled.warnings
    line = text.splitlines().index("    hours:") + 1
    at = f"specs/c.yaml:{line}: spec.schedule.hours: campaign 'c': found hours no ad set runs: "
    assert warning.startswith(at), warning
    assert why in warning, warning
    [campaign] = [
        r for r in compiled.resources if r.address.platform == "meta" and r.address.kind == "campaign"
    ]
    assert campaign.warnings == (warning,)
    schedules = {
        r.address.path: r.fields.get("adset_schedule")
        for r in compiled.resources
        if r.address.kind == "adset"
    }
    assert schedules["c/runners"] is not None and not schedules["c/walkers"], schedules


def test_hours_where_the_accounts_zones_differ_and_no_meta_ad_set_runs_the_campaign_s_offer_routes_that_load(
    tmp_path: Path,
) -> None:
    """Every Meta ad set on hours of its own (runners Saturdays, walkers all the time), the campaign's hours
    on Google alone, and the accounts' zones differ: keeping them off Google (google.hours: []) would leave
    them running nowhere, so the error offers dropping them (Google then runs all the time) in Meta's zone,
    or runners' hours in each viewer's zone in Google's; each route loads, with no warning."""
    text = _own_hours_text(
        '            - {days: [sat], start: "10:00", end: "14:00"}',
        {
            **BOTH,
            **LIFETIME,
            "    - name: walkers": "    - name: walkers\n      meta: {schedule: {hours: []}}",
            "time_zone: America/New_York": "time_zone: Europe/Berlin",
        },
    )
    with pytest.raises(SpecError) as caught:
        _load(tmp_path, text, LA_META)
    [issue] = caught.value.issues
    assert issue.field == "spec.schedule.time_zone", str(issue)
    assert "google.hours: []" not in issue.message, issue.message
    assert (
        "expected the hours on one platform alone (no schedule.hours, which no Meta ad set runs: each runs "
        "its own meta.schedule.hours; Google then runs all the time, with time_zone: America/Los_Angeles)"
        in issue.message
    ), issue.message
    assert (
        "or Meta's in each viewer's time zone (meta.hours_time_zone: viewer), with time_zone: "
        "America/New_York" in issue.message
    ), issue.message
    spec = tmp_path / "specs" / "c.yaml"
    routes = [
        text.replace("    hours:\n" + ONE_SLOT + "\n", "").replace("Europe/Berlin", "America/Los_Angeles"),
        text.replace("  ad_groups:", "  meta: {hours_time_zone: viewer}\n  ad_groups:").replace(
            "Europe/Berlin", "America/New_York"
        ),
    ]
    for route in routes:
        assert route != text
        spec.write_text(route, encoding="utf-8")
        assert compile_workspace(load_workspace(tmp_path, env={}), audiences=False).warnings == []
