"""What a Google Performance Max campaign (``google.channel: performance_max``) holds, and what it cannot.

A Performance Max campaign (v26 AdvertisingChannelType PERFORMANCE_MAX) has no ad groups and no ads: it has
asset groups (v26 AssetGroup: a name, final URLs, a status, display URL paths), each a collection of assets
Google combines into ads on every Google property. MIDAS compiles each ad group of the spec that runs on
Google into one asset group, whose one creative gives its assets: the headlines, the long headline (the
creative's ``google.long_headline``, else its ``primary_text``), the descriptions, the business name
(``google.business_name``, the creative's or the campaign's) and the images by asset id, under the option
names a Display campaign's creatives use (developers.google.com/google-ads/api/performance-max/
asset-requirements: HEADLINE 3–15 of up to 30 characters, one of up to 15; LONG_HEADLINE 1–5 of up to 90;
DESCRIPTION 2–5 of up to 90, one of up to 60; BUSINESS_NAME exactly 1 of up to 25; MARKETING_IMAGE
(landscape 1.91:1) 1–20; SQUARE_MARKETING_IMAGE 1–20; LOGO (square) 1–5; LANDSCAPE_LOGO (4:1) up to 20).
An asset group shows the creative's one ``long_headline`` (as a Display campaign's responsive display ad
does), or up to 5 under ``long_headlines``.

The campaign targets locations and languages (campaign criteria) only: it has no keywords, no ad group
criteria and no bid overrides (it has no ad groups); its budget cannot be shared
(developers.google.com/google-ads/api/performance-max/create-budget); and it bids with MaximizeConversions
(optionally to a target CPA) or MaximizeConversionValue (optionally to a target ROAS) alone
(developers.google.com/google-ads/api/performance-max/create-campaign), which the spec's
maximize_conversions / target_cpa and maximize_conversion_value / target_roas name. Business name and logos
sit in each asset group unless the campaign's brand guidelines are on (``google.brand_guidelines``, v26
Campaign.brand_guidelines_enabled, set on create only): then they are the campaign's assets (v26
CampaignAsset), and its asset groups hold none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._google_app import (
    check_group_places_only,
    check_no_group_criteria,
    check_places_only_targeting,
)
from midas_reconcile.spec._google_display import (
    DISPLAY_CREATIVE_OPTIONS,
    LONG_HEADLINE_CHARS,
    check_channel_and_business_name,
    check_creative_business_name,
    check_long_headline,
    long_headline_of,
    text_problems,
)
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import GOOGLE_ONLY_TARGETING, BiddingStrategy, CampaignSpec, Creative

#: Asset group texts (asset-requirements): (min count, max count, max characters).
PMAX_HEADLINES: Final = (3, 15, 30)
PMAX_DESCRIPTIONS: Final = (2, 5, 90)
#: LONG_HEADLINE: (min count, max count, max characters) of a creative's ``google.long_headlines``.
PMAX_LONG_HEADLINES: Final = (1, 5, LONG_HEADLINE_CHARS)
#: The creative options only an asset group has: a responsive display ad's (YouTube videos included),
#: several long headlines and a call to action.
PMAX_CREATIVE_OPTIONS: Final = (*DISPLAY_CREATIVE_OPTIONS, "long_headlines", "call_to_action")
#: YOUTUBE_VIDEO: the most YouTube videos an asset group links (developers.google.com/google-ads/api/
#: performance-max/assets: optional, "0 | 5").
PMAX_YOUTUBE_VIDEOS_MAX: Final = 5
#: "At least 1 with 15 characters or less" (headlines), "at least 1 with 60 characters or less"
#: (descriptions).
PMAX_SHORT_HEADLINE_CHARS: Final = 15
PMAX_SHORT_DESCRIPTION_CHARS: Final = 60
#: A creative's image option → (min, max) image asset ids an asset group takes of it, and the v26
#: AssetFieldType it links them as (``logo_images`` are landscape 4:1 logos as in a responsive display ad,
#: ``square_logo_images`` the square LOGO).
PMAX_IMAGES: Final = {
    "marketing_images": (1, 20, "MARKETING_IMAGE"),
    "square_marketing_images": (1, 20, "SQUARE_MARKETING_IMAGE"),
    "square_logo_images": (1, 5, "LOGO"),
    "logo_images": (0, 20, "LANDSCAPE_LOGO"),
}
#: With brand guidelines on, the image options that are the campaign's (``google.brand_guidelines``), not a
#: creative's: square logos (1 to 5) and landscape ones, at most 5 in all (v26 BrandCampaignAssets;
#: BrandGuidelinesMigrationError.BRAND_GUIDELINES_LOGO_LIMIT_EXCEEDED: "Maximum of 5 square and landscape
#: logos").
BRAND_IMAGES: Final = ("square_logo_images", "logo_images")
BRAND_SQUARE_LOGOS: Final = (1, 5)
BRAND_LOGOS: Final = 5
#: The strategies a Performance Max campaign bids with (None: the objective's default).
PMAX_BIDDING: Final = (
    None,
    BiddingStrategy.MAXIMIZE_CONVERSIONS,
    BiddingStrategy.TARGET_CPA,
    BiddingStrategy.MAXIMIZE_CONVERSION_VALUE,
    BiddingStrategy.TARGET_ROAS,
)

Add = Callable[[PathKey, str], None]
_PMAX: Final = "a Google Performance Max campaign"
_ONLY: Final = f"{_PMAX} targets locations and languages only"
_ASSET_GROUP: Final = "Performance Max asset group"


def runs_google_performance_max(spec: CampaignSpec) -> bool:
    """Whether ``spec`` compiles to a Google Performance Max campaign."""
    return spec.google.channel == "performance_max" and spec.platforms.google is not None


def long_headlines_of(creative: Creative) -> list[str]:
    """An asset group's long headlines: ``google.long_headlines``, else the one ``long_headline_of``."""
    if creative.google.long_headlines:
        return list(creative.google.long_headlines)
    single = long_headline_of(creative)
    return [single] if single is not None else []


