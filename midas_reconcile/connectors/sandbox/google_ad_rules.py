"""The rules the simulator enforces on a Google ad (``ad_group_ad.ad``) as it is created.

Each campaign type runs its own ad type: responsive search ads in Search campaigns, responsive display ads in
Display campaigns, Demand Gen multi-asset or video responsive ads in Demand Gen campaigns, product ads in
Shopping campaigns, hotel ads in Hotel campaigns, app ads in app (MULTI_CHANNEL) campaigns. Every rule
raises ``OpError`` with the API's error code and the field path relative to the ad group ad.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final

from midas_reconcile.connectors.google_schema import (
    DEMAND_GEN_AD_IMAGES,
    DEMAND_GEN_AD_UNSENT_IMAGES,
    DEMAND_GEN_CAROUSEL_AD_INFO,
    DEMAND_GEN_PRODUCT_AD_INFO,
    DEMAND_GEN_VIDEO_AD_INFO,
    DEMAND_GEN_VIDEO_AD_MEDIA,
    DISPLAY_AD_IMAGES,
    OpError,
    check_collection_size,
)
from midas_reconcile.connectors.sandbox.google_carousel_rules import check_demand_gen_carousel_ad

#: Ad info sub-message → the ad's ``type`` (v26 AdTypeEnum).
AD_TYPES: Final = {
    "responsive_search_ad": "RESPONSIVE_SEARCH_AD",
    "responsive_display_ad": "RESPONSIVE_DISPLAY_AD",
    "demand_gen_multi_asset_ad": "DEMAND_GEN_MULTI_ASSET_AD",
    DEMAND_GEN_VIDEO_AD_INFO: "DEMAND_GEN_VIDEO_RESPONSIVE_AD",
    DEMAND_GEN_CAROUSEL_AD_INFO: "DEMAND_GEN_CAROUSEL_AD",
    DEMAND_GEN_PRODUCT_AD_INFO: "DEMAND_GEN_PRODUCT_AD",
    "app_ad": "APP_AD",
    "app_engagement_ad": "APP_ENGAGEMENT_AD",
    "app_pre_registration_ad": "APP_PRE_REGISTRATION_AD",
    # v26 ShoppingProductAdInfo has no fields: Google builds the ads from the Merchant Center feed.
    "shopping_product_ad": "SHOPPING_PRODUCT_AD",
    # v26 HotelAdInfo has no fields either: Google builds the ads from the Hotel Center feed.
    "hotel_ad": "HOTEL_AD",
    # v26 ExpandedDynamicSearchAdInfo: a dynamic ad group's ads (``google_dynamic_search_rules``).
    "expanded_dynamic_search_ad": "EXPANDED_DYNAMIC_SEARCH_AD",
}
#: The ad types each channel's ads may be (v26 AdvertisingChannelTypeEnum; AppAdInfo: app-campaigns/
#: create-ad-group, "If the sub type is APP_CAMPAIGN, use AppAdInfo"; ResponsiveDisplayAdInfo, the ads of
#: Display campaigns, v26 AdTypeEnum RESPONSIVE_DISPLAY_AD; a Demand Gen campaign's: developers.google.com/
#: google-ads/api/docs/demand-gen/overview lists its multi-asset, carousel, video responsive and product ads,
#: all four of which the sandbox creates, side by side
#: in one ad group as the SDK's example add_demand_gen_campaign.py puts a video ad in an untyped ad group).
#: Other channels are not checked: MIDAS creates none of their ads.
_CHANNEL_AD: Final = {
    "SEARCH": ("responsive_search_ad", "expanded_dynamic_search_ad"),
    "DISPLAY": ("responsive_display_ad",),
    "DEMAND_GEN": (
        "demand_gen_multi_asset_ad",
        DEMAND_GEN_VIDEO_AD_INFO,
        DEMAND_GEN_CAROUSEL_AD_INFO,
        DEMAND_GEN_PRODUCT_AD_INFO,
    ),
    "MULTI_CHANNEL": ("app_ad",),
    "SHOPPING": ("shopping_product_ad",),
    "HOTEL": ("hotel_ad",),
}
#: The ad type of each other app campaign sub type ("If the sub type is APP_CAMPAIGN_FOR_ENGAGEMENT, use
#: AppEngagementAdInfo. If the sub type is APP_CAMPAIGN_FOR_PRE_REGISTRATION, use AppPreRegistrationAdInfo":
#: app-campaigns/create-ad-group).
_SUB_TYPE_AD: Final = {
    "APP_CAMPAIGN_FOR_ENGAGEMENT": "app_engagement_ad",
    "APP_CAMPAIGN_FOR_PRE_REGISTRATION": "app_pre_registration_ad",
}
_RSA_LIMITS: Final = {"headlines": (3, 15, 30), "descriptions": (2, 4, 90)}
#: App ads (v26 AppAdInfo): (min, max, characters) of each text asset list. Google's help on app campaign
#: assets (support.google.com/google-ads/answer/6357595): headlines ≤ 30 characters, descriptions ≤ 90; up
#: to 5 of each. The same help page holds for app engagement and pre-registration ads (v26
#: AppEngagementAdInfo / AppPreRegistrationAdInfo state no limits of their own).
_APP_AD_LIMITS: Final = {"headlines": (1, 5, 30), "descriptions": (1, 5, 90)}
#: Responsive display ads (v26 ResponsiveDisplayAdInfo): headlines "maximum length is 30 characters. At
#: least 1 and max 5"; descriptions "maximum length is 90 characters. At least 1 and max 5".
_RDA_LIMITS: Final = {"headlines": (1, 5, 30), "descriptions": (1, 5, 90)}
#: ResponsiveDisplayAdInfo ``long_headline``: "A required long format headline. The maximum length is 90
#: characters"; ``business_name``: "Maximum display width is 25", and required (v26 AdErrorEnum
#: MISSING_BUSINESS_NAME, "Business name must be entered"; a responsive display ad's business name is
#: required in Google Ads' own ad editor).
RDA_LONG_HEADLINE_CHARS: Final = 90
RDA_BUSINESS_NAME_CHARS: Final = 25
#: ResponsiveDisplayAdInfo: at least one marketing image and one square marketing image, "Combined with
#: square_marketing_images, the maximum is 15"; logos: "Combined with square_logo_images, the maximum is 5";
#: "A maximum of 5 videos".
RDA_MARKETING_IMAGES_MAX: Final = 15
RDA_LOGO_IMAGES_MAX: Final = 5
_RDA_VIDEOS_MAX: Final = 5
#: Demand Gen multi-asset ads (v26 DemandGenMultiAssetAdInfo): headlines "Maximum display width is 30. At
#: least 1 and max 5"; descriptions "Maximum display width is 90. At least 1 and max 5"; marketing images of
#: every shape "the maximum is 20", a landscape one "Required if square_marketing_images is not present" (and
#: the other way round); logos "At least 1 and max 5"; classic display images "At most 20"; business name
#: "Maximum display width is 25. Required".
_DEMAND_GEN_LIMITS: Final = {"headlines": (1, 5, 30), "descriptions": (1, 5, 90)}
_DEMAND_GEN_MARKETING_IMAGES_MAX: Final = 20
_DEMAND_GEN_LOGOS: Final = (1, 5)
_DEMAND_GEN_CLASSIC_IMAGES_MAX: Final = 20
#: DemandGenVideoResponsiveAdInfo ``companion_banners``: "Currently, only a single value for the companion
#: banner asset is supported".
DEMAND_GEN_COMPANION_BANNERS_MAX: Final = 1


def check_ad(cid: str, group_id: str, channel: str | None, sub_type: str | None, ad: dict[str, Any]) -> str:
    """The ad's type (AdTypeEnum), checked against its ad group's campaign ``channel`` and ``sub_type``:
    responsive search ads run in Search campaigns, responsive display ads in Display campaigns, app ads in
    app campaigns (app engagement or pre-registration ads in those sub types)."""
    kinds = [k for k in AD_TYPES if k in ad]
    if len(kinds) != 1:
        raise OpError(
            "ad_error.INVALID_AD_TYPE",
            f"an ad needs exactly one ad type ({', '.join(AD_TYPES)})",
            "ad",
        )
    sub_type_ad = _SUB_TYPE_AD.get(str(sub_type))
    wanted = (sub_type_ad,) if sub_type_ad else _CHANNEL_AD.get(str(channel))
    if wanted is not None and kinds[0] not in wanted:
        campaign = f"{channel} ({sub_type})" if sub_type else channel
        raise OpError(
            "ad_error.INVALID_AD_TYPE",
            f"ad group {group_id} belongs to a {campaign} campaign, whose ads are {' or '.join(wanted)}, "
            f"not {kinds[0]}",
            f"ad.{kinds[0]}",
        )
    if kinds[0] in ("app_ad", *_SUB_TYPE_AD.values()):
        _check_app_ad(cid, kinds[0], ad)
    elif kinds[0] == "responsive_display_ad":
        _check_rda(cid, ad)
    elif kinds[0] == "demand_gen_multi_asset_ad":
        _check_demand_gen_ad(cid, ad)
    elif kinds[0] == DEMAND_GEN_VIDEO_AD_INFO:
        _check_demand_gen_video_ad(cid, ad)
    elif kinds[0] == DEMAND_GEN_CAROUSEL_AD_INFO:
        check_demand_gen_carousel_ad(ad)
    elif kinds[0] in (
        "shopping_product_ad",
        "hotel_ad",
        "expanded_dynamic_search_ad",
        DEMAND_GEN_PRODUCT_AD_INFO,
    ):
        # Nothing of its own to check here (a dynamic search ad's: ``google_dynamic_search_rules``; a Demand
        # Gen product ad's, with its campaign: ``google_product_ad_rules``).
        pass
    else:
        _check_rsa(ad)
    return AD_TYPES[kinds[0]]


def _check_texts(node: dict[str, Any], prefix: str, limits: Mapping[str, tuple[int, int, int]]) -> None:
    for part, (low, high, length) in limits.items():
        path = f"{prefix}.{part}"
        assets = node.get(part) or []
        if len(assets) < low:
            raise OpError("collection_size_error.TOO_FEW", f"{path} needs at least {low} items", path)
        if len(assets) > high:
            raise OpError("collection_size_error.TOO_MANY", f"{path} allows at most {high} items", path)
        for index, asset in enumerate(assets):
            _check_text(asset.get("text", ""), f"{path}[{index}]", length)


def _check_text(text: str, path: str, length: int) -> None:
    if not text.strip():
        raise OpError("string_length_error.EMPTY", f"{path} is empty", f"{path}.text")
    if len(text) > length:
        raise OpError(
            "string_length_error.TOO_LONG",
            f"{path} {text!r} is longer than {length} characters",
            f"{path}.text",
        )


def _check_app_ad(cid: str, info: str, ad: dict[str, Any]) -> None:
    """An app ad's (app engagement or pre-registration ad's) text assets and image assets; it has no final
    URLs: its ads send people to the app's store page."""
    _check_texts(ad[info], f"ad.{info}", _APP_AD_LIMITS)
    _check_assets(cid, ad[info], f"ad.{info}", ("images",))
    if ad.get("final_urls"):
        raise OpError(
            "ad_error.CANNOT_SET_URL",
            "an app ad has no final_urls: it sends people to the app's store page",
            "ad.final_urls",
        )


