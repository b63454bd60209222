"""Meta side of the compiler: campaign (with the budget), ad sets (an app's, promoting it), creatives (link,
carousel or an existing Page post's), ads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
from midas_reconcile.connectors.meta_day_parts import PACING_DAY_PARTING, day_parts
from midas_reconcile.connectors.meta_welcome import (
    AUTOFILL,
    BUTTON,
    ICE_BREAKERS,
    PAYLOADS,
    QUICK_REPLIES,
    RESPONSES,
)
from midas_reconcile.resources import (
    MANAGED_MARKER,
    META_CUSTOM_EVENT_TYPE,
    STATIC_AFTER,
    STATIC_BEFORE,
    join_path,
    path_segment,
)
from midas_reconcile.spec import AdGroup, CallToAction, CampaignSpec, Creative, Objective
from midas_reconcile.spec._meta_bids import roas_average_floor
from midas_reconcile.spec._meta_catalog import CATALOG_CREATIVE, FORMATS_WITHOUT_END_CARD
from midas_reconcile.spec._meta_display_link import DISPLAY_LINK, HELD_AS_NONE, display_link_of
from midas_reconcile.spec._meta_dynamic_creative import ADSET_FIELD as DYNAMIC_ADSET_FIELD
from midas_reconcile.spec._meta_dynamic_creative import dynamic_fields
from midas_reconcile.spec._meta_instagram_identity import runs_as_instagram
from midas_reconcile.spec._meta_media_options import MEDIA_OPTIONS, media_options_of
from midas_reconcile.spec._meta_messaging import (
    destination_call_to_action,
    messaging_app,
    messaging_link,
    several_apps_buttons,
)
from midas_reconcile.spec._meta_text_options import TEXT_OPTIONS, story_texts, text_options_of
from midas_reconcile.spec._schedule_hours import HOURS, hours_no_ad_set_runs, slot_days
from midas_reconcile.spec.loader import locate_written
from midas_reconcile.spec.models import (
    APP_DEVICES,
    FORM_DESTINATION_TYPE,
    META_CAP_STRATEGIES,
    META_DEFAULT_GOALS,
    META_MIN_ROAS,
    META_TIMEZONE_TYPES,
    AdSetConversion,
    App,
    CarouselCard,
    WelcomeMessage,
    adset_advantage_audience,
    adset_advantage_audience_settings,
    adset_bid,
    adset_bid_strategy,
    adset_conversion,
    adset_dates,
    adset_destination,
    adset_devices,
    adset_goal,
    adset_hours,
    adset_hours_time_zone,
    adset_opens_form,
    adset_placements,
    adset_product_set,
    adset_whatsapp_number,
    campaign_bid_strategy,
    destination_apps,
)
from midas_reconcile.targeting import TargetingMapper
from midas_reconcile.targeting.meta import AUDIENCE_FIELDS
from midas_reconcile.targeting.meta_automation import AUTOMATION_FIELD, targeting_automation
from midas_reconcile.targeting.meta_placements import DEVICES_FIELD, placement_targeting
from midas_reconcile.targeting.places import meta_radius_problem

_OUTCOMES: Final = {
    Objective.AWARENESS: "OUTCOME_AWARENESS",
    Objective.TRAFFIC: "OUTCOME_TRAFFIC",
    Objective.ENGAGEMENT: "OUTCOME_ENGAGEMENT",
    Objective.LEADS: "OUTCOME_LEADS",
    Objective.SALES: "OUTCOME_SALES",
    Objective.APP_PROMOTION: "OUTCOME_APP_PROMOTION",
}
#: Unified objective → (Meta campaign objective, default ad set optimisation goal).
META_OBJECTIVES: Final[dict[Objective, tuple[str, str]]] = {
    objective: (outcome, META_DEFAULT_GOALS[objective]) for objective, outcome in _OUTCOMES.items()
}
_META_STATUS = {"active": "ACTIVE", "paused": "PAUSED"}
#: Unified calls to action Meta spells otherwise in an app promotion campaign (the rest, and every one
#: elsewhere: upper case). There ``install_app`` is a mobile app's install button: Meta's app ads docs list
#: INSTALL_MOBILE_APP among the call-to-action types "for mobile, regardless of install or engagement"
#: (INSTALL_APP, also in the SDK's adcreativelinkdatacalltoaction.py ``Type``, is a desktop app's, which
#: other campaigns keep sending as they always have).
APP_CALL_TO_ACTIONS: dict[CallToAction, str] = {CallToAction.INSTALL_APP: "INSTALL_MOBILE_APP"}
#: The mobile operating system (targeting ``user_os``) of each store's apps.
APP_STORE_OS: dict[str, str] = {"google_play": "Android", "app_store": "iOS"}


def meta_call_to_action(action: CallToAction, *, promotes_app: bool) -> str:
    """Meta's ``call_to_action`` type for a unified call to action (not ``none``, which sends none), in an
    app promotion campaign or another."""
    mobile = APP_CALL_TO_ACTIONS if promotes_app else {}
    return mobile.get(action, action.value.upper())


def unified_call_to_action(meta_type: str, *, promotes_app: bool) -> str:
    """The unified call to action (lower case) of a Meta ``call_to_action`` type: the inverse of
    ``meta_call_to_action`` (a type it does not produce reads as its lower case, which the spec refuses if
    it has no such value)."""
    mobile = APP_CALL_TO_ACTIONS if promotes_app else {}
    return next((a.value for a, t in mobile.items() if t == meta_type), meta_type.lower())


#: The keys of an app-install ad set's ``promoted_object`` (a pixel's are ``pixel_id`` and
#: ``custom_event_type``).
PROMOTED_APP_KEYS: Final = ("application_id", "object_store_url")


def promoted_app(app: App) -> dict[str, str]:
    """An app-install ad set's ``promoted_object``: the app's Meta id and its store page.

    Meta's docs (Ad Set, Promoted Object; App Ads: "Ad set promoted object must be set") and the SDK's
    adpromotedobject.py name the keys ``application_id`` and ``object_store_url``; the app's ads must
    link to that store page. Meta sets the object when the ad set is created and refuses to change it
    (a changed one is a plan violation: ``planner._replacements_refused``)."""
    assert app.meta_app_id is not None  # the spec checks ask for it on Meta
    return {"application_id": app.meta_app_id, "object_store_url": app.page()}


def promoted_conversion(conversion: AdSetConversion) -> dict[str, str | None]:
    """The ``promoted_object`` of an ad set counting ``conversion``: a pixel's event by the pixel's id and
    the event (Meta: "If you use pixel_id, you must provide custom_event_type"; a custom event is OTHER and
    its name, ``custom_event_str``), or a custom conversion by
    its id alone (facebook-business adpromotedobject.py ``custom_conversion_id``; the custom conversion
    names its own pixel and event, and integrators report Meta refusing either beside it: see
    ``connectors.sandbox.meta_rules``)."""
    if conversion.custom_conversion_id is not None:
        return {"custom_conversion_id": conversion.custom_conversion_id}
    promoted: dict[str, str | None] = {"pixel_id": conversion.pixel_id, "custom_event_type": conversion.event}
    if conversion.custom_event is not None:
        # A custom event: the type OTHER and the name the site fires (adpromotedobject.py
        # ``custom_event_str``; see ``connectors.sandbox.meta_rules`` for what Meta refuses).
        promoted.update(custom_event_type=META_CUSTOM_EVENT_TYPE, custom_event_str=conversion.custom_event)
    if conversion.pixel_rule is not None:
        # JSON text (adpromotedobject.py types it a string), read back by its meaning (``meta_graph``).
        promoted["pixel_rule"] = conversion.pixel_rule
    # The pixel and an event given: the checks refuse a spec without them.
    return promoted


def promoted_page(page_id: str | None, whatsapp_number: str | None) -> dict[str, str]:
    """The ``promoted_object`` of an ad set whose ads open a conversation: the Page people message (Meta's
    click-to-message guides: "page_id: Required") and, for WhatsApp, the number when the spec names one
    (facebook-business adpromotedobject.py ``whatsapp_phone_number``; ``spec._meta_messaging``)."""
    out = {"page_id": page_id} if page_id else {}
    if whatsapp_number is not None:
        out["whatsapp_phone_number"] = whatsapp_number
    return out


def welcome_message(welcome: WelcomeMessage) -> dict[str, Any]:
    """A creative's ``meta.welcome_message`` as its ``page_welcome_message`` is normalised
    (``connectors.meta_welcome``): the greeting, and the ice breakers' questions, the message to send or the
    quick replies' titles."""
    out: dict[str, Any] = {"text": welcome.text}
    if (questions := welcome.question_texts()) is not None:
        out[ICE_BREAKERS] = questions
        if any(responses := welcome.responses()):
            out[RESPONSES] = responses
    if welcome.autofill is not None:
        out[AUTOFILL] = welcome.autofill
    if isinstance(welcome.button, str):
        out[BUTTON] = {"type": welcome.button}
    elif welcome.button is not None:
        out[BUTTON] = {"type": "url", "url": welcome.button.website}
    if (replies := welcome.reply_texts()) is not None:
        out[QUICK_REPLIES] = replies
        if any(payloads := welcome.payloads()):
            out[PAYLOADS] = payloads
    return out


