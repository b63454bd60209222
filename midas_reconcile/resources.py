"""Address and Resource: the one shape that desired, live and recorded state share.

A ``Resource`` is a platform-native object (a Google campaign budget, a Meta ad set …) with its fields
already *normalised*: money in platform units (ints), enums as the platform's upper-case names, sets as
sorted lists, no server-set fields. The compiler produces desired resources in this shape, connectors
read live resources into it, and the store records it; the planner compares them without knowing which
side they came from.

Addresses are name-based so that they can be derived from live data alone: a Google ad group named
``main`` in the campaign ``spring-sale`` is ``ad_group/spring-sale/main@google`` whatever its id is.

Native field catalogue (every connector reads and writes exactly these; see ``FIELDS``):

Google Ads (platform ``google``)
  campaign_budget      path ``<campaign>``; refs none. A shared budget (``explicitly_shared``, kind
                       SharedBudget in the specs) is ``%shared/<budget name>`` (``shared_budget_path``):
                       a first segment no campaign name escapes to, so the two never meet
  campaign             path ``<campaign>``; refs ``campaign_budget``; a Performance Max campaign with brand
                       guidelines on holds its brand assets (``GOOGLE_CAMPAIGN_BRAND_ASSETS``), linked as
                       Asset + CampaignAsset rows; a Dynamic Search Ads campaign its ``page_feed``
                       (``page_feed_pages``), as Asset + AssetSet + AssetSetAsset + CampaignAssetSet rows
  campaign_criterion   path ``<campaign>/<criterion key>``; refs ``campaign``
  ad_group             path ``<campaign>/<ad group>``; refs ``campaign``
  ad_group_criterion   path ``<campaign>/<ad group>/<criterion key>``; refs ``ad_group``; a Shopping ad
                       group's product group tree is one resource at its root listing group,
                       ``listing_group:all-products`` (``listing_group_type`` UNIT with ``cpc_bid_micros``,
                       or SUBDIVISION with its ``partition``: ``connectors.google_listing_groups``); a
                       dynamic ad group's webpage target is ``webpage:<its name>`` (``type`` WEBPAGE),
                       an excluded page ``negative_webpage:<its name>``, as a DSA campaign's excluded page
                       (a campaign_criterion) is
  ad_group_ad          path ``<campaign>/<ad group>/<creative name>`` (Google keeps no name for most ads:
                       read at their ad id, a Demand Gen ad at its immutable name; the session names them
                       by record, ``ad_names``); refs ``ad_group``; a
                       responsive search ad (``type`` RESPONSIVE_SEARCH_AD: headlines, descriptions,
                       final_urls, paths), a responsive display ad (``type`` RESPONSIVE_DISPLAY_AD:
                       headlines, long_headline, descriptions, business_name, final_urls, image asset ids,
                       YouTube video ids),
                       a Demand Gen multi-asset ad (``type`` DEMAND_GEN_MULTI_ASSET_AD: headlines,
                       descriptions, business_name, final_urls, image asset ids), a Demand Gen video
                       responsive ad (``type`` DEMAND_GEN_VIDEO_RESPONSIVE_AD: those, long_headlines,
                       breadcrumb1/2, logo and companion banner asset ids, YouTube video ids as
                       ``youtube_videos``) or an app ad (``type``
                       APP_AD: headlines and descriptions; APP_ENGAGEMENT_AD and APP_PRE_REGISTRATION_AD:
                       those and image asset ids); a Shopping ad group's one product ad (``type``
                       SHOPPING_PRODUCT_AD, no fields but its status) is ``<ad group>/product-ad``, a
                       Hotel ad group's one hotel ad (``type`` HOTEL_AD) ``<ad group>/hotel-ad``; an
                       expanded dynamic search ad of a dynamic ad group (``type``
                       EXPANDED_DYNAMIC_SEARCH_AD: description, description2)
  ad_group_bid_modifier path ``<campaign>/<ad group>/device:<TYPE>``; refs ``ad_group``; an ad group's own
                       device bid adjustment (v26 AdGroupBidModifier with DeviceInfo: ``type`` DEVICE,
                       ``device``, ``bid_modifier``; ``spec._google_ad_group_devices``), or a Hotel ad group's
                       booking one at ``<ad group>/check_in_day:FRIDAY``, ``length_of_stay:1-3`` … (``type``
                       START_DAY_OF_WEEK …, its criterion's fields: ``spec._google_hotel_bookings``)
  asset_group          path ``<campaign>/<asset group>``; refs ``campaign``; a Performance Max campaign's
                       (v26 AssetGroup: name, status, final_urls, path1, path2) with its assets as fields
                       (``GOOGLE_ASSET_GROUP_ASSETS``): texts by their text, images by asset id, videos
                       by YouTube video id. Google links
                       them as Asset + AssetGroupAsset rows (``connectors.google_rows``)
Meta (platform ``meta``)
  campaign             path ``<campaign>``; refs none
  adset                path ``<campaign>/<ad set>``; refs ``campaign``; a budget only when its campaign has
                       none (ad set budgets); ``promoted_object`` only with what MIDAS compiles: the app
                       it promotes (``application_id``, ``object_store_url``), the pixel and event it
                       counts (``pixel_id``, ``custom_event_type``; a custom event's type OTHER with
                       ``custom_event_str``, its name; a ``pixel_rule`` narrowing it, JSON text compared
                       by meaning: ``meta_pixel_rule_text``) or the custom conversion it counts
                       (``custom_conversion_id``, alone), or of a click-to-message ad set (its
                       ``destination_type`` MESSENGER, WHATSAPP or INSTAGRAM_DIRECT) the Page people message
                       (``page_id``) and its WhatsApp number (``whatsapp_phone_number``); another page's is
                       not MIDAS's; immutable
  adcreative           path ``<campaign>/<ad set>/<ad name>``; refs none (immutable: replaced on change);
                       flat fields here, an ``object_story_spec`` on the wire (``connectors.meta_graph``);
                       a carousel's ``cards`` are a list of flat fields; a Page post's, ``object_story_id``
  ad                   path ``<campaign>/<ad set>/<ad name>``; refs ``adset``, ``creative``

Audiences (created before anything that targets them: ``Address.depth`` -1; see ``AUDIENCE_KIND``)
  user_list            Google Customer Match list; path ``<audience>``; refs none
  customaudience       Meta customer-file custom audience; path ``<audience>``; refs none
  Both carry ``members_digest`` and ``member_count``: the member set as a digest of its canonical keys
  (``audiences.members``). Members go up apart from the resource's fields (``UploadsMembers``).
  Reads return every audience of an account, whatever its type: those built outside MIDAS (remarketing
  lists, website or lookalike audiences) are only ever targeted, as ``existing: true`` Audience specs
  say (``Plan.existing``), never planned.

Targeting an audience (``targeting.audiences`` / ``exclude.audiences`` in the specs) names it in the
fields — a Google ``ad_group_criterion`` ``user_list`` (key ``user_list:<audience>``, excluded
``negative_user_list:<audience>``), the Meta ad set's ``targeting.custom_audiences`` /
``excluded_custom_audiences`` as sorted names — and refers to it by a ref named ``audience:<name>``
(``audience_ref``). Connectors put the audience's id on the wire from that ref and read ids back into
names (``connectors.audience_refs``). A Google ad group targeting audiences restricts its reach to them
(``audience_bid_only: false``: the ad group's AUDIENCE target restriction, not "observation").

Criterion keys are ``<type>:<value>`` in lower case type names: ``location:2840``, ``language:1000``,
``age_range:AGE_RANGE_18_24``, ``gender:MALE``, ``user_interest:92948``,
``keyword:EXACT:running shoes``, ``negative_keyword:PHRASE:free``, ``negative_age_range:AGE_RANGE_18_24``.
A keyword's key holds its text as ``keyword_identity`` reads it (case-folded, spaces collapsed).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

GOOGLE: Final = "google"
META: Final = "meta"
PLATFORMS: Final = (GOOGLE, META)

#: The marker that makes a live object MIDAS's to change (Google label name; Meta ad label name).
MANAGED_MARKER: Final = "midas-managed"
#: The spec digest MIDAS records for what it paused because its spec was removed: no spec stands behind
#: it, and a spec put back is then told from a console edit without the recorded fields.
REMOVED_DIGEST: Final = "removed-from-the-specs"

#: Kinds per platform in dependency order: parents first. Deletes run in reverse.
KIND_ORDER: Final[dict[str, tuple[str, ...]]] = {
    GOOGLE: (
        "campaign_budget",
        "campaign",
        "campaign_criterion",
        "ad_group",
        "ad_group_criterion",
        "ad_group_ad",
        # After ad_group_ad only so that stored depths stay put; it depends on the campaign alone.
        "asset_group",
        # Last for the same reason; it depends on its ad group alone.
        "ad_group_bid_modifier",
    ),
    META: ("campaign", "adset", "adcreative", "ad"),
}

#: The audience kind per platform: outside ``KIND_ORDER`` (whose kinds every connector reads as campaign
#: trees), ordered before all of them.
AUDIENCE_KIND: Final[dict[str, str]] = {GOOGLE: "user_list", META: "customaudience"}
#: Fields of an audience resource that stand for its members rather than being sent as fields.
MEMBER_FIELDS: Final = frozenset({"members_digest", "member_count"})
#: Refs named ``audience:<name>`` resolve an audience a field names to its id; they are sent with every
#: write that sends fields and are never fields of their own.
AUDIENCE_REF: Final = "audience:"
#: The fields of a Meta campaign or ad set that hold its budget (at most one is set).
META_BUDGET_FIELDS: Final = frozenset({"daily_budget", "lifetime_budget"})

#: The top-level kind whose marker every descendant inherits.
ROOT_KIND: Final = "campaign"
#: Per platform: the kind of its ad groups (Meta: ad sets), and the kinds addressed under one (itself
#: included) — what moves with an ad group renamed.
GROUP_KINDS: Final[dict[str, tuple[str, frozenset[str]]]] = {
    GOOGLE: (
        "ad_group",
        frozenset({"ad_group", "ad_group_criterion", "ad_group_ad", "ad_group_bid_modifier"}),
    ),
    META: ("adset", frozenset({"adset", "adcreative", "ad"})),
}

#: A Google ad's fields holding sets, whose order means nothing: its headlines and descriptions, a responsive
#: display, Demand Gen multi-asset, app engagement or pre-registration ad's images (asset ids), a responsive
#: display ad's YouTube videos (video ids), and an app ad's media, an app engagement or pre-registration ad's
#: videos (asset resource names) or a multi-asset ad's classic display images, which MIDAS reads but does
#: not send.
GOOGLE_AD_ASSET_SETS: Final = frozenset(
    {
        "headlines",
        "descriptions",
        "marketing_images",
        "square_marketing_images",
        "logo_images",
        "square_logo_images",
        "portrait_marketing_images",
        "tall_portrait_marketing_images",
        "classic_display_images",
        "images",
        "videos",
        "youtube_videos",
        "html5_media_bundles",
        # A Demand Gen video responsive ad's long headlines, companion banners (asset ids) and call to
        # action assets (by CallToActionType, the assets' resource names when they are none).
        "long_headlines",
        "companion_banners",
        "call_to_actions",
    }
)
#: Meta settings MIDAS reads but never sends nor compares (``diff`` ignores them): import refuses a live
#: campaign that has them, as the spec language cannot hold them, and on one MIDAS manages ``drift`` reports
#: them (``unheld``) and the plan warns of them, by the same rules (``importing.import_only``). A campaign's
#: dates (believed from Meta's Campaign reference, not confirmed here: its start and stop times merge its ad
#: sets'; facebook-business campaign.py names these fields).
META_IMPORT_ONLY: Final[dict[str, tuple[str, ...]]] = {
    "campaign": ("start_time", "stop_time"),
    "adset": (),
    # A creative's own product set (facebook-business adcreative.py ``product_set_id``), which a catalog ad
    # may name apart from its ad set's; whether Meta echoes the ad set's there is unconfirmed, so import
    # refuses only one that differs (``importing.catalog``); its per-product link template (``template_url``,
    # ``template_url_spec``), which import refuses; what its asset feed carries besides each messaging app's
    # button once (its other assets and buttons, by path: ``spec._meta_messaging.unheld_feed``), read from
    # ``asset_feed_spec``, no field of Meta's own; a catalog template's ``format_option`` beside settings of
    # another format (``TEMPLATE_FORMAT_OPTION``).
    "adcreative": (
        "product_set_id",
        "template_url",
        "template_url_spec",
        "asset_feed_unheld",
        "template_format_option",
    ),
}
#: The creative field of what its asset feed carries besides each messaging app's button once (import-only,
#: above), which MIDAS never sends. A record of a creative says it always, ``{}`` when none
#: (``with_unheld_known``): one without it was made before MIDAS read it, and says nothing of it (unknown, not
#: none: ``importing.unheld.Unheld.set_since``), until an apply records it as live.
UNHELD_FEED: Final = "asset_feed_unheld"
#: The creative field of a catalog template's ``template_data.format_option`` read beside its settings
#: (``force_single_link``, ``show_multiple_images``) when it disagrees with their format, which the settings
#: decide (``meta_graph.template_format_fields``: whether Meta echoes a format_option it was not sent is
#: unconfirmed, and such an echo must not be a perpetual diff). Import-only (above): never sent nor
#: compared, import refuses it by name, and a restore drops it, saying so (``snapshots``).
TEMPLATE_FORMAT_OPTION: Final = "template_format_option"
#: The creative fields of a catalog template's static cards (``meta.static_cards``: ``spec._meta_catalog``)
#: before and after its products, each a list of cards as a carousel's ``cards`` (``template_data``'s
#: ``child_attachments`` with ``static_card`` true on the wire: ``meta_graph.template_cards``).
STATIC_BEFORE: Final = "static_cards_before"
STATIC_AFTER: Final = "static_cards_after"
#: The creative field of the settings a console gave a catalog template's product card beside its texts and
#: button (its ``image_crops``, a ``link`` of its own …), under Meta's names, absent for none: read
#: (``meta_graph.template_cards``) so that drift and plan name them as a static card's, never sent
#: (``meta_graph.DERIVED_FIELDS``); import refuses them by name.
PRODUCT_CARD: Final = "product_card"


#: The creative field of a dynamic video creative's first video's thumbnail keys as read
#: (``{"thumbnail_url": …, "thumbnail_hash": …}``, those present; its thumbnail reads as its ``image_url`` or
#: ``image_hash`` too): never sent (``meta_graph.DERIVED_FIELDS``), and ``diff`` compares the thumbnail only
#: as the other side sends it (``spec._meta_dynamic_creative.thumbnail_compared``: Meta's echoes, believed).
THUMBNAIL_READ: Final = "thumbnail_read"


#: The bid strategy of a Meta campaign that names none (facebook-business campaign.py ``BidStrategy``; the
#: Bid Strategy guide: Meta bids "on your behalf" for "the lowest cost results").
META_DEFAULT_BID_STRATEGY: Final = "LOWEST_COST_WITHOUT_CAP"
#: Keys of an ad set's promoted object that change what it counts or promotes and that MIDAS never compiles
#: (facebook-business adpromotedobject.py): read (``meta_graph.promoted_object``), they differ from any
#: spec, and import refuses them, rather than an ad set re-created by a later edit dropping them in silence.
META_UNEXPRESSED_PROMOTED_KEYS: Final = (
    "event_id", "offer_id", "offline_conversion_data_set_id",
    "place_page_set_id", "product_catalog_id",
)  # fmt: skip
#: The ``custom_event_type`` of a promoted object counting a pixel's custom event, which its
#: ``custom_event_str`` names (facebook-business adpromotedobject.py ``CustomEventType.other``).
META_CUSTOM_EVENT_TYPE: Final = "OTHER"
#: The longest name of a pixel's custom event (believed from Meta's Pixel conversion-tracking guide: "Custom
#: event names must be strings, and cannot exceed 50 characters in length"; not confirmed here).
META_CUSTOM_EVENT_MAX: Final = 50
#: A Google object's URL options (v26 Campaign, AdGroup and Ad: ``tracking_url_template``,
#: ``final_url_suffix``, ``url_custom_parameters``; an ad's ``final_mobile_urls`` too), normalised as
#: text, a ``{key: value}`` map and a list of URLs. Read on every level so that a console's tracking is
#: drift and import never drops it: what the spec language says of them is a campaign's and a creative's
#: The Google kinds of a campaign's and an ad group's criteria, its targeted places among them (location
#: criteria, whose ``geo_target_constant`` names a place by id, and proximity ones).
GOOGLE_CRITERION_KINDS: Final = frozenset({"campaign_criterion", "ad_group_criterion"})
#: ``url_parameters`` (the suffix) and the ``google.tracking_url_template`` and
#: ``google.url_custom_parameters`` of a campaign and a creative (a creative's ``google.final_mobile_urls``
#: too), an ad group's ``google`` options of their names, and a keyword's own
#: (``GOOGLE_KEYWORD_URL_OPTIONS``); import refuses the others by name (``importing.derive``).
GOOGLE_URL_OPTIONS: Final = ("tracking_url_template", "final_url_suffix", "url_custom_parameters")
GOOGLE_AD_URL_OPTIONS: Final = (*GOOGLE_URL_OPTIONS, "final_mobile_urls")
#: A Google ad group's fields sent to the v26 AdGroup as they are recorded (``connectors.google_rows``),
#: among them a Hotel ad group's percent CPC bid, the fraction of the room's price in millionths
#: (``AdGroup.percent_cpc_bid_micros``; ``spec._google_hotel``).
GOOGLE_AD_GROUP_AS_SENT: Final = (
    "name",
    "status",
    "type",
    "cpc_bid_micros",
    "percent_cpc_bid_micros",
    "target_cpa_micros",
)
#: An expanded dynamic search ad's texts (v26 ExpandedDynamicSearchAdInfo): its first and optional second
#: description, Google writing its headline and final URL.
GOOGLE_DYNAMIC_AD_DESCRIPTIONS: Final = ("description", "description2")
#: A keyword's own landing pages and URL options (v26 AdGroupCriterion): a spec keyword's ``final_url`` and
#: ``additional_final_urls`` (its final URLs, in order) and options of the same names.
GOOGLE_KEYWORD_URL_OPTIONS: Final = (*GOOGLE_AD_URL_OPTIONS, "final_urls")
#: Google settings MIDAS reads but never sends nor compares (``diff`` ignores them); import refuses a live
#: campaign that has them: Manual CPC's and Percent CPC's ``enhanced_cpc_enabled`` (v26 ManualCpc, PercentCpc:
#: the Hotel guide still names the latter's; unconfirmed that Google still honours it), which Google stopped
#: offering to new Search and Display campaigns in October 2024 and turned off on the others in March 2025
#: (Google's September 2024 announcement as the trade press reports it; the v26 SDK still has the field).
GOOGLE_IMPORT_ONLY: Final[dict[str, tuple[str, ...]]] = {"campaign": ("enhanced_cpc_enabled",)}
#: A responsive display ad's options MIDAS never sends (v26 ResponsiveDisplayAdInfo) but reads, so that a
#: console edit of one is drift and an ad carrying one is not imported as if it had none: texts and colors,
#: ``allow_flexible_color`` (false only: true is the default), ``format_setting`` (other than ALL_FORMATS,
#: the default) and ``control_spec`` (the controls set). ``google_schema`` reads them.
GOOGLE_DISPLAY_AD_UNSENT: Final = (
    "call_to_action_text",
    "main_color",
    "accent_color",
    "price_prefix",
    "promo_text",
    "allow_flexible_color",
    "format_setting",
    "control_spec",
)
#: A Performance Max asset group's assets, each field a set of one v26 AssetFieldType: text assets by their
#: text, image assets by id, YouTube video assets by YouTube video id (``business_name`` is a single text,
#: the one BUSINESS_NAME an asset group takes).
GOOGLE_ASSET_GROUP_ASSETS: Final = {
    "headlines": "HEADLINE",
    "long_headlines": "LONG_HEADLINE",
    "descriptions": "DESCRIPTION",
    "business_name": "BUSINESS_NAME",
    "marketing_images": "MARKETING_IMAGE",
    "square_marketing_images": "SQUARE_MARKETING_IMAGE",
    "logo_images": "LANDSCAPE_LOGO",
    "square_logo_images": "LOGO",
    # A call to action asset (v26 CallToActionAsset) by its CallToActionType, linked "to select a
    # call-to-action" (AssetFieldType CALL_TO_ACTION_SELECTION); one at most, none by default (Google's
    # automated one).
    "call_to_action": "CALL_TO_ACTION_SELECTION",
    # YouTube video assets (v26 YoutubeVideoAsset) by their YouTube video id, as texts are by their text.
    "youtube_videos": "YOUTUBE_VIDEO",
}
#: The asset group assets that hold one value, not a set.
GOOGLE_ASSET_GROUP_SINGLE: Final = frozenset({"business_name", "call_to_action"})
#: A Performance Max campaign's brand assets when its brand guidelines are on (v26
#: Campaign.brand_guidelines_enabled: "business name and logo assets must be linked as CampaignAssets instead
#: of AssetGroupAssets"), campaign fields as an asset group's are (v26 BrandCampaignAssets: a business name,
#: square logos, optional landscape logos).
GOOGLE_CAMPAIGN_BRAND_ASSETS: Final = {
    "business_name": "BUSINESS_NAME",
    "logo_images": "LANDSCAPE_LOGO",
    "square_logo_images": "LOGO",
}
#: What a Demand Gen multi-asset ad holds that MIDAS never sends but reads (v26 DemandGenMultiAssetAdInfo),
#: so that a console edit is drift and an ad carrying one is not imported as if it had none.
GOOGLE_DEMAND_GEN_AD_UNSENT: Final = ("classic_display_images",)
#: The ad type (v26 AdTypeEnum) of a Demand Gen video responsive ad, the ad a Demand Gen campaign's creative
#: with YouTube videos is.
GOOGLE_DEMAND_GEN_VIDEO_AD: Final = "DEMAND_GEN_VIDEO_RESPONSIVE_AD"
#: The ad type (v26 AdTypeEnum) of a Demand Gen carousel ad, the ad a Demand Gen campaign's ``type: carousel``
#: creative is.
GOOGLE_DEMAND_GEN_CAROUSEL_AD: Final = "DEMAND_GEN_CAROUSEL_AD"
#: The ad group type (v26 AdGroupTypeEnum) of a dynamic ad group, which a Dynamic Search Ads campaign runs.
GOOGLE_DYNAMIC_AD_GROUP: Final = "SEARCH_DYNAMIC_ADS"
#: The ad type (v26 AdTypeEnum) of a Demand Gen product ad, the ad a Demand Gen campaign's ``type: product``
#: creative is.
GOOGLE_DEMAND_GEN_PRODUCT_AD: Final = "DEMAND_GEN_PRODUCT_AD"
#: The ad types (v26 AdTypeEnum) of Demand Gen ads, which are created with a name (the creative's: Google's
#: own example names one, and v26 has ad_error.MISSING_ADVERTISEMENT_NAME) that diff never compares.
GOOGLE_DEMAND_GEN_ADS: Final = frozenset(
    {
        "DEMAND_GEN_MULTI_ASSET_AD",
        GOOGLE_DEMAND_GEN_VIDEO_AD,
        GOOGLE_DEMAND_GEN_CAROUSEL_AD,
        GOOGLE_DEMAND_GEN_PRODUCT_AD,
    }
)
#: Characters Google refuses in keyword text, negative keywords too (KEYWORD_HAS_INVALID_CHARS): the union
#: of Google Ads Help "About negative keywords" (answer 2453972: , ! @ % ^ ( ) = { } ; ~ ` < > ? \ |) and the
#: list long given for keywords (which adds *). Google calls its list "some of" the symbols it refuses.
GOOGLE_KEYWORD_INVALID_CHARS: Final = frozenset(",!@%^*(){};~`<>?\\|=")
#: A YouTube video id: "the 11 character string value used in the YouTube video URL" (v26
#: YoutubeVideoAsset.youtube_video_id), of letters, digits, '-' and '_' (the URL-safe base64 alphabet its
#: URLs use).
YOUTUBE_VIDEO_ID_PATTERN: Final = r"^[A-Za-z0-9_-]{11}$"


def keyword_identity(text: str) -> str:
    """The keyword ``text`` as Google tells keywords apart: case-folded, runs of whitespace as one space.

    Google Ads Help "Keyword matching options" / "About keywords": keywords are not case sensitive, and
    Google stores one criterion per text and match type, so ``Walking  Shoes`` and ``walking shoes``
    collide (RESOURCE_ALREADY_EXISTS). Spec duplicate checks, plan addresses, the field comparison and
    the sandbox's criterion ids all use this one function so they cannot disagree.
    """
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class SharedPageFeed:
    """A page feed set (a PAGE_FEED asset set) a Dynamic Search Ads campaign shares with other campaigns,
    which MIDAS never edits, as the reader finds it (``google_rows``; ``Resource.shared_page_feeds``):
    ``asset_set`` its resource name, ``others`` the other campaigns linked to it (``name (id)``, or an id).
    An import refuses the campaign (its ``note`` is among the resource's warnings); a plan warns that its
    feed change is refused."""

    asset_set: str
    others: tuple[str, ...]

    def note(self) -> str:
        """What the reader notes on the campaign (a ``Resource.warnings`` entry)."""
        return (
            f"has the page feed {self.asset_set} (a PAGE_FEED asset set) shared with campaigns "
            f"{', '.join(self.others)}, which MIDAS does not edit: give each campaign a set of its own"
        )

    def to_dict(self) -> dict[str, Any]:
        return {"asset_set": self.asset_set, "others": list(self.others)}

    @classmethod
    def from_dict(cls, data: Any) -> SharedPageFeed:
        """Read back ``to_dict``'s form (a saved plan's live side); raises ``ValueError`` naming the field
        when it is not that (``others`` a string, read as its characters)."""
        if not isinstance(data, Mapping):
            raise ValueError(f"shared_page_feeds: expected an object with asset_set and others, got {data!r}")
        asset_set, others = data.get("asset_set"), data.get("others")
        if not isinstance(asset_set, str):
            raise ValueError(f"shared_page_feeds: asset_set must be a resource name, got {asset_set!r}")
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            raise ValueError(f"shared_page_feeds: others must be a list of campaigns, got {others!r}")
        return cls(asset_set, tuple(others))


def page_feed_pages(pages: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A Dynamic Search Ads campaign's ``page_feed`` field: each page (v26 PageFeedAsset) as ``page_url``
    and its ``labels`` sorted (a set: Google groups pages by them), the pages by URL (a set too)."""
    out = [
        {"page_url": str(p["page_url"]), "labels": sorted({str(label) for label in p.get("labels") or ()})}
        for p in pages
    ]
    return sorted(out, key=lambda p: (p["page_url"], p["labels"]))


