"""The Graph API's shapes for Meta ad accounts, shared by the sandbox's Meta backend and the SDK connector.

Both connectors speak the same wire language, so they share how it is read and written:

- a full read: the edges, their ``fields``, the ``effective_status`` filter and the page size
  (``READ_FIELDS``, ``LIVE_STATUSES``, ``PAGE_SIZE``), and how the nodes read become normalised
  ``Resource`` objects (``to_resources``);
- a write: how one ``WriteOp`` becomes one request of a Graph batch (``batch_request``; a campaign
  switched to ad set budgets takes its ad sets' amounts along as ``adset_budgets``);
- errors: how a Graph error body (and the usage headers beside it) becomes a MIDAS error
  (``error_from_graph``), and how much of its quota an account has used (``usage_pct``);
- metrics: how an insights row becomes ``DailyMetrics`` (``daily_metrics``).

Normalisation (per ``resources.FIELDS``): budgets as ints in minor units (the Graph API sends strings),
``special_ad_categories`` and ``adlabels`` as sorted lists (``adlabels`` holds label names and is left
out when empty), ``targeting`` in the canonical form of ``normalize_meta_targeting`` (Meta echoes a
targeting spec with its defaults filled in and its lists in its own order), an ad set's
``promoted_object`` only when it names what MIDAS compiles (an app, a pixel or a custom conversion, a
catalog ad set's product set, or the Page and WhatsApp number of an ad set opening a conversation:
``promoted_object``) and a campaign's only with its product catalog (``campaign_promoted_object``),
``destination_type`` only when it is none of a website's or an app's (``_LINK_DESTINATIONS``), a catalog
ad's template (``object_story_spec.template_data``) as link data's fields and ``template: true`` (its static
cards, ``child_attachments`` with ``static_card`` true, as ``static_cards_before`` / ``static_cards_after``
around its product card: ``template_cards``), times as sent.
Objects that are DELETED, or whose parent is, are not live; ARCHIVED ones are.

Addresses: campaign ``<name>``, ad set ``<campaign>/<ad set>``, ad ``<campaign>/<ad set>/<ad>``; a
creative takes the address of the (oldest, managed first) live ad using it — creatives used by no
live ad are not part of any campaign and are not returned, unless MIDAS created them (see
``to_resources``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from midas_reconcile.connectors.addressing import Batch, Candidate, join, unique_paths
from midas_reconcile.connectors.audience_refs import meta_targeting_ids
from midas_reconcile.connectors.base import DailyMetrics, WriteOp
from midas_reconcile.connectors.meta_day_parts import PACING_STANDARD, read_day_parts, read_pacing
from midas_reconcile.connectors.meta_welcome import from_wire as welcome_from_wire
from midas_reconcile.connectors.meta_welcome import to_wire as welcome_to_wire
from midas_reconcile.errors import AuthError, ConnectorError, PermanentError, TransientError
from midas_reconcile.resources import (
    FIELDS,
    MANAGED_MARKER,
    META,
    META_BUDGET_FIELDS,
    META_DEFAULT_BID_STRATEGY,
    META_UNEXPRESSED_PROMOTED_KEYS,
    PRODUCT_CARD,
    STATIC_AFTER,
    STATIC_BEFORE,
    TEMPLATE_FORMAT_OPTION,
    THUMBNAIL_READ,
    AddressBook,
    Resource,
    is_audience_ref,
    meta_pixel_rule_text,
)
from midas_reconcile.spec._meta_catalog import FORMATS_WITHOUT_END_CARD
from midas_reconcile.spec._meta_display_link import DISPLAY_LINK, display_link_of
from midas_reconcile.spec._meta_dynamic_creative import (
    AD_FORMATS_FIELD,
    DYNAMIC_CREATIVE,
    dynamic_wire,
    is_dynamic_feed,
    read_dynamic_feed,
)
from midas_reconcile.spec._meta_media_options import MEDIA_OPTIONS, media_feed, read_media_options
from midas_reconcile.spec._meta_messaging import (
    MESSAGING_DESTINATIONS,
    feed_mapping,
    several_apps_feed,
    unheld_feed,
)
from midas_reconcile.spec._meta_text_options import (
    TEXT_OPTIONS,
    carries_text_options,
    held_feed_keys,
    read_text_options,
    text_feed,
)
from midas_reconcile.spec.models import FORM_DESTINATION_TYPE, MULTI_DESTINATION_TYPES, CatalogFormat
from midas_reconcile.targeting import normalize_meta_targeting

#: Objects per page of an edge read (the Graph API allows more on these edges; 500 keeps pages small).
PAGE_SIZE: Final = 500
#: Requests in one Graph batch call (https://developers.facebook.com/docs/graph-api/batch-requests).
MAX_BATCH: Final = 50
EDGE_OF: Final = {"campaign": "campaigns", "adset": "adsets", "ad": "ads", "adcreative": "adcreatives"}
#: Per edge, every effective status Meta defines for that object type (the SDK's ``EffectiveStatus``
#: enums of Campaign, AdSet and Ad) but DELETED: what a read asks for. Ads in review, disapproved or
#: waiting for billing are live objects too; leaving them out would plan them as missing.
LIVE_STATUSES: Final[dict[str, tuple[str, ...]]] = {
    "campaigns": ("ACTIVE", "ARCHIVED", "IN_PROCESS", "PAUSED", "WITH_ISSUES"),
    "adsets": ("ACTIVE", "ARCHIVED", "CAMPAIGN_PAUSED", "IN_PROCESS", "PAUSED", "WITH_ISSUES"),
    "ads": (
        "ACTIVE",
        "ADSET_PAUSED",
        "ARCHIVED",
        "CAMPAIGN_PAUSED",
        "DISAPPROVED",
        "IN_PROCESS",
        "PAUSED",
        "PENDING_BILLING_INFO",
        "PENDING_REVIEW",
        "PREAPPROVED",
        "WITH_ISSUES",
    ),
}
_PARENT_FIELDS: Final = {
    "campaign": [],
    "adset": ["campaign_id"],
    "ad": ["adset_id", "campaign_id", "creative"],
    "adcreative": [],
}
#: The normalised creative fields that travel inside ``object_story_spec`` rather than as fields of
#: the creative node (``description`` and ``page_id`` exist only there).
_STORY_FIELDS: Final = frozenset(
    {"title", "body", "description", "link_url", "call_to_action_type", "image_url", "image_hash", "video_id",
     "page_id", "cards", "multi_share_optimized", "multi_share_end_card", "app_destination",
     "page_welcome_message", "template", "catalog_format", "instagram_user_id", "lead_gen_form_id",
     STATIC_BEFORE, STATIC_AFTER, DISPLAY_LINK}
)  # fmt: skip
#: The story fields Meta also derives as fields of the creative node (facebook-business AdCreative: ``title``,
#: ``body``, ``link_url``, ``call_to_action_type``, ``image_url``, ``video_id``).
_FLAT_STORY_FIELDS: Final = ("body", "call_to_action_type", "image_url", "link_url", "title", "video_id")
#: The normalised creative fields read from another (``asset_feed_unheld``: from ``asset_feed_spec``;
#: ``template_format_option``: from ``object_story_spec.template_data``, ``template_format_fields``;
#: ``thumbnail_read``: a dynamic video's first video entry, ``spec._meta_dynamic_creative``; ``product_card``:
#: a template's product card's other settings, ``template_cards``): no parameter of Meta's, so no write sends
#: one (``batch_request``), whatever desired state carries it (a snapshot's, restored, holds what was read).
DERIVED_FIELDS: Final = frozenset({"asset_feed_unheld", TEMPLATE_FORMAT_OPTION, THUMBNAIL_READ, PRODUCT_CARD})
#: The normalised creative fields that travel inside ``asset_feed_spec`` (``text_options``: its lists of
#: texts, ``spec._meta_text_options``; ``media_options``: its further images or videos,
#: ``spec._meta_media_options``; ``dynamic_creative`` and ``ad_formats``: a dynamic creative's feed shape and
#: format, ``spec._meta_dynamic_creative``), read from it and written into it (``batch_request``).
_FEED_FIELDS: Final = frozenset({TEXT_OPTIONS, MEDIA_OPTIONS, DYNAMIC_CREATIVE, AD_FORMATS_FIELD})
_NODE_FIELDS: Final = {
    kind: sorted(FIELDS[(META, kind)] - _STORY_FIELDS - DERIVED_FIELDS - _FEED_FIELDS)
    if kind == "adcreative"
    else sorted(FIELDS[(META, kind)])
    for kind in EDGE_OF
}
#: What a read asks each edge for. Creatives: their node fields (among them the Page post a Page post
#: creative runs, ``object_story_id``), the story spec, plus the flat fields Meta derives from it, which are
#: all a creative made without a story spec (in the console, long ago) has.
READ_FIELDS: Final = {
    edge: [
        "id",
        *_NODE_FIELDS[kind],
        *(["object_story_spec", *_FLAT_STORY_FIELDS] if kind == "adcreative" else []),
        *_PARENT_FIELDS[kind],
    ]
    for kind, edge in EDGE_OF.items()
}
_SORTED: Final = frozenset({"special_ad_categories"})
#: Integers the Graph API sends as text: budgets and an ad set's cap (minor units).
_INT_FIELDS: Final = META_BUDGET_FIELDS | {"bid_amount", "spend_cap"}
#: The campaign ``spend_cap`` that removes a campaign's spending limit (Meta's Campaign reference, as
#: remembered: "Set the value to 922337203685478 to remove the spend cap"; unconfirmed in the pages the search
#: tool holds, which also carry a client saying null removes it). A campaign without a limit may read back
#: without one, as 0 or as this value (unconfirmed): each is read as none.
NO_SPEND_CAP: Final = 922337203685478

#: Graph error codes that mean "slow down" (https://developers.facebook.com/docs/graph-api/overview/
#: rate-limiting and .../marketing-api/overview/rate-limiting): app (4), user (17), page (32),
#: ad account (613) and the business-use-case limits (80000–80014).
THROTTLING_CODES: Final = frozenset({4, 17, 32, 613, *range(80000, 80015)})
#: Codes that mean the token is missing (104), invalid or expired (190, 102) or lacks a permission
#: (10, 200–299): no retry will help, the credentials must change.
_TOKEN_CODES: Final = frozenset({102, 104, 190})
_PERMISSION_CODES: Final = frozenset({10, *range(200, 300)})
#: When Meta throttles without saying for how long, wait this long before trying again.
DEFAULT_THROTTLE_SECONDS: Final = 60.0

USAGE_HEADERS: Final = ("x-business-use-case-usage", "x-ad-account-usage", "x-app-usage")


# --- reads ------------------------------------------------------------------------------------------
def normalise(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A Graph node (as read) → normalised fields."""
    if kind == "adcreative":
        story = row.get("object_story_spec")
        if isinstance(story, Mapping) and story:
            # Of a creative made from a story spec, the flat fields are what Meta derives from the story
            # (an image URL of a hash among them), and it runs the post Meta made of it, not a Page's post.
            kept = {k: v for k, v in row.items() if k not in _FLAT_STORY_FIELDS and k != "object_story_id"}
            row = {**kept, **story_fields(story)}
        if is_dynamic_feed(story, row.get("asset_feed_spec")):
            # A dynamic creative: its link and button lifted out of its feed, whose texts and media then
            # read as any feed's, the story showing none (``spec._meta_dynamic_creative``).
            lifted, rest = read_dynamic_feed(feed_mapping(row["asset_feed_spec"]))
            row = {**row, **lifted, "asset_feed_spec": rest, DYNAMIC_CREATIVE: True}
    # Text options only on a creative that can carry them (a link, image or video ad's), read beside its
    # story's own texts: the read cannot see whether the spec opts in (``spec._meta_text_options.compared``);
    # a kind restating the story's own one text is none (``read_text_options``).
    capable = carries_text_options(row)
    feed, restated = _feed_read(row, capable) if kind == "adcreative" else ({}, False)
    fields: dict[str, Any] = {}
    for key in sorted(FIELDS[(META, kind)]):
        value = row.get(key)
        if key == "adlabels":
            names = sorted(str(label["name"]) for label in value or [])
            if names:
                fields[key] = names
        elif key == "spend_cap":
            if value not in (None, "") and 0 < int(value) < NO_SPEND_CAP:
                fields[key] = int(value)
        elif key in _INT_FIELDS and value not in (None, ""):
            fields[key] = int(value)
        elif key == "bid_constraints":
            if (floor := roas_floor(value)) is not None:
                fields[key] = {"roas_average_floor": floor}
        elif key in _SORTED and value is not None:
            fields[key] = sorted(value)
        elif key == "targeting" and isinstance(value, Mapping):
            fields[key] = normalize_meta_targeting(value)
        elif key == "promoted_object" and kind == "campaign":
            if (catalog := campaign_promoted_object(value)) is not None:
                fields[key] = catalog
        elif key == "promoted_object":
            messaging = row.get("destination_type") in PAGE_DESTINATION_TYPES
            if (promoted := promoted_object(value, messaging=messaging)) is not None:
                fields[key] = promoted
        elif key == "asset_feed_spec":
            # Of an asset feed, MIDAS holds the buttons of an ad opening several apps alone, each app's once.
            if not restated and (buttons := several_apps_feed(value)) is not None:
                fields[key] = buttons
        elif key == "asset_feed_unheld":
            # All else the asset feed carries, which MIDAS never sends (``resources.META_IMPORT_ONLY``).
            if unheld := unheld_feed(feed, capable=capable):
                fields[key] = unheld
        elif key == MEDIA_OPTIONS:
            # Read beside the story's own medium, below; a dynamic creative's images beside videos, read
            # with its link (``spec._meta_dynamic_creative.read_dynamic_feed``), as they are.
            if row.get(MEDIA_OPTIONS):
                fields[key] = row[MEDIA_OPTIONS]
        elif key == TEXT_OPTIONS:
            # Meta's multiple text options, as the feed lists them (``spec._meta_text_options``).
            if capable and (options := read_text_options(feed, own=row)) is not None:
                fields[key] = options
        elif key == "adset_schedule":
            if (parts := read_day_parts(value)) is not None:
                fields[key] = parts
        elif key == "pacing_type":
            # MIDAS's only beside a schedule (``connectors.meta_day_parts``): an ad set without one keeps
            # whatever pacing a console gave it, compared as before ad scheduling.
            if read_day_parts(row.get("adset_schedule")) and (pacing := read_pacing(value)) is not None:
                fields[key] = pacing
        elif key == "is_dynamic_creative":
            if value is True or str(value).lower() == "true":  # false (or none) is an ordinary ad set
                fields[key] = True
        elif key == "destination_type":
            if value not in (None, "", *_LINK_DESTINATIONS):
                fields[key] = value
        elif value not in (None, ""):
            fields[key] = value
    if kind == "adcreative":
        # Several images or videos, beside the story's own (``spec._meta_media_options``), of a feed whose
        # other contents MIDAS holds too (as ``unheld_feed`` takes them).
        held = held_feed_keys(feed, capable=capable)
        story, media = read_media_options({k: feed[k] for k in held}, own=fields)
        fields.update(story)
        fields.update(media)
    return fields


