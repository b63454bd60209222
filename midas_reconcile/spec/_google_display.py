"""What a Google Display campaign (``google.channel: display``) holds, and what only it holds.

A Display campaign (v26 AdvertisingChannelType DISPLAY) serves on the Google Display Network: no keywords
to match searches, no Search networks, no target impression share bidding (which bids for places on search
results pages: v26 TargetImpressionShare); its ad groups are DISPLAY_STANDARD and its ads responsive
display ads (v26 ResponsiveDisplayAdInfo): 1 to 5 headlines of up to 30 characters, a long headline of up
to 90, 1 to 5 descriptions of up to 90, a business name of up to 25, at least one landscape and one
square marketing image (up to 15 together), up to 5 logos, optionally up to 5 YouTube videos, and final
URLs. MIDAS uploads no images: a creative names image assets already in the account by id; its videos it
names by YouTube video id, and MIDAS makes their YouTube video assets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import BiddingStrategy, CampaignSpec, Creative, Objective

#: Responsive display ads (ResponsiveDisplayAdInfo): (min count, max count, max characters).
DISPLAY_AD_HEADLINES: Final = (1, 5, 30)
DISPLAY_AD_DESCRIPTIONS: Final = (1, 5, 90)
LONG_HEADLINE_CHARS: Final = 90
BUSINESS_NAME_CHARS: Final = 25
#: "Combined with square_marketing_images, the maximum is 15"; logos: "Combined with square_logo_images,
#: the maximum is 5" (ResponsiveDisplayAdInfo).
MARKETING_IMAGES_MAX: Final = 15
LOGO_IMAGES_MAX: Final = 5
#: A creative's image options, each a list of image asset ids (and the ad's field of the same name).
DISPLAY_IMAGE_OPTIONS: Final = (
    "marketing_images",
    "square_marketing_images",
    "logo_images",
    "square_logo_images",
)
#: "Optional YouTube videos for the ad. A maximum of 5 videos can be specified" (ResponsiveDisplayAdInfo
#: ``youtube_videos``).
DISPLAY_YOUTUBE_VIDEOS_MAX: Final = 5
#: A creative's options that only a responsive display ad has (and a Performance Max asset group).
DISPLAY_CREATIVE_OPTIONS: Final = ("long_headline", "business_name", *DISPLAY_IMAGE_OPTIONS, "youtube_videos")

#: The channels whose ads (or asset groups) show a business name (``google.business_name``).
BUSINESS_NAME_CHANNELS: Final = ("display", "demand_gen", "performance_max")

Add = Callable[[PathKey, str], None]
_DISPLAY: Final = "a Google Display campaign serves on the Display Network"


def runs_google_display(spec: CampaignSpec) -> bool:
    """Whether ``spec`` compiles to a Google Display campaign."""
    return spec.google.channel == "display" and spec.platforms.google is not None


def long_headline_of(creative: Creative) -> str | None:
    """A responsive display ad's long headline: ``google.long_headline``, else the ``primary_text``."""
    return creative.google.long_headline or creative.primary_text


def business_name_of(spec: CampaignSpec, creative: Creative) -> str | None:
    """A responsive display ad's business name: the creative's ``google.business_name``, else the
    campaign's."""
    return creative.google.business_name or spec.google.business_name


def check_google_display(add: Add, spec: CampaignSpec) -> None:
    """Every campaign-level rule of ``google.channel: display``, at the offending field."""
    google = spec.google
    if not check_channel_and_business_name(add, spec, "display", "responsive display ad"):
        return
    if google.keywords:
        add(
            ("spec", "google", "keywords"),
            f"found keywords; {_DISPLAY}, where no searches match keywords: expected none",
        )
    if google.negative_keywords:
        add(
            ("spec", "google", "negative_keywords"),
            f"found negative_keywords; {_DISPLAY}, where MIDAS sets no keyword exclusions: expected none",
        )
    if "networks" in google.model_fields_set:
        add(
            ("spec", "google", "networks"),
            f"found networks; {_DISPLAY} alone (MIDAS sets its networks): expected none",
        )
    if google.bidding.strategy == BiddingStrategy.TARGET_IMPRESSION_SHARE:
        add(
            ("spec", "google", "bidding", "strategy"),
            "found target_impression_share, which bids for places on search results pages; a Google Display "
            "campaign bids with manual_cpc, maximize_clicks, maximize_conversions, "
            "maximize_conversion_value, target_cpa or target_roas",
        )
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        path: PathKey = ("spec", "ad_groups", index)
        if group.keywords:
            add((*path, "keywords"), f"found keywords; {_DISPLAY}, where no searches match keywords")
        if group.google.negative_keywords:
            add(
                (*path, "google", "negative_keywords"),
                f"found negative_keywords; {_DISPLAY}, where MIDAS sets no keyword exclusions",
            )


