"""The sandbox's rules of a Dynamic Search Ads page feed (developers.google.com/google-ads/api/docs/
dynamic-search-ads/dsa-page-feeds: "create an Asset with a PageFeedAsset (page_feed_asset.page_url and
optional labels) for each URL", group them in an AssetSet of type PAGE_FEED, link the set to the campaign
with a CampaignAssetSet).

* a page asset (v26 PageFeedAsset) needs its ``page_url`` ("Required"), an http(s) URL; the existing asset of
  the same page and labels is returned, as Google deduplicates assets within an account ("Assets are
  deduplicated within a given customer account"; a page asset's deduplication is believed, unconfirmed);
* an asset set needs its ``name`` and ``type`` (both "Required"), a name no other enabled asset set has
  (v26 AssetSetError.DUPLICATE_ASSET_SET_NAME); the sandbox models type PAGE_FEED alone;
* an asset set asset links a live asset set and a page asset, once (id ``{asset set}~{asset}``);
* a campaign asset set links a live campaign and a live asset set, once (id ``{campaign}~{asset set}``).

The codes of what v26 names no error for are the sandbox's choice: a link made twice is
mutate_error.RESOURCE_ALREADY_EXISTS, a missing resource mutate_error.RESOURCE_NOT_FOUND."""

from __future__ import annotations

from typing import Any, Final

from midas_reconcile.connectors.google_schema import PAGE_FEED, PAGE_FEED_ASSET, OpError
from midas_reconcile.connectors.sandbox.world import Txn
from midas_reconcile.resources import GOOGLE

_REMOVED: Final = "REMOVED"


def _id(resource_name: Any) -> str:
    return str(resource_name or "/").rsplit("/", 1)[-1]


def create_page_feed_asset(txn: Txn, cid: str, data: dict[str, Any], new_id: str) -> dict[str, Any]:
    """A page of a page feed: the existing asset of the same page and labels, else a new one."""
    page = data.get(PAGE_FEED_ASSET) or {}
    url = page.get("page_url")
    if not isinstance(url, str) or not url:
        raise OpError(
            "asset_error.ASSET_DATA_IS_MISSING",
            "a page feed asset needs its page_url",
            f"{PAGE_FEED_ASSET}.page_url",
        )
    if not url.startswith(("http://", "https://")):
        raise OpError(
            "url_field_error.INVALID_URL",
            f"page_url {url!r} is no http(s) URL",
            f"{PAGE_FEED_ASSET}.page_url",
        )
    labels = sorted(str(label) for label in page.get("labels") or ())
    for existing in txn.find(GOOGLE, cid, "asset", name=url):
        held = existing.data.get(PAGE_FEED_ASSET) or {}
        if sorted(held.get("labels") or ()) == labels:
            return existing.data
    data.update(resource_name=f"customers/{cid}/assets/{new_id}", id=new_id, type="PAGE_FEED")
    txn.put(GOOGLE, cid, "asset", new_id, data, parent=None, name=url, status="ENABLED")
    return data


def create_asset_set(txn: Txn, cid: str, data: dict[str, Any], new_id: str) -> dict[str, Any]:
    """An asset set of type PAGE_FEED, with its name."""
    if not data.get("name"):
        raise OpError("field_error.REQUIRED", "an asset set needs its name", "name")
    if data.get("type") != PAGE_FEED:
        raise OpError(
            "field_error.INVALID_VALUE", f"asset set type {data.get('type')!r} is not modelled", "type"
        )
    check_asset_set_name(txn, cid, str(data["name"]), None)
    data.update(resource_name=f"customers/{cid}/assetSets/{new_id}", id=new_id, status="ENABLED")
    txn.put(GOOGLE, cid, "asset_set", new_id, data, parent=None, name=str(data["name"]), status="ENABLED")
    return data


def check_asset_set_name(txn: Txn, cid: str, name: str, self_id: str | None) -> None:
    """No other enabled asset set of ``name`` (v26 AssetSetError.DUPLICATE_ASSET_SET_NAME: "The asset set
    name matches that of another enabled asset set")."""
    if any(
        status == "ENABLED" and id_ != self_id
        for id_, status in txn.keys(GOOGLE, cid, "asset_set", name=name)
    ):
        raise OpError(
            "asset_set_error.DUPLICATE_ASSET_SET_NAME", f"an enabled asset set named {name!r} exists", "name"
        )


def create_asset_set_asset(txn: Txn, cid: str, data: dict[str, Any]) -> dict[str, Any]:
    """A page asset in a live asset set, once."""
    asset_set = _live(txn, cid, "asset_set", data.get("asset_set"))
    asset = txn.get(GOOGLE, cid, "asset", _id(data.get("asset")))
    if asset is None:
        raise OpError("mutate_error.RESOURCE_NOT_FOUND", "the asset was not found", "asset")
    if not asset.data.get(PAGE_FEED_ASSET):
        raise OpError(
            "field_error.INVALID_VALUE", "a PAGE_FEED asset set holds page feed assets alone", "asset"
        )
    return _put_link(txn, cid, "asset_set_asset", "assetSetAssets", asset_set, asset.id, data)


def create_campaign_asset_set(txn: Txn, cid: str, data: dict[str, Any]) -> dict[str, Any]:
    """A live asset set linked to a live campaign, once."""
    campaign = _live(txn, cid, "campaign", data.get("campaign"))
    asset_set = _live(txn, cid, "asset_set", data.get("asset_set"))
    return _put_link(txn, cid, "campaign_asset_set", "campaignAssetSets", campaign, asset_set, data)


def _live(txn: Txn, cid: str, type_name: str, resource_name: Any) -> str:
    found = txn.get(GOOGLE, cid, type_name, _id(resource_name))
    if found is None or found.status == _REMOVED:
        raise OpError("mutate_error.RESOURCE_NOT_FOUND", f"the {type_name} was not found", type_name)
    return found.id


def _put_link(
    txn: Txn, cid: str, kind: str, collection: str, parent_id: str, child_id: str, data: dict[str, Any]
) -> dict[str, Any]:
    id_ = f"{parent_id}~{child_id}"
    if txn.get(GOOGLE, cid, kind, id_) is not None:
        raise OpError("mutate_error.RESOURCE_ALREADY_EXISTS", f"link {id_} exists")
    data.update(resource_name=f"customers/{cid}/{collection}/{id_}", status="ENABLED")
    txn.put(GOOGLE, cid, kind, id_, data, parent=parent_id, name=None, status="ENABLED")
    return data


def joined_set_rows(
    txn: Txn, cid: str, links: list[dict[str, Any]], *, include_removed: bool = False
) -> list[dict[str, Any]]:
    """Campaign asset set rows with their set's type under ``linked_asset_set`` (a GAQL query FROM
    campaign_asset_set selecting ``asset_set.type`` beside its own fields), but those of removed campaigns
    (``WHERE campaign.status != 'REMOVED'``: Google keeps a removed campaign's links) unless
    ``include_removed``."""
    out = []
    for row in links:
        campaign = txn.get(GOOGLE, cid, "campaign", _id(row.get("campaign")))
        if not include_removed and (campaign is None or campaign.status == _REMOVED):
            continue
        asset_set = txn.get(GOOGLE, cid, "asset_set", _id(row.get("asset_set")))
        if asset_set is not None:
            row["linked_asset_set"] = {"type": asset_set.data.get("type")}
        out.append(row)
    return out
