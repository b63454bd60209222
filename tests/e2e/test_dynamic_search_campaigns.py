"""Google Dynamic Search Ads through the sandbox connector: compile, apply, plan, drift, import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import DSA_EXCLUSIONS_SPEC, DSA_SPEC
from fakes.hand_built import DSA_NAME, meta_campaign, shoe_finder, write_all
from fakes.meta_messaging import PAGE_ID, with_page

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
CAMPAIGN = "campaign/shoe-finder@google"
SALE = "ad_group_criterion/shoe-finder/all-pages/webpage:sale@google"
FINDER = "ad_group_ad/shoe-finder/all-pages/finder@google"
EVERY_PAGE = "ad_group_criterion/shoe-finder/all-pages/webpage:every page@google"


#: The pages excluded and the targets of ``DSA_EXCLUSIONS_SPEC``, at their addresses.
CAREERS = "campaign_criterion/shoe-finder/negative_webpage:careers@google"
OUTLET = "ad_group_criterion/shoe-finder/all-pages/negative_webpage:outlet@google"
BOOTS = "ad_group_criterion/shoe-finder/all-pages/webpage:boots@google"

# (id, spec, what its plan shows, console edits (address, field=value), what drift shows of them)
CONVERGES: list[tuple[str, str, tuple[str, ...], list[tuple[str, str]], list[str]]] = [
    (
        # A console edit of the domain, of a webpage condition (Google's UI replaces the criterion), of the
        # ad's description and a max CPC given a webpage target without one.
        "setting-targets-and-ad",
        DSA_SPEC,
        ("SEARCH_DYNAMIC_ADS", "EXPANDED_DYNAMIC_SEARCH_AD", "webpage:every page", "shop.example.com"),
        [
            (CAMPAIGN, "dynamic_search_ads_setting.domain_name=www.example.com"),
            (SALE, "webpage.conditions.0.argument=Clearance"),
            (FINDER, "ad.expanded_dynamic_search_ad.description2=Changed."),
            (EVERY_PAGE, "cpc_bid_micros=1500000"),
        ],
        [
            "~ cpc_bid_micros: (none) → 1500000 (1.50 USD)",
            '~ dynamic_search_ads_setting.domain_name: "shop.example.com" → "www.example.com"',
            '"argument": "Clearance"',
            '~ description2: "Free returns',
        ],
    ),
    (
        # The campaign's excluded pages (negative campaign webpage criteria), the dynamic ad group's own
        # (negative ad group ones), a paused target and one at a max CPC of its own; a console's change of
        # the bid or the status is updated in place, one of an exclusion's condition replaces it.
        "exclusions-paused-and-bid",
        DSA_EXCLUSIONS_SPEC,
        ("negative_webpage:careers", "negative_webpage:login", "negative_webpage:outlet", "850000"),
        [
            (BOOTS, "cpc_bid_micros=1200000"),
            (EVERY_PAGE, "status=ENABLED"),
            (CAREERS, "webpage.conditions.0.argument=/jobs"),
            (OUTLET, "webpage.conditions.0.argument=Clearance"),
        ],
        [
            "~ cpc_bid_micros: 850000 (0.85 USD) → 1200000 (1.20 USD)",
            '~ status: "PAUSED" → "ENABLED"',
            '"argument": "/jobs"',
            '"argument": "Clearance"',
        ],
    ),
]


@pytest.mark.parametrize(
    ("spec", "planned", "edits", "drifted"), [c[1:] for c in CONVERGES], ids=[c[0] for c in CONVERGES]
)
def test_a_dynamic_search_campaign_converges_and_console_edits_are_drift_field_by_field(
    midas: Midas,
    workspace: Path,
    spec: str,
    planned: tuple[str, ...],
    edits: list[tuple[str, str]],
    drifted: list[str],
) -> None:
    """The campaign's setting, its excluded pages, a dynamic ad group with its webpage criteria (targets,
    paused or bid on, and exclusions) and its expanded dynamic search ad apply and read back to no changes;
    console edits are drift of each field edited, which the apply restores: a bid or a status in place, an
    immutable condition or description by replacing the criterion or ad."""
    (workspace / "specs" / "dsa.yaml").write_text(spec, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for expected in planned:
        assert expected in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    for address, assignment in edits:
        assert midas("sandbox", "set", address, assignment).code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    for expected in drifted:
        assert expected in drift.output, drift.output
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


def test_import_refuses_a_paused_excluded_page_naming_it_and_writes_nothing(
    midas: Midas, workspace: Path
) -> None:
    """A dynamic ad group's excluded page paused is one the spec language cannot say (an exclusion in the
    spec is in force): import names it and writes no spec."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    shoe_finder(workspace, exclusions=True)
    outlet = "ad_group_criterion/Shoe Finder/All Pages/negative_webpage:outlet@google"
    assert midas("sandbox", "set", outlet, "status=PAUSED").code == 0
    refused = midas("import", "--account", "google-main", "--campaign", "Shoe Finder")
    assert refused.code == 1, refused.output
    assert (
        "has the excluded webpages 'outlet' paused, which the spec language cannot express" in refused.output
    )
    assert not (workspace / "specs" / "imported").exists() or not list(
        (workspace / "specs" / "imported").iterdir()
    )


