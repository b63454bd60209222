"""The state store, on SQLite and PostgreSQL: schema, resources, runs, journal, audit chain, cache, locks."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from midas_reconcile.connectors.base import WriteOp, WriteResult
from midas_reconcile.errors import LockHeld, MadeInPart, PermanentError, StateError
from midas_reconcile.resources import Address, Resource
from midas_reconcile.store import StateStore, head_revision
from midas_reconcile.store import engine as engine_module
from midas_reconcile.store.engine import alembic_config, lock_dir, parse_url, pg_key, sqlite_file
from midas_reconcile.store.schema import NAMING_CONVENTION, Base

REPO = Path(__file__).resolve().parents[1]
T0 = dt.datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=dt.UTC)


class FakeClock:
    """A settable clock for the store (timezone-aware UTC)."""

    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def clocked(state_url: str, clock: FakeClock) -> Iterator[StateStore]:
    """A store on ``state_url`` whose clock the test controls."""
    opened = StateStore.open(state_url, clock=clock)
    try:
        yield opened
    finally:
        opened.close()


def addr(text: str) -> Address:
    return Address.parse(text)


BUDGET = addr("campaign_budget/spring@google:acme")
CAMPAIGN = addr("campaign/spring@google:acme")
AD_GROUP = addr("ad_group/spring/main@google:acme")
META_CAMPAIGN = addr("campaign/spring@meta:acme-meta")
META_ADSET = addr("adset/spring/eu@meta:acme-meta")


def resource(address: Address, **overrides: Any) -> Resource:
    fields_by_kind: dict[str, dict[str, Any]] = {
        "campaign_budget": {"name": "spring", "amount_micros": 50_000_000, "delivery_method": "STANDARD"},
        "campaign": {"name": "spring", "status": "ENABLED", "labels": ["midas-managed"]},
        "ad_group": {"name": "main", "status": "ENABLED", "cpc_bid_micros": 1_250_000},
        "adset": {"name": "eu", "status": "ACTIVE", "targeting": {"age_min": 18, "geo_locations": {}}},
    }
    if address.platform == "meta" and address.kind == "campaign":
        fields: dict[str, Any] = {"name": "spring", "objective": "OUTCOME_SALES", "daily_budget": 5000}
    else:
        fields = fields_by_kind[address.kind]
    values: dict[str, Any] = {
        "fields": fields,
        "platform_id": f"id-{address.kind}-{address.path}",
        "spec_digest": "d" * 64,
    }
    values.update(overrides)
    return Resource(address=address, **values)


# -- schema and migrations -------------------------------------------------------------------------


def test_open_migrates_to_head_and_reopening_is_a_noop(state_url: str) -> None:
    first = StateStore.open(state_url)
    second = StateStore.open(state_url)
    try:
        assert first.schema_revision() == second.schema_revision() == head_revision() == "0008"
        engine = sa.create_engine(state_url, poolclass=sa.NullPool)
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_heads() == (head_revision(),)
            assert connection.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        engine.dispose()
    finally:
        first.close()
        second.close()


def test_open_existing_makes_no_store_and_opens_one_that_exists(state_url: str) -> None:
    assert StateStore.open_existing(state_url) is None
    url = parse_url(state_url)
    if url.get_backend_name() == "sqlite":
        file = sqlite_file(url)
        assert file is not None and not file.exists() and not file.parent.exists()
    else:
        engine = sa.create_engine(state_url, poolclass=sa.NullPool)
        assert sa.inspect(engine).get_table_names() == []
        engine.dispose()
    StateStore.open(state_url).close()
    existing = StateStore.open_existing(state_url)
    assert existing is not None
    with existing:
        assert existing.schema_revision() == head_revision()


def test_a_store_of_the_previous_schema_is_upgraded_keeping_its_journal(state_url: str) -> None:
    config = alembic_config()
    database = sa.make_url(state_url).database
    if state_url.startswith("sqlite") and database:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            sa.text(
                "INSERT INTO runs (id, kind, accounts, actor, started_at, status, summary) "
                "VALUES (1, 'apply', '[]', 'old', :t, 'ok', '{}')"
            ),
            {"t": T0},
        )
        connection.execute(
            sa.text(
                "INSERT INTO journal_batches (id, run_id, account, platform, status, created_at) "
                "VALUES (1, 1, 'acme', 'google', 'confirmed', :t)"
            ),
            {"t": T0},
        )
        connection.execute(
            sa.text(
                "INSERT INTO journal_ops (batch_id, seq, address, action, ok) "
                "VALUES (1, 0, 'campaign/spring@google:acme', 'update', true)"
            )
        )
    engine.dispose()
    with StateStore.open(state_url) as upgraded:
        assert upgraded.schema_revision() == head_revision()
        (batch,) = upgraded.batches()
        assert [(op.address, op.action, op.ok) for op in batch.ops] == [(CAMPAIGN, "update", True)]


def test_alembic_current_reports_head(store: StateStore, state_url: str) -> None:
    config = alembic_config()
    config.stdout = io.StringIO()
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.current(config)
    engine.dispose()
    assert config.stdout.getvalue().strip() == f"{head_revision()} (head)"


def _migrated_from_scratch(state_url: str) -> sa.Engine:
    """An engine on the test's empty database, brought to the head revision by replaying every migration."""
    database = sa.make_url(state_url).database
    if state_url.startswith("sqlite") and database:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine


