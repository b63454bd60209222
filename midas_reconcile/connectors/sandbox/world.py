"""The sandbox world: one SQLite file holding every simulated Google Ads and Meta account.

Separate CLI processes open the same file (``<workspace>/.midas/sandbox.db``) and see one world. The
file is in WAL mode and every simulated API call is one ``BEGIN IMMEDIATE`` transaction, so sequential
(and even concurrent) processes are safe.

What the world owns, for both simulators:

* storage of native objects (``objects`` table: platform, account, type, id, parent, name, status,
  JSON data, creation order) and id sequences;
* the clock and ``sleep`` (injectable), used for rate limits, quotas and injected latency;
* call accounting: every API call is counted per platform, account, call kind (read/write) and
  resource type (``stats()`` / ``reset_stats()``); console edits are not API calls and are not counted;
* fault injection (``Faults``, from ``MIDAS_SANDBOX_FAULTS``): random transient errors *before* a call
  applies anything, latency per call, and a crash (``os._exit(137)``) right after the N-th write
  operation of this process has been committed;
* rate-limit primitives persisted in the file (token buckets, daily counters) that the simulators use
  to enforce each platform's own quotas.
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from midas_reconcile.connectors.sandbox.faults import CRASH_EXIT_CODE, FAULTS_ENV, Faults, SandboxLimits
from midas_reconcile.connectors.sandbox.storage import StoredObject, Txn, take_tokens
from midas_reconcile.errors import ConnectorError, MidasError, TransientError
from midas_reconcile.resources import GOOGLE, META

__all__ = [
    "CRASH_EXIT_CODE",
    "FAULTS_ENV",
    "AccountInfo",
    "CallKind",
    "Faults",
    "SandboxLimits",
    "SandboxWorld",
    "StoredObject",
    "Txn",
    "take_tokens",
]

CallKind = Literal["read", "write"]

_SCHEMA_VERSION: Final = 3
#: What changed in the stored objects since an older schema version, applied in order when a sandbox is
#: opened: 2 → 3, Google budgets carry their ``period``, CUSTOM_PERIOD for those with a total amount (the
#: only period Google takes one with), as the sandbox now stores on create.
_UPGRADES: Final = {
    2: """
UPDATE objects SET data = json_set(data, '$.period',
    CASE WHEN json_extract(data, '$.total_amount_micros') IS NULL THEN 'DAILY' ELSE 'CUSTOM_PERIOD' END)
WHERE platform = 'google' AND type = 'campaign_budget' AND json_extract(data, '$.period') IS NULL;
""",
}
#: The tables of a new sandbox. A file already at ``_SCHEMA_VERSION`` is opened without running it, so any
#: change here is a new version with its step in ``_UPGRADES`` (tests/test_sandbox.py pins this text).
_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS objects (
    platform TEXT NOT NULL, account TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,
    parent TEXT, name TEXT, status TEXT, data TEXT NOT NULL,
    PRIMARY KEY (platform, account, type, id)
);
-- rowid is the creation order: an index on (platform, account, type) lists a type in that order.
CREATE INDEX IF NOT EXISTS objects_by_type ON objects (platform, account, type);
CREATE INDEX IF NOT EXISTS objects_by_name ON objects (platform, account, type, name);
CREATE INDEX IF NOT EXISTS objects_by_parent ON objects (platform, account, type, parent, name);
CREATE INDEX IF NOT EXISTS objects_by_id ON objects (platform, id);
CREATE INDEX IF NOT EXISTS objects_by_status ON objects (platform, account, type, status);
CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    platform TEXT NOT NULL, account TEXT NOT NULL, currency TEXT NOT NULL, access_level TEXT NOT NULL,
    PRIMARY KEY (platform, account)
);
CREATE TABLE IF NOT EXISTS levels (key TEXT PRIMARY KEY, level REAL NOT NULL, updated REAL NOT NULL);
CREATE TABLE IF NOT EXISTS daily (key TEXT PRIMARY KEY, day TEXT NOT NULL, used INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS stats (
    platform TEXT NOT NULL, account TEXT NOT NULL, kind TEXT NOT NULL, resource_type TEXT NOT NULL,
    calls INTEGER NOT NULL, operations INTEGER NOT NULL,
    PRIMARY KEY (platform, account, kind, resource_type)
);
"""


@dataclass(frozen=True)
class AccountInfo:
    """A simulated account: its platform, native id, currency and (Google) API access level."""

    platform: str
    account: str
    currency: str
    access_level: str = "standard"


