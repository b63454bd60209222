"""`midas snapshot` / `restore`: live state kept in the store, restored through the normal plan and apply.

Snapshots kept, listed, shown, deleted and pruned, restores through the plan, records moved back by a
restore and one ``--write-specs`` run on both stores; the other ``--write-specs`` tests, whose subject is the
YAML they write from a snapshot read the same way, are marked ``sqlite_store``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from fakes.hand_built import meta_campaign, write_all

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.settings import load_settings
from midas_reconcile.store import core as store_core
from midas_reconcile.store.schema import audit_log
from tests.e2e.test_import import TRAFFIC_CAMPAIGN
from tests.e2e.test_read_only_commands import store_exists
from tests.e2e.test_shared_budgets import SPECS

Midas = Callable[..., Any]


def test_snapshot_is_listed_and_shown_and_a_restore_undoes_console_edits(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    taken = midas("snapshot", "--name", "known-good")
    assert taken.code == 0, taken.output
    assert "Snapshot 'known-good': 44 resources of google-main, meta-main" in taken.output
    listed = midas("snapshot", "list").output
    assert "known-good" in listed and "44 resources" in listed and "sha256 " in listed
    shown = json.loads(midas("snapshot", "show", "known-good", "--format", "json").output)
    assert len(shown["resources"]) == 44 and len(shown["content_hash"]) == 64
    assert {r["address"].split("@")[1] for r in shown["resources"]} == {
        "google:google-main",
        "meta:meta-main",
    }
    # The same state snapshotted again hashes the same.
    again = json.loads(
        midas("snapshot", "show", midas("snapshot").output.split("'")[1], "--format", "json").output
    )
    assert again["content_hash"] == shown["content_hash"]

    assert (
        midas(
            "sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=25.00", "status=paused"
        ).code
        == 0
    )
    assert (
        midas("sandbox", "delete", "ad_group_ad/spring-sale/walkers/spring-shoes@google:google-main").code
        == 0
    )
    restored = midas("restore", "known-good", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "~ campaign/spring-sale@meta:meta-main" in restored.output
    assert "+ ad_group_ad/spring-sale/walkers/spring-shoes@google:google-main" in restored.output
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_restore_goes_through_the_guardrails(midas: Midas, workspace: Path) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "cheap").code == 0
    # Raise the budget by hand to 10x; going back is a 90 % cut, within the 100 % guardrail ...
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=200.00").code == 0
    assert midas("snapshot", "--name", "expensive").code == 0
    assert midas("restore", "cheap", "--auto-approve").code == 0
    # ... but restoring the 10x budget is a 900 % rise: blocked until overridden.
    blocked = midas("restore", "expensive", "--auto-approve")
    assert blocked.code == 1
    assert "budget" in blocked.output and "--override budget-change" in blocked.output
    assert midas("restore", "expensive", "--auto-approve", "--override", "budget-change").code == 0


def test_restore_write_specs_rewrites_the_yaml_to_match_the_snapshot(midas: Midas, workspace: Path) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=25.00").code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    written = midas("restore", "edited", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/spring-sale.yaml" in written.output
    spec = yaml.safe_load((workspace / "specs" / "spring-sale.yaml").read_text(encoding="utf-8"))
    assert spec["metadata"]["labels"] == {"team": "growth", "season": "spring"}  # spec-only parts survive
    assert spec["spec"]["budget"]["split"] == {"by": "amount", "google": 30.0, "meta": 25.0}
    _records_the_console_change(midas, "campaign/spring-sale@meta:meta-main: daily_budget")


@pytest.mark.sqlite_store
def test_restore_write_specs_writes_no_ad_group_targeting_that_says_the_campaign_s(
    midas: Midas, workspace: Path
) -> None:
    """Read back, the campaign's targeting is its first ad group's (here ``athletes``, whose own it is):
    the edit keeps the spec's, and the other ad group, which targets just that, gets no override."""
    file = workspace / "specs" / "spring-sale.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("name: walkers", "name: athletes"), "utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=25.00").code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    before = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    written = midas("restore", "edited", "--write-specs")
    assert written.code == 0 and "Wrote specs/spring-sale.yaml" in written.output, written.output
    after = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    assert after["targeting"] == before["targeting"]
    assert after["ad_groups"] == before["ad_groups"]
    _records_the_console_change(midas, "campaign/spring-sale@meta:meta-main: daily_budget")


