"""The state store's tables, as typed SQLAlchemy models.

The schema is created and changed **only** by the Alembic migrations in ``midas_reconcile/migrations``;
these models describe what the head revision contains, and a test checks that the two agree (alembic's
``compare_metadata`` finds no difference). When you change a model, add a migration.

Portable types: JSON is ``JSONB`` on PostgreSQL and JSON text on SQLite; timestamps are timezone-aware
UTC on the Python side on both (SQLite stores them as naive UTC text, which sorts correctly); ids are
``BIGINT`` on PostgreSQL and ``INTEGER PRIMARY KEY`` (the rowid alias) on SQLite.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Stable constraint names on every backend, so migrations can refer to them.
NAMING_CONVENTION: Final = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Journal batch lifecycle: pending → sent → confirmed | failed; unfinished batches end as abandoned.
BATCH_STATUSES: Final = ("pending", "sent", "confirmed", "failed", "abandoned")
#: Batches whose outcome is unknown: the apply died between journaling and confirming them.
UNFINISHED_STATUSES: Final = ("pending", "sent")
OP_ACTIONS: Final = ("create", "update", "delete")
ON_REMOVE: Final = ("pause", "delete")
AUDIENCE_KINDS: Final = ("customer_list", "targeting")

#: Portable JSON column type.
JSONType = sa.JSON().with_variant(JSONB(), "postgresql")
#: Auto-incrementing id: BIGINT on PostgreSQL, the rowid alias on SQLite.
IdType = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """A timezone-aware UTC ``datetime`` on both backends; naive values are refused on the way in."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given to the state store (use UTC)")
        utc = value.astimezone(dt.UTC)
        # SQLite keeps text: store naive UTC so that values compare and sort as instants.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _check_name(table: str, name: str) -> str:
    # The migrations named their check constraints in full (``ck_alert_events_status``), which the
    # convention then prefixed again: a store they upgraded holds ``ck_alert_events_ck_alert_events_status``.
    # A new store is made from these models, so they name the constraints alike, for later migrations to
    # find them in both.
    return f"ck_{table}_{name}"


class ManagedResource(Base):
    """What MIDAS last applied to one resource: its platform id, fields, refs and spec digest."""

    __tablename__ = "managed_resources"
    __table_args__ = (
        sa.CheckConstraint(_in("on_remove", ON_REMOVE), name=_check_name("managed_resources", "on_remove")),
        sa.Index(None, "account", "platform"),
    )

    address: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    platform: Mapped[str] = mapped_column(sa.Text)
    account: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.Text)
    path: Mapped[str] = mapped_column(sa.Text)
    platform_id: Mapped[str | None] = mapped_column(sa.Text)
    fields: Mapped[dict[str, Any]] = mapped_column(JSONType)
    #: Reference name → address string of the referenced resource.
    refs: Mapped[dict[str, Any]] = mapped_column(JSONType)
    spec_digest: Mapped[str] = mapped_column(sa.Text)
    on_remove: Mapped[str] = mapped_column(sa.Text)
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Run(Base):
    """One plan/apply/drift/import invocation: who ran it, on which accounts, when, and how it ended."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(sa.Text)
    #: Sorted list of account names.
    accounts: Mapped[Any] = mapped_column(JSONType)
    actor: Mapped[str] = mapped_column(sa.Text)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: ``running`` until finished; then what the caller said (ok, failed, crashed …).
    status: Mapped[str] = mapped_column(sa.Text)
    summary: Mapped[Any] = mapped_column(JSONType)


class JournalBatch(Base):
    """One write batch sent to one account: journaled before it is sent, confirmed after."""

    __tablename__ = "journal_batches"
    __table_args__ = (
        sa.CheckConstraint(_in("status", BATCH_STATUSES), name=_check_name("journal_batches", "status")),
        sa.Index(None, "account", "status"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(IdType, sa.ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    account: Mapped[str] = mapped_column(sa.Text)
    platform: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class JournalOp(Base):
    """One operation of a journaled batch, with its outcome once the batch is done."""

    __tablename__ = "journal_ops"
    __table_args__ = (
        sa.CheckConstraint(_in("action", OP_ACTIONS), name=_check_name("journal_ops", "action")),
    )

    batch_id: Mapped[int] = mapped_column(
        IdType, sa.ForeignKey("journal_batches.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    address: Mapped[str] = mapped_column(sa.Text)
    action: Mapped[str] = mapped_column(sa.Text)
    platform_id: Mapped[str | None] = mapped_column(sa.Text)
    #: Updates: the sorted names of the fields they change; a failed create or update that made its object
    #: in part (``errors.MadeInPart``, an update through but for its marker's label link, say):
    #: ``{"not_made": [...]}`` (``journal.NOT_MADE``) in their place once the batch is done (a failed
    #: update's changed fields count in no limit: ``journal.recent_updates`` reads those gone through or
    #: unknown; ``made_though_failed`` reads creates' alone); else None.
    fields: Mapped[Any] = mapped_column(JSONType, nullable=True)
    #: None until the batch is done.
    ok: Mapped[bool | None] = mapped_column(sa.Boolean)
    error: Mapped[str | None] = mapped_column(sa.Text)


class AuditEntry(Base):
    """An append-only, hash-chained audit record (see ``midas_reconcile.store.audit``)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(sa.Text)
    action: Mapped[str] = mapped_column(sa.Text)
    #: Plain JSON, not JSONB, on PostgreSQL: the text is kept exactly, so hashes recompute bit for bit.
    payload: Mapped[Any] = mapped_column(sa.JSON())
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))