def _schema_of(engine: sa.Engine) -> dict[str, Any]:
    """Every table's columns, keys, indexes and constraints, as reflected from the database."""
    inspector = sa.inspect(engine)
    described: dict[str, Any] = {}
    for table in sorted(inspector.get_table_names()):
        # By name: a column a migration added comes last, where the models may declare it earlier.
        columns = sorted(
            (c["name"], str(c["type"]), c["nullable"], " ".join(str(c.get("default")).split()))
            for c in inspector.get_columns(table)
        )
        foreign_keys = sorted(
            (
                f["name"],
                tuple(f["constrained_columns"]),
                f["referred_table"],
                tuple(f["referred_columns"]),
                tuple(sorted((f.get("options") or {}).items())),
            )
            for f in inspector.get_foreign_keys(table)
        )
        indexes = sorted(
            (i["name"], tuple(i["column_names"]), i["unique"]) for i in inspector.get_indexes(table)
        )
        uniques = sorted(
            (u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints(table)
        )
        checks = sorted(
            (c["name"], " ".join(c["sqltext"].split())) for c in inspector.get_check_constraints(table)
        )
        primary_key = inspector.get_pk_constraint(table)["constrained_columns"]
        described[table] = (columns, primary_key, foreign_keys, indexes, uniques, checks)
    return described


def test_a_new_store_is_made_as_replaying_the_migrations_makes_it(state_url: str) -> None:
    # A new store is created from the models at the head revision; an old one is upgraded by the migrations.
    with StateStore.open(state_url) as made:
        assert made.schema_revision() == head_revision()
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    made_schema = _schema_of(engine)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(sa.text("DROP TABLE alembic_version"))
    engine.dispose()
    migrated = _migrated_from_scratch(state_url)
    try:
        assert set(made_schema) == set(Base.metadata.tables) | {"alembic_version"}
        assert _schema_of(migrated) == made_schema
    finally:
        migrated.dispose()


def test_a_database_holding_one_of_the_store_s_tables_is_not_taken_for_a_new_store(state_url: str) -> None:
    # Created from the models, a store would skip the table that is there and be stamped at the head revision
    # without it; the migrations refuse such a database instead.
    database = sa.make_url(state_url).database
    if state_url.startswith("sqlite") and database:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE runs (note TEXT)"))
        connection.execute(sa.text("CREATE TABLE their_own (note TEXT)"))
    engine.dispose()
    with pytest.raises(StateError, match="migrating the schema"):
        StateStore.open(state_url)


def test_models_and_migrations_agree(state_url: str) -> None:
    engine = _migrated_from_scratch(state_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        # Control: the comparison does see a model the migrations lack.
        drifted = sa.MetaData(naming_convention=NAMING_CONVENTION)
        for table in Base.metadata.sorted_tables:
            table.to_metadata(drifted)
        sa.Table("metrics", drifted, sa.Column("id", sa.Integer, primary_key=True))
        assert [diff[0] for diff in compare_metadata(context, drifted)] == ["add_table"]
    engine.dispose()


def test_concurrent_openers_migrate_once(state_url: str) -> None:
    def open_and_close(_: int) -> str | None:
        with StateStore.open(state_url) as opened:
            return opened.schema_revision()

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_and_close, range(4))) == [head_revision()] * 4


def test_sqlite_store_creates_its_directory(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/deep/er/.midas/state.db"
    with StateStore.open(url) as store:
        assert store.schema_revision() == head_revision()
    assert (tmp_path / "deep/er/.midas/state.db").is_file()


# -- URLs and errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://alice:s3cret@127.0.0.1:1/db", "postgresql+psycopg://alice:***@127.0.0.1:1/db"),
        ("postgresql+psycopg://alice@127.0.0.1:1/db", "postgresql+psycopg://alice@127.0.0.1:1/db"),
    ],
)
def test_unreachable_postgres_is_a_state_error_without_the_password(url: str, shown: str) -> None:
    with pytest.raises(StateError) as caught:
        StateStore.open(url)
    message = str(caught.value)
    assert shown in message
    assert "s3cret" not in message
    assert "failed" in message


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("no url at all", "not a database URL"),
        ("postgresql+psycopg://bob:hunter2@host:notaport/db", "not a database URL"),
        ("mysql://bob:hunter2@127.0.0.1/db", "unsupported state store"),
    ],
)
def test_bad_urls_are_state_errors_without_the_password(url: str, expected: str) -> None:
    with pytest.raises(StateError) as caught:
        StateStore.open(url)
    assert expected in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_url_for_display_masks_the_password(tmp_path: Path) -> None:
    with StateStore.open(f"sqlite:///{tmp_path}/state.db") as store:
        assert store.url_for_display == f"sqlite:///{tmp_path}/state.db"
    parsed = parse_url("postgresql+psycopg://u:pw@h/d")
    assert parsed.render_as_string(hide_password=True) == "postgresql+psycopg://u:***@h/d"


def test_database_failures_surface_as_state_errors(store: StateStore) -> None:
    with pytest.raises(StateError, match="journaling a write batch failed"):
        store.journal_batch(999, "acme", "google", [WriteOp("create", CAMPAIGN)])
    with pytest.raises(StateError, match="no run 42"):
        store.finish_run(42, "ok", {})


# -- managed resources -----------------------------------------------------------------------------


