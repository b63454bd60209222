"""A Google campaign's device bid adjustments (``google.device_bid_adjustments``) through the sandbox
connector: compile, apply, plan, drift, a reset on removal, restore, import."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import GoogleAdsFake
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID
from fakes.hand_built import NAME, holiday_sale, write_all

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox import google_rules, set_field
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.resources import GOOGLE
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
MOBILE = "campaign_criterion/spring-sale/device:MOBILE@google"
ADJUSTMENTS = """  google:
    device_bid_adjustments: {mobile: 0.8, tablet: 1.0, desktop: 1.25, connected_tv: 0}
"""


def _with_adjustments(workspace: Path, adjustments: str = ADJUSTMENTS) -> Path:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("  google:\n", adjustments, 1), encoding="utf-8")
    return spec


def test_device_bid_adjustments_apply_converge_drift_restore_and_import_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """Adjusted devices compile to DEVICE campaign criteria (tablet at 1.0, no adjustment, to none), apply
    and converge; a console change of a modifier is drift a restore reverts; a device taken out of the spec
    is reset to 1.0 (Google removes no device criterion) and reads as gone; imported from the live campaign
    (the spec removed), the adjustments are written as they were and adopt to no changes."""
    spec = _with_adjustments(workspace)
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for expected in ("spring-sale/device:MOBILE", "spring-sale/device:DESKTOP", "device:CONNECTED_TV"):
        assert expected in plan.output, plan.output
    assert "device:TABLET" not in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0
    assert midas("snapshot", "--name", "devices").code == 0

    assert midas("sandbox", "set", MOBILE, "bid_modifier=1.5").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "bid_modifier" in drift.output and "device:MOBILE" in drift.output, (
        drift.output
    )
    restored = midas("restore", "devices", "--auto-approve")
    assert restored.code == 0, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    [row] = [r for r in compared["fields"] if r["field"] == "google.device_bid_adjustments"]
    assert row["google"] == ["mobile 0.8", "desktop 1.25", "connected_tv 0"] and row["meta"] is None

    # A new modifier updates in place; restore --write-specs writes the snapshot's back into the spec.
    written = spec.read_text(encoding="utf-8")
    spec.write_text(written.replace("desktop: 1.25", "desktop: 1.5"), encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    written_back = midas("restore", "devices", "--write-specs")
    assert written_back.code == 0, written_back.output
    assert spec.read_text(encoding="utf-8") == written  # every byte as written
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.write_text(
        spec.read_text(encoding="utf-8").replace("mobile: 0.8, ", ""), encoding="utf-8"
    )  # mobile back to no adjustment
    plan = midas("plan")
    assert plan.code == 0 and "device:MOBILE" in plan.output, plan.output
    assert "reset to 1.0 (no adjustment)" in plan.output and "irreversible" not in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    # Reset, not removed: Google removes no device criterion (the sandbox refuses it as Google does).
    listed = json.loads(midas("sandbox", "list", "--format", "json").output)
    [spring] = [
        o["id"]
        for o in listed
        if o["kind"] == "campaign" and o["name"] == "spring-sale" and o["platform"] == GOOGLE
    ]
    mobile = [
        o
        for o in listed
        if o["kind"] == "campaign_criterion" and o["name"] == "device:MOBILE" and o["id"].startswith(spring)
    ]
    assert [o["status"] for o in mobile] == ["ENABLED"], mobile
    assert _modifiers(workspace, "spring-sale") == {"DESKTOP": 1.25, "CONNECTED_TV": 0.0, "MOBILE": 1.0}

    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "spring-sale", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "spring-sale.yaml").read_text())["spec"]
    assert written["google"]["device_bid_adjustments"] == {"desktop": 1.25, "connected_tv": 0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_console_s_device_adjustments_are_left_alone_until_the_spec_names_some(
    midas: Midas, workspace: Path
) -> None:
    """A managed campaign whose spec names no device adjustments keeps those a console sets (no plan to
    remove them); once the spec names some, the ones it does not name are reset."""
    assert midas("apply", "--auto-approve").code == 0
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    _console_device(google, "spring-sale", "TABLET", "1.3")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {desktop: 1.1}\n")
    plan = midas("plan")
    assert plan.code == 0 and "device:TABLET" in plan.output and "device:DESKTOP" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _modifiers(workspace: Path, campaign: str, *, unset: bool = False) -> dict[str, float]:
    """The bid modifier of each device criterion the sandbox holds for the live ``campaign`` (by name) with
    one set (``unset``: of each with none, as Google makes them with the campaign)."""
    settings = load_settings(workspace)
    sim = GoogleAdsSimulator(ConnectorFactory(settings).sandbox_world())
    customer = str(settings.accounts["google-main"].customer_id)
    ids = [c["id"] for c in sim.peek(customer, "campaign") if c["name"] == campaign]
    return {
        c["device"]["type"]: c.get("bid_modifier")
        for c in sim.peek(customer, "campaign_criterion")
        if c.get("type") == "DEVICE"
        and c["campaign"].rsplit("/", 1)[1] in ids
        and ("bid_modifier" not in c) == unset
    }


def _console_device(google: Any, campaign: str, device: str, modifier: str) -> None:
    """A device adjustment made in a console on the live ``campaign`` (by its id, outside MIDAS)."""
    from midas_reconcile.connectors.base import WriteOp
    from midas_reconcile.resources import Address, path_segment

    live = {r.address: r for r in google.read("google-main")}
    campaign_at = Address("google", "google-main", "campaign", path_segment(campaign))
    ops = [
        WriteOp(
            "create",
            Address(
                "google", "google-main", "campaign_criterion", f"{path_segment(campaign)}/device:{device}"
            ),
            {"type": "DEVICE", "device": device, "bid_modifier": modifier},
            refs={"campaign": live[campaign_at].platform_id},
        )
    ]
    write_all(google, ops)


def test_a_hand_built_campaign_s_device_adjustments_import_and_unset_ones_read_as_none(
    midas: Midas, bare: Path
) -> None:
    """A hand-built Search campaign with device criteria imports them as ``device_bid_adjustments`` (a
    device at 1.0, as Google keeps one nobody adjusted, reads as none) and adopts to no changes."""
    holiday_sale(bare)
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    _console_device(google, NAME, "MOBILE", "0")
    _console_device(google, NAME, "DESKTOP", "1")
    _console_device(google, NAME, "TABLET", "2.5")
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text())["spec"]
    assert written["google"]["device_bid_adjustments"] == {"mobile": 0, "tablet": 2.5}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_device_bid_adjustments_converge_drift_and_reset_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC: the DEVICE criteria are created with their modifiers as floats (read
    back as 32-bit floats, 0.800000011920929, which plan as no change), a console change is drift an apply
    reverts by an update of bid_modifier, and a device taken out of the spec is reset by an update, never
    removed."""
    spec = _with_adjustments(google_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "spring-sale"]
    stored = {
        c["device"]["type"]: c["bid_modifier"]
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c.get("type") == "DEVICE" and c["campaign"] == campaign["resource_name"] and "bid_modifier" in c
    }
    assert stored == {"MOBILE": pytest.approx(0.8), "DESKTOP": pytest.approx(1.25), "CONNECTED_TV": 0.0}

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(google_fake.world, accounts, MOBILE + ":google-main", {"bid_modifier": "1.5"})
    drift = midas("drift")
    assert drift.code == 2 and "bid_modifier" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.write_text(spec.read_text(encoding="utf-8").replace("mobile: 0.8, ", ""), encoding="utf-8")
    google_fake.requests.clear()
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    # A removal would be refused (criterion_error.CANNOT_REMOVE_CRITERION): the reset is an update.
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert len(mutates) == 1 and not mutates[0].error_codes, mutates
    reset = [
        c["bid_modifier"]
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c.get("type") == "DEVICE"
        and c["device"]["type"] == "MOBILE"
        and c["campaign"] == campaign["resource_name"]
    ]
    assert reset == [1.0]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _group_modifiers(world: Any, customer: str, group_name: str, *criteria: dict[str, Any]) -> None:
    """Ad group bid modifiers a console made on the live ad group ``group_name`` (v26 AdGroupBidModifier)."""
    sim = GoogleAdsSimulator(world)
    [group] = [g for g in sim.peek(customer, "ad_group") if g["name"] == group_name]
    ops = [
        {"ad_group_bid_modifier_operation": {"create": {"ad_group": group["resource_name"], **criterion}}}
        for criterion in criteria
    ]
    sim.mutate(customer, ops)


