"""The spec language: the loader, every validation rule with its exact file:line:column, the schema.

Most rules are specified by one table: a valid campaign (``BASE``) with a few lines replaced, and the
issues that must come out — line, the text the column must point at, dotted field path and a fragment
of the message. The column is where that text starts on that line.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.spec import (
    API_VERSION,
    KINDS,
    CampaignSpec,
    Targeting,
    Workspace,
    json_schema,
    load_workspace,
)

REPO = Path(__file__).resolve().parents[1]

SETTINGS = """\
version: 1
accounts:
  google-main: {platform: google, customer_id: "1234567890", currency: USD}
  meta-main: {platform: meta, ad_account_id: act_1234567890, currency: USD, pixel_id: 1234}
webhooks:
  ops-slack: {url: "http://127.0.0.1:9/hook", format: slack}
"""

BASE = """\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: c
spec:
  platforms:
    google: {account: google-main}
    meta: {account: meta-main}
  objective: sales
  budget:
    daily: 50.00
    split: {google: 0.6, meta: 0.4}
  schedule: {start: 2026-03-01, end: 2026-05-31, time_zone: America/New_York}
  targeting:
    ages: {min: 25, max: 54}
    locations: [US, CA]
    languages: [en]
  creatives:
    - name: one
      headlines: [Alpha, Beta, Gamma]
      descriptions: [First description, Second description]
      final_url: https://example.com/
  ad_groups:
    - name: main
      creatives: [one]
