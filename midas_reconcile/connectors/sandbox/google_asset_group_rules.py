"""The rules the simulator enforces on a Performance Max campaign's asset groups, assets and their links.

An asset group (v26 AssetGroup) belongs to a PERFORMANCE_MAX campaign, has a name unique in it and final
URLs; its assets are linked to it by AssetGroupAsset rows (id ``{asset group}~{asset}~{field type}``, as v26
AssetGroupAsset.resource_name has it). Text assets are deduplicated per customer: "Assets are deduplicated
within a given customer account" (developers.google.com/google-ads/scripts/docs/reference/adsapp/
adsapp_asset), so creating one whose text exists returns the existing asset; two creates of one text in a
request are refused (v26 asset_error.DUPLICATE_ASSET, "Assets are duplicated across operations"). YouTube
video assets (v26 YoutubeVideoAsset) are deduplicated by video id the same way. Image assets are not
modelled: a link names any image asset id (as responsive display ads do).

When a request ends, every asset group it created or relinked must hold Google's minimum assets
(developers.google.com/google-ads/api/performance-max/asset-requirements: 3 headlines, 1 long headline, 2
descriptions, 1 business name, 1 marketing image, 1 square marketing image, 1 logo; at most 15, 5, 5, 1,
20, 20, 5 of them), refused with v26 asset_group_error.NOT_ENOUGH_<TYPE>_ASSET. Asset groups "and their
linked assets must be created together in a single bulk mutate request" (performance-max/asset-groups).
Which code Google gives for too many assets is not documented: resource_count_limit_exceeded_error.LIMIT
is the sandbox's choice; so is failing the whole request, even with partial failure, when an asset group
ends it short of assets (Google documents no partial outcome). So are the codes of a link: a text longer than
its field type takes (string_length_error.TOO_LONG, checked when linked, as the aspect ratio of an image is:
ASPECT_RATIO_NOT_ALLOWED "isn't performed during asset upload"), a text linked as an image or an image as a
text (asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE), a field type the sandbox does not model
(asset_link_error.UNSUPPORTED_FIELD_TYPE) and a link made twice (asset_group_asset_error.DUPLICATE_RESOURCE).

With a campaign's brand guidelines on (v26 Campaign.brand_guidelines_enabled), its business name and logos
are campaign assets (v26 CampaignAsset, id ``{campaign}~{asset}~{field type}``) and an asset group links no
business name or square logo (BRAND_ASSETS_NOT_LINKED_AT_CAMPAIGN_LEVEL; with them off a campaign links none:
BRAND_ASSETS_NOT_LINKED_AT_ASSET_GROUP_LEVEL). The campaign's business name (exactly 1), square logo (1 to
5) and logos of both shapes (at most 5: v26 BrandGuidelinesMigrationError
BRAND_GUIDELINES_LOGO_LIMIT_EXCEEDED) are checked with its asset groups' minimums, when one of them ends a
request: when Google checks them is not documented, so that is the sandbox's choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

from midas_reconcile.connectors.google_schema import (
    ASSET_GROUP_TEXT_FIELDS,
    CAMPAIGN_BRAND_FIELD_TYPES,
    CAROUSEL_CARD_ASSET,
    DEMAND_GEN_CAROUSEL_AD_INFO,
    DEMAND_GEN_PRODUCT_AD_INFO,
    DEMAND_GEN_VIDEO_AD_INFO,
    OpError,
)
from midas_reconcile.connectors.sandbox.world import Txn
from midas_reconcile.resources import GOOGLE, YOUTUBE_VIDEO_ID_PATTERN

_REMOVED: Final = "REMOVED"
#: With brand guidelines on, "business name and logo assets must be linked as CampaignAssets" (v26
#: AssetLinkError.BRAND_ASSETS_NOT_LINKED_AT_CAMPAIGN_LEVEL; asset-requirements: BUSINESS_NAME and LOGO are
#: the asset group's "when brand guidelines are disabled"). A campaign links those and landscape logos
#: (v26 BrandCampaignAssets); whether an asset group of such a campaign may still link landscape logos is
#: not documented: the sandbox lets it.
_BRAND_FIELD_TYPES: Final = frozenset({"BUSINESS_NAME", "LOGO"})
#: "Maximum of 5 square and landscape logos can be specified for Brand Guidelines" (v26
#: BrandGuidelinesMigrationError.BRAND_GUIDELINES_LOGO_LIMIT_EXCEEDED).
BRAND_LOGOS_MAX: Final = 5
#: Field type → (min, max) links an asset group holds, and the code of too few (asset-requirements).
ASSET_GROUP_LIMITS: Final = {
    "HEADLINE": (3, 15, "asset_group_error.NOT_ENOUGH_HEADLINE_ASSET"),
    "LONG_HEADLINE": (1, 5, "asset_group_error.NOT_ENOUGH_LONG_HEADLINE_ASSET"),
    "DESCRIPTION": (2, 5, "asset_group_error.NOT_ENOUGH_DESCRIPTION_ASSET"),
    "BUSINESS_NAME": (1, 1, "asset_group_error.NOT_ENOUGH_BUSINESS_NAME_ASSET"),
    "MARKETING_IMAGE": (1, 20, "asset_group_error.NOT_ENOUGH_MARKETING_IMAGE_ASSET"),
    "SQUARE_MARKETING_IMAGE": (1, 20, "asset_group_error.NOT_ENOUGH_SQUARE_MARKETING_IMAGE_ASSET"),
    "LOGO": (1, 5, "asset_group_error.NOT_ENOUGH_LOGO_ASSET"),
    "LANDSCAPE_LOGO": (0, 20, ""),
    # Optional portrait (4:5) images, "20" at most (asset-requirements); MIDAS reads none.
    "PORTRAIT_MARKETING_IMAGE": (0, 20, ""),
    # Optional, "0 | 5" (developers.google.com/google-ads/api/performance-max/assets).
    "YOUTUBE_VIDEO": (0, 5, ""),
    # Optional: one call to action (v26 CallToActionAsset) at most, the sandbox's choice of a limit.
    "CALL_TO_ACTION_SELECTION": (0, 1, ""),
}
#: Text asset limits by field type (asset-requirements: characters).
TEXT_CHARS: Final = {"HEADLINE": 30, "LONG_HEADLINE": 90, "DESCRIPTION": 90, "BUSINESS_NAME": 25}


#: The field types whose links name an asset of the sandbox's own making (not a text): its Asset field.
_MADE_ASSET_FIELDS: Final = {
    "CALL_TO_ACTION_SELECTION": "call_to_action_asset",
    "YOUTUBE_VIDEO": "youtube_video_asset",
}


def _id(resource_name: str) -> str:
    return resource_name.rsplit("/", 1)[1]


def check_asset_group(txn: Txn, cid: str, data: dict[str, Any], self_id: str | None, campaign: Any) -> None:
    """An asset group of a Performance Max campaign: name unique there, final URLs, path2 only after path1."""
    channel = campaign.data.get("advertising_channel_type")
    if channel != "PERFORMANCE_MAX":
        raise OpError(
            "asset_group_error.CANNOT_ADD_ASSET_GROUP_FOR_CAMPAIGN_TYPE",
            f"campaign {campaign.id} is a {channel} campaign; only Performance Max campaigns have asset "
            "groups",
            "campaign",
        )
    name = data.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 128:  # v26 AssetGroup.name: 1 to 128 characters
        raise OpError("field_error.REQUIRED", "an asset group needs a name of 1 to 128 characters", "name")
    for other in txn.find(GOOGLE, cid, "asset_group", parent=campaign.id, name=name):
        if other.id != self_id and other.status != _REMOVED:
            raise OpError(
                "asset_group_error.DUPLICATE_NAME",
                f"campaign {campaign.id} has an asset group {name!r}",
                "name",
            )
    if not data.get("final_urls"):
        raise OpError("asset_group_error.FINAL_URL_REQUIRED", "an asset group needs final_urls", "final_urls")
    if data.get("path2") and not data.get("path1"):
        raise OpError("asset_group_error.PATH1_REQUIRED_WHEN_PATH2_IS_SET", "path2 needs path1", "path2")


def check_removable(txn: Txn, cid: str, group: dict[str, Any]) -> None:
    """A campaign keeps its last asset group (v26 asset_group_error.
    CANNOT_REMOVE_ALL_ASSET_GROUPS_FROM_CAMPAIGN: "The asset group cannot be removed because it's the last
    one in the campaign"), and a removed campaign's are not changed any more
    (CANNOT_MUTATE_ASSET_GROUP_FOR_REMOVED_CAMPAIGN: "Cannot mutate asset group for campaign with removed
    status")."""
    campaign_id = _id(group["campaign"])
    campaign = txn.get(GOOGLE, cid, "campaign", campaign_id)
    if campaign is None or campaign.status == _REMOVED:
        raise OpError(
            "asset_group_error.CANNOT_MUTATE_ASSET_GROUP_FOR_REMOVED_CAMPAIGN",
            f"campaign {campaign_id} is removed, and its asset groups with it",
        )
    others = [
        id_
        for id_, status in txn.keys(GOOGLE, cid, "asset_group", parent=campaign_id)
        if status != _REMOVED and id_ != _id(group["resource_name"])
    ]
    if not others:
        raise OpError(
            "asset_group_error.CANNOT_REMOVE_ALL_ASSET_GROUPS_FROM_CAMPAIGN",
            f"asset group {_id(group['resource_name'])} is the last one of campaign {campaign_id}",
        )


def create_text_asset(
    txn: Txn, cid: str, data: dict[str, Any], new_id: str, created: set[str]
) -> dict[str, Any]:
    """A text asset: the existing one of the same text (Google deduplicates them), else a new one.
    ``created`` holds the texts this request created already."""
    text = (data.get("text_asset") or {}).get("text")
    if not isinstance(text, str) or not text:
        raise OpError("asset_error.ASSET_DATA_IS_MISSING", "an asset needs its text_asset.text", "text_asset")
    if text in created:
        raise OpError(
            "asset_error.DUPLICATE_ASSET", f"text asset {text!r} is created twice", "text_asset.text"
        )
    created.add(text)
    for existing in txn.find(GOOGLE, cid, "asset", name=text):
        return existing.data
    data.update(resource_name=f"customers/{cid}/assets/{new_id}", id=new_id, type="TEXT")
    txn.put(GOOGLE, cid, "asset", new_id, data, parent=None, name=text, status="ENABLED")
    return data


def create_youtube_video_asset(
    txn: Txn, cid: str, data: dict[str, Any], new_id: str, created: set[str]
) -> dict[str, Any]:
    """A YouTube video asset (v26 YoutubeVideoAsset): the existing one of the same video id (deduplicated as
    text assets are), else a new one. ``created`` holds the video ids this request created already. A
    video id not of YouTube's 11 characters is refused with field_error.INVALID_VALUE, the sandbox's choice
    (v26 has no asset error for it; the sandbox knows of no real videos, so any well-formed id exists)."""
    video_id = (data.get("youtube_video_asset") or {}).get("youtube_video_id")
    if not isinstance(video_id, str) or not video_id:
        raise OpError(
            "asset_error.ASSET_DATA_IS_MISSING",
            "a YouTube video asset needs its youtube_video_asset.youtube_video_id",
            "youtube_video_asset",
        )
    if not re.fullmatch(YOUTUBE_VIDEO_ID_PATTERN, video_id):
        raise OpError(
            "field_error.INVALID_VALUE",
            f"{video_id!r} is no YouTube video id (11 characters of letters, digits, '-' and '_')",
            "youtube_video_asset.youtube_video_id",
        )
    if video_id in created:
        raise OpError(
            "asset_error.DUPLICATE_ASSET",
            f"YouTube video asset {video_id!r} is created twice",
            "youtube_video_asset.youtube_video_id",
        )
    created.add(video_id)
    for existing in txn.find(GOOGLE, cid, "asset", name=_video_key(video_id)):
        return existing.data
    data.update(resource_name=f"customers/{cid}/assets/{new_id}", id=new_id, type="YOUTUBE_VIDEO")
    txn.put(GOOGLE, cid, "asset", new_id, data, parent=None, name=_video_key(video_id), status="ENABLED")
    return data


def _video_key(video_id: str) -> str:
    """The name a YouTube video asset is stored under: apart from text assets' (named by their text)."""
    return f"youtube:{video_id}"


#: The media of an ad that name assets of one type: (ad info, part, the asset's data field, what it is).
_AD_TYPED_MEDIA: Final = (
    ("responsive_display_ad", "youtube_videos", "youtube_video_asset", "a YouTube video"),
    (DEMAND_GEN_VIDEO_AD_INFO, "videos", "youtube_video_asset", "a YouTube video"),
    (DEMAND_GEN_VIDEO_AD_INFO, "call_to_actions", "call_to_action_asset", "a call to action"),
    (DEMAND_GEN_CAROUSEL_AD_INFO, "carousel_cards", CAROUSEL_CARD_ASSET, "a carousel card"),
    (DEMAND_GEN_PRODUCT_AD_INFO, "call_to_action", "call_to_action_asset", "a call to action"),
)


def check_ad_videos(txn: Txn, cid: str, ad: dict[str, Any]) -> None:
    """A responsive display ad's videos (v26 ResponsiveDisplayAdInfo.youtube_videos, AdVideoAsset) or a
    Demand Gen video responsive ad's (DemandGenVideoResponsiveAdInfo.videos) name YouTube video assets of the
    customer, and the latter's call to actions (``call_to_actions``, AdCallToActionAsset) call to action
    assets. The codes are the sandbox's choice: v26 documents none for an ad naming a missing asset or one
    of another type."""
    for info, part, kind, what in _AD_TYPED_MEDIA:
        prefix = f"ad.{info}.{part}"
        named = (ad.get(info) or {}).get(part) or []
        for index, media in enumerate([named] if isinstance(named, dict) else named):  # one, or a list
            asset = txn.get(GOOGLE, cid, "asset", _id(str(media.get("asset", "/"))))
            if asset is None:
                raise OpError(
                    "mutate_error.RESOURCE_NOT_FOUND",
                    f"asset {media.get('asset')!r} was not found",
                    f"{prefix}[{index}]",
                )
            if not asset.data.get(kind):
                raise OpError(
                    "asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE",
                    f"asset {asset.id} is a {str(asset.data.get('type')).lower()} asset, not {what}",
                    f"{prefix}[{index}]",
                )


def create_call_to_action_asset(txn: Txn, cid: str, data: dict[str, Any], new_id: str) -> dict[str, Any]:
    """A call to action asset (v26 CallToActionAsset: its CallToActionType, checked against the schema's
    enum before this); a new one each time (whether Google deduplicates them is not documented)."""
    if not (data.get("call_to_action_asset") or {}).get("call_to_action"):
        raise OpError(
            "asset_error.ASSET_DATA_IS_MISSING",
            "a call to action asset needs its call_to_action",
            "call_to_action_asset",
        )
    data.update(resource_name=f"customers/{cid}/assets/{new_id}", id=new_id, type="CALL_TO_ACTION")
    txn.put(GOOGLE, cid, "asset", new_id, data, parent=None, name=None, status="ENABLED")
    return data


def create_link(txn: Txn, cid: str, data: dict[str, Any]) -> dict[str, Any]:
    """An asset group asset: its asset group live, a text field type naming a text asset that fits it."""
    group = txn.get(GOOGLE, cid, "asset_group", _id(str(data.get("asset_group", "/"))))
    if group is None or group.status == _REMOVED:
        raise OpError("mutate_error.RESOURCE_NOT_FOUND", "the asset group was not found", "asset_group")
    field_type = str(data.get("field_type"))
    if field_type not in ASSET_GROUP_LIMITS:
        raise OpError(
            "asset_link_error.UNSUPPORTED_FIELD_TYPE",
            f"field type {field_type} is not modelled",
            "field_type",
        )
    campaign = txn.get(GOOGLE, cid, "campaign", str(group.parent))
    brand_at_campaign = campaign is not None and campaign.data.get("brand_guidelines_enabled")
    if field_type in _BRAND_FIELD_TYPES and campaign is not None and brand_at_campaign:
        raise OpError(
            "asset_link_error.BRAND_ASSETS_NOT_LINKED_AT_CAMPAIGN_LEVEL",
            f"campaign {campaign.id} has brand guidelines enabled: its {field_type} is a campaign asset",
            "field_type",
        )
    asset_id = _check_linked_asset(txn, cid, data, field_type)
    duplicate = "asset_group_asset_error.DUPLICATE_RESOURCE"
    return _put_link(txn, cid, "asset_group_asset", group.id, asset_id, field_type, data, duplicate)


def create_campaign_link(txn: Txn, cid: str, data: dict[str, Any]) -> dict[str, Any]:
    """A campaign asset: a brand asset (business name, logo) of a live Performance Max campaign whose brand
    guidelines are on; with them off Google wants it on the asset groups (v26 AssetLinkError
    BRAND_ASSETS_NOT_LINKED_AT_ASSET_GROUP_LEVEL). Other campaign assets (sitelinks …) are not modelled."""
    campaign = txn.get(GOOGLE, cid, "campaign", _id(str(data.get("campaign", "/"))))
    if campaign is None or campaign.status == _REMOVED:
        raise OpError("mutate_error.RESOURCE_NOT_FOUND", "the campaign was not found", "campaign")
    field_type = str(data.get("field_type"))
    if field_type not in CAMPAIGN_BRAND_FIELD_TYPES:
        raise OpError(
            "asset_link_error.UNSUPPORTED_FIELD_TYPE",
            f"campaign asset field type {field_type} is not modelled",
            "field_type",
        )
    if not campaign.data.get("brand_guidelines_enabled"):
        raise OpError(
            "asset_link_error.BRAND_ASSETS_NOT_LINKED_AT_ASSET_GROUP_LEVEL",
            f"campaign {campaign.id} has brand guidelines off: its {field_type} is an asset group asset",
            "field_type",
        )
    asset_id = _check_linked_asset(txn, cid, data, field_type)
    # v26 has no CampaignAssetError: a link made twice is the sandbox's mutate_error.RESOURCE_ALREADY_EXISTS.
    duplicate = "mutate_error.RESOURCE_ALREADY_EXISTS"
    return _put_link(txn, cid, "campaign_asset", campaign.id, asset_id, field_type, data, duplicate)


def _put_link(
    txn: Txn,
    cid: str,
    kind: str,
    parent_id: str,
    asset_id: str,
    field_type: str,
    data: dict[str, Any],
    duplicate: str,
) -> dict[str, Any]:
    """Store a new link of ``kind`` (asset group or campaign asset) at ``{parent}~{asset}~{field type}``, as
    the advertiser's; one already live is refused with ``duplicate``."""
    id_ = f"{parent_id}~{asset_id}~{field_type}"
    existing = txn.get(GOOGLE, cid, kind, id_)
    if existing is not None and existing.status != _REMOVED:
        raise OpError(duplicate, f"link {id_} exists", "asset")
    data.setdefault("status", "ENABLED")
    data["source"] = "ADVERTISER"  # made through the API (Google's own links: AUTOMATICALLY_CREATED)
    collection = "assetGroupAssets" if kind == "asset_group_asset" else "campaignAssets"
    data["resource_name"] = f"customers/{cid}/{collection}/{id_}"
    txn.put(GOOGLE, cid, kind, id_, data, parent=parent_id, name=field_type, status=data["status"])
    return data


def _check_linked_asset(txn: Txn, cid: str, data: dict[str, Any], field_type: str) -> str:
    """The id of the asset a link of ``field_type`` names: a call to action or YouTube video asset for their
    field types, a text asset that fits a text field type, or an image asset (any id that is no asset the
    sandbox made)."""
    asset_id = _id(str(data.get("asset", "/")))
    asset = txn.get(GOOGLE, cid, "asset", asset_id)
    if field_type in _MADE_ASSET_FIELDS:
        if asset is None or not asset.data.get(_MADE_ASSET_FIELDS[field_type]):
            raise OpError(
                "asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE",
                f"{field_type} links a {_MADE_ASSET_FIELDS[field_type]}; asset {asset_id} is none",
                "asset",
            )
    elif field_type in ASSET_GROUP_TEXT_FIELDS:
        text = (asset.data.get("text_asset") or {}).get("text") if asset is not None else None
        if text is None:
            raise OpError(
                "asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE",
                f"{field_type} links a text asset; asset {asset_id} is none",
                "asset",
            )
        if len(text) > TEXT_CHARS[field_type]:
            raise OpError(
                "string_length_error.TOO_LONG",
                f"a {field_type} is at most {TEXT_CHARS[field_type]} characters; found {len(text)}",
                "asset",
            )
    elif asset is not None:
        raise OpError(
            "asset_link_error.FIELD_TYPE_INCOMPATIBLE_WITH_ASSET_TYPE",
            f"{field_type} links an image asset; asset {asset_id} is a {str(asset.data.get('type')).lower()} "
            "asset",
            "asset",
        )
    return asset_id


def check_minimums(txn: Txn, cid: str, group_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(asset group resource name, code, message) of each live asset group among ``group_ids`` that holds
    too few or too many assets of a field type."""
    problems = []
    for group_id in sorted(set(group_ids)):
        group = txn.get(GOOGLE, cid, "asset_group", group_id)
        if group is None or group.status == _REMOVED:
            continue
        counts: dict[str, int] = {}
        for link in txn.find(GOOGLE, cid, "asset_group_asset", parent=group_id):
            if link.status != _REMOVED:
                counts[str(link.name)] = counts.get(str(link.name), 0) + 1
        campaign = txn.get(GOOGLE, cid, "campaign", str(group.parent))
        # With brand guidelines on, business name and logos are the campaign's assets.
        if campaign is not None and campaign.data.get("brand_guidelines_enabled"):
            brand: dict[str, int] = {}
            for link in txn.find(GOOGLE, cid, "campaign_asset", parent=campaign.id):
                if link.status != _REMOVED:
                    brand[str(link.name)] = brand.get(str(link.name), 0) + 1
            counts.update({field_type: brand.get(field_type, 0) for field_type in _BRAND_FIELD_TYPES})
            logos = brand.get("LOGO", 0) + brand.get("LANDSCAPE_LOGO", 0)
            if logos > BRAND_LOGOS_MAX:
                problems.append(
                    (
                        group.data["resource_name"],
                        "resource_count_limit_exceeded_error.LIMIT",
                        f"campaign {campaign.id} has {logos} logos; brand guidelines take at most "
                        f"{BRAND_LOGOS_MAX}",
                    )
                )
        for field_type, (low, high, code) in ASSET_GROUP_LIMITS.items():
            found = counts.get(field_type, 0)
            if found < low:
                problems.append(
                    (
                        group.data["resource_name"],
                        code,
                        f"asset group {group_id} has {found} {field_type} assets; it needs at least {low}",
                    )
                )
            elif found > high:
                problems.append(
                    (
                        group.data["resource_name"],
                        "resource_count_limit_exceeded_error.LIMIT",
                        f"asset group {group_id} has {found} {field_type} assets; it takes at most {high}",
                    )
                )
    return problems


def joined_rows(txn: Txn, cid: str, links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Asset group asset rows with the text of their text assets (the call to action, the YouTube video id
    of the others) under ``linked_asset`` (a GAQL query FROM asset_group_asset selecting
    ``asset.text_asset.text`` beside its own fields)."""
    for row in links:
        asset = txn.get(GOOGLE, cid, "asset", _id(str(row.get("asset", "/"))))
        if asset is not None:
            row["linked_asset"] = {
                key: dict(asset.data[key])
                for key in ("text_asset", "call_to_action_asset", "youtube_video_asset")
                if key in asset.data
            }
    return links
