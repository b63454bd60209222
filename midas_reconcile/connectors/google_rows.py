"""Normalised resources ↔ the Google Ads API's native rows and Mutate operations (simulator and SDK alike).

Normalisation (what ``read`` returns, and what ``write`` accepts), per ``resources.FIELDS``:

* campaign_budget: ``name``, ``amount_micros`` (``period`` DAILY, the default) / ``total_amount_micros``
  (``period`` CUSTOM_PERIOD), ``delivery_method``, ``explicitly_shared`` (the API's default on create is
  true).
* campaign: bidding sub-message → ``bidding_strategy_type`` (+ ``target_cpa_micros`` / ``target_roas``,
  the latter as a decimal string such as ``"3.5"``; target impression share's ``location``,
  ``location_fraction_micros`` and ``cpc_bid_ceiling_micros`` as ``target_impression_share_location``,
  ``location_fraction_micros``, ``cpc_bid_ceiling_micros``); ``start_date_time`` / ``end_date_time`` →
  ``start_date`` / ``end_date`` (``YYYY-MM-DD``); ``contains_eu_political_advertising`` → bool;
  ``network_settings`` as stored (only the flags that were set); ``labels`` → sorted label names; an app
  campaign's ``advertising_channel_sub_type`` and ``app_campaign_setting`` (``app_id``, ``app_store``,
  ``bidding_strategy_goal_type``) as stored; ``selective_optimization.conversion_actions`` →
  ``conversion_actions``, the sorted conversion action ids (the customer prefix is added on write); a
  Demand Gen campaign's ``demand_gen_campaign_settings.upgraded_targeting`` (unset: true, Google's default);
  a Performance Max campaign's ``brand_guidelines_enabled`` (unset: false); a Shopping campaign's
  ``shopping_setting`` and a Hotel campaign's ``hotel_setting``, any other campaign's when it names a Hotel
  Center account (``connectors.google_shopping``); a Search
  campaign's ``dynamic_search_ads_setting`` (``connectors.google_dynamic_search``).
* criteria: ``type`` plus the value fields; ``negative`` only when true; ``user_interest`` is the bare
  interest id (the customer prefix is added on write); a Shopping ad group's listing groups, its product
  group tree, one resource at key ``listing_group:all-products`` (``connectors.google_listing_groups``);
  a dynamic ad group's webpage targets at ``webpage:<criterion name>`` (``connectors.google_dynamic_search``);
  keys ``location:2840``,
  ``negative_location:2840``, ``keyword:EXACT:<lower-cased text>``, ``age_range:AGE_RANGE_18_24`` …
* ad_group: ``targeting_setting.target_restrictions`` → ``audience_bid_only: false`` when its AUDIENCE
  dimension restricts reach (bid only, "observation", is the same as no setting and reads as absent); a
  Demand Gen ad group's ``demand_gen_ad_group_settings.channel_controls`` → ``channel_controls`` when not
  all channels (``channel_controls``; written back by ``channel_controls_native``).
* ``USER_LIST`` criteria read with the list's id in ``user_list`` (key ``user_list:<id>``); the connector
  names it (``audience_refs.link_audiences``). Writes take the list's id from the op's audience ref.
* ad_group_ad: ``ad.type``; RSA (responsive display ad, Demand Gen multi-asset ad, app ad)
  headlines/descriptions → sorted lists of text; a responsive display ad's ``long_headline`` as its text,
  ``business_name``, and its images (``marketing_images`` …), and an app engagement or pre-registration ad's
  ``images``, as sorted asset ids (the customer prefix is added on write), and what it holds of the options
  MIDAS never sends (``resources.GOOGLE_DISPLAY_AD_UNSENT``; a Demand Gen ad's
  ``GOOGLE_DEMAND_GEN_AD_UNSENT``), a Demand Gen multi-asset ad's ``call_to_action_text``; a Demand Gen video
  responsive ad's ``long_headlines`` (sorted texts), ``business_name`` (its AdTextAsset's text), breadcrumbs,
  logos and companion banners (asset ids), its ``videos`` as ``youtube_videos`` (by YouTube video id once
  their assets are read, as a responsive display ad's are) and its ``call_to_actions`` (by CallToActionType
  once their assets are read, which the connector makes on create); ``final_urls`` in the ad's order (Google
  serves the first; an app ad has none). ``ad.name`` only addresses the ad: Google keeps none for responsive
  search, responsive display and app ads (v26 ``Ad.name``), which are read at their ad id and named by the
  session (``ad_names``).
* asset_group: ``name``, ``status``, ``final_urls``, ``path1``/``path2``, and its assets from the
  ``asset_group_asset`` rows read after every kind (``READ_TYPES``), the advertiser's alone (``source``
  ADVERTISER: ``advertiser_link``): per field type
  (``resources.GOOGLE_ASSET_GROUP_ASSETS``) the sorted texts of its text assets (``business_name`` the one
  text), the sorted ids of its image assets, the sorted YouTube video ids of its video assets or its call to
  action. Links of other field types (portrait images, media bundles …) are noted on the asset group
  (``Resource.warnings``): MIDAS neither reads nor writes them.
* a Performance Max campaign with brand guidelines on: its brand assets from its ``campaign_asset`` rows
  (read last, only when there is such a campaign), the advertiser's of the brand field types
  (``resources.GOOGLE_CAMPAIGN_BRAND_ASSETS``), as an asset group's are.
* a Dynamic Search Ads campaign: its ``page_feed`` from its ``campaign_asset_set`` rows, their sets'
  ``asset_set_asset`` rows and those pages' assets (read only when there is such a campaign:
  ``connectors.google_page_feed``).

Addresses: a budget takes the path of the (oldest) campaign using it, or its own name when no live
campaign uses it (an apply that died between the two creates leaves such a budget; compile names
budgets after their campaign, so the next plan finds it at the right address). A shared budget
(``explicitly_shared``) is ``%shared/<its name>`` (``resources.shared_budget_path``) whoever uses it; it
reads as managed when campaigns use it and every one of them is managed. Objects whose parent
is removed are not live. Criteria types that ``FIELDS`` cannot express at their level are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.connectors import google_page_feed as page_feed
from midas_reconcile.connectors.addressing import Candidate, join, marker_names, unique_paths
from midas_reconcile.connectors.google_ad_schedule import (
    AD_SCHEDULE,
    ad_schedule_key,
    ad_schedule_native,
    ad_schedule_row_fields,
)
from midas_reconcile.connectors.google_bid_modifiers import bid_modifier_notes, device_modifiers, modifier_key
from midas_reconcile.connectors.google_carousel import (
    DEMAND_GEN_CAROUSEL_AD,
    card_of_asset,
    carousel_ad_fields,
    carousel_ad_native,
)
from midas_reconcile.connectors.google_dynamic_search import (
    DYNAMIC_AD_INFO,
    dynamic_ad_texts,
    dynamic_search_setting_native,
    dynamic_search_setting_of,
    webpage_fields,
    webpage_native,
)
from midas_reconcile.connectors.google_listing_groups import tree_fields
from midas_reconcile.connectors.google_product_ad import (
    DEMAND_GEN_PRODUCT_AD,
    demand_gen_setting_of,
    product_ad_fields,
    product_ad_native,
)
from midas_reconcile.connectors.google_schema import (
    APP_AD_MEDIA,
    APP_KIND_ADS,
    ASSET_GROUP_TEXT_FIELDS,
    BIDDING_SCHEMES,
    DEMAND_GEN_AD_IMAGES,
    DEMAND_GEN_AD_UNSENT_IMAGES,
    DEMAND_GEN_CAROUSEL_AD_INFO,
    DEMAND_GEN_CHANNELS,
    DEMAND_GEN_PRODUCT_AD_INFO,
    DEMAND_GEN_VIDEO_AD_IMAGES,
    DEMAND_GEN_VIDEO_AD_INFO,
    DISPLAY_AD_CONTROLS,
    DISPLAY_AD_FORMATS,
    DISPLAY_AD_IMAGES,
    DISPLAY_AD_TEXT_OPTIONS,
    PAGE_FEED,
    get_path,
    set_path,
)
from midas_reconcile.connectors.google_shopping import (
    hotel_setting_of,
    listing_group_native,
    shopping_setting_native,
    shopping_setting_of,
)
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import (
    GOOGLE,
    GOOGLE_AD_GROUP_AS_SENT,
    GOOGLE_AD_URL_OPTIONS,
    GOOGLE_ASSET_GROUP_ASSETS,
    GOOGLE_ASSET_GROUP_SINGLE,
    GOOGLE_CAMPAIGN_BRAND_ASSETS,
    GOOGLE_CRITERION_KINDS,
    GOOGLE_DEMAND_GEN_VIDEO_AD,
    GOOGLE_KEYWORD_URL_OPTIONS,
    GOOGLE_URL_OPTIONS,
    KIND_ORDER,
    MANAGED_MARKER,
    Address,
    AddressBook,
    Resource,
    SharedPageFeed,
    keyword_identity,
    shared_budget_path,
)
from midas_reconcile.spec._bid_modifiers import native_modifier
from midas_reconcile.spec._google_devices import DEVICE, device_fields, device_key, device_native
from midas_reconcile.spec._google_dynamic_search import webpage_key
from midas_reconcile.spec._google_hotel_bookings import booking_native
from midas_reconcile.spec._google_location_bids import PLACE_TYPES, place_modifier
from midas_reconcile.spec._google_shopping import ALL_PRODUCTS
from midas_reconcile.targeting.google import CAMPAIGN_EXCLUSION_TYPES
from midas_reconcile.targeting.places import proximity_key

#: Resource types read by ``read()``, one query each: labels (to resolve label names), then every kind, then
#: the asset groups' links to their assets (with each text asset's text), which make their fields, and last
#: the YouTube video assets responsive display ads name (``LiveReader.video_asset_ids``), by id: their video
#: ids are the ads' ``youtube_videos``.
READ_TYPES: Final = (
    "label",
    # Every kind, the ad groups' bid modifiers last (their device ones read as resources, the others noted on
    # their ad group: ``google_bid_modifiers``).
    *KIND_ORDER[GOOGLE],
    "asset_group_asset",
    "campaign_asset",
    # A Dynamic Search Ads campaign's page feed: its asset sets' links, then theirs to its pages
    # (``connectors.google_page_feed``), whose assets are read with the others.
    "campaign_asset_set",
    "asset_set_asset",
    "asset",
)
#: v26 AssetFieldType → the asset group field it fills (``resources.GOOGLE_ASSET_GROUP_ASSETS`` reversed).
ASSET_GROUP_FIELD_OF: Final = {field_type: normal for normal, field_type in GOOGLE_ASSET_GROUP_ASSETS.items()}
#: v26 AssetFieldType → the brand campaign field it fills (``GOOGLE_CAMPAIGN_BRAND_ASSETS`` reversed).
CAMPAIGN_BRAND_FIELD_OF: Final = {
    field_type: normal for normal, field_type in GOOGLE_CAMPAIGN_BRAND_ASSETS.items()
}
SCHEME_OF: Final = {v: k for k, v in BIDDING_SCHEMES.items()}
#: What each bidding scheme keeps in its sub-message: normalised campaign field → leaf.
SCHEME_SETTINGS: Final[dict[str, dict[str, str]]] = {
    "maximize_conversions": {"target_cpa_micros": "target_cpa_micros"},
    "maximize_conversion_value": {"target_roas": "target_roas"},
    "target_cpa": {"target_cpa_micros": "target_cpa_micros"},
    "target_roas": {"target_roas": "target_roas"},
    # google-ads v26 TargetSpend (Maximize clicks): its max CPC limit.
    "target_spend": {"cpc_bid_ceiling_micros": "cpc_bid_ceiling_micros"},
    # google-ads v26 TargetImpressionShare: location, location_fraction_micros, cpc_bid_ceiling_micros.
    "target_impression_share": {
        "target_impression_share_location": "location",
        "location_fraction_micros": "location_fraction_micros",
        "cpc_bid_ceiling_micros": "cpc_bid_ceiling_micros",
    },
    # google-ads v26 PercentCpc (a Hotel campaign's): its optional max CPC limit.
    "percent_cpc": {"cpc_bid_ceiling_micros": "cpc_bid_ceiling_micros"},
}
#: The leaves of a campaign's ``app_campaign_setting``.
APP_SETTING: Final = ("app_id", "app_store", "bidding_strategy_goal_type")
#: The leaf an update mask names to select a scheme that MIDAS sets nothing in (its value stays unset).
SCHEME_SELECTOR: Final = {"manual_cpc": "enhanced_cpc_enabled"}
#: The normalised campaign fields that write the bidding sub-message.
BIDDING_FIELDS: Final = frozenset(
    {"bidding_strategy_type", *(normal for leaves in SCHEME_SETTINGS.values() for normal in leaves)}
)
EU_TRUE: Final = "CONTAINS_EU_POLITICAL_ADVERTISING"
EU_FALSE: Final = "DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING"
#: Kinds whose labels are links of their own (one operation per label, beside the object's).
LABELLED_KINDS: Final = ("campaign", "ad_group")
#: A PROXIMITY criterion's normalised fields (``targeting.places.proximity_fields``) → their leaves under
#: ``proximity`` (v26 ProximityInfo, AddressInfo, GeoPointInfo).
PROXIMITY_PATHS: Final = {
    "proximity_radius": "radius",
    "proximity_radius_units": "radius_units",
    "proximity_city_name": "address.city_name",
    "proximity_province_code": "address.province_code",
    "proximity_country_code": "address.country_code",
    # A radius around a street address: its street and postal code beside its city (``proximity_entry``).
    "proximity_street_address": "address.street_address",
    "proximity_postal_code": "address.postal_code",
    "proximity_latitude_micros": "geo_point.latitude_in_micro_degrees",
    "proximity_longitude_micros": "geo_point.longitude_in_micro_degrees",
}
#: Normalised criterion field → native leaf path.
CRITERION_PATHS: Final = {
    "geo_target_constant": "location.geo_target_constant",
    "language_constant": "language.language_constant",
    "keyword_text": "keyword.text",
    "keyword_match_type": "keyword.match_type",
    "age_range": "age_range.type",
    "gender": "gender.type",
    "user_interest": "user_interest.user_interest_category",
    "user_list": "user_list.user_list",
    "negative": "negative",
    "status": "status",
    "type": "type",
    **{normal: f"proximity.{native}" for normal, native in PROXIMITY_PATHS.items()},
}
AD_PATHS: Final = {
    "status": "status",
    "type": "ad.type",
    "final_urls": "ad.final_urls",
    "headlines": "ad.responsive_search_ad.headlines",
    "descriptions": "ad.responsive_search_ad.descriptions",
    "path1": "ad.responsive_search_ad.path1",
    "path2": "ad.responsive_search_ad.path2",
}


def _id(resource_name: str) -> str:
    return resource_name.rsplit("/", 1)[1]


def roas_text(value: Any) -> str:
    """A ROAS target as a plain decimal string (``3.5``, ``4``)."""
    text = format(Decimal(repr(value) if isinstance(value, float) else str(value)).normalize(), "f")
    return text


#: Criterion type → (leaf of its sub-message that keys it, whether that leaf is a resource name whose
#: id is the key). Keywords, keyed by match type and text, are handled apart.
_KEY_LEAF: Final = {
    "LOCATION": ("geo_target_constant", True),
    "LANGUAGE": ("language_constant", True),
    "AGE_RANGE": ("type", False),
    "GENDER": ("type", False),
    "USER_INTEREST": ("user_interest_category", True),
    "USER_LIST": ("user_list", True),
}


def criterion_key(row: Mapping[str, Any]) -> str | None:
    """The address key of a criterion row (None for types the catalogue does not cover)."""
    kind = row.get("type")
    prefix = "negative_" if row.get("negative") else ""
    if kind == "KEYWORD":
        return f"{prefix}keyword:{row['keyword']['match_type']}:{keyword_identity(row['keyword']['text'])}"
    if kind == "WEBPAGE":
        return f"{prefix}{webpage_key(str((row.get('webpage') or {}).get('criterion_name') or ''))}"
    if kind == "PROXIMITY":
        return prefix + proximity_key(proximity_row_fields(row.get("proximity") or {}))
    if kind == DEVICE:
        return prefix + device_key(str((row.get("device") or {}).get("type") or ""))
    if kind == AD_SCHEDULE:  # never negative (Google has no excluded hours)
        return ad_schedule_key(row)
    if kind not in _KEY_LEAF:
        return None
    leaf, by_id = _KEY_LEAF[kind]
    value = row[kind.lower()][leaf]
    return f"{prefix}{kind.lower()}:{_id(value) if by_id else value}"


# --- native → normalised ----------------------------------------------------------------------------


def budget_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key in (
        "name",
        "amount_micros",
        "total_amount_micros",
        "period",
        "delivery_method",
        "explicitly_shared",
    ):
        if row.get(key) not in (None, ""):
            fields[key] = row[key]
    if fields.get("period") == "DAILY":  # the default: a daily budget reads as it is compiled, without one
        del fields["period"]
    return fields


def campaign_fields(row: Mapping[str, Any], label_names: Mapping[str, str]) -> dict[str, Any]:
    fields: dict[str, Any] = {k: row[k] for k in ("name", "status", "advertising_channel_type") if row.get(k)}
    # The API's own bidding_strategy_type says which scheme is on, even when its sub-message has no field
    # set (and is then absent from the row); the sub-message is the fallback for rows without it.
    scheme = next((s for s in BIDDING_SCHEMES if s in row), None)
    strategy = row.get("bidding_strategy_type") or (BIDDING_SCHEMES[scheme] if scheme else None)
    if strategy:
        fields["bidding_strategy_type"] = strategy
        scheme = scheme or SCHEME_OF.get(strategy)
        target = row.get(scheme, {}) if scheme else {}
        for normal, leaf in SCHEME_SETTINGS.get(scheme or "", {}).items():
            value = target.get(leaf)
            if not value:  # proto3: a zero or UNSPECIFIED leaf is unset
                continue
            if normal == "target_roas":
                value = roas_text(value)
            elif normal.endswith("_micros"):
                value = int(value)
            fields[normal] = value
    # Manual CPC's or Percent CPC's enhanced CPC: read, never written (``resources.GOOGLE_IMPORT_ONLY``).
    if scheme in ("manual_cpc", "percent_cpc") and (row.get(scheme) or {}).get("enhanced_cpc_enabled"):
        fields["enhanced_cpc_enabled"] = True
    fields.update(url_options(row, GOOGLE_URL_OPTIONS))
    if row.get("network_settings"):
        fields["network_settings"] = dict(row["network_settings"])
    if row.get("advertising_channel_sub_type"):
        fields["advertising_channel_sub_type"] = row["advertising_channel_sub_type"]
    setting = {k: v for k, v in (row.get("app_campaign_setting") or {}).items() if k in APP_SETTING and v}
    if setting:
        fields["app_campaign_setting"] = setting
    if actions := (row.get("selective_optimization") or {}).get("conversion_actions"):
        fields["conversion_actions"] = sorted(_id(name) for name in actions)
    if row.get("advertising_channel_type") == "DEMAND_GEN":
        # Unset is Google's default, true (v26 DemandGenCampaignSettings.upgraded_targeting).
        upgraded = (row.get("demand_gen_campaign_settings") or {}).get("upgraded_targeting", True)
        fields["demand_gen_campaign_settings"] = {"upgraded_targeting": upgraded is not False}
        if (products := demand_gen_setting_of(row)) is not None:  # its product ads' Merchant Center account
            fields["demand_gen_shopping_setting"] = products
    if row.get("advertising_channel_type") == "PERFORMANCE_MAX":
        # Unset is false (a campaign made before v21 had none: v26 Campaign.brand_guidelines_enabled).
        fields["brand_guidelines_enabled"] = row.get("brand_guidelines_enabled") is True
    if row.get("advertising_channel_type") == "SHOPPING":
        fields["shopping_setting"] = shopping_setting_of(row)
    # Any campaign's naming an account, not a Hotel campaign's alone: v26 lets a Demand Gen campaign carry
    # one (HotelSettingInfo.disable_hotel_setting is "supported only for Demand Gen campaigns"), which the
    # spec language writes on no other channel, so a console-set one is drift. A Hotel campaign's is read
    # unset too (0: Google requires one).
    hotel = hotel_setting_of(row)
    if row.get("advertising_channel_type") == "HOTEL" or hotel["hotel_center_id"]:
        fields["hotel_setting"] = hotel
    if (dsa := dynamic_search_setting_of(row)) is not None:
        fields["dynamic_search_ads_setting"] = dsa
    for native, normal in (("start_date_time", "start_date"), ("end_date_time", "end_date")):
        if row.get(native):
            fields[normal] = str(row[native])[:10]
    if row.get("contains_eu_political_advertising"):
        fields["contains_eu_political_advertising"] = row["contains_eu_political_advertising"] == EU_TRUE
    labels = sorted(label_names[n] for n in row.get("labels", []) if n in label_names)
    if labels:
        fields["labels"] = labels
    return fields


def ad_group_fields(row: Mapping[str, Any], label_names: Mapping[str, str]) -> dict[str, Any]:
    fields = {k: row[k] for k in ("name", "status", "type", "cpc_bid_micros") if row.get(k) not in (None, "")}
    if row.get("target_cpa_micros"):  # an ad group's own target, overriding the campaign's; 0 is none
        fields["target_cpa_micros"] = int(row["target_cpa_micros"])
    if row.get("percent_cpc_bid_micros"):  # a Hotel ad group's percent CPC bid; 0 is none
        fields["percent_cpc_bid_micros"] = int(row["percent_cpc_bid_micros"])
    if row.get("target_roas"):
        fields["target_roas"] = roas_text(row["target_roas"])
    labels = sorted(label_names[n] for n in row.get("labels", []) if n in label_names)
    if labels:
        fields["labels"] = labels
    restrictions = (row.get("targeting_setting") or {}).get("target_restrictions") or []
    # Only a restricting AUDIENCE dimension is kept: "observation" (bid only) is what no setting means.
    if any(r.get("targeting_dimension") == "AUDIENCE" and not r.get("bid_only") for r in restrictions):
        fields["audience_bid_only"] = False
    if controls := channel_controls(row):
        fields["channel_controls"] = controls
    fields.update(url_options(row, GOOGLE_URL_OPTIONS))
    return fields


def url_options(message: Mapping[str, Any], options: Sequence[str]) -> dict[str, Any]:
    """The URL options (``resources.GOOGLE_URL_OPTIONS``) a campaign, ad group or ad message sets: texts as
    they are, ``url_custom_parameters`` as ``{key: value}``, ``final_urls`` and ``final_mobile_urls`` in their
    order."""
    out: dict[str, Any] = {}
    for option in options:
        value = message.get(option)
        if option == "url_custom_parameters" and value:
            out[option] = {str(p["key"]): str(p.get("value", "")) for p in value}
        elif option in ("final_urls", "final_mobile_urls") and value:
            out[option] = list(value)
        elif value:
            out[option] = value
    return out


def url_options_native(fields: Mapping[str, Any], options: Sequence[str]) -> dict[str, Any]:
    """Inverse of ``url_options``: the native fields of the options ``fields`` sets (custom parameters as v26
    CustomParameter messages, sorted by key)."""
    out: dict[str, Any] = {}
    for option in options:
        value = fields.get(option)
        if option == "url_custom_parameters" and value:
            out[option] = [{"key": k, "value": v} for k, v in sorted(value.items())]
        elif option in ("final_urls", "final_mobile_urls") and value:
            out[option] = list(value)
        elif value:
            out[option] = value
    return out


def channel_controls(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A Demand Gen ad group's channel controls (``CHANNEL_CONTROLS``) when they are not Google's default,
    all channels: ``{"selected_channels": [sorted names]}`` or ``{"channel_strategy": …}``."""
    controls = (row.get("demand_gen_ad_group_settings") or {}).get("channel_controls") or {}
    selected = sorted(c for c, on in (controls.get("selected_channels") or {}).items() if on)
    if selected:
        return {"selected_channels": selected}
    strategy = controls.get("channel_strategy")
    if strategy == "ALL_OWNED_AND_OPERATED_CHANNELS":
        return {"channel_strategy": strategy}
    return None


