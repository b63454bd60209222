"""Have the platforms check a plan's writes without applying them (``midas plan --validate-remote``).

The plan's operations go through the applier exactly as ``apply`` would send them — same batches,
same temporary names and references, same pacing and retries — but each connector's ``validate``
(Google Ads ``validate_only``) takes the place of ``write``, and nothing is journaled or recorded.
What comes back is every change the platform would refuse, with its message. Accounts whose
connector cannot validate are not checked, nor are changes that refer to an object the plan creates (it has
no id) or that wait, settled, for an earlier change of the plan (which a validation does not apply).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from midas_reconcile.applier import apply
from midas_reconcile.connectors.base import Connector, ValidatesWrites, WriteOp, WriteResult
from midas_reconcile.plan import Plan
from midas_reconcile.ratelimit import Backoff, TokenBucket
from midas_reconcile.resources import Address, Resource

#: An applier failure that only means "refers to an object created by an earlier request", which a
#: validation (where nothing is created) cannot resolve: not a rejection.
_UNRESOLVABLE = "cannot resolve reference"
#: An applier failure that only means "waits (settled) for an earlier change of this plan", which a
#: validation checks but never applies: the platform would weigh the op against the object as it is (an ad
#: group's device modifier against a campaign still opted out of the device), so it is not checkable.
_WAITS_ON_VALIDATED = "not checked: it waits for"


@dataclass(frozen=True)
class Rejection:
    """A change the platform would refuse, and why."""

    address: Address
    message: str


class _Validating:
    """A connector whose writes are validations."""

    def __init__(self, connector: Any) -> None:
        self._connector = connector
        self.platform = connector.platform
        self.account = connector.account
        self.currency = connector.currency
        self.limits = connector.limits

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        results: list[WriteResult] = self._connector.validate(ops)
        return results

    def operation_cost(self, op: WriteOp) -> int:
        cost: int = self._connector.operation_cost(op)
        return cost


class _NoJournal:
    """The applier's store for a validation: nothing is journaled, recorded or forgotten."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def record_many(self, resources: Sequence[Resource], /) -> None:
        pass

    def record_fields(self, address: Address, fields: Mapping[str, Any], /) -> None:
        pass

    def forget_many(self, addresses: Sequence[Address], /) -> None:
        pass

    def forget_under(self, containers: Sequence[Address], kept: frozenset[str], /) -> None:
        pass

    def move_many(self, moves: Sequence[tuple[Address, Address]], /) -> None:
        pass

    def journal_batch(self, run_id: int, account: str, platform: str, ops: Sequence[WriteOp], /) -> int:
        return next(self._ids)

    def journal_sent(self, batch_id: int, /) -> None:
        pass

    def journal_done(self, batch_id: int, results: Sequence[WriteResult], /) -> None:
        pass

    def settle_claims(self, accounts: Iterable[str], /) -> None:
        pass


def validate_remote(
    plan: Plan,
    connectors: Mapping[str, Connector],
    *,
    limiters: Mapping[str, TokenBucket] | None = None,
    backoff: Backoff | None = None,
    sleep: Callable[[float], None] | None = None,
) -> tuple[list[Rejection], list[str]]:
    """The rejections of every account whose connector validates, and the accounts not checked."""
    checked = {
        a: _Validating(c) for a, c in connectors.items() if isinstance(c, ValidatesWrites) and c.can_validate
    }
    unchecked = sorted(set(plan.accounts) - set(checked))
    if not checked:
        return [], unchecked
    changes = [c for c in plan.changes if c.address.account in checked]
    subset = replace(plan, accounts=sorted(checked), changes=changes)
    options: dict[str, Any] = {"limiters": limiters, "backoff": backoff}
    if sleep is not None:
        options["sleep"] = sleep
    # The applier only writes (and costs operations) through its connectors: that is all _Validating has.
    writers = cast(Mapping[str, Connector], checked)
    result = apply(subset, writers, _NoJournal(), run_id=0, validating=True, **options)
    rejections = [
        Rejection(o.address, o.message)
        for o in result.outcomes
        if o.status == "failed" and _UNRESOLVABLE not in o.message and _WAITS_ON_VALIDATED not in o.message
    ]
    return rejections, unchecked
