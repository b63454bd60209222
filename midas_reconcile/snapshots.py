"""Snapshots of the managed resources' live state, and restoring one.

``take`` reads each account once and keeps what MIDAS manages (recorded in the state store and live),
with a name, the time and a content hash. ``restore_plan`` plans the snapshot's resources as the desired
state through the normal planner, so guardrails, locks and the journal apply as for any plan (objects made
since are planned per the usual removal rules: paused, deleted only on request). ``write_specs`` instead
rewrites the campaigns' YAML from the snapshot (through the importer, verified exact), for git review.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from midas_reconcile.errors import MidasError
from midas_reconcile.importing.importer import Importer, ImportRefused, live_shared_budget_document, slug
from midas_reconcile.importing.render import render_document
from midas_reconcile.importing.trees import campaign_trees
from midas_reconcile.importing.unify import unified_document
from midas_reconcile.resources import Resource, canonical_json
from midas_reconcile.store.snapshots import SnapshotRecord


def take(session: Any, accounts: Sequence[str] | None = None, name: str | None = None) -> SnapshotRecord:
    """Snapshot the managed live resources of ``accounts`` (all by default) under ``name``."""
    names = session.accounts(accounts)
    now = dt.datetime.now(dt.UTC)
    live = session.read_live(names)
    recorded = session.store.recorded(names, with_fields=False)
    kept = sorted(
        (r for account in names for r in live[account] if r.address in recorded),
        key=lambda r: r.address.sort_key(),
    )
    # Live objects know nothing of MIDAS's lifecycle: the snapshot carries what the records say.
    resources = [{**r.to_dict(), "on_remove": recorded[r.address].on_remove} for r in kept]
    record = SnapshotRecord(
        name=name or f"snapshot-{now:%Y%m%d-%H%M%S}",
        accounts=names,
        created_at=now,
        actor=session.actor,
        content_hash=hashlib.sha256(canonical_json(resources).encode()).hexdigest(),
        resource_count=len(resources),
        resources=resources,
    )
    session.store.save_snapshot(record)
    return record


def resources_of(record: SnapshotRecord) -> list[Resource]:
    return [Resource.from_dict(data) for data in record.resources]


def restore_plan(session: Any, name: str, *, allow_destroy: bool = False) -> Any:
    """The plan (``PlanOutcome``) that returns the snapshot's accounts to the snapshot.

    ``lifecycle.on_remove`` is the specs' setting, not live state: what MIDAS records now is kept, so a
    restore never changes it (the specs would change it back); only what no record holds any more (deleted
    since, re-created) takes the snapshot's. Snapshots stored before they carried it say ``pause``."""
    record = session.store.snapshot(name)
    desired = resources_of(record)
    recorded = session.store.recorded(record.accounts, with_fields=False)
    for resource in desired:
        now = recorded.get(resource.address)
        if now is not None:
            resource.on_remove = now.on_remove
    outcome = session.plan(record.accounts, desired=desired, allow_destroy=allow_destroy, fingerprints=False)
    for change in outcome.plan.changes:
        change.reason = snapshot_reason(change.reason, name)
    return outcome


#: The planner's reasons for a field to change, all of which mean "back to the snapshot" in a restore.
_RETURNING = re.compile(
    r"^(?:changed on the platform since the last apply, restoring|spec changed|differs from the specs): (.+)$"
)
#: The planner's words for the specs, as a restore's desired state: the snapshot.
_SPEC_WORDS = (
    ("deleted out of band — re-creating", "in snapshot {name}, deleted since — re-creating"),
    ("new in specs", "in snapshot {name} — creating"),
    ("removed from the specs", "not in snapshot {name}"),
    ("matches the specs", "as in snapshot {name}"),
)


