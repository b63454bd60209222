"""Live resources grouped into campaign trees: what ``midas import``, ``compare`` and snapshots work on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from midas_reconcile.resources import ROOT_KIND, Address, Resource


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


def select(trees: Sequence[CampaignTree], ids: Sequence[str]) -> tuple[list[CampaignTree], list[str]]:
    """The trees whose campaign id or name is in ``ids``, and the ids that matched none."""
    chosen = [t for t in trees if t.platform_id in ids or t.name in ids]
    found = {t.platform_id for t in chosen} | {t.name for t in chosen}
    return chosen, [i for i in ids if i not in found]