def test_mirror_to_meta_says_device_bid_adjustments_stay_google_s_and_which_devices_google_leaves_out(
    midas: Midas, workspace: Path
) -> None:
    """Meta bids no differently per device, so ``midas mirror --to meta`` translates nothing of them: it
    says they stay Google's, and names the devices at 0 as ones ``meta.devices`` could leave out."""
    file = workspace / "specs" / "brand-awareness.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    document["spec"]["google"]["device_bid_adjustments"] = {"mobile": 1.2, "connected_tv": 0}
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--dry-run")
    assert result.code == 0, result.output
    assert (
        "needs attention: the campaign's google.device_bid_adjustments apply on Google only (Meta bids no "
        "differently per device); Google shows no ads on connected_tv: leave those out of meta.devices"
    ) in result.output, result.output


@pytest.mark.parametrize("held", [None, "1"], ids=["unset", "at-1.0"])
def test_a_device_google_holds_unadjusted_is_adjusted_by_an_update_not_created_again(
    midas: Midas, workspace: Path, held: str | None
) -> None:
    """Google makes a campaign holding a device criterion per device, unadjusted (its SetBidModifier example),
    and one MIDAS reset holds 1.0: the read sees either as no adjustment, and a spec adjusting that device
    of a live campaign then updates the criterion Google holds — creating it again would be refused
    (mutate_error.RESOURCE_ALREADY_EXISTS) — and converges."""
    assert midas("apply", "--auto-approve").code == 0
    settings = load_settings(workspace)
    world = ConnectorFactory(settings).sandbox_world()
    customer = str(settings.accounts["google-main"].customer_id)
    sim = GoogleAdsSimulator(world)
    [campaign] = [c for c in sim.peek(customer, "campaign") if c["name"] == "spring-sale"]
    tablet = f"customers/{customer}/campaignCriteria/{campaign['id']}~30002"
    assert [c for c in sim.peek(customer, "campaign_criterion") if c["resource_name"] == tablet]
    if held is not None:
        update = {"resource_name": tablet, "bid_modifier": float(held)}
        sim.mutate(
            customer, [{"campaign_criterion_operation": {"update": update, "update_mask": "bid_modifier"}}]
        )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {tablet: 1.4}\n")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _modifiers(workspace, "spring-sale") == {"TABLET": pytest.approx(1.4)}


