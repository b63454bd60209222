"""The Google Ads rules the simulator enforces, per resource type: create, update, remove, read.

Every function runs inside one operation's savepoint and raises ``OpError`` with the API's error code
(``campaign_error.DUPLICATE_CAMPAIGN_NAME`` …) and the field path relative to the resource.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.connectors.google_schema import (
    AGE_RANGES,
    APP_GOAL_SCHEMES,
    APP_SUB_TYPE_GOALS,
    BIDDING_SCHEMES,
    CAROUSEL_CARD_ASSET,
    CRITERION_TYPES,
    DEVICE_CRITERION_IDS,
    GENDERS,
    PAGE_FEED_ASSET,
    PROXIMITY_RADIUS_UNITS,
    RESOURCE_TYPES,
    OpError,
    ResourceType,
    keyword_criterion_id,
)
from midas_reconcile.connectors.sandbox import metrics
from midas_reconcile.connectors.sandbox.google_ad_rules import check_ad
from midas_reconcile.connectors.sandbox.google_ad_schedule_rules import check_ad_schedule
from midas_reconcile.connectors.sandbox.google_asset_group_rules import (
    check_ad_videos,
    check_asset_group,
    check_removable,
    create_call_to_action_asset,
    create_campaign_link,
    create_link,
    create_text_asset,
    create_youtube_video_asset,
    joined_rows,
)
from midas_reconcile.connectors.sandbox.google_bid_modifier_rules import check_modifier_range
from midas_reconcile.connectors.sandbox.google_booking_rules import booking_criterion, booking_criterion_id
from midas_reconcile.connectors.sandbox.google_carousel_rules import create_carousel_card_asset
from midas_reconcile.connectors.sandbox.google_device_rules import (
    bid_modifier_criterion_id,
    check_bid_modifier,
    check_device_removal,
    check_not_opted_out,
    device_criterion_id,
    held_devices,
)
from midas_reconcile.connectors.sandbox.google_dynamic_search_rules import (
    check_dynamic_ad,
    check_dynamic_ad_group,
    check_dynamic_campaign_criterion,
    check_dynamic_criterion,
    check_dynamic_search_setting,
    webpage_criterion_id,
)
from midas_reconcile.connectors.sandbox.google_location_bid_rules import (
    PLACE_KINDS,
    check_place_bid_modifier,
    is_place,
)
from midas_reconcile.connectors.sandbox.google_page_feed_rules import (
    check_asset_set_name,
    create_asset_set,
    create_asset_set_asset,
    create_campaign_asset_set,
    create_page_feed_asset,
    joined_set_rows,
)
from midas_reconcile.connectors.sandbox.google_product_ad_rules import (
    check_demand_gen_product_ad,
    check_demand_gen_shopping_setting,
)
from midas_reconcile.connectors.sandbox.google_shopping_rules import (
    HOTEL,
    SHOPPING,
    check_filter_bid,
    check_hotel_campaign,
    check_merchant_kept,
    check_percent_cpc_bid,
    check_percent_cpc_scheme,
    check_shopping_campaign,
    listing_group_id,
    listing_groups_touched,
    remove_listing_group,
)
from midas_reconcile.connectors.sandbox.google_url_rules import check_keyword_url_options, check_url_options
from midas_reconcile.connectors.sandbox.place_catalog import find_place
from midas_reconcile.connectors.sandbox.world import StoredObject, Txn
from midas_reconcile.money import google_billable_unit_micros
from midas_reconcile.resources import (
    GOOGLE,
    GOOGLE_CRITERION_KINDS,
    GOOGLE_DEMAND_GEN_ADS,
    GOOGLE_DEMAND_GEN_PRODUCT_AD,
    GOOGLE_KEYWORD_INVALID_CHARS,
)

NextId = Callable[[Txn], str]
_REMOVED: Final = "REMOVED"
#: Channels whose budgets cannot deliver ACCELERATED: Google retired accelerated delivery for Search and
#: Shopping campaigns and for shared budgets in October 2019, and has refused it since ("Sunsetting
#: accelerated budget delivery", Google Ads Developer Blog, 2019-08-21); Display and Video keep it.
_STANDARD_ONLY_CHANNELS: Final = frozenset({"SEARCH", "SHOPPING"})
_ACCELERATED: Final = "campaign_budget_error.CANNOT_USE_ACCELERATED_DELIVERY_MODE"
#: The ad group types each channel's ad groups may have (v26 AdGroupTypeEnum: SEARCH_STANDARD "the default
#: ad group type for Search campaigns", DISPLAY_STANDARD for Display, SHOPPING_PRODUCT_ADS for Shopping,
#: HOTEL_ADS for Hotel …). An app campaign's ad groups have none: "Do not specify a type for the ad group"
#: (developers.google.com/google-ads/api/docs/app-campaigns/create-ad-group); nor have a Demand Gen
#: campaign's: "Create an ad group without a type" (developers.google.com/google-ads/api/docs/demand-gen/
#: create-campaign).
_AD_GROUP_TYPES: Final[dict[str, frozenset[str]]] = {
    "SEARCH": frozenset({"SEARCH_STANDARD", "SEARCH_DYNAMIC_ADS"}),
    "DISPLAY": frozenset({"DISPLAY_STANDARD"}),
    "SHOPPING": frozenset({"SHOPPING_PRODUCT_ADS"}),
    "VIDEO": frozenset({"VIDEO_TRUE_VIEW_IN_STREAM"}),
    "HOTEL": frozenset({"HOTEL_ADS"}),
    "MULTI_CHANNEL": frozenset(),
    "DEMAND_GEN": frozenset(),
}
_APP_CHANNEL: Final = "MULTI_CHANNEL"
_DEMAND_GEN: Final = "DEMAND_GEN"
#: Brand guidelines are "automatically enabled for new Performance Max campaigns in Google Ads API v21 and
#: onwards" (developers.google.com/google-ads/api/performance-max/create-campaign), in the UI as by the API:
#: a campaign created without ``brand_guidelines_enabled`` false has them on, and then takes business name
#: and logo links at campaign level only (``google_asset_group_rules.create_link``).
_PERFORMANCE_MAX: Final = "PERFORMANCE_MAX"
#: Channels whose campaigns cannot use a shared budget: "App campaigns … cannot use a shared campaign budget"
#: (app-campaigns/create-campaign), "a Demand Gen campaign can't use a shared budget" (demand-gen/
#: create-campaign). The code is not documented: v26 campaign_error.CAMPAIGN_CANNOT_USE_SHARED_BUDGET is the
#: sandbox's choice.
_OWN_BUDGET_CHANNELS: Final = frozenset({_APP_CHANNEL, _DEMAND_GEN})
#: The bidding schemes of a Demand Gen campaign: "maximize_conversions, maximize_conversion_value,
#: target_cpa, target_roas, target_spend, or target_cpc" (demand-gen/overview); the sandbox refuses others
#: with bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED, its choice (the code is not documented).
_DEMAND_GEN_SCHEMES: Final = frozenset(
    {
        "maximize_conversions",
        "maximize_conversion_value",
        "target_cpa",
        "target_roas",
        "target_spend",
        "target_cpc",
    }
)
#: What a Demand Gen campaign's ad groups target among the criteria the sandbox models: locations and
#: languages ("you can use location and language targeting at the ad group level as opposed to the standard
#: campaign-level targeting", v26 DemandGenCampaignSettings ``upgraded_targeting``, "defaults to true"; the
#: overview lists AdGroupCriterion audience, location, language and listing_group). Those are campaign
#: criteria of every other channel; criterion_error.CANNOT_ADD_CRITERIA_TYPE for the rest is the sandbox's
#: choice.
_AD_GROUP_PLACE_CRITERIA: Final = frozenset({"location", "language"})
#: "Video campaigns cannot be created or modified using the Google Ads API" (developers.google.com/
#: google-ads/api/docs/video/overview: the API fetches and reports on them, their ad groups, ads and
#: criteria; people build them in the Google Ads UI or with Google Ads scripts). A mutate of one is
#: answered with v26 operation_access_denied_error.MUTATE_ACTION_NOT_PERMITTED_FOR_CLIENT ("A mutate action
#: is not allowed on this resource, from this client"), trigger "VIDEO" on Google's API forum
#: (github.com/Opteo/google-ads-api/issues/167 quotes the same refusal for a YouTube campaign).
_API_READ_ONLY_CHANNELS: Final = frozenset({"VIDEO"})
_READ_ONLY_CHANNEL: Final = "operation_access_denied_error.MUTATE_ACTION_NOT_PERMITTED_FOR_CLIENT"
#: The kinds a campaign's API read-only channel covers: the campaign and what belongs to it. (Budgets,
#: which are not the campaign's own resource, and label links are left writable: no source says either
#: way.)
_CAMPAIGN_PARTS: Final = frozenset(
    {"campaign", "ad_group", "campaign_criterion", "ad_group_criterion", "ad_group_ad"}
)
#: Channels a campaign of which the API does not create as the sandbox can send it: (code, field path,
#: why). The sandbox models none of these settings, so through its API no such campaign can be made.
_UNCREATABLE_CHANNELS: Final[dict[str, tuple[str, str, str]]] = {
    # "Starting September 23, 2026, creating Smart campaigns is deprecated (returning
    # SmartCampaignError.CREATION_FAILED in v24 and later …). You can still update settings for Smart
    # campaigns in your account" (developers.google.com/google-ads/api/docs/smart-campaigns/create-campaign);
    # v26 smart_campaign_error.CREATION_FAILED: "New Smart campaigns cannot be created."
    "SMART": (
        "smart_campaign_error.CREATION_FAILED",
        "advertising_channel_type",
        "new Smart campaigns cannot be created (since 2026-09-23)",
    ),
    # A Things to do campaign is TRAVEL of sub type TRAVEL_ACTIVITIES with TravelCampaignSettings.
    # travel_account_id (developers.google.com/google-ads/api/docs/things-to-do-ads/create-campaign). The
    # code the API gives for the absent setting is not documented: field_error.REQUIRED is the sandbox's
    # choice, as for an app campaign's app_campaign_setting.
    "TRAVEL": (
        "field_error.REQUIRED",
        "travel_campaign_settings.travel_account_id",
        "a Travel campaign needs travel_campaign_settings.travel_account_id (its Things to do Center "
        "account)",
    ),
}
#: Performance Max campaigns have asset groups, not ad groups: "Unlike some other campaign types,
#: Performance Max campaigns don't have ad groups or ad objects" (developers.google.com/google-ads/scripts/
#: docs/campaigns/performance-max/using-ads-app); v26 ad_group_error.CANNOT_ADD_AD_GROUP_FOR_CAMPAIGN_TYPE
#: "Cannot add ad groups for the campaign type."
_NO_AD_GROUP_CHANNELS: Final = frozenset({"PERFORMANCE_MAX"})
#: The networks a campaign the Google Ads UI builds serves on, by channel: a Display campaign on the Google
#: Display Network alone (v26 Campaign.NetworkSettings ``target_content_network``: "Whether ads will be
#: served on specified placements in the Google Display Network"; the search flags are Search's).
_CONSOLE_NETWORKS: Final = {
    "DISPLAY": {"target_google_search": False, "target_search_network": False, "target_content_network": True}
}
#: The app campaign sub types whose campaigns may optimise for chosen conversion actions.
_SELECTIVE_OPTIMIZATION_SUB_TYPES: Final = frozenset({"APP_CAMPAIGN", "APP_CAMPAIGN_FOR_ENGAGEMENT"})
#: An APP_CAMPAIGN_FOR_ENGAGEMENT's ad groups "must target a specific audience by adding an AdGroupCriterion"
#: with a UserListInfo, and "You cannot exclude criteria" (app-campaigns/create-ad-group).
_ENGAGEMENT_GROUP_CRITERIA: Final = frozenset({"user_list"})
#: What an app campaign targets: "Campaign targeting can be refined by adding CampaignCriterion objects for
#: language and location" (developers.google.com/google-ads/api/docs/app-campaigns/create-campaign).
_APP_CAMPAIGN_CRITERIA: Final = frozenset({"location", "language"})
#: 100 % in target impression share's millionths.
_WHOLE_SHARE_MICROS: Final = 1_000_000


def _id(resource_name: str) -> str:
    return resource_name.rsplit("/", 1)[1]


def _name(cid: str, type_name: str, id_: str) -> str:
    return f"customers/{cid}/{RESOURCE_TYPES[type_name].collection}/{id_}"


def _columns(type_name: str, data: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    """The indexed columns (parent id, name, status) of a stored object."""
    status = data.get("status")
    if type_name == "campaign":
        return _id(data["campaign_budget"]), data.get("name"), status
    if type_name in ("ad_group", "asset_group"):
        return _id(data["campaign"]), data.get("name"), status
    if type_name == "asset_group_asset":
        return _id(data["asset_group"]), data.get("field_type"), status
    if type_name == "campaign_asset":
        return _id(data["campaign"]), data.get("field_type"), status
    if type_name == "asset_set_asset":
        return _id(data["asset_set"]), None, status
    if type_name == "campaign_asset_set":
        return _id(data["campaign"]), None, status
    if type_name in ("campaign_criterion", "campaign_label"):
        label = _id(data["label"]) if "label" in data else None
        return _id(data["campaign"]), label, status
    if type_name in ("ad_group_criterion", "ad_group_ad", "ad_group_label", "ad_group_bid_modifier"):
        name = data.get("ad", {}).get("name") if type_name == "ad_group_ad" else None
        if "label" in data:
            name = _id(data["label"])
        return _id(data["ad_group"]), name, status
    return None, data.get("name"), status


def put(txn: Txn, cid: str, type_name: str, data: dict[str, Any]) -> None:
    """Store a native object with its indexed columns (also used by console edits)."""
    parent, name, status = _columns(type_name, data)
    txn.put(GOOGLE, cid, type_name, _id(data["resource_name"]), data, parent=parent, name=name, status=status)


def put_console_criterion(
    txn: Txn, cid: str, type_name: str, before: dict[str, Any], data: dict[str, Any]
) -> None:
    """Store a console edit of a criterion. Its criterion (keyword, place, radius …) is immutable (v26
    CampaignCriterion and AdGroupCriterion: "Immutable"): the Google Ads UI changes one by removing it and
    adding another with an id of its own, as done here, so an edited criterion never keeps the id the
    original's content gives. An edit that leaves its identity (a keyword's case) stays in place. A product
    group (``listing_group``) is edited in its tree (``console_products``)."""
    kind = next((k for k in CRITERION_TYPES if k in data), None)
    if kind is None or kind == "listing_group" or data[kind] == before.get(kind):
        put(txn, cid, type_name, data)
        return
    parent_id = _id(before["resource_name"]).split("~", 1)[0]
    criterion_id = (
        _user_list_id(txn, cid, data[kind]) if kind == "user_list" else _criterion_id(cid, kind, data[kind])
    )
    id_ = f"{parent_id}~{criterion_id}"
    if id_ == _id(before["resource_name"]):
        put(txn, cid, type_name, data)
        return
    existing = txn.get(GOOGLE, cid, type_name, id_)
    if existing is not None and existing.status != _REMOVED:
        raise OpError(
            "mutate_error.RESOURCE_ALREADY_EXISTS",
            f"{type_name.split('_criterion')[0].replace('_', ' ')} {parent_id} already has criterion "
            f"{criterion_id} ({CRITERION_TYPES[kind]})",
            kind,
        )
    put(txn, cid, type_name, {**before, "status": _REMOVED})
    data.update(resource_name=_name(cid, type_name, id_), criterion_id=criterion_id)
    put(txn, cid, type_name, data)


def _live(txn: Txn, cid: str, type_name: str, resource_name: Any, path: str) -> StoredObject:
    """An existing, non-removed object referenced by ``path``."""
    if not resource_name:
        raise OpError("field_error.REQUIRED", f"{path} is required", path)
    found = txn.get(GOOGLE, cid, type_name, _id(resource_name))
    if found is None:
        raise OpError("mutate_error.RESOURCE_NOT_FOUND", f"{resource_name} was not found", path)
    if found.status == _REMOVED:
        raise OpError(
            "operation_access_denied_error.OPERATION_NOT_PERMITTED_FOR_REMOVED_RESOURCE",
            f"{resource_name} is removed",
            path,
        )
    return found


def _duplicates(
    txn: Txn, cid: str, type_name: str, name: str, self_id: str | None, parent: str | None = None
) -> bool:
    return any(
        status != _REMOVED and id_ != self_id
        for id_, status in txn.keys(GOOGLE, cid, type_name, name=name, parent=parent)
    )


def _required_name(data: dict[str, Any], limit: int) -> str:
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise OpError("field_error.REQUIRED", "name is required", "name")
    if len(name) > limit:
        raise OpError("string_length_error.TOO_LONG", f"name is longer than {limit} characters", "name")
    return name


# --- per type checks --------------------------------------------------------------------------------


def _check_budget(txn: Txn, cid: str, data: dict[str, Any], self_id: str | None) -> None:
    if data.get("amount_micros") is None and data.get("total_amount_micros") is None:
        raise OpError(
            "field_error.REQUIRED", "amount_micros (or total_amount_micros) is required", "amount_micros"
        )
    _check_period(data)
    for path in ("amount_micros", "total_amount_micros"):
        value = data.get(path)
        if value is None:
            continue
        if value <= 0:
            raise OpError("range_error.TOO_LOW", f"{path} must be greater than 0", path)
        currency = txn.account_currency(GOOGLE, cid)
        unit = google_billable_unit_micros(currency)
        if value % unit:
            raise OpError(
                "campaign_budget_error.NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT",
                f"{path} {value} is not a multiple of {unit:,} micros (the {currency} billable unit)",
                path,
            )
    name = data.get("name") or ""
    if data.get("explicitly_shared") and not name:
        raise OpError("field_error.REQUIRED", "an explicitly shared budget needs a name", "name")
    if data.get("explicitly_shared") and data.get("total_amount_micros") is not None:
        # total_amount_micros is one campaign's spend over its whole duration (v26 CampaignBudget); what
        # campaigns share is an average daily amount.
        raise OpError(
            "campaign_budget_error.CAMPAIGN_BUDGET_CANNOT_BE_SHARED",
            "a budget with total_amount_micros (one campaign's lifetime amount) cannot be shared",
            "total_amount_micros",
        )
    if data.get("delivery_method") == "ACCELERATED":
        _check_accelerated(txn, cid, data, self_id)
    if name and _duplicates(txn, cid, "campaign_budget", name, self_id):
        raise OpError(
            "campaign_budget_error.DUPLICATE_NAME", f"a campaign budget named {name!r} exists", "name"
        )


def _check_period(data: dict[str, Any]) -> None:
    """A daily budget has an ``amount_micros``, a CUSTOM_PERIOD one a ``total_amount_micros`` (google-ads
    v26 CampaignBudget: the total amount is used *only* with period CUSTOM_PERIOD; the period is
    immutable and defaults to DAILY), never the other."""
    if data.get("period", "DAILY") == "DAILY" and data.get("total_amount_micros") is not None:
        raise OpError(
            "campaign_budget_error.TOTAL_BUDGET_AMOUNT_MUST_BE_UNSET_FOR_BUDGET_PERIOD_DAILY",
            "total_amount_micros needs period CUSTOM_PERIOD; a DAILY budget has amount_micros",
            "total_amount_micros",
        )
    if data.get("period") == "CUSTOM_PERIOD" and data.get("amount_micros") is not None:
        raise OpError(
            "campaign_budget_error.BUDGET_AMOUNT_MUST_BE_UNSET_FOR_CUSTOM_BUDGET_PERIOD",
            "a CUSTOM_PERIOD budget has total_amount_micros, not amount_micros",
            "amount_micros",
        )


def _check_accelerated(txn: Txn, cid: str, data: dict[str, Any], self_id: str | None) -> None:
    """An ACCELERATED budget is neither shared nor one of a Search or Shopping campaign."""
    if data.get("explicitly_shared"):
        raise OpError(_ACCELERATED, "a shared budget cannot deliver ACCELERATED", "delivery_method")
    if self_id is None:
        return  # a new budget funds no campaign yet
    for id_, status in txn.keys(GOOGLE, cid, "campaign", parent=self_id):
        campaign = txn.get(GOOGLE, cid, "campaign", id_)
        channel = campaign.data.get("advertising_channel_type") if campaign is not None else None
        if status != _REMOVED and channel in _STANDARD_ONLY_CHANNELS:
            raise OpError(
                _ACCELERATED,
                f"budget {self_id} funds {channel} campaign {id_}, which cannot deliver ACCELERATED",
                "delivery_method",
            )


def _date(data: dict[str, Any], path: str) -> dt.date | None:
    value = data.get(path)
    if value is None:
        return None
    try:
        return (
            dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").date()
            if " " in value
            else dt.date.fromisoformat(value)
        )
    except ValueError:
        raise OpError(
            "date_error.INVALID_FIELD_VALUES_IN_DATE_TIME",
            f"{path} {value!r} is not 'YYYY-MM-DD HH:MM:SS'",
            path,
        ) from None


def _check_campaign(txn: Txn, cid: str, data: dict[str, Any], self_id: str | None) -> None:
    name = _required_name(data, 255)
    check_url_options(data)
    if _duplicates(txn, cid, "campaign", name, self_id):
        raise OpError(
            "campaign_error.DUPLICATE_CAMPAIGN_NAME",
            f"a campaign named {name!r} already exists "
            "(campaign names are unique among non-removed campaigns)",
            "name",
        )
    if not data.get("advertising_channel_type"):
        raise OpError(
            "field_error.REQUIRED", "advertising_channel_type is required", "advertising_channel_type"
        )
    budget = _live(txn, cid, "campaign_budget", data.get("campaign_budget"), "campaign_budget")
    channel = data["advertising_channel_type"]
    if channel in _OWN_BUDGET_CHANNELS and budget.data.get("explicitly_shared"):
        raise OpError(
            "campaign_error.CAMPAIGN_CANNOT_USE_SHARED_BUDGET",
            f"budget {budget.id} is shared; a {channel} campaign needs a budget of its own",
            "campaign_budget",
        )
    if budget.data.get("delivery_method") == "ACCELERATED" and channel in _STANDARD_ONLY_CHANNELS:
        raise OpError(
            _ACCELERATED,
            f"budget {budget.id} delivers ACCELERATED, which a {channel} campaign cannot use",
            "campaign_budget",
        )
    if not budget.data.get("explicitly_shared"):
        others = [
            id_
            for id_, status in txn.keys(GOOGLE, cid, "campaign", parent=budget.id)
            if status != _REMOVED and id_ != self_id
        ]
        if others:
            raise OpError(
                "campaign_budget_error.CANNOT_USE_IMPLICITLY_SHARED_CAMPAIGN_BUDGET_WITH_MULTIPLE_CAMPAIGNS",
                f"budget {budget.id} is not shared and already funds campaign {others[0]}",
                "campaign_budget",
            )
    schemes = [s for s in BIDDING_SCHEMES if s in data]
    if len(schemes) != 1:
        raise OpError(
            "field_error.REQUIRED" if not schemes else "mutate_error.INCONSISTENT_FIELD_VALUES",
            "a campaign needs exactly one bidding strategy (manual_cpc, maximize_conversions, …)",
            "campaign_bidding_strategy",
        )
    if channel == _APP_CHANNEL or data.get("advertising_channel_sub_type"):
        _check_app_campaign(data, channel, schemes[0])
    if channel == "DISPLAY":
        _check_display_campaign(data, schemes[0])
    if channel == _DEMAND_GEN and schemes[0] not in _DEMAND_GEN_SCHEMES:
        raise OpError(
            "bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED",
            f"a DEMAND_GEN campaign bids with {', '.join(sorted(_DEMAND_GEN_SCHEMES))}, not {schemes[0]}",
            schemes[0],
        )
    if channel == SHOPPING:
        check_shopping_campaign(data, schemes[0])
    if channel == HOTEL:
        check_hotel_campaign(data, schemes[0])
    check_percent_cpc_scheme(channel, schemes[0])
    if channel == _DEMAND_GEN:
        check_demand_gen_shopping_setting(data)
    check_dynamic_search_setting(data, channel)
    _check_selective_optimization(cid, data)
    if schemes[0] == "target_impression_share":
        _check_impression_share(data["target_impression_share"])
    start, end = _date(data, "start_date_time"), _date(data, "end_date_time")
    if start and end and start > end:
        raise OpError(
            "date_range_error.START_DATE_AFTER_END_DATE",
            "the start date is after the end date",
            "end_date_time",
        )
    data["bidding_strategy_type"] = BIDDING_SCHEMES[schemes[0]]


def _check_app_campaign(data: dict[str, Any], channel: str, scheme: str) -> None:
    """An app campaign is MULTI_CHANNEL with an app sub type, the app it promotes (its id and store) and a
    bidding goal, bidding with the scheme that goal takes (developers.google.com/google-ads/api/docs/
    app-campaigns/create-campaign: steps 2, 4, 5 and 6)."""
    sub_type = data.get("advertising_channel_sub_type")
    if channel != _APP_CHANNEL:
        raise OpError(
            "campaign_error.INVALID_ADVERTISING_CHANNEL_SUB_TYPE",
            f"{sub_type} is a sub type of MULTI_CHANNEL campaigns, not of {channel} ones",
            "advertising_channel_sub_type",
        )
    if not sub_type:
        raise OpError(
            "field_error.REQUIRED",
            "a MULTI_CHANNEL (app) campaign needs its advertising_channel_sub_type (APP_CAMPAIGN …)",
            "advertising_channel_sub_type",
        )
    setting = data.get("app_campaign_setting") or {}
    for leaf in ("app_id", "app_store", "bidding_strategy_goal_type"):
        if not setting.get(leaf):
            raise OpError(
                "field_error.REQUIRED",
                f"an app campaign needs app_campaign_setting.{leaf}",
                f"app_campaign_setting.{leaf}",
            )
    goal = setting["bidding_strategy_goal_type"]
    if sub_type not in APP_SUB_TYPE_GOALS:
        raise OpError(
            "campaign_error.INVALID_ADVERTISING_CHANNEL_SUB_TYPE",
            f"{sub_type} is not a sub type of MULTI_CHANNEL (app) campaigns",
            "advertising_channel_sub_type",
        )
    if sub_type == "APP_CAMPAIGN_FOR_PRE_REGISTRATION" and setting["app_store"] != "GOOGLE_APP_STORE":
        # v26 campaign_error: "The app pre-registration campaign cannot be created for non-Android
        # applications."
        raise OpError(
            "campaign_error.CANNOT_CREATE_APP_PRE_REGISTRATION_FOR_NON_ANDROID_APP",
            f"an app pre-registration campaign promotes an Android app (GOOGLE_APP_STORE), not one of "
            f"{setting['app_store']}",
            "app_campaign_setting.app_store",
        )
    if goal not in APP_SUB_TYPE_GOALS[sub_type]:
        # Which code Google answers a goal of another sub type with is not documented: v26
        # campaign_error.INCOMPATIBLE_CAMPAIGN_FIELD ("Two fields are in conflicting modes") is the
        # sandbox's choice.
        raise OpError(
            "campaign_error.INCOMPATIBLE_CAMPAIGN_FIELD",
            f"goal {goal} is not one of a {sub_type} campaign's: "
            + ", ".join(sorted(APP_SUB_TYPE_GOALS[sub_type])),
            "app_campaign_setting.bidding_strategy_goal_type",
        )
    if APP_GOAL_SCHEMES[goal] != scheme:
        raise OpError(
            "bidding_strategy_error.INCOMPATIBLE_BIDDING_STRATEGY_AND_BIDDING_STRATEGY_GOAL_TYPE",
            f"goal {goal} bids with {APP_GOAL_SCHEMES[goal]}, not {scheme}",
            "app_campaign_setting.bidding_strategy_goal_type",
        )


def _check_selective_optimization(cid: str, data: dict[str, Any]) -> None:
    """The conversion actions a campaign optimises for: "This feature only applies to app campaigns that use
    MULTI_CHANNEL as AdvertisingChannelType and APP_CAMPAIGN or APP_CAMPAIGN_FOR_ENGAGEMENT as
    AdvertisingChannelSubType" (v26 Campaign.selective_optimization), each a conversion action of the
    customer (``SelectiveOptimization.conversion_actions``: resource names)."""
    path = "selective_optimization.conversion_actions"
    actions = (data.get("selective_optimization") or {}).get("conversion_actions") or []
    sub_type = data.get("advertising_channel_sub_type")
    if not actions and sub_type == "APP_CAMPAIGN_FOR_ENGAGEMENT":
        # Selective optimization "is required if the campaign's advertising_channel_sub_type is
        # APP_CAMPAIGN_FOR_ENGAGEMENT" (app-campaigns/create-campaign, step 7); v26 campaign_error
        # AT_LEAST_ONE_CONVERSION_MUST_BE_SELECTED is the sandbox's choice of code.
        raise OpError(
            "campaign_error.AT_LEAST_ONE_CONVERSION_MUST_BE_SELECTED",
            "an APP_CAMPAIGN_FOR_ENGAGEMENT campaign optimises for chosen conversion actions: expected at "
            "least one",
            path,
        )
    if not actions:
        return
    if sub_type not in _SELECTIVE_OPTIMIZATION_SUB_TYPES:
        raise OpError(
            "field_error.VALUE_MUST_BE_UNSET",
            f"{path} applies to app campaigns of sub type APP_CAMPAIGN or APP_CAMPAIGN_FOR_ENGAGEMENT only",
            path,
        )
    for index, name in enumerate(actions):
        if re.fullmatch(rf"customers/{cid}/conversionActions/\d+", name) is None:
            raise OpError(
                "mutate_error.RESOURCE_NOT_FOUND",
                f"{name} is not a conversionActions resource of {cid}",
                f"{path}[{index}]",
            )


def _check_display_campaign(data: dict[str, Any], scheme: str) -> None:
    """A Display campaign serves on the Display Network, not on Google Search or its partners (v26
    CampaignErrorEnum CANNOT_TARGET_SEARCH_NETWORK), and cannot bid for target impression share, whose
    scheme places ads "at the top of the first page" of search results (v26 TargetImpressionShare; its
    settings are "required for campaigns where the AdvertisingChannelType is SEARCH"). Which codes Google
    answers these with is not documented: both exist in v26 and are the sandbox's choice, as for a Travel
    campaign's missing setting."""
    networks = data.get("network_settings") or {}
    for flag in ("target_google_search", "target_search_network"):
        if networks.get(flag):
            raise OpError(
                "campaign_error.CANNOT_TARGET_SEARCH_NETWORK",
                f"a DISPLAY campaign cannot set network_settings.{flag}",
                f"network_settings.{flag}",
            )
    if scheme == "target_impression_share":
        raise OpError(
            "bidding_strategy_error.BIDDING_STRATEGY_NOT_SUPPORTED",
            "a DISPLAY campaign cannot bid for target impression share (a Search campaign's bidding)",
            "target_impression_share",
        )


