"""``midas optimize --write``: new daily amounts written into the campaign YAML, nothing else touched.

Each amount is replaced in place — the scalar at the ``spec.budget.daily`` node's own line and column,
as the spec loader located it — so comments, key order, quoting and layout survive and the git diff is
one line per campaign. Every edit is worked out and checked (the text at that position must still be
the amount the workspace was loaded with) before any file is written; a file is replaced atomically.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from midas_reconcile.money import currency_exponent
from midas_reconcile.optimizer._errors import OptimizerError
from midas_reconcile.spec import locate

#: A plain YAML scalar as written for an amount (block or flow style).
_SCALAR = re.compile(r"[^\s,\]}#]+")


@dataclass(frozen=True)
class Edit:
    campaign: str
    file: str
    line: int
    column: int
    old: str
    new: str


def plan_edits(workspace: Any, budgets: Mapping[str, Decimal]) -> list[Edit]:
    """Where each campaign's ``daily`` amount is written and what replaces it. Raises ``OptimizerError``
    when a file changed since the workspace was loaded (or the amount is not a plain number)."""
    edits = []
    for name in sorted(budgets):
        doc = workspace.campaigns[name]
        budget = doc.spec.budget
        line, column = locate(workspace.root, doc, ("spec", "budget", "daily"))
        lines = (workspace.root / doc.file).read_text(encoding="utf-8").splitlines(keepends=True)
        match = _SCALAR.match(lines[line - 1], column - 1) if 0 < line <= len(lines) else None
        try:
            found = Decimal(match.group().strip("'\"")) if match else None
        except InvalidOperation:
            found = None
        if match is None or found != budget.daily:
            raise OptimizerError(
                f"{doc.file}:{line}:{column}: expected the daily budget {budget.daily} of campaign "
                f"{name!r} there; the file changed since it was read or the amount is not a plain number "
                "— nothing written"
            )
        places = currency_exponent(budget.currency)
        new = f"{budgets[name].quantize(Decimal(1).scaleb(-places)):f}"
        edits.append(Edit(name, doc.file, line, column, match.group(), new))
    return edits


def apply_edits(root: Path, edits: list[Edit]) -> list[str]:
    """Write the edits (files sorted; within a file, right to left so positions hold); returns the files."""
    by_file: dict[str, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.file, []).append(edit)
    for file, changes in sorted(by_file.items()):
        path = root / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for edit in sorted(changes, key=lambda e: (e.line, e.column), reverse=True):
            text = lines[edit.line - 1]
            start = edit.column - 1
            lines[edit.line - 1] = text[:start] + edit.new + text[start + len(edit.old) :]
        _replace(path, "".join(lines))
    return sorted(by_file)


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
