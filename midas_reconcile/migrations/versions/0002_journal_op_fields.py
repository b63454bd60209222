"""The journal records which fields each update changed (for platform limits on change frequency).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("journal_ops") as batch:
        batch.add_column(sa.Column("fields", JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("journal_ops") as batch:
        batch.drop_column("fields")
