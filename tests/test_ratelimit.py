"""Rate limiter, daily quota and back-off: table tests on a fake clock (nothing ever sleeps)."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from fakes.clock import FakeClock

from midas_reconcile.connectors.base import ConnectorLimits
from midas_reconcile.errors import TransientError
from midas_reconcile.ratelimit import (
    DEFAULT_LIMITS,
    SLOWDOWN_FLOOR,
    Backoff,
    DailyQuota,
    TokenBucket,
    usage_factor,
)


def bucket(rate: float, burst: int, clock: FakeClock) -> TokenBucket:
    return TokenBucket(rate, burst, clock=clock, sleep=clock.sleep)


# -- usage slowdown curve ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pct", "factor"),
    [
        (0.0, 1.0),
        (50.0, 1.0),
        (75.0, 1.0),
        (80.0, 0.82),
        (87.5, 0.55),
        (95.0, 0.28),
        (100.0, SLOWDOWN_FLOOR),
        (180.0, SLOWDOWN_FLOOR),
    ],
)
def test_usage_factor_is_flat_to_75_then_linear_to_10_percent(pct: float, factor: float) -> None:
    assert usage_factor(pct) == pytest.approx(factor)


@pytest.mark.parametrize("pct", [-1.0, math.nan])
def test_usage_factor_rejects_nonsense(pct: float) -> None:
    with pytest.raises(ValueError):
        usage_factor(pct)


# -- token bucket --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "burst", "steps", "waits"),
    [
        # burst is spent at once, then one token per 1/rate seconds
        (2.0, 3, [(0, 1)] * 5, [0, 0, 0, 0.5, 0.5]),
        # refill: after 1 s idle, two tokens are back
        (2.0, 3, [(0, 1)] * 3 + [(1.0, 1)] * 1 + [(0, 1)] * 2, [0, 0, 0, 0, 0, 0.5]),
        # refill never exceeds the burst, however long the idle time
        (2.0, 3, [(0, 3), (100.0, 1), (0, 1), (0, 1), (0, 1)], [0, 0, 0, 0, 0.5]),
        # a cost larger than what is left waits for the missing tokens only
        (4.0, 4, [(0, 3), (0, 3)], [0, 0.5]),
        # a cost larger than the burst waits as if the bucket were bigger
        (1.0, 2, [(0, 5)], [3.0]),
        # cost 0 never waits
        (1.0, 1, [(0, 1), (0, 0)], [0, 0]),
    ],
)
def test_bucket_waits(rate: float, burst: int, steps: list[tuple[float, int]], waits: list[float]) -> None:
    clock = FakeClock()
    tb = bucket(rate, burst, clock)
    got = []
    for advance, cost in steps:
        clock.advance(advance)
        got.append(tb.acquire(cost))
    assert got == pytest.approx(waits)
    assert clock.slept == pytest.approx([w for w in waits if w > 0])


def test_bucket_reserves_when_sleep_does_not_advance_the_clock() -> None:
    slept: list[float] = []
    tb = TokenBucket(1.0, 1, clock=lambda: 0.0, sleep=slept.append)
    assert [tb.acquire() for _ in range(4)] == [0, 1.0, 2.0, 3.0]
    assert slept == [1.0, 2.0, 3.0]


def test_charge_books_tokens_spent_without_waiting_and_the_next_acquire_pays_them() -> None:
    clock = FakeClock()
    tb = bucket(2.0, 4, clock)
    assert tb.acquire(1) == 0
    tb.charge(5)  # the call turned out to send six requests: two tokens owed
    assert clock.slept == []
    assert tb.acquire(1) == pytest.approx(1.5)  # the two owed and its own, at 2 per second
    clock.advance(100.0)
    tb.charge(0)
    assert tb.acquire(4) == 0  # refilled to the burst, never beyond


def test_charge_rejects_a_negative_cost() -> None:
    with pytest.raises(ValueError):
        bucket(1.0, 1, FakeClock()).charge(-1)


def test_meta_default_pace_is_its_ads_management_score_in_write_requests() -> None:
    """9,000 points decaying over 300 s, 3 points a write request: 10 requests a second, 3,000 at once."""
    meta = DEFAULT_LIMITS["meta"]
    assert (meta.calls_per_second, meta.burst) == (9_000 / 300 / 3, 9_000 // 3)


@pytest.mark.parametrize(
    ("penalty", "idle_after", "wait"),
    [
        (5.0, 0.0, 5.0 + 0.5),  # no token before the penalty ends, and the bucket restarts empty
        (5.0, 2.0, 3.0 + 0.5),  # time spent idle counts against the penalty
        (5.0, 10.0, 0.0),  # long after the penalty: refilled
        (0.0, 0.0, 0.5),  # a throttle without retry_after still empties the bucket
    ],
)
def test_penalize(penalty: float, idle_after: float, wait: float) -> None:
    clock = FakeClock()
    tb = bucket(2.0, 4, clock)
    tb.penalize(penalty)
    clock.advance(idle_after)
    assert tb.acquire() == pytest.approx(wait)


def test_shorter_penalty_does_not_shorten_a_running_one() -> None:
    clock = FakeClock()
    tb = bucket(10.0, 1, clock)
    tb.penalize(30.0)
    tb.penalize(1.0)
    assert tb.acquire() == pytest.approx(30.1)


@pytest.mark.parametrize("seconds", [-1.0, math.nan])
def test_penalize_rejects_nonsense(seconds: float) -> None:
    with pytest.raises(ValueError):
        bucket(1.0, 1, FakeClock()).penalize(seconds)


@pytest.mark.parametrize(
    ("pct", "wait"),
    [
        (10.0, 0.5),  # rate 2/s
        (75.0, 0.5),
        (87.5, 0.5 / 0.55),
        (100.0, 5.0),  # 10 % of the rate: 0.2/s
    ],
)
def test_usage_slows_the_bucket_down(pct: float, wait: float) -> None:
    clock = FakeClock()
    tb = bucket(2.0, 1, clock)
    tb.acquire()
    tb.observe_usage(pct)
    assert tb.effective_rate == pytest.approx(2.0 * usage_factor(pct))
    assert tb.acquire() == pytest.approx(wait)


def test_usage_change_credits_elapsed_time_at_the_old_rate() -> None:
    clock = FakeClock()
    tb = bucket(2.0, 2, clock)
    tb.acquire(2)
    clock.advance(0.5)  # one token back at 2/s
    tb.observe_usage(100.0)  # from now on 0.2/s
    assert tb.acquire() == 0
    assert tb.acquire() == pytest.approx(5.0)
    tb.observe_usage(0.0)
    assert tb.acquire() == pytest.approx(0.5)


@pytest.mark.parametrize(("rate", "burst"), [(0.0, 1), (-1.0, 1), (math.inf, 1), (math.nan, 1), (1.0, 0)])
def test_bucket_rejects_bad_settings(rate: float, burst: int) -> None:
    with pytest.raises(ValueError):
        TokenBucket(rate, burst)


def test_bucket_rejects_negative_cost() -> None:
    with pytest.raises(ValueError):
        bucket(1.0, 1, FakeClock()).acquire(-1)


def test_bucket_from_limits() -> None:
    limits = ConnectorLimits(write_batch_size=5, calls_per_second=3.0, burst=7)
    tb = TokenBucket.from_limits(limits, clock=FakeClock())
    assert (tb.rate, tb.burst) == (3.0, 7)


# -- daily quota ---------------------------------------------------------------------------------------

NOON = dt.datetime(2024, 3, 9, 12, 0, tzinfo=dt.UTC).timestamp()


def test_daily_quota_counts_and_refuses_with_reset_time() -> None:
    clock = FakeClock(NOON)
    quota = DailyQuota(10, clock=clock)
    quota.spend(4)
    quota.spend(6)
    assert (quota.used(), quota.remaining()) == (10, 0)
    with pytest.raises(TransientError) as caught:
        quota.spend(1)
    message = str(caught.value)
    assert "daily operation quota spent" in message
    assert "10 of 10" in message
    assert "resets at 2024-03-10T00:00+00:00" in message
    assert caught.value.retry_after == pytest.approx(12 * 3600)
    assert quota.resets_at() == dt.datetime(2024, 3, 10, tzinfo=dt.UTC)


def test_daily_quota_spend_is_all_or_nothing() -> None:
    quota = DailyQuota(5, clock=FakeClock(NOON))
    quota.spend(3)
    with pytest.raises(TransientError):
        quota.spend(3)
    assert quota.remaining() == 2


@pytest.mark.parametrize(
    ("advance_hours", "remaining"),
    [(11.9, 0), (12.0, 10), (36.0, 10)],  # midnight UTC is 12 h after noon
)
def test_daily_quota_resets_at_midnight_utc(advance_hours: float, remaining: int) -> None:
    clock = FakeClock(NOON)
    quota = DailyQuota(10, clock=clock)
    quota.spend(10)
    clock.advance(advance_hours * 3600)
    assert quota.remaining() == remaining


def test_daily_quota_in_another_time_zone() -> None:
    tz = dt.timezone(dt.timedelta(hours=-8))
    clock = FakeClock(NOON)  # 04:00 at UTC-8
    quota = DailyQuota(1, clock=clock, tz=tz)
    quota.spend(1)
    assert quota.resets_at() == dt.datetime(2024, 3, 10, tzinfo=tz)
    clock.advance(20 * 3600)
    assert quota.remaining() == 1


def test_unlimited_quota() -> None:
    quota = DailyQuota(None, clock=FakeClock(NOON))
    quota.spend(10**9)
    assert quota.remaining() is None


@pytest.mark.parametrize(("limit", "spend"), [(-1, 0), (1, -1)])
def test_daily_quota_rejects_negative_numbers(limit: int, spend: int) -> None:
    with pytest.raises(ValueError):
        DailyQuota(limit, clock=FakeClock(NOON)).spend(spend)


# -- back-off ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attempt", "ceiling"),
    [(1, 0.5), (2, 1.0), (3, 2.0), (7, 32.0), (8, 60.0), (100, 60.0), (10**6, 60.0)],
)
def test_backoff_ceiling_doubles_up_to_the_cap(attempt: int, ceiling: float) -> None:
    assert Backoff(rng=random.Random(0)).ceiling(attempt) == ceiling


@pytest.mark.parametrize("attempt", range(1, 12))
def test_backoff_full_jitter_stays_within_ceiling(attempt: int) -> None:
    backoff = Backoff(rng=random.Random(attempt))
    delays = [backoff.delay(attempt) for _ in range(200)]
    assert all(0 <= d <= backoff.ceiling(attempt) for d in delays)
    assert len(set(delays)) > 150  # jittered, not constant


@pytest.mark.parametrize(
    ("attempt", "retry_after"),
    [(1, 7.0), (3, 7.0), (20, 90.0), (1, 0.0), (2, None)],
)
def test_backoff_never_shorter_than_retry_after(attempt: int, retry_after: float | None) -> None:
    backoff = Backoff(rng=random.Random(3))
    for _ in range(50):
        assert backoff.delay(attempt, retry_after) >= (retry_after or 0.0)


def test_backoff_is_deterministic_with_a_seeded_rng() -> None:
    first = [Backoff(rng=random.Random(42)).delay(a) for a in range(1, 6)]
    second = [Backoff(rng=random.Random(42)).delay(a) for a in range(1, 6)]
    assert first == second


@pytest.mark.parametrize(("base", "cap", "attempt"), [(0.0, 1.0, 1), (2.0, 1.0, 1), (0.5, 60.0, 0)])
def test_backoff_rejects_bad_arguments(base: float, cap: float, attempt: int) -> None:
    with pytest.raises(ValueError):
        Backoff(base, cap, rng=random.Random(0)).delay(attempt)


# -- defaults ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "batch", "daily"),
    [("google", 10_000, 15_000), ("meta", 50, None)],
)
def test_default_limits_follow_the_documented_quotas(platform: str, batch: int, daily: int | None) -> None:
    limits = DEFAULT_LIMITS[platform]
    assert (limits.write_batch_size, limits.daily_operations) == (batch, daily)
    assert limits.calls_per_second > 0 and limits.burst >= 1
    assert DailyQuota.from_limits(limits, clock=FakeClock(NOON)).limit == daily
