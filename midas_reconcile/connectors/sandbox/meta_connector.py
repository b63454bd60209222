"""The Meta half of ``SandboxConnector``: paginated edge reads, one Graph batch per write, resolution.

The Graph shapes (read fields, normalisation, addresses, batch requests, errors, insights rows) are the
SDK connector's too: they live in ``connectors.meta_graph``. Here they go to the in-process simulator
instead of over HTTP.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from midas_reconcile.connectors.addressing import Batch, DependencyFailed
from midas_reconcile.connectors.base import (
    DailyMetrics,
    QueryRetry,
    ResolveKind,
    WriteOp,
    WriteResult,
    call_once,
)
from midas_reconcile.connectors.meta_graph import (
    EDGE_OF,
    LIVE_STATUSES,
    MAX_BATCH,
    PAGE_SIZE,
    READ_FIELDS,
    LiveReader,
    batch_request,
    daily_metrics,
    error_from_graph,
    header_map,
    interest_search_names,
    to_resources,
)
from midas_reconcile.connectors.sandbox.catalog import find_region, meta_names_of
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import META, Resource
from midas_reconcile.targeting.places import (
    META_LOCATION_TYPES,
    city_or_postal_code,
    meta_city_entries,
    pick_meta_location,
)

__all__ = ["EDGE_OF", "MetaBackend", "to_resources"]


def _form(params: Mapping[str, Any]) -> str:
    """Form-encode as the SDK does: lists and dicts as JSON, None as empty (clears the field)."""
    encoded = {
        k: json.dumps(v, separators=(",", ":"))
        if isinstance(v, (list, dict))
        else ""
        if v is None
        else str(v)
        for k, v in params.items()
    }
    return urlencode(encoded)


class MetaBackend:
    """One simulated Meta ad account seen through the connector contract."""

    def operation_cost(self, op: WriteOp) -> int:
        """Every write is one request of a batch (ad labels travel inside it)."""
        return 1

    def __init__(self, world: SandboxWorld, account: str, ad_account_id: str, currency: str) -> None:
        self.sim = MetaSimulator(world)
        self.account = account
        self.act = f"act_{ad_account_id}"
        self.currency = currency
        #: Requests of the batches sent (``CountsWriteRequests``: Meta counts each on its own).
        self.write_requests = 0

    def read(self, retry: QueryRetry = call_once) -> list[Resource]:
        """Every live object: each edge read page by page through ``retry`` on its own, each node converted
        as it arrives (see ``LiveReader``)."""
        reader = LiveReader(self.account)
        for edge, fields in READ_FIELDS.items():
            retry(functools.partial(self._read_edge, reader, edge, fields))
        return reader.resources()

    def _read_edge(self, reader: LiveReader, edge: str, fields: list[str]) -> None:
        reader.add(edge, self._nodes(edge, fields))

    def _nodes(self, edge: str, fields: list[str]) -> Iterator[dict[str, Any]]:
        """Every node of one edge, page after page (one call per page)."""
        after: str | None = None
        while True:
            page = self.sim.edge(
                self.act,
                edge,
                fields=fields,
                limit=PAGE_SIZE,
                after=after,
                effective_status=LIVE_STATUSES.get(edge),
            )
            yield from page["data"]
            if "next" not in page.get("paging", {}):
                return
            after = page["paging"]["cursors"]["after"]

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        if len(ops) > MAX_BATCH:
            raise ValueError(f"a Meta batch holds at most {MAX_BATCH} operations; got {len(ops)}")
        batch = Batch(META, ops)
        requests: list[dict[str, Any]] = []
        owners: list[int] = []
        for index, op in enumerate(ops):
            if op.action == "create":
                batch.creators[op.address] = index
            try:
                request = batch_request(self.act, index, op, batch)
            except PermanentError as exc:
                batch.fail(index, exc)
                continue
            wire = {"method": request.method, "relative_url": request.relative_url, "name": request.name}
            if request.method != "DELETE":
                wire["body"] = _form(request.params)
            requests.append(wire)
            owners.append(index)
        self.write_requests += len(requests)
        responses = self.sim.batch(requests, account_id=self.act) if requests else []
        for index, response in zip(owners, responses, strict=True):
            op = ops[index]
            body = json.loads(response["body"]) if response.get("body") else {}
            if response["code"] == 200:
                batch.succeed(index, str(body["id"]) if op.action == "create" else op.platform_id)
                continue
            dependency = batch.failed_dependency(index)
            batch.fail(
                index,
                DependencyFailed(META, dependency)
                if dependency
                else error_from_graph(body, header_map(response.get("headers"))),
            )
        return batch.finish()

    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        if kind == "language":
            return {}
        out: dict[str, str] = {}
        for name in names:
            place = city_or_postal_code(name) if kind == "location" else None
            if place is not None:
                rows = self.sim.targeting_search(
                    "adgeolocation",
                    place.name,
                    account_id=self.act,
                    location_types=[META_LOCATION_TYPES[place.kind]],
                    country_code=place.country,
                )["data"]
                if (key := pick_meta_location(place, rows)) is not None:
                    out[name] = key
                continue
            region = find_region(name) if kind == "location" else None
            query = region.name if region is not None else name.strip()
            search_type = "adgeolocation" if kind == "location" else "adinterest"
            for row in self.sim.targeting_search(search_type, query, account_id=self.act)["data"]:
                if str(row["name"]).casefold() == query.casefold():
                    out[name] = str(row["key"] if kind == "location" else row["id"])
                    break
        return out

    def names_of(self, kind: ResolveKind, ids: Sequence[str]) -> dict[str, str]:
        return meta_names_of(kind, ids)

    def near_names(self, kind: ResolveKind, name: str) -> list[str]:
        if kind == "location" and (place := city_or_postal_code(name)) is not None and place.kind == "city":
            rows = self.sim.targeting_search(
                "adgeolocation",
                place.name,
                account_id=self.act,
                location_types=["city"],
                country_code=place.country,
            )["data"]
            return meta_city_entries(place, rows)
        if kind != "interest":
            return []
        return interest_search_names(
            lambda query: self.sim.targeting_search("adinterest", query, account_id=self.act)["data"], name
        )

    def metrics(self, start: dt.date, end: dt.date) -> list[DailyMetrics]:
        rows = self.sim.insights(self.act, start, end)["data"]
        out = [
            daily_metrics(row, account=self.account, currency=self.currency, conversion_action="purchase")
            for row in rows
        ]
        return sorted(out, key=lambda d: (d.date, d.campaign_id))
