"""Meta placements by platform, position and device (``meta.placements``, ``meta.devices``): the spec checks
that need more than one value (``targeting.meta_placements`` has the wire shape).

Platform notes (checked 2026-11 with the search tool; facebook-business 26.0.3):
- Targeting fields ``publisher_platforms``, ``facebook_positions``, ``instagram_positions``,
  ``audience_network_positions``, ``messenger_positions``, ``threads_positions``, ``whatsapp_positions`` (all
  ``list<string>`` in the SDK's adobjects/targeting.py, which enumerates no position) and ``device_platforms``
  (``Targeting.DevicePlatforms``: mobile, desktop, connected_tv).
- Position names: Meta's Placement Targeting reference, "Device, Publisher and Positions" (the names in
  ``spec.models``: FacebookPosition …), as public clients of the Marketing API quote it; the search tool
  holds the reference's opening only. A field left out is all of its default values; Meta "may also
  automatically consider new positions or platforms as they become available".
- App ads: their placement "should have a device_platforms field with value of ['mobile']" (App Ads).
- WhatsApp's Status (Meta's "Create ad creatives with WhatsApp identity", updated 2026-06):
  ``publisher_platforms`` ``["whatsapp"]`` with ``whatsapp_positions`` ``["status"]``; "WhatsApp Status is
  available when Instagram Stories is also selected (instagram_positions: ["story"]). Standalone Status
  campaigns are not supported" — checked here. The SDK has ``whatsapp_positions`` and
  ``effective_whatsapp_positions`` (``list<string>``), and WHATSAPP among
  ``AdCampaignPlacementGet.EffectivePublisherPlatforms``. Which objectives, optimisation goals and
  destinations allow it ("compatible with the WhatsApp Status placement") is not listed there: unchecked.
- Unconfirmed: which positions each objective allows (Meta filters out the ones it does not, believed
  silently: ``effective_*_positions``), and the other co-selection rules public clients report (Threads with
  Instagram's stream, Messenger's sponsored messages alone, a Facebook story beside the feed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from midas_reconcile.spec._unique import check_unique
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    APP_DEVICES,
    AdGroupMeta,
    CampaignSpec,
    MetaOptions,
    MetaPositions,
    Objective,
    meta_ad_groups,
    placement_positions,
)

Add = Callable[[PathKey, str], None]


def check_meta_placements(add: Add, spec: CampaignSpec) -> None:
    """Each platform, position and device named once, where the campaign and its ad groups name them;
    WhatsApp's Status beside Instagram's stories; an app campaign's ad sets on mobile devices alone."""
    owners: list[tuple[PathKey, MetaOptions | AdGroupMeta]] = [(("spec", "meta"), spec.meta)]
    owners += [(("spec", "ad_groups", i, "meta"), group.meta) for i, group in meta_ad_groups(spec)]
    for path, meta in owners:
        placements = meta.placements
        if isinstance(placements, MetaPositions):
            for platform, positions in placements.by_platform().items():
                check_unique(add, (*path, "placements", platform), positions, f"{platform} position")
        elif placements is not None:
            check_unique(add, (*path, "placements"), placements, "placement")
        if placements is not None:
            _check_whatsapp_beside_instagram_stories(add, (*path, "placements"), placements)
        if meta.devices is not None:
            check_unique(add, (*path, "devices"), meta.devices, "device")
        app = spec.objective == Objective.APP_PROMOTION and spec.platforms.meta is not None
        if app and meta.devices and set(meta.devices) != set(APP_DEVICES):
            add(
                (*path, "devices"),
                f"found devices {list(meta.devices)} on an app_promotion campaign; expected "
                f"[{', '.join(APP_DEVICES)}] or none: Meta's app ads run on mobile devices alone "
                "(device_platforms [mobile])",
            )


def _check_whatsapp_beside_instagram_stories(
    add: Add, path: PathKey, placements: Sequence[str] | MetaPositions
) -> None:
    """Meta runs ads in WhatsApp's Status only where Instagram's stories are placed too."""
    positions = placement_positions(placements)
    if "whatsapp" not in positions:
        return
    instagram = positions.get("instagram")
    if instagram is not None and (not instagram or "story" in instagram):
        return
    named = "whatsapp" if isinstance(placements, MetaPositions) else placements.index("whatsapp")
    add(
        (*path, named),
        "found WhatsApp's Status without Instagram's story; expected instagram placed beside it with its "
        "story position (or all of its positions): Meta runs ads in WhatsApp Status only where Instagram "
        "Stories are selected too (standalone Status ads are not supported)",
    )