def _check_impression_share(scheme: dict[str, Any]) -> None:
    """Target impression share bidding names where on the page, the share and the CPC ceiling: google-ads
    v26 ``TargetImpressionShare`` (``cpc_bid_ceiling_micros``: "a required field entered by the
    advertiser"; ``location_fraction_micros``: "1% equals 10,000") and Google's recommendation reference
    for the same settings (``TargetImpressionShareInfo``: location required, the share "between 1 and
    1,000,000")."""
    path = "target_impression_share"
    if scheme.get("location") in (None, "UNSPECIFIED", "UNKNOWN"):
        raise OpError("field_error.REQUIRED", f"{path}.location is required", f"{path}.location")
    for leaf, what in (
        ("location_fraction_micros", "the share"),
        ("cpc_bid_ceiling_micros", "the CPC ceiling"),
    ):
        value = scheme.get(leaf)
        if value is None:
            raise OpError("field_error.REQUIRED", f"{path}.{leaf} ({what}) is required", f"{path}.{leaf}")
        if value <= 0:
            raise OpError("range_error.TOO_LOW", f"{path}.{leaf} must be greater than 0", f"{path}.{leaf}")
    if scheme["location_fraction_micros"] > _WHOLE_SHARE_MICROS:
        raise OpError(
            "range_error.TOO_HIGH",
            f"{path}.location_fraction_micros is at most {_WHOLE_SHARE_MICROS:,} (100 %)",
            f"{path}.location_fraction_micros",
        )