@pytest.mark.sqlite_store
def test_restore_write_specs_leaves_the_long_lines_it_does_not_edit_as_written(
    midas: Midas, workspace: Path
) -> None:
    file = workspace / "specs" / "spring-sale.yaml"
    short = "primary_text: Spring into your best run with up to 40% off running shoes."
    long = short[:-1] + ", and free returns on every pair for sixty days, whatever the weather."
    file.write_text(file.read_text(encoding="utf-8").replace(short, long), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=25.00").code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    before = file.read_text(encoding="utf-8").splitlines()
    assert midas("restore", "edited", "--write-specs").code == 0
    after = file.read_text(encoding="utf-8").splitlines()
    assert [line for line in before if long in line] == [line for line in after if long in line] != []
    assert len(max(before, key=len)) > 110
    assert [line for line in after if line != line.rstrip()] == []


def test_bad_snapshot_names_are_clear_errors(midas: Midas, workspace: Path) -> None:
    missing = midas("restore", "nope")
    assert missing.code == 1 and "no snapshot named 'nope'" in missing.output
    assert midas("snapshot", "--name", "one").code == 0
    clash = midas("snapshot", "--name", "one")
    assert clash.code == 1 and "a snapshot named 'one' already exists" in clash.output
    unknown = midas("snapshot", "--account", "nope")
    assert unknown.code == 1 and "unknown account 'nope'" in unknown.output
    assert "one" in midas("snapshot", "list").output


@pytest.mark.parametrize(
    ("name", "why"),
    [("", "blank"), ("  ", "blank"), (" before ", "spaces around it"), ("a\nb", "control character")],
)
@pytest.mark.sqlite_store
def test_a_blank_padded_or_multi_line_snapshot_name_is_a_usage_error_and_stores_nothing(
    midas: Midas, name: str, why: str
) -> None:
    refused = midas("snapshot", "--name", name)
    assert refused.code == 1, refused.output
    assert "--name" in refused.output and why in refused.output, refused.output
    assert "No snapshots" in midas("snapshot", "list").output


def _listed(midas: Midas) -> list[str]:
    return [line.split()[0] for line in midas("snapshot", "list").output.splitlines()]


def test_snapshots_are_deleted_by_name_all_or_none_and_the_audit_log_records_it(
    midas: Midas, state_url: str
) -> None:
    for name in ("monday", "tuesday", "wednesday"):
        assert midas("snapshot", "--name", name).code == 0
    unknown = midas("snapshot", "delete", "monday", "nope")
    assert unknown.code == 1
    assert "no snapshot named 'nope'; nothing deleted; expected one of ['monday'" in unknown.output
    assert _listed(midas) == ["monday", "tuesday", "wednesday"]
    deleted = midas("snapshot", "delete", "monday", "tuesday")
    assert deleted.code == 0, deleted.output
    assert deleted.output.strip() == "Deleted 2 snapshots: monday, tuesday."
    assert _listed(midas) == ["wednesday"]
    assert midas("restore", "monday").code == 1
    assert midas("state", "verify").code == 0
    engine = sa.create_engine(state_url)
    try:
        with engine.connect() as connection:
            audited = connection.execute(sa.select(audit_log.c.action, audit_log.c.payload)).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in audited if row.action == "snapshot-delete"] == [
        ("snapshot-delete", {"snapshots": ["monday", "tuesday"]})
    ]


def test_snapshot_prune_keeps_the_newest_and_says_what_it_deletes(midas: Midas, workspace: Path) -> None:
    for name in ("one", "two", "three"):
        assert midas("snapshot", "--name", name).code == 0
    rule = midas("snapshot", "prune")
    assert rule.code == 1 and "give --keep N, --older-than DAYS or both" in rule.output
    assert midas("snapshot", "prune", "--keep", "0").code == 1
    dry = midas("snapshot", "prune", "--keep", "1", "--dry-run")
    assert dry.code == 0, dry.output
    assert [line.split()[0] for line in dry.output.splitlines()] == ["Would", "one", "two"]
    assert _listed(midas) == ["one", "two", "three"]
    recent = midas("snapshot", "prune", "--keep", "1", "--older-than", "30")  # none is a month old
    assert recent.output.strip() == "No snapshots to delete."
    pruned = midas("snapshot", "prune", "--keep", "1")
    assert pruned.code == 0 and pruned.output.startswith("Deleted 2 snapshots:")
    assert _listed(midas) == ["three"]


