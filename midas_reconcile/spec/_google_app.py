"""What a Google app campaign (an ``app_promotion`` campaign running on Google) cannot hold.

Google's app campaigns (developers.google.com/google-ads/api/docs/app-campaigns/create-campaign and
create-ad-group) are MULTI_CHANNEL campaigns that target languages and locations only and cannot use a
shared budget; they serve across Google's properties (Search, Play, YouTube, the Display Network: v26
AdvertisingChannelSubType APP_CAMPAIGN) rather than on networks chosen per campaign; they bid with the
strategy of their goal (``APP_GOAL_STRATEGIES``); their
ad groups (sub type APP_CAMPAIGN) take neither bid overrides nor criteria; and they run app ads: headlines
and descriptions, no final URLs (the ads send people to the app's store page).

``google.app_campaign`` names the other kinds (v26 AdvertisingChannelSubType; create-ad-group):
engagement (APP_CAMPAIGN_FOR_ENGAGEMENT) re-engages people who have the app: it optimises for chosen
conversion actions ("required if the campaign's advertising_channel_sub_type is
APP_CAMPAIGN_FOR_ENGAGEMENT": create-campaign step 7), each of its ad groups "must target a specific audience"
(a positive user list ad group criterion: "You cannot exclude criteria"), and it runs app engagement ads
(AppEngagementAdInfo: headlines, descriptions, images, videos). Pre-registration
(APP_CAMPAIGN_FOR_PRE_REGISTRATION) promotes an Android app before its launch ("App campaigns for
pre-registration only appear on Android phones and tablets": support.google.com/google-ads/answer/9441344),
bids for pre-registrations alone, has its conversion action added by Google, and runs app pre-registration
ads (AppPreRegistrationAdInfo: headlines, descriptions, images, YouTube videos). Neither runs on Meta
(``_kind``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    APP_GOAL_STRATEGIES,
    APP_KIND_GOALS,
    GOOGLE_ONLY_TARGETING,
    AdGroup,
    AgeRange,
    BiddingStrategy,
    CampaignSpec,
    Creative,
    Objective,
    Targeting,
    platform_targeting,
)

#: App ads (AppAdInfo): (min count, max count, max characters). Google's help on app campaign assets
#: (support.google.com/google-ads/answer/6357595): headlines at most 30 characters, descriptions at most 90;
#: an app campaign takes up to 5 of each.
APP_AD_HEADLINES: Final = (1, 5, 30)
APP_AD_DESCRIPTIONS: Final = (1, 5, 90)
#: The ``google.bidding.strategy`` values each kind of app campaign (``google.app_campaign``) takes, its
#: goals' (None: the default, maximize_conversions).
APP_KIND_BIDDING: Final = {
    kind: (None, *dict.fromkeys(APP_GOAL_STRATEGIES[goal] for goal in goals))
    for kind, goals in APP_KIND_GOALS.items()
}
#: A kind's name in messages.
_KIND_NAMES: Final = {
    "installs": "app campaign for installs",
    "engagement": "app campaign for engagement",
    "pre_registration": "app campaign for pre-registration",
}
#: A strategy bidding without a target, and the target it then cannot take (the strategy that takes it).
_UNTARGETED: Final = {
    BiddingStrategy.MAXIMIZE_CONVERSIONS: ("target_cpa", BiddingStrategy.TARGET_CPA),
    BiddingStrategy.MAXIMIZE_CONVERSION_VALUE: ("target_roas", BiddingStrategy.TARGET_ROAS),
}

Add = Callable[[PathKey, str], None]
#: The ``google`` options that add criteria an app campaign cannot hold (an ad group has no ``campaign_*``).
_CRITERIA_OPTIONS: Final = ("negative_keywords", *GOOGLE_ONLY_TARGETING)
#: The ``google`` options of an ad group that add criteria of its own (its exclusions).
_GROUP_CRITERIA_OPTIONS: Final = (
    "negative_keywords",
    "negative_ages",
    "negative_genders",
    "negative_interests",
)
_ONLY: Final = "a Google app campaign targets locations and languages only"
#: What an engagement campaign targets: its ad groups' audiences besides (create-ad-group).
_ENGAGEMENT_ONLY: Final = (
    "a Google app campaign for engagement targets locations, languages and audiences only (and excludes none)"
)


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
    _kind(add, spec)
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
    engagement = google.app_campaign == "engagement"
    check_places_only_targeting(add, spec, _ENGAGEMENT_ONLY if engagement else _ONLY, on_meta, engagement)
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        path: PathKey = ("spec", "ad_groups", index)
        check_no_group_criteria(add, path, group, f"{_ONLY} (an app ad group takes no criteria)")
        if group.google.cpc_bid is not None:
            add(
                (*path, "google", "cpc_bid"),
                "found cpc_bid; a Google app campaign's ad groups cannot override its bidding",
            )
        if "audience_mode" in group.google.model_fields_set:
            add(
                (*path, "google", "audience_mode"),
                f"found audience_mode {group.google.audience_mode}; MIDAS sends no audience mode for a "
                "Google app campaign's ad group (an engagement ad group's audiences are what it targets): "
                "expected none",
            )
        if group.targeting is not None and google.app_campaign != "installs":
            _google_only_group_places(add, path, group.targeting, google.app_campaign)
        if group.targeting is not None:
            only = _ENGAGEMENT_ONLY if engagement else _ONLY
            group_on_meta = group.platforms is None and on_meta
            check_group_places_only(
                add, (*path, "targeting"), group.targeting, only, group_on_meta, engagement
            )
    if google.app_campaign == "engagement":
        _engagement_audiences(add, spec)


def _google_only_group_places(add: Add, path: PathKey, targeting: Targeting, kind: str) -> None:
    """An ad group's own locations and languages in a campaign of a kind that runs on Google alone: Google
    sets them per campaign, and there is no Meta ad set for the override to apply to."""
    names: list[str] = [n for n in ("locations", "languages") if n in targeting.model_fields_set]
    if targeting.exclude.locations:
        names.append("exclude.locations")
    for name in names:
        add(
            (*path, "targeting", *name.split(".")),
            f"found {name}; a Google {_KIND_NAMES[kind]} sets locations and languages per campaign and runs "
            "on Google alone, so an ad group's own would apply nowhere: expected them in spec.targeting",
        )


def _kind(add: Add, spec: CampaignSpec) -> None:
    """What ``google.app_campaign`` cannot go with: Meta, and for pre-registration the App Store."""
    kind = spec.google.app_campaign
    if kind == "installs":
        return
    if spec.platforms.meta is not None:
        add(
            ("spec", "google", "app_campaign"),
            f"found {kind} on a campaign also running on Meta; an {_KIND_NAMES[kind]} is Google's alone "
            + (
                "(Meta's app ads re-engage people by an app event, which MIDAS does not send)"
                if kind == "engagement"
                else "(Meta has no pre-registration objective)"
            )
            + ": expected platforms google only, or app_campaign installs",
        )
    if kind == "pre_registration" and spec.app is not None and spec.app.store != "google_play":
        add(
            ("spec", "app", "store"),
            f"found {spec.app.store}; an app campaign for pre-registration promotes an Android app on "
            "Google Play only (Google serves it on Android phones and tablets): expected google_play",
        )


def _engagement_audiences(add: Add, spec: CampaignSpec) -> None:
    """Each ad group of an engagement campaign targets an audience on Google: Google requires "a specific
    audience" (a user list) per ad group of an APP_CAMPAIGN_FOR_ENGAGEMENT campaign (create-ad-group)."""
    google = spec.google.targeting
    base = spec.targeting.audiences
    if google is not None and "audiences" in google.model_fields_set:
        base = google.audiences
    groups = [
        (index, group)
        for index, group in enumerate(spec.ad_groups)
        if group.platforms is None or "google" in group.platforms
    ]
    if not spec.ad_groups and not base:
        add(
            ("spec", "targeting", "audiences"),
            "found none; each ad group of a Google app campaign for engagement targets an audience (the "
            "people who have the app to re-engage): expected at least one",
        )
    for index, group in groups:
        audiences = base
        if group.targeting is not None and "audiences" in group.targeting.model_fields_set:
            audiences = group.targeting.audiences
        if not audiences:
            add(
                ("spec", "ad_groups", index, "targeting", "audiences"),
                "found none; each ad group of a Google app campaign for engagement targets an audience (the "
                "people who have the app to re-engage): expected at least one here or in spec.targeting",
            )


