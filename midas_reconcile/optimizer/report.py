"""Recommendations for people (a table per policy) and for programs (JSON; money as decimal strings)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from midas_reconcile.money import currency_exponent
from midas_reconcile.optimizer.workspace import PolicyRecommendation


def _pct(old: Decimal, new: Decimal) -> str:
    return f"{(new - old) * 100 / old:+.1f}%" if old else "new"


def _figure(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:+.{digits}f}"


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount.quantize(Decimal(1).scaleb(-currency_exponent(currency))):f}"


def _how(item: PolicyRecommendation, campaign: str) -> str:
    return "plan time" if campaign in item.referencing else "--write"


def to_text(items: Sequence[PolicyRecommendation]) -> str:
    if not items:
        return (
            "No campaign for the optimiser: it takes the campaigns with budget: {policy: NAME} of "
            "performance_based and conservative policies, and those a policy's scope selects that have a "
            "daily budget of their own (campaigns of equal policies are split when compiling).\n"
        )
    out: list[str] = []
    for item in items:
        result = item.recommendation
        out.append(
            f"Policy {item.policy}: {result.strategy}, goal {result.goal}, "
            f"{_money(result.current_total, result.currency)} → {_money(result.total, result.currency)} "
            f"{result.currency}/day"
        )
        header = (
            "campaign",
            "platform",
            "current",
            "recommended",
            "change",
            "marginal",
            "predicted (95 % band)",
            "status",
            "applied by",
        )
        rows = [header]
        for c in result.campaigns:
            band = (
                f"{_figure(c.predicted_change)} ({_figure(c.band[0])} … {_figure(c.band[1])})"
                if c.band
                else "-"
            )
            marginal = "-" if c.marginal_return is None else f"{c.marginal_return:.4g}"
            rows.append(
                (
                    c.name,
                    c.platform,
                    _money(c.current_budget, result.currency),
                    _money(c.recommended_budget, result.currency),
                    _pct(c.current_budget, c.recommended_budget),
                    marginal,
                    band,
                    c.status,
                    _how(item, c.name),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        out.extend(
            "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows
        )
        low, high = result.band
        margin = (
            "equal split"
            if result.strategy == "equal"
            else "marginal return "
            + ", ".join(f"{m:.4g}" for m in result.multipliers)
            + f" {result.outcome} per {result.currency}"
        )
        out.append(
            f"  predicted change: {_figure(result.predicted_change)} {result.outcome}/day "
            f"(95 % band {_figure(low)} … {_figure(high)}); {margin}; KKT residual {result.kkt_residual:.2e}"
        )
        if result.too_little_data:
            out.append("  too little data (budget kept): " + ", ".join(result.too_little_data))
        for row in result.campaigns:
            if row.name in result.held:
                out.append(f"  {row.name}: budget {row.status}")
        out.extend(f"  note: {note}" for note in result.notes)
        out.append("")
    return "\n".join(out)


def to_json(items: Sequence[PolicyRecommendation]) -> str:
    def policy(item: PolicyRecommendation) -> dict[str, Any]:
        result = item.recommendation
        return {
            "policy": item.policy,
            "strategy": result.strategy,
            "goal": result.goal,
            "outcome": result.outcome,
            "currency": result.currency,
            "current_total": str(result.current_total),
            "total": str(result.total),
            "google_allocation": str(result.google_allocation),
            "meta_allocation": str(result.meta_allocation),
            "multipliers": result.multipliers,
            "kkt_residual": result.kkt_residual,
            "predicted_change": result.predicted_change,
            "band": list(result.band),
            "too_little_data": result.too_little_data,
            "notes": result.notes,
            "campaigns": [
                {
                    "campaign": c.name,
                    "platform": c.platform,
                    "current_budget": str(c.current_budget),
                    "recommended_budget": str(c.recommended_budget),
                    "status": c.status,
                    "applied_by": _how(item, c.name),
                    "marginal_return": c.marginal_return,
                    "predicted_change": c.predicted_change,
                    "band": list(c.band) if c.band else None,
                }
                for c in result.campaigns
            ],
        }

    return json.dumps({"policies": [policy(i) for i in items]}, indent=2) + "\n"
