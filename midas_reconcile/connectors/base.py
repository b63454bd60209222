"""The Connector protocol: the only I/O MIDAS does against an ad platform.

A connector serves one account of one platform. It reads every live object of that account in the
normalised ``Resource`` shape (see ``midas_reconcile.resources``), writes one batch of operations at a
time, resolves names (locations, languages, interests) to platform ids, and reads daily metrics.
Platform errors are translated at this boundary into ``midas_reconcile.errors``:
``TransientError`` (retry, with the platform's ``retry_after``), ``PermanentError`` (platform code and
message), ``AuthError``.

The sandbox (``connectors.sandbox``) is the shipped implementation every test can use; the SDK
connectors for Google Ads and Meta implement the same protocol.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable

from midas_reconcile.errors import ConnectorError
from midas_reconcile.resources import Address, Resource

T = TypeVar("T")
WriteAction = Literal["create", "update", "delete"]
ResolveKind = Literal["location", "language", "interest"]


@dataclass(frozen=True)
class WriteOp:
    """One write in a batch.

    ``fields``: for create, every field of the resource; for update, only the changed fields with
    their new values; for delete, empty. ``refs`` maps a reference name (``campaign_budget``,
    ``campaign``, ``ad_group``, ``adset``, ``creative``) to the referenced object's platform id, or to
    its ``Address`` when that object is created by an earlier operation of the *same* batch (the
    connector resolves it: Google temporary resource names, Meta ``{result=…}`` references).
    ``platform_id`` is required for update and delete. ``companions``: updates of other objects whose new
    values this write must carry itself, whichever batch their own writes go in (a Meta campaign handing
    its budget to its ad sets names their amounts in its own request).
    """

    action: WriteAction
    address: Address
    fields: Mapping[str, Any] = field(default_factory=dict)
    refs: Mapping[str, str | Address] = field(default_factory=dict)
    platform_id: str | None = None
    companions: tuple[WriteOp, ...] = ()


@dataclass(frozen=True)
class WriteResult:
    """Outcome of one ``WriteOp``: the platform id on success, the translated error otherwise."""

    address: Address
    ok: bool
    platform_id: str | None = None
    error: ConnectorError | None = None


@dataclass(frozen=True)
class ConnectorLimits:
    """What the platform allows: the batch size of one write call and the sustained request rate."""

    #: The platform's limit per write call, in its own operations (see ``Connector.operation_cost``).
    write_batch_size: int
    #: Requests as the platform counts them against its rate limits (each request of a Meta batch,
    #: each Google Mutate request; see ``CountsWriteRequests``), per second and at most at once.
    calls_per_second: float
    burst: int
    #: Operations allowed per day (None = unlimited), as the platform counts them.
    daily_operations: int | None = None


@dataclass(frozen=True)
class DailyMetrics:
    """One campaign's performance on one day, in the account currency (``spend`` in currency units)."""

    date: dt.date
    platform: str
    account: str
    campaign_id: str
    campaign_name: str
    impressions: int
    clicks: int
    spend: Decimal
    conversions: Decimal
    conversion_value: Decimal
    currency: str


@runtime_checkable
class Connector(Protocol):
    """One account of one platform."""

    platform: str
    account: str
    currency: str
    limits: ConnectorLimits

    def read(self) -> list[Resource]:
        """Every live, non-removed object of the account, normalised, with ``managed`` set."""
        ...

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """Send one batch (``len(ops) <= limits.write_batch_size``); one result per op, in order.

        Per-operation failures come back as results with ``ok=False``; an operation whose in-batch
        reference failed fails too. Whole-call failures raise ``TransientError`` / ``AuthError``.
        """
        ...

    def operation_cost(self, op: WriteOp) -> int:
        """How many of the platform's own operations ``op`` takes (a Google campaign create with its
        label link is two, plus one the first time the label itself must be created), so that the
        applier fills every request to ``limits.write_batch_size`` without going over it."""
        ...

    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        """Platform ids for the names it knows (unknown names are absent from the result)."""
        ...

    def metrics(self, start: dt.date, end: dt.date) -> list[DailyMetrics]:
        """Daily metrics per campaign for ``start``..``end`` inclusive."""
        ...


@runtime_checkable
class CountsWriteRequests(Protocol):
    """A connector that counts the API write requests it sends, as its platform counts them; one ``write``
    may send many. Google: each Mutate request (the YouTube video assets made first, the main request, an
    asset group's texts, each asset group, product group tree and replaced object in a request of its own,
    each user list). Meta: each request of a Graph batch, which Meta counts on its own ("Each call within
    the batch is counted separately for the purposes of calculating API call limits",
    developers.facebook.com/docs/graph-api/batch-requests), and each audience write. What an apply reports
    as its write calls."""

    #: Write requests sent so far (a running total: the applier counts the difference around a ``write``).
    write_requests: int


