"""Which queries a Google read runs; a transient failure of one retries it alone (``GoogleBackend.read``)."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from midas_reconcile.connectors.google_backend import GoogleBackend
from midas_reconcile.connectors.sandbox import GoogleAdsSimulator, SandboxWorld
from midas_reconcile.errors import TransientError

CID = "1234567890"
T = TypeVar("T")


class SpySim(GoogleAdsSimulator):
    """The simulator, noting each streamed query's type; ``fail_once`` types fail once after their rows."""

    def __init__(self, world: SandboxWorld, fail_once: set[str]) -> None:
        super().__init__(world)
        self.queried: list[str] = []
        self.fail_once = fail_once

    def search_stream(
        self, customer_id: str, resource_type: str
    ) -> Generator[list[dict[str, Any]], None, None]:
        self.queried.append(resource_type)
        yield from super().search_stream(customer_id, resource_type)
        if resource_type in self.fail_once:  # midway, for the reader: the stream has not ended
            self.fail_once.discard(resource_type)
            raise TransientError("injected", platform="google", code="internal_error.INTERNAL_ERROR")


@pytest.fixture
def world(tmp_path: Path) -> Iterator[SandboxWorld]:
    world = SandboxWorld(tmp_path / "sandbox.db", sleep=lambda _s: None)
    world.register_account("google", CID, "USD")
    yield world
    world.close()


def _search_campaign(sim: GoogleAdsSimulator) -> None:
    budget = f"customers/{CID}/campaignBudgets/-1"
    create = {"resource_name": budget, "name": "b", "amount_micros": 10_000_000, "explicitly_shared": False}
    campaign = {"name": "Search", "advertising_channel_type": "SEARCH", "campaign_budget": budget}
    group = {"name": "g", "campaign": f"customers/{CID}/campaigns/-2"}
    sim.mutate(
        CID,
        [
            {"campaign_budget_operation": {"create": create}},
            {
                "campaign_operation": {
                    "create": {**campaign, "resource_name": group["campaign"], "maximize_conversions": {}}
                }
            },
            {"ad_group_operation": {"create": group}},
        ],
    )


def test_an_account_without_performance_max_is_read_without_the_asset_group_queries(
    world: SandboxWorld,
) -> None:
    sim = SpySim(world, set())
    _search_campaign(sim)
    resources = GoogleBackend(sim, "g", CID, "USD").read()
    assert {r.address.kind for r in resources} == {"campaign_budget", "campaign", "ad_group"}
    assert "asset_group" not in sim.queried and "asset_group_asset" not in sim.queried
    assert "campaign_asset" not in sim.queried  # a brand campaign's alone (``LiveReader.needs``)
    assert len(sim.queried) == len(set(sim.queried))


def test_the_page_feed_links_are_read_with_a_dynamic_search_campaign_or_for_an_import_alone(
    world: SandboxWorld,
) -> None:
    """A plan or drift of an account without Dynamic Search Ads once paid a query for its asset set links
    (only an import needs those of other Search and Performance Max campaigns, to refuse a page feed by
    name): now an import's read alone (``import_read``) runs it."""
    sim = SpySim(world, set())
    _search_campaign(sim)
    GoogleBackend(sim, "g", CID, "USD").read()
    assert "campaign_asset_set" not in sim.queried
    importing = GoogleBackend(sim, "g", CID, "USD")
    importing.import_read = True
    importing.read()
    assert sim.queried.count("campaign_asset_set") == 1


def test_a_transient_failure_of_one_query_retries_that_query_alone_without_its_partial_rows(
    world: SandboxWorld,
) -> None:
    _search_campaign(SpySim(world, set()))
    clean = GoogleBackend(SpySim(world, set()), "g", CID, "USD").read()
    sim = SpySim(world, {"ad_group", "campaign"})
    attempts: list[int] = []

    def retry(query: Callable[[], T]) -> T:
        for attempt in range(1, 4):
            attempts.append(attempt)
            try:
                return query()
            except TransientError:
                continue
        raise AssertionError("three attempts")

    read = GoogleBackend(sim, "g", CID, "USD").read(retry)
    assert [(r.address, r.fields, r.platform_id) for r in read] == [
        (r.address, r.fields, r.platform_id) for r in clean
    ]
    assert sorted(t for t in set(sim.queried) if sim.queried.count(t) > 1) == ["ad_group", "campaign"]
    assert all(sim.queried.count(t) == 1 for t in sim.queried if t not in ("ad_group", "campaign"))
    assert attempts.count(2) == 2
