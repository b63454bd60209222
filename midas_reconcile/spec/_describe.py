"""How values are described to people in error messages ("found …; expected …")."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

#: Shown instead of a value that must never be echoed (credentials, URLs that carry tokens).
HIDDEN = "a value (not shown)"


def describe(value: Any) -> str:
    """A short, YAML-flavoured description of a value for 'found …'."""
    if value is None:
        return "null (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:59] + "…")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def a_or_an(word: str) -> str:
    """``word`` after its indefinite article, as a message names a kind ("an image creative")."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when a close option exists, else an empty string."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class ValueProblem(ValueError):
    """A rejected value, kept apart from the explanation so the value can be hidden when secret.

    ``tail`` continues the sentence after "found <value>", e.g. ``"; expected an https URL"``.
    """

    def __init__(self, value: Any, tail: str) -> None:
        self.value = value
        self.tail = tail
        super().__init__(self.render(hidden=False))

    def render(self, *, hidden: bool) -> str:
        return f"found {HIDDEN if hidden else describe(self.value)}{self.tail}"
