"""Google Ads API v26 over gRPC on 127.0.0.1 over the sandbox's Google simulator, for the ``google-ads`` SDK.

The real SDK connector talks to this server exactly as it talks to ``googleads.googleapis.com``: build its
``GoogleAdsClient`` services inside ``route_google_ads_to(fake)``. What travels on the wire, as
``google-ads`` 34.0.0 sends and reads it (``client.py``, ``interceptors/``):

* every call carries the metadata ``developer-token`` and, when configured, ``login-customer-id``
  (``MetadataInterceptor``), plus ``authorization: Bearer <token>`` from the channel's google-auth
  credentials (on the real TLS channel they are gRPC call credentials; see ``route_google_ads_to``);
* requests and responses are the SDK's own proto-plus messages (``google.ads.googleads.v26.services``),
  (de)serialised here with their ``deserialize`` / ``serialize`` class methods;
* a failed call is a gRPC status whose trailing metadata holds the serialised ``GoogleAdsFailure`` under
  ``google.ads.googleads.v26.errors.googleadsfailure-bin`` and the ``request-id``. The SDK's
  ``ExceptionInterceptor`` raises ``GoogleAdsException`` for it — except for INTERNAL and
  RESOURCE_EXHAUSTED, which it passes on untouched and google-api-core raises as
  ``InternalServerError`` / ``ResourceExhausted`` (read the trailer from
  ``exc.response.trailing_metadata()``). ``grpc-status-details-bin`` carries the same failure packed in a
  ``google.rpc.Status`` (google-api-core shows it as ``exc.details``);
* with ``partial_failure`` a failed operation leaves an empty ``MutateOperationResponse`` and its errors
  travel in ``partial_failure_error`` (a ``google.rpc.Status``, INVALID_ARGUMENT) whose ``details[0]``
  packs one ``GoogleAdsFailure``; each error is located at
  ``mutate_operations[i].<type>_operation.<create|update|remove>.<field path>``;
* ``validate_only`` mutates answer errors only, never results.

Served: ``GoogleAdsService`` ``Search`` (fixed pages of 10,000 rows, ``page_size`` refused as the API
does), ``SearchStream`` (10,000 rows a message) and ``Mutate`` for the simulator's resource types;
``GeoTargetConstantService.SuggestGeoTargetConstants``; Customer Match (``UserListService``,
``OfflineUserDataJobService``: see ``google_audience_services``). GAQL: ``SELECT … FROM … [WHERE c AND c …]
[ORDER BY …] [LIMIT n] [PARAMETERS omit_unselected_resource_names = true]`` with ``= != > >= < <=``,
``IN`` / ``NOT IN``, ``LIKE`` / ``NOT LIKE``, ``BETWEEN … AND …``, ``DURING <preset>``, ``IS [NOT] NULL``;
the simulator's resource types with their attributed resources (``campaign_budget`` on ``campaign``,
``campaign`` on ad groups, criteria and ads …, ``customer`` on all), ``customer``,
``language_constant``, ``user_interest``, ``geo_target_constant``, and ``metrics.*`` / ``segments.date``
on ``campaign``. Rows hold the selected fields and, as the API returns them, the ``resource_name`` of
the main resource and of each attributed resource with a selected field (unless
``omit_unselected_resource_names``). REMOVED objects are returned unless the WHERE clause drops them.

What the API accepts but this fake does not model (a field, operation, operator or resource the
simulator has no data for) is answered UNIMPLEMENTED with a message naming it and no GoogleAdsFailure
(the SDK raises ``google.api_core.exceptions.MethodNotImplemented``): a connector never silently reads a
default for data the fake does not have.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import hmac
import json
import math
import re
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent import futures
from dataclasses import dataclass
from decimal import Decimal
from importlib import import_module, resources
from types import ModuleType, TracebackType
from typing import Any, Final
from zoneinfo import ZoneInfo

import grpc
import pytest
from google.api_core import grpc_helpers
from google.auth import exceptions as auth_exceptions
from google.protobuf import any_pb2, duration_pb2, json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from google.rpc import status_pb2

from fakes.google_audience_services import AudienceServices
from midas_reconcile.connectors.google_schema import (
    BY_OPERATION,
    MAX_OPERATIONS_PER_REQUEST,
    RESOURCE_TYPES,
    GoogleAdsError,
    GoogleAdsFailure,
    OpError,
    ResourceType,
    flatten,
    get_path,
)
from midas_reconcile.connectors.sandbox.catalog import INTERESTS, REGIONS, Region
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.connectors.sandbox.place_catalog import (
    cities,
    google_constant,
    google_places,
    postal_codes,
)
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.errors import TransientError
from midas_reconcile.resources import GOOGLE
from midas_reconcile.targeting.tables import Country, countries

__all__ = ["CUSTOMER_TIME_ZONE", "GoogleAdsFake", "RecordedCall", "route_google_ads_to"]

_VERSION: Final = re.compile(r"v\d+")
_HOST: Final = "googleads.googleapis.com"
#: Rows per Search page and per SearchStream message, as the API sends them.
_ROWS_PER_PAGE: Final = 10_000
#: The API caps responses at 64 MB; a 10,000-operation mutate request exceeds gRPC's 4 MB default.
_MAX_MESSAGE_BYTES: Final = 64 * 1024 * 1024
#: Google Ads customers carry a time zone; relative date ranges (``DURING LAST_7_DAYS``) are in it.
CUSTOMER_TIME_ZONE: Final = "America/Los_Angeles"

#: gRPC status messages Google's front ends send with these codes.
_INVALID_ARGUMENT: Final = "Request contains an invalid argument."
_QUOTA_EXHAUSTED: Final = "Resource has been exhausted (e.g. check quota)."
_INTERNAL: Final = "Internal error encountered."
_PERMISSION_DENIED: Final = "The caller does not have permission"
_CREDENTIAL_HINT: Final = (
    "Expected OAuth 2 access token, login cookie or other valid authentication credential. "
    "See https://developers.google.com/identity/sign-in/web/devconsole-project."
)
_MISSING_CREDENTIAL: Final = f"Request is missing required authentication credential. {_CREDENTIAL_HINT}"
_INVALID_CREDENTIAL: Final = f"Request had invalid authentication credentials. {_CREDENTIAL_HINT}"
#: The gRPC code of a failure, by the error type of its first error (INVALID_ARGUMENT otherwise).
_STATUS_OF_ERROR_TYPE: Final = {
    "authentication_error": (grpc.StatusCode.UNAUTHENTICATED, None),
    "authorization_error": (grpc.StatusCode.PERMISSION_DENIED, _PERMISSION_DENIED),
    "quota_error": (grpc.StatusCode.RESOURCE_EXHAUSTED, _QUOTA_EXHAUSTED),
    "internal_error": (grpc.StatusCode.INTERNAL, _INTERNAL),
}
#: Simulator codes that are not v26 enum values → the code the API uses for that case.
_SIM_CODE_FALLBACKS: Final = {"request_error.INVALID_INPUT": "request_error.OPERATION_REQUIRED"}

#: Resources of the FROM clause whose rows come from elsewhere than the simulator's objects → their fields.
_CONSTANT_FIELDS: Final[dict[str, frozenset[str]]] = {
    "customer": frozenset({"resource_name", "id", "currency_code", "time_zone", "manager", "status"}),
    "language_constant": frozenset({"resource_name", "id", "code", "name", "targetable"}),
    "user_interest": frozenset({"resource_name", "user_interest_id", "name"}),
    "geo_target_constant": frozenset(
        {"resource_name", "id", "name", "country_code", "target_type", "status", "canonical_name"}
        | {"parent_geo_target"}
    ),
}
_METRIC_FIELDS: Final = frozenset(
    {"impressions", "clicks", "cost_micros", "conversions", "conversions_value"}
)
_SEGMENT_FIELDS: Final = frozenset({"date"})
#: Attributed resources per FROM resource (``customer`` joins every simulated type): the chain of
#: resource-name fields that leads to each, every link naming the type it points to.
_ATTRIBUTED: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "campaign_budget": {},
    "campaign": {"campaign_budget": ("campaign_budget",)},
    "ad_group": {"campaign": ("campaign",)},
    "campaign_criterion": {"campaign": ("campaign",)},
    "ad_group_criterion": {"ad_group": ("ad_group",), "campaign": ("ad_group", "campaign")},
    "ad_group_ad": {"ad_group": ("ad_group",), "campaign": ("ad_group", "campaign")},
    "label": {},
    "campaign_label": {"campaign": ("campaign",), "label": ("label",)},
    "ad_group_label": {"ad_group": ("ad_group",), "campaign": ("ad_group", "campaign"), "label": ("label",)},
    "asset_group": {"campaign": ("campaign",)},
    "asset": {},
    "asset_group_asset": {
        "asset_group": ("asset_group",),
        "asset": ("asset",),
        "campaign": ("asset_group", "campaign"),
    },
    "campaign_asset": {"campaign": ("campaign",), "asset": ("asset",)},
    "asset_set": {},
    "asset_set_asset": {"asset_set": ("asset_set",), "asset": ("asset",)},
    "campaign_asset_set": {"campaign": ("campaign",), "asset_set": ("asset_set",)},
}
#: FROM resources that have no metrics in the API (anything else but campaign: not modelled here).
_WITHOUT_METRICS: Final = frozenset({"label", "campaign_label", "ad_group_label", *_CONSTANT_FIELDS})
_INT_TYPES: Final = frozenset(
    {
        FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_UINT64,
        FieldDescriptor.TYPE_UINT32, FieldDescriptor.TYPE_SINT64, FieldDescriptor.TYPE_SINT32,
        FieldDescriptor.TYPE_FIXED64, FieldDescriptor.TYPE_FIXED32, FieldDescriptor.TYPE_SFIXED64,
        FieldDescriptor.TYPE_SFIXED32,
    }
)  # fmt: skip
_FLOAT_TYPES: Final = frozenset({FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT})
_DATE_PRESETS: Final = (
    "TODAY", "YESTERDAY", "LAST_7_DAYS", "LAST_14_DAYS", "LAST_30_DAYS", "LAST_BUSINESS_WEEK",
    "THIS_MONTH", "LAST_MONTH", "THIS_WEEK_SUN_TODAY", "THIS_WEEK_MON_TODAY", "LAST_WEEK_SUN_SAT",
    "LAST_WEEK_MON_SUN",
)  # fmt: skip


# --- recorded calls and failures ----------------------------------------------------------------------


@dataclass(frozen=True)
class RecordedCall:
    """One RPC as the fake received and answered it; it holds no credential.

    ``query`` is the GAQL of Search/SearchStream; ``operation_count`` the operations of a Mutate, of which
    ``listing_group_operations`` create or update a listing group (a node of a product group tree);
    ``status`` the gRPC status code name answered (``"OK"``, ``"INVALID_ARGUMENT"`` …); ``error_codes``
    the ``<error_type>.<ENUM>`` codes of its GoogleAdsFailure (of ``partial_failure_error`` too).
    """

    service: str
    method: str
    customer_id: str | None
    login_customer_id: str | None
    query: str | None
    operation_count: int | None
    partial_failure: bool
    validate_only: bool
    status: str
    error_codes: tuple[str, ...]
    request_id: str
    listing_group_operations: int = 0


@dataclass
class _Call:
    """An RPC on its way through the fake (what ``RecordedCall`` is made of)."""

    service: str
    method: str
    request_id: str
    customer_id: str | None = None
    login_customer_id: str | None = None
    query: str | None = None
    operation_count: int | None = None
    listing_group_operations: int = 0
    partial_failure: bool = False
    validate_only: bool = False
    error_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Error:
    """One GoogleAdsError to send: ``code`` is ``<error_type>.<ENUM>``; ``location`` its field path as
    (field name, index or None) pairs; quota errors carry the retry delay and the quota's scope and name."""

    code: str
    message: str
    location: tuple[tuple[str, int | None], ...] = ()
    trigger: str | None = None
    retry_delay_s: int | None = None
    rate_scope: str = ""
    rate_name: str = ""


