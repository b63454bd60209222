"""The adoption commands of the ``midas`` CLI: ``import``, ``mirror``, ``compare``, ``snapshot``, ``restore``.

Registered on the ``cli`` group when ``midas_reconcile.cli`` is imported. Like every command: parse,
call the library (``midas_reconcile.importing``, ``snapshots``), render; no logic here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from midas_reconcile.cli import App, _exit, cli, pass_app


@cli.command("import")
@click.option("--account", required=True, help="Account (from midas.yaml) to import from.")
@click.option("--campaign", "campaigns", multiple=True, help="Campaign id or name to import (repeatable).")
@click.option("--all", "everything", is_flag=True, help="Import every live campaign of the account.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Directory for the YAML files (default: specs/imported/).",
)
@click.option(
    "--link",
    "links",
    multiple=True,
    help="google:ID=meta:ID — import the two as one unified campaign (repeatable).",
)
@click.option(
    "--adopt", is_flag=True, help="Also record the campaigns in the state store and mark them managed."
)
@pass_app
def import_command(
    app: App,
    account: str,
    campaigns: Sequence[str],
    everything: bool,
    out: Path | None,
    links: Sequence[str],
    adopt: bool,
) -> None:
    """Write live campaigns as unified YAML (one file per campaign), verified to compile back exactly.

    Campaigns with the same name on Google and Meta (or linked with --link) become one unified campaign.
    Without --adopt nothing changes on the platforms or in the state store.
    """
    from midas_reconcile.importing.importer import import_campaigns
    from midas_reconcile.render import render_apply_result

    with app.session() as session:
        imported, result = import_campaigns(
            session,
            account,
            campaign_ids=campaigns,
            everything=everything,
            out=out,
            links=links,
            adopt=adopt,
        )
        for campaign in imported:
            sources = ", ".join(f"{p} {i}" for p, _, i in campaign.sources)
            click.echo(f"Imported {campaign.name!r} ({sources}) → {_shown(session.root, campaign.file)}")
        if not imported:
            click.echo("No live campaigns to import.")
        if result is None:
            if imported:
                click.echo("Not adopted: review the files, then run `midas import … --adopt` or apply them.")
            return
        click.echo(render_apply_result(result))
    if not result.ok:
        _exit(1)


def _shown(root: Path, file: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:
        return str(file)
