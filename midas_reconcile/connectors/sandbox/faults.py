"""Fault injection and quota settings of the sandbox world.

``MIDAS_SANDBOX_FAULTS`` is a comma-separated list of ``KEY=VALUE`` items: ``transient_rate`` (0–1: the
share of calls failing with throttling or a 5xx-style error before anything is applied), ``seed`` (of
that random choice), ``crash_after`` (the process dies with ``os._exit(137)`` right after its N-th write
operation has been committed) and ``latency_ms`` (each call sleeps that long).

A write operation is what the platform counts as one: each ``MutateOperation`` of a Google Mutate
request with partial failure (an atomic request commits as a whole, so the crash comes right after the
request holding the N-th operation), each request of a Meta batch, each single Graph write. The count
is per process (all worlds of the process together), as a real crash would be.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from midas_reconcile.errors import MidasError

#: Environment variable holding the fault specification.
FAULTS_ENV: Final = "MIDAS_SANDBOX_FAULTS"
#: The exit status of a crash injected by ``crash_after`` (what a SIGKILLed process reports).
CRASH_EXIT_CODE: Final = 137


@dataclass(frozen=True)
class Faults:
    """Injected faults. ``transient_rate`` is the probability (0–1) that a call fails transiently."""

    transient_rate: float = 0.0
    seed: int = 0
    crash_after: int | None = None
    latency_ms: int = 0

    @classmethod
    def parse(cls, text: str) -> Faults:
        """Parse ``transient_rate=0.3,seed=7,crash_after=5,latency_ms=200`` (any subset, any order).

        Raises ``MidasError`` naming the offending item on bad syntax or values.
        """
        values: dict[str, Any] = {}
        for raw in text.split(","):
            item = raw.strip()
            if not item:
                continue
            key, sep, value = item.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or key not in _FAULT_PARSERS:
                raise MidasError(
                    f"{FAULTS_ENV}: bad item {item!r}; expected KEY=VALUE with KEY one of "
                    f"{', '.join(sorted(_FAULT_PARSERS))}"
                )
            parser, expected = _FAULT_PARSERS[key]
            try:
                values[key] = parser(value)
            except ValueError:
                raise MidasError(f"{FAULTS_ENV}: bad item {item!r}; {key} must be {expected}") from None
        return cls(**values)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Faults:
        """Faults from ``MIDAS_SANDBOX_FAULTS`` (none when unset or empty)."""
        return cls.parse(env.get(FAULTS_ENV, ""))


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(text)
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


_FAULT_PARSERS: Final[dict[str, tuple[Callable[[str], Any], str]]] = {
    "transient_rate": (_probability, "a number between 0 and 1"),
    "seed": (int, "an integer"),
    "crash_after": (_positive, "a positive integer"),
    "latency_ms": (_non_negative, "a non-negative integer"),
}


# --- limits -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SandboxLimits:
    """The platforms' quotas as the sandbox enforces them. Defaults never throttle a normal apply.

    Google: a short-term token bucket of requests per customer, and daily operations by access level
    (``None`` = unlimited; each mutated item and each query is one operation).
    Meta: the ads-management business-use-case budget per ad account and hour: ``meta_calls_per_hour``
    plus ``meta_calls_per_active_ad`` for every active ad (each request inside a batch is one call),
    and a matching budget of simulated request time.
    """

    google_requests_per_second: float = 100.0
    google_burst: int = 200
    google_daily_operations: Mapping[str, int | None] = field(
        default_factory=lambda: {"explorer": 2_880, "basic": 15_000, "standard": None}
    )
    meta_calls_per_hour: int = 100_000
    meta_calls_per_active_ad: int = 40
    #: Simulated server time one Graph request costs (for the ``total_time`` usage figure).
    meta_seconds_per_call: float = 0.05
