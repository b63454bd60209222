"""Lists the platforms treat as sets (locations, placements, devices …): each value named once, as the plan
compares them unordered; a repeat is said at the later item."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

from midas_reconcile.spec._yaml import PathKey, format_path

#: What items are compared by.
Key = Callable[[Any], Hashable]


def repeats(items: Sequence[Any], key: Key = str) -> list[tuple[int, int]]:
    """Each item equal (by ``key``) to an earlier one: its index and the first one's."""
    first: dict[Hashable, int] = {}
    out = []
    for index, item in enumerate(items):
        seen = first.setdefault(key(item), index)
        if seen != index:
            out.append((index, seen))
    return out


def check_unique(
    add: Callable[[PathKey, str], None], path: PathKey, items: Sequence[Any], what: str, **by: Any
) -> None:
    """Report every item of ``items`` (at ``path``) equal to an earlier one, at the later item (or its
    ``at`` field): ``by`` may name the ``key`` items are compared by (default ``str``), the ``label`` that
    names one in the message (default ``str``) and the ``at`` field."""
    key: Key = by.get("key", str)
    label: Callable[[Any], str] = by.get("label", str)
    at: str | None = by.get("at")
    for index, seen in repeats(items, key):
        where: PathKey = (*path, index, at) if at else (*path, index)
        earlier: PathKey = (*path, seen, at) if at else (*path, seen)
        add(
            where,
            f"duplicate {what} {label(items[index])!r}; expected each once "
            f"(already at {format_path(earlier)})",
        )