def _check_assets(cid: str, info: dict[str, Any], prefix: str, parts: tuple[str, ...]) -> None:
    """Each image (or video) of ``parts`` names an asset of the customer (the simulator keeps no image assets:
    not checked to exist or to have the right shape; videos are, ``check_ad_videos``)."""
    for part in parts:
        for index, image in enumerate(info.get(part) or []):
            if not re.fullmatch(rf"customers/{cid}/assets/\d+", image["asset"]):
                raise OpError(
                    "request_error.RESOURCE_NAME_MALFORMED",
                    f"{image['asset']!r} is not an asset of customer {cid} (customers/{cid}/assets/<id>)",
                    f"{prefix}.{part}[{index}].asset",
                )


def _check_rsa(ad: dict[str, Any]) -> None:
    rsa = ad.get("responsive_search_ad")
    if not isinstance(rsa, dict):
        raise OpError(
            "field_error.REQUIRED", "ad.responsive_search_ad is required", "ad.responsive_search_ad"
        )
    _check_texts(rsa, "ad.responsive_search_ad", _RSA_LIMITS)
    _require_final_urls(ad)
    for part in ("path1", "path2"):
        if len(rsa.get(part) or "") > 15:
            raise OpError(
                "string_length_error.TOO_LONG",
                f"{part} exceeds 15 characters",
                f"ad.responsive_search_ad.{part}",
            )
    if rsa.get("path2") and not rsa.get("path1"):
        raise OpError(
            "ad_error.CANNOT_SET_PATH2_WITHOUT_PATH1", "path2 needs path1", "ad.responsive_search_ad.path2"
        )


