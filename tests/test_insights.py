"""KPIs, efficiency score and grade, currency conversion, and the report's periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from midas_reconcile.errors import MidasError
from midas_reconcile.insights import Kpis, Totals, build_report, change_pct, convert, pick_campaigns

D = Decimal


def test_kpis_follow_the_documented_formulas() -> None:
    kpis = Kpis.of(
        Totals(impressions=10_000, clicks=200, spend=D("100"), conversions=D("8"), conversion_value=D("400"))
    )
    assert (kpis.ctr, kpis.cpc, kpis.cpm, kpis.cvr, kpis.cpa, kpis.roas) == (
        D("2"), D("0.5"), D("10"), D("4"), D("12.5"), D("4"),
    )  # fmt: skip
    # Every part beats its benchmark (CTR 1.5, CVR 2.5, CPC 4.00, ROAS 3): full marks.
    assert (kpis.efficiency_score, kpis.grade) == (100, "A")
    assert (kpis.consolidated_ctr, kpis.return_on_ad_spend, kpis.performance_grade) == (D("2"), D("4"), "A")


def test_a_zero_denominator_is_na_never_zero_or_infinity() -> None:
    kpis = Kpis.of(Totals(impressions=0, clicks=0, spend=D("5")))
    assert (kpis.ctr, kpis.cpc, kpis.cpm, kpis.cvr, kpis.cpa) == (None, None, None, None, None)
    assert kpis.roas == 0  # value 0 over spend 5 is a real 0
    nothing = Kpis.of(Totals())
    assert (nothing.roas, nothing.efficiency_score, nothing.grade) == (None, None, None)


@pytest.mark.parametrize(
    ("roas", "grade"), [("3", "A"), ("2.1", "B"), ("1.8", "C"), ("1.4", "D"), ("0.3", "F")]
)
def test_the_grade_follows_the_score_thresholds(roas: str, grade: str) -> None:
    # Only ROAS is defined (no clicks): the score is ROAS / 3, capped at 1.
    kpis = Kpis.of(Totals(spend=D("100"), conversion_value=D(roas) * 100), {"roas": D("3")})
    assert kpis.grade == grade


def test_different_currencies_are_never_summed_without_rates() -> None:
    aggregates = [
        (("c", "google"), "USD", 10, 1, 5_000_000, 0, 0),
        (("c", "meta"), "EUR", 10, 1, 4_000_000, 0, 0),
    ]
    with pytest.raises(MidasError, match=r"are in EUR, USD; set reporting\.currency and reporting\.rates"):
        convert(aggregates, currency=None, rates={})
    with pytest.raises(MidasError, match="no exchange rate from EUR to USD"):
        convert(aggregates, currency="USD", rates={})
    currency, totals = convert(aggregates, currency="USD", rates={"EUR": D("1.10")})
    assert currency == "USD"
    assert totals[("c", "meta")].spend == D("4.40") and totals[("c", "google")].spend == D("5.00")


def test_a_report_compares_with_the_previous_period_of_equal_length() -> None:
    current = [(("spring", "google"), "USD", 1000, 50, 20_000_000, 2_000_000, 80_000_000)]
    previous = [(("spring", "google"), "USD", 800, 40, 10_000_000, 1_000_000, 20_000_000)]
    report = build_report(
        current,
        previous,
        start=dt.date(2026, 11, 18),
        end=dt.date(2026, 11, 24),
        by="campaign",
        currency=None,
        rates={},
    )
    assert (report.previous_start, report.previous_end) == (dt.date(2026, 11, 11), dt.date(2026, 11, 17))
    [line] = report.lines
    assert line.change("spend") == D("100.0") and line.change("roas") == D("100.0")
    assert report.total.totals.spend == D("20.00") and report.kpis.roas == D("4")
    assert change_pct(D("5"), None) is None and change_pct(D("5"), D("0")) is None


def test_automatic_insights_state_the_numbers_behind_them() -> None:
    m = 1_000_000
    current = [
        (("spring", "google"), "USD", 10_000, 400, 200 * m, 10 * m, 800 * m),  # CPA 20, ROAS 4
        (("spring", "meta"), "USD", 20_000, 300, 150 * m, 15 * m, 300 * m),  # CPA 10, ROAS 2
        (("brand", "meta"), "USD", 5_000, 50, 40 * m, 0, 0),  # spends, converts nothing
    ]
    previous = [(("spring", "google"), "USD", 10_000, 400, 100 * m, 10 * m, 800 * m)]  # CPA 10 → 20
    report = build_report(
        current,
        previous,
        start=dt.date(2026, 11, 18),
        end=dt.date(2026, 11, 24),
        by="campaign",
        currency=None,
        rates={},
    )
    spring = [line for line in report.lines if line.key[0] == "spring"]
    assert [line.key[1] for line in spring] == ["google", "meta", "combined"]  # side by side, then combined
    assert spring[2].totals.spend == D("350.00") and spring[2].kpis.roas == D("3.1429")
    found = report.insights
    assert "spring: Meta has the better CPA (10.00 USD against 20.00 USD on Google, 50 % lower)" in found
    assert "spring: Google has the better ROAS (4.00 against 2.00 on Meta, 100 % higher)" in found
    assert "spring on Google: CPA 20.00 (+100.0 % against 10.00)" in found
    assert "brand on Meta: spent 40.00 USD with no conversions" in found
    by_day = build_report(
        current, [], start=dt.date(2026, 11, 18), end=dt.date(2026, 11, 24), by="day", currency=None, rates={}
    )
    assert by_day.insights == []


def test_a_budget_limited_campaign_with_a_better_roas_than_its_platform_is_pointed_out() -> None:
    m = 1_000_000
    current = [
        (("spring", "google"), "USD", 10_000, 400, 69 * m, 10 * m, 690 * m),  # ROAS 10, 69 of 70 budget
        (("brand", "google"), "USD", 10_000, 400, 100 * m, 10 * m, 100 * m),  # ROAS 1
        (("brand2", "google"), "USD", 10_000, 400, 10 * m, 1 * m, 200 * m),  # ROAS 20, far from its budget
    ]
    budgets = {
        ("spring", "google"): (Decimal(10), "USD"),
        ("brand", "google"): (Decimal(10), "USD"),
        ("brand2", "google"): (Decimal(100), "USD"),
    }
    week = {"start": dt.date(2026, 11, 18), "end": dt.date(2026, 11, 24)}
    report = build_report(current, [], **week, by="campaign", currency=None, rates={}, daily_budgets=budgets)
    limited = [i for i in report.insights if "budget-limited" in i]
    assert limited == [
        "spring on Google is budget-limited: spent 69.00 USD of 70.00 USD (99 %) at ROAS 10.00, above the "
        "platform's 5.53: more budget here is likely to pay"  # 990 / 179
    ]


# Campaigns of the period: a managed "brand" on Google, console namesakes in two accounts (Google, so apart
# from it; Meta, alone there), and a console "promo" in one account.
REPORTED = {
    ("brand", "google", None),
    ("brand", "google", "google-eu"),
    ("brand", "meta", "meta-main"),
    ("promo", "google", "google-eu"),
    ("promo", "google", "google-main"),
}
STORED = REPORTED | {("old", "google", "google-eu"), ("solo", "meta", "meta-main")}


@pytest.mark.parametrize(
    ("wanted", "picked"),
    [
        (["brand"], {("brand", "google", None), ("brand", "meta", "meta-main")}),  # the lines labelled so
        (["brand (google-eu)"], {("brand", "google", "google-eu")}),
        (
            ["promo (google-main)", "promo (google-eu)"],
            {(p, "google", a) for p, a in [("promo", "google-main"), ("promo", "google-eu")]},
        ),
        (["solo (meta-main)"], {("solo", "meta", "meta-main")}),  # a label of another period
        (["old", "spring-sale"], set()),  # nothing in the period: an empty report
    ],
)
def test_campaign_values_pick_what_the_report_labels_so(wanted: list[str], picked: set[object]) -> None:
    assert pick_campaigns(wanted, reported=REPORTED, stored=STORED, specs={"spring-sale"}) == picked


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        (
            "promo",
            "--campaign 'promo' names campaigns of several accounts, which reports keep apart; "
            "expected one of 'promo (google-eu)', 'promo (google-main)'",
        ),
        (
            "brand (meta-eu)",
            "no campaign named 'brand (meta-eu)' in the specs or the stored metrics; expected "
            "one of brand, brand (google-eu), old, promo (google-eu), promo (google-main), solo, spring-sale",
        ),
    ],
)
def test_an_ambiguous_or_unknown_campaign_value_names_the_choices(wanted: str, message: str) -> None:
    with pytest.raises(MidasError) as caught:
        pick_campaigns([wanted], reported=REPORTED, stored=STORED, specs={"spring-sale"})
    assert message in str(caught.value)
