"""The sandbox's Performance Max asset groups: their campaign, their minimum assets, text assets and links."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.connectors.sandbox import (
    GoogleAdsFailure,
    GoogleAdsSimulator,
    SandboxConnector,
    SandboxWorld,
)
from midas_reconcile.resources import GOOGLE

CID = "1234567890"
TEXTS = {
    "HEADLINE": ["Trail shoes", "Run the hills", "Grip on rock"],
    "LONG_HEADLINE": ["Trail shoes that grip wet rock"],
    "DESCRIPTION": ["Grip for every trail.", "Light for long days."],
    "BUSINESS_NAME": ["Example Running"],
}
IMAGES = {"MARKETING_IMAGE": "1001", "SQUARE_MARKETING_IMAGE": "1002", "LOGO": "1003"}


def _name(collection: str, id_: str | int) -> str:
    return f"customers/{CID}/{collection}/{id_}"


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[GoogleAdsSimulator]:
    world = SandboxWorld(tmp_path / "sandbox.db", sleep=lambda _s: None)
    yield GoogleAdsSimulator(world)
    world.close()


def _campaigns(sim: GoogleAdsSimulator, brand_guidelines: dict[str, bool] | None = None) -> dict[str, str]:
    """A Performance Max campaign (brand guidelines off unless ``brand_guidelines`` says otherwise: ``{}``
    sends none) and a Search campaign, each on a budget of its own: name → resource name."""
    ops: list[dict[str, Any]] = []
    for index, channel in enumerate(("PERFORMANCE_MAX", "SEARCH")):
        budget = _name("campaignBudgets", -1 - 2 * index)
        ops.append(
            {
                "campaign_budget_operation": {
                    "create": {
                        "resource_name": budget,
                        "name": channel,
                        "amount_micros": 10_000_000,
                        "explicitly_shared": False,
                    }
                }
            }
        )
        campaign = {"name": channel, "advertising_channel_type": channel, "campaign_budget": budget}
        if channel == "PERFORMANCE_MAX":
            sent = {"brand_guidelines_enabled": False} if brand_guidelines is None else brand_guidelines
            campaign.update(sent)
        ops.append({"campaign_operation": {"create": {**campaign, "maximize_conversions": {}}}})
    results = sim.mutate(CID, ops).results
    return {"PERFORMANCE_MAX": str(results[1]), "SEARCH": str(results[3])}


def _asset_group_ops(
    campaign: str, texts: dict[str, list[str]] = TEXTS, images: dict[str, str] = IMAGES, name: str = "Hikers"
) -> list[dict[str, Any]]:
    """An asset group with its text assets and links, in one request (temporary resource names)."""
    group = _name("assetGroups", -1)
    ops: list[dict[str, Any]] = [
        {
            "asset_group_operation": {
                "create": {
                    "resource_name": group,
                    "campaign": campaign,
                    "name": name,
                    "final_urls": ["https://shop.example.com/trail"],
                }
            }
        }
    ]
    counter = 1
    for field_type, values in texts.items():
        for text in values:
            counter += 1
            asset = _name("assets", -counter)
            ops.append(
                {"asset_operation": {"create": {"resource_name": asset, "text_asset": {"text": text}}}}
            )
            link = {"asset_group": group, "asset": asset, "field_type": field_type}
            ops.append({"asset_group_asset_operation": {"create": link}})
    for field_type, asset_id in images.items():
        link = {"asset_group": group, "asset": _name("assets", asset_id), "field_type": field_type}
        ops.append({"asset_group_asset_operation": {"create": link}})
    return ops


def test_an_asset_group_is_created_with_its_assets_in_one_request(sim: GoogleAdsSimulator) -> None:
    campaigns = _campaigns(sim)
    response = sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    assert all(response.results)
    [group] = sim.peek(CID, "asset_group")
    assert group["status"] == "ENABLED" and group["campaign"] == campaigns["PERFORMANCE_MAX"]
    links = sim.peek(CID, "asset_group_asset")
    assert len(links) == 3 + 1 + 2 + 1 + 3
    # A link's resource name is {asset group}~{asset}~{field type} (v26 AssetGroupAsset.resource_name).
    assert all(link["resource_name"].endswith(f"~{link['field_type']}") for link in links)
    texts = {link["linked_asset"]["text_asset"]["text"] for link in links if "linked_asset" in link}
    assert texts == {text for values in TEXTS.values() for text in values}


@pytest.mark.parametrize("sent", [{}, {"brand_guidelines_enabled": True}])
def test_brand_guidelines_on_by_default_refuse_business_name_and_logo_on_the_asset_group(
    sim: GoogleAdsSimulator, sent: dict[str, bool]
) -> None:
    campaigns = _campaigns(sim, brand_guidelines=sent)
    [campaign] = [c for c in sim.peek(CID, "campaign") if c["advertising_channel_type"] == "PERFORMANCE_MAX"]
    assert campaign["brand_guidelines_enabled"] is True
    with pytest.raises(GoogleAdsFailure) as failure:
        sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    codes = {error.code for error in failure.value.errors}
    # And the campaign holds no business name or logo of its own (its campaign assets).
    assert codes == {
        "asset_link_error.BRAND_ASSETS_NOT_LINKED_AT_CAMPAIGN_LEVEL",
        "asset_group_error.NOT_ENOUGH_BUSINESS_NAME_ASSET",
        "asset_group_error.NOT_ENOUGH_LOGO_ASSET",
    }
    assert sim.peek(CID, "asset_group") == []


def test_brand_guidelines_sent_off_are_read_back_and_cannot_be_turned_on(sim: GoogleAdsSimulator) -> None:
    campaigns = _campaigns(sim)
    connector = SandboxConnector(sim.world, platform=GOOGLE, account="g", native_id=CID, currency="USD")
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    read = {r.address.path: r.fields for r in connector.read() if r.address.kind == "campaign"}
    assert read["PERFORMANCE_MAX"]["brand_guidelines_enabled"] is False
    assert "brand_guidelines_enabled" not in read["SEARCH"]
    update = {"resource_name": campaigns["PERFORMANCE_MAX"], "brand_guidelines_enabled": True}
    with pytest.raises(GoogleAdsFailure):
        mask = "brand_guidelines_enabled"
        sim.mutate(CID, [{"campaign_operation": {"update": update, "update_mask": mask}}])


@pytest.mark.parametrize(
    ("texts", "images", "code"),
    [
        ({**TEXTS, "HEADLINE": TEXTS["HEADLINE"][:2]}, IMAGES, "asset_group_error.NOT_ENOUGH_HEADLINE_ASSET"),
        (
            {k: v for k, v in TEXTS.items() if k != "LONG_HEADLINE"},
            IMAGES,
            "asset_group_error.NOT_ENOUGH_LONG_HEADLINE_ASSET",
        ),
        (
            {**TEXTS, "DESCRIPTION": TEXTS["DESCRIPTION"][:1]},
            IMAGES,
            "asset_group_error.NOT_ENOUGH_DESCRIPTION_ASSET",
        ),
        (
            {k: v for k, v in TEXTS.items() if k != "BUSINESS_NAME"},
            IMAGES,
            "asset_group_error.NOT_ENOUGH_BUSINESS_NAME_ASSET",
        ),
        (TEXTS, {k: v for k, v in IMAGES.items() if k != "LOGO"}, "asset_group_error.NOT_ENOUGH_LOGO_ASSET"),
        (
            TEXTS,
            {k: v for k, v in IMAGES.items() if k != "MARKETING_IMAGE"},
            "asset_group_error.NOT_ENOUGH_MARKETING_IMAGE_ASSET",
        ),
    ],
)
def test_an_asset_group_short_of_googles_minimum_assets_fails_its_whole_request(
    sim: GoogleAdsSimulator, texts: dict[str, list[str]], images: dict[str, str], code: str
) -> None:
    campaigns = _campaigns(sim)
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"], texts, images), partial_failure=True)
    assert [e.code for e in caught.value.errors] == [code]
    assert caught.value.errors[0].operation_index == 0  # the asset group's creation
    assert sim.peek(CID, "asset_group") == [] and sim.peek(CID, "asset_group_asset") == []


def test_asset_groups_belong_to_performance_max_campaigns_under_names_of_their_own(
    sim: GoogleAdsSimulator,
) -> None:
    campaigns = _campaigns(sim)
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, _asset_group_ops(campaigns["SEARCH"]))
    assert caught.value.errors[0].code == "asset_group_error.CANNOT_ADD_ASSET_GROUP_FOR_CAMPAIGN_TYPE"
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    assert caught.value.errors[0].code == "asset_group_error.DUPLICATE_NAME"


def test_text_assets_are_deduplicated_and_one_text_is_created_once_per_request(
    sim: GoogleAdsSimulator,
) -> None:
    campaigns = _campaigns(sim)
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    assets = sim.peek(CID, "asset")
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"], name="Runners"))
    assert sim.peek(CID, "asset") == assets, "the second asset group links the texts the first created"
    twice = [
        {
            "asset_operation": {
                "create": {"resource_name": _name("assets", -i), "text_asset": {"text": "Same"}}
            }
        }
        for i in (1, 2)
    ]
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, twice)
    assert caught.value.errors[0].code == "asset_error.DUPLICATE_ASSET"


def test_a_text_links_as_its_field_type_allows_and_an_image_id_not_as_text(sim: GoogleAdsSimulator) -> None:
    campaigns = _campaigns(sim)
    too_long = {**TEXTS, "BUSINESS_NAME": ["A business name much longer than twenty-five"]}
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"], too_long))
    assert caught.value.errors[0].code == "string_length_error.TOO_LONG"
    image_as_text = {**IMAGES, "HEADLINE": "1004"}
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"], images=image_as_text))
    assert caught.value.errors[0].code == "asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE"


def test_unlinking_below_the_minimum_is_refused_and_relinking_keeps_it(sim: GoogleAdsSimulator) -> None:
    campaigns = _campaigns(sim)
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    headline = next(link for link in sim.peek(CID, "asset_group_asset") if link["field_type"] == "HEADLINE")
    remove = {"asset_group_asset_operation": {"remove": headline["resource_name"]}}
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, [remove])
    assert caught.value.errors[0].code == "asset_group_error.NOT_ENOUGH_HEADLINE_ASSET"
    new = {"resource_name": _name("assets", -1), "text_asset": {"text": "Climb the hills"}}
    link = {"asset_group": headline["asset_group"], "asset": _name("assets", -1), "field_type": "HEADLINE"}
    sim.mutate(
        CID,
        [remove, {"asset_operation": {"create": new}}, {"asset_group_asset_operation": {"create": link}}],
    )
    texts = {
        link["linked_asset"]["text_asset"]["text"]
        for link in sim.peek(CID, "asset_group_asset")
        if link["field_type"] == "HEADLINE"
    }
    assert len(texts) == 3 and "Climb the hills" in texts


def test_a_read_rebuilds_the_asset_lists_and_notes_links_midas_does_not_manage(
    sim: GoogleAdsSimulator,
) -> None:
    campaigns = _campaigns(sim)
    portrait = {**IMAGES, "PORTRAIT_MARKETING_IMAGE": "1005"}
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"], images=portrait))
    connector = SandboxConnector(sim.world, platform=GOOGLE, account="g", native_id=CID, currency="USD")
    [group] = [r for r in connector.read() if r.address.kind == "asset_group"]
    assert group.address.path == "PERFORMANCE_MAX/Hikers"
    assert group.fields == {
        "name": "Hikers",
        "status": "ENABLED",
        "final_urls": ["https://shop.example.com/trail"],
        "headlines": sorted(TEXTS["HEADLINE"]),
        "long_headlines": TEXTS["LONG_HEADLINE"],
        "descriptions": sorted(TEXTS["DESCRIPTION"]),
        "business_name": "Example Running",
        "marketing_images": ["1001"],
        "square_marketing_images": ["1002"],
        "square_logo_images": ["1003"],
    }
    assert group.warnings == ("has PORTRAIT_MARKETING_IMAGE assets, which MIDAS does not manage",)


def test_a_campaign_keeps_its_last_asset_group_and_a_removed_one_keeps_all(sim: GoogleAdsSimulator) -> None:
    campaigns = _campaigns(sim)
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"], name="Runners"))
    first, second = (g["resource_name"] for g in sim.peek(CID, "asset_group"))
    sim.mutate(CID, [{"asset_group_operation": {"remove": first}}])
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, [{"asset_group_operation": {"remove": second}}])
    assert caught.value.errors[0].code == "asset_group_error.CANNOT_REMOVE_ALL_ASSET_GROUPS_FROM_CAMPAIGN"
    sim.mutate(CID, [{"campaign_operation": {"remove": campaigns["PERFORMANCE_MAX"]}}])
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, [{"asset_group_operation": {"remove": second}}])
    assert caught.value.errors[0].code == "asset_group_error.CANNOT_MUTATE_ASSET_GROUP_FOR_REMOVED_CAMPAIGN"


#: An asset group of a campaign with brand guidelines on: no business name or logo of its own.
GROUP_TEXTS = {k: v for k, v in TEXTS.items() if k != "BUSINESS_NAME"}
GROUP_IMAGES = {k: v for k, v in IMAGES.items() if k != "LOGO"}


def _brand_ops(campaign: str, logos: dict[str, list[str]]) -> list[dict[str, Any]]:
    """A business name text asset and campaign asset links of it and of ``logos`` (field type → ids)."""
    asset = _name("assets", -50)
    ops: list[dict[str, Any]] = [
        {"asset_operation": {"create": {"resource_name": asset, "text_asset": {"text": "Example Running"}}}},
        {
            "campaign_asset_operation": {
                "create": {"campaign": campaign, "asset": asset, "field_type": "BUSINESS_NAME"}
            }
        },
    ]
    for field_type, ids in logos.items():
        for id_ in ids:
            link = {"campaign": campaign, "asset": _name("assets", id_), "field_type": field_type}
            ops.append({"campaign_asset_operation": {"create": link}})
    return ops


def test_brand_guidelines_on_take_business_name_and_logos_as_campaign_assets(sim: GoogleAdsSimulator) -> None:
    """Business name and logos linked to the campaign (v26 CampaignAsset, {campaign}~{asset}~{field type}),
    its asset group holding the rest, read back with the business name's text."""
    campaign = _campaigns(sim, brand_guidelines={"brand_guidelines_enabled": True})["PERFORMANCE_MAX"]
    sim.mutate(CID, _brand_ops(campaign, {"LOGO": ["1003"], "LANDSCAPE_LOGO": ["1004"]}))
    assert all(sim.mutate(CID, _asset_group_ops(campaign, GROUP_TEXTS, GROUP_IMAGES)).results)
    links = {
        (link["field_type"], link["resource_name"].rsplit("/", 1)[1])
        for link in sim.peek(CID, "campaign_asset")
    }
    campaign_id = campaign.rsplit("/", 1)[1]
    assert ("LOGO", f"{campaign_id}~1003~LOGO") in links and len(links) == 3
    [name] = [row for row in sim.search(CID, "campaign_asset") if row["field_type"] == "BUSINESS_NAME"]
    assert name["linked_asset"]["text_asset"]["text"] == "Example Running" and name["source"] == "ADVERTISER"


