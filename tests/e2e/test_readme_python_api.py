"""The README's "Python API" section runs as written: its python blocks, in order, in a copy of the example
workspace (the current directory, as the README assumes), on SQLite and PostgreSQL state."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from midas_reconcile import Session

README = Path(__file__).resolve().parents[2] / "README.md"


def python_api_blocks(text: str) -> list[str]:
    """The ```python blocks between the "## Python API" heading and the next "## " heading."""
    match = re.search(r"^## Python API\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no '## Python API' section"
    return re.findall(r"^```python\n(.*?)^```$", match.group(1), re.MULTILINE | re.DOTALL)


def test_the_extractor_finds_the_blocks_of_that_section_only() -> None:
    text = (
        "## A\n```python\nx = 1\n```\n## Python API\nsee\n```python\ny = 2\n```\n```yaml\nz: 3\n```\n## B\n"
    )
    assert python_api_blocks(text) == ["y = 2\n"]


def test_python_api_blocks_run_as_written(
    workspace: Path,
    state_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(workspace)
    monkeypatch.setenv("MIDAS_STATE_URL", state_url)
    monkeypatch.delenv("MIDAS_SANDBOX_FAULTS", raising=False)
    blocks = python_api_blocks(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    for number, block in enumerate(blocks, 1):
        code = compile(block, f"README.md (Python API block {number})", "exec")
        exec(code, {"__name__": f"readme_block_{number}"})
    shown = capsys.readouterr().out
    # What the manager block did is really there: a spec in git, applied, and an alert rule.
    document = yaml.safe_load((workspace / "specs" / "summer-sale.yaml").read_text(encoding="utf-8"))
    assert document["metadata"]["name"] == "summer-sale"
    assert (workspace / "policies" / "alerts" / "summer-roas.yaml").is_file()
    with Session(workspace) as session:
        changes = session.plan(accounts=["google-main", "meta-main"], fingerprints=False).plan.actionable
    assert not [c for c in changes if c.address.campaign == "summer-sale"]
    assert "from-your-vault" not in shown and "**********" in shown
