"""A Demand Gen product ad (v26 DemandGenProductAdInfo) and its campaign's Merchant Center link, between
MIDAS's normalised fields and Google's native objects.

Normalised, a product ad is ``type`` DEMAND_GEN_PRODUCT_AD with ``name``, ``status``, ``business_name``,
``logo_images`` (its one logo's asset id, a list as every other ad's logos), ``headline``, ``description``,
``breadcrumb1`` / ``breadcrumb2`` when it has them, ``call_to_actions`` (its one call to action asset's
CallToActionType, made by the connector with the ad as a video responsive ad's) and ``final_urls``: its
headline, description and business name are AdTextAssets natively (``{"text": …}``), its logo an
AdImageAsset. Its products are the Merchant
Center feed's, which the campaign's native ``shopping_setting`` names: normalised as the campaign's
``demand_gen_shopping_setting`` (``demand_gen_setting_of``), a name of its own so that it updates in place
where a Shopping campaign's account is immutable.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from midas_reconcile.connectors.google_schema import DEMAND_GEN_PRODUCT_AD_INFO
from midas_reconcile.resources import GOOGLE_DEMAND_GEN_PRODUCT_AD
from midas_reconcile.targeting.tables import last_segment

DEMAND_GEN_PRODUCT_AD: Final = GOOGLE_DEMAND_GEN_PRODUCT_AD
_TEXTS: Final = ("business_name", "headline", "description")
_BREADCRUMBS: Final = ("breadcrumb1", "breadcrumb2")


def product_ad_fields(info: Mapping[str, Any]) -> dict[str, Any]:
    """The normalised fields of a product ad's info (``ad.demand_gen_product_ad``) but its status, type and
    final URLs."""
    fields: dict[str, Any] = {}
    for part in _TEXTS:
        if (text := (info.get(part) or {}).get("text")) is not None:
            fields[part] = text
    if (logo := (info.get("logo_image") or {}).get("asset")) is not None:
        fields["logo_images"] = [last_segment(logo)]
    fields.update({part: info[part] for part in _BREADCRUMBS if info.get(part)})
    if (action := (info.get("call_to_action") or {}).get("asset")) is not None:
        # By asset, as a video responsive ad's, until ``LiveReader._video_assets`` reads its type.
        fields["call_to_actions"] = [str(action)]
    return fields


def product_ad_native(cid: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """A product ad's native ``ad`` (its URL options and call to action asset are the caller's), named as the
    other Demand Gen ads are (v26 ``Ad.name``, sent on create)."""
    info: dict[str, Any] = {part: {"text": fields.get(part)} for part in _TEXTS}
    if fields.get("logo_images"):
        info["logo_image"] = {"asset": f"customers/{cid}/assets/{fields['logo_images'][0]}"}
    info.update({part: fields[part] for part in _BREADCRUMBS if fields.get(part)})
    ad: dict[str, Any] = {"final_urls": list(fields.get("final_urls", [])), DEMAND_GEN_PRODUCT_AD_INFO: info}
    if fields.get("name"):
        ad["name"] = fields["name"]
    return ad


def demand_gen_setting_of(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A Demand Gen campaign row's ``demand_gen_shopping_setting`` (its Merchant Center account, an int, and
    its feed label when set), or None when it names no account."""
    setting = row.get("shopping_setting") or {}
    if not setting.get("merchant_id"):
        return None
    fields: dict[str, Any] = {"merchant_id": int(setting["merchant_id"])}
    if setting.get("feed_label"):
        fields["feed_label"] = str(setting["feed_label"])
    return fields
