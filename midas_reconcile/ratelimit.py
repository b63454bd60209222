"""Client-side pacing of platform calls: token buckets, daily operation quotas and retry back-off.

Three small value objects, each with injected time so that tests never sleep:

- ``TokenBucket`` paces calls to one account (``acquire`` blocks until a token is free). It also
  listens to the platform: ``penalize`` honours a throttling answer's ``retry_after`` and
  ``observe_usage`` slows down *before* throttling when Meta's usage headers report a high score.
- ``DailyQuota`` counts operations against a per-day allowance (Google's developer-token tiers).
- ``Backoff`` computes retry delays: exponential, full jitter, never shorter than ``retry_after``.

``DEFAULT_LIMITS`` holds the documented per-platform limits as ``ConnectorLimits``; callers override
them from ``midas.yaml``.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import threading
import time
from collections.abc import Callable
from typing import Final

from midas_reconcile.connectors.base import ConnectorLimits
from midas_reconcile.errors import TransientError
from midas_reconcile.resources import GOOGLE, META

# Google Ads:
# - "≤ 10,000 operations per mutate request" and the daily operation allowance per developer-token
#   tier (Explorer 2,880 / Basic 15,000 / Standard unlimited; each mutated item and each query counts
#   as one): https://developers.google.com/google-ads/api/docs/best-practices/quotas and
#   https://developers.google.com/google-ads/api/docs/access-levels. We default to Basic, the tier a
#   new token gets; Standard-access users set ``daily_operations: null``.
# - Requests per second are metered by a server-side token bucket per customer and per project whose
#   exact size "varies depending on the overall server load" and is not published
#   (https://developers.google.com/google-ads/api/docs/productionize/rate-limits), so the pace below
#   is a conservative client-side choice, not a documented number.
# Meta Marketing API:
# - "≤ 50 requests per batch": https://developers.facebook.com/docs/graph-api/batch-requests; each
#   request inside a batch counts against the limits separately.
# - Ads-management score per ad account, Standard tier: at most 9,000 points, decaying over 300 s,
#   a write request costing 3 points (https://developers.facebook.com/docs/marketing-api/overview/
#   rate-limiting), so the sustained pace is 9,000 / 300 / 3 = 10 write requests per second with a
#   burst of 9,000 / 3 = 3,000 (a read costs 1 point: pacing it as a write is on the safe side).
#   Meta's other quotas are hourly (business-use-case scores), not daily: no daily allowance here.
# Tokens are requests as the platform counts them: the applier takes one per batch call and charges the
# rest once the connector has counted what the batch sent (``CountsWriteRequests``): each request of a
# Meta batch, each Google Mutate request.
DEFAULT_LIMITS: Final[dict[str, ConnectorLimits]] = {
    GOOGLE: ConnectorLimits(write_batch_size=10_000, calls_per_second=5.0, burst=10, daily_operations=15_000),
    META: ConnectorLimits(write_batch_size=50, calls_per_second=10.0, burst=3_000, daily_operations=None),
}

#: Usage (in % of the platform's quota) above which ``TokenBucket.observe_usage`` slows down.
SLOWDOWN_START_PCT: Final = 75.0
#: Share of the configured rate left at (and above) 100 % usage.
SLOWDOWN_FLOOR: Final = 0.1


def usage_factor(pct: float) -> float:
    """The share of the configured rate to use when the platform reports ``pct`` % of its quota used.

    The curve is flat at 1.0 up to 75 %, then falls linearly to 0.1 at 100 % and stays at 0.1 beyond
    (Meta reports values above 100 while it throttles)::

        factor(pct) = 1.0                               pct <= 75
                      1.0 - 0.9 * (pct - 75) / 25       75 < pct < 100
                      0.1                               pct >= 100

    Raises ``ValueError`` for a negative or NaN reading.
    """
    if math.isnan(pct) or pct < 0:
        raise ValueError(f"usage must be a percentage >= 0, not {pct!r}")
    if pct <= SLOWDOWN_START_PCT:
        return 1.0
    if pct >= 100.0:
        return SLOWDOWN_FLOOR
    return 1.0 - (1.0 - SLOWDOWN_FLOOR) * (pct - SLOWDOWN_START_PCT) / (100.0 - SLOWDOWN_START_PCT)


class TokenBucket:
    """Paces calls: ``burst`` tokens at most, refilled at ``rate`` tokens per second.

    Tokens are *reserved*: ``acquire`` books its tokens and the time it must wait under a lock and then
    sleeps outside it, so concurrent callers queue fairly and the bucket's state never depends on the
    injected ``sleep`` really advancing the injected ``clock``. ``clock`` is any monotonic clock in
    seconds (``time.monotonic`` by default).
    """

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not rate > 0 or math.isinf(rate):
            raise ValueError(f"rate must be a positive number of tokens per second, not {rate!r}")
        if burst < 1:
            raise ValueError(f"burst must be at least 1, not {burst!r}")
        self._rate = float(rate)
        self._burst = burst
        self._clock = clock
        self._sleep = sleep
        self._factor = 1.0
        self._lock = threading.Lock()
        # Tokens available at time ``_at``; ``_at`` lies in the future while calls are booked ahead
        # of time or a penalty is running.
        self._tokens = float(burst)
        self._at = clock()

    @classmethod
    def from_limits(
        cls,
        limits: ConnectorLimits,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> TokenBucket:
        """A bucket pacing calls at ``limits.calls_per_second`` with ``limits.burst``."""
        return cls(limits.calls_per_second, limits.burst, clock=clock, sleep=sleep)

    @property
    def rate(self) -> float:
        """The configured rate in tokens per second."""
        return self._rate

    @property
    def burst(self) -> int:
        return self._burst

    @property
    def effective_rate(self) -> float:
        """The rate in force now: the configured rate scaled by the last usage reading."""
        return self._rate * self._factor

    def _tokens_at(self, when: float) -> float:
        if when <= self._at:
            return self._tokens
        return min(float(self._burst), self._tokens + (when - self._at) * self.effective_rate)

    def acquire(self, cost: int = 1) -> float:
        """Take ``cost`` tokens, sleeping until they are available; returns the seconds waited.

        A cost above ``burst`` is allowed: it waits for the missing tokens as if the bucket were
        bigger. Raises ``ValueError`` for a negative cost.
        """
        if cost < 0:
            raise ValueError(f"cost must be >= 0, not {cost!r}")
        with self._lock:
            now = self._clock()
            start = max(now, self._at)
            tokens = self._tokens_at(start)
            wait = start - now
            if tokens < cost:
                wait += (cost - tokens) / self.effective_rate
                tokens = float(cost)
            self._tokens = tokens - cost
            self._at = now + wait
        if wait > 0:
            self._sleep(wait)
        return wait

    def charge(self, cost: int) -> None:
        """Book ``cost`` tokens already spent, without waiting: a call that turned out to send more requests
        than the token ``acquire`` took for it (a batch, whose requests the connector counts once sent).
        The bucket may go below empty; the next ``acquire`` waits for the debt. Raises ``ValueError`` for
        a negative cost."""
        if cost < 0:
            raise ValueError(f"cost must be >= 0, not {cost!r}")
        with self._lock:
            start = max(self._clock(), self._at)
            self._tokens = self._tokens_at(start) - cost
            self._at = start

    def penalize(self, seconds: float) -> None:
        """The platform throttled us: no token before ``clock() + seconds``, and the bucket starts empty.

        Starting empty keeps us from bursting into a platform that has just said no; a penalty
        shorter than one already running changes nothing but the token count.
        """
        if math.isnan(seconds) or seconds < 0:
            raise ValueError(f"penalty must be >= 0 seconds, not {seconds!r}")
        with self._lock:
            self._at = max(self._at, self._clock() + seconds)
            self._tokens = 0.0

    def observe_usage(self, pct: float) -> None:
        """Adapt the pace to the platform's usage report (``pct`` % of its quota spent).

        The latest reading wins; see ``usage_factor`` for the curve. Time already elapsed is
        credited at the old rate.
        """
        factor = usage_factor(pct)
        with self._lock:
            now = self._clock()
            if now > self._at:
                self._tokens = self._tokens_at(now)
                self._at = now
            self._factor = factor


class DailyQuota:
    """Counts operations against a daily allowance that resets at midnight in ``tz`` (UTC by default).

    ``limit=None`` means unlimited. ``clock`` returns POSIX seconds (wall-clock time, ``time.time``
    by default), since the reset is tied to the calendar.
    """

    def __init__(
        self,
        limit: int | None,
        *,
        clock: Callable[[], float] = time.time,
        tz: dt.tzinfo = dt.UTC,
    ) -> None:
        if limit is not None and limit < 0:
            raise ValueError(f"daily limit must be >= 0 or None, not {limit!r}")
        self._limit = limit
        self._clock = clock
        self._tz = tz
        self._lock = threading.Lock()
        self._day: dt.date | None = None
        self._used = 0

    @classmethod
    def from_limits(cls, limits: ConnectorLimits, *, clock: Callable[[], float] = time.time) -> DailyQuota:
        return cls(limits.daily_operations, clock=clock)

    @property
    def limit(self) -> int | None:
        return self._limit

    def _now(self) -> dt.datetime:
        """The current time; starts a new count when the day changed since the last call."""
        now = dt.datetime.fromtimestamp(self._clock(), self._tz)
        if now.date() != self._day:
            self._day = now.date()
            self._used = 0
        return now

    def _reset_after(self, now: dt.datetime) -> dt.datetime:
        return dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0), tzinfo=self._tz)

    def resets_at(self) -> dt.datetime:
        """When the current day's count starts over (midnight in ``tz``)."""
        with self._lock:
            return self._reset_after(self._now())

    def used(self) -> int:
        """Operations spent today."""
        with self._lock:
            self._now()
            return self._used

    def remaining(self) -> int | None:
        """Operations still allowed today (None = unlimited)."""
        with self._lock:
            self._now()
            return None if self._limit is None else max(0, self._limit - self._used)

    def spend(self, n: int) -> None:
        """Count ``n`` operations, all or nothing.

        Raises ``TransientError`` (with ``retry_after`` = seconds until the reset) when fewer than ``n``
        remain today; nothing is counted then.
        """
        if n < 0:
            raise ValueError(f"cannot spend a negative number of operations ({n})")
        with self._lock:
            now = self._now()
            if self._limit is not None and self._used + n > self._limit:
                reset = self._reset_after(now)
                raise TransientError(
                    f"daily operation quota spent: {self._used} of {self._limit} operations used today, "
                    f"{n} more requested; resets at {reset.isoformat(timespec='minutes')}",
                    code="DAILY_QUOTA",
                    retry_after=(reset - now).total_seconds(),
                )
            self._used += n


