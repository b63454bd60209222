"""One live campaign tree → a platform view: the unified spec's parts as that platform holds them.

A view is the inverse of one platform's half of the compiler (``compile.google`` / ``compile.meta``):
objective and bidding, status, budget, schedule, targeting per ad group (through the TargetingMapper),
keywords, creatives, and the escape-hatch options. What the spec language cannot hold becomes a
``problem`` naming the object and the setting; whether the rest is exact is decided afterwards, by
compiling the written spec and comparing it with the live objects (``importing.importer``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from midas_reconcile import money
from midas_reconcile.ad_names import AdNamer, is_unnamed_ad
from midas_reconcile.compile.google import (
    APP_AD_TYPES,
    APP_DEFAULT_GOALS,
    DISPLAY_NETWORKS,
    GOOGLE_APP_STORES,
    GOOGLE_BIDDING,
)
from midas_reconcile.compile.google_dynamic_search import DYNAMIC_AD, DYNAMIC_AD_GROUP
from midas_reconcile.compile.meta import (
    META_OBJECTIVES,
    PROMOTED_APP_KEYS,
    unified_call_to_action,
)
from midas_reconcile.connectors.google_ad_schedule import AD_SCHEDULE
from midas_reconcile.connectors.meta_graph import CATALOG_FORMAT_WIRE, template_format_words
from midas_reconcile.importing.catalog import catalog_of, template_mismatch
from midas_reconcile.importing.demand_gen_products import (
    demand_gen_call_to_action,
    demand_gen_merchant,
    demand_gen_product,
    demand_gen_product_filter,
)
from midas_reconcile.importing.dynamic_search import (
    campaign_exclusions,
    dynamic_creative,
    dynamic_search_options,
    webpages_of,
)
from midas_reconcile.importing.hotel import (
    HOTEL,
    HOTEL_GROUP_NOTES,
    foreign_hotel_setting_problems,
    hotel_campaign_problems,
    hotel_group_problems,
    hotel_options,
)
from midas_reconcile.importing.hours import google_hours, meta_hours
from midas_reconcile.importing.import_only import campaign_date_problems, campaign_label
from midas_reconcile.importing.messaging import (
    destination_of,
    destinations,
    instagram_account,
    instagram_identity,
    lead_form_creative,
    messaging_creative,
    welcome_message,
)
from midas_reconcile.importing.shopping import (
    SHOPPING,
    product_groups,
    shopping_campaign_problems,
    shopping_group_problems,
    shopping_options,
    units_of,
)
from midas_reconcile.importing.trees import CampaignTree
from midas_reconcile.importing.url_tracking import (
    google_ad_group_urls,
    google_ad_urls,
    google_app_ad_url_problems,
    google_campaign_urls,
    google_keyword_url_problems,
    google_keyword_urls,
    meta_creative_urls,
)
from midas_reconcile.money import format_money
from midas_reconcile.resources import (
    GOOGLE,
    GOOGLE_DEMAND_GEN_AD_UNSENT,
    GOOGLE_DEMAND_GEN_CAROUSEL_AD,
    GOOGLE_DEMAND_GEN_PRODUCT_AD,
    GOOGLE_DEMAND_GEN_VIDEO_AD,
    GOOGLE_DISPLAY_AD_UNSENT,
    MANAGED_MARKER,
    META_CUSTOM_EVENT_TYPE,
    META_DEFAULT_BID_STRATEGY,
    META_UNEXPRESSED_PROMOTED_KEYS,
    STATIC_AFTER,
    STATIC_BEFORE,
    YOUTUBE_VIDEO_ID_PATTERN,
    Resource,
    meta_pixel_rule_text,
)
from midas_reconcile.spec import Objective, Targeting
from midas_reconcile.spec._google_ad_group_devices import KIND as DEVICE_MODIFIER
from midas_reconcile.spec._google_ad_group_devices import group_device_adjustments_from
from midas_reconcile.spec._google_bidding_defaults import GOOGLE_CHANNELS, GOOGLE_OBJECTIVES, google_defaults
from midas_reconcile.spec._google_demand_gen import DEMAND_GEN_CHANNELS, DEMAND_GEN_IMAGE_OPTIONS
from midas_reconcile.spec._google_devices import DEVICE, device_adjustments_from
from midas_reconcile.spec._google_display import DISPLAY_IMAGE_OPTIONS
from midas_reconcile.spec._google_hotel import percent_cpc_percent
from midas_reconcile.spec._google_hotel_bookings import hotel_adjustments_from
from midas_reconcile.spec._google_location_bids import ad_group_adjustments_problem, location_adjustments_from
from midas_reconcile.spec._google_performance_max import BRAND_IMAGES, PMAX_IMAGES
from midas_reconcile.spec._meta_bids import ROAS_FLOOR_SCALE
from midas_reconcile.spec._meta_catalog import CATALOG_CREATIVE, CATALOG_FORMATS
from midas_reconcile.spec._meta_display_link import DISPLAY_LINK
from midas_reconcile.spec._meta_dynamic_creative import ADSET_FIELD as DYNAMIC_ADSET_FIELD
from midas_reconcile.spec._meta_dynamic_creative import (
    DYNAMIC_CREATIVE,
    dynamic_mismatch,
    texts_hold_without_options,
)
from midas_reconcile.spec._meta_media_options import (
    MEDIA_MAX,
    MEDIA_OPTIONS,
    by_hash,
    spec_image,
    story_first,
    with_first,
)
from midas_reconcile.spec._meta_text_options import TEXT_OPTIONS, TEXT_OPTIONS_MAX, folded
from midas_reconcile.spec.models import (
    APP_DEVICES,
    APP_GOAL_STRATEGIES,
    APP_KIND_GOALS,
    APP_SUB_TYPES,
    FORM_DESTINATION_TYPE,
    LINKLESS_OBJECTIVES,
    META_CAP_STRATEGIES,
    META_DEFAULT_EVENTS,
    META_MIN_ROAS,
    META_PIXEL_GOALS,
    AdSetConversion,
    App,
    MetaConversionEvent,
    app_of_store_url,
    custom_event_problem,
    destination_apps,
    display_link_problem,
)
from midas_reconcile.targeting import TargetingMapper
from midas_reconcile.targeting.google import (
    AD_GROUP_EXCLUSION_TYPES,
    CAMPAIGN_EXCLUSION_TYPES,
    CAMPAIGN_TARGETING_TYPES,
)
from midas_reconcile.targeting.meta import ADVANTAGE_AUDIENCE_ON, AUDIENCE_FIELDS
from midas_reconcile.targeting.meta_automation import (
    advantage_audience_of,
    individual_setting_of,
    unexpressed_automation,
    unexpressed_automation_problem,
)
from midas_reconcile.targeting.meta_placements import (
    DEVICES_FIELD,
    META_DEVICES,
    META_POSITIONS,
    PLATFORMS_FIELD,
    POSITION_FIELDS,
    Placed,
    placed_of,
    placements_spec,
    unknown_positions,
    unplaced_positions,
)
from midas_reconcile.targeting.model import (
    UNNAMED_AUDIENCE_IGNORED,
    UNNAMED_AUDIENCE_PREFIX,
    is_unnamed_audience,
)
from midas_reconcile.targeting.places import unwritable_proximity

#: advertising_channel_type → the spec's ``google.channel``.
_SPEC_CHANNELS = {native: name for name, native in GOOGLE_CHANNELS.items()}
#: What a Display campaign's network settings (``compile.google.DISPLAY_NETWORKS``) read as.
_DISPLAY_NETWORKS = {
    "search": DISPLAY_NETWORKS["target_google_search"],
    "search_partners": DISPLAY_NETWORKS["target_search_network"],
    "display": DISPLAY_NETWORKS["target_content_network"],
}
_DISPLAY_KEYWORDS = "the spec language gives a Display campaign no keywords"
_PMAX_TARGETS = "the spec language gives a Performance Max campaign locations and languages only"
_SHOPPING_TARGETS = "the spec language gives a Shopping campaign locations and languages to target"
_HOTEL_TARGETS = "the spec language gives a Hotel campaign locations and languages to target, no keywords"
#: What the spec language gives a Demand Gen campaign's ad groups to target (``spec._google_demand_gen``).
_DEMAND_GEN_CRITERIA = ("LOCATION", "LANGUAGE")
#: Google bidding type → the spec's strategy name.
BIDDING_NAMES = {native: strategy.value for strategy, native in GOOGLE_BIDDING.items()}
_ACTIVE = {"ENABLED": "active", "ACTIVE": "active", "PAUSED": "paused"}
#: The Google channels MIDAS manages: Search, Display, Demand Gen, Performance Max, Shopping, Hotel and app
#: (MULTI_CHANNEL) campaigns.
_MANAGED_CHANNELS = (*_SPEC_CHANNELS, "MULTI_CHANNEL")
#: Why import refuses a Google campaign of another channel (the sandbox's API path, google_rules, follows
#: the same sources).
_UNMANAGED_CHANNELS = {
    "VIDEO": "which MIDAS can never manage: the Google Ads API cannot create or change Video campaigns "
    "(developers.google.com/google-ads/api/docs/video/overview); keep it in the Google Ads UI",
    "SMART": "which MIDAS does not manage: the Google Ads API creates no new Smart campaigns since "
    "2026-09-23 (developers.google.com/google-ads/api/docs/smart-campaigns/create-campaign)",
    # Upgraded by Google, "fully-automated" (developers.google.com/google-ads/api/performance-max/
    # upgrade-eligibility).
    "LOCAL": "which MIDAS does not manage: Google upgraded Local campaigns to Performance Max",
    # A Things to do campaign, which the API creates, updates and removes ("This feature is available to
    # allowlisted accounts only": developers.google.com/google-ads/api/docs/things-to-do-ads/overview), with
    # its campaigns, budgets, ad groups, ad group ads and listing groups; product feeds and prices are the
    # Things to do Center's alone. It is TRAVEL of sub type TRAVEL_ACTIVITIES with
    # travel_campaign_settings.travel_account_id (v26: "Immutable"), bids MaximizeConversionValue with a
    # target ROAS (".../things-to-do-ads/create-campaign": "required; portfolio bidding strategies aren't
    # supported"), serves on Google Search (network_settings.target_google_search; the other networks are
    # unconfirmed), on a STANDARD delivery budget, with TRAVEL_ADS ad groups (".../create-ad-group": any other
    # type "returns an AdGroupError") of TravelAdInfo ads (no fields). A Hotel campaign is HOTEL, not TRAVEL.
    "TRAVEL": "which MIDAS does not support yet, though the Google Ads API creates one (for allowlisted "
    "accounts): the spec language has no field for its Things to do Center account "
    "(travel_campaign_settings.travel_account_id, immutable), its sub type TRAVEL_ACTIVITIES, its maximize "
    "conversion value bidding with a target ROAS, nor its TRAVEL_ADS ad groups of travel ads",
}


@dataclass
class CreativeView:
    """A creative as one platform runs it (spec field names; Meta keeps its title/body/description)."""

    name: str
    status: str
    fields: dict[str, Any]
    #: Meta only: the creative's own texts, which merging with Google needs apart.
    meta_texts: dict[str, str | None] = field(default_factory=dict)
    #: False for a Google ad the platform keeps no name for, named by import (``ad_names.AdNamer``).
    named: bool = True
    #: Meta only: its ``url_tags``, taken off its ``url_parameters`` as the campaign's
    #: (``url_tracking.campaign_url_parameters``); None: none taken off.
    campaign_tags: str | None = None


@dataclass
class GroupView:
    name: str
    status: str
    targeting: Targeting
    creatives: list[str]
    keywords: list[dict[str, str]] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    #: Meta only: the ad set's start and end dates (None: none), which the unified spec writes as the
    #: campaign's schedule or as the ad set's own (``meta.schedule``).
    dates: dict[str, dt.date | None] | None = None
    #: The creatives whose ads are paused here (each creative's view keeps the status of its first ad).
    paused: set[str] = field(default_factory=set)


@dataclass
class PlatformView:
    """One platform's half of a unified campaign, in the spec's terms."""

    platform: str
    account: str
    name: str
    campaign_id: str
    #: The unified objective; None when the platform fits several (Google Search: the bidding decides).
    objective: str | None
    status: str
    period: str
    amount: Decimal
    currency: str
    schedule: dict[str, Any]
    groups: list[GroupView]
    creatives: dict[str, CreativeView]
    options: dict[str, Any]
    #: Google only: the bidding type, to write as an explicit strategy when the objective's differs, and
    #: its targets (``BIDDING_TARGETS``: ``target_cpa_micros``, ``target_roas``, impression share's; an app
    #: campaign's ``app_goal`` when not its strategy's default, and its ``conversion_actions``).
    bidding_type: str | None = None
    bidding_targets: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: Google only: the live shared budget funding the campaign (then ``amount`` is 0: it has none of its
    #: own, and the unified budget is the other platform's alone).
    shared_budget: Resource | None = None
    #: Meta only, a campaign on ad set budgets of both periods: the sum of each period's ad set budgets.
    #: Its unified budget may be of either period (``period``/``amount``: daily unless another platform's
    #: decides, ``importing.unify``); the ad sets of the other are on top of it, never added to it.
    period_amounts: dict[str, Decimal] = field(default_factory=dict)
    #: The ``app:`` block as this platform knows the app it promotes (an app campaign; None: none).
    #: Google: ``store`` and ``id``; Meta: ``store``, ``id``, ``meta_app_id`` and ``store_url`` when it is
    #: not the store's standard page.
    app: dict[str, str] | None = None
    #: Google only: the campaign's final URL suffix, the unified ``url_parameters``
    #: (``importing.url_tracking``).
    url_parameters: str | None = None
    #: Each creative as each ad group's ad of it shows it (creative name → ad group name → view): its view
    #: in ``creatives`` is its first ad's, and ``compare`` shows where the others differ from it.
    ads_by_group: dict[str, dict[str, CreativeView]] = field(default_factory=dict)

    def label(self) -> str:
        return campaign_label(self.platform, self.name, self.campaign_id, self.account)


def _status(value: Any) -> str:
    return _ACTIVE.get(str(value or "ENABLED").upper(), "paused")


def _extra_labels(labels: Any) -> list[str]:
    names = [str(x["name"]) if isinstance(x, dict) else str(x) for x in labels or []]
    return sorted(n for n in names if n != MANAGED_MARKER)


def objective_for_bidding(bidding: str, channel: str = "search", prefer: str | None = None) -> str:
    """The objective whose default bidding in a campaign of ``google.channel`` ``channel`` is ``bidding``
    (``spec._google_bidding_defaults.google_defaults``): ``prefer`` when it is one of several (a Display
    campaign's TARGET_SPEND is the default of awareness, traffic and engagement), else the Search one, else
    the first; sales when none (explicit bidding)."""
    found = [
        objective.value
        for objective, (native, _) in GOOGLE_OBJECTIVES.items()
        if native != "MULTI_CHANNEL" and google_defaults(objective, channel)[1] == bidding
    ]
    searched = [o for o in found if GOOGLE_OBJECTIVES[Objective(o)][1] == bidding]
    for choice in (prefer, *searched, *found):
        if choice in found:
            return str(choice)
    return Objective.SALES.value


#: The campaign fields that hold a live Google bidding's settings (``google_bidding_options`` reads them).
BIDDING_TARGETS = (
    "target_cpa_micros",
    "target_roas",
    "target_impression_share_location",
    "location_fraction_micros",
    "cpc_bid_ceiling_micros",
)
#: What target impression share bidding needs to be written (the spec requires all of it).
_IMPRESSION_SHARE = {
    "target_impression_share_location": "a location",
    "location_fraction_micros": "a share",
    "cpc_bid_ceiling_micros": "a max CPC",
}


def google_bidding_options(
    objective: str, bidding_type: str | None, fields: dict[str, Any], channel: str = "search"
) -> dict[str, Any]:
    """The ``google.bidding`` block that reproduces the live bidding under ``objective`` in a campaign of
    ``google.channel`` ``channel``."""
    out: dict[str, Any] = {}
    if fields.get("target_cpa_micros"):
        out["target_cpa"] = money.google_micros_as_written(fields["target_cpa_micros"])
    if fields.get("target_roas"):
        out["target_roas"] = Decimal(str(fields["target_roas"])).normalize()
    for option in ("app_goal", "conversion_actions"):
        if fields.get(option):
            out[option] = fields[option]
    # Maximize clicks' or percent CPC's (a Hotel campaign's) max CPC limit.
    if bidding_type in ("TARGET_SPEND", "PERCENT_CPC") and fields.get("cpc_bid_ceiling_micros"):
        out["max_cpc"] = money.google_micros_as_written(fields["cpc_bid_ceiling_micros"])
    default = google_defaults(Objective(objective), channel)[1]
    # A target (or an app goal) is only valid next to its strategy, so with one the strategy is always
    # written; the impression share settings go with the strategy of objective awareness too.
    strategy_needed = bool(out) or bidding_type != default
    if bidding_type == "TARGET_IMPRESSION_SHARE" and all(fields.get(k) for k in _IMPRESSION_SHARE):
        out["impression_share"] = {
            "location": str(fields["target_impression_share_location"]).lower(),
            "share": (Decimal(int(fields["location_fraction_micros"])) / money.MICROS_PER_UNIT).normalize(),
            "max_cpc": money.google_micros_as_written(fields["cpc_bid_ceiling_micros"]),
        }
    if bidding_type and strategy_needed:
        out = {"strategy": BIDDING_NAMES.get(bidding_type, bidding_type.lower()), **out}
    return out


#: A Google bid field (platform units) → what the spec writes it as; the campaign's ceiling only under a
#: strategy whose ``max_cpc`` the spec writes (``google_bidding_options``).
_GOOGLE_BIDS: dict[str, dict[str, str]] = {
    "campaign": {"target_cpa_micros": "target_cpa", "cpc_bid_ceiling_micros": "max_cpc"},
    "ad_group": {"cpc_bid_micros": "cpc_bid", "target_cpa_micros": "target_cpa"},
    "ad_group_criterion": {"cpc_bid_micros": "cpc_bid"},
}
_CEILING_BIDDINGS = frozenset({"TARGET_SPEND", "PERCENT_CPC", "TARGET_IMPRESSION_SHARE"})


def google_bid_precision_problems(tree: CampaignTree, label: str, currency: str, bidding: str) -> list[str]:
    """A problem naming every live bid of ``tree`` finer than ``currency``'s billable unit (1,234,567 micros
    = 1.234567 USD): the spec writes a Google bid in whole steps of that unit (``spec.checks``, as Google
    bills in it: v26 ``CurrencyConstant.billable_unit_micros``), so it cannot hold the value exactly, and
    rounding it would change the bid on the next apply. Google accepting such a value at all is
    **unconfirmed** (v26 documents ``CurrencyError.VALUE_NOT_MULTIPLE_OF_BILLABLE_UNIT`` for bids); import
    refuses it by name rather than write a spec that would not load."""
    unit = money.google_billable_unit_micros(currency)
    out: list[str] = []
    for resource in tree.all():
        for where, fields, native, option in _bids_of(resource):
            value = fields.get(native)
            if native == "cpc_bid_ceiling_micros" and bidding not in _CEILING_BIDDINGS:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).isdigit():
                continue
            if int(value) % unit:
                amount = money.from_google_micros(int(value)).normalize()
                step = money.from_google_micros(unit).normalize()
                out.append(
                    f"{resource.address}{where} ({label}) has {native} {int(value)} ({amount:f} {currency}), "
                    f"finer than Google's billable unit for {currency} ({step:f} {currency}), which a spec's "
                    f"bid cannot hold: its {option} is written in whole steps of that unit; set it to a "
                    f"whole multiple of {step:f} {currency} in the console"
                )
    return out


def _bids_of(resource: Resource) -> list[tuple[str, Mapping[str, Any], str, str]]:
    """(where, fields, native field, spec option) of each bid ``resource`` holds: its own (``_GOOGLE_BIDS``),
    or of a product group tree's root, each unit's below it (``shopping.units_of``, ``where`` its path; the
    spec writes them as ``google.product_groups`` bids). An unsplit tree's one unit bids what its ad group
    does (``shopping_group_problems`` names one that does not), so the ad group's bid names it."""
    kind_bids = _GOOGLE_BIDS.get(resource.address.kind, {})
    group_type = resource.fields.get("listing_group_type")
    if group_type == "UNIT":
        return []
    if group_type == "SUBDIVISION":
        units = units_of(resource.fields)
        return [(f" at {at}", fields, "cpc_bid_micros", "cpc_bid") for at, fields in units]
    return [("", resource.fields, native, option) for native, option in kind_bids.items()]


