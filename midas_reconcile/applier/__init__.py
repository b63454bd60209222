"""Execute a Plan: dependency order, batching to platform limits, rate limits, retries, journal.

How one apply runs, account after account in sorted order (parallelism across accounts is the CLI's,
one job per account):

0. The records the plan moves (``Change.moved_from``: an ad whose creative was renamed, and a Meta ad's
   creative; a renamed ad group or ad set and everything under it) are moved, in one store transaction,
   before anything is sent: the moved change then applies as any other (a Meta ad's or an ad group's name,
   a status update, or nothing), and a crash leaves the records either where they were or where they go.
1. The account's changes become write operations in plan order, which is the planner's dependency
   order. CREATE sends every field; UPDATE sends only the changed top-level fields (a change at
   ``targeting.age_min`` sends the whole ``targeting``) and changed refs; PAUSE sets ``status`` to
   ``PAUSED``; DELETE removes by platform id; REPLACE creates the new object in place and removes
   the old one at the end, among the deletes (so dependents point at the new object first), or, when
   nothing waits for it to go, right after the create and in the same batch (``Op.pair``: a connector
   sends the two as one atomic request, which no crash can cut in half) — when the new object already
   has an id (an interrupted apply made it), its create is settled locally as made and the rest goes
   the same way; NOOP sends nothing. Deletes go last, deepest kinds first, but for a Google criterion
   flipped between targeted and excluded, whose removal goes right before its twin's create (which waits
   for it). The removal of a Google campaign's (a Demand Gen ad group's) targeted place, a location or
   radius criterion, waits for the creates of its campaign's (ad group's) new ones, in a later batch: were
   they refused, the campaign would be left without one, serving everywhere; flipped to excluded, it goes,
   with its twin, after all the creates. A Meta campaign update that takes its budget away carries its ad
   sets' new budgets along (``WriteOp.companions``): Meta moves a budget between the two levels in that one
   request, whichever batch the ad sets' own updates land in; an ad set it puts on a daily budget while
   its schedule goes has the schedule cleared first, in an earlier batch (``Op.lead``: Meta runs a schedule
   only on a lifetime budget), and the campaign's update waits for that (held back, it has none sent).
   A Google campaign update clearing its Dynamic Search Ads setting goes after the pauses (deletes) of its
   dynamic ad groups, in a later batch, and waits for them: were they refused, the setting stays. Within a
   Meta Dynamic Creative ad set (one ad, believed), the delete of its old ad goes before its new ad's
   create, which waits for it, settled. A Google campaign's device opt-out (its DEVICE criterion at 0)
   lifted goes before its ad groups' modifiers of that device, which wait for it in a later batch (Google
   refuses them over an opted-out campaign); one set goes after their removals.
2. Operations go out in consecutive batches of at most ``connector.limits.write_batch_size``: the
   physical minimum number of calls when nothing fails (but for those removals of targeted places and
   settings cleared). A
   reference resolves to the platform id learnt in this apply, else to the target's ``Address`` when an
   earlier operation of the same batch creates it (the connector resolves it), else to the id the plan carries
   (``before.platform_id``, NOOP changes included; an existing audience's from ``Plan.existing``).
3. Each batch is journaled pending → sent → done around its call (invariant 6), and what succeeded
   is recorded in the store at once: a crash loses at most the batch in flight, whose creates the next
   plan adopts through the store's claims.
4. Failures. A whole-call ``TransientError`` retries the batch after back-off (never sooner than the
   platform's ``retry_after``), up to ``max_attempts`` calls. A per-operation ``TransientError``
   retries that operation, and what failed with it in the same batch, in the next batch. Any other
   error (or a ``hold``) fails the resource and skips the later operations that depend on it, with
   "depends on failed <address>": those waiting for it (``Op.waits_for``), and, when it was not there
   to update (a create, a delete), its descendants (paths under a failed campaign, ad group or ad set)
   and those referring to it. An object whose update failed exists with its id: what lies under it or
   refers to it still goes. A replacement's old half so skipped (the ad that had to leave a Meta creative
   failed to) is journaled as a delete not done, in a batch never sent: the next plan finishes it.
   Independent work continues. An ``AuthError`` stops the account. A failed create whose result carries
   an id (the platform made it: a Google campaign whose page feed request was refused) is recorded as the
   spec has it, so the next plan reads it and changes what it lacks.
5. Finally every NOOP change that has a live object is recorded (this adopts resources claimed by an
   interrupted apply; a removal NOOP only when the plan refreshes its record), NOOPs already gone and the
   audiences a plan releases (``Plan.released``) are forgotten, and the claims of the accounts whose
   operations all succeeded are settled.

Layout: ``_ops`` turns changes into operations (step 1), ``_account`` applies one account's
operations (steps 2 to 4), ``_results`` holds the result types re-exported here, and ``apply`` ties
them together (step 5).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping

from midas_reconcile.applier._account import AccountRun, Context, recorded
from midas_reconcile.applier._ops import check_order, operations, without_leads_of_failed
from midas_reconcile.applier._results import (
    ApplyEvent,
    ApplyResult,
    ApplyStore,
    EventKind,
    OutcomeStatus,
    ResourceOutcome,
)
from midas_reconcile.connectors.base import Connector
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.ratelimit import Backoff, TokenBucket
from midas_reconcile.resources import Address

__all__ = [
    "ApplyEvent",
    "ApplyResult",
    "ApplyStore",
    "EventKind",
    "OutcomeStatus",
    "ResourceOutcome",
    "apply",
]


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
    hold: Callable[[Address, Iterable[str]], str | None] | None = None,
    validating: bool = False,
) -> ApplyResult:
    """Execute ``plan`` through ``connectors`` (keyed by account name), journaling into ``store``.

    ``limiters`` pace each account's write calls (one token per call); ``backoff`` (default: 0.5 s
    doubling to 60 s, full jitter) and ``sleep`` time the retries; ``max_attempts`` bounds the calls
    spent on one batch or one operation; a platform asking to wait more than ``max_wait`` seconds
    (a daily quota, an hour-long block) fails the operations at once rather than hanging the job.
    ``hold(address, changed field names)`` may hold an update back (a platform's limit on how often a
    field may change, see ``change_limits``): the op fails with its reason and is never sent.
    ``validating``: the connectors only check the writes (``remote_validation``), so a create comes back
    without an id; what refers to it from a later request then cannot be resolved, and an op waiting
    (settled) for a write that was only validated is not sent, failed as "not checked": the platform would
    weigh it against the object as it is, that write not applied.
    Platform failures are reported in the result, never raised.
    Raises ``PlanError`` before any write if an operation refers to an object the plan creates later,
    and ``ConnectorError`` if a connector answers a batch with results that do not match it.
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    backoff = backoff or Backoff(rng=random.Random())
    # Audiences built outside MIDAS are targeted by the ids the plan found them under.
    known_ids: dict[Address, str] = dict(plan.existing)
    for change in plan.changes:
        if change.before is not None and change.before.platform_id:
            known_ids[change.address] = change.before.platform_id
    by_account: dict[str, list[tuple[int, Change]]] = {a: [] for a in plan.accounts}
    for index, change in enumerate(plan.changes):
        by_account.setdefault(change.address.account, []).append((index, change))
    ops_by_account = {account: operations(changes) for account, changes in by_account.items()}
    for ops in ops_by_account.values():
        check_order(ops)
        if hold is not None:
            for op in ops:
                reason = hold(op.address, op.fields) if op.action == "update" and not op.error else None
                if reason:
                    op.error = f"held back, not sent: this change {reason}; apply again after that time"
    ops_by_account = {account: without_leads_of_failed(ops) for account, ops in ops_by_account.items()}

    ctx = Context(store, run_id, backoff, max_attempts, max_wait, sleep, on_event, known_ids, validating)
    outcomes: dict[int, ResourceOutcome] = {}
    outcomes.update(_move_records(plan, store))
    write_calls: dict[str, int] = {}
    settled: list[str] = []
    for account in sorted(ops_by_account):
        run = AccountRun(account, connectors.get(account), (limiters or {}).get(account), ctx)
        run.run(ops_by_account[account])
        outcomes.update(run.outcomes)
        write_calls[account] = run.calls
        if not run.stopped and all(o.status == "applied" for o in run.outcomes.values()):
            settled.append(account)

    noops = [c for c in plan.changes if c.action is Action.NOOP]
    adopted = [
        recorded(c.after, c.before.platform_id)
        for c in noops
        if c.after and c.before and c.before.platform_id
    ]
    # What the specs dropped and MIDAS left alone is recorded as it is live (the planner put the record's
    # spec digest and on_remove on it).
    adopted += [
        recorded(c.before, c.before.platform_id)
        for c in noops
        if c.after is None and c.before and c.address in plan.record_refreshes
    ]
    if adopted:
        store.record_many(adopted)
    gone = plan.forgets + [
        c.address
        for c in plan.changes
        if c.action is Action.DELETE and not (c.before and c.before.platform_id)
    ]
    if gone:
        store.forget_many(gone)
    if settled:
        store.settle_claims(settled)
    return ApplyResult(
        outcomes=[outcomes[i] for i in sorted(outcomes)],
        write_calls=write_calls,
        records_updated=len(plan.lifecycle_updates.keys() | plan.record_refreshes.keys()),
        records_dropped=len(plan.forgets),
    )


def _move_records(plan: Plan, store: ApplyStore) -> dict[int, ResourceOutcome]:
    """Move the records the plan moves (step 0), in one transaction; the outcomes of the changes that do
    nothing else, by plan index."""
    moves: list[tuple[Address, Address]] = []
    outcomes: dict[int, ResourceOutcome] = {}
    for index, change in enumerate(plan.changes):
        if change.moved_from is None:
            continue
        moves.append((change.moved_from, change.address))
        if change.action is Action.NOOP:
            platform_id = change.before.platform_id if change.before else None
            message = f"record moved from {change.moved_from}; nothing sent"
            outcomes[index] = ResourceOutcome(
                change.address, change.action, "applied", platform_id, message, change.moved_from
            )
    if moves:
        store.move_many(moves)
    return outcomes
