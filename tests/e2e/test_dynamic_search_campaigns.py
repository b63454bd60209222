"""Google Dynamic Search Ads through the sandbox connector: compile, apply, plan, drift, import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from fakes.example import DSA_SPEC
from fakes.hand_built import shoe_finder

Midas = Callable[..., Any]
CAMPAIGN = "campaign/shoe-finder@google"
SALE = "ad_group_criterion/shoe-finder/all-pages/webpage:sale@google"
FINDER = "ad_group_ad/shoe-finder/all-pages/finder@google"
EVERY_PAGE = "ad_group_criterion/shoe-finder/all-pages/webpage:every page@google"


def test_a_dynamic_search_campaign_converges_and_console_edits_are_drift_field_by_field(
    midas: Midas, workspace: Path
) -> None:
    """The campaign's setting, a dynamic ad group with its webpage criteria and its expanded dynamic search
    ad apply and read back to no changes; a console edit of the domain, of a webpage condition (Google's UI
    replaces the criterion), of the ad's description and a max CPC given a webpage target (MIDAS sends none)
    are drift of that field, which the apply restores."""
    (workspace / "specs" / "dsa.yaml").write_text(DSA_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for expected in (
        "SEARCH_DYNAMIC_ADS",
        "EXPANDED_DYNAMIC_SEARCH_AD",
        "webpage:every page",
        "shop.example.com",
    ):
        assert expected in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    assert (
        midas("sandbox", "set", CAMPAIGN, "dynamic_search_ads_setting.domain_name=www.example.com").code == 0
    )
    assert midas("sandbox", "set", SALE, "webpage.conditions.0.argument=Clearance").code == 0
    assert midas("sandbox", "set", FINDER, "ad.expanded_dynamic_search_ad.description2=Changed.").code == 0
    assert midas("sandbox", "set", EVERY_PAGE, "cpc_bid_micros=1500000").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "~ cpc_bid_micros: (none) → 1500000 (1.50 USD)" in drift.output, drift.output
    assert '~ dynamic_search_ads_setting.domain_name: "shop.example.com" → "www.example.com"' in drift.output
    assert '"argument": "Clearance"' in drift.output and '~ description2: "Free returns' in drift.output
    plan = midas("plan")
    assert "2 to update, 2 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_dynamic_search_campaign_built_in_the_console_imports_exactly_and_adopts_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """A console's DSA campaign (setting, dynamic ad group of every page and a conditioned target, its
    ad, and a standard ad group beside it) imports as the spec says it, and adopted plans nothing."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    shoe_finder(workspace)
    adopted = midas("import", "--account", "google-main", "--campaign", "Shoe Finder", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "shoe-finder.yaml").read_text())["spec"]
    assert written["google"]["dynamic_search_ads"] == {
        "domain": "shop.example.com",
        "language": "en",
        "use_supplied_urls_only": True,
    }
    dynamic, trail = written["ad_groups"]
    assert dynamic["google"]["webpages"] == [
        {"name": "every page"},
        {
            "name": "sale",
            "conditions": [
                {"operand": "page_title", "operator": "contains", "argument": "Sale"},
                {"operand": "url", "operator": "contains", "argument": "/sale"},
            ],
        },
    ]
    assert "keywords" not in dynamic and trail["keywords"] == [{"text": "trail shoes", "match": "phrase"}]
    [finder] = [c for c in written["creatives"] if c.get("type") == "dynamic_search"]
    assert finder["descriptions"] == ["Find the shoes you are searching for.", "Free returns on every pair."]
    assert dynamic["creatives"] == [finder["name"]] and finder["name"] not in trail["creatives"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_import_refuses_a_paused_webpage_target_naming_it_and_writes_nothing(
    midas: Midas, workspace: Path
) -> None:
    """A dynamic ad group's paused webpage target is one the spec language cannot say (it targets webpages,
    enabled): import names it and writes no spec."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    shoe_finder(workspace)
    sale = "ad_group_criterion/Shoe Finder/All Pages/webpage:sale@google"
    assert midas("sandbox", "set", sale, "status=PAUSED").code == 0
    refused = midas("import", "--account", "google-main", "--campaign", "Shoe Finder")
    assert refused.code == 1, refused.output
    assert "has the webpage target 'sale' paused, which the spec language cannot express" in refused.output
    assert not (workspace / "specs" / "imported").exists() or not list(
        (workspace / "specs" / "imported").iterdir()
    )