def test_recorded_round_trips_what_was_applied(store: StateStore) -> None:
    applied = [
        resource(AD_GROUP),
        resource(CAMPAIGN, refs={"campaign_budget": BUDGET}, on_remove="delete"),
        resource(META_ADSET, refs={"campaign": META_CAMPAIGN}, spec_digest="e" * 64),
        resource(BUDGET, platform_id=None),
        resource(META_CAMPAIGN),
    ]
    store.record_many(applied)
    recorded = store.recorded()
    # Deterministic order: account, platform, dependency depth, path.
    assert list(recorded) == [BUDGET, CAMPAIGN, AD_GROUP, META_CAMPAIGN, META_ADSET]
    for original in applied:
        got = recorded[original.address]
        assert got.to_dict() == {**original.to_dict(), "managed": True}


@pytest.mark.parametrize(
    ("accounts", "expected"),
    [
        (None, [BUDGET, CAMPAIGN, META_CAMPAIGN]),
        (["acme"], [BUDGET, CAMPAIGN]),
        (("acme-meta", "acme-meta"), [META_CAMPAIGN]),
        (["nobody"], []),
        ([], []),
    ],
)
def test_recorded_filters_by_account(store: StateStore, accounts: Any, expected: list[Address]) -> None:
    store.record_many([resource(META_CAMPAIGN), resource(CAMPAIGN), resource(BUDGET)])
    assert list(store.recorded(accounts)) == expected


def test_record_many_upserts_and_the_last_duplicate_wins(store: StateStore) -> None:
    store.record_many([resource(CAMPAIGN, platform_id="1")])
    store.record_many(
        [
            resource(CAMPAIGN, platform_id="2", fields={"name": "spring", "status": "PAUSED"}),
            resource(CAMPAIGN, platform_id="3", fields={"name": "spring", "status": "ENABLED"}),
        ]
    )
    got = store.recorded()[CAMPAIGN]
    assert (got.platform_id, got.fields["status"]) == ("3", "ENABLED")
    assert len(store.recorded()) == 1


def test_record_fields_sets_some_fields_over_the_last_record_and_skips_an_address_without_one(
    store: StateStore,
) -> None:
    store.record_many([resource(CAMPAIGN, platform_id="1", fields={"name": "spring", "status": "PAUSED"})])
    store.record_fields(CAMPAIGN, {"status": "ENABLED", "name": None})
    store.record_fields(BUDGET, {"name": "nothing recorded"})
    got = store.recorded()
    assert got[CAMPAIGN].fields == {"status": "ENABLED"}
    assert got[CAMPAIGN].platform_id == "1" and BUDGET not in got


def test_forget_many_drops_only_the_named_resources(store: StateStore) -> None:
    store.record_many([resource(BUDGET), resource(CAMPAIGN), resource(AD_GROUP)])
    store.forget_many([CAMPAIGN, addr("campaign/never-recorded@google:acme")])
    store.forget_many([])
    assert list(store.recorded()) == [BUDGET, AD_GROUP]


def test_forget_under_drops_what_lies_under_a_container_but_the_kept_kinds(store: StateStore) -> None:
    """What a deleted ad set held goes with it, but for what outlives it (Meta's ad creatives), and nothing
    of another ad set whose path merely starts alike or differs in case, nor of another account."""
    under = [addr("ad/spring/Walkers/hero@meta:acme"), addr("adset/spring/Walkers/deeper/x@meta:acme")]
    kept = addr("adcreative/spring/Walkers/hero@meta:acme")
    others = [
        addr("adset/spring/Walkers@meta:acme"),  # the container itself: forget_many's
        addr("ad/spring/walkers/hero@meta:acme"),
        addr("ad/spring/Walkers-2/hero@meta:acme"),
        addr("ad/spring/Walkers%2F/hero@meta:acme"),
        addr("ad/spring/Walkers/hero@meta:other"),
        addr("ad_group_ad/spring/Walkers/hero@google:acme"),
    ]
    store.record_many(
        [Resource(a, {"name": a.path}, platform_id=str(i)) for i, a in enumerate([*under, kept, *others])]
    )
    store.forget_under([addr("adset/spring/Walkers@meta:acme")], frozenset({"adcreative"}))
    assert set(store.recorded()) == {kept, *others}


def test_move_many_moves_records_in_place_of_any_at_their_new_address(store: StateStore) -> None:
    """A renamed Google ad's record moves whole; a stale record at the new address gives way."""
    old, new = (
        addr("ad_group_ad/spring/main/hero@google:acme"),
        addr("ad_group_ad/spring/main/champ@google:acme"),
    )
    applied = replace(resource(AD_GROUP, platform_id="9", fields={"status": "ENABLED"}), address=old)
    stale = replace(applied, address=new, platform_id="5")
    store.record_many([applied, stale, resource(CAMPAIGN)])
    store.move_many(
        [(old, new), (addr("ad_group_ad/spring/main/never@google:acme"), addr("campaign/x@google:acme"))]
    )
    store.move_many([])
    recorded = store.recorded()
    assert list(recorded) == [CAMPAIGN, new]
    assert recorded[new].to_dict() == {**applied.to_dict(), "address": str(new), "managed": True}
    assert store.recorded_paths("acme", "google", "ad_group_ad") == {"9": "spring/main/champ"}


