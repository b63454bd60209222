"""Connecting to the state database, translating its errors, and migrating it with Alembic.

SQLite engines are set up for several MIDAS processes sharing one file: WAL journal, a busy timeout, and
SQLAlchemy (not the ``sqlite3`` module) emitting ``BEGIN`` — ``BEGIN IMMEDIATE`` on connections marked
as writers (``execution_options(midas_write=True)``), so that read-then-write transactions (the audit
chain, the migration) are serialised instead of failing with "database is locked" on upgrade.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from midas_reconcile.errors import StateError
from midas_reconcile.store.schema import Base

#: The Alembic script directory shipped inside the package (no alembic.ini needed).
MIGRATIONS_DIR: Final = Path(__file__).resolve().parent.parent / "migrations"

#: Seconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_TIMEOUT_S: Final = 30.0
#: Seconds to wait for a PostgreSQL connection unless the URL says otherwise.
PG_CONNECT_TIMEOUT_S: Final = 10

_PASSWORD_IN_URL = re.compile(r"(?P<head>[a-z0-9+._-]+://[^:/@\s]*:)(?P<password>[^@\s]*)(?=@)", re.I)


def mask_url_text(text: str) -> str:
    """Replace the password of any ``scheme://user:password@host`` in ``text`` with ``***``."""
    return _PASSWORD_IN_URL.sub(lambda m: m["head"] + "***", text)


def parse_url(url: str) -> URL:
    """Parse a SQLAlchemy URL; a malformed one raises StateError (with any password masked)."""
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StateError(f"not a database URL: {mask_url_text(url)!r} ({exc.__class__.__name__})") from None


def display_url(url: URL) -> str:
    """The URL as shown to people: password masked."""
    return url.render_as_string(hide_password=True)


def describe(exc: BaseException, *secrets: str | None) -> str:
    """A one-line, secret-free description of a database error (no SQL, no parameters)."""
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else str(exc).split("\n", 1)[0]
    text = " ".join(text.split()) or exc.__class__.__name__
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return mask_url_text(text)


@contextmanager
def translated(what: str, url: URL) -> Iterator[None]:
    """Turn any SQLAlchemy (or Alembic) error raised inside into a StateError naming ``what``."""
    try:
        yield
    except StateError:
        raise
    except (SQLAlchemyError, CommandError) as exc:
        raise StateError(
            f"state store {display_url(url)}: {what} failed: {describe(exc, url.password)}"
        ) from exc


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def is_postgres(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def sqlite_file(url: URL) -> Path | None:
    """The absolute database file of a SQLite URL, or None for in-memory / non-file databases."""
    database = url.database or ""
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        return None
    if database.startswith("file:") and url.query.get("uri") in ("true", "1"):
        database = database[len("file:") :]
    return Path(database).resolve()


def lock_dir(url: URL) -> Path:
    """Where SQLite lock files live: ``<db dir>/locks``, or a temp dir keyed by URL without a file.

    An in-memory database exists only inside its process, so its lock dir is keyed by process too.
    """
    db_file = sqlite_file(url)
    if db_file is not None:
        return db_file.parent / "locks"
    identity = f"{url.render_as_string(hide_password=False)}\0{os.getpid()}"
    key = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"midas-locks-{key}"


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see the module docstring); the driver's legacy mode would not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets readers proceed while one process writes; NORMAL sync is crash-safe in WAL mode.
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


#: How long to wait before asking again for the WAL journal of a file another process is switching.
_WAL_RETRY_S: Final = 0.05
_pause = time.sleep


