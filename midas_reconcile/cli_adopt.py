"""The adoption commands of the ``midas`` CLI: ``import``, ``mirror``, ``compare``, ``snapshot``, ``restore``.

Registered on the ``cli`` group when ``midas_reconcile.cli`` is imported. Like every command: parse,
call the library (``midas_reconcile.importing``, ``snapshots``), render; no logic here.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from pathlib import Path

import click

from midas_reconcile.cli import App, _exit, cli, known_accounts, pass_app
from midas_reconcile.cli_params import SHARE
from midas_reconcile.errors import MidasError
from midas_reconcile.importing.render import shown_path


@cli.command("import")
@click.option(
    "--account", required=True, callback=known_accounts, help="Account (from midas.yaml) to import from."
)
@click.option("--campaign", "campaigns", multiple=True, help="Campaign id or name to import (repeatable).")
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Import every live campaign of the account (those that cannot be imported exactly are skipped and "
    "listed, except any also named by --campaign or --link, which must import exactly).",
)
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

    with app.session(read_only=True) as session:  # --adopt makes the store once it records
        outcome = import_campaigns(
            session,
            account,
            campaign_ids=campaigns,
            everything=everything,
            out=out,
            links=links,
            adopt=adopt,
        )
        imported, result = outcome.campaigns, outcome.adoption
        for campaign in imported:
            sources = ", ".join(f"{p} {i}" for p, _, i in campaign.sources)
            verb = "Imported" if campaign.text is not None else "Adopted"
            what = "shared budget " if campaign.kind == "SharedBudget" else ""
            click.echo(
                f"{verb} {what}{campaign.name!r} ({sources}) → {shown_path(session.root, campaign.file)}"
            )
            for name, file in campaign.audiences:
                shown = shown_path(session.root, file)
                click.echo(f"  targets {name!r}, built outside MIDAS: existing audience → {shown}")
            for name, platform, found_on, file in campaign.extended:
                shown = shown_path(session.root, file)
                click.echo(
                    f"  targets {name!r}, built outside MIDAS, on {platform} account {found_on} too: "
                    f"added to its existing audience → {shown}"
                )
        for skipped in outcome.skipped:
            sources = ", ".join(f"{p} {i}" for p, _, i in skipped.sources)
            click.echo(f"Skipped {skipped.name!r} ({sources}):")
            for reason in skipped.reasons:
                click.echo(f"  - {reason}")
        for known, names in (
            ("Already in the specs, not written again", outcome.specified),
            ("Already managed by MIDAS", outcome.managed),
        ):
            if names:
                click.echo(f"{known}: {', '.join(repr(name) for name in names)}.")
        if not imported and not outcome.specified and not outcome.managed:
            click.echo("No live campaigns to import.")
        if result is None:
            if imported:
                click.echo(
                    "Not adopted: review and commit the files, then adopt them as they are with "
                    f"`midas import --account {account} --campaign NAME … --adopt`."
                )
            return
        for note in outcome.guardrails:
            click.echo(f"Adopted as it runs, against a guardrail: {note}")
        click.echo(render_apply_result(result))
    if not result.ok:
        _exit(1)


# -- snapshots -----------------------------------------------------------------------------------
@cli.group(invoke_without_command=True)
@click.option(
    "--account",
    "accounts",
    multiple=True,
    callback=known_accounts,
    help="Limit to this account (repeatable; default: all).",
)
@click.option("--name", default=None, help="Snapshot name (default: snapshot-<UTC time>).")
@click.pass_context
def snapshot(ctx: click.Context, accounts: Sequence[str], name: str | None) -> None:
    """Store the live state of the managed resources in the state store (see `snapshot list|show`)."""
    if ctx.invoked_subcommand is not None:
        return
    from midas_reconcile.snapshots import check_name, take

    if name is not None:
        try:
            check_name(name)
        except MidasError as error:
            raise click.UsageError(
                f"--name: {error}; give the snapshot another name, or leave --name out"
            ) from None

    app = ctx.ensure_object(App)
    with app.session() as session:
        record = take(session, accounts, name)
    click.echo(
        f"Snapshot {record.name!r}: {record.resource_count} resources of {', '.join(record.accounts)} "
        f"at {record.created_at:%Y-%m-%d %H:%M:%S} UTC (sha256 {record.content_hash[:12]})"
    )


@snapshot.command("list")
@pass_app
def snapshot_list(app: App) -> None:
    """Every snapshot, oldest first."""
    with app.session(read_only=True) as session:
        records = session.store.snapshots()
    if not records:
        click.echo("No snapshots (run `midas snapshot`).")
    for r in records:
        click.echo(
            f"{r.name}  {r.created_at:%Y-%m-%d %H:%M:%S} UTC  {r.resource_count:>6} resources  "
            f"{', '.join(r.accounts)}  sha256 {r.content_hash[:12]}  by {r.actor}"
        )


@snapshot.command("delete")
@click.argument("names", metavar="NAME...", nargs=-1, required=True)
@pass_app
def snapshot_delete(app: App, names: Sequence[str]) -> None:
    """Delete snapshots by name (all or none: an unknown name deletes nothing); recorded in the audit log."""
    # Read-only: with no state store yet, there is no snapshot to delete, and the refusal makes none.
    with app.session(read_only=True) as session:
        session.store.delete_snapshots(list(dict.fromkeys(names)), session.actor)
    click.echo(f"Deleted {_snapshots(len(set(names)))}: {', '.join(dict.fromkeys(names))}.")


@snapshot.command("prune")
@click.option("--keep", type=click.IntRange(min=1), default=None, help="Keep the N newest snapshots.")
@click.option(
    "--older-than",
    "older_than",
    type=click.IntRange(min=1),
    default=None,
    metavar="DAYS",
    help="Delete snapshots taken more than DAYS days ago.",
)
@click.option("--dry-run", is_flag=True, help="List what would be deleted; delete nothing.")
@pass_app
def snapshot_prune(app: App, keep: int | None, older_than: int | None, dry_run: bool) -> None:
    """Delete the snapshots a retention rule lets go: all but the --keep newest, those --older-than DAYS,
    or, with both, those beyond the newest N that are also older than DAYS."""
    import datetime as dt

    from midas_reconcile.snapshots import prunable

    if keep is None and older_than is None:
        raise click.UsageError("give --keep N, --older-than DAYS or both: the rule that says what to delete")
    with app.session(read_only=True) as session:  # with no state store yet, none is doomed
        doomed = prunable(
            session.store.snapshots(),
            keep=keep,
            older_than=dt.timedelta(days=older_than) if older_than is not None else None,
            now=session.store.now(),
        )
        if doomed and not dry_run:
            session.store.delete_snapshots([r.name for r in doomed], session.actor)
    if not doomed:
        click.echo("No snapshots to delete.")
        return
    click.echo(f"{'Would delete' if dry_run else 'Deleted'} {_snapshots(len(doomed))}:")
    for r in doomed:
        click.echo(f"  {r.name}  {r.created_at:%Y-%m-%d %H:%M:%S} UTC")


def _snapshots(count: int) -> str:
    return f"{count} snapshot{'' if count == 1 else 's'}"


@snapshot.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def snapshot_show(app: App, name: str, fmt: str) -> None:
    """One snapshot: its resources (text: one line each; json: every field)."""
    import json

    from midas_reconcile import snapshots

    with app.session(read_only=True) as session:
        record = session.store.snapshot(name)
    resources = [data for data in record.resources if not data.get(snapshots.LEFT_ALONE)]
    # What MIDAS left alone then is no resource of the snapshot: its notes are shown apart.
    notes = [{"address": str(a), "platform_id": i} for a, i in snapshots.left_alone_of(record).items()]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "name": record.name,
                    "accounts": record.accounts,
                    "created_at": record.created_at.isoformat(),
                    "actor": record.actor,
                    "content_hash": record.content_hash,
                    "resources": resources,
                    "left_alone": notes,
                },
                indent=2,
                default=str,
            )
        )
        return
    noted = f", {len(notes)} noted left alone" if notes else ""
    click.echo(f"Snapshot {record.name!r} ({len(resources)} resources{noted}, sha256 {record.content_hash})")
    for resource in resources:
        click.echo(f"  {resource['address']}  id {resource.get('platform_id')}")
    for note in notes:
        click.echo(f"  {note['address']}  id {note['platform_id']}  (left alone: a console's)")


@cli.command()
@click.argument("name")
@click.option(
    "--write-specs", is_flag=True, help="Rewrite the YAML to match the snapshot instead of applying."
)
@click.option("--auto-approve", is_flag=True, help="Apply without asking for confirmation.")
@click.option(
    "--allow-destroy", is_flag=True, help="Delete what was made since the snapshot (default: pause)."
)
@click.option(
    "--override",
    "overrides",
    multiple=True,
    type=click.Choice(["budget-cap", "budget-change", "deletes", "countries"]),
    help="Lift one kind of guardrail violation for this restore (repeatable).",
)
@pass_app
def restore(
    app: App, name: str, write_specs: bool, auto_approve: bool, allow_destroy: bool, overrides: Sequence[str]
) -> None:
    """Return the managed resources to snapshot NAME: a plan through the usual guardrails, applied after
    confirmation; or, with --write-specs, the YAML rewritten for review in git."""
    from midas_reconcile import snapshots
    from midas_reconcile.cli import confirm_and_apply

    if write_specs:
        given = {"--auto-approve": auto_approve, "--allow-destroy": allow_destroy, "--override": overrides}
        applying = [option for option, value in given.items() if value]
        if applying:
            raise click.UsageError(
                f"{applying[0]} applies a restore; --write-specs applies nothing (drop one)"
            )
    # Read-only until the snapshot is found: a name no store holds (none made yet) makes none.
    with app.session(read_only=True) as session:
        if write_specs:
            written = snapshots.write_specs(session, name)
            for file in written.files:
                replaced = written.replaced.get(file)
                instead = f" in place of the spec there: {replaced}" if replaced else ""
                click.echo(f"Wrote {shown_path(session.root, file)}{instead}")
            for file, why in written.removed.items():
                click.echo(f"Removed {shown_path(session.root, file)}: {why}")
            if written.matching:
                click.echo(f"Already as in snapshot {name!r}, left untouched: {', '.join(written.matching)}")
            for note in written.notes:
                click.echo(f"Note: {note}")
            if written.files or written.removed:
                click.echo("Review the diff, commit, then `midas plan` / `midas apply`.")
            else:
                click.echo("Nothing written.")
            return
        record = snapshots.restorable(session, name)
        session.make_store()
        with session.locked(record.accounts):
            outcome = snapshots.restore_plan(session, record, allow_destroy=allow_destroy)
            result = confirm_and_apply(
                session, outcome, fmt="text", auto_approve=auto_approve, overrides=overrides
            )
    if result is None:
        return
    if not result.ok:
        _exit(1)  # the apply's failures are printed: it did not restore
    click.echo(
        "Restored. Where the specs differ from the snapshot, the next `midas apply` undoes this: "
        "make the specs match with `midas restore NAME --write-specs`."
    )


def _campaign_name(address: str) -> str:
    """``campaign/NAME`` (or just NAME) → NAME."""
    return address.split("/", 1)[1] if address.startswith("campaign/") else address


# -- mirror / compare ----------------------------------------------------------------------------
@cli.command()
@click.argument("campaign")
@click.option("--to", "to", required=True, type=click.Choice(["google", "meta"]), help="The platform to add.")
@click.option(
    "--account", default=None, help="Account on that platform (default: its only one in midas.yaml)."
)
@click.option(
    "--split", type=SHARE, default=None, help="The new platform's share of the budget (between 0 and 1)."
)
@click.option("--policy", default=None, help="Take the budget from this BudgetPolicy instead.")
@click.option("--dry-run", is_flag=True, help="Print the YAML diff; write nothing.")
@pass_app
def mirror(
    app: App,
    campaign: str,
    to: str,
    account: str | None,
    split: decimal.Decimal | None,
    policy: str | None,
    dry_run: bool,
) -> None:
    """Edit campaign/NAME's spec to run on the other platform as well (review the diff, then plan/apply)."""
    from midas_reconcile.mirror import mirror_campaign

    with app.session(read_only=True) as session:
        result = mirror_campaign(
            session,
            _campaign_name(campaign),
            to,
            account=account,
            split=split,
            policy=policy,
            write=not dry_run,
        )
        click.echo(result.diff(shown_path(session.root, result.file)), nl=False)
    for warning in result.warnings:
        click.echo(f"fidelity: {warning}")
    for item in result.attention:
        click.echo(f"needs attention: {item}")
    for note in result.notes:
        click.echo(f"note: {note}")
    if dry_run:
        click.echo("Dry run: nothing written.")
    else:
        click.echo(f"Wrote {shown_path(session.root, result.file)}: review it, then `midas plan`.")


@cli.command()
@click.argument("campaign")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def compare(app: App, campaign: str, fmt: str) -> None:
    """The Google and Meta live versions of campaign/NAME side by side, with the targeting similarity."""
    from midas_reconcile.compare import compare_campaign, render_comparison

    with app.session(read_only=True) as session:
        click.echo(render_comparison(compare_campaign(session, _campaign_name(campaign)), fmt))
