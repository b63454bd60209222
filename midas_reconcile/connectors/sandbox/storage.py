"""Storage of native objects in the world's SQLite file, one transaction per simulated call.

``Txn`` is what the simulators see: objects by (platform, account, type, id) with their indexed
columns (parent id, name, status) and creation order, persistent id sequences, savepoints scoping
one operation, and the persisted levels and daily counters behind the rate limits.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class StoredObject:
    """One native object as stored: its id, JSON data and creation order (slotted: reads list 100,000s)."""

    id: str
    data: dict[str, Any]
    seq: int
    parent: str | None = None
    name: str | None = None
    status: str | None = None


class Txn:
    """The open transaction of one simulated API call (or one console edit).

    Simulators read and write native objects through it; ``savepoint()`` scopes one operation so that
    a failed operation leaves nothing behind; ``op_applied()`` counts a committed write operation
    (and crashes the process there when ``crash_after`` says so).
    """

    def __init__(
        self, conn: sqlite3.Connection, clock: Callable[[], float], on_write_op: Callable[[], None]
    ) -> None:
        self._conn = conn
        self._clock = clock
        self._on_write_op = on_write_op
        self._savepoints = 0
        #: Set by ``discard()``: the call's writes are rolled back when it ends (validate-only requests).
        self.discarded = False
        #: Facts of stored objects that no operation can change (immutable fields), kept by the rules for
        #: the call's later operations: a batch of thousands asks for the same few again and again.
        self.memo: dict[tuple[str, ...], str] = {}
        #: Sets of ids or texts the rules gather over one call's operations (the asset groups a request
        #: touched, the text assets it created), checked when it ends.
        self.gathered: dict[tuple[str, str], set[str]] = {}

    @property
    def now(self) -> float:
        """The world's clock."""
        return self._clock()

    def discard(self) -> None:
        """Roll back everything this call wrote when it ends (its result is still returned)."""
        self.discarded = True

    def account_currency(self, platform: str, account: str) -> str:
        """The currency ``account`` was registered with (USD if never registered, as ``account_info``)."""
        row = self._conn.execute(
            "SELECT currency FROM accounts WHERE platform=? AND account=?", (platform, account)
        ).fetchone()
        return str(row[0]) if row else "USD"

    # objects ---------------------------------------------------------------------------------------
    def get(self, platform: str, account: str, type_: str, id_: str) -> StoredObject | None:
        row = self._conn.execute(
            "SELECT id, data, rowid, parent, name, status FROM objects "
            "WHERE platform=? AND account=? AND type=? AND id=?",
            (platform, account, type_, id_),
        ).fetchone()
        return _stored(row) if row else None

    def locate(self, platform: str, id_: str) -> tuple[str, str, StoredObject] | None:
        """(account, type, object) of an id unique across the platform (Meta ids are)."""
        row = self._conn.execute(
            "SELECT id, data, rowid, parent, name, status, account, type FROM objects "
            "WHERE platform=? AND id=?",
            (platform, id_),
        ).fetchone()
        return (row[6], row[7], _stored(row)) if row else None

    def count(self, platform: str, account: str, type_: str, *, status: str | None = None) -> int:
        sql = "SELECT COUNT(*) FROM objects WHERE platform=? AND account=? AND type=?"
        args: list[Any] = [platform, account, type_]
        if status is not None:
            sql += " AND status=?"
            args.append(status)
        return int(self._conn.execute(sql, args).fetchone()[0])

    def find(
        self,
        platform: str,
        account: str,
        type_: str,
        *,
        parent: str | None = None,
        name: str | None = None,
        after_seq: int | None = None,
        limit: int | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[StoredObject]:
        """Objects of one type in creation order, filtered by the indexed columns given."""
        sql = (
            "SELECT id, data, rowid, parent, name, status FROM objects "
            "WHERE platform=? AND account=? AND type=?"
        )
        args: list[Any] = [platform, account, type_]
        if parent is not None:
            sql += " AND parent=?"
            args.append(parent)
        if name is not None:
            sql += " AND name=?"
            args.append(name)
        if after_seq is not None:
            sql += " AND rowid>?"
            args.append(after_seq)
        if ids is not None:
            sql += f" AND id IN ({','.join('?' * len(ids))})"
            args.extend(ids)
        if parent is None and name is None and ids is None:
            sql += " ORDER BY rowid"
            if limit is not None:
                sql += " LIMIT ?"
                args.append(limit)
            return _stored_all(self._conn.execute(sql, args).fetchall())
        # Filtered lookups are small: seek through their index and sort here (an ORDER BY rowid
        # would make SQLite prefer walking the whole type in rowid order).
        found = sorted(_stored_all(self._conn.execute(sql, args).fetchall()), key=lambda o: o.seq)
        return found[:limit] if limit is not None else found

    def scan(self, platform: str, account: str, type_: str, *, batch: int) -> Iterator[list[StoredObject]]:
        """Every object of one type in creation order, ``batch`` at a time (a streamed read never
        decodes the whole type at once)."""
        cursor = self._conn.execute(
            "SELECT id, data, rowid, parent, name, status FROM objects "
            "WHERE platform=? AND account=? AND type=? ORDER BY rowid",
            (platform, account, type_),
        )
        while rows := cursor.fetchmany(batch):
            yield _stored_all(rows)

    def put(
        self,
        platform: str,
        account: str,
        type_: str,
        id_: str,
        data: Mapping[str, Any],
        *,
        parent: str | None = None,
        name: str | None = None,
        status: str | None = None,
    ) -> None:
        """Insert or replace one object (its creation order is kept on replace)."""
        self._conn.execute(
            "INSERT INTO objects (platform, account, type, id, parent, name, status, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(platform, account, type, id) DO UPDATE SET "
            "parent=excluded.parent, name=excluded.name, status=excluded.status, data=excluded.data",
            (platform, account, type_, id_, parent, name, status, json.dumps(data, separators=(",", ":"))),
        )

    def keys(
        self, platform: str, account: str, type_: str, *, parent: str | None = None, name: str | None = None
    ) -> list[tuple[str, str | None]]:
        """(id, status) of the objects matching the indexed columns given, without their data."""
        sql = "SELECT id, status FROM objects WHERE platform=? AND account=? AND type=?"
        args: list[Any] = [platform, account, type_]
        for column, value in (("parent", parent), ("name", name)):
            if value is not None:
                sql += f" AND {column}=?"
                args.append(value)
        # No ORDER BY: it would make SQLite walk the type index in rowid order instead of seeking.
        return [(str(row[0]), row[1]) for row in self._conn.execute(sql, args)]

    def statuses(self, platform: str, ids: Sequence[str]) -> dict[str, str | None]:
        """id → status of objects whose ids are unique across the platform (Meta's)."""
        out: dict[str, str | None] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            rows = self._conn.execute(
                f"SELECT id, status FROM objects WHERE platform=? AND id IN ({','.join('?' * len(chunk))})",
                [platform, *chunk],
            )
            out.update({str(row[0]): row[1] for row in rows})
        return out

    def delete(self, platform: str, account: str, type_: str, id_: str) -> None:
        self._conn.execute(
            "DELETE FROM objects WHERE platform=? AND account=? AND type=? AND id=?",
            (platform, account, type_, id_),
        )

    def next_value(self, sequence: str, start: int = 1) -> int:
        """The next value of a named, persistent sequence (first value ``start``)."""
        row = self._conn.execute(
            "INSERT INTO sequences (name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value=value+1 RETURNING value",
            (sequence, start),
        ).fetchone()
        return int(row[0])

    # operations ------------------------------------------------------------------------------------
    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Scope one operation: on an exception everything it wrote is rolled back."""
        self._savepoints += 1
        name = f"op{self._savepoints}"
        self._conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._conn.execute(f"ROLLBACK TO {name}")
            self._conn.execute(f"RELEASE {name}")
            raise
        self._conn.execute(f"RELEASE {name}")

    def op_applied(self) -> None:
        """Count one committed write operation; crash right after the N-th one if asked to."""
        self._on_write_op()

    # rate-limit primitives -------------------------------------------------------------------------
    def level(self, key: str) -> tuple[float, float] | None:
        """A persisted (level, updated-at) pair, for token buckets and usage meters."""
        row = self._conn.execute("SELECT level, updated FROM levels WHERE key=?", (key,)).fetchone()
        return (float(row[0]), float(row[1])) if row else None

    def set_level(self, key: str, level: float, updated: float) -> None:
        self._conn.execute(
            "INSERT INTO levels (key, level, updated) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET level=excluded.level, updated=excluded.updated",
            (key, level, updated),
        )

    def daily_used(self, key: str, day: str) -> int:
        row = self._conn.execute("SELECT day, used FROM daily WHERE key=?", (key,)).fetchone()
        return int(row[1]) if row and row[0] == day else 0

    def add_daily(self, key: str, day: str, amount: int) -> None:
        used = self.daily_used(key, day) + amount
        self._conn.execute(
            "INSERT INTO daily (key, day, used) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET day=excluded.day, used=excluded.used",
            (key, day, used),
        )


def take_tokens(txn: Txn, key: str, *, rate: float, burst: float, cost: float = 1.0) -> float:
    """Token bucket persisted in the world: take ``cost`` tokens, or return the seconds to wait.

    Nothing is taken when the bucket holds too few tokens; a clock that goes backwards adds nothing.
    """
    now = txn.now
    state = txn.level(key)
    tokens, updated = state if state is not None else (float(burst), now)
    tokens = min(float(burst), tokens + max(0.0, now - updated) * rate)
    if tokens + 1e-9 < cost:
        txn.set_level(key, tokens, now)
        return (cost - tokens) / rate
    txn.set_level(key, tokens - cost, now)
    return 0.0


def _stored_all(rows: Sequence[Sequence[Any]]) -> list[StoredObject]:
    """``_stored`` of many rows, their JSON decoded in one call (most of a bulk read's time was the
    per-call overhead of decoding 100,000s of small documents one by one)."""
    if not rows:
        return []
    data = json.loads("[" + ",".join([row[1] for row in rows]) + "]")
    return [
        StoredObject(id=row[0], data=value, seq=int(row[2]), parent=row[3], name=row[4], status=row[5])
        for row, value in zip(rows, data, strict=True)
    ]


def _stored(row: Sequence[Any]) -> StoredObject:
    return StoredObject(
        id=row[0], data=json.loads(row[1]), seq=int(row[2]), parent=row[3], name=row[4], status=row[5]
    )
