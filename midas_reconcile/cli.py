"""The ``midas`` command line: each command parses, calls the library, renders. No logic lives here.

Exit codes (CI-friendly): 0 success / no changes, 2 changes or drift (``plan --detailed-exitcode``,
``drift``), 1 any error — bad input, blocked plan, failed apply, lock held.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NoReturn

import click

from midas_reconcile.cli_params import OutputFile, write_output
from midas_reconcile.errors import MidasError, PlanError, PolicyViolation, StateError

FORMATS = click.Choice(["text", "markdown", "json"])
Format = Literal["text", "markdown", "json"]


@dataclass
class App:
    """Shared CLI context; tests inject connectors or a state URL through it."""

    workspace: Path = Path(".")
    state_url: str | None = None
    connectors: dict[str, Any] = field(default_factory=dict)
    sleep: Callable[[float], None] | None = None
    #: Under ``--format json``: the command's document so far, which a failure prints on stdout with its
    #: ``error`` (CI parses stdout); None: errors go to stderr only.
    json_error: dict[str, Any] | None = None

    def session(self, *, read_only: bool = False) -> Any:
        """The workspace's session; ``read_only`` for commands that only read, which make no state store."""
        from midas_reconcile.session import Session

        return Session(
            self.workspace,
            state_url=self.state_url,
            connectors=self.connectors or None,
            sleep=self.sleep or time.sleep,
            read_only=read_only,
        )


pass_app = click.make_pass_decorator(App, ensure=True)


def _is_tty() -> bool:
    return sys.stdout.isatty()


def _exit(code: int) -> NoReturn:
    raise SystemExit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Workspace directory (holding midas.yaml). Default: the current directory.",
)
@click.option("--state-url", default=None, help="State store URL (overrides midas.yaml and MIDAS_STATE_URL).")
@click.version_option(package_name="midas-reconcile")
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None, state_url: str | None) -> None:
    """MIDAS: Google Ads and Meta Ads as code."""
    app = ctx.ensure_object(App)
    app.json_error = None  # this command's own --format sets it
    if workspace is not None:
        app.workspace = workspace
    if state_url is not None:
        app.state_url = state_url


# -- validate / schema ---------------------------------------------------------------------------
@cli.command()
@pass_app
def validate(app: App) -> None:
    """Check every spec, policy and midas.yaml; exit 0 when valid, 1 with every problem otherwise."""
    from midas_reconcile.compile import compile_workspace

    with app.session(read_only=True) as session:
        compiled = compile_workspace(session.workspace, resolver_for=session.resolver)
        workspace = session.workspace
    counts = {  # (one, several): how many
        ("campaign", "campaigns"): len(workspace.campaigns),
        ("budget policy", "budget policies"): len(workspace.budget_policies),
        ("guardrail", "guardrails"): len(workspace.guardrails),
        ("alert rule", "alert rules"): len(workspace.alert_rules),
    }
    if workspace.shared_budgets:  # Google-only and rare: told when there are some
        shared = {("shared budget", "shared budgets"): len(workspace.shared_budgets)}
        counts = {("campaign", "campaigns"): counts.pop(("campaign", "campaigns")), **shared, **counts}
    click.echo(
        "Valid: "
        + ", ".join(f"{n} {one if n == 1 else several}" for (one, several), n in counts.items())
        + "."
    )
    click.echo(f"Compiles to {len(compiled.resources)} platform resources.")
    for warning in compiled.warnings:
        click.echo(f"Warning: {warning}")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of every spec kind (for yaml-language-server)."""
    from midas_reconcile.spec import json_schema

    click.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


# -- plan / apply --------------------------------------------------------------------------------
def known_accounts(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A click callback: each account an option names is one of midas.yaml's, else a usage error naming
    the option (a midas.yaml that does not load is left for the command to report)."""
    from midas_reconcile.settings import load_settings

    names = [value] if isinstance(value, str) else list(value or ())
    if not names:
        return value
    app = ctx.find_object(App) or App()
    try:
        known = sorted(load_settings(app.workspace).accounts)
    except MidasError:
        return value
    listed = ", ".join(known) or "none: midas.yaml has none"
    for name in names:
        if name not in known:
            raise click.BadParameter(
                f"unknown account {name!r}; expected one of {listed}",
                ctx=ctx,
                param=param,
            )
    return value


