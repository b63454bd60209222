"""The Google Ads API resources MIDAS manages: native field names, enums, mutability, errors.

The sandbox simulator enforces it; the SDK connector reads with it (every GAQL SELECT list comes from
``RESOURCE_TYPES``) and writes with it.

Objects are dicts in the API's own snake_case field names (as ``MessageToDict(...,
preserving_proto_field_name=True)`` gives them), e.g. a campaign::

    {"resource_name": "customers/1234567890/campaigns/10000000002", "id": "10000000002",
     "name": "spring-sale", "status": "ENABLED", "advertising_channel_type": "SEARCH",
     "campaign_budget": "customers/1234567890/campaignBudgets/10000000001",
     "network_settings": {"target_google_search": true}, "maximize_conversions": {},
     "bidding_strategy_type": "MAXIMIZE_CONVERSIONS", "labels": ["customers/1234567890/labels/7"]}

``RESOURCE_TYPES`` lists, per type, every settable leaf path (dotted through sub-messages), which of
them are immutable, the sub-message paths (a field mask naming one fails with ``FIELD_HAS_SUBFIELDS``)
and the output-only fields the server fills.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from midas_reconcile.connectors.google_ad_schedule import DAYS_OF_WEEK, MINUTES_OF_HOUR
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import GOOGLE, GOOGLE_DISPLAY_AD_UNSENT, keyword_identity

#: Operations allowed in one GoogleAdsService.Mutate request.
#: A write whose reply never came (a deadline, a dropped connection after sending): its outcome is unknown.
OUTCOME_UNKNOWN: Final = "midas.OUTCOME_UNKNOWN"
MAX_OPERATIONS_PER_REQUEST: Final = 10_000
BUDGET_STEP_MICROS: Final = 10_000

LeafKind = Literal[
    "str",
    "int",
    "bool",
    "float",
    "enum",
    "resource",
    "strings",
    "text_assets",
    "text_asset",
    "media_assets",
    "target_restrictions",
    "custom_parameters",
    "webpage_conditions",
]
#: Targeting dimensions of an ad group's ``targeting_setting.target_restrictions``.
TARGETING_DIMENSIONS: Final = frozenset(
    {"KEYWORD", "AUDIENCE", "TOPIC", "GENDER", "AGE_RANGE", "PLACEMENT", "PARENTAL_STATUS", "INCOME_RANGE"}
)


@dataclass(frozen=True)
class Leaf:
    """One settable field: its value kind, whether an update may change it, enum values, target."""

    kind: LeafKind
    mutable: bool = True
    values: frozenset[str] = frozenset()
    #: For ``resource`` leaves: the collection the resource name must point into.
    collection: str = ""


@dataclass(frozen=True)
class ResourceType:
    """A Google Ads resource type as the simulator stores and mutates it."""

    name: str
    collection: str
    leaves: dict[str, Leaf]
    messages: frozenset[str] = frozenset()
    output_only: frozenset[str] = frozenset({"resource_name", "id"})
    #: The field naming the parent whose id prefixes a composite id (``{parent}~{child}``).
    parent_field: str = ""
    #: Removal sets status REMOVED (False: the link row is deleted).
    statusful: bool = True
    #: Whether an update may change a row that removal deletes (``statusful`` False): a link's may not (it is
    #: removed and made again), an ad group bid modifier's may (its ``bid_modifier``).
    updatable: bool = False

    @property
    def operation(self) -> str:
        return f"{self.name}_operation"


def _enum(*values: str, mutable: bool = True) -> Leaf:
    return Leaf("enum", mutable, frozenset(values))


#: v26 AdGroup.DemandGenAdGroupSettings.DemandGenChannelControls: a oneof of a channel_strategy
#: (DemandGenChannelStrategy ALL_CHANNELS or ALL_OWNED_AND_OPERATED_CHANNELS) and selected_channels, the
#: channels a Demand Gen ad group's advertiser picked (DemandGenSelectedChannels).
CHANNEL_CONTROLS: Final = "demand_gen_ad_group_settings.channel_controls"
DEMAND_GEN_CHANNELS: Final = (
    "youtube_in_stream",
    "youtube_in_feed",
    "youtube_shorts",
    "discover",
    "gmail",
    "display",
    "maps",
)


#: The Asset sub-message of a page of a Dynamic Search Ads page feed, and the AssetSetType of the feed.
PAGE_FEED_ASSET: Final = "page_feed_asset"
PAGE_FEED: Final = "PAGE_FEED"
STATUS_VALUES: Final = ("ENABLED", "PAUSED")
AGE_RANGES: Final = {
    "AGE_RANGE_18_24": "503001",
    "AGE_RANGE_25_34": "503002",
    "AGE_RANGE_35_44": "503003",
    "AGE_RANGE_45_54": "503004",
    "AGE_RANGE_55_64": "503005",
    "AGE_RANGE_65_UP": "503006",
    "AGE_RANGE_UNDETERMINED": "503999",
}
GENDERS: Final = {"MALE": "10", "FEMALE": "11", "UNDETERMINED": "20"}
MATCH_TYPES: Final = ("EXACT", "PHRASE", "BROAD")
#: An app ad's media (v26 AppAdInfo ``images``: AdImageAsset, ``youtube_videos``: AdVideoAsset,
#: ``html5_media_bundles``: AdMediaBundleAsset; each names an ``asset``).
APP_AD_MEDIA: Final = ("images", "youtube_videos", "html5_media_bundles")
#: The ads of the other app campaign kinds (v26 AppEngagementAdInfo, AppPreRegistrationAdInfo): their ad info
#: sub-message, and its videos (AdVideoAsset; MIDAS reads them and sends none). Both hold ``headlines``,
#: ``descriptions`` and ``images`` (AdImageAsset), which MIDAS sends.
APP_KIND_ADS: Final = {
    "APP_ENGAGEMENT_AD": ("app_engagement_ad", "videos"),
    "APP_PRE_REGISTRATION_AD": ("app_pre_registration_ad", "youtube_videos"),
}
#: A responsive display ad's images (v26 ResponsiveDisplayAdInfo, each an AdImageAsset naming an image
#: ``asset``): landscape (1.91:1) and square (1:1) marketing images, landscape (4:1) and square logos.
DISPLAY_AD_IMAGES: Final = (
    "marketing_images",
    "square_marketing_images",
    "logo_images",
    "square_logo_images",
)
#: The v26 AssetFieldType values an asset group links text assets as (the others MIDAS links are images).
ASSET_GROUP_TEXT_FIELDS: Final = ("HEADLINE", "LONG_HEADLINE", "DESCRIPTION", "BUSINESS_NAME")
#: The v26 AssetFieldType values of an asset group's links the API reads and writes: MIDAS manages its texts,
#: images, YouTube videos and call to action (``resources.GOOGLE_ASSET_GROUP_ASSETS``); portrait images and
#: media bundles it leaves alone, and says so on import (``importing.derive``).
ASSET_GROUP_FIELD_TYPES: Final = (
    *ASSET_GROUP_TEXT_FIELDS,
    "MARKETING_IMAGE",
    "SQUARE_MARKETING_IMAGE",
    "PORTRAIT_MARKETING_IMAGE",
    "LOGO",
    "LANDSCAPE_LOGO",
    "YOUTUBE_VIDEO",
    "CALL_TO_ACTION_SELECTION",
    "MEDIA_BUNDLE",
)
#: v26 CallToActionTypeEnum: what a call to action asset (v26 CallToActionAsset) says.
CALL_TO_ACTION_TYPES: Final = (
    "LEARN_MORE", "GET_QUOTE", "APPLY_NOW", "SIGN_UP", "CONTACT_US", "SUBSCRIBE", "DOWNLOAD", "BOOK_NOW",
    "SHOP_NOW", "BUY_NOW", "DONATE_NOW", "ORDER_NOW", "PLAY_NOW", "SEE_MORE", "START_NOW", "VISIT_SITE",
    "WATCH_NOW",
)  # fmt: skip
#: The v26 AssetFieldType values of a Performance Max campaign's brand assets, linked to the campaign when
#: its brand guidelines are on (``resources.GOOGLE_CAMPAIGN_BRAND_ASSETS``).
CAMPAIGN_BRAND_FIELD_TYPES: Final = ("BUSINESS_NAME", "LOGO", "LANDSCAPE_LOGO")
#: A Demand Gen multi-asset ad's images (v26 DemandGenMultiAssetAdInfo, each an AdImageAsset): landscape
#: (1.91:1), square, portrait (4:5) and tall portrait (9:16) marketing images, and square logos.
DEMAND_GEN_AD_IMAGES: Final = (
    "marketing_images",
    "square_marketing_images",
    "portrait_marketing_images",
    "tall_portrait_marketing_images",
    "logo_images",
)
#: The images of ``resources.GOOGLE_DEMAND_GEN_AD_UNSENT``, which MIDAS reads but never sends.
DEMAND_GEN_AD_UNSENT_IMAGES: Final = ("classic_display_images",)
#: A Demand Gen video responsive ad's sub-message of ``ad`` (v26 DemandGenVideoResponsiveAdInfo), and the
#: asset lists it holds (each entry names an ``asset``): YouTube videos (AdVideoAsset), square logos and
#: companion banners (AdImageAsset), and call to actions (AdCallToActionAsset, which MIDAS reads but never
#: sends).
DEMAND_GEN_VIDEO_AD_INFO: Final = "demand_gen_video_responsive_ad"
DEMAND_GEN_VIDEO_AD_IMAGES: Final = ("logo_images", "companion_banners")
DEMAND_GEN_VIDEO_AD_MEDIA: Final = ("videos", *DEMAND_GEN_VIDEO_AD_IMAGES, "call_to_actions")
#: A Demand Gen carousel ad's sub-message of ``ad`` (v26 DemandGenCarouselAdInfo), and the asset its cards
#: are (v26 Asset.demand_gen_carousel_card_asset, DemandGenCarouselCardAsset): its images by the resource
#: names of existing image assets ("Temporary IDs are not supported"), its headline and call to action
#: text; a card's final URL is the asset's ``final_urls``.
DEMAND_GEN_CAROUSEL_AD_INFO: Final = "demand_gen_carousel_ad"
CAROUSEL_CARD_ASSET: Final = "demand_gen_carousel_card_asset"
#: A Demand Gen product ad's sub-message of ``ad`` (v26 DemandGenProductAdInfo): its headline, description
#: and business name are AdTextAssets, its logo one AdImageAsset, its breadcrumbs strings.
DEMAND_GEN_PRODUCT_AD_INFO: Final = "demand_gen_product_ad"
CAROUSEL_CARD_IMAGES: Final = (
    "marketing_image_asset",
    "square_marketing_image_asset",
    "portrait_marketing_image_asset",
)
#: ``resources.GOOGLE_DISPLAY_AD_UNSENT`` as v26 ResponsiveDisplayAdInfo holds them: texts and colors
#: (strings), ``allow_flexible_color`` (an optional bool, "The default value is true"), ``format_setting``
#: (DisplayAdFormatSettingEnum, "Default is ALL_FORMATS") and the creative controls of ``control_spec``
#: (ResponsiveDisplayAdControlSpec: plain proto3 bools, so set only when true).
DISPLAY_AD_TEXT_OPTIONS: Final = GOOGLE_DISPLAY_AD_UNSENT[:5]
DISPLAY_AD_FORMATS: Final = ("ALL_FORMATS", "NON_NATIVE", "NATIVE")
DISPLAY_AD_CONTROLS: Final = ("enable_asset_enhancements", "enable_autogen_video")
#: google-ads v26 AdvertisingChannelSubTypeEnum: the sub types of MULTI_CHANNEL (app) campaigns.
APP_SUB_TYPES: Final = ("APP_CAMPAIGN", "APP_CAMPAIGN_FOR_ENGAGEMENT", "APP_CAMPAIGN_FOR_PRE_REGISTRATION")
#: google-ads v26 AppCampaignAppStoreEnum.
APP_STORES: Final = ("APPLE_APP_STORE", "GOOGLE_APP_STORE")
#: google-ads v26 AppCampaignBiddingStrategyGoalTypeEnum → the bidding scheme the create-campaign guide
#: (developers.google.com/google-ads/api/docs/app-campaigns/create-campaign, step 6) pairs with it: target
#: based goals (target CPA, target cost per install) set ``target_cpa``, target ROAS ``target_roas``; goals
#: without a target set ``maximize_conversions``, or ``maximize_conversion_value`` without a target ROAS.
APP_GOAL_SCHEMES: Final = {
    "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST": "target_cpa",
    "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST": "target_cpa",
    "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST": "target_cpa",
    "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND": "target_roas",
    "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME": "maximize_conversions",
    "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST": "maximize_conversions",
    "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA": "maximize_conversions",
    "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS": "maximize_conversion_value",
}
#: The goals each app campaign sub type bids for, as ``spec.models.APP_KIND_GOALS`` says per kind (where its
#: comment says what is documented: pre-registration's one goal is; engagement's list is MIDAS's reading).
APP_SUB_TYPE_GOALS: Final = {
    "APP_CAMPAIGN": frozenset(APP_GOAL_SCHEMES) - {"OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME"},
    "APP_CAMPAIGN_FOR_ENGAGEMENT": frozenset(
        {
            "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
            "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA",
            "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND",
            "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS",
        }
    ),
    "APP_CAMPAIGN_FOR_PRE_REGISTRATION": frozenset({"OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME"}),
}
#: google-ads v26 AdGroupTypeEnum values MIDAS knows.
AD_GROUP_TYPES: Final = (
    "SEARCH_STANDARD",
    "DISPLAY_STANDARD",
    "SHOPPING_PRODUCT_ADS",
    "VIDEO_TRUE_VIEW_IN_STREAM",
    "HOTEL_ADS",
    "SEARCH_DYNAMIC_ADS",
)
EU_POLITICAL: Final = ("CONTAINS_EU_POLITICAL_ADVERTISING", "DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING")

#: Bidding sub-messages (a oneof: setting one clears the others) → ``bidding_strategy_type``.
BIDDING_SCHEMES: Final = {
    "manual_cpc": "MANUAL_CPC",
    "maximize_conversions": "MAXIMIZE_CONVERSIONS",
    "maximize_conversion_value": "MAXIMIZE_CONVERSION_VALUE",
    "target_cpa": "TARGET_CPA",
    "target_roas": "TARGET_ROAS",
    "target_spend": "TARGET_SPEND",
    "target_impression_share": "TARGET_IMPRESSION_SHARE",
    # A Hotel campaign's (v26 Campaign.percent_cpc, PercentCpc: ``spec._google_hotel``).
    "percent_cpc": "PERCENT_CPC",
}
#: Criterion sub-messages (a oneof) → criterion ``type``.
CRITERION_TYPES: Final = {
    "location": "LOCATION",
    "language": "LANGUAGE",
    "keyword": "KEYWORD",
    "age_range": "AGE_RANGE",
    "gender": "GENDER",
    "user_interest": "USER_INTEREST",
    "user_list": "USER_LIST",
    "listing_group": "LISTING_GROUP",
    "proximity": "PROXIMITY",
    "webpage": "WEBPAGE",
    "device": "DEVICE",
    "ad_schedule": "AD_SCHEDULE",
}
#: v26 DeviceEnum values a DEVICE criterion takes (``spec._google_devices``).
DEVICE_TYPES: Final = ("MOBILE", "TABLET", "DESKTOP", "CONNECTED_TV")
#: v26 DeviceEnum name → the id of its DEVICE criterion, in its resource name
#: ``customers/{cid}/campaignCriteria/{campaign id}~{criterion id}`` (``spec._google_devices``). 30001 for
#: mobile is Google's own (its SetBidModifier example, googleads/google-ads-java pull request #232); 30000
#: and 30002 are what a third party's read of an API-made Search campaign shows for desktop and tablet; 30004
#: for connected TV is believed (the AdWords API's platform id), not confirmed.
DEVICE_CRITERION_IDS: Final = {
    "DESKTOP": "30000",
    "MOBILE": "30001",
    "TABLET": "30002",
    "CONNECTED_TV": "30004",
}
#: The devices whose DEVICE criteria Google makes with a campaign, adjusting nothing
#: (``spec._google_devices``): not CONNECTED_TV, which that read of a Search campaign did not show.
HELD_DEVICES: Final = ("DESKTOP", "MOBILE", "TABLET")
#: v26 WebpageConditionOperandEnum and WebpageConditionOperatorEnum (a Dynamic Search Ads webpage target).
WEBPAGE_OPERANDS: Final = ("URL", "CATEGORY", "PAGE_TITLE", "PAGE_CONTENT", "CUSTOM_LABEL")
WEBPAGE_OPERATORS: Final = ("EQUALS", "CONTAINS")
#: v26 ProximityRadiusUnitsEnum.
PROXIMITY_RADIUS_UNITS: Final = ("MILES", "KILOMETERS")
#: v26 ListingGroupTypeEnum: a Shopping ad group's product groups are SUBDIVISION nodes (split by one
#: dimension) and UNIT leaves (biddable).
LISTING_GROUP_TYPES: Final = ("SUBDIVISION", "UNIT")
#: The v26 ListingDimensionInfo members a product group's case value is written in, and their leaves
#: (common/types/criteria.py: ProductBrandInfo.value, ProductItemIdInfo.value, ProductConditionInfo.condition,
#: ProductChannelInfo.channel, ProductCustomAttributeInfo value and index, ProductTypeInfo value and level,
#: ProductCategoryInfo category_id and level), all "Immutable" as ListingGroupInfo's are.
_LEVELS: Final = ("LEVEL1", "LEVEL2", "LEVEL3", "LEVEL4", "LEVEL5")
LISTING_DIMENSION_LEAVES: Final[dict[str, dict[str, Leaf]]] = {
    "product_brand": {"value": Leaf("str", mutable=False)},
    "product_item_id": {"value": Leaf("str", mutable=False)},
    "product_condition": {"condition": _enum("NEW", "REFURBISHED", "USED", mutable=False)},
    "product_channel": {"channel": _enum("ONLINE", "LOCAL", mutable=False)},
    "product_custom_attribute": {
        "value": Leaf("str", mutable=False),
        "index": _enum("INDEX0", "INDEX1", "INDEX2", "INDEX3", "INDEX4", mutable=False),
    },
    "product_type": {"value": Leaf("str", mutable=False), "level": _enum(*_LEVELS, mutable=False)},
    "product_category": {"category_id": Leaf("int", mutable=False), "level": _enum(*_LEVELS, mutable=False)},
}
LISTING_DIMENSIONS: Final = tuple(LISTING_DIMENSION_LEAVES)

_NETWORK: Final = {
    f"network_settings.{name}": Leaf("bool")
    for name in (
        "target_google_search",
        "target_search_network",
        "target_content_network",
        "target_partner_search_network",
    )
}
_BIDDING: Final = {
    "manual_cpc.enhanced_cpc_enabled": Leaf("bool"),
    "maximize_conversions.target_cpa_micros": Leaf("int"),
    "maximize_conversion_value.target_roas": Leaf("float"),
    "target_cpa.target_cpa_micros": Leaf("int"),
    "target_roas.target_roas": Leaf("float"),
    "target_spend.cpc_bid_ceiling_micros": Leaf("int"),
    "target_impression_share.location": _enum("ANYWHERE_ON_PAGE", "TOP_OF_PAGE", "ABSOLUTE_TOP_OF_PAGE"),
    "target_impression_share.location_fraction_micros": Leaf("int"),
    "target_impression_share.cpc_bid_ceiling_micros": Leaf("int"),
    "percent_cpc.cpc_bid_ceiling_micros": Leaf("int"),
    "percent_cpc.enhanced_cpc_enabled": Leaf("bool"),
}


#: The criterion kinds a campaign's criteria and an ad group's hold (v26 CampaignCriterion, AdGroupCriterion;
#: an ad group's product groups besides), from those both hold.
_BOTH_LEVELS_CRITERIA: Final = ("location", "language", "keyword", "age_range", "gender", "user_interest")
_CAMPAIGN_CRITERIA: Final = (*_BOTH_LEVELS_CRITERIA, "proximity", "device")
_AD_GROUP_CRITERIA: Final = (*_BOTH_LEVELS_CRITERIA, "user_list")
#: The messages nested in a criterion kind's message (v26 ProximityInfo's AddressInfo and GeoPointInfo).
_NESTED_CRITERION_MESSAGES: Final = {"proximity": ("proximity.address", "proximity.geo_point")}


def _criterion_messages(kinds: tuple[str, ...]) -> frozenset[str]:
    """The message fields of criteria of ``kinds``: each kind's, and those nested in it."""
    return frozenset({*kinds, *(m for kind in kinds for m in _NESTED_CRITERION_MESSAGES.get(kind, ()))})


