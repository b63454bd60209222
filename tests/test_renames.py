"""renames.group_of / campaign_head and resources.groups_by_record: what lives under a campaign or an ad
group, and reading an ad group MIDAS recorded at its recorded address (renamed_in_place itself:
tests/test_planner.py)."""

from __future__ import annotations

from midas_reconcile.renames import group_of
from midas_reconcile.resources import GOOGLE, META, Address, Resource, groups_by_record


def _at(platform: str, kind: str, path: str) -> Address:
    return Address(platform, f"{platform}-main", kind, path)


def test_what_lives_under_an_ad_group_or_ad_set() -> None:
    group, adset = _at(GOOGLE, "ad_group", "spring/main"), _at(META, "adset", "spring/main")
    assert group_of(_at(GOOGLE, "ad_group_criterion", "spring/main/keyword:EXACT:a%2Fb")) == group
    assert group_of(_at(GOOGLE, "ad_group_ad", "spring/main/ad1")) == group
    assert group_of(_at(META, "ad", "spring/main/ad1")) == adset
    assert group_of(_at(META, "adcreative", "spring/main/ad1")) == adset
    for outside in (
        group,
        adset,
        _at(GOOGLE, "campaign_criterion", "spring/main"),
        _at(META, "campaign", "x"),
    ):
        assert group_of(outside) is None


def _google_read(group_name: str) -> list[Resource]:
    """A Google campaign as read: an ad group named ``group_name`` (id 8) with a keyword and an ad, and a
    campaign criterion whose path looks like an ad group's."""
    campaign = _at(GOOGLE, "campaign", "spring")
    group = _at(GOOGLE, "ad_group", f"spring/{group_name}")
    return [
        Resource(campaign, {"name": "spring"}, platform_id="7"),
        Resource(
            _at(GOOGLE, "campaign_criterion", f"spring/{group_name}"), {}, {"campaign": campaign}, "7~1"
        ),
        Resource(group, {"name": group_name}, {"campaign": campaign}, "8"),
        Resource(
            _at(GOOGLE, "ad_group_criterion", f"spring/{group_name}/keyword:EXACT:shoes"),
            {"keyword_text": "shoes"},
            {"ad_group": group},
            "8~9",
        ),
        Resource(_at(GOOGLE, "ad_group_ad", f"spring/{group_name}/ad1"), {}, {"ad_group": group}, "8~10"),
    ]


def test_an_ad_group_read_under_another_name_is_read_at_its_recorded_address_with_all_in_it() -> None:
    """Renamed in a console, or by an apply that moved its records and stopped before the new name: the same
    ad group (its id recorded), its criteria and ads with it — not a campaign criterion of that path."""
    read = _google_read("console-name")
    moved = groups_by_record(read, {"8": "spring/main"})
    assert [r.address.path for r in moved] == [
        "spring",
        "spring/console-name",
        "spring/main",
        "spring/main/keyword:EXACT:shoes",
        "spring/main/ad1",
    ]
    assert moved[2].fields["name"] == "console-name"  # the difference the plan updates
    assert moved[3].refs["ad_group"] == moved[4].refs["ad_group"] == moved[2].address
    assert moved[0] is read[0] and moved[1] is read[1]
    assert groups_by_record(read, {}) is read
    assert groups_by_record(read, {"8": "autumn/main"}) == read  # another campaign: not this ad group


def test_an_ad_set_read_under_another_name_takes_its_ads_and_creatives_along() -> None:
    campaign = _at(META, "campaign", "spring")
    adset = _at(META, "adset", "spring/console")
    creative = _at(META, "adcreative", "spring/console/ad1")
    other = _at(META, "adset", "spring/main")
    read = [
        Resource(campaign, {"name": "spring"}, platform_id="1"),
        Resource(adset, {"name": "console"}, {"campaign": campaign}, "2"),
        Resource(creative, {"name": "spring/main/ad1"}, platform_id="3"),
        Resource(
            _at(META, "ad", "spring/console/ad1"),
            {"name": "ad1"},
            {"adset": adset, "creative": creative},
            "4",
        ),
    ]
    moved = groups_by_record(read, {"2": "spring/main"})
    assert [(r.address.kind, r.address.path) for r in moved[1:]] == [
        ("adset", "spring/main"),
        ("adcreative", "spring/main/ad1"),
        ("ad", "spring/main/ad1"),
    ]
    assert moved[3].refs == {"adset": other, "creative": _at(META, "adcreative", "spring/main/ad1")}
    # Not onto an ad set another live one keeps where it was read.
    held = [*read, Resource(other, {"name": "main"}, {"campaign": campaign}, "5")]
    assert groups_by_record(held, {"2": "spring/main", "5": "spring/main"}) == held
