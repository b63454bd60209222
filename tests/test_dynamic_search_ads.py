"""Google Dynamic Search Ads in the spec language: the rules of ``google.dynamic_search_ads``, an ad group's
``google.webpages`` and a ``type: dynamic_search`` creative (each error at its field, file and line), and
what they compile to (``compile.google_dynamic_search``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fakes.example import DSA_EXCLUSIONS_SPEC, DSA_SPEC
from test_compile import SETTINGS
from test_spec import issues_of

from midas_reconcile.compile import compile_workspace
from midas_reconcile.connectors import google_rows
from midas_reconcile.resources import GOOGLE, Address
from midas_reconcile.spec import load_workspace

LONG = "x" * 91
FEED_SETTING = "    dynamic_search_ads:\n      domain: shop.example.com\n      language: en\n      page_feed:"
BOTH = "  platforms: {google: {account: google-main}, meta: {account: meta-main}}\n"

# (id, replacements in DSA_SPEC, expected (field, line, message fragment))
CASES: list[tuple[str, dict[str, str], list[tuple[str, int, str]]]] = [
    (
        "dynamic ad group and ad without the setting",
        {
            "    dynamic_search_ads: {domain: shop.example.com, language: en}\n": (
                "    networks: {search: true}\n"
            )
        },
        [
            ("spec.ad_groups[0].google.webpages", 14, "expected google.dynamic_search_ads"),
            ("spec.creatives[0].type", 24, "runs in a Search campaign with a Dynamic Search Ads setting"),
        ],
    ),
    (
        "bad operand",
        {"{operand: url, argument: /sale}": "{operand: path, argument: /sale}"},
        [("spec.ad_groups[0].google.webpages[1].conditions[0].operand", 18, "'url'")],
    ),
    (
        "description too long",
        {"[Find the shoes you are searching for., ": f"[{LONG}, "},
        [("spec.creatives[0].descriptions[0]", 25, "expected at most 90")],
    ),
    (
        "three descriptions",
        {"every pair.]\n    - name: trail-rsa": "every pair., More.]\n    - name: trail-rsa"},
        [("spec.creatives[0].descriptions", 25, "expected 1 or 2")],
    ),
    (
        "keywords in a dynamic ad group",
        {"    - name: all-pages\n": "    - name: all-pages\n      keywords: [{text: shoes}]\n"},
        [("spec.ad_groups[0].keywords", 13, "takes no keywords")],
    ),
    (
        "a dynamic ad group and its ad on Meta",
        {"  platforms: {google: {account: google-main}}\n": BOTH},
        [
            ("spec.ad_groups[0]", 12, "expected 'platforms: [google]'"),
            ("spec.creatives[0].type", 24, "expected 'platforms: [google]'"),
        ],
    ),
    (
        "a URL equals condition beside another",
        {"{operand: url, argument: /sale}": "{operand: url, operator: equals, argument: /sale}"},
        [("spec.ad_groups[0].google.webpages[1].conditions[0]", 18, "WEBPAGE_CRITERION_URL_EQUALS")],
    ),
    (
        "a page of the feed twice, a label twice",
        {
            "    dynamic_search_ads: {domain: shop.example.com, language: en}\n": (
                f"{FEED_SETTING}\n"
                "        - {url: https://shop.example.com/a, labels: [sale, sale]}\n"
                "        - {url: https://shop.example.com/a}\n"
            )
        },
        [
            ("spec.google.dynamic_search_ads.page_feed[0].labels[1]", 14, "expected each label once"),
            ("spec.google.dynamic_search_ads.page_feed[1].url", 15, "expected each page of the feed once"),
        ],
    ),
    (
        "a page feed's page without a URL",
        {
            "    dynamic_search_ads: {domain: shop.example.com, language: en}\n": (
                f"{FEED_SETTING}\n        - {{labels: [sale]}}\n"
            )
        },
        [("spec.google.dynamic_search_ads.page_feed[0].url", 14, "")],
    ),
    (
        "a domain with a scheme",
        {"domain: shop.example.com": "domain: https://shop.example.com"},
        [("spec.google.dynamic_search_ads.domain", 10, "expected a domain name such as shop.example.com")],
    ),
    (
        "a final URL on a dynamic search ad",
        {
            "      type: dynamic_search\n": "      type: dynamic_search\n      final_url: https://shop.example.com/\n"
        },
        [("spec.creatives[0].final_url", 25, "takes none")],
    ),
    (
        "a standard ad group naming the dynamic search ad",
        {"      keywords: [{text: trail shoes, match: phrase}]\n": "      creatives: [finder]\n"},
        [("spec.ad_groups[1].creatives[0]", 21, "only a dynamic ad group")],
    ),
    (
        "keywords of every ad group beside a dynamic one",
        {"    dynamic_search_ads:": "    keywords: [{text: shoes}]\n    dynamic_search_ads:"},
        [("spec.google.keywords", 10, "dynamic ad group 'all-pages'")],
    ),
    (
        "a webpage target twice",
        {"          - {name: every page}\n": "          - {name: every page}\n" * 2},
        [("spec.ad_groups[0].google.webpages[1].name", 16, "expected each of the webpage targets once")],
    ),
    (
        "an excluded page twice in the campaign",
        {
            "    dynamic_search_ads: {domain: shop.example.com, language: en}\n": (
                "    dynamic_search_ads:\n"
                "      domain: shop.example.com\n"
                "      language: en\n"
                "      exclude_webpages: [{name: jobs}, {name: jobs}]\n"
            )
        },
        [
            (
                "spec.google.dynamic_search_ads.exclude_webpages[1].name",
                13,
                "each of the excluded webpages once",
            )
        ],
    ),
    (
        "an excluded page of an ad group of URL equals beside another condition",
        {
            "    - name: trail\n": (
                "        exclude_webpages:\n"
                "          - name: outlet\n"
                "            conditions:\n"
                "              - {operand: url, operator: equals, argument: /o}\n"
                "              - {operand: url, argument: x}\n"
                "    - name: trail\n"
            )
        },
        [("spec.ad_groups[0].google.exclude_webpages[0].conditions[0]", 23, "WEBPAGE_CRITERION_URL_EQUALS")],
    ),
    (
        "an excluded page named as a target",
        {"    - name: trail\n": "        exclude_webpages: [{name: sale}]\n    - name: trail\n"},
        [("spec.ad_groups[0].google.exclude_webpages[0].name", 20, "a webpage target of this ad group too")],
    ),
    (
        "excluded pages in a standard ad group",
        {
            "      keywords: [{text: trail shoes, match: phrase}]\n": (
                "      keywords: [{text: trail shoes, match: phrase}]\n"
                "      google: {exclude_webpages: [{name: outlet}]}\n"
            )
        },
        [("spec.ad_groups[1].google.exclude_webpages", 22, "expected google.webpages beside them")],
    ),
    (
        "a bid on an excluded page",
        {"    - name: trail\n": "        exclude_webpages: [{name: o, cpc_bid: 1}]\n    - name: trail\n"},
        [
            (
                "spec.ad_groups[0].google.exclude_webpages[0].cpc_bid",
                20,
                "unknown key 'cpc_bid'; expected one of: name, conditions",
            )
        ],
    ),
    (
        "a webpage target's bid finer than Google bills",
        {"          - {name: every page}\n": "          - {name: every page, cpc_bid: 0.005}\n"},
        [("spec.ad_groups[0].google.webpages[0].cpc_bid", 15, "expected at most 2 for USD")],
    ),
    (
        "a webpage target of an unknown status",
        {"          - {name: every page}\n": "          - {name: every page, status: removed}\n"},
        [("spec.ad_groups[0].google.webpages[0].status", 15, "expected one of 'active', 'paused'")],
    ),
    (
        "the setting on a Display campaign",
        {"    dynamic_search_ads:": "    channel: display\n    dynamic_search_ads:"},
        [("spec.google.dynamic_search_ads", 11, "channel search")],
    ),
]


@pytest.mark.parametrize(("replacements", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_what_dynamic_search_ads_cannot_hold_is_an_error_at_its_line(
    tmp_path: Path, replacements: dict[str, str], expected: list[tuple[str, int, str]]
) -> None:
    text = DSA_SPEC
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    found = issues_of(tmp_path, {"specs/dsa.yaml": text})
    for field, line, fragment in expected:
        matching = [i for i in found if i.field == field]
        assert matching, [str(i) for i in found]
        assert matching[0].line == line and fragment in matching[0].message, str(matching[0])
        assert matching[0].file.endswith("dsa.yaml")


def test_a_dynamic_search_campaign_compiles_to_its_setting_webpage_criteria_and_dynamic_search_ads(
    tmp_path: Path,
) -> None:
    """The setting on the Search campaign; the dynamic ad group SEARCH_DYNAMIC_ADS with a webpage criterion
    per target (no conditions: every page; conditions sorted, operator CONTAINS unless told) and no
    keyword; its ad an expanded dynamic search ad without final URLs; the standard ad group keeps its
    keyword and responsive search ad, and runs no dynamic search ad."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(SETTINGS))
    (tmp_path / "specs" / "dsa.yaml").write_text(DSA_SPEC.replace("google-main", "g"))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=lambda _a: lambda _k, _n: {})
    by = {(r.address.kind, r.address.path): r.fields for r in result.resources}
    assert by[("campaign", "shoe-finder")]["dynamic_search_ads_setting"] == {
        "domain_name": "shop.example.com",
        "language_code": "en",
        "use_supplied_urls_only": False,
    }
    assert by[("ad_group", "shoe-finder/all-pages")]["type"] == "SEARCH_DYNAMIC_ADS"
    assert by[("ad_group", "shoe-finder/trail")]["type"] == "SEARCH_STANDARD"
    assert by[("ad_group_criterion", "shoe-finder/all-pages/webpage:every page")] == {
        "type": "WEBPAGE",
        "webpage_name": "every page",
        "webpage_conditions": [],
    }
    assert by[("ad_group_criterion", "shoe-finder/all-pages/webpage:sale")]["webpage_conditions"] == [
        {"operand": "PAGE_TITLE", "operator": "CONTAINS", "argument": "Sale"},
        {"operand": "URL", "operator": "CONTAINS", "argument": "/sale"},
    ]
    assert by[("ad_group_ad", "shoe-finder/all-pages/finder")] == {
        "status": "ENABLED",
        "type": "EXPANDED_DYNAMIC_SEARCH_AD",
        "description": "Find the shoes you are searching for.",
        "description2": "Free returns on every pair.",
    }
    group_paths = {path for kind, path in by if kind in ("ad_group_criterion", "ad_group_ad")}
    assert (
        "shoe-finder/trail/finder" not in group_paths and "shoe-finder/all-pages/trail-rsa" not in group_paths
    )
    assert not [p for p in group_paths if p.startswith("shoe-finder/all-pages/keyword:")]


