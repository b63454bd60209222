"""``midas doctor``: the health check command. Registered on the ``cli`` group when ``midas_reconcile.cli``
is imported; the checks live in ``midas_reconcile.doctor``."""

from __future__ import annotations

import click

from midas_reconcile.cli import App, _exit, cli, pass_app


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(0.1, 600),
    default=10.0,
    show_default=True,
    help="Seconds each network check may take.",
)
@pass_app
def doctor(app: App, fmt: str, timeout_s: float) -> None:
    """Check the installation, workspace, state store, accounts and webhooks; exit 1 if any check fails."""
    from midas_reconcile.doctor import run_checks

    report = run_checks(
        app.workspace, state_url=app.state_url, connectors=app.connectors or None, timeout_s=timeout_s
    )
    click.echo(report.to_json() if fmt == "json" else report.to_text())
    if not report.ok:
        _exit(1)
