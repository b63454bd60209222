"""Live resources grouped into campaign trees: what ``midas import``, ``compare`` and snapshots work on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from midas_reconcile.ad_names import meta_ads_by_record
from midas_reconcile.resources import (
    ASSET_GROUP_LEVEL,
    GROUP_LEVEL,
    META,
    ROOT_KIND,
    Address,
    Resource,
    groups_by_record,
    join_path,
)


@dataclass
class CampaignTree:
    """One live campaign on one platform and account, with everything under it, by kind (read order)."""

    campaign: Resource
    resources: dict[str, list[Resource]] = field(default_factory=dict)

    @property
    def address(self) -> Address:
        return self.campaign.address

    @property
    def name(self) -> str:
        return str(self.campaign.fields.get("name") or self.address.path)

    @property
    def platform_id(self) -> str:
        return self.campaign.platform_id or "?"

    def of_kind(self, kind: str) -> list[Resource]:
        return self.resources.get(kind, [])

    def children(self, kind: str, parent: Address, ref: str) -> list[Resource]:
        """Resources of ``kind`` whose ``ref`` points at ``parent``."""
        return [r for r in self.of_kind(kind) if r.refs.get(ref) == parent]

    def by_address(self) -> dict[Address, Resource]:
        return {r.address: r for group in self.resources.values() for r in group}

    def all(self) -> list[Resource]:
        return [r for group in self.resources.values() for r in group]


def campaign_trees(live: Iterable[Resource]) -> list[CampaignTree]:
    """Every live campaign with its resources (a resource belongs to the campaign of its first path
    segment, on the same platform and account), in address order. Resources outside any campaign (a
    budget no campaign uses) are left out."""
    members: dict[tuple[str, str, str], list[Resource]] = {}
    roots: dict[tuple[str, str, str], Resource] = {}
    for resource in live:
        address = resource.address
        key = (address.platform, address.account, address.campaign)
        if address.kind == ROOT_KIND and "/" not in address.path:
            roots[key] = resource
        members.setdefault(key, []).append(resource)
    trees = []
    for key in sorted(roots):
        tree = CampaignTree(roots[key])
        for resource in members[key]:
            tree.resources.setdefault(resource.address.kind, []).append(resource)
        trees.append(tree)
    return trees


def select(
    trees: Sequence[CampaignTree], ids: Sequence[str], names_of: Callable[[CampaignTree], set[str]]
) -> tuple[list[CampaignTree], list[str]]:
    """The trees one of whose ``names_of`` (id, names) is in ``ids``, and the ids that matched none."""
    chosen = [t for t in trees if names_of(t) & set(ids)]
    found = {i for t in chosen for i in names_of(t)}
    return chosen, [i for i in ids if i not in found]


def at_live_group_names(resources: Sequence[Resource]) -> list[Resource]:
    """``resources`` with each ad group (ad set, asset group) at the address of the name it has live, with
    what is under it: a read holds it at the address MIDAS records, whatever a console renamed it to, and a
    spec written from it says the live name (the plan renames the same ad group in place, ``renames``), so
    that is where a verification of the spec looks for it. Campaigns stay: a spec keeps a console's name for
    one as its platform's own (``google.name`` / ``meta.name``)."""
    return _at_live_names(resources, with_meta_ads=False)


def at_live_names(resources: Sequence[Resource]) -> list[Resource]:
    """``resources`` at the names their objects have live, as a spec an import writes from them says them:
    each ad group (ad set, asset group) as ``at_live_group_names`` puts it, then each Meta ad, with the
    creative addressed with it, at the name it has live in its ad set. A read holds a Meta ad MIDAS recorded
    at its recorded address whatever a console renamed it to (``ad_names.meta_ads_by_record``), while an
    import names a Meta creative after its ad's live name, as it names an ad group after the ad group's (the
    plan then moves MIDAS's records of the same ad, ``ad_names.renamed_ads``). Google ads stay at the names
    MIDAS records: one of a type Google keeps no name for has none to go by, and a Demand Gen ad's
    ``Ad.name`` is immutable, never a console's rename."""
    return _at_live_names(resources, with_meta_ads=True)


def _at_live_names(resources: Sequence[Resource], *, with_meta_ads: bool) -> list[Resource]:
    by_account: dict[tuple[str, str], list[Resource]] = {}
    for resource in resources:
        by_account.setdefault((resource.address.platform, resource.address.account), []).append(resource)
    out: list[Resource] = []
    for (platform, _), part in by_account.items():
        for level in (GROUP_LEVEL, ASSET_GROUP_LEVEL):
            part = groups_by_record(part, _live_paths([r for r in part if level.is_one(r.address)]), level)
        if with_meta_ads and platform == META:
            part = meta_ads_by_record(part, _live_paths([r for r in part if r.address.kind == "ad"]))
        out += part
    return out


def _live_paths(objects: Sequence[Resource]) -> dict[str, str]:
    """Platform id → the path of its live name, of each of ``objects`` (one kind, one account) that has one,
    but onto a path another of them was read at: the plan pairs what is live with the specs by the addresses
    MIDAS records, so it cannot follow a chain (or a swap) of console renames; such an object stays where it
    was read, and a spec of its live name does not verify (the import refuses it)."""
    read = {r.address.path for r in objects}
    paths = {}
    for r in objects:
        if r.platform_id and r.fields.get("name"):
            path = join_path(r.address.path.rpartition("/")[0], str(r.fields["name"]))
            if path == r.address.path or path not in read:
                paths[str(r.platform_id)] = path
    return paths
