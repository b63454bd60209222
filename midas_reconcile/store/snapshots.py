"""Named snapshots of live state in the state store. Every function runs inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from midas_reconcile.errors import StateError
from midas_reconcile.store.schema import snapshots


@dataclass(frozen=True)
class SnapshotRecord:
    name: str
    accounts: list[str]
    created_at: dt.datetime
    actor: str
    content_hash: str
    resource_count: int
    #: The resources' JSON forms (``Resource.to_dict``); empty when listed without them.
    resources: list[dict[str, Any]]


def save(connection: sa.Connection, record: SnapshotRecord) -> None:
    taken = connection.execute(sa.select(snapshots.c.id).where(snapshots.c.name == record.name)).first()
    if taken is not None:
        raise StateError(f"a snapshot named {record.name!r} already exists; pick another name")
    connection.execute(
        snapshots.insert().values(
            name=record.name,
            accounts=record.accounts,
            created_at=record.created_at,
            actor=record.actor,
            content_hash=record.content_hash,
            resource_count=record.resource_count,
            resources=record.resources,
        )
    )


_SUMMARY = (
    snapshots.c.name,
    snapshots.c.accounts,
    snapshots.c.created_at,
    snapshots.c.actor,
    snapshots.c.content_hash,
    snapshots.c.resource_count,
)


def listed(connection: sa.Connection) -> list[SnapshotRecord]:
    rows = connection.execute(sa.select(*_SUMMARY).order_by(snapshots.c.created_at, snapshots.c.id))
    return [SnapshotRecord(*row, resources=[]) for row in rows]


def delete(connection: sa.Connection, names: Sequence[str]) -> None:
    """Delete the snapshots ``names``, all or none: StateError naming the unknown ones and the known."""
    known = [r.name for r in listed(connection)]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise StateError(
            f"no snapshot named {', '.join(map(repr, unknown))}; nothing deleted; expected one of "
            f"{known or 'none (run `midas snapshot`)'}"
        )
    connection.execute(snapshots.delete().where(snapshots.c.name.in_(list(names))))


def get(connection: sa.Connection, name: str) -> SnapshotRecord:
    row = connection.execute(
        sa.select(*_SUMMARY, snapshots.c.resources).where(snapshots.c.name == name)
    ).first()
    if row is None:
        known = [r.name for r in listed(connection)]
        raise StateError(
            f"no snapshot named {name!r}; expected one of {known or 'none (run `midas snapshot`)'}"
        )
    return SnapshotRecord(*row)
