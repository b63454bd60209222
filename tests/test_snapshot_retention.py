"""Which snapshots a retention rule (`midas snapshot prune`) lets go."""

from __future__ import annotations

import datetime as dt

import pytest

from midas_reconcile.snapshots import prunable
from midas_reconcile.store.snapshots import SnapshotRecord

NOW = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)


def taken(days_ago: int) -> SnapshotRecord:
    return SnapshotRecord(f"d{days_ago}", ["g"], NOW - dt.timedelta(days=days_ago), "ci", "0" * 64, 0, [])


#: Listed newest first on purpose: the rule orders by time itself.
SNAPSHOTS = [taken(1), taken(5), taken(40), taken(90)]


@pytest.mark.parametrize(
    ("keep", "older_than", "let_go"),
    [
        (2, None, ["d90", "d40"]),  # all but the two newest, oldest first
        (10, None, []),
        (None, 30, ["d90", "d40"]),
        (None, 5, ["d90", "d40"]),  # exactly five days old is not older than five days
        # Both: beyond the newest three and a month old — the fourth newest alone.
        (3, 30, ["d90"]),
        # Both: beyond the newest one, but the second is younger than a month: kept.
        (1, 30, ["d90", "d40"]),
    ],
)
def test_a_retention_rule_lets_go_what_both_its_parts_let_go(
    keep: int | None, older_than: int | None, let_go: list[str]
) -> None:
    age = dt.timedelta(days=older_than) if older_than is not None else None
    assert [r.name for r in prunable(SNAPSHOTS, keep=keep, older_than=age, now=NOW)] == let_go