def _require_final_urls(ad: dict[str, Any]) -> None:
    if not ad.get("final_urls"):
        raise OpError("field_error.REQUIRED", "ad.final_urls is required", "ad.final_urls")


def _check_rda(cid: str, ad: dict[str, Any]) -> None:
    """A responsive display ad: its texts, business name, images (image assets of this customer) and final
    URLs, per v26 ResponsiveDisplayAdInfo."""
    prefix = "ad.responsive_display_ad"
    rda = ad["responsive_display_ad"]
    _check_texts(rda, prefix, _RDA_LIMITS)
    long_headline = rda.get("long_headline") or {}
    if not long_headline.get("text"):
        raise OpError(
            "field_error.REQUIRED", f"{prefix}.long_headline is required", f"{prefix}.long_headline"
        )
    _check_text(long_headline["text"], f"{prefix}.long_headline", RDA_LONG_HEADLINE_CHARS)
    _check_business_name(rda, prefix)
    _check_assets(cid, rda, prefix, (*DISPLAY_AD_IMAGES, "youtube_videos"))
    for part in ("marketing_images", "square_marketing_images"):
        if not rda.get(part):
            raise OpError(
                "collection_size_error.TOO_FEW", f"{prefix}.{part} needs at least 1 image", f"{prefix}.{part}"
            )
    _check_at_most(
        rda,
        prefix,
        (
            (("marketing_images", "square_marketing_images"), RDA_MARKETING_IMAGES_MAX),
            (("logo_images", "square_logo_images"), RDA_LOGO_IMAGES_MAX),
            (("youtube_videos",), _RDA_VIDEOS_MAX),
        ),
    )
    _require_final_urls(ad)


