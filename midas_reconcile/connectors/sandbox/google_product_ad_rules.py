"""The rules the simulator enforces on a Demand Gen campaign's Merchant Center link and its product ads.

v26 DemandGenProductAdInfo: a headline, a description, a logo image and a business name ("Required"), two
optional breadcrumbs and an optional call to action asset. Its products are those of the Merchant Center
account the campaign's ShoppingSetting names (developers.google.com/google-ads/api/docs/demand-gen/
product-ads: "Associate a Google Merchant Center account with a Demand Gen campaign"): the sandbox refuses a
product ad in a Demand Gen campaign without one, with v26 campaign_error.MISSING_SHOPPING_SETTING (the code
is the sandbox's choice: v26 documents none for this case). A Demand Gen campaign's ShoppingSetting needs a
merchant id and a valid feed label, as a Shopping campaign's does; whether Google refuses a campaign
priority or local products on it is unconfirmed, and not checked. Like the other Demand Gen ads', a product
ad's final URLs are required here (unconfirmed for a product ad, whose products link to their own pages).
"""

from __future__ import annotations

from typing import Any

from midas_reconcile.connectors.google_schema import DEMAND_GEN_PRODUCT_AD_INFO, OpError
from midas_reconcile.connectors.sandbox.google_shopping_rules import check_feed_label


def check_demand_gen_shopping_setting(data: dict[str, Any]) -> None:
    """A Demand Gen campaign's ShoppingSetting, when it has one, as created or updated."""
    setting = data.get("shopping_setting")
    if not setting:
        return
    if not setting.get("merchant_id"):
        raise OpError(
            "campaign_error.MISSING_SHOPPING_SETTING",
            "a Demand Gen campaign's shopping_setting needs its merchant_id (the Merchant Center account)",
            "shopping_setting.merchant_id",
        )
    check_feed_label(setting)


def check_demand_gen_product_ad(ad: dict[str, Any], campaign: dict[str, Any] | None) -> None:
    """A Demand Gen product ad's required parts, and its campaign's Merchant Center account (``campaign``:
    the stored campaign's data, None when unknown)."""
    prefix = f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}"
    info = ad[DEMAND_GEN_PRODUCT_AD_INFO]
    for part in ("business_name", "headline", "description"):
        if not str((info.get(part) or {}).get("text") or "").strip():
            code = "ad_error.MISSING_BUSINESS_NAME" if part == "business_name" else "field_error.REQUIRED"
            raise OpError(code, f"{prefix}.{part} is required", f"{prefix}.{part}")
    if not (info.get("logo_image") or {}).get("asset"):
        raise OpError("field_error.REQUIRED", f"{prefix}.logo_image is required", f"{prefix}.logo_image")
    if not ad.get("final_urls"):
        raise OpError("field_error.REQUIRED", "ad.final_urls is required", "ad.final_urls")
    if campaign is not None and not (campaign.get("shopping_setting") or {}).get("merchant_id"):
        raise OpError(
            "campaign_error.MISSING_SHOPPING_SETTING",
            "a Demand Gen product ad shows the products of its campaign's Merchant Center account: the "
            "campaign has no shopping_setting.merchant_id",
            prefix,
        )
