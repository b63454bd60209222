"""Audiences on the wire, shared by the sandbox and the SDK connectors.

* Lists: a Google ``UserList`` with ``crm_based_user_list`` (``upload_key_type: CONTACT_INFO``,
  ``data_source_type: FIRST_PARTY``) and a Meta ``customaudience`` node (``subtype: CUSTOM``), read into
  and written from the normalised ``user_list`` / ``customaudience`` resources. The member fields
  (``members_digest``, ``member_count``) never go to the platform: members travel apart.
* Google members: one offline user data job per batch (``CUSTOMER_MATCH_USER_LIST`` with the list and
  the consent), its ``create`` / ``remove`` operations added in requests of at most 10,000, then run and
  polled until it is done (``upload_with_job``).
* Meta members: ``POST`` (add) / ``DELETE`` (remove) ``/{audience_id}/users`` with ``payload =
  {schema: META_SCHEMA, data: rows}`` and ``session = {session_id, batch_seq, last_batch_flag,
  estimated_num_total}`` (``users_request``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Final, Protocol

from midas_reconcile.audiences.customer_list import META_SCHEMA
from midas_reconcile.connectors.addressing import DependencyFailed
from midas_reconcile.connectors.base import MemberBatch, WriteOp, WriteResult
from midas_reconcile.errors import PermanentError, TransientError
from midas_reconcile.resources import (
    AUDIENCE_KIND,
    GOOGLE,
    MEMBER_FIELDS,
    META,
    Address,
    AddressBook,
    Resource,
    path_segment,
)

#: Operations per ``AddOfflineUserDataJobOperations`` request.
JOB_OPERATIONS_PER_REQUEST: Final = 10_000
#: Members per Google job (one ``upload_members`` batch): one job holds many requests.
GOOGLE_MEMBERS_PER_JOB: Final = 100_000
#: Rows per Meta ``/users`` request (the Graph API's limit).
META_ROWS_PER_REQUEST: Final = 10_000
#: Job statuses after which polling stops.
JOB_DONE: Final = frozenset({"SUCCESS", "FAILED"})
#: Polls of a running job before giving up (the apply's next run picks the upload up again).
MAX_POLLS: Final = 60

#: Native fields of each platform's list, as the resource carries them.
LIST_FIELDS: Final = {
    GOOGLE: ("name", "description", "membership_life_span"),
    META: ("name", "description", "customer_file_source"),
}


def write_split(
    ops: Sequence[WriteOp],
    write_audience: Callable[[WriteOp], WriteResult],
    write_rest: Callable[[Sequence[WriteOp]], list[WriteResult]],
) -> list[WriteResult]:
    """One batch whose audience operations go one call each (``write_audience``), first, and the rest as
    one batch call (``write_rest``); results in the order of ``ops``. Audiences come before anything else
    in a plan; an op of the rest that refers to an audience created here gets its new id (or fails with
    ``DependencyFailed`` when that create failed), so the split keeps every dependency."""
    done = {id(op): write_audience(op) for op in ops if op.address.kind == AUDIENCE_KIND[op.address.platform]}
    created = {op.address: done[id(op)] for op in ops if id(op) in done and op.action == "create"}
    results: dict[int, WriteResult] = dict(done)
    rest: list[tuple[WriteOp, WriteOp]] = []  # (op as given, op as sent)
    for op in ops:
        if id(op) in done:
            continue
        failed = next(
            (
                target
                for target in op.refs.values()
                if isinstance(target, Address) and target in created and not created[target].ok
            ),
            None,
        )
        if failed is not None:
            results[id(op)] = WriteResult(
                op.address, False, error=DependencyFailed(op.address.platform, failed)
            )
        else:
            rest.append((op, _with_created_ids(op, created)))
    sent = write_rest([wire for _, wire in rest]) if rest else []
    for (op, _), result in zip(rest, sent, strict=True):
        results[id(op)] = result
    return [results[id(op)] for op in ops]


def _with_created_ids(op: WriteOp, created: Mapping[Address, WriteResult]) -> WriteOp:
    """``op`` with its refs to audiences created in this batch replaced by their new ids."""
    if not any(target in created for target in op.refs.values()):
        return op
    refs = {
        name: (created[target].platform_id or "")
        if isinstance(target, Address) and target in created
        else target
        for name, target in op.refs.items()
    }
    return replace(op, refs=refs)


def validate_split(
    ops: Sequence[WriteOp], validate_rest: Callable[[Sequence[WriteOp]], list[WriteResult]]
) -> list[WriteResult]:
    """A remote check of a batch: list operations pass (Google's ``validate_only`` covers the mutate
    service, not ``UserListService``), the rest is checked in one call."""
    return write_split(ops, lambda op: WriteResult(op.address, True, op.platform_id), validate_rest)


def list_resource(book: AddressBook, row: Mapping[str, Any]) -> Resource:
    """A live list (``row`` with ``id`` and the ``LIST_FIELDS``) as a normalised resource."""
    fields = {key: row[key] for key in LIST_FIELDS[book.platform] if row.get(key) not in (None, "")}
    address = book(AUDIENCE_KIND[book.platform], path_segment(str(row["name"])))
    return Resource(address, fields, platform_id=str(row["id"]))


def list_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """What a list create / update sends: every field but the member stand-ins."""
    return {key: value for key, value in fields.items() if key not in MEMBER_FIELDS}


def google_list_create(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A ``UserList`` for a create: a CRM-based (Customer Match) list of contact information."""
    return {
        **list_fields(fields),
        "crm_based_user_list": {"upload_key_type": "CONTACT_INFO", "data_source_type": "FIRST_PARTY"},
    }


