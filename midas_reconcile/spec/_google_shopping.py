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

from typing import Final

from midas_reconcile.spec._google_feed_campaigns import (
    Add,
    FeedCampaign,
    check_feed_campaign,
    refuses_app_promotion,
    runs_feed_campaign,
)
from midas_reconcile.spec._product_groups import check_product_groups
from midas_reconcile.spec.models import (
    IMPLICIT_AD_GROUP,
    BiddingStrategy,
    CampaignSpec,
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

_SHOPPING: Final = "a Google Shopping campaign"
_ONLY: Final = f"{_SHOPPING} targets locations and languages per campaign (and products by its feed)"
#: What a Shopping campaign says of itself when it refuses an option.
SHOPPING_FEED: Final = FeedCampaign(
    "Shopping",
    GOOGLE_ONLY,
    "product ads Google builds from the Merchant Center feed (titles, images, prices)",
    "the products of its feed",
    _ONLY,
    SHOPPING_BIDDING,
    " (negative_keywords it takes)",
)


def runs_google_shopping(spec: CampaignSpec) -> bool:
    """Whether ``spec`` compiles to a Google standard Shopping campaign."""
    return runs_feed_campaign(spec, "shopping")


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
    if refuses_app_promotion(add, spec):
        return
    if google.shopping is None:
        add(
            ("spec", "google"),
            "found channel shopping without shopping settings; a Google Shopping campaign advertises the "
            "products of a Merchant Center account: expected google.shopping.merchant_id",
        )
    groups = check_feed_campaign(add, spec, SHOPPING_FEED)
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
