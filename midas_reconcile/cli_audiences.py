"""The audience commands of the ``midas`` CLI: ``audiences overlap``, ``audiences sync``, ``audiences list``.

Registered on the ``cli`` group when ``midas_reconcile.cli`` is imported. Parse, call the library
(``AudienceManager``), render. Bad rows of customer lists are reported on stderr by line number and
reason only — never with their values.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from typing import Any

import click

from midas_reconcile.cli import App, cli, pass_app


def _manager(session: Any) -> Any:
    from midas_reconcile.audiences import AudienceManager

    return AudienceManager(session.root, session.store, workspace=session.workspace)


@cli.group()
def audiences() -> None:
    """Audiences (specs/, kind Audience): overlaps and the unified audiences in the state store."""


@audiences.command("overlap")
@click.argument("names", nargs=-1)
@click.option(
    "--campaigns",
    "campaigns",
    is_flag=True,
    help="NAMES are campaigns as PLATFORM:NAME (google:spring-sale meta:spring-sale): their targeting.",
)
@click.option("--sketch", is_flag=True, help="Customer lists: estimate from stored Theta sketches.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def audiences_overlap(app: App, names: Sequence[str], campaigns: bool, sketch: bool, fmt: str) -> None:
    """Overlap of every pair of NAMES: |A|, |B|, |A∩B|, shares, Jaccard, overlap_percentage and
    efficiency_score (customer lists exactly, or --sketch; targeting audiences and --campaigns by a
    population-weighted estimate; formulas in the README)."""
    from midas_reconcile.audiences.render import render_overlaps

    if len(names) < 2:
        raise click.UsageError("name at least two audiences (or campaigns with --campaigns)")
    with app.session() as session:
        manager = _manager(session)
        pairs = list(itertools.combinations(names, 2))
        if campaigns:
            results = [manager.campaign_overlap(a, b) for a, b in pairs]
        else:
            if not sketch:  # fresh stored sketches need no reading
                manager.read_lists(names)
            results = [manager.detect_audience_overlap(a, b, sketch=sketch) for a, b in pairs]
        for name in names:
            if not campaigns and name in manager.loaded_lists():
                _report_bad_rows(manager.keys(name).report)
    click.echo(render_overlaps(results, fmt))


@audiences.command("sync")
@click.option("--no-sketches", is_flag=True, help="Only the unified audience rows; read no customer list.")
@pass_app
def audiences_sync(app: App, no_sketches: bool) -> None:
    """Bring the state store in step with the Audience specs (apply does the rows too). The members reach
    the platforms with `midas plan` / `apply`."""
    with app.session() as session:
        done = _manager(session).sync_audiences(sketches=not no_sketches)
    for label, names in (("created", done.created), ("updated", done.updated), ("removed", done.removed)):
        if names:
            click.echo(f"{label}: {', '.join(names)}")
    for name, members in sorted(done.sketched.items()):
        click.echo(f"sketched {name}: {members:,} member(s)")
    for report in done.reports.values():
        _report_bad_rows(report)
    if not (done.created or done.updated or done.removed or done.sketched):
        click.echo("Unified audiences are in step with the specs.")
    click.echo("Note: the lists' members reach Google and Meta with `midas apply`.", err=True)


@audiences.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def audiences_list(app: App, fmt: str) -> None:
    """The unified audiences recorded in the state store."""
    with app.session(read_only=True) as session:
        rows = session.store.unified_audiences()
    if fmt == "json":
        payload = [
            {
                "audience_id": r.audience_id,
                "name": r.name,
                "kind": r.kind,
                "targeting": r.targeting,
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            for r in rows
        ]
        click.echo(json.dumps(payload, indent=2, sort_keys=True))
        return
    for r in rows:
        click.echo(f"{r.name}: {r.kind}, updated {r.updated_at:%Y-%m-%d %H:%M} UTC")
    if not rows:
        click.echo("No unified audiences recorded (run `midas audiences sync` or `midas apply`).")


def _report_bad_rows(report: Any) -> None:
    for line in report.summary():
        click.echo(f"warning: {line}", err=True)
