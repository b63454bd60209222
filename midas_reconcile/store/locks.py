"""One writer per account (invariant 7): SQLite lock files and PostgreSQL advisory locks.

Both lockers answer a second acquirer **at once** with ``LockHeld`` (no waiting), let a new writer take
over from a holder that died (its OS file lock or database session is gone with it), and can break a
lock whose holder is stuck.

*SQLite*: ``<db dir>/locks/<account>.lock`` held with ``flock(LOCK_EX | LOCK_NB)`` for the lock's
lifetime; the file names the holder as JSON ``{holder, acquired_at}``. Breaking unlinks the file: the
stuck holder keeps its flock on an unlinked inode and new writers create a fresh file. An acquirer that
flocked a file which was unlinked meanwhile notices (inode changed) and starts over.

*PostgreSQL*: ``pg_try_advisory_lock(key)`` on a dedicated connection held for the lock's lifetime, the
key a stable 64-bit hash of (database, schema, account); the ``locks`` table row names the holder.
Breaking terminates the backend holding the advisory lock (found through ``pg_locks``) and deletes the
row; it needs PostgreSQL ≥ 14 and the right to signal that backend (same role, superuser or
``pg_signal_backend``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import SQLAlchemyError

from midas_reconcile.errors import LockHeld, StateError
from midas_reconcile.store.engine import pg_key
from midas_reconcile.store.schema import locks

Clock = Callable[[], dt.datetime]

#: Shown when a lock is held but its holder has not written its name yet (it is starting).
UNKNOWN_HOLDER: Final = "an unidentified writer (starting up, or its lock record is unreadable)"
#: Attempts to take a lock file that keeps being replaced under us before giving up.
_FILE_ATTEMPTS: Final = 20
#: Milliseconds ``break_lock`` waits for a terminated PostgreSQL backend to exit.
_TERMINATE_WAIT_MS: Final = 5000


@dataclass(frozen=True)
class LockInfo:
    """Who holds an account's write lock, since when, and for how long (seconds, from the store clock)."""

    account: str
    holder: str
    acquired_at: dt.datetime
    age_seconds: float


class Locker(Protocol):
    """The per-backend lock implementation behind ``StateStore.lock``."""

    def hold(self, account: str, owner: str) -> contextlib.AbstractContextManager[None]: ...

    def holder(self, account: str) -> LockInfo | None: ...

    def abandoned(self, account: str) -> LockInfo | None: ...

    def break_lock(self, account: str) -> bool: ...

    def close(self) -> None: ...


def _info(account: str, holder: str | None, acquired_at: dt.datetime | None, now: dt.datetime) -> LockInfo:
    when = acquired_at or now
    return LockInfo(account, holder or UNKNOWN_HOLDER, when, max(0.0, (now - when).total_seconds()))


def _check_account(account: str) -> None:
    if not account:
        raise StateError("an account name is required to lock it")


class FileLocker:
    """SQLite: one ``flock``-ed file per account in ``directory``."""

    def __init__(self, directory: Path, clock: Clock, *, temporary: bool = False) -> None:
        """``temporary``: the directory belongs to this store alone (in-memory database); removed on close."""
        self.directory = directory
        self._clock = clock
        self._temporary = temporary

    def path(self, account: str) -> Path:
        """The lock file of an account (the name is percent-encoded: any account name is safe)."""
        _check_account(account)
        return self.directory / f"{quote(account, safe='')}.lock"

    @contextlib.contextmanager
    def hold(self, account: str, owner: str) -> Iterator[None]:
        path = self.path(account)
        fd = self._acquire(account, owner, path)
        try:
            yield
        finally:
            self._release(path, fd)

    def _acquire(self, account: str, owner: str, path: Path) -> int:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"cannot create the lock directory {self.directory}: {exc.strerror}") from None
        for _ in range(_FILE_ATTEMPTS):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise StateError(f"cannot open the lock file {path}: {exc.strerror}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                info = self._read(account, fd)
                os.close(fd)
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise LockHeld(account, info.holder, info.age_seconds) from None
                raise StateError(f"cannot lock {path}: {exc.strerror}") from None
            if not _same_file(fd, path):
                # Broken or released (unlinked) between our open and our flock: try the new file.
                os.close(fd)
                continue
            record = {"holder": owner, "acquired_at": self._clock().isoformat()}
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(record).encode(), 0)
            return fd
        raise StateError(f"could not take the lock file {path}: it keeps being replaced")

    def _release(self, path: Path, fd: int) -> None:
        try:
            # Only remove our own file: after a break, the path may name a new holder's file.
            if _same_file(fd, path):
                path.unlink(missing_ok=True)
        finally:
            os.close(fd)

    def _read(self, account: str, fd: int) -> LockInfo:
        now = self._clock()
        try:
            record = json.loads(os.pread(fd, 65536, 0) or b"{}")
            acquired_at = dt.datetime.fromisoformat(record["acquired_at"]).astimezone(dt.UTC)
            holder = str(record["holder"])
        except (OSError, ValueError, KeyError, TypeError):
            return _info(account, None, None, now)
        return _info(account, holder, acquired_at, now)

    def holder(self, account: str) -> LockInfo | None:
        return self._probe(account, held=True)

    def abandoned(self, account: str) -> LockInfo | None:
        """The record a holder that died left behind (a crashed apply): its file, with nobody's flock.

        A writer caught between creating the file and locking it looks the same for that instant.
        """
        return self._probe(account, held=False)

    def _probe(self, account: str, *, held: bool) -> LockInfo | None:
        """The lock file's record if the lock is ``held`` (someone has its flock) — or, with ``held=False``,
        if it is not (its holder died and left the file behind); None otherwise or without a file."""
        path = self.path(account)
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StateError(f"cannot read the lock file {path}: {exc.strerror}") from None
        try:
            try:
                # Probe: a lock we can share is not held.
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return self._read(account, fd) if held else None
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None if held else self._read(account, fd)
        finally:
            os.close(fd)

    def break_lock(self, account: str) -> bool:
        try:
            self.path(account).unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StateError(f"cannot remove the lock file {self.path(account)}: {exc.strerror}") from None
        return True

    def close(self) -> None:
        """Remove a temporary lock directory once empty; held locks are released by their context managers."""
        if self._temporary:
            with contextlib.suppress(OSError):
                self.directory.rmdir()


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