class _ApiFailure(Exception):
    """A call the API fails: its gRPC code and message, and the errors of its GoogleAdsFailure."""

    def __init__(self, code: grpc.StatusCode, message: str, errors: Sequence[_Error]) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.errors = tuple(errors)


class _NotModelled(Exception):
    """Something the API serves but this fake does not model: answered UNIMPLEMENTED."""


def _fail(*errors: _Error, message: str | None = None) -> _ApiFailure:
    """A failure with the gRPC code and message that go with its first error's type."""
    code, default = _STATUS_OF_ERROR_TYPE.get(
        errors[0].code.partition(".")[0], (grpc.StatusCode.INVALID_ARGUMENT, _INVALID_ARGUMENT)
    )
    return _ApiFailure(code, message or default or errors[0].message, errors)


def _query_error(enum: str, message: str, trigger: str | None = None) -> _ApiFailure:
    return _fail(_Error(f"query_error.{enum}", message, trigger=trigger))


def _field_path(path: str) -> tuple[tuple[str, int | None], ...]:
    """``create.ad.responsive_search_ad.headlines[3].text`` → field path elements."""
    elements: list[tuple[str, int | None]] = []
    for part in path.split(".") if path else ():
        match = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        elements.append((match.group(1), int(match.group(2))) if match else (part, None))
    return tuple(elements)


@dataclass(frozen=True)
class _RpcStatus(grpc.Status):
    """What ``ServicerContext.abort_with_status`` takes."""

    code: grpc.StatusCode
    details: str
    trailing_metadata: tuple[tuple[str, str | bytes], ...]


# --- GAQL: tokens and syntax --------------------------------------------------------------------------


_TOKEN: Final = re.compile(
    r"""(?P<space>\s+)
      | (?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
      | (?P<op>!=|>=|<=|=|>|<)
      | (?P<punct>[(),])""",
    re.VERBOSE,
)
_KEYWORDS: Final = frozenset(
    {"SELECT", "FROM", "WHERE", "AND", "ORDER", "BY", "ASC", "DESC", "LIMIT", "PARAMETERS", "IN", "NOT",
     "LIKE", "BETWEEN", "DURING", "IS", "NULL", "CONTAINS", "ANY", "ALL", "NONE", "REGEXP_MATCH"}
)  # fmt: skip


@dataclass(frozen=True)
class _Token:
    kind: str  # string, number, name, keyword, op, punct
    text: str
    value: str


@dataclass(frozen=True)
class _Literal:
    kind: str  # string, number, name (a bare word: an enum constant, TRUE/FALSE or a preset)
    value: str


@dataclass(frozen=True)
class _Condition:
    field: str
    operator: str  # "=", "!=", …, "IN", "NOT IN", "LIKE", "NOT LIKE", "BETWEEN", "DURING", "IS NULL" …
    values: tuple[_Literal, ...]


@dataclass(frozen=True)
class _Gaql:
    select: tuple[str, ...]
    resource: str
    where: tuple[_Condition, ...]
    order_by: tuple[tuple[str, bool], ...]  # (field, descending)
    limit: int | None
    parameters: Mapping[str, bool]


def _tokens(query: str) -> list[_Token]:
    out: list[_Token] = []
    position = 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        if match is None:
            char = query[position]
            if char in "'\"":
                rest = query[position + 1 :]
                closing = rest.find(char)
                if "\n" in (rest if closing < 0 else rest[:closing]) and closing >= 0:
                    raise _query_error("PROHIBITED_NEWLINE_IN_STRING", "Strings may not hold a newline.")
                raise _query_error("STRING_NOT_TERMINATED", "Unterminated string.", query[position:])
            raise _query_error("BAD_SYMBOL", f"Unexpected symbol {char!r}.", char)
        position = match.end()
        kind = match.lastgroup or ""
        text = match.group()
        if kind == "space":
            continue
        if kind == "string":
            out.append(_Token(kind, text, re.sub(r"\\(.)", r"\1", text[1:-1])))
        elif kind == "name" and text.upper() in _KEYWORDS:
            out.append(_Token("keyword", text, text.upper()))
        else:
            out.append(_Token(kind, text, text))
    return out