"""

POLICY = """\
apiVersion: midas/v1
kind: BudgetPolicy
metadata: {name: brand-pool}
spec: {total: 30.00, currency: USD}
"""


def write(root: Path, files: dict[str, str], settings: str | None = SETTINGS) -> Path:
    if settings is not None:
        (root / "midas.yaml").write_text(settings, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def issues_of(root: Path, files: dict[str, str], settings: str | None = SETTINGS) -> list[SpecIssue]:
    write(root, files, settings)
    with pytest.raises(SpecError) as caught:
        load_workspace(root, env={})
    return caught.value.issues


def patched(replacements: dict[int, str]) -> str:
    """BASE with 1-based lines replaced (a replacement may hold several lines, or none)."""
    lines = BASE.splitlines()
    for number, text in replacements.items():
        lines[number - 1] = text
    return "\n".join(line for line in lines) + "\n"


def at(text: str, line: int, token: str) -> tuple[int, int]:
    """``(line, column)`` of the first ``token`` on ``line`` of ``text`` (1-based)."""
    source = text.splitlines()[line - 1]
    assert token in source, f"{token!r} is not on line {line}: {source!r}"
    return line, source.index(token) + 1


def expect(text: str, file: str, expected: list[tuple[int, str, str, str]], found: list[SpecIssue]) -> None:
    want = [(file, *at(text, line, token), field) for line, token, field, _ in expected]
    assert [(i.file, i.line, i.column, i.field) for i in found] == want, [str(i) for i in found]
    for issue, (_, _, _, fragment) in zip(found, expected, strict=True):
        assert fragment in issue.message, (issue.message, fragment)


APP_PROMOTION = (
    "  objective: app_promotion\n  app: {store: google_play, id: com.example.game, meta_app_id: '42'}"
)

# (id, line replacements, expected issues: (line, text at the column, field, message fragment))
CAMPAIGN_CASES: list[tuple[str, dict[int, str], list[tuple[int, str, str, str]]]] = [
    (
        "unknown-key-did-you-mean",
        {9: "  objective: sales\n  budjet: 3"},
        [(10, "budjet", "spec.budjet", "unknown key 'budjet'; did you mean 'budget'?")],
    ),
    (
        "unknown-nested-key",
        {15: "    ages: {min: 25, maxx: 54}"},
        [(15, "maxx", "spec.targeting.ages.maxx", "unknown key 'maxx'; did you mean 'max'?")],
    ),
    ("missing-key", {9: ""}, [(5, "spec", "spec.objective", "missing required key 'objective'")]),
    (
        "enum-did-you-mean",
        {9: "  objective: salez"},
        [(9, "salez", "spec.objective", "found 'salez'; expected one of 'awareness',")],
    ),
    (
        "wrong-type",
        {11: "    daily: fifty"},
        [(11, "fifty", "spec.budget.daily", "found 'fifty'; expected a number")],
    ),
    (
        "duplicate-key",
        {9: "  objective: sales\n  objective: leads"},
        [
            (
                10,
                "objective",
                "spec.objective",
                "duplicate key 'objective'; it is already set at line 9, column 3",
            )
        ],
    ),
    ("api-version", {1: "apiVersion: midas/v2"}, [(1, "midas/v2", "apiVersion", "expected 'midas/v1'")]),
    ("kind", {2: "kind: Campain"}, [(2, "Campain", "kind", "did you mean 'Campaign'?")]),
    (
        "rsa-too-few-headlines",
        {20: "      headlines: [Alpha, Beta]"},
        [(20, "headlines", "spec.creatives[0].headlines", "found 2 headlines; expected 3 to 15")],
    ),
    (
        "rsa-too-many-headlines",
        {20: "      headlines: [" + ", ".join(f"H{i}" for i in range(16)) + "]"},
        [(20, "headlines", "spec.creatives[0].headlines", "found 16 headlines; expected 3 to 15")],
    ),
    (
        "rsa-headline-too-long",
        {20: "      headlines: [Alpha, Beta, Gamma is longer than thirty chars]"},
        [(20, "Gamma", "spec.creatives[0].headlines[2]", "(33 characters); expected at most 30")],
    ),
    (
        "rsa-too-few-descriptions",
        {21: "      descriptions: [Only one]"},
        [(21, "descriptions", "spec.creatives[0].descriptions", "found 1 description; expected 2 to 4")],
    ),
    (
        "rsa-description-too-long",
        {21: "      descriptions: [First description, " + "d" * 91 + "]"},
        [(21, "ddd", "spec.creatives[0].descriptions[1]", "(91 characters); expected at most 90")],
    ),
    (
        "ages-below-13",
        {15: "    ages: {min: 12, max: 54}"},
        [(15, "12", "spec.targeting.ages.min", "found the number 12; expected a value of at least 13")],
    ),
    (
        "ages-above-65",
        {15: "    ages: {min: 25, max: 66}"},
        [(15, "66", "spec.targeting.ages.max", "found the number 66; expected a value of at most 65")],
    ),
    (
        "ages-min-above-max",
        {15: "    ages: {min: 40, max: 30}"},
        [(15, "30", "spec.targeting.ages.max", "found 30; expected a maximum age of at least min (40)")],
    ),
    (
        "budget-without-amount",
        {11: "    currency: USD", 12: ""},
        [(10, "budget", "spec.budget", "expected exactly one of 'daily', 'lifetime' or 'policy'")],
    ),
    (
        "budget-two-amounts",
        {11: "    daily: 50.00\n    lifetime: 500.00"},
        [(12, "500.00", "spec.budget.lifetime", "'lifetime' cannot be combined with 'daily'")],
    ),
    (
        "budget-zero",
        {11: "    daily: 0"},
        [(11, "0", "spec.budget.daily", "found the number 0; expected a value greater than 0")],
    ),
    (
        "budget-minor-unit-precision",
        {11: "    daily: 50.005"},
        [
            (
                11,
                "50.005",
                "spec.budget.daily",
                "found 50.005, which has 3 decimal places; expected at most 2 for USD",
            )
        ],
    ),
    (
        "budget-not-a-bool",
        {11: "    daily: true"},
        [(11, "true", "spec.budget.daily", "found true; expected a number")],
    ),
    (
        "split-does-not-sum-to-one",
        {12: "    split: {google: 0.7, meta: 0.4}"},
        [(12, "split", "spec.budget.split", "shares sum to 1.1; expected exactly 1")],
    ),
    (
        "split-share-above-one",
        {12: "    split: {google: 1.5, meta: 0}"},
        [(12, "1.5", "spec.budget.split.google", "found 1.5; expected a share between 0 and 1")],
    ),
    (
        "split-names-a-platform-not-run",
        {8: "    meta: null"},
        [(12, "0.4", "spec.budget.split.meta", "the campaign does not run on meta")],
    ),
    (
        "split-misses-a-platform",
        {12: "    split: {google: 1}"},
        [(12, "split", "spec.budget.split", "found no 'meta' entry")],
    ),
    (
        "split-amounts-must-sum-to-budget",
        {12: "    split: {by: amount, google: 30, meta: 10}"},
        [(12, "split", "spec.budget.split", "amounts sum to 40; expected the budget amount 50.00")],
    ),
    (
        "schedule-end-before-start",
        {13: "  schedule: {start: 2026-03-01, end: 2026-02-01}"},
        [(13, "2026-02-01", "spec.schedule.end", "found 2026-02-01, which is before start 2026-03-01")],
    ),
    (
        "schedule-invalid-date",
        {13: "  schedule: {start: 2026-02-30}"},
        [(13, "2026-02-30", "spec.schedule.start", "found '2026-02-30', which is not a valid date")],
    ),
    (
        "schedule-time-zone",
        {13: "  schedule: {start: 2026-03-01, time_zone: Mars/Base}"},
        [(13, "Mars", "spec.schedule.time_zone", "expected an IANA time zone")],
    ),
    (
        "lifetime-needs-end",
        {11: "    lifetime: 500.00", 13: "  schedule: {start: 2026-03-01}"},
        [(11, "500.00", "spec.budget.lifetime", "a lifetime budget needs an end date")],
    ),
    (
        "no-platform",
        {7: "    google: null", 8: "    meta: null", 12: ""},
        [(6, "platforms", "spec.platforms", "expected at least one of 'google' or 'meta'")],
    ),
    (
        "unknown-account",
        {7: "    google: {account: gogle-main}"},
        [
            (
                7,
                "gogle-main",
                "spec.platforms.google.account",
                "unknown account 'gogle-main'; did you mean 'google-main'?",
            )
        ],
    ),
    (
        "account-of-another-platform",
        {8: "    meta: {account: google-main}"},
        [(8, "google-main", "spec.platforms.meta.account", "is a google account; expected a meta account")],
    ),
    (
        "currency-differs-from-account",
        {7: "    google: {account: google-main}", 8: "", 11: "    daily: 50.00\n    currency: EUR", 12: ""},
        [(12, "EUR", "spec.budget.currency", "account 'google-main' bills in USD")],
    ),
    (
        "unknown-policy",
        {11: "    policy: brand-pol", 12: ""},
        [
            (
                11,
                "brand-pol",
                "spec.budget.policy",
                "unknown BudgetPolicy 'brand-pol'; did you mean 'brand-pool'?",
            )
        ],
    ),
    (
        "policy-in-another-currency",
        {11: "    policy: brand-pool\n    currency: EUR", 12: ""},
        [(11, "brand-pool", "spec.budget.policy", "BudgetPolicy 'brand-pool' budgets in USD; expected EUR")],
    ),
    (
        "ad-group-unknown-creative",
        {25: "      creatives: [onee]"},
        [(25, "onee", "spec.ad_groups[0].creatives[0]", "unknown creative 'onee'; did you mean 'one'?")],
    ),
    (
        "ad-group-pausing-a-creative-it-does-not-run",
        {25: "      creatives: [one]\n      paused_creatives: [two]"},
        [
            (
                26,
                "two",
                "spec.ad_groups[0].paused_creatives[0]",
                "found 'two', which this ad group does not run; expected one of its creatives (one)",
            )
        ],
    ),
    (
        "ad-group-creative-on-another-platform",
        {
            21: "      descriptions: [First description, Second description]\n      platforms: [meta]",
            25: "      creatives: [one]\n      platforms: [google]",
        },
        [
            (
                26,
                "one",
                "spec.ad_groups[0].creatives[0]",
                "creative 'one' runs on meta only, where this ad group does not run; expected a creative "
                "running on google",
            )
        ],
    ),
    (
        "duplicate-creative-name",
        {
            22: "      final_url: https://example.com/\n    - name: one\n      headlines: [A1, B1, C1]\n"
            "      descriptions: [D one, D two]\n      final_url: https://example.com/"
        },
        [(23, "one", "spec.creatives[1].name", "duplicate creative name 'one'")],
    ),
    (
        "duplicate-creative-name-on-an-overlapping-platform",
        {
            22: "      final_url: https://example.com/\n    - name: one\n      platforms: [meta]\n"
            "      headlines: [A1]\n      descriptions: []\n      final_url: https://example.com/"
        },
        [
            (
                23,
                "one",
                "spec.creatives[1].name",
                "duplicate creative name 'one' (already on meta at spec.creatives[0].name); expected each "
                "name once per platform",
            )
        ],
    ),
    (
        "duplicate-ad-group-name",
        {25: "      creatives: [one]\n    - name: main"},
        [(26, "main", "spec.ad_groups[1].name", "duplicate ad group name 'main'")],
    ),
    (
        "duplicate-ad-group-name-on-an-overlapping-platform",
        {
            24: "    - name: main\n      platforms: [meta]",
            25: "      creatives: [one]\n    - name: main\n      platforms: [google, meta]",
        },
        [
            (
                27,
                "main",
                "spec.ad_groups[1].name",
                "duplicate ad group name 'main' (already on meta at spec.ad_groups[0].name); expected each "
                "name once per platform (ad groups sharing a name need 'platforms' that do not overlap)",
            )
        ],
    ),
    (
        "location-shape",
        {16: "    locations: [US, USA]"},
        [
            (
                16,
                "USA",
                "spec.targeting.locations[1]",
                "expected an ISO 3166-1 alpha-2 country code such as 'US', an ISO 3166-2 region code such "
                "as 'US-CA', a city with its region or country after a comma such as 'San Francisco, US-CA', "
                "a postal code after its country and a colon such as 'US:94103', a US Nielsen market such as "
                "'DMA:807', a radius around a city or a point such as '25 mi around San Francisco, "
                "US-CA', or another kind of place by its Google geo target constant such as "
                "'geoTargetConstants/9059413'; did you mean 'US'?",
            )
        ],
    ),
    (
        "google-geo-target-constant-malformed-or-named-otherwise",
        {
            16: "    locations: [geoTargetConstants/9059413,geoTargetConstants/abc, GEOTARGETCONSTANTS/2840]",
            17: "    exclude: {locations: [geoTargetConstants/200807, geoTargetConstants/0]}",
        },
        [
            (
                16,
                "geoTargetConstants/abc",
                "spec.targeting.locations[1]",
                "found 'geoTargetConstants/abc'; expected a Google geo target constant as "
                "'geoTargetConstants/' then its id (digits), as in 'geoTargetConstants/9059413'",
            ),
            (
                16,
                "GEOTARGETCONSTANTS/2840",
                "spec.targeting.locations[2]",
                "found 'GEOTARGETCONSTANTS/2840', which is the country 'US'; expected it written 'US' (a "
                "place of another kind is written by its Google geo target constant)",
            ),
            (
                17,
                "geoTargetConstants/200807",
                "spec.targeting.exclude.locations[0]",
                "which is the DMA 'DMA:807'; expected it written 'DMA:807'",
            ),
            (17, "geoTargetConstants/0", "spec.targeting.exclude.locations[1]", "expected a Google geo"),
        ],
    ),
    (
        "location-written-by-its-name",
        {16: "    locations: [Germany, Californa, Atlantis]"},
        [
            (
                16,
                "Germany",
                "spec.targeting.locations[0]",
                "'geoTargetConstants/9059413'; did you mean 'DE'?",
            ),
            (16, "Californa", "spec.targeting.locations[1]", "did you mean 'US-CA'?"),
            (16, "Atlantis", "spec.targeting.locations[2]", "region code such as 'US-CA', a city"),
        ],
    ),
    (
        "location-not-assigned",
        {16: "    locations: [US, UK]"},
        [
            (
                16,
                "UK",
                "spec.targeting.locations[1]",
                "not an assigned ISO 3166-1 alpha-2 country code; did you mean 'GB'?",
            )
        ],
    ),
    (
        "region-of-unknown-country",
        {16: "    locations: [US-CA, XX-1]"},
        [(16, "XX-1", "spec.targeting.locations[1]", "'XX' is not an assigned")],
    ),
    (
        "city-without-its-region-or-country",
        {16: "    locations: [San Francisco, 'Oakland, California', ', US']"},
        [
            (
                16,
                "San Francisco",
                "spec.targeting.locations[0]",
                "quote it in a flow list, ['Austin, US-TX']",
            ),
            (
                16,
                "'Oakland, California'",
                "spec.targeting.locations[1]",
                "expected the city's ISO 3166-2 region ('US-CA') or ISO 3166-1 country code ('US') after the "
                "comma, found 'CALIFORNIA'",
            ),
            (
                16,
                "', US'",
                "spec.targeting.locations[2]",
                "expected a city as its name, a comma, then its region",
            ),
        ],
    ),
    (
        "city-or-postal-code-of-unknown-country",
        {16: "    locations: ['Atlantis, XX', 'XX:12345', 'Springfield, XX-IL']"},
        [
            (16, "'Atlantis, XX'", "spec.targeting.locations[0]", "'XX' is not an assigned ISO 3166-1"),
            (16, "'XX:12345'", "spec.targeting.locations[1]", "'XX' is not an assigned ISO 3166-1"),
            (16, "'Springfield, XX-IL'", "spec.targeting.locations[2]", "'XX' is not an assigned ISO 3166-1"),
        ],
    ),
    (
        "postal-code-shape",
        {16: "    locations: [US]\n    exclude: {locations: ['US:', 'USA:94103', 'US:941/03']}"},
        [
            (17, "'US:'", "spec.targeting.exclude.locations[0]", "expected a postal code as its ISO 3166-1"),
            (17, "'USA:94103'", "spec.targeting.exclude.locations[1]", "as in 'US:94103'"),
            (17, "'US:941/03'", "spec.targeting.exclude.locations[2]", "as in 'US:94103'"),
        ],
    ),
    (
        "duplicate-city",
        {16: "    locations: ['San Francisco, US-CA', 'San  Francisco,us-ca']"},
        [(16, "'San  Francisco,us-ca'", "spec.targeting.locations[1]", "a duplicate location")],
    ),
    (
        "duplicate-location",
        {16: "    locations: [US, CA, us]"},
        [(16, "us", "spec.targeting.locations[2]", "found 'us', a duplicate location")],
    ),
    (
        "language-shape",
        {17: "    languages: [english]"},
        [(17, "english", "spec.targeting.languages[0]", "expected an ISO 639-1 language code such as 'en'")],
    ),
    (
        "language-unknown",
        {17: "    languages: [en, qq]"},
        [(17, "qq", "spec.targeting.languages[1]", "not an ISO 639-1 language code")],
    ),
    (
        "url-not-http",
        {22: "      final_url: ftp://example.com/"},
        [(22, "ftp", "spec.creatives[0].final_url", "expected an http:// or https:// URL with a host")],
    ),
    (
        "headline-whitespace",
        {20: "      headlines: [' Alpha', Beta, Gamma]"},
        [(20, "' Alpha'", "spec.creatives[0].headlines[0]", "has leading or trailing whitespace")],
    ),
    (
        "name-whitespace",
        {4: "  name: 'c '"},
        [(4, "'c '", "metadata.name", "has leading or trailing whitespace")],
    ),
    (
        "name-pattern",
        {4: '  name: "Spring\\tSale"'},
        [(4, '"Spring', "metadata.name", "without control characters")],
    ),
    (
        "image-creative-needs-image",
        {22: "      final_url: https://example.com/\n      type: image"},
        [
            (
                23,
                "image",
                "spec.creatives[0].type",
                "an image creative needs 'image_url' (or 'meta: {image_hash",
            )
        ],
    ),
    (
        "target-cpa-required",
        {25: "      creatives: [one]\n  google:\n    bidding: {strategy: target_cpa}"},
        [(27, "target_cpa", "spec.google.bidding.strategy", "strategy target_cpa needs 'target_cpa'")],
    ),
    (
        "duplicate-campaign-exclusions",
        {
            25: "      creatives: [one]\n  google:\n    negative_ages: [65+, '18-24', 18-24]\n"
            "    negative_genders: [male, male]"
        },
        [
            (27, "18-24]", "spec.google.negative_ages[2]", "duplicate age '18-24'"),
            (28, "male]", "spec.google.negative_genders[1]", "duplicate gender 'male'"),
        ],
    ),
    (
        "a-campaign-targeting-what-it-excludes",
        {
            25: "      creatives: [one]\n  google:\n    negative_genders: [male]\n"
            "    campaign_genders: [female, male]\n    campaign_ages: [25-34, 25-34]"
        },
        [
            (28, "male]", "spec.google.campaign_genders[1]", "which negative_genders excludes"),
            (29, "25-34]", "spec.google.campaign_ages[1]", "duplicate age '25-34'"),
        ],
    ),
    (
        "campaign-exclusion-unknown-age",
        {25: "      creatives: [one]\n  google:\n    negative_ages: [18-25]"},
        [(27, "18-25", "spec.google.negative_ages[0]", "'18-24'")],
    ),
    (
        "duplicate-ad-group-exclusions",
        {
            25: "      creatives: [one]\n      google:\n        negative_ages: [undetermined, undetermined]\n"
            "        negative_interests: [Golf, Golf]"
        },
        [
            (
                27,
                "undetermined]",
                "spec.ad_groups[0].google.negative_ages[1]",
                "duplicate age 'undetermined'",
            ),
            (28, "Golf]", "spec.ad_groups[0].google.negative_interests[1]", "duplicate interest 'Golf'"),
        ],
    ),
    (
        "ad-group-exclusion-unknown-gender",
        {25: "      creatives: [one]\n      google:\n        negative_genders: [other]"},
        [(27, "other", "spec.ad_groups[0].google.negative_genders[0]", "'undetermined'")],
    ),
    (
        "target-roas-required",
        {25: "      creatives: [one]\n  google:\n    bidding: {strategy: target_roas}"},
        [(27, "target_roas", "spec.google.bidding.strategy", "strategy target_roas needs 'target_roas'")],
    ),
    (
        "ad-group-targets-without-the-campaigns",
        {
            25: "      creatives: [one]\n      google: {target_cpa: 3, target_roas: 2.5}\n"
            "  google:\n    bidding: {strategy: manual_cpc}"
        },
        [
            (
                26,
                "3",
                "spec.ad_groups[0].google.target_cpa",
                "the campaign sets none, so Google would ignore",
            ),
            (26, "2.5}", "spec.ad_groups[0].google.target_roas", "expected google.bidding.target_roas"),
        ],
    ),
    (
        "ad-group-bids-of-more-decimal-places-than-the-currency",
        {
            25: "      creatives: [one]\n      google: {cpc_bid: 1.234, target_cpa: 3.005}\n"
            "  google:\n    bidding: {strategy: target_cpa, target_cpa: 4}"
        },
        [
            (26, "1.234", "spec.ad_groups[0].google.cpc_bid", "expected at most 2 for USD"),
            (26, "3.005}", "spec.ad_groups[0].google.target_cpa", "expected at most 2 for USD"),
        ],
    ),
    (
        "target-cpa-with-another-strategy",
        {25: "      creatives: [one]\n  google:\n    bidding: {strategy: manual_cpc, target_cpa: 5}"},
        [(27, "5}", "spec.google.bidding.target_cpa", "target_cpa applies only to strategy target_cpa")],
    ),
    (
        "keyword-match-type",
        {25: "      creatives: [one]\n      keywords: [{text: shoes, match: exactt}]"},
        [(26, "exactt", "spec.ad_groups[0].keywords[0].match", "did you mean 'exact'?")],
    ),
    (
        "keyword-duplicate-ignoring-case",
        {25: "      creatives: [one]\n      keywords: [{text: Shoes}, {text: shoes}]"},
        [(26, "{text: shoes}", "spec.ad_groups[0].keywords[1]", "duplicate keyword 'shoes (broad)'")],
    ),
    (
        "keyword-too-long-for-google",
        {25: "      creatives: [one]\n  google:\n    negative_keywords: [{text: " + "k" * 81 + "}]"},
        [(27, "kkk", "spec.google.negative_keywords[0].text", "expected at most 80 characters and 10 words")],
    ),
    (
        "meta-enum",
        {25: "      creatives: [one]\n  meta: {optimization_goal: link_clicks, placements: [facebok]}"},
        [(26, "facebok", "spec.meta.placements[0]", "did you mean 'facebook'?")],
    ),
    (
        "meta-position-of-another-platform",
        {25: "      creatives: [one]\n  meta: {placements: {facebook: [feed, stream], instagram: [stream]}}"},
        [
            (
                26,
                "stream]",
                "spec.meta.placements.facebook[1]",
                "found 'stream'; expected one of 'feed', 'right_hand_column', 'marketplace'",
            )
        ],
    ),
    (
        "meta-placements-of-an-unknown-platform",
        {25: "      creatives: [one]\n  meta: {placements: {facebook: [feed], oculus: [feed]}}"},
        [
            (
                26,
                "oculus",
                "spec.meta.placements.oculus",
                "unknown key 'oculus'; expected one of: facebook, instagram, audience_network, messenger, "
                "threads, whatsapp",
            )
        ],
    ),
    (
        "meta-whatsapp-position-unknown",
        {25: "      creatives: [one]\n  meta: {placements: {instagram: [story], whatsapp: [stories]}}"},
        [(26, "stories]", "spec.meta.placements.whatsapp[0]", "found 'stories'; expected one of 'status'")],
    ),
    (
        "meta-whatsapp-duplicate-position",
        {25: "      creatives: [one]\n      meta: {placements: {instagram: [], whatsapp: [status, Status]}}"},
        [(26, "Status]", "spec.ad_groups[0].meta.placements.whatsapp[1]", "duplicate whatsapp position")],
    ),
    (
        # Meta runs ads in WhatsApp's Status only beside Instagram's stories.
        "meta-whatsapp-status-without-instagram-stories",
        {25: "      creatives: [one]\n  meta: {placements: {instagram: [reels], whatsapp: [status]}}"},
        [
            (
                26,
                "whatsapp",
                "spec.meta.placements.whatsapp",
                "found WhatsApp's Status without Instagram's story; expected instagram placed beside it with "
                "its story position (or all of its positions)",
            )
        ],
    ),
    (
        "meta-whatsapp-alone",
        {25: "      creatives: [one]\n      meta: {placements: [facebook, whatsapp]}"},
        [
            (
                26,
                "whatsapp]",
                "spec.ad_groups[0].meta.placements[1]",
                "found WhatsApp's Status without Instagram's story",
            )
        ],
    ),
    (
        "meta-placements-naming-no-platform",
        {25: "      creatives: [one]\n  meta: {placements: {}}"},
        [(26, "{}", "spec.meta.placements", "expected a platform at least")],
    ),
    (
        # A scalar is neither shape the field takes: the message names both (a list or a mapping).
        "meta-placements-a-scalar",
        {25: "      creatives: [one]\n  meta: {placements: facebook}"},
        [
            (
                26,
                "facebook",
                "spec.meta.placements",
                "found 'facebook'; expected a list of platforms or a mapping of positions by platform",
            )
        ],
    ),
    (
        "meta-duplicate-position",
        {25: "      creatives: [one]\n      meta: {placements: {instagram: [reels, Reels]}}"},
        [(26, "Reels", "spec.ad_groups[0].meta.placements.instagram[1]", "duplicate instagram position")],
    ),
    (
        "meta-duplicate-device",
        {25: "      creatives: [one]\n      meta: {devices: [mobile, mobile]}"},
        [(26, "mobile]", "spec.ad_groups[0].meta.devices[1]", "duplicate device 'mobile'")],
    ),
    (
        "meta-device-did-you-mean",
        {25: "      creatives: [one]\n  meta: {devices: [mobil]}"},
        [(26, "mobil", "spec.meta.devices[0]", "expected one of 'mobile', 'desktop', 'connected_tv'")],
    ),
    (
        "meta-app-ad-set-on-desktops",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n      meta: {devices: [mobile, desktop]}",
        },
        [
            (
                27,
                "devices",
                "spec.ad_groups[0].meta.devices",
                "expected [mobile] or none: Meta's app ads run on mobile devices alone",
            )
        ],
    ),
    (
        "ad-set-budget-on-some-ad-sets-only",
        {25: "      creatives: [one]\n      meta: {budget: {daily: 20}}\n    - name: other"},
        [(27, "name: other", "spec.ad_groups[1]", "found no 'meta.budget' while ad group 'main' has one")],
    ),
    (
        "ad-set-budget-with-both-amounts",
        {25: "      creatives: [one]\n      meta: {budget: {daily: 20, lifetime: 20}}"},
        [
            (
                26,
                "budget",
                "spec.ad_groups[0].meta.budget",
                "found daily and lifetime; expected exactly one",
            )
        ],
    ),
    (
        "lifetime-ad-set-budget-in-a-daily-campaign-without-an-end",
        {
            13: "  schedule: {start: 2026-03-01, time_zone: America/New_York}",
            25: "      creatives: [one]\n      meta: {budget: {daily: 20}}\n    - name: other\n"
            "      meta: {budget: {lifetime: 100}}",
        },
        [
            (
                28,
                "100",
                "spec.ad_groups[1].meta.budget.lifetime",
                "needs an end date; expected the ad set to end",
            )
        ],
    ),
    (
        "ad-set-budget-with-a-policy",
        {11: "    policy: brand-pool", 25: "      creatives: [one]\n      meta: {budget: {daily: 20}}"},
        [
            (
                26,
                "budget",
                "spec.ad_groups[0].meta.budget",
                "expected 'budget.daily' or 'budget.lifetime'",
            )
        ],
    ),
    (
        "ad-set-budget-cents-of-the-currency",
        {25: "      creatives: [one]\n      meta: {budget: {daily: 20.005}}"},
        [(26, "20.005", "spec.ad_groups[0].meta.budget.daily", "expected at most 2 for USD")],
    ),
    (
        "lifetime-ad-set-budget-without-an-end",
        {
            11: "    lifetime: 500",
            25: "      creatives: [one]\n      meta: {budget: {lifetime: 200}, schedule: {end: null}}",
        },
        [(26, "200", "spec.ad_groups[0].meta.budget.lifetime", "a lifetime ad set budget needs an end date")],
    ),
    (
        "ad-set-budget-off-meta",
        {25: "      creatives: [one]\n      platforms: [google]\n      meta: {budget: {daily: 20}}"},
        [(27, "budget", "spec.ad_groups[0].meta.budget", "an ad group that does not run on Meta")],
    ),
    (
        "whatsapp-number-off-meta-said-once",
        {
            25: "      creatives: [one]\n      platforms: [google]\n"
            "      meta: {whatsapp_number: '+15551230000'}"
        },
        [(27, "'+15551230000'", "spec.ad_groups[0].meta.whatsapp_number", "does not run on Meta")],
    ),
    (
        "eu-political-advertising-not-a-flag",
        {25: "      creatives: [one]\n  google: {eu_political_advertising: 'yes'}"},
        [(26, "'yes'", "spec.google.eu_political_advertising", "found 'yes'; expected true or false")],
    ),
    (
        "additional-final-url-repeating-the-final-url",
        {
            22: "      final_url: https://example.com/\n      google: {additional_final_urls: [https://example.com/]}"
        },
        [
            (
                23,
                "https://example.com/]",
                "spec.creatives[0].google.additional_final_urls[0]",
                "the creative's final_url; expected only the ad's other final URLs",
            )
        ],
    ),
    (
        "additional-final-url-twice",
        {
            22: "      final_url: https://example.com/\n"
            "      google: {additional_final_urls: [https://example.com/b, https://example.com/b]}"
        },
        [
            (
                23,
                "https://example.com/b]",
                "spec.creatives[0].google.additional_final_urls[1]",
                "duplicate final URL 'https://example.com/b'",
            )
        ],
    ),
    (
        "additional-final-url-not-a-url",
        {22: "      final_url: https://example.com/\n      google: {additional_final_urls: [example.com/b]}"},
        [
            (
                23,
                "example.com/b",
                "spec.creatives[0].google.additional_final_urls[0]",
                "expected an http:// or https:// URL with a host",
            )
        ],
    ),
    (
        "app-promotion-needs-an-app",
        {9: "  objective: app_promotion", 15: "    ages: {min: 18}"},
        [(9, "app_promotion", "spec.objective", "an app_promotion campaign needs 'app'")],
    ),
    (
        "an-app-on-a-sales-campaign",
        {9: "  objective: sales\n  app: {store: google_play, id: com.example.game}"},
        [(10, "app", "spec.app", "found an app on a sales campaign; expected 'app' on app_promotion")],
    ),
    (
        "a-play-app-id-that-is-no-package-name",
        {
            9: "  objective: app_promotion\n  app: {store: google_play, id: game, meta_app_id: '42'}",
            15: "    ages: {min: 18}",
            22: "",
        },
        [(10, "game", "spec.app.id", "found 'game'; expected a Google Play package name")],
    ),
    (
        "an-app-store-id-that-is-not-digits",
        {
            9: "  objective: app_promotion\n"
            "  app: {store: app_store, id: com.example.game, meta_app_id: '42'}",
            15: "    ages: {min: 18}",
            22: "",
        },
        [(10, "com.example.game", "spec.app.id", "expected an App Store app id, digits only")],
    ),
    (
        "an-app-on-meta-needs-its-meta-app-id",
        {
            9: "  objective: app_promotion\n  app: {store: app_store, id: '1234567890'}",
            15: "    ages: {min: 18}",
            22: "",
        },
        [(10, "app", "spec.app", "needs 'meta_app_id'")],
    ),
    (
        "a-meta-app-promotion-ad-set-optimises-for-installs",
        {
            7: "",
            9: "  objective: app_promotion\n"
            "  app: {store: google_play, id: com.example.game, meta_app_id: '42'}\n"
            "  meta: {optimization_goal: reach}",
            12: "    split: {meta: 1}",
            22: "",
            25: "      creatives: [one]\n      meta: {optimization_goal: offsite_conversions}",
        },
        [
            (11, "reach", "spec.meta.optimization_goal", "found REACH; expected APP_INSTALLS or LINK_CLICKS"),
            (
                28,
                "offsite_conversions",
                "spec.ad_groups[0].meta.optimization_goal",
                "found OFFSITE_CONVERSIONS; expected APP_INSTALLS or LINK_CLICKS",
            ),
        ],
    ),
    (
        "a-meta-app-install-ad-needs-a-mobile-call-to-action",
        {
            7: "",
            9: "  objective: app_promotion\n  app: {store: app_store, id: '1234567890', meta_app_id: '42'}",
            12: "    split: {meta: 1}",
            22: "      call_to_action: none\n    - name: two\n      headlines: [A]\n      descriptions: [B]\n"
            "      call_to_action: get_directions",
        },
        [
            (23, "none", "spec.creatives[0].call_to_action", "found none; expected one of install_app, "),
            (27, "get_directions", "spec.creatives[1].call_to_action", "need a mobile app's call to action"),
        ],
    ),
    (
        "a-meta-app-install-ad-links-to-the-store-page",
        {
            7: "",
            9: "  objective: app_promotion\n  app: {store: app_store, id: '1234567890', meta_app_id: '42'}",
            12: "    split: {meta: 1}",
        },
        [
            (
                23,
                "https://example.com/",
                "spec.creatives[0].final_url",
                "expected the app's store page https://apps.apple.com/app/id1234567890, or no final_url",
            )
        ],
    ),
    (
        "a-google-app-campaign-targets-no-ages-there",
        {9: APP_PROMOTION, 22: ""},
        [
            (
                16,
                "ages",
                "spec.targeting.ages",
                "to target them on Meta only, move them to meta.targeting.ages",
            )
        ],
    ),
    (
        "a-google-app-ad-group-takes-no-keywords-bids-or-exclusions",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n      keywords: [{text: shoes}]\n"
            "      google: {cpc_bid: 1.00, negative_keywords: [{text: free}]}",
        },
        [
            (27, "keywords", "spec.ad_groups[0].keywords", "targets locations and languages only"),
            (28, "1.00", "spec.ad_groups[0].google.cpc_bid", "cannot override its bidding"),
            (28, "negative_keywords", "spec.ad_groups[0].google.negative_keywords", "no criteria"),
        ],
    ),
    (
        "a-google-app-campaign-takes-no-networks-exclusions-or-manual-cpc",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n  google:\n    networks: {display: true}\n"
            "    negative_keywords: [{text: free}]\n    bidding: {strategy: manual_cpc}\n"
            "    campaign_genders: [female]",
        },
        [
            (28, "networks", "spec.google.networks", "MIDAS sets no networks for it"),
            (29, "negative_keywords", "spec.google.negative_keywords", "no keywords, no exclusions"),
            (
                30,
                "manual_cpc",
                "spec.google.bidding.strategy",
                "expected one of target_cpa, maximize_conversions, target_roas, maximize_conversion_value",
            ),
            (31, "campaign_genders", "spec.google.campaign_genders", "no exclusions, no demographics"),
        ],
    ),
    (
        "a-google-app-campaign-bidding-for-impression-share-gets-one-error",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n  google: {bidding: {strategy: target_impression_share}}",
        },
        [
            (
                27,
                "target_impression_share",
                "spec.google.bidding.strategy",
                "bids for installs, in-app conversions or their value: expected one of",
            )
        ],
    ),
    (
        "a-google-app-campaign-bids-to-a-cpa-with-target-cpa",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n"
            "  google: {bidding: {strategy: maximize_conversions, target_cpa: 2}}",
        },
        [(27, "2}", "spec.google.bidding.target_cpa", "with strategy target_cpa")],
    ),
    (
        "a-google-app-campaign-bids-to-a-roas-with-target-roas",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n"
            "  google: {bidding: {strategy: maximize_conversion_value, target_roas: 3}}",
        },
        [(27, "3}", "spec.google.bidding.target_roas", "with strategy target_roas")],
    ),
    (
        "a-google-app-goal-bids-with-its-own-strategy",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n"
            "  google: {bidding: {app_goal: optimize_return_on_advertising_spend}}",
        },
        [
            (
                27,
                "optimize_return_on_advertising_spend",
                "spec.google.bidding.app_goal",
                "goal OPTIMIZE_RETURN_ON_ADVERTISING_SPEND bids with strategy target_roas; found no strategy "
                "(default maximize_conversions)",
            )
        ],
    ),
    (
        "a-google-app-goal-bids-with-its-own-strategy-not-the-one-written",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n"
            "  google: {bidding: {strategy: maximize_conversion_value,\n"
            "    app_goal: optimize_installs_target_install_cost}}",
        },
        [
            (
                28,
                "optimize_installs_target_install_cost",
                "spec.google.bidding.app_goal",
                "goal OPTIMIZE_INSTALLS_TARGET_INSTALL_COST bids with strategy target_cpa; found strategy "
                "maximize_conversion_value",
            )
        ],
    ),
    (
        "an-app-goal-and-conversion-actions-on-a-search-campaign",
        {
            25: "      creatives: [one]\n"
            "  google: {bidding: {app_goal: optimize_in_app_conversions_without_target_cpa, "
            "conversion_actions: [77]}}",
        },
        [
            (
                26,
                "optimize_in_app_conversions_without_target_cpa",
                "spec.google.bidding.app_goal",
                "applies to a Google app campaign only",
            ),
            (
                26,
                "conversion_actions",
                "spec.google.bidding.conversion_actions",
                "applies to a Google app campaign only",
            ),
        ],
    ),
    (
        "a-google-app-ad-has-no-paths-and-five-headlines-at-most",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            20: "      headlines: [Alpha, Beta, Gamma, Delta, Epsilon, Zeta]",
            22: "      google: {path1: shop}",
        },
        [
            (
                21,
                "headlines",
                "spec.creatives[0].headlines",
                "found 6 headlines; expected 1 to 5 for a Google app ad",
            ),
            (23, "shop", "spec.creatives[0].google.path1", "has no display URL paths"),
        ],
    ),
    (
        "a-creative-needs-its-final-url",
        {22: ""},
        [(19, "name", "spec.creatives[0].final_url", "a creative needs 'final_url'; found none")],
    ),
    (
        "a-conversion-on-a-campaign-counting-none",
        {9: "  objective: traffic", 25: "      creatives: [one]\n  meta: {conversion: {event: lead}}"},
        [(26, "conversion", "spec.meta.conversion", "no Meta ad set of the campaign counts one")],
    ),
    (
        "an-ad-set-counting-conversions-without-their-event",
        {9: "  objective: traffic", 25: "      creatives: [one]\n      meta: {conversion: {pixel_id: 7}}"},
        [(26, "conversion", "spec.ad_groups[0].meta.conversion", "expected 'meta.conversion.event'")],
    ),
    (
        "a-conversion-goal-without-its-event",
        {
            9: "  objective: traffic",
            25: "      creatives: [one]\n  meta: {optimization_goal: offsite_conversions}",
        },
        [
            (
                26,
                "offsite_conversions",
                "spec.meta.optimization_goal",
                "expected 'meta.conversion.event' (PURCHASE, LEAD",
            )
        ],
    ),
    (
        "an-unknown-conversion-event",
        {25: "      creatives: [one]\n  meta: {conversion: {event: buy}}"},
        [(26, "buy", "spec.meta.conversion.event", "'PURCHASE'")],
    ),
    (
        "a-custom-conversion-beside-an-event",
        {25: "      creatives: [one]\n  meta: {conversion: {custom_conversion_id: '555', event: lead}}"},
        [
            (
                26,
                "'555'",
                "spec.meta.conversion.custom_conversion_id",
                "found custom_conversion_id with event; a custom conversion names its own pixel and event",
            )
        ],
    ),
    (
        "an-ad-groups-custom-conversion-beside-a-pixel",
        {25: "      creatives: [one]\n      meta: {conversion: {custom_conversion_id: 555, pixel_id: 7}}"},
        [(26, "555", "spec.ad_groups[0].meta.conversion.custom_conversion_id", "with pixel_id")],
    ),
    (
        "a-custom-conversion-not-an-id",
        {25: "      creatives: [one]\n  meta: {conversion: {custom_conversion_id: thanks-page}}"},
        [(26, "thanks-page", "spec.meta.conversion.custom_conversion_id", "expected text matching ^[0-9]+$")],
    ),
    (
        "a-custom-event-beside-a-standard-event",
        {25: "      creatives: [one]\n  meta: {conversion: {custom_event: SignedUp, event: lead}}"},
        [
            (
                26,
                "SignedUp",
                "spec.meta.conversion.custom_event",
                "found custom_event with event LEAD; an ad set counts one event of its pixel: expected event "
                "(a standard one) or custom_event (one the site names), not both",
            )
        ],
    ),
    (
        "a-custom-conversion-beside-a-custom-event",
        {
            25: "      creatives: [one]\n"
            "      meta: {conversion: {custom_conversion_id: 555, custom_event: X}}"
        },
        [(26, "555", "spec.ad_groups[0].meta.conversion.custom_conversion_id", "with custom_event;")],
    ),
    (
        "a-custom-event-longer-than-meta-takes",
        {25: "      creatives: [one]\n  meta: {conversion: {custom_event: " + "E" * 51 + "}}"},
        [
            (
                26,
                "E" * 51,
                "spec.meta.conversion.custom_event",
                "which is 51 characters long; expected at most 50 (Meta's limit on a pixel's custom event",
            )
        ],
    ),
    (
        "an-empty-custom-event",
        {25: "      creatives: [one]\n  meta: {conversion: {custom_event: ''}}"},
        [(26, "''", "spec.meta.conversion.custom_event", "expected the name the site's pixel fires")],
    ),
    (
        "a-custom-event-with-stray-whitespace",
        {25: "      creatives: [one]\n  meta: {conversion: {custom_event: ' SignedUp'}}"},
        [(26, "' SignedUp'", "spec.meta.conversion.custom_event", "leading or trailing whitespace")],
    ),
    (
        "a-pixel-rule-without-its-event",
        {25: "      creatives: [one]\n      meta: {conversion: {pixel_rule: {url: {i_contains: thanks}}}}"},
        [
            (
                26,
                "pixel_rule",
                "spec.ad_groups[0].meta.conversion.pixel_rule",
                "found a pixel_rule without the event it narrows; expected event or custom_event beside it",
            )
        ],
    ),
    (
        "a-custom-conversion-beside-a-pixel-rule",
        {
            25: "      creatives: [one]\n"
            "  meta: {conversion: {custom_conversion_id: 5, pixel_rule: {url: {eq: x}}}}"
        },
        [(26, "5", "spec.meta.conversion.custom_conversion_id", "with pixel_rule;")],
    ),
    (
        "an-empty-pixel-rule",
        {25: "      creatives: [one]\n  meta: {conversion: {event: lead, pixel_rule: {}}}"},
        [
            (
                26,
                "{}",
                "spec.meta.conversion.pixel_rule",
                "expected a rule such as {url: {i_contains: thank-you}}",
            )
        ],
    ),
    (
        "a-pixel-rule-not-a-mapping",
        {25: "      creatives: [one]\n  meta: {conversion: {event: lead, pixel_rule: thanks}}"},
        [(26, "thanks", "spec.meta.conversion.pixel_rule", "")],
    ),
    (
        "a-pixel-rule-json-cannot-hold",
        {25: "      creatives: [one]\n  meta: {conversion: {event: lead, pixel_rule: {after: 2026-01-01}}}"},
        [(26, "{after", "spec.meta.conversion.pixel_rule", "which JSON cannot hold")],
    ),
    (
        "a-custom-event-not-text",
        {25: "      creatives: [one]\n  meta: {conversion: {custom_event: 42}}"},
        [(26, "42", "spec.meta.conversion.custom_event", "")],
    ),
    (
        "a-conversion-in-an-app-campaign",
        {
            7: "",
            9: APP_PROMOTION,
            12: "    split: {meta: 1}",
            22: "",
            25: "      creatives: [one]\n  meta: {conversion: {event: purchase}}",
        },
        [(27, "conversion", "spec.meta.conversion", "found a conversion in an app_promotion campaign")],
    ),
    (
        "ad-set-budget-sharing-with-a-lifetime-ad-set-budget",
        {
            25: "      creatives: [one]\n      meta: {budget: {daily: 20}}\n    - name: other\n"
            "      meta: {budget: {lifetime: 100}}\n  meta: {adset_budget_sharing: true}"
        },
        [(29, "true", "spec.meta.adset_budget_sharing", "(ad set 'other' has a lifetime budget)")],
    ),
    (
        "ad-set-budget-sharing-without-ad-set-budgets",
        {25: "      creatives: [one]\n  meta: {adset_budget_sharing: true}"},
        [(26, "true", "spec.meta.adset_budget_sharing", "expected it only with daily ad set budgets")],
    ),
    (
        "a-store-url-of-another-app",
        {
            9: "  objective: app_promotion\n"
            "  app: {store: google_play, id: com.example.game, meta_app_id: '42',"
            " store_url: 'https://apps.apple.com/app/id111'}",
            15: "    ages: {min: 18}",
            22: "",
        },
        [
            (
                10,
                "'https://apps.apple.com/app/id111'",
                "spec.app.store_url",
                "expected a google_play page of app",
            )
        ],
    ),
    (
        "ad-set-ends-before-it-starts",
        {25: "      creatives: [one]\n      meta: {schedule: {end: 2026-02-01}}"},
        [
            (
                26,
                "schedule",
                "spec.ad_groups[0].meta.schedule",
                "runs 2026-03-01 – 2026-02-01; expected an end",
            )
        ],
    ),
    (
        "awareness-on-google-needs-impression-share",
        {9: "  objective: awareness"},
        [
            (
                9,
                "awareness",
                "spec.objective",
                "objective awareness bids for target impression share on Google",
            )
        ],
    ),
    (
        "impression-share-strategy-needs-its-settings",
        {25: "      creatives: [one]\n  google:\n    bidding: {strategy: target_impression_share}"},
        [
            (
                27,
                "target_impression_share",
                "spec.google.bidding.strategy",
                "needs google.bidding.impression_share: {location: top_of_page, share: 0.65, max_cpc: 2.50}",
            )
        ],
    ),
    (
        "impression-share-with-another-strategy",
        {
            25: "      creatives: [one]\n  google:\n    bidding:\n      strategy: manual_cpc\n"
            "      impression_share: {location: top_of_page, share: 0.5, max_cpc: 1}"
        },
        [
            (
                29,
                "impression_share",
                "spec.google.bidding.impression_share",
                "applies only to strategy target_impression_share (the default of objective awareness); "
                "found strategy manual_cpc",
            )
        ],
    ),
    (
        "impression-share-on-another-objective",
        {
            25: "      creatives: [one]\n  google:\n    bidding:\n"
            "      impression_share: {location: top_of_page, share: 0.5, max_cpc: 1}"
        },
        [(28, "impression_share", "spec.google.bidding.impression_share", "found objective sales")],
    ),
    (
        "impression-share-precision",
        {
            9: "  objective: awareness",
            25: "      creatives: [one]\n  google:\n    bidding:\n"
            "      impression_share: {location: top_of_page, share: 0.6500001, max_cpc: 2.505}",
        },
        [
            (
                28,
                "0.6500001",
                "spec.google.bidding.impression_share.share",
                "has 7 decimal places; expected at most 6",
            ),
            (28, "2.505", "spec.google.bidding.impression_share.max_cpc", "expected at most 2 for USD"),
        ],
    ),
    (
        "impression-share-ranges",
        {
            9: "  objective: awareness",
            25: "      creatives: [one]\n  google:\n    bidding:\n"
            "      impression_share: {location: top, share: 1.5, max_cpc: 0}",
        },
        [
            (
                28,
                "top",
                "spec.google.bidding.impression_share.location",
                "expected one of 'anywhere_on_page'",
            ),
            (28, "1.5", "spec.google.bidding.impression_share.share", "expected a value of at most 1"),
            (28, "0}", "spec.google.bidding.impression_share.max_cpc", "greater than 0"),
        ],
    ),
    (
        "impression-share-incomplete",
        {
            9: "  objective: awareness",
            25: "      creatives: [one]\n  google:\n    bidding:\n"
            "      impression_share: {location: top_of_page}",
        },
        [
            (28, "impression_share", "spec.google.bidding.impression_share.max_cpc", "missing required key"),
            (28, "impression_share", "spec.google.bidding.impression_share.share", "missing required key"),
        ],
    ),
]


#: BASE as a Display campaign (``google.channel: display``): its creative a complete responsive display ad.
DISPLAY_CREATIVE = (
    "      final_url: https://example.com/\n"
    "      google: {long_headline: Shoes for the long road, marketing_images: ['11'], "
    "square_marketing_images: ['12']}"
)
DISPLAY_CAMPAIGN = "      creatives: [one]\n  google: {channel: display, business_name: Example Co}"
DISPLAY: dict[int, str] = {22: DISPLAY_CREATIVE, 25: DISPLAY_CAMPAIGN}

#: BASE as a Demand Gen campaign (``google.channel: demand_gen``): all ages (a Demand Gen campaign targets
#: locations and languages only), its creative a complete Demand Gen multi-asset ad.
DEMAND_GEN_CREATIVE = (
    "      final_url: https://example.com/\n"
    "      google: {square_marketing_images: ['12'], portrait_marketing_images: ['14'], logo_images: ['13']}"
)
DEMAND_GEN_CAMPAIGN = "      creatives: [one]\n  google: {channel: demand_gen, business_name: Example Co}"
DEMAND_GEN: dict[int, str] = {15: "    ages: {min: 18}", 22: DEMAND_GEN_CREATIVE, 25: DEMAND_GEN_CAMPAIGN}

CAMPAIGN_CASES += [
    (
        "demand-gen-keywords-networks-shared-budget-manual-cpc",
        {**DEMAND_GEN, 25: "      creatives: [one]\n      keywords: [{text: shoes}]\n"
                           "      google: {cpc_bid: 1}\n"
                           "  google: {channel: demand_gen, business_name: Example Co, "
                           "networks: {display: true}, "
                           "bidding: {strategy: manual_cpc}, negative_ages: ['65+']}"},
        [
            (27, "keywords", "spec.ad_groups[0].keywords", "targets locations and languages per ad group"),
            (28, "1}", "spec.ad_groups[0].google.cpc_bid", "bids per campaign"),
            (29, "networks", "spec.google.networks", "MIDAS sets no networks for it"),
            (29, "manual_cpc", "spec.google.bidding.strategy", "found 'manual_cpc'; a Google Demand Gen"),
            (29, "negative_ages", "spec.google.negative_ages", "targets locations and languages"),
        ],
    ),
    (
        "demand-gen-ages-genders-interests",
        {**DEMAND_GEN, 15: "    ages: {min: 25}\n    genders: [female]"},
        [
            (15, "ages", "spec.targeting.ages", "move them to meta.targeting.ages"),
            (16, "genders", "spec.targeting.genders", "a Google Demand Gen campaign targets locations"),
        ],
    ),
    (
        "demand-gen-app-promotion",
        {9: APP_PROMOTION, 15: "    ages: {min: 18}", 22: "",
         25: "      creatives: [one]\n  google: {channel: demand_gen}"},
        [(27, "demand_gen", "spec.google.channel", "found channel demand_gen on an app_promotion campaign")],
    ),
    (
        "demand-gen-ad-without-business-name-images-or-logo",
        {**DEMAND_GEN,
         22: "      final_url: https://example.com/\n      google: {portrait_marketing_images: ['1']}",
         25: "      creatives: [one]\n  google: {channel: demand_gen}"},
        [
            (23, "google", "spec.creatives[0].google", "needs a business name"),
            (23, "google", "spec.creatives[0].google", "needs a landscape (1.91:1) or square"),
            (23, "google", "spec.creatives[0].google", "found 0 logo_images; expected 1 to 5"),
        ],
    ),
    (
        "demand-gen-ad-long-headline-path-and-square-logo",
        {**DEMAND_GEN,
         22: DEMAND_GEN_CREATIVE[:-1] + ", long_headline: Long, path1: x, square_logo_images: ['9']}"},
        [
            (23, "Long", "spec.creatives[0].google.long_headline", "belongs to a Google responsive"),
            (23, "x,", "spec.creatives[0].google.path1", "Demand Gen multi-asset ad has no display URL"),
            (23, "square_logo_images", "spec.creatives[0].google.square_logo_images",
             "belongs to a Google responsive display ad or a Google Performance Max asset group: expected it "
             "only in a campaign with google.channel display or performance_max"),
        ],
    ),
    (
        "demand-gen-ad-too-many-logos-and-headlines",
        {**DEMAND_GEN, 20: "      headlines: [A, B, C, D, E, F]",
         22: DEMAND_GEN_CREATIVE.replace("['13']", "['1', '2', '3', '4', '5', '6']")},
        [
            (20, "headlines", "spec.creatives[0].headlines", "expected 1 to 5 for a Google Demand Gen"),
            (23, "logo_images", "spec.creatives[0].google.logo_images", "found 6 logo_images; expected"),
        ],
    ),
    (
        "demand-gen-ad-twenty-one-marketing-images-named-by-the-lists-present",
        {**DEMAND_GEN,
         22: DEMAND_GEN_CREATIVE.replace("['12']", str([str(i) for i in range(1, 13)]))
         .replace("['14']", str([str(i) for i in range(20, 29)]))},
        [(23, "portrait_marketing_images", "spec.creatives[0].google.portrait_marketing_images",
          "found 21 marketing images in square_marketing_images and portrait_marketing_images together; "
          "expected at most 20")],
    ),
    (
        "demand-gen-ad-group-targets-a-location-the-campaign-excludes",
        {**DEMAND_GEN, 16: "    locations: [US]\n    exclude: {locations: [CA]}",
         25: "      creatives: [one]\n      targeting: {locations: [GB, CA]}\n" + DEMAND_GEN_CAMPAIGN[23:]},
        [(28, "locations", "spec.ad_groups[0].targeting.locations",
          "found CA, which the campaign's targeting excludes (exclude.locations: CA, inherited by this ad "
          "group); a Google Demand Gen ad group cannot target and exclude one location")],
    ),
    (
        # Google reads the ad group's own exclusions (ad group criteria) with the campaign's locations, as
        # its Meta ad set does: one error at the entry, naming both readers.
        "demand-gen-ad-group-excludes-a-location-the-campaign-targets",
        {**DEMAND_GEN, 16: "    locations: [US, CA]",
         25: "      creatives: [one]\n      targeting: {exclude: {locations: [ca]}}\n"
             + DEMAND_GEN_CAMPAIGN[23:]},
        [(27, "ca]", "spec.ad_groups[0].targeting.exclude.locations[0]",
          "location 'CA' is excluded here and targeted at spec.targeting.locations[1], which Google's ad "
          "group 'main', Meta's ad set 'main' read with it: Google refuses to target and exclude one "
          "criterion (CANNOT_TARGET_AND_EXCLUDE); every place of it is excluded, so Meta reaches no one "
          "there")],
    ),
    (
        "demand-gen-channels-empty-repeated-or-unknown",
        {**DEMAND_GEN, 25: "      creatives: [one]\n      google: {channels: []}\n"
                           "    - {name: two, google: {channels: [gmail, Maps, gmail]}}\n"
                           + DEMAND_GEN_CAMPAIGN[23:]},
        [
            (27, "channels", "spec.ad_groups[0].google.channels",
             "found no channels; expected at least one of youtube_in_stream, youtube_in_feed, "
             "youtube_shorts, discover, gmail, display, maps"),
            (28, "gmail]", "spec.ad_groups[1].google.channels[2]", "duplicate channel 'gmail'"),
        ],
    ),
    (
        "demand-gen-channels-unknown",
        {**DEMAND_GEN, 25: "      creatives: [one]\n      google: {channels: youtube}\n"
                           "    - {name: two, google: {channels: [youtube]}}\n" + DEMAND_GEN_CAMPAIGN[23:]},
        [
            (27, "youtube", "spec.ad_groups[0].google.channels", "found 'youtube'; expected 'all', "
             "'google_owned' or a list of some of youtube_in_stream, youtube_in_feed"),
            (28, "youtube", "spec.ad_groups[1].google.channels[0]",
             "found 'youtube'; expected one of 'youtube_in_stream', 'youtube_in_feed', 'youtube_shorts', "
             "'discover', 'gmail', 'display', 'maps'"),
        ],
    ),
    (
        "demand-gen-channels-on-a-search-campaign",
        {25: "      creatives: [one]\n      google: {channels: google_owned}"},
        [(26, "google_owned", "spec.ad_groups[0].google.channels",
          "found channels google_owned; only a Google Demand Gen campaign's ad groups pick channels")],
    ),
    (
        "demand-gen-channels-on-an-ad-group-running-on-meta-only",
        {**DEMAND_GEN, 25: "      creatives: [one]\n      platforms: [meta]\n"
                           "      google: {channels: [gmail]}\n"
                           "    - {name: g, platforms: [google]}\n" + DEMAND_GEN_CAMPAIGN[23:]},
        [(28, "channels", "spec.ad_groups[0].google.channels",
          "found channels on an ad group that does not run on Google")],
    ),
    (
        "demand-gen-options-on-a-display-campaign",
        {22: DISPLAY_CREATIVE[:-1] + ", portrait_marketing_images: ['3']}", 25: DISPLAY_CAMPAIGN},
        [(23, "portrait_marketing_images", "spec.creatives[0].google.portrait_marketing_images",
          "belongs to a Google Demand Gen multi-asset ad: expected it only in a campaign with google.channel "
          "demand_gen")],
    ),
    (
        "display-keywords",
        {**DISPLAY, 25: "      creatives: [one]\n      keywords: [{text: shoes, match: exact}]\n"
                        "  google: {channel: display, business_name: Example Co}"},
        [(27, "keywords", "spec.ad_groups[0].keywords", "a Google Display campaign serves on the Display")],
    ),
    (
        "display-networks",
        {**DISPLAY, 25: DISPLAY_CAMPAIGN[:-1] + ", networks: {display: true}}"},
        [(27, "networks", "spec.google.networks", "MIDAS sets its networks")],
    ),
    (
        "display-target-impression-share",
        {**DISPLAY, 25: DISPLAY_CAMPAIGN[:-1] + ", bidding: {strategy: target_impression_share, "
                        "impression_share: {location: top_of_page, share: 0.5, max_cpc: 1}}}"},
        [(27, "target_impression_share", "spec.google.bidding.strategy", "a Google Display campaign bids")],
    ),
    (
        "display-app-promotion",
        {9: APP_PROMOTION, 15: "    ages: {min: 18}", 22: "",
         25: "      creatives: [one]\n  google: {channel: display}"},
        [(27, "display", "spec.google.channel", "found channel display on an app_promotion campaign")],
    ),
    (
        "display-ad-without-business-name-or-images",
        {22: "      final_url: https://example.com/\n      google: {long_headline: Long}",
         25: "      creatives: [one]\n  google: {channel: display}"},
        [
            (23, "google", "spec.creatives[0].google", "needs a business name"),
            (23, "google", "spec.creatives[0].google", "at least one landscape (1.91:1) marketing image"),
            (23, "google", "spec.creatives[0].google", "at least one square marketing image"),
        ],
    ),
    (
        "display-ad-without-long-headline",
        {22: DISPLAY_CREATIVE.replace("long_headline: Shoes for the long road, ", ""), 25: DISPLAY_CAMPAIGN},
        [(23, "google", "spec.creatives[0].google", "needs a long headline")],
    ),
    (
        "display-ad-long-primary-text",
        {21: "      descriptions: [First description]\n      primary_text: " + "P" * 91,
         22: DISPLAY_CREATIVE.replace("long_headline: Shoes for the long road, ", ""), 25: DISPLAY_CAMPAIGN},
        [(22, "PPP", "spec.creatives[0].primary_text", "found 91 characters in the long headline "
          "(primary_text); expected at most 90 for a Google responsive display ad (set google.long_headline "
          "to keep this primary_text for Meta)")],
    ),
    (
        "display-impression-share-without-its-strategy",
        {**DISPLAY, 25: DISPLAY_CAMPAIGN[:-1] + ", bidding: {"
                        "impression_share: {location: top_of_page, share: 0.5, max_cpc: 1}}}"},
        [(27, "impression_share", "spec.google.bidding.impression_share",
          "applies only to strategy target_impression_share (the default of objective awareness in a Search "
          "campaign; a Google Display campaign cannot bid with it); found objective sales")],
    ),
    (
        "display-ad-too-many-headlines-and-a-path",
        {20: "      headlines: [A, B, C, D, E, F]", 22: DISPLAY_CREATIVE[:-1] + ", path1: shoes}",
         25: DISPLAY_CAMPAIGN},
        [
            (20, "headlines", "spec.creatives[0].headlines", "expected 1 to 5 for a Google responsive"),
            (23, "shoes}", "spec.creatives[0].google.path1", "no display URL paths"),
        ],
    ),
    (
        "display-options-on-a-search-campaign",
        {22: DISPLAY_CREATIVE, 25: "      creatives: [one]\n  google: {business_name: Example Co}"},
        [
            (23, "Shoes", "spec.creatives[0].google.long_headline", "expected it only in a campaign"),
            (23, "marketing_images", "spec.creatives[0].google.marketing_images", "belongs to a Google"),
            (23, "square_marketing_images", "spec.creatives[0].google.square_marketing_images", "responsive"),
            (27, "Example Co", "spec.google.business_name", "or 'channel: performance_max' only"),
        ],
    ),
    (
        "display-image-ids-are-digits",
        {22: DISPLAY_CREATIVE.replace("['11']", "[hero.jpg]"), 25: DISPLAY_CAMPAIGN},
        [(23, "hero.jpg", "spec.creatives[0].google.marketing_images[0]", "")],
    ),
    (
        "display-image-ids-once",
        {22: DISPLAY_CREATIVE.replace("['11']", "['11', 11]"), 25: DISPLAY_CAMPAIGN},
        [(23, "11]", "spec.creatives[0].google.marketing_images[1]",
          "duplicate image asset id '11'; expected each once (already at "
          "spec.creatives[0].google.marketing_images[0])")],
    ),
    (
        "display-image-ids-without-leading-zeros",
        {22: DISPLAY_CREATIVE.replace("['12']", "['012']"), 25: DISPLAY_CAMPAIGN},
        [(23, "'012'", "spec.creatives[0].google.square_marketing_images[0]",
          "found '012'; expected a Google Ads id: digits without leading zeros, such as 12345")],
    ),
    (
        "app-conversion-actions-once-and-without-leading-zeros",
        {9: APP_PROMOTION, 15: "    ages: {min: 18}", 22: "",
         25: "      creatives: [one]\n  google: {bidding: {app_goal: "
             "optimize_in_app_conversions_without_target_cpa, conversion_actions: [7001, 800, 7001]}}"},
        [(27, "7001]", "spec.google.bidding.conversion_actions[2]",
          "duplicate conversion action id '7001'; expected each once (already at "
          "spec.google.bidding.conversion_actions[0])")],
    ),
    (
        "app-conversion-actions-without-leading-zeros",
        {9: APP_PROMOTION, 15: "    ages: {min: 18}", 22: "",
         25: "      creatives: [one]\n  google: {bidding: {app_goal: "
             "optimize_in_app_conversions_without_target_cpa, conversion_actions: ['0012', '12']}}"},
        [(27, "'0012'", "spec.google.bidding.conversion_actions[0]", "expected a Google Ads id")],
    ),
]  # fmt: skip


#: BASE as a Performance Max campaign (``google.channel: performance_max``): its ad group one asset group of
#: the creative's assets, its targeting locations and languages only.
PMAX_CREATIVE = (
    "      final_url: https://example.com/\n"
    "      google: {long_headline: Shoes for the long road, marketing_images: ['11'], "
    "square_marketing_images: ['12'], square_logo_images: ['13']}"
)
PMAX_CAMPAIGN = "      creatives: [one]\n  google: {channel: performance_max, business_name: Example Co}"
PMAX: dict[int, str] = {15: "    ages: {min: 18}", 22: PMAX_CREATIVE, 25: PMAX_CAMPAIGN}

CAMPAIGN_CASES += [
    (
        "pmax-criteria-and-bids",
        {**PMAX, 15: "    ages: {min: 25, max: 54}",
         25: "      creatives: [one]\n      keywords: [{text: shoes, match: exact}]\n"
             "      google: {cpc_bid: 1, target_cpa: 2}\n"
             "  google: {channel: performance_max, business_name: Example Co, networks: {display: true}, "
             "bidding: {strategy: manual_cpc}}"},
        [
            (15, "ages", "spec.targeting.ages", "to target them on Meta only"),
            (27, "keywords", "spec.ad_groups[0].keywords", "an asset group takes no criteria"),
            (28, "1,", "spec.ad_groups[0].google.cpc_bid", "cannot override its bidding"),
            (28, "2}", "spec.ad_groups[0].google.target_cpa", "cannot override its bidding"),
            (29, "networks", "spec.google.networks", "takes no network settings"),
            (29, "manual_cpc", "spec.google.bidding.strategy", "bids with maximize_conversions"),
        ],
    ),
    (
        "pmax-asset-group-without-business-name-logo-or-short-headline",
        {**PMAX, 20: "      headlines: [Alpha is long enough, Beta is long enough, Gamma is long enough]",
         22: PMAX_CREATIVE.replace(", square_logo_images: ['13']", ""),
         25: "      creatives: [one]\n  google: {channel: performance_max}"},
        [
            (20, "headlines", "spec.creatives[0].headlines", "no headline of at most 15 characters"),
            (23, "google", "spec.creatives[0].google", "needs a business name"),
            (23, "google", "spec.creatives[0].google", "takes 1 to 5 LOGO images"),
        ],
    ),
    (
        "pmax-asset-group-path2-without-path1",
        {**PMAX, 22: PMAX_CREATIVE.replace("['13']}", "['13'], path2: shoes}")},
        [(23, "shoes", "spec.creatives[0].google.path2", "found path2 without path1")],
    ),
    (
        "pmax-asset-group-of-two-creatives",
        {**PMAX, 22: PMAX_CREATIVE + "\n    - name: two\n      headlines: [A, B, C]\n"
                     "      descriptions: [One, Two]\n" + PMAX_CREATIVE,
         25: "      creatives: [one, two]\n  google: {channel: performance_max, business_name: Example Co}"},
        [(31, "creatives", "spec.ad_groups[0].creatives", "expected exactly one")],
    ),
    (
        "pmax-long-headlines-beside-long-headline-repeated-and-too-long",
        {**PMAX, 22: PMAX_CREATIVE.replace(
            "['13']}", f"['13'], long_headlines: [Boots, Boots, {'x' * 91}]}}"
        )},
        [
            (23, "Shoes for", "spec.creatives[0].google.long_headline", "beside long_headlines"),
            (23, "Boots, x", "spec.creatives[0].google.long_headlines[1]", "twice"),
            (23, "xxxx", "spec.creatives[0].google.long_headlines[2]", "at most 90"),
        ],
    ),
    (
        "pmax-six-long-headlines",
        {**PMAX, 22: PMAX_CREATIVE.replace("long_headline: Shoes for the long road",
                                           "long_headlines: [A, B, C, D, E, F]")},
        [(23, "long_headlines", "spec.creatives[0].google.long_headlines",
          "found 6 long_headlines; a Performance Max asset group takes 1 to 5")],
    ),
    (
        "search-youtube-videos",
        {22: "      final_url: https://example.com/\n      google: {youtube_videos: [dQw4w9WgXcQ]}"},
        [(23, "youtube_videos", "spec.creatives[0].google.youtube_videos",
          "found youtube_videos; it belongs to a Google responsive display ad or a Google Demand Gen video "
          "responsive ad or a Google Performance Max asset group: expected it only in a campaign with "
          "google.channel display or demand_gen or performance_max")],
    ),
    (
        "demand-gen-video-ad-with-marketing-images-and-two-companion-banners",
        {**DEMAND_GEN, 22: DEMAND_GEN_CREATIVE.replace(
            "['13']}", "['13'], youtube_videos: [dQw4w9WgXcQ], companion_banners: ['7', '8']}")},
        [
            (23, "square_marketing_images", "spec.creatives[0].google.square_marketing_images",
             "a creative with google.youtube_videos is a Google Demand Gen video responsive ad, which shows "
             "its videos, not marketing images"),
            (23, "portrait_marketing_images", "spec.creatives[0].google.portrait_marketing_images",
             "expected none (or no youtube_videos, for a multi-asset ad)"),
            (23, "companion_banners", "spec.creatives[0].google.companion_banners",
             "found 2 companion_banners; a Google Demand Gen video responsive ad takes at most 1"),
        ],
    ),
    (
        "demand-gen-video-ad-without-logo-or-business-name",
        {**DEMAND_GEN,
         22: "      final_url: https://example.com/\n      google: {youtube_videos: [dQw4w9WgXcQ]}",
         25: "      creatives: [one]\n  google: {channel: demand_gen}"},
        [
            (23, "google", "spec.creatives[0].google",
             "a Google Demand Gen video responsive ad needs a business name"),
            (23, "google", "spec.creatives[0].google",
             "a Google Demand Gen video responsive ad needs a logo: expected google.logo_images"),
        ],
    ),
    (
        "demand-gen-video-ad-options-without-videos",
        {**DEMAND_GEN, 22: DEMAND_GEN_CREATIVE.replace(
            "['13']}", "['13'], breadcrumb1: shoes, long_headlines: [Run further]}")},
        [
            (23, "shoes", "spec.creatives[0].google.breadcrumb1",
             "found breadcrumb1; it belongs to a Google Demand Gen video responsive ad"),
            (23, "long_headlines", "spec.creatives[0].google.long_headlines",
             "found long_headlines; it belongs to a Google Demand Gen video responsive ad, which a creative "
             "with google.youtube_videos is: expected youtube_videos (the ad's videos) with it"),
        ],
    ),
    (
        "demand-gen-call-to-action-of-the-other-kind-of-ad",
        {**DEMAND_GEN, 22: DEMAND_GEN_CREATIVE.replace("['13']}", "['13'], call_to_action: shop_now}")},
        [(23, "shop_now", "spec.creatives[0].google.call_to_action",
          "found call_to_action; a Google Demand Gen multi-asset ad says its call to action with "
          "google.call_to_action_text (call_to_action is a Demand Gen video responsive ad's, which a "
          "creative is with google.youtube_videos)")],
    ),
    (
        "demand-gen-video-ad-call-to-action-text",
        {**DEMAND_GEN,
         22: "      final_url: https://example.com/\n      google: {youtube_videos: [dQw4w9WgXcQ], "
             "logo_images: ['13'], call_to_action_text: Shop now}"},
        [(23, "Shop now", "spec.creatives[0].google.call_to_action_text",
          "found call_to_action_text; a Google Demand Gen video responsive ad says its call to action with "
          "google.call_to_action (call_to_action_text is a Demand Gen multi-asset ad's, which a creative is "
          "without google.youtube_videos)")],
    ),
    (
        "display-call-to-action-text",
        {**DISPLAY, 22: DISPLAY_CREATIVE.replace("['12']}", "['12'], call_to_action_text: Shop now}")},
        [(23, "Shop now", "spec.creatives[0].google.call_to_action_text",
          "found call_to_action_text; it belongs to a Google Demand Gen multi-asset ad: expected it only in "
          "a campaign with google.channel demand_gen")],
    ),
    (
        "search-breadcrumb",
        {22: "      final_url: https://example.com/\n      google: {breadcrumb2: trail}"},
        [(23, "trail", "spec.creatives[0].google.breadcrumb2",
          "found breadcrumb2; it belongs to a Google Demand Gen video responsive ad: expected it only in a "
          "campaign with google.channel demand_gen")],
    ),
    (
        "display-six-youtube-videos",
        {**DISPLAY, 22: DISPLAY_CREATIVE.replace(
            "['12']}", "['12'], youtube_videos: [aaaaaaaaaa1, aaaaaaaaaa2, aaaaaaaaaa3, aaaaaaaaaa4, "
            "aaaaaaaaaa5, aaaaaaaaaa6]}")},
        [(23, "youtube_videos", "spec.creatives[0].google.youtube_videos",
          "found 6 youtube_videos; expected at most 5 for a Google responsive display ad")],
    ),
    (
        "pmax-youtube-video-malformed",
        {**PMAX, 22: PMAX_CREATIVE.replace("['13']}", "['13'], youtube_videos: [dQw4w9WgXcQ, 'youtu.be']}")},
        [(23, "'youtu.be'", "spec.creatives[0].google.youtube_videos[1]",
          "expected a YouTube video id: the 11 letters, digits, '-' or '_' after 'v=' in its URL")],
    ),
    (
        "pmax-youtube-video-twice",
        {**PMAX, 22: PMAX_CREATIVE.replace("['13']}", "['13'], youtube_videos: [dQw4w9WgXcQ, dQw4w9WgXcQ]}")},
        [(23, "dQw4w9WgXcQ]", "spec.creatives[0].google.youtube_videos[1]", "duplicate YouTube video id")],
    ),
    (
        "pmax-six-youtube-videos",
        {**PMAX, 22: PMAX_CREATIVE.replace(
            "['13']}", "['13'], youtube_videos: [aaaaaaaaaa1, aaaaaaaaaa2, aaaaaaaaaa3, aaaaaaaaaa4, "
            "aaaaaaaaaa5, aaaaaaaaaa6]}")},
        [(23, "youtube_videos", "spec.creatives[0].google.youtube_videos",
          "found 6 youtube_videos; a Performance Max asset group takes at most 5 YOUTUBE_VIDEO assets")],
    ),
    (
        "display-long-headlines",
        {**DISPLAY, 22: DISPLAY_CREATIVE.replace("['12']}", "['12'], long_headlines: [A, B]}")},
        [(23, "long_headlines", "spec.creatives[0].google.long_headlines",
          "belongs to a Google Demand Gen video responsive ad or a Google Performance Max asset group: "
          "expected it only in a campaign with google.channel demand_gen or performance_max")],
    ),
    (
        "pmax-brand-guidelines-without-business-name-or-square-logo-and-a-creatives-logo",
        {**PMAX, 22: PMAX_CREATIVE.replace("['13']}", "['13'], business_name: Shop}"),
         25: "      creatives: [one]\n  google: {channel: performance_max, "
             "brand_guidelines: {logo_images: ['1', '2', '3', '4', '5', '6']}}"},
        [
            (23, "square_logo_images", "spec.creatives[0].google.square_logo_images", "brand guidelines on"),
            (23, "Shop", "spec.creatives[0].google.business_name", "brand guidelines on"),
            (27, "google", "spec.google", "found brand_guidelines without business_name"),
            (27, "brand_guidelines", "spec.google.brand_guidelines", "found 0 square_logo_images"),
            (27, "logo_images", "spec.google.brand_guidelines.logo_images", "found 6 logos"),
        ],
    ),
    (
        "brand-guidelines-on-a-display-campaign",
        {**DISPLAY, 25: DISPLAY_CAMPAIGN.replace("}", ", brand_guidelines: {square_logo_images: ['1']}}")},
        [(27, "brand_guidelines", "spec.google.brand_guidelines", "only a Performance Max campaign")],
    ),
    (
        "display-call-to-action",
        {**DISPLAY, 22: DISPLAY_CREATIVE.replace("['12']}", "['12'], call_to_action: shop_now}")},
        [(23, "shop_now", "spec.creatives[0].google.call_to_action",
          "belongs to a Google Demand Gen video responsive ad or a Google Performance Max asset group")],
    ),
    (
        "pmax-app-promotion",
        {**PMAX, 9: APP_PROMOTION, 22: ""},
        [(27, "performance_max", "spec.google.channel", "found channel performance_max on an app_promotion")],
    ),
]  # fmt: skip


#: BASE as a standard Shopping campaign (``google.channel: shopping``) on Google alone: no creatives (its
#: product ads come from the Merchant Center feed), all ages, manual CPC with the ad group's max CPC.
SHOPPING_CAMPAIGN = (
    "      google: {cpc_bid: 0.5}\n"
    "  google: {channel: shopping, shopping: {merchant_id: 123}, bidding: {strategy: manual_cpc}}"
)
SHOPPING: dict[int, str] = {
    8: "",
    12: "",
    15: "    ages: {min: 18}",
    18: "",
    19: "",
    20: "",
    21: "",
    22: "",
    25: SHOPPING_CAMPAIGN,
}

CAMPAIGN_CASES += [
    (
        "shopping-on-meta-with-creatives-and-keywords",
        {**SHOPPING, 8: BASE.splitlines()[7], 12: BASE.splitlines()[11],
         **{n: BASE.splitlines()[n - 1] for n in range(18, 23)},
         25: "      creatives: [one]\n      keywords: [{text: shoes}]\n      google: {cpc_bid: 0.5}\n"
             "  google: {channel: shopping, shopping: {merchant_id: 123}, keywords: [{text: boots}]}"},
        [
            (8, "meta", "spec.platforms.meta", "Meta's counterpart (catalog sales) needs a product catalog"),
            (19, "name", "spec.creatives[0]", "found creative 'one'; a Google Shopping campaign's ads are"),
            (26, "keywords", "spec.ad_groups[0].keywords", "targets locations and languages per campaign"),
            (28, "keywords", "spec.google.keywords", "matches searches to the products of its feed"),
        ],
    ),
    (
        "shopping-accelerated-delivery",
        {**SHOPPING, 25: SHOPPING_CAMPAIGN.replace("bidding:", "budget_delivery: accelerated, bidding:")},
        [(26, "accelerated", "spec.google.budget_delivery", "a Shopping campaign's budget delivers")],
    ),
    (
        "shopping-setting-values",
        {**SHOPPING, 25: "      google: {cpc_bid: 0.5}\n  google: {channel: shopping, shopping: "
                         "{merchant_id: 0, feed_label: us, campaign_priority: 3, enable_local: 1}}"},
        [
            (26, "0", "spec.google.shopping.merchant_id", "expected"),
            (26, "us", "spec.google.shopping.feed_label", "expected"),
            (26, "3", "spec.google.shopping.campaign_priority", "2"),
            (26, "1}", "spec.google.shopping.enable_local", "expected"),
        ],
    ),
    (
        "shopping-manual-cpc-without-bid-and-own-targeting",
        {**SHOPPING, 15: "    ages: {min: 25}",
         25: "      targeting: {locations: [CA]}\n"
             "  google: {channel: shopping, shopping: {merchant_id: 123}, bidding: {strategy: manual_cpc}}"},
        [
            (15, "ages", "spec.targeting.ages", "a Google Shopping campaign targets locations and languages"),
            (24, "name", "spec.ad_groups[0].google", "found no cpc_bid"),
            (25, "targeting", "spec.ad_groups[0].targeting", "expected the campaign's targeting"),
        ],
    ),
    (
        "shopping-without-settings-and-other-bidding",
        {**SHOPPING, 25: "  google: {channel: shopping, bidding: {strategy: maximize_conversions}}"},
        [
            (25, "google", "spec.google", "expected google.shopping.merchant_id"),
            (25, "maximize_conversions", "spec.google.bidding.strategy",
             "bids with manual_cpc, maximize_clicks, target_roas"),
        ],
    ),
    (
        "shopping-app-promotion",
        {**SHOPPING, 9: APP_PROMOTION,
         25: "  google: {channel: shopping, shopping: {merchant_id: 123}}"},
        [(26, "shopping", "spec.google.channel", "found channel shopping on an app_promotion campaign")],
    ),
    (
        "a-feed-channel-of-a-meta-only-app-promotion-campaign-and-its-app-campaign-kind",
        {7: "", 9: "  objective: app_promotion", 12: "",
         25: "      creatives: [one]\n  google: {channel: shopping, app_campaign: engagement}"},
        [
            (9, "app_promotion", "spec.objective", "an app_promotion campaign needs 'app'"),
            (26, "shopping", "spec.google.channel", "found channel shopping on an app_promotion campaign"),
            (26, "engagement", "spec.google.app_campaign", "it applies to a Google app campaign only"),
        ],
    ),
    (
        "shopping-settings-on-a-search-campaign",
        {25: "      creatives: [one]\n  google: {shopping: {merchant_id: 123}}"},
        [(26, "shopping", "spec.google.shopping", "expected them with 'channel: shopping' only")],
    ),
]  # fmt: skip


#: SHOPPING as a Hotel campaign (``google.channel: hotel``), bidding manual CPC by default.
HOTEL: dict[int, str] = {
    **SHOPPING,
    25: "      google: {cpc_bid: 0.5}\n  google: {channel: hotel, hotel: {hotel_center_id: 42}}",
}

CAMPAIGN_CASES += [
    (
        "hotel-on-meta-with-creatives-networks-and-negative-keywords",
        {**HOTEL, 8: BASE.splitlines()[7], 12: BASE.splitlines()[11],
         **{n: BASE.splitlines()[n - 1] for n in range(18, 23)},
         25: "      creatives: [one]\n      google: {cpc_bid: 0.5}\n  google: {channel: hotel, hotel: "
             "{hotel_center_id: 42}, networks: {display: true}, negative_keywords: [{text: free}]}"},
        [
            (8, "meta", "spec.platforms.meta", "shows the hotels and rates of a Hotel Center account"),
            (19, "name", "spec.creatives[0]", "a Google Hotel campaign's ads are hotel ads"),
            (27, "networks", "spec.google.networks", "serves on Google Search alone"),
            (27, "negative_keywords", "spec.google.negative_keywords", "expected none"),
        ],
    ),
    (
        "hotel-without-settings-and-other-bidding",
        {**HOTEL, 25: "  google: {channel: hotel, bidding: {strategy: maximize_clicks}}"},
        [
            (25, "google", "spec.google", "expected google.hotel.hotel_center_id"),
            (
                25,
                "maximize_clicks",
                "spec.google.bidding.strategy",
                "bids with manual_cpc, percent_cpc, target_roas",
            ),
        ],
    ),
    (
        "hotel-percent-cpc-with-a-max-cpc-and-a-bid-too-precise",
        {**HOTEL,
         25: "      google: {cpc_bid: 0.5, percent_cpc_bid: 12.34567}\n  google: {channel: hotel, hotel: "
             "{hotel_center_id: 42}, bidding: {strategy: percent_cpc, max_cpc: 2.50}}"},
        [
            (25, "12.34567", "spec.ad_groups[0].google.percent_cpc_bid", "which has 5 decimal places"),
        ],
    ),
    (
        "hotel-manual-cpc-with-a-max-cpc-and-a-percent-bid",
        {**HOTEL,
         25: "      google: {cpc_bid: 0.5, percent_cpc_bid: 10}\n  google: {channel: hotel, hotel: "
             "{hotel_center_id: 42}, bidding: {strategy: manual_cpc, max_cpc: 2.50}}"},
        [
            (25, "10", "spec.ad_groups[0].google.percent_cpc_bid", "the campaign bids manual_cpc"),
            (26, "2.50", "spec.google.bidding.max_cpc", "only to strategy maximize_clicks or percent_cpc"),
        ],
    ),
    (
        "hotel-percent-cpc-without-percent-bids",
        {**HOTEL,
         25: "      google: {cpc_bid: 0.5}\n  google: {channel: hotel, hotel: "
             "{hotel_center_id: 42}, bidding: {strategy: percent_cpc}}"},
        [
            (25, "google", "spec.ad_groups[0].google", "found no percent_cpc_bid; a Google Hotel ad group"),
        ],
    ),
    (
        "hotel-manual-cpc-by-default-without-bid-and-own-targeting",
        {**HOTEL,
         25: "      targeting: {locations: [CA]}\n  google: {channel: hotel, hotel: {hotel_center_id: 42}}"},
        [
            (24, "name", "spec.ad_groups[0].google", "found no cpc_bid; a Google Hotel ad group"),
            (25, "targeting", "spec.ad_groups[0].targeting", "expected the campaign's targeting"),
        ],
    ),
    (
        "hotel-with-the-default-networks-and-an-app-campaign-kind",
        {**HOTEL,
         25: "      google: {cpc_bid: 0.5}\n  google: {channel: hotel, hotel: {hotel_center_id: 42}, "
             "networks: {search: true}, app_campaign: installs}"},
        [
            (26, "networks", "spec.google.networks", "serves on Google Search alone: expected none"),
            (26, "installs", "spec.google.app_campaign", "a Google Hotel campaign is no app campaign"),
        ],
    ),
    (
        "hotel-settings-on-a-search-campaign",
        {25: "      creatives: [one]\n  google: {hotel: {hotel_center_id: 42}}"},
        [(26, "hotel", "spec.google.hotel", "expected them with 'channel: hotel' only")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("channel", "instead"),
    [("shopping", "expected none (negative_keywords it takes)"), ("hotel", "expected none")],
)
def test_a_feed_campaign_refuses_keywords_offering_negative_keywords_where_it_takes_them(
    tmp_path: Path, channel: str, instead: str
) -> None:
    """A Shopping campaign's keywords refusal offers the negative keywords it takes; a Hotel campaign's,
    which the spec language gives none, offers nothing instead."""
    setting = "shopping: {merchant_id: 123}" if channel == "shopping" else "hotel: {hotel_center_id: 42}"
    text = patched(
        {
            **SHOPPING,
            25: f"      google: {{cpc_bid: 0.5}}\n  google: {{channel: {channel}, {setting}, "
            "keywords: [{text: boots}]}",
        }
    )
    found = issues_of(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    said = [i.message for i in found if i.field == "spec.google.keywords"]
    assert len(said) == 1 and said[0].endswith(f"not to keywords: {instead}"), found


# Google refuses keyword text with these (criterion_error.KEYWORD_HAS_INVALID_CHARS).
CAMPAIGN_CASES += [
    (
        "keyword-with-characters-google-refuses",
        {25: "      creatives: [one]\n      keywords: [{text: 'walking shoes!!'}, {text: 'a|b'}]"},
        [
            (26, "'walking", "spec.ad_groups[0].keywords[0].text", "'!' which Google refuses in a keyword"),
            (26, "'a|b'", "spec.ad_groups[0].keywords[1].text", "'|' which Google refuses in a keyword"),
        ],
    ),
    (
        "negative-keywords-with-characters-google-refuses",
        {25: "      creatives: [one]\n      google: {negative_keywords: [{text: 'free?'}]}\n"
             "  google: {negative_keywords: [{text: '(cheap)'}]}"},
        [
            (26, "'free?'", "spec.ad_groups[0].google.negative_keywords[0].text", "'?' which Google refuses"),
            (27, "'(cheap)'", "spec.google.negative_keywords[0].text", "'(', ')' which Google refuses"),
        ],
    ),
]  # fmt: skip


# Meta refuses an ad set without a location unless it targets a custom audience (Marketing API, Basic
# Targeting: "You must specify at least one country in targeting, unless you use a Custom Audience").
CAMPAIGN_CASES += [
    (
        "meta-ad-set-without-location",
        {16: ""},
        [(15, "ages", "spec.targeting.locations", "Meta ad set 'main' targets no location")],
    ),
    (
        "meta-ad-set-without-location-by-its-ad-group",
        {25: "      creatives: [one]\n      targeting: {locations: []}"},
        [
            (
                26,
                "locations: []",
                "spec.ad_groups[0].targeting.locations",
                "Meta ad set 'main' targets no location",
            )
        ],
    ),
    (
        "meta-ad-set-without-location-by-the-meta-override",
        {25: "      creatives: [one]\n  meta: {targeting: {locations: []}}"},
        [(26, "locations: []", "spec.meta.targeting.locations", "Meta ad set 'main' targets no location")],
    ),
    (
        "meta-ad-sets-without-location-reported-once-at-the-campaign",
        {16: "", 25: "      creatives: [one]\n    - name: other\n      creatives: [one]"},
        [(15, "ages", "spec.targeting.locations", "Meta ad sets 'main', 'other' target no location")],
    ),
    (
        # Meta has no geo target constants (Google's alone): an ad set would go out with no place at all.
        "meta-ad-set-whose-every-location-is-a-google-geo-target-constant",
        {16: "    locations: ['geoTargetConstants/9059413']"},
        [
            (
                16,
                "locations: ['geoTargetConstants/9059413']",
                "spec.targeting.locations",
                "Meta ad set 'main' targets no location Meta has (geoTargetConstants/9059413 is Google's "
                "alone)",
            )
        ],
    ),
]


def carousel(*cards: str, platforms: str = "\n      platforms: [meta]", more: str = "") -> dict[int, str]:
    """BASE with a second creative, a carousel of ``cards`` (flow mappings) from line 29 on: its name on
    line 23, ``type`` on 24."""
    lines = "".join(f"\n        - {card}" for card in cards)
    return {
        22: "      final_url: https://example.com/\n    - name: deck\n      type: carousel"
        f"{platforms}\n      primary_text: Four shoes.\n      final_url: https://example.com/all{more}"
        f"\n      cards:{lines}"
    }


CARD = "{headline: Ridge, final_url: https://example.com/ridge, image_url: https://cdn.example.com/r.jpg}"
VIDEO_CARD = "{headline: Mesa, description: Grip, final_url: https://example.com/mesa, video_id: '1234'}"
HASH = "0123456789abcdef0123456789abcdef"


def watched(
    objective: str = "engagement", more: str = "\n      platforms: [meta]\n      call_to_action: none"
) -> dict[int, str]:
    """BASE of ``objective`` with a second creative, a video without final_url (its name on line 23), in the
    ad group."""
    return {
        9: f"  objective: {objective}",
        22: "      final_url: https://example.com/\n    - name: clip\n      type: video\n      video_id: '7'"
        f"\n      headlines: [Watch]\n      descriptions: []{more}",
        25: "      creatives: [one, clip]",
    }


def photo(
    objective: str = "engagement",
    media: str = "image_url: https://cdn.example.com/still.jpg",
    texts: str = "headlines: []\n      descriptions: []",
    more: str = "\n      platforms: [meta]\n      call_to_action: none",
) -> dict[int, str]:
    """BASE of ``objective`` with a second creative, an image without final_url (its name on line 23, its
    headlines on 26, descriptions on 27), in the ad group."""
    return {
        9: f"  objective: {objective}",
        22: f"      final_url: https://example.com/\n    - name: still\n      type: image\n      {media}"
        f"\n      {texts}\n      primary_text: New in store.{more}",
        25: "      creatives: [one, still]",
    }


POST = "      final_url: https://example.com/\n    - name: boost\n      type: post\n      platforms: [meta]"

CAMPAIGN_CASES += [
    (
        "carousel-of-one-card",
        carousel(CARD),
        [(28, "cards", "spec.creatives[1].cards", "found 1 card; expected at least 2 for a Meta carousel")],
    ),
    (
        "carousel-of-eleven-cards",
        carousel(*[CARD] * 11, more="\n      meta: {multi_share_optimized: true}"),
        [
            (
                29,
                "cards",
                "spec.creatives[1].cards",
                "found 11 cards; expected at most 10 for a Meta carousel (with 'meta: "
                "{multi_share_optimized: true}'; 5 without)",
            )
        ],
    ),
    (
        "carousel-of-six-cards-meta-does-not-order",
        carousel(*[CARD] * 6),
        [
            (
                28,
                "cards",
                "spec.creatives[1].cards",
                "found 6 cards; expected at most 5, or up to 10 with 'meta: {multi_share_optimized: true}'",
            )
        ],
    ),
    (
        "carousel-card-without-link-or-media",
        carousel(CARD, "{headline: Mesa}"),
        [
            (30, "{headline: Mesa}", "spec.creatives[1].cards[1]", "a carousel card needs 'final_url'"),
            (
                30,
                "{headline: Mesa}",
                "spec.creatives[1].cards[1]",
                "needs 'image_url', 'image_hash' or 'video_id'",
            ),
        ],
    ),
    (
        "a-video-without-link-in-a-sales-campaign",
        watched("sales"),
        [(23, "name", "spec.creatives[1].final_url", "a creative needs 'final_url'; found none")],
    ),
    (
        "a-video-without-link-with-a-button",
        watched(more="\n      platforms: [meta]"),
        [(23, "name", "spec.creatives[1].final_url", "engagement campaign with 'call_to_action: none'")],
    ),
    (
        "an-image-without-link-in-a-sales-campaign",
        photo("sales"),
        [(23, "name", "spec.creatives[1].final_url", "a creative needs 'final_url'; found none")],
    ),
    (
        "an-image-without-link-on-google-too",
        photo(
            texts="headlines: [Alpha, Beta, Gamma]\n      descriptions: [First one, Second one]",
            more="\n      call_to_action: none",
        ),
        [(23, "name", "spec.creatives[1].final_url", "a Meta-only image or video creative")],
    ),
    (
        "an-image-without-link-with-headlines-and-descriptions",
        photo(texts="headlines: [Look]\n      descriptions: [Fresh]"),
        [
            (26, "headlines", "spec.creatives[1].headlines", "a photo post, whose only text is its caption"),
            (27, "descriptions", "spec.creatives[1].descriptions", "expected none (primary_text is"),
        ],
    ),
    (
        "carousel-card-of-two-images",
        carousel(CARD, CARD[:-1] + f", image_hash: {HASH}}}"),
        [(30, HASH, "spec.creatives[1].cards[1].image_hash", "found both image_url and image_hash")],
    ),
    (
        "carousel-card-image-hash-shape",
        carousel(CARD, "{final_url: https://example.com/mesa, image_hash: 0f1e2d}"),
        [
            (
                30,
                "0f1e2d",
                "spec.creatives[1].cards[1].image_hash",
                "found '0f1e2d'; expected the hash of an image of the Meta ad account's library: 32 digits",
            )
        ],
    ),
    (
        "image-hash-and-image-url",
        {
            22: "      final_url: https://example.com/\n      type: image\n"
            f"      image_url: https://cdn.example.com/a.jpg\n      meta: {{image_hash: {HASH}}}"
        },
        [
            (
                25,
                HASH,
                "spec.creatives[0].meta.image_hash",
                "found both image_url and image_hash; expected one",
            )
        ],
    ),
    (
        "image-hash-on-a-text-creative",
        {22: f"      final_url: https://example.com/\n      meta: {{image_hash: {HASH}}}"},
        [
            (
                23,
                HASH,
                "spec.creatives[0].meta.image_hash",
                "found an image_hash on a text creative; expected one only on an image creative",
            )
        ],
    ),
    (
        "image-hash-on-a-carousel",
        carousel(CARD, VIDEO_CARD, more=f"\n      meta: {{image_hash: {HASH}}}"),
        [(28, HASH, "spec.creatives[1].meta.image_hash", "a carousel's on its cards")],
    ),
    (
        "carousel-on-google",
        carousel(CARD, VIDEO_CARD, platforms=""),
        [
            (
                24,
                "carousel",
                "spec.creatives[1].type",
                "a carousel runs on Google in a Demand Gen campaign alone (google.channel demand_gen: a "
                "Demand Gen carousel ad); expected 'platforms: [meta]'",
            )
        ],
    ),
    (
        "carousel-with-headlines-of-its-own",
        carousel(CARD, VIDEO_CARD, more="\n      headlines: [Shoes]"),
        [(28, "headlines", "spec.creatives[1].headlines", "a carousel's headlines are its cards'")],
    ),
    (
        "carousel-with-google-options",
        carousel(CARD, VIDEO_CARD, more="\n      google: {path1: shoes}"),
        [
            (
                28,
                "google",
                "spec.creatives[1].google",
                "a carousel runs on Meta alone; expected no google options",
            )
        ],
    ),
    (
        "post-without-post-id",
        {22: POST},
        [(24, "post", "spec.creatives[1].type", "a Page post creative needs 'post_id'")],
    ),
    (
        "post-with-texts-of-its-own",
        {22: f"{POST}\n      post_id: '123_456'\n      primary_text: Hi.\n      call_to_action: shop_now"},
        [
            (27, "Hi.", "spec.creatives[1].primary_text", "runs the post as it is, whose primary text"),
            (28, "shop_now", "spec.creatives[1].call_to_action", "whose call to action it holds"),
        ],
    ),
    (
        "post-id-shape",
        {22: f"{POST}\n      post_id: '123-456'"},
        [
            (
                26,
                "'123-456'",
                "spec.creatives[1].post_id",
                "found '123-456'; expected a Page post id: '<page id>_",
            )
        ],
    ),
    (
        "cards-on-a-text-creative",
        {22: "      final_url: https://example.com/\n      cards: [" + CARD + "]"},
        [(23, "cards", "spec.creatives[0].cards", "found cards on a text creative")],
    ),
]


#: The campaign's Advantage+ audience, in place of a line of BASE's first ad group.
ADVANTAGE_ON = "  meta: {advantage_audience: true}"

CAMPAIGN_CASES += [
    (
        "meta-advantage-audience-with-a-maximum-age",
        {25: "      creatives: [one]\n" + ADVANTAGE_ON},
        [(15, "54", "spec.targeting.ages.max", "found a maximum age of 54 with Advantage+ audience on")],
    ),
    (
        "an-ad-group-s-advantage-audience-with-its-own-maximum-age",
        {
            25: "      creatives: [one]\n      targeting: {ages: {max: 40}}\n"
            "      meta: {advantage_audience: true}"
        },
        [(26, "40", "spec.ad_groups[0].targeting.ages.max", "(error 1870189)")],
    ),
    (
        "meta-advantage-audience-settings-of-a-key-meta-s-clients-do-not-send",
        {25: "      creatives: [one]\n  meta: {advantage_audience_settings: {age: 1, custom_audience: 1}}"},
        [
            (
                26,
                "custom_audience",
                "spec.meta.advantage_audience_settings.custom_audience",
                "found 'custom_audience'; expected one of 'age', 'gender', 'geo'",
            )
        ],
    ),
    (
        "an-ad-group-s-advantage-audience-settings-of-a-flag-not-0-or-1",
        {25: "      creatives: [one]\n      meta: {advantage_audience_settings: {gender: true, geo: 2}}"},
        [
            (
                26,
                "true",
                "spec.ad_groups[0].meta.advantage_audience_settings.gender",
                "found true; expected 0 or 1 (held and sent to Meta as written)",
            ),
            (
                26,
                "2",
                "spec.ad_groups[0].meta.advantage_audience_settings.geo",
                "found the number 2; expected 0 or 1",
            ),
        ],
    ),
    (
        "a-meta-spending-limit-of-fractions-of-a-cent",
        {25: "      creatives: [one]\n  meta: {spend_cap: 250.005}"},
        [
            (
                26,
                "250.005",
                "spec.meta.spend_cap",
                "found 250.005, which has 3 decimal places; expected at most 2",
            )
        ],
    ),
    (
        "a-meta-spending-limit-below-meta-s-least",
        {25: "      creatives: [one]\n  meta: {spend_cap: 99.99}"},
        [(26, "99.99", "spec.meta.spend_cap", "found 99.99 USD; expected at least 100.00 USD, Meta's least")],
    ),
    (
        "a-meta-spending-limit-of-nothing",
        {25: "      creatives: [one]\n  meta: {spend_cap: 0}"},
        [(26, "0", "spec.meta.spend_cap", "found the number 0; expected a value greater than 0")],
    ),
    (
        "a-meta-cap-strategy-without-its-amount",
        {25: "      creatives: [one]\n  meta: {bid_strategy: cost_cap}"},
        [(26, "cost_cap", "spec.meta.bid_strategy", "found COST_CAP without meta.bid_amount")],
    ),
    (
        "a-meta-cap-amount-without-a-cap-strategy",
        {25: "      creatives: [one]\n  meta: {bid_amount: 5}"},
        [(26, "5", "spec.meta.bid_amount", "Meta takes only with bid_strategy COST_CAP or")],
    ),
    (
        "a-meta-ad-group-cap-without-a-cap-strategy",
        {25: "      creatives: [one]\n      meta: {bid_amount: 5}"},
        [(26, "5", "spec.ad_groups[0].meta.bid_amount", "the campaign's meta.bid_strategy is LOWEST_COST")],
    ),
    (
        "a-meta-roas-floor-without-min-roas",
        {25: "      creatives: [one]\n  meta: {bid_strategy: cost_cap, bid_amount: 5, roas_floor: 2}"},
        [(26, "2", "spec.meta.roas_floor", "with bid_strategy LOWEST_COST_WITH_MIN_ROAS")],
    ),
    (
        "min-roas-without-its-floor",
        {
            25: "      creatives: [one]\n"
            "  meta: {bid_strategy: lowest_cost_with_min_roas, optimization_goal: value}"
        },
        [(26, "lowest_cost_with_min_roas", "spec.meta.bid_strategy", "without meta.roas_floor")],
    ),
    (
        "min-roas-without-value-optimization",
        {25: "      creatives: [one]\n  meta: {bid_strategy: lowest_cost_with_min_roas, roas_floor: 2}"},
        [
            (
                26,
                "lowest_cost_with_min_roas",
                "spec.meta.bid_strategy",
                "which optimises for OFFSITE_CONVERSIONS; expected optimization_goal VALUE",
            )
        ],
    ),
    (
        "meta-bids-of-a-campaign-naming-no-ad-group",
        {23: "  meta: {bid_strategy: cost_cap}", 24: "", 25: ""},
        [(23, "cost_cap", "spec.meta.bid_strategy", "without meta.bid_amount")],
    ),
    (
        "min-roas-without-value-optimization-in-a-campaign-naming-no-ad-group",
        {23: "  meta: {bid_strategy: lowest_cost_with_min_roas, roas_floor: 2}", 24: "", 25: ""},
        [(23, "lowest_cost_with_min_roas", "spec.meta.bid_strategy", "expected optimization_goal VALUE")],
    ),
    (
        "a-campaign-cap-every-meta-ad-group-bids-without",
        {
            25: "      creatives: [one]\n"
            "      meta: {budget: {daily: 20}, bid_strategy: lowest_cost_without_cap}\n"
            "  meta: {bid_strategy: cost_cap, bid_amount: 4.5}"
        },
        [(27, "4.5", "spec.meta.bid_amount", "which no ad set bids with")],
    ),
    (
        "meta-settings-on-an-ad-group-off-meta",
        {
            25: "      creatives: [one]\n      platforms: [google]\n"
            "      meta: {bid_strategy: cost_cap, advantage_audience: true}"
        },
        [
            (27, "cost_cap", "spec.ad_groups[0].meta.bid_strategy", "does not run on Meta"),
            (27, "true", "spec.ad_groups[0].meta.advantage_audience", "does not run on Meta"),
        ],
    ),
    (
        "a-meta-cap-finer-than-the-currency",
        {25: "      creatives: [one]\n  meta: {bid_strategy: cost_cap, bid_amount: 5.001}"},
        [(26, "5.001", "spec.meta.bid_amount", "expected at most 2 for USD")],
    ),
    (
        "a-roas-floor-finer-than-meta-keeps",
        {
            25: "      creatives: [one]\n  meta: {bid_strategy: lowest_cost_with_min_roas,"
            " roas_floor: 2.00001, optimization_goal: value}"
        },
        [
            (
                26,
                "2.00001",
                "spec.meta.roas_floor",
                "expected at most 4 (Meta keeps a ROAS in ten-thousandths)",
            )
        ],
    ),
    (
        "a-meta-cap-of-zero",
        {25: "      creatives: [one]\n  meta: {bid_strategy: cost_cap, bid_amount: 0}"},
        [(26, "0", "spec.meta.bid_amount", "expected a value greater than 0")],
    ),
    (
        "a-negative-ad-group-roas-floor",
        {
            25: "      creatives: [one]\n      meta: {roas_floor: -1}\n"
            "  meta: {bid_strategy: lowest_cost_with_min_roas}"
        },
        [(26, "-1", "spec.ad_groups[0].meta.roas_floor", "expected a value greater than 0")],
    ),
    (
        "a-meta-ad-group-without-the-cap-the-others-set",
        {
            25: "      creatives: [one]\n      meta: {bid_amount: 5}\n    - name: other\n"
            "      creatives: [one]\n  meta: {bid_strategy: lowest_cost_with_bid_cap}"
        },
        [(27, "name", "spec.ad_groups[1].meta", "found no meta.bid_amount while the campaign's")],
    ),
]


def _adset_budget_groups(extra: str, other: str = "", campaign_meta: str = "{}") -> dict[int, str]:
    """Two Meta ad sets with budgets of their own, 12 and 8 of the campaign's 20 on Meta: ``main`` (its
    ``meta`` on line 26, ``extra`` more of it) and ``other`` (line 29), then the campaign's ``meta``."""
    return {
        25: f"      creatives: [one]\n      meta: {{budget: {{daily: 12}}{extra}}}\n    - name: other\n"
        f"      creatives: [one]\n      meta: {{budget: {{daily: 8}}{other}}}\n  meta: {campaign_meta}"
    }