def compile_meta(
    emit: Emitter,
    spec: CampaignSpec,
    name: str,
    budget: PlatformBudget,
    mapper: TargetingMapper,
    *,
    page_id: str | None = None,
    instagram_user_id: str | None = None,
    pixel_id: str | None = None,
) -> None:
    """One campaign on Meta: the campaign carrying the budget (or its ad sets, when the ad groups set
    their own), an ad set per ad group (targeting, schedule in the campaign's time zone unless the ad
    group sets its own dates; the pixel conversion it counts, ``pixel_id`` the account's), and a Meta
    creative (``_meta_creative``) plus an ad per creative, run as the Facebook Page ``page_id`` (the
    account's). An ``app_promotion`` campaign's ad sets promote its app (``promoted_app``) on the app's
    mobile OS, and its ads link to the app's store page. An ad set opening a conversation
    (``meta.destination``) names its ``destination_type`` and the Page (``promoted_page``), and its ads show
    the conversation's button (``_meta_creative``)."""
    objective = META_OBJECTIVES[spec.objective][0]
    campaign_fields: dict[str, Any] = {
        "name": spec.meta.name or name,
        "objective": objective,
        "status": _META_STATUS[spec.meta.status or spec.status],
        "special_ad_categories": sorted(spec.meta.special_ad_categories),
        "bid_strategy": campaign_bid_strategy(spec),
        "buying_type": "AUCTION",
        "adlabels": sorted({MANAGED_MARKER, *spec.meta.labels}),
    }
    if spec.meta.catalog is not None:
        # An Advantage+ catalog ads campaign names its product catalog (``spec._meta_catalog``).
        campaign_fields["promoted_object"] = {"product_catalog_id": spec.meta.catalog}
    if spec.meta.spend_cap is not None:
        campaign_fields["spend_cap"] = money.to_meta_minor(spec.meta.spend_cap, budget.currency)
    adset_budgets = _adset_budgets(emit, spec, budget)
    if adset_budgets is None:
        campaign_fields[f"{budget.period}_budget"] = budget.units
    else:
        # Marketing API v24.0+ (Ad Set Budget Sharing guide): a campaign created without a campaign budget
        # must say whether its ad sets share their budgets, true or false.
        campaign_fields["is_adset_budget_sharing_enabled"] = spec.meta.adset_budget_sharing
    path = path_segment(name)
    warnings = [*notes(budget.note), *_hours_no_ad_set_runs(emit, spec, name)]
    campaign_addr = emit("campaign", path, campaign_fields, warnings=warnings)
    time_zone = _time_zone(emit, spec)
    in_campaign = {"campaign": campaign_addr}  # the refs of every ad set (one dict)
    base = platform_targeting(spec, "meta")
    if spec.platforms.google is None:  # on both, the Google compile checks them (``radii_excluded_nowhere``)
        emit.unified_radii_on_meta(spec, on_google=False)
    for group in ad_groups(spec, "meta"):
        adset_path = join_path(path, group.name)
        merged = merged_targeting(base, group.targeting)
        mapped = mapper.to_meta(merged)
        emit.unresolved(mapped.unresolved, group_targeting_path(spec, group))
        located = [*merged.locations, *merged.exclude.locations]  # an excluded pin has Meta's range too
        emit.out_of_range(located, group_targeting_path(spec, group), meta_radius_problem)
        if spec.platforms.google is None:  # on Meta alone, a place Google alone has is nowhere
            emit.google_alone(merged, group_targeting_path(spec, group))
        targeting = dict(mapped.spec)
        targeting.update(placement_targeting(adset_placements(spec, group), adset_devices(spec, group)))
        targeting[AUTOMATION_FIELD] = targeting_automation(
            adset_advantage_audience(spec, group), adset_advantage_audience_settings(spec, group)
        )
        app = spec.app if spec.objective is Objective.APP_PROMOTION else None
        if app is not None:
            # Meta's App Ads docs: mobile app ads "require the use of the mobile targeting spec user_os
            # field", and their placement "should have a device_platforms field with value of ['mobile']"
            # (which ``meta.devices`` may say too: the spec checks refuse any other).
            targeting["user_os"] = [APP_STORE_OS[app.store]]
            targeting[DEVICES_FIELD] = list(APP_DEVICES)
        adset_fields: dict[str, Any] = {
            "name": group.name,
            "status": _META_STATUS[group.meta.status or group.status or "active"],
            "optimization_goal": adset_goal(spec, group),
            "billing_event": group.meta.billing_event or spec.meta.billing_event or "IMPRESSIONS",
            "targeting": targeting,
            "adlabels": sorted({MANAGED_MARKER, *group.meta.labels}),
        }
        if app is not None:
            adset_fields["promoted_object"] = promoted_app(app)
        if adset_budgets is not None:
            adset_fields.update(adset_budgets.get(group.name, {}))
        adset_fields.update(_adset_bid(spec, group, budget.currency, own_budget=adset_budgets is not None))
        destination = adset_destination(spec, group)
        conversion = adset_conversion(spec, group, pixel_id)
        if (product_set := adset_product_set(spec, group)) is not None:
            # A catalog ad set shows a product set of its campaign's catalog (``spec._meta_catalog``).
            adset_fields["promoted_object"] = {"product_set_id": product_set}
        elif destination is not None:
            # The checks refuse a conversion here: the promoted object is the Page.
            adset_fields["destination_type"] = destination
            adset_fields["promoted_object"] = promoted_page(page_id, adset_whatsapp_number(spec, group))
        elif adset_opens_form(spec, group):
            # An instant form's ad set: its leads are the Page's (``spec._meta_lead_forms``).
            adset_fields["destination_type"] = FORM_DESTINATION_TYPE
            adset_fields["promoted_object"] = promoted_page(page_id, None)
        elif conversion is not None:
            adset_fields["promoted_object"] = promoted_conversion(conversion)
        if group.meta.dynamic_creative:  # its one ad's creative is a dynamic one, below
            adset_fields[DYNAMIC_ADSET_FIELD] = True
        if hours := adset_hours(spec.schedule, group):  # its ads run at these (``spec._schedule_hours``)
            zone = META_TIMEZONE_TYPES[adset_hours_time_zone(spec, group)]
            adset_fields["adset_schedule"] = day_parts(slot_days(hours), zone)
            adset_fields["pacing_type"] = list(PACING_DAY_PARTING)
        start, end = adset_dates(spec.schedule, group)
        if start is not None:
            adset_fields["start_time"] = _meta_time(start, dt.time(0, 0), time_zone)
        if end is not None:
            adset_fields["end_time"] = _meta_time(end, dt.time(23, 59, 59), time_zone)
        audiences = [name for key in AUDIENCE_FIELDS for name in targeting.get(key, ())]
        refs = {**in_campaign, **audience_refs(emit, audiences)} if audiences else in_campaign
        adset_addr = emit("adset", adset_path, adset_fields, refs=refs, warnings=mapped.warnings)
        for creative in group_creatives(spec, group, "meta"):
            creative_path = join_path(adset_path, creative.name)
            creative_fields = _meta_creative(
                spec, creative, creative_path, page_id, destination, instagram_user_id
            )
            if adset_opens_form(spec, group) and creative.meta.lead_form_id is not None:
                # The form its button opens (``call_to_action.value.lead_gen_form_id``: ``meta_graph``).
                creative_fields["lead_gen_form_id"] = creative.meta.lead_form_id
            if runs_as_instagram(creative) and instagram_user_id:
                # Run as the account's Instagram account (``spec._meta_instagram_identity``).
                creative_fields["instagram_user_id"] = instagram_user_id
            if creative.meta.display_link is not None:
                # In place of its link's domain (``spec._meta_display_link``): where it is the domain, ""
                # (sent as none, compared as none, but held: a console's display link there is replaced).
                shown = display_link_of(creative.meta.display_link, creative_fields.get("link_url"))
                creative_fields[DISPLAY_LINK] = HELD_AS_NONE if shown is None else shown
            if group.meta.dynamic_creative:
                # Its texts, media, link and button in its asset feed (``spec._meta_dynamic_creative``).
                creative_fields = dynamic_fields(creative_fields)
            creative_addr = emit("adcreative", creative_path, creative_fields, refs={})
            emit(
                "ad",
                creative_path,
                {
                    "name": creative.name,
                    "status": _META_STATUS[creative.status],
                    "adlabels": [MANAGED_MARKER],
                },
                refs={"adset": adset_addr, "creative": creative_addr},
            )


