"""Daily campaign metrics synced from the platforms (``midas metrics sync``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "metrics_daily",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("campaign_id", sa.Text(), nullable=False),
        sa.Column("campaign_name", sa.Text(), nullable=False),
        sa.Column("campaign_address", sa.Text(), nullable=True),
        sa.Column("impressions", sa.BigInteger(), nullable=False),
        sa.Column("clicks", sa.BigInteger(), nullable=False),
        sa.Column("spend_micros", sa.BigInteger(), nullable=False),
        sa.Column("conversions_micros", sa.BigInteger(), nullable=False),
        sa.Column("conversion_value_micros", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.Text(), nullable=False),
        sa.Column("synced_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("day", "platform", "account", "campaign_id", name="pk_metrics_daily"),
    )
    op.create_index("ix_metrics_daily_account_day", "metrics_daily", ["account", "day"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_metrics_daily_account_day", table_name="metrics_daily")
    op.drop_table("metrics_daily")
