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


def repeats_at(
    path: PathKey, items: Sequence[Any], key: Key = str, at: str | None = None
) -> list[tuple[int, PathKey, PathKey]]:
    """``repeats`` where they are written: each repeat's index, its path and the first one's (the item's
    ``at`` field, if given)."""
    return [
        (index, (*path, index, at) if at else (*path, index), (*path, seen, at) if at else (*path, seen))
        for index, seen in repeats(items, key)
    ]


def check_unique(
    add: Callable[[PathKey, str], None],
    path: PathKey,
    items: Sequence[Any],
    what: str,
    *,
    key: Key = str,
    label: Callable[[Any], str] = str,
    at: str | None = None,
) -> None:
    """Report every item of ``items`` (at ``path``) equal (by ``key``) to an earlier one, at the later item
    (or its ``at`` field), naming it by ``label``."""
    for index, where, earlier in repeats_at(path, items, key, at):
        add(
            where,
            f"duplicate {what} {label(items[index])!r}; expected each once "
            f"(already at {format_path(earlier)})",
        )
