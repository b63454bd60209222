"""Simulated audiences: Google Customer Match user lists filled by offline user data jobs, and Meta
customer-file custom audiences filled through ``/{audience_id}/users`` sessions; and audiences built
in the console (a Google remarketing list, a Meta website audience), which are read like the others.

Each list keeps the set of member hashes it holds (objects of type ``audience_member``, one per list and
hash), so tests can check what reached the platform. A member is identified by its first identifier —
Google: the ``hashed_email``, else the ``hashed_phone_number``; Meta: the ``EMAIL`` column, else
``PHONE`` — and every value must already be a SHA-256 hex digest: anything else is refused, as the
platforms refuse unhashed data.

Rules (codes as the platforms' where they have one): Google list names unique among a customer's lists, a
``membership_life_span`` of 1–540 days or 10,000 (no expiry), an offline user data job needs the
list, the consent (``ad_user_data`` and ``ad_personalization`` GRANTED / DENIED), at most 10,000
operations per add request, and takes operations only until it runs. Meta audiences need
``customer_file_source``; a ``/users`` call carries at most 10,000 rows whose width is the schema's;
a session's ``batch_seq`` counts from 1 without gaps, and a finished session takes no more batches.
Every call is counted in the world's statistics like any other API call.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from midas_reconcile.connectors.sandbox.meta_nodes import new_id
from midas_reconcile.connectors.sandbox.storage import Txn
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import GOOGLE, META

USER_LIST: Final = "user_list"
CUSTOM_AUDIENCE: Final = "customaudience"
MEMBER: Final = "audience_member"
JOB: Final = "offline_user_data_job"
SESSION: Final = "audience_upload_session"
MAX_JOB_OPERATIONS: Final = 10_000
MAX_USERS_PER_REQUEST: Final = 10_000
NO_EXPIRY: Final = 10_000
GOOGLE_ID_START: Final = 10_000_000_001  # as google_sim's ids
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CONSENT = ("GRANTED", "DENIED")


def _google_error(code: str, message: str, field: str = "") -> PermanentError:
    return PermanentError(message, platform=GOOGLE, code=code, field=field)


def _meta_error(message: str, field: str = "") -> PermanentError:
    return PermanentError(message, platform=META, code="100", field=field)


def list_type(platform: str) -> str:
    """The stored type of a platform's audiences."""
    return USER_LIST if platform == GOOGLE else CUSTOM_AUDIENCE


def google_name_used(txn: Txn, customer: str, name: str, list_id: str | None) -> bool:
    """Whether another user list of the customer has ``name`` (google-ads v26 ``UserList.name``: "Unique
    per user list"; ``UserListError.NAME_ALREADY_USED``)."""
    return any(o.id != list_id for o in txn.find(GOOGLE, customer, USER_LIST, name=name))


def drop_list(txn: Txn, platform: str, account: str, list_id: str) -> None:
    """Remove a list and the members it holds."""
    txn.delete(platform, account, list_type(platform), list_id)
    for member in txn.find(platform, account, f"{MEMBER}:{list_id}"):
        txn.delete(platform, account, f"{MEMBER}:{list_id}", member.id)


def _new_list_id(txn: Txn, platform: str) -> str:
    # The platform's own id sequence: ids stay unique across every kind, as the platforms' are.
    return new_id(txn) if platform == META else str(txn.next_value("google:id", GOOGLE_ID_START))


