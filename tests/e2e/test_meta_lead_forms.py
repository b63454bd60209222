"""Meta instant-form lead ads (``meta.destination: form``, a creative's ``meta.lead_form_id``) through the CLI
on the sandbox: applied as Meta accepts them, converged, a console change of an ad's form reported as drift,
imported and adopted exactly, kept on Meta by ``mirror`` and ``compare``, and refused where Meta would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.hand_built import meta_live_nodes
from fakes.meta_lead_forms import (
    FORM_ID,
    LEADS,
    LEADS_BY_HAND,
    OTHER_FORM_ID,
    lead_forms_by_hand,
    with_a_lead_form_campaign,
)
from fakes.meta_messaging import PAGE_ID, with_page

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def test_instant_form_ad_sets_apply_as_meta_accepts_them_and_converge(midas: Midas, workspace: Path) -> None:
    with_a_lead_form_campaign(with_page(workspace))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    adset = meta_live_nodes(workspace, "adset")["quote-forms"]
    assert (adset["destination_type"], adset["optimization_goal"]) == ("ON_AD", "LEAD_GENERATION")
    assert adset["promoted_object"] == {"page_id": PAGE_ID}
    creative = meta_live_nodes(workspace, "adcreative")["quotes/quote-forms/get-a-quote"]
    assert creative["object_story_spec"]["link_data"]["call_to_action"] == {
        "type": "GET_QUOTE",
        "value": {"link": "https://shop.example.com/quotes", "lead_gen_form_id": FORM_ID},
    }


def test_a_console_change_of_an_ad_s_instant_form_is_drift(midas: Midas, workspace: Path) -> None:
    with_a_lead_form_campaign(with_page(workspace))
    assert midas("apply", "--auto-approve").code == 0
    field = "object_story_spec.link_data.call_to_action.value.lead_gen_form_id"
    edited = midas(
        "sandbox", "set", "adcreative/quotes/quote-forms/get-a-quote@meta", f'{field}="{OTHER_FORM_ID}"'
    )
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "lead_gen_form_id" in drift.output and OTHER_FORM_ID in drift.output, drift.output
    # The spec's form comes back by replacing the creative (Meta's creatives are immutable).
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_hand_built_lead_ads_campaign_imports_and_adopts_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    lead_forms_by_hand(workspace)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec = yaml.safe_load((workspace / "specs" / "imported" / "free-quotes.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["objective"] == "leads"
    assert spec["spec"]["meta"]["destination"] == "form"
    assert "optimization_goal" not in spec["spec"]["meta"], spec
    (creative,) = spec["spec"]["creatives"]
    assert creative["meta"] == {"lead_form_id": FORM_ID}
    assert creative["call_to_action"] == "sign_up"


def test_sending_a_live_instant_form_ad_set_s_ads_elsewhere_is_refused(midas: Midas, workspace: Path) -> None:
    """Meta sets an ad set's destination and promoted object when it creates it: another would replace it."""
    with_a_lead_form_campaign(with_page(workspace))
    assert midas("apply", "--auto-approve").code == 0
    website = LEADS.replace("destination: form", "destination: website")
    with_a_lead_form_campaign(workspace, website.replace(f'meta: {{lead_form_id: "{FORM_ID}"}}', "meta: {}"))
    plan = midas("plan")
    assert (
        "adset/quotes/quote-forms@meta:meta-main would be replaced: Meta does not change what a live ad "
        "set promotes or counts or where a live ad set's ads send people"
    ) in plan.output, plan.output