def _bidding(add: Add, spec: CampaignSpec) -> None:
    bidding = spec.google.bidding
    path: PathKey = ("spec", "google", "bidding")
    kind = spec.google.app_campaign
    strategy = bidding.strategy or BiddingStrategy.MAXIMIZE_CONVERSIONS
    if bidding.strategy not in APP_KIND_BIDDING[kind]:
        what = {
            "installs": "installs, in-app conversions or their value",
            "engagement": "in-app conversions or their value",
            "pre_registration": "pre-registrations",
        }[kind]
        add(
            (*path, "strategy"),
            f"found {strategy.value!r}; a Google {_KIND_NAMES[kind]} bids for {what}: expected "
            + ("one of " if len(APP_KIND_BIDDING[kind]) > 2 else "")
            + ", ".join(s.value for s in APP_KIND_BIDDING[kind] if s is not None)
            + " (default maximize_conversions)",
        )
        return
    _kind_goal_and_actions(add, spec)
    if kind == "pre_registration":
        for target in ("target_cpa", "target_roas"):
            if getattr(bidding, target) is not None:
                add(
                    (*path, target),
                    f"found {target}; a Google app campaign for pre-registration bids maximize_conversions "
                    "for pre-registrations without a target: expected none",
                )
    elif strategy in _UNTARGETED and getattr(bidding, _UNTARGETED[strategy][0]) is not None:
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