class AudienceSimulator:
    """Both platforms' audience endpoints over one sandbox world."""

    def __init__(self, world: SandboxWorld) -> None:
        self.world = world

    # -- lists (both platforms) --------------------------------------------------------------------
    def lists(self, platform: str, account: str) -> list[dict[str, Any]]:
        """Every list of the account (one read call)."""
        type_ = list_type(platform)
        # Counted as the platforms name the read: a Google resource type, a Meta edge.
        with self.world.api_call(
            platform, account, "read", type_ if platform == GOOGLE else "customaudiences"
        ) as txn:
            found = [dict(o.data, id=o.id) for o in txn.find(platform, account, type_)]
            for row in found:
                row["member_count"] = txn.count(platform, account, f"{MEMBER}:{row['id']}")
            return found

    def create_list(self, platform: str, account: str, fields: Mapping[str, Any]) -> str:
        type_ = list_type(platform)
        with self.world.api_call(platform, account, "write", type_, operations={type_: 1}) as txn:
            data = self._checked(txn, platform, account, None, dict(fields))
            list_id = _new_list_id(txn, platform)
            txn.put(platform, account, type_, list_id, data, name=data["name"])
            txn.op_applied()
            return list_id

    def add_console_audience(self, platform: str, account: str, name: str) -> str:
        """An audience built in the console, not through the API (not counted): a Google remarketing
        list filled by a website tag (``RULE_BASED``, 30 days), a Meta website custom audience
        (``subtype: WEBSITE``). Returns its id."""
        type_ = list_type(platform)
        data: dict[str, Any] = (
            {"name": name, "type": "RULE_BASED", "membership_life_span": 30}
            if platform == GOOGLE
            else {"name": name, "subtype": "WEBSITE"}
        )
        with self.world.transaction() as txn:
            list_id = _new_list_id(txn, platform)
            txn.put(platform, account, type_, list_id, data, name=name)
            return list_id

    def update_list(self, platform: str, account: str, list_id: str, fields: Mapping[str, Any]) -> None:
        type_ = list_type(platform)
        with self.world.api_call(platform, account, "write", type_, operations={type_: 1}) as txn:
            current = self._list(txn, platform, account, list_id)
            data = self._checked(txn, platform, account, list_id, {**current, **fields})
            txn.put(platform, account, type_, list_id, data, name=data["name"])
            txn.op_applied()

    def remove_list(self, platform: str, account: str, list_id: str) -> None:
        type_ = list_type(platform)
        with self.world.api_call(platform, account, "write", type_, operations={type_: 1}) as txn:
            self._list(txn, platform, account, list_id)
            drop_list(txn, platform, account, list_id)
            txn.op_applied()

    def members(self, platform: str, account: str, list_id: str) -> set[str]:
        """The member hashes a list holds (for tests: not an API call)."""
        with self.world.transaction() as txn:
            return {o.id for o in txn.find(platform, account, f"{MEMBER}:{list_id}")}

    # -- Google: offline user data jobs --------------------------------------------------------------
    def create_job(self, customer: str, list_id: str, consent: Mapping[str, str]) -> str:
        """``OfflineUserDataJobService.CreateOfflineUserDataJob`` of type CUSTOMER_MATCH_USER_LIST."""
        with self.world.api_call(GOOGLE, customer, "write", JOB, operations={JOB: 1}) as txn:
            self._list(txn, GOOGLE, customer, list_id)
            for key in ("ad_user_data", "ad_personalization"):
                if consent.get(key) not in _CONSENT:
                    raise _google_error(
                        "field_error.REQUIRED",
                        f"consent.{key} must be GRANTED or DENIED; found {consent.get(key)!r}",
                        f"customer_match_user_list_metadata.consent.{key}",
                    )
            job_id = str(txn.next_value("google:job", 1))
            txn.put(GOOGLE, customer, JOB, job_id, {"list": list_id, "status": "PENDING", "operations": []})
            return job_id

    def add_job_operations(self, customer: str, job_id: str, operations: Sequence[Mapping[str, Any]]) -> None:
        """``AddOfflineUserDataJobOperations``: each operation ``{"create": UserData}`` or ``{"remove":
        UserData}``, at most 10,000 per request."""
        with self.world.api_call(GOOGLE, customer, "write", JOB, operations={MEMBER: len(operations)}) as txn:
            job = self._job(txn, customer, job_id)
            if job.data["status"] != "PENDING":
                raise _google_error(
                    "offline_user_data_job_error.JOB_ALREADY_STARTED", f"job {job_id} is {job.data['status']}"
                )
            if len(operations) > MAX_JOB_OPERATIONS:
                raise _google_error(
                    "request_error.TOO_MANY_MUTATE_OPERATIONS",
                    f"a request may add at most {MAX_JOB_OPERATIONS} operations; found {len(operations)}",
                )
            parsed = [self._google_operation(i, op) for i, op in enumerate(operations)]
            data = dict(job.data, operations=[*job.data["operations"], *parsed])
            txn.put(GOOGLE, customer, JOB, job_id, data)

    def run_job(self, customer: str, job_id: str) -> None:
        """``RunOfflineUserDataJob``: the sandbox processes the job at once (status SUCCESS)."""
        with self.world.api_call(GOOGLE, customer, "write", JOB, operations={JOB: 1}) as txn:
            job = self._job(txn, customer, job_id)
            if job.data["status"] != "PENDING":
                raise _google_error(
                    "offline_user_data_job_error.JOB_ALREADY_STARTED", f"job {job_id} is {job.data['status']}"
                )
            list_id = job.data["list"]
            for action, member in job.data["operations"]:
                self._member(txn, GOOGLE, customer, list_id, member, add=action == "create")
                txn.op_applied()
            txn.put(GOOGLE, customer, JOB, job_id, {"list": list_id, "status": "SUCCESS", "operations": []})

    def job_status(self, customer: str, job_id: str) -> str:
        with self.world.api_call(GOOGLE, customer, "read", JOB) as txn:
            return str(self._job(txn, customer, job_id).data["status"])

    # -- Meta: /{audience_id}/users ----------------------------------------------------------------
    def users(
        self,
        account: str,
        audience_id: str,
        method: str,
        payload: Mapping[str, Any],
        session: Mapping[str, Any],
    ) -> dict[str, Any]:
        """POST (add) or DELETE (remove) ``/{audience_id}/users`` with ``payload = {schema, data}`` and
        ``session = {session_id, batch_seq, last_batch_flag, estimated_num_total}``."""
        rows = list(payload.get("data") or [])
        with self.world.api_call(META, account, "write", "users", operations={MEMBER: len(rows)}) as txn:
            self._list(txn, META, account, audience_id)
            schema = list(payload.get("schema") or [])
            if not schema or len(rows) > MAX_USERS_PER_REQUEST:
                raise _meta_error(
                    f"payload needs a schema and at most {MAX_USERS_PER_REQUEST} rows; found {len(rows)}",
                    "payload",
                )
            self._session_step(txn, account, audience_id, session)
            invalid = 0
            for row in rows:
                member = self._meta_member(schema, row)
                if member is None:
                    invalid += 1
                    continue
                self._member(txn, META, account, audience_id, member, add=method == "POST")
            return {
                "audience_id": audience_id,
                "session_id": session["session_id"],
                "num_received": len(rows),
                "num_invalid_entries": invalid,
            }

    # -- helpers ----------------------------------------------------------------------------------
    def _list(self, txn: Txn, platform: str, account: str, list_id: str) -> dict[str, Any]:
        type_ = list_type(platform)
        found = txn.get(platform, account, type_, list_id)
        if found is None:
            if platform == GOOGLE:
                raise _google_error("mutate_error.RESOURCE_NOT_FOUND", f"no user list {list_id}")
            raise _meta_error(f"Unsupported request: object {list_id} does not exist")
        return found.data

    def _checked(
        self, txn: Txn, platform: str, account: str, list_id: str | None, data: dict[str, Any]
    ) -> dict[str, Any]:
        name = str(data.get("name") or "")
        if not name:
            raise (
                _google_error("field_error.REQUIRED", "name is required", "name")
                if platform == GOOGLE
                else (_meta_error("name is required", "name"))
            )
        if platform == GOOGLE:
            if google_name_used(txn, account, name, list_id):
                raise _google_error(
                    "user_list_error.NAME_ALREADY_USED", f"a user list named {name!r} exists", "name"
                )
            span = int(data.get("membership_life_span") or NO_EXPIRY)
            if not (1 <= span <= 540 or span == NO_EXPIRY):
                raise _google_error(
                    "range_error.TOO_HIGH" if span > 1 else "range_error.TOO_LOW",
                    f"membership_life_span must be 1–540 days or {NO_EXPIRY}; found {span}",
                    "membership_life_span",
                )
        elif not data.get("customer_file_source"):
            raise _meta_error(
                "customer_file_source is required for a customer-file audience", "customer_file_source"
            )
        return data

    def _job(self, txn: Txn, customer: str, job_id: str) -> Any:
        job = txn.get(GOOGLE, customer, JOB, job_id)
        if job is None:
            raise _google_error("mutate_error.RESOURCE_NOT_FOUND", f"no offline user data job {job_id}")
        return job

    @staticmethod
    def _google_operation(index: int, op: Mapping[str, Any]) -> tuple[str, str]:
        action = "create" if "create" in op else "remove" if "remove" in op else ""
        identifiers = (op.get(action) or {}).get("user_identifiers") or [] if action else []
        for identifier in identifiers:
            member = identifier.get("hashed_email") or identifier.get("hashed_phone_number")
            if member:
                if not _SHA256.fullmatch(member):
                    break
                return action, member
        raise _google_error(
            "offline_user_data_job_error.INVALID_SHA256_FORMAT",
            f"operation {index}: expected a create or remove of UserData with a SHA-256 e-mail or phone",
            f"operations[{index}]",
        )

    @staticmethod
    def _meta_member(schema: list[str], row: Any) -> str | None:
        if not isinstance(row, list) or len(row) != len(schema):
            return None
        values = dict(zip(schema, row, strict=True))
        if any(value and not _SHA256.fullmatch(str(value)) for value in values.values()):
            return None  # unhashed data is refused, never stored
        member = values.get("EMAIL") or values.get("PHONE")
        return str(member) if member else None

    def _member(self, txn: Txn, platform: str, account: str, list_id: str, member: str, *, add: bool) -> None:
        type_ = f"{MEMBER}:{list_id}"
        if add:
            txn.put(platform, account, type_, member, {}, parent=list_id)
        elif txn.get(platform, account, type_, member) is not None:
            txn.delete(platform, account, type_, member)

    def _session_step(self, txn: Txn, account: str, audience_id: str, session: Mapping[str, Any]) -> None:
        try:
            session_id, seq = int(session["session_id"]), int(session["batch_seq"])
        except (KeyError, TypeError, ValueError):
            raise _meta_error("session needs session_id and batch_seq", "session") from None
        key = f"{audience_id}:{session_id}"
        state = txn.get(META, account, SESSION, key)
        previous = state.data if state is not None else {"seq": 0, "done": False}
        if previous["done"] or seq != previous["seq"] + 1:
            raise _meta_error(
                f"session {session_id}: batch_seq {seq} does not follow {previous['seq']}"
                + (" (the session is finished)" if previous["done"] else ""),
                "session",
            )
        txn.put(META, account, SESSION, key, {"seq": seq, "done": bool(session.get("last_batch_flag"))})
