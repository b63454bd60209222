"""Campaigns "built by hand in the consoles": written straight through a connector, without MIDAS's marker
and unknown to the state store — what ``midas import`` adopts."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from midas_reconcile.connectors.base import Connector, WriteOp
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox import GoogleAdsSimulator, MetaSimulator
from midas_reconcile.connectors.sandbox.place_catalog import find_place
from midas_reconcile.resources import Address, join_path, path_segment, shared_budget_path
from midas_reconcile.settings import load_settings
from midas_reconcile.spec._places import parse_radius
from midas_reconcile.targeting.places import proximity_fields, proximity_key

NAME = "Holiday Sale – US"
#: The pixel of the example workspace's Meta account (midas.yaml ``pixel_id``).
EXAMPLE_PIXEL = "1234567890123"
#: A Search campaign's fields as a console makes it, and its location criterion (the United States).
SEARCH_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "SEARCH",
    "bidding_strategy_type": "TARGET_SPEND",
    "network_settings": {"target_google_search": True},
}
US = {"key": "location:2840", "type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"}
ENGLISH = {"key": "language:1000", "type": "LANGUAGE", "language_constant": "languageConstants/1000"}
APP_NAME = "App Installs"
#: An app campaign's fields as the SDK's example add_app_campaign.py makes it: MULTI_CHANNEL of sub type
#: APP_CAMPAIGN, the app it promotes, bidding to a target cost per install.
APP_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "MULTI_CHANNEL",
    "advertising_channel_sub_type": "APP_CAMPAIGN",
    "app_campaign_setting": {
        "app_id": "com.example.puzzle",
        "app_store": "GOOGLE_APP_STORE",
        "bidding_strategy_goal_type": "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST",
    },
    "bidding_strategy_type": "TARGET_CPA",
    "target_cpa_micros": 2_000_000,
}
#: The app campaign optimising for two in-app conversion actions, to a target cost per conversion.
IN_APP_CAMPAIGN = {
    **APP_CAMPAIGN,
    "app_campaign_setting": {
        **APP_CAMPAIGN["app_campaign_setting"],  # type: ignore[dict-item]
        "bidding_strategy_goal_type": "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
    },
    "conversion_actions": ["7001", "7002"],
}
#: A campaign's bidding as a console sets target impression share: 80.5 % at the absolute top, at most 3.00.
IMPRESSION_SHARE = {
    "bidding_strategy_type": "TARGET_IMPRESSION_SHARE",
    "target_impression_share_location": "ABSOLUTE_TOP_OF_PAGE",
    "location_fraction_micros": 805_000,
    "cpc_bid_ceiling_micros": 3_000_000,
}


def write_all(connector: Connector, ops: Sequence[WriteOp]) -> None:
    for start in range(0, len(ops), connector.limits.write_batch_size):
        results = connector.write(ops[start : start + connector.limits.write_batch_size])
        failed = [r for r in results if not r.ok]
        assert not failed, failed


def google_campaign(
    account: str,
    name: str,
    *,
    budget: dict[str, Any],
    campaign: dict[str, Any],
    criteria: Sequence[dict[str, Any]] = (),
    groups: Sequence[dict[str, Any]] = (),
    shared: bool = False,
) -> list[WriteOp]:
    """Ops for a Google campaign: budget, campaign, campaign criteria (``key`` + fields) and ad groups
    (``fields``, ``criteria``, ``ads``: name → fields). ``shared``: the budget is a shared one (named
    ``budget["name"]``); campaigns sharing it go in one batch, with only the first op creating it."""
    path = path_segment(name)

    def at(kind: str, p: str) -> Address:
        return Address("google", account, kind, p)

    budget_at = at("campaign_budget", shared_budget_path(budget["name"]) if shared else path)
    campaign_at = at("campaign", path)
    ops = [
        WriteOp("create", budget_at, {"explicitly_shared": shared, **budget}),
        WriteOp("create", campaign_at, {"name": name, **campaign}, refs={"campaign_budget": budget_at}),
    ]
    for criterion in criteria:
        fields = dict(criterion)
        key = fields.pop("key")
        ops.append(
            WriteOp(
                "create",
                at("campaign_criterion", join_path(path, key)),
                fields,
                refs={"campaign": campaign_at},
            )
        )
    for group in groups:
        group_at = at("ad_group", join_path(path, group["fields"]["name"]))
        ops.append(WriteOp("create", group_at, dict(group["fields"]), refs={"campaign": campaign_at}))
        for criterion in group.get("criteria", ()):
            fields = dict(criterion)
            key = fields.pop("key")
            # A USER_LIST criterion names its audience, whose id comes in ``audience:<name>`` (its refs).
            refs: dict[str, Any] = {"ad_group": group_at, **fields.pop("refs", {})}
            ops.append(
                WriteOp("create", at("ad_group_criterion", join_path(group_at.path, key)), fields, refs=refs)
            )
        for ad_name, ad in group.get("ads", {}).items():
            ops.append(
                WriteOp(
                    "create",
                    at("ad_group_ad", join_path(group_at.path, ad_name)),
                    {"name": ad_name, **ad},
                    refs={"ad_group": group_at},
                )
            )
    return ops


def app_installs(
    workspace: Path, *, delivery_method: str = "STANDARD", campaign: Mapping[str, Any] = APP_CAMPAIGN
) -> None:
    """An app campaign built in the Google console, "App Installs" (``campaign``: its fields but the name):
    the United States in English, one ad group (no type: an app campaign's) running one app ad."""
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    ad = {
        "status": "ENABLED",
        "type": "APP_AD",
        "headlines": ["Puzzle fun", "Play free"],
        "descriptions": ["Hundreds of levels to solve."],
    }
    ops = google_campaign(
        "google-main",
        APP_NAME,
        budget={"name": APP_NAME, "amount_micros": 20_000_000, "delivery_method": delivery_method},
        campaign=dict(campaign),
        criteria=[US, ENGLISH],
        groups=[{"fields": {"name": "Main", "status": "ENABLED"}, "ads": {"Install": ad}}],
    )
    write_all(google, ops)


ENGAGEMENT_NAME = "Puzzle Comeback"
#: An app campaign for engagement as a console makes it: re-engaging an audience for an in-app conversion
#: action, to a target cost per conversion (its goal the sub type's default for the strategy).
ENGAGEMENT_CAMPAIGN = {
    **APP_CAMPAIGN,
    "advertising_channel_sub_type": "APP_CAMPAIGN_FOR_ENGAGEMENT",
    "app_campaign_setting": {
        **APP_CAMPAIGN["app_campaign_setting"],  # type: ignore[dict-item]
        "bidding_strategy_goal_type": "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
    },
    "conversion_actions": ["7001"],
}
PRE_REGISTRATION_NAME = "Puzzle Two Launch"
#: An app campaign for pre-registration as a console makes it: an Android app, maximising pre-registrations.
PRE_REGISTRATION_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "MULTI_CHANNEL",
    "advertising_channel_sub_type": "APP_CAMPAIGN_FOR_PRE_REGISTRATION",
    "app_campaign_setting": {
        "app_id": "com.example.puzzletwo",
        "app_store": "GOOGLE_APP_STORE",
        "bidding_strategy_goal_type": "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
    },
    "bidding_strategy_type": "MAXIMIZE_CONVERSIONS",
}


