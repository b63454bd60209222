"""Drift: what changed on the platforms since MIDAS last applied. Pure, no I/O.

``drift(recorded, live, desired)`` compares the store's record of each managed resource with the live
object and reports, in address order: objects deleted out of band (once, at the top-most missing
object), objects whose ``midas-managed`` marker was removed (once per campaign), field changes
(recorded → live, and whether the specs now agree with live), and unmanaged live campaigns that look
like console copies of managed ones. Live objects are indexed as the planner does
(``planner.index_live``): removed/deleted objects and what lies inside them count as not live.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from midas_reconcile.diff import diff, normalize_fields
from midas_reconcile.planner import ancestors, campaign_of, container_of, index_live
from midas_reconcile.resources import (
    MANAGED_MARKER,
    ROOT_KIND,
    Address,
    Resource,
    canonical_json,
    is_shared_budget,
)

DriftKind = Literal["changed", "deleted", "unmarked", "copy"]


@dataclass(frozen=True)
class DriftField:
    """One field changed out of band: what MIDAS last applied, what is live now, and (when the specs
    were given) whether the specs now say what live says (``None``: not asked, or not in the specs)."""

    path: str
    recorded: Any
    live: Any
    spec_agrees: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "recorded": self.recorded,
            "live": self.live,
            "spec_agrees": self.spec_agrees,
        }


@dataclass(frozen=True)
class DriftItem:
    """One finding: ``changed`` (fields differ), ``deleted`` (out of band), ``unmarked`` (the marker
    was removed) or ``copy`` (an unmanaged campaign resembling ``similar_to``)."""

    address: Address
    kind: DriftKind
    message: str
    fields: tuple[DriftField, ...] = ()
    similar_to: Address | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "address": str(self.address),
            "kind": self.kind,
            "message": self.message,
            "fields": [f.to_dict() for f in self.fields],
            "similar_to": str(self.similar_to) if self.similar_to else None,
        }


@dataclass
class DriftReport:
    """Everything that changed on the platforms since MIDAS last applied, in address order."""

    items: list[DriftItem] = field(default_factory=list)
    #: How many recorded resources were compared.
    checked: int = 0

    @property
    def has_drift(self) -> bool:
        return bool(self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": 1,
            "has_drift": self.has_drift,
            "checked": self.checked,
            "items": [item.to_dict() for item in self.items],
        }


#: Names the platforms' consoles give to copies: "x (copy)", "Copy of x", "x - Copy", "x 2", "x #2", "x (1)".
_COPY_NAMES: Final = (
    re.compile(r"^copy of (?P<base>.+)$", re.IGNORECASE),
    re.compile(r"^(?P<base>.+?)\s*\(copy(?:\s*\d+)?\)$", re.IGNORECASE),
    re.compile(r"^(?P<base>.+?)\s+-\s+copy(?:\s*\d+)?$", re.IGNORECASE),
    re.compile(r"^(?P<base>.+?)\s+#?\d+$"),
    re.compile(r"^(?P<base>.+?)\s*\(\d+\)$"),
)
#: Fields that differ between a campaign and its console copy by construction.
_COPY_NOISE: Final = frozenset({"name", "labels", "adlabels"})


def _copy_bases(name: str) -> list[str]:
    return [m.group("base").strip().casefold() for p in _COPY_NAMES if (m := p.match(name.strip()))]


def _settings_key(resource: Resource) -> str | None:
    address = resource.address
    content = normalize_fields(address.platform, address.kind, resource.fields)
    content = {k: v for k, v in content.items() if k not in _COPY_NOISE}
    return canonical_json(content) if content else None


def _copies(recorded: Mapping[Address, Resource], have: Mapping[Address, Resource]) -> list[DriftItem]:
    by_name: dict[tuple[str, str, str], Address] = {}
    by_settings: dict[tuple[str, str, str], Address] = {}
    for address in sorted(recorded, key=Address.sort_key):
        live = have.get(address)
        if address.kind != ROOT_KIND or live is None:
            continue
        where = (address.platform, address.account)
        by_name.setdefault((*where, str(live.fields.get("name") or address.path).casefold()), address)
        by_name.setdefault((*where, address.path.casefold()), address)
        key = _settings_key(live)
        if key is not None:
            by_settings.setdefault((*where, key), address)
    items = []
    for address in sorted(have, key=Address.sort_key):
        if address.kind != ROOT_KIND or address in recorded:
            continue
        live = have[address]
        name = str(live.fields.get("name") or address.path)
        where = (address.platform, address.account)
        match = next((by_name[k] for b in _copy_bases(name) if (k := (*where, b)) in by_name), None)
        why = "by its name"
        if match is None:
            key = _settings_key(live)
            match = by_settings.get((*where, key)) if key is not None else None
            why = "same settings"
        if match is not None:
            items.append(
                DriftItem(
                    address,
                    "copy",
                    f"unmanaged campaign {name!r} looks like a copy of {match} ({why})",
                    similar_to=match,
                )
            )
    return items


def drift(
    recorded: Mapping[Address, Resource],
    live: Sequence[Resource],
    desired: Sequence[Resource] | None = None,
) -> DriftReport:
    """What changed on the platforms since MIDAS last applied ``recorded``.

    For each recorded address: deleted out of band (reported once, at the top-most missing object),
    marker removed, or field differences recorded → live (with ``spec_agrees`` when ``desired`` is
    given); plus unmanaged live campaigns that look like copies of managed ones.
    """
    have, _ = index_live(live, recorded, None)
    want = {r.address: r for r in desired} if desired is not None else None
    missing = {a for a in recorded if a not in have}
    under: dict[Address, int] = {}
    for address in missing:
        top, parent = address, container_of(address)
        while parent is not None:
            if parent in missing:
                top = parent
            parent = container_of(parent)
        if top != address:
            under[top] = under.get(top, 0) + 1
    unmarked = {a for a in recorded if a.kind == ROOT_KIND and a in have and not have[a].managed}

    items: list[DriftItem] = []
    for address in sorted(recorded, key=Address.sort_key):
        live_resource = have.get(address)
        if live_resource is None:
            container = container_of(address)
            if container is None or not any(a in missing for a in ancestors(address)):
                count = under.get(address, 0)
                extra = f" (with {count} resource{'s' if count != 1 else ''} under it)" if count else ""
                items.append(DriftItem(address, "deleted", f"deleted out of band{extra}"))
            continue
        # A shared budget carries no marker and belongs to no one campaign: it reads as unmanaged when a
        # campaign MIDAS does not manage uses it too, which the plan refuses to change, not a lost marker.
        shared = is_shared_budget(address)
        if (
            not live_resource.managed
            and not shared
            and (address in unmarked or campaign_of(address) not in unmarked)
        ):
            items.append(
                DriftItem(address, "unmarked", f"the `{MANAGED_MARKER}` marker was removed out of band")
            )
        changes = diff(recorded[address], live_resource)
        if changes:
            target = want.get(address) if want is not None else None
            disagree = {c.path for c in diff(target, live_resource)} if target is not None else set()
            fields = tuple(
                DriftField(c.path, c.before, c.after, None if target is None else c.path not in disagree)
                for c in changes
            )
            paths = ", ".join(c.path for c in changes)
            items.append(DriftItem(address, "changed", f"changed out of band: {paths}", fields))
    items.extend(_copies(recorded, have))
    items.sort(key=lambda item: (item.address.sort_key(), item.kind))
    return DriftReport(items=items, checked=len(recorded))
