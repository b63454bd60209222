"""Customer-list audiences → a Google Customer Match user list and / or a Meta custom audience per
account the ``Audience`` names in ``spec.platforms``.

The list is read once (normalised and hashed per platform, bad rows reported by line), and each
resource carries its members as ``members_digest`` (``audiences.members``) and ``member_count``: the plan
shows the member set changing without carrying it. The members themselves (canonical key → the
platform's hashed payload) come back in ``AudienceUpload`` for the apply to send.

Google lists never expire (``membership_life_span`` 10,000); Meta audiences say their customers'
data came from the users themselves (``customer_file_source: USER_PROVIDED_ONLY``).

An ``existing: true`` audience (built outside MIDAS) compiles to no resource: only the addresses where
it must be found live (``CompiledAudiences.existing``: one per account it lists, several of a platform
included), which the plan resolves to ids and never changes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from midas_reconcile.audiences import members as audience_members
from midas_reconcile.audiences.customer_list import ReadReport, iter_members
from midas_reconcile.resources import AUDIENCE_KIND, GOOGLE, Address, Resource, digest, path_segment

GOOGLE_NO_EXPIRY: Final = 10_000
META_CUSTOMER_FILE_SOURCE: Final = "USER_PROVIDED_ONLY"


@dataclass(frozen=True)
class AudienceUpload:
    """What an apply sends to one platform audience: ``members`` (canonical key → hashed payload) and
    the list's consent attestation (``ad_user_data`` / ``ad_personalization``: granted / denied)."""

    members: dict[str, Any]
    consent: dict[str, str]


@dataclass
class CompiledAudiences:
    resources: list[Resource] = field(default_factory=list)
    uploads: dict[Address, AudienceUpload] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Existing audiences: the address each must be found at on each account → the audience's name.
    existing: dict[Address, str] = field(default_factory=dict)


def compile_audiences(workspace: Any, wanted: Collection[str] | None) -> CompiledAudiences:
    """The audience resources of every customer-list ``Audience`` with ``platforms``, and the addresses of
    every existing one (of the accounts in ``wanted``, or all). Raises ``SpecError`` for a list that
    cannot be read."""
    out = CompiledAudiences()
    documents = getattr(workspace, "audiences", None) or {}
    for name in sorted(documents):
        doc = documents[name]
        spec = doc.spec
        if spec.platforms is None or (spec.customer_list is None and not spec.existing):
            continue
        targets = [
            (platform, account)
            for platform, account, _ in spec.platforms.located()
            if wanted is None or account in wanted
        ]
        if spec.existing:
            for platform, account in targets:
                out.existing[Address(platform, account, AUDIENCE_KIND[platform], path_segment(name))] = name
            continue
        if not targets or spec.customer_list is None:
            continue
        path = Path(workspace.root) / spec.customer_list.path
        report = ReadReport(spec.customer_list.path)
        members = list(iter_members(path, report))
        warnings = tuple(report.summary())
        out.warnings.extend(warnings)
        consent = {
            "ad_user_data": spec.customer_list.consent.ad_user_data,
            "ad_personalization": spec.customer_list.consent.ad_personalization,
        }
        for platform, account in targets:
            payloads = audience_members.payloads(members, platform)
            fields: dict[str, Any] = {"name": name}
            if platform == GOOGLE:
                fields["membership_life_span"] = GOOGLE_NO_EXPIRY
            else:
                fields["customer_file_source"] = META_CUSTOMER_FILE_SOURCE
            fields["members_digest"] = audience_members.members_digest(payloads)
            fields["member_count"] = len(payloads)
            address = Address(platform, account, AUDIENCE_KIND[platform], path_segment(name))
            out.resources.append(
                Resource(
                    address,
                    fields,
                    warnings=warnings,
                    source=f"{doc.file}:{doc.line}",
                    # The list's contents are part of the spec: a changed CSV is a spec change.
                    spec_digest=digest([doc.digest, fields["members_digest"]]),
                )
            )
            out.uploads[address] = AudienceUpload(payloads, consent)
    return out