def check_channel_and_business_name(add: Add, spec: CampaignSpec, channel: str, ad: str) -> bool:
    """The rules ``google.channel`` and ``google.business_name`` share for a ``channel`` whose ads (``ad``)
    show a business name: no business name on other channels, no such channel on an app campaign, a name
    no longer than Google shows. Whether the campaign says ``channel`` and may hold it (its other rules to
    check)."""
    google = spec.google
    if google.channel != channel:
        # Said once, by the first channel's check.
        first = channel == BUSINESS_NAME_CHANNELS[0]
        if first and google.business_name is not None and google.channel not in BUSINESS_NAME_CHANNELS:
            add(
                ("spec", "google", "business_name"),
                "found business_name; it names the business in a Display, Demand Gen or Performance Max "
                "campaign's ads: expected it with 'channel: display', 'channel: demand_gen' or "
                "'channel: performance_max' only",
            )
        return False
    if spec.objective == Objective.APP_PROMOTION:
        add(
            ("spec", "google", "channel"),
            f"found channel {channel} on an app_promotion campaign, which runs as a Google app campaign; "
            "expected no channel (or 'search')",
        )
        return False
    if google.business_name is not None and len(google.business_name) > BUSINESS_NAME_CHARS:
        add(
            ("spec", "google", "business_name"),
            f"found {len(google.business_name)} characters; expected at most {BUSINESS_NAME_CHARS} for a "
            f"Google {ad}'s business name",
        )
    return True


def check_creative_business_name(
    add: Add, path: PathKey, spec: CampaignSpec, creative: Creative, ad: str
) -> None:
    """The business name a creative's ``ad`` shows: its own or the campaign's, no longer than Google
    shows."""
    own = creative.google.business_name
    if business_name_of(spec, creative) is None:
        add(
            (*path, "google"),
            f"a Google {ad} needs a business name: expected google.business_name on the creative or the "
            "campaign; found neither",
        )
    elif own is not None and len(own) > BUSINESS_NAME_CHARS:
        add(
            (*path, "google", "business_name"),
            f"found {len(own)} characters; expected at most {BUSINESS_NAME_CHARS} for a Google {ad}'s "
            "business name",
        )


def check_long_headline(add: Add, path: PathKey, creative: Creative, ad: str) -> None:
    """The long headline a creative's ``ad`` (a responsive display ad, a Performance Max asset group)
    shows: present, of at most 90 characters."""
    google = creative.google
    long_headline = long_headline_of(creative)
    if long_headline is None:
        add(
            (*path, "google"),
            f"a Google {ad} needs a long headline: expected google.long_headline (or the creative's "
            "primary_text); found neither",
        )
    elif len(long_headline) > LONG_HEADLINE_CHARS:
        where = "long_headline" if google.long_headline else "primary_text"
        hint = (
            "" if google.long_headline else " (set google.long_headline to keep this primary_text for Meta)"
        )
        add(
            (*path, "google", where) if google.long_headline else (*path, where),
            f"found {len(long_headline)} characters in the long headline ({where}); expected at most "
            f"{LONG_HEADLINE_CHARS} for a Google {ad}{hint}",
        )


def check_display_creative(add: Add, path: PathKey, spec: CampaignSpec, creative: Creative) -> None:
    """A creative a Google Display campaign runs: a responsive display ad with its long headline, business
    name, images and videos; no display URL paths (those are a responsive search ad's)."""
    google = creative.google
    for option in ("path1", "path2"):
        if getattr(google, option) is not None:
            add(
                (*path, "google", option),
                f"found {option}; a Google responsive display ad has no display URL paths (a search ad's)",
            )
    check_long_headline(add, path, creative, "responsive display ad")
    check_creative_business_name(add, path, spec, creative, "responsive display ad")
    for option, what in (("marketing_images", "landscape (1.91:1)"), ("square_marketing_images", "square")):
        if not getattr(google, option):
            add(
                (*path, "google"),
                f"a Google responsive display ad needs at least one {what} marketing image: expected "
                f"google.{option} (ids of image assets in the Google Ads account); found none",
            )
    for options, most in (
        (("marketing_images", "square_marketing_images"), MARKETING_IMAGES_MAX),
        (("logo_images", "square_logo_images"), LOGO_IMAGES_MAX),
    ):
        found = sum(len(getattr(google, option)) for option in options)
        if found > most:
            add(
                (*path, "google", options[-1]),
                f"found {found} {' and '.join(options)} together; expected at most {most} for a Google "
                "responsive display ad",
            )
    if (found := len(google.youtube_videos)) > DISPLAY_YOUTUBE_VIDEOS_MAX:
        add(
            (*path, "google", "youtube_videos"),
            f"found {found} youtube_videos; expected at most {DISPLAY_YOUTUBE_VIDEOS_MAX} for a Google "
            "responsive display ad",
        )


def display_ad_problems(spec: CampaignSpec, creative: Creative) -> list[str]:
    """Why ``creative`` cannot be a responsive display ad of ``spec``'s Display campaign ([] when it can):
    the messages of ``check_display_creative`` and of its text limits."""
    problems: list[str] = []
    check_display_creative(lambda _path, message: problems.append(message), (), spec, creative)
    return problems + text_problems(creative, DISPLAY_AD_HEADLINES, DISPLAY_AD_DESCRIPTIONS)


def text_problems(
    creative: Creative, headlines: tuple[int, int, int], descriptions: tuple[int, int, int]
) -> list[str]:
    """Why ``creative``'s headlines and descriptions do not fit an ad taking ``(min count, max count, max
    characters)`` of each ([] when they do)."""
    problems: list[str] = []
    for texts, (low, high, chars), what in (
        (creative.headlines, headlines, "headlines"),
        (creative.descriptions, descriptions, "descriptions"),
    ):
        if not low <= len(texts) <= high:
            problems.append(f"{len(texts)} {what} (Google needs {low} to {high})")
        if long := [t for t in texts if len(t) > chars]:
            problems.append(f"{len(long)} of its {what} over {chars} characters")
    return problems
