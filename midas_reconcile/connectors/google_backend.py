"""A Google Ads customer behind the connector contract: reads, one Mutate per write batch, resolution,
metrics — over a ``GoogleAdsApi``: the sandbox's in-process simulator, or the real API through the
``google-ads`` SDK (``connectors.google_ads.GoogleAdsTransport``). Both speak the API's own model (rows
in its snake_case field names, MutateOperation-shaped dicts), so this is one code path for both.

``read`` runs one streamed query per resource type (``google_rows.READ_TYPES``) that can hold any, each
retried on its own. ``write`` turns the batch's
WriteOps into one ``mutate`` request with ``partial_failure``: creates get temporary resource names that
later operations of the batch use; a campaign's or ad group's labels become label links in the same
request (the label itself is created once per customer when missing), as a Dynamic Search Ads campaign's
page feed becomes asset set links (``connectors.google_page_feed``). Only if the translated batch
exceeds 10,000 operations is it split, at WriteOp boundaries, into consecutive requests. Asset group
operations, ads made with new assets of their own (a Demand Gen carousel's cards), and objects replaced
(removed and created), go after it in atomic requests of their own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Generator, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from midas_reconcile.connectors import google_listing_groups as lg
from midas_reconcile.connectors import google_page_feed as page_feed
from midas_reconcile.connectors import google_rows as gc
from midas_reconcile.connectors.addressing import BAD_REFERENCE, Batch, DependencyFailed, marker_names
from midas_reconcile.connectors.audience_refs import audience_ids
from midas_reconcile.connectors.base import (
    DailyMetrics,
    QueryRetry,
    ResolveKind,
    WriteOp,
    WriteResult,
    call_once,
)
from midas_reconcile.connectors.google_bid_modifiers import modifier_key, reset_ranges, unadjusted_devices
from midas_reconcile.connectors.google_carousel import DEMAND_GEN_CAROUSEL_AD, card_asset_native
from midas_reconcile.connectors.google_dynamic_search import DSA_SETTING_LEAVES
from midas_reconcile.connectors.google_product_ad import DEMAND_GEN_PRODUCT_AD
from midas_reconcile.connectors.google_schema import (
    ASSET_GROUP_TEXT_FIELDS,
    BIDDING_SCHEMES,
    CHANNEL_CONTROLS,
    DEMAND_GEN_CAROUSEL_AD_INFO,
    DEMAND_GEN_PRODUCT_AD_INFO,
    DEVICE_CRITERION_IDS,
    HELD_DEVICES,
    MAX_OPERATIONS_PER_REQUEST,
    OUTCOME_UNKNOWN,
    RESOURCE_TYPES,
    GoogleAdsError,
    MutateResponse,
)
from midas_reconcile.connectors.google_shopping import UPDATABLE_SETTINGS
from midas_reconcile.errors import AuthError, ConnectorError, MadeInPart, PermanentError, TransientError
from midas_reconcile.money import currency_exponent, from_google_micros
from midas_reconcile.resources import (
    GOOGLE,
    GOOGLE_ASSET_GROUP_ASSETS,
    GOOGLE_CAMPAIGN_BRAND_ASSETS,
    GOOGLE_CRITERION_KINDS,
    MANAGED_MARKER,
    Address,
    Resource,
    is_audience_ref,
)
from midas_reconcile.spec._bid_modifiers import RESET_MODIFIER, native_modifier
from midas_reconcile.spec._google_devices import is_device_address, unadjusted_criteria
from midas_reconcile.spec._google_hotel_bookings import fields_overlap, range_of
from midas_reconcile.spec._places import google_geo_id
from midas_reconcile.targeting.tables import google_language_codes

#: The ref each kind needs on create, and the native field it fills.
PARENT_REF = {
    "campaign": ("campaign_budget", "campaign_budget"),
    "ad_group": ("campaign", "campaign"),
    "campaign_criterion": ("campaign", "campaign"),
    "ad_group_criterion": ("ad_group", "ad_group"),
    "ad_group_ad": ("ad_group", "ad_group"),
    "asset_group": ("campaign", "campaign"),
    "ad_group_bid_modifier": ("ad_group", "ad_group"),
}
_REFERABLE = ("campaign_budget", "campaign", "ad_group")
#: An asset group's repeated texts, created in a request before the asset group's own: "Performance Max
#: campaigns require that repeated assets such as headlines and descriptions be created before the
#: campaign" (google-ads-python examples/advanced_operations/add_performance_max_campaign.py).
_TEXTS_MADE_FIRST = ("HEADLINE", "DESCRIPTION")
#: A brand campaign's brand assets: links of its own (v26 CampaignAsset), not fields of the campaign.
_BRAND = GOOGLE_CAMPAIGN_BRAND_ASSETS
#: A Dynamic Search Ads campaign's page feed: asset set links of its own, not a field of the campaign.
_FEED = "page_feed"
_LABELLED = gc.LABELLED_KINDS
#: What updates need of a campaign's or ad group's current row: its label links and bidding scheme.
_KEPT_KEYS = ("labels", *BIDDING_SCHEMES)


def _keep_listing_rows(into: dict[str, list[dict[str, Any]]], rows: Iterable[dict[str, Any]]) -> None:
    """The listing group rows among criterion ``rows``, added to ``into`` by the id of their ad group."""
    for row in rows:
        if row.get("type") == "LISTING_GROUP":
            into.setdefault(str(row["ad_group"]).rsplit("/", 1)[1], []).append(row)


def _made_in_part(
    op: WriteOp,
    platform_id: str,
    error: PermanentError,
    marker_refused: bool,
    others: Sequence[str] = (),
    made: Mapping[str, Any] | None = None,
) -> MadeInPart:
    """The failure of a create whose object was made though another operation of its request was refused
    (its marker's label link, a brand asset's link): it says what was made, by id, and what was not
    (``parts``): the marker (``labels``, when ``marker_refused``) and the fields of the ``others`` refused
    (``error``'s own when neither), and a campaign's page feed, sent once the campaign is whole
    (``_send_feed``), then never sent; ``made``: what of them was made (``MadeInPart.made``). The applier
    records the object without what was not made (as when its feed alone was refused), so drift does not
    take its absence for a change out of band; the journal keeps ``parts``, so that only an object whose
    marker was not linked is claimed as MIDAS's while unmarked (``journal.made_though_failed``)."""
    unsent = op.address.kind == "campaign" and bool(op.fields.get(_FEED))
    feed = "; its page feed was not sent" if unsent else ""
    failed = [*(["labels"] if marker_refused else []), *others] or [error.field]
    return MadeInPart(
        f"the {op.address.kind} was made ({platform_id}), not all of it ({error.message}){feed}; the apply "
        "records it, and a re-run makes the rest",
        platform=GOOGLE,
        code=error.code,
        parts=list(dict.fromkeys(part for part in (*failed, _FEED if unsent else "") if part)),
        made=made,
    )


#: A make-way removal's error saying only that the row is gone already (v26 MutateErrorEnum
#: RESOURCE_NOT_FOUND, as the sandbox answers a removal of a row removed since; that Google answers a
#: removal of a gone bid modifier so is not confirmed, and any other error is told).
_ROW_GONE = "mutate_error.RESOURCE_NOT_FOUND"


def _refusal(
    errors: Mapping[int | None, GoogleAdsError], failed: Sequence[int], request: _Request
) -> PermanentError:
    """The error an object's ``failed`` operations (positions in ``request``) report: its own first one's,
    not a make-way removal's (``_Request.incidental``), whose errors follow in its message (one refused for
    a reason other than the row being gone already, which is no failure)."""
    own = [p for p in failed if p not in request.incidental]
    if not own:
        return errors[failed[0]].to_permanent()
    error = errors[own[0]].to_permanent()
    removals = [errors[p] for p in failed if p in request.incidental and errors[p].code != _ROW_GONE]
    if not removals:
        return error
    said = "; ".join(f"[{e.code}] {e.message}" for e in removals)
    return PermanentError(
        f"{error.message} (and the removal of a range reset to 1.0 that made way for it was refused: {said})",
        platform=GOOGLE,
        code=error.code,
        field=error.field,
    )


def _live_group_of_new_modifier(op: WriteOp) -> str | None:
    """The id of the live ad group a create of an ad group bid modifier ``op`` goes to (its ``ad_group``
    ref, resolved to an id: not an ad group made in the same batch), else None: where the last read's
    reset rows of that ad group (devices, booking ranges) bear on the create."""
    group = op.refs.get("ad_group")
    if op.action != "create" or op.address.kind != "ad_group_bid_modifier" or not isinstance(group, str):
        return None
    return group


def _marker_alone(request: _Request, failed: Sequence[int]) -> bool:
    """Whether the failed positions of an op in ``request`` are its marker's label link and what makes or
    links labels alone (``label_operation``, ``campaign_label_operation`` …): its own fields went through."""
    labelling = all(
        any(k == "label_operation" or k.endswith("_label_operation") for k in request.ops[p]) for p in failed
    )
    return labelling and bool(request.markers.intersection(failed))


def _outcome_unknown(exc: ConnectorError) -> bool:
    """Whether a write refused with ``exc`` may have committed, its reply lost: a deadline or a dropped
    connection after the request was sent (``google_ads.translated``: ``midas.OUTCOME_UNKNOWN``; a
    ``DEADLINE_EXCEEDED`` where a transport reports it as such). A quota or an outage refused before
    anything was done made nothing."""
    return exc.code in (OUTCOME_UNKNOWN, "DEADLINE_EXCEEDED")


def _kept(row: dict[str, Any]) -> dict[str, Any]:
    """The part of a read row that later updates use (the rest would only hold memory)."""
    return {key: row[key] for key in _KEPT_KEYS if key in row}


def _held_device(op: WriteOp, cid: str, reset: Set[str]) -> bool:
    """Whether ``op`` creates the adjustment of a device whose criterion the campaign holds, written as an
    update of it (``GoogleBackend._device``): one Google made with the campaign
    (``google_schema.HELD_DEVICES``), or one MIDAS made then reset, which the last read saw (``reset``)."""
    if op.action != "create" or not is_device_address(op.address):
        return False
    device = str(op.fields.get("device"))
    if device in HELD_DEVICES:
        return True
    campaign = op.refs.get("campaign")
    collection = RESOURCE_TYPES["campaign_criterion"].collection
    name = f"customers/{cid}/{collection}/{campaign}~{DEVICE_CRITERION_IDS.get(device)}"
    return isinstance(campaign, str) and name in reset


@dataclass
class _Draft:
    """The native operations of one WriteOp (``primary`` indexes the one that makes its object)."""

    ops: list[dict[str, Any]] = field(default_factory=list)
    primary: int = 0
    temp: str | None = None
    new_labels: dict[str, str] = field(default_factory=dict)
    done: bool = False
    #: Whether the object's id is the primary operation's result even on update (a product group tree
    #: whose root was made anew).
    renamed: bool = False
    #: The index of the link of the object's ``midas-managed`` label among ``ops`` (made or restored).
    marker: int | None = None
    #: The indexes among ``ops`` of removals that merely make way for the object (a console's booking range
    #: reset to 1.0: ``GoogleBackend._clear_reset_ranges``), whose failure alone does not fail it.
    incidental: list[int] = field(default_factory=list)
    #: The resource names those removals remove.
    cleared: list[str] = field(default_factory=list)


@dataclass
class _Request:
    """One mutate request being assembled."""

    ops: list[dict[str, Any]] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)
    primary: dict[int, int] = field(default_factory=dict)
    temps: dict[int, str] = field(default_factory=dict)
    label_temps: dict[str, str] = field(default_factory=dict)
    #: Text → temporary resource name of the text assets this request creates.
    text_assets: dict[str, str] = field(default_factory=dict)
    #: YouTube video id → temporary resource name of the YouTube video assets this request creates.
    video_assets: dict[str, str] = field(default_factory=dict)
    #: Page (URL and labels) → temporary resource name of the page feed assets this request creates.
    page_assets: dict[page_feed.PageKey, str] = field(default_factory=dict)
    counter: int = 0
    renamed: set[int] = field(default_factory=set)
    #: Positions among ``ops`` of the links of objects' ``midas-managed`` labels.
    markers: set[int] = field(default_factory=set)
    #: Positions among ``ops`` of removals that make way for an object (``_Draft.incidental``).
    incidental: set[int] = field(default_factory=set)
    #: Resource names this request removes to make way (each once: ``GoogleBackend._clear_reset_ranges``).
    cleared: set[str] = field(default_factory=set)

    def add(self, index: int, draft: _Draft) -> None:
        if draft.renamed:
            self.renamed.add(index)
        if draft.marker is not None:
            self.markers.add(len(self.ops) + draft.marker)
        self.incidental.update(len(self.ops) + position for position in draft.incidental)
        self.cleared.update(draft.cleared)
        self.primary[index] = len(self.ops) + draft.primary
        self.ops.extend(draft.ops)
        self.owners.extend([index] * len(draft.ops))
        if draft.temp is not None:
            self.temps[index] = draft.temp
        self.label_temps.update(draft.new_labels)


