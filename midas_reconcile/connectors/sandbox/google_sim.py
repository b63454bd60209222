"""A simulated Google Ads API: GoogleAdsService.Mutate and per-resource-type search, on the world.

Resources live under ``customers/{customer_id}/…`` with the API's resource names (``campaigns/{id}``,
``campaignCriteria/{campaign_id}~{criterion_id}``, ``adGroupAds/{ad_group_id}~{ad_id}`` …) and its
snake_case field names (see ``google_schema``). ``mutate`` takes ``MutateOperation``-shaped dicts::

    {"campaign_budget_operation": {"create": {"resource_name": "customers/1/campaignBudgets/-1", …}}}
    {"campaign_operation": {"update": {"resource_name": …, "status": "PAUSED"}, "update_mask": "status"}}
    {"ad_group_operation": {"remove": "customers/1/adGroups/42"}}

with temporary (negative) resource names usable by later operations of the same request,
``partial_failure`` and ``validate_only`` as in the API. Rules enforced (error codes as the API's):
unique campaign names among non-removed campaigns, budget micros > 0 and multiples of 10,000,
required fields, RSA 3–15 headlines ≤ 30 chars and 2–4 descriptions ≤ 90, app campaigns (MULTI_CHANNEL:
their sub type, app setting and goal-matching bidding, no shared budget, location and language criteria
only, untyped ad groups, app ads of 1–5 headlines ≤ 30 chars and 1–5 descriptions ≤ 90 without final
URLs), ad group types that suit their campaign's channel, responsive search ads in Search campaigns only,
immutable fields, removed
resources cannot change, one criterion per id and parent, ≤ 10,000 operations per request.
Quotas: a short-term request token bucket (``RESOURCE_TEMPORARILY_EXHAUSTED``) and daily operations
by access level (``RESOURCE_EXHAUSTED``), each query and each mutated item costing one operation.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Generator, Mapping, Sequence
from typing import Any, Final
from zoneinfo import ZoneInfo

from midas_reconcile.connectors.google_schema import (
    BIDDING_SCHEMES,
    BY_OPERATION,
    CHANNEL_CONTROLS,
    MAX_OPERATIONS_PER_REQUEST,
    RESOURCE_TYPES,
    GoogleAdsError,
    GoogleAdsFailure,
    MutateResponse,
    OpError,
    ResourceType,
    coerce,
    flatten,
    set_path,
    unflatten,
)
from midas_reconcile.connectors.sandbox import google_rules as rules
from midas_reconcile.connectors.sandbox import metrics
from midas_reconcile.connectors.sandbox.catalog import (
    INTERESTS,
    find_interest,
    find_region,
    interest_by_id,
    region_by_id,
)
from midas_reconcile.connectors.sandbox.google_asset_group_rules import check_minimums
from midas_reconcile.connectors.sandbox.google_shopping_rules import check_trees
from midas_reconcile.connectors.sandbox.place_catalog import (
    exact_places,
    find_place,
    google_constant,
    google_place_by_id,
    place_by_id,
)
from midas_reconcile.connectors.sandbox.world import SandboxWorld, Txn, take_tokens
from midas_reconcile.errors import TransientError
from midas_reconcile.resources import GOOGLE
from midas_reconcile.targeting.places import city_or_postal_code, describe_google_place, google_city_entries
from midas_reconcile.targeting.tables import google_language_codes

_PACIFIC: Final = ZoneInfo("America/Los_Angeles")
#: Rows per batch of a streamed search. The API sends up to 10,000 per response message; smaller
#: batches keep what a reader holds at once small.
STREAM_BATCH: Final = 1_000
_ID_BASE: Final = 10_000_000_000


def language_constant_rows() -> list[dict[str, Any]]:
    """Every Google Ads language constant as the API's rows (the shipped table is complete)."""
    return [
        {"resource_name": f"languageConstants/{row['id']}", "id": str(row["id"]), "code": row["google_code"],
         "name": row["name"], "targetable": True}
        for row in google_language_codes()
    ]  # fmt: skip


def customer(customer_id: str) -> str:
    """Customer ids are digits; ``123-456-7890`` is accepted and normalised."""
    return str(customer_id).replace("-", "").strip()