def _kind_goal_and_actions(add: Add, spec: CampaignSpec) -> None:
    """The goal and conversion actions of a kind of app campaign: a goal of that kind; conversion actions
    required for engagement, and none for pre-registration (Google adds its own: create-campaign step 7)."""
    bidding = spec.google.bidding
    kind = spec.google.app_campaign
    path: PathKey = ("spec", "google", "bidding")
    if bidding.app_goal is not None and bidding.app_goal not in APP_KIND_GOALS[kind]:
        add(
            (*path, "app_goal"),
            f"found {bidding.app_goal}, not a goal of a Google {_KIND_NAMES[kind]}: expected "
            + ("one of " if len(APP_KIND_GOALS[kind]) > 1 else "")
            + ", ".join(APP_KIND_GOALS[kind])
            + " (or google.app_campaign naming the kind it belongs to)",
        )
    if kind == "engagement" and not bidding.conversion_actions:
        add(
            (*path, "conversion_actions"),
            "found none; a Google app campaign for engagement optimises for chosen in-app conversion "
            "actions, which Google requires: expected their ids",
        )
    if kind == "pre_registration" and bidding.conversion_actions:
        add(
            (*path, "conversion_actions"),
            "found conversion_actions; a Google app campaign for pre-registration counts pre-registrations "
            "alone, whose conversion action Google adds itself: expected none",
        )


def _app_only_options(add: Add, spec: CampaignSpec) -> None:
    """``google.bidding.app_goal`` and ``conversion_actions`` are a Google app campaign's alone."""
    if runs_google_app(spec):
        return
    # A feed campaign (Shopping, Hotel) refuses any app_campaign itself (``spec._google_feed_campaigns``),
    # but of an app_promotion campaign, whose feed channel alone is told.
    feed = spec.google.channel in ("shopping", "hotel") and spec.objective != Objective.APP_PROMOTION
    if "app_campaign" in spec.google.model_fields_set and spec.google.app_campaign != "installs" and not feed:
        add(
            ("spec", "google", "app_campaign"),
            f"found {spec.google.app_campaign}; it applies to a Google app campaign only (objective "
            "app_promotion running on Google)",
        )
    for option in ("app_goal", "conversion_actions"):
        if getattr(spec.google.bidding, option):
            add(
                ("spec", "google", "bidding", option),
                f"found {option}; it applies to a Google app campaign only (objective app_promotion "
                "running on Google)",
            )


