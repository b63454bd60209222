"""A Meta read through the SDK retries each page on its own, as a session retries any read call.

The example workspace's ``meta-main`` account is read by the real SDK connector from the local Graph API
fake, in pages of two, with faults injected into one page (``MetaGraphFake.fail_page``). The session's
own retry policy (``Session.call``: attempts, back-off, Meta's regain time) paces each page; its
sleeps are recorded, never slept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import MetaGraphFake
from fakes.meta_fixtures import META_ACT, META_APP_SECRET, META_TOKEN

from midas_reconcile.connectors.meta_ads import MetaAdsConnector, MetaCredentials
from midas_reconcile.errors import PermanentError, TransientError
from midas_reconcile.resources import Resource
from midas_reconcile.session import READ_ATTEMPTS, Session

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

ACCOUNT = "meta-main"
#: Objects per page: nine campaigns are five pages, five ad sets three.
PAGE = 2
BUC_SUBCODE = 2446079


@pytest.fixture
def paged(meta_fake: MetaGraphFake) -> MetaGraphFake:
    """Nine campaigns, five ad sets under the first: an account read in many pages."""
    campaign = {"objective": "OUTCOME_SALES", "status": "ACTIVE", "special_ad_categories": []}
    ids = [
        meta_fake.sim.create(META_ACT, "campaigns", {**campaign, "name": f"c{i}", "daily_budget": 2500})["id"]
        for i in range(9)
    ]
    adset = {"optimization_goal": "REACH", "billing_event": "IMPRESSIONS", "campaign_id": ids[0]}
    for i in range(5):
        targeting = {"geo_locations": {"countries": ["US"]}}
        meta_fake.sim.create(META_ACT, "adsets", {**adset, "name": f"s{i}", "targeting": targeting})
    return meta_fake


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def session(workspace: Path, paged: MetaGraphFake, state_url: str, waits: list[float]) -> Iterator[Session]:
    connector = MetaAdsConnector(
        account=ACCOUNT,
        ad_account_id=META_ACT,
        currency="USD",
        credentials=MetaCredentials(META_TOKEN, META_APP_SECRET),
        graph_url=paged.url,
        sleep=waits.append,
        page_size=PAGE,
    )
    with Session(
        workspace, state_url=state_url, connectors={ACCOUNT: connector}, sleep=waits.append
    ) as opened:
        yield opened


def read(session: Session) -> list[Resource]:
    return session.read_live([ACCOUNT])[ACCOUNT]


def pages(fake: MetaGraphFake, edge: str) -> list[tuple[str | None, int]]:
    """Each GET of an edge of the ad account: the cursor it asked from and the status answered."""
    path = f"/v26.0/{META_ACT}/{edge}"
    return [(r.params.get("after"), r.status) for r in fake.requests if r.path == path and r.method == "GET"]


def clean_read(session: Session, fake: MetaGraphFake) -> tuple[list[Resource], dict[str, list[Any]]]:
    """What a read without faults returns, and the pages it asks for, per edge."""
    live = read(session)
    asked = {edge: pages(fake, edge) for edge in ("campaigns", "adsets", "ads", "adcreatives")}
    fake.requests.clear()
    return live, asked


@pytest.mark.parametrize(
    "fault",
    [
        {"code": 80004, "subcode": BUC_SUBCODE, "status": 400, "regain_minutes": 2},
        {"code": 613, "status": 400},
        {"code": 2, "status": 500},
        {"code": 1, "status": 503, "transient": False},
    ],
    ids=["buc-throttle", "account-throttle", "service-unavailable", "5xx-not-marked-transient"],
)
def test_a_transient_failure_of_page_5_asks_for_page_5_once_more_and_nothing_else_again(
    session: Session, paged: MetaGraphFake, waits: list[float], fault: dict[str, Any]
) -> None:
    expected, clean = clean_read(session, paged)
    assert len(clean["campaigns"]) == 5 and len(clean["adsets"]) == 3

    paged.fail_page("campaigns", 5, **fault)
    live = read(session)

    assert [(r.address, r.fields, r.platform_id) for r in live] == [
        (r.address, r.fields, r.platform_id) for r in expected
    ]
    failed = clean["campaigns"][4][0], fault["status"]
    assert pages(paged, "campaigns") == [*clean["campaigns"][:4], failed, clean["campaigns"][4]]
    for edge in ("adsets", "ads", "adcreatives"):
        assert pages(paged, edge) == clean[edge]
    if "regain_minutes" in fault:
        assert max(waits) >= 120, "Meta's estimated_time_to_regain_access is waited out"


def test_a_permanent_failure_of_a_page_is_not_retried_and_says_which_page(
    session: Session, paged: MetaGraphFake
) -> None:
    _, clean = clean_read(session, paged)
    paged.fail_page("adsets", 2, code=100, status=400, transient=False, message="(#100) Invalid parameter")

    with pytest.raises(PermanentError) as caught:
        read(session)

    assert caught.value.code == "100"
    assert f"reading the adsets of {META_ACT}, page 2: (#100) Invalid parameter" in str(caught.value)
    assert pages(paged, "campaigns") == clean["campaigns"]
    assert pages(paged, "adsets") == [clean["adsets"][0], (clean["adsets"][1][0], 400)]
    assert pages(paged, "ads") == []


def test_a_page_failing_every_attempt_ends_the_read_with_its_last_error(
    session: Session, paged: MetaGraphFake
) -> None:
    _, clean = clean_read(session, paged)
    paged.fail_page("campaigns", 3, times=READ_ATTEMPTS)

    with pytest.raises(TransientError) as caught:
        read(session)

    assert caught.value.code == "2"
    assert f"reading the campaigns of {META_ACT}, page 3: (#2) Service temporarily unavailable" in str(
        caught.value
    )
    third = clean["campaigns"][2][0]
    assert pages(paged, "campaigns") == [*clean["campaigns"][:2], *[(third, 500)] * READ_ATTEMPTS]
    assert pages(paged, "adsets") == []


def test_a_page_that_succeeds_on_the_last_attempt_completes_the_read(
    session: Session, paged: MetaGraphFake
) -> None:
    expected, clean = clean_read(session, paged)
    paged.fail_page("campaigns", 3, times=READ_ATTEMPTS - 1)

    assert [r.address for r in read(session)] == [r.address for r in expected]
    assert len(pages(paged, "campaigns")) == len(clean["campaigns"]) + READ_ATTEMPTS - 1