#: Fields each kind carries (normalised). Unknown fields are a programming error, not user input.
FIELDS: Final[dict[tuple[str, str], frozenset[str]]] = {
    (GOOGLE, "campaign_budget"): frozenset(
        {"name", "amount_micros", "total_amount_micros", "period", "delivery_method", "explicitly_shared"}
    ),
    (GOOGLE, "campaign"): frozenset(
        {
            "name",
            "status",
            "advertising_channel_type",
            # App campaigns: APP_CAMPAIGN and {app_id, app_store, bidding_strategy_goal_type}.
            "advertising_channel_sub_type",
            "app_campaign_setting",
            # An app campaign's selective optimisation: the ids of the conversion actions it optimises for.
            "conversion_actions",
            "bidding_strategy_type",
            "target_cpa_micros",
            "target_roas",
            # Target impression share: location, share in millionths, CPC ceiling in micros.
            "target_impression_share_location",
            "location_fraction_micros",
            "cpc_bid_ceiling_micros",
            "network_settings",
            # A Demand Gen campaign's {upgraded_targeting} (create-only; read for DEMAND_GEN alone).
            "demand_gen_campaign_settings",
            # A Performance Max campaign's brand guidelines switch (create-only; read for it alone), and
            # with it on its brand assets (campaign assets).
            "brand_guidelines_enabled",
            # A Shopping campaign's {merchant_id, feed_label, campaign_priority, enable_local}.
            "shopping_setting",
            # A Demand Gen campaign's {merchant_id, feed_label} (its native ``shopping_setting``, under a name
            # of its own: its Merchant Center account may be set on a live campaign, a Shopping one's not).
            "demand_gen_shopping_setting",
            # A Hotel campaign's {hotel_center_id} (v26 Campaign.HotelSettingInfo).
            "hotel_setting",
            # A Search campaign's {domain_name, language_code, use_supplied_urls_only} (Dynamic Search Ads),
            # and its page feed (``page_feed_pages``), linked as Asset + AssetSet + AssetSetAsset +
            # CampaignAssetSet rows.
            "dynamic_search_ads_setting",
            "page_feed",
            *GOOGLE_CAMPAIGN_BRAND_ASSETS,
            "start_date",
            "end_date",
            "labels",
            "contains_eu_political_advertising",
            *GOOGLE_URL_OPTIONS,
            *GOOGLE_IMPORT_ONLY["campaign"],
        }
    ),
    (GOOGLE, "campaign_criterion"): frozenset(
        {
            "type",
            "negative",
            "geo_target_constant",
            "language_constant",
            "keyword_text",
            "keyword_match_type",
            # A campaign's own exclusions (``google.negative_ages`` …).
            "age_range",
            "gender",
            "user_interest",
            # A radius around a city, a street address or a point (``targeting.places.proximity_fields``).
            "proximity_radius",
            "proximity_radius_units",
            "proximity_city_name",
            "proximity_province_code",
            "proximity_country_code",
            "proximity_street_address",
            "proximity_postal_code",
            "proximity_latitude_micros",
            "proximity_longitude_micros",
            # A Dynamic Search Ads campaign's excluded pages (negative v26 WebpageInfo): as a dynamic ad
            # group's webpage target's.
            "webpage_name",
            "webpage_conditions",
            # A device bid adjustment (``spec._google_devices``): the device and its modifier.
            "device",
            # An ad schedule slot (``connectors.google_ad_schedule``; ``schedule.hours`` in the specs) and a
            # bid adjustment on it (v26 CampaignCriterion.bid_modifier: read, drift; no spec writes one).
            "ad_schedule_day",
            "ad_schedule_start",
            "ad_schedule_end",
            "bid_modifier",
        }
    ),
    (GOOGLE, "ad_group"): frozenset(
        # channel_controls: a Demand Gen ad group's other than Google's default, all channels
        # (``google.channels``).
        {
            *GOOGLE_AD_GROUP_AS_SENT,
            "target_roas",
            "labels",
            "audience_bid_only",
            "channel_controls",
            *GOOGLE_URL_OPTIONS,
        }
    ),
    (GOOGLE, "ad_group_criterion"): frozenset(
        {
            "type",
            "negative",
            "status",
            # A Demand Gen campaign's locations and languages (v26 upgraded_targeting), and a location's bid
            # adjustment a console set (read, drift, named by import; no spec writes one there).
            "geo_target_constant",
            "language_constant",
            "bid_modifier",
            "age_range",
            "gender",
            "keyword_text",
            "keyword_match_type",
            "user_interest",
            "user_list",
            # A Shopping ad group's product group tree, one resource (``connectors.google_listing_groups``):
            # its root's v26 ListingGroupInfo type, the root unit's max CPC, or the root's split.
            "listing_group_type",
            "cpc_bid_micros",
            "partition",
            # A dynamic ad group's webpage target (v26 WebpageInfo): its criterion_name and its conditions
            # (sorted ``{operand, operator, argument}``), immutable as a keyword is.
            "webpage_name",
            "webpage_conditions",
            *GOOGLE_KEYWORD_URL_OPTIONS,
        }
    ),
    (GOOGLE, "ad_group_ad"): frozenset(
        {
            # Kept by Google for other ad types than MIDAS's only: compile and read leave it out.
            "name",
            "status",
            "type",
            "final_urls",
            "path1",
            "path2",
            # A responsive display (or Demand Gen) ad's own texts, and what it holds that MIDAS never sends.
            "long_headline",
            "business_name",
            # A Demand Gen video responsive ad's breadcrumbs.
            "breadcrumb1",
            "breadcrumb2",
            # A Demand Gen carousel or product ad's one headline and description, and a carousel's cards (in
            # order: each a dict of the card's headline, final URL, images and call to action text;
            # ``google_carousel``).
            "headline",
            "description",
            "cards",
            # An expanded dynamic search ad's second description (its first is ``description``).
            "description2",
            *GOOGLE_DISPLAY_AD_UNSENT,
            *GOOGLE_AD_ASSET_SETS,
            *GOOGLE_AD_URL_OPTIONS,
        }
    ),
    (GOOGLE, "asset_group"): frozenset(
        {"name", "status", "final_urls", "path1", "path2", *GOOGLE_ASSET_GROUP_ASSETS}
    ),
    # An ad group's own device bid adjustment: as a campaign's device criterion's fields.
    (GOOGLE, "ad_group_bid_modifier"): frozenset(
        {
            "type",
            "device",
            "bid_modifier",
            # A Hotel ad group's booking modifiers' criteria (``spec._google_hotel_bookings``).
            "day_of_week",
            "date_selection",
            "min_days",
            "max_days",
            "start_date",
            "end_date",
        }
    ),
    (META, "campaign"): frozenset(
        {
            "name",
            "objective",
            "status",
            "special_ad_categories",
            "daily_budget",
            "lifetime_budget",
            "bid_strategy",
            "buying_type",
            "adlabels",
            "is_adset_budget_sharing_enabled",
            # The campaign's spending limit (``meta.spend_cap``), minor units; absent: none.
            "spend_cap",
            # An Advantage+ catalog ads campaign's product catalog (``{"product_catalog_id": str}``, only that
            # key read: ``meta_graph.campaign_promoted_object``); absent: none. Fixed once set.
            "promoted_object",
            *META_IMPORT_ONLY["campaign"],
        }
    ),
    (META, "adset"): frozenset(
        {
            *META_IMPORT_ONLY["adset"],
            "name",
            "status",
            "optimization_goal",
            "billing_event",
            "targeting",
            "start_time",
            "end_time",
            "daily_budget",
            "lifetime_budget",
            "adlabels",
            "promoted_object",
            # Its own bid strategy, present only where it is not its campaign's (``meta_graph.LiveReader``).
            "bid_strategy",
            # A cost or bid cap (minor units) and a ROAS floor (``{"roas_average_floor": int}``).
            "bid_amount",
            "bid_constraints",
            # Where its ads send people (facebook-business adset.py ``DestinationType``), read only when it
            # is a conversation (MESSENGER, WHATSAPP) or none MIDAS makes: a website's or an app's is the
            # absence of one (``meta_graph.normalise``), so ad sets made before MIDAS sent it compare equal.
            "destination_type",
            # Its schedule (``schedule.hours``): DayParts and the day_parting pacing Meta needs with them
            # (``connectors.meta_day_parts``); read only when set.
            "adset_schedule",
            "pacing_type",
            # A Dynamic Creative ad set (facebook-business adset.py ``is_dynamic_creative``; true, absent
            # otherwise), set on creation alone (``spec._meta_dynamic_creative``).
            "is_dynamic_creative",
        }
    ),
    (META, "adcreative"): frozenset(
        {
            "name",
            "page_id",
            "title",
            "body",
            "description",
            "link_url",
            "call_to_action_type",
            "image_url",
            # An image of the ad account's library (link data or video data ``image_hash``).
            "image_hash",
            "video_id",
            # The messaging app its call to action opens (``call_to_action.value.app_destination``: MESSENGER,
            # WHATSAPP or INSTAGRAM_DIRECT), the ads of a click-to-message ad set's (``compile.meta``).
            "app_destination",
            # The instant form its call to action opens (``call_to_action.value.lead_gen_form_id``), the ads
            # of an ad set opening one's (``meta.destination: form``: ``spec._meta_lead_forms``).
            "lead_gen_form_id",
            # The buttons of an ad opening several apps at once, one per app with its ``app_destination``
            # (``asset_feed_spec.call_to_actions``, of that alone: ``spec._meta_messaging``).
            "asset_feed_spec",
            # Meta's multiple text options: its primary texts, headlines and descriptions offered, as
            # ``{"bodies": [...], "titles": [...], "descriptions": [...]}`` (``asset_feed_spec``'s lists of
            # ``{"text": …}`` on the wire: ``spec._meta_text_options``).
            "text_options",
            # Several images or videos offered (``{"images": [url, …]}`` / ``{"videos": [id, …]}``, further to
            # its ``image_url`` / ``video_id``; ``asset_feed_spec``'s lists on the wire:
            # ``spec._meta_media_options``).
            "media_options",
            # A dynamic creative (true; absent otherwise): its link, button, texts and media travel in its
            # asset feed, its story the Page alone (``spec._meta_dynamic_creative``).
            "dynamic_creative",
            # Its format (``asset_feed_spec.ad_formats``: ``["SINGLE_IMAGE"]`` or ``["SINGLE_VIDEO"]`` as
            # MIDAS makes it; as read, any one), a dynamic creative's alone.
            "ad_formats",
            # The Instagram account the ad runs as: a click-to-Instagram Direct ad's, or any with
            # ``meta.instagram_identity`` (``object_story_spec.instagram_user_id``, or the older
            # ``instagram_actor_id`` as read: ``meta_graph.story_fields``).
            "instagram_user_id",
            # Its display link (``meta.display_link``: a link ad's ``object_story_spec.link_data.caption``, a
            # dynamic creative's feed link's ``display_url``; none where it is the link's own domain:
            # ``spec._meta_display_link``).
            "display_link",
            # The greeting of the conversation it opens (link or video data ``page_welcome_message``, JSON
            # text on the wire), normalised to its text and questions or message to send
            # (``connectors.meta_welcome``).
            "page_welcome_message",
            # A carousel's cards (each of link_url, title, description, image_url, image_hash, video_id,
            # call_to_action_type, and as read any other setting of the card under Meta's name:
            # ``meta_graph._card_settings``) and its link data options; a Page post creative's post.
            "cards",
            "multi_share_optimized",
            "multi_share_end_card",
            "object_story_id",
            # A catalog ad's template (true: its link fields travel as ``object_story_spec.template_data``,
            # whose texts Meta fills per product: ``spec._meta_catalog``); absent on other creatives.
            "template",
            # A catalog template's format, absent for Meta's default carousel of several products
            # (``single``, ``product_images``, ``slideshows``: ``meta_graph.CATALOG_FORMAT_WIRE``; or, as
            # read, a shape no spec says, written as its wire setting: ``format_option=<value>`` alone,
            # ``show_multiple_images=true`` without ``force_single_link``:
            # ``meta_graph.template_format_fields``); its ``multi_share_end_card`` is the carousel's, above
            # (none on a single product's nor on one product's images).
            "catalog_format",
            # A catalog template's static cards before and after its products (``STATIC_BEFORE``,
            # ``STATIC_AFTER``: lists of cards as ``cards`` above), absent for none.
            STATIC_BEFORE,
            STATIC_AFTER,
            PRODUCT_CARD,
            # The query string Meta appends to the ad's links (facebook-business AdCreative.Field.url_tags):
            # its creative's ``url_parameters``, or its campaign's.
            "url_tags",
            "adlabels",
            THUMBNAIL_READ,
            *META_IMPORT_ONLY["adcreative"],
        }
    ),
    (META, "ad"): frozenset({"name", "status", "adlabels"}),
    (GOOGLE, "user_list"): frozenset({"name", "description", "membership_life_span", *MEMBER_FIELDS}),
    (META, "customaudience"): frozenset({"name", "description", "customer_file_source", *MEMBER_FIELDS}),
}


