"""The sandbox's rules for a Google campaign's DEVICE criteria (device bid adjustments).

google-ads v26 says what is checked here: CampaignCriterion.bid_modifier "must be in the range: 0.1 - 10.0
… Use 0 to opt out of a Device type" (``google_bid_modifier_rules``), and
CriterionError.CANNOT_REMOVE_CRITERION's own example, "we cannot remove any of the device criterion".

As Google's own examples say, a campaign is made holding its device criteria: "all of the mobile device
campaign criteria are created automatically at the time of campaign creation" (googleads/google-ads-java
pull request #232, SetBidModifier, criterion 30001), and google-ads-python's
update_campaign_criterion_bid_modifier.py adjusts one with an update; a third party's read of a Search
campaign made through the API (published in a public repository) shows DEVICE 30000 desktop, 30001 mobile
and 30002 tablet, ENABLED, not negative, with no bid_modifier, and no connected TV one. The sandbox makes
those three (``google_schema.HELD_DEVICES``), with no bid modifier, with each campaign of the channels that
take device adjustments (``HOLDS_DEVICES``); creating one again is refused as a duplicate
(mutate_error.RESOURCE_ALREADY_EXISTS), as any criterion a campaign holds. A connected TV one is created
(30004). Believed, not confirmed: the connected TV id, that the campaigns of every one of those channels
get the three (the read was of a Search campaign) and none get a connected TV one, and that a device is
never excluded with ``negative`` (0 opts out instead).
"""

from __future__ import annotations

from typing import Any, Final

from midas_reconcile.connectors.google_schema import (
    DEVICE_CRITERION_IDS,
    DEVICE_TYPES,
    HELD_DEVICES,
    OpError,
)
from midas_reconcile.connectors.sandbox.google_bid_modifier_rules import check_modifier_range

#: The v26 AdvertisingChannelType of the campaigns the sandbox makes holding their device criteria: those that
#: take a campaign's device adjustments (not a Hotel campaign, whose are its ad groups', nor an app campaign).
HOLDS_DEVICES: Final = ("SEARCH", "DISPLAY", "SHOPPING", "DEMAND_GEN", "PERFORMANCE_MAX")


def held_devices(cid: str, campaign: dict[str, Any]) -> list[dict[str, Any]]:
    """The DEVICE criteria Google makes with ``campaign`` (stored): one per device it holds (not connected
    TV: ``google_schema.HELD_DEVICES``), with no bid modifier."""
    if campaign.get("advertising_channel_type") not in HOLDS_DEVICES:
        return []
    campaign_id = str(campaign["id"])
    return [
        {
            "resource_name": f"customers/{cid}/campaignCriteria/{campaign_id}~{criterion_id}",
            "campaign": campaign["resource_name"],
            "criterion_id": criterion_id,
            "type": "DEVICE",
            "device": {"type": device},
            "negative": False,
            "status": "ENABLED",
        }
        for device, criterion_id in DEVICE_CRITERION_IDS.items()
        if device in HELD_DEVICES
    ]


def device_criterion_id(value: dict[str, Any], negative: bool) -> str:
    """The id of the device a DEVICE criterion names, which a campaign targets (0 opts it out)."""
    device = value.get("type")
    if device not in DEVICE_TYPES:
        raise OpError("field_error.REQUIRED", "device.type is required", "device.type")
    if negative:
        raise OpError(
            "criterion_error.CANNOT_EXCLUDE_CRITERION",
            "a device is not excluded: set its bid_modifier to 0 to opt out of it",
            "negative",
        )
    return DEVICE_CRITERION_IDS[str(device)]


def check_bid_modifier(data: dict[str, Any]) -> None:
    """A device's bid modifier is 0 (opt out) or from 0.1 to 10.0 (unset: none)."""
    check_modifier_range(data, opt_out=True)


def check_device_removal(current: dict[str, Any]) -> None:
    """Google removes no device criterion: its modifier is set instead (1.0: no adjustment)."""
    if current.get("type") == "DEVICE":
        raise OpError(
            "criterion_error.CANNOT_REMOVE_CRITERION",
            "a device criterion cannot be removed; set its bid_modifier (1.0: no adjustment)",
        )


def check_not_opted_out(campaign_device: dict[str, Any] | None) -> None:
    """An ad group's device bid modifier over a campaign opted out of the device (its DEVICE criterion at 0,
    ``campaign_device``: None when the campaign holds none) is refused: v26
    AdGroupBidModifierError.CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER, "Cannot override the
    bid modifier for the given criterion ID if the parent campaign is opted out of the same criterion"."""
    modifier = (campaign_device or {}).get("bid_modifier")
    if modifier is not None and float(modifier) == 0:
        raise OpError(
            "ad_group_bid_modifier_error.CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER",
            "the ad group's campaign is opted out of the device (its bid modifier is 0)",
            "bid_modifier",
        )


def bid_modifier_criterion_id(data: dict[str, Any]) -> str:
    """The criterion id of an ad group's device bid modifier (v26 AdGroupBidModifier with DeviceInfo:
    ``DEVICE_CRITERION_IDS``); a Hotel ad group's booking ones are ``google_booking_rules``'."""
    check_bid_modifier(data)
    device = (data.get("device") or {}).get("type")
    if device in DEVICE_TYPES:
        return DEVICE_CRITERION_IDS[str(device)]
    raise OpError(
        "ad_group_bid_modifier_error.CRITERION_ID_NOT_SUPPORTED",
        "an ad group bid modifier needs exactly one criterion (a device or a booking one)",
    )