def has_brand_guidelines(spec: CampaignSpec) -> bool:
    """Whether ``spec``'s Performance Max campaign has brand guidelines on: its business name and logos are
    then the campaign's assets, none its asset groups'."""
    return spec.google.channel == "performance_max" and spec.google.brand_guidelines is not None


def check_google_performance_max(add: Add, spec: CampaignSpec) -> None:
    """Every campaign-level rule of a Performance Max campaign, at the offending field."""
    if spec.google.brand_guidelines is not None and spec.google.channel != "performance_max":
        add(
            ("spec", "google", "brand_guidelines"),
            "found brand_guidelines; only a Performance Max campaign has them: expected them with "
            "'channel: performance_max' only",
        )
    if not check_channel_and_business_name(add, spec, "performance_max", _ASSET_GROUP):
        return
    google = spec.google
    if google.brand_guidelines is not None:
        _check_brand_guidelines(add, spec)
    for option in ("keywords", "negative_keywords", *GOOGLE_ONLY_TARGETING):
        if getattr(google, option):
            add(
                ("spec", "google", option),
                f"found {option}; {_ONLY} (no keywords, exclusions or demographics)",
            )
    if "networks" in google.model_fields_set:
        add(
            ("spec", "google", "networks"),
            f"found networks; {_PMAX} serves on every Google property and takes no network settings",
        )
    if google.shared_budget is not None:
        add(
            ("spec", "google", "shared_budget"),
            f"found a shared budget; {_PMAX} cannot use a shared budget: expected a budget of its own "
            "(spec.budget)",
        )
    strategy = google.bidding.strategy
    if strategy not in PMAX_BIDDING:
        add(
            ("spec", "google", "bidding", "strategy"),
            f"found {strategy}; {_PMAX} bids with maximize_conversions (or target_cpa) or "
            "maximize_conversion_value (or target_roas) only",
        )
    if google.bidding.impression_share is not None:
        add(
            ("spec", "google", "bidding", "impression_share"),
            f"found impression_share; {_PMAX} cannot bid for target impression share",
        )
    # A Meta-only campaign saying performance_max targets as Meta does until it runs on Google (``midas
    # mirror`` then moves what Google cannot target to meta.targeting).
    if spec.platforms.google is not None:
        check_places_only_targeting(add, spec, _ONLY, spec.platforms.meta is not None)
    _ad_groups(add, spec)


