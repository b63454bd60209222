"""targeting.meta_automation: which ``targeting_automation`` settings import refuses, and how it says so."""

from __future__ import annotations

from typing import Any

import pytest

from midas_reconcile.targeting.meta_automation import unexpressed_automation, unexpressed_automation_problem


@pytest.mark.parametrize(
    ("automation", "unexpressed"),
    [
        (None, {}),
        ({"advantage_audience": 1}, {}),
        ({"advantage_audience": 0, "individual_setting": {}}, {}),
        ({"advantage_audience": 1, "shared_audiences": 0}, {}),
        # Flags of unknown meaning: 0 may as well be a choice as 1, so neither is taken as absent.
        (
            {"advantage_audience": 1, "individual_setting": {"age": 0, "gender": 0}},
            {"individual_setting": {"age": 0, "gender": 0}},
        ),
        (
            {"advantage_audience": 0, "individual_setting": {"geo": 1}, "shared_audiences": 1},
            {"individual_setting": {"geo": 1}, "shared_audiences": 1},
        ),
    ],
)
def test_unexpressed_automation_is_every_setting_beside_the_flag(
    automation: dict[str, Any] | None, unexpressed: dict[str, Any]
) -> None:
    assert unexpressed_automation({"targeting_automation": automation}) == unexpressed


def test_the_individual_setting_refusal_says_its_meaning_is_undocumented_and_what_to_do() -> None:
    problem = unexpressed_automation_problem("individual_setting", {"age": 1, "gender": 1})
    assert problem.startswith("targeting_automation.individual_setting {'age': 1, 'gender': 1}, which")
    assert "does not say what its flags mean" in problem
    assert "take individual_setting out of the ad set's targeting_automation" in problem


def test_other_automation_settings_keep_the_plain_refusal() -> None:
    assert unexpressed_automation_problem("value_expression", 1) == (
        "targeting_automation.value_expression 1, which the spec language cannot express "
        "(meta.advantage_audience is its advantage_audience alone)"
    )
