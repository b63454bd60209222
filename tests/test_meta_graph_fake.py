"""The Graph API fake, driven only through the real ``facebook-business`` SDK.

Each test serves a fresh sandbox world (fake clock, no sleeps) on 127.0.0.1 and talks to it through a
``FacebookSession`` whose instance ``GRAPH`` points at the fake, as the real Meta connector will.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import math
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from facebook_business.adobjects.adaccount import AdAccount
from facebook_business.adobjects.adreportrun import AdReportRun
from facebook_business.adobjects.adset import AdSet
from facebook_business.adobjects.campaign import Campaign
from facebook_business.api import FacebookAdsApi, FacebookResponse
from facebook_business.exceptions import FacebookRequestError
from facebook_business.session import FacebookSession
from fakes import MetaGraphFake
from fakes.clock import FakeClock
from fakes.meta_fixtures import META_ACCOUNT_ID, META_ACT, META_APP_ID, META_APP_SECRET, META_TOKEN

from midas_reconcile.connectors.meta_graph import INSIGHT_FIELDS
from midas_reconcile.connectors.sandbox import SandboxWorld
from midas_reconcile.connectors.sandbox.catalog import find_interest, find_region
from midas_reconcile.connectors.sandbox.faults import SandboxLimits
from midas_reconcile.resources import META

ACCOUNT, ACT, TOKEN, APP_SECRET, APP_ID = META_ACCOUNT_ID, META_ACT, META_TOKEN, META_APP_SECRET, META_APP_ID
CAMPAIGN = {
    "name": "Spring",
    "objective": "OUTCOME_SALES",
    "status": "ACTIVE",
    "special_ad_categories": [],
    "daily_budget": 2500,
}
ADSET = {
    "name": "Spring US",
    "optimization_goal": "LINK_CLICKS",
    "billing_event": "IMPRESSIONS",
    "targeting": {
        "geo_locations": {"countries": ["US"]},
        "age_min": 25,
        "targeting_automation": {"advantage_audience": 0},
    },
    "status": "PAUSED",
}


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


@pytest.fixture
def connect(meta_fake: MetaGraphFake) -> Iterator[Callable[..., FacebookAdsApi]]:
    """Opens SDK sessions on the meta_fake (closed after the test)."""
    sessions: list[FacebookSession] = []

    def open_api(
        token: str | None = TOKEN,
        secret: str | None = APP_SECRET,
        server: MetaGraphFake | None = None,
        version: str = "v26.0",
    ) -> FacebookAdsApi:
        session = FacebookSession(APP_ID, secret, token)
        session.GRAPH = (server or meta_fake).url
        sessions.append(session)
        return FacebookAdsApi(session, api_version=version)

    yield open_api
    for session in sessions:
        session.requests.close()


@pytest.fixture
def api(connect: Callable[..., FacebookAdsApi]) -> FacebookAdsApi:
    return connect()


def _graph_error(call: Callable[[], Any]) -> FacebookRequestError:
    with pytest.raises(FacebookRequestError) as info:
        call()
    return info.value


def _usage(headers: Any) -> dict[str, Any]:
    """The ad account's entry of ``x-business-use-case-usage``."""
    entries = json.loads(headers["x-business-use-case-usage"])[ACCOUNT]
    assert len(entries) == 1
    return dict(entries[0])


def _campaign(meta_fake: MetaGraphFake, **changes: Any) -> str:
    params = {**CAMPAIGN, "special_ad_categories": "[]", **changes}
    return str(meta_fake.sim.create(ACT, "campaigns", params)["id"])


def _window(days: int, until: dt.date = dt.date(2026, 2, 28)) -> dict[str, str]:
    return {"since": (until - dt.timedelta(days=days - 1)).isoformat(), "until": until.isoformat()}


def _insight_params(window: dict[str, str], **more: Any) -> dict[str, Any]:
    return {"level": "campaign", "time_increment": 1, "time_range": window, **more}


