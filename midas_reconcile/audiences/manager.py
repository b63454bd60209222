"""``AudienceManager``: the audiences of one workspace and its state store, behind the seed's names.

``detect_audience_overlap`` compares two audiences (customer lists exactly or by stored sketches;
targeting audiences and campaigns by population), ``create_unified_audience`` writes a new Audience
spec and records it, ``sync_audiences`` brings the store in step with the specs. Uploading members to
the platforms is not done here yet (issue #7, point 7): ``sync_audiences`` stops at what the state store
can hold — unified audience rows and customer-list sketches.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from midas_reconcile.audiences import overlap as list_overlap
from midas_reconcile.audiences.customer_list import KeySet, ReadReport
from midas_reconcile.audiences.parallel import read_key_sets
from midas_reconcile.audiences.targeting_overlap import TargetingOverlap, targeting_overlap
from midas_reconcile.errors import MidasError, SpecError, SpecIssue
from midas_reconcile.spec import (
    NAME_PATTERN,
    AudienceSpec,
    Document,
    Targeting,
    Workspace,
    load_workspace,
)
from midas_reconcile.store import StateStore
from midas_reconcile.store.audiences import AudienceRow, SketchRow
from midas_reconcile.targeting import canonical_targeting

AudienceOverlap = list_overlap.ListOverlap | TargetingOverlap
#: Where ``create_unified_audience`` writes new Audience specs, relative to the workspace root.
AUDIENCE_SPEC_DIR: Final = Path("specs") / "audiences"
PLATFORMS: Final = ("google", "meta")


class AudienceError(MidasError):
    """An audience request that cannot be answered (unknown name, kinds that cannot be compared …)."""


@dataclass
class AudienceSync:
    """What ``sync_audiences`` did: rows created, updated and removed, sketches (re)computed with their
    member counts, and each list's read report (bad rows by line, no PII)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    sketched: dict[str, int] = field(default_factory=dict)
    reports: dict[str, ReadReport] = field(default_factory=dict)


def unified_rows(
    audiences: Mapping[str, Document[AudienceSpec]],
) -> list[tuple[str, str, dict[str, Any], str]]:
    """``(name, kind, targeting JSON, digest)`` per Audience spec, as ``midas_unified_audiences`` keeps
    them: a targeting audience's canonical targeting, or a customer list's path and consent."""
    rows = []
    for name, doc in sorted(audiences.items()):
        spec = doc.spec
        if spec.customer_list is not None:
            rows.append(
                (
                    name,
                    "customer_list",
                    {"customer_list": spec.customer_list.model_dump(mode="json")},
                    doc.digest,
                )
            )
        elif spec.targeting is not None:
            rows.append(
                (name, "targeting", canonical_targeting(spec.targeting).model_dump(mode="json"), doc.digest)
            )
    return rows


def sync_unified_audiences(store: StateStore, audiences: Mapping[str, Document[AudienceSpec]]) -> None:
    """Make ``midas_unified_audiences`` match the Audience specs (what ``apply`` calls: no CSV is read)."""
    store.sync_audiences(unified_rows(audiences))


