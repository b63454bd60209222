"""``SandboxConnector``: one simulated Google Ads customer or Meta ad account behind the Connector contract.

Every call goes through the simulators as the real connectors go through the APIs, so it is counted,
rate-limited and subject to injected faults exactly like an API call:

* ``read``: Google — one query per resource type (labels, budgets, campaigns, campaign criteria, ad
  groups, ad group criteria, ads); Meta — one paginated edge read (500 per page) per edge.
* ``write``: Google — one Mutate request with partial failure (≤ 10,000 operations); Meta — one
  Graph batch (≤ 50 requests). Refs to objects created earlier in the same batch use temporary
  resource names / ``{result=…}`` references; an op whose referenced op failed fails with
  ``DependencyFailed`` (a ``PermanentError``, code ``midas.DEPENDENCY_FAILED``).
* ``resolve``: regions (``US-CA`` or ``California``) and interests from the sandbox catalogue;
  countries and languages are not resolved here (``targeting.py`` ships those tables).
* ``metrics``: synthetic daily metrics (``metrics.py``); days without delivery have no row.
* audiences (``audience_connector.py``): Customer Match user lists / customer-file custom audiences are
  read and written with the rest, one call per list operation; members go up through
  ``upload_members`` (Google offline user data jobs, Meta ``/users`` sessions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Final

from midas_reconcile.connectors.audience_refs import link_audiences
from midas_reconcile.connectors.audience_wire import validate_split, write_split
from midas_reconcile.connectors.base import (
    ConnectorLimits,
    DailyMetrics,
    MemberBatch,
    QueryRetry,
    ResolveKind,
    WriteOp,
    WriteResult,
    call_once,
)
from midas_reconcile.connectors.google_backend import GoogleBackend
from midas_reconcile.connectors.google_schema import MAX_OPERATIONS_PER_REQUEST
from midas_reconcile.connectors.sandbox.audience_connector import SandboxAudiences
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator, customer
from midas_reconcile.connectors.sandbox.meta_connector import MetaBackend
from midas_reconcile.connectors.sandbox.meta_rules import MAX_BATCH
from midas_reconcile.connectors.sandbox.meta_sim import ad_account
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.errors import MidasError
from midas_reconcile.resources import AUDIENCE_KIND, GOOGLE, META, Address, Resource, share_strings

#: The sustained request rate the applier should keep to (well inside the sandbox's own limits).
CALLS_PER_SECOND: Final = 50.0
BURST: Final = 100
#: Meta's pace in requests, each of a batch counting (``CountsWriteRequests``): as many full batches of
#: ``MAX_BATCH`` a second as Google gets requests; the sandbox's hourly call budget is what Meta enforces.
META_REQUESTS_PER_SECOND: Final = CALLS_PER_SECOND * MAX_BATCH
META_BURST: Final = BURST * MAX_BATCH


class SandboxConnector:
    """The Connector of one simulated account; ``native_id`` is the customer id / ad account id."""

    def __init__(
        self,
        world: SandboxWorld,
        *,
        platform: str,
        account: str,
        native_id: str,
        currency: str,
        access_level: str = "standard",
    ) -> None:
        self.world = world
        self.platform = platform
        self.account = account
        self.currency = currency.upper()
        self._backend: GoogleBackend | MetaBackend
        if platform == GOOGLE:
            self.native_id = customer(native_id)
            world.register_account(GOOGLE, self.native_id, self.currency, access_level)
            self._backend = GoogleBackend(GoogleAdsSimulator(world), account, self.native_id, self.currency)
            self.limits = ConnectorLimits(
                write_batch_size=MAX_OPERATIONS_PER_REQUEST,
                calls_per_second=CALLS_PER_SECOND,
                burst=BURST,
                daily_operations=world.limits.google_daily_operations.get(access_level),
            )
        elif platform == META:
            self.native_id = ad_account(native_id)
            world.register_account(META, self.native_id, self.currency)
            self._backend = MetaBackend(world, account, self.native_id, self.currency)
            self.limits = ConnectorLimits(
                write_batch_size=MAX_BATCH, calls_per_second=META_REQUESTS_PER_SECOND, burst=META_BURST
            )
        else:
            raise MidasError(
                f"account {account!r}: unknown sandbox platform {platform!r}; expected google or meta"
            )
        self._audiences = SandboxAudiences(world, platform, account, self.native_id, world.sleep)
        self.member_batch_size = self._audiences.member_batch_size

    def read(self, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """Every live, non-removed object of the account, normalised, in address order (the targeted
        audiences named from ``audiences`` when the caller has read them: see ``ReadsAudiences``)."""
        return self.read_retrying(call_once, audiences)

    def read_retrying(self, retry: QueryRetry, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """``read``, each query (a Google resource type, a Meta edge) retried on its own through ``retry``."""
        resources = self._backend.read(retry)
        link_audiences(resources, lambda: retry(self.read_audiences), audiences)
        share_strings(resources)
        return resources

    def read_for_import(self, on: bool) -> None:
        """Whether the next reads are an import's (``GoogleBackend.read_for_import``; Meta's read alike)."""
        if isinstance(self._backend, GoogleBackend):
            self._backend.read_for_import(on)

    def read_audiences(self) -> list[Resource]:
        """The account's Customer Match lists / custom audiences (one read call)."""
        return self._audiences.read()

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """One batch; one result per op, in order (see the module docstring). Audience operations go
        one call each; the rest as one batch call."""
        return write_split(ops, self._audiences.write, self._backend.write)

    def upload_members(
        self, address: Address, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]
    ) -> None:
        """One batch of audience members (hashes only): a Google job, a Meta ``/users`` request."""
        self._audiences.upload_members(address, platform_id, batch, consent)

    @property
    def write_requests(self) -> int:
        """API write requests sent so far (``CountsWriteRequests``): the platform's, and each audience's."""
        return self._backend.write_requests + self._audiences.write_requests

    @property
    def operations_spent(self) -> int | None:
        """Google: the API operations spent (as the daily quota counts them); Meta has no daily quota."""
        return self._backend.operations_spent if isinstance(self._backend, GoogleBackend) else None

    @property
    def can_validate(self) -> bool:
        """Google batches can be checked with ``validate_only``; Meta's are not checked here."""
        return isinstance(self._backend, GoogleBackend)

    def validate(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """A Google batch checked with ``validate_only``: nothing changes."""
        if not isinstance(self._backend, GoogleBackend):
            raise NotImplementedError("the sandbox checks only Google Ads batches remotely")
        return validate_split(ops, self._backend.validate)

    def operation_cost(self, op: WriteOp) -> int:
        """Platform operations ``op`` takes (Google label links count; a Meta batch request is one)."""
        return 1 if op.address.kind == AUDIENCE_KIND[self.platform] else self._backend.operation_cost(op)

    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        """Platform ids (bare: ``21137``, ``92948``; Meta region keys / interest ids) of known names."""
        return self._backend.resolve(kind, names)

    def names_of(self, kind: ResolveKind, ids: Sequence[str]) -> dict[str, str]:
        """Entries of the regions, cities and postal codes and names of the interests of ids read
        (``midas import``)."""
        return self._backend.names_of(kind, ids)

    def near_names(self, kind: ResolveKind, name: str) -> list[str]:
        """Interest names near ``name`` (a did-you-mean picks among them)."""
        return self._backend.near_names(kind, name)

    def metrics(self, start: dt.date, end: dt.date) -> list[DailyMetrics]:
        """Daily metrics per campaign from ``start`` to ``end`` inclusive, ordered by date and campaign."""
        return self._backend.metrics(start, end)