def test_a_record_moved_already_is_not_moved_again_nor_the_one_there_dropped(store: StateStore) -> None:
    """A saved plan applied after another apply moved its records: the second move finds nothing at the old
    address and leaves the moved record alone."""
    old, new = (
        addr("ad_group_ad/spring/main/hero@google:acme"),
        addr("ad_group_ad/spring/main/champ@google:acme"),
    )
    store.record_many(
        [replace(resource(AD_GROUP, platform_id="9", fields={"status": "ENABLED"}), address=old)]
    )
    store.move_many([(old, new)])
    store.move_many([(old, new)])
    assert list(store.recorded()) == [new]
    assert store.recorded_paths("acme", "google", "ad_group_ad") == {"9": "spring/main/champ"}


def test_a_moved_meta_ads_ref_to_its_creative_moves_with_it(store: StateStore) -> None:
    ad_set = addr("adset/spring/runners@meta:acme")
    old_ad, new_ad = addr("ad/spring/runners/hero@meta:acme"), addr("ad/spring/runners/champ@meta:acme")
    old_creative, new_creative = (
        addr("adcreative/spring/runners/hero@meta:acme"),
        addr("adcreative/spring/runners/champ@meta:acme"),
    )
    creative = Resource(old_creative, {"title": "Run"}, {}, "c9")
    ad = Resource(old_ad, {"name": "hero"}, {"adset": ad_set, "creative": old_creative}, "9")
    store.record_many([creative, ad])
    store.move_many([(old_creative, new_creative), (old_ad, new_ad)])
    recorded = store.recorded()
    assert set(recorded) == {new_creative, new_ad}
    assert recorded[new_ad].refs == {"adset": ad_set, "creative": new_creative}


def test_bulk_paths_take_a_few_statements_however_many_resources(tmp_path: Path) -> None:
    # Statements, not seconds: per-row transactions or N+1 queries would show as thousands of them.
    count = 6_000  # more than one 5,000-row chunk of the recorded state
    campaigns = [
        Resource(
            address=Address("google", "big", "campaign", f"c{i:06d}"),
            fields={"name": f"c{i:06d}", "status": "ENABLED", "labels": ["midas-managed"]},
            refs={"campaign_budget": Address("google", "big", "campaign_budget", f"c{i:06d}")},
            platform_id=str(i),
        )
        for i in range(count)
    ]
    statements: list[str] = []
    with StateStore.open(f"sqlite:///{tmp_path}/state.db") as store:

        @sa.event.listens_for(store._engine, "before_cursor_execute")
        def count_statement(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements.append(statement)

        store.record_many(campaigns)
        recorded = store.recorded(["big"])
    assert len(recorded) == count
    assert recorded[campaigns[-1].address].to_dict() == {**campaigns[-1].to_dict(), "managed": True}
    assert len(statements) < 20, statements[:20]


# -- runs ------------------------------------------------------------------------------------------


def test_runs_record_who_when_and_how_they_ended(clocked: StateStore, clock: FakeClock) -> None:
    first = clocked.start_run("plan", ["b", "a", "a"], "alice")
    clock.advance(5)
    clocked.finish_run(first, "ok", {"changes": 3, "budget": Decimal("12.50"), "day": dt.date(2025, 3, 1)})
    second = clocked.start_run("apply", ["a"], "bob")
    runs = clocked.runs()
    assert [r.id for r in runs] == [second, first]
    newest, oldest = runs
    assert (newest.kind, newest.status, newest.finished_at, newest.summary) == ("apply", "running", None, {})
    assert oldest.accounts == ["a", "b"]
    assert oldest.actor == "alice"
    assert oldest.started_at == T0
    assert oldest.finished_at == T0 + dt.timedelta(seconds=5)
    assert oldest.started_at.tzinfo is dt.UTC
    assert oldest.summary == {"changes": 3, "budget": "12.50", "day": "2025-03-01"}
    assert [r.id for r in clocked.runs(limit=1)] == [second]


def test_naive_clock_is_refused(state_url: str) -> None:
    with (
        StateStore.open(state_url, clock=lambda: dt.datetime(2025, 1, 1)) as store,
        pytest.raises(StateError, match="naive"),
    ):
        store.start_run("plan", ["a"], "me")


# -- journal ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JournalCase:
    name: str
    sent: bool
    results: list[WriteResult]
    status: str
    ops: list[tuple[bool, str | None, str | None]]  # (ok, platform_id, error) per op


JOURNAL_CASES = [
    JournalCase(
        "all ok",
        True,
        [WriteResult(BUDGET, True, "b1"), WriteResult(CAMPAIGN, True, "c1")],
        "confirmed",
        [(True, "b1", None), (True, "c1", None)],
    ),
    JournalCase(
        "one failed",
        True,
        [
            WriteResult(BUDGET, True, "b1"),
            WriteResult(
                CAMPAIGN, False, error=PermanentError("name taken", platform="google", code="DUPLICATE")
            ),
        ],
        "failed",
        [(True, "b1", None), (False, None, "google [DUPLICATE] name taken")],
    ),
    JournalCase(
        "results out of order, done without sent",
        False,
        [WriteResult(CAMPAIGN, True, "c1"), WriteResult(BUDGET, True, "b1")],
        "confirmed",
        [(True, "b1", None), (True, "c1", None)],
    ),
    JournalCase(
        "missing result",
        True,
        [WriteResult(BUDGET, True, "b1")],
        "failed",
        [(True, "b1", None), (False, None, "no result was reported for this operation")],
    ),
]


@pytest.mark.parametrize("case", JOURNAL_CASES, ids=[c.name for c in JOURNAL_CASES])
def test_journal_batch_lifecycle(store: StateStore, case: JournalCase) -> None:
    run = store.start_run("apply", ["acme"], "ci")
    batch = store.journal_batch(
        run, "acme", "google", [WriteOp("create", BUDGET), WriteOp("create", CAMPAIGN)]
    )
    assert [b.status for b in store.batches(run)] == ["pending"]
    if case.sent:
        store.journal_sent(batch)
        assert [b.status for b in store.batches(run)] == ["sent"]
    store.journal_done(batch, case.results)
    (record,) = store.batches(run)
    assert record.status == case.status
    assert [(op.ok, op.platform_id, op.error) for op in record.ops] == case.ops
    assert [op.address for op in record.ops] == [BUDGET, CAMPAIGN]
    assert store.claimed_addresses() == set()


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (["sent", "sent"], "is sent; only a pending batch can be sent"),
        (["done", "done"], "is already confirmed"),
        (["done", "sent"], "is confirmed; only a pending batch can be sent"),
    ],
)
def test_journal_refuses_impossible_transitions(store: StateStore, steps: list[str], message: str) -> None:
    run = store.start_run("apply", ["acme"], "ci")
    batch = store.journal_batch(run, "acme", "google", [WriteOp("create", CAMPAIGN)])

    def step(name: str) -> None:
        if name == "sent":
            store.journal_sent(batch)
        else:
            store.journal_done(batch, [WriteResult(CAMPAIGN, True, "1")])

    for name in steps[:-1]:
        step(name)
    with pytest.raises(StateError, match=message):
        step(steps[-1])


