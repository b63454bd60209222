"""`midas import`: hand-built campaigns become YAML, adoption is explicit, and the round trip is exact."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import with_google_eu
from fakes.hand_built import (
    DISPLAY_AD,
    EXAMPLE_PIXEL,
    IMPRESSION_SHARE,
    NAME,
    SEARCH_CAMPAIGN,
    US,
    app_installs,
    app_kinds,
    brand_campaigns,
    google_campaign,
    holiday_sale,
    meta_campaign,
    rsa,
    run_by_an_ad_outside_midas,
    trail_banners,
    trail_shop,
    trail_stories,
    write_all,
)
from fakes.meta_app import BY_HAND, META_APP_ID, PLAY_PAGE, game_installs_by_hand

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox.place_catalog import find_place
from midas_reconcile.importing import derive
from midas_reconcile.importing.importer import adoption_plan
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.resources import Address, Resource
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store


def _objects(midas: Callable[..., object]) -> list[dict[str, object]]:
    return json.loads(midas("sandbox", "list", "--format", "json").output)  # type: ignore[attr-defined]


def test_import_writes_unified_yaml_and_changes_nothing_until_adopted(
    midas: Callable[..., object], bare: Path, state_dump: Callable[[], str], made_store: None
) -> None:
    holiday_sale(bare)
    before_objects = _objects(midas)
    before_state = state_dump()
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    written = bare / "specs" / "imported" / "holiday-sale-us.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Imported by `midas import` from google campaign ")
    assert "meta campaign" in text
    document = yaml.safe_load(text)
    spec = document["spec"]
    assert document["metadata"]["name"] == NAME
    assert spec["platforms"] == {"google": {"account": "google-main"}, "meta": {"account": "meta-main"}}
    assert spec["objective"] == "leads"
    assert spec["budget"] == {
        "daily": 35.0,
        "currency": "USD",
        "split": {"by": "amount", "google": 20.0, "meta": 15.0},
    }
    assert "daily: 35.00" in text  # Decimal text, never a float repr
    assert "target_cpa: 12.50" in text and "cpc_bid: 1.50" in text  # bids in cents as budgets are
    assert spec["targeting"]["ages"] == {"min": 25, "max": 44}
    assert spec["targeting"]["locations"] == ["US", "US-CA"]  # region ids read back as ISO 3166-2 codes
    assert spec["google"]["budget_name"] == "Holiday budget (Q4)"
    assert spec["google"]["labels"] == ["q4"]
    assert spec["google"]["bidding"] == {"strategy": "maximize_conversions", "target_cpa": 12.5}
    assert spec["meta"]["targeting"]["languages"] == []  # Google targets English, this ad set does not
    assert spec["meta"]["targeting"]["interests"] == ["Books"]
    group = spec["ad_groups"][0]
    assert group["google"] == {
        "cpc_bid": 1.5,
        "negative_keywords": [{"text": "cheap gifts", "match": "exact"}],
    }
    assert {"text": "gift cards", "match": "broad", "status": "paused"} in group["keywords"]
    creative = spec["creatives"][0]
    assert creative["status"] == "paused" and creative["google"] == {"path1": "gifts"}
    assert creative["headlines"][0] == "Gifts They Will Love"  # Meta's title goes first
    # Nothing changed on the platforms or in the state store.
    assert _objects(midas) == before_objects
    assert state_dump() == before_state
    conflict = midas("plan").output  # type: ignore[attr-defined]
    assert "not managed by MIDAS — adopt it with `midas import`" in conflict  # not adopted: not MIDAS's


def test_a_campaign_bidding_for_impression_share_imports_its_settings_and_adopts_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """A Google-only campaign bidding for target impression share is an awareness campaign, whose
    ``google.bidding.impression_share`` holds the live location, share and CPC ceiling."""
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    group = {"fields": {"name": "Brand", "status": "ENABLED", "type": "SEARCH_STANDARD"}}
    write_all(
        google,
        google_campaign(
            "google-main",
            "Brand – Top",
            budget={"name": "Brand – Top", "amount_micros": 10_000_000},
            campaign={**SEARCH_CAMPAIGN, **IMPRESSION_SHARE},
            criteria=[US],
            groups=[group],
        ),
    )
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "brand-top.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    assert spec["objective"] == "awareness"
    assert spec["google"]["bidding"] == {
        "impression_share": {"location": "absolute_top_of_page", "share": 0.805, "max_cpc": 3.0}
    }
    assert "max_cpc: 3.00" in text
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def test_a_campaign_bidding_for_impression_share_without_its_ceiling_is_not_imported(
    midas: Callable[..., object], bare: Path
) -> None:
    """A spec bidding for impression share needs a max CPC: a live campaign without one (say, a console's
    edit the API would refuse) cannot be written exactly, and import says why."""
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    campaign = {**SEARCH_CAMPAIGN, **IMPRESSION_SHARE}
    budget = {"name": "Brand – Top", "amount_micros": 10_000_000}
    write_all(google, google_campaign("google-main", "Brand – Top", budget=budget, campaign=campaign))
    edited = midas(
        "sandbox", "set", "campaign/Brand – Top@google", "target_impression_share.cpc_bid_ceiling_micros=0"
    )
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    refused = midas("import", "--account", "google-main", "--all", "--adopt")
    assert refused.code == 1
    assert "bids for target impression share without a max CPC" in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_import_adopt_round_trips_to_no_changes(midas: Callable[..., object], bare: Path) -> None:
    holiday_sale(bare)
    adopted = midas("import", "--account", "meta-main", "--campaign", NAME, "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    campaigns = [o for o in _objects(midas) if o["kind"] == "campaign"]
    assert campaigns and all(o["managed"] for o in campaigns)
    listed = midas("state", "list").output  # type: ignore[attr-defined]
    assert "Gift Shoppers" in listed and "Gift ad" in listed


def test_adopting_a_meta_ad_labels_its_creative_in_place_and_keeps_it(
    midas: Callable[..., object], bare: Path
) -> None:
    """A creative made by hand only gains the marker: replacing it would send the ad back to review and
    lose its post's likes and comments (Meta's AdCreative update takes ``adlabels``)."""
    holiday_sale(bare)
    creatives = [o for o in _objects(midas) if o["kind"] == "adcreative"]
    adopted = midas("import", "--account", "meta-main", "--campaign", NAME, "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    assert "replace" not in adopted.output  # type: ignore[attr-defined]
    after = [o for o in _objects(midas) if o["kind"] == "adcreative"]
    assert [(o["id"], o["status"]) for o in after] == [(o["id"], o["status"]) for o in creatives]
    assert all(o["managed"] for o in after)
    assert midas("plan", "--detailed-exitcode").code == 0  # type: ignore[attr-defined]


def _creative_shared_with_an_ad_outside_midas(midas: Callable[..., object], bare: Path) -> str:
    """The holiday sale adopted from Meta, its creative (the id returned) run too by "Other ad", of a campaign
    MIDAS does not manage (Meta lets ads share a creative)."""
    holiday_sale(bare)
    [shared] = [o["id"] for o in _objects(midas) if o["kind"] == "adcreative"]
    run_by_an_ad_outside_midas(bare, midas, shared)
    adopted = midas("import", "--account", "meta-main", "--campaign", NAME, "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    return str(shared)


def test_a_replaced_creative_that_an_ad_outside_midas_also_runs_is_kept(
    midas: Callable[..., object], bare: Path
) -> None:
    """A creative MIDAS adopted and then replaces (its texts changed) stays when an ad it does not manage
    runs it too, rather than leave that ad on a deleted creative."""
    shared = _creative_shared_with_an_ad_outside_midas(midas, bare)
    spec_file = bare / "specs" / "imported" / "holiday-sale-us.yaml"
    text = spec_file.read_text(encoding="utf-8")
    spec_file.write_text(
        text.replace("Our holiday gift guide is here.", "Our gift guide is here."), encoding="utf-8"
    )
    plan = midas("plan", "--out", str(bare / "plan.json"))
    assert f"keeps creative {shared}" in plan.output and "Other ad" in plan.output, plan.output  # type: ignore[attr-defined]
    applied = midas("apply", str(bare / "plan.json"), "--auto-approve")  # the saved plan keeps it too
    assert applied.code == 0, applied.output  # type: ignore[attr-defined]
    creatives = {o["id"]: o["status"] for o in _objects(midas) if o["kind"] == "adcreative"}
    assert creatives[shared] == "ACTIVE" and len(creatives) == 3, creatives
    assert midas("plan", "--detailed-exitcode").code == 0  # type: ignore[attr-defined]


def test_a_creative_that_an_ad_outside_midas_also_runs_outlives_its_deleted_ad(
    midas: Callable[..., object], bare: Path
) -> None:
    shared = _creative_shared_with_an_ad_outside_midas(midas, bare)
    (bare / "specs" / "imported" / "holiday-sale-us.yaml").unlink()
    plan = json.loads(midas("plan", "--allow-destroy", "--format", "json").output)  # type: ignore[attr-defined]
    [creative] = [c for c in plan["changes"] if c["address"].startswith("adcreative/")]
    assert creative["action"] == "noop", creative
    assert "kept: ad/Other/S/Other ad@meta:meta-main runs it too" in creative["reason"], creative
    assert plan["released"] == [creative["address"]]
    applied = midas("apply", "--auto-approve", "--allow-destroy")
    assert applied.code == 0, applied.output  # type: ignore[attr-defined]
    creatives = {o["id"]: o["status"] for o in _objects(midas) if o["kind"] == "adcreative"}
    assert creatives[shared] == "ACTIVE", creatives
    assert midas("plan", "--detailed-exitcode", "--allow-destroy").code == 0  # type: ignore[attr-defined]
    assert "Gift ad" not in midas("state", "list").output  # type: ignore[attr-defined]


def test_a_campaign_declaring_eu_political_advertising_imports_the_declaration_and_adopts_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare, eu_political=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["spec"]["google"]["eu_political_advertising"] is True
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    # The declaration is a setting like any other: taken back in the spec, the next apply sends false.
    (bare / "specs" / "imported" / "holiday-sale-us.yaml").write_text(
        text.replace("eu_political_advertising: true", "eu_political_advertising: false"), encoding="utf-8"
    )
    changed = midas("plan", "--detailed-exitcode")
    assert changed.code == 2 and "contains_eu_political_advertising" in changed.output  # type: ignore[attr-defined]
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_ad_set_budgets_and_an_ad_set_of_its_own_dates_are_imported_and_adopted(
    midas: Callable[..., object], bare: Path
) -> None:
    """A Meta campaign budgeted per ad set, one ad set starting later, linked to a Google campaign: the
    unified budget is Google's plus the ad sets' sum, each ad set keeps its own amount."""
    holiday_sale(bare, adset_budgets=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    assert spec["budget"] == {
        "daily": 35.0,
        "currency": "USD",
        "split": {"by": "amount", "google": 20.0, "meta": 15.0},
    }
    assert spec["schedule"] == {
        "start": dt.date(2026, 12, 1),
        "end": dt.date(2026, 12, 24),
        "time_zone": "America/New_York",
    }
    gift, last_minute = spec["ad_groups"]
    assert gift["meta"] == {"budget": {"daily": 10.0}}
    assert "budget: {daily: 10.00}" in text
    assert last_minute["platforms"] == ["meta"]
    assert last_minute["meta"] == {"budget": {"daily": 5.0}, "schedule": {"start": dt.date(2026, 12, 15)}}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    meta_campaign_node = next(
        o for o in _objects(midas) if o["kind"] == "campaign" and o["platform"] == "meta"
    )
    assert meta_campaign_node["managed"]


SPRING_MONTH = {"start_time": "2027-03-01T00:00:00+0100", "end_time": "2027-03-31T23:59:59+0200"}


def _spring_abo(
    bare: Path,
    adsets: list[dict[str, Any]],
    name: str = "Spring (ABO)",
    objective: str = "OUTCOME_TRAFFIC",
    *,
    sharing: bool = False,
) -> None:
    """A Meta campaign built by hand (``name``, "Spring (ABO)" by default), its budget on its ad sets (see
    ``_spring_adset``), which share it or not (``is_adset_budget_sharing_enabled``)."""
    write_all(
        ConnectorFactory(load_settings(bare)).create("meta-main"),
        meta_campaign(
            "meta-main",
            name,
            campaign={
                "objective": objective,
                "special_ad_categories": [],
                "is_adset_budget_sharing_enabled": sharing,
            },
            adsets=adsets,
        ),
    )


def _counting(name: str, goal: str, pixel: str, event: str) -> dict[str, Any]:
    """A Spring ad set (10.00 a day) optimising for ``goal``, counting ``event`` on ``pixel``."""
    built = _spring_adset(name, {"daily_budget": 1000})
    built["fields"] = {
        **built["fields"],
        "optimization_goal": goal,
        "promoted_object": {"pixel_id": pixel, "custom_event_type": event},
    }
    return built


def _spring_adset(name: str, budget: dict[str, int], **times: str) -> dict[str, Any]:
    fields = {"name": name, "optimization_goal": "LINK_CLICKS", "billing_event": "IMPRESSIONS"}
    creative = {
        "title": "Spring",
        "body": "Fresh styles.",
        "link_url": "https://shop.example.com/spring",
        "call_to_action_type": "SHOP_NOW",
    }
    return {
        "fields": {**fields, "targeting": {"geo_locations": {"countries": ["DE"]}}, **budget, **times},
        "ads": {"Spring ad": ({"status": "ACTIVE"}, creative)},
    }


def _adopted_spec(midas: Callable[..., object], bare: Path, campaign: str, file: str) -> dict[str, Any]:
    """The ``spec`` of Meta campaign ``campaign`` imported and adopted, as written to ``file``.yaml."""
    adopted = midas("import", "--account", "meta-main", "--campaign", campaign, "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    written = (bare / "specs" / "imported" / f"{file}.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(written)["spec"])


def _placed(name: str, placement: dict[str, list[str]]) -> dict[str, Any]:
    """``_spring_adset`` ``name`` on a daily budget, placed as ``placement`` says (targeting fields)."""
    adset = _spring_adset(name, {"daily_budget": 1000})
    adset["fields"]["targeting"].update(placement)
    return adset


#: Where two of three ad sets place their ads: Facebook's feed and stories, Instagram's stream, on mobiles.
FEED_AND_STREAM = {
    "publisher_platforms": ["instagram", "facebook"],
    "facebook_positions": ["story", "feed"],
    "instagram_positions": ["stream"],
    "device_platforms": ["mobile"],
}


def test_ad_sets_placed_by_position_and_device_round_trip_and_drift_field_by_field(
    midas: Callable[..., object], bare: Path
) -> None:
    """Manual placements import as ``meta.placements`` by position and ``meta.devices``: the ad sets' most
    common on the campaign, the others' on their ad groups; adopted, the plan is empty, and a console's
    change of a position or a device is drift of that targeting field."""
    _spring_abo(
        bare,
        [
            _placed("Berlin", FEED_AND_STREAM),
            _placed("Munich", FEED_AND_STREAM),
            _placed("Reels", {"publisher_platforms": ["instagram", "audience_network"],
                              "instagram_positions": ["reels"]}),
        ],
    )  # fmt: skip
    spec = _adopted_spec(midas, bare, "Spring (ABO)", "spring-abo")
    assert spec["meta"]["placements"] == {"facebook": ["feed", "story"], "instagram": ["stream"]}
    assert spec["meta"]["devices"] == ["mobile"]
    groups = {g["name"]: g["meta"] for g in spec["ad_groups"]}
    assert groups["Berlin"] == groups["Munich"] == {"budget": {"daily": 10.0}}
    assert groups["Reels"] == {
        "budget": {"daily": 10.0},
        "placements": {"audience_network": [], "instagram": ["reels"]},
        "devices": [],
    }
    assert midas("plan", "--detailed-exitcode").code == 0
    address = "adset/Spring (ABO)/Berlin@meta"
    assert midas("sandbox", "set", address, 'targeting.facebook_positions=["feed"]').code == 0
    assert midas("sandbox", "set", address, 'targeting.device_platforms=["desktop", "mobile"]').code == 0
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2, drift.output  # type: ignore[attr-defined]
    assert "targeting.facebook_positions" in drift.output, drift.output  # type: ignore[attr-defined]
    assert "targeting.device_platforms" in drift.output  # type: ignore[attr-defined]
    assert "targeting.instagram_positions" not in drift.output  # type: ignore[attr-defined]
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_ad_sets_in_whatsapp_status_import_adopt_with_no_changes_and_drift(
    midas: Callable[..., object], bare: Path
) -> None:
    """An ad set placed in WhatsApp's Status (beside Instagram's stories, as Meta asks) imports as
    ``meta.placements: {instagram: [story], whatsapp: [status]}``; adopted, the plan is empty, and a console's
    change of its WhatsApp positions is drift of that field."""
    status = {
        "publisher_platforms": ["whatsapp", "instagram"],
        "instagram_positions": ["story"],
        "whatsapp_positions": ["status"],
    }
    _spring_abo(
        bare, [_placed("Berlin", status), _placed("Munich", status), _placed("Feed", FEED_AND_STREAM)]
    )
    spec = _adopted_spec(midas, bare, "Spring (ABO)", "spring-abo")
    assert spec["meta"]["placements"] == {"instagram": ["story"], "whatsapp": ["status"]}
    groups = {g["name"]: g["meta"] for g in spec["ad_groups"]}
    assert groups["Feed"]["placements"] == {"facebook": ["feed", "story"], "instagram": ["stream"]}
    assert midas("plan", "--detailed-exitcode").code == 0
    address = "adset/Spring (ABO)/Berlin@meta"
    assert midas("sandbox", "set", address, "targeting.whatsapp_positions=[]").code == 0
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2, drift.output  # type: ignore[attr-defined]
    assert "targeting.whatsapp_positions" in drift.output, drift.output  # type: ignore[attr-defined]
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_meta_only_campaign_budgeted_per_ad_set_round_trips(
    midas: Callable[..., object], bare: Path
) -> None:
    month = SPRING_MONTH
    _spring_abo(
        bare,
        [
            _spring_adset("Berlin", {"lifetime_budget": 60_000}, **month),
            _spring_adset("Munich", {"lifetime_budget": 30_000}, **month),
            _spring_adset("Late", {"lifetime_budget": 10_000}, start_time="2027-03-20T00:00:00+0100",
                          end_time=month["end_time"]),
        ],
    )  # fmt: skip
    spec = _adopted_spec(midas, bare, "Spring (ABO)", "spring-abo")
    assert spec["budget"] == {"lifetime": 1000.0, "currency": "USD"}
    assert spec["schedule"]["time_zone"] == "Europe/Berlin"
    groups = {g["name"]: g["meta"] for g in spec["ad_groups"]}
    assert groups == {
        "Berlin": {"budget": {"lifetime": 600.0}},
        "Munich": {"budget": {"lifetime": 300.0}},
        "Late": {"budget": {"lifetime": 100.0}, "schedule": {"start": dt.date(2027, 3, 20)}},
    }
    assert midas("plan", "--detailed-exitcode").code == 0


def test_the_pixels_and_events_meta_ad_sets_count_import_where_they_differ_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """The account's pixel and the objective's event stay implied; another event on most ad sets is the
    campaign's, another pixel on one ad set its own, and an ad set optimising for clicks that still names
    the pixel counts it too."""

    _spring_abo(
        bare,
        [
            _counting("Berlin", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "ADD_TO_CART"),
            _counting("Munich", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "ADD_TO_CART"),
            _counting("Hamburg", "VALUE", "777", "ADD_TO_CART"),
            _counting("Clicks", "LINK_CLICKS", EXAMPLE_PIXEL, "ADD_TO_CART"),
        ],
        "Spring Checkout",
        "OUTCOME_SALES",
    )
    spec = _adopted_spec(midas, bare, "Spring Checkout", "spring-checkout")
    assert spec["meta"]["conversion"] == {"event": "ADD_TO_CART"}
    conversions = {g["name"]: g.get("meta", {}).get("conversion") for g in spec["ad_groups"]}
    assert conversions == {
        "Berlin": None,
        "Munich": None,
        "Hamburg": {"pixel_id": "777"},
        "Clicks": {"event": "ADD_TO_CART"},
    }
    assert midas("plan", "--detailed-exitcode").code == 0


def test_an_awareness_ad_set_naming_a_pixel_imports_its_conversion_once(
    midas: Callable[..., object], bare: Path
) -> None:
    """Reach counts no conversions by itself: the ad set naming a pixel gets its own ``meta.conversion``,
    and the campaign none beside it."""
    reach = _counting("Berlin", "REACH", EXAMPLE_PIXEL, "PURCHASE")
    _spring_abo(bare, [reach], "Spring Reach", "OUTCOME_AWARENESS")
    spec = _adopted_spec(midas, bare, "Spring Reach", "spring-reach")
    assert "conversion" not in spec.get("meta", {})
    assert [g["meta"].get("conversion") for g in spec["ad_groups"]] == [{"event": "PURCHASE"}]
    assert midas("plan", "--detailed-exitcode").code == 0


def _counting_custom(name: str, goal: str, custom_conversion_id: str) -> dict[str, Any]:
    """A Spring ad set (10.00 a day) optimising for ``goal``, counting a custom conversion."""
    built = _counting(name, goal, EXAMPLE_PIXEL, "PURCHASE")
    built["fields"]["promoted_object"] = {"custom_conversion_id": custom_conversion_id}
    return built


def test_custom_conversions_meta_ad_sets_count_import_where_they_differ_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """The most common custom conversion is the campaign's; an ad set counting another is its own, one
    counting a pixel's event names that event at least (naming nothing, it would count the campaign's
    custom conversion), and one optimising for clicks names what it counts."""
    _spring_abo(
        bare,
        [
            _counting_custom("Berlin", "OFFSITE_CONVERSIONS", "5550001"),
            _counting_custom("Munich", "VALUE", "5550001"),
            _counting_custom("Hamburg", "OFFSITE_CONVERSIONS", "5550002"),
            _counting("Cologne", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "PURCHASE"),
            _counting("Bremen", "OFFSITE_CONVERSIONS", "777", "PURCHASE"),
            _counting_custom("Clicks", "LINK_CLICKS", "5550001"),
        ],
        "Spring Custom",
        "OUTCOME_SALES",
    )
    spec = _adopted_spec(midas, bare, "Spring Custom", "spring-custom")
    assert spec["meta"]["conversion"] == {"custom_conversion_id": "5550001"}
    conversions = {g["name"]: g.get("meta", {}).get("conversion") for g in spec["ad_groups"]}
    assert conversions == {
        "Berlin": None,
        "Munich": None,
        "Hamburg": {"custom_conversion_id": "5550002"},
        "Cologne": {"event": "PURCHASE"},
        "Bremen": {"pixel_id": "777"},
        "Clicks": {"custom_conversion_id": "5550001"},
    }
    assert midas("plan", "--detailed-exitcode").code == 0


def _counting_custom_event(name: str, goal: str, pixel: str, event_name: str) -> dict[str, Any]:
    """A Spring ad set (10.00 a day) optimising for ``goal``, counting ``pixel``'s custom event ``event_name``
    (the type OTHER with its name)."""
    built = _counting(name, goal, pixel, "OTHER")
    built["fields"]["promoted_object"]["custom_event_str"] = event_name
    return built


def test_custom_events_meta_ad_sets_count_import_by_name_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """A pixel's custom event imports as ``custom_event`` by its name, exactly: the most common is the
    campaign's, an ad set counting another (or a standard event) names its own, one optimising for clicks
    names what differs; adopted, nothing differs, and a console's edit of the name is drift."""
    _spring_abo(
        bare,
        [
            _counting_custom_event("Berlin", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "Booked Demo"),
            _counting_custom_event("Munich", "VALUE", EXAMPLE_PIXEL, "Booked Demo"),
            _counting_custom_event("Hamburg", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "booked demo"),
            _counting("Cologne", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "PURCHASE"),
            _counting_custom_event("Clicks", "LINK_CLICKS", "777", "Booked Demo"),
        ],
        "Spring Custom",
        "OUTCOME_SALES",
    )
    spec = _adopted_spec(midas, bare, "Spring Custom", "spring-custom")
    assert spec["meta"]["conversion"] == {"custom_event": "Booked Demo"}
    conversions = {g["name"]: g.get("meta", {}).get("conversion") for g in spec["ad_groups"]}
    assert conversions == {
        "Berlin": None,
        "Munich": None,
        "Hamburg": {"custom_event": "booked demo"},
        "Cologne": {"event": "PURCHASE"},
        "Clicks": {"pixel_id": "777"},
    }
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0  # type: ignore[attr-defined]
    console = f'promoted_object={{"pixel_id": "{EXAMPLE_PIXEL}", "custom_event_type": "OTHER", ' + (
        '"custom_event_str": "Booked Call"}'
    )
    edited = midas("sandbox", "set", "adset/Spring Custom/Berlin@meta", console)
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2, drift.output  # type: ignore[attr-defined]
    assert "custom_event_str" in drift.output and "Booked Call" in drift.output  # type: ignore[attr-defined]


