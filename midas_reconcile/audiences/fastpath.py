"""Canonical keys of many rows at once: the common, certainly-valid rows checked column by column.

``key_prefixes`` must count exactly the rows ``normalise_row`` accepts. Calling it per row costs ~5 µs;
most rows of a real list are plainly valid, and that can be checked a column at a time with C-level
``map`` calls. Each check below is *sufficient* — a row passing all of them is accepted by
``normalise_row`` with the same key — and any row failing one goes through ``normalise_row`` itself, so
the verdict and its reason are always the exact ones.

========== ======================================================================================
column     accepted here without ``normalise_row`` (anything else: the full rules)
========== ======================================================================================
email      empty, or trimmed + lower-cased matching the same pattern ``normalise.email`` uses
phone      empty; "+" and 8–15 digits not starting with 0; or 10 digits starting 2–9 in a NANP
           country (US, CA, PR) — after removing the separators ``normalise`` removes
names      empty, or containing an ASCII letter or digit (which ``normalise.name`` always keeps)
country    empty or an assigned ISO code (any case, trimmed)
zip        empty, or 5 digits optionally followed by 4 (valid in every country's rules)
========== ======================================================================================
"""

from __future__ import annotations

import hashlib
import itertools
import operator
import re
from array import array
from collections.abc import Iterator, Sequence
from typing import Final

import numpy as np

from midas_reconcile.audiences import normalise
from midas_reconcile.audiences.customer_list import (
    CHUNK,
    COLUMNS,
    Chunk,
    ReadReport,
    Row,
    key_text,
    normalise_row,
    rows_of,
)
from midas_reconcile.audiences.normalise import FieldProblem
from midas_reconcile.spec._codes import COUNTRIES

_NANP: Final = frozenset({"US", "CA", "PR"})
_COUNTRY_OK: Final = frozenset(COUNTRIES) | {""}
_EMAIL_OR_EMPTY: Final = re.compile(rf"(?:{normalise._EMAIL.pattern})|\Z")
_PHONE_INTERNATIONAL: Final = re.compile(r"\+[1-9][0-9]{7,14}\Z")
_PHONE_NANP: Final = re.compile(r"[2-9][0-9]{9}\Z")
_NAME_OK: Final = re.compile(r"\s*\Z|.*?[A-Za-z0-9]", re.DOTALL)
_ZIP_OK: Final = re.compile(r"\s*\Z|\s*[0-9]{5}(?:-?[0-9]{4})?\s*\Z")
_EMPTY_ROW: Final = ("", "", "", "", "", "")
_digest = operator.methodcaller("digest")


def key_prefixes(rows: Iterator[Row], report: ReadReport) -> array[int]:
    """The 64-bit key prefix of each good row (duplicates included, in no particular order); bad rows go to
    ``report`` in line order."""
    prefixes: array[int] = array("Q")
    while chunk := list(itertools.islice(rows, CHUNK)):
        values = [v if v is not None else _EMPTY_ROW for _, v in chunk]
        columns = tuple(zip(*values, strict=True))
        _check(chunk, columns, report, prefixes)
    return prefixes


def chunk_prefixes(chunks: Iterator[Chunk], header: list[str], report: ReadReport) -> array[int]:
    """``key_prefixes`` of the rows in ``record_chunks``: chunks whose records all have the header's
    width (the usual case) are taken apart by column without building a row per record."""
    prefixes: array[int] = array("Q")
    width = len(header)
    for lines, records in chunks:
        if min(map(len, records)) == max(map(len, records)) == width:
            table = tuple(zip(*records, strict=True))
            blank = ("",) * len(records)
            columns = tuple(table[header.index(c)] if c in header else blank for c in COLUMNS)
            rows: Sequence[Row] = _LazyRows(lines, columns)
        else:
            rows = list(rows_of(iter([(lines, records)]), header))
            if not rows:
                continue
            columns = tuple(zip(*(v if v is not None else _EMPTY_ROW for _, v in rows), strict=True))
        _check(rows, columns, report, prefixes)
    return prefixes


class _LazyRows(Sequence[Row]):
    """Rows rebuilt from columns only when asked for (the rows that need the full rules)."""

    def __init__(self, lines: list[int], columns: tuple[tuple[str, ...], ...]) -> None:
        self._lines, self._columns = lines, columns

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index: int) -> Row:  # type: ignore[override]
        values = tuple(column[index] for column in self._columns)
        return self._lines[index], values  # type: ignore[return-value]


def _check(
    rows: Sequence[Row], columns: tuple[tuple[str, ...], ...], report: ReadReport, prefixes: array[int]
) -> None:
    report.rows += len(rows)
    emails, phones, firsts, lasts, countries, zips = columns
    emails = tuple(map(str.lower, map(str.strip, emails)))
    countries = tuple(map(str.upper, map(str.strip, countries)))
    phones = tuple(map(str.strip, phones))
    numbers = _without_separators(phones)
    # Everything but the phone, checked a column at a time (C-level map calls).
    rest_ok = map(
        all,
        zip(
            map(_EMAIL_OR_EMPTY.match, emails),
            map(_COUNTRY_OK.__contains__, countries),
            map(_NAME_OK.match, firsts),
            map(_NAME_OK.match, lasts),
            map(_ZIP_OK.match, zips),
            strict=True,
        ),
    )
    international = tuple(map(_PHONE_INTERNATIONAL.match, numbers))
    # A phone is plainly valid if absent, international, or national in a NANP country.
    national = map(all, zip(map(_PHONE_NANP.match, numbers), map(_NANP.__contains__, countries), strict=True))
    phone_ok = map(any, zip(map(operator.not_, phones), international, national, strict=True))
    has_identifier = map(any, zip(emails, phones, strict=True))
    ok = tuple(map(all, zip(rest_ok, phone_ok, has_identifier, strict=True)))
    # The key: the e-mail, else the phone as E.164 ("+1" before a national NANP number).
    texts = [
        email or (number if is_international else f"+1{number}")
        for email, number, is_international in itertools.compress(
            zip(emails, numbers, international, strict=True), ok
        )
    ]
    for index in itertools.compress(range(len(ok)), map(operator.not_, ok)):
        line, raw = rows[index]
        try:
            texts.append(key_text(normalise_row(raw)))
        except FieldProblem as problem:
            report.add_bad(line, str(problem))
    prefixes.frombytes(_prefixes(texts))


def _without_separators(phones: tuple[str, ...]) -> list[str]:
    """Each phone without the separators ``normalise.phone_digits`` deletes (one ``replace`` per separator
    over the whole chunk joined, instead of a ``translate`` per phone)."""
    joined = "\x00".join(phones)
    if joined.count("\x00") == len(phones) - 1:
        for separator in " ()./-":
            joined = joined.replace(separator, "")
        return joined.split("\x00")
    return [p.translate(normalise._PHONE_SEPARATORS) for p in phones]  # a phone holds a NUL: no fast way


def _prefixes(texts: list[str]) -> bytes:
    """The first 8 bytes of each text's SHA-256 as native-order uint64s, hashed in C-level map calls."""
    digests = b"".join(map(_digest, map(hashlib.sha256, map(str.encode, texts))))
    rows = np.frombuffer(digests, dtype=np.uint8).reshape(-1, 32)
    return np.ascontiguousarray(rows[:, :8]).view(">u8").astype(np.uint64).tobytes()
