"""The audiences imported campaigns target that no Audience spec describes: ``midas import`` writes an
``existing: true`` Audience for each (built outside MIDAS — a remarketing list, a website or lookalike
audience, a list made in a console), so that the campaigns can target it by name and MIDAS never
changes it.

Which audiences and where come from the campaigns' live read: a connector names the audience ids a
campaign targets from the account's audiences (``connectors.audience_refs``) and leaves a ref
``audience:<name>`` to the audience it found, on its platform and account. The written spec lists those
accounts — one per platform, the shape every ``platforms`` has: an audience the campaigns target on two
accounts of one platform is a problem (an Audience cannot name both).

An existing audience the workspace already describes (say, written by the import of the other platform's
account) but whose ``platforms`` lack the platform the imported campaigns target it on is extended: import
adds that account to its spec, edited in place (``extend_audience_specs``), as the written campaigns need.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from midas_reconcile.importing.render import fresh_file, render_document, slug
from midas_reconcile.importing.trees import CampaignTree
from midas_reconcile.resources import AUDIENCE_REF, GOOGLE, META, Address, is_audience_ref
from midas_reconcile.spec import AudienceSpec, Document

#: Where the audiences are written, under the import's output folder.
AUDIENCE_FOLDER = "audiences"


@dataclass
class ImportedAudience:
    """An existing audience import writes to ``file`` (``text``)."""

    name: str
    file: Path
    document: dict[str, Any]
    text: str


@dataclass(frozen=True)
class ExtendedAudience:
    """An existing audience the workspace describes (in ``file``, relative to its root) that imported
    campaigns target on ``platform`` account ``account``, which its ``platforms`` do not list yet."""

    name: str
    file: str
    platform: str
    account: str


def targeted_audiences(trees: Iterable[CampaignTree]) -> dict[str, set[Address]]:
    """Audience name → its live addresses (platform and account) wherever the ``trees`` target it."""
    found: dict[str, set[Address]] = {}
    for tree in trees:
        for resource in tree.all():
            for ref_name, target in resource.refs.items():
                if is_audience_ref(ref_name):
                    found.setdefault(ref_name.removeprefix(AUDIENCE_REF), set()).add(target)
    return found


def existing_audiences(
    trees: Iterable[CampaignTree], described: Collection[str], folder: Path
) -> tuple[list[ImportedAudience], list[str]]:
    """The existing-audience specs to write (under ``folder``/audiences) for the audiences ``trees`` target
    that no spec describes (``described``: the workspace's Audience names), and the problems that stop
    it."""
    written: list[ImportedAudience] = []
    problems: list[str] = []
    for name, addresses in sorted(targeted_audiences(trees).items()):
        if name in described:
            continue
        platforms: dict[str, dict[str, str]] = {}
        for platform in (GOOGLE, META):
            accounts = sorted({a.account for a in addresses if a.platform == platform})
            if len(accounts) > 1:
                problems.append(
                    f"audience {name!r} is targeted on {platform} accounts {', '.join(accounts)}; an "
                    "Audience names one account per platform, so campaigns of only one of them can target it "
                    "by that name"
                )
            elif accounts:
                platforms[platform] = {"account": accounts[0]}
        document = {
            "apiVersion": "midas/v1",
            "kind": "Audience",
            "metadata": {"name": name},
            "spec": {"existing": True, "platforms": platforms},
        }
        where = " and ".join(
            f"{a.platform} account {a.account}" for a in sorted(addresses, key=Address.sort_key)
        )
        header = [
            f"Imported by `midas import`: an audience built outside MIDAS, found on {where}.",
            "Campaigns target it by name; MIDAS never creates, changes or deletes it.",
        ]
        file = fresh_file(
            folder / AUDIENCE_FOLDER, slug(name, "audience"), {w.file for w in written}, problems
        )
        written.append(ImportedAudience(name, file, document, render_document(document, header)))
    return written, problems


def extended_audiences(
    trees: Iterable[CampaignTree], described: Mapping[str, Document[AudienceSpec]]
) -> list[ExtendedAudience]:
    """The platforms to add to the workspace's existing audiences (``described``: name → Audience document)
    that ``trees`` target on a platform their spec does not list (one account of it; several are left to
    the verification, which names them)."""
    out = []
    for name, addresses in sorted(targeted_audiences(trees).items()):
        doc = described.get(name)
        if doc is None or not doc.spec.existing or doc.spec.platforms is None:
            continue
        for platform in (GOOGLE, META):
            accounts = sorted({a.account for a in addresses if a.platform == platform})
            if len(accounts) == 1 and getattr(doc.spec.platforms, platform) is None:
                out.append(ExtendedAudience(name, doc.file, platform, accounts[0]))
    return out


def with_extensions(name: str, spec: dict[str, Any], extended: Sequence[ExtendedAudience]) -> dict[str, Any]:
    """The JSON ``spec`` of audience ``name`` with the platforms ``extended`` adds to it."""
    added = {e.platform: {"account": e.account} for e in extended if e.name == name}
    return {**spec, "platforms": {**spec.get("platforms", {}), **added}} if added else spec


def extend_audience_specs(root: Path, extended: Sequence[ExtendedAudience]) -> None:
    """Add each extension's account to its audience's ``platforms``, editing the spec files under ``root``
    in place (comments, key order and the file's other documents kept)."""
    from midas_reconcile.mirror import flow_mapping, round_trip_yaml  # ruamel: only when a file is edited

    yaml = round_trip_yaml()
    for file in sorted({e.file for e in extended}):
        path = root / file
        documents = list(yaml.load_all(path.read_text(encoding="utf-8")))
        for extension in (e for e in extended if e.file == file):
            data = next(
                d
                for d in documents
                if d and d.get("kind") == "Audience" and d.get("metadata", {}).get("name") == extension.name
            )
            data["spec"]["platforms"][extension.platform] = flow_mapping(account=extension.account)
        out = io.StringIO()
        yaml.dump_all(documents, out)
        path.write_text(out.getvalue(), encoding="utf-8")