def test_an_ad_set_counting_a_custom_event_imports_it_on_its_own_when_the_campaign_counts_none(
    midas: Callable[..., object], bare: Path
) -> None:
    """Reach counts no conversions by itself: an ad set naming a pixel's custom event gets its own
    ``meta.conversion`` with the event's name, and the campaign none."""
    reach = _counting_custom_event("Berlin", "REACH", EXAMPLE_PIXEL, "Scrolled_75%")
    _spring_abo(bare, [reach], "Spring Reach", "OUTCOME_AWARENESS")
    spec = _adopted_spec(midas, bare, "Spring Reach", "spring-reach")
    assert "conversion" not in spec.get("meta", {})
    assert [g["meta"].get("conversion") for g in spec["ad_groups"]] == [{"custom_event": "Scrolled_75%"}]
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("event_name", "why"),
    [("Booked ", "leading or trailing whitespace"), ("Booked\tDemo", "control character")],
)
def test_a_custom_event_the_spec_cannot_write_is_refused_naming_its_ad_set(
    midas: Callable[..., object], bare: Path, event_name: str, why: str
) -> None:
    """A console may hold a custom event name the spec language refuses: import names the ad set and the
    name, and writes nothing (not the catch-all "the written spec would not load")."""
    berlin = _counting_custom_event("Berlin", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, event_name)
    _spring_abo(bare, [berlin], "Spring Odd", "OUTCOME_SALES")
    out = midas("import", "--account", "meta-main", "--campaign", "Spring Odd")
    assert out.code == 1, out.output  # type: ignore[attr-defined]
    text = out.output  # type: ignore[attr-defined]
    assert "ad set 'Berlin'" in text and "custom_event_str" in text and why in text, text
    assert "would not load" not in text, text
    assert not (bare / "specs" / "imported").exists()


def test_pixel_rules_import_by_their_meaning_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """A promoted object's pixel rule beside a standard or a custom event imports as ``pixel_rule``, a mapping
    (the JSON's meaning): two ad sets whose rules differ only in key order and spacing share the campaign's;
    adopted, nothing differs, and a console's rewrite of the rule in other spacing is no drift."""
    thanks = '{"url": {"i_contains": "thanks"}, "and": [{"value": {"gt": 10.5}}]}'
    respaced = '{ "and" : [ { "value" : { "gt" : 10.50 } } ],  "url" : { "i_contains" : "thanks" } }'
    berlin = _counting("Berlin", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "PURCHASE")
    berlin["fields"]["promoted_object"]["pixel_rule"] = thanks
    munich = _counting("Munich", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "PURCHASE")
    munich["fields"]["promoted_object"]["pixel_rule"] = respaced
    hamburg = _counting_custom_event("Hamburg", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "Booked Demo")
    hamburg["fields"]["promoted_object"]["pixel_rule"] = '{"url": {"eq": "https://shop.example.com/ok"}}'
    cologne = _counting("Cologne", "OFFSITE_CONVERSIONS", EXAMPLE_PIXEL, "PURCHASE")
    _spring_abo(bare, [berlin, munich, hamburg, cologne], "Spring Rules", "OUTCOME_SALES")
    spec = _adopted_spec(midas, bare, "Spring Rules", "spring-rules")
    rule = {"and": [{"value": {"gt": 10.5}}], "url": {"i_contains": "thanks"}}
    assert spec["meta"]["conversion"] == {"event": "PURCHASE", "pixel_rule": rule}
    conversions = {g["name"]: g.get("meta", {}).get("conversion") for g in spec["ad_groups"]}
    assert conversions == {
        "Berlin": None,
        "Munich": None,
        "Hamburg": {
            "custom_event": "Booked Demo",
            "pixel_rule": {"url": {"eq": "https://shop.example.com/ok"}},
        },
        "Cologne": {"event": "PURCHASE"},
    }
    assert midas("plan", "--detailed-exitcode").code == 0
    console = f'promoted_object={{"pixel_id": "{EXAMPLE_PIXEL}", "custom_event_type": "PURCHASE", ' + (
        f'"pixel_rule": {json.dumps(respaced)}}}'
    )
    edited = midas("sandbox", "set", "adset/Spring Rules/Berlin@meta", console)
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    assert midas("drift").code == 0  # type: ignore[attr-defined]