CAMPAIGN_CASES += [
    (
        "a-meta-ad-group-s-own-strategy-under-a-campaign-budget",
        {25: "      creatives: [one]\n      meta: {bid_strategy: cost_cap, bid_amount: 5}"},
        [
            (
                26,
                "cost_cap",
                "spec.ad_groups[0].meta.bid_strategy",
                "found COST_CAP under a campaign budget, whose ad sets all bid with the campaign's "
                "meta.bid_strategy, LOWEST_COST_WITHOUT_CAP; expected no meta.bid_strategy here",
            )
        ],
    ),
    (
        "a-meta-cap-on-an-ad-group-whose-own-strategy-takes-none",
        _adset_budget_groups(
            ", bid_strategy: lowest_cost_without_cap, bid_amount: 5",
            campaign_meta="{bid_strategy: cost_cap, bid_amount: 4}",
        ),
        [
            (
                26,
                "5",
                "spec.ad_groups[0].meta.bid_amount",
                "its meta.bid_strategy is LOWEST_COST_WITHOUT_CAP: expected no bid_amount",
            )
        ],
    ),
    (
        "a-meta-ad-group-s-own-cap-strategy-without-its-cap",
        _adset_budget_groups(", bid_strategy: cost_cap"),
        [
            (
                26,
                "meta",
                "spec.ad_groups[0].meta",
                "found no meta.bid_amount while its meta.bid_strategy is COST_CAP",
            )
        ],
    ),
    (
        "a-meta-roas-floor-on-an-ad-group-bidding-with-a-cost-cap",
        _adset_budget_groups(
            ", bid_strategy: cost_cap, bid_amount: 5, roas_floor: 3",
            campaign_meta=(
                "{bid_strategy: lowest_cost_with_min_roas, roas_floor: 2, optimization_goal: value}"
            ),
        ),
        [
            (
                26,
                "3",
                "spec.ad_groups[0].meta.roas_floor",
                "its meta.bid_strategy is COST_CAP: expected no roas_floor",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("replacements", "expected"), [c[1:] for c in CAMPAIGN_CASES], ids=[c[0] for c in CAMPAIGN_CASES]
)
def test_campaign_rules_point_at_the_offending_node(
    tmp_path: Path, replacements: dict[int, str], expected: list[tuple[int, str, str, str]]
) -> None:
    text = patched(replacements)
    found = issues_of(tmp_path, {"specs/c.yaml": text, "policies/budget.yaml": POLICY})
    expect(text, "specs/c.yaml", expected, found)


#: A carousel card that runs on Google as well as Meta: its images by asset id, its own call to action text.
GOOGLE_CARD = (
    "{headline: Ridge, final_url: https://example.com/ridge, image_url: https://cdn.example.com/r.jpg, "
    "google: {marketing_image: '21', portrait_marketing_image: '23', call_to_action_text: Shop}}"
)


def demand_gen_carousel(
    *cards: str, google: str = "{headline: Four trail shoes, logo_images: ['13']}", platforms: str = ""
) -> dict[int, str]:
    """DEMAND_GEN with a second creative on both platforms, a carousel of ``cards`` (a Google Demand Gen
    carousel ad too): its name on line 24, ``google`` on 28, its cards from line 30 on."""
    deck = carousel(*cards, platforms=platforms, more=f"\n      google: {google}")[22]
    return {**DEMAND_GEN, 22: DEMAND_GEN_CREATIVE + deck[len("      final_url: https://example.com/") :]}


CAMPAIGN_CASES += [
    (
        "demand-gen-carousel-lacking-what-google-needs",
        demand_gen_carousel(
            GOOGLE_CARD.replace("headline: Ridge, ", "").replace("marketing_image: '21', ", ""),
            google="{logo_images: ['13', '14'], marketing_images: ['9']}",
        ),
        [
            (24, "name", "spec.creatives[1]", "a Google Demand Gen carousel ad needs google.headline (the "
             "ad's headline); found none"),
            (28, "['13'", "spec.creatives[1].google.logo_images", "found 2 logo_images; a Google Demand Gen "
             "carousel ad shows one logo"),
            (28, "marketing_images", "spec.creatives[1].google.marketing_images", "found marketing_images; a "
             "Google Demand Gen carousel ad takes business_name, logo_images, headline"),
            (29, "cards", "spec.creatives[1].cards", "found 1 cards; expected 2 to 10 for a Google Demand "
             "Gen carousel ad"),
            (30, "{", "spec.creatives[1].cards[0]", "a card of a Google Demand Gen carousel ad needs a "
             "headline, google.marketing_image or square_marketing_image; found none"),
        ],
    ),
    (
        "carousel-card-google-options-outside-demand-gen",
        carousel(GOOGLE_CARD, CARD),
        [(29, "google", "spec.creatives[1].cards[0].google", "a carousel card's google options are a Google "
          "Demand Gen carousel ad's")],
    ),
    (
        "carousel-headline-on-a-multi-asset-ad",
        {**DEMAND_GEN, 22: DEMAND_GEN_CREATIVE.replace("['13']}", "['13'], headline: Shoes}")},
        [(23, "Shoes", "spec.creatives[0].google.headline", "found headline; it is a Google Demand Gen "
          "carousel ad's (a type: carousel creative)")],
    ),
]  # fmt: skip


VALID_VARIANTS: list[tuple[str, dict[int, str]]] = [
    ("base", {}),
    (
        "meta-whatsapp-status-beside-instagram-stories",
        {25: "      creatives: [one]\n  meta: {placements: {instagram: [story, reels], whatsapp: [status]}}"},
    ),
    (
        "meta-whatsapp-beside-every-instagram-position",
        {25: "      creatives: [one]\n  meta: {placements: [instagram, whatsapp]}"},
    ),
    ("meta-carousel", carousel(CARD, VIDEO_CARD)),
    ("demand-gen-carousel-on-google-and-meta", demand_gen_carousel(GOOGLE_CARD, GOOGLE_CARD)),
    (
        "demand-gen-carousel-on-google-alone",
        demand_gen_carousel(
            GOOGLE_CARD.replace(", image_url: https://cdn.example.com/r.jpg", ""),
            CARD.replace(
                "image_url: https://cdn.example.com/r.jpg", "google: {square_marketing_image: '22'}"
            ),
            platforms="\n      platforms: [google]",
        ),
    ),
    (
        "meta-carousel-of-library-images",
        carousel(
            "{final_url: https://example.com/ridge, image_hash: " + HASH + "}",
            VIDEO_CARD[:-1] + f", image_hash: {HASH}}}",
        ),
    ),
    ("meta-video-watched-not-clicked-in-engagement", watched("engagement")),
    ("meta-image-seen-not-clicked-in-engagement", photo()),
    ("meta-image-of-the-library-seen-not-clicked", photo(media=f"meta: {{image_hash: {HASH}}}")),
    (
        "meta-image-of-the-library",
        {22: f"      final_url: https://example.com/\n      type: image\n      meta: {{image_hash: {HASH}}}"},
    ),
    (
        "meta-video-thumbnail-of-the-library",
        {
            22: "      final_url: https://example.com/\n      type: video\n      video_id: '7'\n"
            f"      meta: {{image_hash: {HASH}}}"
        },
    ),
    (
        "meta-carousel-of-ten-cards",
        carousel(
            *[CARD] * 10,
            more="\n      meta:\n        multi_share_optimized: true\n        multi_share_end_card: false",
        ),
    ),
    ("meta-page-post", {22: f"{POST}\n      post_id: '123_456'\n      status: paused"}),
    (
        "meta-only-skips-rsa-limits",
        {7: "    google: null", 12: "    split: {meta: 1}", 20: "      headlines: [A]"},
    ),
    ("open-ended-ages", {15: "    ages: {min: 18, max: null}"}),
    ("display-campaign", DISPLAY),
    ("pmax-campaign", PMAX),
    ("shopping-campaign", SHOPPING),
    (
        "shopping-campaign-feed-label-target-roas",
        {
            **SHOPPING,
            25: "  google: {channel: shopping, shopping: {merchant_id: '123', feed_label: US-ONLINE_2, "
            "campaign_priority: 2, enable_local: true}, bidding: {strategy: target_roas, target_roas: 4},\n"
            "           negative_keywords: [{text: cheap}]}",
        },
    ),
    (
        "display-campaign-with-youtube-videos",
        {**DISPLAY, 22: DISPLAY_CREATIVE.replace("['12']}", "['12'], youtube_videos: [dQw4w9WgXcQ]}")},
    ),
    (
        "pmax-campaign-with-youtube-videos",
        {**PMAX, 22: PMAX_CREATIVE.replace("['13']}", "['13'], youtube_videos: [dQw4w9WgXcQ, M7lc1UVf-VE]}")},
    ),
    (
        "pmax-campaign-with-a-call-to-action",
        {**PMAX, 22: PMAX_CREATIVE.replace("['13']}", "['13'], call_to_action: book_now}")},
    ),
    (
        "pmax-campaign-with-brand-guidelines",
        {
            **PMAX,
            22: PMAX_CREATIVE.replace(", square_logo_images: ['13']", ""),
            25: PMAX_CAMPAIGN.replace(
                "}", ", brand_guidelines: {square_logo_images: ['13'], logo_images: ['14']}}"
            ),
        },
    ),
    (
        "pmax-campaign-of-several-long-headlines",
        {
            **PMAX,
            22: PMAX_CREATIVE.replace(
                "long_headline: Shoes for the long road", "long_headlines: [Boots for hills, Shoes for roads]"
            ),
        },
    ),
    (
        "pmax-campaign-target-cpa-and-a-meta-only-ad-set",
        {
            **PMAX,
            25: "      creatives: [one]\n    - name: meta-extra\n      platforms: [meta]\n"
            "      targeting: {ages: {min: 30}}\n"
            "  google: {channel: performance_max, business_name: Example Co, "
            "bidding: {strategy: target_cpa, target_cpa: 5}}",
        },
    ),
    (
        # It targets as Meta does until it runs on Google (``midas mirror`` moves its ages then).
        "pmax-meta-only-campaign-keeps-its-ages",
        {**PMAX, 7: "    google: null", 12: "    split: {meta: 1}", 15: "    ages: {min: 25, max: 54}"},
    ),
    ("demand-gen-campaign", DEMAND_GEN),
    (
        # Its texts have no documented limits: six headlines are Google's to judge.
        "demand-gen-video-responsive-ad",
        {
            **DEMAND_GEN,
            20: "      headlines: [A, B, C, D, E, F]",
            22: "      final_url: https://example.com/\n"
            "      google: {youtube_videos: [dQw4w9WgXcQ, aaaaaaaaaa1], logo_images: ['13'], "
            "long_headlines: [Run further, Run longer], breadcrumb1: shoes, breadcrumb2: trail, "
            "companion_banners: ['15']}",
        },
    ),
    (
        "demand-gen-campaign-per-ad-group-locations-meta-ages-target-roas",
        {
            **DEMAND_GEN,
            25: "      creatives: [one]\n      targeting: {locations: [GB], languages: [en]}\n"
            "  google: {channel: demand_gen, business_name: Example Co, "
            "bidding: {strategy: target_roas, target_roas: 3.5}}\n  meta: {targeting: {ages: {min: 25}}}",
        },
    ),
    (
        "demand-gen-ad-groups-picking-channels-or-google-owned-ones",
        {
            **DEMAND_GEN,
            25: "      creatives: [one]\n      google: {channels: [YouTube_Shorts, gmail]}\n"
            "    - {name: owned, google: {channels: google_owned}}\n"
            "    - {name: every, google: {channels: all}}\n" + DEMAND_GEN_CAMPAIGN[23:],
        },
    ),
    (
        "display-campaign-long-headline-from-primary-text-business-name-of-the-creative",
        {
            21: "      descriptions: [First description]\n      primary_text: Shoes for the long road",
            22: "      final_url: https://example.com/\n      google: {business_name: Example Co, "
            "marketing_images: ['11'], square_marketing_images: ['12'], logo_images: ['13']}",
            25: "      creatives: [one]\n"
            "  google: {channel: display, bidding: {strategy: target_cpa, target_cpa: 5}}",
        },
    ),
    ("one-day-campaign", {13: "  schedule: {start: 2026-03-01, end: 2026-03-01}"}),
    ("split-by-amount", {12: "    split: {by: amount, google: 30.00, meta: 20}"}),
    ("policy-budget", {11: "    policy: brand-pool", 12: "    split: {google: 0.5, meta: 0.5}"}),
    ("lower-case-codes-normalised", {16: "    locations: [us, us-ca]", 17: "    languages: [EN]"}),
    ("regions", {16: "    locations: [US-CA, US-NY, GB-ENG]"}),
    (
        "merge-keys",
        {14: "  targeting: &t", 25: "      creatives: [one]\n      targeting: {<<: *t, languages: [fr]}"},
    ),
    ("quoted-amount", {11: "    daily: '50.00'"}),
    (
        "ad-set-budgets-of-both-periods",
        {
            25: "      creatives: [one]\n      meta: {budget: {daily: 20}}\n    - name: late\n"
            "      meta: {budget: {lifetime: 300}, schedule: {start: 2026-04-01, end: 2026-04-30}}"
        },
    ),
    ("eu-political-advertising", {25: "      creatives: [one]\n  google: {eu_political_advertising: true}"}),
    (
        "awareness-with-impression-share",
        {
            9: "  objective: awareness",
            25: "      creatives: [one]\n  google:\n    bidding:\n"
            "      impression_share: {location: absolute_top_of_page, share: 0.000001, max_cpc: 2.50}",
        },
    ),
    (
        "impression-share-strategy-on-another-objective",
        {
            25: "      creatives: [one]\n  google:\n    bidding:\n      strategy: target_impression_share\n"
            "      impression_share: {location: anywhere_on_page, share: 1, max_cpc: 0.5}",
        },
    ),
    (
        "awareness-on-meta-needs-no-impression-share",
        {7: "", 9: "  objective: awareness", 12: "    split: {meta: 1}"},
    ),
    (
        "additional-final-urls",
        {
            22: "      final_url: https://example.com/\n      google: {additional_final_urls: [https://example.com/b]}"
        },
    ),
    (
        "one-creative-name-per-platform",
        {
            19: "    - name: one\n      platforms: [google]",
            22: "      final_url: https://example.com/\n    - name: one\n      platforms: [meta]\n"
            "      headlines: [A title Google never shows]\n      descriptions: []\n"
            "      final_url: https://example.com/meta\n      call_to_action: none",
        },
    ),
    (
        "one-ad-group-name-per-platform",
        {
            24: "    - name: main\n      platforms: [google]",
            25: "      creatives: [one]\n      keywords: [{text: shoes}]\n    - name: main\n"
            "      platforms: [meta]\n      targeting: {ages: {min: 30, max: 40}}",
        },
    ),
    (
        "app-promotion-creatives-link-to-the-store",
        {
            7: "",
            9: "  objective: app_promotion\n"
            "  app: {store: google_play, id: com.example.game, meta_app_id: '42'}",
            12: "    split: {meta: 1}",
            22: "",
        },
    ),
    (
        "a-google-app-campaign-targeting-ages-on-meta-only",
        {
            9: APP_PROMOTION,
            15: "    ages: {min: 18}",
            22: "",
            25: "      creatives: [one]\n  meta: {targeting: {ages: {min: 25, max: 54}}}",
        },
    ),
    (
        "a-traffic-ad-set-counting-conversions",
        {9: "  objective: traffic", 25: "      creatives: [one]\n      meta: {conversion: {event: lead}}"},
    ),
    (
        "conversions-of-other-pixels-and-events",
        {
            25: "      creatives: [one]\n      meta: {conversion: {event: add_to_cart}}\n"
            "  meta: {conversion: {pixel_id: 987, event: initiated_checkout}}"
        },
    ),
    (
        "a-custom-conversion-and-an-ad-groups-own-event",
        {
            25: "      creatives: [one]\n      meta: {conversion: {event: add_to_cart}}\n"
            "    - name: other\n      meta: {optimization_goal: link_clicks, conversion: {}}\n"
            "  meta: {conversion: {custom_conversion_id: '555'}}"
        },
    ),
    (
        "custom-events-of-the-campaign-and-an-ad-group-over-a-standard-one",
        {
            25: "      creatives: [one]\n      meta: {conversion: {custom_event: Booked Demo}}\n"
            "    - name: other\n      meta: {conversion: {event: lead}}\n"
            "  meta: {conversion: {pixel_id: 987, custom_event: SignedUpForDemo}}"
        },
    ),
    (
        "pixel-rules-narrowing-a-standard-and-a-custom-event",
        {
            25: "      creatives: [one]\n"
            "      meta: {conversion: {event: lead, pixel_rule: {url: {i_contains: ok}}}}\n"
            "  meta:\n    conversion:\n      custom_event: Booked Demo\n      pixel_rule:\n"
            "        and: [{url: {i_contains: thanks}}, {value: {gt: 10}}]"
        },
    ),
    (
        "a-traffic-ad-set-counting-a-custom-conversion",
        {
            9: "  objective: traffic",
            25: "      creatives: [one]\n      meta: {conversion: {custom_conversion_id: 9}}",
        },
    ),
    (
        "ad-set-budgets-and-dates",
        {
            25: "      creatives: [one]\n"
            "      meta: {budget: {daily: 12.50}, schedule: {start: 2026-04-01}}\n"
            "    - name: other\n      meta: {budget: {daily: 7.50}, schedule: {end: null}}"
        },
    ),
    (
        "ad-set-budgets-shared",
        {
            25: "      creatives: [one]\n      meta: {budget: {daily: 12.50}}\n"
            "    - name: other\n      meta: {budget: {daily: 7.50}}\n  meta: {adset_budget_sharing: true}"
        },
    ),
]


VALID_VARIANTS += [
    (
        "keyword-characters-google-takes",
        {25: "      creatives: [one]\n      keywords: [{text: \"h&m café's #1 t-shirts: $5/pair + more\"}]"},
    ),
    ("google-only-without-location", {8: "    meta: null", 12: "    split: {google: 1}", 16: ""}),
    (
        "cities-and-postal-codes",
        {16: "    locations: ['San Francisco, US-CA', 'Paris, FR', 'US:94103', 'GB:SW1A 1AA']\n"
         "    exclude: {locations: ['Oakland, US-CA', 'us:94110']}"},
    ),
    (
        "meta-ad-set-located-by-its-ad-group",
        {16: "", 25: "      creatives: [one]\n      targeting: {locations: [US]}"},
    ),
    (
        "ad-group-without-location-on-google-only",
        {25: "      creatives: [one]\n    - name: other\n      platforms: [google]\n"
             "      targeting: {locations: []}"},
    ),
]  # fmt: skip


VALID_VARIANTS += [
    (
        "meta-cost-cap-overridden-by-an-ad-group",
        {
            25: "      creatives: [one]\n      meta: {bid_amount: 7.25}\n    - name: other\n"
            "      creatives: [one]\n  meta: {bid_strategy: cost_cap, bid_amount: 5}"
        },
    ),
    (
        "meta-min-roas",
        {
            25: "      creatives: [one]\n  meta: {bid_strategy: lowest_cost_with_min_roas, roas_floor: 2.5, "
            "optimization_goal: value}"
        },
    ),
    (
        "meta-cap-on-every-ad-group",
        {25: "      creatives: [one]\n      meta: {bid_amount: 3}\n  meta: {bid_strategy: cost_cap}"},
    ),
    (
        "meta-ad-groups-each-bidding-with-their-own-strategy-on-ad-set-budgets",
        _adset_budget_groups(
            ", bid_strategy: cost_cap, bid_amount: 5",
            ", bid_strategy: lowest_cost_with_min_roas, roas_floor: 2, optimization_goal: value",
        ),
    ),
    (
        "meta-ad-group-bidding-with-its-own-cap-strategy-on-the-campaign-s-cap",
        _adset_budget_groups(", bid_strategy: cost_cap", campaign_meta="{bid_amount: 5}"),
    ),
    (
        "meta-ad-group-restating-the-campaign-s-strategy-under-a-campaign-budget",
        {
            25: "      creatives: [one]\n      meta: {bid_strategy: cost_cap}\n"
            "  meta: {bid_strategy: cost_cap, bid_amount: 5}"
        },
    ),
]


@pytest.mark.parametrize("replacements", [c[1] for c in VALID_VARIANTS], ids=[c[0] for c in VALID_VARIANTS])
def test_valid_variants_load(tmp_path: Path, replacements: dict[int, str]) -> None:
    write(tmp_path, {"specs/c.yaml": patched(replacements), "policies/budget.yaml": POLICY})
    workspace = load_workspace(tmp_path, env={})
    assert list(workspace.campaigns) == ["c"]


def test_codes_are_stored_in_iso_case_and_merge_keys_apply(tmp_path: Path) -> None:
    text = patched(
        {
            14: "  targeting: &t",
            16: "    locations: [us, us-ca]",
            17: "    languages: [EN]",
            25: "      creatives: [one]\n      targeting: {<<: *t, languages: [fr]}",
        }
    )
    write(tmp_path, {"specs/c.yaml": text})
    spec = load_workspace(tmp_path, env={}).campaigns["c"].spec
    assert spec.targeting.locations == ["US", "US-CA"] and spec.targeting.languages == ["en"]
    override = spec.ad_groups[0].targeting
    assert override is not None
    assert (override.locations, override.languages, override.ages.max) == (["US", "US-CA"], ["fr"], 54)


def test_code_errors_quote_the_codes_as_written(tmp_path: Path) -> None:
    """Codes are stored in ISO's case, but a problem quotes what the user wrote: ``germany``, not
    ``GERMANY``, whether the shape, the assignment or a repeat is wrong."""
    shapes = patched(
        {
            16: "    locations: [germany]",
            17: "    languages: [EN, English]\n    exclude: {locations: [narnia]}",
        }
    )
    assigned = patched({4: "  name: d", 16: "    locations: [uk, us, Us]"})
    guardrail = head("Guardrail") + "  allowed_countries: [uk]\n"
    files = {"specs/c.yaml": shapes, "specs/d.yaml": assigned, "policies/g.yaml": guardrail}
    found = issues_of(tmp_path, files)
    messages = {(i.file, i.field): i.message for i in found}
    assert messages[("specs/c.yaml", "spec.targeting.locations[0]")].startswith("found 'germany'; ")
    assert "did you mean 'DE'?" in messages[("specs/c.yaml", "spec.targeting.locations[0]")]
    assert messages[("specs/d.yaml", "spec.targeting.locations[0]")].startswith("found 'uk', which is not")
    assert messages[("specs/d.yaml", "spec.targeting.locations[2]")].startswith("found 'Us', a duplicate")
    assert messages[("specs/c.yaml", "spec.targeting.languages[1]")].startswith("found 'English'; ")
    assert messages[("specs/c.yaml", "spec.targeting.exclude.locations[0]")].startswith("found 'narnia'; ")
    assert messages[("policies/g.yaml", "spec.allowed_countries[0]")].startswith("found 'uk', which is not")
    upper_cased = ("GERMANY", "'UK'", "NARNIA", "'english'")
    assert not any(word in str(issue) for issue in found for word in upper_cased)


def test_money_and_shares_are_exact_decimals(tmp_path: Path) -> None:
    write(tmp_path, {"specs/c.yaml": patched({12: "    split: {google: 0.7, meta: 0.3}"})})
    budget = load_workspace(tmp_path, env={}).campaigns["c"].spec.budget
    assert budget.daily == Decimal("50.00") and str(budget.daily) == "50.00"
    assert budget.split is not None and (budget.split.google, budget.split.meta) == (
        Decimal("0.7"),
        Decimal("0.3"),
    )


def head(kind: str) -> str:
    """The first four lines of a document of ``kind``; its spec follows from line 5."""
    return f"apiVersion: midas/v1\nkind: {kind}\nmetadata: {{name: p}}\nspec:\n"


# (id, file text, expected issues) for the policy kinds.
POLICY_CASES: list[tuple[str, str, list[tuple[int, str, str, str]]]] = [
    (
        "guardrail-amount-positive",
        head("Guardrail") + "  max_daily_budget_per_campaign: 0\n",
        [(5, "0", "spec.max_daily_budget_per_campaign", "expected a value greater than 0")],
    ),
    (
        "guardrail-account-cap-below-campaign-cap",
        head("Guardrail") + "  max_daily_budget_per_campaign: 500\n  max_daily_budget_per_account: 100\n",
        [
            (
                6,
                "100",
                "spec.max_daily_budget_per_account",
                "expected at least max_daily_budget_per_campaign (500)",
            )
        ],
    ),
    (
        "guardrail-country-assigned",
        head("Guardrail") + "  allowed_countries: [US, UK, US]\n",
        [
            (
                5,
                "UK",
                "spec.allowed_countries[1]",
                "not an assigned ISO 3166-1 alpha-2 country code; did you mean 'GB'?",
            ),
            (5, "US]", "spec.allowed_countries[2]", "found 'US', a duplicate country"),
        ],
    ),
    (
        "guardrail-country-not-a-region",
        head("Guardrail") + "  allowed_countries: [US-CA]\n",
        [
            (
                5,
                "US-CA",
                "spec.allowed_countries[0]",
                "expected an ISO 3166-1 alpha-2 country code such as 'US'",
            )
        ],
    ),
    (
        "budget-policy-total-positive",
        head("BudgetPolicy") + "  total: -5\n",
        [(5, "-5", "spec.total", "expected a value greater than 0")],
    ),
    (
        "budget-policy-currency-precision",
        head("BudgetPolicy") + "  total: 1000.5\n  currency: JPY\n",
        [(5, "1000.5", "spec.total", "which has 1 decimal place; expected at most 0 for JPY")],
    ),
    (
        "budget-policy-min-above-max",
        head("BudgetPolicy") + "  total: 100\n  min_per_campaign: 20\n  max_per_campaign: 10\n",
        [(7, "10", "spec.max_per_campaign", "expected at least min_per_campaign (20)")],
    ),
    (
        "budget-policy-platform-max-below-min",
        head("BudgetPolicy") + "  total: 100\n  per_platform:\n    meta: {min: 40, max: 30}\n",
        [(7, "30", "spec.per_platform.meta.max", "expected at least min (40)")],
    ),
    (
        "budget-policy-platform-minimums-above-total",
        head("BudgetPolicy") + "  total: 100\n  per_platform:\n    google: {min: 60}\n    meta: {min: 50}\n",
        [
            (
                6,
                "per_platform",
                "spec.per_platform",
                "minimums add up to 110; expected at most the total (100)",
            )
        ],
    ),
    (
        "budget-policy-spend-floor-above-total",
        head("BudgetPolicy") + "  total: 100\n  spend_floor: 150\n",
        [(6, "150", "spec.spend_floor", "expected at most the total (100)")],
    ),
    (
        "budget-policy-platform-unknown",
        head("BudgetPolicy") + "  total: 100\n  per_platform: {bing: {max: 5}}\n",
        [(6, "bing", "spec.per_platform.bing", "unknown key 'bing'")],
    ),
    (
        "budget-policy-target-required",
        head("BudgetPolicy") + "  total: 100\n  goal: target_roas\n",
        [(6, "target_roas", "spec.goal", "goal target_roas needs 'target'")],
    ),
    (
        "budget-policy-scope-unknown-campaign",
        head("BudgetPolicy") + "  total: 100\n  scope: {campaigns: [c, spring]}\n",
        [(6, "spring", "spec.scope.campaigns[1]", "unknown Campaign 'spring'")],
    ),
    (
        "alert-rule-unknown-channel",
        head("AlertRule") + "  metric: ctr\n  operator: '<'\n  threshold: 1.5\n  channels: [ops-slak]\n",
        [(8, "ops-slak", "spec.channels[0]", "unknown channel 'ops-slak'; did you mean 'ops-slack'?")],
    ),
    (
        "alert-rule-rate-above-100",
        head("AlertRule") + "  metric: cvr\n  operator: '<'\n  threshold: 150\n",
        [(7, "150", "spec.threshold", "expected a percentage from 0 to 100")],
    ),
    (
        "alert-rule-operator",
        head("AlertRule") + "  metric: ctr\n  operator: '=<'\n  threshold: 1\n",
        [(6, "'=<'", "spec.operator", "expected one of '<', '<=', '>', '>='")],
    ),
    (
        "audience-ages",
        head("Audience") + "  targeting: {ages: {min: 50, max: 20}}\n",
        [(5, "20", "spec.targeting.ages.max", "expected a maximum age of at least min (50)")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in POLICY_CASES], ids=[c[0] for c in POLICY_CASES]
)
def test_policy_rules_point_at_the_offending_node(
    tmp_path: Path, text: str, expected: list[tuple[int, str, str, str]]
) -> None:
    found = issues_of(tmp_path, {"specs/c.yaml": BASE, "policies/p.yaml": text})
    expect(text, "policies/p.yaml", expected, found)


def test_positions_are_one_based_line_and_column(tmp_path: Path) -> None:
    found = issues_of(
        tmp_path, {"specs/c.yaml": patched({9: "  objective: salez", 15: "    ages: {min: 9}"})}
    )
    assert [str(i).split(": ")[0] for i in found] == ["specs/c.yaml:9:14", "specs/c.yaml:15:17"]


def test_every_problem_of_the_workspace_is_reported_at_once(tmp_path: Path) -> None:
    bad_settings = SETTINGS + "  extra: {url: 'http://127.0.0.1:9/x', url_env: X}\n"
    files = {
        "specs/a.yaml": patched({9: "  objective: salez", 20: "      headlines: [Alpha]"}),
        "specs/b.yaml": "apiVersion: midas/v1\nkind: Campaign\nmetadata: {name: b}\nspec: [\n",
        "policies/g.yaml": head("Guardrail") + "  max_budget_change_pct: 0\n---\n- not a mapping\n",
    }
    found = issues_of(tmp_path, files, bad_settings)
    assert [(i.file, i.line, i.column, i.field) for i in found] == [
        ("midas.yaml", 7, 3, "webhooks.extra"),
        ("policies/g.yaml", 5, 26, "spec.max_budget_change_pct"),
        ("policies/g.yaml", 7, 1, ""),
        ("specs/a.yaml", 9, 14, "spec.objective"),
        ("specs/b.yaml", 5, 1, ""),
    ]
    assert "YAML syntax error" in found[-1].message


def test_semantic_checks_still_run_when_settings_are_broken(tmp_path: Path) -> None:
    found = issues_of(tmp_path, {"specs/c.yaml": patched({11: "    daily: 50.005"})}, "accounts: [oops]\n")
    assert [(i.file, i.field) for i in found] == [
        ("midas.yaml", "accounts"),
        ("specs/c.yaml", "spec.budget.daily"),
    ]


def test_duplicate_names_report_both_locations(tmp_path: Path) -> None:
    second = BASE.replace("kind: Campaign\n", "# a copy\nkind: Campaign\n")
    found = issues_of(tmp_path, {"specs/a.yaml": BASE, "specs/z/b.yml": second})
    assert [(i.file, i.line, i.column, i.field) for i in found] == [("specs/z/b.yml", 5, 9, "metadata.name")]
    assert found[0].message == "duplicate Campaign name 'c'; first defined at specs/a.yaml:4:9"


def test_same_name_in_different_kinds_is_fine(tmp_path: Path) -> None:
    policy = POLICY.replace("brand-pool", "c")
    write(tmp_path, {"specs/c.yaml": BASE, "policies/c.yaml": policy})
    workspace = load_workspace(tmp_path, env={})
    assert list(workspace.campaigns) == ["c"] and list(workspace.budget_policies) == ["c"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "found a list; expected a mapping with 'apiVersion: midas/v1'"),
        ("just text\n", "found 'just text'; expected a mapping"),
        ("kind: Campaign\n", "missing required keys 'apiVersion', 'metadata', 'spec'"),
        ("a: [1\n", "YAML syntax error: while parsing a flow sequence"),
        ("a:\n\tb: 1\n", "YAML does not allow tabs for indentation; use spaces"),
        ("a: !!python/object:os.system x\n", "unsupported YAML tag '!!python/object:os.system'"),
        ("\x07\n", "found the control character #x0007"),
        ("a: &a [*a]\n", "recursive YAML alias"),
    ],
    ids=[
        "list",
        "scalar",
        "missing-envelope",
        "syntax",
        "tab",
        "python-tag",
        "control-char",
        "recursive-alias",
    ],
)
def test_documents_that_are_not_midas_documents(tmp_path: Path, text: str, message: str) -> None:
    found = issues_of(tmp_path, {"specs/x.yaml": text})
    assert any(message in i.message for i in found), [str(i) for i in found]
    assert all(i.file == "specs/x.yaml" and i.line >= 1 and i.column >= 1 for i in found)


def test_control_characters_are_located_in_characters_not_bytes(tmp_path: Path) -> None:
    found = issues_of(tmp_path, {"specs/x.yaml": "a: ééé\nb: ééé \x07\n"})
    assert [str(i) for i in found] == [
        "specs/x.yaml:2:8: found the control character #x0007; expected printable text"
    ]


def test_invalid_utf8_is_reported_at_the_byte(tmp_path: Path) -> None:
    write(tmp_path, {})
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "x.yaml").write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(SpecError) as caught:
        load_workspace(tmp_path, env={})
    assert [str(i) for i in caught.value.issues] == ["specs/x.yaml:2:4: file is not valid UTF-8 text"]


def test_files_are_found_recursively_and_hidden_or_other_files_skipped(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "specs/nested/deeper/c.yml": BASE,
            "specs/.draft.yaml": "broken: [",
            "specs/.hidden/x.yaml": "broken: [",
            "specs/notes.txt": "broken: [",
            "policies/budget.yaml": "---\n" + POLICY + "---\n",
        },
    )
    workspace = load_workspace(tmp_path, env={})
    assert workspace.campaigns["c"].file == "specs/nested/deeper/c.yml"
    assert workspace.budget_policies["brand-pool"].line == 2


