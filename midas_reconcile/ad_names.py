"""The creative names of Google ads, which Google does not keep, and creatives renamed in the specs.

google-ads v26 ``Ad.name`` "is currently only supported for DisplayUploadAd, ImageAd, LegacyAppInstallAd,
ShoppingComparisonListingAd, VideoAd, VideoResponsiveAd and DemandGen ads": the responsive search, responsive
display and app ads MIDAS manages have none, so the connectors read such an ad at its id
(``<ad group>/<ad id>``). A Demand Gen multi-asset ad is read at its name, which MIDAS sends on create (the
creative's) but never changes: it is immutable, so a creative renamed in the specs keeps its ad and only
MIDAS's record moves. Two steps give an ad the address of the spec's creative:

* ``named_by_record``: an ad MIDAS recorded takes the name it was recorded under (the store maps its id),
  an unnamed one's or a named one's alike — MIDAS's record wins over ``Ad.name``;
* ``named_by_content``: an ad MIDAS has not recorded takes the name of the wanted ad of its ad group with
  the same content. Google ads are immutable (only their status changes), so the content is the ad. This
  finds an ad created by an apply that died before recording it (invariant 6) and the ads of a campaign
  ``midas import --adopt`` adopts.

An ad that neither names stays at its id: MIDAS treats it as an ad its specs do not hold.

A creative renamed in the specs is still the same ad: ``renamed_ads`` pairs a recorded ad whose name no
spec holds any more with the wanted ad of its ad group that has its content, by ``named_by_content``'s
rules, so that the plan moves MIDAS's record rather than replacing the ad (and losing its history,
statistics and review). On Google, whose ad keeps the name it was created with if any, that is all. A Meta
ad keeps a name, which
can be edited (facebook-business 26.0.3 ``Ad.api_update`` takes ``name``): the plan renames it in place,
and its creative — the same content, its own name not compared (``diff.RULES``) — moves along unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Final

from midas_reconcile.diff import diff, needs_replace
from midas_reconcile.importing.unheld import held_creative
from midas_reconcile.plan import FieldChange
from midas_reconcile.resources import (
    GOOGLE,
    META,
    Address,
    Resource,
    canonical_json,
    is_gone,
    paths_by_record,
    relocated,
    segment_name,
)

__all__ = [
    "AD_KIND",
    "AD_KINDS",
    "AdNamer",
    "closest_unnamed_ads",
    "is_unnamed_ad",
    "meta_ads_by_record",
    "named_by_content",
    "named_by_record",
    "renamed_ads",
]

AD_KIND = "ad_group_ad"
#: Per platform: the kind of its ads, and the ref to the ad group (Google) or ad set (Meta) an ad runs in.
_ADS: Final = {GOOGLE: (AD_KIND, "ad_group"), META: ("ad", "adset")}
#: The kinds of ads, on either platform.
AD_KINDS: Final = frozenset(kind for kind, _ in _ADS.values())
#: What tells two ads of one ad group apart: the changes from a live ad to a wanted one but its name, or
#: None when they are not the same ad (``_google_differences``, ``_meta_differences``).
Differences = Callable[[Resource, Resource], "list[FieldChange] | None"]
_NO_RECORDS: Final[Mapping[Address, Resource]] = MappingProxyType({})


def _is_ad(resource: Resource) -> bool:
    ads = _ADS.get(resource.address.platform)
    return ads is not None and resource.address.kind == ads[0]


def _group_of(ad: Resource) -> Address | None:
    return ad.refs.get(_ADS[ad.address.platform][1])


def is_unnamed_ad(resource: Resource) -> bool:
    """A live Google ad read at its ad id (its platform id is ``<ad group id>~<ad id>``): of a type whose
    name Google does not keep, and not named by ``named_by_record`` yet."""
    address = resource.address
    return (
        address.platform == GOOGLE
        and address.kind == AD_KIND
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
    its recorded name, under its ad group as read (a renamed ad group takes its ads along), and each named
    one (a Demand Gen ad) recorded under another name of its ad group at that name: MIDAS's record wins
    over the immutable ``Ad.name``, which a creative renamed in the specs leaves as it was."""
    if not recorded_paths:
        return resources
    named = [r for r in resources if _is_google_ad(r) and not is_unnamed_ad(r)]
    moving = paths_by_record(named, recorded_paths)
    out = []
    for resource in resources:
        if is_unnamed_ad(resource):
            path = recorded_paths.get(resource.platform_id or "")
        else:
            path = moving.get(resource.address.path) if _is_google_ad(resource) else None
        out.append(resource if path is None else _renamed(resource, path.rsplit("/", 1)[-1]))
    return out


