"""A Google campaign's device bid adjustments (``google.device_bid_adjustments``): rules, compile, read,
import.

The spec writes a multiplier per device, ``{mobile: 0.8, tablet: 1.0, desktop: 1.2, connected_tv: 0}``:
v26 DEVICE campaign criteria (DeviceInfo ``type`` MOBILE, TABLET, DESKTOP, CONNECTED_TV) with their
``bid_modifier``, one per device at the address ``device:<TYPE>`` under the campaign.

Confirmed in google-ads v26 (resources/campaign_criterion.py, ad_group_bid_modifier.py): the modifier "must be
in the range: 0.1 - 10.0 … Use 0 to opt out of a Device type"; CampaignCriterion.bid_modifier is a 32-bit
float, read, compared and written as every bid modifier is (``spec._bid_modifiers``: 0.8 for
0.800000011920929, a console's 1.23456 as itself, which an import names, more than 4 places); the v26
CriterionError CANNOT_REMOVE_CRITERION says "we cannot remove any of the device criterion". Performance Max
campaigns take DEVICE criteria (Google's Performance Max guide, "Create the campaign criteria").

Google makes a campaign holding its desktop, mobile and tablet DEVICE criteria, adjusting nothing: its own
SetBidModifier example (googleads/google-ads-java pull request #232) says "all of the mobile device campaign
criteria are created automatically at the time of campaign creation" and names the mobile one by the
campaign id and 30001; google-ads-python's update_campaign_criterion_bid_modifier.py adjusts such a
criterion with an update; a third party's published read of a Search campaign made through the API shows
DEVICE 30000 desktop, 30001 mobile and 30002 tablet, ENABLED, with no bid_modifier, and no connected TV one.
So:

* The read treats a row with the modifier unset or 1.0 as no adjustment and reads nothing of it
  (``is_adjustment``): such rows never make a diff and never reach an import; a device the spec names at 1.0
  compiles to nothing either, but the spec naming any device (1.0 too) makes the campaign's device rows
  MIDAS's (``names_devices``): a console's adjustment of them is reset, not left alone.
* A desktop, mobile or tablet adjustment, planned as a create, is written as an update of
  ``customers/{cid}/campaignCriteria/{campaign id}~{criterion id}`` (``google_schema.DEVICE_CRITERION_IDS``,
  ``HELD_DEVICES``), ``bid_modifier`` alone, whether the campaign is live or made in the same apply (then in
  a request after the one making it): creating it again is refused (the sandbox, and the gRPC fake over it,
  model Google so: RESOURCE_ALREADY_EXISTS). A connected TV adjustment creates its criterion, or updates
  the one MIDAS made then reset, which the last read saw (``unadjusted_criteria``).

Not confirmed, and how MIDAS acts meanwhile:

* The connected TV criterion id (30004, the AdWords API's platform id), and that no campaign is made holding
  a connected TV criterion; that campaigns of channels other than Search (Display, Shopping, Demand Gen,
  Performance Max: the sandbox models them as Search) are made holding the same three. Were either wrong,
  the write is refused (a duplicate, or no such criterion) and reported; nothing is written wrongly.
* Removal: as Google refuses to remove a device criterion (the error's own example), the connector resets
  it to 1.0 instead (``RESET_MODIFIER``), which reads back as no criterion: removed as far as MIDAS sees.
* Which channels take partial adjustments: Search, Display and Shopping take the whole range (the console's
  device bid adjustments). A Demand Gen and a Performance Max campaign are held to 0 (opting a device out)
  — a third-party tool reports Demand Gen refusing partial adjustments; not confirmed for either. A Hotel
  campaign's device adjustments are its ad groups' (AdGroupBidModifier: ``spec._google_ad_group_devices``)
  and an app campaign targets locations and languages only: both refused at the spec line.
* CONNECTED_TV: whether it takes a partial adjustment on Search is not confirmed; MIDAS allows the range.

Meta: ``meta.devices`` says where an ad set runs (mobile, desktop). A Google device at 0 shows no ads
there, like a Meta ad set not running on it, but Google's adjustments are bids, not placements, and the
devices differ (tablets, TVs): nothing is mirrored between the two, each platform's is its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, get_args

from midas_reconcile.resources import Address
from midas_reconcile.spec._bid_modifiers import (
    DECIMAL_PLACES,
    FLOAT_DIGITS,
    MIN_MODIFIER,
    NO_ADJUSTMENT,
    is_adjustment,
    modifier_text,
    native_modifier,
    too_precise,
)
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import CampaignSpec, GoogleDevice, Objective

Add = Callable[[PathKey, str], None]

DEVICE: Final = "DEVICE"
#: The spec's device names → v26 DeviceEnum names.
GOOGLE_DEVICES: Final[dict[str, str]] = {name: name.upper() for name in get_args(GoogleDevice)}
SPEC_DEVICES: Final[dict[str, str]] = {native: name for name, native in GOOGLE_DEVICES.items()}
#: The channels that take a device at 0 alone (not confirmed: module docstring).
OPT_OUT_ONLY: Final = ("demand_gen", "performance_max")
_OPTION: Final = ("spec", "google", "device_bid_adjustments")


def check_google_devices(add: Add, spec: CampaignSpec) -> None:
    """Every rule of ``google.device_bid_adjustments``, at the offending device."""
    adjustments = spec.google.device_bid_adjustments
    if not adjustments:
        return
    channel = spec.google.channel
    if spec.objective == Objective.APP_PROMOTION:
        add(
            _OPTION,
            "found device_bid_adjustments; a Google app campaign targets locations and languages only: "
            "expected none",
        )
        return
    if channel == "hotel":
        add(
            _OPTION,
            "found device_bid_adjustments; a Google Hotel campaign's device bid modifiers are its ad groups' "
            "(AdGroupBidModifier): expected them on its ad groups' google.device_bid_adjustments",
        )
        return
    check_device_modifiers(add, _OPTION, adjustments, channel, "campaign")


def check_device_modifiers(
    add: Add, option: PathKey, adjustments: Mapping[GoogleDevice, Decimal], channel: str, level: str
) -> None:
    """The value rules of each device's modifier in ``adjustments`` (a ``device_bid_adjustments`` written at
    ``option``, of a campaign or an ad group, ``level``, of ``google.channel`` ``channel``), at the device:
    0 or Google's range, ``DECIMAL_PLACES`` at most, and 0 or 1 alone where partial adjustments are not
    confirmed (``OPT_OUT_ONLY``)."""
    for device, modifier in adjustments.items():
        path = (*option, device)
        if Decimal(0) < modifier < MIN_MODIFIER:
            add(path, f"found {modifier}; expected 0 (no ads on the device) or from {MIN_MODIFIER} to 10")
        elif too_precise(modifier):
            add(path, f"found {modifier}; expected at most {DECIMAL_PLACES} decimal places")
        elif channel in OPT_OUT_ONLY and modifier not in (0, NO_ADJUSTMENT):
            add(
                path,
                f"found {modifier}; a Google {channel.replace('_', ' ')} {level} takes a device at 0 (no "
                "ads on it) only (partial adjustments not confirmed there): expected 0 or 1",
            )


def device_key(native: str) -> str:
    """The address key of the campaign's criterion of the v26 device ``native`` (``device:MOBILE``)."""
    return f"device:{native}"


