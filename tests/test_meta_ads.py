"""The Meta Ads connector over the real ``facebook-business`` SDK, against the local Graph API fake.

Every test runs the SDK's own code path (session, request building, cursors, batches, error objects)
over HTTP to ``tests/fakes/meta_graph_server.py`` on 127.0.0.1, which serves a sandbox world with a
fake clock. The connector contract itself is in ``test_connector_contract.py`` (pair ``meta_ads-fake``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import math
import sys
from collections.abc import Callable
from typing import Any

import pytest
from fakes import MetaGraphFake
from fakes.clock import FakeClock
from fakes.meta_fixtures import META_ACT, META_APP_ID, META_APP_SECRET, META_TOKEN

from midas_reconcile.connectors.base import ReportsUsage, WriteOp
from midas_reconcile.connectors.meta_ads import MetaAdsConnector, MetaCredentials
from midas_reconcile.connectors.sandbox import SandboxWorld
from midas_reconcile.connectors.sandbox.catalog import find_interest, find_region
from midas_reconcile.connectors.sandbox.faults import SandboxLimits
from midas_reconcile.errors import AuthError, PermanentError, TransientError
from midas_reconcile.ratelimit import TokenBucket
from midas_reconcile.resources import MANAGED_MARKER, META, Address

ACT, TOKEN, APP_SECRET, APP_ID = META_ACT, META_TOKEN, META_APP_SECRET, META_APP_ID
PROOF = hmac.new(APP_SECRET.encode(), TOKEN.encode(), hashlib.sha256).hexdigest()
SECRETS = (TOKEN, APP_SECRET, PROOF)

CAMPAIGN = {
    "name": "spring",
    "objective": "OUTCOME_SALES",
    "status": "ACTIVE",
    "special_ad_categories": [],
    "daily_budget": 2500,
    "buying_type": "AUCTION",
    "bid_strategy": "LOWEST_COST_WITHOUT_CAP",
    "adlabels": [MANAGED_MARKER],
}
ADSET = {
    "name": "core",
    "status": "ACTIVE",
    "optimization_goal": "OFFSITE_CONVERSIONS",
    "billing_event": "IMPRESSIONS",
    "promoted_object": {"pixel_id": "424242", "custom_event_type": "PURCHASE"},
    "targeting": {
        "age_max": 54,
        "age_min": 25,
        "geo_locations": {"countries": ["US"]},
        "targeting_automation": {"advantage_audience": 0},
    },
    "adlabels": [MANAGED_MARKER],
}
CREATIVE = {
    "name": "spring/core/hero",
    "title": "Run faster",
    "body": "Light shoes for long runs.",
    "link_url": "https://shop.example/run",
    "call_to_action_type": "SHOP_NOW",
    "adlabels": [MANAGED_MARKER],
}
AD = {"name": "hero", "status": "ACTIVE", "adlabels": [MANAGED_MARKER]}


def a(kind: str, path: str) -> Address:
    return Address(META, "m", kind, path)


def connect(meta_fake: MetaGraphFake, meta_clock: FakeClock, **kwargs: Any) -> MetaAdsConnector:
    options: dict[str, Any] = {
        "account": "m",
        "ad_account_id": ACT,
        "currency": "USD",
        "credentials": MetaCredentials(TOKEN, APP_SECRET, APP_ID),
        "graph_url": meta_fake.url,
        "sleep": meta_clock.sleep,
        "clock": meta_clock,
        **kwargs,
    }
    return MetaAdsConnector(**options)


@pytest.fixture
def connector(meta_fake: MetaGraphFake, meta_clock: FakeClock) -> MetaAdsConnector:
    return connect(meta_fake, meta_clock)


def tree_ops() -> list[WriteOp]:
    return [
        WriteOp("create", a("campaign", "spring"), CAMPAIGN),
        WriteOp("create", a("adset", "spring/core"), ADSET, refs={"campaign": a("campaign", "spring")}),
        WriteOp("create", a("adcreative", "spring/core/hero"), CREATIVE),
        WriteOp(
            "create",
            a("ad", "spring/core/hero"),
            AD,
            refs={"adset": a("adset", "spring/core"), "creative": a("adcreative", "spring/core/hero")},
        ),
    ]


# --- set-up ------------------------------------------------------------------------------------------
def test_the_sdk_is_set_up_without_its_crash_reporter(connector: MetaAdsConnector) -> None:
    from facebook_business.api import FacebookAdsApi
    from facebook_business.crashreporter import CrashReporter

    assert sys.excepthook is sys.__excepthook__
    assert CrashReporter.reporter_instance is None
    assert FacebookAdsApi.get_default_api() is None
    assert connector.graph_url == connector._api._session.GRAPH  # the instance, not the class
    assert isinstance(connector, ReportsUsage)


def test_credentials_need_a_token_and_never_show_their_values() -> None:
    credentials = MetaCredentials.from_values({"access_token": TOKEN, "app_secret": APP_SECRET}, account="m")
    assert TOKEN not in repr(credentials) and APP_SECRET not in repr(credentials)
    with pytest.raises(AuthError, match="no Meta access token") as missing:
        MetaCredentials.from_values({"app_secret": APP_SECRET}, account="m")
    assert "access_token_env" in missing.value.fix
    with pytest.raises(AuthError, match="unknown Meta credential"):
        MetaCredentials.from_values({"access_token": TOKEN, "refresh_token": "x"}, account="m")


# --- reads ---------------------------------------------------------------------------------------------
def test_reads_page_each_edge_with_explicit_fields_and_no_deleted_objects(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    wire = {**CAMPAIGN, "adlabels": [{"name": MANAGED_MARKER}]}
    ids = [meta_fake.sim.create(ACT, "campaigns", {**wire, "name": f"c{i:04d}"})["id"] for i in range(1201)]
    meta_fake.sim.delete(ids[0])
    meta_fake.requests.clear()

    live = connector.read()

    assert [r.platform_id for r in live] == sorted(ids[1:], key=lambda i: f"c{ids.index(i):04d}")
    reads = [r for r in meta_fake.requests if r.path == f"/v26.0/{ACT}/campaigns"]
    assert len(reads) == math.ceil(1200 / 500)
    for request in reads:
        assert request.params["limit"] == "500"
        assert "DELETED" not in request.params["effective_status"]
        assert {"name", "daily_budget", "adlabels"} <= set(request.params["fields"].split(","))
    edges = {r.path.rsplit("/", 1)[-1] for r in meta_fake.requests}
    assert edges == {"campaigns", "adsets", "ads", "adcreatives"}
    assert connector.requests_sent == len(meta_fake.requests) == 3 + 3


def test_a_tree_written_in_one_batch_reads_back_exactly(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    results = connector.write(tree_ops())

    assert [r.ok for r in results] == [True] * 4, [r.error for r in results]
    assert all(r.platform_id and r.platform_id.isdigit() for r in results)
    batches = [r for r in meta_fake.requests if r.batch_size is not None]
    assert [b.batch_size for b in batches] == [4]
    live = {r.address: r for r in connector.read()}
    assert set(live) == {op.address for op in tree_ops()}
    assert all(r.managed for r in live.values())
    campaign = live[a("campaign", "spring")]
    assert campaign.fields == {**CAMPAIGN, "special_ad_categories": []}
    assert live[a("adset", "spring/core")].fields["targeting"] == ADSET["targeting"]
    assert live[a("ad", "spring/core/hero")].refs == {
        "adset": a("adset", "spring/core"),
        "creative": a("adcreative", "spring/core/hero"),
    }


def test_a_failed_request_maps_to_its_op_and_its_dependents(connector: MetaAdsConnector) -> None:
    ops = tree_ops()
    bad_adset = WriteOp(
        "create",
        ops[1].address,
        {**ADSET, "targeting": {"age_min": 12, "geo_locations": {"countries": ["US"]}}},
        refs=ops[1].refs,
    )
    results = connector.write([ops[0], bad_adset, ops[2], ops[3]])

    assert [r.ok for r in results] == [True, False, True, False]
    adset_error, ad_error = results[1].error, results[3].error
    assert isinstance(adset_error, PermanentError) and adset_error.code.startswith("100")
    assert "age" in adset_error.message.lower()
    assert isinstance(ad_error, PermanentError) and "depends on failed operation" in ad_error.message


def test_updates_send_only_the_changed_fields_and_none_clears(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    ids = [r.platform_id for r in connector.write(tree_ops())]
    results = connector.write(
        [
            WriteOp(
                "update",
                a("campaign", "spring"),
                {"daily_budget": 4000, "status": "PAUSED"},
                platform_id=ids[0],
            )
        ]
    )
    assert results[0].ok and results[0].platform_id == ids[0]
    campaign = next(r for r in connector.read() if r.address.kind == "campaign")
    assert (campaign.fields["daily_budget"], campaign.fields["status"]) == (4000, "PAUSED")


def test_more_than_fifty_ops_are_refused_before_anything_is_sent(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    ops = [WriteOp("create", a("campaign", f"c{i}"), {**CAMPAIGN, "name": f"c{i}"}) for i in range(51)]
    with pytest.raises(ValueError, match="at most 50"):
        connector.write(ops)
    assert meta_fake.requests == []


# --- errors --------------------------------------------------------------------------------------------
def test_throttling_is_transient_and_waits_as_long_as_meta_says(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    meta_fake.throttle(1, code=80004, regain_minutes=3)
    with pytest.raises(TransientError) as caught:
        connector.read()
    assert caught.value.code.startswith("80004") and caught.value.retry_after == 180
    assert connector.read() == []  # the throttle is over


def test_a_throttled_batch_is_a_whole_call_transient_error(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    meta_fake.throttle(1, code=613, subcode=None, regain_minutes=0)
    with pytest.raises(TransientError) as caught:
        connector.write(tree_ops())
    assert caught.value.code == "613"
    assert meta_fake.sim.peek(ACT, "campaign") == []


def test_a_refused_token_is_an_auth_error_with_the_fix_and_no_secret(
    meta_fake: MetaGraphFake, meta_clock: FakeClock
) -> None:
    wrong = connect(meta_fake, meta_clock, credentials=MetaCredentials("EAAwrongTokenValue", APP_SECRET))
    with pytest.raises(AuthError) as caught:
        wrong.read()
    assert caught.value.code == "190" and "access token" in caught.value.fix
    assert "EAAwrongTokenValue" not in str(caught.value)


def test_an_unreachable_graph_is_transient_and_never_shows_the_url(meta_clock: FakeClock) -> None:
    closed = connect_unreachable(meta_clock)
    with pytest.raises(TransientError) as caught:
        closed.read()
    assert "cannot reach http://127.0.0.1:9" in str(caught.value)
    assert not any(secret in str(caught.value) for secret in SECRETS)


def connect_unreachable(meta_clock: FakeClock) -> MetaAdsConnector:
    return MetaAdsConnector(
        account="m",
        ad_account_id=ACT,
        currency="USD",
        credentials=MetaCredentials(TOKEN, APP_SECRET),
        graph_url="http://127.0.0.1:9",
        sleep=meta_clock.sleep,
        clock=meta_clock,
        timeout=2,
    )


def test_secrets_never_reach_logs_even_at_debug_level(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    connector.write(tree_ops())
    connector.read()
    meta_fake.throttle(1)
    with pytest.raises(TransientError) as caught:
        connector.read()
    logged = caplog.text
    assert "/v26.0/" in logged  # urllib3 did log the requests …
    assert not any(secret in logged for secret in SECRETS)  # … without the token or the proof
    assert not any(secret in str(caught.value) for secret in SECRETS)


# --- usage and pacing ----------------------------------------------------------------------------------
def test_usage_headers_slow_the_limiter_down_before_meta_throttles(
    make_meta_world: Callable[..., SandboxWorld], meta_clock: FakeClock
) -> None:
    meta_world = make_meta_world(SandboxLimits(meta_calls_per_hour=10))
    with MetaGraphFake(meta_world, access_token=TOKEN, app_secret=APP_SECRET) as meta_fake:
        connector = connect(meta_fake, meta_clock)
        bucket = TokenBucket(10.0, 10, clock=meta_clock, sleep=meta_clock.sleep)
        readings: list[float] = []
        connector.add_usage_listener(readings.append)
        connector.add_usage_listener(bucket.observe_usage)
        connector.read()  # four edge reads: 40 % of a budget of 10 calls
        connector.resolve("interest", ["Running", "Travel", "Yoga", "Hiking"])

    assert readings == sorted(readings) and readings[-1] >= 75
    assert connector.last_usage_pct == readings[-1]
    assert bucket.effective_rate < bucket.rate


# --- names → ids ---------------------------------------------------------------------------------------
def test_names_resolve_through_the_targeting_search(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    running, region = find_interest("Running"), find_region("US-CA")
    assert running is not None and region is not None
    assert connector.resolve("interest", ["running", "No Such Interest"]) == {"running": running.meta_id}
    assert connector.resolve("location", ["US-CA", "California"]) == {
        "US-CA": region.meta_key,
        "California": region.meta_key,
    }
    assert connector.resolve("language", ["it", "xx"]) == {"it": "10"}
    searches = [r for r in meta_fake.requests if r.path == "/v26.0/search"]
    assert [r.params["type"] for r in searches] == ["adinterest"] * 2 + ["adgeolocation"] * 2 + ["adlocale"]


def test_names_near_a_misspelt_interest_come_from_searching_its_words(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    """A name the search finds nothing for is searched again by the first letters of its words: what a spec
    error's "did you mean" picks among. Locations and languages get none (their tables ship with MIDAS)."""
    near = connector.near_names("interest", "Runing shoos")
    assert "Running" in near
    queries = [r.params["q"] for r in meta_fake.requests if r.path == "/v26.0/search"]
    assert queries == ["Runing shoos", "Run", "sho"]
    assert connector.near_names("location", "US-XX") == []


