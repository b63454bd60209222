"""Unified audiences and their sketches in the state store. Every function runs in the caller's
transaction; nothing here ever holds a customer's data (only specs' targeting, paths and hashes of
hashes in the sketches)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from midas_reconcile.store.schema import audience_sketches, unified_audiences


@dataclass(frozen=True)
class AudienceRow:
    """One row of ``midas_unified_audiences`` (``digest``: the spec document's digest)."""

    audience_id: str
    name: str
    kind: str
    targeting: dict[str, Any]
    digest: str
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class SketchRow:
    """A stored Theta sketch of a customer list (compact, serialised) and what it was made from."""

    audience_id: str
    lg_k: int
    members: int
    bad_rows: int
    sketch: bytes
    source_digest: str
    computed_at: dt.datetime


@dataclass(frozen=True)
class SyncCounts:
    created: list[str]
    updated: list[str]
    removed: list[str]


def sync(
    connection: sa.Connection, wanted: Sequence[tuple[str, str, dict[str, Any], str]], now: dt.datetime
) -> SyncCounts:
    """Make the table hold exactly ``wanted`` ``(name, kind, targeting, digest)``; the audience id is
    the name (unique per workspace). Rows whose digest is unchanged are left alone."""
    a = unified_audiences.c
    current = {r.name: r for r in connection.execute(sa.select(unified_audiences))}
    created, updated = [], []
    for name, kind, targeting, digest in sorted(wanted):
        row = current.get(name)
        values = {"kind": kind, "targeting": targeting, "digest": digest, "updated_at": now}
        if row is None:
            connection.execute(
                unified_audiences.insert().values(audience_id=name, name=name, created_at=now, **values)
            )
            created.append(name)
        elif row.digest != digest:
            connection.execute(
                unified_audiences.update().where(a.audience_id == row.audience_id).values(values)
            )
            updated.append(name)
    removed = sorted(set(current) - {w[0] for w in wanted})
    if removed:
        ids = [current[name].audience_id for name in removed]
        # Explicit: SQLite enforces ON DELETE CASCADE only with its foreign_keys pragma on.
        connection.execute(audience_sketches.delete().where(audience_sketches.c.audience_id.in_(ids)))
        connection.execute(unified_audiences.delete().where(a.audience_id.in_(ids)))
    return SyncCounts(created, updated, removed)


def load(connection: sa.Connection) -> list[AudienceRow]:
    rows = connection.execute(sa.select(unified_audiences).order_by(unified_audiences.c.name)).mappings()
    return [AudienceRow(**dict(r)) for r in rows]


def save_sketch(connection: sa.Connection, sketch: SketchRow) -> None:
    connection.execute(
        audience_sketches.delete().where(audience_sketches.c.audience_id == sketch.audience_id)
    )
    connection.execute(audience_sketches.insert().values(**sketch.__dict__))


def load_sketch(connection: sa.Connection, audience_id: str) -> SketchRow | None:
    row = (
        connection.execute(sa.select(audience_sketches).where(audience_sketches.c.audience_id == audience_id))
        .mappings()
        .first()
    )
    return None if row is None else SketchRow(**{**dict(row), "sketch": bytes(row["sketch"])})
