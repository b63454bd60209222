"""The creative names of Google ads, which Google does not keep.

google-ads v26 ``Ad.name`` "is currently only supported for DisplayUploadAd, ImageAd, LegacyAppInstallAd,
ShoppingComparisonListingAd, VideoAd, VideoResponsiveAd and DemandGen ads": the responsive search and app
ads MIDAS manages have none, so the connectors read such an ad at its id (``<ad group>/<ad id>``). Two
steps give it back the address of the spec's creative:

* ``named_by_record``: an ad MIDAS recorded takes the name it was recorded under (the store maps its id);
* ``named_by_content``: an ad MIDAS has not recorded takes the name of the wanted ad of its ad group with
  the same content. Google ads are immutable (only their status changes), so the content is the ad. This
  finds an ad created by an apply that died before recording it (invariant 6) and the ads of a campaign
  ``midas import --adopt`` adopts.

An ad that neither names stays at its id: MIDAS treats it as an ad its specs do not hold.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence

from midas_reconcile.diff import diff, needs_replace
from midas_reconcile.resources import GOOGLE, Address, Resource, canonical_json, segment_name

__all__ = ["AD_KIND", "AdNamer", "is_unnamed_ad", "named_by_content", "named_by_record"]

AD_KIND = "ad_group_ad"


def is_unnamed_ad(resource: Resource) -> bool:
    """A live Google ad read at its ad id (its platform id is ``<ad group id>~<ad id>``): of a type whose
    name Google does not keep, and not named by ``named_by_record`` yet."""
    address = resource.address
    return (
        address.platform == GOOGLE
        and address.kind == AD_KIND
        and "name" not in resource.fields
        and resource.platform_id is not None
        and address.path.rsplit("/", 1)[-1] == resource.platform_id.rpartition("~")[2]
    )


def _renamed(resource: Resource, last_segment: str) -> Resource:
    """``resource`` under its ad group's path with ``last_segment`` (an escaped name) as its own."""
    group = resource.refs["ad_group"]
    address = resource.address
    path = f"{group.path}/{last_segment}"
    return dataclasses.replace(resource, address=Address(address.platform, address.account, AD_KIND, path))


def named_by_record(resources: list[Resource], recorded_paths: Mapping[str, str]) -> list[Resource]:
    """``resources`` with each unnamed ad MIDAS recorded (``recorded_paths``: ad id → recorded path) at
    its recorded name, under its ad group as read (a renamed ad group takes its ads along)."""
    if not recorded_paths:
        return resources
    out = []
    for resource in resources:
        path = recorded_paths.get(resource.platform_id or "") if is_unnamed_ad(resource) else None
        out.append(resource if path is None else _renamed(resource, path.rsplit("/", 1)[-1]))
    return out


def named_by_content(live: Iterable[Resource], desired: Sequence[Resource]) -> list[Resource]:
    """``live`` with each unnamed ad that is the same ad as a desired one no live ad holds (same ad group,
    no immutable field differs) at that desired ad's address; one live ad per desired ad, the oldest first."""
    live = list(live)
    held = {r.address for r in live}
    wanted: dict[Address, list[Resource]] = {}
    for resource in desired:
        address = resource.address
        if address.platform == GOOGLE and address.kind == AD_KIND and address not in held:
            wanted.setdefault(resource.refs["ad_group"], []).append(resource)
    if not wanted:
        return live
    candidates: dict[Address, list[int]] = {}
    for index, resource in enumerate(live):
        if is_unnamed_ad(resource) and resource.refs.get("ad_group") in wanted:
            candidates.setdefault(resource.refs["ad_group"], []).append(index)
    for group, indexes in candidates.items():
        indexes.sort(key=lambda i: (len(live[i].platform_id or ""), live[i].platform_id))
        for target in wanted[group]:
            for i in indexes:
                if not needs_replace(diff(live[i], target), target.address):
                    live[i] = dataclasses.replace(live[i], address=target.address)
                    indexes.remove(i)
                    break
    return live


class AdNamer:
    """Creative names for the ads of one campaign that ``midas import`` writes: an ad's own name, else
    the name MIDAS recorded it under, else one made from its first headline (in Google's order of
    headlines as read, sorted), ``-2``, ``-3`` … when another ad took it. The same content gets the same
    name: an ad run by several ad groups is one creative of the campaign."""

    def __init__(self, ads: Iterable[Resource]) -> None:
        self._by_content: dict[str, str] = {}
        self._taken = {self._known(ad) for ad in ads if not is_unnamed_ad(ad)}

    @staticmethod
    def _known(ad: Resource) -> str:
        return str(ad.fields.get("name") or segment_name(ad.address.path.rsplit("/", 1)[-1]))

    def __call__(self, ad: Resource) -> str:
        if not is_unnamed_ad(ad):
            return self._known(ad)
        content = canonical_json({k: v for k, v in ad.fields.items() if k != "status"})
        known = self._by_content.get(content)
        if known is not None:
            return known
        headlines = ad.fields.get("headlines") or ["ad"]
        base = re.sub(r"[^a-z0-9]+", "-", str(headlines[0]).lower()).strip("-") or "ad"
        name, number = base, 2
        while name in self._taken:
            name, number = f"{base}-{number}", number + 1
        self._taken.add(name)
        self._by_content[content] = name
        return name