def _adset_budgets(
    emit: Emitter, spec: CampaignSpec, budget: PlatformBudget
) -> dict[str, dict[str, int]] | None:
    """The budget fields of each ad set by ad group name when the ad groups set their own (``meta.budget``),
    None when the campaign carries the budget. Those of the campaign budget's period must together be the
    campaign's Meta share: the unified budget stays the total of that period that reports and the optimiser
    see. Those of the other period (``spec.models.AdSetBudget``) are on top of it, never added to it: a
    daily amount and a lifetime one have no sum."""
    groups = [g for g in ad_groups(spec, "meta") if g.meta.budget is not None]
    if not groups:
        return None
    out: dict[str, dict[str, int]] = {}
    total = Decimal(0)
    currency = budget.currency
    for group in groups:
        own = group.meta.budget
        assert own is not None
        period, amount = ("daily", own.daily) if own.daily is not None else ("lifetime", own.lifetime)
        assert amount is not None  # the spec checks ask for exactly one
        units = money.to_meta_minor(amount, currency)
        minimum = money.meta_minimum_daily_budget(currency) if period == "daily" else 1
        if units < minimum:
            emit.issue(
                (*(group_path(spec, group) or ()), "meta", "budget", period),
                f"found {money.format_amount(amount, currency)}; expected at least "
                f"{money.format_amount(money.from_meta_minor(minimum, currency), currency)} "
                f"(Meta's minimum {period} ad set budget)",
            )
        out[group.name] = {f"{period}_budget": units}
        if period == budget.period:
            total += money.from_meta_minor(units, currency)
    if total != budget.amount:
        other = "lifetime" if budget.period == "daily" else "daily"
        beside = [repr(name) for name, fields in out.items() if f"{other}_budget" in fields]
        emit.issue(
            ("spec", "budget"),
            f"the {budget.period} ad set budgets (meta.budget of the ad groups) sum to "
            f"{money.format_amount(total, currency)}; expected the campaign's {budget.period} budget on "
            f"meta, {money.format_amount(budget.amount, currency)}"
            + (
                f"; the {other} budgets of {', '.join(beside)} are on top of it, not part of it"
                if beside
                else ""
            ),
        )
    return out


