"""Large customer lists read by several processes, each parsing one range of records.

A CSV record may span lines (a quoted field with a newline), so ranges are cut only at a newline with
an even number of quote characters before it — outside any quoted field. Finding the cuts scans the
bytes once at C speed (``bytes.count``); each worker then parses its range as its own CSV stream, with
line numbers offset by the newlines before it, and returns its key prefixes and read report.
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import multiprocessing
import os
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from midas_reconcile.audiences.customer_list import ReadReport, columns_of, key_prefixes, rows_of
from midas_reconcile.errors import SpecError, SpecIssue

#: Smaller files are read in-process: starting workers costs more than it saves.
PARALLEL_MIN_BYTES: Final = 8 << 20
_BLOCK: Final = 4 << 20


@dataclass(frozen=True)
class Range:
    """Bytes ``start`` (a record's first byte) to ``end``; ``lines_before`` newlines precede ``start``."""

    start: int
    end: int
    lines_before: int


def read_prefixes(path: Path, report: ReadReport, workers: int | None) -> list[bytes] | None:
    """Key prefixes per range (in file order), merging each range's report into ``report``; None when
    the file is better read in one pass (small, one worker, or no safe cut)."""
    count = workers or available_cpus()
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the single pass reports it
    if count <= 1 or size < PARALLEL_MIN_BYTES:
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), None)
    if header is None:
        return None
    columns = columns_of(str(path), header)
    ranges = cut(path, size, count)
    if ranges is None:
        return None
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=len(ranges), mp_context=context) as pool:
        parts = list(pool.map(_read_range, [(str(path), columns, r) for r in ranges]))
    chunks = []
    for prefixes, part, issues in parts:
        if issues:
            raise SpecError(issues)
        report.merge(part)
        chunks.append(prefixes)
    return chunks


def available_cpus() -> int:
    """CPUs this process may run on (its affinity, where the OS tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cut(path: Path, size: int, parts: int) -> list[Range] | None:
    """``parts`` ranges of whole records after the header, or None if a cut cannot be found."""
    cuts: list[tuple[int, int]] = []  # (offset just after a record's newline, newlines before it)
    targets = [0] + [size * i // parts for i in range(1, parts)]
    quotes = newlines = 0
    offset = 0
    with path.open("rb") as handle:
        while targets and (block := handle.read(_BLOCK)):
            position = 0
            while targets:
                start = max(targets[0] - offset, position)
                if start >= len(block):
                    break
                newline = block.find(b"\n", start)
                if newline < 0:
                    break
                inside = quotes + block.count(b'"', 0, newline)
                if inside % 2 == 0:
                    cuts.append((offset + newline + 1, newlines + block.count(b"\n", 0, newline) + 1))
                    targets.pop(0)
                position = newline + 1
            quotes += block.count(b'"')
            newlines += block.count(b"\n")
            offset += len(block)
    if len(cuts) != parts:
        return None
    bounds = [*(c[0] for c in cuts), size]
    ranges = [Range(bounds[i], bounds[i + 1], cuts[i][1]) for i in range(parts)]
    return [r for r in ranges if r.end > r.start] or None


class _Window(io.RawIOBase):
    """At most ``length`` bytes of ``raw`` from its current position."""

    def __init__(self, raw: io.BufferedReader, length: int) -> None:
        self._raw, self._left = raw, length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        data = self._raw.read(min(len(buffer), self._left))
        buffer[: len(data)] = data
        self._left -= len(data)
        return len(data)


def _read_range(task: tuple[str, list[str], Range]) -> tuple[bytes, ReadReport, list[SpecIssue]]:
    shown, columns, part = task
    report = ReadReport(shown)
    with open(shown, "rb") as raw:
        raw.seek(part.start)
        window = io.BufferedReader(_Window(raw, part.end - part.start), 1 << 20)
        text = io.TextIOWrapper(window, encoding="utf-8", newline="")
        # line_num counts from this range's first line, which is line lines_before + 1 of the file.
        rows = rows_of(shown, csv.reader(text), columns, line_offset=part.lines_before)
        try:
            prefixes: array[int] = key_prefixes(rows, report)
        except SpecError as error:
            return b"", report, error.issues
    return prefixes.tobytes(), report, []
