"""A Shopping ad group's ``google.product_groups``: the spec rules of a product group tree (each error at its
node, with file, line and field), its compiled listing group tree, and the operations that rewrite a live
tree into the desired one (``connectors.google_listing_groups``); and a Demand Gen ad group's product
filter, a tree of the same form without bids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakes.example import DEMAND_GEN_PRODUCT_SPEC, SHOPPING_SPEC
from test_spec import issues_of, write

from midas_reconcile.compile.google_shopping import product_filter
from midas_reconcile.connectors.google_listing_groups import TreeWriter, case_value, group_count, tree_fields
from midas_reconcile.spec import load_workspace
from midas_reconcile.spec.models import ProductGroup

SPEC = SHOPPING_SPEC.replace("    - {name: socks, google: {cpc_bid: 0.20}}\n", "")


def _with_tree(tree: str, group: str = "cpc_bid: 0.65", bidding: str = "manual_cpc") -> str:
    """SHOPPING_SPEC's shoes ad group with ``tree`` (YAML lines under ``product_groups``, indented 10)."""
    body = "\n".join(f"          {line}" for line in tree.strip("\n").splitlines())
    block = f"    - name: shoes\n      google:\n        {group}\n        product_groups:\n{body}\n"
    return SPEC.replace("    - {name: shoes, google: {cpc_bid: 0.65}}\n", block).replace(
        "strategy: manual_cpc", f"strategy: {bidding}"
    )


TREE = "spec.ad_groups[0].google.product_groups"


def _nested(dimensions: list[str]) -> str:
    """A tree split by each of ``dimensions`` in turn, down one value ('v') of each, in flow style."""
    group = "{}"
    for dimension in reversed(dimensions):
        group = f"{{split_by: {dimension}, values: {{v: {group}}}, everything_else: {{}}}}"
    return group


