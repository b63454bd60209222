"""Property (issue #5, point 3): for any live campaigns the spec language can express, built by hand in
the sandbox, ``import --adopt`` followed by a plan gives zero changes.

Hypothesis draws random campaigns (the convergence property's generator: platforms, objectives, Google
bidding for target impression share with its settings, budgets with splits, schedules, ages, regions,
Google-only places of other kinds by their geo target constants (a county, an airport …, targeted and a
neighborhood excluded; a radius around a street address), a radius a Meta ad set excludes around a point or
a city,
languages, interests, ad groups with overrides, creatives, keywords, placements,
lifecycle), gives them names as people type them in consoles, compiles them to
native objects, strips MIDAS's marker and perturbs them the way consoles do (paused ads and keywords, a max
CPC, a budget with its own name, extra labels, Meta bid strategies, per-ad-set goals, Google Search off, an
ad set fewer, paused, placed elsewhere (by position too) or on dates of its own, Meta ad sets on some devices,
Meta budgets moved to the ad sets, Meta creatives with a title of their own or no call to action, or as
carousels or ads of existing Page posts (creatives of Meta's alone), an ad set running an ad fewer than its
ad group or narrowed to other ages, Meta ad sets counting a custom conversion, every one or the first, or a
pixel's custom event by its name, every one or the first, and a pixel rule narrowing the event, every
one's in its own spacing or the first's), and
writes them straight through the connectors: MIDAS has never seen them.
Shapes are drawn into the campaigns before they are compiled: Meta-only campaigns promoting an app (of
either store, at its standard store page or one of its own) or else opening a conversation (on WhatsApp with
its number, in Messenger, or both: ``meta.destination``; their ads greeting with a welcome message of their
own or Meta's default) or else showing a product catalog (Advantage+ catalog ads: ``meta.catalog``, a
product set and the first ad group's own, template creatives with product tags), Google campaigns funded by
one shared budget (every one of them, so that import leaves none out, or only the first; a campaign also on
Meta then has its Meta half as its budget), audiences built in the consoles (a remarketing list, a website
audience) that the campaigns or one ad group target or exclude, observed only on Google or not, Google
campaigns declaring EU political advertising or with an ad of several final URLs, URL tracking (the
campaigns' ``url_parameters``, the first creative's own, Google's tracking template and custom parameters, the
first Google creative's own with its final mobile URLs, the first Google ad group's own, the first keyword's
own landing pages (one final URL or several) and URL options),
a keyword's own max CPC and maximize clicks' max CPC limit, the ages, genders and
interests a Google campaign excludes or itself targets at campaign level (``google.negative_*``,
``google.campaign_*``), and the age brackets and
genders its first ad group excludes, as a console's demographic exclusions do, and the first Google campaign
as a Google-only app campaign (``app_promotion``: its app, its bidding, only what an app campaign holds),
the first other Google campaign as a Google-only Demand Gen campaign (``google.channel: demand_gen``:
multi-asset ads naming image assets and video responsive ads showing YouTube videos, a carousel ad, a
product ad of the Merchant Center account it shows the products of, the first ad group's product filter,
locations and languages per ad group, only what a Demand Gen campaign holds), the last other Google
campaign as a Display campaign (``google.channel: display``: responsive display ads naming image assets
and YouTube videos, only what a Display campaign holds; its own budget delivering accelerated or not),
and another as a Google-only Performance Max
campaign (``google.channel: performance_max``: an asset group per ad group, of one creative's assets, some
with YouTube videos, shared between asset groups or not), and
another as a Google-only standard Shopping campaign (``google.channel: shopping``: its Merchant Center
settings, product ad groups bidding on all their products or, the first, on the product groups of a drawn
tree, no creatives), and another Search campaign with Dynamic Search Ads (its setting, and a dynamic ad group
of drawn webpage targets running a dynamic search ad, on Google alone; targets paused or bid at a max CPC of
their own, and pages the ad group and the campaign exclude), the Google campaigns' device bid adjustments
(``google.device_bid_adjustments``, as far as each kind of campaign takes them) and their first ad groups'
own (``ad_groups[].google.device_bid_adjustments``), a Hotel campaign's first ad group's bid adjustments by
booking (``ad_groups[].google.hotel_bid_adjustments``), one Hotel Center account's Hotel campaign bidding
percent CPC (``ad_groups[].google.percent_cpc_bid``), the Google-only
campaigns' ad schedule (``schedule.hours``, or their own adjusting bids: ``google.hours``), the Meta-only
ones' ad set schedule on a lifetime budget (an ad set's own hours too), and a bid adjustment on the first
place each Google Search, Display or Shopping campaign targets (``google.location_bid_adjustments``).
The second of two campaigns may run on a second Google account, both targeting the console audiences of one
name (built on each account): import then writes them for both accounts (``accounts``).
Then it imports every account with ``--adopt`` and plans.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import yaml
from fakes.hand_built import write_all
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_convergence_property import amounts, campaign, sandbox_settings

from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.sandbox import SandboxConnector, add_audience
from midas_reconcile.importing.importer import import_campaigns
from midas_reconcile.money import meta_minimum_daily_budget
from midas_reconcile.resources import (
    KIND_ORDER,
    MANAGED_MARKER,
    Address,
    Resource,
    is_shared_budget,
    path_segment,
)
from midas_reconcile.session import Session
from midas_reconcile.spec._places import is_radius
from midas_reconcile.spec.models import IMPLICIT_AD_GROUP, META_MESSAGING_GOAL
from midas_reconcile.targeting.google import EXCLUDED_AGES
from midas_reconcile.targeting.meta import PLACEMENT_KEYS
from midas_reconcile.targeting.tables import AGE_BUCKETS, MIN_TARGETABLE_AGE

PLATFORMS, DEVICES = "publisher_platforms", "device_platforms"
#: Meta's manual placements as a console sets them: positions on two platforms.
BY_POSITION = {
    PLATFORMS: ["instagram", "facebook"],
    "facebook_positions": ["story", "feed"],
    "instagram_positions": ["stream"],
}
#: Ads in WhatsApp's Status, beside Instagram's stories (Meta runs them only there).
IN_WHATSAPP_STATUS = {
    PLATFORMS: ["whatsapp", "instagram"],
    "instagram_positions": ["story"],
    "whatsapp_positions": ["status"],
}
CONSOLE_NAMES = ["Spring Sale – US", "brand 2027 (EN)", "50% off / week 1", "Ünïcode Läunch", "plain"]
SHARED_BUDGET_NAMES = ["Brand Pool", "Pool – Q4 / 50% (EN)"]
#: An image of a Meta ad account's library (AdImage ``hash``).
IMAGE_HASH = "c0ffee00c0ffee00c0ffee00c0ffee00"
#: A further image of the library (``meta.images`` beside ``meta.image_hash``).
FURTHER_IMAGE_HASH = "be5be5ed00be5be5ed00be5be5ed00ab"
#: Audiences built in the consoles: the one targeted, the one excluded.
TARGETED, EXCLUDED = "Site visitors – 30 days", "Buyers / 100% (EN)"


@st.composite
def perturbation(draw: st.DrawFn) -> dict[str, Any]:
    """What a console user changes on objects MIDAS would have made differently."""
    return {
        "paused_ads": draw(st.booleans()),
        "cpc_bid_micros": draw(st.sampled_from([None, 1_250_000, 800_000])),
        "budget_name": draw(st.booleans()),
        "labels": draw(st.sampled_from([[], ["q4"], ["q4", "brand"]])),
        "bid_strategy": draw(
            st.sampled_from([None, "COST_CAP", "LOWEST_COST_WITH_BID_CAP", "LOWEST_COST_WITH_MIN_ROAS"])
        ),
        # The cap (or ROAS floor) of the first ad set when it differs from the others'.
        "first_adset_own_bid": draw(st.booleans()),
        # The first ad set, on a budget of its own, bidding with a bid cap (or a cost cap) of its own.
        "first_adset_own_strategy": draw(st.booleans()),
        "adset_goal": draw(st.sampled_from([None, "LINK_CLICKS", "REACH"])),
        "google_search_off": draw(st.booleans()),
        "paused_keywords": draw(st.booleans()),
        "one_adset_fewer": draw(st.booleans()),
        "one_adset_paused": draw(st.booleans()),
        # The first ad set placed on other platforms (``publisher_platforms``), on automatic placements ({}),
        # or by position (Meta's manual placements), WhatsApp's Status among them.
        "one_adset_placed": draw(
            st.sampled_from([None, {PLATFORMS: ["instagram"]}, {}, BY_POSITION, IN_WHATSAPP_STATUS])
        ),
        # Meta ad sets on some device platforms: every one (the campaign's) or the first alone (its own); an
        # app ad set's stay on mobile devices.
        "adset_devices": draw(st.sampled_from([None, "every", "first"])),
        "one_adset_dated": draw(st.sampled_from([None, "later", "open"])),
        # Ad set budgets: all daily, or the last ad set of each campaign with several on a lifetime one.
        "adset_budgets": draw(st.sampled_from([None, "daily", "mixed"])),
        # Meta's creatives with another title than Google's ads' headlines ("other"), or none at all ("none":
        # Meta's link ad needs none), or their own.
        "meta_title": draw(st.sampled_from([None, "other", "none"])),
        "no_call_to_action": draw(st.booleans()),
        # Meta's ads as carousels of their own (2 or 3 cards, one a video, Meta's end card off or not),
        # running an existing Page post (``object_story_id``), or, in awareness and engagement campaigns,
        # photo posts made for the ad (an image sending people nowhere): creatives of Meta's alone.
        "meta_creative_kind": draw(st.sampled_from([None, "carousel", "post", "photo"])),
        "carousel_cards": draw(st.sampled_from([2, 3])),
        "carousel_end_card": draw(st.sampled_from([None, False])),
        # Meta's ads showing an image of the ad account's library (``image_hash``): a link ad's image, a
        # video ad's thumbnail, a carousel's first card's.
        "meta_image_hash": draw(st.booleans()),
        # Meta's link and video ads of multiple text options (``meta.text_options``): their texts in the asset
        # feed, with a further primary text.
        "meta_text_options": draw(st.booleans()),
        # Meta's link and video ads of several images or videos (``meta.images`` / ``meta.videos``): a further
        # one in the asset feed beside the story's.
        "meta_media_options": draw(st.booleans()),
        # Meta ad sets counting a custom conversion instead of the pixel's event: every one (the campaign's),
        # or the first alone (its own).
        "custom_conversion": draw(st.sampled_from([None, "every", "first"])),
        # Meta ad sets still counting a pixel's event counting a custom event of the site's instead (the type
        # OTHER and its name, as people write them: spaces, cases, punctuation, up to Meta's 50 characters),
        # every one (the campaign's), or the first alone under another name (its own).
        "custom_event": draw(st.sampled_from([None, "every", "first"])),
        # A pixel rule narrowing the event of Meta ad sets counting a pixel's: every one (the same rule,
        # written with other spacing and key order by ad set: one meaning), or the first alone (its own).
        "pixel_rule": draw(st.sampled_from([None, "every", "first"])),
        "custom_event_name": draw(
            st.text(alphabet="AaZz09 _-.%:/éß", min_size=1, max_size=49).filter(lambda t: t == t.strip())
        ),
        # A Meta campaign spending limit (minor units), or Meta's "no limit" read back as 0.
        "spend_cap": draw(st.sampled_from([None, 0, 50_000, 125_050])),
        # Advantage+ audience (Ads Manager's default for a new ad set) on every Meta ad set, or on the first
        # ad set alone; Meta takes it with no maximum age under 65.
        "advantage_audience": draw(st.sampled_from([None, "every", "first"])),
        # Advantage+ audience's individual_setting (as written, 0 flags included) on every Meta ad set, or
        # on the first ad set alone, beside the flag on or off.
        "advantage_settings": draw(st.sampled_from([None, "every", "first"])),
        "individual_setting": draw(
            st.dictionaries(st.sampled_from(["age", "gender", "geo"]), st.sampled_from([0, 1]), max_size=3)
        ),
        "one_ad_fewer": draw(st.booleans()),
        "one_adset_aged": draw(st.booleans()),
        # What a console's demographic exclusions in a Search ad group write (the first ad group's; of the
        # brackets drawn, those its targeting does not target: Google refuses to target and exclude one).
        "ad_group_exclusions": draw(
            st.sampled_from(
                [
                    None,
                    {"negative_ages": ["18-24", "undetermined"]},
                    {"negative_ages": ["65+"], "negative_genders": ["undetermined"]},
                ]
            )
        ),
        # Google campaigns on one shared budget: every one of them, or only the first.
        "shared_budget": draw(st.sampled_from([None, "every", "first"])),
        "shared_budget_name": draw(st.sampled_from(SHARED_BUDGET_NAMES)),
        "shared_budget_daily": draw(amounts),
        # Console audiences: targeted and/or excluded by the campaigns, or targeted by one ad group, or on
        # Meta only.
        "audiences": draw(st.sampled_from([None, "target", "exclude", "both", "ad_group", "on_meta"])),
        "audiences_observed": draw(st.booleans()),
        # Meta-only campaigns promoting an app (its store, and a store page of its own or the standard one).
        # The Meta-only campaigns' ads opening a conversation (unless they promote an app): on WhatsApp with
        # the number, in Messenger, on WhatsApp with the first ad group's in Messenger, or in Instagram Direct
        # with the Meta account's Instagram account; or several apps at once (``meta.destination`` a list,
        # written in any order: import writes Meta's), the first ad group's own apps other than the
        # campaign's.
        "messaging": draw(
            st.sampled_from([None, "whatsapp", "messenger", "both", "instagram"])
            | st.permutations(["messenger", "whatsapp", "instagram"]).flatmap(
                lambda apps: st.sampled_from([tuple(apps[:2]), tuple(apps)])
            )
        ),
        # The first creative of each campaign on Meta run as the account's Instagram account
        # (``meta.instagram_identity``), but a Page post's.
        "instagram_identity": draw(st.booleans()),
        # The Meta-only campaigns as Advantage+ catalog ads (unless they promote an app or open a
        # conversation): a catalog, a product set, the first ad group's own, and template creatives.
        "catalog": draw(st.booleans()),
        # Their templates' format as MIDAS writes it (``meta.catalog_format``; none: Meta's default
        # carousel), the end card dropped (``multi_share_end_card`` false) or not: a carousel's, and a single
        # product's (never sent there). The shapes a console or Meta's echo may leave (an end card on one
        # product's template, a ``format_option`` beside the settings …) are
        # tests/e2e/test_meta_catalog_ads.py's table.
        "catalog_format": draw(st.sampled_from([None, "single", "product_images", "slideshows"])),
        "catalog_end_card": draw(st.booleans()),
        # Their ads' welcome message (``page_welcome_message``): a greeting alone, with ice breakers (one
        # with its own response, or none), with a message to send (and a website button beside it, or
        # none), or with quick replies (as Ads Manager's editor writes them, one with a payload).
        "welcome": draw(
            st.sampled_from([None, "text", "questions", "responses", "autofill", "button", "quick_replies"])
        ),
        "app": draw(st.sampled_from([None, "google_play", "app_store"])),
        "app_store_url": draw(st.booleans()),
        # Google campaigns declaring EU political advertising, and ads of theirs with further final URLs.
        "eu_political": draw(st.booleans()),
        "additional_final_urls": draw(st.sampled_from([0, 1, 2])),
        # URL tracking: the campaigns' query string (UTM tags) and/or the first creative's own, Google's
        # tracking template and custom parameters; a keyword's own max CPC; maximize clicks' max CPC limit.
        "url_parameters": draw(st.sampled_from([None, "campaign", "creative", "both"])),
        "google_tracking": draw(st.booleans()),
        "keyword_bid": draw(st.booleans()),
        # The first Google creative's own tracking template, custom parameters and final mobile URLs.
        "own_tracking": draw(st.booleans()),
        # The first Google ad group's own final URL suffix and custom parameters.
        "group_tracking": draw(st.booleans()),
        # The first keyword's own landing page and URL options.
        "keyword_urls": draw(st.booleans()),
        # How many final URLs that keyword has after its final_url (``additional_final_urls``).
        "keyword_more_urls": draw(st.sampled_from([0, 1, 2])),
        "max_cpc": draw(st.booleans()),
        # The first Google campaign as a Google-only app campaign (objective app_promotion): the app it
        # promotes and its bidding (maximize_conversions by default, a target cost per install or ROAS, the
        # value, or in-app conversions of chosen conversion actions).
        "google_app": draw(
            st.sampled_from(
                [
                    None,
                    {"store": "google_play", "id": "com.example.puzzle"},
                    {"store": "app_store", "id": "1234567890"},
                ]
            )
        ),
        "app_bidding": draw(
            st.sampled_from(
                [
                    None,
                    {"strategy": "target_cpa", "target_cpa": "1.25"},
                    {"strategy": "target_roas", "target_roas": "2.5"},
                    {"strategy": "maximize_conversion_value"},
                    {
                        "strategy": "target_cpa",
                        "target_cpa": "4.00",
                        "app_goal": "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST",
                        "conversion_actions": ["7001"],
                    },
                    {
                        "app_goal": "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA",
                        "conversion_actions": ["7002"],
                    },
                ]
            )
        ),
        # The Google-only app campaign as one for pre-registration (``google.app_campaign``), of a Google
        # Play app, its ads naming image assets. (One for engagement needs an audience per ad group, which the
        # drawn app campaigns leave out: tests/e2e/test_import.py imports one.)
        "pre_registration": draw(st.booleans()),
        # The last Google campaign (not an app campaign) as a Display campaign (``google.channel: display``)
        # of the business named, its creatives responsive display ads naming image assets.
        "google_display": draw(st.sampled_from([None, "Example Running", "Shoe Co – EU"])),
        # Whether that Display campaign's own budget (not a shared one) delivers accelerated.
        "display_accelerated": draw(st.booleans()),
        # How many YouTube videos (``google.youtube_videos``) its responsive display ads show, some shared.
        "display_videos": draw(st.integers(min_value=0, max_value=2)),
        # The first Google campaign but the app campaign as a Google-only Demand Gen campaign
        # (``google.channel: demand_gen``) of the business named, its creatives multi-asset ads.
        "google_demand_gen": draw(st.sampled_from([None, None, "Example Running", "Trail & Co"])),
        # How many of its last creatives are video responsive ads (``google.youtube_videos``) instead.
        "demand_gen_video_ads": draw(st.integers(min_value=0, max_value=2)),
        # Whether it runs a carousel too (a Demand Gen carousel ad of 2 or 3 cards).
        "demand_gen_carousel": draw(st.sampled_from([None, 2, 3])),
        # Whether it shows the products of a Merchant Center account (``google.demand_gen``: its merchant id,
        # its feed label or none) and runs a product ad (``type: product``) of breadcrumbs or none.
        "demand_gen_products": draw(st.sampled_from([None, ("5550002", None), ("5550003", "US")])),
        "product_breadcrumbs": draw(st.booleans()),
        # Its first ad group's channels (``google.channels``; None: all, Google's default).
        "demand_gen_channels": draw(
            st.sampled_from([None, "google_owned", ["youtube_shorts"], ["youtube_in_feed", "gmail", "maps"]])
        ),
        # A Google campaign none of those (nor on a shared budget) as a Google-only Performance Max
        # campaign of the business named.
        "google_pmax": draw(st.sampled_from([None, "Example Running"])),
        # How many YouTube videos (``google.youtube_videos``) its asset groups show, some shared between
        # them (one video asset, which Google deduplicates, linked to several asset groups).
        "pmax_videos": draw(st.integers(min_value=0, max_value=3)),
        # A Google campaign none of those as a Google-only standard Shopping campaign of these Merchant
        # Center settings (``google.shopping``).
        "google_shopping": draw(
            st.sampled_from(
                [
                    None,
                    None,
                    {"merchant_id": "4242"},
                    {"merchant_id": "987654321", "feed_label": "DE-ONLINE", "campaign_priority": 2},
                    {"merchant_id": "31337", "campaign_priority": 1, "enable_local": True},
                ]
            )
        ),
        # The last Google campaign (claimed before the app, Demand Gen, Display … draws take theirs) as a
        # Google-only Hotel campaign of this Hotel Center account (``google.hotel``): reached in about a
        # third of the examples (counted), where taken after those draws it almost never was.
        "google_hotel": draw(st.sampled_from([None, None, "7654321", "88990011"])),
        # That Shopping campaign's first ad group's product groups (``google.product_groups``), if any.
        "shopping_tree": draw(st.sampled_from([None, *_SHOPPING_TREES])),
        # A Search campaign's Dynamic Search Ads: its setting, and a dynamic ad group of these webpage targets
        # running a dynamic search ad (``spec._google_dynamic_search``); None: none.
        "dynamic_search": draw(st.sampled_from([None, *_DYNAMIC_WEBPAGES])),
        # That campaign's page feed (``google.dynamic_search_ads.page_feed``): its pages, with custom labels
        # or none; None: none.
        "page_feed": draw(
            st.sampled_from(
                [
                    None,
                    [{"url": "https://shop.example.com/sale"}],
                    [
                        {"url": "https://shop.example.com/trail", "labels": ["new", "trail"]},
                        {"url": "https://shop.example.com/sale/boots", "labels": ["sale"]},
                    ],
                ]
            )
        ),
        # What a Search campaign excludes or itself targets at campaign level (beside the unified targeting,
        # which MIDAS compiles per ad group).
        "campaign_exclusions": draw(
            st.sampled_from(
                [
                    None,
                    {"negative_ages": ["18-24", "undetermined"]},
                    {"negative_genders": ["undetermined"], "negative_interests": ["Wine"]},
                    {
                        "negative_ages": ["65+"],
                        "negative_genders": ["male"],
                        "negative_interests": ["Travel"],
                    },
                    {"campaign_ages": ["25-34", "35-44"], "campaign_genders": ["female"]},
                    {
                        "campaign_genders": ["male"],
                        "negative_genders": ["undetermined"],
                        "campaign_interests": ["Travel"],
                        "negative_ages": ["65+"],
                    },
                ]
            )
        ),
        # The Demand Gen campaign's first ad group's product filter (``google.product_groups`` without bids),
        # if it shows a Merchant Center account's products (drawn last: the draws above keep their examples).
        "demand_gen_filter": draw(st.sampled_from([None, *_DEMAND_GEN_FILTERS])),
        # Each Google campaign's device bid adjustments (``google.device_bid_adjustments``; a Demand Gen or
        # Performance Max campaign's at 0 alone, none of a Hotel or app campaign's), drawn after the others.
        "device_adjustments": draw(st.sampled_from(_DEVICE_ADJUSTMENTS)),
        # An ad schedule on the Google-only campaigns (``schedule.hours``), but an app campaign's.
        "google_hours": draw(st.sampled_from([None, None, *_HOURS, "adjusted"])),
        # An ad set schedule on the Meta-only campaigns (on a lifetime budget, with no ad set budgets or
        # dates of their own).
        "meta_hours": draw(st.booleans()),
        # A bid adjustment on the first place each Search, Display or Shopping campaign targets on Google
        # (``google.location_bid_adjustments``), drawn last.
        "location_adjustment": draw(st.sampled_from([None, 1.15, 0.5])),
        # With that ad set schedule, the first ad set's own hours and the second's none
        # (``meta.schedule.hours``; ``[]``: all the time), drawn after the rest so they keep their examples.
        "meta_own_hours": draw(st.booleans()),
        # With that ad set schedule, its hours in each viewer's time zone (``meta.hours_time_zone``), drawn
        # last.
        "meta_viewer_hours": draw(st.booleans()),
        # The first Google ad group's own device bid adjustments (its ``google.device_bid_adjustments``) in
        # each Search, Display, Shopping or Hotel campaign, drawn after those.
        "group_device_adjustments": draw(st.sampled_from(_DEVICE_ADJUSTMENTS)),
        # The first ad group's bid adjustments by booking (its ``google.hotel_bid_adjustments``) in each
        # Hotel campaign, drawn last.
        "hotel_bookings": draw(st.sampled_from(_HOTEL_BOOKINGS)),
    }


#: Hotel booking adjustments as consoles set them: by check-in day (one at 1.0: none), stay lengths and a
#: booking window, date selection and check-in dates (``spec._google_hotel_bookings``).
_HOTEL_BOOKINGS: list[dict[str, Any] | None] = [
    None,
    {"check_in_days": {"fri": 1.2, "sat": 1.0}, "date_selection": {"user_selected": 1.3}},
    {
        "length_of_stay": [
            {"min_nights": 1, "max_nights": 3, "modifier": 1.1},
            {"min_nights": 4, "max_nights": 30, "modifier": 0.8},
        ],
        "advance_booking_window": [{"min_days": 0, "max_days": 6, "modifier": 1.5}],
        "check_in_dates": [{"start": "2027-12-20", "end": "2028-01-02", "modifier": 2.0}],
    },
]


def _adjusting_hotel_bookings(documents: list[dict[str, Any]], bookings: dict[str, Any] | None) -> None:
    """The first ad group of each Hotel campaign adjusts its bids by booking as ``bookings`` say."""
    if not bookings:
        return
    for document in documents:
        spec = document["spec"]
        if (spec.get("google") or {}).get("channel") == "hotel" and spec.get("ad_groups"):
            spec["ad_groups"][0].setdefault("google", {})["hotel_bid_adjustments"] = bookings


#: Device bid adjustments as consoles set them: partial ones, devices opted out, a device at 1.0 (none).
_DEVICE_ADJUSTMENTS: list[dict[str, float] | None] = [
    None,
    {"mobile": 0.8, "desktop": 1.25},
    {"tablet": 0.0, "connected_tv": 0.0},
    {"mobile": 1.0, "desktop": 2.5, "connected_tv": 0.0},
]


def _adjusting_devices(documents: list[dict[str, Any]], adjustments: dict[str, float] | None) -> None:
    """Each Google campaign adjusts its bids per device as ``adjustments`` say, as far as its kind takes."""
    if not adjustments:
        return
    for document in documents:
        spec = document["spec"]
        google = spec.get("google") or {}
        channel = google.get("channel", "search")
        if "google" not in spec["platforms"] or spec["objective"] == "app_promotion" or channel == "hotel":
            continue
        taken = adjustments
        if channel in ("demand_gen", "performance_max"):
            taken = {device: modifier for device, modifier in adjustments.items() if modifier == 0}
        if taken:
            spec.setdefault("google", {})["device_bid_adjustments"] = dict(taken)


def _adjusting_group_devices(documents: list[dict[str, Any]], adjustments: dict[str, float] | None) -> None:
    """The first Google ad group of each campaign whose ad groups take device bid modifiers (Search,
    Display, Shopping, Hotel) adjusts its bids per device as ``adjustments`` say, but on a device its
    campaign opts out of (Google lets no ad group override that)."""
    if not adjustments:
        return
    for document in documents:
        spec = document["spec"]
        google = spec.get("google") or {}
        if "google" not in spec["platforms"] or spec["objective"] == "app_promotion":
            continue
        if google.get("channel", "search") not in ("search", "display", "shopping", "hotel"):
            continue
        groups = [g for g in spec.get("ad_groups") or [] if "google" in g.get("platforms", ["google"])]
        opted_out = {d for d, m in (google.get("device_bid_adjustments") or {}).items() if m == 0}
        taken = {device: modifier for device, modifier in adjustments.items() if device not in opted_out}
        if groups and taken:
            groups[0].setdefault("google", {})["device_bid_adjustments"] = taken


_HOURS: Final = (
    [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:00", "end": "18:30"}],
    [
        {"days": ["sat", "sun"], "start": "00:00", "end": "06:15"},
        {"days": ["sun"], "start": "12:45", "end": "24:00"},
    ],
)


#: Meta's in whole hours (believed Meta's rule: ``connectors.meta_day_parts``).
_META_HOURS: Final = [
    {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:00", "end": "18:00"},
    {"days": ["sat"], "start": "10:00", "end": "24:00"},
]


#: A Meta ad set's own hours beside the campaign's (``meta.schedule.hours``).
_META_OWN_HOURS: Final = [{"days": ["sun"], "start": "12:00", "end": "20:00"}]


def _with_hours(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """Give the Google-only campaigns (not an app campaign) the ad schedule drawn, and the Meta-only ones
    (when no ad set has a budget or dates of its own) an ad set schedule on a lifetime budget of 60 days'
    worth, in the accounts' time zone (the sandbox settings': UTC), and, as drawn, its first ad set hours of
    its own and its second none, and those hours in each viewer's time zone."""
    for document in documents:
        spec = document["spec"]
        google_only = list(spec["platforms"]) == ["google"]
        if google_only and change["google_hours"] and spec["objective"] != "app_promotion":
            spec["schedule"] = {**spec.get("schedule", {}), "time_zone": "UTC"}
            if change["google_hours"] == "adjusted":  # Google's own hours, adjusting bids
                spec["google"]["hours"] = [{**_HOURS[0][0], "bid_adjustment": 1.2}, *_HOURS[1]]
            else:
                spec["schedule"]["hours"] = change["google_hours"]
        elif list(spec["platforms"]) == ["meta"] and change["meta_hours"]:
            daily = spec["budget"].pop("daily")
            spec["budget"]["lifetime"] = str(Decimal(daily) * 60)
            spec["schedule"] = {
                "start": "2026-12-01",
                "end": "2027-01-29",
                "time_zone": "UTC",
                "hours": _META_HOURS,
            }
            if change["meta_viewer_hours"]:
                spec.setdefault("meta", {})["hours_time_zone"] = "viewer"
            if change["meta_own_hours"]:
                for group, hours in zip(spec.get("ad_groups") or [], (_META_OWN_HOURS, []), strict=False):
                    schedule = group.setdefault("meta", {}).setdefault("schedule", {})
                    schedule["hours"] = hours


