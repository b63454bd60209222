"""A Demand Gen ad group's product filter (``google.product_groups``: its listing group tree, which chooses
the products of the campaign's Merchant Center account it shows) through the sandbox connector: compile,
apply, plan, drift, import."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import DEMAND_GEN_PRODUCT_SPEC, DEMAND_GEN_SPEC

from midas_reconcile.cli import App, main
from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.resources import Address
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
TREE = "ad_group_criterion/trail-demand/home/listing_group:all-products"
#: ``DEMAND_GEN_PRODUCT_SPEC`` whose ad group ``home`` shows Trailco's products and every other brand's but
#: Knockoff's, of new products only.
FILTER = """\
    - name: home
      creatives: [story, shelf]
      google:
        product_groups:
          split_by: brand
          values:
            Trailco: {}
            Knockoff: {exclude: true}
          everything_else:
            split_by: condition
            values: {new: {}}
            everything_else: {exclude: true}
"""
#: The plan's and drift's note on a console's filter of an ad group whose spec names none.
LEFT_ALONE = "a product filter set in the console is left alone: write google.product_groups to manage it"
FILTER_SPEC = DEMAND_GEN_PRODUCT_SPEC.replace("    - {name: home, creatives: [story, shelf]}\n", FILTER)


def _imported_group(workspace: Path, name: str) -> dict[str, Any]:
    """Ad group ``name`` of the campaign ``midas import`` wrote."""
    written = yaml.safe_load((workspace / "specs" / "imported" / "trail-demand.yaml").read_text())["spec"]
    return dict(next(g for g in written["ad_groups"] if g["name"] == name))


def _spec(workspace: Path, text: str) -> None:
    (workspace / "specs" / "demand.yaml").write_text(text, encoding="utf-8")


def test_a_demand_gen_ad_group_s_product_filter_is_one_tree_converges_and_a_console_edit_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """The filter is made as one listing group tree (no bids: a Demand Gen campaign's bidding is its own),
    reads back to no changes, and a product a console excluded is drift that the apply includes again."""
    assert "product_groups" in FILTER_SPEC
    _spec(workspace, FILTER_SPEC)
    plan = midas("plan", "--validate-remote")
    assert plan.code == 0 and TREE in plan.output and "SUBDIVISION" in plan.output, plan.output
    assert "cpc_bid_micros" not in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    assert midas("sandbox", "set", f"{TREE}/brand=trailco@google", "negative=true").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "partition.values.trailco.negative" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_product_filter_changed_in_the_specs_updates_the_tree_and_dropped_removes_it(
    midas: Midas, workspace: Path
) -> None:
    _spec(workspace, FILTER_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    _spec(workspace, FILTER_SPEC.replace("Knockoff: {exclude: true}", "Knockoff: {}"))
    plan = midas("plan")
    assert "partition.values.knockoff.negative" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)
    plan = midas("plan")
    # MIDAS applied it, so it is MIDAS's: deleted (a criterion has no status to pause), saying what follows.
    dropped = f"- {TREE}@google:google-main — product_groups removed from the specs — deleting the product"
    assert dropped in plan.output, plan.output
    assert "ad group 'home' will show all of the feed's products" in plan.output, plan.output
    assert "1 to delete" in plan.output and LEFT_ALONE not in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _listing_groups(midas) == []


def _console_filter(midas: Midas, workspace: Path) -> None:
    """A product filter set in a console on ad group ``home``: Acme's products alone."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    group_id = next(o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "home")
    at = Address("google", "google-main", "ad_group_criterion", TREE.split("/", 1)[1])
    root = WriteOp(
        "create", at, {"type": "LISTING_GROUP", "listing_group_type": "UNIT"}, refs={"ad_group": group_id}
    )
    results = ConnectorFactory(load_settings(workspace)).create("google-main").write([root])
    assert [r.ok for r in results] == [True], results
    subdivided = midas(
        "sandbox", "subdivide", f"{TREE}@google", "brand", "acme=include", "--others", "exclude"
    )
    assert subdivided.code == 0, subdivided.output


def _applied_with_a_console_filter(midas: Midas, workspace: Path) -> None:
    """The Demand Gen campaign whose spec names no product filter applied, then one set in a console on its
    ad group ``home`` (``_console_filter``)."""
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    _console_filter(midas, workspace)


def _listing_groups(midas: Midas) -> list[dict[str, Any]]:
    """The listing group nodes in the sandbox (``sandbox list`` names each one LISTING_GROUP), but removed
    ones."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    return [
        o
        for o in objects
        if o["kind"] == "ad_group_criterion" and o["name"] == "LISTING_GROUP" and o["status"] != "REMOVED"
    ]


def test_a_console_s_product_filter_on_an_ad_group_whose_spec_names_none_is_left_alone_until_it_does(
    midas: Midas, workspace: Path
) -> None:
    """Before MIDAS managed a Demand Gen ad group's product filter it left a console's alone: one it never
    applied stays while the ad group's spec names no ``product_groups`` (the plan and drift say so, no
    change, the apply without --allow-destroy deletes nothing); once the spec names some, the tree is
    MIDAS's."""
    _applied_with_a_console_filter(midas, workspace)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and LEFT_ALONE in plan.output and TREE in plan.output, plan.output
    assert "removed from the specs" not in plan.output, plan.output
    drift = midas("drift")
    assert drift.code == 0 and LEFT_ALONE in drift.output and TREE in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert len(_listing_groups(midas)) == 3  # the root, Acme and everything else, as the console left it

    _spec(workspace, FILTER_SPEC)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and f"~ {TREE}@google" in plan.output and LEFT_ALONE not in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_import_writes_a_product_filter_and_adopt_then_plan_has_no_changes(
    midas: Midas, workspace: Path
) -> None:
    _spec(workspace, FILTER_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    (workspace / "specs" / "demand.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-demand", "--adopt")
    assert imported.code == 0, imported.output
    home = _imported_group(workspace, "home")
    assert home["google"]["product_groups"] == {
        "split_by": "brand",
        "values": {"trailco": {}, "knockoff": {"exclude": True}},
        "everything_else": {
            "split_by": "condition",
            "values": {"new": {}},
            "everything_else": {"exclude": True},
        },
    }, home
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_lone_all_products_filter_is_imported_as_an_empty_product_groups_and_round_trips(
    midas: Midas, workspace: Path
) -> None:
    """The root listing group alone (all products, the filter a console makes first) is
    ``product_groups: {}``: kept, not planned away."""
    _spec(
        workspace,
        DEMAND_GEN_PRODUCT_SPEC.replace(
            "    - {name: home, creatives: [story, shelf]}\n",
            "    - {name: home, creatives: [story, shelf], google: {product_groups: {}}}\n",
        ),
    )
    plan = midas("plan")
    assert plan.code == 0 and TREE in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    (workspace / "specs" / "demand.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-demand", "--adopt")
    assert imported.code == 0, imported.output
    home = _imported_group(workspace, "home")
    assert home["google"]["product_groups"] == {}, home
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize(
    ("edit", "field", "expected"),
    [
        (
            "Trailco: {}",
            "product_groups.values.Trailco.cpc_bid",
            "a Demand Gen ad group's product filter bids",
        ),
        ("Knockoff: {exclude: true}", "product_groups.exclude", "found exclude on all products"),
    ],
)
def test_a_bad_product_filter_is_a_spec_error_at_its_field(
    midas: Midas, workspace: Path, edit: str, field: str, expected: str
) -> None:
    bad = {
        "Trailco: {}": FILTER_SPEC.replace("Trailco: {}", "Trailco: {cpc_bid: 0.50}"),
        "Knockoff: {exclude: true}": DEMAND_GEN_PRODUCT_SPEC.replace(
            "    - {name: home, creatives: [story, shelf]}\n",
            "    - {name: home, creatives: [story, shelf], google: {product_groups: {exclude: true}}}\n",
        ),
    }[edit]
    _spec(workspace, bad)
    result = midas("validate")
    assert result.code == 1 and "demand.yaml:" in result.output, result.output
    assert field in result.output and expected in result.output, result.output


def test_a_product_filter_in_a_demand_gen_campaign_without_a_merchant_is_a_spec_error(
    midas: Midas, workspace: Path
) -> None:
    text = FILTER_SPEC.replace("    demand_gen: {merchant_id: 987654321, feed_label: US}\n", "")
    text = text.replace("creatives: [story, shelf]", "creatives: [story]")
    _spec(workspace, text)
    result = midas("validate")
    assert result.code == 1 and "product_groups" in result.output and "merchant_id" in result.output, (
        result.output
    )


def test_the_sandbox_refuses_a_bid_on_a_demand_gen_ad_group_s_product_filter(
    midas: Midas, workspace: Path
) -> None:
    """A Demand Gen campaign's bidding is its own (believed: Google takes no bid on its listing groups):
    the sandbox refuses one (ad_group_criterion_error.BID_INCOMPATIBLE_WITH_ADGROUP, its choice of code),
    creating the tree or updating it."""
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    group_id = next(o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "home")
    at = Address("google", "google-main", "ad_group_criterion", TREE.split("/", 1)[1])
    connector = ConnectorFactory(load_settings(workspace)).create("google-main")
    bid = {"type": "LISTING_GROUP", "listing_group_type": "UNIT", "cpc_bid_micros": 500_000}
    results = connector.write([WriteOp("create", at, bid, refs={"ad_group": group_id})])
    assert [r.ok for r in results] == [False], results
    assert "BID_INCOMPATIBLE_WITH_ADGROUP" in str(results[0]), results
    unbid = {"type": "LISTING_GROUP", "listing_group_type": "UNIT"}
    made = connector.write([WriteOp("create", at, unbid, refs={"ad_group": group_id})])
    assert [r.ok for r in made] == [True], made
    edited = midas("sandbox", "set", f"{TREE}@google", "cpc_bid_micros=500000")
    assert edited.code == 1 and "BID_INCOMPATIBLE_WITH_ADGROUP" in edited.output, edited.output


@pytest.mark.parametrize(
    ("spec", "root", "refusal"),
    [
        (
            DEMAND_GEN_PRODUCT_SPEC,
            {"listing_group_type": "UNIT", "negative": True},
            "excludes all its products (a negative product filter)",
        ),
        (
            DEMAND_GEN_SPEC,
            {"listing_group_type": "UNIT"},
            "has a product filter (LISTING_GROUP criteria) in a campaign naming no Merchant Center account",
        ),
    ],
    ids=["all-products-excluded", "no-merchant-center-account"],
)
def test_import_refuses_a_product_filter_the_spec_language_cannot_say_by_name(
    midas: Midas, workspace: Path, spec: str, root: dict[str, Any], refusal: str
) -> None:
    _spec(workspace, spec)
    assert midas("apply", "--auto-approve").code == 0
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    group_id = next(o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "home")
    at = Address("google", "google-main", "ad_group_criterion", TREE.split("/", 1)[1])
    made = (
        ConnectorFactory(load_settings(workspace))
        .create("google-main")
        .write([WriteOp("create", at, {"type": "LISTING_GROUP", **root}, refs={"ad_group": group_id})])
    )
    assert [r.ok for r in made] == [True], made
    (workspace / "specs" / "demand.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-demand")
    assert imported.code == 1 and refusal in imported.output, imported.output
    assert not (workspace / "specs" / "imported").exists()


def test_import_refuses_a_product_filter_whose_every_group_is_excluded_by_name(
    midas: Midas, workspace: Path
) -> None:
    """A console's filter split into groups that are all excluded shows no products, as an excluded root
    does: the spec language refuses it (``product_groups`` showing none), and import names it."""
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    group_id = next(o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "home")
    at = Address("google", "google-main", "ad_group_criterion", TREE.split("/", 1)[1])
    root = WriteOp(
        "create", at, {"type": "LISTING_GROUP", "listing_group_type": "UNIT"}, refs={"ad_group": group_id}
    )
    made = ConnectorFactory(load_settings(workspace)).create("google-main").write([root])
    assert [r.ok for r in made] == [True], made
    split = midas("sandbox", "subdivide", f"{TREE}@google", "brand", "acme=exclude", "--others", "exclude")
    assert split.code == 0, split.output
    (workspace / "specs" / "demand.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-demand")
    assert imported.code == 1 and "excludes every group of its product filter" in imported.output, (
        imported.output
    )
    assert not (workspace / "specs" / "imported").exists()


def test_compare_shows_an_ad_group_s_product_filter_as_google_s_alone(midas: Midas, workspace: Path) -> None:
    """Meta shows no Merchant Center feed: the filter is a row of Google's alone, each group by its path."""
    _spec(workspace, FILTER_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    shown = json.loads(midas("compare", "campaign/trail-demand", "--format", "json").output)
    rows = {r["field"]: r for r in shown["fields"]}
    row = rows["ad group 'home' google.product_groups"]
    assert row["google"] == [
        "brand knockoff: excluded",
        "brand trailco",
        "brand (everything else) > condition new",
        "brand (everything else) > condition (everything else): excluded",
    ], row
    assert row["meta"] is None


@pytest.mark.parametrize(
    "units",
    [["acme=1.00", "--others", "exclude"], ["acme=include", "--others", "0.50"]],
    ids=["value-bid", "others-bid"],
)
def test_the_sandbox_console_refuses_to_subdivide_a_product_filter_into_bid_units(
    midas: Midas, workspace: Path, units: list[str]
) -> None:
    """``midas sandbox subdivide`` writes no bid on a Demand Gen filter, as the sandbox refuses one on
    create, update and ``sandbox set``: exit 1, naming the value, nothing written."""
    _spec(workspace, FILTER_SPEC.replace("Trailco: {}", "Trailco: {}\n            Acme: {}"))
    assert midas("apply", "--auto-approve").code == 0
    before = _listing_groups(midas)
    unit = f"{TREE}/brand=trailco@google"
    edited = midas("sandbox", "subdivide", unit, "condition", *units)
    assert edited.code == 1 and "a Demand Gen ad group's product filter takes no bid" in edited.output, (
        edited.output
    )
    assert _listing_groups(midas) == before
    assert midas("drift").code == 0


def test_a_demand_gen_ad_group_renamed_in_the_specs_keeps_its_console_filter_and_is_renamed_in_place(
    midas: Midas, workspace: Path
) -> None:
    """A console's filter MIDAS leaves alone does not make a renamed ad group a new one (which would show
    all of the feed's products): the ad group is renamed in place, as on Meta, and its filter stays."""
    _applied_with_a_console_filter(midas, workspace)
    before = _listing_groups(midas)
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC.replace("{name: home,", "{name: house,"))
    plan = midas("plan")
    assert plan.code == 0 and "0 to create" in plan.output and "0 to pause" in plan.output, plan.output
    assert '~ name: "home" → "house"' in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    after = midas("plan", "--detailed-exitcode")
    assert after.code == 0 and LEFT_ALONE in after.output, after.output
    assert TREE.replace("/home/", "/house/") in after.output, after.output
    assert [g["id"] for g in _listing_groups(midas)] == [g["id"] for g in before]


def _apply_killed_after(workspace: Path, writes: int) -> int:
    """`midas apply --auto-approve` in a forked child the sandbox kills after ``writes`` write operations
    (``crash_after``, as tests/e2e/test_crash_safety.py does); its exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 99
        try:
            os.environ["MIDAS_SANDBOX_FAULTS"] = f"crash_after={writes}"
            code = main(["-C", str(workspace), "apply", "--auto-approve"], app=App())
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_product_filter_an_interrupted_apply_made_is_midas_s_not_a_console_s(
    midas: Midas, workspace: Path
) -> None:
    """An apply killed right after it made a filter leaves it live and unrecorded, but the journal claims it
    as MIDAS's: with the spec dropping it again it is no console's filter left alone — the plan deletes it
    and drift tells it as ``unrecorded``, made by an interrupted apply."""
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    whole = "    - name: home\n      creatives: [story, shelf]\n      google: {product_groups: {}}\n"
    _spec(
        workspace, DEMAND_GEN_PRODUCT_SPEC.replace("    - {name: home, creatives: [story, shelf]}\n", whole)
    )
    assert _apply_killed_after(workspace, 1) == 137
    assert len(_listing_groups(midas)) == 1
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)
    plan = midas("plan")
    assert LEFT_ALONE not in plan.output and f"- {TREE}@google" in plan.output, plan.output
    drift = midas("drift", "--format", "json")
    found = json.loads(drift.output)
    assert found["notes"] == [], found
    assert [(i["address"], i["kind"]) for i in found["items"]] == [
        (f"{TREE}@google:google-main", "unrecorded")
    ]
    assert midas("apply", "--auto-approve").code == 0
    assert _listing_groups(midas) == []
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


#: The console's filter of ``_console_filter`` as a spec says it.
CONSOLE_FILTER = {"split_by": "brand", "values": {"acme": {}}, "everything_else": {"exclude": True}}


def _home(workspace: Path) -> dict[str, Any]:
    """Ad group ``home`` of the campaign spec in specs/demand.yaml."""
    written = yaml.safe_load((workspace / "specs" / "demand.yaml").read_text())["spec"]
    return dict(next(g for g in written["ad_groups"] if g["name"] == "home"))


def test_a_restore_hands_back_a_console_s_filter_a_spec_took_over_since_as_it_is_now(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot notes where MIDAS left a console's filter alone, never holding it as desired state: a spec
    that took it over since does not make the restore delete it (all products shown) — the restore drops its
    record and leaves it as it is now, the console's again (the specs, naming it still, would take it again);
    ``--write-specs`` never writes it, so the specs then leave it alone."""
    _applied_with_a_console_filter(midas, workspace)
    assert midas("snapshot", "--name", "s1").code == 0
    _spec(workspace, FILTER_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    now = sorted((g["id"], g["status"]) for g in _listing_groups(midas))
    assert "listing_group" in midas("state", "list").output

    plan = midas("restore", "s1")
    told = f"{TREE}@google:google-main: left alone in snapshot 's1': handed back to the console as it is now"
    assert told in plan.output and "deleting" not in plan.output, plan.output
    assert f"{TREE}@google:google-main" in plan.output.split("Let go:", 1)[1], plan.output
    assert midas("restore", "s1", "--auto-approve").code == 0
    assert "listing_group" not in midas("state", "list").output
    assert sorted((g["id"], g["status"]) for g in _listing_groups(midas)) == now

    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "product_groups" not in _home(workspace).get("google", {}), _home(workspace)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and LEFT_ALONE in plan.output, plan.output
    assert sorted((g["id"], g["status"]) for g in _listing_groups(midas)) == now
    after = midas("drift", "--format", "json")
    assert json.loads(after.output)["items"] == [], after.output


def test_a_restore_across_an_in_place_rename_leaves_the_console_s_filter_alone(
    midas: Midas, workspace: Path
) -> None:
    """Restoring a snapshot taken before the ad group was renamed: it is renamed back in place, the console's
    filter moving along and staying the console's (unrecorded), so the specs naming none leave it alone."""
    _applied_with_a_console_filter(midas, workspace)
    assert midas("snapshot", "--name", "s1").code == 0
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC.replace("{name: home,", "{name: house,"))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("restore", "s1", "--auto-approve").code == 0
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)  # the specs back to 'home', as the snapshot
    assert "listing_group" not in midas("state", "list").output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and LEFT_ALONE in plan.output, plan.output
    assert len(_listing_groups(midas)) == 3


