"""Cities and postal codes in unified targeting (``San Francisco, US-CA``, ``US:94103``) on both platforms,
in the sandbox: compiled, applied, converged, drifted, imported and mirrored."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import (
    ADDRESS_RADIUS,
    ADDRESS_SPEC,
    DMA_SPEC,
    EXCLUDED_CITY_RADIUS_SPEC,
    EXCLUDED_PIN_SPEC,
    LOCAL_SPEC,
    RADIUS_SPEC,
)
from fakes.hand_built import EXCLUDED_CITY_RADIUS as HOLIDAY_CITY_RADIUS
from fakes.hand_built import EXCLUDED_PIN as HOLIDAY_PIN
from fakes.hand_built import (
    PLACES,
    RADII,
    US,
    holiday_sale,
    imported_places,
    metro_campaign,
    write_all,
)

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox.place_catalog import find_place
from midas_reconcile.settings import load_settings
from midas_reconcile.spec._places import parse_radius
from midas_reconcile.targeting.places import proximity_fields, proximity_key

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
CITY, CODE, EXCLUDED = PLACES


def test_import_reads_cities_and_postal_codes_into_the_notation_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    holiday_sale(bare, places=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    # One list: both platforms target the same places.
    assert imported_places(bare) == ([CITY, "US", CODE], [EXCLUDED])
    assert midas("plan", "--detailed-exitcode").code == 0


def _ids(platform: str, *entries: str) -> list[str]:
    found = [find_place(entry) for entry in entries]
    assert all(found), entries
    return [p.google_id if platform == "google" else p.meta_key for p in found]  # type: ignore[union-attr]


def _live(workspace: Path, account: str, kind: str) -> list[dict[str, Any]]:
    connector = ConnectorFactory(load_settings(workspace)).create(account)
    return [r.fields for r in connector.read() if r.address.kind == kind]


def _refused(midas: Midas, workspace: Path, spec: str) -> str:
    """What ``validate`` says of ``spec`` as ``specs/local.yaml``, its lines joined, once checked that it
    refuses it."""
    (workspace / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1, validated.output
    return " ".join(validated.output.split())


def _google_only(spec: str) -> str:
    """``spec`` (a campaign on both platforms, its budget split) run on Google alone."""
    return spec.replace("    meta: {account: meta-main}\n", "").replace(
        "currency: USD, split: {google: 0.5, meta: 0.5}", "currency: USD"
    )


def _meta_only(spec: str) -> str:
    """``spec`` (a campaign on both platforms, its budget split) run on Meta alone."""
    return spec.replace("    google: {account: google-main}\n", "").replace(
        "currency: USD, split: {google: 0.5, meta: 0.5}", "currency: USD"
    )


def _google_negatives_without_proximity(workspace: Path) -> list[dict[str, Any]]:
    """Google's negative campaign criteria, once checked that none is a radius (Google leaves one out)."""
    criteria = _live(workspace, "google-main", "campaign_criterion")
    assert not [c for c in criteria if c["type"] == "PROXIMITY"]
    return [c for c in criteria if c.get("negative")]


def _assert_meta_excludes_15_mi_around_oakland(workspace: Path) -> None:
    [adset] = _live(workspace, "meta-main", "adset")
    oakland = find_place("Oakland, US-CA")
    assert oakland is not None
    assert adset["targeting"]["excluded_geo_locations"]["cities"] == [
        {"key": oakland.meta_key, "radius": 15, "distance_unit": "mile"}
    ]


def test_cities_and_postal_codes_compile_to_google_criteria_and_meta_geo_locations_and_converge(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    criteria = _live(bare, "google-main", "campaign_criterion")
    targeted = {c["geo_target_constant"].rsplit("/", 1)[-1] for c in criteria if not c.get("negative")}
    excluded = {c["geo_target_constant"].rsplit("/", 1)[-1] for c in criteria if c.get("negative")}
    assert targeted == set(_ids("google", "San Francisco, US-CA", "Toronto, CA", "US:94103"))
    assert excluded == set(_ids("google", "US:94110"))
    [adset] = _live(bare, "meta-main", "adset")
    geo, away = adset["targeting"]["geo_locations"], adset["targeting"]["excluded_geo_locations"]
    assert sorted(c["key"] for c in geo["cities"]) == sorted(
        _ids("meta", "San Francisco, US-CA", "Toronto, CA")
    )
    assert [z["key"] for z in geo["zips"]] == ["US:94103"] and [z["key"] for z in away["zips"]] == [
        "US:94110"
    ]


def test_a_city_changed_in_the_console_is_drift_and_apply_restores_it(midas: Midas, bare: Path) -> None:
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    [oakland] = _ids("meta", "Oakland, US-CA")
    cities = f'targeting.geo_locations.cities=[{{"key": "{oakland}"}}]'
    assert midas("sandbox", "set", "adset/local/main@meta", cities).code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "adset/local/main@meta:meta-main" in drift.output and oakland in drift.output
    # Readable: each key with its entry, the specs' as they write it, the console's as the platform names it.
    [sf, toronto] = _ids("meta", "San Francisco, US-CA", "Toronto, CA")
    assert (
        f'(2430000 = San Francisco, US-CA; {toronto} = Toronto, CA) → [{{"key": "{oakland}"}}] '
        f"({oakland} = Oakland, US-CA)"
    ).replace("2430000", sf) in drift.output
    # JSON carries the places too, as a JSON plan does.
    places = json.loads(midas("drift", "--format", "json").output)["places"]["meta-main"]
    assert (places[sf], places[oakland]) == ("San Francisco, US-CA", "Oakland, US-CA")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_city_a_platform_cannot_find_is_an_error_naming_it_and_the_platform(
    midas: Midas, bare: Path
) -> None:
    unknown = LOCAL_SPEC.replace("'Toronto, CA'", "'Atlantis City, US-NJ'")
    (bare / "specs" / "local.yaml").write_text(unknown, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 1, planned.output
    for platform, account in (("google", "google-main"), ("meta", "meta-main")):
        assert (
            "specs/local.yaml:11:41: spec.targeting.locations[1]: location 'Atlantis City, US-NJ' is not "
            f"known to {platform} account '{account}'"
        ) in planned.output


def test_mirror_carries_cities_and_postal_codes_over_then_converges(midas: Midas, bare: Path) -> None:
    google_only = _google_only(LOCAL_SPEC)
    (bare / "specs" / "local.yaml").write_text(google_only, encoding="utf-8")
    mirrored = midas("mirror", "campaign/local", "--to", "meta")
    assert mirrored.code == 0, mirrored.output
    assert midas("apply", "--auto-approve").code == 0
    [adset] = _live(bare, "meta-main", "adset")
    assert [z["key"] for z in adset["targeting"]["excluded_geo_locations"]["zips"]] == ["US:94110"]
    assert sorted(c["key"] for c in adset["targeting"]["geo_locations"]["cities"]) == sorted(
        _ids("meta", "San Francisco, US-CA", "Toronto, CA")
    )
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_saved_plan_of_cities_and_postal_codes_passes_the_countries_guardrail_as_plan_did(
    midas: Midas, workspace: Path
) -> None:
    """``apply PLANFILE`` compiles nothing: the guardrail knows a city's or postal code's country from the
    ids the plan resolved (the store's cache), as the plan knew it, not as an unknown location."""
    (workspace / "specs" / "local.yaml").write_text(LOCAL_SPEC, encoding="utf-8")  # allowed: US, CA, GB
    planned = midas("plan", "--out", str(workspace / "plan.json"))
    assert planned.code == 0 and "Violations" not in planned.output, planned.output
    applied = midas("apply", str(workspace / "plan.json"), "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (
            (
                "exclude: {locations: ['us:94110']}",
                "exclude: {locations: ['us:94110', 'san francisco, us-ca']}",
            ),
            "spec.targeting.exclude.locations[1]: location 'san francisco, US-CA' is both targeted and "
            "excluded",
        ),
        (
            ("  ad_groups:\n", "  google: {targeting: {locations: [US-CA, 'US:94110']}}\n  ad_groups:\n"),
            "spec.google.targeting.locations: found US:94110, which the campaign's targeting excludes",
        ),
    ],
    ids=["in-one-targeting-in-another-case", "an-override-targets-what-the-campaign-excludes"],
)
def test_a_location_both_targeted_and_excluded_is_a_spec_error_and_nothing_is_applied(
    midas: Midas, bare: Path, edit: tuple[str, str], error: str
) -> None:
    """No platform targets and excludes one place (Google: CANNOT_TARGET_AND_EXCLUDE): validate says so at
    the entry, as for audiences, rather than let the apply half-fail."""
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC.replace(*edit), encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1 and error in " ".join(validated.output.split()), validated.output
    assert midas("apply", "--auto-approve").code == 1
    assert not [o for o in _live(bare, "meta-main", "adset")]


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (
            (
                "  ad_groups:\n",
                "  google: {targeting: {exclude: {locations: ['us:94110', 'us:94103']}}}\n  ad_groups:\n",
            ),
            "specs/local.yaml:13:58: spec.google.targeting.exclude.locations[1]: location 'US:94103' is "
            "excluded here and targeted at spec.targeting.locations[2], which Google's campaign reads with "
            "it: Google refuses to target and exclude one criterion",
        ),
        (
            (
                "  ad_groups:\n",
                "  meta: {targeting: {exclude: {locations: ['us:94110', 'us:94103']}}}\n  ad_groups:\n",
            ),
            "specs/local.yaml:13:56: spec.meta.targeting.exclude.locations[1]: location 'US:94103' is "
            "excluded here and targeted at spec.targeting.locations[2], which Meta's ad set 'main' reads "
            "with it: every place of it is excluded, so Meta reaches no one there",
        ),
        (
            (
                "    - name: main\n",
                "    - name: main\n      targeting: {exclude: {locations: ['US:94103']}}\n",
            ),
            "specs/local.yaml:15:41: spec.ad_groups[0].targeting.exclude.locations[0]: location "
            "'US:94103' is excluded here and targeted at spec.targeting.locations[2], which Meta's ad set "
            "'main' reads with it",
        ),
        (
            (
                "    - name: main\n",
                "    - name: main\n      targeting: {locations: ['Toronto, CA', 'us:94110']}\n",
            ),
            "specs/local.yaml:15:46: spec.ad_groups[0].targeting.locations[1]: location 'US:94110' is "
            "targeted here and excluded at spec.targeting.exclude.locations[0], which Meta's ad set 'main' "
            "reads with it",
        ),
        (
            (
                "    - name: main\n",
                "    - name: main\n      targeting: {exclude: {locations: ['US-CA']}}\n    - name: second\n",
            ),
            "spec.ad_groups[0].targeting.exclude.locations[0]: location 'US-CA' is excluded here and "
            "targeted at spec.meta.targeting.locations[0], which Meta's ad set 'main' reads with it",
        ),
    ],
    ids=[
        "google-s-override-excludes-a-unified-location",
        "meta-s-override-excludes-a-unified-location",
        "an-ad-group-excludes-an-inherited-location",
        "an-ad-group-targets-an-inherited-exclusion",
        "an-ad-group-excludes-what-meta-s-override-targets",
    ],
)
def test_a_location_one_layer_targets_and_another_excludes_is_a_spec_error_naming_both(
    midas: Midas, bare: Path, edit: tuple[str, str], error: str
) -> None:
    """What each platform reads is the campaign's targeting, its override and (Meta's ad sets, Google's
    Demand Gen ad groups) the ad group's, each replacing the fields it sets: one place targeted by one of them
    and excluded by another is checked as in one targeting, at the entry written last naming the other,
    before anything is written (Google refused it mid-apply)."""
    spec = LOCAL_SPEC.replace(*edit)
    if "second" in edit[1]:
        spec = spec.replace("  ad_groups:\n", "  meta: {targeting: {locations: ['US-CA']}}\n  ad_groups:\n")
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    for command in ("validate", "plan"):
        checked = midas(command)
        said = " ".join(checked.output.split())
        assert checked.code == 1 and error in said, said
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")
    assert not _live(bare, "google-main", "campaign")


