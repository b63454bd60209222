"""pydantic errors → ``SpecIssue``s that point at the YAML node and say what was found and expected.

pydantic reports a ``loc`` (keys and indices, plus internal tags for unions and validators); we walk it
through the parsed data to find the node, and phrase the message for people who write YAML, not Python.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from midas_reconcile.errors import SpecIssue
from midas_reconcile.resources import YOUTUBE_VIDEO_ID_PATTERN
from midas_reconcile.spec._describe import HIDDEN, ValueProblem, describe, did_you_mean
from midas_reconcile.spec._yaml import ParsedDocument, PathKey, child, format_path
from midas_reconcile.spec.models import (
    GOOGLE_ID_PATTERN,
    IMAGE_HASH_PATTERN,
    NAME_PATTERN,
    PAGE_POST_PATTERN,
    PLATFORM_NAME_PATTERN,
)

#: Says whether a value at a path must never be echoed (credentials, URLs carrying tokens).
Redactor = Callable[[PathKey], bool]

_EXPECTED: Final[dict[str, str]] = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "finite_number": "a finite number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
}

_PATTERNS: Final[dict[str, str]] = {
    NAME_PATTERN: "a name of lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, "
    "at most 63 characters",
    PLATFORM_NAME_PATTERN: "a name of at most 255 characters without control characters",
    r"^[A-Z]{3}$": "an ISO 4217 currency code such as 'USD'",
    GOOGLE_ID_PATTERN: "a Google Ads id: digits without leading zeros, such as 12345",
    YOUTUBE_VIDEO_ID_PATTERN: "a YouTube video id: the 11 letters, digits, '-' or '_' after 'v=' in its URL, "
    "such as 'dQw4w9WgXcQ'",
    PAGE_POST_PATTERN: "a Page post id: '<page id>_<post id>', digits on both sides, such as "
    "'1122334455_987654321'",
    IMAGE_HASH_PATTERN: "the hash of an image of the Meta ad account's library: 32 digits or lower-case "
    "letters a-f, as Ads Manager's image library shows it",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation allows (Annotated and Optional peeled off)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [t for arg in get_args(annotation) if arg is not type(None) for t in _unwrap(arg)]
    return [annotation]


def _annotation_at(model: type[BaseModel], parts: Sequence[str | int]) -> Any:
    """The annotation of the field at ``parts`` below ``model`` (None when it cannot be followed)."""
    current: Any = model
    for part in parts:
        following = None
        for candidate in _unwrap(current):
            origin = get_origin(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                if isinstance(part, str) and part in candidate.model_fields:
                    following = candidate.model_fields[part].annotation
            elif origin is list and isinstance(part, int):
                following = get_args(candidate)[0]
            elif origin is dict and isinstance(part, str):
                following = get_args(candidate)[1]
            if following is not None:
                break
        if following is None:
            return None
        current = following
    return current


def _key_annotation(model: type[BaseModel], parts: Sequence[str | int]) -> Any:
    """The key type of the mapping holding the key at ``parts`` (None if that is not a typed mapping)."""
    for candidate in _unwrap(_annotation_at(model, parts[:-1])):
        if get_origin(candidate) is dict:
            return get_args(candidate)[0]
    return None


def _choices(annotation: Any) -> list[str]:
    found: list[str] = []
    for candidate in _unwrap(annotation):
        if get_origin(candidate) is Literal:
            found.extend(str(arg) for arg in get_args(candidate))
        elif isinstance(candidate, type) and issubclass(candidate, Enum):
            found.extend(str(member.value) for member in candidate)
    return found


def _model_keys(annotation: Any) -> list[str]:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return list(candidate.model_fields)
    return []


def unknown_key_message(key: str, options: Sequence[str]) -> str:
    """The message for a key that is not allowed where it is."""
    hint = did_you_mean(key, options)
    if hint:
        return f"unknown key {key!r}{hint}"
    return (
        f"unknown key {key!r}; expected one of: {', '.join(options)}" if options else f"unknown key {key!r}"
    )


def _locate(loc: Sequence[str | int], data: Any, error_type: str) -> tuple[PathKey, bool]:
    """Follow ``loc`` through ``data``; returns the data path and whether the error is about a key."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        found, value = child(current, part)
        if found:
            path.append(part)
            current = value
        elif part == "[key]":
            return tuple(path), True
        elif last and error_type == "missing" and isinstance(part, str):
            path.append(part)
    return tuple(path), error_type == "extra_forbidden"