def test_ad_sets_sharing_their_budgets_import_the_sharing_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    _spring_abo(
        bare,
        [_spring_adset("Berlin", {"daily_budget": 3000}), _spring_adset("Munich", {"daily_budget": 2000})],
        "Spring (shared)",
        sharing=True,
    )
    adopted = midas("import", "--account", "meta-main", "--campaign", "Spring (shared)", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    written = (bare / "specs" / "imported" / "spring-shared.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(written)["spec"]
    assert spec["meta"]["adset_budget_sharing"] is True
    assert midas("plan", "--detailed-exitcode").code == 0


def test_meta_ad_sets_mixing_daily_and_lifetime_budgets_import_with_a_daily_budget_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """The campaign's budget is its daily ad sets' sum; the lifetime ad set keeps its amount and dates on
    top of it, never added to it."""
    _spring_abo(
        bare,
        [
            _spring_adset("Berlin", {"lifetime_budget": 60_000}, **SPRING_MONTH),
            _spring_adset("Munich", {"daily_budget": 2_000}),
            _spring_adset("Hamburg", {"daily_budget": 1_500}),
        ],
    )
    spec = _adopted_spec(midas, bare, "Spring (ABO)", "spring-abo")
    assert spec["budget"] == {"daily": 35.0, "currency": "USD"}
    groups = {g["name"]: g["meta"] for g in spec["ad_groups"]}
    assert groups == {
        "Berlin": {
            "budget": {"lifetime": 600.0},
            "schedule": {"start": dt.date(2027, 3, 1), "end": dt.date(2027, 3, 31)},
        },
        "Munich": {"budget": {"daily": 20.0}},
        "Hamburg": {"budget": {"daily": 15.0}},
    }
    assert midas("plan", "--detailed-exitcode").code == 0


#: A Meta traffic campaign without ad sets, made in the console beside the example's.
TRAFFIC_CAMPAIGN = {
    "objective": "OUTCOME_TRAFFIC",
    "status": "PAUSED",
    "special_ad_categories": [],
    "daily_budget": 900,
}


def _in_creation_order(ids: Iterable[str]) -> list[str]:
    """Sandbox ids, oldest first (they count up)."""
    return sorted(ids, key=lambda i: (len(i), i))


def test_link_picks_the_counterpart_among_namesakes(midas: Callable[..., object], bare: Path) -> None:
    holiday_sale(bare)
    meta = ConnectorFactory(load_settings(bare)).create("meta-main")
    write_all(meta, meta_campaign("meta-main", NAME, campaign=TRAFFIC_CAMPAIGN))  # a namesake copy
    write_all(meta, meta_campaign("meta-main", "Holiday Sale (old)", campaign=TRAFFIC_CAMPAIGN))
    campaigns = [o for o in _objects(midas) if o["kind"] == "campaign"]
    google_id = next(o["id"] for o in campaigns if o["platform"] == "google")
    original, copy = _in_creation_order(
        o["id"] for o in campaigns if o["platform"] == "meta" and o["name"] == NAME
    )
    other = next(o["id"] for o in campaigns if o["name"] == "Holiday Sale (old)")

    from_meta = midas("import", "--account", "meta-main", "--campaign", NAME)
    assert from_meta.code == 1
    named = f"3 live campaigns are named {NAME!r} (meta {original}, google {google_id}, meta {copy})"
    assert named in from_meta.output and "pair two with --link" in from_meta.output  # type: ignore[attr-defined]
    ambiguous = midas("import", "--account", "google-main", "--all")
    assert ambiguous.code == 1
    assert f"has 2 namesakes on the other platform (ids {original}, {copy}); pick one with --link" in (
        ambiguous.output  # type: ignore[attr-defined]
    )
    different = midas("import", "--account", "google-main", "--link", f"google:{google_id}=meta:{other}")
    assert different.code == 1  # linked, but a traffic campaign without ad sets is not the same campaign
    assert "'Holiday Sale (old)' (id " in different.output and "has no ad" in different.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()

    linked = midas("import", "--account", "google-main", "--link", f"google:{google_id}=meta:{original}")
    assert linked.code == 0, linked.output  # type: ignore[attr-defined]
    files = list((bare / "specs" / "imported").glob("*.yaml"))
    assert len(files) == 1 and f"meta campaign {original} in account meta-main" in files[0].read_text(
        encoding="utf-8"
    )


def test_namesakes_on_one_platform_are_named_with_their_ids_and_never_imported(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare)
    meta = ConnectorFactory(load_settings(bare)).create("meta-main")
    for _ in range(2):
        write_all(meta, meta_campaign("meta-main", "Dup", campaign=TRAFFIC_CAMPAIGN))
    ids = _in_creation_order(o["id"] for o in _objects(midas) if o["name"] == "Dup")
    why = f"2 live campaigns are named 'Dup' (meta {ids[0]}, meta {ids[1]}): a spec is one campaign on each"
    named = midas("import", "--account", "meta-main", "--campaign", "Dup")
    assert named.code == 1 and why in named.output  # type: ignore[attr-defined]
    assert "duplicate Campaign name" not in named.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()
    every = midas("import", "--account", "meta-main", "--all")
    assert every.code == 0, every.output  # type: ignore[attr-defined]
    assert f"Skipped 'Dup' (meta {ids[0]}):\n  - {why}" in every.output  # type: ignore[attr-defined]
    assert [f.name for f in (bare / "specs" / "imported").glob("*.yaml")] == ["holiday-sale-us.yaml"]


def _meta_excluding(midas: Callable[..., object], bare: Path, name: str, excluded: dict[str, Any]) -> None:
    """A Meta campaign ``name`` whose one ad set targets the US and excludes ``excluded`` (its geo spec)."""
    meta = ConnectorFactory(load_settings(bare)).create("meta-main")
    ad_set = {
        "name": "Set A",
        "status": "ACTIVE",
        "optimization_goal": "LINK_CLICKS",
        "billing_event": "IMPRESSIONS",
        "targeting": {"geo_locations": {"countries": ["US"]}, "excluded_geo_locations": excluded},
    }
    campaign = {**TRAFFIC_CAMPAIGN, "status": "ACTIVE"}
    write_all(
        meta, meta_campaign("meta-main", name, campaign=campaign, adsets=[{"fields": ad_set, "ads": {}}])
    )


def test_an_ad_set_excluding_a_radius_around_a_city_is_imported_and_adopted_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """ "Everyone in the US but within 10 miles of San Francisco": the city with a radius Meta excludes is
    written in the spec's exclusions (``10 mi around San Francisco, US-CA``), and adopted as it runs."""
    city = find_place("San Francisco, US-CA")
    assert city is not None
    radius = {"key": city.meta_key, "name": "San Francisco", "radius": 10, "distance_unit": "mile"}
    _meta_excluding(midas, bare, "Radius", {"cities": [radius]})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    [written] = (bare / "specs" / "imported").glob("*.yaml")
    spec = yaml.safe_load(written.read_text(encoding="utf-8"))["spec"]
    assert spec["targeting"]["exclude"]["locations"] == ["10 mi around San Francisco, US-CA"]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_an_ad_set_excluding_a_radius_the_spec_cannot_write_is_refused_naming_it(
    midas: Callable[..., object], bare: Path
) -> None:
    """A radius Meta holds that the spec cannot write (a pin's radius with more decimal places than the 2 the
    spec takes; Meta takes a pin's radius as a float) is refused, naming it and why. (A city's radius the spec
    cannot write never reaches an import: Meta, as the sandbox, takes a whole number in range alone.)"""
    pin = {"latitude": 37.7749, "longitude": -122.4194, "radius": 2.345, "distance_unit": "kilometer"}
    _meta_excluding(midas, bare, "Radius", {"custom_locations": [pin]})
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1
    said = " ".join(result.output.split())  # type: ignore[attr-defined]
    assert "of meta campaign 'Radius' (id " in said, said
    assert (
        "Meta excluded_geo_locations.custom_locations (a pin whose radius, 2.345 kilometer, has more decimal "
        "places than the 2 the spec takes) has no unified equivalent"
    ) in said, said
    assert not (bare / "specs" / "imported").exists()


def test_an_ad_set_excluding_a_market_other_than_a_us_dma_is_refused_saying_what_its_key_is(
    midas: Callable[..., object], bare: Path
) -> None:
    """The spec names a market as a US DMA alone (``DMA:807`` ↔ ``DMA_807``): a market of another key is
    refused, the refusal naming its key, the name Meta describes it by (kept through the read's
    normalisation for a market the spec cannot write), and why."""
    _meta_excluding(midas, bare, "Markets", {"geo_markets": [{"key": "UK_1", "name": "London"}]})
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1
    said = " ".join(result.output.split())  # type: ignore[attr-defined]
    assert (
        "Meta excluded_geo_locations.geo_markets UK_1 (London): a market whose key is not DMA_ then the code "
        "of one of the 210 US Nielsen markets (DMA_807); the spec names a market as a US DMA alone (DMA:807)"
    ) in said, said
    assert not (bare / "specs" / "imported").exists()


def test_an_ad_set_excluding_a_pin_by_its_address_alone_is_refused_naming_the_address(
    midas: Callable[..., object], bare: Path
) -> None:
    """A pin Meta holds by its ``address_string`` alone, without the point it geocodes it to (set here in the
    console, as the sandbox makes no pin of an address), is refused naming the address and asking for its
    point: the read's normalisation keeps the address of a pin without a point."""
    pin = {"latitude": 37.7749, "longitude": -122.4194, "radius": 2, "distance_unit": "kilometer"}
    _meta_excluding(midas, bare, "Pins", {"custom_locations": [pin]})
    by_address = (
        'targeting.excluded_geo_locations={"custom_locations": [{"address_string": "1 Main St, Springfield, '
        'IL 62701", "radius": 10, "distance_unit": "mile"}]}'
    )
    edited = midas("sandbox", "set", "adset/Pins/Set A@meta", by_address)
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1
    said = " ".join(result.output.split())  # type: ignore[attr-defined]
    assert (
        "Meta excluded_geo_locations.custom_locations (a pin by its address_string alone, '1 Main St, "
        "Springfield, IL 62701', without the latitude and longitude Meta geocodes it to: the spec writes a "
        "pin by its point, as '10 mi around 37.7749,-122.4194')"
    ) in said, said
    assert not (bare / "specs" / "imported").exists()


def test_an_ad_set_excluding_a_radius_around_a_point_is_imported_and_adopted_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """ "Everyone in the US but within 2 km of the competitor's store": the pin Meta excludes (read back with
    the address Meta found for it) is written in the spec's exclusions, and adopted as it runs."""
    pin = {"latitude": 37.7749, "longitude": -122.4194, "radius": 2, "distance_unit": "kilometer"}
    _meta_excluding(midas, bare, "Pins", {"custom_locations": [{**pin, "address_string": "Market St"}]})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    [written] = (bare / "specs" / "imported").glob("*.yaml")
    spec = yaml.safe_load(written.read_text(encoding="utf-8"))["spec"]
    assert spec["targeting"]["exclude"]["locations"] == ["2 km around 37.7749,-122.4194"]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_imported_files_once_reviewed_are_adopted_as_they_are(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare)
    assert midas("import", "--account", "google-main", "--all").code == 0
    written = bare / "specs" / "imported" / "holiday-sale-us.yaml"
    reviewed = written.read_text(encoding="utf-8").replace(
        "# Imported by", "# Reviewed in PR #12. Imported by"
    )
    written.write_text(reviewed, encoding="utf-8")
    adopted = midas("import", "--account", "google-main", "--campaign", NAME, "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    assert f"Adopted {NAME!r}" in adopted.output  # type: ignore[attr-defined]
    assert written.read_text(encoding="utf-8") == reviewed  # the committed file is the spec, untouched
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_reviewed_spec_that_no_longer_matches_is_not_adopted(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare)
    assert midas("import", "--account", "google-main", "--all").code == 0
    written = bare / "specs" / "imported" / "holiday-sale-us.yaml"
    written.write_text(
        written.read_text(encoding="utf-8").replace(
            "google: 20.00, meta: 15.00", "google: 21.00, meta: 14.00"
        ),
        encoding="utf-8",
    )
    refused = midas("import", "--account", "google-main", "--campaign", NAME, "--adopt")
    assert refused.code == 1
    # Each reason says it, with the difference on its own line (no heading line listed as a reason).
    assert "nothing was adopted: campaign_budget/" in refused.output  # type: ignore[attr-defined]
    assert "amount_micros" in refused.output  # type: ignore[attr-defined]
    assert not [o for o in _objects(midas) if o["managed"]]

    # --all adopts what matches and leaves the reviewed spec out, saying why; --link names it again.
    brand_campaigns(bare, BRAND)
    every = midas("import", "--account", "google-main", "--all", "--adopt")
    assert every.code == 0, every.output  # type: ignore[attr-defined]
    output = str(every.output)  # type: ignore[attr-defined]
    assert f"Skipped {NAME!r} (google " in output and "so nothing was adopted" in output
    assert all(f"Imported {name!r} (google " in output for name in BRAND)
    managed = {o["name"] for o in _objects(midas) if o["kind"] == "campaign" and o["managed"]}
    assert managed == set(BRAND)
    campaigns = {(o["platform"], o["name"]): o["id"] for o in _objects(midas) if o["kind"] == "campaign"}
    link = f"google:{campaigns['google', NAME]}=meta:{campaigns['meta', NAME]}"
    linked = midas("import", "--account", "google-main", "--all", "--adopt", "--link", link)
    assert linked.code == 1 and "so nothing was adopted" in linked.output  # type: ignore[attr-defined]
    assert {o["name"] for o in _objects(midas) if o["kind"] == "campaign" and o["managed"]} == set(BRAND)


def test_an_ad_that_cannot_be_one_creative_becomes_one_per_platform_and_adopts(
    midas: Callable[..., object], bare: Path
) -> None:
    """Meta's title is not one of Google's headlines and its creative has no call to action: the ad is
    written as two creatives, one per platform, and the round trip is exact. Google keeps no name for a
    responsive search ad: its creative is named after its first headline."""
    holiday_sale(bare, meta_title="A title Google never shows", meta_call_to_action=None)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8"))[
        "spec"
    ]
    on_google, on_meta = spec["creatives"]
    assert (on_google["name"], on_google["platforms"]) == ("free-gift-wrap", ["google"])
    assert on_google["headlines"] == ["Free Gift Wrap", "Gifts They Will Love", "Holiday Deals"]
    assert on_google["google"] == {"path1": "gifts"} and "call_to_action" not in on_google
    assert on_meta == {
        "name": "Gift ad",
        "status": "paused",
        "platforms": ["meta"],
        "headlines": ["A title Google never shows"],
        "descriptions": ["Wrapped and shipped free."],
        "primary_text": "Our holiday gift guide is here.",
        "final_url": "https://shop.example.com/gifts",
        "call_to_action": "none",
    }
    assert "creatives" not in spec["ad_groups"][0]  # it runs both: each on its platform
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    meta_ads = [
        o
        for o in _objects(midas)
        if o["platform"] == "meta" and o["kind"] in ("ad", "adcreative") and o["status"] != "DELETED"
    ]
    assert len(meta_ads) == 2 and all(o["managed"] for o in meta_ads)


@pytest.mark.parametrize(
    ("texts", "written"),
    [
        # A link ad without a headline (link_data name), which Meta allows: a creative without headlines.
        (
            {"meta_title": None},
            {"headlines": [], "descriptions": ["Wrapped and shipped free."]},
        ),
        # Nor primary text (message) nor description: no descriptions, no primary_text either.
        (
            {"meta_title": None, "meta_body": None, "meta_description": None},
            {"headlines": [], "descriptions": []},
        ),
    ],
    ids=["without-a-headline", "without-any-text"],
)
def test_a_meta_link_ad_without_a_headline_or_texts_imports_as_a_creative_of_meta_s_alone_and_adopts(
    midas: Callable[..., object], bare: Path, texts: dict[str, None], written: dict[str, list[str]]
) -> None:
    """Meta's link ad needs no headline nor primary text (facebook-business AdCreativeLinkData ``name``,
    ``message``): its creative is Meta's alone (Google's ad of that name has headlines), and it compiles back
    to a creative without them: adopted, the plan is empty, and a console edit of its ad is drift."""
    holiday_sale(bare, **texts)  # type: ignore[arg-type]
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    document = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    [on_meta] = [c for c in yaml.safe_load(document)["spec"]["creatives"] if c.get("platforms") == ["meta"]]
    assert {k: on_meta.get(k) for k in written} == written
    assert ("primary_text" in on_meta) == ("meta_body" not in texts)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    ad = "ad/Holiday Sale – US/Gift Shoppers/Gift ad@meta"
    assert midas("sandbox", "set", ad, "status=active").code == 0  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2 and "Gift ad" in drift.output, drift.output  # type: ignore[attr-defined]
    assert midas("apply", "--auto-approve").code == 0  # type: ignore[attr-defined]
    assert midas("plan", "--detailed-exitcode").code == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("story", "refusal"),
    [
        (
            {
                "link_data": {
                    "link": "https://shop.example.com/gifts",
                    "child_attachments": [
                        {
                            "link": "https://shop.example.com/a",
                            "name": "A",
                            "picture": "https://cdn.example.com/a",
                        },
                        {"link": "https://shop.example.com/b", "name": "B"},
                    ],
                }
            },
            "is a carousel ad (object_story_spec.link_data.child_attachments) whose card 2 shows neither "
            "picture, image_hash nor video_id",
        ),
        (
            {"photo_data": {"url": "https://cdn.example.com/gift.jpg", "caption": "Gifts"}},
            "is an image ad without a link (a photo post, object_story_spec.photo_data), which the spec",
        ),
        (
            {"template_data": {"link": "https://shop.example.com/gifts", "name": "{{product.name}}"}},
            "is a catalog ad template (object_story_spec.template_data) in an ad set showing no product set",
        ),
        (
            {"video_data": {"video_id": "7001", "message": "Watch"}},
            "is a video ad without a link (neither link_data.link nor a call to action's link)",
        ),
        (
            {"link_data": {"link": "https://shop.example.com/gifts", "description": "Wrapped and shipped."}},
            "has a link description but no primary text (message)",
        ),
        (
            {
                "link_data": {
                    "link": "https://shop.example.com/gifts",
                    "message": "Tell us what you need.",
                    "call_to_action": {
                        "type": "SIGN_UP",
                        "value": {"link": "https://shop.example.com/gifts", "lead_gen_form_id": "555"},
                    },
                }
            },
            # An instant form's ad imports in an ad set opening one (ON_AD: test_meta_lead_forms.py).
            "has a call to action opening instant form 555 (call_to_action.value.lead_gen_form_id) in an ad "
            "set whose destination_type is not ON_AD",
        ),
        (
            {
                "instagram_user_id": "17841400000000000",
                "link_data": {"link": "https://shop.example.com/gifts", "message": "Gifts."},
            },
            # One account imports as meta.instagram_identity where midas.yaml names it
            # (test_meta_instagram_identity.py); here it names none.
            "runs as Instagram account 17841400000000000, and account meta-main names none in midas.yaml",
        ),
        (
            {
                "video_data": {
                    "video_id": "7001",
                    "message": "Watch.",
                    "image_url": "https://cdn.example.com/thumb.jpg",
                    "call_to_action": {
                        "type": "LEARN_MORE",
                        "value": {"link": "https://shop.example.com/gifts", "link_caption": "shop.example"},
                    },
                }
            },
            "has object_story_spec.video_data.call_to_action.value.link_caption 'shop.example'",
        ),
        (
            {
                "link_data": {
                    "link": "https://shop.example.com/gifts",
                    "message": "Three gifts.",
                    "call_to_action": {
                        "type": "SHOP_NOW",
                        "value": {"link": "https://shop.example.com/gifts"},
                    },
                    "child_attachments": [
                        {
                            "link": f"https://shop.example.com/{c}",
                            "name": c,
                            "picture": f"https://cdn.example.com/{c}",
                        }
                        for c in "ab"
                    ],
                }
            },
            "has object_story_spec.link_data.call_to_action {'type': 'SHOP_NOW', 'value': {'link': ",
        ),
        (
            {
                "link_data": {
                    "link": "https://shop.example.com/gifts",
                    "child_attachments": [
                        {
                            "link": "https://shop.example.com/a",
                            "picture": "https://cdn.example.com/a",
                            "image_crops": {"100x100": [[0, 0], [100, 100]]},
                            "caption": "shop.example.com",
                        },
                        {"link": "https://shop.example.com/b", "picture": "https://cdn.example.com/b"},
                    ],
                }
            },
            "has object_story_spec.link_data.child_attachments[0].caption 'shop.example.com' and "
            "object_story_spec.link_data.child_attachments[0].image_crops {'100x100': [[0, 0], [100, 100]]}",
        ),
    ],
    ids=[
        "carousel-of-a-card-without-media",
        "photo-post",
        "dynamic-product-ad",
        "video-without-link",
        "description-without-body",
        "instant-form",
        "instagram-account",
        "video-link-caption",
        "carousel-call-to-action",
        "carousel-card-crops-and-caption",
    ],
)
def test_a_meta_creative_the_spec_language_cannot_express_is_refused_naming_its_kind(
    midas: Callable[..., object], bare: Path, story: dict[str, object], refusal: str
) -> None:
    """A console's carousel, photo post, dynamic product ad or video ad without a link is none of the ads
    MIDAS makes: import refuses the campaign, saying which kind the creative is, and writes nothing."""
    holiday_sale(bare)
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta"
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(story)}").code == 0  # type: ignore[attr-defined]
    # What Meta derives from a link ad's story (its name, message and link): where this story holds none,
    # the creative's own copy goes too (null clears a field in the story that holds it).
    for flat, wire in (("title", "name"), ("body", "message"), ("link_url", "link")):
        if not any(isinstance(block, dict) and wire in block for block in story.values()):
            assert midas("sandbox", "set", creative, f"{flat}=null").code == 0  # type: ignore[attr-defined]
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert result.code == 1, result.output  # type: ignore[attr-defined]
    assert refusal in result.output, result.output  # type: ignore[attr-defined]
    assert "Gift ad" in result.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


@pytest.mark.parametrize(
    ("objective", "action", "refusal"),
    [
        ("OUTCOME_AWARENESS", None, None),
        ("OUTCOME_ENGAGEMENT", None, None),
        ("OUTCOME_TRAFFIC", None, "is a video ad without a link"),
        ("OUTCOME_AWARENESS", "LEARN_MORE", "is a video ad without a link"),
    ],
    ids=["awareness", "engagement", "traffic-needs-a-link", "a-button-needs-a-link"],
)
def test_a_meta_video_ad_without_a_link_imports_in_an_awareness_or_engagement_campaign_and_adopts(
    midas: Callable[..., object], bare: Path, objective: str, action: str | None, refusal: str | None
) -> None:
    """A video ad that sends people nowhere (AdCreativeVideoData without a link or a call to action's) is
    what video-view and engagement campaigns run: it imports as a video creative without final_url and adopts
    with an empty plan. A campaign whose ads must send people somewhere, or a button linking nowhere, is
    refused."""
    adset = _spring_adset("Berlin", {"daily_budget": 2_000})
    creative = {"title": "Spring", "body": "Fresh styles.", "video_id": "7001"}
    if action is not None:
        creative["call_to_action_type"] = action
    adset["ads"] = {"Spring ad": ({"status": "ACTIVE"}, creative)}
    _spring_abo(bare, [adset], objective=objective)
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    if refusal is not None:
        assert result.code == 1 and refusal in result.output, result.output  # type: ignore[attr-defined]
        return
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "spring-abo.yaml").read_text(encoding="utf-8")
    [written] = yaml.safe_load(text)["spec"]["creatives"]
    assert (written["type"], written["video_id"], written["call_to_action"]) == ("video", "7001", "none")
    assert "final_url" not in written, written
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("objective", "image", "action", "refusal"),
    [
        ("OUTCOME_AWARENESS", {"image_url": "https://cdn.example.com/spring.jpg"}, None, None),
        ("OUTCOME_ENGAGEMENT", {"image_hash": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}, None, None),
        (
            "OUTCOME_TRAFFIC",
            {"image_url": "https://cdn.example.com/spring.jpg"},
            None,
            "is an image ad without",
        ),
    ],
    ids=["awareness", "engagement-library-image", "traffic-needs-a-link"],
)
def test_a_meta_photo_post_made_for_the_ad_imports_as_an_image_sending_people_nowhere_and_adopts(
    midas: Callable[..., object],
    bare: Path,
    objective: str,
    image: dict[str, str],
    action: str | None,
    refusal: str | None,
) -> None:
    """An image ad sending people nowhere is a photo post made for the ad (object_story_spec.photo_data: its
    image by url or hash, its caption): in an awareness or engagement campaign it imports as an image creative
    without final_url, its caption the primary text, and adopts with an empty plan; a console edit of its ad
    is drift. A campaign whose ads must send people somewhere is refused."""
    adset = _spring_adset("Berlin", {"daily_budget": 2_000})
    adset["ads"] = {"Spring ad": ({"status": "ACTIVE"}, {"body": "Fresh styles.", **image})}
    _spring_abo(bare, [adset], objective=objective)
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    if refusal is not None:
        assert result.code == 1 and refusal in result.output, result.output  # type: ignore[attr-defined]
        return
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "spring-abo.yaml").read_text(encoding="utf-8")
    [written] = yaml.safe_load(text)["spec"]["creatives"]
    media = {"image_url": written.get("image_url")} if "image_url" in image else written["meta"]
    assert (written["type"], media, written["call_to_action"]) == ("image", image, "none")
    assert (written["primary_text"], written["headlines"], written["descriptions"]) == (
        "Fresh styles.",
        [],
        [],
    )
    assert "final_url" not in written, written
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    ad = "ad/Spring (ABO)/Berlin/Spring ad@meta"
    assert midas("sandbox", "set", ad, "status=paused").code == 0  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2 and "Spring ad" in drift.output, drift.output  # type: ignore[attr-defined]


