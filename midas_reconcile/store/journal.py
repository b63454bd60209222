"""The write journal (invariant 6): each batch is journaled before it is sent and confirmed after.

Batch lifecycle: ``pending`` (journaled) → ``sent`` (the write call is under way) → ``confirmed`` (every
op succeeded) or ``failed`` (at least one did not). A batch left ``pending`` or ``sent`` means the apply
died before learning the outcome: its *create* ops are "claimed" addresses, whose live objects the next
plan adopts instead of treating as foreign; once an apply has converged, ``settle`` marks such batches
``abandoned``. Every function runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import sqlalchemy as sa

from midas_reconcile.connectors.base import WriteOp, WriteResult
from midas_reconcile.errors import MadeInPart, StateError
from midas_reconcile.resources import MARKER_FIELDS, Address
from midas_reconcile.store.schema import UNFINISHED_STATUSES, journal_batches, journal_ops, managed_resources


@dataclass(frozen=True)
class JournalOpRecord:
    """One journaled operation; ``ok`` is None until its batch is done."""

    seq: int
    address: Address
    action: str
    platform_id: str | None
    ok: bool | None
    error: str | None


@dataclass(frozen=True)
class JournalBatchRecord:
    """One journaled write batch and its operations (in the order they were sent)."""

    id: int
    run_id: int
    account: str
    platform: str
    status: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    finished_at: dt.datetime | None
    ops: list[JournalOpRecord] = field(default_factory=list)


#: The key of a failed create's (or update's) ``fields`` that names the parts of it not made
#: (``errors.MadeInPart``): its object was made (or updated), these were not.
NOT_MADE: Final = "not_made"


def add_batch(
    connection: sa.Connection,
    run_id: int,
    account: str,
    platform: str,
    ops: Sequence[WriteOp],
    now: dt.datetime,
) -> int:
    """Insert a ``pending`` batch and one row per op; returns the batch id."""
    strays = sorted({str(op.address) for op in ops if op.address.account != account})
    if strays:
        raise ValueError(f"batch for account {account!r} holds operations of other accounts: {strays}")
    key = connection.execute(
        sa.insert(journal_batches).values(
            run_id=run_id, account=account, platform=platform, status="pending", created_at=now
        )
    ).inserted_primary_key
    if key is None:  # pragma: no cover - both backends report the new id
        raise StateError("the database did not return the new journal batch id")
    batch_id = int(key[0])
    if ops:
        connection.execute(
            sa.insert(journal_ops),
            [
                {
                    "batch_id": batch_id,
                    "seq": seq,
                    "address": str(op.address),
                    "action": op.action,
                    "platform_id": op.platform_id,
                    "fields": sorted(op.fields) if op.action == "update" else None,
                }
                for seq, op in enumerate(ops)
            ],
        )
    return batch_id


def add_member_batch(
    connection: sa.Connection,
    run_id: int,
    address: Address,
    platform_id: str,
    counts: Mapping[str, int],
    now: dt.datetime,
) -> int:
    """Insert a ``pending`` batch of one audience member upload: one ``update`` op on the audience whose
    ``fields`` hold only counts (``{"members": {"added": n, "removed": m}}``), never a member."""
    op = WriteOp("update", address, platform_id=platform_id)
    batch_id = add_batch(connection, run_id, address.account, address.platform, [op], now)
    connection.execute(
        sa.update(journal_ops)
        .where(journal_ops.c.batch_id == batch_id)
        .values(fields={"members": dict(sorted(counts.items()))})
    )
    return batch_id


def recent_updates(
    connection: sa.Connection, account: str, since: dt.datetime, fields: frozenset[str]
) -> dict[Address, list[dt.datetime]]:
    """When updates touching any of ``fields`` were sent to ``account`` since ``since``, per address.

    Counts every update that may have reached the platform: confirmed ones, and those of batches whose
    outcome is unknown (sent, then the apply died) — a platform's limit does not care that MIDAS lost
    the answer. A platform counts changes per object, whatever its name: an update is keyed by the
    address MIDAS records its object (platform id) at now, so a rename since keeps its history. The
    journal itself keeps the address each update was sent under — it records what happened.
    """
    rows = connection.execute(
        sa.select(
            journal_ops.c.address, journal_ops.c.platform_id, journal_ops.c.fields, journal_batches.c.sent_at
        )
        .join(journal_batches, journal_batches.c.id == journal_ops.c.batch_id)
        .where(
            journal_batches.c.account == account,
            journal_batches.c.sent_at >= since,
            journal_ops.c.action == "update",
            sa.or_(journal_ops.c.ok.is_(None), journal_ops.c.ok.is_(True)),
        )
        .order_by(journal_batches.c.sent_at)
    ).all()
    limited = [
        (Address.parse(a), platform_id, sent_at)
        for a, platform_id, changed, sent_at in rows
        if fields & set(changed or ())
    ]
    current = _recorded_addresses(connection, account, {platform_id for _a, platform_id, _t in limited})
    out: dict[Address, list[dt.datetime]] = {}
    for sent_as, platform_id, sent_at in limited:
        out.setdefault(current.get((sent_as.kind, platform_id), sent_as), []).append(sent_at)
    return out


def _recorded_addresses(
    connection: sa.Connection, account: str, platform_ids: set[str | None]
) -> dict[tuple[str, str], Address]:
    """(kind, platform id) → the address MIDAS records that object at now (ids are unique per kind)."""
    t = managed_resources
    wanted = sorted(i for i in platform_ids if i is not None)
    if not wanted:
        return {}
    rows = connection.execute(
        sa.select(t.c.kind, t.c.platform_id, t.c.address).where(
            t.c.account == account, t.c.platform_id.in_(wanted)
        )
    )
    return {(kind, platform_id): Address.parse(address) for kind, platform_id, address in rows}


def _status(connection: sa.Connection, batch_id: int) -> str:
    status = connection.execute(
        sa.select(journal_batches.c.status).where(journal_batches.c.id == batch_id)
    ).scalar_one_or_none()
    if status is None:
        raise StateError(f"no journal batch {batch_id} in the state store")
    return str(status)


def mark_sent(connection: sa.Connection, batch_id: int, now: dt.datetime) -> None:
    """pending → sent; any other starting state is a StateError (a bug in the caller)."""
    status = _status(connection, batch_id)
    if status != "pending":
        raise StateError(f"journal batch {batch_id} is {status}; only a pending batch can be sent")
    connection.execute(
        sa.update(journal_batches).where(journal_batches.c.id == batch_id).values(status="sent", sent_at=now)
    )


def mark_done(
    connection: sa.Connection, batch_id: int, results: Sequence[WriteResult], now: dt.datetime
) -> None:
    """pending/sent → confirmed | failed, recording each op's outcome (matched by address, in order)."""
    status = _status(connection, batch_id)
    if status not in UNFINISHED_STATUSES:
        raise StateError(f"journal batch {batch_id} is already {status}")
    ops = connection.execute(
        sa.select(journal_ops.c.seq, journal_ops.c.address)
        .where(journal_ops.c.batch_id == batch_id)
        .order_by(journal_ops.c.seq)
    ).all()
    by_address: dict[str, list[WriteResult]] = {}
    for result in results:
        by_address.setdefault(str(result.address), []).append(result)
    unknown = sorted(set(by_address) - {address for _seq, address in ops})
    if unknown:
        raise ValueError(f"results for addresses not in journal batch {batch_id}: {unknown}")
    updates: list[dict[str, Any]] = []
    not_made: dict[int, tuple[str, ...]] = {}
    for seq, address in ops:
        queue = by_address.get(address)
        outcome = queue.pop(0) if queue else None
        if outcome is not None and not outcome.ok and isinstance(outcome.error, MadeInPart):
            not_made[seq] = outcome.error.parts
        updates.append(
            {
                "b_id": batch_id,
                "b_seq": seq,
                "ok": bool(outcome and outcome.ok),
                "platform_id": outcome.platform_id if outcome else None,
                "error": _error_text(outcome),
            }
        )
    if updates:
        connection.execute(
            sa.update(journal_ops)
            .where(journal_ops.c.batch_id == sa.bindparam("b_id"), journal_ops.c.seq == sa.bindparam("b_seq"))
            .values(
                ok=sa.bindparam("ok"),
                # A failed update or delete reports no id: the op keeps the one it was sent for (what
                # ``deletes_not_done`` reads).
                platform_id=sa.func.coalesce(sa.bindparam("platform_id"), journal_ops.c.platform_id),
                error=sa.bindparam("error"),
            ),
            updates,
        )
    for seq, parts in not_made.items():  # a handful at most: a create that made its object in part
        connection.execute(
            sa.update(journal_ops)
            .where(journal_ops.c.batch_id == batch_id, journal_ops.c.seq == seq)
            .values(fields={NOT_MADE: sorted(parts)})
        )
    final = "confirmed" if all(update["ok"] for update in updates) else "failed"
    connection.execute(
        sa.update(journal_batches)
        .where(journal_batches.c.id == batch_id)
        .values(status=final, finished_at=now)
    )


