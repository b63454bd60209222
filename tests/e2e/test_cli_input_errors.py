"""Bad input to the CLI is a clear error with exit code 1: never a traceback, never a silent reading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def _edit(workspace: Path, old: str, new: str) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("daily: 50.00", "daily: 010", "specs/spring-sale.yaml:16:12: spec.budget.daily"),
        ("daily: 50.00", "daily: 1:30", "specs/spring-sale.yaml:16:12: spec.budget.daily"),
        ("ages: {min: 25,", "ages: {min: 025,", "specs/spring-sale.yaml:25:17: spec.targeting.ages.min"),
    ],
    ids=["octal-budget", "base-60-budget", "octal-age"],
)
def test_yaml_1_1_numbers_are_a_spec_error_not_another_amount(
    midas: Midas, workspace: Path, old: str, new: str, where: str
) -> None:
    _edit(workspace, old, new)
    for command in (["validate"], ["apply", "--auto-approve"]):
        result = midas(*command)
        assert result.code == 1, result.output
        assert where in result.output and "expected a plain decimal number" in result.output