def _refuse_unsupported_values(
    view: PlatformView, what: str, fields: dict[str, Any], allowed: dict[str, Any]
) -> None:
    """A problem for every field of ``fields`` whose value is not one ``allowed`` accepts."""
    for key, accepted in allowed.items():
        value = fields.get(key)
        if value not in (None, "", [], {}) and value not in accepted:
            view.problems.append(f"{what} has {key} {value!r}, which the spec language cannot express")


def google_view(
    tree: CampaignTree,
    mapper: TargetingMapper,
    currency: str,
    shared: Resource | None = None,
    time_zone: str = "UTC",
) -> PlatformView:
    """``shared``: the live shared budget the campaign uses (outside its tree), if it uses one;
    ``time_zone``: the account's, which its ad schedule runs in."""
    campaign = tree.campaign.fields
    channel = str(campaign.get("advertising_channel_type") or "SEARCH")
    bidding = str(campaign.get("bidding_strategy_type") or "")
    objective = Objective.APP_PROMOTION.value if channel == "MULTI_CHANNEL" else None
    options: dict[str, Any] = {}
    budgets = [shared] if shared is not None else tree.of_kind("campaign_budget")
    budget = budgets[0].fields if budgets else {}
    period, units = (
        ("lifetime", budget.get("total_amount_micros"))
        if budget.get("total_amount_micros")
        else ("daily", budget.get("amount_micros"))
    )
    view = PlatformView(
        GOOGLE,
        tree.address.account,
        tree.name,
        tree.platform_id,
        objective,
        _status(campaign.get("status")),
        period,
        money.from_google_micros(int(units or 0)),
        currency,
        {
            k: dt.date.fromisoformat(str(campaign[f"{k}_date"]))
            for k in ("start", "end")
            if campaign.get(f"{k}_date")
        },
        [],
        {},
        options,
        bidding_type=bidding,
    )
    label = view.label()
    hotel = channel == HOTEL
    for resource in tree.all():  # what the read left alone the written spec would silently leave out
        named = HOTEL_GROUP_NOTES if hotel and resource.address.kind == "ad_group" else frozenset()
        view.problems.extend(
            f"{resource.address} ({label}) {note}" for note in resource.warnings if note not in named
        )
    view.problems.extend(google_bid_precision_problems(tree, label, currency, bidding))
    if channel not in _MANAGED_CHANNELS:
        reason = _UNMANAGED_CHANNELS.get(channel, "which MIDAS does not support yet")
        view.problems.append(
            f"{label} is a {channel} campaign, {reason} (MIDAS manages Search, Display, Demand Gen, "
            "Performance Max, Shopping, Hotel and app campaigns)"
        )
    promotes_app = channel == "MULTI_CHANNEL"
    display = channel == "DISPLAY"
    demand_gen = channel == "DEMAND_GEN"
    pmax = channel == "PERFORMANCE_MAX"
    shopping = channel == SHOPPING
    if display or demand_gen or pmax or shopping or hotel:
        options["channel"] = _SPEC_CHANNELS[channel]
    if demand_gen and (merchant := demand_gen_merchant(campaign)):
        options["demand_gen"] = merchant  # the Merchant Center account its product ads show the products of
    if shopping:
        options["shopping"] = shopping_options(campaign)
        view.problems.extend(shopping_campaign_problems(campaign, label))
        view.objective = Objective.SALES.value  # what a Shopping campaign is for (all compile alike)
    if hotel:
        options["hotel"] = hotel_options(campaign)
        view.problems.extend(hotel_campaign_problems(campaign, label))
        view.objective = Objective.SALES.value  # a booking (all compile alike)
    else:
        view.problems.extend(foreign_hotel_setting_problems(campaign, channel, label))
    if dynamic_search := dynamic_search_options(campaign, label, view.problems):
        options["dynamic_search_ads"] = dynamic_search
    if promotes_app:
        _google_app(view, campaign, label)
    if not budgets:
        view.problems.append(f"{label} has no budget MIDAS can read")
    elif shared is not None:
        _shared_budget(view, shared, label)
    if campaign.get("contains_eu_political_advertising"):
        options["eu_political_advertising"] = True
    if budgets and shared is None:
        if budget.get("name") != tree.name:
            options["budget_name"] = budget.get("name")
        if budget.get("delivery_method") == "ACCELERATED":
            options["budget_delivery"] = "accelerated"
    networks = campaign.get("network_settings") or {}
    spec_networks = {
        "search": bool(networks.get("target_google_search")),
        "search_partners": bool(networks.get("target_search_network")),
        "display": bool(networks.get("target_content_network")),
    }
    defaults = {"search": True, "search_partners": False, "display": False}
    changed = {k: v for k, v in spec_networks.items() if v != defaults[k]}
    if display and spec_networks != _DISPLAY_NETWORKS:
        view.problems.append(
            f"{label} is a Display campaign on networks {networks}; the spec language runs Display "
            "campaigns on the Display Network alone"
        )
    elif demand_gen and any(networks.values()):  # all false is what no settings mean (``diff.RULES``)
        view.problems.append(
            f"{label} is a Demand Gen campaign with network settings {networks}; MIDAS sets none for one"
        )
    if pmax and campaign.get("brand_guidelines_enabled"):
        _brand_guidelines(view, campaign, label)
    if demand_gen and (campaign.get("demand_gen_campaign_settings") or {}).get("upgraded_targeting") is False:
        view.problems.append(
            f"{label} is a Demand Gen campaign with demand_gen_campaign_settings.upgraded_targeting false "
            "(locations and languages per campaign); MIDAS targets them per ad group, with upgraded "
            "targeting, which Google lets no campaign change after its creation"
        )
    elif changed and not promotes_app and not display and not demand_gen and not pmax and not hotel:
        # An app, Demand Gen or Performance Max campaign has no network settings of its own.
        options["networks"] = changed
    if labels := _extra_labels(campaign.get("labels")):
        options["labels"] = labels
    view.url_parameters, url_options = google_campaign_urls(campaign, label, promotes_app, view.problems)
    options.update(url_options)
    if campaign.get("enhanced_cpc_enabled"):
        scheme = "percent_cpc" if bidding == "PERCENT_CPC" else "manual_cpc"
        view.problems.append(
            f"{label} bids with {scheme}.enhanced_cpc_enabled true (enhanced CPC), which the spec language "
            "cannot express: Google no longer applies it to Search and Display campaigns (unconfirmed "
            "whether it still does to Hotel ones)"
        )
    view.bidding_targets.update({k: campaign.get(k) for k in BIDDING_TARGETS})
    if bidding == "TARGET_IMPRESSION_SHARE":
        missing = [what for key, what in _IMPRESSION_SHARE.items() if not campaign.get(key)]
        if missing:
            view.problems.append(
                f"{label} bids for target impression share without {' or '.join(missing)}, which the spec "
                "language requires (google.bidding.impression_share)"
            )

    campaign_criteria = tree.children("campaign_criterion", tree.address, "campaign")
    negatives = []
    exclusions: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    targeting_criteria = []
    campaign_webpages: list[dict[str, Any]] = []
    devices: list[dict[str, Any]] = []
    slots: list[dict[str, Any]] = []  # the ad schedule (``schedule.hours``)
    for criterion in campaign_criteria:
        f = criterion.fields
        if f.get("type") == DEVICE:  # its device bid adjustments (``spec._google_devices``)
            devices.append(f)
        elif f.get("type") == AD_SCHEDULE:
            slots.append(f)
        elif pmax and f.get("type") not in CAMPAIGN_TARGETING_TYPES:
            view.problems.append(f"{label} has {f.get('type')} criteria; {_PMAX_TARGETS}")
        elif f.get("type") == "WEBPAGE":  # a DSA campaign's excluded pages
            campaign_webpages.append(f)
        elif f.get("type") == "KEYWORD":
            if hotel:
                view.problems.append(f"{label} has a keyword {f.get('keyword_text')!r}; {_HOTEL_TARGETS}")
            elif display:
                view.problems.append(f"{label} has a keyword {f.get('keyword_text')!r}; {_DISPLAY_KEYWORDS}")
            elif f.get("negative"):
                negatives.append(_keyword(f))
            else:
                view.problems.append(
                    f"{label} targets the keyword {f.get('keyword_text')!r} at campaign level, which the "
                    "spec language cannot express: Google takes campaign-level keywords as negatives only "
                    "(google.negative_keywords), and the keywords a spec targets belong to its ad groups "
                    "(ad_groups[].keywords)"
                )
        elif f.get("type") in CAMPAIGN_EXCLUSION_TYPES and shopping:
            view.problems.append(f"{label} has {f.get('type')} criteria; {_SHOPPING_TARGETS}")
        elif f.get("type") in CAMPAIGN_EXCLUSION_TYPES and hotel:
            view.problems.append(f"{label} has {f.get('type')} criteria; {_HOTEL_TARGETS}")
        elif f.get("type") in CAMPAIGN_EXCLUSION_TYPES:
            # The campaign's own (``google.negative_*`` / ``campaign_*``): read into the unified targeting,
            # they would compile back as criteria of each ad group (``compile.google``), not as themselves.
            (exclusions if f.get("negative") else targets).append(f)
        elif f.get("type") in CAMPAIGN_TARGETING_TYPES and demand_gen:
            view.problems.append(
                f"{label} targets {f.get('type')} criteria at campaign level (a Demand Gen campaign without "
                "upgraded targeting); MIDAS targets a Demand Gen campaign's locations and languages per ad "
                "group"
            )
        elif f.get("type") in CAMPAIGN_TARGETING_TYPES:
            targeting_criteria.append(f)
        else:
            view.problems.append(
                f"{label} has {f.get('type')} criteria at campaign level, which the spec language cannot "
                "express"
            )
    hours, adjusted = google_hours(slots, label, view.problems, app=promotes_app)
    if hours:
        if adjusted:  # Google's own, with their bid adjustments
            options["hours"] = hours
        else:
            view.schedule["hours"] = hours
        view.schedule["time_zone"] = time_zone  # Google runs them in the account's (``spec._schedule_hours``)
    view.problems.extend(
        f"{label} targets Google location {radius}, which the spec language cannot hold"
        for radius in mapper.google_unwritable_radii(targeting_criteria)  # each with why
    )
    # What else the mapper cannot read back exactly (the radii above said already): each ad group's
    # targeting would compile to other criteria than those live.
    readable = [f for f in targeting_criteria if not _is_unwritable_radius(f)]
    campaign_losses = mapper.from_google(readable)[1]
    view.problems.extend(_inexact_targeting(label, loss) for loss in campaign_losses)
    if negatives:
        options["negative_keywords"] = negatives
    excluded_pages = campaign_exclusions(campaign_webpages, bool(dynamic_search), label, view.problems)
    if excluded_pages:
        options["dynamic_search_ads"]["exclude_webpages"] = excluded_pages
    for own, problems in (
        mapper.google_exclusions_from(exclusions),
        mapper.google_campaign_targets_from(targets),
    ):
        options.update(own)
        view.problems.extend(f"{label} {problem}" for problem in problems)
    spec_channel = "app" if promotes_app else "hotel" if hotel else str(options.get("channel") or "search")
    adjustments, problems = device_adjustments_from(devices, spec_channel)
    if adjustments:
        options["device_bid_adjustments"] = adjustments
    view.problems.extend(f"{label} {problem}" for problem in problems)
    places, problems = location_adjustments_from(targeting_criteria, _place_entry(mapper), spec_channel)
    if places:  # its location bid adjustments (``spec._google_location_bids``)
        options["location_bid_adjustments"] = places
    view.problems.extend(f"{label} {problem}" for problem in problems)

    ad_name = AdNamer(tree.of_kind("ad_group_ad"))
    for group in tree.of_kind("ad_group"):
        gf = group.fields
        glabel = f"ad group {gf.get('name')!r} of {label}"
        if shopping or hotel:
            targeting = mapper.from_google(targeting_criteria)[0]
            _feed_group(view, tree, group, targeting, glabel, hotel, spec_channel)
            continue
        # App and Demand Gen campaigns' ad groups have no type (google_rules._AD_GROUP_TYPES); a Search
        # campaign with a Dynamic Search Ads setting has dynamic ad groups too.
        group_type: tuple[str, ...]
        if promotes_app or demand_gen:
            group_type = ()
        elif display:
            group_type = ("DISPLAY_STANDARD",)
        elif dynamic_search:
            group_type = ("SEARCH_STANDARD", DYNAMIC_AD_GROUP)
        else:
            group_type = ("SEARCH_STANDARD",)
        _refuse_unsupported_values(view, glabel, gf, {"type": group_type})
        dynamic = gf.get("type") == DYNAMIC_AD_GROUP
        group_criteria = tree.children("ad_group_criterion", group.address, "ad_group")
        filtered: dict[str, Any] | None = None  # a Demand Gen ad group's product filter
        keywords: list[dict[str, str]] = []
        group_negatives: list[dict[str, str]] = []
        group_exclusions = []
        other = []
        webpages = []
        for criterion in group_criteria:
            f = criterion.fields
            if f.get("type") == "WEBPAGE":
                webpages.append(criterion)
            elif demand_gen and f.get("type") == "LISTING_GROUP":
                # The tree, one resource at its root (``google_rows._criteria``): its product filter.
                filtered = demand_gen_product_filter(
                    view.problems, criterion, glabel, demand_gen_merchant(campaign) is not None
                )
            elif demand_gen and f.get("type") not in _DEMAND_GEN_CRITERIA:
                view.problems.append(
                    f"{glabel} has {f.get('type')} criteria; the spec language gives a Demand Gen campaign's "
                    "ad groups locations and languages to target"
                )
            elif f.get("type") == "KEYWORD" and display:
                view.problems.append(f"{glabel} has a keyword {f.get('keyword_text')!r}; {_DISPLAY_KEYWORDS}")
            elif f.get("type") == "KEYWORD":
                (group_negatives if f.get("negative") else keywords).append(_keyword(f))
                view.problems.extend(google_keyword_url_problems(f, glabel))
            elif f.get("negative") and f.get("type") in AD_GROUP_EXCLUSION_TYPES:
                # A console's demographic exclusion: the ad group's own option. Read into the unified ages
                # and genders, it would compile back as the other buckets targeted, not as itself.
                group_exclusions.append(f)
            else:
                other.append(f)
        if group_places := [_adjusted_place(mapper, f) for f in other if f.get("bid_modifier")]:
            # A place's bid adjustment at ad group level (``spec._google_location_bids``): none said there.
            view.problems.append(ad_group_adjustments_problem(glabel, group_places, demand_gen=demand_gen))
            other = [{k: v for k, v in f.items() if k != "bid_modifier"} for f in other]
        targeting = mapper.from_google([*targeting_criteria, *other])[0]
        view.problems.extend(
            _inexact_targeting(glabel, loss)
            for loss in mapper.from_google([*readable, *other])[1]
            if loss not in campaign_losses and UNNAMED_AUDIENCE_IGNORED not in loss  # said already
        )
        _refuse_unnamed_audiences(
            view, glabel, [str(f.get("user_list")) for f in other if f.get("user_list")]
        )
        group_google: dict[str, Any] = {}
        if (controls := gf.get("channel_controls")) and demand_gen:
            group_google["channels"] = _demand_gen_channels(controls)
        elif controls:
            picked = controls.get("selected_channels") or controls.get("channel_strategy")
            view.problems.append(
                f"{glabel} has channel controls {picked} (demand_gen_ad_group_settings.channel_controls), "
                "which only a Demand Gen campaign's ad groups have"
            )
        if filtered is not None:
            group_google["product_groups"] = filtered
        if gf.get("cpc_bid_micros") and demand_gen:
            view.problems.append(
                f"{glabel} has a max CPC, which a Demand Gen campaign's ad groups take none of"
            )
        elif gf.get("cpc_bid_micros"):
            group_google["cpc_bid"] = money.google_micros_as_written(gf["cpc_bid_micros"])
        group_google.update(_group_targets(view, gf, glabel, view.bidding_targets))
        group_google.update(google_ad_group_urls(gf, glabel, promotes_app, view.problems))
        if group_negatives:
            group_google["negative_keywords"] = group_negatives
        if dynamic and keywords:
            view.problems.append(f"{glabel} is a dynamic ad group with keywords, which Google takes in none")
        group_webpages, group_excluded = webpages_of(webpages, glabel, view.problems) if dynamic else ([], [])
        if group_webpages:
            group_google["webpages"] = group_webpages
            if group_excluded:
                group_google["exclude_webpages"] = group_excluded
        elif dynamic:
            view.problems.append(f"{glabel} is a dynamic ad group without a webpage target the spec can say")
        if webpages and not dynamic:  # Google keeps webpage targets to dynamic ad groups: never read
            view.problems.append(f"{glabel} targets webpages, which only a dynamic ad group does")
        excluded, unnamed = mapper.google_exclusions_from(group_exclusions)
        group_google.update(excluded)
        view.problems.extend(f"{glabel} {problem}" for problem in unnamed)
        if labels := _extra_labels(gf.get("labels")):
            group_google["labels"] = labels
        group_google.update(_group_devices(view, tree, group, glabel, spec_channel))
        # An app campaign's ad group takes no audience mode (MIDAS sends no audience_bid_only for it).
        if targeting.audiences and gf.get("audience_bid_only") is None and not promotes_app:
            group_google["audience_mode"] = "observation"
        group_options = {"google": group_google} if group_google else {}
        names = []
        paused = set()
        for ad in tree.children("ad_group_ad", group.address, "ad_group"):
            names.append(ad_name(ad))
            if _status(ad.fields.get("status")) == "paused":
                paused.add(names[-1])
            _google_creative(
                view,
                ad,
                names[-1],
                glabel,
                channel,
                named=not is_unnamed_ad(ad),
                dynamic=dynamic,
                group=str(gf.get("name")),
            )
        view.groups.append(
            GroupView(
                str(gf.get("name")),
                _status(gf.get("status")),
                targeting,
                names,
                keywords,
                group_options,
                paused=paused,
            )
        )
    if pmax:
        targeting = mapper.from_google(targeting_criteria)[0]  # its losses are the campaign's, said above
        for asset_group in tree.children("asset_group", tree.address, "campaign"):
            _asset_group(view, asset_group, targeting, label, bool(campaign.get("brand_guidelines_enabled")))
    if not view.groups:
        view.problems.append(f"{label} has no {'asset' if pmax else 'ad'} groups")
    return view