class _ProcessWriteCounter:
    """Write operations committed by this process (``crash_after`` counts per process, not per world)."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()


_WRITE_OPS: Final = _ProcessWriteCounter()

#: Injected transient faults per platform, in the platform's own words: (throttle, internal error),
#: each as (message, error code).
_INJECTED_FAULTS: Final = {
    GOOGLE: (
        (
            "Resource has been temporarily exhausted; retry after the suggested delay",
            "quota_error.RESOURCE_TEMPORARILY_EXHAUSTED",
        ),
        ("Internal error encountered", "internal_error.INTERNAL_ERROR"),
    ),
    META: (
        (
            "(#80004) There have been too many calls to this ad-account. Wait a bit and try again",
            "80004",
        ),
        ("(#2) Service temporarily unavailable", "2"),
    ),
}


def _reset_write_ops_in_child() -> None:
    _WRITE_OPS.count = 0
    _WRITE_OPS.lock = threading.Lock()


# A forked child is a new process: it starts counting from zero (not from its parent's writes).
os.register_at_fork(after_in_child=_reset_write_ops_in_child)


#: How many times the switch to WAL is tried while another connection opens a new sandbox (~2 s in all).
_WAL_ATTEMPTS: Final = 20


class SandboxWorld:
    """Every simulated account, persisted in one SQLite file.

    ``clock`` (seconds since the epoch) drives rate limits, quotas and metrics' notion of today;
    ``sleep`` is called with the injected latency of each call; ``faults`` injects failures;
    ``limits`` sets the platforms' quotas. Safe to share between threads (one lock per world).
    """

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        faults: Faults | None = None,
        limits: SandboxLimits | None = None,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self.sleep = sleep
        self.faults = faults or Faults()
        self.limits = limits or SandboxLimits()
        self._rng = random.Random(self.faults.seed)
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
        with self._lock:
            self._enter_wal_mode()
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA busy_timeout=30000")
            # The default 2 MB page cache would re-read index pages of a large account (~100 MB); 16 MB
            # holds them. A cache the size of the file (it was 128 MB) only added as much to the memory
            # of every process: bulk reads and writes run as fast from the OS's file cache.
            self._conn.execute("PRAGMA cache_size=-16384")
            version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
            if version not in (0, *_UPGRADES, _SCHEMA_VERSION):
                raise MidasError(
                    f"{self.path} holds a sandbox of another MIDAS version (schema {version}, this one "
                    f"reads {_SCHEMA_VERSION}); delete the file to start an empty sandbox"
                )
            if version == _SCHEMA_VERSION:
                return  # every command opens the sandbox: one already at this schema needs nothing more
            self._conn.executescript(_SCHEMA)
            for since in range(version, _SCHEMA_VERSION) if version else ():
                self._conn.executescript(_UPGRADES[since])
            self._conn.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")

    def _enter_wal_mode(self) -> None:
        """Switch the file to WAL. Two connections opening a new sandbox at once can both hold its read lock
        and want the write lock: SQLite then answers one at once, busy ("database is locked"), without
        waiting (its busy handler would deadlock them). The switch is retried a little later, a few times:
        by then the other has made the file WAL, which the switch finds already done."""
        if str(self._conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return  # a file made WAL stays so: reading the mode takes no lock, switching takes the write lock
        for attempt in range(_WAL_ATTEMPTS):
            try:
                self._conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == _WAL_ATTEMPTS - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))  # real time: another connection is opening the file

    @classmethod
    def for_workspace(cls, workspace: Path, env: Mapping[str, str] | None = None) -> SandboxWorld:
        """The world of a workspace (``.midas/sandbox.db``), with faults from ``env`` (default: none)."""
        return cls(Path(workspace) / ".midas" / "sandbox.db", faults=Faults.from_env(env or {}))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SandboxWorld:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # accounts -------------------------------------------------------------------------------------
    def register_account(
        self, platform: str, account: str, currency: str, access_level: str = "standard"
    ) -> AccountInfo:
        """Create or update a simulated account (idempotent)."""
        if platform not in (GOOGLE, META):
            raise MidasError(f"unknown sandbox platform {platform!r}; expected google or meta")
        if platform == GOOGLE and access_level not in self.limits.google_daily_operations:
            levels = ", ".join(sorted(self.limits.google_daily_operations))
            raise MidasError(f"unknown Google Ads access level {access_level!r}; expected one of {levels}")
        with self.transaction():
            self._conn.execute(
                "INSERT INTO accounts (platform, account, currency, access_level) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(platform, account) DO UPDATE SET currency=excluded.currency, "
                "access_level=excluded.access_level",
                (platform, account, currency.upper(), access_level),
            )
        return AccountInfo(platform, account, currency.upper(), access_level)

    def account_info(self, platform: str, account: str) -> AccountInfo:
        """A registered account, or a USD/standard one if it was never registered."""
        with self._lock:
            row = self._conn.execute(
                "SELECT currency, access_level FROM accounts WHERE platform=? AND account=?",
                (platform, account),
            ).fetchone()
        return (
            AccountInfo(platform, account, row[0], row[1]) if row else AccountInfo(platform, account, "USD")
        )

    def accounts(self) -> list[AccountInfo]:
        """Every account that has been registered or holds objects, sorted."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT platform, account FROM accounts UNION SELECT DISTINCT platform, account FROM objects "
                "ORDER BY 1, 2"
            ).fetchall()
        return [self.account_info(platform, account) for platform, account in rows]

    def locate(self, platform: str, id_: str) -> tuple[str, str] | None:
        """(account, type) of an object id unique across the platform (Meta ids are); not an API call."""
        with self._lock:
            row = self._conn.execute(
                "SELECT account, type FROM objects WHERE platform=? AND id=?", (platform, id_)
            ).fetchone()
        return (row[0], row[1]) if row else None

    # transactions and calls -----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Txn]:
        """One write transaction outside the API (console edits, set-up); not counted, no faults."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._txn()
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def api_call(
        self,
        platform: str,
        account: str,
        kind: CallKind,
        resource_type: str,
        *,
        operations: Mapping[str, int] | None = None,
        admit: Callable[[Txn], None] | None = None,
    ) -> Iterator[Txn]:
        """Run one simulated API call.

        In order: injected latency; the call is counted (``operations`` maps resource type → items);
        an injected transient fault may raise before anything is applied; ``admit`` enforces the
        platform's quotas (raising ``TransientError``) — its bookkeeping is kept even when the call
        then fails; the body runs in one transaction. A ``ConnectorError`` from the body rolls back
        the body's writes and is re-raised; any other exception rolls back everything.
        """
        with self._lock:
            if self.faults.latency_ms:
                self.sleep(self.faults.latency_ms / 1000)
            self._count_call(platform, account, kind, resource_type, operations or {})
            if self.faults.transient_rate and self._rng.random() < self.faults.transient_rate:
                raise self._transient_fault(platform)
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                txn = self._txn()
                if admit is not None:
                    admit(txn)
                self._conn.execute("SAVEPOINT call_body")
                try:
                    yield txn
                except ConnectorError:
                    self._conn.execute("ROLLBACK TO call_body")
                    self._conn.execute("RELEASE call_body")
                    self._conn.execute("COMMIT")
                    raise
                if txn.discarded:
                    self._conn.execute("ROLLBACK TO call_body")
                self._conn.execute("RELEASE call_body")
            except ConnectorError:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")
                raise
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _transient_fault(self, platform: str) -> TransientError:
        throttle = self._rng.random() < 0.5
        speaker = GOOGLE if platform == GOOGLE else META
        message, code = _INJECTED_FAULTS[speaker][0 if throttle else 1]
        return TransientError(
            f"{message} (injected by MIDAS_SANDBOX_FAULTS)",
            platform=speaker,
            code=code,
            # Only throttling carries a retry hint; drawn only then, as seeded fault runs depend on it.
            retry_after=float(self._rng.randint(1, 5)) if throttle else None,
        )

    def _txn(self) -> Txn:
        return Txn(self._conn, self.clock, self._count_write_op)

    def _count_write_op(self) -> None:
        with _WRITE_OPS.lock:
            _WRITE_OPS.count += 1
            crash = self.faults.crash_after is not None and _WRITE_OPS.count >= self.faults.crash_after
        if crash:
            # SIGKILL semantics: what is committed stays, nothing else runs (no finally, no atexit).
            self._conn.execute("COMMIT")
            os._exit(CRASH_EXIT_CODE)

    # statistics -----------------------------------------------------------------------------------
    def _count_call(
        self, platform: str, account: str, kind: str, resource_type: str, operations: Mapping[str, int]
    ) -> None:
        rows = [(platform, account, kind, resource_type, 1, 0)]
        rows += [(platform, account, kind, rtype, 0, count) for rtype, count in sorted(operations.items())]
        self._conn.execute("BEGIN IMMEDIATE")
        self._conn.executemany(
            "INSERT INTO stats (platform, account, kind, resource_type, calls, operations) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(platform, account, kind, resource_type) DO UPDATE SET "
            "calls=calls+excluded.calls, operations=operations+excluded.operations",
            rows,
        )
        self._conn.execute("COMMIT")

    def stats(self) -> dict[str, Any]:
        """API calls so far.

        ``{"calls": {platform: {account: {kind: {resource_type: n}}}},
        "operations": {platform: {account: {kind: {resource_type: n}}}},
        "totals": {platform: {"read": n, "write": n}}}``. A write call is counted under the API method
        (``mutate`` for Google, ``batch`` for Meta) and its operations under each resource type; a
        read call under the resource type (Google) or edge (Meta) it reads, with the rows returned.
        """
        with self._lock:
            rows = self._conn.execute(
                "SELECT platform, account, kind, resource_type, calls, operations FROM stats "
                "ORDER BY platform, account, kind, resource_type"
            ).fetchall()
        calls: dict[str, Any] = {}
        operations: dict[str, Any] = {}
        totals: dict[str, dict[str, int]] = {}
        for platform, account, kind, rtype, n_calls, n_ops in rows:
            if n_calls:
                calls.setdefault(platform, {}).setdefault(account, {}).setdefault(kind, {})[rtype] = n_calls
                per_kind = totals.setdefault(platform, {"read": 0, "write": 0})
                per_kind[kind] = per_kind.get(kind, 0) + n_calls
            if n_ops:
                operations.setdefault(platform, {}).setdefault(account, {}).setdefault(kind, {})[rtype] = (
                    n_ops
                )
        return {"calls": calls, "operations": operations, "totals": totals}

    def reset_stats(self) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM stats")

    def reset(self) -> None:
        """Empty every account: objects, quotas and statistics (id sequences continue, never reused)."""
        with self.transaction():
            for table in ("objects", "levels", "daily", "stats"):
                self._conn.execute(f"DELETE FROM {table}")
