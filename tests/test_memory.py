"""What keeps a plan of 100,000s of resources small changes nothing it computes: shared parts, streamed
sandbox reads, recorded state loaded in chunks, and the workspace released once compiled."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes.example import copy_example_workspace

from midas_reconcile import planner
from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.sandbox import SandboxConnector, SandboxWorld, google_sim
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.resources import GOOGLE, MANAGED_MARKER, META, Address, Resource, SharedParts
from midas_reconcile.session import Session
from midas_reconcile.store import StateStore
from midas_reconcile.store import core as store_core

REPO = Path(__file__).resolve().parents[1]
CID = "1234567890"
BUDGET = Address(GOOGLE, "google-main", "campaign_budget", "spring-sale")


def g(kind: str, path: str, account: str = "g") -> Address:
    return Address(GOOGLE, account, kind, path)


# --- shared parts ---------------------------------------------------------------------------------------


def test_adopted_resources_point_at_the_desired_sides_objects() -> None:
    campaign, group = g("campaign", "spring"), g("ad_group", "spring/core")
    desired = [
        Resource(campaign, {"name": "spring"}),
        Resource(group, {"name": "core", "status": "ENABLED"}, {"campaign": campaign}),
    ]
    shared = SharedParts(desired)
    # As a connector or the store builds them: equal values, objects of their own.
    live = Resource(
        g("ad_group", "spring/core"),
        {"name": "core", "status": "ENABLED"},
        {"campaign": g("campaign", "spring")},
        "7",
    )
    assert shared.adopt(live) is live
    assert live.address is group
    assert live.refs is desired[1].refs
    assert live.fields is desired[1].fields
    assert live.platform_id == "7"


def test_resources_the_specs_do_not_have_share_addresses_among_themselves() -> None:
    campaign = g("campaign", "spring")
    shared = SharedParts([Resource(campaign, {"name": "spring"})])
    first = Resource(g("ad_group", "spring/old"), {"name": "old"}, {"campaign": g("campaign", "spring")}, "8")
    second = Resource(g("ad_group", "spring/old"), {"name": "old", "status": "PAUSED"}, {}, "9")
    shared.adopt(first)
    shared.adopt(second)
    assert first.refs == {"campaign": campaign} and first.refs["campaign"] is campaign
    assert second.address is first.address
    assert second.fields == {"name": "old", "status": "PAUSED"}


@pytest.mark.parametrize(
    ("kind", "first", "second", "shared"),
    [
        (
            "ad_group_criterion",
            {"type": "GENDER", "gender": "FEMALE"},
            {"type": "GENDER", "gender": "FEMALE"},
            True,
        ),
        (
            "ad_group_criterion",
            {"type": "GENDER", "negative": True},
            {"type": "GENDER", "negative": 1},
            False,
        ),
        ("campaign_budget", {"amount_micros": 10_000}, {"amount_micros": 10_000.0}, False),
        ("ad_group", {"name": "a", "status": "PAUSED"}, {"status": "PAUSED", "name": "a"}, False),
        ("ad_group", {"name": "a", "labels": ["x"]}, {"name": "a", "labels": ("x",)}, False),
        ("ad_group", {"name": "a", "labels": ["x"]}, {"name": "a", "labels": ["x"]}, True),
        (
            "campaign",
            {"network_settings": {"target_google_search": True}},
            {"network_settings": {"target_google_search": 1}},
            False,
        ),
        (
            "campaign",
            {"network_settings": {"target_google_search": True}},
            {"network_settings": {"target_google_search": True}},
            True,
        ),
    ],
)
def test_fields_are_shared_only_when_equal_and_printed_alike(
    kind: str, first: dict[str, Any], second: dict[str, Any], shared: bool
) -> None:
    # 1 == 1.0 == True, and key order does not matter to ==; a plan shows values as they were read, so
    # only dicts that would print the same may become one.
    parts = SharedParts([Resource(g(kind, "a"), first)])
    other = Resource(g(kind, "b"), second)
    parts.adopt(other)
    assert (other.fields is first) is shared
    assert other.fields == second and repr(other.fields) == repr(second)


# --- addresses and clones -------------------------------------------------------------------------------


def test_an_address_hashes_and_compares_by_its_four_parts() -> None:
    address = g("ad_group", "spring/core")
    twin = g("ad_group", "spring/core")
    assert hash(address) == hash((GOOGLE, "g", "ad_group", "spring/core")) == hash(twin)
    assert address == twin and address is not twin
    assert address != g("ad_group", "spring/broad") and address != g("ad_group", "spring/core", "h")
    assert address != (GOOGLE, "g", "ad_group", "spring/core")
    assert sorted([g("campaign", "b"), g("campaign", "a")]) == [g("campaign", "a"), g("campaign", "b")]
    assert repr(address) == "Address(platform='google', account='g', kind='ad_group', path='spring/core')"
    for copied in (copy.deepcopy(address), pickle.loads(pickle.dumps(address))):
        assert copied == address and hash(copied) == hash(address)
    moved = dataclasses.replace(address, path="spring/broad")
    assert hash(moved) == hash((GOOGLE, "g", "ad_group", "spring/broad"))


def test_the_planners_clone_copies_every_attribute() -> None:
    original = Resource(
        g("ad_group", "spring/core"),
        {"name": "core"},
        {"campaign": g("campaign", "spring")},
        platform_id="1",
        managed=True,
        warnings=("note",),
        source="specs/a.yaml:3",
        spec_digest="d" * 64,
        on_remove="delete",
    )
    clone = planner._clone(original, platform_id="2")
    for name in Resource.__slots__:
        expected = "2" if name == "platform_id" else getattr(original, name)
        assert getattr(clone, name) == expected, name
    assert original.platform_id == "1"


# --- recorded state -------------------------------------------------------------------------------------


def _recorded_set() -> list[Resource]:
    resources = []
    for account, platform, kinds in (
        ("acme", GOOGLE, ("campaign_budget", "campaign", "ad_group")),
        ("acme-meta", META, ("campaign", "adset")),
    ):
        for name in ("b", "a", "c"):
            for kind in kinds:
                path = name if kind in ("campaign_budget", "campaign") else f"{name}/x"
                refs = (
                    {}
                    if kind in ("campaign_budget", "campaign")
                    else {"campaign": Address(platform, account, "campaign", name)}
                )
                resources.append(
                    Resource(Address(platform, account, kind, path), {"name": name}, refs, f"{kind}-{name}")
                )
    random.Random(7).shuffle(resources)
    return resources


def test_recorded_state_loads_in_chunks_in_address_order(
    store: StateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_core, "_LOAD_CHUNK", 4)
    resources = _recorded_set()
    store.record_many(resources)
    expected = sorted(resources, key=lambda r: r.address.sort_key())

    full = store.recorded()
    assert list(full) == [r.address for r in expected]
    assert [(r.fields, r.refs, r.platform_id) for r in full.values()] == [
        (r.fields, r.refs, r.platform_id) for r in expected
    ]
    light = store.recorded(with_fields=False)
    assert list(light) == list(full)
    assert all(r.fields == {} for r in light.values())


def test_recorded_state_adopts_the_desired_sides_objects(store: StateStore) -> None:
    resources = _recorded_set()
    store.record_many(resources)
    desired = [dataclasses.replace(r, platform_id=None) for r in resources]
    recorded = store.recorded(with_fields=False, shared=SharedParts(desired))
    by_address = {r.address: r for r in desired}
    for address, resource in recorded.items():
        assert resource.address is by_address[address].address
        assert resource.refs is by_address[address].refs


# --- streamed sandbox reads -----------------------------------------------------------------------------


@pytest.fixture
def world(tmp_path: Path) -> Iterator[SandboxWorld]:
    opened = SandboxWorld(tmp_path / "sandbox.db", sleep=lambda _s: None)
    yield opened
    opened.close()


def _campaigns(connector: SandboxConnector, names: list[str]) -> None:
    ops = []
    for name in names:
        budget, campaign = (
            g("campaign_budget", name, connector.account),
            g("campaign", name, connector.account),
        )
        ops += [
            WriteOp(
                "create", budget, {"name": name, "amount_micros": 10_000_000, "explicitly_shared": False}
            ),
            WriteOp(
                "create",
                campaign,
                {
                    "name": name,
                    "status": "ENABLED",
                    "advertising_channel_type": "SEARCH",
                    "bidding_strategy_type": "MANUAL_CPC",
                    "labels": [MANAGED_MARKER],
                },
                {"campaign_budget": budget},
            ),
        ]
    assert all(result.ok for result in connector.write(ops))


def test_a_google_search_stream_is_one_query_sent_in_batches(
    world: SandboxWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    connector = SandboxConnector(world, platform=GOOGLE, account="g", native_id=CID, currency="USD")
    _campaigns(connector, ["a", "b", "c", "d", "e"])
    monkeypatch.setattr(google_sim, "STREAM_BATCH", 2)
    sim = GoogleAdsSimulator(world)
    world.reset_stats()
    batches = list(sim.search_stream(CID, "campaign"))
    assert [len(batch) for batch in batches] == [2, 2, 1]
    assert world.stats()["calls"][GOOGLE][CID]["read"] == {"campaign": 1}
    assert [row for batch in batches for row in batch] == sim.search(CID, "campaign")
    # A stream left half-read ends its call: the world takes the next one.
    stream = sim.search_stream(CID, "campaign_budget")
    next(stream)
    stream.close()
    assert len(sim.search(CID, "campaign_budget")) == 5


def test_a_streamed_read_holds_every_object_once(
    world: SandboxWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    connector = SandboxConnector(world, platform=GOOGLE, account="g", native_id=CID, currency="USD")
    _campaigns(connector, ["a", "b", "c"])
    whole = connector.read()
    monkeypatch.setattr(google_sim, "STREAM_BATCH", 1)
    assert connector.read() == whole
    assert [str(r.address) for r in whole] == [
        f"{kind}/{name}@google:g" for kind in ("campaign_budget", "campaign") for name in "abc"
    ]


def test_meta_pages_skip_deleted_objects_and_end_where_the_objects_do(world: SandboxWorld) -> None:
    sim = MetaSimulator(world)
    campaign = {"objective": "OUTCOME_SALES", "special_ad_categories": [], "daily_budget": 5000}
    ids = [sim.create("act_5", "campaigns", {**campaign, "name": f"c{i}"})["id"] for i in range(6)]
    for deleted in (ids[1], ids[2], ids[5]):
        sim.delete(deleted)
    pages, after = [], None
    while True:
        page = sim.edge("act_5", "campaigns", fields=["name"], limit=2, after=after)
        pages.append([node["id"] for node in page["data"]])
        if "next" not in page["paging"]:
            break
        after = page["paging"]["cursors"]["after"]
    assert pages == [[ids[0], ids[3]], [ids[4]]]


# --- the workspace --------------------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = copy_example_workspace(tmp_path / "ws")
    guardrails = root / "policies" / "guardrails.yaml"
    guardrails.write_text(
        guardrails.read_text().replace(
            "max_daily_budget_per_campaign: 500", "max_daily_budget_per_campaign: 1"
        )
    )
    return root


def test_a_plan_releases_the_specs_and_reads_them_again_when_asked(workspace: Path) -> None:
    with Session(workspace, state_url=f"sqlite:///{workspace}/state.db", actor="test") as session:
        assert "spring-sale" in session.workspace.campaigns
        first = session.plan()
        # The guardrails were loaded with the specs and still check the plan after their release.
        assert {v.override for v in first.violations} == {"budget-cap"}
        spec = workspace / "specs" / "spring-sale.yaml"
        spec.write_text(spec.read_text().replace("daily: 50.00", "daily: 60.00"))
        assert session.workspace.campaigns["spring-sale"].spec.budget.daily == 60
        second = session.plan()
        assert [c.address for c in second.plan.changes] == [c.address for c in first.plan.changes]
        [budget] = [c.after for c in second.plan.changes if c.address == BUDGET and c.after is not None]
        assert budget.fields["amount_micros"] == 36_000_000  # 60% of 60.00 USD, read again from the file


# --- the paused collector -------------------------------------------------------------------------------


class _Node:
    other: _Node | None = None


def test_resuming_the_collector_leaves_nothing_for_a_young_collection_and_still_frees_cycles() -> None:
    import gc

    from midas_reconcile.gcpause import gc_paused

    assert gc.isenabled()
    gc.collect()  # generation counts at zero: no collection but the young one runs right after the pause
    with gc_paused():
        kept = [_Node() for _ in range(10_000)]
        first, second = _Node(), _Node()
        first.other, second.other = second, first
    assert gc.isenabled()
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(node) in oldest for node in kept)  # the survivors went to the oldest generation
    del first, second
    assert gc.collect() >= 2  # a full collection still frees the cycle made during the pause
    assert len(kept) == 10_000


def test_objects_the_program_froze_stay_frozen() -> None:
    import gc

    from midas_reconcile.gcpause import gc_paused

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            made = [_Node() for _ in range(100)]
        # Not equal: a frozen object freed meanwhile (by another thread of the test run) leaves the frozen
        # generation. Unfrozen by the pause, none would be left in it.
        assert gc.get_freeze_count() > frozen // 2 and len(made) == 100
    finally:
        gc.unfreeze()


def test_garbage_cycles_made_in_paused_blocks_are_freed_in_a_long_running_process() -> None:
    # A process running one command after another (a scheduler using the Python API, the test suite) makes
    # reference cycles inside each pause that die with the command. Moved to the oldest generation
    # uncounted, they would wait for a full collection the collector never starts on its own.
    import gc
    import weakref

    from midas_reconcile.gcpause import gc_paused

    gc.collect()
    tracked = len(gc.get_objects())
    with gc_paused():
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        first_cycle = weakref.ref(first)
        del first, second
    commands = 0
    # Ten commands' worth of the heap's size in garbage, in cycles of 1,000 objects.
    while first_cycle() is not None and commands < 10 * tracked // 1_000:
        with gc_paused():
            nodes = [_Node() for _ in range(1_000)]
            for node, following in zip(nodes, nodes[1:] + nodes[:1], strict=True):
                node.other = following
            del nodes, node, following
        commands += 1
    assert first_cycle() is None