def _error_text(result: WriteResult | None) -> str | None:
    if result is None:
        return "no result was reported for this operation"
    if result.ok:
        return None
    return str(result.error) if result.error is not None else "failed without an error message"


def _unfinished(accounts: Iterable[str] | None) -> sa.ColumnElement[bool]:
    condition: sa.ColumnElement[bool] = journal_batches.c.status.in_(UNFINISHED_STATUSES)
    if accounts is not None:
        condition = sa.and_(condition, journal_batches.c.account.in_(sorted(set(accounts))))
    return condition


def claimed(connection: sa.Connection, accounts: Iterable[str] | None) -> set[Address]:
    """Addresses of create ops in unfinished batches (of ``accounts``, or all)."""
    query = (
        sa.select(journal_ops.c.address)
        .distinct()
        .join(journal_batches, journal_batches.c.id == journal_ops.c.batch_id)
        .where(_unfinished(accounts), journal_ops.c.action == "create")
    )
    return {Address.parse(address) for address in connection.execute(query).scalars()}


def made_though_failed(connection: sa.Connection, accounts: Iterable[str] | None) -> dict[Address, str]:
    """Platform ids, by address, of the objects whose last journaled create failed yet reported the id of
    what it made without linking its marker (a Google campaign whose ``midas-managed`` label link was
    refused): MIDAS made them, until a later op of the address went through: every op a plan sends to such
    an object while it lacks its marker links it (an update to the specs, a pause: ``planner``), so from
    then on its marker says whose it is, and removing it releases the object. A create whose marker was
    linked (its page feed alone refused) is owned by its marker from the first: it is not read. A create
    journaled before the parts not made were kept (no ``fields``) is read as before. Only such creates are
    read, a handful."""
    failed = (
        sa.select(
            journal_ops.c.address,
            journal_ops.c.batch_id,
            journal_ops.c.seq,
            journal_ops.c.platform_id,
            journal_ops.c.fields,
        )
        .join(journal_batches, journal_batches.c.id == journal_ops.c.batch_id)
        .where(
            journal_ops.c.action == "create",
            journal_ops.c.ok.is_(False),
            journal_ops.c.platform_id.is_not(None),
        )
    )
    if accounts is not None:
        failed = failed.where(journal_batches.c.account.in_(sorted(set(accounts))))
    made: dict[str, tuple[tuple[int, int], str | None]] = {}
    for address, batch_id, seq, platform_id, parts in connection.execute(failed):
        if address not in made or (batch_id, seq) > made[address][0]:
            unlinked = not isinstance(parts, dict) or bool(MARKER_FIELDS & set(parts.get(NOT_MADE) or ()))
            made[address] = ((batch_id, seq), str(platform_id) if unlinked else None)
    if not made:
        return {}
    went_through = sa.select(journal_ops.c.address, journal_ops.c.batch_id, journal_ops.c.seq).where(
        journal_ops.c.address.in_(sorted(made)), journal_ops.c.ok.is_(True)
    )
    for address, batch_id, seq in connection.execute(went_through):
        if address in made and (batch_id, seq) > made[address][0]:
            del made[address]
    return {
        Address.parse(address): platform_id
        for address, (_, platform_id) in made.items()
        if platform_id is not None
    }


