"""A standard Shopping campaign's native parts ↔ their normalised fields (``connectors.google_rows`` calls
these for the simulator and the SDK alike).

* campaign ``shopping_setting`` (v26 Campaign.ShoppingSetting) → ``shopping_setting``: ``merchant_id`` (an
  int; int64 arrives as a decimal string in proto JSON), ``feed_label`` when set, ``campaign_priority``
  and ``enable_local`` (proto3 optional: unset reads as 0 and false, as ``diff.RULES`` defaults say);
* an ad group's listing groups (v26 ListingGroupInfo): the root UNIT, all products, is the criterion
  ``listing_group:all-products`` (``listing_group_type`` UNIT, ``cpc_bid_micros``); a subdivided tree
  (a SUBDIVISION root and its children) has no key: the read notes it on the ad group, which MIDAS then
  neither imports nor changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from midas_reconcile.spec._google_shopping import ALL_PRODUCTS

#: The ShoppingSetting leaves an update may change (merchant_id is immutable: a change replaces).
UPDATABLE_SETTINGS: Final = ("feed_label", "campaign_priority", "enable_local")


def shopping_setting_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """A Shopping campaign row's normalised ``shopping_setting``."""
    setting = row.get("shopping_setting") or {}
    fields: dict[str, Any] = {
        "merchant_id": int(setting.get("merchant_id") or 0),
        "campaign_priority": int(setting.get("campaign_priority") or 0),
        "enable_local": setting.get("enable_local") is True,
    }
    if setting.get("feed_label"):
        fields["feed_label"] = str(setting["feed_label"])
    return fields


def shopping_setting_native(value: Mapping[str, Any]) -> dict[str, Any]:
    """The native ``shopping_setting`` of a create."""
    return {k: v for k, v in value.items() if v is not None and v != ""}


def listing_group_key(row: Mapping[str, Any]) -> str | None:
    """The address key of a listing group criterion row: the root unit's, or None for any node of a
    subdivided tree (MIDAS manages the one-unit tree alone)."""
    node = row.get("listing_group") or {}
    root = not node.get("parent_ad_group_criterion") and not node.get("case_value")
    return ALL_PRODUCTS if root and node.get("type") == "UNIT" else None


def listing_group_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """A root unit's normalised fields beside its type (and status): its kind and max CPC, if any."""
    fields: dict[str, Any] = {"listing_group_type": (row.get("listing_group") or {}).get("type")}
    if row.get("cpc_bid_micros"):
        fields["cpc_bid_micros"] = int(row["cpc_bid_micros"])
    return fields


def listing_group_native(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The native parts of a root unit's create: the listing group (no parent, no case value) and its bid."""
    obj: dict[str, Any] = {"listing_group": {"type": fields.get("listing_group_type")}}
    if fields.get("cpc_bid_micros") is not None:
        obj["cpc_bid_micros"] = fields["cpc_bid_micros"]
    return obj
