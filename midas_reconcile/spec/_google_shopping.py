"""What a Google standard Shopping campaign (``google.channel: shopping``) holds, and what it cannot.

A standard Shopping campaign (v26 AdvertisingChannelType SHOPPING) advertises the products of a Merchant
Center account (developers.google.com/google-ads/api/docs/shopping-ads/create-campaign): its
``shopping_setting`` names the account (``merchant_id``, "required for create operations", "immutable for
Shopping campaigns"), optionally a feed label, and a ``campaign_priority`` ("required for Shopping
campaigns, with values between 0 and 2"); its ad groups are SHOPPING_PRODUCT_ADS ones, each running one
product ad (v26 ShoppingProductAdInfo, which has no fields: Google builds each ad from the feed's title,
image and price) and bidding per product group, a tree of listing group criteria
(.../shopping-ads/listing-groups). MIDAS gives each ad group the one-unit tree, "all products", bid at the
ad group's ``google.cpc_bid``, or the tree its ``google.product_groups`` draws (``spec._product_groups``).

So a Shopping campaign has no creatives, no keywords (negative keywords of the campaign it has), targets
locations and languages, takes ``google.networks`` as a Search campaign does, and bids with manual CPC (a
max CPC per ad group: its product group's bid), maximize clicks or target ROAS — the standard Shopping
strategies of Google's Shopping best practices guide (support.google.com/google-ads/answer/6167176, "Choose
the right bid strategy for your Standard Shopping campaign"). It runs on Google alone: Meta's counterpart,
catalog sales, needs a product catalog of Meta's: a Meta campaign of its own (``spec._meta_catalog``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from midas_reconcile.spec._google_app import (
    check_no_group_criteria,
    check_places_only_targeting,
)
from midas_reconcile.spec._product_groups import check_product_groups
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    GOOGLE_ONLY_TARGETING,
    IMPLICIT_AD_GROUP,
    AdGroup,
    BiddingStrategy,
    CampaignSpec,
    Objective,
)

#: The strategies a standard Shopping campaign bids with (None: ``compile.google``'s default, maximize
#: clicks).
SHOPPING_BIDDING: Final = (
    None,
    BiddingStrategy.MANUAL_CPC,
    BiddingStrategy.MAXIMIZE_CLICKS,
    BiddingStrategy.TARGET_ROAS,
)
#: The address segment (under its ad group) of the one product ad of a Shopping ad group, which has no
#: creative to be named after.
PRODUCT_AD: Final = "product-ad"
#: The criterion key of an ad group's one listing group, its whole product tree: the root unit.
ALL_PRODUCTS: Final = "listing_group:all-products"

#: Why a Shopping campaign runs on Google alone (the spec check and ``midas mirror --to meta`` say it).
GOOGLE_ONLY: Final = (
    "a Google Shopping campaign advertises the products of a Merchant Center feed, and Meta's counterpart "
    "(catalog sales) needs a product catalog of Meta's: run it as a Meta campaign of its own (meta.catalog)"
)

Add = Callable[[PathKey, str], None]
_SHOPPING: Final = "a Google Shopping campaign"
_ONLY: Final = f"{_SHOPPING} targets locations and languages per campaign (and products by its feed)"


def runs_google_shopping(spec: CampaignSpec) -> bool:
    """Whether ``spec`` compiles to a Google standard Shopping campaign."""
    return (
        spec.google.channel == "shopping"
        and spec.platforms.google is not None
        and spec.objective != Objective.APP_PROMOTION
    )


def check_google_shopping(add: Add, spec: CampaignSpec) -> None:
    """Every rule of ``google.channel: shopping`` and ``google.shopping``, at the offending field."""
    google = spec.google
    if google.channel != "shopping":
        for index, group in enumerate(spec.ad_groups):
            # A Demand Gen ad group's are its product filter (``spec._google_demand_gen_products``).
            if group.google.product_groups is not None and google.channel != "demand_gen":
                add(
                    ("spec", "ad_groups", index, "google", "product_groups"),
                    "found product_groups; they are a Google Shopping ad group's (or a Demand Gen one's "
                    "product filter): expected them in a campaign with 'channel: shopping' or "
                    "'channel: demand_gen' only",
                )
        if google.shopping is not None:
            add(
                ("spec", "google", "shopping"),
                "found shopping settings; they are a Google Shopping campaign's: expected them with "
                "'channel: shopping' only",
            )
        return
    if spec.objective == Objective.APP_PROMOTION:
        add(
            ("spec", "google", "channel"),
            "found channel shopping on an app_promotion campaign, which runs as a Google app campaign; "
            "expected no channel (or 'search')",
        )
        return
    if google.shopping is None:
        add(
            ("spec", "google"),
            "found channel shopping without shopping settings; a Google Shopping campaign advertises the "
            "products of a Merchant Center account: expected google.shopping.merchant_id",
        )
    groups = check_feed_campaign(add, spec, _FEED)
    manual = google.bidding.strategy == BiddingStrategy.MANUAL_CPC
    if manual and not spec.ad_groups:
        add(
            ("spec", "google", "bidding", "strategy"),
            f"found manual_cpc and no ad groups; {_SHOPPING} bidding manual CPC bids per product group: "
            f"expected ad_groups, each with google.cpc_bid (the implicit {IMPLICIT_AD_GROUP!r} has none)",
        )
    for path, group in groups:
        tree = group.google.product_groups
        if tree is not None:
            check_product_groups(add, (*path, "google", "product_groups"), tree, group.google.cpc_bid, manual)
        elif manual and group.google.cpc_bid is None:
            add(
                (*path, "google"),
                "found no cpc_bid; a Google Shopping ad group bidding manual CPC bids its products at its "
                "max CPC: expected google.cpc_bid",
            )


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


_FEED: Final = FeedCampaign(
    "Shopping",
    GOOGLE_ONLY,
    "product ads Google builds from the Merchant Center feed (titles, images, prices)",
    "the products of its feed",
    _ONLY,
    SHOPPING_BIDDING,
    " (negative_keywords it takes)",
)


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
