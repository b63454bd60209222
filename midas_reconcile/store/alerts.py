"""The alert event lifecycle in the state store: firing → (reminders) → resolved.

A rule that starts to hold for a subject opens a ``firing`` event and is notified; while it keeps holding
it is notified again once per cool-down at most; when a check judges the subject and the rule no longer
holds (or the rule is gone), the event is ``resolved`` and notified once more. Every function runs inside
the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa

from midas_reconcile.alerts import subject_of, without_account
from midas_reconcile.resources import Address, segment_name
from midas_reconcile.store.schema import alert_events, webhook_deliveries

NoticeKind = Literal["firing", "still firing", "resolved"]


@dataclass(frozen=True)
class Notice:
    """Something to tell the rule's channels."""

    kind: NoticeKind
    rule: str
    subject: str
    severity: str
    message: str
    channels: tuple[str, ...]


@dataclass(frozen=True)
class EventRecord:
    rule: str
    subject: str
    status: str
    severity: str
    value: str
    message: str
    fired_at: dt.datetime
    resolved_at: dt.datetime | None


def move_subjects(connection: sa.Connection, moves: Sequence[tuple[Address, Address]]) -> None:
    """Put the events of each campaign of ``moves`` (old address, new address) under its new name, as its
    metrics are: a campaign renamed in place is the same subject, its open events resolved or reminded
    by the checks that judge it under its new name (never fired afresh)."""
    renamed = []
    for old, new in moves:
        if old.kind == "campaign" and new.kind == "campaign":
            before = subject_of(segment_name(old.campaign), old.platform, old.account)
            after = subject_of(segment_name(new.campaign), new.platform, new.account)
            # Events recorded before subjects named their account move too, still without it (see ``record``).
            renamed += [
                {"old": before, "new": after},
                {"old": without_account(before), "new": without_account(after)},
            ]
    if renamed:
        by_subject = sa.update(alert_events).where(alert_events.c.subject == sa.bindparam("old"))
        connection.execute(by_subject.values(subject=sa.bindparam("new")), renamed)


def record(
    connection: sa.Connection,
    findings: Sequence[Any],
    *,
    judged: Collection[str],
    rules: Collection[str],
    now: dt.datetime,
) -> list[Notice]:
    """Apply one check's findings (``alerts.Finding``) to the open events; returns what to notify.

    An open event recorded before subjects named their account (``<campaign>@<platform>``) belongs to the
    one account judged for its campaign, and carries on under that account's subject; judged in several
    accounts, it resolves, and each account's subject fires on its own."""
    e = alert_events.c
    open_rows = connection.execute(sa.select(alert_events).where(e.status == "firing")).mappings().all()
    open_events: dict[tuple[str, str], Any] = {(r["rule"], r["subject"]): r for r in open_rows}
    owners: dict[str, list[str]] = {}
    for item in judged:
        if without_account(item) != item:
            owners.setdefault(without_account(item), []).append(item)
    for (rule, subject), event in list(open_events.items()):
        mine = owners.get(f"{rule}/{subject}", [])
        qualified = mine[0][len(rule) + 1 :] if len(mine) == 1 else None
        if qualified is not None and (rule, qualified) not in open_events:
            connection.execute(sa.update(alert_events).where(e.id == event["id"]).values(subject=qualified))
            del open_events[(rule, subject)]
            open_events[(rule, qualified)] = {**event, "subject": qualified}
    judged = {*judged, *owners}
    notices: list[Notice] = []
    firing: set[tuple[str, str]] = set()
    for f in findings:
        key = (f.rule, f.subject)
        firing.add(key)
        event = open_events.get(key)
        values = {"value": str(f.value), "message": f.message, "severity": f.severity, "last_seen_at": now}
        if event is None:
            connection.execute(
                sa.insert(alert_events).values(
                    rule=f.rule,
                    subject=f.subject,
                    status="firing",
                    channels=list(f.channels),
                    fired_at=now,
                    notified_at=now,
                    **values,
                )
            )
            notices.append(Notice("firing", f.rule, f.subject, f.severity, f.message, tuple(f.channels)))
            continue
        if now - event["notified_at"] >= f.cooldown:
            values["notified_at"] = now
            notices.append(
                Notice("still firing", f.rule, f.subject, f.severity, f.message, tuple(f.channels))
            )
        connection.execute(sa.update(alert_events).where(e.id == event["id"]).values(**values))
    for key, event in open_events.items():
        if key in firing or (f"{key[0]}/{key[1]}" not in judged and key[0] in rules):
            continue
        connection.execute(
            sa.update(alert_events)
            .where(e.id == event["id"])
            .values(status="resolved", resolved_at=now, notified_at=now)
        )
        notices.append(
            Notice(
                "resolved",
                event["rule"],
                event["subject"],
                event["severity"],
                f"resolved: {event['message']}",
                tuple(event["channels"] or ()),
            )
        )
    return notices


def history(connection: sa.Connection, limit: int) -> list[EventRecord]:
    """The latest events, newest first."""
    rows = connection.execute(
        sa.select(alert_events)
        .order_by(alert_events.c.fired_at.desc(), alert_events.c.id.desc())
        .limit(limit)
    ).mappings()
    return [
        EventRecord(
            r["rule"],
            r["subject"],
            r["status"],
            r["severity"],
            r["value"],
            r["message"],
            r["fired_at"],
            r["resolved_at"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Delivery:
    """A stored webhook delivery still to make."""

    id: int
    channel: str
    notice: dict[str, Any]
    attempts: int


def queue_deliveries(
    connection: sa.Connection, deliveries: Sequence[tuple[str, dict[str, Any]]], now: dt.datetime
) -> None:
    if deliveries:
        connection.execute(
            sa.insert(webhook_deliveries),
            [
                {"channel": channel, "notice": notice, "status": "pending", "attempts": 0, "created_at": now}
                for channel, notice in deliveries
            ],
        )


def pending_deliveries(connection: sa.Connection) -> list[Delivery]:
    d = webhook_deliveries.c
    rows = connection.execute(
        sa.select(webhook_deliveries).where(d.status == "pending").order_by(d.id)
    ).mappings()
    return [Delivery(int(r["id"]), r["channel"], dict(r["notice"]), int(r["attempts"])) for r in rows]


def delivery_done(connection: sa.Connection, delivery_id: int, error: str | None, now: dt.datetime) -> None:
    d = webhook_deliveries.c
    values: dict[str, Any] = {"attempts": d.attempts + 1, "last_error": error}
    if error is None:
        values.update(status="sent", sent_at=now)
    connection.execute(sa.update(webhook_deliveries).where(d.id == delivery_id).values(**values))
