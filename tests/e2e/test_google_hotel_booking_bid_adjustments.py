"""A Google Hotel ad group's booking bid adjustments (``ad_groups[].google.hotel_bid_adjustments``): v26
AdGroupBidModifier resources of its check-in day, length of stay, advance booking window, date selection and
check-in dates, through the sandbox and through google-ads over gRPC: apply, converge, drift, restore,
compare, import, left alone until the spec names one of their kind."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import GoogleAdsFake
from fakes.example import HOTEL_SPEC
from fakes.google_ad_group_modifiers import (
    console_ad_group_modifiers,
    console_modifier_left_alone,
    google_sandbox,
    live_ad_group,
)
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID

from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.store import StateStore

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
PARIS = "    - {name: paris, google: {cpc_bid: 1.20}}\n"
BOOKINGS = """\
    - name: paris
      google:
        cpc_bid: 1.20
        hotel_bid_adjustments:
          check_in_days: {fri: 1.2, sat: 1.0}
          length_of_stay:
            - {min_nights: 1, max_nights: 3, modifier: 1.1}
            - {min_nights: 4, max_nights: 30, modifier: 0.9}
          advance_booking_window: [{min_days: 0, max_days: 6, modifier: 1.3}]
          date_selection: {user_selected: 1.25}
          check_in_dates: [{start: 2027-12-20, end: 2028-01-02, modifier: 1.5}]
