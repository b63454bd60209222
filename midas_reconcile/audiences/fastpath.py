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
import re
from array import array
from collections.abc import Iterator
from typing import Final

import numpy as np

from midas_reconcile.audiences import normalise
from midas_reconcile.audiences.customer_list import ReadReport, Row, key_text, normalise_row
from midas_reconcile.audiences.normalise import FieldProblem
from midas_reconcile.spec._codes import COUNTRIES

CHUNK: Final = 32_768
_NANP: Final = frozenset({"US", "CA", "PR"})
_COUNTRY_OK: Final = frozenset(COUNTRIES) | {""}
_EMAIL_OR_EMPTY: Final = re.compile(rf"(?:{normalise._EMAIL.pattern})|\Z")
_PHONE_INTERNATIONAL: Final = re.compile(r"\+[1-9][0-9]{7,14}\Z")
_PHONE_NANP: Final = re.compile(r"[2-9][0-9]{9}\Z")
_NAME_OK: Final = re.compile(r"\s*\Z|.*?[A-Za-z0-9]", re.DOTALL)
_ZIP_OK: Final = re.compile(r"\s*\Z|\s*[0-9]{5}(?:-?[0-9]{4})?\s*\Z")
_EMPTY_ROW: Final = ("", "", "", "", "", "")


def key_prefixes(rows: Iterator[Row], report: ReadReport) -> array[int]:
    """The 64-bit key prefix of each good row (duplicates included); bad rows go to ``report``."""
    prefixes: array[int] = array("Q")
    while chunk := list(itertools.islice(rows, CHUNK)):
        _chunk(chunk, report, prefixes)
    return prefixes


def _chunk(chunk: list[Row], report: ReadReport, prefixes: array[int]) -> None:
    report.rows += len(chunk)
    values = [v if v is not None else _EMPTY_ROW for _, v in chunk]
    emails, phones, firsts, lasts, countries, zips = zip(*values, strict=True)
    emails = tuple(map(str.lower, map(str.strip, emails)))
    countries = tuple(map(str.upper, map(str.strip, countries)))
    phones = tuple(map(str.strip, phones))
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
    separators = normalise._PHONE_SEPARATORS
    texts: list[str] = []
    append = texts.append
    for (line, raw), email, phone, country, ok in zip(chunk, emails, phones, countries, rest_ok, strict=True):
        if ok and phone:
            number = phone.translate(separators)
            if _PHONE_INTERNATIONAL.match(number):
                append(email or number)
                continue
            if country in _NANP and _PHONE_NANP.match(number):
                append(email or f"+1{number}")
                continue
        elif ok and email:
            append(email)
            continue
        try:
            append(key_text(normalise_row(raw)))
        except FieldProblem as problem:
            report.add_bad(line, str(problem))
    sha256 = hashlib.sha256
    big_endian = b"".join(sha256(t.encode()).digest()[:8] for t in texts)
    prefixes.frombytes(np.frombuffer(big_endian, dtype=">u8").astype(np.uint64).tobytes())
