"""A Google ad group's own bid modifiers (v26 AdGroupBidModifier: devices, a Hotel ad group's bookings) on a
workspace's sandbox, as the e2e tests of both reach them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.settings import load_settings


def google_sandbox(workspace: Path) -> tuple[Any, str]:
    """``workspace``'s sandbox world and its google-main account's customer id."""
    settings = load_settings(workspace)
    return ConnectorFactory(settings).sandbox_world(), str(settings.accounts["google-main"].customer_id)


def live_ad_group(sim: GoogleAdsSimulator, customer: str, group_name: str) -> dict[str, Any]:
    """The live ad group ``group_name`` of ``customer``, as the simulator holds it."""
    [group] = [g for g in sim.peek(customer, "ad_group") if g["name"] == group_name]
    return group


def console_ad_group_modifiers(world: Any, customer: str, group_name: str, *criteria: dict[str, Any]) -> None:
    """Ad group bid modifiers a console made on the live ad group ``group_name``, one of each ``criteria``."""
    sim = GoogleAdsSimulator(world)
    group = live_ad_group(sim, customer, group_name)
    ops = [
        {"ad_group_bid_modifier_operation": {"create": {"ad_group": group["resource_name"], **criterion}}}
        for criterion in criteria
    ]
    sim.mutate(customer, ops)


def console_modifier_left_alone(
    midas: Callable[..., Any], workspace: Path, group_name: str, criterion: dict[str, Any]
) -> tuple[Any, str]:
    """A console's ad group bid modifier ``criterion`` on the applied ad group ``group_name``, whose spec
    names none of its kind: left alone, no plan and no drift; a snapshot taken then restored (the caller
    checks it kept it). ``workspace``'s sandbox world and customer id."""
    world, customer = google_sandbox(workspace)
    console_ad_group_modifiers(world, customer, group_name, criterion)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert midas("drift").code == 0, midas("drift").output
    assert midas("snapshot", "--name", "alone").code == 0
    restored = midas("restore", "alone", "--auto-approve")
    assert restored.code == 0, restored.output
    return world, customer