def test_an_empty_workspace_is_valid(tmp_path: Path) -> None:
    workspace = load_workspace(write(tmp_path, {}), env={})
    assert list(workspace.documents()) == [] and workspace.settings.root == tmp_path.resolve()


def test_missing_settings_file_is_a_spec_error_alongside_spec_problems(tmp_path: Path) -> None:
    found = issues_of(tmp_path, {"specs/c.yaml": patched({9: "  objective: salez"})}, settings=None)
    assert [(i.file, i.line, i.column) for i in found] == [("midas.yaml", 1, 1), ("specs/c.yaml", 9, 14)]
    assert found[0].message.startswith("no midas.yaml in ")


def test_spec_error_text_lists_every_issue(tmp_path: Path) -> None:
    write(tmp_path, {"specs/c.yaml": patched({9: "  objective: salez", 11: "    daily: 0"})})
    with pytest.raises(SpecError) as caught:
        load_workspace(tmp_path, env={})
    text = str(caught.value)
    assert text.startswith("2 problems in the workspace:\n")
    assert "  specs/c.yaml:11:12: spec.budget.daily: found the number 0" in text


# -- the example workspace -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Workspace:
    return load_workspace(REPO, env={})


def test_example_workspace_loads_clean(example: Workspace) -> None:
    assert list(example.campaigns) == ["brand-awareness", "spring-sale"]
    assert list(example.budget_policies) == ["brand-pool"]
    assert list(example.guardrails) == ["default"]
    assert sorted(example.alert_rules) == [
        "budget-utilization",
        "high-cpc",
        "low-ctr",
        "low-cvr",
        "performance-drop",
    ]
    assert set(example.settings.accounts) == {"google-main", "meta-main"}