def test_a_campaign_asset_of_a_campaign_with_brand_guidelines_off_is_refused(sim: GoogleAdsSimulator) -> None:
    campaign = _campaigns(sim)["PERFORMANCE_MAX"]
    with pytest.raises(GoogleAdsFailure) as failure:
        sim.mutate(CID, _brand_ops(campaign, {"LOGO": ["1003"]}))
    codes = {error.code for error in failure.value.errors}
    assert codes == {"asset_link_error.BRAND_ASSETS_NOT_LINKED_AT_ASSET_GROUP_LEVEL"}


@pytest.mark.parametrize(
    ("logos", "code"),
    [
        ({}, "asset_group_error.NOT_ENOUGH_LOGO_ASSET"),
        (
            {"LOGO": ["1", "2", "3"], "LANDSCAPE_LOGO": ["4", "5", "6"]},
            "resource_count_limit_exceeded_error.LIMIT",
        ),
    ],
)
def test_an_asset_group_of_a_brand_campaign_needs_its_campaigns_logos(
    sim: GoogleAdsSimulator, logos: dict[str, list[str]], code: str
) -> None:
    """A square logo at least, at most 5 logos in all (BrandCampaignAssets;
    BRAND_GUIDELINES_LOGO_LIMIT_EXCEEDED): checked when an asset group of the campaign ends a request (the
    sandbox's choice)."""
    campaign = _campaigns(sim, brand_guidelines={"brand_guidelines_enabled": True})["PERFORMANCE_MAX"]
    sim.mutate(CID, _brand_ops(campaign, logos))
    with pytest.raises(GoogleAdsFailure) as failure:
        sim.mutate(CID, _asset_group_ops(campaign, GROUP_TEXTS, GROUP_IMAGES))
    assert {error.code for error in failure.value.errors} == {code}