def test_link_data_without_a_link_is_refused_in_an_awareness_campaign_not_taken_for_a_photo_post(
    midas: Callable[..., object], bare: Path
) -> None:
    """A link ad's story without a link reads as the same flat fields as a photo post (an image and a body):
    import refuses it as a link ad without a link rather than adopt it as an image sending people nowhere,
    which compile would write as another kind of post."""
    adset = _spring_adset("Berlin", {"daily_budget": 2_000})
    adset["ads"] = {
        "Spring ad": ({"status": "ACTIVE"}, {"body": "Fresh.", "image_url": "https://x.example/a.jpg"})
    }
    _spring_abo(bare, [adset], objective="OUTCOME_AWARENESS")
    story = {"link_data": {"message": "Fresh.", "picture": "https://x.example/a.jpg"}}
    creative = "adcreative/Spring (ABO)/Berlin/Spring ad@meta"
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(story)}").code == 0  # type: ignore[attr-defined]
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert result.code == 1, result.output  # type: ignore[attr-defined]
    assert "is a link ad without a link (neither object_story_spec.link_data.link" in result.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


@pytest.mark.parametrize(
    "media",
    [{"video_id": "7001"}, {"image_url": "https://cdn.example.com/spring.jpg"}],
    ids=["video", "photo-post"],
)
def test_a_meta_ad_sending_people_nowhere_keeps_its_own_url_tags_on_adopt(
    midas: Callable[..., object], bare: Path, media: dict[str, str]
) -> None:
    """A video or photo post sending people nowhere may carry url_tags of its own (Meta appends them to the
    links people click in the ad, its text's among them): they import as the creative's url_parameters, which
    compile sends again, so the plan after adopting is empty."""
    adset = _spring_adset("Berlin", {"daily_budget": 2_000})
    creative = {"body": "Fresh styles at shop.example.com.", "url_tags": "utm_source=meta", **media}
    adset["ads"] = {"Spring ad": ({"status": "ACTIVE"}, creative)}
    _spring_abo(bare, [adset], objective="OUTCOME_ENGAGEMENT")
    result = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "spring-abo.yaml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)["spec"]
    tags = document.get("url_parameters"), document["creatives"][0].get("url_parameters")
    assert "utm_source=meta" in tags, text
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


#: An image the ad account's library holds (AdImage ``hash``, 32 hex digits).
IMAGE_HASH = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def test_a_meta_link_ad_of_an_uploaded_image_keeps_its_image_through_import_adoption_and_an_edit(
    midas: Callable[..., object], bare: Path
) -> None:
    """Most image ads show an image of the account's library by hash (AdCreativeLinkData ``image_hash``,
    no ``picture``): it is imported as an image creative saying the hash (``meta.image_hash``), adopted with
    an empty plan, and the creative a headline edit makes shows the same image."""
    holiday_sale(bare)
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta"
    story = {
        "link_data": {
            "link": "https://shop.example.com/gifts",
            "message": "Our holiday gift guide is here.",
            "name": "Gifts They Will Love",
            "image_hash": IMAGE_HASH,
            "call_to_action": {"type": "SHOP_NOW", "value": {"link": "https://shop.example.com/gifts"}},
        }
    }
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(story)}").code == 0  # type: ignore[attr-defined]
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    written = bare / "specs" / "imported" / "holiday-sale-us.yaml"
    document = yaml.safe_load(written.read_text(encoding="utf-8"))
    [on_meta] = [c for c in document["spec"]["creatives"] if c["name"] == "Gift ad"]
    assert (on_meta.get("type"), on_meta.get("meta")) == ("image", {"image_hash": IMAGE_HASH}), on_meta
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    on_meta["headlines"] = ["Gifts They Will Adore"]
    written.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output  # type: ignore[attr-defined]
    read = ConnectorFactory(load_settings(bare)).create("meta-main").read()
    [made] = [
        r for r in read if r.address.kind == "adcreative" and r.fields.get("title") == "Gifts They Will Adore"
    ]
    assert made.fields.get("image_hash") == IMAGE_HASH, made.fields
    assert midas("plan", "--detailed-exitcode").code == 0  # type: ignore[attr-defined]


CAROUSEL_STORY = {
    "link_data": {
        "link": "https://shop.example.com/gifts",
        "message": "Three gifts they will love.",
        "multi_share_optimized": False,
        "child_attachments": [
            {
                "link": "https://shop.example.com/a",
                "name": "Scarves",
                "description": "Wool and cashmere",
                "picture": "https://cdn.example.com/a.jpg",
                "call_to_action": {"type": "SHOP_NOW", "value": {"link": "https://shop.example.com/a"}},
            },
            {
                "link": "https://shop.example.com/b",
                "name": "Gloves",
                "video_id": "7001",
                "call_to_action": {"type": "SHOP_NOW", "value": {"link": "https://shop.example.com/b"}},
            },
        ],
    }
}


def test_a_meta_carousel_imports_as_a_meta_only_creative_of_cards_and_adopts_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """A console's carousel (AdCreativeLinkData ``child_attachments``) is written as a carousel creative of
    Meta's alone (the campaign runs on Google too), its cards in order, and adopted: the plan is empty. A
    card then edited in the console is drift of that card's field."""
    holiday_sale(bare)
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta"
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(CAROUSEL_STORY)}").code == 0  # type: ignore[attr-defined]
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    [on_meta] = [c for c in yaml.safe_load(text)["spec"]["creatives"] if c.get("type") == "carousel"]
    assert on_meta == {
        "name": "Gift ad",
        "type": "carousel",
        "status": "paused",
        "platforms": ["meta"],
        "primary_text": "Three gifts they will love.",
        "final_url": "https://shop.example.com/gifts",
        "call_to_action": "shop_now",
        "cards": [
            {
                "headline": "Scarves",
                "description": "Wool and cashmere",
                "final_url": "https://shop.example.com/a",
                "image_url": "https://cdn.example.com/a.jpg",
            },
            {"headline": "Gloves", "final_url": "https://shop.example.com/b", "video_id": "7001"},
        ],
        "meta": {"multi_share_optimized": False},
    }
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    story = copy.deepcopy(CAROUSEL_STORY)
    story["link_data"]["child_attachments"][1]["name"] = "Warm gloves"  # type: ignore[index]
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(story)}").code == 0  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2, drift.output  # type: ignore[attr-defined]
    assert 'cards.1.title: "Gloves" → "Warm gloves"' in drift.output  # type: ignore[attr-defined]


def test_a_carousel_s_own_call_to_action_or_a_card_s_caption_set_in_the_console_is_drift(
    midas: Callable[..., object], bare: Path
) -> None:
    """Settings MIDAS never sends a carousel (a call to action of its own beside its cards', a card's
    ``caption``) are compared, not dropped: set in the console on an adopted carousel, they are drift."""
    holiday_sale(bare)
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta"
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(CAROUSEL_STORY)}").code == 0  # type: ignore[attr-defined]
    assert midas("import", "--account", "meta-main", "--all", "--adopt").code == 0  # type: ignore[attr-defined]
    story = copy.deepcopy(CAROUSEL_STORY)
    story["link_data"]["child_attachments"][0]["caption"] = "shop.example.com"  # type: ignore[index]
    story["link_data"]["call_to_action"] = {"type": "LEARN_MORE"}  # type: ignore[index]
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(story)}").code == 0  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2, drift.output  # type: ignore[attr-defined]
    assert 'cards.0.caption: (none) → "shop.example.com"' in drift.output, drift.output  # type: ignore[attr-defined]
    assert 'call_to_action_type: (none) → "LEARN_MORE"' in drift.output, drift.output  # type: ignore[attr-defined]


def test_one_carousel_card_edited_in_the_console_by_its_index_is_drift_of_that_card(
    midas: Callable[..., object], bare: Path
) -> None:
    """A console user edits one card: ``cards.N.FIELD`` (N from 0, as drift counts cards; a card's fields
    as specs name them) or the native path, a list index among its steps. Drift shows that card's field."""
    holiday_sale(bare)
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta"
    assert midas("sandbox", "set", creative, f"object_story_spec={json.dumps(CAROUSEL_STORY)}").code == 0  # type: ignore[attr-defined]
    assert midas("import", "--account", "meta-main", "--all", "--adopt").code == 0  # type: ignore[attr-defined]

    title = midas("sandbox", "set", creative, "cards.1.title=Warm gloves")
    assert title.code == 0, title.output  # type: ignore[attr-defined]
    native = "object_story_spec.link_data.child_attachments.0.description=Silk"
    assert midas("sandbox", "set", creative, native).code == 0  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2, drift.output  # type: ignore[attr-defined]
    assert 'cards.1.title: "Gloves" → "Warm gloves"' in drift.output  # type: ignore[attr-defined]
    assert 'cards.0.description: "Wool and cashmere" → "Silk"' in drift.output  # type: ignore[attr-defined]
    assert "cards.0.title" not in drift.output and "cards.1.description" not in drift.output  # type: ignore[attr-defined]

    for field, error in (
        ("cards.2.title", "cards.2: the carousel has 2 cards (cards.0 to cards.1)"),
        ("cards.one.title", "cards.one: a card is named by its index (cards.0 to cards.1)"),
        ("cards.0.colour", "cards.0.colour: a card has no 'colour'; settable: link_url, title, description"),
        (
            "object_story_spec.link_data.child_attachments.5.name",
            "child_attachments.5: the list has 2 items (0 to 1)",
        ),
    ):
        refused = midas("sandbox", "set", creative, f"{field}=x")
        assert refused.code == 1 and error in refused.output, refused.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("account_page", [None, "4242"], ids=["no-page-id", "another-page-id"])
def test_a_meta_ad_run_as_another_page_than_the_accounts_is_refused_saying_what_to_set(
    midas: Callable[..., object], bare: Path, account_page: str | None
) -> None:
    """MIDAS runs every ad of a Meta account as the account's Page (``page_id`` in midas.yaml): an ad run as
    another, or in an account that names none, is refused naming the Page and what to set."""
    if account_page is not None:
        settings = bare / "midas.yaml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(
            text.replace("    pixel_id:", f'    page_id: "{account_page}"\n    pixel_id:'), encoding="utf-8"
        )
    holiday_sale(bare, page_id="999999")
    refused = midas("import", "--account", "meta-main", "--all")
    assert refused.code == 1
    label = f"ad 'Gift ad' in ad set 'Gift Shoppers' of meta campaign {NAME!r}"
    output = refused.output  # type: ignore[attr-defined]
    assert label in output, output
    if account_page is None:
        assert (
            "runs as Page 999999, and account meta-main names no Page in midas.yaml: set its page_id: "
            '"999999" there (the Page MIDAS runs the account\'s ads as), then import' in output
        ), output
    else:
        assert (
            "runs as Page 999999, not the Page MIDAS runs account meta-main's ads as (its page_id in "
            "midas.yaml, 4242)" in output
        ), output
    assert "would not match what is live" not in output


def test_a_meta_ad_running_an_existing_page_post_imports_as_a_post_creative_and_adopts_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """An ad running a Page post already published (facebook-business AdCreative ``object_story_id``) is
    written as a post creative of Meta's alone naming the post, and adopted: the plan is empty."""
    holiday_sale(bare)
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta"
    for setting in ("object_story_spec=null", "object_story_id=1234567890_987654321"):
        assert midas("sandbox", "set", creative, setting).code == 0  # type: ignore[attr-defined]
    for flat in ("title", "body", "link_url"):  # what Meta derives from a link ad's story: none here
        assert midas("sandbox", "set", creative, f"{flat}=null").code == 0  # type: ignore[attr-defined]
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    assert "post_id: '1234567890_987654321'" in text or 'post_id: "1234567890_987654321"' in text, text
    [on_meta] = [c for c in yaml.safe_load(text)["spec"]["creatives"] if c.get("type") == "post"]
    assert on_meta == {
        "name": "Gift ad",
        "type": "post",
        "status": "paused",
        "platforms": ["meta"],
        "post_id": "1234567890_987654321",
    }
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def test_an_ad_group_running_other_ads_on_each_platform_becomes_one_per_platform_and_adopts(
    midas: Callable[..., object], bare: Path
) -> None:
    """Google's "Gift Shoppers" runs both ads, Meta's only one (the other runs in an ad set of its own):
    the ad group is written twice, once per platform, each keeping its own ads, keywords and ad set
    budget, and the round trip is exact."""
    holiday_sale(bare, adset_budgets=True, wrap_ad=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8"))[
        "spec"
    ]
    assert [(c["name"], c.get("platforms")) for c in spec["creatives"]] == [
        ("Gift ad", None),
        ("Wrap ad", None),
    ]
    on_google, on_meta, last_minute, wrap = spec["ad_groups"]
    assert (on_google["name"], on_google["platforms"]) == ("Gift Shoppers", ["google"])
    assert "creatives" not in on_google and on_google["keywords"] and "meta" not in on_google
    assert on_meta == {
        "name": "Gift Shoppers",
        "platforms": ["meta"],
        "creatives": ["Gift ad"],
        "meta": {"budget": {"daily": 10.0}},
    }
    assert (last_minute["name"], last_minute["creatives"]) == ("Last-minute Shoppers", ["Gift ad"])
    assert wrap == {
        "name": "Wrap Shoppers",
        "platforms": ["meta"],
        "creatives": ["Wrap ad"],
        "meta": {"budget": {"daily": 5.0}},
    }
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    adsets = [o for o in _objects(midas) if o["kind"] in ("ad_group", "adset")]
    assert len(adsets) == 4 and all(o["managed"] for o in adsets)


def test_a_meta_creative_without_a_call_to_action_merges_saying_none(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare, meta_call_to_action=None)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    [creative] = yaml.safe_load(text)["spec"]["creatives"]
    assert "platforms" not in creative and creative["call_to_action"] == "none"
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def test_an_ad_with_several_final_urls_imports_them_in_order_and_adopts_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    urls = ["https://shop.example.com/gifts", "https://shop.example.com/b", "https://shop.example.com/a"]
    holiday_sale(bare, google_final_urls=urls)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    written = bare / "specs" / "imported" / "holiday-sale-us.yaml"
    text = written.read_text(encoding="utf-8")
    [creative] = yaml.safe_load(text)["spec"]["creatives"]
    # One creative still: Meta's link is the first final URL, the one Google serves.
    assert "platforms" not in creative and creative["final_url"] == urls[0]
    assert creative["google"] == {"path1": "gifts", "additional_final_urls": urls[1:]}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    # Their order is the ad's: another order is another ad (final URLs are immutable: replaced).
    written.write_text(
        text.replace(urls[1], "@").replace(urls[2], urls[1]).replace("@", urls[2]), encoding="utf-8"
    )
    reordered = midas("plan", "--detailed-exitcode")
    assert reordered.code == 2 and "final_urls" in reordered.output  # type: ignore[attr-defined]
    assert "1 to replace" in reordered.output and "(forces replacement)" in reordered.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("store_url", "app"),
    [
        (PLAY_PAGE, {"store": "google_play", "id": "com.example.game"}),
        (
            "https://itunes.apple.com/us/app/the-game/id284882215?mt=8",
            {
                "store": "app_store",
                "id": "284882215",
                "store_url": "https://itunes.apple.com/us/app/the-game/id284882215?mt=8",
            },
        ),
        ("https://apps.apple.com/app/id284882215", {"store": "app_store", "id": "284882215"}),
    ],
)
def test_a_meta_app_campaign_imports_its_app_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path, store_url: str, app: dict[str, str]
) -> None:
    """The app comes from the ad sets' promoted object: its store and id from the store page (written as
    ``store_url`` only when it is not the store's standard page), its Meta id; the ads linking to that page
    leave out final_url, and Meta's INSTALL_MOBILE_APP is ``install_app``."""
    game_installs_by_hand(bare, store_url=store_url)
    adopted = midas("import", "--account", "meta-main", "--campaign", BY_HAND, "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    text = (bare / "specs" / "imported" / "game-installs-android.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    assert (spec["objective"], spec["app"]) == ("app_promotion", {**app, "meta_app_id": META_APP_ID})
    assert list(spec)[:3] == ["platforms", "objective", "app"]
    [creative] = spec["creatives"]
    assert "final_url" not in creative and creative["call_to_action"] == "install_app"
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (
            {"apps": (META_APP_ID, "111")},
            "promote different apps ('Players': 9876543210 at https://play.google.com/store/apps/details?id="
            "com.example.game; 'Players 2': 111 at https://play.google.com/store/apps/details?id=com.example.game)",
        ),
        (
            {"store_url": "https://games.example.com/get"},
            "promotes app 9876543210 at https://games.example.com/get, which is not a Google Play or App "
            "Store page",
        ),
        (
            {"objective": "OUTCOME_TRAFFIC"},
            "ad set 'Players' of meta campaign 'Game Installs (Android)' (id ",
        ),
        (
            {"objective": "OUTCOME_TRAFFIC"},
            ") promotes app 9876543210: MIDAS promotes an app in app_promotion campaigns only",
        ),
    ],
)
def test_what_an_app_block_cannot_say_is_refused_naming_it(
    midas: Callable[..., object], bare: Path, kind: dict[str, Any], message: str
) -> None:
    game_installs_by_hand(bare, **kind)
    refused = midas("import", "--account", "meta-main", "--all")
    assert refused.code == 1
    assert f"meta campaign {BY_HAND!r} (id " in refused.output  # type: ignore[attr-defined]
    assert message in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_an_app_campaign_on_an_accelerated_budget_imports_its_delivery_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """Google took accelerated delivery from Search campaigns and shared budgets only: an app campaign's
    own budget delivering accelerated imports as ``google.budget_delivery``."""
    app_installs(bare, delivery_method="ACCELERATED")
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "app-installs.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["google"]["budget_delivery"] == "accelerated"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]


def test_a_meta_campaign_bought_by_reservation_is_refused_naming_it(
    midas: Callable[..., object], bare: Path
) -> None:
    """The sandbox refuses to create one (it has no reach-and-frequency predictions); a real account can
    hold one, which a console edit stands in for here."""
    holiday_sale(bare)
    assert midas("sandbox", "set", "campaign/Holiday Sale – US@meta", "buying_type=RESERVED").code == 0
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1
    assert (
        "meta campaign 'Holiday Sale – US' (id " in result.output  # type: ignore[attr-defined]
        and "has buying_type 'RESERVED', which the spec language cannot express" in result.output  # type: ignore[attr-defined]
    )
    assert not (bare / "specs" / "imported").exists()