def _check_ad_group(txn: Txn, cid: str, data: dict[str, Any], self_id: str | None) -> None:
    check_url_options(data)
    campaign = _live(txn, cid, "campaign", data.get("campaign"), "campaign")
    channel = campaign.data.get("advertising_channel_type")
    if channel in _NO_AD_GROUP_CHANNELS:
        raise OpError(
            "ad_group_error.CANNOT_ADD_AD_GROUP_FOR_CAMPAIGN_TYPE",
            f"campaign {campaign.id} is a {channel} campaign, which has asset groups, not ad groups",
            "campaign",
        )
    allowed = _AD_GROUP_TYPES.get(str(channel))
    if data.get("type") and allowed is not None and data["type"] not in allowed:
        expected = f"one of {', '.join(sorted(allowed))}" if allowed else "no type"
        raise OpError(
            "ad_group_error.AD_GROUP_TYPE_NOT_VALID_FOR_ADVERTISING_CHANNEL_TYPE",
            f"a {channel} campaign's ad group cannot be {data['type']}; expected {expected}",
            "type",
        )
    if self_id is None:
        # v26 documents this as a rule of adding ("can only be added to campaigns that have
        # DynamicSearchAdsSetting attached"): an existing dynamic ad group is still updated (paused, say) once
        # its campaign's setting is cleared. Whether Google refuses that update is unconfirmed; the applier
        # pauses such an ad group before it clears the setting anyway (``applier._ops``).
        check_dynamic_ad_group(campaign.data, data)
    name = _required_name(data, 255)
    if _duplicates(txn, cid, "ad_group", name, self_id, parent=campaign.id):
        raise OpError(
            "ad_group_error.DUPLICATE_ADGROUP_NAME",
            f"campaign {campaign.id} has an ad group named {name!r}",
            "name",
        )
    if data.get("cpc_bid_micros") is not None and data["cpc_bid_micros"] <= 0:
        raise OpError("range_error.TOO_LOW", "cpc_bid_micros must be greater than 0", "cpc_bid_micros")
    check_percent_cpc_bid(data)


