"""Alert events: each firing of a rule for a subject, from first firing to resolution.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "alert_events",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("severity", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("channels", JSON, nullable=False),
        sa.Column("fired_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("notified_at", TS, nullable=False),
        sa.Column("resolved_at", TS, nullable=True),
        sa.CheckConstraint("status IN ('firing', 'resolved')", name="ck_alert_events_status"),
        sa.PrimaryKeyConstraint("id", name="pk_alert_events"),
    )
    op.create_index(
        "ix_alert_events_rule_subject_status", "alert_events", ["rule", "subject", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_alert_events_rule_subject_status", table_name="alert_events")
    op.drop_table("alert_events")
