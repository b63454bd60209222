"""Audiences built outside MIDAS (``existing: true``): campaigns target them by the id their name has on
each account; MIDAS never creates, changes, deletes or marks them (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_audience_targeting import audience, write_workspace

from midas_reconcile.errors import SpecError
from midas_reconcile.spec import load_workspace


def existing(
    name: str, platforms: str = "google: {account: google-main}\n    meta: {account: meta-main}"
) -> str:
    return (
        f"apiVersion: midas/v1\nkind: Audience\nmetadata: {{name: {name}}}\nspec:\n"
        f"  existing: true\n  platforms:\n    {platforms}\n"
    )


#: The campaign targets ``vip`` (built outside MIDAS) and excludes ``churned`` (a customer list).
AUDIENCES = existing("vip") + "---\n" + audience("churned")


def spec_issues(root: Path) -> list[Any]:
    with pytest.raises(SpecError) as caught:
        load_workspace(root, env={})
    return caught.value.issues


# --- validation ------------------------------------------------------------------------------------


def test_a_campaign_may_target_an_existing_audience_on_the_accounts_it_lists(tmp_path: Path) -> None:
    workspace = load_workspace(write_workspace(tmp_path / "ws", audiences=AUDIENCES), env={})
    assert workspace.audiences["vip"].spec.existing
    assert workspace.campaigns["loyal"].spec.targeting.audiences == ["vip"]


def test_an_existing_audience_not_found_on_the_campaigns_account_is_refused(tmp_path: Path) -> None:
    only_google = existing("vip", "google: {account: google-main}") + "---\n" + audience("churned")
    (issue,) = spec_issues(write_workspace(tmp_path / "ws", audiences=only_google))
    assert (issue.file, issue.line, issue.field) == ("specs/loyal.yaml", 12, "spec.targeting.audiences[0]")
    assert "audience 'vip' is not found on meta account 'meta-main'" in issue.message
