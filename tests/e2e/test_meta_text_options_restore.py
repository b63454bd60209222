"""Restoring a Meta creative of a console's text feed: a snapshot taken before MIDAS held text options (the
texts stored as ``asset_feed_unheld``) restores as one taken since; a feed whose texts would be more than Meta
takes with the story's folded in is sent as it ran live; a feed restating the story's one text is no
option (plans no changes)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.meta_fixtures import META_ACCOUNT_ID

from midas_reconcile.connectors.sandbox import set_field
from midas_reconcile.resources import META
from midas_reconcile.store import StateStore
from tests.e2e.test_meta_text_options import OPTIONS, SPRING, _applied, _creatives

#: What this module tests is not the state store's backends (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
SHOES: Final = "adcreative/spring-sale/runners/spring-shoes@meta"
SHOES_AD: Final = "ad/spring-sale/runners/spring-shoes@meta"
SHOES_BODY: Final = "Spring into your best run with up to 40% off running shoes."
ACCOUNTS: Final = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
TEXTS: Final = {"bodies": [{"text": "Second primary text"}], "optimization_type": "DEGREES_OF_FREEDOM"}
FIVE: Final = {
    "bodies": [{"text": f"Body {i}"} for i in range(1, 6)],
    "optimization_type": "DEGREES_OF_FREEDOM",
}
PLAIN: Final = OPTIONS.replace(
    "      meta:\n        text_options: true\n"
    "        primary_texts: [Up to 40% off running shoes., New colours are in.]\n",
    "",
)


def _shoes(workspace: Path) -> dict[str, Any]:
    [creative] = [c for c in _creatives(workspace) if c["name"] == "spring-sale/runners/spring-shoes"]
    return creative


def _as_taken_before_text_options(state_url: str, name: str, old: str) -> None:
    """Snapshot ``name`` saved again as ``old``, its Meta creatives' texts stored as MIDAS stored a console's
    text feed before it held text options: in ``asset_feed_unheld``, by path."""
    with StateStore.open(state_url) as store:
        record = store.snapshot(name)
        resources = json.loads(json.dumps(record.resources))
        for data in resources:
            options = data.get("fields", {}).pop("text_options", None)
            if options:
                data["fields"]["asset_feed_unheld"] = {
                    **{f"asset_feed_spec.{k}": [{"text": t} for t in v] for k, v in options.items()},
                    "asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM",
                }
        assert any("asset_feed_unheld" in d.get("fields", {}) for d in resources), resources
        store.save_snapshot(dataclasses.replace(record, name=old, resources=resources))


def test_a_snapshot_taken_before_text_options_restores_an_unchanged_console_text_feed_as_no_change(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", SHOES, f"asset_feed_spec={json.dumps(TEXTS)}").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    _as_taken_before_text_options(state_url, "s", "old")
    restored = midas("restore", "old", "--auto-approve")  # refreshes the record (as of snapshot "s")
    assert restored.code == 0 and "0 to replace" in restored.output, restored.output
    assert "runs without them" not in restored.output, restored.output
    assert _shoes(workspace)["asset_feed_spec"] == TEXTS
    again = midas("restore", "old")
    assert again.code == 0 and "No changes" in again.output, again.output


def test_restore_write_specs_of_a_snapshot_taken_before_text_options_opts_the_creative_in(
    midas: Midas, workspace: Path, bare: Path, state_url: str
) -> None:
    _applied(midas, workspace, PLAIN)
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(TEXTS)}").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    _as_taken_before_text_options(state_url, "s", "old")
    spec = workspace / "specs" / "options.yaml"
    written = midas("restore", "old", "--write-specs")
    assert written.code == 0, written.output
    assert "MIDAS never sends" not in written.output, written.output
    [creative] = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["creatives"]
    assert creative["meta"] == {"text_options": True, "primary_texts": ["Second primary text"]}, creative


def test_a_restore_sends_five_console_bodies_beside_the_story_s_own_as_they_ran(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", SHOES, f"asset_feed_spec={json.dumps(FIVE)}").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    for address in (SHOES_AD, SHOES):
        assert midas("sandbox", "delete", address).code == 0
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    live = _shoes(workspace)
    assert live["object_story_spec"]["link_data"]["message"] == SHOES_BODY, live
    assert live["asset_feed_spec"]["bodies"] == FIVE["bodies"], live
    again = midas("restore", "s")
    assert "No changes" in again.output, again.output
    assert midas("drift").code == 0


def test_a_restore_through_the_sdk_sends_five_console_bodies_beside_the_story_s_own(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    address = f"{SHOES}:meta-main"
    set_field(meta_fake.world, ACCOUNTS, address, {"asset_feed_spec": json.dumps(FIVE)})
    assert midas("snapshot", "--name", "s").code == 0
    set_field(meta_fake.world, ACCOUNTS, address, {"asset_feed_spec": "null"})
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    again = midas("restore", "s")
    assert "No changes" in again.output, again.output
    assert midas("drift", "--account", "meta-main").code == 0


def test_a_feed_restating_a_creative_s_own_primary_text_plans_no_changes(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    feed = {"bodies": [{"text": SHOES_BODY}], "optimization_type": "REGULAR"}
    assert midas("sandbox", "set", SHOES, f"asset_feed_spec={json.dumps(feed)}").code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert midas("drift").code == 0
