"""What MIDAS leaves alone in a campaign it manages though no spec holds it: the one definition.

Two kinds of Google objects a console set stay as they are while no spec wants them at their address and
MIDAS does not hold them (``is_ours``: neither recorded — at their address, or at the one a rename moves
them from — nor claimed by an interrupted apply's journal):

* a Demand Gen ad group's product filter (its listing group tree, read as one resource at its root) while
  the ad group's spec names no ``google.product_groups``: removing it would widen the ad group to all of the
  feed's products;
* a Google campaign's own positive age, gender or interest criterion of a kind the campaign's spec names
  none of (``google.campaign_ages`` / ``campaign_genders`` / ``campaign_interests``), and its device bid
  adjustments while its spec names no device (``google.device_bid_adjustments``; one at 1.0, which compiles
  to no criterion, names them too: ``Resource.named_types``);
* a Google ad group's own device bid modifiers while its spec names no device (its
  ``google.device_bid_adjustments``, the ad group's ``Resource.named_types``), under an ad group wanted.

And one field of objects MIDAS manages: a place's bid modifier (``bid_modifier`` of a LOCATION or PROXIMITY
criterion, a campaign's or a Demand Gen ad group's) set in a console, while the campaign's spec names no
``google.location_bid_adjustments`` (``PLACE_MODIFIERS`` among its ``Resource.named_types``; an ad group's,
which the spec language never names, always), the wanted criterion carries none and MIDAS's record of it
none either (one it set is its own to clear). The planner and drift read such a criterion without it
(``unheld_modifiers``): not compared, not cleared, no drift — as before the read took it at all.

The planner (what a plan leaves alone), renames (what moves along with a renamed object without making it
a new one), ``midas import --adopt`` (no difference refusing an adoption) and snapshots (the addresses a
snapshot notes as left alone) all ask ``is_left_alone``; drift tells what the plan does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from typing import Any

from midas_reconcile.resources import GOOGLE, GROUP_LEVEL, Address, Resource, campaign_of
from midas_reconcile.spec._google_ad_group_devices import KIND as DEVICE_MODIFIER
from midas_reconcile.spec._google_devices import DEVICE
from midas_reconcile.spec._google_location_bids import PLACE_MODIFIERS, PLACE_TYPES
from midas_reconcile.targeting.google import CAMPAIGN_EXCLUSION_TYPES

__all__ = [
    "is_left_alone",
    "is_ours",
    "is_product_filter",
    "left_alone",
    "let_go_modifiers",
    "owner_of",
    "targeted_types",
    "unheld_modifiers",
    "unheld_modifiers_before_rename",
    "unrecorded_modifiers",
]


def is_ours(
    address: Address,
    recorded: Set[Address] | Mapping[Address, Any],
    claimed: Set[Address],
    moved_from: Mapping[Address, Address] | None = None,
) -> bool:
    """Whether MIDAS holds the live object at ``address``: recorded (where it is, or where the rename
    ``moved_from`` maps it from) or claimed by an interrupted apply's journal."""
    return address in claimed or (moved_from or {}).get(address, address) in recorded or address in recorded


def is_product_filter(resource: Resource) -> bool:
    """Whether ``resource`` is a Google ad group's listing group tree (read as one resource at its root)."""
    address = resource.address
    return (
        address.platform == GOOGLE
        and address.kind == "ad_group_criterion"
        and resource.fields.get("type") == "LISTING_GROUP"
    )


def owner_of(address: Address) -> Address:
    """Whose spec decides whether the object at ``address`` is left alone (``targeted_types``' key): its ad
    group for an ad group's device bid modifier, else its campaign."""
    if address.kind == DEVICE_MODIFIER:
        return GROUP_LEVEL.head_of(address) or campaign_of(address)
    return campaign_of(address)


