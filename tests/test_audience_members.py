"""Incremental audience member uploads: delta against the store, sessions, journal, crash recovery."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from midas_reconcile.audiences import members as audience_members
from midas_reconcile.audiences.customer_list import ReadReport, iter_members
from midas_reconcile.connectors.base import MemberBatch, UploadsMembers
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import GOOGLE, META, Address
from midas_reconcile.store import StateStore
from midas_reconcile.store.schema import journal_ops

AUDIENCE = Address(META, "meta-main", "customaudience", "vip")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def meta_members(indices: range) -> dict[str, Any]:
    """Members as ``upload`` wants them: canonical key → Meta row (hashes standing in for a list)."""
    return {sha(f"k{i}"): [sha(f"e{i}"), "", "", "", "", ""] for i in indices}


class RecordingConnector:
    """An ``UploadsMembers`` double that keeps the platform's member set and every request it got;
    ``crash_after`` requests it dies like a killed process would (not a ConnectorError)."""

    def __init__(self, batch_size: int = 10_000, crash_after: int | None = None) -> None:
        self.member_batch_size = batch_size
        self.crash_after = crash_after
        self.requests: list[MemberBatch] = []
        self.platform: set[str] = set()
        self.fail_with: PermanentError | None = None

    def upload_members(
        self, address: Address, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]
    ) -> None:
        if self.crash_after is not None and len(self.requests) == self.crash_after:
            raise KeyboardInterrupt("killed mid-upload")
        if self.fail_with is not None:
            raise self.fail_with
        self.requests.append(batch)
        rows = {row[0] for row in batch.rows}
        self.platform = self.platform | rows if batch.action == "add" else self.platform - rows


def run_upload(store: StateStore, connector: RecordingConnector, desired: dict[str, Any]) -> Any:
    assert isinstance(connector, UploadsMembers)
    run_id = store.start_run("apply", [AUDIENCE.account], "test")
    ids = itertools.count(1)
    return audience_members.upload(
        store,
        connector,
        run_id=run_id,
        address=AUDIENCE,
        platform_id="2384",
        desired=desired,
        consent={"ad_user_data": "GRANTED", "ad_personalization": "GRANTED"},
        new_session_id=lambda: next(ids),
    )


def test_digest_depends_on_the_member_set_only() -> None:
    keys = [sha(str(i)) for i in range(5)]
    assert audience_members.members_digest(keys) == audience_members.members_digest(reversed(keys + keys))
    assert audience_members.members_digest(keys) != audience_members.members_digest(keys[1:])


def test_delta_adds_new_keys_and_removes_gone_ones_from_the_stored_payloads() -> None:
    stored = meta_members(range(0, 6))
    desired = meta_members(range(3, 10))
    change = audience_members.delta(desired, stored)
    assert set(change.added) == set(meta_members(range(6, 10)))
    assert change.removed == meta_members(range(0, 3))
    assert change.describe() == "+4 / −3 members"
    assert audience_members.delta(desired, desired).empty


def test_a_25000_member_list_goes_in_one_session_of_three_batches_of_at_most_10000_rows() -> None:
    change = audience_members.MemberDelta(meta_members(range(25_000)), {})
    planned = list(audience_members.batches(change, 10_000, lambda: 77))
    assert [len(p.batch.rows) for p in planned] == [10_000, 10_000, 5_000]
    assert [(p.batch.seq, p.batch.last, p.batch.total, p.batch.session_id) for p in planned] == [
        (1, False, 25_000, 77),
        (2, False, 25_000, 77),
        (3, True, 25_000, 77),
    ]
    assert {k for p in planned for k in p.keys} == set(change.added)


def test_removals_and_additions_are_separate_sessions_removals_first() -> None:
    change = audience_members.delta(meta_members(range(2, 5)), meta_members(range(0, 3)))
    ids = itertools.count(10)
    planned = list(audience_members.batches(change, 2, lambda: next(ids)))
    assert [(p.batch.action, p.batch.session_id, len(p.batch.rows)) for p in planned] == [
        ("remove", 10, 2),
        ("add", 11, 2),
    ]


def test_only_the_delta_is_sent_and_the_store_follows_the_platform(store: StateStore) -> None:
    connector = RecordingConnector()
    first = run_upload(store, connector, meta_members(range(25_000)))
    assert (first.added, first.removed, first.requests, first.ok) == (25_000, 0, 3, True)
    assert all(len(b.rows) <= 10_000 for b in connector.requests)
    connector.requests.clear()

    second = run_upload(store, connector, meta_members(range(100, 25_050)))
    assert (second.added, second.removed) == (50, 100)
    assert [(b.action, len(b.rows)) for b in connector.requests] == [("remove", 100), ("add", 50)]
    expected = meta_members(range(100, 25_050))
    assert store.audience_members(AUDIENCE) == expected
    assert connector.platform == {row[0] for row in expected.values()}

    connector.requests.clear()
    assert run_upload(store, connector, expected).requests == 0
    assert connector.requests == []


def test_a_crashed_upload_rerun_sends_only_what_was_not_confirmed_and_converges(store: StateStore) -> None:
    desired = meta_members(range(25_000))
    crashing = RecordingConnector(crash_after=2)
    with pytest.raises(KeyboardInterrupt):
        run_upload(store, crashing, desired)
    assert len(store.audience_members(AUDIENCE)) == 20_000  # the two confirmed batches

    resumed = RecordingConnector()
    resumed.platform = set(crashing.platform)
    result = run_upload(store, resumed, desired)
    assert (result.added, result.requests) == (5_000, 1)
    assert store.audience_members(AUDIENCE) == desired
    assert resumed.platform == {row[0] for row in desired.values()}


def test_a_platform_error_stops_the_upload_and_keeps_what_was_confirmed(store: StateStore) -> None:
    connector = RecordingConnector(batch_size=4)
    connector.fail_with = PermanentError("audience gone", code="100")
    result = run_upload(store, connector, meta_members(range(10)))
    assert not result.ok and result.requests == 1
    assert store.audience_members(AUDIENCE) == {}
    (batch,) = store.batches()
    assert batch.status == "failed" and "audience gone" in (batch.ops[0].error or "")


def test_each_batch_is_journaled_with_counts_only(store: StateStore, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("email,phone\nAda@Example.com,+1 415 555 2671\nbob@example.org,\n", encoding="utf-8")
    desired = audience_members.payloads(iter_members(path, ReadReport(str(path))), GOOGLE)
    address = Address(GOOGLE, "g-main", "user_list", "vip")
    run_id = store.start_run("apply", ["g-main"], "test")

    class Google(RecordingConnector):
        def upload_members(
            self, address: Address, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]
        ) -> None:
            self.requests.append(batch)

    google = Google()
    result = audience_members.upload(
        store, google, run_id=run_id, address=address, platform_id="9", desired=desired, consent={}
    )
    assert result.added == 2
    (request,) = google.requests
    assert {"hashed_email": sha("ada@example.com")} in request.rows[0]["user_identifiers"] + request.rows[1][
        "user_identifiers"
    ]
    (batch,) = store.batches(run_id)
    assert batch.status == "confirmed"
    with store._read("test") as connection:  # the journal's own rows, as stored
        (fields,) = connection.execute(sa.select(journal_ops.c.fields)).scalars()
    assert fields == {"members": {"added": 2}}
    stored = repr(store.audience_members(address)) + repr(fields)
    for raw in ("ada@example.com", "Ada@Example.com", "4155552671", "bob@example.org"):
        assert raw not in stored and raw not in repr(google.requests)