def _criteria(*kinds: str) -> dict[str, Leaf]:
    leaves = {
        "location": {"location.geo_target_constant": Leaf("str", mutable=False)},
        "language": {"language.language_constant": Leaf("str", mutable=False)},
        "keyword": {
            "keyword.text": Leaf("str", mutable=False),
            "keyword.match_type": _enum(*MATCH_TYPES, mutable=False),
        },
        "age_range": {"age_range.type": _enum(*AGE_RANGES, mutable=False)},
        "gender": {"gender.type": _enum(*GENDERS, mutable=False)},
        "user_interest": {"user_interest.user_interest_category": Leaf("str", mutable=False)},
        "user_list": {"user_list.user_list": Leaf("str", mutable=False)},
        # v26 DeviceInfo (a campaign's device bid adjustment; its modifier is the criterion's bid_modifier).
        "device": {"device.type": _enum(*DEVICE_TYPES, mutable=False)},
        # v26 ProximityInfo: a radius (its units) around an address (geocoded by Google) or a geo point.
        "proximity": {
            "proximity.radius": Leaf("float", mutable=False),
            "proximity.radius_units": _enum(*PROXIMITY_RADIUS_UNITS, mutable=False),
            "proximity.address.city_name": Leaf("str", mutable=False),
            "proximity.address.province_code": Leaf("str", mutable=False),
            "proximity.address.country_code": Leaf("str", mutable=False),
            "proximity.address.street_address": Leaf("str", mutable=False),
            "proximity.address.postal_code": Leaf("str", mutable=False),
            "proximity.geo_point.latitude_in_micro_degrees": Leaf("int", mutable=False),
            "proximity.geo_point.longitude_in_micro_degrees": Leaf("int", mutable=False),
        },
    }
    return {path: leaf for kind in kinds for path, leaf in leaves[kind].items()}