def test_example_spring_sale_is_what_the_readme_describes(example: Workspace) -> None:
    doc = example.campaigns["spring-sale"]
    spec: CampaignSpec = doc.spec
    assert (doc.kind, doc.file, doc.line, doc.source) == (
        "Campaign",
        "specs/spring-sale.yaml",
        2,
        "specs/spring-sale.yaml:2",
    )
    assert spec.budget.daily == Decimal("50.00") and spec.budget.currency == "USD"
    assert spec.budget.split is not None and (spec.budget.split.google, spec.budget.split.meta) == (
        Decimal("0.6"),
        Decimal("0.4"),
    )
    assert (spec.targeting.ages.min, spec.targeting.ages.max) == (25, 54)
    assert spec.targeting.locations == ["US", "CA"] and spec.targeting.languages == ["en"]
    assert spec.targeting.interests == ["Running", "Fitness and wellness"]
    assert [g.name for g in spec.ad_groups] == ["runners", "walkers"]
    assert spec.ad_groups[1].targeting is not None
    assert len(spec.creatives) == 2 and spec.google.negative_keywords
    assert {k.match.value for g in spec.ad_groups for k in g.keywords} >= {"exact", "phrase"}
    brand = example.campaigns["brand-awareness"].spec
    assert brand.budget.policy == "brand-pool" and brand.platforms.meta is None


