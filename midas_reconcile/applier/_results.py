"""What an apply reports (outcomes, progress events) and the part of the state store it writes to."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from midas_reconcile.connectors.base import WriteOp, WriteResult
from midas_reconcile.plan import Action
from midas_reconcile.resources import Address, Resource

OutcomeStatus = Literal["applied", "failed", "skipped"]
EventKind = Literal["batch_start", "batch_done", "retry", "not_sent"]


class ApplyStore(Protocol):
    """The part of the state store the applier uses (``store.StateStore`` satisfies it)."""

    def record_many(self, resources: Sequence[Resource], /) -> None: ...
    def record_fields(self, address: Address, fields: Mapping[str, Any], /) -> None: ...
    def forget_many(self, addresses: Sequence[Address], /) -> None: ...
    def forget_under(self, containers: Sequence[Address], kept: frozenset[str], /) -> None: ...
    def move_many(self, moves: Sequence[tuple[Address, Address]], /) -> None: ...
    def journal_batch(self, run_id: int, account: str, platform: str, ops: Sequence[WriteOp], /) -> int: ...
    def journal_sent(self, batch_id: int, /) -> None: ...
    def journal_done(self, batch_id: int, results: Sequence[WriteResult], /) -> None: ...
    def settle_claims(self, accounts: Iterable[str], /) -> None: ...


@dataclass(frozen=True, slots=True)
class ResourceOutcome:
    """What happened to one planned change (NOOP changes have none, but for a record moved alone).

    ``message`` is the platform's message for failures and "depends on failed <address>" for skips;
    ``moved_from`` the address the apply moved its record from (``Change.moved_from``), before any write.
    """

    address: Address
    action: Action
    status: OutcomeStatus
    platform_id: str | None
    message: str
    moved_from: Address | None = None


@dataclass
class ApplyResult:
    """Outcomes in plan order and the number of write calls made per account."""

    outcomes: list[ResourceOutcome]
    write_calls: dict[str, int]
    #: Records written though nothing was sent: a lifecycle the specs changed alone, a console change they
    #: now hold (the plan's ``lifecycle_updates`` and ``record_refreshes``).
    records_updated: int = 0
    #: Records dropped though nothing was sent (``Plan.forgets``).
    records_dropped: int = 0

    @property
    def ok(self) -> bool:
        """True when every change was applied."""
        return not self.failures

    @property
    def failures(self) -> list[ResourceOutcome]:
        """Changes not applied: failed ones and the ones skipped because of them."""
        return [o for o in self.outcomes if o.status != "applied"]

    def counts(self) -> dict[str, int]:
        """Outcomes per status, in a fixed order (applied, failed, skipped), and the records ``moved``,
        ``updated`` and ``dropped``, as the plan counts its records to move, to update or refresh, and to
        drop. A record moved alone is no change applied: a renamed campaign's hundreds of records moved along
        sent nothing."""
        counts: Counter[str] = Counter(o.status for o in self.outcomes if not _moved_alone(o))
        counts["moved"] = sum(1 for o in self.outcomes if o.moved_from is not None or _moved_alone(o))
        counts["updated"], counts["dropped"] = self.records_updated, self.records_dropped
        return {s: counts[s] for s in ("applied", "failed", "skipped", "moved", "updated", "dropped")}


def _moved_alone(outcome: ResourceOutcome) -> bool:
    """A change that only moved MIDAS's record (a NOOP has an outcome for nothing else)."""
    return outcome.action is Action.NOOP and outcome.status == "applied"


@dataclass(frozen=True)
class ApplyEvent:
    """Progress of one account: ``done`` of ``total`` operations finished (progress hook payload)."""

    kind: EventKind
    account: str
    done: int
    total: int
    message: str