@dataclass(frozen=True)
class Level:
    """Objects whose paths head the paths of what is under them: of ``kinds`` (platform → kind), each
    the first ``segments`` segments of the paths of ``under`` ((platform, kind), its own kind included).
    Paths of other kinds may share a head without being under it (a campaign criterion beside an ad group
    of that name, an audience named like a campaign)."""

    kinds: Mapping[str, str]
    segments: int
    under: frozenset[tuple[str, str]]

    def is_one(self, address: Address) -> bool:
        return self.kinds.get(address.platform) == address.kind

    def head_of(self, address: Address) -> Address | None:
        """The object of this level ``address`` is addressed under (None: under none, or itself one)."""
        if self.is_one(address) or (address.platform, address.kind) not in self.under:
            return None
        if is_shared_budget(address):  # in no campaign, whichever use it
            return None
        head = "/".join(address.path.split("/", self.segments)[: self.segments])
        return Address(address.platform, address.account, self.kinds[address.platform], head)

    def moved(self, address: Address, heads: Mapping[str, str]) -> Address:
        """``address`` (of an object of this level, or under one) with its head's path where ``heads``
        (path → path) maps it; as it is when it maps none."""
        if (address.platform, address.kind) not in self.under:
            return address
        parts = address.path.split("/", self.segments)
        new = heads.get("/".join(parts[: self.segments]))
        if new is None:
            return address
        path = "/".join([new, *parts[self.segments :]])
        return Address(address.platform, address.account, address.kind, path)


