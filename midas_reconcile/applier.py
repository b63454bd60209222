"""Execute a Plan: dependency order, batching to platform limits, rate limits, retries, journal.

How one apply runs, account after account in sorted order (parallelism across accounts is the CLI's,
one job per account):

1. The account's changes become write operations in plan order, which is the planner's dependency
   order. CREATE sends every field; UPDATE sends only the changed top-level fields (a change at
   ``targeting.age_min`` sends the whole ``targeting``) and changed refs; PAUSE sets ``status`` to
   ``PAUSED``; DELETE removes by platform id; REPLACE creates the new object in place and removes
   the old one at the end, among the deletes (so dependents point at the new object first); NOOP
   sends nothing. Deletes go last, deepest kinds first.
2. Operations go out in consecutive batches of at most ``connector.limits.write_batch_size``: the
   physical minimum number of calls when nothing fails. A reference resolves to the platform id
   learnt in this apply, else to the target's ``Address`` when an earlier operation of the same
   batch creates it (the connector resolves it), else to the id the plan carries
   (``before.platform_id``, NOOP changes included).
3. Each batch is journaled pending → sent → done around its call (invariant 6), and what succeeded
   is recorded in the store at once: a crash loses at most the batch in flight, whose creates the next
   plan adopts through the store's claims.
4. Failures. A whole-call ``TransientError`` retries the batch after back-off (never sooner than the
   platform's ``retry_after``), up to ``max_attempts`` calls. A per-operation ``TransientError``
   retries that operation, and what failed with it in the same batch, in the next batch. Any other
   error fails the resource and skips the later operations that depend on it — its descendants (paths
   under a failed campaign, ad group or ad set) and those referring to it — with "depends on failed
   <address>"; independent work continues. An ``AuthError`` stops the account.
5. Finally every NOOP change that has a live object is recorded (this adopts resources claimed by an
   interrupted apply), NOOPs already gone are forgotten, and the claims of the accounts whose
   operations all succeeded are settled.
"""

from __future__ import annotations

import random
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, Literal, Protocol

from midas_reconcile.connectors.base import Connector, WriteAction, WriteOp, WriteResult
from midas_reconcile.errors import AuthError, ConnectorError, PlanError, TransientError
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.ratelimit import Backoff, TokenBucket
from midas_reconcile.resources import FIELDS, GOOGLE, META, Address, Resource

OutcomeStatus = Literal["applied", "failed", "skipped"]
EventKind = Literal["batch_start", "batch_done", "retry"]

#: Kinds whose failure dooms the objects whose paths lie under theirs. A Google campaign budget shares
#: its campaign's path but contains nothing; a Meta ad creative shares its ad's path and is referenced.
CONTAINER_KINDS: Final[dict[str, frozenset[str]]] = {
    GOOGLE: frozenset({"campaign", "ad_group"}),
    META: frozenset({"campaign", "adset"}),
}
PAUSED: Final = "PAUSED"


class ApplyStore(Protocol):
    """The part of the state store the applier uses (``store.StateStore`` satisfies it)."""

    def record_many(self, resources: Sequence[Resource], /) -> None: ...
    def forget_many(self, addresses: Sequence[Address], /) -> None: ...
    def journal_batch(self, run_id: int, account: str, platform: str, ops: Sequence[WriteOp], /) -> int: ...
    def journal_sent(self, batch_id: int, /) -> None: ...
    def journal_done(self, batch_id: int, results: Sequence[WriteResult], /) -> None: ...
    def settle_claims(self, accounts: Iterable[str], /) -> None: ...


@dataclass(frozen=True)
class ResourceOutcome:
    """What happened to one planned change (NOOP changes have none).

    ``message`` is the platform's message for failures and "depends on failed <address>" for skips.
    """

    address: Address
    action: Action
    status: OutcomeStatus
    platform_id: str | None
    message: str


@dataclass
class ApplyResult:
    """Outcomes in plan order and the number of write calls made per account."""

    outcomes: list[ResourceOutcome]
    write_calls: dict[str, int]

    @property
    def ok(self) -> bool:
        """True when every change was applied."""
        return not self.failures

    @property
    def failures(self) -> list[ResourceOutcome]:
        """Changes not applied: failed ones and the ones skipped because of them."""
        return [o for o in self.outcomes if o.status != "applied"]

    def counts(self) -> dict[str, int]:
        """Outcomes per status, in a fixed order (applied, failed, skipped)."""
        counts = Counter(o.status for o in self.outcomes)
        return {status: counts.get(status, 0) for status in ("applied", "failed", "skipped")}


