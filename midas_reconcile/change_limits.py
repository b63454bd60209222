"""Platform limits on how often one object's field may change, kept client-side.

Meta lets the budget of an ad set (or a campaign, with Advantage campaign budget) change at most 4
times an hour, and refuses the fifth change. MIDAS knows its own changes — the journal records which
fields each update touched and when it was sent — so a plan can say when a budget change will have
to wait, and an apply holds that change back with the time it may be retried, instead of sending a
request Meta will refuse. (Changes made in the console are not in the journal: Meta may still refuse
a change MIDAS thought allowed, which then fails like any other refused write.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from midas_reconcile.resources import META, Address


@dataclass(frozen=True)
class ChangeLimit:
    """At most ``max_changes`` changes of ``fields`` per object of ``kinds`` within ``window``."""

    platform: str
    kinds: frozenset[str]
    fields: frozenset[str]
    max_changes: int
    window: dt.timedelta
    #: What the platform allows, in words, for plans and errors.
    rule: str

    def applies(self, address: Address, changed: Iterable[str]) -> bool:
        return (
            address.platform == self.platform
            and address.kind in self.kinds
            and not self.fields.isdisjoint(changed)
        )

    def available_at(self, previous: Sequence[dt.datetime], now: dt.datetime) -> dt.datetime | None:
        """When one more change is allowed, given the times of earlier ones; None when it is now."""
        recent = sorted(t for t in previous if t > now - self.window)
        if len(recent) < self.max_changes:
            return None
        return recent[len(recent) - self.max_changes] + self.window


#: Meta: "you can change an ad set's budget up to 4 times per hour" (Marketing API, ad set budgets).
CHANGE_LIMITS: Final = (
    ChangeLimit(
        platform=META,
        kinds=frozenset({"campaign", "adset"}),
        fields=frozenset({"daily_budget", "lifetime_budget"}),
        max_changes=4,
        window=dt.timedelta(hours=1),
        rule="Meta allows 4 budget changes per ad set (or campaign budget) per hour",
    ),
)

#: Error code of an operation held back by a change limit.
CHANGE_LIMITED: Final = "midas.CHANGE_LIMITED"


@dataclass(frozen=True)
class Hold:
    """Why a change must wait, and until when."""

    limit: ChangeLimit
    until: dt.datetime

    def __str__(self) -> str:
        return (
            f"must wait until {self.until.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC: {self.limit.rule}, "
            f"and {self.limit.max_changes} were made in the last {_duration(self.limit.window)}"
        )


class ChangeGate:
    """Answers "may this object's fields change now?" from the recent changes of one run's accounts.

    ``history`` maps an address to the send times of its earlier changes of limited fields.
    """

    def __init__(
        self,
        history: Mapping[Address, Sequence[dt.datetime]],
        now: dt.datetime,
        limits: Sequence[ChangeLimit] = CHANGE_LIMITS,
    ) -> None:
        self.history = history
        self.now = now
        self.limits = limits

    def hold(self, address: Address, changed: Iterable[str]) -> Hold | None:
        """The hold on changing ``changed`` (field names) of ``address`` now, if a limit is reached."""
        names = set(changed)
        for limit in self.limits:
            if limit.applies(address, names):
                until = limit.available_at(self.history.get(address, ()), self.now)
                if until is not None:
                    return Hold(limit, until)
        return None


def limited_fields(platform: str) -> frozenset[str]:
    """Every field some limit of ``platform`` counts (what to look up in the journal)."""
    return frozenset(f for limit in CHANGE_LIMITS if limit.platform == platform for f in limit.fields)


def longest_window(platform: str) -> dt.timedelta:
    return max(
        (limit.window for limit in CHANGE_LIMITS if limit.platform == platform), default=dt.timedelta(0)
    )


def _duration(window: dt.timedelta) -> str:
    minutes = int(window.total_seconds() // 60)
    return "hour" if minutes == 60 else f"{minutes} minutes"
