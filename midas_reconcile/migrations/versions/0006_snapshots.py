"""Snapshots: the live state of the managed resources, named, to restore later.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("accounts", JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("resource_count", sa.Integer(), nullable=False),
        sa.Column("resources", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_snapshots"),
        sa.UniqueConstraint("name", name="uq_snapshots_name"),
    )
    op.create_index("ix_snapshots_content_hash", "snapshots", ["content_hash"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_snapshots_content_hash", table_name="snapshots")
    op.drop_table("snapshots")
