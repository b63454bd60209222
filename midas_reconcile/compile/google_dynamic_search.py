"""The Google resources of Dynamic Search Ads that no other Search campaign has
(``spec._google_dynamic_search`` says what a campaign may hold): the campaign's
``dynamic_search_ads_setting``, its page feed (the campaign's ``page_feed``) and its excluded webpages
(negative campaign webpage criteria), a dynamic ad group's webpage criteria (targets and exclusions) and its
expanded dynamic search ads. Fields in ``resources.FIELDS`` shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from midas_reconcile import money
from midas_reconcile.resources import GOOGLE_DYNAMIC_AD_DESCRIPTIONS, GOOGLE_DYNAMIC_AD_GROUP, page_feed_pages
from midas_reconcile.spec import AdGroup, CampaignSpec, Creative
from midas_reconcile.spec._google_dynamic_search import webpage_conditions, webpage_key
from midas_reconcile.spec.models import WebpageExclusion

#: v26 AdGroupType of a dynamic ad group, and v26 AdType of its ads.
DYNAMIC_AD_GROUP = GOOGLE_DYNAMIC_AD_GROUP
DYNAMIC_AD = "EXPANDED_DYNAMIC_SEARCH_AD"


def dynamic_search_setting(spec: CampaignSpec) -> dict[str, Any] | None:
    """The campaign's v26 DynamicSearchAdsSetting (domain, language, supplied URLs only), if it has one;
    ``use_supplied_urls_only`` is sent false too, so what Google reads back is what the spec says."""
    setting = spec.google.dynamic_search_ads
    if setting is None:
        return None
    return {
        "domain_name": setting.domain,
        "language_code": setting.language,
        "use_supplied_urls_only": setting.use_supplied_urls_only,
    }


def page_feed(spec: CampaignSpec) -> list[dict[str, Any]]:
    """The campaign's page feed (``resources.page_feed_pages`` shape: each page's ``page_url`` and sorted
    ``labels``, pages by URL), [] without one: the pages of an asset set of type PAGE_FEED linked to it."""
    setting = spec.google.dynamic_search_ads
    if setting is None:
        return []
    return page_feed_pages({"page_url": p.url, "labels": p.labels} for p in setting.page_feed)


def webpage_criteria(group: AdGroup) -> list[tuple[str, dict[str, Any]]]:
    """A dynamic ad group's webpage criteria (v26 WebpageInfo): key and fields per target, then per
    excluded page (``negative``); a target's own max CPC in micros and its status when paused, as a
    keyword's (both mutable in v26 AdGroupCriterion: updated in place, where a changed name or condition
    replaces the criterion)."""
    out = []
    for webpage in group.google.webpages:
        fields = _webpage_fields(webpage)
        if webpage.cpc_bid is not None:
            fields["cpc_bid_micros"] = money.to_google_micros(webpage.cpc_bid)
        if webpage.status == "paused":
            fields["status"] = "PAUSED"
        out.append((webpage_key(webpage.name), fields))
    out.extend(excluded_webpages(group.google.exclude_webpages))
    return out


def excluded_webpages(webpages: Sequence[WebpageExclusion]) -> list[tuple[str, dict[str, Any]]]:
    """Negative webpage criteria (Google's URL exclusions) of a campaign or a dynamic ad group: key and
    fields per excluded page."""
    return [(webpage_key(w.name, negative=True), {**_webpage_fields(w), "negative": True}) for w in webpages]


def _webpage_fields(webpage: WebpageExclusion) -> dict[str, Any]:
    return {
        "type": "WEBPAGE",
        "webpage_name": webpage.name,
        "webpage_conditions": webpage_conditions(webpage),
    }


def dynamic_search_ad(creative: Creative, status: str) -> dict[str, Any]:
    """A creative's expanded dynamic search ad (v26 ExpandedDynamicSearchAdInfo): its one or two
    descriptions; Google writes its headline and final URL."""
    texts = dict(zip(GOOGLE_DYNAMIC_AD_DESCRIPTIONS, creative.descriptions, strict=False))
    return {"status": status, "type": DYNAMIC_AD, **texts}
