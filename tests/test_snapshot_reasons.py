"""How a restore tells the planner's reasons: the snapshot, not the specs, is what it wants."""

from __future__ import annotations

from pathlib import Path

import pytest

from midas_reconcile.snapshots import _Rewrite, snapshot_reason


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
