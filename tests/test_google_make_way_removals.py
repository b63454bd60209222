"""The removals that make way for a Hotel ad group's new booking range (``GoogleBackend._clear_reset_ranges``
): each once, whatever retries the read took, and a create refused told by its own error."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pytest
from test_google_read_queries import CID, SpySim
from test_google_read_queries import world as world  # the fixture: a sandbox with Google account CID

from midas_reconcile.connectors.base import WriteOp, WriteResult
from midas_reconcile.connectors.google_backend import GoogleBackend
from midas_reconcile.connectors.google_schema import GoogleAdsError, MutateResponse
from midas_reconcile.connectors.sandbox import GoogleAdsSimulator, SandboxWorld
from midas_reconcile.errors import TransientError
from midas_reconcile.resources import Address

T = TypeVar("T")


class SentSim(SpySim):
    """``SpySim``, noting the operations of each mutate request."""

    def __init__(self, world: SandboxWorld, fail_once: set[str]) -> None:
        super().__init__(world, fail_once)
        self.sent: list[list[dict[str, Any]]] = []

    def mutate(self, customer_id: str, operations: Sequence[dict[str, Any]], **options: Any) -> Any:
        self.sent.append([dict(op) for op in operations])
        return super().mutate(customer_id, operations, **options)


def _hotel_group_with_a_reset_stay(sim: GoogleAdsSimulator) -> tuple[str, str]:
    """A Hotel campaign's HOTEL_ADS ad group holding a length of stay 1-3 row at 1.0 (a console's reset):
    (the ad group's id, that row's resource name)."""
    budget, campaign = f"customers/{CID}/campaignBudgets/-1", f"customers/{CID}/campaigns/-2"
    made = sim.mutate(
        CID,
        [
            {
                "campaign_budget_operation": {
                    "create": {
                        "resource_name": budget,
                        "name": "b",
                        "amount_micros": 10_000_000,
                        "explicitly_shared": False,
                    }
                }
            },
            {
                "campaign_operation": {
                    "create": {
                        "resource_name": campaign,
                        "name": "Hotels",
                        "advertising_channel_type": "HOTEL",
                        "campaign_budget": budget,
                        "manual_cpc": {},
                        "hotel_setting": {"hotel_center_id": 5550009},
                    }
                }
            },
            {"ad_group_operation": {"create": {"name": "g", "campaign": campaign, "type": "HOTEL_ADS"}}},
        ],
    )
    group = str(made.results[2])
    stay = {"ad_group": group, "length_of_booking": {"min_days": 1, "max_days": 3}, "bid_modifier": 1.0}
    row = sim.mutate(CID, [{"ad_group_bid_modifier_operation": {"create": stay}}])
    return group.rsplit("/", 1)[1], str(row.results[0])


def _retry(query: Callable[[], T]) -> T:
    for _ in range(3):
        try:
            return query()
        except TransientError:
            continue
    raise AssertionError("three attempts")


def _stay(group: str, low: int, high: int, modifier: str) -> WriteOp:
    address = Address("google", "g", "ad_group_bid_modifier", f"Hotels/g/length_of_stay:{low}-{high}")
    fields = {"type": "LENGTH_OF_BOOKING", "min_days": low, "max_days": high, "bid_modifier": modifier}
    return WriteOp("create", address, fields, refs={"ad_group": group})


def _removals(sent: list[list[dict[str, Any]]]) -> list[str]:
    return [
        str(op["ad_group_bid_modifier_operation"]["remove"])
        for request in sent
        for op in request
        if "remove" in op.get("ad_group_bid_modifier_operation", {})
    ]


def test_a_read_of_bid_modifiers_retried_midway_removes_a_reset_range_once_ahead_of_a_new_one(
    world: SandboxWorld,
) -> None:
    """A read whose bid modifier query failed midway and was retried keeps each reset range once (buffered
    per query, as the other rows later writes need), so the new range overlapping it sends one removal."""
    group, reset = _hotel_group_with_a_reset_stay(GoogleAdsSimulator(world))
    sim = SentSim(world, {"ad_group_bid_modifier"})
    backend = GoogleBackend(sim, "g", CID, "USD")
    backend.read(_retry)
    assert sim.queried.count("ad_group_bid_modifier") == 2  # failed midway, then read afresh
    [result] = backend.write([_stay(group, 2, 5, "1.2")])
    assert result.ok, result.error
    assert _removals(sim.sent) == [reset]


def _failed(results: list[WriteResult]) -> Any:
    [result] = results
    assert not result.ok
    return result.error


def test_a_new_range_refused_after_the_reset_row_went_is_told_by_its_own_error(world: SandboxWorld) -> None:
    """A reset row gone since the read (its make-way removal RESOURCE_NOT_FOUND) and a new range refused for
    its own reason: the failure told is the range's, not the removal's."""
    group, reset = _hotel_group_with_a_reset_stay(GoogleAdsSimulator(world))
    sim = SentSim(world, set())
    backend = GoogleBackend(sim, "g", CID, "USD")
    backend.read()
    GoogleAdsSimulator(world).mutate(CID, [{"ad_group_bid_modifier_operation": {"remove": reset}}])
    error = _failed(backend.write([_stay(group, 2, 5, "11")]))  # above Google's 10
    assert _removals(sim.sent) == [reset]
    assert (error.code, error.field) == ("range_error.TOO_HIGH", "create.bid_modifier"), error
    assert "not found" not in str(error), error


class RefusingSim(SentSim):
    """``SentSim`` refusing a request's removal with ``removal`` and its create with range_error.TOO_HIGH."""

    def __init__(self, world: SandboxWorld, removal: str) -> None:
        super().__init__(world, set())
        self.removal = removal

    def mutate(self, customer_id: str, operations: Sequence[dict[str, Any]], **options: Any) -> Any:
        if not any("remove" in op.get("ad_group_bid_modifier_operation", {}) for op in operations):
            return super().mutate(customer_id, operations, **options)
        self.sent.append([dict(op) for op in operations])
        return MutateResponse(
            [None, None],
            [
                GoogleAdsError(self.removal, "refused: the removal", "", 0),
                GoogleAdsError("range_error.TOO_HIGH", "bid_modifier too high", "create.bid_modifier", 1),
            ],
        )


