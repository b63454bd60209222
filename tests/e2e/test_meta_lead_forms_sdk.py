"""Meta instant-form lead ads through the real ``facebook-business`` SDK against the local Graph API fake:
applied with the ad set's ON_AD destination and Page and the ads' form ids on the wire, converged, a
console change of an ad's form reported as drift, and a hand-built lead ads campaign imported and adopted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.meta_fixtures import META_ACCOUNT_ID, META_ACT
from fakes.meta_lead_forms import FORM_ID, OTHER_FORM_ID, lead_forms_by_hand, with_a_lead_form_campaign
from fakes.meta_messaging import PAGE_ID

from midas_reconcile.connectors.sandbox import set_field
from midas_reconcile.resources import META

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]


def test_an_instant_form_ad_set_converges_and_a_console_change_of_its_form_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    with_a_lead_form_campaign(meta_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [adset] = [a for a in meta_fake.sim.peek(META_ACT, "adset") if a["name"] == "quote-forms"]
    assert (adset["destination_type"], adset["optimization_goal"], adset["promoted_object"]) == (
        "ON_AD",
        "LEAD_GENERATION",
        {"page_id": PAGE_ID},
    )
    [creative] = [
        c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "quotes/quote-forms/get-a-quote"
    ]
    action = creative["object_story_spec"]["link_data"]["call_to_action"]
    assert action == {
        "type": "GET_QUOTE",
        "value": {"link": "https://shop.example.com/quotes", "lead_gen_form_id": FORM_ID},
    }
    field = "object_story_spec.link_data.call_to_action.value.lead_gen_form_id"
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(
        meta_fake.world,
        accounts,
        "adcreative/quotes/quote-forms/get-a-quote@meta:meta-main",
        {field: OTHER_FORM_ID},
    )
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "lead_gen_form_id" in drift.output and OTHER_FORM_ID in drift.output, drift.output


def test_a_hand_built_lead_ads_campaign_imports_and_adopts_exactly_through_the_sdk(
    midas: Midas, meta_workspace: Path
) -> None:
    for file in [*(meta_workspace / "specs").glob("*.yaml"), *(meta_workspace / "policies").glob("*.yaml")]:
        file.unlink()
    lead_forms_by_hand(meta_workspace)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    text = (meta_workspace / "specs" / "imported" / "free-quotes.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)["spec"]
    assert spec["meta"]["destination"] == "form", text
    assert spec["creatives"][0]["meta"] == {"lead_form_id": FORM_ID}, text
