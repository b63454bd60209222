"""URL tracking and click bids set in a console: import writes them (or refuses them by name), adoption plans
nothing, and a later spec edit that re-creates an ad keeps them (they were read and dropped before)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.hand_built import NAME, SEARCH_CAMPAIGN, US, google_campaign, holiday_sale, rsa, write_all

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.resources import Resource
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

BRAND_AD = rsa(
    ["Example Running Co.", "Official Store", "Free Returns"],
    ["Shoes and apparel for runners.", "Shop online or in store."],
    "https://shop.example.com/",
)
BRAND_KEYWORD = {
    "key": "keyword:PHRASE:example running",
    "type": "KEYWORD",
    "keyword_text": "example running",
    "keyword_match_type": "PHRASE",
}


def _brand(workspace: Path, campaign: dict[str, Any] | None = None) -> None:
    """A Google Search campaign built by hand, "Brand": one ad group ("Brand") with a keyword and an ad."""
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    group = {
        "fields": {"name": "Brand", "status": "ENABLED", "type": "SEARCH_STANDARD"},
        "criteria": [BRAND_KEYWORD],
        "ads": {"Brand ad": BRAND_AD},
    }
    write_all(
        google,
        google_campaign(
            "google-main",
            "Brand",
            budget={"name": "Brand", "amount_micros": 10_000_000},
            campaign=campaign or SEARCH_CAMPAIGN,
            criteria=[US],
            groups=[group],
        ),
    )


def _ad_id(midas: Callable[..., Any]) -> str:
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    return str(next(o["name"] for o in objects if o["kind"] == "ad_group_ad" and o["status"] == "ENABLED"))


def _live(workspace: Path, account: str, kind: str) -> list[Resource]:
    connector = ConnectorFactory(load_settings(workspace)).create(account)
    return [r for r in connector.read(account) if r.address.kind == kind]


def _imported(workspace: Path, name: str) -> tuple[Path, dict[str, Any]]:
    path = workspace / "specs" / "imported" / f"{name}.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))["spec"]


def _set(midas: Callable[..., Any], address: str, *assignments: str) -> None:
    edited = midas("sandbox", "set", address, *assignments)
    assert edited.code == 0, edited.output


def _adopted_keywords(midas: Callable[..., Any], workspace: Path) -> list[dict[str, Any]]:
    """Import and adopt google-main; the brand spec's keywords (its ad group's, or the campaign's)."""
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    _, spec = _imported(workspace, "brand")
    keywords: list[dict[str, Any]] = spec["ad_groups"][0].get("keywords") or spec["google"]["keywords"]
    return keywords


def test_a_google_ads_final_url_suffix_imports_and_survives_the_ads_replacement(
    midas: Callable[..., Any], bare: Path
) -> None:
    """The reviewer's reproducer: a console's ad suffix was read and dropped, so the ad re-created by a text
    edit ran without it (and the old one, with it, was removed)."""
    _brand(bare)
    _set(midas, f"ad_group_ad/Brand/Brand/{_ad_id(midas)}@google", "ad.final_url_suffix=utm_source=google")
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    path, spec = _imported(bare, "brand")
    assert spec["creatives"][0]["url_parameters"] == "utm_source=google"
    assert midas("plan", "--detailed-exitcode").code == 0

    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Shop online or in store.", "Shop online and pick up in store."
        ),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    ads = [r for r in _live(bare, "google-main", "ad_group_ad") if r.fields.get("status") == "ENABLED"]
    assert [ad.fields.get("final_url_suffix") for ad in ads] == ["utm_source=google"]
    assert "Shop online and pick up in store." in ads[0].fields["descriptions"]
    assert midas("plan", "--detailed-exitcode").code == 0


AD_URL_OPTIONS = (
    "ad.tracking_url_template={lpurl}?kw={keyword}&ad={_ad}",
    'ad.url_custom_parameters=[{"key": "ad", "value": "brand"}]',
    'ad.final_mobile_urls=["https://m.shop.example.com/"]',
)


