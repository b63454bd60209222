"""Performance Max campaigns on Google through the sandbox connector: compile, apply, plan, change, drift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fakes.example import PMAX_SPEC

Midas = Callable[..., Any]
GROUP = "asset_group/trail-pmax/default@google"


def test_a_performance_max_campaign_converges_with_its_asset_group(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert (
        plan.code == 0
        and "PERFORMANCE_MAX" in plan.output
        and "+ asset_group/trail-pmax/default" in plan.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    # A changed text is another asset linked in place of the old one; the asset group stays.
    spec.write_text(PMAX_SPEC.replace("Run the hills", "Climb the hills"), encoding="utf-8")
    changed = midas("plan")
    assert "~ asset_group/trail-pmax/default" in changed.output and "Climb the hills" in changed.output
    assert "to replace" in changed.output and "0 to replace" in changed.output, changed.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_console_edit_of_an_asset_group_is_drift(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", GROUP, 'final_urls=["https://shop.example.com/other"]').code == 0
    drift = midas("drift")
    assert drift.code == 2 and "final_urls" in drift.output and "/other" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
