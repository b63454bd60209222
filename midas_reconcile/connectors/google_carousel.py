"""A Demand Gen carousel ad (v26 DemandGenCarouselAdInfo) and its cards, carousel card assets (v26
DemandGenCarouselCardAsset), between MIDAS's normalised fields and Google's native objects.

Normalised, a carousel ad is ``type`` DEMAND_GEN_CAROUSEL_AD with ``name``, ``status``, ``business_name``,
``logo_images`` (its one logo's asset id, a list as every other ad's logos), ``headline``, ``description``,
``call_to_action_text`` when it has one, ``final_urls`` and ``cards``: per card, in order, a dict of its
``headline``, ``final_url`` (its asset's first final URL), ``marketing_image`` / ``square_marketing_image`` /
``portrait_marketing_image`` (image asset ids) and ``call_to_action_text``, each when present. A card is an
asset of its own: the connector makes one per card ahead of the ad (``card_asset_native``), and the ad
names them; reading, an ad's cards are their assets' resource names until those assets are read
(``card_of_asset``; an asset that is no carousel card stays its name).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from midas_reconcile.connectors.google_schema import (
    CAROUSEL_CARD_ASSET,
    CAROUSEL_CARD_IMAGES,
    DEMAND_GEN_CAROUSEL_AD_INFO,
)
from midas_reconcile.resources import GOOGLE_DEMAND_GEN_CAROUSEL_AD
from midas_reconcile.targeting.tables import last_segment

DEMAND_GEN_CAROUSEL_AD: Final = GOOGLE_DEMAND_GEN_CAROUSEL_AD
#: A card's image fields: normalised name → the card asset's field (a resource name).
_CARD_IMAGES: Final = {image.removesuffix("_asset"): image for image in CAROUSEL_CARD_IMAGES}


def carousel_ad_fields(info: Mapping[str, Any]) -> dict[str, Any]:
    """The normalised fields of a carousel ad's info (``ad.demand_gen_carousel_ad``) but its status, type
    and final URLs: its cards by their assets' resource names, in order."""
    fields: dict[str, Any] = {}
    if info.get("business_name"):
        fields["business_name"] = info["business_name"]
    if (logo := (info.get("logo_image") or {}).get("asset")) is not None:
        fields["logo_images"] = [last_segment(logo)]
    for part in ("headline", "description"):
        if (text := (info.get(part) or {}).get("text")) is not None:
            fields[part] = text
    if info.get("call_to_action_text"):
        fields["call_to_action_text"] = info["call_to_action_text"]
    if info.get("carousel_cards"):
        fields["cards"] = [card["asset"] for card in info["carousel_cards"]]
    return fields


def carousel_ad_native(cid: str, fields: Mapping[str, Any], cards: Sequence[str]) -> dict[str, Any]:
    """A carousel ad's native ``ad``, its cards the resource names ``cards`` (made before it), named as the
    other Demand Gen ads are (v26 ``Ad.name``, sent on create)."""
    info: dict[str, Any] = {
        "business_name": fields.get("business_name"),
        "headline": {"text": fields.get("headline")},
        "description": {"text": fields.get("description")},
        "carousel_cards": [{"asset": card} for card in cards],
    }
    if fields.get("logo_images"):
        info["logo_image"] = {"asset": f"customers/{cid}/assets/{fields['logo_images'][0]}"}
    if fields.get("call_to_action_text"):
        info["call_to_action_text"] = fields["call_to_action_text"]
    ad: dict[str, Any] = {"final_urls": list(fields.get("final_urls", [])), DEMAND_GEN_CAROUSEL_AD_INFO: info}
    if fields.get("name"):
        ad["name"] = fields["name"]
    return ad


def card_asset_native(cid: str, card: Mapping[str, Any]) -> dict[str, Any]:
    """The asset a card is (v26 Asset with a DemandGenCarouselCardAsset and the card's final URL)."""
    asset: dict[str, Any] = {"headline": card.get("headline")}
    for normal, native in _CARD_IMAGES.items():
        if card.get(normal):
            asset[native] = f"customers/{cid}/assets/{card[normal]}"
    if card.get("call_to_action_text"):
        asset["call_to_action_text"] = card["call_to_action_text"]
    return {CAROUSEL_CARD_ASSET: asset, "final_urls": [card["final_url"]] if card.get("final_url") else []}


def card_of_asset(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A carousel card asset row as a normalised card; None for an asset of another type."""
    asset = row.get(CAROUSEL_CARD_ASSET)
    if not asset:
        return None
    card: dict[str, Any] = {}
    if asset.get("headline"):
        card["headline"] = asset["headline"]
    if row.get("final_urls"):
        card["final_url"] = row["final_urls"][0]
    for normal, native in _CARD_IMAGES.items():
        if asset.get(native):
            card[normal] = last_segment(str(asset[native]))
    if asset.get("call_to_action_text"):
        card["call_to_action_text"] = asset["call_to_action_text"]
    return card
