"""Shared fixtures: state-backed tests run on SQLite and a real PostgreSQL (``sqlite_store`` ones on SQLite).

``state_url`` gives each test a fresh store: a SQLite file under ``tmp_path``, or a new PostgreSQL schema
``midas_t_<random hex>`` in the database at ``MIDAS_TEST_POSTGRES_URL`` (default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``), named first in the connections' ``search_path`` and
dropped afterwards. One schema per test keeps tables and advisory-lock keys apart under ``pytest -n`` (MIDAS
scopes its lock keys by database and schema). A schema, not a database: CREATE DATABASE copies and syncs
the template database (0.1–0.2 s each, as long again to drop, and megabytes of WAL written per test), a
schema is a few catalog rows. The test connections commit without waiting for the WAL to reach the disk
(``synchronous_commit=off``): the suite does not test the server's durability. An unreachable server fails
the tests (it does not skip them) unless ``MIDAS_TEST_SKIP_POSTGRES=1`` is set. Tests marked
``sqlite_store`` (a module's ``pytestmark``) run on SQLite alone.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from midas_reconcile.store import StateStore

#: Fixtures for the wire fakes (``meta_fake`` …), available to every test module.
pytest_plugins = ["fakes.meta_fixtures", "fakes.google_fixtures"]

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
POSTGRES_URL = os.environ.get("MIDAS_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
SKIP_POSTGRES = os.environ.get("MIDAS_TEST_SKIP_POSTGRES", "") == "1"


def _with_local_no_proxy(value: str) -> str:
    hosts = [h for h in value.split(",") if h]
    return ",".join(hosts + [h for h in ("127.0.0.1", "localhost") if h not in hosts])


# Local servers (PostgreSQL, wire fakes) must never be reached through a proxy.
for _name in ("NO_PROXY", "no_proxy"):
    os.environ[_name] = _with_local_no_proxy(os.environ.get(_name, ""))


#: A RAM file system for the tests' temporary directories, where the machine has one (Linux's /dev/shm) with
#: room to spare (a passing test's directory is removed as it ends: ``tmp_path_retention_policy``).
RAM_DIR: Final = Path("/dev/shm")
RAM_DIR_ROOM: Final = 1 << 30


def _ram_dir_has_room() -> bool:
    try:
        stats = os.statvfs(RAM_DIR)
    except OSError:
        return False
    return os.access(RAM_DIR, os.W_OK) and stats.f_bavail * stats.f_frsize >= RAM_DIR_ROOM


# The suite makes thousands of small SQLite stores and sandboxes: on a disk, waiting for their fsyncs takes
# about a fifth of its wall time, and it does not test durability. So pytest's temporary root is in RAM: it
# numbers its runs there as under the system's temporary directory, keeps the last three (so a run killed
# midway is pruned by the next) and a failed test's files. MIDAS_TEST_TMPFS=0, PYTEST_DEBUG_TEMPROOT or
# --basetemp keep the usual place.
if os.environ.get("MIDAS_TEST_TMPFS", "1") != "0" and _ram_dir_has_room():
    os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", str(RAM_DIR))


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[sa.Engine]:
    """AUTOCOMMIT engine on the test server's maintenance database (creates and drops test databases)."""
    if SKIP_POSTGRES:
        pytest.skip("PostgreSQL tests skipped: MIDAS_TEST_SKIP_POSTGRES=1")
    engine = sa.create_engine(
        POSTGRES_URL,
        isolation_level="AUTOCOMMIT",
        poolclass=sa.NullPool,
        connect_args={"connect_timeout": 5, "options": "-c synchronous_commit=off"},
    )
    shown = make_url(POSTGRES_URL).render_as_string(hide_password=True)
    problem = ""
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        problem = f"{exc.__class__.__name__}: {' '.join(str(getattr(exc, 'orig', exc)).split())}"
    if problem:
        engine.dispose()
        # Outside the except block, so that the report is this one message, not a chained traceback.
        pytest.fail(
            f"PostgreSQL test server {shown} is unreachable ({problem}). Start it, point "
            "MIDAS_TEST_POSTGRES_URL at one, or set MIDAS_TEST_SKIP_POSTGRES=1 to run the SQLite half only.",
            pytrace=False,
        )
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_admin: sa.Engine) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL schema (dropped, its connections ended, after the test)."""
    name = f"midas_t_{uuid.uuid4().hex[:16]}"
    with postgres_admin.connect() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    url = make_url(POSTGRES_URL)
    # libpq's options: every connection of the test works in its schema; its name tells its connections.
    options = f"-c search_path={name} -c synchronous_commit=off"
    try:
        yield url.update_query_dict({"options": options, "application_name": name}).render_as_string(
            hide_password=False
        )
    finally:
        with postgres_admin.connect() as connection:
            connection.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                    "WHERE application_name = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Whole-CLI tests of what a platform holds (import, mirror, a campaign kind, a connector over its wire
    # fake) do the same store work whatever the shape; PostgreSQL's half of it is the subject of the store,
    # CLI, crash-safety, snapshot, adoption and doctor tests, which run on both stores. A parametrize mark,
    # not a call: pytest then leaves out the fixture's own two params.
    definition = metafunc.definition
    if "state_url" not in metafunc.fixturenames or not definition.get_closest_marker("sqlite_store"):
        return
    if not any("state_url" in str(m.args[0]) for m in definition.iter_markers("parametrize")):
        definition.add_marker(pytest.mark.parametrize("state_url", ["sqlite"], indirect=True))


@pytest.fixture(params=["sqlite", "postgres"], ids=["sqlite", "postgres"])
def state_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh state store URL per test: ``<tmp_path>/.midas/state.db``, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/.midas/state.db"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(state_url: str) -> Iterator[StateStore]:
    """The state store at ``state_url``, migrated; closed after the test."""
    opened = StateStore.open(state_url)
    try:
        yield opened
    finally:
        opened.close()
