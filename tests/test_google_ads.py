"""The Google Ads connector over the real ``google-ads`` SDK, against the local gRPC fake.

The shared contract runs in ``test_connector_contract.py`` (pair ``google_ads-fake``); these tests cover
what is particular to the SDK path: the GAQL it sends, credentials, and errors translated at the boundary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from fakes import GoogleAdsFake
from fakes.google_ads_server import route_google_ads_to
from fakes.google_fixtures import (
    GOOGLE_ACCESS_TOKEN,
    GOOGLE_CUSTOMER_ID,
    GOOGLE_DEVELOPER_TOKEN,
    google_ads_client_for,
)

from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.google_ads import (
    GoogleAdsConnector,
    GoogleAdsCredentials,
    GoogleAdsTransport,
    select_fields,
)
from midas_reconcile.connectors.google_rows import READ_TYPES
from midas_reconcile.connectors.google_schema import RESOURCE_TYPES
from midas_reconcile.connectors.sandbox import SandboxWorld
from midas_reconcile.connectors.sandbox.faults import SandboxLimits
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.errors import AuthError, PermanentError, TransientError
from midas_reconcile.resources import GOOGLE, MANAGED_MARKER, Address

BUDGET = Address(GOOGLE, "g", "campaign_budget", "spring")
CAMPAIGN = Address(GOOGLE, "g", "campaign", "spring")


def connector_for(client: Any, access_level: str = "standard") -> GoogleAdsConnector:
    return GoogleAdsConnector(
        account="g", customer_id=GOOGLE_CUSTOMER_ID, currency="USD", client=client, access_level=access_level
    )


def spring(budget_micros: int = 50_000_000, **campaign: Any) -> list[WriteOp]:
    return [
        WriteOp(
            "create",
            BUDGET,
            {
                "name": "spring",
                "amount_micros": budget_micros,
                "delivery_method": "STANDARD",
                "explicitly_shared": False,
            },
        ),
        WriteOp(
            "create",
            CAMPAIGN,
            {
                "name": "spring",
                "status": "PAUSED",
                "advertising_channel_type": "SEARCH",
                "bidding_strategy_type": "MAXIMIZE_CONVERSIONS",
                "network_settings": {"target_google_search": True},
                "contains_eu_political_advertising": False,
                "labels": [MANAGED_MARKER],
                **campaign,
            },
            refs={"campaign_budget": BUDGET},
        ),
    ]


def test_every_select_list_is_the_field_list_the_rows_are_read_with(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    connector = connector_for(google_ads_client)
    assert all(r.ok for r in connector.write(spring()))
    google_fake.requests.clear()
    connector.read()
    queries = {c.query for c in google_fake.requests if c.method == "SearchStream"}
    # No Performance Max campaign: no asset group is queried, nor their links, nor brand campaign assets; no
    # Dynamic Search Ads campaign: no asset set links (page feeds), nor page links; no responsive display ad
    # with videos: no asset; no ad group: no ad group bid modifiers.
    unqueried = (
        "ad_group_bid_modifier",
        "asset_group",
        "asset_group_asset",
        "campaign_asset",
        "campaign_asset_set",
        "asset_set_asset",
    )
    read_types = [t for t in READ_TYPES if t not in (*unqueried, "asset")]
    for resource_type in read_types:
        type_ = RESOURCE_TYPES[resource_type]
        [query] = [q for q in queries if q and f" FROM {resource_type} " in f"{q} "]
        assert query.startswith(f"SELECT {', '.join(select_fields(resource_type))} FROM")
        assert f"{resource_type}.status != 'REMOVED'" in query
        # Every field a simulator row of this type carries is selected (the normaliser reads no other).
        for row in GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, resource_type):
            for key in row:
                assert any(f.startswith(f"{resource_type}.{key}") for f in select_fields(resource_type)), key
        assert set(type_.leaves) <= {f.split(".", 1)[1] for f in select_fields(resource_type)}
    assert len(queries) == len(read_types)


def test_budget_and_campaign_go_in_one_mutate_with_a_temporary_name_and_partial_failure(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    results = connector_for(google_ads_client).write(spring())
    assert [r.ok for r in results] == [True, True]
    [mutate] = [c for c in google_fake.requests if c.method == "Mutate"]
    # budget, label, campaign, label link: one request
    assert (mutate.operation_count, mutate.partial_failure, mutate.validate_only) == (4, True, False)
    budget = GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, "campaign_budget")[0]
    assert budget["explicitly_shared"] is False


def test_a_failed_operation_maps_to_its_op_with_the_apis_code_and_field(google_ads_client: Any) -> None:
    results = connector_for(google_ads_client).write(spring(budget_micros=12_345))
    assert [r.ok for r in results] == [False, False]
    error = results[0].error
    assert isinstance(error, PermanentError) and error.code.startswith("campaign_budget_error.")
    assert "amount_micros" in error.field
    assert "depends on failed operation" in str(results[1].error)


def test_temporary_quota_waits_as_long_as_the_api_says(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    google_fake.throttle(1, retry_delay_s=42)
    with pytest.raises(TransientError) as caught:
        connector_for(google_ads_client).read()
    assert caught.value.code == "quota_error.RESOURCE_TEMPORARILY_EXHAUSTED"
    assert caught.value.retry_after == 42


def test_a_spent_daily_quota_says_when_it_resets(make_google_world: Callable[..., SandboxWorld]) -> None:
    limits = SandboxLimits(google_daily_operations={"explorer": 1, "basic": 15_000, "standard": None})
    world = make_google_world(limits=limits, access_level="explorer")
    with (
        GoogleAdsFake(
            world, developer_token=GOOGLE_DEVELOPER_TOKEN, access_token=GOOGLE_ACCESS_TOKEN
        ) as fake,
        route_google_ads_to(fake),
    ):
        connector = connector_for(google_ads_client_for(), access_level="explorer")
        assert connector.limits.daily_operations == 2_880
        with pytest.raises(TransientError) as caught:
            connector.read()
    assert caught.value.code == "quota_error.RESOURCE_EXHAUSTED"
    assert "daily operation quota is spent; it resets at" in str(caught.value)
    assert caught.value.retry_after == 12 * 3600  # the fake's clock is noon in Los Angeles


@pytest.mark.parametrize(
    ("credentials", "code"),
    [
        ({"developer_token": "wrong-token"}, "authentication_error.DEVELOPER_TOKEN_INVALID"),
        ({"access_token": "ya29.wrong"}, "authentication_error.OAUTH_TOKEN_INVALID"),
    ],
)
def test_refused_credentials_are_an_auth_error_with_the_fix_and_no_secret(
    make_google_ads_client: Callable[..., Any],
    credentials: dict[str, str],
    code: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AuthError) as caught:
        connector_for(make_google_ads_client(**credentials)).read()
    assert caught.value.code == code and "developer token" in caught.value.fix
    for secret in (GOOGLE_DEVELOPER_TOKEN, GOOGLE_ACCESS_TOKEN, *credentials.values()):
        assert secret not in str(caught.value)
        assert secret not in caplog.text


def test_validate_only_checks_without_changing_anything(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    transport = GoogleAdsTransport(google_ads_client)
    cid = GOOGLE_CUSTOMER_ID
    ops = [
        {
            "campaign_budget_operation": {
                "create": {"name": "b", "amount_micros": 5, "delivery_method": "STANDARD"}
            }
        }
    ]
    response = transport.mutate(cid, ops, partial_failure=True, validate_only=True)
    assert response.results == [None]
    assert response.partial_failure_errors[0].code.startswith("campaign_budget_error.")
    assert GoogleAdsSimulator(google_fake.world).peek(cid, "campaign_budget") == []


def test_credentials_need_a_developer_token_and_oauth_and_never_show_values() -> None:
    full = {"developer_token": "d", "client_id": "c", "client_secret": "s3cr3t", "refresh_token": "r3fr3sh"}
    credentials = GoogleAdsCredentials.from_values(full, account="g")
    assert "s3cr3t" not in repr(credentials) and "r3fr3sh" not in repr(credentials)
    assert credentials.oauth().refresh_token == "r3fr3sh"
    with pytest.raises(AuthError, match="no Google Ads developer token"):
        GoogleAdsCredentials.from_values({"access_token": "t"}, account="g")
    with pytest.raises(AuthError, match="missing client_secret, refresh_token"):
        GoogleAdsCredentials.from_values({"developer_token": "d", "client_id": "c"}, account="g")
    with pytest.raises(AuthError, match="unknown Google Ads credential"):
        GoogleAdsCredentials.from_values({**full, "password": "x"}, account="g")


AD_GROUP = Address(GOOGLE, "g", "ad_group", "spring/runners")
AD = Address(GOOGLE, "g", "ad_group_ad", "spring/runners/hero")
RSA = {
    "status": "ENABLED",
    "type": "RESPONSIVE_SEARCH_AD",
    "headlines": ["Run faster", "Shoes for runners", "Spring sale"],
    "descriptions": ["Free returns within 30 days.", "Light shoes for long runs."],
    "final_urls": ["https://shop.example/run"],
}


def _with_an_ad(connector: GoogleAdsConnector) -> str:
    ops = [
        *spring(),
        WriteOp(
            "create",
            AD_GROUP,
            {"name": "runners", "status": "ENABLED", "type": "SEARCH_STANDARD"},
            refs={"campaign": CAMPAIGN},
        ),
        WriteOp("create", AD, RSA, refs={"ad_group": AD_GROUP}),
    ]
    results = connector.write(ops)
    assert all(r.ok for r in results), [r.error for r in results]
    return str(results[-1].platform_id)


@pytest.mark.parametrize("valid", [True, False], ids=["replaced", "new-one-refused"])
def test_an_immutable_change_is_remove_and_create_in_one_atomic_mutate(
    google_fake: GoogleAdsFake, google_ads_client: Any, valid: bool
) -> None:
    connector = connector_for(google_ads_client)
    old_id = _with_an_ad(connector)
    ad_group_id = next(r.platform_id for r in connector.read() if r.address == AD_GROUP)
    headline = "Run even faster" if valid else "A headline far longer than thirty characters"
    google_fake.requests.clear()

    results = connector.write(
        [
            WriteOp(
                "create",
                AD,
                {**RSA, "headlines": [headline, *RSA["headlines"][1:]]},
                {"ad_group": ad_group_id},
            ),
            WriteOp("delete", AD, platform_id=old_id),
        ]
    )

    [mutate] = [c for c in google_fake.requests if c.method == "Mutate"]
    assert (mutate.operation_count, mutate.partial_failure) == (2, False)
    assert [r.ok for r in results] == [valid, valid]
    [ad] = [r for r in connector.read() if r.address.kind == AD.kind]  # read at its id: Google keeps no name
    assert (ad.platform_id != old_id) is valid  # refused: the old ad is still there, untouched
    expected = [headline, *RSA["headlines"][1:]] if valid else RSA["headlines"]
    assert ad.fields["headlines"] == sorted(expected)


def test_a_transient_refusal_of_a_replacement_after_the_main_request_fails_the_replacement_alone(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    """The main request was sent: a retry of the whole batch would make its objects twice, so only the
    replacement's two ops come back to be retried."""
    connector = connector_for(google_ads_client)
    old_id = _with_an_ad(connector)
    ad_group_id = next(r.platform_id for r in connector.read() if r.address == AD_GROUP)
    backend = connector._backend
    api = backend.api
    refused: list[bool] = []

    def refuse_atomic(cid: str, operations: Any, *, partial_failure: bool = False, **kw: Any) -> Any:
        if not partial_failure and not refused:
            refused.append(True)
            raise TransientError("busy", platform=GOOGLE, code="internal_error.INTERNAL_ERROR")
        return api.mutate(cid, operations, partial_failure=partial_failure, **kw)

    backend.api = SimpleNamespace(mutate=refuse_atomic)  # type: ignore[assignment]
    other = Address(GOOGLE, "g", "campaign_budget", "autumn")
    results = connector.write(
        [
            WriteOp("create", other, {"name": "autumn", "amount_micros": 10_000_000}),
            WriteOp("create", AD, {**RSA, "headlines": ["Run even faster", *RSA["headlines"][1:]]},
                    {"ad_group": ad_group_id}),
            WriteOp("delete", AD, platform_id=old_id),
        ]
    )  # fmt: skip

    assert refused and results[0].ok
    assert [isinstance(r.error, TransientError) for r in results[1:]] == [True, True]