class _Parser:
    """``SELECT … FROM … [WHERE …] [ORDER BY …] [LIMIT n] [PARAMETERS …]`` into a ``_Gaql``."""

    def __init__(self, query: str) -> None:
        self.tokens = _tokens(query)
        self.index = 0

    def parse(self) -> _Gaql:
        if not self._keyword("SELECT"):
            raise _query_error("EXPECTED_SELECT", "The query must begin with SELECT.")
        select = [self._name("BAD_FIELD_NAME")]
        while self._punct(","):
            select.append(self._name("BAD_FIELD_NAME"))
        if not self._keyword("FROM"):
            raise _query_error("EXPECTED_FROM", "Missing FROM clause.", self._peek_text())
        resource = self._name("BAD_RESOURCE_TYPE_IN_FROM_CLAUSE")
        where: list[_Condition] = []
        if self._keyword("WHERE"):
            where.append(self._condition())
            while self._keyword("AND"):
                where.append(self._condition())
        order_by: list[tuple[str, bool]] = []
        if self._keyword("ORDER"):
            if not self._keyword("BY"):
                raise _query_error("EXPECTED_BY", "ORDER must be followed by BY.", self._peek_text())
            while True:
                name = self._name("BAD_FIELD_NAME")
                descending = self._keyword("DESC")
                if not descending:
                    self._keyword("ASC")
                order_by.append((name, descending))
                if not self._punct(","):
                    break
        limit = self._limit() if self._keyword("LIMIT") else None
        parameters = self._parameters() if self._keyword("PARAMETERS") else {}
        if self.index < len(self.tokens):
            raise _query_error("UNEXPECTED_INPUT", "Unexpected input after the query.", self._peek_text())
        return _Gaql(tuple(select), resource, tuple(where), tuple(order_by), limit, parameters)

    # helpers ----------------------------------------------------------------------------------------
    def _peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _peek_text(self) -> str | None:
        token = self._peek()
        return None if token is None else token.text

    def _next(self) -> _Token:
        token = self._peek()
        if token is None:
            raise _query_error("UNEXPECTED_END_OF_QUERY", "The query ends too early.")
        self.index += 1
        return token

    def _keyword(self, word: str) -> bool:
        token = self._peek()
        if token is not None and token.kind == "keyword" and token.value == word:
            self.index += 1
            return True
        return False

    def _punct(self, char: str) -> bool:
        token = self._peek()
        if token is not None and token.kind == "punct" and token.value == char:
            self.index += 1
            return True
        return False

    def _name(self, error: str) -> str:
        token = self._next()
        if token.kind != "name":
            raise _query_error(error, f"Expected a name, found {token.text!r}.", token.text)
        return token.value

    def _condition(self) -> _Condition:
        name = self._name("BAD_FIELD_NAME")
        token = self._next()
        if token.kind == "op":
            return _Condition(name, token.value, (self._literal(),))
        word = token.value if token.kind == "keyword" else ""
        if word == "NOT":
            following = self._next()
            word = f"NOT {following.value}" if following.kind == "keyword" else ""
        if word in ("IN", "NOT IN", "CONTAINS ANY", "CONTAINS ALL", "CONTAINS NONE"):
            return _Condition(name, word, self._list())
        if word == "CONTAINS":
            kind = self._next()
            if kind.kind != "keyword" or kind.value not in ("ANY", "ALL", "NONE"):
                raise _query_error("BAD_OPERATOR", "CONTAINS needs ANY, ALL or NONE.", kind.text)
            return _Condition(name, f"CONTAINS {kind.value}", self._list())
        if word in ("LIKE", "NOT LIKE", "REGEXP_MATCH", "NOT REGEXP_MATCH"):
            return _Condition(name, word, (self._literal(),))
        if word == "BETWEEN":
            low = self._literal()
            if not self._keyword("AND"):
                raise _query_error("EXPECTED_AND", "BETWEEN needs AND between its values.", self._peek_text())
            return _Condition(name, word, (low, self._literal()))
        if word == "DURING":
            preset = self._next()
            if preset.kind != "name":
                raise _query_error(
                    "INVALID_VALUE_WITH_DURING_OPERATOR", "DURING needs a date range literal.", preset.text
                )
            return _Condition(name, word, (_Literal("name", preset.value),))
        if word == "IS":
            negated = self._keyword("NOT")
            if not self._keyword("NULL"):
                raise _query_error("BAD_OPERATOR", "IS must be followed by [NOT] NULL.", self._peek_text())
            return _Condition(name, "IS NOT NULL" if negated else "IS NULL", ())
        raise _query_error("BAD_OPERATOR", f"Invalid operator {token.text!r}.", token.text)

    def _literal(self) -> _Literal:
        token = self._next()
        if token.kind in ("string", "number", "name"):
            return _Literal(token.kind, token.value)
        if token.kind == "punct" and token.value == "(":
            raise _query_error("EXPECTED_SINGLE_VALUE", "This operator takes a single value.", token.text)
        raise _query_error("BAD_VALUE", f"Invalid value {token.text!r}.", token.text)

    def _list(self) -> tuple[_Literal, ...]:
        if not self._punct("("):
            raise _query_error("EXPECTED_LIST", "This operator takes a list: (a, b, …).", self._peek_text())
        if self._punct(")"):
            raise _query_error("PROHIBITED_EMPTY_LIST_IN_CONDITION", "The list is empty.")
        values = [self._literal()]
        while self._punct(","):
            values.append(self._literal())
        if not self._punct(")"):
            raise _query_error("UNEXPECTED_INPUT", "Expected ',' or ')' in the list.", self._peek_text())
        return tuple(values)

    def _limit(self) -> int:
        token = self._next()
        if token.kind != "number" or not token.value.lstrip("-").isdigit():
            raise _query_error("BAD_LIMIT_VALUE", f"Invalid LIMIT value {token.text!r}.", token.text)
        if int(token.value) <= 0:
            raise _query_error("LIMIT_VALUE_TOO_LOW", "LIMIT must be at least 1.", token.text)
        return int(token.value)

    def _parameters(self) -> dict[str, bool]:
        parameters: dict[str, bool] = {}
        while True:
            name = self._name("BAD_PARAMETER_NAME")
            if name not in ("include_drafts", "omit_unselected_resource_names"):
                raise _query_error("BAD_PARAMETER_NAME", f"Unknown parameter {name!r}.", name)
            equals = self._next()
            value = self._next()
            if equals.value != "=" or value.value.lower() not in ("true", "false"):
                raise _query_error("BAD_PARAMETER_VALUE", f"{name} takes true or false.", value.text)
            parameters[name] = value.value.lower() == "true"
            if not self._punct(","):
                return parameters


# --- GAQL: meaning --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FieldRef:
    """A validated GAQL field: ``campaign.network_settings.target_google_search`` is resource
    ``campaign`` and path ``network_settings.target_google_search``."""

    name: str
    resource: str
    path: str
    descriptor: FieldDescriptor


@dataclass(frozen=True)
class _Predicate:
    """A condition with typed values, evaluated against a row's native values."""

    ref: _FieldRef
    operator: str
    values: tuple[Any, ...]

    def matches(self, row: Mapping[str, Any]) -> bool:
        value = _native(self.ref, get_path(row.get(self.ref.resource) or {}, self.ref.path))
        op = self.operator
        if op == "IS NULL":
            return value is None
        if op == "IS NOT NULL":
            return value is not None
        if value is None:
            return op in ("!=", "NOT IN", "NOT LIKE")
        if op in ("=", "!=", "IN", "NOT IN"):
            return (value in self.values) == (op in ("=", "IN"))
        if op in ("LIKE", "NOT LIKE"):
            return (self.values[0].fullmatch(value) is not None) == (op == "LIKE")
        low, high = self.values[0], self.values[-1]
        if op == ">":
            return bool(value > low)
        if op == ">=":
            return bool(value >= low)
        if op == "<":
            return bool(value < low)
        if op == "<=":
            return bool(value <= low)
        return bool(low <= value <= high)  # BETWEEN, DURING


@dataclass(frozen=True)
class _Plan:
    """A validated query, ready to run."""

    resource: str
    select: tuple[_FieldRef, ...]
    where: tuple[_Predicate, ...]
    order_by: tuple[tuple[_FieldRef, bool], ...]
    limit: int | None
    #: The main resource and the attributed resources with a selected field: their resource names are
    #: returned unless ``omit_unselected_resource_names``.
    named: tuple[str, ...]
    omit_resource_names: bool
    joined: frozenset[str]
    metrics: bool
    segmented: bool
    dates: tuple[dt.date, dt.date] | None

    @property
    def field_mask(self) -> list[str]:
        return [ref.name for ref in self.select]


def _native(ref: _FieldRef, value: Any) -> Any:
    """A stored value in the comparable form of its proto field (ids arrive as strings)."""
    if value is None:
        return None
    kind = ref.descriptor.type
    if kind in _INT_TYPES:
        return int(value)
    if kind in _FLOAT_TYPES:
        return Decimal(str(value))
    if kind == FieldDescriptor.TYPE_BOOL:
        return bool(value)
    return str(value)


def _like(pattern: str) -> re.Pattern[str]:
    """GAQL LIKE: ``%`` any run, ``_`` one character, ``[x]`` the character x itself."""
    out = []
    position = 0
    while position < len(pattern):
        char = pattern[position]
        if char == "[" and position + 2 < len(pattern) and pattern[position + 2] == "]":
            out.append(re.escape(pattern[position + 1]))
            position += 3
            continue
        out.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
        position += 1
    return re.compile("".join(out), re.DOTALL)


