"""A live Google campaign's own criteria → its platform view (``importing.derive.google_view``); a Meta ad's
several images or videos the spec cannot say, by name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from midas_reconcile.connectors.google_rows import UNREAD_TREE, LiveReader
from midas_reconcile.importing.derive import _media_problem, google_view
from midas_reconcile.importing.dynamic_search import campaign_exclusions
from midas_reconcile.importing.hotel import hotel_campaign_problems, hotel_group_problems
from midas_reconcile.importing.messaging import messaging_creative
from midas_reconcile.importing.shopping import shopping_campaign_problems, shopping_group_problems
from midas_reconcile.importing.trees import campaign_trees
from midas_reconcile.importing.url_tracking import google_keyword_url_problems
from midas_reconcile.resources import Address, Resource
from midas_reconcile.targeting import TargetingMapper

_CAMPAIGN = Address("google", "g1", "campaign", "Shop")


def _view(*criteria: dict[str, Any], channel: str = "SEARCH", campaign: dict[str, Any] | None = None) -> Any:
    """The view of a ``channel`` (Search) campaign, or of an app campaign of ``campaign``'s fields, with
    ``criteria`` at campaign level (each with its ``key``) and one ad group."""
    live = [
        Resource(
            Address("google", "g1", "campaign_budget", "Shop"), {"name": "Shop", "amount_micros": 10_000_000}
        ),
        Resource(
            _CAMPAIGN,
            campaign or {"name": "Shop", "status": "ENABLED", "advertising_channel_type": channel},
            {"campaign_budget": Address("google", "g1", "campaign_budget", "Shop")},
            platform_id="1",
        ),
        Resource(
            Address("google", "g1", "ad_group", "Shop/Main"),
            {"name": "Main", "status": "ENABLED", **({} if campaign else {"type": "SEARCH_STANDARD"})},
            {"campaign": _CAMPAIGN},
        ),
    ]
    return _view_with(live, _CAMPAIGN, criteria)


def _view_with(live: list[Resource], parent: Address, criteria: tuple[dict[str, Any], ...]) -> Any:
    """The view of the campaign ``live`` holds with ``criteria`` of ``parent`` (its campaign or an ad
    group), each with its ``key``."""
    for fields in criteria:
        key = fields.pop("key")
        at = Address("google", "g1", f"{parent.kind}_criterion", f"{parent.path}/{key}")
        live.append(Resource(at, fields, {parent.kind: parent}))
    [tree] = campaign_trees(live)
    return google_view(tree, TargetingMapper(), "USD")


def test_what_a_campaign_itself_targets_is_its_own_option_not_folded_into_the_ad_groups() -> None:
    """Folded into each ad group's unified targeting, a campaign's targeted age bracket and gender would
    compile back as ad group criteria; they are the campaign's ``google.campaign_*`` instead, and an
    interest no resolver names is a problem naming the campaign."""
    view = _view(
        {"key": "age_range:AGE_RANGE_25_34", "type": "AGE_RANGE", "age_range": "AGE_RANGE_25_34"},
        {"key": "age_range:AGE_RANGE_18_24", "type": "AGE_RANGE", "age_range": "AGE_RANGE_18_24"},
        {"key": "gender:FEMALE", "type": "GENDER", "gender": "FEMALE"},
        {"key": "user_interest:92914", "type": "USER_INTEREST", "user_interest": "92914"},
    )
    assert {k: v for k, v in view.options.items() if k.startswith("campaign_")} == {
        "campaign_ages": ["18-24", "25-34"],
        "campaign_genders": ["female"],
    }
    assert view.problems == [
        "google campaign 'Shop' (id 1, account g1) targets Google user interest 92914, which has no known "
        "name"
    ]
    [group] = view.groups
    assert group.targeting == TargetingMapper().from_google([])[0]  # everyone: nothing folded in


def test_campaign_level_locations_and_exclusions_are_read_as_the_campaign_holds_them() -> None:
    """Locations stay unified targeting (compiled at campaign level again), a campaign's excluded age
    bracket its own ``negative_ages``."""
    view = _view(
        {"key": "location:2840", "type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"},
        {
            "key": "negative_age_range:AGE_RANGE_18_24",
            "type": "AGE_RANGE",
            "age_range": "AGE_RANGE_18_24",
            "negative": True,
        },
    )
    assert not view.problems
    assert view.options["negative_ages"] == ["18-24"]
    assert view.groups[0].targeting.locations == ["US"]


def test_a_campaign_level_keyword_to_target_is_a_problem_saying_where_the_spec_puts_keywords() -> None:
    view = _view(
        {
            "key": "keyword:BROAD:shoes",
            "type": "KEYWORD",
            "keyword_text": "shoes",
            "keyword_match_type": "BROAD",
        }
    )
    assert view.problems == [
        "google campaign 'Shop' (id 1, account g1) targets the keyword 'shoes' at campaign level, which the "
        "spec language cannot express: Google takes campaign-level keywords as negatives only "
        "(google.negative_keywords), and the keywords a spec targets belong to its ad groups "
        "(ad_groups[].keywords)"
    ]


@pytest.mark.parametrize(
    ("channel", "reason"),
    [
        ("VIDEO", "which MIDAS can never manage: the Google Ads API cannot create or change Video campaigns"),
        ("SMART", "which MIDAS does not manage: the Google Ads API creates no new Smart campaigns"),
        ("LOCAL", "which MIDAS does not manage: Google upgraded Local campaigns to Performance Max"),
        (
            "TRAVEL",
            "which MIDAS does not support yet, though the Google Ads API creates one (for allowlisted "
            "accounts): the spec language has no field for its Things to do Center account "
            "(travel_campaign_settings.travel_account_id, immutable), its sub type TRAVEL_ACTIVITIES, its "
            "maximize conversion value bidding with a target ROAS, nor its TRAVEL_ADS ad groups of travel "
            "ads",
        ),
        (
            "LOCAL_SERVICES",
            "which MIDAS does not support yet (MIDAS manages Search, Display, Demand Gen, Performance Max, "
            "Shopping, Hotel and app campaigns)",
        ),
    ],
)
def test_a_campaign_of_a_channel_midas_does_not_manage_is_refused_with_that_channels_reason(
    channel: str, reason: str
) -> None:
    """Video campaigns MIDAS can never manage (the API cannot change them), Smart and Local ones no longer
    exist for the API; the others it does not support yet."""
    problems = _view(channel=channel).problems
    assert f"google campaign 'Shop' (id 1, account g1) is a {channel} campaign, {reason}" in "\n".join(
        problems
    )
    manages = "MIDAS manages Search, Display, Demand Gen, Performance Max, Shopping, Hotel and app campaigns"
    assert sum(manages in p for p in problems) == 1


def _app(goal: str, bidding: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": "Shop",
        "status": "ENABLED",
        "advertising_channel_type": "MULTI_CHANNEL",
        "advertising_channel_sub_type": "APP_CAMPAIGN",
        "app_campaign_setting": {
            "app_id": "com.example.shop",
            "app_store": "GOOGLE_APP_STORE",
            "bidding_strategy_goal_type": goal,
        },
        "bidding_strategy_type": bidding,
        **extra,
    }


def test_an_app_campaigns_goal_is_its_option_only_when_not_its_biddings_default() -> None:
    in_app = _view(
        campaign=_app(
            "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
            "TARGET_CPA",
            target_cpa_micros=3_000_000,
            conversion_actions=["7001"],
        )
    )
    assert not in_app.problems
    assert in_app.bidding_targets["app_goal"] == "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST"
    assert in_app.bidding_targets["conversion_actions"] == ["7001"]
    installs = _view(campaign=_app("OPTIMIZE_INSTALLS_TARGET_INSTALL_COST", "TARGET_CPA"))
    assert not installs.problems and "app_goal" not in installs.bidding_targets


def test_an_app_campaign_bidding_for_a_goal_the_spec_cannot_name_is_a_problem() -> None:
    """The pre-registration goal is a pre-registration campaign's (``google.app_campaign``), not an install
    campaign's."""
    view = _view(campaign=_app("OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME", "MAXIMIZE_CONVERSIONS"))
    assert view.problems == [
        "google campaign 'Shop' (id 1, account g1) bids for goal "
        "'OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME', which the spec language cannot express of a campaign "
        "of sub type APP_CAMPAIGN; expected one of OPTIMIZE_INSTALLS_TARGET_INSTALL_COST, "
        "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST, OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST, "
        "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST, OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA, "
        "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND, OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS"
    ]
    mismatched = _view(campaign=_app("OPTIMIZE_RETURN_ON_ADVERTISING_SPEND", "MAXIMIZE_CONVERSIONS"))
    assert mismatched.problems == [
        "google campaign 'Shop' (id 1, account g1) pursues goal OPTIMIZE_RETURN_ON_ADVERTISING_SPEND with "
        "MAXIMIZE_CONVERSIONS bidding, which the spec language cannot express: it bids for that goal with "
        "TARGET_ROAS alone (google.bidding.strategy target_roas)"
    ]


