"""A split budget reaches the platforms whole: the parts add up to the budget, to the cent."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def test_a_budget_split_in_half_loses_no_cent(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text().replace("daily: 50.00", "daily: 50.01")
    spec.write_text(text.replace("google: 0.6, meta: 0.4", "google: 0.5, meta: 0.5"))
    saved = workspace / "plan.json"
    result = midas("plan", "--out", str(saved))
    assert result.code == 0, result.output
    assert "rounded to" in result.output  # each half (25.005) is still rounded, and says so
    plan = saved.read_text()
    google = [int(m) for m in re.findall(r'"amount_micros": (\d+)', plan)]
    meta = [int(m) for m in re.findall(r'"daily_budget": (\d+)', plan)]
    # 25.01 on Google (the brand-awareness campaign has 30.00 of the brand pool) + 25.00 on Meta = 50.01.
    assert (sorted(google), meta) == ([25_010_000, 30_000_000], [2500])
    assert midas("apply", str(saved)).code == 0
    assert "No changes" in midas("plan").output