def device_criteria(spec: CampaignSpec) -> list[tuple[str, dict[str, Any]]]:
    """(key, fields) of each DEVICE campaign criterion the spec's adjustments make, by device type; a device
    at 1.0 makes none (Google's default, what the read sees as none)."""
    out = []
    for device, modifier in sorted(spec.google.device_bid_adjustments.items()):
        if modifier == NO_ADJUSTMENT:
            continue
        native = GOOGLE_DEVICES[device]
        out.append(
            (device_key(native), {"type": DEVICE, "device": native, "bid_modifier": modifier_text(modifier)})
        )
    return out


def names_devices(spec: CampaignSpec) -> tuple[str, ...]:
    """``(DEVICE,)`` when the spec names any device, at 1.0 too (``Resource.named_types``): then the
    campaign's device rows are MIDAS's to set, a console's reset to 1.0 where the spec names none but 1.0;
    else ``()``: a console's are left alone (``left_alone``)."""
    return (DEVICE,) if spec.google.device_bid_adjustments else ()


def device_fields(row: Mapping[str, Any], digits: int = FLOAT_DIGITS) -> dict[str, Any] | None:
    """A live DEVICE row's normalised fields (v26 DeviceInfo ``type`` and the modifier, of ``digits``: a
    campaign criterion's float by default, ``DOUBLE_DIGITS`` for an ad group bid modifier's double); None
    when it adjusts nothing (``is_adjustment``)."""
    modifier = row.get("bid_modifier")
    if not is_adjustment(modifier, digits):
        return None
    native = str((row.get("device") or {}).get("type") or "")
    return {"type": DEVICE, "device": native, "bid_modifier": modifier_text(modifier, digits)}


