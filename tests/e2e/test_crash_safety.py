"""Crash safety (invariant 6): an apply killed after any write converges on a plain re-run.

The sandbox's ``crash_after=N`` fault ends the process with ``os._exit(137)`` right after the N-th write
operation reached the simulated platform — no exception handlers, no cleanup, like SIGKILL. For every N
from 1 to the number of writes the example workspace needs, a killed apply followed by
``midas apply --auto-approve`` must leave exactly the specified objects: nothing duplicated, nothing lost.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest
from fakes.hand_built import run_by_an_ad_outside_midas

from midas_reconcile.cli import App, main
from midas_reconcile.connectors.sandbox import connector as sandbox_connector
from midas_reconcile.connectors.sandbox import meta_rules
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.resources import MANAGED_MARKER

REPO = Path(__file__).resolve().parents[2]
IGNORED = (".git", ".venv", ".midas", "tests", "midas_reconcile", "benchmarks", "*.egg-info", "__pycache__")

Midas = Callable[..., Any]

#: Write operations the sandbox counts for a clean apply of the example workspace (including label links).
EXAMPLE_WRITES = 50


def _inventory(run: Callable[..., Any]) -> Counter[tuple[str, str, str]]:
    """Live objects per (platform, kind, name): duplicates show up as counts above a clean apply's."""
    objects = json.loads(run("sandbox", "list", "--format", "json").output)
    return Counter(
        (o["platform"], o["kind"], o["name"]) for o in objects if o["status"] not in ("REMOVED", "DELETED")
    )


@pytest.fixture(scope="module")
def clean_inventory(tmp_path_factory: pytest.TempPathFactory) -> Counter[tuple[str, str, str]]:
    """What a clean, uninterrupted apply of the example workspace leaves on the platforms."""
    root = tmp_path_factory.mktemp("clean") / "ws"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(*IGNORED))

    @dataclass
    class _Run:
        output: str

    def run(*args: str) -> _Run:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            assert main(["-C", str(root), *args], app=App()) == 0
        return _Run(buffer.getvalue())

    run("apply", "--auto-approve")
    return _inventory(run)


def _apply_in_child(workspace: Path, faults: str) -> int:
    """Run `midas apply --auto-approve` in a forked child with the given faults; its exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 99
        try:
            os.environ["MIDAS_SANDBOX_FAULTS"] = faults
            code = main(["-C", str(workspace), "apply", "--auto-approve"], app=App())
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _writes_committed(midas: Midas) -> int:
    operations = json.loads(midas("sandbox", "stats", "--format", "json").output)["operations"]
    return sum(
        sum(account["write"].values()) for platform in operations.values() for account in platform.values()
    )


def test_example_workspace_write_count(midas: Midas) -> None:
    """Keeps EXAMPLE_WRITES honest: the crash test below must cover every write of a clean apply."""
    assert midas("apply", "--auto-approve").code == 0
    assert _writes_committed(midas) == EXAMPLE_WRITES


#: Every write of a clean apply is a crash point on SQLite; PostgreSQL takes the first, every tenth and the
#: last (the journal and applier are one code on both stores, whose transactions are what differs), which
#: keeps the suite within its ten-minute budget on two cores.
CRASH_POINTS: Final = [("sqlite", n) for n in range(1, EXAMPLE_WRITES + 1)] + [
    ("postgres", n) for n in range(1, EXAMPLE_WRITES + 1) if n in (1, EXAMPLE_WRITES) or n % 10 == 0
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("state_url", "crash_after"),
    CRASH_POINTS,
    indirect=["state_url"],
    ids=[f"{store}-{n}" for store, n in CRASH_POINTS],
)
def test_killed_apply_converges_on_rerun(
    midas: Midas, workspace: Path, crash_after: int, clean_inventory: Counter[tuple[str, str, str]]
) -> None:
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    # Not earlier than the N-th write (a request the platform handles as a whole may be counted whole).
    assert _writes_committed(midas) >= crash_after

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _inventory(midas) == clean_inventory


def test_an_apply_killed_after_moving_a_renamed_ads_record_converges(midas: Midas, workspace: Path) -> None:
    """The record of a renamed (and paused) Google creative moves in one transaction before any write: an
    apply killed at its first write (a budget, which goes before the ad) leaves the record moved, and the
    re-run sends the ad's status update alone — no create, no second move."""
    assert midas("apply", "--auto-approve").code == 0
    before = _inventory(midas)
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(
        spec.read_text().replace("- name: brand-core\n", "- name: brand-classic\n      status: paused\n")
    )
    sale = workspace / "specs" / "spring-sale.yaml"
    sale.write_text(sale.read_text().replace("daily: 50.00", "daily: 55.00"))
    assert _apply_in_child(workspace, "crash_after=1") == 137

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert (
        "~ ad_group_ad/brand-awareness/default/brand-classic@google:google-main — spec changed: status"
        in (rerun.output)
    )
    assert "0 to create" in rerun.output and "record to move" not in rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _inventory(midas) == before