def test_a_restore_leaves_a_console_s_filter_it_left_alone_as_it_is_and_unrecorded(
    midas: Midas, workspace: Path
) -> None:
    """Restoring a snapshot that saw the console's filter, which is still the console's: the restore leaves it
    alone (it records nothing of it, saying so as a restore, not as the specs), so the specs, naming none,
    still leave it alone after."""
    _applied_with_a_console_filter(midas, workspace)
    assert midas("snapshot", "--name", "s1").code == 0
    restore = midas("restore", "s1", "--auto-approve")
    assert restore.code == 0 and "write google.product_groups" not in restore.output, restore.output
    assert "left alone" in restore.output and "snapshot 's1'" in restore.output, restore.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and LEFT_ALONE in plan.output, plan.output
    assert len(_listing_groups(midas)) == 3


def test_a_restore_deleting_a_filter_the_snapshot_lacks_says_so_in_the_snapshot_s_words(
    midas: Midas, workspace: Path
) -> None:
    _spec(workspace, DEMAND_GEN_PRODUCT_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s0").code == 0
    _spec(workspace, FILTER_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    plan = midas("restore", "s0")
    told = (
        f"- {TREE}@google:google-main — no product filter in snapshot 's0' — deleting it: ad group 'home' "
        "will show all of the feed's products"
    )
    assert told in plan.output, plan.output
    assert "product_groups not in snapshot" not in plan.output, plan.output


def test_adopting_a_campaign_whose_spec_names_no_filter_leaves_a_console_s_filter_alone_as_the_plan_does(
    midas: Midas, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """State lost, the spec kept: ``import --adopt`` adopts the campaign as its spec says. A console's filter
    on an ad group whose spec names none is what the plan leaves alone, not a difference that refuses the
    adoption: adopted, it is left alone (unrecorded), as before the state was lost."""
    _applied_with_a_console_filter(midas, workspace)
    (tmp_path / "lost").mkdir()
    monkeypatch.setenv("MIDAS_STATE_URL", f"sqlite:///{tmp_path}/lost/state.db")
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert "Adopted 'trail-demand'" in adopted.output, adopted.output
    plan = midas("plan", "--account", "google-main", "--detailed-exitcode")
    assert plan.code == 0 and LEFT_ALONE in plan.output, plan.output
    assert len(_listing_groups(midas)) == 3


def test_restore_write_specs_keeps_a_console_filter_the_snapshot_left_alone_that_a_spec_took_over(
    midas: Midas, workspace: Path
) -> None:
    """A console's product filter the snapshot noted left alone, taken over by a spec since: the specs
    ``--write-specs`` writes keep it as it is live now (told so), so the next plan never removes it (which
    would show all of the feed's products)."""
    _applied_with_a_console_filter(midas, workspace)
    assert midas("snapshot", "--name", "s1").code == 0
    _spec(workspace, FILTER_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "left alone in snapshot 's1'; kept as the spec has it" in written.output, written.output
    plan = midas("plan").output
    assert "show all of the feed's products" not in plan and "listing_group" not in plan, (
        written.output,
        plan,
    )