@runtime_checkable
class ReportsUsage(Protocol):
    """A connector whose platform reports how much of its quota is used (Meta's usage headers).

    The session registers the account's rate limiter, so that it slows down before the platform
    throttles rather than only after.
    """

    def add_usage_listener(self, listener: Callable[[float], None]) -> None:
        """Call ``listener(pct)`` with the highest quota use (in %) each response reports."""
        ...


@runtime_checkable
class NamesTargets(Protocol):
    """A connector that can name targeting ids it reads (``midas import`` writes names, not ids).

    ``kind`` is "location" (answer: the entry of the spec language: a region's ISO 3166-2 code ``US-CA``, a
    city ``San Francisco, US-CA``, a postal code ``US:94103``) or "interest" (its name)."""

    def names_of(self, kind: ResolveKind, ids: Sequence[str]) -> dict[str, str]:
        """``{id: name}`` for the ids the platform knows (unknown ids are absent)."""
        ...


@runtime_checkable
class KnowsNearNames(Protocol):
    """A connector that can list the names its platform knows near one it does not (an interest spelled
    wrong): what a spec error's "did you mean" is chosen from."""

    def near_names(self, kind: ResolveKind, name: str) -> list[str]:
        """Names of ``kind`` the platform knows that ``name`` may have meant ([] when it cannot tell)."""
        ...


@runtime_checkable
class ValidatesWrites(Protocol):
    """A connector that can have the platform check a batch without applying it (Google Ads
    ``validate_only``): what ``midas plan --validate-remote`` uses. ``can_validate`` says whether this
    connector's platform offers the check."""

    can_validate: bool

    def validate(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """Like ``write``, but nothing changes: failures are what the platform would refuse."""
        ...


@dataclass(frozen=True)
class MemberBatch:
    """One request of an audience member upload: ``rows`` are the platform's hashed payloads (Google
    ``UserData`` values, Meta rows of ``customer_list.META_SCHEMA``), never raw data.

    Batches of one action form a session (Meta's upload ``session``): ``session_id`` names it, ``seq``
    counts from 1, ``last`` marks its final batch and ``total`` is the number of rows in the whole
    session (Meta's ``estimated_num_total``).
    """

    action: Literal["add", "remove"]
    rows: Sequence[Any]
    session_id: int
    seq: int
    last: bool
    total: int


@runtime_checkable
class ReadsForImport(Protocol):
    """A connector whose read can take in what only an import needs: Google's page feeds linked to campaigns
    without Dynamic Search Ads (a query a plan or drift of an account without such campaigns skips), which
    import refuses by name rather than write a spec without them."""

    def read_for_import(self, on: bool) -> None:
        """Whether the next reads are an import's."""
        ...


@runtime_checkable
class ReadsAudiences(Protocol):
    """A connector that reads its platform's audiences (Google Customer Match user lists, Meta
    customer-file custom audiences) as ``user_list`` / ``customaudience`` resources. Apart from ``read``:
    an account without audiences in the specs or the store is never asked (no call spent on them), and
    writes of audience resources go through ``write`` like any other."""

    def read_audiences(self) -> list[Resource]:
        """Every audience of the account, normalised (member fields come from the state store)."""
        ...

    def read(self, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """``Connector.read``, naming the audiences campaigns target from ``audiences`` when the caller
        has them (``read_audiences``' answer) instead of reading them again."""
        ...


class QueryRetry(Protocol):
    """Runs one query (a callable that may raise ``TransientError``), retrying it as the caller paces
    and backs off (``Session.call``); what it returns is the query's."""

    def __call__(self, query: Callable[[], T], /) -> T: ...


def call_once(query: Callable[[], T], /) -> T:
    """The ``QueryRetry`` that does not retry."""
    return query()


@runtime_checkable
class RetriesEachQuery(Protocol):
    """A connector whose read is many queries (Google: one per resource type): ``read_retrying`` runs each
    through ``retry`` on its own, all or nothing, so that a transient failure of one query repeats that
    query alone (with its rows dropped), not the queries already answered."""

    def read_retrying(self, retry: QueryRetry, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """``ReadsAudiences.read``, each query through ``retry``."""
        ...


@runtime_checkable
class UploadsMembers(Protocol):
    """A connector that can add and remove the members of its platform's audiences (Google Customer
    Match user lists through offline user data jobs; Meta custom audiences through ``/{id}/users``)."""

    #: The most rows one ``upload_members`` call may carry (Meta: 10,000 per request). A connector may
    #: also have ``member_remove_batch_size`` when removals travel in smaller requests (Meta's SDK sends
    #: a ``DELETE``'s parameters in the URL).
    member_batch_size: int

    def upload_members(
        self, address: Address, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]
    ) -> None:
        """Send one batch to the audience ``platform_id``; returns once the platform accepted it.
        ``consent`` is the list's attestation (Google ``Consent``: ``ad_user_data``,
        ``ad_personalization`` as GRANTED / DENIED). Raises ``ConnectorError`` subclasses."""
        ...


def chunked(ops: Sequence[WriteOp], size: int) -> list[Sequence[WriteOp]]:
    """Split operations into batches of at most ``size``, keeping their order."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    return [ops[i : i + size] for i in range(0, len(ops), size)]