def targeted_types(wanted: Iterable[Resource]) -> dict[Address, set[Any]]:
    """The criterion types of the positive campaign criteria ``wanted``, and those a wanted campaign's or ad
    group's spec names though it compiles none of them (``Resource.named_types``: a device at 1.0), by the
    address of the campaign or ad group (``owner_of``)."""
    out: dict[Address, set[Any]] = {}
    for resource in wanted:
        if resource.address.kind == "campaign_criterion" and not resource.fields.get("negative"):
            out.setdefault(campaign_of(resource.address), set()).add(resource.fields.get("type"))
        elif resource.address.kind == DEVICE_MODIFIER:  # a device's (DEVICE) or a booking's type
            out.setdefault(owner_of(resource.address), set()).add(resource.fields.get("type") or DEVICE)
        elif resource.named_types:
            out.setdefault(resource.address, set()).update(resource.named_types)
    return out


def is_left_alone(resource: Resource, *, campaign: Resource | None, ours: bool, targeted: Set[Any]) -> bool:
    """Whether the live ``resource``, which no spec wants at its address, is left alone (module docstring).
    ``campaign``: the campaign it is under as wanted (None: no spec wants it, nothing is left alone in it);
    ``ours``: ``is_ours``; ``targeted``: the types of the wanted positive campaign criteria of its owner
    (``owner_of``: that campaign, or for an ad group's device bid modifier its ad group), and those its spec
    names."""
    address = resource.address
    if ours or campaign is None or address.platform != GOOGLE:
        return False
    if is_product_filter(resource):
        return is_demand_gen_filter(resource, campaign)
    if address.kind == DEVICE_MODIFIER:  # left alone while its ad group's spec names none of its type
        return (resource.fields.get("type") or DEVICE) not in targeted
    kind = resource.fields.get("type")
    return (
        address.kind == "campaign_criterion"
        and kind in (*CAMPAIGN_EXCLUSION_TYPES, DEVICE)
        and not resource.fields.get("negative")
        and kind not in targeted
    )


def is_demand_gen_filter(resource: Resource, campaign: Resource | None) -> bool:
    """Whether ``resource`` is a Demand Gen ad group's product filter (its listing group tree), ``campaign``
    the campaign it is under (None: none known)."""
    return (
        is_product_filter(resource)
        and campaign is not None
        and campaign.fields.get("advertising_channel_type") == "DEMAND_GEN"
    )


def left_alone(
    live: Iterable[Resource],
    wanted: Iterable[Resource],
    recorded: Set[Address] | Mapping[Address, Any],
    claimed: Set[Address],
    moved_from: Mapping[Address, Address] | None = None,
) -> set[Address]:
    """The addresses of ``live`` a plan wanting ``wanted`` leaves alone (``is_left_alone``): neither wanted
    nor ours (``is_ours`` of ``recorded``, ``claimed`` and ``moved_from``), under a wanted campaign (a
    product filter: under a wanted ad group)."""
    want = {r.address: r for r in wanted}
    targeted = targeted_types(want.values())
    out = set()
    for resource in live:
        address = resource.address
        under_group = is_product_filter(resource) or address.kind == DEVICE_MODIFIER
        if address in want or (under_group and GROUP_LEVEL.head_of(address) not in want):
            continue
        campaign = want.get(campaign_of(address))
        if is_left_alone(
            resource,
            campaign=campaign,
            ours=is_ours(address, recorded, claimed, moved_from),
            targeted=targeted.get(owner_of(address), set()),
        ):
            out.add(address)
    return out


_PLACE_KINDS = ("campaign_criterion", "ad_group_criterion")


def unheld_modifiers(
    live: Sequence[Resource],
    wanted: Mapping[Address, Resource],
    recorded: Mapping[Address, Resource],
    moved_from: Mapping[Address, Address] | None = None,
) -> Sequence[Resource]:
    """``live`` with the ``bid_modifier`` of each place criterion whose modifier MIDAS leaves alone taken
    out (module docstring): under a wanted campaign whose spec names no location bid adjustment, wanted
    without one and recorded (when at all; where the rename ``moved_from`` maps it from) without one.
    ``live`` itself when there is none."""
    moved = moved_from or {}
    return _without_modifiers(live, lambda r: _modifier_unheld(r, wanted, recorded, moved))