def _use_wal(cursor: Any) -> None:
    """Put the database file in WAL mode (it stays so: later connections only read the mode).

    Switching the mode takes the file's exclusive lock, and SQLite answers "database is locked" at once,
    without waiting the busy timeout, to a connection asking while another is switching it — two MIDAS
    processes opening a new state store together — so the switch is asked again until the timeout."""
    cursor.execute("PRAGMA journal_mode")
    if str(cursor.fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            _pause(_WAL_RETRY_S)


def _sqlite_on_begin(connection: sa.Connection) -> None:
    immediate = connection.get_execution_options().get("midas_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _json_serializer(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def create_engine(url: URL) -> sa.Engine:
    """An engine for the state store (creates the SQLite parent directory if needed)."""
    if not (is_sqlite(url) or is_postgres(url)):
        raise StateError(
            f"unsupported state store {display_url(url)}: use sqlite:///path/to/state.db or "
            "postgresql+psycopg://user@host/database"
        )
    if is_sqlite(url):
        db_file = sqlite_file(url)
        kwargs: dict[str, Any] = {
            "connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
        }
        if db_file is None:
            # One shared connection, or every checkout would see a different empty database.
            kwargs["poolclass"] = sa.StaticPool
        else:
            try:
                db_file.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StateError(
                    f"cannot create the state directory {db_file.parent}: {exc.strerror}"
                ) from None
        engine = sa.create_engine(url, json_serializer=_json_serializer, **kwargs)
        sa.event.listen(engine, "connect", _sqlite_on_connect)
        sa.event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    try:
        return sa.create_engine(
            url, pool_pre_ping=True, json_serializer=_json_serializer, connect_args=_pg_connect_args(url)
        )
    except (ArgumentError, ImportError) as exc:
        raise StateError(
            f"cannot use state store {display_url(url)}: {describe(exc, url.password)}"
        ) from None


def create_lock_engine(url: URL) -> sa.Engine:
    """PostgreSQL engine for advisory locks: unpooled AUTOCOMMIT connections, one per held lock."""
    return sa.create_engine(
        url, poolclass=sa.NullPool, isolation_level="AUTOCOMMIT", connect_args=_pg_connect_args(url)
    )


def _pg_connect_args(url: URL) -> dict[str, Any]:
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    if "application_name" not in url.query:
        connect_args["application_name"] = "midas"
    return connect_args


def pg_key(*parts: str) -> int:
    """A stable signed 64-bit key (PostgreSQL advisory locks) for the given identity parts."""
    raw = hashlib.sha256("\0".join(parts).encode()).digest()
    return int.from_bytes(raw[:8], "big", signed=True)


def pg_identity(connection: sa.Connection) -> str:
    """Database and schema the connection works in: advisory-lock keys are scoped by it."""
    row = connection.execute(sa.text("SELECT current_database(), current_schema()")).one()
    return f"{row[0]}/{row[1]}"


def alembic_config() -> Config:
    """Alembic configuration for the shipped migrations, built in code."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


@functools.cache
def shipped_migrations() -> ScriptDirectory:
    """The migration scripts shipped with this version of MIDAS (read once per process)."""
    return ScriptDirectory.from_config(alembic_config())


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every migration revision shipped with this version of MIDAS."""
    return frozenset(script.revision for script in shipped_migrations().walk_revisions())


@functools.cache
def head_revision() -> str:
    """The newest migration revision shipped with this version of MIDAS."""
    head = shipped_migrations().get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise StateError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(connection: sa.Connection) -> str | None:
    """The revision the database is at (None when it was never migrated)."""
    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def upgrade_to_head(engine: sa.Engine, url: URL) -> None:
    """Bring the schema to the head revision; a no-op when it is there already.

    Concurrent openers are serialised (PostgreSQL transaction-level advisory lock; SQLite
    ``BEGIN IMMEDIATE``) and the revision is re-read under that lock, so the migration runs once.
    """
    head = head_revision()
    with translated("reading the schema revision", url), engine.connect() as connection:
        if current_revision(connection) == head:
            return
    with (
        translated("migrating the schema", url),
        engine.connect().execution_options(midas_write=True) as connection,
        connection.begin(),
    ):
        if is_postgres(url):
            key = pg_key("midas-migrate", pg_identity(connection))
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
        current = current_revision(connection)
        if current == head:
            return
        if current is None and _holds_no_store_table(connection):
            # A new store is made as the head revision describes it and stamped so, in one step where
            # replaying every migration costs several times as long (Alembic's "building an up to date
            # database from scratch"); tests/test_store.py checks that both make the same schema. None of
            # its tables is there, so none is looked for first; the stamp needs no migration environment.
            Base.metadata.create_all(connection, checkfirst=False)
            MigrationContext.configure(connection).stamp(shipped_migrations(), "head")
            return
        if current is not None and current not in known_revisions():
            raise StateError(
                f"state store {display_url(url)} is at schema revision {current}, newer than this MIDAS "
                f"knows (head {head}); upgrade MIDAS"
            )
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _holds_no_store_table(connection: sa.Connection) -> bool:
    """Whether none of the store's tables is there (a database shared with other tables may be used)."""
    present = set(sa.inspect(connection).get_table_names())
    return not present.intersection(Base.metadata.tables)