def _adjusting_places(documents: list[dict[str, Any]], modifier: float | None) -> None:
    """Each Google Search, Display or Shopping campaign adjusts its bids on the first place it targets on
    Google (``google.targeting``'s, else the campaign's) by ``modifier``."""
    if modifier is None:
        return
    for document in documents:
        spec = document["spec"]
        google = spec.get("google") or {}
        if "google" not in spec["platforms"] or spec["objective"] == "app_promotion":
            continue
        if google.get("channel", "search") not in ("search", "display", "shopping"):
            continue
        places = ((google.get("targeting") or {}).get("locations")) or spec["targeting"].get("locations")
        if places:
            spec.setdefault("google", {})["location_bid_adjustments"] = {places[0]: modifier}


def _exclude_in_first_ad_group(documents: list[dict[str, Any]], exclusions: dict[str, list[str]]) -> None:
    """The first ad group of each Google campaign excludes ``exclusions``, less the age brackets its
    targeting targets (its ages, else the campaign's)."""
    for document in documents:
        spec = document["spec"]
        if "google" not in spec["platforms"] or not spec["ad_groups"]:
            continue
        group = spec["ad_groups"][0]
        ages = group.get("targeting", {}).get("ages") or spec["targeting"]["ages"]
        options = {
            option: [v for v in values if option != "negative_ages" or not _targets_bracket(ages, v)]
            for option, values in exclusions.items()
        }
        group.setdefault("google", {}).update({k: v for k, v in options.items() if v})