class GoogleAdsApi(Protocol):
    """The Google Ads API calls the backend makes, in the API's own shapes (``GoogleAdsSimulator``'s)."""

    def search_stream(
        self, customer_id: str, resource_type: str
    ) -> Generator[list[dict[str, Any]], None, None]: ...

    def search(
        self, customer_id: str, resource_type: str, *, ids: Sequence[str] | None = None
    ) -> list[dict[str, Any]]: ...

    def mutate(
        self,
        customer_id: str,
        operations: Sequence[Mapping[str, Any]],
        *,
        partial_failure: bool = False,
        validate_only: bool = False,
    ) -> MutateResponse: ...

    def suggest_geo_target_constants(
        self, customer_id: str, names: Sequence[str]
    ) -> list[dict[str, Any]]: ...

    def search_user_interests(self, customer_id: str, names: Sequence[str]) -> list[dict[str, Any]]: ...

    def user_interest_catalog(self, customer_id: str) -> list[str]: ...

    def user_interest_names(self, customer_id: str, ids: Sequence[str]) -> dict[str, str]: ...

    def location_entries(self, customer_id: str, ids: Sequence[str]) -> dict[str, str]: ...

    def city_entries(self, customer_id: str, name: str) -> list[str]: ...

    def search_language_constants(self, customer_id: str, codes: Sequence[str]) -> list[dict[str, Any]]: ...

    def campaign_metrics(self, customer_id: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]: ...