def snapshot_reason(reason: str, name: str) -> str:
    """A planner's ``reason`` told for a restore of snapshot ``name``: the snapshot, not the specs, is the
    desired state, so changed fields go ``back to snapshot NAME`` (in one part, however the planner split
    them) and what it lacks is ``not in snapshot NAME``. Other reasons (renames, replacements) are kept."""
    parts: list[str] = []
    returning: list[str] = []
    for part in reason.split("; "):
        match = _RETURNING.match(part)
        if match is None:
            parts.append(part)
            continue
        if not returning:
            parts.append("")  # where the merged part goes
        returning.append(match[1])
    text = "; ".join(p or f"back to snapshot {name!r}: {', '.join(returning)}" for p in parts)
    for planner_words, restore_words in _SPEC_WORDS:
        text = text.replace(planner_words, restore_words.format(name=repr(name)))
    return text


def _keep_spec_only_parts(document: dict[str, Any], existing: Any) -> None:
    """What only the spec knows (its labels, what to do on removal) survives the rewrite."""
    if existing.metadata.labels:
        document["metadata"]["labels"] = dict(existing.metadata.labels)
    lifecycle = existing.spec.lifecycle
    if lifecycle.on_remove != "pause":
        document["spec"]["lifecycle"] = {"on_remove": lifecycle.on_remove}


def _file_of(session: Any, existing: Any, what: str, default: str, problems: list[str]) -> Path:
    """Where a restored document goes: the file of its spec (when it holds that document alone), else
    ``specs/<default>``."""
    if existing is None:
        return Path(session.root / "specs" / default)
    if sum(1 for d in session.workspace.documents() if d.file == existing.file) > 1:
        problems.append(f"{existing.file} holds other documents besides {what}; split it first")
    return Path(session.root / existing.file)


def write_specs(session: Any, name: str) -> list[Path]:
    """Rewrite the YAML of every campaign in the snapshot, and of the shared budgets they use, to match it
    (verified to compile back to the snapshot exactly). A spec file is overwritten when it holds that
    campaign or shared budget alone; one no spec holds any more is written to ``specs/<name>.yaml`` (a shared
    budget: ``specs/shared-budget-<name>.yaml``). Returns the files written."""
    record = session.store.snapshot(name)
    resources = resources_of(record)
    trees = campaign_trees(resources)
    importer = Importer(session)
    importer.learn_names(trees)
    importer.learn_shared_budgets(resources)
    by_name: dict[str, list[Any]] = {}
    for tree in trees:
        by_name.setdefault(importer.unified_name(tree), []).append(tree)
    workspace = session.workspace
    header = [f"Restored by `midas restore --write-specs` from snapshot {name!r}."]
    problems: list[str] = []
    documents: dict[str, dict[str, Any]] = {}
    files: dict[Path, str] = {}
    for campaign, group in sorted(by_name.items()):
        views = [importer.view(t) for t in sorted(group, key=lambda t: t.address.platform)]
        document, found = unified_document(views, campaign)
        problems += found
        existing = workspace.campaigns.get(campaign)
        if existing is not None:
            _keep_spec_only_parts(document, existing)
        file = _file_of(session, existing, f"campaign {campaign!r}", f"{slug(campaign)}.yaml", problems)
        documents[f"{len(documents)}-{file.name}"] = document
        files[file] = render_document(document, header)
    for budget in importer.shared_live(trees):
        budget_doc = live_shared_budget_document(
            budget, session.settings.accounts[budget.address.account].currency
        )
        if budget_doc is None:
            continue  # the campaigns' views tell the problem
        budget_name = budget_doc["metadata"]["name"]
        existing = workspace.shared_budgets.get(budget_name)
        what = f"shared budget {budget_name!r}"
        file = _file_of(session, existing, what, f"shared-budget-{slug(budget_name)}.yaml", problems)
        documents[f"{len(documents)}-{file.name}"] = budget_doc
        files[file] = render_document(budget_doc, header)
    if problems:
        raise ImportRefused(problems)
    problems = importer.verify(documents, trees)
    if problems:
        raise MidasError(
            "the snapshot cannot be written as specs exactly:\n" + "\n".join(f"  - {p}" for p in problems)
        )
    for file, text in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    return sorted(files)
