"""``midas metrics sync``: which days a sync fetches, exact storage, idempotent upserts (both backends)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from midas_reconcile.connectors.base import DailyMetrics
from midas_reconcile.metrics_sync import chunks, sync_range
from midas_reconcile.resources import Address
from midas_reconcile.store import StateStore

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("last", "start", "end", "expected"),
    [
        (None, None, None, (dt.date(2026, 10, 27), TODAY)),  # first sync: 30 days
        (dt.date(2026, 11, 24), None, None, (dt.date(2026, 11, 18), TODAY)),  # the 7-day window again
        (
            dt.date(2026, 11, 24),
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 31),
            (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        ),
        (dt.date(2026, 12, 31), None, None, (TODAY, TODAY)),  # never starts after the end
    ],
)
def test_the_days_a_sync_fetches(
    last: dt.date | None, start: dt.date | None, end: dt.date | None, expected: tuple[dt.date, dt.date]
) -> None:
    assert sync_range(last, today=TODAY, window_days=7, start=start, end=end) == expected


def test_long_ranges_are_fetched_in_chunks_that_cover_every_day_once() -> None:
    parts = list(chunks(dt.date(2026, 1, 1), dt.date(2026, 3, 15), days=31))
    assert parts[0] == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert parts[-1][1] == dt.date(2026, 3, 15)
    days = [p[0] + dt.timedelta(days=i) for p in parts for i in range((p[1] - p[0]).days + 1)]
    assert days == [dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(74)]


def row(day: int, spend: str, conversions: str = "2.5") -> DailyMetrics:
    return DailyMetrics(
        date=dt.date(2026, 11, day),
        platform="google",
        account="g",
        campaign_id="123",
        campaign_name="spring",
        impressions=1_000,
        clicks=40,
        spend=Decimal(spend),
        conversions=Decimal(conversions),
        conversion_value=Decimal("199.99"),
        currency="USD",
    )


def test_upserts_are_idempotent_exact_and_linked_to_the_unified_campaign(state_url: str) -> None:
    address = "campaign/spring@google:g"
    with StateStore.open(state_url) as store:
        assert store.save_metrics([row(1, "12.34"), row(2, "0.01")], {("google", "g", "123"): address}) == 2
        assert store.save_metrics([row(2, "0.02", "3")], {("google", "g", "123"): address}) == 1  # late data
        stored = store.metrics(accounts=["g"])
        assert store.last_metrics_day("g") == dt.date(2026, 11, 2)
        assert store.last_metrics_day("other") is None
    assert [(m.date.day, m.spend, m.conversions, m.conversion_value, a) for m, a in stored] == [
        (1, Decimal("12.34"), Decimal("2.5"), Decimal("199.99"), address),
        (2, Decimal("0.02"), Decimal(3), Decimal("199.99"), address),
    ]
    assert all(isinstance(m.spend, Decimal) for m, _ in stored)


def test_a_campaign_renamed_in_place_keeps_its_synced_days_under_its_new_name(state_url: str) -> None:
    """Moving a renamed campaign's records (``move_many``) moves the days synced for it too: one campaign's
    history in reports, not two."""
    old, new = Address.parse("campaign/spring@google:g"), Address.parse("campaign/summer@google:g")
    other = "campaign/autumn@google:g"
    with StateStore.open(state_url) as store:
        store.save_metrics([row(1, "12.34")], {("google", "g", "123"): str(old)})
        store.save_metrics([row(2, "1.00")], {("google", "g", "123"): other})
        store.move_many([(old, new)])
        stored = store.metrics(accounts=["g"])
    assert [(m.date.day, m.campaign_name, a) for m, a in stored] == [
        (1, "summer", str(new)),
        (2, "autumn", other),
    ]
