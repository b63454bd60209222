"""A standard Shopping campaign's native parts ↔ their normalised fields (``connectors.google_rows`` calls
these for the simulator and the SDK alike).

* campaign ``shopping_setting`` (v26 Campaign.ShoppingSetting) → ``shopping_setting``: ``merchant_id`` (an
  int; int64 arrives as a decimal string in proto JSON), ``feed_label`` when set, ``campaign_priority``
  and ``enable_local`` (proto3 optional: unset reads as 0 and false, as ``diff.RULES`` defaults say);
* a Hotel campaign's ``hotel_setting`` (v26 Campaign.HotelSettingInfo) → ``hotel_setting``:
  ``hotel_center_id`` (an int); another campaign's (a Demand Gen one may carry one) only when it names one;
* an ad group's listing groups (v26 ListingGroupInfo): its product group tree, one resource at
  ``listing_group:all-products`` (``connectors.google_listing_groups``); a one-unit tree is created here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

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


def hotel_setting_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """A campaign row's normalised ``hotel_setting``: its Hotel Center account (0 when unset)."""
    return {"hotel_center_id": int((row.get("hotel_setting") or {}).get("hotel_center_id") or 0)}


def shopping_setting_native(value: Mapping[str, Any]) -> dict[str, Any]:
    """The native ``shopping_setting`` of a create."""
    return {k: v for k, v in value.items() if v is not None and v != ""}


def listing_group_native(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The native parts of a root unit's create: the listing group (no parent, no case value) and its bid."""
    obj: dict[str, Any] = {"listing_group": {"type": fields.get("listing_group_type")}}
    if fields.get("cpc_bid_micros") is not None:
        obj["cpc_bid_micros"] = fields["cpc_bid_micros"]
    return obj
