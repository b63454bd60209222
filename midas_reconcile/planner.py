"""The planner: desired + live + recorded resources → Plan. Pure, no I/O.

Drift (recorded vs live) lives in ``drift_report`` and shares this module's live index
(``index_live``) and containment helpers (``container_of``, ``ancestors``, ``campaign_of``).

Ownership (DESIGN invariant 1). A live resource is *owned* when it is recorded in the store (or
claimed by an interrupted apply's journal) **and** carries the ``midas-managed`` marker, or when it
belongs to an owned campaign (same platform and account, path under the campaign's). Kinds that
cannot carry the marker (Google budgets, criteria and ads) are owned when recorded, and anything an
interrupted apply of ours created (claimed by its journal) is adopted even before its label is linked.
Everything else is read-only: a desired address held by a live object MIDAS does not own is a
conflict (a plan violation), and an undesired one is listed as unmanaged.

Decisions per address:

====================================  ====================================================================
desired, not live                     CREATE ("new in specs", or "deleted out of band — re-creating")
desired, owned live, equal            NOOP (``after`` carries the live platform id)
desired, owned live, differs          UPDATE, or REPLACE when an immutable field changed
desired, recorded live, and beside    REPLACE that finishes the replacement an apply was killed in
it a marked object at its claimed     (``replacements_made``): the one made (else the recorded one) kept if
address                               the specs want it (``after`` carries its id: adopted, not created
                                      again), else a new one; what uses the others is repointed, and they
                                      are removed (``before``, ``Change.removes_too``)
desired, live not owned               conflict: no change, a violation; its whole campaign is skipped
not desired, owned live               removal (below)
not desired, live not owned           untouched; listed in ``Plan.unmanaged``
recorded, not live, not desired       NOOP "already gone" (the store forgets it)
desired, owned live, equal, its       NOOP, in ``Plan.lifecycle_updates``: the apply records the new setting
recorded ``lifecycle.on_remove``      (MIDAS's own, never sent), else a removal would follow the old one
changed in the specs
desired, owned live, equal, its       NOOP, in ``Plan.record_refreshes``: the apply records it (nothing
record not (a console change the      sent), else drift would report the change on every run
specs now hold), or none (made in a
console as the specs have it)
desired, owned live of another id    as any owned object (its reason says MIDAS's was deleted and this one
than recorded (built again in a       made outside MIDAS); NOOP: in ``Plan.record_refreshes``
console, in a campaign MIDAS owns)    (``REPLACED``): the apply moves the record to its id
removal NOOP (kept or paused, not     NOOP, in ``Plan.record_refreshes`` when its record is not the live
deleted) of a recorded object         object (a console edit after, or before, it left the specs): ``before``
                                      carries the record's ``spec_digest`` and ``on_remove``, and the apply
                                      records it (nothing sent): the specs no longer contradict it
a recorded Google ad renamed          NOOP or status UPDATE at the new address, ``moved_from`` the old one
a recorded Meta ad renamed            ``name`` (and status) UPDATE at the new address, ``moved_from`` the old
                                      one; its creative NOOP at the new address, ``moved_from`` too
a recorded campaign or ad group/ad   ``name`` (and status) UPDATE at the new address, ``moved_from`` the old
set renamed                           one; everything under it NOOP (or status UPDATE; a Google campaign's
                                      budget's name UPDATE), ``moved_from`` too
an existing audience                  never a change; its id in ``Plan.existing``; recorded: ``released``
====================================  ====================================================================

Existing audiences (``existing``: the addresses of ``existing: true`` Audience specs) are built outside
MIDAS: never created, updated, deleted or marked, not even with ``allow_destroy`` or when MIDAS once
applied a customer list of that name. The plan only carries their live ids for the campaigns that
target them (``Plan.existing``), and the recorded ones in ``Plan.released``, whose records the apply drops
(else removing the spec later would make them MIDAS's to delete again).

Removal (DESIGN invariant 2): kinds with a status (campaigns, ad groups/ad sets, ads) are paused, or
deleted with ``allow_destroy`` or the recorded ``on_remove == "delete"``; only the top-most removed
object of a subtree gets the action, the rest are NOOP "removed with its parent". Kinds without a
status (criteria, Meta creatives, Google budgets) are deleted when their parent stays (an edit of the
targeting, not a destruction) and otherwise follow their parent; budgets and creatives are separate
platform objects, so they are deleted explicitly after a deleted campaign/ad. Google deletes are
irreversible and say so.

A recorded ad whose creative the specs renamed (``ad_names.renamed_ads``: no spec holds its address any
more, and a desired ad of its ad group that no live ad holds has its content) is planned at the new address
as the live object there, its change ``moved_from`` the recorded address: deleting the ad to create its twin
would lose its history. On Google the rename is only MIDAS's record moving: Google keeps no name for most
ads, and a Demand Gen ad's is immutable (it keeps the one it was created with). A Meta ad is
renamed in place (its ``name`` updated, its id, delivery history and post kept), and its creative, whose
content is the same, moves with it untouched: Meta's creatives are immutable but for their name and labels,
and MIDAS does not compare the name (``diff.RULES``): rewriting it would be a write nobody sees in delivery.
A campaign or an ad group (Meta: ad set) the specs renamed, nothing else changed
(``renames.renamed_in_place``, paired first), is planned the same way: renamed in place, everything
addressed under it moved along.

Live objects in a removed/deleted status, and everything inside them, count as not live. When a
replaced object contains others (a Google campaign whose channel type changed), those are re-created
under the new one; objects that only refer to it (a Meta ad and its replaced creative) get an UPDATE of
that reference (``refs.<name>``: old id → ``"(new id)"``).

Contract with the applier: ``Change.before`` is the live object (with its platform id); ``Change.after``
is what MIDAS holds afterwards — the desired resource (NOOP and UPDATE carrying the live platform id),
the paused live object for PAUSE, ``None`` for DELETE and for every removal NOOP. Changes are in apply
order: everything but deletes by ``Address.sort_key`` (parents first), then deletes in reverse
dependency order, a budget or creative deleted with its campaign or ad right after that delete.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Any, Final

from midas_reconcile.ad_names import renamed_ads
from midas_reconcile.diff import diff, immutable_changes
from midas_reconcile.everywhere import everywhere, everywhere_warning
from midas_reconcile.importing.import_only import it_or_them, meta_unheld_in, why_left
from midas_reconcile.importing.unheld import Unheld, held_creative, unheld_instagram_account
from midas_reconcile.left_alone import (
    is_demand_gen_filter,
    is_left_alone,
    is_ours,
    is_product_filter,
    owner_of,
    targeted_types,
    unheld_modifiers,
    unrecorded_modifiers,
)
from midas_reconcile.plan import Action, Change, FieldChange, Plan, left_alone_warning, moved_noun
from midas_reconcile.renames import group_of, renamed_in_place
from midas_reconcile.resources import (
    ASSET_GROUP_LEVEL,
    AUDIENCE_KIND,
    FIELDS,
    GOOGLE,
    GROUP_KINDS,
    MANAGED_MARKER,
    MARKER_FIELDS,
    META,
    REMOVED_DIGEST,
    ROOT_KIND,
    UNHELD_FEED,
    Address,
    Resource,
    campaign_of,
    carries_marker,
    is_gone,
    is_shared_budget,
    is_stopped,
    lacks_marker,
    replaced,
    segment_name,
)
from midas_reconcile.spec._google_ad_group_devices import (
    GROUP_DEVICE_GONE,
    is_group_device_address,
    is_group_modifier_address,
    names_device_at_one,
)
from midas_reconcile.spec._google_devices import is_device_address
from midas_reconcile.spec._google_hotel_bookings import booking_option
from midas_reconcile.spec._meta_dynamic_creative import ADSET_FIELD as DYNAMIC_ADSET_FIELD

#: Kinds that have a status, and so can be paused instead of deleted.
STATUS_KINDS: Final = frozenset(
    {
        (GOOGLE, "campaign"),
        (GOOGLE, "ad_group"),
        (GOOGLE, "ad_group_ad"),
        (GOOGLE, "asset_group"),
        (META, "campaign"),
        (META, "adset"),
        (META, "ad"),
    }
)
PAUSED: Final = {GOOGLE: "PAUSED", META: "PAUSED"}

#: The object a kind lives inside (the platform removes it with that parent).
_CONTAINER: Final = {
    (GOOGLE, "campaign_criterion"): "campaign",
    (GOOGLE, "ad_group"): "campaign",
    (GOOGLE, "ad_group_criterion"): "ad_group",
    (GOOGLE, "ad_group_ad"): "ad_group",
    (GOOGLE, "asset_group"): "campaign",
    (GOOGLE, "ad_group_bid_modifier"): "ad_group",
    (META, "adset"): "campaign",
    (META, "ad"): "adset",
}
#: Separate platform objects that follow another at the same path (not removed with it).
_COMPANION: Final = {(GOOGLE, "campaign_budget"): "campaign", (META, "adcreative"): "ad"}
#: Path segments of each kind that can be a parent (criterion keys may contain "/").
_SEGMENTS: Final = {"campaign": 1, "ad_group": 2, "adset": 2, "ad": 3}

_KEPT: Final = "kept"
_PAUSED: Final = "paused"
_DELETED: Final = "deleted"
#: The paths of a record to refresh that MIDAS has no record of yet (``Plan.record_refreshes``).
NOT_RECORDED: Final = "(not recorded)"
#: The paths of a record to refresh whose object was deleted out of band and built again under its name.
REPLACED: Final = "(replaced out of band)"
_WITH_PARENT: Final = "removed with its parent"
#: The note on a Demand Gen ad group's product filter MIDAS leaves alone (``_Planner._left_alone``).
PRODUCT_FILTER_LEFT_ALONE: Final = (
    "a product filter set in the console is left alone: write google.product_groups to manage it, or "
    "import the campaign (midas import)"
)


def parent_of(address: Address) -> Address | None:
    """The object ``address`` follows on removal: its container, or for a Google budget / Meta
    creative the campaign / ad at the same path; ``None`` for campaigns and shared budgets."""
    key = (address.platform, address.kind)
    if is_shared_budget(address):
        return None
    if key in _COMPANION:
        return Address(address.platform, address.account, _COMPANION[key], address.path)
    parent_kind = _CONTAINER.get(key)
    if parent_kind is None:
        return None
    path = "/".join(address.path.split("/")[: _SEGMENTS[parent_kind]])
    return Address(address.platform, address.account, parent_kind, path)


def _campaign_key(address: Address) -> tuple[str, str, str]:
    return (address.platform, address.account, address.campaign)


def _clone(resource: Resource, **changes: Any) -> Resource:
    """A shallow copy with some attributes replaced, without re-validating the fields (hot path)."""
    clone = object.__new__(Resource)
    for name in _RESOURCE_ATTRIBUTES:  # every one, so that none added to Resource is left unset
        setattr(clone, name, changes[name] if name in changes else getattr(resource, name))
    return clone


_RESOURCE_ATTRIBUTES: Final = tuple(f.name for f in dataclasses.fields(Resource))


def _path_of_change(change: Change) -> str:
    return change.address.path


def container_of(address: Address) -> Address | None:
    """The object ``address`` lives inside (removed with it by the platform); ``None`` for campaigns,
    budgets and Meta creatives."""
    return parent_of(address) if (address.platform, address.kind) in _CONTAINER else None


def ancestors(address: Address, *, followed: bool = False) -> list[Address]:
    """The containers of ``address``, innermost first; ``followed``: what it follows on removal instead
    (``parent_of``: a Meta creative its ad, then that ad's ad set …)."""
    step = parent_of if followed else container_of
    result = []
    parent = step(address)
    while parent is not None:
        result.append(parent)
        parent = step(parent)
    return result


def _id_order(platform_id: str | None) -> tuple[int, str]:
    text = platform_id or ""
    return (len(text), text)  # numeric ids in numeric order


def the_one_used(namesakes: Sequence[Resource], record: Resource | None) -> Resource:
    """Of several live objects at one address (``record``: MIDAS's record of it, if any), the one MIDAS uses:
    the recorded one, else one not removed, else a managed one, else the oldest."""
    recorded_id = record.platform_id if record is not None else None
    return min(
        namesakes,
        key=lambda r: (r.platform_id != recorded_id, is_gone(r), not r.managed, _id_order(r.platform_id)),
    )


def index_live(
    live: Sequence[Resource], recorded: Mapping[Address, Resource], accounts: Set[str] | None
) -> tuple[dict[Address, Resource], list[str]]:
    """Live resources by address, without removed/deleted objects and what lies inside them; of several
    objects at one address, the recorded (else managed, else oldest) one wins and a warning names the
    others, which are left untouched."""
    have: dict[Address, Resource] = {}
    clashes: dict[Address, list[Resource]] = {}
    gone: set[Address] = set()
    for resource in live:
        address = resource.address
        if accounts is not None and address.account not in accounts:
            continue
        if is_gone(resource):
            gone.add(address)
            continue
        first = have.setdefault(address, resource)
        if first is not resource:
            clashes.setdefault(address, [first]).append(resource)
    gone -= have.keys()
    if gone:
        # A removed Google campaign still lists its ad groups with their own statuses: they are gone too.
        for address in [a for a in have if any(p in gone for p in ancestors(a))]:
            del have[address]
    warnings = []
    for address, group in clashes.items():
        chosen = the_one_used(group, recorded.get(address))
        have[address] = chosen
        warnings.append(_shared_address(address, chosen, [r for r in group if r is not chosen]))
    return have, warnings


def _shared_address(address: Address, chosen: Resource, others: Sequence[Resource]) -> str:
    """The warning for live objects beside ``chosen`` at its ``address``, which the plan leaves alone."""
    ids = sorted((r.platform_id or "?" for r in others), key=_id_order)
    return (
        f"{len(others) + 1} live objects share the address {address}: MIDAS uses id "
        f"{chosen.platform_id} and leaves {', '.join(ids)} untouched (rename them to tell them apart)"
    )


def replacements_left_behind(
    live: Sequence[Resource],
    recorded: Mapping[Address, Resource],
    deletes_not_done: Mapping[Address, Set[str]],
) -> tuple[Sequence[Resource], dict[Address, list[Resource]]]:
    """``live`` without the old objects that replacements left behind, and those by address.

    A replacement's last write deletes the old object (a Meta creative). Refused, cut short by a crash
    once the new one was recorded, or never sent because what it waited for failed (the ad's update to the
    new one: the ad still runs the old one), it leaves the old one live at the address beside the one MIDAS
    records there. MIDAS's journal names it (``deletes_not_done``: ids whose delete is not known to have
    gone through, an unsent one journaled as failed), so the next plan finishes the replacement (what runs
    the old one pointed at the recorded one) and removes it (``_Planner``), where it would otherwise warn on
    every run that two live objects share the address (and leave the ad running the old one for good)."""
    return _beside_the_recorded(
        live,
        recorded,
        deletes_not_done.keys(),
        lambda r: r.platform_id in deletes_not_done[r.address],
    )


def replacements_made(
    live: Sequence[Resource], recorded: Mapping[Address, Resource], claimed: Set[Address]
) -> tuple[Sequence[Resource], dict[Address, list[Resource]]]:
    """``live`` without the replacements an interrupted apply made, and those by address.

    An apply replacing an object (a Meta creative) creates the new one at the old one's address, points
    what uses it at it, and deletes the old one last. Killed in between, it leaves both live at that
    address: the one MIDAS recorded there, and a new one carrying the marker that the journal claims (its
    create was in flight). The next plan adopts that one rather than make a third (``_Planner``)."""
    return _beside_the_recorded(live, recorded, claimed, lambda r: r.managed)


def _beside_the_recorded(
    live: Sequence[Resource],
    recorded: Mapping[Address, Resource],
    addresses: Set[Address],
    belongs: Callable[[Resource], bool],
) -> tuple[Sequence[Resource], dict[Address, list[Resource]]]:
    """``live`` without the objects (not removed) that ``belongs`` picks beside the one MIDAS records at
    one of ``addresses``, live there too; and those by address, oldest first."""
    if not addresses:
        return live, {}
    recorded_ids = {
        a: recorded[a].platform_id for a in addresses if a in recorded and recorded[a].platform_id is not None
    }
    holding = {
        r.address
        for r in live
        if r.address in recorded_ids and recorded_ids[r.address] == r.platform_id and not is_gone(r)
    }
    if not holding:
        return live, {}
    kept: list[Resource] = []
    found: dict[Address, list[Resource]] = {}
    for resource in live:
        address = resource.address
        if (
            address in holding
            and resource.platform_id != recorded_ids[address]
            and not is_gone(resource)
            and belongs(resource)
        ):
            found.setdefault(address, []).append(resource)
        else:
            kept.append(resource)
    for beside in found.values():
        beside.sort(key=lambda r: _id_order(r.platform_id))
    return kept, found


def _move_live(have: dict[Address, Resource], moved_from: Mapping[Address, Address]) -> None:
    """Put each live object ``renamed_ads`` pairs (``moved_from``: new address → live address) at its new
    address in ``have``, and the references to it with it (a Meta ad's to its creative)."""
    new_of = {old: new for new, old in moved_from.items()}
    for new, old in moved_from.items():
        have[new] = _clone(have.pop(old), address=new)
    for address, resource in have.items():
        if any(target in new_of for target in resource.refs.values()):
            refs = {name: new_of.get(target, target) for name, target in resource.refs.items()}
            have[address] = _clone(resource, refs=refs)


def _moved_note(address: Address, old: Address, *, name_sent: bool = True) -> str:
    """Why a change moves MIDAS's record from ``old``: its campaign, its ad group, or its creative was
    renamed. ``name_sent``: whether the renamed object's platform name changes with it (a campaign's
    ``google.name`` / ``meta.name`` may keep it on one platform)."""
    record = "MIDAS's record moves"
    group_kind = GROUP_KINDS[address.platform][0]
    renamed = None  # the kind of the renamed object the change is, or is under
    if address.kind == ROOT_KIND or old.campaign != address.campaign:
        renamed = ROOT_KIND
    elif address.kind == group_kind or group_of(old) != group_of(address):
        renamed = group_kind
    elif ASSET_GROUP_LEVEL.is_one(address):
        renamed = address.kind
    if renamed is not None:
        noun = moved_noun(Address(address.platform, address.account, renamed, old.path))
        segments = 1 if renamed == ROOT_KIND else 2
        was = segment_name(old.path.split("/")[segments - 1])
        if address.kind == renamed and not name_sent:
            return (
                f"{noun} renamed (was {was!r}): its name on {address.platform.capitalize()} stays as its "
                "spec sets it, so only MIDAS's records of it and of all in it move"
            )
        if address.kind == renamed:
            return (
                f"{noun} renamed (was {was!r}): the same {noun}, renamed in place (its id, history and "
                f"learning stay); MIDAS's records of it and of all in it move"
            )
        return f"its {noun} renamed (was {was!r}): the same {moved_noun(address)}; {record}"
    was = segment_name(old.path.rsplit("/", 1)[-1])
    if address.platform == GOOGLE:
        why = f"MIDAS changes no Google ad's name (a Demand Gen ad's is immutable), so only {record}"
    elif address.kind == "adcreative":
        why = f"the same creative, its own name not compared; {record}"
    else:
        why = f"the same ad, renamed in place (its id, history and post stay); {record}"
    return f"creative renamed (was {was!r}): {why}"


def _conflict_message(address: Address, live: Resource, record: Resource | None) -> str:
    if is_shared_budget(address) and record is None:  # a budget carries no marker: it follows its campaigns
        return (
            f"{address} exists on the platform but is not in this workspace's state — adopt it with the "
            "campaigns it funds (`midas import --campaign ID … --adopt`), or rename the SharedBudget"
        )
    if record is not None and replaced(record, live):
        return (
            f"{address} was applied by MIDAS as id {record.platform_id}, which is gone; the one there now "
            f"(id {live.platform_id}) was made outside MIDAS — delete or rename it in the console, adopt it "
            "with `midas import`, or rename it in the spec"
        )
    if record is not None:
        return (
            f"{address} was applied by MIDAS but its `{MANAGED_MARKER}` marker was removed out of band "
            "— restore the marker, adopt it with `midas import`, or rename it in the spec"
        )
    if live.managed:
        return (
            f"{address} carries the `{MANAGED_MARKER}` marker but is not in this workspace's state "
            "(applied from another workspace, or the state was lost) — adopt it with `midas import` "
            "or rename it in the spec"
        )
    return (
        f"{address} exists on the platform but is not managed by MIDAS — adopt it with `midas import` "
        "or rename it in the spec"
    )


class _Planner:
    """One planning run's indexes and decisions (kept out of ``plan`` to keep each step small)."""

    def __init__(
        self,
        want: dict[Address, Resource],
        have: dict[Address, Resource],
        recorded: Mapping[Address, Resource],
        claimed: Set[Address],
        allow_destroy: bool,
        moved_from: Mapping[Address, Address],
        made: Mapping[Address, list[Resource]] | None = None,
        left_behind: Set[str] = frozenset(),
    ) -> None:
        self.want = want
        self.have = have
        self.recorded = recorded
        self.claimed = claimed
        #: Replacements an interrupted apply made, by address (``replacements_made``); those the plan adopts
        #: are taken out, the rest are left untouched with a warning.
        self.made = {a: list(found) for a, found in (made or {}).items()}
        #: The ids among ``made`` that are no replacement made but an old object a replacement left behind
        #: (``replacements_left_behind``): handled alike, told apart in the reasons.
        self.left_behind = left_behind
        self.allow_destroy = allow_destroy
        #: Desired address → the live address of the object planned there (``renamed_ads``): where MIDAS
        #: recorded it, or where an apply that moved its record stopped before renaming it.
        self.moved_from = moved_from
        self.removed: set[Address] = set()
        self.fates: dict[Address, str] = {}
        #: The types of the positive campaign criteria wanted, by campaign (see ``_left_alone``).
        self._campaign_targets: dict[Address, set[Any]] | None = None
        #: For an object deleted with an ancestor: the address whose DELETE removes it.
        self.anchors: dict[Address, Address] = {}
        #: Objects of MIDAS's whose removal would break what it does not manage (a Meta creative another
        #: ad runs): kept, and their records dropped (``Plan.released``).
        self.let_go_in_use: list[Address] = []
        self.changes: dict[Address, Change] = {}
        #: What the plan leaves alone and says so of: address → the note its change warns
        #: (``Plan.left_alone``).
        self.left_alone: dict[Address, str] = {}
        #: (platform, account, campaign) of the campaigns MIDAS owns directly.
        self.owned_campaigns = {
            _campaign_key(a)
            for a, live in have.items()
            if a.kind == ROOT_KIND and self._directly_owned(a, live)
        }

    # ownership -----------------------------------------------------------------------------------
    def _directly_owned(self, address: Address, live: Resource) -> bool:
        """Recorded and marked (or of a kind that cannot carry the marker); or claimed: created by an
        interrupted apply of ours, possibly before its label link was made (the update restores it)."""
        if address in self.claimed:
            return True
        recorded = address in self.recorded or address in self.moved_from
        return recorded and (live.managed or not carries_marker(address))

    def _marker_link(self, address: Address, live: Resource) -> FieldChange | None:
        """The marker added to the field that holds it, for an object MIDAS owns without it (claimed: a
        create that failed on its label link, or an interrupted apply's): a pause links it too, as an
        update to the specs does, or the object would be left paused and unmarked (``None``: marked, or of
        a kind that carries no marker)."""
        if address not in self.claimed or not carries_marker(address):
            return None
        [path] = sorted(MARKER_FIELDS & FIELDS[(address.platform, address.kind)])
        if not lacks_marker(live):
            return None
        now = live.fields.get(path)  # as an update shows it: none live is "(none)", not "[]"
        return FieldChange(path, now, sorted({MANAGED_MARKER, *(str(label) for label in now or ())}))

    def owns(self, address: Address, live: Resource) -> bool:
        """Whether MIDAS owns the live object at ``address`` (invariant 1; descendants inherit from
        their campaign)."""
        if address.kind == AUDIENCE_KIND.get(address.platform):  # in no campaign, whatever its name
            return self._directly_owned(address, live)
        return _campaign_key(address) in self.owned_campaigns or self._directly_owned(address, live)

    def let_go(self, change: Change) -> bool:
        """Whether ``change`` leaves a recorded live object alone because the specs dropped it: kept, or
        paused (itself or with what holds it), not deleted or replaced in this plan."""
        address = change.address
        if change.action is not Action.NOOP or change.before is None or change.after is not None:
            return False
        if address not in self.recorded or self.fates.get(address) not in (_KEPT, _PAUSED):
            return False
        return not any(
            (above := self.changes.get(a)) is not None and above.action in (Action.DELETE, Action.REPLACE)
            for a in ancestors(address)
        )

    # desired resources ---------------------------------------------------------------------------
    def desired_change(self, address: Address, desired: Resource, live: Resource | None) -> Change:
        change = self._desired_change(address, desired, live)
        record = self.recorded.get(address)
        if (
            record is not None
            and live is not None
            and change.before is live
            and address not in self.claimed
            and replaced(record, live)
        ):
            # Built again in a console under the same name, in a campaign MIDAS owns: the one there now
            # is MIDAS's from now on, and its record moves to it (``Plan.record_refreshes``).
            change.reason = (
                f"MIDAS's (id {record.platform_id}) was deleted out of band; the one there now (id "
                f"{live.platform_id}) was made outside MIDAS — {change.reason}"
            )
        old = self.moved_from.get(address)
        if old is not None:
            change.moved_from = old
            note = _moved_note(address, old, name_sent=any(f.path == "name" for f in change.fields))
            change.reason = (
                f"{note} — nothing is sent" if change.action is Action.NOOP else f"{note}; {change.reason}"
            )
        return change

    def _desired_change(self, address: Address, desired: Resource, live: Resource | None) -> Change:
        warnings = list(desired.warnings)
        if live is None:
            reason = "deleted out of band — re-creating" if address in self.recorded else "new in specs"
            # Google removes no device criterion: one gone from a live campaign was reset; with the whole
            # campaign gone, it went with it and is re-created as the rest is.
            if address in self.recorded and is_device_address(address) and campaign_of(address) in self.have:
                reason = "reset to 1.0 (no adjustment) out of band — setting it again"
            # An ad group's device modifier reads as gone removed, or at 1.0 (``_google_ad_group_devices``).
            if (
                address in self.recorded
                and is_group_modifier_address(address)
                and parent_of(address) in self.have
            ):
                reason = f"{GROUP_DEVICE_GONE} — setting it again"
            return Change(address, Action.CREATE, None, desired, reason=reason, warnings=warnings)
        fields = diff(self.held_of(address, live, desired), desired)
        fixed = immutable_changes(fields, address)
        if address in self.made:
            return self._finish_replacement(address, live, desired, fields, fixed, warnings)
        if fixed:
            paths = ", ".join(f.path for f in fixed)
            return Change(
                address,
                Action.REPLACE,
                live,
                desired,
                fields,
                reason=f"{paths} cannot change in place — replacing the {address.kind}",
                warnings=warnings,
                irreversible=address.platform == GOOGLE,
            )
        after = _clone(desired, platform_id=live.platform_id)
        if not fields:
            return Change(address, Action.NOOP, live, after, reason="matches the specs", warnings=warnings)
        reason = self._update_reason(address, live, desired, fields)
        return Change(address, Action.UPDATE, live, after, fields, reason=reason, warnings=warnings)

    def held_of(self, address: Address, live: Resource, desired: Resource) -> Resource:
        """``live`` as the specs are compared with: without the Instagram account a console made a Meta
        creative run as where MIDAS never held one (``unheld.unheld_instagram_account``; warned of by
        ``_warn_unheld``), which planned no change before MIDAS read it on every story."""
        return held_creative(live, self.record_of(address), desired)

    def record_of(self, address: Address) -> Resource | None:
        """MIDAS's record of the object wanted at ``address``: where a rename moves it from, if it does
        (``moved_from``; the apply moves it only then), else at ``address``."""
        return self.recorded.get(self.moved_from.get(address, address))

    def _finish_replacement(
        self,
        address: Address,
        live: Resource,
        desired: Resource,
        fields: list[FieldChange],
        fixed: list[FieldChange],
        warnings: list[str],
    ) -> Change:
        """The REPLACE that finishes the replacement an apply was killed in at ``address`` (``live`` the
        recorded object, ``self.made`` what the apply made beside it): one object is kept — the one made if
        it is what the specs want, else the recorded one if it is, else a new one — as if just created
        (``after`` carries its id: nothing is made twice), what uses the others is pointed at it, and the
        others are removed (``before``, and ``Change.removes_too``)."""
        found = self.made.pop(address)
        noun = address.kind
        made = next((r for r in found if not diff(r, desired)), None)
        before, kept = live, made
        if made is not None:
            how = (
                f"which an earlier apply replaced with id {live.platform_id} but could not delete (kept)"
                if made.platform_id in self.left_behind
                else "which an interrupted apply made for it (adopted)"
            )
            reason = (
                f"{', '.join(f.path for f in fixed) or 'its content'} cannot change in place — replacing "
                f"the {noun} with id {made.platform_id}, {how}"
            )
        elif not fixed:  # the recorded object is what the specs want (again): the other goes instead
            before, kept = found[0], live
            fields = diff(before, desired)
            how = (
                f"an earlier apply left id {before.platform_id} behind (its delete did not go through) when "
                f"it replaced it with this {noun} (id {live.platform_id})"
                if before.platform_id in self.left_behind
                else f"an interrupted apply left id {before.platform_id} beside this {noun} (id "
                f"{live.platform_id})"
            )
            reason = f"{how}, which is what the specs want: the {noun} is kept, the other removed"
        else:
            reason = f"{', '.join(f.path for f in fixed)} cannot change in place — replacing the {noun}"
        strays = tuple(r.platform_id for r in found if r is not before and r is not kept and r.platform_id)
        made_too = [i for i in strays if i not in self.left_behind]
        left_too = [i for i in strays if i in self.left_behind]
        if made_too:
            reason += (
                f"; removes {', '.join(made_too)} too, made by an interrupted apply for specs since changed"
            )
        if left_too:
            reason += f"; removes {', '.join(left_too)} too, which an earlier replacement left behind"
        after = desired if kept is None else _clone(desired, platform_id=kept.platform_id)
        return Change(
            address,
            Action.REPLACE,
            before,
            after,
            fields,
            reason=reason,
            warnings=warnings,
            irreversible=address.platform == GOOGLE,
            removes_too=strays,
        )

    def made_left_alone(self) -> list[str]:
        """A warning for each replacement an interrupted apply made at an address the specs no longer hold:
        left alone with the rest of what was there."""
        return [
            f"{address} also has id {r.platform_id}, "
            + (
                f"which an earlier apply replaced with id {self.recorded[address].platform_id} but could "
                "not delete"
                if r.platform_id in self.left_behind
                else f"made by an interrupted apply to replace id {self.recorded[address].platform_id}"
            )
            + ", and no longer in the specs: left untouched (delete it in the console)"
            for address, found in sorted(self.made.items())
            for r in found
        ]

    def _update_reason(
        self, address: Address, live: Resource, desired: Resource, fields: list[FieldChange]
    ) -> str:
        old = self.moved_from.get(address, address)
        recorded = self.recorded.get(old) or self.recorded.get(address)
        back = recorded is not None and recorded.spec_digest == REMOVED_DIGEST
        if recorded is not None and not recorded.fields:
            # Recorded state loaded without its fields (plans do, to save memory): the spec digest tells
            # whether the spec moved since the last apply; if it did not, the platform did.
            paths = ", ".join(f.path for f in fields)
            if back:
                return f"back in the specs: {paths}"
            if desired.spec_digest and desired.spec_digest != recorded.spec_digest:
                return f"spec changed: {paths}"
            return f"changed on the platform since the last apply, restoring: {paths}"
        drifted = {c.path for c in diff(recorded, live)} if recorded is not None else set()
        # A drifted field the specs changed too goes to a new value, not back to the recorded one.
        respecified = {c.path for c in diff(recorded, desired)} if drifted and recorded is not None else set()
        restored = [f.path for f in fields if f.path in drifted and f.path not in respecified]
        both = [f.path for f in fields if f.path in drifted and f.path in respecified]
        edited = [f.path for f in fields if f.path not in drifted]
        parts = []
        if restored:
            parts.append(f"changed on the platform since the last apply, restoring: {', '.join(restored)}")
        if both:
            parts.append(f"changed on the platform and in the specs: {', '.join(both)}")
        if edited:
            label = (
                "back in the specs"
                if back
                else "spec changed"
                if recorded is not None
                else "differs from the specs"
            )
            parts.append(f"{label}: {', '.join(edited)}")
        return "; ".join(parts)

    # removal ---------------------------------------------------------------------------------------
    def _on_remove(self, address: Address) -> str:
        recorded = self.recorded.get(address) or self.recorded.get(campaign_of(address))
        return recorded.on_remove if recorded is not None else "pause"

    def _fate(self, address: Address | None) -> str | None:
        """What happens to ``address`` in this plan: kept, paused, deleted; None = not ours/not live."""
        if address is None:
            return None
        if address in self.want:
            return _KEPT
        if address not in self.removed:
            return None
        if address not in self.fates:
            change, fate = self._removal(address)
            self.changes[address], self.fates[address] = change, fate
            parent = parent_of(address)
            if fate == _DELETED and parent is not None and self.fates.get(parent) == _DELETED:
                # Deleted along with (or right after) the parent's own delete.
                self.anchors[address] = self.anchors.get(parent, parent)
        return self.fates[address]

    def _removal(self, address: Address) -> tuple[Change, str]:
        live = self.have[address]
        parent = parent_of(address)
        parent_fate = self._fate(parent)
        key = (address.platform, address.kind)
        destroy = self.allow_destroy or self._on_remove(address) == "delete"
        why = "--allow-destroy" if self.allow_destroy else "lifecycle.on_remove: delete"

        def delete(reason: str) -> tuple[Change, str]:
            irreversible = address.platform == GOOGLE
            if is_device_address(address):  # a reset to 1.0, not a removal (``spec._google_devices``)
                reason, irreversible = (
                    f"{reason} — reset to 1.0 (no adjustment): Google removes no device",
                    False,
                )
            elif is_group_modifier_address(address) and not is_group_device_address(address):
                reason, irreversible = (
                    f"{reason} — removing it: no adjustment of its own; it can be set again",
                    False,
                )
            elif is_group_device_address(address):  # made again at will (``spec._google_ad_group_devices``)
                reason, irreversible = (
                    f"{reason} — removing it: no adjustment of its own for the device (the campaign's "
                    "applies); it can be set again",
                    False,
                )
            return Change(
                address, Action.DELETE, live, None, reason=reason, irreversible=irreversible
            ), _DELETED

        def noop(reason: str, fate: str) -> tuple[Change, str]:
            return Change(address, Action.NOOP, live, None, reason=reason), fate

        if key in STATUS_KINDS:
            marker = self._marker_link(address, live)
            if parent_fate == _PAUSED and marker is not None:  # never left unmarked with what holds it
                linked = _clone(live, fields={**live.fields, marker.path: marker.after})
                if (record := self.recorded.get(address)) is not None:
                    linked.spec_digest, linked.on_remove = REMOVED_DIGEST, record.on_remove
                reason = "removed from the specs; paused with its campaign — linking its marker"
                return Change(address, Action.PAUSE, live, linked, [marker], reason=reason), _PAUSED
            if parent_fate in (_PAUSED, _DELETED):
                return noop(_WITH_PARENT, parent_fate)
            if destroy:
                return delete(f"removed from the specs — deleting ({why})")
            status = live.fields.get("status")
            if is_stopped(live) and marker is None:
                return noop(f"removed from the specs; already {str(status).lower()}", _PAUSED)
            fields = [] if is_stopped(live) else [FieldChange("status", status, PAUSED[address.platform])]
            fields += [marker] if marker is not None else []
            paused = _clone(live, fields={**live.fields, **{f.path: f.after for f in fields}})
            recorded = self.recorded.get(address)
            if recorded is not None:
                paused.spec_digest, paused.on_remove = REMOVED_DIGEST, recorded.on_remove
            if is_stopped(live):
                reason = f"removed from the specs; already {str(status).lower()} — linking its marker"
            else:
                reason = "removed from the specs — pausing" + (" and linking its marker" if marker else "")
                reason += " (to delete: --allow-destroy or lifecycle.on_remove: delete)"
            return Change(address, Action.PAUSE, live, paused, fields, reason=reason), _PAUSED
        if parent is None:  # an audience or a shared budget: nothing to pause, nothing above it
            users = self.funded_by(address) if is_shared_budget(address) else []
            if users:
                names = ", ".join(repr(u.path) for u in users)
                return noop(f"removed from the specs but still funds campaign {names} — kept", _PAUSED)
            if destroy:
                return delete(f"removed from the specs — deleting ({why})")
            return noop("removed from the specs — kept (delete it with --allow-destroy)", _PAUSED)
        if parent_fate == _KEPT and self._left_alone(address, live):
            if is_group_device_address(address):
                return noop(
                    "an ad group's own device bid adjustment, not in its spec — left alone until the ad "
                    "group's spec names some (its google.device_bid_adjustments)",
                    _KEPT,
                )
            if is_group_modifier_address(address):
                return noop(
                    "a Hotel ad group's own booking bid adjustment, not in its spec — left alone until the "
                    "ad group's spec names some of its kind (its google.hotel_bid_adjustments."
                    f"{booking_option(live)})",
                    _KEPT,
                )
            if live.fields.get("type") == "DEVICE":
                return noop(
                    "a campaign's own device bid adjustment, not in its spec — left alone until the spec "
                    "names some (google.device_bid_adjustments)",
                    _KEPT,
                )
            if not is_product_filter(live):
                return noop(
                    f"a campaign's own {str(live.fields.get('type')).lower()} targeting, not in its spec — "
                    "left alone until the spec names some (google.campaign_ages / campaign_genders / "
                    "campaign_interests)",
                    _KEPT,
                )
            self.left_alone[address] = PRODUCT_FILTER_LEFT_ALONE
            note = left_alone_warning(address, PRODUCT_FILTER_LEFT_ALONE)
            return Change(address, Action.NOOP, live, None, reason=note, warnings=[note]), _KEPT
        if parent_fate == _KEPT and is_demand_gen_filter(live, self._campaign_of(address)):
            group = segment_name(parent.path.rsplit("/", 1)[-1])
            return delete(
                f"product_groups removed from the specs — deleting the product filter: ad group {group!r} "
                "will show all of the feed's products"
            )
        if parent_fate == _KEPT and is_group_device_address(address):
            at_one = names_device_at_one(self.want.get(parent), address)
            named = "at 1.0 (no adjustment) in" if at_one else "not in"
            return delete(f"{named} its ad group's google.device_bid_adjustments")
        if parent_fate == _KEPT and is_group_modifier_address(address):
            return delete(
                f"not in its ad group's google.hotel_bid_adjustments.{booking_option(live)} (or at 1.0: no "
                "adjustment)"
            )
        if parent_fate == _KEPT:
            return delete(f"removed from the specs; its {parent.kind} stays")
        if parent_fate == _PAUSED:
            return noop(_WITH_PARENT, _PAUSED)
        if parent_fate == _DELETED:
            if key in _COMPANION and (others := self._other_ads_running(address, parent)):
                self.let_go_in_use.append(address)
                return noop(f"its {parent.kind} is deleted; kept: {others} runs it too", _DELETED)
            if key in _COMPANION:
                return delete(f"its {parent.kind} is deleted")
            return noop(_WITH_PARENT, _DELETED)
        if destroy:
            return delete(f"removed from the specs and its {parent.kind} is gone — deleting ({why})")
        return noop(
            f"removed from the specs and its {parent.kind} is gone — kept (delete it with --allow-destroy)",
            _PAUSED,
        )

    def _left_alone(self, address: Address, live: Resource) -> bool:
        """Whether ``live``, which no spec wants here, is what MIDAS leaves alone (``left_alone``: a console's
        Demand Gen product filter while the ad group's spec names no ``google.product_groups``, a campaign's
        own age, gender or interest targeting of a kind its spec names none of), neither recorded nor claimed.
        Before MIDAS managed these it did not touch them: they stay until a spec takes them over (or
        ``midas import`` does)."""
        if self._campaign_targets is None:
            self._campaign_targets = targeted_types(self.want.values())
        return is_left_alone(
            live,
            campaign=self._campaign_of(address),
            ours=is_ours(address, self.recorded, self.claimed, self.moved_from),
            targeted=self._campaign_targets.get(owner_of(address), set()),
        )

    def _campaign_of(self, address: Address) -> Resource | None:
        """The campaign ``address`` is under, as wanted, else as live (None: neither)."""
        return self.want.get(campaign_of(address)) or self.have.get(campaign_of(address))

    def funded_by(self, budget: Address) -> list[Address]:
        """The live campaigns that still use the shared budget ``budget`` once this plan is applied: all
        live ones referring to it but those deleted or moved to another budget (the platform refuses to
        remove a budget in use)."""
        users = []
        for address, live in self.have.items():
            if address.kind != ROOT_KIND or live.refs.get("campaign_budget") != budget:
                continue
            desired = self.want.get(address)
            if desired is not None and desired.refs.get("campaign_budget") != budget:
                continue
            if desired is None and self._fate(address) == _DELETED:
                continue
            users.append(address)
        return sorted(users)

    def unowned_users(self, budget: Address) -> list[Address]:
        """The live campaigns MIDAS does not own that the shared budget ``budget`` funds."""
        return sorted(
            a
            for a, live in self.have.items()
            if a.kind == ROOT_KIND and live.refs.get("campaign_budget") == budget and not self.owns(a, live)
        )

    def plan_removals(self, removed: set[Address]) -> None:
        self.removed = removed
        for address in removed:
            self._fate(address)

    # replacements ---------------------------------------------------------------------------------
    def propagate_replacements(self) -> None:
        """Children of a replaced object are re-created under the new one; objects that only refer
        to it get their reference updated (a Meta ad whose creative is replaced)."""
        replaced = {a: c for a, c in self.changes.items() if c.action is Action.REPLACE}
        if not replaced:
            return
        dropped: list[Address] = []  # where moved ads were recorded, when they are re-created instead
        for address, change in self.changes.items():
            ancestor = container_of(address)
            while ancestor is not None and ancestor not in replaced:
                ancestor = container_of(ancestor)
            if ancestor is not None:
                self.left_alone.pop(address, None)  # goes with the old one, its change with its note
                if address in self.want:
                    self.changes[address] = Change(
                        address,
                        Action.CREATE,
                        None,
                        self.want[address],
                        reason=f"re-created: its {ancestor.kind} is replaced",
                        warnings=change.warnings,
                    )
                    if change.moved_from is not None:
                        dropped.append(change.moved_from)
                elif change.before is not None:
                    self.changes[address] = Change(
                        address, Action.NOOP, change.before, None, reason="removed with its replaced parent"
                    )
                continue
            if change.action not in (Action.NOOP, Action.UPDATE) or change.after is None:
                continue
            for name, target in sorted(change.after.refs.items()):
                if target in replaced:
                    old, new = replaced[target].before, replaced[target].after
                    old_id = old.platform_id if old else None
                    new_id = new.platform_id if new is not None and new.platform_id else "(new id)"
                    change.fields.append(FieldChange(f"refs.{name}", old_id, new_id))
                    note = f"refs.{name}: its {target.kind} is replaced"
                    change.reason = note if change.action is Action.NOOP else f"{change.reason}; {note}"
                    change.action = Action.UPDATE
        for address in dropped:
            self.left_alone.pop(address, None)
            self.changes[address] = Change(address, Action.NOOP, None, None, reason=_WITH_PARENT)
        for address, change in replaced.items():
            if change.before is not None and (others := self._other_ads_running(address)):
                change.keeps_old = True
                change.warnings.append(
                    f"keeps creative {change.before.platform_id}: {others} runs it too, which MIDAS does not "
                    "change"
                )

    def _other_ads_running(self, creative: Address, leaving: Address | None = None) -> str:
        """The live Meta ads other than ``leaving`` that run ``creative`` and will not be repointed away
        from it, as text ("" when none): Meta lets ads share a creative (one adopted, another not), and
        deleting it would leave them on a deleted creative."""
        if (creative.platform, creative.kind) != (META, "adcreative"):
            return ""
        others = sorted(
            ad
            for ad, live in self.have.items()
            if ad.kind == "ad"
            and ad != leaving
            and live.refs.get("creative") == creative
            and (ad not in self.want or self.want[ad].refs.get("creative") != creative)
        )
        return ", ".join(map(str, others))

    def _order_group(self, change: Change) -> tuple[int, str, str, int, int]:
        """A change's place in apply order, but for its path (the last key): parents first; deletes
        last, children first, and a budget or creative deleted with its campaign/ad right after the
        delete that frees it (the platform refuses it while in use)."""
        address = change.address
        if change.action is not Action.DELETE:
            return (0, address.account, address.platform, address.depth, 0)
        anchor = self.anchors.get(address, address)
        return (1, address.account, address.platform, -anchor.depth, int(anchor != address))

    def in_apply_order(self) -> list[Change]:
        """The changes in apply order: by ``_order_group``, then by path. Sorted group by group, by path
        within each: the same order as one sort by (group, path), without a key tuple per change."""
        groups: dict[tuple[int, str, str, int, int], list[Change]] = {}
        for change in self.changes.values():
            group = self._order_group(change)
            found = groups.get(group)
            if found is None:
                groups[group] = [change]
            else:
                found.append(change)
        ordered: list[Change] = []
        for group in sorted(groups):
            changes = groups.pop(group)
            changes.sort(key=_path_of_change)
            ordered.extend(changes)
        return ordered


def _other_meta_audience(live: Resource) -> bool:
    """A Meta audience that is no customer list (a website, lookalike, engagement … audience): Meta lets
    audiences share a name, so MIDAS's customer list of that name is created beside it, no conflict."""
    return (
        live.address.platform == META
        and live.address.kind == AUDIENCE_KIND[META]
        and "customer_file_source" not in live.fields
    )


def _budget_names_taken(planner: _Planner) -> list[str]:
    """A violation for each Google budget a change would give the name of another live budget of its
    account: Google keeps budget names unique in an account, so the write would fail — every time, when
    the other is the campaign's own budget it is leaving (that one goes only after the campaign moved)."""
    holders: dict[tuple[str, str], Address] = {}
    for address, resource in planner.have.items():
        if address.platform == GOOGLE and address.kind == "campaign_budget":
            holders.setdefault((address.account, str(resource.fields.get("name"))), address)
    out = []
    for address, change in planner.changes.items():
        if address.platform != GOOGLE or address.kind != "campaign_budget" or change.after is None:
            continue
        name = str(change.after.fields.get("name"))
        renamed = change.before is None or change.before.fields.get("name") != name
        holder = holders.get((address.account, name))
        if change.action is not Action.NOOP and renamed and holder is not None and holder != address:
            out.append(
                f"{address} would take the name {name!r} of the live budget {holder}: Google keeps budget "
                "names unique in an account — give one of them another name (a SharedBudget's "
                "metadata.name, a campaign's google.budget_name)"
            )
    return out


def _budget_periods_switched(planner: _Planner) -> list[str]:
    """A violation for each live budget the plan would switch between daily and lifetime, which neither
    platform does in place.

    Google: the plan would replace the budget (google-ads v26 ``CampaignBudget.period``: "Immutable"), and a
    budget cannot be replaced under its campaign safely: budget names are unique in an account, so the new
    one could only be created once the old one gave up its name, and an apply stopped half-way would leave a
    budget of that name that no campaign uses where its campaign's budget is addressed.
    Meta: a campaign or ad set created with a daily budget cannot be edited to a lifetime one, nor the other
    way (Marketing API v2.7 release notes, facebook-python-business-sdk 2.7.1: "you can no longer edit ad sets
    created with the new daily budget controls to use lifetime budgets", and the reverse)."""
    out = []
    for address, change in planner.changes.items():
        if address.platform == GOOGLE:
            switched = address.kind == "campaign_budget" and change.action is Action.REPLACE
        else:
            switched = change.action is Action.UPDATE and _meta_budget_period_switched(change)
        if switched:
            platform = "Google" if address.platform == GOOGLE else "Meta"
            out.append(
                f"{address} would switch between a daily and a lifetime budget, which {platform} cannot do "
                "in place (a budget's period is fixed once created): keep its period, or run the campaign "
                "with the other period as a new campaign (another metadata.name) and remove this one"
            )
    return out


def _warn_unheld(planner: _Planner) -> None:
    """A warning on each object the plan keeps of a Meta campaign it manages that holds a setting MIDAS reads
    but never sends nor compares (``resources.META_IMPORT_ONLY``: a creative's own product set other than its
    ad set's or its per-product link template), as import refuses it (``importing.import_only``), set since
    the last apply: the plan cannot keep it, and says so when it replaces (or re-creates) the object, which
    drops it. Likewise an Instagram account a console made a creative run as where MIDAS never held one
    (``unheld.unheld_instagram_account``), which the plan leaves alone. ``drift`` tells the console edit
    that set it."""
    campaigns = {
        a
        for a, c in planner.changes.items()
        if a.platform == META and a.kind == ROOT_KIND and c.action is not Action.DELETE
    }
    for unheld in [*meta_unheld_in(planner.have, campaigns), *_unheld_instagram_accounts(planner)]:
        change = planner.changes.get(unheld.address)
        if change is None or change.action is Action.DELETE:
            continue
        kind, paths = unheld.address.kind, " and ".join(map(_unheld_said, unheld.fields.items()))
        lost = change.action is Action.REPLACE or (change.action is Action.CREATE and change.before is None)
        record = planner.record_of(unheld.address)
        if not lost and record is not None and not unheld.set_since(record):
            continue  # recorded as it is: no change since the last apply (as ``drift`` takes it)
        fate = (
            f"the plan replaces the {kind}, which drops {paths}: it would be lost"
            if lost
            else f"a replacement of the {kind} would drop {it_or_them(unheld)}"
        )
        change.warnings.append(f"{unheld.address}: {unheld.problem}. {why_left(unheld)}: {fate}")


def _unheld_instagram_accounts(planner: _Planner) -> list[Unheld]:
    """Each Instagram account a console made a creative the plan keeps run as, where MIDAS never held one
    (``unheld.unheld_instagram_account``): the plan compares the creative without it (``held_of``)."""
    out = []
    for address, change in planner.changes.items():
        live = planner.have.get(address)
        if live is None or change.action is Action.DELETE or change.after is None:
            continue
        if (found := unheld_instagram_account(live, planner.record_of(address), change.after)) is not None:
            out.append(found)
    return out


def _unheld_said(field: tuple[str, Any]) -> str:
    """A setting MIDAS cannot hold as a plan warning names it: by its field, but a creative's asset feed
    contents (``UNHELD_FEED``, no field of Meta's) by their paths in the feed."""
    name, value = field
    if name == UNHELD_FEED and isinstance(value, Mapping):
        return f"its asset feed's other contents ({', '.join(value)})"
    return name


def _carry_unheld_feed(change: Change, recorded: Mapping[Address, Resource]) -> None:
    """What the apply records of a Meta creative it keeps (NOOP, UPDATE) of what its asset feed carries that
    MIDAS cannot hold (``resources.UNHELD_FEED``, which no spec says): the record's, so that a console change
    of it stays drift; of a record made before MIDAS read it (without it: unknown), as it is live now. The
    record of a creative made anew (CREATE, REPLACE) says none (``resources.with_unheld_known``)."""
    address, after, live = change.address, change.after, change.before
    if (
        address.platform != META
        or address.kind != "adcreative"
        or change.action not in (Action.NOOP, Action.UPDATE)
        or after is None
        or live is None
    ):
        return
    was = recorded.get(change.moved_from or address)
    known = was.fields[UNHELD_FEED] if was is not None and UNHELD_FEED in was.fields else None
    value = known if known is not None else live.fields.get(UNHELD_FEED) or {}
    change.after = _clone(after, fields={**after.fields, UNHELD_FEED: value})


def _warn_shared_page_feeds(planner: _Planner) -> None:
    """A warning on each update changing the page feed of a Google campaign whose set another campaign
    shares (``Resource.shared_page_feeds``, as the reader found it): the apply refuses it
    (``SHARED_PAGE_FEED``), as MIDAS edits no set it does not alone hold, so the plan says so beforehand."""
    for address, change in planner.changes.items():
        live = planner.have.get(address)
        if (
            live is None
            or change.action is not Action.UPDATE
            or address.platform != GOOGLE
            or address.kind != ROOT_KIND
            or not any(f.path.partition(".")[0] == "page_feed" for f in change.fields)
        ):
            continue
        for shared in live.shared_page_feeds:
            change.warnings.append(
                f"{address}: the apply refuses this page feed change: the campaign {shared.note()}"
            )


def _warn_second_dynamic_creative_ad(planner: _Planner) -> None:
    """A warning on each new ad of a Meta Dynamic Creative ad set that holds another live ad the plan does not
    delete: such an ad set runs one ad (believed, unconfirmed: ``spec._meta_dynamic_creative``), and a paused
    ad is still there, so Meta may refuse the new ad until the old one is deleted (an old ad the plan
    deletes goes first: ``applier._ops``)."""
    for address, change in planner.changes.items():
        adset = change.after.refs.get("adset") if change.after is not None else None
        if change.action is not Action.CREATE or address.platform != META or address.kind != "ad":
            continue
        desired = planner.want.get(adset) if isinstance(adset, Address) else None
        if desired is None or not desired.fields.get(DYNAMIC_ADSET_FIELD):
            continue
        others = sorted(
            str(live.fields.get("name") or other.path)
            for other, live in planner.have.items()
            if other.kind == "ad"
            and other != address
            and live.refs.get("adset") == adset
            and not (other in planner.changes and planner.changes[other].action is Action.DELETE)
        )
        if others:
            change.warnings.append(
                f"{address}: ad set {desired.fields.get('name')!r} is a Dynamic Creative ad set, which runs "
                f"one ad (believed): Meta may refuse this ad while {', '.join(map(repr, others))} is live "
                "(a paused ad stays); delete the old ad (--allow-destroy: the apply deletes it before it "
                "creates this one)"
            )


def _replacements_refused(planner: _Planner) -> list[str]:
    """A violation for each live object the plan would replace where a replacement cannot be done safely.

    Google campaign: its channel, sub type or app cannot change in place, and the new campaign could not be
    created beside the old one (campaign names are unique in an account, and its budget funds one
    campaign), so the first apply would fail with the old one already removed. Google ad group: its type
    (standard or dynamic) alike, under a name unique in its campaign. Meta campaign and ad set: the
    campaign's objective and product catalog, and what the ad set promotes or counts (its
    ``promoted_object``), its billing event and whether it is a Dynamic Creative one, are set when Meta
    creates them; replacing either would
    delete it live (its delivery history and learning), which no spec edit should do silently."""
    out = []
    for address, change in planner.changes.items():
        if change.action is not Action.REPLACE:
            continue
        fields = ", ".join(sorted({f.path for f in immutable_changes(change.fields, address)}))
        if address.platform == GOOGLE and address.kind == "campaign":
            out.append(
                f"{address} would be replaced ({fields} cannot change in place), which Google cannot do "
                "under its name and budget: keep them, or run the campaign as a new one (another "
                "metadata.name) and remove this one"
            )
        elif address.platform == GOOGLE and address.kind == "ad_group":
            out.append(
                f"{address} would be replaced ({fields} cannot change in place), which Google cannot do "
                "under its name in the campaign: keep it, or run it as a new ad group (give the ad group "
                "another name) and let this one go"
            )
        elif address.platform == META and address.kind == "campaign":
            tops = {f.path.split(".")[0] for f in immutable_changes(change.fields, address)}
            fixed = " or ".join(what for field, what in _META_CAMPAIGN_FIXED.items() if field in tops)
            fixed = fixed or _META_CAMPAIGN_FIXED["objective"]
            out.append(
                f"{address} would be replaced: Meta does not change {fixed}; "
                "keep it, or run the campaign as a new one (another metadata.name) and remove this one"
            )
        elif address.platform == META and address.kind == "adset":
            tops = {f.path.split(".")[0] for f in immutable_changes(change.fields, address)}
            fixed = " or ".join(what for field, what in _META_AD_SET_FIXED.items() if field in tops)
            out.append(
                f"{address} would be replaced: Meta does not change {fixed} ({fields}); keep it, or run it "
                "as a new ad set (give the ad group another name) and let this one go"
            )
    return out


#: What Meta sets on a campaign when it creates it, as a plan refusing to replace the campaign says it.
_META_CAMPAIGN_FIXED: Final = {
    "objective": "a live campaign's objective",
    "promoted_object": "a live campaign's product catalog",
}
#: What Meta sets on an ad set when it creates it, as a plan refusing to replace the ad set says it.
_META_AD_SET_FIXED: Final = {
    "promoted_object": "what a live ad set promotes or counts",
    "billing_event": "a live ad set's billing event",
    "destination_type": "where a live ad set's ads send people",
    # A create parameter alone (``spec._meta_dynamic_creative``).
    "is_dynamic_creative": "whether a live ad set is a Dynamic Creative one",
}


def _meta_budget_period_switched(change: Change) -> bool:
    """The live campaign or ad set has a budget of one period and the desired one a budget of the other."""
    assert change.before is not None and change.after is not None
    periods = [
        {key for key in ("daily_budget", "lifetime_budget") if fields.get(key)}
        for fields in (change.before.fields, change.after.fields)
    ]
    return all(periods) and periods[0] != periods[1]


def _shared_with_unowned(planner: _Planner) -> list[str]:
    """A violation for each change that would change the spend of campaigns MIDAS does not own through a
    shared budget that funds them too — a new amount, or another campaign of ours drawing on it: they have
    to be adopted first."""
    touched: dict[Address, list[str]] = {}  # shared budget → what the plan does to it
    for address, change in planner.changes.items():
        if change.action not in (Action.CREATE, Action.UPDATE, Action.REPLACE):
            continue
        if address.kind == "campaign_budget":
            if change.action is not Action.CREATE and is_shared_budget(address):
                touched.setdefault(address, []).insert(0, "changing it")
        elif address.kind == ROOT_KIND and change.after is not None:
            budget = change.after.refs.get("campaign_budget")
            before = change.before.refs.get("campaign_budget") if change.before is not None else None
            if budget is not None and budget != before and is_shared_budget(budget):
                touched.setdefault(budget, []).append(f"adding campaign {address.path!r} to it")
    if not touched:
        return []
    out = []
    for budget in sorted(touched):
        others = planner.unowned_users(budget)
        if others:
            names = ", ".join(repr(a.path) for a in others)
            out.append(
                f"{budget} also funds campaign {names}, which MIDAS does not manage: "
                f"{' and '.join(touched[budget])} would change their spend — adopt them too (`midas import`) "
                "or leave the shared budget as it is"
            )
    return out


def plan(
    desired: Sequence[Resource],
    live: Sequence[Resource],
    recorded: Mapping[Address, Resource],
    *,
    claimed: Set[Address] = frozenset(),
    deletes_not_done: Mapping[Address, Set[str]] | None = None,
    accounts: Sequence[str],
    fingerprints: Mapping[str, str] | None = None,
    allow_destroy: bool = False,
    created_at: dt.datetime | None = None,
    existing: Set[Address] = frozenset(),
) -> Plan:
    """Plan the changes that make ``live`` match ``desired`` for ``accounts`` (see module docstring).

    Resources of other accounts are ignored. ``claimed`` are addresses an interrupted apply was
    creating (from the store's journal): live objects there carrying the marker are adopted.
    ``deletes_not_done`` (from the journal too): ids by address whose delete MIDAS sent without learning it
    went through; such an object left beside the one MIDAS records there is removed
    (``replacements_left_behind``).
    ``created_at`` defaults to now (pass it for byte-identical plans). Raises ``ValueError`` when two
    desired resources share an address (a compiler bug, not user input).
    """
    scope = set(accounts)
    want: dict[Address, Resource] = {}
    for resource in desired:
        if resource.address.account in scope:
            size = len(want)
            want[resource.address] = resource
            if len(want) == size:
                raise ValueError(f"two desired resources share the address {resource.address}")
    mine: Mapping[Address, Resource] = recorded
    if not all(a.account in scope for a in recorded):
        mine = {a: r for a, r in recorded.items() if a.account in scope}
    live = unheld_modifiers(live, want, mine)  # a console's place modifiers MIDAS leaves alone
    live, made = replacements_made(live, mine, claimed)
    live, left = replacements_left_behind(live, mine, deletes_not_done or {})
    for address, found in left.items():
        made.setdefault(address, []).extend(found)
    left_ids = {str(r.platform_id) for found in left.values() for r in found}
    have, warnings = index_live(live, mine, scope)
    # Campaigns and ad groups before ads: the ads of a renamed one are then where the specs want them.
    moved_from = renamed_in_place(have, want, mine, claimed)
    if moved_from:
        warnings += [
            _shared_address(new, have[old], [have[new]])
            for new, old in sorted(moved_from.items())
            if new in have and new not in moved_from.values()
        ]
        _move_live(have, moved_from)
    moved_ads = renamed_ads(have.values(), want.values(), mine)
    if moved_ads:
        _move_live(have, moved_ads)
        moved_from.update(moved_ads)
    if moved_from:  # under a renamed campaign, a console's place modifiers are left alone too
        renamed = [have[a] for a in moved_from if a in have]
        have.update((r.address, r) for r in unheld_modifiers(renamed, want, mine, moved_from))
    planner = _Planner(want, have, mine, claimed, allow_destroy, moved_from, made, left_ids)

    conflicts: list[Address] = []
    unmanaged: list[Address] = []
    removed: list[Address] = []
    hands_off = {a: r.platform_id for a, r in have.items() if a in existing and r.platform_id}
    beside = [a for a, r in have.items() if a in want and not planner.owns(a, r) and _other_meta_audience(r)]
    for address in beside:  # created next to it: the other audience stays as it is, unmanaged
        del have[address]
    unmanaged.extend(beside)
    for address, live_resource in have.items():
        if address in existing:
            continue
        if not planner.owns(address, live_resource):
            (conflicts if address in want else unmanaged).append(address)
        elif address not in want:
            removed.append(address)
    # A conflict anywhere in a campaign skips the whole campaign: only its top-most conflicts are told.
    # A shared budget MIDAS does not own is skipped alone, with the campaigns it would fund (they would
    # refer to a budget not ours).
    conflicting = set(conflicts)
    blocked = {_campaign_key(a) for a in conflicts if not is_shared_budget(a)}
    blocked |= {
        _campaign_key(a)
        for a, r in want.items()
        if a.kind == ROOT_KIND and r.refs.get("campaign_budget") in conflicting
    }
    violations = [
        _conflict_message(a, have[a], mine.get(a))
        for a in sorted(conflicts, key=Address.sort_key)
        if a.kind == ROOT_KIND or campaign_of(a) not in conflicting
    ]
    for address, resource in want.items():
        if (not blocked or _campaign_key(address) not in blocked) and address not in conflicting:
            planner.changes[address] = planner.desired_change(address, resource, have.get(address))
    planner.plan_removals({a for a in removed if not blocked or _campaign_key(a) not in blocked})
    for new, old in moved_from.items():  # what a renamed campaign or ad group takes along, no spec holding it
        change = planner.changes.get(new)
        if change is not None and change.moved_from is None:
            change.moved_from, change.reason = old, f"{_moved_note(new, old)}; {change.reason}"
    moved = set(moved_from.values())
    for address in mine:
        if address not in have and address not in want and address not in existing and address not in moved:
            planner.changes[address] = Change(address, Action.NOOP, None, None, reason="already gone")
    violations += _shared_with_unowned(planner)
    violations += _budget_names_taken(planner)
    violations += _budget_periods_switched(planner)
    violations += _replacements_refused(planner)
    planner.propagate_replacements()
    _warn_unheld(planner)
    _warn_shared_page_feeds(planner)
    _warn_second_dynamic_creative_ad(planner)

    changes = planner.in_apply_order()
    warnings.extend(w for c in changes for w in c.warnings)
    warnings.extend(everywhere_warning(address) for address in everywhere(changes))
    warnings.extend(planner.made_left_alone())
    lifecycle_updates = {}
    record_refreshes = {}
    for change in changes:
        _carry_unheld_feed(change, recorded)
        if change.action is Action.NOOP and change.before is not None and change.after is not None:
            was = recorded.get(change.moved_from or change.address)
            if was is not None and was.on_remove != change.after.on_remove:
                lifecycle_updates[change.address] = (was.on_remove, change.after.on_remove)
            # A moved record is written anew by the apply anyway.
            if (
                was is not None
                and change.moved_from is None
                and change.address not in claimed
                and replaced(was, change.before)
            ):
                record_refreshes[change.address] = [REPLACED]
            elif (
                was is not None
                and change.moved_from is None
                # Not a console's Instagram account MIDAS never held: warned of, the record keeps none.
                and (changed := diff(was, planner.held_of(change.address, change.before, change.after)))
            ):
                record_refreshes[change.address] = [c.path for c in changed]
            elif (
                was is None
                and change.moved_from is None
                and change.before.platform_id
                and change.address not in existing
            ):
                # Made outside MIDAS's records (in a console, or by an apply killed before it recorded it)
                # as the specs have it: recorded by the apply, else drift would report it on every run.
                record_refreshes[change.address] = [NOT_RECORDED]
        elif change.before is not None and planner.let_go(change):
            was = recorded[change.address]
            # Never a console's place modifier the record lacks: MIDAS's own once recorded, the plan would
            # clear it when the spec comes back naming no location bid adjustment (``left_alone``).
            [before] = unrecorded_modifiers([change.before], {change.address: was})
            if changed := diff(was, before):
                # The specs no longer say anything of it, so its console edit contradicts nothing: the
                # record takes it (keeping how it left the specs), else drift would report it on every run.
                change.before = _clone(before, spec_digest=was.spec_digest, on_remove=was.on_remove)
                record_refreshes[change.address] = [c.path for c in changed]
    result = Plan(
        accounts=list(accounts),
        changes=changes,
        fingerprints=dict(fingerprints or {}),
        unmanaged=sorted(unmanaged, key=Address.sort_key),
        existing={a: str(hands_off[a]) for a in sorted(hands_off, key=Address.sort_key)},
        released=sorted([*(a for a in mine if a in existing), *planner.let_go_in_use], key=Address.sort_key),
        lifecycle_updates=lifecycle_updates,
        record_refreshes=record_refreshes,
        violations=violations,
        warnings=sorted(set(warnings)),
        left_alone={a: planner.left_alone[a] for a in sorted(planner.left_alone, key=Address.sort_key)},
        allow_destroy=allow_destroy,
    )
    if created_at is not None:
        result.created_at = created_at
    return result