def _criterion_id(cid: str, kind: str, value: dict[str, Any], negative: bool = False) -> str:
    if kind in ("location", "language"):
        field, prefix = ("geo_target_constant", "geoTargetConstants") if kind == "location" else (
            "language_constant", "languageConstants"
        )  # fmt: skip
        match = re.fullmatch(rf"{prefix}/(\d+)", str(value.get(field, "")))
        if match is None:
            raise OpError(
                "field_error.INVALID_VALUE", f"{kind}.{field} must be '{prefix}/<id>'", f"{kind}.{field}"
            )
        return match.group(1)
    if kind == "keyword":
        text = value.get("text")
        if not isinstance(text, str) or not text.strip():
            raise OpError("string_length_error.EMPTY", "keyword.text is empty", "keyword.text")
        if len(text) > 80:
            raise OpError(
                "criterion_error.KEYWORD_TEXT_TOO_LONG", "keyword text exceeds 80 characters", "keyword.text"
            )
        if len(text.split()) > 10:
            raise OpError(
                "criterion_error.KEYWORD_HAS_TOO_MANY_WORDS", "keyword has more than 10 words", "keyword.text"
            )
        if set(text) & GOOGLE_KEYWORD_INVALID_CHARS:
            raise OpError(
                "criterion_error.KEYWORD_HAS_INVALID_CHARS",
                "keyword text has invalid characters or symbols",
                "keyword.text",
            )
        if not value.get("match_type"):
            raise OpError("field_error.REQUIRED", "keyword.match_type is required", "keyword.match_type")
        return keyword_criterion_id(text, value["match_type"])
    if kind == "proximity":
        return _proximity_id(value)
    if kind == "webpage":
        return webpage_criterion_id(value)
    if kind == "device":
        return device_criterion_id(value, negative)
    if kind in ("age_range", "gender"):
        table = AGE_RANGES if kind == "age_range" else GENDERS
        if value.get("type") not in table:
            raise OpError("field_error.REQUIRED", f"{kind}.type is required", f"{kind}.type")
        return table[value["type"]]
    match = re.fullmatch(
        rf"customers/{cid}/userInterests/(\d+)", str(value.get("user_interest_category", ""))
    )
    if match is None:
        raise OpError(
            "field_error.INVALID_VALUE",
            f"user_interest.user_interest_category must be 'customers/{cid}/userInterests/<id>'",
            "user_interest.user_interest_category",
        )
    return match.group(1)


