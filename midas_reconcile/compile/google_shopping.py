"""The Google resources of a standard Shopping campaign that no other campaign has (``spec._google_shopping``
says what the campaign may hold): its ``shopping_setting``, its SHOPPING_PRODUCT_ADS ad groups, each one's
product group tree (one resource: the root listing group, all products, and its ``partition`` when
``google.product_groups`` splits it) and product ad; and a Demand Gen campaign's Merchant Center account
and its ad groups' product filters, trees of the same shape without bids; a Hotel campaign's
``hotel_setting``, HOTEL_ADS ad groups and hotel ads (``spec._google_hotel``). Fields in ``resources.FIELDS``
shape."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from midas_reconcile import money
from midas_reconcile.resources import MANAGED_MARKER
from midas_reconcile.spec import AdGroup, CampaignSpec
from midas_reconcile.spec._product_groups import value_key
from midas_reconcile.spec.models import ProductGroup


def shopping_setting(spec: CampaignSpec) -> dict[str, Any]:
    """The campaign's v26 ShoppingSetting: the Merchant Center account (an int64 id), its feed label when
    the spec names one, the campaign priority ("required for Shopping campaigns") and local products."""
    shopping = spec.google.shopping
    if shopping is None:  # a spec error says so (``check_google_shopping``)
        raise ValueError("a Shopping campaign needs google.shopping")
    fields: dict[str, Any] = {
        "merchant_id": int(shopping.merchant_id),
        "campaign_priority": shopping.campaign_priority,
        "enable_local": shopping.enable_local,
    }
    if shopping.feed_label is not None:
        fields["feed_label"] = shopping.feed_label
    return fields


def demand_gen_shopping_setting(spec: CampaignSpec) -> dict[str, Any] | None:
    """A Demand Gen campaign's v26 ShoppingSetting (its Merchant Center account, an int64 id, and the feed
    label when the spec names one: ``google.demand_gen``), or None when it shows no products. No campaign
    priority nor local products: those are a Shopping campaign's."""
    products = spec.google.demand_gen
    if products is None:
        return None
    fields: dict[str, Any] = {"merchant_id": int(products.merchant_id)}
    if products.feed_label is not None:
        fields["feed_label"] = products.feed_label
    return fields


def shopping_group_fields(group: AdGroup, status: str, type_: str = "SHOPPING_PRODUCT_ADS") -> dict[str, Any]:
    """A Shopping campaign's ad group (v26 AdGroupType SHOPPING_PRODUCT_ADS), or a Hotel campaign's
    (``type_`` HOTEL_ADS), with its max CPC, if any."""
    fields: dict[str, Any] = {
        "name": group.name,
        "status": status,
        "type": type_,
        "labels": sorted({MANAGED_MARKER, *group.google.labels}),
    }
    if group.google.cpc_bid is not None:
        fields["cpc_bid_micros"] = money.to_google_micros(group.google.cpc_bid)
    return fields


def all_products(group: AdGroup) -> dict[str, Any]:
    """The ad group's product group tree, one resource (``connectors.google_listing_groups``): without
    ``google.product_groups`` the root listing group alone, a biddable UNIT with no case value (all
    products), bid at the ad group's max CPC (google-ads example shopping_ads/add_shopping_product_ad.py,
    add_default_shopping_listing_group); with them, a SUBDIVISION root and its ``partition``."""
    fields: dict[str, Any] = {"type": "LISTING_GROUP", "listing_group_type": "UNIT"}
    tree = group.google.product_groups
    if tree is not None and tree.split_by is not None:
        fields["listing_group_type"] = "SUBDIVISION"
        fields["partition"] = _split(tree, group.google.cpc_bid)
    elif group.google.cpc_bid is not None:
        fields["cpc_bid_micros"] = money.to_google_micros(group.google.cpc_bid)
    return fields


def product_filter(tree: ProductGroup) -> dict[str, Any]:
    """A Demand Gen ad group's product filter (``google.product_groups``), one resource as a Shopping
    ad group's tree is, without bids: the root alone (all products, ``{}``) a UNIT, else a SUBDIVISION and
    its ``partition`` of included and excluded (negative) units."""
    fields: dict[str, Any] = {"type": "LISTING_GROUP", "listing_group_type": "UNIT"}
    if tree.split_by is not None:
        fields["listing_group_type"] = "SUBDIVISION"
        fields["partition"] = _split(tree, None)
    return fields


def _split(node: ProductGroup, default_bid: Decimal | None) -> dict[str, Any]:
    """A split product group's normalised ``partition``: its dimension, a group per value (as
    ``value_key`` keeps it) and its everything-else group."""
    dimension = str(node.split_by)
    split: dict[str, Any] = {
        "split_by": dimension,
        "values": {
            value_key(dimension, value): _group(child, default_bid)
            for value, child in sorted(node.values.items())
        },
    }
    split["everything_else"] = _group(node.everything_else or ProductGroup(), default_bid)
    return split


def _group(node: ProductGroup, default_bid: Decimal | None) -> dict[str, Any]:
    """One product group: a split, an excluded unit (negative, no bid) or a unit bid at its own max CPC or
    the ad group's."""
    if node.split_by is not None:
        return {"type": "SUBDIVISION", **_split(node, default_bid)}
    if node.exclude:
        return {"type": "UNIT", "negative": True}
    bid = node.cpc_bid if node.cpc_bid is not None else default_bid
    group: dict[str, Any] = {"type": "UNIT"}
    if bid is not None:
        group["cpc_bid_micros"] = money.to_google_micros(bid)
    return group


def hotel_setting(spec: CampaignSpec) -> dict[str, Any]:
    """A Hotel campaign's v26 HotelSettingInfo: its Hotel Center account (an int64 id)."""
    hotel = spec.google.hotel
    if hotel is None:  # a spec error says so (``check_google_hotel``)
        raise ValueError("a Hotel campaign needs google.hotel")
    return {"hotel_center_id": int(hotel.hotel_center_id)}


def hotel_ad() -> dict[str, Any]:
    """A Hotel ad group's hotel ad (v26 HotelAdInfo: no fields; Google builds it from the Hotel Center
    feed), enabled: a Hotel campaign pauses at its ad group or campaign."""
    return {"status": "ENABLED", "type": "HOTEL_AD"}


def product_ad() -> dict[str, Any]:
    """A Shopping ad group's product ad (v26 ShoppingProductAdInfo: no fields; Google builds each ad from
    the feed)."""
    return {"status": "ENABLED", "type": "SHOPPING_PRODUCT_AD"}