def _applied_then_renamed(midas: Midas, workspace: Path) -> Counter[tuple[str, str, str]]:
    """Apply the example, then rename the creative spring-apparel to spring-gear in the specs and change a
    Google budget (its account goes first, so a crash at the first write comes after the records moved).
    Returns what was live before the rename."""
    assert midas("apply", "--auto-approve").code == 0
    before = _inventory(midas)
    sale = workspace / "specs" / "spring-sale.yaml"
    sale.write_text(
        sale.read_text().replace("spring-apparel", "spring-gear").replace("daily: 50.00", "daily: 55.00")
    )
    return before


def test_a_meta_rename_an_apply_stopped_in_renamed_again_is_still_the_same_ad(
    midas: Midas, workspace: Path
) -> None:
    """The apply moved the records and died before sending the name; the spec then renames the creative
    again: the ad is found at its recorded address, so the second rename moves it on — nothing created or
    paused."""
    before = _applied_then_renamed(midas, workspace)
    assert _apply_in_child(workspace, "crash_after=1") == 137
    sale = workspace / "specs" / "spring-sale.yaml"
    sale.write_text(sale.read_text().replace("spring-gear", "spring-kit"))

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert "0 to create" in rerun.output and "0 to pause" in rerun.output, rerun.output
    assert "records to move" in rerun.output and "Records to drop" not in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0
    renamed = Counter(
        {(p, k, "spring-kit" if n == "spring-apparel" else n): c for (p, k, n), c in before.items()}
    )
    assert _inventory(midas) == renamed


def test_a_saved_plan_whose_records_an_apply_since_moved_is_refused_as_stale(
    midas: Midas, workspace: Path
) -> None:
    """After an apply killed once it moved a renamed ad's records, the ad reads at its recorded address:
    a plan saved before it, which would move records no longer there, is refused, and nothing recorded is
    lost."""
    _applied_then_renamed(midas, workspace)
    saved = str(workspace / "saved.json")
    assert midas("plan", "--account", "meta-main", "--out", saved).code == 0
    assert _apply_in_child(workspace, "crash_after=1") == 137

    stale = midas("apply", saved)
    assert stale.code == 1
    assert "the plan is stale: live state of meta-main changed since it was made" in stale.output
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 to create" in rerun.output and "0 to pause" in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0


def test_an_apply_killed_after_moving_a_renamed_meta_ads_records_renames_it_on_rerun(
    midas: Midas, workspace: Path
) -> None:
    """The records of a renamed Meta creative (its ad's and its creative's) move before any write; an apply
    killed at its first write (a Google budget: its account goes first) leaves them moved and the ad still
    under its old name. The re-run finds it by the id recorded at the new address and sends the rename
    alone — no second ad, no creative made, nothing paused."""
    before = _applied_then_renamed(midas, workspace)
    assert _apply_in_child(workspace, "crash_after=1") == 137

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert "~ ad/spring-sale/runners/spring-gear@meta:meta-main — spec changed: name" in rerun.output, (
        rerun.output
    )
    assert "0 to create" in rerun.output and "0 to pause" in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    renamed = Counter(
        {(p, k, "spring-gear" if n == "spring-apparel" else n): c for (p, k, n), c in before.items()}
    )
    assert _inventory(midas) == renamed


