"""Plan: the exact list of changes an apply will make, and its saved (JSON) form.

A ``Change`` is ``Action`` + ``before`` (live) + ``after`` (desired) + the field-level differences and
a human ``reason`` that only explains. A saved plan carries the fingerprint of the live state of each
account it was made from, so that ``apply PLANFILE`` can refuse a stale plan.

JSON schema (``format_version`` 1)::

    {"format_version": 1, "created_at": ISO-8601, "accounts": [name…],
     "fingerprints": {account: sha256}, "allow_destroy": bool,
     "changes": [{"address", "action", "reason", "irreversible", "warnings": [...],
                  "fields": [{"path", "before", "after"}], "before": Resource|null,
                  "after": Resource|null, "moved_from": address|null, "keeps_old": bool,
                  "removes_too": [platform id…]}],
     "unmanaged": [address…], "existing": {address: platform id}, "released": [address…],
     "lifecycle_updates": {address: [recorded on_remove, specified on_remove]},
     "record_refreshes": {address: [field path…]},
     "violations": [...], "warnings": [...], "left_alone": {address: note}}

``left_alone`` holds what the plan leaves alone of a console's and says so of, by address
(``Plan.left_alone``): its notes are also told as warnings (``left_alone_warning``), so a plan saved before
it was kept loads with none, and drift of such a plan notes nothing left alone.

``existing`` holds the audiences built outside MIDAS (``existing: true`` specs) that the plan found live
on its accounts, with the ids the apply sends for them: they are never changes of a plan. ``released``
holds those of them MIDAS once applied (as customer lists), and objects of MIDAS's kept because something it
does not manage uses them (a Meta creative another ad runs, its own ad deleted): the apply forgets their
records.

A change with ``moved_from`` is a live object MIDAS recorded at that address, now wanted at the change's
own: an ad whose creative the specs renamed (``ad_names.renamed_ads``), or such a Meta ad's creative; an ad
group (Meta: ad set) or a campaign the specs renamed, and everything addressed under it
(``renames.renamed_in_place``). Its action says what the platform gets (NOOP: nothing; UPDATE: a new ``name``
of a Meta ad, an ad group or a campaign, a status); the apply moves the record first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from midas_reconcile.errors import PlanError
from midas_reconcile.resources import Address, Resource

FORMAT_VERSION = 1


class Action(StrEnum):
    """What the apply does to one resource."""

    CREATE = "create"
    UPDATE = "update"
    #: Immutable fields changed: the old object is removed and a new one created in its place.
    REPLACE = "replace"
    PAUSE = "pause"
    DELETE = "delete"
    NOOP = "noop"


#: What a plan calls an object whose record moves (``Change.moved_from``), by (platform, kind).
_MOVED_NOUNS: Final = {
    ("google", "campaign_budget"): "budget",
    ("google", "campaign_criterion"): "criterion",
    ("google", "ad_group"): "ad group",
    ("google", "ad_group_criterion"): "criterion",
    ("google", "ad_group_ad"): "ad",
    ("google", "asset_group"): "asset group",
    ("google", "ad_group_bid_modifier"): "bid adjustment",
    ("meta", "adset"): "ad set",
    ("meta", "adcreative"): "creative",
    ("meta", "ad"): "ad",
}


def moved_noun(address: Address) -> str:
    """What a plan calls the object at ``address`` when its record moves: "ad group", "creative" …"""
    return _MOVED_NOUNS.get((address.platform, address.kind), address.kind)


def left_alone_warning(address: Address, note: str) -> str:
    """The warning a plan tells its ``note`` on the object it leaves alone at ``address`` as
    (``Plan.left_alone``), on that object's change and among the plan's own."""
    return f"{address}: {note}"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field that differs; ``path`` is dotted (``targeting.age_min``, ``refs.creative``)."""

    path: str
    before: Any
    after: Any