@pytest.mark.parametrize(
    "edits",
    [
        [
            ("['San Francisco, US-CA', 'Toronto, CA', 'US:94103']", "['Toronto, CA', 'US:94103']"),
            (
                "  ad_groups:\n",
                "  google: {targeting: {exclude: {locations: ['San Francisco, US-CA']}}}\n  ad_groups:\n",
            ),
            ("    - name: main\n", "    - name: main\n      targeting: {locations: ['San Francisco, US']}\n"),
        ],
        [
            (
                "    - name: main\n",
                "    - name: main\n"
                "      targeting: {locations: ['geoTargetConstants/9060011', 'Toronto, CA']}\n",
            ),
        ],
    ],
    ids=["googles-override-excludes-it", "the-unified-targeting-excludes-it"],
)
def test_a_search_ad_groups_own_location_is_not_checked_against_googles_exclusions(
    midas: Midas, bare: Path, edits: list[tuple[str, str]]
) -> None:
    """On Search, Google sets locations per campaign: an ad group's own locations apply on Meta only, so one
    Google's exclusions name is no pair Google refuses (it never reads the ad group's), and Meta's ad set,
    which excludes the unified ones only, holds neither pair either."""
    spec = LOCAL_SPEC
    for edit in edits:
        spec = spec.replace(*edit)
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    for command in ("validate", "plan"):
        checked = midas(command)
        assert checked.code == 0, checked.output
        assert "Google refuses" not in checked.output


#: ``LOCAL_SPEC`` on Google alone (the campaign makes no Meta ad set).
_LOCAL_ON_GOOGLE_ALONE = LOCAL_SPEC.replace("    meta: {account: meta-main}\n", "").replace(
    "currency: USD, split: {google: 0.5, meta: 0.5}", "currency: USD"
)