@pytest.mark.parametrize(
    ("sub_type", "goal", "bidding", "kind"),
    [
        (
            "APP_CAMPAIGN_FOR_ENGAGEMENT",
            "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
            "TARGET_CPA",
            "engagement",
        ),
        (
            "APP_CAMPAIGN_FOR_PRE_REGISTRATION",
            "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
            "MAXIMIZE_CONVERSIONS",
            "pre_registration",
        ),
    ],
)
def test_an_app_campaign_of_another_sub_type_is_its_kind_and_its_default_goal_no_option(
    sub_type: str, goal: str, bidding: str, kind: str
) -> None:
    view = _view(campaign=_app(goal, bidding, advertising_channel_sub_type=sub_type))
    assert not view.problems
    assert view.options["app_campaign"] == kind and "app_goal" not in view.bidding_targets


def test_a_pre_registration_ads_images_are_its_creatives_and_its_videos_a_problem() -> None:
    budget = Address("google", "g1", "campaign_budget", "Shop")
    group = Address("google", "g1", "ad_group", "Shop/Main")
    campaign = _app(
        "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
        "MAXIMIZE_CONVERSIONS",
        advertising_channel_sub_type="APP_CAMPAIGN_FOR_PRE_REGISTRATION",
    )
    ad = {
        "status": "ENABLED",
        "type": "APP_PRE_REGISTRATION_AD",
        "headlines": ["Soon"],
        "descriptions": ["Pre-register."],
        "images": ["11", "12"],
    }
    live = [
        Resource(budget, {"name": "Shop", "amount_micros": 10_000_000}),
        Resource(_CAMPAIGN, campaign, {"campaign_budget": budget}, "1"),
        Resource(group, {"name": "Main", "status": "ENABLED"}, {"campaign": _CAMPAIGN}),
        Resource(Address("google", "g1", "ad_group_ad", "Shop/Main/0"), ad, {"ad_group": group}, "9~0"),
        Resource(
            Address("google", "g1", "ad_group_ad", "Shop/Main/1"),
            {**ad, "headlines": ["Later"], "youtube_videos": ["customers/1/assets/88"]},
            {"ad_group": group},
            "9~1",
        ),
    ]
    [tree] = campaign_trees(live)
    view = google_view(tree, TargetingMapper(), "USD")
    assert [c.fields.get("google") for c in view.creatives.values()] == [{"images": ["11", "12"]}] * 2
    assert view.problems == [
        "ad 'later' in ad group 'Main' of google campaign 'Shop' (id 1, account g1) has youtube_videos, "
        "which the spec language cannot express"
    ]


def test_an_engagement_campaign_bidding_for_installs_is_a_problem() -> None:
    campaign = _app(
        "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST",
        "TARGET_CPA",
        advertising_channel_sub_type="APP_CAMPAIGN_FOR_ENGAGEMENT",
    )
    assert _view(campaign=campaign).problems == [
        "google campaign 'Shop' (id 1, account g1) bids for goal 'OPTIMIZE_INSTALLS_TARGET_INSTALL_COST', "
        "which the spec language cannot express of a campaign of sub type APP_CAMPAIGN_FOR_ENGAGEMENT; "
        "expected one of OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST, "
        "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA, OPTIMIZE_RETURN_ON_ADVERTISING_SPEND, "
        "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS"
    ]


def _display_view(networks: dict[str, bool], *ads: dict[str, Any], keyword: bool = False) -> Any:
    """The view of a Display campaign on ``networks`` with one DISPLAY_STANDARD ad group running ``ads``
    (and a negative campaign keyword with ``keyword``)."""
    budget = Address("google", "g1", "campaign_budget", "Shop")
    group = Address("google", "g1", "ad_group", "Shop/Main")
    fields = {"name": "Shop", "status": "ENABLED", "advertising_channel_type": "DISPLAY"}
    live = [
        Resource(budget, {"name": "Shop", "amount_micros": 10_000_000}),
        Resource(_CAMPAIGN, {**fields, "network_settings": networks}, {"campaign_budget": budget}, "1"),
        Resource(
            group, {"name": "Main", "status": "ENABLED", "type": "DISPLAY_STANDARD"}, {"campaign": _CAMPAIGN}
        ),
        *(
            Resource(
                Address("google", "g1", "ad_group_ad", f"Shop/Main/{i}"), ad, {"ad_group": group}, f"9~{i}"
            )
            for i, ad in enumerate(ads)
        ),
    ]
    if keyword:
        criterion = {
            "type": "KEYWORD",
            "keyword_text": "free",
            "keyword_match_type": "BROAD",
            "negative": True,
        }
        address = Address("google", "g1", "campaign_criterion", "Shop/negative_keyword:BROAD:free")
        live.append(Resource(address, criterion, {"campaign": _CAMPAIGN}))
    [tree] = campaign_trees(live)
    return google_view(tree, TargetingMapper(), "USD")


