"""The members of each platform audience that MIDAS has confirmed uploaded (``audience_members``).

What the platforms accepted, not what the customer list says: a member is added here only in the
transaction that confirms the batch which sent it, and removed only in the one confirming its removal,
so an upload that dies half-way resumes from exactly what reached the platform. Rows hold SHA-256
hashes only (the payload is what the platform received). Every function runs in the caller's
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from midas_reconcile.resources import Address
from midas_reconcile.store.schema import audience_members

#: Rows per INSERT / DELETE statement (PostgreSQL and SQLite both cap bound parameters per statement).
_CHUNK = 5_000


def _of(address: Address) -> sa.ColumnElement[bool]:
    c = audience_members.c
    return sa.and_(c.platform == address.platform, c.account == address.account, c.audience == address.path)


def load(connection: sa.Connection, address: Address) -> dict[str, Any]:
    """``{member key: payload}`` of the audience at ``address``."""
    c = audience_members.c
    rows = connection.execute(sa.select(c.member_key, c.payload).where(_of(address)))
    return {key: payload for key, payload in rows}


def keys(connection: sa.Connection, addresses: Iterable[Address]) -> dict[Address, list[str]]:
    """The member keys of each audience (sorted; an audience without members is absent)."""
    c = audience_members.c
    out: dict[Address, list[str]] = {}
    for address in addresses:
        found = connection.execute(sa.select(c.member_key).where(_of(address)).order_by(c.member_key))
        members = list(found.scalars())
        if members:
            out[address] = members
    return out


def change(
    connection: sa.Connection, address: Address, added: Mapping[str, Any], removed: Sequence[str]
) -> None:
    """Record members the platform confirmed added (key → payload) and removed (keys)."""
    c = audience_members.c
    removed = [*removed, *added]  # an added key replaces any stale row of it (a changed payload)
    for start in range(0, len(removed), _CHUNK):
        part = removed[start : start + _CHUNK]
        connection.execute(audience_members.delete().where(_of(address), c.member_key.in_(part)))
    rows = [
        {
            "platform": address.platform,
            "account": address.account,
            "audience": address.path,
            "member_key": key,
            "payload": payload,
        }
        for key, payload in added.items()
    ]
    for start in range(0, len(rows), _CHUNK):
        connection.execute(sa.insert(audience_members), rows[start : start + _CHUNK])


def forget(connection: sa.Connection, address: Address) -> None:
    """Drop every member of an audience (it was deleted on the platform)."""
    connection.execute(audience_members.delete().where(_of(address)))