def test_a_google_ads_own_url_options_import_as_its_creatives_and_survive_its_replacement(
    midas: Callable[..., Any], bare: Path
) -> None:
    """An ad's tracking template, custom parameters and final mobile URLs were refused; they import as its
    creative's ``google`` options, adopt to no changes, are drift when a console edits them, and the ad a text
    edit re-creates keeps them."""
    _brand(bare)
    ad = f"ad_group_ad/Brand/Brand/{_ad_id(midas)}@google"
    _set(midas, ad, *AD_URL_OPTIONS)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    path, spec = _imported(bare, "brand")
    assert spec["creatives"][0]["google"] == {
        "tracking_url_template": "{lpurl}?kw={keyword}&ad={_ad}",
        "url_custom_parameters": {"ad": "brand"},
        "final_mobile_urls": ["https://m.shop.example.com/"],
    }
    assert midas("plan", "--detailed-exitcode").code == 0

    # Adopted, the ad is addressed by its creative's name.
    _set(
        midas, "ad_group_ad/Brand/Brand/example-running-co@google", "ad.tracking_url_template={lpurl}?x={_ad}"
    )
    drift = midas("drift")
    assert drift.code == 2 and "tracking_url_template" in drift.output, drift.output

    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Shop online or in store.", "Shop online and pick up in store."
        ),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    [live] = [r for r in _live(bare, "google-main", "ad_group_ad") if r.fields.get("status") == "ENABLED"]
    assert "Shop online and pick up in store." in live.fields["descriptions"]
    assert live.fields["tracking_url_template"] == "{lpurl}?kw={keyword}&ad={_ad}"
    assert live.fields["url_custom_parameters"] == {"ad": "brand"}
    assert live.fields["final_mobile_urls"] == ["https://m.shop.example.com/"]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_google_campaigns_url_options_import_as_the_campaigns_and_a_console_edit_is_drift(
    midas: Callable[..., Any], bare: Path
) -> None:
    _brand(bare)
    _set(
        midas,
        "campaign/Brand@google",
        "final_url_suffix=utm_source=google&utm_medium=cpc",
        "tracking_url_template={lpurl}?src={_src}",
        'url_custom_parameters=[{"key": "src", "value": "brand"}]',
    )
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    _, spec = _imported(bare, "brand")
    assert spec["url_parameters"] == "utm_source=google&utm_medium=cpc"
    assert spec["google"]["tracking_url_template"] == "{lpurl}?src={_src}"
    assert spec["google"]["url_custom_parameters"] == {"src": "brand"}
    assert "url_parameters" not in spec["creatives"][0]
    assert midas("plan", "--detailed-exitcode").code == 0

    _set(midas, "campaign/Brand@google", "final_url_suffix=utm_source=console")
    drift = midas("drift")
    assert drift.code == 2 and "final_url_suffix" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    (campaign,) = _live(bare, "google-main", "campaign")
    assert campaign.fields["final_url_suffix"] == "utm_source=google&utm_medium=cpc"


def test_an_ad_groups_url_options_import_as_its_google_options_and_a_console_edit_is_drift(
    midas: Callable[..., Any], bare: Path
) -> None:
    """An ad group's suffix, tracking template and custom parameters were refused; they import as its
    ``google`` options, adopt to no changes, and a console edit of them is drift an apply updates in place."""
    _brand(bare)
    _set(
        midas,
        "ad_group/Brand/Brand@google",
        "final_url_suffix=utm_campaign=brand",
        "tracking_url_template={lpurl}?g={_g}",
        'url_custom_parameters=[{"key": "g", "value": "brand"}]',
    )
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    _, spec = _imported(bare, "brand")
    assert spec["ad_groups"][0]["google"] == {
        "final_url_suffix": "utm_campaign=brand",
        "tracking_url_template": "{lpurl}?g={_g}",
        "url_custom_parameters": {"g": "brand"},
    }
    assert midas("plan", "--detailed-exitcode").code == 0

    _set(midas, "ad_group/Brand/Brand@google", 'url_custom_parameters=[{"key": "g", "value": "console"}]')
    drift = midas("drift")
    assert drift.code == 2 and "url_custom_parameters" in drift.output, drift.output
    plan = midas("plan")
    assert "~ ad_group/Brand/Brand" in plan.output and "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    (group,) = _live(bare, "google-main", "ad_group")
    assert group.fields["url_custom_parameters"] == {"g": "brand"}