#: Campaigns, and what lives in them (audiences do not).
CAMPAIGN_LEVEL: Final = Level(
    {platform: ROOT_KIND for platform in KIND_ORDER},
    1,
    frozenset((p, k) for p, kinds in KIND_ORDER.items() for k in kinds),
)
#: Ad groups (Meta: ad sets), and what lives in them.
GROUP_LEVEL: Final = Level(
    {platform: kind for platform, (kind, _) in GROUP_KINDS.items()},
    2,
    frozenset((p, k) for p, (_, kinds) in GROUP_KINDS.items() for k in kinds),
)
#: A Performance Max campaign's asset groups, the ad groups of its spec: nothing is addressed under one (its
#: assets are its fields).
ASSET_GROUP_LEVEL: Final = Level({GOOGLE: "asset_group"}, 2, frozenset({(GOOGLE, "asset_group")}))
#: Every level, outermost first: campaigns, ad groups (ad sets), asset groups.
LEVELS: Final = (CAMPAIGN_LEVEL, GROUP_LEVEL, ASSET_GROUP_LEVEL)


def is_level_head(address: Address) -> bool:
    """Whether ``address`` is a campaign, an ad group (ad set) or an asset group: one of a ``LEVELS``."""
    return any(level.is_one(address) for level in LEVELS)