def _demand_gen_channels(controls: dict[str, Any]) -> str | list[str]:
    """An ad group's ``google.channels`` for the channel controls Google reports other than all channels
    (``google_rows.channel_controls``; ``spec._google_demand_gen.demand_gen_channel_controls`` compiles
    them back)."""
    if selected := controls.get("selected_channels"):
        return [c for c in DEMAND_GEN_CHANNELS if c in selected]
    return "google_owned"


def _feed_group(
    view: PlatformView,
    tree: CampaignTree,
    group: Resource,
    targeting: Targeting,
    label: str,
    hotel: bool,
    spec_channel: str,
) -> None:
    """An ad group of a campaign whose ads Google builds from a feed, a Shopping (or ``hotel``) one: the
    campaign's targeting, no creatives, its max CPC (``importing.shopping``, ``importing.hotel`` say what
    else it may not hold)."""
    gf = group.fields
    criteria = tree.children("ad_group_criterion", group.address, "ad_group")
    ads = tree.children("ad_group_ad", group.address, "ad_group")
    manual = view.bidding_type == "MANUAL_CPC"
    if hotel:
        percent = view.bidding_type == "PERCENT_CPC"
        view.problems.extend(hotel_group_problems(group, criteria, ads, label, manual, percent))
    else:
        view.problems.extend(shopping_group_problems(group, criteria, ads, label, manual))
    _refuse_unsupported_values(view, label, gf, {"type": ("HOTEL_ADS" if hotel else "SHOPPING_PRODUCT_ADS",)})
    google: dict[str, Any] = {}
    if gf.get("cpc_bid_micros"):
        google["cpc_bid"] = money.google_micros_as_written(gf["cpc_bid_micros"])
    for root in () if hotel else criteria:
        if (tree_groups := product_groups(root, gf.get("cpc_bid_micros"))) is not None:
            google["product_groups"] = tree_groups
    google.update(_group_targets(view, gf, label, view.bidding_targets))
    google.update(google_ad_group_urls(gf, label, False, view.problems))
    if labels := _extra_labels(gf.get("labels")):
        google["labels"] = labels
    google.update(_group_devices(view, tree, group, label, spec_channel))
    options = {"google": google} if google else {}
    view.groups.append(GroupView(str(gf.get("name")), _status(gf.get("status")), targeting, [], [], options))


