"""What a Google app campaign (an ``app_promotion`` campaign running on Google) cannot hold.

Google's app campaigns (developers.google.com/google-ads/api/docs/app-campaigns/create-campaign and
create-ad-group) are MULTI_CHANNEL campaigns that target languages and locations only and cannot use a
shared budget; they serve across Google's properties (Search, Play, YouTube, the Display Network: v26
AdvertisingChannelSubType APP_CAMPAIGN) rather than on networks chosen per campaign; they bid with the
strategy of their goal (``APP_GOAL_STRATEGIES``); their
ad groups (sub type APP_CAMPAIGN) take neither bid overrides nor criteria; and they run app ads: headlines
and descriptions, no final URLs (the ads send people to the app's store page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    APP_GOAL_STRATEGIES,
    GOOGLE_ONLY_TARGETING,
    AgeRange,
    BiddingStrategy,
    CampaignSpec,
    Creative,
    Objective,
    Targeting,
)

#: App ads (AppAdInfo): (min count, max count, max characters). Google's help on app campaign assets
#: (support.google.com/google-ads/answer/6357595): headlines at most 30 characters, descriptions at most 90;
#: an app campaign takes up to 5 of each.
APP_AD_HEADLINES: Final = (1, 5, 30)
APP_AD_DESCRIPTIONS: Final = (1, 5, 90)
#: The ``google.bidding.strategy`` values an app campaign takes (None: the default, maximize_conversions).
APP_BIDDING: Final = (None, *dict.fromkeys(APP_GOAL_STRATEGIES.values()))
#: A strategy bidding without a target, and the target it then cannot take (the strategy that takes it).
_UNTARGETED: Final = {
    BiddingStrategy.MAXIMIZE_CONVERSIONS: ("target_cpa", BiddingStrategy.TARGET_CPA),
    BiddingStrategy.MAXIMIZE_CONVERSION_VALUE: ("target_roas", BiddingStrategy.TARGET_ROAS),
}

Add = Callable[[PathKey, str], None]
#: The ``google`` options that add criteria an app campaign cannot hold (an ad group has no ``campaign_*``).
_CRITERIA_OPTIONS: Final = ("negative_keywords", *GOOGLE_ONLY_TARGETING)
_ONLY: Final = "a Google app campaign targets locations and languages only"


def runs_google_app(spec: CampaignSpec) -> bool:
    """Whether ``spec`` compiles to a Google app campaign."""
    return spec.objective == Objective.APP_PROMOTION and spec.platforms.google is not None


def check_google_app(add: Add, spec: CampaignSpec) -> None:
    """Every rule of a Google app campaign, reported at the offending field."""
    if not runs_google_app(spec):
        _app_only_options(add, spec)
        return
    on_meta = spec.platforms.meta is not None
    google = spec.google
    for option in ("keywords", *_CRITERIA_OPTIONS):
        if getattr(google, option):
            add(
                ("spec", "google", option),
                f"found {option}; {_ONLY} (no keywords, no exclusions, no demographics)",
            )
    if "networks" in google.model_fields_set:
        add(
            ("spec", "google", "networks"),
            "found networks; a Google app campaign serves across Google's properties (Search, Play, "
            "YouTube, the Display Network) and MIDAS sets no networks for it",
        )
    if google.shared_budget is not None:
        add(
            ("spec", "google", "shared_budget"),
            "found a shared budget; a Google app campaign cannot use a shared budget: expected a budget of "
            "its own (spec.budget)",
        )
    _bidding(add, spec)
    _targeting(add, ("spec", "targeting"), ("spec", "google", "targeting"), spec, on_meta)
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        path: PathKey = ("spec", "ad_groups", index)
        if group.keywords:
            add((*path, "keywords"), f"found keywords; {_ONLY} (an app ad group takes no criteria)")
        for option in _CRITERIA_OPTIONS:
            if getattr(group.google, option, None):
                add((*path, "google", option), f"found {option}; {_ONLY} (an app ad group takes no criteria)")
        if group.google.cpc_bid is not None:
            add(
                (*path, "google", "cpc_bid"),
                "found cpc_bid; a Google app campaign's ad groups cannot override its bidding",
            )
        if group.targeting is not None:
            _group_targeting(add, (*path, "targeting"), group.targeting, group.platforms is None and on_meta)


def _bidding(add: Add, spec: CampaignSpec) -> None:
    bidding = spec.google.bidding
    path: PathKey = ("spec", "google", "bidding")
    strategy = bidding.strategy or BiddingStrategy.MAXIMIZE_CONVERSIONS
    if bidding.strategy not in APP_BIDDING:
        add(
            (*path, "strategy"),
            f"found {strategy.value!r}; a Google app campaign bids for installs, in-app conversions or their "
            "value: expected one of "
            + ", ".join(s.value for s in APP_BIDDING if s is not None)
            + " (default maximize_conversions)",
        )
        return
    if strategy in _UNTARGETED and getattr(bidding, _UNTARGETED[strategy][0]) is not None:
        target, targeted = _UNTARGETED[strategy]
        add(
            (*path, target),
            f"a Google app campaign bids to a {target} with strategy {targeted.value}; expected strategy "
            f"{targeted.value}, or no {target}",
        )
    if bidding.app_goal is not None and APP_GOAL_STRATEGIES[bidding.app_goal] != strategy:
        add(
            (*path, "app_goal"),
            f"goal {bidding.app_goal} bids with strategy {APP_GOAL_STRATEGIES[bidding.app_goal].value}; "
            + (
                f"found strategy {strategy.value}"
                if bidding.strategy is not None
                else f"found no strategy (default {strategy.value})"
            ),
        )


def _app_only_options(add: Add, spec: CampaignSpec) -> None:
    """``google.bidding.app_goal`` and ``conversion_actions`` are a Google app campaign's alone."""
    if runs_google_app(spec):
        return
    for option in ("app_goal", "conversion_actions"):
        if getattr(spec.google.bidding, option):
            add(
                ("spec", "google", "bidding", option),
                f"found {option}; it applies to a Google app campaign only (objective app_promotion "
                "running on Google)",
            )


