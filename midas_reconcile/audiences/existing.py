"""Audiences built outside MIDAS (``existing: true`` Audience specs) in a plan.

Such an audience compiles to addresses only (``compile.audiences``: one per account its spec lists — two
accounts of one platform are two addresses), never to a resource MIDAS would create, change or delete. A
plan reads those accounts' audiences and ``check_found`` requires exactly one live audience of the name at
each address — none (a typo, the wrong account, deleted in the console) or two (a Meta name shared by two
audiences) is an error that points at the spec's account, before anything is planned. The planner then
carries each one's live id in ``Plan.existing`` (by address, so per account) for the campaigns that target
it: a campaign targets the id the name has on its own account.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from midas_reconcile.errors import SpecError, SpecIssue
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec import locate
from midas_reconcile.spec._yaml import format_path


def check_found(
    existing: Mapping[Address, str],
    live: Mapping[str, Sequence[Resource]],
    documents: Mapping[str, Any],
    root: Path,
) -> None:
    """Raise ``SpecError`` unless each address of ``existing`` (→ audience name) holds exactly one
    audience in ``live`` (account → its read, audiences included). ``documents`` are the workspace's
    Audience documents by name (for the file, line and field of each problem)."""
    ids: dict[Address, list[str]] = {}
    for account in {a.account for a in existing}:
        for resource in live.get(account, ()):
            if resource.address in existing:
                ids.setdefault(resource.address, []).append(str(resource.platform_id))
    issues = []
    for address, name in sorted(existing.items(), key=lambda item: item[0].sort_key()):
        found = ids.get(address, [])
        if len(found) == 1:
            continue
        where = f"{address.platform} account {address.account!r}"
        if not found:
            message = (
                f"audience {name!r} (existing: true) is not found on {where}; expected an audience of that "
                "name there, built outside MIDAS (which never creates an existing audience): build it on "
                "the platform, or correct the name or spec.platforms"
            )
        else:
            message = (
                f"audience {name!r} (existing: true) is ambiguous on {where}: {len(found)} audiences "
                f"share that name (ids {', '.join(sorted(found))}); expected exactly one "
                "(rename the others on the platform)"
            )
        doc = documents[name]
        path = next(
            (
                where.path
                for where in doc.spec.platforms.located()
                if (where.platform, where.account) == (address.platform, address.account)
            ),
            ("spec", "platforms", address.platform),
        )
        line, column = locate(root, doc, path)
        issues.append(SpecIssue(doc.file, line, column, format_path(path), message))
    if issues:
        raise SpecError(issues)
