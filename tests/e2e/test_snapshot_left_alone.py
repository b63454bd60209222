"""What MIDAS leaves alone (a campaign's own console targeting of a kind its spec names none of) through
`midas snapshot` / `restore`: noted by address, never desired state, never deleted by a restore."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.resources import Address
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]


def _console_criteria(midas: Midas, workspace: Path, *criteria: tuple[str, str, str]) -> None:
    """Campaign criteria (path under the campaign, type, field value) set in a console on 'spring-sale'."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    cid = next(o["id"] for o in objects if o["kind"] == "campaign" and o["name"] == "spring-sale")
    field = {"AGE_RANGE": "age_range", "USER_INTEREST": "user_interest"}
    ops = [
        WriteOp(
            "create",
            Address("google", "google-main", "campaign_criterion", f"spring-sale/{path}"),
            {"type": kind, field[kind]: value},
            refs={"campaign": cid},
        )
        for path, kind, value in criteria
    ]
    results = ConnectorFactory(load_settings(workspace)).create("google-main").write(ops)
    assert all(r.ok for r in results), results


AGES = [(f"age_range:{v}", "AGE_RANGE", v) for v in ("AGE_RANGE_65_UP", "AGE_RANGE_55_64")]


def test_a_restore_keeps_a_console_age_the_snapshot_saw_left_alone_when_another_is_gone(
    midas: Midas, workspace: Path
) -> None:
    """Two console ages left alone at snapshot time, one deleted since: the restore neither re-creates the
    gone one nor deletes the other; both were the console's, and the one left stays as it is."""
    assert midas("apply", "--auto-approve").code == 0
    _console_criteria(midas, workspace, *AGES)
    taken = midas("snapshot", "--name", "s1")
    assert taken.code == 0, taken.output
    gone = "campaign_criterion/spring-sale/age_range:AGE_RANGE_55_64@google"
    assert midas("sandbox", "delete", gone).code == 0
    plan = midas("restore", "s1")
    assert plan.code == 0, plan.output
    assert "AGE_RANGE_65_UP" not in plan.output and "AGE_RANGE_55_64" not in plan.output, plan.output
    shown = midas("snapshot", "show", "s1").output
    assert "age_range:AGE_RANGE_65_UP@google:google-main" in shown and "(left alone: a console's)" in shown


def test_a_restore_hands_back_a_console_age_a_spec_took_over_since(midas: Midas, workspace: Path) -> None:
    """A console age left alone at snapshot time that MIDAS records now (the spec named it since) is handed
    back: its record dropped, the criterion kept as it is."""
    assert midas("apply", "--auto-approve").code == 0
    _console_criteria(midas, workspace, AGES[0])
    assert midas("snapshot", "--name", "s1").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text()
    assert "\n  google:\n" in text, text
    spec.write_text(text.replace("\n  google:\n", "\n  google:\n    campaign_ages: [65+]\n", 1))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "AGE_RANGE_65_UP" in midas("state", "list").output
    plan = midas("restore", "s1")
    told = "left alone in snapshot 's1': handed back to the console as it is now"
    assert told in plan.output and "\n- campaign_criterion" not in plan.output, plan.output
    assert midas("restore", "s1", "--auto-approve").code == 0
    assert "AGE_RANGE_65_UP" not in midas("state", "list").output
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert any("AGE_RANGE_65_UP" in json.dumps(o) and o["status"] != "REMOVED" for o in objects), objects


@pytest.mark.parametrize("interest", ["92914", "99999999"])
def test_restore_write_specs_leaves_a_spec_alone_that_matches_but_for_a_console_interest(
    midas: Midas, workspace: Path, interest: str
) -> None:
    """A console interest MIDAS left alone (one whose name no list knows included) is no part of what
    ``--write-specs`` writes: the spec matches the snapshot, left untouched."""
    assert midas("apply", "--auto-approve").code == 0
    _console_criteria(midas, workspace, (f"user_interest:{interest}", "USER_INTEREST", interest))
    before = {f.name: f.read_text() for f in (workspace / "specs").iterdir()}
    assert midas("snapshot", "--name", "s1").code == 0
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "spring-sale" in written.output and "left untouched" in written.output, written.output
    assert {f.name: f.read_text() for f in (workspace / "specs").iterdir()} == before


