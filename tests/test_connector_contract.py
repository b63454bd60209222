"""The connector contract: every Connector (the sandbox's google and meta, meta_ads over its Graph API
fake, google_ads over its gRPC fake) must pass these tests unchanged.

A ``ConnectorPair`` is a connector under test plus the sandbox world behind it (directly, or behind a
wire fake). To add a connector, register a factory in ``PAIR_FACTORIES``; the resource tables below
(``TREES``, ``UPDATES``, ``FAILURES`` …) are per platform and written in the normalised field catalogue
``resources.FIELDS``, so they hold for every connector of that platform.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.ad_names import AD_KIND, named_by_record
from midas_reconcile.connectors.base import Connector, DailyMetrics, WriteOp, WriteResult
from midas_reconcile.connectors.sandbox import SandboxConnector, SandboxWorld
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import FIELDS, GOOGLE, MANAGED_MARKER, META, Address, Resource

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC).timestamp()


@dataclass
class ConnectorPair:
    """A connector under test and the simulated world it talks to (``close`` stops any wire fake)."""

    name: str
    platform: str
    connector: Connector
    world: SandboxWorld
    close: Callable[[], None] = lambda: None


def _sandbox(platform: str, native_id: str) -> Callable[[Path], ConnectorPair]:
    def make(tmp_path: Path) -> ConnectorPair:
        world = SandboxWorld(tmp_path / "sandbox.db", clock=lambda: NOW, sleep=lambda _s: None)
        connector = SandboxConnector(
            world, platform=platform, account="acct", native_id=native_id, currency="USD"
        )
        return ConnectorPair(f"sandbox-{platform}", platform, connector, world)

    return make


def _meta_ads_over_fake(tmp_path: Path) -> ConnectorPair:
    """The real Meta connector (facebook-business SDK) against the local Graph API fake."""
    from fakes import MetaGraphFake

    from midas_reconcile.connectors.meta_ads import MetaAdsConnector, MetaCredentials

    world = SandboxWorld(tmp_path / "sandbox.db", clock=lambda: NOW, sleep=lambda _s: None)
    world.register_account(META, "987654321", "USD")
    fake = MetaGraphFake(world, access_token="contract-token", app_secret="contract-secret").start()
    connector = MetaAdsConnector(
        account="acct",
        ad_account_id="act_987654321",
        currency="USD",
        credentials=MetaCredentials("contract-token", "contract-secret"),
        graph_url=fake.url,
        sleep=lambda _s: None,
    )
    return ConnectorPair("meta_ads-fake", META, connector, world, fake.close)


def _google_ads_over_fake(tmp_path: Path) -> ConnectorPair:
    """The real Google Ads connector (google-ads SDK, gRPC) against the local Google Ads API fake."""
    from fakes import GoogleAdsFake
    from fakes.google_ads_server import route_google_ads_to
    from fakes.google_fixtures import GOOGLE_ACCESS_TOKEN, GOOGLE_DEVELOPER_TOKEN, google_ads_client_for

    from midas_reconcile.connectors.google_ads import GoogleAdsConnector

    world = SandboxWorld(tmp_path / "sandbox.db", clock=lambda: NOW, sleep=lambda _s: None)
    world.register_account(GOOGLE, "1234567890", "USD")
    stack = contextlib.ExitStack()
    fake = stack.enter_context(
        GoogleAdsFake(world, developer_token=GOOGLE_DEVELOPER_TOKEN, access_token=GOOGLE_ACCESS_TOKEN)
    )
    stack.enter_context(route_google_ads_to(fake))
    connector = GoogleAdsConnector(
        account="acct", customer_id="1234567890", currency="USD", client=google_ads_client_for()
    )
    return ConnectorPair("google_ads-fake", GOOGLE, connector, world, stack.close)


#: name → factory(tmp_path).
PAIR_FACTORIES: dict[str, Callable[[Path], ConnectorPair]] = {
    "sandbox-google": _sandbox(GOOGLE, "1234567890"),
    "sandbox-meta": _sandbox(META, "act_987654321"),
    "meta_ads-fake": _meta_ads_over_fake,
    "google_ads-fake": _google_ads_over_fake,
}


@pytest.fixture(params=sorted(PAIR_FACTORIES))
def connector_pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConnectorPair]:
    pair = PAIR_FACTORIES[request.param](tmp_path)
    yield pair
    pair.close()
    pair.world.close()


# --- resource tables (normalised fields, exactly as read() returns them) -------------------------------

Row = tuple[str, str, dict[str, Any], dict[str, str]]  # kind, path, fields, refs (name → path)

#: Google keeps no name for a responsive search ad: the connector reads it at its id, and the session
#: names it after what MIDAS recorded (``ad_names``), as ``live(pair, ids)`` does here.
_RSA = {
    "status": "ENABLED",
    "type": "RESPONSIVE_SEARCH_AD",
    "headlines": sorted(["Run faster", "Shoes for runners", "Spring sale"]),
    "descriptions": sorted(["Light shoes for long runs.", "Free returns within 30 days."]),
    "final_urls": ["https://shop.example/run"],
}

TREES: dict[str, list[Row]] = {
    GOOGLE: [
        (
            "campaign_budget",
            "spring",
            {
                "name": "spring",
                "amount_micros": 50_000_000,
                "delivery_method": "STANDARD",
                "explicitly_shared": False,
            },
            {},
        ),
        (
            "campaign",
            "spring",
            {
                "name": "spring",
                "status": "ENABLED",
                "advertising_channel_type": "SEARCH",
                "bidding_strategy_type": "MAXIMIZE_CONVERSIONS",
                "target_cpa_micros": 12_000_000,
                "network_settings": {"target_google_search": True, "target_search_network": False},
                "start_date": "2026-03-01",
                "end_date": "2026-06-30",
                "contains_eu_political_advertising": False,
                "labels": [MANAGED_MARKER],
            },
            {"campaign_budget": "spring"},
        ),
        (
            "campaign_criterion",
            "spring/location:2840",
            {"type": "LOCATION", "geo_target_constant": "geoTargetConstants/2840"},
            {"campaign": "spring"},
        ),
        (
            "campaign_criterion",
            "spring/language:1000",
            {"type": "LANGUAGE", "language_constant": "languageConstants/1000"},
            {"campaign": "spring"},
        ),
        (
            "campaign_criterion",
            "spring/negative_keyword:PHRASE:free",
            {"type": "KEYWORD", "negative": True, "keyword_text": "free", "keyword_match_type": "PHRASE"},
            {"campaign": "spring"},
        ),
        (
            "ad_group",
            "spring/runners",
            {"name": "runners", "status": "ENABLED", "type": "SEARCH_STANDARD", "labels": [MANAGED_MARKER]},
            {"campaign": "spring"},
        ),
        (
            "ad_group_criterion",
            "spring/runners/age_range:AGE_RANGE_25_34",
            {"type": "AGE_RANGE", "status": "ENABLED", "age_range": "AGE_RANGE_25_34"},
            {"ad_group": "spring/runners"},
        ),
        (
            "ad_group_criterion",
            "spring/runners/gender:FEMALE",
            {"type": "GENDER", "status": "ENABLED", "gender": "FEMALE"},
            {"ad_group": "spring/runners"},
        ),
        (
            "ad_group_criterion",
            "spring/runners/user_interest:92900",
            {"type": "USER_INTEREST", "status": "ENABLED", "user_interest": "92900"},
            {"ad_group": "spring/runners"},
        ),
        (
            "ad_group_criterion",
            "spring/runners/keyword:EXACT:running shoes",
            {
                "type": "KEYWORD",
                "status": "ENABLED",
                "keyword_text": "running shoes",
                "keyword_match_type": "EXACT",
            },
            {"ad_group": "spring/runners"},
        ),
        ("ad_group_ad", "spring/runners/hero", dict(_RSA), {"ad_group": "spring/runners"}),
    ],
    META: [
        (
            "campaign",
            "spring",
            {
                "name": "spring",
                "objective": "OUTCOME_SALES",
                "status": "ACTIVE",
                "special_ad_categories": [],
                "daily_budget": 5_000,
                "bid_strategy": "LOWEST_COST_WITHOUT_CAP",
                "buying_type": "AUCTION",
                "adlabels": [MANAGED_MARKER],
            },
            {},
        ),
        (
            "adset",
            "spring/runners",
            {
                "name": "runners",
                "status": "ACTIVE",
                "optimization_goal": "OFFSITE_CONVERSIONS",
                "billing_event": "IMPRESSIONS",
                "promoted_object": {"pixel_id": "424242", "custom_event_type": "PURCHASE"},
                "targeting": {
                    "age_min": 25,
                    "age_max": 45,
                    "genders": [2],
                    "geo_locations": {"countries": ["US"], "regions": [{"key": "3847"}]},
                    "interests": [{"id": "6003100000000", "name": "Running"}],
                    "targeting_automation": {"advantage_audience": 0},
                },
                "start_time": "2026-03-01T00:00:00-0500",
                "end_time": "2026-06-30T23:59:59-0400",
                "adlabels": [MANAGED_MARKER],
            },
            {"campaign": "spring"},
        ),
        (
            "adcreative",
            "spring/runners/hero",
            {
                "name": "hero",
                "title": "Spring sale",
                "body": "Light shoes for long runs.",
                "description": "Free returns within 30 days.",
                "link_url": "https://shop.example/run",
                "call_to_action_type": "SHOP_NOW",
                "adlabels": [MANAGED_MARKER],
            },
            {},
        ),
        (
            "ad",
            "spring/runners/hero",
            {"name": "hero", "status": "ACTIVE", "adlabels": [MANAGED_MARKER]},
            {"adset": "spring/runners", "creative": "spring/runners/hero"},
        ),
    ],
}

#: A field change per platform: (kind, path, changed fields).
UPDATES: dict[str, tuple[str, str, dict[str, Any]]] = {
    GOOGLE: ("campaign_budget", "spring", {"amount_micros": 80_000_000}),
    META: ("campaign", "spring", {"daily_budget": 8_000}),
}
#: What to pause, and what to delete (with everything below it) per platform.
PAUSES: dict[str, tuple[str, str, str]] = {
    GOOGLE: ("campaign", "spring", "PAUSED"),
    META: ("campaign", "spring", "PAUSED"),
}
DELETES: dict[str, tuple[str, str]] = {
    GOOGLE: ("ad_group", "spring/runners"),
    META: ("adset", "spring/runners"),
}
#: An invalid create per platform (kind, path, fields, refs) and the platform's error code.
FAILURES: dict[str, tuple[Row, str]] = {
    GOOGLE: (
        (
            "campaign_budget",
            "bad",
            {
                "name": "bad",
                "amount_micros": 1_234_567,
                "delivery_method": "STANDARD",
                "explicitly_shared": False,
            },
            {},
        ),
        "campaign_budget_error.NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT",
    ),
    META: (
        (
            "campaign",
            "bad",
            {
                "name": "bad",
                "objective": "OUTCOME_SALES",
                "status": "ACTIVE",
                "special_ad_categories": [],
                "daily_budget": 50,
            },
            {},
        ),
        "100/1885272",
    ),
}
#: A create that refers to the failing one above.
DEPENDENTS: dict[str, Row] = {
    GOOGLE: (
        "campaign",
        "bad",
        {
            "name": "bad",
            "status": "ENABLED",
            "advertising_channel_type": "SEARCH",
            "bidding_strategy_type": "MANUAL_CPC",
        },
        {"campaign_budget": "bad"},
    ),
    META: (
        "adset",
        "bad/set",
        {
            "name": "set",
            "status": "ACTIVE",
            "optimization_goal": "REACH",
            "billing_event": "IMPRESSIONS",
            "targeting": {
                "geo_locations": {"countries": ["US"]},
                "targeting_automation": {"advantage_audience": 0},
            },
        },
        {"campaign": "bad"},
    ),
}


def addr(pair: ConnectorPair, kind: str, path: str) -> Address:
    return Address(pair.platform, pair.connector.account, kind, path)


def create_ops(pair: ConnectorPair, rows: list[Row], ids: dict[Address, str] | None = None) -> list[WriteOp]:
    """Creates for ``rows``; refs to rows of the same list are in-batch Addresses, others platform ids."""
    inside = {addr(pair, kind, path) for kind, path, _, _ in rows}
    ops = []
    for kind, path, fields, refs in rows:
        resolved: dict[str, str | Address] = {}
        for name, target_path in refs.items():
            target = addr(pair, "adcreative" if name == "creative" else name, target_path)
            resolved[name] = target if target in inside else (ids or {})[target]
        ops.append(WriteOp("create", addr(pair, kind, path), dict(fields), resolved))
    return ops


def build_tree(pair: ConnectorPair) -> dict[Address, str]:
    results = pair.connector.write(create_ops(pair, TREES[pair.platform]))
    assert [r.ok for r in results] == [True] * len(results), [r.error for r in results if not r.ok]
    return {r.address: str(r.platform_id) for r in results}


def live(pair: ConnectorPair, recorded: Mapping[Address, str] | None = None) -> dict[Address, Resource]:
    """What the connector reads, by address; with ``recorded`` (address → platform id, as the state
    store keeps them) Google's ads at their recorded names."""
    found = pair.connector.read()
    if recorded:
        found = named_by_record(found, {i: a.path for a, i in recorded.items() if a.kind == AD_KIND})
    return {r.address: r for r in found}