def test_a_video_campaign_built_in_the_google_ads_ui_is_refused_as_midas_can_never_manage_it(
    midas: Callable[..., object], bare: Path
) -> None:
    """The Google Ads API cannot create or change Video campaigns, so neither can MIDAS's apply: a person
    builds one in the UI (`midas sandbox add-campaign`), and import names it and writes nothing."""
    built = midas(
        "sandbox", "add-campaign", "google-main", "Brand Film", "--channel", "video", "--daily", "20"
    )
    assert built.code == 0 and "Built VIDEO campaign 'Brand Film' in google-main (id " in built.output  # type: ignore[attr-defined]
    [campaign] = [o for o in _objects(midas) if o["kind"] == "campaign"]
    assert (campaign["name"], campaign["status"], campaign["managed"]) == ("Brand Film", "ENABLED", False)
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    assert (
        "is a VIDEO campaign, which MIDAS can never manage: the Google Ads API cannot create or change Video "
        "campaigns" in result.output  # type: ignore[attr-defined]
    )
    assert not (bare / "specs" / "imported").exists()


def test_import_all_leaves_out_what_it_cannot_import_says_why_and_imports_the_rest(
    midas: Callable[..., object], bare: Path
) -> None:
    """An account built by hand holds campaigns MIDAS cannot write as they are (a Video campaign, one
    without ad groups) beside those it can: --all imports the rest and lists each one left out with its
    reasons; campaigns sharing a budget with one left out are left out with it (managing the budget would
    change its spend)."""
    holiday_sale(bare)
    brand_campaigns(bare, BRAND)
    assert (
        midas(
            "sandbox", "add-campaign", "google-main", "Brand Film", "--channel", "video", "--daily", "20"
        ).code
        == 0
    )
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    pool = next(
        r for r in google.read() if r.address.kind == "campaign_budget" and r.fields.get("explicitly_shared")
    )
    ops = google_campaign(
        "google-main",
        "Brand – Broad",
        budget={"name": "Brand Pool", "amount_micros": 75_000_000},
        campaign=SEARCH_CAMPAIGN,
        shared=True,
    )[1:]
    ops[0] = replace(ops[0], refs={"campaign_budget": str(pool.platform_id)})
    write_all(google, ops)

    result = midas("import", "--account", "google-main", "--all", "--adopt")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    output = str(result.output)  # type: ignore[attr-defined]
    assert f"Imported {NAME!r} (google " in output and "Adopted" not in output
    for skipped, reason in [
        ("Brand Film", "is a VIDEO campaign, which MIDAS can never manage"),
        ("Brand – Broad", "has no ad groups"),
        ("Brand – Exact", "also funds campaign 'Brand – Broad' (id "),
        ("Brand – Phrase", "also funds campaign 'Brand – Broad' (id "),
    ]:
        at = output.index(f"Skipped {skipped!r} (google ")
        assert reason in output[at:].split("Skipped")[1], (skipped, output)
    assert [p.name for p in (bare / "specs" / "imported").iterdir()] == ["holiday-sale-us.yaml"]
    managed = {o["name"] for o in _objects(midas) if o["kind"] == "campaign" and o["managed"]}
    assert managed == {NAME}
    assert midas("plan", "--detailed-exitcode").code == 0

    again = midas("import", "--account", "google-main", "--all")
    assert again.code == 0, again.output  # type: ignore[attr-defined]
    assert f"Already managed by MIDAS: {NAME!r}." in again.output  # type: ignore[attr-defined]
    assert "Skipped 'Brand Film'" in again.output  # type: ignore[attr-defined]
    assert "No live campaigns to import" not in again.output  # type: ignore[attr-defined]
    # A campaign named by --link is imported whole or not at all; the others --all takes are left out.
    campaigns = {(o["platform"], o["name"]): o["id"] for o in _objects(midas) if o["kind"] == "campaign"}
    link = f"google:{campaigns['google', 'Brand Film']}=meta:{campaigns['meta', NAME]}"
    linked = midas("import", "--account", "google-main", "--all", "--link", link)
    assert linked.code == 1 and "is a VIDEO campaign" in linked.output  # type: ignore[attr-defined]
    assert "Brand – Broad" not in linked.output  # type: ignore[attr-defined]
    named = midas(
        "import", "--account", "google-main", "--campaign", "Brand Film", "--campaign", "Brand – Exact"
    )
    assert named.code == 1  # what is named is imported whole or not at all
    assert "is a VIDEO campaign" in named.output and "also funds campaign 'Brand – Broad'" in named.output  # type: ignore[attr-defined]
    assert [p.name for p in (bare / "specs" / "imported").iterdir()] == ["holiday-sale-us.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["google-main", "X", "--channel", "RADIO", "--daily", "5"],
         "channel 'RADIO': expected one of DEMAND_GEN"),
        (["google-main", "X", "--channel", "MULTI_CHANNEL", "--daily", "5"],
         "needs its app: build it through"),
        (["meta-main", "X", "--channel", "VIDEO", "--daily", "5"], "meta-main is a meta account"),
        (["nope", "X", "--channel", "VIDEO", "--daily", "5"], "no sandbox account 'nope'"),
        (["google-main", "X", "--channel", "VIDEO", "--daily", "lots"],
         "daily budget 'lots': expected a positive"),
        # Google's budgets are multiples of 10,000 micros: 0.004 is no budget, 5.005 is not rounded silently.
        (["google-main", "X", "--channel", "VIDEO", "--daily", "0.004"],
         "daily budget '0.004': expected a positive amount in currency units in whole steps of 0.01 USD "
         "(Google's budgets are multiples of 10,000 micros in USD)"),
        (["google-main", "X", "--channel", "VIDEO", "--daily", "5.005"], "daily budget '5.005': expected"),
        (["google-main", "X", "--channel", "VIDEO", "--daily", "0"], "daily budget '0': expected a positive"),
        (["google-main", "Holiday Sale – US", "--channel", "VIDEO", "--daily", "5"],
         "google-main: a campaign named 'Holiday Sale – US' exists"),
    ],
)  # fmt: skip
def test_sandbox_add_campaign_refuses_what_the_ui_would_not_build_and_builds_nothing(
    midas: Callable[..., object], bare: Path, args: list[str], message: str
) -> None:
    holiday_sale(bare)
    before = _objects(midas)
    result = midas("sandbox", "add-campaign", *args)
    assert result.code == 1 and message in result.output, result.output  # type: ignore[attr-defined]
    assert _objects(midas) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--account", "nope", "--all"], "unknown account 'nope'"),
        (["--account", "google-main", "--campaign", "999"], "no live campaign with id or name '999'"),
        (["--account", "google-main"], "pass --all"),
        (["--account", "google-main", "--link", "google:1-meta:2"], "expected google:ID=meta:ID"),
    ],
)
def test_bad_arguments_are_clear_errors_and_write_nothing(
    midas: Callable[..., object], bare: Path, args: list[str], message: str
) -> None:
    holiday_sale(bare)
    result = midas("import", *args)
    assert result.code == 1
    assert message in result.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_a_name_or_file_clash_is_refused(midas: Callable[..., object], bare: Path) -> None:
    holiday_sale(bare)
    assert midas("import", "--account", "google-main", "--all").code == 0
    other = str(bare / "specs" / "other")
    again = midas("import", "--account", "google-main", "--campaign", NAME, "--out", other)
    assert again.code == 1
    assert f"campaign {NAME!r} already has a spec (specs/imported/holiday-sale-us.yaml" in again.output  # type: ignore[attr-defined]
    every = midas("import", "--account", "google-main", "--all", "--out", other)
    assert every.code == 0, every.output  # type: ignore[attr-defined]
    assert f"Already in the specs, not written again: {NAME!r}." in every.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "other").exists()
    (bare / "specs" / "imported" / "holiday-sale-us.yaml").rename(bare / "elsewhere.yaml")
    (bare / "specs" / "imported" / "holiday-sale-us.yaml").write_text("# mine\n", encoding="utf-8")
    clash = midas("import", "--account", "google-main", "--all")
    assert clash.code == 1 and "already exists" in clash.output  # type: ignore[attr-defined]
    assert (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (bare / "specs" / "other").exists()


@pytest.mark.parametrize("out", ["elsewhere", "/outside"])
def test_adopting_into_a_folder_plans_do_not_read_is_refused_and_changes_nothing(
    midas: Callable[..., object],
    bare: Path,
    tmp_path: Path,
    state_dump: Callable[[], str],
    made_store: None,
    out: str,
) -> None:
    """A plan reads campaigns from specs/ (and policies/): adopted without a spec there, a campaign was
    recorded as MIDAS's and paused as one removed from the specs."""
    holiday_sale(bare)
    before_objects, before_state = _objects(midas), state_dump()
    folder = bare / out if out == "elsewhere" else tmp_path / "outside"
    result = midas("import", "--account", "google-main", "--all", "--out", str(folder), "--adopt")
    assert result.code == 1
    assert "--adopt needs the files where plans read them" in result.output  # type: ignore[attr-defined]
    assert str(folder) in result.output  # type: ignore[attr-defined]
    assert not folder.exists()
    assert _objects(midas) == before_objects
    assert state_dump() == before_state
    written = midas("import", "--account", "google-main", "--all", "--out", str(folder))
    assert written.code == 0, written.output  # type: ignore[attr-defined]
    assert _objects(midas) == before_objects


def test_names_and_keywords_with_slashes_and_percent_signs_converge(
    midas: Callable[..., object], bare: Path
) -> None:
    """Address paths escape '/' and '%' the same way on the compiled and the live side (a keyword such as
    "24/7 plumber" once planned a creation on every run; Google refuses '%' in a keyword, not in names)."""
    (bare / "specs" / "odd.yaml").write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: "50% off / week 1"}