def _proximity_id(value: dict[str, Any]) -> str:
    """Check a v26 ProximityInfo as Google's CriterionError does, geocode its address (a city of the
    sandbox's place table; its point, computed as Google computes one, is the sandbox's own: a stable
    stand-in, not the city's coordinates) and give it an id of its own (one per radius and place)."""
    radius, units = value.get("radius"), value.get("radius_units")
    if not isinstance(radius, int | float) or radius <= 0:
        raise OpError(
            "criterion_error.INVALID_PROXIMITY_RADIUS",
            "proximity.radius must be positive",
            "proximity.radius",
        )
    if units not in PROXIMITY_RADIUS_UNITS:
        raise OpError(
            "criterion_error.INVALID_PROXIMITY_RADIUS_UNITS",
            f"proximity.radius_units must be one of {', '.join(PROXIMITY_RADIUS_UNITS)}",
            "proximity.radius_units",
        )
    address, point = value.get("address") or {}, value.get("geo_point") or {}
    if address.get("city_name"):
        country, province = str(address.get("country_code") or ""), address.get("province_code")
        entry = (
            f"{address['city_name']}, {country}-{province}"
            if province
            else f"{address['city_name']}, {country}"
        )
        place = find_place(entry)
        if place is None:
            raise OpError(
                "criterion_error.INVALID_PROXIMITY_ADDRESS",
                f"the proximity address {entry!r} cannot be geocoded to a valid lat/long",
                "proximity.address",
            )
        # A street address is a point of its own in its city (its street and postal code in the stand-in).
        street = [address.get("street_address") or "", address.get("postal_code") or ""]
        located = place.google_id if not any(street) else json.dumps([place.google_id, *street])
        digest = int(hashlib.sha256(located.encode()).hexdigest()[:8], 16)
        value["geo_point"] = {
            "latitude_in_micro_degrees": digest % 120_000_000 - 60_000_000,
            "longitude_in_micro_degrees": digest % 340_000_000 - 170_000_000,
        }
    elif point:
        latitude, longitude = point.get("latitude_in_micro_degrees"), point.get("longitude_in_micro_degrees")
        if not isinstance(latitude, int) or not -90_000_000 <= latitude <= 90_000_000:
            raise OpError("criterion_error.INVALID_LATITUDE", "latitude is not valid", "proximity.geo_point")
        if not isinstance(longitude, int) or not -180_000_000 <= longitude <= 180_000_000:
            raise OpError(
                "criterion_error.INVALID_LONGITUDE", "longitude is not valid", "proximity.geo_point"
            )
    else:
        raise OpError(
            "criterion_error.PROXIMITY_GEOPOINT_AND_ADDRESS_BOTH_CANNOT_BE_NULL",
            "The Proximity input is not valid. Both address and geoPoint cannot be null.",
            "proximity",
        )
    identity = json.dumps([radius, units, address, value.get("geo_point")], sort_keys=True)
    return str(
        300_000_000_000 + int(hashlib.sha256(identity.encode()).hexdigest()[:10], 16) % 600_000_000_000
    )


def _check_campaign_level(kind: str, negative: bool) -> None:
    """Refuse what Google's criteria table (developers.google.com/google-ads/api/docs/targeting/criteria)
    refuses of a campaign criterion: a language excluded (positive only) and a keyword targeted ("At the
    campaign level, you can only exclude keywords": the ones to bid on belong to ad groups). Age ranges and
    genders it lists as positive and negative at campaign and ad group level, with no note restricting a
    level (as it notes for keywords, and "Only negative criteria are supported at the campaign level" for
    content labels), and its campaign criteria list takes AgeRangeInfo with none either; so the sandbox
    takes them both ways. It takes user interests both ways too, unconfirmed: their row of the table was
    not checked. (The retired AdWords API's targeting table listed ages, genders and interests as
    "Campaign Negative" only; the current API's docs do not say so.)"""
    if kind == "language" and negative:
        raise OpError(
            "criterion_error.CANNOT_EXCLUDE_CRITERIA_TYPE",
            "languages cannot be excluded; target the languages to show ads in",
            "negative",
        )
    if kind == "keyword" and not negative:
        raise OpError(
            "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
            "a campaign-level keyword must be negative: keywords to target belong to ad groups",
            kind,
        )


def _parent_channel(txn: Txn, cid: str, kind: str, parent: StoredObject) -> str | None:
    """The channel of the campaign a criterion's or an ad's parent (a campaign or an ad group) belongs to."""
    if kind == "campaign_criterion":
        return _channel(parent)
    return _immutable_fact(txn, cid, "campaign", str(parent.parent), _channel)


def _immutable_fact(
    txn: Txn, cid: str, type_name: str, id_: str, fact: Callable[[StoredObject], str]
) -> str | None:
    """``fact`` of a stored object, which no operation can change (an immutable field), read once per call
    (``Txn.memo``); None when no such object is stored (not kept: a later operation may create it)."""
    key = (cid, type_name, id_, fact.__name__)
    if key not in txn.memo:
        found = txn.get(GOOGLE, cid, type_name, id_)
        if found is None:
            return None
        txn.memo[key] = fact(found)
    return txn.memo[key]


def _channel(campaign: StoredObject) -> str:
    return str(campaign.data.get("advertising_channel_type"))


def _sub_type(campaign: StoredObject) -> str:
    return str(campaign.data.get("advertising_channel_sub_type") or "")


def _campaign_id(ad_group: StoredObject) -> str:
    return str(ad_group.parent)


def _owning_channel(txn: Txn, cid: str, kind: str, data: dict[str, Any]) -> str | None:
    """The channel of the campaign an object of ``kind`` is or belongs to, when it names a stored one (else
    None: the type's own checks then say what is wrong). A campaign's channel and an ad group's campaign
    are immutable."""
    if kind not in _CAMPAIGN_PARTS:
        return None
    if kind == "campaign":
        return data.get("advertising_channel_type")
    parent_type = "campaign" if kind in ("ad_group", "campaign_criterion") else "ad_group"
    ref = data.get(parent_type)
    if not isinstance(ref, str):
        return None
    parent_id: str | None = ref.rsplit("/", 1)[-1]
    if parent_type == "ad_group":
        parent_id = _immutable_fact(txn, cid, "ad_group", str(parent_id), _campaign_id)
    return _immutable_fact(txn, cid, "campaign", parent_id, _channel) if parent_id else None


def _check_api_writable(txn: Txn, cid: str, kind: str, data: dict[str, Any]) -> None:
    """Refuse to create, change or remove a campaign of a channel the API only reads, or a part of one."""
    channel = _owning_channel(txn, cid, kind, data)
    if channel in _API_READ_ONLY_CHANNELS:
        what = "a" if kind == "campaign" else f"this {kind.replace('_', ' ')} of a"
        raise OpError(
            _READ_ONLY_CHANNEL,
            f"{what} {channel} campaign cannot be created or modified through the Google Ads API "
            "(only in the Google Ads UI or with Google Ads scripts)",
        )


def _check_creatable(data: dict[str, Any]) -> None:
    """Refuse a new campaign of a channel the API creates only with settings the sandbox does not model."""
    refusal = _UNCREATABLE_CHANNELS.get(str(data.get("advertising_channel_type")))
    if refusal is not None:
        code, path, why = refusal
        raise OpError(code, why, path)