def _group_renamed(midas: Midas, workspace: Path) -> Counter[tuple[str, str, str]]:
    """Apply the example, then rename the ad group walkers to striders in the specs and change a Google
    budget (its account goes first, so a crash at the first write comes after the records moved). Returns
    what was live before the rename."""
    assert midas("apply", "--auto-approve").code == 0
    before = _inventory(midas)
    sale = workspace / "specs" / "spring-sale.yaml"
    sale.write_text(
        sale.read_text()
        .replace("- name: walkers\n", "- name: striders\n")
        .replace("daily: 50.00", "daily: 55.00")
    )
    return before


def _walkers_named(before: Counter[tuple[str, str, str]], name: str) -> Counter[tuple[str, str, str]]:
    groups = (("google", "ad_group"), ("meta", "adset"))
    return Counter(
        {(p, k, name if (p, k) in groups and n == "walkers" else n): c for (p, k, n), c in before.items()}
    )


@pytest.mark.parametrize("renamed_again", [False, True], ids=["rerun", "renamed-again"])
def test_an_apply_killed_after_moving_a_renamed_ad_groups_records_renames_it_on_rerun(
    midas: Midas, workspace: Path, renamed_again: bool
) -> None:
    """The records of a renamed ad group and ad set, and of everything under them, move before any write;
    an apply killed at its first write (a Google budget) leaves them moved and the live names old. The
    re-run reads each at its recorded address and sends the new name alone — nothing created or paused; a
    spec that renamed it once more meanwhile moves it on."""
    before = _group_renamed(midas, workspace)
    assert _apply_in_child(workspace, "crash_after=1") == 137
    name = "striders"
    if renamed_again:
        sale = workspace / "specs" / "spring-sale.yaml"
        sale.write_text(sale.read_text().replace("- name: striders\n", "- name: hikers\n"))
        name = "hikers"

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    for group in ("ad_group/spring-sale/{}@google:google-main", "adset/spring-sale/{}@meta:meta-main"):
        expected = (
            f"~ {group.format('hikers')} — "
            + ("ad group" if "google" in group else "ad set")
            + " renamed (was 'striders')"
            if renamed_again
            else f"~ {group.format('striders')} — spec changed: name"
        )
        assert expected in rerun.output, rerun.output
    assert "0 to create" in rerun.output and "0 to pause" in rerun.output, rerun.output
    assert ("records to move" in rerun.output) is renamed_again, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0
    assert _inventory(midas) == _walkers_named(before, name)


def test_an_apply_killed_after_moving_a_renamed_campaigns_records_renames_it_on_rerun(
    midas: Midas, workspace: Path
) -> None:
    """A campaign renamed in the specs: the records of everything in it move before any write; an apply
    killed at its first write (the Google budget's new name) leaves the campaigns under their old names.
    The re-run reads them at their recorded addresses and sends the names left — nothing created or paused."""
    assert midas("apply", "--auto-approve").code == 0
    before = _inventory(midas)
    sale = workspace / "specs" / "spring-sale.yaml"
    sale.write_text(sale.read_text().replace("  name: spring-sale\n", "  name: spring-event\n", 1))
    assert _apply_in_child(workspace, "crash_after=1") == 137

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    for campaign in ("campaign/spring-event@google:google-main", "campaign/spring-event@meta:meta-main"):
        assert f"~ {campaign} — spec changed: name" in rerun.output, rerun.output
    assert "0 to create" in rerun.output and "0 to pause" in rerun.output, rerun.output
    summary = rerun.output.split("Plan:")[1].split("\n")[0]
    assert "to move" not in summary, rerun.output  # moved by the killed apply
    # The budget's new name, sent before the kill, was not recorded: the re-run records it.
    assert "1 record to refresh" in summary, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0
    kinds = (("google", "campaign"), ("google", "campaign_budget"), ("meta", "campaign"))
    assert _inventory(midas) == Counter(
        {
            (p, k, "spring-event" if (p, k) in kinds and n == "spring-sale" else n): c
            for (p, k, n), c in before.items()
        }
    )


#: The creative whose text the replacement tests change, and the ad that runs it.
APPAREL = "spring-sale/runners/spring-apparel"
META_ACT = "act_1234567890"


def _meta_nodes(workspace: Path, type_: str) -> list[dict[str, Any]]:
    """The live Meta objects of one type as the Graph API shows them (out of band, not counted)."""
    with SandboxWorld.for_workspace(workspace) as world:
        return MetaSimulator(world).peek(META_ACT, type_)