def test_a_meta_creatives_url_tags_import_as_the_campaigns_and_survive_its_replacement(
    midas: Callable[..., Any], bare: Path
) -> None:
    """Meta creatives are immutable: a text edit re-creates them, and the tags read and dropped were lost."""
    holiday_sale(bare)
    creative = f"adcreative/{NAME}/Gift Shoppers/Gift ad@meta"
    _set(midas, creative, "url_tags=utm_source=meta&utm_medium=paid")
    adopted = midas("import", "--account", "meta-main", "--campaign", NAME, "--adopt")
    assert adopted.code == 0, adopted.output
    path, spec = _imported(bare, "holiday-sale-us")
    # The Google campaign has no suffix: the tags are the Meta creative's own (its Google ad has none).
    meta_creatives = [c for c in spec["creatives"] if c.get("platforms") == ["meta"]]
    assert [c.get("url_parameters") for c in meta_creatives] == ["utm_source=meta&utm_medium=paid"]
    assert midas("plan", "--detailed-exitcode").code == 0

    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Our holiday gift guide is here.", "Our gift guide is here."), encoding="utf-8"
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    tags = {r.fields.get("url_tags") for r in _live(bare, "meta-main", "adcreative")}
    assert tags == {"utm_source=meta&utm_medium=paid"}
    assert midas("plan", "--detailed-exitcode").code == 0


def test_one_suffix_on_both_platforms_imports_once_as_the_campaigns(
    midas: Callable[..., Any], bare: Path
) -> None:
    holiday_sale(bare)
    tags = "utm_source=ads&utm_campaign=holiday"
    _set(midas, f"campaign/{NAME}@google", f"final_url_suffix={tags}")
    _set(midas, f"adcreative/{NAME}/Gift Shoppers/Gift ad@meta", f"url_tags={tags}")
    adopted = midas("import", "--account", "meta-main", "--campaign", NAME, "--adopt")
    assert adopted.code == 0, adopted.output
    _, spec = _imported(bare, "holiday-sale-us")
    assert spec["url_parameters"] == tags
    assert all("url_parameters" not in c for c in spec["creatives"])
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_google_ad_s_own_suffix_and_meta_s_tags_both_the_campaign_s_import_as_one_creative(
    midas: Callable[..., Any], bare: Path
) -> None:
    """A Google ad whose own suffix is its campaign's keeps it (dropped, the ad would lose its own), so the
    Meta creative's tags, the same, stay its own too: the two halves agree and are one creative, whose
    ``url_parameters`` compile back to both exactly."""
    holiday_sale(bare)
    tags = "utm_source=ads"
    _set(midas, f"campaign/{NAME}@google", f"final_url_suffix={tags}")
    [ad] = [r for r in _live(bare, "google-main", "ad_group_ad") if "/Gift Shoppers/" in r.address.path]
    _set(midas, f"ad_group_ad/{ad.address.path}@google", f"ad.final_url_suffix={tags}")
    _set(midas, f"adcreative/{NAME}/Gift Shoppers/Gift ad@meta", f"url_tags={tags}")
    adopted = midas("import", "--account", "meta-main", "--campaign", NAME, "--adopt")
    assert adopted.code == 0, adopted.output
    _, spec = _imported(bare, "holiday-sale-us")
    assert spec["url_parameters"] == tags
    on_both = [c for c in spec["creatives"] if "platforms" not in c]
    assert [c.get("url_parameters") for c in on_both] == [tags], spec["creatives"]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_meta_creative_without_the_tags_its_campaigns_suffix_gives_is_refused(
    midas: Callable[..., Any], bare: Path
) -> None:
    holiday_sale(bare)
    _set(midas, f"campaign/{NAME}@google", "final_url_suffix=utm_source=ads")
    refused = midas("import", "--account", "meta-main", "--campaign", NAME, "--adopt")
    assert refused.code == 1, refused.output
    assert "has no url_tags" in refused.output and "'utm_source=ads'" in refused.output


