"""The Google Ads API fake, driven only through the real ``google-ads`` SDK (v26, proto-plus).

Each test serves a fresh sandbox world (fake clock, no sleeps) on 127.0.0.1 and talks to it through a
``GoogleAdsClient`` whose channels ``route_google_ads_to`` points at the fake, as the real Google
connector's tests will.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from fakes import GoogleAdsFake
from fakes.google_ads_server import route_google_ads_to
from fakes.google_fixtures import (
    GOOGLE_ACCESS_TOKEN,
    GOOGLE_CUSTOMER_ID,
    GOOGLE_DEVELOPER_TOKEN,
    GOOGLE_NOW,
    google_ads_client_for,
)
from google.ads.googleads.errors import GoogleAdsException
from google.ads.googleads.v26.errors.types.errors import GoogleAdsFailure
from google.api_core import exceptions as core_exceptions

from midas_reconcile.connectors.sandbox import GoogleAdsSimulator, SandboxWorld
from midas_reconcile.connectors.sandbox.catalog import find_interest, find_region
from midas_reconcile.connectors.sandbox.faults import Faults, SandboxLimits
from midas_reconcile.resources import GOOGLE

CID = GOOGLE_CUSTOMER_ID
FAILURE_KEY = "google.ads.googleads.v26.errors.googleadsfailure-bin"
BUDGET, CAMPAIGN, AD_GROUP, LABEL = (
    f"customers/{CID}/campaignBudgets/-1",
    f"customers/{CID}/campaigns/-2",
    f"customers/{CID}/adGroups/-3",
    f"customers/{CID}/labels/-4",
)


# --- request builders (what a connector sends) ------------------------------------------------------------


def budget_op(client: Any, name: str = "Spring budget", amount: int = 25_000_000, temp: str = BUDGET) -> Any:
    op = client.get_type("MutateOperation")
    budget = op.campaign_budget_operation.create
    budget.resource_name = temp
    budget.name = name
    budget.amount_micros = amount
    budget.delivery_method = client.enums.BudgetDeliveryMethodEnum.STANDARD
    return op


def campaign_op(client: Any, name: str = "Spring", budget: str = BUDGET, temp: str = CAMPAIGN) -> Any:
    op = client.get_type("MutateOperation")
    campaign = op.campaign_operation.create
    campaign.resource_name = temp
    campaign.name = name
    campaign.status = client.enums.CampaignStatusEnum.ENABLED
    campaign.advertising_channel_type = client.enums.AdvertisingChannelTypeEnum.SEARCH
    campaign.campaign_budget = budget
    campaign.manual_cpc.enhanced_cpc_enabled = False
    campaign.network_settings.target_google_search = True
    campaign.start_date_time = "2026-02-01 00:00:00"
    campaign.contains_eu_political_advertising = (
        client.enums.EuPoliticalAdvertisingStatusEnum.DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING
    )
    return op


def tree_ops(client: Any) -> list[Any]:
    """Budget, campaign, ad group, criteria, an RSA and labels: one mutate, temporary ids throughout."""
    ops = [budget_op(client), campaign_op(client)]
    op = client.get_type("MutateOperation")
    group = op.ad_group_operation.create
    group.resource_name, group.name, group.campaign = AD_GROUP, "Spring US", CAMPAIGN
    group.type_ = client.enums.AdGroupTypeEnum.SEARCH_STANDARD
    group.cpc_bid_micros = 1_500_000
    ops.append(op)
    for geo, language in (("geoTargetConstants/2840", None), (None, "languageConstants/1000")):
        op = client.get_type("MutateOperation")
        criterion = op.campaign_criterion_operation.create
        criterion.campaign = CAMPAIGN
        if geo:
            criterion.location.geo_target_constant = geo
        else:
            criterion.language.language_constant = language
        ops.append(op)
    op = client.get_type("MutateOperation")
    age = op.ad_group_criterion_operation.create
    age.ad_group = AD_GROUP
    age.age_range.type_ = client.enums.AgeRangeTypeEnum.AGE_RANGE_25_34
    ops.append(op)
    op = client.get_type("MutateOperation")
    keyword = op.ad_group_criterion_operation.create
    keyword.ad_group = AD_GROUP
    keyword.keyword.text = "running shoes"
    keyword.keyword.match_type = client.enums.KeywordMatchTypeEnum.PHRASE
    ops.append(op)
    op = client.get_type("MutateOperation")
    ad = op.ad_group_ad_operation.create
    ad.ad_group = AD_GROUP
    ad.status = client.enums.AdGroupAdStatusEnum.PAUSED
    ad.ad.final_urls.append("https://example.com/spring")
    for text in ("Spring sale", "Shoes for runners", "Free returns"):
        asset = client.get_type("AdTextAsset")
        asset.text = text
        ad.ad.responsive_search_ad.headlines.append(asset)
    for text in ("Light shoes for long runs.", "Order today, run tomorrow."):
        asset = client.get_type("AdTextAsset")
        asset.text = text
        ad.ad.responsive_search_ad.descriptions.append(asset)
    ops.append(op)
    op = client.get_type("MutateOperation")
    op.label_operation.create.resource_name = LABEL
    op.label_operation.create.name = "midas-managed"
    ops.append(op)
    for kind, parent in (("campaign", CAMPAIGN), ("ad_group", AD_GROUP)):
        op = client.get_type("MutateOperation")
        link = getattr(op, f"{kind}_label_operation").create
        setattr(link, kind, parent)
        link.label = LABEL
        ops.append(op)
    return ops


def mutate(client: Any, ops: Sequence[Any], **flags: Any) -> Any:
    request = client.get_type("MutateGoogleAdsRequest")
    request.customer_id = CID
    request.mutate_operations.extend(ops)
    for name, value in flags.items():
        setattr(request, name, value)
    return client.get_service("GoogleAdsService").mutate(request=request)


def stream(client: Any, query: str) -> list[Any]:
    service = client.get_service("GoogleAdsService")
    return [row for batch in service.search_stream(customer_id=CID, query=query) for row in batch.results]


def result_names(response: Any) -> list[str | None]:
    names: list[str | None] = []
    for item in response.mutate_operation_responses:
        kind = type(item).pb(item).WhichOneof("response")
        names.append(getattr(item, kind).resource_name if kind else None)
    return names


def trailer_failure(exc: core_exceptions.GoogleAPICallError) -> Any:
    """The GoogleAdsFailure of an error the SDK passes on un-wrapped (RESOURCE_EXHAUSTED, INTERNAL)."""
    assert exc.response is not None
    trailer = dict(exc.response.trailing_metadata())
    return GoogleAdsFailure.deserialize(trailer[FAILURE_KEY])


def error_code(error: Any) -> str:
    kind = type(error.error_code).pb(error.error_code).WhichOneof("error_code")
    return f"{kind}.{getattr(error.error_code, kind).name}"


def path_of(error: Any) -> list[tuple[str, int | None]]:
    return [
        (element.field_name, element.index if "index" in element else None)
        for element in error.location.field_path_elements
    ]


# --- mutate and read back ---------------------------------------------------------------------------------


def test_one_mutate_creates_a_whole_campaign_with_temporary_ids(google_ads_client: Any) -> None:
    response = mutate(google_ads_client, tree_ops(google_ads_client))

    names = result_names(response)
    assert len(names) == 11 and all(names)
    budget, campaign, group = names[0], names[1], names[2]
    assert budget is not None and budget.startswith(f"customers/{CID}/campaignBudgets/")
    assert names[3] == f"{campaign}~2840".replace("/campaigns/", "/campaignCriteria/")
    assert names[5] == f"{group}~503002".replace("/adGroups/", "/adGroupCriteria/")
    assert "/adGroupAds/" in str(names[7]) and "/labels/" in str(names[8])
    assert "campaign_result" in response.mutate_operation_responses[1]
    assert not response.partial_failure_error.details


def test_search_stream_rows_hold_the_selected_fields_and_joined_budget(google_ads_client: Any) -> None:
    mutate(google_ads_client, tree_ops(google_ads_client))
    client = google_ads_client

    (row,) = stream(
        client,
        "SELECT campaign.id, campaign.name, campaign.labels, campaign_budget.amount_micros FROM campaign",
    )
    assert row.campaign.name == "Spring" and row.campaign.id > 0
    assert row.campaign_budget.amount_micros == 25_000_000
    assert len(row.campaign.labels) == 1 and "/labels/" in row.campaign.labels[0]
    # Unselected fields stay unset; resource names of returned resources come back, as the API sends them.
    assert "start_date_time" not in row.campaign and "advertising_channel_type" not in row.campaign
    assert "name" not in row.campaign_budget and "ad_group" not in row and "metrics" not in row
    assert row.campaign.resource_name.startswith(f"customers/{CID}/campaigns/")
    assert row.campaign_budget.resource_name.startswith(f"customers/{CID}/campaignBudgets/")

    (bare,) = stream(
        client, "SELECT campaign.id FROM campaign PARAMETERS omit_unselected_resource_names = true"
    )
    assert "resource_name" not in bare.campaign and bare.campaign.id == row.campaign.id

    criteria = stream(
        client,
        "SELECT ad_group_criterion.age_range.type, ad_group_criterion.type, ad_group_criterion.keyword.text, "
        "ad_group.name FROM ad_group_criterion ORDER BY ad_group_criterion.type",
    )
    assert [c.ad_group_criterion.type_ for c in criteria] == [
        client.enums.CriterionTypeEnum.KEYWORD,
        client.enums.CriterionTypeEnum.AGE_RANGE,
    ]
    assert criteria[1].ad_group_criterion.age_range.type_ == client.enums.AgeRangeTypeEnum.AGE_RANGE_25_34
    assert criteria[0].ad_group_criterion.keyword.text == "running shoes"
    assert {c.ad_group.name for c in criteria} == {"Spring US"}

    (ad,) = stream(
        client,
        "SELECT ad_group_ad.status, ad_group_ad.ad.responsive_search_ad.headlines, ad_group_ad.ad.type "
        "FROM ad_group_ad",
    )
    assert [h.text for h in ad.ad_group_ad.ad.responsive_search_ad.headlines[:1]] == ["Spring sale"]
    assert ad.ad_group_ad.ad.type_ == client.enums.AdTypeEnum.RESPONSIVE_SEARCH_AD
    assert ad.ad_group_ad.status == client.enums.AdGroupAdStatusEnum.PAUSED
    assert "final_urls" not in ad.ad_group_ad.ad


def test_update_applies_exactly_the_update_mask(google_ads_client: Any) -> None:
    client = google_ads_client
    campaign = result_names(mutate(client, tree_ops(client)))[1]
    op = client.get_type("MutateOperation")
    update = op.campaign_operation.update
    update.resource_name = campaign
    update.name = "Spring renamed"
    update.status = client.enums.CampaignStatusEnum.PAUSED
    update.network_settings.target_google_search = False  # set, but not in the mask: must not change
    op.campaign_operation.update_mask.paths.extend(["name", "status"])

    assert result_names(mutate(client, [op])) == [campaign]
    (row,) = stream(
        client,
        "SELECT campaign.name, campaign.status, campaign.network_settings.target_google_search FROM campaign",
    )
    assert row.campaign.name == "Spring renamed"
    assert row.campaign.status == client.enums.CampaignStatusEnum.PAUSED
    assert row.campaign.network_settings.target_google_search is True

    cleared = client.get_type("MutateOperation")
    cleared.campaign_operation.update.resource_name = campaign
    cleared.campaign_operation.update_mask.paths.append("advertising_channel_type")
    with pytest.raises(GoogleAdsException) as caught:
        mutate(client, [cleared])
    (error,) = caught.value.failure.errors
    assert error_code(error) == "field_error.IMMUTABLE_FIELD"
    assert path_of(error) == [
        ("mutate_operations", 0),
        ("campaign_operation", None),
        ("update", None),
        ("advertising_channel_type", None),
    ]


def test_mutable_resource_responses_carry_the_created_objects(google_ads_client: Any) -> None:
    client = google_ads_client
    response = mutate(
        client,
        [budget_op(client), campaign_op(client)],
        response_content_type=client.enums.ResponseContentTypeEnum.MUTABLE_RESOURCE,
    )
    created = response.mutate_operation_responses[1].campaign_result.campaign
    assert created.name == "Spring" and created.id > 0
    assert created.bidding_strategy_type == client.enums.BiddingStrategyTypeEnum.MANUAL_CPC
    assert (
        response.mutate_operation_responses[0].campaign_budget_result.campaign_budget.amount_micros
        == 25_000_000
    )


# --- failures -----------------------------------------------------------------------------------------------


def test_partial_failure_maps_errors_to_operations_and_field_paths(google_ads_client: Any) -> None:
    client = google_ads_client
    ops = [
        budget_op(client, "ok", temp=f"customers/{CID}/campaignBudgets/-1"),
        budget_op(client, "odd", amount=1_234_567, temp=f"customers/{CID}/campaignBudgets/-2"),
        campaign_op(client, "orphan", budget=f"customers/{CID}/campaignBudgets/-2"),
    ]
    response = mutate(client, ops, partial_failure=True)

    names = result_names(response)
    assert names[0] is not None and names[1:] == [None, None]  # failed slots are empty
    status = response.partial_failure_error
    assert status.code == 3 and status.message.startswith("Multiple errors in ‘details’. First error: ")
    (detail,) = status.details
    failure = GoogleAdsFailure.deserialize(detail.value)
    assert detail.type_url == "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure"
    assert [error_code(e) for e in failure.errors] == [
        "campaign_budget_error.NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT",
        "mutate_error.RESOURCE_NOT_FOUND",
    ]
    assert path_of(failure.errors[0]) == [
        ("mutate_operations", 1),
        ("campaign_budget_operation", None),
        ("create", None),
        ("amount_micros", None),
    ]
    assert path_of(failure.errors[1])[:3] == [
        ("mutate_operations", 2),
        ("campaign_operation", None),
        ("create", None),
    ]
    assert [
        r.name
        for r in (
            row.campaign_budget for row in stream(client, "SELECT campaign_budget.name FROM campaign_budget")
        )
    ] == ["ok"]


def test_an_atomic_request_fails_whole_with_google_ads_exception(
    google_ads_client: Any, google_fake: GoogleAdsFake
) -> None:
    client = google_ads_client
    mutate(client, [budget_op(client), campaign_op(client)])
    again = [
        budget_op(client, "other budget"),
        campaign_op(client),  # the name is taken
    ]
    with pytest.raises(GoogleAdsException) as caught:
        mutate(client, again)

    exc = caught.value
    assert exc.error.code().name == "INVALID_ARGUMENT"
    assert exc.request_id == google_fake.requests[-1].request_id and len(exc.request_id) == 22
    (error,) = exc.failure.errors
    assert error_code(error) == "campaign_error.DUPLICATE_CAMPAIGN_NAME"
    assert path_of(error)[-1] == ("name", None)
    assert len(stream(client, "SELECT campaign_budget.id FROM campaign_budget")) == 1  # nothing applied
    assert google_fake.requests[-2].error_codes == ("campaign_error.DUPLICATE_CAMPAIGN_NAME",)


def test_a_demand_gen_campaign_built_in_the_ui_reads_with_upgraded_targeting(
    google_ads_client: Any, google_world: SandboxWorld
) -> None:
    """The UI builds a Demand Gen campaign with upgraded targeting, Google's default (v26
    DemandGenCampaignSettings.upgraded_targeting), which GAQL reads."""
    campaign_id = GoogleAdsSimulator(google_world).add_console_campaign(CID, "Stories", "DEMAND_GEN", 10**7)
    query = (
        "SELECT campaign.demand_gen_campaign_settings.upgraded_targeting FROM campaign "
        f"WHERE campaign.id = {campaign_id}"
    )
    [row] = stream(google_ads_client, query)
    assert row.campaign.demand_gen_campaign_settings.upgraded_targeting is True


def test_channels_the_api_refuses_arrive_with_their_error_codes(
    google_ads_client: Any, google_world: SandboxWorld
) -> None:
    """Through the SDK: a Shopping campaign without its shopping_setting, and a pause of a Video campaign a
    person built in the Google Ads UI."""
    client = google_ads_client
    shopping = campaign_op(client)
    shopping.campaign_operation.create.advertising_channel_type = (
        client.enums.AdvertisingChannelTypeEnum.SHOPPING
    )
    with pytest.raises(GoogleAdsException) as caught:
        mutate(client, [budget_op(client), shopping])
    (error,) = caught.value.failure.errors
    assert (error_code(error), path_of(error)[-1]) == (
        "campaign_error.MISSING_SHOPPING_SETTING",
        ("merchant_id", None),
    )

    video_id = GoogleAdsSimulator(google_world).add_console_campaign(CID, "Brand film", "VIDEO", 10**7)
    pause = client.get_type("MutateOperation")
    pause.campaign_operation.update.resource_name = f"customers/{CID}/campaigns/{video_id}"
    pause.campaign_operation.update.status = client.enums.CampaignStatusEnum.PAUSED
    pause.campaign_operation.update_mask.paths.append("status")
    with pytest.raises(GoogleAdsException) as caught:
        mutate(client, [pause])
    (error,) = caught.value.failure.errors
    assert error_code(error) == "operation_access_denied_error.MUTATE_ACTION_NOT_PERMITTED_FOR_CLIENT"
    [row] = stream(client, f"SELECT campaign.status FROM campaign WHERE campaign.id = {video_id}")
    assert row.campaign.status.name == "ENABLED"


def test_validate_only_applies_nothing_and_returns_no_results(google_ads_client: Any) -> None:
    client = google_ads_client
    response = mutate(client, tree_ops(client), validate_only=True)
    assert list(response.mutate_operation_responses) == []
    assert stream(client, "SELECT campaign_budget.id FROM campaign_budget") == []

    with pytest.raises(GoogleAdsException) as caught:
        mutate(client, [budget_op(client, amount=-10_000)], validate_only=True)
    assert error_code(caught.value.failure.errors[0]) == "range_error.TOO_LOW"


def test_more_than_ten_thousand_operations_are_refused(google_ads_client: Any) -> None:
    client = google_ads_client
    request = client.get_type("MutateGoogleAdsRequest")
    raw = type(request).pb(request)
    raw.customer_id = CID
    for index in range(10_001):
        raw.mutate_operations.add().label_operation.create.name = f"label {index}"
    with pytest.raises(GoogleAdsException) as caught:
        client.get_service("GoogleAdsService").mutate(request=request)
    assert error_code(caught.value.failure.errors[0]) == "request_error.TOO_MANY_MUTATE_OPERATIONS"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT campaign.id FROM campaing", "BAD_RESOURCE_TYPE_IN_FROM_CLAUSE"),
        ("SELECT campaign.nam FROM campaign", "UNRECOGNIZED_FIELD"),
        ("SELECT campaign.network_settings FROM campaign", "UNRECOGNIZED_FIELD"),
        ("SELECT campaign.id", "EXPECTED_FROM"),
        ("campaign.id FROM campaign", "EXPECTED_SELECT"),
        ("SELECT campaign.id FROM campaign WHERE campaign.status = 'ACTIVE'", "BAD_ENUM_CONSTANT"),
        ("SELECT campaign.id FROM campaign WHERE campaign.id = 1 OR campaign.id = 2", "UNEXPECTED_INPUT"),
        ("SELECT campaign.id FROM campaign WHERE campaign.name = 'open", "STRING_NOT_TERMINATED"),
        ("SELECT campaign.id FROM campaign WHERE campaign.name = Spring", "INVALID_STRING_VALUE"),
        ("SELECT campaign.id FROM campaign WHERE campaign.id IN ()", "PROHIBITED_EMPTY_LIST_IN_CONDITION"),
        ("SELECT ad_group.name FROM campaign", "PROHIBITED_RESOURCE_TYPE_IN_SELECT_CLAUSE"),
        ("SELECT campaign.id FROM campaign LIMIT 0", "LIMIT_VALUE_TOO_LOW"),
        ("SELECT campaign.id FROM campaign ORDER campaign.id", "EXPECTED_BY"),
        ("SELECT campaign.id, segments.date, metrics.clicks FROM campaign", "EXPECTED_FILTERS_ON_DATE_RANGE"),
        ("SELECT label.name, metrics.clicks FROM label", "PROHIBITED_METRIC_IN_SELECT_OR_WHERE_CLAUSE"),
        (
            "SELECT campaign.id FROM campaign WHERE segments.date DURING LAST_9_DAYS",
            "INVALID_VALUE_WITH_DURING_OPERATOR",
        ),
    ],
)
def test_gaql_errors_are_query_errors(google_ads_client: Any, query: str, expected: str) -> None:
    service = google_ads_client.get_service("GoogleAdsService")
    with pytest.raises(GoogleAdsException) as caught:
        list(service.search(customer_id=CID, query=query))
    assert caught.value.error.code().name == "INVALID_ARGUMENT"
    assert [error_code(e) for e in caught.value.failure.errors] == [f"query_error.{expected}"]


def test_what_the_fake_does_not_model_is_unimplemented(google_ads_client: Any) -> None:
    service = google_ads_client.get_service("GoogleAdsService")
    with pytest.raises(core_exceptions.MethodNotImplemented, match=r"campaign\.serving_status"):
        list(service.search(customer_id=CID, query="SELECT campaign.serving_status FROM campaign"))
    with pytest.raises(core_exceptions.MethodNotImplemented, match="asset_operation"):
        op = google_ads_client.get_type("MutateOperation")
        op.asset_operation.create.name = "logo"
        mutate(google_ads_client, [op])


def test_search_pages_and_stream_batches(make_google_world: Callable[..., SandboxWorld]) -> None:
    world = make_google_world()
    with (
        GoogleAdsFake(
            world,
            developer_token=GOOGLE_DEVELOPER_TOKEN,
            access_token=GOOGLE_ACCESS_TOKEN,
            rows_per_page=2,
            rows_per_message=2,
        ) as fake,
        route_google_ads_to(fake),
    ):
        client = google_ads_client_for()
        ops = []
        for index in range(5):
            op = client.get_type("MutateOperation")
            op.label_operation.create.name = f"label {index}"
            ops.append(op)
        mutate(client, ops)
        service = client.get_service("GoogleAdsService")
        request = client.get_type("SearchGoogleAdsRequest")
        request.customer_id = CID
        request.query = "SELECT label.name FROM label ORDER BY label.name DESC"
        request.search_settings.return_total_results_count = True
        pager = service.search(request=request)
        assert [row.label.name for row in pager] == [f"label {i}" for i in (4, 3, 2, 1, 0)]
        assert [c.method for c in fake.requests[-3:]] == ["Search"] * 3  # the SDK's pager fetched 3 pages

        batches = list(service.search_stream(customer_id=CID, query="SELECT label.id FROM label"))
        assert [len(b.results) for b in batches] == [2, 2, 1]
        assert all(list(b.field_mask.paths) == ["label.id"] and b.request_id for b in batches)

        with pytest.raises(GoogleAdsException) as caught:
            request.page_size = 100
            list(service.search(request=request))
        assert error_code(caught.value.failure.errors[0]) == "request_error.PAGE_SIZE_NOT_SUPPORTED"
    assert fake.unexpected_errors == []


def test_removed_rows_are_returned_unless_the_where_clause_drops_them(google_ads_client: Any) -> None:
    client = google_ads_client
    names = result_names(mutate(client, tree_ops(client)))
    remove = client.get_type("MutateOperation")
    remove.ad_group_operation.remove = str(names[2])
    mutate(client, [remove])

    everything = stream(client, "SELECT ad_group.status FROM ad_group")
    assert [r.ad_group.status for r in everything] == [client.enums.AdGroupStatusEnum.REMOVED]
    assert stream(client, "SELECT ad_group.id FROM ad_group WHERE ad_group.status != 'REMOVED'") == []
    kept = stream(
        client,
        "SELECT campaign.name FROM campaign WHERE campaign.status IN ('ENABLED', 'PAUSED') "
        "AND campaign.name LIKE 'Spr%' AND campaign.id > 0",
    )
    assert [r.campaign.name for r in kept] == ["Spring"]


def test_throttling_is_resource_exhausted_with_a_parsable_retry_delay(
    google_ads_client: Any, google_fake: GoogleAdsFake
) -> None:
    service = google_ads_client.get_service("GoogleAdsService")
    google_fake.throttle(2, retry_delay_s=17)
    for call in (
        lambda: list(service.search(customer_id=CID, query="SELECT label.id FROM label")),
        lambda: list(service.search_stream(customer_id=CID, query="SELECT label.id FROM label")),
    ):
        with pytest.raises(core_exceptions.ResourceExhausted) as caught:
            call()
        (error,) = trailer_failure(caught.value).errors
        assert error_code(error) == "quota_error.RESOURCE_TEMPORARILY_EXHAUSTED"
        assert error.details.quota_error_details.retry_delay.seconds == 17
        assert caught.value.details  # grpc-status-details-bin, parsed by google-api-core
    assert list(service.search(customer_id=CID, query="SELECT label.id FROM label")) == []
    assert [c.status for c in google_fake.requests] == ["RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED", "OK"]


def test_daily_quota_exhaustion_is_the_daily_error(make_google_world: Callable[..., SandboxWorld]) -> None:
    limits = SandboxLimits(google_daily_operations={"explorer": 2, "basic": 15_000, "standard": None})
    world = make_google_world(limits=limits, access_level="explorer")
    with (
        GoogleAdsFake(
            world, developer_token=GOOGLE_DEVELOPER_TOKEN, access_token=GOOGLE_ACCESS_TOKEN
        ) as fake,
        route_google_ads_to(fake),
    ):
        service = google_ads_client_for().get_service("GoogleAdsService")
        for _ in range(2):
            list(service.search(customer_id=CID, query="SELECT label.id FROM label"))
        with pytest.raises(core_exceptions.ResourceExhausted) as caught:
            list(service.search(customer_id=CID, query="SELECT label.id FROM label"))
    (error,) = trailer_failure(caught.value).errors
    assert error_code(error) == "quota_error.RESOURCE_EXHAUSTED"
    until_midnight_pacific = 12 * 3600  # GOOGLE_NOW is noon in Los Angeles
    assert error.details.quota_error_details.retry_delay.seconds == until_midnight_pacific
    assert error.details.quota_error_details.rate_scope.name == "DEVELOPER"
    assert fake.unexpected_errors == []


@pytest.mark.parametrize(
    ("credentials", "status", "expected"),
    [
        (
            {"developer_token": "wrong-token"},
            "UNAUTHENTICATED",
            "authentication_error.DEVELOPER_TOKEN_INVALID",
        ),
        ({"developer_token": None}, "INVALID_ARGUMENT", "request_error.DEVELOPER_TOKEN_PARAMETER_MISSING"),
        ({"access_token": "ya29.stolen"}, "UNAUTHENTICATED", "authentication_error.OAUTH_TOKEN_INVALID"),
        ({"login_customer_id": "123-456-7890"}, "INVALID_ARGUMENT", "header_error.INVALID_LOGIN_CUSTOMER_ID"),
    ],
)
def test_bad_credentials_fail_with_the_apis_authentication_errors(
    make_google_ads_client: Callable[..., Any],
    google_fake: GoogleAdsFake,
    credentials: dict[str, Any],
    status: str,
    expected: str,
) -> None:
    service = make_google_ads_client(**credentials).get_service("GoogleAdsService")
    with pytest.raises(GoogleAdsException) as caught:
        list(service.search(customer_id=CID, query="SELECT campaign.id FROM campaign"))
    assert caught.value.error.code().name == status
    assert [error_code(e) for e in caught.value.failure.errors] == [expected]
    assert google_fake.requests[-1].error_codes == (expected,)


def test_injected_simulator_faults_arrive_unwrapped_with_their_trailer(tmp_path: Path) -> None:
    faulty = SandboxWorld(tmp_path / "faulty.db", faults=Faults(transient_rate=1.0, seed=3))
    faulty.register_account(GOOGLE, CID, "USD")
    seen: set[str] = set()
    with (
        faulty,
        GoogleAdsFake(
            faulty, developer_token=GOOGLE_DEVELOPER_TOKEN, access_token=GOOGLE_ACCESS_TOKEN
        ) as fake,
        route_google_ads_to(fake),
    ):
        service = google_ads_client_for().get_service("GoogleAdsService")
        for _ in range(8):
            with pytest.raises(
                (core_exceptions.ResourceExhausted, core_exceptions.InternalServerError)
            ) as caught:
                list(service.search(customer_id=CID, query="SELECT campaign.id FROM campaign"))
            (error,) = trailer_failure(caught.value).errors
            seen.add(f"{type(caught.value).__name__}:{error_code(error)}")
    assert seen == {
        "ResourceExhausted:quota_error.RESOURCE_TEMPORARILY_EXHAUSTED",
        "InternalServerError:internal_error.INTERNAL_ERROR",
    }
    assert fake.unexpected_errors == []


def test_unknown_customers_are_not_found(google_ads_client: Any) -> None:
    service = google_ads_client.get_service("GoogleAdsService")
    with pytest.raises(GoogleAdsException) as caught:
        list(service.search(customer_id="9999999999", query="SELECT campaign.id FROM campaign"))
    assert error_code(caught.value.failure.errors[0]) == "authentication_error.CUSTOMER_NOT_FOUND"


# --- metrics and name resolution ----------------------------------------------------------------------------


def test_metrics_rows_by_date_match_the_simulator(google_ads_client: Any, google_world: SandboxWorld) -> None:
    client = google_ads_client
    mutate(client, [budget_op(client), campaign_op(client)])
    rows = stream(
        client,
        "SELECT campaign.id, campaign.name, segments.date, metrics.impressions, metrics.clicks, "
        "metrics.cost_micros, metrics.conversions, metrics.conversions_value FROM campaign "
        "WHERE segments.date BETWEEN '2026-02-20' AND '2026-02-26' ORDER BY segments.date",
    )
    expected = GoogleAdsSimulator(google_world).campaign_metrics(
        CID, dt.date(2026, 2, 20), dt.date(2026, 2, 26)
    )
    assert len(rows) == 7
    assert [
        (r.segments.date, r.metrics.impressions, r.metrics.clicks, r.metrics.cost_micros) for r in rows
    ] == [
        (
            e["segments"]["date"],
            e["metrics"]["impressions"],
            e["metrics"]["clicks"],
            e["metrics"]["cost_micros"],
        )
        for e in expected
    ]
    assert rows[0].metrics.conversions == float(expected[0]["metrics"]["conversions"])
    assert {r.campaign.name for r in rows} == {"Spring"}

    last_week = stream(
        client, "SELECT segments.date, metrics.clicks FROM campaign WHERE segments.date DURING LAST_7_DAYS"
    )
    today = dt.datetime.fromtimestamp(GOOGLE_NOW, dt.UTC).date()
    assert sorted(r.segments.date for r in last_week) == [
        (today - dt.timedelta(days=d)).isoformat() for d in range(7, 0, -1)
    ]
    (total,) = stream(
        client,
        "SELECT campaign.id, metrics.clicks FROM campaign "
        "WHERE segments.date >= '2026-02-20' AND segments.date <= '2026-02-26'",
    )
    assert total.metrics.clicks == sum(r.metrics.clicks for r in rows)
    assert "date" not in total.segments


def test_geo_suggestions_come_from_the_catalogue(google_ads_client: Any, google_fake: GoogleAdsFake) -> None:
    client = google_ads_client
    request = client.get_type("SuggestGeoTargetConstantsRequest")
    request.locale = "en"
    request.location_names.names.extend(["California", "Ontario", "Atlantis", "Germany"])
    response = client.get_service("GeoTargetConstantService").suggest_geo_target_constants(request=request)

    by_term = {s.search_term: s for s in response.geo_target_constant_suggestions}
    assert set(by_term) == {"California", "Ontario", "Germany"}
    california = by_term["California"].geo_target_constant
    region = find_region("California")
    assert region is not None
    assert california.resource_name == f"geoTargetConstants/{region.google_id}"
    assert california.country_code == "US" and california.target_type == "State"
    assert [p.resource_name for p in by_term["California"].geo_target_constant_parents] == [
        "geoTargetConstants/2840"
    ]
    assert by_term["Germany"].geo_target_constant.resource_name == "geoTargetConstants/2276"

    request.country_code = "CA"
    narrowed = client.get_service("GeoTargetConstantService").suggest_geo_target_constants(request=request)
    assert [s.search_term for s in narrowed.geo_target_constant_suggestions] == ["Ontario"]
    assert google_fake.requests[-1].method == "SuggestGeoTargetConstants"


def test_languages_interests_and_the_customer_resolve_by_gaql(google_ads_client: Any) -> None:
    client = google_ads_client
    (english,) = stream(
        client, "SELECT language_constant.id FROM language_constant WHERE language_constant.name = 'English'"
    )
    assert english.language_constant.id == 1000
    assert english.language_constant.resource_name == "languageConstants/1000"
    interests = stream(
        client,
        "SELECT user_interest.user_interest_id, user_interest.name FROM user_interest "
        "WHERE user_interest.name IN ('Running', 'Travel', 'running') ORDER BY user_interest.name",
    )
    running, travel = find_interest("Running"), find_interest("Travel")
    assert running is not None and travel is not None
    assert [(r.user_interest.name, r.user_interest.user_interest_id) for r in interests] == [
        ("Running", int(running.google_id)),
        ("Travel", int(travel.google_id)),
    ]
    (customer,) = stream(client, "SELECT customer.currency_code, customer.time_zone FROM customer")
    assert customer.customer.currency_code == "USD"
    assert customer.customer.resource_name == f"customers/{CID}"


def test_recorded_calls_hold_no_secrets(
    make_google_ads_client: Callable[..., Any], google_fake: GoogleAdsFake
) -> None:
    client = make_google_ads_client(login_customer_id="1112223334")  # optional; any manager id is accepted
    mutate(client, [budget_op(client)], partial_failure=True, validate_only=True)
    stream(client, "SELECT campaign.id FROM campaign")

    mutate_call, search_call = google_fake.requests
    assert (mutate_call.method, mutate_call.operation_count, mutate_call.partial_failure) == (
        "Mutate",
        1,
        True,
    )
    assert mutate_call.validate_only and mutate_call.status == "OK" and mutate_call.customer_id == CID
    assert mutate_call.login_customer_id == "1112223334"
    assert (search_call.method, search_call.query) == ("SearchStream", "SELECT campaign.id FROM campaign")
    recorded = repr(google_fake.requests)
    assert GOOGLE_DEVELOPER_TOKEN not in recorded and GOOGLE_ACCESS_TOKEN not in recorded
