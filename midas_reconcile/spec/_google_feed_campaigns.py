"""What a Google campaign whose ads Google builds from a feed says of itself, and the rules such campaigns
share: a standard Shopping campaign (the products of a Merchant Center account: ``spec._google_shopping``)
and a Hotel campaign (the hotels of a Hotel Center account: ``spec._google_hotel``) run on Google alone,
with no creatives and no keywords, targeting locations and languages per campaign, bidding with their own
strategies, their ad groups without criteria or targeting of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from midas_reconcile.spec._google_app import (
    check_no_group_criteria,
    check_places_only_targeting,
)
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    GOOGLE_ONLY_TARGETING,
    AdGroup,
    BiddingStrategy,
    CampaignSpec,
    Objective,
)

Add = Callable[[PathKey, str], None]


@dataclass(frozen=True)
class FeedCampaign:
    """What a Google campaign whose ads Google builds from a feed (a Shopping campaign's Merchant Center
    products, a Hotel campaign's Hotel Center hotels) says of itself when it refuses an option."""

    #: The campaign type, as Google Ads names it ("Shopping", "Hotel").
    kind: str
    #: Why it runs on Google alone.
    google_only: str
    #: What its ads are, in place of creatives.
    ads: str
    #: What it matches searches to, in place of keywords.
    matches: str
    #: Why its targeting is locations and languages alone.
    only: str
    #: The strategies it bids with (None: its default).
    bidding: tuple[BiddingStrategy | None, ...]
    #: What it takes instead of keywords, if anything (said after "expected none").
    instead_of_keywords: str = ""


def runs_feed_campaign(spec: CampaignSpec, channel: str) -> bool:
    """Whether ``spec`` compiles to the Google feed campaign of ``channel`` (``shopping``, ``hotel``): one
    running on Google, but of an app_promotion campaign, which runs as a Google app campaign."""
    return (
        spec.google.channel == channel
        and spec.platforms.google is not None
        and spec.objective != Objective.APP_PROMOTION
    )


def refuses_app_promotion(add: Add, spec: CampaignSpec) -> bool:
    """Whether ``spec``, of a feed channel, is an app_promotion campaign (which runs as a Google app
    campaign), said at its channel."""
    if spec.objective != Objective.APP_PROMOTION:
        return False
    add(
        ("spec", "google", "channel"),
        f"found channel {spec.google.channel} on an app_promotion campaign, which runs as a Google app "
        "campaign; expected no channel (or 'search')",
    )
    return True


def check_feed_campaign(add: Add, spec: CampaignSpec, feed: FeedCampaign) -> list[tuple[PathKey, AdGroup]]:
    """The rules a Shopping and a Hotel campaign share, at the offending field: Google alone, no creatives,
    no keywords, locations and languages targeted per campaign, its own bidding strategies, and ad groups
    without criteria or targeting of their own. Returns the ad groups running on Google, each with its
    path, for the campaign's own rules."""
    google = spec.google
    what = f"a Google {feed.kind} campaign"
    if spec.platforms.meta is not None:
        add(
            ("spec", "platforms", "meta"),
            f"found meta; {feed.google_only}: expected a {feed.kind} campaign on Google alone (run Meta from "
            "a campaign of its own)",
        )
    if google.keywords:
        add(
            ("spec", "google", "keywords"),
            f"found keywords; {what} matches searches to {feed.matches}, not to keywords: expected none"
            + feed.instead_of_keywords,
        )
    for option in GOOGLE_ONLY_TARGETING:
        if getattr(google, option):
            add(("spec", "google", option), f"found {option}; {feed.only}: expected none")
    check_places_only_targeting(add, spec, feed.only, on_meta=False)
    if "app_campaign" in google.model_fields_set:  # any kind, the default "installs" too
        add(
            ("spec", "google", "app_campaign"),
            f"found app_campaign; {what} is no app campaign (app_campaign is an app_promotion campaign's): "
            "expected none",
        )
    strategy = google.bidding.strategy
    if strategy is not None and strategy not in feed.bidding:
        add(
            ("spec", "google", "bidding", "strategy"),
            f"found {strategy.value!r}; {what} bids with " + ", ".join(s.value for s in feed.bidding if s),
        )
    for index, creative in enumerate(spec.creatives):
        if creative.platforms is None or "google" in creative.platforms:
            add(
                ("spec", "creatives", index),
                f"found creative {creative.name!r}; {what}'s ads are {feed.ads}: expected no creatives",
            )
    groups: list[tuple[PathKey, AdGroup]] = []
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        path: PathKey = ("spec", "ad_groups", index)
        check_no_group_criteria(add, path, group, feed.only)
        if group.targeting is not None:
            add((*path, "targeting"), f"found targeting; {feed.only}: expected the campaign's targeting")
        groups.append((path, group))
    return groups
