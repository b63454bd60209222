"""A live Google Hotel campaign's parts in the spec's terms (``compile.google_shopping``'s ``hotel_*`` the
other way round), and what of it the spec language cannot say (``spec._google_hotel`` says what it can).

The campaign's ``hotel_setting`` becomes ``google.hotel``; another campaign's (a Demand Gen one may name a
Hotel Center account) is refused, named. It must bid as the spec language writes (manual CPC, percent CPC, a
bid that is a share of the room's price, or target ROAS; enhanced CPC on none) and serve on Google Search
alone. Each ad group must be what MIDAS builds: a HOTEL_ADS ad group (at its own max CPC when the campaign
bids manual CPC, at its own percent CPC bid when it bids percent CPC) running one enabled hotel ad, with no
criteria: a hotel group tree (listing group criteria of HotelIdInfo, HotelClassInfo, … cases: Google's "Hotel
groups") is refused, named.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from midas_reconcile.compile.google import GOOGLE_BIDDING
from midas_reconcile.connectors.google_rows import UNREAD_TREE
from midas_reconcile.importing.shopping import feed_campaign_problems
from midas_reconcile.resources import Resource
from midas_reconcile.spec._google_hotel import HOTEL_BIDDING, HOTEL_NETWORKS

HOTEL: Final = "HOTEL"
#: The bidding types the spec language gives a Hotel campaign.
_BIDDING: Final = {GOOGLE_BIDDING[s]: s.value for s in HOTEL_BIDDING if s is not None}
#: The read's notes on a Hotel ad group that ``hotel_group_problems`` reports by name (once, not as noted).
HOTEL_GROUP_NOTES: Final = frozenset({UNREAD_TREE})


def hotel_options(campaign: dict[str, Any]) -> dict[str, Any]:
    """``google.hotel`` of a live campaign's ``hotel_setting``."""
    return {"hotel_center_id": str((campaign.get("hotel_setting") or {}).get("hotel_center_id") or "")}


def hotel_campaign_problems(campaign: dict[str, Any], label: str) -> list[str]:
    """Why a live Hotel campaign (``label`` names it) is not one the spec language writes ([] when it is):
    its Hotel Center account, bidding and networks."""
    problems = feed_campaign_problems(
        campaign, label, "Hotel", "Hotel Center", "hotel_setting.hotel_center_id", _BIDDING
    )
    networks = campaign.get("network_settings") or {}
    if any(bool(networks.get(k)) != v for k, v in HOTEL_NETWORKS.items()):
        problems.append(
            f"{label} is a Hotel campaign on networks {networks}; the spec language runs one on Google "
            "Search alone"
        )
    return problems


def foreign_hotel_setting_problems(campaign: dict[str, Any], channel: str, label: str) -> list[str]:
    """A Hotel Center account on a campaign of another ``channel`` (v26 lets a Demand Gen campaign carry
    one), which the spec language writes on a Hotel campaign alone: [] when it names none."""
    if hotel_center := (campaign.get("hotel_setting") or {}).get("hotel_center_id"):
        return [
            f"{label} is a {channel} campaign with a Hotel Center account (hotel_setting.hotel_center_id "
            f"{hotel_center}); the spec language gives one to a Hotel campaign alone"
        ]
    return []


def hotel_group_problems(
    group: Resource,
    criteria: Sequence[Resource],
    ads: Sequence[Resource],
    label: str,
    manual_cpc: bool,
    percent_cpc: bool = False,
) -> list[str]:
    """Why a Hotel ad group (``label`` names it) is not one the spec language writes ([] when it is): its
    criteria (a hotel group tree among them), bid and ad."""
    problems: list[str] = []
    if manual_cpc and not group.fields.get("cpc_bid_micros"):
        problems.append(f"{label} has no max CPC, which a Hotel ad group bidding manual CPC needs")
    if percent_cpc and not group.fields.get("percent_cpc_bid_micros"):
        problems.append(
            f"{label} has no percent CPC bid (percent_cpc_bid_micros), which a Hotel ad group bidding "
            "percent CPC needs"
        )
    kinds = sorted({str(c.fields.get("type")) for c in criteria})
    # The read leaves a Hotel ad group's listing groups alone, noted on the ad group (``google_rows``), a note
    # the import's generic report leaves to this one (``HOTEL_GROUP_NOTES``).
    if "LISTING_GROUP" in kinds or UNREAD_TREE in group.warnings:
        problems.append(
            f"{label} has a hotel group tree (LISTING_GROUP criteria); the spec language bids on all of a "
            "Hotel ad group's hotels at its max CPC and writes no hotel groups"
        )
    if others := [k for k in kinds if k != "LISTING_GROUP"]:
        problems.append(
            f"{label} has {', '.join(others)} criteria; the spec language gives a Hotel ad group none"
        )
    if len(ads) != 1 or ads[0].fields.get("type") != "HOTEL_AD":
        found = ", ".join(str(a.fields.get("type")) for a in ads) or "none"
        problems.append(f"{label} runs {found}; MIDAS gives a Hotel ad group one hotel ad")
    elif ads[0].fields.get("status") != "ENABLED":
        problems.append(
            f"{label} has a paused hotel ad; the spec language pauses a Hotel ad group, not its ad"
        )
    return problems