def _group_devices(
    view: PlatformView, tree: CampaignTree, group: Resource, label: str, spec_channel: str
) -> dict[str, Any]:
    """The ad group's ``google.device_bid_adjustments`` from its device bid modifiers
    (``spec._google_ad_group_devices``) and its ``google.hotel_bid_adjustments`` from its booking ones
    (``spec._google_hotel_bookings``), what the spec language cannot say of them a problem."""
    modifiers = [m.fields for m in tree.children(DEVICE_MODIFIER, group.address, "ad_group")]
    devices = [fields for fields in modifiers if fields.get("type") == DEVICE]
    adjustments, problems = group_device_adjustments_from(devices, spec_channel)
    bookings, booking_problems = hotel_adjustments_from(
        [fields for fields in modifiers if fields.get("type") != DEVICE], spec_channel
    )
    view.problems.extend(f"{label} {problem}" for problem in [*problems, *booking_problems])
    out: dict[str, Any] = {"device_bid_adjustments": adjustments} if adjustments else {}
    if bookings:
        out["hotel_bid_adjustments"] = bookings
    return out


def _brand_guidelines(view: PlatformView, campaign: dict[str, Any], label: str) -> None:
    """A Performance Max campaign with brand guidelines on: its brand assets (campaign assets) as
    ``google.business_name`` and ``google.brand_guidelines`` (``compile.google._brand_guidelines`` the other
    way round)."""
    name = campaign.get("business_name")
    if isinstance(name, str):
        view.options["business_name"] = name
    else:
        found = len(name) if isinstance(name, list) else 0
        view.problems.append(
            f"{label} has brand guidelines on with {found} business names (campaign assets); Google takes one"
        )
    view.options["brand_guidelines"] = {
        option: list(campaign[option]) for option in BRAND_IMAGES if campaign.get(option)
    }


def _asset_group(view: PlatformView, group: Resource, targeting: Targeting, label: str, brand: bool) -> None:
    """A Performance Max asset group: an ad group of the campaign's targeting running one creative of its
    name, made of its assets (``compile.google._asset_group`` the other way round); with the campaign's
    brand guidelines on (``brand``), business name and logos are the campaign's."""
    f = group.fields
    name = str(f.get("name"))
    glabel = f"asset group {name!r} of {label}"
    if brand and (linked := [k for k in ("business_name", *BRAND_IMAGES) if f.get(k)]):
        view.problems.append(
            f"{glabel} links {', '.join(linked)} although its campaign's brand guidelines are on (they are "
            "then the campaign's assets); the spec language gives them to the campaign alone"
        )
    urls = list(f.get("final_urls") or [])
    long_headlines = list(f.get("long_headlines") or [])
    if not long_headlines:
        view.problems.append(f"{glabel} has no long headline; Google needs one at least")
    if not urls:
        view.problems.append(f"{glabel} has no final URL")
    if isinstance(f.get("business_name"), list):
        view.problems.append(f"{glabel} has several business names; Google takes one")
    google: dict[str, Any] = {k: f[k] for k in ("path1", "path2") if f.get(k)}
    if urls[1:]:
        google["additional_final_urls"] = urls[1:]
    google.update({k: f[k] for k in ("business_name",) if isinstance(f.get(k), str)})
    if len(long_headlines) == 1:
        google["long_headline"] = long_headlines[0]
    elif long_headlines:
        google["long_headlines"] = long_headlines
    google.update({k: list(f[k]) for k in (*PMAX_IMAGES, "youtube_videos") if f.get(k)})
    if isinstance(f.get("call_to_action"), str):
        google["call_to_action"] = f["call_to_action"].lower()
    elif f.get("call_to_action"):
        view.problems.append(f"{glabel} has several calls to action; the spec language gives it one")
    fields: dict[str, Any] = {
        "headlines": list(f.get("headlines") or []),
        "descriptions": list(f.get("descriptions") or []),
        "final_url": urls[0] if urls else "",
        "google": google,
    }
    _add_creative(view, CreativeView(name, "active", fields, named=True), glabel, name)
    view.groups.append(GroupView(name, _status(f.get("status")), targeting, [name], [], {}))


#: AppCampaignAppStore → the spec's ``app.store``.
_APP_STORE_NAMES = {native: store for store, native in GOOGLE_APP_STORES.items()}


#: advertising_channel_sub_type → ``google.app_campaign``.
_APP_KINDS = {sub_type: kind for kind, sub_type in APP_SUB_TYPES.items()}


def _google_app(view: PlatformView, campaign: dict[str, Any], label: str) -> None:
    """An app campaign: its kind (``google.app_campaign`` but installs, the default), the app it promotes
    (``view.app``), its goal when not its bidding's default and the conversion actions it optimises for
    (``view.bidding_targets``), and a problem for what the spec cannot say of it (another sub type, a goal
    its kind or bidding does not go with)."""
    sub_type = campaign.get("advertising_channel_sub_type")
    kind = _APP_KINDS.get(str(sub_type))
    if kind is None:
        view.problems.append(
            f"{label} is a MULTI_CHANNEL campaign of sub type {sub_type!r}; MIDAS manages app campaigns "
            "of sub types " + ", ".join(APP_SUB_TYPES.values())
        )
        return
    if kind != "installs":
        view.options["app_campaign"] = kind
    setting = campaign.get("app_campaign_setting") or {}
    store = _APP_STORE_NAMES.get(str(setting.get("app_store")))
    if store is None or not setting.get("app_id"):
        view.problems.append(
            f"{label} promotes app {setting.get('app_id')!r} in store {setting.get('app_store')!r}; "
            f"expected an app id in one of {', '.join(sorted(_APP_STORE_NAMES))}"
        )
    else:
        view.app = {"store": store, "id": str(setting["app_id"])}
    goal = str(setting.get("bidding_strategy_goal_type"))
    bidding = str(campaign.get("bidding_strategy_type") or "")
    strategy = APP_GOAL_STRATEGIES.get(goal) if goal in APP_KIND_GOALS[kind] else None
    if strategy is None:
        view.problems.append(
            f"{label} bids for goal {goal!r}, which the spec language cannot express of a campaign of sub "
            f"type {sub_type}; expected one of " + ", ".join(APP_KIND_GOALS[kind])
        )
        return
    if GOOGLE_BIDDING[strategy] != bidding:
        view.problems.append(
            f"{label} pursues goal {goal} with {bidding} bidding, which the spec language cannot express: "
            f"it bids for that goal with {GOOGLE_BIDDING[strategy]} alone (google.bidding.strategy "
            f"{strategy.value})"
        )
        return
    if goal != APP_DEFAULT_GOALS[kind][bidding]:
        view.bidding_targets["app_goal"] = goal
    for untargeted, target, targeted in (
        ("MAXIMIZE_CONVERSIONS", "target_cpa_micros", "target_cpa"),
        ("MAXIMIZE_CONVERSION_VALUE", "target_roas", "target_roas"),
    ):
        if bidding == untargeted and campaign.get(target):
            view.problems.append(
                f"{label} bids {bidding} under a {targeted}; the spec language bids to a {targeted} with "
                f"strategy {targeted}"
            )
    if actions := campaign.get("conversion_actions"):
        view.bidding_targets["conversion_actions"] = list(actions)


def _shared_budget(view: PlatformView, shared: Resource, label: str) -> None:
    """The campaign draws on a shared budget: no amount of its own, the budget's name as its option."""
    name = shared.fields.get("name")
    view.shared_budget = shared
    view.amount = Decimal(0)
    view.period = "daily"
    view.options["shared_budget"] = name
    if shared.fields.get("total_amount_micros") or not shared.fields.get("amount_micros"):
        view.problems.append(
            f"{label} uses shared budget {name!r}, which has no daily amount; the spec language shares "
            "daily budgets only"
        )


def _group_targets(
    view: PlatformView, fields: Mapping[str, Any], label: str, campaign_targets: Mapping[str, Any]
) -> dict[str, Any]:
    """An ad group's own target CPA and ROAS, which override its campaign's of their name; Google ignores one
    where the campaign bids without such a target, which the spec language refuses (``spec.checks``)."""
    out: dict[str, Any] = {}
    if micros := fields.get("percent_cpc_bid_micros"):
        if view.bidding_type == "PERCENT_CPC":  # a Hotel campaign's alone (``spec._google_hotel``)
            out["percent_cpc_bid"] = percent_cpc_percent(int(micros))
        else:
            view.problems.append(
                f"{label} has a percent CPC bid (percent_cpc_bid_micros {micros}), which Google ignores as "
                f"the campaign bids {view.bidding_type}; the spec language writes one in a Hotel campaign "
                "bidding percent_cpc alone: remove it in the console"
            )
    for native, option in (("target_cpa_micros", "target_cpa"), ("target_roas", "target_roas")):
        if not fields.get(native):
            continue
        if not campaign_targets.get(native):
            view.problems.append(
                f"{label} has its own {option}, which Google ignores as the campaign bids without one; "
                f"remove it in the console, or give the campaign a {option}"
            )
        elif native == "target_roas":
            out[option] = Decimal(str(fields[native])).normalize()
        else:
            out[option] = money.google_micros_as_written(fields[native])
    return out


def _place_entry(mapper: TargetingMapper) -> Callable[[Mapping[str, Any]], str | None]:
    """The spec entry of a place's criterion, as the targeting read writes it (None: it writes none)."""

    def entry(fields: Mapping[str, Any]) -> str | None:
        if _is_unwritable_radius(fields) or fields.get("negative"):
            return None
        read = mapper.from_google([{k: v for k, v in fields.items() if k != "bid_modifier"}])[0]
        return read.locations[0] if len(read.locations) == 1 else None

    return entry


def _adjusted_place(mapper: TargetingMapper, fields: Mapping[str, Any]) -> str:
    """A place's criterion by its spec entry (else its geo target constant or type), with its modifier."""
    place = _place_entry(mapper)(fields) or fields.get("geo_target_constant") or fields.get("type")
    return f"{place} {fields.get('bid_modifier')}"


def _is_unwritable_radius(criterion: Mapping[str, Any]) -> bool:
    """Whether ``criterion`` is a radius ``TargetingMapper.google_unwritable_radii`` names."""
    return str(criterion.get("type")).upper() == "PROXIMITY" and unwritable_proximity(criterion)


def _inexact_targeting(label: str, loss: str) -> str:
    """The problem of ``label``'s for what the targeting mapper cannot read back exactly (``loss``, a warning
    of ``TargetingMapper.from_google``/``from_meta``): written, the spec would compile to other targeting
    than what is live."""
    if (left_out := loss.removesuffix("; ignored")) != loss:
        return f"{label}: {left_out}, which the spec language cannot hold"
    return f"{label}: {loss}; the spec language cannot say this exactly"


def _placement_problems(targeting: Mapping[str, Any], label: str, *, app: bool) -> list[str]:
    """Where an ad set's ``targeting`` places its ads beyond what the spec language says of placements
    (``meta.placements``, ``meta.devices``): positions of a platform it does not place on, or of no name the
    spec language knows, devices of no such name, and an app ad set's on other devices than mobile."""
    problems = [
        f"{label} places its ads by {key} {positions} without {POSITION_FIELDS[key]} in its "
        f"{PLATFORMS_FIELD}, which the spec language cannot express: meta.placements names positions by "
        "the platform they are on"
        for key, positions in unplaced_positions(targeting).items()
    ]
    problems += [
        f"{label} places its ads by {key} {unknown}, which the spec language does not name: it names "
        f"{', '.join(META_POSITIONS[POSITION_FIELDS[key]])}"
        for key, unknown in unknown_positions(targeting).items()
    ]
    devices = sorted({str(d) for d in targeting.get(DEVICES_FIELD) or ()})
    if unknown := [d for d in devices if d not in META_DEVICES]:
        problems.append(
            f"{label} runs on {DEVICES_FIELD} {unknown}, which the spec language does not name: it names "
            f"{', '.join(META_DEVICES)} (meta.devices)"
        )
    elif app and devices and devices != APP_DEVICES:
        problems.append(
            f"{label} runs on {DEVICES_FIELD} {devices}, which the spec language cannot express: an app ad "
            f"set runs on {APP_DEVICES} (Meta's app ads are mobile ones)"
        )
    return problems


def _refuse_unnamed_audiences(view: PlatformView, label: str, audiences: list[str]) -> None:
    """A problem for each audience targeted by an id no audience of the account names alone."""
    for name in audiences:
        if is_unnamed_audience(name):
            view.problems.append(
                f"{label} targets audience id {name.removeprefix(UNNAMED_AUDIENCE_PREFIX)}, which has no "
                f"name of its own in account {view.account} (another audience shares its name, or it cannot "
                "be read); give each audience a name of its own in the console"
            )