def meta_audience_create(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Params of ``POST /act_{id}/customaudiences`` for a customer-file audience."""
    return {**list_fields(fields), "subtype": "CUSTOM"}


def google_consent(consent: Mapping[str, str]) -> dict[str, str]:
    """Google ``Consent`` values (GRANTED / DENIED) from the spec's lower-case attestation (a value not
    given is left out: the API then refuses the job)."""
    keys = ("ad_user_data", "ad_personalization")
    return {key: str(consent[key]).upper() for key in keys if consent.get(key)}


class JobService(Protocol):
    """The offline user data job calls a Google member upload makes."""

    def create_job(self, customer: str, list_id: str, consent: Mapping[str, str]) -> str: ...

    def add_job_operations(
        self, customer: str, job_id: str, operations: Sequence[Mapping[str, Any]]
    ) -> None: ...

    def run_job(self, customer: str, job_id: str) -> None: ...

    def job_status(self, customer: str, job_id: str) -> str: ...


def upload_with_job(
    service: JobService,
    customer: str,
    list_id: str,
    batch: MemberBatch,
    consent: Mapping[str, str],
    sleep: Callable[[float], None],
) -> int:
    """One batch as one offline user data job; returns the calls made. A job that fails or does not
    finish in time raises (``PermanentError`` / ``TransientError``): its members are not confirmed."""
    job = service.create_job(customer, list_id, google_consent(consent))
    action = "create" if batch.action == "add" else "remove"
    operations = [{action: row} for row in batch.rows]
    calls = 1
    for start in range(0, len(operations), JOB_OPERATIONS_PER_REQUEST):
        service.add_job_operations(customer, job, operations[start : start + JOB_OPERATIONS_PER_REQUEST])
        calls += 1
    service.run_job(customer, job)
    calls += 1
    for poll in range(MAX_POLLS):
        status = service.job_status(customer, job)
        calls += 1
        if status == "SUCCESS":
            return calls
        if status == "FAILED":
            raise PermanentError(f"offline user data job {job} failed", platform=GOOGLE, code="JOB_FAILED")
        sleep(min(2.0**poll, 60.0))
    raise TransientError(
        f"offline user data job {job} is still running; the next apply sends its members again",
        platform=GOOGLE,
        retry_after=60.0,
    )


def users_request(batch: MemberBatch) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """``(method, payload, session)`` of a Meta ``/{audience_id}/users`` call for ``batch``."""
    if len(batch.rows) > META_ROWS_PER_REQUEST:
        raise ValueError(
            f"a /users request holds at most {META_ROWS_PER_REQUEST} rows; got {len(batch.rows)}"
        )
    payload = {"schema": list(META_SCHEMA), "data": [list(row) for row in batch.rows]}
    session = {
        "session_id": batch.session_id,
        "batch_seq": batch.seq,
        "last_batch_flag": batch.last,
        "estimated_num_total": batch.total,
    }
    return ("POST" if batch.action == "add" else "DELETE"), payload, session
