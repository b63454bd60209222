"""Unified audiences (the seed's midas_unified_audiences) and customer-list Theta sketches.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "midas_unified_audiences",
        sa.Column("audience_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("targeting", JSON, nullable=False),
        sa.Column("digest", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("kind IN ('customer_list', 'targeting')", name="ck_midas_unified_audiences_kind"),
        sa.PrimaryKeyConstraint("audience_id", name="pk_midas_unified_audiences"),
        sa.UniqueConstraint("name", name="uq_midas_unified_audiences_name"),
    )
    op.create_table(
        "audience_sketches",
        sa.Column("audience_id", sa.Text(), nullable=False),
        sa.Column("lg_k", sa.Integer(), nullable=False),
        sa.Column("members", sa.BigInteger(), nullable=False),
        sa.Column("bad_rows", sa.BigInteger(), nullable=False),
        sa.Column("sketch", sa.LargeBinary(), nullable=False),
        sa.Column("source_digest", sa.Text(), nullable=False),
        sa.Column("computed_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["audience_id"],
            ["midas_unified_audiences.audience_id"],
            name="fk_audience_sketches_audience_id_midas_unified_audiences",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("audience_id", name="pk_audience_sketches"),
    )


def downgrade() -> None:
    op.drop_table("audience_sketches")
    op.drop_table("midas_unified_audiences")
