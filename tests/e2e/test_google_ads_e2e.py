"""The core scenarios with the example workspace's Google account on the real SDK connector.

``google-main`` is switched to ``connector: google_ads`` (credentials from environment variables, as a
user's would be); every Google Ads call of the CLI goes through ``google-ads`` over gRPC to the local
fake (``route_google_ads_to``). The Meta account stays on the sandbox.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import GoogleAdsFake
from fakes.example import (
    ADDRESS_RADIUS,
    ADDRESS_SPEC,
    APP_SPEC,
    APPAREL_MOBILE_URL,
    APPAREL_TAGS,
    APPAREL_TEMPLATE,
    DEMAND_GEN_PRODUCT_SPEC,
    DEMAND_GEN_SPEC,
    DISPLAY_SPEC,
    DISPLAY_VIDEOS_SPEC,
    DMA_SPEC,
    DSA_EXCLUSIONS_SPEC,
    DSA_FEED_BOOTS,
    DSA_FEED_SPEC,
    DSA_FEED_TRAIL,
    DSA_SPEC,
    ENGAGEMENT_SPEC,
    EXCLUDED_PIN_SPEC,
    GOOGLE_PLACES_SPEC,
    HOTEL_SPEC,
    LAPSED_PLAYERS,
    LOCAL_SPEC,
    PMAX_BRAND_SPEC,
    PMAX_SPEC,
    PMAX_VIDEOS_SPEC,
    PRE_REGISTRATION_SPEC,
    RADIUS_SPEC,
    RUNNERS_TAGS,
    SHOES_TAGS,
    SHOES_URL,
    SHOPPING_SPEC,
    SHOPPING_TREE_SPEC,
    SPRING_TAGS,
    an_ambiguous_city_names_its_candidates,
    console_rename_is_drift,
    target_an_existing_audience,
    with_url_tracking,
)
from fakes.google_fixtures import GOOGLE_ACCESS_TOKEN, GOOGLE_CUSTOMER_ID, GOOGLE_DEVELOPER_TOKEN
from fakes.hand_built import (
    APP_CAMPAIGN,
    DEMAND_GEN_FILTER,
    IN_APP_CAMPAIGN,
    PLACES,
    app_installs,
    city_stays,
    holiday_sale,
    imported_places,
    metro_campaign,
    shoe_finder,
    trail_banners,
    trail_max,
    trail_shop,
    trail_stories,
    write_all,
)
from google.ads.googleads.v26.services.services.google_ads_service import GoogleAdsServiceClient

from midas_reconcile.cli import App, main
from midas_reconcile.connectors import google_ads
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.google_rows import criterion_key
from midas_reconcile.connectors.sandbox import add_audience, set_field, subdivide_product_group
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.connectors.sandbox.place_catalog import find_place
from midas_reconcile.resources import GOOGLE
from midas_reconcile.settings import load_settings
from midas_reconcile.spec._places import parse_radius
from midas_reconcile.targeting.places import proximity_fields, proximity_key

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
KINDS = ("campaign_budget", "campaign", "campaign_criterion", "ad_group", "ad_group_criterion", "ad_group_ad")


def _ad_key(ad: dict[str, Any]) -> str:
    """An ad's texts: Google keeps no name for a responsive search, responsive display or app ad (and a
    Demand Gen ad's is immutable)."""
    infos = ("responsive_search_ad", "responsive_display_ad", "demand_gen_multi_asset_ad", "app_ad")
    texts = next((ad[info] for info in infos if info in ad), {})
    return "|".join(sorted(a["text"] for a in texts.get("headlines", [])))


def _live(fake: GoogleAdsFake) -> Counter[tuple[str, str]]:
    """Live Google objects by (kind, name or content): a duplicate shows as a count of 2."""
    sim = GoogleAdsSimulator(fake.world)
    out: Counter[tuple[str, str]] = Counter()
    for kind in KINDS:
        for row in sim.peek(GOOGLE_CUSTOMER_ID, kind):
            key = criterion_key(row) if kind.endswith("criterion") else row.get("name") or _ad_key(row["ad"])
            parent = row.get("campaign") or row.get("ad_group") or ""
            out[(kind, f"{parent}/{key}")] += 1
    return out


def test_plan_apply_plan_converges_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    live = _live(google_fake)
    assert live and max(live.values()) == 1
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert len(mutates) == 1 and mutates[0].partial_failure  # one request: everything fits in 10,000
    reads = [c.query or "" for c in google_fake.requests if c.method == "SearchStream"]
    object_reads = [q for q in reads if any(f"FROM {kind} " in f"{q} " for kind in (*KINDS, "label"))]
    assert len(object_reads) >= len(KINDS) + 1
    assert all("status != 'REMOVED'" in q for q in object_reads)
    for secret in (GOOGLE_DEVELOPER_TOKEN, GOOGLE_ACCESS_TOKEN):
        assert secret not in applied.output


def test_a_console_edit_is_drift_and_apply_restores_it(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(google_fake.world, accounts, "campaign/spring-sale@google:google-main", {"budget.amount": "80"})

    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "amount_micros" in drift.output and "80000000" in drift.output.replace(",", "")
    assert midas("plan", "--detailed-exitcode").code == 2
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_impression_share_bidding_is_written_drifts_and_updates_in_place_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """The example's awareness campaign bids for target impression share with the settings Google
    requires; a console edit of its CPC ceiling is drift, and a new max_cpc in the spec an update."""
    assert midas("apply", "--auto-approve").code == 0
    sim = GoogleAdsSimulator(google_fake.world)

    def brand() -> dict[str, Any]:
        [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "brand-awareness"]
        return campaign

    created = brand()
    assert created["bidding_strategy_type"] == "TARGET_IMPRESSION_SHARE"
    assert created["target_impression_share"] == {
        "location": "TOP_OF_PAGE",
        "location_fraction_micros": 650_000,
        "cpc_bid_ceiling_micros": 2_500_000,
    }
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    address = "campaign/brand-awareness@google:google-main"
    set_field(
        google_fake.world, accounts, address, {"target_impression_share.cpc_bid_ceiling_micros": "4000000"}
    )
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "cpc_bid_ceiling_micros: 2500000 (2.50 USD) → 4000000 (4.00 USD)" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert brand()["target_impression_share"]["cpc_bid_ceiling_micros"] == 2_500_000

    spec = google_workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("max_cpc: 2.50", "max_cpc: 3.10"), encoding="utf-8"
    )
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2 and f"~ {address}" in planned.output, planned.output
    assert "0 to create, 1 to update, 0 to replace" in planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert brand()["id"] == created["id"]
    assert brand()["target_impression_share"] == {
        **created["target_impression_share"],
        "cpc_bid_ceiling_micros": 3_100_000,
    }


