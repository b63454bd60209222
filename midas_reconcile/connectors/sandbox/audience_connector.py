"""The audience half of ``SandboxConnector``: lists read and written through the simulated endpoints,
members uploaded as the SDK connectors upload them (``connectors.audience_wire``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from midas_reconcile.connectors import audience_wire as wire
from midas_reconcile.connectors.base import MemberBatch, WriteOp, WriteResult
from midas_reconcile.connectors.sandbox.audience_sim import AudienceSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.errors import ConnectorError
from midas_reconcile.resources import AUDIENCE_KIND, GOOGLE, Address, AddressBook, Resource


class _JobService:
    """``audience_wire.JobService`` over the simulator."""

    def __init__(self, sim: AudienceSimulator) -> None:
        self.sim = sim

    def create_job(self, customer: str, list_id: str, consent: Mapping[str, str]) -> str:
        return self.sim.create_job(customer, list_id, consent)

    def add_job_operations(self, customer: str, job_id: str, operations: Sequence[Mapping[str, Any]]) -> None:
        self.sim.add_job_operations(customer, job_id, operations)

    def run_job(self, customer: str, job_id: str) -> None:
        self.sim.run_job(customer, job_id)

    def job_status(self, customer: str, job_id: str) -> str:
        return self.sim.job_status(customer, job_id)


class SandboxAudiences:
    """One sandbox account's audiences (``native_id``: the customer id / ad account id)."""

    def __init__(
        self, world: SandboxWorld, platform: str, account: str, native_id: str, sleep: Callable[[float], None]
    ) -> None:
        self.sim = AudienceSimulator(world)
        self.platform = platform
        self.account = account
        self.native_id = native_id
        self.kind = AUDIENCE_KIND[platform]
        self._sleep = sleep
        self.member_batch_size = (
            wire.GOOGLE_MEMBERS_PER_JOB if platform == GOOGLE else wire.META_ROWS_PER_REQUEST
        )
        #: List write requests sent (``CountsWriteRequests``).
        self.write_requests = 0

    def read(self) -> list[Resource]:
        book = AddressBook(self.platform, self.account)
        return [wire.list_resource(book, row) for row in self.sim.lists(self.platform, self.native_id)]

    def write(self, op: WriteOp) -> WriteResult:
        """One list operation (audiences are never referred to inside a batch: they are created first)."""
        try:
            if op.action == "create":
                fields = (
                    wire.google_list_create(op.fields)
                    if self.platform == GOOGLE
                    else (wire.meta_audience_create(op.fields))
                )
                self.write_requests += 1
                list_id = self.sim.create_list(self.platform, self.native_id, fields)
                return WriteResult(op.address, True, list_id)
            assert op.platform_id is not None
            if op.action == "update":
                changed = wire.list_fields(op.fields)
                if changed:  # member stand-ins alone change nothing on the platform
                    self.write_requests += 1
                    self.sim.update_list(self.platform, self.native_id, op.platform_id, changed)
            else:
                self.write_requests += 1
                self.sim.remove_list(self.platform, self.native_id, op.platform_id)
            return WriteResult(op.address, True, op.platform_id)
        except ConnectorError as exc:
            return WriteResult(op.address, False, op.platform_id, exc)

    def upload_members(
        self, address: Address, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]
    ) -> None:
        if self.platform == GOOGLE:
            wire.upload_with_job(
                _JobService(self.sim), self.native_id, platform_id, batch, consent, self._sleep
            )
            return
        method, payload, session = wire.users_request(batch)
        self.sim.users(self.native_id, platform_id, method, payload, session)