def _check_app_criterion(
    txn: Txn, cid: str, kind: str, parent: StoredObject, criterion: str, negative: bool
) -> None:
    """An app campaign targets locations and languages (campaign criteria); an APP_CAMPAIGN's ad groups
    take no criteria ("If the advertising_channel_sub_type is APP_CAMPAIGN, you cannot add ad group
    criteria": app-campaigns/create-ad-group), an APP_CAMPAIGN_FOR_ENGAGEMENT's target user lists
    (``_ENGAGEMENT_GROUP_CRITERIA``). The guide says nothing of a pre-registration campaign's ad group
    criteria: the sandbox takes none, as of an APP_CAMPAIGN's."""
    if _parent_channel(txn, cid, kind, parent) != _APP_CHANNEL:
        return
    if kind == "campaign_criterion" and criterion in _APP_CAMPAIGN_CRITERIA:
        return
    engagement = (
        kind == "ad_group_criterion"
        and _immutable_fact(txn, cid, "campaign", str(parent.parent), _sub_type)
        == "APP_CAMPAIGN_FOR_ENGAGEMENT"
    )
    if engagement and criterion in _ENGAGEMENT_GROUP_CRITERIA:
        if negative:
            raise OpError(
                "criterion_error.CANNOT_EXCLUDE_CRITERIA_TYPE",
                "an app engagement campaign's ad group targets user lists and excludes none",
                "negative",
            )
        return
    level = "campaign" if kind == "campaign_criterion" else "ad group"
    raise OpError(
        "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
        f"an app campaign takes no {CRITERION_TYPES[criterion]} {level} criteria "
        + (
            "(its ad groups target user lists only)"
            if engagement
            else "(it targets locations and languages only)"
        ),
        criterion,
    )


def _check_place_criterion(txn: Txn, cid: str, kind: str, parent: StoredObject, criterion: str) -> None:
    """A Demand Gen campaign's locations and languages are ad group criteria, and its ad groups target
    nothing else the sandbox models (``_AD_GROUP_PLACE_CRITERIA``) but the listing groups filtering the
    products its product ads show (``google_shopping_rules.listing_group_id``); every other campaign's are
    campaign criteria."""
    demand_gen = _parent_channel(txn, cid, kind, parent) == _DEMAND_GEN
    if demand_gen and kind == "ad_group_criterion" and criterion == "listing_group":
        return
    place = criterion in _AD_GROUP_PLACE_CRITERIA
    if kind == "campaign_criterion" and not (demand_gen and place):
        return
    if kind == "ad_group_criterion" and demand_gen == place:
        return
    if demand_gen:
        why = (
            "a DEMAND_GEN campaign targets locations and languages per ad group (upgraded targeting)"
            if place
            else "a DEMAND_GEN campaign's ad groups target locations and languages (its audiences are "
            "Audience resources)"
        )
    else:
        why = "locations and languages are campaign criteria (ad group ones are a DEMAND_GEN campaign's)"
    level = "campaign" if kind == "campaign_criterion" else "ad group"
    raise OpError(
        "criterion_error.CANNOT_ADD_CRITERIA_TYPE",
        f"no {CRITERION_TYPES[criterion]} {level} criteria: {why}",
        criterion,
    )


def _user_list_id(txn: Txn, cid: str, value: dict[str, Any]) -> str:
    """The id of the customer's user list a criterion names (it must exist)."""
    match = re.fullmatch(rf"customers/{cid}/userLists/(\d+)", str(value.get("user_list", "")))
    if match is None:
        raise OpError(
            "field_error.INVALID_VALUE",
            f"user_list.user_list must be 'customers/{cid}/userLists/<id>'",
            "user_list.user_list",
        )
    if txn.get(GOOGLE, cid, "user_list", match.group(1)) is None:
        raise OpError(
            "mutate_error.RESOURCE_NOT_FOUND",
            f"user list {match.group(1)} does not exist in customer {cid}",
            "user_list.user_list",
        )
    return match.group(1)


# --- operations -------------------------------------------------------------------------------------


def create(txn: Txn, cid: str, type_: ResourceType, data: dict[str, Any], next_id: NextId) -> dict[str, Any]:
    """Validate and store a new object; returns its stored data (with ``resource_name``)."""
    kind = type_.name
    _check_api_writable(txn, cid, kind, data)
    if kind == "campaign_budget":
        data.setdefault("delivery_method", "STANDARD")
        data.setdefault("explicitly_shared", True)
        data.setdefault("period", "DAILY")
        _check_budget(txn, cid, data, None)
        data["status"] = "ENABLED"
    elif kind == "campaign":
        data.setdefault("status", "ENABLED")
        if data.get("advertising_channel_type") == _PERFORMANCE_MAX:
            data.setdefault("brand_guidelines_enabled", True)  # see ``_PERFORMANCE_MAX``
        _check_creatable(data)
        _check_campaign(txn, cid, data, None)
    elif kind == "ad_group":
        data.setdefault("status", "ENABLED")
        _check_ad_group(txn, cid, data, None)
    elif kind == "label":
        name = _required_name(data, 80)
        if _duplicates(txn, cid, "label", name, None):
            raise OpError("label_error.DUPLICATE_NAME", f"a label named {name!r} exists", "name")
        data["status"] = "ENABLED"
    elif kind in GOOGLE_CRITERION_KINDS:
        return _create_criterion(txn, cid, type_, data)
    elif kind == "ad_group_bid_modifier":
        parent = _live(txn, cid, "ad_group", data.get("ad_group"), "ad_group")
        if booking_criterion(data) is not None:  # a Hotel ad group's booking modifier
            siblings = [
                found.data
                for id_, _ in txn.keys(GOOGLE, cid, kind, parent=parent.id)
                if (found := txn.get(GOOGLE, cid, kind, id_)) is not None
            ]
            id_ = f"{parent.id}~{booking_criterion_id(data, siblings)}"
        else:
            id_ = f"{parent.id}~{bid_modifier_criterion_id(data)}"
        if txn.get(GOOGLE, cid, kind, id_) is not None:
            raise OpError(
                "mutate_error.RESOURCE_ALREADY_EXISTS", f"ad group {parent.id} has {id_}", "ad_group"
            )
        check_not_opted_out(_campaign_device(txn, cid, parent.data, data))
        data.update(resource_name=_name(cid, kind, id_), criterion_id=id_.split("~", 1)[1])
        put(txn, cid, kind, data)
        return data
    elif kind == "asset_group":
        data.setdefault("status", "ENABLED")
        campaign = _live(txn, cid, "campaign", data.get("campaign"), "campaign")
        check_asset_group(txn, cid, data, None, campaign)
    elif kind == "asset" and CAROUSEL_CARD_ASSET in data:
        return create_carousel_card_asset(txn, cid, data, next_id(txn))
    elif kind == "asset" and "call_to_action_asset" in data:
        return create_call_to_action_asset(txn, cid, data, next_id(txn))
    elif kind == "asset" and PAGE_FEED_ASSET in data:
        return create_page_feed_asset(txn, cid, data, next_id(txn))
    elif kind == "asset_set":
        return create_asset_set(txn, cid, data, next_id(txn))
    elif kind == "asset_set_asset":
        return create_asset_set_asset(txn, cid, data)
    elif kind == "campaign_asset_set":
        return create_campaign_asset_set(txn, cid, data)
    elif kind == "asset" and "youtube_video_asset" in data:
        return create_youtube_video_asset(
            txn, cid, data, next_id(txn), txn.gathered.setdefault((cid, "asset videos"), set())
        )
    elif kind == "asset":
        return create_text_asset(
            txn, cid, data, next_id(txn), txn.gathered.setdefault((cid, "asset texts"), set())
        )
    elif kind == "asset_group_asset":
        linked = create_link(txn, cid, data)
        asset_groups_touched(txn, cid).add(_id(linked["asset_group"]))
        return linked
    elif kind == "campaign_asset":
        return create_campaign_link(txn, cid, data)
    elif kind == "ad_group_ad":
        parent = _live(txn, cid, "ad_group", data.get("ad_group"), "ad_group")
        ad = data.setdefault("ad", {})
        sub_type = _immutable_fact(txn, cid, "campaign", str(parent.parent), _sub_type)
        ad_type = check_ad(cid, parent.id, _parent_channel(txn, cid, kind, parent), sub_type, ad)
        check_dynamic_ad(parent.data, ad_type, ad)
        if ad_type == GOOGLE_DEMAND_GEN_PRODUCT_AD:
            owner = txn.get(GOOGLE, cid, "campaign", str(parent.parent))
            check_demand_gen_product_ad(ad, owner.data if owner is not None else None)
        check_ad_videos(txn, cid, ad)
        check_url_options(ad, "ad.")
        # v26 Ad.name: "The name field is currently only supported for DisplayUploadAd, ImageAd,
        # LegacyAppInstallAd, ShoppingComparisonListingAd, VideoAd, VideoResponsiveAd and DemandGen ads":
        # a responsive search, responsive display or app ad keeps none, whatever the request says.
        if ad_type not in GOOGLE_DEMAND_GEN_ADS:
            ad.pop("name", None)
        elif not ad.get("name"):
            # The code is v26 ad_error's for a missing name; that Google requires one of a Demand Gen ad is
            # unconfirmed (its own example, add_demand_gen_campaign.py, always sends one).
            raise OpError("ad_error.MISSING_ADVERTISEMENT_NAME", "a Demand Gen ad needs a name", "ad.name")
        data.setdefault("status", "ENABLED")
        ad_id = next_id(txn)
        ad.update(id=ad_id, type=ad_type, resource_name=f"customers/{cid}/ads/{ad_id}")
        data["resource_name"] = _name(cid, kind, f"{parent.id}~{ad_id}")
        put(txn, cid, kind, data)
        return data
    else:  # campaign_label, ad_group_label
        parent_type = type_.parent_field
        parent = _live(txn, cid, parent_type, data.get(parent_type), parent_type)
        label = _live(txn, cid, "label", data.get("label"), "label")
        resource_name = _name(cid, kind, f"{parent.id}~{label.id}")
        if txn.get(GOOGLE, cid, kind, f"{parent.id}~{label.id}") is not None:
            raise OpError("mutate_error.RESOURCE_ALREADY_EXISTS", f"{resource_name} already exists")
        data["resource_name"] = resource_name
        put(txn, cid, kind, data)
        return data
    id_ = next_id(txn)
    data.update(resource_name=_name(cid, kind, id_), id=id_)
    put(txn, cid, kind, data)
    if kind == "campaign":
        for criterion in held_devices(cid, data):  # made with the campaign, as Google's are
            put(txn, cid, "campaign_criterion", criterion)
    if kind == "asset_group":
        asset_groups_touched(txn, cid).add(id_)
    return data


