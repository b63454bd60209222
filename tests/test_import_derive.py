"""A live Google campaign's own criteria → its platform view (``importing.derive.google_view``)."""

from __future__ import annotations

from typing import Any

import pytest

from midas_reconcile.importing.derive import google_view
from midas_reconcile.importing.trees import campaign_trees
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
    for fields in criteria:
        key = fields.pop("key")
        live.append(
            Resource(
                Address("google", "g1", "campaign_criterion", f"Shop/{key}"), fields, {"campaign": _CAMPAIGN}
            )
        )
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


@pytest.mark.parametrize(
    ("channel", "reason"),
    [
        ("VIDEO", "which MIDAS can never manage: the Google Ads API cannot create or change Video campaigns"),
        ("SMART", "which MIDAS does not manage: the Google Ads API creates no new Smart campaigns"),
        ("LOCAL", "which MIDAS does not manage: Google upgraded Local campaigns to Performance Max"),
        ("SHOPPING", "which MIDAS does not support yet: the spec language has no Merchant Center feed"),
        ("HOTEL", "which MIDAS does not support yet: the spec language has no Hotel Center account"),
        ("TRAVEL", "which MIDAS does not support yet: the spec language has no Things to do Center account"),
        ("DEMAND_GEN", "which MIDAS does not support yet: the spec language has no Demand Gen ads"),
        (
            "LOCAL_SERVICES",
            "which MIDAS does not support yet (MIDAS manages Search, Display, Performance Max and app "
            "campaigns)",
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
    assert sum("MIDAS manages Search, Display, Performance Max and app campaigns" in p for p in problems) == 1


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
    view = _view(campaign=_app("OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME", "MAXIMIZE_CONVERSIONS"))
    assert view.problems == [
        "google campaign 'Shop' (id 1, account g1) bids for goal "
        "'OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME', which the spec language cannot express; "
        "expected one of OPTIMIZE_INSTALLS_TARGET_INSTALL_COST, "
        "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST, OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST, "
        "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST, OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA, "
        "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND, OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS"
    ]
    mismatched = _view(campaign=_app("OPTIMIZE_RETURN_ON_ADVERTISING_SPEND", "MAXIMIZE_CONVERSIONS"))
    assert mismatched.problems == [
        "google campaign 'Shop' (id 1, account g1) bids MAXIMIZE_CONVERSIONS for goal "
        "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND, which bids TARGET_ROAS"
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
    assert f"in {group} has YouTube videos, which the spec language cannot express" in problems


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