class GoogleBackend:
    """One Google Ads customer seen through the connector contract, over ``api``."""

    def __init__(self, api: GoogleAdsApi, account: str, customer_id: str, currency: str) -> None:
        self.api = api
        self.account = account
        self.cid = customer_id
        self.currency = currency
        self._labels: dict[str, str] | None = None  # label name → resource name
        self._costed_labels: set[str] = set()  # labels whose creation operation_cost already counted
        self._costed_clearings: set[str] = set()  # make-way removals operation_cost already counted
        # Last read campaign / ad group rows (their labels and bidding scheme only: ``_kept``).
        self._rows: dict[tuple[str, str], dict[str, Any]] = {}
        self._names: dict[int, str] = {}  # WriteOp index → resource name created (current batch)
        #: Asset group id → {(field, text or image id): link resource name}, from the last read (or a fetch).
        self._links: dict[str, dict[tuple[str, str], str]] | None = None
        #: The same of the links paused (in a console), which a write re-enables rather than makes again.
        self._paused_links: dict[str, dict[tuple[str, str], str]] = {}
        #: Campaign id → {(field, text or image id): link resource name} of brand campaigns, likewise.
        self._brand_links: dict[str, dict[tuple[str, str], str]] | None = None
        self._paused_brand_links: dict[str, dict[tuple[str, str], str]] = {}
        #: Campaign id → its page feed links (``google_page_feed.Feed``), read when an update needs them.
        self._feeds: dict[str, page_feed.Feed] | None = None
        #: Name → the enabled page feed sets linked to no campaign (read with ``_feeds``).
        self._unlinked_feeds: dict[str, page_feed.Feed] = {}
        #: Resource name → name of every enabled asset set (read with ``_feeds``): a new set's name is free.
        self._set_names: dict[str, str] = {}
        #: Whether a page feed request of the current ``write`` committed (its first of several, say).
        self._feed_sent = False
        self._feed_unknown = False  # a page feed request's outcome not known (its reply lost)
        #: Whether a request of the last ``_mutate_feed`` call committed (of a feed sent in several).
        self._feed_began = False
        #: WriteOp index → the atomic request of a campaign's page feed (its set made and linked to it in
        #: one request: a crash between the two would leave a set no one links), sent after the main
        #: request; None for a created campaign's, drafted once the main request has made it.
        self._feed_requests: dict[int, _Request | None] = {}
        #: WriteOp indexes whose page feed was emptied before the main request (``_unlink_pages_first``).
        self._fed_first: set[int] = set()
        #: Whether ``read`` is an import's (``read_for_import``).
        self.import_read = False
        #: Text → resource name of the repeated text assets made before this batch's asset groups.
        self._texts_made: dict[str, str] = {}
        #: YouTube video id → resource name of the video assets made before this batch's ads.
        self._videos_made: dict[str, str] = {}
        #: Ad group id → its listing group rows, from the last read (or a fetch): what a tree's update
        #: rewrites (``google_listing_groups.TreeWriter``).
        self._listing_rows: dict[str, list[dict[str, Any]]] | None = None
        #: The resource names of the DEVICE criteria of devices Google makes none of with a campaign
        #: (connected TV) that the last read saw adjusting nothing (reset): what an adjustment updates.
        self._reset_devices: set[str] = set()
        #: (ad group id, device) → resource name of the ad group device bid modifiers the last read saw
        #: adjusting nothing (a console's reset to 1.0, read as none): what an adjustment of it updates.
        self._reset_group_devices: dict[tuple[str, str], str] = {}
        #: Ad group id → (fields, resource name) of its booking range modifiers the last read saw adjusting
        #: nothing (``google_bid_modifiers.reset_ranges``): what a new range overlapping one removes first.
        self._reset_group_ranges: dict[str, list[tuple[dict[str, Any], str]]] = {}
        self._validate_only = False
        #: API operations spent, as Google counts them against the daily quota: a query is one, each
        #: mutated item one (a name lookup per name, as the SDK transport asks one name at a time).
        self.operations_spent = 0
        #: Mutate requests sent (``CountsWriteRequests``): one ``write`` may send several.
        self.write_requests = 0

    # --- read -----------------------------------------------------------------------------------
    def read_for_import(self, on: bool) -> None:
        """Whether the next reads are an import's (``ReadsForImport``, which both Google connectors ask of
        this): they then read the page feeds linked to campaigns without Dynamic Search Ads too (a query a
        plan of an account without them skips), so that import refuses them by name."""
        self.import_read = on

    def read(self, retry: QueryRetry = call_once) -> list[Resource]:
        """Every live object: one streamed query per type that can hold any (asset groups only with a
        Performance Max campaign, their links only with an asset group), each run through ``retry`` on
        its own; each row is converted as it arrives (see ``LiveReader``)."""
        reader = gc.LiveReader(self.account, foreign_feeds=self.import_read)
        labels: dict[str, str] = {}
        kept: dict[tuple[str, str], dict[str, Any]] = {}
        links: dict[str, list[dict[str, Any]]] = {}
        self._listing_rows = {}
        self._reset_devices = set()
        self._reset_group_devices = {}
        self._reset_group_ranges = {}
        for type_ in gc.READ_TYPES:
            if type_ == "asset" and reader.needs(type_):  # the ads' video assets alone, by id
                retry(functools.partial(self._read_video_assets, reader))
            elif reader.needs(type_):
                retry(functools.partial(self._read_type, reader, type_, labels, kept, links))
            else:
                reader.add(type_, ())
        self._labels, self._rows = labels, kept
        self._links = gc.asset_group_links(links.get("asset_group_asset", []))
        self._paused_links = gc.asset_group_links(links.get("asset_group_asset", []), paused=True)
        self._brand_links = gc.brand_links(links.get("campaign_asset", []))
        self._paused_brand_links = gc.brand_links(links.get("campaign_asset", []), paused=True)
        return reader.resources()

    def _read_type(
        self,
        reader: gc.LiveReader,
        type_: str,
        labels: dict[str, str],
        kept: dict[tuple[str, str], dict[str, Any]],
        links: dict[str, list[dict[str, Any]]],
    ) -> None:
        """One query's rows into ``reader``, and what later writes need of them, all or nothing: a query
        that fails midway leaves no row behind, so a retry starts it afresh."""
        labels_now: dict[str, str] = {}
        kept_now: dict[tuple[str, str], dict[str, Any]] = {}
        links_now: list[dict[str, Any]] = []
        ranges_now: dict[str, list[tuple[dict[str, Any], str]]] = {}
        with contextlib.closing(self._stream(type_, labels_now, kept_now, links_now, ranges_now)) as rows:
            reader.add(type_, rows)
        labels.update(labels_now)
        kept.update(kept_now)
        if links_now:
            links[type_] = links_now
        for group, ranges in ranges_now.items():
            self._reset_group_ranges.setdefault(group, []).extend(ranges)

    def _read_video_assets(self, reader: gc.LiveReader) -> None:
        """The YouTube video assets the responsive display ads read name (one query of their ids: an account
        holds many other assets, none of which MIDAS reads)."""
        self.operations_spent += 1
        reader.add("asset", self.api.search(self.cid, "asset", ids=reader.video_asset_ids()))

    def _stream(
        self,
        type_: str,
        labels: dict[str, str],
        kept: dict[tuple[str, str], dict[str, Any]],
        links: list[dict[str, Any]],
        ranges: dict[str, list[tuple[dict[str, Any], str]]],
    ) -> Generator[dict[str, Any], None, None]:
        """The rows of one type, batch after batch, noting what later writes need of them (what a retry
        would repeat, such as the reset booking ``ranges``, in the caller's buffers for this query alone)."""
        self.operations_spent += 1
        with contextlib.closing(self.api.search_stream(self.cid, type_)) as batches:
            for rows in batches:
                if type_ == "label":
                    labels.update({r["name"]: r["resource_name"] for r in rows})
                elif type_ in _LABELLED:
                    kept.update({(type_, r["id"]): _kept(r) for r in rows})
                elif type_ in ("asset_group_asset", "campaign_asset"):
                    links.extend(rows)
                elif type_ == "ad_group_criterion" and self._listing_rows is not None:
                    _keep_listing_rows(self._listing_rows, rows)
                elif type_ == "campaign_criterion":
                    self._reset_devices.update(unadjusted_criteria(rows, HELD_DEVICES))
                elif type_ == "ad_group_bid_modifier":
                    self._reset_group_devices.update(unadjusted_devices(rows))
                    for group, reset in reset_ranges(rows).items():
                        ranges.setdefault(group, []).extend(reset)
                yield from rows

    # --- write ----------------------------------------------------------------------------------
    def validate(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """``write`` with ``validate_only``: the API checks every operation and changes nothing."""
        self._validate_only = True
        try:
            return self.write(ops)
        finally:
            self._validate_only = False

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        self._feed_sent = self._feed_unknown = False
        try:
            return self._write(ops)
        finally:
            # The feed cache's one drop: a page feed request committed, or may have (``_mutate_feed``: its
            # reply lost), whatever came after; read again when next needed.
            if self._feed_sent or self._feed_unknown:
                self._feeds = None
                self._unlinked_feeds = {}
                self._set_names = {}

    def _write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        batch = Batch(GOOGLE, ops)
        self._names = {}
        self._texts_made = {}
        self._feed_requests = {}
        self._prefetch(ops)
        request = _Request()
        sent_any = False
        failed: set[int] = set()
        self._fed_first = set()
        if not self._validate_only:
            sent_any = self._unlink_pages_first(ops, batch, failed)
        # A responsive display ad or a Demand Gen video responsive ad names its videos' assets (v26
        # AdVideoAsset.asset): they are made first, in a
        # request of their own, as an asset group's repeated texts are; Google returns the existing asset of a
        # video the account has ("Assets are deduplicated within a given customer account").
        videoed = {index: _ad_videos(op) for index, op in enumerate(ops) if _ad_videos(op)}
        self._videos_made = {}
        if videoed:
            try:
                self._videos_made = self._make_videos(sorted(set().union(*videoed.values())))
                sent_any = sent_any or not self._validate_only
            except PermanentError as exc:
                for index in videoed:
                    batch.fail(index, exc)
                failed |= set(videoed)
        # An object replaced in this batch (its old one removed, a new one created: immutable fields)
        # changes in a request of its own without partial failure: both operations happen, or neither.
        # (Not one that other operations of the batch refer to: they need its temporary name.)
        # Every asset group operation goes in a request of its own, after the rest, without partial failure:
        # "AssetGroup operations must be atomic. Partial failure is not supported", and Google wants an asset
        # group created with its assets "in a single bulk mutate request", checking its minimum assets when
        # the request ends (developers.google.com/google-ads/api/performance-max/asset-groups). Removals go
        # last: a campaign keeps one asset group (CANNOT_REMOVE_ALL_ASSET_GROUPS_FROM_CAMPAIGN), so its new
        # one is made first. One may refer to a campaign the main request creates, which a validation does
        # not: validated, they go in the main request, under the campaign's temporary name.
        # A product group tree's creation or restructure goes alone too: Google wants it in one request, new
        # nodes under temporary ids, and the tree complete when the request ends (``google_listing_groups``);
        # its ad group, if this batch makes it, has its id by then.
        # An ad made with assets of its own in its request (a Demand Gen carousel's cards, a video ad's call
        # to action) goes alone too, without partial failure: an ad Google refuses takes its new assets
        # with it. (Replaced, it goes in its replacement's request, which is atomic already.)
        deleted = {op.address for op in ops if op.action == "delete"}
        alone = sorted(
            (
                index
                for index, op in enumerate(ops)
                if (
                    op.address.kind == "asset_group"
                    or lg.is_tree_write(op.address.kind, op.action, op.fields)
                    or (_makes_assets_with_it(op) and op.address not in deleted)
                )
                and not self._validate_only
            ),
            key=lambda index: ops[index].action == "delete",
        )
        created = {op.address for op in ops if op.action == "create"}
        referred = {target for op in ops for target in op.refs.values() if isinstance(target, Address)}
        replaced = {
            address
            for address in ({op.address for op in ops if op.action == "delete"} & created) - referred
            if address.kind != "asset_group"
        }
        pairs: dict[Address, _Request] = {a: _Request() for a in sorted(replaced, key=Address.sort_key)}
        pair_drafts: dict[Address, list[tuple[int, _Draft]]] = {a: [] for a in pairs}
        # A device's adjustment updates the criterion Google made with its campaign, under the campaign's id
        # (``_device``): one of a campaign this batch makes waits for the request that makes it.
        devices_after = [
            index
            for index, op in enumerate(ops)
            if _held_device(op, self.cid, self._reset_devices)
            and isinstance(op.refs.get("campaign"), Address)
            and not self._validate_only
        ]
        for index, op in enumerate(ops):
            if op.action == "create":
                batch.creators[op.address] = index
            if index in alone or index in failed or index in devices_after:
                continue
            try:
                if op.address in pairs:
                    pair_drafts[op.address].append((index, self._draft(index, op, batch, pairs[op.address])))
                    continue
                draft = self._draft(index, op, batch, request)
                if request.ops and len(request.ops) + len(draft.ops) > MAX_OPERATIONS_PER_REQUEST:
                    self._send(request, batch)
                    sent_any = True
                    request = _Request()
                    draft = self._draft(index, op, batch, request)
            except TransientError as exc:  # a later request was refused: what is left can be retried
                for rest in range(index, len(ops)):
                    batch.fail(rest, exc)
                return batch.finish()
            except PermanentError as exc:
                batch.fail(index, exc)
                continue
            if draft.done:
                batch.succeed(index, op.platform_id)
            else:
                request.add(index, draft)
        if request.ops:
            try:
                self._send(request, batch)
                sent_any = True
            except TransientError as exc:
                if not sent_any:
                    raise
                for index in set(request.owners):
                    batch.fail(index, exc)
        if any(op.address.kind == "campaign" and set(op.fields) & set(_BRAND) for op in ops):
            self._brand_links = None  # a brand campaign's links changed: read them again when next needed
        # A feed request that committed drops the feed cache (``write``), one that did not changed nothing.
        for index, feed_request in sorted(self._feed_requests.items()):
            sent_any = self._send_feed(index, feed_request, batch, sent_any)
        if devices_after:
            sent_any = self._send_devices(devices_after, batch, sent_any)
        texted = {index: self._repeated_texts(ops[index]) for index in alone}
        texts = sorted(set().union(*texted.values()))
        if texts:
            try:
                self._texts_made = self._make_texts(texts)
                sent_any = True
            except (TransientError, PermanentError) as exc:
                if isinstance(exc, TransientError) and not sent_any:
                    raise
                for index in alone:
                    if texted[index]:  # the others need no new text: they go on
                        batch.fail(index, exc)
                alone = [index for index in alone if not texted[index]]
        # Every asset group is drafted before any is sent: a sent one's links change, and the next would
        # otherwise be drafted against links no longer known (unlinking nothing).
        own_requests: list[_Request] = []
        for index in alone:
            own = _Request()
            try:
                draft = self._draft(index, ops[index], batch, own)
            except PermanentError as exc:
                batch.fail(index, exc)
                continue
            if draft.done:
                batch.succeed(index, ops[index].platform_id)
                continue
            own.add(index, draft)
            own_requests.append(own)
        for own in own_requests:
            sent_any = self._send_after(own, batch, sent_any)
        if any(ops[index].address.kind == "asset_group" for index in alone):
            self._links = None  # their links changed: read them again when next needed
        if any(op.address.kind == "ad_group_criterion" for op in ops):
            self._listing_rows = None  # trees may have changed: fetched again when next rewritten
        for address, pair in pairs.items():
            # The removal first, so that the new object may take the old one's unique keys.
            for index, draft in sorted(
                pair_drafts[address], key=lambda item: batch.ops[item[0]].action != "delete"
            ):
                if not batch.failed(index):
                    pair.add(index, draft)
            if len(set(pair.owners)) == 2:
                sent_any = self._send_after(pair, batch, sent_any)
            else:
                for index in set(pair.owners):
                    batch.fail(index, DependencyFailed(GOOGLE, address))
        return batch.finish()

    def operation_cost(self, op: WriteOp) -> int:
        """One operation, plus a link per label of a labelled kind, plus the creation of a label this
        account does not have yet (counted once: the first op that needs it carries it), plus a page feed's
        operations (at most two per page and two for its set). A product group
        tree's write costs a criterion operation per group it holds (at most: an update touches fewer). A new
        booking range costs the removal of each reset range making way for it too (``_clear_reset_ranges``;
        each once, as the last read saw them)."""
        if lg.is_tree_write(op.address.kind, op.action, op.fields):
            return lg.group_count(op.fields)
        cleared = [name for name in self._ranges_in_the_way(op) if name not in self._costed_clearings]
        self._costed_clearings.update(cleared)
        return len(cleared) + self._own_cost(op)

    def _own_cost(self, op: WriteOp) -> int:
        """``operation_cost`` of ``op``'s own operations: its object, label links, new labels, page feed."""
        # A page feed's operations (at most: an asset and its link per page, a set and its link), which go
        # in requests of their own but count against the daily quota.
        feed = (
            2 + 2 * len(op.fields.get(_FEED) or ())
            if op.address.kind == "campaign" and op.fields.get(_FEED)
            else 0
        )
        operations = gc.operations_of(op.address.kind, op.fields) + feed
        if operations == 1:
            return 1
        known = self._labels or {}
        new = [n for n in gc.label_names_of(op.fields) if n not in known and n not in self._costed_labels]
        self._costed_labels.update(new)
        return operations + len(new)

    def _prefetch(self, ops: Sequence[WriteOp]) -> None:
        """Load, in one query per type, what updates need to know about the current objects."""
        if self._labels is None and any("labels" in op.fields for op in ops):
            self.operations_spent += 1
            self._labels = {r["name"]: r["resource_name"] for r in self.api.search(self.cid, "label")}
        relinked = any(
            op.address.kind == "asset_group" and op.action == "update" and self._relinks(op) for op in ops
        )
        if relinked and self._links is None:
            self.operations_spent += 1
            rows = self.api.search(self.cid, "asset_group_asset")
            self._links = gc.asset_group_links(rows)
            self._paused_links = gc.asset_group_links(rows, paused=True)
        rebranded = any(
            op.address.kind == "campaign" and op.action == "update" and set(op.fields) & set(_BRAND)
            for op in ops
        )
        if rebranded and self._brand_links is None:
            self.operations_spent += 1
            rows = self.api.search(self.cid, "campaign_asset")
            self._brand_links = gc.brand_links(rows)
            self._paused_brand_links = gc.brand_links(rows, paused=True)
        refed = any(
            op.address.kind == "campaign" and op.action == "update" and _FEED in op.fields for op in ops
        )
        if refed and self._feeds is None:
            self._feeds = self._read_feeds()
        rewritten = any(
            op.action == "update" and lg.is_tree_write(op.address.kind, op.action, op.fields) for op in ops
        )
        if rewritten and self._listing_rows is None:
            self.operations_spent += 1
            self._listing_rows = {}
            _keep_listing_rows(self._listing_rows, self.api.search(self.cid, "ad_group_criterion"))
        for kind in _LABELLED:
            missing = sorted(
                {
                    str(op.platform_id)
                    for op in ops
                    if op.action == "update"
                    and op.address.kind == kind
                    and op.platform_id
                    and (kind, str(op.platform_id)) not in self._rows
                    and {"labels", *gc.BIDDING_FIELDS} & set(op.fields)
                }
            )
            if missing:
                self.operations_spent += 1
                for row in self.api.search(self.cid, kind, ids=missing):
                    self._rows[(kind, row["id"])] = _kept(row)

    def _read_feeds(self) -> dict[str, page_feed.Feed]:
        """Every campaign's page feed links (four queries: the asset sets, the campaigns' links to them, their
        pages' links, the pages' assets)."""
        self.operations_spent += 3
        asset_sets = self.api.search(self.cid, "asset_set")
        campaign_sets = self.api.search(self.cid, "campaign_asset_set")
        set_assets = self.api.search(self.cid, "asset_set_asset")
        ids = sorted({gc.asset_id(str(row["asset"])) for row in set_assets})
        assets = self.api.search(self.cid, "asset", ids=ids) if ids else []
        self.operations_spent += 1 if ids else 0
        self._unlinked_feeds = page_feed.unlinked(campaign_sets, set_assets, assets, asset_sets)
        self._set_names = {
            str(r["resource_name"]): str(r.get("name")) for r in asset_sets if page_feed.live(r)
        }
        return page_feed.feeds(campaign_sets, set_assets, assets, asset_sets)

    def _draft(self, index: int, op: WriteOp, batch: Batch, request: _Request) -> _Draft:
        kind = op.address.kind
        if kind not in PARENT_REF and kind != "campaign_budget":
            raise PermanentError(
                f"unknown Google kind {kind!r}", platform=GOOGLE, code="field_error.INVALID_VALUE"
            )
        if lg.is_tree_write(kind, op.action, op.fields):
            return self._tree(index, op, batch, request)
        type_ = RESOURCE_TYPES[kind]
        draft = _Draft()
        if _held_device(op, self.cid, self._reset_devices):
            return self._device(index, op, batch, request, draft)
        if (held := self._reset_group_device(op)) is not None:
            # Google still holds the row a console reset (read as none): set, not made again.
            update = {"resource_name": held, "bid_modifier": native_modifier(op.fields.get("bid_modifier"))}
            draft.ops.append({type_.operation: {"update": update, "update_mask": "bid_modifier"}})
            return draft
        if op.action == "create":
            videos: Mapping[str, str] | None = self._videos_made
            if self._validate_only:
                videos = self._validated_videos(op, draft, request)
            obj = gc.native_create(kind, self.cid, op.fields, audience_ids(op.refs, GOOGLE), videos)
            if kind == "ad_group_ad" and op.fields.get("type") == DEMAND_GEN_CAROUSEL_AD:
                info = obj["ad"][DEMAND_GEN_CAROUSEL_AD_INFO]
                info["carousel_cards"] = [
                    {"asset": self._card_asset(card, draft, request)} for card in op.fields.get("cards") or ()
                ]
            if kind == "ad_group_ad" and op.fields.get("call_to_actions"):
                made = [
                    {"asset": self._call_to_action_asset(str(value), draft, request)}
                    for value in op.fields["call_to_actions"]
                ]
                if op.fields.get("type") == DEMAND_GEN_PRODUCT_AD:  # one AdCallToActionAsset
                    obj["ad"][DEMAND_GEN_PRODUCT_AD_INFO]["call_to_action"] = made[0]
                else:
                    obj["ad"][gc.DEMAND_GEN_VIDEO_AD_INFO]["call_to_actions"] = made
            self._clear_reset_ranges(op, draft, request)
            draft.primary = len(draft.ops)  # after the assets made for it in its request
            if kind in PARENT_REF:
                ref_name, native_field = PARENT_REF[kind]
                obj[native_field] = self._required_ref(
                    index, op, kind, ref_name, native_field, batch, request
                )
            if kind in _REFERABLE or kind == "asset_group":
                request.counter += 1
                draft.temp = obj["resource_name"] = (
                    f"customers/{self.cid}/{type_.collection}/-{request.counter}"
                )
            draft.ops.append({type_.operation: {"create": obj}})
            if kind == "asset_group":
                self._link_assets(str(draft.temp), op.fields, {}, draft, request)
            elif kind == "campaign":
                self._link_assets(str(draft.temp), op.fields, {}, draft, request, _BRAND, "campaign")
                if op.fields.get(_FEED) and self._validate_only:  # checked under the temporary name
                    self._link_pages(str(draft.temp), op.fields[_FEED], None, draft, request)
                elif op.fields.get(_FEED):  # once the campaign is made (``_send_feed``)
                    self._feed_requests[index] = None
            if kind in _LABELLED:
                for name in gc.label_names_of(op.fields):
                    label = self._label(name, draft, request)
                    link = {kind: draft.temp, "label": label}
                    if name == MANAGED_MARKER:
                        draft.marker = len(draft.ops)
                    draft.ops.append({f"{kind}_label_operation": {"create": link}})
            return draft
        if not op.platform_id:
            raise PermanentError(f"{op.action} needs the platform id", platform=GOOGLE, code=BAD_REFERENCE)
        name = f"customers/{self.cid}/{type_.collection}/{op.platform_id}"
        if op.action == "delete" and is_device_address(op.address):
            # Google removes no device criterion (v26 CriterionError.CANNOT_REMOVE_CRITERION): reset to no
            # adjustment, which the read sees as none (``spec._google_devices``).
            reset = {"resource_name": name, "bid_modifier": RESET_MODIFIER}
            draft.ops.append({type_.operation: {"update": reset, "update_mask": "bid_modifier"}})
            return draft
        if op.action == "delete":
            draft.ops.append({type_.operation: {"remove": name}})
            return draft
        own_fields = op.fields
        if kind == "asset_group":
            own_fields = {k: v for k, v in op.fields.items() if k in gc.ASSET_GROUP_OWN_FIELDS}
            links = (self._links or {}).get(str(op.platform_id), {})
            paused = self._paused_links.get(str(op.platform_id), {})
            self._link_assets(name, op.fields, links, draft, request, paused=paused)
        elif kind == "campaign" and set(op.fields) & set(_BRAND):
            own_fields = {k: v for k, v in op.fields.items() if k not in _BRAND}
            links = (self._brand_links or {}).get(str(op.platform_id), {})
            paused = self._paused_brand_links.get(str(op.platform_id), {})
            self._link_assets(name, op.fields, links, draft, request, _BRAND, "campaign", paused)
        if kind == "campaign" and _FEED in op.fields:
            own_fields = {k: v for k, v in own_fields.items() if k != _FEED}
            feed = (self._feeds or {}).get(str(op.platform_id))
            if index in self._fed_first:
                pass  # its pages were unlinked before the main request (``_unlink_pages_first``)
            elif self._validate_only:
                self._link_pages(name, op.fields[_FEED] or [], feed, draft, request)
            else:  # drafted now (a shared set refuses the whole update), sent after the main request
                feed_request, feed_draft = _Request(), _Draft()
                self._link_pages(name, op.fields[_FEED] or [], feed, feed_draft, feed_request)
                if feed_draft.ops:
                    feed_request.add(index, feed_draft)
                    self._feed_requests[index] = feed_request
        obj, mask = self._update(kind, str(op.platform_id), own_fields)
        for ref_name, value in op.refs.items():
            if is_audience_ref(ref_name):  # the audience a criterion names, never a field of its own
                continue
            target = self._ref(index, ref_name, value, batch, request)
            obj[ref_name], mask = target, [*mask, ref_name]
        if mask:
            obj["resource_name"] = name
            draft.ops.insert(0, {type_.operation: {"update": obj, "update_mask": ",".join(mask)}})
        if "labels" in op.fields and kind in _LABELLED:
            self._relabel(kind, str(op.platform_id), gc.label_names_of(op.fields), name, draft, request)
        draft.done = not draft.ops
        return draft

    def _tree(self, index: int, op: WriteOp, batch: Batch, request: _Request) -> _Draft:
        """A product group tree's creation, or the rewrite of its live tree into the one it updates to."""
        draft = _Draft()
        if op.action == "create":
            ad_group = self._required_ref(
                index, op, "ad_group_criterion", "ad_group", "ad_group", batch, request
            )
            writer = lg.TreeWriter(self.cid, ad_group, request.counter)
            writer.create(lg.desired_group(op.fields), None, None)
        else:
            if not op.platform_id:
                raise PermanentError(
                    f"{op.action} needs the platform id", platform=GOOGLE, code=BAD_REFERENCE
                )
            ad_group_id = str(op.platform_id).split("~", 1)[0]
            rows = (self._listing_rows or {}).get(ad_group_id, [])
            live = lg.tree_fields(rows)
            # An update sends the fields that changed: the others are the live tree's.
            merged = {**(live[1] if live else {}), **op.fields}
            writer = lg.TreeWriter(self.cid, f"customers/{self.cid}/adGroups/{ad_group_id}", request.counter)
            writer.rewrite(rows, lg.desired_group(merged))
            if writer.root_temp is not None:
                draft.renamed = True
                draft.primary = len(writer.removes)
        request.counter = writer.counter
        draft.ops = writer.ops()
        draft.done = not draft.ops
        return draft

    def _update(
        self, kind: str, platform_id: str, fields: dict[str, Any] | Any
    ) -> tuple[dict[str, Any], list[str]]:
        obj: dict[str, Any] = {}
        mask: list[str] = []

        def put(path: str, value: Any) -> None:
            mask.append(path)
            if value is not None:
                node = obj
                parts = path.split(".")
                for part in parts[:-1]:
                    node = node.setdefault(part, {})
                node[parts[-1]] = value

        for key, value in fields.items():
            if key == "labels":
                continue
            if kind == "ad_group" and key == "audience_bid_only":
                put("targeting_setting.target_restrictions", gc.audience_restrictions(value))
            elif kind == "ad_group" and key == "channel_controls":
                # A oneof: its strategy member clears picked channels; picked channels (every flag, the
                # ones not picked cleared) clear the strategy.
                native = gc.channel_controls_native(value)
                for member, member_value in native.items():
                    if isinstance(member_value, dict):
                        for channel, on in member_value.items():
                            put(f"{CHANNEL_CONTROLS}.{member}.{channel}", on)
                    else:
                        put(f"{CHANNEL_CONTROLS}.{member}", member_value)
            elif key == "url_custom_parameters" and kind in ("campaign", "ad_group", "ad_group_criterion"):
                put(key, gc.url_options_native({key: value}, (key,)).get(key))
            elif kind in ("campaign_budget", "ad_group", "asset_group"):
                put(key, value)
            elif kind == "campaign":
                if key in ("start_date", "end_date"):
                    time = "00:00:00" if key == "start_date" else "23:59:59"
                    put(f"{key}_time", f"{value} {time}" if value else None)
                elif key == "contains_eu_political_advertising":
                    put(key, None if value is None else gc.eu_value(value))
                elif key == "app_campaign_setting":
                    # Its app_id and app_store are immutable (a change replaces the campaign): an update
                    # changes the goal only.
                    goal = "bidding_strategy_goal_type"
                    put(f"{key}.{goal}", (value or {}).get(goal))
                elif key == "conversion_actions":
                    put(
                        "selective_optimization.conversion_actions",
                        gc.conversion_action_names(self.cid, value),
                    )
                elif key == "shopping_setting":
                    for leaf in UPDATABLE_SETTINGS:
                        put(f"{key}.{leaf}", (value or {}).get(leaf))
                elif key == "hotel_setting":
                    # None (a Demand Gen campaign's console-set account reverted) clears it through the
                    # mask; whether Google takes that or wants disable_hotel_setting is unconfirmed.
                    put(f"{key}.hotel_center_id", (value or {}).get("hotel_center_id"))
                elif key == "demand_gen_shopping_setting":
                    # Its account and feed label alone (a Demand Gen campaign has no campaign priority nor
                    # local products): set on a live campaign to show its products ("apply them later to
                    # enable product ads on an existing Demand Gen campaign", demand-gen/product-ads).
                    for leaf in ("merchant_id", "feed_label"):
                        put(f"shopping_setting.{leaf}", (value or {}).get(leaf))
                elif key == "dynamic_search_ads_setting":
                    for leaf in DSA_SETTING_LEAVES:
                        put(f"{key}.{leaf}", (value or {}).get(leaf))
                elif key == "network_settings":
                    for leaf in RESOURCE_TYPES["campaign"].leaves:
                        if leaf.startswith("network_settings."):
                            put(leaf, (value or {}).get(leaf.split(".", 1)[1]))
                elif key not in gc.BIDDING_FIELDS:
                    put(key, value)
            elif kind == "ad_group_bid_modifier":  # its modifier alone changes (its device is immutable)
                if key == "bid_modifier":
                    put(key, native_modifier(value))
            elif kind in GOOGLE_CRITERION_KINDS:
                if key == "user_interest" and value is not None:
                    value = gc.interest_name(self.cid, value)
                elif key == "bid_modifier":  # cleared: 1.0 (``spec._bid_modifiers``)
                    value = native_modifier(value)
                put(gc.CRITERION_PATHS.get(key, key), value)
            elif kind == "ad_group_ad":
                if key in ("headlines", "descriptions") and value is not None:
                    value = [{"text": t} for t in value]
                put(gc.AD_PATHS.get(key, key), value)
        if kind == "campaign" and gc.BIDDING_FIELDS & set(fields):
            current = gc.campaign_fields(self._rows.get(("campaign", platform_id), {}), {})
            merged = {**current, **fields}
            scheme, leaves = gc.bidding(merged.get("bidding_strategy_type"), merged)
            for leaf, value in leaves.items():
                put(f"{scheme}.{leaf}", value)
            obj.setdefault(scheme, {})
        return obj, mask

    def _relinks(self, op: WriteOp) -> bool:
        """Whether a write of an asset group creates it or changes its assets."""
        return op.action == "create" or bool(set(op.fields) - set(gc.ASSET_GROUP_OWN_FIELDS))

    def _repeated_texts(self, op: WriteOp) -> set[str]:
        """The headlines and descriptions an asset group's write links anew."""
        if op.action == "delete":
            return set()
        current: dict[tuple[str, str], str] = {}
        if op.action == "update":  # a paused link's text exists: the link is re-enabled (``_link_assets``)
            current = {
                **(self._links or {}).get(str(op.platform_id), {}),
                **self._paused_links.get(str(op.platform_id), {}),
            }
        texts: set[str] = set()
        for normal, field_type in GOOGLE_ASSET_GROUP_ASSETS.items():
            if field_type in _TEXTS_MADE_FIRST and normal in op.fields:
                held = {value for field, value in current if field == normal}
                texts |= set(gc.asset_values(normal, op.fields[normal])) - held
        return texts

    def _make_texts(self, texts: Sequence[str]) -> dict[str, str]:
        """Text assets of ``texts``, in one request: text → resource name (Google returns the existing
        asset of a text the account has)."""
        ops = [{"asset_operation": {"create": {"text_asset": {"text": text}}}} for text in texts]
        self.operations_spent += len(ops)
        self.write_requests += 1
        response = self.api.mutate(self.cid, ops, partial_failure=False, validate_only=self._validate_only)
        return {text: str(name) for text, name in zip(texts, response.results, strict=True)}

    def _validated_videos(self, op: WriteOp, draft: _Draft, request: _Request) -> dict[str, str] | None:
        """In a validation, the video assets a Demand Gen video responsive ad names, made in the request
        that validates it under temporary names (its videos are "Required": without them the ad could not
        be checked); None for every other ad, which a validation checks without its videos."""
        if op.fields.get("type") != gc.DEMAND_GEN_VIDEO_AD:
            return None
        for video in _ad_videos(op):
            if video not in request.video_assets:
                request.counter += 1
                asset = request.video_assets[video] = f"customers/{self.cid}/assets/-{request.counter}"
                made = {"resource_name": asset, "youtube_video_asset": {"youtube_video_id": video}}
                draft.ops.append({"asset_operation": {"create": made}})
        return request.video_assets

    def _call_to_action_asset(self, value: str, draft: _Draft, request: _Request) -> str:
        """The temporary name of a call to action asset of type ``value`` (v26 CallToActionAsset), made in
        the request ahead of the Demand Gen video ad that names it, as an asset group's is."""
        request.counter += 1
        asset = f"customers/{self.cid}/assets/-{request.counter}"
        made = {"resource_name": asset, "call_to_action_asset": {"call_to_action": value}}
        draft.ops.append({"asset_operation": {"create": made}})
        return asset

    def _card_asset(self, card: Mapping[str, Any], draft: _Draft, request: _Request) -> str:
        """The temporary name of the carousel card asset of ``card``, made in the request ahead of the
        carousel ad that names it (a new asset each time; whether Google takes a card asset's temporary name
        in the ad of the same request, as it takes an asset group's texts', is unconfirmed)."""
        request.counter += 1
        asset = f"customers/{self.cid}/assets/-{request.counter}"
        made = {"resource_name": asset, **card_asset_native(self.cid, card)}
        draft.ops.append({"asset_operation": {"create": made}})
        return asset

    def _make_videos(self, video_ids: Sequence[str]) -> dict[str, str]:
        """YouTube video assets of ``video_ids``, in one request: video id → resource name (Google returns the
        existing asset of a video the account has)."""
        ops = [
            {"asset_operation": {"create": {"youtube_video_asset": {"youtube_video_id": video}}}}
            for video in video_ids
        ]
        self.operations_spent += len(ops)
        self.write_requests += 1
        response = self.api.mutate(self.cid, ops, partial_failure=False, validate_only=self._validate_only)
        if self._validate_only:  # checked, nothing made: the ads are validated without their videos
            return {}
        return {video: str(name) for video, name in zip(video_ids, response.results, strict=True)}

    def _link_assets(
        self,
        group: str,
        fields: Mapping[str, Any],
        current: Mapping[tuple[str, str], str],
        draft: _Draft,
        request: _Request,
        assets: Mapping[str, str] = GOOGLE_ASSET_GROUP_ASSETS,
        parent: str = "asset_group",
        paused: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        """The operations that make an asset group's links (or a brand campaign's, ``parent`` "campaign" and
        ``assets`` its brand assets) hold ``fields``' assets: a text or image no longer wanted is unlinked
        (assets are immutable: a changed text is another asset), a new one linked, a new text or YouTube video
        asset created first (once per request: Google refuses an asset created twice in one request, v26
        asset_error.DUPLICATE_ASSET, and returns the existing one of an identical text or video). A wanted
        asset whose link is ``paused`` (in a console) has that link re-enabled (v26 AssetGroupAsset.status is
        mutable): a second link of the same asset and field type would be refused."""
        operation = f"{parent}_asset_operation"
        for normal, field_type in assets.items():
            if normal not in fields:
                continue
            wanted = gc.asset_values(normal, fields[normal])
            held = {value: link for (field, value), link in current.items() if field == normal}
            for value in sorted(set(held) - set(wanted)):
                draft.ops.append({operation: {"remove": held[value]}})
            for value in sorted(set(wanted) - set(held)):
                if (link_name := (paused or {}).get((normal, value))) is not None:
                    enabled = {"resource_name": link_name, "status": "ENABLED"}
                    draft.ops.append({operation: {"update": enabled, "update_mask": "status"}})
                    continue
                asset: str | None
                if field_type == gc.CALL_TO_ACTION_FIELD:  # a call to action asset of its own
                    asset = self._call_to_action_asset(value, draft, request)
                elif field_type in ASSET_GROUP_TEXT_FIELDS:
                    asset = self._texts_made.get(value) or request.text_assets.get(value)
                    if asset is None:
                        request.counter += 1
                        asset = request.text_assets[value] = f"customers/{self.cid}/assets/-{request.counter}"
                        created = {"resource_name": asset, "text_asset": {"text": value}}
                        draft.ops.append({"asset_operation": {"create": created}})
                elif field_type == gc.YOUTUBE_VIDEO_FIELD:  # a YouTube video asset, once per request as texts
                    asset = request.video_assets.get(value)
                    if asset is None:
                        request.counter += 1
                        asset = f"customers/{self.cid}/assets/-{request.counter}"
                        request.video_assets[value] = asset
                        video = {"resource_name": asset, "youtube_video_asset": {"youtube_video_id": value}}
                        draft.ops.append({"asset_operation": {"create": video}})
                else:
                    asset = gc.asset_name(self.cid, value)
                link = {parent: group, "asset": asset, "field_type": field_type}
                draft.ops.append({operation: {"create": link}})

    def _link_pages(
        self,
        campaign: str,
        pages: Sequence[Mapping[str, Any]],
        feed: page_feed.Feed | None,
        draft: _Draft,
        request: _Request,
    ) -> None:
        """The operations that make a Dynamic Search Ads campaign's page feed hold ``pages``
        (``connectors.google_page_feed``): a page no longer wanted unlinked from its set, a new one's asset
        made (once per request) and linked to the campaign's first set, or to a new set of the campaign.
        Refused (``PermanentError``), naming the set and its campaigns, when the campaign has a set linked to
        other campaigns too: its pages are theirs as well. A campaign without a set whose own (named for it,
        ``page_feed.set_name``) was unlinked in a console has it linked again, as Google refuses a second set
        of its name (AssetSetError.DUPLICATE_ASSET_SET_NAME)."""
        own = next(
            (f for n, f in sorted(self._unlinked_feeds.items()) if page_feed.is_own_set(n, campaign)), None
        )
        if (feed is None or not feed.sets) and own is not None and pages:
            link = {"campaign": campaign, "asset_set": own.sets[0]}
            draft.ops.append({"campaign_asset_set_operation": {"create": link}})
            feed = own
        held = feed.links if feed is not None else {}
        wanted = {page_feed.page_key(p): p for p in pages}
        gone = sorted(set(held) - set(wanted))
        new = sorted(set(wanted) - set(held))
        if feed is not None and feed.shared and (gone or new):
            raise self._shared_feed(campaign, feed.shared)
        for key in gone:
            for set_asset in held[key]:  # every set's link to it: a page held twice is unlinked twice
                draft.ops.append({"asset_set_asset_operation": {"remove": set_asset}})
        if not new:
            return
        if feed is not None and feed.sets:
            asset_set = feed.sets[0]
        else:
            request.counter += 1
            asset_set = f"customers/{self.cid}/assetSets/-{request.counter}"
            taken = set(self._set_names.values())
            made = {
                "resource_name": asset_set,
                **page_feed.asset_set(page_feed.free_set_name(campaign, taken)),
            }
            draft.ops.append({"asset_set_operation": {"create": made}})
            link = {"campaign": campaign, "asset_set": asset_set}
            draft.ops.append({"campaign_asset_set_operation": {"create": link}})
        for key in new:
            asset = request.page_assets.get(key)
            if asset is None:
                request.counter += 1
                asset = request.page_assets[key] = f"customers/{self.cid}/assets/-{request.counter}"
                created = {"resource_name": asset, **page_feed.page_asset(wanted[key])}
                draft.ops.append({"asset_operation": {"create": created}})
            draft.ops.append(
                {"asset_set_asset_operation": {"create": {"asset_set": asset_set, "asset": asset}}}
            )

    def _shared_feed(self, campaign: str, shared: Mapping[str, Sequence[str]]) -> PermanentError:
        """The refusal of a change to ``campaign``'s page feed, whose sets ``shared`` (set → campaign ids) are
        linked to other campaigns too: naming each set and those others (by name, from one query)."""
        own_id = campaign.rsplit("/", 1)[-1]
        others = sorted({c for campaigns in shared.values() for c in campaigns if c != own_id})
        self.operations_spent += 1
        try:  # the names only help: a failed lookup names the campaigns by id
            rows = self.api.search(self.cid, "campaign", ids=others)
        except ConnectorError:
            rows = []
        names = {str(r["id"]): str(r.get("name")) for r in rows}

        def named(ids: Iterable[str]) -> str:
            return ", ".join(f"{names[c]} ({c})" if c in names else c for c in ids if c != own_id)

        sets = "; ".join(
            f"{name}"
            + (f" ({self._set_names[name]})" if name in self._set_names else "")
            + f" is linked to campaign{'s' if len(set(ids) - {own_id}) > 1 else ''} {named(ids)} too"
            for name, ids in sorted(shared.items())
        )
        return PermanentError(
            f"campaign {own_id}'s page feed set {sets}; MIDAS edits no shared asset set (one linked to "
            "more than one campaign: its pages are every linked campaign's): unlink it from every campaign "
            "but one in the console (a campaign of MIDAS's left without a set gets one of its own at the "
            "next apply)",
            platform=GOOGLE,
            code="midas.SHARED_PAGE_FEED",
            field="page_feed",
        )

    def _relabel(
        self, kind: str, platform_id: str, wanted: list[str], name: str, draft: _Draft, request: _Request
    ) -> None:
        row = self._rows.get((kind, platform_id), {})
        by_name = {v: k for k, v in (self._labels or {}).items()}
        current = {by_name[n]: n for n in row.get("labels", []) if n in by_name}
        for label in sorted(set(current) - set(wanted)):
            link_id = f"{platform_id}~{current[label].rsplit('/', 1)[1]}"
            collection = RESOURCE_TYPES[f"{kind}_label"].collection
            draft.ops.append(
                {f"{kind}_label_operation": {"remove": f"customers/{self.cid}/{collection}/{link_id}"}}
            )
        for label in sorted(set(wanted) - set(current)):
            link = {kind: name, "label": self._label(label, draft, request)}
            if label == MANAGED_MARKER:
                draft.marker = len(draft.ops)
            draft.ops.append({f"{kind}_label_operation": {"create": link}})

    def _label(self, name: str, draft: _Draft, request: _Request) -> str:
        known = (self._labels or {}).get(name) or request.label_temps.get(name) or draft.new_labels.get(name)
        if known:
            return known
        request.counter += 1
        temp = f"customers/{self.cid}/labels/-{request.counter}"
        draft.new_labels[name] = temp
        draft.ops.append({"label_operation": {"create": {"resource_name": temp, "name": name}}})
        return temp

    def _send_devices(self, indexes: Sequence[int], batch: Batch, sent_any: bool) -> bool:
        """Send the device adjustments of campaigns this batch made (``_device``), with partial failure, in
        as few requests as the limit allows. Returns whether something was sent."""
        request = _Request()
        for index in indexes:
            try:
                draft = self._device(index, batch.ops[index], batch, request, _Draft())
            except PermanentError as exc:  # its campaign failed (DependencyFailed)
                batch.fail(index, exc)
                continue
            if len(request.ops) + len(draft.ops) > MAX_OPERATIONS_PER_REQUEST:
                sent_any = self._send_after(request, batch, sent_any, atomic=False)
                request = _Request()
            request.add(index, draft)
        if request.ops:
            sent_any = self._send_after(request, batch, sent_any, atomic=False)
        return sent_any

    def _device(self, index: int, op: WriteOp, batch: Batch, request: _Request, draft: _Draft) -> _Draft:
        """A device's adjustment, planned as a create, of a criterion the campaign holds adjusting nothing
        (``_held_device``: one Google made with it, or a connected TV one MIDAS made then reset): it is
        updated (``bid_modifier`` alone) under the campaign's id and the device's criterion id
        (``spec._google_devices``); creating it again would be refused. The update's result is the
        criterion's resource name, recorded as a create's. A campaign this batch makes has its id once its
        request is sent (``_write`` drafts its devices after it); validated only, it has none, and its
        devices' updates are not sent (reported done)."""
        campaign = self._required_ref(index, op, "device criterion", "campaign", "campaign", batch, request)
        campaign_id = campaign.rsplit("/", 1)[1]
        criterion_id = DEVICE_CRITERION_IDS[str(op.fields["device"])]
        if campaign_id.startswith("-"):  # validated only, with the campaign it makes
            draft.done = True
            return draft
        name = (
            f"customers/{self.cid}/{RESOURCE_TYPES[op.address.kind].collection}/{campaign_id}~{criterion_id}"
        )
        update = {"resource_name": name, "bid_modifier": native_modifier(op.fields["bid_modifier"])}
        draft.ops.append(
            {RESOURCE_TYPES[op.address.kind].operation: {"update": update, "update_mask": "bid_modifier"}}
        )
        return draft

    def _reset_group_device(self, op: WriteOp) -> str | None:
        """The resource name of the ad group device bid modifier a create of ``op`` would duplicate: one of
        a live ad group the last read saw adjusting nothing (``google_bid_modifiers.unadjusted_devices``)."""
        group = _live_group_of_new_modifier(op)
        return None if group is None else self._reset_group_devices.get((group, modifier_key(op.fields)))

    def _clear_reset_ranges(self, op: WriteOp, draft: _Draft, request: _Request) -> None:
        """Remove, ahead of a Hotel ad group's new booking range in its request, the ad group's ranges of
        its kind a console reset to 1.0 that overlap it (``google_bid_modifiers.reset_ranges``). Such a row
        reads as none (it adjusts nothing), so no plan removes it, yet Google keeps it and refuses a new range
        overlapping it (v26 CriterionError ..._OVERLAPS_WITH_EXISTING_CRITERION): every apply would fail.
        Removing it changes no bid. Only a range of the kind being created goes (a kind the spec names: a
        console's of another kind is left alone), each once per request; operations of one request are done
        in order (as a replaced object's removal makes way for it: ``_write``), each once per draft too (a
        row the read saw twice). The removal is incidental: a row already gone does not fail the range, a
        removal refused otherwise fails it only as the range's own create is refused, and a refused range is
        told by its create's error, with a removal's (not a gone row's) beside it (``_refusal``)."""
        operation = RESOURCE_TYPES["ad_group_bid_modifier"].operation
        for name in self._ranges_in_the_way(op):
            if name in request.cleared or name in draft.cleared:
                continue
            draft.cleared.append(name)
            draft.incidental.append(len(draft.ops))
            draft.ops.append({operation: {"remove": name}})

    def _ranges_in_the_way(self, op: WriteOp) -> list[str]:
        """The resource names of the reset ranges a create of a booking range ``op`` removes first
        (``_clear_reset_ranges``): its ad group's of its kind that overlap it, as the last read saw them."""
        group = _live_group_of_new_modifier(op)
        if group is None or range_of(op.fields) is None:
            return []
        return [
            name
            for fields, name in self._reset_group_ranges.get(group, ())
            if fields_overlap(fields, op.fields)
        ]

    def _required_ref(
        self, index: int, op: WriteOp, what: str, ref_name: str, field: str, batch: Batch, request: _Request
    ) -> str:
        """The resource name ``op``'s ref ``ref_name`` points at, which a ``what`` cannot be made without."""
        if ref_name not in op.refs:
            raise PermanentError(
                f"a {what} needs ref {ref_name}", platform=GOOGLE, code="field_error.REQUIRED", field=field
            )
        return self._ref(index, ref_name, op.refs[ref_name], batch, request)

    def _ref(self, index: int, ref_name: str, value: Any, batch: Batch, request: _Request) -> str:
        if ref_name not in _REFERABLE:
            raise PermanentError(f"unknown ref {ref_name!r}", platform=GOOGLE, code=BAD_REFERENCE)
        target = batch.ref(index, ref_name, value)
        if isinstance(target, str):
            return f"customers/{self.cid}/{RESOURCE_TYPES[ref_name].collection}/{target}"
        if target in request.temps:
            return request.temps[target]
        if target in self._names:
            return self._names[target]
        raise DependencyFailed(GOOGLE, batch.ops[target].address)

    def _unlink_pages_first(self, ops: Sequence[WriteOp], batch: Batch, failed: set[int]) -> bool:
        """Send, before the main request, the page feed requests of the campaign updates that empty their
        feed (``dynamic_search_ads`` dropped, or its ``page_feed``): once the main request has dropped the
        setting, a read no longer reads the campaign's page feed, so pages a crash or a failure left linked
        after it would never be seen again. Unlinked first, a crash leaves a DSA campaign whose empty feed
        the re-run reads, and a refused request fails the update whole (its main part is not sent). Adds
        the ops that failed to ``failed``; returns whether something was sent."""
        sent_any = False
        for index, op in enumerate(ops):
            if not (op.address.kind == "campaign" and op.action == "update" and _FEED in op.fields):
                continue
            if op.fields[_FEED]:
                continue
            self._fed_first.add(index)
            request, draft = _Request(), _Draft()
            try:
                name = f"customers/{self.cid}/{RESOURCE_TYPES['campaign'].collection}/{op.platform_id}"
                self._link_pages(name, [], (self._feeds or {}).get(str(op.platform_id)), draft, request)
            except PermanentError as exc:
                batch.fail(index, exc)
                failed.add(index)
                continue
            if not draft.ops:
                continue
            request.add(index, draft)
            try:
                self._mutate_feed(request.ops)
            except ConnectorError as exc:
                if isinstance(exc, (TransientError, AuthError)) and not (sent_any or self._feed_sent):
                    raise  # nothing sent yet: the whole call is retried (or the account stops)
                batch.fail(index, exc)
                failed.add(index)
            sent_any = True
        return sent_any

    def _send_feed(self, index: int, request: _Request | None, batch: Batch, sent_any: bool) -> bool:
        """Send a campaign's page feed operations in an atomic request of their own (after the main request,
        which made or updated the campaign): its new set is made and linked in one request, or neither.
        A created campaign's are drafted here, under its id (the set named after it). A failure fails the
        campaign's op; a created campaign's permanently (it was made: a retry would make it again), and the
        applier records it by the id its failure carries, without what of its feed was not made, and the
        next plan adds it. A created campaign's feed that may be live in part or whole (a request's reply
        lost, ``_outcome_unknown``; a later of its requests failed, ``_feed_began``) is read again
        (``_feed_held``): held whole, the create went through; held in part, its failure carries the pages
        made, which the applier records. Returns whether something was sent."""
        op = batch.ops[index]
        if batch.failed(index):
            return sent_any
        platform_id = str(op.platform_id) if op.action != "create" else None
        if request is None:
            made = self._names.get(index)
            if made is None:
                return sent_any
            platform_id = made.rsplit("/", 1)[-1]
            request, draft = _Request(), _Draft()
            self._link_pages(made, op.fields.get(_FEED) or [], None, draft, request)
            request.add(index, draft)
        try:
            self._mutate_feed(request.ops)
        except ConnectorError as exc:  # an auth error too: the main request's creates stand, with their ids
            error: ConnectorError = exc
            if op.action == "create":
                assert platform_id is not None
                error = self._feed_not_made(platform_id, op.fields.get(_FEED) or [], exc)
                if error is exc:  # the feed read again holds it whole: the create went through
                    batch.succeed(index, platform_id)
                    return True
            elif isinstance(exc, (TransientError, AuthError)) and not (sent_any or self._feed_sent):
                raise  # nothing sent (not even a first request of this feed): the whole call is retried
            batch.fail(index, error, platform_id)
        return True

    def _feed_not_made(
        self, campaign_id: str, pages: Sequence[Mapping[str, Any]], exc: ConnectorError
    ) -> ConnectorError:
        """The failure of a created campaign whose page feed failed with ``exc`` (``MadeInPart``, carrying
        the pages live when some are), or ``exc`` itself when the feed read again holds every page."""
        unknown = _outcome_unknown(exc)
        held = self._feed_held(campaign_id) if unknown or self._feed_began else set()
        wanted = {page_feed.page_key(page): page for page in pages}
        if held is not None and set(wanted) == held:
            return exc
        made = [page for key, page in wanted.items() if held and key in held]
        if held is None:
            feed = "may have been made, its reply was lost" if unknown else "was made in part"
        elif made:
            feed = f"was made in part ({len(made)} of {len(wanted)} pages)"
        else:
            feed = "was not made"
        lacks = "the rest" if made else "it"
        lost = (
            f"; its reply was lost, and the feed read again lacks {lacks}"
            if held is not None and unknown
            else ""
        )
        rest = "the pages made" if made else "it"
        return MadeInPart(
            f"the campaign was made ({campaign_id}), its page feed {feed} ({exc.message}){lost}; the apply "
            f"records {rest}, and a re-run adds its page feed where it lacks it",
            platform=GOOGLE,
            code=exc.code,
            parts=[_FEED],
            made={_FEED: made} if made else None,
        )

    def _feed_held(self, campaign_id: str) -> set[page_feed.PageKey] | None:
        """The pages of a created campaign's page feed read again (``_read_feeds``), after one of its
        requests failed (None: the read failed too, the outcome is still unknown)."""
        try:
            feed = self._read_feeds().get(campaign_id)
        except ConnectorError:
            return None
        return set(feed.links) if feed is not None else set()

    def _mutate_feed(self, operations: list[dict[str, Any]]) -> None:
        """Send a campaign's page feed operations: in one atomic request when they fit Google's limit of
        ``MAX_OPERATIONS_PER_REQUEST`` per mutate request, else in several, each atomic (``_feed_requests``):
        the first makes and links the new set with the first pages, the next link the rest to it (by the
        set's id, learnt from the first). A crash or a refusal between them leaves a linked set holding
        part of the pages, which the next read reads and the next apply finishes; a later request refused
        for now fails the campaign's op alone (``_feed_sent``), retried against the feed read again."""
        made: dict[str, str] = {}  # temporary resource name → the one Google gave
        self._feed_began = False
        for chunk in _feed_requests(operations):
            chunk = [_resolved(operation, made) for operation in chunk]
            self.operations_spent += len(chunk)
            self.write_requests += 1
            try:
                response = self.api.mutate(self.cid, chunk, partial_failure=False, validate_only=False)
            except ConnectorError as exc:
                # Not refused (a deadline, an outage: transient): it may have committed, its reply lost; the
                # feed is read again before a retry drafts against it (``write``), else it links pages twice.
                self._feed_unknown = (
                    self._feed_unknown or isinstance(exc, TransientError) or _outcome_unknown(exc)
                )
                raise
            self._feed_sent = self._feed_began = (
                True  # committed: a later request's failure fails its op alone
            )
            for operation, result in zip(chunk, response.results, strict=False):
                created = next(iter(operation.values())).get("create")
                if isinstance(created, dict) and result and "/-" in str(created.get("resource_name")):
                    made[str(created["resource_name"])] = str(result)

    def _send_after(self, request: _Request, batch: Batch, sent_any: bool, *, atomic: bool = True) -> bool:
        """Send a request (``atomic`` by default: ``_send``) after ``sent_any`` (whether an earlier request of
        the batch was sent). Refused for now, it fails its own ops alone when something was sent: the applier
        then retries them, not the whole batch (which would create what was sent twice). Returns whether
        something was sent."""
        try:
            self._send(request, batch, atomic=atomic)
        except TransientError as exc:
            if not sent_any:
                raise
            for index in set(request.owners):
                batch.fail(index, exc)
        return True

    def _send(self, request: _Request, batch: Batch, *, atomic: bool = False) -> None:
        """Send one request; ``atomic``: without partial failure (one failure fails every operation)."""
        self.operations_spent += len(request.ops)
        self.write_requests += 1
        if atomic:
            try:
                response = self.api.mutate(
                    self.cid, request.ops, partial_failure=False, validate_only=self._validate_only
                )
            except PermanentError as exc:
                for index in set(request.owners):
                    batch.fail(index, exc)
                return
        else:
            response = self.api.mutate(
                self.cid, request.ops, partial_failure=True, validate_only=self._validate_only
            )
        errors = {e.operation_index: e for e in response.partial_failure_errors}
        labels = self._labels if self._labels is not None else {}
        self._labels = labels
        positions: dict[int, list[int]] = {}
        for position, native in enumerate(request.ops):
            positions.setdefault(request.owners[position], []).append(position)
            created = native.get("label_operation", {}).get("create")
            if created is not None and response.results[position]:
                labels[created["name"]] = str(response.results[position])
        for index, own in positions.items():
            primary = response.results[request.primary[index]]
            op = batch.ops[index]
            if op.action != "create":
                self._rows.pop((op.address.kind, str(op.platform_id)), None)  # changed: re-read when needed
            made = op.action == "create" or index in request.renamed
            platform_id = op.platform_id if not made else (primary.rsplit("/", 1)[1] if primary else None)
            if primary and op.action == "create":
                self._names[index] = primary
            # A removal that made way for a range does not fail it when the range was made, or when the row
            # was gone already; a range refused is told by its own error (``_refusal``).
            failed = [
                p
                for p in own
                if p in errors and not (p in request.incidental and (primary or errors[p].code == _ROW_GONE))
            ]
            if not failed:
                batch.succeed(index, platform_id)
                continue
            dependency = batch.failed_dependency(index)
            error = DependencyFailed(GOOGLE, dependency) if dependency else _refusal(errors, failed, request)
            if op.action == "create" and platform_id and not dependency:
                others = [errors[p].to_permanent().field for p in failed if p not in request.markers]
                marker_refused = bool(request.markers.intersection(failed))
                labels_made = self._labels_made(op, request, failed)[1]
                error = _made_in_part(op, platform_id, error, marker_refused, others, labels_made)
            elif op.action == "update" and not dependency and _marker_alone(request, failed):
                error = self._updated_in_part(index, op, request, failed, error)
            batch.fail(index, error, platform_id)

    def _updated_in_part(
        self, index: int, op: WriteOp, request: _Request, failed: Sequence[int], error: PermanentError
    ) -> MadeInPart:
        """The failure of an update whose own fields went through though its marker's label link was
        refused (``_marker_alone``): its ``parts`` name the labels and what is sent only once the update
        went through, then never sent (a campaign's page feed: ``_send_feed``); other labels whose links were
        refused with it are left out of the ``labels`` it made (``made``; the marker kept: drift tells a
        marker not linked apart, and the next plan links it), so that none is recorded as linked."""
        unsent = index in self._feed_requests
        refused, made = self._labels_made(op, request, failed)
        also = "".join(f", and {name}'s" for name in sorted(refused))
        feed = "; its page feed was not sent" if unsent else ""
        return MadeInPart(
            f"the {op.address.kind} was updated ({op.platform_id}) but for its marker's label link{also} "
            f"({error.message}){feed}; the apply records what went through, and a re-run makes the rest",
            platform=GOOGLE,
            code=error.code,
            parts=["labels", *([_FEED] if unsent else [])],
            made=made,
        )

    def _labels_made(
        self, op: WriteOp, request: _Request, failed: Sequence[int]
    ) -> tuple[set[str], dict[str, Any] | None]:
        """The names of the labels but the marker whose links are among the ``failed`` positions of
        ``request``, and, when some are, the ``labels`` field ``op`` made (``MadeInPart.made``: without them,
        the marker kept, as drift tells a marker not linked apart)."""
        by_resource = {v: k for k, v in {**(self._labels or {}), **request.label_temps}.items()}
        links = [next(iter(request.ops[p].values())).get("create") for p in failed]  # a new label's: its link
        refused = {by_resource.get(str(link.get("label")), "") for link in links if isinstance(link, dict)}
        refused -= {MANAGED_MARKER, ""}
        if not refused:
            return refused, None
        labels = [label for label in op.fields.get("labels") or [] if marker_names([label])[0] not in refused]
        return refused, {"labels": labels}

    # --- resolve and metrics --------------------------------------------------------------------
    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        if not names:
            return {}
        if kind == "language":
            # Google's codes differ from ISO 639-1 for a few languages (Hebrew is "iw").
            google_code = {r["iso"]: r["google_code"] for r in google_language_codes()}
            wanted = {google_code.get(n.strip().lower(), n.strip()): n for n in names}
            self.operations_spent += 1
            rows = self.api.search_language_constants(self.cid, sorted(wanted))
            return {wanted[row["code"]]: str(row["id"]) for row in rows if row.get("code") in wanted}
        if kind == "location":
            # A geo target constant (a county …) is found by its id, in one query; the rest by name.
            constants = {geo_id: name for name in names if (geo_id := google_geo_id(name)) is not None}
            named = [name for name in names if google_geo_id(name) is None]
            found: dict[str, str] = {}
            if constants:
                self.operations_spent += 1
                known = self.api.location_entries(self.cid, sorted(constants))
                found.update({constants[geo_id]: geo_id for geo_id in constants if geo_id in known})
            if named:
                self.operations_spent += len(named)
                rows = self.api.suggest_geo_target_constants(self.cid, named)
                found.update({row["search_term"]: row["geo_target_constant"]["id"] for row in rows})
            return found
        found = {row["name"].casefold(): row["user_interest_id"] for row in self._user_interests(names)}
        return {name: found[name.strip().casefold()] for name in names if name.strip().casefold() in found}

    def names_of(self, kind: ResolveKind, ids: Sequence[str]) -> dict[str, str]:
        """Entries of region, city and postal code geo targets (``US-CA``, ``San Francisco, US-CA``,
        ``US:94103``) and what other geo targets are (``Austin County, US-TX (County)``:
        ``targeting.places.describe_google_place``), names of user interests (one query per kind)."""
        if kind == "location" and ids:
            self.operations_spent += 1
            return self.api.location_entries(self.cid, ids)
        if kind == "interest" and ids:
            self.operations_spent += 1
            return self.api.user_interest_names(self.cid, ids)
        return {}

    def near_names(self, kind: ResolveKind, name: str) -> list[str]:
        """Every user interest's name (the taxonomy is one query): a did-you-mean picks among them; the
        entries of the cities of a city's name in its country (one suggestion): which one it meant."""
        if kind == "location":
            self.operations_spent += 1
            return self.api.city_entries(self.cid, name)
        if kind != "interest":
            return []
        self.operations_spent += 1
        return self.api.user_interest_catalog(self.cid)

    def _user_interests(self, names: Sequence[str]) -> list[dict[str, Any]]:
        self.operations_spent += 1
        return self.api.search_user_interests(self.cid, names)

    def metrics(self, start: dt.date, end: dt.date) -> list[DailyMetrics]:
        step = Decimal(10) ** -currency_exponent(self.currency)
        out = []
        self.operations_spent += 1
        for row in self.api.campaign_metrics(self.cid, start, end):
            m = row["metrics"]
            out.append(
                DailyMetrics(
                    date=dt.date.fromisoformat(row["segments"]["date"]),
                    platform=GOOGLE,
                    account=self.account,
                    campaign_id=str(row["campaign"]["id"]),
                    campaign_name=str(row["campaign"]["name"]),
                    impressions=int(m["impressions"]),
                    clicks=int(m["clicks"]),
                    spend=from_google_micros(int(m["cost_micros"])).quantize(step),
                    conversions=Decimal(m["conversions"]),
                    conversion_value=Decimal(m["conversions_value"]),
                    currency=self.currency,
                )
            )
        return sorted(out, key=lambda d: (d.date, d.campaign_id))


def _ad_videos(op: WriteOp) -> set[str]:
    """The YouTube video ids a responsive display ad's or a Demand Gen video responsive ad's create shows
    (their assets are made first)."""
    if op.action != "create" or op.address.kind != "ad_group_ad":
        return set()
    if op.fields.get("type") not in gc.VIDEO_ADS:
        return set()
    return {str(video) for video in op.fields.get("youtube_videos") or ()}


def _makes_assets_with_it(op: WriteOp) -> bool:
    """Whether ``op`` creates an ad whose own new assets go in its request (``_draft``): a Demand Gen carousel
    ad's card assets, a Demand Gen video or product ad's call to action asset."""
    return (
        op.action == "create"
        and op.address.kind == "ad_group_ad"
        and (op.fields.get("type") == DEMAND_GEN_CAROUSEL_AD or bool(op.fields.get("call_to_actions")))
    )


def _feed_requests(operations: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Page feed operations in requests of at most ``MAX_OPERATIONS_PER_REQUEST``, in their order, a page's
    asset never apart from its link to the set (which names it by its temporary name)."""
    units: list[list[dict[str, Any]]] = []
    for operation in operations:
        link = (operation.get("asset_set_asset_operation") or {}).get("create")
        previous = (units[-1][-1].get("asset_operation") or {}).get("create") if units else None
        if link and previous and link.get("asset") == previous.get("resource_name"):
            units[-1].append(operation)
        else:
            units.append([operation])
    out: list[list[dict[str, Any]]] = [[]]
    for unit in units:
        if out[-1] and len(out[-1]) + len(unit) > MAX_OPERATIONS_PER_REQUEST:
            out.append([])
        out[-1].extend(unit)
    return out


def _resolved(operation: dict[str, Any], made: Mapping[str, str]) -> dict[str, Any]:
    """``operation`` with the temporary names of what an earlier request made (its set) replaced."""
    [(kind, body)] = operation.items()
    created = body.get("create")
    if not isinstance(created, dict) or not any(isinstance(v, str) and v in made for v in created.values()):
        return operation
    return {
        kind: {**body, "create": {k: made.get(v, v) if isinstance(v, str) else v for k, v in created.items()}}
    }