@pytest.mark.sqlite_store
def test_restore_write_specs_of_a_campaign_whose_spec_was_deleted_says_what_it_cannot_bring_back(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before").code == 0
    (workspace / "specs" / "brand-awareness.yaml").unlink()
    (workspace / "policies" / "budget.yaml").unlink()  # its budget policy selects it by its labels
    written = midas("restore", "before", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/brand-awareness.yaml" in written.output
    assert (
        "Note: campaign 'brand-awareness' has no spec: written from the snapshot's live state alone, "
        "without what only its deleted spec said (metadata.labels, which budget policies may select it by, "
        "comments) — take those back from git history"
    ) in written.output
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.sqlite_store
def test_restore_write_specs_writes_the_shared_budgets_of_its_campaigns_too(
    midas: Midas, workspace: Path
) -> None:
    pool, *campaigns = SPECS.split("---\n")
    (workspace / "specs" / "pool.yaml").write_text(pool, encoding="utf-8")
    for index, campaign in enumerate(campaigns):
        (workspace / "specs" / f"on-pool-{index}.yaml").write_text(campaign, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "pooled").code == 0
    (workspace / "specs" / "pool.yaml").write_text(pool.replace("150.00", "200.00"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    written = midas("restore", "pooled", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/pool.yaml" in written.output
    spec = yaml.safe_load((workspace / "specs" / "pool.yaml").read_text(encoding="utf-8"))
    assert (spec["kind"], spec["spec"]["daily"]) == ("SharedBudget", 150.0)
    assert midas("plan", "--detailed-exitcode").code == 2  # the specs say the snapshot: 200 → 150 to apply
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_restore_from_before_a_google_creative_was_renamed_moves_the_record_back(
    midas: Midas, workspace: Path
) -> None:
    """The snapshot holds the ad under its old name; Google keeps none, so restoring it moves MIDAS's record
    back and sends nothing — no ad is created, paused or removed."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before").code == 0
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(spec.read_text().replace("brand-core", "brand-classic"))
    assert midas("apply", "--auto-approve").code == 0
    ads = [
        o
        for o in json.loads(midas("sandbox", "list", "--format", "json").output)
        if o["kind"] == "ad_group_ad"
    ]

    restored = midas("restore", "before", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "-> ad_group_ad/brand-awareness/default/brand-core@google:google-main" in restored.output
    assert "0 to create" in restored.output and "0 to pause" in restored.output
    after = [
        o
        for o in json.loads(midas("sandbox", "list", "--format", "json").output)
        if o["kind"] == "ad_group_ad"
    ]
    assert after == ads
    assert "(was 'brand-core')" in midas("plan").output  # the specs still say brand-classic


def _renamed_then_restored(
    midas: Midas, workspace: Path, old: str, new: str, objects: Callable[[], dict[str, Any]]
) -> tuple[dict[str, Any], str]:
    """Apply, snapshot, rename ``old`` to ``new`` in the spring-sale spec and apply (the objects keep their
    ids, not their names), then restore the snapshot. Returns ``objects()`` before, and the restore's output
    once it converged."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before").code == 0
    before = objects()
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace(old, new))
    assert midas("apply", "--auto-approve").code == 0
    assert objects().keys() == before.keys() and objects() != before
    restored = midas("restore", "before", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "0 to create" in restored.output and "0 to pause" in restored.output
    assert objects() == before
    return before, restored.output


def test_a_restore_from_before_a_meta_creative_was_renamed_renames_the_ad_back(
    midas: Midas, workspace: Path
) -> None:
    """The snapshot holds the ad under its old name: restoring it renames the same ad back (its id and
    creative kept) — no ad or creative is created, paused or removed."""

    def meta_objects() -> dict[str, Any]:
        objects = json.loads(midas("sandbox", "list", "--format", "json").output)
        return {o["id"]: (o["kind"], o["name"]) for o in objects if o["kind"] in ("ad", "adcreative")}

    _, restored = _renamed_then_restored(midas, workspace, "spring-apparel", "spring-gear", meta_objects)
    assert "~ ad/spring-sale/runners/spring-apparel@meta:meta-main — creative renamed" in restored
    assert "(was 'spring-apparel')" in midas("plan").output  # the specs still say spring-gear


def _all_objects(midas: Midas) -> dict[str, Any]:
    """Every sandbox object: id → (kind, name, status)."""
    listed = json.loads(midas("sandbox", "list", "--format", "json").output)
    return {o["id"]: (o["kind"], o["name"], o["status"]) for o in listed}


@pytest.mark.sqlite_store
def test_a_restore_from_before_an_ad_group_was_renamed_renames_it_back(midas: Midas, workspace: Path) -> None:
    """The snapshot holds the ad group and ad set under their old name: restoring it renames the same ones
    back (their ids, and those of everything in them, kept) — nothing is created, paused or removed."""

    old, new = "- name: walkers\n", "- name: striders\n"
    _, restored = _renamed_then_restored(midas, workspace, old, new, lambda: _all_objects(midas))
    assert "~ ad_group/spring-sale/walkers@google:google-main — ad group renamed (was 'striders')" in restored
    assert "~ adset/spring-sale/walkers@meta:meta-main — ad set renamed (was 'striders')" in restored
    assert "(was 'walkers')" in midas("plan").output  # the specs still say striders


def test_a_restore_from_before_a_campaign_was_renamed_renames_it_back(midas: Midas, workspace: Path) -> None:
    """The snapshot holds the campaigns under their old name: restoring it renames the same ones back, with
    everything in them kept."""

    old, new = "  name: spring-sale\n", "  name: spring-event\n"
    _, restored = _renamed_then_restored(midas, workspace, old, new, lambda: _all_objects(midas))
    assert "~ campaign/spring-sale@google:google-main — campaign renamed (was 'spring-event')" in restored
    assert "~ campaign/spring-sale@meta:meta-main — campaign renamed (was 'spring-event')" in restored
    assert "(was 'spring-sale')" in midas("plan").output  # the specs still say spring-event


@pytest.mark.sqlite_store
def test_a_restore_renames_a_campaign_back_beside_an_unmanaged_namesake_of_its_old_name(
    midas: Midas, workspace: Path
) -> None:
    """Meta allows two campaigns of one name: with a campaign made outside MIDAS named as the managed one was,
    a restore from before the rename renames the managed one back by its id — not 'not in snapshot' and
    paused, with the namesake blocking the plan — and leaves the namesake as it is."""
    assert midas("apply", "--auto-approve").code == 0
    meta = ConnectorFactory(load_settings(workspace)).create("meta-main")
    write_all(meta, meta_campaign("meta-main", "spring-sale", campaign=dict(TRAFFIC_CAMPAIGN)))
    before = _all_objects(midas)
    assert midas("snapshot", "--name", "before").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("  name: spring-sale\n", "  name: spring-event\n"))
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "before", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "~ campaign/spring-sale@meta:meta-main — campaign renamed (was 'spring-event')" in restored.output
    assert "0 to create" in restored.output and "0 to pause" in restored.output
    assert _all_objects(midas) == before


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("brand-awareness.yaml", "- Since 1998", "- Since 1999"),  # a Google ad, replaced
        (
            "spring-sale.yaml",
            "call_to_action: shop_now\n    - name: spring-apparel",
            "call_to_action: learn_more\n    - name: spring-apparel",
        ),  # a Meta creative, replaced
    ],
    ids=["google-ad", "meta-creative"],
)  # fmt: skip
def test_a_restore_makes_again_an_ad_or_creative_replaced_since_the_snapshot(
    midas: Midas, workspace: Path, file: str, old: str, new: str
) -> None:
    """The snapshot's ad (or Meta creative) was replaced since, so its id is gone: the restore makes it
    again, as it was — not 'adopted' by that dead id (a Google ad group then left with no ad, Meta ads
    pointed at a deleted creative)."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "good").code == 0
    spec = workspace / "specs" / file
    original = spec.read_text(encoding="utf-8")
    assert old in original
    spec.write_text(original.replace(old, new), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "good", "--auto-approve")
    assert restored.code == 0, restored.output
    spec.write_text(original, encoding="utf-8")
    after = midas("plan", "--detailed-exitcode")
    assert after.code == 0, after.output


def _delete_on_removal(workspace: Path) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    opted_in = "  status: active\n  lifecycle: {on_remove: delete}\n"
    spec.write_text(text.replace("  status: active\n", opted_in), encoding="utf-8")


def test_a_restore_keeps_the_lifecycle_the_specs_opted_into(midas: Midas, workspace: Path) -> None:
    """``lifecycle.on_remove`` is the specs' setting, recorded by MIDAS, not live state: a restore leaves it
    as recorded — from a snapshot taken with it, and from one taken before it (as stored by earlier
    versions, which knew no lifecycle and say ``pause``)."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before-opt-in").code == 0
    _delete_on_removal(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "opted-in").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=25.00").code == 0
    for name in ("opted-in", "before-opt-in"):
        restored = midas("restore", name, "--auto-approve")
        assert restored.code == 0, restored.output
        assert "lifecycle.on_remove" not in restored.output
        assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    shown = json.loads(midas("snapshot", "show", "opted-in", "--format", "json").output)
    kept = {r["on_remove"] for r in shown["resources"] if "/spring-sale" in r["address"]}
    assert kept == {"delete"}  # the snapshot carries what MIDAS recorded


