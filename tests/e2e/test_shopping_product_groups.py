"""A Shopping ad group's product groups (``google.product_groups``) through the sandbox connector: a
subdivided tree made in one request, read back the same, its bids and structure changed in place, and a
console's edits (a bid, an excluded product, a subdivision) reported as drift and put back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes.example import SHOPPING_SPEC, SHOPPING_TREE_SPEC

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
TREE = "ad_group_criterion/trail-shopping/shoes/listing_group:all-products"
SOCKS = "ad_group_criterion/trail-shopping/socks/listing_group:all-products@google"


def _apply(midas: Midas) -> None:
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_a_subdivided_tree_is_created_whole_and_reads_back_without_changes(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_TREE_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0, plan.output
    assert "SUBDIVISION" in plan.output and "partition" in plan.output, plan.output
    _apply(midas)
    assert midas("drift").code == 0


def test_a_bid_change_updates_the_tree_and_a_changed_split_rewrites_it(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "shopping.yaml"
    spec.write_text(SHOPPING_TREE_SPEC, encoding="utf-8")
    _apply(midas)
    spec.write_text(SHOPPING_TREE_SPEC.replace("Trailco: {cpc_bid: 1.20}", "Trailco: {cpc_bid: 1.35}"))
    plan = midas("plan")
    assert "1 to update" in plan.output and "partition.values.trailco.cpc_bid_micros" in plan.output, (
        plan.output
    )
    _apply(midas)
    spec.write_text(
        SHOPPING_TREE_SPEC.replace("split_by: product_type_l1", "split_by: condition").replace(
            "boots: {cpc_bid: 0.90}", "used: {exclude: true}"
        )
    )
    plan = midas("plan")
    assert "1 to update" in plan.output and "partition.values.summit.split_by" in plan.output, plan.output
    _apply(midas)
    spec.write_text(SHOPPING_SPEC)  # back to one group of all products
    _apply(midas)


def test_console_edits_of_a_tree_are_drift_and_the_apply_puts_the_tree_back(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_TREE_SPEC, encoding="utf-8")
    _apply(midas)
    edited = midas(
        "sandbox", "subdivide", TREE + "/brand=trailco@google", "condition", "new=1.50", "--others", "0.80"
    )
    assert edited.code == 0, edited.output
    drift = midas("drift")
    assert drift.code == 2 and "partition.values.trailco" in drift.output, drift.output
    _apply(midas)

    assert (
        midas(
            "sandbox", "set", TREE + "/brand=summit/product_type_l1=boots@google", "cpc_bid_micros=990000"
        ).code
        == 0
    )
    assert midas("sandbox", "set", TREE + "/brand=*@google", "negative=true").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    for changed in (
        "partition.values.summit.values.boots.cpc_bid_micros",
        "partition.everything_else.negative",
    ):
        assert changed in drift.output, drift.output
    _apply(midas)


def test_a_tree_subdivided_in_the_console_is_drift_not_a_failed_apply(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_SPEC, encoding="utf-8")
    _apply(midas)
    edited = midas("sandbox", "subdivide", SOCKS, "brand", "acme=0.40", "--others", "0.10")
    assert edited.code == 0, edited.output
    drift = midas("drift")
    assert drift.code == 2 and "listing_group_type" in drift.output, drift.output
    _apply(midas)


def test_a_root_made_a_subdivision_in_the_console_is_drift_the_apply_rewrites(
    midas: Midas, workspace: Path
) -> None:
    """Before product groups, a root the console turned into a SUBDIVISION read as no product group: the plan
    re-created the root, which Google refuses beside the live one (LISTING_GROUP_ALREADY_EXISTS), forever.
    Now it reads as a tree of another kind: drift, which the apply rewrites into the spec's one unit."""
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_SPEC, encoding="utf-8")
    _apply(midas)
    assert midas("sandbox", "set", SOCKS, "listing_group.type=SUBDIVISION").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "listing_group_type" in drift.output, drift.output
    _apply(midas)


def test_a_value_0_is_a_value_like_any_other_not_everything_else(midas: Midas, workspace: Path) -> None:
    """Custom labels of 0 and 1 are common: "0" is the group of products labelled 0, read back as such
    (and imported as such), never as the split's "everything else"."""
    spec = workspace / "specs" / "shopping.yaml"
    spec.write_text(
        SHOPPING_SPEC.replace(
            "    - {name: shoes, google: {cpc_bid: 0.65}}\n",
            "    - name: shoes\n      google:\n        cpc_bid: 0.65\n        product_groups:\n"
            "          split_by: custom_label_0\n"
            "          values: {0: {cpc_bid: 1.20}, 1: {cpc_bid: 0.30}}\n"
            "          everything_else: {}\n",
        ),
        encoding="utf-8",
    )
    _apply(midas)
    assert midas("drift").code == 0


