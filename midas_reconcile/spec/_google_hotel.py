"""What a Google Hotel campaign (``google.channel: hotel``) holds, and what it cannot.

A Hotel campaign (v26 AdvertisingChannelType HOTEL) shows the hotels, rates and availability of a Hotel
Center account linked to the Google Ads account (developers.google.com/google-ads/api/docs/hotel-ads/
create-campaign): its ``hotel_setting.hotel_center_id`` names the account (v26 campaign_error
MISSING_HOTEL_SETTING, "Hotel setting was not found when creating a hotel ads campaign"). Its ad groups are
HOTEL_ADS ones ("This cannot be set to other types"), each running one hotel ad (v26 HotelAdInfo, which has
no fields: Google builds the ads from the Hotel Center feed), enabled: the SDK's example
examples/travel/add_hotel_ad.py says pausing one "will cause an error for hotel campaigns", pausing happens
at the ad group or campaign.

Bidding: the Hotel guide assigns ``manual_cpc``, ``percent_cpc`` or ``target_roas``
(.../hotel-ads/bidding/assign-strategies; "The commission strategy is no longer available for Hotel
campaigns"), and MIDAS writes all three: manual CPC (its default: each ad group's ``google.cpc_bid``, which
Google requires at the ad group level, .../hotel-ads/bidding/set-bids), target ROAS, or percent CPC (v26
Campaign.percent_cpc, PercentCpc: ``google.bidding.max_cpc`` its optional ``cpc_bid_ceiling_micros``), each ad
group bidding ``google.percent_cpc_bid``, a percent of the room's price (v26 AdGroup.percent_cpc_bid_micros,
the fraction in millionths: "The valid range for the fraction is [0,1)"; set-bids: "For CPC% and Manual CPC
bid strategies, specific bid amounts need to be set at the ad group level"). 12.5 is 125,000 micros (percent
* 10,000), so a bid takes at most 4 decimal places, above 0 and below 100. Percent CPC's
``enhanced_cpc_enabled`` MIDAS neither writes nor imports: v26 PercentCpc still has it and the Hotel guide
still names it, but Google retired enhanced CPC on Search and Display in 2024/25 and whether it still honours
it on a Hotel campaign is unconfirmed (``resources.GOOGLE_IMPORT_ONLY``, as Manual CPC's). Which channels
take percent CPC: the Hotel guide's alone (v26 BiddingStrategyType PERCENT_CPC says none; the guide's
examples say "Only Manual CPC and Percent CPC can be used for hotel campaigns"), so the spec gives it to a
Hotel campaign alone. Whether Google also reads an ad group's ``cpc_bid_micros`` under percent CPC (the SDK's
example sets one) is unconfirmed: MIDAS sends a ``google.cpc_bid`` written there as written, none otherwise.

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

from decimal import Decimal
from typing import Final

from midas_reconcile.spec._google_feed_campaigns import (
    Add,
    FeedCampaign,
    check_feed_campaign,
    refuses_app_promotion,
    runs_feed_campaign,
)
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    IMPLICIT_AD_GROUP,
    AdGroupGoogle,
    BiddingStrategy,
    CampaignSpec,
)

#: The strategies a Hotel campaign bids with (None: ``HOTEL_DEFAULT_BIDDING``, manual CPC).
HOTEL_BIDDING: Final = (
    None,
    BiddingStrategy.MANUAL_CPC,
    BiddingStrategy.PERCENT_CPC,
    BiddingStrategy.TARGET_ROAS,
)
#: A percent CPC bid in micros of the fraction (v26 AdGroup.percent_cpc_bid_micros): percent * 10,000, so at
#: most 4 decimal places map exactly.
PERCENT_CPC_MICROS: Final = 10_000
PERCENT_CPC_PLACES: Final = 4
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
    strategy = google.bidding.strategy or BiddingStrategy.MANUAL_CPC
    manual = strategy == BiddingStrategy.MANUAL_CPC
    percent = strategy == BiddingStrategy.PERCENT_CPC
    if (manual or percent) and not spec.ad_groups:
        name, bid = ("manual CPC", "cpc_bid") if manual else ("percent CPC", "percent_cpc_bid")
        default = " (its default)" if manual else ""
        add(
            ("spec", "google", "bidding", "strategy"),
            f"found {name} bidding and no ad groups; {_HOTEL} bidding {name}{default} bids per "
            f"ad group: expected ad_groups, each with google.{bid} (the implicit "
            f"{IMPLICIT_AD_GROUP!r} has none)",
        )
    for path, group in groups:
        if manual and group.google.cpc_bid is None:
            add(
                (*path, "google"),
                "found no cpc_bid; a Google Hotel ad group bidding manual CPC (the campaign's default) needs "
                "its max CPC: expected google.cpc_bid",
            )
        if percent and group.google.percent_cpc_bid is None:
            add(
                (*path, "google"),
                "found no percent_cpc_bid; a Google Hotel ad group bidding percent CPC needs its bid, a "
                "percent of the room's price: expected google.percent_cpc_bid (12.5 = 12.5 %)",
            )


def percent_cpc_micros(percent: Decimal) -> int:
    """A percent CPC bid (12.5 = 12.5 %) in v26 ``percent_cpc_bid_micros`` (125000), exact (checked)."""
    return int(percent * PERCENT_CPC_MICROS)


def percent_cpc_percent(micros: int) -> Decimal:
    """A live ``percent_cpc_bid_micros`` (125000) as the spec writes it (12.5), never in exponent form."""
    percent = (Decimal(micros) / PERCENT_CPC_MICROS).normalize()
    return percent.quantize(Decimal(1)) if percent == percent.to_integral_value() else percent


def check_percent_cpc_bid(add: Add, spec: CampaignSpec, path: PathKey, group: AdGroupGoogle) -> None:
    """An ad group's ``google.percent_cpc_bid`` (at ``path``, its ``google``): a Hotel campaign's bidding
    percent CPC alone, exact in micros of the fraction."""
    bid = group.percent_cpc_bid
    if bid is None:
        return
    at: PathKey = (*path, "percent_cpc_bid")
    if not runs_google_hotel(spec):
        add(
            at,
            "found percent_cpc_bid; Google bids a percent of the advertised price in a Hotel campaign alone "
            "(google.channel: hotel, google.bidding.strategy: percent_cpc): expected cpc_bid or none",
        )
    elif spec.google.bidding.strategy != BiddingStrategy.PERCENT_CPC:
        found = spec.google.bidding.strategy or BiddingStrategy.MANUAL_CPC
        add(
            at,
            f"found percent_cpc_bid; the campaign bids {found.value}, which takes no percent bid (Google "
            "would ignore it): expected google.bidding.strategy: percent_cpc on the campaign, or no "
            "percent_cpc_bid here",
        )
    places = -int(bid.normalize().as_tuple().exponent)
    if places > PERCENT_CPC_PLACES:
        add(
            at,
            f"found {bid:f}, which has {places} decimal places; expected at most {PERCENT_CPC_PLACES} "
            "(Google takes the fraction of the price in millionths: 12.3456 % is 123456)",
        )
