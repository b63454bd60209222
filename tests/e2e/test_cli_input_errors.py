"""Bad input to the CLI is a clear error with exit code 1: never a traceback, never a silent reading."""

from __future__ import annotations

import re
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


def test_a_yen_budget_split_in_half_reaches_google_in_whole_yen(midas: Midas, workspace: Path) -> None:
    """Google bills JPY in whole yen: 1001 yen split 0.5/0.5 is 500 + 501 (or 501 + 500), never 500.5."""
    settings = workspace / "midas.yaml"
    settings.write_text(settings.read_text().replace("currency: USD", "currency: JPY"))
    for name in ("specs/brand-awareness.yaml", "policies/budget.yaml", "policies/guardrails.yaml"):
        (workspace / name).unlink()
    _edit(workspace, "daily: 50.00\n    currency: USD", "daily: 1001\n    currency: JPY")
    _edit(workspace, "google: 0.6, meta: 0.4", "google: 0.5, meta: 0.5")
    saved = workspace / "plan.json"
    assert midas("plan", "--out", str(saved)).code == 0
    amounts = re.findall(r'"amount_micros": (\d+)', saved.read_text())
    assert amounts and all(int(a) % 1_000_000 == 0 for a in amounts), amounts
    assert midas("apply", str(saved)).code == 0
    assert "No changes" in midas("plan").output


@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--out", "{missing}/plan.json"],
        ["report", "--format", "csv", "--out", "{missing}/r.csv"],
        ["report", "--format", "html", "--out", "{missing}/r.html"],
        ["plan", "--out", "{file}/plan.json"],
    ],
    ids=["plan", "report-csv", "report-html", "folder-is-a-file"],
)
def test_an_output_file_in_a_missing_folder_is_a_usage_error(
    midas: Midas, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "a-file").write_text("")
    shown = [a.format(missing=tmp_path / "nodir", file=tmp_path / "a-file") for a in args]
    result = midas(*shown)
    assert result.code == 1, result.output
    assert "Traceback" not in result.output
    assert "Error: Invalid value for '--out'" in result.output
    assert "expected a file in an existing folder" in result.output


def test_an_output_file_that_cannot_be_written_is_a_clear_error(midas: Midas, tmp_path: Path) -> None:
    too_long = tmp_path / ("x" * 300 + ".json")  # the file system refuses the name
    result = midas("plan", "--out", str(too_long))
    assert result.code == 1, result.output
    assert "Error: cannot write" in result.output and "File name too long" in result.output


@pytest.mark.parametrize("split", ["abc", "NaN", "inf", "-0.2", "0", "1", "1.5", ""])
def test_a_mirror_split_that_is_no_share_is_a_usage_error(midas: Midas, split: str) -> None:
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--split", split, "--dry-run")
    assert result.code == 1, result.output
    assert "Invalid value for '--split'" in result.output
    assert "expected a number between 0 and 1 exclusive" in result.output


def test_a_mirror_split_that_is_a_share_is_taken(midas: Midas) -> None:
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--split", "0.25", "--dry-run")
    assert result.code == 0, result.output
    assert "meta: 0.25" in result.output


@pytest.mark.parametrize(
    "args", [["state", "runs"], ["alerts", "history"]], ids=["state-runs", "alerts-history"]
)
@pytest.mark.parametrize("limit", ["-1", "0"])
def test_a_limit_below_one_is_a_usage_error_before_the_store_sees_it(
    midas: Midas, args: list[str], limit: str
) -> None:
    result = midas(*args, "--limit", limit)
    assert result.code == 1, result.output
    assert "Invalid value for '--limit'" in result.output and ">=1" in result.output
    assert "LIMIT must not be negative" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("amount", ["1e400", "2000000000"])
def test_a_money_bound_is_shown_as_a_number(midas: Midas, workspace: Path, amount: str) -> None:
    _edit(workspace, "daily: 50.00", f"daily: {amount}")
    result = midas("validate")
    assert result.code == 1
    assert "expected a value of at most 1000000000" in result.output, result.output
    assert "Decimal(" not in result.output


def test_import_all_with_a_campaign_that_does_not_exist_names_it(midas: Midas, workspace: Path) -> None:
    assert midas("apply", "--auto-approve").code == 0
    before = sorted(p.name for p in (workspace / "specs").rglob("*.yaml"))
    result = midas("import", "--account", "google-main", "--all", "--campaign", "999")
    assert result.code == 1, result.output
    assert "no live campaign with id or name '999'" in result.output
    assert sorted(p.name for p in (workspace / "specs").rglob("*.yaml")) == before  # nothing written


@pytest.mark.parametrize(
    ("args", "document", "message"),
    [
        (("plan", "--format", "json", "--bogus"), {}, "No such option '--bogus'"),
        (("plan", "--bogus", "--format=json"), {}, "No such option '--bogus'"),
        (("plan", "--format", "json", "extra"), {}, "Got unexpected extra argument (extra)"),
        (
            ("apply", "--auto-approve", "--format", "json", "--override", "nope"),
            {"plan": None, "apply": None},
            "Invalid value for '--override'",
        ),
        (("plan", "--format", "json", "--account"), {}, "Option '--account' requires an argument"),
        (("plan", "--format", "json", "--out"), {}, "Option '--out' requires an argument"),
    ],
    ids=[
        "unknown-option-after",
        "unknown-option-before",
        "extra-argument",
        "bad-choice",
        "option-without-its-value",
        "last-option-without-its-value",
    ],
)
def test_a_usage_error_under_format_json_is_a_json_document_too(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    document: dict[str, Any],
    message: str,
) -> None:
    import json

    from midas_reconcile.cli import App, main

    code = main(["-C", str(workspace), *args], app=App())
    out, err = capsys.readouterr()

    assert code == 1 and message in err
    printed = json.loads(out)
    assert printed == {**document, "error": {"type": "UsageError", "message": printed["error"]["message"]}}
    assert message in printed["error"]["message"] and printed["error"]["message"] in err


def test_a_usage_error_without_format_json_prints_no_document(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from midas_reconcile.cli import App, main

    assert main(["-C", str(workspace), "plan", "--format", "text", "--bogus"], app=App()) == 1
    out, err = capsys.readouterr()
    assert out == "" and "No such option '--bogus'" in err
