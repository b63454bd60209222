"""Customer Match on the Google Ads fake: ``UserListService.MutateUserLists``, the
``OfflineUserDataJobService`` (create, add operations, run) and the two GAQL reads the connector makes
(``FROM user_list``, every list whatever its type; a job's ``offline_user_data_job.status`` by resource
name), over the sandbox's ``AudienceSimulator``. Requests and responses are the SDK's own messages; the
simulator's errors travel as GoogleAdsFailures like every other call's."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any, Final

import grpc
from google.longrunning import operations_pb2
from google.protobuf import json_format
from google.protobuf.message import Message

from midas_reconcile.connectors.sandbox.audience_sim import AudienceSimulator
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import GOOGLE

if TYPE_CHECKING:
    from fakes.google_ads_server import GoogleAdsFake

_USER_LISTS: Final = re.compile(r"\bFROM\s+user_list\b", re.IGNORECASE)
_JOB_STATUS: Final = re.compile(
    r"\bFROM\s+offline_user_data_job\s+WHERE\s+offline_user_data_job\.resource_name\s*=\s*'([^']+)'",
    re.IGNORECASE,
)
_NAME: Final = re.compile(r"customers/(\d+)/(userLists|offlineUserDataJobs)/(\d+)")


def _tail(name: str, collection: str) -> tuple[str, str]:
    match = _NAME.fullmatch(name)
    if match is None or match.group(2) != collection:
        raise PermanentError(
            f"not a {collection} resource name: {name!r}", code="request_error.INVALID_INPUT"
        )
    return match.group(1), match.group(3)


class AudienceServices:
    """The audience RPCs of one ``GoogleAdsFake``."""

    def __init__(self, fake: GoogleAdsFake) -> None:
        self.fake = fake
        self.sim = AudienceSimulator(fake.world)
        base = f"google.ads.googleads.{fake.version}"
        self._lists = import_module(f"{base}.services.types.user_list_service")
        self._jobs = import_module(f"{base}.services.types.offline_user_data_job_service")
        self._job_status = import_module(f"{base}.enums.types.offline_user_data_job_status")

    def handlers(self, prefix: str, wrap: Callable[..., Any]) -> tuple[grpc.GenericRpcHandler, ...]:
        """``wrap(service, method, work)`` is the fake's unary handler factory (auth, recording, errors)."""
        lists, jobs = self._lists, self._jobs

        def unary(service: str, method: str, work: Callable[..., Any], request: Any, response: Any) -> Any:
            return grpc.unary_unary_rpc_method_handler(
                wrap(service, method, self._translated(work)),
                request_deserializer=request.deserialize,
                response_serializer=response,
            )

        return (
            grpc.method_handlers_generic_handler(
                f"{prefix}.UserListService",
                {
                    "MutateUserLists": unary(
                        "UserListService",
                        "MutateUserLists",
                        self._mutate_user_lists,
                        lists.MutateUserListsRequest,
                        lists.MutateUserListsResponse.serialize,
                    )
                },
            ),
            grpc.method_handlers_generic_handler(
                f"{prefix}.OfflineUserDataJobService",
                {
                    "CreateOfflineUserDataJob": unary(
                        "OfflineUserDataJobService",
                        "CreateOfflineUserDataJob",
                        self._create_job,
                        jobs.CreateOfflineUserDataJobRequest,
                        jobs.CreateOfflineUserDataJobResponse.serialize,
                    ),
                    "AddOfflineUserDataJobOperations": unary(
                        "OfflineUserDataJobService",
                        "AddOfflineUserDataJobOperations",
                        self._add_operations,
                        jobs.AddOfflineUserDataJobOperationsRequest,
                        jobs.AddOfflineUserDataJobOperationsResponse.serialize,
                    ),
                    "RunOfflineUserDataJob": unary(
                        "OfflineUserDataJobService",
                        "RunOfflineUserDataJob",
                        self._run_job,
                        jobs.RunOfflineUserDataJobRequest,
                        operations_pb2.Operation.SerializeToString,
                    ),
                },
            ),
        )

    def _translated(self, work: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        from fakes.google_ads_server import _Error, _fail

        def run(call: Any, request: Any) -> Any:
            try:
                return work(call, request)
            except PermanentError as exc:
                raise _fail(_Error(exc.code or "request_error.UNKNOWN", exc.message)) from None

        return run

    # -- RPCs -----------------------------------------------------------------------------------------
    def _mutate_user_lists(self, call: Any, request: Any) -> Any:
        customer = self.fake._customer(call, request.customer_id)
        call.operation_count = len(request.operations)
        results = []
        for operation in request.operations:
            pb = type(operation).pb(operation)
            which = pb.WhichOneof("operation")
            if which == "create":
                fields = _plain(pb.create)
                list_id = self.sim.create_list(GOOGLE, customer, fields)
            elif which == "update":
                fields = _plain(pb.update)
                _, list_id = _tail(fields.pop("resource_name"), "userLists")
                masked = {path: fields.get(path) for path in pb.update_mask.paths}
                self.sim.update_list(GOOGLE, customer, list_id, masked)
            else:
                _, list_id = _tail(pb.remove, "userLists")
                self.sim.remove_list(GOOGLE, customer, list_id)
            results.append(
                self._lists.MutateUserListResult(resource_name=f"customers/{customer}/userLists/{list_id}")
            )
        return self._lists.MutateUserListsResponse(results=results)

    def _create_job(self, call: Any, request: Any) -> Any:
        customer = self.fake._customer(call, request.customer_id)
        job = type(request.job).pb(request.job)
        if _plain(job).get("type_") != "CUSTOMER_MATCH_USER_LIST":  # the only job type served (proto "type_")
            raise PermanentError("only CUSTOMER_MATCH_USER_LIST jobs are served", code="field_error.REQUIRED")
        metadata = job.customer_match_user_list_metadata
        _, list_id = _tail(metadata.user_list, "userLists")
        consent = _plain(metadata.consent)
        job_id = self.sim.create_job(customer, list_id, consent)
        return self._jobs.CreateOfflineUserDataJobResponse(
            resource_name=f"customers/{customer}/offlineUserDataJobs/{job_id}"
        )

    def _add_operations(self, call: Any, request: Any) -> Any:
        customer, job_id = _tail(request.resource_name, "offlineUserDataJobs")
        self.fake._customer(call, customer)
        call.operation_count = len(request.operations)
        operations = [_plain(type(op).pb(op)) for op in request.operations]
        self.sim.add_job_operations(customer, job_id, operations)
        return self._jobs.AddOfflineUserDataJobOperationsResponse()

    def _run_job(self, call: Any, request: Any) -> Any:
        customer, job_id = _tail(request.resource_name, "offlineUserDataJobs")
        self.fake._customer(call, customer)
        self.sim.run_job(customer, job_id)
        return operations_pb2.Operation(name=f"{request.resource_name}/operations/run", done=True)

    # -- GAQL -----------------------------------------------------------------------------------------
    def rows(self, customer_id: str, query: str, row_type: Callable[[], Message]) -> list[Message] | None:
        """The rows of the connector's audience queries; None for any other query."""
        job = _JOB_STATUS.search(query)
        if job is not None:
            _, job_id = _tail(job.group(1), "offlineUserDataJobs")
            row: Any = row_type()
            row.offline_user_data_job.resource_name = job.group(1)
            status = self._job_status.OfflineUserDataJobStatusEnum.OfflineUserDataJobStatus
            row.offline_user_data_job.status = status[self.sim.job_status(customer_id, job_id)].value
            return [row]
        if _USER_LISTS.search(query) is None:
            return None
        out = []
        for found in self.sim.lists(GOOGLE, customer_id):
            row = row_type()
            row.user_list.resource_name = f"customers/{customer_id}/userLists/{found['id']}"
            row.user_list.id = int(found["id"])
            row.user_list.name = found["name"]
            row.user_list.description = found.get("description") or ""
            row.user_list.membership_life_span = int(found.get("membership_life_span") or 0)
            out.append(row)
        return out


def _plain(message: Message) -> dict[str, Any]:
    """A message as a dict of proto field names, enums as names."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True)
