"""A campaign lifting its opt-out of a device while an ad group adjusts that device (and the other way round)
in one apply: the campaign's DEVICE criterion reset reaches Google before the ad group's modifier, which
Google refuses over an opted-out campaign (CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER);
through the sandbox and through google-ads over gRPC, and crash-safe."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes import GoogleAdsFake
from fakes.google_ad_group_modifiers import google_sandbox
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID
from test_crash_safety import _apply_in_child
from test_google_ad_group_device_bid_adjustments import _stored, _with_group_adjustments

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
CAMPAIGN_GOOGLE = "  google:\n    bidding"
TABLET_OFF = "  google:\n    device_bid_adjustments: {tablet: 0}\n    bidding"
GROUP_TABLET = "      google:\n        device_bid_adjustments: {tablet: 1.2}\n"


def _campaign_opts_out_of_tablet(spec: Path) -> str:
    """spring-sale's spec text as it was, once the campaign opts out of tablets."""
    text = spec.read_text(encoding="utf-8")
    assert CAMPAIGN_GOOGLE in text
    spec.write_text(text.replace(CAMPAIGN_GOOGLE, TABLET_OFF, 1), encoding="utf-8")
    return text


@pytest.mark.parametrize("lifted_by", ["removed", "set to 1"])
def test_a_campaign_lifting_a_device_opt_out_while_an_ad_group_adjusts_it_applies_in_one_go(
    midas: Midas, workspace: Path, lifted_by: str
) -> None:
    """The campaign's tablet at 0 removed from the spec (or set to 1.0) is reset before runners' tablet
    modifier is made, in an earlier request: the apply succeeds at once and converges."""
    spec = workspace / "specs" / "spring-sale.yaml"
    original = _campaign_opts_out_of_tablet(spec)
    assert midas("apply", "--auto-approve").code == 0
    at_one = original.replace(CAMPAIGN_GOOGLE, TABLET_OFF.replace("0}", "1.0}"), 1)
    spec.write_text(original if lifted_by == "removed" else at_one, encoding="utf-8")
    _with_group_adjustments(workspace, GROUP_TABLET)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "runners") == {"TABLET": pytest.approx(1.2)}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize("crash_after", [1, 2])
def test_an_apply_lifting_a_device_opt_out_killed_between_its_writes_converges(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """Killed after the campaign's reset (or before it), the next apply makes the ad group's modifier."""
    spec = workspace / "specs" / "spring-sale.yaml"
    original = _campaign_opts_out_of_tablet(spec)
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(original, encoding="utf-8")
    _with_group_adjustments(workspace, GROUP_TABLET)
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 failed" in rerun.output, rerun.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "runners") == {"TABLET": pytest.approx(1.2)}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_campaign_opting_out_of_a_device_an_ad_group_stops_adjusting_applies_in_one_go(
    midas: Midas, workspace: Path
) -> None:
    """The other way round: runners' tablet modifier removed while the campaign opts out of tablets; the
    removal goes first (whether Google refuses an opt-out under an ad group's modifier is unconfirmed)."""
    spec = _with_group_adjustments(workspace, GROUP_TABLET)
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(spec.read_text(encoding="utf-8").replace(GROUP_TABLET, ""), encoding="utf-8")
    _campaign_opts_out_of_tablet(spec)
    applied = midas("apply", "--auto-approve", "--allow-destroy")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "runners") == {}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_campaign_lifting_a_device_opt_out_while_an_ad_group_adjusts_it_applies_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC: the reset goes in a request before the ad group modifier's create, and
    no request is refused."""
    spec = google_workspace / "specs" / "spring-sale.yaml"
    original = _campaign_opts_out_of_tablet(spec)
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(original, encoding="utf-8")
    _with_group_adjustments(google_workspace, GROUP_TABLET)
    google_fake.requests.clear()
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert len(mutates) == 2 and not any(c.error_codes for c in mutates), mutates
    stored = _stored(google_fake.world, GOOGLE_CUSTOMER_ID, "runners")
    assert stored == {"TABLET": pytest.approx(1.2)}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_remote_validation_of_an_opt_out_lifted_under_an_ad_group_modifier_refuses_nothing(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """``plan --validate-remote`` through google-ads over gRPC: the ad group modifier's create waits for the
    campaign's reset, which a validation only checks, so it is not checked (Google would weigh it against a
    campaign still opted out), not reported refused; the apply that follows succeeds."""
    spec = google_workspace / "specs" / "spring-sale.yaml"
    original = _campaign_opts_out_of_tablet(spec)
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(original, encoding="utf-8")
    _with_group_adjustments(google_workspace, GROUP_TABLET)
    checked = midas("plan", "--validate-remote", "--detailed-exitcode")
    assert checked.code == 2, checked.output
    assert "Remote validation of google-main: 0 refusal(s)" in checked.output, checked.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