_ON_DISPLAY = {"target_google_search": False, "target_search_network": False, "target_content_network": True}
_DISPLAY_AD = {
    "status": "ENABLED",
    "type": "RESPONSIVE_DISPLAY_AD",
    "headlines": ["Trail shoes"],
    "long_headline": "Trail shoes that grip",
    "descriptions": ["Grip."],
    "business_name": "Shop",
    "marketing_images": ["2", "1"],
    "square_marketing_images": ["3"],
    "final_urls": ["https://shop.example/"],
}


def test_a_display_campaign_is_channel_display_and_its_ad_a_creative_naming_its_images() -> None:
    view = _display_view(_ON_DISPLAY, _DISPLAY_AD)
    assert not view.problems
    assert view.options == {"channel": "display"}  # no networks: a Display campaign's are implied
    [creative] = view.creatives.values()
    assert creative.fields["google"] == {
        "long_headline": "Trail shoes that grip",
        "business_name": "Shop",
        "marketing_images": ["2", "1"],
        "square_marketing_images": ["3"],
    }


def test_what_a_display_campaign_holds_that_the_spec_cannot_say_is_a_problem_each() -> None:
    search_ad = {"status": "ENABLED", "type": "RESPONSIVE_SEARCH_AD", "headlines": ["A", "B", "C"]}
    incomplete = {
        k: v for k, v in _DISPLAY_AD.items() if k not in ("business_name", "square_marketing_images")
    }
    videos = {**_DISPLAY_AD, "youtube_videos": ["customers/1/assets/7"]}
    view = _display_view(
        {**_ON_DISPLAY, "target_google_search": True}, search_ad, incomplete, videos, keyword=True
    )
    label = "google campaign 'Shop' (id 1, account g1)"
    group = f"ad group 'Main' of {label}"
    problems = "\n".join(view.problems)
    assert f"{label} is a Display campaign on networks" in problems
    assert f"{label} has a keyword 'free'; the spec language gives a Display campaign no keywords" in problems
    assert (
        f"in {group} is a RESPONSIVE_SEARCH_AD ad; MIDAS manages responsive display ads in Display"
        in problems
    )
    assert (
        f"in {group} has no business_name, square_marketing_images, which a responsive display ad" in problems
    )
    assert (
        f"in {group} has videos of assets that are no YouTube videos (customers/1/assets/7), which the spec "
        "language cannot express" in problems
    )


def test_a_display_ads_youtube_videos_are_its_creatives_google_youtube_videos() -> None:
    view = _display_view(_ON_DISPLAY, {**_DISPLAY_AD, "youtube_videos": ["M7lc1UVf-VE", "dQw4w9WgXcQ"]})
    assert not view.problems
    [creative] = view.creatives.values()
    assert creative.fields["google"]["youtube_videos"] == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]


def test_a_display_ad_holding_options_midas_never_sends_is_a_problem_naming_each() -> None:
    """A console's call to action, colors, format or creative controls would be lost on import."""
    styled = {
        **_DISPLAY_AD,
        "call_to_action_text": "Shop now",
        "main_color": "#0000ff",
        "accent_color": "#ffffff",
        "allow_flexible_color": False,
        "control_spec": {"enable_autogen_video": True},
    }
    view = _display_view(_ON_DISPLAY, styled)
    assert view.problems == [
        "ad 'trail-shoes' in ad group 'Main' of google campaign 'Shop' (id 1, account g1) has "
        'call_to_action_text "Shop now", main_color "#0000ff", accent_color "#ffffff", allow_flexible_color '
        "false, control_spec.enable_autogen_video true, which the spec language cannot express"
    ]


