"""The Meta Ads connector: one ad account through the official ``facebook-business`` SDK (Graph API).

It speaks the same Graph shapes as the sandbox's Meta backend (``connectors.meta_graph``): the same
edge reads, normalisation and addresses, the same batch requests, so the planner cannot tell the two
apart. What this module adds is the SDK and the wire:

- The SDK is built from a ``FacebookSession`` and ``FacebookAdsApi(session)`` — never
  ``FacebookAdsApi.init()``, whose defaults install a crash reporter (an excepthook that posts to the
  real Graph host). ``graph_url`` points the session at another host (tests run a local fake).
- Reads: ``GET act_<id>/campaigns | adsets | ads | adcreatives`` with explicit ``fields``, ``limit`` =
  500 and an ``effective_status`` filter without DELETED, following ``paging.cursors.after`` page by
  page (``meta_pages``). Each page is one request, retried on its own when the caller retries
  (``read_retrying``): a transient failure of page N asks for page N again, from its cursor, instead of
  reading the account again from its first page. A read answered with HTTP 5xx is transient (Graph's
  codes 1 and 2 are "a temporary issue due to downtime: wait and retry",
  https://developers.facebook.com/docs/graph-api/guides/error-handling); a write's is not, since it may
  have been applied.
- Writes: one Graph batch per call (≤ 50 requests: the SDK does not enforce Meta's limit). Requests
  are named so later ones refer to ids created earlier in the batch (``{result=op0:$.id}``), with
  ``omit_response_on_success: false`` so that the referenced requests' own answers (the new ids) come
  back. Per-request failures arrive through the SDK's failure callback and map to their operation.
- Errors are translated at this boundary (``meta_graph.error_from_graph``): throttling →
  ``TransientError`` with Meta's own wait; token and permission problems → ``AuthError`` with the fix;
  the rest → ``PermanentError`` with Meta's message and field. Transport failures never show the
  request URL, which carries the access token and ``appsecret_proof``.
- Every response's usage headers are read (``x-business-use-case-usage``, ``x-ad-account-usage``,
  ``x-app-usage``) and passed to the usage listeners, so the account's rate limiter slows down
  *before* Meta throttles (see ``ratelimit.TokenBucket.observe_usage``).
- Metrics: ``act_<id>/insights`` at campaign level, one row per day; ranges longer than
  ``SYNC_INSIGHTS_MAX_DAYS``, or a synchronous request Meta refuses as too large, run as an
  asynchronous report (``AdReportRun``) that is polled until done.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

import requests
from facebook_business.adobjects.adaccount import AdAccount
from facebook_business.adobjects.adreportrun import AdReportRun
from facebook_business.api import FacebookAdsApi, FacebookResponse, FacebookSession
from facebook_business.exceptions import FacebookError, FacebookRequestError

from midas_reconcile.connectors.addressing import Batch, DependencyFailed
from midas_reconcile.connectors.audience_refs import link_audiences
from midas_reconcile.connectors.audience_wire import write_split
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
from midas_reconcile.connectors.meta_audiences import MetaAudiences
from midas_reconcile.connectors.meta_graph import (
    INSIGHT_FIELDS,
    LIVE_STATUSES,
    MAX_BATCH,
    PAGE_SIZE,
    READ_FIELDS,
    LiveReader,
    batch_request,
    daily_metrics,
    error_from_graph,
    header_map,
    interest_search_names,
    usage_pct,
)
from midas_reconcile.connectors.meta_pages import edge_nodes, page_reader
from midas_reconcile.errors import AuthError, PermanentError, TransientError
from midas_reconcile.ratelimit import DEFAULT_LIMITS
from midas_reconcile.resources import META, Address, Resource, share_strings
from midas_reconcile.targeting.places import (
    city_entry,
    city_or_postal_code,
    meta_city_entries,
    meta_search_params,
    pick_meta_location,
)
from midas_reconcile.targeting.regions import find_subdivision
from midas_reconcile.targeting.tables import google_languages

DEFAULT_API_VERSION: Final = "v26.0"
DEFAULT_GRAPH_URL: Final = "https://graph.facebook.com"
DEFAULT_CONVERSION_ACTION: Final = "purchase"
#: Seconds one HTTP request may take before it is abandoned.
REQUEST_TIMEOUT_S: Final = 120.0
#: Longer date ranges go straight to an asynchronous insights report.
SYNC_INSIGHTS_MAX_DAYS: Final = 90
#: How long to wait for an asynchronous insights report before giving up (seconds), and the poll pace.
ASYNC_INSIGHTS_TIMEOUT_S: Final = 900.0
_ASYNC_POLL_S: Final = (1.0, 2.0, 5.0, 10.0, 30.0)
#: Meta's answer to a synchronous insights request too large to finish in time.
_TOO_MUCH_DATA: Final = "reduce the amount of data"

UsageListener = Callable[[float], None]

#: Query and form parameters that carry secrets: the SDK puts both on every request URL.
_SECRET_PARAMS: Final = re.compile(r"\b(access_token|appsecret_proof|client_secret)=[^&\s\"']+")
#: Loggers that write request URLs (urllib3 logs "GET /v26.0/…?access_token=… HTTP/1.1" at DEBUG).
_URL_LOGGERS: Final = ("urllib3.connectionpool", "requests")


class _RedactSecrets(logging.Filter):
    """Blanks secret parameters in log records of the HTTP stack, whatever level the user logs at."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _SECRET_PARAMS.search(message):
            record.msg = _SECRET_PARAMS.sub(r"\1=<redacted>", message)
            record.args = ()
        return True


