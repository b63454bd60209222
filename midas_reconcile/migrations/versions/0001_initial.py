"""Initial state store: managed resources, runs, journal, audit log, resolution cache, locks.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

# Frozen copies of the portable types (migrations never import the live models).
JSON = sa.JSON().with_variant(JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "managed_resources",
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("platform_id", sa.Text(), nullable=True),
        sa.Column("fields", JSON, nullable=False),
        sa.Column("refs", JSON, nullable=False),
        sa.Column("spec_digest", sa.Text(), nullable=False),
        sa.Column("on_remove", sa.Text(), nullable=False),
        sa.Column("applied_at", TS, nullable=False),
        sa.CheckConstraint("on_remove IN ('pause', 'delete')", name="ck_managed_resources_on_remove"),
        sa.PrimaryKeyConstraint("address", name="pk_managed_resources"),
    )
    op.create_index(
        "ix_managed_resources_account_platform", "managed_resources", ["account", "platform"], unique=False
    )
    op.create_table(
        "runs",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("accounts", JSON, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("summary", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "journal_batches",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("finished_at", TS, nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'sent', 'confirmed', 'failed', 'abandoned')",
            name="ck_journal_batches_status",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_journal_batches_run_id_runs", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_journal_batches"),
    )
    op.create_index(
        "ix_journal_batches_account_status", "journal_batches", ["account", "status"], unique=False
    )
    op.create_index("ix_journal_batches_run_id", "journal_batches", ["run_id"], unique=False)
    op.create_table(
        "journal_ops",
        sa.Column("batch_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("platform_id", sa.Text(), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint("action IN ('create', 'update', 'delete')", name="ck_journal_ops_action"),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["journal_batches.id"],
            name="fk_journal_ops_batch_id_journal_batches",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", "seq", name="pk_journal_ops"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_table(
        "resolution_cache",
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("platform_id", sa.Text(), nullable=False),
        sa.Column("cached_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("platform", "account", "kind", "name", name="pk_resolution_cache"),
    )
    op.create_table(
        "locks",
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("acquired_at", TS, nullable=False),
        sa.Column("backend_pid", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("account", name="pk_locks"),
    )


def downgrade() -> None:
    op.drop_table("locks")
    op.drop_table("resolution_cache")
    op.drop_table("audit_log")
    op.drop_table("journal_ops")
    op.drop_index("ix_journal_batches_run_id", table_name="journal_batches")
    op.drop_index("ix_journal_batches_account_status", table_name="journal_batches")
    op.drop_table("journal_batches")
    op.drop_table("runs")
    op.drop_index("ix_managed_resources_account_platform", table_name="managed_resources")
    op.drop_table("managed_resources")
