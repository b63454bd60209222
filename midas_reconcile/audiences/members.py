"""Incremental member uploads: a customer list's hashed members against what the platform already has.

What the platform has is what the state store's ``audience_members`` holds for the audience: every
member MIDAS confirmed uploaded, by canonical key, with the hashed payload the platform received. The
difference gives the members to add (new keys, sent from the list's hashes) and to remove (keys gone
from the list, sent from the stored payloads — no raw data needed). Nothing else is sent.

Removals go first, then additions, each as one session of batches of at most the connector's
``member_batch_size`` rows (Meta: 10,000 rows per request, in a ``session`` with ``batch_seq``,
``last_batch_flag`` and ``estimated_num_total``). Each batch is journaled with counts only before it is
sent, and its members are written to ``audience_members`` in the transaction that confirms it: an
upload that dies half-way is resumed by the next apply from exactly what reached the platform (adding
a member the platform already has, or removing one it lacks, changes nothing there).

``members_digest`` stands in for a member set in resource fields, so that a plan can show that the
members changed without carrying them.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, Protocol

from midas_reconcile.audiences.customer_list import HashedMember
from midas_reconcile.connectors.base import MemberBatch, UploadsMembers, WriteResult
from midas_reconcile.errors import ConnectorError
from midas_reconcile.resources import GOOGLE, META, Address

#: The most rows per request the platforms accept (Meta documents 10,000 per ``/users`` call).
META_MAX_ROWS_PER_REQUEST: Final = 10_000


def payload(member: HashedMember, platform: str) -> Any:
    """What ``platform`` receives for ``member``: Google ``UserData`` (``{"user_identifiers": …}``),
    Meta a row of ``customer_list.META_SCHEMA``."""
    if platform == GOOGLE:
        return {"user_identifiers": member.google_identifiers()}
    if platform == META:
        return member.meta_row()
    raise ValueError(f"no audience members on platform {platform!r}")


def payloads(members: Iterable[HashedMember], platform: str) -> dict[str, Any]:
    """``{canonical key: platform payload}``; a key listed twice keeps its first row."""
    out: dict[str, Any] = {}
    for member in members:
        if member.key not in out:
            out[member.key] = payload(member, platform)
    return out


def members_digest(keys: Iterable[str]) -> str:
    """SHA-256 over the sorted distinct member keys: equal for equal member sets, whatever their order."""
    hasher = hashlib.sha256()
    for key in sorted(set(keys)):
        hasher.update(key.encode())
        hasher.update(b"\n")
    return hasher.hexdigest()


@dataclass(frozen=True)
class MemberDelta:
    """Members to add (key → payload from the list) and to remove (key → stored payload)."""

    added: dict[str, Any]
    removed: dict[str, Any]

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed

    def describe(self) -> str:
        """``+N / −M members`` (counts only)."""
        return f"+{len(self.added)} / −{len(self.removed)} members"


def delta(desired: Mapping[str, Any], stored: Mapping[str, Any]) -> MemberDelta:
    """What to send so that the platform holds ``desired`` when it holds ``stored``."""
    added = {key: value for key, value in desired.items() if key not in stored}
    removed = {key: value for key, value in stored.items() if key not in desired}
    return MemberDelta(dict(sorted(added.items())), dict(sorted(removed.items())))


@dataclass(frozen=True)
class PlannedBatch:
    """One batch to send and the member keys it carries (to record once it is confirmed)."""

    batch: MemberBatch
    keys: tuple[str, ...]


def batches(
    change: MemberDelta, size: int, new_session_id: Callable[[], int], *, remove_size: int | None = None
) -> Iterator[PlannedBatch]:
    """The batches of an upload: a session of removals (batches of at most ``remove_size`` rows, default
    ``size``), then one of additions (at most ``size``), numbered from 1, the last flagged, ``total`` the
    session's row count."""
    sessions: tuple[tuple[Literal["add", "remove"], dict[str, Any], int], ...] = (
        ("remove", change.removed, size if remove_size is None else remove_size),
        ("add", change.added, size),
    )
    for action, members, size in sessions:
        if size < 1:
            raise ValueError("member batch size must be at least 1")
        if not members:
            continue
        session_id = new_session_id()
        keys = list(members)
        count = (len(keys) + size - 1) // size
        for seq in range(1, count + 1):
            part = tuple(keys[(seq - 1) * size : seq * size])
            rows = [members[key] for key in part]
            yield PlannedBatch(MemberBatch(action, rows, session_id, seq, seq == count, len(keys)), part)


class MemberStore(Protocol):
    """The part of the state store a member upload uses."""

    def audience_members(self, address: Address) -> dict[str, Any]: ...

    def journal_member_batch(
        self, run_id: int, address: Address, platform_id: str, counts: Mapping[str, int]
    ) -> int: ...

    def journal_sent(self, batch_id: int) -> None: ...

    def confirm_member_batch(
        self, batch_id: int, result: WriteResult, added: Mapping[str, Any], removed: Sequence[str]
    ) -> None: ...


@dataclass(frozen=True)
class MemberUpload:
    """What one audience's upload did: members sent per action, requests made, and the error that
    stopped it (None when it finished)."""

    address: Address
    added: int
    removed: int
    requests: int
    error: ConnectorError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def upload(
    store: MemberStore,
    connector: UploadsMembers,
    *,
    run_id: int,
    address: Address,
    platform_id: str,
    desired: Mapping[str, Any],
    consent: Mapping[str, str],
    new_session_id: Callable[[], int] | None = None,
) -> MemberUpload:
    """Bring the platform audience ``platform_id`` to ``desired`` (key → payload), sending only the delta
    against the store's confirmed members, one journaled batch at a time.

    A ``ConnectorError`` stops the upload and is returned in the result (the batches confirmed before
    it stay recorded); anything else propagates.
    """
    change = delta(desired, store.audience_members(address))
    session_ids = new_session_id or _random_session_id
    added = removed = requests = 0
    remove_size = getattr(connector, "member_remove_batch_size", None)
    for planned in batches(change, connector.member_batch_size, session_ids, remove_size=remove_size):
        batch = planned.batch
        counts = {"added" if batch.action == "add" else "removed": len(batch.rows)}
        batch_id = store.journal_member_batch(run_id, address, platform_id, counts)
        store.journal_sent(batch_id)
        requests += 1
        try:
            connector.upload_members(address, platform_id, batch, consent)
        except ConnectorError as exc:
            store.confirm_member_batch(batch_id, WriteResult(address, False, platform_id, exc), {}, ())
            return MemberUpload(address, added, removed, requests, exc)
        if batch.action == "add":
            store.confirm_member_batch(
                batch_id,
                WriteResult(address, True, platform_id),
                dict(zip(planned.keys, batch.rows, strict=True)),
                (),
            )
            added += len(batch.rows)
        else:
            store.confirm_member_batch(batch_id, WriteResult(address, True, platform_id), {}, planned.keys)
            removed += len(batch.rows)
    return MemberUpload(address, added, removed, requests)


def _random_session_id() -> int:
    # Meta wants a session id unique per upload session of an audience: 62 random bits, positive int64.
    return secrets.randbits(62) + 1