def test_a_location_no_account_knows_in_a_google_only_search_ad_groups_own_targeting_is_an_error(
    midas: Midas, bare: Path
) -> None:
    """Google never reads a Search ad group's own locations, yet a name its account does not know is still
    a mistake in the spec: an error at its entry, nothing valid."""
    spec = LOCAL_SPEC.replace(
        "    - name: main\n",
        "    - name: main\n"
        "      platforms: [google]\n"
        "      targeting: {locations: ['Springfieldx, US-ZZ']}\n",
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    said = " ".join(validated.output.split())
    assert validated.code == 1, said
    assert (
        "spec.ad_groups[0].targeting.locations[0]: location 'Springfieldx, US-ZZ' is not known to google "
        "account 'google-main'"
    ) in said, said


@pytest.mark.parametrize(
    ("base", "group"),
    [
        (LOCAL_SPEC, "    - name: main\n      platforms: [google]\n"),
        (_LOCAL_ON_GOOGLE_ALONE, "    - name: main\n"),
    ],
    ids=["group-on-google-alone", "campaign-on-google-alone"],
)
def test_a_search_ad_groups_own_locations_on_google_alone_are_said_to_apply_nowhere(
    midas: Midas, bare: Path, base: str, group: str
) -> None:
    """Google sets locations per campaign on Search: an ad group that makes no Meta ad set has its own
    locations read by no platform — a warning saying so, never that they apply on Meta only."""
    spec = base.replace("    - name: main\n", group + "      targeting: {locations: ['Toronto, CA']}\n")
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    for command in ("validate", "plan"):
        checked = midas(command)
        said = " ".join(checked.output.split())
        assert checked.code == 0, said
        assert (
            "Google sets locations per campaign on Search and Display, and ad group local/main makes no Meta "
            "ad set: its own locations apply nowhere (the campaign's apply)"
        ) in said, said
        assert "applies on Meta only" not in said, said


def test_a_demand_gen_pair_two_readers_read_apart_names_each_readers_own_other_entry(
    midas: Midas, bare: Path
) -> None:
    """An ad group's exclusion targeted by Google's override for its Demand Gen ad group and by the unified
    targeting for its Meta ad set is two pairs: each finding names the entry its own reader targets."""
    spec = LOCAL_SPEC.replace(
        "    - name: main\n", "    - name: main\n      targeting: {exclude: {locations: ['US:94103']}}\n"
    ).replace(
        "      final_url: https://shop.example.com/launch\n",
        "      final_url: https://shop.example.com/launch\n"
        "      google: {square_marketing_images: ['12'], portrait_marketing_images: ['14'], "
        "logo_images: ['13']}\n"
        "  google: {channel: demand_gen, business_name: Example Co, "
        "targeting: {locations: ['Toronto, CA', 'US:94103']}}\n",
    )
    said = _refused(midas, bare, spec)
    here = "spec.ad_groups[0].targeting.exclude.locations[0]: location 'US:94103' is excluded here and"
    google = "targeted at spec.google.targeting.locations[1], which Google's ad group 'main' reads with it"
    meta = "targeted at spec.targeting.locations[2], which Meta's ad set 'main' reads with it"
    assert f"{here} {google}" in said and f"{here} {meta}" in said, said
    assert "Meta's ad set 'main' read with it" not in said


def test_a_google_geo_constant_meta_s_override_excludes_beside_the_unified_target_is_no_meta_pair(
    midas: Midas, bare: Path
) -> None:
    """A place named by its Google geo target constant is Google's alone: Meta's ad set, which holds none,
    targets and excludes nothing there, so Meta's override excluding one the unified targeting targets (for
    Google) is no targeted-and-excluded pair."""
    spec = LOCAL_SPEC.replace("'US:94103']", "'US:94103', 'geoTargetConstants/9059413']").replace(
        "  ad_groups:\n",
        "  meta: {targeting: {exclude: {locations: ['us:94110', 'geoTargetConstants/9059413']}}}\n"
        "  ad_groups:\n",
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 0 and "is excluded here and targeted" not in validated.output, validated.output


@pytest.mark.parametrize(
    ("edit", "at"),
    [
        (
            ("['San Francisco, US-CA', 'Toronto, CA', 'US:94103']", "['1 km around 37.7749, -122.4194']"),
            "specs/local.yaml:12:39: spec.targeting.exclude.locations[1]: location '2 km around "
            "37.77,-122.42' covers the targeted '1 km around 37.7749,-122.4194' entirely: every place of it "
            "is excluded, so Meta reaches no one there (Google, which leaves an excluded radius out, would "
            "reach only people the spec excludes); it leaves Meta's ad set 'main' no place it targets, so it "
            "would deliver nothing",
        ),
        (
            (
                "  ad_groups:\n",
                "  meta: {targeting: {locations: ['1 km around 37.7749,-122.4194']}}\n  ad_groups:\n",
            ),
            "specs/local.yaml:13:34: spec.meta.targeting.locations[0]: location '1 km around "
            "37.7749,-122.4194' lies entirely inside '2 km around 37.77,-122.42', which the campaign's "
            "targeting excludes (exclude.locations, inherited here), so Meta reaches no one there",
        ),
        (
            (
                "    - name: main\n",
                "    - name: main\n      targeting: {locations: ['1 km around 37.7701,-122.42']}\n",
            ),
            "specs/local.yaml:15:31: spec.ad_groups[0].targeting.locations[0]: location '1 km around "
            "37.7701,-122.42' lies entirely inside '2 km around 37.77,-122.42'",
        ),
        (
            (
                "    - name: main\n",
                "    - name: main\n      targeting: {locations: ['2 km around 37.77,-122.42']}\n",
            ),
            "specs/local.yaml:15:31: spec.ad_groups[0].targeting.locations[0]: location '2 km around "
            "37.77,-122.42' lies entirely inside '2 km around 37.77,-122.42', which the campaign's targeting "
            "excludes",
        ),
    ],
    ids=[
        "in-one-targeting",
        "an-override-inheriting-the-exclusion",
        "an-ad-group-inheriting-the-exclusion",
        "an-ad-group-targeting-the-very-radius-the-campaign-excludes",
    ],
)
def test_an_excluded_radius_covering_a_targeted_one_entirely_is_a_spec_error(
    midas: Midas, bare: Path, edit: tuple[str, str], at: str
) -> None:
    """An excluded pin holding a targeted one entirely leaves that place no one to reach (when it is the
    only place, the ad set delivers nothing): validate says so at the entry, nothing is applied."""
    spec = LOCAL_SPEC.replace("['us:94110']", "['us:94110', '2 km around 37.77,-122.42']").replace(*edit)
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    said = " ".join(validated.output.split())
    assert validated.code == 1 and at in said, said
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


@pytest.mark.parametrize(
    ("edit", "at"),
    [
        (
            (
                "    - name: main\n",
                "    - name: main\n      targeting: {exclude: {locations: ['2 km around 37.77,-122.42']}}\n",
            ),
            "specs/local.yaml:15:41: spec.ad_groups[0].targeting.exclude.locations[0]: location '2 km around "
            "37.77,-122.42' covers the targeted '1 km around 37.7749,-122.4194' entirely",
        ),
        (
            (
                "  ad_groups:\n",
                "  meta: {targeting: {exclude: {locations: ['2 km around 37.77,-122.42']}}}\n  ad_groups:\n",
            ),
            "specs/local.yaml:13:44: spec.meta.targeting.exclude.locations[0]: location '2 km around "
            "37.77,-122.42' covers the targeted '1 km around 37.7749,-122.4194' entirely",
        ),
    ],
    ids=["an-ad-group-s-own-exclude", "meta-s-override-setting-exclude-alone"],
)
def test_an_exclusion_of_its_own_covering_the_radius_an_ad_set_inherits_is_a_spec_error(
    midas: Midas, bare: Path, edit: tuple[str, str], at: str
) -> None:
    """An ad group (or Meta's override) setting only an exclude, whose radius holds the campaign's targeted
    one: its ad set targets the campaign's radius and excludes all of it, so it delivers nothing."""
    places = "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']"
    spec = LOCAL_SPEC.replace(places, "['1 km around 37.7749,-122.4194']").replace(*edit)
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    said = " ".join(validated.output.split())
    assert validated.code == 1 and at in said and "would deliver nothing" in said, said


@pytest.mark.parametrize(
    "edit",
    [
        # Meta's override targets a ring beyond the excluded 2 km; the 1 km radius is Google's alone, and
        # Google leaves an excluded radius out.
        (
            "  ad_groups:\n",
            "  meta: {targeting: {locations: ['5 km around 37.7749,-122.4194']}}\n  ad_groups:\n",
        ),
        # Meta's override excludes the radius itself, and targets none of the campaign's: the unified
        # targeting's radius is Google's alone.
        (
            "  ad_groups:\n",
            "  meta: {targeting: {locations: ['US'], exclude: {locations: ['2 km around 37.77,-122.42']}}}\n"
            "  ad_groups:\n",
        ),
    ],
    ids=["meta-targets-a-ring-beyond-it", "meta-excludes-it-targeting-its-own"],
)
# (Meta's override replacing the exclusions without the radius, or Google's override excluding one, would
# exclude it on neither platform: an error, ``test_an_excluded_radius_*_override_*``.)
def test_an_excluded_radius_covering_a_radius_no_meta_ad_set_both_targets_and_excludes_is_valid(
    midas: Midas, bare: Path, edit: tuple[str, str]
) -> None:
    """What is checked is each Meta ad set's own targeting (the campaign's, Meta's override and the ad
    group's, merged): a radius the unified targeting both covers, where Meta's override replaces one of the
    two, leaves no Meta ad set reaching no one."""
    places = "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']"
    spec = LOCAL_SPEC.replace(places, "['1 km around 37.7749,-122.4194']")
    if "google:" not in edit[1]:
        spec = spec.replace("['us:94110']", "['2 km around 37.77,-122.42']")
    (bare / "specs" / "local.yaml").write_text(spec.replace(*edit), encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 0, validated.output
    assert "reaches no one" not in validated.output


def test_a_state_targeted_then_excluded_under_its_country_is_flipped_after_the_country_is_targeted(
    midas: Midas, bare: Path
) -> None:
    """California targeted, then the US targeted and California excluded: the sandbox refuses California's
    exclusion while it is targeted, so its removal goes first, and only once the US is targeted (a batch of
    its own): a refused US would otherwise leave an exclusion alone, the campaign serving everywhere else."""
    places = "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']"
    spec = bare / "specs" / "local.yaml"
    spec.write_text(LOCAL_SPEC.replace(places, "['US-CA']"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    [california] = _google_places(bare)[0]
    flipped = LOCAL_SPEC.replace(places, "['US']").replace("['us:94110']", "['us:94110', 'US-CA']")
    spec.write_text(flipped, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "google-main: batch 2:" in applied.output  # the removal waited for the US, in a later batch
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _google_places(bare) == ({"2840"}, {california, *_ids("google", "US:94110")})


def test_remote_validation_of_a_state_flipped_to_excluded_under_its_country_refuses_nothing(
    midas: Midas, bare: Path
) -> None:
    """``plan --validate-remote`` of that flip: the removal waits for the US to be made and the exclusion for
    the removal, which a validation only checks: neither is reported refused, and the apply that follows
    succeeds."""
    places = "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']"
    spec = bare / "specs" / "local.yaml"
    spec.write_text(LOCAL_SPEC.replace(places, "['US-CA']"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    flipped = LOCAL_SPEC.replace(places, "['US']").replace("['us:94110']", "['us:94110', 'US-CA']")
    spec.write_text(flipped, encoding="utf-8")
    checked = midas("plan", "--validate-remote", "--detailed-exitcode")
    assert checked.code == 2 and "Remote validation of google-main: 0 refusal(s)" in checked.output, (
        checked.output
    )
    assert midas("apply", "--auto-approve").code == 0


def _google_places(workspace: Path) -> tuple[set[str], set[str]]:
    """The ids of the places the Google campaign targets, and of those it excludes."""
    criteria = _live(workspace, "google-main", "campaign_criterion")
    places = [(c["geo_target_constant"].rsplit("/", 1)[-1], c.get("negative")) for c in criteria]
    return {i for i, negative in places if not negative}, {i for i, negative in places if negative}


def test_a_city_written_with_only_its_country_that_names_several_is_ambiguous_naming_them(
    midas: Midas, bare: Path
) -> None:
    """``Portland, US`` is two cities (Oregon's and Maine's): each platform says which, and how to write one,
    rather than call it unknown; nothing is applied."""
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC.replace("'Toronto, CA'", "'Portland, US'"), "utf-8")
    validated = midas("validate")
    assert validated.code == 1, validated.output
    for platform, account in (("google", "google-main"), ("meta", "meta-main")):
        assert (
            f"specs/local.yaml:11:41: spec.targeting.locations[1]: location 'Portland, US' is ambiguous on "
            f"{platform} account '{account}': 2 cities of that name are in US ('Portland, US-ME' and "
            "'Portland, US-OR'); expected the city with its region, as in 'Portland, US-ME'"
        ) in validated.output
    assert "not known" not in validated.output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


def test_a_city_in_another_region_than_written_gets_a_did_you_mean(midas: Midas, bare: Path) -> None:
    (bare / "specs" / "local.yaml").write_text(
        LOCAL_SPEC.replace("'Toronto, CA'", "'Springfield, US-OH'"), "utf-8"
    )
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert (
        "location 'Springfield, US-OH' is not known to meta account 'meta-main'; expected a name the "
        "platform's targeting search finds; did you mean 'Springfield, US-IL' or 'Springfield, US-MA'?"
    ) in validated.output


@pytest.mark.parametrize(
    ("city", "tail"),
    [
        (
            "Portland, US",
            "is ambiguous on meta account 'meta-main': 2 cities of that name are in US "
            "('Portland, US-ME' and 'Portland, US-OR'); expected the city with its region",
        ),
        (
            "Springfield, US-OH",
            "is not known to meta account 'meta-main'; expected a name the platform's targeting search "
            "finds; did you mean 'Springfield, US-IL' or 'Springfield, US-MA'?",
        ),
    ],
    ids=["ambiguous", "another-region"],
)
def test_a_radius_around_a_city_meta_cannot_single_out_says_why_as_the_city_alone_would(
    midas: Midas, bare: Path, city: str, tail: str
) -> None:
    entry = f"25 mi around {city}"
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC.replace("'Toronto, CA'", f"'{entry}'"), "utf-8")
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert f"location '{entry}' {tail}" in validated.output, validated.output


def test_guardrails_and_plans_name_cities_as_the_specs_write_them_saved_plan_too(
    midas: Midas, workspace: Path
) -> None:
    """The resolution cache keeps names lower-cased; the countries guardrail, the plan's values and a saved
    plan applied by a later run still show a city as the spec spells it."""
    spec = LOCAL_SPEC.replace("'Toronto, CA'", "'Toronto, CA', 'Paris, FR'")  # allowed: US, CA, GB
    (workspace / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    [paris] = _ids("google", "Paris, FR")
    violation = f"campaign_criterion/local/location:{paris}@google:google-main targets FR (Paris, FR)"
    planned = midas("plan", "--out", str(workspace / "plan.json"))
    assert planned.code == 0 and violation in planned.output, planned.output
    assert f'geo_target_constant: "geoTargetConstants/{paris}" (Paris, FR)' in planned.output
    assert "adset/local/main@meta:meta-main targets FR (Paris, FR)" in planned.output
    assert "paris" not in planned.output
    applied = midas("apply", str(workspace / "plan.json"), "--auto-approve")  # a new run: nothing compiled
    assert applied.code == 1 and violation in applied.output, applied.output
    assert "paris" not in applied.output


# -- a radius around a city or a point ----------------------------------------------------------------------


def test_a_radius_around_a_city_or_a_point_compiles_to_proximity_and_meta_radii_and_converges(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(RADIUS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    proximity = [c for c in _live(bare, "google-main", "campaign_criterion") if c["type"] == "PROXIMITY"]
    assert sorted(proximity, key=lambda c: c["proximity_radius"]) == [
        {
            "type": "PROXIMITY",
            "proximity_radius": 10.0,
            "proximity_radius_units": "KILOMETERS",
            "proximity_latitude_micros": 37_774_900,
            "proximity_longitude_micros": -122_419_400,
        },
        {  # Google geocodes the address (its point is read, and left out: the address is what MIDAS wrote)
            "type": "PROXIMITY",
            "proximity_radius": 25.0,
            "proximity_radius_units": "MILES",
            "proximity_city_name": "San Francisco",
            "proximity_province_code": "CA",
            "proximity_country_code": "US",
        },
    ]
    [adset] = _live(bare, "meta-main", "adset")
    geo = adset["targeting"]["geo_locations"]
    [sf, toronto] = _ids("meta", "San Francisco, US-CA", "Toronto, CA")
    assert sorted(geo["cities"], key=lambda c: c["key"]) == sorted(
        [{"key": sf, "radius": 25, "distance_unit": "mile"}, {"key": toronto}], key=lambda c: c["key"]
    )
    assert geo["custom_locations"] == [
        {"latitude": 37.7749, "longitude": -122.4194, "radius": 10, "distance_unit": "kilometer"}
    ]


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        (
            "'25 ft around San Francisco, US-CA'",
            "expected a radius in mi (miles) or km (kilometres), found unit 'ft'",
        ),
        ("'0 mi around San Francisco, US-CA'", "expected a radius's distance as a positive number"),
        ("'2.125 mi around San Francisco, US-CA'", "a radius's distance has at most 2 decimal places"),
        ("'5 km around 95,10'", "expected a point as its latitude (-90 to 90) and longitude (-180 to 180)"),
        ("'5 km around US-CA'", "a radius goes around a city ('San Francisco, US-CA'), a point"),
        ("'5 mi around San Francisco, US-CA'", "Meta takes a radius around a city of 10 to 50 mi"),
        ("'100 km around 37.7749,-122.4194'", "Meta takes a radius around a point of 1 to 80 km"),
        ("'12.5 mi around San Francisco, US-CA'", "Meta takes a whole number of mi around a city"),
    ],
)
def test_a_bad_radius_is_an_error_at_its_entry_and_nothing_is_applied(
    midas: Midas, bare: Path, entry: str, error: str
) -> None:
    spec = LOCAL_SPEC.replace("'Toronto, CA'", entry)
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert "specs/local.yaml:11:41: spec.targeting.locations[1]: " in validated.output
    assert error in " ".join(validated.output.split()), validated.output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


#: The radius ``EXCLUDED_PIN_SPEC`` excludes, in its one spelling.
EXCLUDED_PIN = "2 km around 37.7749,-122.4194"


def test_an_excluded_radius_around_a_point_is_a_meta_excluded_pin_google_leaves_out_and_converges(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(EXCLUDED_PIN_SPEC, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 0, planned.output
    assert f"location {EXCLUDED_PIN!r}, excluded, is Meta's alone" in " ".join(planned.output.split())
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    [adset] = _live(bare, "meta-main", "adset")
    assert adset["targeting"]["excluded_geo_locations"]["custom_locations"] == [
        {"latitude": 37.7749, "longitude": -122.4194, "radius": 2, "distance_unit": "kilometer"}
    ]
    assert [c["negative"] for c in _google_negatives_without_proximity(bare)] == [
        True
    ]  # the postal code alone


def test_an_excluded_radius_around_a_city_is_a_meta_excluded_city_google_leaves_out_and_converges(
    midas: Midas, bare: Path
) -> None:
    """An excluded radius around a city goes to Meta as a city with a radius in the ad set's excluded places
    (as a targeted one goes in its places); Google, believed to take no negative proximity, leaves it out."""
    (bare / "specs" / "local.yaml").write_text(EXCLUDED_CITY_RADIUS_SPEC, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 0, planned.output
    said = " ".join(planned.output.split())
    assert "location '15 mi around Oakland, US-CA', excluded, is Meta's alone" in said, said
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    _assert_meta_excludes_15_mi_around_oakland(bare)
    assert [c["negative"] for c in _google_negatives_without_proximity(bare)] == [
        True
    ]  # the postal code alone


@pytest.mark.parametrize(
    ("targeted", "excluded"),
    [
        ("10 mi around Oakland, US", "20 mi around Oakland, US-CA"),
        ("25 mi around Oakland, US-CA", "25 mi around Oakland, US"),
    ],
    ids=["wider", "as-wide"],
)
def test_an_excluded_radius_around_a_city_covering_a_targeted_one_written_otherwise_is_a_plan_error(
    midas: Midas, bare: Path, targeted: str, excluded: str
) -> None:
    """Two radii around one city are compared by the city the Meta account resolves each to, not by how it is
    written: an excluded radius at least as wide as a targeted one around the same city, spelt otherwise,
    leaves Meta reaching no one there, a plan error at the exclusion; nothing is applied."""
    places = "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']"
    spec = LOCAL_SPEC.replace(places, f"['{targeted}']").replace("['us:94110']", f"['{excluded}']")
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 1, planned.output
    said = " ".join(planned.output.split())
    assert (
        f"spec.targeting.exclude.locations[0]: location '{excluded}', excluded, covers the targeted "
        f"'{targeted}' entirely on meta account 'meta-main' (both around one city"
    ) in said, said
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


def test_a_campaign_exclusion_covering_an_ad_groups_targeted_radius_names_the_ad_set(
    midas: Midas, bare: Path
) -> None:
    """The error is at the campaign's excluded entry, which every ad set inherits: it names the ad group whose
    own targeted radius it covers, the one to change."""
    spec = LOCAL_SPEC.replace("['us:94110']", "['33 km around Oakland, US-CA']").replace(
        "    - name: main\n",
        "    - name: main\n      targeting: {locations: ['20 mi around Oakland, US']}\n",
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 1, planned.output
    said = " ".join(planned.output.split())
    assert (
        "spec.targeting.exclude.locations[0]: location '33 km around Oakland, US-CA', excluded, covers the "
        "targeted '20 mi around Oakland, US' entirely on meta account 'meta-main' in the ad set of ad group "
        "'main' (both around one city"
    ) in said, said


def test_a_narrower_excluded_radius_around_a_targeted_city_radius_written_otherwise_plans(
    midas: Midas, bare: Path
) -> None:
    """A ring: the excluded radius narrower than the targeted one around the same city leaves part of it."""
    places = "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']"
    spec = LOCAL_SPEC.replace(places, "['30 mi around Oakland, US']").replace(
        "['us:94110']", "['15 mi around Oakland, US-CA']"
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 0, planned.output


def test_an_excluded_city_radius_narrowed_in_the_console_is_drift_and_apply_restores_it(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(EXCLUDED_CITY_RADIUS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    oakland = find_place("Oakland, US-CA")
    assert oakland is not None
    away = (
        'targeting.excluded_geo_locations={"zips": [{"key": "US:94110"}], "cities": [{"key": '
        f'"{oakland.meta_key}", "radius": 12, "distance_unit": "mile"}}]}}'
    )
    assert midas("sandbox", "set", "adset/local/main@meta", away).code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert '"radius": 12' in drift.output and "excluded_geo_locations" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    [adset] = _live(bare, "meta-main", "adset")
    assert adset["targeting"]["excluded_geo_locations"]["cities"][0]["radius"] == 15


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        (
            f"'2 km around {ADDRESS_RADIUS.split(' around ', 1)[1]}'",
            "a radius around a street address; expected a country, region, city, postal code or DMA, or a "
            "radius around a city or a point such as '2 km around 37.7749,-122.4194'",
        ),
        ("'5 km around San Francisco, US-CA'", "on meta: Meta takes a radius around a city of 17 to 80 km"),
        ("'20.5 km around San Francisco, US-CA'", "on meta: Meta takes a whole number of km around a city"),
        ("'100 km around 1,2'", "on meta: Meta takes a radius around a point of 1 to 80 km"),
    ],
    ids=[
        "around-a-street-address",
        "around-a-city-out-of-range",
        "around-a-city-in-part-of-a-km",
        "around-a-point-out-of-range",
    ],
)
def test_an_excluded_radius_around_an_address_or_out_of_meta_s_range_is_a_spec_error(
    midas: Midas, bare: Path, entry: str, error: str
) -> None:
    spec = LOCAL_SPEC.replace("exclude: {locations: ['us:94110']}", f"exclude: {{locations: [{entry}]}}")
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1
    output = " ".join(validated.output.split())
    assert "specs/local.yaml:12:27: spec.targeting.exclude.locations[0]: " in output, output
    assert error in output, output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


@pytest.mark.parametrize(
    ("written", "entry"),
    [
        (EXCLUDED_PIN_SPEC, "2 km around 37.7749, -122.4194"),
        (EXCLUDED_CITY_RADIUS_SPEC, "15 mi around Oakland, US-CA"),
    ],
    ids=["around-a-point", "around-a-city"],
)
def test_an_excluded_radius_in_a_campaign_on_google_alone_is_an_error_at_its_entry(
    midas: Midas, bare: Path, written: str, entry: str
) -> None:
    spec = _google_only(written)
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1
    output = " ".join(validated.output.split())
    assert (
        f"spec.targeting.exclude.locations[1]: location '{entry}', an excluded radius, is Meta's alone"
    ) in output, output
    assert "the campaign runs on Google only" in output


def test_an_excluded_radius_of_an_ad_group_on_google_alone_in_a_campaign_on_both_is_an_error_at_its_entry(
    midas: Midas, bare: Path
) -> None:
    """An ad group kept on Google (``platforms: [google]``) makes no Meta ad set: a radius it excludes would
    be excluded nowhere, an error at its entry naming the ad group's platforms."""
    spec = LOCAL_SPEC.replace(
        "    - name: main\n",
        "    - name: main\n"
        "      platforms: [google]\n"
        "      targeting: {exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}}\n"
        "    - name: social\n"
        "      platforms: [meta]\n",
    )
    output = _refused(midas, bare, spec)
    assert (
        "spec.ad_groups[0].targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an "
        "excluded radius, is Meta's alone (Google is believed to take no negative proximity) and the ad "
        "group runs on Google only"
    ) in output, output


def test_an_ad_groups_excluded_radius_in_a_search_campaign_on_google_alone_is_an_error_at_its_entry(
    midas: Midas, bare: Path
) -> None:
    """An ad group's own exclusions on a Search campaign on Google alone: a radius there is Meta's alone,
    excluded nowhere, so it is an error at its entry, as at the campaign's (and a Demand Gen ad group's)."""
    spec = _google_only(LOCAL_SPEC)
    spec = spec.replace(
        "    - name: main\n",
        "    - name: main\n"
        "      targeting: {exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}}\n",
    )
    output = _refused(midas, bare, spec)
    assert (
        "spec.ad_groups[0].targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an "
        "excluded radius, is Meta's alone"
    ) in output, output


@pytest.mark.parametrize(
    "entry",
    ["15 mi around Oakland, US-CA", "2 km around 37.7749, -122.4194"],
    ids=["around-a-city", "around-a-point"],
)
def test_an_excluded_radius_in_googles_override_is_an_error_at_its_entry_and_nothing_applies(
    midas: Midas, bare: Path, entry: str
) -> None:
    """``google.targeting`` is Google's alone, and Google is believed to take no negative proximity: a radius
    it excludes would be excluded on neither platform, so it is an error at its entry, not a warning."""
    spec = LOCAL_SPEC.replace(
        "  ad_groups:\n", f"  google: {{targeting: {{exclude: {{locations: ['{entry}']}}}}}}\n  ad_groups:\n"
    )
    output = _refused(midas, bare, spec)
    assert (
        f"spec.google.targeting.exclude.locations[0]: location '{entry}', an excluded radius in "
        "google.targeting (Google's override, which Meta never reads), is excluded on neither platform: "
        "Google is believed to take no negative proximity, and the unified exclude.locations, which Meta "
        "excludes, does not hold it"
    ) in output, output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


def test_an_excluded_radius_meta_override_replaces_is_an_error_at_its_entry(midas: Midas, bare: Path) -> None:
    """Meta's override replaces the exclusions it sets, so a unified excluded radius is Google's alone there,
    and Google leaves it out: excluded on neither platform, an error at the unified entry naming the
    override."""
    spec = EXCLUDED_CITY_RADIUS_SPEC.replace(
        "  ad_groups:\n", "  meta: {targeting: {exclude: {locations: ['us:94110']}}}\n  ad_groups:\n"
    )
    output = _refused(midas, bare, spec)
    assert (
        "spec.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded radius, is "
        "excluded on neither platform: Meta's override (meta.targeting.exclude) replaces the exclusions it "
        "is in"
    ) in output, output
    kept = spec.replace(
        "exclude: {locations: ['us:94110']}}}",
        "exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}}}",
    )
    (bare / "specs" / "local.yaml").write_text(kept, encoding="utf-8")
    assert midas("validate").code == 0


#: An ad group's own exclusions putting back the radius Meta's override drops.
_PUT_BACK = "      targeting: {exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}}\n"


@pytest.mark.parametrize(
    ("groups", "error"),
    [
        ("    - name: main\n" + _PUT_BACK, None),
        ("    - name: main\n" + _PUT_BACK + "    - name: second\n" + _PUT_BACK, None),
        (
            "    - name: main\n" + _PUT_BACK + "    - name: second\n",
            "spec.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded "
            "radius, is excluded on neither platform in Meta's ad set 'second': Meta's override "
            "(meta.targeting.exclude) replaces the exclusions it is in",
        ),
        (
            "    - name: main\n      targeting: {exclude: {locations: ['us:94110']}}\n",
            "spec.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded "
            "radius, is excluded on neither platform: every ad group sets exclusions of its own "
            "(targeting.exclude), which replace the campaign's in its Meta ad set, and none holds it",
        ),
    ],
    ids=[
        "the-only-ad-group-puts-it-back",
        "every-ad-group-puts-it-back",
        "one-ad-set-reads-the-override",
        "no-ad-set-reads-the-override-nor-excludes-it",
    ],
)
def test_a_unified_excluded_radius_meta_s_override_drops_is_checked_per_ad_set_that_would_inherit_it(
    midas: Midas, bare: Path, groups: str, error: str | None
) -> None:
    """Meta's override dropping a unified excluded radius leaves it excluded on neither platform only in the
    ad sets that read the override's exclusions: where every ad group's own exclusions put it back, every Meta
    ad set excludes it, and the spec is valid; an ad set reading the override is named."""
    spec = EXCLUDED_CITY_RADIUS_SPEC.replace(
        "  ad_groups:\n", "  meta: {targeting: {exclude: {locations: ['us:94110']}}}\n  ad_groups:\n"
    ).replace("    - name: main\n", groups)
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    said = " ".join(validated.output.split())
    if error is None:
        assert validated.code == 0, said
        assert "excluded on neither platform" not in said
    else:
        assert validated.code == 1 and error in said, said


_OWN = "      targeting: {exclude: {locations: ['us:94110']}}\n"


@pytest.mark.parametrize("meta_override", [False, True], ids=["no-override", "meta-s-override"])
@pytest.mark.parametrize(
    ("groups", "error"),
    [
        (
            "    - name: main\n" + _OWN + "    - name: second\n" + _OWN,
            "is excluded on neither platform: every ad group sets exclusions of its own (targeting.exclude), "
            "which replace the campaign's in its Meta ad set, and none holds it; Google is believed to take "
            "no negative proximity; expected it in each ad group's own exclude.locations too",
        ),
        (
            "    - name: main\n      platforms: [google]\n",
            "is excluded on neither platform: the campaign makes no Meta ad set (its ad groups run on Google "
            "only), and Google is believed to take no negative proximity; expected it removed, or a place "
            "Google excludes",
        ),
    ],
    ids=["every-ad-group-sets-its-own", "no-meta-ad-set"],
)
def test_a_unified_excluded_radius_no_meta_ad_set_reads_is_an_error_with_or_without_meta_s_override(
    midas: Midas, bare: Path, groups: str, error: str, meta_override: bool
) -> None:
    """A unified excluded radius that no Meta ad set reads — every ad group's own exclusions replace it, or
    the campaign makes no Meta ad set — is excluded on neither platform whether Meta's override is there
    or not, and the message asks for what would make it apply."""
    spec = EXCLUDED_CITY_RADIUS_SPEC.replace("    - name: main\n", groups)
    if meta_override:
        spec = spec.replace(
            "  ad_groups:\n", "  meta: {targeting: {exclude: {locations: ['us:94110']}}}\n  ad_groups:\n"
        )
    said = _refused(midas, bare, spec)
    entry = "spec.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded radius"
    assert f"{entry}, {error}" in said, said


def test_an_excluded_radius_in_googles_override_every_ad_set_excludes_on_its_own_is_valid(
    midas: Midas, bare: Path
) -> None:
    """A radius Google's override excludes is excluded on Meta when the Meta ad sets exclude it, by their ad
    groups' own exclusions as well as the campaign's: not excluded on neither platform."""
    radius = "2 km around 37.7749,-122.4194"
    spec = LOCAL_SPEC.replace(
        "  ad_groups:\n",
        f"  google: {{targeting: {{exclude: {{locations: ['us:94110', '{radius}']}}}}}}\n  ad_groups:\n",
    ).replace(
        "    - name: main\n",
        f"    - name: main\n      targeting: {{exclude: {{locations: ['us:94110', '{radius}']}}}}\n",
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 0, validated.output
    dropped = spec.replace(f"      targeting: {{exclude: {{locations: ['us:94110', '{radius}']}}}}\n", "")
    (bare / "specs" / "local.yaml").write_text(dropped, encoding="utf-8")
    refused = midas("validate")
    assert refused.code == 1 and "is excluded on neither platform" in refused.output, refused.output


def test_a_unified_excluded_radius_googles_override_replaces_in_a_campaign_on_google_alone_is_an_error(
    midas: Midas, bare: Path
) -> None:
    """On Google alone, Google's override setting its own exclusions leaves the unified ones read by no
    platform: an excluded radius there applies nowhere, an error at its entry as it would be unreplaced."""
    google_only = _google_only(EXCLUDED_CITY_RADIUS_SPEC)
    spec = google_only.replace(
        "  ad_groups:\n", "  google: {targeting: {exclude: {locations: ['us:94110']}}}\n  ad_groups:\n"
    )
    said = _refused(midas, bare, spec)
    assert (
        "specs/local.yaml:11:39: spec.targeting.exclude.locations[1]: location '15 mi around Oakland, "
        "US-CA', an excluded radius, is excluded nowhere: Google's override (google.targeting.exclude) "
        "replaces the exclusions it is in, and the campaign runs on Google only"
    ) in said, said
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "google-main", "campaign")


def _one_problem_said(midas: Midas, bare: Path, spec: str) -> str:
    """What ``validate`` says of ``spec`` (``_refused``), once checked that it finds one problem alone."""
    said = _refused(midas, bare, spec)
    assert "1 problem in the workspace" in said, said
    return said


def _no_meta_adset(google_excludes: str) -> str:
    """LOCAL_SPEC excluding a radius around Oakland besides us:94110, its one ad group on Google alone (no
    Meta ad set) and Google's override excluding ``google_excludes``."""
    spec = LOCAL_SPEC.replace(
        "exclude: {locations: ['us:94110']}",
        "exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}",
    )
    spec = spec.replace("    - name: main\n", "    - name: main\n      platforms: [google]\n")
    return spec.replace(
        "    meta: {account: meta-main}\n",
        "    meta: {account: meta-main}\n  google:\n"
        f"    targeting: {{exclude: {{locations: {google_excludes}}}}}\n",
    )


def test_googles_override_copying_a_unified_excluded_radius_on_google_alone_is_one_error_naming_both(
    midas: Midas, bare: Path
) -> None:
    """On Google alone, Google's override copying the unified exclusions with their radius is one mistake:
    one error, at the override's entry (the one Google reads), naming the unified copy to remove too."""
    google_only = _google_only(EXCLUDED_CITY_RADIUS_SPEC)
    spec = google_only.replace(
        "  ad_groups:\n",
        "  google: {targeting: {exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}}}\n"
        "  ad_groups:\n",
    )
    said = _one_problem_said(midas, bare, spec)
    assert (
        "specs/local.yaml:12:58: spec.google.targeting.exclude.locations[1]: location '15 mi around Oakland, "
        "US-CA', an excluded radius, is Meta's alone (Google is believed to take no negative proximity) and "
        "the campaign runs on Google only, as is its copy at spec.targeting.exclude.locations[1], which the "
        "override replaces; expected both removed, or a place Google excludes"
    ) in said, said


def test_googles_override_copying_a_unified_excluded_radius_where_no_group_runs_on_meta_is_one_error(
    midas: Midas, bare: Path
) -> None:
    """A campaign on both platforms whose ad groups all run on Google alone makes no Meta ad set: Google's
    override copying the unified exclusions with their radius is one mistake, said once with its true reason
    (no Meta ad set), not that the unified list Meta excludes lacks it (it holds it, but Meta reads none)."""
    said = _one_problem_said(midas, bare, _no_meta_adset("['us:94110', '15 mi around Oakland, US-CA']"))
    assert (
        "spec.google.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded "
        "radius, is Meta's alone (Google is believed to take no negative proximity) and the campaign makes "
        "no Meta ad set (its ad groups run on Google only), as is its copy at "
        "spec.targeting.exclude.locations[1], which the override replaces; expected both removed, or a place "
        "Google excludes"
    ) in said, said
    assert "which Meta excludes, does not hold it" not in said, said


def test_a_unified_excluded_radius_googles_override_drops_where_no_group_runs_on_meta_says_so_once(
    midas: Midas, bare: Path
) -> None:
    """Google's override dropping a unified excluded radius in a campaign whose ad groups all run on Google
    alone: the radius is excluded nowhere, said with both reasons in one sentence."""
    said = _one_problem_said(midas, bare, _no_meta_adset("['us:94110']"))
    assert (
        "spec.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded radius, "
        "is excluded nowhere: Google's override (google.targeting.exclude) replaces the exclusions it is in, "
        "and the campaign makes no Meta ad set (its ad groups run on Google only), while Google is believed "
        "to take no negative proximity; expected it removed"
    ) in said, said


def test_an_excluded_radius_in_meta_s_override_where_no_group_runs_on_meta_is_an_error_at_its_entry(
    midas: Midas, bare: Path
) -> None:
    """A campaign on both platforms whose ad groups all run on Google alone makes no Meta ad set: a radius
    Meta's override excludes is read by no platform, an error at its entry, and nothing applies."""
    spec = LOCAL_SPEC.replace("    - name: main\n", "    - name: main\n      platforms: [google]\n")
    spec = spec.replace(
        "    meta: {account: meta-main}\n",
        "    meta: {account: meta-main}\n  meta:\n"
        "    targeting: {exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}}\n",
    )
    said = _one_problem_said(midas, bare, spec)
    assert (
        "spec.meta.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded "
        "radius in meta.targeting (Meta's override), is excluded on neither platform: the campaign makes no "
        "Meta ad set (its ad groups run on Google only)"
    ) in said, said
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "google-main", "campaign")


def test_a_unified_excluded_radius_meta_s_override_replaces_in_a_campaign_on_meta_alone_is_an_error(
    midas: Midas, bare: Path
) -> None:
    """On Meta alone, Meta's override setting its own exclusions leaves the unified ones read by no platform:
    a unified excluded radius it drops applies nowhere, an error at its entry, as on Google alone."""
    meta_only = _meta_only(EXCLUDED_CITY_RADIUS_SPEC)
    spec = meta_only.replace(
        "  ad_groups:\n", "  meta: {targeting: {exclude: {locations: ['us:94110']}}}\n  ad_groups:\n"
    )
    said = _refused(midas, bare, spec)
    assert (
        "specs/local.yaml:11:39: spec.targeting.exclude.locations[1]: location '15 mi around Oakland, "
        "US-CA', an excluded radius, is excluded nowhere: Meta's override (meta.targeting.exclude) "
        "replaces the exclusions it is in, and the campaign runs on Meta only; expected it in "
        "meta.targeting.exclude.locations too, or removed"
    ) in said, said
    (bare / "specs" / "local.yaml").write_text(meta_only, encoding="utf-8")
    assert midas("validate").code == 0


def test_a_unified_excluded_radius_both_overrides_drop_is_an_error_at_its_entry(
    midas: Midas, bare: Path
) -> None:
    """Google's override setting its own exclusions does not spare the unified ones the Meta check: a unified
    radius Meta's override drops too is excluded on neither platform, an error at the unified entry."""
    spec = EXCLUDED_CITY_RADIUS_SPEC.replace(
        "  ad_groups:\n",
        "  google: {targeting: {exclude: {locations: ['us:94110']}}}\n"
        "  meta: {targeting: {exclude: {locations: ['us:94110']}}}\n"
        "  ad_groups:\n",
    )
    output = _refused(midas, bare, spec)
    assert (
        "spec.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA', an excluded radius, is "
        "excluded on neither platform: Meta's override (meta.targeting.exclude) replaces the exclusions it "
        "is in"
    ) in output, output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


@pytest.mark.parametrize(
    "meta",
    ["", "  meta: {targeting: {exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}}}\n"],
    ids=["meta-excludes-the-unified-list", "meta-s-override-excludes-it"],
)
def test_an_excluded_radius_in_googles_override_meta_excludes_too_is_left_out_of_google_with_a_warning(
    midas: Midas, bare: Path, meta: str
) -> None:
    """Google's override copying the unified exclusions and adding a place of its own: the radius it holds
    is one Meta excludes too, so it is excluded there, and Google leaves it out with the warning a unified
    excluded radius gets: no error."""
    spec = EXCLUDED_CITY_RADIUS_SPEC.replace(
        "  ad_groups:\n",
        "  google: {targeting: {exclude: {locations: ['us:94110', 'us:10001', "
        "'15 mi around Oakland, US-CA']}}}\n"
        f"{meta}  ad_groups:\n",
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 0, planned.output
    said = " ".join(planned.output.split())
    assert "location '15 mi around Oakland, US-CA', excluded, is Meta's alone" in said, said
    assert midas("apply", "--auto-approve").code == 0
    _assert_meta_excludes_15_mi_around_oakland(bare)
    assert len(_google_negatives_without_proximity(bare)) == 2  # the two postal codes


@pytest.mark.parametrize(
    ("written", "valid", "said"),
    [
        ("15mi around Oakland, us-ca", True, ""),
        ("15.0 MI around  oakland, US-CA", True, ""),
        (
            "15 mi around Oakland, US",
            True,
            "location '15 mi around Oakland, US-CA', an excluded radius, is excluded on Meta only if '15 mi "
            "around Oakland, US', which Meta excludes, is the same city",
        ),
        ("20 mi around Oakland, US-CA", False, "excluded on neither platform"),
        ("15 mi around Oakland, US-NY", False, "excluded on neither platform"),
        ("15 km around Oakland, US-CA", False, "excluded on neither platform"),
    ],
    ids=["spelt-otherwise", "other-case-and-spacing", "within-its-country", "wider", "other-region", "in-km"],
)
def test_meta_s_override_holds_a_unified_excluded_radius_by_its_circle_not_its_spelling(
    midas: Midas, bare: Path, written: str, valid: bool, said: str
) -> None:
    """Whether Meta's override keeps a unified excluded radius is decided on the circle: one distance and unit
    around one city, written in any case or spacing; a city written within its country against one within a
    region may be one city, which only resolving tells: a warning, never an error."""
    spec = EXCLUDED_CITY_RADIUS_SPEC.replace(
        "  ad_groups:\n",
        f"  meta: {{targeting: {{exclude: {{locations: ['us:94110', '{written}']}}}}}}\n  ad_groups:\n",
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    output = " ".join(validated.output.split())
    assert validated.code == (0 if valid else 1), output
    assert said in output, output
    if not valid:
        assert "spec.targeting.exclude.locations[1]: location '15 mi around Oakland, US-CA'" in output, output
    elif not said:
        assert "excluded on Meta only if" not in output, output


def test_a_radius_changed_in_the_console_is_drift_and_apply_restores_it(midas: Midas, bare: Path) -> None:
    (bare / "specs" / "local.yaml").write_text(RADIUS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    [sf, toronto] = _ids("meta", "San Francisco, US-CA", "Toronto, CA")
    cities = (
        f'targeting.geo_locations.cities=[{{"key": "{sf}", "radius": 40, "distance_unit": "mile"}}, '
        f'{{"key": "{toronto}"}}]'
    )
    assert midas("sandbox", "set", "adset/local/main@meta", cities).code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert '"radius": 40' in drift.output and f"{sf} = San Francisco, US-CA" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


# -- a radius around a street address ------------------------------------------------------------------


def test_a_radius_around_a_street_address_is_a_google_proximity_by_address_and_converges(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(ADDRESS_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    [proximity] = [c for c in _live(bare, "google-main", "campaign_criterion") if c["type"] == "PROXIMITY"]
    assert proximity == {  # Google geocodes the address: its point is read, and left out
        "type": "PROXIMITY",
        "proximity_radius": 10.0,
        "proximity_radius_units": "MILES",
        "proximity_street_address": "1 Main St",
        "proximity_city_name": "San Francisco",
        "proximity_province_code": "CA",
        "proximity_postal_code": "94105",
        "proximity_country_code": "US",
    }


def test_a_street_address_moved_in_the_console_is_drift_and_apply_restores_it(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(ADDRESS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    address = "campaign_criterion/local/proximity:" + ADDRESS_RADIUS.casefold() + "@google"
    assert midas("sandbox", "set", address, "proximity.address.street_address=9 Main St").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    # A criterion is immutable: the console's edit is one deleted, another added (its key the address's).
    assert (
        "proximity:10 mi around 1 main st, san francisco, us-ca, us:94105@google:google-main — deleted"
        in (drift.output)
    )
    assert "proximity:10 mi around 9 main st, san francisco, us-ca, us:94105@google:google-main — added" in (
        drift.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    [proximity] = [c for c in _live(bare, "google-main", "campaign_criterion") if c["type"] == "PROXIMITY"]
    assert proximity["proximity_street_address"] == "1 Main St"


def test_a_google_proximity_around_a_street_address_imports_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    """A console's "10 miles around 1 Main St": its address, which Google geocodes, is what import writes."""
    radius = parse_radius(ADDRESS_RADIUS)
    assert radius is not None
    fields = proximity_fields(radius)
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    write_all(google, metro_campaign([US, {"key": proximity_key(fields), **fields}]))
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    [written] = (bare / "specs" / "imported").glob("*.yaml")
    targeting = yaml.safe_load(written.read_text(encoding="utf-8"))["spec"]["targeting"]
    assert targeting["locations"] == [ADDRESS_RADIUS, "US"]
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("replace", "at", "error"),
    [
        (  # on Meta too: MIDAS sends Meta no address yet
            ("'Toronto, CA'", f"'{ADDRESS_RADIUS}'"),
            "specs/local.yaml:11:41: spec.targeting.locations[1]: ",
            f"location '{ADDRESS_RADIUS}' on meta: MIDAS sends Meta no radius around a street address yet",
        ),
        (
            ("'Toronto, CA'", "'10 mi around 1 Main St, San Francisco, US-CA, CA:94105'"),
            "specs/local.yaml:11:41: spec.targeting.locations[1]: ",
            "the postal code 'CA:94105' is of another country than the city 'San Francisco, US-CA'",
        ),
        (
            ("['us:94110']", f"['{ADDRESS_RADIUS}']"),
            "specs/local.yaml:12:27: spec.targeting.exclude.locations[0]: ",
            "a radius around a street address; expected a country, region, city, postal code or DMA, or a "
            "radius around a city or a point",
        ),
    ],
)
def test_a_bad_radius_around_a_street_address_is_an_error_at_its_entry(
    midas: Midas, bare: Path, replace: tuple[str, str], at: str, error: str
) -> None:
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC.replace(*replace), encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1
    output = " ".join(validated.output.split())
    assert at in output and error in output, output


def test_an_excluded_pin_widened_in_the_console_is_drift_and_apply_restores_it(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(EXCLUDED_PIN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    away = (
        'targeting.excluded_geo_locations={"zips": [{"key": "US:94110"}], "custom_locations": [{"latitude": '
        '37.7749, "longitude": -122.4194, "radius": 5, "distance_unit": "kilometer"}]}'
    )
    assert midas("sandbox", "set", "adset/local/main@meta", away).code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert '"radius": 5' in drift.output and "excluded_geo_locations" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    [adset] = _live(bare, "meta-main", "adset")
    assert adset["targeting"]["excluded_geo_locations"]["custom_locations"][0]["radius"] == 2


def test_import_reads_radii_into_the_notation_and_adopts_exactly(midas: Midas, bare: Path) -> None:
    holiday_sale(bare, places=True, radii=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert imported_places(bare) == ([*sorted(RADII), CITY, "US", CODE], [EXCLUDED])
    assert midas("plan", "--detailed-exitcode").code == 0


def test_import_writes_a_meta_excluded_pin_in_the_unified_exclusions_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    """Google has no criterion for the radius the Meta ad set excludes, and compiles the unified exclusion to
    none: the two campaigns are one spec, the pin in its unified ``exclude`` (not in ``meta.targeting``)."""
    holiday_sale(bare, places=True, excluded_pin=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert imported_places(bare) == ([CITY, "US", CODE], [HOLIDAY_PIN, EXCLUDED])
    text = (bare / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
    assert "exclude" not in yaml.safe_load(text)["spec"]["meta"]["targeting"]  # its interests are its own
    assert midas("plan", "--detailed-exitcode").code == 0


def test_import_writes_a_meta_excluded_city_radius_in_the_unified_exclusions_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    """A radius around a city the Meta ad set excludes (a city with a radius in its excluded places), which
    Google has no criterion for, is the unified ``exclude``'s; the adoption plans no change."""
    holiday_sale(bare, places=True, excluded_city_radius=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert "no unified equivalent" not in adopted.output, adopted.output
    assert imported_places(bare) == ([CITY, "US", CODE], [HOLIDAY_CITY_RADIUS, EXCLUDED])
    assert midas("plan", "--detailed-exitcode").code == 0


def test_an_excluded_city_radius_holding_a_targeted_one_of_the_same_city_is_a_spec_error(
    midas: Midas, bare: Path
) -> None:
    """Around one city, an excluded radius at least as wide as a targeted one holds it entirely (the platform
    geocodes the city, but to one point for both): Meta would reach no one there."""
    places = "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']"
    spec = LOCAL_SPEC.replace(places, "['10 mi around San Francisco, US-CA', 'Toronto, CA']").replace(
        "['us:94110']", "['20 mi around San Francisco, US-CA']"
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    validated = midas("validate")
    said = " ".join(validated.output.split())
    assert validated.code == 1, said
    assert (
        "spec.targeting.exclude.locations[0]: location '20 mi around San Francisco, US-CA' covers the "
        "targeted '10 mi around San Francisco, US-CA' entirely"
    ) in said, said
    # A targeted radius reaching beyond the excluded one is a ring: valid.
    ring = spec.replace("'10 mi around", "'30 mi around")
    (bare / "specs" / "local.yaml").write_text(ring, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 0, validated.output


def test_an_adoption_reports_each_place_its_campaigns_target_outside_allowed_countries(
    midas: Midas, bare: Path
) -> None:
    """Adopting writes no location, yet the guardrail is told of every place the campaigns target as they
    run, Google's location and proximity criteria (left as they are) as well as the Meta ad set: each by its
    entry and country; a point, whose country MIDAS cannot tell, whatever the guardrail allows."""
    holiday_sale(bare, places=True, radii=True)
    (bare / "policies" / "guardrails.yaml").write_text(
        "apiVersion: midas/v1\nkind: Guardrail\nmetadata: {name: geo}\nspec: {allowed_countries: [GB]}\n",
        encoding="utf-8",
    )
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    reported = sorted(
        line.split("@google:google-main ", 1)[1].split(";")[0]
        for line in adopted.output.splitlines()
        if line.startswith("Adopted as it runs, against a guardrail: campaign_criterion/")
    )
    # The excluded postal code (US:94110) is not checked.
    assert reported == [
        "targets 10 km around 37.7749,-122.4194: MIDAS cannot tell which country a point is in (it reads no "
        "map, and a radius may reach across a border)",
        "targets US",
        "targets US (25 mi around Oakland, US-CA)",
        "targets US (San Francisco, US-CA)",
        "targets US (US:94103)",
    ], adopted.output
    assert "Adopted as it runs, against a guardrail: adset/" in adopted.output, adopted.output


def test_a_google_radius_around_a_street_address_is_refused_naming_it(midas: Midas, bare: Path) -> None:
    google = ConnectorFactory(load_settings(bare)).create("google-main")
    fields = {
        "type": "PROXIMITY",
        "proximity_radius": 5.0,
        "proximity_radius_units": "MILES",
        "proximity_city_name": "San Francisco",
        "proximity_province_code": "CA",
        "proximity_country_code": "US",
        "proximity_street_address": "1 Market St",
    }
    write_all(google, metro_campaign([US, {"key": "proximity:street", **fields}]))
    result = midas("import", "--account", "google-main", "--all")
    assert result.code == 1
    assert (
        "targets Google location proximity" in result.output and "street_address=1 Market St" in result.output
    )


# -- US Nielsen markets (DMAs) ----------------------------------------------------------------------------


def test_a_dma_compiles_to_google_dma_regions_and_meta_geo_markets_and_converges(
    midas: Midas, workspace: Path
) -> None:
    """No lookup: Google's DMA Region constant is 200000 plus the code, Meta's market key DMA_<code>; a DMA is
    in the US for the countries guardrail (the example's allows US, CA and GB), and plans name it."""
    (workspace / "specs" / "local.yaml").write_text(DMA_SPEC, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 0 and "Violations" not in planned.output, planned.output
    assert 'geo_target_constant: "geoTargetConstants/200807" (DMA:807)' in planned.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    criteria = _live(workspace, "google-main", "campaign_criterion")
    geos = {
        c["geo_target_constant"] for c in criteria if c.get("type") == "LOCATION" and not c.get("negative")
    }
    assert {"geoTargetConstants/200807", "geoTargetConstants/200501"} <= geos
    [adset] = [
        a for a in _live(workspace, "meta-main", "adset") if "geo_markets" in a["targeting"]["geo_locations"]
    ]
    assert adset["targeting"]["geo_locations"]["geo_markets"] == [{"key": "DMA_501"}, {"key": "DMA_807"}]


@pytest.mark.parametrize("entry", ["DMA:80", "DMA:999", "DMA:000", "DMA:882", "DMA:562"])
def test_a_malformed_dma_is_an_error_at_its_entry(midas: Midas, bare: Path, entry: str) -> None:
    """A code no US Nielsen market has (210 of them, from 500 to 881, with gaps: 562 is none) is malformed
    too: Google has no DMA Region constant for it, and import would refuse what it made."""
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC.replace("'Toronto, CA'", f"'{entry}'"), "utf-8")
    validated = midas("validate")
    assert validated.code == 1
    assert (
        f"specs/local.yaml:11:41: spec.targeting.locations[1]: found '{entry}'; expected a US Nielsen market "
        "(DMA) as 'DMA:' then its three-digit code, one of Nielsen's 210 (500 to 881, with gaps), as in "
        "'DMA:807'"
    ) in " ".join(validated.output.split())


def test_import_reads_dmas_into_the_notation_and_adopts_exactly(midas: Midas, bare: Path) -> None:
    """A DMA built by hand on both platforms (Google's DMA Region criterion, Meta's geo_markets) imports as
    ``DMA:807``, one entry for both, and adopts to no changes."""
    factory = ConnectorFactory(load_settings(bare))
    dma = {"key": "location:200807", "type": "LOCATION", "geo_target_constant": "geoTargetConstants/200807"}
    write_all(factory.create("google-main"), metro_campaign([dma]))
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    text = (bare / "specs" / "imported" / "metro.yaml").read_text(encoding="utf-8")
    assert "DMA:807" in text, text
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_google_radius_changed_in_the_console_is_another_criterion_and_apply_restores_it(
    midas: Midas, bare: Path
) -> None:
    """A radius is immutable (v26 CampaignCriterion.proximity): the console's edit removes the criterion
    and adds another, which drift reports as such and the apply puts back (not "already exists")."""
    (bare / "specs" / "local.yaml").write_text(RADIUS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    point = "campaign_criterion/local/proximity:{} km around 37.7749,-122.4194@google"
    assert midas("sandbox", "set", point.format(10), "proximity.radius=15").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert f"- {point.format(10)}:google-main — deleted out of band" in drift.output
    assert (
        f"+ {point.format(15)}:google-main — added out of band; not in the specs (plan deletes it)"
    ) in drift.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    proximity = [c for c in _live(bare, "google-main", "campaign_criterion") if c["type"] == "PROXIMITY"]
    assert sorted(c["proximity_radius"] for c in proximity) == [10.0, 25.0]


def test_plans_and_drift_name_the_place_of_a_location_criterion_beside_its_address(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(LOCAL_SPEC, encoding="utf-8")
    [toronto] = _ids("google", "Toronto, CA")
    address = f"campaign_criterion/local/location:{toronto}@google"
    assert f"+ {address}:google-main (Toronto, CA) — new in specs" in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "delete", address).code == 0
    drift = midas("drift", "--format", "markdown")
    assert f"| `{address}:google-main` (Toronto, CA) | deleted out of band |" in drift.output, drift.output
    planned = midas("plan")
    assert f"+ {address}:google-main (Toronto, CA) — deleted out of band — re-creating" in planned.output


def test_a_console_radius_the_specs_take_in_is_recorded_by_the_next_apply_and_drift_ends(
    midas: Midas, bare: Path
) -> None:
    (bare / "specs" / "local.yaml").write_text(RADIUS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    point = "campaign_criterion/local/proximity:{} km around 37.7749,-122.4194@google"
    assert midas("sandbox", "set", point.format(10), "proximity.radius=15").code == 0
    spec = bare / "specs" / "local.yaml"
    assert "'10 km around 37.7749, -122.4194'" in spec.read_text(encoding="utf-8")
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("'10 km around", "'15 km around"), encoding="utf-8"
    )
    drift = midas("drift")
    assert (
        f"+ {point.format(15)}:google-main — added out of band; as the specs have it "
        "(the next apply records it)" in drift.output
    )
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2 and f"{point.format(15)}:google-main: (not recorded)" in planned.output, (
        planned.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize("first", [None, "25 mi around San Francisco, US-CA"], ids=["new", "edited"])
def test_a_google_radius_around_a_city_google_cannot_find_is_a_plan_error_and_nothing_is_applied(
    midas: Midas, bare: Path, first: str | None
) -> None:
    """Google geocodes a radius's address itself, at apply time: a city it cannot find
    (INVALID_PROXIMITY_ADDRESS) would leave a campaign without its radius — serving everywhere, or with its
    old radius removed. The city is looked up as a city alone is, and plan names the entry."""
    spec = _google_only(LOCAL_SPEC)
    if first is not None:
        (bare / "specs" / "local.yaml").write_text(spec.replace("'Toronto, CA'", f"'{first}'"), "utf-8")
        assert midas("apply", "--auto-approve").code == 0
    before = _live(bare, "google-main", "campaign_criterion")
    typo = "30 mi around San Fransisco, US-CA"
    (bare / "specs" / "local.yaml").write_text(spec.replace("'Toronto, CA'", f"'{typo}'"), "utf-8")
    planned = midas("plan")
    assert planned.code == 1, planned.output
    assert (
        f"specs/local.yaml:10:41: spec.targeting.locations[1]: location '{typo}' is not known to google "
        "account 'google-main'"
    ) in planned.output
    assert midas("apply", "--auto-approve").code == 1
    assert _live(bare, "google-main", "campaign_criterion") == before


def test_one_place_targeted_and_excluded_in_two_spellings_is_a_plan_error_naming_both(
    midas: Midas, bare: Path
) -> None:
    """``San Francisco, US`` and ``San Francisco, US-CA`` are written differently but resolve to one city:
    once resolved, plan names both entries on each platform (Google would refuse the pair mid-apply,
    CANNOT_TARGET_AND_EXCLUDE, and never converge); nothing is applied."""
    spec = LOCAL_SPEC.replace("'San Francisco, US-CA'", "'San Francisco, US'").replace(
        "['us:94110']", "['us:94110', 'San Francisco, US-CA']"
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 1, planned.output
    output = " ".join(planned.output.split())
    why = {
        "google": "(Google refuses to target and exclude one criterion, CANNOT_TARGET_AND_EXCLUDE)",
        "meta": "(every place of it is excluded, so the Meta ad set would reach no one there)",
    }
    for platform in ("google", "meta"):
        assert (
            "specs/local.yaml:12:39: spec.targeting.exclude.locations[1]: location 'San Francisco, US-CA', "
            f"excluded, is the place 'San Francisco, US' targets on {platform} account '{platform}-main' "
            f"{why[platform]}; expected the place in one of the two lists"
        ) in output, output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")
    assert not _live(bare, "google-main", "campaign_criterion")


def test_an_ad_set_targeting_a_point_pauses_without_overriding_the_countries_guardrail(
    midas: Midas, bare: Path
) -> None:
    """The countries guardrail checks the places a change adds: pausing an ad set whose point radius was let
    through once (``--override countries``) changes none of its places, and needs no override again."""
    guardrail = (
        "apiVersion: midas/v1\nkind: Guardrail\nmetadata: {name: g}\nspec:\n  allowed_countries: [US, CA]\n"
    )
    (bare / "policies" / "guardrail.yaml").write_text(guardrail, encoding="utf-8")
    spec = LOCAL_SPEC.replace("'US:94103']", "'US:94103', '10 km around 37.7749,-122.4194']")
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    refused = midas("apply", "--auto-approve")
    said = " ".join(refused.output.split())
    assert refused.code == 1 and "MIDAS cannot tell which country a point is in" in said, said
    assert "apply with --override countries (needed once: later plans check only the places they add" in said
    assert midas("apply", "--auto-approve", "--override", "countries").code == 0
    paused = spec.replace("    - name: main\n", "    - name: main\n      status: paused\n")
    (bare / "specs" / "local.yaml").write_text(paused, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "Violations" not in applied.output, applied.output
    assert [a["status"] for a in _live(bare, "meta-main", "adset")] == ["PAUSED"]
    moved = paused.replace("'10 km around 37.7749,-122.4194'", "'10 km around 48.8566,2.3522'")
    (bare / "specs" / "local.yaml").write_text(moved, encoding="utf-8")
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and "48.8566,2.3522" in refused.output, refused.output


def test_compare_names_a_radius_around_a_city_written_without_its_region_alike_on_both_platforms(
    midas: Midas, bare: Path
) -> None:
    """Google reads the radius back as the address MIDAS sent (``Oakland, US``), Meta as the key of the city
    it resolved: both are one entry, so compare finds the targeting the same."""
    spec = LOCAL_SPEC.replace("'Toronto, CA'", "'25 mi around Oakland, US'")
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = midas("compare", "campaign/local")
    assert compared.code == 0, compared.output
    assert "Targeting similarity: 1.00" in compared.output, compared.output
    assert "≠ targeting.locations" not in compared.output and "No differences." in compared.output
    assert "25 mi around Oakland, US-CA, San Francisco, US-CA" in compared.output


@pytest.mark.parametrize(
    ("entries", "second", "first"),
    [
        (
            "'25 mi around San Francisco, US-CA', '40 km around San Francisco, US-CA'",
            ("locations[1]", "40 km around San Francisco, US-CA"),
            "25 mi around San Francisco, US-CA",
        ),
        (
            "'Oakland, US', '25 mi around Oakland, US-CA'",
            ("locations[0]", "Oakland, US"),
            "25 mi around Oakland, US-CA",
        ),
    ],
    ids=["two-radii", "a-city-and-a-radius-around-it"],
)
def test_one_meta_city_twice_with_different_radii_is_a_plan_error_naming_both(
    midas: Midas, bare: Path, entries: str, second: tuple[str, str], first: str
) -> None:
    """An ad set's ``geo_locations.cities`` holds a city once, with one radius or none: two entries naming one
    Meta city otherwise are an error on Meta naming both (Google takes them: two criteria); nothing is
    applied."""
    spec = LOCAL_SPEC.replace(
        "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']", f"[{entries}, 'US:94103']"
    )
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 1, planned.output
    output = " ".join(planned.output.split())
    where, entry = second
    assert (
        f"spec.targeting.{where}: location '{entry}' names the city '{first}' names too on meta account "
        "'meta-main' (an ad set holds a city once, with one radius or none); expected one entry for the city"
    ) in output, output
    assert "google account" not in output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


def test_one_meta_city_excluded_twice_with_different_radii_is_a_plan_error_naming_both(
    midas: Midas, bare: Path
) -> None:
    """So for an ad set's ``excluded_geo_locations.cities``: one city, excluded with two radii, is an error on
    Meta naming both entries; nothing is applied."""
    excluded = "['us:94110', '15 mi around Oakland, US-CA', '30 km around Oakland, US-CA']"
    spec = LOCAL_SPEC.replace("['us:94110']", excluded)
    (bare / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 1, planned.output
    output = " ".join(planned.output.split())
    assert (
        "spec.targeting.exclude.locations[2]: location '30 km around Oakland, US-CA' names the city '15 mi "
        "around Oakland, US-CA' names too on meta account 'meta-main'"
    ) in output, output
    assert midas("apply", "--auto-approve").code == 1
    assert not _live(bare, "meta-main", "adset")


def test_a_spec_dropping_every_place_says_the_campaign_will_target_every_location_and_guardrails_refuse_it(
    midas: Midas, workspace: Path
) -> None:
    """An empty ``locations`` is the world: the plan removing a Google campaign's last places says so, naming
    the campaign, and ``allowed_countries`` blocks it until overridden; once applied, plans are quiet."""
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(spec.read_text().replace("locations: [US, CA, GB]", "locations: []"))
    plan = midas("plan")
    output = " ".join(plan.output.split())
    assert "campaign/brand-awareness@google:google-main will target every location" in output, output
    assert (
        "campaign/brand-awareness@google:google-main targets every location (its targeting names no place); "
        "allowed countries: CA, GB, US"
    ) in output, output
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1, refused.output
    assert "Error: the plan cannot be applied:" in refused.output, refused.output
    assert "location:2840" in midas("state", "list").output  # nothing removed
    applied = midas("apply", "--auto-approve", "--override", "countries")
    assert applied.code == 0, applied.output
    again = midas("plan", "--detailed-exitcode")
    assert again.code == 0, again.output
    assert "every location" not in again.output
