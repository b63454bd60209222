"""`midas doctor` end to end: exit codes and both formats, on the example workspace (sandbox accounts)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

Midas = Callable[..., Any]


def test_doctor_passes_on_a_working_sandbox_workspace(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    # spring-sale, the Meta account's only campaign, runs from 2027-03-01: a sync of its days stores Meta's
    assert midas("metrics", "sync", "--from", "2027-03-01", "--to", "2027-03-02").code == 0
    text = midas("doctor")
    assert text.code == 0, text.output
    assert "✓ audit chain: every row's hash verifies" in text.output
    assert "✓ google-main endpoint: the sandbox answered a read" in text.output
    assert "- webhooks: no webhooks in midas.yaml" in text.output
    assert "✗" not in text.output
    as_json = midas("doctor", "--format", "json")
    assert as_json.code == 0
    document = json.loads(as_json.output)
    assert document["ok"] is True
    statuses = {check["name"]: check["status"] for check in document["checks"]}
    assert statuses["schema"] == statuses["metrics meta-main"] == "pass"
    assert statuses["meta-main api version"] == "skip"
    assert set(document["checks"][0]) == {"name", "status", "detail", "fix"}


def test_doctor_exits_1_with_a_fix_for_each_failure(midas: Midas, workspace: Path, state_url: str) -> None:
    assert midas("apply", "--auto-approve").code == 0
    engine = sa.create_engine(state_url, poolclass=sa.NullPool)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE audit_log SET actor = 'mallory' WHERE id = 1"))
    engine.dispose()
    settings = yaml.safe_load((workspace / "midas.yaml").read_text())
    settings["webhooks"] = {"ops": {"url_env": "DOCTOR_E2E_UNSET_URL"}}
    (workspace / "midas.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))

    text = midas("doctor")
    assert text.code == 1
    assert "✗ audit chain: audit row 1: content does not match its hash" in text.output
    assert "✗ webhook ops: environment variable DOCTOR_E2E_UNSET_URL not set" in text.output
    assert "    fix: export DOCTOR_E2E_UNSET_URL=…" in text.output

    as_json = midas("doctor", "--format", "json")
    assert as_json.code == 1
    document = json.loads(as_json.output)
    failed = {check["name"]: check for check in document["checks"] if check["status"] == "fail"}
    assert document["ok"] is False and set(failed) == {"audit chain", "webhook ops"}
    assert all(check["fix"] for check in failed.values())
