"""Google Demand Gen product ads (``type: product`` creatives) and their campaign's Merchant Center link
(``google.demand_gen``).

A Demand Gen campaign shows the products of a Merchant Center account once a v26 ``Campaign.ShoppingSetting``
names the account (``merchant_id``; ``feed_label`` optional, "to target a specific product feed")
(developers.google.com/google-ads/api/docs/demand-gen/product-ads). Its product-only ads are Demand Gen
product ads (v26 AdTypeEnum DEMAND_GEN_PRODUCT_AD, DemandGenProductAdInfo), whose ``headline``,
``description``, ``logo_image`` (square, 1:1) and ``business_name`` are "Required", with two optional
``breadcrumb1`` / ``breadcrumb2`` texts and a ``call_to_action`` asset (an AdCallToActionAsset). The spec
language writes one as a creative of ``type: product``: ``google.headline``, its ``primary_text`` as the
description, one square ``google.logo_images`` asset id, the creative's or the campaign's business name,
``google.breadcrumb1`` / ``breadcrumb2``, ``google.call_to_action`` (a call to action asset of that
CallToActionType, which the connector makes with the ad, as a video responsive ad's), and its ``final_url``
(the ad's ``final_urls``, as every other Demand Gen ad's; whether Google needs one of a product ad, whose
products link to their own pages, is unconfirmed).

Unconfirmed or left out: v26 documents no length for the headline, description or breadcrumbs, so none is
checked here (the business name is held to the 25 characters of every other ad's). An ad group's
product filter is its ``google.product_groups``: its listing group criteria (the guide's step 3: "Use
ListingGroup criteria with AdGroupCriterionService to control which products in your feed are included in
the ad group"), a tree of SUBDIVISION and UNIT v26 ListingGroupInfo nodes as a Shopping ad group's, written
in the Shopping spec's form (``spec._product_groups.check_product_filter``) with each group included or
``exclude``-d and none bid. Unconfirmed: that the tree's rules are a Shopping tree's, that Google takes no
bid on it (a Demand Gen campaign's bidding is automated), and that an ad group without one shows all of the
feed's products. v26 says ``merchant_id`` is "immutable for Shopping
campaigns" and nothing of Demand Gen ones, and the guide adds an account to a live Demand Gen campaign:
MIDAS updates it in place (``resources.FIELDS``' ``demand_gen_shopping_setting``, never a replacement);
whether Google takes a change or removal of one is unconfirmed.

Meta has no product ad of a Merchant Center feed: a ``type: product`` creative runs on Google alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._google_display import check_creative_business_name
from midas_reconcile.spec._product_groups import check_product_filter
from midas_reconcile.spec._url_tracking import AD_URL_OPTIONS
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import PRODUCT_CREATIVE, AdGroup, CampaignSpec, Creative, Objective

Add = Callable[[PathKey, str], None]

#: What a product ad is called in messages.
PRODUCT_AD: Final = "Demand Gen product ad"
#: Why a product ad runs on Google alone (the spec checks and ``midas mirror --to meta``).
GOOGLE_ONLY: Final = (
    "a Demand Gen product ad shows the products of a Google Merchant Center account, which Meta has nothing "
    "like"
)
#: The creative's google options a Demand Gen product ad has (v26 DemandGenProductAdInfo: its one logo among
#: ``logo_images``), and its ad's URL options.
PRODUCT_AD_OPTIONS: Final = (
    "headline",
    "business_name",
    "logo_images",
    "breadcrumb1",
    "breadcrumb2",
    "call_to_action",
    "additional_final_urls",
    *AD_URL_OPTIONS,
)
#: The creative's own fields a product ad has no place for.
_NOT_PRODUCT: Final = ("image_url", "video_id", "post_id")


def check_demand_gen_products(add: Add, spec: CampaignSpec) -> None:
    """Every rule of ``google.demand_gen`` and ``type: product``, at the offending field."""
    if spec.google.demand_gen is not None and spec.google.channel != "demand_gen":
        add(
            ("spec", "google", "demand_gen"),
            "found demand_gen (a Merchant Center account for product ads); it is a Google Demand Gen "
            "campaign's: expected it on a campaign with 'channel: demand_gen' only (a Shopping campaign's "
            "account is google.shopping.merchant_id)",
        )
    running = [p for p in ("google", "meta") if getattr(spec.platforms, p) is not None]
    for index, creative in enumerate(spec.creatives):
        if creative.type == PRODUCT_CREATIVE:
            _product_creative(add, spec, ("spec", "creatives", index), creative, running)
    if spec.google.channel == "demand_gen":
        for index, group in enumerate(spec.ad_groups):
            if group.google.product_groups is not None:
                _product_filter(add, spec, ("spec", "ad_groups", index), group)


def _product_filter(add: Add, spec: CampaignSpec, path: PathKey, group: AdGroup) -> None:
    """An ad group's product filter (``google.product_groups``): the products of the campaign's Merchant
    Center account its product ads show, on Google."""
    at: PathKey = (*path, "google", "product_groups")
    tree = group.google.product_groups
    if tree is None:
        return
    if spec.objective == Objective.APP_PROMOTION:
        return  # an app campaign, whatever its channel: said by the channel's check
    if spec.google.demand_gen is None:
        add(
            at,
            "found product_groups, a Demand Gen ad group's product filter of the campaign's Merchant Center "
            "account; found none: expected google.demand_gen.merchant_id on the campaign",
        )
        return
    if spec.platforms.google is None or (group.platforms is not None and "google" not in group.platforms):
        add(at, "found product_groups on an ad group that does not run on Google: expected none")
        return
    check_product_filter(add, at, tree)


def _product_creative(
    add: Add, spec: CampaignSpec, path: PathKey, creative: Creative, running: list[str]
) -> None:
    if spec.google.channel != "demand_gen" or spec.objective == Objective.APP_PROMOTION:
        add(
            (*path, "type"),
            f"found product, a Google {PRODUCT_AD}; it runs in a Demand Gen campaign alone: expected "
            "'google: {channel: demand_gen, demand_gen: {merchant_id: …}}' on the campaign",
        )
    elif spec.google.demand_gen is None:
        add(
            (*path, "type"),
            f"found product, a Google {PRODUCT_AD}, which shows the products of the campaign's Merchant "
            "Center account; found none: expected google.demand_gen.merchant_id on the campaign",
        )
    if "meta" in (creative.platforms or running):
        add(
            (*path, "platforms") if creative.platforms else (*path, "type"),
            f"found a product ad running on Meta; {GOOGLE_ONLY}: expected 'platforms: [google]' on it",
        )
    for field in ("headlines", "descriptions"):
        if getattr(creative, field):
            add(
                (*path, field),
                f"found {field}; a Google {PRODUCT_AD} shows one headline (google.headline) and one "
                "description (the primary_text): expected none",
            )
    for field in _NOT_PRODUCT:
        if getattr(creative, field) is not None:
            add(
                (*path, field),
                f"found {field}; a Google {PRODUCT_AD} shows the feed's products: expected none",
            )
    if creative.cards:
        add((*path, "cards"), f"found cards; a Google {PRODUCT_AD} has none: expected none")
    google = creative.google
    for option in sorted(google.model_fields_set - set(PRODUCT_AD_OPTIONS)):
        if getattr(google, option):
            add(
                (*path, "google", option),
                f"found {option}; a Google {PRODUCT_AD} takes " + ", ".join(PRODUCT_AD_OPTIONS) + " of the "
                "google options",
            )
    needs = [
        what
        for what, present in (
            ("google.headline (the ad's headline)", google.headline is not None),
            ("primary_text (the ad's description)", creative.primary_text is not None),
            ("final_url", creative.final_url is not None),
        )
        if not present
    ]
    if needs:
        add(path, f"a Google {PRODUCT_AD} needs {', '.join(needs)}; found none")
    if len(google.logo_images) != 1:
        add(
            (*path, "google", "logo_images") if google.logo_images else (*path, "google"),
            f"found {len(google.logo_images)} logo_images; a Google {PRODUCT_AD} shows one logo (a square "
            "image asset id)",
        )
    check_creative_business_name(add, path, spec, creative, PRODUCT_AD)
