"""Client-side limits on how often a field may change (Meta: 4 budget changes per ad set per hour)."""

from __future__ import annotations

import datetime as dt

import pytest

from midas_reconcile.change_limits import CHANGE_LIMITS, ChangeGate, limited_fields, longest_window
from midas_reconcile.resources import GOOGLE, META, Address

NOW = dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC)
ADSET = Address(META, "m", "adset", "spring/core")


def ago(minutes: int) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("previous", "until"),
    [
        ([], None),
        ([ago(50), ago(40), ago(30)], None),
        ([ago(50), ago(40), ago(30), ago(10)], ago(50) + dt.timedelta(hours=1)),
        ([ago(90), ago(40), ago(30), ago(10)], None),  # the oldest fell out of the hour
        ([ago(55), ago(50), ago(40), ago(30), ago(10)], ago(50) + dt.timedelta(hours=1)),
    ],
)
def test_the_fifth_budget_change_within_an_hour_waits(
    previous: list[dt.datetime], until: dt.datetime | None
) -> None:
    gate = ChangeGate({ADSET: previous}, NOW)
    hold = gate.hold(ADSET, ["daily_budget"])
    assert (hold.until if hold else None) == until
    if hold:
        assert "4 budget changes" in str(hold) and f"{until:%H:%M} UTC" in str(hold)


def test_only_limited_fields_and_kinds_wait() -> None:
    busy = [ago(40), ago(30), ago(20), ago(10)]
    campaign = Address(META, "m", "campaign", "spring")
    ad = Address(META, "m", "ad", "spring/core/hero")
    google = Address(GOOGLE, "g", "campaign_budget", "spring")
    gate = ChangeGate({ADSET: busy, campaign: busy, ad: busy, google: busy}, NOW)
    assert gate.hold(ADSET, ["status", "name"]) is None
    assert gate.hold(campaign, ["lifetime_budget"]) is not None
    assert gate.hold(ad, ["daily_budget"]) is None
    assert gate.hold(google, ["amount_micros"]) is None


def test_what_to_look_up_in_the_journal() -> None:
    assert limited_fields(META) == {"daily_budget", "lifetime_budget"}
    assert limited_fields(GOOGLE) == frozenset()
    assert longest_window(META) == dt.timedelta(hours=1) and longest_window(GOOGLE) == dt.timedelta(0)
    assert all(limit.max_changes >= 1 for limit in CHANGE_LIMITS)