def _redact_http_logs() -> None:
    for name in _URL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactSecrets) for f in logger.filters):
            logger.addFilter(_RedactSecrets())


@dataclass(frozen=True)
class MetaCredentials:
    """What the Graph API needs: an access token (a system user's, in production), and the app secret
    so that every request carries ``appsecret_proof``. ``repr`` never shows a value."""

    access_token: str
    app_secret: str | None = None
    app_id: str | None = None

    def __repr__(self) -> str:
        present = [name for name in ("access_token", "app_secret", "app_id") if getattr(self, name)]
        return f"MetaCredentials({', '.join(present)}: <redacted>)"

    @classmethod
    def from_values(cls, values: Mapping[str, str], *, account: str) -> MetaCredentials:
        """From the credential values midas.yaml names (``access_token``, ``app_secret``, ``app_id``)."""
        unknown = sorted(set(values) - {"access_token", "app_secret", "app_id"})
        if unknown:
            raise AuthError(
                f"account {account!r}: unknown Meta credential(s) {', '.join(unknown)}",
                platform=META,
                fix="name only access_token, app_secret and app_id under credentials in midas.yaml",
            )
        token = values.get("access_token")
        if not token:
            raise AuthError(
                f"account {account!r} has no Meta access token",
                platform=META,
                fix="add 'access_token_env: META_ACCESS_TOKEN' (or access_token_file) under the "
                "account's credentials in midas.yaml and export the token",
            )
        return cls(token, values.get("app_secret") or None, values.get("app_id") or None)


class _ObservedApi(FacebookAdsApi):
    """``FacebookAdsApi`` that shows the headers of every HTTP response (success or error) to the
    connector: the usage headers arrive on all of them, batches and cursor pages included."""

    def __init__(self, session: FacebookSession, api_version: str, observe: Callable[[Any], None]) -> None:
        super().__init__(session, api_version=api_version)
        self._observe = observe

    def call(self, *args: Any, **kwargs: Any) -> FacebookResponse:
        try:
            response = super().call(*args, **kwargs)
        except FacebookRequestError as exc:
            self._observe(exc.http_headers())
            raise
        self._observe(response.headers())
        return response