#: The URL options of a campaign and an ad group (v26 Campaign, AdGroup): mutable.
#: ``url_custom_parameters`` is a list of v26 CustomParameter ``{key, value}``.
_URL_OPTIONS: Final = {
    "tracking_url_template": Leaf("str"),
    "final_url_suffix": Leaf("str"),
    "url_custom_parameters": Leaf("custom_parameters"),
}
_CRITERION_OUTPUT: Final = frozenset({"resource_name", "criterion_id", "type"})
#: A webpage criterion's leaves (v26 WebpageInfo: criterion_name and conditions "required for CREATE
#: operations and … prohibited on UPDATE operations").
_WEBPAGE: Final = {
    "webpage.criterion_name": Leaf("str", mutable=False),
    "webpage.conditions": Leaf("webpage_conditions", mutable=False),
}
#: A campaign's ad schedule slot (v26 AdScheduleInfo: every leaf "prohibited on UPDATE operations"), and the
#: bid adjustment a slot may carry (v26 CampaignCriterion.bid_modifier, 0.1–10.0; mutable):
#: ``connectors.google_ad_schedule``.
_AD_SCHEDULE: Final = {
    "ad_schedule.day_of_week": _enum(*DAYS_OF_WEEK, mutable=False),
    "ad_schedule.start_hour": Leaf("int", mutable=False),
    "ad_schedule.start_minute": _enum(*MINUTES_OF_HOUR, mutable=False),
    "ad_schedule.end_hour": Leaf("int", mutable=False),
    "ad_schedule.end_minute": _enum(*MINUTES_OF_HOUR, mutable=False),
    "bid_modifier": Leaf("float"),
}


