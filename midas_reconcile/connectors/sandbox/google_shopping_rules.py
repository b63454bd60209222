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

from midas_reconcile.connectors.google_listing_groups import dimension_of
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


def check_merchant_kept(current: dict[str, Any], data: dict[str, Any]) -> None:
    """A Shopping campaign's Merchant Center account, "immutable for Shopping campaigns" (v26
    ShoppingSetting.merchant_id), is the one it was created with (a Demand Gen campaign's may be set later:
    ``google_product_ad_rules``)."""
    if current.get("advertising_channel_type") != SHOPPING:
        return
    before = (current.get("shopping_setting") or {}).get("merchant_id")
    if (data.get("shopping_setting") or {}).get("merchant_id") != before:
        raise OpError(
            "field_error.IMMUTABLE_FIELD",
            "shopping_setting.merchant_id cannot be changed after a Shopping campaign's creation",
            "shopping_setting.merchant_id",
        )


def check_feed_label(setting: dict[str, Any]) -> None:
    """A ShoppingSetting's feed label, when it has one (a Shopping or a Demand Gen campaign's)."""
    label = setting.get("feed_label")
    if label and not _FEED_LABEL.fullmatch(str(label)):
        raise OpError(
            "field_error.INVALID_VALUE",
            f"feed label {label!r} is not up to 20 uppercase letters, numbers, hyphens and underscores",
            "shopping_setting.feed_label",
        )


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
    check_feed_label(setting)
    if scheme not in SHOPPING_SCHEMES:
        raise OpError(
            "bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED",
            f"a SHOPPING campaign bids with {', '.join(sorted(SHOPPING_SCHEMES))}, not {scheme}",
            scheme,
        )


HOTEL: Final = "HOTEL"
#: The bidding schemes the sandbox takes for a Hotel campaign: the three Google's Hotel guide assigns
#: (developers.google.com/google-ads/api/docs/hotel-ads/bidding/assign-strategies: manual CPC, percent CPC and
#: target ROAS); others are refused with bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED, the sandbox's
#: choice.
HOTEL_SCHEMES: Final = frozenset({"manual_cpc", "percent_cpc", "target_roas"})
#: Percent CPC's channel: the Hotel guide's alone (v26 BiddingStrategyType PERCENT_CPC names none; the SDK's
#: examples/travel/add_hotel_ad.py: "Only Manual CPC and Percent CPC can be used for hotel campaigns"). Which
#: error Google answers percent CPC on another channel with is unconfirmed: the sandbox answers
#: bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED.
PERCENT_CPC: Final = "percent_cpc"
#: A percent CPC bid's bound (v26 AdGroup.percent_cpc_bid_micros: "The valid range for the fraction is [0,1)
#: and the value stored here is 1,000,000 * [fraction]"); the error codes are the sandbox's choice.
PERCENT_CPC_BID_LIMIT: Final = 1_000_000


def check_percent_cpc_scheme(channel: str, scheme: str) -> None:
    """Percent CPC bidding on a campaign of ``channel``: a Hotel campaign's alone."""
    if scheme == PERCENT_CPC and channel != HOTEL:
        raise OpError(
            "bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED",
            f"a {channel} campaign cannot bid with percent_cpc (a Hotel campaign's strategy)",
            scheme,
        )


def check_percent_cpc_bid(data: dict[str, Any]) -> None:
    """An ad group's ``percent_cpc_bid_micros``, a fraction of the price in millionths: in [0, 1,000,000)."""
    bid = data.get("percent_cpc_bid_micros")
    if bid is None:
        return
    if bid < 0:
        raise OpError(
            "range_error.TOO_LOW", "percent_cpc_bid_micros must be at least 0", "percent_cpc_bid_micros"
        )
    if bid >= PERCENT_CPC_BID_LIMIT:
        raise OpError(
            "range_error.TOO_HIGH",
            "percent_cpc_bid_micros must be below 1,000,000 (a fraction of the price below 1)",
            "percent_cpc_bid_micros",
        )


#: The networks a Hotel campaign may not serve on ("Only Google Search is allowed for hotel campaigns",
#: google-ads example examples/travel/add_hotel_ad.py), each with the v26 campaign_error the sandbox
#: answers.
_HOTEL_OFF_NETWORKS: Final = {
    "target_search_network": "campaign_error.CANNOT_TARGET_SEARCH_NETWORK",
    "target_content_network": "campaign_error.CANNOT_TARGET_CONTENT_NETWORK",
}