"""
FRIDAY = "ad_group_bid_modifier/city-hotels/paris/check_in_day:FRIDAY@google"


def _hotel(workspace: Path, paris: str = BOOKINGS) -> Path:
    """The Hotel campaign city-hotels, its ad group ``paris`` as ``paris`` says."""
    spec = workspace / "specs" / "hotel.yaml"
    spec.write_text(HOTEL_SPEC.replace(PARIS, paris), encoding="utf-8")
    return spec


def _stored(world: Any, customer: str, group_name: str) -> dict[str, Any]:
    """The booking modifiers the simulator holds for the live ad group ``group_name``, by criterion."""
    sim = GoogleAdsSimulator(world)
    group = live_ad_group(sim, customer, group_name)
    out = {}
    for row in sim.peek(customer, "ad_group_bid_modifier"):
        if row["ad_group"] != group["resource_name"] or row.get("device"):
            continue
        [(field, info)] = [(k, v) for k, v in row.items() if isinstance(v, dict)]
        out[f"{field}:{','.join(str(v) for v in info.values())}"] = row.get("bid_modifier")
    return out


EXPECTED = {
    "start_day_of_week:FRIDAY": pytest.approx(1.2),
    "length_of_booking:1,3": pytest.approx(1.1),
    "length_of_booking:4,30": pytest.approx(0.9),
    "advance_booking_window:0,6": pytest.approx(1.3),
    "user_set_dates:USER_SELECTED": pytest.approx(1.25),
    "start_date_range:2027-12-20,2028-01-02": pytest.approx(1.5),
}


def test_hotel_booking_bid_adjustments_apply_converge_drift_restore_and_import_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """Each adjusted booking dimension compiles to an ad group bid modifier (Saturday at 1.0 to none), is
    created and converges; a console change is drift a restore reverts; a changed multiplier updates in
    place, a changed range is removed (ahead of the new range overlapping it) and made anew; imported from
    the live campaign they are written on the ad group as they were and adopt to no changes."""
    spec = _hotel(workspace)
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for key in (
        "paris/check_in_day:FRIDAY",
        "paris/length_of_stay:1-3",
        "paris/advance_booking_window:0-6",
        "paris/date_selection:USER_SELECTED",
        "paris/check_in_dates:2027-12-20..2028-01-02",
    ):
        assert key in plan.output, plan.output
    assert "check_in_day:SATURDAY" not in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "paris") == EXPECTED
    listed = json.loads(midas("sandbox", "list", "--format", "json").output)
    names = {o["name"] for o in listed if o["kind"] == "ad_group_bid_modifier"}
    assert {"check_in_day:FRIDAY", "length_of_stay:4-30"} <= names, names
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0
    assert midas("snapshot", "--name", "bookings").code == 0

    assert midas("sandbox", "set", FRIDAY, "bid_modifier=1.7").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "paris/check_in_day:FRIDAY" in drift.output, drift.output
    restored = midas("restore", "bookings", "--auto-approve")
    assert restored.code == 0, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    # Compare needs the campaign on both platforms and mirror refuses a Hotel campaign whole: Meta has no
    # Hotel Center counterpart, so neither shows an ad group's booking adjustments on their own.
    mirrored = midas("mirror", "campaign/city-hotels", "--to", "meta", "--dry-run")
    assert mirrored.code == 1 and "is a Google Hotel campaign" in mirrored.output, mirrored.output

    written = spec.read_text(encoding="utf-8")
    spec.write_text(written.replace("{fri: 1.2, sat: 1.0}", "{fri: 1.4, sat: 1.0}"), encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(
        written.replace("{fri: 1.2, sat: 1.0}", "{fri: 1.4, sat: 1.0}")
        .replace("max_nights: 3,", "max_nights: 2,")
        .replace("max_nights: 30", "max_nights: 20")
        .replace("min_nights: 4", "min_nights: 3"),
        encoding="utf-8",
    )
    plan = midas("plan")
    assert plan.code == 0 and "paris/length_of_stay:1-2" in plan.output, plan.output
    assert "paris/length_of_stay:1-3" in plan.output and "irreversible" not in plan.output, plan.output
    # Each new range overlaps one leaving (Google refuses overlapping ranges): the removals go first.
    assert midas("apply", "--auto-approve").code == 0
    stored = _stored(world, customer, "paris")
    assert "length_of_booking:1,2" in stored and "length_of_booking:1,3" not in stored, stored
    assert "length_of_booking:3,20" in stored and "length_of_booking:4,30" not in stored, stored
    assert stored["start_day_of_week:FRIDAY"] == pytest.approx(1.4)
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "city-hotels", "--adopt")
    assert imported.code == 0, imported.output
    document = yaml.safe_load((workspace / "specs" / "imported" / "city-hotels.yaml").read_text())
    [paris] = [g for g in document["spec"]["ad_groups"] if g["name"] == "paris"]
    bookings = paris["google"]["hotel_bid_adjustments"]
    assert bookings["check_in_days"] == {"fri": 1.4}
    assert bookings["length_of_stay"] == [
        {"min_nights": 1, "max_nights": 2, "modifier": 1.1},
        {"min_nights": 3, "max_nights": 20, "modifier": 0.9},
    ]
    assert bookings["advance_booking_window"] == [{"min_days": 0, "max_days": 6, "modifier": 1.3}]
    assert bookings["date_selection"] == {"user_selected": 1.25}
    [dates] = bookings["check_in_dates"]
    assert (
        str(dates["start"]) == "2027-12-20" and str(dates["end"]) == "2028-01-02" and dates["modifier"] == 1.5
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_console_s_hotel_booking_modifier_is_left_alone_until_the_ad_group_names_its_kind(
    midas: Midas, workspace: Path
) -> None:
    """A console's check-in day modifier on an ad group whose spec names no check-in day is left alone (as a
    device's is, until the spec names one) by plans, drift, snapshots and restores, though the spec names a
    stay length; once the spec names a check-in day, the console's other day is removed as not in it."""
    spec = _hotel(
        workspace,
        "    - name: paris\n      google:\n        cpc_bid: 1.20\n        hotel_bid_adjustments:\n"
        "          length_of_stay: [{min_nights: 2, max_nights: 5, modifier: 1.1}]\n",
    )
    assert midas("apply", "--auto-approve").code == 0
    sunday_at_0_7 = {"start_day_of_week": {"day_of_week": "SUNDAY"}, "bid_modifier": 0.7}
    world, customer = console_modifier_left_alone(midas, workspace, "paris", sunday_at_0_7)
    assert _stored(world, customer, "paris")["start_day_of_week:SUNDAY"] == pytest.approx(0.7)
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "          length_of_stay:", "          check_in_days: {mon: 1.1}\n          length_of_stay:"
        ),
        encoding="utf-8",
    )
    plan = midas("plan")
    assert plan.code == 0, plan.output
    [sunday] = [x for x in plan.output.splitlines() if "paris/check_in_day:SUNDAY" in x and "—" in x]
    assert "not in its ad group's google.hotel_bid_adjustments.check_in_days" in sunday, sunday
    assert midas("apply", "--auto-approve").code == 0
    assert set(_stored(world, customer, "paris")) == {"start_day_of_week:MONDAY", "length_of_booking:2,5"}


