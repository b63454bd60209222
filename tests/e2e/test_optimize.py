"""The budget optimiser end to end: plan-time budgets from stored metrics, and `midas optimize`
(table, JSON, --write, bad input), on SQLite and PostgreSQL state."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

Midas = Callable[..., Any]  # returns conftest.Run (code, output)

#: A month of history, in the past whatever day the tests run (the window ends on the last day synced).
HISTORY = ("--from", "2026-10-01", "--to", "2026-10-30")


def _campaign(name: str, platform: str, budget: str, labels: str = "{}") -> str:
    account = "google-main" if platform == "google" else "meta-main"
    return f"""apiVersion: midas/v1
kind: Campaign
metadata:
  name: {name}
  labels: {labels}
spec:
  platforms:
    {platform}: {{account: {account}}}
  objective: sales
  budget:
    {budget}   # reviewed by finance
  targeting:
    locations: [US]
  creatives:
    - name: main
      headlines: [Running Shoes Sale, Up to 40% Off, Free Shipping]
      descriptions: [Lightweight trainers for every run., Find your perfect fit today.]
      primary_text: Spring into your best run.
      final_url: https://shop.example.com/
  google:
    keywords:
      - {{text: running shoes {name}, match: phrase}}
"""


def _policy(name: str, body: str) -> str:
    return f"apiVersion: midas/v1\nkind: BudgetPolicy\nmetadata:\n  name: {name}\nspec:\n{body}"


def _plan_time_workspace(workspace: Path) -> None:
    (workspace / "policies" / "growth.yaml").write_text(
        _policy("growth", "  total: 80.00\n  strategy: performance_based\n  max_change_pct: 10\n")
    )
    (workspace / "specs" / "search.yaml").write_text(_campaign("search", "google", "policy: growth"))
    (workspace / "specs" / "social.yaml").write_text(_campaign("social", "meta", "policy: growth"))


def _budget_warnings(plan: dict[str, Any]) -> dict[str, str]:
    return {
        change["address"]: warning
        for change in plan["changes"]
        for warning in change["warnings"]
        if warning.startswith("budget from policy")
    }


def test_plan_time_budgets_come_from_stored_metrics_with_reasons_and_guardrails(
    midas: Midas, workspace: Path
) -> None:
    _plan_time_workspace(workspace)
    first = midas("apply", "--auto-approve")
    assert first.code == 0, first.output  # no history yet: each keeps an equal share
    assert midas("metrics", "sync", *HISTORY).code == 0

    shown = midas("plan", "--format", "json")
    assert shown.code == 0, shown.output
    reasons = _budget_warnings(json.loads(shown.output))
    search = next(text for address, text in reasons.items() if "search" in address)
    social = next(text for address, text in reasons.items() if "social" in address)
    # Google's curve returns more at the margin in the sandbox: budget moves to it, by max_change_pct.
    assert "40.00 USD → 44.00 USD/day" in search and "40.00 USD → 36.00 USD/day" in social
    assert "marginal return" in search and "95 % band" in search and "conversions/day" in search

    text = midas("plan")
    assert "# warning: budget from policy 'growth' (performance_based, max_conversions)" in text.output

    guardrail = workspace / "policies" / "guardrails.yaml"
    guardrail.write_text(
        guardrail.read_text().replace("max_budget_change_pct: 100", "max_budget_change_pct: 5")
    )
    blocked = midas("apply", "--auto-approve")
    assert blocked.code == 1 and "more than the 5% allowed" in blocked.output


def test_optimize_prints_the_recommendation_table_and_json(midas: Midas, workspace: Path) -> None:
    _plan_time_workspace(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", *HISTORY).code == 0

    table = midas("optimize", "--policy", "growth")
    assert table.code == 0, table.output
    assert "Policy growth: performance_based, goal max_conversions, 80.00 → 80.00 USD/day" in table.output
    assert "KKT residual" in table.output and "plan time" in table.output

    # The stock brand-pool policy is `equal`: its campaign is split when compiling, not optimised.
    assert "No campaign for the optimiser" in midas("optimize", "--policy", "brand-pool").output

    data = json.loads(midas("optimize", "--policy", "growth", "--format", "json").output)
    (policy,) = data["policies"]
    budgets = {c["campaign"]: Decimal(c["recommended_budget"]) for c in policy["campaigns"]}
    assert budgets == {"search": Decimal("44.00"), "social": Decimal("36.00")}
    assert Decimal(policy["google_allocation"]) + Decimal(policy["meta_allocation"]) == Decimal("80.00")
    assert policy["kkt_residual"] < 1e-6


def _scoped_workspace(workspace: Path) -> tuple[Path, Path]:
    (workspace / "policies" / "rebalance.yaml").write_text(
        _policy(
            "rebalance",
            "  total: 60.00\n  strategy: performance_based\n  max_change_pct: 20\n"
            "  scope: {labels: {team: perf}}\n",
        )
    )
    google = workspace / "specs" / "g-perf.yaml"
    meta = workspace / "specs" / "m-perf.yaml"
    google.write_text(_campaign("g-perf", "google", "daily: 30.00", "{team: perf}"))
    meta.write_text(_campaign("m-perf", "meta", "daily: 30.00", "{team: perf}"))
    return google, meta


def test_optimize_write_rewrites_only_the_amounts_and_keeps_comments(midas: Midas, workspace: Path) -> None:
    google, meta = _scoped_workspace(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", *HISTORY).code == 0
    before = {google: google.read_text(), meta: meta.read_text()}

    written = midas("optimize", "--policy", "rebalance", "--write")
    assert written.code == 0, written.output
    assert "2 budget(s) rewritten in 2 file(s)" in written.output
    for path, text in before.items():
        after = path.read_text()
        changed = [(a, b) for a, b in zip(text.splitlines(), after.splitlines(), strict=True) if a != b]
        assert len(changed) == 1 and changed[0][1].endswith("   # reviewed by finance")
    assert "daily: 36.00   # reviewed by finance" in google.read_text()
    assert "daily: 24.00   # reviewed by finance" in meta.read_text()
    assert midas("validate").code == 0


def test_max_change_pct_is_relative_to_the_budget_last_applied(midas: Midas, workspace: Path) -> None:
    """--write twice with no apply in between moves no further than once: the step is taken from the budget
    last applied, not from what the previous --write put in the YAML; after the apply, the budgets wait for
    metrics that show them."""
    google, meta = _scoped_workspace(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", *HISTORY).code == 0
    assert midas("optimize", "--policy", "rebalance", "--write").code == 0
    written = {google: google.read_text(), meta: meta.read_text()}

    again = midas("optimize", "--policy", "rebalance", "--write")
    assert again.code == 0, again.output
    assert "0 budget(s) rewritten in 0 file(s)" in again.output
    assert "g-perf: its daily budget in the spec (36.00 USD) is not applied yet" in again.output
    assert {path: path.read_text() for path in written} == written
    data = json.loads(midas("optimize", "--policy", "rebalance", "--format", "json").output)
    rows = {c["campaign"]: c for c in data["policies"][0]["campaigns"]}
    assert (rows["g-perf"]["current_budget"], rows["g-perf"]["recommended_budget"]) == ("30.00", "36.00")
    assert (rows["m-perf"]["current_budget"], rows["m-perf"]["recommended_budget"]) == ("30.00", "24.00")

    assert midas("apply", "--auto-approve").code == 0
    held = midas("optimize", "--policy", "rebalance", "--write")
    assert held.code == 0, held.output
    assert "g-perf: budget kept (waiting for metrics after its budget change of" in held.output
    assert "0 budget(s) rewritten" in held.output
    assert {path: path.read_text() for path in written} == written


def test_a_daily_whose_split_rounds_is_what_runs_once_applied(midas: Midas, workspace: Path) -> None:
    """10.01 split half and half is 5.00 + 5.00 on the platforms (each rounds half-even to its units): once
    applied, that daily is what runs — no "not applied yet", and the step starts from it."""
    google, _meta = _scoped_workspace(workspace)
    halves = "daily: 10.01\n    split: {by: share, google: 0.5, meta: 0.5}"
    on_google = "    google: {account: google-main}"
    both = _campaign("g-perf", "google", halves, "{team: perf}").replace(
        on_google, f"{on_google}\n    meta: {{account: meta-main}}"
    )
    google.write_text(both)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("metrics", "sync", *HISTORY).code == 0
    shown = midas("optimize", "--policy", "rebalance", "--format", "json")
    assert "not applied yet" not in shown.output, shown.output
    rows = {c["campaign"]: c for c in json.loads(shown.output)["policies"][0]["campaigns"]}
    assert rows["g-perf"]["current_budget"] == "10.01"


def test_a_campaign_budgeted_per_ad_set_is_kept_as_it_is(midas: Midas, workspace: Path) -> None:
    """Its Meta share is a sum of ad set amounts: a new total would leave them adding up to something else."""
    _google, meta = _scoped_workspace(workspace)
    meta.write_text(
        meta.read_text() + "  ad_groups:\n    - name: main\n      meta: {budget: {daily: 30.00}}\n"
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", *HISTORY).code == 0
    data = json.loads(midas("optimize", "--policy", "rebalance", "--format", "json").output)
    rows = {c["campaign"]: c for c in data["policies"][0]["campaigns"]}
    assert rows["m-perf"]["recommended_budget"] == rows["m-perf"]["current_budget"] == "30.00"
    assert rows["m-perf"]["status"] == "kept (its Meta budget is set per ad set (meta.budget))"
    assert midas("optimize", "--policy", "rebalance", "--write").code == 0
    assert midas("validate").code == 0


def test_a_campaign_on_a_shared_budget_is_kept_and_listed_with_the_reason(
    midas: Midas, workspace: Path
) -> None:
    """Its Google spend draws on an amount other campaigns share: the optimiser has nothing of its own to
    move, so the campaign keeps its budget (its own, the Meta half) and says why."""
    _scoped_workspace(workspace)
    (workspace / "specs" / "pool.yaml").write_text(
        "apiVersion: midas/v1\nkind: SharedBudget\nmetadata: {name: pool}\n"
        "spec: {account: google-main, daily: 50.00, currency: USD}\n"
    )
    (workspace / "specs" / "s-perf.yaml").write_text(
        _campaign("s-perf", "google", "daily: 30.00", "{team: perf}").replace(
            "    google: {account: google-main}",
            "    google: {account: google-main}\n    meta: {account: meta-main}",
        )
        + "    shared_budget: pool\n"
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", *HISTORY).code == 0
    data = json.loads(midas("optimize", "--policy", "rebalance", "--format", "json").output)
    rows = {c["campaign"]: c for c in data["policies"][0]["campaigns"]}
    assert rows["s-perf"]["recommended_budget"] == rows["s-perf"]["current_budget"] == "30.00"
    assert rows["s-perf"]["platform"] == "meta"  # what its own budget funds: 30.00 is the Meta half
    assert (
        rows["s-perf"]["status"] == "kept (its Google budget is shared budget 'pool' (google.shared_budget))"
    )
    assert rows["g-perf"]["status"] == "optimised"


def test_optimize_bad_input_is_a_clear_error_and_writes_nothing(midas: Midas, workspace: Path) -> None:
    google, meta = _scoped_workspace(workspace)
    assert midas("apply", "--auto-approve").code == 0
    before = {google: google.read_text(), meta: meta.read_text()}

    unknown = midas("optimize", "--policy", "rebalanse", "--write")
    assert unknown.code == 1
    assert "unknown budget policy 'rebalanse'; expected one of: brand-pool, rebalance" in unknown.output

    both = workspace / "specs" / "both.yaml"
    both.write_text(
        _campaign("both", "google", "daily: 20.00", "{team: perf}").replace(
            "    google: {account: google-main}",
            "    google: {account: google-main}\n    meta: {account: meta-main}",
        )
    )
    policy = workspace / "policies" / "rebalance.yaml"
    policy.write_text(policy.read_text() + "  per_platform: {meta: {max: 25.00}}\n")
    refused = midas("optimize", "--write")
    assert refused.code == 1
    assert "campaign 'both' runs on both platforms" in refused.output
    assert {path: path.read_text() for path in before} == before


def test_a_budget_moved_by_the_optimiser_is_held_until_metrics_show_it(midas: Midas, workspace: Path) -> None:
    """One step of max_change_pct per apply *and per new data*: right after applying the optimiser's step,
    the next plan keeps the budgets (they would otherwise move again on every plan, with nothing learnt)."""
    _plan_time_workspace(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("metrics", "sync", *HISTORY).code == 0
    stepped = midas("apply", "--auto-approve")
    assert stepped.code == 0 and "44.00 USD/day" in stepped.output, stepped.output
    settled = midas("plan", "--detailed-exitcode", "--format", "json")
    assert settled.code == 0, settled.output
    table = midas("optimize", "--policy", "growth")
    assert "budget kept (waiting for metrics after its budget change of" in table.output, table.output