def asset_groups_touched(txn: Txn, cid: str) -> set[str]:
    """The ids of the asset groups this call created or relinked: each must end it with Google's minimum
    assets (``google_asset_group_rules.check_minimums``)."""
    return txn.gathered.setdefault((cid, "asset groups"), set())


def console_campaign(txn: Txn, cid: str, name: str, channel: str, amount_micros: int, next_id: NextId) -> str:
    """A campaign of ``channel`` on a daily budget of its own, as a person builds it in the Google Ads UI:
    outside the API, so unchecked by ``create`` but for its name, which the UI keeps unique too. It bids
    to maximize conversions; a Display campaign serves on the Display Network (``_CONSOLE_NETWORKS``).
    Returns the campaign's id."""
    if _duplicates(txn, cid, "campaign", name, None):
        raise OpError("campaign_error.DUPLICATE_CAMPAIGN_NAME", f"a campaign named {name!r} exists", "name")
    budget_id = next_id(txn)
    budget = {
        "resource_name": _name(cid, "campaign_budget", budget_id),
        "id": budget_id,
        "name": name,
        "amount_micros": amount_micros,
        "delivery_method": "STANDARD",
        "explicitly_shared": False,
        "period": "DAILY",
        "status": "ENABLED",
    }
    put(txn, cid, "campaign_budget", budget)
    campaign_id = next_id(txn)
    campaign = {
        "resource_name": _name(cid, "campaign", campaign_id),
        "id": campaign_id,
        "name": name,
        "status": "ENABLED",
        "advertising_channel_type": channel,
        "campaign_budget": budget["resource_name"],
        "maximize_conversions": {},
        "bidding_strategy_type": BIDDING_SCHEMES["maximize_conversions"],
    }
    if channel in _CONSOLE_NETWORKS:
        campaign["network_settings"] = dict(_CONSOLE_NETWORKS[channel])
    if channel == _DEMAND_GEN:  # the UI's default, as the API's
        campaign["demand_gen_campaign_settings"] = {"upgraded_targeting": True}
    if channel == _PERFORMANCE_MAX:
        campaign["brand_guidelines_enabled"] = True
    put(txn, cid, "campaign", campaign)
    return campaign_id


def _create_criterion(txn: Txn, cid: str, type_: ResourceType, data: dict[str, Any]) -> dict[str, Any]:
    parent_type = type_.parent_field
    parent = _live(txn, cid, parent_type, data.get(parent_type), parent_type)
    kinds = [k for k in CRITERION_TYPES if k in data]
    if len(kinds) != 1:
        raise OpError(
            f"{type_.name}_error.CONCRETE_TYPE_REQUIRED",
            f"a {type_.name} needs exactly one criterion "
            f"({', '.join(sorted(k for k in CRITERION_TYPES if k in type_.messages))})",
        )
    kind = kinds[0]
    if data.get("negative") and data.get("cpc_bid_micros"):
        # v26 CriterionError.FIELD_INCOMPATIBLE_WITH_NEGATIVE_TARGETING: "we don't allow bids in negative ad
        # group or campaign criteria".
        raise OpError(
            "criterion_error.FIELD_INCOMPATIBLE_WITH_NEGATIVE_TARGETING",
            "a negative criterion takes no bid",
            "cpc_bid_micros",
        )
    if type_.name == "campaign_criterion":
        _check_campaign_level(kind, bool(data.get("negative")))
    elif kind == "keyword":
        check_keyword_url_options(data)
    if type_.name == "ad_group_criterion":
        check_dynamic_criterion(parent.data, kind, data)
    else:
        check_dynamic_campaign_criterion(parent.data, kind, data)
    _check_app_criterion(txn, cid, type_.name, parent, kind, bool(data.get("negative")))
    _check_place_criterion(txn, cid, type_.name, parent, kind)
    if kind == "ad_schedule":
        criterion_id = check_ad_schedule(txn, cid, parent, data)
    elif kind == "user_list":
        criterion_id = _user_list_id(txn, cid, data[kind])
    elif kind == "listing_group":
        channel = _parent_channel(txn, cid, type_.name, parent)
        criterion_id = listing_group_id(txn, cid, parent, channel, data)
    else:
        criterion_id = _criterion_id(cid, kind, data[kind], bool(data.get("negative")))
    check_bid_modifier(data)
    if kind in PLACE_KINDS:
        check_place_bid_modifier(data)  # a location bid adjustment (Google's range, none on an exclusion)
    id_ = f"{parent.id}~{criterion_id}"
    existing = txn.get(GOOGLE, cid, type_.name, id_)
    if existing is not None and existing.status != _REMOVED:
        if bool(existing.data.get("negative")) != bool(data.get("negative")):
            # google-ads v26 errors/ad_group_criterion_error.proto: "Cannot target and exclude the same
            # criterion at once."; campaign_criterion_error.proto: "Cannot target and exclude the same
            # criterion."
            raise OpError(
                f"{type_.name}_error.CANNOT_TARGET_AND_EXCLUDE",
                f"{parent_type.replace('_', ' ')} {parent.id} already "
                f"{'excludes' if existing.data.get('negative') else 'targets'} "
                f"criterion {criterion_id} ({CRITERION_TYPES[kind]}); remove it first",
                "negative",
            )
        raise OpError(
            "mutate_error.RESOURCE_ALREADY_EXISTS",
            f"{parent_type} {parent.id} already has criterion {criterion_id} ({CRITERION_TYPES[kind]})",
            kind,
        )
    data.setdefault("negative", False)
    data.setdefault("status", "ENABLED")
    data.update(
        resource_name=_name(cid, type_.name, id_), criterion_id=criterion_id, type=CRITERION_TYPES[kind]
    )
    put(txn, cid, type_.name, data)
    return data


def update(txn: Txn, cid: str, type_: ResourceType, current: dict[str, Any], data: dict[str, Any]) -> None:
    """Validate the updated object (field-mask changes already applied to ``data``) and store it."""
    kind, self_id = type_.name, _id(current["resource_name"])
    _check_api_writable(txn, cid, kind, current)
    if kind == "campaign_budget":
        if bool(data.get("explicitly_shared")) != bool(current.get("explicitly_shared")):
            target = "EXPLICITLY" if data.get("explicitly_shared") else "IMPLICITLY"
            raise OpError(
                f"campaign_budget_error.CANNOT_UPDATE_CAMPAIGN_BUDGET_TO_{target}_SHARED",
                "a budget's sharing cannot change after creation",
                "explicitly_shared",
            )
        _check_budget(txn, cid, data, self_id)
    elif kind == "campaign":
        check_merchant_kept(current, data)
        _check_campaign(txn, cid, data, self_id)
    elif kind == "ad_group":
        _check_ad_group(txn, cid, data, self_id)
    elif kind == "asset_group":
        check_asset_group(
            txn, cid, data, self_id, _live(txn, cid, "campaign", data.get("campaign"), "campaign")
        )
    elif kind == "label":
        name = _required_name(data, 80)
        if _duplicates(txn, cid, "label", name, self_id):
            raise OpError("label_error.DUPLICATE_NAME", f"a label named {name!r} exists", "name")
    elif kind == "asset_set" and data.get("name") != current.get("name"):
        check_asset_set_name(txn, cid, str(data.get("name")), self_id)
    elif kind == "ad_group_criterion" and current.get("type") == "LISTING_GROUP":
        check_filter_bid(txn, cid, data)
        if data["listing_group"].get("type") == "SUBDIVISION" and data.get("cpc_bid_micros"):
            raise OpError(
                "criterion_error.CANNOT_SET_BIDS_ON_LISTING_GROUP_SUBDIVISION",
                "a SUBDIVISION listing group has no bid: its units have",
                "cpc_bid_micros",
            )
        listing_groups_touched(txn, cid).add(self_id.split("~", 1)[0])
    elif kind == "ad_group_criterion" and data.get("keyword"):
        check_keyword_url_options(data)
    elif kind == "campaign_criterion" and current.get("type") == "AD_SCHEDULE":
        check_modifier_range(data)  # an ad schedule slot's bid adjustment (Google's range)
    elif kind == "campaign_criterion" and is_place(current):
        check_place_bid_modifier({**data, "negative": current.get("negative")})
    elif kind == "campaign_criterion":
        check_bid_modifier(data)
    elif kind == "ad_group_bid_modifier":
        check_modifier_range(data, opt_out=booking_criterion(data) is None)  # 0 opts out of a device alone
        group = _live(txn, cid, "ad_group", data.get("ad_group"), "ad_group")
        check_not_opted_out(_campaign_device(txn, cid, group.data, data))
    put(txn, cid, kind, data)