def test_a_snapshot_notes_no_console_age_where_an_interrupted_apply_claims_it(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """An age an interrupted apply's journal claims is MIDAS's (the plan deletes it): a snapshot does not
    note it as a console's left alone (``left_alone.is_ours``: recorded, moved or claimed)."""
    from midas_reconcile.store import StateStore

    assert midas("apply", "--auto-approve").code == 0
    _console_criteria(midas, workspace, AGES[0])  # stands for what the interrupted apply made
    address = Address("google", "google-main", "campaign_criterion", "spring-sale/age_range:AGE_RANGE_65_UP")
    store = StateStore.open(state_url)
    store.journal_batch(
        store.start_run("apply", ["google-main"], "t"), "google-main", "google", [WriteOp("create", address)]
    )
    plan = midas("plan").output
    assert "age_range:AGE_RANGE_65_UP" in plan and "- campaign_criterion" in plan, plan
    assert midas("snapshot", "--name", "s1").code == 0
    assert "(left alone: a console's)" not in midas("snapshot", "show", "s1").output


def test_restore_write_specs_keeps_a_noted_console_age_a_spec_took_over_since(
    midas: Midas, workspace: Path
) -> None:
    """A console age the snapshot noted left alone that a spec named since stays in the written spec as it
    is live now (told so): the plan after ``--write-specs`` never deletes it."""
    assert midas("apply", "--auto-approve").code == 0
    _console_criteria(midas, workspace, AGES[0])
    assert midas("snapshot", "--name", "s1").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("\n  google:\n", "\n  google:\n    campaign_ages: [65+]\n", 1))
    assert midas("apply", "--auto-approve").code == 0
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "left alone in snapshot 's1'; kept as the spec has it" in written.output, written.output
    plan = midas("plan").output
    assert "- campaign_criterion/spring-sale/age_range:AGE_RANGE_65_UP" not in plan, plan


def test_restore_write_specs_keeps_a_noted_console_age_found_by_id_in_a_campaign_renamed_since(
    midas: Midas, workspace: Path
) -> None:
    """A console age the snapshot noted left alone, taken over by a spec since and its campaign renamed
    since: found by its id under the new name, it is written in that campaign's spec (renamed back to the
    snapshot's name), and the next plan renames the campaign back without deleting it."""
    assert midas("apply", "--auto-approve").code == 0
    _console_criteria(midas, workspace, AGES[0])
    assert midas("snapshot", "--name", "s1").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text().replace("\n  google:\n", "\n  google:\n    campaign_ages: [65+]\n", 1)
    spec.write_text(text.replace("name: spring-sale", "name: summer-sale", 1))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "campaign_criterion/summer-sale/age_range:AGE_RANGE_65_UP" in midas("state", "list").output
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "left alone in snapshot 's1'; kept as the spec has it" in written.output, written.output
    assert "campaign_ages: [65+]" in spec.read_text() and "name: spring-sale" in spec.read_text()
    plan = midas("plan")
    assert plan.code == 0, plan.output
    assert "AGE_RANGE_65_UP" not in plan.output, plan.output
    assert "campaign renamed (was 'summer-sale')" in plan.output, plan.output


def test_snapshot_show_keeps_its_notes_of_what_was_left_alone_apart_from_its_resources(
    midas: Midas, workspace: Path
) -> None:
    """``snapshot show``: the JSON holds the notes under ``left_alone``, not among ``resources``; the text
    counts them apart from the resources."""
    assert midas("apply", "--auto-approve").code == 0
    _console_criteria(midas, workspace, AGES[0])
    assert midas("snapshot", "--name", "s1").code == 0
    shown = json.loads(midas("snapshot", "show", "s1", "--format", "json").output)
    address = "campaign_criterion/spring-sale/age_range:AGE_RANGE_65_UP@google:google-main"
    assert not any(r.get("left_alone") or r["address"] == address for r in shown["resources"]), shown
    assert [note["address"] for note in shown["left_alone"]] == [address], shown["left_alone"]
    text = midas("snapshot", "show", "s1").output
    assert f"({len(shown['resources'])} resources, 1 noted left alone, sha256 " in text, text


def test_a_snapshot_and_restore_work_while_a_spec_fails_to_compile(midas: Midas, workspace: Path) -> None:
    """The recovery tools take what the specs name (``Resource.named_types``) from the loaded specs, never
    compiling them: a name no account resolves (an interest misspelt) stops a plan, not a snapshot or a
    restore."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("interests: [Running,", "interests: [Runnning,"))
    assert midas("plan").code == 1
    taken = midas("snapshot", "--name", "broken")
    assert taken.code == 0, taken.output
    restored = midas("restore", "before", "--auto-approve")
    assert restored.code == 0, restored.output


def test_named_types_come_from_the_loaded_specs(workspace: Path, state_url: str) -> None:
    """``Session.named_types`` reads the specs without compiling them (an interest no account knows does
    not matter)."""
    from midas_reconcile.session import Session

    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8").replace("interests: [Running,", "interests: [Runnning,")
    spec.write_text(text.replace("  google:\n", "  google:\n    device_bid_adjustments: {desktop: 1.1}\n", 1))
    campaign = Address("google", "google-main", "campaign", "spring-sale")
    with Session(workspace, state_url=state_url, sleep=lambda _s: None) as session:
        assert session.named_types(["google-main", "meta-main"]) == {campaign: ("DEVICE",)}
        assert session.named_types(["meta-main"]) == {}
