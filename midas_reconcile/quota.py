"""What an apply will spend of a platform's daily operation allowance (Google Ads developer tokens).

Google counts every query as one operation and every mutated item as one, against an allowance per day
that depends on the developer token's access level (Explorer 2,880, Basic 15,000, Standard unlimited)
and resets at midnight Pacific time. MIDAS records the operations each run spent (the run's summary in
the state store), so a plan can say how much of today's allowance its apply will take and whether it
fits. Other tools sharing the token spend from the same allowance without MIDAS knowing: the figures
are MIDAS's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final
from zoneinfo import ZoneInfo

from midas_reconcile.connectors.google_rows import operations_of
from midas_reconcile.plan import Action, Change
from midas_reconcile.resources import GOOGLE

#: Where each platform's quota day starts over.
QUOTA_ZONES: Final = {GOOGLE: ZoneInfo("America/Los_Angeles")}


def day_start(platform: str, now: dt.datetime) -> dt.datetime:
    """The start (UTC) of the platform's current quota day."""
    zone = QUOTA_ZONES.get(platform, dt.UTC)
    local = now.astimezone(zone)
    return dt.datetime.combine(local.date(), dt.time(0), tzinfo=zone).astimezone(dt.UTC)


def write_operations(changes: Iterable[Change]) -> int:
    """About how many operations applying ``changes`` takes (a replacement is a removal and a creation;
    a created campaign or ad group also links each of its labels)."""
    total = 0
    for change in changes:
        if change.action is Action.NOOP:
            continue
        if change.action in (Action.CREATE, Action.REPLACE) and change.after is not None:
            total += operations_of(change.address.kind, change.after.fields)
        else:
            total += 1
        if change.action is Action.REPLACE:
            total += 1  # the old object's removal
    return total


def allowance_note(account: str, *, apply_operations: int, spent_today: int, daily_limit: int) -> str:
    """The plan's line on an account's daily allowance (a warning when the apply will not fit)."""
    left = max(0, daily_limit - spent_today)
    line = (
        f"{account}: applying this plan takes about {apply_operations:,} API operations; MIDAS spent "
        f"{spent_today:,} of the developer token's {daily_limit:,} for today (the day resets at midnight "
        "Pacific)"
    )
    if apply_operations > left:
        line += f" — it will not fit: {left:,} left, the rest would fail with the daily-quota error"
    return line