_DEMAND_GEN_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_MULTI_ASSET_AD",
    "headlines": ["Trail shoes"],
    "descriptions": ["Grip."],
    "business_name": "Shop",
    "square_marketing_images": ["3"],
    "tall_portrait_marketing_images": ["5"],
    "logo_images": ["4"],
    "final_urls": ["https://shop.example/"],
}
_US = {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"}


def _demand_gen_view(
    *ads: dict[str, Any],
    campaign: dict[str, Any] | None = None,
    group: dict[str, Any] | None = None,
    group_criteria: tuple[dict[str, Any], ...] = (_US,),
    campaign_criteria: tuple[dict[str, Any], ...] = (),
) -> Any:
    """The view of a Demand Gen campaign (``campaign``'s fields added) with one untyped ad group (``group``'s
    fields added) targeting ``group_criteria`` and running ``ads``."""
    budget = Address("google", "g1", "campaign_budget", "Shop")
    group_at = Address("google", "g1", "ad_group", "Shop/Main")
    fields = {
        "name": "Shop",
        "status": "ENABLED",
        "advertising_channel_type": "DEMAND_GEN",
        **(campaign or {}),
    }
    live = [
        Resource(budget, {"name": "Shop", "amount_micros": 10_000_000}),
        Resource(_CAMPAIGN, fields, {"campaign_budget": budget}, "1"),
        Resource(group_at, {"name": "Main", "status": "ENABLED", **(group or {})}, {"campaign": _CAMPAIGN}),
        *(
            Resource(
                Address("google", "g1", "ad_group_ad", f"Shop/Main/{i}"), ad, {"ad_group": group_at}, f"9~{i}"
            )
            for i, ad in enumerate(ads)
        ),
        *(
            Resource(
                Address("google", "g1", "ad_group_criterion", f"Shop/Main/c{i}"), c, {"ad_group": group_at}
            )
            for i, c in enumerate(group_criteria)
        ),
        *(
            Resource(Address("google", "g1", "campaign_criterion", f"Shop/c{i}"), c, {"campaign": _CAMPAIGN})
            for i, c in enumerate(campaign_criteria)
        ),
    ]
    [tree] = campaign_trees(live)
    return google_view(tree, TargetingMapper(), "USD")


def test_a_demand_gen_campaign_is_channel_demand_gen_its_places_its_ad_groups_and_its_ad_a_creative() -> None:
    view = _demand_gen_view(_DEMAND_GEN_AD)
    assert not view.problems
    assert view.options == {"channel": "demand_gen"}
    [group] = view.groups
    assert group.targeting.locations == ["US"]
    [creative] = view.creatives.values()
    assert creative.fields["google"] == {
        "business_name": "Shop",
        "square_marketing_images": ["3"],
        "tall_portrait_marketing_images": ["5"],
        "logo_images": ["4"],
    }


def test_a_demand_gen_campaign_whose_network_flags_are_all_off_has_no_network_settings() -> None:
    off = {"target_google_search": False, "target_search_network": False, "target_content_network": False}
    view = _demand_gen_view(_DEMAND_GEN_AD, campaign={"network_settings": off})
    assert not view.problems and view.options == {"channel": "demand_gen"}


def test_what_a_demand_gen_campaign_holds_that_the_spec_cannot_say_is_a_problem_each() -> None:
    incomplete = {
        k: v for k, v in _DEMAND_GEN_AD.items() if k not in ("logo_images", "square_marketing_images")
    }
    unsent = {**_DEMAND_GEN_AD, "classic_display_images": ["7"]}
    display_ad = {**_DISPLAY_AD}
    age = {"type": "AGE_RANGE", "age_range": "AGE_RANGE_18_24"}
    view = _demand_gen_view(
        incomplete,
        unsent,
        display_ad,
        campaign={"network_settings": {"target_content_network": True}},
        group={"type": "DISPLAY_STANDARD", "cpc_bid_micros": 1_000_000},
        group_criteria=(_US, age),
        campaign_criteria=(_US,),
    )
    label = "google campaign 'Shop' (id 1, account g1)"
    group = f"ad group 'Main' of {label}"
    problems = "\n".join(view.problems)
    assert f"{label} is a Demand Gen campaign with network settings" in problems
    assert (
        f"{label} targets LOCATION criteria at campaign level (a Demand Gen campaign without upgraded"
        in problems
    )
    assert f"{group} has type 'DISPLAY_STANDARD', which the spec language cannot express" in problems
    assert (
        f"{group} has AGE_RANGE criteria; the spec language gives a Demand Gen campaign's ad groups"
        in problems
    )
    assert f"{group} has a max CPC, which a Demand Gen campaign's ad groups take none of" in problems
    assert (
        f"in {group} has no marketing_images or square_marketing_images, logo_images, which a Demand Gen"
        in problems
    )
    assert f'in {group} has classic_display_images ["7"], which the spec language cannot express' in problems
    assert (
        "is a RESPONSIVE_DISPLAY_AD ad; MIDAS manages Demand Gen multi-asset, video responsive, carousel and "
        "product" in problems
    )


_GROUP = Address("google", "g1", "ad_group", "Shop/Main")
_ROOT = Address("google", "g1", "ad_group_criterion", "Shop/Main/listing_group:all-products")
_AD = Address("google", "g1", "ad_group_ad", "Shop/Main/1")


def _unit(**fields: Any) -> Resource:
    return Resource(_ROOT, {"type": "LISTING_GROUP", "listing_group_type": "UNIT", **fields}, {})


def _product_ad(status: str = "ENABLED") -> Resource:
    return Resource(_AD, {"type": "SHOPPING_PRODUCT_AD", "status": status}, {})


@pytest.mark.parametrize(
    ("bid", "criteria", "ads", "manual", "problem"),
    [
        (500_000, [_unit(cpc_bid_micros=500_000)], [_product_ad()], True, None),
        (None, [_unit()], [_product_ad()], False, None),
        (None, [_unit()], [_product_ad()], True, "has no max CPC, which a Shopping ad group"),
        (500_000, [_unit(cpc_bid_micros=600_000)], [_product_ad()], True, "bids 0.6 on all its products"),
        (500_000, [_unit(cpc_bid_micros=500_000, negative=True)], [_product_ad()], True, "excludes all its"),
        (500_000, [], [_product_ad()], True, "has no product group"),
        (500_000, [_unit(cpc_bid_micros=500_000)], [], True, "runs none; MIDAS gives a Shopping ad"),
        (500_000, [_unit(cpc_bid_micros=500_000)], [_product_ad("PAUSED")], True, "has a paused product ad"),
        (
            500_000,
            [
                _unit(cpc_bid_micros=500_000),
                Resource(Address("google", "g1", "ad_group_criterion", "Shop/Main/keyword:BROAD:x"),
                         {"type": "KEYWORD"}, {}),
            ],
            [_product_ad()],
            True,
            "has KEYWORD criteria; the spec language gives a Shopping ad group its product group alone",
        ),
    ],
)  # fmt: skip
def test_a_shopping_ad_group_is_one_the_spec_writes_or_its_problem_is_named(
    bid: int | None, criteria: list[Resource], ads: list[Resource], manual: bool, problem: str | None
) -> None:
    group = Resource(_GROUP, {"name": "Main", "type": "SHOPPING_PRODUCT_ADS", "cpc_bid_micros": bid}, {})
    problems = shopping_group_problems(group, criteria, ads, "ad group 'Main'", manual)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems


@pytest.mark.parametrize(
    ("campaign", "problem"),
    [
        ({"shopping_setting": {"merchant_id": "9"}, "bidding_strategy_type": "MANUAL_CPC"}, None),
        ({"shopping_setting": {"merchant_id": "9"}, "bidding_strategy_type": "TARGET_ROAS"}, None),
        ({"bidding_strategy_type": "TARGET_SPEND"}, "has no Merchant Center account"),
        (
            {"shopping_setting": {"merchant_id": "9"}, "bidding_strategy_type": "MAXIMIZE_CONVERSIONS"},
            "bidding MAXIMIZE_CONVERSIONS; the spec language gives one manual_cpc, maximize_clicks",
        ),
    ],
)
def test_a_shopping_campaign_names_its_account_and_bids_as_the_spec_says_or_its_problem_is_named(
    campaign: dict[str, Any], problem: str | None
) -> None:
    problems = shopping_campaign_problems({"advertising_channel_type": "SHOPPING", **campaign}, "campaign")
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems


_SEARCH_ONLY = {"target_google_search": True}
_HOTEL_AD = Resource(Address("google", "g1", "ad_group_ad", "Shop/Main/hotel-ad"), {"type": "HOTEL_AD"}, {})


@pytest.mark.parametrize(
    ("campaign", "bid", "criteria", "ad_status", "problem"),
    [
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "MANUAL_CPC"}, 1, [], "ENABLED",
         None),
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "COMMISSION"}, 1, [],
         "ENABLED", "bidding COMMISSION; the spec language gives one manual_cpc, percent_cpc, target_roas"),
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "PERCENT_CPC"}, 1, [],
         "ENABLED", "has no percent CPC bid (percent_cpc_bid_micros), which a Hotel ad group bidding"),
        ({"bidding_strategy_type": "TARGET_ROAS"}, None, [], "ENABLED", "has no Hotel Center account"),
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "MANUAL_CPC",
          "network_settings": {**_SEARCH_ONLY, "target_search_network": True}}, 1, [], "ENABLED",
         "on networks"),
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "MANUAL_CPC"}, None, [],
         "ENABLED", "has no max CPC"),
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "MANUAL_CPC"}, 1,
         [Resource(Address("google", "g1", "ad_group_criterion", "Shop/Main/listing_group:x"),
                   {"type": "LISTING_GROUP"}, {})],
         "ENABLED", "has a hotel group tree (LISTING_GROUP criteria)"),
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "MANUAL_CPC"}, 1, ["noted"],
         "ENABLED", "has a hotel group tree (LISTING_GROUP criteria)"),
        ({"hotel_setting": {"hotel_center_id": "9"}, "bidding_strategy_type": "MANUAL_CPC"}, 1, [], "PAUSED",
         "has a paused hotel ad"),
    ],
)  # fmt: skip
def test_a_hotel_campaign_and_ad_group_are_ones_the_spec_writes_or_their_problem_is_named(
    campaign: dict[str, Any], bid: int | None, criteria: list[Any], ad_status: str, problem: str | None
) -> None:
    """A Hotel campaign's Hotel Center account, bidding (manual CPC, percent CPC or target ROAS) and Google
    Search alone; its ad groups' max CPC (percent CPC bid), no hotel group tree, one enabled hotel ad."""
    live = {"advertising_channel_type": "HOTEL", "network_settings": _SEARCH_ONLY, **campaign}
    problems = hotel_campaign_problems(live, "campaign")
    group = Resource(_GROUP, {"name": "Main", "type": "HOTEL_ADS", "cpc_bid_micros": bid}, {})
    if criteria == ["noted"]:  # as the read notes a tree it leaves alone
        criteria, group.warnings = [], (UNREAD_TREE,)
    ad = Resource(_HOTEL_AD.address, {**_HOTEL_AD.fields, "status": ad_status}, {})
    manual, percent = (live["bidding_strategy_type"] == kind for kind in ("MANUAL_CPC", "PERCENT_CPC"))
    problems += hotel_group_problems(group, criteria, [ad], "ad group 'Main'", manual, percent)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0], problems