def _located(error: ValidationError, data: Any) -> list[tuple[ErrorDetails, PathKey, bool]]:
    """Each error of ``error`` with the path in ``data`` it is about and whether it is about a key, but a
    union's branch refusing a list or mapping by its kind (``found a list; expected one of 'website', …``)
    where another branch took it and refused what is inside (``[0]: found 'website'; expected one of
    'messenger', …``): the deeper error says what is wrong."""
    located = [(d, *_locate(d["loc"], data, d["type"])) for d in error.errors(include_url=False)]

    def kind_refused(detail: ErrorDetails, rel: PathKey) -> bool:
        refused_kind = detail["type"] in ("literal_error", "enum") or detail["type"].endswith("_type")
        inside = any(len(other) > len(rel) and other[: len(rel)] == rel for _, other, _ in located)
        return refused_kind and isinstance(detail.get("input"), list | dict) and inside

    return [(d, rel, about_key) for d, rel, about_key in located if not kind_refused(d, rel)]


def translate(
    error: ValidationError,
    doc: ParsedDocument,
    file: str,
    base: PathKey,
    model: type[BaseModel],
    redact: Redactor | None = None,
) -> list[SpecIssue]:
    """Issues for every pydantic error of validating ``model`` at ``base`` inside ``doc``.

    Errors at or below a path already reported while parsing (a duplicate key, a bad tag) are dropped.
    """
    sub_data = doc.data
    for part in base:
        sub_data = sub_data[part]
    issues: list[SpecIssue] = []
    for detail, rel, about_key in _located(error, sub_data):
        path = (*base, *rel)
        if any(path[:n] in doc.reported for n in range(len(path) + 1)):
            continue
        hidden = bool(redact and redact(path)) and not about_key  # key names are never secret
        message = _message(detail, rel, model, hidden, about_key)
        if detail["type"] == "missing":
            line, column = doc.key_pos(path[:-1])
        elif about_key:
            line, column = doc.key_pos(path)
        else:
            line, column = doc.value_pos(path)
        issues.append(SpecIssue(file, line, column, format_path(path), message))
    return issues


def value_problems(error: ValidationError, data: Any, model: type[BaseModel]) -> list[tuple[PathKey, str]]:
    """Each pydantic error of validating ``data`` (no document: a value import is about to write) as
    ``model``: the path in ``data`` it is about and what was found and expected, as a spec issue says it."""
    problems: list[tuple[PathKey, str]] = []
    for detail, rel, about_key in _located(error, data):
        problems.append((rel, _message(detail, rel, model, False, about_key)))
    return problems


def _message(
    detail: ErrorDetails, rel: PathKey, model: type[BaseModel], hidden: bool, about_key: bool
) -> str:
    kind = detail["type"]
    value = detail.get("input")
    found = HIDDEN if hidden else describe(value)
    ctx = detail.get("ctx") or {}
    if kind == "missing":
        return f"missing required key {rel[-1]!r}"
    if kind == "extra_forbidden":
        return unknown_key_message(str(rel[-1]), _model_keys(_annotation_at(model, rel[:-1])))
    if kind == "value_error":
        problem = ctx.get("error")
        if isinstance(problem, ValueProblem):
            return problem.render(hidden=hidden)
        return f"found {found}; {problem}" if problem else detail["msg"]
    if kind in ("literal_error", "enum"):
        annotation = _key_annotation(model, rel) if about_key else _annotation_at(model, rel)
        choices = _choices(annotation)
        expected = ", ".join(repr(c) for c in choices) if choices else str(ctx.get("expected", ""))
        hint = did_you_mean(str(value), choices) if isinstance(value, str) and not hidden else ""
        return f"found {found}; expected one of {expected}{hint}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return f"found {found}; expected {_PATTERNS.get(pattern, f'text matching {pattern}')}"
    if kind in _EXPECTED:
        expected = _EXPECTED[kind]
        quote = kind == "string_type" and isinstance(value, int | Decimal | dt.date) and not hidden
        return f"found {found}; expected {expected}" + (" (put it in quotes)" if quote else "")
    bounds = {
        "greater_than": "a value greater than {gt}",
        "greater_than_equal": "a value of at least {ge}",
        "less_than": "a value less than {lt}",
        "less_than_equal": "a value of at most {le}",
        "string_too_short": "text of at least {min_length} character(s)",
        "string_too_long": "text of at most {max_length} characters",
        "too_short": "at least {min_length} item(s)",
        "too_long": "at most {max_length} items",
    }
    if kind in bounds:
        return f"found {found}; expected {bounds[kind].format(**{k: _bound(v) for k, v in ctx.items()})}"
    return f"found {found}; {detail['msg'][:1].lower()}{detail['msg'][1:]}"


def _bound(value: Any) -> str:
    """A bound from pydantic's error context as a plain number: ``1000000000``, not ``Decimal('1000000000')``
    (pydantic hands some bounds over as their repr)."""
    if isinstance(value, str):
        match = re.fullmatch(r"Decimal\('([^']*)'\)", value)
        if match is None:
            return value
        value = Decimal(match.group(1))
    if isinstance(value, Decimal) and value.is_finite():
        return f"{value.normalize():f}"
    return str(value)