def check_hotel_campaign(data: dict[str, Any], scheme: str) -> None:
    """A Hotel campaign's setting (v26 campaign_error.MISSING_HOTEL_SETTING: "Hotel setting was not found
    when creating a hotel ads campaign"), networks and bidding, as created or updated."""
    if not (data.get("hotel_setting") or {}).get("hotel_center_id"):
        raise OpError(
            "campaign_error.MISSING_HOTEL_SETTING",
            "a Hotel campaign needs its hotel_setting.hotel_center_id (the Hotel Center account)",
            "hotel_setting.hotel_center_id",
        )
    networks = data.get("network_settings") or {}
    for network, code in _HOTEL_OFF_NETWORKS.items():
        if networks.get(network):
            raise OpError(
                code,
                f"a Hotel campaign serves on Google Search alone, not {network}",
                f"network_settings.{network}",
            )
    if scheme not in HOTEL_SCHEMES:
        raise OpError(
            "bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED",
            f"a HOTEL campaign bids with {', '.join(sorted(HOTEL_SCHEMES))} here, not {scheme}",
            scheme,
        )


DEMAND_GEN: Final = "DEMAND_GEN"


def listing_group_id(
    txn: Txn, cid: str, ad_group: StoredObject, channel: str | None, data: dict[str, Any]
) -> str:
    """The criterion id of a new listing group (``data``: the criterion) of ``ad_group`` (of a campaign of
    ``channel``): checked to be a Shopping ad group's, and the only root of its tree (a child names a live
    SUBDIVISION parent). The tree as a whole is checked when the request ends (``check_trees``). A Demand Gen
    ad group takes one too: the products of its campaign's Merchant Center account it shows (Google's
    Demand Gen product ads guide, step 3: "Use ListingGroup criteria … to control which products in your
    feed are included in the ad group"), its ``google.product_groups``."""
    node = data.get("listing_group") or {}
    shopping = channel == SHOPPING and ad_group.data.get("type") == _SHOPPING_AD_GROUP
    if not shopping and channel != DEMAND_GEN:
        raise OpError(
            "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
            f"ad group {ad_group.id} is not a SHOPPING_PRODUCT_ADS or Demand Gen ad group: it has no product "
            "groups",
            "listing_group",
        )
    if channel == DEMAND_GEN:
        _no_filter_bid(data)
    if node.get("type") not in ("UNIT", "SUBDIVISION"):
        raise OpError(
            "criterion_error.INVALID_LISTING_GROUP_TYPE",
            "listing_group.type is required",
            "listing_group.type",
        )
    if node.get("type") == "SUBDIVISION" and (data.get("cpc_bid_micros") or data.get("negative")):
        raise OpError(
            "criterion_error.CANNOT_SET_BIDS_ON_LISTING_GROUP_SUBDIVISION",
            "a SUBDIVISION listing group has no bid and is never negative: its units are",
            "cpc_bid_micros",
        )
    parent = node.get("parent_ad_group_criterion")
    if parent is not None and not node.get("case_value"):
        raise OpError(
            "criterion_error.INVALID_LISTING_GROUP_HIERARCHY",
            "a listing group below the root needs its case value",
            "listing_group.case_value",
        )
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
    criterion_id = listing_group_criterion_id(ad_group.id, parent, node.get("case_value"))
    existing = txn.get(GOOGLE, cid, "ad_group_criterion", f"{ad_group.id}~{criterion_id}")
    if existing is not None and existing.status != "REMOVED":
        raise OpError(
            "criterion_error.LISTING_GROUP_ALREADY_EXISTS",
            f"ad group {ad_group.id} already has this listing group ({criterion_id})",
            "listing_group",
        )
    listing_groups_touched(txn, cid).add(ad_group.id)
    return criterion_id


def check_filter_bid(txn: Txn, cid: str, data: dict[str, Any]) -> None:
    """A listing group ``data`` of a Demand Gen ad group, as updated, bids nothing (``_no_filter_bid``)."""
    ad_group = txn.get(GOOGLE, cid, "ad_group", str(data.get("ad_group") or "").rsplit("/", 1)[-1])
    campaign = None if ad_group is None else txn.get(GOOGLE, cid, "campaign", str(ad_group.parent))
    if campaign is not None and campaign.data.get("advertising_channel_type") == DEMAND_GEN:
        _no_filter_bid(data)


def _no_filter_bid(data: dict[str, Any]) -> None:
    """A Demand Gen ad group's product filter takes no bid: its campaign's bidding strategy bids (believed;
    Google's Demand Gen guides give its listing groups none; the code is the sandbox's choice)."""
    if data.get("cpc_bid_micros"):
        raise OpError(
            "ad_group_criterion_error.BID_INCOMPATIBLE_WITH_ADGROUP",
            "a Demand Gen ad group's listing groups take no bid: its campaign's bidding strategy bids",
            "cpc_bid_micros",
        )


