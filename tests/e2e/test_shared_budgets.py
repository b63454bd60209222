"""Google shared budgets through the CLI against the sandbox (SQLite and PostgreSQL state): one budget
funding several campaigns, applied, converged, drifted, switched and removed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.resources import Resource
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)

POOL = "campaign_budget/%shared/search-pool@google:google-main"
SPECS = """\
apiVersion: midas/v1
kind: SharedBudget
metadata: {name: search-pool}
spec: {account: google-main, daily: 150.00, currency: USD}
---
apiVersion: midas/v1
kind: Campaign
metadata: {name: shoes}
spec:
  platforms: {google: {account: google-main}}
  objective: traffic
  google: {shared_budget: search-pool}
  targeting: {locations: [US]}
  creatives:
    - name: ad1
      headlines: [Shoes, Great shoes, Cheap shoes]
      descriptions: [Buy shoes now, Free returns]
      final_url: https://shop.example.com/
---
apiVersion: midas/v1
kind: Campaign
metadata: {name: socks}
spec:
  platforms: {google: {account: google-main}, meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00}
  google: {shared_budget: search-pool}
  targeting: {locations: [US]}
  creatives:
    - name: ad1
      headlines: [Socks, Great socks, Cheap socks]
      descriptions: [Buy socks now, Free returns]
      final_url: https://shop.example.com/
"""


def google_live(workspace: Path, kind: str) -> dict[str, Resource]:
    """The live Google objects of ``kind`` (as the connector reads them), by name."""
    connector = ConnectorFactory(load_settings(workspace)).create("google-main")
    return {r.fields["name"]: r for r in connector.read() if r.address.kind == kind}


def google_budgets(workspace: Path) -> set[str]:
    """The names of the budgets the example's own campaigns do not use."""
    return set(google_live(workspace, "campaign_budget")) - {"spring-sale", "brand-awareness"}


def test_one_shared_budget_funds_its_campaigns_converges_and_restores_a_console_edit(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "pool.yaml").write_text(SPECS)
    valid = midas("validate")
    assert valid.code == 0 and "Valid: 4 campaigns, 1 shared budget, 1 budget policy" in valid.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert f"+ {POOL}" in applied.output
    assert midas("plan", "--detailed-exitcode").code == 0

    assert google_budgets(workspace) == {"search-pool"}
    pool = google_live(workspace, "campaign_budget")["search-pool"]
    assert str(pool.address) == POOL and pool.managed and pool.fields["explicitly_shared"] is True
    campaigns = google_live(workspace, "campaign")
    assert campaigns["shoes"].refs["campaign_budget"] == campaigns["socks"].refs["campaign_budget"]
    assert str(campaigns["shoes"].refs["campaign_budget"]) == POOL

    # An edit of the shared amount in the console is one drift finding, restored by one update.
    assert midas("sandbox", "set", "campaign/shoes@google", "budget.amount=99").code == 0
    drift = midas("drift")
    assert drift.code == 2 and drift.output.count(POOL) == 1, drift.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2
    assert "amount_micros: 99000000 (99.00 USD) → 150000000 (150.00 USD)" in plan.output
    assert "Plan: 0 to create, 1 to update" in plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0

    # A new amount in the spec updates the one budget.
    (workspace / "specs" / "pool.yaml").write_text(SPECS.replace("daily: 150.00", "daily: 175.50"))
    changed = midas("apply", "--auto-approve")
    assert changed.code == 0 and "1 applied" in changed.output, changed.output
    assert google_live(workspace, "campaign_budget")["search-pool"].fields["amount_micros"] == 175_500_000


def test_campaigns_switch_between_their_own_and_the_shared_budget_which_goes_only_on_request(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "pool.yaml"
    spec.write_text(SPECS)
    assert midas("apply", "--auto-approve").code == 0

    # shoes gets a budget of its own; the shared budget keeps funding socks.
    spec.write_text(
        SPECS.replace("  google: {shared_budget: search-pool}\n", "  budget: {daily: 10.00}\n", 1)
    )
    moved = midas("apply", "--auto-approve")
    assert moved.code == 0, moved.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert google_budgets(workspace) == {"search-pool", "shoes"}

    # Off the shared budget altogether: without --allow-destroy it stays (unused) ...
    alone = SPECS.split("---\n", 1)[1].replace("  google: {shared_budget: search-pool}\n", "")
    spec.write_text(
        alone.replace("objective: traffic\n", "objective: traffic\n  budget: {daily: 10.00}\n", 1)
    )
    kept = midas("apply", "--auto-approve")
    assert kept.code == 0, kept.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert google_budgets(workspace) == {"search-pool", "shoes", "socks"}
    # ... and --allow-destroy removes it once no campaign uses it.
    destroyed = midas("apply", "--auto-approve", "--allow-destroy")
    assert destroyed.code == 0, destroyed.output
    assert f"- {POOL}" in destroyed.output
    assert google_budgets(workspace) == {"shoes", "socks"}
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_shared_budget_named_like_the_budget_its_campaign_leaves_is_refused_before_any_write(
    midas: Midas, workspace: Path
) -> None:
    shoes = SPECS.split("---\n")[1]
    own = shoes.replace("  google: {shared_budget: search-pool}\n", "  budget: {daily: 10.00}\n")
    (workspace / "specs" / "pool.yaml").write_text(own)
    assert midas("apply", "--auto-approve").code == 0
    named_alike = SPECS.split("---\n")[0].replace("search-pool", "shoes") + "---\n"
    (workspace / "specs" / "pool.yaml").write_text(named_alike + shoes.replace("search-pool", "shoes"))
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1, refused.output
    assert "would take the name 'shoes' of the live budget campaign_budget/shoes@google:google-main" in (
        refused.output
    )
    assert google_budgets(workspace) == {"shoes"}  # nothing was written: the campaign's own budget alone
