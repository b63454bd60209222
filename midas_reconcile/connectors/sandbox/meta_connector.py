"""The Meta half of ``SandboxConnector``: paginated edge reads, one Graph batch per write, resolution.

Normalisation (per ``resources.FIELDS``): budgets as ints in minor units (the Graph API sends strings),
``special_ad_categories`` and ``adlabels`` as sorted lists (``adlabels`` holds label names and is left
out when empty), ``targeting`` exactly as stored, times as the ISO-8601 strings that were sent.
Objects that are DELETED, or whose parent is, are not live; ARCHIVED ones are.

Addresses: campaign ``<name>``, ad set ``<campaign>/<ad set>``, ad ``<campaign>/<ad set>/<ad>``; a
creative takes the address of the (oldest, managed first) live ad using it — creatives used by no
live ad are not part of any campaign and are not returned.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final
from urllib.parse import urlencode

from midas_reconcile.connectors.base import DailyMetrics, ResolveKind, WriteOp, WriteResult
from midas_reconcile.connectors.sandbox.addressing import (
    Batch,
    Candidate,
    DependencyFailed,
    join,
    unique_paths,
)
from midas_reconcile.connectors.sandbox.catalog import find_region
from midas_reconcile.connectors.sandbox.meta_rules import MAX_BATCH, error_from_body
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import FIELDS, MANAGED_MARKER, META, AddressBook, Resource

PAGE_SIZE: Final = 500
EDGE_OF: Final = {"campaign": "campaigns", "adset": "adsets", "ad": "ads", "adcreative": "adcreatives"}
#: Every effective status but DELETED: what ``read`` asks for on campaigns, ad sets and ads.
LIVE_STATUSES: Final = (
    "ACTIVE",
    "PAUSED",
    "ARCHIVED",
    "CAMPAIGN_PAUSED",
    "ADSET_PAUSED",
    "IN_PROCESS",
    "WITH_ISSUES",
)
_PARENT_FIELDS: Final = {
    "campaign": [],
    "adset": ["campaign_id"],
    "ad": ["adset_id", "campaign_id", "creative"],
    "adcreative": [],
}
READ_FIELDS: Final = {
    edge: ["id", *sorted(FIELDS[(META, kind)]), *_PARENT_FIELDS[kind]] for kind, edge in EDGE_OF.items()
}
_INTS: Final = frozenset({"daily_budget", "lifetime_budget"})
_SORTED: Final = frozenset({"special_ad_categories"})


def normalise(kind: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A Graph node (as read) → normalised fields."""
    fields: dict[str, Any] = {}
    for key in sorted(FIELDS[(META, kind)]):
        value = row.get(key)
        if key == "adlabels":
            names = sorted(str(label["name"]) for label in value or [])
            if names:
                fields[key] = names
        elif key in _INTS and value not in (None, ""):
            fields[key] = int(value)
        elif key in _SORTED and value is not None:
            fields[key] = sorted(value)
        elif value not in (None, ""):
            fields[key] = value
    return fields


def _labels(row: Mapping[str, Any]) -> bool:
    return any(label.get("name") == MANAGED_MARKER for label in row.get("adlabels") or [])