def app_kinds(workspace: Path, audience_id: str, audience: str) -> None:
    """An engagement campaign ("Puzzle Comeback", its ad group targeting ``audience``, a list of the account
    of id ``audience_id``) and a pre-registration campaign ("Puzzle Two Launch") built in the Google console,
    each in the United States with one ad naming image assets."""
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    texts = {"headlines": ["Daily puzzle"], "descriptions": ["Your streak is waiting."]}
    engagement_ad = {"status": "ENABLED", "type": "APP_ENGAGEMENT_AD", **texts, "images": ["1101"]}
    pre_registration_ad = {
        "status": "ENABLED",
        "type": "APP_PRE_REGISTRATION_AD",
        "headlines": ["Pre-register now"],
        "descriptions": ["Be first to play at launch."],
        "images": ["1201", "1202"],
    }
    listed = {
        "key": f"user_list:{audience}",
        "type": "USER_LIST",
        "user_list": audience,
        "refs": {f"audience:{audience}": audience_id},
    }
    ops = [
        *google_campaign(
            "google-main",
            ENGAGEMENT_NAME,
            budget={"name": ENGAGEMENT_NAME, "amount_micros": 15_000_000},
            campaign=dict(ENGAGEMENT_CAMPAIGN, target_cpa_micros=800_000),
            criteria=[US],
            groups=[
                {
                    "fields": {"name": "Lapsed", "status": "ENABLED"},
                    "criteria": [listed],
                    "ads": {"Daily": engagement_ad},
                }
            ],
        ),
        *google_campaign(
            "google-main",
            PRE_REGISTRATION_NAME,
            budget={"name": PRE_REGISTRATION_NAME, "amount_micros": 25_000_000},
            campaign=dict(PRE_REGISTRATION_CAMPAIGN),
            criteria=[US],
            groups=[{"fields": {"name": "Main", "status": "ENABLED"}, "ads": {"Soon": pre_registration_ad}}],
        ),
    ]
    write_all(google, ops)


DISPLAY_NAME = "Trail Banners"
#: A Display campaign's fields as a console makes it: the Display Network alone, bidding to a target CPA.
DISPLAY_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "DISPLAY",
    "bidding_strategy_type": "TARGET_CPA",
    "target_cpa_micros": 4_000_000,
    "network_settings": {
        "target_google_search": False,
        "target_search_network": False,
        "target_content_network": True,
    },
}
#: Its responsive display ad, naming image assets of the account by id.
DISPLAY_AD = {
    "status": "ENABLED",
    "type": "RESPONSIVE_DISPLAY_AD",
    "headlines": ["Grip Every Trail", "Trail Shoes"],
    "long_headline": "Trail shoes that grip wet rock and loose gravel",
    "descriptions": ["Light, grippy, waterproof."],
    "business_name": "Example Running",
    "marketing_images": ["5001", "5002"],
    "square_marketing_images": ["5003"],
    "logo_images": ["5004"],
    "final_urls": ["https://shop.example.com/trail"],
}


def trail_banners(
    workspace: Path, *, on_meta: bool = False, group_fields: Mapping[str, Any] | None = None, **ad: Any
) -> None:
    """A Display campaign built in the Google console, "Trail Banners": the United States in English, one
    DISPLAY_STANDARD ad group with a max CPC (and ``group_fields``) running one responsive display ad
    (``DISPLAY_AD`` with ``ad``'s fields). ``on_meta``: the same campaign on Meta, its ad the same content
    (title a headline, body the long headline, description a description, the same link) with an image."""
    factory = ConnectorFactory(load_settings(workspace))
    group = {"name": "Hikers", "status": "ENABLED", "type": "DISPLAY_STANDARD", "cpc_bid_micros": 800_000}
    group.update(group_fields or {})
    write_all(
        factory.create("google-main"),
        google_campaign(
            "google-main",
            DISPLAY_NAME,
            budget={"name": DISPLAY_NAME, "amount_micros": 25_000_000},
            campaign=DISPLAY_CAMPAIGN,
            criteria=[US, ENGLISH],
            groups=[{"fields": group, "ads": {"Banner": {**DISPLAY_AD, **ad}}}],
        ),
    )
    if not on_meta:
        return
    creative = {
        "name": "Banner creative",
        "title": "Trail Shoes",
        "body": DISPLAY_AD["long_headline"],
        "description": "Light, grippy, waterproof.",
        "link_url": "https://shop.example.com/trail",
        "image_url": "https://cdn.example.com/trail.jpg",
        "call_to_action_type": "LEARN_MORE",
    }
    adset = {
        "fields": {
            "name": "Hikers",
            "status": "ACTIVE",
            "optimization_goal": "OFFSITE_CONVERSIONS",
            "billing_event": "IMPRESSIONS",
            "promoted_object": {"pixel_id": EXAMPLE_PIXEL, "custom_event_type": "LEAD"},
            "targeting": {"age_min": 18, "age_max": 65, "geo_locations": {"countries": ["US"]}},
        },
        "ads": {"Banner": ({"status": "ACTIVE"}, creative)},
    }
    campaign = {
        "objective": "OUTCOME_LEADS",
        "status": "ACTIVE",
        "special_ad_categories": [],
        "daily_budget": 1500,
        "bid_strategy": "LOWEST_COST_WITHOUT_CAP",
    }
    write_all(
        factory.create("meta-main"),
        meta_campaign("meta-main", DISPLAY_NAME, campaign=campaign, adsets=[adset]),
    )