@dataclass(slots=True)
class Change:
    """One planned change to one resource (slotted: a plan holds one per resource, 100,000s of them)."""

    address: Address
    action: Action
    before: Resource | None
    after: Resource | None
    fields: list[FieldChange] = field(default_factory=list)
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    #: The platform cannot undo it (Google removal).
    irreversible: bool = False
    #: Where MIDAS recorded the object before: the apply moves its record here before any write.
    moved_from: Address | None = None
    #: A REPLACE whose old object stays: something MIDAS does not manage still uses it (a Meta creative
    #: another ad runs).
    keeps_old: bool = False
    #: A REPLACE's other objects at its address that go with its old one (platform ids): what an apply killed
    #: while replacing it made, which the specs no longer want (``planner.replacements_made``).
    removes_too: tuple[str, ...] = ()

    @property
    def counted_as(self) -> Action:
        """The action a plan counts and shows this change as: a pause that sends no status (one stopped
        already, or an ad group paused with its campaign, whose marker's link alone is sent) is an update."""
        if self.action is Action.PAUSE and all(f.path != "status" for f in self.fields):
            return Action.UPDATE
        return self.action

    def to_dict(self) -> dict[str, Any]:
        return {
            "address": str(self.address),
            "action": self.action.value,
            "reason": self.reason,
            "irreversible": self.irreversible,
            "warnings": list(self.warnings),
            "fields": [{"path": f.path, "before": f.before, "after": f.after} for f in self.fields],
            "before": self.before.to_dict() if self.before else None,
            "after": self.after.to_dict() if self.after else None,
            "moved_from": str(self.moved_from) if self.moved_from else None,
            "keeps_old": self.keeps_old,
            "removes_too": list(self.removes_too),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        return cls(
            address=Address.parse(data["address"]),
            action=Action(data["action"]),
            before=Resource.from_dict(data["before"]) if data.get("before") else None,
            after=Resource.from_dict(data["after"]) if data.get("after") else None,
            fields=[FieldChange(f["path"], f["before"], f["after"]) for f in data["fields"]],
            reason=data.get("reason", ""),
            warnings=list(data.get("warnings", [])),
            irreversible=bool(data.get("irreversible", False)),
            moved_from=Address.parse(data["moved_from"]) if data.get("moved_from") else None,
            keeps_old=bool(data.get("keeps_old", False)),
            removes_too=tuple(str(i) for i in data.get("removes_too", [])),
        )


@dataclass
class Plan:
    """Every change for the accounts planned, in apply order, plus what blocks or qualifies it."""

    accounts: list[str]
    changes: list[Change]
    fingerprints: dict[str, str] = field(default_factory=dict)
    unmanaged: list[Address] = field(default_factory=list)
    #: Audiences built outside MIDAS that campaigns may target: address → live platform id.
    existing: dict[Address, str] = field(default_factory=dict)
    #: Audiences MIDAS once applied that a spec now says are built outside it (``existing: true``): the
    #: apply drops MIDAS's records of them, so that removing the spec later never deletes them.
    released: list[Address] = field(default_factory=list)
    #: The records whose ``lifecycle.on_remove`` the specs changed, the object itself unchanged (a NOOP):
    #: address → (recorded, specified). The apply records them though it sends nothing; until it does, a
    #: removal would follow the recorded setting.
    lifecycle_updates: dict[Address, tuple[str, str]] = field(default_factory=dict)
    #: The records of objects a console changed that the specs now say as they are live (a NOOP): address →
    #: the fields changed. The apply records them though it sends nothing; until it does, drift reports the
    #: console change on every run.
    record_refreshes: dict[Address, list[str]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    allow_destroy: bool = False
    #: The places the changes name by id, as the specs write them (or the platform names them): account →
    #: {location id: entry} (``San Francisco, US-CA``). What plans show beside the ids and what the countries
    #: guardrail checks a saved plan by.
    places: dict[str, dict[str, str]] = field(default_factory=dict)
    created_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    #: What the plan leaves alone of a console's and says so of (a Demand Gen ad group's product filter set
    #: in a console while its spec names none, ``planner.PRODUCT_FILTER_LEFT_ALONE``): address → the note,
    #: told as the warning ``left_alone_warning`` on its change and in ``warnings``. Retell or drop a note
    #: with ``retell_left_alone``, which keeps the warnings in step.
    left_alone: dict[Address, str] = field(default_factory=dict)

    @property
    def actionable(self) -> list[Change]:
        """The changes that do something (everything but noop)."""
        return [c for c in self.changes if c.action is not Action.NOOP]

    @property
    def has_changes(self) -> bool:
        return bool(
            self.actionable or self.forgets or self.moves or self.lifecycle_updates or self.record_refreshes
        )

    @property
    def moves(self) -> list[Change]:
        """The changes whose record the apply moves (``Change.moved_from``), whatever else they do."""
        return [c for c in self.changes if c.moved_from is not None]

    @property
    def shown(self) -> list[Change]:
        """The changes a rendered plan lists: those that do something, and the records moved alone."""
        return [c for c in self.changes if c.action is not Action.NOOP or c.moved_from is not None]

    @property
    def forgets(self) -> list[Address]:
        """The records an apply drops though it writes nothing: objects gone from the platforms and the
        specs alike (NOOPs "already gone"), and what it lets go (``released``). Until an apply
        drops them, drift would report those objects as deleted out of band on every run."""
        gone = [c.address for c in self.changes if c.action is Action.NOOP and c.before is None]
        return [*gone, *self.released]

    def retell_left_alone(self, notes: Mapping[Address, str | None]) -> None:
        """Tell the notes on what the plan leaves alone (``left_alone``) at the addresses of ``notes`` as
        given instead, or (None) not at all: in its ``left_alone``, and as the warnings they are told as,
        where those stand, on their changes and among the plan's own. An address with no note is skipped."""
        told: dict[str, str | None] = {}
        for address, note in notes.items():
            was = self.left_alone.get(address)
            if was is None:
                continue
            if note is None:
                told[left_alone_warning(address, was)] = None
                del self.left_alone[address]
            else:
                told[left_alone_warning(address, was)] = left_alone_warning(address, note)
                self.left_alone[address] = note
        if not told:
            return

        def retold(warnings: list[str]) -> list[str]:
            out = []
            for warning in warnings:
                now = told.get(warning, warning)
                if now is not None:
                    out.append(now)
            return out

        for change in self.changes:
            if change.warnings:
                change.warnings = retold(change.warnings)
        self.warnings = retold(self.warnings)

    def summary(self) -> dict[str, int]:
        """Counts per action (noop excluded), in a fixed order."""
        counts = Counter(c.counted_as for c in self.actionable)
        return {a.value: counts.get(a, 0) for a in Action if a is not Action.NOOP}

    def to_json(self) -> str:
        return json.dumps(
            {
                "format_version": FORMAT_VERSION,
                "created_at": self.created_at.isoformat(),
                "accounts": self.accounts,
                "fingerprints": self.fingerprints,
                "allow_destroy": self.allow_destroy,
                "changes": [c.to_dict() for c in self.changes],
                "unmanaged": [str(a) for a in self.unmanaged],
                "existing": {str(a): platform_id for a, platform_id in sorted(self.existing.items())},
                "released": [str(a) for a in self.released],
                "lifecycle_updates": {str(a): list(pair) for a, pair in self.lifecycle_updates.items()},
                "record_refreshes": {str(a): paths for a, paths in self.record_refreshes.items()},
                "violations": self.violations,
                "warnings": self.warnings,
                "places": self.places,
                "left_alone": {str(a): note for a, note in self.left_alone.items()},
            },
            indent=2,
            sort_keys=False,
            default=str,
        )

    @classmethod
    def from_json(cls, text: str) -> Plan:
        """Parse a saved plan; raises ``PlanError`` if it is not one this version can apply."""
        try:
            data = json.loads(text)
            version = data.get("format_version")
            if version != FORMAT_VERSION:
                raise PlanError(
                    f"plan file format_version {version!r} is not supported "
                    f"(this midas writes and reads {FORMAT_VERSION})"
                )
            return cls(
                accounts=list(data["accounts"]),
                changes=[Change.from_dict(c) for c in data["changes"]],
                fingerprints=dict(data["fingerprints"]),
                unmanaged=[Address.parse(a) for a in data.get("unmanaged", [])],
                existing={Address.parse(a): str(i) for a, i in data.get("existing", {}).items()},
                released=[Address.parse(a) for a in data.get("released", [])],
                lifecycle_updates={
                    Address.parse(a): (str(old), str(new))
                    for a, (old, new) in data.get("lifecycle_updates", {}).items()
                },
                record_refreshes={
                    Address.parse(a): [str(p) for p in paths]
                    for a, paths in data.get("record_refreshes", {}).items()
                },
                violations=list(data.get("violations", [])),
                warnings=list(data.get("warnings", [])),
                allow_destroy=bool(data.get("allow_destroy", False)),
                places={
                    str(account): {str(i): str(entry) for i, entry in entries.items()}
                    for account, entries in data.get("places", {}).items()
                },
                created_at=dt.datetime.fromisoformat(data["created_at"]),
                left_alone={Address.parse(a): str(note) for a, note in data.get("left_alone", {}).items()},
            )
        except PlanError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PlanError(f"not a MIDAS plan file: {exc}") from None
