"""A Google campaign's location bid adjustments (``google.location_bid_adjustments``) through the sandbox
connector and through the SDK over the gRPC fake: compile, apply, plan, drift, import."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import GoogleAdsFake
from fakes.example import ADDRESS_RADIUS, ADDRESS_SPEC, DEMAND_GEN_SPEC
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox import set_field
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.resources import GOOGLE
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
US = "campaign_criterion/spring-sale/location:2840@google"
ADJUSTMENTS = """  google:
    location_bid_adjustments: {US: 1.2, CA: 1.0}
"""


def _with_adjustments(workspace: Path, adjustments: str = ADJUSTMENTS) -> Path:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("  google:\n", adjustments, 1), encoding="utf-8")
    return spec


def _place_modifiers(world: Any, customer: str, campaign: str = "spring-sale") -> dict[str, Any]:
    """The bid modifier (None: unset) of each LOCATION criterion of the live ``campaign`` (by name) the
    simulator holds, by geo target constant."""
    sim = GoogleAdsSimulator(world)
    [campaign_name] = [c["resource_name"] for c in sim.peek(customer, "campaign") if c["name"] == campaign]
    return {
        c["location"]["geo_target_constant"]: c.get("bid_modifier")
        for c in sim.peek(customer, "campaign_criterion")
        if c.get("type") == "LOCATION" and c.get("status") != "REMOVED" and c["campaign"] == campaign_name
    }


def test_location_bid_adjustments_apply_converge_drift_and_import_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """An adjusted place's criterion carries its modifier (a place at 1.0 none), applies and converges; a
    console change of it is drift, planned back as an update in place (never a replace); taken out of the
    spec, the modifier is cleared by an update; imported from the live campaign (the spec removed), the
    adjustments are written as they were and adopt to no changes; compare shows them as Google's alone."""
    spec = _with_adjustments(workspace)
    plan = midas("plan")
    assert plan.code == 0, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    settings = load_settings(workspace)
    world = ConnectorFactory(settings).sandbox_world()
    customer = str(settings.accounts["google-main"].customer_id)
    held = _place_modifiers(world, customer, "spring-sale")
    assert held == {"geoTargetConstants/2840": pytest.approx(1.2), "geoTargetConstants/2124": None}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "bid_modifier" in drift.output and "location:2840" in drift.output, (
        drift.output
    )
    plan = midas("plan")
    assert plan.code == 0 and "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    [row] = [r for r in compared["fields"] if r["field"] == "google.location_bid_adjustments"]
    assert row["google"] == ["US 1.2"] and row["meta"] is None

    spec.write_text(spec.read_text(encoding="utf-8").replace("US: 1.2, ", ""), encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _place_modifiers(world, customer, "spring-sale")["geoTargetConstants/2840"] == 1.0

    assert midas("sandbox", "set", US, "bid_modifier=0.75").code == 0
    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "spring-sale", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "spring-sale.yaml").read_text())["spec"]
    assert written["google"]["location_bid_adjustments"] == {"US": 0.75}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_location_bid_adjustment_restores_from_a_snapshot_into_the_spec(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot keeps a place's adjustment: restore reverts a console's change, and restore --write-specs
    writes the snapshot's adjustment back into the spec."""
    spec = _with_adjustments(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "places").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=2").code == 0
    restored = midas("restore", "places", "--auto-approve")
    assert restored.code == 0, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    written = spec.read_text(encoding="utf-8")
    spec.write_text(written.replace("US: 1.2", "US: 1.4"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    written_back = midas("restore", "places", "--write-specs")
    assert written_back.code == 0, written_back.output
    assert "US: 1.2" in spec.read_text(encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_location_bid_adjustment_on_an_unknown_place_or_at_zero_is_refused_at_its_line(
    midas: Midas, workspace: Path
) -> None:
    """A key that is none of the campaign's Google locations, and a modifier of 0 (a device's alone), are
    errors at their lines: exit 1, nothing planned."""
    _with_adjustments(workspace, "  google:\n    location_bid_adjustments:\n      GB: 1.2\n      CA: 0\n")
    plan = midas("plan")
    assert plan.code == 1, plan.output
    assert "location_bid_adjustments.GB" in plan.output and "not one of the places" in plan.output, (
        plan.output
    )
    assert "location_bid_adjustments.CA" in plan.output and "exclude the place instead" in plan.output


def test_location_bid_adjustments_converge_and_drift_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC: the location criterion is created with its modifier as a float (read
    back as a 32-bit float, 1.2000000476837158, which plans as no change), a console change is drift an
    apply reverts by an update of bid_modifier, taken out of the spec it is cleared, and an import writes
    it back to no changes."""
    spec = _with_adjustments(google_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _place_modifiers(google_fake.world, GOOGLE_CUSTOMER_ID)[
        "geoTargetConstants/2840"
    ] == pytest.approx(1.2)

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(google_fake.world, accounts, US + ":google-main", {"bid_modifier": "1.5"})
    drift = midas("drift")
    assert drift.code == 2 and "bid_modifier" in drift.output, drift.output
    google_fake.requests.clear()
    assert midas("apply", "--auto-approve").code == 0
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert len(mutates) == 1 and not mutates[0].error_codes, mutates
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    # Taken out of the spec, the modifier is cleared by an update sending 1.0 (``spec._bid_modifiers``).
    written = spec.read_text(encoding="utf-8")
    spec.write_text(written.replace("US: 1.2, ", ""), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _place_modifiers(google_fake.world, GOOGLE_CUSTOMER_ID)["geoTargetConstants/2840"] == 1.0
    spec.write_text(written, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0

    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "spring-sale", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((google_workspace / "specs" / "imported" / "spring-sale.yaml").read_text())[
        "spec"
    ]
    assert written["google"]["location_bid_adjustments"] == {"US": 1.2}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_mirror_to_meta_names_a_campaign_s_location_bid_adjustments_as_google_s_alone(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "brand-awareness.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("  google:\n", "  google:\n    location_bid_adjustments: {GB: 0.8}\n", 1))
    mirrored = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--dry-run")
    assert mirrored.code == 0, mirrored.output
    said = "google.location_bid_adjustments ('GB' 0.8) apply on Google only"
    assert said in mirrored.output, mirrored.output


def test_a_demand_gen_ad_group_s_location_bid_adjustment_is_left_alone_and_refuses_its_import_by_name(
    midas: Midas, workspace: Path
) -> None:
    """A Demand Gen campaign's places are its ad groups' criteria: a console's bid adjustment on one is read
    (v26 AdGroupCriterion.bid_modifier) and left alone (the spec language names none there: no drift, no
    change), and an import names it rather than drop it (the spec language says a campaign's alone)."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    place = "ad_group_criterion/trail-demand/home/location:2840@google"
    assert midas("sandbox", "set", place, "bid_modifier=1.3").code == 0
    drift = midas("drift")
    assert drift.code == 0, drift.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    (workspace / "specs" / "demand.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-demand")
    said = (
        "ad group 'home' of google campaign 'trail-demand' (id 10000000007, account google-main) has "
        "location bid adjustments at ad group level (US 1.3), which the spec language "
        "cannot say: Google's documentation does not confirm that a Demand Gen ad group's place takes a bid "
        "adjustment (v26 AdGroupCriterion.bid_modifier says only that most targetable criteria types do), so "
        "MIDAS names none there, nor google.location_bid_adjustments on a Demand Gen campaign; to import the "
        "campaign, remove the adjustment in Google Ads (MIDAS leaves it alone meanwhile)"
    )
    assert said in imported.output, imported.output
    assert not (workspace / "specs" / "imported" / "trail-demand.yaml").exists()


def test_a_radius_around_a_street_address_s_bid_adjustment_converges_and_imports_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """A radius around a street address is a place the spec language names: its adjustment applies,
    converges, and imports back keyed by the radius as the targeting is written, to no changes."""
    adjustments = "{'10 mi around 1 Main St,San Francisco, us-ca, US:94105': 1.2, 'Toronto, CA': 0.9}"
    text = ADDRESS_SPEC.replace(
        "  ad_groups:\n", f"  google:\n    location_bid_adjustments: {adjustments}\n  ad_groups:\n", 1
    )
    (workspace / "specs" / "local.yaml").write_text(text, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--account", "google-main", "--override", "countries")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    (workspace / "specs" / "local.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "local", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "local.yaml").read_text())["spec"]
    places = written["google"]["location_bid_adjustments"]
    assert places[ADDRESS_RADIUS] == 1.2 and sorted(places.values()) == [0.9, 1.2], places
    assert set(places) <= set(written["targeting"]["locations"]), written
    replanned = midas("plan", "--detailed-exitcode", "--account", "google-main")
    assert replanned.code == 0, replanned.output


def test_a_console_s_place_modifier_is_left_alone_until_the_spec_names_location_bid_adjustments(
    midas: Midas, workspace: Path
) -> None:
    """Upgrade safety: a managed campaign whose spec names no ``google.location_bid_adjustments`` keeps a
    console's place modifier (no drift, no change: MIDAS once never read it); once the spec names any place
    (1.0 too), the places it does not adjust are MIDAS's and the console's modifier is cleared."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    drift = midas("drift")
    assert drift.code == 0, drift.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    _with_adjustments(workspace, "  google:\n    location_bid_adjustments: {CA: 1.0}\n")
    plan = midas("plan")
    assert plan.code == 0 and "1 to update, 0 to replace" in plan.output and "bid_modifier" in plan.output, (
        plan.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    settings = load_settings(workspace)
    world = ConnectorFactory(settings).sandbox_world()
    customer = str(settings.accounts["google-main"].customer_id)
    assert _place_modifiers(world, customer)["geoTargetConstants/2840"] == 1.0


def test_a_place_modifier_midas_set_is_cleared_when_the_spec_drops_location_bid_adjustments(
    midas: Midas, workspace: Path
) -> None:
    """What MIDAS set (recorded) is its own: the option taken out of the spec altogether clears it, and a
    console's modifier set after that is left alone."""
    spec = _with_adjustments(workspace, "  google:\n    location_bid_adjustments: {US: 1.2}\n")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(spec.read_text(encoding="utf-8").replace("    location_bid_adjustments: {US: 1.2}\n", ""))
    plan = midas("plan")
    assert plan.code == 0 and "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("sandbox", "set", US, "bid_modifier=0.7").code == 0
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_console_s_place_modifier_is_left_alone_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC: a console's place modifier on a campaign whose spec names no location
    bid adjustment is no drift and no write."""
    assert midas("apply", "--auto-approve").code == 0
    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(google_fake.world, accounts, US + ":google-main", {"bid_modifier": "1.5"})
    assert midas("drift").code == 0, midas("drift").output
    google_fake.requests.clear()
    assert midas("plan", "--detailed-exitcode", "--account", "google-main").code == 0
    assert midas("apply", "--auto-approve").code == 0
    assert not [c for c in google_fake.requests if c.method == "Mutate"]
    assert _place_modifiers(google_fake.world, GOOGLE_CUSTOMER_ID)["geoTargetConstants/2840"] == 1.5


def test_a_restore_leaves_a_console_s_place_modifier_alone_as_a_plan_does(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot does not keep a console's place modifier MIDAS leaves alone (the spec names no location bid
    adjustment): a restore neither sets nor records it, and the next plan has nothing to clear."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    assert midas("snapshot", "--name", "console").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.3").code == 0
    restored = midas("restore", "console", "--auto-approve")
    assert restored.code == 0 and "bid_modifier" not in restored.output, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output
    settings = load_settings(workspace)
    world = ConnectorFactory(settings).sandbox_world()
    customer = str(settings.accounts["google-main"].customer_id)
    assert _place_modifiers(world, customer)["geoTargetConstants/2840"] == pytest.approx(1.3)


def test_a_renamed_campaign_leaves_a_console_s_place_modifier_alone(midas: Midas, workspace: Path) -> None:
    """Renamed in place, the campaign's places move along with it, a console's modifier on them (the spec
    naming no location bid adjustment) left alone: nothing planned for them, nothing cleared."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("name: spring-sale", "name: spring-sale-2"))
    plan = midas("plan", "--account", "google-main")
    assert plan.code == 0 and "renamed in place" in plan.output and "bid_modifier" not in plan.output, (
        plan.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    settings = load_settings(workspace)
    world = ConnectorFactory(settings).sandbox_world()
    customer = str(settings.accounts["google-main"].customer_id)
    assert _place_modifiers(world, customer, "spring-sale-2")["geoTargetConstants/2840"] == pytest.approx(1.5)


def test_drift_agrees_with_plan_on_a_console_s_place_modifier_while_a_rename_is_pending(
    midas: Midas, workspace: Path
) -> None:
    """The spec renamed but not yet applied: drift judges a console's place modifier where the rename moves
    the campaign, as the plan does: left alone, no drift."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    assert midas("drift").code == 0, midas("drift").output
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("name: spring-sale", "name: spring-sale-2"))
    plan = midas("plan", "--account", "google-main")
    assert plan.code == 0 and "renamed in place" in plan.output and "bid_modifier" not in plan.output, (
        plan.output
    )
    drift = midas("drift", "--account", "google-main")
    assert drift.code == 0 and "bid_modifier" not in drift.output, drift.output


def test_drift_tells_a_console_s_place_modifier_a_renamed_spec_now_takes_as_the_plan_clears_it(
    midas: Midas, workspace: Path
) -> None:
    """The spec renamed (not yet applied) and naming location bid adjustments now: the plan clears a console's
    place modifier, so drift tells it, as it does without the rename."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    named = spec.read_text(encoding="utf-8").replace(
        "  google:\n", "  google:\n    location_bid_adjustments: {US: 1.0}\n", 1
    )
    spec.write_text(named.replace("name: spring-sale", "name: spring-sale-2"))
    plan = midas("plan", "--account", "google-main")
    assert "renamed in place" in plan.output and 'bid_modifier: "1.5" → (none)' in plan.output, plan.output
    drift = midas("drift", "--account", "google-main")
    assert drift.code == 2 and "bid_modifier" in drift.output, drift.output


def test_a_console_s_place_modifier_is_not_made_midas_s_while_its_campaign_is_out_of_the_specs(
    midas: Midas, workspace: Path
) -> None:
    """The campaign's spec deleted (the campaign paused), a console's place modifier is not taken into
    MIDAS's record as a record to refresh: the spec back, the plan still leaves it alone, nothing cleared."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.unlink()
    paused = midas("apply", "--auto-approve")
    assert paused.code == 0 and "bid_modifier" not in paused.output, paused.output
    assert midas("drift").code == 0, midas("drift").output  # the plan records it not: no drift either
    assert midas("sandbox", "set", US, "bid_modifier=1.7").code == 0
    assert midas("drift").code == 0, midas("drift").output
    spec.write_text(text, encoding="utf-8")
    plan = midas("plan", "--account", "google-main")
    assert plan.code == 0 and "bid_modifier" not in plan.output, plan.output
    assert midas("drift", "--account", "google-main").code == 0


def test_a_restore_leaves_a_console_s_place_modifier_alone_after_its_campaign_left_the_specs(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot taken while the campaign was in the specs keeps no console's place modifier; the campaign
    out of the specs a while (paused) and back, a restore leaves a console's later modifier as it is."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", US, "bid_modifier=1.5").code == 0
    assert midas("snapshot", "--name", "in-specs").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.unlink()
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(text, encoding="utf-8")
    assert midas("sandbox", "set", US, "bid_modifier=1.7").code == 0
    restored = midas("restore", "in-specs", "--auto-approve")
    assert restored.code == 0 and "bid_modifier" not in restored.output, restored.output
    settings = load_settings(workspace)
    world = ConnectorFactory(settings).sandbox_world()
    customer = str(settings.accounts["google-main"].customer_id)
    assert _place_modifiers(world, customer)["geoTargetConstants/2840"] == pytest.approx(1.7)