spec:
  platforms: {google: {account: google-main}, meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  ad_groups:
    - name: "24/7"
      keywords: [{text: 24/7 plumber, match: phrase}, {text: 100 cotton, match: exact}]
  creatives:
    - name: "a/b 100%"
      headlines: [Plumbing 24/7, Call Us Now, Fast Repairs]
      descriptions: [Any hour of any day., Licensed and insured.]
      final_url: https://shop.example.com/
""",
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output  # type: ignore[attr-defined]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_targeting_ids_are_named_in_one_request_per_account_and_kind(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare)
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    for name in ("Second Sale", "Third Sale"):  # two more campaigns, each with its own interest and region
        write_all(
            google,
            google_campaign(
                "google-main",
                name,
                budget={"name": f"{name} budget", "amount_micros": 5_000_000},
                campaign={
                    "status": "ENABLED",
                    "advertising_channel_type": "SEARCH",
                    "bidding_strategy_type": "TARGET_SPEND",
                },
                criteria=[
                    {
                        "key": "location:21137",
                        "type": "LOCATION",
                        "geo_target_constant": "geoTargetConstants/21137",
                    }
                ],
                groups=[
                    {
                        "fields": {"name": "main", "status": "ENABLED", "type": "SEARCH_STANDARD"},
                        "criteria": [
                            {"key": "user_interest:92907", "type": "USER_INTEREST", "user_interest": "92907"}
                        ],
                        "ads": {
                            "ad": rsa(
                                ["One", "Two", "Three"], ["First.", "Second."], "https://shop.example.com/"
                            )
                        },
                    }
                ],
            ),
        )
    before = json.loads(midas("sandbox", "stats", "--format", "json").output)["calls"]["google"]  # type: ignore[attr-defined]
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    after = json.loads(midas("sandbox", "stats", "--format", "json").output)["calls"]["google"]  # type: ignore[attr-defined]
    reads = {k: v - before["1234567890"]["read"].get(k, 0) for k, v in after["1234567890"]["read"].items()}
    assert (
        reads["user_interest"] == 1 and reads["geo_target_constant"] == 1
    )  # three campaigns, one lookup each
    assert len(list((bare / "specs" / "imported").glob("*.yaml"))) == 3


AUDIENCE_SPEC = """\
apiVersion: midas/v1
kind: Audience
metadata: {name: customers}
spec:
  customer_list:
    path: data/customers.csv
    consent: {attested: true, attested_by: crm}
  platforms:
    google: {account: google-main}
    meta: {account: meta-main}
"""


def _targeting_customers(
    bare: Path,
    midas: Callable[..., object],
    *,
    observed: bool = False,
    console: bool = False,
    meta_name: str = "Loyalty",
) -> None:
    """The audience applied by MIDAS (or, ``console``, built in each platform's console), then a campaign
    built by hand on each platform targeting it ("Loyalty"; on Meta, ``meta_name``)."""
    if console:
        for account in ("google-main", "meta-main"):
            assert midas("sandbox", "add-audience", account, "customers").code == 0
    else:
        (bare / "data").mkdir(exist_ok=True)
        (bare / "data" / "customers.csv").write_text(
            "email\na@example.com\nb@example.com\n", encoding="utf-8"
        )
        (bare / "specs" / "customers.yaml").write_text(AUDIENCE_SPEC, encoding="utf-8")
        assert midas("apply", "--auto-approve").code == 0
    _google_targeting_customers(bare, "google-main", "Loyalty", observed=observed)
    meta = ConnectorFactory(load_settings(bare)).create("meta-main")
    audience_id = {str(r.fields["name"]): str(r.platform_id) for r in meta.read_audiences()}["customers"]  # type: ignore[attr-defined]
    adset = {
        "name": "Members",
        "status": "ACTIVE",
        "optimization_goal": "OFFSITE_CONVERSIONS",
        "billing_event": "IMPRESSIONS",
        "promoted_object": {"pixel_id": EXAMPLE_PIXEL, "custom_event_type": "PURCHASE"},
        "targeting": {"geo_locations": {"countries": ["US"]}, "custom_audiences": ["customers"]},
    }
    ops = meta_campaign(
        "meta-main",
        meta_name,
        campaign={
            "objective": "OUTCOME_SALES",
            "status": "ACTIVE",
            "special_ad_categories": [],
            "daily_budget": 1000,
        },
        adsets=[{"fields": adset}],
    )
    write_all(
        meta,
        [
            replace(op, refs={**op.refs, "audience:customers": audience_id})
            if op.address.kind == "adset"
            else op
            for op in ops
        ],
    )


def _google_targeting_customers(bare: Path, account: str, name: str, *, observed: bool = False) -> None:
    """A Google campaign ``name`` built by hand on ``account`` whose ad group targets the account's
    "customers" list (only observes it, ``observed``)."""
    google = ConnectorFactory(load_settings(bare)).create(account)
    list_id = {str(r.fields["name"]): str(r.platform_id) for r in google.read_audiences()}["customers"]  # type: ignore[attr-defined]
    ops = google_campaign(
        account,
        name,
        budget={"name": name, "amount_micros": 10_000_000},
        campaign={
            "status": "ENABLED",
            "advertising_channel_type": "SEARCH",
            "bidding_strategy_type": "MAXIMIZE_CONVERSION_VALUE",
            "network_settings": {"target_google_search": True},
        },
        criteria=[
            {"key": "location:2840", "type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"}
        ],
        groups=[
            {
                "fields": {
                    "name": "Members",
                    "status": "ENABLED",
                    "type": "SEARCH_STANDARD",
                    # Google's "observation" is the absence of an AUDIENCE restriction.
                    **({} if observed else {"audience_bid_only": False}),
                },
                "criteria": [{"key": "user_list:customers", "type": "USER_LIST", "user_list": "customers"}],
                "ads": {
                    "Thanks": rsa(
                        ["Thank You", "Members Save", "Loyalty Pays"],
                        ["Save more.", "Free shipping."],
                        "https://shop.example.com/m",
                    )
                },
            }
        ],
    )
    write_all(
        google,
        [
            replace(op, refs={**op.refs, "audience:customers": list_id})
            if op.fields.get("type") == "USER_LIST"
            else op
            for op in ops
        ],
    )


@pytest.mark.parametrize("observed", [False, True], ids=["targeting", "observation"])
def test_campaigns_targeting_audiences_import_by_audience_name_and_adopt_exactly(
    midas: Callable[..., object], bare: Path, observed: bool
) -> None:
    _targeting_customers(bare, midas, observed=observed)
    adopted = midas("import", "--account", "google-main", "--campaign", "Loyalty", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "loyalty.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["targeting"]["audiences"] == ["customers"]
    assert set(spec["platforms"]) == {"google", "meta"}
    google = spec["ad_groups"][0].get("google", {})
    assert google.get("audience_mode") == ("observation" if observed else None)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def test_an_audience_whose_name_two_audiences_share_is_refused_saying_so(
    midas: Callable[..., object], bare: Path
) -> None:
    _targeting_customers(bare, midas, console=True)
    assert midas("sandbox", "add-audience", "meta-main", "customers").code == 0  # Meta allows a second
    refused = midas("import", "--account", "meta-main", "--campaign", "Loyalty")
    assert refused.code == 1
    assert "which has no name of its own in account meta-main (another audience shares its name" in (
        refused.output  # type: ignore[attr-defined]
    )
    assert not (bare / "specs" / "imported").exists()


@pytest.mark.parametrize("origin", ["console", "once-a-midas-list"])
def test_an_audience_no_spec_describes_is_imported_as_an_existing_audience(
    midas: Callable[..., object], bare: Path, state_dump: Callable[[], str], made_store: None, origin: str
) -> None:
    """Built in the consoles, or a customer list MIDAS applied whose spec is gone: import writes an
    ``existing: true`` Audience next to the campaign, the adoption plans clean, and nothing ever deletes
    the audience."""
    _targeting_customers(bare, midas, console=origin == "console")
    if origin != "console":
        (bare / "specs" / "customers.yaml").unlink()
    before = state_dump()
    imported = midas("import", "--account", "meta-main", "--campaign", "Loyalty")
    assert imported.code == 0, imported.output  # type: ignore[attr-defined]
    assert (
        "  targets 'customers', built outside MIDAS: existing audience → "
        "specs/imported/audiences/customers.yaml" in imported.output  # type: ignore[attr-defined]
    )
    assert state_dump() == before  # not adopted: nothing recorded
    written = bare / "specs" / "imported" / "audiences" / "customers.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith(
        "# Imported by `midas import`: an audience built outside MIDAS, found on google account google-main "
        "and meta account meta-main.\n"
    )
    assert yaml.safe_load(text) == {
        "apiVersion": "midas/v1",
        "kind": "Audience",
        "metadata": {"name": "customers"},
        "spec": {
            "existing": True,
            "platforms": {"google": {"account": "google-main"}, "meta": {"account": "meta-main"}},
        },
    }
    adopted = midas("import", "--account", "meta-main", "--campaign", "Loyalty", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    audiences = _audience_ids(bare)
    assert set(audiences) == {("google-main", "customers"), ("meta-main", "customers")}
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("plan", "--allow-destroy", "--detailed-exitcode").code == 0
    listed = midas("state", "list").output.splitlines()  # type: ignore[attr-defined]
    assert [line for line in listed if line.startswith(("user_list/", "customaudience/"))] == []
    written.unlink()  # and its targeting: nothing is planned for the audience, even with --allow-destroy
    campaign = bare / "specs" / "imported" / "loyalty.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("[customers]", "[]"), encoding="utf-8")
    assert midas("apply", "--auto-approve", "--allow-destroy").code == 0
    assert _audience_ids(bare) == audiences


def test_an_existing_audience_written_for_one_account_gains_the_other_accounts_on_their_import(
    midas: Callable[..., object], bare: Path
) -> None:
    """One console audience targeted by a Google campaign and by a Meta campaign of another name: the
    Google account's import writes it for Google; the Meta account's then adds its account to that spec
    (its comment kept) instead of writing a Meta campaign that would not load, and both adopt exactly."""
    _targeting_customers(bare, midas, console=True, meta_name="Loyalty (Meta)")
    first = midas("import", "--account", "google-main", "--all", "--adopt")
    assert first.code == 0, first.output  # type: ignore[attr-defined]
    written = bare / "specs" / "imported" / "audiences" / "customers.yaml"
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["spec"]["platforms"] == {
        "google": {"account": "google-main"}
    }
    second = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert second.code == 0, second.output  # type: ignore[attr-defined]
    assert (
        "  targets 'customers', built outside MIDAS, on meta account meta-main too: added to its existing "
        "audience → specs/imported/audiences/customers.yaml" in second.output  # type: ignore[attr-defined]
    )
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Imported by `midas import`: an audience built outside MIDAS")
    assert yaml.safe_load(text)["spec"] == {
        "existing": True,
        "platforms": {"google": {"account": "google-main"}, "meta": {"account": "meta-main"}},
    }
    assert sorted(p.name for p in written.parent.iterdir()) == ["customers.yaml"]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def test_an_existing_audience_on_two_google_accounts_is_imported_with_both_and_adopts_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """An agency's two Google accounts each have a remarketing list "customers", targeted by a campaign of
    each: the second account's import adds its account to the audience the first one wrote (``accounts``),
    and each campaign keeps targeting the list of its own account."""
    with_google_eu(bare)
    _targeting_customers(bare, midas, console=True)
    assert midas("sandbox", "add-audience", "google-eu", "customers").code == 0
    _google_targeting_customers(bare, "google-eu", "Loyalty EU")
    first = midas("import", "--account", "google-main", "--all", "--adopt")
    assert first.code == 0, first.output  # type: ignore[attr-defined]
    second = midas("import", "--account", "google-eu", "--all", "--adopt")
    assert second.code == 0, second.output  # type: ignore[attr-defined]
    assert (
        "  targets 'customers', built outside MIDAS, on google account google-eu too: added to its existing "
        "audience → specs/imported/audiences/customers.yaml" in second.output  # type: ignore[attr-defined]
    )
    written = bare / "specs" / "imported" / "audiences" / "customers.yaml"
    assert yaml.safe_load(written.read_text(encoding="utf-8"))["spec"] == {
        "existing": True,
        "platforms": {"google": {"accounts": ["google-main", "google-eu"]}, "meta": {"account": "meta-main"}},
    }
    plan = midas("plan", "--detailed-exitcode", "--format", "json")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    existing = json.loads(plan.output)["existing"]  # type: ignore[attr-defined]
    google_ids = {
        account: str(r.platform_id)
        for account in ("google-main", "google-eu")
        for r in ConnectorFactory(load_settings(bare)).create(account).read_audiences()  # type: ignore[attr-defined]
    }
    assert google_ids["google-main"] != google_ids["google-eu"]
    assert {k: v for k, v in existing.items() if k.startswith("user_list/")} == {
        f"user_list/customers@google:{account}": audience_id for account, audience_id in google_ids.items()
    }


def _audience_ids(bare: Path) -> dict[tuple[str, str], str]:
    """(account, audience name) → id of every live audience of the two sandbox accounts."""
    factory = ConnectorFactory(load_settings(bare))
    return {
        (account, str(r.fields["name"])): str(r.platform_id)
        for account in ("google-main", "meta-main")
        for r in factory.create(account).read_audiences()  # type: ignore[attr-defined]
    }


def test_an_existing_audience_not_on_its_account_fails_the_plan_naming_it(
    midas: Callable[..., object], bare: Path
) -> None:
    _targeting_customers(bare, midas, console=True)
    assert midas("import", "--account", "google-main", "--campaign", "Loyalty", "--adopt").code == 0
    (bare / "specs" / "ghost.yaml").write_text(
        "apiVersion: midas/v1\nkind: Audience\nmetadata: {name: ghosts}\nspec:\n  existing: true\n"
        "  platforms: {meta: {account: meta-main}}\n",
        encoding="utf-8",
    )
    campaign = bare / "specs" / "imported" / "loyalty.yaml"
    text = campaign.read_text(encoding="utf-8")
    assert "locations: [US]" in text
    campaign.write_text(text.replace("locations: [US]", "locations: [US, CA]"), encoding="utf-8")
    before = _objects(midas)
    for command in (("plan",), ("apply", "--auto-approve")):
        run = midas(*command)
        assert run.code == 1
        assert (
            "specs/ghost.yaml:6:31: spec.platforms.meta.account: audience 'ghosts' (existing: true) is not "
            "found on meta account 'meta-main'" in run.output  # type: ignore[attr-defined]
        )
    assert _objects(midas) == before  # nothing applied, though the campaign's spec changed


def test_linked_campaigns_of_different_names_become_one_campaign_that_keeps_both_names(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare)
    assert (
        midas("sandbox", "set", "campaign/Holiday Sale – US@meta", "name=Holiday Sale (Facebook)").code == 0
    )
    campaigns = {(o["platform"], o["name"]): o["id"] for o in _objects(midas) if o["kind"] == "campaign"}
    google_id, meta_id = campaigns["google", NAME], campaigns["meta", "Holiday Sale (Facebook)"]
    unlinked = midas("import", "--account", "google-main", "--all")
    assert unlinked.code == 0, unlinked.output  # type: ignore[attr-defined]
    alone = yaml.safe_load((bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8"))
    assert list(alone["spec"]["platforms"]) == ["google"]  # different names: not paired without --link
    (bare / "specs" / "imported" / "holiday-sale-us.yaml").unlink()

    link = f"google:{google_id}=meta:{meta_id}"
    adopted = midas("import", "--account", "meta-main", "--link", link, "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    document = yaml.safe_load(
        (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    )
    assert document["metadata"]["name"] == NAME  # the Google campaign's name
    assert document["spec"]["meta"]["name"] == "Holiday Sale (Facebook)"
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    listed = midas("state", "list").output  # type: ignore[attr-defined]
    assert f"campaign/{NAME}@meta:meta-main" in listed  # one unified campaign: one address on both platforms
    # A console rename on Meta is drift like any other field, and the spec's name comes back.
    assert midas("sandbox", "set", "campaign/Holiday Sale (Facebook)@meta", "name=Something else").code == 0
    assert midas("drift").code == 2
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


FACEBOOK = "Holiday Sale (Facebook)"


def _a_google_namesake_of_the_linked_meta_campaign(
    midas: Callable[..., object], bare: Path
) -> dict[str, str]:
    """The holiday sale with its Meta campaign renamed ``FACEBOOK``, and a Google campaign of that name too;
    the campaigns' ids by ``google``/``meta`` and name."""
    holiday_sale(bare)
    assert midas("sandbox", "set", f"campaign/{NAME}@meta", f"name={FACEBOOK}").code == 0
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    boots = rsa(
        ["Boots", "Great Boots", "Buy Boots"], ["Buy boots here.", "Best boots."], "https://shop.example.com/"
    )
    write_all(
        google,
        google_campaign(
            "google-main",
            FACEBOOK,
            budget={"name": FACEBOOK, "amount_micros": 10_000_000},
            campaign=SEARCH_CAMPAIGN,
            criteria=[US],
            groups=[
                {
                    "fields": {"name": "Boots", "status": "ENABLED", "type": "SEARCH_STANDARD"},
                    "ads": {"A": boots},
                }
            ],
        ),
    )
    return {f"{o['platform']} {o['name']}": str(o["id"]) for o in _objects(midas) if o["kind"] == "campaign"}


@pytest.mark.parametrize("chosen", [["--all"], ["--campaign", FACEBOOK]], ids=["all", "campaign"])
def test_a_linked_meta_campaign_is_not_also_paired_with_its_google_namesake(
    midas: Callable[..., object], bare: Path, chosen: list[str]
) -> None:
    ids = _a_google_namesake_of_the_linked_meta_campaign(midas, bare)
    link = f"google:{ids['google ' + NAME]}=meta:{ids['meta ' + FACEBOOK]}"
    result = midas("import", "--account", "google-main", *chosen, "--link", link, "--adopt")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    linked = yaml.safe_load(
        (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    )
    assert list(linked["spec"]["platforms"]) == ["google", "meta"]
    assert linked["spec"]["meta"]["name"] == FACEBOOK
    namesake = yaml.safe_load(
        (bare / "specs" / "imported" / "holiday-sale-facebook.yaml").read_text(encoding="utf-8")
    )
    assert namesake["metadata"]["name"] == FACEBOOK
    assert list(namesake["spec"]["platforms"]) == ["google"]  # its Meta namesake is linked to another
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("twice", ["meta", "google"])
def test_a_campaign_linked_twice_is_a_usage_error_and_nothing_is_written(
    midas: Callable[..., object], bare: Path, twice: str
) -> None:
    ids = _a_google_namesake_of_the_linked_meta_campaign(midas, bare)
    google, meta = ids["google " + NAME], ids["meta " + FACEBOOK]
    again = (
        f"google:{ids['google ' + FACEBOOK]}=meta:{meta}" if twice == "meta" else f"google:{google}=meta:999"
    )
    link = f"google:{google}=meta:{meta}"
    result = midas("import", "--account", "google-main", "--link", link, "--link", again, "--adopt")
    assert result.code == 1
    named = meta if twice == "meta" else google
    assert f"--link: {twice} campaign {named} is linked twice" in result.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


# --- shared budgets -----------------------------------------------------------------------------------

BRAND = ("Brand – Exact", "Brand – Phrase")


def test_campaigns_on_a_shared_budget_import_it_once_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    brand_campaigns(bare, BRAND)
    result = midas("import", "--account", "google-main", "--all", "--adopt")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    assert "Imported shared budget 'Brand Pool' (google " in result.output  # type: ignore[attr-defined]
    imported = bare / "specs" / "imported"
    budget = yaml.safe_load((imported / "shared-budget-brand-pool.yaml").read_text(encoding="utf-8"))
    assert budget == {
        "apiVersion": "midas/v1",
        "kind": "SharedBudget",
        "metadata": {"name": "Brand Pool"},
        "spec": {"account": "google-main", "daily": 75.0, "currency": "USD"},
    }
    assert sorted(p.name for p in imported.iterdir()) == [
        "brand-exact.yaml",
        "brand-phrase.yaml",
        "shared-budget-brand-pool.yaml",
    ]
    for file in ("brand-exact.yaml", "brand-phrase.yaml"):
        spec = yaml.safe_load((imported / file).read_text(encoding="utf-8"))["spec"]
        assert "budget" not in spec  # Google only: the shared budget is its budget
        assert spec["google"]["shared_budget"] == "Brand Pool"
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    listed = midas("state", "list").output  # type: ignore[attr-defined]
    assert "campaign_budget/%shared/Brand Pool@google:google-main" in listed
    # Managed now: a new amount in the spec updates the one budget both campaigns use.
    file = imported / "shared-budget-brand-pool.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("daily: 75.00", "daily: 90.00"))
    changed = midas("plan", "--detailed-exitcode")
    assert changed.code == 2 and "Plan: 0 to create, 1 to update" in changed.output  # type: ignore[attr-defined]


def test_a_campaign_on_a_shared_budget_with_a_meta_half_imports_its_budget_as_meta_s(
    midas: Callable[..., object], bare: Path
) -> None:
    holiday_sale(bare, shared_budget=True)
    result = midas("import", "--account", "google-main", "--all", "--adopt")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["budget"] == {"daily": 15.0, "currency": "USD"}  # Meta's alone, no split
    assert spec["spec"]["google"]["shared_budget"] == "Holiday budget (Q4)"
    assert "budget_name" not in spec["spec"]["google"]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_shared_budget_funding_a_campaign_left_out_is_refused_and_nothing_is_written(
    midas: Callable[..., object], bare: Path, state_dump: Callable[[], str], made_store: None
) -> None:
    """Managing the budget would change the spend of the campaign not imported: import them together."""
    brand_campaigns(bare, BRAND)
    before = state_dump()
    refused = midas("import", "--account", "google-main", "--campaign", BRAND[0], "--adopt")
    assert refused.code == 1
    assert (
        "shared budget 'Brand Pool' (id " in refused.output  # type: ignore[attr-defined]
        and "also funds campaign 'Brand – Phrase' (id " in refused.output  # type: ignore[attr-defined]
        and "which MIDAS does not manage: managing the budget would change their spend" in refused.output  # type: ignore[attr-defined]
    )
    assert not (bare / "specs" / "imported").exists()
    assert state_dump() == before
    assert all(not o["managed"] for o in _objects(midas))


def test_a_campaign_joining_a_managed_shared_budget_imports_against_its_spec(
    midas: Callable[..., object], bare: Path
) -> None:
    """The workspace already describes the shared budget: the campaign names it, no second document."""
    brand_campaigns(bare, BRAND[:1])
    assert midas("import", "--account", "google-main", "--all", "--adopt").code == 0
    budget_file = bare / "specs" / "imported" / "shared-budget-brand-pool.yaml"
    budget_file.rename(bare / "specs" / "pool.yaml")
    # Someone adds a campaign to the budget in the console.
    factory = ConnectorFactory(load_settings(bare))
    google = factory.create("google-main")
    pool = next(r for r in google.read() if r.address.kind == "campaign_budget")
    ops = google_campaign(
        "google-main",
        "Brand – Broad",
        budget={"name": "Brand Pool", "amount_micros": 75_000_000},
        campaign={
            "status": "PAUSED",
            "advertising_channel_type": "SEARCH",
            "bidding_strategy_type": "TARGET_SPEND",
        },
        groups=[{"fields": {"name": "Brand", "status": "ENABLED", "type": "SEARCH_STANDARD"}}],
        shared=True,
    )[1:]
    ops[0] = replace(ops[0], refs={"campaign_budget": str(pool.platform_id)})
    write_all(google, ops)
    # The plan refuses to change a budget that funds it (MIDAS does not manage it) ...
    pool_spec = bare / "specs" / "pool.yaml"
    pool_spec.write_text(pool_spec.read_text(encoding="utf-8").replace("daily: 75.00", "daily: 80.00"))
    blocked = midas("plan")
    assert "also funds campaign 'Brand – Broad', which MIDAS does not manage" in blocked.output  # type: ignore[attr-defined]
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and "Apply complete" not in refused.output  # type: ignore[attr-defined]
    drift = midas("drift").output  # type: ignore[attr-defined]
    assert "marker was removed" not in drift  # a shared budget carries no marker: nothing was lost
    pool_spec.write_text(pool_spec.read_text(encoding="utf-8").replace("daily: 80.00", "daily: 75.00"))
    # ... until it is imported too: against the workspace's SharedBudget, which it does not write again.
    result = midas("import", "--account", "google-main", "--campaign", "Brand – Broad", "--adopt")
    assert result.code == 0, result.output  # type: ignore[attr-defined]
    assert "shared budget" not in result.output  # type: ignore[attr-defined]
    assert not budget_file.exists()
    assert midas("plan", "--detailed-exitcode").code == 0


def test_the_adoption_plan_keeps_the_violations_of_what_comes_along_with_the_campaigns() -> None:
    """Cut down to the adopted campaigns, the plan keeps their violations and those of the shared budget
    funding them (which names no campaign), and drops the others'."""
    pool = Address("google", "google-main", "campaign_budget", "%shared/pool")
    campaign = Address("google", "google-main", "campaign", "shoes")
    on_pool = Resource(campaign, {"name": "shoes"}, {"campaign_budget": pool}, platform_id="1")
    violations = [
        f"{pool} also funds campaign 'stranger', which MIDAS does not manage",
        "campaign/shoes@google:google-main carries the marker but …",
        "campaign/other@google:google-main exists on the platform but is not managed by MIDAS",
    ]
    plan = Plan(
        accounts=["google-main"],
        changes=[Change(campaign, Action.UPDATE, on_pool, on_pool)],
        violations=list(violations),
    )
    assert adoption_plan(plan, {("google", "google-main", "shoes")}).violations == violations[:2]


def _wine_shop(
    workspace: Path, name: str, criteria: list[dict[str, Any]], group_criteria: Sequence[dict[str, Any]] = ()
) -> None:
    """A console-built Search campaign with ``criteria`` at campaign level beside its US target, and
    ``group_criteria`` in its ad group beside its keyword."""
    ops = google_campaign(
        "google-main",
        name,
        budget={"name": name, "amount_micros": 20_000_000},
        campaign=SEARCH_CAMPAIGN,
        criteria=[US, *criteria],
        groups=[
            {
                "fields": {"name": "Main", "status": "ENABLED", "type": "SEARCH_STANDARD"},
                "criteria": [
                    {
                        "key": "keyword:BROAD:wine",
                        "type": "KEYWORD",
                        "keyword_text": "wine",
                        "keyword_match_type": "BROAD",
                    },
                    *group_criteria,
                ],
                "ads": {
                    "Ad": rsa(
                        ["Fine Wine", "Old Vintages", "Free Delivery"],
                        ["Wine.", "More wine."],
                        "https://w.example/",
                    )
                },
            }
        ],
    )
    write_all(ConnectorFactory(load_settings(workspace)).create("google-main"), ops)


def _excluded(kind: str, value: str) -> dict[str, Any]:
    field = kind.lower()
    return {"key": f"negative_{field}:{value}", "type": kind, "negative": True, field: value}


def _adopted(midas: Callable[..., object], bare: Path, name: str) -> tuple[Path, dict[str, Any]]:
    """Every campaign of google-main imported with ``--adopt``: the path and spec of ``name``'s file."""
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    path = bare / "specs" / "imported" / f"{name}.yaml"
    return path, yaml.safe_load(path.read_text())["spec"]


def _converges_after(midas: Callable[..., object], path: Path, old: str, new: str, *planned: str) -> None:
    """Replacing ``old`` with ``new`` in the imported spec at ``path`` plans the ``planned`` addresses;
    applied, nothing is left to do and nothing drifted."""
    path.write_text(path.read_text().replace(old, new))
    changed = midas("plan", "--detailed-exitcode")
    assert changed.code == 2, changed.output  # type: ignore[attr-defined]
    assert all(address in changed.output for address in planned), changed.output  # type: ignore[attr-defined]
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output  # type: ignore[attr-defined]
    assert midas("plan", "--detailed-exitcode").code == 0  # type: ignore[attr-defined]
    assert midas("drift").code == 0  # type: ignore[attr-defined]


def test_campaign_exclusions_of_ages_genders_and_interests_import_and_adopt_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """What a Search campaign excludes at campaign level (ages, genders, interests; MIDAS targets them per
    ad group) is written as ``google.negative_*`` and adopted with nothing left to do."""
    _wine_shop(
        bare,
        "Adults Only",
        [
            _excluded("AGE_RANGE", "AGE_RANGE_18_24"),
            _excluded("AGE_RANGE", "AGE_RANGE_UNDETERMINED"),
            _excluded("GENDER", "UNDETERMINED"),
            _excluded("USER_INTEREST", "92914"),  # the sandbox catalogue's "Travel"
        ],
    )
    path, spec = _adopted(midas, bare, "adults-only")
    assert {k: v for k, v in spec["google"].items() if k.startswith("negative_")} == {
        "negative_ages": ["18-24", "undetermined"],
        "negative_genders": ["undetermined"],
        "negative_interests": ["Travel"],
    }
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]

    # Excluding men instead of the undetermined: one criterion created, one deleted, then nothing to do.
    _converges_after(
        midas,
        path,
        "negative_genders: [undetermined]",
        "negative_genders: [male]",
        "negative_gender:MALE",
        "negative_gender:UNDETERMINED",
    )


def test_ad_group_exclusions_of_ages_and_genders_import_and_adopt_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """A console's demographic exclusions in a Search ad group (negative age range and gender criteria, the
    other brackets left targeted) are written as the ad group's ``google.negative_*``, its excluded
    interest as its targeting's, and adopted with nothing left to do; an edit then converges."""
    _wine_shop(
        bare,
        "Grown Ups",
        [],
        [
            _excluded("AGE_RANGE", "AGE_RANGE_18_24"),
            _excluded("AGE_RANGE", "AGE_RANGE_UNDETERMINED"),
            _excluded("GENDER", "UNDETERMINED"),
            _excluded("USER_INTEREST", "92914"),  # the sandbox catalogue's "Travel"
        ],
    )
    path, spec = _adopted(midas, bare, "grown-ups")
    assert not any(k.startswith("negative_") and k != "negative_keywords" for k in spec.get("google", {}))
    [group] = spec["ad_groups"]
    assert group["google"] == {
        "negative_ages": ["18-24", "undetermined"],
        "negative_genders": ["undetermined"],
    }
    targeting = {**spec.get("targeting", {}), **group.get("targeting", {})}
    assert "ages" not in targeting and targeting["exclude"] == {"interests": ["Travel"]}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]

    # Excluding men too: one criterion created in the ad group, then nothing to do.
    _converges_after(
        midas,
        path,
        "negative_genders: [undetermined]",
        "negative_genders: [male, undetermined]",
        "ad_group_criterion/Grown Ups/Main/negative_gender:MALE",
    )


def _targeted(kind: str, value: str) -> dict[str, Any]:
    field = kind.lower()
    return {"key": f"{field}:{value}", "type": kind, field: value}


def test_what_a_campaign_itself_targets_imports_as_its_own_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """Ages, genders and interests a Search campaign targets at campaign level (Google holds them there,
    positive as well as negative: developers.google.com/google-ads/api/docs/targeting/criteria) are written
    as ``google.campaign_*``, not as unified targeting, which would compile back into the ad group, and
    adopted with nothing left to do; an edit converges."""
    _wine_shop(
        bare,
        "Women Only",
        [
            _targeted("AGE_RANGE", "AGE_RANGE_25_34"),
            _targeted("AGE_RANGE", "AGE_RANGE_35_44"),
            _targeted("GENDER", "FEMALE"),
            _excluded("GENDER", "UNDETERMINED"),
            _targeted("USER_INTEREST", "92914"),  # the sandbox catalogue's "Travel"
        ],
    )
    path, spec = _adopted(midas, bare, "women-only")
    assert {k: v for k, v in spec["google"].items() if k.startswith(("campaign_", "negative_"))} == {
        "campaign_ages": ["25-34", "35-44"],
        "campaign_genders": ["female"],
        "campaign_interests": ["Travel"],
        "negative_genders": ["undetermined"],
    }
    targeting = {**spec.get("targeting", {}), **spec["ad_groups"][0].get("targeting", {})}
    assert not {"ages", "genders", "interests"} & set(targeting)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]

    # Targeting 45-54 instead of 35-44: one criterion created, one deleted, then nothing to do.
    _converges_after(
        midas,
        path,
        "campaign_ages: [25-34, 35-44]",
        "campaign_ages: [25-34, 45-54]",
        "campaign_criterion/Women Only/age_range:AGE_RANGE_45_54",
        "campaign_criterion/Women Only/age_range:AGE_RANGE_35_44",
    )