def _campaign_device(
    txn: Txn, cid: str, group: dict[str, Any], modifier: dict[str, Any]
) -> dict[str, Any] | None:
    """The DEVICE criterion of the ad group's campaign for the device an ad group bid ``modifier`` names
    (None: a modifier of another kind, or a campaign holding none)."""
    device = (modifier.get("device") or {}).get("type")
    if device not in DEVICE_CRITERION_IDS:
        return None
    found = txn.get(
        GOOGLE, cid, "campaign_criterion", f"{_id(group['campaign'])}~{DEVICE_CRITERION_IDS[device]}"
    )
    return None if found is None else found.data


def remove(txn: Txn, cid: str, type_: ResourceType, current: dict[str, Any]) -> None:
    """Remove: links are deleted; everything else becomes REMOVED, for good."""
    kind, id_ = type_.name, _id(current["resource_name"])
    _check_api_writable(txn, cid, kind, current)
    if not type_.statusful:
        txn.delete(GOOGLE, cid, kind, id_)
        return
    if kind == "asset_group":
        check_removable(txn, cid, current)
    if kind == "campaign_criterion":
        check_device_removal(current)
    if kind == "campaign_budget" and any(
        status != _REMOVED for _, status in txn.keys(GOOGLE, cid, "campaign", parent=id_)
    ):
        raise OpError(
            "campaign_budget_error.CAMPAIGN_BUDGET_IN_USE",
            f"budget {id_} still funds a campaign; remove it first",
        )
    data = copy.deepcopy(current)
    data["status"] = _REMOVED
    put(txn, cid, kind, data)
    if kind == "ad_group_criterion" and current.get("type") == "LISTING_GROUP":
        remove_listing_group(txn, cid, current)
    if kind == "asset_group_asset":
        asset_groups_touched(txn, cid).add(_id(current["asset_group"]))


# --- reads ------------------------------------------------------------------------------------------


#: The link types whose rows carry their text asset's text (``joined_rows``).
_LINKS: Final = ("asset_group_asset", "campaign_asset")


def rows(
    txn: Txn, cid: str, type_name: str, *, ids: Sequence[str] | None, include_removed: bool
) -> list[dict[str, Any]]:
    """Objects of one type as the API returns them (campaigns and ad groups with their ``labels``)."""
    if ids is None:
        found = txn.find(GOOGLE, cid, type_name)
    else:
        wanted = list(dict.fromkeys(ids))
        found = [
            o
            for i in range(0, len(wanted), 500)
            for o in txn.find(GOOGLE, cid, type_name, ids=wanted[i : i + 500])
        ]
        found.sort(key=lambda o: o.seq)
    out = [o.data for o in found if include_removed or o.status != _REMOVED]  # freshly decoded: ours
    _add_labels(out, _labels_of(txn, cid, type_name))
    if type_name == "campaign_asset_set":
        return joined_set_rows(txn, cid, out, include_removed=include_removed)
    return joined_rows(txn, cid, out) if type_name in _LINKS else out


def row_batches(txn: Txn, cid: str, type_name: str, size: int) -> Iterator[list[dict[str, Any]]]:
    """The non-removed objects of one type as ``rows`` returns them, in batches of up to ``size``."""
    labels = _labels_of(txn, cid, type_name)
    for found in txn.scan(GOOGLE, cid, type_name, batch=size):
        out = [o.data for o in found if o.status != _REMOVED]
        _add_labels(out, labels)
        if type_name == "campaign_asset_set":
            yield joined_set_rows(txn, cid, out)
        else:
            yield joined_rows(txn, cid, out) if type_name in _LINKS else out


def _labels_of(txn: Txn, cid: str, type_name: str) -> dict[str, list[str]] | None:
    """Object id → resource names of its enabled labels, for campaigns and ad groups (else None)."""
    if type_name not in ("campaign", "ad_group"):
        return None
    enabled = {o.id for o in txn.find(GOOGLE, cid, "label") if o.status == "ENABLED"}
    labels: dict[str, list[str]] = {}
    for link in txn.find(GOOGLE, cid, f"{type_name}_label"):
        if link.name in enabled and link.parent is not None:
            labels.setdefault(link.parent, []).append(link.data["label"])
    return labels


def _add_labels(out: list[dict[str, Any]], labels: Mapping[str, list[str]] | None) -> None:
    if labels is not None:
        for row in out:
            row["labels"] = sorted(labels.get(row["id"], []))


def metric_inputs(
    txn: Txn, cid: str
) -> list[tuple[dict[str, Any], Decimal, Decimal, tuple[dt.date | None, dt.date | None]]]:
    """Per campaign (all statuses): its data, daily budget in currency units, targeting breadth, dates."""
    budgets = {o.id: o for o in txn.find(GOOGLE, cid, "campaign_budget")}
    # The places a campaign targets: its own, or its ad groups' (a Demand Gen campaign's).
    locations: dict[str, set[str]] = {}
    for o in txn.find(GOOGLE, cid, "campaign_criterion"):
        if o.status != _REMOVED and o.data.get("type") == "LOCATION" and not o.data.get("negative"):
            locations.setdefault(str(o.parent), set()).add(o.data["criterion_id"])
    group_campaign = {o.id: str(o.parent) for o in txn.find(GOOGLE, cid, "ad_group") if o.status != _REMOVED}
    ages: dict[str, set[str]] = {}
    genders: dict[str, set[str]] = {}
    interests: dict[str, int] = {}
    for o in txn.find(GOOGLE, cid, "ad_group_criterion"):
        campaign = group_campaign.get(str(o.parent))
        if campaign is None or o.status == _REMOVED or o.data.get("negative"):
            continue
        kind = o.data.get("type")
        if kind == "LOCATION":
            locations.setdefault(campaign, set()).add(o.data["criterion_id"])
        elif kind == "AGE_RANGE" and o.data["age_range"]["type"] != "AGE_RANGE_UNDETERMINED":
            ages.setdefault(campaign, set()).add(o.data["age_range"]["type"])
        elif kind == "GENDER" and o.data["gender"]["type"] != "UNDETERMINED":
            genders.setdefault(campaign, set()).add(o.data["gender"]["type"])
        elif kind == "USER_INTEREST":
            interests[campaign] = interests.get(campaign, 0) + 1
    campaigns = txn.find(GOOGLE, cid, "campaign")
    # A shared budget's amount is spent by its serving campaigns together: the model gives each an equal part.
    sharing: dict[str, int] = {}
    for o in campaigns:
        if o.status == "ENABLED":
            sharing[str(o.parent)] = sharing.get(str(o.parent), 0) + 1
    out = []
    for o in campaigns:
        window = (_date(o.data, "start_date_time"), _date(o.data, "end_date_time"))
        budget = budgets.get(str(o.parent))
        amount = Decimal(0)
        if budget is not None and budget.status != _REMOVED:
            if budget.data.get("amount_micros"):
                amount = Decimal(budget.data["amount_micros"]) / 1_000_000
                if budget.data.get("explicitly_shared"):
                    amount /= max(sharing.get(budget.id, 1), 1)
            elif budget.data.get("total_amount_micros"):
                amount = metrics.per_day(Decimal(budget.data["total_amount_micros"]) / 1_000_000, *window)
        breadth = metrics.targeting_breadth(
            locations=len(locations.get(o.id, ())),
            age_share=Decimal(len(ages[o.id])) / 6 if ages.get(o.id) else Decimal(1),
            gender_share=Decimal("0.5") if len(genders.get(o.id, ())) == 1 else Decimal(1),
            interests=interests.get(o.id, 0),
        )
        out.append((o.data, amount, breadth, window))
    return out