class MetaAdsConnector:
    """One Meta ad account over the Graph API (see the module docstring)."""

    platform = META

    def __init__(
        self,
        *,
        account: str,
        ad_account_id: str,
        currency: str,
        credentials: MetaCredentials,
        api_version: str = DEFAULT_API_VERSION,
        graph_url: str | None = None,
        conversion_action: str = DEFAULT_CONVERSION_ACTION,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        timeout: float = REQUEST_TIMEOUT_S,
        page_size: int = PAGE_SIZE,
    ) -> None:
        """``page_size``: objects per page of an edge read (Graph's ``limit``)."""
        self.account = account
        self.act = ad_account_id if ad_account_id.startswith("act_") else f"act_{ad_account_id}"
        self.currency = currency.upper()
        self.conversion_action = conversion_action
        self.limits: ConnectorLimits = DEFAULT_LIMITS[META]
        self.graph_url = (graph_url or DEFAULT_GRAPH_URL).rstrip("/")
        self.page_size = page_size
        #: HTTP requests sent (batches count once), for benchmarks and tests.
        self.requests_sent = 0
        self._batch_requests = 0
        #: The highest quota use (%) the last response reported.
        self.last_usage_pct: float | None = None
        self._listeners: list[UsageListener] = []
        self._sleep = sleep
        self._clock = clock
        _redact_http_logs()
        session = FacebookSession(
            app_id=credentials.app_id,
            app_secret=credentials.app_secret,
            access_token=credentials.access_token,
            timeout=timeout,
        )
        # The class attribute is the real Graph host; the instance attribute is what this session uses.
        session.GRAPH = self.graph_url
        self._api = _ObservedApi(session, api_version, self._observe)
        self._audiences = MetaAudiences(self._api, self.act, account, self._translated)
        self._region_names: dict[str, tuple[str, str | None]] = {}
        self._city_names: dict[str, tuple[str, str | None, str]] = {}
        self.member_batch_size = self._audiences.member_batch_size
        self.member_remove_batch_size = self._audiences.member_remove_batch_size

    # -- usage --------------------------------------------------------------------------------------
    def add_usage_listener(self, listener: UsageListener) -> None:
        """Call ``listener(pct)`` with the quota use every response reports (e.g. a limiter's
        ``observe_usage``)."""
        self._listeners.append(listener)

    def _observe(self, headers: Any) -> None:
        self.requests_sent += 1
        pct = usage_pct(header_map(headers))
        if pct is None:
            return
        self.last_usage_pct = pct
        for listener in self._listeners:
            listener(pct)

    # -- errors -------------------------------------------------------------------------------------
    @contextmanager
    def _translated(self, what: str, *, ambiguous: bool = False, read: bool = False) -> Iterator[None]:
        """Translate SDK and transport errors into MIDAS errors.

        ``ambiguous``: the call writes, so a response lost after the request was sent leaves its outcome
        unknown; it is not retried blindly (a retry could create twice) but reported for a re-plan,
        which adopts whatever was created (it carries the marker).
        ``read``: the call only reads: Graph's errors name ``what``, and an HTTP 5xx answer is transient
        (see the module docstring).
        """
        try:
            yield
        except FacebookRequestError as exc:
            error = error_from_graph(exc.body(), header_map(exc.http_headers()), context=what if read else "")
            if read and isinstance(error, PermanentError) and int(exc.http_status() or 0) >= 500:
                error = TransientError(error.message, platform=META, code=error.code)
            raise error from None
        except requests.exceptions.ReadTimeout:
            if ambiguous:
                raise PermanentError(
                    f"{what}: no answer from {self.graph_url} in time; the outcome is unknown — run "
                    "`midas plan` again (anything created was marked and will be adopted)",
                    platform=META,
                    code="midas.OUTCOME_UNKNOWN",
                ) from None
            raise TransientError(f"{what}: {self.graph_url} did not answer in time", platform=META) from None
        except requests.exceptions.RequestException as exc:
            # Never str(exc): requests puts the full URL, access token included, in its messages.
            raise TransientError(
                f"{what}: cannot reach {self.graph_url} ({type(exc).__name__})", platform=META
            ) from None
        except FacebookError as exc:
            raise PermanentError(
                f"{what}: the SDK refused the request ({type(exc).__name__})", platform=META
            ) from None

    # -- reads --------------------------------------------------------------------------------------
    def read(self, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """Every live object of the account: one paginated read per edge (and the custom audiences when an
        ad set targets one, unless the caller passes ``audiences`` read). A failed request ends it."""
        return self.read_retrying(call_once, audiences)

    def read_retrying(self, retry: QueryRetry, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """``read``, each page of each edge one request through ``retry`` (``RetriesEachQuery``)."""
        # Each edge streams page by page into the reader (see ``LiveReader``), which takes an edge all or
        # nothing: a page that fails for good leaves no half-read edge behind.
        reader = LiveReader(self.account)
        for edge, fields in READ_FIELDS.items():
            params: dict[str, Any] = {"fields": ",".join(fields), "limit": self.page_size}
            if edge in LIVE_STATUSES:
                params["effective_status"] = list(LIVE_STATUSES[edge])
            fetch = page_reader(
                self._api, self._translated, (self.act, edge), f"reading the {edge} of {self.act}"
            )
            reader.add(edge, edge_nodes(fetch, params, retry))
        resources = reader.resources()
        link_audiences(resources, lambda: self._audiences.read(retry), audiences)
        share_strings(resources)
        self._region_names.update(reader.region_names)
        self._city_names.update(reader.city_names)
        return resources

    def names_of(self, kind: ResolveKind, ids: Sequence[str]) -> dict[str, str]:
        """ISO 3166-2 codes of the region keys and entries (``San Francisco, US-CA``) of the city keys the
        last read saw, from the names Meta reported with them (interest names come with the targeting
        itself; a zip's key is its entry). Region and city keys no read saw (a snapshot's, written to specs
        without a read) are looked up in one geolocation metadata search."""
        if kind != "location":
            return {}
        unseen = [key for key in ids if key.isdigit() and key not in self._city_names | self._region_names]
        if unseen:
            self._describe_places(unseen)
        out = {}
        for key in ids:
            if key in self._city_names:
                out[key] = city_entry(*self._city_names[key])
                continue
            region_name, country = self._region_names.get(key, ("", None))
            found = find_subdivision(region_name, country) if region_name else None
            if found is not None:
                out[key] = found.code
        return out

    def _describe_places(self, keys: Sequence[str]) -> None:
        """Note the name and country of each of ``keys`` Meta knows as a region, and the name, region and
        country of each it knows as a city: ``GET /search?type=adgeolocationmeta&regions=[…]&cities=[…]``,
        answering ``{"data": {"regions": {key: {"name", "country_code", …}}, "cities": {key: {"name",
        "region", "country_code", …}}}}``. The keys alone do not say their kind, so each is asked as both
        (Meta answers a key under the kind it is)."""
        with self._translated(f"describing locations {', '.join(keys)} on {self.act}", read=True):
            params = {"type": "adgeolocationmeta", "regions": list(keys), "cities": list(keys)}
            body = self._api.call("GET", ("search",), params=params).json()
        data = body.get("data") if isinstance(body, Mapping) else None
        data = data if isinstance(data, Mapping) else {}
        for key, row in _described(data, "regions"):
            self._region_names[key] = (str(row["name"]), row.get("country_code"))
        for key, row in _described(data, "cities"):
            if row.get("country_code"):
                region = str(row["region"]) if row.get("region") else None
                self._city_names[key] = (str(row["name"]), region, str(row["country_code"]))

    def read_audiences(self) -> list[Resource]:
        """The account's customer-file custom audiences (``act_<id>/customaudiences``, paginated)."""
        return self._audiences.read()

    # -- writes -------------------------------------------------------------------------------------
    def operation_cost(self, op: WriteOp) -> int:
        """Every write is one request of a batch (ad labels travel inside it)."""
        return 1

    @property
    def write_requests(self) -> int:
        """API write requests sent so far (``CountsWriteRequests``): each request of a batch, and each
        audience write."""
        return self._batch_requests + self._audiences.write_requests

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """One Graph batch (custom audiences: one request each); one result per op, in order."""
        return write_split(ops, self._audiences.write, self._write_batch)

    def upload_members(
        self, address: Address, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]
    ) -> None:
        """One ``/users`` request of an upload session (hashed rows only)."""
        self._audiences.upload_members(platform_id, batch)

    def _write_batch(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        if len(ops) > MAX_BATCH:
            raise ValueError(f"a Meta batch holds at most {MAX_BATCH} operations; got {len(ops)}")
        batch = Batch(META, ops)
        sdk_batch = self._api.new_batch()
        answers: dict[int, FacebookResponse] = {}
        sent: list[int] = []

        def answered(index: int, response: FacebookResponse) -> None:
            answers[index] = response

        for index, op in enumerate(ops):
            if op.action == "create":
                batch.creators[op.address] = index
            try:
                request = batch_request(self.act, index, op, batch)
            except PermanentError as exc:
                batch.fail(index, exc)
                continue
            callback = functools.partial(answered, index)
            call = sdk_batch.add(
                request.method,
                request.relative_url,
                params=_wire_params(request.params) or None,
                success=callback,
                failure=callback,
            )
            call["name"] = request.name
            # Graph omits the answer of a request that later ones depend on unless told not to, and
            # that answer is the new object's id.
            call["omit_response_on_success"] = False
            sent.append(index)
        if sent:
            self._batch_requests += len(sent)  # Meta counts each request of a batch on its own
            try:
                with self._translated(f"writing {len(sent)} change(s) to {self.act}", ambiguous=True):
                    sdk_batch.execute()
            except PermanentError as exc:
                for index in sent:
                    batch.fail(index, exc)
                return batch.finish()
        for index in sent:
            self._settle(batch, index, answers.get(index))
        return batch.finish()

    def _settle(self, batch: Batch, index: int, response: FacebookResponse | None) -> None:
        op = batch.ops[index]
        if response is None:
            # Graph answers null for a request it did not run (the batch ran out of time).
            batch.fail(
                index,
                TransientError(
                    "Meta did not run this request of the batch; it will be sent again", platform=META
                ),
            )
            return
        body = response.json()
        if response.is_success() and isinstance(body, Mapping):
            batch.succeed(
                index, str(body["id"]) if op.action == "create" and "id" in body else op.platform_id
            )
            return
        dependency = batch.failed_dependency(index)
        if dependency is not None:
            batch.fail(index, DependencyFailed(META, dependency))
            return
        batch.fail(index, error_from_graph(body, header_map(response.headers())))

    # -- names → ids --------------------------------------------------------------------------------
    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        """Interests (``adinterest``), regions and cities (``adgeolocation``) and languages (``adlocale``)
        through the targeting search: one request per name; only exact name matches count."""
        out: dict[str, str] = {}
        with self._translated(f"resolving {kind} names on {self.act}"):
            for name in names:
                found = self._resolve_one(kind, name)
                if found is not None:
                    out[name] = found
        return out

    def near_names(self, kind: ResolveKind, name: str) -> list[str]:
        """The interests the targeting search finds for ``name`` or its words; the entries of the cities
        of a city's name in its country (one search)."""
        if kind == "location" and (place := city_or_postal_code(name)) is not None and place.kind == "city":
            with self._translated(f"searching cities near {name!r} on {self.act}"):
                return meta_city_entries(place, self._search("adgeolocation", **meta_search_params(place)))
        if kind != "interest":
            return []
        with self._translated(f"searching interests near {name!r} on {self.act}"):
            return interest_search_names(lambda query: self._search("adinterest", query), name)

    def _resolve_one(self, kind: ResolveKind, name: str) -> str | None:
        if kind == "interest":
            wanted = name.strip().casefold()
            for row in self._search("adinterest", name.strip()):
                if str(row.get("name", "")).casefold() == wanted:
                    return str(row["id"])
            return None
        if kind == "location" and (place := city_or_postal_code(name)) is not None:
            return pick_meta_location(place, self._search("adgeolocation", **meta_search_params(place)))
        if kind == "location":
            region = find_subdivision(name)
            query, country = (region.name, region.country) if region else (name.strip(), None)
            for row in self._search("adgeolocation", query, location_types=["region", "city"]):
                if str(row.get("name", "")).casefold() != query.casefold():
                    continue
                if country is None or str(row.get("country_code", "")).upper() == country:
                    return str(row["key"])
            return None
        language = _language_name(name)
        if language is None:
            return None
        for row in self._search("adlocale", language):
            if str(row.get("name", "")).casefold() in (language.casefold(), f"{language} (all)".casefold()):
                return str(row["key"])
        return None

    def _search(self, search_type: str, q: str, **extra: Any) -> list[Mapping[str, Any]]:
        # Through this session's own api: the SDK's TargetingSearch.search() uses the class-level Graph
        # host, not the session's.
        params: dict[str, Any] = {"type": search_type, "q": q, "limit": 100, **extra}
        body = self._api.call("GET", ("search",), params=params).json()
        data = body.get("data") if isinstance(body, Mapping) else None
        return [row for row in data or [] if isinstance(row, Mapping)]

    # -- metrics ------------------------------------------------------------------------------------
    def metrics(self, start: dt.date, end: dt.date) -> list[DailyMetrics]:
        """Daily campaign rows from ``start`` to ``end`` inclusive, ordered by date and campaign."""
        if end < start:
            return []
        params: dict[str, Any] = {
            "level": "campaign",
            "time_increment": "1",
            "time_range": {"since": start.isoformat(), "until": end.isoformat()},
            "limit": PAGE_SIZE,
        }
        with self._translated(f"reading insights of {self.act}"):
            if (end - start).days + 1 > SYNC_INSIGHTS_MAX_DAYS:
                rows = self._async_insights(params)
            else:
                try:
                    rows = self._sync_insights(params)
                except FacebookRequestError as exc:
                    if _TOO_MUCH_DATA not in str(exc.api_error_message() or "").casefold():
                        raise
                    rows = self._async_insights(params)
        out = [
            daily_metrics(
                row, account=self.account, currency=self.currency, conversion_action=self.conversion_action
            )
            for row in rows
        ]
        return sorted(out, key=lambda d: (d.date, d.campaign_id))

    def _sync_insights(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        account = AdAccount(self.act, api=self._api)
        return [_node(row) for row in account.get_insights(fields=list(INSIGHT_FIELDS), params=dict(params))]

    def _async_insights(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        account = AdAccount(self.act, api=self._api)
        job: AdReportRun = account.get_insights(
            fields=list(INSIGHT_FIELDS), params=dict(params), is_async=True
        )
        deadline = self._clock() + ASYNC_INSIGHTS_TIMEOUT_S
        for attempt in itertools.count():
            job.api_get(fields=["async_status", "async_percent_completion"])
            status = str(job.get("async_status", ""))
            if status == "Job Completed":
                break
            if status in ("Job Failed", "Job Skipped"):
                raise TransientError(
                    f"Meta's insights report {job.get_id()} ended with {status!r}", platform=META
                )
            if self._clock() >= deadline:
                raise TransientError(
                    f"Meta's insights report {job.get_id()} was not done after "
                    f"{ASYNC_INSIGHTS_TIMEOUT_S:.0f}s ({job.get('async_percent_completion', 0)}% complete)",
                    platform=META,
                )
            self._sleep(_ASYNC_POLL_S[min(attempt, len(_ASYNC_POLL_S) - 1)])
        return [_node(row) for row in job.get_insights(params={"limit": PAGE_SIZE})]


def _node(obj: Any) -> dict[str, Any]:
    """An SDK object as the plain JSON Graph sent."""
    data = obj.export_all_data() if hasattr(obj, "export_all_data") else dict(obj)
    return dict(data)


def _wire_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Values the SDK can encode: None clears a field (sent empty), Decimals as their digits."""
    out: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            out[key] = ""
        elif isinstance(value, Decimal | float):
            out[key] = str(value)
        else:
            out[key] = value
    return out


@functools.cache
def _language_names() -> dict[str, str]:
    return {lang.iso: lang.name for lang in google_languages().by_id.values() if lang.iso}


def _language_name(code: str) -> str | None:
    """The English name of an ISO 639-1 code (Meta's locale names are English: "Swahili")."""
    return _language_names().get(code.strip().lower())


def _described(data: Mapping[str, Any], kind: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(key, row) of each named place under ``kind`` of a geolocation metadata answer."""
    places = data.get(kind)
    for key, row in (places if isinstance(places, Mapping) else {}).items():
        if isinstance(row, Mapping) and row.get("name"):
            yield str(key), row
