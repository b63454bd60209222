"""Benchmark ``midas report`` on a year of metrics against a bare SQL aggregate of the same rows.

    python benchmarks/bench_report.py --campaigns 1000 --days 365 [--json]

Fills a fresh SQLite state store with one row per campaign, platform and day (1,000 campaigns on both
platforms for 365 days: 730,000 rows, written through the store's own upsert), then times, in the same
run:

- ``report``: ``Session.performance.report`` over the whole range by campaign, rendered as JSON — what
  ``midas report --format json`` does (its SQL aggregates, the previous period, the daily series, KPIs,
  insights);
- ``bare_aggregate``: one ``SELECT … SUM(…) GROUP BY campaign, platform`` over the same rows, fetched.

Targets (issue #6): ``report`` ≤ 3× ``bare_aggregate``; peak memory ≤ 500 MiB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from midas_reconcile.connectors.base import DailyMetrics
from midas_reconcile.render import render_report
from midas_reconcile.session import Session

MIDAS_YAML = """\
version: 1
accounts:
  google-main: {platform: google, connector: sandbox, customer_id: "1234567890", currency: USD}
  meta-main: {platform: meta, connector: sandbox, ad_account_id: act_1234567890, currency: USD, pixel_id: 1}
"""
ACCOUNTS = {"google": "google-main", "meta": "meta-main"}
FIRST_DAY = dt.date(2025, 1, 1)
CHUNK = 50_000


def rows_for(campaigns: int, days: int) -> Any:
    """Deterministic daily rows, one per campaign, platform and day (generated lazily)."""
    for offset in range(days):
        day = FIRST_DAY + dt.timedelta(days=offset)
        for i in range(campaigns):
            for platform, account in ACCOUNTS.items():
                impressions = 1_000 + (i * 37 + offset * 11) % 5_000
                clicks = impressions // (20 + i % 30)
                spend = Decimal(clicks * (40 + i % 60)) / 100
                conversions = Decimal(clicks // (10 + offset % 15))
                yield DailyMetrics(
                    date=day,
                    platform=platform,
                    account=account,
                    campaign_id=str(10_000_000 + i),
                    campaign_name=f"bench-{i:05d}",
                    impressions=impressions,
                    clicks=clicks,
                    spend=spend,
                    conversions=conversions,
                    conversion_value=conversions * Decimal("42.50"),
                    currency="USD",
                )


def fill(session: Session, campaigns: int, days: int) -> int:
    addresses = {
        (platform, account, str(10_000_000 + i)): f"campaign/bench-{i:05d}@{platform}:{account}"
        for i in range(campaigns)
        for platform, account in ACCOUNTS.items()
    }
    written = 0
    chunk: list[DailyMetrics] = []
    for row in rows_for(campaigns, days):
        chunk.append(row)
        if len(chunk) == CHUNK:
            written += session.store.save_metrics(chunk, addresses)
            chunk = []
    if chunk:
        written += session.store.save_metrics(chunk, addresses)
    return written


def bare_aggregate(url: str, start: dt.date, end: dt.date) -> int:
    engine = sa.create_engine(url)
    query = sa.text(
        "SELECT campaign_address, platform, currency, SUM(impressions), SUM(clicks), SUM(spend_micros), "
        "SUM(conversions_micros), SUM(conversion_value_micros) FROM metrics_daily "
        "WHERE day BETWEEN :start AND :end GROUP BY campaign_address, platform, currency"
    )
    with engine.connect() as connection:
        rows = connection.execute(query, {"start": start, "end": end}).all()
    engine.dispose()
    return len(rows)


def run(campaigns: int, days: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="midas-bench-report-") as tmp:
        root = Path(tmp)
        (root / "specs").mkdir()
        (root / "midas.yaml").write_text(MIDAS_YAML)
        url = f"sqlite:///{root}/.midas/state.db"
        session = Session(root, state_url=url, actor="bench")
        started = time.perf_counter()
        written = fill(session, campaigns, days)
        fill_s = time.perf_counter() - started
        start, end = FIRST_DAY, FIRST_DAY + dt.timedelta(days=days - 1)

        started = time.perf_counter()
        groups = bare_aggregate(url, start, end)
        bare_s = time.perf_counter() - started

        started = time.perf_counter()
        report = session.performance.report(start=start, end=end, by="campaign")
        text = render_report(report, fmt="json")
        report_s = time.perf_counter() - started
        session.close()
    return {
        "campaigns": campaigns,
        "days": days,
        "rows": written,
        "groups": groups,
        "report_lines": len(report.lines),
        "report_bytes": len(text),
        "timings_s": {
            "fill": round(fill_s, 2),
            "bare_aggregate": round(bare_s, 3),
            "report": round(report_s, 3),
        },
        "report_vs_bare_aggregate": round(report_s / bare_s, 2) if bare_s else None,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--campaigns", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    report = run(args.campaigns, args.days)
    print(json.dumps(report, sort_keys=True) if args.json else json.dumps(report, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