# --- the contract ---------------------------------------------------------------------------------------


def test_tables_use_exactly_the_field_catalogue() -> None:
    for platform, rows in TREES.items():
        for kind, path, fields, _ in rows:
            assert set(fields) <= FIELDS[(platform, kind)], (platform, kind, path)


def test_limits_and_identity(connector_pair: ConnectorPair) -> None:
    connector = connector_pair.connector
    assert isinstance(connector, Connector)
    assert connector.platform == connector_pair.platform
    assert connector.account == "acct"
    assert connector.currency == "USD"
    expected_batch = {GOOGLE: 10_000, META: 50}[connector_pair.platform]
    assert connector.limits.write_batch_size == expected_batch
    assert connector.limits.calls_per_second > 0 and connector.limits.burst >= 1


def test_empty_account_reads_nothing(connector_pair: ConnectorPair) -> None:
    assert connector_pair.connector.read() == []


def test_full_tree_reads_back_identically(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    ids = build_tree(pair)
    found = live(pair, ids)
    assert sorted(found) == sorted(ids)
    for kind, path, fields, refs in TREES[pair.platform]:
        resource = found[addr(pair, kind, path)]
        assert resource.fields == fields, (kind, path)
        expected_refs = {
            name: addr(pair, "adcreative" if name == "creative" else name, target)
            for name, target in refs.items()
        }
        assert resource.refs == expected_refs, (kind, path)
        assert resource.platform_id == ids[resource.address]
        assert resource.managed is True
    read = [r.address for r in pair.connector.read()]
    assert read == sorted(read, key=Address.sort_key) and len(read) == len(found)


def test_write_requests_are_counted_as_the_platform_counts_them(connector_pair: ConnectorPair) -> None:
    """What an apply reports as write calls: each Google Mutate request, each request of a Meta batch (Meta
    counts each against its call limits), each audience write — as the simulated platform answered them."""
    from midas_reconcile.connectors.base import CountsWriteRequests
    from midas_reconcile.resources import AUDIENCE_KIND

    pair = connector_pair
    assert isinstance(pair.connector, CountsWriteRequests)
    build_tree(pair)
    audience = WriteOp(
        "create",
        Address(pair.platform, "acct", AUDIENCE_KIND[pair.platform], "vip"),
        {**AUDIENCE_FIELDS[pair.platform], "members_digest": "d", "member_count": 0},
    )
    assert [r.ok for r in pair.connector.write([audience])] == [True]
    stats = pair.world.stats()
    counted = stats["calls"] if pair.platform == GOOGLE else stats["operations"]
    answered = sum(
        sum(per_kind.get("write", {}).values()) for per_kind in counted.get(pair.platform, {}).values()
    )
    assert pair.connector.write_requests == answered
    assert answered == (2 if pair.platform == GOOGLE else len(TREES[META]) + 1)


def test_update_changes_only_the_given_fields(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    ids = build_tree(pair)
    kind, path, changes = UPDATES[pair.platform]
    target = addr(pair, kind, path)
    before = live(pair)
    [result] = pair.connector.write([WriteOp("update", target, changes, platform_id=ids[target])])
    assert result.ok and result.platform_id == ids[target]
    after = live(pair)
    assert after[target].fields == {**before[target].fields, **changes}
    assert {a: r.fields for a, r in after.items() if a != target} == {
        a: r.fields for a, r in before.items() if a != target
    }


def test_pause_is_a_status_update(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    ids = build_tree(pair)
    kind, path, status = PAUSES[pair.platform]
    target = addr(pair, kind, path)
    [result] = pair.connector.write([WriteOp("update", target, {"status": status}, platform_id=ids[target])])
    assert result.ok
    assert live(pair)[target].fields["status"] == status


def test_delete_removes_the_object_and_what_hangs_below_it(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    ids = build_tree(pair)
    kind, path = DELETES[pair.platform]
    target = addr(pair, kind, path)
    [result] = pair.connector.write([WriteOp("delete", target, platform_id=ids[target])])
    assert result.ok
    remaining = live(pair)
    assert target not in remaining
    assert not [a for a in remaining if a.path.startswith(f"{path}/")]
    assert addr(pair, "campaign", "spring") in remaining


def test_one_failed_op_does_not_stop_the_others(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    bad, code = FAILURES[pair.platform]
    ops = create_ops(pair, [*TREES[pair.platform], bad])
    results = pair.connector.write(ops)
    assert [r.address for r in results] == [op.address for op in ops]
    *good, failed = results
    assert all(r.ok for r in good)
    assert not failed.ok and failed.platform_id is None
    assert isinstance(failed.error, PermanentError)
    assert failed.error.platform == pair.platform and failed.error.code == code
    assert addr(pair, bad[0], bad[1]) not in live(pair)


def test_an_op_depending_on_a_failed_op_fails_clearly(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    bad, _ = FAILURES[pair.platform]
    results = pair.connector.write(create_ops(pair, [bad, DEPENDENTS[pair.platform]]))
    assert [r.ok for r in results] == [False, False]
    error = results[1].error
    assert isinstance(error, PermanentError)
    assert "depends on failed operation" in str(error) and str(addr(pair, bad[0], bad[1])) in str(error)
    assert pair.connector.read() == []


def test_results_keep_the_order_of_the_ops(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    ids = build_tree(pair)
    kind, path, changes = UPDATES[pair.platform]
    target = addr(pair, kind, path)
    bad, _ = FAILURES[pair.platform]
    ops = [
        *create_ops(pair, [bad]),
        WriteOp("update", target, changes, platform_id=ids[target]),
    ]
    results: list[WriteResult] = pair.connector.write(ops)
    assert [(r.address, r.ok) for r in results] == [(ops[0].address, False), (target, True)]


@pytest.mark.parametrize(
    ("kind", "names", "known"),
    [
        ("location", ["US-CA", "us-ny", "Atlantis"], ["US-CA", "us-ny"]),
        (
            "interest",
            ["Running", "fitness and wellness", "Underwater basket weaving"],
            ["Running", "fitness and wellness"],
        ),
        # Languages the shipped tables know never reach resolve(); an unknown code resolves to nothing.
        ("language", ["xx"], []),
    ],
)
def test_resolve_known_names_only(
    connector_pair: ConnectorPair, kind: Any, names: list[str], known: list[str]
) -> None:
    found = connector_pair.connector.resolve(kind, names)
    assert sorted(found) == sorted(known)
    assert all(isinstance(v, str) and v.isdigit() for v in found.values())
    assert connector_pair.connector.resolve(kind, names) == found
    assert connector_pair.connector.resolve(kind, []) == {}


def test_metrics_are_daily_rows_per_campaign(connector_pair: ConnectorPair) -> None:
    pair = connector_pair
    ids = build_tree(pair)
    campaign_id = ids[addr(pair, "campaign", "spring")]
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 7)
    rows = pair.connector.metrics(start, end)
    assert rows, "an active campaign with a budget delivers"
    assert rows == pair.connector.metrics(start, end)
    assert [(r.date, r.campaign_id) for r in rows] == sorted((r.date, r.campaign_id) for r in rows)
    for row in rows:
        assert isinstance(row, DailyMetrics)
        assert start <= row.date <= end
        assert (row.platform, row.account, row.campaign_id, row.campaign_name) == (
            pair.platform,
            "acct",
            campaign_id,
            "spring",
        )
        assert row.currency == "USD"
        assert (
            isinstance(row.impressions, int)
            and isinstance(row.clicks, int)
            and 0 <= row.clicks <= row.impressions
        )
        for money in (row.spend, row.conversions, row.conversion_value):
            assert isinstance(money, Decimal) and money >= 0
        assert row.spend == row.spend.quantize(Decimal("0.01"))
    assert pair.connector.metrics(end, start) == []


AUDIENCE_FIELDS = {
    GOOGLE: {"name": "vip", "membership_life_span": 10_000},
    META: {"name": "vip", "customer_file_source": "USER_PROVIDED_ONLY"},
}


def _members(platform: str, indices: range) -> dict[str, Any]:
    import hashlib

    from midas_reconcile.audiences import members as audience_members
    from midas_reconcile.audiences.customer_list import HashedMember

    out = {}
    for i in indices:
        key = hashlib.sha256(f"person{i}@example.com".encode()).hexdigest()
        member = HashedMember(key, key, None, None, None, None, None, None, None, None)
        out[key] = audience_members.payload(member, platform)
    return out


def test_audiences_are_written_read_and_filled_incrementally(
    connector_pair: ConnectorPair, tmp_path: Path
) -> None:
    from midas_reconcile.audiences import members as audience_members
    from midas_reconcile.connectors.base import ReadsAudiences, UploadsMembers
    from midas_reconcile.connectors.sandbox.audience_sim import AudienceSimulator
    from midas_reconcile.resources import AUDIENCE_KIND
    from midas_reconcile.store import StateStore

    connector, platform = connector_pair.connector, connector_pair.platform
    assert isinstance(connector, ReadsAudiences) and isinstance(connector, UploadsMembers)
    address = Address(platform, "acct", AUDIENCE_KIND[platform], "vip")
    assert connector.read_audiences() == []
    fields = {**AUDIENCE_FIELDS[platform], "members_digest": "d", "member_count": 0}
    (created,) = connector.write([WriteOp("create", address, fields)])
    assert created.ok and created.platform_id, created.error
    (live,) = connector.read_audiences()
    assert (live.address, live.platform_id, live.fields) == (
        address,
        created.platform_id,
        AUDIENCE_FIELDS[platform],
    )

    (native,) = [a.account for a in connector_pair.world.accounts() if a.platform == platform]
    sim = AudienceSimulator(connector_pair.world)
    consent = {"ad_user_data": "granted", "ad_personalization": "granted"}
    with StateStore.open(f"sqlite:///{tmp_path / 'state.db'}") as store:
        run_id = store.start_run("apply", ["acct"], "contract")
        for indices in (range(30), range(10, 35)):
            sent = audience_members.upload(
                store, connector, run_id=run_id, address=address, platform_id=created.platform_id,
                desired=_members(platform, indices), consent=consent,
            )  # fmt: skip
            assert sent.ok, sent.error
            assert sim.members(platform, native, created.platform_id) == set(_members(platform, indices))
        assert (sent.added, sent.removed) == (5, 10)

    (renamed,) = connector.write(
        [WriteOp("update", address, {"description": "VIPs"}, platform_id=created.platform_id)]
    )
    assert renamed.ok and connector.read_audiences()[0].fields["description"] == "VIPs"
    (removed,) = connector.write([WriteOp("delete", address, platform_id=created.platform_id)])
    assert removed.ok and connector.read_audiences() == []


def test_targeted_audiences_go_out_by_id_and_read_back_by_name(connector_pair: ConnectorPair) -> None:
    """An audience created in the same write as what targets it: its new id goes on the wire, and the
    read names it again, with a ref to it (a targeting audience no list names reads as ``id:<id>``)."""
    from midas_reconcile.resources import AUDIENCE_KIND

    pair = connector_pair
    ids = build_tree(pair)
    audience = addr(pair, AUDIENCE_KIND[pair.platform], "vip")
    fields = {**AUDIENCE_FIELDS[pair.platform], "members_digest": "d", "member_count": 0}
    ops = [WriteOp("create", audience, fields)]
    if pair.platform == GOOGLE:
        group = addr(pair, "ad_group", "spring/runners")
        criterion = addr(pair, "ad_group_criterion", "spring/runners/user_list:vip")
        ops += [
            WriteOp("update", group, {"audience_bid_only": False}, platform_id=ids[group]),
            WriteOp(
                "create",
                criterion,
                {"type": "USER_LIST", "user_list": "vip"},
                {"ad_group": ids[group], "audience:vip": audience},
            ),
        ]
        targeting_resource = criterion
        expected = {"type": "USER_LIST", "status": "ENABLED", "user_list": "vip"}
    else:
        adset = addr(pair, "adset", "spring/runners")
        targeting = {**live(pair)[adset].fields["targeting"], "custom_audiences": ["vip"]}
        ops.append(
            WriteOp(
                "update", adset, {"targeting": targeting}, {"audience:vip": audience}, platform_id=ids[adset]
            )
        )
        targeting_resource = adset
        expected = {**live(pair)[adset].fields, "targeting": targeting}
    results = pair.connector.write(ops)
    assert all(r.ok for r in results), [r.error for r in results]
    found = live(pair)
    assert found[targeting_resource].fields == expected
    assert found[targeting_resource].refs["audience:vip"] == audience
    if pair.platform == GOOGLE:
        assert found[addr(pair, "ad_group", "spring/runners")].fields["audience_bid_only"] is False
        (removed,) = pair.connector.write(
            [WriteOp("update", group, {"audience_bid_only": None}, platform_id=ids[group])]
        )
        assert removed.ok and "audience_bid_only" not in live(pair)[group].fields


def test_an_audience_built_in_the_console_is_targeted_by_id_and_plans_clean(
    connector_pair: ConnectorPair,
) -> None:
    """An audience MIDAS did not make (a Google remarketing list, a Meta website audience) is read by
    name; a campaign targets it by its id on the wire (the id an ``existing: true`` plan carries) and
    reads back by name, so that the plan is clean and never touches the audience."""
    from midas_reconcile.connectors.sandbox import GoogleAdsSimulator, MetaSimulator, add_audience
    from midas_reconcile.planner import plan
    from midas_reconcile.resources import AUDIENCE_KIND

    pair = connector_pair
    ids = build_tree(pair)
    native = "1234567890" if pair.platform == GOOGLE else "act_987654321"
    console_id = add_audience(pair.world, {"acct": (pair.platform, native, "USD")}, "acct", "site-visitors")
    audience = addr(pair, AUDIENCE_KIND[pair.platform], "site-visitors")
    (read,) = pair.connector.read_audiences()  # type: ignore[attr-defined]
    assert (read.address, read.platform_id, read.fields["name"]) == (audience, console_id, "site-visitors")
    desired = dict(live(pair))
    named = {"audience:site-visitors": audience}
    if pair.platform == GOOGLE:
        group = addr(pair, "ad_group", "spring/runners")
        criterion = addr(pair, "ad_group_criterion", "spring/runners/user_list:site-visitors")
        fields = {"type": "USER_LIST", "status": "ENABLED", "user_list": "site-visitors"}
        ops = [
            WriteOp("update", group, {"audience_bid_only": False}, platform_id=ids[group]),
            WriteOp(
                "create", criterion, fields, {"ad_group": ids[group], "audience:site-visitors": console_id}
            ),
        ]
        targeted = {**desired[group].fields, "audience_bid_only": False}
        desired[group] = Resource(group, targeted, dict(desired[group].refs))
        desired[criterion] = Resource(criterion, fields, {"ad_group": group, **named})
    else:
        adset = addr(pair, "adset", "spring/runners")
        targeting = {**desired[adset].fields["targeting"], "custom_audiences": ["site-visitors"]}
        ops = [
            WriteOp(
                "update",
                adset,
                {"targeting": targeting},
                {"audience:site-visitors": console_id},
                platform_id=ids[adset],
            )
        ]
        desired[adset] = Resource(
            adset, {**desired[adset].fields, "targeting": targeting}, {**desired[adset].refs, **named}
        )
    results = pair.connector.write(ops)
    assert all(r.ok for r in results), [r.error for r in results]
    if pair.platform == GOOGLE:
        rows = GoogleAdsSimulator(pair.world).peek(native, "ad_group_criterion")
        lists = [r["user_list"]["user_list"] for r in rows if r["type"] == "USER_LIST"]
        assert lists == [f"customers/{native}/userLists/{console_id}"]
    else:
        (sent,) = MetaSimulator(pair.world).peek(native, "adset")
        assert sent["targeting"]["custom_audiences"] == [{"id": console_id}]
    found = [*pair.connector.read(), *pair.connector.read_audiences()]  # type: ignore[attr-defined]
    clean = plan(list(desired.values()), found, dict(desired), accounts=["acct"], existing={audience})
    assert clean.actionable == [], [(str(c.address), c.reason) for c in clean.actionable]
    assert clean.existing == {audience: console_id} and clean.unmanaged == []


GOOGLE_PAIRS = sorted(name for name in PAIR_FACTORIES if "google" in name)


@pytest.fixture(params=GOOGLE_PAIRS)
def google_pair(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ConnectorPair]:
    pair = PAIR_FACTORIES[request.param](tmp_path)
    yield pair
    pair.close()


def _campaign_on(budget_path: str, name: str) -> Row:
    fields = {
        "name": name,
        "status": "ENABLED",
        "advertising_channel_type": "SEARCH",
        "bidding_strategy_type": "MANUAL_CPC",
        "contains_eu_political_advertising": False,
        "labels": [MANAGED_MARKER],
    }
    return ("campaign", name, fields, {"campaign_budget": budget_path})


def test_a_shared_budget_funds_several_campaigns_at_an_address_of_its_own(google_pair: ConnectorPair) -> None:
    """Google only (Meta has no shared budgets): a shared budget reads at ``%shared/<name>`` whoever uses
    it, can change its amount, stays while a campaign uses it and cannot stop being shared."""
    pair = google_pair
    pool = "%shared/pool"
    shared = {
        "name": "pool",
        "amount_micros": 90_000_000,
        "delivery_method": "STANDARD",
        "explicitly_shared": True,
    }
    rows: list[Row] = [
        ("campaign_budget", pool, shared, {}),
        _campaign_on(pool, "a"),
        _campaign_on(pool, "b"),
    ]
    results = pair.connector.write(create_ops(pair, rows))
    assert [r.ok for r in results] == [True, True, True], [r.error for r in results]
    ids = {r.address: str(r.platform_id) for r in results}
    found = live(pair)
    budget = found[addr(pair, "campaign_budget", pool)]
    assert (budget.fields, budget.managed) == (shared, True)
    for name in ("a", "b"):
        assert found[addr(pair, "campaign", name)].refs == {"campaign_budget": budget.address}

    at = addr(pair, "campaign_budget", pool)
    [more] = pair.connector.write(
        [WriteOp("update", at, {"amount_micros": 120_000_000}, platform_id=ids[at])]
    )
    assert more.ok, more.error
    assert live(pair)[at].fields["amount_micros"] == 120_000_000
    [unshare] = pair.connector.write(
        [WriteOp("update", at, {"explicitly_shared": False}, platform_id=ids[at])]
    )
    assert not unshare.ok and isinstance(unshare.error, PermanentError)
    assert unshare.error.code == "campaign_budget_error.CANNOT_UPDATE_CAMPAIGN_BUDGET_TO_IMPLICITLY_SHARED"

    # Campaign a moves to a budget of its own; the shared one, still funding b, cannot go.
    own = {
        "name": "a",
        "amount_micros": 10_000_000,
        "delivery_method": "STANDARD",
        "explicitly_shared": False,
    }
    [created] = pair.connector.write(create_ops(pair, [("campaign_budget", "a", own, {})]))
    a = addr(pair, "campaign", "a")
    [moved] = pair.connector.write(
        [WriteOp("update", a, {}, {"campaign_budget": str(created.platform_id)}, platform_id=ids[a])]
    )
    assert moved.ok, moved.error
    found = live(pair)
    assert found[a].refs == {"campaign_budget": addr(pair, "campaign_budget", "a")}
    assert found[addr(pair, "campaign", "b")].refs == {"campaign_budget": at}
    [refused] = pair.connector.write([WriteOp("delete", at, platform_id=ids[at])])
    assert not refused.ok and isinstance(refused.error, PermanentError)
    assert refused.error.code == "campaign_budget_error.CAMPAIGN_BUDGET_IN_USE"


def test_campaigns_on_a_shared_budget_spend_it_together(google_pair: ConnectorPair) -> None:
    """The synthetic metrics model gives each campaign on a shared budget an equal part of it: two on
    100.00 a day spend what one on 50.00 does (80–100 % of it), not 100.00 each."""
    pair = google_pair
    shared = {"name": "pool", "amount_micros": 100_000_000, "delivery_method": "STANDARD"}
    rows: list[Row] = [
        ("campaign_budget", "%shared/pool", {**shared, "explicitly_shared": True}, {}),
        _campaign_on("%shared/pool", "a"),
        _campaign_on("%shared/pool", "b"),
    ]
    results = pair.connector.write(create_ops(pair, rows))
    assert all(r.ok for r in results)
    week = (dt.date(2026, 3, 1), dt.date(2026, 3, 7))
    spend: dict[str, Decimal] = {}
    for row in pair.connector.metrics(*week):
        assert Decimal(40) <= row.spend <= Decimal(50), row
        spend[row.campaign_name] = spend.get(row.campaign_name, Decimal(0)) + row.spend
    assert set(spend) == {"a", "b"}
    # A paused campaign takes no part: the one still serving may spend all of it.
    b = results[2]
    assert pair.connector.write(
        [WriteOp("update", b.address, {"status": "PAUSED"}, platform_id=b.platform_id)]
    )[0].ok
    serving = [row for row in pair.connector.metrics(*week) if row.spend]
    assert {row.campaign_name for row in serving} == {"a"}
    assert all(Decimal(80) <= row.spend <= Decimal(100) for row in serving)


#: A Performance Max campaign and its asset group, with Google's minimum assets and a landscape logo.
_ASSET_GROUP = {
    "name": "hikers",
    "status": "ENABLED",
    "final_urls": ["https://shop.example.com/trail"],
    "path1": "trail",
    "headlines": ["Grip on rock", "Run the hills", "Trail shoes"],
    "long_headlines": ["Trail shoes that grip wet rock"],
    "descriptions": ["Grip for every trail.", "Light for long days."],
    "business_name": "Example Running",
    "marketing_images": ["1001"],
    "square_marketing_images": ["1002"],
    "square_logo_images": ["1003"],
    "logo_images": ["1004"],
}


def test_an_asset_group_goes_out_with_its_assets_and_reads_back_from_its_links(
    google_pair: ConnectorPair,
) -> None:
    """Google only: a Performance Max asset group is written with its text assets and links in one
    request, reads back as written, and a changed text or image relinks assets, keeping the asset group."""
    pair = google_pair
    campaign = {**_campaign_on("pmax", "pmax")[2], "advertising_channel_type": "PERFORMANCE_MAX"}
    campaign["bidding_strategy_type"] = "MAXIMIZE_CONVERSIONS"
    campaign["brand_guidelines_enabled"] = False  # business name and logo in the asset group
    budget = {
        "name": "pmax",
        "amount_micros": 10_000_000,
        "delivery_method": "STANDARD",
        "explicitly_shared": False,
    }
    rows: list[Row] = [
        ("campaign_budget", "pmax", budget, {}),
        ("campaign", "pmax", campaign, {"campaign_budget": "pmax"}),
        ("asset_group", "pmax/hikers", _ASSET_GROUP, {"campaign": "pmax"}),
    ]
    results = pair.connector.write(create_ops(pair, rows))
    assert [r.ok for r in results] == [True, True, True], [r.error for r in results]
    at = addr(pair, "asset_group", "pmax/hikers")
    group = live(pair)[at]
    assert (group.fields, group.refs) == (_ASSET_GROUP, {"campaign": addr(pair, "campaign", "pmax")})
    assert group.platform_id == str(results[2].platform_id)

    changes = {"headlines": ["Climb the hills", "Grip on rock", "Trail shoes"], "logo_images": None}
    [changed] = pair.connector.write([WriteOp("update", at, changes, platform_id=group.platform_id)])
    assert changed.ok, changed.error
    after = live(pair)[at]
    expected = {k: v for k, v in {**_ASSET_GROUP, **changes}.items() if v is not None}
    assert (after.fields, after.platform_id) == (expected, group.platform_id)

    too_few = {"descriptions": ["Grip for every trail."]}
    [refused] = pair.connector.write([WriteOp("update", at, too_few, platform_id=group.platform_id)])
    assert not refused.ok and isinstance(refused.error, PermanentError)
    assert refused.error.code == "asset_group_error.NOT_ENOUGH_DESCRIPTION_ASSET"
    assert live(pair)[at].fields == expected, "a refused relink changes nothing"


def test_links_google_created_itself_are_not_read_as_the_advertisers_nor_unlinked(
    google_pair: ConnectorPair,
) -> None:
    """Google only: a link of ``source`` AUTOMATICALLY_CREATED (v26 AssetGroupAsset, from text asset
    automation) is not one of the asset group's headlines, and a relink of its headlines leaves it."""
    from midas_reconcile.connectors.sandbox import GoogleAdsSimulator
    from midas_reconcile.connectors.sandbox.google_rules import put

    pair, cid = google_pair, "1234567890"
    campaign = {**_campaign_on("pmax", "pmax")[2], "advertising_channel_type": "PERFORMANCE_MAX"}
    campaign.update(bidding_strategy_type="MAXIMIZE_CONVERSIONS", brand_guidelines_enabled=False)
    budget = {"name": "pmax", "amount_micros": 10_000_000, "explicitly_shared": False}
    rows: list[Row] = [
        ("campaign_budget", "pmax", budget, {}),
        ("campaign", "pmax", campaign, {"campaign_budget": "pmax"}),
        ("asset_group", "pmax/hikers", _ASSET_GROUP, {"campaign": "pmax"}),
    ]
    assert all(r.ok for r in pair.connector.write(create_ops(pair, rows)))
    sim = GoogleAdsSimulator(pair.world)
    [group_row] = sim.peek(cid, "asset_group")
    [asset] = sim.mutate(cid, [{"asset_operation": {"create": {"text_asset": {"text": "Shoes"}}}}]).results
    link_id = f"{group_row['id']}~{str(asset).rsplit('/', 1)[-1]}~HEADLINE"
    automatic = {
        "resource_name": f"customers/{cid}/assetGroupAssets/{link_id}",
        "asset_group": group_row["resource_name"],
        "asset": asset,
        "field_type": "HEADLINE",
        "status": "ENABLED",
        "source": "AUTOMATICALLY_CREATED",
    }
    with pair.world.transaction() as txn:
        put(txn, cid, "asset_group_asset", automatic)
    at = addr(pair, "asset_group", "pmax/hikers")
    group = live(pair)[at]
    assert group.fields == _ASSET_GROUP

    changes = {"headlines": ["Climb the hills", "Grip on rock", "Trail shoes"]}
    [changed] = pair.connector.write([WriteOp("update", at, changes, platform_id=group.platform_id)])
    assert changed.ok, changed.error
    assert live(pair)[at].fields == {**_ASSET_GROUP, **changes}
    headlines = {
        (link["linked_asset"]["text_asset"]["text"], link["source"])
        for link in sim.peek(cid, "asset_group_asset")
        if link["field_type"] == "HEADLINE"
    }
    assert headlines == {
        ("Shoes", "AUTOMATICALLY_CREATED"),
        *((text, "ADVERTISER") for text in changes["headlines"]),
    }
