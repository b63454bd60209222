"""Google Customer Match user lists over the ``google-ads`` SDK, for a ``GoogleAdsConnector``.

* Read: ``SELECT user_list.id, user_list.name, user_list.description, user_list.membership_life_span
  FROM user_list`` (SearchStream): every type, so that lists built outside MIDAS (remarketing lists
  from website tags, lists made in the console) are known by name too — campaigns target them as
  ``existing`` audiences, and MIDAS owns only the lists it applied.
* Write: ``UserListService.MutateUserLists``, one operation per call: ``create`` with
  ``crm_based_user_list`` (CONTACT_INFO, FIRST_PARTY), ``update`` with its ``update_mask``, ``remove``.
* Members: ``OfflineUserDataJobService``: ``CreateOfflineUserDataJob`` (``CUSTOMER_MATCH_USER_LIST``, the
  list and the consent), ``AddOfflineUserDataJobOperations`` in requests of at most 10,000 operations,
  ``RunOfflineUserDataJob``, then the job's ``status`` polled through GAQL
  (``audience_wire.upload_with_job``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from google.ads.googleads.client import GoogleAdsClient
from google.protobuf import json_format

from midas_reconcile.connectors import audience_wire as wire
from midas_reconcile.connectors.base import MemberBatch, WriteOp, WriteResult
from midas_reconcile.errors import ConnectorError
from midas_reconcile.resources import GOOGLE, AddressBook, Resource

_READ: Final = (
    "SELECT user_list.id, user_list.name, user_list.description, user_list.membership_life_span "
    "FROM user_list"
)

Translated = Callable[..., Any]


class GoogleAudiences:
    """The Customer Match lists of one customer; also the ``audience_wire.JobService`` of its uploads."""

    member_batch_size = wire.GOOGLE_MEMBERS_PER_JOB

    def __init__(
        self,
        client: GoogleAdsClient,
        customer_id: str,
        account: str,
        translated: Translated,
        sleep: Callable[[float], None],
        timeout: float,
    ) -> None:
        self.client = client
        self.customer_id = customer_id
        self.account = account
        self._translated = translated
        self._sleep = sleep
        self._timeout = timeout
        #: ``MutateUserLists`` requests sent (``CountsWriteRequests``).
        self.write_requests = 0

    def _service(self, name: str) -> Any:
        return self.client.get_service(name)

    def _query(self, query: str) -> list[Any]:
        stream = self._service("GoogleAdsService").search_stream(
            customer_id=self.customer_id, query=query, timeout=self._timeout
        )
        return [row for batch in stream for row in batch.results]

    # -- lists --------------------------------------------------------------------------------------
    def read(self) -> list[Resource]:
        book = AddressBook(GOOGLE, self.account)
        with self._translated("reading user lists from Google Ads"):
            rows = self._query(_READ)
        return [
            wire.list_resource(
                book,
                {
                    "id": row.user_list.id,
                    "name": row.user_list.name,
                    "description": row.user_list.description,
                    "membership_life_span": row.user_list.membership_life_span,
                },
            )
            for row in rows
        ]

    def _list_name(self, list_id: str) -> str:
        return f"customers/{self.customer_id}/userLists/{list_id}"

    def write(self, op: WriteOp) -> WriteResult:
        """One ``MutateUserLists`` call for one list operation."""
        operation = self.client.get_type("UserListOperation")
        pb = type(operation).pb(operation)
        if op.action == "create":
            json_format.ParseDict({"create": wire.google_list_create(op.fields)}, pb)
        elif op.action == "update":
            changed = wire.list_fields(op.fields)
            if not changed:  # member stand-ins alone change nothing on the platform
                return WriteResult(op.address, True, op.platform_id)
            assert op.platform_id is not None
            json_format.ParseDict(
                {"update": {"resource_name": self._list_name(op.platform_id), **changed}}, pb
            )
            pb.update_mask.paths.extend(sorted(changed))
        else:
            assert op.platform_id is not None
            pb.remove = self._list_name(op.platform_id)
        try:
            with self._translated(f"writing {op.address} to Google Ads", ambiguous=op.action == "create"):
                self.write_requests += 1
                response = self._service("UserListService").mutate_user_lists(
                    customer_id=self.customer_id, operations=[operation], timeout=self._timeout
                )
        except ConnectorError as exc:
            return WriteResult(op.address, False, op.platform_id, exc)
        name = response.results[0].resource_name
        return WriteResult(op.address, True, name.rsplit("/", 1)[1] if name else op.platform_id)

    # -- members ------------------------------------------------------------------------------------
    def upload_members(self, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]) -> None:
        wire.upload_with_job(self, self.customer_id, platform_id, batch, consent, self._sleep)

    def create_job(self, customer: str, list_id: str, consent: Mapping[str, str]) -> str:
        job = self.client.get_type("OfflineUserDataJob")
        json_format.ParseDict(
            {
                "type": "CUSTOMER_MATCH_USER_LIST",
                "customer_match_user_list_metadata": {
                    "user_list": self._list_name(list_id),
                    "consent": consent,
                },
            },
            type(job).pb(job),
        )
        with self._translated("creating an offline user data job", ambiguous=True):
            response = self._service("OfflineUserDataJobService").create_offline_user_data_job(
                customer_id=customer, job=job, timeout=self._timeout
            )
        return str(response.resource_name)

    def add_job_operations(self, customer: str, job_id: str, operations: Sequence[Mapping[str, Any]]) -> None:
        request = self.client.get_type("AddOfflineUserDataJobOperationsRequest")
        pb = type(request).pb(request)
        json_format.ParseDict({"resource_name": job_id, "operations": list(operations)}, pb)
        with self._translated(f"adding {len(operations)} member operation(s) to a job", ambiguous=True):
            self._service("OfflineUserDataJobService").add_offline_user_data_job_operations(
                request=request, timeout=self._timeout
            )

    def run_job(self, customer: str, job_id: str) -> None:
        with self._translated("running an offline user data job", ambiguous=True):
            # A long-running operation: its status is read through GAQL (``job_status``), not awaited.
            self._service("OfflineUserDataJobService").run_offline_user_data_job(
                resource_name=job_id, timeout=self._timeout
            )

    def job_status(self, customer: str, job_id: str) -> str:
        query = (
            "SELECT offline_user_data_job.status FROM offline_user_data_job "
            f"WHERE offline_user_data_job.resource_name = '{job_id}'"
        )
        with self._translated("reading an offline user data job"):
            rows = self._query(query)
        return rows[0].offline_user_data_job.status.name if rows else "UNKNOWN"
