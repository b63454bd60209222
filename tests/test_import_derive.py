"""A live Google campaign's own criteria → its platform view (``importing.derive.google_view``)."""

from __future__ import annotations

from typing import Any

from midas_reconcile.importing.derive import google_view
from midas_reconcile.importing.trees import campaign_trees
from midas_reconcile.resources import Address, Resource
from midas_reconcile.targeting import TargetingMapper

_CAMPAIGN = Address("google", "g1", "campaign", "Shop")


def _view(*criteria: dict[str, Any]) -> Any:
    """The view of a Search campaign with ``criteria`` at campaign level (each with its ``key``) and one
    ad group."""
    live = [
        Resource(
            Address("google", "g1", "campaign_budget", "Shop"), {"name": "Shop", "amount_micros": 10_000_000}
        ),
        Resource(
            _CAMPAIGN,
            {"name": "Shop", "status": "ENABLED", "advertising_channel_type": "SEARCH"},
            {"campaign_budget": Address("google", "g1", "campaign_budget", "Shop")},
            platform_id="1",
        ),
        Resource(
            Address("google", "g1", "ad_group", "Shop/Main"),
            {"name": "Main", "status": "ENABLED", "type": "SEARCH_STANDARD"},
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