def device_native(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``device_fields`` reversed: the native DEVICE criterion (its modifier a float, as v26 takes it), as a
    connected TV one is created (Google makes none with the campaign: module docstring)."""
    return {
        "device": {"type": fields.get("device")},
        "bid_modifier": native_modifier(fields["bid_modifier"]),
    }


def adjustments_from(criteria: Iterable[Mapping[str, Any]]) -> tuple[dict[str, Decimal], list[str]]:
    """``device_criteria`` reversed: the ``device_bid_adjustments`` of a campaign's DEVICE criteria (in the
    spec's device order), and a problem for each that the spec language cannot say."""
    out: dict[str, Decimal] = {}
    problems = []
    for fields in criteria:
        native = str(fields.get("device") or "")
        name = SPEC_DEVICES.get(native)
        if name is None:
            problems.append(
                f"adjusts its bids on Google device {native or '?'}, which the spec language does not name"
            )
            continue
        out[name] = Decimal(str(fields.get("bid_modifier")))
    order = list(GOOGLE_DEVICES)
    return dict(sorted(out.items(), key=lambda item: order.index(item[0]))), problems


def is_device_address(address: Address) -> bool:
    """Whether ``address`` is a campaign's device criterion (``device_key``)."""
    return address.kind == "campaign_criterion" and address.path.rsplit("/", 1)[-1].startswith("device:")


def device_adjustments_from(
    criteria: Iterable[Mapping[str, Any]], channel: str
) -> tuple[dict[str, Decimal], list[str]]:
    """The ``google.device_bid_adjustments`` of a live campaign of ``google.channel`` ``channel`` (``app``
    for an app campaign) from its DEVICE criteria, and a problem for what the spec language cannot say
    (``check_google_devices``' rules, so that what imports also validates)."""
    adjustments, problems = adjustments_from(criteria)
    if not adjustments:
        return {}, problems
    said = ", ".join(f"{device} {modifier}" for device, modifier in adjustments.items())
    if channel in ("app", "hotel"):
        kind = "an app" if channel == "app" else "a Hotel"
        return {}, [
            *problems,
            f"has device bid adjustments at campaign level ({said}), which the spec language cannot say "
            f"for {kind} campaign",
        ]
    if channel in OPT_OUT_ONLY and any(modifier != 0 for modifier in adjustments.values()):
        return {}, [
            *problems,
            f"has device bid adjustments ({said}), of which the spec language says 0 alone for a "
            f"{channel.replace('_', ' ')} campaign (partial adjustments not confirmed there)",
        ]
    odd = [f"{device} {m}" for device, m in adjustments.items() if too_precise(m)]
    if odd:
        problems.append(f"has device bid adjustments of more than {DECIMAL_PLACES} decimal places: {odd}")
    return adjustments, problems


def google_devices_attention(spec: CampaignSpec) -> list[str]:
    """What ``midas mirror --to meta`` says of the campaign's device bid adjustments: they stay Google's
    (Meta bids no differently per device), and a device at 0 is one Google shows no ads on, which
    ``meta.devices`` can leave out on Meta (mobile, desktop, connected_tv: Meta has no tablets of their own,
    which it counts as mobile) — an edit, not a translation, as the two do not say the same thing."""
    adjustments = spec.google.device_bid_adjustments
    if not adjustments:
        return []
    off = [device for device, modifier in adjustments.items() if modifier == 0]
    line = (
        "the campaign's google.device_bid_adjustments apply on Google only (Meta bids no differently per "
        "device)"
    )
    if off:
        line += (
            f"; Google shows no ads on {', '.join(off)}: leave those out of meta.devices (mobile | desktop "
            "| connected_tv) if Meta should not run there either"
        )
    return [line]


def unadjusted_criteria(rows: Iterable[Mapping[str, Any]], made: Iterable[str]) -> set[str]:
    """The resource names of the DEVICE campaign criteria among ``rows`` that adjust nothing, but of the
    devices Google makes with a campaign (``made``): those MIDAS created then reset (connected TV), which an
    adjustment updates, as creating them again is refused."""
    skip = set(made)
    return {
        str(row["resource_name"])
        for row in rows
        if row.get("type") == DEVICE
        and not is_adjustment(row.get("bid_modifier"))
        and (row.get("device") or {}).get("type") not in skip
    }