def _check_brand_guidelines(add: Add, spec: CampaignSpec) -> None:
    """Brand guidelines on: the campaign's business name, 1 to 5 square logos, at most 5 logos in all."""
    brand = spec.google.brand_guidelines
    assert brand is not None
    at: PathKey = ("spec", "google", "brand_guidelines")
    if spec.google.business_name is None:
        add(
            ("spec", "google"),
            "found brand_guidelines without business_name; with brand guidelines on, the business name is "
            "the campaign's: expected google.business_name",
        )
    low, high = BRAND_SQUARE_LOGOS
    found = len(brand.square_logo_images)
    if not low <= found <= high:
        add(
            (*at, "square_logo_images") if found else at,
            f"found {found} square_logo_images; brand guidelines take {low} to {high} square logos (LOGO): "
            "expected google.brand_guidelines.square_logo_images (ids of image assets)",
        )
    if found + len(brand.logo_images) > BRAND_LOGOS:
        add(
            (*at, "logo_images") if brand.logo_images else at,
            f"found {found + len(brand.logo_images)} logos; brand guidelines take at most {BRAND_LOGOS} "
            "square and landscape logos together",
        )
    for option in BRAND_IMAGES:
        ids = getattr(brand, option)
        for index, id_ in enumerate(ids):
            if id_ in ids[:index]:
                add((*at, option, index), f"found image asset {id_} twice; each is one campaign asset")