DEMAND_GEN_NAME = "Trail Stories"
#: A Demand Gen campaign's fields as a console makes it: no network settings, bidding to a target ROAS.
DEMAND_GEN_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "DEMAND_GEN",
    "bidding_strategy_type": "TARGET_ROAS",
    "target_roas": "3.5",
}
#: Its Demand Gen multi-asset ad, naming image assets of the account by id.
DEMAND_GEN_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_MULTI_ASSET_AD",
    "headlines": ["Grip Every Trail", "Trail Shoes"],
    "descriptions": ["Light, grippy, waterproof."],
    "business_name": "Example Running",
    "marketing_images": ["5001"],
    "portrait_marketing_images": ["5005"],
    "logo_images": ["5004"],
    "final_urls": ["https://shop.example.com/trail"],
}
#: The Merchant Center account a Demand Gen campaign shows the products of (v26 Campaign.ShoppingSetting),
#: and its product ad (v26 DemandGenProductAdInfo).
DEMAND_GEN_MERCHANT = {"merchant_id": 5550002, "feed_label": "US"}
DEMAND_GEN_PRODUCT_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_PRODUCT_AD",
    "headline": "Trail shoes in stock",
    "description": "Shoes for every trail, from our shop.",
    "business_name": "Example Running",
    "logo_images": ["5004"],
    "breadcrumb1": "trail",
    "call_to_actions": ["SHOP_NOW"],
    "final_urls": ["https://shop.example.com/trail"],
}
CANADA = {"key": "location:2124", "type": "LOCATION", "geo_target_constant": "geoTargetConstants/2124"}
#: A Demand Gen video responsive ad (v26 DemandGenVideoResponsiveAdInfo) showing two YouTube videos.
DEMAND_GEN_VIDEO_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_VIDEO_RESPONSIVE_AD",
    "headlines": ["Trail Shoes"],
    "long_headlines": ["Shoes that grip wet rock"],
    "descriptions": ["Light, grippy, waterproof."],
    "business_name": "Example Running",
    "youtube_videos": ["M7lc1UVf-VE", "dQw4w9WgXcQ"],
    "logo_images": ["5004"],
    "companion_banners": ["5006"],
    "breadcrumb1": "trail",
    "final_urls": ["https://shop.example.com/trail"],
}


#: A Demand Gen carousel ad (v26 DemandGenCarouselAdInfo) of two cards, each a carousel card asset.
DEMAND_GEN_CAROUSEL_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_CAROUSEL_AD",
    "business_name": "Example Running",
    "logo_images": ["5004"],
    "headline": "Shoes for every trail",
    "description": "Two shoes for every trail.",
    "call_to_action_text": "Shop the range",
    "final_urls": ["https://shop.example.com/trail"],
    "cards": [
        {
            "headline": "Ridge",
            "final_url": "https://shop.example.com/ridge",
            "marketing_image": "5011",
            "portrait_marketing_image": "5012",
            "call_to_action_text": "Shop Ridge",
        },
        {"headline": "Mesa", "final_url": "https://shop.example.com/mesa", "square_marketing_image": "5013"},
    ],
}


#: The root of a Demand Gen ad group's product filter, a subdivision whose ``partition`` a test gives.
DEMAND_GEN_FILTER_ROOT: dict[str, Any] = {
    "key": "listing_group:all-products",
    "type": "LISTING_GROUP",
    "listing_group_type": "SUBDIVISION",
}
#: A product filter: Trailco's products and every other brand's but Knockoff's, of new products only.
DEMAND_GEN_FILTER: dict[str, Any] = {
    "split_by": "brand",
    "values": {"trailco": {"type": "UNIT"}, "knockoff": {"type": "UNIT", "negative": True}},
    "everything_else": {
        "type": "SUBDIVISION",
        "split_by": "condition",
        "values": {"new": {"type": "UNIT"}},
        "everything_else": {"type": "UNIT", "negative": True},
    },
}


def trail_stories(
    workspace: Path,
    *,
    hikers: dict[str, Any] | None = None,
    clip: bool | dict[str, Any] = False,
    deck: bool = False,
    shelf: bool = False,
    product_filter: dict[str, Any] | None = None,
    **ad: Any,
) -> None:
    """A Demand Gen campaign built in the Google console, "Trail Stories": two untyped ad groups, each
    targeting its own places (the United States, Canada; in English) and running one multi-asset ad
    (``DEMAND_GEN_AD`` with ``ad``'s fields) named "Story", as the console names a Demand Gen ad (v26
    ``Ad.name``, which Google keeps for these ads). ``hikers``: more fields of the "Hikers" ad group
    (its ``channel_controls`` …). ``clip``: "Hikers" runs ``DEMAND_GEN_VIDEO_AD``, named "Clip", too (with
    the fields ``clip`` holds, if any). ``deck``: "Hikers" runs ``DEMAND_GEN_CAROUSEL_AD``, named "Deck".
    ``shelf``: the campaign shows the products of a Merchant Center account (``DEMAND_GEN_MERCHANT``) and
    "Hikers" runs ``DEMAND_GEN_PRODUCT_AD``, named "Shelf". ``product_filter``: "Hikers" shows the products
    of this normalised ``partition`` alone (its listing group tree, ``connectors.google_listing_groups``)."""
    factory = ConnectorFactory(load_settings(workspace))
    clip_ad = {**DEMAND_GEN_VIDEO_AD, **(clip if isinstance(clip, dict) else {})}
    groups = [
        {
            "fields": {"name": name, "status": "ENABLED", **((hikers or {}) if name == "Hikers" else {})},
            "criteria": [
                where,
                ENGLISH,
                *(
                    [{**DEMAND_GEN_FILTER_ROOT, "partition": product_filter}]
                    if product_filter and name == "Hikers"
                    else []
                ),
            ],
            "ads": {
                "Story": {**DEMAND_GEN_AD, **ad},
                **({"Clip": clip_ad} if clip and name == "Hikers" else {}),
                **({"Deck": DEMAND_GEN_CAROUSEL_AD} if deck and name == "Hikers" else {}),
                **({"Shelf": DEMAND_GEN_PRODUCT_AD} if shelf and name == "Hikers" else {}),
            },
        }
        for name, where in (("Hikers", US), ("Canada", CANADA))
    ]
    write_all(
        factory.create("google-main"),
        google_campaign(
            "google-main",
            DEMAND_GEN_NAME,
            budget={"name": DEMAND_GEN_NAME, "amount_micros": 30_000_000},
            campaign={**DEMAND_GEN_CAMPAIGN, **({"shopping_setting": DEMAND_GEN_MERCHANT} if shelf else {})},
            groups=groups,
        ),
    )