def _marked_creatives(workspace: Path, name: str) -> list[str]:
    """Ids of the live creatives named ``name`` that carry the midas-managed label."""
    return [
        c["id"]
        for c in _meta_nodes(workspace, "adcreative")
        if c["name"] == name and any(label["name"] == MANAGED_MARKER for label in c.get("adlabels") or ())
    ]


def _ads_creative(workspace: Path, name: str) -> str:
    [ad] = [a for a in _meta_nodes(workspace, "ad") if a["name"] == name]
    return str(ad["creative"]["id"])


def _apparel_text_changed(midas: Midas, workspace: Path) -> str:
    """Apply the example, then change the spring-apparel creative's text in the specs, so that the plan
    replaces its Meta creative (immutable but for its name and labels). Returns the old creative's id."""
    assert midas("apply", "--auto-approve").code == 0
    [old] = _marked_creatives(workspace, APPAREL)
    sale = workspace / "specs" / "spring-sale.yaml"
    text = sale.read_text()
    assert "primary_text: New season, new gear." in text
    sale.write_text(
        text.replace("primary_text: New season, new gear.", "primary_text: Fresh gear, new season.")
    )
    return old


def _assert_replaced_once(
    midas: Midas, workspace: Path, old: str, text: str = "Fresh gear, new season."
) -> None:
    """The plan is empty, one marked creative is left for the ad, the old one is gone (unless ``text`` is
    its own) and the ad runs the one left, whose text is ``text``."""
    assert midas("plan", "--detailed-exitcode").code == 0
    creatives = _marked_creatives(workspace, APPAREL)
    assert len(creatives) == 1, creatives
    assert (old in creatives) is text.startswith("New season"), creatives
    assert _ads_creative(workspace, "spring-apparel") == creatives[0]
    [node] = [c for c in _meta_nodes(workspace, "adcreative") if c["id"] == creatives[0]]
    assert node["object_story_spec"]["link_data"]["message"].startswith(text), node


#: Writes of the replacement of one Meta creative: the new creative, the ad pointed at it, the old deleted.
REPLACEMENT_WRITES = 3


def test_a_meta_creative_replacement_takes_three_writes(midas: Midas, workspace: Path) -> None:
    """Keeps REPLACEMENT_WRITES honest: the crash test below must cover every write of the replacement."""
    old = _apparel_text_changed(midas, workspace)
    plan = midas("plan")
    assert f"-/+ adcreative/{APPAREL}@meta:meta-main" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _writes_committed(midas) == EXAMPLE_WRITES + REPLACEMENT_WRITES
    _assert_replaced_once(midas, workspace, old)