def _ad_groups(add: Add, spec: CampaignSpec) -> None:
    """Each ad group running on Google is an asset group: no criteria, no bid, one creative."""
    on_meta = spec.platforms.meta is not None
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        path: PathKey = ("spec", "ad_groups", index)
        check_no_group_criteria(add, path, group, f"{_ONLY} (an asset group takes no criteria)")
        for bid in ("cpc_bid", "target_cpa", "target_roas"):
            if getattr(group.google, bid) is not None:
                add(
                    (*path, "google", bid), f"found {bid}; {_PMAX}'s asset groups cannot override its bidding"
                )
        if group.google.labels:
            add((*path, "google", "labels"), f"found labels; {_PMAX}'s asset groups take no labels")
        if group.targeting is not None and spec.platforms.google is not None:
            only = f"{_ONLY} (an asset group takes no criteria)"
            group_on_meta = on_meta and group.platforms is None
            check_group_places_only(add, (*path, "targeting"), group.targeting, only, group_on_meta)
    groups = spec.ad_groups or []
    if not groups:
        on_google = [c for c in spec.creatives if c.platforms is None or "google" in c.platforms]
        if len(on_google) != 1:
            add(
                ("spec", "creatives"),
                f"found {len(on_google)} creatives running on Google; {_PMAX} runs each ad group as one "
                "asset group of one creative's assets: expected exactly one (or ad groups naming one each)",
            )
        return
    for index, group in enumerate(groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        wanted = set(group.creatives) if group.creatives is not None else None
        on_google = [
            c
            for c in spec.creatives
            if (c.platforms is None or "google" in c.platforms) and (wanted is None or c.name in wanted)
        ]
        if len(on_google) != 1:
            add(
                ("spec", "ad_groups", index, "creatives"),
                f"found {len(on_google)} creatives running on Google in ad group {group.name!r}; {_PMAX} "
                "runs each ad group as one asset group of one creative's assets: expected exactly one",
            )


def check_performance_max_creative(add: Add, path: PathKey, spec: CampaignSpec, creative: Creative) -> None:
    """A creative an asset group is made of: its long headline, business name and images; its texts'
    counts and lengths are ``checks``'s (``PMAX_HEADLINES`` …); one short headline and description here."""
    google = creative.google
    if creative.status != "active":
        add(
            (*path, "status"),
            f"found status {creative.status}; {_PMAX} pauses an asset group, not its assets: expected the ad "
            "group's status (google.status) to pause it",
        )
    if creative.headlines and min(map(len, creative.headlines)) > PMAX_SHORT_HEADLINE_CHARS:
        add(
            (*path, "headlines"),
            f"found no headline of at most {PMAX_SHORT_HEADLINE_CHARS} characters; a Performance Max asset "
            "group needs one",
        )
    if creative.descriptions and min(map(len, creative.descriptions)) > PMAX_SHORT_DESCRIPTION_CHARS:
        add(
            (*path, "descriptions"),
            f"found no description of at most {PMAX_SHORT_DESCRIPTION_CHARS} characters; a Performance Max "
            "asset group needs one",
        )
    if google.path2 and not google.path1:
        # Google refuses it: v26 AssetGroupErrorEnum.PATH1_REQUIRED_WHEN_PATH2_IS_SET
        # (google/ads/googleads/v26/errors/types/asset_group_error.py).
        add(
            (*path, "google", "path2"),
            "found path2 without path1; an asset group's display URL takes path2 after path1 only: "
            "expected google.path1 too, or no path2",
        )
    _check_long_headlines(add, path, creative)
    brand = has_brand_guidelines(spec)
    if brand:
        for option in ("business_name", *BRAND_IMAGES):
            if getattr(google, option):
                add(
                    (*path, "google", option),
                    f"found {option}; with the campaign's brand guidelines on, the business name and logos "
                    "are the campaign's: expected google.business_name and google.brand_guidelines",
                )
    else:
        check_creative_business_name(add, path, spec, creative, _ASSET_GROUP)
    for option, (low, high, field_type) in PMAX_IMAGES.items():
        if brand and option in BRAND_IMAGES:
            continue
        found = len(getattr(google, option))
        if not low <= found <= high:
            add(
                (*path, "google", option) if found else (*path, "google"),
                f"found {found} {option}; a Performance Max asset group takes {low} to {high} {field_type} "
                f"images: expected google.{option} (ids of image assets in the Google Ads account)",
            )
    if len(google.youtube_videos) > PMAX_YOUTUBE_VIDEOS_MAX:
        add(
            (*path, "google", "youtube_videos"),
            f"found {len(google.youtube_videos)} youtube_videos; a Performance Max asset group takes at most "
            f"{PMAX_YOUTUBE_VIDEOS_MAX} YOUTUBE_VIDEO assets",
        )


def _check_long_headlines(add: Add, path: PathKey, creative: Creative) -> None:
    """The one long headline (``check_long_headline``), or ``long_headlines``: 1 to 5 of at most 90
    characters, distinct (one link per asset and field type), and not beside ``long_headline``."""
    google = creative.google
    if not google.long_headlines:
        check_long_headline(add, path, creative, _ASSET_GROUP)
        return
    at: PathKey = (*path, "google", "long_headlines")
    if google.long_headline is not None:
        add(
            (*path, "google", "long_headline"),
            "found long_headline beside long_headlines; expected one of them (long_headlines: [...] for "
            "several)",
        )
    low, high, chars = PMAX_LONG_HEADLINES
    if not low <= len(google.long_headlines) <= high:
        add(at, f"found {len(google.long_headlines)} long_headlines; a {_ASSET_GROUP} takes {low} to {high}")
    seen: set[str] = set()
    for index, text in enumerate(google.long_headlines):
        if len(text) > chars:
            add(
                (*at, index),
                f"found {len(text)} characters in a long headline; expected at most {chars} for a Google "
                f"{_ASSET_GROUP}",
            )
        if text in seen:
            add((*at, index), f"found long headline {text!r} twice; each is one asset of the asset group")
        seen.add(text)


def performance_max_problems(spec: CampaignSpec, creative: Creative) -> list[str]:
    """Why ``creative`` cannot be the assets of an asset group of ``spec``'s Performance Max campaign ([]
    when it can): the messages of ``check_performance_max_creative`` and of its text counts and lengths."""
    problems: list[str] = []
    check_performance_max_creative(lambda _path, message: problems.append(message), (), spec, creative)
    return problems + text_problems(creative, PMAX_HEADLINES, PMAX_DESCRIPTIONS)
