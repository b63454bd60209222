"""The audiences imported campaigns target that no Audience spec describes: ``midas import`` writes an
``existing: true`` Audience for each (built outside MIDAS — a remarketing list, a website or lookalike
audience, a list made in a console), so that the campaigns can target it by name and MIDAS never
changes it.

Which audiences and where come from the campaigns' live read: a connector names the audience ids a
campaign targets from the account's audiences (``connectors.audience_refs``) and leaves a ref
``audience:<name>`` to the audience it found, on its platform and account. The written spec lists those
accounts: ``{account: A}`` for one of a platform, ``{accounts: [A, B]}`` for several (an agency's Google
accounts that each have a remarketing list of the name), each campaign then targeting the id the name has
on its own account.

An existing audience the workspace already describes (say, written by the import of another account) but
whose ``platforms`` lack an account the imported campaigns target it on is extended: import adds that
account to its spec, edited in place (``extend_audience_specs``), as the written campaigns need.
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
        platforms = {
            platform: _target(accounts)
            for platform in (GOOGLE, META)
            if (accounts := sorted({a.account for a in addresses if a.platform == platform}))
        }
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


def _target(accounts: Sequence[str]) -> dict[str, Any]:
    """An audience's ``platforms`` entry for ``accounts`` of one platform: ``account`` for one."""
    return {"account": accounts[0]} if len(accounts) == 1 else {"accounts": list(accounts)}


def _listed(target: Mapping[str, Any] | None) -> list[str]:
    """The accounts a ``platforms`` entry (as written) lists."""
    if not target:
        return []
    return [target["account"]] if target.get("account") is not None else list(target.get("accounts") or ())


def _added(name: str, platform: str, extended: Sequence[ExtendedAudience]) -> list[str]:
    return [e.account for e in extended if (e.name, e.platform) == (name, platform)]


def extended_audiences(
    trees: Iterable[CampaignTree], described: Mapping[str, Document[AudienceSpec]]
) -> list[ExtendedAudience]:
    """The accounts to add to the workspace's existing audiences (``described``: name → Audience document)
    that ``trees`` target on an account their spec does not list."""
    out = []
    for name, addresses in sorted(targeted_audiences(trees).items()):
        doc = described.get(name)
        if doc is None or not doc.spec.existing or doc.spec.platforms is None:
            continue
        listed = {(where.platform, where.account) for where in doc.spec.platforms.located()}
        for address in sorted(addresses, key=Address.sort_key):
            if (address.platform, address.account) not in listed:
                out.append(ExtendedAudience(name, doc.file, address.platform, address.account))
    return out


def with_extensions(name: str, spec: dict[str, Any], extended: Sequence[ExtendedAudience]) -> dict[str, Any]:
    """The JSON ``spec`` of audience ``name`` with the accounts ``extended`` adds to it."""
    platforms = dict(spec.get("platforms", {}))
    for platform in (GOOGLE, META):
        if added := _added(name, platform, extended):
            platforms[platform] = _target([*_listed(platforms.get(platform)), *added])
    return {**spec, "platforms": platforms}


def extend_audience_specs(root: Path, extended: Sequence[ExtendedAudience]) -> None:
    """Add each extension's account to its audience's ``platforms`` (a second account of a platform turns its
    ``account`` into ``accounts``), editing the spec files under ``root`` in place (comments, key order and
    the file's other documents kept)."""
    from ruamel.yaml.comments import CommentedSeq  # ruamel: only when a file is edited

    from midas_reconcile.round_trip import flow_mapping, round_trip_yaml, write_spec_text

    for file in sorted({e.file for e in extended}):
        path = root / file
        text = path.read_text(encoding="utf-8")
        yaml = round_trip_yaml(like=text)
        documents = list(yaml.load_all(text))
        for extension in (e for e in extended if e.file == file):
            data = next(
                d
                for d in documents
                if d and d.get("kind") == "Audience" and d.get("metadata", {}).get("name") == extension.name
            )
            platforms = data["spec"]["platforms"]
            target = platforms.get(extension.platform)
            if target is None:
                platforms[extension.platform] = flow_mapping(account=extension.account)
            elif "accounts" in target:
                target["accounts"].append(extension.account)
            else:  # ``{account: A}`` becomes ``{accounts: [A, B]}`` where ``account`` was
                accounts = CommentedSeq([target["account"], extension.account])
                accounts.fa.set_flow_style()
                target.insert(list(target).index("account"), "accounts", accounts)
                if "account" in target.ca.items:  # its comment stays on the line
                    target.ca.items["accounts"] = target.ca.items.pop("account")
                del target["account"]
        out = io.StringIO()
        yaml.dump_all(documents, out)
        write_spec_text(path, out.getvalue())
