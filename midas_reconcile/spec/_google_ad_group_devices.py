"""A Google ad group's own device bid adjustments (``ad_groups[].google.device_bid_adjustments``): rules,
compile, import.

The spec writes a multiplier per device as a campaign's ``google.device_bid_adjustments`` does (its value
rules: ``spec._google_devices.check_device_modifiers``), ``{mobile: 0.8, desktop: 1.2, connected_tv: 0}``:
v26 AdGroupBidModifier resources (``ad_group``, DeviceInfo ``type``, ``bid_modifier``), one per adjusted
device at ``<campaign>/<ad group>/device:<TYPE>`` (kind ``ad_group_bid_modifier``). Google applies an ad
group's modifier for a device over its campaign's, unless the campaign opts out of the device (at 0).

Confirmed in google-ads v26 (resources/ad_group_bid_modifier.py, services/ad_group_bid_modifier_service.py,
errors/ad_group_bid_modifier_error.py): the modifier "must be in the range: 0.1 - 10.0. Use 0 to opt out of a
Device type"; the device is "Immutable", the modifier is not; AdGroupBidModifierOperation creates, updates
and removes (Google's "Manage bid modifiers" guide adds an ad group's mobile modifier with a create: Google
makes none with an ad group, unlike a campaign's device criteria); and
CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER: "Cannot override the bid modifier for the given
criterion ID if the parent campaign is opted out of the same criterion" — refused at the spec line (a device
at 1.0 there is allowed: it compiles to no modifier). The applier orders a campaign's opt-out lifted before
its ad groups' modifiers of the device (``applier._ops``).

So, unlike a campaign's, each is an ordinary resource: created, its modifier updated, removed when the spec
drops it. A device at 1.0 compiles to none (no adjustment), yet the spec naming any device (1.0 too) makes
the ad group's device modifiers MIDAS's (the ad group's ``Resource.named_types``); while it names none, a
console's are left alone (``left_alone``). The read takes a row unset or at 1.0 as none
(``spec._bid_modifiers.is_adjustment``), as a campaign's, but reads the modifier to a double's 7 digits: v26
AdGroupBidModifier.bid_modifier is a double (``DOUBLE_DIGITS``), CampaignCriterion's a 32-bit float.

Not confirmed, and how MIDAS acts meanwhile: which campaign channels take an ad group's device modifiers.
Search, Display and Shopping take device bid adjustments per ad group in the console, and a Hotel
campaign's device adjustments are its ad groups' (``spec._google_devices``): allowed. A Demand Gen
campaign's (a campaign's takes 0 alone, itself not confirmed), a Performance Max campaign's (asset groups,
no ad groups) and an app campaign's are refused at the spec line. Whether an ad group's CONNECTED_TV modifier
is taken on Search is not confirmed either; MIDAS allows it. Whether Google keeps a row at 1.0 when a console
resets a modifier is not confirmed: such a row, read as none, would refuse a create of the same device
(RESOURCE_ALREADY_EXISTS), so the connector updates the row the last read saw instead
(``google_bid_modifiers.unadjusted_devices``), and a plan and drift tell a recorded modifier gone from the
read as removed or reset (``GROUP_DEVICE_GONE``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec._bid_modifiers import DECIMAL_PLACES, NO_ADJUSTMENT, modifier_text, too_precise
from midas_reconcile.spec._google_devices import (
    DEVICE,
    GOOGLE_DEVICES,
    adjustments_from,
    check_device_modifiers,
    device_key,
)
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import AdGroup, CampaignSpec, Objective

Add = Callable[[PathKey, str], None]

#: The kind of an ad group's device bid adjustment.
KIND: Final = "ad_group_bid_modifier"
#: What a plan and drift tell of a recorded modifier read as gone: a row at 1.0 reads as none, as one removed.
GROUP_DEVICE_GONE: Final = "removed or reset to 1.0 (no adjustment) out of band"
#: The ``google.channel`` values whose ad groups take device bid modifiers (module docstring).
CHANNELS: Final = ("search", "display", "shopping", "hotel")


def _channel(spec: CampaignSpec) -> str:
    """The spec's Google channel, ``app`` for an app campaign."""
    return "app" if spec.objective == Objective.APP_PROMOTION else spec.google.channel


