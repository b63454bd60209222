"""Google Ads side of the compiler: campaign budget, campaign, criteria, ad groups, ads.

Most objectives compile to a Search campaign running responsive search ads in SEARCH_STANDARD ad groups, or
with ``google.channel: display`` to a Display campaign on the Display Network running responsive display ads
(v26 ResponsiveDisplayAdInfo) in DISPLAY_STANDARD ad groups, with ``google.channel: demand_gen`` to a
Demand Gen campaign (``_demand_gen_campaign``: untyped ad groups holding the location and language criteria,
a Demand Gen multi-asset ad per creative; ``spec._google_demand_gen``), or with ``google.channel:
performance_max`` to a Performance Max campaign of asset groups (``_performance_max_campaign``);
``app_promotion`` compiles to an app campaign (``_app_campaign``): a MULTI_CHANNEL campaign of sub type
APP_CAMPAIGN with its ``app_campaign_setting``, location and language criteria only, ad groups without a
type, and an app ad per creative (developers.google.com/google-ads/api/docs/app-campaigns/create-campaign,
create-ad-group; the SDK's example advanced_operations/add_app_campaign.py); ``google.app_campaign``
engagement or pre_registration makes it of sub type APP_CAMPAIGN_FOR_ENGAGEMENT (its ad groups targeting
their audiences) or APP_CAMPAIGN_FOR_PRE_REGISTRATION, running app engagement or pre-registration ads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

from midas_reconcile import money
from midas_reconcile.compile._shared import (
    Emitter,
    PlatformBudget,
    ad_groups,
    audience_refs,
    group_creatives,
    group_path,
    group_targeting_path,
    merged_targeting,
    notes,
    platform_targeting,
)
from midas_reconcile.compile.google_dynamic_search import (
    DYNAMIC_AD_GROUP,
    dynamic_search_ad,
    dynamic_search_setting,
    excluded_webpages,
    page_feed,
    webpage_criteria,
)
from midas_reconcile.compile.google_hours import ad_schedule_criteria
from midas_reconcile.compile.google_shopping import (
    all_products,
    demand_gen_shopping_setting,
    hotel_ad,
    hotel_setting,
    product_ad,
    product_filter,
    shopping_group_fields,
    shopping_setting,
)
from midas_reconcile.resources import (
    GOOGLE_DEMAND_GEN_CAROUSEL_AD,
    GOOGLE_DEMAND_GEN_PRODUCT_AD,
    GOOGLE_DEMAND_GEN_VIDEO_AD,
    MANAGED_MARKER,
    Address,
    join_path,
    keyword_identity,
    path_segment,
)
from midas_reconcile.spec import (
    AdGroup,
    BiddingStrategy,
    CampaignSpec,
    Creative,
    Keyword,
    Objective,
    Targeting,
)
from midas_reconcile.spec._codes import PLACES_BUT_A_RADIUS
from midas_reconcile.spec._google_ad_group_devices import KIND as DEVICE_MODIFIER
from midas_reconcile.spec._google_ad_group_devices import group_device_modifiers, names_group_devices
from midas_reconcile.spec._google_bidding_defaults import google_defaults
from midas_reconcile.spec._google_demand_gen import (
    DEMAND_GEN_IMAGE_OPTIONS,
    demand_gen_channel_controls,
    is_demand_gen_video_ad,
)
from midas_reconcile.spec._google_devices import device_criteria, names_devices
from midas_reconcile.spec._google_display import DISPLAY_IMAGE_OPTIONS, business_name_of, long_headline_of
from midas_reconcile.spec._google_hotel import HOTEL_AD, HOTEL_NETWORKS, percent_cpc_micros
from midas_reconcile.spec._google_hotel_bookings import group_booking_modifiers, names_hotel_bookings
from midas_reconcile.spec._google_location_bids import OPTION as LOCATION_BIDS
from midas_reconcile.spec._google_location_bids import names_places, with_location_bids
from midas_reconcile.spec._google_performance_max import (
    BRAND_IMAGES,
    PMAX_IMAGES,
    has_brand_guidelines,
    long_headlines_of,
)
from midas_reconcile.spec._google_shopping import ALL_PRODUCTS, PRODUCT_AD
from midas_reconcile.spec._places import Radius
from midas_reconcile.spec._schedule_hours import google_hours_of
from midas_reconcile.spec.models import (
    APP_GOAL_STRATEGIES,
    APP_KIND_GOALS,
    APP_SUB_TYPES,
    PRODUCT_CREATIVE,
    CarouselCard,
    CreativeGoogle,
    GoogleImpressionShare,
)
from midas_reconcile.targeting import GoogleTargeting, TargetingMapper
from midas_reconcile.targeting.model import PlaceConflict

#: The scheme that holds each targeted strategy of a Performance Max campaign (its default:
#: ``spec._google_bidding_defaults.PMAX_DEFAULT_BIDDING``).
PMAX_SCHEMES: Final = {"TARGET_CPA": "MAXIMIZE_CONVERSIONS", "TARGET_ROAS": "MAXIMIZE_CONVERSION_VALUE"}
#: A Display campaign serves on the Display Network alone (v26 Campaign.NetworkSettings
#: ``target_content_network``: "ads will be served on specified placements in the Google Display Network").
DISPLAY_NETWORKS: Final = {
    "target_google_search": False,
    "target_search_network": False,
    "target_content_network": True,
}
GOOGLE_BIDDING: dict[BiddingStrategy, str] = {
    BiddingStrategy.MAXIMIZE_CONVERSIONS: "MAXIMIZE_CONVERSIONS",
    BiddingStrategy.MAXIMIZE_CONVERSION_VALUE: "MAXIMIZE_CONVERSION_VALUE",
    BiddingStrategy.TARGET_CPA: "TARGET_CPA",
    BiddingStrategy.TARGET_ROAS: "TARGET_ROAS",
    BiddingStrategy.MAXIMIZE_CLICKS: "TARGET_SPEND",
    BiddingStrategy.MANUAL_CPC: "MANUAL_CPC",
    BiddingStrategy.TARGET_IMPRESSION_SHARE: "TARGET_IMPRESSION_SHARE",
    BiddingStrategy.PERCENT_CPC: "PERCENT_CPC",
}
_GOOGLE_STATUS = {"active": "ENABLED", "paused": "PAUSED"}
#: ``App.store`` → google-ads v26 AppCampaignAppStoreEnum.
GOOGLE_APP_STORES: Final = {"google_play": "GOOGLE_APP_STORE", "app_store": "APPLE_APP_STORE"}
#: An app campaign's bidding → its default ``bidding_strategy_goal_type`` (v26
#: AppCampaignBiddingStrategyGoalTypeEnum), when ``google.bidding.app_goal`` names none: installs, bid to a
#: target cost per install (target_cpa) or for as many as the budget buys (maximize_conversions); the value
#: of installs and in-app conversions, bid to a target ROAS (target_roas) or for as much as the budget buys
#: (maximize_conversion_value). The create-campaign guide pairs each goal with its scheme
#: (``google_schema.APP_GOAL_SCHEMES``); the in-app goals are named by ``app_goal`` and optimise for the
#: campaign's ``conversion_actions``.
APP_GOALS: Final = {
    "TARGET_CPA": "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST",
    "MAXIMIZE_CONVERSIONS": "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST",
    "TARGET_ROAS": "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND",
    "MAXIMIZE_CONVERSION_VALUE": "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS",
}
#: ``google.app_campaign`` → its bidding → its default goal: installs' above; engagement and pre-registration
#: take one goal per strategy (``spec.models.APP_KIND_GOALS``).
APP_DEFAULT_GOALS: Final[dict[str, dict[str, str]]] = {
    "installs": APP_GOALS,
    **{
        kind: {GOOGLE_BIDDING[APP_GOAL_STRATEGIES[goal]]: goal for goal in APP_KIND_GOALS[kind]}
        for kind in ("engagement", "pre_registration")
    },
}
#: ``google.app_campaign`` → the ad type its ads are (create-ad-group: AppAdInfo for APP_CAMPAIGN,
#: AppEngagementAdInfo for APP_CAMPAIGN_FOR_ENGAGEMENT, AppPreRegistrationAdInfo for
#: APP_CAMPAIGN_FOR_PRE_REGISTRATION; v26 AdTypeEnum).
APP_AD_TYPES: Final = {
    "installs": "APP_AD",
    "engagement": "APP_ENGAGEMENT_AD",
    "pre_registration": "APP_PRE_REGISTRATION_AD",
}


def named_types_of(spec: CampaignSpec) -> tuple[str, ...]:
    """The criterion types a Google campaign's spec names though it may compile none of them
    (``Resource.named_types``): read from the spec alone, nothing resolved."""
    return (*names_devices(spec), *names_places(spec))


def named_types_by_path(spec: CampaignSpec, name: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """``named_types_of`` the campaign ``name`` and the types each of its Google ad groups' specs names
    (``spec._google_ad_group_devices.names_group_devices``), by (kind, address path), those naming any."""
    path = path_segment(name)
    named = {("campaign", path): named_types_of(spec)}
    for group in ad_groups(spec, "google"):
        named["ad_group", join_path(path, group.name)] = names_group_modifiers(group)
    return {key: types for key, types in named.items() if types}


def compile_google(
    emit: Emitter,
    spec: CampaignSpec,
    name: str,
    budget: PlatformBudget | Address,
    mapper: TargetingMapper,
) -> None:
    """One campaign on Google: its budget (not shared) or the address of the shared budget funding it
    (compiled once, apart: ``compile._Compiler.shared_budget``), the Search (or Display) campaign with its
    location, language, negative-keyword and other exclusion criteria and its own targeted ages, genders
    and interests, and every ad group."""
    native_name = spec.google.name or name
    path = path_segment(name)
    if isinstance(budget, Address):
        budget_addr = budget
    else:
        budget_fields: dict[str, Any] = {
            "name": spec.google.budget_name or native_name,
            "delivery_method": spec.google.budget_delivery.upper(),
            "explicitly_shared": False,
        }
        if budget.period == "daily":
            budget_fields["amount_micros"] = budget.units
        else:  # Google takes a total amount only over a CUSTOM_PERIOD (the default period is DAILY)
            budget_fields.update(period="CUSTOM_PERIOD", total_amount_micros=budget.units)
        budget_addr = emit("campaign_budget", path, budget_fields, warnings=notes(budget.note))
    channel, bidding = google_defaults(spec.objective, spec.google.channel)
    networks = spec.google.networks
    campaign_fields: dict[str, Any] = {
        "name": native_name,
        "status": _GOOGLE_STATUS[spec.google.status or spec.status],
        "advertising_channel_type": channel,
        "bidding_strategy_type": bidding,
        "network_settings": dict(DISPLAY_NETWORKS)
        if channel == "DISPLAY"
        else {
            "target_google_search": networks.search,
            "target_search_network": networks.search_partners,
            "target_content_network": networks.display,
        },
        "labels": sorted({MANAGED_MARKER, *spec.google.labels}),
        "contains_eu_political_advertising": spec.google.eu_political_advertising,
    }
    if channel == "DEMAND_GEN":
        # A Demand Gen campaign's surfaces are per ad group (all unless the advertiser picks some, v26
        # DemandGenChannelControls, which MIDAS does not): it takes no network settings. Its
        # locations and languages are ad group criteria with upgraded targeting, sent though it is Google's
        # default as it can only be set on create (v26 DemandGenCampaignSettings.upgraded_targeting).
        del campaign_fields["network_settings"]
        campaign_fields["demand_gen_campaign_settings"] = {"upgraded_targeting": True}
        if (products := demand_gen_shopping_setting(spec)) is not None:
            campaign_fields["demand_gen_shopping_setting"] = products
    if channel == "SHOPPING":
        # Its network settings are a Search campaign's (``google.networks``): sent, so that what Google
        # reads back is what the spec says.
        campaign_fields["shopping_setting"] = shopping_setting(spec)
    if channel == "HOTEL":  # on Google Search alone (``spec._google_hotel``)
        campaign_fields["hotel_setting"] = hotel_setting(spec)
        campaign_fields["network_settings"] = dict(HOTEL_NETWORKS)
    if channel == "SEARCH" and (dsa := dynamic_search_setting(spec)) is not None:
        campaign_fields["dynamic_search_ads_setting"] = dsa
        if feed := page_feed(spec):
            campaign_fields["page_feed"] = feed
    app = spec.app if spec.objective == Objective.APP_PROMOTION else None
    bid = spec.google.bidding
    if bid.strategy is not None:
        campaign_fields["bidding_strategy_type"] = GOOGLE_BIDDING[bid.strategy]
    if bid.target_cpa is not None:
        campaign_fields["target_cpa_micros"] = money.to_google_micros(bid.target_cpa)
    if bid.target_roas is not None:
        campaign_fields["target_roas"] = f"{bid.target_roas.normalize():f}"
    if bid.impression_share is not None:
        campaign_fields.update(_impression_share_fields(bid.impression_share))
    # Maximize clicks' or percent CPC's max CPC limit (v26 TargetSpend / PercentCpc .cpc_bid_ceiling_micros).
    if bid.max_cpc is not None:
        campaign_fields["cpc_bid_ceiling_micros"] = money.to_google_micros(bid.max_cpc)
    campaign_fields.update(_url_options(spec))
    if spec.schedule.start is not None:
        campaign_fields["start_date"] = spec.schedule.start.isoformat()
    if spec.schedule.end is not None:
        campaign_fields["end_date"] = spec.schedule.end.isoformat()
    if app is not None:
        # An app campaign serves wherever its ads suit and takes no network settings.
        del campaign_fields["network_settings"]
        kind = spec.google.app_campaign
        campaign_fields["advertising_channel_sub_type"] = APP_SUB_TYPES[kind]
        campaign_fields["app_campaign_setting"] = {
            "app_id": app.id,
            "app_store": GOOGLE_APP_STORES[app.store],
            "bidding_strategy_goal_type": bid.app_goal
            or APP_DEFAULT_GOALS[kind][campaign_fields["bidding_strategy_type"]],
        }
        if bid.conversion_actions:
            campaign_fields["conversion_actions"] = sorted(bid.conversion_actions)
    if channel == "PERFORMANCE_MAX":
        del campaign_fields["network_settings"]  # it serves on every Google property
        strategy = campaign_fields["bidding_strategy_type"]
        campaign_fields["bidding_strategy_type"] = PMAX_SCHEMES.get(strategy, strategy)
        # Brand guidelines are on by default for a new Performance Max campaign from v21 ("Create a
        # campaign", developers.google.com/google-ads/api/performance-max/create-campaign); MIDAS links
        # business name and logo to the asset group, which only works with them off (v26 AssetLinkError
        # BRAND_ASSETS_NOT_LINKED_AT_CAMPAIGN_LEVEL) unless told to turn them on, which moves business name
        # and logos to the campaign. Only settable on create.
        campaign_fields.update(_brand_guidelines(spec))
    campaign_addr = emit(
        "campaign",
        path,
        campaign_fields,
        refs={"campaign_budget": budget_addr},
        named_types=named_types_of(spec),
    )
    _devices(emit, spec, campaign_addr)
    for key, fields in ad_schedule_criteria(
        google_hours_of(spec)
    ):  # any channel's (an app campaign has none)
        emit("campaign_criterion", join_path(path, key), fields, refs={"campaign": campaign_addr})
    if channel == "PERFORMANCE_MAX":
        _performance_max_campaign(emit, spec, campaign_addr, mapper)
        return
    if app is not None:
        _app_campaign(emit, spec, campaign_addr, mapper)
        return
    if channel == "DEMAND_GEN":
        _demand_gen_campaign(emit, spec, campaign_addr, mapper)
        return
    if channel in ("SHOPPING", "HOTEL"):
        _feed_campaign(emit, spec, campaign_addr, mapper)
        return

    base, campaign_targeting = _campaign_targeting(emit, spec, mapper)
    in_campaign = {"campaign": campaign_addr}  # the refs of everything in the campaign (one dict)
    _criteria(emit, campaign_targeting, "campaign", in_campaign, campaign_targeting.warnings)
    for keyword in spec.google.negative_keywords:
        key, fields = _keyword(keyword, negative=True)
        emit("campaign_criterion", join_path(path, key), fields, refs=in_campaign)
    if (dynamic_search := spec.google.dynamic_search_ads) is not None:  # the pages no ad group targets
        for key, fields in excluded_webpages(dynamic_search.exclude_webpages):
            emit("campaign_criterion", join_path(path, key), fields, refs=in_campaign)
    exclusions = mapper.google_exclusions(spec.google, "campaign")
    emit.unresolved(exclusions.unresolved, ("spec", "google"), field="negative_interests")
    _criteria(emit, exclusions, "campaign", in_campaign, exclusions.warnings)
    # What the campaign itself targets (positive campaign criteria, as a console may set them): Google
    # lists age ranges and genders as positive and negative at campaign and ad group level
    # (developers.google.com/google-ads/api/docs/targeting/criteria, "Supported criteria by level").
    targets = mapper.google_campaign_targets(spec.google)
    emit.unresolved(targets.unresolved, ("spec", "google"), field="campaign_interests")
    _criteria(emit, targets, "campaign", in_campaign, targets.warnings)

    for group in ad_groups(spec, "google"):
        _ad_group(emit, spec, group, in_campaign, base, campaign_targeting, mapper)


def _app_campaign(emit: Emitter, spec: CampaignSpec, campaign_addr: Address, mapper: TargetingMapper) -> None:
    """The rest of an app campaign: its location and language criteria, then per ad group the ad group
    (no type: Google gives an app campaign's its own), in an engagement campaign the audiences it targets,
    and an app ad (engagement ad, pre-registration ad) per creative. What else an app campaign cannot hold
    (keywords, demographics, exclusions) is a spec error (``spec._google_app``)."""
    base, targeting = _campaign_targeting(emit, spec, mapper)
    where = ("spec", "google", "targeting") if spec.google.targeting else ("spec", "targeting")
    emit.out_of_range(base.locations, where, _no_app_radius)
    targeting.criteria = [c for c in targeting.criteria if c.fields.get("type") != "PROXIMITY"]
    in_campaign = _locations_and_languages(emit, targeting, campaign_addr)
    for group in ad_groups(spec, "google"):
        group_path = join_path(campaign_addr.path, group.name)
        group_fields = _untyped_group_fields(group)
        warnings = _google_group_override_warnings(campaign_addr.path, group)
        group_addr = emit("ad_group", group_path, group_fields, refs=in_campaign, warnings=warnings)
        in_group = {"ad_group": group_addr}
        if spec.google.app_campaign == "engagement":
            # "You must target a specific audience by adding an AdGroupCriterion" (create-ad-group): the
            # ad group's audiences, the only ad group criteria its targeting may hold.
            mapped = targeting
            if group.targeting is not None:
                mapped = mapper.to_google(merged_targeting(base, group.targeting))
                emit.unresolved(mapped.unresolved, group_targeting_path(spec, group))
            _criteria(emit, mapped, "ad_group", in_group, mapped.warnings)
        for creative in group_creatives(spec, group, "google"):
            ad_path = join_path(group_path, creative.name)
            emit("ad_group_ad", ad_path, _app_ad(spec, creative), refs=in_group)


def _app_ad(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """A creative's ad in an app campaign, of its kind's ad type: its texts, and the images of an app
    engagement or pre-registration ad (asset ids). MIDAS sends no videos."""
    fields: dict[str, Any] = {
        "status": _GOOGLE_STATUS[creative.status],
        "type": APP_AD_TYPES[spec.google.app_campaign],
        "headlines": sorted(creative.headlines),
        "descriptions": sorted(creative.descriptions),
    }
    if creative.google.images:
        fields["images"] = sorted(creative.google.images)
    return fields


def _demand_gen_campaign(
    emit: Emitter, spec: CampaignSpec, campaign_addr: Address, mapper: TargetingMapper
) -> None:
    """The rest of a Demand Gen campaign: per ad group the ad group (no type: "Create an ad group without a
    type", developers.google.com/google-ads/api/docs/demand-gen/create-campaign), its location and language
    criteria (the campaign's targeting, or its own override: with v26 DemandGenCampaignSettings
    ``upgraded_targeting``, true by default, they are ad group criteria), its channel controls when it picks
    channels (``google.channels``), its product filter (``google.product_groups``: a listing group tree
    without bids), and a Demand Gen multi-asset ad per creative (a video responsive ad per
    creative with YouTube videos). What else a Demand Gen
    campaign cannot hold is a spec error (``spec._google_demand_gen``)."""
    base, campaign_targeting = _campaign_targeting(emit, spec, mapper)
    in_campaign = {"campaign": campaign_addr}
    for group in ad_groups(spec, "google"):
        group_path = join_path(campaign_addr.path, group.name)
        group_fields = _untyped_group_fields(group)
        if controls := demand_gen_channel_controls(group):
            group_fields["channel_controls"] = controls
        group_addr = emit("ad_group", group_path, group_fields, refs=in_campaign)
        targeting = merged_targeting(base, group.targeting)
        if targeting is base:
            mapped = campaign_targeting
        else:
            mapped = mapper.to_google(targeting)
            emit.unresolved(mapped.unresolved, group_targeting_path(spec, group))
        in_group = {"ad_group": group_addr}
        emit.out_of_range(targeting.locations, group_targeting_path(spec, group), _no_ad_group_radius)
        emit.group_meta_alone(spec, group, targeting)
        for criterion in mapped.criteria:
            if criterion.fields.get("type") == "PROXIMITY":
                continue  # said above
            key = join_path(group_path, criterion.key)
            emit("ad_group_criterion", key, dict(criterion.fields), refs=in_group, warnings=mapped.warnings)
        if group.google.product_groups is not None:
            tree = product_filter(group.google.product_groups)
            emit("ad_group_criterion", join_path(group_path, ALL_PRODUCTS), tree, refs=in_group)
        for creative in group_creatives(spec, group, "google"):
            ad_fields = _with_url_options(_demand_gen_ad(spec, creative), creative)
            emit("ad_group_ad", join_path(group_path, creative.name), ad_fields, refs=in_group)


def _no_app_radius(radius: Radius) -> str:
    """Why an app campaign cannot target a radius (believed: its places are locations and languages)."""
    return f"an app campaign targets locations and languages, no radius; expected {PLACES_BUT_A_RADIUS}"


def _no_ad_group_radius(radius: Radius) -> str:
    """Why a Demand Gen campaign cannot target a radius (its places are its ad groups' criteria)."""
    return (
        "a radius is a campaign criterion on Google (v26 AdGroupCriterion has no proximity), and a Demand "
        f"Gen campaign's places are its ad groups'; expected {PLACES_BUT_A_RADIUS}"
    )


def _feed_campaign(
    emit: Emitter, spec: CampaignSpec, campaign_addr: Address, mapper: TargetingMapper
) -> None:
    """The rest of a campaign whose ads Google builds from a feed. A standard Shopping campaign: its location
    and language criteria and negative keywords, then per ad group a SHOPPING_PRODUCT_ADS ad group with its
    product group (the root listing group, all products, at the ad group's max CPC) and its one product ad
    (``compile.google_shopping``); what else it cannot hold is a spec error (``spec._google_shopping``). A
    Hotel campaign the same way: HOTEL_ADS ad groups at their max CPC, each with its one hotel ad and no
    listing group (a group of all the account's hotels: ``spec._google_hotel``)."""
    hotel = spec.google.channel == "hotel"
    in_campaign = _locations_and_languages(emit, _campaign_targeting(emit, spec, mapper)[1], campaign_addr)
    for keyword in spec.google.negative_keywords:
        key, fields = _keyword(keyword, negative=True)
        emit("campaign_criterion", join_path(campaign_addr.path, key), fields, refs=in_campaign)
    for group in ad_groups(spec, "google"):
        group_path = join_path(campaign_addr.path, group.name)
        status = _GOOGLE_STATUS[group.google.status or group.status or "active"]
        group_fields = shopping_group_fields(group, status, "HOTEL_ADS" if hotel else "SHOPPING_PRODUCT_ADS")
        group_fields.update(_group_targets(group))
        group_fields.update(_group_url_options(group))
        group_addr = emit(
            "ad_group", group_path, group_fields, refs=in_campaign, named_types=names_group_modifiers(group)
        )
        in_group = {"ad_group": group_addr}
        _group_devices(emit, group, in_group)
        if hotel:
            emit("ad_group_ad", join_path(group_path, HOTEL_AD), hotel_ad(), refs=in_group)
            continue
        emit("ad_group_criterion", join_path(group_path, ALL_PRODUCTS), all_products(group), refs=in_group)
        emit("ad_group_ad", join_path(group_path, PRODUCT_AD), product_ad(), refs=in_group)


def _untyped_group_fields(group: AdGroup) -> dict[str, Any]:
    """An ad group of a campaign whose ad groups take no type (an app or Demand Gen campaign's)."""
    return {
        "name": group.name,
        "status": _GOOGLE_STATUS[group.google.status or group.status or "active"],
        "labels": sorted({MANAGED_MARKER, *group.google.labels}),
        **_group_targets(group),
        **_group_url_options(group),
    }


def _group_targets(group: AdGroup) -> dict[str, Any]:
    """The ad group's own bidding targets, which override the campaign's (``spec.checks._group_bids``)."""
    out: dict[str, Any] = {}
    if group.google.target_cpa is not None:
        out["target_cpa_micros"] = money.to_google_micros(group.google.target_cpa)
    if group.google.target_roas is not None:
        out["target_roas"] = f"{group.google.target_roas.normalize():f}"
    if group.google.percent_cpc_bid is not None:  # a Hotel ad group's (``spec._google_hotel``)
        out["percent_cpc_bid_micros"] = percent_cpc_micros(group.google.percent_cpc_bid)
    return out


def _performance_max_campaign(
    emit: Emitter, spec: CampaignSpec, campaign_addr: Address, mapper: TargetingMapper
) -> None:
    """The rest of a Performance Max campaign: its location and language criteria, then an asset group per
    ad group running on Google, made of its one creative's assets (``spec._google_performance_max`` makes
    sure there is one, and that nothing else is asked of the campaign)."""
    in_campaign = _locations_and_languages(emit, _campaign_targeting(emit, spec, mapper)[1], campaign_addr)
    for group in ad_groups(spec, "google"):
        creatives = group_creatives(spec, group, "google")
        if len(creatives) != 1:
            continue  # a spec error says so
        fields = _asset_group(spec, creatives[0])
        fields.update(name=group.name, status=_GOOGLE_STATUS[group.google.status or group.status or "active"])
        warnings = _google_group_override_warnings(campaign_addr.path, group)
        emit(
            "asset_group",
            join_path(campaign_addr.path, group.name),
            fields,
            refs=in_campaign,
            warnings=warnings,
        )


def _brand_guidelines(spec: CampaignSpec) -> dict[str, Any]:
    """A Performance Max campaign's brand guidelines switch, and with them on its brand assets (campaign
    assets: ``resources.GOOGLE_CAMPAIGN_BRAND_ASSETS``)."""
    brand = spec.google.brand_guidelines
    if brand is None:
        return {"brand_guidelines_enabled": False}
    fields: dict[str, Any] = {"brand_guidelines_enabled": True, "business_name": spec.google.business_name}
    for option in BRAND_IMAGES:
        if ids := getattr(brand, option):
            fields[option] = sorted(ids)
    return fields


def _asset_group(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """The assets and URLs of an asset group made of ``creative`` (v26 AssetGroup and its AssetGroupAsset
    links): texts, long headlines, the business name, images by asset id, YouTube videos by video id, final
    URLs and display paths."""
    fields = _with_videos(_image_assets(spec, creative, PMAX_IMAGES), creative)
    fields["long_headlines"] = sorted(long_headlines_of(creative))
    if creative.google.call_to_action is not None:  # none: Google's automated call to action
        fields["call_to_action"] = creative.google.call_to_action.upper()
    if has_brand_guidelines(spec):  # the campaign's assets (``_brand_guidelines``)
        for option in ("business_name", *BRAND_IMAGES):
            fields.pop(option, None)
    for display_path in ("path1", "path2"):
        if (value := getattr(creative.google, display_path)) is not None:
            fields[display_path] = value
    return fields


def _image_assets(spec: CampaignSpec, creative: Creative, images: Iterable[str]) -> dict[str, Any]:
    """What a responsive display ad, a Demand Gen multi-asset ad and an asset group all make of a creative:
    its texts, business name (``spec._google_display`` says where it comes from) and final URLs, and of its
    ``images`` options those it names by asset id."""
    fields: dict[str, Any] = {
        "headlines": sorted(creative.headlines),
        "descriptions": sorted(creative.descriptions),
        "business_name": business_name_of(spec, creative),
        "final_urls": [spec.link_of(creative), *creative.google.additional_final_urls],
    }
    for option in images:
        if ids := getattr(creative.google, option):
            fields[option] = sorted(ids)
    return fields


def _with_videos(fields: dict[str, Any], creative: Creative) -> dict[str, Any]:
    """``fields`` with the creative's YouTube videos by video id (a responsive display ad's or an asset
    group's), when it has any."""
    if creative.google.youtube_videos:
        fields["youtube_videos"] = sorted(creative.google.youtube_videos)
    return fields


def _campaign_targeting(
    emit: Emitter, spec: CampaignSpec, mapper: TargetingMapper
) -> tuple[Targeting, GoogleTargeting]:
    """The targeting ``spec`` runs on Google (``google.targeting`` over the unified one) and its Google
    criteria; names it cannot resolve are errors at the field that says them."""
    base = platform_targeting(spec, "google")
    # A place's bid adjustment is a field of its criterion (``spec._google_location_bids``).
    targeting, clashes = with_location_bids(spec, mapper.to_google(base))
    for entry, message in clashes:
        emit.issue((*LOCATION_BIDS, entry), message)
    where = ("spec", "google", "targeting") if spec.google.targeting else ("spec", "targeting")
    emit.unresolved(targeting.unresolved, where)
    emit.radii_excluded_nowhere(spec, base)  # a radius only Meta excludes must be excluded there
    return base, targeting


def _locations_and_languages(
    emit: Emitter, targeting: GoogleTargeting, campaign_addr: Address
) -> dict[str, Address]:
    """The campaign criteria of a campaign that targets locations and languages only (an app or Performance
    Max campaign: their spec rules make sure ``targeting`` names nothing else); returns its children's
    refs."""
    in_campaign = {"campaign": campaign_addr}
    _criteria(emit, targeting, "campaign", in_campaign, targeting.warnings)
    return in_campaign


def _present_url_options(final_url_suffix: str | None, owner: Any, *lists: str) -> dict[str, Any]:
    """The Google URL options an object says, those it has: ``final_url_suffix``, then ``owner``'s tracking
    template and custom parameters and its lists named ``lists`` (``final_mobile_urls``)."""
    options: dict[str, Any] = {
        "final_url_suffix": final_url_suffix,
        "tracking_url_template": owner.tracking_url_template,
        "url_custom_parameters": dict(owner.url_custom_parameters) or None,
        **{name: list(getattr(owner, name)) or None for name in lists},
    }
    return {k: v for k, v in options.items() if v is not None}


def _group_url_options(group: AdGroup) -> dict[str, Any]:
    """The ad group's own URL options (``google.final_url_suffix`` …), over the campaign's."""
    return _present_url_options(group.google.final_url_suffix, group.google)


def _url_options(spec: CampaignSpec) -> dict[str, Any]:
    """The campaign's URL options: its ``url_parameters`` as its final URL suffix, and Google's own tracking
    template and custom parameters."""
    return _present_url_options(spec.url_parameters, spec.google)


def _with_url_options(fields: dict[str, Any], creative: Creative) -> dict[str, Any]:
    """An ad's ``fields`` with the creative's own URL options: its ``url_parameters`` as its final URL suffix
    and ``google``'s tracking template, custom parameters and final mobile URLs (over its ad group's and
    campaign's, which Google applies to an ad without them)."""
    fields.update(_present_url_options(creative.url_parameters, creative.google, "final_mobile_urls"))
    return fields


def _impression_share_fields(share: GoogleImpressionShare) -> dict[str, Any]:
    """A campaign's target impression share settings in Google's units: the location's enum name, the
    share in millionths (google-ads v26 ``location_fraction_micros``: 1 % = 10,000) and the CPC ceiling
    in micros."""
    return {
        "target_impression_share_location": share.location.name,
        "location_fraction_micros": int(share.share * money.MICROS_PER_UNIT),
        "cpc_bid_ceiling_micros": money.to_google_micros(share.max_cpc),
    }


def _ad_group(
    emit: Emitter,
    spec: CampaignSpec,
    group: AdGroup,
    in_campaign: dict[str, Address],
    base: Targeting,
    campaign_targeting: GoogleTargeting,
    mapper: TargetingMapper,
) -> None:
    """An ad group with its criteria (ages, genders, interests, keywords) and its ads: responsive search ads,
    or responsive display ads in a Display campaign; a dynamic ad group (``google.webpages``) with its
    webpage criteria instead of keywords and expanded dynamic search ads (``compile.google_dynamic_search``).
    ``in_campaign`` is the refs dict of the campaign's children; ``base`` the campaign's targeting on
    Google, ``campaign_targeting`` its mapping."""
    name = in_campaign["campaign"].path
    group_path = join_path(name, group.name)
    display = spec.google.channel == "display"
    dynamic = bool(group.google.webpages)
    group_fields: dict[str, Any] = {
        "name": group.name,
        "status": _GOOGLE_STATUS[group.google.status or group.status or "active"],
        "type": DYNAMIC_AD_GROUP if dynamic else "DISPLAY_STANDARD" if display else "SEARCH_STANDARD",
        "labels": sorted({MANAGED_MARKER, *group.google.labels}),
    }
    if group.google.cpc_bid is not None:
        group_fields["cpc_bid_micros"] = money.to_google_micros(group.google.cpc_bid)
    group_fields.update(_group_targets(group))
    group_fields.update(_group_url_options(group))
    targeting = merged_targeting(base, group.targeting)
    if targeting.audiences and group.google.audience_mode == "targeting":
        # Targeting audiences restricts the ad group's reach to them (Google's default for Search is
        # "observation": bids adjusted, nobody left out).
        group_fields["audience_bid_only"] = False
    group_warnings, nowhere = _campaign_level_overrides(spec, name, group)
    group_addr = emit(
        "ad_group",
        group_path,
        group_fields,
        refs=in_campaign,
        warnings=nowhere,
        named_types=names_group_modifiers(group),
    )
    in_group = {"ad_group": group_addr}
    _group_devices(emit, group, in_group)
    # An ad group without an override has the campaign's targeting: map it once.
    read = _google_reads(base, targeting)
    if read is base:
        mapped = campaign_targeting
    else:
        mapped = mapper.to_google(read)
        emit.unresolved(mapped.unresolved, group_targeting_path(spec, group))
    if read is not targeting:
        # Google reads none of the ad group's own locations, yet one its account does not know is still a
        # mistake in the spec: each is resolved; only the pairs Google reads (``read``'s) are checked.
        unknown = [u for u in mapper.to_google(targeting).unresolved if not isinstance(u, PlaceConflict)]
        emit.unresolved([u for u in unknown if u.kind == "location"], group_targeting_path(spec, group))
    _criteria(emit, mapped, "ad_group", in_group, [*mapped.warnings, *group_warnings])
    emit.group_meta_alone(spec, group, targeting)
    _group_exclusions(emit, spec, group, in_group, mapped, mapper)
    for key, fields in webpage_criteria(group):
        emit("ad_group_criterion", join_path(group_path, key), fields, refs=in_group)
    # A dynamic ad group takes no keywords (a spec error: ``spec._google_dynamic_search``).
    own = [] if dynamic else [*spec.google.keywords, *group.keywords]
    keywords = {(keyword_identity(k.text), k.match): k for k in own}
    for _, keyword in sorted(keywords.items(), key=lambda item: (item[0][0], item[0][1].value)):
        key, fields = _keyword(keyword, negative=False)
        emit("ad_group_criterion", join_path(group_path, key), fields, refs=in_group)
    for keyword in group.google.negative_keywords:
        key, fields = _keyword(keyword, negative=True)
        emit("ad_group_criterion", join_path(group_path, key), fields, refs=in_group)
    for creative in group_creatives(spec, group, "google"):
        if dynamic:
            ad = dynamic_search_ad(creative, _GOOGLE_STATUS[creative.status])
        else:
            ad = _display_ad(spec, creative) if display else _search_ad(spec, creative)
        ad_fields = _with_url_options(ad, creative)
        emit("ad_group_ad", join_path(group_path, creative.name), ad_fields, refs=in_group)


def _search_ad(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """A creative's responsive search ad: its texts, final URLs and display URL paths."""
    fields: dict[str, Any] = {
        "status": _GOOGLE_STATUS[creative.status],
        "type": "RESPONSIVE_SEARCH_AD",
        "headlines": sorted(creative.headlines),
        "descriptions": sorted(creative.descriptions),
        "final_urls": [spec.link_of(creative), *creative.google.additional_final_urls],
    }
    for display_path in ("path1", "path2"):
        if (value := getattr(creative.google, display_path)) is not None:
            fields[display_path] = value
    return fields


def _display_ad(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """A creative's responsive display ad (v26 ResponsiveDisplayAdInfo): its texts, long headline and
    business name (``spec._google_display`` says where they come from and makes sure they exist), final URLs,
    images by asset id and YouTube videos by video id."""
    return {
        "status": _GOOGLE_STATUS[creative.status],
        "type": "RESPONSIVE_DISPLAY_AD",
        "long_headline": long_headline_of(creative),
        **_with_videos(_image_assets(spec, creative, DISPLAY_IMAGE_OPTIONS), creative),
    }


def _demand_gen_ad(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """A creative's Demand Gen multi-asset ad (v26 DemandGenMultiAssetAdInfo): its texts, business name, final
    URLs, images by asset id, call to action text if it says one, and the creative's name as the ad's
    ``name``: Google's own example names its Demand Gen ad (google-ads
    examples/advanced_operations/add_demand_gen_campaign.py) and v26 has ad_error.MISSING_ADVERTISEMENT_NAME.
    v26 ``Ad.name`` is immutable: sent on create, never compared (``diff.RULES``), so a creative renamed in
    the specs only moves MIDAS's record (``ad_names``)."""
    if is_demand_gen_video_ad(creative):
        return _demand_gen_video_ad(spec, creative)
    if creative.type == "carousel":
        return _demand_gen_carousel_ad(spec, creative)
    if creative.type == PRODUCT_CREATIVE:
        return _demand_gen_product_ad(spec, creative)
    fields: dict[str, Any] = {
        "name": creative.name,
        "status": _GOOGLE_STATUS[creative.status],
        "type": "DEMAND_GEN_MULTI_ASSET_AD",
        **_image_assets(spec, creative, DEMAND_GEN_IMAGE_OPTIONS),
    }
    if creative.google.call_to_action_text is not None:  # none: Google's own
        fields["call_to_action_text"] = creative.google.call_to_action_text
    return fields


def _demand_gen_video_ad(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """A creative's Demand Gen video responsive ad (v26 DemandGenVideoResponsiveAdInfo), named as a
    multi-asset ad is: its texts, business name and final URLs, logos and companion banner by asset id,
    YouTube videos by video id (their assets made by the connector, as a responsive display ad's are), and
    the long headlines, breadcrumbs and call to action it says (none by default: nothing of the creative
    stands in for them; the call to action as ``call_to_actions``, the CallToActionType of the asset the
    connector makes)."""
    google = creative.google
    fields: dict[str, Any] = {
        "name": creative.name,
        "status": _GOOGLE_STATUS[creative.status],
        "type": GOOGLE_DEMAND_GEN_VIDEO_AD,
        **_with_videos(_image_assets(spec, creative, ("logo_images", "companion_banners")), creative),
    }
    if google.long_headlines:
        fields["long_headlines"] = sorted(google.long_headlines)
    return _with_breadcrumbs_and_call_to_action(fields, google)


def _demand_gen_carousel_ad(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """A carousel's Demand Gen carousel ad (v26 DemandGenCarouselAdInfo), named as the other Demand Gen ads
    are: its business name, one logo, ``google.headline``, its ``primary_text`` as the description, its call
    to action text, final URLs, and its cards in order (``connectors.google_carousel``: the connector makes
    a carousel card asset of each)."""
    google = creative.google
    fields = _demand_gen_named_ad(spec, creative, GOOGLE_DEMAND_GEN_CAROUSEL_AD)
    fields["cards"] = [_carousel_card(card) for card in creative.cards]
    if google.call_to_action_text is not None:
        fields["call_to_action_text"] = google.call_to_action_text
    return fields


def _demand_gen_product_ad(spec: CampaignSpec, creative: Creative) -> dict[str, Any]:
    """A ``type: product`` creative's Demand Gen product ad (v26 DemandGenProductAdInfo), named as the other
    Demand Gen ads are: its business name, one logo, ``google.headline``, its ``primary_text`` as the
    description, breadcrumbs and call to action when it says them (the call to action as
    ``call_to_actions``, as a video responsive ad's: one CallToActionType) and final URLs
    (``spec._google_demand_gen_products``)."""
    fields = _demand_gen_named_ad(spec, creative, GOOGLE_DEMAND_GEN_PRODUCT_AD)
    return _with_breadcrumbs_and_call_to_action(fields, creative.google)


def _demand_gen_named_ad(spec: CampaignSpec, creative: Creative, ad_type: str) -> dict[str, Any]:
    """What a Demand Gen carousel and product ad say alike: name, status, ``ad_type``, business name, one
    logo, ``google.headline``, ``primary_text`` as the description and final URLs."""
    google = creative.google
    return {
        "name": creative.name,
        "status": _GOOGLE_STATUS[creative.status],
        "type": ad_type,
        "business_name": business_name_of(spec, creative),
        "logo_images": list(google.logo_images),
        "headline": google.headline,
        "description": creative.primary_text,
        "final_urls": [spec.link_of(creative), *google.additional_final_urls],
    }


def _with_breadcrumbs_and_call_to_action(fields: dict[str, Any], google: CreativeGoogle) -> dict[str, Any]:
    """``fields`` with a Demand Gen video or product ad's breadcrumbs and call to action, where said."""
    for option in ("breadcrumb1", "breadcrumb2"):
        if (value := getattr(google, option)) is not None:
            fields[option] = value
    if google.call_to_action is not None:  # a call to action asset the connector makes; none: Google's own
        fields["call_to_actions"] = [google.call_to_action.upper()]
    return fields


def _carousel_card(card: CarouselCard) -> dict[str, Any]:
    """A card of a carousel ad: its headline, final URL, images by asset id and call to action text."""
    fields: dict[str, Any] = {"headline": card.headline, "final_url": card.final_url}
    fields.update({k: v for k, v in card.google.model_dump().items() if v is not None})
    return fields


def _group_exclusions(
    emit: Emitter,
    spec: CampaignSpec,
    group: AdGroup,
    in_group: dict[str, Address],
    mapped: GoogleTargeting,
    mapper: TargetingMapper,
) -> None:
    """The ad group's own exclusions (``google.negative_*``) as negative ad group criteria beside the
    criteria of its unified targeting (``mapped``); one that targeting targets too is a spec error."""
    options = group.google
    path = group_path(spec, group)
    if path is None or not (options.negative_ages or options.negative_genders or options.negative_interests):
        return  # the implicit ad group has no options of its own
    where = (*path, "google")
    exclusions = mapper.google_exclusions(options, "ad_group")
    emit.unresolved(exclusions.unresolved, where, field="negative_interests")
    clashes = mapper.google_exclusion_clashes(options, mapped)
    for option, index, message in clashes:
        emit.issue((*where, option, index), message)
    if not clashes:
        _criteria(emit, exclusions, "ad_group", in_group, exclusions.warnings)


def _google_reads(base: Targeting, targeting: Targeting) -> Targeting:
    """What Google reads of a Search or Display ad group's ``targeting`` (its own applied over the campaign's
    ``base``): locations and excluded locations are campaign criteria, so the campaign's stand, and the ad
    group's own apply on Meta only (``_campaign_level_overrides``: or nowhere): they are neither mapped nor
    checked against Google's exclusions here, though each is still resolved (``_ad_group``)."""
    if targeting is base:
        return base
    if targeting.locations == base.locations and targeting.exclude.locations == base.exclude.locations:
        return targeting
    exclude = targeting.exclude.model_copy(update={"locations": base.exclude.locations})
    read = targeting.model_copy(update={"locations": base.locations, "exclude": exclude})
    return base if read == base else read


def _campaign_level_overrides(
    spec: CampaignSpec, campaign: str, group: AdGroup
) -> tuple[list[str], list[str]]:
    """Warnings of a Search or Display ad group's own targeting that Google sets per campaign: for its
    criteria, that it applies on Meta only (``_google_group_override_warnings``); for the ad group itself,
    where it makes no Meta ad set (its campaign or it runs on Google alone), that it applies nowhere.

    Warnings, not errors as an excluded radius no platform reads is (``Emitter.meta_alone``): ``midas mirror
    --to meta`` keeps an ad group on Google for its own places Meta cannot hold, writing exactly such an ad
    group (tests/e2e/test_mirror_compare.py), which an error would make invalid."""
    on_meta = spec.platforms.meta is not None and (group.platforms is None or "meta" in group.platforms)
    if group.targeting is None:
        return [], []
    if on_meta:
        return _google_group_override_warnings(campaign, group), []
    return [], [
        f"Google sets {field} per campaign on Search and Display, and ad group {campaign}/{group.name} makes "
        f"no Meta ad set: its own {field} apply nowhere (the campaign's apply); expected them in the "
        "campaign's targeting (or google.targeting) instead"
        for field in _overridden_campaign_level(group.targeting)
    ]


def _overridden_campaign_level(targeting: Targeting) -> list[str]:
    """The fields of an ad group's own ``targeting`` that Google sets per campaign."""
    campaign_level = sorted({"locations", "languages"} & targeting.model_fields_set)
    if targeting.exclude.locations:
        campaign_level.append("exclude.locations")
    return campaign_level


def _google_group_override_warnings(campaign: str, group: AdGroup) -> list[str]:
    if group.targeting is None:
        return []
    campaign_level = _overridden_campaign_level(group.targeting)
    return [
        f"Google sets {field} per campaign: the override in ad group {campaign}/{group.name} "
        "applies on Meta only"
        for field in campaign_level
    ]


def _devices(emit: Emitter, spec: CampaignSpec, campaign: Address) -> None:
    """The campaign's device bid adjustments: a DEVICE campaign criterion per adjusted device
    (``spec._google_devices``)."""
    for key, fields in device_criteria(spec):
        emit("campaign_criterion", join_path(campaign.path, key), fields, refs={"campaign": campaign})


def names_group_modifiers(group: AdGroup) -> tuple[str, ...]:
    """The ad group's ``Resource.named_types``: the devices (``names_group_devices``) and booking types
    (``names_hotel_bookings``) its spec names."""
    return (*names_group_devices(group), *names_hotel_bookings(group))


def _group_devices(emit: Emitter, group: AdGroup, in_group: dict[str, Address]) -> None:
    """The ad group's own bid adjustments: an ad group bid modifier per adjusted device
    (``spec._google_ad_group_devices``) and, a Hotel ad group's, per adjusted booking dimension
    (``spec._google_hotel_bookings``)."""
    for key, fields in [*group_device_modifiers(group), *group_booking_modifiers(group)]:
        emit(DEVICE_MODIFIER, join_path(in_group["ad_group"].path, key), fields, refs=in_group)


def _criteria(
    emit: Emitter, mapped: GoogleTargeting, level: str, in_parent: dict[str, Address], warnings: Sequence[str]
) -> None:
    """The mapped criteria of one level (``campaign`` or ``ad_group``) under their parent, whose
    children's refs dict is ``in_parent`` (``{level: parent}``)."""
    parent = in_parent[level]
    for criterion in mapped.criteria:
        if criterion.level == level:
            refs = in_parent
            if "user_list" in criterion.fields:
                refs = {**in_parent, **audience_refs(emit, [criterion.fields["user_list"]])}
            emit(
                f"{level}_criterion",
                join_path(parent.path, criterion.key),
                dict(criterion.fields),
                refs=refs,
                warnings=warnings,
            )


def _keyword_url_options(keyword: Keyword) -> dict[str, Any]:
    """A keyword's own landing pages and URL options (v26 AdGroupCriterion: ``final_urls`` its
    ``final_url`` and then its ``additional_final_urls``, in order)."""
    landing = (
        {"final_urls": [keyword.final_url, *keyword.additional_final_urls]}
        if keyword.final_url is not None
        else {}
    )
    return {**landing, **_present_url_options(keyword.final_url_suffix, keyword, "final_mobile_urls")}


def _keyword(keyword: Keyword, *, negative: bool) -> tuple[str, dict[str, Any]]:
    """Criterion key and fields; the key holds the text as Google tells keywords apart
    (``keyword_identity``)."""
    match = keyword.match.value.upper()
    prefix = "negative_keyword" if negative else "keyword"
    fields: dict[str, Any] = {
        "type": "KEYWORD",
        "keyword_text": keyword.text,
        "keyword_match_type": match,
    }
    if negative:
        fields["negative"] = True
    else:
        if keyword.cpc_bid is not None:
            fields["cpc_bid_micros"] = money.to_google_micros(keyword.cpc_bid)
        fields.update(_keyword_url_options(keyword))
    if keyword.status == "paused":
        fields["status"] = "PAUSED"
    return f"{prefix}:{match}:{keyword_identity(keyword.text)}", fields
