"""Display campaigns on Google through the sandbox connector: compile, apply, plan, drift."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import DISPLAY_SPEC, DISPLAY_VIDEOS_SPEC
from fakes.hand_built import sandbox_video_assets, trail_banners, video_ids_validated_then_applied

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

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


def test_a_display_ads_youtube_videos_converge_and_a_changed_one_replaces_the_ad(
    midas: Midas, workspace: Path
) -> None:
    """``google.youtube_videos`` are YouTube video assets made before the ad (v26
    ResponsiveDisplayAdInfo.youtube_videos names them), read back by video id: apply then plan is clean.
    A responsive display ad is immutable: another video replaces the ad; the video assets stay, made once."""
    spec = workspace / "specs" / "display.yaml"
    assert DISPLAY_VIDEOS_SPEC != DISPLAY_SPEC
    spec.write_text(DISPLAY_VIDEOS_SPEC, encoding="utf-8")
    assert video_ids_validated_then_applied(midas, workspace) == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
    spec.write_text(DISPLAY_VIDEOS_SPEC.replace("M7lc1UVf-VE", "aqz-KE-bpKQ"), encoding="utf-8")
    changed = midas("plan")
    assert "youtube_videos" in changed.output and "aqz-KE-bpKQ" in changed.output, changed.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(sandbox_video_assets(workspace)) == 3  # dQw4w9WgXcQ's asset made once, linked again
    compared = json.loads(midas("compare", "campaign/trail-display", "--format", "json").output)
    [row] = [r for r in compared["fields"] if r["field"] == "creative 'banner' videos"]
    assert row["google"] == ["aqz-KE-bpKQ", "dQw4w9WgXcQ"] and row["meta"] is None and not row["same"]


def test_a_video_removed_from_a_display_ad_in_a_console_is_drift(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "display.yaml").write_text(DISPLAY_VIDEOS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    [kept] = [a["resource_name"] for a in sandbox_video_assets(workspace) if "dQw4w9WgXcQ" in str(a)]
    one = f'ad.responsive_display_ad.youtube_videos=[{{"asset": "{kept}"}}]'
    assert midas("sandbox", "set", AD, one).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "youtube_videos" in drift.output and "M7lc1UVf-VE" in drift.output, (
        drift.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0


def test_a_display_ad_with_youtube_videos_imports_and_adopts_to_no_changes(midas: Midas, bare: Path) -> None:
    trail_banners(bare, youtube_videos=["dQw4w9WgXcQ", "M7lc1UVf-VE"])
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-banners.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["creatives"][0]["google"]["youtube_videos"] == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_six_videos_on_a_display_ad_are_refused_at_the_field(midas: Midas, workspace: Path) -> None:
    six = ", ".join(f"video{n:06d}" for n in range(6))
    spec = workspace / "specs" / "display.yaml"
    spec.write_text(DISPLAY_VIDEOS_SPEC.replace("dQw4w9WgXcQ, M7lc1UVf-VE", six), encoding="utf-8")
    refused = midas("validate")
    assert refused.code == 1, refused.output
    assert "found 6 youtube_videos; expected at most 5 for a Google responsive display ad" in refused.output