@pytest.mark.parametrize(
    ("criteria", "reason"),
    [
        (
            [_targeted("AGE_RANGE", "AGE_RANGE_25_34"), _targeted("AGE_RANGE", "AGE_RANGE_45_54")],
            "Google age buckets 25–34, 45–54 are not contiguous: read as 25–54 (superset); the spec language "
            "cannot say this exactly",
        ),
        (
            [
                {**_targeted("AGE_RANGE", "AGE_RANGE_25_34"), "status": "PAUSED"},
                _targeted("AGE_RANGE", "AGE_RANGE_35_44"),
            ],
            "Google AGE_RANGE criterion with status PAUSED is not unified targeting, which the spec language "
            "cannot hold",
        ),
        (
            [_targeted("GENDER", "UNDETERMINED")],
            "unified targeting cannot express Google gender UNDETERMINED, which the spec language cannot "
            "hold",
        ),
    ],
    ids=["age-gap", "paused-age", "undetermined-gender"],
)
def test_ad_group_targeting_the_spec_cannot_say_exactly_is_refused_with_the_mappers_reason(
    midas: Callable[..., object], bare: Path, criteria: list[dict[str, Any]], reason: str
) -> None:
    """Targeting the mapper reads back only approximately (a gap between age brackets, a paused criterion,
    a gender the spec language does not name) is refused saying so, not as a difference of the written
    spec's criteria from those live."""
    _wine_shop(bare, "Some Ages", [], criteria)
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1
    assert "ad group 'Main' of google campaign 'Some Ages' (id " in refused.output  # type: ignore[attr-defined]
    assert reason in refused.output, refused.output  # type: ignore[attr-defined]
    assert "would not match what is live" not in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


#: The Gift Shoppers ad set's targeting (``holiday_sale``), to which each case adds what it says.
_GIFT_TARGETING = {
    "age_min": 25,
    "age_max": 44,
    "geo_locations": {
        "countries": ["US"],
        "regions": [{"key": "3847", "name": "California", "country": "US"}],
    },
    "interests": [{"id": "6003100026234", "name": "Books"}],
    "publisher_platforms": ["facebook"],
}


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (
            {"flexible_spec": [{"behaviors": [{"id": "6002714895372", "name": "Frequent travelers"}]}]},
            "Meta flexible_spec group ['behaviors'] has no unified equivalent, which the spec language "
            "cannot hold",
        ),
        (
            {"locales": [6]},
            "Meta locales English (US) cover only part of 'en': read as 'en'; the spec language cannot say "
            "this exactly",
        ),
        (
            {"instagram_positions": ["stream"]},
            "places its ads by instagram_positions ['stream'] without instagram in its publisher_platforms, "
            "which the spec language cannot express: meta.placements names positions by the platform they "
            "are on",
        ),
        (
            {"facebook_positions": ["feed", "biz_disco_feed"]},
            "places its ads by facebook_positions ['biz_disco_feed'], which the spec language does not name: "
            "it names feed, right_hand_column, marketplace",
        ),
        (
            {"device_platforms": ["mobile", "watch"]},
            "runs on device_platforms ['watch'], which the spec language does not name: it names mobile, "
            "desktop, connected_tv (meta.devices)",
        ),
    ],
    ids=[
        "behaviors",
        "locale-of-part-of-a-language",
        "positions-of-an-unplaced-platform",
        "unknown-position",
        "unknown-device",
    ],
)
def test_ad_set_targeting_the_spec_cannot_say_exactly_is_refused_with_the_reason(
    midas: Callable[..., object], bare: Path, extra: dict[str, Any], reason: str
) -> None:
    holiday_sale(bare)
    targeting = json.dumps({**_GIFT_TARGETING, **extra})
    assert midas("sandbox", "set", f"adset/{NAME}/Gift Shoppers@meta", f"targeting={targeting}").code == 0
    refused = midas("import", "--account", "meta-main", "--all")
    assert refused.code == 1
    assert f"ad set 'Gift Shoppers' of meta campaign {NAME!r} (id " in refused.output  # type: ignore[attr-defined]
    assert reason in refused.output, refused.output  # type: ignore[attr-defined]
    assert "would not match what is live" not in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_the_last_resort_refusals_say_the_spec_language_cannot_express_it_and_cite_the_files_written(
    midas: Callable[..., object], bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What derivation names no reason for is found by compiling the written spec: a difference from what is
    live the spec language cannot express, or a spec that would not load — cited in the file import would
    write, never in the scratch copy it was verified in."""
    holiday_sale(bare)
    automation = json.dumps({**_GIFT_TARGETING, "targeting_automation": {"advantage_audience": 1}})
    assert midas("sandbox", "set", f"adset/{NAME}/Gift Shoppers@meta", f"targeting={automation}").code == 0
    with monkeypatch.context() as blind:  # a derivation that misses a setting, as one of a new kind would
        blind.setattr(derive, "advantage_audience_of", lambda targeting: False)
        differs = midas("import", "--account", "meta-main", "--all")
    assert differs.code == 1
    assert (
        "the written spec would not match what is live, a difference the spec language cannot express: "
        f"adset/{NAME}/Gift Shoppers@meta:meta-main: targeting.targeting_automation.advantage_audience is 1 "
        "live but 0 from the spec" in differs.output  # type: ignore[attr-defined]
    )
    assert (
        midas(
            "sandbox", "set", f"adset/{NAME}/Gift Shoppers@meta", f"targeting={json.dumps(_GIFT_TARGETING)}"
        ).code
        == 0
    )
    assert (
        midas("sandbox", "set", f"campaign/{NAME}@meta", "bid_strategy=COST_CAP").code == 0
    )  # without a cap
    for out, shown in (
        (None, "specs/imported/holiday-sale-us.yaml"),
        ("elsewhere", "elsewhere/holiday-sale-us.yaml"),
    ):
        unloadable = midas(
            "import", "--account", "meta-main", "--all", *(["--out", str(bare / out)] if out else [])
        )
        assert unloadable.code == 1
        output = unloadable.output  # type: ignore[attr-defined]
        assert f"the written spec would not load: {shown}:" in output, output
        assert "(not written): spec.meta.bid_strategy: found COST_CAP without meta.bid_amount" in output
        assert "specs/holiday-sale-us.yaml" not in output  # the scratch copy's path
        assert not (bare / "specs" / "imported").exists() and not (bare / "elsewhere").exists()


def test_an_app_ad_with_images_is_not_imported_as_its_texts_alone(
    midas: Callable[..., object], bare: Path
) -> None:
    """MIDAS sends an app ad's texts only: one carrying images would lose them to the spec, so import
    names the difference and writes nothing."""
    app_installs(bare)
    image = 'ad.app_ad.images=[{"asset": "customers/1234567890/assets/77"}]'
    (ad,) = [o["name"] for o in _objects(midas) if o["kind"] == "ad_group_ad"]  # Google keeps no name: its id
    assert midas("sandbox", "set", f"ad_group_ad/App Installs/Main/{ad}@google", image).code == 0  # type: ignore[attr-defined]
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1 and "images" in refused.output, refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_a_google_app_campaign_imports_as_app_promotion_and_adopting_it_plans_nothing(
    midas: Callable[..., object], bare: Path
) -> None:
    """Its app (app_campaign_setting) becomes the spec's ``app:``, its app ads creatives without a final URL
    (they send people to the app's store page), its target cost per install ``google.bidding``."""
    app_installs(bare)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "app-installs.yaml").read_text(encoding="utf-8"))[
        "spec"
    ]
    assert (spec["objective"], spec["app"]) == (
        "app_promotion",
        {"store": "google_play", "id": "com.example.puzzle"},
    )
    assert spec["google"]["bidding"] == {"strategy": "target_cpa", "target_cpa": 2}
    assert "networks" not in spec["google"]
    assert spec["targeting"] == {"locations": ["US"], "languages": ["en"]}
    assert spec["creatives"] == [
        {
            "name": "play-free",  # Google keeps no name for an app ad: named after its first headline
            "headlines": ["Play free", "Puzzle fun"],
            "descriptions": ["Hundreds of levels to solve."],
        }
    ]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def test_engagement_and_pre_registration_campaigns_import_as_their_kind_and_adopt_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """An engagement campaign imports with ``google.app_campaign: engagement``, the audience its ad group
    targets and its conversion action; a pre-registration one with ``pre_registration`` and no bidding (its
    goal the default); their ads as creatives naming their image assets. Adopted, the plan is clean."""
    added = midas("sandbox", "add-audience", "google-main", "lapsed-players")
    assert added.code == 0, added.output  # type: ignore[attr-defined]
    audience_id = str(added.output).rsplit("(id ", 1)[1].split(")")[0]  # type: ignore[attr-defined]
    app_kinds(bare, audience_id, "lapsed-players")
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    imported = bare / "specs" / "imported"
    comeback = yaml.safe_load((imported / "puzzle-comeback.yaml").read_text(encoding="utf-8"))["spec"]
    assert comeback["google"] == {
        "app_campaign": "engagement",
        "bidding": {"strategy": "target_cpa", "target_cpa": 0.8, "conversion_actions": ["7001"]},
    }
    assert comeback["targeting"] == {"locations": ["US"], "audiences": ["lapsed-players"]}
    # Its ad group targets the audience: no audience mode, which MIDAS never sends an app ad group.
    assert [g.get("google", {}).get("audience_mode") for g in comeback["ad_groups"]] == [None]
    [engagement] = comeback["creatives"]
    assert engagement["google"] == {"images": ["1101"]} and "final_url" not in engagement
    launch = yaml.safe_load((imported / "puzzle-two-launch.yaml").read_text(encoding="utf-8"))["spec"]
    assert launch["google"] == {"app_campaign": "pre_registration"}
    assert launch["app"] == {"store": "google_play", "id": "com.example.puzzletwo"}
    assert launch["creatives"][0]["google"] == {"images": ["1201", "1202"]}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


def test_google_ads_twinned_in_an_ad_group_or_paused_in_one_import_by_content_and_adopt_exactly(
    midas: Callable[..., object], workspace: Path, tmp_path: Path
) -> None:
    """Google keeps no name for responsive search ads: import names them by content. Twins in one ad group
    (two creatives of the same texts) become two creatives, and the ad paused in one ad group only stays
    one creative, that ad group's ``paused_creatives``; adopted into a new state, the plan has nothing to
    do."""
    spec_file = workspace / "specs" / "spring-sale.yaml"
    text = spec_file.read_text(encoding="utf-8")
    shoes = text[text.index("    - name: spring-shoes\n") : text.index("    - name: spring-apparel\n")]
    text = text.replace(
        "creatives: [spring-shoes, spring-apparel]", "creatives: [spring-shoes, spring-apparel, twin]"
    )
    text = text.replace(
        "    - name: spring-apparel\n", shoes.replace("spring-shoes", "twin") + "    - name: spring-apparel\n"
    )
    spec_file.write_text(text, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0  # type: ignore[attr-defined]
    paused = midas("sandbox", "set", "ad_group_ad/spring-sale/walkers/spring-shoes@google", "status=paused")
    assert paused.code == 0, paused.output  # type: ignore[attr-defined]
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    adopted = midas("--state-url", fresh, "import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load(
        (workspace / "specs" / "imported" / "spring-sale.yaml").read_text(encoding="utf-8")
    )["spec"]
    shoes_texts = sorted(yaml.safe_load(shoes)[0]["headlines"])
    same = [c for c in spec["creatives"] if sorted(c["headlines"]) == shoes_texts]
    assert len(same) == 2 and all(c.get("status", "active") == "active" for c in same), spec["creatives"]
    walkers = next(g for g in spec["ad_groups"] if g["name"] == "walkers")
    assert len(walkers["paused_creatives"]) == 1 and walkers["paused_creatives"][0] in {
        c["name"] for c in same
    }
    plan = midas("--state-url", fresh, "plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("on_meta", [False, True], ids=["google-only", "with-its-meta-twin"])
def test_a_display_campaign_imports_as_channel_display_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path, on_meta: bool
) -> None:
    """A Display campaign built by hand imports with ``google.channel: display``, the business name its ads
    show as the campaign's, and its responsive display ad as a creative naming its image assets; with its
    Meta twin the two ads of one content are one creative (Meta's body the long headline it names as
    primary_text, its image on Meta)."""
    trail_banners(bare, on_meta=on_meta)
    accounts = ["--account", "google-main", *(["--account", "meta-main"] if on_meta else [])]
    adopted = midas("import", *accounts, "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-banners.yaml").read_text(encoding="utf-8"))
    google = spec["spec"]["google"]
    assert google["channel"] == "display" and "networks" not in google
    assert google["business_name"] == "Example Running"  # every ad's: the campaign's
    assert google["bidding"] == {"strategy": "target_cpa", "target_cpa": 4}
    [creative] = spec["spec"]["creatives"]
    # With Meta's twin the long headline is the primary text, which it is by default.
    long_headline = {} if on_meta else {"long_headline": DISPLAY_AD["long_headline"]}
    assert creative["google"] == {
        **long_headline,
        "marketing_images": ["5001", "5002"],
        "square_marketing_images": ["5003"],
        "logo_images": ["5004"],
    }
    if on_meta:
        assert creative["image_url"] == "https://cdn.example.com/trail.jpg"
        assert creative["primary_text"] == DISPLAY_AD["long_headline"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]