def unheld_modifiers_before_rename(
    live: Sequence[Resource],
    wanted: Mapping[Address, Resource],
    recorded: Mapping[Address, Resource],
    moved_from: Mapping[Address, Address],
) -> Sequence[Resource]:
    """``live`` read where it is, a pending rename (``moved_from``: new address → live address) not yet
    applied: each object the rename moves judged at its new address as ``unheld_modifiers`` judges it
    there once moved (what drift tells, as the plan of the same state does)."""
    new_of = {old: new for new, old in moved_from.items()}
    return _without_modifiers(
        live,
        lambda r: (
            r.address in new_of
            and _modifier_unheld(
                dataclasses.replace(r, address=new_of[r.address]), wanted, recorded, moved_from
            )
        ),
    )


def let_go_modifiers(
    live: Sequence[Resource],
    wanted: Mapping[Address, Resource],
    recorded: Mapping[Address, Resource],
    renamed: Set[Address] = frozenset(),
) -> Sequence[Resource]:
    """``live`` without the place modifiers under a campaign no spec wants any more (MIDAS paused or kept
    it) that MIDAS's records of them hold none of: a console's, which the plan neither records (its records
    to refresh take none such) nor clears, so no drift either. A campaign a pending rename moves from
    (``renamed``: the addresses it moves) is wanted where it goes: not one of those."""
    return _without_modifiers(
        live,
        lambda r: (
            campaign_of(r.address) not in wanted
            and campaign_of(r.address) not in renamed
            and _is_place_modifier(r)
            and r.address in recorded
            and recorded[r.address].fields.get("bid_modifier") is None
        ),
    )


def unrecorded_modifiers(
    live: Sequence[Resource], recorded: Mapping[Address, Resource]
) -> Sequence[Resource]:
    """``live`` (objects MIDAS records) without the place modifiers its records of them hold none of: what a
    snapshot keeps, so that a restore leaves a console's modifier alone as a plan does
    (``unheld_modifiers``) rather than make it MIDAS's."""
    return _without_modifiers(
        live,
        lambda r: _is_place_modifier(r) and (recorded.get(r.address) or r).fields.get("bid_modifier") is None,
    )


def _without_modifiers(live: Sequence[Resource], unheld: Callable[[Resource], bool]) -> Sequence[Resource]:
    out: list[Resource] | None = None
    for index, resource in enumerate(live):
        if unheld(resource):
            if out is None:
                out = list(live)
            fields = {k: v for k, v in resource.fields.items() if k != "bid_modifier"}
            out[index] = dataclasses.replace(resource, fields=fields)
    return live if out is None else out


def _is_place_modifier(resource: Resource) -> bool:
    """Whether ``resource`` is a Google place criterion (a campaign's, an ad group's) carrying a modifier."""
    fields = resource.fields
    return (
        resource.address.platform == GOOGLE
        and resource.address.kind in _PLACE_KINDS
        and fields.get("bid_modifier") is not None
        and fields.get("type") in PLACE_TYPES
        and not fields.get("negative")
    )


def _modifier_unheld(
    resource: Resource,
    wanted: Mapping[Address, Resource],
    recorded: Mapping[Address, Resource],
    moved_from: Mapping[Address, Address],
) -> bool:
    address = resource.address
    if not _is_place_modifier(resource):
        return False
    campaign = wanted.get(campaign_of(address))
    if campaign is None or (address.kind == "campaign_criterion" and PLACE_MODIFIERS in campaign.named_types):
        return False
    mine, record = wanted.get(address), recorded.get(moved_from.get(address, address))
    return (mine is None or mine.fields.get("bid_modifier") is None) and (
        record is None or record.fields.get("bid_modifier") is None
    )