def test_a_product_group_bid_finer_than_the_currency_is_a_spec_error(midas: Midas, workspace: Path) -> None:
    """As an ad group's max CPC is: never silently rounded (1.234 USD), nor rounded to no bid (0.004)."""
    spec = workspace / "specs" / "shopping.yaml"
    spec.write_text(
        SHOPPING_TREE_SPEC.replace(
            "everything_else: {cpc_bid: 0.50}", "everything_else: {cpc_bid: 1.234}"
        ).replace("Trailco: {cpc_bid: 1.20}", "Trailco: {cpc_bid: 0.004}"),
        encoding="utf-8",
    )
    result = midas("validate")
    assert result.code == 1
    for value in ("1.234", "0.004"):
        assert any(
            f"found {value}, which has 3 decimal places; expected at most 2 for USD" in line
            and "product_groups" in line
            for line in result.output.splitlines()
        ), result.output


def test_import_refuses_a_product_group_bid_finer_than_the_currency_by_name_and_writes_nothing(
    midas: Midas, workspace: Path
) -> None:
    """A split tree's unit a console bid 1.234567 USD (not a whole cent, which a spec's product group bid is
    written in) is named by import, with its path in the tree, rather than written into a spec that would
    not load."""
    spec = workspace / "specs" / "shopping.yaml"
    spec.write_text(SHOPPING_TREE_SPEC, encoding="utf-8")
    _apply(midas)
    boots = TREE + "/brand=summit/product_type_l1=boots@google"
    assert midas("sandbox", "set", boots, "cpc_bid_micros=1234567").code == 0
    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-shopping")
    assert imported.code == 1, imported.output
    assert "would not load" not in imported.output, imported.output
    assert "cpc_bid_micros 1234567 (1.234567 USD), finer than Google's billable unit" in imported.output
    assert "> product_type_l1 boots" in imported.output, imported.output
    written = workspace / "specs" / "imported"
    assert not written.exists() or not any(written.iterdir())


def test_restore_write_specs_edits_a_product_group_tree_minimally(midas: Midas, workspace: Path) -> None:
    """Values compare case-insensitively and are read back lower-cased: the rewrite keeps the spec's own
    spelling, order, comments and number forms, and changes the one bid that differs."""
    spec = workspace / "specs" / "shopping.yaml"
    written = SHOPPING_TREE_SPEC.replace(
        "Knockoff: {exclude: true}", "Knockoff: {exclude: true}   # never our brand"
    ).replace(
        "everything_else: {cpc_bid: 0.50}",
        "everything_else: {cpc_bid: 0.50}\n            Acme: {cpc_bid: 0.33}",
    )
    spec.write_text(written, encoding="utf-8")
    _apply(midas)
    assert midas("snapshot", "--name", "s2").code == 0
    spec.write_text(written.replace("Acme: {cpc_bid: 0.33}", "Acme: {cpc_bid: 0.44}"), encoding="utf-8")
    restored = midas("restore", "s2", "--write-specs")
    assert restored.code == 0, restored.output
    assert spec.read_text(encoding="utf-8") == written


def test_a_product_group_or_tree_deleted_in_the_console_takes_what_is_below_it_and_the_apply_remakes_it(
    midas: Midas, workspace: Path
) -> None:
    """As Google removes a subdivision with everything below it: nothing is left enabled under a removed
    parent to clash with the tree the apply makes anew."""
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_TREE_SPEC, encoding="utf-8")
    _apply(midas)
    assert midas("sandbox", "delete", TREE + "/brand=summit@google").code == 0
    assert midas("sandbox", "delete", TREE + "@google").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "deleted out of band" in drift.output, drift.output
    _apply(midas)
    assert midas("drift").code == 0


def test_the_console_refuses_what_the_google_ads_ui_would(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_TREE_SPEC, encoding="utf-8")
    _apply(midas)
    twice = midas(
        "sandbox", "subdivide", TREE + "/brand=trailco@google", "condition", "new=1", "new=2", "--others", "1"
    )
    assert twice.code == 1 and "'new' is given twice" in twice.output
    # Google matches product group values case-insensitively: one group, whatever the case.
    unit = TREE + "/brand=trailco@google"
    cased = midas("sandbox", "subdivide", unit, "custom_label_0", "Sale=1", "sale=2", "--others", "1")
    assert cased.code == 1 and "'sale' is given twice" in cased.output, cased.output
    bid = midas("sandbox", "set", TREE + "@google", "cpc_bid_micros=1230000")
    assert bid.code == 1 and "CANNOT_SET_BIDS_ON_LISTING_GROUP_SUBDIVISION" in bid.output
    assert midas("plan", "--detailed-exitcode").code == 0  # nothing was changed


@pytest.mark.parametrize(
    "units",
    [["acme=include", "--others", "0.10"], ["acme=0.40", "--others", "include"]],
    ids=["value", "others"],
)
def test_a_unit_without_a_bid_is_refused_on_a_manual_cpc_shopping_tree(
    midas: Midas, workspace: Path, units: list[str]
) -> None:
    """``include`` (a unit without a bid) is a Demand Gen product filter's: a Shopping campaign bidding
    manual CPC bids on each unit of its tree, so the console refuses one, writing nothing."""
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_SPEC, encoding="utf-8")
    _apply(midas)
    edited = midas("sandbox", "subdivide", SOCKS, "brand", *units)
    assert edited.code == 1 and "bids manual CPC" in edited.output, edited.output
    assert midas("drift").code == 0  # nothing was written