def _preset(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    day = dt.timedelta(days=1)
    monday = today - today.weekday() * day
    sunday = today - ((today.weekday() + 1) % 7) * day
    first = today.replace(day=1)
    return {
        "TODAY": (today, today),
        "YESTERDAY": (today - day, today - day),
        "LAST_7_DAYS": (today - 7 * day, today - day),
        "LAST_14_DAYS": (today - 14 * day, today - day),
        "LAST_30_DAYS": (today - 30 * day, today - day),
        "LAST_BUSINESS_WEEK": (monday - 7 * day, monday - 3 * day),
        "THIS_MONTH": (first, today),
        "LAST_MONTH": ((first - day).replace(day=1), first - day),
        "THIS_WEEK_SUN_TODAY": (sunday, today),
        "THIS_WEEK_MON_TODAY": (monday, today),
        "LAST_WEEK_SUN_SAT": (sunday - 7 * day, sunday - day),
        "LAST_WEEK_MON_SUN": (monday - 7 * day, monday - day),
    }[name]


class _Planner:
    """Validates a parsed query against the API's row message and what the fake models."""

    def __init__(self, row: Descriptor, today: dt.date) -> None:
        self.row = row
        self.today = today

    def plan(self, text: str) -> _Plan:
        gaql = _Parser(text).parse()
        resource = gaql.resource
        main = self.row.fields_by_name.get(resource)
        if main is None or main.message_type is None or resource in ("metrics", "segments"):
            raise _query_error(
                "BAD_RESOURCE_TYPE_IN_FROM_CLAUSE",
                f"Invalid resource {resource!r} in the FROM clause.",
                resource,
            )
        if resource not in RESOURCE_TYPES and resource not in _CONSTANT_FIELDS:
            raise _NotModelled(
                f"FROM {resource}: the Google Ads fake serves FROM {', '.join(self._served())}"
            )
        select = tuple(self._field(name, resource, "SELECT") for name in dict.fromkeys(gaql.select))
        where = tuple(self._predicate(c, resource) for c in gaql.where)
        order_by = tuple((self._field(name, resource, "ORDER_BY"), desc) for name, desc in gaql.order_by)
        refs = [*select, *(p.ref for p in where), *(ref for ref, _ in order_by)]
        metrics = any(ref.resource == "metrics" for ref in refs)
        segments = any(ref.resource == "segments" for ref in refs)
        if (metrics or segments) and resource in _WITHOUT_METRICS:
            raise _query_error(
                "PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE" if metrics
                else "PROHIBITED_SEGMENT_IN_SELECT_OR_WHERE_CLAUSE",
                f"{resource} has no metrics or segments.",
            )  # fmt: skip
        if (metrics or segments) and resource != "campaign":
            raise _NotModelled(
                f"metrics and segments FROM {resource}: the fake serves them FROM campaign only"
            )
        if segments and not metrics:
            raise _NotModelled("segments without metrics: the fake segments campaign metrics only")
        segmented = any(ref.name == "segments.date" for ref in select)
        dates = self._dates(where)
        if metrics and dates is None:
            if segmented:
                raise _query_error(
                    "EXPECTED_FILTERS_ON_DATE_RANGE",
                    "segments.date is selected: filter it to a finite date range.",
                    "segments.date",
                )
            raise _NotModelled("metrics without a finite segments.date range (the API would total all time)")
        named = [resource, *sorted({r.resource for r in select} - {resource, "metrics", "segments"})]
        joined = frozenset(r.resource for r in refs) - {resource, "metrics", "segments"}
        return _Plan(
            resource=resource,
            select=select,
            where=where,
            order_by=order_by,
            limit=gaql.limit,
            named=tuple(named),
            omit_resource_names=gaql.parameters.get("omit_unselected_resource_names", False),
            joined=joined,
            metrics=metrics,
            segmented=segmented,
            dates=dates,
        )

    def _served(self) -> list[str]:
        return sorted([*RESOURCE_TYPES, *_CONSTANT_FIELDS])

    def _field(self, name: str, main: str, clause: str) -> _FieldRef:
        resource, _, path = name.partition(".")
        unrecognized = _query_error("UNRECOGNIZED_FIELD", f"Unrecognized field in the query: '{name}'.", name)
        top = self.row.fields_by_name.get(resource)
        if not path or top is None or top.message_type is None:
            raise unrecognized
        message: Descriptor | None = top.message_type
        descriptor: FieldDescriptor | None = None
        parts = path.split(".")
        for index, part in enumerate(parts):
            descriptor = _proto_field(message, part)
            if descriptor is None:
                raise unrecognized
            if descriptor.is_repeated and index < len(parts) - 1:
                raise _query_error(
                    f"PROHIBITED_FIELD_IN_{clause}_CLAUSE",
                    f"'{name}' is an attribute of a repeated field.",
                    name,
                )
            message = descriptor.message_type
        assert descriptor is not None
        if message is not None and not descriptor.is_repeated and not self._asset_field(resource, path):
            raise unrecognized  # a sub-message is not a GAQL field: its leaves are
        if clause in ("WHERE", "ORDER_BY") and descriptor.is_repeated and descriptor.message_type is not None:
            raise _query_error(f"PROHIBITED_FIELD_IN_{clause}_CLAUSE", f"'{name}' cannot be used here.", name)
        allowed = {main, "metrics", "segments", *_ATTRIBUTED.get(main, {})}
        if main in RESOURCE_TYPES:
            allowed.add("customer")
        if resource not in allowed:
            where = "SELECT" if clause == "SELECT" else "WHERE"
            raise _query_error(
                f"PROHIBITED_RESOURCE_TYPE_IN_{where}_CLAUSE",
                f"'{name}' cannot be used with FROM {main}.",
                name,
            )
        if path not in self._modelled(resource):
            raise _NotModelled(f"{name}: the Google Ads fake has no data for this field")
        return _FieldRef(name, resource, path, descriptor)

    @staticmethod
    def _asset_field(resource: str, path: str) -> bool:
        """A single ad asset (an AdTextAsset such as ``ad.responsive_display_ad.long_headline``) is a GAQL
        field of its own, as the repeated ones are (the API's field reference lists
        ``ad_group_ad.ad.responsive_display_ad.long_headline`` as a MESSAGE)."""
        type_ = RESOURCE_TYPES.get(resource)
        leaf = type_.leaves.get(path) if type_ is not None else None
        return leaf is not None and leaf.kind == "text_asset"

    @staticmethod
    def _modelled(resource: str) -> frozenset[str]:
        if resource == "metrics":
            return _METRIC_FIELDS
        if resource == "segments":
            return _SEGMENT_FIELDS
        if resource in _CONSTANT_FIELDS:
            return _CONSTANT_FIELDS[resource]
        type_ = RESOURCE_TYPES[resource]
        return frozenset(type_.leaves) | type_.output_only

    def _predicate(self, condition: _Condition, main: str) -> _Predicate:
        ref = self._field(condition.field, main, "WHERE")
        op = condition.operator
        if op.startswith(("CONTAINS", "REGEXP_MATCH", "NOT REGEXP_MATCH")):
            raise _NotModelled(f"the {op} operator")
        if ref.descriptor.is_repeated:
            raise _query_error(
                "OPERATOR_FIELD_MISMATCH", f"{op} does not apply to the repeated field {ref.name}.", ref.name
            )
        if op in ("IS NULL", "IS NOT NULL"):
            return _Predicate(ref, op, ())
        if op == "DURING":
            preset = condition.values[0].value
            if ref.name != "segments.date":
                raise _query_error(
                    "OPERATOR_FIELD_MISMATCH", f"DURING does not apply to {ref.name}.", ref.name
                )
            if preset not in _DATE_PRESETS:
                raise _query_error(
                    "INVALID_VALUE_WITH_DURING_OPERATOR", f"{preset!r} is not a date range.", preset
                )
            low, high = _preset(preset, self.today)
            return _Predicate(ref, op, (low.isoformat(), high.isoformat()))
        if op in ("LIKE", "NOT LIKE"):
            literal = condition.values[0]
            if ref.descriptor.type != FieldDescriptor.TYPE_STRING or literal.kind != "string":
                raise _query_error(
                    "INVALID_VALUE_WITH_LIKE_OPERATOR",
                    f"LIKE needs a string field and pattern: {ref.name}",
                    ref.name,
                )
            return _Predicate(ref, op, (_like(literal.value),))
        values = tuple(self._value(ref, literal) for literal in condition.values)
        if op == "BETWEEN" and values[0] > values[1] and ref.name == "segments.date":
            raise _query_error("DATE_RANGE_TOO_NARROW", "BETWEEN: the start date is after the end date.")
        return _Predicate(ref, op, values)

    def _value(self, ref: _FieldRef, literal: _Literal) -> Any:
        field = ref.descriptor
        if field.type in _INT_TYPES or field.type in _FLOAT_TYPES:
            if literal.kind != "number" or (field.type in _INT_TYPES and "." in literal.value):
                raise _query_error(
                    "BAD_NUMBER", f"{ref.name} takes a number, not {literal.value!r}.", ref.name
                )
            return int(literal.value) if field.type in _INT_TYPES else Decimal(literal.value)
        if field.type == FieldDescriptor.TYPE_BOOL:
            if literal.kind != "name" or literal.value.upper() not in ("TRUE", "FALSE"):
                raise _query_error("BAD_VALUE", f"{ref.name} takes TRUE or FALSE.", literal.value)
            return literal.value.upper() == "TRUE"
        if field.type == FieldDescriptor.TYPE_ENUM:
            if literal.kind == "number" or literal.value not in field.enum_type.values_by_name:
                raise _query_error(
                    "BAD_ENUM_CONSTANT", f"{literal.value!r} is not a value of {ref.name}.", literal.value
                )
            return literal.value
        if literal.kind != "string":
            raise _query_error("INVALID_STRING_VALUE", f"{ref.name} takes a quoted string.", literal.value)
        if ref.name == "segments.date":
            try:
                dt.date.fromisoformat(literal.value)
            except ValueError:
                raise _query_error(
                    "INVALID_DATE_FORMAT", f"{literal.value!r} is not a 'YYYY-MM-DD' date.", literal.value
                ) from None
        return literal.value

    @staticmethod
    def _dates(where: Sequence[_Predicate]) -> tuple[dt.date, dt.date] | None:
        """The finite date range the segments.date conditions restrict to, if they do."""
        lows: list[str] = []
        highs: list[str] = []
        for predicate in where:
            if predicate.ref.name != "segments.date" or not predicate.values:
                continue
            op, values = predicate.operator, predicate.values
            if op in ("=", "IN", "BETWEEN", "DURING"):
                lows.append(min(values))
                highs.append(max(values))
            elif op in (">=", ">"):
                lows.append(values[0] if op == ">=" else _shift(values[0], 1))
            elif op in ("<=", "<"):
                highs.append(values[0] if op == "<=" else _shift(values[0], -1))
        low, high = (max(lows) if lows else None), (min(highs) if highs else None)
        if low is None or high is None:
            return None
        return dt.date.fromisoformat(low), dt.date.fromisoformat(high)


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


# --- rows → messages -----------------------------------------------------------------------------------


def _scalar(field: FieldDescriptor, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_ENUM:
        return field.enum_type.values_by_name[str(value)].number
    if field.type in _INT_TYPES:
        return int(value)
    if field.type in _FLOAT_TYPES:
        return float(value)
    if field.type == FieldDescriptor.TYPE_BOOL:
        return bool(value)
    return str(value)


def _proto_field(message: Descriptor | None, name: str) -> FieldDescriptor | None:
    """The field of an API name: proto-plus renames fields that clash with Python names in the
    descriptors themselves (``type`` is ``type_``; its JSON name stays ``type``)."""
    if message is None:
        return None
    return message.fields_by_name.get(name) or message.fields_by_name.get(f"{name}_")


def _api_names(value: Any) -> Any:
    """``MessageToDict`` output with proto-plus's renamed keys (``type_``) back to the API's names."""
    if isinstance(value, dict):
        return {key.removesuffix("_"): _api_names(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_api_names(item) for item in value]
    return value


def _assign(message: Message, path: str, value: Any) -> None:
    """Set one (possibly nested or repeated) field, named by its API path, of a raw protobuf message."""
    *parents, last = path.split(".")
    for part in parents:
        found = _proto_field(message.DESCRIPTOR, part)
        assert found is not None, part
        message = getattr(message, found.name)
    field = _proto_field(message.DESCRIPTOR, last)
    assert field is not None, last
    if field.is_repeated:
        container = getattr(message, field.name)
        del container[:]
        if field.message_type is not None:
            for item in value:
                json_format.ParseDict(item, container.add())
        else:
            container.extend(_scalar(field, item) for item in value)
    elif field.message_type is not None:  # a single asset (``long_headline``): a message as a whole
        json_format.ParseDict(value, getattr(message, field.name))
    else:
        setattr(message, field.name, _scalar(field, value))


def _plain(value: Any) -> Any:
    """JSON-ready native data (money and conversions are Decimals in the simulator)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --- constant resources ------------------------------------------------------------------------------


@functools.cache
def _languages() -> tuple[dict[str, Any], ...]:
    """Google's language constants from the package's table (id, code, name)."""
    text = resources.files("midas_reconcile").joinpath("data", "google_languages.json").read_text("utf-8")
    return tuple(
        {
            "resource_name": f"languageConstants/{row['id']}",
            "id": str(row["id"]),
            "code": row["google_code"],
            "name": row["name"],
            "targetable": True,
        }
        for row in json.loads(text)["languages"]
    )


def _country_constant(country: Country) -> dict[str, Any]:
    geo_id = str(2000 + country.numeric)
    return {
        "resource_name": f"geoTargetConstants/{geo_id}",
        "id": geo_id,
        "name": country.name,
        "country_code": country.alpha_2,
        "target_type": "Country",
        "status": "ENABLED",
        "canonical_name": country.name,
    }


def _region_constant(region: Region) -> dict[str, Any]:
    country = countries()[region.country]
    return {
        "resource_name": f"geoTargetConstants/{region.google_id}",
        "id": region.google_id,
        "name": region.name,
        "country_code": region.country,
        "target_type": "State",
        "status": "ENABLED",
        "canonical_name": f"{region.name},{country.name}",
        "parent_geo_target": _country_constant(country)["resource_name"],
    }


@functools.cache
def _geo_constants() -> dict[str, dict[str, Any]]:
    """Every geo target constant the sandbox knows (countries, its regions, cities, postal codes and places
    of other kinds: counties, neighborhoods, airports …), by resource name."""
    rows = [_country_constant(c) for c in countries().values()] + [_region_constant(r) for r in REGIONS]
    rows += [google_constant(place) for place in (*cities(), *postal_codes(), *google_places())]
    return {row["resource_name"]: row for row in rows}


# --- the fake --------------------------------------------------------------------------------------------


@dataclass
class _Pages:
    """The rest of a Search result, served page by page under ``next_page_token``."""

    customer_id: str
    query: str
    rows: list[Message]
    field_mask: list[str]
    total: int


class GoogleAdsFake:
    """Google Ads API v26 over gRPC on 127.0.0.1 (ephemeral port), over a SandboxWorld's Google simulator.

    ``start()`` (or ``with``) serves from a thread pool; ``target`` is then ``"127.0.0.1:<port>"``.
    Customers must be registered in the world (``SandboxWorld.register_account``). ``requests`` records
    every RPC (no credentials); ``throttle(n)`` fails the next ``n`` authenticated calls as the API's
    short-term rate limit does. ``rows_per_page`` / ``rows_per_message`` shrink the API's 10,000-row
    Search pages and SearchStream messages so that a test can page through a few rows. A fault of the
    fake itself is answered INTERNAL and kept in ``unexpected_errors`` so that tests can fail on it.
    """

    def __init__(
        self,
        world: SandboxWorld,
        *,
        developer_token: str,
        access_token: str,
        version: str = "v26",
        rows_per_page: int = _ROWS_PER_PAGE,
        rows_per_message: int = _ROWS_PER_PAGE,
    ) -> None:
        if not _VERSION.fullmatch(version):
            raise ValueError(f"version must look like 'v26', got {version!r}")
        if not developer_token or not access_token:
            raise ValueError("developer_token and access_token must not be empty")
        if rows_per_page < 1 or rows_per_message < 1:
            raise ValueError("rows_per_page and rows_per_message must be positive")
        self.world = world
        self.sim = GoogleAdsSimulator(world)
        self.version = version
        self.target = ""
        self.requests: list[RecordedCall] = []
        self.unexpected_errors: list[BaseException] = []
        self._developer_token = developer_token
        self._access_token = access_token
        self._rows_per_page = rows_per_page
        self._rows_per_message = rows_per_message
        base = f"google.ads.googleads.{version}"
        self._services: ModuleType = import_module(f"{base}.services.types.google_ads_service")
        self._geo: ModuleType = import_module(f"{base}.services.types.geo_target_constant_service")
        self._errors: ModuleType = import_module(f"{base}.errors.types.errors")
        self._failure_key = f"{base}.errors.googleadsfailure-bin"
        self._failure_type_url = f"type.googleapis.com/{base}.errors.GoogleAdsFailure"
        self._row_type = self._services.GoogleAdsRow.pb()
        self._lock = threading.Lock()
        self._throttle_left = 0
        self._throttle_delay_s = 30
        self._pages: dict[str, _Pages] = {}
        self._last_customer: str | None = None
        self._server: grpc.Server | None = None
        self.audience_services = AudienceServices(self)

    # --- lifecycle ----------------------------------------------------------------------------------
    def start(self) -> GoogleAdsFake:
        """Listen on an ephemeral port of 127.0.0.1 and serve from a thread pool."""
        if self._server is not None:
            raise RuntimeError("the Google Ads fake is already serving")
        options = [
            ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
            ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
        ]
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=8), options=options)
        server.add_generic_rpc_handlers(self._handlers())
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        self._server = server
        self.target = f"127.0.0.1:{port}"
        return self

    def close(self) -> None:
        """Stop serving, cancelling RPCs in flight (idempotent)."""
        server, self._server = self._server, None
        if server is not None:
            server.stop(grace=None).wait(timeout=5)

    def __enter__(self) -> GoogleAdsFake:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def throttle(self, count: int, *, retry_delay_s: int = 30) -> None:
        """Fail the next ``count`` authenticated calls as the API fails them for
        RESOURCE_TEMPORARILY_EXHAUSTED: gRPC RESOURCE_EXHAUSTED and a GoogleAdsFailure trailer with
        ``quota_error`` and ``details.quota_error_details.retry_delay`` = ``retry_delay_s``."""
        if count < 0 or retry_delay_s < 0:
            raise ValueError("count and retry_delay_s must not be negative")
        with self._lock:
            self._throttle_left = count
            self._throttle_delay_s = retry_delay_s

    # --- gRPC plumbing ------------------------------------------------------------------------------
    def _handlers(self) -> tuple[grpc.GenericRpcHandler, ...]:
        s, g = self._services, self._geo
        prefix = f"google.ads.googleads.{self.version}.services"
        ads = {
            "Search": grpc.unary_unary_rpc_method_handler(
                self._unary("GoogleAdsService", "Search", self._search),
                request_deserializer=s.SearchGoogleAdsRequest.deserialize,
                response_serializer=s.SearchGoogleAdsResponse.serialize,
            ),
            "SearchStream": grpc.unary_stream_rpc_method_handler(
                self._stream("GoogleAdsService", "SearchStream", self._search_stream),
                request_deserializer=s.SearchGoogleAdsStreamRequest.deserialize,
                response_serializer=s.SearchGoogleAdsStreamResponse.serialize,
            ),
            "Mutate": grpc.unary_unary_rpc_method_handler(
                self._unary("GoogleAdsService", "Mutate", self._mutate),
                request_deserializer=s.MutateGoogleAdsRequest.deserialize,
                response_serializer=s.MutateGoogleAdsResponse.serialize,
            ),
        }
        geo = {
            "SuggestGeoTargetConstants": grpc.unary_unary_rpc_method_handler(
                self._unary("GeoTargetConstantService", "SuggestGeoTargetConstants", self._suggest),
                request_deserializer=g.SuggestGeoTargetConstantsRequest.deserialize,
                response_serializer=g.SuggestGeoTargetConstantsResponse.serialize,
            ),
        }
        return (
            grpc.method_handlers_generic_handler(f"{prefix}.GoogleAdsService", ads),
            grpc.method_handlers_generic_handler(f"{prefix}.GeoTargetConstantService", geo),
            *self.audience_services.handlers(prefix, self._unary),
        )

    def _unary(
        self, service: str, method: str, work: Callable[[_Call, Any], Any]
    ) -> Callable[[Any, grpc.ServicerContext], Any]:
        def handle(request: Any, context: grpc.ServicerContext) -> Any:
            return self._handle(service, method, request, context, work)

        return handle

    def _stream(
        self, service: str, method: str, work: Callable[[_Call, Any], list[Any]]
    ) -> Callable[[Any, grpc.ServicerContext], Iterator[Any]]:
        def handle(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            yield from self._handle(service, method, request, context, work)

        return handle

    def _handle(
        self,
        service: str,
        method: str,
        request: Any,
        context: grpc.ServicerContext,
        work: Callable[[_Call, Any], Any],
    ) -> Any:
        call = _Call(
            service, method, _request_id(), customer_id=getattr(request, "customer_id", None) or None
        )
        context.send_initial_metadata((("request-id", call.request_id),))
        metadata = {key: value for key, value in context.invocation_metadata() if isinstance(value, str)}
        call.login_customer_id = metadata.get("login-customer-id")
        result: Any = None
        failure: _ApiFailure | None = None
        try:
            self._authenticate(metadata)
            result = work(call, request)
        except _ApiFailure as exc:
            failure = exc
        except _NotModelled as exc:
            failure = _ApiFailure(
                grpc.StatusCode.UNIMPLEMENTED, f"Not modelled by the Google Ads fake: {exc}", []
            )
        except Exception as exc:  # a fault of the fake or the simulator: answered as the API's internal error
            failure = self._fault(exc)
        status: _RpcStatus | None = None
        if failure is not None:
            try:
                status = self._status(failure, call.request_id)
            except Exception as exc:  # e.g. an error code that v26 does not have
                failure = self._fault(exc)
                status = self._status(failure, call.request_id)
            call.error_codes = tuple(error.code for error in failure.errors)
        self._record(call, "OK" if failure is None else failure.code.name)
        if status is not None:
            context.abort_with_status(status)
        return result

    def _fault(self, exc: BaseException) -> _ApiFailure:
        self.unexpected_errors.append(exc)
        return _fail(_Error("internal_error.INTERNAL_ERROR", _INTERNAL))

    def _record(self, call: _Call, status: str) -> None:
        with self._lock:
            self.requests.append(
                RecordedCall(
                    service=call.service,
                    method=call.method,
                    customer_id=call.customer_id,
                    login_customer_id=call.login_customer_id,
                    query=call.query,
                    operation_count=call.operation_count,
                    partial_failure=call.partial_failure,
                    validate_only=call.validate_only,
                    status=status,
                    error_codes=call.error_codes,
                    request_id=call.request_id,
                    listing_group_operations=call.listing_group_operations,
                )
            )

    # --- failures on the wire -------------------------------------------------------------------------
    def _status(self, failure: _ApiFailure, request_id: str) -> _RpcStatus:
        trailing: list[tuple[str, str | bytes]] = [("request-id", request_id)]
        if failure.errors:
            blob = self._failure_bytes(failure.errors, request_id)
            trailing.append((self._failure_key, blob))
            status = status_pb2.Status(code=failure.code.value[0], message=failure.message)
            status.details.append(any_pb2.Any(type_url=self._failure_type_url, value=blob))
            trailing.append(("grpc-status-details-bin", status.SerializeToString()))
        return _RpcStatus(failure.code, failure.message, tuple(trailing))

    def _failure_bytes(self, errors: Sequence[_Error], request_id: str) -> bytes:
        failure = self._errors.GoogleAdsFailure.pb()(request_id=request_id)
        for error in errors:
            self._error_into(failure.errors.add(), error)
        return bytes(failure.SerializeToString())

    def _error_into(self, message: Any, error: _Error) -> None:
        code = _SIM_CODE_FALLBACKS.get(error.code, error.code)
        kind, _, name = code.partition(".")
        json_format.ParseDict({kind: name}, message.error_code)  # ParseError: not a code of this version
        message.message = error.message
        for field_name, index in error.location:
            element = message.location.field_path_elements.add(field_name=field_name)
            if index is not None:
                element.index = index
        if error.trigger is not None:
            message.trigger.string_value = error.trigger
        if error.retry_delay_s is not None:
            details = message.details.quota_error_details
            scopes = details.DESCRIPTOR.fields_by_name["rate_scope"].enum_type.values_by_name
            details.rate_scope = scopes[error.rate_scope].number
            details.rate_name = error.rate_name
            details.retry_delay.CopyFrom(duration_pb2.Duration(seconds=error.retry_delay_s))

    def _quota(self, enum: str, delay_s: int, scope: str, rate_name: str) -> _ApiFailure:
        return _fail(
            _Error(
                f"quota_error.{enum}",
                f"Too many requests. Retry in {delay_s} seconds.",
                retry_delay_s=delay_s,
                rate_scope=scope,
                rate_name=rate_name,
            )
        )

    def _from_transient(self, exc: TransientError, customer_id: str) -> _ApiFailure:
        delay = max(1, math.ceil(exc.retry_after or 1))
        if exc.code == "quota_error.RESOURCE_TEMPORARILY_EXHAUSTED":
            return self._quota("RESOURCE_TEMPORARILY_EXHAUSTED", delay, "ACCOUNT", "Requests per account")
        if exc.code == "quota_error.RESOURCE_EXHAUSTED":
            level = self.world.account_info(GOOGLE, customer_id).access_level
            return self._quota(
                "RESOURCE_EXHAUSTED", delay, "DEVELOPER", f"Number of operations for {level} access"
            )
        if exc.code == "internal_error.INTERNAL_ERROR":
            return _fail(_Error("internal_error.INTERNAL_ERROR", _INTERNAL))
        raise RuntimeError(f"the simulator raised a transient error the fake cannot map: {exc.code}") from exc

    def _from_simulator(self, exc: GoogleAdsFailure, kinds: Sequence[str] = ()) -> _ApiFailure:
        return _fail(*(self._sim_error(error, kinds) for error in exc.errors))

    @staticmethod
    def _sim_error(error: GoogleAdsError, kinds: Sequence[str]) -> _Error:
        location: tuple[tuple[str, int | None], ...] = ()
        if error.operation_index is not None:
            index = error.operation_index
            location = (("mutate_operations", index), (kinds[index], None), *_field_path(error.field_path))
        return _Error(error.code, error.message, location)

    # --- authentication, customers, quota -----------------------------------------------------------------
    def _authenticate(self, metadata: Mapping[str, str]) -> None:
        authorization = metadata.get("authorization")
        if authorization is None:
            raise _fail(
                _Error("authentication_error.AUTHENTICATION_ERROR", "Authentication of the request failed."),
                message=_MISSING_CREDENTIAL,
            )
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _fail(
                _Error(
                    "authentication_error.OAUTH_TOKEN_HEADER_INVALID", "OAuth token HTTP header is malformed."
                ),
                message=_INVALID_CREDENTIAL,
            )
        if not hmac.compare_digest(token.strip().encode(), self._access_token.encode()):
            raise _fail(
                _Error("authentication_error.OAUTH_TOKEN_INVALID", "OAuth token in the header is not valid."),
                message=_INVALID_CREDENTIAL,
            )
        developer_token = metadata.get("developer-token")
        if not developer_token:
            raise _fail(
                _Error(
                    "request_error.DEVELOPER_TOKEN_PARAMETER_MISSING",
                    "The developer-token parameter is required for all requests.",
                )
            )
        if not hmac.compare_digest(developer_token.encode(), self._developer_token.encode()):
            raise _fail(
                _Error("authentication_error.DEVELOPER_TOKEN_INVALID", "The developer token is not valid.")
            )
        login = metadata.get("login-customer-id")
        if login is not None and not login.isdigit():
            raise _fail(
                _Error(
                    "header_error.INVALID_LOGIN_CUSTOMER_ID",
                    "The login customer ID could not be validated.",
                    trigger=login,
                )
            )

    def _customer(self, call: _Call, raw: str) -> str:
        call.customer_id = raw
        if not raw.isdigit():
            raise _fail(
                _Error(
                    "request_error.INVALID_CUSTOMER_ID", "Customer ID is invalid.", (("customer_id", None),)
                )
            )
        if raw not in self._customers():
            raise _fail(
                _Error(
                    "authentication_error.CUSTOMER_NOT_FOUND",
                    "No customer found for the provided customer id.",
                )
            )
        with self._lock:
            self._last_customer = raw
        return raw

    def _customers(self) -> set[str]:
        return {info.account for info in self.world.accounts() if info.platform == GOOGLE}

    def _take_throttle(self) -> None:
        with self._lock:
            if self._throttle_left <= 0:
                return
            self._throttle_left -= 1
            delay = self._throttle_delay_s
        raise self._quota("RESOURCE_TEMPORARILY_EXHAUSTED", delay, "ACCOUNT", "Requests per account")

    def _charge(self, customer_id: str, resource: str) -> None:
        """Count one query the simulator has no method for, under the simulator's own quotas."""
        # The simulator keeps its quota admission private; constants queries are charged exactly as it
        # charges its own reads (one operation each).
        with self.world.api_call(
            GOOGLE, customer_id, "read", resource, admit=self.sim._admit(customer_id, 1)
        ):
            pass

    def _today(self) -> dt.date:
        return dt.datetime.fromtimestamp(self.world.clock(), tz=ZoneInfo(CUSTOMER_TIME_ZONE)).date()

    # --- GoogleAdsService.Search / SearchStream ---------------------------------------------------------
    def _search(self, call: _Call, request: Any) -> Any:
        call.query = request.query
        call.validate_only = bool(request.validate_only)
        customer_id = self._customer(call, request.customer_id)
        self._take_throttle()
        if request.page_size:
            raise _fail(
                _Error(
                    "request_error.PAGE_SIZE_NOT_SUPPORTED",
                    "Setting the page size is not supported. Search Responses will have fixed page size of "
                    "'10000' rows.",
                    (("page_size", None),),
                )
            )
        settings = request.search_settings
        if settings.return_summary_row:
            raise _NotModelled("search_settings.return_summary_row")
        if request.validate_only and request.page_token:
            raise _fail(
                _Error(
                    "request_error.VALIDATE_ONLY_REQUEST_HAS_PAGE_TOKEN",
                    "page_token is set in the validate only request",
                    (("page_token", None),),
                )
            )
        response = self._services.SearchGoogleAdsResponse.pb()()
        if request.page_token:
            pages = self._take_pages(request.page_token, customer_id, request.query)
        else:
            plan = self._plan(request.query)
            if request.validate_only:
                response.field_mask.paths.extend(plan.field_mask)
                return self._services.SearchGoogleAdsResponse.wrap(response)
            rows = self._rows(customer_id, plan)
            pages = _Pages(customer_id, request.query, rows, plan.field_mask, len(rows))
        response.field_mask.paths.extend(pages.field_mask)
        if settings.return_total_results_count:
            response.total_results_count = pages.total
        if not settings.omit_results:
            response.results.extend(pages.rows[: self._rows_per_page])
            rest = pages.rows[self._rows_per_page :]
            if rest:
                token = secrets.token_urlsafe(18)
                with self._lock:
                    self._pages[token] = _Pages(
                        customer_id, request.query, rest, pages.field_mask, pages.total
                    )
                response.next_page_token = token
        return self._services.SearchGoogleAdsResponse.wrap(response)

    def _take_pages(self, token: str, customer_id: str, query: str) -> _Pages:
        with self._lock:
            pages = self._pages.pop(token, None)
        if pages is None or pages.customer_id != customer_id or pages.query != query:
            raise _fail(
                _Error("request_error.INVALID_PAGE_TOKEN", "Page token is invalid.", (("page_token", None),))
            )
        return pages

    def _search_stream(self, call: _Call, request: Any) -> list[Any]:
        call.query = request.query
        customer_id = self._customer(call, request.customer_id)
        self._take_throttle()
        if int(request.summary_row_setting) > 2:  # beyond UNSPECIFIED, UNKNOWN, NO_SUMMARY_ROW
            raise _NotModelled(f"summary_row_setting {request.summary_row_setting.name}")
        audience_rows = self.audience_services.rows(customer_id, request.query, self._row_type)
        plan = self._plan(request.query) if audience_rows is None else None
        rows = audience_rows if plan is None else self._rows(customer_id, plan)
        messages = []
        for start in range(0, max(1, len(rows)), self._rows_per_message):
            message = self._services.SearchGoogleAdsStreamResponse.pb()(request_id=call.request_id)
            message.field_mask.paths.extend(plan.field_mask if plan is not None else ())
            message.results.extend(rows[start : start + self._rows_per_message])
            messages.append(self._services.SearchGoogleAdsStreamResponse.wrap(message))
        return messages

    def _plan(self, query: str) -> _Plan:
        return _Planner(self._row_type.DESCRIPTOR, self._today()).plan(query)

    def _rows(self, customer_id: str, plan: _Plan) -> list[Message]:
        """Run a plan: rows from the simulator (one query, one operation), joined, filtered, sorted."""
        try:
            if plan.metrics:
                rows = self._metric_rows(customer_id, plan)
            elif plan.resource in RESOURCE_TYPES:
                found = self.sim.search(customer_id, plan.resource, ids=self._ids(plan), include_removed=True)
                rows = [{plan.resource: row} for row in found]
            else:
                self._charge(customer_id, plan.resource)
                rows = [{plan.resource: row} for row in self._constants(customer_id, plan.resource)]
        except TransientError as exc:
            raise self._from_transient(exc, customer_id) from exc
        except GoogleAdsFailure as exc:
            raise self._from_simulator(exc) from exc
        self._join(customer_id, plan, rows)
        rows = [
            row for row in rows if all(p.matches(row) for p in plan.where if p.ref.resource != "segments")
        ]
        for ref, descending in reversed(plan.order_by):  # stable sorts, last key first
            rows.sort(key=functools.partial(_sort_key, ref=ref), reverse=descending)
        if plan.limit is not None:
            rows = rows[: plan.limit]
        return [self._message(row, plan) for row in rows]

    @staticmethod
    def _ids(plan: _Plan) -> list[str] | None:
        """Ids the WHERE clause restricts the main resource to (``id`` / ``resource_name`` = or IN)."""
        for predicate in plan.where:
            if predicate.ref.resource != plan.resource or predicate.operator not in ("=", "IN"):
                continue
            if predicate.ref.path == "resource_name":
                return [str(value).rsplit("/", 1)[-1] for value in predicate.values]
            if predicate.ref.path == "id":
                return [str(value) for value in predicate.values]
        return None

    def _metric_rows(self, customer_id: str, plan: _Plan) -> list[dict[str, Any]]:
        assert plan.dates is not None
        start, end = plan.dates[0], min(plan.dates[1], self._today())  # no delivery in the future
        found = self.sim.campaign_metrics(customer_id, start, end)
        by_date = [p for p in plan.where if p.ref.resource == "segments"]
        found = [row for row in found if all(p.matches(row) for p in by_date)]
        campaigns = {row["id"]: row for row in self.sim.peek(customer_id, "campaign", include_removed=True)}
        if plan.segmented:
            return [
                {
                    "campaign": campaigns.get(row["campaign"]["id"], row["campaign"]),
                    "segments": row["segments"],
                    "metrics": row["metrics"],
                }
                for row in found
            ]
        totals: dict[str, dict[str, Any]] = {}
        for row in found:
            total = totals.setdefault(row["campaign"]["id"], dict.fromkeys(_METRIC_FIELDS, 0))
            for name in _METRIC_FIELDS:
                total[name] += row["metrics"][name]
        names = {row["campaign"]["id"]: row["campaign"] for row in found}
        return [
            {"campaign": campaigns.get(id_, names[id_]), "metrics": total} for id_, total in totals.items()
        ]

    def _join(self, customer_id: str, plan: _Plan, rows: list[dict[str, Any]]) -> None:
        """Attach the attributed resources the query uses to each row (out of band: one query only)."""
        tables: dict[str, dict[str, dict[str, Any]]] = {}
        for resource in plan.joined:
            if resource == "customer":
                customer = self._constants(customer_id, "customer")[0]
                for row in rows:
                    row["customer"] = customer
                continue
            chain = _ATTRIBUTED[plan.resource][resource]
            for type_name in chain:
                if type_name not in tables:
                    found = self.sim.peek(customer_id, type_name, include_removed=True)
                    tables[type_name] = {obj["resource_name"]: obj for obj in found}
            for row in rows:
                current: dict[str, Any] | None = row[plan.resource]
                for type_name in chain:
                    current = tables[type_name].get(current.get(type_name, "")) if current else None
                row[resource] = current or {}

    def _message(self, row: Mapping[str, Any], plan: _Plan) -> Message:
        message = self._row_type()
        for ref in plan.select:
            value = get_path(row.get(ref.resource) or {}, ref.path)
            if value is not None:
                _assign(getattr(message, ref.resource), ref.path, _plain(value))
        if not plan.omit_resource_names:
            for resource in plan.named:
                name = (row.get(resource) or {}).get("resource_name")
                if name:
                    getattr(message, resource).resource_name = name
        return message

    def _constants(self, customer_id: str, resource: str) -> list[dict[str, Any]]:
        if resource == "customer":
            return [
                {
                    "resource_name": f"customers/{customer_id}",
                    "id": customer_id,
                    "currency_code": self.world.account_info(GOOGLE, customer_id).currency,
                    "time_zone": CUSTOMER_TIME_ZONE,
                    "manager": False,
                    "status": "ENABLED",
                }
            ]
        if resource == "language_constant":
            return list(_languages())
        if resource == "user_interest":
            return [
                {
                    "resource_name": f"customers/{customer_id}/userInterests/{interest.google_id}",
                    "user_interest_id": interest.google_id,
                    "name": interest.name,
                }
                for interest in INTERESTS
            ]
        return list(_geo_constants().values())

    # --- GoogleAdsService.Mutate ------------------------------------------------------------------------
    def _mutate(self, call: _Call, request: Any) -> Any:
        pb = type(request).pb(request)
        call.operation_count = len(pb.mutate_operations)
        call.partial_failure = pb.partial_failure
        call.validate_only = pb.validate_only
        customer_id = self._customer(call, pb.customer_id)
        self._take_throttle()
        if not pb.mutate_operations:
            raise _fail(
                _Error(
                    "request_error.OPERATION_REQUIRED",
                    "Mutate operation should have either create, update, or remove specified.",
                    (("mutate_operations", None),),
                )
            )
        if len(pb.mutate_operations) > MAX_OPERATIONS_PER_REQUEST:
            # Refused before translating 10,000+ operations only for the simulator to refuse them.
            raise _fail(
                _Error(
                    "request_error.TOO_MANY_MUTATE_OPERATIONS",
                    f"A mutate request may hold at most {MAX_OPERATIONS_PER_REQUEST} operations; this one "
                    f"holds {len(pb.mutate_operations)}.",
                    (("mutate_operations", None),),
                )
            )
        translated = [self._operation(index, op) for index, op in enumerate(pb.mutate_operations)]
        kinds = [kind for kind, _, _ in translated]
        call.listing_group_operations = sum(
            "listing_group" in (op[kind].get("create") or op[kind].get("update") or {})
            for kind, _, op in translated
        )
        try:
            outcome = self.sim.mutate(
                customer_id,
                [operation for _, _, operation in translated],
                partial_failure=pb.partial_failure,
                validate_only=pb.validate_only,
            )
        except TransientError as exc:
            raise self._from_transient(exc, customer_id) from exc
        except GoogleAdsFailure as exc:
            raise self._from_simulator(exc, kinds) from exc
        response = self._services.MutateGoogleAdsResponse.pb()()
        if outcome.partial_failure_errors:
            errors = [self._sim_error(error, kinds) for error in outcome.partial_failure_errors]
            call.error_codes = tuple(error.code for error in errors)
            first = errors[0].message
            status = status_pb2.Status(
                code=grpc.StatusCode.INVALID_ARGUMENT.value[0],
                message=f"Multiple errors in ‘details’. First error: {first}" if len(errors) > 1 else first,
            )
            status.details.append(
                any_pb2.Any(
                    type_url=self._failure_type_url, value=self._failure_bytes(errors, call.request_id)
                )
            )
            response.partial_failure_error.CopyFrom(status)
        if not pb.validate_only:
            mutable = pb.response_content_type == 2  # ResponseContentType.MUTABLE_RESOURCE
            stored = self._stored(customer_id, translated, outcome.results) if mutable else {}
            for (kind, action, _), name in zip(translated, outcome.results, strict=True):
                item = response.mutate_operation_responses.add()
                if name is None:
                    continue  # a failed operation of a partial-failure request: an empty slot
                type_name = BY_OPERATION[kind].name
                result = getattr(item, f"{type_name}_result")
                result.resource_name = name
                if name in stored and action != "remove" and type_name in result.DESCRIPTOR.fields_by_name:
                    json_format.ParseDict(_plain(stored[name]), getattr(result, type_name))
        return self._services.MutateGoogleAdsResponse.wrap(response)

    def _operation(self, index: int, operation: Any) -> tuple[str, str, dict[str, Any]]:
        """A MutateOperation as the simulator takes it: (operation field, action, operation dict)."""
        kind = operation.WhichOneof("operation")
        if kind is None:
            raise _fail(
                _Error(
                    "request_error.OPERATION_REQUIRED",
                    "Mutate operation should have either create, update, or remove specified.",
                    (("mutate_operations", index),),
                )
            )
        type_ = BY_OPERATION.get(kind)
        if type_ is None:
            served = ", ".join(sorted(BY_OPERATION))
            raise _NotModelled(f"mutate_operations[{index}].{kind} (the fake serves {served})")
        inner = getattr(operation, kind)
        action = inner.WhichOneof("operation")
        if action is None:
            raise _fail(
                _Error(
                    "request_error.OPERATION_REQUIRED",
                    "Mutate operation should have either create, update, or remove specified.",
                    (("mutate_operations", index), (kind, None)),
                )
            )
        if action == "remove":
            return kind, action, {kind: {"remove": inner.remove}}
        body = _api_names(json_format.MessageToDict(getattr(inner, action), preserving_proto_field_name=True))
        self._check_modelled(type_, body, f"mutate_operations[{index}].{kind}.{action}")
        native: dict[str, Any] = {action: body}
        if action == "update":
            paths = list(inner.update_mask.paths)
            resource = getattr(inner, action).DESCRIPTOR
            for path in paths:
                if self._unmodelled_path(type_, resource, path):
                    raise _NotModelled(f"update_mask path {path!r} of {kind}")
            native["update_mask"] = paths
        return kind, action, {kind: native}

    @staticmethod
    def _check_modelled(type_: ResourceType, body: dict[str, Any], where: str) -> None:
        try:
            flatten(body, type_)
        except OpError as exc:
            if exc.code == "request_error.UNRECOGNIZED_FIELD":
                raise _NotModelled(f"{where}.{exc.path}: the simulator has no such field") from None
            # anything else is the simulator's to report, per operation

    @staticmethod
    def _unmodelled_path(type_: ResourceType, resource: Descriptor, path: str) -> bool:
        """A mask path that names a real field of the resource that the simulator does not model."""
        if path in type_.leaves or path in type_.messages or path in type_.output_only:
            return False
        message: Descriptor | None = resource
        for part in path.split("."):
            found = _proto_field(message, part)
            if found is None:
                return False  # not a field at all: the simulator answers FIELD_NOT_FOUND
            message = found.message_type
        return True

    def _stored(
        self,
        customer_id: str,
        translated: Sequence[tuple[str, str, dict[str, Any]]],
        results: Sequence[str | None],
    ) -> dict[str, dict[str, Any]]:
        """The stored objects named in ``results`` (for MUTABLE_RESOURCE responses), by resource name."""
        wanted = {
            BY_OPERATION[kind].name for (kind, _, _), name in zip(translated, results, strict=True) if name
        }
        stored: dict[str, dict[str, Any]] = {}
        for type_name in wanted:
            for obj in self.sim.peek(customer_id, type_name, include_removed=True):
                stored[obj["resource_name"]] = obj
        return stored

    # --- GeoTargetConstantService.SuggestGeoTargetConstants ----------------------------------------------
    def _suggest(self, call: _Call, request: Any) -> Any:
        names = list(request.location_names.names)
        targets = list(request.geo_targets.geo_target_constants)
        customer_id = self._suggest_customer(call)
        self._take_throttle()
        if not names and not targets:
            raise _fail(
                _Error(
                    "field_error.REQUIRED",
                    "location_names or geo_targets is required.",
                    (("location_names", None),),
                )
            )
        try:
            matched = self.sim.suggest_geo_target_constants(customer_id, names)
        except TransientError as exc:
            raise self._from_transient(exc, customer_id) from exc
        by_term: dict[str, list[str]] = {}
        for row in matched:
            by_term.setdefault(row["search_term"], []).append(row["geo_target_constant"]["resource_name"])
        by_country_name = {c.name.casefold(): _country_constant(c) for c in countries().values()}
        geo = _geo_constants()
        found: list[tuple[str, dict[str, Any]]] = []
        for name in names:
            constants = [geo[r] for r in by_term.get(name, []) if r in geo]
            country = by_country_name.get(name.strip().casefold())
            found += [(name, constant) for constant in constants or ([country] if country else [])]
        found += [("", geo[target]) for target in targets if target in geo]
        response = self._geo.SuggestGeoTargetConstantsResponse.pb()()
        for term, constant in found:
            if request.country_code and constant["country_code"] != request.country_code:
                continue
            suggestion = response.geo_target_constant_suggestions.add(
                locale=request.locale or "en", search_term=term
            )
            json_format.ParseDict(constant, suggestion.geo_target_constant)
            parent = constant.get("parent_geo_target")
            if parent:
                json_format.ParseDict(geo[parent], suggestion.geo_target_constant_parents.add())
        return self._geo.SuggestGeoTargetConstantsResponse.wrap(response)

    def _suggest_customer(self, call: _Call) -> str:
        """The customer a suggestion is charged to: it names none (the API charges the developer)."""
        customers = self._customers()
        if call.login_customer_id in customers:
            return str(call.login_customer_id)
        with self._lock:
            last = self._last_customer
        if last is not None:
            return last
        if len(customers) == 1:
            return next(iter(customers))
        raise _NotModelled(
            "SuggestGeoTargetConstants before any call names a customer, with several customers in the world "
            "(send login-customer-id)"
        )


def _sort_key(row: Mapping[str, Any], ref: _FieldRef) -> tuple[bool, Any]:
    """Unset values last; enums in the order of their numbers (believed to be the API's order)."""
    value = _native(ref, get_path(row.get(ref.resource) or {}, ref.path))
    if value is not None and ref.descriptor.type == FieldDescriptor.TYPE_ENUM:
        value = ref.descriptor.enum_type.values_by_name[value].number
    return value is None, value


def _request_id() -> str:
    """Request ids look like the API's: 22 URL-safe base64 characters."""
    return secrets.token_urlsafe(16)


# --- routing the SDK to the fake ------------------------------------------------------------------------


class _ClientCallDetails(
    collections.namedtuple(
        "_ClientCallDetails",
        ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression"),
    ),
    grpc.ClientCallDetails,
):
    """Call details with the ``authorization`` metadata added."""


class _NoNetwork:
    """A google-auth transport that refuses: credentials in tests must never reach an OAuth server."""

    def __call__(self, url: str, method: str = "GET", **kwargs: Any) -> Any:
        raise auth_exceptions.TransportError(
            f"the Google Ads fake route does not let credentials call {url}: give the client a valid token"
        )


class _AuthorizationInterceptor(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor):
    """Adds ``authorization`` from google-auth credentials to each call, as google-auth's
    ``AuthMetadataPlugin`` does on the SDK's TLS channel (``credentials.before_request``)."""

    def __init__(self, credentials: Any) -> None:
        self._credentials = credentials

    def _with_authorization(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        headers: dict[str, str] = {}
        if self._credentials is not None:
            self._credentials.before_request(
                _NoNetwork(), "POST", f"https://{_HOST}{details.method}", headers
            )
        metadata = [*(details.metadata or ()), *((key.lower(), value) for key, value in headers.items())]
        return _ClientCallDetails(
            details.method,
            details.timeout,
            metadata,
            details.credentials,
            getattr(details, "wait_for_ready", None),
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(self, continuation: Any, details: grpc.ClientCallDetails, request: Any) -> Any:
        return continuation(self._with_authorization(details), request)

    def intercept_unary_stream(self, continuation: Any, details: grpc.ClientCallDetails, request: Any) -> Any:
        return continuation(self._with_authorization(details), request)


@contextlib.contextmanager
def route_google_ads_to(fake: GoogleAdsFake) -> Iterator[None]:
    """Route every ``GoogleAdsClient.get_service`` made inside the block to ``fake``.

    The SDK builds each service's channel through ``google.api_core.grpc_helpers.create_channel`` (looked
    up at call time): inside the block that returns an insecure channel to ``fake.target`` that carries
    the client's credentials as ``authorization: Bearer …`` metadata, whatever endpoint the client names.
    The SDK's own interceptors (metadata, logging, exceptions) run as in production. On exit the patch
    is undone and the channels opened meanwhile are closed. Nothing leaves 127.0.0.1.
    """
    if not fake.target:
        raise RuntimeError("start the Google Ads fake before routing clients to it")
    channels: list[grpc.Channel] = []

    def create_channel(
        target: str, credentials: Any = None, *, options: Sequence[tuple[str, Any]] | None = None, **_: Any
    ) -> grpc.Channel:
        channel = grpc.intercept_channel(
            grpc.insecure_channel(fake.target, options=options), _AuthorizationInterceptor(credentials)
        )
        channels.append(channel)
        return channel

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(grpc_helpers, "create_channel", create_channel)
        try:
            yield
        finally:
            for channel in channels:
                channel.close()