def _check_business_name(node: dict[str, Any], prefix: str) -> None:
    business = node.get("business_name") or ""
    if isinstance(business, dict):  # a Demand Gen video responsive ad's AdTextAsset
        business = business.get("text") or ""
    if not business.strip():
        raise OpError(
            "ad_error.MISSING_BUSINESS_NAME", "business_name is required", f"{prefix}.business_name"
        )
    if len(business) > RDA_BUSINESS_NAME_CHARS:
        raise OpError(
            "string_length_error.TOO_LONG",
            f"business_name {business!r} is longer than {RDA_BUSINESS_NAME_CHARS} characters",
            f"{prefix}.business_name",
        )


def _check_demand_gen_ad(cid: str, ad: dict[str, Any]) -> None:
    """A Demand Gen multi-asset ad: its texts, business name, images and final URLs, per v26
    DemandGenMultiAssetAdInfo (``_DEMAND_GEN_LIMITS``). Which codes Google answers a missing or extra image
    with is not documented: collection_size_error TOO_FEW / TOO_MANY are the sandbox's choice, as for a
    responsive display ad."""
    prefix = "ad.demand_gen_multi_asset_ad"
    info = ad["demand_gen_multi_asset_ad"]
    _check_texts(info, prefix, _DEMAND_GEN_LIMITS)
    _check_business_name(info, prefix)
    _check_assets(cid, info, prefix, (*DEMAND_GEN_AD_IMAGES, *DEMAND_GEN_AD_UNSENT_IMAGES))
    if not info.get("marketing_images") and not info.get("square_marketing_images"):
        raise OpError(
            "collection_size_error.TOO_FEW",
            f"{prefix} needs a marketing_images or a square_marketing_images image",
            f"{prefix}.marketing_images",
        )
    check_collection_size(
        len(info.get("logo_images") or []), _DEMAND_GEN_LOGOS, f"{prefix}.logo_images", "images"
    )
    _check_at_most(
        info,
        prefix,
        (
            (DEMAND_GEN_AD_IMAGES[:4], _DEMAND_GEN_MARKETING_IMAGES_MAX),
            (DEMAND_GEN_AD_UNSENT_IMAGES, _DEMAND_GEN_CLASSIC_IMAGES_MAX),
        ),
    )
    _require_final_urls(ad)


def _check_demand_gen_video_ad(cid: str, ad: dict[str, Any]) -> None:
    """A Demand Gen video responsive ad, per v26 DemandGenVideoResponsiveAdInfo: its videos ("Required"; that
    they are YouTube video assets is ``check_ad_videos``'), business name ("Required"; held to the 25
    characters of Google's Demand Gen asset specs, support.google.com/google-ads/answer/13704860), logos
    ("Required"), at most one companion banner ("only a single value ... is supported") and final URLs.
    v26 and Google's pages found document no count or length of its texts, videos, logos or breadcrumbs:
    the sandbox checks none (the codes for a missing or extra asset are the sandbox's choice, as for a
    multi-asset ad)."""
    prefix = f"ad.{DEMAND_GEN_VIDEO_AD_INFO}"
    info = ad[DEMAND_GEN_VIDEO_AD_INFO]
    _check_business_name(info, prefix)
    _check_assets(cid, info, prefix, DEMAND_GEN_VIDEO_AD_MEDIA)
    for part in ("videos", "logo_images"):
        if not info.get(part):
            raise OpError(
                "collection_size_error.TOO_FEW", f"{prefix}.{part} needs at least 1 item", f"{prefix}.{part}"
            )
    _check_at_most(info, prefix, ((("companion_banners",), DEMAND_GEN_COMPANION_BANNERS_MAX),))
    _require_final_urls(ad)


def _check_at_most(
    node: dict[str, Any], prefix: str, limits: tuple[tuple[tuple[str, ...], int], ...]
) -> None:
    """At most ``most`` assets in the lists ``parts`` together, for each ``(parts, most)`` of ``limits``."""
    for parts, most in limits:
        if sum(len(node.get(p) or []) for p in parts) > most:
            raise OpError(
                "collection_size_error.TOO_MANY",
                f"{' and '.join(parts)} allow at most {most} together",
                f"{prefix}.{parts[-1]}",
            )
