"""Campaigns and ad groups (Meta: ad sets; Performance Max asset groups) renamed in the specs: the same
object under its new name.

A campaign's name (``metadata.name``) and an ad group's are their addresses (``<campaign>``,
``<campaign>/<ad group>``) and the head of every address under them (criteria, ad groups, ads, Meta
creatives; a Google campaign's own budget shares its campaign's). Without this module a name changed in a
spec plans a new object with everything in it new (ads' review, delivery history and learning restarted),
and pauses the old one. Both platforms rename them in place: google-ads v26
``resources.types.ad_group.AdGroup.name`` and ``campaign.Campaign.name`` are not marked "Immutable" (an ad
group's ``type_`` and ``campaign``, a campaign's channel type are), and facebook-business 26.0.3
``AdSet.api_update`` and ``Campaign.api_update`` take ``name`` (their ``param_types``). So
``renamed_in_place`` pairs a live campaign or ad group MIDAS recorded and owns whose address no spec holds
any more with the wanted one of the same account (an ad group: of the same campaign) that no live object
of MIDAS's holds (a namesake made outside MIDAS is left beside it) when it is *the same* object, as MIDAS
last applied it (its records; what a console changed since is drift the plan restores after the rename, not
a change of the specs):

* its own fields are the wanted ones but for its ``name`` and ``status`` (a status the spec changed with
  the name is an update, as for a renamed creative, ``ad_names``);
* the same objects are addressed under both, by the same names (ad group and creative names, criterion
  keys), and each one is its wanted counterpart but for its ``status`` (and a Google campaign's own
  budget for its ``name``, which follows the campaign's) — targeting, keywords and ads unchanged (a Meta
  creative's own name, which is its path, is not compared: ``diff.RULES``);
* ads and ad groups no spec holds that are stopped already (paused when they left the specs) are no
  difference: they, and what is in them, move along and stay as they are;
* what the planner leaves alone under it is no difference either (``left_alone.is_left_alone``, the one
  definition): a Demand Gen ad group's product filter and a Google campaign's own age, gender or interest
  targeting MIDAS neither recorded nor claimed while the spec names none move along and stay as a console
  set them;
* each is the other's only such match: renamed twins (several stale objects alike, or one that several
  wanted ones match) pair with none, since nothing tells which history goes with which name.

Anything else — another field; an ad group, keyword or creative changed, added, removed or renamed with it;
twins — and the plan is what it was before: a new object, the old one paused. A pair is planned as the same
object: the plan moves MIDAS's records of it and of everything under it (``Change.moved_from``, one store
transaction before any write) and sends only its new name (and status; a Google campaign's budget's name).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Set

from midas_reconcile.ad_names import AD_KINDS
from midas_reconcile.diff import diff
from midas_reconcile.left_alone import is_left_alone, is_ours, owner_of, targeted_types
from midas_reconcile.resources import (
    ASSET_GROUP_LEVEL,
    CAMPAIGN_LEVEL,
    GOOGLE,
    GROUP_LEVEL,
    REMOVED_DIGEST,
    Address,
    Level,
    Resource,
    campaign_of,
    is_stopped,
    relocated,
)

__all__ = ["campaign_head", "group_of", "renamed_in_place"]

#: The kinds under a campaign or ad group that can be left behind stopped (``_left_behind``).
_STOPPABLE = frozenset({*GROUP_LEVEL.kinds.values(), *AD_KINDS})
#: What may differ between a live object under a renamed one and its wanted counterpart: its status (an
#: update); a Google campaign's own budget is named after the campaign (``google.budget_name`` aside).
_CHILD_MAY_DIFFER = frozenset({"status"})
_BUDGET_MAY_DIFFER = frozenset({"status", "name"})


def group_of(address: Address) -> Address | None:
    """The ad group (Meta: ad set) ``address`` is addressed under; None for one under none (an ad group
    itself, a campaign, a criterion of a campaign …)."""
    return GROUP_LEVEL.head_of(address)


def campaign_head(address: Address) -> Address | None:
    """The campaign ``address`` is addressed under (a Google campaign's own budget: its campaign); None for
    a campaign, a shared budget or an audience."""
    return CAMPAIGN_LEVEL.head_of(address)


def _children(
    level: Level, resources: Iterable[Resource], heads: set[Address]
) -> dict[Address, dict[tuple[str, str], Resource]]:
    """What is addressed under each of ``heads``: head → (kind, path under it) → resource."""
    out: dict[Address, dict[tuple[str, str], Resource]] = {head: {} for head in heads}
    for resource in resources:
        head = level.head_of(resource.address)
        if head is not None and head in heads:
            rest = resource.address.path[len(head.path) + 1 :]
            out[head][resource.address.kind, rest] = resource
    return out


def _move(level: Level, old: Address, new: Address) -> Callable[[Address], Address]:
    """Maps the address of the object ``old`` of ``level``, or of one under it, to the same of ``new``."""
    heads = {old.path: new.path}

    def move(address: Address) -> Address:
        if (address.platform, address.account) != (old.platform, old.account):
            return address
        return level.moved(address, heads)

    return move


def _alike(live: Resource, wanted: Resource) -> bool:
    """Whether ``live``, moved under the renamed object, is ``wanted`` but for what ``_CHILD_MAY_DIFFER``
    (``_BUDGET_MAY_DIFFER``) allows."""
    budget = live.address.platform == GOOGLE and live.address.kind == "campaign_budget"
    allowed = _BUDGET_MAY_DIFFER if budget else _CHILD_MAY_DIFFER
    return all(change.path in allowed for change in diff(live, wanted))


def _same(
    level: Level,
    live: Resource,
    wanted: Resource,
    live_children: Mapping[tuple[str, str], Resource],
    wanted_children: Mapping[tuple[str, str], Resource],
) -> bool:
    """Whether the object and what is under it as MIDAS left them (``_as_left``), moved to the wanted one's
    address, are the wanted ones but for its name and the statuses (see the module docstring;
    ``_left_behind`` aside)."""
    left = _left_behind(live_children, wanted_children)
    kept = {key: child for key, child in live_children.items() if key not in left}
    if kept.keys() != wanted_children.keys():
        return False
    moved = relocated([live, *kept.values()], _move(level, live.address, wanted.address))
    if not all(change.path in ("name", "status") for change in diff(moved[0], wanted)):
        return False
    return all(_alike(child, wanted_children[key]) for key, child in zip(kept, moved[1:], strict=True))


def _left_behind(
    live_children: Mapping[tuple[str, str], Resource], wanted_children: Mapping[tuple[str, str], Resource]
) -> set[tuple[str, str]]:
    """The live ads and ad groups under a renamed object that no spec holds and that are stopped already
    (paused when they left the specs), with what is in them and a Meta ad's creative: the plan leaves them
    as they are, renamed or not, so they are no difference — they move along."""
    stopped = [
        rest
        for (kind, rest), child in live_children.items()
        if (kind, rest) not in wanted_children and kind in _STOPPABLE and is_stopped(child)
    ]
    if not stopped:
        return set()
    return {
        key
        for key in live_children
        if key not in wanted_children and any(key[1] == r or key[1].startswith(r + "/") for r in stopped)
    }


def renamed_in_place(
    live: Mapping[Address, Resource],
    desired: Mapping[Address, Resource],
    recorded: Mapping[Address, Resource],
    claimed: Set[Address] = frozenset(),
) -> dict[Address, Address]:
    """The campaigns and ad groups the specs renamed, and everything under them: desired address → live
    address (see the module docstring for when one is renamed rather than new). ``live`` holds no removed
    object; ``claimed`` are the addresses a journal claims as made by an interrupted apply of MIDAS's
    (never left alone)."""
    out = _renamed(CAMPAIGN_LEVEL, live, desired, recorded, claimed)
    if out:  # what a renamed campaign holds is no ad group of its own to rename
        moved = set(out.values())
        live = {a: r for a, r in live.items() if a not in moved}
    out.update(_renamed(GROUP_LEVEL, live, desired, recorded, claimed))
    # A Performance Max asset group is its spec's ad group on Google: v26 AssetGroup.name is not marked
    # "Immutable" (its campaign is), so it is renamed in place too.
    out.update(_renamed(ASSET_GROUP_LEVEL, live, desired, recorded, claimed))
    return out


def _renamed(
    level: Level,
    live: Mapping[Address, Resource],
    desired: Mapping[Address, Resource],
    recorded: Mapping[Address, Resource],
    claimed: Set[Address],
) -> dict[Address, Address]:
    """``renamed_in_place`` at one level."""
    # Only what MIDAS owns is renamed (invariant 1): campaigns and ad groups carry the marker (an ad group
    # also through its campaign), so a live one not ``managed`` had it removed — not MIDAS's to touch.
    stale = [
        r for a, r in live.items() if level.is_one(a) and a not in desired and a in recorded and r.managed
    ]
    if not stale:
        return {}
    # The wanted ones no live object of MIDAS's holds: one made outside MIDAS may share the name (Meta
    # allows it), and the renamed object then stands beside it.
    missing: dict[tuple[str, str, str], list[Resource]] = {}  # parent → the wanted ones
    for address, resource in desired.items():
        if level.is_one(address) and (
            address not in live or (not live[address].managed and address not in recorded)
        ):
            missing.setdefault(_parent(address), []).append(resource)
    stale = [r for r in stale if _parent(r.address) in missing]
    if not stale:
        return {}
    live_children = _children(level, live.values(), {r.address for r in stale})
    recorded_children = _children(level, recorded.values(), {r.address for r in stale})
    wanted_children = _children(level, desired.values(), {r.address for rs in missing.values() for r in rs})
    matches: dict[Address, list[Address]] = {}  # stale object → the wanted ones it is the same as
    matched_by: dict[Address, list[Address]] = {}  # wanted object → the stale ones that are it
    # Each wanted object's campaign and the criterion types targeted or named (``named_types``) in it, by
    # their owner (the campaign, or an ad group for its device modifiers: ``left_alone.owner_of``), whatever
    # stale one it meets.
    targets = {}
    for parent in {_parent(r.address) for r in stale}:
        for new in missing[parent]:
            campaign = new if level is CAMPAIGN_LEVEL else desired.get(campaign_of(new.address))
            under = [
                *wanted_children[new.address].values(),
                *([campaign] if campaign is not None else []),
                new,
            ]
            targets[new.address] = (campaign, targeted_types(under))
    for old in stale:
        address = old.address
        head, children = _as_left(old, live_children[address], recorded, recorded_children[address])
        for new in missing[_parent(address)]:
            wanted = wanted_children[new.address]
            campaign, targeted = targets[new.address]
            alone = _left_alone(new.address, children, wanted, recorded, claimed, campaign, targeted)
            kept = {key: child for key, child in children.items() if key not in alone}
            if _same(level, head, new, kept, wanted):
                matches.setdefault(address, []).append(new.address)
                matched_by.setdefault(new.address, []).append(address)
    out: dict[Address, Address] = {}
    for old_address, news in sorted(matches.items()):
        if len(news) != 1 or len(matched_by[news[0]]) != 1:  # twins: nothing tells which is which
            continue
        new_address = news[0]
        out[new_address] = old_address
        move = _move(level, old_address, new_address)
        for child in live_children[old_address].values():
            out[move(child.address)] = child.address
    return out


def _as_left(
    live: Resource,
    live_children: Mapping[tuple[str, str], Resource],
    recorded: Mapping[Address, Resource],
    recorded_children: Mapping[tuple[str, str], Resource],
) -> tuple[Resource, dict[tuple[str, str], Resource]]:
    """The stale object and what is under it as MIDAS last applied them, else (no record, or one of an
    object paused when it left the specs: what it was is live) as they are live: what a console changed
    since (a paused ad, a keyword's bid, a deleted keyword) is no change of the specs, so it does not make a
    renamed object a new one — the plan restores it after the rename, as drift."""
    head = recorded.get(live.address)
    if head is None or not head.fields or head.spec_digest == REMOVED_DIGEST:
        return live, dict(live_children)
    # A record with no live object (deleted in a console since) counts as well: it is in the specs' past.
    return head, {**live_children, **recorded_children}


def _left_alone(
    head: Address,
    children: Mapping[tuple[str, str], Resource],
    wanted_children: Mapping[tuple[str, str], Resource],
    recorded: Mapping[Address, Resource],
    claimed: Set[Address],
    campaign: Resource | None,
    targeted: Mapping[Address, Set[object]],
) -> set[tuple[str, str]]:
    """The children of a renamed object the plan leaves alone under the wanted one at ``head``
    (``left_alone.is_left_alone``, as the planner asks it, of what the specs name where each goes:
    ``targeted``, by ``left_alone.owner_of``): no wanted child at their key, MIDAS neither recorded nor
    claimed them (``left_alone.is_ours``). They move along with it, untouched."""
    return {
        key
        for key, child in children.items()
        if key not in wanted_children
        and is_left_alone(
            child,
            campaign=campaign,
            ours=is_ours(child.address, recorded, claimed),
            targeted=targeted.get(
                owner_of(Address(head.platform, head.account, key[0], f"{head.path}/{key[1]}")), set()
            ),
        )
    }


def _parent(address: Address) -> tuple[str, str, str]:
    """Where a campaign (its account) or an ad group (its campaign) lives: renames stay within it."""
    return (address.platform, address.account, address.path.rpartition("/")[0])
