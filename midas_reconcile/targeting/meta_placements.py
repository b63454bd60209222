"""Where a Meta ad set places its ads, in its targeting spec: publisher platforms, positions by platform and
device platforms (``meta.placements``, ``meta.devices``) — the targeting MIDAS sends, and the placements it
reads back from a live ad set's.

Wire shape (Meta's Placement Targeting reference; facebook-business adobjects/targeting.py): lists of
strings ``publisher_platforms``, ``<platform>_positions`` (``facebook_positions``, ``instagram_positions``,
``audience_network_positions``, ``messenger_positions``, ``threads_positions``, ``whatsapp_positions``) and
``device_platforms``. A field left out is every default value of it ("if you set publisher_platforms to
facebook, but select nothing for facebook_positions, Facebook considers all default Facebook positions"), and
a platform's positions are honoured only beside the platform in ``publisher_platforms``. The SDK's
``effective_*`` fields (``effective_whatsapp_positions`` …) are Meta's reading of these, never sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, get_args

from midas_reconcile.spec.models import (
    AudienceNetworkPosition,
    FacebookPosition,
    InstagramPosition,
    MessengerPosition,
    MetaDevice,
    MetaPlacement,
    ThreadsPosition,
    WhatsAppPosition,
)

PLATFORMS_FIELD: Final = "publisher_platforms"
DEVICES_FIELD: Final = "device_platforms"
#: Each publisher platform's positions, as the spec language and Meta name them.
META_POSITIONS: Final[dict[str, tuple[str, ...]]] = {
    "facebook": get_args(FacebookPosition),
    "instagram": get_args(InstagramPosition),
    "audience_network": get_args(AudienceNetworkPosition),
    "messenger": get_args(MessengerPosition),
    "threads": get_args(ThreadsPosition),
    "whatsapp": get_args(WhatsAppPosition),
}
META_PLATFORMS: Final = get_args(MetaPlacement)
META_DEVICES: Final = get_args(MetaDevice)


#: The targeting flag Meta turns on by default where WhatsApp's Status is placed: Meta's v26.0 changelog, "if
#: the WhatsApp Status placement is included and user_age_unknown is not set, it will default to true"
#: (facebook-business ``Targeting.Field.user_age_unknown``, a bool). That the ad set's targeting reads it back
#: so is believed, unconfirmed.
AGE_UNKNOWN_FIELD: Final = "user_age_unknown"


def in_whatsapp_status(targeting: Mapping[str, Any]) -> bool:
    """Whether ``targeting`` places its ads in WhatsApp's Status (``whatsapp`` among its platforms, its
    positions ``status`` or all of them)."""
    positions = targeting.get(positions_field("whatsapp")) or ("status",)
    return "whatsapp" in (targeting.get(PLATFORMS_FIELD) or ()) and "status" in positions


def age_unknown_by_default(targeting: Mapping[str, Any]) -> bool:
    """Whether ``targeting``'s ``user_age_unknown`` is true as Meta defaults it beside WhatsApp's Status: no
    setting of the ad set's own, the same as none (``normalize_meta_targeting`` drops it)."""
    return targeting.get(AGE_UNKNOWN_FIELD) is True and in_whatsapp_status(targeting)


def positions_field(platform: str) -> str:
    """The targeting field holding ``platform``'s positions (``facebook_positions``)."""
    return f"{platform}_positions"


#: The targeting field of each platform's positions → the platform.
POSITION_FIELDS: Final = {positions_field(platform): platform for platform in META_POSITIONS}


def placement_targeting(
    positions: Mapping[str, Sequence[str]], devices: Sequence[str]
) -> dict[str, list[str]]:
    """The targeting fields placing an ad set's ads: ``positions`` by platform (``[]``: all of a platform's;
    none: automatic placements) and ``devices`` (none: all), each list sorted; nothing for Meta's defaults."""
    out: dict[str, list[str]] = {}
    if positions:
        out[PLATFORMS_FIELD] = sorted(positions)
    for platform, chosen in positions.items():
        if chosen:
            out[positions_field(platform)] = sorted(set(chosen))
    if devices:
        out[DEVICES_FIELD] = sorted(set(devices))
    return out


#: One ad set's placements as import compares them: each platform with its positions (``()``: all of them),
#: sorted by platform; ``()`` for automatic placements.
Placed = tuple[tuple[str, tuple[str, ...]], ...]


def placed_of(targeting: Mapping[str, Any]) -> Placed:
    """Where a live ad set's ``targeting`` places its ads, by platform (``Placed``); the positions of a
    platform it does not name are left out (``unplaced_positions`` says so)."""
    platforms = sorted({str(p) for p in targeting.get(PLATFORMS_FIELD) or ()})
    return tuple(
        (p, tuple(sorted({str(x) for x in targeting.get(positions_field(p)) or ()}))) for p in platforms
    )


def placements_spec(placed: Placed) -> list[str] | dict[str, list[str]]:
    """``meta.placements`` as a spec writes it: the platforms alone where none is placed by position, else
    each platform with its positions (``[]``: all of them)."""
    if not any(positions for _, positions in placed):
        return [platform for platform, _ in placed]
    return {platform: list(positions) for platform, positions in placed}


def unplaced_positions(targeting: Mapping[str, Any]) -> dict[str, list[str]]:
    """The positions ``targeting`` names of platforms its ``publisher_platforms`` leaves out (or of every
    platform, where it names none), by field: Meta honours them only beside their platform."""
    platforms = {str(p) for p in targeting.get(PLATFORMS_FIELD) or ()}
    return {
        key: sorted(str(x) for x in value)
        for key, platform in sorted(POSITION_FIELDS.items())
        if (value := targeting.get(key)) and platform not in platforms
    }


def unknown_positions(targeting: Mapping[str, Any]) -> dict[str, list[str]]:
    """The positions of ``targeting`` the spec language does not name (Meta's newer or retired ones), by
    field."""
    out = {}
    for key, platform in sorted(POSITION_FIELDS.items()):
        unknown = sorted({str(x) for x in targeting.get(key) or ()} - set(META_POSITIONS[platform]))
        if unknown:
            out[key] = unknown
    return out