def test_a_restore_plan_says_its_changes_return_to_the_snapshot(midas: Midas, workspace: Path) -> None:
    """Not 'removed from the specs' or 'changed on the platform': the snapshot is what the plan wants."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    joggers = "    - {name: joggers, creatives: [spring-shoes], keywords: [{text: jog, match: broad}]}\n"
    text = spec.read_text(encoding="utf-8").replace("daily: 50.00", "daily: 60.00")
    spec.write_text(text.replace("\n  creatives:\n", f"\n{joggers}  creatives:\n"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "status=paused").code == 0

    restored = midas("restore", "before", "--auto-approve")
    assert restored.code == 0, restored.output
    out = restored.output
    # The status a console changed, then the budget the specs did (as in any plan's reason).
    assert "~ campaign/spring-sale@meta:meta-main — back to snapshot 'before': status, daily_budget" in out
    budget = "~ campaign_budget/spring-sale@google:google-main"
    assert f"{budget} — back to snapshot 'before': amount_micros" in out
    assert "! ad_group/spring-sale/joggers@google:google-main — not in snapshot 'before' — pausing" in out
    assert "! adset/spring-sale/joggers@meta:meta-main — not in snapshot 'before' — pausing" in out
    assert "the specs" not in out.split("Restored.")[0] and "since the last apply" not in out


def _records_the_console_change(midas: Midas, refreshed: str) -> None:
    """The specs now say what is live, a console change MIDAS has not recorded: the plan's one change is
    that record (``refreshed``), the apply makes it sending nothing, and then nothing is left to do."""
    planned = midas("plan", "--detailed-exitcode")
    assert planned.code == 2 and f"\n  {refreshed}\n" in planned.output, planned.output
    assert planned.output.rstrip().endswith("0 to pause, 0 to delete, 1 record to refresh."), planned.output
    assert "0 write calls" in midas("apply", "--auto-approve").output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0


def _spec_texts(workspace: Path) -> dict[str, str]:
    return {f.name: f.read_text(encoding="utf-8") for f in sorted((workspace / "specs").glob("*.yaml"))}


def _one_account_written(midas: Midas, campaign: str, file: str, amount: str = "35.00") -> None:
    """Apply, set ``campaign``'s budget to ``amount`` in the console, snapshot its account alone and write
    the specs from that snapshot, which rewrites ``file``."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", campaign, f"budget.amount={amount}").code == 0
    assert midas("snapshot", "--account", campaign.rsplit(":", 1)[1], "--name", "one").code == 0
    written = midas("restore", "one", "--write-specs")
    assert written.code == 0, written.output
    assert f"Wrote specs/{file}" in written.output


