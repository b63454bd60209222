"""The performance commands of the ``midas`` CLI: ``metrics sync``, ``report``, ``alerts check|list|history``.

Registered on the ``cli`` group when ``midas_reconcile.cli`` is imported. Like every command: parse,
call the library (``Session.performance``), render; no logic here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from midas_reconcile.cli import App, _account_option, _exit, _is_tty, cli, pass_app
from midas_reconcile.cli_params import OutputFile, write_output


# -- metrics -------------------------------------------------------------------------------------
@cli.group()
def metrics() -> None:
    """Performance data from the platforms."""


@metrics.command("sync")
@_account_option
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (default: see README).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (default: today, UTC).")
@pass_app
def metrics_sync(app: App, accounts: Sequence[str], start: Any, end: Any) -> None:
    """Pull daily per-campaign metrics into the state store (idempotent; recent days are fetched again)."""
    tty = _is_tty()

    def progress(account: str, first: Any, last: Any) -> None:
        if tty:
            click.echo(f"\r{account}: fetched through {last:%Y-%m-%d}", nl=False, err=True)

    with app.session() as session:
        synced = session.performance.sync_metrics(
            accounts,
            start=start.date() if start else None,
            end=end.date() if end else None,
            on_chunk=progress,
        )
    if tty:
        click.echo("", err=True)
    for item in synced:
        click.echo(f"{item.account}: {item.rows} daily campaign row(s) from {item.start} to {item.end}")


@cli.command("report")
@_account_option
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (with --to).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (default: yesterday, UTC).")
@click.option("--last", "last_days", type=click.IntRange(1, 3660), help="The last N days up to --to.")
@click.option(
    "--by", type=click.Choice(["campaign", "platform", "day"]), default="campaign", show_default=True
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "csv", "html"]),
    default="text",
    show_default=True,
)
@click.option("--campaign", "campaigns", multiple=True, help="Only this unified campaign (repeatable).")
@click.option("--out", type=OutputFile(), help="Write the report to a file.")
@pass_app
def report(
    app: App,
    accounts: Sequence[str],
    start: Any,
    end: Any,
    last_days: int | None,
    by: Any,
    campaigns: Sequence[str],
    fmt: str,
    out: Path | None,
) -> None:
    """Consolidated KPIs of the synced metrics, both platforms side by side, against the previous period."""
    import datetime as dt

    from midas_reconcile.render import render_report

    if start is not None and last_days is not None:
        raise click.UsageError("give --from or --last, not both")
    until = end.date() if end else dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    since = start.date() if start else until - dt.timedelta(days=(last_days or 7) - 1)
    with app.session(read_only=True) as session:
        made = session.performance.report(
            start=since, end=until, by=by, accounts=accounts, campaigns=campaigns
        )
        text = render_report(made, fmt=fmt)
    if out is not None:
        write_output(out, text + "\n")
        click.echo(f"Wrote the report to {out}.", err=True)
    else:
        click.echo(text)


# -- alerts --------------------------------------------------------------------------------------
@cli.group()
def alerts() -> None:
    """Alert rules (policies/, kind AlertRule) on the synced metrics."""


@alerts.command("check")
@click.option("--sync", "sync_first", is_flag=True, help="Run `midas metrics sync` first.")
@click.option("--dry-run", is_flag=True, help="Show what fires; record nothing.")
@pass_app
def alerts_check(app: App, sync_first: bool, dry_run: bool) -> None:
    """Evaluate every rule; exit 2 when something fires, 0 when nothing does."""
    with app.session() as session:
        if sync_first:
            session.performance.sync_metrics()
        findings, notices = session.performance.check_alerts(dry_run=dry_run)
        delivered = [] if dry_run else session.performance.deliver_webhooks()
    for finding in findings:
        click.echo(f"FIRING  [{finding.severity}] {finding.message}")
    for notice in notices:
        channels = ", ".join(notice.channels) or "no channel"
        click.echo(f"notify  {notice.kind}: {notice.message} → {channels}", err=True)
    for channel, error in delivered:
        outcome = "delivered" if error is None else f"not delivered (kept for the next run): {error}"
        click.echo(f"webhook {channel}: {outcome}", err=True)
    if not findings:
        click.echo("No alert fires.")
    if findings:
        _exit(2)


@alerts.command("list")
@pass_app
def alerts_list(app: App) -> None:
    """The alert rules of the workspace."""
    with app.session(read_only=True) as session:
        for name, doc in sorted(session.workspace.alert_rules.items()):
            rule = doc.spec
            channels = ", ".join(rule.channels) or "-"
            click.echo(
                f"{name}: {rule.metric} {rule.operator} {rule.threshold} over {rule.window_days} day(s), "
                f"min {rule.min_impressions} impressions, {rule.severity}, "
                f"cool-down {rule.cooldown_hours} h, channels {channels}"
            )


@alerts.command("history")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@pass_app
def alerts_history(app: App, limit: int) -> None:
    """The latest alert events, newest first."""
    with app.session(read_only=True) as session:
        events = session.store.alert_history(limit)
    for event in events:
        resolved = f" → resolved {event.resolved_at:%Y-%m-%d %H:%M}" if event.resolved_at else ""
        click.echo(
            f"{event.fired_at:%Y-%m-%d %H:%M} {event.status:<8} [{event.severity}] {event.message}{resolved}"
        )