def test_example_alert_rules_carry_the_default_thresholds(example: Workspace) -> None:
    rules = {
        name: (d.spec.metric, d.spec.operator, d.spec.threshold) for name, d in example.alert_rules.items()
    }
    assert sorted(rules.values()) == sorted(
        [
            ("ctr", "<", Decimal("1.5")),
            ("cpc", ">", Decimal("4.00")),
            ("cvr", "<", Decimal("2.5")),
            ("budget_utilization", ">", Decimal("85")),
            ("performance_drop", ">", Decimal("25")),
        ]
    )
    assert all(d.spec.min_impressions == 1000 and not d.spec.channels for d in example.alert_rules.values())


def test_digest_ignores_formatting_but_not_content(tmp_path: Path) -> None:
    reformatted = "# comment\n" + BASE.replace("daily: 50.00", "daily: 50").replace(
        "    ages: {min: 25, max: 54}", "    ages:\n      max: 54\n      min: 25"
    )
    digests = []
    for index, text in enumerate([BASE, reformatted, BASE.replace("daily: 50.00", "daily: 51")]):
        root = tmp_path / str(index)
        root.mkdir()
        write(root, {"specs/c.yaml": text})
        digests.append(load_workspace(root, env={}).campaigns["c"].digest)
    assert digests[0] == digests[1] != digests[2]
    assert len(digests[0]) == 64 and int(digests[0], 16) >= 0


