"""What an apply will spend of Google's daily operation allowance."""

from __future__ import annotations

import datetime as dt

from midas_reconcile.plan import Action, Change
from midas_reconcile.quota import allowance_note, day_start, write_operations
from midas_reconcile.resources import GOOGLE, META, Address, Resource


def change(action: Action, kind: str, **fields: object) -> Change:
    address = Address(GOOGLE, "g", kind, "spring")
    return Change(address, action, None, Resource(address, dict(fields)))


def test_write_operations_count_label_links_and_both_halves_of_a_replacement() -> None:
    changes = [
        change(Action.CREATE, "campaign", labels=["midas-managed", "q4"]),  # 1 + 2 links
        change(Action.CREATE, "campaign_budget"),  # 1
        change(Action.REPLACE, "ad_group_ad"),  # remove + create
        change(Action.UPDATE, "campaign", status="PAUSED"),  # 1
        change(Action.NOOP, "ad_group"),  # nothing
    ]
    assert write_operations(changes) == 3 + 1 + 2 + 1


def test_the_google_quota_day_starts_at_midnight_pacific() -> None:
    now = dt.datetime(2026, 11, 25, 7, 30, tzinfo=dt.UTC)  # 23:30 the day before in Los Angeles
    assert day_start(GOOGLE, now) == dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.UTC)
    assert day_start(META, now) == dt.datetime(2026, 11, 25, 0, 0, tzinfo=dt.UTC)


def test_the_note_warns_when_the_apply_will_not_fit() -> None:
    fits = allowance_note("g", apply_operations=100, spent_today=2_000, daily_limit=2_880)
    assert "about 100 API operations" in fits and "MIDAS spent 2,000 of the developer token's 2,880" in fits
    assert "will not fit" not in fits
    short = allowance_note("g", apply_operations=1_000, spent_today=2_000, daily_limit=2_880)
    assert "will not fit: 880 left" in short
