"""targeting.meta_automation: the ``targeting_automation`` MIDAS sends, its canonical form, which settings
import writes (``individual_setting`` as written) and which it refuses, and how it says so."""

from __future__ import annotations

from typing import Any

import pytest

from midas_reconcile.targeting.meta_automation import (
    canonical_automation,
    individual_setting_of,
    individual_setting_problem,
    targeting_automation,
    unexpressed_automation,
    unexpressed_automation_problem,
)


@pytest.mark.parametrize(
    ("automation", "unexpressed"),
    [
        (None, {}),
        ({"advantage_audience": 1}, {}),
        ({"advantage_audience": 0, "individual_setting": {}}, {}),
        ({"advantage_audience": 1, "shared_audiences": 0}, {}),
        # The keys public clients send, 0 or 1: meta.advantage_audience_settings holds them as written.
        ({"advantage_audience": 1, "individual_setting": {"age": 0, "gender": 0}}, {}),
        (
            {"advantage_audience": 0, "individual_setting": {"geo": 1}, "shared_audiences": 1},
            {"shared_audiences": 1},
        ),
        (
            {"advantage_audience": 1, "individual_setting": {"age": 1, "custom_audience": 1}},
            {"individual_setting": {"age": 1, "custom_audience": 1}},
        ),
        ({"individual_setting": {"gender": 2}}, {"individual_setting": {"gender": 2}}),
    ],
)
def test_unexpressed_automation_is_every_setting_beside_the_flag_the_spec_cannot_hold(
    automation: dict[str, Any] | None, unexpressed: dict[str, Any]
) -> None:
    assert unexpressed_automation({"targeting_automation": automation}) == unexpressed


def test_the_individual_setting_refusal_names_what_the_spec_cannot_hold_and_what_it_takes() -> None:
    problem = unexpressed_automation_problem("individual_setting", {"age": 1, "detailed_targeting": 1})
    assert problem.startswith(
        "targeting_automation.individual_setting {'age': 1, 'detailed_targeting': 1}, which the spec "
        "language cannot express: it holds detailed_targeting, where meta.advantage_audience_settings holds "
        "age, gender, geo, each 0 or 1"
    )
    assert "make the ad set's individual_setting hold those alone, or leave the campaign unmanaged" in problem


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ({"age": 1, "gender": 0, "geo": 1}, None),
        ({"age": "1"}, None),
        ({}, None),
        ({"geo": 2}, "holds geo other than 0 or 1"),
        ({"age": "yes"}, "holds age other than 0 or 1"),
        ({"lookalike": 1, "custom_audience": 0}, "holds custom_audience, lookalike"),
        ([1], "is [1], not a mapping of flags"),
    ],
)
def test_individual_setting_problem_is_a_key_or_a_flag_the_spec_language_does_not_take(
    setting: Any, problem: str | None
) -> None:
    found = individual_setting_problem(setting)
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem), found


@pytest.mark.parametrize(
    ("targeting", "written"),
    [
        ({}, {}),
        ({"targeting_automation": {"advantage_audience": 1}}, {}),
        (
            {"targeting_automation": {"individual_setting": {"gender": "0", "age": 1}}},
            {"age": 1, "gender": 0},
        ),
        ({"targeting_automation": {"individual_setting": {"age": 1, "custom_audience": 1}}}, {}),
    ],
)
def test_individual_setting_of_is_what_import_writes_as_written(
    targeting: dict[str, Any], written: dict[str, int]
) -> None:
    """Import writes the ad set's ``individual_setting`` as Meta holds it (0 flags kept), none when it holds a
    key or flag the spec cannot (refused instead, through ``unexpressed_automation``)."""
    assert individual_setting_of(targeting) == written


def test_targeting_automation_sends_the_settings_as_written_beside_the_flag_and_none_when_empty() -> None:
    assert targeting_automation(False, {"gender": 0, "age": 1}) == {
        "advantage_audience": 0,
        "individual_setting": {"age": 1, "gender": 0},
    }
    assert targeting_automation(True, {}) == {"advantage_audience": 1}


def test_canonical_automation_reads_individual_setting_flags_as_ints_and_keeps_the_rest_as_read() -> None:
    read = {"advantage_audience": "1", "individual_setting": {"age": "1", "gender": False, "geo": "x"}}
    assert canonical_automation(read) == {
        "advantage_audience": 1,
        "individual_setting": {"age": 1, "gender": 0, "geo": "x"},
    }


def test_other_automation_settings_keep_the_plain_refusal() -> None:
    assert unexpressed_automation_problem("value_expression", 1) == (
        "targeting_automation.value_expression 1, which the spec language cannot express "
        "(meta.advantage_audience is its advantage_audience alone, meta.advantage_audience_settings its "
        "individual_setting)"
    )
