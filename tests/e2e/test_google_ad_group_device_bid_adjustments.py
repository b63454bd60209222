"""A Google ad group's own device bid adjustments (``ad_groups[].google.device_bid_adjustments``): v26
AdGroupBidModifier resources through the sandbox and through google-ads over gRPC: apply, converge, drift,
restore, import, left alone until the spec names one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import GoogleAdsFake
from fakes.example import HOTEL_SPEC
from fakes.google_ad_group_modifiers import (
    console_ad_group_modifiers,
    console_modifier_left_alone,
    google_sandbox,
    live_ad_group,
)
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID
from fakes.hand_built import city_stays, holiday_sale

from midas_reconcile.connectors.sandbox import set_field
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.resources import GOOGLE

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
MOBILE = "ad_group_bid_modifier/spring-sale/runners/device:MOBILE@google"
RUNNERS = "    - name: runners\n"
ADJUSTMENTS = (
    "      google:\n"
    "        device_bid_adjustments: {mobile: 0.8, tablet: 1.0, desktop: 1.25, connected_tv: 0}\n"
)


def _with_group_adjustments(workspace: Path, adjustments: str = ADJUSTMENTS) -> Path:
    """spring-sale's ad group ``runners`` with its own device bid adjustments."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace(RUNNERS, RUNNERS + adjustments, 1), encoding="utf-8")
    return spec


def _stored(world: Any, customer: str, group_name: str) -> dict[str, float | None]:
    """The device bid modifiers the simulator holds for the live ad group ``group_name``, by device."""
    sim = GoogleAdsSimulator(world)
    group = live_ad_group(sim, customer, group_name)
    return {
        m["device"]["type"]: m.get("bid_modifier")
        for m in sim.peek(customer, "ad_group_bid_modifier")
        if m["ad_group"] == group["resource_name"] and m.get("device")
    }