def _feed_read(row: Mapping[str, Any], capable: bool) -> tuple[Mapping[str, Any], bool]:
    """A creative's asset feed (``row``: its node, story fields merged) as read for what else it holds, and
    whether its buttons restate the creative's own button alone, the same type opening the same app: what
    Ads Manager may give the ad of a single app, which says nothing the button does not, so the buttons read
    as none (as MIDAS makes that ad) and the ad imports and converges as that app's — beside text options
    too (``spec._meta_text_options``), whose texts are then read from the feed without them. Not when the
    feed holds anything MIDAS cannot (the buttons then stay, told beside it). Unconfirmed that Meta runs the
    two alike; MIDAS, replacing such a creative, sends no buttons."""
    feed = feed_mapping(row.get("asset_feed_spec"))
    own = {"type": row.get("call_to_action_type"), "value": {"app_destination": row.get("app_destination")}}
    buttons = {"call_to_actions": feed.get("call_to_actions")}
    if several_apps_feed(feed) != {"call_to_actions": [own]} or unheld_feed(buttons):
        return feed, False
    texts = {k: v for k, v in feed.items() if k != "call_to_actions"}
    return (texts, True) if not unheld_feed(texts, capable=capable) else (feed, False)


def roas_floor(value: Any) -> int | None:
    """An ad set's ``bid_constraints.roas_average_floor`` (None: none); the SDK's AdCampaignBidConstraint
    types it int, which the Graph API may send as text."""
    floor = value.get("roas_average_floor") if isinstance(value, Mapping) else None
    return int(floor) if floor not in (None, "") else None


#: The keys of a promoted object MIDAS compiles: an app's (app promotion), a pixel's and a custom
#: conversion's (conversions).
_PROMOTED_KEYS: Final = (
    "application_id",
    "object_store_url",
    "pixel_id",
    "custom_event_type",
    "custom_event_str",
    "pixel_rule",
    "custom_conversion_id",
    # The product set a catalog ad set shows (``spec._meta_catalog``).
    "product_set_id",
)
#: What a custom conversion already names (its pixel and event type, a custom event's name: facebook-business
#: customconversion.py), which an ad set counting it does not say beside its id.
_CUSTOM_CONVERSION_OWN: Final = ("pixel_id", "custom_event_type", "custom_event_str", "pixel_rule")


#: The destination types of ad sets whose ads link to a website or an app's store page (facebook-business
#: adset.py ``DestinationType``; UNDEFINED is none set): what MIDAS sends no ``destination_type`` for, so
#: they read as none, and ad sets made before MIDAS named one compare equal.
_LINK_DESTINATIONS: Final = ("UNDEFINED", "WEBSITE", "APP")
#: The destination types of ad sets opening a conversation that MIDAS makes: one app's, or several apps'
#: at once (``MESSAGING_*``).
MESSAGING_DESTINATION_TYPES: Final = (*MESSAGING_DESTINATIONS, *MULTI_DESTINATION_TYPES.values())
#: The destination types of ad sets whose promoted object is the Page: a conversation's, and an instant
#: form's (ON_AD: ``spec._meta_lead_forms``).
PAGE_DESTINATION_TYPES: Final = (*MESSAGING_DESTINATION_TYPES, FORM_DESTINATION_TYPE)
#: The keys of the promoted object of such an ad set: the Page people message and its WhatsApp number.
_MESSAGING_PROMOTED_KEYS: Final = ("page_id", "whatsapp_phone_number")


def promoted_object(value: Any, *, messaging: bool = False) -> dict[str, str] | None:
    """What an ad set's ``promoted_object`` says of the keys MIDAS compiles (the app it promotes, the pixel
    and event or the custom conversion it counts) and of those it never does
    (``resources.META_UNEXPRESSED_PROMOTED_KEYS``), as text; None when it names none of them (say, a page
    alone, which MIDAS leaves alone as it always has, but of an ad set opening a conversation, ``messaging``,
    whose Page and WhatsApp number it names). Meta's server-set keys beside them are not MIDAS's to
    compare; nor are a pixel and event beside a custom conversion, which are its own (whether Meta echoes
    them on read is not documented: compared, they would be drift on every run)."""
    if not isinstance(value, Mapping):
        return None
    keys = (
        *_PROMOTED_KEYS,
        *META_UNEXPRESSED_PROMOTED_KEYS,
        *(_MESSAGING_PROMOTED_KEYS if messaging else ()),
    )
    kept = {k: str(value[k]) for k in keys if value.get(k) not in (None, "")}
    if "pixel_rule" in kept:
        # By its meaning: key order and spacing are not a difference (text that is no rule stays as read).
        kept["pixel_rule"] = meta_pixel_rule_text(value["pixel_rule"]) or kept["pixel_rule"]
    if "custom_conversion_id" in kept:
        for key in _CUSTOM_CONVERSION_OWN:
            kept.pop(key, None)
    if "product_set_id" in kept and "pixel_id" not in kept and kept.get("custom_event_type") == "PURCHASE":
        # A product set's event when none is named (Meta's catalog ads guide: "By default custom_event_type
        # is set to PURCHASE"), which Meta may echo (unconfirmed): what MIDAS sends by sending none.
        del kept["custom_event_type"]
    if "product_set_id" in kept:
        # A product set is of one catalog, its campaign's (``campaign_promoted_object``), which Meta may echo
        # beside the set (its reference lets an ad set's promoted object carry product_catalog_id; whether
        # Meta echoes it is unconfirmed): compared, it would be a replacement of every catalog ad set that
        # could never apply. The set names its catalog, so the key says nothing more (believed).
        kept.pop("product_catalog_id", None)
    return kept or None