@pytest.mark.parametrize("crash_after", range(1, REPLACEMENT_WRITES + 1))
def test_an_apply_killed_while_replacing_a_meta_creative_converges_on_rerun(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """Killed after the new creative is made, after the ad is pointed at it, or after the old one is
    deleted: the re-run finishes the replacement with the creative the killed apply made — no second new
    creative, no old one left behind with the marker."""
    old = _apparel_text_changed(midas, workspace)
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    assert _writes_committed(midas) >= EXAMPLE_WRITES + crash_after

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    if crash_after < REPLACEMENT_WRITES:
        assert "0 to create" in rerun.output, rerun.output
    else:  # the old one's delete goes in a batch after the first two were confirmed: nothing is left
        assert "No changes" in rerun.output, rerun.output
    _assert_replaced_once(midas, workspace, old)


def test_drift_takes_a_replacement_a_killed_apply_left_half_done_as_midas_s_as_the_plan_does(
    midas: Midas, workspace: Path
) -> None:
    """Killed once the ad runs the new creative, before it is recorded (the old one's delete waits for a
    later batch): the journal claims the new one, so the plan adopts it and drift finds nothing made outside
    MIDAS — the ad runs MIDAS's creative, the old one is still live and recorded."""
    old = _apparel_text_changed(midas, workspace)
    assert _apply_in_child(workspace, f"crash_after={REPLACEMENT_WRITES - 1}") == 137
    [new] = [c for c in _marked_creatives(workspace, APPAREL) if c != old]
    assert _ads_creative(workspace, "spring-apparel") == new
    plan = midas("plan")
    assert f"id {new}, which an interrupted apply made for it (adopted)" in plan.output, plan.output
    found = midas("drift", "--format", "json")
    assert found.code == 0 and json.loads(found.output)["items"] == [], found.output
    assert midas("apply", "--auto-approve").code == 0
    _assert_replaced_once(midas, workspace, old)
    assert midas("drift").code == 0


@pytest.mark.parametrize("crash_after", range(1, 3))
def test_an_apply_killed_while_replacing_a_meta_creative_and_its_rerun_killed_too_converges(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """The re-run, which adopted the creative made and recorded it, is killed at its first write (the ad
    pointed at it) too: the next one keeps that creative and removes the old one."""
    old = _apparel_text_changed(midas, workspace)
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    assert _apply_in_child(workspace, "crash_after=1") == 137

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    if crash_after < REPLACEMENT_WRITES:
        assert "0 to create" in rerun.output, rerun.output
    else:  # the old one's delete goes in a batch after the first two were confirmed: nothing is left
        assert "No changes" in rerun.output, rerun.output
    _assert_replaced_once(midas, workspace, old)


@pytest.mark.parametrize("crash_after", range(1, 3))
@pytest.mark.parametrize("text", ["Light gear, new season.", "New season, new gear."], ids=["again", "back"])
def test_an_apply_killed_while_replacing_a_meta_creative_then_edited_again_converges_on_rerun(
    midas: Midas, workspace: Path, crash_after: int, text: str
) -> None:
    """The spec's text changed again (or back) after the apply was killed with two creatives live: the
    re-run keeps the one the specs want (else makes it) and removes the others."""
    old = _apparel_text_changed(midas, workspace)
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    sale = workspace / "specs" / "spring-sale.yaml"
    sale.write_text(
        sale.read_text().replace("primary_text: Fresh gear, new season.", f"primary_text: {text}")
    )

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert "0 to create" in rerun.output and "1 to replace" in rerun.output, rerun.output
    _assert_replaced_once(midas, workspace, old, text)


@pytest.mark.parametrize("crash_after", range(1, 3))
def test_an_apply_killed_while_replacing_a_shared_meta_creative_converges_and_keeps_the_old_one(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """The creative replaced is run too by an ad MIDAS does not manage: the replacement keeps it (two writes:
    the new creative, the ad pointed at it). Killed after either, the re-run makes no second creative, and
    the old one stays for the other ad."""
    old = _apparel_text_changed(midas, workspace)
    run_by_an_ad_outside_midas(workspace, midas, old)
    plan = midas("plan")
    assert f"keeps creative {old}" in plan.output, plan.output
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert "0 to create" in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    [new] = [c for c in _marked_creatives(workspace, APPAREL) if c != old]
    assert _ads_creative(workspace, "spring-apparel") == new
    assert _ads_creative(workspace, "Other ad") == old


def test_a_meta_creative_whose_delete_failed_is_removed_by_the_next_plan(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replacement's last write, the old creative's delete, is refused (no crash): the new creative is
    recorded and runs the ad, the old one stays live at the same address. The next plan finishes that
    replacement — it removes the old one, which MIDAS's journal says it was deleting — rather than warn on
    every run that two live objects share the address."""
    old = _apparel_text_changed(midas, workspace)
    delete = MetaSimulator._delete

    def refuse_the_old_creative(self: MetaSimulator, txn: Any, account: str, type_: str, obj: Any) -> Any:
        if obj.id == old:
            raise meta_rules.error(f"The adcreative {old} cannot be deleted right now")
        return delete(self, txn, account, type_, obj)

    with monkeypatch.context() as patch:
        patch.setattr(MetaSimulator, "_delete", refuse_the_old_creative)
        failed = midas("apply", "--auto-approve")
    assert failed.code == 1, failed.output
    assert f"but the old object ({old}) could not be removed" in failed.output, failed.output
    assert old in _marked_creatives(workspace, APPAREL)
    plan = midas("plan")
    assert "live objects share the address" not in plan.output, plan.output
    assert f"-/+ adcreative/{APPAREL}@meta:meta-main" in plan.output, plan.output
    assert f"left id {old} behind" in plan.output, plan.output
    assert "0 to create" in plan.output and "1 to replace" in plan.output, plan.output
    finished = midas("apply", "--auto-approve")
    assert finished.code == 0, finished.output
    _assert_replaced_once(midas, workspace, old)


def test_a_meta_creative_kept_because_its_ad_update_failed_is_removed_by_the_next_plan(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ad's update, which points it at the new creative, is refused: the old creative's delete, in a
    later batch (one request a batch here), is never sent, and the old one stays live, run by the ad, beside
    the new one MIDAS records. The journal keeps that delete as not done, so the next plan finishes the
    replacement: it points the ad at the recorded creative and deletes the old one, rather than leave the
    ad running it for good (the ad's creative reads at the same address, so no field of the ad differs)."""
    old = _apparel_text_changed(midas, workspace)
    monkeypatch.setattr(sandbox_connector, "MAX_BATCH", 1)
    update = MetaSimulator._update

    def refuse_the_ad(self: MetaSimulator, txn: Any, account: str, type_: str, obj: Any, params: Any) -> Any:
        if type_ == "ad" and "creative" in params:
            raise meta_rules.error("The ad cannot be edited right now")
        return update(self, txn, account, type_, obj, params)

    with monkeypatch.context() as patch:
        patch.setattr(MetaSimulator, "_update", refuse_the_ad)
        failed = midas("apply", "--auto-approve")
    assert failed.code == 1, failed.output
    assert f"the old object ({old}) was kept: depends on failed ad/" in failed.output, failed.output
    assert _ads_creative(workspace, "spring-apparel") == old
    plan = midas("plan")
    assert "live objects share the address" not in plan.output, plan.output
    assert f"left id {old} behind" in plan.output, plan.output
    assert "0 to create" in plan.output and "1 to replace" in plan.output, plan.output
    finished = midas("apply", "--auto-approve")
    assert finished.code == 0, finished.output
    _assert_replaced_once(midas, workspace, old)


@pytest.mark.parametrize("crash_after", range(1, REPLACEMENT_WRITES))
def test_a_snapshot_taken_between_a_crash_and_its_rerun_holds_one_creative_per_path(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """Killed while replacing a creative, the apply leaves two at its address: a snapshot holds the one MIDAS
    records there, as the plan does (a restore would otherwise find two objects for one path)."""
    _apparel_text_changed(midas, workspace)
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    assert len(_marked_creatives(workspace, APPAREL)) == 2
    assert midas("snapshot", "--name", "between").code == 0
    shown = midas("snapshot", "show", "between", "--format", "json")
    resources = json.loads(shown.output)["resources"]
    addresses = [r["address"] for r in resources]
    assert addresses.count(f"adcreative/{APPAREL}@meta:meta-main") == 1, addresses
    assert len(addresses) == len(set(addresses)), addresses


def _brand_core_ads(workspace: Path) -> list[list[str]]:
    """The headlines of each live (not removed) Google ad of the brand-core creative."""
    with SandboxWorld.for_workspace(workspace) as world:
        rows = GoogleAdsSimulator(world).peek("1234567890", "ad_group_ad")
    headlines = [[h["text"] for h in r["ad"]["responsive_search_ad"]["headlines"]] for r in rows]
    return [h for h in headlines if "Example Running Co." in h]


@pytest.mark.parametrize("crash_after", range(1, 4))
def test_an_apply_killed_while_replacing_a_google_ad_converges_on_rerun(
    midas: Midas, workspace: Path, crash_after: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Google ad is immutable: changing its headlines replaces it, the new ad and the old one's removal in
    one atomic request. Batches of two operations (as a plan of more than 10,000 has at its batch
    boundaries), a budget update before the ad, must not split them: killed after any write, the re-run
    leaves one ad of the creative, the new one — no second new ad, no old one paused beside it."""
    assert midas("apply", "--auto-approve").code == 0
    brand = workspace / "specs" / "brand-awareness.yaml"
    brand.write_text(brand.read_text().replace("- Since 1998", "- Running Since 1998"))
    sale = workspace / "specs" / "spring-sale.yaml"
    sale.write_text(sale.read_text().replace("daily: 50.00", "daily: 55.00"))
    monkeypatch.setattr(sandbox_connector, "MAX_OPERATIONS_PER_REQUEST", 2)
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137

    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _brand_core_ads(workspace) == [
        ["Example Running Co.", "Gear for Every Runner", "Running Since 1998"]
    ]