def test_a_hotel_group_tree_the_read_leaves_alone_is_reported_once_by_name_beside_other_criteria() -> None:
    """The read notes a Hotel ad group's listing groups (which it leaves alone) apart from its other unread
    criteria: import reports the tree once, as a hotel group tree, and the others as the read noted them."""
    reader = LiveReader("g1")
    group = Resource(
        reader.address("ad_group", "Shop/Main"),
        {"name": "Main", "status": "ENABLED", "type": "HOTEL_ADS", "cpc_bid_micros": 1_000_000},
        {"campaign": _CAMPAIGN},
    )
    reader.out.append(group)
    rows = [
        {
            "ad_group": "customers/1/adGroups/7",
            "type": kind,
            "resource_name": f"customers/1/adGroupCriteria/7~{n}",
        }
        for n, kind in ((1, "LISTING_GROUP"), (2, "YOUTUBE_VIDEO"))
    ]
    reader._take_criteria(rows, "ad_group", {"7": "Shop/Main"}, {"7": True})
    live = [
        Resource(Address("google", "g1", "campaign_budget", "Shop"), {"amount_micros": 10_000_000}, {}),
        Resource(
            _CAMPAIGN,
            {
                "name": "Shop",
                "status": "ENABLED",
                "advertising_channel_type": "HOTEL",
                "network_settings": _SEARCH_ONLY,
                "bidding_strategy_type": "MANUAL_CPC",
                "hotel_setting": {"hotel_center_id": 9},
            },
            {"campaign_budget": Address("google", "g1", "campaign_budget", "Shop")},
            platform_id="1",
        ),
        group,
        Resource(
            Address("google", "g1", "ad_group_ad", "Shop/Main/hotel-ad"),
            {"type": "HOTEL_AD", "status": "ENABLED"},
            {"ad_group": group.address},
        ),
    ]
    problems = _view_with(live, _CAMPAIGN, ()).problems
    assert [p for p in problems if "LISTING_GROUP" in p] == [
        "ad group 'Main' of google campaign 'Shop' (id 1, account g1) has a hotel group tree (LISTING_GROUP "
        "criteria); the spec language bids on all of a "
        "Hotel ad group's hotels at its max CPC and writes no hotel groups"
    ], problems
    assert [p for p in problems if "YOUTUBE_VIDEO" in p] == [
        "ad_group/Shop/Main@google:g1 (google campaign 'Shop' (id 1, account g1)) has YOUTUBE_VIDEO criteria "
        "at ad group level, which MIDAS does not manage"
    ], problems


_DEMAND_GEN_VIDEO_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_VIDEO_RESPONSIVE_AD",
    "name": "clip",
    "headlines": ["Trail shoes"],
    "long_headlines": ["Trail shoes that grip"],
    "descriptions": ["Grip."],
    "business_name": "Shop",
    "youtube_videos": ["dQw4w9WgXcQ"],
    "logo_images": ["4"],
    "companion_banners": ["6"],
    "breadcrumb1": "trail",
    "breadcrumb2": "shoes",
    "final_urls": ["https://shop.example/"],
}


def test_a_demand_gen_video_responsive_ad_beside_a_multi_asset_ad_is_a_creative_with_its_videos() -> None:
    """v26 DemandGenVideoResponsiveAdInfo: its YouTube videos make the creative a video ad in the spec
    language; its long headlines, breadcrumbs, logos and companion banner are written as they are."""
    view = _demand_gen_view(_DEMAND_GEN_AD, _DEMAND_GEN_VIDEO_AD)
    assert not view.problems
    [_, video] = view.creatives.values()
    assert video.fields["google"] == {
        "business_name": "Shop",
        "youtube_videos": ["dQw4w9WgXcQ"],
        "logo_images": ["4"],
        "companion_banners": ["6"],
        "long_headlines": ["Trail shoes that grip"],
        "breadcrumb1": "trail",
        "breadcrumb2": "shoes",
    }


_DEMAND_GEN_PRODUCT_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_PRODUCT_AD",
    "name": "shelf",
    "business_name": "Shop",
    "logo_images": ["4"],
    "headline": "Trail shoes in stock",
    "description": "From our own shop.",
    "breadcrumb1": "trail",
    "final_urls": ["https://shop.example/", "https://shop.example/b"],
}
_MERCHANT = {"demand_gen_shopping_setting": {"merchant_id": 5550002, "feed_label": "US"}}


def test_a_demand_gen_product_ad_is_a_product_creative_of_the_campaign_s_merchant() -> None:
    """v26 DemandGenProductAdInfo: its description is the creative's primary text, its headline, logo,
    business name and breadcrumbs its google options; the campaign's ShoppingSetting is google.demand_gen."""
    view = _demand_gen_view(_DEMAND_GEN_AD, _DEMAND_GEN_PRODUCT_AD, campaign=_MERCHANT)
    assert not view.problems
    assert view.options["demand_gen"] == {"merchant_id": "5550002", "feed_label": "US"}
    [_, shelf] = view.creatives.values()
    assert shelf.fields == {
        "type": "product",
        "final_url": "https://shop.example/",
        "primary_text": "From our own shop.",
        "google": {
            "headline": "Trail shoes in stock",
            "business_name": "Shop",
            "logo_images": ["4"],
            "breadcrumb1": "trail",
            "additional_final_urls": ["https://shop.example/b"],
        },
    }