def _link(
    name: str,
    collection: str,
    parent: tuple[str, str],
    other: tuple[str, str],
    output_only: frozenset[str] = frozenset({"resource_name"}),
) -> ResourceType:
    """A link ``name`` between its ``parent`` and an ``other`` resource (each: field, collection), both fixed
    at creation; removal deletes the row."""
    return ResourceType(
        name,
        collection,
        {
            parent[0]: Leaf("resource", mutable=False, collection=parent[1]),
            other[0]: Leaf("resource", mutable=False, collection=other[1]),
        },
        output_only=output_only,
        parent_field=parent[0],
        statusful=False,
    )


def _label_link(parent: str, collection: str, parent_collection: str) -> ResourceType:
    """A ``<parent>_label`` link: parent and label, both fixed at creation; removal deletes the row."""
    return _link(f"{parent}_label", collection, (parent, parent_collection), ("label", "labels"))


RESOURCE_TYPES: Final[dict[str, ResourceType]] = {
    t.name: t
    for t in (
        ResourceType(
            "campaign_budget",
            "campaignBudgets",
            {
                "name": Leaf("str"),
                "amount_micros": Leaf("int"),
                "total_amount_micros": Leaf("int"),
                "delivery_method": _enum("STANDARD", "ACCELERATED"),
                "explicitly_shared": Leaf("bool"),
                "period": _enum("DAILY", "CUSTOM_PERIOD", mutable=False),
            },
            output_only=frozenset({"resource_name", "id", "status"}),
        ),
        ResourceType(
            "campaign",
            "campaigns",
            {
                "name": Leaf("str"),
                "status": _enum(*STATUS_VALUES),
                "advertising_channel_type": _enum(
                    "SEARCH",
                    "DISPLAY",
                    "SHOPPING",
                    "VIDEO",
                    "MULTI_CHANNEL",
                    "PERFORMANCE_MAX",
                    "DEMAND_GEN",
                    "LOCAL",
                    "SMART",
                    "HOTEL",
                    "TRAVEL",
                    mutable=False,
                ),
                "advertising_channel_sub_type": _enum(*APP_SUB_TYPES, mutable=False),
                "app_campaign_setting.app_id": Leaf("str", mutable=False),
                "app_campaign_setting.app_store": _enum(*APP_STORES, mutable=False),
                "app_campaign_setting.bidding_strategy_goal_type": _enum(*APP_GOAL_SCHEMES),
                # v26 Campaign.SelectiveOptimization: the conversion actions an app campaign optimises for.
                "selective_optimization.conversion_actions": Leaf("strings"),
                # v26 Campaign.DemandGenCampaignSettings: "defaults to true, and can only be set when
                # creating a campaign" (with it, locations and languages are ad group criteria).
                "demand_gen_campaign_settings.upgraded_targeting": Leaf("bool", mutable=False),
                # v26 Campaign.brand_guidelines_enabled: "Writable only at campaign creation", on by default
                # for new Performance Max campaigns from v21; with it on, business name and logo must be
                # campaign assets (AssetLinkError BRAND_ASSETS_NOT_LINKED_AT_CAMPAIGN_LEVEL).
                "brand_guidelines_enabled": Leaf("bool", mutable=False),
                # v26 Campaign.ShoppingSetting: merchant_id "immutable for Shopping campaigns" (the sandbox's
                # rules refuse a Shopping campaign's change; a Demand Gen campaign's may be set later).
                "shopping_setting.merchant_id": Leaf("int"),
                "shopping_setting.feed_label": Leaf("str"),
                "shopping_setting.campaign_priority": Leaf("int"),
                "shopping_setting.enable_local": Leaf("bool"),
                # v26 Campaign.HotelSettingInfo: the Hotel Center account (not marked "Immutable").
                "hotel_setting.hotel_center_id": Leaf("int"),
                # v26 Campaign.DynamicSearchAdsSetting: domain_name and language_code "Required" (none is
                # marked "Immutable").
                "dynamic_search_ads_setting.domain_name": Leaf("str"),
                "dynamic_search_ads_setting.language_code": Leaf("str"),
                "dynamic_search_ads_setting.use_supplied_urls_only": Leaf("bool"),
                "campaign_budget": Leaf("resource", collection="campaignBudgets"),
                "start_date_time": Leaf("str"),
                "end_date_time": Leaf("str"),
                "contains_eu_political_advertising": _enum(*EU_POLITICAL),
                **_NETWORK,
                **_BIDDING,
                **_URL_OPTIONS,
            },
            messages=frozenset(
                {
                    "network_settings",
                    "app_campaign_setting",
                    "selective_optimization",
                    "demand_gen_campaign_settings",
                    "shopping_setting",
                    "hotel_setting",
                    "dynamic_search_ads_setting",
                    *BIDDING_SCHEMES,
                }
            ),
            output_only=frozenset({"resource_name", "id", "bidding_strategy_type", "labels"}),
        ),
        ResourceType(
            "ad_group",
            "adGroups",
            {
                "name": Leaf("str"),
                "status": _enum(*STATUS_VALUES),
                "type": _enum(*AD_GROUP_TYPES, mutable=False),
                "cpc_bid_micros": Leaf("int"),
                "percent_cpc_bid_micros": Leaf("int"),
                "target_cpa_micros": Leaf("int"),
                "target_roas": Leaf("float"),
                "targeting_setting.target_restrictions": Leaf("target_restrictions"),
                "campaign": Leaf("resource", mutable=False, collection="campaigns"),
                f"{CHANNEL_CONTROLS}.channel_strategy": _enum(
                    "ALL_CHANNELS", "ALL_OWNED_AND_OPERATED_CHANNELS"
                ),
                **{f"{CHANNEL_CONTROLS}.selected_channels.{c}": Leaf("bool") for c in DEMAND_GEN_CHANNELS},
                **_URL_OPTIONS,
            },
            messages=frozenset(
                {
                    "targeting_setting",
                    "demand_gen_ad_group_settings",
                    CHANNEL_CONTROLS,
                    f"{CHANNEL_CONTROLS}.selected_channels",
                }
            ),
            output_only=frozenset({"resource_name", "id", "labels"}),
        ),
        ResourceType(
            "campaign_criterion",
            "campaignCriteria",
            {
                "campaign": Leaf("resource", mutable=False, collection="campaigns"),
                "negative": Leaf("bool", mutable=False),
                # v26 CampaignCriterion.bid_modifier (a float): a device criterion's adjustment.
                "bid_modifier": Leaf("float"),
                **_criteria(*_CAMPAIGN_CRITERIA),
                # A Dynamic Search Ads campaign's excluded pages (negative v26 WebpageInfo, "Immutable").
                **_WEBPAGE,
                **_AD_SCHEDULE,
            },
            messages=_criterion_messages(_CAMPAIGN_CRITERIA) | {"webpage", "ad_schedule"},
            output_only=_CRITERION_OUTPUT | {"status"},
            parent_field="campaign",
        ),
        # An ad group's bid modifiers (v26 AdGroupBidModifier), which MIDAS writes: its device ones
        # (DeviceInfo, ``spec._google_ad_group_devices``) and a Hotel ad group's by booking
        # (``spec._google_hotel_bookings``). Removal deletes the row; an update changes the modifier (v26
        # AdGroupBidModifierOperation has create, update and remove).
        ResourceType(
            "ad_group_bid_modifier",
            "adGroupBidModifiers",
            {
                "ad_group": Leaf("resource", mutable=False, collection="adGroups"),
                "bid_modifier": Leaf("float"),
                "device.type": _enum(*DEVICE_TYPES, mutable=False),
                # A Hotel ad group's booking modifiers (``spec._google_hotel_bookings``): v26
                # StartDayOfWeekInfo, UserSetDatesInfo (DateSelectionType), LengthOfBookingInfo and
                # AdvanceBookingWindowInfo (int64 days), StartDateRangeInfo (YYYY-MM-DD dates); all Immutable.
                "start_day_of_week.day_of_week": _enum(*DAYS_OF_WEEK, mutable=False),
                "user_set_dates.type": _enum("DEFAULT_SELECTION", "USER_SELECTED", mutable=False),
                "length_of_booking.min_days": Leaf("int", mutable=False),
                "length_of_booking.max_days": Leaf("int", mutable=False),
                "advance_booking_window.min_days": Leaf("int", mutable=False),
                "advance_booking_window.max_days": Leaf("int", mutable=False),
                "start_date_range.start_date": Leaf("str", mutable=False),
                "start_date_range.end_date": Leaf("str", mutable=False),
            },
            messages=frozenset(
                {
                    "device",
                    "start_day_of_week",
                    "user_set_dates",
                    "length_of_booking",
                    "advance_booking_window",
                    "start_date_range",
                }
            ),
            output_only=frozenset({"resource_name", "criterion_id"}),
            parent_field="ad_group",
            statusful=False,
            updatable=True,
        ),
        ResourceType(
            "ad_group_criterion",
            "adGroupCriteria",
            {
                "ad_group": Leaf("resource", mutable=False, collection="adGroups"),
                "negative": Leaf("bool", mutable=False),
                "status": _enum(*STATUS_VALUES),
                "cpc_bid_micros": Leaf("int"),
                # v26 AdGroupCriterion.bid_modifier: read for a place's (a Demand Gen ad group's location),
                # which import names, as the spec language says none there (``spec._google_location_bids``).
                "bid_modifier": Leaf("float"),
                # A keyword's own landing pages and URL options (v26 AdGroupCriterion).
                "final_urls": Leaf("strings"),
                "final_mobile_urls": Leaf("strings"),
                **_URL_OPTIONS,
                # Locations and languages are a Demand Gen campaign's ad groups' (v26 upgraded_targeting).
                **_criteria(*_AD_GROUP_CRITERIA),
                # A Shopping ad group's product groups (v26 ListingGroupInfo; its fields are "Immutable").
                "listing_group.type": _enum(*LISTING_GROUP_TYPES, mutable=False),
                "listing_group.parent_ad_group_criterion": Leaf(
                    "resource", mutable=False, collection="adGroupCriteria"
                ),
                **{
                    f"listing_group.case_value.{dimension}.{leaf}": kind
                    for dimension, leaves in LISTING_DIMENSION_LEAVES.items()
                    for leaf, kind in leaves.items()
                },
                # A dynamic ad group's webpage targets and excluded pages.
                **_WEBPAGE,
            },
            messages=frozenset(
                {
                    *_criterion_messages(_AD_GROUP_CRITERIA),
                    "webpage",
                    "listing_group",
                    "listing_group.case_value",
                    *(f"listing_group.case_value.{dimension}" for dimension in LISTING_DIMENSIONS),
                }
            ),
            output_only=_CRITERION_OUTPUT,
            parent_field="ad_group",
        ),
        ResourceType(
            "ad_group_ad",
            "adGroupAds",
            {
                "ad_group": Leaf("resource", mutable=False, collection="adGroups"),
                "status": _enum(*STATUS_VALUES),
                "ad.name": Leaf("str", mutable=False),
                "ad.final_urls": Leaf("strings", mutable=False),
                # v26 Ad's URL options: a creative's ``url_parameters`` (the suffix) and its ``google``
                # tracking template, custom parameters and final mobile URLs.
                "ad.final_mobile_urls": Leaf("strings", mutable=False),
                **{f"ad.{option}": Leaf(leaf.kind, mutable=False) for option, leaf in _URL_OPTIONS.items()},
                "ad.responsive_search_ad.headlines": Leaf("text_assets", mutable=False),
                "ad.responsive_search_ad.descriptions": Leaf("text_assets", mutable=False),
                "ad.responsive_search_ad.path1": Leaf("str", mutable=False),
                "ad.responsive_search_ad.path2": Leaf("str", mutable=False),
                # An app campaign's ads (v26 AppAdInfo); MIDAS sends their text assets only, and reads
                # their media assets so that an ad carrying some is not taken for all there is.
                "ad.app_ad.headlines": Leaf("text_assets", mutable=False),
                "ad.app_ad.descriptions": Leaf("text_assets", mutable=False),
                **{f"ad.app_ad.{media}": Leaf("media_assets", mutable=False) for media in APP_AD_MEDIA},
                **{
                    f"ad.{info}.{part}": Leaf("text_assets", mutable=False)
                    for info, _videos in APP_KIND_ADS.values()
                    for part in ("headlines", "descriptions")
                },
                **{
                    f"ad.{info}.{media}": Leaf("media_assets", mutable=False)
                    for info, videos in APP_KIND_ADS.values()
                    for media in ("images", videos)
                },
                # A Display campaign's ads (v26 ResponsiveDisplayAdInfo): MIDAS sends the texts, the image
                # assets and the YouTube video assets, and reads the options it never sends
                # (``GOOGLE_DISPLAY_AD_UNSENT``) so that an ad carrying some is not taken for all there is.
                # ``long_headline`` is one AdTextAsset (a GAQL field of its own, as the repeated ones are).
                "ad.responsive_display_ad.headlines": Leaf("text_assets", mutable=False),
                "ad.responsive_display_ad.long_headline": Leaf("text_asset", mutable=False),
                "ad.responsive_display_ad.descriptions": Leaf("text_assets", mutable=False),
                "ad.responsive_display_ad.business_name": Leaf("str", mutable=False),
                **{
                    f"ad.responsive_display_ad.{images}": Leaf("media_assets", mutable=False)
                    for images in (*DISPLAY_AD_IMAGES, "youtube_videos")
                },
                **{
                    f"ad.responsive_display_ad.{option}": Leaf("str", mutable=False)
                    for option in DISPLAY_AD_TEXT_OPTIONS
                },
                "ad.responsive_display_ad.allow_flexible_color": Leaf("bool", mutable=False),
                "ad.responsive_display_ad.format_setting": _enum(*DISPLAY_AD_FORMATS, mutable=False),
                **{
                    f"ad.responsive_display_ad.control_spec.{control}": Leaf("bool", mutable=False)
                    for control in DISPLAY_AD_CONTROLS
                },
                # A Demand Gen campaign's ads (v26 DemandGenMultiAssetAdInfo): MIDAS sends the texts, the
                # business name, the call to action text and the images, and reads what it never sends.
                "ad.demand_gen_multi_asset_ad.headlines": Leaf("text_assets", mutable=False),
                "ad.demand_gen_multi_asset_ad.descriptions": Leaf("text_assets", mutable=False),
                "ad.demand_gen_multi_asset_ad.business_name": Leaf("str", mutable=False),
                "ad.demand_gen_multi_asset_ad.call_to_action_text": Leaf("str", mutable=False),
                **{
                    f"ad.demand_gen_multi_asset_ad.{images}": Leaf("media_assets", mutable=False)
                    for images in (*DEMAND_GEN_AD_IMAGES, *DEMAND_GEN_AD_UNSENT_IMAGES)
                },
                # A Demand Gen campaign's video ads (v26 DemandGenVideoResponsiveAdInfo): MIDAS sends all,
                # its call to action assets made with it. Its business name is one AdTextAsset.
                **{
                    f"ad.{DEMAND_GEN_VIDEO_AD_INFO}.{part}": Leaf("text_assets", mutable=False)
                    for part in ("headlines", "long_headlines", "descriptions")
                },
                f"ad.{DEMAND_GEN_VIDEO_AD_INFO}.business_name": Leaf("text_asset", mutable=False),
                **{
                    f"ad.{DEMAND_GEN_VIDEO_AD_INFO}.{part}": Leaf("str", mutable=False)
                    for part in ("breadcrumb1", "breadcrumb2")
                },
                **{
                    f"ad.{DEMAND_GEN_VIDEO_AD_INFO}.{media}": Leaf("media_assets", mutable=False)
                    for media in DEMAND_GEN_VIDEO_AD_MEDIA
                },
                # A Demand Gen campaign's carousel ads (v26 DemandGenCarouselAdInfo): one business name,
                # logo, headline and description, its cards (carousel card assets, in order).
                f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}.business_name": Leaf("str", mutable=False),
                f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}.logo_image.asset": Leaf("str", mutable=False),
                f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}.headline": Leaf("text_asset", mutable=False),
                f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}.description": Leaf("text_asset", mutable=False),
                f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}.call_to_action_text": Leaf("str", mutable=False),
                f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}.carousel_cards": Leaf("media_assets", mutable=False),
                # A Demand Gen campaign's product ads (v26 DemandGenProductAdInfo): one business name, logo,
                # headline and description, and two breadcrumbs; the products are the Merchant Center feed's.
                **{
                    f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}.{part}": Leaf("text_asset", mutable=False)
                    for part in ("business_name", "headline", "description")
                },
                f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}.logo_image.asset": Leaf("str", mutable=False),
                # Its call to action asset, which the connector makes in the ad's request (a temporary name).
                f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}.call_to_action.asset": Leaf(
                    "resource", mutable=False, collection="assets"
                ),
                **{
                    f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}.{part}": Leaf("str", mutable=False)
                    for part in ("breadcrumb1", "breadcrumb2")
                },
                # A dynamic ad group's ads (v26 ExpandedDynamicSearchAdInfo): Google writes the headline
                # and picks the final URL.
                "ad.expanded_dynamic_search_ad.description": Leaf("str", mutable=False),
                "ad.expanded_dynamic_search_ad.description2": Leaf("str", mutable=False),
            },
            messages=frozenset(
                {
                    "ad",
                    "ad.responsive_search_ad",
                    "ad.app_ad",
                    *(f"ad.{info}" for info, _videos in APP_KIND_ADS.values()),
                    "ad.responsive_display_ad",
                    "ad.responsive_display_ad.control_spec",
                    "ad.demand_gen_multi_asset_ad",
                    f"ad.{DEMAND_GEN_VIDEO_AD_INFO}",
                    f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}",
                    f"ad.{DEMAND_GEN_CAROUSEL_AD_INFO}.logo_image",
                    f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}",
                    f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}.logo_image",
                    f"ad.{DEMAND_GEN_PRODUCT_AD_INFO}.call_to_action",
                    # A Shopping ad group's product ad (v26 ShoppingProductAdInfo: no fields).
                    "ad.shopping_product_ad",
                    # A Hotel ad group's hotel ad (v26 HotelAdInfo: no fields).
                    "ad.hotel_ad",
                    "ad.expanded_dynamic_search_ad",
                }
            ),
            output_only=frozenset({"resource_name", "ad.id", "ad.type", "ad.resource_name"}),
            parent_field="ad_group",
        ),
        ResourceType(
            "label",
            "labels",
            {
                "name": Leaf("str"),
                "text_label.background_color": Leaf("str"),
                "text_label.description": Leaf("str"),
            },
            messages=frozenset({"text_label"}),
            output_only=frozenset({"resource_name", "id", "status"}),
        ),
        # A Performance Max campaign's asset groups (v26 AssetGroup; status ENABLED, PAUSED or REMOVED),
        # their assets (v26 Asset: MIDAS creates text and YouTube video assets, and names image assets by id)
        # and the links between them (v26 AssetGroupAsset: asset_group, asset and field_type are "Immutable").
        ResourceType(
            "asset_group",
            "assetGroups",
            {
                "campaign": Leaf("resource", mutable=False, collection="campaigns"),
                "name": Leaf("str"),
                "status": _enum(*STATUS_VALUES),
                "final_urls": Leaf("strings"),
                "path1": Leaf("str"),
                "path2": Leaf("str"),
            },
        ),
        ResourceType(
            "asset",
            "assets",
            {
                "text_asset.text": Leaf("str", mutable=False),
                "call_to_action_asset.call_to_action": _enum(*CALL_TO_ACTION_TYPES, mutable=False),
                # v26 YoutubeVideoAsset.youtube_video_id: "the 11 character string value used in the
                # YouTube video URL".
                "youtube_video_asset.youtube_video_id": Leaf("str", mutable=False),
                **{
                    f"{CAROUSEL_CARD_ASSET}.{part}": Leaf("str", mutable=False)
                    for part in (*CAROUSEL_CARD_IMAGES, "headline", "call_to_action_text")
                },
                # Where a carousel card sends people (v26 Asset.final_urls, a card's alone here).
                "final_urls": Leaf("strings", mutable=False),
                # A page of a Dynamic Search Ads page feed (v26 PageFeedAsset: page_url "Required", labels).
                # MIDAS makes another asset for a changed page rather than updating one.
                f"{PAGE_FEED_ASSET}.page_url": Leaf("str", mutable=False),
                f"{PAGE_FEED_ASSET}.labels": Leaf("strings", mutable=False),
            },
            messages=frozenset(
                {
                    "text_asset",
                    "call_to_action_asset",
                    "youtube_video_asset",
                    CAROUSEL_CARD_ASSET,
                    PAGE_FEED_ASSET,
                }
            ),
            output_only=frozenset({"resource_name", "id", "type"}),
            statusful=False,
        ),
        ResourceType(
            "asset_group_asset",
            "assetGroupAssets",
            {
                "asset_group": Leaf("resource", mutable=False, collection="assetGroups"),
                "asset": Leaf("resource", mutable=False, collection="assets"),
                "field_type": _enum(*ASSET_GROUP_FIELD_TYPES, mutable=False),
                "status": _enum(*STATUS_VALUES),
            },
            # v26 AssetGroupAsset.source (AssetSourceEnum): ADVERTISER, or AUTOMATICALLY_CREATED for links
            # Google makes itself (text asset automation, on by default for Performance Max).
            output_only=frozenset({"resource_name", "source"}),
            parent_field="asset_group",
        ),
        # A Performance Max campaign's brand assets with brand guidelines on (v26 CampaignAsset: campaign,
        # asset and field_type "Immutable"; id ``{campaign}~{asset}~{field type}``). A campaign has other
        # campaign assets (sitelinks, callouts …): MIDAS reads the brand ones of brand campaigns alone.
        ResourceType(
            "campaign_asset",
            "campaignAssets",
            {
                "campaign": Leaf("resource", mutable=False, collection="campaigns"),
                "asset": Leaf("resource", mutable=False, collection="assets"),
                "field_type": _enum(*CAMPAIGN_BRAND_FIELD_TYPES, mutable=False),
                "status": _enum(*STATUS_VALUES),
            },
            output_only=frozenset({"resource_name", "source"}),
            parent_field="campaign",
        ),
        # A Dynamic Search Ads campaign's page feed (developers.google.com/google-ads/api/docs/
        # dynamic-search-ads/dsa-page-feeds): an asset set of type PAGE_FEED (v26 AssetSet: name
        # "Required", type "Required. Immutable"), its page assets (v26 AssetSetAsset: asset_set and asset
        # "Immutable") and its link to the campaign (v26 CampaignAssetSet: campaign and asset_set
        # "Immutable"). Google marks a removed link REMOVED (its status is output only); the sandbox deletes
        # it, as it does other links. Asset sets of other types are not modelled.
        ResourceType(
            "asset_set",
            "assetSets",
            {"name": Leaf("str"), "type": _enum(PAGE_FEED, mutable=False)},
            output_only=frozenset({"resource_name", "id", "status"}),
        ),
        _link(
            "asset_set_asset",
            "assetSetAssets",
            ("asset_set", "assetSets"),
            ("asset", "assets"),
            output_only=frozenset({"resource_name", "status"}),
        ),
        _link(
            "campaign_asset_set",
            "campaignAssetSets",
            ("campaign", "campaigns"),
            ("asset_set", "assetSets"),
            output_only=frozenset({"resource_name", "status"}),
        ),
        _label_link("campaign", "campaignLabels", "campaigns"),
        _label_link("ad_group", "adGroupLabels", "adGroups"),
    )
}
BY_OPERATION: Final = {t.operation: t for t in RESOURCE_TYPES.values()}
BY_COLLECTION: Final = {t.collection: t for t in RESOURCE_TYPES.values()}


