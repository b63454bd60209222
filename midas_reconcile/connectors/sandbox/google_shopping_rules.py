"""The rules the simulator enforces on a Google standard Shopping campaign and its product groups.

A Shopping campaign (v26 AdvertisingChannelType SHOPPING) needs its ``shopping_setting``: the Merchant Center
account (``merchant_id``: "required for create operations"; v26 campaign_error.MISSING_SHOPPING_SETTING, "A
ShoppingSetting was not found when creating a shopping campaign") and a ``campaign_priority`` "between 0 and
2, inclusive"; a feed label has "a maximum of 20 characters including uppercase letters, numbers, hyphens,
and underscores". Its ad groups' product groups are listing group criteria (v26 ListingGroupInfo): one root
(no parent, no case value) per ad group, SUBDIVISION nodes and UNIT leaves below it, in SHOPPING_PRODUCT_ADS
ad groups only (developers.google.com/google-ads/api/docs/shopping-ads/listing-groups). Error codes the
docs do not tie to a rule (range and value errors) are the sandbox's choice.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Final

from midas_reconcile.connectors.google_schema import OpError
from midas_reconcile.connectors.sandbox.world import StoredObject, Txn
from midas_reconcile.resources import GOOGLE

SHOPPING: Final = "SHOPPING"
#: The bidding schemes the sandbox takes for a standard Shopping campaign: manual CPC, maximize clicks
#: (target_spend), target ROAS and maximize conversion value (Google's Shopping best practices guide,
#: support.google.com/google-ads/answer/6167176); others are refused with
#: bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED, the sandbox's choice.
SHOPPING_SCHEMES: Final = frozenset(
    {"manual_cpc", "target_spend", "target_roas", "maximize_conversion_value"}
)
_PRIORITIES: Final = range(3)
_FEED_LABEL: Final = re.compile(r"[A-Z0-9_-]{1,20}")
_SHOPPING_AD_GROUP: Final = "SHOPPING_PRODUCT_ADS"


def check_shopping_campaign(data: dict[str, Any], scheme: str) -> None:
    """A Shopping campaign's setting and bidding, as created or updated."""
    setting = data.get("shopping_setting") or {}
    if not setting.get("merchant_id"):
        raise OpError(
            "campaign_error.MISSING_SHOPPING_SETTING",
            "a Shopping campaign needs its shopping_setting.merchant_id (the Merchant Center account)",
            "shopping_setting.merchant_id",
        )
    if setting.get("campaign_priority") not in _PRIORITIES:
        raise OpError(
            "field_error.INVALID_VALUE",
            "a Shopping campaign needs shopping_setting.campaign_priority between 0 and 2",
            "shopping_setting.campaign_priority",
        )
    label = setting.get("feed_label")
    if label and not _FEED_LABEL.fullmatch(str(label)):
        raise OpError(
            "field_error.INVALID_VALUE",
            f"feed label {label!r} is not up to 20 uppercase letters, numbers, hyphens and underscores",
            "shopping_setting.feed_label",
        )
    if scheme not in SHOPPING_SCHEMES:
        raise OpError(
            "bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED",
            f"a SHOPPING campaign bids with {', '.join(sorted(SHOPPING_SCHEMES))}, not {scheme}",
            scheme,
        )


def listing_group_id(
    txn: Txn, cid: str, ad_group: StoredObject, channel: str | None, node: dict[str, Any]
) -> str:
    """The criterion id of a new listing group of ``ad_group`` (of a campaign of ``channel``): checked to be a
    Shopping ad group's, and the only root of its tree (a child names a live SUBDIVISION parent)."""
    if channel != SHOPPING or ad_group.data.get("type") != _SHOPPING_AD_GROUP:
        raise OpError(
            "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
            f"ad group {ad_group.id} is not a SHOPPING_PRODUCT_ADS ad group: it has no product groups",
            "listing_group",
        )
    if node.get("type") not in ("UNIT", "SUBDIVISION"):
        raise OpError(
            "criterion_error.INVALID_LISTING_GROUP_TYPE",
            "listing_group.type is required",
            "listing_group.type",
        )
    parent = node.get("parent_ad_group_criterion")
    if parent is None:
        if node.get("case_value"):
            raise OpError(
                "criterion_error.INVALID_LISTING_GROUP_HIERARCHY",
                "the root listing group has no case value",
                "listing_group.case_value",
            )
    else:
        parent_id = str(parent).rsplit("/", 1)[-1]
        found = txn.get(GOOGLE, cid, "ad_group_criterion", parent_id)
        if found is None or (found.data.get("listing_group") or {}).get("type") != "SUBDIVISION":
            raise OpError(
                "criterion_error.INVALID_LISTING_GROUP_HIERARCHY",
                f"listing group {parent} is not a SUBDIVISION of this ad group",
                "listing_group.parent_ad_group_criterion",
            )
    place = json.dumps([str(parent), node.get("case_value") or {}], sort_keys=True)
    digest = hashlib.sha256(f"{ad_group.id}|{place}".encode()).digest()
    criterion_id = str(200_000_000_000 + int.from_bytes(digest[:6], "big") % 700_000_000_000)
    existing = txn.get(GOOGLE, cid, "ad_group_criterion", f"{ad_group.id}~{criterion_id}")
    if existing is not None and existing.status != "REMOVED":
        raise OpError(
            "criterion_error.LISTING_GROUP_ALREADY_EXISTS",
            f"ad group {ad_group.id} already has this listing group ({criterion_id})",
            "listing_group",
        )
    return criterion_id
