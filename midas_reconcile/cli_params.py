"""Option types and output helpers the commands share: bad values are usage errors (exit 1, one clear
``Error:`` line), never a traceback from deep inside a command."""

from __future__ import annotations

import decimal
import os
from pathlib import Path
from typing import Any

import click


class OutputFile(click.Path):
    """A file the command will write: its directory must exist (checked before any work is done)."""

    name = "file"

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(os.fsdecode(super().convert(value, param, ctx)))
        folder = path.parent
        if not folder.is_dir():
            found = "is not a directory" if folder.exists() else "does not exist"
            self.fail(f"{path}: folder {folder} {found}; expected a file in an existing folder", param, ctx)
        return path


class DecimalRange(click.ParamType):
    """An exact decimal number strictly between ``low`` and ``high`` (no NaN or infinity)."""

    name = "decimal"

    def __init__(self, low: decimal.Decimal, high: decimal.Decimal) -> None:
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, decimal.Decimal):
            number = value
        else:
            try:
                number = decimal.Decimal(str(value).strip())
            except decimal.InvalidOperation:
                number = decimal.Decimal("NaN")
        if not number.is_finite() or not self.low < number < self.high:
            self.fail(
                f"found {value!r}; expected a number between {self.low} and {self.high} exclusive",
                param,
                ctx,
            )
        return number


#: A share of a budget: more than nothing, less than all of it.
SHARE = DecimalRange(decimal.Decimal(0), decimal.Decimal(1))


def write_output(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8); a failure (permissions, a full disk) is a clear error."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None