def keyword_criterion_id(text: str, match_type: str) -> str:
    """Google shares keyword criterion ids per text and match type; case and spacing do not matter."""
    digest = hashlib.sha256(f"{match_type}|{keyword_identity(text)}".encode()).digest()
    return str(100_000_000_000 + int.from_bytes(digest[:6], "big") % 900_000_000_000)


# --- errors -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoogleAdsError:
    """One error of a GoogleAdsFailure: ``code`` is ``<error_type>.<ENUM_NAME>``.

    ``field_path`` is relative to the operation (``create.name``); ``operation_index`` is the index
    of the failed operation in the request (None for request-level errors).
    """

    code: str
    message: str
    field_path: str = ""
    operation_index: int | None = None

    @property
    def location(self) -> str:
        """The API's field path: ``operations[3].create.name``."""
        if self.operation_index is None:
            return self.field_path
        return f"operations[{self.operation_index}]" + (f".{self.field_path}" if self.field_path else "")

    def to_permanent(self) -> PermanentError:
        return PermanentError(self.message, platform=GOOGLE, code=self.code, field=self.field_path)


class GoogleAdsFailure(PermanentError):
    """A rejected request: every error found, each with its operation index and field path."""

    def __init__(self, errors: list[GoogleAdsError]) -> None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(first.message + more, platform=GOOGLE, code=first.code, field=first.location)
        self.errors = errors