def test_ad_group_device_bid_adjustments_apply_converge_drift_restore_and_import_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """An ad group's adjusted devices compile to ad group bid modifiers (tablet at 1.0 to none), are created
    and converge; a console change of one is drift a restore reverts; a changed modifier updates in place, a
    device taken out of the spec is removed; compare shows them Google's alone; imported from the live
    campaign (the spec removed), they are written on the ad group as they were and adopt to no changes."""
    spec = _with_group_adjustments(workspace)
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for expected in ("runners/device:MOBILE", "runners/device:DESKTOP", "runners/device:CONNECTED_TV"):
        assert expected in plan.output, plan.output
    assert "device:TABLET" not in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "runners") == {"MOBILE": 0.8, "DESKTOP": 1.25, "CONNECTED_TV": 0.0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0
    assert midas("snapshot", "--name", "groups").code == 0

    assert midas("sandbox", "set", MOBILE, "bid_modifier=1.5").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "bid_modifier" in drift.output and "runners/device:MOBILE" in drift.output, (
        drift.output
    )
    restored = midas("restore", "groups", "--auto-approve")
    assert restored.code == 0, restored.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    [row] = [
        r for r in compared["fields"] if r["field"] == "ad group 'runners' google.device_bid_adjustments"
    ]
    assert row["google"] == ["mobile 0.8", "desktop 1.25", "connected_tv 0"] and row["meta"] is None

    written = spec.read_text(encoding="utf-8")
    spec.write_text(written.replace("desktop: 1.25", "desktop: 1.5"), encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(
        written.replace("mobile: 0.8, ", "").replace("desktop: 1.25", "desktop: 1.5"), encoding="utf-8"
    )
    plan = midas("plan")
    assert plan.code == 0 and "runners/device:MOBILE" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _stored(world, customer, "runners") == {"DESKTOP": 1.5, "CONNECTED_TV": 0.0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "spring-sale", "--adopt")
    assert imported.code == 0, imported.output
    document = yaml.safe_load((workspace / "specs" / "imported" / "spring-sale.yaml").read_text())
    [runners] = [g for g in document["spec"]["ad_groups"] if g["name"] == "runners"]
    assert runners["google"]["device_bid_adjustments"] == {"desktop": 1.5, "connected_tv": 0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_console_s_ad_group_device_modifier_is_left_alone_until_the_ad_group_s_spec_names_one(
    midas: Midas, workspace: Path
) -> None:
    """A console's device bid modifier on a managed ad group whose spec names no device is left alone (no
    plan, no drift, a snapshot and restore keep it); the campaign's naming devices does not take it over;
    once the ad group's spec names one device (at 1.0 too), the others it does not name are removed."""
    assert midas("apply", "--auto-approve").code == 0
    tablet = {"device": {"type": "TABLET"}, "bid_modifier": 1.3}
    world, customer = console_modifier_left_alone(midas, workspace, "runners", tablet)
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("  google:\n", "  google:\n    device_bid_adjustments: {desktop: 1.1}\n", 1))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _stored(world, customer, "runners") == {"TABLET": pytest.approx(1.3)}

    _with_group_adjustments(workspace, "      google:\n        device_bid_adjustments: {desktop: 1.0}\n")
    plan = midas("plan")
    assert plan.code == 0 and "runners/device:TABLET" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _stored(world, customer, "runners") == {}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hand_built_ad_group_s_device_modifiers_import_and_its_booking_ones_import_too(
    midas: Midas, bare: Path
) -> None:
    """A hand-built ad group's device bid modifiers import as its ``device_bid_adjustments`` (one at 1.0
    adjusts nothing and is not written) and a Hotel ad group's booking start day modifier as its
    ``hotel_bid_adjustments`` (issue #5: once refused by name); both adopt to no changes."""
    holiday_sale(bare)
    city_stays(bare)
    world, customer = google_sandbox(bare)
    console_ad_group_modifiers(
        world,
        customer,
        "Gift Shoppers",
        {"device": {"type": "MOBILE"}, "bid_modifier": 0.5},
        {"device": {"type": "TABLET"}, "bid_modifier": 1.0},
    )
    console_ad_group_modifiers(
        world, customer, "Lisbon", {"start_day_of_week": {"day_of_week": "FRIDAY"}, "bid_modifier": 1.2}
    )
    imported = midas("import", "--account", "google-main", "--all", "--adopt")
    assert imported.code == 0 and "bid modifiers" not in imported.output, imported.output
    document = yaml.safe_load((bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text())
    [gift] = [g for g in document["spec"]["ad_groups"] if g["name"] == "Gift Shoppers"]
    assert gift["google"]["device_bid_adjustments"] == {"mobile": 0.5}
    hotel = yaml.safe_load((bare / "specs" / "imported" / "city-stays.yaml").read_text())
    [lisbon] = [g for g in hotel["spec"]["ad_groups"] if g["name"] == "Lisbon"]
    assert lisbon["google"]["hotel_bid_adjustments"] == {"check_in_days": {"fri": 1.2}}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_an_ad_group_device_adjustment_over_a_campaign_opted_out_of_the_device_is_refused_at_its_line(
    midas: Midas, workspace: Path
) -> None:
    """Google lets no ad group override a device its campaign opts out of
    (CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER): the spec is refused at the ad group's
    device."""
    spec = _with_group_adjustments(
        workspace, "      google:\n        device_bid_adjustments: {tablet: 1.2}\n"
    )
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text.replace(
            "  google:\n    bidding", "  google:\n    device_bid_adjustments: {tablet: 0}\n    bidding", 1
        )
    )
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert "ad_groups[0].google.device_bid_adjustments.tablet" in validated.output, validated.output
    assert "opts out of tablet" in validated.output


def test_ad_group_device_bid_adjustments_converge_drift_and_remove_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads over gRPC: the ad group and its device bid modifiers are made in one apply (the ad
    group first, its modifiers under its temporary name), read back as the doubles they are (no change);
    a console change is drift an apply reverts by an update; a device taken out of the spec is removed; the
    modifiers are read by the one ad group bid modifier query a read already ran."""
    spec = _with_group_adjustments(google_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    stored = _stored(google_fake.world, GOOGLE_CUSTOMER_ID, "runners")
    assert stored == {"MOBILE": pytest.approx(0.8), "DESKTOP": pytest.approx(1.25), "CONNECTED_TV": 0.0}

    accounts = {"google-main": (GOOGLE, GOOGLE_CUSTOMER_ID, "USD")}
    set_field(google_fake.world, accounts, MOBILE + ":google-main", {"bid_modifier": "1.5"})
    drift = midas("drift")
    assert drift.code == 2 and "bid_modifier" in drift.output, drift.output
    google_fake.requests.clear()
    assert midas("apply", "--auto-approve").code == 0
    queries = [c.query or "" for c in google_fake.requests if c.method == "SearchStream"]
    assert len([q for q in queries if " FROM ad_group_bid_modifier" in q]) == 1, queries
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.write_text(spec.read_text(encoding="utf-8").replace("mobile: 0.8, ", ""), encoding="utf-8")
    google_fake.requests.clear()
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert len(mutates) == 1 and not mutates[0].error_codes, mutates
    assert "MOBILE" not in _stored(google_fake.world, GOOGLE_CUSTOMER_ID, "runners")
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_console_s_ad_group_device_modifier_is_left_alone_and_imports_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads: the plan of a managed campaign leaves a console's ad group device modifier alone
    (its ad group's spec names no device), and an import of the campaign writes it on the ad group."""
    assert midas("apply", "--auto-approve").code == 0
    console_ad_group_modifiers(
        google_fake.world, GOOGLE_CUSTOMER_ID, "runners", {"device": {"type": "DESKTOP"}, "bid_modifier": 1.3}
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    (google_workspace / "specs" / "spring-sale.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "spring-sale", "--adopt")
    assert imported.code == 0, imported.output
    document = yaml.safe_load((google_workspace / "specs" / "imported" / "spring-sale.yaml").read_text())
    [runners] = [g for g in document["spec"]["ad_groups"] if g["name"] == "runners"]
    assert runners["google"]["device_bid_adjustments"] == {"desktop": 1.3}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_group_device_modifier_a_console_set_to_1_is_set_again_by_an_update(
    midas: Midas, workspace: Path
) -> None:
    """A modifier a console set back to 1.0 reads as none (no adjustment), so the plan sets it again; Google
    still holds the row, so the apply updates it rather than create a duplicate (RESOURCE_ALREADY_EXISTS)."""
    _with_group_adjustments(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", MOBILE, "bid_modifier=1.0").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "removed or reset to 1.0 (no adjustment) out of band" in drift.output, (
        drift.output
    )
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "runners/device:MOBILE" in plan.output, plan.output
    assert "removed or reset to 1.0 (no adjustment) out of band — setting it again" in plan.output, (
        plan.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "runners")["MOBILE"] == pytest.approx(0.8)
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_group_renamed_in_the_spec_keeps_its_device_modifiers(midas: Midas, workspace: Path) -> None:
    """An ad group renamed with nothing else changed is renamed in place: its device bid modifiers move
    along with it, nothing created or removed."""
    spec = _with_group_adjustments(
        workspace, "      google:\n        device_bid_adjustments: {mobile: 0.8}\n"
    )
    assert midas("apply", "--auto-approve").code == 0
    world, customer = google_sandbox(workspace)
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("name: runners", "name: sprinters"), encoding="utf-8"
    )
    plan = midas("plan")
    assert plan.code == 0 and "ad group renamed (was 'runners')" in plan.output, plan.output
    assert "0 to create" in plan.output and "0 to delete" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _stored(world, customer, "sprinters") == {"MOBILE": pytest.approx(0.8)}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_group_renamed_in_the_spec_takes_a_console_s_device_modifier_along_left_alone(
    midas: Midas, workspace: Path
) -> None:
    """A console's device modifier on an ad group whose spec names no device is left alone, though the
    campaign's spec names devices: renamed with nothing else changed, the ad group is renamed in place and
    the modifier moves along with it, untouched."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("  google:\n", "  google:\n    device_bid_adjustments: {desktop: 1.1}\n", 1))
    assert midas("apply", "--auto-approve").code == 0
    world, customer = google_sandbox(workspace)
    console_ad_group_modifiers(
        world, customer, "walkers", {"device": {"type": "TABLET"}, "bid_modifier": 1.3}
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("name: walkers", "name: strollers"), encoding="utf-8"
    )
    plan = midas("plan")
    assert plan.code == 0 and "ad group renamed (was 'walkers')" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _stored(world, customer, "strollers") == {"TABLET": pytest.approx(1.3)}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_hotel_ad_group_s_device_bid_adjustments_apply_converge_and_import(
    midas: Midas, workspace: Path
) -> None:
    """A Hotel campaign's device adjustments are its ad groups': a Hotel ad group's apply, converge and import
    back onto it, adopting to no changes."""
    spec = workspace / "specs" / "hotel.yaml"
    spec.write_text(
        HOTEL_SPEC.replace(
            "{name: paris, google: {cpc_bid: 1.20}}",
            "{name: paris, google: {cpc_bid: 1.20, device_bid_adjustments: {mobile: 1.4, tablet: 0}}}",
        ),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    world, customer = google_sandbox(workspace)
    assert _stored(world, customer, "paris") == {"MOBILE": pytest.approx(1.4), "TABLET": 0.0}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "city-hotels", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "city-hotels.yaml").read_text())["spec"]
    groups = {g["name"]: g["google"] for g in written["ad_groups"]}
    assert groups["paris"] == {"cpc_bid": 1.2, "device_bid_adjustments": {"mobile": 1.4, "tablet": 0}}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_group_device_modifier_the_spec_does_not_name_is_removed_as_a_modifier_not_irreversibly(
    midas: Midas, workspace: Path
) -> None:
    """A console's device modifier on an ad group whose spec names devices, and one the spec stops naming, are
    removed as a campaign's device modifiers are reset: no adjustment of the ad group's own, which can be set
    again — neither "its ad_group stays" nor irreversible."""
    spec = _with_group_adjustments(
        workspace, "      google:\n        device_bid_adjustments: {mobile: 0.8}\n"
    )
    assert midas("apply", "--auto-approve").code == 0
    world, customer = google_sandbox(workspace)
    console_ad_group_modifiers(
        world, customer, "runners", {"device": {"type": "TABLET"}, "bid_modifier": 1.3}
    )
    spec.write_text(spec.read_text(encoding="utf-8").replace("{mobile: 0.8}", "{desktop: 1.0}"))
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for device in ("TABLET", "MOBILE"):
        [line] = [x for x in plan.output.splitlines() if f"runners/device:{device}" in x and "—" in x]
        assert "no adjustment of its own for the device" in line and "can be set again" in line, line
    assert "its ad_group stays" not in plan.output and "irreversible" not in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _stored(world, customer, "runners") == {}


def test_an_ad_group_device_modifier_the_spec_sets_to_one_is_removed_saying_so(
    midas: Midas, workspace: Path
) -> None:
    """A modifier the ad group's spec now names at 1.0 is removed as "at 1.0 (no adjustment)", not as "not in
    its ad group's google.device_bid_adjustments", which is said of one the spec does not name."""
    spec = _with_group_adjustments(
        workspace, "      google:\n        device_bid_adjustments: {mobile: 0.8, tablet: 1.2}\n"
    )
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(spec.read_text(encoding="utf-8").replace("{mobile: 0.8, tablet: 1.2}", "{tablet: 1.0}"))
    plan = midas("plan")
    assert plan.code == 0, plan.output
    [tablet] = [x for x in plan.output.splitlines() if "runners/device:TABLET" in x and "—" in x]
    assert "at 1.0 (no adjustment) in its ad group's google.device_bid_adjustments — removing it" in tablet
    [mobile] = [x for x in plan.output.splitlines() if "runners/device:MOBILE" in x and "—" in x]
    assert "not in its ad group's google.device_bid_adjustments — removing it" in mobile, mobile


def test_a_console_s_ad_group_device_modifier_off_by_a_millionth_is_drift_through_the_sdk(
    midas: Midas, google_workspace: Path, google_fake: GoogleAdsFake
) -> None:
    """Through google-ads: v26 AdGroupBidModifier.bid_modifier is a double, read exactly — a console's
    1.000001 where the spec says 1.0 is an adjustment (drift, removed by the apply: the spec names the device
    at 1.0, no adjustment), not read as none as a 32-bit float's 6 digits would."""
    _with_group_adjustments(
        google_workspace, "      google:\n        device_bid_adjustments: {mobile: 1.0}\n"
    )
    assert midas("apply", "--auto-approve").code == 0
    console_ad_group_modifiers(
        google_fake.world,
        GOOGLE_CUSTOMER_ID,
        "runners",
        {"device": {"type": "MOBILE"}, "bid_modifier": 1.000001},
    )
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "runners/device:MOBILE" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _stored(google_fake.world, GOOGLE_CUSTOMER_ID, "runners") == {}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_mirror_to_meta_names_an_ad_group_s_own_device_bid_adjustments_by_its_ad_group(
    midas: Midas, workspace: Path
) -> None:
    """The attention names the ad group as prose does ("of ad group 'runners'"), not "'runners''s"."""
    file = workspace / "specs" / "brand-awareness.yaml"  # on Google alone
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    adjustments = {"mobile": 0.8, "connected_tv": 0}
    document["spec"]["ad_groups"] = [{"name": "runners", "google": {"device_bid_adjustments": adjustments}}]
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--dry-run")
    assert result.code == 0, result.output
    said = (
        "google.device_bid_adjustments of ad group 'runners' apply on Google only (Meta bids no differently "
        "per device); Google shows none of its ads on connected_tv"
    )
    assert said in result.output, result.output
    assert "'runners''s" not in result.output, result.output