def meta_campaign(
    account: str, name: str, *, campaign: dict[str, Any], adsets: Sequence[dict[str, Any]] = ()
) -> list[WriteOp]:
    """Ops for a Meta campaign and its ad sets (``fields``, ``ads``: name → (ad fields, creative fields))."""
    path = path_segment(name)

    def at(kind: str, p: str) -> Address:
        return Address("meta", account, kind, p)

    campaign_at = at("campaign", path)
    ops = [WriteOp("create", campaign_at, {"name": name, **campaign})]
    for adset in adsets:
        adset_at = at("adset", join_path(path, adset["fields"]["name"]))
        fields = dict(adset["fields"])
        # Built as a user does in Ads Manager, with Advantage+ audience off unless the fixture says so: Meta
        # requires the flag on create (``spec._meta_advantage``), and would turn it on for a default setup.
        targeting = fields["targeting"] = dict(fields["targeting"])
        targeting.setdefault("targeting_automation", {"advantage_audience": 0})
        ops.append(WriteOp("create", adset_at, fields, refs={"campaign": campaign_at}))
        for ad_name, (ad, creative) in adset.get("ads", {}).items():
            creative_at = at("adcreative", join_path(adset_at.path, ad_name))
            ops.append(WriteOp("create", creative_at, dict(creative)))
            ops.append(
                WriteOp(
                    "create",
                    at("ad", creative_at.path),
                    {"name": ad_name, **ad},
                    refs={"adset": adset_at, "creative": creative_at},
                )
            )
    return ops


def link_ads_by_hand(
    workspace: Path,
    name: str,
    *,
    page_id: str,
    copy: tuple[str, str],
    link_url: str,
    ads: Mapping[str, Mapping[str, str]],
) -> None:
    """A traffic campaign ``name`` built by hand in Ads Manager on meta-main (20.00 a day): one ad set
    ("Feed", ages 25-54 in the US) of link ads to ``link_url`` run as Page ``page_id``, ``ads`` naming each
    ad and its creative's own fields, ``copy`` its (title, body); each shows an image named after the ad."""

    def creative(ad: str, extra: Mapping[str, str]) -> dict[str, object]:
        return {
            "name": f"{ad} creative",
            "title": copy[0],
            "body": copy[1],
            "image_url": f"https://cdn.example.com/{ad.lower().replace(' ', '-')}.png",
            "link_url": link_url,
            "call_to_action_type": "SHOP_NOW",
            "page_id": page_id,
            **extra,
        }

    adset = {
        "fields": {
            "name": "Feed",
            "status": "ACTIVE",
            "optimization_goal": "LINK_CLICKS",
            "billing_event": "IMPRESSIONS",
            "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
        },
        "ads": {ad: ({"status": "ACTIVE"}, creative(ad, extra)) for ad, extra in ads.items()},
    }
    campaign = {
        "objective": "OUTCOME_TRAFFIC",
        "status": "ACTIVE",
        "special_ad_categories": [],
        "daily_budget": 2000,
    }
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    write_all(meta, meta_campaign("meta-main", name, campaign=campaign, adsets=[adset]))


def rsa(headlines: Sequence[str], descriptions: Sequence[str], url: str, **extra: Any) -> dict[str, Any]:
    return {
        "status": "ENABLED",
        "type": "RESPONSIVE_SEARCH_AD",
        "headlines": sorted(headlines),
        "descriptions": sorted(descriptions),
        "final_urls": [url],
        **extra,
    }


def brand_campaigns(
    workspace: Path, names: Sequence[str] = ("Brand – Exact", "Brand – Phrase"), budget: str = "Brand Pool"
) -> None:
    """Google Search campaigns built by hand on one shared budget (75.00 a day), each with one ad group
    ("Brand") running one ad and a keyword of its name."""
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    ops: list[WriteOp] = []
    for name in names:
        campaign = google_campaign(
            "google-main",
            name,
            budget={"name": budget, "amount_micros": 75_000_000},
            campaign=SEARCH_CAMPAIGN,
            criteria=[US],
            groups=[
                {
                    "fields": {"name": "Brand", "status": "ENABLED", "type": "SEARCH_STANDARD"},
                    "criteria": [
                        {
                            "key": f"keyword:PHRASE:{name.lower()}",
                            "type": "KEYWORD",
                            "keyword_text": name.lower(),
                            "keyword_match_type": "PHRASE",
                        }
                    ],
                    "ads": {
                        "Brand ad": rsa(
                            ["Example Running Co.", "Official Store", "Free Returns"],
                            ["Shoes and apparel for runners.", "Shop online or in store."],
                            "https://shop.example.com/",
                        )
                    },
                }
            ],
            shared=True,
        )
        ops += campaign[1:] if ops else campaign  # the budget is created once, by the first
    write_all(google, ops)


_HOLIDAY_EXCLUSIONS: list[dict[str, Any]] = [
    {
        "key": f"negative_{kind.lower()}:{value}",
        "type": kind,
        kind.lower(): value,
        "negative": True,
    }
    for kind, value in (
        ("AGE_RANGE", "AGE_RANGE_UNDETERMINED"),
        ("GENDER", "MALE"),
        ("USER_INTEREST", "92963"),  # the sandbox catalogue's "Golf"
    )
]


#: The places ``holiday_sale(places=True)`` targets (and, last, excludes), as the spec language writes them.
PLACES = ("San Francisco, US-CA", "US:94103", "US:94110")


