"""The spec language's URL tracking and click bids: what ``url_parameters``, Google's tracking template and
custom parameters, ``google.bidding.max_cpc`` and a keyword's ``cpc_bid`` may be, each error at its
file:line:column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from test_spec import (
    APP_PROMOTION,
    PMAX,
    PMAX_CAMPAIGN,
    PMAX_CREATIVE,
    POLICY,
    SHOPPING,
    expect,
    issues_of,
    patched,
    write,
)

from midas_reconcile.spec import load_workspace

CREATIVES = "      creatives: [one]"
TAGS = "utm_source=ads&utm_medium=paid&utm_campaign={campaignid}"
SHOES = "https://example.com/shoes"
NINE_PARAMETERS = ", ".join(f"k{n}: v" for n in range(9))
URL_CASES: list[tuple[str, dict[int, str], list[tuple[int, str, str, str]]]] = [
    (
        "a-leading-question-mark",
        {9: "  objective: sales\n  url_parameters: '?utm_source=ads'"},
        [(10, "'?utm", "spec.url_parameters", "must not begin with '?'")],
    ),
    (
        "a-space-in-a-creatives-own",
        {22: "      final_url: https://example.com/\n      url_parameters: utm source=ads"},
        [(23, "utm source", "spec.creatives[0].url_parameters", "key=value pairs joined by '&'")],
    ),
    (
        "an-lpurl-tag",
        {9: "  objective: sales\n  url_parameters: 'u={lpurl}'"},
        [(10, "'u=", "spec.url_parameters", "must not contain {lpurl} or {ignore} tags")],
    ),
    (
        "a-custom-parameter-key-of-other-characters",
        {25: f"{CREATIVES}\n  google: {{url_custom_parameters: {{bad_key: x}}}}"},
        [(26, "{bad_key", "spec.google.url_custom_parameters", "must be 1 to 16 letters and digits")],
    ),
    (
        "a-tracking-template-without-a-tag",
        {25: f"{CREATIVES}\n  google: {{tracking_url_template: 'https://t.example.com/x'}}"},
        [(26, "'https", "spec.google.tracking_url_template", "must contain at least one tag")],
    ),
    (
        "a-creatives-own-tracking-template-without-a-tag",
        {
            22: "      final_url: https://example.com/\n      google: {tracking_url_template: 'https://t.example.com/x'}"
        },
        [(23, "'https", "spec.creatives[0].google.tracking_url_template", "must contain at least one tag")],
    ),
    (
        "a-creatives-own-custom-parameter-value-with-a-space",
        {22: "      final_url: https://example.com/\n      google: {url_custom_parameters: {src: a b}}"},
        [(23, "{src", "spec.creatives[0].google.url_custom_parameters", "without spaces")],
    ),
    (
        "a-creatives-final-mobile-url-without-a-scheme",
        {22: "      final_url: https://example.com/\n      google: {final_mobile_urls: [m.example.com]}"},
        [(23, "m.example", "spec.creatives[0].google.final_mobile_urls[0]", "")],
    ),
    (
        "a-performance-max-asset-groups-tracking-options",
        {**PMAX, 22: PMAX_CREATIVE.replace("['13']}", "['13'], tracking_url_template: '{lpurl}?a={_a}'}")},
        [(23, "'{lpurl}", "spec.creatives[0].google.tracking_url_template", "asset groups, which take none")],
    ),
    (
        "a-google-app-ads-tracking-options",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "      google: {final_mobile_urls: ['https://m.example.com/']}",
        },
        [(23, "final_mobile_urls", "spec.creatives[0].google.final_mobile_urls", "app ads, which take none")],
    ),
    (
        "an-ad-groups-suffix-with-a-fragment",
        {25: f"{CREATIVES}\n      google: {{final_url_suffix: 'a=1#top'}}"},
        [(26, "'a=1", "spec.ad_groups[0].google.final_url_suffix", "without spaces, '#' or '?'")],
    ),
    (
        "an-ad-groups-tracking-template-of-no-url",
        {25: f"{CREATIVES}\n      google: {{tracking_url_template: 'track/{{lpurl}}'}}"},
        [(26, "'track", "spec.ad_groups[0].google.tracking_url_template", "must start with {lpurl}")],
    ),
    (
        "an-ad-groups-nine-custom-parameters",
        {25: f"{CREATIVES}\n      google: {{url_custom_parameters: {{{NINE_PARAMETERS}}}}}"},
        [(26, "{k0", "spec.ad_groups[0].google.url_custom_parameters", "at most 8 custom parameters")],
    ),
    (
        "a-performance-max-ad-groups-url-options",
        {**PMAX, 25: PMAX_CAMPAIGN.replace("[one]\n", "[one]\n      google: {final_url_suffix: a=1}\n")},
        [(27, "a=1", "spec.ad_groups[0].google.final_url_suffix", "whose asset groups take none")],
    ),
    (
        "a-google-app-ad-groups-url-options",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: f"{CREATIVES}\n      google: {{final_url_suffix: a=1}}",
        },
        [(27, "a=1", "spec.ad_groups[0].google.final_url_suffix", "store page, where nothing reads it")],
    ),
    (
        "a-keywords-suffix-with-a-space",
        {25: f"{CREATIVES}\n      keywords: [{{text: shoes, final_url: '{SHOES}', final_url_suffix: a b}}]"},
        [(26, "a b}", "spec.ad_groups[0].keywords[0].final_url_suffix", "without spaces")],
    ),
    (
        "a-keywords-tracking-template-without-its-final-url",
        {25: f"{CREATIVES}\n      keywords: [{{text: shoes, tracking_url_template: '{{lpurl}}?k=1'}}]"},
        [(26, "'{lpurl}", "spec.ad_groups[0].keywords[0].tracking_url_template", "without final_url")],
    ),
    (
        "a-keywords-additional-final-urls-without-its-final-url",
        {25: f"{CREATIVES}\n      keywords: [{{text: shoes, additional_final_urls: ['{SHOES}']}}]"},
        [
            (
                26,
                "additional_final_urls",
                "spec.ad_groups[0].keywords[0].additional_final_urls",
                "without final_url",
            )
        ],
    ),
    (
        "a-keywords-final-url-again-among-its-others",
        {
            25: f"{CREATIVES}\n      keywords: [{{text: shoes, final_url: '{SHOES}', "
            f"additional_final_urls: ['{SHOES}']}}]"
        },
        [
            (
                26,
                f"'{SHOES}']",
                "spec.ad_groups[0].keywords[0].additional_final_urls[0]",
                "the keyword's final_url",
            )
        ],
    ),
    (
        "a-negative-keywords-landing-page",
        {
            25: f"{CREATIVES}\n  google: {{negative_keywords: [{{text: free, final_url: 'https://example.com/'}}]}}"
        },
        [
            (
                26,
                "'https",
                "spec.google.negative_keywords[0].final_url",
                "found final_url on a negative keyword",
            )
        ],
    ),
    (
        "a-max-cpc-without-maximize-clicks",
        {25: f"{CREATIVES}\n  google: {{bidding: {{max_cpc: 1.50}}}}"},
        [(26, "1.50", "spec.google.bidding.max_cpc", "found objective sales's default")],
    ),
    (
        "a-max-cpc-beside-another-strategy",
        {25: f"{CREATIVES}\n  google: {{bidding: {{strategy: manual_cpc, max_cpc: 1.50}}}}"},
        [(26, "1.50", "spec.google.bidding.max_cpc", "applies only to strategy maximize_clicks")],
    ),
    (
        "a-bid-on-a-negative-keyword",
        {25: f"{CREATIVES}\n  google: {{negative_keywords: [{{text: free, cpc_bid: 1}}]}}"},
        [(26, "1}", "spec.google.negative_keywords[0].cpc_bid", "found cpc_bid on a negative keyword")],
    ),
]


@pytest.mark.parametrize(
    ("replacements", "expected"), [c[1:] for c in URL_CASES], ids=[c[0] for c in URL_CASES]
)
def test_url_tracking_and_click_bid_errors_point_at_the_field(
    tmp_path: Path, replacements: dict[int, str], expected: list[tuple[int, str, str, str]]
) -> None:
    text = patched(replacements)
    found = issues_of(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    expect(text, "specs/c.yaml", expected, found)


def test_url_tracking_and_click_bids_load(tmp_path: Path) -> None:
    text = patched(
        {
            9: f"  objective: traffic\n  url_parameters: {TAGS}",
            22: "      final_url: https://example.com/\n      url_parameters: utm_source=ads&utm_content=one",
            25: f"{CREATIVES}\n      keywords: [{{text: running shoes, match: phrase, cpc_bid: 1.25}}]\n"
            "  google:\n    bidding: {strategy: maximize_clicks, max_cpc: 2.00}\n"
            "    tracking_url_template: '{lpurl}?src={_src}'\n    url_custom_parameters: {src: spring}",
        }
    )
    write(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    spec = load_workspace(tmp_path, env={}).campaigns["c"].spec
    assert spec.url_parameters == TAGS
    assert spec.creatives[0].url_parameters == "utm_source=ads&utm_content=one"
    assert spec.google.url_custom_parameters == {"src": "spring"}
    assert str(spec.google.bidding.max_cpc) == "2.00"
    assert str(spec.ad_groups[0].keywords[0].cpc_bid) == "1.25"


def test_a_creatives_own_google_url_options_load(tmp_path: Path) -> None:
    text = patched(
        {
            22: "      final_url: https://example.com/\n      google:\n"
            "        tracking_url_template: '{lpurl}?ad={_ad}'\n        url_custom_parameters: {ad: one}\n"
            "        final_mobile_urls: ['https://m.example.com/']",
        }
    )
    write(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    google = load_workspace(tmp_path, env={}).campaigns["c"].spec.creatives[0].google
    assert google.tracking_url_template == "{lpurl}?ad={_ad}"
    assert google.url_custom_parameters == {"ad": "one"}
    assert google.final_mobile_urls == ["https://m.example.com/"]


def test_an_ad_groups_google_url_options_load(tmp_path: Path) -> None:
    text = patched(
        {
            25: f"{CREATIVES}\n      google:\n        final_url_suffix: utm_content=main\n"
            "        tracking_url_template: '{lpurl}?g={_g}'\n        url_custom_parameters: {g: main}",
        }
    )
    write(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    google = load_workspace(tmp_path, env={}).campaigns["c"].spec.ad_groups[0].google
    assert google.final_url_suffix == "utm_content=main"
    assert google.tracking_url_template == "{lpurl}?g={_g}"
    assert google.url_custom_parameters == {"g": "main"}


def test_a_keywords_own_url_options_load(tmp_path: Path) -> None:
    keyword = (
        "{text: running shoes, match: phrase, final_url: 'https://example.com/shoes', "
        "additional_final_urls: ['https://example.com/shoes-b'], "
        "final_mobile_urls: ['https://m.example.com/shoes'], final_url_suffix: utm_term=shoes, "
        "tracking_url_template: '{lpurl}?k={_k}', url_custom_parameters: {k: shoes}}"
    )
    text = patched({25: f"{CREATIVES}\n      keywords: [{keyword}]"})
    write(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    [loaded] = load_workspace(tmp_path, env={}).campaigns["c"].spec.ad_groups[0].keywords
    assert loaded.final_url == "https://example.com/shoes"
    assert loaded.additional_final_urls == ["https://example.com/shoes-b"]
    assert loaded.final_mobile_urls == ["https://m.example.com/shoes"]
    assert loaded.final_url_suffix == "utm_term=shoes"
    assert loaded.tracking_url_template == "{lpurl}?k={_k}"
    assert loaded.url_custom_parameters == {"k": "shoes"}


@pytest.mark.parametrize(
    "replacements",
    [
        {9: "  objective: traffic", 25: f"{CREATIVES}\n  google: {{bidding: {{max_cpc: 1.50}}}}"},
        {
            **SHOPPING,
            25: "      google: {cpc_bid: 0.5}\n"
            "  google: {channel: shopping, shopping: {merchant_id: 123}, bidding: {max_cpc: 1.50}}",
        },
    ],
    ids=["traffic-on-search", "shopping"],
)
def test_max_cpc_loads_where_the_campaign_maximizes_clicks_by_default(
    tmp_path: Path, replacements: dict[int, str]
) -> None:
    """A traffic campaign on Search, and a Shopping campaign, maximize clicks when they name no strategy
    (``google_defaults``): their limit needs no ``strategy: maximize_clicks`` beside it."""
    write(tmp_path, {"specs/c.yaml": patched(replacements), "policies/budget.yaml": POLICY})
    spec = load_workspace(tmp_path, env={}).campaigns["c"].spec
    assert spec.google.bidding.max_cpc == Decimal("1.50")
