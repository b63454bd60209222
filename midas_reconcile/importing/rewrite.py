"""A spec's YAML edited toward a new document as little as it takes (``restore --write-specs``).

The file is edited round-trip, as ``midas mirror`` edits it (ruamel.yaml: comments, key order, quotes and
flow style kept). A value equal in meaning to the one written (numbers by value, lists of scalars or of
keywords in any order) keeps its node; ad groups and creatives are merged by name; keys the new document
does not have (defaults a platform does not echo back, spec-only settings) are kept. Every edit is then
checked by the caller's ``exact`` (the document compiles back to what it must): when the kept keys make it
inexact they go; each value replaced is then tried back as it was written, kept where still exact (a budget
split by share that gives the same amounts). ``None`` when no version is exact.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import yaml
from ruamel.yaml.comments import CommentedMap

from midas_reconcile.importing.render import render_document
from midas_reconcile.round_trip import round_trip_yaml

#: Checks a candidate document (plain, as ``yaml.safe_load`` reads it): True when it compiles exactly.
Exact = Callable[[dict[str, Any]], bool]

#: Replaced values tried back one by one, at most (each try compiles the document once).
_MAX_TRIES: Final = 40


def load(text: str) -> Any:
    """The one document of a spec file's ``text``, for round-trip editing."""
    return round_trip_yaml().load(text)


def dump(document: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(document, out)
    return out.getvalue()


def plain(document: Any) -> dict[str, Any]:
    """``document`` (round-trip) as the plain YAML data a spec loader reads."""
    loaded = yaml.safe_load(dump(document))
    assert isinstance(loaded, dict)
    return loaded


def rewritten(old: Any, new: dict[str, Any], exact: Exact) -> Any | None:
    """``old`` (round-trip) edited toward ``new``, exact by ``exact``; None when no edit is."""
    for mode in _MODES:
        edits: list[_Edit] = []
        candidate = _merged(copy.deepcopy(old), new, edits, mode)
        if exact(plain(candidate)):
            return _tried_back(candidate, edits, exact)
    return None


def edited(old: Any, new: dict[str, Any]) -> Any:
    """``old`` (round-trip) with ``new``'s values where they differ, its other keys kept (unverified: for
    documents the caller verifies with others, such as a shared budget)."""
    return _merged(copy.deepcopy(old), new, [], _Mode(keep_extra=True, ordered=False, add_new=True))


@dataclass(frozen=True)
class _Mode:
    """How boldly ``_merged`` edits: keep keys the new document lacks (``keep_extra``), take lists in
    another order as different (``ordered``: a Meta ad takes the first of a creative's descriptions), add
    keys and items only the new document has (``add_new``)."""

    keep_extra: bool
    ordered: bool
    add_new: bool


#: The edits tried, the least first: values changed alone; with new keys; lists in order; keys dropped.
_MODES: Final = (
    _Mode(keep_extra=True, ordered=False, add_new=False),
    _Mode(keep_extra=True, ordered=False, add_new=True),
    _Mode(keep_extra=True, ordered=True, add_new=True),
    _Mode(keep_extra=False, ordered=True, add_new=True),
)


@dataclass
class _Edit:
    """One change ``_merged`` made: ``undo`` puts back what was written, ``redo`` makes it again."""

    undo: Callable[[], None]
    redo: Callable[[], None]


def _tried_back(document: Any, edits: list[_Edit], exact: Exact) -> Any:
    """Each edit undone in turn (keys added taken out, dropped put back, values replaced as written), and
    kept undone where the document stays exact."""
    for edit in edits[:_MAX_TRIES]:
        edit.undo()
        if not exact(plain(document)):
            edit.redo()
    return document


def without_restated_targeting(document: Any, written: Any, exact: Exact) -> Any:
    """``document`` (round-trip, exact) without the ad group targeting its edits left saying what the
    campaign's says, kept out where it stays exact. Read back, a campaign's targeting is its first ad
    group's, so another ad group targets it explicitly: an edit keeping the spec's campaign targeting leaves
    that override restating it. An override the ``written`` spec restated itself, the campaign's as written
    too, is the user's and stays."""
    spec = document.get("spec") or {}
    campaign = spec.get("targeting") or {}
    was_spec = written.get("spec") or {}
    was_campaign = was_spec.get("targeting") or {}
    was_groups = {g.get("name"): g for g in was_spec.get("ad_groups") or [] if isinstance(g, dict)}
    for group in spec.get("ad_groups") or []:
        targeting = group.get("targeting") if isinstance(group, dict) else None
        if not isinstance(targeting, CommentedMap):
            continue
        was = (was_groups.get(group.get("name")) or {}).get("targeting") or {}
        for key in [k for k in targeting if k in campaign and same(targeting[k], campaign[k])]:
            restated = key in was and same(was[key], targeting[key])
            if restated and key in was_campaign and same(was_campaign[key], campaign[key]):
                continue  # restated in the spec as written
            index, value = list(targeting).index(key), targeting.pop(key)
            emptied = not targeting
            at = list(group).index("targeting") if emptied else 0
            if emptied:
                group.pop("targeting")
            if exact(plain(document)):
                continue
            if emptied:
                group.insert(at, "targeting", targeting)
            targeting.insert(index, key, value)
    return document


def _set(mapping: Any, key: Any, value: Any) -> Callable[[], None]:
    def apply() -> None:
        mapping[key] = value

    return apply


def _merged(old: Any, new: Any, edits: list[_Edit], mode: _Mode) -> Any:
    """``old`` with ``new``'s values where they differ in meaning (in place where it can), as ``mode``
    allows, each change made in ``edits``."""
    if same(old, new, mode.ordered):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        dropped = [(i, k) for i, k in enumerate(old) if k not in new and not mode.keep_extra]
        for index, key in reversed(dropped):
            value = old.pop(key)
            edits.insert(
                0, _Edit(functools.partial(old.insert, index, key, value), functools.partial(old.pop, key))
            )
        for key, value in new.items():
            if key in old:
                was = old[key]
                # Edited in place, a mapping of values alone is also tried back whole: a split by share undone
                # key by key never gives the amounts again.
                written = copy.deepcopy(was) if _of_values(was) else was
                merged = _merged(was, value, edits, mode)
                if merged is not was or not same(written, merged, ordered=True):
                    edits.append(_Edit(_set(old, key, written), _set(old, key, merged)))
                old[key] = merged
            elif mode.add_new:
                old[key] = node(value)
                edits.insert(0, _Edit(functools.partial(old.pop, key), _set(old, key, old[key])))
        return old
    if _named_items(old) and _named_items(new):
        # In the order written, those new at the end; those the new document lacks go. One name may be
        # written once per platform (the ad group or creative that cannot be one on both).
        wanted = {_identity(item): item for item in new}
        kept = _counterparts(old, wanted)
        for index in reversed(range(len(old))):
            if index not in kept:
                del old[index]
        for index, identity in enumerate(kept.values()):
            old[index] = _merged(old[index], wanted.pop(identity), edits, mode)
        if mode.add_new:
            old.extend(node(item) for item in wanted.values())
        return old
    return node(new)


def _named_items(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, dict) and "name" in i for i in value) and bool(value)