def _keyword(fields: dict[str, Any]) -> dict[str, Any]:
    keyword: dict[str, Any] = {
        "text": str(fields.get("keyword_text")),
        "match": str(fields.get("keyword_match_type")).lower(),
    }
    if str(fields.get("status") or "ENABLED") != "ENABLED":
        keyword["status"] = _status(fields.get("status"))
    if fields.get("cpc_bid_micros"):  # its own max CPC, over its ad group's
        keyword["cpc_bid"] = money.google_micros_as_written(fields["cpc_bid_micros"])
    if not fields.get("negative"):  # a negative keyword's are problems (``google_keyword_url_problems``)
        keyword.update(google_keyword_urls(fields))
    return keyword


#: The other ads a channel's campaigns run that the spec language writes (its creatives with YouTube videos,
#: its carousels).
_OTHER_CHANNEL_ADS = {
    "DEMAND_GEN": (GOOGLE_DEMAND_GEN_VIDEO_AD, GOOGLE_DEMAND_GEN_CAROUSEL_AD, GOOGLE_DEMAND_GEN_PRODUCT_AD)
}
#: advertising_channel_type → the ads the spec language writes of its campaigns.
_CHANNEL_ADS = {
    "MULTI_CHANNEL": ("APP_AD", "app ads in app campaigns"),
    "DISPLAY": ("RESPONSIVE_DISPLAY_AD", "responsive display ads in Display campaigns"),
    "DEMAND_GEN": (
        "DEMAND_GEN_MULTI_ASSET_AD",
        "Demand Gen multi-asset, video responsive, carousel and product ads in Demand Gen campaigns",
    ),
    "SEARCH": ("RESPONSIVE_SEARCH_AD", "responsive search ads in Search campaigns"),
}


def _google_creative(
    view: PlatformView,
    ad: Resource,
    name: str,
    group_label: str,
    channel: str,
    named: bool,
    dynamic: bool = False,
    *,
    group: str,
) -> None:
    """``dynamic``: the ad is a dynamic ad group's (its ads are expanded dynamic search ads); ``group``: the
    ad group's name."""
    f = ad.fields
    label = f"ad {name!r} in {group_label}"
    wanted, managed = _CHANNEL_ADS.get(channel, _CHANNEL_ADS["SEARCH"])
    if dynamic:
        wanted, managed = DYNAMIC_AD, "expanded dynamic search ads in dynamic ad groups"
    if wanted == "APP_AD" and (kind := view.options.get("app_campaign", "installs")) != "installs":
        wanted, managed = APP_AD_TYPES[kind], f"{APP_AD_TYPES[kind]} ads in {APP_SUB_TYPES[kind]} campaigns"
    if f.get("type") in _OTHER_CHANNEL_ADS.get(channel, ()):
        wanted = str(f["type"])
    if f.get("type") != wanted:
        view.problems.append(f"{label} is a {f.get('type')} ad; MIDAS manages {managed}")
        return
    if channel == "MULTI_CHANNEL":  # an app ad sends people to the app's store page: no final URL of its own
        view.problems.extend(google_app_ad_url_problems(f, label))
        texts: dict[str, Any] = {k: list(f.get(k) or []) for k in ("headlines", "descriptions")}
        if wanted != "APP_AD" and f.get("images"):  # an app engagement or pre-registration ad's
            texts["google"] = {"images": list(f["images"])}
        if wanted != "APP_AD" and (videos := [k for k in ("videos", "youtube_videos") if f.get(k)]):
            view.problems.append(
                f"{label} has {' and '.join(videos)}, which the spec language cannot express"
            )
        _add_creative(view, CreativeView(name, _status(f.get("status")), texts, named=named), label, group)
        return
    if dynamic:  # Google picks its page: no final URL, but URL options
        own_urls, google_urls = google_ad_urls(f)
        dynamic_fields = {**dynamic_creative(f, label, view.problems), **own_urls}
        if google_urls:
            dynamic_fields["google"] = google_urls
        _add_creative(
            view, CreativeView(name, _status(f.get("status")), dynamic_fields, named=named), label, group
        )
        return
    final_urls = list(f.get("final_urls") or [])
    if not final_urls:
        view.problems.append(f"{label} has no final URL")
        return
    own_urls, google_urls = google_ad_urls(f)
    fields: dict[str, Any] = {
        "headlines": list(f.get("headlines") or []),
        "descriptions": list(f.get("descriptions") or []),
        "final_url": final_urls[0],
        **own_urls,
    }
    google: dict[str, Any] = {k: f[k] for k in ("path1", "path2") if f.get(k)}
    if final_urls[1:]:
        google["additional_final_urls"] = final_urls[1:]
    google.update(google_urls)
    if wanted == "RESPONSIVE_DISPLAY_AD":
        google.update(_display_ad_options(view, f, label))
    if wanted == "DEMAND_GEN_MULTI_ASSET_AD":
        google.update(_demand_gen_ad_options(view, f, label))
    if wanted == GOOGLE_DEMAND_GEN_VIDEO_AD:
        google.update(_demand_gen_video_ad_options(view, f, label))
    if wanted == GOOGLE_DEMAND_GEN_CAROUSEL_AD:
        fields = {**_demand_gen_carousel(view, f, label, fields["final_url"], google), **own_urls}
        google = {}
    if wanted == GOOGLE_DEMAND_GEN_PRODUCT_AD:
        fields = {**demand_gen_product(view.problems, f, label, fields["final_url"], google), **own_urls}
        google = {}
    if google:
        fields["google"] = google
    _add_creative(view, CreativeView(name, _status(f.get("status")), fields, named=named), label, group)


def _display_ad_options(view: PlatformView, fields: dict[str, Any], label: str) -> dict[str, Any]:
    """A responsive display ad's own creative options (``google.long_headline`` …, written explicitly
    whatever the defaults), and a problem for what the spec language cannot say of it."""
    out: dict[str, Any] = {k: fields[k] for k in ("long_headline", "business_name") if fields.get(k)}
    out.update({k: list(fields[k]) for k in DISPLAY_IMAGE_OPTIONS if fields.get(k)})
    missing = [k for k in ("long_headline", "business_name", *DISPLAY_IMAGE_OPTIONS[:2]) if not out.get(k)]
    if missing:
        view.problems.append(f"{label} has no {', '.join(missing)}, which a responsive display ad needs")
    if videos := _youtube_videos(view, fields, label):
        out["youtube_videos"] = videos
    if unsent := [k for k in GOOGLE_DISPLAY_AD_UNSENT if k in fields]:
        view.problems.append(
            f"{label} has {', '.join(_unsent_text(k, fields[k]) for k in unsent)}, which the spec language "
            "cannot express"
        )
    return out


def _demand_gen_ad_options(view: PlatformView, fields: dict[str, Any], label: str) -> dict[str, Any]:
    """A Demand Gen multi-asset ad's own creative options (``google.business_name`` and its images), and a
    problem for what the spec language cannot say of it."""
    out: dict[str, Any] = {k: fields[k] for k in ("business_name", "call_to_action_text") if fields.get(k)}
    out.update({k: list(fields[k]) for k in DEMAND_GEN_IMAGE_OPTIONS if fields.get(k)})
    needs = [
        what
        for what, present in (
            ("business_name", "business_name" in out),
            ("marketing_images or square_marketing_images", set(out) & set(DEMAND_GEN_IMAGE_OPTIONS[:2])),
            ("logo_images", "logo_images" in out),
        )
        if not present
    ]
    if needs:
        view.problems.append(f"{label} has no {', '.join(needs)}, which a Demand Gen multi-asset ad needs")
    if unsent := [k for k in GOOGLE_DEMAND_GEN_AD_UNSENT if fields.get(k)]:
        view.problems.append(
            f"{label} has {', '.join(_unsent_text(k, fields[k]) for k in unsent)}, which the spec language "
            "cannot express"
        )
    return out


def _demand_gen_carousel(
    view: PlatformView, fields: dict[str, Any], label: str, final_url: str, google: dict[str, Any]
) -> dict[str, Any]:
    """A Demand Gen carousel ad as a ``type: carousel`` creative: its description as the ``primary_text``,
    its headline, logo, business name and call to action text as its google options (beside ``google``'s),
    its cards in order, each with its headline, final URL and its images and call to action text as the
    card's google options; a problem for a card whose asset was read as no carousel card."""
    out: dict[str, Any] = {"type": "carousel", "final_url": final_url}
    if fields.get("description"):
        out["primary_text"] = fields["description"]
    google = {
        **google,
        **{k: fields[k] for k in ("headline", "business_name", "call_to_action_text") if fields.get(k)},
    }
    if fields.get("logo_images"):
        google["logo_images"] = list(fields["logo_images"])
    out["google"] = google
    cards = list(fields.get("cards") or [])
    if unread := [c for c in cards if not isinstance(c, dict)]:
        view.problems.append(
            f"{label} has cards of assets that are no carousel cards ({', '.join(map(str, unread))}), which "
            "the spec language cannot express"
        )
        return out
    out["cards"] = [
        {
            **{k: card[k] for k in ("headline", "final_url") if card.get(k)},
            "google": {k: v for k, v in card.items() if k not in ("headline", "final_url")},
        }
        for card in cards
    ]
    return out


def _youtube_videos(view: PlatformView, fields: dict[str, Any], label: str) -> list[str]:
    """An ad's videos by YouTube video id, as read (``connectors.google_rows``), or none and a problem when
    an asset read as no YouTube video stays its resource name."""
    videos = [str(v) for v in fields.get("youtube_videos") or []]
    if unread := [v for v in videos if not re.fullmatch(YOUTUBE_VIDEO_ID_PATTERN, v)]:
        view.problems.append(
            f"{label} has videos of assets that are no YouTube videos ({', '.join(unread)}), which the spec "
            "language cannot express"
        )
        return []
    return videos


def _demand_gen_video_ad_options(view: PlatformView, fields: dict[str, Any], label: str) -> dict[str, Any]:
    """A Demand Gen video responsive ad's own creative options (its YouTube videos make the creative one),
    and a problem for what the spec language cannot say of it or what the ad lacks."""
    out: dict[str, Any] = {k: fields[k] for k in ("business_name",) if fields.get(k)}
    if videos := _youtube_videos(view, fields, label):
        out["youtube_videos"] = videos
    out.update(
        {k: list(fields[k]) for k in ("logo_images", "companion_banners", "long_headlines") if fields.get(k)}
    )
    out.update({k: fields[k] for k in ("breadcrumb1", "breadcrumb2") if fields.get(k)})
    needs = [k for k in ("business_name", "logo_images") if k not in out]
    if not fields.get("youtube_videos"):
        needs.append("youtube_videos")
    if needs:
        view.problems.append(
            f"{label} has no {', '.join(needs)}, which a Google Demand Gen video responsive ad needs"
        )
    if action := demand_gen_call_to_action(view.problems, fields.get("call_to_actions"), label):
        out["call_to_action"] = action
    return out


def _unsent_text(option: str, value: Any) -> str:
    """``main_color '#ffffff'``; ``control_spec.enable_autogen_video true``."""
    if isinstance(value, dict):
        return ", ".join(f"{option}.{k} {json.dumps(v)}" for k, v in value.items())
    return f"{option} {json.dumps(value)}"


def _add_creative(view: PlatformView, creative: CreativeView, label: str, group: str) -> None:
    """Creatives are named once per campaign: the same name must mean the same ad everywhere (paused in
    some ad groups only, it is one creative: ``GroupView.paused``). ``group``: the ad group its ad is in."""
    view.ads_by_group.setdefault(creative.name, {}).setdefault(group, creative)
    known = view.creatives.setdefault(creative.name, creative)
    if known is not creative and known.fields != creative.fields:
        paths = _differing(known.fields, creative.fields)
        options = any(p.startswith("meta.text_options") for p in paths)
        view.problems.append(
            f"{label} differs from another ad of the same name in this campaign in its {', '.join(paths)} (a "
            "creative is one ad wherever it runs)"
            + (
                ": one has text options (several texts in its asset feed: meta.text_options), the other "
                "none; give both the same texts, or rename one of them"
                if options
                else "; rename one of them"
            )
        )


def _differing(one: Mapping[str, Any], other: Mapping[str, Any], prefix: str = "") -> list[str]:
    """The fields (dotted, into mappings) two creatives' derived fields differ in, sorted."""
    out: list[str] = []
    for key in sorted(one.keys() | other.keys()):
        left, right = one.get(key), other.get(key)
        if left == right:
            continue
        if isinstance(left, Mapping) or isinstance(right, Mapping):
            out.extend(_differing(left or {}, right or {}, f"{prefix}{key}."))
        else:
            out.append(f"{prefix}{key}")
    return out