def deletes_not_done(connection: sa.Connection, accounts: Iterable[str] | None) -> dict[Address, set[str]]:
    """Platform ids of the objects MIDAS sent a delete for (of ``accounts``, or all) that is not known to
    have gone through — refused, in a batch an apply died in, or never sent (a replacement's old half whose
    dependent failed, journaled failed in a batch never sent) —, by address: the old half of a
    replacement (a Meta creative) whose object may still be live beside the one that replaced it."""
    query = (
        sa.select(journal_ops.c.address, journal_ops.c.platform_id)
        .distinct()
        .join(journal_batches, journal_batches.c.id == journal_ops.c.batch_id)
        .where(
            journal_ops.c.action == "delete",
            journal_ops.c.platform_id.is_not(None),
            sa.or_(journal_ops.c.ok.is_(None), journal_ops.c.ok.is_(False)),
        )
    )
    if accounts is not None:
        query = query.where(journal_batches.c.account.in_(sorted(set(accounts))))
    out: dict[Address, set[str]] = {}
    for address, platform_id in connection.execute(query):
        out.setdefault(Address.parse(address), set()).add(str(platform_id))
    return out


def settle(connection: sa.Connection, accounts: Iterable[str], now: dt.datetime) -> None:
    """Mark the unfinished batches of ``accounts`` abandoned."""
    connection.execute(
        sa.update(journal_batches).where(_unfinished(accounts)).values(status="abandoned", finished_at=now)
    )


def load(connection: sa.Connection, run_id: int | None) -> list[JournalBatchRecord]:
    """Batches (of one run, or all) oldest first, each with its ops in order."""
    query = sa.select(journal_batches).order_by(journal_batches.c.id)
    ops_query = sa.select(journal_ops).order_by(journal_ops.c.batch_id, journal_ops.c.seq)
    if run_id is not None:
        query = query.where(journal_batches.c.run_id == run_id)
        ops_query = ops_query.join(journal_batches).where(journal_batches.c.run_id == run_id)
    ops: dict[int, list[JournalOpRecord]] = {}
    for op in connection.execute(ops_query).mappings():
        ops.setdefault(op["batch_id"], []).append(
            JournalOpRecord(
                seq=op["seq"],
                address=Address.parse(op["address"]),
                action=op["action"],
                platform_id=op["platform_id"],
                ok=op["ok"],
                error=op["error"],
            )
        )
    return [
        JournalBatchRecord(
            id=row["id"],
            run_id=row["run_id"],
            account=row["account"],
            platform=row["platform"],
            status=row["status"],
            created_at=row["created_at"],
            sent_at=row["sent_at"],
            finished_at=row["finished_at"],
            ops=ops.get(row["id"], []),
        )
        for row in connection.execute(query).mappings()
    ]