class Backoff:
    """Retry delays: exponential growth from ``base`` up to ``cap`` seconds, with full jitter.

    ``delay(attempt)`` draws uniformly from ``[0, min(cap, base * 2 ** (attempt - 1))]`` ("full jitter",
    which spreads concurrent retries best) and never returns less than the platform's ``retry_after``.
    """

    def __init__(self, base: float = 0.5, cap: float = 60.0, *, rng: random.Random) -> None:
        if not base > 0:
            raise ValueError(f"base must be > 0 seconds, not {base!r}")
        if not cap >= base:
            raise ValueError(f"cap ({cap!r}) must be >= base ({base!r})")
        self.base = base
        self.cap = cap
        self._rng = rng

    def ceiling(self, attempt: int) -> float:
        """The largest delay attempt number ``attempt`` (1 = first retry) can draw, before retry_after."""
        if attempt < 1:
            raise ValueError(f"attempt numbers start at 1, not {attempt!r}")
        # Past 2**64 the cap has long been reached; stopping there avoids float overflow.
        return min(self.cap, self.base * 2.0 ** min(attempt - 1, 64))

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt`` (1 = first retry)."""
        jittered = self._rng.uniform(0.0, self.ceiling(attempt))
        floor = retry_after if retry_after is not None and retry_after > 0 else 0.0
        return max(jittered, floor)
