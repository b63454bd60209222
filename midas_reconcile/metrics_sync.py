"""``midas metrics sync``: daily per-campaign metrics from every connector into the state store.

For each account, the range runs from ``--from`` (default: the last synced day minus the attribution
window — conversions arrive days late, so recent days are fetched again — or 30 days back on a first
sync) to ``--to`` (default: today, UTC). Long ranges are fetched in chunks of ``CHUNK_DAYS``. Rows
are upserted by (day, platform, account, campaign): a sync run twice stores the same rows once. Each
row is linked to the unified campaign MIDAS manages on that platform, when it does.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Final

from midas_reconcile.connectors.base import Connector, DailyMetrics
from midas_reconcile.errors import MidasError
from midas_reconcile.store import StateStore

CHUNK_DAYS: Final = 31
FIRST_SYNC_DAYS: Final = 30


@dataclass(frozen=True)
class SyncedRange:
    """What one account's sync fetched and stored."""

    account: str
    start: dt.date
    end: dt.date
    rows: int


def sync_range(
    last_synced: dt.date | None,
    *,
    today: dt.date,
    window_days: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """The days one account's sync fetches (see the module docstring)."""
    until = end or today
    if start is not None:
        return start, until
    if last_synced is None:
        return until - dt.timedelta(days=FIRST_SYNC_DAYS - 1), until
    return min(last_synced - dt.timedelta(days=window_days - 1 if window_days else 0), until), until


def chunks(start: dt.date, end: dt.date, days: int = CHUNK_DAYS) -> Iterator[tuple[dt.date, dt.date]]:
    """Consecutive ranges of at most ``days`` days covering ``start``..``end``."""
    while start <= end:
        last = min(end, start + dt.timedelta(days=days - 1))
        yield start, last
        start = last + dt.timedelta(days=1)


def sync_account(
    store: StateStore,
    account: str,
    connector: Connector,
    *,
    span: tuple[dt.date, dt.date],
    call: Callable[[Callable[[], list[DailyMetrics]]], list[DailyMetrics]],
    campaign_addresses: Mapping[tuple[str, str, str], str],
    on_chunk: Callable[[dt.date, dt.date], None] | None = None,
) -> SyncedRange:
    """Fetch ``span`` chunk by chunk through ``call`` (paced and retried) and upsert each chunk."""
    start, end = span
    if end < start:
        raise MidasError(f"--from {start} is after --to {end}; expected a first day on or before the last")
    rows = 0
    for first, last in chunks(start, end):
        fetched = call(functools.partial(connector.metrics, first, last))
        rows += store.save_metrics(fetched, campaign_addresses)
        if on_chunk is not None:
            on_chunk(first, last)
    return SyncedRange(account, start, end, rows)