def test_journal_rejects_foreign_operations_and_results(store: StateStore) -> None:
    run = store.start_run("apply", ["acme"], "ci")
    with pytest.raises(ValueError, match="other accounts"):
        store.journal_batch(run, "acme", "meta", [WriteOp("create", META_CAMPAIGN)])
    batch = store.journal_batch(run, "acme", "google", [WriteOp("create", CAMPAIGN)])
    with pytest.raises(ValueError, match="not in journal batch"):
        store.journal_done(batch, [WriteResult(BUDGET, True, "1")])
    with pytest.raises(StateError, match="no journal batch 12345"):
        store.journal_sent(12345)


def test_recent_updates_count_what_may_have_reached_the_platform(
    clocked: StateStore, clock: FakeClock
) -> None:
    store = clocked
    adset = Address("meta", "acme-meta", "adset", "spring/core")
    other = Address("meta", "acme-meta", "adset", "spring/broad")
    budget = frozenset({"daily_budget", "lifetime_budget"})
    run = store.start_run("apply", ["acme-meta"], "ci")

    def send(*ops: WriteOp, ok: bool | None) -> None:
        batch = store.journal_batch(run, "acme-meta", "meta", list(ops))
        store.journal_sent(batch)
        if ok is not None:
            store.journal_done(batch, [WriteResult(op.address, ok, op.platform_id) for op in ops])
        clock.advance(600)

    sent_at = [clock.now + dt.timedelta(seconds=600 * i) for i in range(5)]
    send(WriteOp("update", adset, {"daily_budget": 5000}, platform_id="1"), ok=True)  # counted
    send(WriteOp("update", adset, {"daily_budget": 6000, "name": "x"}, platform_id="1"), ok=None)  # unknown
    send(WriteOp("update", adset, {"daily_budget": 7000}, platform_id="1"), ok=False)  # refused: not counted
    send(WriteOp("update", adset, {"status": "PAUSED"}, platform_id="1"), ok=True)  # not a budget field
    send(WriteOp("update", other, {"lifetime_budget": 90000}, platform_id="2"), ok=True)

    assert store.recent_updates("acme-meta", dt.timedelta(hours=1), budget) == {
        adset: [sent_at[0], sent_at[1]],
        other: [sent_at[4]],
    }
    assert store.recent_updates("acme-meta", dt.timedelta(minutes=15), budget) == {other: [sent_at[4]]}
    assert store.recent_updates("acme", dt.timedelta(hours=1), budget) == {}
    (record,) = [b for b in store.batches(run)][:1]
    assert record.ops[0].address == adset


def test_recent_updates_follow_an_object_renamed_since(clocked: StateStore, clock: FakeClock) -> None:
    """Meta counts budget changes per object: after a rename its earlier ones count at its new address,
    while the journal keeps the address each was sent under."""
    store = clocked
    old, new = (
        Address("meta", "acme-meta", "campaign", "spring"),
        Address("meta", "acme-meta", "campaign", "summer"),
    )
    gone = Address("meta", "acme-meta", "adset", "spring/old")
    budget = frozenset({"daily_budget"})
    store.record_many([Resource(old, {"daily_budget": 5100}, {}, "7")])
    run = store.start_run("apply", ["acme-meta"], "ci")
    ops = [
        WriteOp("update", old, {"daily_budget": 5100}, platform_id="7"),
        WriteOp("update", gone, {"daily_budget": 1}, platform_id="8"),
    ]
    batch = store.journal_batch(run, "acme-meta", "meta", ops)
    store.journal_sent(batch)
    store.journal_done(batch, [WriteResult(op.address, True, op.platform_id) for op in ops])
    store.move_many([(old, new)])
    assert store.recent_updates("acme-meta", dt.timedelta(hours=1), budget) == {
        new: [clock.now],
        gone: [clock.now],
    }
    assert [op.address for op in store.batches(run)[0].ops] == [old, gone]