def _adset_bid(spec: CampaignSpec, group: AdGroup, currency: str, *, own_budget: bool) -> dict[str, Any]:
    """The bidding of ``group``'s ad set: on a budget of its own (``own_budget``), the ``bid_strategy`` it
    bids with, its own or its campaign's, so that a console change of the campaign's leaves it as it is and
    dropping an ad group's own strategy sends the campaign's (under a campaign budget it has none but its
    campaign's: ``meta_graph.LiveReader``); and its cap under that strategy: ``bid_amount`` in minor units
    for a cost or bid cap, ``bid_constraints`` for a ROAS floor, nothing otherwise (``spec._meta_bids``)."""
    strategy = adset_bid_strategy(spec, group)
    out: dict[str, Any] = {}
    if own_budget or strategy != campaign_bid_strategy(spec):
        out["bid_strategy"] = strategy
    bid = adset_bid(spec, group)
    if strategy in META_CAP_STRATEGIES and "bid_amount" in bid:
        out["bid_amount"] = money.to_meta_minor(bid["bid_amount"], currency)
    if strategy == META_MIN_ROAS and "roas_floor" in bid:
        out["bid_constraints"] = {"roas_average_floor": roas_average_floor(bid["roas_floor"])}
    return out


def _hours_no_ad_set_runs(emit: Emitter, spec: CampaignSpec, name: str) -> list[str]:
    """The warning of a campaign's ``schedule.hours`` that compile to nothing, no ad set running them
    (``spec._schedule_hours.hours_no_ad_set_runs``), at them: ``validate`` and ``plan`` say it."""
    why = hours_no_ad_set_runs(spec)
    if not why:
        return []
    (line, _), _ = locate_written(emit.compiler.workspace.root, emit.doc, HOURS)
    return [
        f"{emit.doc.file}:{line}: spec.schedule.hours: campaign {name!r}: found hours no ad set runs: {why}, "
        "so they change nothing; expected them only where an ad group runs them (one without "
        "meta.schedule.hours of its own), or no schedule.hours"
    ]


