"""Standard Shopping campaigns on Google through the sandbox connector: compile, apply, plan, drift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import SHOPPING_SPEC

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
CAMPAIGN = "campaign/trail-shopping@google"
ALL_PRODUCTS = "ad_group_criterion/trail-shopping/shoes/listing_group:all-products@google"


def test_a_shopping_campaign_converges_and_console_edits_of_its_settings_and_bids_are_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "shopping.yaml").write_text(SHOPPING_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for expected in ("SHOPPING", "SHOPPING_PRODUCT_ADS", "SHOPPING_PRODUCT_AD", "listing_group:all-products"):
        assert expected in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    assert midas("sandbox", "set", CAMPAIGN, "shopping_setting.campaign_priority=2").code == 0
    assert midas("sandbox", "set", ALL_PRODUCTS, "cpc_bid_micros=990000").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "campaign_priority" in drift.output and "cpc_bid_micros" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_changed_bid_and_feed_label_update_in_place_and_a_new_merchant_replaces(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "shopping.yaml"
    spec.write_text(SHOPPING_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(SHOPPING_SPEC.replace("cpc_bid: 0.65", "cpc_bid: 0.80").replace("US, camp", "US-2, camp"))
    plan = midas("plan")
    assert plan.code == 0 and "3 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.write_text(SHOPPING_SPEC.replace("987654321", "123"))
    plan = midas("plan")
    assert "merchant_id" in plan.output and "1 to replace" in plan.output, plan.output


def test_a_shopping_ad_groups_url_options_are_sent_and_import_back_as_written(
    midas: Midas, workspace: Path
) -> None:
    """A Shopping ad group takes its own URL options as any Google ad group does (v26 AdGroup): sent, read
    back to no changes, and imported as its ``google`` options (import read and dropped them before)."""
    spec = workspace / "specs" / "shopping.yaml"
    spec.write_text(
        SHOPPING_SPEC.replace(
            "{name: socks, google: {cpc_bid: 0.20}}",
            "{name: socks, google: {cpc_bid: 0.20, final_url_suffix: utm_content=socks, "
            "tracking_url_template: '{lpurl}?g={_g}', url_custom_parameters: {g: socks}}}",
        ),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-shopping")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "trail-shopping.yaml").read_text())["spec"]
    [socks] = [g for g in written["ad_groups"] if g["name"] == "socks"]
    assert socks["google"] == {
        "cpc_bid": 0.2,
        "final_url_suffix": "utm_content=socks",
        "tracking_url_template": "{lpurl}?g={_g}",
        "url_custom_parameters": {"g": "socks"},
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
