"""Demand Gen campaigns on Google through the sandbox connector: compile, apply, plan, drift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fakes.example import DEMAND_GEN_SPEC

Midas = Callable[..., Any]
AD = "ad_group_ad/trail-demand/home/story@google"


def test_a_demand_gen_campaign_converges_and_a_console_edit_of_its_ad_is_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "DEMAND_GEN_MULTI_ASSET_AD" in plan.output and "DEMAND_GEN" in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    edited = 'ad.demand_gen_multi_asset_ad.business_name="Edited Co"'
    assert midas("sandbox", "set", AD, edited).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "business_name" in drift.output and "Edited Co" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_demand_gen_ad_group_targets_its_own_places_and_a_console_call_to_action_is_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    plan = midas("plan")
    for criterion in ("home/location:2840", "canada/location:2124", "canada/language:1002"):
        assert f"ad_group_criterion/trail-demand/{criterion}" in plan.output, plan.output
    assert "campaign_criterion/trail-demand/" not in plan.output
    assert midas("apply", "--auto-approve").code == 0
    cta = 'ad.demand_gen_multi_asset_ad.call_to_action_text="Shop now"'
    assert midas("sandbox", "set", AD, cta).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "call_to_action_text" in drift.output and "Shop now" in drift.output


def test_a_demand_gen_campaign_turned_into_a_display_one_is_a_plan_violation(
    midas: Midas, workspace: Path
) -> None:
    """Google cannot change a campaign's channel (v26 Campaign.advertising_channel_type is immutable)."""
    spec = workspace / "specs" / "demand.yaml"
    spec.write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    display = DEMAND_GEN_SPEC.replace("channel: demand_gen", "channel: display").replace(
        "portrait_marketing_images", "square_marketing_images"
    )
    spec.write_text(display, encoding="utf-8")
    plan = midas("plan")
    assert "Violations (apply is blocked)" in plan.output
    assert "would be replaced (advertising_channel_type cannot change in place)" in plan.output
    assert midas("apply", "--auto-approve").code == 1
