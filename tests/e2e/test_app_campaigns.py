"""App promotion on Google through the sandbox connector: compile, apply, plan, drift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes.example import APP_SPEC

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]


def test_an_app_campaign_converges_and_a_console_edit_of_its_ad_or_app_setting_is_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "app.yaml").write_text(APP_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    ad = "ad_group_ad/puzzle-app/default/install@google"
    edited = 'ad.app_ad.descriptions=[{"text": "Edited in the console."}]'
    assert midas("sandbox", "set", ad, edited).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "descriptions" in drift.output and "Edited in the console." in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0

    goal = "app_campaign_setting.bidding_strategy_goal_type"
    campaign = "campaign/puzzle-app@google"
    assert (
        midas("sandbox", "set", campaign, f"{goal}=OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST").code == 0
    )
    drift = midas("drift")
    assert drift.code == 2 and goal in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_images_added_to_an_app_ad_in_a_console_are_drift(midas: Midas, workspace: Path) -> None:
    """An app ad's media assets are read (MIDAS sends none): added in a console, they are reported."""
    (workspace / "specs" / "app.yaml").write_text(APP_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    ad = "ad_group_ad/puzzle-app/default/install@google"
    image = 'ad.app_ad.images=[{"asset": "customers/1234567890/assets/77"}]'
    assert midas("sandbox", "set", ad, image).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "images" in drift.output and "assets/77" in drift.output, drift.output


def test_an_app_campaigns_goal_and_conversion_actions_change_in_place(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "app.yaml"
    spec.write_text(APP_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    in_app = "app_goal: optimize_in_app_conversions_target_conversion_cost, conversion_actions: [7001]}}"
    spec.write_text(APP_SPEC.replace("target_cpa: 1.50}}", f"target_cpa: 1.50, {in_app}"), encoding="utf-8")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2, plan.output
    assert "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST" in plan.output and "7001" in plan.output
    assert "Plan: 0 to create, 1 to update, 0 to replace, 0 to pause, 0 to delete." in plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0

    campaign = "campaign/puzzle-app@google"
    console = 'selective_optimization.conversion_actions=["customers/1234567890/conversionActions/7002"]'
    assert midas("sandbox", "set", campaign, console).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "conversion_actions" in drift.output and "7002" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
