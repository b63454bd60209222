"""Ad groups (Meta: ad sets) renamed in the specs: the same ad group under its new name.

An ad group's name is its address (``<campaign>/<ad group>``) and the head of every address under it
(criteria, ads, Meta creatives). Without this module a name changed in a spec plans a new ad group, with new
ads (their review, delivery history and learning restarted), and pauses the old one. Both platforms let an
ad group be renamed in place: google-ads v26 ``resources.types.ad_group.AdGroup.name`` is not marked
"Immutable" (its ``type_``, ``campaign`` and ``resource_name`` are), and facebook-business 26.0.3
``AdSet.api_update`` takes ``name`` (its ``param_types``). So ``renamed_groups`` pairs a live ad group MIDAS
recorded whose address no spec holds any more with the wanted ad group of the same campaign that no live
object holds when it is *the same ad group*:

* its own fields are the wanted ones but for its ``name`` and ``status`` (a status the spec changed with
  the name is an update, as for a renamed creative, ``ad_names``);
* the same objects are addressed under both, by the same names (criterion keys, creative names), and each
  live one is its wanted counterpart but for its ``status`` — its targeting, keywords and ads unchanged (a
  Meta creative's own name, which is its path, is not compared: ``diff.RULES``);
* ads no spec holds that are stopped already (paused when their creative left the specs) are no
  difference: they, and a Meta one's creative, move along with the ad group and stay as they are;
* each is the other's only such match: renamed twins (several stale ad groups alike, or one that several
  wanted ones match) pair with none, since nothing tells which history goes with which name.

Anything else — another field, a keyword or creative changed, added, removed or renamed with it, twins —
and the plan is what it was before: a new ad group, the old one paused. A pair is planned as the same ad
group: the plan moves MIDAS's records of it and of everything under it (``Change.moved_from``, one store
transaction before any write) and sends only the ad group's new name (and status).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from midas_reconcile.diff import diff
from midas_reconcile.resources import GROUP_KINDS, Address, Resource, is_stopped, relocated

__all__ = ["group_of", "renamed_groups"]

#: The fields of an ad group, or of what is under it, that may differ between a renamed one and the wanted:
#: its name is the rename, a status the spec changed with it an update.
_MAY_DIFFER = frozenset({"name", "status"})
_CHILD_MAY_DIFFER = frozenset({"status"})
#: The kinds of ads under an ad group (Google, Meta).
_ADS = frozenset({"ad_group_ad", "ad"})


def _is_group(address: Address) -> bool:
    kinds = GROUP_KINDS.get(address.platform)
    return kinds is not None and address.kind == kinds[0]


def group_of(address: Address) -> Address | None:
    """The ad group (Meta: ad set) ``address`` is addressed under; None for one under none (an ad group
    itself, a campaign, a criterion of a campaign …)."""
    kinds = GROUP_KINDS.get(address.platform)
    if kinds is None or address.kind == kinds[0] or address.kind not in kinds[1]:
        return None
    head = "/".join(address.path.split("/", 2)[:2])
    return Address(address.platform, address.account, kinds[0], head)


def _children(
    resources: Iterable[Resource], groups: set[Address]
) -> dict[Address, dict[tuple[str, str], Resource]]:
    """What is addressed under each of ``groups``: group → (kind, path under the group) → resource."""
    out: dict[Address, dict[tuple[str, str], Resource]] = {group: {} for group in groups}
    for resource in resources:
        group = group_of(resource.address)
        if group is not None and group in groups:
            rest = resource.address.path[len(group.path) + 1 :]
            out[group][resource.address.kind, rest] = resource
    return out


class _Move:
    """Maps an address under (or of) the ad group ``old`` to the same under ``new``; others as they are."""

    def __init__(self, old: Address, new: Address) -> None:
        self.old, self.new = old, new

    def __call__(self, address: Address) -> Address:
        if address == self.old:
            return self.new
        if group_of(address) != self.old:
            return address
        path = self.new.path + address.path[len(self.old.path) :]
        return Address(address.platform, address.account, address.kind, path)


def _alike(live: Resource, wanted: Resource, may_differ: frozenset[str]) -> bool:
    return all(change.path in may_differ for change in diff(live, wanted))


def _same_group(
    live: Resource,
    wanted: Resource,
    live_children: Mapping[tuple[str, str], Resource],
    wanted_children: Mapping[tuple[str, str], Resource],
) -> bool:
    """Whether the live ad group and what is under it, moved to the wanted one's address, are the wanted
    ones but for the names and statuses ``_MAY_DIFFER`` allows (what ``_left_behind`` says aside)."""
    left = _left_behind(live_children, wanted_children)
    kept = {key: child for key, child in live_children.items() if key not in left}
    if kept.keys() != wanted_children.keys():
        return False
    move = _Move(live.address, wanted.address)
    moved = relocated([live, *kept.values()], move)
    if not _alike(moved[0], wanted, _MAY_DIFFER):
        return False
    return all(
        _alike(child, wanted_children[key], _CHILD_MAY_DIFFER)
        for key, child in zip(kept, moved[1:], strict=True)
    )


def _left_behind(
    live_children: Mapping[tuple[str, str], Resource], wanted_children: Mapping[tuple[str, str], Resource]
) -> set[tuple[str, str]]:
    """The live ads under an ad group that no spec holds and that are stopped already (paused when their
    creative left the specs), with a Meta ad's creative: the plan leaves them as they are, renamed or not,
    so they are no difference — they move along with the ad group."""
    left = {
        key
        for key, child in live_children.items()
        if key not in wanted_children and key[0] in _ADS and is_stopped(child)
    }
    creatives = {("adcreative", rest) for kind, rest in left if kind == "ad"}
    return left | {key for key in creatives if key in live_children and key not in wanted_children}


def renamed_groups(
    live: Mapping[Address, Resource],
    desired: Mapping[Address, Resource],
    recorded: Mapping[Address, Resource],
) -> dict[Address, Address]:
    """The ad groups the specs renamed, and everything under them: desired address → live address (see the
    module docstring for when an ad group is renamed rather than new). ``live`` holds no removed object."""
    stale = [r for a, r in live.items() if _is_group(a) and a not in desired and a in recorded]
    if not stale:
        return {}
    missing: dict[tuple[str, str, str], list[Resource]] = {}  # campaign → the wanted groups no live holds
    for address, resource in desired.items():
        if _is_group(address) and address not in live:
            missing.setdefault((address.platform, address.account, address.campaign), []).append(resource)
    stale = [r for r in stale if (r.address.platform, r.address.account, r.address.campaign) in missing]
    if not stale:
        return {}
    live_children = _children(live.values(), {r.address for r in stale})
    wanted_children = _children(desired.values(), {r.address for group in missing.values() for r in group})
    matches: dict[Address, list[Address]] = {}  # stale group → the wanted groups it is the same as
    matched_by: dict[Address, list[Address]] = {}  # wanted group → the stale groups that are it
    for old in stale:
        address = old.address
        for new in missing[address.platform, address.account, address.campaign]:
            if _same_group(old, new, live_children[address], wanted_children[new.address]):
                matches.setdefault(address, []).append(new.address)
                matched_by.setdefault(new.address, []).append(address)
    out: dict[Address, Address] = {}
    for old_group, news in sorted(matches.items()):
        if len(news) != 1 or len(matched_by[news[0]]) != 1:  # twins: nothing tells which is which
            continue
        new_group = news[0]
        out[new_group] = old_group
        move = _Move(old_group, new_group)
        for child in live_children[old_group].values():
            out[move(child.address)] = child.address
    return out