def _beyond_places(targeting: Targeting, audiences: bool = False) -> list[str]:
    """The fields of ``targeting`` (in spec order) a campaign that targets locations and languages only
    cannot hold on Google (an app, Demand Gen or Performance Max campaign's); ``audiences`` when it may
    target audiences (an engagement campaign's ad groups)."""
    found = []
    if targeting.ages != AgeRange():
        found.append("ages")
    for name in ("genders", "interests") if audiences else ("genders", "interests", "audiences"):
        if getattr(targeting, name):
            found.append(name)
    for name in ("interests", "audiences"):
        if getattr(targeting.exclude, name):
            found.append(f"exclude.{name}")
    return found


def check_places_only_targeting(
    add: Add, spec: CampaignSpec, only: str, on_meta: bool, audiences: bool = False
) -> None:
    """The campaign's targeting on Google (the unified one, ``google.targeting`` over it) holds locations
    and languages only (``audiences`` too when it may target them): anything else is reported at the field
    that says it, ``only`` saying why, with where to move it for Meta alone when the campaign runs there
    too (``on_meta``)."""
    google = spec.google.targeting
    for name in _beyond_places(platform_targeting(spec, "google"), audiences):
        overridden = google is not None and name.split(".")[0] in google.model_fields_set
        where = ("spec", "google", "targeting") if overridden else ("spec", "targeting")
        hint = ""
        if on_meta and not overridden:
            hint = f"; to target them on Meta only, move them to meta.targeting.{name}"
        add((*where, *name.split(".")), f"found {name}; {only}{hint}")


def check_no_group_criteria(add: Add, path: PathKey, group: AdGroup, only: str) -> None:
    """An ad group (at ``path``) of a campaign that targets locations and languages only holds no keywords
    and no exclusions of its own (``google.negative_*``): each is reported, ``only`` saying why."""
    if group.keywords:
        add((*path, "keywords"), f"found keywords; {only}")
    for option in _GROUP_CRITERIA_OPTIONS:
        if getattr(group.google, option):
            add((*path, "google", option), f"found {option}; {only}")


def check_group_places_only(
    add: Add, path: PathKey, targeting: Targeting, only: str, on_meta: bool, audiences: bool = False
) -> None:
    """An ad group's own ``targeting`` (at ``path``) in a campaign that targets locations and languages
    only (``audiences`` too when it may target them): anything else is reported, ``only`` saying why, with
    how to keep it on Meta alone when the ad group runs there too (``on_meta``)."""
    for name in _beyond_places(targeting, audiences):
        hint = "; to target them on Meta only, give the ad group platforms: [meta]" if on_meta else ""
        add((*path, *name.split(".")), f"found {name}; {only}{hint}")


def check_app_creative(add: Add, path: PathKey, spec: CampaignSpec, creative: Creative) -> None:
    """A creative a Google app campaign runs: an app ad (no display paths, no final URLs of its own), whose
    images only an engagement or pre-registration ad sends."""
    if creative.google.images and spec.google.app_campaign == "installs":
        add(
            (*path, "google", "images"),
            "found images; MIDAS sends the images of app engagement and pre-registration ads only (an app "
            "ad for installs is sent as its texts): expected none, or google.app_campaign engagement or "
            "pre_registration",
        )
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


def check_not_app_creative(add: Add, path: PathKey, creative: Creative) -> None:
    """A creative of a campaign that is no Google app campaign has no app ad images."""
    if creative.google.images:
        add(
            (*path, "google", "images"),
            "found images; they belong to a Google app engagement or pre-registration ad: expected them only "
            "in an app_promotion campaign with google.app_campaign engagement or pre_registration",
        )