def imported_places(workspace: Path) -> tuple[list[str], list[str]]:
    """The locations and excluded locations of ``holiday_sale``'s imported spec."""
    text = (workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    targeting = yaml.safe_load(text)["spec"]["targeting"]
    return targeting["locations"], targeting.get("exclude", {}).get("locations", [])


def metro_campaign(criteria: Sequence[dict[str, Any]]) -> list[WriteOp]:
    """Ops for ``Metro``, a Search campaign of google-main with one ad group (``Brand``) and ``criteria`` as
    its campaign criteria (``key`` + fields): a console's campaign of places to import."""
    group = {"fields": {"name": "Brand", "status": "ENABLED", "type": "SEARCH_STANDARD"}}
    return google_campaign(
        "google-main",
        "Metro",
        budget={"name": "Metro", "amount_micros": 10_000_000},
        campaign=SEARCH_CAMPAIGN,
        criteria=criteria,
        groups=[group],
    )


def _sandbox_place(entry: str) -> Any:
    place = find_place(entry)
    assert place is not None, entry
    return place


def _google_places() -> list[dict[str, Any]]:
    criteria = []
    for index, entry in enumerate(PLACES):
        geo_id = _sandbox_place(entry).google_id
        negative = index == len(PLACES) - 1
        criterion = {
            "key": f"{'negative_' if negative else ''}location:{geo_id}",
            "type": "LOCATION",
            "geo_target_constant": f"geoTargetConstants/{geo_id}",
        }
        criteria.append({**criterion, "negative": True} if negative else criterion)
    return criteria


def _with_radii(places: dict[str, Any]) -> dict[str, Any]:
    radii = _meta_radii()
    geo = places["geo_locations"]
    return {
        **places,
        "geo_locations": {
            **geo,
            "cities": [*geo["cities"], *radii["cities"]],
            "custom_locations": radii["custom_locations"],
        },
    }


#: The radius ``holiday_sale(excluded_pin=True)``'s Meta ad set excludes: a competitor's store.
EXCLUDED_PIN = "2 km around 37.7793,-122.4193"


def _with_excluded_pin(places: dict[str, Any], excluded: bool) -> dict[str, Any]:
    if not excluded:
        return places
    pin = {"latitude": 37.7793, "longitude": -122.4193, "radius": 2, "distance_unit": "kilometer"}
    away = places["excluded_geo_locations"]
    described = {**pin, "address_string": "1 Dr Carlton B Goodlett Pl, San Francisco", "country": "US"}
    return {**places, "excluded_geo_locations": {**away, "custom_locations": [described]}}


#: The radius ``holiday_sale(excluded_city_radius=True)``'s Meta ad set excludes: around a city it does not
#: target, as Meta writes one (a city of ``excluded_geo_locations`` with a radius).
EXCLUDED_CITY_RADIUS = "15 mi around Oakland, US-CA"


def _with_excluded_city_radius(places: dict[str, Any], excluded: bool) -> dict[str, Any]:
    if not excluded:
        return places
    oakland = _sandbox_place("Oakland, US-CA")
    city = {"key": oakland.meta_key, "name": "Oakland", "radius": 15, "distance_unit": "mile"}
    away = places["excluded_geo_locations"]
    return {**places, "excluded_geo_locations": {**away, "cities": [*away.get("cities", []), city]}}


def _meta_places() -> dict[str, Any]:
    city, code, excluded = (_sandbox_place(entry) for entry in PLACES)
    return {
        "geo_locations": {
            "countries": ["US"],
            "cities": [{"key": city.meta_key}],
            "zips": [{"key": code.meta_key}],
        },
        "excluded_geo_locations": {"zips": [{"key": excluded.meta_key}]},
    }


#: The radii ``holiday_sale(radii=True)`` targets besides ``PLACES``: around a city and around a point.
RADII = ("25 mi around Oakland, US-CA", "10 km around 37.7749,-122.4194")


def _google_radii() -> list[dict[str, Any]]:
    criteria = []
    for entry in RADII:
        radius = parse_radius(entry)
        assert radius is not None, entry
        fields = proximity_fields(radius)
        criteria.append({"key": proximity_key(fields), **fields})
    return criteria


def _meta_radii() -> dict[str, Any]:
    """Oakland as Meta shows a city with a radius, and a pin as Meta shows a custom location (its address)."""
    oakland = _sandbox_place("Oakland, US-CA")
    return {
        "cities": [{"key": oakland.meta_key, "name": "Oakland", "radius": 25, "distance_unit": "mile"}],
        "custom_locations": [
            {
                "latitude": 37.7749,
                "longitude": -122.4194,
                "radius": 10,
                "distance_unit": "kilometer",
                "address_string": "San Francisco, CA",
                "country": "US",
            }
        ],
    }


def holiday_sale(
    workspace: Path,
    *,
    meta_title: str | None = "Gifts They Will Love",
    meta_body: str | None = "Our holiday gift guide is here.",
    meta_description: str | None = "Wrapped and shipped free.",
    meta_call_to_action: str | None = "SHOP_NOW",
    google_final_urls: Sequence[str] = ("https://shop.example.com/gifts",),
    page_id: str | None = None,
    adset_budgets: bool = False,
    last_minute_lifetime: bool = False,
    wrap_ad: bool = False,
    shared_budget: bool = False,
    eu_political: bool = False,
    campaign_exclusions: bool = False,
    ad_group_exclusions: bool = False,
    impression_share: bool = False,
    places: bool = False,
    radii: bool = False,
    excluded_pin: bool = False,
    excluded_city_radius: bool = False,
) -> None:
    """The same campaign built by hand on both platforms, with what consoles add: a budget with its own
    name, a label, a paused ad with display paths, a max CPC, Meta's own bid strategy and placements.
    ``meta_call_to_action`` None: the Meta creative has none; so for ``meta_title`` (its headline,
    link_data ``name``), ``meta_body`` (its primary text, ``message``) and ``meta_description``.

    ``adset_budgets``: the Meta campaign has no budget; its ad set carries 10.00 and a second ad set,
    "Last-minute Shoppers", 5.00 from December 15 (its own start date); ``last_minute_lifetime``: 50.00 over
    its lifetime instead (ad sets of both periods).

    ``wrap_ad``: Google's "Gift Shoppers" also runs "Wrap ad", which Meta runs in an ad set of its own,
    "Wrap Shoppers" (5.00 with ``adset_budgets``), and not in its "Gift Shoppers".

    ``shared_budget``: the Google budget, "Holiday budget (Q4)", is a shared budget.

    ``eu_political``: the Google campaign declares that it contains EU political advertising.

    ``campaign_exclusions``: the Google campaign excludes people of undetermined age, men and the
    "Golf" interest (campaign criteria).

    ``ad_group_exclusions``: "Gift Shoppers" excludes people of undetermined age and men (negative ad group
    criteria beside its targeted ages, as a console's demographic exclusions are).

    ``impression_share``: the Google campaign bids for target impression share (``IMPRESSION_SHARE``)
    instead of maximising conversions.

    ``places``: both target San Francisco (a city) and the postal code 94103 instead of California, and
    exclude the postal code 94110 (``PLACES``); ``radii``: and 25 miles around Oakland and 10 km around a
    point (``RADII``); ``excluded_pin``: the Meta ad set also excludes 2 km around a point (``EXCLUDED_PIN``,
    a custom location with the address Meta found for it), which Google has no criterion for;
    ``excluded_city_radius``: the Meta ad set also excludes 15 miles around Oakland (``EXCLUDED_CITY_RADIUS``,
    a city of its excluded places with a radius), which Google has no criterion for either."""
    factory = ConnectorFactory(load_settings(workspace))
    google = factory.create("google-main")
    headlines = ["Gifts They Will Love", "Holiday Deals", "Free Gift Wrap"]
    descriptions = ["Wrapped and shipped free.", "Order by Dec 20 for delivery."]
    write_all(
        google,
        google_campaign(
            "google-main",
            NAME,
            budget={"name": "Holiday budget (Q4)", "amount_micros": 20_000_000},
            campaign={
                "status": "ENABLED",
                "advertising_channel_type": "SEARCH",
                **(
                    IMPRESSION_SHARE
                    if impression_share
                    else {"bidding_strategy_type": "MAXIMIZE_CONVERSIONS", "target_cpa_micros": 12_500_000}
                ),
                "network_settings": {"target_google_search": True, "target_search_network": True},
                "start_date": "2026-12-01",
                "end_date": "2026-12-24",
                "labels": ["q4"],
                "contains_eu_political_advertising": eu_political,
            },
            criteria=[
                {
                    "key": "location:2840",
                    "type": "LOCATION",
                    "geo_target_constant": "geoTargetConstants/2840",
                },
                *(
                    [*_google_places(), *(_google_radii() if radii else [])]
                    if places
                    else [
                        {
                            "key": "location:21136",
                            "type": "LOCATION",
                            "geo_target_constant": "geoTargetConstants/21136",
                        }
                    ]
                ),
                {"key": "language:1000", "type": "LANGUAGE", "language_constant": "languageConstants/1000"},
                {
                    "key": "negative_keyword:BROAD:free",
                    "type": "KEYWORD",
                    "keyword_text": "free",
                    "keyword_match_type": "BROAD",
                    "negative": True,
                },
                *(_HOLIDAY_EXCLUSIONS if campaign_exclusions else []),
            ],
            groups=[
                {
                    "fields": {
                        "name": "Gift Shoppers",
                        "status": "ENABLED",
                        "type": "SEARCH_STANDARD",
                        "cpc_bid_micros": 1_500_000,
                    },
                    "criteria": [
                        {
                            "key": "age_range:AGE_RANGE_25_34",
                            "type": "AGE_RANGE",
                            "age_range": "AGE_RANGE_25_34",
                        },
                        {
                            "key": "age_range:AGE_RANGE_35_44",
                            "type": "AGE_RANGE",
                            "age_range": "AGE_RANGE_35_44",
                        },
                        {"key": "user_interest:92935", "type": "USER_INTEREST", "user_interest": "92935"},
                        {
                            "key": "keyword:PHRASE:24/7 gift shop",
                            "type": "KEYWORD",
                            "keyword_text": "24/7 gift shop",
                            "keyword_match_type": "PHRASE",
                        },
                        {
                            "key": "keyword:BROAD:gift cards",
                            "type": "KEYWORD",
                            "keyword_text": "gift cards",
                            "keyword_match_type": "BROAD",
                            "status": "PAUSED",
                        },
                        {
                            "key": "negative_keyword:EXACT:cheap gifts",
                            "type": "KEYWORD",
                            "keyword_text": "cheap gifts",
                            "keyword_match_type": "EXACT",
                            "negative": True,
                        },
                        *(
                            [c for c in _HOLIDAY_EXCLUSIONS if c["type"] != "USER_INTEREST"]
                            if ad_group_exclusions
                            else []
                        ),
                    ],
                    "ads": {
                        "Gift ad": rsa(
                            headlines,
                            descriptions,
                            google_final_urls[0],
                            status="PAUSED",
                            path1="gifts",
                            final_urls=list(google_final_urls),
                        ),
                        **(
                            {"Wrap ad": rsa(headlines, descriptions, "https://shop.example.com/gifts")}
                            if wrap_ad
                            else {}
                        ),
                    },
                },
            ],
            shared=shared_budget,
        ),
    )
    meta = factory.create("meta-main")
    adset: dict[str, Any] = {
        "fields": {
            "name": "Gift Shoppers",
            "status": "ACTIVE",
            "optimization_goal": "OFFSITE_CONVERSIONS",
            "billing_event": "IMPRESSIONS",
            # The example workspace's pixel (midas.yaml) and leads' event: the import leaves both implied.
            "promoted_object": {"pixel_id": EXAMPLE_PIXEL, "custom_event_type": "LEAD"},
            "start_time": "2026-12-01T00:00:00-0500",
            "end_time": "2026-12-24T23:59:59-0500",
            "targeting": {
                "age_min": 25,
                "age_max": 44,
                **(
                    _with_excluded_city_radius(
                        _with_excluded_pin(
                            _with_radii(_meta_places()) if radii else _meta_places(), excluded_pin
                        ),
                        excluded_city_radius,
                    )
                    if places
                    else {
                        "geo_locations": {
                            "countries": ["US"],
                            "regions": [{"key": "3847", "name": "California", "country": "US"}],
                        }
                    }
                ),
                "interests": [{"id": "6003100026234", "name": "Books"}],
                "publisher_platforms": ["facebook"],
            },
        },
        "ads": {
            "Gift ad": (
                {"status": "PAUSED"},
                {
                    "name": "Gift ad creative (2)",
                    **({"title": meta_title} if meta_title else {}),
                    **({"body": meta_body} if meta_body else {}),
                    **({"description": meta_description} if meta_description else {}),
                    "link_url": "https://shop.example.com/gifts",
                    **({"call_to_action_type": meta_call_to_action} if meta_call_to_action else {}),
                    **({"page_id": page_id} if page_id else {}),
                },
            )
        },
    }
    adsets = [adset]
    campaign_budget: dict[str, Any] = {"daily_budget": 1500}
    if adset_budgets:
        campaign_budget = {"is_adset_budget_sharing_enabled": False}
        last_minute = {
            **adset["fields"],
            "name": "Last-minute Shoppers",
            "start_time": "2026-12-15T00:00:00-0500",
            **({"lifetime_budget": 5000} if last_minute_lifetime else {"daily_budget": 500}),
        }
        adsets = [
            {**adset, "fields": {**adset["fields"], "daily_budget": 1000}},
            {**adset, "fields": last_minute},
        ]
    if wrap_ad:
        wrap_creative = {
            "name": "Wrap ad creative",
            "title": "Free Gift Wrap",
            "body": "Our holiday gift guide is here.",
            "description": "Wrapped and shipped free.",
            "link_url": "https://shop.example.com/gifts",
            "call_to_action_type": "SHOP_NOW",
            **({"page_id": page_id} if page_id else {}),
        }
        wrap_fields = {**adset["fields"], "name": "Wrap Shoppers"}
        if adset_budgets:
            wrap_fields["daily_budget"] = 500
        adsets.append({"fields": wrap_fields, "ads": {"Wrap ad": ({"status": "ACTIVE"}, wrap_creative)}})
    write_all(
        meta,
        meta_campaign(
            "meta-main",
            NAME,
            campaign={
                "objective": "OUTCOME_LEADS",
                "status": "ACTIVE",
                "special_ad_categories": [],
                **campaign_budget,
                "bid_strategy": "LOWEST_COST_WITHOUT_CAP",
            },
            adsets=adsets,
        ),
    )


PMAX_NAME = "Trail Max"
#: A Performance Max campaign as a console makes it: maximize conversions to a target CPA, no networks.
PMAX_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "PERFORMANCE_MAX",
    # Turned off when it was made: MIDAS links business name and logo to the asset group.
    "brand_guidelines_enabled": False,
    "bidding_strategy_type": "MAXIMIZE_CONVERSIONS",
    "target_cpa_micros": 6_000_000,
    "contains_eu_political_advertising": False,
}
#: Its asset group: Google's minimum assets and a landscape logo.
PMAX_ASSET_GROUP = {
    "name": "Hikers",
    "status": "ENABLED",
    "final_urls": ["https://shop.example.com/trail"],
    "headlines": ["Grip Every Trail", "Trail Shoes", "Run Wet Rock"],
    "long_headlines": ["Trail shoes that grip wet rock and loose gravel"],
    "descriptions": ["Light, grippy, waterproof.", "Made for long days on rough trails."],
    "business_name": "Example Running",
    "marketing_images": ["5001"],
    "square_marketing_images": ["5002"],
    "square_logo_images": ["5003"],
    "logo_images": ["5004"],
}