def _video_ops(group: str, video_ids: list[str], first: int = 1) -> list[dict[str, Any]]:
    """A YouTube video asset of each id (temporary resource names from ``-first``) linked to ``group``."""
    ops: list[dict[str, Any]] = []
    for index, video_id in enumerate(video_ids, start=first):
        asset = _name("assets", -index)
        made = {"resource_name": asset, "youtube_video_asset": {"youtube_video_id": video_id}}
        ops.append({"asset_operation": {"create": made}})
        link = {"asset_group": group, "asset": asset, "field_type": "YOUTUBE_VIDEO"}
        ops.append({"asset_group_asset_operation": {"create": link}})
    return ops


def test_youtube_video_assets_are_deduplicated_linked_and_read_back_by_video_id(
    sim: GoogleAdsSimulator,
) -> None:
    campaigns = _campaigns(sim)
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    [group] = sim.peek(CID, "asset_group")
    sim.mutate(CID, _video_ops(group["resource_name"], ["dQw4w9WgXcQ", "M7lc1UVf-VE"]))
    videos = [a for a in sim.peek(CID, "asset") if "youtube_video_asset" in a]
    assert sorted(a["type"] for a in videos) == ["YOUTUBE_VIDEO", "YOUTUBE_VIDEO"]
    # The same video again is the account's existing asset (Google deduplicates assets per account) …
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"], name="Runners"))
    runners = next(g["resource_name"] for g in sim.peek(CID, "asset_group") if g["name"] == "Runners")
    sim.mutate(CID, _video_ops(runners, ["dQw4w9WgXcQ"]))
    assert [a for a in sim.peek(CID, "asset") if "youtube_video_asset" in a] == videos
    # … but one video created twice in a request is refused, as a text is.
    twice = _video_ops(runners, ["aqz-KE-bpKQ"]) + _video_ops(runners, ["aqz-KE-bpKQ"], first=2)[:1]
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, twice)
    assert caught.value.errors[0].code == "asset_error.DUPLICATE_ASSET"
    connector = SandboxConnector(sim.world, platform=GOOGLE, account="g", native_id=CID, currency="USD")
    read = {r.address.path: r for r in connector.read() if r.address.kind == "asset_group"}
    assert read["PERFORMANCE_MAX/Hikers"].fields["youtube_videos"] == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
    assert read["PERFORMANCE_MAX/Runners"].fields["youtube_videos"] == ["dQw4w9WgXcQ"]
    assert read["PERFORMANCE_MAX/Hikers"].warnings == ()