@pytest.mark.sqlite_store
def test_restore_write_specs_of_one_account_keeps_the_other_platform(midas: Midas, workspace: Path) -> None:
    """A snapshot of the Google account rewrites the Google half of a unified spec; the Meta half (its
    platform, budget share, time zone, primary texts, Meta options) stays as the spec said."""
    _one_account_written(midas, "campaign/spring-sale@google:google-main", "spring-sale.yaml")
    spec = yaml.safe_load((workspace / "specs" / "spring-sale.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["platforms"]["meta"] == {"account": "meta-main"}
    assert spec["budget"]["split"] == {"by": "amount", "google": 35.0, "meta": 20.0}
    assert spec["schedule"]["time_zone"] == "America/New_York"
    assert all(c["primary_text"] for c in spec["creatives"])
    assert spec["meta"]["optimization_goal"] == "OFFSITE_CONVERSIONS"
    # Google as the snapshot has it, Meta as the spec had it.
    _records_the_console_change(midas, "campaign_budget/spring-sale@google:google-main: amount_micros")


@pytest.mark.sqlite_store
def test_restore_write_specs_leaves_specs_that_match_the_snapshot_untouched(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    before = _spec_texts(workspace)
    for args in (["--name", "all"], ["--account", "google-main", "--name", "google"]):
        assert midas("snapshot", *args).code == 0
        written = midas("restore", args[-1], "--write-specs")
        assert written.code == 0, written.output
        assert "Wrote" not in written.output
        assert f"Already as in snapshot '{args[-1]}', left untouched: campaign" in written.output
        assert "Nothing written." in written.output
        assert _spec_texts(workspace) == before


@pytest.mark.sqlite_store
def test_restore_write_specs_leaves_out_what_was_removed_from_the_specs_and_paused(
    midas: Midas, workspace: Path
) -> None:
    """An ad group and a campaign removed from the specs are paused: a snapshot taken after holds them
    paused, and writing the specs from it does not bring them back (the specs left them out on purpose)."""
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    start = text.index("    - name: walkers")
    spec.write_text(text[:start] + text[text.index("\n", text.index("walking shoes", start)) + 1 :])
    (workspace / "specs" / "brand-awareness.yaml").unlink()
    (workspace / "policies" / "budget.yaml").unlink()
    removed = midas("apply", "--auto-approve")
    assert removed.code == 0 and "3 to pause" in removed.output, removed.output
    before = _spec_texts(workspace)
    assert midas("snapshot", "--name", "after").code == 0
    written = midas("restore", "after", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote" not in written.output and "Nothing written." in written.output, written.output
    assert _spec_texts(workspace) == before


@pytest.mark.sqlite_store
def test_restore_write_specs_edits_a_spec_minimally(midas: Midas, workspace: Path) -> None:
    """Only what differs from the snapshot changes: comments, key order and keys the platforms default
    (genders, optimization_goal, type) stay; the budget, split by share, becomes the snapshot's."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=30.00").code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    before = _spec_texts(workspace)
    written = midas("restore", "edited", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/spring-sale.yaml" in written.output and "Wrote specs/brand" not in written.output
    after = _spec_texts(workspace)
    assert after["brand-awareness.yaml"] == before["brand-awareness.yaml"]
    old, new = before["spring-sale.yaml"].splitlines(), after["spring-sale.yaml"].splitlines()
    changed = [line for line in new if line not in old]
    assert changed == ["    daily: 60.00", "    split: {by: share, google: 0.5, meta: 0.5}"], changed
    assert [line for line in old if line not in new] == [
        line for line in old if "daily:" in line or "split:" in line
    ]
    _records_the_console_change(midas, "campaign/spring-sale@meta:meta-main: daily_budget")


@pytest.mark.sqlite_store
def test_restore_write_specs_keeps_a_budget_policy_and_says_when_the_snapshot_differs(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert (
        midas("sandbox", "set", "campaign/brand-awareness@google:google-main", "budget.amount=40.00").code
        == 0
    )
    assert midas("snapshot", "--name", "richer").code == 0
    before = _spec_texts(workspace)
    written = midas("restore", "richer", "--write-specs")
    assert written.code == 0, written.output
    assert _spec_texts(workspace) == before  # the policy stays: nothing else differs
    assert (
        "campaign 'brand-awareness' keeps `budget: {policy: brand-pool}`, which gives 30.00 USD a day on "
        "google-main; snapshot 'richer' has 40.00 USD" in written.output
    )


@pytest.mark.sqlite_store
def test_restore_write_specs_of_one_account_keeps_a_shared_budget_of_another(
    midas: Midas, workspace: Path
) -> None:
    """A Meta snapshot of a campaign whose Google half a shared budget funds: only the Meta budget changes
    in its spec, the rest stays as written (the creatives' description order too, which Meta's ad reads)."""
    pool, *campaigns = SPECS.split("---\n")
    (workspace / "specs" / "pool.yaml").write_text(pool, encoding="utf-8")
    (workspace / "specs" / "socks.yaml").write_text(campaigns[1], encoding="utf-8")
    _one_account_written(midas, "campaign/socks@meta:meta-main", "socks.yaml", amount="25.00")
    after = (workspace / "specs" / "socks.yaml").read_text(encoding="utf-8")
    assert after == campaigns[1].replace("budget: {daily: 20.00}", "budget: {daily: 25.00}")
    _records_the_console_change(midas, "campaign/socks@meta:meta-main: daily_budget")


@pytest.mark.sqlite_store
def test_restore_write_specs_refuses_to_edit_a_file_of_several_documents(
    midas: Midas, workspace: Path
) -> None:
    specs = workspace / "specs"
    together = "---\n".join(f.read_text(encoding="utf-8") for f in sorted(specs.glob("*.yaml")))
    for file in specs.glob("*.yaml"):
        file.unlink()
    (specs / "all.yaml").write_text(together, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "same").code == 0
    untouched = midas("restore", "same", "--write-specs")
    assert untouched.code == 0 and "Nothing written." in untouched.output  # nothing to edit: no problem
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=30.00").code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    refused = midas("restore", "edited", "--write-specs")
    assert refused.code == 1
    assert "the snapshot cannot be written as specs:" in refused.output and "imported" not in refused.output
    assert (
        "specs/all.yaml holds other documents besides campaign 'spring-sale'; split it first"
        in refused.output
    )
    assert (specs / "all.yaml").read_text(encoding="utf-8") == together


@pytest.mark.sqlite_store
def test_restore_write_specs_of_a_changed_share_writes_the_snapshot_s_shares(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before").code == 0
    spec_file = workspace / "specs" / "spring-sale.yaml"
    written = spec_file.read_text(encoding="utf-8")
    spec_file.write_text(
        written.replace("google: 0.6, meta: 0.4", "google: 0.5, meta: 0.5"), encoding="utf-8"
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("restore", "before", "--write-specs").code == 0
    assert spec_file.read_text(encoding="utf-8") == written


@pytest.mark.sqlite_store
def test_restore_write_specs_removes_the_spec_of_a_campaign_made_since_and_says_so(
    midas: Midas, workspace: Path
) -> None:
    """A campaign made after the snapshot is not in it: `restore --write-specs` removes its spec (the file
    holding it alone), so the next apply pauses it, as `restore NAME` by apply does, instead of leaving a
    spec that undoes the restore. A snapshot of another account leaves it alone."""
    from tests.e2e.test_mirror_compare import META_ONLY

    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "base").code == 0
    assert midas("snapshot", "--account", "google-main", "--name", "google").code == 0
    launch = workspace / "specs" / "launch.yaml"
    launch.write_text(META_ONLY, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    other = midas("restore", "google", "--write-specs")
    assert other.code == 0 and "launch" not in other.output, other.output
    assert launch.exists()
    written = midas("restore", "base", "--write-specs")
    assert written.code == 0, written.output
    assert (
        "Removed specs/launch.yaml: campaign 'launch' is not in snapshot 'base' (made since); the next "
        "apply pauses it, as `midas restore base` does" in " ".join(written.output.split())
    ), written.output
    assert not launch.exists()
    plan = midas("plan")
    assert "campaign/launch@meta:meta-main" in plan.output and "to pause" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.sqlite_store
def test_restore_write_specs_after_a_meta_ad_or_ad_set_was_deleted_in_the_console(
    midas: Midas, workspace: Path
) -> None:
    """A Meta ad (or its ad set) deleted in a console leaves its creative live and recorded, so the
    snapshot holds a creative no ad runs: the specs written from it leave that creative out, as no spec
    could hold it, and the spec written brings the snapshot back exactly."""
    assert midas("apply", "--auto-approve").code == 0
    for deleted in (
        "ad/spring-sale/walkers/spring-shoes@meta:meta-main",
        "adset/spring-sale/runners@meta:meta-main",
    ):
        assert midas("sandbox", "delete", deleted).code == 0
    assert midas("snapshot", "--name", "after").code == 0
    written = midas("restore", "after", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/spring-sale.yaml" in written.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize(
    "renamed",
    [
        "campaign/spring-sale@google:google-main",
        "campaign/spring-sale@meta:meta-main",
        "ad_group/spring-sale/walkers@google:google-main",
        "adset/spring-sale/walkers@meta:meta-main",
    ],
)
@pytest.mark.sqlite_store
def test_restore_write_specs_after_a_console_rename_made_before_the_snapshot(
    midas: Midas, workspace: Path, renamed: str
) -> None:
    """A campaign or ad group renamed in a console before the snapshot is the same one to the plan (by
    its platform id): the specs written from the snapshot keep its live name (a campaign's as its
    platform's own, ``google.name`` / ``meta.name``), verified as the plan sees it, and applying them
    leaves every object as the snapshot has it — same ids, names and statuses."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", renamed, "name=Console name").code == 0
    assert midas("snapshot", "--name", "after").code == 0
    objects = _all_objects(midas)
    written = midas("restore", "after", "--write-specs")
    assert written.code == 0, written.output
    text = (workspace / "specs" / "spring-sale.yaml").read_text(encoding="utf-8")
    assert "Console name" in text and "name: spring-sale" in text, text
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _all_objects(midas) == objects


@pytest.mark.parametrize(
    "extra",
    [["--auto-approve"], ["--override", "deletes"], ["--allow-destroy"]],
    ids=["auto-approve", "override", "allow-destroy"],
)
@pytest.mark.sqlite_store
def test_restore_write_specs_with_an_option_of_the_apply_is_a_usage_error(
    midas: Midas, workspace: Path, extra: list[str]
) -> None:
    """--write-specs applies nothing: an option only an apply reads is refused, not silently ignored."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=30.00").code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    before = _spec_texts(workspace)
    refused = midas("restore", "edited", "--write-specs", *extra)
    assert refused.code == 1, refused.output
    assert f"{extra[0]} applies a restore; --write-specs applies nothing" in refused.output, refused.output
    assert _spec_texts(workspace) == before


def test_restore_write_specs_renames_back_the_spec_of_a_campaign_renamed_since(
    midas: Midas, workspace: Path
) -> None:
    """Renamed in its spec since the snapshot, spring-sale's file now holds spring-sale-2027: that spec is
    the snapshot's campaign, so it is edited back to the snapshot's name, all else it says kept — labels,
    comments, the split by share —, not written anew from live state."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s1").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    original = spec.read_text(encoding="utf-8")
    spec.write_text(original.replace("  name: spring-sale\n", "  name: spring-sale-2027\n"), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "campaign renamed (was 'spring-sale')" in applied.output, applied.output
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/spring-sale.yaml\n" in written.output, written.output
    assert "Removed" not in written.output and "has no spec" not in written.output, written.output
    assert (
        "Note: campaign 'spring-sale-2027' is snapshot 's1''s campaign 'spring-sale' renamed since: its spec "
        "is renamed back; the next apply renames it back, as `midas restore s1` does"
        in " ".join(written.output.split())
    ), written.output
    assert spec.read_text(encoding="utf-8") == original
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "campaign renamed (was 'spring-sale-2027')" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.sqlite_store
def test_restore_write_specs_renames_back_a_paused_campaign_renamed_since(
    midas: Midas, workspace: Path
) -> None:
    """A campaign the snapshot holds paused, renamed in its spec since, is still specified (under its new
    name): not one the specs left out on purpose, so its spec is renamed back, still paused."""
    spec = workspace / "specs" / "spring-sale.yaml"
    original = spec.read_text(encoding="utf-8").replace("  status: active\n", "  status: paused\n", 1)
    spec.write_text(original, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s1").code == 0
    spec.write_text(original.replace("  name: spring-sale\n", "  name: spring-sale-2\n"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/spring-sale.yaml\n" in written.output, written.output
    assert "Removed" not in written.output, written.output
    assert spec.read_text(encoding="utf-8") == original
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.sqlite_store
def test_restore_write_specs_when_another_spec_took_the_name_of_a_campaign_renamed_since(
    midas: Midas, workspace: Path
) -> None:
    """spring-sale was renamed spring-sale-2 since the snapshot, and a new spec took the name spring-sale:
    that spec is the one written as the snapshot's campaign, and the renamed one's spec goes (the next apply
    pauses it), said as such — not that the next apply renames it back."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s1").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    original = spec.read_text(encoding="utf-8")
    spec.write_text(original.replace("  name: spring-sale\n", "  name: spring-sale-2\n"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    taken = workspace / "specs" / "taken.yaml"
    taken.write_text(original.replace("daily: 50.00", "daily: 40.00"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/taken.yaml\n" in written.output, written.output
    assert (
        "Removed specs/spring-sale.yaml: campaign 'spring-sale-2' is not in snapshot 's1' (its campaign "
        "'spring-sale' renamed since, a name another spec has taken); the next apply pauses it\n"
        in written.output
    ), written.output
    assert taken.read_text(encoding="utf-8") == original


@pytest.mark.parametrize(
    ("account", "outside", "renamed_back", "kept"),
    [
        (
            "google-main",
            "meta",
            {("campaign", "spring-sale", "ENABLED"), ("campaign_budget", "spring-sale", "ENABLED")},
            ("campaign", "spring-sale-2", "ACTIVE"),
        ),
        (
            "meta-main",
            "google",
            {("campaign", "spring-sale", "ACTIVE")},
            ("campaign", "spring-sale-2", "ENABLED"),
        ),
    ],
)
@pytest.mark.sqlite_store
def test_restore_write_specs_of_some_accounts_renames_back_there_a_campaign_renamed_since(
    midas: Midas,
    workspace: Path,
    account: str,
    outside: str,
    renamed_back: set[tuple[str, str, str]],
    kept: tuple[str, str, str],
) -> None:
    """Snapshotted on one platform alone, then renamed in its spec on both: spring-sale-2 is the snapshot's
    spring-sale renamed, not a campaign made since (whose platform in the snapshot should go by hand). Its
    spec is renamed back, keeping the new name on the platform outside the snapshot as that platform's own
    (``meta.name`` / ``google.name``): the next apply renames the campaign back in the snapshot's account
    (a Google campaign with its own budget, named after it), as ``restore`` does, and only moves MIDAS's
    records of the other."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--account", account, "--name", "one").code == 0
    spec = workspace / "specs" / "spring-sale.yaml"
    original = spec.read_text(encoding="utf-8")
    spec.write_text(original.replace("  name: spring-sale\n", "  name: spring-sale-2\n"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    objects = _all_objects(midas)
    written = midas("restore", "one", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/spring-sale.yaml\n" in written.output, written.output
    assert "by hand" not in written.output and "Removed" not in written.output, written.output
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    assert document["metadata"]["name"] == "spring-sale"
    assert document["spec"][outside]["name"] == "spring-sale-2"
    assert document["metadata"]["labels"] == {"team": "growth", "season": "spring"}
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    platform = "google" if outside == "meta" else "meta"
    back = f"~ campaign/spring-sale@{platform}:{account} — campaign renamed (was 'spring-sale-2')"
    assert back in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    after = _all_objects(midas)
    assert after.keys() == objects.keys()
    assert {after[i] for i in objects if objects[i] != after[i]} == renamed_back
    assert kept in after.values(), after


@pytest.mark.sqlite_store
def test_restore_write_specs_writes_a_campaign_without_a_spec_to_a_free_file(
    midas: Midas, workspace: Path
) -> None:
    """spring-sale's spec was deleted and brand-awareness's moved to specs/spring-sale.yaml since the
    snapshot: spring-sale is written to a file of its own, and brand-awareness's is left as it is."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s1").code == 0
    specs = workspace / "specs"
    (specs / "spring-sale.yaml").unlink()
    (specs / "brand-awareness.yaml").rename(specs / "spring-sale.yaml")
    brand = (specs / "spring-sale.yaml").read_text(encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert (specs / "spring-sale.yaml").read_text(encoding="utf-8") == brand
    assert "Wrote specs/spring-sale-2.yaml" in written.output, written.output
    assert (
        "Note: specs/spring-sale.yaml holds campaign 'brand-awareness': campaign 'spring-sale' is written to "
        "specs/spring-sale-2.yaml" in " ".join(written.output.split())
    ), written.output
    spec = yaml.safe_load((specs / "spring-sale-2.yaml").read_text(encoding="utf-8"))
    assert spec["metadata"]["name"] == "spring-sale"
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.sqlite_store
def test_restore_write_specs_refuses_to_remove_a_campaign_a_budget_policy_names(
    midas: Midas, workspace: Path
) -> None:
    """brand-awareness and its budget policy came after the snapshot: removing its spec would leave the
    policy naming an unknown campaign, a workspace no command loads, so nothing is written and the error
    names the policy to edit."""
    brand, policy = workspace / "specs" / "brand-awareness.yaml", workspace / "policies" / "budget.yaml"
    texts = {file: file.read_text(encoding="utf-8") for file in (brand, policy)}
    for file in texts:
        file.unlink()
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s1").code == 0
    for file, text in texts.items():
        file.write_text(text, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    before = _spec_texts(workspace)
    refused = midas("restore", "s1", "--write-specs")
    assert refused.code == 1, refused.output
    assert "Removed" not in refused.output and "Wrote" not in refused.output, refused.output
    assert "the specs as written would not load" in refused.output, refused.output
    assert "policies/budget.yaml:11:17" in refused.output and "'brand-awareness'" in refused.output
    assert _spec_texts(workspace) == before
    assert midas("plan").code == 0


@pytest.mark.sqlite_store
def test_restore_write_specs_leaves_the_spec_of_a_campaign_never_applied(
    midas: Midas, workspace: Path
) -> None:
    """A spec written since the snapshot but never applied holds no campaign MIDAS made: it is not the
    snapshot's to remove, and the output says it is left as it is."""
    from tests.e2e.test_mirror_compare import META_ONLY

    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s1").code == 0
    launch = workspace / "specs" / "launch.yaml"
    launch.write_text(META_ONLY, encoding="utf-8")
    written = midas("restore", "s1", "--write-specs")
    assert written.code == 0, written.output
    assert launch.read_text(encoding="utf-8") == META_ONLY
    assert "Removed" not in written.output, written.output
    assert (
        "Note: campaign 'launch' is not in snapshot 's1' but was never applied: its spec is left as it is "
        "(the next apply creates it)" in " ".join(written.output.split())
    ), written.output


@pytest.mark.parametrize("args", [["--write-specs"], ["--auto-approve"]], ids=["write-specs", "apply"])
def test_a_restore_of_a_snapshot_holding_an_account_midas_yaml_no_longer_has_is_a_clear_error(
    midas: Midas, workspace: Path, args: list[str]
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s1").code == 0
    for file in [workspace / "midas.yaml", *(workspace / "specs").glob("*.yaml")]:
        file.write_text(file.read_text(encoding="utf-8").replace("meta-main", "meta-two"), encoding="utf-8")
    before = _spec_texts(workspace)
    refused = midas("restore", "s1", *args)
    assert refused.code == 1, refused.output
    assert (
        "snapshot 's1' holds account 'meta-main', which midas.yaml does not name (accounts: google-main, "
        "meta-two): add it back to midas.yaml to restore this snapshot" in " ".join(refused.output.split())
    ), refused.output
    assert "Traceback" not in refused.output and "apply:" not in refused.output, refused.output
    assert _spec_texts(workspace) == before


def test_snapshots_taken_in_the_same_second_without_a_name_get_names_of_their_own(
    midas: Midas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default name is the store clock's second; a second snapshot in it takes the next free suffix."""
    monkeypatch.setattr(store_core, "_utcnow", lambda: dt.datetime(2026, 11, 27, 3, 26, 8, tzinfo=dt.UTC))
    for _ in range(3):
        taken = midas("snapshot")
        assert taken.code == 0, taken.output
    assert _listed(midas) == [
        "snapshot-20261127-032608",
        "snapshot-20261127-032608-2",
        "snapshot-20261127-032608-3",
    ]
    assert "at 2026-11-27 03:26:08 UTC" in taken.output, taken.output


@pytest.mark.parametrize(
    "args",
    [
        ("restore", "nope"),
        ("restore", "nope", "--write-specs"),
        ("snapshot", "delete", "nope"),
        ("snapshot", "prune", "--keep", "1"),
    ],
    ids=["restore", "restore-write-specs", "delete", "prune"],
)
def test_a_restore_or_deletion_of_no_snapshot_makes_no_state_store(
    midas: Midas, state_url: str, args: tuple[str, ...]
) -> None:
    """Without a state store there is no snapshot: naming one (or pruning) finds none and makes no store."""
    run = midas(*args)
    assert run.code == (0 if "prune" in args else 1), run.output
    assert ("No snapshots to delete." if "prune" in args else "no snapshot named 'nope'") in run.output
    assert not store_exists(state_url), f"`midas {' '.join(args)}` made a state store"


def _written_after_a_console_change(
    midas: Midas, workspace: Path, file: str, change: tuple[str, str]
) -> tuple[list[str], list[str]]:
    """Apply, make the console ``change`` (address, FIELD=VALUE), snapshot and write the specs: the lines of
    ``file`` the write added and those it took away."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", *change).code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    spec = workspace / "specs" / file
    before = spec.read_text(encoding="utf-8").splitlines()
    written = midas("restore", "edited", "--write-specs")
    assert written.code == 0 and f"Wrote specs/{file}" in written.output, written.output
    after = spec.read_text(encoding="utf-8").splitlines()
    return [line for line in after if line not in before], [line for line in before if line not in after]


@pytest.mark.sqlite_store
def test_restore_write_specs_keeps_a_performance_max_creative_shared_with_meta_as_one(
    midas: Midas, workspace: Path
) -> None:
    """An asset group keeps no name for its creative: read back, it is named after the asset group. The spec
    says which creative it is, so a console pause writes the pause alone, not a Google-only copy of it."""
    from fakes.example import PMAX_SPEC

    (workspace / "specs" / "trail.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    added, removed = _written_after_a_console_change(
        midas, workspace, "trail.yaml", ("campaign/trail-pmax@google:google-main", "status=paused")
    )
    assert (added, removed) == (["  meta: {status: active}", "  status: paused"], []), (added, removed)
    _records_the_console_change(midas, "campaign/trail-pmax@google:google-main: status")


@pytest.mark.sqlite_store
def test_restore_write_specs_keeps_a_creative_s_meta_body_as_its_first_description(
    midas: Midas, workspace: Path
) -> None:
    """Without primary_text, a creative's Meta body is its first description (Google sorts them): the
    spec's order says it, and writing a console pause leaves the creative as written, adding no
    primary_text."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text.replace("      primary_text: Spring into your best run with up to 40% off running shoes.\n", ""),
        encoding="utf-8",
    )
    added, removed = _written_after_a_console_change(
        midas, workspace, "spring-sale.yaml", ("campaign/spring-sale@meta:meta-main", "status=paused")
    )
    assert (added, removed) == (["    status: paused"], []), (added, removed)
    creative = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["creatives"][0]
    assert creative["descriptions"][0].startswith("Lightweight trainers"), creative
    _records_the_console_change(midas, "campaign/spring-sale@meta:meta-main: status")