def check_ad_group_devices(add: Add, spec: CampaignSpec) -> None:
    """Every rule of an ad group's ``google.device_bid_adjustments``, at the offending line."""
    channel = _channel(spec)
    campaign = spec.google.device_bid_adjustments
    for index, group in enumerate(spec.ad_groups):
        adjustments = group.google.device_bid_adjustments
        if not adjustments:
            continue
        option: PathKey = ("spec", "ad_groups", index, "google", "device_bid_adjustments")
        if spec.platforms.google is None:  # as google.hours and an ad group's google.product_groups
            add(
                option,
                "found device_bid_adjustments on an ad group of a campaign that does not run on Google: "
                "expected none",
            )
            continue
        if channel not in CHANNELS:
            kind = "an app" if channel == "app" else f"a {channel.replace('_', ' ')}"
            add(
                option,
                f"found device_bid_adjustments on an ad group of {kind} campaign; Google takes an ad group's "
                "device bid modifiers on Search, Display, Shopping and Hotel campaigns (others not "
                "confirmed): expected none",
            )
            continue
        if group.platforms is not None and "google" not in group.platforms:
            add(
                option,
                "found device_bid_adjustments on an ad group that does not run on Google: expected none",
            )
            continue
        check_device_modifiers(add, option, adjustments, channel, "ad group")
        for device, modifier in adjustments.items():
            # At 1.0 it names the device and adjusts nothing: no modifier is made for Google to refuse.
            if campaign.get(device) == 0 and modifier != NO_ADJUSTMENT:
                add(
                    (*option, device),
                    f"found {device} here, but the campaign opts out of {device} "
                    f"(google.device_bid_adjustments.{device}: 0), which Google lets no ad group override "
                    "(CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER): expected none, or the "
                    "campaign's adjustment changed",
                )


def group_device_modifiers(group: AdGroup) -> list[tuple[str, dict[str, Any]]]:
    """(key, fields) of each ad group bid modifier ``group``'s adjustments make, by device type; a device at
    1.0 makes none."""
    out = []
    for device, modifier in sorted(group.google.device_bid_adjustments.items()):
        if modifier == NO_ADJUSTMENT:
            continue
        native = GOOGLE_DEVICES[device]
        out.append(
            (device_key(native), {"type": DEVICE, "device": native, "bid_modifier": modifier_text(modifier)})
        )
    return out


def names_group_devices(group: AdGroup) -> tuple[str, ...]:
    """``(DEVICE, …)`` when ``group``'s spec names any device, at 1.0 too (the ad group's
    ``Resource.named_types``): its device modifiers are then MIDAS's; else ``()``: a console's are left
    alone. After ``DEVICE`` come the address keys (``device:TABLET``) of the devices it names at 1.0, which
    compile to no modifier: a plan removing one tells it is at 1.0 rather than not named
    (``names_device_at_one``)."""
    adjustments = group.google.device_bid_adjustments
    if not adjustments:
        return ()
    at_one = sorted(device_key(GOOGLE_DEVICES[d]) for d, m in adjustments.items() if m == NO_ADJUSTMENT)
    return (DEVICE, *at_one)


def names_device_at_one(group: Resource | None, modifier: Address) -> bool:
    """Whether the wanted ad group ``group`` names the device of its bid modifier ``modifier`` at 1.0 (no
    adjustment: ``names_group_devices``)."""
    return group is not None and modifier.path.rsplit("/", 1)[-1] in group.named_types


def is_group_device_address(address: Address) -> bool:
    """Whether ``address`` is an ad group's device bid adjustment (not a Hotel ad group's booking one:
    ``spec._google_hotel_bookings``)."""
    return address.kind == KIND and address.path.rsplit("/", 1)[-1].startswith("device:")


def is_group_modifier_address(address: Address) -> bool:
    """Whether ``address`` is an ad group's bid modifier of any kind MIDAS writes (a device's, a
    booking's)."""
    return address.kind == KIND


def group_device_adjustments_from(
    modifiers: Iterable[Mapping[str, Any]], channel: str
) -> tuple[dict[str, Decimal], list[str]]:
    """The ``google.device_bid_adjustments`` of a live ad group of a campaign of ``google.channel``
    ``channel`` (``app`` for an app campaign) from its device bid modifiers' fields, and a problem for what
    the spec language cannot say (``check_ad_group_devices``' rules, so that what imports validates)."""
    adjustments, problems = adjustments_from(modifiers)
    if not adjustments:
        return {}, problems
    said = ", ".join(f"{device} {modifier}" for device, modifier in adjustments.items())
    if channel not in CHANNELS:
        return {}, [
            *problems,
            f"has device bid modifiers at ad group level ({said}), which the spec language says on Search, "
            "Display, Shopping and Hotel campaigns' ad groups alone",
        ]
    odd = [f"{device} {m}" for device, m in adjustments.items() if too_precise(m)]
    if odd:
        problems.append(f"has device bid modifiers of more than {DECIMAL_PLACES} decimal places: {odd}")
    return adjustments, problems


def ad_group_devices_attention(spec: CampaignSpec) -> list[str]:
    """What ``midas mirror --to meta`` says of each ad group's own device bid adjustments: they stay Google's
    (Meta bids no differently per device; a device at 0 is one ``meta.devices`` may leave out, an edit)."""
    out = []
    for group in spec.ad_groups:
        if adjustments := group.google.device_bid_adjustments:
            off = [device for device, modifier in adjustments.items() if modifier == 0]
            line = (
                f"google.device_bid_adjustments of ad group {group.name!r} apply on Google only (Meta bids "
                "no differently per device)"
            )
            if off:
                line += f"; Google shows none of its ads on {', '.join(off)}"
            out.append(line)
    return out