@pytest.mark.parametrize(
    ("paris", "field", "said"),
    [
        (
            "length_of_stay: [{min_nights: 1, max_nights: 3, modifier: 1.1}, "
            "{min_nights: 3, max_nights: 5, modifier: 1.2}]",
            "hotel_bid_adjustments.length_of_stay[1]",
            "overlaps entry 0",
        ),
        (
            "advance_booking_window: [{min_days: 9, max_days: 3, modifier: 1.1}]",
            "hotel_bid_adjustments.advance_booking_window[0].max_days",
            "expected max_days at or after min_days",
        ),
        ("check_in_days: {fri: 0}", "hotel_bid_adjustments.check_in_days.fri", "expected from 0.1 to 10"),
        (
            "length_of_stay: [{min_nights: 1, max_nights: 31, modifier: 1.1}]",
            "hotel_bid_adjustments.length_of_stay[0].max_nights",
            "",
        ),
        (
            "check_in_dates: [{start: 2028-01-05, end: 2028-01-01, modifier: 1.1}]",
            "hotel_bid_adjustments.check_in_dates[0].end",
            "expected end at or after start",
        ),
    ],
)
def test_bad_hotel_booking_bid_adjustments_are_refused_at_their_line(
    midas: Midas, workspace: Path, paris: str, field: str, said: str
) -> None:
    """What Google refuses of a booking adjustment is a spec error at its field: nothing planned."""
    _hotel(
        workspace,
        f"    - name: paris\n      google:\n        cpc_bid: 1.20\n        hotel_bid_adjustments:\n"
        f"          {paris}\n",
    )
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert f"ad_groups[0].google.{field}" in validated.output and said in validated.output, validated.output
    assert midas("plan").code == 1