class _FormatOption(click.Option):
    """``--format``, knowing the command's JSON document (``document()``: its keys, null), so that a usage
    error click raises before any option is read (an unknown option) still prints it under json."""

    def __init__(self, *args: Any, document: Callable[[], dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document


def _format_option(
    document: Callable[[], dict[str, Any]],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format text|markdown|json``; with json, a failure of the command prints ``document()`` (the
    keys of its JSON document, null) with its ``error`` on stdout. Eager, so that it is known before the
    other options are checked (an unknown ``--account`` is a failure too)."""

    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value == "json":
            ctx.ensure_object(App).json_error = document()
        return value

    return click.option(
        "--format",
        "fmt",
        cls=_FormatOption,
        document=document,
        type=FORMATS,
        default="text",
        show_default=True,
        is_eager=True,
        callback=remember,
    )


def _asked_format(args: Sequence[str]) -> str | None:
    """The last ``--format`` value on a command line click could not parse (the one click would take)."""
    asked = None
    for token, following in zip(args, [*args[1:], None], strict=True):
        if token == "--format" and following is not None:
            asked = following
        elif token.startswith("--format="):
            asked = token.removeprefix("--format=")
    return asked


def _usage_document(error: click.UsageError, args: Sequence[str]) -> dict[str, Any] | None:
    """The JSON document a usage error raised before ``--format`` was read prints, if the command line
    asks for json; None otherwise."""
    command = error.ctx.command if error.ctx is not None else _command_named(args)
    formats = [p for p in command.params if isinstance(p, _FormatOption)] if command is not None else []
    if not formats or _asked_format(args) != "json":
        return None
    return formats[0].document()


def _command_named(args: Sequence[str]) -> click.Command | None:
    """The (sub)command a command line names, for a usage error click raised before it made the command's
    context (an option's value missing at the end of the line)."""
    command: click.Command = cli
    for token in args:
        if not isinstance(command, click.Group):
            break
        command = command.commands.get(token, command)
    return None if command is cli else command


def _render() -> Any:
    from midas_reconcile import render  # imported when used: it weighs on every command's start-up

    return render


def _account_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--account",
        "accounts",
        multiple=True,
        callback=known_accounts,
        help="Limit to this account (repeatable). Default: every account in midas.yaml.",
    )(fn)


@cli.command()
@_account_option
@_format_option(dict)
@click.option("--out", type=OutputFile(), help="Save the plan (JSON) to apply later.")
@click.option("--detailed-exitcode", is_flag=True, help="Exit 0 when no changes, 2 when there are changes.")
@click.option("--allow-destroy", is_flag=True, help="Plan deletes for resources removed from the specs.")
@click.option("--show-unmanaged", is_flag=True, help="List live resources MIDAS does not manage.")
@click.option(
    "--validate-remote",
    is_flag=True,
    help="Also have the platforms check every write (Google Ads validate_only); nothing changes. "
    "Exit 1 if any would be refused.",
)
@pass_app
def plan(
    app: App,
    accounts: Sequence[str],
    fmt: Format,
    out: Path | None,
    detailed_exitcode: bool,
    allow_destroy: bool,
    show_unmanaged: bool,
    validate_remote: bool,
) -> None:
    """Show the changes that would make the platforms match the specs."""
    from midas_reconcile.render import render_plan

    rejected = 0
    with app.session() as session:
        # The live state's fingerprint is only needed by a plan that is saved (or shown as JSON).
        outcome = session.plan(
            accounts, allow_destroy=allow_destroy, fingerprints=out is not None or fmt == "json"
        )
        if validate_remote:
            rejected = _validate_remote(session, outcome.plan)
        click.echo(
            render_plan(
                outcome.plan,
                fmt=fmt,
                color=_is_tty() and fmt == "text",
                show_unmanaged=show_unmanaged,
                currencies=session.currencies(),
            )
        )
    if out is not None:
        write_output(out, outcome.plan.to_json() + "\n")
        click.echo(f"Saved the plan to {out}; apply exactly it with `midas apply {out}`.", err=True)
    if rejected:
        click.echo(f"Error: the platforms would refuse {rejected} change(s); see their warnings.", err=True)
        _exit(1)
    if detailed_exitcode and outcome.blocking():
        click.echo("Error: the plan has violations that block its apply (listed above).", err=True)
        _exit(1)
    if detailed_exitcode and outcome.plan.has_changes:
        _exit(2)


def _validate_remote(session: Any, plan: Any) -> int:
    """Check the plan's writes remotely; each refusal becomes a warning on its change. Returns the count."""
    rejections, unchecked = session.validate_remote(plan)
    by_address = {r.address: r.message for r in rejections}
    for change in plan.changes:
        if change.address in by_address:
            change.warnings.append(f"the platform would refuse this change: {by_address[change.address]}")
    checked = sorted(set(plan.accounts) - set(unchecked))
    if checked:
        click.echo(f"Remote validation of {', '.join(checked)}: {len(rejections)} refusal(s).", err=True)
    if unchecked:
        click.echo(
            f"Not validated remotely (the platform offers no check): {', '.join(unchecked)}.", err=True
        )
    return len(rejections)


@cli.command("apply")
@click.argument("planfile", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_account_option
@click.option("--auto-approve", is_flag=True, help="Apply without asking for confirmation.")
@click.option("--allow-destroy", is_flag=True, help="Delete resources removed from the specs.")
@click.option(
    "--override",
    "overrides",
    multiple=True,
    type=click.Choice(["budget-cap", "budget-change", "deletes", "countries"]),
    help="Lift one kind of guardrail violation for this apply (repeatable).",
)
@_format_option(lambda: _render().apply_document(None, None))
@pass_app
def apply_command(
    app: App,
    planfile: Path | None,
    accounts: Sequence[str],
    auto_approve: bool,
    allow_destroy: bool,
    overrides: Sequence[str],
    fmt: Format,
) -> None:
    """Apply the specs (planning first), or exactly the saved PLANFILE."""
    from midas_reconcile.plan import Plan
    from midas_reconcile.render import apply_document, render_apply_json, render_apply_result, render_plan

    auto_approve = auto_approve or planfile is not None
    if fmt == "json" and not auto_approve:
        # a confirmation prompt would break the one JSON document on stdout
        raise click.UsageError("--format json prints one JSON document: pass --auto-approve (or a PLANFILE)")
    with app.session() as session:
        if planfile is not None:
            if accounts or allow_destroy:
                raise click.UsageError("--account and --allow-destroy are fixed by the saved plan")
            saved = Plan.from_json(planfile.read_text(encoding="utf-8"))
            names = saved.accounts
        else:
            names = session.accounts(accounts)
        with session.locked(names):
            if planfile is not None:
                session.check_fresh(saved)
                outcome = session.outcome_for(saved)
            else:
                outcome = session.plan(names, allow_destroy=allow_destroy, fingerprints=False)
            if fmt == "json":
                app.json_error = apply_document(outcome.plan, None)  # a refusal prints the plan too
                result = None
                if not _nothing_to_apply(outcome, overrides):
                    result = confirm_and_apply(session, outcome, auto_approve=True, overrides=overrides)
                click.echo(render_apply_json(outcome.plan, result))
                if result is None:
                    return
            else:
                click.echo(
                    render_plan(
                        outcome.plan,
                        fmt=fmt,
                        color=_is_tty() and fmt == "text",
                        currencies=session.currencies(),
                    )
                )
                if _nothing_to_apply(outcome, overrides):
                    return
                result = confirm_and_apply(session, outcome, auto_approve=auto_approve, overrides=overrides)
                click.echo(render_apply_result(result, fmt=fmt))
    if not result.ok:
        _exit(1)


def confirm_and_apply(
    session: Any,
    outcome: Any,
    *,
    auto_approve: bool,
    overrides: Sequence[str],
    fmt: Format | None = None,
) -> Any:
    """Ask (unless ``auto_approve``) and apply a plan, showing progress; the caller holds the locks.
    With ``fmt`` the plan is rendered first, and the result after; None when there was nothing to do."""
    from midas_reconcile.render import render_apply_result, render_plan

    if fmt is not None:
        click.echo(render_plan(outcome.plan, fmt=fmt, color=_is_tty(), currencies=session.currencies()))
        if _nothing_to_apply(outcome, overrides):
            return None
    if not auto_approve:
        if not sys.stdin.isatty():
            raise click.UsageError("not a terminal: pass --auto-approve to apply without confirmation")
        click.confirm("Apply these changes?", abort=True)
    progress = _Progress(enabled=_is_tty())
    result = session.apply(outcome, overrides=overrides, on_event=progress)
    progress.close()
    if fmt is not None:
        click.echo(render_apply_result(result))
    return result


def _nothing_to_apply(outcome: Any, overrides: Sequence[str]) -> bool:
    """Whether the plan changes nothing. Raises ``PolicyViolation`` if something blocks it all the same: a
    conflict (a marked object MIDAS has no record of) hides the changes it stands for."""
    if outcome.plan.has_changes:
        return False
    blocking = outcome.blocking(overrides)
    if blocking:
        raise PolicyViolation(blocking)
    return True


class _Progress:
    """A progress bar on a TTY; plain log lines (on stderr) otherwise."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None

    def __call__(self, event: Any) -> None:
        if not self.enabled:
            if event.kind != "batch_start":
                click.echo(f"apply: {event.account}: {event.message}", err=True)
            return
        if self._bar is None and event.total:
            self._bar = click.progressbar(length=event.total, label="Applying", file=sys.stderr)
            self._bar.__enter__()
        if self._bar is not None and event.kind == "batch_done":
            self._bar.update(event.done - self._bar.pos)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


# -- drift ---------------------------------------------------------------------------------------
@cli.command()
@_account_option
@_format_option(dict)
@pass_app
def drift(app: App, accounts: Sequence[str], fmt: Format) -> None:
    """Report out-of-band changes since MIDAS last applied; exit 2 when there is drift."""
    from midas_reconcile.render import render_drift

    with app.session() as session:
        report = session.drift(accounts)
        currencies = session.currencies()
    click.echo(render_drift(report, fmt=fmt, color=_is_tty() and fmt == "text", currencies=currencies))
    if report.has_drift:
        _exit(2)


# -- state ---------------------------------------------------------------------------------------
@cli.group()
def state() -> None:
    """Inspect and repair the state store."""


@state.command("list")
@_account_option
@pass_app
def state_list(app: App, accounts: Sequence[str]) -> None:
    """List the resources MIDAS manages, with their platform ids."""
    with app.session(read_only=True) as session:
        recorded = session.store.recorded(session.accounts(accounts))
    for address in sorted(recorded, key=lambda a: a.sort_key()):
        click.echo(f"{address}  id={recorded[address].platform_id}")


@state.command("runs")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@pass_app
def state_runs(app: App, limit: int) -> None:
    """Show the latest plan / apply / drift runs."""
    with app.session(read_only=True) as session:
        for run in session.store.runs(limit):
            click.echo(
                f"#{run.id} {run.kind:<6} {run.status or 'running':<8} {run.started_at:%Y-%m-%d %H:%M:%S} "
                f"{run.actor} {','.join(run.accounts)}"
            )


@state.command("verify")
@pass_app
def state_verify(app: App) -> None:
    """Verify the audit log's hash chain; exit 1 if it was tampered with."""
    with app.session(read_only=True) as session:
        problems = session.store.verify_audit()
    if problems:
        for problem in problems:
            click.echo(f"✗ {problem}")
        _exit(1)
    click.echo("✓ audit chain intact")


@state.command("unlock")
@click.argument("account", callback=known_accounts)
@click.option(
    "--force", is_flag=True, required=True, help="Required: break the lock even if its holder lives."
)
@pass_app
def state_unlock(app: App, account: str, force: bool) -> None:
    """Break the write lock of ACCOUNT (for a stale lock left by a stuck apply)."""
    with app.session() as session:
        session.accounts([account])
        holder = session.store.lock_holder(account)
        broken = session.store.break_lock(account)
        if broken:
            session.store.audit(
                "unlock", session.actor, {"account": account, "holder": getattr(holder, "holder", "")}
            )
    click.echo(f"Broke the lock of {account}." if broken else f"{account} was not locked.")


# -- sandbox -------------------------------------------------------------------------------------
@cli.group()
def sandbox() -> None:
    """Edit the embedded simulated platforms out of band, as a person in the console would."""


def _sandbox(app: App) -> tuple[Any, dict[str, tuple[str, str, str]]]:
    world, accounts, _ = _sandbox_settings(app)
    return world, accounts


def _sandbox_settings(app: App) -> tuple[Any, dict[str, tuple[str, str, str]], Any]:
    """The sandbox world, its accounts (name → platform, native id, currency) and the settings."""
    from midas_reconcile.connectors.factory import ConnectorFactory
    from midas_reconcile.settings import load_settings

    settings = load_settings(app.workspace.resolve())
    accounts = {
        name: (str(a.platform), str(a.customer_id if a.platform == "google" else a.ad_account_id), a.currency)
        for name, a in settings.accounts.items()
        if a.connector == "sandbox"
    }
    return ConnectorFactory(settings).sandbox_world(), accounts, settings


def _recorded_audiences(url: str, accounts: Sequence[str]) -> set[tuple[str, str]] | None:
    """(platform, id) of the audiences the state at ``url`` records for ``accounts``: MIDAS's own, which
    carry no marker on the platforms. Empty when there is no state yet; None, with a warning, when the
    state store cannot be read (the listing goes on without it)."""
    from midas_reconcile.audiences.lifecycle import is_audience
    from midas_reconcile.store import StateStore

    try:
        store = StateStore.open_existing(url)
        if store is None:
            return set()
        with store:
            recorded = store.recorded(accounts, with_fields=False)
    except StateError as exc:
        click.echo(f"Warning: whether MIDAS manages the audiences is unknown (?): {exc}", err=True)
        return None
    return {(a.platform, str(r.platform_id)) for a, r in recorded.items() if is_audience(a)}


def _recorded_ad_paths(
    url: str, accounts: Mapping[str, tuple[str, str, str]], address: str
) -> dict[str, dict[str, str]]:
    """For a Google ad's ``address``: per Google account, ad id → the path MIDAS recorded it at (Google
    keeps no name for most ads, and a Demand Gen ad's never changes; the console finds them at MIDAS's
    addresses). Empty for other addresses and when there is no state yet; with a warning when the state
    store cannot be read (the ad is then found at its id only)."""
    from midas_reconcile.ad_names import AD_KIND
    from midas_reconcile.resources import GOOGLE
    from midas_reconcile.store import StateStore

    if not address.startswith(f"{AD_KIND}/") or "@google" not in address:
        return {}
    try:
        store = StateStore.open_existing(url)
        if store is None:
            return {}
        with store:
            return {
                name: store.recorded_paths(name, GOOGLE, AD_KIND)
                for name, (platform, _, _) in accounts.items()
                if platform == GOOGLE
            }
    except StateError as exc:
        click.echo(f"Warning: the ads MIDAS recorded are unknown (address ads by id): {exc}", err=True)
        return {}


@sandbox.command("set")
@click.argument("address")
@click.argument("assignments", nargs=-1, required=True)
@pass_app
def sandbox_set(app: App, address: str, assignments: Sequence[str]) -> None:
    """Set FIELD=VALUE on ADDRESS, e.g. `campaign/spring-sale@google budget.amount=80`."""
    from midas_reconcile.connectors.sandbox import set_field

    pairs: dict[str, str] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: expected FIELD=VALUE", param_hint="ASSIGNMENTS")
        pairs[key] = value
    world, accounts, settings = _sandbox_settings(app)
    ad_paths = _recorded_ad_paths(app.state_url or settings.state_url, accounts, address)
    set_field(world, accounts, address, pairs, ad_paths)
    click.echo(f"Set {', '.join(pairs)} on {address}.")


@sandbox.command("delete")
@click.argument("address")
@pass_app
def sandbox_delete(app: App, address: str) -> None:
    """Delete ADDRESS on the simulated platform (out of band)."""
    from midas_reconcile.connectors.sandbox import delete_object

    world, accounts, settings = _sandbox_settings(app)
    ad_paths = _recorded_ad_paths(app.state_url or settings.state_url, accounts, address)
    delete_object(world, accounts, address, ad_paths)
    click.echo(f"Deleted {address}.")


@sandbox.command("subdivide")
@click.argument("address")
@click.argument("dimension")
@click.argument("units", nargs=-1)
@click.option(
    "--others", required=True, help="the everything-else unit: a max CPC, include (no bid) or exclude"
)
@pass_app
def sandbox_subdivide(app: App, address: str, dimension: str, units: Sequence[str], others: str) -> None:
    """Split the product group unit at ADDRESS by DIMENSION into VALUE=BID|include|exclude units and the
    everything-else unit, as the Google Ads UI's "+" does, e.g.
    `ad_group_criterion/shop/shoes/listing_group:all-products@google brand acme=0.80 --others 0.40`
    (`include`: a unit without a bid, as a Demand Gen ad group's product filter has)."""
    from midas_reconcile.connectors.sandbox import subdivide_product_group

    split: dict[str | None, str] = {}
    for item in units:
        value, sep, bid = item.partition("=")
        if not sep or not value or not bid:
            raise click.BadParameter(
                f"{item!r}: expected VALUE=BID, VALUE=include or VALUE=exclude", param_hint="UNITS"
            )
        if value in split:
            raise click.BadParameter(
                f"{value!r} is given twice: expected each value once", param_hint="UNITS"
            )
        split[value] = bid
    split[None] = others
    world, accounts = _sandbox(app)
    subdivide_product_group(world, accounts, address, dimension, split)
    click.echo(f"Subdivided {address} by {dimension}.")


@sandbox.command("add-audience")
@click.argument("account")
@click.argument("name")
@pass_app
def sandbox_add_audience(app: App, account: str, name: str) -> None:
    """Build audience NAME in ACCOUNT's console, as made outside MIDAS (a Google remarketing list, a Meta
    website audience): what an `existing: true` Audience spec targets."""
    from midas_reconcile.connectors.sandbox import add_audience

    world, accounts = _sandbox(app)
    audience_id = add_audience(world, accounts, account, name)
    click.echo(f"Built audience {name!r} in {account} (id {audience_id}).")


@sandbox.command("add-campaign")
@click.argument("account")
@click.argument("name")
@click.option("--channel", required=True, help="advertising_channel_type, e.g. VIDEO or SHOPPING")
@click.option("--daily", required=True, help="its own daily budget, in the account's currency")
@pass_app
def sandbox_add_campaign(app: App, account: str, name: str, channel: str, daily: str) -> None:
    """Build campaign NAME in Google ACCOUNT's console, as made outside MIDAS: a campaign of a channel the
    Google Ads API cannot create (VIDEO), or as the UI leaves it (SHOPPING, HOTEL … without settings)."""
    from midas_reconcile.connectors.sandbox import add_google_campaign

    world, accounts = _sandbox(app)
    campaign_id = add_google_campaign(world, accounts, account, name, channel.upper(), daily)
    click.echo(f"Built {channel.upper()} campaign {name!r} in {account} (id {campaign_id}).")


@sandbox.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def sandbox_list(app: App, fmt: str) -> None:
    """Every object in the simulated accounts, audiences included (with their members)."""
    from midas_reconcile.connectors.sandbox import list_objects

    world, accounts, settings = _sandbox_settings(app)
    objects = list_objects(world, _recorded_audiences(app.state_url or settings.state_url, list(accounts)))
    if fmt == "json":
        click.echo(json.dumps(objects, indent=2, sort_keys=True))
        return
    for obj in objects:
        marker = {True: "managed", False: "-", None: "?"}[obj["managed"]]
        status = obj["status"] if obj["members"] is None else f"{obj['members']} members"
        click.echo(
            f"{obj['platform']:<6} {obj['account']:<14} {obj['kind']:<20} {obj['id']:<22} "
            f"{status:<10} {marker:<8} {obj['name']}"
        )


@sandbox.command("reset")
@pass_app
def sandbox_reset(app: App) -> None:
    """Empty every simulated account."""
    from midas_reconcile.connectors.sandbox import reset

    world, _ = _sandbox(app)
    reset(world)
    click.echo("The sandbox is empty.")


@sandbox.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def sandbox_stats(app: App, fmt: str) -> None:
    """API calls counted per platform, account, call kind and resource type."""
    world, _ = _sandbox(app)
    stats = world.stats()
    click.echo(json.dumps(stats, indent=2, sort_keys=True) if fmt == "json" else _flatten(stats))


def _flatten(value: Any, prefix: str = "") -> str:
    if isinstance(value, dict):
        return "\n".join(
            _flatten(v, f"{prefix}{k} " if prefix or k else "") for k, v in sorted(value.items())
        )
    return f"{prefix.strip()}: {value}"


# Command groups live in their own modules (adoption, audiences, doctor, optimize, performance); importing one
# registers its commands on `cli`.
from midas_reconcile import cli_adopt, cli_audiences, cli_doctor, cli_optimize, cli_performance  # noqa: E402, F401


# -- entry point ---------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None, *, app: App | None = None) -> int:
    """Run the CLI; returns the exit code (0, 1 or 2) instead of leaking click's usage code 2."""
    app = app or App()
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        code = cli.main(args=args, standalone_mode=False, obj=app)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 1
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        if app.json_error is None and isinstance(exc, click.UsageError):
            app.json_error = _usage_document(exc, args)
        _json_error(app, exc)
        return 1
    except (MidasError, PlanError) as exc:
        click.echo(f"Error: {exc}", err=True)
        _json_error(app, exc)
        return 1
    return code if isinstance(code, int) else 0


def _json_error(app: App, error: Exception) -> None:
    """Under ``--format json``, the failure as the command's JSON document on stdout as well."""
    if app.json_error is not None:
        from midas_reconcile.render import render_error_json

        click.echo(render_error_json(error, app.json_error))
