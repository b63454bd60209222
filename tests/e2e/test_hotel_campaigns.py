"""Google Hotel campaigns through the sandbox connector: compile, apply, plan, drift, import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes.example import HOTEL_SPEC, hotel_applied_and_snapshotted, hotel_imported

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
CAMPAIGN = "campaign/city-hotels@google"
PARIS = "ad_group/city-hotels/paris@google"


def test_a_hotel_campaign_converges_drifts_restores_and_imports_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """``google.channel: hotel``: planned, applied, converged; a console change of its Hotel Center account
    and an ad group's max CPC is drift a restore of a snapshot reverts; a new bid updates in place, and
    ``restore --write-specs`` writes the snapshot's back; imported from the live campaign (the spec
    removed), it writes what it was written as and adopts to no changes."""
    planned = ("HOTEL", "HOTEL_ADS", "HOTEL_AD", "hotel_center_id", "city-hotels/paris/hotel-ad")
    spec = hotel_applied_and_snapshotted(midas, workspace, HOTEL_SPEC, planned, "hotels")

    assert midas("sandbox", "set", CAMPAIGN, "hotel_setting.hotel_center_id=1111").code == 0
    assert midas("sandbox", "set", PARIS, "cpc_bid_micros=2000000").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "hotel_center_id" in drift.output and "cpc_bid_micros" in drift.output
    restored = midas("restore", "hotels", "--auto-approve")
    assert restored.code == 0, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.write_text(
        HOTEL_SPEC.replace("cpc_bid: 0.90", "cpc_bid: 0.95").replace("7654321", "1234567"), encoding="utf-8"
    )
    plan = midas("plan")
    assert plan.code == 0 and "2 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    written_back = midas("restore", "hotels", "--write-specs")
    assert written_back.code == 0, written_back.output
    # Both back as the snapshot had them, every other byte as written (the id as import writes it, a text).
    assert spec.read_text(encoding="utf-8") == HOTEL_SPEC.replace("7654321", "'7654321'")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    written = hotel_imported(midas, workspace, spec)
    assert written["google"] == {"channel": "hotel", "hotel": {"hotel_center_id": "7654321"}}
    assert written["objective"] == "sales"
    assert not written.get("creatives")
    assert {g["name"]: g["google"] for g in written["ad_groups"]} == {
        "paris": {"cpc_bid": 1.2},
        "rome": {"cpc_bid": 0.9},
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0


def test_hotel_and_travel_campaigns_built_in_the_ui_are_refused_naming_what_the_spec_cannot_say(
    midas: Midas, bare: Path
) -> None:
    """A Hotel campaign a person builds in the Google Ads UI (`midas sandbox add-campaign`: no Hotel Center
    account, maximize conversions, no ad groups) is refused naming each of those; a Things to do (TRAVEL)
    campaign is refused by name, with what the spec language has no field for as the reason (the API
    creates one for allowlisted accounts)."""
    for name, channel in (("Console Hotels", "HOTEL"), ("City Tours", "TRAVEL")):
        built = midas("sandbox", "add-campaign", "google-main", name, "--channel", channel, "--daily", "20")
        assert built.code == 0, built.output
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    said = " ".join(result.output.split())
    for reason in (
        "'Console Hotels' (id",
        "has no Hotel Center account (hotel_setting.hotel_center_id)",
        "is a Hotel campaign bidding MAXIMIZE_CONVERSIONS; the spec language gives one manual_cpc, "
        "percent_cpc, target_roas",
        "is a TRAVEL campaign, which MIDAS does not support yet, though the Google Ads API creates one (for "
        "allowlisted accounts): the spec language has no field for its Things to do Center account "
        "(travel_campaign_settings.travel_account_id, immutable)",
    ):
        assert reason in said, said
    assert not (bare / "specs" / "imported").exists()


def test_a_hotel_center_account_set_in_the_console_on_a_demand_gen_campaign_is_drift_and_refused_by_import(
    midas: Midas, workspace: Path
) -> None:
    """v26 lets a Demand Gen campaign carry a Hotel Center account (``Campaign.HotelSettingInfo``, with
    ``disable_hotel_setting`` "supported only for Demand Gen campaigns"), which the spec language writes on
    Hotel campaigns alone: one set in the console is drift that apply clears; import refuses it by name."""
    from fakes.example import DEMAND_GEN_SPEC

    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    demand = "campaign/trail-demand@google"
    assert midas("sandbox", "set", demand, "hotel_setting.hotel_center_id=5550009").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "hotel_center_id" in drift.output and "5550009" in drift.output, drift.output

    (workspace / "specs" / "demand.yaml").unlink()
    refused = midas("import", "--account", "google-main", "--campaign", "trail-demand")
    assert refused.code == 1
    said = " ".join(refused.output.split())
    assert (
        "is a DEMAND_GEN campaign with a Hotel Center account (hotel_setting.hotel_center_id 5550009); "
        "the spec language gives one to a Hotel campaign alone" in said
    ), said

    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "hotel_center_id" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0
