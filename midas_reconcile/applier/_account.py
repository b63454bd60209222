"""Applying one account's operations: batching, journaling, retries, and the outcome of each change.

See steps 2 to 4 of the ``applier`` package docstring.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from midas_reconcile.applier._ops import PAUSED, Op
from midas_reconcile.applier._results import ApplyEvent, ApplyStore, EventKind, OutcomeStatus, ResourceOutcome
from midas_reconcile.connectors.base import Connector, CountsWriteRequests, WriteOp, WriteResult
from midas_reconcile.errors import AuthError, ConnectorError, MadeInPart, TransientError
from midas_reconcile.plan import Action
from midas_reconcile.ratelimit import Backoff, TokenBucket
from midas_reconcile.resources import GOOGLE, MARKER_FIELDS, META, Address, Resource, with_unheld_known

#: Kinds whose failure dooms the objects whose paths lie under theirs. A Google campaign budget shares
#: its campaign's path but contains nothing; a Meta ad creative shares its ad's path and is referenced.
CONTAINER_KINDS: Final[dict[str, frozenset[str]]] = {
    GOOGLE: frozenset({"campaign", "ad_group"}),
    META: frozenset({"campaign", "adset"}),
}
#: What a deleted container's platform keeps of what lies under it: Meta's ad creatives belong to the ad
#: account, not to the ad set (the plan deletes them itself); everything else goes with the container.
OUTLIVE_CONTAINERS: Final[dict[str, frozenset[str]]] = {META: frozenset({"adcreative"})}


def recorded(resource: Resource, platform_id: str | None) -> Resource:
    """The store's view of an applied resource: its platform id, managed, desired-side metadata kept, and a
    Meta creative's unheld feed contents said (``resources.with_unheld_known``)."""
    return replace(with_unheld_known(resource), platform_id=platform_id, managed=True)


class _Unresolved(Exception):
    """A reference that neither this apply nor the plan can turn into a platform id."""


@dataclass(frozen=True)
class Context:
    """What the runs of all accounts share."""

    store: ApplyStore
    run_id: int
    backoff: Backoff
    max_attempts: int
    max_wait: float
    sleep: Callable[[float], None]
    on_event: Callable[[ApplyEvent], None] | None
    known_ids: Mapping[Address, str]  # the plan's own platform ids (before.platform_id)
    #: The writes are validations: a create succeeds with no id (v26 validate_only returns no results).
    validating: bool = False