def test_a_display_campaign_delivering_its_budget_accelerated_imports_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """Accelerated delivery, which Google keeps for Display campaigns, imports as ``google.budget_delivery``;
    the spec back to standard is an update of the live budget."""
    trail_banners(bare)
    accelerated = midas(
        "sandbox", "set", "campaign_budget/Trail Banners@google", "delivery_method=ACCELERATED"
    )
    assert accelerated.code == 0, accelerated.output  # type: ignore[attr-defined]
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    path = bare / "specs" / "imported" / "trail-banners.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["spec"]["google"]["budget_delivery"] == "accelerated"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]
    path.write_text(
        path.read_text(encoding="utf-8").replace("budget_delivery: accelerated", "budget_delivery: standard")
    )
    standard = midas("plan")
    assert '~ delivery_method: "ACCELERATED" → "STANDARD"' in standard.output, standard.output  # type: ignore[attr-defined]


def test_an_ad_groups_own_target_cpa_imports_adopts_to_no_changes_and_a_console_edit_of_it_is_drift(
    midas: Callable[..., object], bare: Path
) -> None:
    """An ad group's own target CPA overrides its campaign's (``google.target_cpa`` of the ad group); one on
    an ad group whose campaign bids without a target ROAS is ignored by Google, and import names it."""
    trail_banners(bare, group_fields={"target_cpa_micros": 3_000_000})
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-banners.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["ad_groups"][0]["google"] == {"cpc_bid": 0.8, "target_cpa": 3}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]

    edited = midas("sandbox", "set", "ad_group/Trail Banners/Hikers@google", "target_cpa_micros=3500000")
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2 and "target_cpa_micros: 3000000" in drift.output, drift.output  # type: ignore[attr-defined]
    restored = midas("apply", "--auto-approve")
    assert "~ target_cpa_micros: 3500000 (3.50 USD) → 3000000 (3.00 USD)" in restored.output, restored.output  # type: ignore[attr-defined]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_an_ad_groups_target_roas_its_campaign_ignores_is_refused_naming_it(
    midas: Callable[..., object], bare: Path
) -> None:
    trail_banners(bare, group_fields={"target_roas": 2.5})
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1
    assert "ad group 'Hikers' of google campaign 'Trail Banners'" in refused.output  # type: ignore[attr-defined]
    assert "has its own target_roas, which Google ignores as the campaign bids without one" in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_a_display_ad_with_a_video_of_no_youtube_video_asset_is_refused_naming_it(
    midas: Callable[..., object], bare: Path
) -> None:
    """A video the ad names whose asset MIDAS cannot read as a YouTube video (here none at all) is named."""
    trail_banners(bare)
    [ad] = [o["name"] for o in _objects(midas) if o["kind"] == "ad_group_ad"]  # read at its ad id
    video = 'ad.responsive_display_ad.youtube_videos=[{"asset": "customers/1234567890/assets/6001"}]'
    set_video = midas("sandbox", "set", f"ad_group_ad/Trail Banners/Hikers/{ad}@google", video)
    assert set_video.code == 0, set_video.output  # type: ignore[attr-defined]
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1
    assert (
        "has videos of assets that are no YouTube videos (customers/1234567890/assets/6001)" in refused.output  # type: ignore[attr-defined]
    )
    assert not (bare / "specs" / "imported").exists()


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ("ad.responsive_display_ad.call_to_action_text=Shop now", 'call_to_action_text "Shop now"'),
        ("ad.responsive_display_ad.promo_text=Free shipping", 'promo_text "Free shipping"'),
        ("ad.responsive_display_ad.allow_flexible_color=false", "allow_flexible_color false"),
        ("ad.responsive_display_ad.format_setting=NON_NATIVE", 'format_setting "NON_NATIVE"'),
        (
            "ad.responsive_display_ad.control_spec.enable_asset_enhancements=true",
            "control_spec.enable_asset_enhancements true",
        ),
    ],
)
def test_a_display_ad_with_options_midas_never_sends_is_refused_naming_them(
    midas: Callable[..., object], bare: Path, setting: str, named: str
) -> None:
    """A console's call to action, promotion, colors, format or creative controls would be lost on import."""
    trail_banners(bare)
    [ad] = [o["name"] for o in _objects(midas) if o["kind"] == "ad_group_ad"]
    edited = midas("sandbox", "set", f"ad_group_ad/Trail Banners/Hikers/{ad}@google", setting)
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1
    assert f"has {named}, which the spec language cannot express" in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_a_display_ad_at_googles_defaults_of_what_midas_never_sends_imports(
    midas: Callable[..., object], bare: Path
) -> None:
    """allow_flexible_color true and format ALL_FORMATS are what an ad without them serves with."""
    trail_banners(bare)
    [ad] = [o["name"] for o in _objects(midas) if o["kind"] == "ad_group_ad"]
    for setting in (
        "ad.responsive_display_ad.allow_flexible_color=true",
        "ad.responsive_display_ad.format_setting=ALL_FORMATS",
    ):
        edited = midas("sandbox", "set", f"ad_group_ad/Trail Banners/Hikers/{ad}@google", setting)
        assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    imported = midas("import", "--account", "google-main", "--all")
    assert imported.code == 0, imported.output  # type: ignore[attr-defined]


def test_a_display_campaign_built_in_the_google_ads_ui_serves_on_the_display_network(
    midas: Callable[..., object], bare: Path
) -> None:
    """The UI gives a Display campaign the Display Network's settings: import refuses it only for what it
    lacks (ad groups, which the UI's user adds next), not as a Display campaign "on networks {}"."""
    built = midas(
        "sandbox", "add-campaign", "google-main", "Banners", "--channel", "display", "--daily", "12.50"
    )
    assert built.code == 0, built.output  # type: ignore[attr-defined]
    [campaign] = [o for o in _objects(midas) if o["kind"] == "campaign"]
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    assert result.output.splitlines()[1:] == [  # type: ignore[attr-defined]
        f"  - google campaign 'Banners' (id {campaign['id']}, account google-main) has no ad groups"
    ]


def test_a_demand_gen_campaign_imports_as_channel_demand_gen_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """A Demand Gen campaign built by hand imports with ``google.channel: demand_gen``, the business name
    its ads show as the campaign's, each ad group's places (the first's as the campaign's, the other's as
    its override: Google targets them per ad group here) and its multi-asset ad as a creative naming its
    image assets."""
    trail_stories(bare)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-stories.yaml").read_text(encoding="utf-8"))
    google = spec["spec"]["google"]
    assert google["channel"] == "demand_gen" and "networks" not in google
    assert google["business_name"] == "Example Running"
    assert google["bidding"] == {"strategy": "target_roas", "target_roas": 3.5}
    places = {
        g["name"]: g.get("targeting", spec["spec"]["targeting"])["locations"]
        for g in spec["spec"]["ad_groups"]
    }
    assert places == {"Hikers": ["US"], "Canada": ["CA"]}
    [creative] = spec["spec"]["creatives"]
    assert creative["name"] == "Story"  # the name Google keeps for a Demand Gen ad, as the console set it
    assert creative["google"] == {
        "marketing_images": ["5001"],
        "portrait_marketing_images": ["5005"],
        "logo_images": ["5004"],
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]


def test_a_demand_gen_video_responsive_ad_imports_beside_a_multi_asset_ad_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """A Demand Gen video responsive ad built by hand (v26 DemandGenVideoResponsiveAdInfo) imports as a
    creative with its YouTube videos (by video id), long headlines, logo, companion banner and breadcrumb,
    beside the multi-asset ad of its ad group, and adopts to no changes."""
    trail_stories(bare, clip=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-stories.yaml").read_text(encoding="utf-8"))
    creatives = {c["name"]: c for c in spec["spec"]["creatives"]}
    assert sorted(creatives) == ["Clip", "Story"]
    assert creatives["Clip"]["google"] == {
        "youtube_videos": ["M7lc1UVf-VE", "dQw4w9WgXcQ"],
        "logo_images": ["5004"],
        "companion_banners": ["5006"],
        "long_headlines": ["Shoes that grip wet rock"],
        "breadcrumb1": "trail",
    }
    groups = {g["name"]: g.get("creatives") for g in spec["spec"]["ad_groups"]}
    assert groups == {"Hikers": None, "Canada": ["Story"]}  # Hikers runs every creative
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]


def test_an_imported_demand_gen_creative_renamed_in_the_spec_moves_records_and_converges(
    midas: Callable[..., object], bare: Path
) -> None:
    """A Demand Gen ad named in the console keeps its immutable name; its creative renamed in the spec moves
    MIDAS's records, which win over the name when reading: no re-create, no pause, no drift."""
    trail_stories(bare)
    assert midas("import", "--account", "google-main", "--all", "--adopt").code == 0  # type: ignore[attr-defined]
    spec = bare / "specs" / "imported" / "trail-stories.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("name: Story", "name: Story v2").replace("[Story]", "[Story v2]"), "utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "2 records to move" in applied.output, applied.output  # type: ignore[attr-defined]
    assert "(0 write calls)" in applied.output  # type: ignore[attr-defined]
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    assert midas("drift").code == 0  # type: ignore[attr-defined]
    names = {o["name"] for o in _objects(midas) if o["kind"] == "ad_group_ad"}
    assert names == {"Story"}  # Google's name is immutable: MIDAS sent none


def test_demand_gen_ads_with_calls_to_action_import_them_and_adopt_exactly(
    midas: Callable[..., object], bare: Path
) -> None:
    """A multi-asset ad's call to action text and a video ad's call to action asset, set in the console,
    import as their creatives' ``google.call_to_action_text`` and ``google.call_to_action``: adopted, the
    plan is empty."""
    trail_stories(bare, clip={"call_to_actions": ["SHOP_NOW"]}, call_to_action_text="Shop the trail")
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-stories.yaml").read_text(encoding="utf-8"))
    creatives = {c["name"]: c["google"] for c in spec["spec"]["creatives"]}
    assert creatives["Story"]["call_to_action_text"] == "Shop the trail"
    assert creatives["Clip"]["call_to_action"] == "shop_now"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("setting", "channels"),
    [
        ("selected_channels.youtube_shorts=true", ["youtube_shorts"]),
        ("channel_strategy=ALL_OWNED_AND_OPERATED_CHANNELS", "google_owned"),
    ],
)
def test_a_demand_gen_ad_group_on_channels_picked_in_the_console_imports_them_and_adopts_exactly(
    midas: Callable[..., object], bare: Path, setting: str, channels: object
) -> None:
    """An ad group restricted to YouTube Shorts, or to Google's own channels (v26 DemandGenChannelControls),
    imports them as its ``google.channels``: adopted, the plan is empty, and a console change is drift."""
    trail_stories(bare)
    controls = "demand_gen_ad_group_settings.channel_controls"
    group = "ad_group/Trail Stories/Hikers@google"
    assert midas("sandbox", "set", group, f"{controls}.{setting}").code == 0  # type: ignore[attr-defined]
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-stories.yaml").read_text(encoding="utf-8"))
    [imported] = [g for g in spec["spec"]["ad_groups"] if g["name"] == "Hikers"]
    assert imported["google"]["channels"] == channels
    assert not any("google" in g for g in spec["spec"]["ad_groups"] if g["name"] != "Hikers")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output  # type: ignore[attr-defined]
    assert midas("sandbox", "set", group, f"{controls}.selected_channels.gmail=true").code == 0  # type: ignore[attr-defined]
    drift = midas("drift")
    assert drift.code == 2 and "channel_controls" in drift.output, drift.output  # type: ignore[attr-defined]


def test_a_demand_gen_campaign_without_upgraded_targeting_is_refused_naming_it(
    midas: Callable[..., object], bare: Path
) -> None:
    """v26 DemandGenCampaignSettings.upgraded_targeting false keeps locations and languages per campaign,
    and only a new campaign can change it: import refuses it, naming the setting, and writes nothing."""
    trail_stories(bare)
    setting = "demand_gen_campaign_settings.upgraded_targeting=false"
    assert midas("sandbox", "set", "campaign/Trail Stories@google", setting).code == 0  # type: ignore[attr-defined]
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    assert "is a Demand Gen campaign with demand_gen_campaign_settings.upgraded_targeting false" in (
        result.output  # type: ignore[attr-defined]
    )
    assert not (bare / "specs" / "imported").exists()


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        (
            "ad.demand_gen_multi_asset_ad.classic_display_images="
            '[{"asset": "customers/1234567890/assets/7"}]',
            'classic_display_images ["7"]',
        ),
    ],
)
def test_a_demand_gen_ad_with_what_midas_never_sends_is_refused_naming_it(
    midas: Callable[..., object], bare: Path, setting: str, named: str
) -> None:
    trail_stories(bare)
    objects = _objects(midas)
    [hikers] = [o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "Hikers"]
    [ad] = [
        o["name"] for o in objects if o["kind"] == "ad_group_ad" and str(o["id"]).startswith(f"{hikers}~")
    ]
    edited = midas("sandbox", "set", f"ad_group_ad/Trail Stories/Hikers/{ad}@google", setting)
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1
    assert f"has {named}, which the spec language cannot express" in refused.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_a_demand_gen_campaign_built_in_the_google_ads_ui_imports_but_for_its_ad_groups(
    midas: Callable[..., object], bare: Path
) -> None:
    """`midas sandbox add-campaign --channel DEMAND_GEN` builds one as the UI does (its own budget, no
    networks, maximize conversions): import refuses it only for what it lacks."""
    built = midas(
        "sandbox", "add-campaign", "google-main", "Stories", "--channel", "DEMAND_GEN", "--daily", "20"
    )
    assert built.code == 0, built.output  # type: ignore[attr-defined]
    [campaign] = [o for o in _objects(midas) if o["kind"] == "campaign"]
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    assert result.output.splitlines()[1:] == [  # type: ignore[attr-defined]
        f"  - google campaign 'Stories' (id {campaign['id']}, account google-main) has no ad groups"
    ]


def test_a_shopping_campaign_imports_as_channel_shopping_and_adopts_to_no_changes(
    midas: Callable[..., object], bare: Path
) -> None:
    """A standard Shopping campaign built by hand imports with ``google.channel: shopping``, its Merchant
    Center settings, its networks and bidding, and its ad group's max CPC (all its products bid at it),
    with no creatives; adopted, the plan has nothing to do."""
    trail_shop(bare)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output  # type: ignore[attr-defined]
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-shop.yaml").read_text(encoding="utf-8"))
    google = spec["spec"]["google"]
    assert google["channel"] == "shopping"
    assert google["shopping"] == {"merchant_id": "5550001", "feed_label": "US", "campaign_priority": 2}
    assert google["bidding"] == {"strategy": "manual_cpc"}
    assert google["networks"] == {"search_partners": True}
    assert spec["spec"]["objective"] == "sales" and not spec["spec"].get("creatives")
    [group] = spec["spec"]["ad_groups"]
    assert (group["name"], group["google"]) == ("All Shoes", {"cpc_bid": 0.75})
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output  # type: ignore[attr-defined]
    assert midas("drift").code == 0  # type: ignore[attr-defined]


def test_a_shopping_campaign_whose_products_are_not_bid_at_the_ad_groups_max_cpc_is_refused(
    midas: Callable[..., object], bare: Path
) -> None:
    trail_shop(bare, bid_micros=900_000)
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    assert "ad group 'All Shoes' of google campaign 'Trail Shop'" in result.output  # type: ignore[attr-defined]
    assert "bids 0.9 on all its products and has a max CPC of 0.75" in result.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


def test_a_shopping_campaign_with_a_subdivided_product_tree_imports_its_product_groups_and_adopts(
    midas: Callable[..., object], bare: Path
) -> None:
    """A tree split in the console (by brand, one brand by condition, a brand excluded) imports as the ad
    group's ``google.product_groups``, bids equal to the ad group's max CPC left to it; adopted, the plan has
    nothing to do."""
    trail_shop(bare)
    root = "ad_group_criterion/Trail Shop/All Shoes/listing_group:all-products"
    run: Any = midas
    assert run("sandbox", "subdivide", root + "@google", "brand", "Trailco=1.20", "Knockoff=exclude",
               "Summit=0.75", "--others", "0.50").code == 0  # fmt: skip
    split = run(
        "sandbox", "subdivide", root + "/brand=summit@google", "condition", "used=0.30", "--others", "0.75"
    )
    assert split.code == 0, split.output
    adopted = run("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-shop.yaml").read_text(encoding="utf-8"))
    [group] = spec["spec"]["ad_groups"]
    assert group["google"] == {
        "cpc_bid": 0.75,
        "product_groups": {
            "split_by": "brand",
            "values": {
                "knockoff": {"exclude": True},
                "summit": {
                    "split_by": "condition",
                    "values": {"used": {"cpc_bid": 0.3}},
                    "everything_else": {},
                },
                "trailco": {"cpc_bid": 1.2},
            },
            "everything_else": {"cpc_bid": 0.5},
        },
    }
    assert run("plan", "--detailed-exitcode").code == 0, run("plan").output
    assert run("drift").code == 0


def test_a_shopping_campaign_with_a_broken_product_tree_is_refused_naming_it(
    midas: Callable[..., object], bare: Path
) -> None:
    """A tree the spec language cannot write (here a split without its "everything else" group, which a
    console edit left) would be lost once adopted: import refuses it, naming it, and writes nothing."""
    trail_shop(bare)
    root = "ad_group_criterion/Trail Shop/All Shoes/listing_group:all-products@google"
    assert midas("sandbox", "set", root, "listing_group.type=SUBDIVISION").code == 0  # type: ignore[attr-defined]
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    assert "'All Shoes' of google campaign 'Trail Shop'" in result.output  # type: ignore[attr-defined]
    assert "product groups: all products is a split with no product groups below it" in result.output  # type: ignore[attr-defined]
    assert not (bare / "specs" / "imported").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("start_time", "2026-11-20T00:00:00-0500"), ("stop_time", "2027-01-31T23:59:59-0500")],
)
def test_adopting_an_existing_spec_refuses_meta_campaign_dates_a_fresh_import_refuses(
    midas: Callable[..., object], bare: Path, field: str, value: str
) -> None:
    """A Meta campaign's own dates are never compared (``resources.META_IMPORT_ONLY``): adopting a spec
    written before they were set checks them as a fresh import does."""
    holiday_sale(bare)
    assert midas("import", "--account", "meta-main", "--all").code == 0  # type: ignore[attr-defined]
    edited = midas("sandbox", "set", f"campaign/{NAME}@meta", f'{field}="{value}"')
    assert edited.code == 0, edited.output  # type: ignore[attr-defined]
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    output = " ".join(str(refused.output).split())  # type: ignore[attr-defined]
    assert refused.code == 1, output  # type: ignore[attr-defined]
    assert "nothing was adopted" in output and f"has {field} '{value}', other than its ad sets'" in output
    assert not [o for o in _objects(midas) if o["managed"]]