class AudienceManager:
    """Audiences of the workspace at ``root`` with its ``store``; ``workers`` processes read large lists
    (default: one per CPU)."""

    def __init__(
        self, root: Path, store: StateStore, *, workspace: Workspace | None = None, workers: int | None = None
    ) -> None:
        self.root = Path(root)
        self.store = store
        self._workspace = workspace
        self._workers = workers
        self._keys: dict[str, KeySet] = {}

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = load_workspace(self.root)
        return self._workspace

    # -- overlap ------------------------------------------------------------------------------------
    def detect_audience_overlap(self, a: str, b: str, *, sketch: bool = False) -> AudienceOverlap:
        """Overlap of two Audience specs by name: customer lists exactly (or, with ``sketch``, from their
        stored Theta sketches, refreshed when the file changed), targeting audiences by population.
        Raises AudienceError for unknown names, an existing audience (built outside MIDAS: no members or
        definition in git) or a customer list compared with a targeting audience."""
        first, second = self._audience(a), self._audience(b)
        for name, doc in ((a, first), (b, second)):
            if doc.spec.existing:
                raise AudienceError(_no_members(name))
        if first.spec.customer_list is not None and second.spec.customer_list is not None:
            if sketch:
                return list_overlap.theta_overlap(self._sketch(a).sketch, self._sketch(b).sketch, (a, b))
            return list_overlap.exact_overlap(self.keys(a), self.keys(b), (a, b))
        if first.spec.targeting is not None and second.spec.targeting is not None:
            return targeting_overlap(first.spec.targeting, second.spec.targeting, (a, b))
        raise AudienceError(f"cannot compare {a!r} with {b!r}: one is a customer list, the other a targeting")

    def campaign_overlap(self, a: str, b: str) -> TargetingOverlap:
        """Overlap of two campaigns' declared targeting, each named ``platform:NAME`` (``google:spring``):
        the campaign spec's targeting (ad-group overrides are not considered)."""
        return targeting_overlap(self._campaign_targeting(a), self._campaign_targeting(b), (a, b))

    def read_lists(self, names: Sequence[str]) -> None:
        """Read the customer lists among ``names`` (not read yet) together: their large files share one
        pool of worker processes. Overlaps of several lists call this first."""
        wanted = [
            n for n in dict.fromkeys(names) if n not in self._keys and self._audience(n).spec.customer_list
        ]
        key_sets = read_key_sets([self._list_path(n) for n in wanted], self._workers)
        for name, keys in zip(wanted, key_sets, strict=True):
            keys.report.path = self._shown(name)
            self._keys[name] = keys

    def loaded_lists(self) -> list[str]:
        """Customer lists read so far (whose ``keys(name).report`` is available without reading again)."""
        return sorted(self._keys)

    def keys(self, name: str) -> KeySet:
        """The customer list's distinct canonical keys (read once per manager)."""
        if name not in self._keys:
            self.read_lists([name])
        return self._keys[name]

    # -- store ---------------------------------------------------------------------------------------
    def create_unified_audience(self, name: str, targeting: Targeting) -> AudienceRow:
        """Write ``specs/audiences/NAME.yaml`` (a targeting Audience), validate the workspace with it and
        record it in the store. Raises AudienceError if the name is taken, SpecError if it is invalid (the
        file is then removed again)."""
        if not re.match(NAME_PATTERN, name):
            raise AudienceError(f"audience name {name!r} does not match {NAME_PATTERN}")
        if name in self.workspace.audiences:
            raise AudienceError(
                f"an Audience named {name!r} exists already ({self.workspace.audiences[name].source})"
            )
        path = self.root / AUDIENCE_SPEC_DIR / f"{name}.yaml"
        if path.exists():
            raise AudienceError(f"{path} exists already")
        document = {
            "apiVersion": "midas/v1",
            "kind": "Audience",
            "metadata": {"name": name},
            "spec": {
                "targeting": canonical_targeting(targeting).model_dump(mode="json", exclude_defaults=True)
            },
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        try:
            self._workspace = load_workspace(self.root)
        except SpecError:
            path.unlink()
            raise
        sync_unified_audiences(self.store, self.workspace.audiences)
        return next(row for row in self.store.unified_audiences() if row.name == name)

    def sync_audiences(self, *, sketches: bool = True) -> AudienceSync:
        """Bring the store in step with the Audience specs: ``midas_unified_audiences`` rows, and (with
        ``sketches``) a fresh Theta sketch of every customer list whose file changed. Nothing is uploaded
        to the platforms yet (point 7)."""
        counts = self.store.sync_audiences(unified_rows(self.workspace.audiences))
        result = AudienceSync(counts.created, counts.updated, counts.removed)
        if sketches:
            for name, doc in self.workspace.audiences.items():
                if doc.spec.customer_list is None:
                    continue
                stored = self.store.sketch(name)
                if stored is None or stored.source_digest != file_digest(self._list_path(name)):
                    stored = self._sketch(name)
                    result.sketched[name] = stored.members
                if name in self._keys:
                    result.reports[name] = self._keys[name].report
        return result

    def _sketch(self, name: str, lg_k: int = list_overlap.DEFAULT_LG_K) -> SketchRow:
        """The stored sketch of a customer list, recomputed (and stored) when its file changed."""
        digest = file_digest(self._list_path(name))
        stored = self.store.sketch(name)
        if stored is not None and stored.source_digest == digest and stored.lg_k == lg_k:
            return stored
        if not any(row.name == name for row in self.store.unified_audiences()):
            sync_unified_audiences(self.store, self.workspace.audiences)
        keys = self.keys(name)
        row = SketchRow(
            audience_id=name,
            lg_k=lg_k,
            members=keys.size,
            bad_rows=keys.report.bad_count,
            sketch=list_overlap.sketch_keys(keys, lg_k),
            source_digest=digest,
            computed_at=self.store.now(),
        )
        self.store.save_sketch(row)
        return row

    # -- lookups -------------------------------------------------------------------------------------
    def _audience(self, name: str) -> Document[AudienceSpec]:
        audiences = self.workspace.audiences
        if name not in audiences:
            known = ", ".join(sorted(audiences)) or "none defined"
            raise AudienceError(f"unknown Audience {name!r}; expected one of the specs' audiences ({known})")
        return audiences[name]

    def _shown(self, name: str) -> str:
        """The list's path as the spec names it (relative to the workspace): what messages show."""
        customer_list = self._audience(name).spec.customer_list
        return customer_list.path if customer_list is not None else name

    def _list_path(self, name: str) -> Path:
        spec = self._audience(name).spec
        customer_list = spec.customer_list
        if spec.existing:
            raise AudienceError(_no_members(name))
        if customer_list is None:
            raise AudienceError(f"Audience {name!r} is a targeting audience, not a customer list")
        return self.root / customer_list.path

    def _campaign_targeting(self, ref: str) -> Targeting:
        platform, _, name = ref.partition(":")
        if platform not in PLATFORMS or not name:
            raise AudienceError(f"found {ref!r}; expected PLATFORM:CAMPAIGN with PLATFORM google or meta")
        campaign = self.workspace.campaigns.get(name)
        if campaign is None:
            raise AudienceError(f"unknown Campaign {name!r} in {ref!r}")
        if getattr(campaign.spec.platforms, platform) is None:
            raise AudienceError(f"Campaign {name!r} does not run on {platform} ({campaign.source})")
        return campaign.spec.targeting


def _no_members(name: str) -> str:
    return (
        f"Audience {name!r} is an existing audience (existing: true, built outside MIDAS): its members "
        "and definition are not in git, so MIDAS cannot compare it; expected a customer list or a "
        "targeting audience"
    )


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (whether a stored sketch is stale); SpecError if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except OSError as exc:
        raise SpecError(
            [SpecIssue(str(path), 1, 1, "", f"cannot read the customer list ({exc.strerror})")]
        ) from None
    return digest.hexdigest()
