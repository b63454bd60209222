"""Name-based addresses from live data, and in-batch references: shared by every connector.

Address paths join names with ``/``: a name containing ``/`` or ``%`` is escaped (``%2F``, ``%25``) so
that every path splits back into its names. Where a platform allows two siblings with the same name
(Meta campaigns, ads), the first one keeps the plain path (a managed one first, then the oldest) and
each other one gets ``~<platform id>`` appended to its last segment, so that every live object has a
distinct address that stays stable from run to run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from midas_reconcile.connectors.base import WriteOp, WriteResult
from midas_reconcile.errors import ConnectorError, PermanentError
from midas_reconcile.resources import Address
from midas_reconcile.resources import join_path as join
from midas_reconcile.resources import path_segment as segment

__all__ = [
    "BAD_REFERENCE",
    "DEPENDENCY_FAILED",
    "Batch",
    "Candidate",
    "DependencyFailed",
    "join",
    "marker_names",
    "segment",
    "unique_paths",
]

DEPENDENCY_FAILED = "midas.DEPENDENCY_FAILED"
BAD_REFERENCE = "midas.BAD_REFERENCE"


@dataclass(frozen=True)
class Candidate:
    """An object that wants ``path``; ``order`` is its creation order (older first)."""

    id: str
    path: str
    managed: bool
    order: int


def unique_paths(candidates: Sequence[Candidate]) -> dict[str, str]:
    """id → distinct path: on a clash the managed (then oldest) object keeps the plain path."""
    by_path: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        by_path.setdefault(candidate.path, []).append(candidate)
    out: dict[str, str] = {}
    for path, group in by_path.items():
        group.sort(key=lambda c: (not c.managed, c.order, c.id))
        out[group[0].id] = path
        for other in group[1:]:
            out[other.id] = f"{path}~{other.id}"
    return out


class DependencyFailed(PermanentError):
    """An operation referred to an object that an earlier operation of its batch failed to create."""

    def __init__(self, platform: str, address: Address) -> None:
        super().__init__(
            f"depends on failed operation {address} (to be created earlier in this batch)",
            platform=platform,
            code=DEPENDENCY_FAILED,
        )
        self.dependency = address


@dataclass
class Batch:
    """The bookkeeping of one ``write`` call: results so far and which op creates which address."""

    platform: str
    ops: Sequence[WriteOp]
    results: list[WriteResult | None] = field(init=False)
    creators: dict[Address, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.results = [None] * len(self.ops)

    def fail(self, index: int, error: ConnectorError, platform_id: str | None = None) -> None:
        self.results[index] = WriteResult(self.ops[index].address, False, platform_id, error)

    def succeed(self, index: int, platform_id: str | None) -> None:
        self.results[index] = WriteResult(self.ops[index].address, True, platform_id)

    def failed(self, index: int) -> bool:
        result = self.results[index]
        return result is not None and not result.ok

    def ref(self, index: int, name: str, value: str | Address) -> str | int:
        """A reference of op ``index``: a platform id (str), or the index of the earlier op creating it."""
        if not isinstance(value, Address):
            return str(value)
        creator = self.creators.get(value)
        if creator is None or creator >= index:
            raise PermanentError(
                f"ref {name} → {value} is neither a platform id nor created by an earlier operation "
                "of this batch",
                platform=self.platform,
                code=BAD_REFERENCE,
            )
        if self.failed(creator):
            raise DependencyFailed(self.platform, value)
        return creator

    def failed_dependency(self, index: int) -> Address | None:
        """The first in-batch reference of op ``index`` whose creating op failed."""
        for value in self.ops[index].refs.values():
            if isinstance(value, Address) and value in self.creators and self.failed(self.creators[value]):
                return value
        return None

    def finish(self) -> list[WriteResult]:
        out = []
        for index, result in enumerate(self.results):
            if result is None:  # cannot happen: every op is settled; fail loudly rather than drop one
                result = WriteResult(
                    self.ops[index].address,
                    False,
                    error=PermanentError(
                        "operation was not processed", platform=self.platform, code="midas.INTERNAL"
                    ),
                )
            out.append(result)
        return out


def marker_names(labels: Sequence[Mapping[str, str]] | Sequence[str]) -> list[str]:
    """Label names, sorted, from names or ``{name: …}`` dicts."""
    return sorted(str(item["name"]) if isinstance(item, Mapping) else str(item) for item in labels)
