"""A simulated Meta Marketing API (Graph API v26.0 shapes) on the world.

Ad accounts ``act_{id}`` hold campaigns, ad sets, ads, ad creatives and ad labels with numeric string
ids. Operations mirror the Graph API: create on an edge (``POST act_{id}/campaigns``), update by id
(``POST /{id}``), delete (``DELETE /{id}``: status DELETED), read by id, paginated edge reads with
``fields``, ``limit``, ``after`` cursor and ``effective_status`` filter, and the batch endpoint
(≤ 50 requests, ``{result=name:$.id}`` references, one ``{code, headers, body}`` per request).
Rules are in ``meta_rules``. Rate limit: the ads-management business-use-case budget per ad account
and hour (each request in a batch is one call); over it, ``TransientError(code="80004",
retry_after=…)``; ``usage()`` gives the ``x-business-use-case-usage`` figures.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final
from urllib.parse import parse_qsl

from midas_reconcile.connectors.sandbox import meta_insights as insights
from midas_reconcile.connectors.sandbox import meta_nodes as nodes
from midas_reconcile.connectors.sandbox import meta_quota as quota
from midas_reconcile.connectors.sandbox import meta_rules as rules
from midas_reconcile.connectors.sandbox.meta_placement_rules import settle_user_age_unknown
from midas_reconcile.connectors.sandbox.world import SandboxWorld, StoredObject, Txn
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import META, META_DEFAULT_BID_STRATEGY

_HIDDEN_BY_DEFAULT: Final = frozenset({"DELETED", "ARCHIVED"})
_EFFECTIVE: Final = frozenset(
    {
        "ACTIVE",
        "PAUSED",
        "DELETED",
        "ARCHIVED",
        "CAMPAIGN_PAUSED",
        "ADSET_PAUSED",
        "IN_PROCESS",
        "WITH_ISSUES",
        # Review and billing states: valid filters, though the simulator never puts an ad in them.
        "DISAPPROVED",
        "PENDING_BILLING_INFO",
        "PENDING_REVIEW",
        "PREAPPROVED",
    }
)
_REF: Final = re.compile(r"\{result=([^:}]+):\$\.id\}")
_JSON_HEADERS: Final = [{"name": "Content-Type", "value": "application/json; charset=UTF-8"}]
_PARENT_FIELD: Final = {"adset": "campaign_id", "ad": "adset_id"}
MAX_PAGE: Final = 5000


def ad_account(account_id: str) -> str:
    """``act_123`` or ``123`` → ``123``."""
    text = str(account_id).strip()
    return text[4:] if text.startswith("act_") else text


class _ValidateOnly(Exception):
    """Unwinds a request sent with ``execution_options=["validate_only"]`` after it validated."""


class MetaSimulator:
    """The Graph API of every simulated ad account in ``world`` (every public method is one call)."""

    def __init__(self, world: SandboxWorld) -> None:
        self.world = world

    # --- single calls -------------------------------------------------------------------------------
    def create(self, account_id: str, edge: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """``POST act_{id}/{edge}`` → ``{"id": …}``."""
        account = ad_account(account_id)
        type_ = rules.EDGES.get(edge, edge)
        with self._call(account, "write", type_, {type_: 1}) as txn:
            return self._write(txn, "POST", f"act_{account}/{edge}", dict(params))

    def update(self, object_id: str, params: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /{id}`` → ``{"success": true}``."""
        account, type_ = self._where(object_id)
        with self._call(account, "write", type_, {type_: 1}) as txn:
            return self._write(txn, "POST", str(object_id), dict(params))

    def delete(self, object_id: str) -> dict[str, Any]:
        """``DELETE /{id}``: status DELETED (ad labels disappear) → ``{"success": true}``."""
        account, type_ = self._where(object_id)
        with self._call(account, "write", type_, {type_: 1}) as txn:
            return self._write(txn, "DELETE", str(object_id), {})

    def get(self, object_id: str, fields: Sequence[str] | None = None) -> dict[str, Any]:
        """``GET /{id}?fields=…``."""
        account, type_ = self._where(object_id)
        with self._call(account, "read", type_, {}) as txn:
            return self._dispatch(txn, "GET", str(object_id), {"fields": list(fields)} if fields else {})

    def edge(
        self,
        account_id: str,
        edge: str,
        *,
        fields: Sequence[str] | None = None,
        limit: int = 25,
        after: str | None = None,
        effective_status: Sequence[str] | None = None,
    ) -> dict[str, Any]:
        """``GET act_{id}/{edge}``: one page ``{"data": […], "paging": {"cursors": …, "next"?}}``.

        Without ``effective_status``, DELETED and ARCHIVED objects are left out (as the Graph API does);
        ad creatives are filtered by their own status.
        """
        account = ad_account(account_id)
        params: dict[str, Any] = {"limit": limit}
        if fields is not None:
            params["fields"] = list(fields)
        if after is not None:
            params["after"] = after
        if effective_status is not None:
            params["effective_status"] = list(effective_status)
        with self._call(account, "read", edge, {}) as txn:
            return self._dispatch(txn, "GET", f"act_{account}/{edge}", params)

    def batch(
        self, requests: Sequence[Mapping[str, Any]], *, account_id: str | None = None
    ) -> list[dict[str, Any]]:
        """The batch endpoint: each request runs on its own (a failure does not stop the others);
        ``{result=NAME:$.id}`` in a later request's URL or body refers to the id created by the
        request named NAME (a request depending on a failed one fails). More than 50 → error.
        """
        account = ad_account(account_id) if account_id else self._batch_account(requests)
        writes = [r for r in requests if str(r.get("method", "GET")).upper() != "GET"]
        counts: dict[str, int] = {}
        for request in writes:
            type_ = self._type_of(str(request.get("relative_url", "")))
            counts[type_] = counts.get(type_, 0) + 1
        kind = "write" if writes else "read"
        results: list[dict[str, Any]] = []
        with self._call(account, kind, "batch", counts, calls=len(requests), batch=True) as txn:
            created: dict[str, str | None] = {}
            for request in requests:
                name = request.get("name")
                try:
                    method = str(request.get("method", "GET")).upper()
                    url = self._substitute(str(request.get("relative_url", "")), created)
                    body = request.get("body") or {}
                    params = (
                        dict(parse_qsl(body, keep_blank_values=True)) if isinstance(body, str) else dict(body)
                    )
                    params = {k: self._substitute(v, created) for k, v in params.items()}
                    with txn.savepoint():
                        result = (
                            self._write(txn, method, url, params)
                            if method != "GET"
                            else self._dispatch(txn, method, url, params)
                        )
                except PermanentError as exc:
                    results.append(
                        {
                            "code": 400,
                            "headers": _JSON_HEADERS,
                            "body": json.dumps(rules.graph_error_body(exc)),
                        }
                    )
                    if name:
                        created[str(name)] = None
                    continue
                results.append({"code": 200, "headers": _JSON_HEADERS, "body": json.dumps(result)})
                if name:
                    created[str(name)] = str(result.get("id", "")) or None
        return results

    def insights(self, account_id: str, since: dt.date, until: dt.date) -> dict[str, Any]:
        """``GET act_{id}/insights?level=campaign&time_increment=1``: rows only for days with delivery,
        numbers as strings, purchases in ``actions`` / ``action_values`` (action type ``purchase``)."""
        account = ad_account(account_id)
        currency = self.world.account_info(META, account).currency
        with self._call(account, "read", "insights", {}) as txn:
            inputs = insights.metric_inputs(txn, account, currency)
        return {"data": insights.insight_rows(account, currency, inputs, since, until)}

    def targeting_search(
        self,
        search_type: str,
        query: str,
        *,
        account_id: str,
        location_types: Sequence[str] = (),
        country_code: str | None = None,
    ) -> dict[str, Any]:
        """``GET /search?type=adinterest|adgeolocation&q=…`` (regions, cities and zips for adgeolocation,
        of ``location_types`` in ``country_code`` when given)."""
        with self._call(ad_account(account_id), "read", "targeting_search", {}):
            found = insights.search(
                search_type, query, location_types=location_types, country_code=country_code
            )
            return {"data": found}

    def geolocation_meta(
        self, region_keys: Sequence[str], city_keys: Sequence[str], *, account_id: str
    ) -> dict[str, Any]:
        """``GET /search?type=adgeolocationmeta&regions=[…]&cities=[…]``: the regions and cities of those
        keys by key."""
        with self._call(ad_account(account_id), "read", "targeting_search", {}):
            return {"data": insights.geolocation_meta(region_keys, city_keys)}

    def usage(self, account_id: str) -> dict[str, Any]:
        """The account's ``x-business-use-case-usage`` entry (percentages; not an API call)."""
        with self.world.transaction() as txn:
            return quota.usage(txn, self.world.limits, ad_account(account_id))

    def peek(self, account_id: str, type_: str, *, include_deleted: bool = False) -> list[dict[str, Any]]:
        """Every object of one type as the Graph API shows it (all fields), out of band: not counted."""
        account = ad_account(account_id)
        with self.world.transaction() as txn:
            objects = txn.find(META, account, type_)
            parents = nodes.parent_statuses(txn, objects)
            out = []
            for obj in objects:
                effective = nodes.effective(type_, obj, parents)
                if include_deleted or effective != "DELETED":
                    out.append(rules.output(type_, obj.data, None, effective))
            return out

    # --- plumbing -----------------------------------------------------------------------------------
    def _call(
        self,
        account: str,
        kind: str,
        resource_type: str,
        counts: Mapping[str, int],
        *,
        calls: int = 1,
        batch: bool = False,
    ) -> Any:
        return self.world.api_call(
            META, account, "write" if kind == "write" else "read", resource_type, operations=counts,
            admit=self._admit(account, calls, batch=batch),
        )  # fmt: skip

    def _where(self, object_id: str) -> tuple[str, str]:
        found = self.world.locate(META, str(object_id))
        if found is None:
            return "unknown", "object"
        return found[0], found[1]

    def _type_of(self, url: str) -> str:
        path = _path(url)
        if path and path[0].startswith("act_") and len(path) == 2:
            return rules.EDGES.get(path[1], path[1])
        found = self.world.locate(META, path[0]) if path and not _REF.search(path[0]) else None
        return found[1] if found else "object"

    def _batch_account(self, requests: Sequence[Mapping[str, Any]]) -> str:
        for request in requests:
            path = _path(str(request.get("relative_url", "")))
            if path and path[0].startswith("act_"):
                return ad_account(path[0])
            found = self.world.locate(META, path[0]) if path else None
            if found is not None:
                return found[0]
        return "unknown"

    def _substitute(self, value: Any, created: Mapping[str, str | None]) -> Any:
        if isinstance(value, str):

            def replace(match: re.Match[str]) -> str:
                target = created.get(match.group(1))
                if target is None:
                    raise rules.error(
                        f"depends on request {match.group(1)!r}, which failed or does not exist"
                    )
                return target

            return _REF.sub(replace, value)
        if isinstance(value, dict):
            return {k: self._substitute(v, created) for k, v in value.items()}
        if isinstance(value, list):
            return [self._substitute(v, created) for v in value]
        return value

    def _write(self, txn: Txn, method: str, url: str, params: dict[str, Any]) -> dict[str, Any]:
        options = params.get("execution_options")
        if isinstance(options, str):
            options = json.loads(options) if options.startswith("[") else [options]
        if options and "validate_only" in options:
            try:
                with txn.savepoint():
                    self._dispatch(txn, method, url, params)
                    raise _ValidateOnly
            except _ValidateOnly:
                return {"success": True}
        result = self._dispatch(txn, method, url, params)
        txn.op_applied()
        return result

    def _dispatch(self, txn: Txn, method: str, url: str, params: dict[str, Any]) -> dict[str, Any]:
        path = _path(url)
        query = dict(parse_qsl(url.split("?", 1)[1], keep_blank_values=True)) if "?" in url else {}
        params = {**query, **params}
        if len(path) == 2 and path[0].startswith("act_"):
            account, edge = ad_account(path[0]), path[1]
            if method == "POST":
                return self._create(txn, account, edge, params)
            if method == "GET":
                return self._edge(txn, account, edge, params)
        elif len(path) == 1:
            found = txn.locate(META, path[0])
            if found is None:
                raise rules.error(
                    f"Unsupported request. Object with ID '{path[0]}' does not exist, cannot be loaded "
                    "due to "
                    "missing permissions, or does not support this operation",
                    subcode=33,
                )
            account, type_, obj = found
            if method == "GET":
                fields = _list(params.get("fields"))
                parents = nodes.parent_statuses(txn, [obj])
                return rules.output(type_, obj.data, fields, nodes.effective(type_, obj, parents))
            if method == "DELETE":
                return self._delete(txn, account, type_, obj)
            if method == "POST":
                return self._update(txn, account, type_, obj, params)
        raise rules.error(f"Unsupported request: {method} {url}")

    # --- node operations ----------------------------------------------------------------------------
    def _create(self, txn: Txn, account: str, edge: str, params: dict[str, Any]) -> dict[str, Any]:
        type_ = rules.EDGES.get(edge)
        if type_ is None:
            raise rules.error(f"Unknown path components: /{edge}")
        obj = {k: v for k, v in rules.coerce_params(type_, params, updating=False).items() if v is not None}
        now = self._now()
        currency = self.world.account_info(META, account).currency
        if type_ == "adlabel":
            nodes.check_label_name(txn, account, obj.get("name"), None)
        if "adset_budgets" in obj:
            raise rules.error(
                "Param adset_budgets applies to the ad sets of an existing campaign", field="adset_budgets"
            )
        if "adlabels" in obj:
            obj["adlabels"] = nodes.labels(txn, account, obj["adlabels"], now)
        parent: str | None = None
        if type_ == "campaign":
            obj.setdefault("status", "ACTIVE")
            obj.setdefault("buying_type", "AUCTION")
            obj.setdefault("bid_strategy", META_DEFAULT_BID_STRATEGY)
            rules.check_campaign(obj, currency)
            rules.check_budget_sharing_named(obj)
        elif type_ == "adset":
            campaign = nodes.node(txn, account, "campaign", obj.get("campaign_id"), "campaign_id")
            obj["campaign_id"] = parent = campaign.id
            obj.setdefault("status", "ACTIVE")
            rules.check_adset(obj, campaign.data, currency)
            rules.settle_advantage_audience_on_create(obj["targeting"])
            settle_user_age_unknown(obj["targeting"])
            nodes.check_audiences(txn, account, obj.get("targeting"))
            if "targeting" in obj:
                obj["targeting"] = nodes.described_places(obj["targeting"])
        elif type_ == "ad":
            adset = nodes.node(txn, account, "adset", obj.get("adset_id"), "adset_id")
            obj.update(adset_id=adset.id, campaign_id=adset.data["campaign_id"])
            parent = adset.id
            obj["creative"] = nodes.creative_ref(txn, account, obj.get("creative"))
            self._check_app_ad(txn, account, adset.data, obj["creative"])
            rules.check_dynamic_ad(
                nodes.node(txn, account, "adcreative", obj["creative"]["id"], "creative").data,
                adset.data,
                _live_ads(txn, account, adset.id),
                _objective(txn, account, adset.data),
            )
            obj.setdefault("status", "ACTIVE")
            if not str(obj.get("name", "")).strip():
                raise rules.error("The parameter name is required", field="name")
        elif type_ == "adcreative":
            obj.setdefault("status", "ACTIVE")
            rules.check_creative(obj)
            rules.welcome_messages_as_read(obj)
            rules.asset_feed_as_read(obj)
        id_ = nodes.new_id(txn)
        data = {**obj, "id": id_, "account_id": account, "created_time": now, "updated_time": now}
        if type_ == "adlabel":
            data = {"id": id_, "name": obj["name"], "account": {"id": f"act_{account}"}, "created_time": now}
        txn.put(
            META, account, type_, id_, data, parent=parent, name=data.get("name"), status=data.get("status")
        )
        return {"id": id_}

    def _update(
        self, txn: Txn, account: str, type_: str, obj: StoredObject, params: dict[str, Any]
    ) -> dict[str, Any]:
        if obj.status == "DELETED":
            raise rules.error(f"The {type_} {obj.id} has been deleted and cannot be edited", subcode=33)
        changes = rules.coerce_params(type_, params, updating=True)
        now = self._now()
        currency = self.world.account_info(META, account).currency
        adset_budgets = changes.pop("adset_budgets", None)
        if obj.status == "ARCHIVED" and changes.get("status") not in (None, "ARCHIVED", "DELETED"):
            raise rules.error(f"The {type_} {obj.id} is archived: it can only be deleted", field="status")
        if "adlabels" in changes:
            changes["adlabels"] = nodes.labels(txn, account, changes["adlabels"], now)
        if type_ == "adlabel":
            nodes.check_label_name(txn, account, changes.get("name"), obj.id)
        data = dict(obj.data)
        for key, value in changes.items():
            if value is None or value == "":
                data.pop(key, None)
            else:
                data[key] = value
        if type_ in ("campaign", "adset"):
            rules.check_budget_period_kept(type_, obj.data, data)
        if type_ == "campaign":
            rules.check_campaign(data, currency)
            nodes.move_budgets(txn, account, obj, data, adset_budgets, now=now, currency=currency)
            nodes.check_budget_level(txn, account, obj.id, data)
        elif type_ == "adset":
            campaign = nodes.node(
                txn, account, "campaign", data["campaign_id"], "campaign_id", allow_deleted=True
            )
            if "promoted_object" in changes:
                rules.check_promoted_object_change(
                    obj.data.get("promoted_object"), data.get("promoted_object")
                )
            rules.check_adset(data, campaign.data, currency)
            nodes.check_audiences(txn, account, data.get("targeting"))
            if "targeting" in changes:
                settle_user_age_unknown(data["targeting"])
                data["targeting"] = nodes.described_places(data["targeting"])
        elif type_ == "ad":
            if "creative" in changes:
                data["creative"] = nodes.creative_ref(txn, account, changes["creative"])
                adset = nodes.node(txn, account, "adset", data["adset_id"], "adset_id", allow_deleted=True)
                self._check_app_ad(txn, account, adset.data, data["creative"])
                rules.check_dynamic_ad(
                    nodes.node(txn, account, "adcreative", data["creative"]["id"], "creative").data,
                    adset.data,
                    _live_ads(txn, account, adset.id, besides=obj.id),
                    _objective(txn, account, adset.data),
                )
            if not str(data.get("name", "")).strip():
                raise rules.error("The parameter name is required", field="name")
        if type_ != "adlabel":
            data["updated_time"] = now
        txn.put(
            META,
            account,
            type_,
            obj.id,
            data,
            parent=obj.parent,
            name=data.get("name"),
            status=data.get("status"),
        )
        return {"success": True}

    def _check_app_ad(
        self, txn: Txn, account: str, adset: Mapping[str, Any], creative: Mapping[str, str]
    ) -> None:
        """An ad of an ad set promoting an app must link to its store page (``rules.check_app_ad``); one of a
        click-to-message ad set must open its messaging app (``rules.check_messaging_ad``), one of an
        instant-form ad set a form (``rules.check_lead_form_ad``); one of an ad set showing a product set
        runs a template, which runs nowhere else (``rules.check_catalog_ad``)."""
        destination = adset.get("destination_type")
        stored = nodes.node(txn, account, "adcreative", creative["id"], "creative")
        rules.check_catalog_ad(stored.data, adset)
        if destination in rules.MESSAGING_APPS or destination in rules.SEVERAL_APPS:
            rules.check_messaging_ad(stored.data, destination)
        rules.check_lead_form_ad(stored.data, destination)
        promoted = adset.get("promoted_object")
        if not isinstance(promoted, Mapping) or not promoted.get("object_store_url"):
            return
        stored = nodes.node(txn, account, "adcreative", creative["id"], "creative")
        rules.check_app_ad(stored.data, promoted)

    def _delete(self, txn: Txn, account: str, type_: str, obj: StoredObject) -> dict[str, Any]:
        if type_ == "adlabel":
            txn.delete(META, account, type_, obj.id)
            return {"success": True}
        if obj.status == "DELETED":
            raise rules.error(f"The {type_} {obj.id} does not exist (it was deleted)", subcode=33)
        data = {**obj.data, "status": "DELETED", "updated_time": self._now()}
        txn.put(
            META, account, type_, obj.id, data, parent=obj.parent, name=data.get("name"), status="DELETED"
        )
        return {"success": True}

    def _edge(self, txn: Txn, account: str, edge: str, params: Mapping[str, Any]) -> dict[str, Any]:
        type_ = rules.EDGES.get(edge)
        if type_ is None:
            raise rules.error(f"Unknown path components: /{edge}")
        fields = _list(params.get("fields"))
        try:
            limit = max(1, min(MAX_PAGE, int(params.get("limit", 25))))
            after = int(base64.b64decode(str(params["after"])).decode()) if params.get("after") else 0
        except ValueError:
            raise rules.error("Invalid limit or after cursor", field="after") from None
        wanted = _list(params.get("effective_status"))
        if wanted is not None and not set(wanted) <= _EFFECTIVE:
            raise rules.error(
                f"Param effective_status must be a subset of {{{', '.join(sorted(_EFFECTIVE))}}}"
            )
        page: list[tuple[int, dict[str, Any]]] = []
        cursor = after
        while len(page) <= limit:
            # One more than the page, to know whether there is a next one; hidden objects cost a query
            # more, rather than every page decoding twice as many objects as it shows.
            wanted_now = limit + 1 - len(page)
            chunk = txn.find(META, account, type_, after_seq=cursor, limit=wanted_now)
            parents = nodes.parent_statuses(txn, chunk)
            for obj in chunk:
                effective = nodes.effective(type_, obj, parents)
                shown = effective not in _HIDDEN_BY_DEFAULT if wanted is None else effective in wanted
                if type_ == "adcreative":
                    shown = obj.status != "DELETED"
                if shown:
                    page.append((obj.seq, rules.output(type_, obj.data, fields, effective)))
            if len(chunk) < wanted_now:
                break
            cursor = chunk[-1].seq
        more = len(page) > limit
        page = page[:limit]
        paging: dict[str, Any] = {}
        if page:
            paging["cursors"] = {"before": _cursor(page[0][0]), "after": _cursor(page[-1][0])}
            if more:
                paging["next"] = (
                    f"https://graph.facebook.com/v26.0/act_{account}/{edge}?limit={limit}&after={_cursor(page[-1][0])}"
                )
        return {"data": [row for _, row in page], "paging": paging}

    def console_labels(self, txn: Txn, account: str, value: Any) -> list[dict[str, str]]:
        """Ad labels as the Graph API takes them (``[{"name": …}]`` or ``[{"id": …}]``, made when missing)
        → the stored ``[{id, name}]``, for a console edit. Raises PermanentError as the API does."""
        return nodes.labels(txn, account, value, self._now())

    def _now(self) -> str:
        return dt.datetime.fromtimestamp(self.world.clock(), tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")

    def _admit(self, account: str, calls: int, *, batch: bool) -> Callable[[Txn], None]:
        def admit(txn: Txn) -> None:
            if batch and calls > rules.MAX_BATCH:
                raise rules.error(
                    "Too many requests in batch message. "
                    f"Maximum batch size is {rules.MAX_BATCH}; got {calls}",
                    code=1,
                    field="batch",
                )
            quota.admit(txn, self.world.limits, account, calls, self.world.faults.latency_ms / 1000)

        return admit


def _path(url: str) -> list[str]:
    parts = [p for p in url.split("?", 1)[0].strip("/").split("/") if p]
    if parts and re.fullmatch(r"v\d+\.\d+", parts[0]):
        parts = parts[1:]
    return parts


def _list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return [str(v) for v in json.loads(text)]
        return [v.strip() for v in text.split(",") if v.strip()]
    return [str(v) for v in value]


def _cursor(seq: int) -> str:
    return base64.b64encode(str(seq).encode()).decode()


def _live_ads(txn: Txn, account: str, adset_id: str, *, besides: str | None = None) -> int:
    """How many ads of ad set ``adset_id`` are not deleted (``besides`` one of them not counted)."""
    ads = txn.find(META, account, "ad", parent=adset_id)
    return sum(1 for ad in ads if ad.status != "DELETED" and ad.id != besides)


def _objective(txn: Txn, account: str, adset: Mapping[str, Any]) -> str | None:
    """The objective of ``adset``'s campaign (a dynamic creative's button is optional in some:
    ``rules.check_dynamic_ad``)."""
    campaign = nodes.node(
        txn, account, "campaign", adset.get("campaign_id"), "campaign_id", allow_deleted=True
    )
    objective = campaign.data.get("objective")
    return str(objective) if objective else None