class AdvisoryLocker:
    """PostgreSQL: session advisory locks on dedicated connections, named in the ``locks`` table."""

    def __init__(self, engine: sa.Engine, lock_engine: sa.Engine, identity: str, clock: Clock) -> None:
        self._engine = engine
        #: Unpooled AUTOCOMMIT connections: the lock lives exactly as long as its connection.
        self._lock_engine = lock_engine
        self._identity = identity
        self._clock = clock

    def key(self, account: str) -> int:
        """The advisory-lock key of an account in this database and schema."""
        _check_account(account)
        return pg_key("midas-account-lock", self._identity, account)

    @contextlib.contextmanager
    def hold(self, account: str, owner: str) -> Iterator[None]:
        key = self.key(account)
        connection = self._lock_engine.connect()
        try:
            if not connection.execute(sa.select(sa.func.pg_try_advisory_lock(key))).scalar_one():
                info = self._row(connection, account)
                raise LockHeld(account, info.holder, info.age_seconds)
            # A leftover row means the previous holder died (its session, and lock, ended): take over.
            row = {"account": account, "holder": owner, "acquired_at": self._clock()}
            statement = pg_insert(locks).values(**row, backend_pid=sa.func.pg_backend_pid())
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[locks.c.account],
                    set_={
                        "holder": statement.excluded.holder,
                        "acquired_at": statement.excluded.acquired_at,
                        "backend_pid": statement.excluded.backend_pid,
                    },
                )
            )
        except BaseException:
            connection.close()
            raise
        try:
            yield
        finally:
            self._release(connection, account, key)

    def _release(self, connection: sa.Connection, account: str, key: int) -> None:
        try:
            connection.execute(
                sa.delete(locks).where(
                    locks.c.account == account, locks.c.backend_pid == sa.func.pg_backend_pid()
                )
            )
            connection.execute(sa.select(sa.func.pg_advisory_unlock(key)))
        except SQLAlchemyError:
            # The lock was broken (our backend terminated): ending the session released it already.
            pass
        finally:
            connection.close()

    def _row(self, connection: sa.Connection, account: str) -> LockInfo:
        row = connection.execute(
            sa.select(locks.c.holder, locks.c.acquired_at).where(locks.c.account == account)
        ).one_or_none()
        now = self._clock()
        return _info(account, None, None, now) if row is None else _info(account, row[0], row[1], now)

    def _holder_pids(self, connection: sa.Connection, key: int) -> list[int]:
        unsigned = key & 0xFFFFFFFFFFFFFFFF
        rows = connection.execute(
            sa.text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                " AND classid::bigint = :high AND objid::bigint = :low AND objsubid = 1 ORDER BY pid"
            ),
            {"high": unsigned >> 32, "low": unsigned & 0xFFFFFFFF},
        )
        return [int(pid) for pid in rows.scalars()]

    def holder(self, account: str) -> LockInfo | None:
        key = self.key(account)
        with self._engine.connect() as connection:
            if not self._holder_pids(connection, key):
                return None
            return self._row(connection, account)

    def abandoned(self, account: str) -> LockInfo | None:
        """The ``locks`` row a holder that died left behind (a crashed apply): no session holds the key."""
        key = self.key(account)
        with self._engine.connect() as connection:
            row = connection.execute(
                sa.select(locks.c.holder, locks.c.acquired_at).where(locks.c.account == account)
            ).one_or_none()
            if row is None or self._holder_pids(connection, key):
                return None
            return _info(account, row[0], row[1], self._clock())

    def break_lock(self, account: str) -> bool:
        key = self.key(account)
        with self._engine.connect() as connection, connection.begin():
            pids = self._holder_pids(connection, key)
            for pid in pids:
                # The timeout makes the call wait until the backend is gone, so its lock is free on return.
                connection.execute(
                    sa.select(sa.func.pg_terminate_backend(pid, _TERMINATE_WAIT_MS)),
                )
            deleted = connection.execute(sa.delete(locks).where(locks.c.account == account)).rowcount
        return bool(pids) or deleted > 0

    def close(self) -> None:
        self._lock_engine.dispose()