def meta_view(
    tree: CampaignTree,
    mapper: TargetingMapper,
    currency: str,
    time_zone: str,
    page_id: str | None,
    pixel_id: str | None = None,
    instagram_user_id: str | None = None,
) -> PlatformView:
    """``page_id``, ``pixel_id`` and ``instagram_user_id``: the account's, which the written spec leaves
    implicit."""
    campaign = tree.campaign.fields
    objective_text = str(campaign.get("objective") or "")
    objective = next(
        (o.value for o, (native, _) in META_OBJECTIVES.items() if native == objective_text), None
    )
    adsets = tree.of_kind("adset")
    # A campaign without a budget has its ad sets carry one each (ad set budgets): their sum is the total.
    # Ad sets may mix periods (Meta's Budgets guide: "Set daily budget or lifetime budget at the ad set
    # level"): the budget is then the daily ones' sum, the lifetime ones on top (``spec.models.AdSetBudget``).
    budgeted = [tree.campaign] if _budget_of(tree.campaign) else adsets
    by_period: dict[str, int] = {}
    for budget_period, budget_units in (b for b in map(_budget_of, budgeted) if b is not None):
        by_period[budget_period] = by_period.get(budget_period, 0) + budget_units
    period = "daily" if "daily" in by_period or not by_period else "lifetime"
    units = by_period.get(period, 0)
    options: dict[str, Any] = {}
    view = PlatformView(
        "meta",
        tree.address.account,
        tree.name,
        tree.platform_id,
        objective,
        _status(campaign.get("status")),
        period,
        money.from_meta_minor(int(units or 0), currency),
        currency,
        {},
        [],
        {},
        options,
    )
    label = view.label()
    if objective is None:
        view.problems.append(
            f"{label} has objective {objective_text!r}; expected one of the OUTCOME_* objectives"
            + (
                " (PRODUCT_CATALOG_SALES is the legacy catalog sales objective: make the campaign anew as "
                "OUTCOME_SALES, a sales campaign with meta.catalog)"
                if objective_text == "PRODUCT_CATALOG_SALES"
                else ""
            )
        )
    if not units:
        view.problems.append(f"{label} has no budget on the campaign or its ad sets")
    elif len(by_period) > 1:
        view.period_amounts = {p: money.from_meta_minor(u, currency) for p, u in by_period.items()}
    _refuse_unsupported_values(view, label, campaign, {"buying_type": ("AUCTION",)})
    if campaign.get("special_ad_categories"):
        options["special_ad_categories"] = sorted(campaign["special_ad_categories"])
    strategy = str(campaign.get("bid_strategy") or META_DEFAULT_BID_STRATEGY)
    if strategy != META_DEFAULT_BID_STRATEGY:
        options["bid_strategy"] = strategy
    _refuse_unexpressed_meta_campaign(view, label, campaign, adsets)
    under_campaign_budget = _budget_of(tree.campaign) is not None
    bids = {a.address: _bid_of(view, a, strategy, currency, under_campaign_budget) for a in adsets}
    campaign_bid = _most_common_bid(bids.values())
    options.update(campaign_bid)
    if campaign.get("is_adset_budget_sharing_enabled"):
        options["adset_budget_sharing"] = True
    if campaign.get("spend_cap"):  # read as none when Meta says "no limit" (``meta_graph.normalise``)
        options["spend_cap"] = format_money(money.from_meta_minor(int(campaign["spend_cap"]), currency))
    if labels := _extra_labels(campaign.get("adlabels")):
        options["labels"] = labels

    sends = destinations(label, adsets, page_id)
    options.update(sends.options)
    view.problems.extend(sends.problems)
    shelf = catalog_of(label, campaign, adsets)
    options.update(shelf.options)
    view.problems.extend(shelf.problems)
    default_goal = sends.default_goal or (META_OBJECTIVES[Objective(objective)][1] if objective else None)
    goals = Counter(str(a.fields.get("optimization_goal")) for a in adsets)
    billing = Counter(str(a.fields.get("billing_event") or "IMPRESSIONS") for a in adsets)
    goal = goals.most_common(1)[0][0] if goals else default_goal
    bill = billing.most_common(1)[0][0] if billing else "IMPRESSIONS"
    if goal != default_goal:
        options["optimization_goal"] = goal
    if bill != "IMPRESSIONS":
        options["billing_event"] = bill
    schedules = Counter(_moments(a) for a in adsets)
    schedule = schedules.most_common(1)[0][0] if schedules else (None, None)
    hour_problems: list[str] = []  # said after the ad sets' own, as before ad sets had hours of their own
    hours = meta_hours(adsets, label, hour_problems)
    placements = Counter(_placements(a) for a in adsets)
    placed = placements.most_common(1)[0][0] if placements else ()
    if placed:
        options["placements"] = placements_spec(placed)
    view.app = _meta_app(view, adsets, objective)
    devices = Counter(_devices(a, view.app is not None) for a in adsets)
    on_devices = devices.most_common(1)[0][0] if devices else ()
    if on_devices:
        options["devices"] = list(on_devices)
    store_page = _store_page(view.app) if view.app is not None else None
    conversions = {a.address: _conversion_of(a) for a in adsets}
    # The campaign's conversion is the most common of the ad sets that count one by their goal; one that
    # counts one otherwise names its own (``spec.models.adset_conversion``).
    by_goal = Counter(
        c
        for a in adsets
        if a.fields.get("optimization_goal") in META_PIXEL_GOALS and (c := conversions[a.address]) is not None
    )
    implied = AdSetConversion(pixel_id, META_DEFAULT_EVENTS.get(Objective(objective)) if objective else None)
    conversion = implied
    if by_goal:
        conversion = by_goal.most_common(1)[0][0]
        if own_conversion := _conversion_option(conversion, implied, implied):
            options["conversion"] = own_conversion
    creatives = tree.by_address()
    advantage = {a.address: advantage_audience_of(a.fields.get("targeting") or {}) for a in adsets}
    every_advantage = bool(adsets) and all(advantage.values())
    if every_advantage:
        options["advantage_audience"] = True
    # Advantage+ audience's individual_setting as written: the campaign's the most common (none on a tie with
    # none, so that an ad set's own says where it is), others an ad set's.
    settings = {a.address: individual_setting_of(a.fields.get("targeting") or {}) for a in adsets}
    held = Counter(tuple(v.items()) for v in settings.values())
    campaign_settings = dict(max(held.items(), key=lambda kv: (kv[1], not kv[0]))[0]) if held else {}
    if campaign_settings:
        options["advantage_audience_settings"] = campaign_settings
    for adset in adsets:
        af = adset.fields
        glabel = f"ad set {af.get('name')!r} of {label}"
        targeting_spec = dict(af.get("targeting") or {})
        # An app ad set's user_os the app gives (``compile.meta``), not its targeting.
        readable = {k: v for k, v in targeting_spec.items() if not (k == "user_os" and view.app is not None)}
        targeting, losses = mapper.from_meta(readable)
        view.problems.extend(
            _inexact_targeting(glabel, loss)
            for loss in losses
            # Said already (unnamed audiences), or said by meta.advantage_audience.
            if UNNAMED_AUDIENCE_IGNORED not in loss and loss != ADVANTAGE_AUDIENCE_ON
        )
        view.problems.extend(_placement_problems(targeting_spec, glabel, app=view.app is not None))
        _refuse_unnamed_audiences(
            view, glabel, [n for k in AUDIENCE_FIELDS for n in targeting_spec.get(k) or []]
        )
        view.problems.extend(
            f"{glabel} has {unexpressed_automation_problem(key, value)}"
            for key, value in unexpressed_automation(targeting_spec).items()
        )
        group_meta: dict[str, Any] = {}
        if af.get("optimization_goal") != goal:
            group_meta["optimization_goal"] = af.get("optimization_goal")
        if (af.get("billing_event") or "IMPRESSIONS") != bill:
            group_meta["billing_event"] = af.get("billing_event")
        if labels := _extra_labels(af.get("adlabels")):
            group_meta["labels"] = labels
        if _placements(adset) != placed:
            group_meta["placements"] = placements_spec(_placements(adset))
        if _devices(adset, view.app is not None) != on_devices:
            group_meta["devices"] = list(_devices(adset, view.app is not None))
        if (counts := conversions[adset.address]) is not None:
            if counts.event is not None and counts.event not in get_args(MetaConversionEvent):
                view.problems.append(
                    f"{glabel} counts the conversion event {counts.event}, which the spec language does not "
                    "name; MIDAS counts Meta's standard events, a pixel's custom events by name "
                    "(custom_event_str) and custom conversions"
                )
            elif counts.custom_event is not None and (why := custom_event_problem(counts.custom_event)):
                view.problems.append(
                    f"{glabel} counts the custom event promoted_object.custom_event_str: {why}, which the "
                    "spec language cannot write"
                )
            elif counts.pixel_rule is not None and meta_pixel_rule_text(counts.pixel_rule) is None:
                view.problems.append(
                    f"{glabel} has promoted_object.pixel_rule {counts.pixel_rule!r}, which is no JSON rule "
                    "(a JSON object) the spec language can express"
                )
            elif counts.custom_conversion_id is None and (
                counts.pixel_id is None or not counts.names_an_event()
            ):
                view.problems.append(
                    f"{glabel} optimises for {af.get('optimization_goal')} without naming the pixel and "
                    "event or the custom conversion it counts (promoted_object)"
                )
            elif own_conversion := _conversion_option(counts, conversion, implied):
                group_meta["conversion"] = own_conversion
            elif af.get("optimization_goal") not in META_PIXEL_GOALS:
                # Its conversion is the campaign's, but only naming one makes it count one.
                group_meta["conversion"] = _named(counts)
        group_meta.update({k: v for k, v in bids[adset.address].items() if campaign_bid.get(k) != v})
        if advantage[adset.address] and not every_advantage:
            group_meta["advantage_audience"] = True
        if settings[adset.address] != campaign_settings:
            group_meta["advantage_audience_settings"] = settings[adset.address]
        group_meta.update(sends.own.get(adset.address, {}))
        group_meta.update(shelf.own.get(adset.address, {}))
        if adset.fields.get(DYNAMIC_ADSET_FIELD):
            group_meta["dynamic_creative"] = True  # ``spec._meta_dynamic_creative``
        if budgeted is adsets and (own := _budget_of(adset)):
            group_meta["budget"] = {own[0]: format_money(money.from_meta_minor(own[1], currency))}
        if (own_hours := hours.own.get(adset.address)) is not None:  # ``importing.unify`` adds its dates
            group_meta["schedule"] = {"hours": own_hours}
        if (own_zone := hours.own_time_zone.get(adset.address)) is not None:
            group_meta["hours_time_zone"] = own_zone
        names = []
        paused = set()
        for ad in tree.children("ad", adset.address, "adset"):
            name = str(ad.fields.get("name") or "")
            names.append(name)
            if _status(ad.fields.get("status")) == "paused":
                paused.add(name)
            creative = creatives.get(ad.refs.get("creative"))  # type: ignore[arg-type]
            alabel = f"ad {name!r} in {glabel}"
            if creative is None:
                view.problems.append(f"{alabel} uses a creative MIDAS cannot read")
                continue
            if (mismatch := template_mismatch(creative, adset, alabel)) is not None:
                view.problems.append(mismatch)
                continue
            if (mismatch := dynamic_mismatch(creative, adset, alabel)) is not None:
                view.problems.append(mismatch)
                continue
            _meta_creative(
                view,
                name,
                _status(ad.fields.get("status")),
                creative,
                alabel,
                page_id,
                store_page,
                destination_of(adset),
                group=str(af.get("name")),
                instagram=instagram_user_id,
                form=adset.fields.get("destination_type") == FORM_DESTINATION_TYPE,
            )
        if adset.fields.get(DYNAMIC_ADSET_FIELD) and len(names) != 1:
            view.problems.append(
                f"{glabel} is a Dynamic Creative ad set (is_dynamic_creative true) of {len(names)} ads, "
                "which the spec language cannot express (a MIDAS dynamic creative ad set runs one ad: "
                "meta.dynamic_creative)"
            )
        view.groups.append(
            GroupView(
                str(af.get("name")),
                _status(af.get("status")),
                targeting,
                names,
                [],
                {"meta": group_meta} if group_meta else {},
                _dates(_moments(adset)),
                paused,
            )
        )
    # The ad sets' most common dates are the campaign's (unless Google's decide: ``importing.unify``).
    # Meta keeps offsets only: the time zone is one whose offsets fit every ad set's times.
    campaign_dates = {k: v for k, v in _dates(schedule).items() if v is not None}
    if campaign_dates or len(schedules) > 1:
        moments = [m for pair in schedules for m in pair if m is not None]
        view.schedule = {**campaign_dates, "time_zone": schedule_zone(moments, time_zone)}
    view.problems.extend(hour_problems)
    if hours.time_zone != "account":
        options["hours_time_zone"] = hours.time_zone
    if hours.in_account_zone:
        # Hours in the ad account's time zone bind schedule.time_zone (``spec._schedule_hours``).
        if view.schedule.get("time_zone", time_zone) != time_zone:
            view.problems.append(
                f"{label} runs on a schedule (adset_schedule) in the ad account's time zone ({time_zone}), "
                f"but its ad sets' dates are written in {view.schedule['time_zone']}: schedule.time_zone "
                "cannot be both"
            )
        view.schedule = {**view.schedule, "time_zone": time_zone}
    if hours.campaign:
        view.schedule = {**view.schedule, "hours": hours.campaign}
    if not view.groups:
        view.problems.append(f"{label} has no ad sets")
    return view