def test_import_refuses_a_website_ad_set_s_ad_opening_an_instant_form(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """A form opens only from an ad set opening forms (ON_AD): elsewhere the spec cannot say it."""
    with_page(workspace)
    lead_forms_by_hand(workspace, destination="WEBSITE")
    imported = midas("import", "--account", "meta-main", "--all")
    assert imported.code == 1, imported.output
    assert "call_to_action.value.lead_gen_form_id" in imported.output, imported.output
    assert LEADS_BY_HAND in imported.output


@pytest.mark.parametrize(
    ("options", "refusal"),
    [
        ({"form_id": None}, "must have an ad creative opening a lead form"),
        (
            {"objective": "OUTCOME_TRAFFIC"},
            "destination_type ON_AD is not available for objective OUTCOME_TRAFFIC",
        ),
    ],
    ids=["an-ad-opening-no-form", "a-traffic-campaign"],
)
def test_the_sandbox_refuses_instant_form_ads_meta_would(
    workspace: Path, options: dict[str, Any], refusal: str
) -> None:
    with pytest.raises(AssertionError, match=refusal):
        lead_forms_by_hand(with_page(workspace), **options)


def test_mirror_to_google_keeps_instant_forms_on_meta_and_says_so(midas: Midas, workspace: Path) -> None:
    with_a_lead_form_campaign(with_page(workspace))
    result = midas("mirror", "campaign/quotes", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "ad group 'quote-forms' opens an instant form on Meta (meta.destination: form, each creative's "
        "meta.lead_form_id): the form is Meta's alone"
    ) in result.output, result.output
    written = yaml.safe_load((workspace / "specs" / "quotes.yaml").read_text(encoding="utf-8"))["spec"]
    assert written["meta"]["destination"] == "form"
    assert written["creatives"][0]["meta"] == {"lead_form_id": FORM_ID}


def test_compare_shows_instant_forms_as_meta_s_alone(midas: Midas, workspace: Path) -> None:
    with_a_lead_form_campaign(with_page(workspace))
    assert midas("mirror", "campaign/quotes", "--to", "google", "--split", "0.25").code == 0
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    compared = midas("compare", "campaign/quotes", "--format", "json")
    assert compared.code == 0, compared.output
    rows = {f["field"]: (f["google"], f["meta"], f["same"]) for f in json.loads(compared.output)["fields"]}
    assert rows["meta.destination"] == (None, "form", False), rows


@pytest.mark.parametrize(
    ("old", "new", "at", "says"),
    [
        ("objective: leads", "objective: traffic", "meta.destination", "expected a leads campaign"),
        ("call_to_action: get_quote", "call_to_action: shop_now", "creatives[0].call_to_action",
         "expected one of"),
        (f'meta: {{lead_form_id: "{FORM_ID}"}}', "meta: {}", "creatives[0].meta",
         "found no lead_form_id"),
        ("destination: form", "destination: form\n    optimization_goal: LINK_CLICKS",
         "meta.optimization_goal", "expected LEAD_GENERATION or QUALITY_LEAD"),
        ("destination: form", "destination: website", "creatives[0].meta.lead_form_id",
         "found a lead form on a creative that runs outside instant-form ads"),
    ],
    ids=["objective", "button", "no-form", "goal", "form-elsewhere"],
)  # fmt: skip
def test_instant_form_spec_errors_are_said_at_their_line(
    midas: Midas, workspace: Path, old: str, new: str, at: str, says: str
) -> None:
    assert old in LEADS
    with_a_lead_form_campaign(with_page(workspace), LEADS.replace(old, new))
    result = midas("validate")
    assert result.code == 1, result.output
    assert "quotes.yaml:" in result.output and at in result.output and says in result.output, result.output


def test_an_instant_form_in_a_google_only_campaign_is_a_spec_error(midas: Midas, workspace: Path) -> None:
    """The form is Meta's alone: written where the campaign is not on Meta, it is refused, not ignored."""
    google_only = LEADS.replace("meta: {account: meta-main}", "google: {account: google-main}")
    with_a_lead_form_campaign(with_page(workspace), google_only)
    result = midas("validate")
    assert result.code == 1, result.output
    assert "quotes.yaml:" in result.output, result.output
    assert "meta.destination: found form in a campaign not on Meta" in result.output, result.output
    assert "creatives[0].meta.lead_form_id" in result.output, result.output


def test_instant_forms_need_the_account_s_page(midas: Midas, workspace: Path) -> None:
    with_a_lead_form_campaign(workspace)
    result = midas("validate")
    assert result.code == 1, result.output
    assert "expected 'page_id' on Meta account 'meta-main'" in result.output, result.output