def test_a_maximize_clicks_max_cpc_limit_imports_and_survives_an_edit(
    midas: Callable[..., Any], bare: Path
) -> None:
    """``target_spend.cpc_bid_ceiling_micros`` was selected and dropped: the spec said plain maximize clicks,
    and the next change of the campaign's bidding cleared the limit."""
    _brand(bare, {**SEARCH_CAMPAIGN, "cpc_bid_ceiling_micros": 2_500_000})
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    _, spec = _imported(bare, "brand")
    assert spec["google"]["bidding"] == {"strategy": "maximize_clicks", "max_cpc": 2.5}
    assert midas("plan", "--detailed-exitcode").code == 0
    _set(midas, "campaign/Brand@google", "target_spend.cpc_bid_ceiling_micros=4000000")
    drift = midas("drift")
    assert drift.code == 2 and "cpc_bid_ceiling_micros" in drift.output, drift.output


def test_enhanced_cpc_is_refused_naming_it(midas: Callable[..., Any], bare: Path) -> None:
    _brand(bare, {**SEARCH_CAMPAIGN, "bidding_strategy_type": "MANUAL_CPC"})
    _set(midas, "campaign/Brand@google", "manual_cpc.enhanced_cpc_enabled=true")
    refused = midas("import", "--account", "google-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert "manual_cpc.enhanced_cpc_enabled" in refused.output
    assert not (bare / "specs" / "imported").exists()


def test_a_keywords_own_max_cpc_imports_and_adopts_exactly(midas: Callable[..., Any], bare: Path) -> None:
    _brand(bare, {**SEARCH_CAMPAIGN, "bidding_strategy_type": "MANUAL_CPC"})
    keyword = f"ad_group_criterion/Brand/Brand/{BRAND_KEYWORD['key']}@google"
    _set(midas, keyword, "cpc_bid_micros=1750000")
    keywords = _adopted_keywords(midas, bare)
    assert keywords == [{"text": "example running", "match": "phrase", "cpc_bid": 1.75}]
    assert midas("plan", "--detailed-exitcode").code == 0


KEYWORD = f"ad_group_criterion/Brand/Brand/{BRAND_KEYWORD['key']}@google"


def test_a_keywords_own_landing_page_and_url_options_import_and_a_console_edit_is_drift(
    midas: Callable[..., Any], bare: Path
) -> None:
    """A keyword's final URL and URL options (v26 AdGroupCriterion) were refused; they import as the keyword's
    own, adopt to no changes, and a console edit of them is drift an apply updates in place."""
    _brand(bare)
    _set(
        midas,
        KEYWORD,
        'final_urls=["https://shop.example.com/running"]',
        'final_mobile_urls=["https://m.shop.example.com/running"]',
        "final_url_suffix=utm_term=brand",
        "tracking_url_template={lpurl}?k={_k}",
        'url_custom_parameters=[{"key": "k", "value": "brand"}]',
    )
    keywords = _adopted_keywords(midas, bare)
    assert keywords == [
        {
            "text": "example running",
            "match": "phrase",
            "final_url": "https://shop.example.com/running",
            "final_mobile_urls": ["https://m.shop.example.com/running"],
            "final_url_suffix": "utm_term=brand",
            "tracking_url_template": "{lpurl}?k={_k}",
            "url_custom_parameters": {"k": "brand"},
        }
    ]
    assert midas("plan", "--detailed-exitcode").code == 0

    _set(midas, KEYWORD, "final_url_suffix=utm_term=console")
    drift = midas("drift")
    assert drift.code == 2 and "final_url_suffix" in drift.output, drift.output
    plan = midas("plan")
    assert "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    [keyword] = [r for r in _live(bare, "google-main", "ad_group_criterion") if r.fields.get("keyword_text")]
    assert keyword.fields["final_url_suffix"] == "utm_term=brand"


def test_a_keyword_of_several_final_urls_imports_them_in_order_and_adopts_exactly(
    midas: Callable[..., Any], bare: Path
) -> None:
    """A keyword's final URLs are a list (v26 AdGroupCriterion.final_urls, "the list of possible final URLs
    after all cross-domain redirects", as of an ad): a keyword of two was refused; it imports as the
    keyword's ``final_url`` and ``additional_final_urls``, in order, adopts to no changes, and a console
    reorder is drift an apply puts back in place."""
    _brand(bare)
    _set(midas, KEYWORD, 'final_urls=["https://shop.example.com/a", "https://shop.example.com/b"]')
    keywords = _adopted_keywords(midas, bare)
    assert keywords == [
        {
            "text": "example running",
            "match": "phrase",
            "final_url": "https://shop.example.com/a",
            "additional_final_urls": ["https://shop.example.com/b"],
        }
    ]
    assert midas("plan", "--detailed-exitcode").code == 0

    _set(midas, KEYWORD, 'final_urls=["https://shop.example.com/b", "https://shop.example.com/a"]')
    drift = midas("drift")
    assert drift.code == 2 and "final_urls" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    [keyword] = [r for r in _live(bare, "google-main", "ad_group_criterion") if r.fields.get("keyword_text")]
    assert keyword.fields["final_urls"] == ["https://shop.example.com/a", "https://shop.example.com/b"]


def test_a_keyword_of_a_final_url_said_twice_is_refused_naming_it(
    midas: Callable[..., Any], bare: Path
) -> None:
    """The spec says each of a keyword's final URLs once (``final_url`` and ``additional_final_urls``): a
    keyword listing one twice is refused by name, nothing written."""
    _brand(bare)
    _set(midas, KEYWORD, 'final_urls=["https://shop.example.com/a", "https://shop.example.com/a"]')
    refused = midas("import", "--account", "google-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert "has a keyword 'example running' that has final_urls" in refused.output
    assert "a keyword says each final URL once" in refused.output
    assert not (bare / "specs" / "imported").exists()


WATCHED = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: trail-films}
spec:
  platforms:
    google: {account: google-main}
    meta: {account: meta-main}
  objective: awareness
  budget: {daily: 20.00}
  url_parameters: utm_source=ads&utm_campaign=films
  targeting: {locations: [US], languages: [en]}
  creatives:
    - name: trail-core
      headlines: [Trail Films, Made by Runners, Watch the Series]
      descriptions: [Short films from the trails we run., New episodes every week.]
      final_url: https://shop.example.com/films
    - name: clip
      type: video
      platforms: [meta]
      video_id: '7001'
      headlines: [Watch]
      descriptions: []
      call_to_action: none
    - name: still
      type: image
      platforms: [meta]
      image_url: https://cdn.example.com/films/still.jpg
      headlines: []
      descriptions: []
      primary_text: New episodes every week.
      call_to_action: none
  google:
    bidding:
      impression_share: {location: top_of_page, share: 0.65, max_cpc: 2.50}
    keywords:
      - {text: trail films, match: phrase}
"""


def test_a_campaign_with_a_suffix_and_meta_ads_sending_people_nowhere_imports_as_it_was_written(
    midas: Callable[..., Any], bare: Path
) -> None:
    """Compile tags no Meta video or image (a photo post) that sends people nowhere (it has no link), so
    import takes their missing url_tags for what the campaign's url_parameters give them, not for a
    difference the spec cannot say."""
    spec = bare / "specs" / "trail-films.yaml"
    spec.write_text(WATCHED, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-films")
    assert imported.code == 0, imported.output
    _, written = _imported(bare, "trail-films")
    assert written["url_parameters"] == "utm_source=ads&utm_campaign=films"
    assert all("url_parameters" not in c for c in written["creatives"]), written["creatives"]
    assert midas("plan", "--detailed-exitcode").code == 0
