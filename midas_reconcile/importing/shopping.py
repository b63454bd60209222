"""A live standard Shopping campaign's parts in the spec's terms (``compile.google_shopping`` the other way
round), and what of it the spec language cannot say (``spec._google_shopping`` says what it can).

The campaign's ``shopping_setting`` becomes ``google.shopping``. Each ad group must be what MIDAS builds: a
SHOPPING_PRODUCT_ADS ad group bidding on all its products at its own max CPC (the root listing group a UNIT
whose bid is the ad group's), running one enabled product ad, with no other criteria. A subdivided product
group tree is not read (``connectors.google_shopping``): the read's note on the ad group refuses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from midas_reconcile import money
from midas_reconcile.compile.google import GOOGLE_BIDDING
from midas_reconcile.resources import Resource
from midas_reconcile.spec._google_shopping import ALL_PRODUCTS, SHOPPING_BIDDING

SHOPPING = "SHOPPING"
#: The bidding types the spec language gives a Shopping campaign.
_BIDDING = {GOOGLE_BIDDING[s]: s.value for s in SHOPPING_BIDDING if s is not None}


def shopping_options(campaign: dict[str, Any]) -> dict[str, Any]:
    """``google.shopping`` of a live campaign's ``shopping_setting``, its defaults left out."""
    setting = campaign.get("shopping_setting") or {}
    out: dict[str, Any] = {"merchant_id": str(setting.get("merchant_id") or "")}
    if setting.get("feed_label"):
        out["feed_label"] = setting["feed_label"]
    if setting.get("campaign_priority"):
        out["campaign_priority"] = int(setting["campaign_priority"])
    if setting.get("enable_local"):
        out["enable_local"] = True
    return out


def shopping_campaign_problems(campaign: dict[str, Any], label: str) -> list[str]:
    """Why a live Shopping campaign (``label`` names it) is not one the spec language writes ([] when it
    is): its Merchant Center account and its bidding."""
    problems = []
    if not (campaign.get("shopping_setting") or {}).get("merchant_id"):
        problems.append(f"{label} has no Merchant Center account (shopping_setting.merchant_id)")
    bidding = campaign.get("bidding_strategy_type")
    if bidding not in _BIDDING:
        problems.append(
            f"{label} is a Shopping campaign bidding {bidding}; the spec language gives one "
            + ", ".join(_BIDDING.values())
        )
    return problems


def shopping_group_problems(
    group: Resource, criteria: Sequence[Resource], ads: Sequence[Resource], label: str, manual_cpc: bool
) -> list[str]:
    """Why a Shopping ad group (``label`` names it) is not one the spec language writes ([] when it is):
    its product groups, bids and ads."""
    problems: list[str] = []
    bid = group.fields.get("cpc_bid_micros")
    if manual_cpc and not bid:
        problems.append(f"{label} has no max CPC, which a Shopping ad group bidding manual CPC needs")
    roots = [c for c in criteria if c.address.path.endswith(f"/{ALL_PRODUCTS}")]
    for criterion in criteria:
        if criterion not in roots:
            problems.append(
                f"{label} has {criterion.fields.get('type')} criteria; the spec language gives a Shopping ad "
                "group its product group alone"
            )
    if not roots and not group.warnings:  # a subdivided tree is noted on the ad group already
        problems.append(f"{label} has no product group; MIDAS gives each ad group one of all its products")
    for root in roots:
        if root.fields.get("negative"):
            problems.append(f"{label} excludes all its products (a negative product group)")
        elif root.fields.get("cpc_bid_micros") != bid:
            unit = _money(root.fields.get("cpc_bid_micros"))
            problems.append(
                f"{label} bids {unit} on all its products and has a max CPC of {_money(bid)}; the spec "
                "language bids all products at the ad group's max CPC"
            )
    if len(ads) != 1 or ads[0].fields.get("type") != "SHOPPING_PRODUCT_AD":
        kinds = ", ".join(str(a.fields.get("type")) for a in ads) or "none"
        problems.append(f"{label} runs {kinds}; MIDAS gives a Shopping ad group one product ad")
    elif ads[0].fields.get("status") != "ENABLED":
        problems.append(
            f"{label} has a paused product ad; the spec language pauses a Shopping ad group, not its ad"
        )
    return problems


def _money(micros: Any) -> str:
    return "none" if not micros else str(money.from_google_micros(int(micros)))
