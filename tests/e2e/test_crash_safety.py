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
from typing import Any

import pytest

from midas_reconcile.cli import App, main

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


@pytest.mark.slow
@pytest.mark.parametrize("crash_after", range(1, EXAMPLE_WRITES + 1))
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