# --- metrics -------------------------------------------------------------------------------------------
def _live_campaign(connector: MetaAdsConnector) -> str:
    results = connector.write(tree_ops())
    assert all(r.ok for r in results)
    return str(results[0].platform_id)


def test_metrics_read_daily_campaign_rows_synchronously(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector
) -> None:
    campaign_id = _live_campaign(connector)
    end = dt.date(2026, 2, 28)
    rows = connector.metrics(end - dt.timedelta(days=29), end)

    assert rows and {r.campaign_id for r in rows} == {campaign_id}
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    assert all(r.platform == META and r.currency == "USD" and r.spend >= 0 for r in rows)
    insights = [r for r in meta_fake.requests if r.path.endswith("/insights")]
    assert [r.method for r in insights] == ["GET"] * len(insights)
    assert insights[0].params["level"] == "campaign" and insights[0].params["time_increment"] == "1"


def test_long_ranges_run_as_an_asynchronous_report(
    meta_fake: MetaGraphFake, connector: MetaAdsConnector, meta_clock: FakeClock
) -> None:
    _live_campaign(connector)
    end = dt.date(2026, 2, 28)
    sync = connector.metrics(end - dt.timedelta(days=29), end)
    meta_fake.requests.clear()

    rows = connector.metrics(end - dt.timedelta(days=119), end)

    assert [r.method for r in meta_fake.requests if r.path == f"/v26.0/{ACT}/insights"] == ["POST"]
    assert {(r.date, r.campaign_id, r.spend) for r in sync} <= {
        (r.date, r.campaign_id, r.spend) for r in rows
    }


def test_a_sync_request_refused_as_too_large_falls_back_to_a_report(
    meta_world: SandboxWorld, meta_clock: FakeClock
) -> None:
    with MetaGraphFake(
        meta_world, access_token=TOKEN, app_secret=APP_SECRET, sync_insights_max_days=60
    ) as fake:
        connector = connect(fake, meta_clock)
        _live_campaign(connector)
        end = dt.date(2026, 2, 28)
        fake.requests.clear()

        rows = connector.metrics(end - dt.timedelta(days=74), end)

        insights = [(r.method, r.status) for r in fake.requests if r.path == f"/v26.0/{ACT}/insights"]
    assert insights == [("GET", 500), ("POST", 200)]
    assert rows
