"""The rules the simulator enforces on a Demand Gen carousel ad and the carousel card assets it shows.

v26 DemandGenCarouselAdInfo: a business name, a logo image, a headline and a description ("Required"), an
optional call to action text, and 2 to 10 carousel cards ("Required ... Min 2 max 10"), each an asset of
its own (v26 DemandGenCarouselCardAsset: a headline, "Required"; a 1.91:1 or a square marketing image, "Either
this image, or the square marketing image, or both, is required", of an existing image asset: "Temporary IDs
are not supported"; an optional portrait image and call to action text). A card's final URL is its asset's
(v26 Asset.final_urls); whether Google requires one is not documented: the sandbox does, as Google's
carousel editor asks each card for one (unconfirmed). The codes for a missing or extra part are the
sandbox's choice where v26 documents none, as for the other Demand Gen ads.
"""

from __future__ import annotations

import re
from typing import Any, Final

from midas_reconcile.connectors.google_schema import (
    CAROUSEL_CARD_ASSET,
    CAROUSEL_CARD_IMAGES,
    DEMAND_GEN_CAROUSEL_AD_INFO,
    OpError,
    check_collection_size,
)
from midas_reconcile.connectors.sandbox.world import Txn
from midas_reconcile.resources import GOOGLE

#: "Min 2 max 10" carousel cards (v26 DemandGenCarouselAdInfo ``carousel_cards``).
CAROUSEL_CARDS: Final = (2, 10)


def create_carousel_card_asset(txn: Txn, cid: str, data: dict[str, Any], new_id: str) -> dict[str, Any]:
    """A carousel card asset (a new one each time: whether Google deduplicates them is not documented):
    its headline, a landscape or square image of an existing image asset of the customer, a final URL."""
    card = data.get(CAROUSEL_CARD_ASSET) or {}
    if not str(card.get("headline") or "").strip():
        raise OpError(
            "field_error.REQUIRED", "a carousel card needs its headline", f"{CAROUSEL_CARD_ASSET}.headline"
        )
    if not card.get(CAROUSEL_CARD_IMAGES[0]) and not card.get(CAROUSEL_CARD_IMAGES[1]):
        raise OpError(
            "field_error.REQUIRED",
            "a carousel card needs a marketing_image_asset or a square_marketing_image_asset",
            f"{CAROUSEL_CARD_ASSET}.{CAROUSEL_CARD_IMAGES[0]}",
        )
    for part in CAROUSEL_CARD_IMAGES:
        if (image := card.get(part)) and not re.fullmatch(rf"customers/{cid}/assets/\d+", str(image)):
            raise OpError(
                "request_error.RESOURCE_NAME_MALFORMED",
                f"{image!r} is not an existing asset of customer {cid} (temporary ids are not supported)",
                f"{CAROUSEL_CARD_ASSET}.{part}",
            )
    if not data.get("final_urls"):
        raise OpError("field_error.REQUIRED", "a carousel card needs its final_urls", "final_urls")
    data.update(resource_name=f"customers/{cid}/assets/{new_id}", id=new_id, type="DEMAND_GEN_CAROUSEL_CARD")
    txn.put(GOOGLE, cid, "asset", new_id, data, parent=None, name=None, status="ENABLED")
    return data


def check_demand_gen_carousel_ad(ad: dict[str, Any]) -> None:
    """A Demand Gen carousel ad's required parts and its number of cards (that each is a carousel card
    asset is ``google_asset_group_rules.check_ad_videos``')."""
    prefix = f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}"
    info = ad[DEMAND_GEN_CAROUSEL_AD_INFO]
    if not str(info.get("business_name") or "").strip():
        raise OpError(
            "ad_error.MISSING_BUSINESS_NAME", "business_name is required", f"{prefix}.business_name"
        )
    if not (info.get("logo_image") or {}).get("asset"):
        raise OpError("field_error.REQUIRED", f"{prefix}.logo_image is required", f"{prefix}.logo_image")
    for part in ("headline", "description"):
        if not str((info.get(part) or {}).get("text") or "").strip():
            raise OpError("field_error.REQUIRED", f"{prefix}.{part} is required", f"{prefix}.{part}")
    check_collection_size(
        len(info.get("carousel_cards") or []), CAROUSEL_CARDS, f"{prefix}.carousel_cards", "cards"
    )
    if not ad.get("final_urls"):
        raise OpError("field_error.REQUIRED", "ad.final_urls is required", "ad.final_urls")
