"""Property (invariant 4): for any valid workspace, apply followed by plan gives zero changes.

Hypothesis generates random valid campaigns — platforms, objectives, budgets with cents and splits,
schedules, age ranges that do and do not fit Google's buckets, genders, countries and regions (and, on
Google-only campaigns, counties, airports … by their geo target constants, targeted and excluded; on Meta, a
radius excluded around a point or a city; on Google-only campaigns, a radius around a street address),
languages, interests, ad groups with targeting overrides, creatives, keywords in mixed case with match
types, bidding (target impression share with its location, share and max CPC; maximize conversions with a
target CPA, which ad groups may override with their own) and Meta options, lifecycle — writes them as YAML,
plans and applies them on the sandbox, then plans again. Every example uses its own workspace and its
own account names, so examples share the state database (SQLite or PostgreSQL) without seeing each other.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from midas_reconcile.session import Session

COUNTRIES = ["US", "CA", "GB", "DE", "FR", "AU", "US-CA", "US-NY"]
#: Cities and postal codes of the sandbox's place table (``data/sandbox_places.json``), and radii around one
#: of its cities and around a point.
PLACES = ["San Francisco, US-CA", "Paris, FR", "US:94103", "GB:SW1A"]
RADII = ["25 mi around Oakland, US-CA", "10 km around 37.7749,-122.4194"]
#: Places of other kinds of the sandbox's table, Google's alone: a county, an airport, a municipality (by
#: their geo target constants); and a neighborhood a Google-only campaign may exclude.
GOOGLE_PLACES = ["geoTargetConstants/9059413", "geoTargetConstants/9100005", "geoTargetConstants/9100008"]
EXCLUDED_GOOGLE_PLACE = "geoTargetConstants/9100002"
#: A radius around a street address, which a Google-only campaign may target (MIDAS sends Meta none yet).
ADDRESS_RADIUS = "10 mi around 1 Main St, San Francisco, US-CA, US:94105"
#: Radii a campaign on Meta may exclude, around a point (a custom location) or a city (a city with a radius in
#: Meta's excluded places); Google leaves either out.
EXCLUDED_RADII = ["2 km around 37.7793,-122.4193", "15 mi around San Diego, US-CA"]
LANGUAGES = ["en", "de", "fr", "es"]
INTERESTS = ["Running", "Travel", "Cooking", "Yoga", "Cycling", "Coffee"]
WORDS = ["Shoes", "run", "TRAIL", "fast", "Gear", "sale", "new", "Best", "light"]

names = st.sampled_from(["alpha", "beta", "gamma", "delta", "omega"])
amounts = st.integers(min_value=1_000, max_value=50_000).map(lambda cents: Decimal(cents) / 100)
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)


@st.composite
def targeting(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.integers(min_value=18, max_value=60))
    high = draw(st.one_of(st.none(), st.integers(min_value=low, max_value=65)))
    spec: dict[str, Any] = {"ages": {"min": low, "max": high}}
    spec["genders"] = draw(st.sampled_from([[], ["male"], ["female"], ["male", "female"]]))
    spec["locations"] = draw(
        st.lists(st.sampled_from(COUNTRIES + PLACES + RADII), min_size=1, max_size=3, unique=True)
    )
    spec["languages"] = draw(st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True))
    spec["interests"] = draw(st.lists(st.sampled_from(INTERESTS), max_size=3, unique=True))
    return spec


#: Target impression share settings: any location, a share from one millionth to 100 %, a max CPC.
impression_shares = st.fixed_dictionaries(
    {
        "location": st.sampled_from(["anywhere_on_page", "top_of_page", "absolute_top_of_page"]),
        "share": st.integers(min_value=1, max_value=1_000_000).map(lambda m: str(Decimal(m) / 1_000_000)),
        "max_cpc": st.integers(min_value=1, max_value=2_000).map(lambda cents: str(Decimal(cents) / 100)),
    }
)


@st.composite
def google_bidding(draw: st.DrawFn, objective: str) -> dict[str, Any]:
    """Awareness bids for target impression share by default, which needs its settings; any other
    objective may pick that strategy."""
    if objective == "awareness":
        return {"impression_share": draw(impression_shares)}
    pick = draw(st.sampled_from(["default", "impression_share", "target_cpa"]))
    if pick == "impression_share":
        return {"strategy": "target_impression_share", "impression_share": draw(impression_shares)}
    if pick == "target_cpa":  # which an ad group may override with its own
        return {"strategy": "maximize_conversions", "target_cpa": str(draw(amounts))}
    return {}


@st.composite
def creative(draw: st.DrawFn, name: str) -> dict[str, Any]:
    headlines = draw(st.lists(phrases, min_size=3, max_size=5, unique_by=str.lower))
    descriptions = draw(st.lists(phrases.map(lambda p: f"{p} today."), min_size=2, max_size=3, unique=True))
    return {
        "name": name,
        "headlines": headlines,
        "descriptions": descriptions,
        "final_url": f"https://shop.example.com/{name}",
        "call_to_action": draw(st.sampled_from(["learn_more", "shop_now", "sign_up", "none"])),
    }


@st.composite
def campaign(draw: st.DrawFn, name: str, google: str, meta: str) -> dict[str, Any]:
    platforms = draw(st.sampled_from([["google"], ["meta"], ["google", "meta"]]))
    total = draw(amounts)
    budget: dict[str, Any] = {"daily": str(total), "currency": "USD"}
    if len(platforms) == 2 and draw(st.booleans()):
        share = draw(st.integers(min_value=10, max_value=90))
        budget["split"] = {
            "by": "share",
            "google": str(Decimal(share) / 100),
            "meta": str(Decimal(100 - share) / 100),
        }
    creative_names = draw(
        st.lists(st.sampled_from(["ad-a", "ad-b", "ad-c"]), min_size=1, max_size=3, unique=True)
    )
    creatives = [draw(creative(n)) for n in creative_names]
    objective = draw(st.sampled_from(["awareness", "traffic", "engagement", "leads", "sales"]))
    bidding = draw(google_bidding(objective))
    groups = []
    for group_name in draw(st.lists(st.sampled_from(["core", "broad", "niche"]), max_size=3, unique=True)):
        group: dict[str, Any] = {"name": group_name}
        if draw(st.booleans()):
            group["targeting"] = {"ages": draw(targeting())["ages"]}
        if draw(st.booleans()):
            group["creatives"] = creative_names[:1]
        group["keywords"] = [
            {"text": text, "match": draw(st.sampled_from(["exact", "phrase", "broad"]))}
            for text in draw(st.lists(phrases, max_size=3, unique_by=str.lower))
        ]
        if "target_cpa" in bidding and draw(st.booleans()):
            group["google"] = {"target_cpa": str(draw(amounts))}
        groups.append(group)
    spec: dict[str, Any] = {
        "platforms": {p: {"account": google if p == "google" else meta} for p in platforms},
        "objective": objective,
        "status": draw(st.sampled_from(["active", "paused"])),
        "budget": budget,
        "targeting": draw(targeting()),
        "ad_groups": groups,
        "creatives": creatives,
        "google": {
            "bidding": bidding,
            "networks": {"search_partners": draw(st.booleans())},
            "negative_keywords": [
                {"text": t, "match": "broad"}
                for t in draw(st.lists(phrases, max_size=2, unique_by=str.lower))
            ],
        },
        "meta": {"placements": draw(st.sampled_from([[], ["facebook"], ["facebook", "instagram"]]))},
        "lifecycle": {"on_remove": draw(st.sampled_from(["pause", "delete"]))},
    }
    if draw(st.booleans()):
        spec["schedule"] = {"start": "2026-12-01", "end": "2027-01-31", "time_zone": "Europe/Berlin"}
    if "meta" in platforms and draw(st.booleans()):  # a radius Meta alone excludes: a competitor's store
        spec["targeting"]["exclude"] = {"locations": [draw(st.sampled_from(EXCLUDED_RADII))]}
    if platforms == ["google"] and draw(st.booleans()):  # places Meta has none of
        spec["targeting"]["locations"].append(draw(st.sampled_from([*GOOGLE_PLACES, ADDRESS_RADIUS])))
        if draw(st.booleans()):
            spec["targeting"]["exclude"] = {"locations": [EXCLUDED_GOOGLE_PLACE]}
    return {"apiVersion": "midas/v1", "kind": "Campaign", "metadata": {"name": name}, "spec": spec}


def sandbox_settings(google: str, meta: str) -> dict[str, Any]:
    """midas.yaml for one sandbox account per platform, named ``google`` and ``meta``."""
    return {
        "version": 1,
        "accounts": {
            google: {
                "platform": "google",
                "connector": "sandbox",
                "customer_id": "1112223334",
                "currency": "USD",
            },
            meta: {
                "platform": "meta",
                "connector": "sandbox",
                "ad_account_id": "act_555",
                "currency": "USD",
                "pixel_id": "555",
            },
        },
    }


@st.composite
def workspace(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    suffix = uuid.uuid4().hex[:10]
    google, meta = f"google-{suffix}", f"meta-{suffix}"
    settings_doc = sandbox_settings(google, meta)
    campaign_names = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    return settings_doc, [draw(campaign(n, google, meta)) for n in campaign_names]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(generated=workspace())
def test_apply_then_plan_is_empty(
    generated: tuple[dict[str, Any], list[dict[str, Any]]], tmp_path: Path, state_url: str
) -> None:
    settings_doc, campaigns = generated
    root = tmp_path / uuid.uuid4().hex
    (root / "specs").mkdir(parents=True)
    (root / "policies").mkdir()
    (root / "midas.yaml").write_text(yaml.safe_dump(settings_doc))
    (root / "specs" / "campaigns.yaml").write_text(yaml.safe_dump_all(campaigns, sort_keys=False))

    with Session(root, state_url=state_url, actor="property-test") as session:
        first = session.plan()
        assert first.plan.has_changes and not first.blocking()
        result = session.apply(first)
        assert result.ok, [(str(f.address), f.message) for f in result.failures]
        second = session.plan()
        leftover = [(str(c.address), c.action.value, c.fields) for c in second.plan.actionable]
        assert leftover == []