def test_a_console_s_excluded_pages_paused_target_and_bid_import_exactly_and_adopt_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """What the spec language once refused by name: a DSA campaign's excluded pages, its dynamic ad group's
    excluded pages, a paused webpage target and one bid at a max CPC of its own, set in a console, import as
    ``google.dynamic_search_ads.exclude_webpages``, ``google.exclude_webpages``, ``status: paused`` and
    ``cpc_bid``; adopted, the plan is empty."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    shoe_finder(workspace, exclusions=True)
    sale = "ad_group_criterion/Shoe Finder/All Pages/webpage:sale@google"
    assert midas("sandbox", "set", sale, "status=PAUSED").code == 0
    assert midas("sandbox", "set", sale, "cpc_bid_micros=750000").code == 0
    adopted = midas("import", "--account", "google-main", "--campaign", "Shoe Finder", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "shoe-finder.yaml").read_text())["spec"]
    assert written["google"]["dynamic_search_ads"]["exclude_webpages"] == [
        {
            "name": "careers",
            "conditions": [{"operand": "url", "operator": "contains", "argument": "/careers"}],
        }
    ]
    dynamic = written["ad_groups"][0]
    assert dynamic["google"]["exclude_webpages"] == [
        {
            "name": "outlet",
            "conditions": [{"operand": "page_title", "operator": "contains", "argument": "Outlet"}],
        }
    ]
    [sale_target] = [w for w in dynamic["google"]["webpages"] if w["name"] == "sale"]
    assert sale_target["status"] == "paused" and sale_target["cpc_bid"] == 0.75
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize(("flags", "status"), [((), "PAUSED"), (("--allow-destroy",), "REMOVED")])
def test_dropping_dynamic_search_ads_from_a_campaign_pauses_its_dynamic_ad_group_and_converges(
    midas: Midas, bare: Path, flags: tuple[str, ...], status: str
) -> None:
    """A campaign's ``google.dynamic_search_ads`` removed with its dynamic ad group and dynamic search ad:
    the apply clears the setting and pauses the ad group (removes it with ``--allow-destroy``), and the next
    plan is empty."""
    spec = bare / "specs" / "dsa.yaml"
    spec.write_text(DSA_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    dynamic = DSA_SPEC[DSA_SPEC.index("    - name: all-pages\n") : DSA_SPEC.index("    - name: trail\n")]
    finder = DSA_SPEC[DSA_SPEC.index("    - name: finder\n") : DSA_SPEC.index("    - name: trail-rsa\n")]
    setting = "    dynamic_search_ads: {domain: shop.example.com, language: en}\n"
    dropped = (
        DSA_SPEC.replace(setting, "    networks: {search: true}\n").replace(dynamic, "").replace(finder, "")
    )
    spec.write_text(dropped, encoding="utf-8")
    applied = midas("apply", "--auto-approve", *flags)
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    live = {
        r.fields.get("name"): r.fields
        for r in ConnectorFactory(load_settings(bare)).create("google-main").read()
        if r.address.kind in ("campaign", "ad_group")
    }
    assert live.get("all-pages", {}).get("status", "REMOVED") == status
    assert not (live["shoe-finder"].get("dynamic_search_ads_setting") or {}).get("domain_name")


def _meta_adset(name: str) -> dict[str, Any]:
    """A Meta ad set ``name`` running one link ad to the shoe shop."""
    creative = {
        "title": "Trail Shoes",
        "body": "Trail shoes that grip.",
        "page_id": PAGE_ID,
        "link_url": "https://shop.example.com/trail",
        "call_to_action_type": "LEARN_MORE",
    }
    targeting = {"age_min": 18, "geo_locations": {"countries": ["US"]}, "locales": [1001]}
    fields = {"name": name, "optimization_goal": "LINK_CLICKS", "billing_event": "IMPRESSIONS"}
    return {"fields": {**fields, "targeting": targeting}, "ads": {"rsa": ({"status": "ACTIVE"}, creative)}}


def test_a_dynamic_ad_group_and_a_meta_ad_set_of_its_name_import_as_two_ad_groups(
    midas: Midas, bare: Path
) -> None:
    """A console's DSA campaign paired (by name) with a Meta campaign whose ad sets are named as its ad
    groups: the dynamic ad group imports as Google's own ad group, the ad set of its name as Meta's, and the
    adopted spec plans nothing."""
    with_page(bare)
    shoe_finder(bare)  # Google: dynamic ad group "All Pages" and standard "Trail"
    campaign = {"objective": "OUTCOME_TRAFFIC", "special_ad_categories": [], "daily_budget": 2000}
    adsets = [_meta_adset("Trail"), _meta_adset("All Pages")]
    meta = ConnectorFactory(load_settings(bare)).create("meta-main")
    write_all(meta, meta_campaign("meta-main", DSA_NAME, campaign=campaign, adsets=adsets))
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "shoe-finder.yaml").read_text())["spec"]
    pages = [(g.get("platforms"), "webpages" in g.get("google", {})) for g in written["ad_groups"]
             if g["name"] == "All Pages"]  # fmt: skip
    assert sorted(pages) == [(["google"], True), (["meta"], False)], written["ad_groups"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
