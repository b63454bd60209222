"""An audience's members through plan and apply (the session calls these; the planner stays pure).

* Live side: the platforms do not list an audience's members, so a live audience carries the members
  MIDAS confirmed uploaded to it (``audience_members`` in the store) as its ``members_digest`` /
  ``member_count`` — what the platform holds as far as anyone can know (``overlay_members``).
* Plan: a change to an audience's members says how many are added and removed (``annotate``):
  ``+N / −M members``.
* Apply: after the applier created or updated the audience, its members are uploaded incrementally
  (``audiences.members.upload``); the change's outcome says what was sent, or why it failed
  (``upload_planned``). A list created anew (created, re-created, replaced) starts without members.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from midas_reconcile.applier import ApplyResult, ResourceOutcome
from midas_reconcile.audiences import members as audience_members
from midas_reconcile.compile.audiences import AudienceUpload
from midas_reconcile.connectors.base import Connector, UploadsMembers
from midas_reconcile.plan import Action, Plan
from midas_reconcile.resources import AUDIENCE_KIND, Address, Resource
from midas_reconcile.store import StateStore

_UPLOADING = (Action.CREATE, Action.UPDATE, Action.REPLACE)
_FRESH = (Action.CREATE, Action.REPLACE)


def is_audience(address: Address) -> bool:
    return AUDIENCE_KIND.get(address.platform) == address.kind


def overlay_members(store: StateStore, resources: Sequence[Resource]) -> None:
    """Give each live audience in ``resources`` the member fields of its confirmed members (in place:
    each gets a new fields dict)."""
    audiences = [r for r in resources if is_audience(r.address)]
    if not audiences:
        return
    keys = store.audience_member_keys(r.address for r in audiences)
    for resource in audiences:
        members = keys.get(resource.address, [])
        resource.fields = {
            **resource.fields,
            "members_digest": audience_members.members_digest(members),
            "member_count": len(members),
        }


def annotate(plan: Plan, uploads: Mapping[Address, AudienceUpload], store: StateStore) -> None:
    """Add ``+N / −M members`` to the reason of every change that uploads members."""
    for change in plan.changes:
        upload = uploads.get(change.address)
        if upload is None or change.action not in _UPLOADING:
            continue
        stored = {} if change.action in _FRESH else store.audience_members(change.address)
        counts = audience_members.delta(upload.members, stored).describe()
        if counts not in change.reason:
            change.reason = f"{change.reason} ({counts})" if change.reason else counts


def upload_planned(
    plan: Plan,
    result: ApplyResult,
    uploads: Mapping[Address, AudienceUpload],
    store: StateStore,
    connector_of: Callable[[str], Connector],
    run_id: int,
) -> ApplyResult:
    """Upload the members of every audience the apply created or updated; returns the result with those
    changes' outcomes saying what was sent (or why the upload failed)."""
    uploader = _Uploader(uploads, store, connector_of, run_id)
    outcomes = {outcome.address: i for i, outcome in enumerate(result.outcomes)}
    changed = list(result.outcomes)
    for change in plan.changes:
        index = outcomes.get(change.address)
        if not is_audience(change.address) or index is None or changed[index].status != "applied":
            continue
        if change.action is Action.DELETE:
            store.forget_audience_members(change.address)
        elif change.action in _UPLOADING and change.after is not None:
            changed[index] = uploader.upload(change.after, changed[index], fresh=change.action in _FRESH)
    return replace(result, outcomes=changed)


@dataclass(frozen=True)
class _Uploader:
    uploads: Mapping[Address, AudienceUpload]
    store: StateStore
    connector_of: Callable[[str], Connector]
    run_id: int

    def upload(self, after: Resource, outcome: ResourceOutcome, *, fresh: bool) -> ResourceOutcome:
        """Send one audience's member delta; ``fresh``: the list was just created (it has no members)."""
        address = after.address
        upload = self.uploads.get(address)
        if upload is None or outcome.platform_id is None:
            return replace(outcome, status="failed", message="the audience's customer list was not compiled")
        if audience_members.members_digest(upload.members) != after.fields.get("members_digest"):
            return replace(
                outcome,
                status="failed",
                message="the customer list changed since the plan was made; members not sent (plan again)",
            )
        connector = self.connector_of(address.account)
        if not isinstance(connector, UploadsMembers):
            message = f"the {address.platform} connector cannot upload members"
            return replace(outcome, status="failed", message=message)
        if fresh:
            self.store.forget_audience_members(address)
        sent = audience_members.upload(
            self.store,
            connector,
            run_id=self.run_id,
            address=address,
            platform_id=outcome.platform_id,
            desired=upload.members,
            consent=upload.consent,
        )
        counts = f"+{sent.added} / −{sent.removed} members sent in {sent.requests} request(s)"
        if sent.error is not None:
            return replace(outcome, status="failed", message=f"{counts}, then: {sent.error}")
        return replace(outcome, message=f"{outcome.message}; {counts}" if outcome.message else counts)
