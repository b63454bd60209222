"""Display campaigns on Google through the sandbox connector: compile, apply, plan, drift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fakes.example import DISPLAY_SPEC

Midas = Callable[..., Any]
AD = "ad_group_ad/trail-display/default/banner@google"


def test_a_display_campaign_converges_and_a_console_edit_of_its_ad_is_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "display.yaml").write_text(DISPLAY_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "RESPONSIVE_DISPLAY_AD" in plan.output and "DISPLAY_STANDARD" in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    edited = 'ad.responsive_display_ad.long_headline={"text": "Edited in the console."}'
    assert midas("sandbox", "set", AD, edited).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "long_headline" in drift.output and "Edited in the console." in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_an_image_added_to_a_display_ad_in_a_console_is_drift(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "display.yaml").write_text(DISPLAY_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    image = 'ad.responsive_display_ad.square_logo_images=[{"asset": "customers/1234567890/assets/1004"}]'
    assert midas("sandbox", "set", AD, image).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "square_logo_images" in drift.output and "1004" in drift.output, drift.output