class CachedId(Base):
    """A platform id resolved from a name (location, language, interest); names are lower-cased."""

    __tablename__ = "resolution_cache"

    platform: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    account: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    kind: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    name: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    platform_id: Mapped[str] = mapped_column(sa.Text)
    cached_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AccountLock(Base):
    """Who holds an account's write lock (PostgreSQL; the advisory lock is the truth, this names it)."""

    __tablename__ = "locks"

    account: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    holder: Mapped[str] = mapped_column(sa.Text)
    acquired_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: PostgreSQL backend holding the advisory lock, so a released holder only deletes its own row.
    backend_pid: Mapped[int | None] = mapped_column(sa.Integer)


class MetricsDaily(Base):
    """One campaign's performance on one day, as its platform reported it (``midas metrics sync``).

    Money and conversions are exact integers in millionths (``spend_micros`` = spend × 1,000,000 in the
    account currency): SQLite has no exact decimal type, and integers sum exactly in SQL on both backends.
    ``campaign_address`` links the row to the unified campaign MIDAS manages (None for others).
    """

    __tablename__ = "metrics_daily"
    __table_args__ = (sa.Index(None, "account", "day"),)

    day: Mapped[dt.date] = mapped_column(sa.Date, primary_key=True)
    platform: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    account: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    campaign_id: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    campaign_name: Mapped[str] = mapped_column(sa.Text)
    campaign_address: Mapped[str | None] = mapped_column(sa.Text)
    impressions: Mapped[int] = mapped_column(sa.BigInteger)
    clicks: Mapped[int] = mapped_column(sa.BigInteger)
    spend_micros: Mapped[int] = mapped_column(sa.BigInteger)
    conversions_micros: Mapped[int] = mapped_column(sa.BigInteger)
    conversion_value_micros: Mapped[int] = mapped_column(sa.BigInteger)
    currency: Mapped[str] = mapped_column(sa.Text)
    synced_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AlertEvent(Base):
    """One firing of an alert rule for one subject (campaign@platform:account), from first firing to
    resolution."""

    __tablename__ = "alert_events"
    __table_args__ = (
        sa.CheckConstraint(_in("status", ("firing", "resolved")), name=_check_name("alert_events", "status")),
        sa.Index(None, "rule", "subject", "status"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(sa.Text)
    subject: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.Text)
    severity: Mapped[str] = mapped_column(sa.Text)
    #: The value that made the rule hold, last seen (exact decimal text).
    value: Mapped[str] = mapped_column(sa.Text)
    message: Mapped[str] = mapped_column(sa.Text)
    channels: Mapped[Any] = mapped_column(JSONType)
    fired_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    notified_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class WebhookDelivery(Base):
    """One notice for one channel: pending until the receiver accepted it (never sent again after)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.CheckConstraint(
            _in("status", ("pending", "sent")), name=_check_name("webhook_deliveries", "status")
        ),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(sa.Text)
    #: The notice (kind, rule, subject, severity, message, at), rendered per channel format when sent.
    notice: Mapped[Any] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(sa.Text, index=True)
    attempts: Mapped[int] = mapped_column(sa.Integer)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Snapshot(Base):
    """The live state of the managed resources at one moment (``midas snapshot``), to restore later."""

    __tablename__ = "snapshots"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(sa.Text, unique=True)
    accounts: Mapped[Any] = mapped_column(JSONType)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(sa.Text)
    #: SHA-256 of the canonical JSON of ``resources``: two snapshots of the same state have the same hash.
    content_hash: Mapped[str] = mapped_column(sa.String(64), index=True)
    resource_count: Mapped[int] = mapped_column(sa.Integer)
    #: ``[{address: {platform, account, kind, path}, platform_id, fields, refs}]`` in address order.
    resources: Mapped[Any] = mapped_column(JSONType)


class UnifiedAudience(Base):
    """One ``Audience`` spec as the store knows it (the seed's ``midas_unified_audiences``).

    ``targeting`` is the unified targeting for targeting audiences, or the customer list's path and
    consent (never its members) for customer lists. ``digest`` is the spec document's digest: a sync
    touches ``updated_at`` only when it changed.
    """

    __tablename__ = "midas_unified_audiences"
    __table_args__ = (
        sa.CheckConstraint(_in("kind", AUDIENCE_KINDS), name=_check_name("midas_unified_audiences", "kind")),
    )

    audience_id: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    name: Mapped[str] = mapped_column(sa.Text, unique=True)
    kind: Mapped[str] = mapped_column(sa.Text)
    targeting: Mapped[Any] = mapped_column(JSONType)
    digest: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AudienceSketch(Base):
    """A customer list's stored summary: a compact Apache DataSketches Theta sketch of its canonical
    member keys (hashes of hashes: no PII), with the exact distinct count and the list file's SHA-256
    (``source_digest``) at the time, so a stale sketch is recognised."""

    __tablename__ = "audience_sketches"

    audience_id: Mapped[str] = mapped_column(
        sa.Text, sa.ForeignKey("midas_unified_audiences.audience_id", ondelete="CASCADE"), primary_key=True
    )
    lg_k: Mapped[int] = mapped_column(sa.Integer)
    members: Mapped[int] = mapped_column(sa.BigInteger)
    bad_rows: Mapped[int] = mapped_column(sa.BigInteger)
    sketch: Mapped[bytes] = mapped_column(sa.LargeBinary)
    source_digest: Mapped[str] = mapped_column(sa.Text)
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AudienceMember(Base):
    """One member MIDAS has confirmed uploaded to one platform audience (a Google Customer Match user
    list, a Meta custom audience): its canonical key (SHA-256 hex of the normalised e-mail or phone) and
    the hashed payload the platform received, so that a removal can be sent from here without the
    customer list's raw data. ``audience`` is the audience resource's address path."""

    __tablename__ = "audience_members"

    platform: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    account: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    audience: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    member_key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    payload: Mapped[Any] = mapped_column(JSONType)


# Core handles on the tables: bulk paths use Core statements (executemany), not ORM objects.
managed_resources: Final = Base.metadata.tables["managed_resources"]
runs: Final = Base.metadata.tables["runs"]
journal_batches: Final = Base.metadata.tables["journal_batches"]
journal_ops: Final = Base.metadata.tables["journal_ops"]
audit_log: Final = Base.metadata.tables["audit_log"]
resolution_cache: Final = Base.metadata.tables["resolution_cache"]
locks: Final = Base.metadata.tables["locks"]
metrics_daily: Final = Base.metadata.tables["metrics_daily"]
alert_events: Final = Base.metadata.tables["alert_events"]
webhook_deliveries: Final = Base.metadata.tables["webhook_deliveries"]
snapshots: Final = Base.metadata.tables["snapshots"]
unified_audiences: Final = Base.metadata.tables["midas_unified_audiences"]
audience_sketches: Final = Base.metadata.tables["audience_sketches"]
audience_members: Final = Base.metadata.tables["audience_members"]