def _time_zone(emit: Emitter, spec: CampaignSpec) -> ZoneInfo:
    try:
        return ZoneInfo(spec.schedule.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        emit.issue(
            ("spec", "schedule", "time_zone"),
            f"unknown time zone {spec.schedule.time_zone!r}; expected an IANA name such as 'Europe/Berlin'",
        )
        return ZoneInfo("UTC")


def _call_to_action(spec: CampaignSpec, creative: Creative, destination: str | None = None) -> str | None:
    """Meta's call-to-action type of ``creative``'s ads in an ad set opening the conversation ``destination``
    (None: an ad set linking to a website or an app), or None for a creative showing no button."""
    action = destination_call_to_action(creative, destination, spec.call_to_action_of(creative))
    if action is CallToAction.NONE:
        return None
    return meta_call_to_action(action, promotes_app=spec.objective is Objective.APP_PROMOTION)


def _meta_creative(
    spec: CampaignSpec,
    creative: Creative,
    path: str,
    page_id: str | None,
    destination: str | None = None,
    instagram_user_id: str | None = None,
) -> dict[str, Any]:
    """``creative``'s Meta creative, named by its path: a Page post's (``_post_creative``), a carousel's
    (``_carousel_creative``) or a link creative's (``_link_creative``), with its URL tags: its own, else its
    campaign's, but for an image or video sending people nowhere, which has no link of its own to tag and
    takes its own alone (kept as live ads have them: believed to tag the links in the ad's text, which Meta's
    pages the search tool holds do not confirm). In an ad set opening a conversation (``destination``) it is
    a link or video creative whose button opens it (``app_destination``), to its ``final_url`` or Meta's
    link for the conversation (``spec._meta_messaging``); in Instagram Direct, run as the account's Instagram
    account ``instagram_user_id`` (``object_story_spec.instagram_user_id``)."""
    if destination is not None:
        link = creative.final_url or messaging_link(destination)
        fields = _link_creative(creative, link, _call_to_action(spec, creative, destination), path, page_id)
        fields["app_destination"] = messaging_app(destination)
        if (buttons := several_apps_buttons(destination)) is not None:
            fields["asset_feed_spec"] = buttons
        if "INSTAGRAM_DIRECT" in destination_apps(destination) and instagram_user_id:
            fields["instagram_user_id"] = instagram_user_id
        if creative.meta.welcome_message is not None:
            fields["page_welcome_message"] = welcome_message(creative.meta.welcome_message)
    elif creative.type == "post":
        fields = _post_creative(creative, path)
    elif creative.type == CATALOG_CREATIVE:
        # A template link post (``template_data`` on the wire): Meta fills its tags for each product.
        fields = _link_creative(creative, creative.final_url, _call_to_action(spec, creative), path, page_id)
        fields["template"] = True
        # Its format, but Meta's default (a carousel of several products), and a carousel's end card dropped;
        # that of product_images is always dropped by the format itself, as Meta's guide requires
        # (``meta_graph.CATALOG_FORMAT_WIRE``), and a single product's has none.
        if creative.meta.catalog_format not in (None, "carousel"):
            fields["catalog_format"] = creative.meta.catalog_format
        if (
            creative.meta.multi_share_end_card is False
            and creative.meta.catalog_format not in FORMATS_WITHOUT_END_CARD
        ):
            fields["multi_share_end_card"] = False
        if (static := creative.meta.static_cards) is not None:
            # Cards of its own before or after the products (``spec._meta_catalog``), each taking the
            # creative's call to action as a carousel's cards do (``meta_graph.template_cards``).
            action = _call_to_action(spec, creative)
            for key, cards in ((STATIC_BEFORE, static.before), (STATIC_AFTER, static.after)):
                if cards:
                    fields[key] = [_card(card, action) for card in cards]
    elif creative.type == "carousel":
        fields = _carousel_creative(
            creative, spec.link_of(creative), _call_to_action(spec, creative), path, page_id
        )
    elif spec.sends_nowhere(creative):
        fields = _link_creative(creative, None, _call_to_action(spec, creative), path, page_id)
        return fields | ({"url_tags": creative.url_parameters} if creative.url_parameters else {})
    else:
        fields = _link_creative(
            creative, spec.link_of(creative), _call_to_action(spec, creative), path, page_id
        )
    # The query string Meta appends to the ad's links: the creative's own, else its campaign's.
    if (tags := creative.url_parameters or spec.url_parameters) is not None:
        fields["url_tags"] = tags
    return fields


def _post_creative(creative: Creative, path: str) -> dict[str, Any]:
    """A creative running an existing Page post as it is (``object_story_id``): the post says its texts,
    media, link and button, and the Page it runs as."""
    return {"name": path, "object_story_id": creative.post_id, "adlabels": [MANAGED_MARKER]}


def _carousel_creative(
    creative: Creative, link: str, action: str | None, path: str, page_id: str | None
) -> dict[str, Any]:
    """A carousel: its primary text above the cards, its own link (``link_data.link``), and per card a
    headline, description, link, image or video, and the creative's call to action (None: none) to the
    card's link (``spec._meta_creatives``)."""
    cards = [_card(card, action) for card in creative.cards]
    out: dict[str, Any] = {
        "name": path,
        **({"body": creative.primary_text} if creative.primary_text else {}),
        "link_url": link,
        "cards": cards,
        "adlabels": [MANAGED_MARKER],
    }
    for option in ("multi_share_optimized", "multi_share_end_card"):
        if (value := getattr(creative.meta, option)) is not None:
            out[option] = value
    if page_id:
        out["page_id"] = page_id
    return out


def _card(card: CarouselCard, action: str | None) -> dict[str, Any]:
    """A carousel's (or a catalog template's static) card's normalised fields, taking the call to action
    ``action`` (None: none) to the card's link."""
    fields: dict[str, Any] = {"link_url": card.final_url}
    for key, value in (
        ("title", card.headline),
        ("description", card.description),
        ("image_url", card.image_url),
        ("image_hash", card.image_hash),
        ("video_id", card.video_id),
        ("call_to_action_type", action),
    ):
        if value is not None:
            fields[key] = value
    return fields


def _link_creative(
    creative: Creative, link: str | None, action: str | None, path: str, page_id: str | None
) -> dict[str, Any]:
    """A link creative to ``link`` (None: an image or video ad sending people nowhere,
    ``CampaignSpec.sends_nowhere``, whose image one is a photo post: ``meta_graph.story_spec``) with Meta's
    call to action ``action`` (None: none): first headline as
    title; primary text (or the first description) as body. A creative without headlines (Meta's alone)
    has no title, and one without primary text or descriptions no body: Meta's link ad takes neither as
    required (facebook-business AdCreativeLinkData ``name`` and ``message``; Meta's "Create an Ad
    Creative" example sends no ``name``).

    Its name is its path (``campaign/ad set/ad``): a creative whose ad was never created (an apply
    killed in between) can still be found and adopted by its name."""
    # Meta's multiple text options put every text in the asset feed, none in the story
    # (``spec._meta_text_options``); a creative not opting in is as it always was.
    opted = creative.meta.text_options
    story = {} if opted else story_texts(creative.primary_text, creative.headlines, creative.descriptions)
    fields: dict[str, Any] = {
        "name": path,
        **{single: story[single] for single in ("title", "body") if single in story},
        **({"link_url": link} if link else {}),
        "adlabels": [MANAGED_MARKER],
    }
    if opted and (options := text_options_of(creative)):
        fields[TEXT_OPTIONS] = options
    if action is not None:
        fields["call_to_action_type"] = action
    if "description" in story:
        fields["description"] = story["description"]
    if creative.image_url:
        fields["image_url"] = creative.image_url
    if creative.meta.image_hash:
        fields["image_hash"] = creative.meta.image_hash
    if creative.video_id:
        fields["video_id"] = creative.video_id
    if media := media_options_of(creative):
        # Several images or videos, the first the story's (``spec._meta_media_options``).
        fields[MEDIA_OPTIONS] = media
    if page_id:
        fields["page_id"] = page_id
    return fields


def _meta_time(day: dt.date, at: dt.time, zone: ZoneInfo) -> str:
    """Meta's ISO-8601 time with the campaign time zone's UTC offset, e.g. 2026-03-01T00:00:00-0500."""
    return dt.datetime.combine(day, at, tzinfo=zone).strftime("%Y-%m-%dT%H:%M:%S%z")