#: Its brand assets with brand guidelines on (campaign assets), which its asset group then holds none of.
PMAX_BRAND = {"business_name": "Example Running", "square_logo_images": ["5003"], "logo_images": ["5004"]}


def trail_max(workspace: Path, *, brand: bool = False, **group: Any) -> None:
    """A Performance Max campaign built in the Google console, "Trail Max": the United States in English,
    one asset group (``PMAX_ASSET_GROUP`` with ``group``'s fields); with ``brand``, brand guidelines on (the
    UI's default), its business name and logos the campaign's (``PMAX_BRAND``)."""
    factory = ConnectorFactory(load_settings(workspace))
    campaign = {**PMAX_CAMPAIGN, "brand_guidelines_enabled": True, **PMAX_BRAND} if brand else PMAX_CAMPAIGN
    ops = google_campaign(
        "google-main",
        PMAX_NAME,
        budget={"name": PMAX_NAME, "amount_micros": 30_000_000},
        campaign=campaign,
        criteria=[US, ENGLISH],
    )
    campaign_at = ops[1].address
    fields = {**PMAX_ASSET_GROUP, **group}
    if brand:
        fields = {k: v for k, v in fields.items() if k not in PMAX_BRAND}
    at = Address("google", "google-main", "asset_group", join_path(campaign_at.path, fields["name"]))
    ops.append(WriteOp("create", at, fields, refs={"campaign": campaign_at}))
    write_all(factory.create("google-main"), ops)