def test_a_demand_gen_product_ad_without_its_required_parts_is_refused_saying_what_it_lacks() -> None:
    bare = {k: v for k, v in _DEMAND_GEN_PRODUCT_AD.items() if k not in ("headline", "logo_images")}
    view = _demand_gen_view(_DEMAND_GEN_AD, bare, campaign=_MERCHANT)
    [problem] = view.problems
    assert problem.endswith(
        "in ad group 'Main' of google campaign 'Shop' (id 1, account g1) has no headline, logo_images, "
        "which a Demand Gen product ad needs"
    )


def test_a_demand_gen_campaign_without_a_merchant_has_no_demand_gen_options() -> None:
    assert "demand_gen" not in _demand_gen_view(_DEMAND_GEN_AD).options


def test_an_ad_of_another_type_in_a_demand_gen_campaign_is_refused_naming_the_ads_midas_manages() -> None:
    view = _demand_gen_view(_DEMAND_GEN_AD, {"status": "ENABLED", "type": "IMAGE_AD", "name": "Other"})
    [problem] = view.problems
    assert (
        "is a IMAGE_AD ad; MIDAS manages Demand Gen multi-asset, video responsive, carousel and product"
        in (problem)
    )


_CARD = {"headline": "Ridge", "final_url": "https://shop.example/ridge", "marketing_image": "21"}
_DEMAND_GEN_CAROUSEL_AD = {
    "status": "ENABLED",
    "type": "DEMAND_GEN_CAROUSEL_AD",
    "name": "deck",
    "business_name": "Shop",
    "logo_images": ["4"],
    "headline": "Shoes for every trail",
    "description": "Two shoes.",
    "call_to_action_text": "Shop the range",
    "final_urls": ["https://shop.example/"],
    "cards": [_CARD, {**_CARD, "headline": "Mesa", "call_to_action_text": "Shop Mesa"}],
}


def test_a_demand_gen_carousel_ad_is_a_carousel_creative_with_its_cards_in_order() -> None:
    """v26 DemandGenCarouselAdInfo: its description is the creative's primary text, its headline, logo and
    call to action text its google options, and each card's headline and final URL the card's own, its
    images and call to action text the card's google options."""
    view = _demand_gen_view(_DEMAND_GEN_AD, _DEMAND_GEN_CAROUSEL_AD)
    assert not view.problems
    [_, deck] = view.creatives.values()
    assert deck.fields == {
        "type": "carousel",
        "final_url": "https://shop.example/",
        "primary_text": "Two shoes.",
        "google": {
            "headline": "Shoes for every trail",
            "business_name": "Shop",
            "call_to_action_text": "Shop the range",
            "logo_images": ["4"],
        },
        "cards": [
            {
                "headline": "Ridge",
                "final_url": "https://shop.example/ridge",
                "google": {"marketing_image": "21"},
            },
            {
                "headline": "Mesa",
                "final_url": "https://shop.example/ridge",
                "google": {"marketing_image": "21", "call_to_action_text": "Shop Mesa"},
            },
        ],
    }
    unread = {**_DEMAND_GEN_CAROUSEL_AD, "cards": [_CARD, "customers/1/assets/99"]}
    problems = _demand_gen_view(_DEMAND_GEN_AD, unread).problems
    assert "has cards of assets that are no carousel cards (customers/1/assets/99)" in "\n".join(problems)


def test_a_demand_gen_ad_s_call_to_action_is_its_creative_s_as_its_kind_of_ad_says_it() -> None:
    """A multi-asset ad's call to action text is ``google.call_to_action_text``; a video ad's one call to
    action asset, read by its CallToActionType, is ``google.call_to_action``."""
    view = _demand_gen_view(
        {**_DEMAND_GEN_AD, "call_to_action_text": "Shop now"},
        {**_DEMAND_GEN_VIDEO_AD, "call_to_actions": ["SHOP_NOW"]},
    )
    assert not view.problems
    [multi_asset, video] = view.creatives.values()
    assert multi_asset.fields["google"]["call_to_action_text"] == "Shop now"
    assert video.fields["google"]["call_to_action"] == "shop_now"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"logo_images": None, "business_name": None}, "has no business_name, logo_images, which a Google "
         "Demand Gen video responsive ad needs"),
        ({"youtube_videos": None}, "has no youtube_videos, which a Google Demand Gen video responsive ad"),
        ({"youtube_videos": ["customers/1/assets/77"]}, "has videos of assets that are no YouTube videos "
         "(customers/1/assets/77)"),
        ({"call_to_actions": ["customers/1/assets/88"]}, 'has call_to_actions ["customers/1/assets/88"], '
         "which the spec language cannot express (a call to action of a type google.call_to_action names)"),
        ({"call_to_actions": ["LEARN_MORE", "SHOP_NOW"]}, 'has call_to_actions ["LEARN_MORE", "SHOP_NOW"], '
         "which the spec language cannot express (one call to action asset at most, google.call_to_action)"),
    ],
)  # fmt: skip
def test_what_the_spec_language_cannot_say_of_a_demand_gen_video_ad_is_a_problem(
    changes: dict[str, Any], problem: str
) -> None:
    ad = {k: v for k, v in {**_DEMAND_GEN_VIDEO_AD, **changes}.items() if v is not None}
    view = _demand_gen_view(ad)
    assert problem in "\n".join(view.problems), view.problems


_KEYWORD = {"type": "KEYWORD", "keyword_text": "shoes", "keyword_match_type": "BROAD"}
_PAGE = {"final_urls": ["https://a.example/"]}


@pytest.mark.parametrize(
    ("fields", "refused"),
    [
        ({**_PAGE, "tracking_url_template": "{lpurl}?k=1", "final_url_suffix": "k=1"}, None),
        ({"final_url_suffix": "k=1"}, None),
        ({"final_urls": ["https://a.example/", "https://b.example/"]}, None),
        ({"final_urls": ["https://a.example/", "https://a.example/"]}, "final_urls"),
        ({"tracking_url_template": "{lpurl}?k=1"}, "tracking_url_template"),
        ({"final_mobile_urls": ["https://m.a.example/"]}, "final_mobile_urls"),
        ({**_PAGE, "negative": True}, "final_urls"),
    ],
    ids=[
        "page-and-options",
        "a-suffix-alone",
        "two-pages",
        "a-page-twice",
        "a-template-alone",
        "mobile-alone",
        "negative",
    ],
)
def test_what_a_keywords_spec_cannot_say_of_its_urls_is_refused_by_name(
    fields: dict[str, Any], refused: str | None
) -> None:
    """A keyword says its final URLs each once, the options Google sets beside them only with them, and a
    negative keyword none (``spec.checks``): a live keyword otherwise is refused naming the option, not
    written as a spec that would not load."""
    problems = google_keyword_url_problems({**_KEYWORD, **fields}, "ad group 'Main'")
    if refused is None:
        assert problems == []
    else:
        [problem] = problems
        assert f"has a keyword 'shoes' that has {refused} " in problem, problem