def listing_group_criterion_id(ad_group_id: str, parent: Any, case: Any) -> str:
    """The sandbox's criterion id of a listing group: one per place in its ad group's tree (its parent and
    case value), so that a second node in one place is refused as Google refuses it."""
    place = json.dumps([str(parent), case or {}], sort_keys=True)
    digest = hashlib.sha256(f"{ad_group_id}|{place}".encode()).digest()
    return str(200_000_000_000 + int.from_bytes(digest[:6], "big") % 700_000_000_000)


def listing_groups_touched(txn: Txn, cid: str) -> set[str]:
    """The ids of the ad groups whose product group trees this call changed: each must end it whole
    (``check_trees``)."""
    return txn.gathered.setdefault((cid, "listing groups"), set())


def remove_listing_group(txn: Txn, cid: str, current: dict[str, Any]) -> None:
    """What goes with a removed listing group: everything below it (Google removes a subdivision
    recursively: v26 criterion_error.LISTING_GROUP_CANNOT_BE_REMOVED, "Recursive removal failed …")."""
    ad_group = str(current["ad_group"]).rsplit("/", 1)[1]
    listing_groups_touched(txn, cid).add(ad_group)
    below: dict[str, list[StoredObject]] = {}
    for node in txn.find(GOOGLE, cid, "ad_group_criterion", parent=ad_group):
        parent = (node.data.get("listing_group") or {}).get("parent_ad_group_criterion")
        if node.status != "REMOVED" and parent:
            below.setdefault(str(parent), []).append(node)
    pending = [str(current["resource_name"])]
    while pending:
        for node in below.pop(pending.pop(), []):
            data = dict(node.data, status="REMOVED")
            txn.put(
                GOOGLE, cid, "ad_group_criterion", node.id, data, parent=ad_group, name=None, status="REMOVED"
            )
            pending.append(str(node.data["resource_name"]))


def check_trees(txn: Txn, cid: str) -> list[tuple[str, str, str]]:
    """(ad group resource name, code, message) of each ad group whose product group tree this call changed
    and left broken: v26 criterion_error rules (a subdivision's children share one dimension, hold each
    value once and an "others" case; at most seven levels)."""
    problems = []
    for ad_group in sorted(listing_groups_touched(txn, cid)):
        nodes = [
            n
            for n in txn.find(GOOGLE, cid, "ad_group_criterion", parent=ad_group)
            if n.status != "REMOVED" and n.data.get("type") == "LISTING_GROUP"
        ]
        children: dict[str, list[dict[str, Any]]] = {}
        for node in nodes:
            parent = node.data["listing_group"].get("parent_ad_group_criterion")
            children.setdefault(str(parent) if parent else "", []).append(node.data)
        found = _tree_problem(children, children.get("", []), 1)
        if found is not None:
            problems.append((f"customers/{cid}/adGroups/{ad_group}", *found))
    return problems


def _tree_problem(
    children: dict[str, list[dict[str, Any]]], level_nodes: list[dict[str, Any]], depth: int
) -> tuple[str, str] | None:
    if depth > 7:
        return "criterion_error.LISTING_GROUP_TREE_TOO_DEEP", "a listing group tree is at most 7 levels deep"
    for node in level_nodes:
        if node["listing_group"].get("type") != "SUBDIVISION":
            continue
        kids = children.get(str(node["resource_name"]), [])
        cases = [dimension_of(kid["listing_group"].get("case_value") or {}) for kid in kids]
        members = {json.dumps(_member(kid), sort_keys=True) for kid in kids}
        if len(members) > 1:
            return (
                "criterion_error.LISTING_GROUP_REQUIRES_SAME_DIMENSION_TYPE_AS_SIBLINGS",
                f"the children of {node['resource_name']} split by more than one dimension",
            )
        if sum(value is None for _, value in cases) != 1:
            return (
                "criterion_error.LISTING_GROUP_SUBDIVISION_REQUIRES_OTHERS_CASE",
                f"subdivision {node['resource_name']} needs exactly one 'others' case",
            )
        values = [value for _, value in cases if value is not None]
        if len(set(values)) != len(values):
            return (
                "criterion_error.DUPLICATE_LISTING_DIMENSION_VALUE",
                f"the children of {node['resource_name']} repeat a value",
            )
        deeper = _tree_problem(children, kids, depth + 1)
        if deeper is not None:
            return deeper
    return None


def _member(node: dict[str, Any]) -> dict[str, Any]:
    """A node's case value dimension: its member and the index or level beside its value."""
    case = node["listing_group"].get("case_value") or {}
    return {m: {k: v for k, v in (body or {}).items() if k in ("index", "level")} for m, body in case.items()}