# (id, tree, ad group's google line, bidding, expected (field, message fragment))
CASES: list[tuple[str, str, str, str, list[tuple[str, str]]]] = [
    (
        "no-split",
        "cpc_bid: 0.40",
        "cpc_bid: 0.65",
        "manual_cpc",
        [(f"{TREE}.split_by", "found product_groups without split_by")],
    ),
    (
        "no-everything-else-and-no-values",
        "split_by: brand",
        "cpc_bid: 0.65",
        "manual_cpc",
        [(TREE, "without everything_else"), (f"{TREE}.values", "found no values")],
    ),
    (
        "duplicate-values-case-insensitively",
        "split_by: brand\nvalues: {Acme: {cpc_bid: 1}, ACME: {cpc_bid: 2}}\neverything_else: {}",
        "cpc_bid: 0.65",
        "manual_cpc",
        [(f"{TREE}.values.ACME", "found 'ACME' and 'Acme', one brand")],
    ),
    (
        "missing-bid-under-manual-cpc",
        "split_by: condition\nvalues: {new: {cpc_bid: 1}}\neverything_else: {}",
        "status: active",
        "manual_cpc",
        [(f"{TREE}.everything_else", "found no cpc_bid; a product group of an ad group bidding manual CPC")],
    ),
    (
        "bid-on-an-excluded-group-and-on-a-split-and-a-bad-word",
        "split_by: condition\nvalues:\n  new: {cpc_bid: 1, exclude: true}\n  mint: {cpc_bid: 1}\n"
        "everything_else: {split_by: brand, cpc_bid: 2, values: {a: {}}, everything_else: {}}",
        "cpc_bid: 0.65",
        "manual_cpc",
        [
            (f"{TREE}.values.new.cpc_bid", "found cpc_bid on an excluded product group"),
            (f"{TREE}.values.mint", "a condition is one of new, refurbished, used"),
            (f"{TREE}.everything_else.cpc_bid", "found cpc_bid on a group split by brand"),
        ],
    ),
    (
        "too-deep",
        _nested(
            [
                "custom_label_0",
                "custom_label_1",
                "custom_label_2",
                "custom_label_3",
                "custom_label_4",
                "brand",
                "item_id",
            ]
        ),
        "cpc_bid: 0.65",
        "manual_cpc",
        [(f"{TREE}{'.values.v' * 6}.split_by", "at most 7 levels deep")],
    ),
    (
        "levels-out-of-order-and-a-repeated-dimension",
        "split_by: product_type_l2\n"
        "values:\n  a: {split_by: product_type_l1, values: {b: {}}, everything_else: {}}\n"
        "everything_else: {split_by: brand, values: {c: {split_by: brand, values: {d: {}}, "
        "everything_else: {}}}, everything_else: {}}",
        "cpc_bid: 0.65",
        "manual_cpc",
        [
            (f"{TREE}.split_by", "expected a value of a split by product_type_l1 above it"),
            (f"{TREE}.values.a.split_by", "expected no other product_type split above it"),
            (f"{TREE}.everything_else.values.c.split_by", "found brand split again"),
        ],
    ),
    (
        "category-ids-and-forbidden-text",
        "split_by: category_l1\nvalues:\n  shoes: {}\n  187:\n    split_by: brand\n"
        "    values: {'a==b': {}}\n    everything_else: {}\neverything_else: {exclude: true}",
        "cpc_bid: 0.65",
        "manual_cpc",
        [
            (f"{TREE}.values.shoes", "a category_l1 value is a Google product category id"),
            (f"{TREE}.values.187.values.a==b", "which contains '=='"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("tree", "group", "bidding", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_product_group_rules_point_at_the_offending_node(
    tmp_path: Path, tree: str, group: str, bidding: str, expected: list[tuple[str, str]]
) -> None:
    found = issues_of(tmp_path, {"specs/shopping.yaml": _with_tree(tree, group, bidding)})
    assert [i.field for i in found] == [field for field, _ in expected], [str(i) for i in found]
    for issue, (_, fragment) in zip(found, expected, strict=True):
        assert fragment in issue.message, (issue.message, fragment)
        assert issue.file == "specs/shopping.yaml" and issue.line is not None


def test_a_tree_of_more_groups_than_one_request_holds_is_an_error(tmp_path: Path) -> None:
    values = ", ".join(f"sku-{i}: {{}}" for i in range(10_000))
    found = issues_of(
        tmp_path,
        {
            "specs/shopping.yaml": _with_tree(
                f"{{split_by: item_id, values: {{{values}}}, everything_else: {{}}}}"
            )
        },
    )
    assert [(i.field, "found 10002 product groups" in i.message) for i in found] == [(TREE, True)], found


def test_a_tree_write_costs_an_operation_per_group() -> None:
    assert group_count({"listing_group_type": "UNIT", "cpc_bid_micros": 1}) == 1
    assert group_count(tree_fields(LIVE)[1]) == 3  # type: ignore[index]


def test_product_groups_outside_a_shopping_campaign_are_an_error(tmp_path: Path) -> None:
    text = _with_tree("split_by: brand\nvalues: {a: {}}\neverything_else: {}").replace(
        "    channel: shopping\n", ""
    )
    found = issues_of(tmp_path, {"specs/shopping.yaml": text})
    assert any(i.field == TREE and "Google Shopping ad group's" in i.message for i in found), found


def _row(name: str, type_: str, parent: str | None = None, case: Any = None, **extra: Any) -> dict[str, Any]:
    group: dict[str, Any] = {"type": type_}
    if parent is not None:
        group.update(parent_ad_group_criterion=f"c/{parent}", case_value=case)
    return {
        "resource_name": f"c/{name}",
        "ad_group": "customers/1/adGroups/5",
        "listing_group": group,
        **extra,
    }


LIVE = [
    _row("5~1", "SUBDIVISION"),
    _row("5~2", "UNIT", "5~1", case_value("brand", "acme"), cpc_bid_micros=1_000_000),
    _row("5~3", "UNIT", "5~1", case_value("brand", None), negative=True),
]


def test_a_live_tree_reads_as_its_partition() -> None:
    assert tree_fields(reversed(LIVE)) == (
        "c/5~1",
        {
            "listing_group_type": "SUBDIVISION",
            "partition": {
                "split_by": "brand",
                "values": {"acme": {"type": "UNIT", "cpc_bid_micros": 1_000_000}},
                "everything_else": {"type": "UNIT", "negative": True},
            },
        },
    )


def _rewrite(desired: dict[str, Any]) -> list[dict[str, Any]]:
    writer = TreeWriter("1", "customers/1/adGroups/5", 0)
    writer.rewrite(LIVE, desired)
    return writer.ops()


def test_a_bid_change_is_one_update_and_a_new_value_one_create_under_the_live_split() -> None:
    ops = _rewrite(
        {
            "type": "SUBDIVISION",
            "split_by": "brand",
            "values": {"acme": {"type": "UNIT", "cpc_bid_micros": 1_500_000}, "zeta": {"type": "UNIT"}},
            "everything_else": {"type": "UNIT", "negative": True},
        }
    )
    bodies = [op["ad_group_criterion_operation"] for op in ops]
    assert bodies == [
        {
            "create": {
                "ad_group": "customers/1/adGroups/5",
                "status": "ENABLED",
                "listing_group": {
                    "type": "UNIT",
                    "parent_ad_group_criterion": "c/5~1",
                    "case_value": {"product_brand": {"value": "zeta"}},
                },
            }
        },
        {"update": {"resource_name": "c/5~2", "cpc_bid_micros": 1_500_000}, "update_mask": "cpc_bid_micros"},
    ]


def test_a_changed_split_removes_the_old_subtree_and_makes_the_new_one_parents_first() -> None:
    ops = _rewrite(
        {
            "type": "SUBDIVISION",
            "split_by": "condition",
            "values": {"used": {"type": "UNIT", "negative": True}},
            "everything_else": {"type": "UNIT", "cpc_bid_micros": 500_000},
        }
    )
    bodies = [op["ad_group_criterion_operation"] for op in ops]
    assert bodies[0] == {"remove": "c/5~1"}
    root, *children = (b["create"] for b in bodies[1:])
    assert (
        root["resource_name"] == "customers/1/adGroupCriteria/5~-1"
        and "parent_ad_group_criterion" not in (root["listing_group"])
    )
    assert [c["listing_group"]["parent_ad_group_criterion"] for c in children] == [root["resource_name"]] * 2
    assert [c["listing_group"]["case_value"] for c in children] == [
        {"product_condition": {"condition": "USED"}},
        {"product_condition": {}},
    ]


DEMAND_GEN_HOME = "    - {name: home, creatives: [story, shelf]}\n"


def _with_filter(tree: str, campaign: str = "") -> str:
    """DEMAND_GEN_PRODUCT_SPEC's home ad group with product filter ``tree`` (flow-style YAML); ``campaign``
    replaces its Merchant Center account line."""
    block = f"    - {{name: home, creatives: [story, shelf], google: {{product_groups: {tree}}}}}\n"
    text = DEMAND_GEN_PRODUCT_SPEC.replace(DEMAND_GEN_HOME, block)
    if campaign:
        text = text.replace("    demand_gen: {merchant_id: 987654321, feed_label: US}\n", campaign)
    return text


FILTER = "spec.ad_groups[0].google.product_groups"
# (id, tree, expected (field, message fragment)): a Demand Gen ad group's product filter.
FILTER_CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("all-products-excluded", "{exclude: true}", [(f"{FILTER}.exclude", "found exclude on all products")]),
    ("a-bid-on-all-products", "{cpc_bid: 0.5}", [(f"{FILTER}.cpc_bid", "product filter bids nothing")]),
    (
        "a-bid-on-a-unit",
        "{split_by: brand, values: {a: {cpc_bid: 0.5}}, everything_else: {}}",
        [(f"{FILTER}.values.a.cpc_bid", "product filter bids nothing")],
    ),
    (
        "a-bid-on-a-split-said-once",
        "{split_by: brand, values: {a: {}}, everything_else: {split_by: condition, cpc_bid: 1, "
        "values: {new: {}}, everything_else: {}}}",
        [(f"{FILTER}.everything_else.cpc_bid", "product filter bids nothing")],
    ),
    (
        "a-shopping-tree-rule-too",
        "{split_by: brand, values: {a: {}}}",
        [(FILTER, "without everything_else")],
    ),
    (
        "every-group-excluded",
        "{split_by: brand, values: {a: {exclude: true}}, everything_else: {split_by: condition, "
        "values: {new: {exclude: true}}, everything_else: {exclude: true}}}",
        [
            (
                FILTER,
                "found every group of the product filter excluded; it would show none of the products, "
                "leaving the ad group's product ads nothing to show: expected at least one group shown, "
                "written without exclude: true (as `a: {}`)",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("tree", "expected"), [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES]
)
def test_demand_gen_product_filter_rules_point_at_the_offending_node(
    tmp_path: Path, tree: str, expected: list[tuple[str, str]]
) -> None:
    found = issues_of(tmp_path, {"specs/demand.yaml": _with_filter(tree)})
    assert [i.field for i in found] == [field for field, _ in expected], [str(i) for i in found]
    for issue, (_, fragment) in zip(found, expected, strict=True):
        assert fragment in issue.message, (issue.message, fragment)
        assert issue.file == "specs/demand.yaml" and issue.line is not None


@pytest.mark.parametrize(
    "tree",
    ["{}", "{split_by: brand, values: {a: {exclude: true}}, everything_else: {}}"],
    ids=["all", "split"],
)
def test_a_product_filter_of_shown_and_excluded_groups_loads(tmp_path: Path, tree: str) -> None:
    write(tmp_path, {"specs/demand.yaml": _with_filter(tree)})
    (spec,) = [c.spec for c in load_workspace(tmp_path, env={}).campaigns.values()]
    assert spec.ad_groups[0].google.product_groups is not None


def test_a_product_filter_needs_its_campaign_s_merchant_center_account(tmp_path: Path) -> None:
    text = _with_filter("{}", campaign="\n").replace("creatives: [story, shelf]", "creatives: [story]")
    found = issues_of(tmp_path, {"specs/demand.yaml": text})
    assert any(i.field == FILTER and "google.demand_gen.merchant_id" in i.message for i in found), [
        str(i) for i in found
    ]


def test_a_product_filter_compiles_to_one_tree_without_bids() -> None:
    tree = ProductGroup.model_validate(
        {"split_by": "brand", "values": {"Trailco": {}, "Knockoff": {"exclude": True}}, "everything_else": {}}
    )
    assert product_filter(ProductGroup()) == {"type": "LISTING_GROUP", "listing_group_type": "UNIT"}
    assert product_filter(tree) == {
        "type": "LISTING_GROUP",
        "listing_group_type": "SUBDIVISION",
        "partition": {
            "split_by": "brand",
            "values": {"knockoff": {"type": "UNIT", "negative": True}, "trailco": {"type": "UNIT"}},
            "everything_else": {"type": "UNIT"},
        },
    }