class OpError(Exception):
    """Raised inside the simulator for one failed operation; becomes a ``GoogleAdsError``."""

    def __init__(self, code: str, message: str, path: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path


def check_collection_size(found: int, bounds: tuple[int, int], path: str, what: str) -> None:
    """Google's collection size error unless ``found`` items (``what``: "cards", "images" …) at ``path`` are
    within ``bounds`` (least, most)."""
    low, high = bounds
    if not low <= found <= high:
        raise OpError(
            "collection_size_error.TOO_FEW" if found < low else "collection_size_error.TOO_MANY",
            f"{path} takes {low} to {high} {what}; found {found}",
            path,
        )


@dataclass
class MutateResponse:
    """``results[i]`` is the resource name of operation i, or None when it failed (partial failure)."""

    results: list[str | None]
    partial_failure_errors: list[GoogleAdsError] = field(default_factory=list)


# --- value helpers ----------------------------------------------------------------------------------


def flatten(obj: Any, type_: ResourceType, prefix: str = "") -> dict[str, Any]:
    """Leaf paths → values of a (partial) native object; raises OpError for unknown fields."""
    leaves: dict[str, Any] = {}
    if not isinstance(obj, dict):
        raise OpError("request_error.INVALID_INPUT", f"{prefix or 'resource'} must be a message")
    for key, value in obj.items():
        path = f"{prefix}{key}"
        if path in type_.messages:
            if value == {}:
                leaves[path] = {}  # an empty sub-message still counts: it selects a oneof member
            else:
                leaves.update(flatten(value, type_, f"{path}."))
        elif path in type_.leaves or path in type_.output_only:
            leaves[path] = value
        else:
            raise OpError(
                "request_error.UNRECOGNIZED_FIELD", f"unrecognized field {path!r} in {type_.name}", path
            )
    return leaves


def coerce(path: str, leaf: Leaf, value: Any) -> Any:
    """Check and normalise one leaf value (int64 may arrive as a decimal string, as in proto JSON)."""
    bad = OpError("field_error.INVALID_VALUE", f"invalid value {value!r} for {path}", path)
    if leaf.kind in ("str", "resource"):
        if not isinstance(value, str):
            raise bad
        return value
    if leaf.kind == "int":
        if isinstance(value, bool):
            raise bad
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        if isinstance(value, int):
            return value
        raise bad
    if leaf.kind == "bool":
        if not isinstance(value, bool):
            raise bad
        return value
    if leaf.kind == "float":
        if isinstance(value, bool):
            raise bad
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad from None
    if leaf.kind == "enum":
        if value not in leaf.values:
            raise OpError(
                "field_error.INVALID_VALUE",
                f"invalid value {value!r} for {path}; expected one of {', '.join(sorted(leaf.values))}",
                path,
            )
        return value
    if leaf.kind == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad
        return list(value)
    if leaf.kind == "target_restrictions":
        if not isinstance(value, list) or not all(
            isinstance(v, dict) and v.get("targeting_dimension") in TARGETING_DIMENSIONS for v in value
        ):
            raise bad
        return [
            {"targeting_dimension": v["targeting_dimension"], "bid_only": bool(v.get("bid_only"))}
            for v in value
        ]
    if leaf.kind == "custom_parameters":  # [{"key": …, "value": …}] (v26 CustomParameter)
        if not isinstance(value, list) or not all(
            isinstance(v, dict) and isinstance(v.get("key"), str) and isinstance(v.get("value", ""), str)
            for v in value
        ):
            raise bad
        return [{"key": v["key"], "value": v.get("value", "")} for v in value]
    if leaf.kind == "webpage_conditions":  # [{"operand": …, "operator": …, "argument": …}]
        return _webpage_conditions(path, value)
    if leaf.kind == "media_assets":  # [{"asset": "customers/…/assets/…"}]
        if not isinstance(value, list) or not all(
            isinstance(v, dict) and isinstance(v.get("asset"), str) for v in value
        ):
            raise bad
        return [{"asset": v["asset"]} for v in value]
    if leaf.kind == "text_asset":  # {"text": ...}
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise bad
        return dict(value)
    # text_assets: [{"text": ..., "pinned_field": ...}]
    if not isinstance(value, list) or not all(
        isinstance(v, dict) and isinstance(v.get("text"), str) for v in value
    ):
        raise bad
    return [dict(v) for v in value]


def _webpage_conditions(path: str, value: Any) -> list[dict[str, str]]:
    """A webpage criterion's conditions (v26 WebpageConditionInfo), checked as Google's CriterionError does:
    a known operand and operator (INVALID_WEBPAGE_CONDITION), an argument (a URL one:
    WEBPAGE_CONDITION_URL_CANNOT_BE_EMPTY)."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise OpError("field_error.INVALID_VALUE", f"invalid value {value!r} for {path}", path)
    out = []
    for index, condition in enumerate(value):
        where = f"{path}[{index}]"
        if (
            condition.get("operand") not in WEBPAGE_OPERANDS
            or condition.get("operator") not in WEBPAGE_OPERATORS
        ):
            raise OpError(
                "criterion_error.INVALID_WEBPAGE_CONDITION",
                f"{where} needs an operand of {', '.join(WEBPAGE_OPERANDS)} and an operator of "
                f"{', '.join(WEBPAGE_OPERATORS)}",
                where,
            )
        argument = condition.get("argument")
        if not isinstance(argument, str) or not argument.strip():
            code = (
                "criterion_error.WEBPAGE_CONDITION_URL_CANNOT_BE_EMPTY"
                if condition["operand"] == "URL"
                else "criterion_error.INVALID_WEBPAGE_CONDITION"
            )
            raise OpError(code, f"{where}.argument is empty", f"{where}.argument")
        out.append({"operand": condition["operand"], "operator": condition["operator"], "argument": argument})
    return out


def get_path(obj: dict[str, Any], path: str) -> Any:
    node: Any = obj
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def set_path(obj: dict[str, Any], path: str, value: Any) -> None:
    """Set (or with ``None`` clear) a dotted path, creating sub-messages as needed (a sub-message held as
    ``None`` is unset, as a console that cleared it holds it)."""
    parts = path.split(".")
    node = obj
    for part in parts[:-1]:
        if node.get(part) is None:
            node[part] = {}
        node = node[part]
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def unflatten(leaves: dict[str, Any]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for path, value in leaves.items():
        set_path(obj, path, value)
    return obj