def _not_locations_or_languages(targeting: Targeting) -> list[str]:
    """The fields of ``targeting`` a Google app campaign cannot hold (in spec order)."""
    found = []
    if targeting.ages != AgeRange():
        found.append("ages")
    for name in ("genders", "interests", "audiences"):
        if getattr(targeting, name):
            found.append(name)
    for name in ("interests", "audiences"):
        if getattr(targeting.exclude, name):
            found.append(f"exclude.{name}")
    return found


def _targeting(add: Add, unified: PathKey, override: PathKey, spec: CampaignSpec, on_meta: bool) -> None:
    """The campaign's targeting on Google (the unified one under ``google.targeting``)."""
    google = spec.google.targeting
    merged = spec.targeting
    if google is not None:
        merged = spec.targeting.model_copy(update={n: getattr(google, n) for n in google.model_fields_set})
    for name in _not_locations_or_languages(merged):
        top = name.split(".")[0]
        overridden = google is not None and top in google.model_fields_set
        where = (*(override if overridden else unified), *name.split("."))
        hint = ""
        if on_meta and not overridden:
            hint = f"; to target them on Meta only, move them to meta.targeting.{name}"
        add(where, f"found {name}; {_ONLY}{hint}")


def _group_targeting(add: Add, path: PathKey, targeting: Targeting, on_meta: bool) -> None:
    for name in _not_locations_or_languages(targeting):
        hint = "; to target them on Meta only, give the ad group platforms: [meta]" if on_meta else ""
        add((*path, *name.split(".")), f"found {name}; {_ONLY}{hint}")


def check_app_creative(add: Add, path: PathKey, creative: Creative) -> None:
    """A creative a Google app campaign runs: an app ad (no display paths, no final URLs of its own)."""
    for option in ("path1", "path2"):
        if getattr(creative.google, option) is not None:
            add(
                (*path, "google", option),
                f"found {option}; a Google app ad has no display URL paths (it links to the app's store)",
            )
    if creative.google.additional_final_urls:
        add(
            (*path, "google", "additional_final_urls"),
            "found additional_final_urls; a Google app ad has no final URLs (it links to the app's store)",
        )
