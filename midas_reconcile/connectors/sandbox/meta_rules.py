"""The Meta Marketing API rules the simulator enforces: parameters, validation, output, error shapes.

Objects are stored in the Graph API's own field names (``daily_budget`` in minor units, ``targeting``
as a targeting spec, ``adlabels`` as ``[{id, name}]``); reads give budgets as strings, as the Graph
API does. Errors are ``PermanentError(platform="meta", code="100" or "100/<subcode>")`` with Meta's
``(#100) …`` message style; ``graph_error_body`` turns any of them into the Graph API's error JSON
(``connectors.meta_graph.error_from_graph`` reads it back, as for the real API).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.connectors.meta_graph import TEMPLATE_FORMAT_OPTIONS
from midas_reconcile.connectors.sandbox.meta_day_parting_rules import check_day_parting
from midas_reconcile.connectors.sandbox.meta_placement_rules import placement_problem
from midas_reconcile.errors import ConnectorError, PermanentError, TransientError
from midas_reconcile.money import meta_minimum_daily_budget
from midas_reconcile.resources import (
    META,
    META_CUSTOM_EVENT_MAX,
    META_CUSTOM_EVENT_TYPE,
    META_DEFAULT_BID_STRATEGY,
    meta_pixel_rule_text,
)
from midas_reconcile.spec._meta_advantage import AGE_MAX_SUBCODE, FLAG_REQUIRED_SUBCODE, advantage_age_problem
from midas_reconcile.spec._meta_dynamic_creative import (
    BUTTONLESS_META_OBJECTIVES,
    CUSTOMIZATION_RULES,
    META_AD_FORMATS,
)
from midas_reconcile.spec._meta_messaging import WELCOME_QUESTIONS_MAX, WELCOME_QUICK_REPLIES_MAX
from midas_reconcile.targeting.meta_automation import (
    ADVANTAGE_AUDIENCE,
    AUTOMATION_FIELD,
    advantage_audience_of,
    targeting_automation,
)
from midas_reconcile.targeting.places import META_CITY_RADIUS, META_POINT_RADIUS, UNIT_OF_META

OBJECTIVES: Final = frozenset(
    {
        "OUTCOME_AWARENESS",
        "OUTCOME_TRAFFIC",
        "OUTCOME_ENGAGEMENT",
        "OUTCOME_LEADS",
        "OUTCOME_SALES",
        "OUTCOME_APP_PROMOTION",
    }
)
STATUSES: Final = frozenset({"ACTIVE", "PAUSED", "DELETED", "ARCHIVED"})
SPECIAL_AD_CATEGORIES: Final = frozenset(
    {"NONE", "EMPLOYMENT", "HOUSING", "CREDIT", "FINANCIAL_PRODUCTS_SERVICES", "ISSUES_ELECTIONS_POLITICS",
     "ONLINE_GAMBLING_AND_GAMING"}
)  # fmt: skip
OPTIMIZATION_GOALS: Final = frozenset(
    {"NONE", "APP_INSTALLS", "AD_RECALL_LIFT", "ENGAGED_USERS", "EVENT_RESPONSES", "IMPRESSIONS",
     "LEAD_GENERATION", "QUALITY_LEAD", "LINK_CLICKS", "OFFSITE_CONVERSIONS", "PAGE_LIKES", "POST_ENGAGEMENT",
     "QUALITY_CALL", "REACH", "LANDING_PAGE_VIEWS", "VISIT_INSTAGRAM_PROFILE", "VALUE", "THRUPLAY",
     "DERIVED_EVENTS", "CONVERSATIONS", "IN_APP_VALUE", "MESSAGING_PURCHASE_CONVERSION"}
)  # fmt: skip
BILLING_EVENTS: Final = frozenset(
    {"APP_INSTALLS", "CLICKS", "IMPRESSIONS", "LINK_CLICKS", "NONE", "OFFER_CLAIMS", "PAGE_LIKES",
     "POST_ENGAGEMENT", "THRUPLAY", "PURCHASE", "LISTING_INTERACTION"}
)  # fmt: skip
BID_STRATEGIES: Final = frozenset(
    {"LOWEST_COST_WITHOUT_CAP", "LOWEST_COST_WITH_BID_CAP", "COST_CAP", "LOWEST_COST_WITH_MIN_ROAS"}
)
BUYING_TYPES: Final = frozenset({"AUCTION", "RESERVED"})
CALL_TO_ACTIONS: Final = frozenset(
    {"LEARN_MORE", "SHOP_NOW", "SIGN_UP", "DOWNLOAD", "CONTACT_US", "SUBSCRIBE", "GET_OFFER", "BOOK_NOW",
     "BOOK_TRAVEL", "APPLY_NOW", "GET_QUOTE", "ORDER_NOW", "WATCH_MORE", "NO_BUTTON", "INSTALL_APP",
     "SEND_MESSAGE", "GET_DIRECTIONS", "BUY_NOW", "DONATE_NOW", "INSTALL_MOBILE_APP", "USE_MOBILE_APP",
     "WATCH_VIDEO", "OPEN_LINK", "MESSAGE_PAGE", "WHATSAPP_MESSAGE", "INSTAGRAM_MESSAGE"}
)  # fmt: skip
#: An ad set's destination types (facebook-business adset.py ``DestinationType``).
DESTINATION_TYPES: Final = frozenset(
    {"APP", "APPLINKS_AUTOMATIC", "FACEBOOK", "FACEBOOK_LIVE", "FACEBOOK_PAGE", "IMAGINE", "INSTAGRAM_DIRECT",
     "INSTAGRAM_LIVE", "INSTAGRAM_PROFILE", "INSTAGRAM_PROFILE_AND_FACEBOOK_PAGE",
     "MESSAGING_INSTAGRAM_DIRECT_MESSENGER", "MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP",
     "MESSAGING_INSTAGRAM_DIRECT_WHATSAPP", "MESSAGING_MESSENGER_WHATSAPP", "MESSENGER", "ON_AD", "ON_EVENT",
     "ON_PAGE", "ON_POST", "ON_VIDEO", "SHOP_AUTOMATIC", "UNDEFINED", "WEBSITE", "WHATSAPP"}
)  # fmt: skip
#: Of a click-to-message ad set (Meta's "Ads that Click to Messenger / WhatsApp" guides; their sources are in
#: ``spec._meta_messaging``): the campaign objectives and optimisation goals it takes, and the messaging
#: app its ads' button must open (``call_to_action.value.app_destination``), per destination type.
MESSAGING_OBJECTIVES: Final = frozenset(
    {"OUTCOME_ENGAGEMENT", "OUTCOME_LEADS", "OUTCOME_SALES", "OUTCOME_TRAFFIC"}
)
MESSAGING_GOALS: Final = frozenset(
    {"CONVERSATIONS", "IMPRESSIONS", "LINK_CLICKS", "LEAD_GENERATION", "QUALITY_LEAD"}
)
#: The goal of an ad set opening several apps at once: Meta's multidestination guide documents CONVERSATIONS
#: alone ("Must be set to CONVERSATIONS"); that Meta refuses the others is believed, unconfirmed.
SEVERAL_APPS_GOALS: Final = frozenset({"CONVERSATIONS"})
MESSAGING_APPS: Final = {
    "MESSENGER": "MESSENGER",
    "WHATSAPP": "WHATSAPP",
    "INSTAGRAM_DIRECT": "INSTAGRAM_DIRECT",
}
#: The destination types of ad sets whose ads open several messaging apps at once (facebook-business
#: adset.py ``DestinationType``), and those apps. Their ads' button opens one of them, and their creative's
#: ``asset_feed_spec.call_to_actions`` name each (the shape MIDAS sends: unconfirmed, see
#: ``spec._meta_messaging``). Stated here apart from MIDAS's own (``spec.models.MULTI_DESTINATION_TYPES``,
#: ``spec._meta_messaging.MESSAGING_DESTINATIONS``), as the sandbox models Meta rather than what MIDAS sends;
#: tests/test_sandbox.py checks that the copies agree.
SEVERAL_APPS: Final = {
    "MESSAGING_INSTAGRAM_DIRECT_MESSENGER": ("INSTAGRAM_DIRECT", "MESSENGER"),
    "MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP": ("INSTAGRAM_DIRECT", "MESSENGER", "WHATSAPP"),
    "MESSAGING_INSTAGRAM_DIRECT_WHATSAPP": ("INSTAGRAM_DIRECT", "WHATSAPP"),
    "MESSAGING_MESSENGER_WHATSAPP": ("MESSENGER", "WHATSAPP"),
}
#: The button of each messaging app (Meta's click-to-message guides).
APP_BUTTONS: Final = {
    "MESSENGER": "MESSAGE_PAGE",
    "WHATSAPP": "WHATSAPP_MESSAGE",
    "INSTAGRAM_DIRECT": "INSTAGRAM_MESSAGE",
}
#: The call-to-action types of a mobile app's ads, "regardless of install or engagement" (Meta's App Ads
#: docs, "Call to action"); INSTALL_APP, USE_APP and PLAY_GAME are desktop apps' types there.
MOBILE_APP_CALL_TO_ACTIONS: Final = frozenset(
    {"SHOP_NOW", "BOOK_TRAVEL", "LEARN_MORE", "SIGN_UP", "DOWNLOAD", "INSTALL_MOBILE_APP", "USE_MOBILE_APP",
     "WATCH_VIDEO", "WATCH_MORE", "OPEN_LINK"}
)  # fmt: skip
#: The objective whose ad sets promote a mobile app (the promoted object's ``application_id``).
APP_OBJECTIVE: Final = "OUTCOME_APP_PROMOTION"
#: What an app-install ad set's ``promoted_object`` must name (SDK: adpromotedobject.py).
APP_PROMOTED_KEYS: Final = ("application_id", "object_store_url")

#: Batch requests allowed in one Graph batch call.
MAX_BATCH: Final = 50

#: Settable parameters per node type; everything else is rejected.
PARAMS: Final[dict[str, frozenset[str]]] = {
    "campaign": frozenset(
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
            "spend_cap",
            "start_time",
            "stop_time",
            "is_adset_budget_sharing_enabled",
            "adset_budgets",
            # A catalog ads campaign's product catalog (``{"product_catalog_id": …}``: Meta's Advantage+
            # catalog ads guide, step 1).
            "promoted_object",
        }
    ),
    "adset": frozenset(
        {
            "name",
            "campaign_id",
            "status",
            "optimization_goal",
            "billing_event",
            "targeting",
            "start_time",
            "end_time",
            "daily_budget",
            "lifetime_budget",
            "bid_amount",
            "bid_strategy",
            # LOWEST_COST_WITH_MIN_ROAS's floor, ``{"roas_average_floor": int}`` (SDK adset.py: a map;
            # adcampaignbidconstraint.py: its one field, an int).
            "bid_constraints",
            "adlabels",
            "promoted_object",
            "destination_type",
            # A Dynamic Creative ad set (facebook-business adset.py ``is_dynamic_creative``, a bool, a create
            # parameter alone), whose one ad's creative Meta builds from its asset feed
            # (``spec._meta_dynamic_creative``).
            "is_dynamic_creative",
            # Its schedule (adset.py ``adset_schedule``: list<DayPart>) and pacing (``pacing_type``:
            # list<string>), ``connectors.meta_day_parts``.
            "adset_schedule",
            "pacing_type",
        }
    ),
    "ad": frozenset({"name", "adset_id", "creative", "status", "adlabels"}),
    "adcreative": frozenset(
        {
            "name",
            "title",
            "body",
            "description",
            "link_url",
            "call_to_action_type",
            "image_url",
            "video_id",
            "object_story_spec",
            # An existing Page post the ad runs (facebook-business AdCreative.Field.object_story_id).
            "object_story_id",
            # The query string Meta appends to the ad's links (facebook-business AdCreative.Field.url_tags).
            "url_tags",
            "adlabels",
            "status",
            # A catalog ad's own product set and per-product link template (facebook-business
            # AdCreative.Field.product_set_id, template_url, template_url_spec).
            "product_set_id",
            "template_url",
            "template_url_spec",
            # Of an ad opening several messaging apps, each app's button (facebook-business
            # AdCreative.Field.asset_feed_spec, AdAssetFeedSpec ``call_to_actions``).
            "asset_feed_spec",
        }
    ),
    "adlabel": frozenset({"name"}),
}
#: Parameters that may change after creation (others: "cannot be changed"); creatives are immutable.
MUTABLE: Final[dict[str, frozenset[str]]] = {
    # A campaign's catalog is taken to be fixed like an ad set's promoted object (unconfirmed).
    "campaign": PARAMS["campaign"] - {"objective", "buying_type", "promoted_object"},
    # Where an ad set's ads send people is taken to be fixed like its billing event (unconfirmed).
    "adset": PARAMS["adset"] - {"campaign_id", "billing_event", "destination_type", "is_dynamic_creative"},
    "ad": PARAMS["ad"] - {"adset_id"},
    "adcreative": frozenset({"name", "status", "adlabels"}),
    "adlabel": frozenset({"name"}),
}
#: Readable fields per node type (beyond the parameters).
OUTPUT: Final[dict[str, frozenset[str]]] = {
    "campaign": frozenset({"id", "account_id", "effective_status", "created_time", "updated_time"}),
    "adset": frozenset({"id", "account_id", "effective_status", "created_time", "updated_time"}),
    "ad": frozenset({"id", "account_id", "campaign_id", "effective_status", "created_time", "updated_time"}),
    "adcreative": frozenset({"id", "account_id", "created_time"}),
    "adlabel": frozenset({"id", "account", "created_time"}),
}
#: Every readable field per node type.
_READABLE: Final = {type_: PARAMS[type_] | OUTPUT[type_] for type_ in OUTPUT}
EDGES: Final = {
    "campaigns": "campaign",
    "adsets": "adset",
    "ads": "ad",
    "adcreatives": "adcreative",
    "adlabels": "adlabel",
}
_INT_PARAMS: Final = frozenset({"daily_budget", "lifetime_budget", "bid_amount", "spend_cap"})
_JSON_PARAMS: Final = frozenset(
    {
        "targeting",
        "special_ad_categories",
        "adlabels",
        "creative",
        "object_story_spec",
        "asset_feed_spec",
        "promoted_object",
        "adset_budgets",
        "bid_constraints",
        "adset_schedule",
        "pacing_type",
    }
)
_BUDGETS: Final = ("daily_budget", "lifetime_budget")
#: Boolean parameters, which a form sends as text ("true", "false"; Python's SDK str() of a bool: "True").
_BOOL_PARAMS: Final = frozenset({"is_adset_budget_sharing_enabled", "is_dynamic_creative"})


def error(message: str, *, subcode: int | None = None, field: str = "", code: int = 100) -> PermanentError:
    """A Graph-style validation error: ``(#100) message``, code ``100`` or ``100/<subcode>``."""
    return PermanentError(
        f"(#{code}) {message}", platform=META, code=f"{code}/{subcode}" if subcode else str(code), field=field
    )


def graph_error_body(exc: ConnectorError) -> dict[str, Any]:
    """The Graph API's ``{"error": {…}}`` body for a simulator error (for wire fakes and batches)."""
    code, _, subcode = (exc.code or "1").partition("/")
    body: dict[str, Any] = {
        "message": exc.message,
        "type": "OAuthException",
        "code": int(code) if code.isdigit() else 1,
        "is_transient": isinstance(exc, TransientError),
        "fbtrace_id": "A" + hashlib.sha256(exc.message.encode()).hexdigest()[:22],
    }
    if subcode.isdigit():
        body["error_subcode"] = int(subcode)
    if isinstance(exc, PermanentError) and exc.field:
        body["error_data"] = {"blame_field_specs": [exc.field.split(".")]}
    return {"error": body}


def coerce_params(type_: str, params: Mapping[str, Any], *, updating: bool) -> dict[str, Any]:
    """Check parameter names and decode form values (numbers and JSON arrive as strings)."""
    out: dict[str, Any] = {}
    allowed = MUTABLE[type_] if updating else PARAMS[type_]
    for key, value in params.items():
        if key in ("access_token", "appsecret_proof", "execution_options", "method"):
            continue
        if key not in PARAMS[type_]:
            raise error(f"Param {key} is not a valid parameter of a {type_}", field=key)
        if key not in allowed:
            if type_ == "adcreative":
                raise error("The creative cannot be edited: creatives are immutable once created", field=key)
            raise error(f"Param {key} cannot be changed after the {type_} is created", field=key)
        if value is None or value == "":
            out[key] = None  # an empty form value clears the field
            continue
        if isinstance(value, str) and key in _JSON_PARAMS:
            try:
                value = json.loads(value)
            except ValueError:
                raise error(f"Param {key} must be JSON", field=key) from None
        if isinstance(value, str) and key in _BOOL_PARAMS:
            if value.lower() not in ("true", "false"):
                raise error(f"Param {key} must be a boolean", field=key)
            value = value.lower() == "true"
        if isinstance(value, str) and key in _INT_PARAMS:
            if not value.lstrip("-").isdigit():
                raise error(f"Param {key} must be an integer", field=key)
            value = int(value)
        out[key] = value
    return out


def _enum(obj: Mapping[str, Any], key: str, values: frozenset[str], *, required: bool) -> None:
    value = obj.get(key)
    if value is None:
        if required:
            raise error(f"The parameter {key} is required", field=key)
        return
    if value not in values:
        raise error(f"Param {key} must be one of {{{', '.join(sorted(values))}}}", field=key)


def _required_name(obj: Mapping[str, Any]) -> None:
    if not isinstance(obj.get("name"), str) or not obj["name"].strip():
        raise error("The parameter name is required", field="name")


def _check_budget_amounts(obj: Mapping[str, Any], currency: str) -> None:
    if all(obj.get(b) is not None for b in _BUDGETS):
        raise error(
            "Only one of daily_budget and lifetime_budget can be set", subcode=1885621, field="daily_budget"
        )
    for key in _BUDGETS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            raise error(f"Param {key} must be an integer in the currency's minor units", field=key)
        minimum = meta_minimum_daily_budget(currency) if key == "daily_budget" else 1
        if value < minimum:
            raise error(
                f"Invalid parameter: your budget is too low; the minimum {key} is {minimum} "
                f"(minor units of {currency})",
                subcode=1885272,
                field=key,
            )


def check_budget_period_kept(type_: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
    """A campaign or ad set keeps the period of its budget: Meta does not edit a daily budget into a
    lifetime one, nor the other way (Marketing API v2.7 release notes, facebook-python-business-sdk 2.7.1:
    "you can no longer edit ad sets created with the new daily budget controls to use lifetime budgets.
    Similarly you can no longer edit lifetime budgets to use the new daily budget controls")."""
    for old, new in (_BUDGETS, _BUDGETS[::-1]):
        if before.get(old) is not None and after.get(new) is not None:
            raise error(
                f"The {type_}'s budget cannot be switched from {old} to {new} once it is created; create "
                f"another {type_} with a {new}",
                field=new,
            )


def check_budget_sharing_named(obj: Mapping[str, Any]) -> None:
    """A campaign created without a budget of its own (its ad sets will carry theirs) says whether they
    share them: Marketing API, Ad Set Budget Sharing guide: "Starting with v24.0+, you must pass either True
    or False to this field if you plan on setting a budget at the adset level, meaning you are not passing
    in the campaign budget during the campaign creation"."""
    if any(obj.get(b) is not None for b in _BUDGETS):
        return
    if not isinstance(obj.get("is_adset_budget_sharing_enabled"), bool):
        raise error(
            "The parameter is_adset_budget_sharing_enabled is required (true or false) for a campaign "
            "created without a campaign budget",
            field="is_adset_budget_sharing_enabled",
        )


def check_shared_budget_daily(campaign: Mapping[str, Any], adset: Mapping[str, Any]) -> None:
    """Ad sets sharing their budgets (the campaign's ``is_adset_budget_sharing_enabled``) have daily ones:
    Marketing API, Ad Set Budget Sharing guide: budget sharing "can only be used with daily budgets";
    "Budget sharing can only be used for campaigns with a daily budget at this time". Without sharing,
    each ad set takes either period (Budgets guide: "Set daily budget or lifetime budget at the ad set
    level"), so the ad sets of one campaign may mix them. The guide names no error code for it: the
    simulator answers with the Graph API's generic invalid-parameter code 100."""
    if campaign.get("is_adset_budget_sharing_enabled") is True and adset.get("lifetime_budget") is not None:
        raise error(
            f"Ad set {adset.get('name')!r} has a lifetime_budget, and its campaign shares its ad sets' "
            "budgets (is_adset_budget_sharing_enabled), which works with daily budgets only",
            field="lifetime_budget",
        )


def _refuse_reserved(obj: Mapping[str, Any]) -> None:
    """RESERVED is reservation (reach-and-frequency) buying: each ad set of such a campaign runs on a
    reach-and-frequency prediction reserved beforehand (the ad set's ``rf_prediction_id``; SDK:
    adobjects/adset.py ``rf_prediction_id``, reachfrequencyprediction.py ``BuyingType.reserved`` and
    ``Action.reserve``; Marketing API docs, "Reservation": reserve, then assign a prediction to the ad set;
    the campaign takes no daily or lifetime budget). The simulator has no predictions to reserve, so it
    cannot hold a valid reserved campaign: it refuses the parameter as Meta refuses a value it cannot
    accept, saying why, rather than store a campaign no ad set could join."""
    if obj.get("buying_type") == "RESERVED":
        raise error(
            "Param buying_type RESERVED (reservation: reach-and-frequency buying) needs a reserved "
            "reach-and-frequency prediction (rf_prediction_id) for each ad set, and this simulated account "
            "has none; use AUCTION",
            field="buying_type",
        )


def check_campaign(obj: dict[str, Any], currency: str) -> None:
    _required_name(obj)
    _enum(obj, "objective", OBJECTIVES, required=True)
    categories = obj.get("special_ad_categories")
    if not isinstance(categories, list) or not all(c in SPECIAL_AD_CATEGORIES for c in categories):
        raise error(
            "The parameter special_ad_categories is required: a list (empty when none) of "
            + ", ".join(sorted(SPECIAL_AD_CATEGORIES)),
            subcode=2446289,
            field="special_ad_categories",
        )
    _enum(obj, "status", STATUSES, required=False)
    _enum(obj, "bid_strategy", BID_STRATEGIES, required=False)
    _enum(obj, "buying_type", BUYING_TYPES, required=False)
    _refuse_reserved(obj)
    _check_budget_amounts(obj, currency)
    _settle_spend_cap(obj, currency)
    _check_catalog_campaign(obj)


#: The ``spend_cap`` that removes a campaign's spending limit, and its least one in USD (minor units):
#: Meta's Campaign reference as remembered ("a minimum value of $100 USD (or approximate local equivalent).
#: Set the value to 922337203685478 to remove the spend cap"; unconfirmed, as are other currencies' least).
NO_SPEND_CAP: Final = 922337203685478
_LEAST_SPEND_CAP: Final = {"USD": 10_000}


def _settle_spend_cap(obj: dict[str, Any], currency: str) -> None:
    """A campaign's spending limit: Meta's "no limit" value, or 0 (what a campaign without one is believed to
    read as; MIDAS sends no 0), removes it (the campaign then reads without one); another must be at least
    the currency's least."""
    cap = obj.get("spend_cap")
    if cap is None:
        return
    if cap in (0, NO_SPEND_CAP):
        del obj["spend_cap"]
        return
    least = _LEAST_SPEND_CAP.get(currency, 1)
    if not isinstance(cap, int) or cap < least:
        raise error(
            f"Invalid parameter: spend_cap {cap} is below the least campaign spending limit, {least} "
            f"({currency} minor units)",
            field="spend_cap",
        )


def check_targeting(targeting: Any) -> None:
    if not isinstance(targeting, dict):
        raise error("The parameter targeting is required", field="targeting")
    geo = targeting.get("geo_locations")
    located = isinstance(geo, dict) and any(
        geo.get(k)
        for k in (
            "countries",
            "regions",
            "cities",
            "zips",
            "places",
            "custom_locations",
            "country_groups",
            "geo_markets",
        )
    )
    if not located and not targeting.get("custom_audiences"):
        # "You must specify at least one country in targeting, unless you use a Custom Audience" (Marketing
        # API, Basic Targeting); the error as reported in facebook/facebook-nodejs-business-sdk#167.
        raise error(
            "Missing Target Audience Location: Your audience is missing a location. "
            "You can add a location or a Custom Audience.",
            subcode=1885364,
            field="targeting.geo_locations",
        )
    for geo_field in ("geo_locations", "excluded_geo_locations"):
        places = targeting.get(geo_field)
        if isinstance(places, dict):
            _check_radii(places, geo_field)
    ages = {key: targeting.get(key) for key in ("age_min", "age_max")}
    for key, value in ages.items():
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 18 <= value <= 65:
            raise error(
                f"Invalid targeting spec: {key} must be between 18 and 65",
                subcode=1885303,
                field=f"targeting.{key}",
            )
    if ages["age_min"] is not None and ages["age_max"] is not None and ages["age_min"] > ages["age_max"]:
        raise error(
            "Invalid targeting spec: age_min is greater than age_max",
            subcode=1885303,
            field="targeting.age_min",
        )
    genders = targeting.get("genders")
    if genders is not None and (not isinstance(genders, list) or not set(genders) <= {1, 2}):
        raise error(
            "Invalid targeting spec: genders must be a list of 1 (male) and 2 (female)",
            field="targeting.genders",
        )
    placement = placement_problem(targeting)
    if placement is not None:
        raise error(placement.message, field=placement.field)


def _check_radii(places: Mapping[str, Any], geo_field: str) -> None:
    """A radius around a city (``cities[].radius``) or a pin (``custom_locations``): a distance in miles or
    kilometres within Meta's range for its kind (``targeting.places``: believed 10–50 mi / 17–80 km around a
    city, 1–50 mi / 1–80 km around a pin), a whole number around a city (facebook-business
    ``TargetingGeoLocationCity.radius`` is an unsigned int), a pin's point on the globe (error 100; the
    wording is the sandbox's own)."""
    for key_field, limits in (("cities", META_CITY_RADIUS), ("custom_locations", META_POINT_RADIUS)):
        for entry in places.get(key_field) or ():
            if not isinstance(entry, Mapping) or (key_field == "cities" and "radius" not in entry):
                continue
            where = f"targeting.{geo_field}.{key_field}"
            radius, unit = entry.get("radius"), UNIT_OF_META.get(str(entry.get("distance_unit")))
            if unit is None:
                raise error(
                    f"Invalid targeting spec: distance_unit must be mile or kilometer in {where}", field=where
                )
            low, high = limits[unit]
            if (
                not isinstance(radius, int | float)
                or isinstance(radius, bool)
                or not low <= Decimal(str(radius)) <= high
            ):
                raise error(
                    f"Invalid targeting spec: the radius in {where} must be between {low} and {high} "
                    f"{entry.get('distance_unit')}s",
                    field=where,
                )
            if key_field == "cities" and radius != int(radius):
                raise error(
                    f"Invalid targeting spec: the radius in {where} must be a whole number", field=where
                )
            if key_field == "custom_locations":
                latitude, longitude = entry.get("latitude"), entry.get("longitude")
                if not (
                    isinstance(latitude, int | float)
                    and isinstance(longitude, int | float)
                    and -90 <= latitude <= 90
                    and -180 <= longitude <= 180
                ):
                    raise error(
                        f"Invalid targeting spec: a custom location needs a latitude and longitude ({where})",
                        field=where,
                    )


def parse_time(obj: Mapping[str, Any], key: str) -> dt.datetime | None:
    value = obj.get(key)
    if value in (None, "", 0, "0"):
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise error(f"Param {key} must be an ISO-8601 time", field=key) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


#: The campaign objectives of Advantage+ catalog ads that name their catalog (Meta's guide: "supported
#: objectives are PRODUCT_CATALOG_SALES, CONVERSIONS, LINK_CLICKS, or APP_INSTALLS", legacy names; the
#: sandbox takes the ODAX sales objective, which replaced PRODUCT_CATALOG_SALES and CONVERSIONS).
CATALOG_OBJECTIVES: Final = frozenset({"OUTCOME_SALES", "PRODUCT_CATALOG_SALES"})
_DIGITS: Final = re.compile(r"[0-9]+")


def _catalog_of(campaign: Mapping[str, Any]) -> str | None:
    promoted = campaign.get("promoted_object")
    catalog = promoted.get("product_catalog_id") if isinstance(promoted, Mapping) else None
    return None if catalog in (None, "") else str(catalog)


def _check_catalog_campaign(obj: Mapping[str, Any]) -> None:
    """A campaign's promoted object names a product catalog (adpromotedobject.py ``product_catalog_id``, a
    numeric string) and nothing else, in a sales campaign. The error texts are the sandbox's."""
    promoted = obj.get("promoted_object")
    if promoted is None:
        return
    if not isinstance(promoted, Mapping) or set(promoted) != {"product_catalog_id"}:
        raise error(
            "Invalid parameter: a campaign's promoted_object names its product_catalog_id alone",
            field="promoted_object",
        )
    catalog = promoted["product_catalog_id"]
    if isinstance(catalog, bool) or not _DIGITS.fullmatch(str(catalog)):
        raise error(
            f"Invalid parameter: product_catalog_id {catalog!r} is not a product catalog id",
            field="promoted_object",
        )
    if obj.get("objective") not in CATALOG_OBJECTIVES:
        raise error(
            f"Invalid parameter: a product catalog cannot be promoted by a campaign with objective "
            f"{obj.get('objective')}; expected {' or '.join(sorted(CATALOG_OBJECTIVES))}",
            field="promoted_object",
        )


def _check_catalog_adset(obj: Mapping[str, Any], campaign: Mapping[str, Any]) -> None:
    """An ad set showing a product set (``promoted_object.product_set_id``) belongs to a campaign naming a
    catalog (Meta's guide: the campaign names ``product_catalog_id``, its ad sets "must specify the
    product_set_id"); a catalog campaign's ad sets each show one. The sandbox knows no catalogs: any
    numeric id is a product set of any catalog."""
    promoted = obj.get("promoted_object")
    product_set = promoted.get("product_set_id") if isinstance(promoted, Mapping) else None
    catalog = _catalog_of(campaign)
    if product_set in (None, ""):
        if catalog is not None:
            raise error(
                "Promoted Object Is Missing: an ad set of a campaign promoting product catalog "
                f"{catalog} needs promoted_object.product_set_id",
                subcode=1815430,
                field="promoted_object",
            )
        return
    if isinstance(product_set, bool) or not _DIGITS.fullmatch(str(product_set)):
        raise error(
            f"Invalid parameter: product_set_id {product_set!r} is not a product set id",
            field="promoted_object",
        )
    if catalog is None:
        raise error(
            "Invalid parameter: an ad set promoting a product set needs a campaign promoting its product "
            "catalog (campaign promoted_object.product_catalog_id)",
            field="promoted_object",
        )


def check_catalog_ad(creative: Mapping[str, Any], adset: Mapping[str, Any]) -> None:
    """An ad of an ad set showing a product set runs a template (``object_story_spec.template_data``), and a
    template runs only there: Meta fills a template's tags from the product set (the sandbox's rule, after
    Meta's guide, whose catalog ads are template link posts; its error texts are the sandbox's)."""
    story = creative.get("object_story_spec")
    template = isinstance(story, Mapping) and story.get("template_data") is not None
    promoted = adset.get("promoted_object")
    shows = isinstance(promoted, Mapping) and promoted.get("product_set_id") not in (None, "")
    if shows and not template:
        raise error(
            "Invalid parameter: the ads of an ad set promoting a product set need a template creative "
            "(object_story_spec.template_data)",
            field="creative",
        )
    if template and not shows:
        raise error(
            "Invalid parameter: a template creative (object_story_spec.template_data) runs in an ad set "
            "promoting a product set (promoted_object.product_set_id)",
            field="creative",
        )


def check_adset(obj: dict[str, Any], campaign: Mapping[str, Any], currency: str) -> None:
    _required_name(obj)
    _enum(obj, "status", STATUSES, required=False)
    _enum(obj, "optimization_goal", OPTIMIZATION_GOALS, required=True)
    _enum(obj, "billing_event", BILLING_EVENTS, required=True)
    check_targeting(obj.get("targeting"))
    check_advantage_audience(obj["targeting"])
    _check_budget_amounts(obj, currency)
    on_campaign = any(campaign.get(b) is not None for b in _BUDGETS)
    on_adset = any(obj.get(b) is not None for b in _BUDGETS)
    if on_campaign and on_adset:
        raise error(
            "A budget can be set on the campaign or on its ad sets, not both: this campaign has one",
            subcode=1885621,
            field="daily_budget",
        )
    if not on_campaign and not on_adset:
        raise error(
            "The ad set needs a daily_budget or lifetime_budget because its campaign has none",
            subcode=1885621,
            field="daily_budget",
        )
    check_shared_budget_daily(campaign, obj)
    _check_bid(obj, campaign)
    _check_catalog_adset(obj, campaign)
    _check_pixel(obj)
    _enum(obj, "destination_type", DESTINATION_TYPES, required=False)
    if obj.get("destination_type") in MESSAGING_APPS or obj.get("destination_type") in SEVERAL_APPS:
        _check_messaging_adset(obj, campaign)
    if obj.get("destination_type") == FORM_DESTINATION:
        _check_lead_form_adset(obj, campaign)
    if campaign.get("objective") == APP_OBJECTIVE:
        _check_app_adset(obj)
    check_day_parting(obj, campaign)
    start, end = parse_time(obj, "start_time"), parse_time(obj, "end_time")
    if obj.get("lifetime_budget") is not None and end is None:
        raise error("An ad set with a lifetime_budget needs an end_time", field="end_time")
    if start and end and end <= start:
        raise error("The end time must be after the start time", subcode=1487045, field="end_time")


#: Targeting left at these (or absent) is Meta's "default targeting setup", where a create without the flag
#: turns Advantage+ audience on; anything else there needs the flag stated.
_DEFAULT_AGES = {"age_min": 18, "age_max": 65}
_DEFAULT_GENDERS = ([1, 2], [2, 1])
_NARROWING = ("custom_audiences", "interests", "flexible_spec")


def settle_advantage_audience_on_create(targeting: dict[str, Any]) -> None:
    """A new ad set's flag as Meta settles it since v23.0: kept when stated; 1 for a default setup; else
    refused (subcode 1870227). Updates are not concerned: an existing ad set keeps its own."""
    automation = targeting.get(AUTOMATION_FIELD)
    if isinstance(automation, Mapping) and automation.get(ADVANTAGE_AUDIENCE) is not None:
        return
    if not _default_setup(targeting):
        raise error(
            "Advantage audience flag is required: to create your ad set, you need to enable or disable the "
            "Advantage+ audience feature (targeting_automation.advantage_audience 1 or 0)",
            subcode=FLAG_REQUIRED_SUBCODE,
            field=f"targeting.{AUTOMATION_FIELD}",
        )
    targeting[AUTOMATION_FIELD] = {**dict(automation or {}), **targeting_automation(True)}


def check_advantage_audience(targeting: Mapping[str, Any]) -> None:
    """An ad set running Advantage+ audience takes no maximum age under 65 (subcode 1870189)."""
    if not advantage_audience_of(targeting):
        return
    age_max = targeting.get("age_max")
    if advantage_age_problem(age_max if isinstance(age_max, int) else None) is not None:
        raise error(
            f"Invalid age for Advantage+ audience: age_max {age_max} is under 65; you can add a lower "
            "maximum age as a suggestion instead",
            subcode=AGE_MAX_SUBCODE,
            field="targeting.age_max",
        )


def _default_setup(targeting: Mapping[str, Any]) -> bool:
    ages = all(targeting.get(k) in (None, v) for k, v in _DEFAULT_AGES.items())
    genders = targeting.get("genders") in (None, [], *_DEFAULT_GENDERS)
    return ages and genders and not any(targeting.get(k) for k in _NARROWING)


#: The bid strategies whose ad sets need a ``bid_amount``: Meta's Bid Strategy guide, a bid cap "do[es] not
#: surpass your specified limit", a cost cap meets "the cost per action you set" (and "Ads Buying and
#: Optimization": bids are in the account currency's minimum denomination).
_CAP_STRATEGIES: Final = frozenset({"COST_CAP", "LOWEST_COST_WITH_BID_CAP"})


def _check_bid(obj: Mapping[str, Any], campaign: Mapping[str, Any]) -> None:
    """An ad set under a cap strategy (its own, else its campaign's) has a positive ``bid_amount``; under
    LOWEST_COST_WITH_MIN_ROAS a positive ``bid_constraints.roas_average_floor`` (the Bid Strategy guide:
    "You must specify a roas_average_floor"); under LOWEST_COST_WITHOUT_CAP none (the Marketing API's
    Validation page, "bid_strategy on Ad Sets": it "Must not specify bid_amount")."""
    strategy = obj.get("bid_strategy") or campaign.get("bid_strategy") or META_DEFAULT_BID_STRATEGY
    if strategy == META_DEFAULT_BID_STRATEGY and obj.get("bid_amount") not in (None, ""):
        raise error(
            "An ad set with the bid strategy LOWEST_COST_WITHOUT_CAP must not specify a bid_amount",
            field="bid_amount",
        )
    if strategy in _CAP_STRATEGIES:
        amount = obj.get("bid_amount")
        if not isinstance(amount, int) or amount <= 0:
            raise error(
                f"An ad set with the bid strategy {strategy} needs a bid_amount (a positive integer in the "
                "account currency's minor units)",
                field="bid_amount",
            )
    elif strategy == "LOWEST_COST_WITH_MIN_ROAS":
        constraints = obj.get("bid_constraints")
        floor = constraints.get("roas_average_floor") if isinstance(constraints, Mapping) else None
        if not isinstance(floor, int) or isinstance(floor, bool) or floor <= 0:
            raise error(
                "An ad set with the bid strategy LOWEST_COST_WITH_MIN_ROAS needs bid_constraints with a "
                "positive integer roas_average_floor",
                field="bid_constraints",
            )


#: Optimisation goals counted on a pixel's conversion events.
_PIXEL_GOALS: Final = frozenset({"OFFSITE_CONVERSIONS", "VALUE"})


def _check_pixel(obj: Mapping[str, Any]) -> None:
    """An ad set optimising for website conversions names what it counts in its ``promoted_object``
    (Marketing API, "Ad Set, Promoted Object": required with such objectives): a pixel and its event ("If
    you use pixel_id, you must provide custom_event_type"), or a custom conversion (facebook-business
    adpromotedobject.py ``custom_conversion_id``) by its id alone, which names its own pixel and event —
    Meta's docs do not say so, but integrators report Meta refusing a pixel_id or custom_event_type beside
    it ("Promoted Object Invalid", subcode 1885014, as one quotes it; another, checked with validate_only,
    an invalid combination). The simulator knows no pixels or custom conversions: any id is one."""
    given = obj.get("promoted_object")
    promoted: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    if promoted.get("custom_conversion_id"):
        own = ("pixel_id", "custom_event_type", "custom_event_str", "pixel_rule")
        if beside := [k for k in own if promoted.get(k)]:
            raise error(
                f"Promoted Object Invalid: a promoted_object with a custom_conversion_id takes no "
                f"{' or '.join(beside)} (the custom conversion names its own pixel and event)",
                subcode=1885014,
                field="promoted_object",
            )
        return
    _check_custom_event(promoted)
    rule = promoted.get("pixel_rule")
    if rule not in (None, "") and meta_pixel_rule_text(rule) is None:
        # adpromotedobject.py types it a string; what Meta answers to one that is no JSON rule is not
        # documented: the simulator refuses it with the generic invalid-parameter error.
        raise error(
            'pixel_rule must be a JSON object (a rule such as {"url": {"i_contains": "x"}})',
            field="promoted_object",
        )
    if obj.get("optimization_goal") not in _PIXEL_GOALS:
        return
    # A product set counts its catalog's events (Meta's catalog ads guide: custom_event_type "By default … is
    # set to PURCHASE"; the catalog names its pixel): it needs no pixel, but one given needs its event.
    if not promoted.get("pixel_id") and not promoted.get("product_set_id"):
        raise error(
            f"An ad set optimising for {obj['optimization_goal']} needs a promoted_object with the pixel_id "
            "or the custom_conversion_id whose conversions it counts",
            field="promoted_object",
        )
    if promoted.get("pixel_id") and not promoted.get("custom_event_type"):
        raise error("A promoted_object with a pixel_id needs its custom_event_type", field="promoted_object")


def _check_custom_event(promoted: Mapping[str, Any]) -> None:
    """A pixel's custom event is the type OTHER with its name (facebook-business adpromotedobject.py
    ``custom_event_str``, a string): the name needs OTHER, and OTHER needs the name. Meta's reference does not
    say so; an integrator documents a 400 either way, which is what the simulator answers (with Meta's
    generic invalid-parameter error, the subcode unconfirmed). The name is text of at most
    ``META_CUSTOM_EVENT_MAX`` characters (the Pixel guide's limit on custom event names, believed)."""
    name = promoted.get("custom_event_str")
    other = promoted.get("custom_event_type") == META_CUSTOM_EVENT_TYPE
    if name in (None, "") and other:
        raise error(
            f"A promoted_object whose custom_event_type is {META_CUSTOM_EVENT_TYPE} needs the "
            "custom_event_str of the custom event it counts",
            field="promoted_object",
        )
    if name in (None, ""):
        return
    if not other:
        raise error(
            f"A promoted_object with a custom_event_str needs the custom_event_type {META_CUSTOM_EVENT_TYPE}",
            field="promoted_object",
        )
    if not isinstance(name, str) or len(name) > META_CUSTOM_EVENT_MAX:
        raise error(
            f"custom_event_str must be text of at most {META_CUSTOM_EVENT_MAX} characters",
            field="promoted_object",
        )


def _check_app_adset(obj: Mapping[str, Any]) -> None:
    """An ad set of an app-promotion campaign names the app it promotes and targets its mobile OS.

    Meta's docs: "When you create ad sets for campaigns with certain objectives, promoted_object is
    required" (Ad Set, Promoted Object), an app ad's "Ad set promoted object must be set" with the app's
    ``application_id`` and ``object_store_url``, and "for mobile app ads, we require the use of the mobile
    targeting spec user_os field" (App Ads). The refusal is Meta's "Promoted Object Is Missing" (its user
    message as facebook-php-business-sdk#454 quotes it; subcode 1815430 as integrators report it)."""
    promoted = obj.get("promoted_object")
    missing = [k for k in APP_PROMOTED_KEYS if not isinstance(promoted, Mapping) or not promoted.get(k)]
    if missing:
        raise error(
            "Promoted Object Is Missing: You must select an object to promote that is related to your "
            "objective, for example a Page post, website URL, or app. Please add a promoted object and try "
            f"again (an app-promotion ad set's promoted_object needs {' and '.join(missing)})",
            subcode=1815430,
            field="promoted_object",
        )
    if not (obj.get("targeting") or {}).get("user_os"):
        raise error(
            "Invalid parameter: mobile app ads require the targeting spec's user_os field (the app's "
            "mobile operating system)",
            field="targeting.user_os",
        )


def _check_messaging_adset(obj: Mapping[str, Any], campaign: Mapping[str, Any]) -> None:
    """A click-to-Messenger or click-to-WhatsApp ad set: an objective and optimisation goal that take it
    (Meta's Ad Set Destination Type page: "Your chosen destination type must be consistent with your objective
    and optimization goal"), billed by impressions, promoting the Page people message
    (``promoted_object.page_id``: "Required")."""
    destination = obj["destination_type"]
    if destination in SEVERAL_APPS and [
        c for c in campaign.get("special_ad_categories") or [] if c != "NONE"
    ]:
        # Meta's multidestination guide: "we don't support special ad categories for ads that click to
        # multidestination, so it needs to be NONE or empty array".
        raise error(
            f"Invalid parameter: destination_type {destination} is not available in a campaign with special "
            f"ad categories ({', '.join(campaign['special_ad_categories'])})",
            field="destination_type",
        )
    goals = SEVERAL_APPS_GOALS if destination in SEVERAL_APPS else MESSAGING_GOALS
    _takes_destination(obj, campaign, destination, MESSAGING_OBJECTIVES, goals)
    if obj.get("billing_event") != "IMPRESSIONS":
        raise error(
            f"Invalid parameter: billing_event must be IMPRESSIONS for destination_type {destination}",
            field="billing_event",
        )
    _promotes_its_page(obj, destination)


#: The ad set ``destination_type`` of instant-form lead ads (``spec._meta_lead_forms``).
FORM_DESTINATION: Final = "ON_AD"
#: The objective of a campaign whose ad sets open instant forms (Meta's "Lead Forms for Ads" guide), and the
#: optimisation goals of such ad sets (facebook-business adset.py ``OptimizationGoal``). Stated apart from
#: MIDAS's own (``spec._meta_lead_forms``), as the sandbox models Meta.
LEAD_FORM_OBJECTIVES: Final = ("OUTCOME_LEADS",)
LEAD_FORM_GOALS: Final = ("LEAD_GENERATION", "QUALITY_LEAD")


def _check_lead_form_adset(obj: Mapping[str, Any], campaign: Mapping[str, Any]) -> None:
    """An ad set whose ads open an instant form (ON_AD): a leads campaign's, optimising for leads, promoting
    the Page the leads belong to (``spec._meta_lead_forms``; believed, not all confirmed)."""
    _takes_destination(obj, campaign, FORM_DESTINATION, LEAD_FORM_OBJECTIVES, LEAD_FORM_GOALS)
    _promotes_its_page(obj, FORM_DESTINATION)


def _takes_destination(
    obj: Mapping[str, Any],
    campaign: Mapping[str, Any],
    destination: str,
    objectives: Collection[str],
    goals: Collection[str],
) -> None:
    """An ad set of ``destination`` sits in a campaign of one of ``objectives`` and optimises for one of
    ``goals``, or Meta refuses it naming the field at fault."""
    if campaign.get("objective") not in objectives:
        raise error(
            f"Invalid parameter: destination_type {destination} is not available for objective "
            f"{campaign.get('objective')}",
            field="destination_type",
        )
    if obj.get("optimization_goal") not in goals:
        raise error(
            f"Invalid parameter: optimization_goal {obj.get('optimization_goal')} is not available for "
            f"destination_type {destination}",
            field="optimization_goal",
        )


def _promotes_its_page(obj: Mapping[str, Any], destination: str) -> None:
    """An ad set of ``destination`` (a conversation or an instant form) promotes the Page it runs for
    (``promoted_object.page_id``), or Meta refuses it as it refuses an app ad set naming no app."""
    promoted = obj.get("promoted_object")
    if not isinstance(promoted, Mapping) or not promoted.get("page_id"):
        raise error(
            "Promoted Object Is Missing: You must select an object to promote that is related to your "
            f"objective (a {destination} ad set's promoted_object needs page_id)",
            subcode=1815430,
            field="promoted_object",
        )


def lead_form_of(creative: Mapping[str, Any]) -> Any:
    """The instant form a creative's link or video ad opens (``call_to_action.value.lead_gen_form_id``)."""
    story = creative.get("object_story_spec") or {}
    data = story.get("link_data") or story.get("video_data") or {}
    action = data.get("call_to_action") if isinstance(data, Mapping) else None
    value = action.get("value") if isinstance(action, Mapping) else None
    return value.get("lead_gen_form_id") if isinstance(value, Mapping) else None


def check_lead_form_ad(creative: Mapping[str, Any], destination: Any) -> None:
    """An ad of an instant-form ad set (ON_AD) opens a form (its button's ``value.lead_gen_form_id``: Meta's
    lead ads guide makes the ad set and the creative "with the lead form" together). A form on an ad of
    another ad set is not refused: Meta's Messenger lead ads carry one too (unconfirmed which others do)."""
    if destination == FORM_DESTINATION and lead_form_of(creative) in (None, ""):
        raise error(
            f"Invalid parameter: the ads of an ad set with destination_type {FORM_DESTINATION} must have an "
            "ad creative opening a lead form (call_to_action.value.lead_gen_form_id)",
            field="creative",
        )


def check_messaging_ad(creative: Mapping[str, Any], destination: str) -> None:
    """An ad of a click-to-message ad set opens the ad set's messaging app (Meta's Ad Set Destination Type
    page: "All ads in the ad set must have ad creative with Messenger as a destination"): its call to
    action's ``value.app_destination`` is that app; of Instagram Direct, run as an Instagram account."""
    story = creative.get("object_story_spec") or {}
    data = story.get("link_data") or story.get("video_data") or {}
    action = data.get("call_to_action") if isinstance(data, Mapping) else None
    value = action.get("value") if isinstance(action, Mapping) else None
    opens = value.get("app_destination") if isinstance(value, Mapping) else None
    apps = SEVERAL_APPS.get(destination, (MESSAGING_APPS.get(destination),))
    if opens not in apps:
        raise error(
            f"Invalid parameter: the ads of an ad set with destination_type {destination} must have an ad "
            f"creative with {' or '.join(str(a) for a in apps)} as a destination (call_to_action.value."
            f"app_destination); found {opens}",
            field="creative",
        )
    if destination in SEVERAL_APPS:
        _check_several_apps_buttons(creative.get("asset_feed_spec"), destination)
    account = story.get("instagram_user_id") or story.get("instagram_actor_id")
    if "INSTAGRAM_DIRECT" in apps and not account:
        # Believed, unconfirmed: an Instagram Direct conversation is with an Instagram account, which the ad
        # names (Meta's carousel guide for Instagram: "You need to provide instagram_user_id").
        raise error(
            "Invalid parameter: the ads of an ad set with destination_type INSTAGRAM_DIRECT must run as an "
            "Instagram account (object_story_spec.instagram_user_id)",
            field="creative",
        )


def _check_several_apps_buttons(feed: Any, destination: str) -> None:
    """The creative of an ad opening several apps names each app's button once, and no other
    (``asset_feed_spec.call_to_actions``: each ``type`` the app's, its ``value.app_destination`` the app)."""
    actions = feed.get("call_to_actions") if isinstance(feed, Mapping) else None
    found: list[tuple[Any, Any]] = []
    for action in actions if isinstance(actions, list) else []:
        value = action.get("value") if isinstance(action, Mapping) else None
        app = value.get("app_destination") if isinstance(value, Mapping) else None
        found.append((action.get("type") if isinstance(action, Mapping) else None, app))
    expected = [(APP_BUTTONS[app], app) for app in SEVERAL_APPS[destination]]
    if sorted(found, key=str) != sorted(expected, key=str):
        said = ", ".join(f"{kind} to {app}" for kind, app in expected)
        raise error(
            f"Invalid parameter: the ads of an ad set with destination_type {destination} must have an ad "
            f"creative whose asset_feed_spec.call_to_actions open each of its apps ({said}); found "
            f"{', '.join(f'{kind} to {app}' for kind, app in found) or 'none'}",
            field="creative",
        )


def check_promoted_object_change(before: Any, after: Any) -> None:
    """An ad set's promoted object is set when it is created and cannot change, but for giving it an
    ``application_id`` it had none of (Meta's Ad Set, Promoted Object reference: "promoted_object is
    immutable in most cases … To promote a different object, create a new ad set"); Meta's refusal is
    "Can't Make Edits to Published Ad Set", subcode 3260011 (as pipeboard-co/meta-ads-mcp#144 quotes it)."""
    if before == after:
        return
    was = before if isinstance(before, Mapping) else {}
    others = {k: v for k, v in was.items() if k not in APP_PROMOTED_KEYS}
    if (
        not was.get("application_id")
        and isinstance(after, Mapping)
        and after.get("application_id")
        and {k: v for k, v in after.items() if k not in APP_PROMOTED_KEYS} == others
    ):
        return  # giving it the app it did not name yet
    raise error(
        "Can't Make Edits to Published Ad Set: the promoted object of an ad set cannot be changed once "
        "it is created; to promote another object, create a new ad set",
        subcode=3260011,
        field="promoted_object",
    )


def creative_action(obj: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """A stored creative's call-to-action type and its link (the story's, or the flat fields'; a dynamic
    creative's, whose story is the Page alone, its feed's first button and link's ``website_url``: Meta's
    "Asset Customization Rules" page has an app-install ad set's feed link to its ``object_store_url``)."""
    story = obj.get("object_story_spec") or {}
    feed = obj.get("asset_feed_spec")
    if (
        isinstance(story, Mapping)
        and not any(story.get(k) is not None for k in STORY_POSTS)
        and (isinstance(feed, Mapping) and feed.get("call_to_action_types"))
    ):
        buttons, links = feed.get("call_to_action_types") or [], feed.get("link_urls") or []
        link = links[0].get("website_url") if links and isinstance(links[0], Mapping) else None
        return (str(buttons[0]) if buttons else None), link
    data = story.get("link_data") or story.get("template_data") or story.get("video_data") or {}
    action = data.get("call_to_action") if isinstance(data, Mapping) else None
    if isinstance(action, Mapping) and action.get("type"):
        value = action.get("value") or {}
        link = value.get("link") if isinstance(value, Mapping) else None
        return str(action["type"]), link or data.get("link") or obj.get("link_url")
    kind = obj.get("call_to_action_type")
    return (str(kind) if kind else None), data.get("link") or obj.get("link_url")


def check_app_ad(creative: Mapping[str, Any], promoted: Mapping[str, Any]) -> None:
    """An ad of an app-install ad set: its creative links to the promoted app's store page with a mobile
    app's call to action. Meta's docs: "The ad creative must link to the specified object_store_url"
    (Ad Set, Promoted Object); for MOBILE_APP_INSTALLS ads "the call_to_action field … is required. The
    links must point to an app's Apple App Store or Google Play URL" (Instagram, Data and Call To Action
    Requirements); its types are those of ``MOBILE_APP_CALL_TO_ACTIONS`` (App Ads)."""
    kind, link = creative_action(creative)
    if kind is None:
        raise error(
            "Invalid parameter: an app-install ad's creative needs a call_to_action (such as "
            "INSTALL_MOBILE_APP) linking to the app's store page",
            field="creative",
        )
    if kind not in MOBILE_APP_CALL_TO_ACTIONS:
        raise error(
            f"Invalid parameter: call_to_action {kind} is not one of a mobile app ad's "
            f"({', '.join(sorted(MOBILE_APP_CALL_TO_ACTIONS))})",
            field="creative",
        )
    if link != promoted.get("object_store_url"):
        raise error(
            f"Invalid parameter: the ad creative must link to the ad set's promoted object_store_url "
            f"{promoted.get('object_store_url')}; it links to {link}",
            field="creative",
        )


def _check_template_format(template: Mapping[str, Any]) -> None:
    """A catalog template's format settings as Meta's guide to Advantage+ catalog ads gives them:
    ``show_multiple_images`` needs ``force_single_link`` true and ``multi_share_end_card`` false, and a
    ``format_option`` is one of the SDK's (``meta_graph.TEMPLATE_FORMAT_OPTIONS``). Texts: the sandbox's."""
    if template.get("show_multiple_images") is True and (
        template.get("force_single_link") is not True or template.get("multi_share_end_card") is not False
    ):
        raise error(
            "Invalid parameter: template_data show_multiple_images needs force_single_link true and "
            "multi_share_end_card false",
            field="object_story_spec",
        )
    option = template.get("format_option")
    if option is not None and option not in TEMPLATE_FORMAT_OPTIONS:
        raise error(
            "Param template_data[format_option] must be one of "
            f"{{{', '.join(sorted(TEMPLATE_FORMAT_OPTIONS))}}}",
            field="object_story_spec",
        )


def _check_static_cards(template: Mapping[str, Any]) -> None:
    """A catalog template's static cards (``child_attachments`` with ``static_card`` true: Meta's "Get
    Started with Advantage+ Catalog Ads") each with the link it sends people to, as a carousel's cards (the
    sandbox's rule and error text, after Meta's carousel guides: "Each attachment must have a link
    specified")."""
    cards = template.get("child_attachments")
    if cards is None:
        return
    if not isinstance(cards, list) or not all(isinstance(card, Mapping) for card in cards):
        raise error(
            "Param template_data[child_attachments] must be an array of objects", field="object_story_spec"
        )
    for index, card in enumerate(cards):
        if card.get("static_card") is True and not card.get("link"):
            raise error(
                f"Invalid parameter: template_data[child_attachments][{index}] is a static card without a "
                "link",
                field="object_story_spec",
            )


#: A carousel's cards: 2 to 5, or up to 10 with ``multi_share_optimized`` (Meta's AdCreativeLinkData
#: reference: "A 2-5 element array of link objects required for carousel ads. If multi_share_optimized is
#: set to true, this array could have up to 10 objects").
CAROUSEL_CARDS: Final = (2, 5, 10)
#: A Page post's id (AdCreative ``object_story_id``): ``<page id>_<post id>``.
_POST_ID: Final = re.compile(r"[0-9]+_[0-9]+")


def check_creative(obj: dict[str, Any]) -> None:
    if not obj.get("link_url") and not obj.get("object_story_spec") and not obj.get("object_story_id"):
        raise error("A creative needs link_url, object_story_spec or object_story_id", field="link_url")
    post = obj.get("object_story_id")
    if post is not None:
        if obj.get("object_story_spec"):
            # Believed from Meta's AdCreative reference, which offers the two as alternative ways to say
            # the post an ad runs (an existing one, or one made from the spec).
            raise error(
                "Only one of object_story_id and object_story_spec can be set", field="object_story_id"
            )
        if not _POST_ID.fullmatch(str(post)):
            raise error(
                f"Invalid parameter: object_story_id {post} is not a Page post id (<page id>_<post id>)",
                field="object_story_id",
            )
    story = obj.get("object_story_spec") or {}
    posts = [key for key in STORY_POSTS if story.get(key) is not None]
    if len(posts) > 1:
        raise error(
            f"Invalid parameter: object_story_spec takes one of {', '.join(STORY_POSTS[:-1])} and "
            f"{STORY_POSTS[-1]}; found {', '.join(posts[:-1])} and {posts[-1]}",
            field="object_story_spec",
        )
    link = story.get("link_data") or {}
    if isinstance(link, Mapping) and "child_attachments" in link:
        _check_carousel(link)
    _check_feed_texts(obj.get("asset_feed_spec"))
    _check_feed_media(obj.get("asset_feed_spec"))
    _check_dynamic_feed(obj.get("asset_feed_spec"))
    template = story.get("template_data")
    if template is not None and (not isinstance(template, Mapping) or not template.get("link")):
        raise error("Invalid parameter: template_data needs a link", field="object_story_spec")
    if isinstance(template, Mapping):
        _check_template_format(template)
        _check_static_cards(template)
    if isinstance(photo := story.get("photo_data"), Mapping):
        _check_photo(photo)
    _check_image_hashes(story)
    _check_caption(story, obj.get("asset_feed_spec"))
    _check_welcome_messages(story)
    _enum(obj, "call_to_action_type", CALL_TO_ACTIONS, required=False)
    kind, _ = creative_action(obj)
    if kind is not None and kind not in CALL_TO_ACTIONS:
        raise error(
            f"Param call_to_action[type] must be one of {{{', '.join(sorted(CALL_TO_ACTIONS))}}}",
            field="object_story_spec",
        )


#: The posts a story spec makes, one each (Meta's AdCreativeObjectStorySpec reference: "a new unpublished
#: page post specified using one of link_data, photo_data, video_data, text_data or template_data").
STORY_POSTS: Final = ("link_data", "photo_data", "template_data", "text_data", "video_data")


#: The story blocks whose post may greet people with a welcome message.
_WELCOME_BLOCKS: Final = ("link_data", "video_data")


def _check_welcome_messages(story: Mapping[str, Any]) -> None:
    """A link or video ad's ``page_welcome_message`` is text (facebook-business types it ``string``): JSON of
    Meta's visual editor, whose ice breakers are at most ``WELCOME_QUESTIONS_MAX`` and quick replies at most
    ``WELCOME_QUICK_REPLIES_MAX``, a text one with a title (the spec's, from Meta's references: "If the
    content_type for a quick reply is specified as text, it is required to specify a non-empty title"; a
    longer title is truncated, not refused), or a greeting alone. The error texts are the sandbox's; Meta's
    are not documented."""
    for block in _WELCOME_BLOCKS:
        data = story.get(block)
        value = data.get("page_welcome_message") if isinstance(data, Mapping) else None
        if value is None:
            continue
        if not isinstance(value, str):
            raise error(f"Param {block}[page_welcome_message] must be a string", field="object_story_spec")
        parsed = _welcome_json(value)
        text_format = parsed.get("text_format") if isinstance(parsed, dict) else None
        message = text_format.get("message") if isinstance(text_format, dict) else None
        questions = message.get("ice_breakers") if isinstance(message, dict) else None
        if isinstance(questions, list) and len(questions) > WELCOME_QUESTIONS_MAX:
            raise error(
                f"Invalid parameter: a welcome message offers at most {WELCOME_QUESTIONS_MAX} ice "
                f"breakers, found {len(questions)}",
                field="object_story_spec",
            )
        replies = message.get("quick_replies") if isinstance(message, dict) else None
        if isinstance(replies, list):
            _check_quick_replies(replies)


def _check_quick_replies(replies: list[Any]) -> None:
    """A welcome message's quick replies: at most ``WELCOME_QUICK_REPLIES_MAX``, each text one titled."""
    if len(replies) > WELCOME_QUICK_REPLIES_MAX:
        raise error(
            f"Invalid parameter: a welcome message offers at most {WELCOME_QUICK_REPLIES_MAX} quick replies, "
            f"found {len(replies)}",
            field="object_story_spec",
        )
    for index, reply in enumerate(replies):
        kind = reply.get("content_type", "text") if isinstance(reply, Mapping) else None
        if kind == "text" and not (reply.get("title") if isinstance(reply, Mapping) else None):
            raise error(
                f"Invalid parameter: quick_replies[{index}] of content_type text requires a non-empty title",
                field="object_story_spec",
            )


#: The texts of each kind an asset feed takes (Meta's "Asset Feed Spec Options": 5 bodies, 5 titles, 5
#: descriptions; believed to hold for multiple text options too, unconfirmed).
FEED_TEXTS_MAX: Final = 5


def _check_feed_texts(feed: Any) -> None:
    """An asset feed's ``bodies``, ``titles`` and ``descriptions``: lists of at most ``FEED_TEXTS_MAX``
    objects, each with a non-empty ``text`` (facebook-business AdAssetFeedSpecBody / Title / Description)."""
    if not isinstance(feed, Mapping):
        return
    for kind in ("bodies", "titles", "descriptions"):
        entries = feed.get(kind)
        if entries is None:
            continue
        if not isinstance(entries, list) or len(entries) > FEED_TEXTS_MAX:
            raise error(
                f"Invalid parameter: asset_feed_spec.{kind} takes a list of at most {FEED_TEXTS_MAX} texts",
                field="asset_feed_spec",
            )
        for index, entry in enumerate(entries):
            if not isinstance(entry, Mapping) or not isinstance(entry.get("text"), str) or not entry["text"]:
                raise error(
                    f"Invalid parameter: asset_feed_spec.{kind}[{index}] needs a non-empty text",
                    field="asset_feed_spec",
                )


#: The images and the videos an asset feed takes (believed, unconfirmed: ``spec._meta_media_options``), and
#: the key each entry needs (Meta's "Asset Feed Spec Options": images "Either url or hash is required",
#: videos an array of ``video_id``).
FEED_MEDIA_MAX: Final = 10
_FEED_MEDIA: Final = {"images": ("url", "hash"), "videos": ("video_id",)}


def _check_feed_media(feed: Any) -> None:
    """An asset feed's ``images`` and ``videos``: lists of at most ``FEED_MEDIA_MAX`` objects, each image
    with a ``url`` or ``hash``, each video with a ``video_id`` (facebook-business AdAssetFeedSpecImage /
    AdAssetFeedSpecVideo); an image's ``hash`` one of the ad account's library, as a story's ``image_hash``
    (``_check_image_hashes``: any well-formed hash, the sandbox keeping no library)."""
    if not isinstance(feed, Mapping):
        return
    for kind, keys in _FEED_MEDIA.items():
        entries = feed.get(kind)
        if entries is None:
            continue
        if not isinstance(entries, list) or len(entries) > FEED_MEDIA_MAX:
            raise error(
                f"Invalid parameter: asset_feed_spec.{kind} takes a list of at most {FEED_MEDIA_MAX} {kind}",
                field="asset_feed_spec",
            )
        for index, entry in enumerate(entries):
            if not isinstance(entry, Mapping) or not any(entry.get(key) for key in keys):
                raise error(
                    f"Invalid parameter: asset_feed_spec.{kind}[{index}] needs {' or '.join(keys)}",
                    field="asset_feed_spec",
                )
            if kind == "images" and entry.get("hash") and not _IMAGE_HASH.fullmatch(str(entry["hash"])):
                raise error(
                    f"Invalid parameter: asset_feed_spec.images[{index}][hash] {entry['hash']!r} is not an "
                    "image hash of this ad account",
                    field="asset_feed_spec",
                )


def asset_feed_as_read(obj: dict[str, Any]) -> None:
    """A creative's asset feed stored as Meta reads it back: with its ``optimization_type`` REGULAR where it
    was sent none (Meta's Asset Feed Spec guide, "Read Asset Feed", shows a feed it was sent without one read
    back with ``"optimization_type": "REGULAR"``)."""
    feed = obj.get("asset_feed_spec")
    if isinstance(feed, Mapping) and "optimization_type" not in feed:
        obj["asset_feed_spec"] = {**feed, "optimization_type": "REGULAR"}


def welcome_messages_as_read(obj: dict[str, Any]) -> None:
    """A creative's welcome messages stored as Meta reads them back: the JSON sent, as an object (Meta's
    click-to-WhatsApp guide reads ``page_welcome_message`` back as one)."""
    story = obj.get("object_story_spec")
    for block in _WELCOME_BLOCKS:
        data = story.get(block) if isinstance(story, dict) else None
        if isinstance(data, dict) and isinstance(data.get("page_welcome_message"), str):
            parsed = _welcome_json(data["page_welcome_message"])
            if isinstance(parsed, dict):
                data["page_welcome_message"] = parsed


def _welcome_json(text: str) -> Any:
    """A welcome message's JSON parsed; None for text that is no JSON (a greeting alone)."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def _check_photo(photo: Mapping[str, Any]) -> None:
    """A photo post shows one image (Meta's AdCreativePhotoData reference, of ``image_hash`` and ``url``:
    "Specify this field or url but not both"; the error texts are the sandbox's, Meta's are not
    documented)."""
    if photo.get("url") and photo.get("image_hash"):
        raise error(
            "Invalid parameter: photo_data takes url or image_hash, not both", field="object_story_spec"
        )
    if not photo.get("url") and not photo.get("image_hash"):
        raise error("Invalid parameter: photo_data needs url or image_hash", field="object_story_spec")


#: An ad image's hash (AdImage ``hash``): the MD5 hex digest Meta's image uploads return (32 hex digits, as
#: observed, not documented).
_IMAGE_HASH: Final = re.compile(r"[0-9a-f]{32}")


def _check_caption(story: Mapping[str, Any], feed: Any) -> None:
    """A display link is a web address: a link ad's (``link_data.caption``: since 2017 Meta's "caption and
    link_caption fields in ad creative" are of type URL, its AdCreativeLinkDataCallToActionValue reference)
    and alike a dynamic creative's, its feed link's ``display_url`` (AdAssetFeedSpecLinkURL, a string; that
    Meta holds it to the caption's rule is believed, unconfirmed). The sandbox asks a host of two labels and
    no whitespace; Meta's own rule and error texts are not documented."""
    link = story.get("link_data")
    shown: list[tuple[str, str, Any]] = []
    if isinstance(link, Mapping):
        shown.append(("link_data[caption]", "object_story_spec", link.get("caption")))
    links = feed.get("link_urls") if isinstance(feed, Mapping) else None
    for index, entry in enumerate(links if isinstance(links, list) else []):
        if isinstance(entry, Mapping):
            at = f"asset_feed_spec.link_urls[{index}][display_url]"
            shown.append((at, "asset_feed_spec", entry.get("display_url")))
    for at, field, caption in shown:
        if caption in (None, ""):
            continue
        host = str(caption).removeprefix("https://").removeprefix("http://").split("/", 1)[0]
        if any(c.isspace() for c in str(caption)) or "." not in host.strip("."):
            raise error(f"Invalid parameter: {at} {caption!r} must be a URL", field=field)


def _check_image_hashes(story: Mapping[str, Any]) -> None:
    """Every ``image_hash`` of a story (link, video or photo data, carousel cards) is an image's hash. The
    sandbox keeps no image library, so any well-formed hash names an image; Meta refuses a hash its ad
    account has no image of (believed, unconfirmed: its error text is not documented)."""
    link = story.get("link_data")
    places: list[tuple[str, Any]] = [
        (key, story.get(key)) for key in ("link_data", "video_data", "photo_data")
    ]
    for block in (link, story.get("template_data")):
        # A carousel's cards, and a catalog template's (its static cards: ``spec._meta_catalog``).
        if isinstance(block, Mapping) and isinstance(block.get("child_attachments"), list):
            places += [(f"child_attachments[{i}]", c) for i, c in enumerate(block["child_attachments"])]
    for where, data in places:
        if not isinstance(data, Mapping) or data.get("image_hash") is None:
            continue
        if not _IMAGE_HASH.fullmatch(str(data["image_hash"])):
            raise error(
                f"Invalid parameter: {where}[image_hash] {data['image_hash']!r} is not an image hash of this "
                "ad account",
                field="object_story_spec",
            )


def _check_carousel(link: Mapping[str, Any]) -> None:
    """A carousel's cards: how many (``CAROUSEL_CARDS``), and each with the link it sends people to (Meta's
    Instagram and Threads carousel guides: "Each attachment must have a link specified")."""
    cards = link.get("child_attachments")
    low, plain, high = CAROUSEL_CARDS
    most = high if link.get("multi_share_optimized") is True else plain
    if not isinstance(cards, list) or not low <= len(cards) <= most:
        count = len(cards) if isinstance(cards, list) else 0
        raise error(
            f"Invalid parameter: child_attachments must have {low} to {most} elements, found {count}"
            + ("" if most == high else f" ({high} with multi_share_optimized)"),
            field="object_story_spec",
        )
    for index, card in enumerate(cards):
        if not isinstance(card, Mapping) or not card.get("link"):
            raise error(
                f"Invalid parameter: child_attachments[{index}] needs a link", field="object_story_spec"
            )
        action = card.get("call_to_action")
        if isinstance(action, Mapping) and action.get("type") not in CALL_TO_ACTIONS:
            raise error(
                f"Param call_to_action[type] must be one of {{{', '.join(sorted(CALL_TO_ACTIONS))}}}",
                field="object_story_spec",
            )


def effective_status(own: str, *parents: tuple[str, str]) -> str:
    """Graph's effective_status from the object's status and its (kind, status) ancestors."""
    if own in ("DELETED", "ARCHIVED"):
        return own
    for _, status in parents:
        if status in ("DELETED", "ARCHIVED"):
            return status
    if own == "PAUSED":
        return "PAUSED"
    for kind, status in parents:
        if status == "PAUSED":
            return f"{kind.upper()}_PAUSED"
    return own


def output(
    type_: str, data: Mapping[str, Any], fields: list[str] | None, effective: str | None
) -> dict[str, Any]:
    """A node as the Graph API returns it: the requested fields, budgets as strings."""
    readable = _READABLE[type_]
    wanted = fields if fields is not None else sorted(readable)
    out: dict[str, Any] = {"id": data["id"]}
    for key in wanted:
        if key not in readable:
            raise error(f"Tried accessing nonexisting field ({key}) on node type ({type_})", field=key)
        if key == "effective_status":
            if effective is not None:
                out[key] = effective
        elif key in data and data[key] is not None:
            value = data[key]
            out[key] = str(value) if key in _INT_PARAMS else value
    return out


def _check_dynamic_feed(feed: Any) -> None:
    """A dynamic creative's feed keys, where a feed has them: one format of Meta's, one link (its
    ``website_url``), one button (Meta's "Asset Feed Spec Options" count table: "1 ad_format, 1 link_url,
    and 1 call_to_action_types"; the same page says of ``call_to_action_types`` "You can provide multiple
    values, up to five": the sandbox keeps to one, what MIDAS sends; ``spec._meta_dynamic_creative``)."""
    if not isinstance(feed, Mapping):
        return
    formats = feed.get("ad_formats")
    if formats is not None and (
        not isinstance(formats, list) or len(formats) != 1 or formats[0] not in META_AD_FORMATS
    ):
        raise error(
            "Invalid parameter: asset_feed_spec.ad_formats takes one of "
            f"{', '.join(sorted(META_AD_FORMATS))}",
            field="asset_feed_spec",
        )
    links = feed.get("link_urls")
    if links is not None and (
        not isinstance(links, list)
        or len(links) != 1
        or not isinstance(links[0], Mapping)
        or not links[0].get("website_url")
    ):
        raise error(
            "Invalid parameter: asset_feed_spec.link_urls takes one link with a website_url",
            field="asset_feed_spec",
        )
    buttons = feed.get("call_to_action_types")
    if buttons is not None and (
        not isinstance(buttons, list) or len(buttons) != 1 or buttons[0] not in CALL_TO_ACTIONS
    ):
        raise error(
            "Invalid parameter: asset_feed_spec.call_to_action_types takes one call to action type (the "
            "sandbox's rule, of Meta's count table; its Options page also says up to five)",
            field="asset_feed_spec",
        )


def check_dynamic_ad(
    creative: Mapping[str, Any], adset: Mapping[str, Any], other_ads: int, objective: str | None = None
) -> None:
    """An ad of a dynamic creative ad set (``is_dynamic_creative``) runs a dynamic creative (the Page alone
    in its story, a feed with its format, link and button: required on Meta's Options page, the button but
    in an ``objective`` of ``BUTTONLESS_META_OBJECTIVES``) and is the ad
    set's one ad (believed, unconfirmed); an ordinary ad set's ad runs no dynamic creative (the Page alone
    over a feed of ``ad_formats``: believed) unless the feed carries ``asset_customization_rules`` (Meta's
    placement asset customization, of formats, links and buttons in an ordinary ad set: "Asset
    Customization Rules"), which a dynamic creative ad set's feed may not carry ("Asset Feed Spec": "should
    not have customization rules"). A feed's format beside a story's own post is no dynamic creative: not
    refused here (what Meta does with it is unconfirmed; import refuses it by name)."""
    feed = creative.get("asset_feed_spec")
    feed = feed if isinstance(feed, Mapping) else {}
    story = creative.get("object_story_spec")
    dynamic = isinstance(story, Mapping) and not any(story.get(key) is not None for key in STORY_POSTS)
    if not adset.get("is_dynamic_creative"):
        if dynamic and feed.get("ad_formats") and not feed.get(CUSTOMIZATION_RULES):
            raise error(
                "Invalid parameter: a creative with asset_feed_spec.ad_formats (a dynamic creative) runs "
                "only in an ad set with is_dynamic_creative true",
                field="creative",
            )
        return
    buttonless = objective in BUTTONLESS_META_OBJECTIVES
    required = ("ad_formats", "link_urls", *(() if buttonless else ("call_to_action_types",)))
    if not dynamic or not all(feed.get(key) for key in required):
        raise error(
            "Invalid parameter: an ad of a dynamic creative ad set runs a creative whose object_story_spec "
            "is the Page alone and whose asset_feed_spec holds its ad_formats, link_urls and "
            "call_to_action_types (but in an OUTCOME_AWARENESS campaign, whose call_to_action_types are "
            "optional)",
            field="creative",
        )
    if feed.get(CUSTOMIZATION_RULES):
        # Meta's "Asset Feed Spec" page: "For Dynamic Creative, asset_feed_spec should not have customization
        # rules" (placement asset customization runs in an ordinary ad set).
        raise error(
            "Invalid parameter: a dynamic creative's asset_feed_spec has no asset_customization_rules "
            "(placement asset customization runs in an ad set with is_dynamic_creative false)",
            field="creative",
        )
    if other_ads:
        raise error(
            "Invalid parameter: a dynamic creative ad set holds one ad; this one has another",
            field="adset_id",
        )
