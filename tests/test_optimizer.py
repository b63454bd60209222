"""The optimiser's engine: curve fits, water-filling, constraints, exact money, strategies and goals."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from midas_reconcile.optimizer import CampaignHistory, DailyFigures, OptimizerError, Rules, recommend
from midas_reconcile.optimizer.allocate import Limits, LogCurves, solve, water_fill
from midas_reconcile.optimizer.curves import HillCurves, PowerCurves
from midas_reconcile.optimizer.engine import round_to_units
from midas_reconcile.optimizer.fit import fit_power_curves


def _history(
    name: str,
    a: float,
    b: float,
    budget: float,
    *,
    days: int = 60,
    platform: str = "google",
    seed: int = 0,
    noise: float = 0.1,
) -> CampaignHistory:
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(days):
        spend = budget * rng.uniform(0.7, 1.3)
        conversions = a * spend**b * rng.lognormal(0, noise)
        rows.append(
            DailyFigures(
                Decimal(f"{spend:.2f}"), Decimal(f"{conversions:.4f}"), Decimal(f"{conversions * 50:.2f}")
            )
        )
    return CampaignHistory(name, platform, Decimal(f"{budget:.2f}"), rows)


def _portfolio(count: int = 6) -> list[CampaignHistory]:
    return [
        _history(
            f"c{i}",
            0.5 + 0.3 * i,
            0.5 + 0.05 * (i % 4),
            100 + 10 * i,
            platform=("google", "meta")[i % 2],
            seed=i,
        )
        for i in range(count)
    ]


# -- curves and fits --------------------------------------------------------------------------------
def test_power_curve_inverse_marginal_round_trips() -> None:
    curves = PowerCurves(np.array([1.0, 3.0]), np.array([0.5, 0.8]))
    spend = curves.spend_at(0.05)
    assert np.allclose(curves.marginal(spend), 0.05)


def test_hill_envelope_is_linear_to_the_tangent_and_inverts() -> None:
    curves = HillCurves(np.array([100.0, 100.0]), np.array([50.0, 50.0]), np.array([0.8, 2.5]))
    tangent = curves.tangent
    assert tangent[0] == 0 and tangent[1] > 0
    # Below the tangent the envelope is a straight line through the origin, above the S-curve itself.
    half = np.array([1.0, tangent[1] / 2])
    assert curves.value(half)[1] == pytest.approx(curves.curve(tangent)[1] / 2, rel=1e-9)
    spend = curves.spend_at(0.3)
    assert np.allclose(curves.marginal(spend), 0.3, rtol=1e-6)


def test_fit_recovers_elasticities_and_pools_uninformative_campaigns_to_the_prior() -> None:
    rng = np.random.default_rng(7)
    true_b = np.array([0.4, 0.6, 0.8, 0.5, 0.7])
    index, spend, outcome = [], [], []
    for i, b in enumerate(true_b):
        s = 100 * rng.uniform(0.3, 3.0, 200)
        index += [i] * 200
        spend += list(s)
        outcome += list(2.0 * s**b * rng.lognormal(0, 0.05, 200))
    # Campaign 5: constant spend says nothing about the slope.
    index += [5] * 30
    spend += [100.0] * 30
    outcome += list(5.0 * rng.lognormal(0, 0.05, 30))
    fits = fit_power_curves(np.array(index), np.array(spend), np.array(outcome), 6)
    assert np.allclose(fits.curves.b[:5], true_b, atol=0.03)
    assert fits.curves.b[5] == pytest.approx(fits.prior_mean)
    assert fits.fitted.all()


def test_fit_leaves_campaigns_with_too_few_days_unfitted() -> None:
    fits = fit_power_curves(np.array([0, 0, 1] * 3), np.array([10.0, 12.0, 5.0] * 3), np.ones(9), 3)
    assert fits.fitted.tolist() == [False, False, False]


# -- water-filling ------------------------------------------------------------------------------------
def test_water_filling_equalises_marginal_returns_with_a_tiny_kkt_residual() -> None:
    curves = PowerCurves(np.array([1.0, 2.0, 3.0, 0.5]), np.array([0.5, 0.6, 0.4, 0.7]))
    limits = Limits(total=1000.0, lower=np.zeros(4), upper=np.full(4, 1000.0))
    solution = solve(curves, limits)
    assert solution.spend.sum() == pytest.approx(1000.0)
    assert np.allclose(curves.marginal(solution.spend), solution.multipliers[0], rtol=1e-8)
    assert solution.kkt_residual < 1e-8


def test_water_filling_beats_every_feasible_perturbation() -> None:
    curves = PowerCurves(np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.6, 0.4]))
    lower, upper = np.array([50.0, 50.0, 50.0]), np.array([400.0, 300.0, 200.0])
    spend, _ = water_fill(curves, lower, upper, 600.0)
    best = curves.value(spend).sum()
    rng = np.random.default_rng(0)
    for _ in range(200):
        move = rng.normal(0, 5, 3)
        move -= move.mean()
        other = np.clip(spend + move, lower, upper)
        if abs(other.sum() - 600.0) < 1e-9:
            assert curves.value(other).sum() <= best + 1e-9


def test_equal_curves_split_evenly_within_bounds() -> None:
    spend, _ = water_fill(LogCurves(3), np.array([0.0, 0.0, 150.0]), np.array([100.0, 500.0, 500.0]), 600.0)
    assert spend.tolist() == pytest.approx([100.0, 250.0, 250.0])


def test_group_limits_hold_and_each_group_equalises_its_own_marginal() -> None:
    curves = PowerCurves(np.array([3.0, 3.0, 1.0, 1.0]), np.array([0.6, 0.6, 0.6, 0.6]))
    limits = Limits(
        total=1000.0,
        lower=np.zeros(4),
        upper=np.full(4, 1000.0),
        group=np.array([0, 0, 1, 1]),
        group_lower=np.array([0.0, 0.0]),
        group_upper=np.array([500.0, 1000.0]),
    )
    solution = solve(curves, limits)
    assert solution.spend[:2].sum() == pytest.approx(500.0)
    assert solution.spend[2:].sum() == pytest.approx(500.0)
    assert solution.kkt_residual < 1e-8


# -- exact money and constraints ---------------------------------------------------------------------
def test_round_to_units_keeps_the_total_exact_and_every_bound() -> None:
    spend = np.array([10.4, 10.4, 10.4, 68.8])
    units = round_to_units(spend, np.array([0, 0, 11, 0]), np.array([100, 100, 100, 68]), 100)
    assert units.sum() == 100
    assert units[2] >= 11 and units[3] <= 68


def test_recommended_budgets_are_decimals_in_minor_units_summing_exactly_to_the_total() -> None:
    result = recommend(_portfolio(), Rules(total=Decimal("700.01"), max_change_pct=None))
    budgets = [c.recommended_budget for c in result.campaigns]
    assert all(isinstance(b, Decimal) and b == b.quantize(Decimal("0.01")) for b in budgets)
    assert sum(budgets) == Decimal("700.01") == result.total
    assert result.google_allocation + result.meta_allocation == result.total
    assert result.kkt_residual < 1e-6


def test_zero_decimal_currency_rounds_to_whole_units() -> None:
    campaigns = [CampaignHistory(c.name, c.platform, c.current_budget * 100, c.days) for c in _portfolio(4)]
    result = recommend(campaigns, Rules(total=Decimal(45001), currency="JPY", strategy="equal"))
    assert all(c.recommended_budget == c.recommended_budget.to_integral_value() for c in result.campaigns)
    assert result.total == Decimal(45001)


@settings(max_examples=40, deadline=None)
@given(
    budgets=st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=8),
    total=st.integers(min_value=1, max_value=300_000),
    pct=st.sampled_from([None, 5, 20, 50]),
    low=st.sampled_from([None, 10, 50]),
    high=st.sampled_from([None, 200, 400]),
    meta_cap=st.sampled_from([None, 100, 300]),
    strategy=st.sampled_from(["performance_based", "equal", "conservative"]),
)
def test_constraints_are_never_violated(
    budgets: list[int],
    total: int,
    pct: int | None,
    low: int | None,
    high: int | None,
    meta_cap: int | None,
    strategy: str,
) -> None:
    campaigns = [
        _history(
            f"c{i}", 1.0 + i, 0.6, max(cents / 100, 1.0), days=10, platform=("google", "meta")[i % 2], seed=i
        )
        for i, cents in enumerate(budgets)
    ]
    campaigns = [
        CampaignHistory(c.name, c.platform, Decimal(cents) / 100, c.days)
        for c, cents in zip(campaigns, budgets, strict=True)
    ]
    rules = Rules(
        total=Decimal(total) / 100,
        strategy=strategy,  # type: ignore[arg-type]
        max_change_pct=Decimal(pct) if pct is not None else None,
        min_per_campaign=Decimal(low) if low is not None else None,
        max_per_campaign=Decimal(high) if high is not None else None,
        platform_limits={"meta": (None, Decimal(meta_cap))} if meta_cap is not None else {},
    )
    result = recommend(campaigns, rules)
    assert sum(c.recommended_budget for c in result.campaigns) == result.total <= rules.total or result.notes
    effective = pct / 2 if pct is not None and strategy == "conservative" else pct
    for c in result.campaigns:
        new, old = c.recommended_budget, c.current_budget
        if effective is not None and old > 0:
            assert abs(new - old) <= old * Decimal(effective) / 100 + Decimal("0.01")
        if low is not None and (effective is None or old == 0 or old * (1 + Decimal(effective) / 100) >= low):
            assert new >= low or c.status.startswith("kept")
        if high is not None and (
            effective is None or old == 0 or old * (1 - Decimal(effective) / 100) <= high
        ):
            assert new <= high or c.status.startswith("kept")
    if meta_cap is not None:
        explained = any(note.startswith("meta: the campaigns' own bounds") for note in result.notes)
        assert result.meta_allocation <= meta_cap or explained


# -- strategies, goals, too little data ---------------------------------------------------------------
def test_performance_based_moves_budget_toward_the_better_marginal_return_and_predicts_a_gain() -> None:
    campaigns = [_history("strong", 3.0, 0.6, 100, seed=1), _history("weak", 0.5, 0.6, 100, seed=2)]
    result = recommend(campaigns, Rules(total=Decimal(200)))
    strong, weak = result.campaigns
    assert strong.recommended_budget == Decimal("120.00") and weak.recommended_budget == Decimal("80.00")
    assert result.predicted_change > 0
    assert result.band[0] < result.predicted_change < result.band[1]


def test_conservative_moves_at_most_half_as_far() -> None:
    campaigns = [_history("strong", 3.0, 0.6, 100, seed=1), _history("weak", 0.5, 0.6, 100, seed=2)]
    result = recommend(campaigns, Rules(total=Decimal(200), strategy="conservative"))
    assert [c.recommended_budget for c in result.campaigns] == [Decimal("110.00"), Decimal("90.00")]


def test_too_little_data_keeps_the_budget_and_lists_the_campaign() -> None:
    campaigns = [*_portfolio(3), _history("fresh", 1.0, 0.5, 80, days=3, seed=9)]
    result = recommend(campaigns, Rules(total=Decimal(500)))
    fresh = result.campaigns[-1]
    assert fresh.recommended_budget == Decimal("80.00") and result.too_little_data == ["fresh"]
    assert fresh.predicted_change is None
    assert any("keep their budget" in note for note in result.notes)


def test_target_cpa_spends_only_while_the_marginal_cpa_meets_the_target() -> None:
    campaigns = _portfolio(4)
    loose = recommend(
        campaigns, Rules(total=Decimal(2000), max_change_pct=None, goal="target_cpa", target=Decimal(1000))
    )
    tight = recommend(
        campaigns, Rules(total=Decimal(2000), max_change_pct=None, goal="target_cpa", target=Decimal(5))
    )
    assert loose.total == Decimal(2000)
    assert tight.total < loose.total
    assert min(tight.multipliers) >= 1 / 5 - 1e-9


def test_target_roas_respects_the_spend_floor() -> None:
    rules = Rules(
        total=Decimal(2000),
        max_change_pct=None,
        goal="target_roas",
        target=Decimal(1000),
        spend_floor=Decimal(300),
    )
    result = recommend(_portfolio(4), rules)
    assert result.total == Decimal("300.00")
    assert result.outcome == "value"


def test_a_total_out_of_reach_is_clamped_and_explained() -> None:
    result = recommend(_portfolio(2), Rules(total=Decimal(1000)))
    assert result.total == sum(c.current_budget for c in result.campaigns) * Decimal("1.2")
    assert "cannot be reached" in result.notes[0]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (Rules(total=Decimal(100), goal="target_cpa"), "needs a target"),
        (Rules(total=Decimal(100), platform_limits={"bing": (None, Decimal(1))}), "unknown platform 'bing'"),
    ],
)
def test_rules_it_cannot_work_with_are_clear_errors(rules: Rules, message: str) -> None:
    with pytest.raises(OptimizerError, match=message):
        recommend(_portfolio(2), rules)


def test_platform_limits_reject_campaigns_on_both_platforms() -> None:
    both = CampaignHistory("both", "google+meta", Decimal(10))
    with pytest.raises(OptimizerError, match="runs on both platforms"):
        recommend([both], Rules(total=Decimal(10), platform_limits={"meta": (None, Decimal(5))}))


# -- the seed's API ---------------------------------------------------------------------------------
def test_analyze_performance_reports_totals_ratios_and_the_fitted_response_of_the_last_days() -> None:
    from midas_reconcile import analyze_performance

    campaigns = [*_portfolio(3), _history("fresh", 1.0, 0.5, 80, days=3, seed=9)]
    analysis = analyze_performance(campaigns, days=20)
    first = analysis.campaigns[0]
    recent = list(campaigns[0].days)[-20:]
    assert first.days == 20 and first.spend == sum(d.spend for d in recent)
    assert first.roas == (sum(d.value for d in recent) / first.spend).quantize(Decimal("0.0001"))
    assert first.elasticity is not None and first.marginal_return is not None
    assert analysis.campaigns[-1].elasticity is None
    assert analysis.google_spend + analysis.meta_spend == sum(c.spend for c in analysis.campaigns)


def test_optimize_budget_allocation_returns_platform_allocations_and_accepts_rule_mappings() -> None:
    from midas_reconcile import optimize_budget_allocation

    result = optimize_budget_allocation(_portfolio(4), Decimal("500.00"), {"max_change_pct": None})
    assert result.total == Decimal("500.00") == sum(result.allocations.values())
    assert result.google_allocation + result.meta_allocation == result.total
    assert result.kkt_residual < 1e-6
    with pytest.raises(OptimizerError, match="unknown rule 'max_chnage_pct'"):
        optimize_budget_allocation(_portfolio(2), Decimal(100), {"max_chnage_pct": 10})


def test_shift_budget_moves_money_between_platforms_exactly() -> None:
    from midas_reconcile import CrossPlatformOptimizer, shift_budget

    shifted = shift_budget(
        {"google": Decimal("60.00"), "meta": Decimal("40.00")}, "google_to_meta", Decimal("12.50")
    )
    assert (shifted.google_allocation, shifted.meta_allocation) == (Decimal("47.50"), Decimal("52.50"))
    back = CrossPlatformOptimizer().shift_budget(shifted, "meta_to_google", Decimal("12.50"))
    assert (back.google_allocation, back.meta_allocation) == (Decimal("60.00"), Decimal("40.00"))
    with pytest.raises(OptimizerError, match="cannot move 70 from a platform that has 60"):
        shift_budget({"google": Decimal(60)}, "google_to_meta", Decimal(70))
    with pytest.raises(OptimizerError, match="unknown direction 'up'"):
        shift_budget({"google": Decimal(60)}, "up", Decimal(1))


def test_cross_platform_optimizer_applies_its_default_rules() -> None:
    from midas_reconcile import BudgetRules, CrossPlatformOptimizer

    optimizer = CrossPlatformOptimizer(BudgetRules(total=Decimal(1), strategy="equal", max_change_pct=None))
    result = optimizer.optimize_budget_allocation(_portfolio(4), Decimal("400.00"))
    assert set(result.allocations.values()) == {Decimal("100.00")}


def test_water_filling_is_exact_on_the_linear_piece_of_concave_envelopes() -> None:
    # S-shaped curves act as their envelopes, straight from the origin: the spend there jumps with λ.
    curves = HillCurves(
        np.array([100.0, 80.0, 120.0]), np.array([50.0, 40.0, 70.0]), np.array([2.0, 2.5, 3.0])
    )
    limits = Limits(total=150.0, lower=np.full(3, 10.0), upper=np.full(3, 200.0))
    solution = solve(curves, limits)
    assert solution.spend.sum() == pytest.approx(150.0)
    assert solution.kkt_residual < 1e-6


def test_write_refuses_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    from midas_reconcile.optimizer.rewrite import plan_edits
    from midas_reconcile.spec import load_workspace

    root = Path(__file__).resolve().parents[1]
    for part in ("midas.yaml", "specs", "policies"):
        source = root / part
        target = tmp_path / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    workspace = load_workspace(tmp_path)
    spec = tmp_path / "specs" / "spring-sale.yaml"
    assert [e.new for e in plan_edits(workspace, {"spring-sale": Decimal("55.5")})] == ["55.50"]
    spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 51.00"))
    with pytest.raises(OptimizerError, match=r"spring-sale.yaml:\d+:\d+: expected the daily budget 50.00"):
        plan_edits(workspace, {"spring-sale": Decimal(40)})


def test_platform_allocations_count_campaigns_on_both_platforms_by_their_shares() -> None:
    both = _history("both", 1.0, 0.6, 100, platform="google+meta", seed=3)
    split = CampaignHistory(
        both.name,
        both.platform,
        both.current_budget,
        both.days,
        {"google": Decimal("0.6"), "meta": Decimal("0.4")},
    )
    result = recommend(
        [split, _history("g", 1.0, 0.6, 100, seed=4)], Rules(total=Decimal(200), strategy="equal")
    )
    assert result.google_allocation == Decimal("160.00") and result.meta_allocation == Decimal("40.00")