def test_hotel_booking_bid_adjustments_on_a_search_ad_group_are_refused_at_the_field(
    midas: Midas, workspace: Path
) -> None:
    """Only a Hotel campaign's ad groups take them."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text.replace(
            "    - name: runners\n",
            "    - name: runners\n      google:\n"
            "        hotel_bid_adjustments: {check_in_days: {fri: 1.2}}\n",
            1,
        ),
        encoding="utf-8",
    )
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert "ad_groups[0].google.hotel_bid_adjustments" in validated.output, validated.output
    assert "not a Google Hotel" in validated.output


def test_hotel_booking_bid_adjustments_converge_drift_and_import_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC: the Hotel ad group and its booking modifiers are made in one apply, read
    back (days as int64, dates as text, the modifier a double) with no change; a console change is drift an
    apply reverts; imported, they adopt to no changes."""
    _hotel(google_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _stored(google_fake.world, GOOGLE_CUSTOMER_ID, "paris") == EXPECTED
    console_ad_group_modifiers(
        google_fake.world,
        GOOGLE_CUSTOMER_ID,
        "rome",
        {"user_set_dates": {"type": "DEFAULT_SELECTION"}, "bid_modifier": 0.8},
        {"advance_booking_window": {"min_days": 30, "max_days": 60}, "bid_modifier": 1.2},
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    (google_workspace / "specs" / "hotel.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "city-hotels", "--adopt")
    assert imported.code == 0, imported.output
    document = yaml.safe_load((google_workspace / "specs" / "imported" / "city-hotels.yaml").read_text())
    groups = {g["name"]: g["google"] for g in document["spec"]["ad_groups"]}
    assert groups["rome"]["hotel_bid_adjustments"] == {
        "advance_booking_window": [{"min_days": 30, "max_days": 60, "modifier": 1.2}],
        "date_selection": {"default_dates": 0.8},
    }
    assert groups["paris"]["hotel_bid_adjustments"]["length_of_stay"][1]["max_nights"] == 30
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hotel_booking_modifier_a_console_set_to_1_is_set_again_by_an_update(
    midas: Midas, workspace: Path
) -> None:
    """A booking modifier a console set back to 1.0 reads as none, so the plan sets it again; Google still
    holds the row, so the apply updates it rather than create a duplicate (RESOURCE_ALREADY_EXISTS)."""
    _hotel(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", FRIDAY, "bid_modifier=1.0").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "removed or reset to 1.0 (no adjustment) out of band" in drift.output, (
        drift.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "paris")["start_day_of_week:FRIDAY"] == pytest.approx(1.2)
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hotel_ad_group_renamed_in_the_spec_keeps_its_booking_modifiers(
    midas: Midas, workspace: Path
) -> None:
    """An ad group renamed with nothing else changed is renamed in place: its booking modifiers move along
    with it, nothing created or removed."""
    spec = _hotel(workspace)
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(spec.read_text(encoding="utf-8").replace("name: paris", "name: lyon"), encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "ad group renamed (was 'paris')" in plan.output, plan.output
    assert "0 to create" in plan.output and "0 to delete" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "lyon") == EXPECTED
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


STAY_1_3 = "ad_group_bid_modifier/city-hotels/paris/length_of_stay:1-3@google"


def _reset(world: Any, customer: str, group_name: str, field: str, info: dict[str, Any]) -> None:
    """A console's reset to 1.0 (no adjustment) of the live ad group ``group_name``'s modifier ``field``
    ``info``: Google keeps the row."""
    sim = GoogleAdsSimulator(world)
    group = live_ad_group(sim, customer, group_name)
    [row] = [
        r
        for r in sim.peek(customer, "ad_group_bid_modifier")
        if r["ad_group"] == group["resource_name"] and r.get(field) == info
    ]
    update = {"resource_name": row["resource_name"], "bid_modifier": 1.0}
    sim.mutate(
        customer, [{"ad_group_bid_modifier_operation": {"update": update, "update_mask": "bid_modifier"}}]
    )


def test_a_booking_range_a_console_reset_to_1_makes_way_for_an_overlapping_range_of_the_spec(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A range a console reset to 1.0 reads as none, but Google keeps the row, which a new range of the
    spec overlapping it would collide with (LENGTH_OF_BOOKING_OVERLAPS_WITH_EXISTING_CRITERION): the apply
    removes that row (it adjusts nothing) ahead of the new range, and converges; a reset row two new ranges
    overlap is removed once, ahead of both (each removal sent once)."""
    spec = _hotel(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", STAY_1_3, "bid_modifier=1.0").code == 0
    assert midas("sandbox", "set", STAY_1_3.replace(":1-3", ":4-30"), "bid_modifier=1.0").code == 0
    world, customer = google_sandbox(workspace)
    reset = {
        (row["length_of_booking"]["min_days"], row["length_of_booking"]["max_days"]): row["resource_name"]
        for row in GoogleAdsSimulator(world).peek(customer, "ad_group_bid_modifier")
        if row.get("length_of_booking")
    }
    sent: list[list[dict[str, Any]]] = []
    mutate = GoogleAdsSimulator.mutate

    def noted(sim: GoogleAdsSimulator, customer_id: str, operations: Any, **options: Any) -> Any:
        sent.append(list(operations))
        return mutate(sim, customer_id, operations, **options)

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", noted)
    spec.write_text(
        spec.read_text(encoding="utf-8")
        .replace("max_nights: 3,", "max_nights: 2,")
        .replace(
            "{min_nights: 4, max_nights: 30, modifier: 0.9}",
            "{min_nights: 4, max_nights: 10, modifier: 0.9}\n            - {min_nights: 11, max_nights: 20, "
            "modifier: 0.8}",
        ),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    ops = [
        op["ad_group_bid_modifier_operation"]
        for ops in sent
        for op in ops
        if "ad_group_bid_modifier_operation" in op
    ]
    removed = [op["remove"] for op in ops if "remove" in op]
    assert sorted(removed) == sorted(reset.values()), ops  # the two reset rows, once each
    for position, op in enumerate(ops):  # each new range after the removal of the reset row it overlaps
        if "length_of_booking" in op.get("create", {}):
            low = op["create"]["length_of_booking"]["min_days"]
            assert ops.index({"remove": reset[(1, 3) if low < 4 else (4, 30)]}) < position, ops
    stored = _stored(world, customer, "paris")
    assert stored["length_of_booking:1,2"] == pytest.approx(1.1), stored
    assert stored["length_of_booking:4,10"] == pytest.approx(0.9), stored
    assert stored["length_of_booking:11,20"] == pytest.approx(0.8), stored
    assert "length_of_booking:1,3" not in stored and "length_of_booking:4,30" not in stored, stored
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_booking_range_a_console_reset_to_1_makes_way_for_an_overlapping_range_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC: a check-in date range a console reset to 1.0 is removed ahead of the
    spec's new range overlapping it; a reset range the spec keeps (its advance booking window) is set again
    by an update, not removed."""
    spec = _hotel(google_workspace)
    assert midas("apply", "--auto-approve").code == 0
    world = google_fake.world
    _reset(
        world,
        GOOGLE_CUSTOMER_ID,
        "paris",
        "start_date_range",
        {"start_date": "2027-12-20", "end_date": "2028-01-02"},
    )
    _reset(world, GOOGLE_CUSTOMER_ID, "paris", "advance_booking_window", {"min_days": 0, "max_days": 6})
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("start: 2027-12-20", "start: 2027-12-24"), encoding="utf-8"
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    stored = _stored(world, GOOGLE_CUSTOMER_ID, "paris")
    assert stored["start_date_range:2027-12-24,2028-01-02"] == pytest.approx(1.5), stored
    assert "start_date_range:2027-12-20,2028-01-02" not in stored, stored
    assert stored["advance_booking_window:0,6"] == pytest.approx(1.3), stored  # set again by an update
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


OLD_NOTE = "has bid modifiers at ad group level ({}), which MIDAS does not manage"


PREDATES = (
    "the snapshot predates MIDAS managing Hotel booking bid modifiers and noted {} alone (not which day, "
    "range or dates): not restored"
)


def _old_snapshot(state_url: str, notes: dict[str, str]) -> None:
    """Snapshot ``s`` saved as ``old`` as a snapshot taken before MIDAS managed booking modifiers would be:
    none of its ad group bid modifiers, the read's ``notes`` on its ad groups (by name)."""
    with StateStore.open(state_url) as store:
        record = store.snapshot("s")
        resources = [
            data
            for data in json.loads(json.dumps(record.resources))
            if not data["address"].startswith("ad_group_bid_modifier/")
        ]
        for data in resources:
            for group, note in notes.items():
                if data["address"].startswith(f"ad_group/city-hotels/{group}@"):
                    data["warnings"] = [note]
        store.save_snapshot(dataclasses.replace(record, name="old", resources=resources))


def test_a_restore_of_a_snapshot_taken_before_hotel_bookings_says_a_modifier_it_noted_is_not_restored(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """A snapshot taken before MIDAS managed booking modifiers holds a console's (check-in Friday at 1.3) as
    the read's note alone ("booking start day 1.3, which MIDAS does not manage"): a restore cannot set it
    (the note names no day), so it says it is not restored rather than keep silent over the console's 1.9;
    ``--write-specs`` writes the specs without it and says so, rather than refuse the campaign."""
    _hotel(workspace, PARIS)
    assert midas("apply", "--auto-approve").code == 0
    world, customer = google_sandbox(workspace)
    console_ad_group_modifiers(
        world, customer, "paris", {"start_day_of_week": {"day_of_week": "FRIDAY"}, "bid_modifier": 1.3}
    )
    assert midas("snapshot", "--name", "s").code == 0
    _old_snapshot(state_url, {"paris": OLD_NOTE.format("booking start day 1.3")})
    sim = GoogleAdsSimulator(world)
    [friday] = [r for r in sim.peek(customer, "ad_group_bid_modifier") if r.get("start_day_of_week")]
    update = {"resource_name": friday["resource_name"], "bid_modifier": 1.9}
    sim.mutate(
        customer, [{"ad_group_bid_modifier_operation": {"update": update, "update_mask": "bid_modifier"}}]
    )
    restored = midas("restore", "old")
    assert restored.code == 0, restored.output
    said = "paris@google:google-main: " + PREDATES.format("booking start day 1.3")
    assert said in " ".join(restored.output.split()), restored.output
    written = midas("restore", "old", "--write-specs")  # the specs can say it no better: written, told
    assert written.code == 0, written.output
    assert said in " ".join(written.output.split()), written.output


def test_a_restore_of_a_snapshot_taken_before_hotel_bookings_tells_their_note_apart_from_other_criteria(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """A snapshot taken before MIDAS managed booking modifiers stored the read's note on an ad group holding
    some ("booking start day 1.3 …, which MIDAS does not manage"): a restore tells them as not restored
    (the snapshot predates MIDAS managing them), not as what MIDAS does not manage, and of a note naming
    another criterion too keeps that criterion in the note as it was."""
    _hotel(workspace, PARIS)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    notes = {
        "paris": OLD_NOTE.format("booking start day 1.3, length of booking 1.1"),
        "rome": OLD_NOTE.format("booking start date range 1.5, criterion 777 1.2"),
    }
    _old_snapshot(state_url, notes)
    restored = midas("restore", "old")
    assert restored.code == 0, restored.output
    output = " ".join(restored.output.split())
    assert "booking start day 1.3, length of booking 1.1)" not in output, output
    assert "paris@google:google-main: " + PREDATES.format("booking start day 1.3, length of booking 1.1") in (
        output
    )
    assert "rome@google:google-main: " + OLD_NOTE.format("criterion 777 1.2") in output, output
    assert "rome@google:google-main: " + PREDATES.format("booking start date range 1.5") in output, output