def _dynamic_view(group_type: str, setting: dict[str, Any] | None, *criteria: dict[str, Any]) -> Any:
    """The view of a Search campaign with the Dynamic Search Ads ``setting`` (None: none) and one ad group
    of ``group_type`` holding ``criteria`` (each with its ``key``)."""
    campaign = {"name": "Shop", "status": "ENABLED", "advertising_channel_type": "SEARCH"}
    if setting is not None:
        campaign["dynamic_search_ads_setting"] = setting
    group = Address("google", "g1", "ad_group", "Shop/Main")
    live = [
        Resource(
            Address("google", "g1", "campaign_budget", "Shop"), {"name": "Shop", "amount_micros": 10**7}
        ),
        Resource(
            _CAMPAIGN, campaign, {"campaign_budget": Address("google", "g1", "campaign_budget", "Shop")}
        ),
        Resource(group, {"name": "Main", "status": "ENABLED", "type": group_type}, {"campaign": _CAMPAIGN}),
    ]
    return _view_with(live, group, criteria)


_SETTING = {"domain_name": "shop.example.com", "language_code": "en", "use_supplied_urls_only": False}
_SALE = {"key": "webpage:sale", "type": "WEBPAGE", "webpage_name": "sale", "webpage_conditions": []}


@pytest.mark.parametrize(
    ("group_type", "setting", "criterion", "problem"),
    [
        ("SEARCH_DYNAMIC_ADS", _SETTING, _SALE, None),
        ("SEARCH_DYNAMIC_ADS", None, _SALE, "has type 'SEARCH_DYNAMIC_ADS', which the spec language cannot"),
        ("SEARCH_STANDARD", _SETTING, _SALE, "targets webpages, which only a dynamic ad group does"),
        ("SEARCH_DYNAMIC_ADS", _SETTING, {**_SALE, "negative": True}, "without a webpage target the spec"),
        ("SEARCH_DYNAMIC_ADS", {**_SETTING, "language_code": "iw"}, _SALE, "in language 'iw', which is no"),
    ],
)
def test_a_dynamic_ad_group_is_one_the_spec_writes_or_its_problem_is_named(
    group_type: str, setting: dict[str, Any] | None, criterion: dict[str, Any], problem: str | None
) -> None:
    view = _dynamic_view(group_type, setting, dict(criterion))
    if problem is None:
        assert view.problems == [] and view.groups[0].options == {"google": {"webpages": [{"name": "sale"}]}}
        assert view.options["dynamic_search_ads"] == {"domain": "shop.example.com", "language": "en"}
    else:
        assert any(problem in p for p in view.problems), view.problems


_OUTLET = {**_SALE, "key": "negative_webpage:outlet", "webpage_name": "outlet", "negative": True}


@pytest.mark.parametrize(
    ("criteria", "google", "problem"),
    [
        (
            [{**_SALE, "status": "PAUSED", "cpc_bid_micros": 850_000}, _OUTLET],
            {
                "webpages": [{"name": "sale", "status": "paused", "cpc_bid": Decimal("0.85")}],
                "exclude_webpages": [{"name": "outlet"}],
            },
            None,
        ),
        ([_SALE, {**_OUTLET, "status": "PAUSED"}], None, "has the excluded webpages 'outlet' paused"),
        ([_SALE, {**_OUTLET, "cpc_bid_micros": 10_000}], None, "'outlet' bid at a max CPC of its own"),
    ],
    ids=["paused-bid-and-excluded", "excluded-paused", "excluded-bid"],
)
def test_a_dynamic_ad_group_s_paused_bid_and_excluded_webpages_import_or_are_named(
    criteria: list[dict[str, Any]], google: dict[str, Any] | None, problem: str | None
) -> None:
    """A paused webpage target imports as ``status: paused``, its own max CPC as ``cpc_bid`` and an excluded
    page as ``google.exclude_webpages``; an excluded page paused or bid on is a problem naming it."""
    view = _dynamic_view("SEARCH_DYNAMIC_ADS", _SETTING, *(dict(c) for c in criteria))
    if problem is None:
        assert view.problems == [] and view.groups[0].options == {"google": google}
    else:
        assert any(problem in p for p in view.problems), view.problems


@pytest.mark.parametrize(
    ("negative", "dynamic_search", "problem"),
    [
        (True, True, None),
        (
            False,
            True,
            "targets the webpages 'sale' at campaign level, which the spec language cannot express",
        ),
        (True, False, "excludes the webpages 'sale' without a Dynamic Search Ads setting"),
    ],
    ids=["excluded", "targeted", "without-the-setting"],
)
def test_a_campaign_s_webpage_criterion_imports_as_an_excluded_page_or_is_named(
    negative: bool, dynamic_search: bool, problem: str | None
) -> None:
    """A DSA campaign's negative webpage criterion is one of ``google.dynamic_search_ads.exclude_webpages``;
    one targeted (Google's campaign webpage criteria are exclusions) or in a campaign without the setting is
    a problem naming it."""
    problems: list[str] = []
    fields = {**_SALE, "negative": True} if negative else dict(_SALE)
    excluded = campaign_exclusions([fields], dynamic_search, "campaign 'Shop'", problems)
    if problem is None:
        assert (excluded, problems) == ([{"name": "sale"}], [])
    else:
        assert excluded == [] and len(problems) == 1 and problem in problems[0], problems


def _chat_fields(app: str, kind: str, feed: list[tuple[str, str]] | None) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "call_to_action_type": kind,
        "app_destination": app,
        "link_url": "https://x.test/",
    }
    if feed is not None:
        actions = [{"type": t, "value": {"app_destination": a}} for t, a in feed]
        fields["asset_feed_spec"] = {"call_to_actions": actions}
    return fields


_BOTH = [("MESSAGE_PAGE", "MESSENGER"), ("WHATSAPP_MESSAGE", "WHATSAPP")]


@pytest.mark.parametrize(
    ("destination", "fields", "refusal"),
    [
        ("MESSAGING_MESSENGER_WHATSAPP", _chat_fields("MESSENGER", "MESSAGE_PAGE", _BOTH), None),
        (
            "MESSAGING_MESSENGER_WHATSAPP",
            _chat_fields("MESSENGER", "MESSAGE_PAGE", _BOTH[:1]),
            "has asset_feed_spec.call_to_actions MESSAGE_PAGE to MESSENGER in an ad set whose "
            "destination_type is MESSAGING_MESSENGER_WHATSAPP, which the spec language cannot express (its "
            "ads name MESSAGE_PAGE to MESSENGER, WHATSAPP_MESSAGE to WHATSAPP)",
        ),
        (
            "MESSAGING_MESSENGER_WHATSAPP",
            _chat_fields("MESSENGER", "MESSAGE_PAGE", None),
            "has asset_feed_spec.call_to_actions none in an ad set",
        ),
        (
            "WHATSAPP",
            _chat_fields("WHATSAPP", "WHATSAPP_MESSAGE", _BOTH),
            "in an ad set whose destination_type is WHATSAPP, which the spec language cannot express "
            "(its ads name none)",
        ),
    ],
    ids=["each-app-s-button", "a-button-missing", "no-asset-feed", "several-apps-buttons-on-one-app-s-ad"],
)
def test_a_click_to_message_ad_s_asset_feed_buttons_are_its_ad_set_s_apps(
    destination: str, fields: dict[str, Any], refusal: str | None
) -> None:
    written, refused = messaging_creative(fields, destination, "ad 'a'")
    if refusal is None:
        assert (written, refused) == ({"call_to_action": None}, [])
    else:
        assert written == {} and len(refused) == 1 and refusal in refused[0], refused