#: The first path segment of shared budgets: ``path_segment`` escapes every ``%`` of a campaign name, so no
#: campaign's path starts with it (and no campaign owns a shared budget by containment).
SHARED_BUDGETS: Final = "%shared"


def shared_budget_path(name: str) -> str:
    """The address path of the shared budget named ``name`` on Google."""
    return f"{SHARED_BUDGETS}/{path_segment(name)}"


#: Statuses of objects that no longer exist for planning purposes (treated as not live): google-ads v26
#: REMOVED, Meta's DELETED.
GONE_STATUSES: Final = {GOOGLE: frozenset({"REMOVED"}), META: frozenset({"DELETED"})}


#: Statuses in which an object does not deliver: pausing it again is a no-op.
STOPPED_STATUSES: Final = {GOOGLE: frozenset({"PAUSED"}), META: frozenset({"PAUSED", "ARCHIVED"})}


def is_stopped(resource: Resource) -> bool:
    """A live object that does not deliver (paused, or archived on Meta)."""
    return resource.fields.get("status") in STOPPED_STATUSES.get(resource.address.platform, ())


def is_gone(resource: Resource) -> bool:
    """A live object in a terminal removed/deleted status (planned as if it were not live)."""
    return resource.fields.get("status") in GONE_STATUSES.get(resource.address.platform, ())