def _bid_of(
    view: PlatformView, adset: Resource, campaign_strategy: str, currency: str, under_campaign_budget: bool
) -> dict[str, Any]:
    """An ad set's bidding as the spec says it: its own ``meta.bid_strategy`` where it is not the campaign's
    (read only then: ``meta_graph.LiveReader``), and its cap under the strategy it bids with
    (``meta.bid_amount`` in currency units, ``meta.roas_floor`` a multiplier); a problem for a cap that
    strategy does not take, or for a strategy of its own under a campaign budget (the spec language gives
    one only to ad sets with their own budgets: ``spec._meta_bids``)."""
    af = adset.fields
    glabel = f"ad set {af.get('name')!r} of {view.label()}"
    own = af.get("bid_strategy")
    strategy = campaign_strategy
    out: dict[str, Any] = {}
    if own not in (None, "", campaign_strategy):
        if under_campaign_budget:
            view.problems.append(
                f"{glabel} has bid_strategy {own!r} where its campaign's is {campaign_strategy!r} under a "
                "campaign budget, which the spec language cannot express (an ad group's own "
                "meta.bid_strategy needs ad set budgets)"
            )
        else:
            strategy = str(own)
            out["bid_strategy"] = strategy
    amount = af.get("bid_amount")
    floor = (af.get("bid_constraints") or {}).get("roas_average_floor")
    if amount not in (None, ""):
        if strategy in META_CAP_STRATEGIES:
            out["bid_amount"] = format_money(money.from_meta_minor(int(amount), currency))
        else:
            view.problems.append(
                f"{glabel} has bid_amount {amount!r} under bid strategy {strategy}, which the spec language "
                "cannot express (meta.bid_amount is COST_CAP's and LOWEST_COST_WITH_BID_CAP's)"
            )
    if floor not in (None, ""):
        if strategy == META_MIN_ROAS:
            out["roas_floor"] = (Decimal(int(floor)) / ROAS_FLOOR_SCALE).normalize()
        else:
            view.problems.append(
                f"{glabel} has bid_constraints.roas_average_floor {floor!r} under bid strategy {strategy}, "
                f"which the spec language cannot express (meta.roas_floor is {META_MIN_ROAS}'s)"
            )
    return out


def _most_common_bid(bids: Iterable[Mapping[str, Any]]) -> dict[str, Decimal]:
    """The campaign's ``meta.bid_amount`` / ``meta.roas_floor``: each the most common of its ad sets'
    (ad sets of another keep their own), none when no ad set has one."""
    out: dict[str, Decimal] = {}
    listed = list(bids)
    for name in ("bid_amount", "roas_floor"):
        counts = Counter(b[name] for b in listed if name in b)
        if counts:
            out[name] = counts.most_common(1)[0][0]
    return out


def _refuse_unexpressed_meta_campaign(
    view: PlatformView, label: str, campaign: Mapping[str, Any], adsets: Sequence[Resource]
) -> None:
    """A problem for each live setting MIDAS reads only to refuse (``resources.META_IMPORT_ONLY``): campaign
    dates other than its ad sets' (Meta reads the campaign's as the ad sets' merged); for an ad set's
    destination other than a website, an app, Messenger, WhatsApp, Instagram Direct or several of these; and
    for an ad set's promoted object that says more than MIDAS compiles
    (``resources.META_UNEXPRESSED_PROMOTED_KEYS``)."""
    view.problems.extend(problem for _, _, problem in campaign_date_problems(label, campaign, adsets))
    for adset in adsets:
        promoted = adset.fields.get("promoted_object") or {}
        for key in META_UNEXPRESSED_PROMOTED_KEYS:
            if key in promoted:
                view.problems.append(
                    f"ad set {adset.fields.get('name')!r} of {label} has promoted_object.{key} "
                    f"{promoted[key]!r}, which the spec language cannot express (MIDAS's ad sets count a "
                    "pixel's standard or custom event, narrowed by a pixel rule or not, or a custom "
                    "conversion, promote an app, or show a product set of their campaign's catalog: "
                    "meta.product_set)"
                )
        # A website's or an app's reads as none (``meta_graph.normalise``).
        destination = adset.fields.get("destination_type")
        if destination not in (None, "", FORM_DESTINATION_TYPE) and destination_of(adset) is None:
            view.problems.append(
                f"ad set {adset.fields.get('name')!r} of {label} has destination_type {destination!r}, which "
                "the spec language cannot express (MIDAS's ads link to a website or an app's store page, or "
                "open Messenger, WhatsApp or Instagram Direct, one or several of them at once: "
                "meta.destination)"
            )


def _conversion_of(adset: Resource) -> AdSetConversion | None:
    """What an ad set counts: the custom conversion its promoted object names, else its pixel and event
    (None: it counts none — it names neither and optimises for no conversions)."""
    promoted = adset.fields.get("promoted_object") or {}
    if promoted.get("product_set_id"):
        return None  # a catalog ad set's: ``importing.catalog``
    if custom := promoted.get("custom_conversion_id"):
        return AdSetConversion(None, None, str(custom))
    pixel, event = promoted.get("pixel_id"), promoted.get("custom_event_type")
    if not pixel and adset.fields.get("optimization_goal") not in META_PIXEL_GOALS:
        return None
    named = promoted.get("custom_event_str")
    # As read (``meta_graph.promoted_object``): JSON text by its meaning; one that is no rule is refused.
    rule = promoted.get("pixel_rule") or None
    if event == META_CUSTOM_EVENT_TYPE and named:
        # A custom event: its name is what the spec says (``meta.conversion.custom_event``).
        return AdSetConversion(str(pixel) if pixel else None, None, custom_event=str(named), pixel_rule=rule)
    return AdSetConversion(str(pixel) if pixel else None, str(event) if event else None, pixel_rule=rule)


def _conversion_option(
    conversion: AdSetConversion, implied: AdSetConversion, defaults: AdSetConversion
) -> dict[str, str]:
    """The ``meta.conversion`` that gives ``conversion`` where ``implied`` (the campaign's) would be its
    values otherwise, ``defaults`` (the account's pixel and the objective's event) being a pixel's event's
    when ``implied`` is a custom conversion (``spec.models.adset_conversion``)."""
    if conversion.custom_conversion_id is not None:
        same = conversion.custom_conversion_id == implied.custom_conversion_id
        return {} if same else {"custom_conversion_id": conversion.custom_conversion_id}
    under_custom = implied.custom_conversion_id is not None
    default = defaults if under_custom else implied
    option: dict[str, str] = {}
    if conversion.pixel_id is not None and conversion.pixel_id != default.pixel_id:
        option["pixel_id"] = conversion.pixel_id
    # The event, standard or custom, is one field (``spec.models.adset_conversion``).
    if conversion.names_an_event() and conversion.event_option() != default.event_option():
        option.update(conversion.event_option())
    # Naming nothing of a pixel's event, it would count the campaign's custom conversion.
    return option or (conversion.event_option() if under_custom else {})


def _named(conversion: AdSetConversion) -> dict[str, str]:
    """The ``meta.conversion`` naming ``conversion`` by what identifies it: its custom conversion, else its
    event."""
    if conversion.custom_conversion_id is not None:
        return {"custom_conversion_id": conversion.custom_conversion_id}
    return conversion.event_option()


#: Zones tried first when a schedule's UTC offsets must be matched to a time zone name.
_COMMON_ZONES = (
    "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "Europe/London", "Europe/Berlin", "Europe/Paris", "Asia/Tokyo", "Australia/Sydney",
)  # fmt: skip


def _placements(adset: Resource) -> Placed:
    return placed_of(adset.fields.get("targeting") or {})


def _devices(adset: Resource, app: bool) -> tuple[str, ...]:
    """The device platforms ``adset`` runs on, as ``meta.devices`` says them: an app ad set's mobile devices
    go unsaid (``compile.meta`` sends them of every app ad set)."""
    devices = tuple(sorted({str(d) for d in (adset.fields.get("targeting") or {}).get(DEVICES_FIELD) or ()}))
    return () if app and list(devices) == APP_DEVICES else devices


def _moment(value: Any) -> dt.datetime | None:
    return dt.datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S%z") if value else None


Moments = tuple[dt.datetime | None, dt.datetime | None]


def _moments(adset: Resource) -> Moments:
    return _moment(adset.fields.get("start_time")), _moment(adset.fields.get("end_time"))


def _dates(moments: Moments) -> dict[str, dt.date | None]:
    """An ad set's start and end dates, each in the time zone (offset) it was written in."""
    return {k: m.date() if m is not None else None for k, m in zip(("start", "end"), moments, strict=True)}


def _budget_of(node: Resource) -> tuple[str, int] | None:
    """``("daily" | "lifetime", minor units)`` of a Meta campaign or ad set, None without a budget."""
    for period in ("daily", "lifetime"):
        if node.fields.get(f"{period}_budget"):
            return period, int(node.fields[f"{period}_budget"])
    return None


def schedule_zone(moments: list[dt.datetime], preferred: str) -> str:
    """A time zone whose UTC offset at each of ``moments`` is the one it was written with (Meta keeps only
    offsets): the account's when it fits, else a common one, else the first of all zones that fits."""

    def fits(name: str) -> bool:
        try:
            zone = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return False
        return all(m.replace(tzinfo=zone).utcoffset() == m.utcoffset() for m in moments)

    for name in (preferred, *_COMMON_ZONES, *sorted(available_timezones())):
        if fits(name):
            return name
    return preferred


def _store_page(app: dict[str, str]) -> str:
    """The page the ads of ``app`` (an ``app:`` block) link to: ``App.page()``."""
    return App.model_validate({k: v for k, v in app.items() if k != "meta_app_id"}).page()


def _meta_app(view: PlatformView, adsets: Sequence[Resource], objective: str | None) -> dict[str, str] | None:
    """The ``app:`` block of a Meta campaign from its ad sets' promoted objects (``application_id``,
    ``object_store_url``): one app for them all in an app-promotion campaign, none elsewhere. What the spec
    cannot hold is a problem naming it: ad sets promoting different apps, or none, an app whose store page
    is neither Google Play's nor the App Store's, an app promoted by a campaign of another objective."""
    label = view.label()
    promoted = {  # a pixel's keys are the ad set's conversion (``_conversion_of``)
        str(a.fields.get("name")): {
            k: v for k, v in (a.fields.get("promoted_object") or {}).items() if k in PROMOTED_APP_KEYS
        }
        for a in adsets
    }
    if objective != Objective.APP_PROMOTION.value:
        for name, app in promoted.items():
            if app.get("application_id"):
                view.problems.append(
                    f"ad set {name!r} of {label} promotes app {app.get('application_id')}: MIDAS promotes an "
                    "app in app_promotion campaigns only"
                )
        return None
    apps = {
        (str(app.get("application_id") or ""), str(app.get("object_store_url") or "")): name
        for name, app in promoted.items()
    }
    if not apps:
        return None  # no ad sets: a problem of its own
    if len(apps) != 1:
        listed = "; ".join(
            f"{name!r}: {app_id or 'no app'} at {url or 'no store page'}"
            for (app_id, url), name in apps.items()
        )
        view.problems.append(
            f"the ad sets of {label} promote different apps ({listed}); a unified app_promotion campaign "
            "promotes one app in every ad set"
        )
        return None
    [(app_id, url)] = apps
    if not app_id or not url:
        view.problems.append(
            f"{label} promotes no app with a store page (promoted_object needs application_id and "
            "object_store_url)"
        )
        return None
    store = app_of_store_url(url)
    if store is None:
        view.problems.append(
            f"{label} promotes app {app_id} at {url}, which is not a Google Play or App Store page "
            "(https://play.google.com/store/apps/details?id=… or https://apps.apple.com/…/id…)"
        )
        return None
    app = {"store": store[0], "id": store[1], "meta_app_id": app_id}
    if _store_page(app) != url:
        app["store_url"] = url
    return app


