"""Drift: what changed on the platforms since MIDAS last applied. Pure, no I/O.

``drift(recorded, live, desired)`` compares the store's record of each managed resource with the live
object and reports, in address order: objects deleted out of band (once, at the top-most missing
object; also when another object was built in a console at its address since, told with that one's id
and what the plan does with it), objects added inside a managed campaign (once, at the top-most added
object), objects whose ``midas-managed`` marker was removed (once per campaign), field changes
(recorded → live, and whether the specs now agree with live), Meta settings MIDAS never sends nor compares
set in a console (``unheld``: ``resources.META_IMPORT_ONLY``), and unmanaged live campaigns that look
like console copies of managed ones. Live objects are indexed as the planner does
(``planner.index_live``): removed/deleted objects and what lies inside them count as not live.

An audience built outside MIDAS (``existing: true``) that was renamed or deleted in a console is reported
once, at the audience (``renamed`` / ``missing``), and not as the criteria and ad sets that target it
having changed or been deleted: they still target the same audience id, which now goes by another name
or by none (``_existing_audiences``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from midas_reconcile.ad_names import renamed_ads
from midas_reconcile.diff import diff, normalize_fields
from midas_reconcile.importing.import_only import it_or_them, meta_unheld_in, why_left
from midas_reconcile.importing.unheld import Unheld, unheld_instagram_account
from midas_reconcile.left_alone import let_go_modifiers, unheld_modifiers, unheld_modifiers_before_rename
from midas_reconcile.plan import Action, Change, Plan, left_alone_warning
from midas_reconcile.planner import ancestors, index_live
from midas_reconcile.renames import renamed_in_place
from midas_reconcile.resources import (
    AUDIENCE_KIND,
    AUDIENCE_REF,
    GOOGLE,
    MANAGED_MARKER,
    MARKER_FIELDS,
    META,
    ROOT_KIND,
    Address,
    Resource,
    audience_ref,
    campaign_of,
    canonical_json,
    carries_marker,
    is_audience_ref,
    is_shared_budget,
    lacks_marker,
    path_segment,
    replaced,
)
from midas_reconcile.spec._google_ad_group_devices import GROUP_DEVICE_GONE, is_group_modifier_address
from midas_reconcile.spec._google_devices import is_device_address
from midas_reconcile.targeting.meta import AUDIENCE_FIELDS as META_AUDIENCE_FIELDS
from midas_reconcile.targeting.model import UNNAMED_AUDIENCE_PREFIX, is_unnamed_audience

DriftKind = Literal[
    "changed",
    "deleted",
    "added",
    "unmarked",
    "copy",
    "renamed",
    "missing",
    "unrecorded",
    "unlinked",
    "unheld",
]


@dataclass(frozen=True)
class DriftField:
    """One field changed out of band: what MIDAS last applied, what is live now, (when the specs were
    given) whether the specs now say what live says (``None``: not asked, or not in the specs), and whether
    the plan is ``blocked`` where it lies (its campaign lost MIDAS's marker: the plan changes nothing in
    it, so it restores no field the specs disagree with)."""

    path: str
    recorded: Any
    live: Any
    spec_agrees: bool | None = None
    blocked: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "recorded": self.recorded,
            "live": self.live,
            "spec_agrees": self.spec_agrees,
            "blocked": self.blocked,
        }


@dataclass(frozen=True)
class DriftItem:
    """One finding: ``changed`` (fields differ), ``deleted`` (out of band), ``added`` (out of band, in a
    campaign MIDAS manages), ``unmarked`` (the marker was removed), ``copy`` (an unmanaged campaign
    resembling ``similar_to``), of an existing audience (``existing: true``, at its address) ``renamed``
    or ``missing`` (deleted) in a console, ``unrecorded``: made by an apply of MIDAS's that was
    interrupted before it recorded it (its journal claims the address), which the plan takes as MIDAS's,
    ``unlinked``: made by the last apply, whose create failed on linking its marker (``_unlinked``), or
    ``unheld``: a setting MIDAS reads but never sends nor compares (``resources.META_IMPORT_ONLY``) set in
    a console, which a replacement of the object would drop."""

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
    #: The places the findings name by id (``Plan.places``): account → {location id: entry}.
    places: dict[str, dict[str, str]] = field(default_factory=dict)
    #: What was added out of band that the plan leaves alone and says so of (``Plan.left_alone``: a Demand Gen
    #: ad group's product filter set in a console, ``planner.PRODUCT_FILTER_LEFT_ALONE``): told, never drift.
    notes: list[str] = field(default_factory=list)

    @property
    def has_drift(self) -> bool:
        return bool(self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": 1,
            "has_drift": self.has_drift,
            "checked": self.checked,
            "items": [item.to_dict() for item in self.items],
            "places": self.places,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class _Planned:
    """The plan of the same state as drift reads it, its changes indexed by address once (drift asks what it
    does of each top-most object added or deleted out of band). Drift reads the plan as the planner made it:
    nothing changes it after ``of`` (a session's annotations or a restore's retelling never run here)."""

    plan: Plan
    changes: Mapping[Address, Change]

    @classmethod
    def of(cls, plan: Plan) -> _Planned:
        changes: dict[Address, Change] = {}
        for change in plan.changes:
            changes.setdefault(change.address, change)  # the first, were there two (a plan has one each)
        return cls(plan, changes)


def _added(
    recorded: Mapping[Address, Resource],
    have: Mapping[Address, Resource],
    unmarked: set[Address],
    rebuilt: set[Address],
    planned: Callable[[], _Planned | None],
    claimed: Set[Address] = frozenset(),
    notes: list[str] | None = None,
) -> list[DriftItem]:
    """Objects someone added in a console inside a campaign MIDAS manages (a keyword, a radius, an ad): its
    campaign makes them MIDAS's (``planner``, invariant 1). Each is reported once, at the top-most added
    object (an ad with its creative, an ad group with what is in it), with what ``planned`` (the plan of
    the same live state) does with it; one the plan leaves alone and never records (an ad group added
    paused where the specs hold none, a place beside a campaign that names none …) is not drift. What was
    added inside an object ``rebuilt`` in a console is told with it. One at an address the journal
    ``claimed`` was made by an interrupted apply of MIDAS's, not in a console: ``unrecorded``. What the
    plan leaves alone saying so (``Plan.left_alone``, told as its warning) goes to ``notes``."""
    added = {
        address
        for address in have
        if address not in recorded
        and address.kind not in (ROOT_KIND, AUDIENCE_KIND[address.platform])
        and not is_shared_budget(address)
        and (campaign := campaign_of(address)) in recorded
        and campaign in have
        and campaign not in unmarked
        and not any(a in rebuilt for a in ancestors(address, followed=True))
    }
    if not added:
        return []
    under: dict[Address, int] = {}
    tops = []
    for address in added:
        if above := [a for a in ancestors(address, followed=True) if a in added]:
            under[above[-1]] = under.get(above[-1], 0) + 1
        else:
            tops.append(address)
    plan = planned()
    items = []
    for address in sorted(tops, key=Address.sort_key):
        fate = _Fate() if plan is None else _fate(address, plan)
        if fate is None:  # the plan leaves it alone (a claimed one included: no apply would settle it)
            note = plan.plan.left_alone.get(address) if plan is not None else None
            if note is not None and notes is not None:
                notes.append(left_alone_warning(address, note))
            continue
        if address in claimed:
            made = f"made by an interrupted apply of MIDAS's{_under(under.get(address, 0))}"
            message = f"{made}, not recorded yet"
            items.append(DriftItem(address, "unrecorded", message + fate.told, fate.fields))
            continue
        message = f"added out of band{_under(under.get(address, 0))}{fate.told}"
        items.append(DriftItem(address, "added", message, fate.fields))
    return items


def _under(count: int) -> str:
    return f" (with {count} resource{'s' if count != 1 else ''} under it)" if count else ""


@dataclass(frozen=True)
class _Fate:
    """What the plan does with an object made out of band: as drift says it, and the fields it changes
    (live, and not as the specs say: no record has them)."""

    told: str = ""
    fields: tuple[DriftField, ...] = ()


def _fate(address: Address, planned: _Planned) -> _Fate | None:
    """What ``planned`` does with the object made out of band at ``address``; None: nothing, ever."""
    change = planned.changes.get(address)
    if address in planned.plan.record_refreshes:
        return _Fate("; as the specs have it (the next apply records it)")
    if change is None or change.action is Action.NOOP:
        return None
    if change.action is Action.DELETE and is_device_address(address):  # Google removes none: a reset
        return _Fate("; not in the specs (plan resets it to 1.0)")
    if change.action in (Action.DELETE, Action.PAUSE):
        verb = "deletes" if change.action is Action.DELETE else "pauses"
        return _Fate(f"; not in the specs (plan {verb} it)")
    if change.action is Action.UPDATE and {f.path for f in change.fields} <= MARKER_FIELDS:
        # MIDAS's own label is no difference of the specs': the apply adds it and records the object.
        return _Fate("; as the specs have it but for MIDAS's marker (the next apply marks and records it)")
    paths = ", ".join(f.path for f in change.fields if f.path not in MARKER_FIELDS) or "it"
    fields = tuple(
        DriftField(f.path, None, f.before, False) for f in change.fields if f.path not in MARKER_FIELDS
    )
    return _Fate(f"; the specs have it otherwise (plan {change.action.value}s {paths})", fields)


#: Names the platforms' consoles give to copies: "x (copy)", "Copy of x", "x - Copy", "x 2", "x #2", "x (1)".
_COPY_NAMES: Final = (
    re.compile(r"^copy of (?P<base>.+)$", re.IGNORECASE),
    re.compile(r"^(?P<base>.+?)\s*\(copy(?:\s*\d+)?\)$", re.IGNORECASE),
    re.compile(r"^(?P<base>.+?)\s+-\s+copy(?:\s*\d+)?$", re.IGNORECASE),
    re.compile(r"^(?P<base>.+?)\s+#?\d+$"),
    re.compile(r"^(?P<base>.+?)\s*\(\d+\)$"),
)
#: Fields that differ between a campaign and its console copy by construction.
_COPY_NOISE: Final = frozenset({"name", *MARKER_FIELDS})


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


# --- existing audiences renamed or deleted in a console ----------------------------------------------

#: A recorded resource targeting an existing audience, the live one that takes its place, and (Meta) the
#: targeting field in which the audience's spec name was replaced.
_Evidence = tuple[Resource, Resource, str]


def _stand_in(record: Resource, live: Resource, name: str) -> tuple[str, str] | None:
    """The targeting field of an ad set that lost audience ``name`` and gained exactly one other in its
    place, with that one: (field, name now there)."""
    before = record.fields.get("targeting") or {}
    after = live.fields.get("targeting") or {}
    for key in META_AUDIENCE_FIELDS:
        lost = set(before.get(key) or ()) - set(after.get(key) or ())
        gained = set(after.get(key) or ()) - set(before.get(key) or ())
        if lost == {name} and len(gained) == 1:
            return key, gained.pop()
    return None


def _named_back(live: Resource, record: Resource, target: Address, name: str, now: str, key: str) -> Resource:
    """``live`` as if the audience at ``target``, now called ``now``, still had its spec name ``name``."""
    refs = dict(live.refs)
    if live.address.platform == GOOGLE:
        fields = {**live.fields, "user_list": name}
        refs.pop(audience_ref(now), None)
    else:
        targeting = dict(live.fields["targeting"])
        targeting[key] = sorted({name if n == now else n for n in targeting[key]})
        if not any(now in (targeting.get(k) or ()) for k in META_AUDIENCE_FIELDS):
            refs.pop(audience_ref(now), None)
        fields = {**live.fields, "targeting": targeting}
    refs[audience_ref(name)] = target
    return dataclasses.replace(live, address=record.address, fields=fields, refs=refs)


def _existing_audiences(
    recorded: Mapping[Address, Resource],
    have: dict[Address, Resource],
    desired: Sequence[Resource] | None,
) -> list[DriftItem]:
    """Audiences built outside MIDAS (what MIDAS applied targets them, but never recorded them: the
    ``existing: true`` ones) no longer live under their name while what targets them still does by id:
    ``renamed`` (an audience of another name has the id) or ``missing`` (no audience of the account has
    it). ``have`` (which holds the accounts' audiences) is mended in place: what targets such an audience
    reads as targeting it by its old name, so that it is not also reported deleted or changed.

    Google: a criterion's user list is immutable (google-ads v26 ``AdGroupCriterion.user_list``:
    "Immutable. User List."; a user list's ``name`` is not), so the live criterion of a recorded one's id
    targets the same list whatever it is called now. Meta: an ad set's targeting can be edited, so a
    rename is read only from a targeting field that lost the audience's name and gained one name in its
    place. An audience is reported only when everything targeting it tells the same story, and never as
    renamed to an audience MIDAS made.
    """
    gone = {
        target: ref_name.removeprefix(AUDIENCE_REF)
        for record in recorded.values()
        for ref_name, target in record.refs.items()
        if is_audience_ref(ref_name) and target not in recorded and target not in have
    }
    if not gone:
        return []
    criteria: dict[tuple[str, str, str | None], Resource] = {
        (r.address.platform, r.address.account, r.platform_id): r
        for r in have.values()
        if r.address.kind == "ad_group_criterion" and r.platform_id
    }
    evidence: dict[Address, list[_Evidence]] = {}
    now_named: dict[Address, set[str]] = {}
    for record in recorded.values():
        for ref_name, target in record.refs.items():
            if not is_audience_ref(ref_name) or target not in gone:
                continue
            if record.address.kind == "ad_group_criterion":
                live = criteria.get((target.platform, target.account, record.platform_id))
                if live is None or record.address in have:
                    continue
                key, now = "", str(live.fields.get("user_list"))
            else:
                live = have.get(record.address)
                found = _stand_in(record, live, gone[target]) if live is not None else None
                if live is None or found is None:
                    continue
                key, now = found
            evidence.setdefault(target, []).append((record, live, key))
            now_named.setdefault(target, set()).add(now)
    targeted = {t for r in desired or () for n, t in r.refs.items() if is_audience_ref(n)}
    items = []
    for target in sorted(evidence, key=Address.sort_key):
        if len(now_named[target]) != 1:
            continue
        (now,) = now_named[target]
        name, where = gone[target], f"{target.platform} account {target.account!r}"
        if is_unnamed_audience(now):
            kind: DriftKind = "missing"
            message = (
                f"audience {name!r} (existing, id {now.removeprefix(UNNAMED_AUDIENCE_PREFIX)}) is no longer "
                f"on {where} (deleted out of band), though campaigns still target its id: build it again, "
                "or stop targeting it"
            )
        else:
            renamed = Address(target.platform, target.account, target.kind, path_segment(now))
            audience = have.get(renamed)
            if audience is None or renamed in recorded:
                continue
            kind = "renamed"
            agrees = desired is not None and renamed in targeted and target not in targeted
            message = (
                f"audience {name!r} (existing, id {audience.platform_id}) is now named {now!r} on {where} "
                "(renamed out of band)"
                + (
                    ", as the specs now say (the next apply records it)"
                    if agrees
                    else ": rename it back or update the spec"
                )
            )
        for record, live, key in evidence[target]:
            current = have.get(record.address, live)
            if live.address != record.address and have.get(live.address) is live:
                del have[live.address]
            have[record.address] = _named_back(current, record, target, name, now, key)
        items.append(DriftItem(target, kind, message))
    return items


def _deleted(
    address: Address,
    record: Resource,
    live: Resource | None,
    under: Mapping[Address, int],
    unmarked: set[Address],
    planned: Callable[[], _Planned | None],
    claimed: Set[Address] = frozenset(),
    target: Resource | None = None,
) -> DriftItem:
    """MIDAS's object at ``address`` deleted out of band (the top-most of those deleted), with how many
    recorded objects went with it; and when another was built there since (``live``), that one, made
    outside MIDAS, with what the plan does with it (its fields are not MIDAS's to compare). A campaign so
    rebuilt carries no marker: the plan refuses it (``unmarked``). A Google campaign's device criterion is
    never deleted (``spec._google_devices``): gone from the read, it was reset to 1.0. One at an address the
    journal ``claimed`` is no console's: an interrupted apply of MIDAS's replaced it (``_unrecorded``)."""
    if live is not None and address in claimed:
        return _unrecorded(address, record, live, under, planned, target)
    message = f"deleted out of band{_under(under.get(address, 0))}"
    if live is None and is_device_address(address):  # Google removes none: it reads as gone when at 1.0
        return DriftItem(address, "deleted", "reset to 1.0 (no adjustment) out of band")
    if live is None and is_group_modifier_address(address) and not under.get(address):
        return DriftItem(address, "deleted", GROUP_DEVICE_GONE)
    if live is None:
        return DriftItem(address, "deleted", message)
    message += f"; the one there now (id {live.platform_id}, MIDAS's was {record.platform_id})"
    message += " was made outside MIDAS"
    plan = planned() if address not in unmarked else None
    fate = (_fate(address, plan) if plan is not None else None) or _Fate()
    kind: DriftKind = "unmarked" if address in unmarked else "deleted"
    return DriftItem(address, kind, message + fate.told, fate.fields)


def _unrecorded(
    address: Address,
    record: Resource,
    live: Resource,
    under: Mapping[Address, int],
    planned: Callable[[], _Planned | None],
    target: Resource | None,
) -> DriftItem:
    """The object an interrupted apply of MIDAS's made in place of the one recorded at ``address`` (a
    replacement: the old one deleted, the new one's create in a batch the journal never saw finish, so
    never recorded). The plan takes it as MIDAS's (``planner``: claimed), so drift does too: told with
    what the plan does with it, and how it differs from the record and whether the specs' ``target`` agrees
    (MIDAS's marker aside: the plan adds it when the apply died before linking it)."""
    message = (
        f"made by an interrupted apply of MIDAS's in place of the one recorded (id {live.platform_id}, "
        f"MIDAS's was {record.platform_id}){_under(under.get(address, 0))}, not recorded yet"
    )
    plan = planned()
    fate = _fate(address, plan) if plan is not None else None
    # A plan with nothing to send still records it (the apply records every live object it plans).
    told = fate.told if fate is not None else ("; the next apply records it" if plan is not None else "")
    return DriftItem(address, "unrecorded", message + told, _fields(record, live, target, MARKER_FIELDS))


def _unlinked(address: Address) -> DriftItem:
    """MIDAS's object at ``address`` that the last apply made but could not mark: its create failed on the
    marker's label link, yet reported the id it is recorded and live under (the journal's, ``made``). No
    console removed the marker: the plan takes the object as MIDAS's and links it (as it pauses it, when
    the specs no longer hold it). What its create never sent (a Google campaign's page feed, sent once the
    campaign is whole) is not recorded (the apply's error names it), so is no finding; a field live holds
    otherwise than recorded is a change out of band, told ``changed`` beside this."""
    message = (
        f"the `{MANAGED_MARKER}` marker not yet linked: the last apply's label link was refused; the next "
        "apply links it"
    )
    return DriftItem(address, "unlinked", message)


def _fields(
    record: Resource,
    live: Resource,
    target: Resource | None,
    leave_out: Set[str] = frozenset(),
    *,
    blocked: bool = False,
) -> tuple[DriftField, ...]:
    """How ``live`` differs from ``record`` field by field (but ``leave_out``), whether the specs'
    ``target`` says what live says (None: no specs given, or none hold it), and whether the plan is
    ``blocked`` there."""
    changes = [c for c in diff(record, live) if c.path not in leave_out]
    disagree = {c.path for c in diff(target, live)} if target is not None else set()
    return tuple(
        DriftField(c.path, c.before, c.after, None if target is None else c.path not in disagree, blocked)
        for c in changes
    )


def _unheld(
    recorded: Mapping[Address, Resource], have: Mapping[Address, Resource], skipped: Set[Address]
) -> list[DriftItem]:
    """Settings MIDAS reads but never sends nor compares (``resources.META_IMPORT_ONLY``: a Meta creative's
    own product set other than its ad set's or its per-product link template; not a campaign's dates, see
    ``import_only.meta_unheld_in``), set out of band on objects it records: ``diff`` ignores them, so
    they are told here, by the rules import refuses them with (``importing.import_only``), field by field
    where live differs from the record. Campaigns ``skipped`` (deleted, rebuilt, or without MIDAS's marker)
    are told as that."""
    campaigns = {a for a in recorded if a.platform == META and a.kind == ROOT_KIND and a not in skipped}
    items = []
    for unheld in meta_unheld_in(have, campaigns):
        record = recorded.get(unheld.address)
        if record is None or unheld.address in skipped:
            continue
        if unheld.set_since(record):
            items.append(_unheld_item(unheld, record))
    return items


def _unheld_item(unheld: Unheld, record: Resource) -> DriftItem:
    """``unheld`` (set since ``record``) as drift tells it."""
    fields = tuple(
        DriftField(path, record.fields.get(path), value) for path, value in unheld.set_since(record).items()
    )
    kind = unheld.address.kind
    how = " (a Meta creative is replaced on any change of its content)" if kind == "adcreative" else ""
    message = (
        f"set out of band: {unheld.problem}. {why_left(unheld)}, and replacing the {kind} would drop "
        f"{it_or_them(unheld)}{how}"
    )
    return DriftItem(unheld.address, "unheld", message, fields)


def drift(
    recorded: Mapping[Address, Resource],
    live: Sequence[Resource],
    desired: Sequence[Resource] | None = None,
    planned: Callable[[], Plan] | None = None,
    *,
    claimed: Set[Address] = frozenset(),
    made: Set[Address] = frozenset(),
) -> DriftReport:
    """What changed on the platforms since MIDAS last applied ``recorded``.

    For each recorded address: deleted out of band (reported once, at the top-most missing object, or
    the top-most whose live namesake is another object, with what the plan does with that one), marker
    removed, or field differences recorded → live (with ``spec_agrees`` when ``desired`` is
    given); plus objects added inside a managed campaign (with what ``planned()``, the plan of the same
    state, made only when there are some, does with each: those it leaves alone are not drift), unmanaged
    live campaigns that look like copies of managed ones, and audiences built outside MIDAS that were
    renamed or deleted in a console, once each at the audience (when ``live`` holds the audiences of the
    accounts where something recorded targets one). ``claimed`` (the store's journal: addresses whose create
    an interrupted apply sent) are MIDAS's own, as the plan takes them: what is live there, in place of
    the recorded object or added beside what it records, is told ``unrecorded``, not made out of band.
    ``made`` (of those claimed): what a failed create of the last apply made, recorded and live by the id
    the journal has; without its marker, it is told ``unlinked`` (its label link refused), not unmarked.
    """
    moved_from: dict[Address, Address] = {}  # desired address → recorded one, renamed in the specs
    if desired is not None:  # a console's place modifiers the plan leaves alone are no drift either
        wanted = {r.address: r for r in desired}
        live = unheld_modifiers(live, wanted, recorded)
        moved_from = renamed_in_place(index_live(live, recorded, None)[0], wanted, recorded, claimed)
        # Under a campaign the specs renamed (not applied yet): judged where the plan moves it, never as one
        # no spec wants any more.
        live = let_go_modifiers(live, wanted, recorded, renamed=set(moved_from.values()))
        if moved_from:
            live = unheld_modifiers_before_rename(live, wanted, recorded, moved_from)
    have, _ = index_live(live, recorded, None)
    if desired is not None:  # an ad the specs renamed is still the same ad, renamed in place, as planned
        moved_from.update(renamed_ads(have.values(), desired, recorded))
    # What the specs want of a recorded object is at the address a rename moves it to, if one does.
    new_of = {old: new for new, old in moved_from.items()}
    audience_items = _existing_audiences(recorded, have, desired)
    want = {r.address: r for r in desired} if desired is not None else None
    # MIDAS's object is no longer live where the one live at its address is another (built again in a
    # console under the same name): deleted out of band like one missing, and told with its stand-in.
    rebuilt = {a for a in recorded if a in have and replaced(recorded[a], have[a])}
    missing = {a for a in recorded if a not in have} | rebuilt
    # Told once, at the top-most: a Meta creative with its ad (it follows the ad, ``parent_of``).
    under: dict[Address, int] = {}
    for address in missing:
        if above := [a for a in ancestors(address, followed=True) if a in missing]:
            under[above[-1]] = under.get(above[-1], 0) + 1
    unmarked = {
        a for a in recorded if a.kind == ROOT_KIND and a in have and not have[a].managed and a not in made
    }
    # Campaigns deleted, rebuilt or without MIDAS's marker: the plan changes nothing in them, so warns of no
    # unheld setting there; told as that, not unheld.
    skipped = missing | unmarked
    plan_made: list[_Planned | None] = []

    def plan_once() -> _Planned | None:
        """The plan of the same state, made (and its changes indexed) at most once and only when a finding
        needs it."""
        if not plan_made:
            plan_made.append(_Planned.of(planned()) if planned is not None else None)
        return plan_made[0]

    items: list[DriftItem] = []
    for address in sorted(recorded, key=Address.sort_key):
        target = want.get(new_of.get(address, address)) if want is not None else None
        told = campaign_of(address) not in skipped  # whether an unheld Instagram account is told here
        if address in missing:
            live_there = have.get(address)
            if not any(a in missing for a in ancestors(address, followed=True)):
                found = _deleted(
                    address, recorded[address], live_there, under, unmarked, plan_once, claimed, target
                )
                items.append(found)
            # A console's rebuilt creative run as an Instagram account MIDAS's never was: the plan keeps it
            # and warns (``planner._warn_unheld``), so drift names the account too, wherever it is told.
            if (
                told
                and live_there
                and (console := unheld_instagram_account(live_there, recorded[address], target))
            ):
                items.append(_unheld_item(console, recorded[address]))
            continue
        live_resource = have[address]
        unlinked = address in made and lacks_marker(live_resource) and campaign_of(address) not in unmarked
        if unlinked:
            items.append(_unlinked(address))
        # Only an object that carries the marker can lose it. The others read as unmanaged when what
        # holds them did (reported there, once), or always: an audience, or a shared budget that a
        # campaign MIDAS does not manage uses too (which the plan refuses to change).
        lost_marker = (
            not unlinked
            and not live_resource.managed
            and carries_marker(address)
            and (address in unmarked or campaign_of(address) not in unmarked)
        )
        if lost_marker:
            items.append(
                DriftItem(address, "unmarked", f"the `{MANAGED_MARKER}` marker was removed out of band")
            )
        # The marker removed is told once, as that: not also as a change of the field that held it, which
        # the plan, refusing the object, would not restore.
        # In a campaign that lost the marker the plan changes nothing (a conflict): it restores no field.
        blocked = campaign_of(address) in unmarked
        leave_out = MARKER_FIELDS if lost_marker or unlinked else frozenset()
        # An Instagram account (or display link) a console set where MIDAS never held one: told as unheld, as
        # the plan warns.
        if told and (console := unheld_instagram_account(live_resource, recorded[address], target)):
            leave_out = leave_out | frozenset(console.fields)
            items.append(_unheld_item(console, recorded[address]))
        fields = _fields(recorded[address], live_resource, target, leave_out, blocked=blocked)
        if fields:
            message = f"changed out of band: {', '.join(f.path for f in fields)}"
            if blocked:
                why = f"whose `{MANAGED_MARKER}` marker was removed"
                message += f" (the plan changes nothing in its campaign, {why})"
            items.append(DriftItem(address, "changed", message, fields))
    notes: list[str] = []
    items.extend(_added(recorded, have, unmarked, rebuilt, plan_once, claimed, notes))
    items.extend(_unheld(recorded, have, skipped))
    items.extend(_copies(recorded, have))
    items.extend(audience_items)
    items.sort(key=lambda item: (item.address.sort_key(), item.kind))
    return DriftReport(items=items, checked=len(recorded), notes=sorted(set(notes)))