@dataclass(frozen=True)
class ApplyEvent:
    """Progress of one account: ``done`` of ``total`` operations finished (progress hook payload)."""

    kind: EventKind
    account: str
    done: int
    total: int
    message: str


@dataclass(eq=False)
class _Op:
    """One write to make (or to settle locally), bound to its plan change."""

    index: int  # the change's position in the plan: outcomes are keyed by it
    change: Change
    action: WriteAction
    fields: dict[str, Any]
    refs: dict[str, Address]  # references to send, resolved per batch
    platform_id: str | None = None
    #: Removes the old object of a REPLACE (the new one is created by the change's main op).
    old_half: bool = False
    #: Addresses that must not have failed before this op is sent (besides refs and containers).
    waits_for: tuple[Address, ...] = ()
    #: Settled without a call: failure message or applied message.
    error: str = ""
    local: str = ""
    attempts: int = 0
    #: Platform operations this op takes (``Connector.operation_cost``), once known.
    cost: int = 0

    @property
    def address(self) -> Address:
        return self.change.address


def apply(
    plan: Plan,
    connectors: Mapping[str, Connector],
    store: ApplyStore,
    *,
    run_id: int,
    limiters: Mapping[str, TokenBucket] | None = None,
    backoff: Backoff | None = None,
    max_attempts: int = 8,
    sleep: Callable[[float], None] = time.sleep,
    on_event: Callable[[ApplyEvent], None] | None = None,
    max_wait: float = 900.0,
) -> ApplyResult:
    """Execute ``plan`` through ``connectors`` (keyed by account name), journaling into ``store``.

    ``limiters`` pace each account's write calls (one token per call); ``backoff`` (default: 0.5 s
    doubling to 60 s, full jitter) and ``sleep`` time the retries; ``max_attempts`` bounds the calls
    spent on one batch or one operation; a platform asking to wait more than ``max_wait`` seconds
    (a daily quota, an hour-long block) fails the operations at once rather than hanging the job.
    Platform failures are reported in the result, never raised.
    Raises ``PlanError`` before any write if an operation refers to an object the plan creates later,
    and ``ConnectorError`` if a connector answers a batch with results that do not match it.
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    backoff = backoff or Backoff(rng=random.Random())
    known_ids: dict[Address, str] = {}
    for change in plan.changes:
        if change.before is not None and change.before.platform_id:
            known_ids[change.address] = change.before.platform_id
    by_account: dict[str, list[tuple[int, Change]]] = {a: [] for a in plan.accounts}
    for index, change in enumerate(plan.changes):
        by_account.setdefault(change.address.account, []).append((index, change))
    ops_by_account = {account: _operations(changes) for account, changes in by_account.items()}
    for ops in ops_by_account.values():
        _check_order(ops)

    ctx = _Context(store, run_id, backoff, max_attempts, max_wait, sleep, on_event, known_ids)
    outcomes: dict[int, ResourceOutcome] = {}
    write_calls: dict[str, int] = {}
    settled: list[str] = []
    for account in sorted(ops_by_account):
        run = _AccountRun(account, connectors.get(account), (limiters or {}).get(account), ctx)
        run.run(ops_by_account[account])
        outcomes.update(run.outcomes)
        write_calls[account] = run.calls
        if not run.stopped and all(o.status == "applied" for o in run.outcomes.values()):
            settled.append(account)

    noops = [c for c in plan.changes if c.action is Action.NOOP]
    adopted = [
        _recorded(c.after, c.before.platform_id)
        for c in noops
        if c.after and c.before and c.before.platform_id
    ]
    if adopted:
        store.record_many(adopted)
    gone = [c.address for c in noops if c.before is None] + [
        c.address
        for c in plan.changes
        if c.action is Action.DELETE and not (c.before and c.before.platform_id)
    ]
    if gone:
        store.forget_many(gone)
    if settled:
        store.settle_claims(settled)
    return ApplyResult(outcomes=[outcomes[i] for i in sorted(outcomes)], write_calls=write_calls)


def _recorded(resource: Resource, platform_id: str | None) -> Resource:
    """The store's view of an applied resource: its platform id, managed, desired-side metadata kept."""
    return replace(resource, platform_id=platform_id, managed=True)


