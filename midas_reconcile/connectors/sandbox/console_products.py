"""Console edits of a Shopping ad group's product groups, "as a person in the Google Ads UI would".

A product group (a listing group node) is addressed below its tree's address, one ``<dimension>=<value>``
segment per split on the way down, ``*`` for a split's "everything else" group:
``ad_group_criterion/shop/shoes/listing_group:all-products/brand=trailco/condition=*@google``. ``set`` edits
that node (``cpc_bid_micros=1500000``, ``negative=true``); ``subdivide`` splits a unit by a dimension into
units of its own, as the UI's "+" does (the unit becomes a SUBDIVISION; the UI makes the "everything else"
unit beside the values).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from midas_reconcile.connectors.google_listing_groups import case_value, dimension_of
from midas_reconcile.connectors.sandbox import google_rules
from midas_reconcile.connectors.sandbox.google_shopping_rules import (
    DEMAND_GEN,
    SHOPPING,
    listing_group_criterion_id,
    listing_groups_touched,
)
from midas_reconcile.connectors.sandbox.world import StoredObject, Txn
from midas_reconcile.errors import MidasError
from midas_reconcile.money import MICROS_PER_UNIT
from midas_reconcile.resources import GOOGLE
from midas_reconcile.spec._google_shopping import ALL_PRODUCTS
from midas_reconcile.spec._product_groups import DIMENSIONS, value_key

#: What follows a tree's key in the address of one of its nodes.
NODE_SEPARATOR = f"{ALL_PRODUCTS}/"
#: A new unit excluded (negative), or included without a bid (a Demand Gen ad group's product filter).
EXCLUDE: Final = "exclude"
INCLUDE: Final = "include"
#: A segment's value naming a split's "everything else" group.
OTHERS = "*"


def split_node_path(path: str) -> tuple[str, list[tuple[str, str | None]]]:
    """``shop/shoes/listing_group:all-products/brand=x/condition=*`` → (the tree's path, [(dimension, value
    key or None)])."""
    if NODE_SEPARATOR not in path:
        return path, []
    tree, _, rest = path.partition(NODE_SEPARATOR)
    steps: list[tuple[str, str | None]] = []
    for segment in rest.split("/"):
        dimension, sep, value = segment.partition("=")
        if not sep or dimension not in DIMENSIONS or not value:
            raise MidasError(
                f"{segment!r} is not a product group segment; expected <dimension>=<value> (or =* for "
                f"everything else), a dimension one of {', '.join(DIMENSIONS)}"
            )
        steps.append((dimension, None if value == OTHERS else value_key(dimension, value)))
    return tree + ALL_PRODUCTS, steps


def find_node(txn: Txn, cid: str, ad_group: str, root_id: str, steps: list[tuple[str, str | None]]) -> str:
    """The criterion id (``<ad group>~<criterion>``) of the node ``steps`` lead to from the root."""
    nodes = _live_nodes(txn, cid, ad_group)
    current = f"customers/{cid}/adGroupCriteria/{root_id}"
    for dimension, value in steps:
        children = [n for n in nodes if (n.data["listing_group"].get("parent_ad_group_criterion")) == current]
        found = [
            n
            for n in children
            if dimension_of(n.data["listing_group"].get("case_value") or {}) == (dimension, value)
        ]
        if not found:
            held = sorted(
                f"{d}={v or OTHERS}"
                for d, v in (dimension_of(n.data["listing_group"].get("case_value") or {}) for n in children)
            )
            raise MidasError(
                f"no product group {dimension}={value or OTHERS} there; found: {', '.join(held) or 'none'}"
            )
        current = str(found[0].data["resource_name"])
    return current.rsplit("/", 1)[1]


def subdivide(txn: Txn, cid: str, node_id: str, dimension: str, units: Mapping[str | None, str]) -> None:
    """Split the unit ``node_id`` by ``dimension`` into ``units`` (value, None for everything else → a bid
    in currency units, ``exclude`` or ``include``: a unit without a bid, as a Demand Gen product filter's)."""
    stored = txn.get(GOOGLE, cid, "ad_group_criterion", node_id)
    if stored is None or (stored.data.get("listing_group") or {}).get("type") != "UNIT":
        raise MidasError(f"product group {node_id} is not a unit: only a unit can be subdivided")
    if dimension not in DIMENSIONS:
        raise MidasError(f"unknown dimension {dimension!r}; expected one of {', '.join(DIMENSIONS)}")
    if None not in units:
        raise MidasError("a subdivision needs its everything-else unit (--others BID|include|exclude)")
    _check_unit_bids(txn, cid, str(stored.parent), units)
    spelled: dict[str, str] = {}
    for value in units:
        if value is not None and spelled.setdefault(value_key(dimension, value), value) != value:
            raise MidasError(
                f"{value!r} is given twice (as {spelled[value_key(dimension, value)]!r} too: Google matches "
                "product group values case-insensitively): expected each value once"
            )
    parent = dict(stored.data)
    parent["listing_group"] = {**parent["listing_group"], "type": "SUBDIVISION"}
    parent.pop("cpc_bid_micros", None)
    parent["negative"] = False
    google_rules.put(txn, cid, "ad_group_criterion", parent)
    ad_group = str(stored.parent)
    for value, bid in units.items():
        case = case_value(dimension, value)
        criterion_id = listing_group_criterion_id(ad_group, parent["resource_name"], case)
        data: dict[str, Any] = {
            "resource_name": f"customers/{cid}/adGroupCriteria/{ad_group}~{criterion_id}",
            "ad_group": f"customers/{cid}/adGroups/{ad_group}",
            "criterion_id": criterion_id,
            "type": "LISTING_GROUP",
            "status": "ENABLED",
            "negative": bid == EXCLUDE,
            "listing_group": {
                "type": "UNIT",
                "parent_ad_group_criterion": parent["resource_name"],
                "case_value": case,
            },
        }
        if bid not in (EXCLUDE, INCLUDE):
            data["cpc_bid_micros"] = _micros(bid)
        google_rules.put(txn, cid, "ad_group_criterion", data)
    listing_groups_touched(txn, cid).add(ad_group)


def _check_unit_bids(txn: Txn, cid: str, ad_group: str, units: Mapping[str | None, str]) -> None:
    """The new units bid as the tree of ``ad_group`` takes them, as the Google Ads UI offers: a Demand Gen
    product filter's none (its campaign's bidding strategy bids: ``google_shopping_rules.check_filter_bid``),
    a Shopping tree's each in a campaign bidding manual CPC (``include`` leaves a unit without one)."""
    group = txn.get(GOOGLE, cid, "ad_group", ad_group)
    campaign = None if group is None else txn.get(GOOGLE, cid, "campaign", str(group.parent))
    if campaign is None:
        return
    named = {value: ("--others" if value is None else repr(value)) for value in units}
    channel = campaign.data.get("advertising_channel_type")
    if channel == DEMAND_GEN:
        bid = [named[v] for v, how in units.items() if how not in (EXCLUDE, INCLUDE)]
        if bid:
            raise MidasError(
                f"{', '.join(bid)}: a Demand Gen ad group's product filter takes no bid (its campaign's "
                "bidding strategy bids): expected include or exclude"
            )
    elif channel == SHOPPING and "manual_cpc" in campaign.data:
        unbid = [named[v] for v, how in units.items() if how == INCLUDE]
        if unbid:
            raise MidasError(
                f"{', '.join(unbid)}: the campaign bids manual CPC, so each unit of its product groups bids: "
                "expected a max CPC or exclude (include is a Demand Gen product filter's)"
            )


def _micros(raw: str) -> int:
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = Decimal(0)
    if amount <= 0 or amount * MICROS_PER_UNIT % 10_000:
        raise MidasError(
            f"{raw!r} is not a max CPC; expected a positive amount in currency units, include or exclude"
        )
    return int(amount * MICROS_PER_UNIT)


def _live_nodes(txn: Txn, cid: str, ad_group: str) -> list[StoredObject]:
    return [
        n
        for n in txn.find(GOOGLE, cid, "ad_group_criterion", parent=ad_group)
        if n.status != "REMOVED" and n.data.get("type") == "LISTING_GROUP"
    ]
