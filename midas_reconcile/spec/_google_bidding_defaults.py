"""The Google channel and bidding strategy a campaign's spec means where it names no strategy: its
objective's, by the channel ``google.channel`` says. Both the spec's checks (which options a strategy takes)
and compile read them."""

from __future__ import annotations

from typing import Final

from midas_reconcile.spec.models import Objective

GOOGLE_OBJECTIVES: dict[Objective, tuple[str, str]] = {
    Objective.AWARENESS: ("SEARCH", "TARGET_IMPRESSION_SHARE"),
    Objective.TRAFFIC: ("SEARCH", "TARGET_SPEND"),
    Objective.ENGAGEMENT: ("SEARCH", "TARGET_SPEND"),
    Objective.LEADS: ("SEARCH", "MAXIMIZE_CONVERSIONS"),
    Objective.SALES: ("SEARCH", "MAXIMIZE_CONVERSION_VALUE"),
    Objective.APP_PROMOTION: ("MULTI_CHANNEL", "MAXIMIZE_CONVERSIONS"),
}
#: A Display or Demand Gen campaign's default bidding where its objective's Search default cannot serve:
#: target impression share bids for places on search results pages (v26 TargetImpressionShare), so
#: awareness maximizes clicks (TARGET_SPEND), which Display campaigns take (developers.google.com/google-ads/
#: api/docs/campaigns/bidding/strategy-types) and Demand Gen ones too (.../demand-gen/overview: target_spend).
OFF_SEARCH_BIDDING: Final[dict[Objective, str]] = {Objective.AWARENESS: "TARGET_SPEND"}
#: ``google.channel`` → advertising_channel_type (an app_promotion campaign is MULTI_CHANNEL, a spec error
#: says so if it names another).
GOOGLE_CHANNELS: Final = {
    "search": "SEARCH",
    "display": "DISPLAY",
    "demand_gen": "DEMAND_GEN",
    "performance_max": "PERFORMANCE_MAX",
    "shopping": "SHOPPING",
    "hotel": "HOTEL",
}
#: ``google.channel`` → the campaign type as Google Ads names it to people.
GOOGLE_CHANNEL_NAMES: Final = {
    "search": "Search",
    "display": "Display",
    "demand_gen": "Demand Gen",
    "performance_max": "Performance Max",
    "shopping": "Shopping",
    "hotel": "Hotel",
}
#: A standard Shopping campaign's bidding when its spec names none: maximize clicks, one of its strategies
#: (``spec._google_shopping.SHOPPING_BIDDING``) that needs neither a target nor a bid per product group.
SHOPPING_DEFAULT_BIDDING: Final = "TARGET_SPEND"
#: A Hotel campaign's bidding when its spec names none: manual CPC, the first of the strategies Google's
#: Hotel guide assigns (manual_cpc, percent_cpc, target_roas: developers.google.com/google-ads/api/docs/
#: hotel-ads/bidding/assign-strategies), each ad group bidding its own max CPC.
HOTEL_DEFAULT_BIDDING: Final = "MANUAL_CPC"
#: A Performance Max campaign bids with MaximizeConversions or MaximizeConversionValue alone, a target CPA or
#: ROAS set inside them (developers.google.com/google-ads/api/performance-max/create-campaign): its default
#: bidding per objective (the value of conversions for sales, their number otherwise).
PMAX_DEFAULT_BIDDING: Final = {Objective.SALES: "MAXIMIZE_CONVERSION_VALUE"}


def google_defaults(objective: Objective, channel: str) -> tuple[str, str]:
    """``(advertising_channel_type, bidding_strategy_type)`` a campaign of ``objective`` compiles to on
    Google when its spec says ``google.channel: channel`` and names no bidding strategy."""
    native, bidding = GOOGLE_OBJECTIVES[objective]
    if native == "MULTI_CHANNEL":
        return native, bidding
    native = GOOGLE_CHANNELS[channel]
    if native == "PERFORMANCE_MAX":
        bidding = PMAX_DEFAULT_BIDDING.get(objective, "MAXIMIZE_CONVERSIONS")
    elif native == "SHOPPING":
        bidding = SHOPPING_DEFAULT_BIDDING
    elif native == "HOTEL":
        bidding = HOTEL_DEFAULT_BIDDING
    elif native != "SEARCH":
        bidding = OFF_SEARCH_BIDDING.get(objective, bidding)
    return native, bidding