def _operations(changes: Sequence[tuple[int, Change]]) -> list[_Op]:
    """Write operations for one account's changes, in the order they must be sent."""
    first: list[_Op] = []
    last: list[_Op] = []
    for index, change in changes:
        before, after = change.before, change.after
        old_id = before.platform_id if before else None
        if change.action is Action.CREATE and after is not None:
            first.append(_Op(index, change, "create", dict(after.fields), dict(after.refs)))
        elif change.action is Action.REPLACE and after is not None:
            first.append(_Op(index, change, "create", dict(after.fields), dict(after.refs)))
            if old_id is not None:
                last.append(_Op(index, change, "delete", {}, {}, old_id, old_half=True))
        elif change.action is Action.UPDATE and after is not None:
            fields, refs = _changed(change, after)
            local = "" if fields or refs else "no field to send"
            first.append(_Op(index, change, "update", fields, refs, old_id, local=local))
        elif change.action is Action.PAUSE:
            local = ""
            if before is not None and before.fields.get("status") == PAUSED:
                local = "already paused"
            elif "status" not in FIELDS[(change.address.platform, change.address.kind)]:
                local = f"a {change.address.kind} has no status: it stops serving with its parent"
            first.append(_Op(index, change, "update", {"status": PAUSED}, {}, old_id, local=local))
        elif change.action is Action.DELETE and old_id is not None:
            last.append(_Op(index, change, "delete", {}, {}, old_id))
        elif change.action is Action.DELETE:
            first.append(_Op(index, change, "delete", {}, {}, None, local="already gone"))
        elif change.action is not Action.NOOP:
            first.append(
                _Op(index, change, "create", {}, {}, error=f"{change.action.value} without a resource")
            )
    for op in first:
        if op.action == "update" and not op.platform_id and not op.local:
            op.error = "no platform id is known for this resource"
    # The old half of a replacement waits until everything that referred to the object was repointed.
    replaced = {op.address: op for op in last if op.old_half}
    for op in first if replaced else ():
        for target in op.refs.values():
            if target in replaced:
                replaced[target].waits_for += (op.address,)
    for op in replaced.values():
        op.waits_for = (op.address, *op.waits_for)
    # Deletes keep the plan's order: the planner already puts them in reverse dependency order, with a
    # Meta creative after the ad or campaign that used it (re-sorting by depth alone would break that).
    return first + last


def _changed(change: Change, after: Resource) -> tuple[dict[str, Any], dict[str, Address]]:
    """The top-level fields and refs an UPDATE must send, with their new values."""
    fields: dict[str, Any] = {}
    refs: dict[str, Address] = {}
    for field_change in change.fields:
        head, _, rest = field_change.path.partition(".")
        if head == "refs" and rest:
            name = rest.split(".", 1)[0]
            if name in after.refs:  # a reference cannot be unset on the platforms; nothing to send
                refs[name] = after.refs[name]
        else:
            # A field gone from the desired side is sent as None: the connector clears it.
            fields[head] = after.fields.get(head)
    return dict(sorted(fields.items())), dict(sorted(refs.items()))


def _check_order(ops: Sequence[_Op]) -> None:
    """Refuse a plan in which an operation refers to an object created after it."""
    created = {op.address: i for i, op in enumerate(ops) if op.action == "create" and not op.error}
    for i, op in enumerate(ops):
        for target in op.refs.values():
            if created.get(target, -1) > i:
                raise PlanError(
                    f"the plan is not in dependency order: {op.address} refers to {target}, "
                    "which the plan creates after it"
                )


class _Unresolved(Exception):
    """A reference that neither this apply nor the plan can turn into a platform id."""


@dataclass(frozen=True)
class _Context:
    """What the runs of all accounts share."""

    store: ApplyStore
    run_id: int
    backoff: Backoff
    max_attempts: int
    max_wait: float
    sleep: Callable[[float], None]
    on_event: Callable[[ApplyEvent], None] | None
    known_ids: Mapping[Address, str]  # the plan's own platform ids (before.platform_id)