def replaced(record: Resource, live: Resource) -> bool:
    """Whether the live object at a recorded address is another than the one MIDAS recorded there (made
    outside MIDAS after MIDAS's was deleted): both ids known, and not the same."""
    return bool(record.platform_id and live.platform_id and record.platform_id != live.platform_id)


def is_shared_budget(address: Address) -> bool:
    """Whether ``address`` is a Google shared budget (not a campaign's own)."""
    return address.kind == "campaign_budget" and address.path.startswith(SHARED_BUDGETS + "/")


#: The fields that hold MIDAS's marker: a Google object's labels, a Meta object's ad labels.
MARKER_FIELDS: Final = frozenset({"labels", "adlabels"})


def carries_marker(address: Address) -> bool:
    """Whether objects of this kind can carry the ``midas-managed`` label (Google) / ad label (Meta);
    the others (budgets, criteria, Google ads, asset groups, audiences) read as managed only through
    the object that holds them, or never (audiences, shared budgets)."""
    return not MARKER_FIELDS.isdisjoint(FIELDS[(address.platform, address.kind)])


def lacks_marker(live: Resource) -> bool:
    """Whether the live object lacks the marker itself: unmanaged, or a Google ad group, which reads as
    managed in its marked campaign, without the label among its own."""
    if not live.managed:
        return True
    own = [str(label) for label in live.fields.get("labels") or ()]
    return live.address.platform == GOOGLE and live.address.kind == "ad_group" and MANAGED_MARKER not in own


def audience_ref(name: str) -> str:
    """The ref name under which a resource refers to the audience ``name`` it targets."""
    return AUDIENCE_REF + name


def is_audience_ref(ref_name: str) -> bool:
    return ref_name.startswith(AUDIENCE_REF)


def path_segment(name: str) -> str:
    """One address path segment for a platform name: ``/`` and ``%`` escaped (``%2F``, ``%25``) so that
    every path splits back into its names (keyword texts such as "24/7 plumber" included)."""
    return name.replace("%", "%25").replace("/", "%2F")


def segment_name(segment: str) -> str:
    """The name an address path segment stands for (inverse of ``path_segment``)."""
    return segment.replace("%2F", "/").replace("%25", "%")


def join_path(parent: str, name: str) -> str:
    """``parent/name`` with ``name`` escaped (just the segment when there is no parent)."""
    return f"{parent}/{path_segment(name)}" if parent else path_segment(name)