def to_resources(account: str, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[Resource]:
    """Every live object of one ad account as normalised Resources (rows: edge → nodes)."""
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
        self._next = 0

    def add(self, edge: str, nodes: Iterable[Mapping[str, Any]]) -> None:
        """Take in every node of ``edge`` (the next edge of ``READ_FIELDS``), iterating ``nodes`` once."""
        edges = list(READ_FIELDS)
        if edges.index(edge) != self._next:
            raise ValueError(f"expected the nodes of {edges[self._next]!r}, got {edge!r}")
        self._next += 1
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
        elif edge == "adsets":
            for id_, parent, _, _, fields, _ in self._children(nodes, "campaign_id", "adset"):
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
        creatives = {c["id"]: (str(c.get("name", "")), _labels(c), normalise("adcreative", c)) for c in nodes}
        creative_path: dict[str, str] = {}
        creative_managed: dict[str, bool] = {}
        for _, (ad, creative_id) in sorted(
            enumerate(self.ads), key=lambda item: (not item[1][0].managed, item[0])
        ):
            if creative_id in creatives and creative_id not in creative_path:
                creative_path[creative_id] = ad.address.path
                creative_managed[creative_id] = ad.managed or creatives[creative_id][1]
        # A marked creative no ad uses (an apply died between creating it and its ad) is addressed by its
        # name, which MIDAS sets to the creative's path, so that the next plan can adopt it.
        taken = set(creative_path.values())
        for creative_id, (name, marked, _) in creatives.items():
            if creative_id not in creative_path and marked and name.count("/") == 2 and name not in taken:
                creative_path[creative_id] = name
                creative_managed[creative_id] = True
                taken.add(name)
        for creative_id, path in creative_path.items():
            self.out.append(
                Resource(
                    self.address("adcreative", path),
                    creatives[creative_id][2],
                    {},
                    creative_id,
                    creative_managed[creative_id],
                )
            )
        for ad, creative_id in self.ads:
            if creative_id in creative_path:
                ad.refs["creative"] = self.address("adcreative", creative_path[creative_id])
            self.out.append(ad)
        self.ads = []


def _creative_id(node: Mapping[str, Any]) -> str:
    return str((node.get("creative") or {}).get("id", ""))


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

    def read(self) -> list[Resource]:
        # Each edge is read page by page and each node converted as it arrives (see ``LiveReader``).
        reader = LiveReader(self.account)
        for edge, fields in READ_FIELDS.items():
            reader.add(edge, self._nodes(edge, fields))
        return reader.resources()

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
                effective_status=None if edge == "adcreatives" else LIVE_STATUSES,
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
                request = self._request(index, op, batch)
            except PermanentError as exc:
                batch.fail(index, exc)
                continue
            requests.append(request)
            owners.append(index)
        responses = self.sim.batch(requests, account_id=self.act) if requests else []
        for index, response in zip(owners, responses, strict=True):
            op = ops[index]
            body = json.loads(response["body"]) if response.get("body") else {}
            if response["code"] == 200:
                batch.succeed(index, str(body["id"]) if op.action == "create" else op.platform_id)
                continue
            dependency = batch.failed_dependency(index)
            batch.fail(index, DependencyFailed(META, dependency) if dependency else error_from_body(body))
        return batch.finish()

    def _request(self, index: int, op: WriteOp, batch: Batch) -> dict[str, Any]:
        kind = op.address.kind
        if kind not in EDGE_OF:
            raise PermanentError(f"unknown Meta kind {kind!r}", platform=META, code="100")
        params: dict[str, Any] = {}
        if op.action != "delete":
            params = {
                k: ([{"name": n} for n in v] if k == "adlabels" and v is not None else v)
                for k, v in op.fields.items()
            }
            for ref_name, value in op.refs.items():
                target = batch.ref(index, ref_name, value)
                ident = target if isinstance(target, str) else f"{{result=op{target}:$.id}}"
                if ref_name == "creative":
                    params["creative"] = {"creative_id": ident}
                else:
                    params[f"{ref_name}_id"] = ident
        name = f"op{index}"
        if op.action == "create":
            return {
                "method": "POST",
                "relative_url": f"{self.act}/{EDGE_OF[kind]}",
                "body": _form(params),
                "name": name,
            }
        if not op.platform_id:
            raise PermanentError(f"{op.action} needs the platform id", platform=META, code="100")
        if op.action == "delete":
            return {"method": "DELETE", "relative_url": str(op.platform_id), "name": name}
        return {"method": "POST", "relative_url": str(op.platform_id), "body": _form(params), "name": name}

    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        if kind == "language":
            return {}
        out: dict[str, str] = {}
        for name in names:
            region = find_region(name) if kind == "location" else None
            query = region.name if region is not None else name.strip()
            search_type = "adgeolocation" if kind == "location" else "adinterest"
            for row in self.sim.targeting_search(search_type, query, account_id=self.act)["data"]:
                if str(row["name"]).casefold() == query.casefold():
                    out[name] = str(row["key"] if kind == "location" else row["id"])
                    break
        return out

    def metrics(self, start: dt.date, end: dt.date) -> list[DailyMetrics]:
        out = []
        for row in self.sim.insights(self.act, start, end)["data"]:
            out.append(
                DailyMetrics(
                    date=dt.date.fromisoformat(row["date_start"]),
                    platform=META,
                    account=self.account,
                    campaign_id=str(row["campaign_id"]),
                    campaign_name=str(row.get("campaign_name", "")),
                    impressions=int(row.get("impressions", 0)),
                    clicks=int(row.get("clicks", 0)),
                    spend=Decimal(row.get("spend", "0")),
                    conversions=_purchases(row.get("actions")),
                    conversion_value=_purchases(row.get("action_values")),
                    currency=self.currency,
                )
            )
        return sorted(out, key=lambda d: (d.date, d.campaign_id))


def _purchases(actions: Any) -> Decimal:
    return sum(
        (Decimal(str(a["value"])) for a in actions or [] if a.get("action_type") == "purchase"), Decimal(0)
    )
