"""A Meta app-promotion campaign through the CLI on the sandbox: applied as Meta accepts it, converged,
and a console edit of the app it promotes reported as drift and planned as the new ad set Meta needs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes.meta_app import META_APP_ID, PLAY_PAGE, with_an_app_campaign

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox import MetaSimulator
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def _live_adsets(workspace: Path) -> list[dict[str, Any]]:
    """The simulated Meta account's live ad sets, as stored (the Graph API's fields)."""
    settings = load_settings(workspace)
    sim = MetaSimulator(ConnectorFactory(settings).sandbox_world())
    return sim.peek(str(settings.accounts["meta-main"].ad_account_id), "adset")


def test_an_app_campaign_applies_as_meta_accepts_it_and_converges(midas: Midas, workspace: Path) -> None:
    with_an_app_campaign(workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0

    app_adsets = [a for a in _live_adsets(workspace) if a["name"] in ("players", "puzzlers")]
    assert len(app_adsets) == 2
    for adset in app_adsets:
        assert adset["promoted_object"] == {"application_id": META_APP_ID, "object_store_url": PLAY_PAGE}
        assert adset["targeting"]["user_os"] == ["Android"]


def test_a_console_edit_of_the_promoted_app_is_drift_and_a_replacement_is_refused(
    midas: Midas, workspace: Path
) -> None:
    with_an_app_campaign(workspace)
    assert midas("apply", "--auto-approve").code == 0
    edit = midas("sandbox", "set", "adset/game-installs/players@meta", 'promoted_object.application_id="111"')
    assert edit.code == 0, edit.output

    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "adset/game-installs/players@meta:meta-main" in drift.output
    assert "promoted_object.application_id" in drift.output and "111" in drift.output

    # Meta cannot change a live ad set's promoted app, and replacing the ad set would delete it (its
    # delivery history with it): the plan says so as a violation and nothing is written.
    plan = midas("plan")
    assert (
        "adset/game-installs/players@meta:meta-main would be replaced: Meta does not change what a live ad "
        "set promotes or counts (promoted_object.application_id)"
    ) in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1 and "cannot be applied" in applied.output, applied.output
    players = [a for a in _live_adsets(workspace) if a["name"] == "players" and a["status"] != "DELETED"]
    assert [a["promoted_object"]["application_id"] for a in players] == ["111"]