def test_unfinished_creates_are_claimed_until_settled(store: StateStore) -> None:
    run = store.start_run("apply", ["acme", "acme-meta"], "ci")
    pending = store.journal_batch(
        run, "acme", "google", [WriteOp("create", BUDGET), WriteOp("update", AD_GROUP, platform_id="9")]
    )
    sent = store.journal_batch(run, "acme", "google", [WriteOp("create", CAMPAIGN)])
    store.journal_sent(sent)
    done = store.journal_batch(run, "acme", "google", [WriteOp("create", AD_GROUP)])
    store.journal_done(done, [WriteResult(AD_GROUP, True, "7")])
    meta = store.journal_batch(run, "acme-meta", "meta", [WriteOp("create", META_CAMPAIGN)])

    assert store.claimed_addresses() == {BUDGET, CAMPAIGN, META_CAMPAIGN}
    assert store.claimed_addresses(["acme"]) == {BUDGET, CAMPAIGN}
    assert store.claimed_addresses([]) == set()

    store.settle_claims(["acme"])
    assert store.claimed_addresses() == {META_CAMPAIGN}
    statuses = {b.id: b.status for b in store.batches()}
    assert statuses == {pending: "abandoned", sent: "abandoned", done: "confirmed", meta: "pending"}


def test_a_failed_create_that_made_its_object_is_read_by_the_id_of_its_last_create(store: StateStore) -> None:
    """A create that failed yet reported an id (the object made, a later part refused) is read with that
    id, unless a later create of the address went through; a failed create without an id is not."""
    run = store.start_run("apply", ["acme", "acme-meta"], "ci")
    error = PermanentError("label link refused", platform="google", code="x")
    first = store.journal_batch(
        run, "acme", "google", [WriteOp("create", CAMPAIGN), WriteOp("create", BUDGET)]
    )
    store.journal_done(
        first, [WriteResult(CAMPAIGN, False, "5", error), WriteResult(BUDGET, False, None, error)]
    )
    store.journal_done(
        store.journal_batch(run, "acme", "google", [WriteOp("create", AD_GROUP)]),
        [WriteResult(AD_GROUP, False, "7", error)],
    )
    store.journal_done(
        store.journal_batch(run, "acme", "google", [WriteOp("create", AD_GROUP)]),
        [WriteResult(AD_GROUP, True, "8")],
    )
    assert store.made_though_failed(["acme"]) == {CAMPAIGN: "5"}
    assert store.made_though_failed(["acme-meta"]) == {}


def test_what_a_failed_create_made_is_midas_s_until_a_later_op_of_its_address_goes_through(
    store: StateStore,
) -> None:
    """The claim ends once an op of the address went through (the next apply's update restoring its marker):
    from then on its marker says whose it is, and a user removing it releases the object."""
    run = store.start_run("apply", ["acme"], "ci")
    error = PermanentError("label link refused", platform="google", code="x")
    first = store.journal_batch(run, "acme", "google", [WriteOp("create", CAMPAIGN)])
    store.journal_done(first, [WriteResult(CAMPAIGN, False, "5", error)])
    refused = store.journal_batch(run, "acme", "google", [WriteOp("update", CAMPAIGN, platform_id="5")])
    store.journal_done(refused, [WriteResult(CAMPAIGN, False, None, error)])
    assert store.made_though_failed(["acme"]) == {CAMPAIGN: "5"}
    fix = store.journal_batch(run, "acme", "google", [WriteOp("update", CAMPAIGN, platform_id="5")])
    store.journal_done(fix, [WriteResult(CAMPAIGN, True, "5")])
    store.settle_claims(["acme"])
    assert store.made_though_failed(["acme"]) == {}


@pytest.mark.parametrize(
    ("parts", "claimed"),
    [(["page_feed"], False), (["labels", "page_feed"], True), (["operations[2].create.asset"], False)],
)
def test_a_failed_create_is_claimed_only_when_its_marker_was_not_linked(
    store: StateStore, parts: list[str], claimed: bool
) -> None:
    """A create whose page feed alone (or a brand asset's link) was refused linked its marker: the marker
    says whose it is, so the journal does not claim it; one whose marker link was refused, it does."""
    run = store.start_run("apply", ["acme"], "ci")
    error = MadeInPart("made in part", parts=parts, platform="google", code="x")
    batch = store.journal_batch(run, "acme", "google", [WriteOp("create", CAMPAIGN)])
    store.journal_done(batch, [WriteResult(CAMPAIGN, False, "5", error)])
    assert store.made_though_failed(["acme"]) == ({CAMPAIGN: "5"} if claimed else {})