def _meta_creative(
    view: PlatformView,
    name: str,
    status: str,
    creative: Resource,
    label: str,
    page_id: str | None,
    store_page: str | None,
    destination: str | None = None,
    *,
    group: str,
    instagram: str | None = None,
    form: bool = False,
) -> None:
    """``store_page``: the page of the app the campaign promotes (None: none), where its ads link without a
    ``final_url`` of their own; ``destination``: the conversation its ad set opens (None: none), whose
    button and link its ads show without a ``call_to_action`` or ``final_url`` of their own
    (``importing.messaging``); ``form``: whether its ad set opens an instant form, whose id its button
    names (``meta.lead_form_id``: ``importing.messaging.lead_form_creative``)."""
    # Meta's text options read beside the story's own texts (Ads Manager may keep the first there): options.
    f = folded(creative.fields)
    if creative.warnings:  # a kind of ad MIDAS does not make (``meta_graph.unexpressed_creative``)
        view.problems.extend(f"{label} {note}" for note in creative.warnings)
        return
    conversation, refused = messaging_creative(f, destination, label)
    welcome, unsaid = welcome_message(f, label)
    lead_form, unformed = lead_form_creative(f, form, label)
    if refused or unsaid or unformed:
        view.problems.extend([*refused, *unsaid, *unformed])
        return
    if (
        destination is not None
        and "INSTAGRAM_DIRECT" in destination_apps(destination)
        and (refusal := instagram_account(f, instagram, label, view.account))
    ):
        view.problems.append(refusal)
        return
    direct = destination is not None and "INSTAGRAM_DIRECT" in destination_apps(destination)
    identity, unrun = instagram_identity(f, direct, instagram, label, view.account)
    if unrun is not None:
        view.problems.append(unrun)
        return
    if f.get("page_id") and page_id and str(f["page_id"]) != str(page_id):
        view.problems.append(
            f"{label} runs as Page {f['page_id']}, not the Page MIDAS runs account {view.account}'s ads as "
            f"(its page_id in midas.yaml, {page_id})"
        )
    elif (page := f.get("page_id")) and not page_id and not f.get("object_story_id"):
        view.problems.append(
            f"{label} runs as Page {page}, and account {view.account} names no Page in midas.yaml: set its "
            f'page_id: "{page}" there (the Page MIDAS runs the account\'s ads as), then import'
        )
    if f.get("object_story_id") or f.get("cards"):
        kind = "runs an existing Page post" if f.get("object_story_id") else "is a carousel"
        if welcome is not None:
            view.problems.append(
                f"{label} {kind} with a welcome message, which the spec language cannot express "
                "(meta.welcome_message greets the conversations of link and video ads)"
            )
            return
        if store_page is not None:
            view.problems.append(
                f"{label} {kind} in an app campaign, which the spec language cannot express: an app "
                "campaign's ads are link, image or video ads to the app's store page"
            )
            return
        of_meta = _meta_post(f) if f.get("object_story_id") else _meta_carousel(f)
        if identity:
            of_meta["meta"] = {**of_meta.get("meta", {}), **identity}
        _add_creative(view, CreativeView(name, status, {**of_meta, **meta_creative_urls(f)}), label, group)
        return
    if (shown := f.get(DISPLAY_LINK)) and (destination is not None or store_page is not None):
        # Read from a link ad's ``link_data.caption`` or a dynamic creative's ``display_url``
        # (``spec._meta_display_link``), which a spec says of a website's link ads alone.
        where = "an ad opening a conversation" if destination is not None else "an app's ad"
        view.problems.append(
            f"{label} shows display link {shown!r} (object_story_spec.link_data.caption or its feed link's "
            f"display_url) on {where}, which the spec language cannot express (meta.display_link is a "
            "website link ad's)"
        )
        return
    if (shown := f.get(DISPLAY_LINK)) and (problem := display_link_problem(str(shown))) is not None:
        # A console's display link the spec's key cannot take (``spec.models.display_link_problem``): refused
        # by name here, not written to a spec that would not load.
        view.problems.append(
            f"{label} shows display link {shown!r} (object_story_spec.link_data.caption or its feed link's "
            f"display_url), which {problem}: meta.display_link takes a web address such as example.com/shoes"
        )
        return
    # A video watched or an image seen (a photo post) sends people nowhere (``CampaignSpec.sends_nowhere``).
    shows = f.get("video_id") or f.get("image_url") or f.get("image_hash")
    seen = shows and view.objective in LINKLESS_OBJECTIVES and not f.get("call_to_action_type")
    if not f.get("link_url") and not seen:
        if shows and not f.get("video_id"):
            kind = "an image ad without a link (a photo post, object_story_spec.photo_data)"
        else:
            kind = "a video ad" if f.get("video_id") else "a link ad"
            kind += " without a link (neither link_data.link nor a call to action's link)"
        view.problems.append(
            f"{label} is {kind}, which the spec language cannot express: a MIDAS creative sends people to "
            "its final_url, but for an image or video ad without a call to action in an awareness or "
            "engagement campaign"
        )
        return
    if f.get(TEXT_OPTIONS) is not None and (
        f.get("template")
        or (seen and not f.get("video_id") and not f.get("link_url"))
        or (destination is not None and len(destination_apps(destination)) > 1)
    ):
        kind = (
            "a catalog template"
            if f.get("template")
            else "an ad opening several messaging apps"
            if destination is not None and not seen
            else "a photo post"
        )
        view.problems.append(
            f"{label} has several texts (asset_feed_spec bodies, titles or descriptions) on {kind}, which "
            "the spec language cannot express (meta.text_options is a link, image or video ad's)"
        )
        return
    texts_of = (f.get(TEXT_OPTIONS) or {}).items()
    if over := {kind: len(texts) for kind, texts in texts_of if len(texts) > TEXT_OPTIONS_MAX}:
        said = {"bodies": "primary texts", "titles": "headlines", "descriptions": "descriptions"}
        counts = " and ".join(f"{n} {said[kind]}" for kind, n in over.items())
        view.problems.append(
            f"{label} has {counts} (its story's own and its asset feed's), which the spec language cannot "
            f"express: Meta's text options take {TEXT_OPTIONS_MAX} of each (meta.text_options; believed, "
            "unconfirmed)"
        )
        return
    if (media := _media_problem(f, seen, destination)) is not None:
        view.problems.append(f"{label} has {media}")
        return
    # Without a title (Meta's headline) the creative has no headlines: Meta's alone, as a Google ad has some.
    fields: dict[str, Any] = {"headlines": [f["title"]] if f.get("title") else [], "descriptions": []}
    if f.get("link_url") and f["link_url"] != store_page:
        fields["final_url"] = f["link_url"]
    if f.get("description"):
        fields["descriptions"] = [f["description"]]
    if (options := f.get(TEXT_OPTIONS)) is not None:
        # Meta's multiple text options (``spec._meta_text_options``): its texts are its options.
        bodies = list(options.get("bodies", []))
        fields["headlines"] = list(options.get("titles", []))
        fields["descriptions"] = list(options.get("descriptions", []))
        if bodies:
            fields["primary_text"] = bodies[0]
        if not f.get(DYNAMIC_CREATIVE) or not texts_hold_without_options(options):
            # A dynamic creative carries every text in its feed, text options or not
            # (``spec._meta_dynamic_creative.dynamic_fields``): where the creative without them compiles to
            # the same feed (one text each, a body among them) it says none, as the same creative in an
            # ordinary ad set does; else (a description without a body would be sent as the body) it opts in.
            fields["meta"] = {"text_options": True, **({"primary_texts": bodies[1:]} if bodies[1:] else {})}
    elif f.get("body"):
        fields["primary_text"] = f["body"]
    elif f.get("description"):
        view.problems.append(
            f"{label} has a link description but no primary text (message), which the spec language cannot "
            "express: a creative without primary_text sends its first description as the primary text"
        )
    # Without a call to action the spec must say ``none``: its default is learn_more.
    fields["call_to_action"] = unified_call_to_action(
        str(f.get("call_to_action_type") or "NONE"), promotes_app=store_page is not None
    )
    if f.get("image_url"):
        fields["type"], fields["image_url"] = "image", f["image_url"]
    if f.get("image_hash"):
        fields["type"], fields["meta"] = "image", {**fields.get("meta", {}), "image_hash": f["image_hash"]}
    if f.get("video_id"):
        fields["type"], fields["video_id"] = "video", f["video_id"]
    if f.get("template"):
        fields["type"] = CATALOG_CREATIVE  # a catalog ad's template (``spec._meta_catalog``)
        fmt = f.get("catalog_format")
        if fmt is not None and fmt not in CATALOG_FORMATS:
            # A format_option alone agreeing with no spec format, or show_multiple_images without
            # force_single_link (read as itself: ``meta_graph.template_format_fields``).
            view.problems.append(
                f"{label} has object_story_spec.template_data.{template_format_words(fmt)}, a catalog ad "
                f"format which the spec language cannot express (meta.catalog_format is one of "
                f"{', '.join(CATALOG_FORMATS)}: {_GUIDE_FORMATS})"
            )
            return
        shown = {"catalog_format": fmt, "multi_share_end_card": f.get("multi_share_end_card")}
        if own := {k: v for k, v in shown.items() if v is not None}:
            fields["meta"] = {**fields.get("meta", {}), **own}
        # Its static cards before and after the products (``spec._meta_catalog``), taking its call to action.
        static = {
            side: [{key: card[native] for native, key in _CARD_FIELDS if card.get(native)} for card in f[k]]
            for side, k in (("before", STATIC_BEFORE), ("after", STATIC_AFTER))
            if f.get(k)
        }
        if static:
            fields["meta"] = {**fields.get("meta", {}), "static_cards": static}
    for kind, items in (f.get(MEDIA_OPTIONS) or {}).items():
        # Several images or videos (``spec._meta_media_options``): the story's first, the others its meta's
        # (an image of the library as ``{hash: …}``).
        written = [spec_image(item) for item in items] if kind == "images" else list(items)
        fields["meta"] = {**fields.get("meta", {}), kind: written}
    fields.update(meta_creative_urls(f))
    for key, value in conversation.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    if welcome is not None:
        fields["meta"] = {**fields.get("meta", {}), "welcome_message": welcome}
    if lead_form is not None:
        fields["meta"] = {**fields.get("meta", {}), "lead_form_id": lead_form}
    if identity:
        fields["meta"] = {**fields.get("meta", {}), **identity}
    if f.get(DISPLAY_LINK):
        # Shown in place of its link's domain (``spec._meta_display_link``).
        fields["meta"] = {**fields.get("meta", {}), "display_link": f[DISPLAY_LINK]}
    texts = {"title": f.get("title"), "body": f.get("body"), "description": f.get("description")}
    _add_creative(view, CreativeView(name, status, fields, texts), label, group)


def _media_problem(f: Mapping[str, Any], seen: Any, destination: str | None) -> str | None:
    """Why a Meta creative's several images or videos (``media_options``) are none the spec can say, as
    ``spec._meta_media_options.check_media_options`` asks (None: they are, or it has none)."""
    media = f.get(MEDIA_OPTIONS) or {}
    for kind, first_field in (("images", "image_url"), ("videos", "video_id")):
        items = media.get(kind)
        if not items:
            continue
        said = f"several {kind} in its asset feed (asset_feed_spec.{kind})"
        # A video ad's image (by URL or of the library) is its thumbnail: an image ad's, when it shows none.
        other = ("video_id",) if kind == "images" else ("image_url", "image_hash")
        # A dynamic creative's videos beside its images (AUTOMATIC_FORMAT) are an image creative's
        # ``meta.videos`` (``spec._meta_dynamic_creative``).
        mixed_dynamic = kind == "videos" and f.get(DYNAMIC_CREATIVE) and not f.get("video_id")
        if (
            any(f.get(k) for k in other)
            and (kind == "images" or not f.get(first_field))
            and not mixed_dynamic
        ):
            return (
                f"{said} on {'a video' if kind == 'images' else 'an image'} ad, which the spec language "
                f"cannot express (meta.{kind} is {'an image' if kind == 'images' else 'a video'} creative's)"
            )
        if kind == "images" and (mixed := _mixed_feed(f, items)):
            return f"{said} {mixed}"
        if seen and not f.get("link_url"):
            return f"{said} on an ad sending people nowhere, which the spec language cannot express"
        if destination is not None and len(destination_apps(destination)) > 1:
            return f"{said} on an ad opening several messaging apps, which the spec language cannot express"
        if len(every := with_first(story_first(kind, f), items)) > MEDIA_MAX:
            return (
                f"{len(every)} {kind} ({_first_said(kind, f, first_field)} and its asset feed's), which the "
                "spec language "
                f"cannot express: Meta's asset feed takes {MEDIA_MAX} (meta.{kind}; believed, unconfirmed)"
            )
    return None


def _first_said(kind: str, f: Mapping[str, Any], first_field: str) -> str:
    """The story field showing a kind's first medium, as a refusal names it (an image of the library's
    ``image_hash``)."""
    return "image_hash" if kind == "images" and f.get("image_hash") else first_field


def _mixed_feed(f: Mapping[str, Any], images: Any) -> str | None:
    """What a Meta creative's feed of images mixes, said after "several images in its asset feed": images by
    URL beside its story's image of the library (``image_hash``), or of the library (by ``hash`` alone)
    beside its story's ``image_url`` (None: each is its story's kind, ``spec._meta_media_options``)."""
    library = bool(f.get("image_hash"))
    odd = [image for image in images if by_hash(image) != library]
    if not odd:
        return None
    if library:
        return (
            f"by URL ({', '.join(odd)}) beside an image of the library (image_hash), which the spec language "
            "cannot express (meta.images beside meta.image_hash are images of the library, {hash: …})"
        )
    return (
        f"of the library by hash ({', '.join(odd)}) beside an image by URL (image_url), which the spec "
        "language cannot express (meta.images beside an image_url are URLs)"
    )


def _meta_post(f: dict[str, Any]) -> dict[str, Any]:
    """A creative running an existing Page post: the post alone (its texts, media and button are its own)."""
    return {"type": "post", "post_id": str(f["object_story_id"])}


#: How Meta's guide makes each spec format but its default (``meta_graph.CATALOG_FORMAT_WIRE``), for refusals.
_GUIDE_FORMATS: Final = "; ".join(
    f"{name} is "
    + ", ".join(f"{k} {v!r}" if isinstance(v, str) else f"{k} {str(v).lower()}" for k, v in wire.items())
    for name, wire in CATALOG_FORMAT_WIRE.items()
    if wire
)

#: A carousel card's normalised fields → the spec's card fields.
_CARD_FIELDS: Final = (
    ("title", "headline"), ("description", "description"), ("link_url", "final_url"),
    ("image_url", "image_url"), ("image_hash", "image_hash"), ("video_id", "video_id"),
)  # fmt: skip


def _meta_carousel(f: dict[str, Any]) -> dict[str, Any]:
    """A carousel: its primary text, its own link, its cards and the one call to action they take (a carousel
    whose cards take several, or with a call to action of its own, is refused as it is read:
    ``meta_graph.unexpressed_creative``)."""
    cards = list(f["cards"])
    fields: dict[str, Any] = {"type": "carousel"}
    if f.get("body"):
        fields["primary_text"] = f["body"]
    if f.get("link_url"):
        fields["final_url"] = f["link_url"]
    fields["call_to_action"] = unified_call_to_action(
        str(cards[0].get("call_to_action_type") or "NONE"), promotes_app=False
    )
    fields["cards"] = [
        {key: card[native] for native, key in _CARD_FIELDS if card.get(native)} for card in cards
    ]
    options = {
        k: f[k] for k in ("multi_share_optimized", "multi_share_end_card") if isinstance(f.get(k), bool)
    }
    if options:
        fields["meta"] = options
    return fields
