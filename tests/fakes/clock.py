"""A clock for tests: it only moves when something sleeps on it or a test advances it."""

from __future__ import annotations


class FakeClock:
    """Call it for the time in seconds; pass ``sleep`` wherever code would sleep."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds
