"""Graph API v26.0 on 127.0.0.1 over the sandbox's Meta simulator, for the ``facebook-business`` SDK.

The real SDK connector talks to this server exactly as it talks to ``graph.facebook.com``: point a
``FacebookSession`` instance's ``GRAPH`` at ``MetaGraphFake.url``. What travels on the wire, as
``facebook-business`` 26.0.3 sends it (``api.py``, ``session.py``):

* every request carries ``access_token`` (and ``appsecret_proof`` = HMAC-SHA256(app secret, token) hex
  when the session has an app secret) in the **query string**: they are ``requests.Session.params``,
  merged into every request, POST included;
* GET and DELETE parameters travel in the query string, POST parameters form-encoded in the body;
  list, dict and bool values are JSON-encoded per field (``_top_level_param_json_encode``), so
  ``effective_status`` arrives as ``["ACTIVE"]`` and ``fields`` as a comma list (edges, nodes) or a
  JSON list (``get_insights_async``);
* node calls go to ``/<version>/<id>/`` (trailing slash: ``endpoint='/'``), edges to
  ``/<version>/<node>/<edge>``, a batch to ``POST /<version>/`` with a form field ``batch`` (a JSON
  list of ``{method, relative_url, body?, name?}``, ``body`` a form-encoded string);
* a ``Cursor`` re-requests the same path with ``after=paging.cursors.after`` while ``paging.next``
  exists (it never fetches ``next`` itself), and always adds ``summary=true`` (ignored here);
* any JSON body with an ``error`` key raises ``FacebookRequestError`` whatever the HTTP status; batch
  entries become ``FacebookResponse`` objects handed to the success or failure callback.

Served: ad account edges (``campaigns``, ``adsets``, ``ads``, ``adcreatives``, ``adlabels``; read and
create), nodes (read, update, delete), the ad account node (currency), the batch endpoint, campaign
insights (synchronous, and asynchronous report runs), targeting search (``adinterest``,
``adgeolocation``, ``adgeolocationmeta`` of regions and cities, ``adlocale``), custom audiences
(``act_<id>/customaudiences`` read and create, the audience node updated and deleted, ``/<id>/users``
POST / DELETE with ``payload`` and ``session``, over the sandbox's ``AudienceSimulator``). Ad accounts
must be registered in the world (``SandboxWorld.register_account``); any other path is Graph's
"Unsupported … request" (100/33).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import math
import random
import re
import socket
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Final
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from facebook_business.adobjects.adsinsights import AdsInsights

from midas_reconcile.connectors.sandbox import meta_quota
from midas_reconcile.connectors.sandbox import meta_rules as rules
from midas_reconcile.connectors.sandbox.audience_sim import CUSTOM_AUDIENCE, AudienceSimulator
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator, ad_account
from midas_reconcile.connectors.sandbox.world import SandboxWorld, Txn
from midas_reconcile.errors import PermanentError, TransientError
from midas_reconcile.resources import META
from midas_reconcile.targeting.tables import meta_locales

__all__ = ["MetaGraphFake", "RecordedRequest"]

_AUTH_PARAMS: Final = frozenset({"access_token", "appsecret_proof"})
_VERSION: Final = re.compile(r"v\d+\.\d+")
_EMBEDDED_CREDENTIAL: Final = re.compile(r"(access_token|appsecret_proof)(=|%3D)[^&\"\s]*")
_REDACTED: Final = "[redacted]"
_DOCS: Final = "Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api"
_RATE_LIMIT_DOCS: Final = (
    "For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting."
)
#: Graph's own wording per throttling code (80000/80004 as quoted in singer-io/tap-facebook#192 and
#: airbytehq/airbyte#10655; 4, 17 and 613 from Meta's error-code table).
_THROTTLE_MESSAGES: Final[dict[int, str]] = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80000: "(#80000) There have been too many calls from this ad-account. Wait a bit and try again. "
    + _RATE_LIMIT_DOCS,
    80004: "(#80004) There have been too many calls to this ad-account. Wait a bit and try again. "
    + _RATE_LIMIT_DOCS,
}
#: Graph's wording for the server errors a page read can meet: 1 "API Unknown" and 2 "API Service", both
#: "a temporary issue due to downtime" (developers.facebook.com/docs/graph-api/guides/error-handling; the
#: text of 2 as logged in daroczig/fbRads#116).
_SERVER_MESSAGES: Final[dict[int, str]] = {
    1: "An unknown error has occurred.",
    2: "(#2) Service temporarily unavailable",
}
#: The business-use-case throttling subcode Graph sends with 80000/80004.
_BUC_SUBCODE: Final = 2446079
#: Requests per batch. Over it Graph answers a ``GraphBatchException`` with this message (recorded in
#: jgorset/facepy tests/test_graph_api.py and a logged response at pastebin.com/5PVMMuhq, neither
#: showing a code; code 1 here is this fake's assumption).
_MAX_BATCH: Final = rules.MAX_BATCH
_BATCH_TOO_LARGE: Final = f"Too many requests in batch message. Maximum batch size is {_MAX_BATCH}"
#: Graph's answer to a synchronous insights request that is too large: code 1 over HTTP 500
#: (facebook/facebook-python-business-sdk#470, singer-io/tap-facebook#65); newer responses add
#: subcode 99 and the same text as error_user_msg.
_TOO_MUCH_DATA: Final = "Please reduce the amount of data you're asking for, then retry your request"
_INSIGHTS_FIELDS: Final = frozenset(
    value
    for name, value in vars(AdsInsights.Field).items()
    if not name.startswith("_") and isinstance(value, str)
)
_DEFAULT_INSIGHTS_FIELDS: Final = ("impressions", "spend")
_ACCOUNT_FIELDS: Final = frozenset(
    {"id", "account_id", "currency", "account_status", "timezone_name", "timezone_offset_hours_utc"}
)
#: Report run ids live far above the simulator's node ids (``meta_nodes.ID_BASE``), so they never clash.
_REPORT_ID_BASE: Final = 10**18
_MAX_LIMIT: Final = 5000
_AUDIENCE_FIELDS: Final = frozenset({"name", "description", "customer_file_source", "subtype"})


@dataclass
class _PageFault:
    """``fail_page``: GETs of the edge still to serve before the failures, failures still to answer."""

    serve: int
    fail: int
    reply: _Reply


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request as the fake received it, credentials removed.

    ``params`` merges the query string and the form body (``access_token`` and ``appsecret_proof``
    dropped, any credential value elsewhere replaced by ``[redacted]``); ``batch_size`` is the number
    of requests in a batch call, else None; ``status`` is the HTTP status answered.
    """

    method: str
    path: str
    params: Mapping[str, str]
    batch_size: int | None
    status: int


@dataclass(frozen=True)
class _Reply:
    status: int
    body: Any
    #: Throttled: the minutes to announce in ``estimated_time_to_regain_access`` (at least).
    regain_minutes: int | None = None
    headers: tuple[tuple[str, str], ...] = ()


class _GraphError(Exception):
    """A Graph error the fake answers itself (not one raised by the simulator)."""

    def __init__(self, reply: _Reply) -> None:
        super().__init__(reply.body["error"]["message"])
        self.reply = reply


@dataclass(frozen=True)
class _ReportRun:
    id: str
    account: str
    since: dt.date
    until: dt.date
    rows: tuple[dict[str, Any], ...]
    completed_at: int


@dataclass
class _Call:
    """One HTTP request on its way through the router."""

    method: str
    path: str
    #: Path segments after the API version.
    route: list[str]
    params: dict[str, str]
    account: str | None = None
    batch_size: int | None = None


def _error_body(
    message: str,
    *,
    code: int,
    type_: str = "OAuthException",
    subcode: int | None = None,
    transient: bool = False,
    user_msg: str | None = None,
) -> dict[str, Any]:
    error: dict[str, Any] = {"message": message, "type": type_, "code": code, "is_transient": transient}
    if subcode is not None:
        error["error_subcode"] = subcode
    if user_msg is not None:
        error["error_user_msg"] = user_msg
    error["fbtrace_id"] = "A" + hashlib.sha256(message.encode()).hexdigest()[:22]
    return {"error": error}


def _fail(status: int, message: str, **kwargs: Any) -> _GraphError:
    return _GraphError(_Reply(status, _error_body(message, **kwargs)))


def _unsupported(method: str, object_id: str | None = None) -> _GraphError:
    """Graph's answer for a path it does not serve or an object that does not exist (100/33)."""
    what = f"Unsupported {method.lower()} request."
    if object_id is not None:
        what += (
            f" Object with ID '{object_id}' does not exist, cannot be loaded due to missing permissions, "
            "or does not support this operation."
        )
    return _fail(400, f"{what} {_DOCS}", code=100, subcode=33, type_="GraphMethodException")


