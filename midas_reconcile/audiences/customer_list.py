"""Customer lists: a CSV read as a stream, each row normalised and hashed, bad rows counted by line.

The CSV has a header row naming some of the columns ``email, phone, first_name, last_name, country,
zip`` (case-insensitive, any order; others are refused so that a misspelt column is not silently
dropped). Every row needs an e-mail or a phone. A row with any value that fails normalisation is *bad*:
it is reported by line number and reason — never with its values — and nothing of it is sent.

Only hashes leave a ``HashedMember`` (plus Google's clear country code and zip, which Google's API wants
unhashed). Raw values live in local variables for one row at a time and are never stored or logged.

A member's canonical key (``key``) is the SHA-256 of its normalised e-mail, or, without one, of its
phone in E.164 with "+" — identical to the hash Google receives. Overlaps compare these keys: the same
person listed by e-mail in one list and only by phone in the other is not recognised as one.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import operator
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NamedTuple, TextIO

import numpy as np
import numpy.typing as npt

from midas_reconcile.audiences import normalise
from midas_reconcile.audiences.normalise import FieldProblem, sha256_hex
from midas_reconcile.errors import SpecError, SpecIssue

COLUMNS: Final = ("email", "phone", "first_name", "last_name", "country", "zip")
#: The ``schema`` of a Meta custom audience users payload built from ``HashedMember.meta_row``.
META_SCHEMA: Final = ("EMAIL", "PHONE", "FN", "LN", "COUNTRY", "ZIP")
#: Bad rows listed one by one in a report; beyond this only the counts per reason grow.
MAX_LISTED_BAD_ROWS: Final = 100
_READ_BUFFER: Final = 1 << 20
# Text is decoded in blocks, so the line is where decoding failed at the latest, not exactly.
_NOT_UTF8: Final = "the customer list is not UTF-8 text (decoding failed at or before this line)"


@dataclass(frozen=True, slots=True)
class HashedMember:
    """One customer, as the platforms receive it: SHA-256 hex digests (and Google's clear country/zip).

    ``google_phone`` hashes ``+14155552671``, ``meta_phone`` hashes ``14155552671``; ``meta_country``
    hashes ``us``; ``meta_zip`` hashes the zip lower-cased without spaces or dashes.
    """

    key: str
    email: str | None
    google_phone: str | None
    meta_phone: str | None
    first_name: str | None
    last_name: str | None
    google_country: str | None
    meta_country: str | None
    google_zip: str | None
    meta_zip: str | None

    def google_identifiers(self) -> list[dict[str, Any]]:
        """Google Ads ``UserIdentifier`` values for an offline user data job's ``UserData``: hashed e-mail,
        hashed phone and, only when first name, last name, country and zip are all present (Google
        matches addresses on all four), ``address_info``."""
        identifiers: list[dict[str, Any]] = []
        if self.email:
            identifiers.append({"hashed_email": self.email})
        if self.google_phone:
            identifiers.append({"hashed_phone_number": self.google_phone})
        address = (self.first_name, self.last_name, self.google_country, self.google_zip)
        if all(address):
            identifiers.append(
                {
                    "address_info": {
                        "hashed_first_name": self.first_name,
                        "hashed_last_name": self.last_name,
                        "country_code": self.google_country,
                        "postal_code": self.google_zip,
                    }
                }
            )
        return identifiers

    def meta_row(self) -> list[str]:
        """This member as a row of a Meta ``/{audience}/users`` payload with schema ``META_SCHEMA``
        ("" where a value is absent)."""
        values = (
            self.email,
            self.meta_phone,
            self.first_name,
            self.last_name,
            self.meta_country,
            self.meta_zip,
        )
        return [v or "" for v in values]


@dataclass(frozen=True)
class BadRow:
    """A row not sent: its line in the file (1 = the header) and why, without any of its values."""

    line: int
    reason: str


@dataclass
class ReadReport:
    """What reading a list found: rows read, members kept, duplicates, and the bad rows."""

    path: str
    rows: int = 0
    duplicates: int = 0
    bad_count: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    bad_reasons: Counter[str] = field(default_factory=Counter)

    def add_bad(self, line: int, reason: str) -> None:
        self.bad_count += 1
        self.bad_reasons[reason] += 1
        if len(self.bad_rows) < MAX_LISTED_BAD_ROWS:
            self.bad_rows.append(BadRow(line, reason))

    def merge(self, other: ReadReport) -> None:
        """Add a later part of the same file (parallel reads), keeping line order."""
        self.rows += other.rows
        self.bad_count += other.bad_count
        self.bad_reasons.update(other.bad_reasons)
        self.bad_rows = (self.bad_rows + other.bad_rows)[:MAX_LISTED_BAD_ROWS]

    def summary(self) -> list[str]:
        """Human-readable lines: one per reason with its first line numbers. Contains no PII."""
        lines = []
        for reason, count in sorted(self.bad_reasons.items()):
            at = [str(b.line) for b in self.bad_rows if b.reason == reason][:10]
            more = ", …" if count > len(at) else ""
            lines.append(f"{self.path}: {count} row(s) not used: {reason} (line {', '.join(at)}{more})")
        return lines


@dataclass(frozen=True)
class KeySet:
    """A list's distinct canonical keys as sorted unique 64-bit prefixes, with its read report.

    64 bits of SHA-256 collide with probability ~n²/2⁶⁵ (≈ 3·10⁻⁸ for two million members), so
    counts on prefixes are exact for any list a platform accepts.
    """

    keys: npt.NDArray[np.uint64]
    report: ReadReport

    @property
    def size(self) -> int:
        return int(self.keys.size)


#: A data row: ``(line, (email, phone, first_name, last_name, country, zip))`` with "" for an absent
#: column, or ``(line, None)`` for a row with the wrong number of fields.
Row = tuple[int, tuple[str, str, str, str, str, str] | None]


def open_rows(path: Path) -> Iterator[Row]:
    """The data rows of a customer list, streamed; blank lines skipped.

    Raises SpecError (pointing at a line) for a missing/unreadable file, a header without e-mail and
    phone, unknown or repeated columns, non-UTF-8 text and malformed CSV.
    """
    shown = str(path)
    with open_text(path) as handle:
        reader = csv.reader(handle)
        header = read_header(shown, reader)
        yield from rows_of(record_chunks(shown, reader), columns_of(shown, header))


def read_header(shown: str, reader: Any) -> list[str]:
    """The first record of a csv reader; SpecError if the file is empty or unreadable there."""
    try:
        header = next(reader, None)
    except UnicodeDecodeError:
        raise _file_error(shown, 1, _NOT_UTF8) from None
    except csv.Error as exc:
        raise _file_error(shown, 1, f"malformed CSV header ({exc})") from None
    if header is None:
        raise _file_error(shown, 1, "the customer list is empty; expected a header row")
    return header


def open_text(path: Path) -> TextIO:
    """The list as UTF-8 text (a BOM is skipped) for ``csv.reader``; SpecError if it cannot be opened."""
    try:
        return path.open(encoding="utf-8-sig", newline="", buffering=_READ_BUFFER)
    except OSError as exc:
        raise _file_error(str(path), 1, f"cannot read the customer list ({exc.strerror})") from None


#: Records per chunk read from a CSV reader.
CHUNK: Final = 32_768
Chunk = tuple[list[int], list[list[str]]]


def record_chunks(shown: str, reader: Any, *, line_offset: int = 0) -> Iterator[Chunk]:
    """``(lines, records)`` in chunks of up to ``CHUNK`` from a csv reader positioned after the header;
    each record's line (where it ends) has ``line_offset`` added (a reader started mid-file)."""
    try:
        while True:
            records: list[list[str]] = []
            lines: list[int] = []
            for record in itertools.islice(reader, CHUNK):
                records.append(record)
                lines.append(line_offset + reader.line_num)
            if not records:
                return
            yield lines, records
    except UnicodeDecodeError:
        raise _file_error(shown, line_offset + reader.line_num + 1, _NOT_UTF8) from None
    except csv.Error as exc:
        raise _file_error(shown, line_offset + reader.line_num, f"malformed CSV ({exc})") from None


def rows_of(chunks: Iterator[Chunk], columns: list[str]) -> Iterator[Row]:
    """One ``Row`` per record; blank records skipped, records of another width yield None values."""
    width = len(columns)
    # Absent columns read the "" appended to each record: one itemgetter call per row.
    pick = operator.itemgetter(*(columns.index(c) if c in columns else width for c in COLUMNS))
    for lines, records in chunks:
        for line, record in zip(lines, records, strict=True):
            if len(record) != width:
                if len(record) > 1 or (record and record[0].strip()):
                    yield line, None
                continue
            yield line, pick([*record, ""])


def columns_of(shown: str, header: list[str]) -> list[str]:
    """The header's column names (lower case); SpecError for unknown, repeated or missing ones."""
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise _file_error(
            shown,
            1,
            f"unknown column(s) {', '.join(map(repr, unknown))}; expected some of {', '.join(COLUMNS)}",
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise _file_error(shown, 1, f"column(s) {', '.join(repeated)} appear more than once")
    if "email" not in columns and "phone" not in columns:
        raise _file_error(shown, 1, "the header has neither an email nor a phone column")
    return columns


def _file_error(shown: str, line: int, message: str) -> SpecError:
    return SpecError([SpecIssue(shown, line, 1, "", message)])


class _Normal(NamedTuple):
    email: str | None
    phone: str | None  # international digits, no "+"
    first_name: str | None
    last_name: str | None
    country: str | None
    zip: str | None


def normalise_row(values: tuple[str, str, str, str, str, str] | None) -> _Normal:
    """Every present value normalised; raises FieldProblem at the first that fails."""
    if values is None:
        raise FieldProblem("row has a different number of fields than the header")
    raw_email, raw_phone, first, last, raw_country, raw_zip = values
    country = normalise.country(raw_country) if raw_country.strip() else None
    email = normalise.email(raw_email) if raw_email.strip() else None
    phone = normalise.phone_digits(raw_phone, country) if raw_phone.strip() else None
    if email is None and phone is None:
        raise FieldProblem("row has neither an email nor a phone")
    return _Normal(
        email,
        phone,
        normalise.name(first) if first.strip() else None,
        normalise.name(last) if last.strip() else None,
        country,
        normalise.zip_code(raw_zip, country) if raw_zip.strip() else None,
    )


def key_text(normal: _Normal) -> str:
    """What a member's canonical key hashes: the e-mail, else the phone as Google hashes it."""
    return normal.email if normal.email is not None else f"+{normal.phone}"


def _hash_or_none(value: str | None) -> str | None:
    return None if value is None else sha256_hex(value)


def _good_rows(rows: Iterable[Row], report: ReadReport) -> Iterator[_Normal]:
    """Each row normalised and counted in ``report``; a row that fails normalisation goes there instead."""
    for line, values in rows:
        report.rows += 1
        try:
            yield normalise_row(values)
        except FieldProblem as problem:
            report.add_bad(line, str(problem))


def iter_members(path: Path, report: ReadReport) -> Iterator[HashedMember]:
    """Each good row as a ``HashedMember`` (duplicates included), streamed; bad rows go to ``report``."""
    for normal in _good_rows(open_rows(path), report):
        country = normal.country
        yield HashedMember(
            key=sha256_hex(key_text(normal)),
            email=_hash_or_none(normal.email),
            google_phone=_hash_or_none(None if normal.phone is None else f"+{normal.phone}"),
            meta_phone=_hash_or_none(normal.phone),
            first_name=_hash_or_none(normal.first_name),
            last_name=_hash_or_none(normal.last_name),
            google_country=country,
            meta_country=_hash_or_none(None if country is None else country.lower()),
            google_zip=normal.zip,
            meta_zip=_hash_or_none(None if normal.zip is None else normalise.meta_zip(normal.zip)),
        )


def key_prefixes(rows: Iterator[Row], report: ReadReport) -> array[int]:
    """The 64-bit key prefix of each good row (duplicates included); bad rows go to ``report``.

    Rows are validated exactly as for ``iter_members`` (the members counted are the members that would
    be sent); only the key is hashed. One row at a time: the reference ``fastpath.key_prefixes`` (what
    ``read_keys`` uses) must agree with.
    """
    prefixes = array("Q")
    append, sha256, from_bytes = prefixes.append, hashlib.sha256, int.from_bytes
    for normal in _good_rows(rows, report):
        append(from_bytes(sha256(key_text(normal).encode()).digest()[:8], "big"))
    return prefixes


def read_keys(path: Path, *, workers: int | None = None) -> KeySet:
    """The list's distinct canonical keys (64-bit prefixes), for overlaps; ~8 bytes a row in memory.

    Files of 8 MiB and more are read by ``workers`` processes (default: one per CPU), each parsing a
    range of records (see ``parallel.read_key_sets``, which reads several lists at once); the result is
    the same as a single pass.
    """
    from midas_reconcile.audiences import parallel

    return parallel.read_key_sets([path], workers)[0]


def key_set(chunks: list[bytes], report: ReadReport) -> KeySet:
    """Sorted unique keys from native-order uint64 chunks; counts the duplicates into ``report``."""
    arrays = [np.frombuffer(c, dtype=np.uint64) for c in chunks if c]
    raw = np.concatenate(arrays) if arrays else np.empty(0, dtype=np.uint64)
    # Sort, then keep each first of equal neighbours: np.unique hashes instead (numpy 2), 4× slower here.
    raw.sort()
    keys = raw[np.concatenate(([True], raw[1:] != raw[:-1]))] if raw.size else raw
    report.duplicates = int(raw.size - keys.size)
    return KeySet(keys, report)


def key_prefix(hex_digest: str) -> int:
    """The 64-bit prefix of a hex SHA-256 digest, as ``read_keys`` computes it."""
    return int(hex_digest[:16], 16)
