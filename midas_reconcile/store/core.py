"""``StateStore``: what MIDAS last applied, its runs, write journal, audit chain, id cache and locks."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.engine import URL

from midas_reconcile.connectors.base import DailyMetrics, WriteOp, WriteResult
from midas_reconcile.errors import StateError
from midas_reconcile.gcpause import gc_paused
from midas_reconcile.resources import (
    AUDIENCE_KIND,
    KIND_ORDER,
    Address,
    Resource,
    SharedParts,
    canonical_json,
)
from midas_reconcile.store import alerts as alert_store
from midas_reconcile.store import audience_members as member_store
from midas_reconcile.store import audiences as audience_store
from midas_reconcile.store import audit as audit_chain
from midas_reconcile.store import bulk, journal
from midas_reconcile.store import metrics as metrics_store
from midas_reconcile.store import snapshots as snapshot_store
from midas_reconcile.store.engine import (
    create_engine,
    create_lock_engine,
    current_revision,
    display_url,
    is_postgres,
    is_sqlite,
    lock_dir,
    parse_url,
    pg_identity,
    pg_key,
    sqlite_file,
    translated,
    upgrade_to_head,
)
from midas_reconcile.store.journal import JournalBatchRecord
from midas_reconcile.store.locks import AdvisoryLocker, FileLocker, Locker, LockInfo
from midas_reconcile.store.schema import managed_resources, resolution_cache, runs

Clock = Callable[[], dt.datetime]

#: Dependency depth of each (platform, kind), as in ``Address.depth``.
_DEPTH: Final = {
    **{(platform, kind): i for platform, kinds in KIND_ORDER.items() for i, kind in enumerate(kinds)},
    **{(platform, kind): -1 for platform, kind in AUDIENCE_KIND.items()},
}
#: Rows per IN (…) list: well under SQLite's bound-parameter limit.
_IN_CHUNK: Final = 500
#: Recorded resources decoded per step while loading (bounds the rows and JSON held at once).
_LOAD_CHUNK: Final = 5000


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _json_ready(value: Mapping[str, Any]) -> Any:
    """JSON types only (Decimal, dates … become strings), as the value will read back."""
    return json.loads(canonical_json(dict(value)))


def _path_of(resource: Resource) -> str:
    return resource.address.path


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]


#: How many of the latest metrics syncs ``metrics_synced_at`` looks through for an account's.
_RECENT_SYNC_RUNS: Final = 200


def _recorded_select(with_fields: bool) -> sa.Select[Any]:
    """The columns ``_load_recorded`` reads, in its order (without ``with_fields``: NULL for the fields)."""
    t = managed_resources
    return sa.select(
        t.c.platform,
        t.c.account,
        t.c.kind,
        t.c.path,
        t.c.platform_id,
        bulk.json_text(t.c.fields) if with_fields else sa.null(),
        bulk.json_text(t.c.refs),
        t.c.spec_digest,
        t.c.on_remove,
    )


@dataclass(frozen=True)
class RunRecord:
    """One recorded run. ``status`` is ``running`` until ``finish_run``; ``summary`` is what it reported."""

    id: int
    kind: str
    accounts: list[str]
    actor: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    summary: dict[str, Any]


class StateStore:
    """The state store over SQLite or PostgreSQL.

    Open it with ``StateStore.open(url)``; every database failure surfaces as ``errors.StateError``
    naming the URL with its password masked. Timestamps are timezone-aware UTC from the injected
    ``clock``. Returned collections are deterministically ordered.
    """

    def __init__(self, url: URL, engine: sa.Engine, locker: Locker, clock: Clock, identity: str) -> None:
        """Use ``StateStore.open``; this only wires already-prepared parts together."""
        self._url = url
        self._engine = engine
        self._locker = locker
        self._clock = clock
        self._identity = identity

    # -- lifecycle ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, *, clock: Clock | None = None) -> StateStore:
        """Connect, create the SQLite directory if needed, and migrate the schema to the head revision.

        ``clock`` returns the current time (timezone-aware); tests inject one. Raises StateError.
        """
        parsed = parse_url(url)
        engine = create_engine(parsed)
        now = clock or _utcnow
        try:
            upgrade_to_head(engine, parsed)
            locker: Locker
            if is_postgres(parsed):
                with translated("connecting", parsed), engine.connect() as connection:
                    identity = pg_identity(connection)
                locker = AdvisoryLocker(engine, create_lock_engine(parsed), identity, now)
            else:
                identity = str(lock_dir(parsed))
                locker = FileLocker(lock_dir(parsed), now, temporary=sqlite_file(parsed) is None)
        except BaseException:
            engine.dispose()
            raise
        return cls(parsed, engine, locker, now, identity)

    @classmethod
    def open_existing(cls, url: str, *, clock: Clock | None = None) -> StateStore | None:
        """The store at ``url`` opened as ``open`` does, or None when none was made there yet.

        For commands that only read: a SQLite file that does not exist, or a PostgreSQL database no
        migration ever ran on, is left as it is (no file, no tables). Raises StateError.
        """
        parsed = parse_url(url)
        if is_sqlite(parsed):
            file = sqlite_file(parsed)
            if file is not None and not file.is_file():
                return None
        elif is_postgres(parsed):
            engine = create_engine(parsed)
            try:
                with translated("reading the schema revision", parsed), engine.connect() as connection:
                    if current_revision(connection) is None:
                        return None
            finally:
                engine.dispose()
        return cls.open(url, clock=clock)

    def close(self) -> None:
        """Release the connections (held locks are released by their own context managers)."""
        self._locker.close()
        self._engine.dispose()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def url_for_display(self) -> str:
        """The store's URL with any password masked."""
        return display_url(self._url)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._url.get_backend_name()

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at."""
        with self._read("reading the schema revision") as connection:
            return current_revision(connection)

    def now(self) -> dt.datetime:
        """The store's clock (UTC): what runs, the journal and locks are stamped with."""
        return self._now()

    def _now(self) -> dt.datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise StateError("the store clock returned a naive datetime; it must be timezone-aware")
        return now.astimezone(dt.UTC)

    @contextlib.contextmanager
    def _read(self, what: str) -> Iterator[sa.Connection]:
        with translated(what, self._url), self._engine.connect() as connection, connection.begin():
            yield connection

    @contextlib.contextmanager
    def _write(self, what: str) -> Iterator[sa.Connection]:
        # midas_write: SQLite takes the write lock up front (BEGIN IMMEDIATE), see engine.py.
        with (
            translated(what, self._url),
            self._engine.connect().execution_options(midas_write=True) as connection,
            connection.begin(),
        ):
            yield connection

    # -- managed resources -------------------------------------------------------------------------

    def recorded(
        self,
        accounts: Iterable[str] | None = None,
        *,
        with_fields: bool = True,
        shared: SharedParts | None = None,
    ) -> dict[Address, Resource]:
        """What MIDAS last applied, by address (``managed=True``), optionally limited to ``accounts``.

        Ordered by ``Address.sort_key()`` (account, platform, dependency depth, path). With
        ``with_fields=False`` the resources come without their fields (all share one empty dict: do not
        change it): ownership, ids and lifecycle are all a plan needs, and at 100,000s of resources the
        fields are most of the memory. With ``shared`` (a plan's), each resource shares its parts with
        the plan's desired side as it is loaded (``SharedParts``).
        """
        t = managed_resources
        query = _recorded_select(with_fields)
        if accounts is not None:
            wanted = sorted(set(accounts))
            if not wanted:
                return {}
            query = query.where(t.c.account.in_(wanted))
        with gc_paused():
            return self._load_recorded(query, with_fields, shared or SharedParts(()))

    def _load_recorded(
        self, query: sa.Select[Any], with_fields: bool, shared: SharedParts
    ) -> dict[Address, Resource]:
        # Rows are decoded a chunk at a time and dropped as they become Resources: the whole result set,
        # its decoded JSON and the Resources were never needed at once.
        no_fields: dict[str, Any] = {}
        # Platform, account, kind, lifecycle and spec digest repeat across rows: hold each text once.
        texts: dict[str, str] = {}
        one = texts.setdefault
        # Ref targets are parents, each referred to by many children: parse each text once (into the
        # shared address, so that comparing refs with the desired side's finds the same objects).
        targets: dict[str, Address] = {}
        buckets: dict[tuple[str, str, int], list[Resource]] = {}
        try:
            with self._read("reading recorded resources") as connection:
                result = connection.execution_options(yield_per=_LOAD_CHUNK).execute(query)
                for rows in result.partitions():
                    fields_of = (
                        bulk.decode_all([row[5] for row in rows], "managed_resources.fields")
                        if with_fields
                        else None
                    )
                    refs_of = bulk.decode_all([row[6] for row in rows], "managed_resources.refs")
                    for i, row in enumerate(rows):
                        platform, account = one(row[0], row[0]), one(row[1], row[1])
                        kind = one(row[2], row[2])
                        refs: dict[str, Address] = {}
                        for name, target in refs_of[i].items():
                            parsed = targets.get(target)
                            if parsed is None:
                                parsed = targets[target] = shared.address(Address.parse(target))
                            refs[name] = parsed
                        resource = Resource(
                            address=Address(platform, account, kind, row[3]),
                            fields=fields_of[i] if fields_of is not None else no_fields,
                            refs=refs,
                            platform_id=row[4],
                            managed=True,
                            spec_digest=one(row[7], row[7]),
                            on_remove=one(row[8], row[8]),
                        )
                        bucket = (account, platform, _DEPTH[platform, kind])
                        buckets.setdefault(bucket, []).append(shared.adopt(resource))
        except (ValueError, KeyError, AttributeError) as exc:
            raise StateError(f"the state store holds an unreadable managed resource: {exc}") from None
        # Address.sort_key() order: by bucket (account, platform, depth), then by path within each.
        out: dict[Address, Resource] = {}
        for bucket in sorted(buckets):
            resources = buckets[bucket]
            resources.sort(key=_path_of)
            for resource in resources:
                out[resource.address] = resource
        return out

    def recorded_paths(self, account: str, platform: str, kind: str) -> dict[str, str]:
        """Platform id → recorded path of the managed resources of one kind in one account: how a live
        object that carries no name of its own is told which address MIDAS gave it."""
        t = managed_resources
        query = sa.select(t.c.platform_id, t.c.path).where(
            t.c.account == account, t.c.platform == platform, t.c.kind == kind, t.c.platform_id.is_not(None)
        )
        with self._read("reading recorded ids") as connection:
            return {str(row[0]): str(row[1]) for row in connection.execute(query)}

    def record_many(self, resources: Sequence[Resource]) -> None:
        """Upsert what was applied, by address, in one transaction (the last duplicate wins)."""
        with gc_paused():
            self._record_many(resources)

    def _record_many(self, resources: Sequence[Resource]) -> None:
        now = self._now()
        rows: dict[str, dict[str, Any]] = {}
        for resource in resources:
            address = resource.address
            key = str(address)
            rows[key] = {
                "address": key,
                "platform": address.platform,
                "account": address.account,
                "kind": address.kind,
                "path": address.path,
                "platform_id": resource.platform_id,
                "fields": resource.fields,
                "refs": {name: str(target) for name, target in sorted(resource.refs.items())},
                "spec_digest": resource.spec_digest,
                "on_remove": resource.on_remove,
                "applied_at": now,
            }
        with self._write("recording applied resources") as connection:
            bulk.upsert(connection, managed_resources, ["address"], list(rows.values()))

    def record_fields(self, address: Address, fields: Mapping[str, Any]) -> None:
        """Set some fields of a recorded resource (None: drop the field), its others as recorded: what a
        part of an update sent ahead of the rest changed (``applier``'s ``Op.lead``). Nothing when the
        address has no record."""
        t = managed_resources
        with self._write("recording applied fields") as connection:
            row = connection.execute(
                sa.select(bulk.json_text(t.c.fields)).where(t.c.address == str(address))
            ).first()
            if row is None:
                return
            [last] = bulk.decode_all([row[0]], "managed_resources.fields")
            kept = {k: v for k, v in last.items() if k not in fields}
            kept.update((k, v) for k, v in fields.items() if v is not None)
            update = sa.update(t).where(t.c.address == str(address))
            connection.execute(update.values(fields=kept, applied_at=self._now()))

    def forget_many(self, addresses: Sequence[Address]) -> None:
        """Drop resources from the record (deleted, or no longer managed); unknown addresses are ignored."""
        keys = [{"key": str(address)} for address in addresses]
        if not keys:
            return
        t = managed_resources
        with self._write("forgetting resources") as connection:
            connection.execute(sa.delete(t).where(t.c.address == sa.bindparam("key")), keys)

    def forget_under(self, containers: Sequence[Address], kept: frozenset[str] = frozenset()) -> None:
        """Drop the records of what lies under ``containers`` (on their accounts, at paths below theirs),
        which the platform removed with them, but for those of the ``kept`` kinds, which outlive them."""
        t = managed_resources
        with self._write("forgetting what was removed with its container") as connection:
            for container in containers:
                prefix = f"{container.path}/"
                rows = connection.execute(
                    sa.select(t.c.address, t.c.path).where(
                        t.c.platform == container.platform,
                        t.c.account == container.account,
                        t.c.path.startswith(prefix, autoescape=True),
                        t.c.kind.not_in(sorted(kept)),
                    )
                )
                # SQLite's LIKE ignores the case of ASCII letters: 'Walkers/' must not take 'walkers/'.
                keys = [{"key": address} for address, path in rows if path.startswith(prefix)]
                if keys:
                    connection.execute(sa.delete(t).where(t.c.address == sa.bindparam("key")), keys)

    def move_many(self, moves: Sequence[tuple[Address, Address]]) -> None:
        """Move records (old address, new address) in one transaction: a Google ad whose creative was
        renamed is the same ad under its new name, a renamed campaign or ad group the same one, with
        everything under it (the refs of what moves to what moves with it follow; a campaign's synced
        metrics and alert events too). A record already at a new address gives way to the one moving
        there; an old address not recorded (moved already) is ignored, and so is what its new address
        holds."""
        if not moves:
            return
        t = managed_resources
        source = t.alias("source")
        with self._write("moving records") as connection:
            connection.execute(
                sa.delete(t).where(
                    t.c.address == sa.bindparam("new_key"),
                    sa.exists().where(source.c.address == sa.bindparam("old_key")),
                ),
                [{"new_key": str(new), "old_key": str(old)} for old, new in moves],
            )
            connection.execute(
                sa.update(t)
                .where(t.c.address == sa.bindparam("old_key"))
                .values(address=sa.bindparam("new_key"), path=sa.bindparam("new_path")),
                [{"old_key": str(old), "new_key": str(new), "new_path": new.path} for old, new in moves],
            )
            # A moved Meta ad refers to its creative, a criterion or ad to its ad group, which moved with it.
            renamed = {str(old): str(new) for old, new in moves}
            moved = connection.execute(
                sa.select(t.c.address, t.c.refs).where(t.c.address.in_(list(renamed.values())))
            )
            refs = [
                {
                    "key": address,
                    "new_refs": {name: renamed.get(target, target) for name, target in targets.items()},
                }
                for address, targets in moved
                if any(target in renamed for target in (targets or {}).values())
            ]
            if refs:
                connection.execute(
                    sa.update(t)
                    .where(t.c.address == sa.bindparam("key"))
                    .values(refs=sa.bindparam("new_refs")),
                    refs,
                )
            metrics_store.move_campaigns(connection, moves)
            alert_store.move_subjects(connection, moves)

    # -- runs --------------------------------------------------------------------------------------

    def start_run(self, kind: str, accounts: Sequence[str], actor: str) -> int:
        """Record the start of a run (plan, apply, drift, import …); returns its id. Status ``running``."""
        values = {
            "kind": kind,
            "accounts": sorted(set(accounts)),
            "actor": actor,
            "started_at": self._now(),
            "status": "running",
            "summary": {},
        }
        with self._write("starting a run") as connection:
            key = connection.execute(sa.insert(runs).values(**values)).inserted_primary_key
        assert key is not None
        return int(key[0])

    def finish_run(self, run_id: int, status: str, summary: Mapping[str, Any]) -> None:
        """Record how a run ended (ok, failed, crashed …) and its summary (made JSON-safe)."""
        with self._write("finishing a run") as connection:
            updated = connection.execute(
                sa.update(runs)
                .where(runs.c.id == run_id)
                .values(status=status, summary=_json_ready(summary), finished_at=self._now())
            ).rowcount
        if not updated:
            raise StateError(f"no run {run_id} in the state store")

    def operations_spent_since(self, account: str, since: dt.datetime) -> int:
        """API operations the runs started since ``since`` spent on ``account`` (from their summaries)."""
        with self._read("reading the operations runs spent") as connection:
            rows = connection.execute(sa.select(runs.c.summary).where(runs.c.started_at >= since)).all()
        return sum(int(((summary or {}).get("operations") or {}).get(account, 0)) for (summary,) in rows)

    # -- metrics -----------------------------------------------------------------------------------

    def save_metrics(
        self, rows: Sequence[DailyMetrics], addresses: Mapping[tuple[str, str, str], str]
    ) -> int:
        """Upsert daily campaign metrics (idempotent); ``addresses`` links (platform, account, campaign id)
        to the unified campaign's address. Returns the rows written."""
        with self._write("saving metrics") as connection:
            return metrics_store.upsert(connection, rows, addresses, self._now())

    def last_metrics_day(self, account: str) -> dt.date | None:
        with self._read("reading the last synced day") as connection:
            return metrics_store.last_day(connection, account)

    def metrics_synced_at(self, account: str) -> dt.datetime | None:
        """When metrics of the account were last synced (None: never): the last row a sync wrote, or the
        end of the last sync that went through, which an account delivering nothing yet writes no row by."""
        query = (
            sa.select(runs.c.accounts, runs.c.finished_at)
            .where(runs.c.kind == "metrics", runs.c.status == "ok", runs.c.finished_at.is_not(None))
            .order_by(runs.c.id.desc())
            .limit(_RECENT_SYNC_RUNS)
        )
        with self._read("reading the last metrics sync") as connection:
            times = [metrics_store.last_synced_at(connection, account)]
            times.append(next((at for names, at in connection.execute(query) if account in names), None))
        found = [at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at for at in times if at is not None]
        return max(found, default=None)

    def metrics(
        self,
        *,
        accounts: Sequence[str] | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> list[tuple[DailyMetrics, str | None]]:
        """Stored daily metrics (each with its unified campaign address, if MIDAS manages it)."""
        with self._read("reading metrics") as connection:
            return metrics_store.load(connection, accounts=accounts, start=start, end=end)

    def metrics_campaigns(
        self,
        accounts: Sequence[str] | None = None,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> set[metrics_store.CampaignIdentity]:
        """The campaigns with stored metrics, as reports tell them apart (see ``store.metrics``)."""
        with self._read("reading metrics") as connection:
            return metrics_store.campaign_identities(connection, accounts, start=start, end=end)

    def metrics_totals(
        self,
        *,
        start: dt.date,
        end: dt.date,
        by: str,
        accounts: Sequence[str] | None = None,
        campaigns: Collection[metrics_store.CampaignIdentity] | None = None,
    ) -> list[tuple[tuple[str, ...], str, int, int, int, int, int]]:
        """Metric sums per group and currency, computed in SQL (see ``store.metrics.totals``)."""
        with self._read("summing metrics") as connection:
            return metrics_store.totals(
                connection, start=start, end=end, by=by, accounts=accounts, campaigns=campaigns
            )

    # -- alerts ------------------------------------------------------------------------------------

    def record_alerts(
        self, findings: Sequence[Any], *, judged: Collection[str], rules: Collection[str]
    ) -> list[alert_store.Notice]:
        """Apply one alert check to the event lifecycle; returns the notices to send."""
        with self._write("recording alert events") as connection:
            return alert_store.record(connection, findings, judged=judged, rules=rules, now=self._now())

    def queue_deliveries(self, deliveries: Sequence[tuple[str, dict[str, Any]]]) -> None:
        """Store webhook deliveries (channel, notice) to make; they stay until a receiver accepts them."""
        with self._write("queueing webhook deliveries") as connection:
            alert_store.queue_deliveries(connection, deliveries, self._now())

    def pending_deliveries(self) -> list[alert_store.Delivery]:
        with self._read("reading webhook deliveries") as connection:
            return alert_store.pending_deliveries(connection)

    def delivery_done(self, delivery_id: int, error: str | None) -> None:
        """One attempt's outcome: sent (never again) or still pending with why (``error``)."""
        with self._write("recording a webhook delivery") as connection:
            alert_store.delivery_done(connection, delivery_id, error, self._now())

    # -- snapshots ------------------------------------------------------------------------------
    def save_snapshot(self, record: snapshot_store.SnapshotRecord) -> None:
        with self._write("saving a snapshot") as connection:
            snapshot_store.save(connection, record)

    def snapshots(self) -> list[snapshot_store.SnapshotRecord]:
        """Every snapshot (without its resources), oldest first."""
        with self._read("listing snapshots") as connection:
            return snapshot_store.listed(connection)

    def delete_snapshots(self, names: Sequence[str], actor: str) -> None:
        """Delete the snapshots ``names`` (all or none, StateError naming the unknown ones), recorded in the
        audit log by the same transaction."""
        with self._write("deleting snapshots") as connection:
            snapshot_store.delete(connection, names)
            self._append_audit(connection, "snapshot-delete", actor, {"snapshots": list(names)})

    def snapshot(self, name: str) -> snapshot_store.SnapshotRecord:
        """One snapshot with its resources; StateError naming the known ones when there is none."""
        with self._read("reading a snapshot") as connection:
            return snapshot_store.get(connection, name)

    def alert_history(self, limit: int = 50) -> list[alert_store.EventRecord]:
        with self._read("reading alert events") as connection:
            return alert_store.history(connection, limit)

    # -- audiences ---------------------------------------------------------------------------------

    def sync_audiences(
        self, wanted: Sequence[tuple[str, str, dict[str, Any], str]]
    ) -> audience_store.SyncCounts:
        """Make ``midas_unified_audiences`` hold exactly ``wanted`` (name, kind, targeting, digest)."""
        with self._write("syncing unified audiences") as connection:
            return audience_store.sync(connection, wanted, self._now())

    def unified_audiences(self) -> list[audience_store.AudienceRow]:
        with self._read("reading unified audiences") as connection:
            return audience_store.load(connection)

    def save_sketch(self, sketch: audience_store.SketchRow) -> None:
        with self._write("saving an audience sketch") as connection:
            audience_store.save_sketch(connection, sketch)

    def sketch(self, audience_id: str) -> audience_store.SketchRow | None:
        with self._read("reading an audience sketch") as connection:
            return audience_store.load_sketch(connection, audience_id)

    def audience_members(self, address: Address) -> dict[str, Any]:
        """``{member key: hashed payload}`` MIDAS confirmed uploaded to the audience at ``address``."""
        with self._read("reading audience members") as connection:
            return member_store.load(connection, address)

    def audience_member_keys(self, addresses: Iterable[Address]) -> dict[Address, list[str]]:
        """Sorted confirmed member keys per audience (audiences without members are absent)."""
        with self._read("reading audience members") as connection:
            return member_store.keys(connection, addresses)

    def audience_accounts(self, accounts: Iterable[str]) -> set[str]:
        """Which of ``accounts`` have audiences MIDAS manages (whose live audiences a plan must read)."""
        c = managed_resources.c
        kinds = sorted(set(AUDIENCE_KIND.values()))
        query = sa.select(c.account).distinct().where(c.kind.in_(kinds), c.account.in_(sorted(set(accounts))))
        with self._read("reading the accounts with audiences") as connection:
            return set(connection.execute(query).scalars())

    def journal_member_batch(
        self, run_id: int, address: Address, platform_id: str, counts: Mapping[str, int]
    ) -> int:
        """Journal one member upload batch (counts only) before it is sent; returns the batch id."""
        with self._write("journaling a member upload") as connection:
            return journal.add_member_batch(connection, run_id, address, platform_id, counts, self._now())

    def confirm_member_batch(
        self, batch_id: int, result: WriteResult, added: Mapping[str, Any], removed: Sequence[str]
    ) -> None:
        """Record a member batch's outcome and, if it succeeded, its members in ``audience_members`` —
        one transaction, so a crash leaves either both or neither."""
        with self._write("confirming a member upload") as connection:
            journal.mark_done(connection, batch_id, [result], self._now())
            if result.ok:
                member_store.change(connection, result.address, added, removed)

    def forget_audience_members(self, address: Address) -> None:
        with self._write("forgetting audience members") as connection:
            member_store.forget(connection, address)

    def runs(self, limit: int = 20) -> list[RunRecord]:
        """The latest runs, newest first."""
        query = sa.select(runs).order_by(runs.c.id.desc()).limit(limit)
        with self._read("reading runs") as connection:
            rows = connection.execute(query).mappings().all()
        return [
            RunRecord(
                id=row["id"],
                kind=row["kind"],
                accounts=list(row["accounts"]),
                actor=row["actor"],
                started_at=row["started_at"],
                finished_at=row["finished_at"],
                status=row["status"],
                summary=dict(row["summary"]),
            )
            for row in rows
        ]

    # -- journal -----------------------------------------------------------------------------------

    def journal_batch(self, run_id: int, account: str, platform: str, ops: Sequence[WriteOp]) -> int:
        """Journal a batch before it is sent (status ``pending``, one row per op); returns the batch id.

        Raises ValueError if an op's address belongs to another account.
        """
        with self._write("journaling a write batch") as connection:
            return journal.add_batch(connection, run_id, account, platform, ops, self._now())

    def journal_sent(self, batch_id: int) -> None:
        """Mark a pending batch as sent to the platform (just before the write call)."""
        with self._write("journaling a sent batch") as connection:
            journal.mark_sent(connection, batch_id, self._now())

    def journal_done(self, batch_id: int, results: Sequence[WriteResult]) -> None:
        """Record each op's outcome; the batch becomes ``confirmed`` if all succeeded, else ``failed``.

        Results are matched to ops by address, in order; an op without a result counts as failed;
        a result for an address not in the batch raises ValueError.
        """
        with self._write("journaling batch results") as connection:
            journal.mark_done(connection, batch_id, results, self._now())

    def claimed_addresses(self, accounts: Iterable[str] | None = None) -> set[Address]:
        """Addresses of *create* ops in batches still pending or sent (an apply died mid-batch)."""
        with self._read("reading unfinished journal batches") as connection:
            return journal.claimed(connection, accounts)

    def made_though_failed(self, accounts: Iterable[str] | None = None) -> dict[Address, str]:
        """Platform ids, by address, of what a failed create made (see ``journal.made_though_failed``)."""
        with self._read("reading failed creates from the journal") as connection:
            return journal.made_though_failed(connection, accounts)

    def deletes_not_done(self, accounts: Iterable[str] | None = None) -> dict[Address, set[str]]:
        """Platform ids, by address, of the objects whose journaled delete failed or was cut short (see
        ``journal.deletes_not_done``)."""
        with self._read("reading unfinished journal deletes") as connection:
            return journal.deletes_not_done(connection, accounts)

    def settle_claims(self, accounts: Iterable[str]) -> None:
        """Mark the unfinished batches of ``accounts`` ``abandoned`` (after an apply converged)."""
        with self._write("settling unfinished journal batches") as connection:
            journal.settle(connection, accounts, self._now())

    def recent_updates(
        self, account: str, within: dt.timedelta, fields: frozenset[str]
    ) -> dict[Address, list[dt.datetime]]:
        """Send times of the updates of ``fields`` that may have reached ``account``'s platform in the
        last ``within``, per address (see ``journal.recent_updates``)."""
        with self._read("reading recent updates from the journal") as connection:
            return journal.recent_updates(connection, account, self._now() - within, fields)

    def batches(self, run_id: int | None = None) -> list[JournalBatchRecord]:
        """Journaled batches (of one run, or all), oldest first, with their ops in order."""
        with self._read("reading the journal") as connection:
            return journal.load(connection, run_id)

    # -- audit log ---------------------------------------------------------------------------------

    def audit(self, action: str, actor: str, payload: Mapping[str, Any]) -> None:
        """Append a hash-chained audit row (payload made JSON-safe: non-JSON values become strings)."""
        with self._write("appending to the audit log") as connection:
            self._append_audit(connection, action, actor, payload)

    def _append_audit(
        self, connection: sa.Connection, action: str, actor: str, payload: Mapping[str, Any]
    ) -> None:
        if is_postgres(self._url):
            # Serialise appenders, or two could chain onto the same previous row.
            key = pg_key("midas-audit", self._identity)
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))
        audit_chain.append(connection, self._now(), actor, action, payload)

    def verify_audit(self) -> list[str]:
        """Recompute the audit chain; problems in row order (empty list = intact)."""
        with self._read("verifying the audit log") as connection:
            return audit_chain.verify(connection)

    # -- resolution cache --------------------------------------------------------------------------

    def cached_ids(
        self,
        platform: str,
        account: str,
        kind: str,
        names: Sequence[str],
        *,
        max_age: dt.timedelta | None = None,
    ) -> dict[str, str]:
        """Cached platform ids of ``names`` (matched case-insensitively; keys as given; misses absent).

        With ``max_age``, entries cached longer ago than that count as misses.
        """
        lowered = sorted({name.lower() for name in names})
        t = resolution_cache
        found: dict[str, str] = {}
        with self._read("reading the resolution cache") as connection:
            for chunk in _chunks(lowered):
                query = sa.select(t.c.name, t.c.platform_id).where(
                    t.c.platform == platform, t.c.account == account, t.c.kind == kind, t.c.name.in_(chunk)
                )
                if max_age is not None:
                    query = query.where(t.c.cached_at >= self._now() - max_age)
                found.update(connection.execute(query).all())
        return {name: found[name.lower()] for name in sorted(set(names)) if name.lower() in found}

    def cached_names(self, platform: str, account: str, kind: str) -> dict[str, str]:
        """Platform id → the (lower-cased) name it was cached for, of every cached id of ``kind``: what a
        saved plan's ids were resolved from."""
        t = resolution_cache
        with self._read("reading the resolution cache") as connection:
            rows = connection.execute(
                sa.select(t.c.platform_id, t.c.name)
                .where(t.c.platform == platform, t.c.account == account, t.c.kind == kind)
                .order_by(t.c.name)
            ).all()
        named: dict[str, str] = {}
        for platform_id, name in rows:
            named.setdefault(str(platform_id), str(name))
        return named

    def cache_ids(self, platform: str, account: str, kind: str, mapping: Mapping[str, str]) -> None:
        """Remember resolved ids (names lower-cased; a newer id replaces an older one)."""
        now = self._now()
        rows = {
            name.lower(): {
                "platform": platform,
                "account": account,
                "kind": kind,
                "name": name.lower(),
                "platform_id": platform_id,
                "cached_at": now,
            }
            for name, platform_id in sorted(mapping.items())
        }
        with self._write("writing the resolution cache") as connection:
            bulk.upsert(
                connection, resolution_cache, ["platform", "account", "kind", "name"], list(rows.values())
            )

    # -- locks -------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, account: str, owner: str) -> Iterator[None]:
        """Hold the account's write lock for the ``with`` block.

        Raises ``errors.LockHeld(account, holder, age_seconds)`` at once if another writer holds it.
        ``owner`` names this writer for others, e.g. ``"alice@ci-runner pid 1234"``.
        """
        with contextlib.ExitStack() as stack:
            with translated(f"locking account {account!r}", self._url):
                stack.enter_context(self._locker.hold(account, owner))
            yield

    def lock_holder(self, account: str) -> LockInfo | None:
        """Who holds the account's lock now (None if nobody; a dead holder holds nothing)."""
        with translated(f"reading the lock of account {account!r}", self._url):
            return self._locker.holder(account)

    def abandoned_lock(self, account: str) -> LockInfo | None:
        """A lock record left behind by a holder that died (a crashed apply); None when there is none."""
        with translated(f"reading the lock of account {account!r}", self._url):
            return self._locker.abandoned(account)

    def break_lock(self, account: str) -> bool:
        """Break the account's lock (``midas state unlock --force``); True if a lock was broken."""
        with translated(f"breaking the lock of account {account!r}", self._url):
            return self._locker.break_lock(account)