def _split(value: str | None) -> list[str] | None:
    """A list parameter: a JSON list (as the SDK encodes lists) or a comma list; None when absent."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.startswith("["):
        try:
            return [str(item) for item in json.loads(text)]
        except ValueError:
            raise rules.error(f"Param {text!r} must be a JSON array") from None
    return [item.strip() for item in text.split(",") if item.strip()]


def _integer(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise rules.error(f"Param {name} must be an integer", field=name) from None


def _offset_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def _cursor_offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        kind, _, number = text.partition(":")
        if kind == "offset" and number.isdigit():
            return int(number)
    except (ValueError, binascii.Error):
        pass
    raise rules.error("Invalid after cursor", field="after")


class MetaGraphFake:
    """Graph API v26.0 on 127.0.0.1 (ephemeral port) over a SandboxWorld's Meta simulator.

    ``start()`` (or ``with``) serves from a daemon thread; ``url`` is then what a ``FacebookSession``'s
    ``GRAPH`` is set to. ``requests`` records every request received (credentials removed).
    ``throttle(n)`` answers the next ``n`` authenticated requests with Graph's throttling error;
    ``fail_page(edge, n)`` fails the read of one page of an edge.
    Simulator errors become Graph error bodies (HTTP 400; its rate limit is the 80004 throttling
    error); a fault in the fake itself is answered as Graph's unknown error (code 1, HTTP 500) and kept
    in ``unexpected_errors`` so tests can fail on it.
    """

    def __init__(
        self,
        world: SandboxWorld,
        *,
        access_token: str,
        app_secret: str | None = None,
        api_version: str = "v26.0",
        sync_insights_max_days: int = 93,
    ) -> None:
        if not _VERSION.fullmatch(api_version):
            raise ValueError(f"api_version must look like 'v26.0', got {api_version!r}")
        if not access_token:
            raise ValueError("access_token must not be empty")
        self.world = world
        self.sim = MetaSimulator(world)
        self.audiences = AudienceSimulator(world)
        self.api_version = api_version
        self.sync_insights_max_days = sync_insights_max_days
        self.url = ""
        self.requests: list[RecordedRequest] = []
        self.unexpected_errors: list[BaseException] = []
        self._access_token = access_token
        self._proof = (
            hmac.new(app_secret.encode(), access_token.encode(), hashlib.sha256).hexdigest()
            if app_secret
            else None
        )
        self._lock = threading.Lock()
        self._throttle_left = 0
        self._throttle_error: tuple[int, int | None, int] = (80004, _BUC_SUBCODE, 1)
        self._storm: tuple[float, random.Random] | None = None
        self._page_faults: dict[str, _PageFault] = {}
        self._reports: dict[str, _ReportRun] = {}
        self._last_account: str | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------------------------
    def start(self) -> MetaGraphFake:
        """Listen on an ephemeral port of 127.0.0.1 and serve from a daemon thread."""
        if self._server is not None:
            raise RuntimeError("the Graph fake is already serving")
        self._server = _Server(self)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="meta-graph-fake",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and drop open keep-alive connections (idempotent)."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.drop_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> MetaGraphFake:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def throttle(
        self, count: int, *, code: int = 80004, subcode: int | None = _BUC_SUBCODE, regain_minutes: int = 1
    ) -> None:
        """Answer the next ``count`` authenticated HTTP requests (a batch is one) with Graph's throttling
        error: ``code``/``subcode``, ``is_transient`` true, HTTP 400, and ``x-business-use-case-usage``
        announcing ``estimated_time_to_regain_access`` = ``regain_minutes``."""
        if count < 0 or regain_minutes < 0:
            raise ValueError("count and regain_minutes must not be negative")
        with self._lock:
            self._throttle_left = count
            self._throttle_error = (code, subcode, regain_minutes)

    def storm(self, rate: float, *, seed: int = 0, regain_minutes: int = 1) -> None:
        """From now on, throttle each authenticated request with probability ``rate`` (a seeded,
        repeatable sequence), as ``throttle`` does; ``rate`` 0 ends the storm."""
        if not 0 <= rate <= 1:
            raise ValueError("rate must be between 0 and 1")
        with self._lock:
            self._storm = (rate, random.Random(seed)) if rate else None
            self._throttle_error = (80004, _BUC_SUBCODE, regain_minutes)

    def fail_page(
        self,
        edge: str,
        page: int,
        *,
        times: int = 1,
        code: int = 2,
        subcode: int | None = None,
        status: int = 500,
        transient: bool = True,
        message: str | None = None,
        regain_minutes: int | None = None,
    ) -> None:
        """Answer the ``page``-th ``GET`` of the ad account edge ``edge`` from now on (counting from 1; an
        edge read asks for its pages in order) and the ``times - 1`` GETs of that edge right after it (a
        retry asks for the same page) with Graph's error ``code``/``subcode`` over HTTP ``status``, then
        serve it again. ``regain_minutes`` announces a throttle's ``estimated_time_to_regain_access``."""
        if page < 1 or times < 0:
            raise ValueError("page counts from 1 and times must not be negative")
        text = message or _THROTTLE_MESSAGES.get(code) or _SERVER_MESSAGES.get(code) or f"(#{code}) Failed"
        body = _error_body(text, code=code, subcode=subcode, transient=transient)
        with self._lock:
            self._page_faults[edge] = _PageFault(page - 1, times, _Reply(status, body, regain_minutes))

    def _maybe_fail_page(self, call: _Call) -> None:
        route = call.route
        if call.method != "GET" or len(route) != 2 or not route[0].startswith("act_"):
            return
        with self._lock:
            fault = self._page_faults.get(route[1])
            if fault is None:
                return
            if fault.serve > 0:
                fault.serve -= 1
                return
            if fault.fail <= 0:
                del self._page_faults[route[1]]
                return
            fault.fail -= 1
        raise _GraphError(fault.reply)

    # --- one HTTP request ---------------------------------------------------------------------------
    def _respond(
        self, method: str, raw_path: str, content_type: str, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        split = urlsplit(raw_path)
        pairs = parse_qsl(split.query, keep_blank_values=True)
        upload = content_type.lower().startswith("multipart/")
        if body and not upload:
            pairs += parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        tokens = [value for key, value in pairs if key == "access_token"]
        proofs = [value for key, value in pairs if key == "appsecret_proof"]
        params = {key: value for key, value in pairs if key not in _AUTH_PARAMS}
        call = _Call(method, split.path, [], params)
        try:
            self._authenticate(tokens, proofs)
            if upload:
                raise _fail(400, "(#100) File uploads are not served by the Graph fake", code=100)
            call.route = self._route_of(method, split.path)
            call.account = self._account_hint(call.route)
            self._maybe_throttle()
            self._maybe_fail_page(call)
            reply = self._dispatch(call)
        except _GraphError as exc:
            reply = exc.reply
        except TransientError as exc:
            reply = self._transient_reply(exc)
        except PermanentError as exc:
            reply = _Reply(400, rules.graph_error_body(exc))
        except Exception as exc:  # a bug in the fake or the simulator: say so, as Graph's unknown error
            self.unexpected_errors.append(exc)
            reply = _Reply(500, _error_body("An unknown error has occurred.", code=1))
        account = call.account or self._fallback_account()
        headers = [
            ("Content-Type", "application/json; charset=UTF-8"),
            ("facebook-api-version", self.api_version),
            *self._usage_headers(account, reply.regain_minutes),
            *reply.headers,
        ]
        secrets = [s for s in (self._access_token, self._proof, *tokens, *proofs) if s]
        record = RecordedRequest(
            method=method,
            path=_redact(split.path, secrets),
            params={key: _redact(value, secrets) for key, value in params.items()},
            batch_size=call.batch_size,
            status=reply.status,
        )
        with self._lock:
            self.requests.append(record)
            if call.account and reply.status == 200:
                self._last_account = call.account
        return reply.status, headers, json.dumps(reply.body, separators=(",", ":")).encode()

    def _authenticate(self, tokens: Sequence[str], proofs: Sequence[str]) -> None:
        if not tokens:
            raise _fail(400, "An access token is required to request this resource.", code=104)
        if not all(hmac.compare_digest(t.encode(), self._access_token.encode()) for t in tokens):
            message = "Invalid OAuth access token - Cannot parse access token"
            raise _GraphError(
                _Reply(
                    400,
                    _error_body(message, code=190),
                    headers=(("WWW-Authenticate", f'OAuth "Facebook Platform" "invalid_token" "{message}"'),),
                )
            )
        if self._proof is None:
            return
        if not proofs:
            raise _fail(
                400, "API calls from the server require an appsecret_proof argument",
                code=100, type_="GraphMethodException",
            )  # fmt: skip
        if not all(hmac.compare_digest(p.encode(), self._proof.encode()) for p in proofs):
            raise _fail(
                400,
                "Invalid appsecret_proof provided in the API argument",
                code=100,
                type_="GraphMethodException",
            )

    def _route_of(self, method: str, path: str) -> list[str]:
        segments = [s for s in path.split("/") if s]
        if not segments and method == "POST":
            return []  # the unversioned batch endpoint
        if not segments or segments[0] != self.api_version:
            raise _unsupported(method)
        return segments[1:]

    def _maybe_throttle(self) -> None:
        with self._lock:
            stormy = self._storm is not None and self._storm[1].random() < self._storm[0]
            if self._throttle_left <= 0 and not stormy:
                return
            self._throttle_left = max(0, self._throttle_left - 1)
            code, subcode, regain = self._throttle_error
        message = _THROTTLE_MESSAGES.get(
            code, f"(#{code}) There have been too many calls. Wait a bit and try again."
        )
        body = _error_body(message, code=code, subcode=subcode, transient=True)
        raise _GraphError(_Reply(400, body, regain_minutes=regain))

    def _transient_reply(self, exc: TransientError) -> _Reply:
        head = (exc.code or "2").partition("/")[0]
        code = int(head) if head.isdigit() else 2
        subcode = _BUC_SUBCODE if code in (80000, 80004) else None
        regain = math.ceil(exc.retry_after / 60) if exc.retry_after else None
        body = _error_body(
            _THROTTLE_MESSAGES.get(code, exc.message), code=code, subcode=subcode, transient=True
        )
        return _Reply(400, body, regain_minutes=regain)

    # --- routing ------------------------------------------------------------------------------------
    def _dispatch(self, call: _Call) -> _Reply:
        route, method = call.route, call.method
        if not route:
            if method == "POST":
                return self._batch(call)
            raise _unsupported(method)
        head = route[0]
        if route == ["search"] and method == "GET":
            return self._search(call)
        if head.startswith("act_"):
            account = ad_account(head)
            if not self._registered(account):
                raise _unsupported(method, head)
            if len(route) == 1 and method == "GET":
                return self._account_node(call, account)
            if len(route) == 2 and route[1] == "insights" and method in ("GET", "POST"):
                return self._insights(call, account) if method == "GET" else self._report_start(call, account)
            if route[1:] == ["customaudiences"] and method in ("GET", "POST"):
                return self._custom_audiences(call, account)
            if len(route) == 2 and route[1] in rules.EDGES and method in ("GET", "POST"):
                if method == "GET":
                    return self._edge(call, account, route[1])
                return _Reply(200, self.sim.create(account, route[1], call.params))
            raise _unsupported(method, head)
        report = self._reports.get(head)
        if report is not None and method == "GET":
            if len(route) == 1:
                return self._report_status(call, report)
            if route[1:] == ["insights"]:
                self._charge(report.account, "insights")
                return self._page(call, list(report.rows))
        located = self.world.locate(META, head) if head.isdigit() else None
        if located is not None and located[1] == CUSTOM_AUDIENCE:
            return self._custom_audience(call, located[0], head, route[1:])
        if len(route) == 1 and head.isdigit() and located is not None:
            if method == "GET":
                return _Reply(200, self.sim.get(head, _split(call.params.get("fields")) or ["id"]))
            if method == "POST":
                return _Reply(200, self.sim.update(head, call.params))
            if method == "DELETE":
                return _Reply(200, self.sim.delete(head))
        raise _unsupported(method, head)

    # --- custom audiences ---------------------------------------------------------------------------
    def _custom_audiences(self, call: _Call, account: str) -> _Reply:
        if call.method == "POST":
            fields = {k: v for k, v in call.params.items() if k in _AUDIENCE_FIELDS}
            return _Reply(200, {"id": self.audiences.create_list(META, account, fields)})
        wanted = _split(call.params.get("fields")) or ["id"]
        rows = [{k: row.get(k) for k in wanted if k in row} for row in self.audiences.lists(META, account)]
        return _Reply(200, {"data": rows})

    def _custom_audience(self, call: _Call, account: str, audience_id: str, rest: list[str]) -> _Reply:
        method = call.method
        if rest == ["users"] and method in ("POST", "DELETE"):
            try:
                payload = json.loads(call.params.get("payload") or "{}")
                session = json.loads(call.params.get("session") or "{}")
            except ValueError:
                raise _fail(400, "(#100) payload and session must be JSON", code=100) from None
            return _Reply(200, self.audiences.users(account, audience_id, method, payload, session))
        if rest == [] and method == "POST":
            fields = {k: v for k, v in call.params.items() if k in _AUDIENCE_FIELDS}
            self.audiences.update_list(META, account, audience_id, fields)
            return _Reply(200, {"success": True})
        if rest == [] and method == "DELETE":
            self.audiences.remove_list(META, account, audience_id)
            return _Reply(200, {"success": True})
        raise _unsupported(method, audience_id)

    # --- nodes and edges ----------------------------------------------------------------------------
    def _edge(self, call: _Call, account: str, edge: str) -> _Reply:
        params = call.params
        page = self.sim.edge(
            account,
            edge,
            # Graph returns only ids unless fields are asked for.
            fields=_split(params.get("fields")) or ["id"],
            limit=_integer(params, "limit", 25),
            after=params.get("after") or None,
            effective_status=_split(params.get("effective_status")),
        )
        paging = page.get("paging") or {}
        if "next" in paging:
            paging["next"] = self._next_url(call, paging["cursors"]["after"])
        return _Reply(200, page)

    def _account_node(self, call: _Call, account: str) -> _Reply:
        self._charge(account, "adaccount")
        info = self.world.account_info(META, account)
        node: dict[str, Any] = {
            "id": f"act_{account}",
            "account_id": account,
            "currency": info.currency,
            "account_status": 1,
            "timezone_name": "Etc/UTC",
            "timezone_offset_hours_utc": 0,
        }
        fields = _split(call.params.get("fields")) or ["id"]
        for name in fields:
            if name not in _ACCOUNT_FIELDS:
                raise rules.error(
                    f"Tried accessing nonexisting field ({name}) on node type (AdAccount)", field=name
                )
        return _Reply(200, {"id": node["id"], **{name: node[name] for name in fields}})

    def _batch(self, call: _Call) -> _Reply:
        raw = call.params.get("batch")
        if raw is None:
            raise _unsupported(call.method)
        try:
            requests = json.loads(raw)
        except ValueError:
            requests = None
        if not isinstance(requests, list) or not all(isinstance(r, dict) for r in requests):
            raise _fail(400, "Batch parameter must be a JSON array", code=1, type_="GraphBatchException")
        call.batch_size = len(requests)
        if len(requests) > _MAX_BATCH:
            raise _fail(400, _BATCH_TOO_LARGE, code=1, type_="GraphBatchException")
        call.account = call.account or self._batch_account(requests)
        results = self.sim.batch([_with_default_fields(r) for r in requests], account_id=call.account)
        if call.params.get("include_headers", "true").lower() == "false":
            results = [{k: v for k, v in result.items() if k != "headers"} for result in results]
        return _Reply(200, _omit_referenced(requests, results))

    def _batch_account(self, requests: Sequence[Mapping[str, Any]]) -> str | None:
        for request in requests:
            segments = [s for s in urlsplit(str(request.get("relative_url", ""))).path.split("/") if s]
            if segments and _VERSION.fullmatch(segments[0]):
                segments = segments[1:]
            account = self._account_hint(segments)
            if account is not None:
                return account
        return None

    # --- insights -----------------------------------------------------------------------------------
    def _insights_query(self, params: Mapping[str, str]) -> tuple[dt.date, dt.date, tuple[str, ...]]:
        level = params.get("level") or "(none)"
        if level != "campaign":
            raise rules.error(
                f"level={level} is not served by the Graph fake: it serves level=campaign", field="level"
            )
        if params.get("time_increment") != "1":
            raise rules.error(
                "The Graph fake serves time_increment=1 (daily rows) only", field="time_increment"
            )
        try:
            window = json.loads(params["time_range"])
            since = dt.date.fromisoformat(window["since"])
            until = dt.date.fromisoformat(window["until"])
        except (KeyError, TypeError, ValueError):
            raise rules.error(
                'Param time_range must be a JSON object {"since": "YYYY-MM-DD", "until": "YYYY-MM-DD"} '
                "(date_preset is not served by the Graph fake)",
                field="time_range",
            ) from None
        if until < since:
            raise rules.error("time_range: since must not be after until", field="time_range")
        fields = tuple(_split(params.get("fields")) or _DEFAULT_INSIGHTS_FIELDS)
        for name in fields:
            if name not in _INSIGHTS_FIELDS:
                raise rules.error(
                    f"{name} is not valid for fields param. please check "
                    "https://developers.facebook.com/docs/marketing-api/reference/ads-insights/ "
                    "for all valid values",
                    field="fields",
                )
        return since, until, fields

    def _insights(self, call: _Call, account: str) -> _Reply:
        since, until, fields = self._insights_query(call.params)
        if (until - since).days + 1 > self.sync_insights_max_days:
            raise _GraphError(
                _Reply(500, _error_body(_TOO_MUCH_DATA, code=1, subcode=99, user_msg=_TOO_MUCH_DATA))
            )
        rows = self.sim.insights(account, since, until)["data"]
        return self._page(call, [_shape(row, fields) for row in rows])

    def _report_start(self, call: _Call, account: str) -> _Reply:
        since, until, fields = self._insights_query(call.params)
        rows = self.sim.insights(account, since, until)["data"]
        with self._lock:
            report_id = str(_REPORT_ID_BASE + len(self._reports) + 1)
            self._reports[report_id] = _ReportRun(
                report_id,
                account,
                since,
                until,
                tuple(_shape(row, fields) for row in rows),
                int(self.world.clock()),
            )
        return _Reply(200, {"report_run_id": report_id})

    def _report_status(self, call: _Call, report: _ReportRun) -> _Reply:
        self._charge(report.account, "insights")
        node: dict[str, Any] = {
            "id": report.id,
            "account_id": report.account,
            "async_status": "Job Completed",
            "async_percent_completion": 100,
            "date_start": report.since.isoformat(),
            "date_stop": report.until.isoformat(),
            "time_ref": report.completed_at,
            "time_completed": report.completed_at,
            "is_running": False,
        }
        fields = _split(call.params.get("fields"))
        if fields is not None:
            node = {"id": report.id, **{name: node[name] for name in fields if name in node}}
        return _Reply(200, node)

    def _page(self, call: _Call, rows: list[dict[str, Any]]) -> _Reply:
        limit = max(1, min(_MAX_LIMIT, _integer(call.params, "limit", 25)))
        offset = _cursor_offset(call.params.get("after"))
        chunk = rows[offset : offset + limit]
        paging: dict[str, Any] = {}
        if chunk:
            after = _offset_cursor(offset + len(chunk))
            paging["cursors"] = {"before": _offset_cursor(offset), "after": after}
            if offset + len(chunk) < len(rows):
                paging["next"] = self._next_url(call, after)
        return _Reply(200, {"data": chunk, "paging": paging})

    # --- targeting search ---------------------------------------------------------------------------
    def _search(self, call: _Call) -> _Reply:
        search_type = call.params.get("type", "")
        query = call.params.get("q", "")
        account = call.account = self._fallback_account() or "unknown"
        if search_type == "adlocale":
            self._charge(account, "targeting_search")
            needle = query.strip().casefold()
            data: list[dict[str, Any]] = [
                {"key": locale.id, "name": locale.name}
                for locale in sorted(meta_locales().by_id.values(), key=lambda locale: locale.id)
                if needle in locale.name.casefold()
            ]
        elif search_type == "adgeolocationmeta":
            regions, cities = (json.loads(call.params.get(f) or "[]") for f in ("regions", "cities"))
            described = self.sim.geolocation_meta(
                [str(k) for k in regions], [str(k) for k in cities], account_id=account
            )
            return _Reply(200, described)
        else:
            if not query.strip():
                raise rules.error("The parameter q is required", field="q")
            types = json.loads(call.params.get("location_types") or "[]")
            country = call.params.get("country_code") or None
            data = self.sim.targeting_search(
                search_type, query, account_id=account, location_types=types, country_code=country
            )["data"]
        limit = _integer(call.params, "limit", 0)
        return _Reply(200, {"data": data[:limit] if limit > 0 else data})

    # --- accounts, usage, helpers -------------------------------------------------------------------
    def _registered(self, account: str) -> bool:
        return any(info.platform == META and info.account == account for info in self.world.accounts())

    def _account_hint(self, route: Sequence[str]) -> str | None:
        """The ad account a path addresses (an act_ path, a report run, or a node of the simulator)."""
        if not route:
            return None
        head = route[0]
        if head.startswith("act_"):
            return ad_account(head)
        report = self._reports.get(head)
        if report is not None:
            return report.account
        found = self.world.locate(META, head) if head.isdigit() else None
        return found[0] if found else None

    def _fallback_account(self) -> str | None:
        """For requests that name no ad account: the last one addressed, else the world's only one."""
        with self._lock:
            if self._last_account is not None:
                return self._last_account
        accounts = [info.account for info in self.world.accounts() if info.platform == META]
        return accounts[0] if len(accounts) == 1 else None

    def _charge(self, account: str, resource_type: str) -> None:
        """Count one read call that the simulator has no method for, under its rate limit."""
        world = self.world

        def admit(txn: Txn) -> None:
            meta_quota.admit(txn, world.limits, account, 1, world.faults.latency_ms / 1000)

        with world.api_call(META, account, "read", resource_type, admit=admit):
            pass

    def _usage_headers(self, account: str | None, regain_minutes: int | None) -> list[tuple[str, str]]:
        """``x-business-use-case-usage`` (keyed by ad account id), ``x-ad-account-usage`` and
        ``x-app-usage``, from the simulator's ads-management figures (the app figures mirror them)."""
        usage: dict[str, Any] = {
            "type": "ads_management", "call_count": 0, "total_cputime": 0, "total_time": 0,
            "estimated_time_to_regain_access": 0,
        }  # fmt: skip
        if account is not None:
            usage = dict(self.sim.usage(account))
        if regain_minutes is not None:
            usage["estimated_time_to_regain_access"] = max(
                usage["estimated_time_to_regain_access"], regain_minutes
            )
            usage["call_count"] = max(usage["call_count"], 100)
        business = {account: [usage]} if account is not None else {}
        ad_account_usage = {
            "acc_id_util_pct": float(usage["call_count"]),
            "reset_time_duration": usage["estimated_time_to_regain_access"] * 60,
            "ads_api_access_tier": "standard_access",
        }
        app = {key: usage[key] for key in ("call_count", "total_cputime", "total_time")}
        return [
            ("x-business-use-case-usage", json.dumps(business, separators=(",", ":"))),
            ("x-ad-account-usage", json.dumps(ad_account_usage, separators=(",", ":"))),
            ("x-app-usage", json.dumps(app, separators=(",", ":"))),
        ]

    def _next_url(self, call: _Call, after: str) -> str:
        # As Graph does, ``next`` is a complete URL that carries the access token (never log it).
        query = {"access_token": self._access_token, **{k: v for k, v in call.params.items() if k != "after"}}
        query["after"] = after
        return f"{self.url}{call.path}?{urlencode(query)}"


def _omit_referenced(
    requests: Sequence[Mapping[str, Any]], results: list[dict[str, Any]]
) -> list[dict[str, Any] | None]:
    """Graph answers ``null`` for a successful named request that a later one refers to
    (``{result=<name>:…}``), unless it was sent with ``omit_response_on_success: false``."""
    out: list[dict[str, Any] | None] = list(results)
    for index, request in enumerate(requests):
        name = request.get("name")
        if not name or request.get("omit_response_on_success") is False or results[index].get("code") != 200:
            continue
        marker = "{result=" + str(name) + ":"
        later = requests[index + 1 :]
        if any(marker in unquote(str(r.get("relative_url", "")) + str(r.get("body", ""))) for r in later):
            out[index] = None
    return out


def _shape(row: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """An insights row with the requested fields (those the simulator produces) and its dates."""
    shaped = {name: row[name] for name in fields if name in row}
    shaped["date_start"] = row["date_start"]
    shaped["date_stop"] = row["date_stop"]
    return shaped


def _with_default_fields(request: Mapping[str, Any]) -> dict[str, Any]:
    """A batch GET without ``fields`` reads only ids, as a direct GET does."""
    out = dict(request)
    url = str(out.get("relative_url", ""))
    if str(out.get("method", "GET")).upper() == "GET" and "fields" not in dict(
        parse_qsl(urlsplit(url).query)
    ):
        out["relative_url"] = url + ("&" if "?" in url else "?") + "fields=id"
    return out


def _redact(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, _REDACTED).replace(quote(secret, safe=""), _REDACTED)
    return _EMBEDDED_CREDENTIAL.sub(lambda m: f"{m.group(1)}{m.group(2)}{_REDACTED}", text)


class _Server(ThreadingHTTPServer):
    """The HTTP server of one fake; it tracks open connections so that ``close()`` can drop them
    (the SDK's ``requests.Session`` keeps connections alive between calls)."""

    daemon_threads = True

    def __init__(self, fake: MetaGraphFake) -> None:
        self.fake = fake
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        with self._open_lock:
            self._open.add(connection)
        return connection, address

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        with self._open_lock:
            connections, self._open = list(self._open), set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as graph.facebook.com
    server: _Server

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def do_DELETE(self) -> None:
        self._answer("DELETE")

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        status, headers, payload = self.server.fake._respond(
            method, self.path, self.headers.get("Content-Type") or "", body
        )
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: request lines carry the access token in their query string."""
