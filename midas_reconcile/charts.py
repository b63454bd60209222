"""The report's charts, drawn with matplotlib as inline SVG (``midas report --format html``).

Four charts: spend per day and conversions per day, one line per platform; ROAS and CPA per campaign, one
bar per platform. Figures are built with ``matplotlib.figure.Figure`` (no pyplot, no global state, no
display) and written as SVG text, so the HTML file needs nothing from the network.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.insights import COMBINED, Report, Totals

#: Chart id → its title, in the order the HTML shows them.
CHARTS: Final = {
    "chart-spend": "Spend per day",
    "chart-conversions": "Conversions per day",
    "chart-roas": "ROAS by campaign",
    "chart-cpa": "CPA by campaign",
}
_COLORS: Final = {"google": "#4285F4", "meta": "#0866FF", "total": "#555555"}


def svg_charts(report: Report) -> dict[str, str]:
    """Chart id → SVG markup (an empty chart says "no data")."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: smaller, selectable
    currency = report.currency
    return {
        "chart-spend": _daily(report, lambda t: t.spend, f"Spend ({currency})"),
        "chart-conversions": _daily(report, lambda t: t.conversions, "Conversions"),
        "chart-roas": _by_campaign(report, "roas", "ROAS"),
        "chart-cpa": _by_campaign(report, "cpa", f"CPA ({currency})"),
    }


def _figure() -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(8, 3.2), layout="constrained")


def _svg(figure: Any) -> str:
    out = io.StringIO()
    # No metadata block: no creation date (the same data gives the same file) and no tool URLs.
    figure.savefig(out, format="svg", metadata={"Creator": None, "Date": None, "Format": None, "Type": None})
    text = out.getvalue()
    return text[text.index("<svg") :]  # the markup only, without the XML prolog


def _daily(report: Report, value: Callable[[Totals], Decimal], label: str) -> str:
    figure = _figure()
    axes = figure.subplots()
    platforms = sorted({platform for _, platform in report.daily})
    days = sorted({day for day, _ in report.daily})
    for platform in platforms:
        series = [float(value(report.daily.get((day, platform), Totals()))) for day in days]
        axes.plot(days, series, marker="o", label=platform, color=_COLORS.get(platform))
    axes.set_ylabel(label)
    axes.tick_params(axis="x", labelrotation=45)
    if platforms:
        axes.legend()
    else:
        axes.text(0.5, 0.5, "no data", ha="center", va="center", transform=axes.transAxes)
    return _svg(figure)


def _by_campaign(report: Report, kpi: str, label: str) -> str:
    figure = _figure()
    axes = figure.subplots()
    sides = [line for line in report.lines if line.key[-1] != COMBINED] if report.by == "campaign" else []
    campaigns = sorted({line.key[0] for line in sides})
    platforms = sorted({line.key[1] for line in sides})
    width = 0.8 / max(1, len(platforms))
    for offset, platform in enumerate(platforms):
        values = []
        for campaign in campaigns:
            line = next((x for x in sides if x.key == (campaign, platform)), None)
            number = getattr(line.kpis, kpi) if line is not None else None
            values.append(float(number) if number is not None else 0.0)
        positions = [i + offset * width for i in range(len(campaigns))]
        axes.bar(positions, values, width=width, label=platform, color=_COLORS.get(platform))
    axes.set_xticks([i + width * (len(platforms) - 1) / 2 for i in range(len(campaigns))], campaigns)
    axes.set_ylabel(label)
    if platforms:
        axes.legend()
    else:
        axes.text(
            0.5, 0.5, "no data (report --by campaign)", ha="center", va="center", transform=axes.transAxes
        )
    return _svg(figure)
