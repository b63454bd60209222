"""`midas drift` of objects below a campaign deleted in a console and built again there under the same name:
MIDAS's object is reported deleted out of band (once, at the top-most), and the one there now as made
outside MIDAS, with what the plan does with it; the plan shows the record moving to it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from midas_reconcile.connectors.base import Connector, WriteOp
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.resources import Address, Resource
from midas_reconcile.settings import load_settings

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def _applied(midas: Midas, workspace: Path, account: str) -> tuple[Connector, dict[str, Resource]]:
    """The example applied, then ``account`` as a console sees it: its connector, and its live objects by
    address."""
    assert midas("apply", "--auto-approve").code == 0
    connector = ConnectorFactory(load_settings(workspace)).create(account)
    return connector, {str(r.address): r for r in connector.read()}


def _built_in_console(connector: Connector, address: Address, fields: dict[str, Any], **refs: Any) -> str:
    """Build an object in the console at ``address`` (under what ``refs`` name by id); its id."""
    [made] = connector.write([WriteOp("create", address, fields, refs=refs)])
    assert made.ok and made.platform_id, made
    return made.platform_id


def _converges(midas: Midas) -> None:
    """An apply takes the object there now as MIDAS's: drift then has nothing to tell."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0


def _findings(midas: Midas) -> list[tuple[str, str, str]]:
    run = midas("drift", "--format", "json")
    assert run.code == 2, run.output
    return [(i["address"], i["kind"], i["message"]) for i in json.loads(run.output)["items"]]


def test_a_meta_ad_deleted_and_rebuilt_in_a_console_is_reported_deleted_and_its_namesake_made_outside(
    midas: Midas, workspace: Path
) -> None:
    meta, live = _applied(midas, workspace, "meta-main")
    ad = live["ad/spring-sale/walkers/spring-shoes@meta:meta-main"]
    adset = live["adset/spring-sale/walkers@meta:meta-main"]
    creative = live["adcreative/spring-sale/walkers/spring-shoes@meta:meta-main"]
    assert midas("sandbox", "delete", "ad/spring-sale/walkers/spring-shoes@meta").code == 0
    made = _built_in_console(
        meta,
        ad.address,
        {"name": "spring-shoes", "status": "ACTIVE"},
        adset=adset.platform_id,
        creative=creative.platform_id,
    )
    assert _findings(midas) == [
        (
            str(ad.address),
            "deleted",
            f"deleted out of band; the one there now (id {made}, MIDAS's was {ad.platform_id}) "
            "was made outside MIDAS; as the specs have it but for MIDAS's marker (the next apply marks and "
            "records it)",
        )
    ]
    plan = json.loads(midas("plan", "--format", "json").output)
    [change] = [c for c in plan["changes"] if c["address"] == str(ad.address)]
    assert "made outside MIDAS" in change["reason"], change
    _converges(midas)


def test_a_google_ad_group_deleted_and_rebuilt_in_a_console_is_one_deletion_with_what_was_under_it(
    midas: Midas, workspace: Path
) -> None:
    google, live = _applied(midas, workspace, "google-main")
    campaign = live["campaign/spring-sale@google:google-main"]
    group = live["ad_group/spring-sale/walkers@google:google-main"]
    under = [
        a
        for a in live
        if a.startswith(("ad_group_criterion/spring-sale/walkers/", "ad_group_ad/spring-sale/walkers/"))
    ]
    assert midas("sandbox", "delete", "ad_group/spring-sale/walkers@google").code == 0
    made = _built_in_console(
        google,
        group.address,
        {"name": "walkers", "status": "ENABLED", "type": "SEARCH_STANDARD"},
        campaign=campaign.platform_id,
    )
    drift = midas("drift")
    assert drift.code == 2
    lines = [line for line in drift.output.splitlines() if "spring-sale/walkers" in line]
    assert len(lines) == 1, drift.output
    assert (
        f"ad_group/spring-sale/walkers@google:google-main — deleted out of band (with {len(under)} resources "
        f"under it); the one there now (id {made}, MIDAS's was {group.platform_id}) was made "
        "outside MIDAS" in lines[0]
    ), drift.output
    _converges(midas)


def test_a_google_ad_deleted_and_added_again_as_it_was_is_drift_and_the_plan_moves_its_record(
    midas: Midas, workspace: Path
) -> None:
    google, live = _applied(midas, workspace, "google-main")
    [ad] = [r for a, r in live.items() if a.startswith("ad_group_ad/spring-sale/walkers/")]
    group = live["ad_group/spring-sale/walkers@google:google-main"]
    # A Google ad has no name: the connector reads it at its id, MIDAS at its spec name by its record.
    named = "ad_group_ad/spring-sale/walkers/spring-shoes@google:google-main"
    assert midas("sandbox", "delete", named).code == 0
    made = _built_in_console(google, ad.address, dict(ad.fields), ad_group=group.platform_id)
    assert _findings(midas) == [
        (
            named,
            "deleted",
            f"deleted out of band; the one there now (id {made}, MIDAS's was {ad.platform_id}) "
            "was made outside MIDAS; as the specs have it (the next apply records it)",
        )
    ]
    plan = json.loads(midas("plan", "--format", "json").output)
    assert plan["record_refreshes"] == {named: ["(replaced out of band)"]}
    _converges(midas)