def test_deletes_not_known_to_have_gone_through_are_read_with_the_ids_they_were_sent_for(
    store: StateStore,
) -> None:
    """A refused delete keeps the id it was sent for (the platform reports none), and a delete whose batch
    an apply died in counts too: what a replacement may have left live. A delete done, or another op, not."""
    creative = Address("meta", "acme-meta", "adcreative", "spring/core/ad")
    other = Address("meta", "acme-meta", "adcreative", "spring/core/other")
    run = store.start_run("apply", ["acme", "acme-meta"], "ci")
    refused = store.journal_batch(
        run,
        "acme-meta",
        "meta",
        [WriteOp("delete", creative, platform_id="102"), WriteOp("delete", other, platform_id="103")],
    )
    error = PermanentError("in use", platform="meta", code="100")
    store.journal_done(refused, [WriteResult(creative, False, error=error), WriteResult(other, True, "103")])
    store.journal_batch(run, "acme-meta", "meta", [WriteOp("delete", other, platform_id="104")])  # died in
    store.journal_done(
        store.journal_batch(run, "acme", "google", [WriteOp("update", AD_GROUP, platform_id="9")]),
        [WriteResult(AD_GROUP, False, error=error)],
    )

    (record, *_) = store.batches(run)
    assert [(op.ok, op.platform_id) for op in record.ops] == [(False, "102"), (True, "103")]
    assert store.deletes_not_done() == {creative: {"102"}, other: {"104"}}
    assert store.deletes_not_done(["acme"]) == {}


# -- audit log -------------------------------------------------------------------------------------


PAYLOADS: list[dict[str, Any]] = [
    {"plan": "abc", "changes": 3},
    {"amount": Decimal("12.345"), "day": dt.date(2025, 3, 1), "nested": {"b": [1, 2.5], "a": None}},
    {"floats": [0.1, 1e20, -0.0, 123456789.123456789], "unicode": "Zürich ✓"},
    {},
]


def test_audit_chain_verifies_when_untouched(clocked: StateStore, clock: FakeClock) -> None:
    assert clocked.verify_audit() == []
    for i, payload in enumerate(PAYLOADS):
        clocked.audit(f"action-{i}", "alice@ci pid 1", payload)
        clock.advance(0.000001)
    assert clocked.verify_audit() == []


def test_concurrent_appenders_keep_one_chain(store: StateStore, state_url: str) -> None:
    def append(worker: int) -> None:
        for i in range(10):
            store.audit("apply", f"worker-{worker}", {"i": i})

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(append, range(4)))
    assert store.verify_audit() == []
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM audit_log")).scalar_one() == 40
    engine.dispose()


TAMPERING = [
    ("payload edited", 'UPDATE audit_log SET payload = \'{"changes": 4, "plan": "abc"}\' WHERE id = 2', [2]),
    ("actor edited", "UPDATE audit_log SET actor = 'mallory' WHERE id = 3", [3]),
    ("row deleted", "DELETE FROM audit_log WHERE id = 2", [3]),
    (
        "hash rewritten",
        "UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE id = 1) WHERE id = 3",
        [3, 4],
    ),
]


@pytest.mark.parametrize(("sql", "broken"), [t[1:] for t in TAMPERING], ids=[t[0] for t in TAMPERING])
def test_audit_tampering_is_detected_at_the_first_broken_row(
    store: StateStore, state_url: str, sql: str, broken: list[int]
) -> None:
    for i in range(4):
        store.audit("apply", "alice", {"plan": "abc", "changes": 3} if i == 1 else {"n": i})
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text(sql))
    engine.dispose()
    problems = store.verify_audit()
    assert problems, "tampering went unnoticed"
    assert problems[0].startswith(f"audit row {broken[0]}:")
    assert sorted({int(p.split()[2].rstrip(":")) for p in problems}) == broken


# -- resolution cache ------------------------------------------------------------------------------


def test_resolution_cache_is_case_insensitive_and_scoped(clocked: StateStore, clock: FakeClock) -> None:
    clocked.cache_ids("google", "acme", "location", {"Germany": "2276", "FRANCE": "2250"})
    clocked.cache_ids("google", "other", "location", {"Germany": "9999"})
    clocked.cache_ids("meta", "acme", "location", {"Germany": "DE"})
    assert clocked.cached_ids("google", "acme", "location", ["germany", "France", "Spain"]) == {
        "France": "2250",
        "germany": "2276",
    }
    assert clocked.cached_ids("google", "acme", "interest", ["Germany"]) == {}
    assert clocked.cached_ids("google", "acme", "location", []) == {}
    clock.advance(3600)
    clocked.cache_ids("google", "acme", "location", {"germany": "2277"})
    assert clocked.cached_ids("google", "acme", "location", ["GERMANY"]) == {"GERMANY": "2277"}
    fresh = clocked.cached_ids(
        "google", "acme", "location", ["germany", "france"], max_age=dt.timedelta(minutes=5)
    )
    assert fresh == {"germany": "2277"}


# -- locks -----------------------------------------------------------------------------------------


HOLDER_SCRIPT = """
import sys
from midas_reconcile.store import StateStore
store = StateStore.open(sys.argv[1])
with store.lock(sys.argv[2], sys.argv[3]):
    print("locked", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def holder_process(state_url: str, store: StateStore) -> Iterator[Any]:
    """Start a separate process that takes an account's lock and keeps it until killed."""
    started: list[subprocess.Popen[str]] = []

    def start(account: str, owner: str) -> subprocess.Popen[str]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER_SCRIPT, state_url, account, owner],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        started.append(process)
        assert process.stdout is not None
        line = process.stdout.readline()
        if line.strip() != "locked":
            process.kill()
            raise AssertionError(f"lock holder failed to start: {line!r} {process.communicate()[1]}")
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


def wait_until_unlocked(store: StateStore, account: str) -> None:
    """Wait (bounded) until the account's lock is free.

    A killed client's PostgreSQL session ends asynchronously, a moment after the process is reaped.
    """
    deadline = time.monotonic() + 15
    while store.lock_holder(account) is not None:
        assert time.monotonic() < deadline, "the dead holder's lock was never released"
        time.sleep(0.02)