def test_excluded_pages_a_paused_target_and_a_target_s_bid_compile_to_negative_and_own_criteria(
    tmp_path: Path,
) -> None:
    """The campaign's excluded pages are negative campaign webpage criteria, the dynamic ad group's negative
    ad group ones (at ``negative_webpage:<name>``, with no bid or status); a paused target carries its
    status and a target's own max CPC its ``cpc_bid_micros`` (0.85 USD: 850,000 micros)."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "policies").mkdir()
    (tmp_path / "midas.yaml").write_text(yaml.safe_dump(SETTINGS))
    (tmp_path / "specs" / "dsa.yaml").write_text(DSA_EXCLUSIONS_SPEC.replace("google-main", "g"))
    result = compile_workspace(load_workspace(tmp_path), resolver_for=lambda _a: lambda _k, _n: {})
    by = {(r.address.kind, r.address.path): r.fields for r in result.resources}
    assert by[("campaign_criterion", "shoe-finder/negative_webpage:careers")] == {
        "type": "WEBPAGE",
        "negative": True,
        "webpage_name": "careers",
        "webpage_conditions": [{"operand": "URL", "operator": "CONTAINS", "argument": "/careers"}],
    }
    assert by[("campaign_criterion", "shoe-finder/negative_webpage:login")]["webpage_conditions"] == [
        {"operand": "URL", "operator": "EQUALS", "argument": "https://shop.example.com/login"}
    ]
    assert by[("ad_group_criterion", "shoe-finder/all-pages/negative_webpage:outlet")] == {
        "type": "WEBPAGE",
        "negative": True,
        "webpage_name": "outlet",
        "webpage_conditions": [{"operand": "PAGE_TITLE", "operator": "CONTAINS", "argument": "Outlet"}],
    }
    assert by[("ad_group_criterion", "shoe-finder/all-pages/webpage:every page")]["status"] == "PAUSED"
    boots = by[("ad_group_criterion", "shoe-finder/all-pages/webpage:boots")]
    assert boots["cpc_bid_micros"] == 850_000 and "status" not in boots
    assert not [
        p for k, p in by if k == "ad_group_criterion" and p.startswith("shoe-finder/trail/negative_web")
    ]


def test_a_campaign_s_webpage_criteria_are_read_of_a_dsa_campaign_alone() -> None:
    """A DSA campaign's negative WEBPAGE criteria are its excluded pages, read at
    ``negative_webpage:<name>``; another campaign's (a Performance Max campaign's URL exclusions, which MIDAS
    does not manage) are left alone, noted by type."""
    excluded = {
        "type": "WEBPAGE",
        "negative": True,
        "webpage": {
            "criterion_name": "careers",
            "conditions": [{"operand": "URL", "operator": "CONTAINS", "argument": "/careers"}],
        },
    }
    rows = [
        {**excluded, "campaign": f"customers/1/campaigns/{cid}", "resource_name": f"customers/1/cc/{cid}~9"}
        for cid in ("11", "22")
    ]
    read, unread = google_rows._criteria(
        lambda kind, path: Address(GOOGLE, "g", kind, path),
        rows,
        "campaign",
        {"11": "dsa", "22": "pmax"},
        {"11": True, "22": True},
        frozenset({"11"}),
    )
    assert [(r.address.path, r.fields) for r in read] == [
        (
            "dsa/negative_webpage:careers",
            {
                "type": "WEBPAGE",
                "negative": True,
                "webpage_name": "careers",
                "webpage_conditions": [{"operand": "URL", "operator": "CONTAINS", "argument": "/careers"}],
            },
        )
    ]
    assert unread == {"22": {"WEBPAGE"}}