def _is_google_ad(resource: Resource) -> bool:
    return resource.address.platform == GOOGLE and resource.address.kind == AD_KIND


def meta_ads_by_record(resources: list[Resource], recorded_paths: Mapping[str, str]) -> list[Resource]:
    """``resources`` with each Meta ad MIDAS recorded (``recorded_paths``: ad id → recorded path) under
    another name of the same ad set read at its recorded path, and the creative addressed with it too: the
    same ad, renamed in a console or by an apply that moved its records and stopped before sending the new
    name — either way its ``name`` is then a difference, not a deleted ad beside an unmanaged one. An ad
    whose recorded path another live ad (staying where it is) holds stays where it was read."""
    ads = [r for r in resources if r.address.platform == META and r.address.kind == "ad"]
    moving = paths_by_record(ads, recorded_paths) if recorded_paths else {}
    if not moving:
        return resources

    def move(address: Address) -> Address:  # the ad, and the creative addressed with it
        if address.platform == META and address.kind in ("ad", "adcreative") and address.path in moving:
            return dataclasses.replace(address, path=moving[address.path])
        return address

    return relocated(resources, move)


def _address_of(resource: Resource) -> Address:
    return resource.address


def _oldest_first(ads: list[Resource]) -> list[Resource]:
    return sorted(ads, key=lambda r: (len(r.platform_id or ""), r.platform_id))


def _unnamed_by_group(live: Iterable[Resource], groups: Collection[Address]) -> dict[Address, list[Resource]]:
    """The unnamed ads of ``groups`` (ad group addresses), oldest first."""
    out: dict[Address, list[Resource]] = {}
    for resource in live:
        if is_unnamed_ad(resource) and resource.refs.get("ad_group") in groups:
            out.setdefault(resource.refs["ad_group"], []).append(resource)
    return {group: _oldest_first(ads) for group, ads in out.items()}


def _missing_by_group(live: Iterable[Resource], desired: Iterable[Resource]) -> dict[Address, list[Resource]]:
    """The desired ads no live ad holds the address of, by ad group (ad set) address."""
    held = {r.address for r in live}
    out: dict[Address, list[Resource]] = {}
    for resource in desired:
        group = _group_of(resource) if _is_ad(resource) else None
        if group is not None and resource.address not in held:
            out.setdefault(group, []).append(resource)
    return out


def _google_ads(resources: Iterable[Resource]) -> list[Resource]:
    return [r for r in resources if r.address.platform == GOOGLE]


def named_by_content(
    live: Iterable[Resource], desired: Sequence[Resource], recorded: Mapping[Address, Resource] = _NO_RECORDS
) -> list[Resource]:
    """``live`` with each unnamed ad that is the same ad as a desired one no live ad holds (same ad group,
    no immutable field differs) at that desired ad's address: one live ad per desired ad, an exact match
    (status too) before one whose status differs, the oldest first. A desired ad that is a creative renamed
    from an ad MIDAS recorded (``recorded``; ``renamed_ads``) is that ad's, not an unnamed
    twin's: the plan keeps the ad MIDAS managed."""
    live = list(live)
    desired = _google_ads(desired)
    missing = _missing_by_group(live, desired)
    if not missing:
        return live
    renamed = renamed_ads(live, desired, recorded) if recorded else {}
    if renamed:
        missing = {
            group: [t for t in targets if t.address not in renamed] for group, targets in missing.items()
        }
    named: dict[int, Address] = {}  # id(live ad) → the desired address it takes
    for group, pool in _unnamed_by_group(live, missing.keys()).items():
        for ad, target in _same_ads(pool, missing[group], _google_differences):
            named[id(ad)] = target.address
    return [dataclasses.replace(r, address=named[id(r)]) if id(r) in named else r for r in live]