def _expected_rows(meta_fake: MetaGraphFake, window: dict[str, str]) -> list[dict[str, Any]]:
    since, until = (dt.date.fromisoformat(window[k]) for k in ("since", "until"))
    rows = meta_fake.sim.insights(ACT, since, until)["data"]
    return [{k: v for k, v in row.items() if k not in ("account_id", "account_currency")} for row in rows]


# --- edges and pagination ---------------------------------------------------------------------------
def test_cursor_pages_through_1200_campaigns_500_at_a_time(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    names = [f"c{i:04d}" for i in range(1200)]
    for name in names:
        _campaign(meta_fake, name=name, status="PAUSED")

    campaigns = list(AdAccount(ACT, api=api).get_campaigns(fields=["name", "status"], params={"limit": 500}))

    assert [c["name"] for c in campaigns] == names
    assert {c["status"] for c in campaigns} == {"PAUSED"}
    pages = [r for r in meta_fake.requests if r.path == f"/v26.0/{ACT}/campaigns"]
    assert [r.params["limit"] for r in pages] == ["500"] * 3
    assert "after" not in pages[0].params and all(r.params["after"] for r in pages[1:])


def test_paging_next_is_a_full_graph_url_that_can_be_followed(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    ids = [_campaign(meta_fake, name=f"c{i}") for i in range(5)]

    first = api.call("GET", (ACT, "campaigns"), params={"fields": "name", "limit": 2}).json()
    next_url = first["paging"]["next"]
    query = parse_qs(urlsplit(next_url).query)
    second = api.call("GET", next_url).json()  # a string path is fetched as is

    assert next_url.startswith(f"{meta_fake.url}/v26.0/{ACT}/campaigns?")
    assert query["after"] == [first["paging"]["cursors"]["after"]]
    assert query["access_token"] == [TOKEN] and query["fields"] == ["name"]
    assert [c["id"] for c in first["data"] + second["data"]] == ids[:4]


def test_edges_filter_on_effective_status_and_hide_deleted_by_default(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    kept, deleted = _campaign(meta_fake, name="kept"), _campaign(meta_fake, name="gone")
    meta_fake.sim.delete(deleted)
    account = AdAccount(ACT, api=api)

    default = [c["id"] for c in account.get_campaigns(fields=["name"])]
    only_deleted = [c["id"] for c in account.get_campaigns(params={"effective_status": ["DELETED"]})]

    assert default == [kept]
    assert only_deleted == [deleted]
    assert meta_fake.requests[-1].params["effective_status"] == '["DELETED"]'


# --- nodes ------------------------------------------------------------------------------------------
def test_create_read_update_delete_round_trip(meta_fake: MetaGraphFake, api: FacebookAdsApi) -> None:
    created = AdAccount(ACT, api=api).create_campaign(params=CAMPAIGN)
    campaign = Campaign(created["id"], api=api)

    read = campaign.api_get(fields=["name", "status", "daily_budget", "special_ad_categories"])
    campaign.api_update(params={"name": "Spring (renamed)", "status": "PAUSED"})
    updated = Campaign(created["id"], api=api).api_get(fields=["name", "effective_status"])
    campaign.api_delete()
    deleted = Campaign(created["id"], api=api).api_get(fields=["status"])
    edit_deleted = _graph_error(lambda: campaign.api_update(params={"name": "again"}))

    assert read["daily_budget"] == "2500"  # budgets read back as strings, as Graph sends them
    assert read["special_ad_categories"] == [] and read["status"] == "ACTIVE"
    assert (updated["name"], updated["effective_status"]) == ("Spring (renamed)", "PAUSED")
    assert deleted["status"] == "DELETED"
    assert (edit_deleted.api_error_code(), edit_deleted.api_error_subcode()) == (100, 33)
    writes = [(r.method, r.path) for r in meta_fake.requests if r.method != "GET"]
    assert writes == [
        ("POST", f"/v26.0/{ACT}/campaigns"),
        ("POST", f"/v26.0/{created['id']}/"),
        ("DELETE", f"/v26.0/{created['id']}/"),
        ("POST", f"/v26.0/{created['id']}/"),
    ]


def test_a_read_without_fields_returns_only_the_id(meta_fake: MetaGraphFake, api: FacebookAdsApi) -> None:
    campaign_id = _campaign(meta_fake)

    assert api.call("GET", (campaign_id,)).json() == {"id": campaign_id}
    assert api.call("GET", (ACT, "campaigns")).json()["data"] == [{"id": campaign_id}]


def test_validation_errors_arrive_as_graph_errors(api: FacebookAdsApi) -> None:
    params = {k: v for k, v in CAMPAIGN.items() if k != "special_ad_categories"}

    error = _graph_error(lambda: AdAccount(ACT, api=api).create_campaign(params=params))

    assert error.http_status() == 400
    assert (error.api_error_code(), error.api_error_subcode()) == (100, 2446289)
    assert error.api_error_type() == "OAuthException" and error.api_transient_error() is False
    assert error.api_blame_field_specs() == [["special_ad_categories"]]
    assert error.body()["error"]["fbtrace_id"]


def test_an_app_install_ad_set_needs_its_app_and_keeps_it(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    """Meta's refusals, as the SDK raises them: no promoted app ("Promoted Object Is Missing"), then
    another app for an ad set that has one ("Can't Make Edits to Published Ad Set")."""
    campaign = _campaign(meta_fake, objective="OUTCOME_APP_PROMOTION")
    account = AdAccount(ACT, api=api)
    app_adset = {
        **ADSET,
        "campaign_id": campaign,
        "optimization_goal": "APP_INSTALLS",
        "targeting": {**ADSET["targeting"], "user_os": ["iOS"]},
    }
    store = "https://apps.apple.com/app/id284882215"

    missing = _graph_error(lambda: account.create_ad_set(params=app_adset))
    created = account.create_ad_set(
        params={**app_adset, "promoted_object": {"application_id": "42", "object_store_url": store}}
    )
    moved = _graph_error(
        lambda: AdSet(created["id"], api=api).api_update(
            params={"promoted_object": {"application_id": "43", "object_store_url": store}}
        )
    )
    read = AdSet(created["id"], api=api).api_get(fields=["promoted_object"])

    assert (missing.api_error_code(), missing.api_error_subcode()) == (100, 1815430)
    assert missing.api_blame_field_specs() == [["promoted_object"]]
    assert "Promoted Object Is Missing" in missing.api_error_message()
    assert (moved.api_error_code(), moved.api_error_subcode()) == (100, 3260011)
    assert read["promoted_object"].export_all_data() == {"application_id": "42", "object_store_url": store}


def test_a_conversion_ad_set_counts_a_custom_conversion_by_its_id_alone(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    """The promoted object passes through the wire as sent and reads back; a pixel's event beside the
    custom conversion is refused, blamed on the promoted object."""
    counting = {**ADSET, "campaign_id": _campaign(meta_fake), "optimization_goal": "OFFSITE_CONVERSIONS"}
    account = AdAccount(ACT, api=api)

    created = account.create_ad_set(
        params={**counting, "promoted_object": {"custom_conversion_id": "5550001"}}
    )
    beside = _graph_error(
        lambda: account.create_ad_set(
            params={
                **counting,
                "name": "Spring both",
                "promoted_object": {"custom_conversion_id": "5550001", "pixel_id": "7"},
            }
        )
    )
    read = AdSet(created["id"], api=api).api_get(fields=["promoted_object"])

    assert read["promoted_object"].export_all_data() == {"custom_conversion_id": "5550001"}
    assert (beside.api_error_code(), beside.api_error_subcode()) == (100, 1885014)
    assert beside.api_blame_field_specs() == [["promoted_object"]]
    assert "Promoted Object Invalid" in beside.api_error_message()


def test_the_ad_account_node_tells_its_currency(api: FacebookAdsApi) -> None:
    account = AdAccount(ACT, api=api).api_get(fields=["currency", "account_status"])

    assert (account["id"], account["currency"], account["account_status"]) == (ACT, "USD", 1)


@pytest.mark.parametrize(
    "request_",
    [
        pytest.param(lambda api: Campaign("999", api=api).api_get(fields=["name"]), id="unknown-object"),
        pytest.param(
            lambda api: AdAccount("act_424242", api=api).api_get(fields=["currency"]), id="unknown-account"
        ),
        pytest.param(lambda api: api.call("GET", (ACT, "bogus")), id="unknown-edge"),
        pytest.param(lambda api: api.call("DELETE", (ACT, "campaigns")), id="unsupported-method"),
    ],
)
def test_unserved_paths_are_unsupported_requests(
    api: FacebookAdsApi, request_: Callable[[FacebookAdsApi], Any]
) -> None:
    error = _graph_error(lambda: request_(api))

    assert (error.api_error_code(), error.api_error_subcode()) == (100, 33)
    assert error.api_error_type() == "GraphMethodException"
    assert error.api_error_message().startswith("Unsupported ")


def test_another_api_version_is_not_served(connect: Callable[..., FacebookAdsApi]) -> None:
    error = _graph_error(lambda: AdAccount(ACT, api=connect(version="v25.0")).api_get(fields=["currency"]))

    assert (error.api_error_code(), error.api_error_subcode()) == (100, 33)


# --- batches ----------------------------------------------------------------------------------------
def test_batch_callbacks_per_request_and_result_references(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    existing = _campaign(meta_fake, name="existing")
    account = AdAccount(ACT, api=api)
    batch = api.new_batch()
    succeeded: dict[str, dict[str, Any]] = {}
    failed: dict[str, FacebookRequestError] = {}

    def add(label: str, request: Any) -> None:
        def on_success(response: FacebookResponse) -> None:
            succeeded[label] = response.json()

        def on_failure(response: FacebookResponse) -> None:
            failed[label] = response.error()

        # The SDK has no parameter for a batch request's name: it is set on the call it returns.
        batch.add_request(request, success=on_success, failure=on_failure)["name"] = label

    add("campaign", account.create_campaign(params={**CAMPAIGN, "name": "new"}, pending=True))
    add(
        "adset",
        account.create_ad_set(params={**ADSET, "campaign_id": "{result=campaign:$.id}"}, pending=True),
    )
    add(
        "broken",
        account.create_campaign(params={"name": "no objective", "special_ad_categories": []}, pending=True),
    )
    add(
        "orphan", account.create_ad_set(params={**ADSET, "campaign_id": "{result=broken:$.id}"}, pending=True)
    )
    add("read", Campaign(existing, api=api).api_get(fields=["name"], pending=True))

    # Graph omits the answer of a successful named request a later one refers to (unless sent with
    # omit_response_on_success: false): "campaign" answered null, which the SDK hands back to retry.
    retry = batch.execute()
    assert retry is not None and len(retry) == 1

    assert sorted(succeeded) == ["adset", "read"]
    assert sorted(failed) == ["broken", "orphan"]
    assert succeeded["read"] == {"id": existing, "name": "existing"}
    assert failed["broken"].api_error_code() == 100 and "objective" in failed["broken"].api_error_message()
    assert "depends on request 'broken'" in failed["orphan"].api_error_message()
    adset = meta_fake.sim.get(succeeded["adset"]["id"], ["campaign_id", "targeting"])
    assert adset["campaign_id"] in {
        c["id"] for c in meta_fake.sim.peek(ACT, "campaign") if c["name"] == "new"
    }
    assert adset["targeting"]["age_min"] == 25  # the dict travelled JSON-encoded in the form body
    [call] = meta_fake.requests[-1:]
    assert (call.method, call.path, call.batch_size, call.status) == ("POST", "/v26.0/", 5, 200)


def test_a_batch_of_50_runs_and_one_of_51_is_refused(
    meta_fake: MetaGraphFake, meta_world: SandboxWorld, api: FacebookAdsApi
) -> None:
    campaign = Campaign(_campaign(meta_fake), api=api)
    names: list[str] = []

    def batch_of(size: int) -> Any:
        batch = api.new_batch()
        for _ in range(size):
            campaign.api_get(fields=["name"], batch=batch, success=lambda r: names.append(r.json()["name"]))
        return batch

    assert batch_of(50).execute() is None
    calls_before = meta_world.stats()["totals"]
    error = _graph_error(batch_of(51).execute)

    assert names == ["Spring"] * 50
    assert error.http_status() == 400 and error.api_error_type() == "GraphBatchException"
    assert error.api_error_message() == "Too many requests in batch message. Maximum batch size is 50"
    assert meta_world.stats()["totals"] == calls_before  # refused before anything ran or was counted
    assert meta_fake.requests[-1].batch_size == 51


# --- throttling -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "subcode", "message"),
    [
        (80004, 2446079, "(#80004) There have been too many calls to this ad-account."),
        (613, 1487742, "(#613) Calls to this api have exceeded the rate limit."),
        (17, None, "(#17) User request limit reached"),
    ],
)
def test_throttled_requests_get_the_transient_graph_error_and_the_usage_header(
    meta_fake: MetaGraphFake,
    meta_world: SandboxWorld,
    api: FacebookAdsApi,
    code: int,
    subcode: int | None,
    message: str,
) -> None:
    account = AdAccount(ACT, api=api)
    meta_fake.throttle(2, code=code, subcode=subcode, regain_minutes=7)

    errors = [_graph_error(lambda: account.api_get(fields=["currency"])) for _ in range(2)]
    after = api.call("GET", (ACT,), params={"fields": "currency"})

    for error in errors:
        assert error.api_transient_error() is True and error.http_status() == 400
        assert (error.api_error_code(), error.api_error_subcode()) == (code, subcode)
        assert error.api_error_message().startswith(message)
        usage = _usage(error.http_headers())
        assert usage["type"] == "ads_management" and usage["estimated_time_to_regain_access"] == 7
        assert json.loads(error.http_headers()["x-ad-account-usage"])["reset_time_duration"] == 420
    assert after.json()["currency"] == "USD"
    assert _usage(after.headers())["estimated_time_to_regain_access"] == 0
    assert meta_world.stats()["calls"][META][ACCOUNT]["read"] == {"adaccount": 1}  # throttled calls never ran


def test_the_simulated_rate_limit_is_graphs_80004_until_the_hour_rolls_on(
    make_meta_world: Callable[..., SandboxWorld],
    connect: Callable[..., FacebookAdsApi],
    meta_clock: FakeClock,
) -> None:
    meta_world = make_meta_world(SandboxLimits(meta_calls_per_hour=3, meta_calls_per_active_ad=0))
    with MetaGraphFake(meta_world, access_token=TOKEN, app_secret=APP_SECRET) as meta_fake:
        api = connect(server=meta_fake)
        answers = [api.call("GET", (ACT,), params={"fields": "currency"}) for _ in range(2)]
        answers.append(api.call("GET", (ACT, "campaigns")))
        error = _graph_error(lambda: api.call("GET", (ACT, "campaigns")))
        meta_clock.now += 20 * 60  # a third of the hourly budget has drained
        recovered = api.call("GET", (ACT, "campaigns"))

    assert [_usage(a.headers())["call_count"] for a in answers] == [33, 67, 100]
    assert error.api_transient_error() is True
    assert (error.api_error_code(), error.api_error_subcode()) == (80004, 2446079)
    assert _usage(error.http_headers())["estimated_time_to_regain_access"] == 20
    assert recovered.json() == {"data": [], "paging": {}}
    assert meta_fake.unexpected_errors == []


# --- authentication ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("token", "code", "message"),
    [
        ("EAAwrongtoken", 190, "Invalid OAuth access token - Cannot parse access token"),
        (None, 104, "An access token is required to request this resource."),
    ],
)
def test_a_bad_or_missing_access_token_is_refused(
    meta_fake: MetaGraphFake,
    connect: Callable[..., FacebookAdsApi],
    token: str | None,
    code: int,
    message: str,
) -> None:
    api = connect(token=token, secret=APP_SECRET if token else None)

    error = _graph_error(lambda: AdAccount(ACT, api=api).api_get(fields=["currency"]))

    assert (error.api_error_code(), error.api_error_type(), error.api_error_message()) == (
        code,
        "OAuthException",
        message,
    )
    assert meta_fake.requests[-1].status == 400


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        ("another-app-secret", "Invalid appsecret_proof provided in the API argument"),
        (None, "API calls from the server require an appsecret_proof argument"),
    ],
)
def test_a_wrong_or_missing_appsecret_proof_is_refused(
    connect: Callable[..., FacebookAdsApi], secret: str | None, message: str
) -> None:
    error = _graph_error(lambda: AdAccount(ACT, api=connect(secret=secret)).api_get(fields=["currency"]))

    assert (error.api_error_code(), error.api_error_type()) == (100, "GraphMethodException")
    assert error.api_error_message() == message


def test_without_an_app_secret_no_proof_is_needed(
    meta_world: SandboxWorld, connect: Callable[..., FacebookAdsApi]
) -> None:
    with MetaGraphFake(meta_world, access_token=TOKEN) as meta_fake:
        account = AdAccount(ACT, api=connect(secret=None, server=meta_fake)).api_get(fields=["currency"])

    assert account["currency"] == "USD"


def test_recorded_requests_never_hold_the_token_or_the_proof(
    meta_fake: MetaGraphFake, connect: Callable[..., FacebookAdsApi], api: FacebookAdsApi
) -> None:
    proof = hmac.new(APP_SECRET.encode(), TOKEN.encode(), hashlib.sha256).hexdigest()
    account = AdAccount(ACT, api=api)
    created = account.create_campaign(params=CAMPAIGN)
    batch = api.new_batch()
    Campaign(created["id"], api=api).api_get(fields=["name"], batch=batch)
    batch.execute()
    api.call("GET", ("search",), params={"type": "adinterest", "q": TOKEN})
    _graph_error(lambda: AdAccount(ACT, api=connect(token="EAAleaked")).api_get(fields=["currency"]))

    recorded = repr(meta_fake.requests)
    assert len(meta_fake.requests) == 4
    for secret in (TOKEN, proof, "EAAleaked"):
        assert secret not in recorded
    assert not any({"access_token", "appsecret_proof"} & set(r.params) for r in meta_fake.requests)
    assert meta_fake.requests[2].params["q"] == "[redacted]"


# --- usage headers ----------------------------------------------------------------------------------
def test_every_response_carries_the_three_usage_headers(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    ok = api.call("GET", (ACT,), params={"fields": "currency"})
    batch = api.call("POST", (), params={"batch": [{"method": "GET", "relative_url": f"{ACT}/campaigns"}]})
    error = _graph_error(lambda: api.call("GET", ("999",)))

    for headers in (ok.headers(), batch.headers(), error.http_headers()):
        usage = _usage(headers)
        assert set(usage) == {
            "type", "call_count", "total_cputime", "total_time", "estimated_time_to_regain_access",
        }  # fmt: skip
        assert set(json.loads(headers["x-ad-account-usage"])) == {
            "acc_id_util_pct", "reset_time_duration", "ads_api_access_tier",
        }  # fmt: skip
        assert set(json.loads(headers["x-app-usage"])) == {"call_count", "total_cputime", "total_time"}
    assert batch.json()[0]["code"] == 200


# --- insights ---------------------------------------------------------------------------------------
def test_synchronous_insights_page_through_daily_campaign_rows(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    for name in ("a", "b"):
        _campaign(meta_fake, name=name)
    window = _window(10)

    rows = AdAccount(ACT, api=api).get_insights(
        fields=INSIGHT_FIELDS, params=_insight_params(window, limit=7)
    )
    rows = [row.export_all_data() for row in rows]

    expected = _expected_rows(meta_fake, window)
    assert rows == expected and len(rows) == 20
    assert all(isinstance(row[k], str) for row in rows for k in ("impressions", "clicks", "spend"))
    assert all(a["action_type"] == "purchase" for row in rows for a in row.get("actions", []))
    requests = [r for r in meta_fake.requests if r.path == f"/v26.0/{ACT}/insights"]
    assert len(requests) == math.ceil(20 / 7)


def test_too_large_synchronous_insights_are_refused_and_the_async_report_serves_them(
    meta_fake: MetaGraphFake, api: FacebookAdsApi
) -> None:
    _campaign(meta_fake)
    account = AdAccount(ACT, api=api)
    largest, too_large = _window(93), _window(94)

    served = list(account.get_insights(fields=["spend"], params=_insight_params(largest, limit=500)))
    error = _graph_error(
        lambda: list(account.get_insights(fields=["spend"], params=_insight_params(too_large)))
    )
    job = account.get_insights(fields=INSIGHT_FIELDS, params=_insight_params(too_large), is_async=True)
    job.api_get()
    rows = [row.export_all_data() for row in job.get_result(params={"limit": 40})]

    assert len(served) == 93
    assert (error.http_status(), error.api_error_code(), error.api_transient_error()) == (500, 1, False)
    assert (
        error.api_error_message()
        == "Please reduce the amount of data you're asking for, then retry your request"
    )
    assert isinstance(job, AdReportRun)
    assert job[AdReportRun.Field.async_status] == "Job Completed"
    assert job[AdReportRun.Field.async_percent_completion] == 100
    assert rows == _expected_rows(meta_fake, too_large) and len(rows) == 94
    paths = [(r.method, r.path) for r in meta_fake.requests][-5:]
    assert paths[0] == ("POST", f"/v26.0/{ACT}/insights")
    assert paths[1:] == [("GET", f"/v26.0/{job['id']}/")] + [("GET", f"/v26.0/{job['id']}/insights")] * 3


def test_unsupported_insights_queries_say_what_the_fake_serves(api: FacebookAdsApi) -> None:
    account = AdAccount(ACT, api=api)

    level = _graph_error(lambda: account.get_insights(params=_insight_params(_window(3), level="ad")))
    with pytest.warns(UserWarning, match="does not allow field nope"):  # the SDK warns, then sends it
        field = _graph_error(
            lambda: account.get_insights(fields=["nope"], params=_insight_params(_window(3)))
        )

    assert level.api_error_code() == 100 and "level=campaign" in level.api_error_message()
    assert field.api_error_code() == 100 and "nope is not valid for fields param" in field.api_error_message()


# --- targeting search -------------------------------------------------------------------------------
def test_targeting_search_finds_locales_interests_and_regions(api: FacebookAdsApi) -> None:
    def search(search_type: str, query: str) -> list[dict[str, Any]]:
        return list(api.call("GET", ("search",), params={"type": search_type, "q": query}).json()["data"])

    english = search("adlocale", "english")
    french = search("adlocale", "French (France)")
    [interest, *_] = search("adinterest", "Running")
    [region, *_] = search("adgeolocation", "California")
    unknown = _graph_error(lambda: search("adplanet", "Mars"))

    assert {"key": 6, "name": "English (US)"} in english and {"key": 24, "name": "English (UK)"} in english
    assert french == [{"key": 9, "name": "French (France)"}]
    running, california = find_interest("Running"), find_region("California")
    assert running is not None and california is not None
    assert interest["id"] == running.meta_id
    assert (region["key"], region["type"]) == (california.meta_key, "region")
    assert unknown.api_error_code() == 100
