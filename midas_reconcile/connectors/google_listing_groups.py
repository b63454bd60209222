"""A Shopping ad group's product groups ↔ its listing group criteria (v26 ListingGroupInfo), simulator and SDK
alike (``spec._product_groups`` says what a tree may be).

The whole tree is one resource, the root's (``listing_group:all-products``, its platform id the root
criterion's): Google creates a tree, and restructures one, in one mutate request whose new nodes carry
temporary ids, parents before children (developers.google.com/google-ads/api/docs/shopping-ads/
create-listing-groups; google-ads-python examples/shopping_ads/add_shopping_product_listing_group_tree.py),
and removing a subdivision removes what lies below it. Its normalised fields:

* ``listing_group_type`` UNIT (one group of all products: ``cpc_bid_micros``, or ``negative``) or
  SUBDIVISION, whose ``partition`` is the split: ``{"split_by": <dimension>, "values": {<value>: <group>},
  "everything_else": <group>}``; a group is ``{"type": "UNIT", "cpc_bid_micros": …}`` (or ``"negative":
  True``) or ``{"type": "SUBDIVISION", <its split>}``. Dimensions are the spec's names
  (``spec._product_groups.DIMENSIONS``), values as ``spec._product_groups.value_key`` keeps them; a case
  value of a dimension MIDAS does not write reads as its v26 message name (``product_grouping`` …), which
  no spec names: drift, and import refuses it.

So a unit's new bid is an update of the tree, and so is any other change: ``rewrite`` turns it into the
operations that make the live tree the desired one, touching only what differs (a group whose kind or split
changed is removed with what lies below it and made anew under the same parent).

From the SDK's example: the root and each subdivision carry a temporary resource name
(``ad_group_criterion_path(customer, ad_group, -n)``), units need none; an "everything else" case value is
its dimension's message without a value (``copy_from(product_brand, ProductBrandInfo())``); removing the
root removes the tree. Not confirmed: the example removes an old tree in a request of its own, where a
rewrite here removes a group and makes its replacement in one request (Google's
LISTING_GROUP_CANNOT_BE_REMOVED refuses only a recursive removal of a subdivision "being created or modified
in this request", which a rewrite never does).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from midas_reconcile.spec._product_groups import value_key

OPERATION: Final = "ad_group_criterion_operation"
#: Spec dimension → (v26 ListingDimensionInfo member, its value leaf, fixed leaves beside it).
_INFO: Final[dict[str, tuple[str, str, dict[str, str]]]] = {
    "brand": ("product_brand", "value", {}),
    "item_id": ("product_item_id", "value", {}),
    "condition": ("product_condition", "condition", {}),
    "channel": ("product_channel", "channel", {}),
    **{f"custom_label_{i}": ("product_custom_attribute", "value", {"index": f"INDEX{i}"}) for i in range(5)},
    **{f"product_type_l{i}": ("product_type", "value", {"level": f"LEVEL{i}"}) for i in range(1, 6)},
    **{f"category_l{i}": ("product_category", "category_id", {"level": f"LEVEL{i}"}) for i in range(1, 6)},
}
#: The case value members (and their leaves) a simulator or wire fake must carry.
CASE_VALUE_LEAVES: Final[dict[str, tuple[str, ...]]] = {}
for _member, _leaf, _fixed in _INFO.values():
    CASE_VALUE_LEAVES[_member] = tuple(sorted({*CASE_VALUE_LEAVES.get(_member, ()), _leaf, *_fixed}))
#: (member, fixed leaves) → spec dimension.
_DIMENSION_OF: Final = {(m, tuple(sorted(f.items()))): d for d, (m, _, f) in _INFO.items()}
#: Enum leaves (condition, channel): spelled in upper case natively, in the spec's lower case here.
_ENUM_LEAVES: Final = frozenset({"condition", "channel"})


def case_value(dimension: str, value: str | None) -> dict[str, Any]:
    """The native case value of ``dimension``'s ``value`` (None: its "everything else" group, the
    dimension without a value)."""
    member, leaf, fixed = _INFO[dimension]
    body: dict[str, Any] = dict(fixed)
    if value is not None:
        body[leaf] = int(value) if leaf == "category_id" else value.upper() if leaf in _ENUM_LEAVES else value
    return {member: body}


def dimension_of(case: Mapping[str, Any]) -> tuple[str, str | None]:
    """(spec dimension, value key or None for "everything else") of a native case value; a member MIDAS
    does not write gives its own name."""
    if not case:
        return "", None
    member, body = next(iter(case.items()))
    body = body or {}
    fixed = tuple(sorted((k, str(v)) for k, v in body.items() if k in ("index", "level")))
    dimension = _DIMENSION_OF.get((member, fixed))
    if dimension is None:
        return str(member), None
    leaf = _INFO[dimension][1]
    raw = body.get(leaf)
    # "0" is a value like any other of a text leaf (custom label 0); only a category id of 0 and an enum's
    # UNSPECIFIED are the absent value a proto3 read may give "everything else".
    if (
        raw in (None, "")
        or (leaf == "category_id" and str(raw) == "0")
        or (leaf in _ENUM_LEAVES and raw == "UNSPECIFIED")
    ):
        return dimension, None
    return dimension, value_key(dimension, str(raw))


# --- rows → normalised fields -------------------------------------------------------------------------


@dataclass
class _Node:
    """A live listing group: its resource name, kind, case value (dimension, value key), bid, children."""

    name: str
    type: str
    case: tuple[str, str | None]
    bid: int | None
    negative: bool
    children: list[_Node] = field(default_factory=list)


def _tree(rows: Iterable[Mapping[str, Any]]) -> _Node | None:
    """The live tree of one ad group's listing group rows (None without a root)."""
    nodes: dict[str, _Node] = {}
    parents: dict[str, str] = {}
    for row in rows:
        group = row.get("listing_group") or {}
        name = str(row["resource_name"])
        nodes[name] = _Node(
            name,
            str(group.get("type")),
            dimension_of(group.get("case_value") or {}),
            int(row["cpc_bid_micros"]) if row.get("cpc_bid_micros") else None,
            bool(row.get("negative")),
        )
        if group.get("parent_ad_group_criterion"):
            parents[name] = str(group["parent_ad_group_criterion"])
    root = None
    for name in sorted(nodes):
        parent = parents.get(name)
        if parent is None:
            root = root or nodes[name]
        elif parent in nodes:
            nodes[parent].children.append(nodes[name])
    return root