def test_second_writer_is_refused_at_once_with_holder_and_age(
    clocked: StateStore, state_url: str, clock: FakeClock
) -> None:
    other = StateStore.open(state_url, clock=clock)
    try:
        assert clocked.lock_holder("acme") is None
        with clocked.lock("acme", "alice@laptop pid 1"):
            clock.advance(90)
            info = other.lock_holder("acme")
            assert info is not None
            assert (info.account, info.holder, info.acquired_at, info.age_seconds) == (
                "acme",
                "alice@laptop pid 1",
                T0,
                90.0,
            )
            for contender in (other, clocked):
                with pytest.raises(LockHeld) as caught, contender.lock("acme", "bob"):
                    pass
                assert (caught.value.account, caught.value.holder, caught.value.age_seconds) == (
                    "acme",
                    "alice@laptop pid 1",
                    90.0,
                )
            assert "alice@laptop pid 1" in str(caught.value) and "90s" in str(caught.value)
            with other.lock("acme-meta", "bob"):  # other accounts are independent
                pass
        assert other.lock_holder("acme") is None
        with other.lock("acme", "bob"):  # released: free for the next writer
            assert clocked.lock_holder("acme") == other.lock_holder("acme")
    finally:
        other.close()


@pytest.mark.parametrize("account", ["acme", "agency/client 1", "..", "Ünïcode ✓"])
def test_any_account_name_can_be_locked(store: StateStore, account: str) -> None:
    with store.lock(account, "me"):
        info = store.lock_holder(account)
        assert info is not None and info.holder == "me"
    assert store.lock_holder(account) is None


def test_lock_of_a_killed_holder_is_taken_over(store: StateStore, holder_process: Any) -> None:
    process = holder_process("acme", "ci-runner pid 4242")
    with pytest.raises(LockHeld, match="ci-runner pid 4242"), store.lock("acme", "me"):
        pass
    process.send_signal(signal.SIGKILL)
    process.wait()
    wait_until_unlocked(store, "acme")
    with store.lock("acme", "me"):
        info = store.lock_holder("acme")
        assert info is not None and info.holder == "me"


def test_break_lock_frees_a_stuck_holder(store: StateStore, holder_process: Any) -> None:
    assert store.break_lock("acme") is False
    holder_process("acme", "stuck pid 7")
    info = store.lock_holder("acme")
    assert info is not None and info.holder == "stuck pid 7"
    assert store.break_lock("acme") is True
    with store.lock("acme", "me"):
        info = store.lock_holder("acme")
        assert info is not None and info.holder == "me"
    assert store.lock_holder("acme") is None


def test_sqlite_lock_files_live_next_to_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/.midas/state.db"
    with StateStore.open(url) as store, store.lock("acme", "me"):
        assert (tmp_path / ".midas/locks/acme.lock").is_file()
    assert not (tmp_path / ".midas/locks/acme.lock").exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_in_memory_sqlite_works_and_locks_under_a_temp_dir(url: str) -> None:
    assert lock_dir(parse_url(url)).name.startswith("midas-locks-")
    with StateStore.open(url) as store:
        store.record_many([resource(CAMPAIGN)])
        assert list(store.recorded()) == [CAMPAIGN]
        with store.lock("acme", "me"), pytest.raises(LockHeld), store.lock("acme", "you"):
            pass


def test_advisory_lock_keys_are_scoped_by_database_and_schema() -> None:
    keys = {
        pg_key("midas-account-lock", identity, "acme") for identity in ("db1/public", "db2/public", "db1/s")
    }
    assert len(keys) == 3
    assert pg_key("midas-account-lock", "db1/public", "acme") == pg_key(
        "midas-account-lock", "db1/public", "acme"
    )
    assert all(-(2**63) <= key < 2**63 for key in keys)


class _SwitchingJournal:
    """A sqlite3 cursor of a file another process is switching to WAL: "locked" ``busy`` times, then done."""

    def __init__(self, busy: int, mode: str = "delete") -> None:
        self.busy, self.mode, self.asked = busy, mode, 0

    def execute(self, sql: str) -> None:
        if sql == "PRAGMA journal_mode=WAL":
            self.asked += 1
            if self.asked <= self.busy:
                raise sqlite3.OperationalError("database is locked")
            self.mode = "wal"

    def fetchone(self) -> tuple[str]:
        return (self.mode,)


def test_a_new_sqlite_store_opened_by_two_processes_at_once_waits_for_its_wal_journal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SQLite answers "locked" at once, without the busy timeout, to a connection asking for WAL while
    another switches the file: the switch is asked again (seen as a flaky "database is locked" when two
    managers open a new store together)."""
    pauses: list[float] = []
    monkeypatch.setattr(engine_module, "_pause", pauses.append)
    switching = _SwitchingJournal(busy=3)
    engine_module._use_wal(switching)
    assert (switching.mode, switching.asked, len(pauses)) == ("wal", 4, 3)
    already = _SwitchingJournal(busy=10, mode="wal")
    engine_module._use_wal(already)
    assert already.asked == 0  # a file in WAL mode stays so: nothing to switch, no lock to wait for
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_S", 0.0)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        engine_module._use_wal(_SwitchingJournal(busy=1))