def test_models_keep_shape_checks_when_built_directly() -> None:
    assert Targeting.model_validate({"locations": ["us"], "languages": ["qq"]}).locations == ["US"]
    with pytest.raises(ValueError):
        Targeting.model_validate({"locations": ["USA"]})


# -- JSON Schema ----------------------------------------------------------------------------------


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a node allows, with $ref followed and anyOf (and a discriminated union's oneOf)
    flattened."""
    if "$ref" in node:
        return _resolve(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[1]])
    for union in ("anyOf", "oneOf"):
        if union in node:
            return [alt for option in node[union] for alt in _resolve(schema, option)]
    return [node]


def _conforms(schema: dict[str, Any], node: dict[str, Any], value: Any, path: str) -> None:
    """Check key structure only: every key is declared, lists and maps recurse."""
    options = _resolve(schema, node)
    if isinstance(value, dict):
        objects = [o for o in options if o.get("type") == "object"]
        assert objects, f"{path}: schema has no object here"
        target = objects[0]
        for key, inner in value.items():
            if key in target.get("properties", {}):
                _conforms(schema, target["properties"][key], inner, f"{path}.{key}")
            else:
                extra = target.get("additionalProperties")
                assert isinstance(extra, dict), f"{path}: key {key!r} is not in the schema"
                _conforms(schema, extra, inner, f"{path}.{key}")
        for required in target.get("required", []):
            assert required in value, f"{path}: required {required!r} missing"
    elif isinstance(value, list):
        arrays = [o for o in options if o.get("type") == "array"]
        assert arrays, f"{path}: schema has no array here"
        for index, inner in enumerate(value):
            _conforms(schema, arrays[0]["items"], inner, f"{path}[{index}]")


def test_json_schema_envelope() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["apiVersion"] == {"const": API_VERSION}
    assert schema["properties"]["kind"] == {"enum": list(KINDS)}
    assert schema["required"] == ["apiVersion", "kind", "metadata", "spec"]
    branches = {
        b["if"]["properties"]["kind"]["const"]: b["then"]["properties"]["spec"]["$ref"]
        for b in schema["allOf"]
    }
    assert branches == {kind: f"#/$defs/{model.__name__}" for kind, model in KINDS.items()}
    for model in KINDS.values():
        definition = schema["$defs"][model.__name__]
        assert set(definition["properties"]) == set(model.model_fields)
        assert definition["additionalProperties"] is False
    assert json_schema() == schema
    assert json.loads(json.dumps(schema)) == schema


def test_json_schema_describes_every_example_document() -> None:
    schema = json_schema()
    files = sorted([*REPO.glob("specs/*.yaml"), *REPO.glob("policies/*.yaml")])
    documents = [d for f in files for d in yaml.safe_load_all(f.read_text(encoding="utf-8")) if d]
    assert len(documents) >= 9
    for document in documents:
        branch = next(
            b for b in schema["allOf"] if b["if"]["properties"]["kind"]["const"] == document["kind"]
        )
        envelope = {
            **schema,
            "properties": {**schema["properties"], "spec": branch["then"]["properties"]["spec"]},
        }
        _conforms(schema, envelope, document, document["metadata"]["name"])


def test_json_schema_offers_the_google_settings_import_writes() -> None:
    schema = json_schema()
    google = schema["$defs"]["GoogleOptions"]["properties"]
    assert google["eu_political_advertising"] == {
        "default": False,
        "title": "Eu Political Advertising",
        "type": "boolean",
    }
    creative = schema["$defs"]["CreativeGoogle"]["properties"]
    assert creative["additional_final_urls"]["type"] == "array"


def test_json_schema_rejects_unknown_keys_structurally() -> None:
    schema = json_schema()
    campaign = schema["$defs"]["CampaignSpec"]
    with pytest.raises(AssertionError, match="budjet"):
        _conforms(schema, campaign, {"budjet": 1}, "spec")


# --- shared budgets (kind SharedBudget, a campaign's google.shared_budget) -----------------------------

SHARED = """\
apiVersion: midas/v1
kind: SharedBudget
metadata: {name: pool}
spec: {account: google-main, daily: 100.00, currency: USD}
"""
ON_POOL = "  objective: sales\n  google: {shared_budget: pool}"

# (id, campaign line replacements, expected issues in specs/c.yaml)
SHARED_CAMPAIGN_CASES: list[tuple[str, dict[int, str], list[tuple[int, str, str, str]]]] = [
    (
        "unknown-shared-budget",
        {9: "  objective: sales\n  google: {shared_budget: pol}", 12: ""},
        [(10, "pol", "spec.google.shared_budget", "unknown SharedBudget 'pol'; did you mean 'pool'?")],
    ),
    (
        "meta-only-campaign-on-a-shared-budget",
        {7: "", 9: ON_POOL, 12: ""},
        [(10, "pool", "spec.google.shared_budget", "does not run on Google; expected 'shared_budget' only")],
    ),
    (
        "google-only-campaign-on-a-shared-budget-with-an-amount",
        {8: "", 9: ON_POOL},
        [
            (12, "50.00", "spec.budget.daily", "runs on Google only, funded by shared budget 'pool'"),
            (13, "split", "spec.budget.split", "expected no 'split'"),
        ],
    ),
    (
        "split-beside-a-shared-budget",
        {9: ON_POOL},
        [(13, "split", "spec.budget.split", "its own budget is all Meta's; expected no split")],
    ),
    (
        "budget-name-beside-a-shared-budget",
        {9: "  objective: sales\n  google: {shared_budget: pool, budget_name: mine}", 12: ""},
        [(10, "mine", "spec.google.budget_name", "expected no 'budget_name'")],
    ),
    (
        "accelerated-delivery-of-a-shared-budget",
        {9: "  objective: sales\n  google: {shared_budget: pool, budget_delivery: accelerated}", 12: ""},
        [(10, "accelerated", "spec.google.budget_delivery", "a shared budget delivers standard only")],
    ),
    (
        "accelerated-delivery-of-a-search-campaign",
        {9: "  objective: sales\n  google: {budget_delivery: accelerated}"},
        [(10, "accelerated", "spec.google.budget_delivery", "a Search campaign's budget delivers standard")],
    ),
    (
        "unknown-budget-delivery",
        {9: "  objective: sales\n  google: {channel: display, budget_delivery: fast}"},
        [(10, "fast", "spec.google.budget_delivery", "expected one of 'standard', 'accelerated'")],
    ),
    (
        "no-budget-without-a-shared-budget",
        {10: "", 11: "", 12: ""},
        [(5, "spec", "spec.budget", "missing required key 'budget'")],
    ),
]


def test_an_ad_groups_google_bids_on_a_campaign_not_on_google_are_no_error(tmp_path: Path) -> None:
    """Options of a platform the campaign does not run on do nothing (a plan warns so): an ad group's own
    target CPA there needs no campaign target."""
    own_bids = "      creatives: [one]\n      google: {target_cpa: 3, cpc_bid: 1.234}"
    text = patched({7: "", 12: "", 25: own_bids})
    write(tmp_path, {"specs/c.yaml": text}, SETTINGS)
    [campaign] = load_workspace(tmp_path, env={}).campaigns.values()
    assert campaign.spec.ad_groups[0].google.target_cpa == Decimal(3)


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [c[1:] for c in SHARED_CAMPAIGN_CASES],
    ids=[c[0] for c in SHARED_CAMPAIGN_CASES],
)
def test_shared_budget_rules_of_a_campaign_point_at_the_offending_node(
    tmp_path: Path, replacements: dict[int, str], expected: list[tuple[int, str, str, str]]
) -> None:
    text = patched(replacements)
    found = issues_of(tmp_path, {"specs/c.yaml": text, "specs/pool.yaml": SHARED})
    expect(text, "specs/c.yaml", expected, found)


TWO_GOOGLE_ACCOUNTS = SETTINGS.replace(
    "  meta-main:", '  google-eu: {platform: google, customer_id: "2234567890", currency: EUR}\n  meta-main:'
)

# (id, SharedBudget document, expected issues in specs/pool.yaml)
SHARED_BUDGET_CASES: list[tuple[str, str, list[tuple[int, str, str, str]]]] = [
    (
        "lifetime",
        head("SharedBudget") + "  account: google-main\n  lifetime: 100\n",
        [(6, "100", "spec.lifetime", "Google shares daily budgets only; expected 'daily'")],
    ),
    (
        "no-amount",
        head("SharedBudget") + "  account: google-main\n",
        [(4, "spec", "spec", "found no amount; expected 'daily'")],
    ),
    (
        "meta-account",
        head("SharedBudget") + "  account: meta-main\n  daily: 10\n",
        [(5, "meta-main", "spec.account", "is a meta account; expected a google account")],
    ),
    (
        "currency-of-another-account",
        head("SharedBudget") + "  account: google-main\n  daily: 10\n  currency: EUR\n",
        [(7, "EUR", "spec.currency", "account 'google-main' bills in USD, expected 'currency: USD'")],
    ),
    (
        "default-currency-of-another-account",
        head("SharedBudget") + "  account: google-eu\n  daily: 10\n",
        [(4, "spec", "spec", "found currency USD (the default); account 'google-eu' bills in EUR")],
    ),
    (
        "cents-beyond-the-currency",
        head("SharedBudget") + "  account: google-main\n  daily: 10.005\n",
        [(6, "10.005", "spec.daily", "expected at most 2 for USD")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in SHARED_BUDGET_CASES], ids=[c[0] for c in SHARED_BUDGET_CASES]
)
def test_shared_budget_rules_point_at_the_offending_node(
    tmp_path: Path, text: str, expected: list[tuple[int, str, str, str]]
) -> None:
    found = issues_of(tmp_path, {"specs/pool.yaml": text}, TWO_GOOGLE_ACCOUNTS)
    expect(text, "specs/pool.yaml", expected, found)


def test_a_shared_budget_of_another_account_is_refused_at_the_reference(tmp_path: Path) -> None:
    other = SHARED.replace("google-main, daily: 100.00, currency: USD", "google-eu, daily: 90, currency: EUR")
    text = patched({9: ON_POOL, 12: ""})
    found = issues_of(tmp_path, {"specs/c.yaml": text, "specs/pool.yaml": other}, TWO_GOOGLE_ACCOUNTS)
    expect(
        text,
        "specs/c.yaml",
        [(10, "pool", "spec.google.shared_budget", "in account 'google-eu'; expected account 'google-main'")],
        found,
    )


def test_two_shared_budgets_of_one_name_are_refused(tmp_path: Path) -> None:
    found = issues_of(tmp_path, {"specs/a.yaml": SHARED, "specs/b.yaml": SHARED})
    assert [(i.file, i.line, i.field) for i in found] == [("specs/b.yaml", 3, "metadata.name")]
    assert "duplicate SharedBudget name 'pool'; first defined at specs/a.yaml:3" in found[0].message


def test_campaigns_on_a_shared_budget_load_with_their_meta_half_or_no_budget(tmp_path: Path) -> None:
    both = patched({9: ON_POOL, 12: ""})
    google_only = patched({4: "  name: g", 8: "", 9: ON_POOL, 10: "", 11: "", 12: ""})
    write(tmp_path, {"specs/c.yaml": both, "specs/g.yaml": google_only, "specs/pool.yaml": SHARED})
    workspace = load_workspace(tmp_path, env={})
    assert workspace.shared_budgets["pool"].spec.daily == Decimal("100.00")
    assert workspace.campaigns["c"].spec.google.shared_budget == "pool"
    assert workspace.campaigns["c"].spec.budget.daily == Decimal("50.00")
    assert workspace.campaigns["g"].spec.budget.daily is None
    assert [d.name for d in workspace.documents()] == ["c", "g", "pool"]


def test_the_meta_half_of_a_campaign_on_a_shared_budget_is_in_the_meta_accounts_currency(
    tmp_path: Path,
) -> None:
    """Google bills in EUR, Meta in USD: the campaign's own budget funds Meta alone, so it is in USD (it was
    checked against both accounts, and could never validate)."""
    settings = SETTINGS.replace('"1234567890", currency: USD', '"1234567890", currency: EUR')
    both = patched({9: ON_POOL, 11: "    daily: 50.00\n    currency: USD", 12: ""})
    files = {"specs/c.yaml": both, "specs/pool.yaml": SHARED.replace("currency: USD", "currency: EUR")}
    workspace = load_workspace(write(tmp_path, files, settings), env={})
    assert workspace.campaigns["c"].spec.budget.currency == "USD"
    (issue,) = issues_of(tmp_path, {"specs/c.yaml": both.replace("currency: USD", "currency: EUR")}, settings)
    assert (issue.field, issue.message) == (
        "spec.budget.currency",
        "found currency EUR; account 'meta-main' bills in USD, expected 'currency: USD'",
    )


def test_a_missing_budget_is_reported_with_the_documents_other_problems(tmp_path: Path) -> None:
    text = patched({9: "  objective: salez", 10: "", 11: "", 12: ""})
    found = issues_of(tmp_path, {"specs/c.yaml": text})
    assert sorted((i.line, i.field) for i in found) == [(5, "spec.budget"), (9, "spec.objective")]


def _satisfies(rule: dict[str, Any], value: dict[str, Any]) -> bool:
    """The keywords the campaign's budget rule uses (allOf, anyOf, not, required, properties)."""
    if not all(_satisfies(r, value) for r in rule.get("allOf", [])):
        return False
    if "anyOf" in rule and not any(_satisfies(r, value) for r in rule["anyOf"]):
        return False
    if "not" in rule and _satisfies(rule["not"], value):
        return False
    if not all(key in value for key in rule.get("required", [])):
        return False
    return all(
        _satisfies(inner, value[key])
        for key, inner in rule.get("properties", {}).items()
        if key in value and isinstance(value[key], dict) and set(inner) & {"required", "not", "anyOf"}
    )


@pytest.mark.parametrize(
    ("spec", "valid"),
    [
        ({"platforms": {"google": {}}, "budget": {}}, True),
        ({"platforms": {"google": {}}}, False),
        ({"platforms": {"google": {}}, "google": {"shared_budget": "pool"}}, True),
        ({"platforms": {"google": {}, "meta": {}}, "google": {"shared_budget": "pool"}}, False),
    ],
    ids=["own-budget", "no-budget", "google-only-on-a-shared-budget", "meta-half-without-budget"],
)
def test_json_schema_requires_a_budget_but_of_a_google_only_campaign_on_a_shared_budget(
    spec: dict[str, Any], valid: bool
) -> None:
    assert _satisfies(json_schema()["$defs"]["CampaignSpec"], {"objective": "sales", **spec}) is valid