@dataclass(frozen=True, order=True, slots=True)
class Address:
    """Where a resource lives: platform, account name (from midas.yaml), kind, name path."""

    platform: str
    account: str
    kind: str
    path: str
    #: Addresses key every index of a plan (millions of lookups at 100,000s of resources): hashed once.
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.platform, self.account, self.kind, self.path)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not Address:
            return NotImplemented
        return (
            self._hash == other._hash
            and self.path == other.path
            and self.kind == other.kind
            and self.account == other.account
            and self.platform == other.platform
        )

    def __str__(self) -> str:
        return f"{self.kind}/{self.path}@{self.platform}:{self.account}"

    @property
    def campaign(self) -> str:
        """The unified campaign name this resource belongs to (first path segment)."""
        return self.path.split("/", 1)[0]

    @property
    def depth(self) -> int:
        """Position of the kind in its platform's dependency order (-1 = an audience, created first)."""
        if self.kind == AUDIENCE_KIND[self.platform]:
            return -1
        return KIND_ORDER[self.platform].index(self.kind)

    def sort_key(self) -> tuple[str, str, int, str]:
        """Deterministic order: account, platform, dependency depth, path."""
        return (self.account, self.platform, self.depth, self.path)

    @classmethod
    def parse(cls, text: str) -> Address:
        """Inverse of ``str(address)``; raises ValueError on anything else."""
        try:
            kind_path, where = text.rsplit("@", 1)
            kind, path = kind_path.split("/", 1)
            platform, account = where.split(":", 1)
        except ValueError:
            raise ValueError(
                f"not an address: {text!r} (expected <kind>/<path>@<platform>:<account>)"
            ) from None
        known = platform in KIND_ORDER and (kind in KIND_ORDER[platform] or kind == AUDIENCE_KIND[platform])
        if not known or not path:
            raise ValueError(f"not an address: {text!r} (unknown platform or kind)")
        return cls(platform, account, kind, path)


def campaign_of(address: Address) -> Address:
    """The campaign ``address`` is addressed under, whose marker it inherits (itself for a campaign)."""
    if address.kind == ROOT_KIND:
        return address
    return Address(address.platform, address.account, ROOT_KIND, address.campaign)


@dataclass(slots=True)
class Resource:
    """A platform-native object in normalised form.

        ``refs`` names the resources this one points to (a Google campaign's ``campaign_budget``, a Meta
        ad's ``adset`` and ``creative``); ``platform_id`` is the platform's id (None for desired resources
        not yet created); ``managed`` is true when the object carries the MIDAS marker itself or through
        its campaign. ``warnings`` carry fidelity notes from compilation on the desired side, and on the live
    side what a read left alone (a Google campaign's criteria of kinds MIDAS does not manage), ``source``
        the ``file:line`` of the spec it came from. The store records ``spec_digest`` and ``on_remove`` with
        the last applied fields, so that a resource removed from the specs is still handled as declared.

        ``fields`` and ``refs`` are never changed in place once a resource is built: resources with equal
        ones may share the dicts (``SharedParts``; the compiler gives siblings one ``refs`` dict).
    """

    address: Address
    fields: dict[str, Any]
    refs: dict[str, Address] = field(default_factory=dict)
    platform_id: str | None = None
    managed: bool = False
    warnings: tuple[str, ...] = ()
    source: str = ""
    #: Digest of the spec document this resource was compiled from (desired and recorded sides).
    spec_digest: str = ""
    #: What to do when the resource leaves the specs: "pause" (default) or "delete".
    on_remove: str = "pause"
    #: Live side: the page feed sets a Google campaign shares with other campaigns (``SharedPageFeed``).
    shared_page_feeds: tuple[SharedPageFeed, ...] = ()
    #: Desired side: the criterion types a campaign's spec names, though it may compile none of them (a
    #: device at 1.0, no adjustment: ``spec._google_devices``): the campaign's live criteria of those types
    #: are MIDAS's, not left alone (``left_alone.targeted_types``); ``PLACE_MODIFIERS`` when it names location
    #: bid adjustments: its places' modifiers are MIDAS's (``left_alone.unheld_modifiers``). On an ad group,
    #: ``DEVICE`` when its spec names any device (``spec._google_ad_group_devices``): its live device bid
    #: modifiers are MIDAS's; then the keys of the devices it names at 1.0 (``device:TABLET``), which a plan
    #: removing their modifiers says. Never recorded.
    named_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        allowed = FIELDS[(self.address.platform, self.address.kind)]
        if not allowed.issuperset(self.fields):
            raise ValueError(f"{self.address}: unknown fields {sorted(set(self.fields) - allowed)}")

    def content(self) -> dict[str, Any]:
        """The comparable content: fields plus refs as address strings (ids excluded)."""
        return {"fields": self.fields, "refs": {k: str(v) for k, v in sorted(self.refs.items())}}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (used by saved plans and the state store)."""
        return {
            "address": str(self.address),
            "fields": self.fields,
            "refs": {k: str(v) for k, v in sorted(self.refs.items())},
            "platform_id": self.platform_id,
            "managed": self.managed,
            "warnings": list(self.warnings),
            "source": self.source,
            "spec_digest": self.spec_digest,
            "on_remove": self.on_remove,
        } | (
            {"shared_page_feeds": [s.to_dict() for s in self.shared_page_feeds]}
            if self.shared_page_feeds
            else {}
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Resource:
        return cls(
            address=Address.parse(data["address"]),
            fields=dict(data["fields"]),
            refs={k: Address.parse(v) for k, v in data.get("refs", {}).items()},
            platform_id=data.get("platform_id"),
            managed=bool(data.get("managed", False)),
            warnings=tuple(data.get("warnings", ())),
            source=data.get("source", ""),
            spec_digest=data.get("spec_digest", ""),
            on_remove=data.get("on_remove", "pause"),
            shared_page_feeds=tuple(map(SharedPageFeed.from_dict, data.get("shared_page_feeds", ()))),
        )


def with_unheld_known(resource: Resource) -> Resource:
    """``resource`` as the store records it: a Meta creative saying what its asset feed carries that MIDAS
    cannot hold (``UNHELD_FEED``), ``{}`` where it says nothing (MIDAS made it so, or read none)."""
    address = resource.address
    if address.platform != META or address.kind != "adcreative" or UNHELD_FEED in resource.fields:
        return resource
    return dataclasses.replace(resource, fields={**resource.fields, UNHELD_FEED: {}})


def renamed_campaigns(resources: list[Resource], aliases: Mapping[str, str]) -> list[Resource]:
    """``resources`` of one platform account with the campaigns that go by another name there
    (``aliases``: name on the platform → unified name) at their unified addresses, refs included:
    what the rest of MIDAS compares, records and reports. Resources outside them are kept as they are."""
    if not aliases:
        return resources
    return _moved_campaigns(
        resources, {path_segment(native): path_segment(name) for native, name in aliases.items()}
    )


def campaigns_by_record(resources: list[Resource], recorded_paths: Mapping[str, str]) -> list[Resource]:
    """``resources`` of one platform account with each campaign MIDAS recorded (``recorded_paths``: its
    platform id → recorded path) but read under another name at its recorded address, with everything in
    it: the same campaign, renamed in a console or by a ``google.name`` / ``meta.name`` the spec changed —
    its name is then a difference to update, not a campaign deleted beside an unmanaged one
    (``paths_by_record`` says which move)."""
    campaigns = [r for r in resources if r.address.kind == "campaign"]
    return _moved_campaigns(resources, paths_by_record(campaigns, recorded_paths))


def paths_by_record(objects: Iterable[Resource], recorded_paths: Mapping[str, str]) -> dict[str, str]:
    """Read path → recorded path of each of ``objects`` (live objects of one kind in one platform account)
    that MIDAS recorded (``recorded_paths``: platform id → path) under another path in the same parent (an
    ad in its ad set; a campaign has none). None moves onto a path that an object staying where it was read
    holds, or that two would move to: it stays where it was read."""
    objects = [o for o in objects if o.platform_id]
    moving: dict[str, str] = {}
    for live in objects:
        path = recorded_paths.get(str(live.platform_id))
        read = live.address.path
        if path is not None and path != read and path.rpartition("/")[0] == read.rpartition("/")[0]:
            moving[read] = path
    staying = {o.address.path for o in objects} - moving.keys()
    targets = list(moving.values())
    return {old: new for old, new in moving.items() if new not in staying and targets.count(new) == 1}


def groups_by_record(
    resources: list[Resource], recorded_paths: Mapping[str, str], level: Level = GROUP_LEVEL
) -> list[Resource]:
    """``resources`` of one platform account with each ad group (Meta: ad set; with ``level``
    ``ASSET_GROUP_LEVEL``, each asset group) MIDAS recorded (``recorded_paths``: its platform id → recorded
    path) but read under another name of the same campaign at its recorded address, with everything
    addressed under it (criteria, ads, Meta creatives): the same ad group, renamed in a console or by an
    apply that moved its records and stopped before sending the new name — its ``name`` is then a
    difference to update, not an ad group deleted beside an unmanaged one (``paths_by_record`` says which
    move)."""
    if not recorded_paths:
        return resources
    groups = [r for r in resources if level.is_one(r.address)]
    return _moved_heads(resources, paths_by_record(groups, recorded_paths), level)


def _moved_campaigns(resources: list[Resource], segments: Mapping[str, str]) -> list[Resource]:
    """``resources`` with the campaigns whose path (a segment) ``segments`` maps elsewhere moved there, with
    what is in them (paths under theirs) and every ref to them; audiences are in no campaign."""
    return _moved_heads(resources, segments, CAMPAIGN_LEVEL)


def _moved_heads(resources: list[Resource], heads: Mapping[str, str], level: Level) -> list[Resource]:
    """``resources`` (of one platform account) with the objects of ``level`` whose path ``heads`` maps
    elsewhere moved there, with what is under them and every ref to them (``Level.moved``)."""
    if not heads:
        return resources
    return relocated(resources, lambda address: level.moved(address, heads))


def relocated(resources: list[Resource], move: Callable[[Address], Address]) -> list[Resource]:
    """``resources`` at the addresses ``move`` gives their own and their refs' (it returns an address it
    leaves alone as it is): the resources it moves nothing of are kept as they are."""
    out = []
    for resource in resources:
        address = move(resource.address)
        refs = {name: move(target) for name, target in resource.refs.items()}
        if address is not resource.address or refs != resource.refs:
            resource = dataclasses.replace(resource, address=address, refs=refs)
        out.append(resource)
    return out


class AddressBook:
    """Hands out one ``Address`` object per address of one platform account, so that a resource and
    every ref to it share it (connectors reading 100,000s of objects use it)."""

    def __init__(self, platform: str, account: str) -> None:
        self.platform = platform
        self.account = account
        self._known: dict[tuple[str, str], Address] = {}

    def __call__(self, kind: str, path: str) -> Address:
        found = self._known.get((kind, path))
        if found is None:
            found = self._known[kind, path] = Address(self.platform, self.account, kind, path)
        return found


class SharedParts:
    """Equal parts of the desired, live and recorded resources of one plan as one object each.

    The three sides describe mostly the same objects, and each source builds its own copy of every
    address, references dict and fields dict: at 100,000s of resources the copies were most of a
    plan's memory. Seeded with the desired resources, ``adopt`` points another resource's address
    (and the targets of its references) at the desired side's objects, its ``refs`` at the desired
    resource's dict when they are equal, and its ``fields`` at an earlier resource's dict when that
    is equal and prints alike: same keys in the same order, values of the same types (the criteria
    of many campaigns, say). Parts are only ever replaced by equal ones, and no resource's ``refs``
    or ``fields`` is changed in place after it is built, so sharing the dicts is safe.
    """

    def __init__(self, desired: Iterable[Resource]) -> None:
        self._desired: dict[Address, Resource] = {}
        self._others: dict[Address, Address] = {}
        self._fields: dict[int, dict[str, Any]] = {}
        index = self._desired
        for resource in desired:
            index[resource.address] = resource
            self._share_fields(resource)

    def address(self, address: Address) -> Address:
        """The shared object equal to ``address``."""
        desired = self._desired.get(address)
        if desired is not None:
            return desired.address
        return self._others.setdefault(address, address)

    def adopt(self, resource: Resource) -> Resource:
        """Point ``resource``'s parts at the shared objects (in place); returns it."""
        self._share_fields(resource)
        address = resource.address
        desired = self._desired.get(address)
        if desired is None:
            resource.address = self._others.setdefault(address, address)
        else:
            resource.address = desired.address
            if resource.refs == desired.refs:
                resource.refs = desired.refs
                return resource
        if resource.refs:
            resource.refs = {name: self.address(target) for name, target in resource.refs.items()}
        return resource

    def _share_fields(self, resource: Resource) -> None:
        # Keyed by the hash of the dict's text: one C-level pass over flat and nested values alike, and
        # only an int kept per distinct dict. Equal dicts that print alike hold the same keys in the
        # same order and values of the same types (``1``, ``1.0`` and ``True`` print differently).
        fields = resource.fields
        if not fields:
            return
        found = self._fields.setdefault(hash(repr(fields)), fields)
        if found is not fields and found == fields:
            resource.fields = found


