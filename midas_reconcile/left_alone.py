"""What a plan leaves alone in a campaign MIDAS manages though no spec holds it, told from live state.

Two kinds of Google criteria set in a console stay while the specs name none of them and MIDAS holds no
record of them (``planner._Planner._product_filter_left_alone``, ``_campaign_target_left_alone``):

* a Demand Gen ad group's product filter (its listing group tree, read as one resource at its root): removing
  it would widen the ad group to all of the feed's products;
* a Google campaign's own positive age, gender or interest criterion of a kind the campaign's spec names
  none of (``google.campaign_ages`` / ``campaign_genders`` / ``campaign_interests``).

``left_alone`` tells them apart from what is wanted, for the commands that compare live state with
something other than a plan: a snapshot (what MIDAS records is what it wants), an adoption (the spec).
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from midas_reconcile.resources import GOOGLE, GROUP_LEVEL, Address, Resource
from midas_reconcile.targeting.google import CAMPAIGN_EXCLUSION_TYPES

__all__ = ["left_alone"]


def left_alone(live: Iterable[Resource], wanted: Iterable[Resource], ours: Set[Address]) -> set[Address]:
    """The addresses of ``live`` a plan wanting ``wanted`` leaves alone (see the module docstring): neither
    wanted nor ``ours`` (recorded, or claimed by a journal), under a wanted campaign (a product filter: under
    a wanted ad group of a Demand Gen campaign)."""
    want = {r.address: r for r in wanted}
    targeted = {
        (r.address.platform, r.address.account, r.address.campaign, r.fields.get("type"))
        for r in want.values()
        if r.address.kind == "campaign_criterion" and not r.fields.get("negative")
    }
    out = set()
    for resource in live:
        address = resource.address
        if address.platform != GOOGLE or address in want or address in ours:
            continue
        campaign = want.get(Address(address.platform, address.account, "campaign", address.campaign))
        if campaign is None:
            continue
        kind = resource.fields.get("type")
        if address.kind == "ad_group_criterion" and kind == "LISTING_GROUP":
            demand_gen = campaign.fields.get("advertising_channel_type") == "DEMAND_GEN"
            if demand_gen and GROUP_LEVEL.head_of(address) in want:
                out.add(address)
        elif (
            address.kind == "campaign_criterion"
            and kind in CAMPAIGN_EXCLUSION_TYPES
            and not resource.fields.get("negative")
            and (address.platform, address.account, address.campaign, kind) not in targeted
        ):
            out.add(address)
    return out
