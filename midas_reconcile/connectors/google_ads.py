"""The Google Ads connector: one customer through the official ``google-ads`` SDK (gRPC, API v26).

The sandbox's Google backend (``connectors.google_backend``) already speaks the Google Ads API's own
model — GAQL-shaped rows in the API's snake_case field names, ``MutateOperation``-shaped writes with
temporary resource names and exact update masks — against the in-process simulator. This module
gives it the real API instead: ``GoogleAdsTransport`` offers the simulator's calls (``search``,
``mutate``, ``suggest_geo_target_constants``, ``search_user_interests``, ``campaign_metrics``) over
the SDK, so that reads, writes, label links and normalisation are one code path for both.

- Reads: one ``GoogleAdsService.SearchStream`` GAQL query per resource type, excluding REMOVED, whose
  SELECT list is the resource type's field list in ``google_schema`` — the same list the row
  normaliser reads, so nothing is read that was not selected.
- Writes: ``GoogleAdsService.Mutate`` with ``mutate_operations`` (≤ 10,000), ``partial_failure`` on;
  failed operations come back by index with the API's error code, message and field path.
  ``validate_only`` sends the same request to check it without changing anything.
- Errors are translated at this boundary: ``GoogleAdsException`` (its ``failure.errors``), and the
  un-wrapped ``ResourceExhausted`` / ``InternalServerError`` the SDK raises for those two codes (their
  ``GoogleAdsFailure`` read from the ``googleadsfailure-bin`` trailer). A temporary quota →
  ``TransientError`` with the API's ``retry_delay``; the daily quota → a ``TransientError`` that waits
  until the quota resets (midnight Pacific), which the applier reports rather than waits for;
  authentication and authorisation → ``AuthError`` with the fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import time
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final
from zoneinfo import ZoneInfo

from google.ads.googleads.client import GoogleAdsClient
from google.ads.googleads.errors import GoogleAdsException
from google.api_core import exceptions as api_exceptions
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor

from midas_reconcile.connectors.audience_refs import link_audiences
from midas_reconcile.connectors.audience_wire import validate_split, write_split
from midas_reconcile.connectors.base import (
    DailyMetrics,
    MemberBatch,
    QueryRetry,
    ResolveKind,
    WriteOp,
    WriteResult,
    call_once,
)
from midas_reconcile.connectors.google_audiences import GoogleAudiences
from midas_reconcile.connectors.google_backend import GoogleBackend
from midas_reconcile.connectors.google_schema import (
    OUTCOME_UNKNOWN,
    RESOURCE_TYPES,
    GoogleAdsError,
    MutateResponse,
)
from midas_reconcile.errors import AuthError, ConnectorError, PermanentError, TransientError
from midas_reconcile.ratelimit import DEFAULT_LIMITS
from midas_reconcile.resources import GOOGLE, Address, Resource
from midas_reconcile.targeting.places import (
    city_or_postal_code,
    describe_google_place,
    google_city_entries,
    google_place_entry,
    pick_google_constant,
)
from midas_reconcile.targeting.regions import find_subdivision

DEFAULT_API_VERSION: Final = "v26"
#: Operations a developer token may spend per day, by access level (each query and mutated item is one).
DAILY_OPERATIONS: Final[dict[str, int | None]] = {"explorer": 2_880, "basic": 15_000, "standard": None}
#: Where the daily operation quota resets: midnight in the Pacific time zone.
QUOTA_ZONE: Final = ZoneInfo("America/Los_Angeles")
#: Seconds one call may take before it is abandoned.
CALL_TIMEOUT_S: Final = 300.0

_AUTH_FIX: Final = (
    "check the developer token, the OAuth client and refresh token named under the account's credentials in "
    "midas.yaml, and that the user may access this customer (login_customer_id for a manager account)"
)


@dataclass(frozen=True)
class GoogleAdsCredentials:
    """What the API needs: the developer token, and OAuth — a refresh token with its client, or (tests,
    short-lived jobs) an access token. ``repr`` never shows a value."""

    developer_token: str
    client_id: str | None = None
    client_secret: str | None = None
    refresh_token: str | None = None
    access_token: str | None = None

    def __repr__(self) -> str:
        present = [
            n
            for n in ("developer_token", "client_id", "client_secret", "refresh_token", "access_token")
            if getattr(self, n)
        ]
        return f"GoogleAdsCredentials({', '.join(present)}: <redacted>)"

    @classmethod
    def from_values(cls, values: Mapping[str, str], *, account: str) -> GoogleAdsCredentials:
        """From the credential values midas.yaml names."""
        known = {"developer_token", "client_id", "client_secret", "refresh_token", "access_token"}
        unknown = sorted(set(values) - known)
        if unknown:
            raise AuthError(
                f"account {account!r}: unknown Google Ads credential(s) {', '.join(unknown)}",
                platform=GOOGLE,
                fix=f"name only {', '.join(sorted(known))} under credentials in midas.yaml",
            )
        if not values.get("developer_token"):
            raise AuthError(
                f"account {account!r} has no Google Ads developer token",
                platform=GOOGLE,
                fix="add 'developer_token_env: GOOGLE_ADS_DEVELOPER_TOKEN' under the account's credentials",
            )
        oauth = ("client_id", "client_secret", "refresh_token")
        if not values.get("access_token") and not all(values.get(n) for n in oauth):
            missing = [n for n in oauth if not values.get(n)]
            raise AuthError(
                f"account {account!r}: Google Ads OAuth credentials incomplete "
                f"(missing {', '.join(missing)})",
                platform=GOOGLE,
                fix="add client_id_env, client_secret_env and refresh_token_env under the account's "
                "credentials",
            )
        return cls(**{n: values.get(n) or None for n in known})  # type: ignore[arg-type]

    def oauth(self) -> Any:
        """The google-auth credentials (a refresh token is exchanged for access tokens when needed)."""
        from google.oauth2.credentials import Credentials

        if self.refresh_token:
            return Credentials(
                token=None,
                refresh_token=self.refresh_token,
                client_id=self.client_id,
                client_secret=self.client_secret,
                token_uri="https://oauth2.googleapis.com/token",
            )
        return Credentials(token=self.access_token)


def build_client(
    credentials: GoogleAdsCredentials,
    *,
    login_customer_id: str | None = None,
    endpoint: str | None = None,
    version: str = DEFAULT_API_VERSION,
) -> GoogleAdsClient:
    """A ``GoogleAdsClient`` (proto-plus messages) for these credentials."""
    return GoogleAdsClient(
        credentials=credentials.oauth(),
        developer_token=credentials.developer_token,
        login_customer_id=login_customer_id,
        endpoint=endpoint,
        version=version,
        use_proto_plus=True,
    )


def client_from_file(path: str, *, version: str = DEFAULT_API_VERSION, account: str = "") -> GoogleAdsClient:
    """A client from a ``google-ads.yaml`` (the SDK's own configuration file); errors never echo it.

    The file is read with the SDK's parser, but the client is built here: the SDK's
    ``load_from_storage`` exchanges the refresh token for an access token at once (a network call at
    start-up, even for ``midas validate``); built here, google-auth does so on the first API call.
    """
    from google.ads.googleads import config

    fix = (
        "point credentials_file at a readable google-ads.yaml with developer_token, client_id, "
        "client_secret and refresh_token"
    )
    try:
        data = config.load_from_yaml_file(path)
    except (OSError, ValueError) as exc:
        raise AuthError(
            f"cannot use the Google Ads credentials file {path} ({type(exc).__name__})",
            platform=GOOGLE,
            fix=fix,
        ) from None
    names = ("developer_token", "client_id", "client_secret", "refresh_token")
    values = {name: str(data[name]) for name in names if data.get(name)}
    try:
        credentials = GoogleAdsCredentials.from_values(values, account=account)
    except AuthError as exc:
        raise AuthError(f"{exc.message} in {path}", platform=GOOGLE, fix=fix) from None
    login = data.get("login_customer_id")
    return build_client(
        credentials,
        login_customer_id=str(login).replace("-", "") if login else None,
        endpoint=data.get("endpoint"),
        version=version,
    )


#: Per resource type, the fields of a resource its rows join (GAQL selects an attributed resource's fields in
#: a query FROM the type): (the joined resource, the row key its fields go under, its fields). An asset
#: group asset or campaign asset row carries its text asset's text (an asset group asset's call to action or
#: YouTube video id too), which the simulator's rows carry under the same key.
JOINED: Final = {
    "asset_group_asset": (
        "asset",
        "linked_asset",
        ("text_asset.text", "call_to_action_asset.call_to_action", "youtube_video_asset.youtube_video_id"),
    ),
    "campaign_asset": ("asset", "linked_asset", ("text_asset.text",)),
    # A campaign's asset set link carries the set's type: a page feed's (PAGE_FEED) are MIDAS's.
    "campaign_asset_set": ("asset_set", "linked_asset_set", ("type",)),
}


def select_fields(resource_type: str) -> list[str]:
    """The GAQL SELECT list of a resource type: every field its rows carry (settable and output-only), and
    the fields of the resource it joins (``JOINED``)."""
    type_ = RESOURCE_TYPES[resource_type]
    own = [f"{resource_type}.{path}" for path in sorted({*type_.leaves, *type_.output_only})]
    if resource_type in JOINED:
        joined, _, fields = JOINED[resource_type]
        own.extend(f"{joined}.{path}" for path in fields)
    return own


def _result_row(row: Any, resource_type: str) -> dict[str, Any]:
    """One GoogleAdsRow as the simulator's row of ``resource_type`` (with its joined resource's fields)."""
    out = _row_dict(getattr(row, resource_type))
    if resource_type in JOINED:
        joined, key, _ = JOINED[resource_type]
        fields = _row_dict(getattr(row, joined))
        fields.pop("resource_name", None)
        if fields:
            out[key] = fields
    return out


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _row_dict(message: Any) -> dict[str, Any]:
    """A proto-plus message as the simulator's rows: the API's snake_case names, only the fields that are
    set, 64-bit integers as ints (ids as text: they name objects), enums by name."""
    return _pb_dict(type(message).pb(message))


_INT_TYPES: Final = frozenset(
    {
        FieldDescriptor.TYPE_INT64,
        FieldDescriptor.TYPE_UINT64,
        FieldDescriptor.TYPE_SINT64,
        FieldDescriptor.TYPE_FIXED64,
        FieldDescriptor.TYPE_SFIXED64,
        FieldDescriptor.TYPE_INT32,
        FieldDescriptor.TYPE_UINT32,
        FieldDescriptor.TYPE_SINT32,
    }
)


def _pb_dict(pb: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in pb.ListFields():
        # proto-plus renames fields that clash with Python names (``type`` → ``type_``) in the descriptors.
        name = field.name[:-1] if field.name.endswith("_") else field.name
        repeated = field.is_repeated
        values = list(value) if repeated else [value]
        converted = [_pb_value(field, name, v) for v in values]
        out[name] = converted if repeated else converted[0]
    return out


def _pb_value(field: Any, name: str, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return _pb_dict(value)
    if field.type == FieldDescriptor.TYPE_ENUM:
        return field.enum_type.values_by_number[value].name
    if field.type in _INT_TYPES:
        return str(value) if name in ("id", "criterion_id", "user_interest_id") else int(value)
    return value


def _error_code(error: Any) -> str:
    """``<error_type>.<ENUM_NAME>`` of one GoogleAdsError."""
    which = type(error.error_code).pb(error.error_code).WhichOneof("error_code")
    if which is None:
        return "unknown"
    enum = getattr(error.error_code, which)
    return f"{which}.{getattr(enum, 'name', enum)}"


def _field_path(error: Any) -> tuple[int | None, str]:
    """(operation index, the field path inside the operation) of one GoogleAdsError."""
    elements = list(error.location.field_path_elements) if error.location else []
    index: int | None = None
    if elements and elements[0].field_name in ("mutate_operations", "operations"):
        index = int(elements[0].index) if "index" in elements[0] else 0
        elements = elements[1:]
    parts = []
    for element in elements:
        name = element.field_name
        if name.endswith("_operation"):
            continue
        parts.append(f"{name}[{element.index}]" if "index" in element else name)
    return index, ".".join(parts)


def _errors(failure: Any) -> list[GoogleAdsError]:
    out = []
    for error in failure.errors:
        index, path = _field_path(error)
        out.append(GoogleAdsError(_error_code(error), str(error.message), path, index))
    return out


class GoogleAdsTransport:
    """The simulator's calls, served by the Google Ads API through the SDK (see the module docstring)."""

    def __init__(self, client: GoogleAdsClient, *, timeout: float = CALL_TIMEOUT_S) -> None:
        self.client = client
        self.timeout = timeout
        self._service: Any = None

    @property
    def service(self) -> Any:
        if self._service is None:
            self._service = self.client.get_service("GoogleAdsService")
        return self._service

    # -- reads --------------------------------------------------------------------------------------
    def query(self, customer_id: str, query: str) -> Iterator[Any]:
        """GoogleAdsRow messages of one GAQL query (SearchStream: one call, however many rows)."""
        with translated("reading from Google Ads"):
            stream = self.service.search_stream(customer_id=customer_id, query=query, timeout=self.timeout)
            for batch in stream:
                yield from batch.results

    def search_stream(
        self, customer_id: str, resource_type: str
    ) -> Generator[list[dict[str, Any]], None, None]:
        """Every non-removed object of one resource type, one list of rows per streamed message."""
        query = self._select(customer_id, resource_type, ids=None)
        with translated("reading from Google Ads"):
            for message in self.service.search_stream(
                customer_id=customer_id, query=query, timeout=self.timeout
            ):
                yield [_result_row(row, resource_type) for row in message.results]

    def search(
        self, customer_id: str, resource_type: str, *, ids: Sequence[str] | None = None
    ) -> list[dict[str, Any]]:
        """Non-removed objects of one resource type (``ids``: only those; ``parent~child`` for criteria)."""
        if ids is not None and not ids:
            return []
        query = self._select(customer_id, resource_type, ids=ids)
        return [_result_row(row, resource_type) for row in self.query(customer_id, query)]

    @staticmethod
    def _select(customer_id: str, resource_type: str, *, ids: Sequence[str] | None) -> str:
        type_ = RESOURCE_TYPES[resource_type]
        where: list[str] = []
        if "status" in type_.leaves or "status" in type_.output_only:
            where.append(f"{resource_type}.status != 'REMOVED'")
        if resource_type == "campaign_asset_set":
            # A removed campaign keeps its links (ENABLED): one whose campaign is gone counts for nothing, and
            # a page feed set it shared is the remaining campaign's alone.
            where.append("campaign.status != 'REMOVED'")
        if ids is not None:
            collection = f"customers/{customer_id}/{type_.collection}/"
            names = ", ".join(_quoted(collection + str(i)) for i in ids)
            where.append(f"{resource_type}.resource_name IN ({names})")
        query = f"SELECT {', '.join(select_fields(resource_type))} FROM {resource_type}"
        return query + (" WHERE " + " AND ".join(where) if where else "")

    def suggest_geo_target_constants(self, customer_id: str, names: Sequence[str]) -> list[dict[str, Any]]:
        """Regions (ISO 3166-2 code or name), cities (``San Francisco, US-CA``) and postal codes
        (``US:94103``), one suggestion request each: exact matches only (``targeting.places``)."""
        service = self.client.get_service("GeoTargetConstantService")
        out: list[dict[str, Any]] = []
        for name in names:
            place = city_or_postal_code(name)
            region = find_subdivision(name) if place is None else None
            query, country = (name.strip(), None) if region is None else (region.name, region.country)
            if place is not None:
                query, country = place.name, place.country
            request = self.client.get_type("SuggestGeoTargetConstantsRequest")
            request.locale = "en"
            if country:
                request.country_code = country
            request.location_names.names.append(query)
            with translated("resolving locations on Google Ads"):
                response = service.suggest_geo_target_constants(request=request, timeout=self.timeout)
            constants = [_row_dict(s.geo_target_constant) for s in response.geo_target_constant_suggestions]
            if place is not None:
                picked = pick_google_constant(place, constants)
                if picked is not None:
                    out.append({"search_term": name, "geo_target_constant": dict(picked)})
                continue
            for constant in constants:
                if str(constant.get("name", "")).casefold() == query.casefold() and (
                    country is None or constant.get("country_code") == country
                ):
                    out.append({"search_term": name, "geo_target_constant": constant})
                    break
        return out

    def city_entries(self, customer_id: str, name: str) -> list[str]:
        """The entries of the cities named as the city ``name`` writes within its country (one suggestion
        request; [] for anything else): what an ambiguous or misspelt city may have meant."""
        place = city_or_postal_code(name)
        if place is None or place.kind != "city":
            return []
        service = self.client.get_service("GeoTargetConstantService")
        request = self.client.get_type("SuggestGeoTargetConstantsRequest")
        request.locale = "en"
        request.country_code = place.country
        request.location_names.names.append(place.name)
        with translated("resolving locations on Google Ads"):
            response = service.suggest_geo_target_constants(request=request, timeout=self.timeout)
        return google_city_entries(
            place, [_row_dict(s.geo_target_constant) for s in response.geo_target_constant_suggestions]
        )

    def search_user_interests(self, customer_id: str, names: Sequence[str]) -> list[dict[str, Any]]:
        """User interests by name, case-insensitively: the taxonomy is read in one query and matched
        here (GAQL string comparison is case-sensitive)."""
        wanted = {n.strip().casefold() for n in names}
        query = "SELECT user_interest.user_interest_id, user_interest.name FROM user_interest"
        return [
            _row_dict(row.user_interest)
            for row in self.query(customer_id, query)
            if row.user_interest.name.casefold() in wanted
        ]

    def user_interest_catalog(self, customer_id: str) -> list[str]:
        """The names of every user interest."""
        query = "SELECT user_interest.name FROM user_interest"
        return [row.user_interest.name for row in self.query(customer_id, query)]

    def location_entries(self, customer_id: str, ids: Sequence[str]) -> dict[str, str]:
        """Entries of the spec language for geo target constants by id, one query: ISO 3166-2 codes of
        regions (by their names within their countries), ``San Francisco, US-CA`` for cities and
        ``US:94103`` for postal codes, and what places of other kinds are, ``Austin County, US-TX (County)``
        (``targeting.places``)."""
        numeric = sorted({i for i in ids if i.isdigit()}, key=int)
        if not numeric:
            return {}
        query = (
            "SELECT geo_target_constant.id, geo_target_constant.name, geo_target_constant.country_code, "
            "geo_target_constant.canonical_name, geo_target_constant.target_type "
            f"FROM geo_target_constant WHERE geo_target_constant.id IN ({', '.join(numeric)})"
        )
        out: dict[str, str] = {}
        for row in self.query(customer_id, query):
            constant = _row_dict(row.geo_target_constant)
            entry = google_place_entry(constant)
            found = find_subdivision(str(constant.get("name") or ""), constant.get("country_code"))
            named = entry or (found.code if found is not None else None) or describe_google_place(constant)
            if named is not None:
                out[str(constant.get("id"))] = named
        return out

    def user_interest_names(self, customer_id: str, ids: Sequence[str]) -> dict[str, str]:
        """Names of user interests by id: the taxonomy in one query, matched here."""
        wanted = set(ids)
        query = "SELECT user_interest.user_interest_id, user_interest.name FROM user_interest"
        return {
            str(row.user_interest.user_interest_id): row.user_interest.name
            for row in self.query(customer_id, query)
            if str(row.user_interest.user_interest_id) in wanted
        }

    def search_language_constants(self, customer_id: str, codes: Sequence[str]) -> list[dict[str, Any]]:
        """Language constants by Google's own language codes, in one GAQL query."""
        if not codes:
            return []
        query = (
            "SELECT language_constant.id, language_constant.code, language_constant.name "
            "FROM language_constant "
            f"WHERE language_constant.code IN ({', '.join(_quoted(c) for c in codes)})"
        )
        return [_row_dict(row.language_constant) for row in self.query(customer_id, query)]

    def campaign_metrics(self, customer_id: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
        """Daily campaign rows in one query, shaped like the simulator's (conversions as Decimals)."""
        query = (
            "SELECT campaign.id, campaign.name, campaign.resource_name, campaign.status, segments.date, "
            "metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, "
            "metrics.conversions_value FROM campaign "
            f"WHERE segments.date BETWEEN '{start.isoformat()}' AND '{end.isoformat()}'"
        )
        out = []
        for row in self.query(customer_id, query):
            m = row.metrics
            out.append(
                {
                    "campaign": _row_dict(row.campaign),
                    "segments": {"date": str(row.segments.date)},
                    "metrics": {
                        "impressions": int(m.impressions),
                        "clicks": int(m.clicks),
                        "cost_micros": int(m.cost_micros),
                        "conversions": Decimal(repr(m.conversions)),
                        "conversions_value": Decimal(repr(m.conversions_value)),
                    },
                }
            )
        return out

    # -- writes -------------------------------------------------------------------------------------
    def mutate(
        self,
        customer_id: str,
        operations: Sequence[Mapping[str, Any]],
        *,
        partial_failure: bool = False,
        validate_only: bool = False,
    ) -> MutateResponse:
        """GoogleAdsService.Mutate with operations in the simulator's dict shape."""
        request = self.client.get_type("MutateGoogleAdsRequest")
        request.customer_id = customer_id
        request.partial_failure = partial_failure
        request.validate_only = validate_only
        request.mutate_operations.extend(self._operation(op) for op in operations)
        with translated("writing to Google Ads", ambiguous=not validate_only):
            response = self.service.mutate(request=request, timeout=self.timeout)
        results: list[str | None] = []
        for answer in response.mutate_operation_responses:
            which = type(answer).pb(answer).WhichOneof("response")
            name = getattr(answer, which).resource_name if which else ""
            results.append(name or None)
        results.extend([None] * (len(operations) - len(results)))
        errors: list[GoogleAdsError] = []
        status = response.partial_failure_error
        if status and status.code:
            failure_type = type(self.client.get_type("GoogleAdsFailure"))
            for detail in status.details:
                errors.extend(_errors(failure_type.deserialize(detail.value)))
            failed = {e.operation_index for e in errors}
            results = [None if i in failed else r for i, r in enumerate(results)]
        return MutateResponse(results, errors)

    def _operation(self, op: Mapping[str, Any]) -> Any:
        """One MutateOperation from the simulator's dict shape (``update_mask`` as a comma list)."""
        ((kind, body),) = op.items()
        body = dict(body)
        mask = body.pop("update_mask", None)
        message = self.client.get_type("MutateOperation")
        pb = type(message).pb(message)
        json_format.ParseDict({kind: body}, pb, ignore_unknown_fields=False)
        if mask is not None:
            getattr(pb, kind).update_mask.paths.extend(str(mask).split(","))
        return message


class GoogleAdsConnector:
    """One Google Ads customer over the real API (see the module docstring)."""

    platform = GOOGLE
    #: The API checks a Mutate without applying it (``validate_only``).
    can_validate = True

    def __init__(
        self,
        *,
        account: str,
        customer_id: str,
        currency: str,
        client: GoogleAdsClient,
        access_level: str = "basic",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.account = account
        self.native_id = customer_id.replace("-", "")
        self.currency = currency.upper()
        self.transport = GoogleAdsTransport(client)
        self._backend = GoogleBackend(self.transport, account, self.native_id, self.currency)
        self._audiences = GoogleAudiences(client, self.native_id, account, translated, sleep, CALL_TIMEOUT_S)
        self.member_batch_size = self._audiences.member_batch_size
        self.limits = dataclasses.replace(
            DEFAULT_LIMITS[GOOGLE], daily_operations=DAILY_OPERATIONS.get(access_level)
        )

    def read(self, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """Every live, non-removed object of the customer: one streamed query per resource type (and one
        for the user lists when an ad group targets one, unless the caller passes ``audiences`` read)."""
        return self.read_retrying(call_once, audiences)

    def read_retrying(self, retry: QueryRetry, audiences: Sequence[Resource] | None = None) -> list[Resource]:
        """``read``, each query retried on its own through ``retry`` (``RetriesEachQuery``)."""
        resources = self._backend.read(retry)
        link_audiences(resources, lambda: retry(self.read_audiences), audiences)
        return resources

    def read_for_import(self, on: bool) -> None:
        """Whether the next reads are an import's (``GoogleBackend.read_for_import``)."""
        self._backend.read_for_import(on)

    def read_audiences(self) -> list[Resource]:
        """The customer's Customer Match (CRM-based) user lists: one streamed query."""
        return self._audiences.read()

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """One Mutate request with partial failure (user lists: one ``MutateUserLists`` each); one result
        per op, in order."""
        return write_split(ops, self._audiences.write, self._backend.write)

    def upload_members(
        self, address: Address, platform_id: str, batch: MemberBatch, consent: Mapping[str, str]
    ) -> None:
        """One offline user data job for one batch of hashed members."""
        self._audiences.upload_members(platform_id, batch, consent)

    @property
    def write_requests(self) -> int:
        """API write requests sent so far (``CountsWriteRequests``): each Mutate request, and each
        ``MutateUserLists``."""
        return self._backend.write_requests + self._audiences.write_requests

    @property
    def operations_spent(self) -> int:
        """API operations this connector spent, as Google counts them against the daily quota."""
        return self._backend.operations_spent

    def validate(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        """The same Mutate sent with ``validate_only``: what the API would refuse; nothing changes."""
        return validate_split(ops, self._backend.validate)

    def operation_cost(self, op: WriteOp) -> int:
        """Mutate operations ``op`` takes (label links and a missing label count, as the API counts)."""
        return self._backend.operation_cost(op)

    def resolve(self, kind: ResolveKind, names: Sequence[str]) -> dict[str, str]:
        """Regions and cities (SuggestGeoTargetConstants) and user interests (GAQL) by name."""
        return self._backend.resolve(kind, names)

    def names_of(self, kind: ResolveKind, ids: Sequence[str]) -> dict[str, str]:
        """Entries of region, city and postal code geo targets and user interest names of ids read
        (``midas import``)."""
        return self._backend.names_of(kind, ids)

    def near_names(self, kind: ResolveKind, name: str) -> list[str]:
        """Every user interest's name, for a misspelt one's did-you-mean (one GAQL query); the cities of a
        city's name in its country (one suggestion request)."""
        return self._backend.near_names(kind, name)

    def metrics(self, start: dt.date, end: dt.date) -> list[DailyMetrics]:
        """Daily campaign metrics from one GAQL query over ``segments.date``."""
        if end < start:
            return []
        return self._backend.metrics(start, end)


def _failure_of(exc: api_exceptions.GoogleAPICallError) -> Any:
    """The GoogleAdsFailure in an un-wrapped exception's trailing metadata, if any."""
    response: Any = getattr(exc, "response", None)
    trailing = response.trailing_metadata() if hasattr(response, "trailing_metadata") else None
    for key, value in trailing or ():
        # google.ads.googleads.<version>.errors.googleadsfailure-bin
        parts = key.split(".")
        if key.endswith("googleadsfailure-bin") and len(parts) == 6:
            module = importlib.import_module(f"google.ads.googleads.{parts[3]}.errors.types.errors")
            return module.GoogleAdsFailure.deserialize(value)
    return None


def _seconds_to_quota_reset(now: dt.datetime | None = None) -> float:
    now = (now or dt.datetime.now(dt.UTC)).astimezone(QUOTA_ZONE)
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0), tzinfo=QUOTA_ZONE)
    return (midnight - now).total_seconds()


def translate_failure(
    errors: list[GoogleAdsError], request_id: str = "", *, retry_delay: float | None = None
) -> ConnectorError:
    """A whole-call Google Ads failure → the MIDAS error (``retry_delay``: the API's quota hint)."""
    first = errors[0] if errors else GoogleAdsError("unknown", "the Google Ads API refused the call")
    suffix = f" (request id {request_id})" if request_id else ""
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    message = f"{first.message}{more}{suffix}"
    kind, _, name = first.code.partition(".")
    if kind == "quota_error" and name == "RESOURCE_EXHAUSTED":
        wait = retry_delay if retry_delay else _seconds_to_quota_reset()
        reset = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait)
        return TransientError(
            f"the developer token's daily operation quota is spent; it resets at "
            f"{reset.astimezone(QUOTA_ZONE):%Y-%m-%d %H:%M} Pacific time — {message}",
            platform=GOOGLE,
            code=first.code,
            retry_after=wait,
        )
    if kind in ("quota_error", "internal_error"):
        return TransientError(message, platform=GOOGLE, code=first.code, retry_after=retry_delay)
    if kind in ("authentication_error", "authorization_error") or first.code in (
        "request_error.DEVELOPER_TOKEN_PARAMETER_MISSING",
        "header_error.INVALID_LOGIN_CUSTOMER_ID",
    ):
        return AuthError(message, platform=GOOGLE, code=first.code, fix=_AUTH_FIX)
    return PermanentError(message, platform=GOOGLE, code=first.code, field=first.location)


def _retry_delay(failure: Any) -> float | None:
    delays = [
        e.details.quota_error_details.retry_delay.seconds
        for e in failure.errors
        if e.details and e.details.quota_error_details and e.details.quota_error_details.retry_delay
    ]
    return float(max(delays)) if delays else None


@contextmanager
def translated(what: str, *, ambiguous: bool = False) -> Iterator[None]:
    """Translate SDK and gRPC errors into MIDAS errors (see the module docstring).

    ``ambiguous``: the call writes, so a deadline or a dropped connection leaves its outcome unknown; it
    is reported for a re-plan (which adopts anything created: it carries the marker) rather than retried.
    """
    try:
        yield
    except GoogleAdsException as exc:
        failure = exc.failure
        raise translate_failure(
            _errors(failure), str(exc.request_id or ""), retry_delay=_retry_delay(failure)
        ) from None
    except (api_exceptions.ResourceExhausted, api_exceptions.InternalServerError) as exc:
        # The SDK does not wrap these two codes: the failure is in the trailing metadata.
        failure = _failure_of(exc)
        if failure is None or not failure.errors:
            raise TransientError(f"{what}: {type(exc).__name__}", platform=GOOGLE) from None
        raise translate_failure(_errors(failure), retry_delay=_retry_delay(failure)) from None
    except (api_exceptions.DeadlineExceeded, api_exceptions.ServiceUnavailable) as exc:
        if ambiguous:
            raise PermanentError(
                f"{what}: no answer in time ({type(exc).__name__}); the outcome is unknown — run "
                "`midas plan` again (anything created was labelled and will be adopted)",
                platform=GOOGLE,
                code=OUTCOME_UNKNOWN,
            ) from None
        raise TransientError(f"{what}: {type(exc).__name__}", platform=GOOGLE) from None
    except (api_exceptions.Unauthenticated, api_exceptions.PermissionDenied) as exc:
        raise AuthError(f"{what}: {type(exc).__name__}", platform=GOOGLE, fix=_AUTH_FIX) from None