def test_throttling_through_the_sdk_is_retried_until_the_apply_converges(
    google_workspace: Path, google_fake: GoogleAdsFake, state_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIDAS_STATE_URL", state_url)
    google_fake.throttle(3, retry_delay_s=45)
    waits: list[float] = []
    assert main(["-C", str(google_workspace), "apply", "--auto-approve"], app=App(sleep=waits.append)) == 0
    assert [c.status for c in google_fake.requests[:3]] == ["RESOURCE_EXHAUSTED"] * 3
    assert any(w >= 45 for w in waits), "the API's retry_delay is honoured"
    assert main(["-C", str(google_workspace), "plan", "--detailed-exitcode"], app=App()) == 0
    assert max(_live(google_fake).values()) == 1


class _Killed(BaseException):
    """Stands in for SIGKILL: raised right after the API applied a request, before MIDAS records it."""


@pytest.mark.parametrize("batches", [1, 2])
def test_an_apply_killed_after_a_mutate_converges_on_rerun(
    midas: Midas,
    google_workspace: Path,
    google_fake: GoogleAdsFake,
    monkeypatch: pytest.MonkeyPatch,
    batches: int,
) -> None:
    real_write = google_ads.GoogleAdsConnector.write
    sent = 0

    def write_then_die(self: google_ads.GoogleAdsConnector, ops: Any) -> Any:
        nonlocal sent
        results = real_write(self, ops)
        sent += 1
        if sent == batches:
            raise _Killed
        return results

    with monkeypatch.context() as patch:
        patch.setattr(google_ads.GoogleAdsConnector, "write", write_then_die)
        small = google_ads.dataclasses.replace(google_ads.DEFAULT_LIMITS[GOOGLE], write_batch_size=8)
        patch.setitem(google_ads.DEFAULT_LIMITS, GOOGLE, small)
        with pytest.raises(_Killed):
            midas("apply", "--auto-approve", "--account", "google-main")
    assert sum(1 for c in google_fake.requests if c.method == "Mutate") == batches

    rerun = midas("apply", "--auto-approve", "--account", "google-main")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    live = _live(google_fake)
    assert live and max(live.values()) == 1, "nothing was created twice"


def test_credentials_appear_in_no_output_plan_file_or_state(
    midas: Midas,
    google_workspace: Path,
    google_fake: GoogleAdsFake,
    state_dump: Callable[[], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    outputs = [
        midas("apply", "--auto-approve").output,
        midas("plan", "--format", "json", "--out", str(google_workspace / "plan.json")).output,
        midas("drift", "--format", "markdown").output,
    ]
    google_fake.throttle(100)  # and an error path: the read fails after its retries (waits not slept)
    capsys.readouterr()
    assert main(["-C", str(google_workspace), "plan"], app=App(sleep=lambda _s: None)) == 1
    failed = capsys.readouterr()
    assert "RESOURCE_TEMPORARILY_EXHAUSTED" in failed.out + failed.err
    outputs.append(failed.out + failed.err)
    state = state_dump()
    everything = "\n".join([*outputs, (google_workspace / "plan.json").read_text(), state])
    assert "google-main" in everything and "campaign_budget" in state
    for secret in (GOOGLE_DEVELOPER_TOKEN, GOOGLE_ACCESS_TOKEN):
        assert secret not in everything


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param({}, id="one-creative"),
        pytest.param({"meta_title": "A title Google never shows"}, id="one-per-platform"),
        # Google's ad group runs an ad Meta's ad set of its name does not: an ad group per platform.
        pytest.param({"wrap_ad": True}, id="an-ad-group-per-platform"),
        # Google's budget is a shared one: a SharedBudget document, the unified budget Meta's alone.
        pytest.param({"shared_budget": True}, id="on-a-shared-budget"),
        pytest.param({"eu_political": True}, id="eu-political-advertising"),
        pytest.param(
            {"google_final_urls": ["https://shop.example.com/gifts", "https://shop.example.com/b"]},
            id="several-final-urls",
        ),
        # Ages, genders and an interest excluded at campaign level: google.negative_*.
        pytest.param({"campaign_exclusions": True}, id="campaign-exclusions"),
        # An age bracket and a gender excluded in an ad group, as a console does: its google.negative_*.
        pytest.param({"ad_group_exclusions": True}, id="ad-group-exclusions"),
        # An app campaign (MULTI_CHANNEL, APP_CAMPAIGN) running an app ad: objective app_promotion.
        pytest.param({"app_installs": True}, id="an-app-campaign"),
        # The same, bidding for in-app conversions of two conversion actions (selective optimisation).
        pytest.param({"app_installs": True, "in_app": True}, id="an-app-campaign-for-in-app-conversions"),
        # A Display campaign (DISPLAY_STANDARD ad group, a responsive display ad naming image assets).
        pytest.param({"display": True}, id="a-display-campaign"),
        # The same, its ad group overriding the campaign's target CPA with one of its own.
        pytest.param({"display": True, "group_target_cpa": True}, id="an-ad-groups-own-target-cpa"),
        # The same, its ad showing YouTube videos (YoutubeVideoAssets it names).
        pytest.param(
            {"display": True, "youtube_videos": ["dQw4w9WgXcQ", "M7lc1UVf-VE"]}, id="a-display-ad-with-videos"
        ),
        # A Performance Max campaign: an asset group of text assets and image asset ids.
        pytest.param({"pmax": True}, id="a-performance-max-campaign"),
        # Its asset group showing two long headlines (google.long_headlines).
        pytest.param(
            {"pmax": True, "long_headlines": ["Trail shoes that grip wet rock", "Shoes for every trail"]},
            id="a-performance-max-asset-group-of-two-long-headlines",
        ),
        # Its asset group with a call to action (a CallToActionAsset).
        pytest.param({"pmax": True, "call_to_action": "SHOP_NOW"}, id="a-performance-max-call-to-action"),
        # Its asset group with YouTube videos (YoutubeVideoAssets linked as YOUTUBE_VIDEO).
        pytest.param(
            {"pmax": True, "youtube_videos": ["dQw4w9WgXcQ", "M7lc1UVf-VE"]},
            id="a-performance-max-with-videos",
        ),
        # Its brand guidelines on: business name and logos are campaign assets.
        pytest.param({"pmax": True, "brand": True}, id="a-performance-max-campaign-with-brand-guidelines"),
        # A Demand Gen campaign (untyped ad groups with their own places, a multi-asset ad).
        pytest.param({"demand_gen": True}, id="a-demand-gen-campaign"),
        # Its ad groups on channels of their own: YouTube Shorts and Gmail; Google-owned ones only.
        pytest.param(
            {"demand_gen": True, "channels": {"selected_channels": ["youtube_shorts", "gmail"]}},
            id="a-demand-gen-ad-group-on-picked-channels",
        ),
        pytest.param(
            {"demand_gen": True, "channels": {"channel_strategy": "ALL_OWNED_AND_OPERATED_CHANNELS"}},
            id="a-demand-gen-ad-group-on-google-owned-channels",
        ),
        # A video responsive ad beside its multi-asset ad (v26 DemandGenVideoResponsiveAdInfo: YouTube video
        # assets, a logo, a companion banner, long headlines, a breadcrumb, an AdTextAsset business name).
        pytest.param({"demand_gen": True, "clip": True}, id="a-demand-gen-video-responsive-ad"),
        # Both with their calls to action: a multi-asset ad's text, a video ad's call to action asset.
        pytest.param(
            {
                "demand_gen": True,
                "clip": {"call_to_actions": ["SHOP_NOW"]},
                "call_to_action_text": "Shop now",
            },
            id="a-demand-gen-ads-calls-to-action",
        ),
        # A carousel ad beside its multi-asset ad (v26 DemandGenCarouselAdInfo: carousel card assets).
        pytest.param({"demand_gen": True, "deck": True}, id="a-demand-gen-carousel-ad"),
        # A product ad beside its multi-asset ad, the campaign linked to a Merchant Center account (v26
        # DemandGenProductAdInfo; the campaign's ShoppingSetting).
        pytest.param({"demand_gen": True, "shelf": True}, id="a-demand-gen-product-ad"),
        # Its ad group's product filter (a listing group tree without bids: brand, then condition).
        pytest.param(
            {"demand_gen": True, "shelf": True, "product_filter": DEMAND_GEN_FILTER},
            id="a-demand-gen-ad-group-s-product-filter",
        ),
        # A standard Shopping campaign (its Merchant Center settings, a product ad group bidding on all its
        # products, a product ad).
        pytest.param({"shopping": True}, id="a-shopping-campaign"),
        # A Hotel campaign bidding manual CPC (its Hotel Center account, a HOTEL_ADS ad group at its max CPC,
        # a hotel ad; not the SDK's example add_hotel_ad.py, whose percent CPC MIDAS refuses).
        pytest.param({"hotel": True}, id="a-manual-cpc-hotel-campaign"),
        # Google bids for target impression share, which a leads campaign (Meta's objective) names.
        pytest.param({"impression_share": True}, id="impression-share"),
        # A city and postal codes (targeted, excluded): read back by id (name, canonical name, target type).
        pytest.param({"places": True}, id="cities-and-postal-codes"),
    ],
)
def test_import_adopt_round_trips_through_the_sdk(
    midas: Midas, google_workspace: Path, variant: dict[str, Any]
) -> None:
    for file in [
        *(google_workspace / "specs").glob("*.yaml"),
        *(google_workspace / "policies").glob("*.yaml"),
    ]:
        file.unlink()
    if variant.get("app_installs"):
        app_installs(google_workspace, campaign=IN_APP_CAMPAIGN if variant.get("in_app") else APP_CAMPAIGN)
    elif variant.get("display"):
        own_target = {"target_cpa_micros": 3_000_000} if variant.get("group_target_cpa") else None
        videos = {"youtube_videos": variant["youtube_videos"]} if "youtube_videos" in variant else {}
        trail_banners(google_workspace, group_fields=own_target, **videos)
    elif variant.get("pmax"):
        options = ("long_headlines", "brand", "call_to_action", "youtube_videos")
        trail_max(google_workspace, **{k: variant[k] for k in options if k in variant})
    elif variant.get("demand_gen"):
        channels = variant.get("channels")
        hikers = {"channel_controls": channels} if channels else None
        story = {k: variant[k] for k in ("call_to_action_text",) if k in variant}
        trail_stories(
            google_workspace,
            hikers=hikers,
            clip=variant.get("clip", False),
            deck="deck" in variant,
            shelf="shelf" in variant,
            product_filter=variant.get("product_filter"),
            **story,
        )
    elif variant.get("shopping"):
        trail_shop(google_workspace)
    elif variant.get("hotel"):
        city_stays(google_workspace)
    else:
        holiday_sale(google_workspace, **variant)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0
    if variant.get("hotel"):
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "city-stays.yaml").read_text())
        assert spec["spec"]["google"]["hotel"] == {"hotel_center_id": "5550009"}
        assert spec["spec"]["ad_groups"] == [{"name": "Lisbon", "google": {"cpc_bid": 1.1}}]
    if variant.get("places"):
        assert imported_places(google_workspace) == ([PLACES[0], "US", PLACES[1]], [PLACES[2]])
    if "product_filter" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "trail-stories.yaml").read_text())
        hikers = next(g for g in spec["spec"]["ad_groups"] if g["name"] == "Hikers")
        assert hikers["google"]["product_groups"] == {
            "split_by": "brand",
            "values": {"trailco": {}, "knockoff": {"exclude": True}},
            "everything_else": {
                "split_by": "condition",
                "values": {"new": {}},
                "everything_else": {"exclude": True},
            },
        }, hikers
    if "app_installs" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "app-installs.yaml").read_text())
        assert spec["spec"]["app"] == {"store": "google_play", "id": "com.example.puzzle"}
        assert spec["spec"]["google"]["bidding"] == {
            "strategy": "target_cpa",
            "target_cpa": 2,
            **(
                {
                    "app_goal": "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
                    "conversion_actions": ["7001", "7002"],
                }
                if variant.get("in_app")
                else {}
            ),
        }
    if "demand_gen" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "trail-stories.yaml").read_text())
        assert spec["spec"]["google"]["channel"] == "demand_gen"
        assert spec["spec"]["creatives"][0]["google"]["portrait_marketing_images"] == ["5005"]
        picked = {g["name"]: g.get("google", {}).get("channels") for g in spec["spec"]["ad_groups"]}
        channels = variant.get("channels") or {}
        expected = channels.get("selected_channels") or ("google_owned" if channels else None)
        assert picked == {"Hikers": expected, "Canada": None}
        clips = [c["google"] for c in spec["spec"]["creatives"] if c["name"] == "Clip"]
        if variant.get("clip"):
            assert clips == [
                {
                    "youtube_videos": ["M7lc1UVf-VE", "dQw4w9WgXcQ"],
                    "logo_images": ["5004"],
                    "companion_banners": ["5006"],
                    "long_headlines": ["Shoes that grip wet rock"],
                    "breadcrumb1": "trail",
                    **({"call_to_action": "shop_now"} if isinstance(variant["clip"], dict) else {}),
                }
            ]
        else:
            assert clips == []
        story = spec["spec"]["creatives"][0]["google"]
        assert story.get("call_to_action_text") == variant.get("call_to_action_text")
        decks = [c for c in spec["spec"]["creatives"] if c["name"] == "Deck"]
        if "deck" in variant:
            [deck] = decks
            assert deck["type"] == "carousel" and deck["primary_text"] == "Two shoes for every trail."
            assert deck["google"]["headline"] == "Shoes for every trail"
            assert [card["headline"] for card in deck["cards"]] == ["Ridge", "Mesa"]
            assert deck["cards"][0]["google"] == {
                "marketing_image": "5011",
                "portrait_marketing_image": "5012",
                "call_to_action_text": "Shop Ridge",
            }
        else:
            assert decks == []
        shelves = [c for c in spec["spec"]["creatives"] if c["name"] == "Shelf"]
        if "shelf" in variant:
            assert spec["spec"]["google"]["demand_gen"] == {"merchant_id": "5550002", "feed_label": "US"}
            assert shelves == [
                {
                    "name": "Shelf",
                    "type": "product",
                    "primary_text": "Shoes for every trail, from our shop.",
                    "final_url": "https://shop.example.com/trail",
                    "google": {
                        "headline": "Trail shoes in stock",
                        "logo_images": ["5004"],
                        "breadcrumb1": "trail",
                        "call_to_action": "shop_now",
                    },
                }
            ]
        else:
            assert shelves == [] and "demand_gen" not in spec["spec"]["google"]
    if "shopping" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "trail-shop.yaml").read_text())
        assert spec["spec"]["google"]["channel"] == "shopping"
        assert spec["spec"]["google"]["shopping"]["merchant_id"] == "5550001"
    if "display" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "trail-banners.yaml").read_text())
        assert spec["spec"]["google"]["channel"] == "display"
        assert spec["spec"]["creatives"][0]["google"]["marketing_images"] == ["5001", "5002"]
        own_target = {"target_cpa": 3} if variant.get("group_target_cpa") else {}
        assert spec["spec"]["ad_groups"][0]["google"] == {"cpc_bid": 0.8, **own_target}
        if "youtube_videos" in variant:
            assert spec["spec"]["creatives"][0]["google"]["youtube_videos"] == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
    if "pmax" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "trail-max.yaml").read_text())
        assert spec["spec"]["google"]["channel"] == "performance_max"
        if "call_to_action" in variant:
            assert spec["spec"]["creatives"][0]["google"]["call_to_action"] == "shop_now"
        if "youtube_videos" in variant:
            assert spec["spec"]["creatives"][0]["google"]["youtube_videos"] == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
        if "brand" in variant:
            assert spec["spec"]["google"]["brand_guidelines"] == {
                "square_logo_images": ["5003"],
                "logo_images": ["5004"],
            }
        else:
            assert spec["spec"]["creatives"][0]["google"]["square_logo_images"] == ["5003"]
        if "long_headlines" in variant:
            assert sorted(spec["spec"]["creatives"][0]["google"]["long_headlines"]) == sorted(
                variant["long_headlines"]
            )
    if "shared_budget" in variant:
        shared = google_workspace / "specs" / "imported" / "shared-budget-holiday-budget-q4.yaml"
        assert "kind: SharedBudget" in shared.read_text(encoding="utf-8")
    if "wrap_ad" in variant:
        text = (google_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
        assert text.count("- name: Gift Shoppers") == 2 and "platforms: [google]" in text
    if "campaign_exclusions" in variant:
        text = (google_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
        assert "negative_ages: [undetermined]" in text and "negative_interests: [Golf]" in text
    if "impression_share" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text())
        assert spec["spec"]["google"]["bidding"] == {
            "strategy": "target_impression_share",
            "impression_share": {"location": "absolute_top_of_page", "share": 0.805, "max_cpc": 3.0},
        }
    if "ad_group_exclusions" in variant:
        spec = yaml.safe_load((google_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text())
        [group] = spec["spec"]["ad_groups"]
        assert (group["google"]["negative_ages"], group["google"]["negative_genders"]) == (
            ["undetermined"],
            ["male"],
        )


def test_an_existing_audience_is_targeted_by_its_id_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A remarketing list built in the Google Ads console: the campaign's ad groups target it by its id,
    the plan is clean afterwards, and no call ever writes to a user list."""
    list_id = add_audience(
        google_fake.world, {"g": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}, "g", "site-visitors"
    )
    assert midas("sandbox", "add-audience", "meta-main", "site-visitors").code == 0
    target_an_existing_audience(google_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    rows = GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
    lists = {r["user_list"]["user_list"] for r in rows if r["type"] == "USER_LIST"}
    assert lists == {f"customers/{GOOGLE_CUSTOMER_ID}/userLists/{list_id}"}
    assert [c.method for c in google_fake.requests if "UserList" in c.method] == []


SHARED_SPECS = """\
apiVersion: midas/v1
kind: SharedBudget
metadata: {name: search-pool}
spec: {account: google-main, daily: 150.00, currency: USD}
""" + "".join(
    f"""---
apiVersion: midas/v1
kind: Campaign
metadata: {{name: {name}}}
spec:
  platforms: {{google: {{account: google-main}}}}
  objective: traffic
  google: {{shared_budget: search-pool}}
  targeting: {{locations: [US]}}
  creatives:
    - name: ad1
      headlines: [{name.title()}, Great {name}, Cheap {name}]
      descriptions: [Buy {name} now, Free returns]
      final_url: https://shop.example.com/
"""
    for name in ("shoes", "socks")
)


def test_a_shared_budget_converges_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    (google_workspace / "specs" / "pool.yaml").write_text(SHARED_SPECS)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    budgets = [k for k in _live(google_fake) if k[0] == "campaign_budget" and k[1].endswith("/search-pool")]
    assert len(budgets) == 1
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(google_fake.world, accounts, "campaign/socks@google:google-main", {"budget.amount": "99"})
    drift = midas("drift")
    assert drift.code == 2 and "campaign_budget/%shared/search-pool@google:google-main" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0


def test_a_lifetime_budget_is_a_custom_period_one_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Google takes a total amount only with period CUSTOM_PERIOD; the proto enum survives the round trip
    (no perpetual diff on ``period``), and a switch back to daily is refused before any write."""
    spec = google_workspace / "specs" / "spring-sale.yaml"
    daily = spec.read_text("utf-8")
    spec.write_text(daily.replace("    daily: 50.00\n", "    lifetime: 5000.00\n"), "utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    budgets = GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, "campaign_budget")
    [lifetime] = [b for b in budgets if b.get("name") == "spring-sale"]
    assert (lifetime["period"], lifetime["total_amount_micros"]) == ("CUSTOM_PERIOD", 3_000_000_000)
    spec.write_text(daily, "utf-8")
    assert midas("apply", "--auto-approve").code == 1
    assert GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, "campaign_budget") == budgets


def test_an_app_campaign_converges_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """An app_promotion campaign is an app campaign on Google (MULTI_CHANNEL, APP_CAMPAIGN, the app's
    setting, an app ad): the fake, which runs the sandbox's rules, takes it, and apply then plan is clean.
    A console edit of its ad's text or of its bidding goal is drift; apply restores both."""
    (google_workspace / "specs" / "app.yaml").write_text(APP_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "puzzle-app"]
    assert (campaign["advertising_channel_sub_type"], campaign["app_campaign_setting"]) == (
        "APP_CAMPAIGN",
        {
            "app_id": "com.example.puzzle",
            "app_store": "GOOGLE_APP_STORE",
            "bidding_strategy_goal_type": "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST",
        },
    )
    assert campaign["target_cpa"] == {"target_cpa_micros": 1_500_000} and "network_settings" not in campaign
    [ad] = [a for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") if a["ad"]["type"] == "APP_AD"]
    assert "final_urls" not in ad["ad"] and "name" not in ad["ad"]  # Google keeps no name for an app ad

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(
        google_fake.world,
        accounts,
        f"ad_group_ad/puzzle-app/default/{ad['ad']['id']}@google:google-main",
        {
            "ad.app_ad.headlines": '[{"text": "Puzzle fun"}, {"text": "Edited"}]',
            "ad.app_ad.images": json.dumps([{"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/77"}]),
        },
    )
    goal = "app_campaign_setting.bidding_strategy_goal_type"
    set_field(
        google_fake.world,
        accounts,
        "campaign/puzzle-app@google:google-main",
        {goal: "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST"},
    )
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "headlines" in drift.output and "Edited" in drift.output
    assert "images" in drift.output and "assets/77" in drift.output  # read through the SDK too
    assert goal in drift.output and "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_engagement_and_pre_registration_campaigns_converge_and_drift_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """The other app campaign sub types through the real SDK: an engagement campaign (its audience an ad
    group criterion, its in-app conversion action, an engagement ad with an image) and a pre-registration
    campaign (its one goal, a pre-registration ad with images) apply and plan clean; a console's image on the
    engagement ad and video on the pre-registration ad are drift, which apply restores."""
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    list_id = add_audience(google_fake.world, accounts, "google-main", LAPSED_PLAYERS)
    (google_workspace / "specs" / "comeback.yaml").write_text(ENGAGEMENT_SPEC, encoding="utf-8")
    (google_workspace / "specs" / "launch.yaml").write_text(PRE_REGISTRATION_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    campaigns = {c["name"]: c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign")}
    comeback, launch = campaigns["puzzle-comeback"], campaigns["puzzle-two-launch"]
    assert (comeback["advertising_channel_sub_type"], launch["advertising_channel_sub_type"]) == (
        "APP_CAMPAIGN_FOR_ENGAGEMENT",
        "APP_CAMPAIGN_FOR_PRE_REGISTRATION",
    )
    assert launch["app_campaign_setting"]["bidding_strategy_goal_type"] == (
        "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME"
    )
    rows = sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
    assert [r["user_list"]["user_list"] for r in rows if r["type"] == "USER_LIST"] == [
        f"customers/{GOOGLE_CUSTOMER_ID}/userLists/{list_id}"
    ]
    ads = {a["ad"]["type"]: a["ad"] for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad")}
    engagement, pre_registration = ads["APP_ENGAGEMENT_AD"], ads["APP_PRE_REGISTRATION_AD"]
    assert engagement["app_engagement_ad"]["images"] == [
        {"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/1101"}
    ]
    assert len(pre_registration["app_pre_registration_ad"]["images"]) == 2

    asset = f"customers/{GOOGLE_CUSTOMER_ID}/assets"
    set_field(
        google_fake.world,
        accounts,
        f"ad_group_ad/puzzle-comeback/default/{engagement['id']}@google:google-main",
        {"ad.app_engagement_ad.images": json.dumps([{"asset": f"{asset}/1101"}, {"asset": f"{asset}/77"}])},
    )
    set_field(
        google_fake.world,
        accounts,
        f"ad_group_ad/puzzle-two-launch/default/{pre_registration['id']}@google:google-main",
        {"ad.app_pre_registration_ad.youtube_videos": json.dumps([{"asset": f"{asset}/88"}])},
    )
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "images" in drift.output and "77" in drift.output
    assert "youtube_videos" in drift.output and "assets/88" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_renamed_creative_is_the_same_ad_and_no_mutate_is_sent_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Google keeps no name for a responsive search ad: renaming its creative moves MIDAS's record only."""
    assert midas("apply", "--auto-approve").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    ads = sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad")
    spec = google_workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(spec.read_text().replace("brand-core", "brand-classic"))
    mutates = sum(c.method == "Mutate" for c in google_fake.requests)

    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0, applied.output
    assert "-> ad_group_ad/brand-awareness/default/brand-classic@google:google-main" in applied.output
    assert "1 record to move" in applied.output and "(0 write calls)" in applied.output
    assert sum(c.method == "Mutate" for c in google_fake.requests) == mutates
    assert sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") == ads
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0


def test_a_renamed_ad_group_is_renamed_in_place_by_one_name_update_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ad group renamed in the specs is the same ad group: the one operation sent is an update of its
    ``name`` (its mask ``name`` alone), every object keeps its id, its ads are not re-created, and a console
    rename after it is drift of its name that the next apply restores."""
    assert midas("apply", "--auto-approve").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    before = {kind: sim.peek(GOOGLE_CUSTOMER_ID, kind) for kind in KINDS}
    [walkers] = [g for g in before["ad_group"] if g["name"] == "walkers"]
    spec = google_workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("- name: walkers\n", "- name: striders\n"))
    sent = _spy_on_mutates(monkeypatch)

    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0, applied.output
    assert "~ ad_group/spring-sale/striders@google:google-main — ad group renamed (was 'walkers')" in (
        applied.output
    )
    assert "0 to create" in applied.output and "(1 write call)" in applied.output, applied.output
    assert [type(op).pb(op).WhichOneof("operation") for op in sent] == ["ad_group_operation"]
    update = sent[0].ad_group_operation
    assert list(update.update_mask.paths) == ["name"] and update.update.name == "striders"
    assert update.update.resource_name.endswith(f"/adGroups/{walkers['id']}")
    after = {kind: sim.peek(GOOGLE_CUSTOMER_ID, kind) for kind in KINDS}
    renamed = [{**g, "name": "striders"} if g["id"] == walkers["id"] else g for g in before["ad_group"]]
    assert after == {**before, "ad_group": renamed}
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(google_fake.world, accounts, "ad_group/spring-sale/striders@google:google-main", {"name": "x"})
    console_rename_is_drift(midas, "google-main")
    assert {kind: sim.peek(GOOGLE_CUSTOMER_ID, kind) for kind in KINDS} == after


def test_a_renamed_campaign_is_renamed_in_place_by_its_and_its_budgets_names_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A campaign renamed in the specs is the same campaign: the operations sent are updates of its budget's
    and its own ``name`` alone (masks ``name``), and nothing else changes on the platform."""
    assert midas("apply", "--auto-approve").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    before = {kind: sim.peek(GOOGLE_CUSTOMER_ID, kind) for kind in KINDS}
    spec = google_workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("  name: spring-sale\n", "  name: spring-event\n", 1))
    sent = _spy_on_mutates(monkeypatch)

    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0, applied.output
    assert "0 to create" in applied.output and "(1 write call)" in applied.output, applied.output
    updates = [(type(op).pb(op).WhichOneof("operation"), op) for op in sent]
    assert [kind for kind, _ in updates] == ["campaign_budget_operation", "campaign_operation"]
    for kind, op in updates:
        update = getattr(op, kind)
        assert list(update.update_mask.paths) == ["name"] and update.update.name == "spring-event"
    renamed = {
        kind: [{**row, "name": "spring-event"} if row.get("name") == "spring-sale" else row for row in rows]
        if kind in ("campaign_budget", "campaign")
        else rows
        for kind, rows in before.items()
    }
    assert {kind: sim.peek(GOOGLE_CUSTOMER_ID, kind) for kind in KINDS} == renamed
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0


def _spy_on_mutates(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The operations of every GoogleAdsService.Mutate the SDK sends from now on (it still sends them)."""
    sent: list[Any] = []
    original = GoogleAdsServiceClient.mutate

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        sent.extend(kwargs["request"].mutate_operations)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(GoogleAdsServiceClient, "mutate", spy)
    return sent


def test_a_display_campaign_converges_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.channel: display`` is a Display campaign on the Display Network running a responsive display
    ad (its long headline a single text asset, its images the account's assets) through the real SDK: apply
    then plan is clean, and a console edit of the ad's long headline or images is drift."""
    (google_workspace / "specs" / "display.yaml").write_text(DISPLAY_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "trail-display"]
    assert campaign["advertising_channel_type"] == "DISPLAY" and "target_spend" in campaign
    [ad] = [
        a for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") if a["ad"]["type"] == "RESPONSIVE_DISPLAY_AD"
    ]
    rda = ad["ad"]["responsive_display_ad"]
    assert rda["long_headline"] == {"text": "Trail shoes that grip wet rock and loose gravel."}
    assert rda["marketing_images"] == [{"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/1001"}]
    assert "name" not in ad["ad"]  # Google keeps no name for a responsive display ad

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(
        google_fake.world,
        accounts,
        f"ad_group_ad/trail-display/default/{ad['ad']['id']}@google:google-main",
        {
            "ad.responsive_display_ad.long_headline": '{"text": "Edited in the console."}',
            "ad.responsive_display_ad.youtube_videos": json.dumps(
                [{"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/88"}]
            ),
            # What MIDAS never sends is read too: a console edit of it is drift.
            "ad.responsive_display_ad.call_to_action_text": "Shop the trail",
            "ad.responsive_display_ad.allow_flexible_color": "false",
            "ad.responsive_display_ad.format_setting": "NATIVE",
            "ad.responsive_display_ad.control_spec.enable_autogen_video": "true",
        },
    )
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "long_headline" in drift.output and "Edited in the console." in drift.output
    assert "youtube_videos" in drift.output and "assets/88" in drift.output  # read through the SDK too
    for shown in ("call_to_action_text", "Shop the trail", "allow_flexible_color", "NATIVE", "autogen_video"):
        assert shown in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_display_ads_youtube_videos_converge_and_drift_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A responsive display ad's ``google.youtube_videos`` through the real SDK: video assets made in a
    request before the ad's, the ad naming them (ResponsiveDisplayAdInfo.youtube_videos), read back by
    video id from one query of those assets (apply then plan is clean); a video taken off the ad in the
    console is drift."""
    spec = google_workspace / "specs" / "display.yaml"
    spec.write_text(DISPLAY_VIDEOS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    videos = {
        a["resource_name"]: a["youtube_video_asset"]["youtube_video_id"]
        for a in sim.peek(GOOGLE_CUSTOMER_ID, "asset")
        if "youtube_video_asset" in a
    }
    [ad] = [a for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") if "responsive_display_ad" in a["ad"]]
    named = [v["asset"] for v in ad["ad"]["responsive_display_ad"]["youtube_videos"]]
    assert sorted(videos[name] for name in named) == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
    kept = next(name for name, video in videos.items() if video == "dQw4w9WgXcQ")
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    address = f"ad_group_ad/trail-display/default/{ad['ad']['id']}@google:google-main"  # read at its id
    set_field(
        google_fake.world,
        accounts,
        address,
        {"ad.responsive_display_ad.youtube_videos": json.dumps([{"asset": kept}])},
    )
    drift = midas("drift")
    assert drift.code == 2 and "M7lc1UVf-VE" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_performance_max_campaign_converges_changes_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.channel: performance_max`` through the real SDK: the asset group is created with its text
    assets and links in one request, read back from its links (apply then plan is clean), a changed
    headline relinks one text asset, and a console edit of the asset group is drift."""
    spec = google_workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    # Sent off on create (on is Google's default from v21, and refuses business name and logo links).
    [campaign] = [
        c
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign")
        if c["advertising_channel_type"] == "PERFORMANCE_MAX"
    ]
    assert campaign["brand_guidelines_enabled"] is False
    [group] = sim.peek(GOOGLE_CUSTOMER_ID, "asset_group")
    links = sim.peek(GOOGLE_CUSTOMER_ID, "asset_group_asset")
    assert Counter(link["field_type"] for link in links) == {
        "HEADLINE": 3,
        "LONG_HEADLINE": 1,
        "DESCRIPTION": 2,
        "BUSINESS_NAME": 1,
        "MARKETING_IMAGE": 1,
        "SQUARE_MARKETING_IMAGE": 1,
        "LOGO": 1,
    }
    assert {link["linked_asset"]["text_asset"]["text"] for link in links if "linked_asset" in link} >= {
        "Example Running",
        "Run the hills",
    }

    spec.write_text(PMAX_SPEC.replace("Run the hills", "Climb the hills"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert [g["id"] for g in sim.peek(GOOGLE_CUSTOMER_ID, "asset_group")] == [group["id"]]

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    edit = {"final_urls": '["https://shop.example.com/elsewhere"]'}
    set_field(google_fake.world, accounts, "asset_group/trail-pmax/default@google:google-main", edit)
    drift = midas("drift")
    assert drift.code == 2 and "final_urls" in drift.output and "elsewhere" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    # A link paused in the console reads as none (drift), and the apply re-enables it through the SDK.
    pause = {"link:DESCRIPTION:Light shoes for long days.": "paused"}
    set_field(google_fake.world, accounts, "asset_group/trail-pmax/default@google:google-main", pause)
    drift = midas("drift")
    assert drift.code == 2 and "Light shoes for long days." in drift.output, drift.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    descriptions = [
        link
        for link in sim.peek(GOOGLE_CUSTOMER_ID, "asset_group_asset")
        if link["field_type"] == "DESCRIPTION"
    ]
    assert [link["status"] for link in descriptions] == ["ENABLED", "ENABLED"]


def test_a_renamed_asset_group_is_renamed_in_place_by_one_name_update_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Performance Max ad group renamed in the specs is the same asset group: the one operation sent is
    an update of its ``name`` (mask ``name`` alone); its id and links are kept."""
    spec = google_workspace / "specs" / "pmax.yaml"
    hikers = PMAX_SPEC.replace("  creatives:\n", "  ad_groups:\n    - {name: hikers}\n  creatives:\n")
    spec.write_text(hikers, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    [group] = sim.peek(GOOGLE_CUSTOMER_ID, "asset_group")
    links = sim.peek(GOOGLE_CUSTOMER_ID, "asset_group_asset")
    spec.write_text(hikers.replace("{name: hikers}", "{name: walkers}"), encoding="utf-8")
    sent = _spy_on_mutates(monkeypatch)
    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert "asset group renamed (was 'hikers')" in applied.output, applied.output
    assert [type(op).pb(op).WhichOneof("operation") for op in sent] == ["asset_group_operation"]
    update = sent[0].asset_group_operation
    assert list(update.update_mask.paths) == ["name"] and update.update.name == "walkers"
    assert update.update.resource_name.endswith(f"/assetGroups/{group['id']}")
    assert sim.peek(GOOGLE_CUSTOMER_ID, "asset_group") == [{**group, "name": "walkers"}]
    assert sim.peek(GOOGLE_CUSTOMER_ID, "asset_group_asset") == links
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0


def test_an_asset_groups_youtube_videos_converge_and_drift_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.youtube_videos`` through the real SDK: YouTube video assets created in the asset group's
    request and linked as YOUTUBE_VIDEO, read back by video id from the links' joined
    ``asset.youtube_video_asset.youtube_video_id`` (apply then plan is clean); a link paused in the console
    is drift, and the apply re-enables it."""
    spec = google_workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_VIDEOS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    videos = [
        link["linked_asset"]["youtube_video_asset"]["youtube_video_id"]
        for link in sim.peek(GOOGLE_CUSTOMER_ID, "asset_group_asset")
        if link["field_type"] == "YOUTUBE_VIDEO"
    ]
    assert sorted(videos) == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    pause = {"link:YOUTUBE_VIDEO:M7lc1UVf-VE": "paused"}
    set_field(google_fake.world, accounts, "asset_group/trail-pmax/default@google:google-main", pause)
    drift = midas("drift")
    assert drift.code == 2 and "youtube_videos" in drift.output and "M7lc1UVf-VE" in drift.output, (
        drift.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0


def test_a_performance_max_campaign_with_brand_guidelines_converges_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Brand guidelines on through the real SDK: sent on create, business name and logo linked to the
    campaign (CampaignAsset), none to the asset group; read back (apply then plan is clean); a new business
    name relinks the campaign's."""
    spec = google_workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_BRAND_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "trail-pmax"]
    assert campaign["brand_guidelines_enabled"] is True
    brand = sim.peek(GOOGLE_CUSTOMER_ID, "campaign_asset")
    assert sorted(link["field_type"] for link in brand) == ["BUSINESS_NAME", "LOGO"]
    links = sim.peek(GOOGLE_CUSTOMER_ID, "asset_group_asset")
    assert not {"BUSINESS_NAME", "LOGO"} & {link["field_type"] for link in links}
    spec.write_text(PMAX_BRAND_SPEC.replace("business_name: Example Running", "business_name: Example Runs"))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    names = [
        link
        for link in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_asset")
        if link["field_type"] == "BUSINESS_NAME"
    ]
    assert [link["linked_asset"]["text_asset"]["text"] for link in names] == ["Example Runs"]


def test_a_demand_gen_campaign_converges_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.channel: demand_gen`` is a Demand Gen campaign (no network settings) whose untyped ad groups
    hold its locations and languages and run a Demand Gen multi-asset ad, through the real SDK: apply then
    plan is clean, and a console edit of the ad's images or call to action is drift."""
    (google_workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "trail-demand"]
    assert campaign["advertising_channel_type"] == "DEMAND_GEN" and "network_settings" not in campaign
    assert campaign["demand_gen_campaign_settings"] == {"upgraded_targeting": True}  # sent on create
    assert "maximize_conversions" in campaign
    groups = {
        g["name"]: g
        for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group")
        if g["campaign"] == campaign["resource_name"]
    }
    assert set(groups) == {"home", "canada"} and not any("type" in g for g in groups.values())
    places = sorted(
        (c["ad_group"] == groups["canada"]["resource_name"], c["type"], c["criterion_id"])
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
        if c["ad_group"] in {g["resource_name"] for g in groups.values()}
    )
    assert places == [
        (False, "LANGUAGE", "1000"),
        (False, "LOCATION", "2840"),
        (True, "LANGUAGE", "1000"),
        (True, "LANGUAGE", "1002"),
        (True, "LOCATION", "2124"),
    ]
    ads = [
        a
        for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad")
        if a["ad"]["type"] == "DEMAND_GEN_MULTI_ASSET_AD"
    ]
    assert [a["ad"]["name"] for a in ads] == ["story", "story"]  # the creative's, sent on create
    [ad] = [a for a in ads if a["ad_group"] == groups["home"]["resource_name"]]
    info = ad["ad"]["demand_gen_multi_asset_ad"]
    assert info["business_name"] == "Example Running"
    assert info["portrait_marketing_images"] == [{"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/1005"}]

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(
        google_fake.world,
        accounts,
        "ad_group_ad/trail-demand/home/story@google:google-main",  # at its name
        {
            "ad.demand_gen_multi_asset_ad.square_marketing_images": json.dumps(
                [{"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/1006"}]
            ),
            # What MIDAS never sends is read too: a console edit of it is drift.
            "ad.demand_gen_multi_asset_ad.call_to_action_text": "Shop the trail",
            "ad.demand_gen_multi_asset_ad.classic_display_images": json.dumps(
                [{"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/1007"}]
            ),
        },
    )
    # The channels a Demand Gen ad group runs on are the advertiser's pick (v26 DemandGenChannelControls):
    # MIDAS sends none, so a console's is drift, restored to Google's default, all channels.
    channels = "demand_gen_ad_group_settings.channel_controls.selected_channels"
    home = "ad_group/trail-demand/home@google:google-main"
    set_field(google_fake.world, accounts, home, {f"{channels}.youtube_shorts": "true"})
    drift = midas("drift")
    assert drift.code == 2, drift.output
    for shown in ("square_marketing_images", "1006", "call_to_action_text", "Shop the trail", "1007"):
        assert shown in drift.output
    assert '~ channel_controls.selected_channels: (none) → ["youtube_shorts"]' in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_demand_gen_product_ad_converges_drifts_and_its_feed_label_updates_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Demand Gen campaign linked to a Merchant Center account (``google.demand_gen``: its ShoppingSetting)
    running a product ad (v26 DemandGenProductAdInfo), through the real SDK: apply then plan is clean, a
    console edit of the ad is drift, and a feed label changed in the specs is one campaign update whose mask
    is the account and feed label alone (a Demand Gen campaign has no campaign priority nor local
    products)."""
    file = google_workspace / "specs" / "demand.yaml"
    file.write_text(DEMAND_GEN_PRODUCT_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "trail-demand"]
    assert campaign["shopping_setting"] == {"merchant_id": 987654321, "feed_label": "US"}
    [ad] = [
        a for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") if a["ad"]["type"] == "DEMAND_GEN_PRODUCT_AD"
    ]
    assert ad["ad"]["name"] == "shelf"
    action = ad["ad"]["demand_gen_product_ad"].pop("call_to_action")["asset"]  # made with the ad
    [asset] = [a for a in sim.peek(GOOGLE_CUSTOMER_ID, "asset") if a["resource_name"] == action]
    assert asset["call_to_action_asset"] == {"call_to_action": "SHOP_NOW"}
    assert ad["ad"]["demand_gen_product_ad"] == {
        "headline": {"text": "Trail shoes in stock"},
        "description": {"text": "Shoes for every trail, from our own shop."},
        "business_name": {"text": "Example Running"},
        "logo_image": {"asset": f"customers/{GOOGLE_CUSTOMER_ID}/assets/1003"},
        "breadcrumb1": "trail",
        "breadcrumb2": "shoes",
    }

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    at = "ad_group_ad/trail-demand/home/shelf@google:google-main"
    set_field(google_fake.world, accounts, at, {"ad.demand_gen_product_ad.breadcrumb2": "boots"})
    drift = midas("drift")
    assert drift.code == 2 and "boots" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    file.write_text(DEMAND_GEN_PRODUCT_SPEC.replace("feed_label: US", "feed_label: GB"), encoding="utf-8")
    sent = _spy_on_mutates(monkeypatch)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "1 to update, 0 to replace" in applied.output, applied.output
    [op] = sent
    update = op.campaign_operation
    assert sorted(update.update_mask.paths) == ["shopping_setting.feed_label", "shopping_setting.merchant_id"]
    assert update.update.shopping_setting.feed_label == "GB"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_demand_gen_ad_group_s_channels_are_sent_and_changed_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """An ad group's ``google.channels`` through the real SDK (v26 DemandGenChannelControls): picked channels
    are created as ``selected_channels``, ``google_owned`` replaces them with the
    ALL_OWNED_AND_OPERATED_CHANNELS strategy (a oneof: setting one member clears the other), and a console
    pick is drift that the apply puts back; every apply then plans clean."""
    spec = google_workspace / "specs" / "demand.yaml"
    home = "{name: home, creatives: [story]}"
    picked = "{name: home, creatives: [story], google: {channels: [youtube_shorts, discover]}}"
    spec.write_text(DEMAND_GEN_SPEC.replace(home, picked), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)

    def controls() -> dict[str, Any]:
        [group] = [g for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group") if g["name"] == "home"]
        return dict(group["demand_gen_ad_group_settings"]["channel_controls"])

    assert {c for c, on in controls()["selected_channels"].items() if on} == {"youtube_shorts", "discover"}
    spec.write_text(
        DEMAND_GEN_SPEC.replace(home, picked.replace("[youtube_shorts, discover]", "google_owned"))
    )
    assert midas("apply", "--auto-approve").code == 0
    assert controls() == {"channel_strategy": "ALL_OWNED_AND_OPERATED_CHANNELS"}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    gmail = "demand_gen_ad_group_settings.channel_controls.selected_channels.gmail"
    set_field(google_fake.world, accounts, "ad_group/trail-demand/home@google:google-main", {gmail: "true"})
    drift = midas("drift")
    assert drift.code == 2 and "gmail" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert controls().get("channel_strategy") == "ALL_OWNED_AND_OPERATED_CHANNELS"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.write_text(DEMAND_GEN_SPEC, encoding="utf-8")  # all channels again: Google's default
    assert midas("apply", "--auto-approve").code == 0
    assert controls() == {"channel_strategy": "ALL_CHANNELS"}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_shopping_campaign_converges_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.channel: shopping`` through the real SDK: the campaign's shopping_setting,
    SHOPPING_PRODUCT_ADS ad groups, each with its root listing group (a UNIT bid at the ad group's max CPC)
    and a product ad; apply then plan is clean, console edits of the priority and the product group's bid
    are drift, and the apply updates them in place."""
    spec = google_workspace / "specs" / "shopping.yaml"
    spec.write_text(SHOPPING_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "trail-shopping"]
    assert campaign["advertising_channel_type"] == "SHOPPING" and "manual_cpc" in campaign
    # enable_local is a proto3 optional bool: sent false, it arrives set.
    setting = {"merchant_id": 987654321, "feed_label": "US", "campaign_priority": 1, "enable_local": False}
    assert campaign["shopping_setting"] == setting
    groups = {
        g["resource_name"]: g
        for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group")
        if g["campaign"] == campaign["resource_name"]
    }
    assert {g["type"] for g in groups.values()} == {"SHOPPING_PRODUCT_ADS"}
    roots = {
        groups[c["ad_group"]]["name"]: (c["listing_group"], c["cpc_bid_micros"])
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
        if c["ad_group"] in groups and c["type"] == "LISTING_GROUP"
    }
    assert roots == {"shoes": ({"type": "UNIT"}, 650_000), "socks": ({"type": "UNIT"}, 200_000)}
    ads = [a for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") if a["ad_group"] in groups]
    assert sorted(a["ad"]["type"] for a in ads) == ["SHOPPING_PRODUCT_AD"] * 2

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(
        google_fake.world,
        accounts,
        "campaign/trail-shopping@google:google-main",
        {"shopping_setting.campaign_priority": "0", "shopping_setting.enable_local": "true"},
    )
    root = "ad_group_criterion/trail-shopping/shoes/listing_group:all-products@google:google-main"
    set_field(google_fake.world, accounts, root, {"cpc_bid_micros": "1000000"})
    drift = midas("drift")
    assert drift.code == 2, drift.output
    for shown in ("campaign_priority", "enable_local", "cpc_bid_micros"):
        assert shown in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.write_text(SHOPPING_SPEC.replace("feed_label: US", "feed_label: US-2").replace("0.20", "0.30"))
    plan = midas("plan")
    assert "0 to create, 3 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hotel_campaign_converges_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.channel: hotel`` through the real SDK: the campaign's hotel_setting on Google Search alone,
    manual CPC, HOTEL_ADS ad groups at their max CPC each with a hotel ad (v26 HotelAdInfo); apply then
    plan is clean; a console change of the Hotel Center account is drift the apply reverts in place (a
    console-built one imports: ``test_import_adopt_round_trips_through_the_sdk``,
    a-manual-cpc-hotel-campaign)."""
    spec = google_workspace / "specs" / "hotel.yaml"
    spec.write_text(HOTEL_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "city-hotels"]
    assert campaign["advertising_channel_type"] == "HOTEL" and "manual_cpc" in campaign
    assert campaign["hotel_setting"] == {"hotel_center_id": 7654321}
    assert campaign["network_settings"]["target_google_search"] is True
    assert not campaign["network_settings"].get("target_content_network")
    groups = {
        g["resource_name"]: (g["name"], g["type"], g["cpc_bid_micros"])
        for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group")
        if g["campaign"] == campaign["resource_name"]
    }
    assert sorted(groups.values()) == [("paris", "HOTEL_ADS", 1_200_000), ("rome", "HOTEL_ADS", 900_000)]
    ads = [a for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") if a["ad_group"] in groups]
    assert sorted((a["ad"]["type"], a["status"]) for a in ads) == [("HOTEL_AD", "ENABLED")] * 2

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    where = "campaign/city-hotels@google:google-main"
    set_field(google_fake.world, accounts, where, {"hotel_setting.hotel_center_id": "1111"})
    drift = midas("drift")
    assert drift.code == 2 and "hotel_center_id" in drift.output, drift.output
    plan = midas("plan")
    assert "0 to create, 1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _listing_groups(google_fake: GoogleAdsFake, group_name: str) -> dict[str, dict[str, Any]]:
    """The live listing groups of the Shopping (or Demand Gen) ad group ``group_name``, by resource name."""
    sim = GoogleAdsSimulator(google_fake.world)
    [group] = [g for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group") if g["name"] == group_name]
    return {
        c["resource_name"]: c
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
        if c["ad_group"] == group["resource_name"] and c["type"] == "LISTING_GROUP"
    }


def test_a_subdivided_product_tree_is_made_read_back_and_rewritten_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``google.product_groups`` through the real SDK: the tree goes out in one request of listing group
    criteria under temporary ids, parents first, and reads back as it was compiled (no changes); a console
    subdivision of one of its units is drift, which the apply rewrites away."""
    (google_workspace / "specs" / "shopping.yaml").write_text(SHOPPING_TREE_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    nodes = _listing_groups(google_fake, "shoes")
    cases = sorted(
        json.dumps([n["listing_group"].get("case_value"), n.get("cpc_bid_micros"), n.get("negative")])
        for n in nodes.values()
    )
    assert len(nodes) == 7, nodes  # the root, 3 brands and everything else, a product type and the rest
    assert json.dumps([{"product_brand": {"value": "knockoff"}}, None, True]) in cases
    assert json.dumps([{"product_type": {"level": "LEVEL1", "value": "boots"}}, 900_000, False]) in cases
    assert json.dumps([{"product_brand": {}}, 650_000, False]) in cases  # everything else: the group's bid

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    tree = "ad_group_criterion/trail-shopping/shoes/listing_group:all-products"
    subdivide_product_group(
        google_fake.world,
        accounts,
        f"{tree}/brand=trailco@google:google-main",
        "condition",
        {"new": "2", None: "1"},
    )
    drift = midas("drift")
    assert drift.code == 2 and "partition.values.trailco" in drift.output, drift.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(_listing_groups(google_fake, "shoes")) == 7


def test_a_demand_gen_product_filter_is_made_without_bids_read_back_and_rewritten_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A Demand Gen ad group's ``google.product_groups`` through the real SDK: its listing group tree goes
    out in one request with no bid on any node and reads back to no changes; a console subdivision of one of
    its groups is drift, which the apply rewrites away."""
    home = "    - {name: home, creatives: [story, shelf]}\n"
    tree_yaml = (
        "    - name: home\n      creatives: [story, shelf]\n      google:\n        product_groups:\n"
        "          {split_by: brand, values: {Trailco: {}, Knockoff: {exclude: true}}, everything_else: {}}\n"
    )
    assert home in DEMAND_GEN_PRODUCT_SPEC
    (google_workspace / "specs" / "demand.yaml").write_text(
        DEMAND_GEN_PRODUCT_SPEC.replace(home, tree_yaml), encoding="utf-8"
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    # The tree goes out whole in one request of its own, all or nothing (no partial failure).
    trees = [c for c in google_fake.requests if c.method == "Mutate" and c.listing_group_operations]
    assert [(c.operation_count, c.listing_group_operations, c.partial_failure) for c in trees] == [
        (4, 4, False)
    ], trees
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    nodes = _listing_groups(google_fake, "home")
    assert len(nodes) == 4, nodes  # the root, 2 brands and everything else
    assert not [n for n in nodes.values() if n.get("cpc_bid_micros")], nodes
    assert [n["listing_group"]["case_value"] for n in nodes.values() if n.get("negative")] == [
        {"product_brand": {"value": "knockoff"}}
    ]

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    tree = "ad_group_criterion/trail-demand/home/listing_group:all-products"
    subdivide_product_group(
        google_fake.world,
        accounts,
        f"{tree}/brand=trailco@google:google-main",
        "condition",
        {"new": "include", None: "exclude"},
    )
    drift = midas("drift")
    assert drift.code == 2 and "partition.values.trailco" in drift.output, drift.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(_listing_groups(google_fake, "home")) == 4


def test_a_subdivided_product_tree_built_through_the_sdk_imports_and_adopts(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A Shopping campaign whose tree a script built through the SDK (by custom label 0, one label's
    products by item id) imports as ``google.product_groups``; adopted, the plan has nothing to do."""
    for file in [
        *(google_workspace / "specs").glob("*.yaml"),
        *(google_workspace / "policies").glob("*.yaml"),
    ]:
        file.unlink()
    unit = {"type": "UNIT", "cpc_bid_micros": 750_000}
    trail_shop(
        google_workspace,
        partition={
            "split_by": "custom_label_0",
            "values": {
                "clearance": {"type": "UNIT", "cpc_bid_micros": 300_000},
                "bestseller": {
                    "type": "SUBDIVISION",
                    "split_by": "item_id",
                    "values": {"sku-1": {"type": "UNIT", "negative": True}},
                    "everything_else": unit,
                },
            },
            "everything_else": unit,
        },
    )
    assert len(_listing_groups(google_fake, "All Shoes")) == 6
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((google_workspace / "specs" / "imported" / "trail-shop.yaml").read_text())
    [group] = spec["spec"]["ad_groups"]
    assert group["google"]["product_groups"] == {
        "split_by": "custom_label_0",
        "values": {
            "bestseller": {
                "split_by": "item_id",
                "values": {"sku-1": {"exclude": True}},
                "everything_else": {},
            },
            "clearance": {"cpc_bid": 0.3},
        },
        "everything_else": {},
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_cities_and_postal_codes_resolve_and_converge_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Each city and postal code is one SuggestGeoTargetConstants request (its name within its country),
    picked by target type, name and the region of its canonical name."""
    (google_workspace / "specs" / "local.yaml").write_text(LOCAL_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    suggested = [c for c in google_fake.requests if c.method == "SuggestGeoTargetConstants"]
    assert len(suggested) == 4  # San Francisco, Paris, 94103, 94110
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "local"]
    geos = {
        (bool(row.get("negative")), row["location"]["geo_target_constant"].rsplit("/", 1)[-1])
        for row in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if row.get("type") == "LOCATION" and row["campaign"] == campaign["resource_name"]
    }
    places = {
        entry: find_place(entry) for entry in ("San Francisco, US-CA", "Toronto, CA", "US:94103", "US:94110")
    }
    ids = {entry: place.google_id for entry, place in places.items() if place is not None}
    assert geos == {(entry == "US:94110", geo_id) for entry, geo_id in ids.items()} and len(ids) == 4


def test_url_tracking_and_a_keywords_bid_converge_drift_and_import_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """The campaign's UTM tags (its final URL suffix), a creative's own (its ad's), Google's tracking template
    and custom parameters and a keyword's max CPC are sent, read back and restored after a console edit; the
    same built by hand imports and adopts to no changes."""
    with_url_tracking(google_workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "spring-sale"]
    assert campaign["final_url_suffix"] == SPRING_TAGS
    assert campaign["tracking_url_template"] == "{lpurl}?src={_src}"
    assert campaign["url_custom_parameters"] == [{"key": "src", "value": "midas"}]
    suffixes = Counter(ad["ad"].get("final_url_suffix") for ad in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad"))
    assert suffixes[APPAREL_TAGS] == 1  # the apparel ad, in "runners"
    [apparel] = [
        a["ad"] for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad") if a["ad"].get("final_url_suffix")
    ]
    assert apparel["tracking_url_template"] == APPAREL_TEMPLATE
    assert apparel["url_custom_parameters"] == [{"key": "ad", "value": "apparel"}]
    assert list(apparel["final_mobile_urls"]) == [APPAREL_MOBILE_URL]
    [runners] = [g for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group") if g["name"] == "runners"]
    assert runners["final_url_suffix"] == RUNNERS_TAGS
    assert runners["url_custom_parameters"] == [{"key": "g", "value": "runners"}]
    shoes = [
        c
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
        if (c.get("keyword") or {}).get("text") == "running shoes"
    ]
    assert [c.get("cpc_bid_micros") for c in shoes] == [1_250_000]
    assert [(list(c["final_urls"]), c["final_url_suffix"]) for c in shoes] == [([SHOES_URL], SHOES_TAGS)]

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    edited = {
        "url_custom_parameters": '[{"key": "src", "value": "console"}]',
        "final_url_suffix": "utm_source=x",
    }
    set_field(google_fake.world, accounts, "campaign/spring-sale@google:google-main", edited)
    drift = midas("drift")
    assert drift.code == 2 and "url_custom_parameters" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    [restored] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "spring-sale"]
    assert (restored["final_url_suffix"], restored["url_custom_parameters"]) == (
        SPRING_TAGS,
        [{"key": "src", "value": "midas"}],
    )


def test_an_ad_groups_and_a_keywords_url_options_edited_in_a_console_are_updated_back_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """The ad group's and the keyword's own URL options change in place (v26 AdGroup and AdGroupCriterion
    update masks), where an ad's replace it."""
    with_url_tracking(google_workspace)
    assert midas("apply", "--auto-approve").code == 0
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    group = "ad_group/spring-sale/runners@google:google-main"
    set_field(google_fake.world, accounts, group, {"url_custom_parameters": '[{"key": "g", "value": "x"}]'})
    keyword = "ad_group_criterion/spring-sale/runners/keyword:PHRASE:running shoes@google:google-main"
    set_field(google_fake.world, accounts, keyword, {"final_url_suffix": "utm_term=x"})
    drift = midas("drift")
    assert drift.code == 2 and "url_custom_parameters" in drift.output and "utm_term=x" in drift.output
    plan = midas("plan")
    assert "2 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [runners] = [g for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group") if g["name"] == "runners"]
    assert runners["url_custom_parameters"] == [{"key": "g", "value": "runners"}]
    [shoes] = [
        c
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
        if (c.get("keyword") or {}).get("text") == "running shoes"
    ]
    assert (list(shoes["final_urls"]), shoes["final_url_suffix"]) == ([SHOES_URL], SHOES_TAGS)


def test_a_keywords_several_final_urls_are_sent_in_order_drift_and_import_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A keyword's ``final_url`` and ``additional_final_urls`` are its v26 AdGroupCriterion.final_urls, in
    order: sent, read back to no changes, a console reorder is drift an update puts back, and import writes
    them as they were written."""
    with_url_tracking(google_workspace)
    spec = google_workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    said = f"final_url: {SHOES_URL},"
    assert said in text
    spec.write_text(
        text.replace(said, f"{said} additional_final_urls: [{SHOES_URL}-b],", 1), encoding="utf-8"
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)

    def shoes_urls() -> list[str]:
        [shoes] = [
            c
            for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
            if (c.get("keyword") or {}).get("text") == "running shoes"
        ]
        return list(shoes["final_urls"])

    assert shoes_urls() == [SHOES_URL, f"{SHOES_URL}-b"]
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    keyword = "ad_group_criterion/spring-sale/runners/keyword:PHRASE:running shoes@google:google-main"
    set_field(google_fake.world, accounts, keyword, {"final_urls": f'["{SHOES_URL}-b", "{SHOES_URL}"]'})
    drift = midas("drift")
    assert drift.code == 2 and "final_urls" in drift.output, drift.output
    assert "1 to update, 0 to replace" in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    assert shoes_urls() == [SHOES_URL, f"{SHOES_URL}-b"]

    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "spring-sale")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((google_workspace / "specs" / "imported" / "spring-sale.yaml").read_text())
    [runners] = [g for g in written["spec"]["ad_groups"] if g["name"] == "runners"]
    [shoes] = [
        k
        for k in runners.get("keywords") or written["spec"]["google"]["keywords"]
        if k["text"] == "running shoes"
    ]
    assert (shoes["final_url"], shoes["additional_final_urls"]) == (SHOES_URL, [f"{SHOES_URL}-b"])
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_url_tracking_built_by_hand_imports_and_adopts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    for file in [
        *(google_workspace / "specs").glob("*.yaml"),
        *(google_workspace / "policies").glob("*.yaml"),
    ]:
        file.unlink()
    holiday_sale(google_workspace)
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    campaign = {"final_url_suffix": SPRING_TAGS, "url_custom_parameters": '[{"key": "src", "value": "q4"}]'}
    set_field(google_fake.world, accounts, "campaign/Holiday Sale – US@google:google-main", campaign)
    [ad] = [a["ad"] for a in GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, "ad_group_ad")]
    own = {
        "ad.tracking_url_template": "{lpurl}?ad={_ad}",
        "ad.url_custom_parameters": '[{"key": "ad", "value": "gift"}]',
    }
    set_field(
        google_fake.world,
        accounts,
        f"ad_group_ad/Holiday Sale – US/Gift Shoppers/{ad['id']}@google:google-main",
        own,
    )
    group = {
        "tracking_url_template": "{lpurl}?g={_g}",
        "url_custom_parameters": '[{"key": "g", "value": "gift"}]',
    }
    set_field(
        google_fake.world, accounts, "ad_group/Holiday Sale – US/Gift Shoppers@google:google-main", group
    )
    keyword = {
        "final_urls": '["https://shop.example.com/gift-cards"]',
        "tracking_url_template": "{lpurl}?k=1",
    }
    at = "ad_group_criterion/Holiday Sale – US/Gift Shoppers/keyword:BROAD:gift cards@google:google-main"
    set_field(google_fake.world, accounts, at, keyword)
    # Its Meta half (on the sandbox) takes the same tags: the campaign's url_parameters say both.
    tagged = midas(
        "sandbox", "set", "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta", f"url_tags={SPRING_TAGS}"
    )
    assert tagged.code == 0, tagged.output
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0
    spec = yaml.safe_load((google_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text())[
        "spec"
    ]
    assert spec["url_parameters"] == SPRING_TAGS
    assert all("url_parameters" not in c for c in spec["creatives"])
    assert spec["google"]["url_custom_parameters"] == {"src": "q4"}
    [google_ad] = [c for c in spec["creatives"] if "google" in c.get("platforms", ["google"])]
    assert google_ad["google"]["tracking_url_template"] == "{lpurl}?ad={_ad}"
    assert google_ad["google"]["url_custom_parameters"] == {"ad": "gift"}
    [gift] = [g for g in spec["ad_groups"] if g["name"] == "Gift Shoppers"]
    assert gift["google"]["tracking_url_template"] == "{lpurl}?g={_g}"
    assert gift["google"]["url_custom_parameters"] == {"g": "gift"}
    [cards] = [k for k in gift["keywords"] if k["text"] == "gift cards"]
    assert (cards["final_url"], cards["tracking_url_template"]) == (
        "https://shop.example.com/gift-cards",
        "{lpurl}?k=1",
    )


def test_an_ambiguous_city_names_its_candidates_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``Portland, US`` finds two cities in the platform's answer: the error names both, with regions."""
    an_ambiguous_city_names_its_candidates(midas, google_workspace, "google-main")


def test_a_radius_around_a_city_and_a_point_converges_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A radius goes to the platform as it names one (Google: a proximity by address or by geo point; Meta: a
    city's radius, a custom location) and reads back to no changes."""
    (google_workspace / "specs" / "local.yaml").write_text(RADIUS_SPEC, encoding="utf-8")
    # The example's guardrail allows US, CA and GB: a point's country MIDAS cannot tell.
    applied = midas("apply", "--auto-approve", "--account", "google-main", "--override", "countries")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    rows = [r for r in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion") if r.get("type") == "PROXIMITY"]
    proximities = sorted((r["proximity"] for r in rows), key=lambda p: p["radius"])
    assert proximities[0]["geo_point"] == {
        "latitude_in_micro_degrees": 37_774_900,
        "longitude_in_micro_degrees": -122_419_400,
    }
    assert (proximities[0]["radius"], proximities[0]["radius_units"]) == (10.0, "KILOMETERS")
    assert proximities[1]["address"] == {
        "city_name": "San Francisco",
        "province_code": "CA",
        "country_code": "US",
    }
    assert (proximities[1]["radius"], proximities[1]["radius_units"]) == (25.0, "MILES")


def test_a_radius_around_a_street_address_converges_and_imports_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A radius around a street address goes to Google as a proximity by its address (v26 AddressInfo, which
    Google geocodes), reads back to no changes, and a campaign built so by hand imports as that entry."""
    (google_workspace / "specs" / "local.yaml").write_text(ADDRESS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    [proximity] = [
        r["proximity"]
        for r in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if r.get("type") == "PROXIMITY"
    ]
    assert proximity["address"] == {
        "street_address": "1 Main St",
        "city_name": "San Francisco",
        "province_code": "CA",
        "postal_code": "94105",
        "country_code": "US",
    }
    radius = parse_radius(ADDRESS_RADIUS)
    assert radius is not None
    fields = proximity_fields(radius)
    google = ConnectorFactory(load_settings(google_workspace)).create("google-main")
    write_all(google, metro_campaign([{"key": proximity_key(fields), **fields}]))
    adopted = midas("import", "--account", "google-main", "--campaign", "Metro", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load(
        (google_workspace / "specs" / "imported" / "metro.yaml").read_text(encoding="utf-8")
    )
    assert written["spec"]["targeting"]["locations"] == [ADDRESS_RADIUS]
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0


def test_an_excluded_radius_is_left_out_on_google_and_converges_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Google is believed to take no negative proximity: the campaign excludes the postal code alone, the
    plan says the radius is Meta's alone, and it reads back to no changes."""
    (google_workspace / "specs" / "local.yaml").write_text(EXCLUDED_PIN_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0, applied.output
    assert "'2 km around 37.7749,-122.4194', excluded, is Meta's alone" in " ".join(applied.output.split())
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    criteria = sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
    places = [r["type"] for r in criteria if r.get("negative") and r["type"] in ("LOCATION", "PROXIMITY")]
    assert places == ["LOCATION"]  # the postal code
    assert not [r for r in criteria if r.get("type") == "PROXIMITY"]


def test_dmas_converge_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A DMA goes to the platform by its code (Google's DMA Region constant, Meta's market key) and reads
    back to no changes."""
    (google_workspace / "specs" / "local.yaml").write_text(DMA_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--account", "google-main")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    geos = {
        r["location"]["geo_target_constant"]
        for r in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if r.get("type") == "LOCATION"
    }
    assert {"geoTargetConstants/200807", "geoTargetConstants/200501"} <= geos


def test_places_of_other_kinds_converge_drift_and_import_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A county, an airport and a neighborhood by their geo target constants: found by id in one GAQL query
    (not suggested by name), described in the plan from the constant's fields, sent as location criteria, read
    back to no changes; a county swapped in the console is drift the apply undoes; built by hand, they import
    as their constants and adopt to no changes."""
    for file in [
        *(google_workspace / "specs").glob("*.yaml"),
        *(google_workspace / "policies").glob("*.yaml"),
    ]:
        file.unlink()
    (google_workspace / "specs" / "local.yaml").write_text(GOOGLE_PLACES_SPEC, encoding="utf-8")
    planned = midas("plan")
    assert "location:9059413@google:google-main (Austin County, US-TX (County))" in planned.output
    assert "(San Francisco International Airport, US-CA (Airport))" in planned.output
    geo_queries = [c for c in google_fake.requests if c.query and "FROM geo_target_constant" in c.query]
    assert any("9059413" in str(c.query) and "9100005" in str(c.query) for c in geo_queries)
    suggested = [c for c in google_fake.requests if c.method == "SuggestGeoTargetConstants"]
    assert len(suggested) == 1  # San Francisco alone: a constant needs no name search
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    geos = {
        (row["location"]["geo_target_constant"], bool(row.get("negative")))
        for row in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if row.get("type") == "LOCATION"
    }
    assert {
        ("geoTargetConstants/9059413", False),
        ("geoTargetConstants/9100005", False),
        ("geoTargetConstants/9100002", True),
    } <= geos
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    swap = {"location.geo_target_constant": "geoTargetConstants/9061103"}
    set_field(
        google_fake.world, accounts, "campaign_criterion/local/location:9059413@google:google-main", swap
    )
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "location:9061103@google:google-main (Kenosha County, US-WI (County)) — added out of band" in (
        drift.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0

    county = {
        "key": "location:9100001",
        "type": "LOCATION",
        "geo_target_constant": "geoTargetConstants/9100001",
    }
    borough = {
        "key": "negative_location:9100007",
        "type": "LOCATION",
        "geo_target_constant": "geoTargetConstants/9100007",
        "negative": True,
    }
    write_all(
        ConnectorFactory(load_settings(google_workspace)).create("google-main"),
        metro_campaign([county, borough]),
    )
    adopted = midas("import", "--account", "google-main", "--campaign", "Metro", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((google_workspace / "specs" / "imported" / "metro.yaml").read_text())
    assert spec["spec"]["targeting"]["locations"] == ["geoTargetConstants/9100001"]
    assert spec["spec"]["targeting"]["exclude"] == {"locations": ["geoTargetConstants/9100007"]}
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_page_feed_converges_drifts_and_imports_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """A Dynamic Search Ads campaign's page feed through the real SDK: its pages (v26 PageFeedAsset) in a
    PAGE_FEED asset set linked to the campaign (CampaignAssetSet) go out and read back to no changes; a
    console's removal of a page is drift the apply puts back; import writes the feed as it was written."""
    spec = google_workspace / "specs" / "dsa.yaml"
    spec.write_text(DSA_FEED_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)

    def feed() -> dict[str, list[str]]:
        linked = {row["asset"]: row for row in sim.peek(GOOGLE_CUSTOMER_ID, "asset_set_asset")}
        return {
            row["page_feed_asset"]["page_url"]: sorted(row["page_feed_asset"].get("labels") or [])
            for row in sim.peek(GOOGLE_CUSTOMER_ID, "asset")
            if row["resource_name"] in linked and row.get("page_feed_asset")
        }

    assert feed() == {DSA_FEED_BOOTS: ["sale"], DSA_FEED_TRAIL: ["new", "trail"]}
    [asset_set] = sim.peek(GOOGLE_CUSTOMER_ID, "asset_set")
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "shoe-finder"]
    [link] = sim.peek(GOOGLE_CUSTOMER_ID, "campaign_asset_set")
    assert (asset_set["type"], link["campaign"], link["asset_set"]) == (
        "PAGE_FEED",
        campaign["resource_name"],
        asset_set["resource_name"],
    )
    assert campaign["dynamic_search_ads_setting"]["use_supplied_urls_only"] is True

    trail = [
        row
        for row in sim.peek(GOOGLE_CUSTOMER_ID, "asset_set_asset")
        if any(
            a["resource_name"] == row["asset"] and a["page_feed_asset"]["page_url"] == DSA_FEED_TRAIL
            for a in sim.peek(GOOGLE_CUSTOMER_ID, "asset")
        )
    ]
    sim.mutate(GOOGLE_CUSTOMER_ID, [{"asset_set_asset_operation": {"remove": trail[0]["resource_name"]}}])
    drift = midas("drift")
    assert drift.code == 2 and "page_feed" in drift.output and DSA_FEED_TRAIL in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert feed() == {DSA_FEED_BOOTS: ["sale"], DSA_FEED_TRAIL: ["new", "trail"]}

    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "shoe-finder")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((google_workspace / "specs" / "imported" / "shoe-finder.yaml").read_text())
    assert written["spec"]["google"]["dynamic_search_ads"]["page_feed"] == [
        {"url": DSA_FEED_BOOTS, "labels": ["sale"]},
        {"url": DSA_FEED_TRAIL, "labels": ["new", "trail"]},
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_dynamic_search_campaign_converges_and_drifts_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Dynamic Search Ads through the real SDK: the campaign's dynamic_search_ads_setting, a
    SEARCH_DYNAMIC_ADS ad group with its webpage criteria (v26 WebpageInfo) and an expanded dynamic search
    ad go out and read back to no changes; a console edit of the setting and of a condition is drift."""
    spec = google_workspace / "specs" / "dsa.yaml"
    spec.write_text(DSA_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "shoe-finder"]
    assert campaign["dynamic_search_ads_setting"] == {
        "domain_name": "shop.example.com",
        "language_code": "en",
        "use_supplied_urls_only": False,
    }
    [group] = [g for g in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group") if g["name"] == "all-pages"]
    assert group["type"] == "SEARCH_DYNAMIC_ADS"
    webpages = {  # an empty repeated field is absent from a proto3 message: "every page" has none
        c["webpage"]["criterion_name"]: c["webpage"].get("conditions", [])
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
        if c["ad_group"] == group["resource_name"]
    }
    assert webpages == {
        "every page": [],
        "sale": [
            {"operand": "PAGE_TITLE", "operator": "CONTAINS", "argument": "Sale"},
            {"operand": "URL", "operator": "CONTAINS", "argument": "/sale"},
        ],
    }
    [ad] = [
        a["ad"]
        for a in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_ad")
        if a["ad_group"] == group["resource_name"]
    ]
    assert ad["type"] == "EXPANDED_DYNAMIC_SEARCH_AD" and "final_urls" not in ad
    assert ad["expanded_dynamic_search_ad"] == {
        "description": "Find the shoes you are searching for.",
        "description2": "Free returns on every pair.",
    }

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(
        google_fake.world,
        accounts,
        "campaign/shoe-finder@google:google-main",
        {"dynamic_search_ads_setting.use_supplied_urls_only": "true"},
    )
    sale = "ad_group_criterion/shoe-finder/all-pages/webpage:sale@google:google-main"
    set_field(google_fake.world, accounts, sale, {"webpage.conditions.1.operator": "EQUALS"})
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "use_supplied_urls_only: false → true" in drift.output and '"operator": "EQUALS"' in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_excluded_pages_a_paused_target_and_its_bid_go_through_the_sdk_and_import_back(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through the real SDK: the campaign's excluded pages go out as negative campaign webpage criteria, the
    dynamic ad group's as negative ad group ones, a paused target with its status and one bid with its
    ``cpc_bid_micros``; they read back (GAQL) to no changes, a console's bid is drift updated in place, and
    the campaign, its spec lost, imports again as the spec said it, to no changes."""
    (google_workspace / "specs" / "dsa.yaml").write_text(DSA_EXCLUSIONS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    excluded = {
        c["webpage"]["criterion_name"]: c["webpage"]["conditions"]
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c.get("type") == "WEBPAGE" and c["negative"]
    }
    assert excluded == {
        "careers": [{"operand": "URL", "operator": "CONTAINS", "argument": "/careers"}],
        "login": [{"operand": "URL", "operator": "EQUALS", "argument": "https://shop.example.com/login"}],
    }
    pages = {
        c["webpage"]["criterion_name"]: (c["negative"], c["status"], c.get("cpc_bid_micros"))
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "ad_group_criterion")
        if c.get("type") == "WEBPAGE"
    }
    assert pages == {
        "every page": (False, "PAUSED", None),
        "boots": (False, "ENABLED", 850_000),
        "sale": (False, "ENABLED", None),
        "outlet": (True, "ENABLED", None),
    }

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    boots = "ad_group_criterion/shoe-finder/all-pages/webpage:boots@google:google-main"
    set_field(google_fake.world, accounts, boots, {"cpc_bid_micros": "900000"})
    drift = midas("drift")
    assert drift.code == 2 and "cpc_bid_micros: 850000 (0.85 USD) → 900000 (0.90 USD)" in drift.output, (
        drift.output
    )
    assert "1 to update" in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    (google_workspace / "specs" / "dsa.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "shoe-finder")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((google_workspace / "specs" / "imported" / "shoe-finder.yaml").read_text())[
        "spec"
    ]
    assert [w["name"] for w in written["google"]["dynamic_search_ads"]["exclude_webpages"]] == [
        "careers",
        "login",
    ]
    group = written["ad_groups"][0]["google"]
    assert group["exclude_webpages"] == [
        {
            "name": "outlet",
            "conditions": [{"operand": "page_title", "operator": "contains", "argument": "Outlet"}],
        }
    ]
    by_name = {w["name"]: w for w in group["webpages"]}
    assert by_name["every page"] == {"name": "every page", "status": "paused"}
    assert by_name["boots"]["cpc_bid"] == 0.85
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_dynamic_search_campaign_built_through_the_sdk_imports_and_adopts(
    midas: Midas, google_workspace: Path
) -> None:
    """A DSA campaign a script built through the SDK (its setting, a dynamic ad group of webpage targets and
    an expanded dynamic search ad, a standard ad group beside it) imports; adopted, the plan is empty."""
    for file in [
        *(google_workspace / "specs").glob("*.yaml"),
        *(google_workspace / "policies").glob("*.yaml"),
    ]:
        file.unlink()
    shoe_finder(google_workspace)
    adopted = midas("import", "--account", "google-main", "--campaign", "Shoe Finder", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((google_workspace / "specs" / "imported" / "shoe-finder.yaml").read_text())
    assert written["spec"]["google"]["dynamic_search_ads"]["use_supplied_urls_only"] is True
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