def _identity(item: Any) -> tuple[str, tuple[str, ...]]:
    return str(item["name"]), tuple(sorted(map(str, item.get("platforms") or ())))


def _counterparts(old: list[Any], wanted: dict[tuple[str, tuple[str, ...]], Any]) -> dict[int, Any]:
    """The new item each written one becomes, by index: the one of its name and platforms, else the one of
    its name (its platforms changed) when that name is left to just one written and one new item."""
    found = {i: _identity(item) for i, item in enumerate(old) if _identity(item) in wanted}
    left = [i for i in range(len(old)) if i not in found]
    unclaimed = [k for k in wanted if k not in found.values()]
    for index in left:
        name = _identity(old[index])[0]
        alike = [k for k in unclaimed if k[0] == name]
        if len(alike) == 1 and sum(_identity(old[i])[0] == name for i in left) == 1:
            found[index] = alike[0]
    return dict(sorted(found.items()))


def _of_values(value: Any) -> bool:
    return isinstance(value, CommentedMap) and not any(isinstance(v, dict | list) for v in value.values())


def node(value: Any) -> Any:
    """A new value as a round-trip node, in the house style ``import`` writes (``render_document``)."""
    if not isinstance(value, dict | list):
        return value
    return load(render_document({"value": value}, []))["value"]


def same(old: Any, new: Any, ordered: bool = False) -> bool:
    """Whether a written value and a new one mean the same: numbers by value, mappings key by key, lists
    item by item or, unless ``ordered``, in any order."""
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(same(old[k], new[k], ordered) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return False
        if all(same(a, b, ordered) for a, b in zip(old, new, strict=True)):
            return True
        if ordered:
            return False
        keys = sorted(map(_key, old))
        return keys == sorted(map(_key, new))
    return _scalar(old) == _scalar(new)


def _key(value: Any) -> str:
    return repr(_canonical(value))


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return sorted((str(k), _key(v)) for k, v in value.items())
    if isinstance(value, list):
        return sorted(_key(v) for v in value)
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        try:
            return Decimal(str(value)).normalize()
        except InvalidOperation:
            return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
