"""Text and JSON for audience overlaps and syncs (no PII can reach here: only counts and names)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from midas_reconcile.audiences.overlap import ListOverlap
from midas_reconcile.audiences.targeting_overlap import TargetingOverlap


def render_overlaps(results: Sequence[ListOverlap | TargetingOverlap], fmt: str) -> str:
    """``text`` (one block per pair) or ``json`` (``{"overlaps": [...]}``)."""
    if fmt == "json":
        return json.dumps({"overlaps": [r.as_dict() for r in results]}, indent=2, sort_keys=True)
    return "\n\n".join(_list_text(r) if isinstance(r, ListOverlap) else _targeting_text(r) for r in results)


def _list_text(r: ListOverlap) -> str:
    method = "exact" if r.method == "exact" else "Theta-sketch estimate"
    both = f"{r.intersection:,}"
    if r.method != "exact":
        both += f" (95 %: {r.bounds[0]:,}–{r.bounds[1]:,})"
    rows = [
        (f"|{r.a}|", f"{r.size_a:,}"),
        (f"|{r.b}|", f"{r.size_b:,}"),
        (f"|{r.a} ∩ {r.b}|", both),
        (f"share of {r.a}", f"{100 * r.share_a:.2f} %"),
        (f"share of {r.b}", f"{100 * r.share_b:.2f} %"),
        ("Jaccard", f"{r.jaccard:.4f}"),
        ("overlap_percentage", f"{r.overlap_percentage:.2f}"),
        ("efficiency_score", f"{r.efficiency_score:.2f}"),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(
        [f"{r.a} vs {r.b} ({method})", *(f"  {label:<{width}}  {value}" for label, value in rows)]
    )


def _targeting_text(r: TargetingOverlap) -> str:
    lines = [
        f"{r.a} vs {r.b} (population-weighted estimate)",
        f"  {'dimension':<10} {'similarity':>10} {'share of ' + r.a:>16} {'share of ' + r.b:>16}",
    ]
    for name, d in r.dimensions.items():
        share_a = "-" if d.share_a is None else f"{100 * d.share_a:.1f} %"
        share_b = "-" if d.share_b is None else f"{100 * d.share_b:.1f} %"
        flag = "  low confidence, not in the estimate" if d.low_confidence else ""
        lines.append(f"  {name:<10} {d.similarity:>10.4f} {share_a:>16} {share_b:>16}{flag}")
    lines += [
        f"  estimated reach (millions): {r.a} {r.reach_a:,.1f}, {r.b} {r.reach_b:,.1f}, "
        f"both {r.reach_both:,.1f}",
        f"  similarity (seed, weighted set Jaccard): {r.similarity:.4f}",
        f"  overlap_percentage: {r.overlap_percentage:.2f}   efficiency_score: {r.efficiency_score:.2f}",
    ]
    lines += [f"  note: {note}" for note in r.notes]
    return "\n".join(lines)