class GoogleAdsSimulator:
    """The Google Ads API of every simulated customer in ``world`` (every public method is one call)."""

    def __init__(self, world: SandboxWorld) -> None:
        self.world = world

    # --- API: mutate --------------------------------------------------------------------------------
    def mutate(
        self,
        customer_id: str,
        operations: Sequence[Mapping[str, Any]],
        *,
        partial_failure: bool = False,
        validate_only: bool = False,
    ) -> MutateResponse:
        """GoogleAdsService.Mutate. Without ``partial_failure`` any failed operation rejects the whole
        request (``GoogleAdsFailure`` listing every error); with it, failed operations get an empty
        result and an entry in ``partial_failure_errors`` while the others are applied.
        ``validate_only`` checks everything, applies nothing and returns no results.
        """
        cid = customer(customer_id)
        counts = Counter(_op_type(op) for op in operations)
        results: list[str | None] = []
        errors: list[GoogleAdsError] = []
        admit = self._admit(cid, len(operations), mutate=True)
        with self.world.api_call(GOOGLE, cid, "write", "mutate", operations=counts, admit=admit) as txn:
            temps: dict[str, str] = {}
            touched: set[str] = set()
            for index, op in enumerate(operations):
                try:
                    with txn.savepoint():
                        name = self._apply(txn, cid, op, temps, touched)
                except OpError as exc:
                    errors.append(GoogleAdsError(exc.code, exc.message, exc.path, index))
                    results.append(None)
                    continue
                results.append(name)
                if partial_failure and not validate_only:
                    txn.op_applied()
            for group, code, message in check_minimums(txn, cid, rules.asset_groups_touched(txn, cid)):
                # The sandbox's choice: the whole request fails (module doc of google_asset_group_rules).
                index = next((i for i, r in enumerate(results) if r == group), len(results) - 1)
                errors.append(GoogleAdsError(code, message, "", index))
                partial_failure = False
            for _ad_group, code, message in check_trees(txn, cid):
                # Google checks a product group tree as a whole when the request ends (its nodes are made
                # with temporary ids, parents first); a broken tree fails the request, the sandbox's choice.
                errors.append(GoogleAdsError(code, message, "listing_group", len(results) - 1))
                partial_failure = False
            if errors and not partial_failure:
                raise GoogleAdsFailure(errors)
            if validate_only:
                txn.discard()
                # v26 MutateGoogleAdsRequest.validate_only: "Mutates only return errors, not results".
                results = [None] * len(results)
            elif not partial_failure:
                # An atomic request commits as a whole: count its operations once it has succeeded.
                for _ in results:
                    txn.op_applied()
        return MutateResponse(results, errors if partial_failure else [])

    def _apply(
        self, txn: Txn, cid: str, op: Mapping[str, Any], temps: dict[str, str], touched: set[str]
    ) -> str:
        if not isinstance(op, Mapping) or len(op) != 1:
            raise OpError(
                "request_error.INVALID_INPUT", "each operation must hold exactly one resource operation"
            )
        ((key, body),) = op.items()
        type_ = BY_OPERATION.get(key)
        if type_ is None or not isinstance(body, Mapping):
            raise OpError("request_error.INVALID_INPUT", f"unknown operation {key!r}")
        actions = [a for a in ("create", "update", "remove") if a in body]
        if len(actions) != 1:
            raise OpError("request_error.INVALID_INPUT", f"{key} needs exactly one of create, update, remove")
        action = actions[0]
        try:
            if action == "create":
                return self._create(txn, cid, type_, body["create"], temps)
            if action == "update":
                return self._update(txn, cid, type_, body["update"], body.get("update_mask"), temps, touched)
            return self._remove(txn, cid, type_, body["remove"], temps, touched)
        except OpError as exc:
            exc.path = f"{action}.{exc.path}" if exc.path else action
            raise

    def _create(self, txn: Txn, cid: str, type_: ResourceType, obj: Any, temps: dict[str, str]) -> str:
        leaves = flatten(obj, type_)
        temp = leaves.pop("resource_name", None)
        if temp is not None and not _is_temp(temp, cid, type_.collection):
            raise OpError(
                "field_error.VALUE_MUST_BE_UNSET",
                f"a created {type_.name} may only carry a temporary (negative) resource name",
                "resource_name",
            )
        for path in leaves:
            if path in type_.output_only:
                raise OpError("field_error.VALUE_MUST_BE_UNSET", f"{path} is set by the server", path)
        data = unflatten({p: self._value(cid, type_, p, v, temps) for p, v in leaves.items()})
        stored = rules.create(txn, cid, type_, data, self._next_id)
        name = stored["resource_name"]
        if temp is not None:
            temps[temp] = name
        return str(name)

    def _update(
        self,
        txn: Txn,
        cid: str,
        type_: ResourceType,
        obj: Any,
        mask: Any,
        temps: dict[str, str],
        touched: set[str],
    ) -> str:
        if not type_.statusful and not type_.updatable:
            raise OpError(
                "mutate_error.MUTATE_NOT_ALLOWED", f"{type_.name} cannot be updated; remove and create"
            )
        leaves = flatten(obj, type_)
        name = self._resolve(cid, leaves.pop("resource_name", None), type_.collection, temps, "resource_name")
        current = self._existing(txn, cid, type_, name, touched)
        paths = [
            p.strip() for p in (mask.split(",") if isinstance(mask, str) else list(mask or [])) if p.strip()
        ]
        if not paths:
            raise OpError("field_mask_error.FIELD_MASK_MISSING", "an update needs a non-empty update_mask")
        data = copy.deepcopy(current)
        for path in paths:
            if path in type_.messages:
                raise OpError(
                    "field_mask_error.FIELD_HAS_SUBFIELDS", f"{path} has subfields; name its leaves", path
                )
            if path in type_.output_only:
                raise OpError("mutate_error.RESOURCE_READ_ONLY", f"{path} is set by the server", path)
            leaf = type_.leaves.get(path)
            if leaf is None:
                raise OpError(
                    "field_mask_error.FIELD_NOT_FOUND", f"{path} is not a field of {type_.name}", path
                )
            if not leaf.mutable:
                raise OpError("field_error.IMMUTABLE_FIELD", f"{path} cannot be changed after creation", path)
            value = leaves.get(path)
            value = None if value is None else self._value(cid, type_, path, value, temps)
            scheme = path.split(".", 1)[0]
            if scheme in BIDDING_SCHEMES:
                for other in BIDDING_SCHEMES:
                    if other != scheme:
                        data.pop(other, None)
            if path.startswith(f"{CHANNEL_CONTROLS}."):  # a oneof too: one member set clears the other
                member = path[len(CHANNEL_CONTROLS) + 1 :].split(".", 1)[0]
                controls = data.get("demand_gen_ad_group_settings", {}).get("channel_controls", {})
                for other in ("channel_strategy", "selected_channels"):
                    if other != member:
                        controls.pop(other, None)
            set_path(data, path, value)
        rules.update(txn, cid, type_, current, data)
        return name

    def _remove(
        self, txn: Txn, cid: str, type_: ResourceType, target: Any, temps: dict[str, str], touched: set[str]
    ) -> str:
        name = self._resolve(cid, target, type_.collection, temps, "")
        current = self._existing(txn, cid, type_, name, touched)
        rules.remove(txn, cid, type_, current)
        return name

    def _existing(
        self, txn: Txn, cid: str, type_: ResourceType, name: str, touched: set[str]
    ) -> dict[str, Any]:
        if name in touched:
            raise OpError(
                "mutate_error.ID_EXISTS_IN_MULTIPLE_MUTATES", f"{name} is mutated twice in one request"
            )
        touched.add(name)
        found = txn.get(GOOGLE, cid, type_.name, name.rsplit("/", 1)[1])
        if found is None:
            raise OpError("mutate_error.RESOURCE_NOT_FOUND", f"{name} was not found")
        if type_.statusful and found.status == "REMOVED":
            raise OpError(
                "operation_access_denied_error.OPERATION_NOT_PERMITTED_FOR_REMOVED_RESOURCE",
                f"{name} is removed; removal is final",
            )
        return found.data

    def _value(self, cid: str, type_: ResourceType, path: str, value: Any, temps: dict[str, str]) -> Any:
        if path in type_.messages:
            return {}
        leaf = type_.leaves[path]
        value = coerce(path, leaf, value)
        if leaf.kind == "resource":
            value = self._resolve(cid, value, leaf.collection, temps, path)
        elif leaf.kind == "media_assets":
            # An ad may name an asset an earlier operation of its request creates (the SDK's example
            # add_demand_gen_campaign.py makes its video asset and its ad in one request); other names are
            # the ad rules' to check.
            value = [
                {"asset": self._resolve(cid, v["asset"], "assets", temps, path)}
                if _is_temp(v["asset"], cid, "assets")
                else v
                for v in value
            ]
        return value

    def _resolve(self, cid: str, name: Any, collection: str, temps: dict[str, str], path: str) -> str:
        if not isinstance(name, str) or not name:
            raise OpError("field_error.REQUIRED", f"{path or 'resource name'} is required", path)
        # A temporary criterion name is ``<ad group id>~-<n>`` (the ad group's temporary id in a validation).
        match = re.fullmatch(rf"customers/(\d+)/{collection}/(-?[\d~]+|[\d~]+[A-Z_]+|-?\d+~-\d+)", name)
        if match is None or match.group(1) != cid:
            raise OpError(
                "mutate_error.RESOURCE_NOT_FOUND", f"{name} is not a {collection} resource of {cid}", path
            )
        if match.group(2).startswith("-") or "~-" in match.group(2):
            if name not in temps:
                raise OpError(
                    "mutate_error.RESOURCE_NOT_FOUND",
                    f"temporary resource name {name} does not name a resource created by an earlier "
                    "successful operation of this request",
                    path,
                )
            return temps[name]
        return name

    def _next_id(self, txn: Txn) -> str:
        return str(txn.next_value("google:id", start=_ID_BASE + 1))

    # --- API: reads ---------------------------------------------------------------------------------
    def search(
        self,
        customer_id: str,
        resource_type: str,
        *,
        ids: Sequence[str] | None = None,
        include_removed: bool = False,
    ) -> list[dict[str, Any]]:
        """Every object of one resource type (one query, one operation), in creation order.

        ``ids`` restricts to those ids (``123`` or ``123~456``). REMOVED objects are left out unless
        ``include_removed``. Campaigns and ad groups carry ``labels`` (enabled label resource names).
        """
        cid = customer(customer_id)
        if resource_type not in RESOURCE_TYPES:
            raise GoogleAdsFailure(
                [GoogleAdsError("query_error.INVALID_RESOURCE_NAME", f"unknown resource {resource_type!r}")]
            )
        with self.world.api_call(GOOGLE, cid, "read", resource_type, admit=self._admit(cid, 1)) as txn:
            return rules.rows(txn, cid, resource_type, ids=ids, include_removed=include_removed)

    def search_stream(
        self, customer_id: str, resource_type: str
    ) -> Generator[list[dict[str, Any]], None, None]:
        """GoogleAdsService.SearchStream: every non-removed object of one resource type, in creation
        order, as ``search`` returns them, in batches of ``STREAM_BATCH`` rows. One query, counted,
        paced and faulted as ``search`` is, when iteration starts; the caller holds one batch at a
        time. The call's transaction stays open until the last batch is taken or the stream closed."""
        cid = customer(customer_id)
        if resource_type not in RESOURCE_TYPES:
            raise GoogleAdsFailure(
                [GoogleAdsError("query_error.INVALID_RESOURCE_NAME", f"unknown resource {resource_type!r}")]
            )
        with self.world.api_call(GOOGLE, cid, "read", resource_type, admit=self._admit(cid, 1)) as txn:
            yield from rules.row_batches(txn, cid, resource_type, STREAM_BATCH)

    def peek(
        self, customer_id: str, resource_type: str, *, include_removed: bool = False
    ) -> list[dict[str, Any]]:
        """Like ``search`` but out of band (console, tests): not counted, no faults, no quota."""
        with self.world.transaction() as txn:
            return rules.rows(
                txn, customer(customer_id), resource_type, ids=None, include_removed=include_removed
            )

    def add_console_campaign(self, customer_id: str, name: str, channel: str, amount_micros: int) -> str:
        """A campaign built in the Google Ads UI, not through the API (not counted, none of its checks):
        the campaigns the API cannot make, a Video campaign above all (``google_rules.console_campaign``).
        Returns its id; raises ``OpError`` for a name in use."""
        with self.world.transaction() as txn:
            return rules.console_campaign(
                txn, customer(customer_id), name, channel, amount_micros, self._next_id
            )

    def suggest_geo_target_constants(self, customer_id: str, names: Sequence[str]) -> list[dict[str, Any]]:
        """GeoTargetConstantService.SuggestGeoTargetConstants for region codes or names, and cities and
        postal codes by their entries (``San Francisco, US-CA``: the one constant) or by their bare names
        or codes (every one that matches, as the API suggests candidates)."""
        cid = customer(customer_id)
        out = []
        with self.world.api_call(GOOGLE, cid, "read", "geo_target_constant", admit=self._admit(cid, 1)):
            for name in names:
                region = find_region(name)
                if region is not None:
                    out.append(
                        {
                            "search_term": name,
                            "geo_target_constant": {
                                "resource_name": f"geoTargetConstants/{region.google_id}",
                                "id": region.google_id,
                                "name": region.name,
                                "country_code": region.country,
                                "target_type": "State",
                                "status": "ENABLED",
                            },
                        }
                    )
                    continue
                place = find_place(name)
                matched = [place] if place is not None else exact_places(name)
                out += [{"search_term": name, "geo_target_constant": google_constant(p)} for p in matched]
        return out

    def city_entries(self, customer_id: str, name: str) -> list[str]:
        """SuggestGeoTargetConstants for the name of the city ``name`` writes, within its country: the
        entries of the cities so named there."""
        place = city_or_postal_code(name)
        if place is None or place.kind != "city":
            return []
        cid = customer(customer_id)
        with self.world.api_call(GOOGLE, cid, "read", "geo_target_constant", admit=self._admit(cid, 1)):
            return google_city_entries(place, [google_constant(p) for p in exact_places(place.name)])

    def location_entries(self, customer_id: str, ids: Sequence[str]) -> dict[str, str]:
        """``SELECT geo_target_constant … WHERE geo_target_constant.id IN (…)``, as entries of the spec
        language (ISO 3166-2 codes, cities, postal codes), and what places of other kinds are (``Austin
        County, US-TX (County)``: ``describe_google_place``)."""
        cid = customer(customer_id)
        out: dict[str, str] = {}
        with self.world.api_call(GOOGLE, cid, "read", "geo_target_constant", admit=self._admit(cid, 1)):
            for i in ids:
                region, place, other = region_by_id(GOOGLE, i), place_by_id(GOOGLE, i), google_place_by_id(i)
                if region is not None or place is not None:
                    out[i] = region.code if region is not None else place.entry  # type: ignore[union-attr]
                elif other is not None and (described := describe_google_place(google_constant(other))):
                    out[i] = described
        return out

    def user_interest_names(self, customer_id: str, ids: Sequence[str]) -> dict[str, str]:
        """``SELECT user_interest … WHERE user_interest.user_interest_id IN (…)``."""
        cid = customer(customer_id)
        with self.world.api_call(GOOGLE, cid, "read", "user_interest", admit=self._admit(cid, 1)):
            return {i: interest.name for i in ids if (interest := interest_by_id(GOOGLE, i)) is not None}

    def search_user_interests(self, customer_id: str, names: Sequence[str]) -> list[dict[str, Any]]:
        """``SELECT user_interest … WHERE user_interest.name IN (…)`` (case-insensitive here)."""
        cid = customer(customer_id)
        out = []
        with self.world.api_call(GOOGLE, cid, "read", "user_interest", admit=self._admit(cid, 1)):
            for name in names:
                interest = find_interest(name)
                if interest is not None:
                    out.append(
                        {
                            "resource_name": f"customers/{cid}/userInterests/{interest.google_id}",
                            "user_interest_id": interest.google_id,
                            "name": interest.name,
                        }
                    )
        return out

    def user_interest_catalog(self, customer_id: str) -> list[str]:
        """``SELECT user_interest.name FROM user_interest``."""
        cid = customer(customer_id)
        with self.world.api_call(GOOGLE, cid, "read", "user_interest", admit=self._admit(cid, 1)):
            return [interest.name for interest in INTERESTS]

    def search_language_constants(self, customer_id: str, codes: Sequence[str]) -> list[dict[str, Any]]:
        """``SELECT language_constant … WHERE language_constant.code IN (…)`` (Google's own codes)."""
        wanted = set(codes)
        cid = customer(customer_id)
        with self.world.api_call(GOOGLE, cid, "read", "language_constant", admit=self._admit(cid, 1)):
            return [row for row in language_constant_rows() if row["code"] in wanted]

    def campaign_metrics(self, customer_id: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
        """One query for daily campaign metrics (``segments.date`` between start and end; days without
        delivery have no row), rows as
        ``{"campaign": {id, name, resource_name, status}, "segments": {"date"}, "metrics": {impressions,
        clicks, cost_micros, conversions, conversions_value}}``; conversions and value are Decimals."""
        cid = customer(customer_id)
        currency = self.world.account_info(GOOGLE, cid).currency
        with self.world.api_call(GOOGLE, cid, "read", "campaign_metrics", admit=self._admit(cid, 1)) as txn:
            inputs = rules.metric_inputs(txn, cid)
        rows = []
        for day in metrics.date_range(start, end):
            for campaign, budget, breadth, window in inputs:
                active = campaign["status"] == "ENABLED" and metrics.in_window(day, *window)
                perf = metrics.daily_performance(
                    GOOGLE,
                    campaign["id"],
                    day,
                    daily_budget=budget,
                    breadth=breadth,
                    active=active,
                    currency=currency,
                )
                if not perf.impressions:
                    continue  # like the API: no row for a day without delivery
                rows.append(
                    {
                        "campaign": {k: campaign[k] for k in ("id", "name", "resource_name", "status")},
                        "segments": {"date": day.isoformat()},
                        "metrics": {
                            "impressions": perf.impressions,
                            "clicks": perf.clicks,
                            "cost_micros": int(perf.spend * 1_000_000),
                            "conversions": perf.conversions,
                            "conversions_value": perf.conversion_value,
                        },
                    }
                )
        return rows

    # --- quotas -------------------------------------------------------------------------------------
    def _admit(self, cid: str, operations: int, *, mutate: bool = False) -> Callable[[Txn], None]:
        limits = self.world.limits

        def admit(txn: Txn) -> None:
            if mutate and operations > MAX_OPERATIONS_PER_REQUEST:
                raise GoogleAdsFailure(
                    [
                        GoogleAdsError(
                            "request_error.TOO_MANY_MUTATE_OPERATIONS",
                            f"a mutate request may hold at most {MAX_OPERATIONS_PER_REQUEST} operations; "
                            f"this one holds {operations}",
                        )
                    ]
                )
            info = self.world.account_info(GOOGLE, cid)
            daily_limit = limits.google_daily_operations.get(info.access_level)
            day, reset_at = _pacific_day(txn.now)
            key = f"google:{cid}:operations"
            used = txn.daily_used(key, day)
            if daily_limit is not None and used + operations > daily_limit:
                wait = max(1.0, reset_at.timestamp() - txn.now)
                raise TransientError(
                    f"the daily operation quota of customer {cid} is spent ({used} of {daily_limit} "
                    f"operations used today at the {info.access_level} access level; this request needs "
                    f"{operations}); it resets at midnight Pacific time, {reset_at.isoformat()} "
                    f"(in {wait / 3600:.1f} h)",
                    platform=GOOGLE,
                    code="quota_error.RESOURCE_EXHAUSTED",
                    retry_after=wait,
                )
            wait = take_tokens(
                txn,
                f"google:{cid}:requests",
                rate=limits.google_requests_per_second,
                burst=limits.google_burst,
            )
            if wait:
                raise TransientError(
                    f"too many requests for customer {cid}; retry in {wait:.2f} s",
                    platform=GOOGLE,
                    code="quota_error.RESOURCE_TEMPORARILY_EXHAUSTED",
                    retry_after=wait,
                )
            txn.add_daily(key, day, operations)

        return admit


def _pacific_day(now: float) -> tuple[str, dt.datetime]:
    """Google's quota day (Pacific time) and when it ends."""
    local = dt.datetime.fromtimestamp(now, tz=_PACIFIC)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0), tzinfo=_PACIFIC)
    return local.date().isoformat(), midnight


def _op_type(op: Any) -> str:
    if isinstance(op, Mapping) and len(op) == 1:
        key = next(iter(op))
        if key in BY_OPERATION:
            return BY_OPERATION[key].name
    return "invalid"


def _is_temp(name: Any, cid: str, collection: str) -> bool:
    return (
        isinstance(name, str)
        and re.fullmatch(rf"customers/{cid}/{collection}/(-?\d+~)?-\d+", name) is not None
    )