SHOPPING_NAME = "Trail Shop"
#: A standard Shopping campaign's fields as a console makes it: its Merchant Center account, priority,
#: Google Search and its partners, bidding manual CPC.
SHOPPING_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "SHOPPING",
    "bidding_strategy_type": "MANUAL_CPC",
    "network_settings": {"target_google_search": True, "target_search_network": True},
    "shopping_setting": {"merchant_id": 5550001, "feed_label": "US", "campaign_priority": 2},
}


def trail_shop(workspace: Path, bid_micros: int = 750_000, partition: dict[str, Any] | None = None) -> None:
    """A standard Shopping campaign built in the Google console, "Trail Shop": in the United States, in
    English, one SHOPPING_PRODUCT_ADS ad group "All Shoes" with a max CPC of 0.75 bidding ``bid_micros`` on
    all its products (the root listing group) and running a product ad, as the SDK's example
    shopping_ads/add_shopping_product_ad.py builds one; or, given a ``partition``, its products split so
    (``connectors.google_listing_groups``), as shopping_ads/add_shopping_product_listing_group_tree.py
    builds a tree."""
    factory = ConnectorFactory(load_settings(workspace))
    root: dict[str, Any] = {"key": "listing_group:all-products", "type": "LISTING_GROUP"}
    if partition is None:
        root.update(listing_group_type="UNIT", cpc_bid_micros=bid_micros)
    else:
        root.update(listing_group_type="SUBDIVISION", partition=partition)
    group = {
        "fields": {
            "name": "All Shoes",
            "status": "ENABLED",
            "type": "SHOPPING_PRODUCT_ADS",
            "cpc_bid_micros": 750_000,
        },
        "criteria": [root],
        "ads": {"product": {"status": "ENABLED", "type": "SHOPPING_PRODUCT_AD"}},
    }
    write_all(
        factory.create("google-main"),
        google_campaign(
            "google-main",
            SHOPPING_NAME,
            budget={"name": SHOPPING_NAME, "amount_micros": 40_000_000},
            campaign=SHOPPING_CAMPAIGN,
            criteria=[US, ENGLISH],
            groups=[group],
        ),
    )


HOTEL_NAME = "City Stays"
#: A Hotel campaign's fields as a console might make it: its Hotel Center account, Google Search alone, and
#: manual CPC, which MIDAS writes (the SDK's example examples/travel/add_hotel_ad.py bids percent CPC, which
#: MIDAS refuses by name: ``importing.hotel``).
HOTEL_CAMPAIGN = {
    "status": "ENABLED",
    "advertising_channel_type": "HOTEL",
    "bidding_strategy_type": "MANUAL_CPC",
    "network_settings": {"target_google_search": True},
    "hotel_setting": {"hotel_center_id": 5550009},
}


def city_stays(workspace: Path) -> None:
    """A Hotel campaign built in the Google console, "City Stays": in the United States, in English, bidding
    manual CPC (``HOTEL_CAMPAIGN``), one HOTEL_ADS ad group "Lisbon" with a max CPC of 1.10 running a hotel
    ad, as the SDK's example examples/travel/add_hotel_ad.py builds its ad group and ad (its campaign bids
    percent CPC, which MIDAS refuses)."""
    group = {
        "fields": {"name": "Lisbon", "status": "ENABLED", "type": "HOTEL_ADS", "cpc_bid_micros": 1_100_000},
        "criteria": [],
        "ads": {"hotel": {"status": "ENABLED", "type": "HOTEL_AD"}},
    }
    write_all(
        ConnectorFactory(load_settings(workspace)).create("google-main"),
        google_campaign(
            "google-main",
            HOTEL_NAME,
            budget={"name": HOTEL_NAME, "amount_micros": 30_000_000},
            campaign=HOTEL_CAMPAIGN,
            criteria=[US, ENGLISH],
            groups=[group],
        ),
    )


