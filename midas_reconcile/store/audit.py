"""The append-only audit log: each row carries the SHA-256 of the previous row's hash and its own content.

``hash = sha256(prev_hash + canonical_json({"at", "actor", "action", "payload"}))`` with ``at`` as
ISO-8601 UTC with microseconds and the first row's ``prev_hash`` sixty-four zeros. Changing, inserting
or deleting a row in the middle breaks the chain at that row (or the next); ``verify`` finds it.
Truncating the newest rows cannot be detected from the table alone: anchor the latest hash elsewhere
(a CI log, a git note) if that matters.

The payload column is plain ``JSON`` (not ``JSONB``) on PostgreSQL on purpose: it keeps the text exactly
as written, so numbers read back identical and the hash recomputes bit for bit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Final

import sqlalchemy as sa

from midas_reconcile.resources import canonical_json
from midas_reconcile.store.schema import audit_log

GENESIS_HASH: Final = "0" * 64
#: Rows fetched per round trip while verifying (the log may be long).
_VERIFY_CHUNK: Final = 2000


def normalise_payload(payload: Mapping[str, Any]) -> Any:
    """The payload as it will read back from the database: JSON types only (others become strings)."""
    return json.loads(canonical_json(dict(payload)))


def entry_hash(prev_hash: str, at: dt.datetime, actor: str, action: str, payload: Any) -> str:
    """The hash of one audit row given the previous row's hash."""
    body = canonical_json(
        {
            "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "payload": payload,
        }
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def append(
    connection: sa.Connection, at: dt.datetime, actor: str, action: str, payload: Mapping[str, Any]
) -> None:
    """Append one row; the caller serialises appenders (same transaction as this call)."""
    last = connection.execute(
        sa.select(audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)
    ).scalar_one_or_none()
    prev_hash = last or GENESIS_HASH
    # Microsecond precision is what both backends keep; hash exactly what will read back.
    at = at.astimezone(dt.UTC)
    stored = normalise_payload(payload)
    connection.execute(
        sa.insert(audit_log).values(
            at=at,
            actor=actor,
            action=action,
            payload=stored,
            prev_hash=prev_hash,
            hash=entry_hash(prev_hash, at, actor, action, stored),
        )
    )


def verify(connection: sa.Connection) -> list[str]:
    """Recompute the chain; one message per broken row, in id order (empty when the chain is intact)."""
    problems: list[str] = []
    expected_prev = GENESIS_HASH
    columns = (
        audit_log.c.id,
        audit_log.c.at,
        audit_log.c.actor,
        audit_log.c.action,
        audit_log.c.payload,
        audit_log.c.prev_hash,
        audit_log.c.hash,
    )
    last_id = None
    while True:
        query = sa.select(*columns).order_by(audit_log.c.id).limit(_VERIFY_CHUNK)
        if last_id is not None:
            query = query.where(audit_log.c.id > last_id)
        rows = connection.execute(query).all()
        if not rows:
            return problems
        for row_id, at, actor, action, payload, prev_hash, stored_hash in rows:
            if prev_hash != expected_prev:
                problems.append(
                    f"audit row {row_id}: prev_hash does not match the hash of the row before it "
                    "(a row was removed, inserted or rewritten)"
                )
            if entry_hash(prev_hash, at, actor, action, payload) != stored_hash:
                problems.append(f"audit row {row_id}: content does not match its hash (the row was altered)")
            expected_prev = stored_hash
            last_id = row_id