class _AccountRun:
    """The state of applying one account's operations."""

    def __init__(
        self, account: str, connector: Connector | None, limiter: TokenBucket | None, ctx: _Context
    ) -> None:
        self.account = account
        self.connector = connector
        self.limiter = limiter
        self.ctx = ctx
        self.ids: dict[Address, str] = {}  # learnt in this apply
        self.failed: dict[Address, Address] = {}  # failed or skipped address → root cause
        self.failed_paths: dict[tuple[str, str], Address] = {}  # (platform, container path) → root
        self.pending_creates: set[Address] = set()
        self.old_removed: set[int] = set()  # REPLACEs whose old object is gone
        self.outcomes: dict[int, ResourceOutcome] = {}
        self.calls = self.done = self.total = self.batches = 0
        self.stopped = False

    # -- driving ------------------------------------------------------------------------------------
    def run(self, ops: list[_Op]) -> None:
        self.total = len(ops)
        self.pending_creates = {op.address for op in ops if op.action == "create" and not op.error}
        problem = self._connector_problem(ops)
        if problem:  # every op that needs a call fails with the real cause; the others still settle
            for op in ops:
                if op.local:
                    self._succeed(op, op.platform_id, op.local)
                else:
                    self._fail(op, op.error or problem)
            return
        queue = deque(ops)
        while queue:
            batch, wires = self._compose(queue)
            if not batch:
                continue
            self.batches += 1
            self._emit("batch_start", f"batch {self.batches}: sending {len(batch)} operation(s)")
            try:
                results = self._call(batch, wires)
            except AuthError as exc:
                self.stopped = True
                for op in [*batch, *queue]:
                    self._fail(op, str(exc))
                queue.clear()
                self._emit("batch_done", f"batch {self.batches}: stopped this account: {exc}")
                return
            summary = "failed as a whole" if results is None else self._absorb(batch, wires, results, queue)
            self._emit("batch_done", f"batch {self.batches}: {summary}")

    def _connector_problem(self, ops: Sequence[_Op]) -> str:
        if all(op.local or op.error for op in ops):
            return ""
        if self.connector is None:
            return f"no connector is configured for account {self.account!r}"
        platform = ops[0].address.platform
        if self.connector.platform != platform:
            return (
                f"the connector of account {self.account!r} serves {self.connector.platform}, not {platform}"
            )
        if self.connector.limits.write_batch_size < 1:
            return f"the connector of account {self.account!r} declares a write batch size below 1"
        return ""

    def _emit(self, kind: EventKind, message: str) -> None:
        if self.ctx.on_event is not None:
            self.ctx.on_event(ApplyEvent(kind, self.account, self.done, self.total, message))

    # -- batches ------------------------------------------------------------------------------------
    def _compose(self, queue: deque[_Op]) -> tuple[list[_Op], list[WriteOp]]:
        """Take the next batch off the queue, settling ops that need no call (skips, local results)."""
        size = max(1, self.connector.limits.write_batch_size) if self.connector else len(queue)
        batch: list[_Op] = []
        wires: list[WriteOp] = []
        created_here: set[Address] = set()
        cost = 0
        while queue and cost < size:
            op = queue[0]
            if batch and op.cost and cost + op.cost > size:
                break
            queue.popleft()
            root = self._blocker(op)
            if root is not None:
                self._skip(op, root)
            elif op.error:
                self._fail(op, op.error)
            elif op.local:
                self._succeed(op, op.platform_id, op.local)
            else:
                try:
                    wire = self._wire(op, created_here)
                except _Unresolved as exc:
                    self._fail(op, str(exc))
                    continue
                if not op.cost:
                    op.cost = max(1, self.connector.operation_cost(wire)) if self.connector else 1
                    if batch and cost + op.cost > size:  # does not fit: first of the next batch
                        queue.appendleft(op)
                        break
                wires.append(wire)
                batch.append(op)
                cost += op.cost
                if op.action == "create":
                    created_here.add(op.address)
        return batch, wires

    def _blocker(self, op: _Op) -> Address | None:
        """The root failure this op depends on, if any."""
        for target in (*op.refs.values(), *op.waits_for):
            if target in self.failed:
                return self.failed[target]
        parts = op.address.path.split("/")
        for i in range(1, len(parts)):
            root = self.failed_paths.get((op.address.platform, "/".join(parts[:i])))
            if root is not None:
                return root
        return None

    def _wire(self, op: _Op, created_here: set[Address]) -> WriteOp:
        refs: dict[str, str | Address] = {}
        for name, target in op.refs.items():
            if target in created_here:
                refs[name] = target
            elif target in self.ids:
                refs[name] = self.ids[target]
            else:
                # Dependency order guarantees a target created in this apply comes first (checked).
                assert target not in self.pending_creates, f"{op.address}: {target} is created later"
                known = self.ctx.known_ids.get(target)
                if known is None:
                    raise _Unresolved(
                        f"cannot resolve reference {name} → {target}: the plan does not create it "
                        "and no platform id is known for it"
                    )
                refs[name] = known
        return WriteOp(op.action, op.address, fields=op.fields, refs=refs, platform_id=op.platform_id)

    def _call(self, batch: list[_Op], wires: list[WriteOp]) -> list[WriteResult] | None:
        """Send one batch, retrying whole-call transient failures; None when the batch failed whole.

        Raises ``AuthError`` (the account must stop) after journaling the call as failed.
        """
        assert self.connector is not None
        attempt = 0
        while True:
            attempt += 1
            batch_id = self.ctx.store.journal_batch(
                self.ctx.run_id, self.account, self.connector.platform, wires
            )
            if self.limiter is not None:
                self.limiter.acquire()
            self.ctx.store.journal_sent(batch_id)
            self.calls += 1
            try:
                results = list(self.connector.write(wires))
            except TransientError as exc:
                self.ctx.store.journal_done(batch_id, _failed(wires, exc))
                give_up = self._give_up(attempt, exc)
                if give_up:
                    for op in batch:
                        self._fail(op, f"{exc} ({give_up})")
                    return None
                self._pause(attempt, exc.retry_after, f"retrying the batch: {exc}")
                continue
            except ConnectorError as exc:  # AuthError, or a connector failing the call outright
                self.ctx.store.journal_done(batch_id, _failed(wires, exc))
                if isinstance(exc, AuthError):
                    raise
                for op in batch:
                    self._fail(op, str(exc))
                return None
            if len(results) != len(wires) or any(
                r.address != w.address for r, w in zip(results, wires, strict=False)
            ):
                # Left "sent" in the journal on purpose: the next plan adopts whatever was created.
                raise ConnectorError(
                    f"answered a batch of {len(wires)} operations with {len(results)} results that do "
                    "not match them",
                    platform=self.connector.platform,
                )
            self.ctx.store.journal_done(batch_id, results)
            return results

    def _give_up(self, attempts: int, error: TransientError) -> str:
        """Why retrying after ``attempts`` failed attempts is pointless ("" = retry)."""
        if attempts >= self.ctx.max_attempts:
            return f"gave up after {attempts} attempts"
        if error.retry_after is not None and error.retry_after > self.ctx.max_wait:
            return f"the platform asks to wait {error.retry_after:.0f}s, longer than {self.ctx.max_wait:.0f}s"
        return ""

    def _pause(self, attempt: int, retry_after: float | None, why: str) -> None:
        delay = self.ctx.backoff.delay(attempt, retry_after)
        if retry_after is not None and retry_after > 0 and self.limiter is not None:
            self.limiter.penalize(retry_after)
        self._emit("retry", f"{why}; waiting {delay:.1f}s (attempt {attempt + 1} of {self.ctx.max_attempts})")
        self.ctx.sleep(delay)

    def _absorb(
        self, batch: list[_Op], wires: list[WriteOp], results: list[WriteResult], queue: deque[_Op]
    ) -> str:
        """Take in one batch's results: record successes, fail or requeue the rest; returns a summary."""
        in_batch: dict[Address, tuple[Address, bool]] = {}  # failed here → (root, will be retried)
        retry: list[_Op] = []
        retry_after: list[float] = []
        records: list[Resource] = []
        forgets: list[Address] = []
        for op, wire, result in zip(batch, wires, results, strict=True):
            if result.ok:
                self._succeed(op, result.platform_id, "", records, forgets)
                continue
            cause = next(
                (
                    in_batch[t]
                    for t in (*wire.refs.values(), *op.waits_for)
                    if isinstance(t, Address) and t in in_batch
                ),
                None,
            )
            error = result.error
            if cause is not None:  # failed because something it needs failed in this very batch
                root, retried = cause
                if retried:
                    retry.append(op)
                else:
                    self._skip(op, root)
                in_batch[op.address] = cause
            elif isinstance(error, TransientError) and not self._give_up(op.attempts + 1, error):
                op.attempts += 1
                retry.append(op)
                retry_after.append(error.retry_after or 0.0)
                in_batch[op.address] = (op.address, True)
            else:
                message = str(error) if error is not None else "the platform gave no reason"
                if isinstance(error, TransientError):
                    message += f" ({self._give_up(op.attempts + 1, error)})"
                self._fail(op, message, forgets)
                in_batch[op.address] = (op.address, False)
        if records:
            self.ctx.store.record_many(records)
        if forgets:
            self.ctx.store.forget_many(forgets)
        if retry:
            queue.extendleft(reversed(retry))
            attempt = max(1, *(op.attempts for op in retry))
            self._pause(attempt, max(retry_after, default=0.0) or None, f"retrying {len(retry)} operation(s)")
        failed = len(batch) - sum(r.ok for r in results) - len(retry)
        return f"{sum(r.ok for r in results)} applied, {failed} failed, {len(retry)} to retry"

    # -- outcomes -----------------------------------------------------------------------------------
    def _succeed(
        self,
        op: _Op,
        platform_id: str | None,
        message: str,
        records: list[Resource] | None = None,
        forgets: list[Address] | None = None,
    ) -> None:
        change = op.change
        if op.old_half:
            self.done += 1
            self.old_removed.add(op.index)
            current = self.outcomes.get(op.index)
            if current is not None and current.status != "applied":  # its replacement failed already
                self._set(op, current.status, None, f"{current.message}; the old object was removed")
                self._forget([op.address], forgets)
            return
        if op.action == "create" and not platform_id:
            self._fail(op, "the platform reported success without an id", forgets)
            return
        self.done += 1
        record: Resource | None = None
        if op.action == "create" and change.after is not None:
            assert platform_id is not None
            self.ids[op.address] = platform_id
            self.pending_creates.discard(op.address)
            record = _recorded(change.after, platform_id)
        elif op.action == "update" and change.action is Action.PAUSE and not op.local:
            base = change.after or change.before
            assert base is not None
            record = _recorded(
                replace(base, fields={**base.fields, "status": PAUSED}), platform_id or op.platform_id
            )
        elif op.action == "update" and change.after is not None and change.action is Action.UPDATE:
            record = _recorded(change.after, platform_id or op.platform_id)
        elif op.action == "delete" and not op.local:
            self._forget([op.address], forgets)
        if record is not None:
            if records is None:
                self.ctx.store.record_many([record])
            else:
                records.append(record)
        self._set(op, "applied", platform_id or op.platform_id, message)

    def _fail(self, op: _Op, message: str, forgets: list[Address] | None = None) -> None:
        self._not_applied(op, "failed", op.address, message, f"could not be removed: {message}", forgets)

    def _skip(self, op: _Op, root: Address) -> None:
        message = f"depends on failed {root}"
        self._not_applied(op, "skipped", root, message, f"was kept: {message}")

    def _not_applied(
        self,
        op: _Op,
        status: OutcomeStatus,
        root: Address,
        message: str,
        old_half_message: str,
        forgets: list[Address] | None = None,
    ) -> None:
        self.done += 1
        self._mark(op.address, root)
        current = self.outcomes.get(op.index)
        if op.old_half:  # the replacement stands; the change as a whole did not go through
            if current is not None and current.status == "applied":
                text = f"replacement created ({current.platform_id}), but the old object ({op.platform_id})"
                self._set(op, "failed", current.platform_id, f"{text} {old_half_message}")
            return
        if op.index in self.old_removed:  # a REPLACE whose old object went in the same batch
            message += "; the old object was removed"
            self._forget([op.address], forgets)
        self._set(op, status, None, message)

    def _set(self, op: _Op, status: OutcomeStatus, platform_id: str | None, message: str) -> None:
        self.outcomes[op.index] = ResourceOutcome(op.address, op.change.action, status, platform_id, message)

    def _mark(self, address: Address, root: Address) -> None:
        self.failed.setdefault(address, root)
        if address.kind in CONTAINER_KINDS.get(address.platform, ()):
            self.failed_paths.setdefault((address.platform, address.path), root)

    def _forget(self, addresses: list[Address], forgets: list[Address] | None) -> None:
        if forgets is None:
            self.ctx.store.forget_many(addresses)
        else:
            forgets.extend(addresses)


def _failed(wires: Sequence[WriteOp], error: ConnectorError) -> list[WriteResult]:
    """Journal results for a call that failed as a whole (nothing was applied)."""
    return [WriteResult(w.address, ok=False, error=error) for w in wires]