@pytest.mark.parametrize(
    ("removal", "told"),
    [
        ("mutate_error.RESOURCE_NOT_FOUND", False),
        ("authorization_error.ACTION_NOT_PERMITTED", True),
    ],
)
def test_a_refused_new_range_names_its_own_error_and_a_make_way_removal_s_other_than_not_found(
    world: SandboxWorld, removal: str, told: bool
) -> None:
    """Both a make-way removal and the new range refused: the range's error is the one reported (its code
    and field); the removal's is named beside it unless it was only that the row was already gone."""
    group, _reset = _hotel_group_with_a_reset_stay(GoogleAdsSimulator(world))
    sim = RefusingSim(world, removal)
    backend = GoogleBackend(sim, "g", CID, "USD")
    backend.read()
    error = _failed(backend.write([_stay(group, 2, 5, "1.2")]))
    assert (error.code, error.field) == ("range_error.TOO_HIGH", "create.bid_modifier"), error
    assert "bid_modifier too high" in str(error), error
    assert ("refused: the removal" in str(error)) is told, error
    assert (removal in str(error)) is told, error


def test_a_new_range_s_operation_cost_counts_the_removal_making_way_for_it_once(world: SandboxWorld) -> None:
    """The daily-quota estimate of a new range overlapping a reset row counts that row's removal, once
    whichever of the ranges overlapping it carries it; a range overlapping none costs its create alone."""
    group, _reset = _hotel_group_with_a_reset_stay(GoogleAdsSimulator(world))
    backend = GoogleBackend(GoogleAdsSimulator(world), "g", CID, "USD")
    backend.read()
    assert [backend.operation_cost(_stay(group, *ends, "1.2")) for ends in ((2, 5), (3, 3), (4, 9))] == [
        2,
        1,
        1,
    ]