def _as_google_app(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """The first Google campaign drawn, as a Google-only app campaign: what an app campaign cannot hold
    (keywords, targeting but locations and languages, exclusions, networks, ad group options, more final
    URLs) is left out, so that it compiles."""
    document = next(
        (
            d
            for d in documents
            if "google" in d["spec"]["platforms"]
            and path_segment(d["metadata"]["name"]) != change.get("hotel")
        ),
        None,
    )
    if change["google_app"] is None or document is None:
        return
    spec = document["spec"]
    spec["platforms"] = {"google": spec["platforms"]["google"]}
    spec["objective"] = "app_promotion"
    spec["app"] = change["google_app"]
    spec["budget"].pop("split", None)
    spec["targeting"] = {k: v for k, v in spec["targeting"].items() if k in ("locations", "languages")}
    # An app campaign targets no radius (``compile.google``).
    spec["targeting"]["locations"] = [c for c in spec["targeting"]["locations"] if not is_radius(c)] or ["US"]
    google = {k: v for k, v in spec["google"].items() if k == "eu_political_advertising"}
    spec["google"] = {**google, **({"bidding": change["app_bidding"]} if change["app_bidding"] else {})}
    spec.pop("meta", None)
    for group in spec["ad_groups"]:
        for key in ("keywords", "targeting", "google"):
            group.pop(key, None)
    for creative in spec["creatives"]:
        creative.pop("google", None)
    if change["pre_registration"]:  # an Android app's, maximising pre-registrations (no bidding of its own)
        spec["app"] = {"store": "google_play", "id": "com.example.puzzle"}
        spec["google"] = {**google, "app_campaign": "pre_registration"}
        for index, creative in enumerate(spec["creatives"]):
            creative["google"] = {"images": [str(3001 + index)]}
    change["app_campaign"] = path_segment(document["metadata"]["name"])


def _as_google_display(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """The last Google campaign drawn (not the app campaign), as a Display campaign: what a Display
    campaign cannot hold (keywords, networks, target impression share bidding) is left out, and its
    creatives name a long headline and image assets (at most 5 headlines: a responsive display ad's)."""
    documents = [
        d
        for d in documents
        if "google" in d["spec"]["platforms"]
        and path_segment(d["metadata"]["name"])
        not in (
            change.get("app_campaign"),
            change.get("demand_gen"),
            change.get("dynamic_search_campaign"),
            change.get("hotel"),
        )
    ]
    if change["google_display"] is None or not documents:
        return
    spec = documents[-1]["spec"]
    google = spec["google"]
    for option in ("networks", "negative_keywords", "keywords"):
        google.pop(option, None)
    bidding = google.get("bidding", {})
    if bidding.get("strategy") == "target_impression_share" or spec["objective"] == "awareness":
        google.pop("bidding", None)
    google.update(channel="display", business_name=change["google_display"])
    if change["display_accelerated"] and "shared_budget" not in google:
        google["budget_delivery"] = "accelerated"
    change["display_campaign"] = path_segment(documents[-1]["metadata"]["name"])
    for group in spec["ad_groups"]:
        group.pop("keywords", None)
    for index, creative in enumerate(spec["creatives"]):
        creative["headlines"] = creative["headlines"][:5]
        creative["google"] = {
            **creative.get("google", {}),
            "long_headline": f"{creative['headlines'][0]}, made for the long road",
            "marketing_images": [str(7000 + index), str(7100 + index)][: 1 + index % 2],
            "square_marketing_images": [str(7200 + index)],
            **({"logo_images": [str(7300 + index)]} if index % 2 else {}),
        }
        if videos := _VIDEO_IDS[index % 2 : index % 2 + change["display_videos"]]:
            creative["google"]["youtube_videos"] = videos


#: YouTube video ids the Performance Max campaign's asset groups show (``google.youtube_videos``).
_VIDEO_IDS = ("dQw4w9WgXcQ", "M7lc1UVf-VE", "aqz-KE-bpKQ", "jNQXAC9IVRw")
#: The bidding a Performance Max campaign takes (``spec._google_performance_max.PMAX_BIDDING``).
_PMAX_STRATEGIES = ("maximize_conversions", "target_cpa", "maximize_conversion_value", "target_roas")


def _as_google_pmax(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """A Google campaign drawn that is none of the app, Demand Gen and Display campaigns, nor on a shared
    budget, as
    a Google-only Performance Max campaign: targeting locations and languages only, no keywords, exclusions,
    networks or ad group options; each ad group an asset group of one creative's assets (Google's minimum:
    3 headlines, one of at most 15 characters, 2 descriptions, a long headline, images)."""
    taken = {
        change.get(k)
        for k in ("app_campaign", "demand_gen", "display_campaign", "dynamic_search_campaign", "hotel")
    }
    document = next(
        (
            d
            for d in documents
            if "google" in d["spec"]["platforms"]
            and path_segment(d["metadata"]["name"]) not in taken
            and not d["spec"].get("google", {}).get("shared_budget")
        ),
        None,
    )
    if change["google_pmax"] is None or document is None or not document["spec"]["creatives"]:
        return
    spec = document["spec"]
    spec["platforms"] = {"google": spec["platforms"]["google"]}
    spec["budget"].pop("split", None)
    spec["targeting"] = {k: v for k, v in spec["targeting"].items() if k in ("locations", "languages")}
    spec.pop("meta", None)
    google = {k: v for k, v in spec.get("google", {}).items() if k in ("eu_political_advertising", "labels")}
    bidding = spec.get("google", {}).get("bidding", {})
    if bidding.get("strategy") in _PMAX_STRATEGIES:
        google["bidding"] = {
            k: v for k, v in bidding.items() if k in ("strategy", "target_cpa", "target_roas")
        }
    spec["google"] = {**google, "channel": "performance_max", "business_name": change["google_pmax"]}
    creatives = spec["creatives"]
    for index, creative in enumerate(creatives):
        creative.pop("status", None)
        creative.pop("platforms", None)
        creative["headlines"] = [f"Shoes {index}", f"Run far, day {index}", f"Trail grip {index}"]
        creative["descriptions"] = [f"Light shoes {index}.", f"Grip for every trail, day {index}."]
        kept = {
            k: v for k, v in creative.get("google", {}).items() if k in ("path1", "additional_final_urls")
        }
        creative["google"] = {
            **kept,
            "long_headline": f"Shoes {index}, made for the long road",
            "marketing_images": [str(7400 + index)],
            "square_marketing_images": [str(7500 + index)],
            "square_logo_images": [str(7600 + index)],
        }
        if videos := _VIDEO_IDS[index % 2 : index % 2 + change["pmax_videos"]]:
            creative["google"]["youtube_videos"] = videos
    for index, group in enumerate(spec["ad_groups"]):
        for key in ("keywords", "targeting", "google", "meta", "platforms"):
            group.pop(key, None)
        group["creatives"] = [creatives[index % len(creatives)]["name"]]
    if not spec["ad_groups"] and len(creatives) > 1:
        spec["creatives"] = creatives[:1]
    change["pmax_campaign"] = path_segment(document["metadata"]["name"])


#: Product group trees a Shopping ad group may split its products into (``spec._product_groups``).
_SHOPPING_TREES: list[dict[str, Any]] = [
    {
        "split_by": "brand",
        "values": {"trailco": {"cpc_bid": "1.2"}, "knockoff": {"exclude": True}},
        "everything_else": {},
    },
    {
        "split_by": "product_type_l1",
        "values": {
            "shoes": {
                "split_by": "product_type_l2",
                "values": {"boots": {"cpc_bid": "0.9"}},
                "everything_else": {
                    "split_by": "condition",
                    "values": {"used": {"exclude": True}},
                    "everything_else": {},
                },
            },
            "socks": {"cpc_bid": "0.2"},
        },
        "everything_else": {"exclude": True},
    },
    {
        "split_by": "custom_label_3",
        "values": {"sale": {"cpc_bid": "0.1"}},
        "everything_else": {"cpc_bid": "0.7"},
    },
    {
        "split_by": "category_l1",
        "values": {"187": {"split_by": "item_id", "values": {"sku-9": {}}, "everything_else": {}}},
        "everything_else": {},
    },
]
#: Product filters a Demand Gen ad group may show its campaign's products through: all products (the
#: root alone), or a tree of included and excluded groups, none bid (``check_product_filter``).
_DEMAND_GEN_FILTERS: list[dict[str, Any]] = [
    {},
    {"split_by": "brand", "values": {"trailco": {}, "knockoff": {"exclude": True}}, "everything_else": {}},
    {
        "split_by": "channel",
        "values": {
            "online": {
                "split_by": "custom_label_0",
                "values": {"clearance": {"exclude": True}},
                "everything_else": {},
            }
        },
        "everything_else": {"exclude": True},
    },
]
#: The Google options a Shopping campaign takes as drawn (``spec._google_shopping``).
_SHOPPING_OPTIONS = ("eu_political_advertising", "labels", "negative_keywords", "networks", "shared_budget")
_SHOPPING_STRATEGIES = ("manual_cpc", "maximize_clicks", "target_roas")
#: What a Hotel campaign takes of them (``spec._google_hotel``: Google Search alone, no negative keywords;
#: manual CPC by default, each ad group at its max CPC).
_HOTEL_OPTIONS = ("eu_political_advertising", "labels", "shared_budget")
_HOTEL_STRATEGIES = ("manual_cpc", "target_roas")
#: The Hotel Center account whose Hotel campaign bids percent CPC (``_as_feed_campaign``).
_PERCENT_CPC_HOTEL_CENTER = "88990011"


def _claiming_for_hotel(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """The last Google campaign drawn (not an app_promotion one), claimed for the Hotel campaign drawn before
    the app, Demand Gen, Dynamic Search Ads, Display and Performance Max draws take theirs (they skip it):
    taken after them, as the Shopping campaign is, it was almost never free. Only beside another Google
    campaign: the only one drawn stays theirs to take."""
    free = [
        d
        for d in documents
        if "google" in d["spec"]["platforms"] and d["spec"]["objective"] != "app_promotion"
    ]
    google = [d for d in documents if "google" in d["spec"]["platforms"]]
    if change["google_hotel"] is not None and free and len(google) > 1:
        change["hotel"] = path_segment(free[-1]["metadata"]["name"])


def _as_google_shopping(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """A Google campaign drawn that is none of the app, Demand Gen, Display, Performance Max and Hotel
    campaigns, as a Google-only standard Shopping campaign: no creatives, targeting locations and languages
    only, no keywords or exclusions, its ad groups no options but a max CPC (one each when it bids manual
    CPC), and bidding manual CPC, maximize clicks or target ROAS (else Google's default for it); and the
    campaign claimed for Hotel (``_claiming_for_hotel``) as a Google-only Hotel campaign alike (its options
    and strategies fewer; under target ROAS on its implicit ad group when drawn without ad groups)."""
    taken = {
        change.get(k)
        for k in (
            "app_campaign",
            "demand_gen",
            "display_campaign",
            "dynamic_search_campaign",
            "pmax_campaign",
            "hotel",
        )
    }
    shopping = next(
        (
            d
            for d in documents
            if "google" in d["spec"]["platforms"] and path_segment(d["metadata"]["name"]) not in taken
        ),
        None,
    )
    for document in documents:
        name = path_segment(document["metadata"]["name"])
        if name == change.get("hotel"):
            _as_feed_campaign(document["spec"], change, hotel=True)
        elif document is shopping and change["google_shopping"] is not None:
            _as_feed_campaign(document["spec"], change, hotel=False)
            change["shopping"] = name


def _as_feed_campaign(spec: dict[str, Any], change: dict[str, Any], hotel: bool) -> None:
    """``spec`` as a Google-only Shopping campaign, or Hotel one (``_as_google_shopping``)."""
    spec["platforms"] = {"google": spec["platforms"]["google"]}
    if "budget" in spec:
        spec["budget"].pop("split", None)
    spec["targeting"] = {k: v for k, v in spec["targeting"].items() if k in ("locations", "languages")}
    spec.pop("meta", None)
    spec["creatives"] = []
    drawn = spec.get("google", {})
    google = {k: v for k, v in drawn.items() if k in (_HOTEL_OPTIONS if hotel else _SHOPPING_OPTIONS)}
    bidding = drawn.get("bidding", {})
    strategies = _HOTEL_STRATEGIES if hotel else _SHOPPING_STRATEGIES
    manual = bidding.get("strategy") == "manual_cpc" and bool(spec["ad_groups"])
    if bidding.get("strategy") in strategies and (manual or bidding["strategy"] != "manual_cpc"):
        google["bidding"] = {k: v for k, v in bidding.items() if k in ("strategy", "target_roas")}
    # The Hotel campaign of the second Hotel Center account drawn bids percent CPC (at most 2.50 a click),
    # each of its ad groups a percent of the room's price (``spec._google_hotel``).
    percent = hotel and change["google_hotel"] == _PERCENT_CPC_HOTEL_CENTER
    if percent:
        google["bidding"] = {"strategy": "percent_cpc", "max_cpc": "2.5"}
    if hotel:
        manual = google.get("bidding", {}).get("strategy", "manual_cpc") == "manual_cpc"
        if not spec["ad_groups"] and (manual or percent):  # both bid per ad group
            spec["ad_groups"] = [{"name": "hotels"}]  # else its implicit ad group, as drawn
        spec["google"] = {**google, "channel": "hotel", "hotel": {"hotel_center_id": change["google_hotel"]}}
    else:
        spec["google"] = {**google, "channel": "shopping", "shopping": dict(change["google_shopping"])}
    for index, group in enumerate(spec["ad_groups"]):
        for key in ("keywords", "targeting", "creatives", "meta", "platforms"):
            group.pop(key, None)
        bid = group.get("google", {}).get("cpc_bid") or ("0.5" if manual else None)
        group["google"] = {"cpc_bid": bid} if bid else {}
        if percent:
            group["google"]["percent_cpc_bid"] = "12.5" if index == 0 else "8"
        if index == 0 and change["shopping_tree"] is not None and not hotel:
            group["google"]["product_groups"] = change["shopping_tree"]
        if index % 2:
            group["status"] = "paused"


#: The Dynamic Search Ads drawn: a dynamic ad group's webpage targets (every page; or conditions of every
#: operand and operator; or targets paused and bid at a max CPC of their own), and the pages it and the
#: campaign exclude (``google.exclude_webpages``, ``google.dynamic_search_ads.exclude_webpages``).
_DYNAMIC_WEBPAGES: list[dict[str, list[dict[str, Any]]]] = [
    {"webpages": [{"name": "every page"}]},
    {
        "webpages": [
            {
                "name": "Sale / 50%",
                "conditions": [{"operand": "url", "operator": "equals", "argument": "/sale"}],
            },
            {
                "name": "boots",
                "conditions": [
                    {"operand": "category", "operator": "contains", "argument": "Boots"},
                    {"operand": "page_content", "operator": "contains", "argument": "waterproof"},
                    {"operand": "page_title", "operator": "equals", "argument": "Boots"},
                    {"operand": "custom_label", "operator": "contains", "argument": "winter"},
                ],
            },
        ]
    },
    {
        "webpages": [
            {"name": "every page", "status": "paused"},
            {"name": "trail", "cpc_bid": "1.25", "conditions": [{"operand": "url", "argument": "/trail"}]},
            {
                "name": "sale",
                "status": "paused",
                "cpc_bid": "0.4",
                "conditions": [{"operand": "url", "argument": "/sale"}],
            },
        ],
        "exclude_webpages": [
            {"name": "outlet", "conditions": [{"operand": "page_title", "argument": "Outlet"}]}
        ],
        "campaign": [
            {"name": "careers", "conditions": [{"operand": "url", "argument": "/careers"}]},
            {"name": "login", "conditions": [{"operand": "url", "operator": "equals", "argument": "/login"}]},
        ],
    },
]


def _with_dynamic_search_ads(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """A Google Search campaign drawn that is neither the app nor the Demand Gen campaign (the Display,
    Performance Max and Shopping ones are drawn after it, from the others) and adds no keywords to every
    ad group (``google.keywords``), with Dynamic Search Ads: its setting (supplied URLs only when it runs on
    Meta too) and page feed, and a dynamic ad group of the webpage targets drawn running a dynamic search
    ad, both on Google alone."""
    taken = {change.get(k) for k in ("app_campaign", "demand_gen", "hotel")}
    document = next(
        (
            d
            for d in documents
            if "google" in d["spec"]["platforms"]
            and path_segment(d["metadata"]["name"]) not in taken
            and d["spec"]["objective"] != "app_promotion"
            and d["spec"].get("google", {}).get("channel", "search") == "search"
            and not d["spec"].get("google", {}).get("keywords")
        ),
        None,
    )
    if change["dynamic_search"] is None or document is None:
        return
    spec = document["spec"]
    on_meta = "meta" in spec["platforms"]
    drawn = change["dynamic_search"]
    setting: dict[str, Any] = {"domain": "shop.example.com", "language": "en"}
    if on_meta:
        setting["use_supplied_urls_only"] = True
    if drawn.get("campaign"):
        setting["exclude_webpages"] = drawn["campaign"]
    if change["page_feed"]:
        setting["page_feed"] = change["page_feed"]
    spec.setdefault("google", {})["dynamic_search_ads"] = setting
    only_google = {"platforms": ["google"]} if on_meta else {}
    if not spec.get("ad_groups"):  # its implicit ad group, beside which the dynamic one runs
        spec["ad_groups"] = [{"name": IMPLICIT_AD_GROUP}]
    spec["ad_groups"].append(
        {
            "name": "dynamic pages",
            **only_google,
            "google": {k: drawn[k] for k in ("webpages", "exclude_webpages") if drawn.get(k)},
        }
    )
    spec.setdefault("creatives", []).append(
        {
            "name": "dynamic-ad",
            "type": "dynamic_search",
            **only_google,
            "descriptions": ["Everything for your run, found for you."],
        }
    )
    change["dynamic_search_campaign"] = path_segment(document["metadata"]["name"])


#: Calls to action of Demand Gen video ads drawn (v26 CallToActionType, as a spec writes them).
_CALLS_TO_ACTION = ("shop_now", "learn_more", "watch_now")


def _as_google_demand_gen(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """The first Google campaign drawn but the app campaign, as a Google-only Demand Gen campaign: what a
    Demand Gen campaign cannot hold (keywords, targeting but locations and languages, exclusions, networks,
    a shared budget, manual CPC or impression share bidding, ad group options) is left out, its ad groups
    keep their own places, its first runs on the channels drawn, and its creatives are multi-asset ads
    naming image assets (at most 5 headlines and descriptions), some saying a call to action text, the last
    ``demand_gen_video_ads`` of them video responsive ads, some with a call to action, a carousel of
    ``demand_gen_carousel`` cards and a product ad of the Merchant Center account drawn, if drawn, its first
    ad group showing the products of the product filter drawn."""
    document = next(
        (
            d
            for d in documents
            if "google" in d["spec"]["platforms"]
            and path_segment(d["metadata"]["name"]) not in (change.get("app_campaign"), change.get("hotel"))
        ),
        None,
    )
    if change["google_demand_gen"] is None or document is None:
        return
    spec = document["spec"]
    places = ("locations", "languages")
    spec["platforms"] = {"google": spec["platforms"]["google"]}
    spec["budget"].pop("split", None)
    spec["targeting"] = {k: v for k, v in spec["targeting"].items() if k in places}
    # A radius is a campaign criterion on Google, and a Demand Gen campaign's places are its ad groups'.
    spec["targeting"]["locations"] = [c for c in spec["targeting"]["locations"] if not is_radius(c)] or ["US"]
    bidding = spec["google"].get("bidding", {})
    google = {k: v for k, v in spec["google"].items() if k == "eu_political_advertising"}
    if (
        bidding.get("strategy") not in ("manual_cpc", "target_impression_share")
        and "impression_share" not in bidding
    ):
        google["bidding"] = bidding
    spec["google"] = {**google, "channel": "demand_gen", "business_name": change["google_demand_gen"]}
    spec.pop("meta", None)
    for group in spec["ad_groups"]:
        for key in ("keywords", "google"):
            group.pop(key, None)
        own = {k: v for k, v in group.pop("targeting", {}).items() if k in places}
        if own:
            group["targeting"] = own
    if len(spec["ad_groups"]) > 1:  # places of its own, which Google targets per ad group here
        spec["ad_groups"][-1]["targeting"] = {"locations": ["GB", "IE"], "languages": ["en"]}
    if change["demand_gen_channels"] is not None and spec["ad_groups"]:
        spec["ad_groups"][0]["google"] = {"channels": change["demand_gen_channels"]}
    videos_from = len(spec["creatives"]) - change["demand_gen_video_ads"]
    for index, creative in enumerate(spec["creatives"]):
        creative["headlines"] = creative["headlines"][:5]
        creative["descriptions"] = creative["descriptions"][:5]
        landscape = "marketing_images" if index % 2 else "square_marketing_images"
        kept = {k: v for k, v in creative.get("google", {}).items() if k == "additional_final_urls"}
        if index >= videos_from:  # a video responsive ad: its videos (some shared), a logo, optional parts
            creative["google"] = {
                **kept,
                "youtube_videos": list(_VIDEO_IDS[index % 3 : index % 3 + 1 + index % 2]),
                "logo_images": [str(8200 + index)],
                **({"long_headlines": [f"{creative['headlines'][0]} on video"]} if index % 2 else {}),
                **({"breadcrumb1": "trail", "companion_banners": [str(8300 + index)]} if index % 3 else {}),
                **({"call_to_action": _CALLS_TO_ACTION[index % 3]} if index % 2 == 0 else {}),
            }
            continue
        creative["google"] = {
            **kept,
            landscape: [str(8000 + index)],
            **({"portrait_marketing_images": [str(8100 + index)]} if index % 3 else {}),
            "logo_images": [str(8200 + index)],
            **({"call_to_action_text": f"{creative['headlines'][0]} now"} if index % 3 == 1 else {}),
        }
    if change["demand_gen_carousel"] is not None:
        spec["creatives"].append(_carousel(change["demand_gen_carousel"]))
        for group in spec["ad_groups"]:
            if group.get("creatives") is not None:
                group["creatives"].append("range")
    if change["demand_gen_products"] is not None:
        merchant, feed_label = change["demand_gen_products"]
        spec["google"]["demand_gen"] = {
            "merchant_id": merchant,
            **({"feed_label": feed_label} if feed_label else {}),
        }
        spec["creatives"].append(_product_ad(change["product_breadcrumbs"]))
        for group in spec["ad_groups"]:
            if group.get("creatives") is not None:
                group["creatives"].append("shelf")
        if change["demand_gen_filter"] is not None and spec["ad_groups"]:
            spec["ad_groups"][0].setdefault("google", {})["product_groups"] = change["demand_gen_filter"]
    change["demand_gen"] = path_segment(document["metadata"]["name"])


def _product_ad(breadcrumbs: bool) -> dict[str, Any]:
    """A Demand Gen product ad (a ``type: product`` creative): its headline, description, one logo, and its
    breadcrumbs if drawn, else a call to action."""
    return {
        "name": "shelf",
        "type": "product",
        "primary_text": "Shoes for every trail, in stock.",
        "final_url": "https://shop.example.com/shelf",
        "google": {
            "headline": "Trail shoes in stock",
            "logo_images": ["8600"],
            **(
                {"breadcrumb1": "trail", "breadcrumb2": "shoes"}
                if breadcrumbs
                else {"call_to_action": "buy_now"}
            ),
        },
    }


def _carousel(cards: int) -> dict[str, Any]:
    """A Demand Gen carousel ad of ``cards`` cards, each naming image assets, some their call to action."""
    return {
        "name": "range",
        "type": "carousel",
        "primary_text": "Shoes for every trail.",
        "final_url": "https://shop.example.com/range",
        "google": {"headline": "The trail range", "logo_images": ["8400"]},
        "cards": [
            {
                "headline": f"Card {index}",
                "final_url": f"https://shop.example.com/range/{index}",
                "google": {
                    ("marketing_image" if index % 2 else "square_marketing_image"): str(8500 + index),
                    **({"call_to_action_text": "Shop"} if index == 1 else {}),
                },
            }
            for index in range(cards)
        ],
    }


def _targets_bracket(ages: dict[str, Any], label: str) -> bool:
    """Whether the unified ``ages`` target Google's age bracket ``label`` (the full range targets none)."""
    low, high = ages["min"], ages["max"]
    if low <= MIN_TARGETABLE_AGE and high is None:
        return False
    for name, first, last in AGE_BUCKETS:
        if EXCLUDED_AGES[label] == name:
            return (high is None or first <= high) and (last is None or last >= low)
    return False  # undetermined: no range targets it


#: The apps a drawn app campaign promotes: (id in its store, its Meta app id, a store page of its own).
_APPS = {
    "google_play": (
        "com.example.game",
        "9876543210",
        "https://play.google.com/store/apps/details?id=com.example.game&hl=en",
    ),
    "app_store": ("284882215", "1234567890", "https://apps.apple.com/us/app/the-game/id284882215"),
}


def _meta_only(documents: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The drawn Meta-only campaigns' documents, made anew by the caller: their Google bidding (drawn for
    their old objective; none fits the new one) is dropped first."""
    for document in documents:
        if list(document["spec"]["platforms"]) == ["meta"]:
            document["spec"].pop("google", None)
            yield document


def _promoting_an_app(documents: list[dict[str, Any]], change: dict[str, Any]) -> set[str]:
    """Make the drawn Meta-only campaigns app campaigns (when drawn): the app, creatives linking to its store
    page (no final_url) with a mobile app's call to action, ad sets optimising for installs. Returns their
    address paths."""
    if change["app"] is None:
        return set()
    app_id, meta_app_id, own_page = _APPS[change["app"]]
    out = set()
    for document in _meta_only(documents):
        spec = document["spec"]
        spec["objective"] = "app_promotion"
        spec["app"] = {"store": change["app"], "id": app_id, "meta_app_id": meta_app_id}
        if change["app_store_url"]:
            spec["app"]["store_url"] = own_page
        for creative in spec["creatives"]:
            creative.pop("final_url", None)
            if creative.get("call_to_action") == "none":
                del creative["call_to_action"]  # install_app
        out.add(path_segment(document["metadata"]["name"]))
    return out


#: The drawn welcome messages of click-to-message ads, normalised (``connectors.meta_welcome``).
WELCOMES: Final = {
    "text": {"text": "Hello! How can we help?"},
    "questions": {"text": "Hi there", "ice_breakers": ["Do you ship abroad?", "What sizes are there?"]},
    "responses": {
        "text": "Hi {{user_first_name}}",
        "ice_breakers": ["Do you ship abroad?", "What sizes are there?"],
        "ice_breaker_responses": [None, "S to XL, {{user_first_name}}."],
    },
    "autofill": {"text": "Welcome!", "autofill_message": "I'd like a quote, please"},
    "button": {
        "text": "Need help?",
        "autofill_message": "I need assistance",
        "button": {"type": "url", "url": "https://shop.example.com/help"},
    },
    "quick_replies": {
        "text": "Want a quote?",
        "text_format": {
            "customer_action_type": "quick_replies",
            "message": {
                "quick_replies": [
                    {"title": "Yes", "content_type": "text", "response_type": None},
                    {"title": "No", "content_type": "text", "response_type": None, "payload": "NO_THANKS"},
                ]
            },
        },
    },
}
#: The Page a drawn click-to-message campaign's ads open a conversation with (the Meta account's page_id), and
#: the Instagram account of its Instagram Direct ads (its instagram_user_id).
_PAGE_ID = "1122334455"
_INSTAGRAM_USER_ID = "17841400000000001"


def _opening_conversations(documents: list[dict[str, Any]], change: dict[str, Any]) -> set[str]:
    """Make the drawn Meta-only campaigns click-to-message ones (when drawn, and none promotes an app): an
    objective that takes them, ``meta.destination`` (and the WhatsApp number; the first ad group's own),
    creatives without final_url or call to action (the conversation's). Returns their address paths."""
    how = change["messaging"]
    if how is None or change["app"] is not None:
        return set()
    out = set()
    for document in _meta_only(documents):
        spec = document["spec"]
        if spec["objective"] not in ("traffic", "engagement", "sales"):
            spec["objective"] = "engagement"
        own: dict[str, Any] = {"destination": "whatsapp", "whatsapp_number": "+15551230000"}
        if how in ("messenger", "instagram"):
            own = {"destination": how}
        elif isinstance(how, tuple):
            own = {"destination": list(how)}
            if "whatsapp" in how:
                own["whatsapp_number"] = "+15551230000"
        spec.setdefault("meta", {}).update(own)
        if how == "both" and len(spec.get("ad_groups") or ()) > 1:
            spec["ad_groups"][0].setdefault("meta", {})["destination"] = "messenger"
        if isinstance(how, tuple) and len(how) == 3 and len(spec.get("ad_groups") or ()) > 1:
            # An ad group's own apps: two of the campaign's three, WhatsApp among them (the number's).
            spec["ad_groups"][0].setdefault("meta", {})["destination"] = ["whatsapp", how[0]]
            if how[0] == "whatsapp":
                spec["ad_groups"][0]["meta"]["destination"] = ["whatsapp", how[1]]
        groups = spec.get("ad_groups") or [{}]
        if how == "instagram" or (isinstance(how, tuple) and "instagram" in how):
            # Instagram Direct ads run on Instagram, among other platforms or alone
            for meta in [spec["meta"], *(g.get("meta") or {} for g in groups)]:
                placed = meta.get("placements")
                if isinstance(placed, list) and placed and "instagram" not in placed:
                    meta["placements"] = [*placed, "instagram"]
                elif isinstance(placed, dict) and "instagram" not in placed:
                    meta["placements"] = {**placed, "instagram": []}
        for creative in spec["creatives"]:
            creative.pop("call_to_action", None)
            if any(creative["name"] in g.get("creatives", [creative["name"]]) for g in groups):
                creative.pop("final_url", None)  # one no ad set runs keeps it: it needs one
        out.add(path_segment(document["metadata"]["name"]))
    return out


def _running_as_instagram(documents: list[dict[str, Any]], change: dict[str, Any]) -> bool:
    """Run the first creative of each drawn campaign on Meta as the account's Instagram account (when
    drawn; a Page post's runs as its post says). Returns whether any does."""
    if not change["instagram_identity"]:
        return False
    running = False
    for document in documents:
        spec = document["spec"]
        if "meta" not in spec["platforms"] or not spec.get("creatives"):
            continue
        creative = spec["creatives"][0]
        if creative.get("type") == "post" or creative.get("platforms") == ["google"]:
            continue
        creative.setdefault("meta", {})["instagram_identity"] = True
        running = True
    return running


#: The catalog and product sets of the drawn catalog ads campaigns (``spec._meta_catalog``).
_CATALOG, _PRODUCT_SET, _FIRST_GROUP_SET = "8800112233", "7700000001", "7700000002"


def _showing_catalogs(documents: list[dict[str, Any]], change: dict[str, Any]) -> set[str]:
    """Make the drawn Meta-only campaigns catalog ads campaigns (when drawn, and none promotes an app or opens
    a conversation): a sales campaign with ``meta.catalog`` and ``meta.product_set`` (the first ad group's
    own), no conversion, and template creatives of one headline and one description carrying product tags.
    Returns their address paths."""
    if not change["catalog"] or change["app"] is not None or change["messaging"] is not None:
        return set()
    out = set()
    for document in _meta_only(documents):
        spec = document["spec"]
        spec["objective"] = "sales"
        spec.setdefault("meta", {}).update(catalog=_CATALOG, product_set=_PRODUCT_SET)
        if spec.get("ad_groups"):
            spec["ad_groups"][0].setdefault("meta", {})["product_set"] = _FIRST_GROUP_SET
        for creative in spec["creatives"]:
            creative["type"] = "catalog"
            creative["headlines"] = [f"{{{{product.name}}}} {creative['headlines'][0]}"]
            creative["descriptions"] = [f"From {{{{product.price}}}}: {creative['descriptions'][0]}"]
        out.add(path_segment(document["metadata"]["name"]))
    return out


def _in_catalog_format(fields: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """A template in the drawn format (``meta_graph.CATALOG_FORMAT_WIRE``), its end card dropped when drawn:
    a carousel's, or a single product's, which is never sent nor read there (a carousel's alone: one
    product's images always go without it)."""
    fmt = change["catalog_format"]
    out = {**fields, **({"catalog_format": fmt} if fmt else {})}
    if not change["catalog_end_card"] and fmt != "product_images":
        out["multi_share_end_card"] = False
    return out


def _unmark(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for key in ("labels", "adlabels"):
        if key in out:
            out[key] = [label for label in out[key] if label != MANAGED_MARKER]
            if not out[key]:
                del out[key]
    return out


def _by_hand(
    resource: Resource,
    change: dict[str, Any],
    first_adset: set[str],
    budgets: dict[str, dict[str, Any]],
    aged: set[str],
    app_campaigns: set[str],
    linkless_campaigns: set[str],
    converting: set[str],
    messaging: set[str],
    catalogs: set[str],
) -> dict[str, Any]:
    """``app_campaigns``: the address paths of the campaigns promoting an app, whose ads keep their call to
    action and whose ad sets their goal (Meta needs an app's); ``linkless_campaigns``: those of awareness
    and engagement campaigns, whose Meta ads may be photo posts sending people nowhere; ``converting``:
    those whose Meta ad sets optimise for conversions, which alone can bid for a minimum ROAS (optimising
    for value); ``messaging``: those of click-to-message campaigns, whose ads keep their button and link data
    and whose ad sets optimise for what a conversation takes; ``catalogs``: those of catalog ads campaigns,
    whose ads stay templates and whose ad sets show their product set (counting no pixel's event)."""
    fields = _unmark(resource.fields)
    strategy = change["bid_strategy"]
    if strategy == "LOWEST_COST_WITH_MIN_ROAS" and resource.address.campaign not in converting:
        strategy = "COST_CAP"
    promotes_app = resource.address.campaign in app_campaigns
    # Their ads keep the conversation's button and their link data (Meta's click-to-message ads).
    chats = resource.address.campaign in messaging
    templates = resource.address.campaign in catalogs
    if resource.address.platform == "meta" and resource.address.path in budgets:
        fields = {k: v for k, v in fields.items() if k != "daily_budget"}
        fields.update(budgets[resource.address.path])
    platform, kind = resource.address.platform, resource.address.kind
    # An app, Demand Gen or Performance Max campaign has no network settings and its ad groups (if any) no
    # bids of their own.
    in_app = platform == "google" and resource.address.path.split("/", 1)[0] in (
        change.get("app_campaign"),
        change.get("demand_gen"),
        change.get("pmax_campaign"),
    )
    # A Shopping ad group's one product ad runs (import refuses it paused); its products bid at its max CPC.
    shopping = platform == "google" and resource.address.path.split("/", 1)[0] in (
        change.get("shopping"),
        change.get("hotel"),
    )
    if kind in ("ad_group_ad", "ad") and change["paused_ads"] and not shopping:
        fields["status"] = "PAUSED"
    if kind == "ad_group_criterion" and fields.get("type") == "KEYWORD" and change["paused_keywords"]:
        fields["status"] = "PAUSED"
    if (platform, kind) == ("google", "ad_group") and change["cpc_bid_micros"] and not (in_app or shopping):
        fields["cpc_bid_micros"] = change["cpc_bid_micros"]
    if (platform, kind) == ("google", "campaign_budget") and change["budget_name"]:
        if is_shared_budget(resource.address):
            return fields  # a shared budget has a name of its own already
        fields["name"] = f"Budget #7 of {resource.address.path} (not shared)"
    if kind in ("campaign", "ad_group", "adset") and change["labels"]:
        fields["labels" if platform == "google" else "adlabels"] = list(change["labels"])
    hotel = resource.address.path.split("/", 1)[0] == change.get("hotel")  # Google Search alone
    if (platform, kind) == ("google", "campaign") and change["google_search_off"] and not (in_app or hotel):
        fields["network_settings"] = {**fields["network_settings"], "target_google_search": False}
    if (platform, kind) == ("meta", "adcreative"):
        # A title Google's ad does not have, or none: the ad becomes a creative per platform.
        if change["meta_title"] == "other":
            fields["title"] = "Seen on Meta only"
        elif change["meta_title"] == "none":
            fields.pop("title", None)
        if chats and change["welcome"] is not None:
            fields["page_welcome_message"] = WELCOMES[change["welcome"]]
        if change["no_call_to_action"] and not promotes_app and not chats:
            fields.pop("call_to_action_type", None)
        if change["meta_image_hash"] and fields.get("link_url") and not templates:
            fields.pop("image_url", None)
            fields["image_hash"] = IMAGE_HASH
        if change["meta_creative_kind"] == "photo":
            if resource.address.campaign in linkless_campaigns and not chats:
                fields = _as_photo_post(fields, change, resource.address.path)
        elif change["meta_creative_kind"] and not promotes_app and not chats and not templates:
            fields = _as_meta_kind(fields, change, resource.address.path)
        story = "cards" not in fields and "object_story_id" not in fields and fields.get("link_url")
        if change["meta_text_options"] and story and not chats and not templates:
            fields = _with_text_options(fields)
        if templates:
            fields = _in_catalog_format(fields, change)
        if change["meta_media_options"] and story and not chats and not templates:
            fields = _with_media_options(fields)
    if (platform, kind) == ("meta", "campaign") and change["spend_cap"] is not None:
        fields["spend_cap"] = change["spend_cap"]
    if (platform, kind) == ("meta", "campaign") and strategy:
        fields["bid_strategy"] = strategy
    if (platform, kind) == ("meta", "adset") and strategy:
        own = resource.address.path in first_adset and change["first_adset_own_bid"]
        if strategy == "LOWEST_COST_WITH_MIN_ROAS":
            fields["bid_constraints"] = {"roas_average_floor": 31250 if own else 25000}
            fields["optimization_goal"] = "VALUE"
        else:
            fields["bid_amount"] = 725 if own else 500
    own_strategy = change["first_adset_own_strategy"] and resource.address.path in first_adset
    if (platform, kind) == ("meta", "adset") and own_strategy and resource.address.campaign in budgets:
        campaigns = strategy or "LOWEST_COST_WITHOUT_CAP"
        fields.pop("bid_constraints", None)
        fields["bid_strategy"] = (
            "COST_CAP" if campaigns == "LOWEST_COST_WITH_BID_CAP" else "LOWEST_COST_WITH_BID_CAP"
        )
        fields["bid_amount"] = 900
    counted = change["custom_conversion"]
    counting = (platform, kind) == ("meta", "adset") and "pixel_id" in (fields.get("promoted_object") or {})
    if counting and (counted == "every" or (counted == "first" and resource.address.path in first_adset)):
        fields["promoted_object"] = {"custom_conversion_id": "5550001" if counted == "every" else "5550002"}
    named = change["custom_event"]
    # An ad set counting a pixel's event, or none (one optimising for clicks, reach … may count one too):
    # an app's and a conversation's promote their app or Page.
    promoted = fields.get("promoted_object")
    counting = (platform, kind) == ("meta", "adset") and (promoted is None or "pixel_id" in promoted)
    if counting and (named == "every" or (named == "first" and resource.address.path in first_adset)):
        # The first ad set's own is the name and one more character (50 at most, Meta's limit).
        name = change["custom_event_name"] + ("" if named == "every" else "x")
        pixel = (promoted or {}).get("pixel_id", "424242")
        fields["promoted_object"] = {
            "pixel_id": pixel,
            "custom_event_type": "OTHER",
            "custom_event_str": name,
        }
    ruled = change["pixel_rule"]
    promoted = fields.get("promoted_object")
    counting = (platform, kind) == ("meta", "adset") and "pixel_id" in (promoted or {})
    if counting and (ruled == "every" or (ruled == "first" and resource.address.path in first_adset)):
        spaced = len(resource.address.path) % 2 == 1
        rule = (
            '{ "url" : { "i_contains" : "thanks" } ,  "and" : [ { "value" : { "gt" : 10 } } ] }'
            if spaced
            else '{"and":[{"value":{"gt":10}}],"url":{"i_contains":"thanks"}}'
        )
        if ruled == "first":
            rule = '{"url": {"eq": "https://example.com/ok"}}'
        fields["promoted_object"] = {**promoted, "pixel_rule": rule}
    if (platform, kind) == ("meta", "adset") and resource.address.path in aged:
        fields["targeting"] = {**fields["targeting"], "age_min": 40, "age_max": 50}
    advantage = change["advantage_audience"]
    if (
        (platform, kind) == ("meta", "adset")
        and advantage
        and (advantage == "every" or resource.address.path in first_adset)
    ):
        on = {"age_max": 65, "targeting_automation": {"advantage_audience": 1}}
        fields["targeting"] = {**fields["targeting"], **on}
    settings = change["advantage_settings"]
    if (
        (platform, kind) == ("meta", "adset")
        and settings
        and (settings == "every" or resource.address.path in first_adset)
    ):
        automation = {**fields["targeting"].get("targeting_automation", {})}
        automation["individual_setting"] = change["individual_setting"]
        fields["targeting"] = {**fields["targeting"], "targeting_automation": automation}
    devices = change["adset_devices"]
    if (platform, kind) == ("meta", "adset") and not promotes_app and devices:
        first = resource.address.path in first_adset
        if devices == "every" or first:
            on = ["desktop"] if first and devices == "first" else ["mobile"]
            fields["targeting"] = {**fields["targeting"], DEVICES: on}
    if (platform, kind) == ("meta", "adset") and resource.address.path in first_adset:
        valued = strategy == "LOWEST_COST_WITH_MIN_ROAS"
        reach_refused = (promotes_app or chats) and change["adset_goal"] == "REACH"
        # Meta's multidestination guide: an ad set opening several apps optimises for conversations alone,
        # so a drawn goal change sets that goal there, as a console edit of it would (its default: no change).
        several_apps = str(fields.get("destination_type") or "").startswith("MESSAGING_")
        if change["adset_goal"] and not valued and not reach_refused:
            fields["optimization_goal"] = META_MESSAGING_GOAL if several_apps else change["adset_goal"]
        if change["one_adset_paused"]:
            fields["status"] = "PAUSED"
        if change["one_adset_placed"] is not None:
            targeting = {k: v for k, v in fields["targeting"].items() if k not in PLACEMENT_KEYS - {DEVICES}}
            fields["targeting"] = {**targeting, **change["one_adset_placed"]}
        # Dates of its own, in the drawn schedule's time zone (Europe/Berlin, +0100 all winter).
        if change["one_adset_dated"] == "later":
            fields["start_time"] = "2026-12-15T00:00:00+0100"
        elif change["one_adset_dated"] == "open" and fields.pop("end_time", None) is None:
            fields["end_time"] = "2027-01-10T23:59:59+0100"  # none: one of its own
    return fields


def _as_meta_kind(fields: dict[str, Any], change: dict[str, Any], path: str) -> dict[str, Any]:
    """A Meta link creative's fields as a carousel's (its link and primary text, cards linking below its
    link, each with the creative's call to action) or as a Page post's (the post alone)."""
    if change["meta_creative_kind"] == "post":
        post = 1000 + sum(map(ord, path.rsplit("/", 1)[-1]))  # one post per creative, whatever its ad set
        tags = {k: fields[k] for k in ("url_tags",) if k in fields}
        return {"name": fields["name"], "object_story_id": f"1122334455_{post}", **tags}
    action = {"call_to_action_type": fields["call_to_action_type"]} if "call_to_action_type" in fields else {}
    cards = [
        {
            "link_url": f"{fields['link_url'].rstrip('/')}/card-{n}",
            "title": f"Card {n}",
            **({"video_id": f"70{n}"} if n == 2 else {}),
            **(
                {"image_hash": IMAGE_HASH}
                if n == 1 and change["meta_image_hash"]
                else {"image_url": f"https://cdn.example.com/card-{n}.jpg"}
            ),
            **action,
        }
        for n in range(1, change["carousel_cards"] + 1)
    ]
    kept = {k: fields[k] for k in ("name", "body", "link_url", "page_id", "url_tags") if k in fields}
    end_card = change["carousel_end_card"]
    return {**kept, "cards": cards, **({"multi_share_end_card": end_card} if end_card is not None else {})}


def _with_text_options(fields: dict[str, Any]) -> dict[str, Any]:
    """A Meta link or video creative's fields with its texts as text options (``meta.text_options``), and a
    further primary text where it has one."""
    texts = {k: fields.pop(k, None) for k in ("body", "title", "description")}
    options = {
        "bodies": [texts["body"], "Also on Meta."] if texts["body"] else [],
        "titles": [texts["title"]] if texts["title"] else [],
        "descriptions": [texts["description"]] if texts["description"] else [],
    }
    return {**fields, "text_options": {k: v for k, v in options.items() if v}}


def _with_media_options(fields: dict[str, Any]) -> dict[str, Any]:
    """A Meta link or video creative's fields with a further video (of a video ad) or image (of an image by
    URL, or of a link ad without one, which gets one; of an image of the library, a further one by hash) in
    its asset feed (``meta.images`` / ``meta.videos``)."""
    if fields.get("video_id"):
        return {**fields, "media_options": {"videos": ["880088"]}}
    if fields.get("image_hash"):
        return {**fields, "media_options": {"images": [FURTHER_IMAGE_HASH]}}
    first = {"image_url": fields.get("image_url") or "https://cdn.example.com/first-on-meta.jpg"}
    return {**fields, **first, "media_options": {"images": ["https://cdn.example.com/also-on-meta.jpg"]}}


def _as_photo_post(fields: dict[str, Any], change: dict[str, Any], path: str) -> dict[str, Any]:
    """A Meta link creative's fields as a photo post made for the ad: its image (a library image's hash, or
    by URL), its primary text as the caption and its URL tags (its own, as compile keeps them), without link,
    title, description or call to action."""
    slug = path.rsplit("/", 1)[-1].replace(" ", "-")
    image = (
        {"image_hash": IMAGE_HASH}
        if change["meta_image_hash"]
        else {"image_url": fields.get("image_url") or f"https://cdn.example.com/{slug}.jpg"}
    )
    kept = {k: fields[k] for k in ("name", "body", "page_id", "url_tags") if k in fields}
    return {**kept, **image}


def _on_shared_budget(documents: list[dict[str, Any]], change: dict[str, Any], google: str) -> list[Any]:
    """Put the drawn Google campaigns (every one, or only the first) on one shared budget: a Google-only
    campaign then has no budget, one also on Meta its Meta half (the drawn amount, unsplit). Returns the
    SharedBudget document ([] when none is drawn)."""
    funded = [d for d in documents if "google" in d["spec"]["platforms"]]
    if change["shared_budget"] is None or not funded:
        return []
    name = change["shared_budget_name"]
    for document in funded if change["shared_budget"] == "every" else funded[:1]:
        spec = document["spec"]
        spec["google"]["shared_budget"] = name
        if "meta" in spec["platforms"]:
            spec["budget"].pop("split", None)
        else:
            del spec["budget"]
    amount = {"daily": str(change["shared_budget_daily"]), "currency": "USD"}
    return [_document("SharedBudget", name, {"account": google, **amount})]


def _google_shapes(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """Give the drawn Google campaigns the Google settings drawn: the EU political advertising
    declaration, and final URLs after the first on their first creative (in an order of their own)."""
    for document in documents:
        spec = document["spec"]
        if "google" not in spec["platforms"]:
            continue
        if change["eu_political"]:
            spec["google"]["eu_political_advertising"] = True
        if change["additional_final_urls"]:
            creative = spec["creatives"][0]
            more = [f"{creative['final_url']}?landing={n}" for n in ("b", "a")]
            creative["google"] = {"additional_final_urls": more[: change["additional_final_urls"]]}


def _url_tracking_shapes(documents: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """Give the drawn campaigns the URL tracking and click bids drawn, where the spec language takes them:
    no URL tracking on a Google app campaign, no creative's own on a Performance Max one's asset groups."""
    how = change["url_parameters"]
    for document in documents:
        spec = document["spec"]
        google = spec.get("google", {})
        on_google = "google" in spec["platforms"]
        if on_google and spec["objective"] == "app_promotion":
            continue
        if how in ("campaign", "both"):
            spec["url_parameters"] = "utm_source=ads&utm_medium=paid"
        if (
            how in ("creative", "both")
            and spec.get("creatives")
            and google.get("channel") != "performance_max"
        ):
            spec["creatives"][0]["url_parameters"] = "utm_source=ads&utm_content=first"
        if not on_google:
            continue
        if change["google_tracking"]:
            google["tracking_url_template"] = "{lpurl}?src={_src}"
            google["url_custom_parameters"] = {"src": "midas", "team": "growth"}
        if change["own_tracking"] and google.get("channel") != "performance_max":
            _own_url_options(spec)
        if change["group_tracking"] and google.get("channel") != "performance_max":
            groups = [g for g in spec.get("ad_groups", []) if "google" in g.get("platforms", ["google"])]
            for group in groups[:1]:
                group.setdefault("google", {}).update(
                    {"final_url_suffix": "utm_content=group", "url_custom_parameters": {"g": "first"}}
                )
        if change["keyword_bid"]:
            for group in spec.get("ad_groups", [])[:1]:
                for keyword in group.get("keywords", [])[:1]:
                    keyword["cpc_bid"] = "0.75"
        if change["keyword_urls"]:
            for group in spec.get("ad_groups", [])[:1]:
                for keyword in group.get("keywords", [])[:1]:
                    keyword.update(
                        {
                            "final_url": "https://example.com/keyword",
                            "final_url_suffix": "utm_term=first",
                            "tracking_url_template": "{lpurl}?k={_k}",
                            "url_custom_parameters": {"k": "first"},
                        }
                    )
                    more = [f"https://example.com/keyword-{n}" for n in range(change["keyword_more_urls"])]
                    if more:
                        keyword["additional_final_urls"] = more
        bidding = google.get("bidding", {})
        if change["max_cpc"] and spec["objective"] == "traffic" and not bidding and not google.get("channel"):
            google["bidding"] = {"strategy": "maximize_clicks", "max_cpc": "1.50"}


def _own_url_options(spec: dict[str, Any]) -> None:
    """The first creative on Google gets its ad's own tracking template, custom parameters and final mobile
    URLs (``google`` options of the creative)."""
    on_google = [c for c in spec.get("creatives", []) if "google" in c.get("platforms", ["google"])]
    for creative in on_google[:1]:
        creative.setdefault("google", {}).update(
            {
                "tracking_url_template": "{lpurl}?ad={_ad}",
                "url_custom_parameters": {"ad": "first"},
                "final_mobile_urls": ["https://m.example.com/first"],
            }
        )


def _targeting_audiences(documents: list[dict[str, Any]], change: dict[str, Any], accounts: Any) -> list[Any]:
    """Have the drawn campaigns target and/or exclude the console audiences (or one ad group of each, or
    their Meta half, target one), observed only on Google or not. Returns their ``existing: true`` Audience
    documents, on ``accounts`` (platform → its accounts), which must then be built there ([] when none is
    drawn)."""
    how = change["audiences"]
    if how is None:
        return []
    for document in documents:
        spec = document["spec"]
        groups = spec["ad_groups"]
        if how in ("target", "both") or (how == "ad_group" and not groups):
            spec["targeting"]["audiences"] = [TARGETED]
        if how in ("exclude", "both"):
            spec["targeting"].setdefault("exclude", {})["audiences"] = [EXCLUDED]
        if how == "ad_group" and groups:
            groups[0]["targeting"] = {**groups[0].get("targeting", {}), "audiences": [TARGETED]}
        if how == "on_meta" and "meta" in spec["platforms"]:
            spec["meta"]["targeting"] = {"audiences": [TARGETED]}
        if change["audiences_observed"] and "google" in spec["platforms"]:
            for group in groups:
                group["google"] = {"audience_mode": "observation"}
    platforms = {p: {"account": a[0]} if len(a) == 1 else {"accounts": a} for p, a in accounts.items()}
    return [
        _document("Audience", n, {"existing": True, "platforms": platforms}) for n in (TARGETED, EXCLUDED)
    ]


def _to_second_google_account(
    data: st.DataObject, documents: list[dict[str, Any]], change: dict[str, Any], account: str
) -> None:
    """Maybe (drawn) move the second of two campaigns to Google ``account``: an agency's other account. It
    then has no shared budget, which would fund the campaigns of one account."""
    if (
        len(documents) == 2
        and "google" in documents[1]["spec"]["platforms"]
        and data.draw(st.booleans(), label="second Google account")
    ):
        documents[1]["spec"]["platforms"]["google"] = {"account": account}
        change["shared_budget"] = None


def _document(kind: str, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "midas/v1", "kind": kind, "metadata": {"name": name}, "spec": spec}


def _audiences_named(node: Any) -> set[str]:
    """The audiences the campaigns as written target or exclude, anywhere in them: a campaign the drawing
    made Performance Max keeps only its locations and languages, and so none."""
    if isinstance(node, dict):
        found = {a for a in node.get("audiences", []) if isinstance(a, str)}
        return found.union(*(_audiences_named(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_audiences_named(v) for v in node))
    return set()


def _build_audiences(session: Session) -> dict[Address, str]:
    """Both console audiences built in every sandbox account of ``session``: their address → id."""
    ids: dict[Address, str] = {}
    for account in session.accounts():
        connector = session.connector(account)
        assert isinstance(connector, SandboxConnector)
        platform = connector.platform
        kind = "user_list" if platform == "google" else "customaudience"
        where = {account: (platform, connector.native_id, "USD")}
        for name in (TARGETED, EXCLUDED):
            ids[Address(platform, account, kind, path_segment(name))] = add_audience(
                connector.world, where, account, name
            )
    return ids


def _adset_budgets(desired: list[Resource], dropped: set[str], mixed: bool) -> dict[str, dict[str, Any]]:
    """Each Meta campaign's daily budget shared out among its ad sets, as a console user who switches
    to ad set budgets does (campaign path → no budget; ad set path → its share), where every share can
    be at least Meta's minimum. ``mixed``: the last of several ad sets gets a lifetime budget instead (and
    an end of its own if it has none), on top of the daily ones, which share the daily budget out."""
    adsets: dict[str, list[str]] = {}
    for r in desired:
        if r.address.kind == "adset" and r.address.path not in dropped:
            adsets.setdefault(r.address.campaign, []).append(r.address.path)
    out: dict[str, dict[str, Any]] = {}
    for r in desired:
        units = r.fields.get("daily_budget") if r.address.kind == "campaign" else None
        paths = sorted(adsets.get(r.address.path, []))
        lifetime = paths[-1:] if mixed and len(paths) > 1 else []
        daily = paths[: len(paths) - len(lifetime)]
        if units is None or not daily or units // len(daily) < meta_minimum_daily_budget("USD"):
            continue
        out[r.address.path] = {"is_adset_budget_sharing_enabled": False}  # Meta asks, since v24.0
        share, rest = divmod(units, len(daily))
        for index, path in enumerate(daily):
            out[path] = {"daily_budget": share + (rest if index == 0 else 0)}
        for path in lifetime:
            ends = next(a.fields.get("end_time") for a in desired if a.address.path == path)
            out[path] = {"lifetime_budget": 42_000, "end_time": ends or "2027-01-10T23:59:59+0100"}
    return out


def _dropped_adsets(desired: list[Resource]) -> set[str]:
    """One ad set of each Meta campaign that has several: the ad group then runs on Google only."""
    by_campaign: dict[str, list[str]] = {}
    for r in desired:
        if r.address.kind == "adset":
            by_campaign.setdefault(r.address.campaign, []).append(r.address.path)
    return {max(paths) for paths in by_campaign.values() if len(paths) > 1}


def _dropped_ad(desired: list[Resource], adsets: set[str]) -> set[str]:
    """The last ad of the first Meta ad set when it runs several: the ad group and the ad set then run
    other ads."""
    ads = sorted(r.address.path for r in desired if r.address.kind == "ad" and _under(r, adsets))
    return {ads[-1]} if len(ads) > 1 else set()


def _under(resource: Resource, adsets: set[str]) -> bool:
    path = resource.address.path
    return resource.address.platform == "meta" and any(path == a or path.startswith(a + "/") for a in adsets)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_import_adopt_then_plan_has_no_changes(data: st.DataObject, tmp_path: Path, state_url: str) -> None:
    suffix = uuid.uuid4().hex[:10]
    google, meta = f"google-{suffix}", f"meta-{suffix}"
    root = tmp_path / suffix
    (root / "specs").mkdir(parents=True)
    names = data.draw(st.lists(st.sampled_from(CONSOLE_NAMES), min_size=1, max_size=2, unique=True))
    documents = []
    for name in names:
        document = data.draw(campaign(name, google, meta))
        document["spec"].pop("lifecycle")  # only the spec knows it: no live object carries it
        documents.append(document)
    change = data.draw(perturbation())
    if (
        change["app"] is not None
        or change["google_app"] is not None
        or change["google_demand_gen"]
        or change["google_shopping"]
        or change["google_hotel"]
    ):
        # on an app or Demand Gen campaign these would be left out, and not found by import
        change["shared_budget"] = change["audiences"] = None
    if change["meta_hours"]:  # a lifetime budget's ad sets: none of their own, no dates of their own
        change["adset_budgets"] = change["one_adset_dated"] = None
    _google_shapes(documents, change)
    app_campaigns = _promoting_an_app(documents, change)
    chats = _opening_conversations(documents, change)
    catalogs = _showing_catalogs(documents, change)
    google2 = f"google2-{suffix}"
    _to_second_google_account(data, documents, change, google2)
    googles = sorted(
        {d["spec"]["platforms"]["google"]["account"] for d in documents if "google" in d["spec"]["platforms"]}
    )
    settings_document = sandbox_settings(google, meta)
    if google2 in googles:
        accounts = settings_document["accounts"]
        accounts[google2] = {**accounts[google], "customer_id": "1112223335"}
    if chats:
        settings_document["accounts"][meta]["page_id"] = _PAGE_ID
    if chats or _running_as_instagram(documents, change):
        settings_document["accounts"][meta]["instagram_user_id"] = _INSTAGRAM_USER_ID
    (root / "midas.yaml").write_text(yaml.safe_dump(settings_document))
    others = _on_shared_budget(documents, change, google)
    others += _targeting_audiences(documents, change, {"google": googles or [google], "meta": [meta]})
    for document in documents:
        if change["campaign_exclusions"] and "google" in document["spec"]["platforms"]:
            document["spec"].setdefault("google", {}).update(change["campaign_exclusions"])
    if change["ad_group_exclusions"]:
        _exclude_in_first_ad_group(documents, change["ad_group_exclusions"])
    _claiming_for_hotel(documents, change)
    _as_google_app(documents, change)
    _as_google_demand_gen(documents, change)
    _with_dynamic_search_ads(documents, change)
    _as_google_display(documents, change)
    _as_google_pmax(documents, change)
    _as_google_shopping(documents, change)
    _url_tracking_shapes(documents, change)
    _adjusting_devices(documents, change["device_adjustments"])
    _adjusting_places(documents, change["location_adjustment"])
    _adjusting_group_devices(documents, change["group_device_adjustments"])
    _adjusting_hotel_bookings(documents, change["hotel_bookings"])
    _with_hours(documents, change)
    linkless = {
        path_segment(d["metadata"]["name"])
        for d in documents
        if d["spec"]["objective"] in ("awareness", "engagement")
    }
    (root / "specs" / "drawn.yaml").write_text(
        yaml.safe_dump_all([*documents, *others], sort_keys=False, allow_unicode=True)
    )

    with Session(root, state_url=state_url, actor="property-test") as session:
        audience_ids = _build_audiences(session) if change["audiences"] else {}
        desired = session.desired(session.accounts())
        (root / "specs" / "drawn.yaml").unlink()
        first_adset = {r.address.path for r in desired if r.address.kind == "adset"}
        first_adset = {min(first_adset)} if first_adset else set()
        dropped = _dropped_adsets(desired) if change["one_adset_fewer"] else set()
        budgets = (
            _adset_budgets(desired, dropped, change["adset_budgets"] == "mixed")
            if change["adset_budgets"]
            else {}
        )
        if change["one_ad_fewer"]:
            dropped |= _dropped_ad(desired, first_adset)
        adsets = sorted(
            r.address.path for r in desired if r.address.kind == "adset" and r.address.path not in dropped
        )
        aged = set(adsets[-1:]) if change["one_adset_aged"] else set()
        goals: dict[str, set[str]] = {}
        for r in desired:
            if (r.address.platform, r.address.kind) == ("meta", "adset"):
                goals.setdefault(r.address.campaign, set()).add(str(r.fields.get("optimization_goal")))
        converting = {campaign for campaign, found in goals.items() if found == {"OFFSITE_CONVERSIONS"}}
        for account in session.accounts():
            connector = session.connector(account)
            mine = [r for r in desired if r.address.account == account and not _under(r, dropped)]
            order = KIND_ORDER[connector.platform]
            ops = [
                WriteOp(
                    "create",
                    r.address,
                    _by_hand(
                        r,
                        change,
                        first_adset,
                        budgets,
                        aged,
                        app_campaigns,
                        linkless,
                        converting,
                        chats,
                        catalogs,
                    ),
                    refs={k: audience_ids.get(a, a) for k, a in r.refs.items()},
                )
                for r in sorted(mine, key=lambda r: (order.index(r.address.kind), r.address.path))
            ]
            write_all(connector, ops)

        session.reload()
        on_google = {
            account: [
                d["metadata"]["name"]
                for d in documents
                if d["spec"]["platforms"].get("google", {}).get("account") == account
            ]
            for account in (google, google2)
        }
        meta_only = [d["metadata"]["name"] for d in documents if list(d["spec"]["platforms"]) == ["meta"]]
        kinds: list[str] = []
        for account, wanted in (*on_google.items(), (meta, meta_only)):
            if wanted:
                outcome = import_campaigns(session, account, campaign_ids=wanted, adopt=True)
                result = outcome.adoption
                assert result.ok, [(str(f.address), f.message) for f in result.failures]
                kinds += [c.kind for c in outcome.campaigns]
        assert kinds.count("Campaign") == len(names)
        assert kinds.count("SharedBudget") == (1 if change["shared_budget"] and on_google[google] else 0)

        session.reload()
        audiences = {name for name, doc in session.workspace.audiences.items() if doc.spec.existing}
        assert audiences == set(session.workspace.audiences) <= {TARGETED, EXCLUDED}
        how = change["audiences"]
        # An ad group runs on Meta alone and is the ad set left out: nothing imported targets its audience.
        named = _audiences_named(documents)
        assert audiences == named or (how == "ad_group" and not audiences and dropped)
        drawn = {"target": {TARGETED}, "exclude": {EXCLUDED}, "ad_group": {TARGETED}, "on_meta": {TARGETED}}
        assert named <= drawn.get(how, {TARGETED, EXCLUDED} if how == "both" else set())
        after = session.plan()
        leftover = [
            (str(c.address), c.action.value, [f.path for f in c.fields]) for c in after.plan.actionable
        ]
        assert leftover == [] and after.plan.violations == []