class AccountRun:
    """The state of applying one account's operations."""

    def __init__(
        self, account: str, connector: Connector | None, limiter: TokenBucket | None, ctx: Context
    ) -> None:
        self.account = account
        self.connector = connector
        self.limiter = limiter
        self.ctx = ctx
        self.ids: dict[Address, str] = {}  # learnt in this apply
        self.failed: dict[Address, Address] = {}  # failed or skipped address → root cause
        self.standing: set[Address] = set()  # failed or skipped updates: their objects exist all the same
        self.failed_paths: dict[tuple[str, str], Address] = {}  # (platform, container path) → root
        self.pending_creates: set[Address] = set()
        self.validated: set[Address] = set()  # sent and passed while validating: checked, never applied
        self.old_removed: set[int] = set()  # REPLACEs whose old object is gone
        # Of the updates sent in two (``Op.lead``), by change index: their lead parts gone through, and
        # those failed with why. Kept apart from ``outcomes``, which are the changes' own.
        self.leads_done: set[int] = set()
        self.leads_failed: dict[int, str] = {}
        self.outcomes: dict[int, ResourceOutcome] = {}
        self.calls = self.done = self.total = self.batches = 0
        self.stopped = False

    # -- driving ------------------------------------------------------------------------------------
    def run(self, ops: list[Op]) -> None:
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
        for op in ops:  # failed before any batch (held back): no batch line would tell of it
            if op.error and not op.local:
                self._emit("not_sent", f"{op.address}: {op.error}")
        queue = deque(ops)
        while queue:
            batch, wires = self._compose(queue)
            if not batch:
                continue
            self.batches += 1
            self._emit("batch_start", f"batch {self.batches}: sending {len(batch)} operation(s)")
            try:
                called = self._call(batch, wires)
            except AuthError as exc:
                self.stopped = True
                for op in [*batch, *queue]:
                    self._fail(op, str(exc))
                queue.clear()
                self._emit("batch_done", f"batch {self.batches}: stopped this account: {exc}")
                return
            summary = "failed as a whole" if called is None else self._absorb(batch, wires, *called, queue)
            self._emit("batch_done", f"batch {self.batches}: {summary}")

    def _connector_problem(self, ops: Sequence[Op]) -> str:
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
    def _compose(self, queue: deque[Op]) -> tuple[list[Op], list[WriteOp]]:
        """Take the next batch off the queue, settling ops that need no call (skips, local results)."""
        size = max(1, self.connector.limits.write_batch_size) if self.connector else len(queue)
        batch: list[Op] = []
        wires: list[WriteOp] = []
        created_here: set[Address] = set()
        cost = 0
        while queue and cost < size:
            op = queue[0]
            if batch and op.cost and cost + op.cost > size:
                break
            if batch and not op.old_half and created_here.intersection(op.waits_for):
                break  # it goes only once what it waits for is made: in a batch after theirs
            if batch and op.waits_settled and any(b.address in op.waits_for for b in batch):
                break  # it goes only once what it waits for has settled: in a batch after theirs
            queue.popleft()
            root = self._blocker(op)
            if root is not None:
                self._skip(op, root)
                if op.old_half and root != op.address:  # the replacement failed: the old one stays recorded
                    self._journal_kept(op, root)
            elif op.error:
                self._fail(op, op.error)
            elif waited := self._waits_on_validated(op):
                self._fail(op, waited)
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
                if batch and op.pair is not None and cost + op.cost + self._cost(op.pair) > size:
                    queue.appendleft(op)  # its pair would not fit beside it: both go in the next batch
                    break
                wires.append(wire)
                batch.append(op)
                cost += op.cost
                if op.action == "create":
                    created_here.add(op.address)
        return batch, wires

    def _journal_kept(self, op: Op, root: Address) -> None:
        """Journal the old half of a replacement that is not sent because what it waits for failed (the ad
        a Meta creative's replacement points at the new one): a delete not done, never sent (the batch
        stays unsent, its op failed with why). The old object stays live beside the new one MIDAS records
        at its address, and only the journal can name it (one record per address): the next plan finishes
        the replacement from it (``planner.replacements_left_behind``) — what runs the old one pointed at
        the recorded one, and the old one deleted."""
        if self.connector is None or not op.platform_id:
            return
        wire = WriteOp("delete", op.address, platform_id=op.platform_id)
        platform = self.connector.platform
        batch_id = self.ctx.store.journal_batch(self.ctx.run_id, self.account, platform, [wire])
        error = ConnectorError(f"not sent: depends on failed {root}")
        self.ctx.store.journal_done(batch_id, [WriteResult(op.address, ok=False, error=error)])

    def _cost(self, op: Op) -> int:
        """The platform operations ``op`` takes (a delete: it refers to nothing), once computed."""
        if not op.cost:
            wire = WriteOp(op.action, op.address, fields=op.fields, platform_id=op.platform_id)
            op.cost = max(1, self.connector.operation_cost(wire)) if self.connector else 1
        return op.cost

    def _blocker(self, op: Op) -> Address | None:
        """The root failure this op depends on, if any: what it waits for failed, or a reference or
        container of it was never created. An object whose update failed exists, with its id."""
        for target in op.waits_for:
            if target in self.failed:
                return self.failed[target]
        for target in op.refs.values():
            if target in self.failed and target not in self.standing:
                return self.failed[target]
        parts = op.address.path.split("/")
        for i in range(1, len(parts)):
            root = self.failed_paths.get((op.address.platform, "/".join(parts[:i])))
            if root is not None:
                return root
        return None

    def _waits_on_validated(self, op: Op) -> str:
        """Why an op waiting (settled) for writes of this plan that were only validated cannot be checked
        ("" when it can): the platform would weigh it against the object as it is, not as those writes leave
        it (an ad group's device modifier over a campaign whose opt-out reset was only checked)."""
        if not (self.ctx.validating and op.waits_settled):
            return ""
        waited = [target for target in op.waits_for if target in self.validated]
        if not waited:
            return ""
        return (
            f"not checked: it waits for {waited[0]}, an earlier change of this plan, which a validation "
            "checks but does not apply"
        )

    def _wire(self, op: Op, created_here: set[Address]) -> WriteOp:
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
        companions = tuple(
            WriteOp(c.action, c.address, fields=c.fields, platform_id=c.platform_id) for c in op.companions
        )
        return WriteOp(
            op.action,
            op.address,
            fields=op.fields,
            refs=refs,
            platform_id=op.platform_id,
            companions=companions,
        )

    def _call(self, batch: list[Op], wires: list[WriteOp]) -> tuple[list[WriteResult], int] | None:
        """Send one batch, retrying whole-call transient failures: its results and journal batch, left
        "sent" for ``_absorb`` to journal done once it recorded them (a kill in between leaves its creates
        claimed); None when the batch failed whole.

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
            try:
                results = self._write(wires)
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
            return results, batch_id

    def _write(self, wires: list[WriteOp]) -> list[WriteResult]:
        """``connector.write``, counting the API requests it sends (one when the connector does not count
        them): a batch may be many requests (``CountsWriteRequests``), and one that fails was sent too.
        The limiter gave the call one token; the requests beyond it are charged to it, as the platforms
        count each against their rate limits."""
        assert self.connector is not None
        counter = self.connector if isinstance(self.connector, CountsWriteRequests) else None
        before = counter.write_requests if counter is not None else 0
        try:
            return list(self.connector.write(wires))
        finally:
            sent = counter.write_requests - before if counter is not None else 1
            self.calls += sent
            if self.limiter is not None and sent > 1:
                self.limiter.charge(sent - 1)

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
        self,
        batch: list[Op],
        wires: list[WriteOp],
        results: list[WriteResult],
        batch_id: int,
        queue: deque[Op],
    ) -> str:
        """Take in one batch's results: record successes, fail or requeue the rest; returns a summary.
        The batch is journaled done after its results are recorded: a kill between the two leaves it
        "sent", its creates claimed by the next plan, recorded or not."""
        in_batch: dict[Address, tuple[Address, bool]] = {}  # failed here → (root, will be retried)
        skipped = 0
        retry: list[Op] = []
        retry_after: list[float] = []
        records: list[Resource] = []
        forgets: list[Address] = []
        for op, wire, result in zip(batch, wires, results, strict=True):
            if result.ok:
                if self.ctx.validating:
                    self.validated.add(op.address)
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
                    skipped += 1
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
                self._record_made(op, result.platform_id, error, records)
                in_batch[op.address] = (op.address, False)
        if records:
            self.ctx.store.record_many(records)
        if forgets:
            self.ctx.store.forget_many(forgets)
        self.ctx.store.journal_done(batch_id, results)
        if retry:
            queue.extendleft(reversed(retry))
            attempt = max(1, *(op.attempts for op in retry))
            self._pause(attempt, max(retry_after, default=0.0) or None, f"retrying {len(retry)} operation(s)")
        applied = sum(r.ok for r in results)
        failed = len(batch) - applied - skipped - len(retry)
        skips = f"{skipped} skipped, " if skipped else ""
        return f"{applied} applied, {failed} failed, {skips}{len(retry)} to retry"

    # -- outcomes -----------------------------------------------------------------------------------
    def _succeed(
        self,
        op: Op,
        platform_id: str | None,
        message: str,
        records: list[Resource] | None = None,
        forgets: list[Address] | None = None,
    ) -> None:
        change = op.change
        if op.lead:  # what it changed is recorded; the change's outcome is the rest's
            self.done += 1
            self.leads_done.add(op.index)
            self._record_lead(op)
            return
        if op.old_half:
            self.done += 1
            self.old_removed.add(op.index)
            current = self.outcomes.get(op.index)
            if current is not None and current.status != "applied":  # its replacement failed already
                self._set(op, current.status, None, f"{current.message}; the old object was removed")
                self._forget([op.address], forgets)
            return
        if op.action == "create" and not platform_id and self.ctx.validating:
            self.done += 1
            self.pending_creates.discard(op.address)  # checked, never made: it has no id to refer to
            self._set(op, "applied", None, message)
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
            record = recorded(change.after, platform_id)
        elif op.action == "update":
            record = self._updated(op, platform_id)
        elif op.action == "delete" and not op.local:
            self._forget([op.address], forgets)
            if op.address.kind in CONTAINER_KINDS.get(op.address.platform, ()):
                # Gone with it, though no change of the plan removes them: else the next plan has their
                # records to drop.
                kept = OUTLIVE_CONTAINERS.get(op.address.platform, frozenset())
                self.ctx.store.forget_under([op.address], kept)
        if record is not None:
            if records is None:
                self.ctx.store.record_many([record])
            else:
                records.append(record)
        self._set(op, "applied", platform_id or op.platform_id, message)

    def _record_lead(self, op: Op) -> None:
        """Record what the lead part of an update changed, over the object's last record (its other fields
        as MIDAS last applied them, not as live: a console's edit of them stays drift should the rest not
        follow). A kill after the part was sent but before this leaves the record as it was: drift then
        reports the cleared fields changed out of band (the specs agreeing with live), and the next plan
        sends the rest of the update."""
        if self.ctx.validating:
            return
        self.ctx.store.record_fields(op.address, op.fields)

    def _updated(self, op: Op, platform_id: str | None) -> Resource | None:
        """The record of an update or a pause gone through (None: an op of the plan's own, not sent)."""
        change = op.change
        if change.action is Action.PAUSE and not op.local:
            base = change.after or change.before
            assert base is not None
            status = {"status": PAUSED} if "status" in op.fields else {}  # not sent: one stopped already
            return recorded(replace(base, fields={**base.fields, **status}), platform_id or op.platform_id)
        if change.after is not None and change.action is Action.UPDATE:
            return recorded(change.after, platform_id or op.platform_id)
        return None

    def _record_made(
        self, op: Op, platform_id: str | None, error: Exception | None, records: list[Resource]
    ) -> None:
        """Record a failed create the platform made nonetheless (its failure carries the id: a Google
        campaign made whose page feed request was refused), as the spec has it but for the parts that
        failed (the error's ``parts`` or ``field``, e.g. ``page_feed``): else the object, marked MIDAS's,
        would be in no state, and the next plan would refuse it; recorded, the next plan reads it and
        changes what it lacks. Recorded with the failed part, drift would take its absence for an
        out-of-band change. Its dependents stay skipped for this apply. An update gone through but for its
        marker's label link (a pause linking it) is recorded as gone through, but for its parts not made
        (what was to be sent after it, such as a page feed; other labels whose links were refused), as a
        create is (``_without_not_made``)."""
        change = op.change
        if self.ctx.validating or op.old_half:
            return
        if op.action == "update" and isinstance(error, MadeInPart):
            # Gone through but for its marker's link (a pause linking it) and what was sent only after it (a
            # page feed): recorded without the latter, as drift tells the marker apart (``unlinked``: the
            # journal still claims the object) and the next plan links it and makes the rest.
            record = self._updated(op, platform_id)
            records.extend([_without_not_made(record, error)] if record is not None else [])
            return
        if op.action != "create" or not platform_id or change.after is None:
            return
        records.append(recorded(_without_not_made(change.after, error), platform_id))
        current = self.outcomes[op.index]
        self._set(op, current.status, platform_id, current.message)

    def _fail(self, op: Op, message: str, forgets: list[Address] | None = None) -> None:
        self._not_applied(op, "failed", op.address, message, f"could not be removed: {message}", forgets)

    def _skip(self, op: Op, root: Address) -> None:
        message = f"depends on failed {root}"
        self._not_applied(op, "skipped", root, message, f"was kept: {message}")

    def _not_applied(
        self,
        op: Op,
        status: OutcomeStatus,
        root: Address,
        message: str,
        old_half_message: str,
        forgets: list[Address] | None = None,
    ) -> None:
        self.done += 1
        self._mark(op, root)
        current = self.outcomes.get(op.index)
        if op.old_half:  # the replacement stands; the change as a whole did not go through
            if current is not None and current.status == "applied":
                text = f"replacement created ({current.platform_id}), but the old object ({op.platform_id})"
                self._set(op, "failed", current.platform_id, f"{text} {old_half_message}")
            return
        if op.lead:
            self.leads_failed[op.index] = message
            return
        if op.index in self.leads_failed:  # its lead part failed: that says why the change did not go through
            status, message = "failed", self.leads_failed[op.index]
        elif op.index in self.leads_done:  # it changed the object all the same
            status, message = "failed", f"partly applied: its schedule was cleared; the rest {message}"
        if op.index in self.old_removed:  # a REPLACE whose old object went in the same batch
            message += "; the old object was removed"
            self._forget([op.address], forgets)
        self._set(op, status, None, message)

    def _set(self, op: Op, status: OutcomeStatus, platform_id: str | None, message: str) -> None:
        change = op.change
        self.outcomes[op.index] = ResourceOutcome(
            op.address, change.action, status, platform_id, message, change.moved_from
        )

    def _mark(self, op: Op, root: Address) -> None:
        address = op.address
        self.failed.setdefault(address, root)
        if op.action == "update" and op.platform_id:
            # Only what waits for this very change depends on it (``Op.waits_for``): what lies under
            # the object or refers to it needs its id alone, e.g. an ad set's targeting, while Meta holds
            # its campaign's budget change back for an hour.
            self.standing.add(address)
            return
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


def _without_not_made(after: Resource, error: Exception | None) -> Resource:
    """``after`` as a create or an update made in part made it: without the parts not made (the error's
    ``parts`` or ``field``, e.g. ``page_feed``), or with what of one was made (``MadeInPart.made``: the
    pages of a feed that went through, the labels but those whose links were refused). Its marker's field
    is kept: a marker not linked is told apart (drift's ``unlinked``), then linked."""
    not_made = set(error.parts if isinstance(error, MadeInPart) else [getattr(error, "field", "")])
    made = error.made if isinstance(error, MadeInPart) else {}
    not_made -= MARKER_FIELDS
    if not (not_made | set(made)) & set(after.fields):
        return after
    fields = {k: v for k, v in after.fields.items() if k not in not_made}
    fields.update({k: v for k, v in made.items() if k in after.fields})
    return replace(after, fields=fields)
