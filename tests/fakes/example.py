"""The shipped example workspace, copied for a test (midas.yaml, specs/, policies/)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def copy_example_workspace(root: Path) -> Path:
    """A fresh copy of the example workspace at ``root`` (created)."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "midas.yaml", root / "midas.yaml")
    shutil.copytree(REPO / "specs", root / "specs")
    shutil.copytree(REPO / "policies", root / "policies")
    return root
