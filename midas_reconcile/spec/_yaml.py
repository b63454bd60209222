"""YAML text → plain data that remembers where every key and value came from.

Built on PyYAML's compose API (libyaml when available) rather than ``safe_load`` so that each value keeps
its line and column, duplicate keys are caught (``safe_load`` silently keeps the last one), and numbers
with a fractional part become ``Decimal`` from their source text (never through a float, so
``0.6 + 0.4 == 1`` holds for split shares). Every problem becomes a ``SpecIssue``; nothing raises.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Final, TypeAlias

import yaml

from midas_reconcile.errors import SpecIssue

try:  # libyaml is ~10x faster on large workspaces; marks carry the same line/column either way.
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

#: Implicit tags of short plain scalars already seen: keys and enum values repeat thousands of times in a
#: large workspace, and PyYAML's regex-based resolver is most of the parsing time. Bounded.
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_RESOLVED_MAX: Final = 50_000


class _Loader(_Base):
    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or len(value) > 64:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[key] = tag
        return tag


PathKey: TypeAlias = tuple[str | int, ...]
Pos: TypeAlias = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
_MAX_DEPTH: Final = 40
#: Upper bound of nodes one document may expand to (stops alias "billion laughs" expansion).
_MAX_NODES: Final = 200_000
_CONSTRUCTOR: Final = yaml.constructor.SafeConstructor()
_TAG_NAMES: Final = {
    _TAG + "timestamp": "date",
    _TAG + "int": "integer",
    _TAG + "float": "number",
    _TAG + "bool": "boolean",
}


@dataclass
class ParsedDocument:
    """One YAML document: its data, where it starts, and the position of every path in it.

    ``positions`` maps a path (keys and list indices) to ``(key position, value position)``, both
    1-based ``(line, column)``; the key position is None for list items and the root. ``reported``
    holds paths already reported as issues, so later validation does not report them twice.
    """

    data: Any
    start: Pos
    positions: dict[PathKey, tuple[Pos | None, Pos]] = field(default_factory=dict)
    reported: set[PathKey] = field(default_factory=set)

    def value_pos(self, path: PathKey) -> Pos:
        """Position of the value at ``path``, or of its nearest enclosing node that exists."""
        for end in range(len(path), -1, -1):
            entry = self.positions.get(path[:end])
            if entry is not None:
                return entry[1]
        return self.start

    def key_pos(self, path: PathKey) -> Pos:
        """Position of the key naming ``path`` (the value's own position for list items)."""
        entry = self.positions.get(path)
        if entry is not None:
            return entry[0] or entry[1]
        return self.value_pos(path)

    def node_pos(self, path: PathKey) -> Pos:
        """Where a message about ``path`` points: the key of a mapping or list (its name says more than
        its first item), the value itself for scalars, the nearest existing parent for absent paths."""
        found, value = self.value_at(path)
        if not found:
            return self.value_pos(path)
        return self.key_pos(path) if isinstance(value, dict | list) else self.value_pos(path)

    def value_at(self, path: PathKey) -> tuple[bool, Any]:
        """``(True, the value at path)`` as the document wrote it, or ``(False, None)`` when absent."""
        value: Any = self.data
        for part in path:
            found, value = child(value, part)
            if not found:
                return False, None
        return True, value


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


def child(container: Any, part: str | int) -> tuple[bool, Any]:
    """``(True, container[part])`` when ``part`` is a key of a mapping or an index of a list."""
    if isinstance(container, dict) and isinstance(part, str) and part in container:
        return True, container[part]
    if isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
        return True, container[part]
    return False, None


def format_path(path: PathKey) -> str:
    """``('spec', 'creatives', 0, 'name')`` → ``spec.creatives[0].name``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Converter:
    """Walks one composed document; collects positions and issues."""

    def __init__(self, file: str, doc: ParsedDocument) -> None:
        self.file = file
        self.doc = doc
        self.issues: list[SpecIssue] = []
        self.nodes = 0
        #: Collection nodes on the current path (by id): meeting one again means a recursive alias.
        self.active: set[int] = set()

    def issue(self, pos: Pos, path: PathKey, message: str) -> None:
        self.issues.append(SpecIssue(self.file, pos[0], pos[1], format_path(path), message))
        self.doc.reported.add(path)

    def convert(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > _MAX_NODES:
            raise _TooLarge(_pos(node.start_mark))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if depth >= _MAX_DEPTH:
            self.issue(
                _pos(node.start_mark), path, f"nesting deeper than {_MAX_DEPTH} levels is not supported"
            )
            return None
        if id(node) in self.active:
            self.issue(_pos(node.start_mark), path, "recursive YAML alias; expected a finite structure")
            return None
        self.active.add(id(node))
        try:
            return self.collection(node, path, depth)
        finally:
            self.active.discard(id(node))

    def collection(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self.issue(_pos(node.start_mark), path, f"unsupported YAML tag {node.tag!r}; expected a list")
            items = []
            for index, item in enumerate(node.value):
                self.doc.positions[(*path, index)] = (None, _pos(item.start_mark))
                items.append(self.convert(item, (*path, index), depth + 1))
            return items
        if not isinstance(node, yaml.MappingNode):  # pragma: no cover - the composer makes only three kinds
            return None
        if node.tag != _TAG + "map":
            self.issue(_pos(node.start_mark), path, f"unsupported YAML tag {node.tag!r}; expected a mapping")
        return self.mapping(node, path, depth)

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> Any:
        result: dict[str, Any] = {}
        seen: dict[str, Pos] = {}
        merged: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            key_pos = _pos(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.issue(key_pos, path, "mapping keys must be plain text; found a list or mapping as a key")
                continue
            if key_node.tag == _TAG + "merge":
                merged.extend(self.merge_sources(value_node, path))
                continue
            key = str(key_node.value)
            if key in seen:
                self.issue(
                    key_pos,
                    (*path, key),
                    f"duplicate key {key!r}; it is already set at line {seen[key][0]}, column {seen[key][1]}",
                )
                continue
            seen[key] = key_pos
            self.doc.positions[(*path, key)] = (key_pos, _pos(value_node.start_mark))
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        # YAML merge keys (<<: *defaults): explicit keys win, the first merged source wins over later ones.
        for key, key_node, value_node in merged:
            if key in result:
                continue
            self.doc.positions[(*path, key)] = (_pos(key_node.start_mark), _pos(value_node.start_mark))
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result

    def merge_sources(self, node: yaml.Node, path: PathKey) -> list[tuple[str, yaml.Node, yaml.Node]]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                self.issue(_pos(source.start_mark), path, "a merge key (<<) must name a mapping")
                continue
            for key_node, value_node in source.value:
                usable = isinstance(key_node, yaml.ScalarNode) and key_node.tag != _TAG + "merge"
                if usable and not any(key == key_node.value for key, _, _ in pairs):
                    pairs.append((str(key_node.value), key_node, value_node))
        return pairs

    def scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        tag = node.tag
        try:
            if tag == _TAG + "str":
                return node.value
            if tag == _TAG + "null":
                return None
            if tag == _TAG + "bool":
                return _CONSTRUCTOR.construct_yaml_bool(node)
            if tag == _TAG + "int" and _is_clock_time(str(node.value), path):
                return node.value  # a time of day, as written (``schedule.hours``)
            if tag in (_TAG + "int", _TAG + "float"):
                odd = _non_decimal_form(str(node.value), tag)
                if odd is not None:
                    self.issue(_pos(node.start_mark), path, odd)
                    return node.value
                if tag == _TAG + "int":
                    return int(str(node.value).replace("_", ""))
                return _decimal(node)
            if tag == _TAG + "timestamp":
                value = _CONSTRUCTOR.construct_yaml_timestamp(node)
                return value if isinstance(value, dt.datetime | dt.date) else node.value
        except (ValueError, OverflowError, yaml.YAMLError, InvalidOperation):
            self.issue(
                _pos(node.start_mark),
                path,
                f"found {_short(node.value)!r}, which is not a valid {_TAG_NAMES.get(tag, tag)}",
            )
            return node.value
        shown = tag.replace(_TAG, "!!", 1) if tag.startswith(_TAG) else tag
        self.issue(_pos(node.start_mark), path, f"unsupported YAML tag {shown!r}; remove it")
        return node.value


class _TooLarge(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


#: A number as people write it: decimal digits (underscores between them allowed), no leading zero.
_PLAIN_INT: Final = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")


#: A time of day as ``schedule.hours`` writes it unquoted (``17:30``), which YAML 1.1 reads as base 60.
_CLOCK: Final = re.compile(r"[0-9]{1,2}:[0-9]{2}")
#: The fields that hold a time of day, read as the text written.
_CLOCK_FIELDS: Final = frozenset({"start", "end"})


def _is_clock_time(text: str, path: PathKey) -> bool:
    """Whether ``text`` is a time of day written unquoted at a ``schedule.hours`` slot's start or end."""
    return (
        len(path) >= 3 and path[-1] in _CLOCK_FIELDS and path[-3] == "hours" and bool(_CLOCK.fullmatch(text))
    )


def _non_decimal_form(text: str, tag: str) -> str | None:
    """Why a YAML 1.1 number is refused, or None for a plain decimal one.

    YAML 1.1 (PyYAML) reads ``010`` as octal 8, ``0x20`` as 32, ``0b11`` as 3 and ``1:30`` as base-60
    90 — a budget or an age silently changed. Nobody writes a budget in octal on purpose, so these forms
    are refused rather than guessed at; quoting keeps them as text where text is wanted.
    """
    body = text.lstrip("+-")
    if tag == _TAG + "float":
        if ":" not in body:
            return None
        form = "a base-60 (sexagesimal) number"
    elif _PLAIN_INT.fullmatch(text):
        return None
    elif ":" in body:
        form = "a base-60 (sexagesimal) number"
    elif body[:2].lower() == "0x":
        form = "a hexadecimal number"
    elif body[:2].lower() == "0b":
        form = "a binary number"
    else:
        form = "an octal number (a leading 0)"
    return (
        f"found {_short(text)!r}, which YAML 1.1 reads as {form}; expected a plain decimal number "
        "(digits without a leading 0, base prefix or ':'), or quote it if it is text"
    )


def _decimal(node: yaml.ScalarNode) -> Decimal:
    text = str(node.value).replace("_", "").lower()
    if text.lstrip("+-") in (".inf", ".nan"):
        # Kept as a non-finite Decimal so that validation reports it with the field's own rule.
        return Decimal(text.replace(".", ""))
    return Decimal(text)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_yaml(text: str, file: str) -> tuple[list[ParsedDocument], list[SpecIssue]]:
    """Every non-empty document in ``text`` with positions, plus the issues found while reading.

    A syntax error ends the file (YAML cannot recover) but the documents before it are kept.
    """
    documents: list[ParsedDocument] = []
    issues: list[SpecIssue] = []
    try:
        for node in yaml.compose_all(text, Loader=_Loader):
            if node is None:
                continue
            if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null":
                continue  # an empty document (a trailing '---'): nothing to validate
            doc = ParsedDocument(data=None, start=_pos(node.start_mark))
            doc.positions[()] = (None, doc.start)
            converter = _Converter(file, doc)
            try:
                doc.data = converter.convert(node, (), 0)
            except _TooLarge as too_large:
                line, column = too_large.pos
                message = f"document expands to more than {_MAX_NODES} values (aliases?); split it up"
                issues.append(SpecIssue(file, line, column, "", message))
                continue
            issues.extend(converter.issues)
            documents.append(doc)
    except (yaml.YAMLError, RecursionError) as error:
        issues.append(_syntax_issue(error, text, file))
    return documents, issues


def _syntax_issue(error: Exception, text: str, file: str) -> SpecIssue:
    """One issue for the error that stopped the YAML parser, at the place it stopped."""
    if isinstance(error, yaml.reader.ReaderError):
        # libyaml reports a byte offset, pure PyYAML a character offset: find the character ourselves.
        bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
        offset = bad.start() if bad else 0
        before = text[:offset]
        line, column = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
        code = ord(bad.group()) if bad else 0
        return SpecIssue(
            file, line, column, "", f"found the control character #x{code:04x}; expected printable text"
        )
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = _pos(mark) if mark is not None else (1, 1)
        parts = [part for part in (error.context, error.problem) if part] or ["invalid YAML"]
        context = error.context_mark
        if (
            context is not None
            and mark is not None
            and (context.line, context.column) != (mark.line, mark.column)
        ):
            parts[0] += f" (at line {context.line + 1}, column {context.column + 1})"
        lines = text.splitlines()
        if (
            mark is not None
            and mark.line < len(lines)
            and lines[mark.line][mark.column : mark.column + 1] == "\t"
        ):
            parts.append("YAML does not allow tabs for indentation; use spaces")
        return SpecIssue(file, line, column, "", "YAML syntax error: " + "; ".join(parts))
    if isinstance(error, RecursionError):
        return SpecIssue(file, 1, 1, "", "YAML nesting is too deep; expected a flatter document")
    return SpecIssue(file, 1, 1, "", f"YAML error: {error}")


def read_text(data: bytes, file: str) -> tuple[str | None, list[SpecIssue]]:
    """Decode a spec file as UTF-8 (a BOM is allowed); an issue at the first bad byte otherwise."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1  # in characters
        return None, [SpecIssue(file, line, column, "", "file is not valid UTF-8 text")]