def test_languages_resolve_by_gaql_on_language_constant(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    found = connector_for(google_ads_client).resolve("language", ["en", "he", "xx"])
    assert found == {"en": "1000", "he": "1027"}
    [query] = [c.query or "" for c in google_fake.requests if "FROM language_constant" in (c.query or "")]
    assert "language_constant.code IN ('en', 'iw', 'xx')" in query  # Hebrew is "iw" to Google


def test_names_near_a_misspelt_interest_are_the_user_interest_taxonomy_read_in_one_query(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    connector = connector_for(google_ads_client)
    near = connector.near_names("interest", "Runing")
    assert "Running" in near and "Travel" in near
    [query] = [c.query or "" for c in google_fake.requests if "FROM user_interest" in (c.query or "")]
    assert query == "SELECT user_interest.name FROM user_interest"
    assert connector.near_names("language", "englsh") == []


def test_remote_validation_reports_what_the_api_would_refuse_and_changes_nothing(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    from midas_reconcile.plan import Action, Change, Plan
    from midas_reconcile.remote_validation import validate_remote
    from midas_reconcile.resources import Resource

    ops = spring(budget_micros=12_345)  # not a multiple of 10,000: the API refuses it
    changes = [
        Change(op.address, Action.CREATE, None, Resource(op.address, dict(op.fields), dict(op.refs)))  # type: ignore[arg-type]
        for op in ops
    ]
    connector = connector_for(google_ads_client)
    rejections, unchecked = validate_remote(Plan(["g"], changes), {"g": connector}, sleep=lambda _s: None)

    assert unchecked == []
    assert [r.address for r in rejections] == [BUDGET]  # the campaign depends on it: not checked alone
    assert "amount" in rejections[0].message.lower() or "micros" in rejections[0].message.lower()
    mutates = [c for c in google_fake.requests if c.method == "Mutate"]
    assert mutates and all(c.validate_only for c in mutates)
    assert GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, "campaign_budget") == []


def test_remote_validation_of_a_valid_plan_refuses_nothing_though_the_api_returns_no_ids(
    google_fake: GoogleAdsFake, google_ads_client: Any
) -> None:
    """v26 MutateGoogleAdsRequest.validate_only: "Mutates only return errors, not results" — a validated
    create has no id, which is no refusal."""
    from midas_reconcile.plan import Action, Change, Plan
    from midas_reconcile.remote_validation import validate_remote
    from midas_reconcile.resources import Resource

    changes = [
        Change(op.address, Action.CREATE, None, Resource(op.address, dict(op.fields), dict(op.refs)))  # type: ignore[arg-type]
        for op in spring()
    ]
    connector = connector_for(google_ads_client)
    rejections, unchecked = validate_remote(Plan(["g"], changes), {"g": connector}, sleep=lambda _s: None)
    assert (rejections, unchecked) == ([], [])
    assert GoogleAdsSimulator(google_fake.world).peek(GOOGLE_CUSTOMER_ID, "campaign") == []


def test_a_google_ads_yaml_can_hold_the_credentials(tmp_path: Any) -> None:
    from midas_reconcile.connectors.factory import ConnectorFactory
    from midas_reconcile.settings import load_settings

    (tmp_path / "google-ads.yaml").write_text(
        "developer_token: file-dev-token\nclient_id: cid\nclient_secret: file-secret\n"
        "refresh_token: file-refresh\nuse_proto_plus: true\n"
    )
    (tmp_path / "midas.yaml").write_text(
        "version: 1\naccounts:\n  g: {platform: google, connector: google_ads, customer_id: '1234567890', "
        "currency: USD, access_level: explorer, credentials_file: google-ads.yaml}\n"
    )
    connector = ConnectorFactory(load_settings(tmp_path, env={})).create("g")
    assert isinstance(connector, GoogleAdsConnector)
    assert connector.limits.daily_operations == 2_880
    assert connector.transport.client.developer_token == "file-dev-token"

    (tmp_path / "google-ads.yaml").write_text("client_id: only\n")
    with pytest.raises(AuthError) as caught:
        ConnectorFactory(load_settings(tmp_path, env={})).create("g")
    assert "google-ads.yaml" in caught.value.fix and "only" not in str(caught.value)


def test_setting_a_path_steps_into_a_sub_message_held_as_none() -> None:
    # A console that cleared a campaign's setting holds it as None: the next update's fields set under it.
    from midas_reconcile.connectors.google_schema import set_path

    campaign: dict[str, Any] = {"name": "Shoe Finder", "dynamic_search_ads_setting": None}
    set_path(campaign, "dynamic_search_ads_setting.domain_name", "shop.example.com")
    assert campaign == {
        "name": "Shoe Finder",
        "dynamic_search_ads_setting": {"domain_name": "shop.example.com"},
    }
    set_path(campaign, "dynamic_search_ads_setting.language_code", None)
    assert campaign["dynamic_search_ads_setting"] == {"domain_name": "shop.example.com"}


def test_the_page_feed_link_query_leaves_out_the_links_of_removed_campaigns(google_ads_client: Any) -> None:
    """Google keeps a removed campaign's CampaignAssetSet links: the query filters them on the campaign's
    status (an attributed resource's field in a query FROM campaign_asset_set), as the sandbox does; the
    fake server, which checks GAQL as the API does, takes it."""
    query = GoogleAdsTransport._select("1", "campaign_asset_set", ids=None)
    assert query.endswith("WHERE campaign_asset_set.status != 'REMOVED' AND campaign.status != 'REMOVED'")
    assert connector_for(google_ads_client).transport.search(GOOGLE_CUSTOMER_ID, "campaign_asset_set") == []


def test_a_campaigns_page_feed_counts_in_its_operation_cost(google_ads_client: Any) -> None:
    """At most an asset and its link per page, and the set and its link: they count against the quota."""
    pages = [{"page_url": f"https://shop.example.com/{i}"} for i in range(3)]
    connector = connector_for(google_ads_client)
    bare = WriteOp("update", CAMPAIGN, fields={"name": "x"}, platform_id="1")
    fed = WriteOp("update", CAMPAIGN, fields={"name": "x", "page_feed": pages}, platform_id="1")
    assert connector.operation_cost(bare) == 1
    assert connector.operation_cost(fed) == 1 + 2 + 2 * 3