def test_a_device_google_holds_unadjusted_is_adjusted_by_an_update_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC, the DEVICE criterion Google made with a live campaign, with no modifier
    (its rows' campaign and device as the SDK returns them), is what adjusting that device updates."""
    assert midas("apply", "--auto-approve").code == 0
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "spring-sale"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    _with_adjustments(google_workspace, "  google:\n    device_bid_adjustments: {mobile: 0}\n")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    adjusted = [
        c
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c.get("type") == "DEVICE" and c["campaign"] == campaign["resource_name"] and "bid_modifier" in c
    ]
    assert [(c["device"]["type"], c["bid_modifier"]) for c in adjusted] == [("MOBILE", 0.0)]


def test_a_campaign_made_with_device_adjustments_in_one_apply_updates_the_criteria_google_made_with_it(
    midas: Midas, workspace: Path
) -> None:
    """Google makes a campaign holding its device criteria, unadjusted (its own SetBidModifier example): a
    campaign created with device adjustments in one apply adjusts those criteria, never creates them again
    (refused: mutate_error.RESOURCE_ALREADY_EXISTS), and converges; the devices it leaves alone stay
    unadjusted and read as none."""
    _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {mobile: 0.8, connected_tv: 0}\n")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _modifiers(workspace, "spring-sale") == {"MOBILE": pytest.approx(0.8), "CONNECTED_TV": 0.0}
    assert _modifiers(workspace, "spring-sale", unset=True) == {"DESKTOP": None, "TABLET": None}


def test_a_campaign_made_with_device_adjustments_in_one_apply_converges_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC, a campaign made with device adjustments in one apply: its desktop, mobile
    and tablet criteria, which Google made with it, are updated (bid_modifier alone) under the campaign's id,
    after the request that made it; its connected TV one, which Google does not make, is created; no Mutate
    is refused, and the next plan is empty."""
    _with_adjustments(
        google_workspace, "  google:\n    device_bid_adjustments: {mobile: 0, tablet: 1.3, connected_tv: 0}\n"
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert mutates and not any(c.error_codes for c in mutates), mutates
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "spring-sale"]
    devices = {
        c["resource_name"]: c.get("bid_modifier")
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c.get("type") == "DEVICE" and c["campaign"] == campaign["resource_name"]
    }
    criteria = f"customers/{GOOGLE_CUSTOMER_ID}/campaignCriteria/{campaign['id']}"
    assert devices == {
        f"{criteria}~30000": None,
        f"{criteria}~30001": 0.0,
        f"{criteria}~30002": pytest.approx(1.3),
        f"{criteria}~30004": 0.0,  # created: Google makes none with the campaign
    }


def test_remote_validation_of_device_adjustments_refuses_none_of_a_new_or_a_live_campaign(
    midas: Midas, workspace: Path
) -> None:
    """``plan --validate-remote``: a new campaign's device adjustments are not sent (the campaign it would
    make has no id to name its criteria by) and refuse nothing; a live campaign's are validated as the
    updates they are, and refuse nothing either; nothing changes."""
    _with_adjustments(workspace)
    checked = midas("plan", "--validate-remote", "--detailed-exitcode")
    assert checked.code == 2 and "Remote validation of google-main: 0 refusal(s)" in checked.output, (
        checked.output
    )
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(ADJUSTMENTS, "  google:\n"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    _with_adjustments(workspace)
    checked = midas("plan", "--validate-remote", "--detailed-exitcode")
    assert checked.code == 2 and "Remote validation of google-main: 0 refusal(s)" in checked.output, (
        checked.output
    )
    assert _modifiers(workspace, "spring-sale") == {}


def test_a_connected_tv_adjustment_reset_then_set_again_updates_the_criterion_it_made(
    midas: Midas, workspace: Path
) -> None:
    """Google makes no connected TV criterion with a campaign, so its first adjustment creates one; taken out
    of the spec it is reset to 1.0 (never removed) and reads as none; set again, it updates that criterion
    (the read saw it) rather than create another, which would be refused as a duplicate."""
    spec = _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {connected_tv: 0}\n")
    assert midas("apply", "--auto-approve").code == 0
    assert _modifiers(workspace, "spring-sale") == {"CONNECTED_TV": 0.0}
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("device_bid_adjustments: {connected_tv: 0}", "device_bid_adjustments: {}"))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _modifiers(workspace, "spring-sale") == {"CONNECTED_TV": 1.0}
    spec.write_text(text.replace("{connected_tv: 0}", "{connected_tv: 0.5}"), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _modifiers(workspace, "spring-sale") == {"CONNECTED_TV": 0.5}


def test_a_connected_tv_adjustment_reset_then_set_again_updates_it_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC, the reset connected TV criterion the read returns (its resource name,
    device and no adjustment) is what setting the device again updates; no Mutate is refused."""
    spec = _with_adjustments(google_workspace, "  google:\n    device_bid_adjustments: {connected_tv: 0}\n")
    assert midas("apply", "--auto-approve").code == 0
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("device_bid_adjustments: {connected_tv: 0}", "device_bid_adjustments: {}"))
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(text.replace("{connected_tv: 0}", "{connected_tv: 2}"), encoding="utf-8")
    google_fake.requests.clear()
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert len(mutates) == 1 and not mutates[0].error_codes, mutates
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    sim = GoogleAdsSimulator(google_fake.world)
    [campaign] = [c for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign") if c["name"] == "spring-sale"]
    tv = [
        c.get("bid_modifier")
        for c in sim.peek(GOOGLE_CUSTOMER_ID, "campaign_criterion")
        if c["campaign"] == campaign["resource_name"]
        and (c.get("device") or {}).get("type") == "CONNECTED_TV"
    ]
    assert tv == [2.0]


def test_a_device_the_spec_names_at_1_resets_a_console_s_adjustment_of_it(
    midas: Midas, workspace: Path
) -> None:
    """A spec naming a device at 1.0 (no adjustment) names the campaign's devices: a console's adjustment of
    that device (not recorded) is planned as a reset to 1.0, not left alone, and converges to no changes."""
    assert midas("apply", "--auto-approve").code == 0
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    _console_device(google, "spring-sale", "MOBILE", "0.5")
    _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {mobile: 1.0}\n")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "device:MOBILE" in plan.output, plan.output
    assert "reset to 1.0 (no adjustment)" in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert _modifiers(workspace, "spring-sale") == {"MOBILE": 1.0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_a_restore_names_the_ad_group_whose_bid_modifiers_its_snapshot_notes(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot's read note of an ad group's own bid modifiers MIDAS does not manage (of a criterion it
    does not read: a device's and a Hotel booking's it does), which a restore leaves as they are, is told with
    the ad group's address, as the restore's other notes are, not as a bare warning."""
    assert midas("apply", "--auto-approve").code == 0
    settings = load_settings(workspace)
    world = ConnectorFactory(settings).sandbox_world()
    customer = str(settings.accounts["google-main"].customer_id)
    [group] = [g for g in GoogleAdsSimulator(world).peek(customer, "ad_group") if g["name"] == "runners"]
    group_id = group["resource_name"].rsplit("/", 1)[1]
    row = {  # a criterion the sandbox does not model, as a newer API version's would read
        "resource_name": f"customers/{customer}/adGroupBidModifiers/{group_id}~99999",
        "ad_group": group["resource_name"],
        "criterion_id": "99999",
        "bid_modifier": 0.5,
    }
    with world.transaction() as txn:
        google_rules.put(txn, customer, "ad_group_bid_modifier", row)
    assert midas("snapshot", "--name", "s").code == 0
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    note = "has bid modifiers at ad group level (criterion 99999 0.5)"
    [line] = [line for line in restored.output.splitlines() if note in line]
    assert line.strip().startswith("- ad_group/spring-sale/runners@google:google-main: " + note), line


def test_drift_tells_a_device_adjustment_a_console_reset_to_1_as_reset_not_deleted(
    midas: Midas, workspace: Path
) -> None:
    """A console setting a device MIDAS adjusted back to 1.0 (which reads as no criterion) is drift told as
    a reset to no adjustment (Google removes no device criterion), not as one deleted, and so is the plan's
    change setting it again."""
    _with_adjustments(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", MOBILE, "bid_modifier=1").code == 0
    drift = midas("drift")
    [line] = [line for line in drift.output.splitlines() if "device:MOBILE" in line]
    assert drift.code == 2 and "reset to 1.0 (no adjustment) out of band" in line, drift.output
    assert "deleted" not in line, line
    plan = midas("plan")
    [line] = [line for line in plan.output.splitlines() if "device:MOBILE" in line]
    assert "reset to 1.0 (no adjustment) out of band — setting it again" in line, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _modifiers(workspace, "spring-sale")["MOBILE"] == pytest.approx(0.8)
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_import_refuses_a_console_s_device_adjustment_of_more_than_4_decimal_places_by_name(
    midas: Midas, workspace: Path
) -> None:
    """A console's modifier of more than 4 decimal places reads as itself (not rounded to 4) and the import
    names it rather than write a rounded spec."""
    assert midas("apply", "--auto-approve").code == 0
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    _console_device(google, "spring-sale", "MOBILE", "1.23456")
    (workspace / "specs" / "spring-sale.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "spring-sale")
    assert "more than 4 decimal places: ['mobile 1.23456']" in imported.output, imported.output
    assert not (workspace / "specs" / "imported" / "spring-sale.yaml").exists()


def test_a_restore_resets_a_console_s_device_adjustment_where_the_spec_names_the_device_at_1(
    midas: Midas, workspace: Path
) -> None:
    """A spec naming a device at 1.0 compiles no criterion but names the campaign's devices
    (``Resource.named_types``): a restore, whose desired state comes from a snapshot, takes that from the
    specs as plan and drift do, so a console's adjustment made after the snapshot is reset, not left alone."""
    _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {mobile: 1.0}\n")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    _console_device(google, "spring-sale", "MOBILE", "0.5")
    restore = midas("restore", "s")
    assert "device:MOBILE" in restore.output and "left alone" not in restore.output, restore.output
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0 and "0 failed" in restored.output, restored.output
    assert _modifiers(workspace, "spring-sale") == {"MOBILE": 1.0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_snapshot_notes_no_device_adjustment_left_alone_where_the_spec_names_the_device_at_1(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """A console's device adjustment on a campaign whose spec names the device at 1.0 is MIDAS's to reset
    (plan and drift say so): a snapshot taken beside it notes it not as left alone, and its restore resets it
    as a plan would rather than hand it back to the console."""
    from midas_reconcile.snapshots import left_alone_of
    from midas_reconcile.store import StateStore

    _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {mobile: 1.0}\n")
    assert midas("apply", "--auto-approve").code == 0
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    _console_device(google, "spring-sale", "MOBILE", "0.5")
    assert midas("snapshot", "--name", "s").code == 0
    with StateStore.open(state_url) as store:
        noted = left_alone_of(store.snapshot("s"))
    assert not [a for a in noted if "device:" in str(a)], noted
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0 and "0 failed" in restored.output, restored.output
    assert _modifiers(workspace, "spring-sale") == {"MOBILE": 1.0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_campaign_deleted_out_of_band_has_its_device_adjustments_re_created_not_told_as_reset(
    midas: Midas, workspace: Path
) -> None:
    """A whole campaign deleted in a console takes its device criteria with it: the plan tells them as
    deleted out of band and re-created with the campaign, not as a reset to 1.0 (which only a live
    campaign's device can be), and converges."""
    _with_adjustments(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "delete", "campaign/spring-sale@google:google-main").code == 0
    plan = midas("plan")
    lines = [line for line in plan.output.splitlines() if "/device:" in line]
    assert lines and all("deleted out of band — re-creating" in line for line in lines), plan.output
    assert "reset to 1.0" not in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert _modifiers(workspace, "spring-sale") == {
        "MOBILE": pytest.approx(0.8),
        "DESKTOP": 1.25,
        "CONNECTED_TV": 0.0,
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_drift_tells_a_console_s_device_adjustment_the_plan_resets_as_reset_not_deleted(
    midas: Midas, workspace: Path
) -> None:
    """A console's device adjustment on a campaign whose spec names its devices is no console's object left
    alone: drift says the plan resets it to 1.0 (Google removes no device criterion), not that it deletes
    it, as the plan does."""
    _with_adjustments(workspace, "  google:\n    device_bid_adjustments: {mobile: 1.0}\n")
    assert midas("apply", "--auto-approve").code == 0
    google = ConnectorFactory(load_settings(workspace)).create("google-main")
    _console_device(google, "spring-sale", "MOBILE", "0.5")
    drift = midas("drift")
    [line] = [line for line in drift.output.splitlines() if "/device:MOBILE" in line]
    assert drift.code == 2 and "added out of band; not in the specs (plan resets it to 1.0)" in line, line
    plan = midas("plan")
    assert "reset to 1.0 (no adjustment)" in plan.output, plan.output
