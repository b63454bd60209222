"""Google Dynamic Search Ads (DSA) in a Search campaign: what a dynamic ad group holds, and what it cannot.

A Search campaign runs dynamic search ads when it has a Dynamic Search Ads setting (v26
Campaign.DynamicSearchAdsSetting: ``domain_name`` and ``language_code``, both "Required", and
``use_supplied_urls_only``): ``google.dynamic_search_ads``. Its dynamic ad groups (v26 AdGroupType
SEARCH_DYNAMIC_ADS: "can only be added to campaigns that have DynamicSearchAdsSetting attached", v26
ad_group_error.CANNOT_ADD_ADGROUP_OF_TYPE_DSA_TO_CAMPAIGN_WITHOUT_DSA_SETTING) target webpages of that
domain instead of keywords (v26 AdGroupCriterion.webpage, WebpageInfo: a ``criterion_name`` and conditions,
and-ed, on the page's URL, category, title, content or custom label; none: every page) and run expanded
dynamic search ads (v26 ExpandedDynamicSearchAdInfo: ``description`` and ``description2``; Google writes
the headline and final URL from the page: developers.google.com/google-ads/api/docs/dynamic-search-ads/
create-dynamic-search-ads, which also says a dynamic ad group takes no positive keywords).

In the spec an ad group's ``google.webpages`` make it a dynamic ad group, and a creative of ``type:
dynamic_search`` is its ad: 1 or 2 descriptions of at most 90 characters (a responsive search ad's
description limit; Google documents none of its own for this ad, so MIDAS takes that one), no headlines and
no final URL. A webpage target may bid at a max CPC of its own (``cpc_bid``) and be ``status: paused``.
Pages no dynamic ad group may target are the campaign's ``google.dynamic_search_ads.exclude_webpages``
(negative campaign webpage criteria: Google's "URL exclusions", developers.google.com/google-ads/api/docs/
targeting/criteria), those one dynamic ad group leaves out its ``google.exclude_webpages`` (negative ad group
webpage criteria); both are written as targets are, by name and conditions. Meta has nothing like it: both
run on Google alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from midas_reconcile.spec._describe import describe
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    DYNAMIC_SEARCH_CREATIVE,
    AdGroup,
    CampaignSpec,
    Creative,
    Objective,
    PageFeedPage,
    WebpageExclusion,
)

Add = Callable[[PathKey, str], None]

#: An expanded dynamic search ad's descriptions: (fewest, most, characters each).
DYNAMIC_AD_DESCRIPTIONS: Final = (1, 2, 90)
#: Why a dynamic ad group and its ads run on Google alone (the spec checks and ``midas mirror --to meta``).
GOOGLE_ONLY: Final = (
    "Google writes a dynamic search ad's headline and landing page from the pages of the campaign's domain, "
    "which Meta has nothing like"
)
_SETTING: Final = "google.dynamic_search_ads (domain, language)"
#: The creative options a dynamic search ad cannot hold: Google writes its headline and final URL.
_NOT_DYNAMIC: Final = {
    "final_url": "its final URL is the page Google picks",
    "google.path1": "its display URL is the page's",
    "google.path2": "its display URL is the page's",
    "google.additional_final_urls": "its final URL is the page Google picks",
    "google.final_mobile_urls": "its final URL is the page Google picks",
}


def runs_dynamic_search(spec: CampaignSpec) -> bool:
    """Whether ``spec`` may hold dynamic ad groups on Google: a Search campaign with the setting."""
    return (
        spec.google.dynamic_search_ads is not None
        and spec.google.channel == "search"
        and spec.objective != Objective.APP_PROMOTION
    )


def is_dynamic_group(group: AdGroup) -> bool:
    """Whether ``group`` is a dynamic ad group (SEARCH_DYNAMIC_ADS): it targets webpages."""
    return bool(group.google.webpages)


def fits_group(creative: Creative, group: AdGroup) -> bool:
    """Whether ``creative`` is an ad of ``group``'s kind on Google: a dynamic search ad in a dynamic ad group,
    any other ad in another."""
    return (creative.type == DYNAMIC_SEARCH_CREATIVE) == is_dynamic_group(group)


def webpage_key(name: str, *, negative: bool = False) -> str:
    """The criterion key of a webpage target, or of an excluded one (its name: Google keeps it, and it cannot
    change)."""
    return f"{'negative_' if negative else ''}webpage:{name}"


def webpage_conditions(webpage: WebpageExclusion) -> list[dict[str, str]]:
    """A webpage target's conditions as Google's (v26 WebpageConditionInfo), sorted: Google and-s them."""
    return sorted(
        (
            {"operand": c.operand.upper(), "operator": c.operator.upper(), "argument": c.argument}
            for c in webpage.conditions
        ),
        key=lambda c: (c["operand"], c["operator"], c["argument"]),
    )


def check_google_dynamic_search(add: Add, spec: CampaignSpec) -> None:
    """Every rule of ``google.dynamic_search_ads``, ``google.webpages`` and ``type: dynamic_search``, at the
    offending field."""
    running = [p for p in ("google", "meta") if getattr(spec.platforms, p) is not None]
    setting = spec.google.dynamic_search_ads
    if setting is not None and not runs_dynamic_search(spec):
        add(
            ("spec", "google", "dynamic_search_ads"),
            "found dynamic_search_ads; they are a Google Search campaign's: expected them on a campaign of "
            "channel search (not app_promotion) only",
        )
    if setting is not None:
        where: PathKey = ("spec", "google", "dynamic_search_ads", "exclude_webpages")
        _webpage_list(add, where, setting.exclude_webpages, "excluded webpages")
        _page_feed(add, ("spec", "google", "dynamic_search_ads", "page_feed"), setting.page_feed)
    dynamic_groups = [(i, g) for i, g in enumerate(spec.ad_groups) if is_dynamic_group(g)]
    for index, group in dynamic_groups:
        _dynamic_group(add, spec, ("spec", "ad_groups", index), group, running)
    for index, group in enumerate(spec.ad_groups):
        if group.google.exclude_webpages and not is_dynamic_group(group):
            add(
                ("spec", "ad_groups", index, "google", "exclude_webpages"),
                "found exclude_webpages in an ad group without webpage targets; Google takes webpage "
                "criteria in a dynamic ad group alone (criterion_error."
                "WEBPAGE_CRITERION_NOT_SUPPORTED_ON_NON_DSA_AD_GROUP): expected google.webpages beside them, "
                "or the exclusions in google.dynamic_search_ads.exclude_webpages",
            )
    if dynamic_groups and spec.google.keywords:
        add(
            ("spec", "google", "keywords"),
            "found keywords, which go to every ad group, and dynamic ad group "
            f"{dynamic_groups[0][1].name!r}; "
            "a Google dynamic ad group takes no keywords (it targets webpages): expected them in the other "
            "ad groups' keywords",
        )
    kinds = {c.name: c.type == DYNAMIC_SEARCH_CREATIVE for c in spec.creatives}
    for index, group in enumerate(spec.ad_groups):
        dynamic = is_dynamic_group(group)
        for ref_index, ref in enumerate(group.creatives or []):
            if ref in kinds and kinds[ref] != dynamic and "google" in (group.platforms or running):
                add(
                    ("spec", "ad_groups", index, "creatives", ref_index),
                    f"found {ref!r}, "
                    + (
                        "which is no dynamic search ad; a Google dynamic ad group runs dynamic search ads "
                        "alone: expected creatives of type dynamic_search"
                        if dynamic
                        else "a dynamic search ad, which only a dynamic ad group (with google.webpages) runs"
                    ),
                )
    for index, creative in enumerate(spec.creatives):
        if creative.type == DYNAMIC_SEARCH_CREATIVE:
            _dynamic_creative(add, spec, ("spec", "creatives", index), creative, running)


def _dynamic_group(add: Add, spec: CampaignSpec, path: PathKey, group: AdGroup, running: list[str]) -> None:
    if not runs_dynamic_search(spec):
        add(
            (*path, "google", "webpages"),
            "found webpages, which make a Google dynamic ad group; Google takes one only in a Search "
            f"campaign with a Dynamic Search Ads setting: expected {_SETTING}",
        )
    if "meta" in (group.platforms or running):
        add(
            (*path, "platforms") if group.platforms else path,
            f"found a dynamic ad group running on Meta; {GOOGLE_ONLY}: expected 'platforms: [google]' on it",
        )
    if group.keywords:
        add(
            (*path, "keywords"),
            "found keywords in a dynamic ad group; Google matches its searches to the webpages it targets, "
            "and takes no keywords in it: expected none (negative keywords it takes)",
        )
    google = group.google
    _webpage_list(add, (*path, "google", "webpages"), google.webpages, "webpage targets")
    _webpage_list(add, (*path, "google", "exclude_webpages"), google.exclude_webpages, "excluded webpages")
    targeted = {w.name for w in google.webpages}
    for index, excluded in enumerate(google.exclude_webpages):
        if excluded.name in targeted:
            add(
                (*path, "google", "exclude_webpages", index, "name"),
                f"found {describe(excluded.name)}, the name of a webpage target of this ad group too; "
                "expected each name once, among the targets or the exclusions",
            )


def _page_feed(add: Add, path: PathKey, pages: Sequence[PageFeedPage]) -> None:
    """Each page of a page feed once (Google keeps one asset per page URL in a feed: a second would be the
    same page), each of its labels once."""
    urls: set[str] = set()
    for index, page in enumerate(pages):
        if page.url in urls:
            add(
                (*path, index, "url"),
                f"found {describe(page.url)} again; expected each page of the feed once",
            )
        urls.add(page.url)
        seen: set[str] = set()
        for l_index, label in enumerate(page.labels):
            if label in seen:
                add(
                    (*path, index, "labels", l_index),
                    f"found {describe(label)} again; expected each label once",
                )
            seen.add(label)


def _webpage_list(add: Add, path: PathKey, webpages: Sequence[WebpageExclusion], what: str) -> None:
    """Each webpage target (or exclusion) named once, each of its conditions once, a URL equals one alone."""
    names: set[str] = set()
    for index, webpage in enumerate(webpages):
        where: PathKey = (*path, index)
        if webpage.name in names:
            add((*where, "name"), f"found {describe(webpage.name)} again; expected each of the {what} once")
        names.add(webpage.name)
        seen: set[tuple[str, str, str]] = set()
        for c_index, condition in enumerate(webpage.conditions):
            identity = (condition.operand, condition.operator, condition.argument)
            if identity in seen:
                add((*where, "conditions", c_index), "found this condition again; expected each once")
            seen.add(identity)
            url_equals = condition.operand == "url" and condition.operator == "equals"
            if url_equals and len(webpage.conditions) > 1:
                add(
                    (*where, "conditions", c_index),
                    "found a URL equals condition beside others; Google takes one alone "
                    "(criterion_error.WEBPAGE_CRITERION_URL_EQUALS_CAN_HAVE_ONLY_ONE_CONDITION): expected "
                    "it as the target's one condition, or 'operator: contains'",
                )


def _dynamic_creative(
    add: Add, spec: CampaignSpec, path: PathKey, creative: Creative, running: list[str]
) -> None:
    if not runs_dynamic_search(spec):
        add(
            (*path, "type"),
            "found dynamic_search, a Google dynamic search ad; it runs in a Search campaign with a Dynamic "
            f"Search Ads setting alone: expected {_SETTING}",
        )
    if "meta" in (creative.platforms or running):
        add(
            (*path, "platforms") if creative.platforms else (*path, "type"),
            f"found a dynamic search ad running on Meta; {GOOGLE_ONLY}: expected 'platforms: [google]' on it",
        )
    if creative.headlines:
        add(
            (*path, "headlines"),
            "found headlines; Google writes a dynamic search ad's headline from the page: expected none",
        )
    low, high, chars = DYNAMIC_AD_DESCRIPTIONS
    texts = creative.descriptions
    if not low <= len(texts) <= high:
        add(
            (*path, "descriptions"),
            f"found {len(texts)} descriptions; expected {low} or {high} for a Google dynamic search ad",
        )
    for index, text in enumerate(texts):
        if len(text) > chars:
            add(
                (*path, "descriptions", index),
                f"found {describe(text)} ({len(text)} characters); expected at most {chars} for a Google "
                "dynamic search ad's description",
            )
    google = creative.google
    given = {
        "final_url": creative.final_url,
        "google.path1": google.path1,
        "google.path2": google.path2,
        "google.additional_final_urls": google.additional_final_urls,
        "google.final_mobile_urls": google.final_mobile_urls,
    }
    for option, value in given.items():
        if value:
            add(
                (*path, *option.split(".")),
                f"found {option}; a Google dynamic search ad takes none ({_NOT_DYNAMIC[option]})",
            )