def test_an_ad_set_counting_conversions_needs_a_pixel_from_its_account_or_spec(tmp_path: Path) -> None:
    """Meta counts website conversions on a pixel, which the ad set's promoted_object names: without one
    on the account (midas.yaml) or in the spec, the campaign is refused at its objective."""
    settings = SETTINGS.replace(", pixel_id: 1234}", "}")
    assert settings != SETTINGS
    found = issues_of(tmp_path, {"specs/c.yaml": BASE, "policies/budget.yaml": POLICY}, settings=settings)
    expect(
        BASE,
        "specs/c.yaml",
        [(9, "sales", "spec.objective", "'pixel_id' on Meta account 'meta-main' in midas.yaml")],
        found,
    )
    with_pixel = patched({25: "      creatives: [one]\n  meta: {conversion: {pixel_id: 42}}"})
    (tmp_path / "b").mkdir()
    write(tmp_path / "b", {"specs/c.yaml": with_pixel, "policies/budget.yaml": POLICY}, settings)
    assert list(load_workspace(tmp_path / "b", env={}).campaigns) == ["c"]


def test_cities_and_postal_codes_are_written_in_one_spelling() -> None:
    from midas_reconcile.spec import Targeting

    written = Targeting(locations=["  San   Francisco ,us-ca", "us : 94103", "gb:sw1a 1aa", "Paris,fr"])
    assert written.locations == ["San Francisco, US-CA", "US:94103", "GB:SW1A 1AA", "Paris, FR"]


def test_a_location_no_country_or_region_is_named_like_gets_no_guess() -> None:
    from midas_reconcile.spec._codes import location_problem

    assert str(location_problem("ATLANTIS")).endswith("quote it in a flow list, ['Austin, US-TX']")
    assert str(location_problem("BAVARIA")).endswith("did you mean 'DE-BY'?")


def test_demand_gen_channels_are_the_sdk_s_selected_channels_and_the_connector_s() -> None:
    """``google.channels`` names exactly the fields of google-ads v26 DemandGenSelectedChannels, in their
    order, which the Google schema reads and sends; its strategies are DemandGenChannelStrategy values."""
    from google.ads.googleads.v26.enums.types.demand_gen_channel_strategy import DemandGenChannelStrategyEnum
    from google.ads.googleads.v26.resources.types.ad_group import AdGroup

    from midas_reconcile.connectors import google_schema
    from midas_reconcile.spec._google_demand_gen import DEMAND_GEN_CHANNELS

    selected = AdGroup.DemandGenAdGroupSettings.DemandGenChannelControls.DemandGenSelectedChannels
    fields = sorted(selected.meta.fields.values(), key=lambda f: f.number)
    assert DEMAND_GEN_CHANNELS == tuple(f.name for f in fields) == google_schema.DEMAND_GEN_CHANNELS
    strategies = DemandGenChannelStrategyEnum.DemandGenChannelStrategy.__members__
    assert {"ALL_CHANNELS", "ALL_OWNED_AND_OPERATED_CHANNELS"} <= set(strategies)


@pytest.mark.parametrize(
    ("line", "text", "token", "field", "form"),
    [
        (11, "    daily: 010", "010", "spec.budget.daily", "octal"),
        (11, "    daily: 0x20", "0x20", "spec.budget.daily", "hexadecimal"),
        (11, "    daily: 0b11", "0b11", "spec.budget.daily", "binary"),
        (11, "    daily: 1:30", "1:30", "spec.budget.daily", "base-60"),
        (11, "    daily: 1:30.5", "1:30.5", "spec.budget.daily", "base-60"),
        (15, "    ages: {min: 025, max: 54}", "025", "spec.targeting.ages.min", "octal"),
    ],
)
def test_yaml_1_1_number_forms_are_refused_not_silently_converted(
    tmp_path: Path, line: int, text: str, token: str, field: str, form: str
) -> None:
    """YAML 1.1 reads 010 as 8, 0x20 as 32 and 1:30 as 90: a budget or an age must never change that way."""
    spec = patched({line: text})
    found = issues_of(tmp_path, {"specs/c.yaml": spec})
    assert [(i.file, i.line, i.column, i.field) for i in found] == [
        ("specs/c.yaml", *at(spec, line, token), field)
    ], [str(i) for i in found]
    assert form in found[0].message and "expected a plain decimal number" in found[0].message


@pytest.mark.parametrize(
    ("text", "daily"),
    [("1_000", Decimal(1000)), ("0", None), ("+50", Decimal(50)), ("010.50", Decimal("10.50"))],
)
def test_plain_decimal_numbers_read_as_written(tmp_path: Path, text: str, daily: Decimal | None) -> None:
    write(tmp_path, {"specs/c.yaml": patched({11: f"    daily: {text}"})})
    if daily is None:  # 0 reads as 0 (and is then refused as a budget by its own rule)
        assert [i.field for i in issues_of(tmp_path, {})] == ["spec.budget.daily"]
        return
    assert load_workspace(tmp_path, env={}).campaigns["c"].spec.budget.daily == daily


KWD_GOOGLE = SETTINGS.replace("currency: USD}\n  meta-main", "currency: KWD}\n  meta-main")


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            {
                25: "      creatives: [one]\n      google: {cpc_bid: 0.125}\n"
                "  google:\n    bidding: {strategy: target_cpa, target_cpa: 1.005}"
            },
            [
                (
                    27,
                    "0.125",
                    "spec.ad_groups[0].google.cpc_bid",
                    "found 0.125, which has 3 decimal places; "
                    "expected at most 2 for a Google bid in KWD (Google's billable unit: 0.01 KWD)",
                ),
                (29, "1.005", "spec.google.bidding.target_cpa", "expected at most 2 for a Google bid in KWD"),
            ],
        ),
        (
            {
                **SHOPPING,
                25: SHOPPING_CAMPAIGN.replace(
                    "{cpc_bid: 0.5}",
                    "{cpc_bid: 0.5, product_groups: {split_by: brand, values: {acme: "
                    "{cpc_bid: 0.015}}, everything_else: {}}}",
                ),
            },
            [
                (
                    26,
                    "0.015",
                    "spec.ad_groups[0].google.product_groups.values.acme.cpc_bid",
                    "expected at most 2 for a Google bid in KWD",
                )
            ],
        ),
    ],
    ids=["ad-group-and-campaign", "product-group"],
)
def test_a_google_bid_finer_than_googles_billable_unit_is_a_spec_error(
    tmp_path: Path, replacements: dict[int, str], expected: list[tuple[int, str, str, str]]
) -> None:
    """KWD has 3 decimals, but Google takes amounts in its billable unit (0.01 KWD): 1.005 KWD would go out
    as 1.00 (``money.to_google_micros``), never silently."""
    text = patched({8: "", 11: "    daily: 50.000\n    currency: KWD", 12: "", **replacements})
    found = issues_of(tmp_path, {"specs/c.yaml": text}, KWD_GOOGLE)
    expect(text, "specs/c.yaml", expected, found)


@pytest.mark.parametrize(
    "replacements",
    [
        {15: "    ages: {min: 25}", 25: "      creatives: [one]\n" + ADVANTAGE_ON},
        {25: "      creatives: [one]\n      meta: {advantage_audience: false}\n" + ADVANTAGE_ON},
    ],
    ids=["65-and-over", "an-ad-group-turning-it-off-keeps-its-maximum-age"],
)
def test_meta_advantage_audience_without_a_maximum_age_under_65_loads(
    tmp_path: Path, replacements: dict[int, str]
) -> None:
    """Meta refuses a maximum age under 65 only on an ad set running Advantage+ audience."""
    write(tmp_path, {"specs/c.yaml": patched(replacements), "policies/budget.yaml": POLICY})
    spec = load_workspace(tmp_path, env={}).campaigns["c"].spec
    assert spec.meta.advantage_audience is True


def test_meta_advantage_audience_settings_load_as_written_with_advantage_audience_on_or_off(
    tmp_path: Path,
) -> None:
    """``meta.advantage_audience_settings`` is held as written, beside Advantage+ audience off as on (public
    clients send it beside both); an ad group's ``{}`` says its ad set has none of the campaign's."""
    settings = "  meta: {advantage_audience_settings: {age: 1, gender: 0}}"
    group = "      creatives: [one]\n      meta: {advantage_audience: true, advantage_audience_settings: {}}"
    write(tmp_path, {"specs/c.yaml": patched({15: "    ages: {min: 25}", 25: group + "\n" + settings})})
    spec = load_workspace(tmp_path, env={}).campaigns["c"].spec
    assert spec.meta.advantage_audience is False
    assert spec.meta.advantage_audience_settings == {"age": 1, "gender": 0}
    assert spec.ad_groups[0].meta.advantage_audience_settings == {}


#: Settings whose Meta account names the Page its ads run as (and click-to-message ads open).
PAGE_SETTINGS = SETTINGS.replace("pixel_id: 1234}", "pixel_id: 1234, page_id: '42'}")
#: BASE on Meta alone (no Google account, no split).
META_ONLY = {7: "", 12: ""}
#: The campaign's ads open WhatsApp, in place of BASE's ad group's last line.
WHATSAPP = "      creatives: [one]\n  meta: {destination: whatsapp"
#: The campaign's ads open Instagram Direct, and settings naming the Instagram account they run as.
INSTAGRAM = "      creatives: [one]\n  meta: {destination: instagram"
INSTAGRAM_SETTINGS = PAGE_SETTINGS.replace("page_id: '42'}", "page_id: '42', instagram_user_id: '178'}")


@pytest.mark.parametrize(
    ("replacements", "settings", "expected"),
    [
        (
            {**META_ONLY, 9: "  objective: awareness", 25: WHATSAPP + "}"},
            PAGE_SETTINGS,
            [(26, "whatsapp", "spec.meta.destination", "found whatsapp in a awareness campaign; expected a")],
        ),
        (
            {9: "  objective: leads", 25: "      creatives: [one]\n      meta: {destination: messenger}"},
            PAGE_SETTINGS,
            [(26, "messenger", "spec.ad_groups[0].meta.destination", "expected a traffic, engagement or")],
        ),
        (
            {25: WHATSAPP + ", optimization_goal: offsite_conversions}"},
            PAGE_SETTINGS,
            [
                (
                    26,
                    "offsite_conversions",
                    "spec.meta.optimization_goal",
                    "found OFFSITE_CONVERSIONS for ad set",
                )
            ],
        ),
        (
            {25: WHATSAPP + ", billing_event: link_clicks}"},
            PAGE_SETTINGS,
            [(26, "link_clicks", "spec.meta.billing_event", "expected IMPRESSIONS (Meta bills")],
        ),
        (
            {25: "      creatives: [one]\n      meta: {destination: whatsapp, conversion: {event: lead}}"},
            PAGE_SETTINGS,
            [(26, "conversion", "spec.ad_groups[0].meta.conversion", "its promoted object is the Page")],
        ),
        (
            {25: "      creatives: [one]\n  meta: {destination: messenger, whatsapp_number: '+15551230000'}"},
            PAGE_SETTINGS,
            [(26, "'+15551230000'", "spec.meta.whatsapp_number", "where no ad set opens WhatsApp")],
        ),
        (
            {25: WHATSAPP + ", whatsapp_number: '15551230000'}"},
            PAGE_SETTINGS,
            [(26, "'15551230000'", "spec.meta.whatsapp_number", "found '15551230000'")],
        ),
        (
            {25: WHATSAPP + "}"},
            SETTINGS,
            [(26, "whatsapp", "spec.meta.destination", "expected 'page_id' on Meta account 'meta-main'")],
        ),
        (
            {22: "      final_url: https://example.com/\n      call_to_action: shop_now", 25: WHATSAPP + "}"},
            PAGE_SETTINGS,
            [(23, "shop_now", "spec.creatives[0].call_to_action", "expected whatsapp_message")],
        ),
        (
            {22: "      final_url: https://example.com/\n      call_to_action: message_page"},
            PAGE_SETTINGS,
            [(23, "message_page", "spec.creatives[0].call_to_action", "opens messenger; expected it only")],
        ),
        (
            {22: "", 25: WHATSAPP + "}"},
            PAGE_SETTINGS,
            [(19, "name", "spec.creatives[0].final_url", "a creative needs 'final_url'")],
        ),
        (
            {**META_ONLY, 9: "  objective: awareness", 25: INSTAGRAM + "}"},
            INSTAGRAM_SETTINGS,
            [(26, "instagram", "spec.meta.destination", "found instagram in a awareness campaign; expected")],
        ),
        (
            {25: INSTAGRAM + "}"},
            PAGE_SETTINGS,
            [(26, "instagram", "spec.meta.destination", "expected 'instagram_user_id' on Meta account")],
        ),
        (
            {25: INSTAGRAM + ", placements: [facebook, audience_network]}"},
            INSTAGRAM_SETTINGS,
            [(26, "placements", "spec.meta.placements", "expected instagram among them")],
        ),
        (
            {
                22: "      final_url: https://example.com/\n      call_to_action: message_page",
                25: INSTAGRAM + "}",
            },
            INSTAGRAM_SETTINGS,
            [(23, "message_page", "spec.creatives[0].call_to_action", "expected instagram_message")],
        ),
    ],
    ids=[
        "an-objective-without-click-to-message-ads",
        "an-ad-group-s-in-a-leads-campaign",
        "another-optimisation-goal",
        "another-billing-event",
        "a-pixel-conversion",
        "a-whatsapp-number-without-whatsapp",
        "a-whatsapp-number-without-its-plus",
        "an-account-without-its-page",
        "another-button",
        "a-conversation-s-button-elsewhere",
        "no-final-url-for-google",
        "instagram-in-an-objective-without-click-to-message-ads",
        "instagram-in-an-account-without-its-instagram-account",
        "instagram-placed-off-instagram",
        "instagram-with-another-button",
    ],
)
def test_meta_click_to_message_ad_sets_refuse_what_meta_does_not_take_at_the_field(
    tmp_path: Path, replacements: dict[int, str], settings: str, expected: list[tuple[int, str, str, str]]
) -> None:
    text = patched(replacements)
    found = issues_of(tmp_path, {"specs/c.yaml": text}, settings)
    expect(text, "specs/c.yaml", expected, found)


def test_a_meta_only_click_to_message_creative_needs_no_final_url(tmp_path: Path) -> None:
    """Its ads carry Meta's link for the conversation, and show its button by default."""
    text = patched({**META_ONLY, 22: "", 25: WHATSAPP + ", whatsapp_number: '+15551230000'}"})
    write(tmp_path, {"specs/c.yaml": text}, PAGE_SETTINGS)
    spec = load_workspace(tmp_path, env={}).campaigns["c"].spec
    assert (spec.meta.destination, spec.meta.whatsapp_number) == ("whatsapp", "+15551230000")
    assert spec.creatives[0].final_url is None


def _welcome(*lines: str) -> str:
    """BASE's creative without its final_url, with ``meta.welcome_message`` of ``lines`` (under it)."""
    return "\n".join(["      meta:", "        welcome_message:", *(f"          {line}" for line in lines)])


LONG = "x" * 81
WELCOME_AT = "spec.creatives[0].meta.welcome_message"
LONG_REPLY, LONG_PAYLOAD = "z" * 21, "p" * 1001
LONG_REPLY_LINE = f"  - {{reply: {LONG_REPLY}, payload: P}}"
LONG_PAYLOAD_LINE = f"  - {{reply: Sure, payload: {LONG_PAYLOAD}}}"


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            {22: "      final_url: https://example.com/\n" + _welcome("text: Hi")},
            [(24, "welcome_message", "spec.creatives[0].meta.welcome_message", "runs outside click-to-")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions: [A, B, C, D, E]"), 25: WHATSAPP + "}"},
            [(25, "questions", "spec.creatives[0].meta.welcome_message.questions", "expected 1 to 4")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", f"questions: [{LONG}]"), 25: WHATSAPP + "}"},
            [(25, LONG, "spec.creatives[0].meta.welcome_message.questions[0]", "81 characters; expected")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: " + "y" * 301), 25: WHATSAPP + "}"},
            [(24, "y" * 301, "spec.creatives[0].meta.welcome_message.text", "at most 300")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions:", f"  - {{question: {LONG}, response: Sure}}"),
             25: WHATSAPP + "}"},
            [(26, LONG, f"{WELCOME_AT}.questions[0].question", "81 characters; expected")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "quick_replies:", LONG_REPLY_LINE),
             25: WHATSAPP + "}"},
            [(26, LONG_REPLY, f"{WELCOME_AT}.quick_replies[0].reply", "21 characters; expected at most 20")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "quick_replies:", LONG_PAYLOAD_LINE),
             25: WHATSAPP + "}"},
            [(26, LONG_PAYLOAD, f"{WELCOME_AT}.quick_replies[0].payload",
              "found a payload of 1001 characters; expected at most 1000")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions: [A]", "button: call"), 25: WHATSAPP + "}"},
            [(26, "call", f"{WELCOME_AT}.button",
              "found a button without a message to send; expected one beside autofill")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "autofill: Hello", "button: phone"), 25: WHATSAPP + "}"},
            [(26, "phone", f"{WELCOME_AT}.button", "expected one of")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions:", "  - {question: Sizes?, answer: X}"),
             25: WHATSAPP + "}"},
            [(26, "{", f"{WELCOME_AT}.questions[0].response", "missing required key 'response'"),
             (26, "answer", f"{WELCOME_AT}.questions[0].answer", "expected one of: question, response")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions:", "  - D", "  - {question: D, response: X}"),
             25: WHATSAPP + "}"},
            [(27, "D", f"{WELCOME_AT}.questions[1].question", "found 'D' twice")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions:", "  - Same", "  - Same"), 25: WHATSAPP + "}"},
            [(27, "Same", "spec.creatives[0].meta.welcome_message.questions[1]", "found 'Same' twice")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions: [A]", "autofill: Hello"), 25: WHATSAPP + "}"},
            [(26, "Hello", "spec.creatives[0].meta.welcome_message.autofill", "expected one of them")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", f"quick_replies: [{', '.join('ABCDEFGHIJKLMN')}]"),
             25: WHATSAPP + "}"},
            [(25, "quick_replies", "spec.creatives[0].meta.welcome_message.quick_replies",
              "found 14 quick replies; expected 1 to 13")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", f"quick_replies: [Sure, {'z' * 21}]"), 25: WHATSAPP + "}"},
            [(25, "z" * 21, "spec.creatives[0].meta.welcome_message.quick_replies[1]",
              "found a quick reply of 21 characters; expected at most 20")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "quick_replies:", "  - Sure", "  - Sure"),
             25: WHATSAPP + "}"},
            [(27, "Sure", "spec.creatives[0].meta.welcome_message.quick_replies[1]", "found 'Sure' twice")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "questions: [A]", "quick_replies: [Sure]"),
             25: WHATSAPP + "}"},
            [(26, "quick_replies", "spec.creatives[0].meta.welcome_message.quick_replies",
              "found both questions and quick replies; expected one of them")],
        ),
        (
            {**META_ONLY, 22: _welcome("text: Hi", "autofill: Hello", "quick_replies: [Sure]"),
             25: WHATSAPP + "}"},
            [(26, "quick_replies", "spec.creatives[0].meta.welcome_message.quick_replies",
              "found both a message to send and quick replies; expected one of them")],
        ),
    ],
    ids=["outside-click-to-message", "five-questions", "a-long-question", "a-long-greeting",
         "a-long-question-with-a-response", "a-long-quick-reply-with-a-payload", "a-long-payload",
         "a-button-without-a-message-to-send", "another-button", "a-question-s-answer",
         "a-question-with-a-response-twice",
         "a-question-twice", "questions-and-a-message-to-send", "fourteen-quick-replies",
         "a-long-quick-reply", "a-quick-reply-twice", "questions-and-quick-replies",
         "a-message-to-send-and-quick-replies"],
)  # fmt: skip
def test_a_welcome_message_refuses_what_meta_does_not_take_at_the_field(
    tmp_path: Path, replacements: dict[int, str], expected: list[tuple[int, str, str, str]]
) -> None:
    text = patched(replacements)
    found = issues_of(tmp_path, {"specs/c.yaml": text}, PAGE_SETTINGS)
    expect(text, "specs/c.yaml", expected, found)


def test_a_click_to_message_creative_takes_a_welcome_message(tmp_path: Path) -> None:
    text = patched({**META_ONLY, 22: _welcome("text: Hi!", "questions: [Do you ship?]"), 25: WHATSAPP + "}"})
    write(tmp_path, {"specs/c.yaml": text}, PAGE_SETTINGS)
    welcome = load_workspace(tmp_path, env={}).campaigns["c"].spec.creatives[0].meta.welcome_message
    assert welcome is not None and (welcome.text, welcome.questions) == ("Hi!", ["Do you ship?"])


def test_a_click_to_message_creative_takes_quick_replies(tmp_path: Path) -> None:
    welcome = _welcome("text: Hi!", "quick_replies: [Sure, Not now]")
    text = patched({**META_ONLY, 22: welcome, 25: WHATSAPP + "}"})
    write(tmp_path, {"specs/c.yaml": text}, PAGE_SETTINGS)
    welcome = load_workspace(tmp_path, env={}).campaigns["c"].spec.creatives[0].meta.welcome_message
    assert welcome is not None and (welcome.text, welcome.quick_replies) == ("Hi!", ["Sure", "Not now"])


def test_a_question_takes_meta_s_automated_response(tmp_path: Path) -> None:
    welcome = _welcome(
        "text: Hi!", "questions:", "  - Do you ship?", "  - {question: Sizes?, response: S to XL}"
    )
    text = patched({**META_ONLY, 22: welcome, 25: WHATSAPP + "}"})
    write(tmp_path, {"specs/c.yaml": text}, PAGE_SETTINGS)
    written = load_workspace(tmp_path, env={}).campaigns["c"].spec.creatives[0].meta.welcome_message
    assert written is not None
    assert (written.question_texts(), written.responses()) == (["Do you ship?", "Sizes?"], [None, "S to XL"])


def test_a_quick_reply_takes_a_payload(tmp_path: Path) -> None:
    welcome = _welcome("text: Hi!", "quick_replies:", "  - Sure", "  - {reply: Not now, payload: LATER}")
    text = patched({**META_ONLY, 22: welcome, 25: WHATSAPP + "}"})
    write(tmp_path, {"specs/c.yaml": text}, PAGE_SETTINGS)
    written = load_workspace(tmp_path, env={}).campaigns["c"].spec.creatives[0].meta.welcome_message
    assert written is not None
    assert (written.reply_texts(), written.payloads()) == (["Sure", "Not now"], [None, "LATER"])


@pytest.mark.parametrize(
    ("button", "written"),
    [
        ("call", "call"),
        ("catalog", "catalog"),
        ("{website: https://shop.example.com/}", "https://shop.example.com/"),
    ],
)
def test_a_message_to_send_takes_a_button_beside_the_greeting(
    tmp_path: Path, button: str, written: str
) -> None:
    welcome = _welcome("text: Need help?", "autofill: I need assistance", f"button: {button}")
    text = patched({**META_ONLY, 22: welcome, 25: WHATSAPP + "}"})
    write(tmp_path, {"specs/c.yaml": text}, PAGE_SETTINGS)
    found = load_workspace(tmp_path, env={}).campaigns["c"].spec.creatives[0].meta.welcome_message
    assert found is not None and found.button is not None
    assert (found.button if isinstance(found.button, str) else str(found.button.website)) == written
