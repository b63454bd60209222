"""What a Google Demand Gen campaign (``google.channel: demand_gen``) holds, and what only it holds.

A Demand Gen campaign (v26 AdvertisingChannelType DEMAND_GEN) serves on Google's visual surfaces (YouTube,
Discover, Gmail, Maps, the Display Network) per ad group — all of them unless the advertiser picks some
(v26 AdGroup.DemandGenAdGroupSettings.channel_controls: an ad group's ``google.channels``,
``check_demand_gen_channels``) —, not on networks chosen per campaign
(developers.google.com/google-ads/api/docs/demand-gen/overview). The create-campaign guide
(.../demand-gen/create-campaign, and the SDK's example advanced_operations/add_demand_gen_campaign.py):

* "a Demand Gen campaign can't use a shared budget";
* it bids with maximize_conversions, maximize_conversion_value, target_cpa, target_roas or target_spend
  (maximize clicks) — target_cpc too, which the spec language has no name for; never manual CPC nor target
  impression share;
* "Create an ad group without a type", whose location and language targeting are ad group criteria
  (v26 Campaign.DemandGenCampaignSettings ``upgraded_targeting``, "defaults to true": "you can use
  location and language targeting at the ad group level as opposed to the standard campaign-level
  targeting"). Its audiences are Audience resources (.../demand-gen/audience-targeting), which the spec
  language does not model: ages, genders, interests and audiences are spec errors, as are keywords;
* its ads here are Demand Gen multi-asset ads (v26 DemandGenMultiAssetAdInfo): 1 to 5 headlines of up to
  30 characters, 1 to 5 descriptions of up to 90, a business name of up to 25 ("Required"), an optional
  call to action text (``google.call_to_action_text``: no values nor length documented), a landscape
  or a square marketing image ("Required if square_marketing_images is not present"), with portrait and
  tall portrait ones up to 20 images together, 1 to 5 logos (square), and final URLs. MIDAS uploads no
  images: a creative names image assets already in the account by id, as a Display campaign's do;
* or, for a creative with ``google.youtube_videos``, Demand Gen video responsive ads (v26
  DemandGenVideoResponsiveAdInfo): its YouTube videos ("Required"; MIDAS makes their video assets, as for a
  responsive display ad), a business name ("Required"), square logos ("Required"), headlines, long headlines,
  descriptions, breadcrumbs, a companion banner ("only a single value ... is supported"), call to action
  assets (``google.call_to_action``: one, of a CallToActionType, as a Performance Max asset group's) and final
  URLs. v26 and Google's own pages found (the API reference, the Help Center's "Demand Gen campaign asset
  specs", answer 13704860, whose tables cover image and carousel ads) state no count or length for its texts,
  videos, logos or breadcrumbs: none is checked here, and Google's answer is the check. Its business name is
  held to the 25 characters every other ad's business name is.
* or, for a ``type: carousel`` creative, Demand Gen carousel ads (v26 DemandGenCarouselAdInfo,
  ``check_demand_gen_carousel``): a business name, one logo, a headline (``google.headline``), a description
  (the ``primary_text``), an optional call to action text and 2 to 10 cards, carousel card assets of a
  headline, a final URL and images by asset id (``CarouselCard.google``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, get_args

from midas_reconcile.spec._google_app import (
    check_group_places_only,
    check_no_group_criteria,
    check_places_only_targeting,
)
from midas_reconcile.spec._google_display import (
    DISPLAY_CREATIVE_OPTIONS,
    check_channel_and_business_name,
    check_creative_business_name,
    text_problems,
)
from midas_reconcile.spec._google_performance_max import PMAX_CREATIVE_OPTIONS
from midas_reconcile.spec._places import inherited_and_targeted
from midas_reconcile.spec._url_tracking import AD_URL_OPTIONS
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    GOOGLE_ONLY_TARGETING,
    AdGroup,
    BiddingStrategy,
    CampaignSpec,
    Creative,
    DemandGenChannel,
    Objective,
    Targeting,
    platform_targeting,
)

#: Demand Gen multi-asset ads (DemandGenMultiAssetAdInfo): (min count, max count, max characters).
DEMAND_GEN_AD_HEADLINES: Final = (1, 5, 30)
DEMAND_GEN_AD_DESCRIPTIONS: Final = (1, 5, 90)
#: Marketing images of every shape: "Combined with ... the maximum is 20".
DEMAND_GEN_MARKETING_IMAGES: Final = (
    "marketing_images",
    "square_marketing_images",
    "portrait_marketing_images",
    "tall_portrait_marketing_images",
)
DEMAND_GEN_MARKETING_IMAGES_MAX: Final = 20
#: Logos: "At least 1 and max 5 logo images can be specified" (square, 1:1).
DEMAND_GEN_LOGOS: Final = (1, 5)
#: A creative's image options in a Demand Gen campaign, each a list of image asset ids (and the ad's field
#: of the same name).
DEMAND_GEN_IMAGE_OPTIONS: Final = (*DEMAND_GEN_MARKETING_IMAGES, "logo_images")
#: A creative's options that a Demand Gen multi-asset ad has.
DEMAND_GEN_MULTI_ASSET_AD_OPTIONS: Final = ("business_name", *DEMAND_GEN_IMAGE_OPTIONS, "call_to_action_text")
#: A creative's options that a Demand Gen video responsive ad has (its ``youtube_videos`` make it one).
DEMAND_GEN_VIDEO_AD_OPTIONS: Final = (
    "business_name",
    "logo_images",
    "youtube_videos",
    "long_headlines",
    "breadcrumb1",
    "breadcrumb2",
    "companion_banners",
    "call_to_action",
)
#: "Currently, only a single value for the companion banner asset is supported"
#: (DemandGenVideoResponsiveAdInfo ``companion_banners``).
DEMAND_GEN_COMPANION_BANNERS_MAX: Final = 1
#: The options only one of the two Demand Gen ads has.
_MULTI_ASSET_ONLY: Final = DEMAND_GEN_MARKETING_IMAGES
_VIDEO_ONLY: Final = ("long_headlines", "breadcrumb1", "breadcrumb2", "companion_banners")
_VIDEO_AD: Final = "Demand Gen video responsive ad"
_MULTI_ASSET_AD: Final = "Demand Gen multi-asset ad"
#: Per kind of Demand Gen ad, the option saying its call to action: a multi-asset ad's is a text (v26
#: DemandGenMultiAssetAdInfo ``call_to_action_text``), a video ad's call to action assets of a
#: CallToActionType (v26 DemandGenVideoResponsiveAdInfo ``call_to_actions``): neither maps onto the other.
_CALL_TO_ACTION_OPTION: Final = {_MULTI_ASSET_AD: "call_to_action_text", _VIDEO_AD: "call_to_action"}
#: The bidding strategies a Demand Gen campaign takes (target_cpc has no spec name).
DEMAND_GEN_BIDDING: Final = (
    BiddingStrategy.MAXIMIZE_CONVERSIONS,
    BiddingStrategy.MAXIMIZE_CONVERSION_VALUE,
    BiddingStrategy.TARGET_CPA,
    BiddingStrategy.TARGET_ROAS,
    BiddingStrategy.MAXIMIZE_CLICKS,
)

#: The channels a Demand Gen ad group may pick (``google.channels``), in v26 DemandGenSelectedChannels' order.
DEMAND_GEN_CHANNELS: Final = get_args(DemandGenChannel)

Add = Callable[[PathKey, str], None]
_ONLY: Final = (
    "a Google Demand Gen campaign targets locations and languages per ad group (its audiences are Google "
    "Audience resources, which MIDAS does not manage)"
)


def runs_google_demand_gen(spec: CampaignSpec) -> bool:
    """Whether ``spec`` compiles to a Google Demand Gen campaign."""
    return (
        spec.google.channel == "demand_gen"
        and spec.platforms.google is not None
        and spec.objective != Objective.APP_PROMOTION
    )


def check_google_demand_gen(add: Add, spec: CampaignSpec) -> None:
    """Every campaign-level rule of ``google.channel: demand_gen``, at the offending field."""
    google = spec.google
    if not check_channel_and_business_name(add, spec, "demand_gen", "Demand Gen multi-asset ad"):
        return
    for option in ("keywords", "negative_keywords", *GOOGLE_ONLY_TARGETING):
        if getattr(google, option):
            add(("spec", "google", option), f"found {option}; {_ONLY}: expected none")
    if "networks" in google.model_fields_set:
        add(
            ("spec", "google", "networks"),
            "found networks; a Google Demand Gen campaign serves on YouTube, Discover, Gmail, Maps and the "
            "Display Network, and MIDAS sets no networks for it: expected none",
        )
    if google.shared_budget is not None:
        add(
            ("spec", "google", "shared_budget"),
            "found a shared budget; a Google Demand Gen campaign cannot use a shared budget: expected a "
            "budget of its own (spec.budget)",
        )
    strategy = google.bidding.strategy
    if strategy is not None and strategy not in DEMAND_GEN_BIDDING:
        add(
            ("spec", "google", "bidding", "strategy"),
            f"found {strategy.value!r}; a Google Demand Gen campaign bids with "
            + ", ".join(s.value for s in DEMAND_GEN_BIDDING),
        )
    on_meta = spec.platforms.meta is not None
    # A Meta-only campaign saying demand_gen targets as Meta does until it runs on Google (``midas mirror``
    # then moves what Google cannot target to meta.targeting).
    on_google = spec.platforms.google is not None
    if on_google:
        check_places_only_targeting(add, spec, _ONLY, on_meta)
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        path: PathKey = ("spec", "ad_groups", index)
        check_no_group_criteria(add, path, group, _ONLY)
        if group.google.cpc_bid is not None:
            add(
                (*path, "google", "cpc_bid"),
                "found cpc_bid; a Google Demand Gen campaign bids per campaign (its ad groups take no max "
                "CPC from MIDAS)",
            )
        if group.targeting is not None and on_google:
            group_on_meta = on_meta and group.platforms is None
            check_group_places_only(add, (*path, "targeting"), group.targeting, _ONLY, group_on_meta)
            _inherited_exclusions(add, path, group.targeting, platform_targeting(spec, "google"))


def check_demand_gen_channels(add: Add, spec: CampaignSpec) -> None:
    """An ad group's ``google.channels`` (v26 DemandGenChannelControls) only where Google has them: an ad
    group of a Demand Gen campaign that runs on Google; a list of channels names one at least ("should be
    set with at least one true value when present", v26 ``selected_channels``). Repeats are
    ``checks``' to report."""
    demand_gen = spec.google.channel == "demand_gen" and spec.objective != Objective.APP_PROMOTION
    for index, group in enumerate(spec.ad_groups):
        if "channels" not in group.google.model_fields_set:
            continue
        path: PathKey = ("spec", "ad_groups", index, "google", "channels")
        channels = group.google.channels
        if not demand_gen:
            add(
                path,
                f"found channels {channels}; only a Google Demand Gen campaign's ad groups pick channels: "
                "expected it with 'google.channel: demand_gen' only",
            )
        elif group.platforms is not None and "google" not in group.platforms:
            add(path, "found channels on an ad group that does not run on Google: expected none")
        elif isinstance(channels, list) and not channels:
            add(
                path,
                "found no channels; expected at least one of "
                + ", ".join(DEMAND_GEN_CHANNELS)
                + " (or 'all', or 'google_owned')",
            )


def demand_gen_channel_controls(group: AdGroup) -> dict[str, Any] | None:
    """The native ``channel_controls`` of ``group``'s Demand Gen ad group, as the Google connector reads
    them (``google_rows.channel_controls``): None for all channels (Google's default, which MIDAS leaves
    unsent), ``{"channel_strategy": "ALL_OWNED_AND_OPERATED_CHANNELS"}`` for ``google_owned``, else
    ``{"selected_channels": [sorted channel names]}``."""
    channels = group.google.channels
    if channels == "all":
        return None
    if channels == "google_owned":
        return {"channel_strategy": "ALL_OWNED_AND_OPERATED_CHANNELS"}
    return {"selected_channels": sorted(set(channels))}


def _inherited_exclusions(add: Add, path: PathKey, own: Targeting, campaign: Targeting) -> None:
    """An ad group's own locations that the campaign's excluded locations, which it inherits, hold too:
    Google would give the ad group a location criterion and a negative one for each
    (ad_group_criterion_error.CANNOT_TARGET_AND_EXCLUDE)."""
    if both := inherited_and_targeted(own, campaign):
        add(
            (*path, "targeting", "locations"),
            f"found {', '.join(both)}, which the campaign's targeting excludes (exclude.locations: "
            f"{', '.join(campaign.exclude.locations)}, inherited by this ad group); a Google Demand Gen ad "
            "group cannot target and exclude one location: expected locations the campaign does not exclude, "
            "or the ad group's own targeting.exclude",
        )


def is_demand_gen_video_ad(creative: Creative) -> bool:
    """Whether ``creative`` is a Demand Gen video responsive ad in a Demand Gen campaign (its YouTube videos
    make it one), not a multi-asset ad."""
    return bool(creative.google.youtube_videos)


def demand_gen_ad_name(creative: Creative) -> str:
    """The kind of Demand Gen ad ``creative`` is, as errors name it."""
    return _VIDEO_AD if is_demand_gen_video_ad(creative) else _MULTI_ASSET_AD


def check_demand_gen_creative(add: Add, path: PathKey, spec: CampaignSpec, creative: Creative) -> None:
    """A creative a Google Demand Gen campaign runs: a multi-asset ad with its business name, a landscape
    or square marketing image and 1 to 5 logos, or with ``google.youtube_videos`` a video responsive ad
    (``_check_video_ad``); no display URL paths (a responsive display ad's long headline is
    ``check_channel_creative_options``')."""
    google = creative.google
    ad = demand_gen_ad_name(creative)
    for option in ("path1", "path2"):
        if getattr(google, option) is not None:
            add(
                (*path, "google", option),
                f"found {option}; a Google {ad} has no display URL paths (a responsive search ad's)",
            )
    check_creative_business_name(add, path, spec, creative, ad)
    _check_call_to_action(add, path, creative, ad)
    if google.headline is not None:
        add(
            (*path, "google", "headline"),
            f"found headline; it is a Google {_CAROUSEL_AD}'s (a type: carousel creative): a {ad}'s "
            "headlines are the creative's",
        )
    if is_demand_gen_video_ad(creative):
        _check_video_ad(add, path, creative)
        return
    _not_this_ads(
        add,
        path,
        creative,
        _VIDEO_ONLY,
        f"it belongs to a Google {_VIDEO_AD}, which a creative with google.youtube_videos is: expected "
        "youtube_videos (the ad's videos) with it, or none for a multi-asset ad",
    )
    if not google.marketing_images and not google.square_marketing_images:
        add(
            (*path, "google"),
            "a Google Demand Gen multi-asset ad needs a landscape (1.91:1) or square marketing image: "
            "expected google.marketing_images or square_marketing_images (ids of image assets in the Google "
            "Ads account); found neither",
        )
    present = [option for option in DEMAND_GEN_MARKETING_IMAGES if getattr(google, option)]
    found = sum(len(getattr(google, option)) for option in present)
    if found > DEMAND_GEN_MARKETING_IMAGES_MAX:
        add(
            (*path, "google", present[-1]),
            f"found {found} marketing images in {' and '.join(present)} together; expected at most "
            f"{DEMAND_GEN_MARKETING_IMAGES_MAX} of every shape for a Google Demand Gen multi-asset ad",
        )
    low, high = DEMAND_GEN_LOGOS
    if not low <= len(google.logo_images) <= high:
        add(
            (*path, "google", "logo_images") if google.logo_images else (*path, "google"),
            f"found {len(google.logo_images)} logo_images; expected {low} to {high} (square logos, ids of "
            "image assets) for a Google Demand Gen multi-asset ad",
        )


#: A Demand Gen carousel ad's cards: "Min 2 max 10" (v26 DemandGenCarouselAdInfo ``carousel_cards``).
DEMAND_GEN_CAROUSEL_CARDS: Final = (2, 10)
#: The creative options a Demand Gen carousel ad has (its one logo among ``logo_images``).
DEMAND_GEN_CAROUSEL_OPTIONS: Final = (
    "business_name",
    "logo_images",
    "headline",
    "call_to_action_text",
    "additional_final_urls",
    *AD_URL_OPTIONS,
)
_CAROUSEL_AD: Final = "Demand Gen carousel ad"


def check_demand_gen_carousel(add: Add, path: PathKey, spec: CampaignSpec, creative: Creative) -> None:
    """A carousel a Google Demand Gen campaign runs, a Demand Gen carousel ad (v26 DemandGenCarouselAdInfo,
    whose business name, logo, headline, description and cards are "Required"): ``google.headline``, the
    ``primary_text`` as its description, one logo, a business name, its own ``final_url``, 2 to 10 cards,
    each with a headline, a final URL and a landscape or square image (v26 DemandGenCarouselCardAsset:
    "Either this image, or the square marketing image, or both, is required")."""
    google = creative.google
    check_creative_business_name(add, path, spec, creative, _CAROUSEL_AD)
    for option in sorted(google.model_fields_set - set(DEMAND_GEN_CAROUSEL_OPTIONS)):
        if getattr(google, option):
            add(
                (*path, "google", option),
                f"found {option}; a Google {_CAROUSEL_AD} takes "
                + ", ".join(DEMAND_GEN_CAROUSEL_OPTIONS)
                + " of the google options (its images are its cards')",
            )
    needs = [
        what
        for what, present in (
            ("google.headline (the ad's headline)", google.headline is not None),
            ("primary_text (the ad's description)", creative.primary_text is not None),
            ("final_url (the ad's own)", creative.final_url is not None),
        )
        if not present
    ]
    if needs:
        add(path, f"a Google {_CAROUSEL_AD} needs {', '.join(needs)}; found none")
    if len(google.logo_images) != 1:
        add(
            (*path, "google", "logo_images") if google.logo_images else (*path, "google"),
            f"found {len(google.logo_images)} logo_images; a Google {_CAROUSEL_AD} shows one logo (a square "
            "image asset id)",
        )
    low, high = DEMAND_GEN_CAROUSEL_CARDS
    if not low <= len(creative.cards) <= high:
        add(
            (*path, "cards"),
            f"found {len(creative.cards)} cards; expected {low} to {high} for a Google {_CAROUSEL_AD}",
        )
    for index, card in enumerate(creative.cards):
        lacks = [
            what
            for what, present in (
                ("a headline", card.headline is not None),
                ("a final_url", card.final_url is not None),
                (
                    "google.marketing_image or square_marketing_image",
                    card.google.marketing_image is not None or card.google.square_marketing_image is not None,
                ),
            )
            if not present
        ]
        if lacks:
            add(
                (*path, "cards", index),
                f"a card of a Google {_CAROUSEL_AD} needs {', '.join(lacks)}; found none",
            )


def demand_gen_carousel_problems(spec: CampaignSpec, creative: Creative) -> list[str]:
    """Why the carousel ``creative`` cannot be the Demand Gen carousel ad of ``spec``'s Demand Gen campaign
    ([] when it can)."""
    problems: list[str] = []
    check_demand_gen_carousel(lambda _path, message: problems.append(message), (), spec, creative)
    return problems


def _check_call_to_action(add: Add, path: PathKey, creative: Creative, ad: str) -> None:
    """The call to action option of the other kind of Demand Gen ad than ``creative``'s (``ad``)."""
    own = _CALL_TO_ACTION_OPTION[ad]
    for other_ad, option in _CALL_TO_ACTION_OPTION.items():
        if option != own and getattr(creative.google, option) is not None:
            add(
                (*path, "google", option),
                f"found {option}; a Google {ad} says its call to action with google.{own} ({option} is a "
                f"{other_ad}'s, which a creative is with{'out' if other_ad == _MULTI_ASSET_AD else ''} "
                "google.youtube_videos)",
            )


def _check_video_ad(add: Add, path: PathKey, creative: Creative) -> None:
    """A Demand Gen video responsive ad's own rules: a logo ("Required. Logo image"), at most one companion
    banner, no marketing images (a multi-asset ad's). Its videos are there: they make it one."""
    google = creative.google
    _not_this_ads(
        add,
        path,
        creative,
        _MULTI_ASSET_ONLY,
        f"a creative with google.youtube_videos is a Google {_VIDEO_AD}, which shows its videos, not "
        "marketing images: expected none (or no youtube_videos, for a multi-asset ad)",
    )
    if not google.logo_images:
        add(
            (*path, "google"),
            f"a Google {_VIDEO_AD} needs a logo: expected google.logo_images (square logos, ids of image "
            "assets in the Google Ads account); found none",
        )
    if (found := len(google.companion_banners)) > DEMAND_GEN_COMPANION_BANNERS_MAX:
        add(
            (*path, "google", "companion_banners"),
            f"found {found} companion_banners; a Google {_VIDEO_AD} takes at most "
            f"{DEMAND_GEN_COMPANION_BANNERS_MAX} (v26: only a single companion banner is supported)",
        )


def _not_this_ads(add: Add, path: PathKey, creative: Creative, options: tuple[str, ...], why: str) -> None:
    """Each of ``options`` the creative sets, which only the other kind of Demand Gen ad has (``why``)."""
    for option in options:
        if getattr(creative.google, option):
            add((*path, "google", option), f"found {option}; {why}")


def demand_gen_ad_problems(spec: CampaignSpec, creative: Creative) -> list[str]:
    """Why ``creative`` cannot be the Demand Gen ad of ``spec``'s Demand Gen campaign it would be ([] when
    it can): a multi-asset ad's texts have limits; a video responsive ad's have none documented."""
    problems: list[str] = []
    check_demand_gen_creative(lambda _path, message: problems.append(message), (), spec, creative)
    if is_demand_gen_video_ad(creative):
        return problems
    return problems + text_problems(creative, DEMAND_GEN_AD_HEADLINES, DEMAND_GEN_AD_DESCRIPTIONS)


#: Per channel, the ads it runs and the creative options only such ads have (a Performance Max asset group
#: takes a responsive display ad's, under the same names; a Demand Gen campaign runs two kinds of ads).
_CHANNEL_OPTIONS: Final = (
    ("display", "a Google responsive display ad", DISPLAY_CREATIVE_OPTIONS),
    ("demand_gen", f"a Google {_MULTI_ASSET_AD}", DEMAND_GEN_MULTI_ASSET_AD_OPTIONS),
    ("demand_gen", f"a Google {_VIDEO_AD}", DEMAND_GEN_VIDEO_AD_OPTIONS),
    ("demand_gen", f"a Google {_CAROUSEL_AD}", ("headline",)),
    ("performance_max", "a Google Performance Max asset group", PMAX_CREATIVE_OPTIONS),
)


def check_channel_creative_options(add: Add, path: PathKey, channel: str, creative: Creative) -> None:
    """A creative has only the options of the ads its campaign's Google channel runs (a Meta-only campaign's
    keep them for when it runs on Google)."""
    allowed = {option for c, _, options in _CHANNEL_OPTIONS if c == channel for option in options}
    every = dict.fromkeys(option for _, _, options in _CHANNEL_OPTIONS for option in options)
    for option in every:
        if option in allowed or not getattr(creative.google, option):
            continue
        owners = [(c, ad) for c, ad, options in _CHANNEL_OPTIONS if option in options]
        channels = " or ".join(dict.fromkeys(c for c, _ in owners))
        add(
            (*path, "google", option),
            f"found {option}; it belongs to {' or '.join(ad for _, ad in owners)}: expected it only in a "
            f"campaign with google.channel {channels}",
        )