def _group(node: _Node) -> dict[str, Any]:
    if node.type != "SUBDIVISION":
        out: dict[str, Any] = {"type": "UNIT"}
        if node.negative:
            out["negative"] = True
        elif node.bid:
            out["cpc_bid_micros"] = node.bid
        return out
    return {"type": "SUBDIVISION", **_split(node)}


def _split(node: _Node) -> dict[str, Any]:
    # An "everything else" node may read with no case value member at all (a query selects leaves, and it
    # has none set): its siblings say the dimension.
    dimensions = sorted({child.case[0] for child in node.children} - {""})
    split: dict[str, Any] = {"split_by": "+".join(dimensions) or None}
    values = {c.case[1]: _group(c) for c in node.children if c.case[1] is not None}
    if values:
        split["values"] = dict(sorted(values.items()))
    other = next((c for c in node.children if c.case[1] is None), None)
    if other is not None:
        split["everything_else"] = _group(other)
    return split


def tree_fields(rows: Iterable[Mapping[str, Any]]) -> tuple[str, dict[str, Any]] | None:
    """(root criterion resource name, normalised fields beside ``type`` and ``status``) of one ad group's
    listing group rows; None when they have no root."""
    root = _tree(rows)
    if root is None:
        return None
    group = _group(root)
    fields: dict[str, Any] = {"listing_group_type": group.pop("type")}
    if root.type == "SUBDIVISION":
        fields["partition"] = group
    else:
        fields.update(group)
    return root.name, fields


# --- normalised fields → operations -------------------------------------------------------------------


def desired_group(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A tree resource's fields as its root group (``_group``'s shape)."""
    if fields.get("listing_group_type") == "SUBDIVISION":
        return {"type": "SUBDIVISION", **(fields.get("partition") or {})}
    out: dict[str, Any] = {"type": "UNIT"}
    if fields.get("negative"):
        out["negative"] = True
    elif fields.get("cpc_bid_micros"):
        out["cpc_bid_micros"] = fields["cpc_bid_micros"]
    return out


def group_count(fields: Mapping[str, Any]) -> int:
    """The product groups (listing group nodes) of a tree resource's fields, the root included."""

    def count(group: Mapping[str, Any]) -> int:
        if group.get("type") != "SUBDIVISION":
            return 1
        children = [*(group.get("values") or {}).values(), group.get("everything_else") or {"type": "UNIT"}]
        return 1 + sum(count(child) for child in children)

    return count(desired_group(fields))


def is_tree_write(kind: str, action: str, fields: Mapping[str, Any]) -> bool:
    """Whether a write is a product group tree's (made or restructured in an atomic request of its own):
    a subdivided tree's creation, or an update of a tree's structure."""
    if kind != "ad_group_criterion" or action == "delete":
        return False
    if action == "create":
        return fields.get("type") == "LISTING_GROUP" and fields.get("listing_group_type") == "SUBDIVISION"
    return bool({"partition", "listing_group_type"} & set(fields))