def channel_controls_native(controls: Mapping[str, Any] | None) -> dict[str, Any]:
    """Inverse of ``channel_controls``: the native message of a Demand Gen ad group's channel controls.
    None is Google's default, all channels (the oneof's strategy member, which clears picked channels);
    picked channels are every channel's flag, so that the ones not picked are cleared."""
    if not controls:
        return {"channel_strategy": "ALL_CHANNELS"}
    if selected := controls.get("selected_channels"):
        return {"selected_channels": {c: c in selected for c in DEMAND_GEN_CHANNELS}}
    return {"channel_strategy": controls["channel_strategy"]}


def proximity_row_fields(proximity: Mapping[str, Any]) -> dict[str, Any]:
    """A native ``proximity`` message's normalised fields: its radius and units, and its city's address when
    it names one (Google's geo point, computed from the address, is then left out), else its geo point."""
    fields: dict[str, Any] = {}
    for normal, native in PROXIMITY_PATHS.items():
        value = get_path(dict(proximity), native)
        if value not in (None, ""):
            fields[normal] = float(value) if normal == "proximity_radius" else value
    if fields.get("proximity_city_name"):
        fields.pop("proximity_latitude_micros", None)
        fields.pop("proximity_longitude_micros", None)
    else:
        for key in ("proximity_city_name", "proximity_province_code", "proximity_country_code"):
            fields.pop(key, None)
        if fields.get("proximity_street_address"):  # a labelled point: the point is what is targeted
            fields.pop("proximity_street_address")
    if not fields.get("proximity_street_address"):  # a postal code is the street's (``proximity_entry``)
        fields.pop("proximity_postal_code", None)
    return fields