def _same_ads(
    pool: Sequence[Resource], targets: Sequence[Resource], differences: Differences
) -> Iterator[tuple[Resource, Resource]]:
    """(live ad, desired ad) pairs of one ad group that are the same ad (``differences`` not None): for
    each target in turn, the first ad of ``pool`` (oldest first) — exact matches (no difference: status
    too) before ones whose status differs; each ad and each target once."""
    pool, targets = list(pool), list(targets)
    for exact in (True, False):
        for target in list(targets):
            for ad in pool:
                changes = differences(ad, target)
                if changes == [] if exact else changes is not None:
                    yield ad, target
                    pool.remove(ad)
                    targets.remove(target)
                    break


def _google_differences(ad: Resource, target: Resource) -> list[FieldChange] | None:
    """A Google ad is immutable but for its status (and keeps no name): the same ad when no immutable
    field differs."""
    changes = diff(ad, target)
    return None if needs_replace(changes, target.address) else changes


def _meta_differences(
    live: Mapping[Address, Resource], wanted: Mapping[Address, Resource], recorded: Mapping[Address, Resource]
) -> Differences:
    """A Meta ad is its creative's content: the same ad when its own creative (addressed at the ad: not one
    it shares with an older ad) has the content of the wanted ad's, whose address no live creative holds.
    The creative's name is not compared (``diff.RULES``), nor the ad's: the rename is the change; nor an
    Instagram account a console made it run as that MIDAS never held (``importing.unheld.held_creative``, as
    ``plan`` compares it after the rename, by ``recorded``)."""

    def differences(ad: Resource, target: Resource) -> list[FieldChange] | None:
        creative, new = _creative(ad, live), _creative(target, wanted)
        if creative is None or new is None or creative.address.path != ad.address.path or new.address in live:
            return None
        creative = held_creative(creative, recorded.get(creative.address), new)
        if needs_replace(diff(creative, new), new.address):
            return None
        moved = dataclasses.replace(ad, refs={**ad.refs, "creative": new.address})
        return [change for change in diff(moved, target) if change.path != "name"]

    return differences


def _creative(ad: Resource, resources: Mapping[Address, Resource]) -> Resource | None:
    address = ad.refs.get("creative")
    return None if address is None else resources.get(address)


def renamed_ads(
    live: Iterable[Resource], desired: Iterable[Resource], recorded: Mapping[Address, Resource]
) -> dict[Address, Address]:
    """The ads whose creative the specs renamed: desired address → live address, for each desired ad no
    live ad holds that is the same ad as a live one MIDAS recorded (``recorded``) at an address no spec
    holds any more — same ad group (ad set), ``named_by_content``'s rules, the desired ads in address order
    whatever the input order. A Meta ad's creative follows it (a pair of its own).

    Google keeps no ad name, or an immutable one: such a rename only moves MIDAS's record, the ad stays (an
    update follows when its status differs). A Meta ad is renamed in place (an update of its ``name``), its
    creative kept. (An apply moves the records before it sends the rename: if it stops in between, the next
    read finds the ad at its recorded address, ``meta_ads_by_record``, and the rename is an update of its
    name.)"""
    live = list(live)
    wanted = {r.address: r for r in desired if _is_ad(r) or r.address.kind == "adcreative"}
    stale: dict[Address, list[Resource]] = {}  # ad group → its recorded ads no spec holds
    for ad in live:
        if not _is_ad(ad) or ad.address in wanted or is_gone(ad):  # gone for good: no candidate
            continue
        group = _group_of(ad)
        if group is not None and ad.address in recorded:
            stale.setdefault(group, []).append(ad)
    if not stale:
        return {}
    ads = [r for r in live if _is_ad(r)]
    missing = _missing_by_group(ads, (r for r in wanted.values() if _is_ad(r) and _group_of(r) in stale))
    if not missing:
        return {}
    meta = _meta_differences({r.address: r for r in live}, wanted, recorded)
    out: dict[Address, Address] = {}
    for group, targets in sorted(missing.items()):
        differences = _google_differences if group.platform == GOOGLE else meta
        pool, targets = _oldest_first(stale[group]), sorted(targets, key=_address_of)
        for ad, target in _same_ads(pool, targets, differences):
            out[target.address] = ad.address
            if group.platform == META:
                out[target.refs["creative"]] = ad.refs["creative"]
    return out