class TreeWriter:
    """The operations of one ad group's tree writes (``ad_group``: its resource name), with temporary ids
    ``customers/<cid>/adGroupCriteria/<ad group id>~-<n>`` from ``counter`` (shared with the request)."""

    def __init__(self, cid: str, ad_group: str, counter: int) -> None:
        self.cid = cid
        self.ad_group = ad_group
        self.counter = counter
        self.removes: list[dict[str, Any]] = []
        self.creates: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []
        self.root_temp: str | None = None

    def ops(self) -> list[dict[str, Any]]:
        """Removals first (their subtrees' places are then free), creations parents first, then bids."""
        return [*self.removes, *self.creates, *self.updates]

    def create(self, group: Mapping[str, Any], parent: str | None, case: dict[str, Any] | None) -> str | None:
        """Create ``group`` (and what lies below it) under ``parent`` with ``case``; its temporary name."""
        obj: dict[str, Any] = {"ad_group": self.ad_group, "status": "ENABLED"}
        node: dict[str, Any] = {"type": group.get("type")}
        if parent is not None:
            node["parent_ad_group_criterion"] = parent
            node["case_value"] = case
        obj["listing_group"] = node
        temp = None
        if group.get("type") == "SUBDIVISION":
            self.counter += 1
            temp = obj["resource_name"] = (
                f"customers/{self.cid}/adGroupCriteria/{self.ad_group.rsplit('/', 1)[1]}~-{self.counter}"
            )
        elif group.get("negative"):
            obj["negative"] = True
        elif group.get("cpc_bid_micros"):
            obj["cpc_bid_micros"] = int(group["cpc_bid_micros"])
        self.creates.append({OPERATION: {"create": obj}})
        if group.get("type") == "SUBDIVISION":
            assert temp is not None
            dimension = str(group.get("split_by"))
            for value, child in sorted((group.get("values") or {}).items()):
                self.create(child, temp, case_value(dimension, value))
            self.create(group.get("everything_else") or {"type": "UNIT"}, temp, case_value(dimension, None))
        return temp

    def rewrite(self, rows: Iterable[Mapping[str, Any]], desired: Mapping[str, Any]) -> None:
        """Make the live tree of ``rows`` the ``desired`` root group; ``root_temp`` is set when the root
        itself is made anew (its kind changed, or it had none)."""
        live = _tree(rows)
        if live is None or not self._same_kind(live, desired):
            if live is not None:
                self.removes.append({OPERATION: {"remove": live.name}})
            self.root_temp = self.create(desired, None, None) or "root"
            return
        self._sync(live, desired)

    @staticmethod
    def _same_kind(live: _Node, desired: Mapping[str, Any]) -> bool:
        if live.type != desired.get("type"):
            return False
        if live.type == "SUBDIVISION":
            return _split(live).get("split_by") == desired.get("split_by")
        return live.negative == bool(desired.get("negative"))  # negative is immutable

    def _sync(self, live: _Node, desired: Mapping[str, Any]) -> None:
        if live.type != "SUBDIVISION":
            bid = desired.get("cpc_bid_micros")
            if not live.negative and (live.bid or None) != (bid or None):
                update: dict[str, Any] = {"resource_name": live.name}
                if bid:
                    update["cpc_bid_micros"] = int(bid)
                self.updates.append({OPERATION: {"update": update, "update_mask": "cpc_bid_micros"}})
            return
        dimension = str(desired.get("split_by"))
        wanted: dict[str | None, Mapping[str, Any]] = dict((desired.get("values") or {}).items())
        wanted[None] = desired.get("everything_else") or {"type": "UNIT"}
        held = {child.case[1]: child for child in live.children}
        for key in sorted(held.keys() - wanted.keys(), key=str):
            self.removes.append({OPERATION: {"remove": held[key].name}})
        for key, group in sorted(wanted.items(), key=lambda item: (item[0] is None, str(item[0]))):
            child = held.get(key)
            if child is not None and self._same_kind(child, group):
                self._sync(child, group)
                continue
            if child is not None:
                self.removes.append({OPERATION: {"remove": child.name}})
            self.create(group, live.name, case_value(dimension, key))


def tree_dimension_problems(fields: Mapping[str, Any]) -> list[str]:
    """The dimensions of a normalised tree the spec language cannot write (``product_grouping`` …), and
    splits without their "everything else" group."""
    problems: list[str] = []

    def walk(group: Mapping[str, Any], where: str) -> None:
        if group.get("type") != "SUBDIVISION":
            return
        if not group.get("split_by"):
            problems.append(f"{where} is a split with no product groups below it, not even 'everything else'")
            return
        dimension = str(group.get("split_by"))
        if dimension not in _INFO:
            problems.append(f"{where} is split by {dimension}, which the spec language does not write")
            return
        if "everything_else" not in group:
            problems.append(f"{where} has no 'everything else' group")
        for value, child in (group.get("values") or {}).items():
            walk(child, f"{where} > {dimension} {value}")
        if "everything_else" in group:
            walk(group["everything_else"], f"{where} > {dimension} everything else")

    walk(desired_group(fields), "all products")
    return problems
