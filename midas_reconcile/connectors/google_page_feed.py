"""A Dynamic Search Ads campaign's page feed ↔ its ``page_feed`` field (``resources.page_feed_pages``)
(``connectors.google_rows`` reads and ``connectors.google_backend`` writes with these, for the simulator and
the SDK alike).

Google keeps a page feed as an asset per page (v26 Asset.page_feed_asset: ``page_url``, ``labels``) in an
asset set of type PAGE_FEED (AssetSet) linked to the campaign (CampaignAssetSet), the set holding its pages
through AssetSetAsset rows (developers.google.com/google-ads/api/docs/dynamic-search-ads/dsa-page-feeds).
A campaign's ``page_feed`` is the pages of every asset set linked to it, of the links in force; an asset of
another kind in such a set (a set of another type: its type is not read) is not a page and is left alone.

A write never changes an asset (a changed page is another asset) nor removes a set: a page no longer wanted
is unlinked from its set, a new one made (once per request: Google deduplicates assets, and refuses one made
twice in a request, as it does a text asset) and linked to the campaign's first set, or to a new set named
after the campaign's id (``set_name``), linked to it, when it has none — in an atomic request of their own
(``google_backend``), after the campaign is made: a set is never left unlinked by a crash. A feed emptied
(``dynamic_search_ads`` dropped) is unlinked before the campaign's own request instead: a read reads the feed
of a DSA campaign alone, so pages left linked to one no longer DSA would never be seen again.

A set linked to more than one campaign (a console's, shared) is no one campaign's to edit: its pages are each
linked campaign's (as Google serves them), but a write that would change them is refused, naming the set and
its campaigns (``Feed.shared``), and the reader notes it on each DSA campaign, so that an import refuses it,
and carries it there as data (``Resource.shared_page_feeds``), so that a plan warns of a feed change refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from midas_reconcile.connectors.google_schema import PAGE_FEED, PAGE_FEED_ASSET
from midas_reconcile.resources import page_feed_pages

#: A page's identity: its URL and sorted labels (an asset's page and labels are immutable here).
PageKey = tuple[str, tuple[str, ...]]
#: Links whose status says they are gone (Google keeps removed links as REMOVED).
_GONE: Final = frozenset({"REMOVED"})


def page_key(page: Mapping[str, Any]) -> PageKey:
    """A page (``page_feed`` item or native PageFeedAsset) as its identity."""
    return str(page.get("page_url")), tuple(sorted(str(label) for label in page.get("labels") or ()))


def pages_by_asset(assets: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The page (native PageFeedAsset) of each page feed asset among the asset rows ``assets``, by the
    asset's resource name: how a set's links (asset_set_asset rows, naming the asset) find their pages."""
    return {str(a["resource_name"]): a[PAGE_FEED_ASSET] for a in assets if a.get(PAGE_FEED_ASSET)}


@dataclass
class Feed:
    """What a campaign holds of page feeds: the asset sets linked to it, each page's links (its AssetSetAsset
    resource names: one per set holding it), and the sets it shares with other campaigns (set → the ids of
    every campaign linked to it)."""

    sets: list[str] = field(default_factory=list)
    links: dict[PageKey, list[str]] = field(default_factory=dict)
    shared: dict[str, list[str]] = field(default_factory=dict)


def live(row: Mapping[str, Any]) -> bool:
    return str(row.get("status") or "ENABLED") not in _GONE


def sets_of(campaign_sets: Iterable[Mapping[str, Any]], campaigns: Iterable[str]) -> dict[str, list[str]]:
    """Asset set resource name → the ids of ``campaigns`` it is linked to (CampaignAssetSet rows)."""
    wanted = set(campaigns)
    out: dict[str, list[str]] = {}
    for row in campaign_sets:
        campaign = str(row.get("campaign") or "/").rsplit("/", 1)[-1]
        if campaign in wanted and live(row):
            out.setdefault(str(row["asset_set"]), []).append(campaign)
    return out