def share_strings(resources: Iterable[Resource]) -> None:
    """Make equal text values in the resources' fields one object each, in place.

    Connectors call it on what they read: decoded responses carry a fresh copy of every enum and
    repeated value (``ENABLED``, ``KEYWORD``, label names …), and at 100,000s of objects those copies
    are a large share of a plan's memory. Top-level values and list items are shared.
    """
    table: dict[str, str] = {}
    one = table.setdefault
    for resource in resources:
        fields = resource.fields
        for key, value in fields.items():
            if type(value) is str:
                fields[key] = one(value, value)
            elif type(value) is list:
                fields[key] = [one(item, item) if type(item) is str else item for item in value]


def canonical_json(value: Any) -> str:
    """Stable JSON text for hashing: sorted keys, no whitespace, non-JSON values as strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def meta_pixel_rule_text(rule: Any) -> str | None:
    """A promoted object's ``pixel_rule`` by its meaning: a non-empty JSON object (as text, or as a mapping)
    written as JSON text with sorted keys and no whitespace, so that two rules saying the same compare equal
    whatever their key order or spacing; None when it is none (text that does not parse, another value)."""
    if isinstance(rule, str):
        try:
            rule = json.loads(rule, parse_constant=_no_json_constant)
        except ValueError:
            return None
    if not isinstance(rule, Mapping) or not rule:
        return None
    try:
        return json.dumps(
            rule,
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            allow_nan=False,
            default=_json_number,
        )
    except (TypeError, ValueError):
        return None


def _no_json_constant(name: str) -> Any:
    """``NaN`` and ``Infinity``, which Python's JSON reads and JSON has not: the text is no JSON."""
    raise ValueError(f"{name} is no JSON number")


def _json_number(value: Any) -> float:
    """A spec's fractional number (YAML loads them as ``Decimal``) as the JSON number it writes: a float, as
    reading the rule's JSON text back gives, so that ``10.50`` sent and ``10.5`` echoed compare equal."""
    if isinstance(value, Decimal) and value.is_finite():
        return float(value)
    raise TypeError(f"{type(value).__name__} is no JSON value")


def digest(value: Any) -> str:
    """SHA-256 hex digest of ``canonical_json(value)``."""
    return hashlib.sha256(canonical_json(value).encode()).hexdigest()


def fingerprint(resources: Iterable[Resource]) -> str:
    """A digest of live state: changes whenever any resource, id or field changes.

    Hashed one resource at a time in address order, so no text of the whole state is ever held.
    """
    hasher = hashlib.sha256()
    for resource in sorted(resources, key=lambda r: r.address):
        row = (str(resource.address), resource.platform_id or "", resource.content(), resource.managed)
        hasher.update(canonical_json(row).encode())
        hasher.update(b"\n")
    return hasher.hexdigest()
