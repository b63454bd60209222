"""How a restore tells the planner's reasons: the snapshot, not the specs, is what it wants."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace as NS
from typing import Any

import pytest

from midas_reconcile import snapshots
from midas_reconcile.plan import Action, Change, Plan, left_alone_warning
from midas_reconcile.resources import Address
from midas_reconcile.snapshots import _Rewrite, snapshot_reason
from midas_reconcile.store.snapshots import SnapshotRecord


@pytest.mark.parametrize(
    ("planner", "restore"),
    [
        ("changed on the platform since the last apply, restoring: status", "back to snapshot 's': status"),
        ("spec changed: name, status", "back to snapshot 's': name, status"),
        ("differs from the specs: daily_budget", "back to snapshot 's': daily_budget"),
        (
            "changed on the platform since the last apply, restoring: status; spec changed: daily_budget",
            "back to snapshot 's': status, daily_budget",
        ),
        (
            "ad set renamed (was 'b'): the same ad set; changed on the platform since the last apply, "
            "restoring: name",
            "ad set renamed (was 'b'): the same ad set; back to snapshot 's': name",
        ),
        (
            "changed on the platform and in the specs: daily_budget; spec changed: name",
            "back to snapshot 's': daily_budget, name",
        ),
        ("deleted out of band — re-creating", "in snapshot 's', deleted since — re-creating"),
        (
            "reset to 1.0 (no adjustment) out of band — setting it again",
            "in snapshot 's', reset to 1.0 (no adjustment) since — setting it again",
        ),
        ("new in specs", "in snapshot 's' — creating"),
        (
            "removed from the specs — pausing (to delete: --allow-destroy or lifecycle.on_remove: delete)",
            "not in snapshot 's' — pausing (to delete: --allow-destroy or lifecycle.on_remove: delete)",
        ),
        ("removed from the specs; already paused", "not in snapshot 's'; already paused"),
        ("matches the specs", "as in snapshot 's'"),
        (
            "product_groups removed from the specs — deleting the product filter: ad group 'home' will show "
            "all of the feed's products",
            "no product filter in snapshot 's' — deleting it: ad group 'home' will show all of the feed's "
            "products",
        ),
        (
            "name cannot change in place — replacing the adset",
            "name cannot change in place — replacing the adset",
        ),
    ],
)
def test_restore_reasons_name_the_snapshot(planner: str, restore: str) -> None:
    assert snapshot_reason(planner, "s") == restore


def test_a_verified_spec_is_named_by_its_path_under_specs() -> None:
    """A verification error names the file the user has (specs/<path>), not a scratch name."""
    out = _Rewrite()
    assert out.scratch_name(Path("/work/specs/ws/specs/team/pmax.yaml")) == "team/pmax.yaml"
    assert out.scratch_name(Path("/work/ws/specs/pmax.yaml")) == "pmax.yaml"


def _restored(
    mine: Address, changes: list[Change], warnings: list[str], left_alone: dict[Address, str] | None = None
) -> Any:
    """The plan ``snapshots.restore_plan`` makes of snapshot 's1' noting ``mine`` as left alone (id 1,
    recorded now), out of a session whose planner answers ``changes``, ``warnings`` and its notes on what it
    leaves alone (``left_alone``)."""
    record = SnapshotRecord(
        name="s1",
        accounts=["g"],
        created_at=dt.datetime.now(dt.UTC),
        actor="a",
        content_hash="x",
        resource_count=0,
        resources=[{"address": str(mine), "platform_id": "1", "left_alone": True}],
    )
    plan = Plan(["g"], changes, warnings=warnings, left_alone=dict(left_alone or {}))
    session = NS(
        store=NS(recorded=lambda *a, **k: {mine: NS(platform_id="1", on_remove="pause")}),
        plan=lambda *a, **k: NS(plan=plan),
        named_types=lambda accounts: {},
    )
    return snapshots.restore_plan(session, record).plan


def test_a_handed_back_note_leaves_the_warnings_of_names_holding_a_colon_and_space() -> None:
    """Addresses keep names verbatim ('Sale: Spring'): the restore drops the planner's note on the product
    filter it hands back, by its address, and keeps another campaign's."""
    mine = Address("google", "g", "ad_group_criterion", "Sale: Spring/home/listing_group")
    note = snapshots.PRODUCT_FILTER_LEFT_ALONE
    winter = Address("google", "g", "ad_group_criterion", "Sale: Winter/home/listing_group")
    changes = [Change(mine, Action.NOOP, None, None, reason="r")]
    told = [left_alone_warning(mine, note), left_alone_warning(winter, note)]
    restored = _restored(mine, changes, told, {mine: note, winter: note})
    warnings = restored.warnings
    assert any("Sale: Winter" in w for w in warnings), warnings
    assert not any(w.startswith(f"{mine}: ") and "handed back" not in w for w in warnings), warnings
    assert list(restored.left_alone) == [winter], restored.left_alone


def test_a_restore_never_words_a_change_that_is_no_noop_as_handed_back() -> None:
    """Only a change leaving the object as it is reads as handed back to the console; another action at a
    noted address keeps its own reason."""
    mine = Address("google", "g", "campaign_criterion", "spring/age_range:AGE_RANGE_65_UP")
    out = _restored(mine, [Change(mine, Action.UPDATE, None, None, reason="fields differ")], [])
    assert "handed back" not in out.changes[0].reason and not out.warnings, (
        out.changes[0].reason,
        out.warnings,
    )


def test_a_restore_tells_the_planner_s_note_on_a_console_s_product_filter_for_the_snapshot() -> None:
    """A console's product filter left alone again (not handed back): the planner's note is told for the
    restore, by its address, where it stood on its change and among the plan's warnings."""
    mine = Address("google", "g", "ad_group_criterion", "spring/home/listing_group")
    winter = Address("google", "g", "ad_group_criterion", "winter/home/listing_group")
    note = snapshots.PRODUCT_FILTER_LEFT_ALONE
    told = left_alone_warning(winter, note)
    changes = [Change(winter, Action.NOOP, None, None, reason=told, warnings=[told])]
    restored = _restored(mine, changes, ["a: first", told, "z: last"], {winter: note})
    now = (
        "a product filter set in the console is left alone: MIDAS never applied it, and restoring snapshot "
        "'s1' changes only what MIDAS manages"
    )
    assert restored.warnings == ["a: first", f"{winter}: {now}", "z: last"]
    assert restored.changes[0].warnings == [f"{winter}: {now}"]
    assert restored.left_alone == {winter: now}