def criterion_fields(row: Mapping[str, Any], *, ad_group_level: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": row["type"]}
    if row.get("negative"):
        fields["negative"] = True
    if ad_group_level and row.get("status"):
        fields["status"] = row["status"]
    kind = row["type"]
    if kind == "LOCATION":
        fields["geo_target_constant"] = row["location"]["geo_target_constant"]
        # A location bid adjustment (``spec._google_location_bids``).
        fields.update(place_modifier(row, ad_group_level=ad_group_level))
    elif kind == "LANGUAGE":
        fields["language_constant"] = row["language"]["language_constant"]
    elif kind == "PROXIMITY":
        fields.update(proximity_row_fields(row.get("proximity") or {}))
        fields.update(place_modifier(row, ad_group_level=ad_group_level))
    elif kind == "KEYWORD":
        fields["keyword_text"] = row["keyword"]["text"]
        fields["keyword_match_type"] = row["keyword"]["match_type"]
        if ad_group_level and row.get("cpc_bid_micros"):  # a keyword's own max CPC; 0 is none
            fields["cpc_bid_micros"] = int(row["cpc_bid_micros"])
        if ad_group_level:
            fields.update(url_options(row, GOOGLE_KEYWORD_URL_OPTIONS))
    elif kind == "AGE_RANGE":
        fields["age_range"] = row["age_range"]["type"]
    elif kind == "GENDER":
        fields["gender"] = row["gender"]["type"]
    elif kind == "USER_INTEREST":
        fields["user_interest"] = _id(row["user_interest"]["user_interest_category"])
    elif kind == "USER_LIST":
        # The list's id; ``audience_refs.link_audiences`` names it.
        fields["user_list"] = _id(row["user_list"]["user_list"])
    elif kind == DEVICE:
        fields.update(device_fields(row) or {})
    elif kind == "WEBPAGE":
        fields.update(webpage_fields(row))
        if ad_group_level and row.get("cpc_bid_micros"):  # a console's own max CPC of it: drift
            fields["cpc_bid_micros"] = int(row["cpc_bid_micros"])
    elif kind == AD_SCHEDULE:
        fields.update(ad_schedule_row_fields(row))
    return fields


#: A campaign's ages, genders and interests, targeted or excluded, are its own ``google.campaign_*`` /
#: ``negative_*``.
_CAMPAIGN_LEVEL: Final = frozenset(
    {"LOCATION", "PROXIMITY", "LANGUAGE", "KEYWORD", *CAMPAIGN_EXCLUSION_TYPES, DEVICE, AD_SCHEDULE}
)
#: The campaigns whose ad groups' listing group trees MIDAS reads as one resource each: a Shopping ad
#: group's product groups, a Demand Gen ad group's product filter (Google's Demand Gen product ads guide,
#: step 3: "Use ListingGroup criteria … to control which products in your feed are included").
_PRODUCT_CHANNELS: Final = frozenset({"SHOPPING", "DEMAND_GEN"})
LISTING_GROUP: Final = "LISTING_GROUP"
#: The note on an ad group whose listing group tree the read leaves alone (not a Shopping or Demand Gen
#: one's): noted apart from its other unread criteria.
UNREAD_TREE: Final = f"has {LISTING_GROUP} criteria at ad group level, which MIDAS does not manage"
#: A Demand Gen campaign's locations and languages are its ad groups' (v26 upgraded_targeting).
_AD_GROUP_LEVEL: Final = frozenset(
    {
        "LOCATION",
        "LANGUAGE",
        "AGE_RANGE",
        "GENDER",
        "KEYWORD",
        "USER_INTEREST",
        "USER_LIST",
        "LISTING_GROUP",
        "WEBPAGE",
    }
)


DEMAND_GEN_VIDEO_AD: Final = GOOGLE_DEMAND_GEN_VIDEO_AD
#: A Demand Gen video responsive ad's call to action assets (v26 DemandGenVideoResponsiveAdInfo
#: ``call_to_actions``), read and written by CallToActionType: the connector makes an asset of each.
_CTAS: Final = "call_to_actions"
#: A Demand Gen carousel ad's cards (``connectors.google_carousel``), read from their assets as videos are.
_CARDS: Final = "cards"
#: The ads whose videos MIDAS sends (``youtube_videos``: YouTube video ids, their assets made by the
#: connector first) and the field of their info holding them (v26 AdVideoAsset lists).
VIDEO_ADS: Final = {"RESPONSIVE_DISPLAY_AD": "youtube_videos", DEMAND_GEN_VIDEO_AD: "videos"}
#: Ad type → the sub-message of ``ad`` holding its assets (v26 Ad's ``ad_data`` oneof).
AD_INFO: Final = {
    "RESPONSIVE_SEARCH_AD": "responsive_search_ad",
    "RESPONSIVE_DISPLAY_AD": "responsive_display_ad",
    "DEMAND_GEN_MULTI_ASSET_AD": "demand_gen_multi_asset_ad",
    DEMAND_GEN_VIDEO_AD: DEMAND_GEN_VIDEO_AD_INFO,
    DEMAND_GEN_CAROUSEL_AD: DEMAND_GEN_CAROUSEL_AD_INFO,
    DEMAND_GEN_PRODUCT_AD: DEMAND_GEN_PRODUCT_AD_INFO,
    "SHOPPING_PRODUCT_AD": "shopping_product_ad",
    "HOTEL_AD": "hotel_ad",
    "EXPANDED_DYNAMIC_SEARCH_AD": DYNAMIC_AD_INFO,
    "APP_AD": "app_ad",
    **{kind: info for kind, (info, _videos) in APP_KIND_ADS.items()},
}
#: The image lists of the ads that have some, read as sorted asset ids (a Demand Gen ad's classic display
#: images, which MIDAS never sends, too).
_AD_IMAGES: Final = {
    "RESPONSIVE_DISPLAY_AD": DISPLAY_AD_IMAGES,
    "DEMAND_GEN_MULTI_ASSET_AD": (*DEMAND_GEN_AD_IMAGES, *DEMAND_GEN_AD_UNSENT_IMAGES),
    DEMAND_GEN_VIDEO_AD: DEMAND_GEN_VIDEO_AD_IMAGES,
    **dict.fromkeys(APP_KIND_ADS, ("images",)),  # an app engagement or pre-registration ad's
}


def asset_id(resource_name: str) -> str:
    """``customers/1/assets/42`` → ``42``."""
    return _id(resource_name)


def asset_name(cid: str, asset: Any) -> str:
    """``42`` → ``customers/{cid}/assets/42``."""
    return f"customers/{cid}/assets/{asset}"


def ad_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    ad = row.get("ad", {})
    kind = ad.get("type") or next((k for k, info in AD_INFO.items() if info in ad), "RESPONSIVE_SEARCH_AD")
    info = ad.get(AD_INFO.get(kind, ""), {})
    fields: dict[str, Any] = {"status": row["status"], "type": kind}
    for part in ("headlines", "descriptions"):
        if info.get(part):
            fields[part] = sorted(a["text"] for a in info[part])
    if ad.get("final_urls"):
        fields["final_urls"] = list(ad["final_urls"])
    fields.update(url_options(ad, GOOGLE_AD_URL_OPTIONS))
    for part in ("path1", "path2", "business_name", "breadcrumb1", "breadcrumb2"):
        if info.get(part):
            # A Demand Gen video responsive ad's business name is an AdTextAsset.
            fields[part] = info[part]["text"] if isinstance(info[part], dict) else info[part]
    if (info.get("long_headline") or {}).get("text"):
        fields["long_headline"] = info["long_headline"]["text"]
    if info.get("long_headlines"):
        fields["long_headlines"] = sorted(a["text"] for a in info["long_headlines"])
    for images in _AD_IMAGES.get(kind, ()):
        if info.get(images):
            fields[images] = sorted(asset_id(a["asset"]) for a in info[images])
    # An app ad's media and an app engagement or pre-registration ad's videos, which MIDAS reads but does not
    # send, and a responsive display ad's videos, by asset until ``LiveReader._video_assets`` reads their ids.
    videos = (APP_KIND_ADS[kind][1],) if kind in APP_KIND_ADS else ("youtube_videos",)
    for media in APP_AD_MEDIA if kind == "APP_AD" else videos:
        if info.get(media):
            fields[media] = sorted(a["asset"] for a in info[media])
    if kind == DEMAND_GEN_VIDEO_AD:
        if info.get("videos"):  # under the name a responsive display ad's videos have
            fields["youtube_videos"] = sorted(a["asset"] for a in info["videos"])
        if info.get("call_to_actions"):  # by asset until ``LiveReader._video_assets`` reads their types
            fields["call_to_actions"] = sorted(a["asset"] for a in info["call_to_actions"])
    if kind == "RESPONSIVE_DISPLAY_AD":
        fields.update(_display_ad_unsent(info))
    if kind == "DEMAND_GEN_MULTI_ASSET_AD" and info.get("call_to_action_text"):
        fields["call_to_action_text"] = info["call_to_action_text"]
    if kind == DEMAND_GEN_CAROUSEL_AD:
        fields.update(carousel_ad_fields(info))
    if kind == DEMAND_GEN_PRODUCT_AD:
        fields.update(product_ad_fields(info))
    if kind == "EXPANDED_DYNAMIC_SEARCH_AD":
        fields.update(dynamic_ad_texts(info))
    return fields


def _display_ad_unsent(info: Mapping[str, Any]) -> dict[str, Any]:
    """What a responsive display ad holds of ``GOOGLE_DISPLAY_AD_UNSENT``, where it departs from an ad
    without it (``allow_flexible_color`` defaults to true, ``format_setting`` to ALL_FORMATS)."""
    out: dict[str, Any] = {k: info[k] for k in DISPLAY_AD_TEXT_OPTIONS if info.get(k)}
    if info.get("allow_flexible_color") is False:
        out["allow_flexible_color"] = False
    if info.get("format_setting") in DISPLAY_AD_FORMATS[1:]:
        out["format_setting"] = info["format_setting"]
    controls = {k: True for k in DISPLAY_AD_CONTROLS if (info.get("control_spec") or {}).get(k)}
    if controls:
        out["control_spec"] = controls
    return out


def to_resources(account: str, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[Resource]:
    """Every live object of one customer as normalised Resources (rows: READ_TYPES → search rows)."""
    reader = LiveReader(account)
    for type_ in READ_TYPES:
        reader.add(type_, rows[type_])
    return reader.resources()


class LiveReader:
    """Turns one customer's search rows into normalised Resources, one resource type after the other
    in ``READ_TYPES`` order, row by row: a read streams each type and never holds its raw rows (at
    100,000s of objects they were most of a read's memory). Of a type whose addresses depend on its
    siblings (names that clash), each row's id, parent, name and normalised fields wait for the last
    row; between types only the paths and managed flags that later types need are kept."""

    def __init__(self, account: str, *, foreign_feeds: bool = False) -> None:
        self.address = AddressBook(GOOGLE, account)
        #: Whether the page feeds of other Search and Performance Max campaigns are noted (an import's read:
        #: it refuses them by name); else their links are read with a Dynamic Search Ads campaign's alone.
        self.foreign_feeds = foreign_feeds
        self.out: list[Resource] = []
        self.label_names: dict[str, str] = {}
        #: (id, name, fields) of each budget, until the campaigns using them are known.
        self.budgets: list[tuple[str, Any, dict[str, Any]]] = []
        self.campaign_path: dict[str, str] = {}
        self.managed_campaign: dict[str, bool] = {}
        self.group_path: dict[str, str] = {}
        self.managed_group: dict[str, bool] = {}
        #: Asset groups by id, until their asset links are read.
        self.asset_groups: dict[str, Resource] = {}
        #: Whether a live campaign is a Performance Max one (else no asset group is read).
        self.performance_max = False
        #: The ids of campaigns with a Dynamic Search Ads setting, whose WEBPAGE criteria (its excluded pages)
        #: MIDAS manages; another campaign's (a Performance Max campaign's URL exclusions) it leaves alone.
        self.dynamic_search_campaigns: frozenset[str] = frozenset()
        #: The ids of Shopping and Demand Gen campaigns, then of their ad groups, whose listing group trees
        #: (a Shopping ad group's product groups, a Demand Gen one's product filter) MIDAS manages; another
        #: ad group's (one the sandbox or Google should not hold) it reads as a criterion it does not.
        self.product_campaigns: frozenset[str] = frozenset()
        self.product_groups: frozenset[str] = frozenset()
        #: Performance Max campaigns with brand guidelines on by id, until their campaign assets are read.
        self.brand_campaigns: dict[str, Resource] = {}
        #: Dynamic Search Ads campaigns by id, until their page feeds are read; the asset sets linked to
        #: them (resource name → campaign ids), and the page assets of each (campaign id → asset names).
        self.feed_campaigns: dict[str, Resource] = {}
        #: The other Search and the Performance Max campaigns by id, until their asset set links are read: a
        #: page feed of theirs (a Performance Max campaign's URL inclusions) is noted, not read.
        self.unfed_campaigns: dict[str, Resource] = {}
        self.feed_sets: dict[str, list[str]] = {}
        self.feed_assets: dict[str, list[str]] = {}
        #: The page feed sets linked to those other campaigns (resource name → campaign ids), until their
        #: pages' links are read: a set holding none is no feed to refuse.
        self.foreign_sets: dict[str, list[str]] = {}
        #: Ads with videos (``VIDEO_ADS``) or call to action assets, until those assets are read (their
        #: ``youtube_videos`` and ``call_to_actions`` the assets' resource names until then).
        self.video_ads: list[Resource] = []
        self._next = 0

    def add(self, type_: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Take in every row of ``type_`` (the next type of ``READ_TYPES``), iterating ``rows`` once."""
        if READ_TYPES.index(type_) != self._next:
            raise ValueError(f"expected the rows of {READ_TYPES[self._next]!r}, got {type_!r}")
        self._take(type_, rows)
        self._next += 1

    def needs(self, type_: str) -> bool:
        """Whether the rows of ``type_`` (the next type) can hold anything: asset groups belong to
        Performance Max campaigns alone, their links to asset groups (so other accounts skip both queries)."""
        if type_ == "asset_group":
            return self.performance_max
        if type_ == "asset_group_asset":
            return bool(self.asset_groups)
        if type_ == "ad_group_bid_modifier":
            return bool(self.group_path)
        if type_ == "campaign_asset":
            return bool(self.brand_campaigns)
        if type_ == "campaign_asset_set":
            return bool(self.feed_campaigns) or (self.foreign_feeds and bool(self.unfed_campaigns))
        if type_ == "asset_set_asset":
            return bool(self.feed_sets) or bool(self.foreign_sets)
        if type_ == "asset":
            return bool(self.video_ads) or bool(self.feed_assets)
        return True

    def _take(self, type_: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Every row of ``type_``, all or nothing: each kind gathers its rows before it changes the reader,
        so rows that stop midway (a failed query) leave it as it was, for a retry of the query."""
        if type_ == "label":
            self.label_names = {r["resource_name"]: r["name"] for r in rows}
        elif type_ == "campaign_budget":
            self.budgets = [(b["id"], b.get("name"), budget_fields(b)) for b in rows]
        elif type_ == "campaign":
            self._campaigns(rows)
        elif type_ == "campaign_criterion":
            self._take_criteria(
                rows, "campaign", self.campaign_path, self.managed_campaign, self.dynamic_search_campaigns
            )
        elif type_ == "ad_group":
            self._ad_groups(rows)
        elif type_ == "ad_group_criterion":
            self._take_criteria(rows, "ad_group", self.group_path, self.managed_group, self.product_groups)
        elif type_ == "ad_group_ad":
            self._ads(rows)
        elif type_ == "ad_group_bid_modifier":
            self._bid_modifiers(rows)
        elif type_ == "asset_group":
            self._asset_groups(rows)
        elif type_ == "asset_group_asset":
            self._asset_links(rows)
        elif type_ == "campaign_asset":
            self._brand_links(rows)
        elif type_ == "campaign_asset_set":
            self._feed_links(rows)
        elif type_ == "asset_set_asset":
            found: dict[str, list[str]] = {}
            rows = [row for row in rows if page_feed.live(row)]  # every row first: see ``_take``
            for row in rows:
                for campaign in self.feed_sets.get(str(row.get("asset_set")), ()):
                    found.setdefault(campaign, []).append(str(row["asset"]))
            self.feed_assets = found
            self._foreign_feeds({str(row.get("asset_set")) for row in rows})
        else:
            rows = list(rows)
            self._video_assets(rows)
            self._page_assets(rows)

    def _take_criteria(
        self,
        rows: Iterable[Mapping[str, Any]],
        parent_kind: str,
        parent_path: Mapping[str, str],
        parent_managed: Mapping[str, bool],
        managed_parents: frozenset[str] = frozenset(),
    ) -> None:
        """The criteria MIDAS manages; the others it leaves alone, noted on their campaign or ad group
        (``Resource.warnings``) so that an import does not take the parent for all there is."""
        criteria, unread = _criteria(
            self.address, rows, parent_kind, parent_path, parent_managed, managed_parents
        )
        self.out.extend(criteria)
        if not unread:
            return
        parents = {self.address(parent_kind, parent_path[p]): types for p, types in unread.items()}
        for resource in self.out:
            types = parents.get(resource.address)
            if types is not None:
                level = parent_kind.replace("_", " ")
                # A listing group tree is noted apart (``UNREAD_TREE``): an import names a Hotel ad group's
                # as its hotel group tree instead.
                for kinds in (sorted(types - {LISTING_GROUP}), sorted(types & {LISTING_GROUP})):
                    if kinds:
                        note = (
                            f"has {', '.join(kinds)} criteria at {level} level, which MIDAS does not manage"
                        )
                        resource.warnings = (*resource.warnings, note)

    def _bid_modifiers(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Each ad group's device bid modifiers as resources under it, its others noted on it
        (``google_bid_modifiers``)."""
        rows = list(rows)  # every row first: see ``_take``
        for group, id_, fields in device_modifiers(rows, self.group_path):
            path = self.group_path[group]
            self.out.append(
                Resource(
                    self.address("ad_group_bid_modifier", join(path, modifier_key(fields))),
                    fields,
                    {"ad_group": self.address("ad_group", path)},
                    id_,
                    self.managed_group[group],
                )
            )
        notes = bid_modifier_notes(rows, self.group_path)
        if not notes:
            return
        by_address = {self.address("ad_group", self.group_path[g]): said for g, said in notes.items()}
        for resource in self.out:
            said = by_address.get(resource.address)
            if said is not None:
                resource.warnings = (*resource.warnings, *said)

    def resources(self) -> list[Resource]:
        """Every Resource read, in address order (once every type was added)."""
        if self._next != len(READ_TYPES):
            raise ValueError(f"the rows of {READ_TYPES[self._next]!r} were not added")
        self.out.sort(key=lambda r: r.address.sort_key())
        return self.out

    def _campaigns(self, rows: Iterable[Mapping[str, Any]]) -> None:
        address, label_names = self.address, self.label_names
        # (id, name, budget id, fields) in read order.
        campaigns = [
            (c["id"], c["name"], _id(c["campaign_budget"]), campaign_fields(c, label_names)) for c in rows
        ]
        self.performance_max = any(
            fields.get("advertising_channel_type") == "PERFORMANCE_MAX" for _, _, _, fields in campaigns
        )
        self.dynamic_search_campaigns = frozenset(
            id_ for id_, _, _, fields in campaigns if fields.get("dynamic_search_ads_setting")
        )
        self.product_campaigns = frozenset(
            id_
            for id_, _, _, fields in campaigns
            if fields.get("advertising_channel_type") in _PRODUCT_CHANNELS
        )
        managed_campaign = self.managed_campaign = {
            id_: MANAGED_MARKER in fields.get("labels", []) for id_, _, _, fields in campaigns
        }
        campaign_path = self.campaign_path = unique_paths(
            [
                Candidate(id_, join("", name), managed_campaign[id_], i)
                for i, (id_, name, _, _) in enumerate(campaigns)
            ]
        )
        budget_user: dict[str, str] = {}
        budget_users: dict[str, list[str]] = {}
        for _, (id_, _, budget_id, _) in sorted(
            enumerate(campaigns), key=lambda item: (not managed_campaign[item[1][0]], item[0])
        ):
            budget_user.setdefault(budget_id, id_)
            budget_users.setdefault(budget_id, []).append(id_)
        budget_candidates = []
        shared_managed: dict[str, bool] = {}
        for i, (budget_id, budget_name, fields) in enumerate(self.budgets):
            user = budget_user.get(budget_id)
            if fields.get("explicitly_shared") and budget_name:
                users = budget_users.get(budget_id, [])
                shared_managed[budget_id] = bool(users) and all(managed_campaign[u] for u in users)
                budget_candidates.append(
                    Candidate(budget_id, shared_budget_path(budget_name), shared_managed[budget_id], i)
                )
            elif user is not None:
                budget_candidates.append(Candidate(budget_id, campaign_path[user], managed_campaign[user], i))
            elif budget_name:
                budget_candidates.append(
                    Candidate(budget_id, join("", budget_name), False, len(campaigns) + i)
                )
        budget_path = unique_paths(budget_candidates)
        for budget_id, _, fields in self.budgets:
            if budget_id in budget_path:
                user = budget_user.get(budget_id)
                managed = shared_managed.get(budget_id, user is not None and managed_campaign[user])
                self.out.append(
                    Resource(
                        address("campaign_budget", budget_path[budget_id]), fields, {}, budget_id, managed
                    )
                )
        self.budgets = []
        for id_, _, budget_id, fields in campaigns:
            refs = {}
            if budget_id in budget_path:
                refs["campaign_budget"] = address("campaign_budget", budget_path[budget_id])
            campaign = Resource(
                address("campaign", campaign_path[id_]), fields, refs, id_, managed_campaign[id_]
            )
            self.out.append(campaign)
            if fields.get("brand_guidelines_enabled"):
                self.brand_campaigns[id_] = campaign
            if fields.get("dynamic_search_ads_setting"):
                self.feed_campaigns[id_] = campaign
            elif fields.get("advertising_channel_type") in ("SEARCH", "PERFORMANCE_MAX"):
                self.unfed_campaigns[id_] = campaign

    def _ad_groups(self, rows: Iterable[Mapping[str, Any]]) -> None:
        # (id, campaign id, name, fields) of the groups of live campaigns, in read order.
        groups = [
            (g["id"], campaign, g["name"], ad_group_fields(g, self.label_names))
            for g in rows
            if (campaign := _id(g["campaign"])) in self.campaign_path
        ]
        managed_group = self.managed_group = {
            id_: self.managed_campaign[campaign] or MANAGED_MARKER in fields.get("labels", [])
            for id_, campaign, _, fields in groups
        }
        read = self._under(
            "ad_group", "campaign", self.campaign_path, groups, lambda id_, _: managed_group[id_]
        )
        self.out.extend(read.values())
        self.group_path = {id_: group.address.path for id_, group in read.items()}
        self.product_groups = frozenset(
            id_ for id_, campaign, _, _ in groups if campaign in self.product_campaigns
        )

    def _ads(self, rows: Iterable[Mapping[str, Any]]) -> None:
        # (ad id, group id, name, fields) of the ads of live groups, in read order.
        ads = [
            (_id(a["resource_name"]), group, a["ad"].get("name") or str(a["ad"]["id"]), ad_fields(a))
            for a in rows
            if (group := _id(a["ad_group"])) in self.group_path
        ]
        managed = self.managed_group
        read = self._under("ad_group_ad", "ad_group", self.group_path, ads, lambda _, g: managed[g]).values()
        self.out.extend(read)
        self.video_ads = [
            ad
            for ad in read
            if (
                ad.fields.get("type") in VIDEO_ADS
                and (ad.fields.get("youtube_videos") or ad.fields.get(_CTAS))
            )
            or (ad.fields.get("type") == DEMAND_GEN_CAROUSEL_AD and ad.fields.get(_CARDS))
            or (ad.fields.get("type") == DEMAND_GEN_PRODUCT_AD and ad.fields.get(_CTAS))
        ]

    def _asset_groups(self, rows: Iterable[Mapping[str, Any]]) -> None:
        groups = [
            (g["id"], campaign, g["name"], asset_group_fields(g))
            for g in rows
            if (campaign := _id(g["campaign"])) in self.campaign_path
        ]
        managed = self.managed_campaign
        self.asset_groups.update(
            self._under("asset_group", "campaign", self.campaign_path, groups, lambda _, c: managed[c])
        )

    def _under(
        self,
        kind: str,
        parent_kind: str,
        parent_path: Mapping[Any, str],
        children: Sequence[tuple[Any, Any, str, dict[str, Any]]],
        managed: Callable[[Any, Any], bool],
    ) -> dict[Any, Resource]:
        """Each of ``children`` (id, parent id, name, fields, in read order) as a ``kind`` resource, by id,
        at a path of its own under its ``parent_kind`` parent's (``unique_paths``), managed as ``managed``
        says of (id, parent id)."""
        paths = unique_paths(
            [
                Candidate(id_, join(parent_path[parent], name), managed(id_, parent), i)
                for i, (id_, parent, name, _) in enumerate(children)
            ]
        )
        return {
            id_: Resource(
                self.address(kind, paths[id_]),
                fields,
                {parent_kind: self.address(parent_kind, parent_path[parent])},
                id_,
                managed(id_, parent),
            )
            for id_, parent, _, fields in children
        }

    def _asset_links(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Each asset group's assets from its links: texts by text, images by asset id."""
        unread: dict[str, set[str]] = {}
        for row in list(rows):  # every row first: see ``_take``
            group = self.asset_groups.get(_id(row["asset_group"]))
            if group is None or not advertiser_link(row) or row.get("status") == PAUSED_LINK:
                continue
            field_type = str(row.get("field_type"))
            normal = ASSET_GROUP_FIELD_OF.get(field_type)
            if normal is None:
                unread.setdefault(str(group.platform_id), set()).add(field_type)
                continue
            group.fields.setdefault(normal, []).append(linked_value(row))
        for id_, group in self.asset_groups.items():
            for normal in GOOGLE_ASSET_GROUP_ASSETS:
                if normal in group.fields:
                    group.fields[normal] = sorted(group.fields[normal])
            for single in GOOGLE_ASSET_GROUP_SINGLE:
                values = group.fields.get(single)
                if isinstance(values, list) and len(values) == 1:
                    group.fields[single] = values[0]
            if id_ in unread:
                note = f"has {', '.join(sorted(unread[id_]))} assets, which MIDAS does not manage"
                group.warnings = (*group.warnings, note)
            self.out.append(group)
        self.asset_groups = {}

    def video_asset_ids(self) -> list[str]:
        """The ids of the assets the ads read with videos (``VIDEO_ADS``) name as their videos or their call
        to action assets, and of the pages of the page feeds read (``feed_assets``)."""
        return sorted(
            {
                asset_id(name)
                for ad in self.video_ads
                for media in ("youtube_videos", _CTAS, _CARDS)
                for name in ad.fields.get(media) or ()
            }
            | {asset_id(name) for names in self.feed_assets.values() for name in names}
        )

    def _feed_links(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """The page feed sets (type PAGE_FEED, joined as ``linked_asset_set``) linked to each Dynamic Search
        Ads campaign; one linked to another campaign is noted on it (``Resource.warnings``), so that an
        import refuses it by name rather than write a spec without it, as is one shared by several campaigns
        on each DSA campaign of them (MIDAS edits no shared set: ``google_page_feed``), which carries it as
        data too (``Resource.shared_page_feeds``: what a plan warns of, refused by the apply)."""
        feeds = [r for r in rows if (r.get("linked_asset_set") or {}).get("type") == PAGE_FEED]
        self.feed_sets = page_feed.sets_of(feeds, self.feed_campaigns)
        for asset_set, campaigns in sorted(page_feed.shared_sets(feeds).items()):
            for id_ in campaigns:
                if id_ in self.feed_campaigns:
                    campaign = self.feed_campaigns[id_]
                    others = tuple(self._campaign_named(c) for c in campaigns if c != id_)
                    shared = SharedPageFeed(asset_set, others)
                    campaign.shared_page_feeds = (*campaign.shared_page_feeds, shared)
                    campaign.warnings = (*campaign.warnings, shared.note())
        self.foreign_sets = page_feed.sets_of(feeds, self.unfed_campaigns)
        if not self.foreign_sets:
            self.unfed_campaigns = {}

    def _campaign_named(self, id_: str) -> str:
        """A campaign as ``name (id)`` when read among the campaigns with page feeds, else its id."""
        found = self.feed_campaigns.get(id_) or self.unfed_campaigns.get(id_)
        name = found.fields.get("name") if found is not None else None
        return f"{name} ({id_})" if name else id_

    def _foreign_feeds(self, held: set[str]) -> None:
        """Note each page feed set holding anything (``held``: the sets of the links in force) on the other
        campaigns linked to it; an empty one says nothing a spec would lose."""
        for asset_set, campaigns in sorted(self.foreign_sets.items()):
            if asset_set not in held:
                continue
            for id_ in campaigns:
                campaign = self.unfed_campaigns[id_]
                note = (
                    f"has the page feed {asset_set} (a PAGE_FEED asset set), which MIDAS manages only in a "
                    "Search campaign with google.dynamic_search_ads"
                )
                campaign.warnings = (*campaign.warnings, note)
        self.unfed_campaigns, self.foreign_sets = {}, {}

    def _page_assets(self, rows: list[Mapping[str, Any]]) -> None:
        """Each Dynamic Search Ads campaign's ``page_feed``: the page assets of its sets' links in force, each
        page (URL and labels) once."""
        pages = page_feed.pages_by_asset(rows)
        for id_, campaign in self.feed_campaigns.items():
            # A page two of its sets hold (or one set twice, by two assets) is one page of its feed.
            unique = {
                page_feed.page_key(pages[n]): pages[n] for n in self.feed_assets.get(id_, ()) if n in pages
            }
            held = list(unique.values())
            if held:
                campaign.fields["page_feed"] = page_feed.feed_field(held)
        self.feed_campaigns, self.feed_sets, self.feed_assets = {}, {}, {}

    def _video_assets(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Each video ad's videos (``VIDEO_ADS``) by YouTube video id, from the assets it names (v26
        YoutubeVideoAsset.youtube_video_id), and a Demand Gen video ad's call to action assets by their
        CallToActionType (v26 CallToActionAsset.call_to_action); an asset that is neither stays its resource
        name."""
        rows = list(rows)  # every row first: see ``_take``
        value_of = {
            "youtube_videos": {
                row["resource_name"]: str(row["youtube_video_asset"]["youtube_video_id"])
                for row in rows
                if (row.get("youtube_video_asset") or {}).get("youtube_video_id")
            },
            _CTAS: {
                row["resource_name"]: str(row["call_to_action_asset"]["call_to_action"])
                for row in rows
                if (row.get("call_to_action_asset") or {}).get("call_to_action")
            },
        }
        cards = {row["resource_name"]: card for row in rows if (card := card_of_asset(row)) is not None}
        for ad in self.video_ads:
            for media, of in value_of.items():
                if media in ad.fields:
                    ad.fields[media] = sorted(of.get(name, name) for name in ad.fields[media])
            if _CARDS in ad.fields:  # in the ad's order
                ad.fields[_CARDS] = [cards.get(name, name) for name in ad.fields[_CARDS]]
        self.video_ads = []

    def _brand_links(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """The brand assets of each Performance Max campaign with brand guidelines on, from its campaign
        asset links (the advertiser's, of the brand field types: its sitelinks and the like are not
        MIDAS's): the business name's text, the logos' sorted asset ids."""
        found: dict[str, dict[str, list[str]]] = {}
        for row in list(rows):  # every row first: see ``_take``
            id_ = _id(row["campaign"])
            normal = CAMPAIGN_BRAND_FIELD_OF.get(str(row.get("field_type")))
            paused = row.get("status") == PAUSED_LINK  # not the campaign's while it is: drift
            if id_ in self.brand_campaigns and normal is not None and advertiser_link(row) and not paused:
                found.setdefault(id_, {}).setdefault(normal, []).append(linked_value(row))
        for id_, campaign in self.brand_campaigns.items():
            for normal, values in sorted(found.get(id_, {}).items()):
                one = normal == "business_name" and len(values) == 1
                campaign.fields[normal] = values[0] if one else sorted(values)
        self.brand_campaigns = {}


def brand_links(
    rows: Iterable[Mapping[str, Any]], *, paused: bool = False
) -> dict[str, dict[tuple[str, str], str]]:
    """Campaign id → {(field, text or image asset id): link resource name} of campaign asset rows, for the
    brand fields MIDAS manages (``resources.GOOGLE_CAMPAIGN_BRAND_ASSETS``); with ``paused`` the paused
    ones (read as no link, re-enabled rather than made again)."""
    return _links_by_parent(rows, "campaign", CAMPAIGN_BRAND_FIELD_OF, paused)


def asset_group_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """An asset group's own fields (its assets come from its links: ``LiveReader._asset_links``)."""
    fields = {k: row[k] for k in ("name", "status", "path1", "path2") if row.get(k)}
    if row.get("final_urls"):
        fields["final_urls"] = list(row["final_urls"])
    return fields


def _criteria(
    address: Callable[[str, str], Address],
    rows: Iterable[Mapping[str, Any]],
    parent_kind: str,
    parent_path: Mapping[str, str],
    parent_managed: Mapping[str, bool],
    managed_parents: frozenset[str] = frozenset(),
) -> tuple[list[Resource], dict[str, set[str]]]:
    """The criteria of the kinds and level MIDAS manages, and the types of the others per parent id; a
    campaign's WEBPAGE criteria only of ``managed_parents`` (those with a Dynamic Search Ads setting), an ad
    group's LISTING_GROUP tree only of ``managed_parents`` (a Shopping or Demand Gen campaign's)."""
    kind = f"{parent_kind}_criterion"
    allowed = _CAMPAIGN_LEVEL if parent_kind == "campaign" else _AD_GROUP_LEVEL
    out = []
    unread: dict[str, set[str]] = {}
    trees: dict[str, list[Mapping[str, Any]]] = {}  # ad group id → its listing group rows
    for row in rows:
        parent = _id(row[parent_kind])
        if parent not in parent_path:
            continue
        if row["type"] == "LISTING_GROUP" and parent_kind == "ad_group":
            if parent in managed_parents:
                trees.setdefault(parent, []).append(row)
            else:
                unread.setdefault(parent, set()).add("LISTING_GROUP")
            continue
        if row["type"] == DEVICE and parent_kind == "campaign" and device_fields(row) is None:
            continue  # no adjustment (unset or 1.0): Google's default, read as no criterion
        key = criterion_key(row)
        excluded_page = row["type"] == "WEBPAGE" and parent_kind == "campaign" and parent in managed_parents
        if key is None or (row["type"] not in allowed and not excluded_page):
            unread.setdefault(parent, set()).add(str(row["type"]))
            continue
        out.append(
            Resource(
                address(kind, join(parent_path[parent], key)),
                criterion_fields(row, ad_group_level=parent_kind == "ad_group"),
                {parent_kind: address(parent_kind, parent_path[parent])},
                _id(row["resource_name"]),
                parent_managed[parent],
            )
        )
    for parent, tree_rows in trees.items():
        tree = tree_fields(tree_rows)
        if tree is None:  # nodes without their root (a broken tree): not a tree MIDAS can read
            unread.setdefault(parent, set()).add("LISTING_GROUP")
            continue
        root_name, fields = tree
        status = next((r.get("status") for r in tree_rows if r["resource_name"] == root_name), None)
        out.append(
            Resource(
                address(kind, join(parent_path[parent], ALL_PRODUCTS)),
                {"type": "LISTING_GROUP", **({"status": status} if status else {}), **fields},
                {parent_kind: address(parent_kind, parent_path[parent])},
                _id(root_name),
                parent_managed[parent],
            )
        )
    return out, unread


# --- normalised → native ----------------------------------------------------------------------------


def conversion_action_names(cid: str, ids: Sequence[str] | None) -> list[str] | None:
    """The resource names of a campaign's ``conversion_actions`` (None: none, which clears them)."""
    return [f"customers/{cid}/conversionActions/{id_}" for id_ in ids] if ids else None


def native_create(
    kind: str,
    cid: str,
    fields: Mapping[str, Any],
    list_ids: Mapping[str, str] | None = None,
    videos: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The native object for a create (refs and labels are added by the caller); ``list_ids`` holds the
    id of each audience a ``USER_LIST`` criterion names, ``videos`` the resource name of the YouTube video
    asset of each video id a responsive display ad shows (``image_ad_native``)."""
    if kind == "campaign_budget":
        return {k: v for k, v in fields.items() if v is not None}
    if kind == "campaign":
        obj: dict[str, Any] = {
            k: fields[k]
            for k in (
                "name",
                "status",
                "advertising_channel_type",
                "advertising_channel_sub_type",
                "brand_guidelines_enabled",
            )
            if k in fields
        }
        if "app_campaign_setting" in fields:
            obj["app_campaign_setting"] = dict(fields["app_campaign_setting"])
        if fields.get("conversion_actions"):
            obj["selective_optimization"] = {
                "conversion_actions": conversion_action_names(cid, fields["conversion_actions"])
            }
        if "network_settings" in fields:
            obj["network_settings"] = dict(fields["network_settings"])
        if "demand_gen_campaign_settings" in fields:
            obj["demand_gen_campaign_settings"] = dict(fields["demand_gen_campaign_settings"])
        if "shopping_setting" in fields:
            obj["shopping_setting"] = shopping_setting_native(fields["shopping_setting"])
        if "hotel_setting" in fields:
            obj["hotel_setting"] = dict(fields["hotel_setting"])
        if fields.get("demand_gen_shopping_setting"):  # a Demand Gen campaign's Merchant Center account
            obj["shopping_setting"] = shopping_setting_native(fields["demand_gen_shopping_setting"])
        if fields.get("dynamic_search_ads_setting"):
            obj["dynamic_search_ads_setting"] = dynamic_search_setting_native(
                fields["dynamic_search_ads_setting"]
            )
        for normal, native, time in (
            ("start_date", "start_date_time", "00:00:00"),
            ("end_date", "end_date_time", "23:59:59"),
        ):
            if fields.get(normal):
                obj[native] = f"{fields[normal]} {time}"
        if "contains_eu_political_advertising" in fields:
            obj["contains_eu_political_advertising"] = eu_value(fields["contains_eu_political_advertising"])
        scheme, leaves = bidding(fields.get("bidding_strategy_type"), fields)
        obj[scheme] = {leaf: value for leaf, value in leaves.items() if value is not None}
        obj.update(url_options_native(fields, GOOGLE_URL_OPTIONS))
        return obj
    if kind == "ad_group":
        obj = {k: fields[k] for k in GOOGLE_AD_GROUP_AS_SENT if k in fields}
        if fields.get("target_roas") is not None:
            obj["target_roas"] = float(Decimal(str(fields["target_roas"])))
        if fields.get("audience_bid_only") is not None:
            obj["targeting_setting"] = {
                "target_restrictions": audience_restrictions(fields["audience_bid_only"])
            }
        if fields.get("channel_controls"):
            obj["demand_gen_ad_group_settings"] = {
                "channel_controls": channel_controls_native(fields["channel_controls"])
            }
        obj.update(url_options_native(fields, GOOGLE_URL_OPTIONS))
        return obj
    if kind in GOOGLE_CRITERION_KINDS:
        return criterion_native(cid, fields, list_ids or {})
    if kind == "ad_group_bid_modifier":  # an ad group's device or booking bid adjustment (AdGroupBidModifier)
        return device_native(fields) if fields.get("device") else booking_native(fields)
    if kind == "asset_group":  # its assets are links of their own (``asset_links``)
        return {k: fields[k] for k in ASSET_GROUP_OWN_FIELDS if fields.get(k) is not None}
    if kind == "ad_group_ad" and fields.get("type") in ("APP_AD", *APP_KIND_ADS):
        app_ad: dict[str, Any] = {
            part: [{"text": t} for t in fields.get(part, [])] for part in ("headlines", "descriptions")
        }
        if fields.get("images"):  # an app engagement or pre-registration ad's
            app_ad["images"] = [{"asset": asset_name(cid, a)} for a in fields["images"]]
        # No ad.name, even from fields an earlier MIDAS recorded: Google keeps none for these ads.
        return {"status": fields.get("status", "ENABLED"), "ad": {AD_INFO[fields["type"]]: app_ad}}
    if kind == "ad_group_ad" and fields.get("type") == DEMAND_GEN_CAROUSEL_AD:  # cards: the connector's
        carousel = carousel_ad_native(cid, fields, ())
        carousel.update(url_options_native(fields, GOOGLE_AD_URL_OPTIONS))
        return {"status": fields.get("status", "ENABLED"), "ad": carousel}
    if kind == "ad_group_ad" and fields.get("type") == DEMAND_GEN_PRODUCT_AD:
        product = product_ad_native(cid, fields)
        product.update(url_options_native(fields, GOOGLE_AD_URL_OPTIONS))
        return {"status": fields.get("status", "ENABLED"), "ad": product}
    if kind == "ad_group_ad" and fields.get("type") in ("SHOPPING_PRODUCT_AD", "HOTEL_AD"):
        return {"status": fields.get("status", "ENABLED"), "ad": {AD_INFO[fields["type"]]: {}}}
    if kind == "ad_group_ad" and fields.get("type") == "EXPANDED_DYNAMIC_SEARCH_AD":
        dynamic_ad: dict[str, Any] = {DYNAMIC_AD_INFO: dynamic_ad_texts(fields)}
        dynamic_ad.update(url_options_native(fields, GOOGLE_AD_URL_OPTIONS))
        return {"status": fields.get("status", "ENABLED"), "ad": dynamic_ad}
    if kind == "ad_group_ad" and fields.get("type") in _AD_IMAGES:
        return {"status": fields.get("status", "ENABLED"), "ad": image_ad_native(cid, fields, videos)}
    if kind == "ad_group_ad":
        if fields.get("type", "RESPONSIVE_SEARCH_AD") != "RESPONSIVE_SEARCH_AD":
            raise PermanentError(
                f"ad type {fields['type']!r} is not supported; MIDAS manages {', '.join(AD_INFO)} only",
                platform=GOOGLE,
                code="field_error.INVALID_VALUE",
                field="type",
            )
        rsa: dict[str, Any] = {
            "headlines": [{"text": t} for t in fields.get("headlines", [])],
            "descriptions": [{"text": t} for t in fields.get("descriptions", [])],
        }
        rsa.update({k: fields[k] for k in ("path1", "path2") if k in fields})
        ad: dict[str, Any] = {"final_urls": list(fields.get("final_urls", [])), "responsive_search_ad": rsa}
        ad.update(url_options_native(fields, GOOGLE_AD_URL_OPTIONS))
        return {"status": fields.get("status", "ENABLED"), "ad": ad}
    raise ValueError(f"unknown Google kind {kind!r}")


#: An asset group's own fields (v26 AssetGroup); the others are its asset links.
ASSET_GROUP_OWN_FIELDS: Final = ("name", "status", "final_urls", "path1", "path2")


#: The field type of an asset group's call to action asset (``resources.GOOGLE_ASSET_GROUP_ASSETS``).
CALL_TO_ACTION_FIELD: Final = "CALL_TO_ACTION_SELECTION"
#: The field type of an asset group's YouTube videos (``resources.GOOGLE_ASSET_GROUP_ASSETS``).
YOUTUBE_VIDEO_FIELD: Final = "YOUTUBE_VIDEO"
#: v26 AssetLinkStatus of a link paused (in a console): its asset is not the asset group's while it is.
PAUSED_LINK: Final = "PAUSED"


def asset_group_links(
    rows: Iterable[Mapping[str, Any]], *, paused: bool = False
) -> dict[str, dict[tuple[str, str], str]]:
    """Asset group id → {(field, text or image asset id): link resource name} of asset group asset rows, for
    the fields MIDAS manages (``resources.GOOGLE_ASSET_GROUP_ASSETS``): the links in force, or with
    ``paused`` the paused ones (read as no link, re-enabled rather than made again)."""
    return _links_by_parent(rows, "asset_group", ASSET_GROUP_FIELD_OF, paused)


def _links_by_parent(
    rows: Iterable[Mapping[str, Any]], parent: str, field_of: Mapping[str, str], paused: bool = False
) -> dict[str, dict[tuple[str, str], str]]:
    """``parent`` id → {(field, text or image asset id): link resource name} of the advertiser's link rows
    whose field type ``field_of`` names a field of, paused ones or the others as ``paused`` says."""
    out: dict[str, dict[tuple[str, str], str]] = {}
    for row in rows:
        normal = field_of.get(str(row.get("field_type")))
        if normal is None or not advertiser_link(row) or (row.get("status") == PAUSED_LINK) != paused:
            continue
        out.setdefault(_id(row[parent]), {})[(normal, linked_value(row))] = row["resource_name"]
    return out


def advertiser_link(row: Mapping[str, Any]) -> bool:
    """Whether an asset group asset row is the advertiser's: a link Google created itself (v26
    AssetGroupAsset.source AUTOMATICALLY_CREATED, from text asset automation) is neither a text the
    advertiser wrote nor one MIDAS may unlink. A row without a source predates the field: the advertiser's."""
    return row.get("source", "ADVERTISER") in ("ADVERTISER", None, "")


def linked_value(row: Mapping[str, Any]) -> str:
    """What an asset group asset row links: its text asset's text, its call to action, its YouTube video's
    id, or its image asset's id."""
    if row.get("field_type") in ASSET_GROUP_TEXT_FIELDS:
        return str(((row.get("linked_asset") or {}).get("text_asset") or {}).get("text", ""))
    if row.get("field_type") == CALL_TO_ACTION_FIELD:
        return str(
            ((row.get("linked_asset") or {}).get("call_to_action_asset") or {}).get("call_to_action", "")
        )
    if row.get("field_type") == YOUTUBE_VIDEO_FIELD:
        return str(
            ((row.get("linked_asset") or {}).get("youtube_video_asset") or {}).get("youtube_video_id", "")
        )
    return asset_id(row["asset"])


def asset_values(normal: str, value: Any) -> list[str]:
    """The texts or image asset ids an asset group field holds (``business_name`` holds one text)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def image_ad_native(cid: str, fields: Mapping[str, Any], videos: Mapping[str, str] | None) -> dict[str, Any]:
    """A responsive display ad's (v26 ResponsiveDisplayAdInfo), a Demand Gen multi-asset ad's (v26
    DemandGenMultiAssetAdInfo) or a Demand Gen video responsive ad's (DemandGenVideoResponsiveAdInfo: long
    headlines and breadcrumbs too) native ``ad``: its texts, business name and images (asset ids → the
    customer's asset resource names), YouTube videos (video ids → the resource names of their assets,
    ``videos``; None: left out, as a validation sends a responsive display ad before they exist), and final
    URLs."""
    kind = fields["type"]
    info: dict[str, Any] = {
        part: [{"text": t} for t in fields.get(part, [])] for part in ("headlines", "descriptions")
    }
    if fields.get("long_headline") is not None:
        info["long_headline"] = {"text": fields["long_headline"]}
    if fields.get("business_name") is not None:
        business = fields["business_name"]
        info["business_name"] = {"text": business} if kind == DEMAND_GEN_VIDEO_AD else business
    if kind == "DEMAND_GEN_MULTI_ASSET_AD" and fields.get("call_to_action_text"):
        info["call_to_action_text"] = fields["call_to_action_text"]
    if kind == DEMAND_GEN_VIDEO_AD:
        if fields.get("long_headlines"):
            info["long_headlines"] = [{"text": t} for t in fields["long_headlines"]]
        info.update({k: fields[k] for k in ("breadcrumb1", "breadcrumb2") if fields.get(k)})
    for images in _AD_IMAGES[kind]:
        if fields.get(images):
            info[images] = [{"asset": asset_name(cid, a)} for a in fields[images]]
    if kind in VIDEO_ADS and fields.get("youtube_videos") and videos is not None:  # AdVideoAsset
        info[VIDEO_ADS[kind]] = [{"asset": videos[video]} for video in fields["youtube_videos"]]
    ad: dict[str, Any] = {"final_urls": list(fields.get("final_urls", [])), AD_INFO[kind]: info}
    ad.update(url_options_native(fields, GOOGLE_AD_URL_OPTIONS))
    if kind in ("DEMAND_GEN_MULTI_ASSET_AD", DEMAND_GEN_VIDEO_AD) and fields.get("name"):
        # Sent on create only (v26 Ad.name is immutable; ``compile.google._demand_gen_ad``).
        ad["name"] = fields["name"]
    return ad


def eu_value(value: Any) -> str:
    if isinstance(value, bool):
        return EU_TRUE if value else EU_FALSE
    return str(value)


def bidding(strategy: Any, fields: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """(scheme, {leaf: native value or None}) for a bidding strategy type and the normalised fields
    given: every leaf of the scheme's settings, or the leaf that selects a scheme without any."""
    scheme = SCHEME_OF.get(str(strategy))
    if scheme is None:
        raise PermanentError(
            f"bidding_strategy_type {strategy!r} is not one of {', '.join(sorted(SCHEME_OF))}",
            platform=GOOGLE,
            code="field_error.INVALID_VALUE",
            field="bidding_strategy_type",
        )
    settings = SCHEME_SETTINGS.get(scheme)
    if settings is None:
        return scheme, {SCHEME_SELECTOR[scheme]: None}
    leaves: dict[str, Any] = {leaf: fields.get(normal) for normal, leaf in settings.items()}
    if leaves.get("target_roas") is not None:
        leaves["target_roas"] = float(Decimal(str(leaves["target_roas"])))
    return scheme, leaves


def criterion_native(cid: str, fields: Mapping[str, Any], list_ids: Mapping[str, str]) -> dict[str, Any]:
    """A criterion's native object; ``list_ids`` holds the id of each audience a ``USER_LIST`` names."""
    obj: dict[str, Any] = {}
    if "negative" in fields:
        obj["negative"] = bool(fields["negative"])
    if "status" in fields:
        obj["status"] = fields["status"]
    kind = fields.get("type")
    if kind in PLACE_TYPES and fields.get("bid_modifier") is not None:  # a decimal string; v26 a float
        obj["bid_modifier"] = native_modifier(fields["bid_modifier"])
    if kind == "LOCATION":
        obj["location"] = {"geo_target_constant": fields.get("geo_target_constant")}
    elif kind == "LANGUAGE":
        obj["language"] = {"language_constant": fields.get("language_constant")}
    elif kind == "PROXIMITY":
        proximity: dict[str, Any] = {}
        for normal, native in PROXIMITY_PATHS.items():
            if fields.get(normal) is not None:
                set_path(proximity, native, fields[normal])
        obj["proximity"] = proximity
    elif kind == "KEYWORD":
        obj["keyword"] = {"text": fields.get("keyword_text"), "match_type": fields.get("keyword_match_type")}
        if fields.get("cpc_bid_micros") is not None:
            obj["cpc_bid_micros"] = fields["cpc_bid_micros"]
        obj.update(url_options_native(fields, GOOGLE_KEYWORD_URL_OPTIONS))
    elif kind == "AGE_RANGE":
        obj["age_range"] = {"type": fields.get("age_range")}
    elif kind == "GENDER":
        obj["gender"] = {"type": fields.get("gender")}
    elif kind == "USER_INTEREST":
        obj["user_interest"] = {"user_interest_category": interest_name(cid, fields.get("user_interest"))}
    elif kind == "USER_LIST":
        list_id = list_ids.get(str(fields.get("user_list")))
        if list_id is None:
            raise PermanentError(
                f"user list {fields.get('user_list')!r} has no known id",
                platform=GOOGLE,
                code="field_error.REQUIRED",
                field="user_list.user_list",
            )
        obj["user_list"] = {"user_list": f"customers/{cid}/userLists/{list_id}"}
    elif kind == "LISTING_GROUP":
        obj.update(listing_group_native(fields))
    elif kind == "WEBPAGE":
        obj.update(webpage_native(fields))
    elif kind == DEVICE:
        obj.update(device_native(fields))
    elif kind == AD_SCHEDULE:
        obj.update(ad_schedule_native(fields))
    else:
        raise PermanentError(
            f"criterion type {kind!r} is not supported",
            platform=GOOGLE,
            code="field_error.INVALID_VALUE",
            field="type",
        )
    return obj


def audience_restrictions(bid_only: Any) -> list[dict[str, Any]] | None:
    """An ad group's ``targeting_setting.target_restrictions`` for ``audience_bid_only`` (None: none)."""
    if bid_only is None:
        return None
    return [{"targeting_dimension": "AUDIENCE", "bid_only": bool(bid_only)}]


def interest_name(cid: str, value: Any) -> str:
    """``92948`` / ``userInterests/92948`` → ``customers/{cid}/userInterests/92948``."""
    return f"customers/{cid}/userInterests/{str(value).rsplit('/', 1)[-1]}"


def label_names_of(fields: Mapping[str, Any]) -> list[str]:
    return marker_names(fields.get("labels") or [])


def operations_of(kind: str, fields: Mapping[str, Any]) -> int:
    """The mutate operations of one write of a ``kind`` sending ``fields``: itself, and a label link per
    label of a labelled kind (a label the account lacks costs its creation besides)."""
    if kind not in LABELLED_KINDS or "labels" not in fields:
        return 1
    return 1 + len(label_names_of(fields))
