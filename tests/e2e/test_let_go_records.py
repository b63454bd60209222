"""Objects MIDAS let go of (paused because they left the specs) and edited in a console afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Midas = Callable[..., Any]  # returns conftest.Run (code, output)

_WALKERS = """    - name: walkers
      targeting:
        ages: {min: 35, max: 64}
        interests: [Fitness and wellness]
      creatives: [spring-shoes]
      keywords:
        - {text: walking shoes, match: broad}
"""
_KEYWORD = "ad_group_criterion/spring-sale/walkers/keyword:BROAD:walking shoes@google"


def _drop_walkers(workspace: Path) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text()
    assert _WALKERS in text
    spec.write_text(text.replace(_WALKERS, ""))


def test_a_console_edit_of_a_paused_object_no_longer_specified_is_recorded_and_drift_then_stops(
    midas: Midas, workspace: Path
) -> None:
    """The specs say nothing of an ad group they dropped, so a console edit of it contradicts nothing: drift
    reports it once, the plan lists its record to refresh, and the apply records it, sending nothing."""
    assert midas("apply", "--auto-approve").code == 0
    _drop_walkers(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "ad_group/spring-sale/walkers@google", "cpc_bid_micros=990000").code == 0
    assert midas("sandbox", "set", "adset/spring-sale/walkers@meta", "name=walkers-old").code == 0
    assert midas("drift").code == 2

    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2, planned.output
    assert "  ad_group/spring-sale/walkers@google:google-main: cpc_bid_micros\n" in planned.output
    assert "  adset/spring-sale/walkers@meta:meta-main: name\n" in planned.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "0 applied, 2 records updated" in applied.output
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0

    # Still MIDAS's: back in the specs, the ad group is restored and enabled again.
    spec = workspace / "specs" / "spring-sale.yaml"
    creatives = "  creatives:\n    - name: spring-shoes"
    spec.write_text(spec.read_text().replace(creatives, _WALKERS + creatives, 1))
    back = midas("plan")
    assert "~ adset/spring-sale/walkers@meta:meta-main" in back.output, back.output
    assert "back in the specs" in back.output


def test_a_child_edited_in_a_console_is_recorded_by_the_apply_that_pauses_its_parent(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", _KEYWORD, "status=paused").code == 0
    _drop_walkers(workspace)
    assert f"  {_KEYWORD}:google-main: status\n" in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    drift = midas("drift")
    assert drift.code == 0, drift.output
    assert midas("plan", "--detailed-exitcode").code == 0
