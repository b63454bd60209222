"""Places of other kinds than the spec language names (counties, neighborhoods, airports …), written by
their Google geo target constant (``geoTargetConstants/9059413``): Google's alone. In the sandbox: compiled,
applied, converged, drifted, guarded, imported and mirrored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import DEMAND_GEN_SPEC, GOOGLE_PLACES_SPEC, LOCAL_SPEC
from fakes.hand_built import US, metro_campaign, write_all

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

AUSTIN_COUNTY = "Austin County, US-TX (County)"


def _write(workspace: Path, text: str) -> None:
    (workspace / "specs" / "local.yaml").write_text(text, encoding="utf-8")


def _live_geos(workspace: Path) -> tuple[set[str], set[str]]:
    """The geo target constants the Google campaign's location criteria target, and those they exclude."""
    connector = ConnectorFactory(load_settings(workspace)).create("google-main")
    criteria = [r.fields for r in connector.read() if r.address.kind == "campaign_criterion"]
    geos = [(c["geo_target_constant"], bool(c.get("negative"))) for c in criteria if c["type"] == "LOCATION"]
    return {g for g, negative in geos if not negative}, {g for g, negative in geos if negative}


def test_places_by_geo_target_constant_are_google_location_criteria_named_in_the_plan_and_converge(
    midas: Midas, bare: Path
) -> None:
    _write(bare, GOOGLE_PLACES_SPEC)
    planned = midas("plan")
    assert planned.code == 0, planned.output
    # Beside the address and the constant, the place as Google describes it: name, region, kind.
    assert (
        "+ campaign_criterion/local/location:9059413@google:google-main (Austin County, US-TX (County)) "
        "— new in specs"
    ) in planned.output
    assert (
        '+ geo_target_constant: "geoTargetConstants/9100005" (San Francisco International Airport, US-CA '
        in (planned.output)
    )
    assert "negative_location:9100002@google:google-main (Mission District, US-CA (Neighborhood))" in (
        planned.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    targeted, excluded = _live_geos(bare)
    assert targeted == {
        "geoTargetConstants/9059413",
        "geoTargetConstants/9100005",
        "geoTargetConstants/1020000",
    }
    assert excluded == {"geoTargetConstants/9100002"}
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0


def test_a_county_swapped_in_the_console_is_drift_named_as_google_describes_it_and_apply_restores_it(
    midas: Midas, bare: Path
) -> None:
    _write(bare, GOOGLE_PLACES_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    swapped = midas(
        "sandbox",
        "set",
        "campaign_criterion/local/location:9059413@google",
        "location.geo_target_constant=geoTargetConstants/9061103",
    )
    assert swapped.code == 0, swapped.output
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert f"campaign_criterion/local/location:9059413@google:google-main ({AUSTIN_COUNTY}) — deleted" in (
        drift.output
    )
    assert "location:9061103@google:google-main (Kenosha County, US-WI (County)) — added out of band" in (
        drift.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert "geoTargetConstants/9059413" in _live_geos(bare)[0]
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("entry", "command", "message"),
    [
        (  # no account has it: an error of the plan, as an unknown city is
            "geoTargetConstants/9999999",
            "plan",
            "location 'geoTargetConstants/9999999' is not known to google account 'google-main'; expected "
            "the id of a geo target constant Google has",
        ),
        (  # a country's constant: a spec error, the country has its code
            "geoTargetConstants/2840",
            "validate",
            "found 'geoTargetConstants/2840', which is the country 'US'; expected it written 'US'",
        ),
        (
            "geoTargetConstants/12ab",
            "validate",
            "found 'geoTargetConstants/12ab'; expected a Google geo target constant as 'geoTargetConstants/' "
            "then its id (digits)",
        ),
    ],
)
def test_a_bad_or_unknown_geo_target_constant_is_an_error_at_its_entry(
    midas: Midas, bare: Path, entry: str, command: str, message: str
) -> None:
    _write(bare, GOOGLE_PLACES_SPEC.replace("geotargetconstants/9100005", entry))
    result = midas(command)
    assert result.code == 1, result.output
    assert f"specs/local.yaml:10:47: spec.targeting.locations[1]: {message}" in result.output


def test_on_a_campaign_also_on_meta_a_county_is_google_s_alone_with_a_warning_and_in_compare(
    midas: Midas, bare: Path
) -> None:
    _write(bare, LOCAL_SPEC.replace("'Toronto, CA'", "'Toronto, CA', geoTargetConstants/9059413"))
    planned = midas("plan")
    assert planned.code == 0, planned.output
    assert (
        "location 'geoTargetConstants/9059413' is Google's alone (a geo target constant: a county, a "
        "neighborhood …, which Meta has no equivalent of); the Meta ad set leaves it out"
    ) in " ".join(planned.output.split())
    assert midas("apply", "--auto-approve").code == 0
    assert "geoTargetConstants/9059413" in _live_geos(bare)[0]
    assert midas("plan", "--detailed-exitcode").code == 0
    # compare: the county is one side's, and a row names it as Google describes it.
    compared = midas("compare", "campaign/local")
    assert compared.code == 0, compared.output
    rows = {line.split("  ")[0].strip("≠ "): line for line in compared.output.splitlines()}
    assert (
        "geoTargetConstants/9059413" in rows["targeting.locations"] and rows["targeting.locations"][0] == "≠"
    )
    assert f"geoTargetConstants/9059413 ({AUSTIN_COUNTY})" in rows["places Google's alone"]


def test_on_a_campaign_on_meta_alone_a_place_by_geo_target_constant_is_an_error_at_its_entry(
    midas: Midas, bare: Path
) -> None:
    meta_only = (
        LOCAL_SPEC.replace("    google: {account: google-main}\n", "")
        .replace("currency: USD, split: {google: 0.5, meta: 0.5}", "currency: USD")
        .replace("'Toronto, CA'", "'Toronto, CA', geoTargetConstants/9059413")
    )
    _write(bare, meta_only)
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert validated.output.count("geoTargetConstants/9059413") == 1, validated.output
    assert (
        "specs/local.yaml:10:56: spec.targeting.locations[2]: location 'geoTargetConstants/9059413' is "
        "Google's alone (a geo target constant) and the campaign runs on Meta only; expected a place Meta has"
    ) in validated.output


def test_allowed_countries_hold_a_place_of_another_kind_to_its_constant_s_country(
    midas: Midas, workspace: Path
) -> None:
    """Allowed: US, CA, GB. A Texas county passes; a Tokyo municipality (``country_code`` JP) is held back,
    named as Google describes it; a saved plan keeps the description for ``apply PLANFILE``."""
    _write(workspace, GOOGLE_PLACES_SPEC)
    planned = midas("plan", "--out", str(workspace / "plan.json"))
    assert planned.code == 0 and "Violations" not in planned.output, planned.output
    assert midas("apply", str(workspace / "plan.json"), "--auto-approve").code == 0
    _write(workspace, GOOGLE_PLACES_SPEC.replace("geotargetconstants/9100005", "geoTargetConstants/9100008"))
    blocked = midas("plan", "--detailed-exitcode")
    assert blocked.code == 1, blocked.output
    assert (
        "campaign_criterion/local/location:9100008@google:google-main targets JP (Shinjuku, JP "
        "(Municipality)); allowed countries: CA, GB, US"
    ) in blocked.output
    assert midas("apply", "--auto-approve", "--override", "countries").code == 0


def test_import_writes_places_of_other_kinds_by_their_constant_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    """What import refused before (a county …): the constant is the entry, targeted and excluded alike."""
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    county = {
        "key": "location:9059413",
        "type": "LOCATION",
        "geo_target_constant": "geoTargetConstants/9059413",
    }
    airport = {
        "key": "negative_location:9100005",
        "type": "LOCATION",
        "geo_target_constant": "geoTargetConstants/9100005",
        "negative": True,
    }
    write_all(google, metro_campaign([US, county, airport]))
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    [written] = (bare / "specs" / "imported").glob("*.yaml")
    targeting = yaml.safe_load(written.read_text(encoding="utf-8"))["spec"]["targeting"]
    assert targeting["locations"] == ["US", "geoTargetConstants/9059413"]
    assert targeting["exclude"]["locations"] == ["geoTargetConstants/9100005"]
    assert midas("plan", "--detailed-exitcode").code == 0


def test_mirror_to_meta_names_places_of_other_kinds_as_needing_attention(midas: Midas, bare: Path) -> None:
    _write(bare, GOOGLE_PLACES_SPEC)
    mirrored = midas("mirror", "campaign/local", "--to", "meta")
    assert mirrored.code == 0, mirrored.output
    assert (
        "needs attention: the campaign's targeting.locations geoTargetConstants/9059413, "
        "geoTargetConstants/9100005 are Google's alone"
    ) in mirrored.output
    assert (
        "needs attention: the campaign's targeting.exclude.locations geoTargetConstants/9100002 are "
        "Google's alone"
    ) in mirrored.output
    assert midas("apply", "--auto-approve").code == 0
    connector = ConnectorFactory(load_settings(bare)).create("meta-main")
    [adset] = [r.fields for r in connector.read() if r.address.kind == "adset"]
    assert [c["key"] for c in adset["targeting"]["geo_locations"]["cities"]] == ["2430000"]  # San Francisco
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_demand_gen_ad_group_targets_and_excludes_places_of_other_kinds_as_its_own_criteria(
    midas: Midas, bare: Path
) -> None:
    """A Demand Gen campaign's places are its ad groups' criteria: so are those by geo target constant."""
    own = "targeting: {locations: [CA], languages: [en, fr]}"
    spec = DEMAND_GEN_SPEC.replace(
        own,
        "targeting: {locations: [CA, geoTargetConstants/9100008], exclude: {locations: [geoTargetConstants/"
        "9100007]}, languages: [en, fr]}",
    )
    assert spec != DEMAND_GEN_SPEC
    (bare / "specs" / "demand-gen.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert "+ ad_group_criterion/trail-demand/canada/location:9100008@google:google-main (Shinjuku, JP " in (
        planned.output
    )
    assert "negative_location:9100007@google:google-main (Camden, GB-ENG (Borough))" in planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