def closest_unnamed_ads(live: Iterable[Resource], desired: Sequence[Resource]) -> dict[Address, Resource]:
    """For each desired Google ad no live ad holds (after ``named_by_content``): the unnamed live ad of its
    ad group that differs from it in the fewest fields, each live ad once — what import's check compares
    it with, to name what differs rather than one ad to create and another the spec would not hold."""
    live = list(live)
    missing = _missing_by_group(live, desired)
    out: dict[Address, Resource] = {}
    for group, pool in _unnamed_by_group(live, missing.keys()).items():
        for target in missing[group]:
            if not pool:
                break
            closest = min(pool, key=lambda r: len(diff(r, target)))
            out[target.address] = closest
            pool.remove(closest)
    return out


class AdNamer:
    """Creative names for the ads of one campaign that ``midas import`` writes: the name an ad is read
    under (a type Google keeps names for, or the one MIDAS recorded), else one made from its first
    headline (alphabetically: the read sorts them; a dynamic search ad's from its description), ``-2``,
    ``-3`` … when another ad took it. Ads of the same content share a name, whatever their status — one
    creative run by several ad groups, paused in some — except within one ad group, where each twin gets a
    name of its own."""

    def __init__(self, ads: Iterable[Resource]) -> None:
        ads = list(ads)
        self._taken = {self._known(ad) for ad in ads if not is_unnamed_ad(ad)}
        #: Content (with status) → the names given to it, in order.
        self._by_content: dict[str, list[str]] = {}
        for ad in ads:
            if not is_unnamed_ad(ad):
                self._by_content.setdefault(self._content(ad), []).append(self._known(ad))
        self._in_group: dict[Address | None, set[str]] = {}

    @staticmethod
    def _known(ad: Resource) -> str:
        return segment_name(ad.address.path.rsplit("/", 1)[-1])

    @staticmethod
    def _content(ad: Resource) -> str:
        # Without its status: an ad paused in some ad groups only is one creative (``paused_creatives``).
        return canonical_json({k: v for k, v in ad.fields.items() if k not in ("name", "status")})

    def __call__(self, ad: Resource) -> str:
        used = self._in_group.setdefault(ad.refs.get("ad_group"), set())
        if not is_unnamed_ad(ad):
            name = self._known(ad)
        else:
            names = self._by_content.setdefault(self._content(ad), [])
            name = next((n for n in names if n not in used), "") or self._fresh(ad)
            if name not in names:
                names.append(name)
        used.add(name)
        return name

    def _fresh(self, ad: Resource) -> str:
        # A dynamic search ad has no headline (Google writes it): its description names it.
        headlines = ad.fields.get("headlines") or [ad.fields.get("description") or "ad"]
        base = re.sub(r"[^a-z0-9]+", "-", str(headlines[0]).lower()).strip("-") or "ad"
        name, number = base, 2
        while name in self._taken:
            name, number = f"{base}-{number}", number + 1
        self._taken.add(name)
        return name
