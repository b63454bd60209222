"""Keyword text is one keyword per Google's own reading of it: case and runs of spaces do not count
(validation, plan addresses and the platform's criterion ids agree)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)

_WALKERS = "        - {text: walking shoes, match: broad}\n"
_NEGATIVE = "      - {text: free, match: broad}\n"


def _edit(workspace: Path, old: str, new: str) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (_WALKERS, _WALKERS + "        - {text: 'Walking  Shoes', match: broad}\n", "keywords[1]"),
        (_NEGATIVE, _NEGATIVE + "      - {text: 'FREE', match: broad}\n", "negative_keywords[1]"),
    ],
    ids=["keyword", "negative-keyword"],
)
def test_keywords_equal_but_for_case_and_spacing_are_a_spec_error_naming_both(
    midas: Midas, workspace: Path, old: str, new: str, where: str
) -> None:
    _edit(workspace, old, new)
    result = midas("validate")
    assert result.code == 1, result.output
    assert "duplicate keyword" in result.output
    assert where in result.output
    assert where.replace("[1]", "[0]") in result.output  # the earlier entry is named too
    assert midas("apply", "--auto-approve").code == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (_WALKERS, "        - {text: 'walking   shoes', match: broad}\n"),
        (_WALKERS, "        - {text: 'Walking Shoes', match: broad}\n"),
        (_NEGATIVE, "      - {text: 'Free', match: broad}\n"),
    ],
    ids=["spacing", "case", "negative-case"],
)
def test_a_keyword_changed_only_in_case_or_spacing_is_no_change(
    midas: Midas, workspace: Path, old: str, new: str
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    _edit(workspace, old, new)
    plan = midas("plan")
    assert plan.code == 0, plan.output
    assert "No changes" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0


@pytest.mark.parametrize(
    ("old", "spaced", "plain"),
    [
        (_WALKERS, "        - {text: 'walking   shoes', match: broad}\n", _WALKERS),
        (
            _NEGATIVE,
            _NEGATIVE + "      - {text: 'cheap   shoes', match: phrase}\n",
            _NEGATIVE + "      - {text: cheap shoes, match: phrase}\n",
        ),
    ],
    ids=["keyword", "negative-keyword"],
)
def test_a_keyword_sent_with_extra_spaces_reads_back_as_the_same_keyword(
    midas: Midas, workspace: Path, old: str, spaced: str, plain: str
) -> None:
    """Google's criterion is the same whatever the spacing: the live keyword, read back with its spaces,
    is at the key the specs want (not a create that collides with it and a delete)."""
    _edit(workspace, old, spaced)
    assert midas("apply", "--auto-approve").code == 0
    plan = midas("plan")
    assert "No changes" in plan.output, plan.output
    _edit(workspace, spaced, plain)
    plan = midas("plan")
    assert "No changes" in plan.output, plan.output


def test_a_keyword_recased_in_the_console_is_the_same_criterion_and_the_apply_puts_back_its_text(
    midas: Midas,
) -> None:
    """Google reads a keyword without case: a console edit of its case alone keeps the criterion (its id)."""
    assert midas("apply", "--auto-approve").code == 0
    address = "ad_group_criterion/spring-sale/walkers/keyword:BROAD:walking shoes@google"
    edited = midas("sandbox", "set", address, "keyword.text=Walking Shoes")
    assert edited.code == 0, edited.output
    assert "deleted out of band" not in midas("drift").output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