def campaign_promoted_object(value: Any) -> dict[str, str] | None:
    """What a campaign's ``promoted_object`` says of the one key MIDAS compiles there, the product catalog
    of a catalog ads campaign (``product_catalog_id``, as text); None without one. Other keys Meta may echo
    on a campaign are not MIDAS's to compare (a campaign's promoted object is documented for catalogs)."""
    if not isinstance(value, Mapping) or value.get("product_catalog_id") in (None, ""):
        return None
    return {"product_catalog_id": str(value["product_catalog_id"])}


def _labels(row: Mapping[str, Any]) -> bool:
    return any(label.get("name") == MANAGED_MARKER for label in row.get("adlabels") or [])


def to_resources(account: str, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[Resource]:
    """Every live object of one ad account as normalised Resources (rows: edge → nodes; ids as strings)."""
    reader = LiveReader(account)
    for edge in READ_FIELDS:
        reader.add(edge, rows[edge])
    return reader.resources()


#: What is kept of a node until its edge is read: id, parent id, name, own marker, fields, creative id.
_Node = tuple[str, str, str, bool, dict[str, Any], str]


class LiveReader:
    """Turns one ad account's edge nodes into normalised Resources, one edge after the other in
    ``READ_FIELDS`` order (campaigns, ad sets, ads, creatives), node by node: a read streams each
    edge page by page and never holds its raw nodes. Of each node, its id, parent, name, marker and
    normalised fields wait for the edge's last page (addresses depend on sibling names that clash);
    between edges only the paths and managed flags later edges need are kept, and each ad with its
    creative id until the creatives are read."""

    def __init__(self, account: str) -> None:
        self.address = AddressBook(META, account)
        self.out: list[Resource] = []
        self.paths: dict[str, str] = {}
        self.managed: dict[str, bool] = {}
        #: Ads in read order with their creative ids: creatives take their paths from them.
        self.ads: list[tuple[Resource, str]] = []
        #: Region key → (name, country) as Meta reports them in ad set targeting (normalisation keeps only
        #: the key): what ``names_of`` reads region ids back into ISO 3166-2 codes from.
        self.region_names: dict[str, tuple[str, str | None]] = {}
        #: City key → (name, region name, country) as Meta reports them: what ``names_of`` writes city
        #: entries (``San Francisco, US-CA``) from.
        self.city_names: dict[str, tuple[str, str | None, str]] = {}
        #: Campaign id → its bid strategy, and whether it carries the budget. Meta reads an ad set's bid
        #: strategy as its campaign's when it has none of its own (believed): under a campaign budget that is
        #: no strategy of the ad set's; on ad set budgets it is the one the ad set bids with.
        self.strategies: dict[str, tuple[str, bool]] = {}
        self._next = 0

    def _noting_places(self, nodes: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
        for node in nodes:
            targeting = node.get("targeting") or {}
            for geo in ("geo_locations", "excluded_geo_locations"):
                for region in (targeting.get(geo) or {}).get("regions") or ():
                    if isinstance(region, Mapping) and region.get("name"):
                        country = region.get("country") or region.get("country_code")
                        self.region_names[str(region.get("key"))] = (str(region["name"]), country)
                for city in (targeting.get(geo) or {}).get("cities") or ():
                    if not isinstance(city, Mapping):
                        continue
                    country = city.get("country") or city.get("country_code")
                    if city.get("name") and country:
                        region = str(city["region"]) if city.get("region") else None
                        self.city_names[str(city.get("key"))] = (str(city["name"]), region, str(country))
            yield node

    def add(self, edge: str, nodes: Iterable[Mapping[str, Any]]) -> None:
        """Take in every node of ``edge`` (the next edge of ``READ_FIELDS``), iterating ``nodes`` once."""
        edges = list(READ_FIELDS)
        if edges.index(edge) != self._next:
            raise ValueError(f"expected the nodes of {edges[self._next]!r}, got {edge!r}")
        self._take(edge, nodes)
        self._next += 1

    def _take(self, edge: str, nodes: Iterable[Mapping[str, Any]]) -> None:
        """Every node of ``edge``, all or nothing: each edge gathers its nodes before it changes the reader,
        so nodes that stop midway (a failed call) leave it as it was, for a retry of the edge."""
        address, paths, managed = self.address, self.paths, self.managed
        if edge == "campaigns":
            campaigns = [(c["id"], c["name"], _labels(c), normalise("campaign", c)) for c in nodes]
            managed.update({id_: marked for id_, _, marked, _ in campaigns})
            paths.update(
                unique_paths(
                    [
                        Candidate(id_, join("", name), managed[id_], i)
                        for i, (id_, name, _, _) in enumerate(campaigns)
                    ]
                )
            )
            self.out.extend(
                Resource(address("campaign", paths[id_]), fields, {}, id_, managed[id_])
                for id_, _, _, fields in campaigns
            )
            self.strategies.update(
                (
                    id_,
                    (
                        fields.get("bid_strategy") or META_DEFAULT_BID_STRATEGY,
                        bool(META_BUDGET_FIELDS & set(fields)),
                    ),
                )
                for id_, _, _, fields in campaigns
            )
        elif edge == "adsets":
            for id_, parent, _, _, fields, _ in self._children(
                self._noting_places(nodes), "campaign_id", "adset"
            ):
                strategy, budgeted = self.strategies.get(parent, (None, True))
                if not budgeted:  # on a budget of its own: the strategy it bids with, its campaign's if none
                    fields.setdefault("bid_strategy", strategy)
                elif fields.get("bid_strategy") == strategy:
                    del fields[
                        "bid_strategy"
                    ]  # under a campaign budget, its campaign's is no strategy of its own
                refs = {"campaign": address("campaign", paths[parent])}
                self.out.append(Resource(address("adset", paths[id_]), fields, refs, id_, managed[id_]))
        elif edge == "ads":
            for id_, parent, _, _, fields, creative_id in self._children(nodes, "adset_id", "ad"):
                refs = {"adset": address("adset", paths[parent])}
                self.ads.append(
                    (Resource(address("ad", paths[id_]), fields, refs, id_, managed[id_]), creative_id)
                )
        else:
            self._creatives(nodes)

    def resources(self) -> list[Resource]:
        """Every Resource read, in address order (once every edge was added)."""
        if self._next != len(READ_FIELDS):
            raise ValueError(f"the nodes of {list(READ_FIELDS)[self._next]!r} were not added")
        self.out.sort(key=lambda r: r.address.sort_key())
        return self.out

    def _children(self, nodes: Iterable[Mapping[str, Any]], parent_key: str, kind: str) -> list[_Node]:
        """The nodes whose parent (``node[parent_key]``) is live, in read order.

        Adds each one's managed flag (its parent's, or its own marker) to ``managed`` and its path under
        the parent's to ``paths``.
        """
        paths, managed = self.paths, self.managed
        children = [
            (n["id"], parent, n["name"], _labels(n), normalise(kind, n), _creative_id(n))
            for n in nodes
            if (parent := n.get(parent_key)) in paths
        ]
        for id_, parent, _, marked, _, _ in children:
            managed[id_] = managed[parent] or marked
        paths.update(
            unique_paths(
                [
                    Candidate(id_, join(paths[parent], name), managed[id_], i)
                    for i, (id_, parent, name, _, _, _) in enumerate(children)
                ]
            )
        )
        return children

    def _creatives(self, nodes: Iterable[Mapping[str, Any]]) -> None:
        # id → (name, own marker, fields), in read order.
        nodes_by_id = {c["id"]: c for c in nodes}
        creatives = {
            id_: (str(c.get("name", "")), _labels(c), normalise("adcreative", c))
            for id_, c in nodes_by_id.items()
        }
        creative_path: dict[str, str] = {}
        creative_managed: dict[str, bool] = {}
        for _, (ad, creative_id) in sorted(
            enumerate(self.ads), key=lambda item: (not item[1][0].managed, item[0])
        ):
            if creative_id in creatives and creative_id not in creative_path:
                creative_path[creative_id] = ad.address.path
                creative_managed[creative_id] = ad.managed or creatives[creative_id][1]
        # A marked creative no ad uses is addressed by its name, which MIDAS sets to the creative's path, so
        # that the next plan can adopt it: an apply died between creating it and its ad, or while replacing
        # the creative at that path — the new one made, the old one not deleted yet. Then two creatives share
        # the path, and the planner tells them apart by the record and the journal's claims
        # (``planner.replacements_made``).
        for creative_id, (name, marked, _) in creatives.items():
            if creative_id not in creative_path and marked and name.count("/") == 2:
                creative_path[creative_id] = name
                creative_managed[creative_id] = True
        for creative_id, path in creative_path.items():
            note = unexpressed_creative(nodes_by_id[creative_id])
            self.out.append(
                Resource(
                    self.address("adcreative", path),
                    creatives[creative_id][2],
                    {},
                    creative_id,
                    creative_managed[creative_id],
                    warnings=(note,) if note else (),
                )
            )
        for ad, creative_id in self.ads:
            if creative_id in creative_path:
                ad.refs["creative"] = self.address("adcreative", creative_path[creative_id])
            self.out.append(ad)
        self.ads = []


def _creative_id(node: Mapping[str, Any]) -> str:
    return str((node.get("creative") or {}).get("id", ""))


# --- creatives ------------------------------------------------------------------------------------
def story_spec(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The ``object_story_spec`` Meta builds a link, video or photo ad from, out of normalised creative
    fields.

    Link ads: ``link_data`` {link, message, name (headline), description, picture or image_hash,
    call_to_action, caption (its display link: ``spec._meta_display_link``)}; video ads: ``video_data``
    {video_id, message, title, link_description, image_url or image_hash (its thumbnail), call_to_action};
    an image without a link (an image ad sending people nowhere,
    which compile gives no title, description nor call to action): a photo post, ``photo_data`` {url or
    image_hash, caption (its body)} (facebook-business AdCreativeLinkData, AdCreativeVideoData,
    AdCreativePhotoData). ``page_id`` is the Facebook Page the ad runs as (Meta requires it; the sandbox does
    not).
    """
    link = fields.get("link_url")
    action = _call_to_action(fields)
    if fields.get("cards"):
        data = {
            "link": link,
            "message": fields.get("body"),
            "child_attachments": [_child_attachment(card) for card in fields["cards"]],
            **{k: fields[k] for k in _CAROUSEL_OPTIONS if fields.get(k) is not None},
        }
        story: dict[str, Any] = {"link_data": data}
    elif fields.get("video_id"):
        data = {
            "video_id": fields["video_id"],
            "message": fields.get("body"),
            "title": fields.get("title"),
            "link_description": fields.get("description"),
            "image_url": fields.get("image_url"),
            "image_hash": fields.get("image_hash"),
            "call_to_action": action,
        }
        story = {"video_data": data}
    elif not link and (fields.get("image_url") or fields.get("image_hash")):
        data = {
            "url": fields.get("image_url"),
            "image_hash": fields.get("image_hash"),
            "caption": fields.get("body"),
        }
        story = {"photo_data": data}
    else:
        data = {
            "link": link,
            "message": fields.get("body"),
            "name": fields.get("title"),
            "description": fields.get("description"),
            "picture": fields.get("image_url"),
            "image_hash": fields.get("image_hash"),
            "call_to_action": action,
        }
        # A catalog ad's template link post takes link data's fields (``spec._meta_catalog``), and its format.
        if fields.get("template"):
            data["call_to_action"] = _template_action(action)
            data.update(template_format_wire(fields))
            if fields.get(STATIC_BEFORE) or fields.get(STATIC_AFTER):
                data = _template_with_cards(data, fields)
        elif fields.get(DISPLAY_LINK):
            # The display link shown in place of its link's domain (``spec._meta_display_link``).
            data["caption"] = fields[DISPLAY_LINK]
        story = {"template_data" if fields.get("template") else "link_data": data}
    if fields.get("page_welcome_message") and "photo_data" not in story:
        # A click-to-message ad's greeting (``meta_welcome``), JSON text as the SDK types it.
        story[next(iter(story))]["page_welcome_message"] = welcome_to_wire(fields["page_welcome_message"])
    for value in story.values():
        for key in [k for k, v in value.items() if v in (None, "")]:
            del value[key]
    if fields.get("page_id"):
        story["page_id"] = str(fields["page_id"])
    if fields.get("instagram_user_id"):
        # The Instagram account the ad runs as (``spec._meta_messaging``, ``spec._meta_instagram_identity``).
        story["instagram_user_id"] = str(fields["instagram_user_id"])
    return story


#: A carousel's link data options (facebook-business AdCreativeLinkData), sent and read as they are.
_CAROUSEL_OPTIONS: Final = ("multi_share_optimized", "multi_share_end_card")

#: A catalog template's format (normalised ``catalog_format``, the spec's ``meta.catalog_format``: the names
#: of ``spec.models.CatalogFormat``) → the ``template_data`` settings Meta's guide to Advantage+ catalog ads
#: makes it with (facebook-business AdCreativeLinkData): none, Meta's default, a carousel of several
#: products whose number Meta picks; ``force_single_link`` "a link page post ad showing a single product";
#: ``show_multiple_images`` "multiple images in the carousel for a single product", for which
#: "force_single_link and multi_share_end_card must be set to true and false respectively"; ``format_option``
#: ``carousel_slideshows``, each card a slideshow of one product's images.
CATALOG_FORMAT_WIRE: Final[dict[CatalogFormat, dict[str, Any]]] = {
    "carousel": {},
    "single": {"force_single_link": True},
    "product_images": {
        "force_single_link": True,
        "show_multiple_images": True,
        "multi_share_end_card": False,
    },
    "slideshows": {"format_option": "carousel_slideshows"},
}
#: ``CATALOG_FORMAT_WIRE`` by any name (a format read from Meta may be none of the spec's).
_WIRE_OF: Final[dict[str, dict[str, Any]]] = {str(k): v for k, v in CATALOG_FORMAT_WIRE.items()}
#: A template's ``format_option`` values (facebook-business 26.0.3 AdCreativeLinkData.FormatOption; the
#: sandbox refuses another, and ``tests/test_meta_graph.py`` checks the copy against the SDK's).
TEMPLATE_FORMAT_OPTIONS: Final = frozenset(
    {"carousel_ar_effects", "carousel_images_multi_items", "carousel_images_single_item",
     "carousel_slideshows", "collection_video", "single_image"}
)  # fmt: skip
#: The settings of a template's format (``CATALOG_FORMAT_WIRE``), read when true: they decide its format.
_FORMAT_SETTINGS: Final = ("force_single_link", "show_multiple_images")
#: A format_option → the spec format it agrees with: one of ``CATALOG_FORMAT_WIRE``'s and the SDK's others
#: that name one (which Meta echoes on a template, and for which format, is unconfirmed). Another value (the
#: SDK's ``collection_video``, ``carousel_ar_effects``, or none of the SDK's) agrees with none.
_FORMAT_OF_OPTION: Final[dict[str, CatalogFormat]] = {
    **{w["format_option"]: f for f, w in CATALOG_FORMAT_WIRE.items() if "format_option" in w},
    "carousel_images_multi_items": "carousel",
    "carousel_images_single_item": "product_images",
    "single_image": "single",
}
#: The format of a template's settings (those true, in ``_FORMAT_SETTINGS`` order).
_FORMAT_OF_SETTINGS: Final[dict[tuple[str, ...], CatalogFormat]] = {
    tuple(k for k in _FORMAT_SETTINGS if w.get(k) is True): f
    for f, w in CATALOG_FORMAT_WIRE.items()
    if "format_option" not in w
}
#: A read format of no spec's name, written as its wire setting, so never one of the spec's names: a
#: ``format_option`` alone that agrees with none (``format_option=collection_video``), and
#: ``show_multiple_images`` without ``force_single_link``.
_OWN_OPTION: Final = "format_option="
_IMAGES_ALONE: Final = "show_multiple_images=true"


def template_format_wire(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The ``template_data`` settings of a catalog template's format and end card (``CATALOG_FORMAT_WIRE``;
    a format of none of its names, as read from Meta, goes back as what it was read from:
    ``template_format_fields``); an end card is sent when dropped (Meta's default shows it), or as read on a
    format of no spec's name, but never on a single product's nor one product's images (which always go
    without it, as Meta's guide requires). A ``format_option`` held apart (``TEMPLATE_FORMAT_OPTION``) is
    never sent."""
    fmt = fields.get("catalog_format")
    out: dict[str, Any] = {}
    if fmt in _WIRE_OF:
        out.update(_WIRE_OF[fmt])
    elif fmt == _IMAGES_ALONE:
        out["show_multiple_images"] = True
    elif isinstance(fmt, str) and fmt.startswith(_OWN_OPTION):
        out["format_option"] = fmt.removeprefix(_OWN_OPTION)
    if fields.get("multi_share_end_card") is not None and fmt not in FORMATS_WITHOUT_END_CARD:
        out["multi_share_end_card"] = fields["multi_share_end_card"]
    return out


def template_format_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """Inverse of ``template_format_wire``: a template's format (absent for Meta's default carousel), its end
    card when dropped (a carousel's alone: none is read on a single product's nor one product's images), and
    a ``format_option`` held apart (``TEMPLATE_FORMAT_OPTION``).

    Its settings (``force_single_link``, ``show_multiple_images``) decide the format: a ``format_option``
    beside them agreeing with their format is theirs, one disagreeing is held apart, never sent nor compared
    (Meta may echo one it was not sent: unconfirmed; that must be no perpetual diff), which import refuses by
    name and a restore drops. ``show_multiple_images`` without ``force_single_link`` is no spec's format:
    read as itself (``show_multiple_images=true``). A ``format_option`` alone reads as the format it agrees
    with (``_FORMAT_OF_OPTION``), else as itself (``format_option=collection_video``; never a spec's format,
    whatever its value): drift shows it, import refuses it by name and a restore sends it back."""
    settings = tuple(k for k in _FORMAT_SETTINGS if data.get(k) is True)
    raw = data.get("format_option")
    option = raw if isinstance(raw, str) and raw else None
    out: dict[str, Any] = {}
    fmt: str
    if settings:
        fmt = _FORMAT_OF_SETTINGS.get(settings, _IMAGES_ALONE)
        if option is not None and _FORMAT_OF_OPTION.get(option) != fmt:
            out[TEMPLATE_FORMAT_OPTION] = option
    elif option is not None:
        fmt = _FORMAT_OF_OPTION.get(option) or f"{_OWN_OPTION}{option}"
    else:
        fmt = "carousel"
    if fmt != "carousel":
        out["catalog_format"] = fmt
    if fmt not in FORMATS_WITHOUT_END_CARD and data.get("multi_share_end_card") is False:
        out["multi_share_end_card"] = False
    return out


def template_format_words(fmt: str) -> str:
    """A read template's format of none of the spec's names (``template_format_fields``) as the
    ``template_data`` it was read from, for people: ``format_option 'collection_video'``,
    ``show_multiple_images true without force_single_link``."""
    if fmt == _IMAGES_ALONE:
        return "show_multiple_images true without force_single_link"
    return f"format_option {fmt.removeprefix(_OWN_OPTION)!r}"


def held_option_words(option: str, fmt: str) -> str:
    """A ``format_option`` held apart (``TEMPLATE_FORMAT_OPTION``) beside the settings of format ``fmt``, for
    people: ``format_option 'collection_video' beside force_single_link true (catalog_format single)``."""
    wire = template_format_wire({"catalog_format": fmt})
    settings = " and ".join(f"{k} true" for k in _FORMAT_SETTINGS if wire.get(k) is True)
    said = f" (catalog_format {fmt})" if fmt in _WIRE_OF else ""
    return f"format_option {option!r} beside {settings}{said}"


#: A carousel card's normalised fields → its child attachment's (facebook-business
#: AdCreativeLinkDataChildAttachment: ``link``, ``name``, ``description``, ``picture``, ``image_hash``,
#: ``video_id``).
CARD_WIRE: Final = (
    ("link_url", "link"), ("title", "name"), ("description", "description"), ("image_url", "picture"),
    ("image_hash", "image_hash"), ("video_id", "video_id"),
)  # fmt: skip


def _call_to_action(fields: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``call_to_action`` of a link, video or card (None without a type): its type, to its link, and
    the messaging app it opens (``app_destination``: a click-to-message ad's, as Meta's guides send it) or
    the instant form (``lead_gen_form_id``: a lead ad's, as Meta's lead ads examples send it)."""
    if not fields.get("call_to_action_type"):
        return None
    action: dict[str, Any] = {"type": fields["call_to_action_type"]}
    target = {
        "link": fields.get("link_url"),
        "app_destination": fields.get("app_destination"),
        "lead_gen_form_id": fields.get("lead_gen_form_id"),
    }
    if target := {k: v for k, v in target.items() if v}:
        action["value"] = target
    return action


def _child_attachment(card: Mapping[str, Any]) -> dict[str, Any]:
    out = {wire: card[field] for field, wire in CARD_WIRE if card.get(field) not in (None, "")}
    if (action := _call_to_action(card)) is not None:
        out["call_to_action"] = action
    return out


#: A template's texts and call to action that its product card carries when it has static cards (Meta's
#: "Get Started with Advantage+ Catalog Ads" example "with the first card as a coupon static card": its
#: ``child_attachments`` are the static card, ``static_card`` true, then a card of ``name``, ``description``
#: and ``call_to_action`` ``{"type": …}`` carrying the template tags, the template keeping ``link`` and
#: ``message``).
_PRODUCT_CARD_KEYS: Final = ("name", "description", "call_to_action")


def _template_with_cards(data: dict[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """A template's ``data`` with its static cards (``STATIC_BEFORE``, ``STATIC_AFTER``): its
    ``child_attachments`` are the cards before, each ``static_card`` true, its product card (of its name,
    description and call to action type, ``_PRODUCT_CARD_KEYS``), then the cards after (Meta: "The static
    cards appear either before or after all Advantage+ catalog ads"; that a static card after the product card
    shows after the products is read from that sentence and the order of ``child_attachments``, Meta's guide
    showing a card before only: unconfirmed). Each button is its type alone (``_template_action``)."""
    out = {k: v for k, v in data.items() if k not in _PRODUCT_CARD_KEYS}
    product: dict[str, Any] = {k: data[k] for k in ("name", "description") if data.get(k) not in (None, "")}
    if fields.get("call_to_action_type"):
        product["call_to_action"] = {"type": fields["call_to_action_type"]}
    out["child_attachments"] = [
        *(_static_card(card) for card in fields.get(STATIC_BEFORE) or ()),
        product,
        *(_static_card(card) for card in fields.get(STATIC_AFTER) or ()),
    ]
    return out


def _static_card(card: Mapping[str, Any]) -> dict[str, Any]:
    """A static card's child attachment: a carousel card's, ``static_card`` true, its button of its type alone
    to the card's own ``link`` (``_template_action``)."""
    out: dict[str, Any] = {**_child_attachment(card), "static_card": True}
    if (action := _template_action(out.get("call_to_action"))) is not None:
        out["call_to_action"] = action
    return out


def _template_action(action: dict[str, Any] | None) -> dict[str, Any] | None:
    """A catalog template's (or its static card's) ``call_to_action`` without ``value.link``: Meta's "Get
    Started with Advantage+ Catalog Ads" template fields table says of ``call_to_action`` "The `value` field
    should be omitted", its coupon example's static card sending ``{"type": "SHOP_NOW"}`` beside the card's
    own ``link`` (confirmed in the guide's Step 3 "Build a template creative" table). The link is the
    template's (the card's) own; a button read with it (sent so before) reads the same (``_read_action``),
    so such a creative plans no change. Other destinations of its ``value`` are kept (none on a MIDAS
    template; import refuses them by name)."""
    if action is None:
        return None
    target = {k: v for k, v in (action.get("value") or {}).items() if k != "link"}
    return {**{k: v for k, v in action.items() if k != "value"}, **({"value": target} if target else {})}


#: Where a template's cards are on the wire, for people.
_CARDS_AT: Final = "object_story_spec.template_data.child_attachments"


def template_cards(data: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Inverse of ``_template_with_cards``: the normalised fields a template's ``child_attachments`` hold (its
    static cards before and after its product card, the product card's title, description and call to
    action), and why they are none a spec says (None when they are).

    The fields are read best-effort whatever the shape, so that a plan, a drift and a snapshot compare what is
    live rather than a read without the cards: each card by its place around the product card (the one card
    not ``static_card`` true; of several, the first without a ``link`` of its own, as MIDAS sends it, else the
    first; of none, every card before), with its settings a spec cannot say kept (``_card_fields``, as a
    carousel's) and a card beside them not static read with ``static_card`` false; the product card's texts
    and button. A spec says them when there is one product card among static cards, of
    ``_PRODUCT_CARD_KEYS`` alone and texts not also the template's own; static cards each of a link and an
    image or video, of no setting a spec cannot say (``_card_settings``), on a carousel of several products
    (not a single product's nor one product's images: Meta's static cards are "for the carousel format",
    ``spec._meta_catalog``); one call to action on all."""
    cards = data.get("child_attachments")
    if not isinstance(cards, list) or not all(isinstance(card, Mapping) for card in cards):
        return {}, f"{_CARDS_AT} not a list of cards"
    products = [i for i, card in enumerate(cards) if card.get("static_card") is not True]
    own_link = [i for i in products if _card_link(cards[i]) is None]
    at = (own_link or products or [len(cards)])[0]
    out: dict[str, Any] = {}
    problems: list[str] = []
    if len(products) != 1:
        problems.append(
            f"{_CARDS_AT} with {len(products)} product cards (static_card not true); expected one, among the "
            "static cards"
        )
    fmt = template_format_fields(data).get("catalog_format")
    if fmt in FORMATS_WITHOUT_END_CARD and len(products) < len(cards):
        problems.append(
            f"{_CARDS_AT} of static cards on a template of catalog_format {fmt} (one product's); expected "
            "them only on a carousel of several products (Meta's static cards are the carousel format's)"
        )
    for index, card in enumerate(cards):
        # A button's destinations other than its card's link (an app, a form …), which no card of MIDAS's has.
        if targets := _unexpressed_action_targets(card.get("call_to_action"), f"[{index}].call_to_action"):
            problems.append(f"{_CARDS_AT}{targets[0][0]} {_shown(targets[0][1])}")
    if at < len(cards):
        problems += _product_card(data, cards[at], at, out)
    actions = {out.get("call_to_action_type")} if at < len(cards) else set()
    for key, side in ((STATIC_BEFORE, cards[:at]), (STATIC_AFTER, cards[at + 1 :])):
        read = []
        for offset, card in enumerate(side):
            index = offset if key == STATIC_BEFORE else at + 1 + offset
            fields = {k: v for k, v in _card_fields(card).items() if k != "static_card"}
            if card.get("static_card") is not True:
                fields["static_card"] = False  # a product card where static cards are: drift names it
            settings = [k for k in _card_settings(card) if k != "static_card"]
            if settings:
                problems.append(f"{_CARDS_AT}[{index}] (a static card) with {', '.join(settings)}")
            if "link_url" not in fields or not fields.keys() & {"image_url", "image_hash", "video_id"}:
                problems.append(f"{_CARDS_AT}[{index}] (a static card) without a link and an image or video")
            actions.add(fields.get("call_to_action_type"))
            read.append(fields)
        if read:
            out[key] = read
    if len(actions) > 1:
        named = ", ".join(sorted(str(a or "none") for a in actions))
        problems.append(f"{_CARDS_AT} whose cards have different calls to action ({named})")
    return out, (problems[0] if problems else None)


def _card_link(card: Mapping[str, Any]) -> str | None:
    """A card's own link (``link``, or its button's ``value.link``); None for none."""
    fields = _card_fields(card)
    return str(fields["link_url"]) if fields.get("link_url") else None


def _product_card(
    data: Mapping[str, Any], product: Mapping[str, Any], at: int, out: dict[str, Any]
) -> list[str]:
    """Read a template's product card (``child_attachments[at]``) into ``out`` (its title, description and
    call to action, and its other settings as ``PRODUCT_CARD``), returning what about it no spec says:
    settings beside its texts and button, or a text or button beside the template's own other one."""
    problems: list[str] = []
    if extra := sorted(k for k, v in product.items() if k not in _PRODUCT_CARD_KEYS and v not in _UNSET):
        # Kept under Meta's names, so that a drift and a plan name them as a static card's (MIDAS sends none).
        out[PRODUCT_CARD] = {k: product[k] for k in extra}
        named = ", ".join(extra)
        problems.append(
            f"{_CARDS_AT}[{at}] (the product card) with {named}; expected its texts and button alone"
        )
    for wire, field in (("name", "title"), ("description", "description")):
        if product.get(wire) not in (None, ""):
            if data.get(wire) not in (None, "") and data[wire] != product[wire]:
                problems.append(f"{_CARDS_AT}[{at}].{wire} beside the template's own {wire}")
            out[field] = product[wire]
    action: dict[str, Any] = {}
    _read_action(product.get("call_to_action"), action)
    if "call_to_action_type" in action:
        out["call_to_action_type"] = action["call_to_action_type"]
    own: dict[str, Any] = {}
    _read_action(data.get("call_to_action"), own)
    if own.get("call_to_action_type") not in (None, out.get("call_to_action_type")):
        problems.append(f"{_CARDS_AT}[{at}].call_to_action beside the template's own other call_to_action")
    return problems


#: A carousel card's keys a spec says: ``CARD_WIRE``'s and its call to action.
_CARD_KEYS: Final = frozenset({wire for _, wire in CARD_WIRE} | {"call_to_action"})
#: Values that set nothing: what Meta may echo a setting with when it is not set.
_UNSET: Final[tuple[Any, ...]] = (None, "", [], {}, False)


def _card_fields(attachment: Mapping[str, Any]) -> dict[str, Any]:
    """Inverse of ``_child_attachment``: a card's normalised fields (its link, when the attachment has none,
    its call to action's), with its other settings (``_card_settings``) as they are, so that a plan or a
    drift compares them (MIDAS never sends them)."""
    out = {field: attachment[wire] for field, wire in CARD_WIRE if attachment.get(wire) not in (None, "")}
    _read_action(attachment.get("call_to_action"), out)
    for key, value in _card_settings(attachment).items():
        out.setdefault(key, value)
    return _hash_over_url(out)


#: The normalised fields of a card MIDAS sends (``_child_attachment``); a card's others are read alone.
_SENT_CARD_FIELDS: Final = frozenset({field for field, _ in CARD_WIRE} | {"call_to_action_type"})


def unsent_card_settings(fields: Mapping[str, Any]) -> list[str]:
    """The settings a creative's normalised ``fields`` hold on its cards (a carousel's ``cards``, a template's
    static cards, its product card's: ``PRODUCT_CARD``) that MIDAS never sends, read from a console's edit
    (``_card_fields``: ``image_crops`` …, ``static_card`` false on a card among static ones), as
    ``<field>[<index>].<key>`` (``product_card.<key>``): what a creative MIDAS makes of ``fields`` runs
    without."""
    out = []
    for key in ("cards", STATIC_BEFORE, STATIC_AFTER):
        for index, card in enumerate(fields.get(key) or ()):
            if isinstance(card, Mapping):
                out += [f"{key}[{index}].{k}" for k in card if k not in _SENT_CARD_FIELDS]
    if isinstance(product := fields.get(PRODUCT_CARD), Mapping):
        out += [f"{PRODUCT_CARD}.{k}" for k in product]
    return out


def _card_settings(attachment: Mapping[str, Any]) -> dict[str, Any]:
    """The settings of a card a spec cannot say (facebook-business AdCreativeLinkDataChildAttachment's
    ``image_crops``, ``caption``, ``android_url``, ``static_card`` … or a key unknown to it), by key."""
    return {k: v for k, v in sorted(attachment.items()) if k not in _CARD_KEYS and v not in _UNSET}


def _read_action(action: Any, out: dict[str, Any]) -> None:
    if isinstance(action, Mapping) and action.get("type"):
        out["call_to_action_type"] = action["type"]
        target = action.get("value")
        if "link_url" not in out and isinstance(target, Mapping) and target.get("link"):
            out["link_url"] = target["link"]
        if isinstance(target, Mapping) and target.get("app_destination"):
            out["app_destination"] = target["app_destination"]
        if isinstance(target, Mapping) and target.get("lead_gen_form_id") not in (None, ""):
            # An id, which the SDK types a string (a number as read is the same form).
            out["lead_gen_form_id"] = str(target["lead_gen_form_id"])


#: The page posts an ``object_story_spec`` may make other than a link, video or photo ad (facebook-business
#: AdCreativeObjectStorySpec; Meta's reference: "text_data: … a text page post", "template_data: … a
#: template link page post as used in Dynamic Product Ads", "product_data: The spec for products to enable
#: catalog related experience").
_OTHER_STORIES: Final = {
    "text_data": "a text page post ad",
    "product_data": "a catalog products ad",
}
#: What to do instead of the page posts of ``_OTHER_STORIES`` that a spec could say another way. A text post:
#: Meta's reference has AdCreativeTextData ("Data defining a text page post used for an ad": ``message``
#: alone), but its guide to making an ad creative names the formats "image, video, or carousel"; that Meta
#: makes a new ad of text alone is unconfirmed, so MIDAS makes none. Products: facebook-business 26.0.3
#: types ``product_data`` a list of AdCreativeProductData (``product_id``, ``product_source``), which Meta's
#: reference says only enables "catalog related experience"; none of its guides the search tool holds
#: (Advantage+ catalog ads, ad creatives) makes an ad of it, whose catalog ads are templates, so MIDAS makes
#: none (checked 2026-11; what such an ad shows is unconfirmed).
_OTHER_STORY_ADVICE: Final = {
    "product_data": (
        ": Meta's reference gives product_data (product_id, product_source) only as products that enable a "
        "catalog related experience, and none of its guides makes an ad of it; a catalog ad MIDAS makes is a "
        "template (type: catalog in a meta.catalog campaign, Meta's Advantage+ catalog ads), which shows the "
        "products of its ad set's product set"
    ),
    "text_data": (
        ": a post of text alone is no ad format Meta's guide to making ad creatives offers (image, video or "
        "carousel); write it as an image or video creative, or publish the post on the Page and run it as a "
        "type: post creative"
    ),
}
_UNEXPRESSED: Final = (
    "which the spec language cannot express (MIDAS makes link, video and carousel ads, photo ads sending "
    "people nowhere and ads running an existing Page post)"
)


def unexpressed_creative(node: Mapping[str, Any]) -> str | None:
    """What kind of ad a creative read from Meta is when it is none MIDAS makes (None when it is a link,
    video, carousel or photo ad, as ``story_spec`` writes them, an existing Page post's (``object_story_id``
    without a story spec), or a creative of flat fields only): a carousel whose cards the spec cannot say
    (``_unexpressed_cards``), link data without a link (read flat, it would be a photo post's fields), a
    photo post without an image, another page post (``_OTHER_STORIES``), or one with settings MIDAS never
    writes (``_unexpressed_story_settings``). Read creatives carry it as a warning, which import refuses them
    with."""
    story = node.get("object_story_spec")
    if not isinstance(story, Mapping) or not story:
        return None
    if settings := _unexpressed_story_settings(story):
        # Of a link ad, only a call to action's destinations are named; the call to action, of a carousel.
        carousel_action = any(s.startswith("object_story_spec.link_data.call_to_action ") for s in settings)
        advice = _CAROUSEL_ACTION_ADVICE if carousel_action else ""
        return f"has {' and '.join(settings)}, which the spec language cannot express{advice}"
    if is_dynamic_feed(story, node.get("asset_feed_spec")):
        # A dynamic creative: the Page alone, all else in its feed (``spec._meta_dynamic_creative``).
        return None
    link, photo = story.get("link_data"), story.get("photo_data")
    template = story.get("template_data")
    if isinstance(template, Mapping) and not isinstance(link, Mapping):
        if "link_url" not in story_fields(story):
            return (
                "is a catalog ad template (object_story_spec.template_data) without a link, "
                f"{_UNEXPRESSED}: a MIDAS catalog creative is a template link post to its final_url"
            )
        if template.get("child_attachments") not in _UNSET:
            _, problem = template_cards(template)
            if problem is not None:
                return (
                    f"is a catalog ad template with {problem}, {_UNEXPRESSED}: a MIDAS catalog creative's "
                    "cards are its meta.static_cards, before or after its one product card, each of a link "
                    "and an image or video, all taking the creative's call_to_action"
                )
        return None
    if isinstance(link, Mapping) and link.get("child_attachments"):
        return _unexpressed_cards(link["child_attachments"])
    if isinstance(link, Mapping) and "link_url" not in story_fields({"link_data": link}):
        return (
            "is a link ad without a link (neither object_story_spec.link_data.link nor a call to action's "
            f"link), {_UNEXPRESSED}: a MIDAS link ad sends people to its final_url"
        )
    if isinstance(link, Mapping) or isinstance(story.get("video_data"), Mapping):
        return None
    if isinstance(photo, Mapping):
        if photo.get("url") or photo.get("image_hash"):
            return None
        return (
            "is a photo page post ad (object_story_spec.photo_data) without an image (url or image_hash), "
            f"{_UNEXPRESSED}"
        )
    for key, kind in _OTHER_STORIES.items():
        if story.get(key):
            return f"is {kind} (object_story_spec.{key}), {_UNEXPRESSED}{_OTHER_STORY_ADVICE.get(key, '')}"
    return f"has an object_story_spec without link_data or video_data, {_UNEXPRESSED}"


#: Settings of a story spec that change whose ad it is, what it shows or where it sends people, which MIDAS
#: never writes (facebook-business AdCreativeObjectStorySpec, AdCreativeLinkData, AdCreativeVideoData,
#: AdCreativePhotoData, AdCreativeLinkDataCallToActionValue). Written as the rest of the creative alone, the
#: ad MIDAS made the next time the creative changes would run without them: an instant form's ad as a
#: website link ad, an Instagram account's ad as its Page's. Settings Meta may echo with their defaults
#: (``attachment_style``, ``format_option`` — a template's is its format, read: ``template_format_fields`` —,
#: a call to action's ``link_format``, a photo post's ``branded_content_shared_to_sponsor_status``) are left
#: out.
_UNEXPRESSED_STORY_KEYS: Final[dict[str, tuple[str, ...]]] = {
    # The Instagram account an ad runs as: MIDAS writes one (``spec._meta_instagram_identity``), but not two
    # keys naming different accounts (``_unexpressed_story_settings``).
    "": ("instagram_user_id", "instagram_actor_id", "whats_app_business_phone_number"),
    # A link ad's ``caption`` is its display link (``spec._meta_display_link``); a carousel's is refused
    # (``_unexpressed_carousel_settings``).
    "link_data": (
        "app_link_spec", "branded_content_sponsor_page_id", "collection_thumbnails",
        "customization_rules_spec", "event_id", "image_crops", "image_overlay_spec", "offer_id",
        "post_click_configuration", "retailer_item_ids",
    ),
    "template_data": (
        "app_link_spec", "branded_content_sponsor_page_id", "caption", "customization_rules_spec",
        "image_overlay_spec", "picture", "image_hash", "retailer_item_ids",
    ),
    "video_data": (
        "branded_content_sponsor_page_id", "collection_thumbnails", "customization_rules_spec", "offer_id",
        "post_click_configuration", "retailer_item_ids", "targeting",
    ),
    "photo_data": ("branded_content_sponsor_page_id", "page_welcome_message"),
}  # fmt: skip
#: A call to action's destinations other than its ``link`` (and the messaging apps of
#: ``MESSAGING_DESTINATIONS`` on a link or video ad's own: ``_unexpressed_action_targets``), and the
#: ``link_caption`` it may show (facebook-business AdCreativeLinkDataCallToActionValue; Meta's reference:
#: "Caption shown in the attachment. The caption must be an actual URL"), which MIDAS never writes: a link
#: ad's display link is its ``link_data.caption`` (``spec._meta_display_link``); that Meta shows a video ad's
#: ``link_caption`` as its display link is unconfirmed, so import refuses a creative carrying one by name
#: rather than importing it without it. On a creative MIDAS manages, these are read into no field: plan and
#: drift neither compare nor warn of them (checked on the sandbox), and a replacement drops them.
_UNEXPRESSED_ACTION_KEYS: Final = (
    "android_url", "app_destination", "app_link", "event_id", "ios_url", "land_on_whatsapp_catalog",
    "land_on_whatsapp_profile", "lead_gen_form_id", "link_caption", "page", "product_link",
    "whatsapp_number",
)  # fmt: skip
_SHOWN_VALUE_LENGTH: Final = 60


def _unexpressed_story_settings(story: Mapping[str, Any]) -> list[str]:
    """Each setting of ``story`` in ``_UNEXPRESSED_STORY_KEYS`` / ``_UNEXPRESSED_ACTION_KEYS`` that is set,
    and a carousel's (``_unexpressed_carousel_settings``), as ``object_story_spec.<path> <value>``."""
    found: list[tuple[str, Any]] = []
    for part, keys in _UNEXPRESSED_STORY_KEYS.items():
        data = story.get(part) if part else story
        if not isinstance(data, Mapping):
            continue
        prefix = f"{part}." if part else ""
        if not part and _instagram_account(story):
            # One Instagram account, by either key: a creative's ``meta.instagram_identity``.
            keys = tuple(k for k in keys if k not in _INSTAGRAM_ACCOUNT_KEYS)
        found += [(f"{prefix}{key}", data[key]) for key in keys if data.get(key) not in (None, "", [], {})]
        found += _unexpressed_action_targets(
            data.get("call_to_action"),
            f"{prefix}call_to_action",
            messaging=part in ("link_data", "video_data"),
        )
    link = story.get("link_data")
    if isinstance(link, Mapping) and isinstance(link.get("child_attachments"), list):
        found += _unexpressed_carousel_settings(link)
    return [f"object_story_spec.{path} {_shown(value)}" for path, value in found]


def _unexpressed_action_targets(action: Any, path: str, *, messaging: bool = False) -> list[tuple[str, Any]]:
    """A call to action's destinations other than its link (``_UNEXPRESSED_ACTION_KEYS``) that are set, but
    for the messaging app a click-to-message ad opens and the instant form a lead ad opens (``messaging``: a
    link or video ad's own button, whose ``app_destination`` MIDAS writes when it is one app of
    ``MESSAGING_DESTINATIONS``, and whose ``lead_gen_form_id`` it writes)."""
    target = action.get("value") if isinstance(action, Mapping) else None
    if not isinstance(target, Mapping):
        return []
    return [
        (f"{path}.value.{key}", target[key])
        for key in _UNEXPRESSED_ACTION_KEYS
        if target.get(key) not in (None, "", [], {})
        and not (messaging and key == "app_destination" and target[key] in MESSAGING_DESTINATIONS)
        and not (messaging and key == "lead_gen_form_id")
    ]


#: Why a carousel's own call to action is refused (``_carousel_creative`` puts it on every card).
_CAROUSEL_ACTION_ADVICE: Final = (
    ": MIDAS gives a carousel's call_to_action to each of its cards (child_attachments[].call_to_action)"
)


def _unexpressed_carousel_settings(link: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """A carousel's settings MIDAS never sends: a call to action of the carousel's own beside its cards' (a
    MIDAS carousel's is each card's), and each card's settings other than ``_CARD_KEYS``
    (``_card_settings``) and its call to action's destinations other than its link."""
    found: list[tuple[str, Any]] = []
    if link.get("call_to_action") not in _UNSET:
        found.append(("link_data.call_to_action", link["call_to_action"]))
    if link["child_attachments"] and link.get("caption") not in _UNSET:
        # A link ad's display link (``spec._meta_display_link``), which MIDAS sends on no carousel.
        found.append(("link_data.caption", link["caption"]))
    for index, card in enumerate(link["child_attachments"]):
        if not isinstance(card, Mapping):
            continue
        path = f"link_data.child_attachments[{index}]"
        found += [(f"{path}.{key}", value) for key, value in _card_settings(card).items()]
        found += _unexpressed_action_targets(card.get("call_to_action"), f"{path}.call_to_action")
    return found


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_VALUE_LENGTH else f"{text[: _SHOWN_VALUE_LENGTH - 1]}…"


def _unexpressed_cards(cards: Any) -> str | None:
    """Why a carousel's cards (``link_data.child_attachments``) are none a spec's ``cards`` say (None when
    they are): each card needs a link and an image (by URL or hash) or an uploaded video, and all take one
    call to action (the creative's)."""
    carousel = "is a carousel ad (object_story_spec.link_data.child_attachments)"
    if not isinstance(cards, list) or not all(isinstance(card, Mapping) for card in cards):
        return f"{carousel} whose cards are not a list of cards, {_UNEXPRESSED}"
    read = [_card_fields(card) for card in cards]
    for number, fields in enumerate(read, start=1):
        if "link_url" not in fields:
            return (
                f"{carousel} whose card {number} has no link, {_UNEXPRESSED}: every card sends people to its "
                "final_url"
            )
        if not fields.keys() & {"image_url", "image_hash", "video_id"}:
            return (
                f"{carousel} whose card {number} shows neither picture, image_hash nor video_id, "
                f"{_UNEXPRESSED}: a card shows an image_url, an image_hash or a video_id"
            )
    actions = {fields.get("call_to_action_type") for fields in read}
    if len(actions) > 1:
        named = ", ".join(sorted(str(a or "none") for a in actions))
        return (
            f"{carousel} whose cards have different calls to action ({named}), {_UNEXPRESSED}: its cards "
            "take the creative's call_to_action"
        )
    return None


#: The creative fields each block of an ``object_story_spec`` holds, as (wire key, field) pairs.
STORY_WIRE: Final = {
    "photo_data": (("url", "image_url"), ("image_hash", "image_hash"), ("caption", "body")),
    "video_data": (("video_id", "video_id"), ("message", "body"), ("title", "title"),
                   ("link_description", "description"), ("image_url", "image_url"),
                   ("image_hash", "image_hash")),
    "link_data": (("link", "link_url"), ("message", "body"), ("name", "title"),
                  ("description", "description"), ("picture", "image_url"), ("image_hash", "image_hash")),
    "template_data": (("link", "link_url"), ("message", "body"), ("name", "title"),
                      ("description", "description")),
}  # fmt: skip
#: Those of a carousel's ``link_data`` (its cards hold the rest: ``CARD_WIRE``).
CAROUSEL_WIRE: Final = (("link", "link_url"), ("message", "body"))


def story_block(story: Any) -> str | None:
    """The block of an ``object_story_spec`` that holds the creative's fields (a photo's only alone); None
    for none."""
    if not isinstance(story, Mapping):
        return None
    video, link, photo = story.get("video_data"), story.get("link_data"), story.get("photo_data")
    if isinstance(photo, Mapping) and not isinstance(link, Mapping) and not isinstance(video, Mapping):
        return "photo_data"
    if isinstance(video, Mapping):
        return "video_data"
    if not isinstance(link, Mapping) and isinstance(story.get("template_data"), Mapping):
        return "template_data"
    return "link_data" if isinstance(link, Mapping) else None


def story_wire(story: Mapping[str, Any], block: str) -> tuple[tuple[str, str], ...]:
    """The (wire key, field) pairs of ``block`` of ``story`` (``STORY_WIRE``; ``CAROUSEL_WIRE`` for a
    carousel's link data)."""
    cards = story[block].get("child_attachments") if block == "link_data" else None
    return CAROUSEL_WIRE if isinstance(cards, list) and cards else STORY_WIRE[block]


def story_fields(story: Any) -> dict[str, Any]:
    """Inverse of ``story_spec``: the normalised creative fields an ``object_story_spec`` holds."""
    if not isinstance(story, Mapping):
        return {}
    out: dict[str, Any] = {}
    if story.get("page_id"):
        out["page_id"] = str(story["page_id"])
    if instagram := _instagram_account(story):
        # Whatever its kind (``spec._meta_instagram_identity``; Instagram Direct's: ``spec._meta_messaging``).
        out["instagram_user_id"] = instagram
    block = story_block(story)
    if block is None:
        return out
    data = story[block]
    if block == "template_data":
        out["template"] = True
        out.update(template_format_fields(data))
        if data.get("child_attachments") not in _UNSET:
            # Static cards beside its product card, whose texts and button are the template's (a shape no
            # spec says is refused as it is read: ``unexpressed_creative``).
            cards, _ = template_cards(data)
            out.update(cards)
    pairs = story_wire(story, block)
    if pairs is CAROUSEL_WIRE:
        # A carousel: its message and link, and its cards (their names, pictures … are the cards').
        out["cards"] = [_card_fields(card) for card in data["child_attachments"] if isinstance(card, Mapping)]
        out.update({k: data[k] for k in _CAROUSEL_OPTIONS if isinstance(data.get(k), bool)})
    for wire, field in pairs:
        if data.get(wire) not in (None, ""):
            out[field] = data[wire]
    # A carousel's own call to action is read too (MIDAS sends its cards' alone), so that a plan compares it.
    _read_action(data.get("call_to_action"), out)
    # A link ad's display link, none where it is the link's own domain (``spec._meta_display_link``): the link
    # read, ``link_data.link`` or else its call to action's (a hand-built ad may carry it there alone).
    shown = display_link_of(data.get("caption"), out.get("link_url"))
    if block == "link_data" and pairs is not CAROUSEL_WIRE and shown is not None:
        out[DISPLAY_LINK] = shown
    if block != "photo_data" and (welcome := welcome_from_wire(data.get("page_welcome_message"))):
        out["page_welcome_message"] = welcome
    return _hash_over_url(out)


#: The keys of a story spec naming the Instagram account its ad runs as: ``instagram_user_id``, and the
#: ``instagram_actor_id`` Meta deprecated for it in v22.0 (its Ad Creative Object Story Spec reference).
_INSTAGRAM_ACCOUNT_KEYS: Final = ("instagram_user_id", "instagram_actor_id")


def _instagram_account(story: Mapping[str, Any]) -> str | None:
    """The Instagram account ``story``'s ad runs as, by either key (``_INSTAGRAM_ACCOUNT_KEYS``); None for
    none, or for two keys naming different accounts (none MIDAS writes: import names both)."""
    accounts = {str(story[k]) for k in _INSTAGRAM_ACCOUNT_KEYS if story.get(k) not in (None, "")}
    return accounts.pop() if len(accounts) == 1 else None


def _hash_over_url(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` without the image URL Meta may derive from an image of the library beside its hash: the
    hash is what was sent (``story_spec`` never sends both)."""
    if "image_hash" in fields:
        fields.pop("image_url", None)
    return fields


# --- writes -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BatchRequest:
    """One request of a Graph batch: ``params`` not yet encoded (lists and dicts as Python values)."""

    method: str
    relative_url: str
    params: dict[str, Any]
    #: The request's name in the batch, which later requests refer to as ``{result=<name>:$.id}``.
    name: str


#: How many of a name's words ``interest_search_names`` searches for when the name finds nothing.
_NEAR_WORDS = 3


def interest_search_names(search: Callable[[str], Iterable[Mapping[str, Any]]], name: str) -> list[str]:
    """The interest names a targeting search (``search(query)``: its ``adinterest`` rows) finds for
    ``name``, or, when it finds none (a misspelt name), for the first letters of each of its first words:
    what a "did you mean" picks among, on an error path only (each search is a request)."""
    found = [str(row["name"]) for row in search(name.strip()) if row.get("name")]
    if not found:
        stems = dict.fromkeys(word[:3] for word in name.split() if len(word) >= 3)
        for stem in list(stems)[:_NEAR_WORDS]:
            found.extend(str(row["name"]) for row in search(stem) if row.get("name"))
    return list(dict.fromkeys(found))


def request_name(index: int) -> str:
    return f"op{index}"


def batch_request(act: str, index: int, op: WriteOp, batch: Batch) -> BatchRequest:
    """The Graph request for op ``index`` of ``batch`` on ad account ``act`` (``act_<id>``).

    Raises ``PermanentError`` for a kind Meta does not have, an update or delete without a platform id,
    or a reference that cannot be resolved (``DependencyFailed`` when its creator failed).
    """
    kind = op.address.kind
    if kind not in EDGE_OF:
        raise PermanentError(f"unknown Meta kind {kind!r}", platform=META, code="100")
    params: dict[str, Any] = {}
    if op.action != "delete":
        params = {
            k: ([{"name": n} for n in v] if k == "adlabels" and v is not None else v)
            for k, v in op.fields.items()
            if k not in DERIVED_FIELDS
            and k not in _FEED_FIELDS
            and not (kind == "adcreative" and k in _STORY_FIELDS)
        }
        if kind == "adcreative" and op.fields.get(DYNAMIC_CREATIVE):
            # The Page alone, all else in the feed (``spec._meta_dynamic_creative``).
            if op.action == "create":
                params["object_story_spec"], params["asset_feed_spec"] = dynamic_wire(op.fields)
        else:
            if kind == "adcreative" and op.fields.get(TEXT_OPTIONS):
                params["asset_feed_spec"] = text_feed(op.fields[TEXT_OPTIONS], params.get("asset_feed_spec"))
            if kind == "adcreative" and op.fields.get(MEDIA_OPTIONS):
                params["asset_feed_spec"] = media_feed(op.fields, params.get("asset_feed_spec"))
            if kind == "adcreative" and op.action == "create" and not op.fields.get("object_story_id"):
                params["object_story_spec"] = story_spec(op.fields)
        if params.get("targeting"):
            params["targeting"] = meta_targeting_ids(params["targeting"], op.refs)
        if kind == "campaign" and "spend_cap" in params and params["spend_cap"] is None:
            params["spend_cap"] = NO_SPEND_CAP  # a spending limit dropped from the spec
        if kind == "adset" and "adset_schedule" in params and params["adset_schedule"] is None:
            params["adset_schedule"] = []  # hours dropped from the spec: all the time
        if kind == "adset" and "pacing_type" in params and params["pacing_type"] is None:
            params["pacing_type"] = list(PACING_STANDARD)  # Meta's default pacing
        if (moved := _adset_budgets(op)) is not None:
            params = {k: v for k, v in params.items() if k not in META_BUDGET_FIELDS}
            params["adset_budgets"] = moved
        for ref_name, value in op.refs.items():
            if is_audience_ref(ref_name):  # an audience the targeting names: its id went in above
                continue
            target = batch.ref(index, ref_name, value)
            ident = target if isinstance(target, str) else f"{{result={request_name(target)}:$.id}}"
            if ref_name == "creative":
                params["creative"] = {"creative_id": ident}
            else:
                params[f"{ref_name}_id"] = ident
    name = request_name(index)
    if op.action == "create":
        return BatchRequest("POST", f"{act}/{EDGE_OF[kind]}", params, name)
    if not op.platform_id:
        raise PermanentError(f"{op.action} needs the platform id", platform=META, code="100")
    if op.action == "delete":
        return BatchRequest("DELETE", str(op.platform_id), {}, name)
    return BatchRequest("POST", str(op.platform_id), params, name)


def _adset_budgets(op: WriteOp) -> list[dict[str, Any]] | None:
    """Meta's ``adset_budgets`` for an update that takes a campaign's budget away and gives its live ad
    sets theirs (its ``companions``): Meta switches a campaign to ad set budgets in that one request on
    the campaign (one level is always budgeted), so the ad sets' amounts travel with it. None otherwise."""
    if op.action != "update" or op.address.kind != "campaign" or not op.companions:
        return None
    return [
        {
            "adset_id": str(adset.platform_id),
            **{k: adset.fields[k] for k in sorted(META_BUDGET_FIELDS) if adset.fields.get(k)},
        }
        for adset in op.companions
    ]


# --- errors and usage -------------------------------------------------------------------------------
def header_map(headers: Mapping[str, Any] | Iterable[Mapping[str, Any]] | None) -> dict[str, str]:
    """Response headers with lower-case names, from a mapping or a batch response's ``[{name, value}]``."""
    if headers is None:
        return {}
    if isinstance(headers, Mapping):
        return {str(k).lower(): str(v) for k, v in headers.items()}
    return {str(h.get("name", "")).lower(): str(h.get("value", "")) for h in headers}


def _json_header(headers: Mapping[str, str], name: str) -> Any:
    try:
        return json.loads(headers.get(name, "") or "null")
    except ValueError:
        return None


def _buc_entries(headers: Mapping[str, str]) -> list[Mapping[str, Any]]:
    """The entries of ``x-business-use-case-usage`` (``{account id: [{type, call_count, …}]}``)."""
    usage = _json_header(headers, "x-business-use-case-usage")
    if not isinstance(usage, Mapping):
        return []
    return [
        e
        for entries in usage.values()
        if isinstance(entries, list)
        for e in entries
        if isinstance(e, Mapping)
    ]


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def usage_pct(headers: Mapping[str, str]) -> float | None:
    """The highest share of any quota (in %) the usage headers report, or None when there are none.

    ``x-business-use-case-usage``: ``call_count``, ``total_cputime``, ``total_time`` per business use
    case; ``x-app-usage``: the same three for the app; ``x-ad-account-usage``: ``acc_id_util_pct``.
    """
    readings: list[float] = []
    for entry in _buc_entries(headers):
        readings.extend(_number(entry.get(k)) for k in ("call_count", "total_cputime", "total_time"))
    app = _json_header(headers, "x-app-usage")
    if isinstance(app, Mapping):
        readings.extend(_number(app.get(k)) for k in ("call_count", "total_cputime", "total_time"))
    account = _json_header(headers, "x-ad-account-usage")
    if isinstance(account, Mapping):
        readings.append(_number(account.get("acc_id_util_pct")))
    return max(readings) if readings else None


def regain_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds until a throttled account may call again, from ``estimated_time_to_regain_access``
    (minutes) in ``x-business-use-case-usage`` or ``reset_time_duration`` (seconds) in
    ``x-ad-account-usage``; None when neither says."""
    waits = [_number(e.get("estimated_time_to_regain_access")) * 60 for e in _buc_entries(headers)]
    account = _json_header(headers, "x-ad-account-usage")
    if isinstance(account, Mapping) and account.get("reset_time_duration") is not None:
        waits.append(_number(account.get("reset_time_duration")))
    waits = [w for w in waits if w > 0]
    return max(waits) if waits else None


def error_from_graph(
    body: Any, headers: Mapping[str, str] | None = None, *, context: str = ""
) -> ConnectorError:
    """A Graph error body (``{"error": {…}}``) and its response headers → the MIDAS error, its message led
    by ``context`` (what was being done) when given.

    Throttling codes, or ``is_transient``, → ``TransientError`` waiting as long as the usage headers say
    (``DEFAULT_THROTTLE_SECONDS`` for a throttle that does not say); token and permission errors →
    ``AuthError`` with the fix; anything else → ``PermanentError`` with Meta's message (its user-facing
    detail appended) and the blamed field.
    """
    err = body.get("error") if isinstance(body, Mapping) else None
    lead = f"{context}: " if context else ""
    if not isinstance(err, Mapping):
        return PermanentError(
            f"{lead}unexpected Graph API answer: {str(body)[:200]}", platform=META, code="1"
        )
    try:
        code_number = int(err.get("code", 1))
    except (TypeError, ValueError):
        code_number = 1
    subcode = err.get("error_subcode")
    code = f"{code_number}/{subcode}" if subcode else str(code_number)
    message = str(err.get("message") or "unknown error")
    detail = str(err.get("error_user_msg") or "")
    if detail and detail not in message:
        message = f"{message}: {detail}"
    message = lead + message
    headers = headers or {}
    if code_number in THROTTLING_CODES:
        wait = regain_seconds(headers) or DEFAULT_THROTTLE_SECONDS
        return TransientError(message, platform=META, code=code, retry_after=wait)
    if err.get("is_transient"):
        return TransientError(message, platform=META, code=code, retry_after=regain_seconds(headers))
    if code_number in _TOKEN_CODES:
        return AuthError(
            message,
            platform=META,
            code=code,
            fix="create a new access token (a system-user token does not expire) and put it in the "
            "variable or file midas.yaml names for this account's access_token",
        )
    if code_number in _PERMISSION_CODES:
        return AuthError(
            message,
            platform=META,
            code=code,
            fix="give the token's user or system user the ads_management permission on this ad account",
        )
    error_data = err.get("error_data")
    if isinstance(error_data, str):  # Graph sometimes sends it JSON-encoded
        try:
            error_data = json.loads(error_data)
        except ValueError:
            error_data = None
    blame = error_data.get("blame_field_specs") if isinstance(error_data, Mapping) else None
    field = ".".join(str(p) for p in blame[0]) if blame else ""
    return PermanentError(message, platform=META, code=code, field=field)


# --- metrics ----------------------------------------------------------------------------------------
#: What ``daily_metrics`` asks the insights edge for.
INSIGHT_FIELDS: Final = (
    "campaign_id",
    "campaign_name",
    "impressions",
    "clicks",
    "spend",
    "actions",
    "action_values",
    "date_start",
)


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def action_total(actions: Any, action_type: str) -> Decimal:
    """The sum of the ``{action_type, value}`` entries of one type (values arrive as strings)."""
    return sum(
        (_decimal(a.get("value", "0")) for a in actions or [] if a.get("action_type") == action_type),
        Decimal(0),
    )


def daily_metrics(
    row: Mapping[str, Any], *, account: str, currency: str, conversion_action: str
) -> DailyMetrics:
    """One insights row (``level=campaign``, ``time_increment=1``) → ``DailyMetrics``."""
    return DailyMetrics(
        date=dt.date.fromisoformat(str(row["date_start"])),
        platform=META,
        account=account,
        campaign_id=str(row["campaign_id"]),
        campaign_name=str(row.get("campaign_name", "")),
        impressions=int(row.get("impressions") or 0),
        clicks=int(row.get("clicks") or 0),
        spend=_decimal(row.get("spend") or "0"),
        conversions=action_total(row.get("actions"), conversion_action),
        conversion_value=action_total(row.get("action_values"), conversion_action),
        currency=currency,
    )