def feeds(
    campaign_sets: Iterable[Mapping[str, Any]],
    set_assets: Iterable[Mapping[str, Any]],
    assets: Iterable[Mapping[str, Any]],
    asset_sets: Iterable[Mapping[str, Any]],
) -> dict[str, Feed]:
    """Campaign id → its ``Feed``, from the rows of the three link types (``assets`` those the sets hold)
    and of the asset sets (a set of another type than PAGE_FEED, a location set say, is no feed's)."""
    campaign_sets = list(campaign_sets)
    page_sets = {str(r["resource_name"]) for r in asset_sets if r.get("type") == PAGE_FEED and live(r)}
    out: dict[str, Feed] = {}
    by_set = {
        name: campaigns
        for name, campaigns in sets_of(campaign_sets, _campaign_ids(campaign_sets)).items()
        if name in page_sets
    }
    for asset_set, campaigns in sorted(by_set.items()):
        for campaign in campaigns:
            feed = out.setdefault(campaign, Feed())
            feed.sets.append(asset_set)
            if len(set(campaigns)) > 1:
                feed.shared[asset_set] = sorted(set(campaigns))
    pages = pages_by_asset(assets)
    for row in set_assets:
        page = pages.get(str(row.get("asset")))
        if page is None or not live(row):
            continue
        for campaign in by_set.get(str(row.get("asset_set")), ()):
            out[campaign].links.setdefault(page_key(page), []).append(str(row["resource_name"]))
    return out


def shared_sets(campaign_sets: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """The asset sets of ``campaign_sets`` (links in force) linked to more than one campaign → the ids of
    those campaigns, sorted."""
    campaign_sets = list(campaign_sets)
    return {
        name: sorted(set(campaigns))
        for name, campaigns in sets_of(campaign_sets, _campaign_ids(campaign_sets)).items()
        if len(set(campaigns)) > 1
    }


def unlinked(
    campaign_sets: Iterable[Mapping[str, Any]],
    set_assets: Iterable[Mapping[str, Any]],
    assets: Iterable[Mapping[str, Any]],
    asset_sets: Iterable[Mapping[str, Any]],
) -> dict[str, Feed]:
    """Name → ``Feed`` (the set and its pages' links) of each enabled PAGE_FEED set linked to no campaign:
    the one named for a campaign (``set_name``) is MIDAS's, to link again rather than make a second of its
    name (Google refuses it)."""
    linked = {str(row.get("asset_set")) for row in campaign_sets if live(row)}
    out = {
        str(r["resource_name"]): (str(r.get("name")), Feed(sets=[str(r["resource_name"])]))
        for r in asset_sets
        if r.get("type") == PAGE_FEED and live(r) and str(r["resource_name"]) not in linked
    }
    pages = pages_by_asset(assets)
    for row in set_assets:
        page, held = pages.get(str(row.get("asset"))), out.get(str(row.get("asset_set")))
        if page is not None and held is not None and live(row):
            held[1].links.setdefault(page_key(page), []).append(str(row["resource_name"]))
    return dict(out.values())


def _campaign_ids(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    return [str(row.get("campaign") or "/").rsplit("/", 1)[-1] for row in rows]


def feed_field(pages: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The ``page_feed`` field of native PageFeedAssets."""
    return page_feed_pages(pages)


def page_asset(page: Mapping[str, Any]) -> dict[str, Any]:
    """The native asset of a ``page_feed`` page (labels in their sorted order)."""
    native: dict[str, Any] = {"page_url": page["page_url"]}
    if page.get("labels"):
        native["labels"] = list(page["labels"])
    return {PAGE_FEED_ASSET: native}


def set_name(campaign: str) -> str:
    """The name of the page feed set MIDAS makes for a campaign (its resource name, or id): by its id, as
    Google refuses a second enabled asset set of a name (v26 AssetSetError.DUPLICATE_ASSET_SET_NAME), and a
    campaign's name may be another's after a rename or a delete."""
    return f"MIDAS page feed of campaign {campaign.rsplit('/', 1)[-1]}"


def is_own_set(name: str, campaign: str) -> bool:
    """Whether a set of ``name`` is one MIDAS made for ``campaign`` (``set_name``, or ``free_set_name``'s)."""
    base = set_name(campaign)
    if name == base:
        return True
    rest = name[len(base) :] if name.startswith(base) else ""
    return rest.startswith(" (") and rest.endswith(")") and rest[2:-1].isdigit()


def free_set_name(campaign: str, taken: Iterable[str]) -> str:
    """``set_name``, or when an enabled set has it (the campaign's own set, unlinked from it but linked to
    another campaign), the first of ``<it> (2)``, ``<it> (3)``… no enabled set has."""
    names, base = set(taken), set_name(campaign)
    name, n = base, 1
    while name in names:
        n += 1
        name = f"{base} ({n})"
    return name


def asset_set(name: str) -> dict[str, Any]:
    """A new page feed asset set."""
    return {"name": name, "type": PAGE_FEED}