def video_ids_validated_then_applied(midas: Callable[..., Any], workspace: Path) -> list[str]:
    """Validate the workspace's specs remotely (which makes no video asset), apply them, check plan and
    drift are then clean, and return the YouTube video ids of the assets the apply made, sorted."""
    validated = midas("plan", "--validate-remote")
    assert validated.code == 0 and "would refuse" not in validated.output, validated.output
    assert sandbox_video_assets(workspace) == []  # a validation makes nothing
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0
    return sorted(a["youtube_video_asset"]["youtube_video_id"] for a in sandbox_video_assets(workspace))


def sandbox_video_assets(workspace: Path, account: str = "google-main") -> list[dict[str, Any]]:
    """The YouTube video assets of the sandbox's Google ``account``, as stored (the API's fields)."""
    settings = load_settings(workspace)
    sim = GoogleAdsSimulator(ConnectorFactory(settings).sandbox_world())
    customer = str(settings.accounts[account].customer_id)
    return [a for a in sim.peek(customer, "asset") if "youtube_video_asset" in a]


def meta_live_nodes(workspace: Path, kind: str, account: str = "meta-main") -> dict[str, dict[str, Any]]:
    """The sandbox's Meta ``account``'s live ``kind`` nodes by name, as stored (the Graph API's fields)."""
    settings = load_settings(workspace)
    sim = MetaSimulator(ConnectorFactory(settings).sandbox_world())
    return {node["name"]: node for node in sim.peek(str(settings.accounts[account].ad_account_id), kind)}


def run_by_an_ad_outside_midas(workspace: Path, midas: Callable[..., Any], creative_id: str) -> None:
    """Make an ad of a campaign MIDAS does not manage ("Other ad" of "Other") run ``creative_id`` too (Meta
    lets ads share a creative)."""
    other = meta_campaign(
        "meta-main",
        "Other",
        campaign={
            "objective": "OUTCOME_TRAFFIC",
            "status": "ACTIVE",
            "special_ad_categories": [],
            "daily_budget": 900,
        },
        adsets=[
            {
                "fields": {
                    "name": "S",
                    "status": "ACTIVE",
                    "optimization_goal": "LINK_CLICKS",
                    "billing_event": "IMPRESSIONS",
                    "targeting": {"geo_locations": {"countries": ["US"]}},
                },
                "ads": {
                    "Other ad": (
                        {"status": "ACTIVE"},
                        {"name": "oc", "title": "T", "link_url": "https://x.example.com"},
                    )
                },
            }
        ],
    )
    write_all(ConnectorFactory(load_settings(workspace)).create("meta-main"), other)
    pointed = midas(
        "sandbox", "set", "ad/Other/S/Other ad@meta", f"creative={json.dumps({'id': creative_id})}"
    )
    assert pointed.code == 0, pointed.output


DSA_NAME = "Shoe Finder"
#: A Search campaign with Dynamic Search Ads as a console makes it: its domain and language (v26
#: Campaign.DynamicSearchAdsSetting), on Google Search, maximizing clicks.
DSA_CAMPAIGN = {
    **SEARCH_CAMPAIGN,
    "dynamic_search_ads_setting": {
        "domain_name": "shop.example.com",
        "language_code": "en",
        "use_supplied_urls_only": True,
    },
}


def _webpage(name: str, conditions: list[dict[str, str]], *, negative: bool = False) -> dict[str, Any]:
    """A webpage criterion of a dynamic ad group or, ``negative``, a page excluded (v26 WebpageInfo),
    normalised, at its key."""
    return {
        "key": f"{'negative_' if negative else ''}webpage:{name}",
        "type": "WEBPAGE",
        "webpage_name": name,
        "webpage_conditions": conditions,
        **({"negative": True} if negative else {}),
    }


def _excluded(name: str, operand: str, argument: str) -> dict[str, Any]:
    """A page excluded (a negative webpage criterion) of one condition: ``operand`` CONTAINS ``argument``."""
    return _webpage(name, [{"operand": operand, "operator": "CONTAINS", "argument": argument}], negative=True)


def shoe_finder(workspace: Path, *, exclusions: bool = False) -> None:
    """A Search campaign with Dynamic Search Ads built in the Google console, "Shoe Finder": in the United
    States, in English, one dynamic ad group "All Pages" (SEARCH_DYNAMIC_ADS) targeting every page of the
    domain and the sale pages (URL contains /sale and title contains Sale), running one expanded dynamic
    search ad, as the SDK's example advanced_operations/add_dynamic_search_ads.py builds them; and a
    standard ad group beside it with a keyword and a responsive search ad. With ``exclusions`` the campaign
    excludes the careers pages (URL contains /careers) and the dynamic ad group the outlet pages (title
    contains Outlet)."""
    factory = ConnectorFactory(load_settings(workspace))
    conditions = [
        {"operand": "PAGE_TITLE", "operator": "CONTAINS", "argument": "Sale"},
        {"operand": "URL", "operator": "CONTAINS", "argument": "/sale"},
    ]
    dynamic = {
        "fields": {"name": "All Pages", "status": "ENABLED", "type": "SEARCH_DYNAMIC_ADS"},
        "criteria": [
            _webpage("every page", []),
            _webpage("sale", conditions),
            *([_excluded("outlet", "PAGE_TITLE", "Outlet")] if exclusions else []),
        ],
        "ads": {
            "dsa": {
                "status": "ENABLED",
                "type": "EXPANDED_DYNAMIC_SEARCH_AD",
                "description": "Find the shoes you are searching for.",
                "description2": "Free returns on every pair.",
            }
        },
    }
    standard = {
        "fields": {"name": "Trail", "status": "ENABLED", "type": "SEARCH_STANDARD"},
        "criteria": [
            {
                "key": "keyword:PHRASE:trail shoes",
                "type": "KEYWORD",
                "keyword_text": "trail shoes",
                "keyword_match_type": "PHRASE",
            }
        ],
        "ads": {
            "rsa": {
                "status": "ENABLED",
                "type": "RESPONSIVE_SEARCH_AD",
                "headlines": ["Trail Shoes", "Grip on Rock", "Free Returns"],
                "descriptions": ["Trail shoes that grip.", "Free returns on every pair."],
                "final_urls": ["https://shop.example.com/trail"],
            }
        },
    }
    write_all(
        factory.create("google-main"),
        google_campaign(
            "google-main",
            DSA_NAME,
            budget={"name": DSA_NAME, "amount_micros": 30_000_000},
            campaign=DSA_CAMPAIGN,
            criteria=[US, ENGLISH, *([_excluded("careers", "URL", "/careers")] if exclusions else [])],
            groups=[dynamic, standard],
        ),
    )