@pytest.mark.parametrize(
    ("ops", "code"),
    [
        # Not YouTube's 11 characters: the sandbox's choice of code (v26 has no asset error for it).
        (lambda g: _video_ops(g, ["https://youtu.be/dQw4w9WgXcQ"]), "field_error.INVALID_VALUE"),
        (
            lambda g: [{"asset_operation": {"create": {"youtube_video_asset": {}}}}],
            "asset_error.ASSET_DATA_IS_MISSING",
        ),
        # Six videos: "0 | 5" (performance-max/assets).
        (
            lambda g: _video_ops(g, [f"video{n:06d}" for n in range(6)]),
            "resource_count_limit_exceeded_error.LIMIT",
        ),
        # An image id linked as a video, and a video linked as an image.
        (
            lambda g: [
                {
                    "asset_group_asset_operation": {
                        "create": {
                            "asset_group": g,
                            "asset": _name("assets", 1001),
                            "field_type": "YOUTUBE_VIDEO",
                        }
                    }
                }
            ],
            "asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE",
        ),
        (
            lambda g: [
                _video_ops(g, ["dQw4w9WgXcQ"])[0],
                {
                    "asset_group_asset_operation": {
                        "create": {
                            "asset_group": g,
                            "asset": _name("assets", -1),
                            "field_type": "MARKETING_IMAGE",
                        }
                    }
                },
            ],
            "asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE",
        ),
    ],
    ids=["malformed-id", "no-id", "six-videos", "image-as-video", "video-as-image"],
)
def test_a_youtube_video_link_google_would_refuse_is_refused(
    sim: GoogleAdsSimulator, ops: Any, code: str
) -> None:
    campaigns = _campaigns(sim)
    sim.mutate(CID, _asset_group_ops(campaigns["PERFORMANCE_MAX"]))
    [group] = sim.peek(CID, "asset_group")
    with pytest.raises(GoogleAdsFailure) as caught:
        sim.mutate(CID, ops(group["resource_name"]))
    assert caught.value.errors[0].code == code
