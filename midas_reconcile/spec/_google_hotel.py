"""What a Google Hotel campaign (``google.channel: hotel``) holds, and what it cannot.

A Hotel campaign (v26 AdvertisingChannelType HOTEL) shows the hotels, rates and availability of a Hotel
Center account linked to the Google Ads account (developers.google.com/google-ads/api/docs/hotel-ads/
create-campaign): its ``hotel_setting.hotel_center_id`` names the account (v26 campaign_error
MISSING_HOTEL_SETTING, "Hotel setting was not found when creating a hotel ads campaign"). Its ad groups are
HOTEL_ADS ones ("This cannot be set to other types"), each running one hotel ad (v26 HotelAdInfo, which has
no fields: Google builds the ads from the Hotel Center feed), enabled: the SDK's example
examples/travel/add_hotel_ad.py says pausing one "will cause an error for hotel campaigns", pausing happens
at the ad group or campaign. (That example's campaign bids percent CPC, which MIDAS does not write.)

Bidding: the Hotel guide assigns ``manual_cpc``, ``percent_cpc`` or ``target_roas``
(.../hotel-ads/bidding/assign-strategies; "The commission strategy is no longer available for Hotel
campaigns"). MIDAS gives a Hotel campaign manual CPC (its default: each ad group's ``google.cpc_bid``, which
Google requires at the ad group level, .../hotel-ads/bidding/set-bids) or target ROAS. Percent CPC (a bid
that is a fraction of the room's price) the spec language does not write: import refuses it, named.

It serves on Google Search alone (Google's example: "Only Google Search is allowed for hotel campaigns"),
so ``google.networks`` is not its to set. It targets locations and languages (believed: the sandbox's model;
unconfirmed that Google takes language criteria on a Hotel campaign), has no keywords and no negative
keywords (unconfirmed whether Google takes them: refused until it is), and no hotel groups (v26
ListingGroupInfo with HotelIdInfo and the like: a campaign of all its Hotel Center hotels; import refuses a
live hotel group tree, named: Google allows one, MIDAS does not write it). It runs on Google alone: Meta has
no Hotel Center. Its ad groups' bid modifiers by booking (v26 AdGroupBidModifier ``start_day_of_week``,
``length_of_booking``, ``advance_booking_window``, ``user_set_dates``, ``start_date_range``) are their
``google.hotel_bid_adjustments`` (``spec._google_hotel_bookings``).
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
from midas_reconcile.spec.models import (
    IMPLICIT_AD_GROUP,
    BiddingStrategy,
    CampaignSpec,
)

#: The strategies a Hotel campaign bids with (None: ``HOTEL_DEFAULT_BIDDING``, manual CPC).
HOTEL_BIDDING: Final = (None, BiddingStrategy.MANUAL_CPC, BiddingStrategy.TARGET_ROAS)
#: The address segment (under its ad group) of the one hotel ad of a Hotel ad group.
HOTEL_AD: Final = "hotel-ad"
#: Why a Hotel campaign runs on Google alone (the spec check and ``midas mirror --to meta`` say it).
GOOGLE_ONLY: Final = (
    "a Google Hotel campaign shows the hotels and rates of a Hotel Center account, which Meta has no "
    "counterpart of that MIDAS models"
)
#: The networks a Hotel campaign serves on: Google Search alone.
HOTEL_NETWORKS: Final = {
    "target_google_search": True,
    "target_search_network": False,
    "target_content_network": False,
}

_HOTEL: Final = "a Google Hotel campaign"
#: What a Hotel campaign says of itself when it refuses an option.
HOTEL_FEED: Final = FeedCampaign(
    "Hotel",
    GOOGLE_ONLY,
    "hotel ads Google builds from the Hotel Center feed (hotels, rates, availability)",
    "the hotels of its Hotel Center account",
    f"{_HOTEL} targets locations and languages per campaign (and hotels by its Hotel Center account)",
    HOTEL_BIDDING,
)


def runs_google_hotel(spec: CampaignSpec) -> bool:
    """Whether ``spec`` compiles to a Google Hotel campaign."""
    return runs_feed_campaign(spec, "hotel")


def check_google_hotel(add: Add, spec: CampaignSpec) -> None:
    """Every rule of ``google.channel: hotel`` and ``google.hotel``, at the offending field."""
    google = spec.google
    if google.channel != "hotel":
        if google.hotel is not None:
            add(
                ("spec", "google", "hotel"),
                "found hotel settings; they are a Google Hotel campaign's: expected them with "
                "'channel: hotel' only",
            )
        return
    if refuses_app_promotion(add, spec):
        return
    if google.hotel is None:
        add(
            ("spec", "google"),
            "found channel hotel without hotel settings; a Google Hotel campaign shows the hotels of a Hotel "
            "Center account: expected google.hotel.hotel_center_id",
        )
    # Any networks block, the default's too: the campaign's networks are not its to set.
    if "networks" in google.model_fields_set:
        add(
            ("spec", "google", "networks"),
            f"found networks; {_HOTEL} serves on Google Search alone: expected none",
        )
    if google.negative_keywords:
        add(
            ("spec", "google", "negative_keywords"),
            f"found negative_keywords; MIDAS sends {_HOTEL} none (unconfirmed that Google takes them): "
            "expected none",
        )
    groups = check_feed_campaign(add, spec, HOTEL_FEED)
    manual = (google.bidding.strategy or BiddingStrategy.MANUAL_CPC) == BiddingStrategy.MANUAL_CPC
    if manual and not spec.ad_groups:
        add(
            ("spec", "google", "bidding", "strategy"),
            f"found manual CPC bidding and no ad groups; {_HOTEL} bidding manual CPC (its default) bids per "
            "ad group: expected ad_groups, each with google.cpc_bid (the implicit "
            f"{IMPLICIT_AD_GROUP!r} has none)",
        )
    for path, group in groups:
        if manual and group.google.cpc_bid is None:
            add(
                (*path, "google"),
                "found no cpc_bid; a Google Hotel ad group bidding manual CPC (the campaign's default) needs "
                "its max CPC: expected google.cpc_bid",
            )