_URL_A, _URL_B = "https://cdn.example.com/a.png", "https://cdn.example.com/b.png"
_HASH_A, _HASH_B = "5d41402abc4b2a76b9719d911017c592", "7d793037a0760186574b0282f2f435e7"


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"image_url": _URL_A, "link_url": "l", "media_options": {"images": [_URL_B]}}, None),
        ({"image_hash": _HASH_A, "link_url": "l", "media_options": {"images": [_HASH_B]}}, None),
        ({"video_id": "7", "link_url": "l", "media_options": {"videos": ["8"]}}, None),
        ({"image_url": _URL_A, "link_url": "l", "media_options": {"videos": ["8"]}},
         "several videos in its asset feed (asset_feed_spec.videos) on an image ad"),
        ({"video_id": "7", "image_url": "t", "link_url": "l", "media_options": {"images": [_URL_B]}},
         "several images in its asset feed (asset_feed_spec.images) on a video ad"),
        ({"image_hash": _HASH_A, "link_url": "l", "media_options": {"images": [_URL_B]}},
         f"by URL ({_URL_B}) beside an image of the library (image_hash)"),
        ({"image_url": _URL_A, "link_url": "l", "media_options": {"images": [_HASH_B]}},
         f"of the library by hash ({_HASH_B}) beside an image by URL (image_url)"),
        ({"image_hash": _HASH_A, "link_url": "l", "media_options": {"videos": [str(n) for n in range(10)]}},
         "several videos in its asset feed (asset_feed_spec.videos) on an image ad"),
        ({"image_url": _URL_A, "link_url": "l",
          "media_options": {"images": [f"https://cdn.example.com/{n}.png" for n in range(10)]}},
         "11 images (image_url and its asset feed's)"),
        ({"image_hash": _HASH_A, "link_url": "l",
          "media_options": {"images": [f"{n:032x}" for n in range(10)]}},
         "11 images (image_hash and its asset feed's)"),
    ],
    ids=["images", "library-images", "videos", "videos-on-image", "images-on-video",
         "url-beside-library-image", "library-image-beside-url", "videos-on-library-image", "eleven",
         "eleven-of-the-library"],
)  # fmt: skip
def test_a_meta_ad_s_several_images_or_videos_the_spec_cannot_say_are_a_problem_by_name(
    fields: dict[str, Any], said: str | None
) -> None:
    problem = _media_problem(fields, None, None)
    assert (problem is None) if said is None else (said in str(problem)), problem


_FINE = 1_234_567  # 1.234567 USD: finer than a cent, Google's billable unit for USD


@pytest.mark.parametrize(
    ("campaign", "group", "keyword", "named", "field"),
    [
        ({"bidding_strategy_type": "TARGET_SPEND", "cpc_bid_ceiling_micros": _FINE}, {}, {},
         "campaign/Shop@google:g1 (google campaign 'Shop'", "cpc_bid_ceiling_micros"),
        ({"advertising_channel_type": "HOTEL", "hotel_setting": {"hotel_center_id": "9"},
          "bidding_strategy_type": "PERCENT_CPC", "cpc_bid_ceiling_micros": _FINE}, {}, {},
         "campaign/Shop@google:g1", "cpc_bid_ceiling_micros"),
        ({"bidding_strategy_type": "TARGET_IMPRESSION_SHARE", "cpc_bid_ceiling_micros": _FINE,
          "target_impression_share_location": "ANYWHERE_ON_PAGE", "location_fraction_micros": 500_000},
         {}, {}, "campaign/Shop@google:g1", "cpc_bid_ceiling_micros"),
        ({"bidding_strategy_type": "TARGET_CPA", "target_cpa_micros": _FINE}, {}, {},
         "campaign/Shop@google:g1", "target_cpa_micros"),
        ({"bidding_strategy_type": "MANUAL_CPC"}, {"cpc_bid_micros": _FINE}, {},
         "ad_group/Shop/Main@google:g1", "cpc_bid_micros"),
        ({"bidding_strategy_type": "MANUAL_CPC"}, {}, {"cpc_bid_micros": _FINE},
         "ad_group_criterion/Shop/Main/", "cpc_bid_micros"),
    ],
)  # fmt: skip
def test_a_google_bid_finer_than_the_billable_unit_is_refused_by_name_at_import(
    campaign: dict[str, Any], group: dict[str, Any], keyword: dict[str, Any], named: str, field: str
) -> None:
    """A live bid of sub-cent micros (1,234,567 = 1.234567 USD) is one the spec cannot hold (a Google bid
    is written in whole steps of the currency's billable unit, as Google bills it): import names it, its
    field and value, rather than writing a spec that would not load; a bid of whole cents is no problem."""

    def problems(micros: int) -> list[str]:
        def at(fields: dict[str, Any]) -> dict[str, Any]:
            return {k: (micros if v == _FINE else v) for k, v in fields.items()}

        live = [
            Resource(Address("google", "g1", "campaign_budget", "Shop"), {"amount_micros": 10_000_000}),
            Resource(
                _CAMPAIGN,
                {"name": "Shop", "status": "ENABLED", "advertising_channel_type": "SEARCH", **at(campaign)},
                {"campaign_budget": Address("google", "g1", "campaign_budget", "Shop")},
                platform_id="1",
            ),
            Resource(
                Address("google", "g1", "ad_group", "Shop/Main"),
                {"name": "Main", "status": "ENABLED", "type": "SEARCH_STANDARD", **at(group)},
                {"campaign": _CAMPAIGN},
            ),
        ]
        criterion = {"key": "kw", "type": "KEYWORD", "keyword_text": "boots", "keyword_match_type": "EXACT"}
        view = _view_with(live, live[2].address, (criterion | at(keyword),))
        return [p for p in view.problems if "billable unit" in p]

    [problem] = problems(_FINE)
    assert problem.startswith(named), problem
    assert f"{field} 1234567 (1.234567 USD)" in problem, problem
    assert "which a spec's bid cannot hold" in problem, problem
    assert problems(1_230_000) == []
