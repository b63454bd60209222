"""``midas optimize``: the budget optimiser's recommendations, and ``--write`` to put them in the YAML.

Registered on the ``cli`` group when ``midas_reconcile.cli`` is imported. Parse, call the library
(``optimizer.workspace``, ``optimizer.rewrite``), render; no logic here.
"""

from __future__ import annotations

from decimal import Decimal

import click

from midas_reconcile.cli import App, cli, pass_app
from midas_reconcile.optimizer import report, rewrite
from midas_reconcile.optimizer import workspace as optimizer_workspace


@cli.command("optimize")
@click.option("--policy", "policies", multiple=True, help="Only this budget policy (repeatable).")
@click.option("--write", is_flag=True, help="Rewrite the daily budgets of the policies' scope in the YAML.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_app
def optimize(app: App, policies: tuple[str, ...], write: bool, fmt: str) -> None:
    """Recommend daily budgets per budget policy from the stored metrics (see README, Budget optimiser).

    Campaigns with ``budget: {policy: NAME}`` get theirs at plan time; ``--write`` rewrites the ``daily``
    amounts of the campaigns a policy's scope selects, for review in git.
    """
    with app.session(read_only=True) as session:
        items = optimizer_workspace.for_session(
            session, list(policies) or sorted(session.workspace.budget_policies)
        )
        workspace = session.workspace
    edits: list[rewrite.Edit] = []
    skipped: list[str] = []
    if write:
        budgets: dict[str, Decimal] = {}
        for item in items:
            for name, amount in item.budgets_to_write().items():
                split = workspace.campaigns[name].spec.budget.split
                if split is not None and split.by == "amount":
                    skipped.append(f"{name}: split by amount; edit its amounts by hand")
                else:
                    budgets[name] = amount
        edits = rewrite.plan_edits(workspace, budgets)
    click.echo(report.to_json(items) if fmt == "json" else report.to_text(items), nl=False)
    if write:
        changed = [e for e in edits if e.old != e.new]
        files = rewrite.apply_edits(workspace.root, changed)
        out = click.echo if fmt == "text" else lambda text: click.echo(text, err=True)
        for edit in changed:
            out(f"wrote {edit.file}:{edit.line}: {edit.campaign} daily {edit.old} → {edit.new}")
        for note in skipped:
            out(f"not written: {note}")
        out(f"{len(changed)} budget(s) rewritten in {len(files)} file(s); review with git diff")
