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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from midas_reconcile.audiences.customer_list import (
    KeySet,
    ReadReport,
    columns_of,
    key_set,
    open_text,
    read_header,
    record_chunks,
)
from midas_reconcile.audiences.fastpath import chunk_prefixes
from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.gcpause import gc_paused

#: Smaller files are read in-process: starting workers costs more than it saves.
PARALLEL_MIN_BYTES: Final = 8 << 20
_BLOCK: Final = 4 << 20


@dataclass(frozen=True)
class Range:
    """Bytes ``start`` (a record's first byte) to ``end``; ``lines_before`` newlines precede ``start``."""

    start: int
    end: int
    lines_before: int


def read_key_sets(paths: Sequence[Path], workers: int | None = None) -> list[KeySet]:
    """The ``KeySet`` of each list, in order. Lists of ``PARALLEL_MIN_BYTES`` and more are cut into one
    range per worker and all ranges of all lists share one pool; smaller ones are read in this process
    meanwhile. The result is the same as reading each list in one pass."""
    count = workers or available_cpus()
    plans = [_plan(path, count) for path in paths]
    reports = [ReadReport(str(path)) for path in paths]
    chunks: list[list[bytes]] = [[] for _ in paths]
    tasks = [(index, task) for index, plan in enumerate(plans) if plan for task in plan]
    pool = None
    if tasks:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=min(count, len(tasks)), mp_context=context)
    try:
        futures = [(index, pool.submit(_read_range, task)) for index, task in tasks] if pool else []
        for index, path in enumerate(paths):
            if plans[index] is None:
                with gc_paused():
                    chunks[index].append(_single_pass(path, reports[index]))
        for index, future in futures:
            prefixes, part, issues = future.result()
            if issues:
                raise SpecError(issues)
            reports[index].merge(part)
            chunks[index].append(prefixes)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return [key_set(part, report) for part, report in zip(chunks, reports, strict=True)]


def _single_pass(path: Path, report: ReadReport) -> bytes:
    shown = str(path)
    with open_text(path) as handle:
        reader = csv.reader(handle)
        header = read_header(shown, reader)
        return chunk_prefixes(record_chunks(shown, reader), columns_of(shown, header), report).tobytes()


def _plan(path: Path, count: int) -> list[tuple[str, list[str], Range]] | None:
    """The worker tasks for one list, or None to read it in this process."""
    try:
        size = path.stat().st_size
    except OSError:
        return None  # the single pass reports it
    if count <= 1 or size < PARALLEL_MIN_BYTES:
        return None
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            header = next(csv.reader(handle), None)
        except (UnicodeDecodeError, csv.Error):
            return None  # the single pass reports it
    if header is None:
        return None
    columns = columns_of(str(path), header)
    ranges = cut(path, size, count)
    return None if ranges is None else [(str(path), columns, r) for r in ranges]


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
        chunks = record_chunks(shown, csv.reader(text), line_offset=part.lines_before)
        try:
            with gc_paused():
                prefixes: array[int] = chunk_prefixes(chunks, columns, report)
        except SpecError as error:
            return b"", report, error.issues
    return prefixes.tobytes(), report, []
