"""The applier against a fake connector and an in-memory store: order, batching, retries, journal."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import pytest
from fakes.clock import FakeClock

from midas_reconcile.applier import ApplyEvent, ApplyResult, ResourceOutcome, apply
from midas_reconcile.applier._ops import operations
from midas_reconcile.connectors.base import (
    Connector,
    ConnectorLimits,
    CountsWriteRequests,
    WriteOp,
    WriteResult,
)
from midas_reconcile.errors import AuthError, ConnectorError, PermanentError, PlanError, TransientError
from midas_reconcile.plan import Action, Change, FieldChange, Plan
from midas_reconcile.ratelimit import Backoff, TokenBucket
from midas_reconcile.resources import GOOGLE, META, Address, Resource
from midas_reconcile.store import StateStore

# -- fakes ---------------------------------------------------------------------------------------------


class FakeConnector:
    """Assigns ids, checks references and batch size, fails chosen operations or whole calls."""

    currency = "EUR"

    def __init__(
        self,
        account: str = "g1",
        platform: str = GOOGLE,
        batch_size: int = 10_000,
        *,
        existing: Iterable[tuple[str, Address]] = (),
        permanent: Iterable[Address] = (),
        transient: dict[Address, int] | None = None,
        call_errors: Iterable[ConnectorError] = (),
        costs: dict[Address, int] | None = None,
    ) -> None:
        self.account = account
        self.costs = dict(costs or {})
        self.check_limit = True
        self.platform = platform
        self.limits = ConnectorLimits(write_batch_size=batch_size, calls_per_second=1.0, burst=1)
        self.objects: dict[str, Address] = dict(existing)
        self.permanent = set(permanent)
        self.transient = dict(transient or {})
        self.call_errors = list(call_errors)
        self.calls: list[list[WriteOp]] = []
        self.counter = 0

    def operation_cost(self, op: WriteOp) -> int:
        return self.costs.get(op.address, 1)

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        cost = sum(self.operation_cost(op) for op in ops)
        if self.check_limit or len(ops) > 1:
            assert cost <= self.limits.write_batch_size, "batch larger than the platform allows"
        self.calls.append(list(ops))
        if self.call_errors:
            raise self.call_errors.pop(0)
        created: dict[Address, str | None] = {}
        return [self._one(op, created) for op in ops]

    def _one(self, op: WriteOp, created: dict[Address, str | None]) -> WriteResult:
        for ref in op.refs.values():
            if isinstance(ref, Address):
                assert ref in created, f"{op.address}: in-batch reference {ref} not created before it"
                if created[ref] is None:
                    created[op.address] = None
                    return WriteResult(
                        op.address, False, error=PermanentError("reference failed", code="REF")
                    )
            else:
                assert ref in self.objects, f"{op.address}: reference to unknown id {ref}"
        error: ConnectorError | None = None
        if self.transient.get(op.address, 0) > 0:
            self.transient[op.address] -= 1
            error = TransientError("concurrent modification", code="CONCURRENT", retry_after=3.0)
        elif op.address in self.permanent:
            error = PermanentError(f"{op.address.kind} rejected", platform=self.platform, code="INVALID")
        if error is not None:
            created[op.address] = None
            return WriteResult(op.address, False, error=error)
        if op.action == "create":
            self.counter += 1
            platform_id = f"{self.account}-{self.counter}"
            self.objects[platform_id] = op.address
            created[op.address] = platform_id
            return WriteResult(op.address, True, platform_id)
        assert op.platform_id in self.objects, f"{op.action} of unknown id {op.platform_id}"
        if op.action == "delete":
            del self.objects[op.platform_id]
        return WriteResult(op.address, True, op.platform_id)

    def read(self) -> list[Resource]:
        return []

    def resolve(self, kind: Any, names: Sequence[str]) -> dict[str, str]:
        return {}

    def metrics(self, start: Any, end: Any) -> list[Any]:
        return []

    def sent(self) -> list[list[str]]:
        """Each call as ``action address`` strings."""
        return [[f"{op.action} {op.address}" for op in call] for call in self.calls]


class FakeStore:
    """In-memory ApplyStore that logs every call and checks the journal's state machine."""

    def __init__(self) -> None:
        self.log: list[tuple[Any, ...]] = []
        self.status: dict[int, str] = {}
        self.recorded: dict[Address, Resource] = {}
        #: Each batch's ops and, once done, their results (the journal's rows).
        self.ops: dict[int, list[WriteOp]] = {}
        self.results: dict[int, list[WriteResult]] = {}

    def journal_batch(self, run_id: int, account: str, platform: str, ops: Sequence[WriteOp]) -> int:
        batch_id = len(self.status) + 1
        self.status[batch_id] = "pending"
        self.ops[batch_id] = list(ops)
        self.log.append(("pending", batch_id, account, [str(op.address) for op in ops]))
        return batch_id

    def journal_sent(self, batch_id: int) -> None:
        assert self.status[batch_id] == "pending"
        self.status[batch_id] = "sent"
        self.log.append(("sent", batch_id))

    def journal_done(self, batch_id: int, results: Sequence[WriteResult]) -> None:
        assert self.status[batch_id] in ("pending", "sent")  # pending: never sent (``journal.mark_done``)
        self.status[batch_id] = "confirmed" if all(r.ok for r in results) else "failed"
        self.results[batch_id] = list(results)
        self.log.append(("done", batch_id, self.status[batch_id]))

    def record_many(self, resources: Sequence[Resource]) -> None:
        self.log.append(("record", [str(r.address) for r in resources]))
        self.recorded.update({r.address: r for r in resources})

    def record_fields(self, address: Address, fields: Mapping[str, Any]) -> None:
        self.log.append(("record fields", [str(address)]))
        last = self.recorded.get(address)
        if last is not None:
            kept = {k: v for k, v in last.fields.items() if k not in fields}
            kept.update((k, v) for k, v in fields.items() if v is not None)
            self.recorded[address] = replace(last, fields=kept)

    def forget_many(self, addresses: Sequence[Address]) -> None:
        self.log.append(("forget", [str(a) for a in addresses]))
        for address in addresses:
            self.recorded.pop(address, None)

    def forget_under(self, containers: Sequence[Address], kept: frozenset[str]) -> None:
        self.log.append(("forget under", [str(a) for a in containers]))
        for container in containers:
            for address in [
                a
                for a in self.recorded
                if (a.platform, a.account) == (container.platform, container.account)
                and a.path.startswith(f"{container.path}/")
                and a.kind not in kept
            ]:
                del self.recorded[address]

    def move_many(self, moves: Sequence[tuple[Address, Address]]) -> None:
        self.log.append(("move", [(str(old), str(new)) for old, new in moves]))
        for old, new in moves:
            moved = self.recorded.pop(old, None)
            if moved is not None:
                self.recorded[new] = replace(moved, address=new)

    def settle_claims(self, accounts: Iterable[str]) -> None:
        self.log.append(("settle", list(accounts)))

    def calls(self, kind: str) -> list[tuple[Any, ...]]:
        return [entry for entry in self.log if entry[0] == kind]


# -- plan builders -------------------------------------------------------------------------------------


def addr(kind: str, path: str, platform: str = GOOGLE, account: str = "g1") -> Address:
    return Address(platform, account, kind, path)


def google_campaign(name: str, account: str = "g1") -> list[Resource]:
    """Budget, campaign, one ad group with one keyword and one ad."""
    budget = addr("campaign_budget", name, account=account)
    campaign = addr("campaign", name, account=account)
    group = addr("ad_group", f"{name}/main", account=account)
    return [
        Resource(budget, {"name": name, "amount_micros": 10_000_000}, spec_digest="d-" + name),
        Resource(campaign, {"name": name, "status": "ENABLED"}, {"campaign_budget": budget}, spec_digest="d"),
        Resource(group, {"name": "main", "status": "ENABLED"}, {"campaign": campaign}),
        Resource(
            addr("ad_group_criterion", f"{name}/main/keyword:EXACT:shoes", account=account),
            {"type": "KEYWORD", "keyword_text": "shoes", "keyword_match_type": "EXACT"},
            {"ad_group": group},
        ),
        Resource(
            addr("ad_group_ad", f"{name}/main/ad1", account=account), {"name": "ad1"}, {"ad_group": group}
        ),
    ]


def creates(resources: Iterable[Resource]) -> list[Change]:
    return [Change(r.address, Action.CREATE, None, r) for r in resources]


def noop(resource: Resource, platform_id: str) -> Change:
    return Change(
        resource.address, Action.NOOP, replace(resource, platform_id=platform_id, managed=True), resource
    )


def make_plan(changes: list[Change], accounts: Iterable[str] = ()) -> Plan:
    names = sorted(set(accounts) | {c.address.account for c in changes})
    return Plan(accounts=names, changes=changes)


def run(
    plan: Plan,
    *connectors: FakeConnector,
    store: FakeStore | None = None,
    delays: list[float] | None = None,
    **kwargs: Any,
) -> tuple[ApplyResult, FakeStore]:
    store = store or FakeStore()
    kwargs.setdefault("backoff", Backoff(rng=random.Random(7)))
    result = apply(
        plan,
        {c.account: c for c in connectors},
        store,
        run_id=1,
        sleep=(delays if delays is not None else []).append,
        **kwargs,
    )
    return result, store


def statuses(result: ApplyResult) -> dict[str, tuple[str, str]]:
    return {str(o.address): (o.status, o.message) for o in result.outcomes}


# -- order, references, batching -----------------------------------------------------------------------


def test_fake_connector_satisfies_the_protocol() -> None:
    assert isinstance(FakeConnector(), Connector)


def test_one_batch_with_in_batch_references_in_dependency_order() -> None:
    resources = google_campaign("spring")
    conn = FakeConnector()
    result, store = run(make_plan(creates(resources)), conn)
    assert result.ok and result.write_calls == {"g1": 1}
    (call,) = conn.calls
    assert [op.address for op in call] == [r.address for r in resources]
    assert call[1].refs == {"campaign_budget": resources[0].address}
    assert call[2].refs == {"campaign": resources[1].address}
    assert call[4].refs == {"ad_group": resources[2].address}
    assert all(op.action == "create" and op.fields == r.fields for op, r in zip(call, resources, strict=True))
    assert [o.platform_id for o in result.outcomes] == ["g1-1", "g1-2", "g1-3", "g1-4", "g1-5"]
    recorded = store.recorded[resources[1].address]
    assert (recorded.platform_id, recorded.managed, recorded.spec_digest) == ("g1-2", True, "d")


class RequestCountingConnector(FakeConnector):
    """Sends one request per operation of a batch, and counts them (``CountsWriteRequests``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.write_requests = 0

    def write(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        self.write_requests += len(ops)  # sent, whether or not they are answered
        return super().write(ops)


def test_write_calls_are_the_requests_a_connector_counts_not_its_batches() -> None:
    """A batch may be many requests (a Meta batch's, Google's atomic asset group requests); a batch refused
    whole and sent again counts its requests twice. A connector that does not count them: one per batch."""
    conn = RequestCountingConnector(call_errors=[TransientError("busy", code="INTERNAL")])
    result, _ = run(make_plan(creates(google_campaign("spring"))), conn)
    assert result.ok and len(conn.calls) == 2
    assert result.write_calls == {"g1": 10} and isinstance(conn, CountsWriteRequests)
    plain, _ = run(make_plan(creates(google_campaign("spring"))), FakeConnector())
    assert plain.write_calls == {"g1": 1}


def test_references_become_ids_across_batches() -> None:
    resources = google_campaign("spring")
    conn = FakeConnector(batch_size=1)
    result, _ = run(make_plan(creates(resources)), conn)
    assert result.ok and result.write_calls == {"g1": 5}
    refs = [call[0].refs for call in conn.calls]
    assert refs == [
        {},
        {"campaign_budget": "g1-1"},
        {"campaign": "g1-2"},
        {"ad_group": "g1-3"},
        {"ad_group": "g1-3"},
    ]


def keywords_of(group: Resource, count: int) -> list[Resource]:
    """``count`` keyword criteria of one ad group (what makes a batch of independent operations)."""
    return [
        Resource(
            addr("ad_group_criterion", f"spring/main/keyword:EXACT:kw{i:04}"),
            {"type": "KEYWORD", "keyword_text": f"kw{i:04}", "keyword_match_type": "EXACT"},
            {"ad_group": group.address},
        )
        for i in range(count)
    ]


@pytest.mark.parametrize("limit", [1, 2, 50, 10_000])
@pytest.mark.parametrize("count", [1, 137])
def test_batch_count_is_the_physical_minimum(limit: int, count: int) -> None:
    group = google_campaign("spring")[2]
    keywords = keywords_of(group, count)
    conn = FakeConnector(batch_size=limit, existing=[("g-7", group.address)])
    result, store = run(make_plan([noop(group, "g-7"), *creates(keywords)]), conn)
    assert result.ok and len(result.outcomes) == count
    assert len(conn.calls) == math.ceil(count / limit) == len(store.calls("pending"))
    assert [op.address for call in conn.calls for op in call] == [k.address for k in keywords]
    assert all(op.refs == {"ad_group": "g-7"} for call in conn.calls for op in call)


@pytest.mark.parametrize(
    ("limit", "costs", "expected_batches"),
    [
        (10, [1] * 10, [10]),
        (10, [2] * 10, [5, 5]),  # e.g. a Google campaign create with its label link
        (10, [3, 1, 1, 1, 1, 1, 1, 1, 1], [8, 1]),  # the first op also creates the label
        (4, [4, 1, 4, 2, 2], [1, 1, 1, 2]),
        (3, [5, 1], [1, 1]),  # an op costlier than the limit still goes, alone
    ],
)
def test_batches_are_filled_by_platform_operations(
    limit: int, costs: list[int], expected_batches: list[int]
) -> None:
    group = google_campaign("spring")[2]
    keywords = keywords_of(group, len(costs))
    conn = FakeConnector(
        batch_size=max(limit, *costs),
        existing=[("g-7", group.address)],
        costs={k.address: c for k, c in zip(keywords, costs, strict=True)},
    )
    conn.limits = ConnectorLimits(write_batch_size=limit, calls_per_second=1.0, burst=1)
    conn.check_limit = False
    result, _ = run(make_plan([noop(group, "g-7"), *creates(keywords)]), conn)
    assert result.ok
    assert [len(call) for call in conn.calls] == expected_batches


def test_mixed_plan_batches_consecutively_with_refs_by_address_or_id() -> None:
    # the planner's order: by dependency depth, then path
    resources = sorted(google_campaign("a") + google_campaign("b"), key=lambda r: r.address.sort_key())
    conn = FakeConnector(batch_size=4)
    result, _ = run(make_plan(creates(resources)), conn)
    assert result.ok and [len(call) for call in conn.calls] == [4, 4, 2]
    second = {str(op.address): op.refs for op in conn.calls[1]}
    # ad groups refer to campaigns created by the first batch (ids), keywords to ad groups of this one
    assert second[str(addr("ad_group", "b/main"))] == {"campaign": "g1-4"}
    assert second[str(addr("ad_group_criterion", "a/main/keyword:EXACT:shoes"))] == {
        "ad_group": addr("ad_group", "a/main")
    }


def test_plan_out_of_dependency_order_is_refused_before_any_write() -> None:
    budget, campaign, group = google_campaign("spring")[:3]
    conn = FakeConnector()
    store = FakeStore()
    with pytest.raises(PlanError, match="not in dependency order"):
        run(make_plan(creates([budget, group, campaign])), conn, store=store)
    assert conn.calls == [] and store.log == []


# -- what each action sends ----------------------------------------------------------------------------


def test_update_sends_changed_top_level_fields_and_refs_only() -> None:
    campaign = addr("campaign", "spring", META, "m1")
    other = addr("campaign", "autumn", META, "m1")
    targeting = {"age_min": 25, "age_max": 40, "geo_locations": {"countries": ["DE"]}}
    before = Resource(
        addr("adset", "spring/main", META, "m1"),
        {"name": "main", "status": "ACTIVE", "targeting": {**targeting, "age_min": 18}},
        {"campaign": campaign},
        platform_id="as-1",
        managed=True,
    )
    after = replace(
        before, fields={**before.fields, "targeting": targeting}, refs={"campaign": other}, platform_id=None
    )
    change = Change(
        before.address,
        Action.UPDATE,
        before,
        after,
        [FieldChange("targeting.age_min", 18, 25), FieldChange("refs.campaign", str(campaign), str(other))],
    )
    conn = FakeConnector("m1", META, existing=[("as-1", before.address), ("c-2", other)])
    plan = make_plan([change, noop(Resource(other, {"name": "autumn"}), "c-2")])
    result, store = run(plan, conn)
    (op,) = conn.calls[0]
    assert (op.action, op.platform_id, dict(op.fields), dict(op.refs)) == (
        "update",
        "as-1",
        {"targeting": targeting},
        {"campaign": "c-2"},
    )
    assert result.ok and store.recorded[before.address].fields["targeting"] == targeting
    assert store.recorded[before.address].platform_id == "as-1"


@pytest.mark.parametrize("platform", [GOOGLE, META])
def test_pause_sets_status_and_records_it(platform: str) -> None:
    account = "g1" if platform == GOOGLE else "m1"
    live = Resource(
        addr("campaign", "old", platform, account), {"name": "old", "status": "ENABLED"}, platform_id="c-9"
    )
    conn = FakeConnector(account, platform, existing=[("c-9", live.address)])
    result, store = run(make_plan([Change(live.address, Action.PAUSE, live, None)]), conn)
    (op,) = conn.calls[0]
    assert (op.action, op.platform_id, dict(op.fields)) == ("update", "c-9", {"status": "PAUSED"})
    assert result.ok and store.recorded[live.address].fields["status"] == "PAUSED"


def test_pause_of_a_kind_without_status_sends_nothing() -> None:
    live = Resource(addr("campaign_budget", "old"), {"name": "old"}, platform_id="b-1")
    conn = FakeConnector()
    result, _ = run(make_plan([Change(live.address, Action.PAUSE, live, None)]), conn)
    assert conn.calls == [] and result.ok
    assert "no status" in result.outcomes[0].message


def test_delete_removes_by_platform_id_and_forgets() -> None:
    live = google_campaign("old")
    with_ids = [replace(r, platform_id=f"id-{i}") for i, r in enumerate(live)]
    conn = FakeConnector(existing=[(r.platform_id or "", r.address) for r in with_ids])
    changes = [Change(r.address, Action.DELETE, r, None) for r in reversed(with_ids)]
    result, store = run(make_plan(changes), conn)
    (call,) = conn.calls
    assert [(op.action, op.platform_id, dict(op.fields)) for op in call[:2]] == [
        ("delete", "id-4", {}),
        ("delete", "id-3", {}),
    ]
    assert result.ok and conn.objects == {}
    assert store.calls("forget") == [("forget", [str(r.address) for r in reversed(with_ids)])]


def google_place_change() -> tuple[Resource, Resource, Resource, list[Change]]:
    """A campaign's radius edited (25 mi → 30 mi: a new criterion, the old one removed) and its excluded
    postal code removed."""
    campaign = addr("campaign", "spring")
    old, gone, new = (
        Resource(
            addr("campaign_criterion", f"spring/{key}"), {"type": kind}, {"campaign": campaign}, platform_id=i
        )
        for key, kind, i in (
            ("proximity:25 mi around oakland, us-ca", "PROXIMITY", "id-old"),
            ("negative_location:94110", "LOCATION", "id-gone"),
            ("proximity:30 mi around oakland, us-ca", "PROXIMITY", None),
        )
    )
    changes = [
        noop(Resource(campaign, {"name": "spring"}), "c-1"),
        Change(new.address, Action.CREATE, None, new),
        Change(old.address, Action.DELETE, old, None),
        Change(gone.address, Action.DELETE, gone, None),
    ]
    return old, gone, new, changes


@pytest.mark.parametrize("limit", [1, 10_000])
def test_a_campaigns_targeted_place_is_removed_only_once_its_new_one_is_made(limit: int) -> None:
    """A Google campaign without a targeted location serves everywhere: should its new radius be refused,
    the old one stays (its removal waits, in a later batch than the create); other removals go."""
    old, gone, new, changes = google_place_change()
    existing = [("id-old", old.address), ("id-gone", gone.address), ("c-1", addr("campaign", "spring"))]
    conn = FakeConnector(batch_size=limit, existing=existing, permanent=[new.address])
    result, _ = run(make_plan(changes), conn)
    got = statuses(result)
    assert got[str(new.address)][0] == "failed" and "rejected" in got[str(new.address)][1]
    assert got[str(old.address)] == ("skipped", f"depends on failed {new.address}")
    assert got[str(gone.address)] == ("applied", "")
    assert "id-old" in conn.objects and "id-gone" not in conn.objects

    conn = FakeConnector(batch_size=limit, existing=existing)
    result, _ = run(make_plan(changes), conn)
    assert result.ok and "id-old" not in conn.objects
    assert conn.sent()[0][0] == f"create {new.address}"
    assert [f"delete {old.address}" in call for call in conn.sent()].index(True) > 0


def sent_at(conn: FakeConnector, sent: str) -> tuple[int, int]:
    """Which call sent ``sent`` (``action address``) first, and where in it."""
    return next((n, call.index(sent)) for n, call in enumerate(conn.sent()) if sent in call)


@pytest.mark.parametrize("new_place_first", [True, False])
@pytest.mark.parametrize("limit", [1, 10_000])
def test_a_place_flipped_to_excluded_is_removed_only_once_the_new_targeted_one_is_made(
    limit: int, new_place_first: bool
) -> None:
    """California targeted, then the US targeted and California excluded: California's targeted criterion
    is removed before its excluded twin is made (Google holds one of the two), and only once the US is
    targeted, in a later batch: should the US be refused, California stays targeted and is not excluded,
    rather than leave the campaign with an exclusion alone, serving everywhere else."""
    campaign = addr("campaign", "spring")
    california, excluded, us = (
        Resource(addr("campaign_criterion", f"spring/{key}"), fields, {"campaign": campaign}, platform_id=i)
        for key, fields, i in (
            ("location:21137", {"type": "LOCATION"}, "id-ca"),
            ("negative_location:21137", {"type": "LOCATION", "negative": True}, None),
            ("location:2840", {"type": "LOCATION"}, None),
        )
    )
    creates = [Change(r.address, Action.CREATE, None, r) for r in (us, excluded)]
    changes = [
        noop(Resource(campaign, {"name": "spring"}), "c-1"),
        *(creates if new_place_first else reversed(creates)),
        Change(california.address, Action.DELETE, california, None),
    ]
    existing = [("id-ca", california.address), ("c-1", campaign)]
    conn = FakeConnector(batch_size=limit, existing=existing, permanent=[us.address])
    result, _ = run(make_plan(changes), conn)
    got = statuses(result)
    assert got[str(us.address)][0] == "failed"
    assert got[str(california.address)] == ("skipped", f"depends on failed {us.address}")
    assert got[str(excluded.address)] == ("skipped", f"depends on failed {us.address}")
    assert conn.objects == dict(existing)

    conn = FakeConnector(batch_size=limit, existing=existing)
    result, _ = run(make_plan(changes), conn)
    assert result.ok and set(conn.objects.values()) == {campaign, excluded.address, us.address}
    removed = sent_at(conn, f"delete {california.address}")
    assert sent_at(conn, f"create {us.address}")[0] < removed[0]
    assert removed < sent_at(conn, f"create {excluded.address}")


def device_opt_out_changes(lifted: bool) -> tuple[Address, Address, list[Change]]:
    """A campaign's tablet criterion and its ad group's tablet modifier: the campaign's opt-out (0) lifted by
    a reset while the ad group's modifier is made (``lifted``), or set while the ad group's is removed."""
    campaign = addr("campaign", "spring")
    device = {"type": "DEVICE", "device": "TABLET"}
    criterion = Resource(
        addr("campaign_criterion", "spring/device:TABLET"),
        {**device, "bid_modifier": "0"},
        {"campaign": campaign},
        platform_id="c-1~30002",
    )
    group = addr("ad_group", "spring/runners")
    modifier = Resource(
        addr("ad_group_bid_modifier", "spring/runners/device:TABLET"), {**device, "bid_modifier": "1.2"},
        {"ad_group": group}, platform_id=None if lifted else "g-1~30002",
    )  # fmt: skip
    changes = [
        noop(Resource(campaign, {"name": "spring"}), "c-1"),
        noop(Resource(group, {"name": "r"}), "g-1"),
    ]
    if lifted:
        changes += [
            Change(criterion.address, Action.DELETE, criterion, None),
            Change(modifier.address, Action.CREATE, None, modifier),
        ]
    else:
        unset = replace(criterion, fields={**device, "bid_modifier": "1.1"})
        changes += [
            Change(
                criterion.address, Action.UPDATE, unset, criterion, [FieldChange("bid_modifier", "1.1", "0")]
            ),
            Change(modifier.address, Action.DELETE, modifier, None),
        ]
    return criterion.address, modifier.address, changes


@pytest.mark.parametrize("limit", [1, 10_000])
def test_a_campaign_device_opt_out_lifted_is_reset_before_its_ad_group_s_modifier_of_the_device_is_made(
    limit: int,
) -> None:
    """Google refuses an ad group's modifier of a device its campaign opts out of
    (CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER): the campaign's reset goes first, in an
    earlier request, and should it fail the ad group's modifier is held back."""
    criterion, modifier, changes = device_opt_out_changes(lifted=True)
    existing = [("c-1", addr("campaign", "spring")), ("g-1", addr("ad_group", "spring/runners"))]
    existing.append(("c-1~30002", criterion))
    conn = FakeConnector(batch_size=limit, existing=existing)
    result, _ = run(make_plan(changes), conn)
    assert result.ok
    assert sent_at(conn, f"delete {criterion}")[0] < sent_at(conn, f"create {modifier}")[0]

    conn = FakeConnector(batch_size=limit, existing=existing, permanent=[criterion])
    got = statuses(run(make_plan(changes), conn)[0])
    assert got[str(modifier)] == ("skipped", f"depends on failed {criterion}")


def test_a_campaign_device_opt_out_lifted_goes_before_each_of_its_ad_groups_modifiers_of_the_device() -> None:
    """Two ad groups adjusting the device: the reset goes once, before both, and both wait for it."""
    criterion, modifier, changes = device_opt_out_changes(lifted=True)
    other = Address(GOOGLE, "g1", modifier.kind, "spring/walkers/device:TABLET")
    [create] = [c for c in changes if c.address == modifier]
    assert create.after is not None
    changes.append(Change(other, Action.CREATE, None, replace(create.after, address=other)))
    ops = operations(list(enumerate(changes)))
    sent = [f"{op.action} {op.address}" for op in ops]
    assert (
        sent.index(f"delete {criterion}") < sent.index(f"create {modifier}") < sent.index(f"create {other}")
    )
    assert all(
        criterion in op.waits_for and op.waits_settled for op in ops if op.address in (modifier, other)
    )


def test_an_ad_group_s_device_modifier_is_removed_before_its_campaign_opts_out_of_the_device() -> None:
    """The other way round, the ad group's modifier of the device goes before the campaign's opt-out (whether
    Google refuses an opt-out under it is unconfirmed; removing it first is harmless)."""
    criterion, modifier, changes = device_opt_out_changes(lifted=False)
    ops = [f"{op.action} {op.address}" for op in operations(list(enumerate(changes)))]
    assert ops.index(f"delete {modifier}") < ops.index(f"update {criterion}")


def dynamic_search_ads_dropped(destroy: bool) -> tuple[Address, Address, Address, list[Change]]:
    """A campaign's Dynamic Search Ads setting cleared (plan order: the campaign first), its dynamic ad
    group removed from the specs (paused, or deleted when ``destroy``) and a standard one paused too."""
    campaign = addr("campaign", "finder")
    setting = {"domain_name": "shop.example.com", "language_code": "en"}
    live = Resource(campaign, {"name": "finder", "dynamic_search_ads_setting": setting}, platform_id="c-1")
    cleared = Change(
        campaign,
        Action.UPDATE,
        live,
        Resource(campaign, {"name": "finder"}),
        [FieldChange("dynamic_search_ads_setting.domain_name", "shop.example.com", None)],
    )
    dynamic, standard = (
        Resource(addr("ad_group", f"finder/{n}"), {"name": n, "type": t, "status": "ENABLED"},
                 {"campaign": campaign}, platform_id=f"g-{n}")
        for n, t in (("all-pages", "SEARCH_DYNAMIC_ADS"), ("trail", "SEARCH_STANDARD"))
    )  # fmt: skip
    removed = Change(dynamic.address, Action.DELETE if destroy else Action.PAUSE, dynamic, None)
    changes = [cleared, removed, Change(standard.address, Action.PAUSE, standard, None)]
    return campaign, dynamic.address, standard.address, changes


@pytest.mark.parametrize("destroy", [False, True])
@pytest.mark.parametrize("limit", [1, 10_000])
def test_a_campaigns_dynamic_search_ads_setting_is_cleared_only_once_its_dynamic_ad_groups_stopped(
    limit: int, destroy: bool
) -> None:
    """A dynamic ad group is paused (or removed) before its campaign's Dynamic Search Ads setting is
    cleared, in an earlier batch: should Google refuse it, the setting stays rather than leave a dynamic ad
    group in a campaign without one (which Google may refuse to update: unconfirmed)."""
    campaign, dynamic, standard, changes = dynamic_search_ads_dropped(destroy)
    existing = [("c-1", campaign), ("g-all-pages", dynamic), ("g-trail", standard)]
    conn = FakeConnector(batch_size=limit, existing=existing)
    result, _ = run(make_plan(changes), conn)
    assert result.ok
    stopped = sent_at(conn, f"{'delete' if destroy else 'update'} {dynamic}")
    assert stopped[0] < sent_at(conn, f"update {campaign}")[0]

    conn = FakeConnector(batch_size=limit, existing=existing, permanent=[dynamic])
    result, _ = run(make_plan(changes), conn)
    got = statuses(result)
    assert got[str(dynamic)][0] == "failed"
    assert got[str(campaign)] == ("skipped", f"depends on failed {dynamic}")
    assert got[str(standard)] == ("applied", "")

    if destroy:  # a delete of no known id has nothing to delete
        return
    # A pause that fails before it is sent (no id known for the ad group) holds the setting back alike.
    unknown = [
        c if c.address != dynamic else replace(c, before=replace(c.before, platform_id=None)) for c in changes
    ]
    result, _ = run(make_plan(unknown), FakeConnector(batch_size=limit, existing=existing))
    got = statuses(result)
    assert got[str(dynamic)][0] == "failed"
    assert got[str(campaign)] == ("skipped", f"depends on failed {dynamic}")


class ValidatingFake(FakeConnector):
    """A connector whose platform checks writes (``validate_only``): it refuses what it is told to, here the
    op that a platform would weigh against the object as it is, the earlier write having changed nothing."""

    can_validate = True

    def validate(self, ops: Sequence[WriteOp]) -> list[WriteResult]:
        return self.write(ops)


def settled_waits() -> list[tuple[Address, Address, list[Change], list[tuple[str, Address]]]]:
    """Orderings where an op waits, settled, for an earlier write of the plan: (waited for, waiting, the
    changes, the live objects)."""
    criterion, modifier, device = device_opt_out_changes(lifted=True)
    campaign, dynamic, standard, dsa = dynamic_search_ads_dropped(destroy=False)
    live = [("c-1", addr("campaign", "spring")), ("g-1", addr("ad_group", "spring/runners"))]
    old_slot, new_slot = _slot("MONDAY", "09:00", "17:00", "c-1~1"), _slot("MONDAY", "13:00", "20:00")
    slots = [
        Change(new_slot.address, Action.CREATE, None, new_slot),
        Change(old_slot.address, Action.DELETE, old_slot, None),
    ]
    return [
        (criterion, modifier, device, [*live, ("c-1~30002", criterion)]),
        (dynamic, campaign, dsa, [("c-1", campaign), ("g-all-pages", dynamic), ("g-trail", standard)]),
        (old_slot.address, new_slot.address, slots, [*live, ("c-1~1", old_slot.address)]),
    ]


@pytest.mark.parametrize(
    "case", [0, 1, 2], ids=["device opt-out lifted", "dynamic search ads cleared", "ad schedule slot moved"]
)
@pytest.mark.parametrize("limit", [1, 10_000])
def test_remote_validation_does_not_check_an_op_waiting_settled_for_a_write_only_validated(
    limit: int, case: int
) -> None:
    """Under ``plan --validate-remote`` the write an op waits for (settled) is only checked, never applied:
    the platform would weigh the op against the object as it is (an ad group's modifier against a campaign
    still opted out of the device) and refuse it. It is not sent and not reported refused; the write it
    waits for is checked, and reported should it be refused (the op then is skipped, not reported)."""
    from midas_reconcile.remote_validation import validate_remote

    waited, waiting, changes, existing = settled_waits()[case]
    conn = ValidatingFake(batch_size=limit, existing=existing, permanent=[waiting])
    rejections, unchecked = validate_remote(make_plan(changes), {"g1": conn}, sleep=lambda _s: None)
    assert (rejections, unchecked) == ([], [])
    sent = [s for call in conn.sent() for s in call]
    assert any(str(waited) in s for s in sent) and not any(s.endswith(f" {waiting}") for s in sent), sent

    conn = ValidatingFake(batch_size=limit, existing=existing, permanent=[waited, waiting])
    rejections, _ = validate_remote(make_plan(changes), {"g1": conn}, sleep=lambda _s: None)
    assert [r.address for r in rejections] == [waited]


@pytest.mark.parametrize("limit", [1, 10_000])
def test_a_demand_gen_ad_groups_targeted_place_is_removed_only_once_its_new_one_is_made(limit: int) -> None:
    """A Demand Gen campaign's places are its ad groups' criteria: an ad group's old place waits for the
    ad group's new one, not for another ad group's."""
    home, away = addr("ad_group", "trail/home"), addr("ad_group", "trail/away")
    us, gb, fr, de = (
        Resource(
            addr("ad_group_criterion", f"{group.path}/location:{n}"),
            {"type": "LOCATION"},
            {"ad_group": group},
            platform_id=i,
        )
        for group, n, i in (
            (home, 2840, "id-us"),
            (home, 2826, None),
            (away, 2250, "id-fr"),
            (away, 2276, None),
        )
    )
    changes = [
        noop(Resource(home, {"name": "home"}), "g-1"),
        noop(Resource(away, {"name": "away"}), "g-2"),
        Change(gb.address, Action.CREATE, None, gb),
        Change(de.address, Action.CREATE, None, de),
        Change(us.address, Action.DELETE, us, None),
        Change(fr.address, Action.DELETE, fr, None),
    ]
    existing = [("id-us", us.address), ("id-fr", fr.address), ("g-1", home), ("g-2", away)]
    conn = FakeConnector(batch_size=limit, existing=existing, permanent=[gb.address])
    result, _ = run(make_plan(changes), conn)
    got = statuses(result)
    assert got[str(gb.address)][0] == "failed"
    assert got[str(us.address)] == ("skipped", f"depends on failed {gb.address}")
    assert got[str(fr.address)] == got[str(de.address)] == ("applied", "")
    assert "id-us" in conn.objects and "id-fr" not in conn.objects

    conn = FakeConnector(batch_size=limit, existing=existing)
    result, _ = run(make_plan(changes), conn)
    assert result.ok and "id-us" not in conn.objects
    assert sent_at(conn, f"create {gb.address}")[0] < sent_at(conn, f"delete {us.address}")[0]


# -- replace -------------------------------------------------------------------------------------------


def meta_replace_plan() -> tuple[Plan, Address, Address]:
    """A creative replaced (immutable), its ad repointed, and an unrelated ad set deleted."""
    adset = addr("adset", "spring/main", META, "m1")
    creative = addr("adcreative", "spring/main/ad1", META, "m1")
    ad = addr("ad", "spring/main/ad1", META, "m1")
    doomed = addr("adset", "spring/old", META, "m1")
    old_creative = Resource(creative, {"name": "ad1", "title": "Old"}, platform_id="cr-old", managed=True)
    new_creative = replace(old_creative, fields={"name": "ad1", "title": "New"}, platform_id=None)
    old_ad = Resource(ad, {"name": "ad1", "status": "ACTIVE"}, {"adset": adset, "creative": creative}, "ad-1")
    changes = [
        noop(Resource(adset, {"name": "main"}), "as-1"),
        Change(creative, Action.REPLACE, old_creative, new_creative, [FieldChange("title", "Old", "New")]),
        Change(
            ad, Action.UPDATE, old_ad, replace(old_ad, platform_id=None), [FieldChange("refs.creative", 0, 1)]
        ),
        Change(doomed, Action.DELETE, Resource(doomed, {"name": "old"}, platform_id="as-old"), None),
    ]
    return make_plan(changes), creative, ad


def meta_connector(batch_size: int, **kwargs: Any) -> FakeConnector:
    plan, _, _ = meta_replace_plan()
    existing = [(c.before.platform_id or "", c.address) for c in plan.changes if c.before]
    return FakeConnector("m1", META, batch_size, existing=existing, **kwargs)


@pytest.mark.parametrize(("limit", "ad_ref"), [(50, "address"), (1, "id")])
def test_replace_creates_new_repoints_dependents_then_deletes_old_with_the_deletes(
    limit: int, ad_ref: str
) -> None:
    plan, creative, _ad = meta_replace_plan()
    conn = meta_connector(limit)
    result, store = run(plan, conn)
    assert result.ok, result.failures
    sent = [op for call in conn.calls for op in call]
    assert [(op.action, op.address.kind, op.platform_id) for op in sent] == [
        ("create", "adcreative", None),
        ("update", "ad", "ad-1"),
        ("delete", "adcreative", "cr-old"),  # deepest delete first
        ("delete", "adset", "as-old"),
    ]
    assert sent[1].refs == {"creative": creative if ad_ref == "address" else "m1-1"}
    assert store.recorded[creative].platform_id == "m1-1"
    assert "cr-old" not in conn.objects and "m1-1" in conn.objects
    assert [(o.action, o.status) for o in result.outcomes] == [
        (Action.REPLACE, "applied"),
        (Action.UPDATE, "applied"),
        (Action.DELETE, "applied"),
    ]


@pytest.mark.parametrize("limit", [50, 1])
def test_a_replacement_an_interrupted_apply_made_is_not_made_again(limit: int) -> None:
    """The plan carries the new creative's id (an interrupted apply made it): nothing is created, the ad is
    pointed at that id, the old creative deleted, and the new one recorded under its id."""
    plan, creative, _ad = meta_replace_plan()
    change = plan.changes[1]
    assert change.after is not None
    change.after = replace(change.after, platform_id="cr-made")
    conn = meta_connector(limit)
    conn.objects["cr-made"] = creative
    result, store = run(plan, conn)
    assert result.ok, result.failures
    sent = [op for call in conn.calls for op in call]
    assert [(op.action, op.address.kind, op.platform_id) for op in sent] == [
        ("update", "ad", "ad-1"),
        ("delete", "adcreative", "cr-old"),
        ("delete", "adset", "as-old"),
    ]
    assert sent[0].refs == {"creative": "cr-made"}
    assert store.recorded[creative].platform_id == "cr-made"
    assert "cr-old" not in conn.objects and "cr-made" in conn.objects
    assert result.outcomes[0] == ResourceOutcome(
        creative, Action.REPLACE, "applied", "cr-made", "made by an earlier apply; adopted"
    )


def test_a_replacement_removes_too_what_an_interrupted_apply_made_after_the_ad_left_it() -> None:
    """``Change.removes_too``: the other objects at the address go with the old one, once the ad that may run
    one of them was pointed at the new object."""
    plan, creative, _ad = meta_replace_plan()
    plan.changes[1].removes_too = ("cr-made",)
    conn = meta_connector(50)
    conn.objects["cr-made"] = creative
    result, store = run(plan, conn)
    assert result.ok, result.failures
    sent = [op for call in conn.calls for op in call]
    assert [(op.action, op.address.kind, op.platform_id) for op in sent] == [
        ("create", "adcreative", None),
        ("update", "ad", "ad-1"),
        ("delete", "adcreative", "cr-old"),
        ("delete", "adcreative", "cr-made"),
        ("delete", "adset", "as-old"),
    ]
    assert "cr-made" not in conn.objects and store.recorded[creative].platform_id == "m1-1"


@pytest.mark.parametrize("limit", [1, 50])
def test_replace_keeps_the_old_object_when_a_dependent_fails(limit: int) -> None:
    """Within one batch Meta runs each request whatever became of the others: the old creative's delete goes
    in a batch after the ad's update to the new one, so that update failing keeps it."""
    plan, creative, ad = meta_replace_plan()
    conn = meta_connector(limit, permanent=[ad])
    result, store = run(plan, conn)
    assert "cr-old" in conn.objects
    outcome = statuses(result)[str(creative)]
    assert outcome[0] == "failed"
    assert "old object (cr-old) was kept: depends on failed" in outcome[1]
    # The delete never sent is journaled as not done (what ``deletes_not_done`` reads): the next plan
    # finishes the replacement from it, the old creative being live beside the new one MIDAS records.
    [kept] = [
        b
        for b, ops in store.ops.items()
        if [(o.action, o.platform_id) for o in ops] == [("delete", "cr-old")]
    ]
    assert ("sent", kept) not in store.log and store.status[kept] == "failed"
    assert [str(r.error) for r in store.results[kept]] == [f"not sent: depends on failed {ad}"]


def test_the_old_object_kept_because_its_replacement_failed_is_not_journaled_as_left_behind() -> None:
    plan, creative, _ad = meta_replace_plan()
    conn = meta_connector(1, permanent=[creative])
    result, store = run(plan, conn)
    assert "cr-old" in conn.objects
    assert statuses(result)[str(creative)][0] == "failed"
    # The old creative is still the one recorded and run: no delete of it is owed.
    assert not [ops for ops in store.ops.values() if any(o.platform_id == "cr-old" for o in ops)]


def meta_budget_handover() -> tuple[Plan, Address, list[Address]]:
    """A Meta campaign giving its daily budget to two of its ad sets, and its third ad set renamed."""
    campaign = addr("campaign", "spring", META, "m1")
    adsets = [addr("adset", f"spring/{name}", META, "m1") for name in ("a", "b", "c")]
    before = Resource(campaign, {"name": "spring", "daily_budget": 2000}, platform_id="c-1")
    changes = [
        Change(
            campaign,
            Action.UPDATE,
            before,
            replace(before, fields={"name": "spring"}),
            [FieldChange("daily_budget", 2000, None)],
        )
    ]
    for index, (adset, amount) in enumerate(zip(adsets[:2], (1200, 800), strict=True)):
        old = Resource(adset, {"name": adset.path[-1]}, platform_id=f"as-{index}")
        new = replace(old, fields={**old.fields, "daily_budget": amount})
        changes.append(Change(adset, Action.UPDATE, old, new, [FieldChange("daily_budget", None, amount)]))
    other = Resource(adsets[2], {"name": "c"}, platform_id="as-2")
    renamed = replace(other, fields={"name": "see"})
    changes.append(Change(adsets[2], Action.UPDATE, other, renamed, [FieldChange("name", "c", "see")]))
    return make_plan(changes), campaign, adsets


@pytest.mark.parametrize("limit", [50, 1])
def test_a_meta_campaign_handing_its_budget_to_its_ad_sets_carries_their_amounts(limit: int) -> None:
    plan, campaign, adsets = meta_budget_handover()
    ids = [("c-1", campaign), *((f"as-{i}", a) for i, a in enumerate(adsets))]
    conn = FakeConnector("m1", META, limit, existing=ids)
    result, _ = run(plan, conn)
    assert result.ok, result.failures
    [handover] = [op for call in conn.calls for op in call if op.address == campaign]
    assert [(c.address, c.platform_id, dict(c.fields)) for c in handover.companions] == [
        (adsets[0], "as-0", {"daily_budget": 1200}),
        (adsets[1], "as-1", {"daily_budget": 800}),
    ]


EVENINGS = [
    {"days": [1, 2, 3, 4, 5], "start_minute": 1020, "end_minute": 1380, "timezone_type": "ADVERTISER"}
]


def meta_handover_clearing_a_schedule() -> tuple[Plan, Address, Address, FakeConnector]:
    """A Meta campaign giving its lifetime budget away, its ad set going to a daily budget of its own and
    all the time (its schedule cleared)."""
    campaign = addr("campaign", "spring", META, "m1")
    adset = addr("adset", "spring/a", META, "m1")
    before = Resource(campaign, {"name": "spring", "lifetime_budget": 90000}, platform_id="c-1")
    old = Resource(
        adset, {"name": "a", "adset_schedule": EVENINGS, "pacing_type": ["day_parting"]}, platform_id="as-0"
    )
    changes = [
        Change(
            campaign,
            Action.UPDATE,
            before,
            replace(before, fields={"name": "spring"}),
            [FieldChange("lifetime_budget", 90000, None)],
        ),
        Change(
            adset,
            Action.UPDATE,
            old,
            replace(old, fields={"name": "a", "daily_budget": 2000}),
            [
                FieldChange("adset_schedule", EVENINGS, None),
                FieldChange("daily_budget", None, 2000),
                FieldChange("pacing_type", ["day_parting"], None),
            ],
        ),
    ]
    conn = FakeConnector("m1", META, 50, existing=[("c-1", campaign), ("as-0", adset)])
    return make_plan(changes), campaign, adset, conn


def test_an_ad_set_handed_a_daily_budget_has_its_schedule_cleared_in_a_batch_before_the_hand_over() -> None:
    """Meta refuses the campaign's request putting an ad set with a schedule on a daily budget: the clear
    goes first, in a batch of its own, then the hand-over, then the rest of the ad set's update."""
    plan, campaign, adset, conn = meta_handover_clearing_a_schedule()
    result, store = run(plan, conn)
    assert result.ok, result.failures
    assert conn.sent() == [[f"update {adset}"], [f"update {campaign}", f"update {adset}"]]
    assert dict(conn.calls[0][0].fields) == {"adset_schedule": None, "pacing_type": None}
    [handover] = conn.calls[1][:1]
    assert [dict(c.fields) for c in handover.companions] == [
        {"adset_schedule": None, "daily_budget": 2000, "pacing_type": None}
    ]
    assert statuses(result)[str(adset)] == ("applied", "")
    assert store.recorded[adset].fields == {"name": "a", "daily_budget": 2000}


def test_a_schedule_cleared_before_a_refused_hand_over_is_recorded_over_the_ad_set_s_last_record() -> None:
    """The hand-over refused after the clear went through: the ad set runs all the time on the campaign's
    budget, recorded so (drift sees no change of a console's in the clear), its budget waiting for the next
    apply. Only the clear is recorded, over the ad set's last record: a console's rename of it, live when
    the plan read it, stays drift. The ad set is said partly applied, not skipped."""
    plan, campaign, adset, conn = meta_handover_clearing_a_schedule()
    [_, adset_change] = plan.changes
    assert adset_change.before is not None
    store = FakeStore()
    store.recorded[adset] = replace(adset_change.before, managed=True)
    by_hand = replace(adset_change.before, fields={**adset_change.before.fields, "name": "a by hand"})
    plan.changes[1] = replace(adset_change, before=by_hand)
    # One request a batch: the ad set's own update is not sent after its campaign's refusal.
    conn = FakeConnector("m1", META, 1, existing=[("c-1", campaign), ("as-0", adset)], permanent=[campaign])
    result, store = run(plan, conn, store=store)
    got = statuses(result)
    assert got[str(campaign)] == ("failed", "meta [INVALID] campaign rejected")
    assert conn.sent() == [[f"update {adset}"], [f"update {campaign}"]]
    assert got[str(adset)] == (
        "failed",
        f"partly applied: its schedule was cleared; the rest depends on failed {campaign}",
    )
    assert store.recorded[adset].fields == {"name": "a"}


def test_a_held_back_hand_over_leaves_the_ad_set_s_schedule_as_it_is() -> None:
    """Meta's budget-change limit holds the campaign's update back before any write: the ad set's
    schedule is not cleared for a hand-over that does not go (it would run all the time for nothing), and
    the ad set is skipped, nothing sent."""
    plan, campaign, adset, conn = meta_handover_clearing_a_schedule()

    def hold(address: Address, changed: Iterable[str]) -> str | None:
        return "must wait until 12:00 UTC" if address == campaign else None

    result, store = run(plan, conn, hold=hold)
    got = statuses(result)
    assert got[str(campaign)][0] == "failed" and "held back, not sent" in got[str(campaign)][1]
    assert conn.sent() == []
    assert got[str(adset)] == ("skipped", f"depends on failed {campaign}")
    assert adset not in store.recorded


def test_a_refused_schedule_clear_holds_back_the_hand_over_and_says_why_at_the_ad_set() -> None:
    plan, campaign, adset, conn = meta_handover_clearing_a_schedule()
    conn.permanent = {adset}
    result, _ = run(plan, conn)
    got = statuses(result)
    assert got[str(adset)] == ("failed", "meta [INVALID] adset rejected")
    assert got[str(campaign)] == ("skipped", f"depends on failed {adset}")
    assert conn.sent() == [[f"update {adset}"]]


def test_a_held_campaign_budget_change_holds_back_only_the_budgets_it_hands_over() -> None:
    """Meta's 4-budget-changes-an-hour limit holds the campaign's update: its ad sets exist, so their own
    updates (a new name) still go; only the ad set budgets its update would have handed over wait."""
    plan, campaign, adsets = meta_budget_handover()
    ids = [("c-1", campaign), *((f"as-{i}", a) for i, a in enumerate(adsets))]
    conn = FakeConnector("m1", META, 50, existing=ids)

    def hold(address: Address, changed: Iterable[str]) -> str | None:
        return "must wait until 12:00 UTC" if address == campaign else None

    result, _ = run(plan, conn, hold=hold)
    got = statuses(result)
    assert got[str(campaign)][0] == "failed" and "held back, not sent" in got[str(campaign)][1]
    assert got[str(adsets[0])] == got[str(adsets[1])] == ("skipped", f"depends on failed {campaign}")
    assert got[str(adsets[2])] == ("applied", "")
    assert conn.sent() == [[f"update {adsets[2]}"]]


def test_a_held_campaign_taking_its_budget_back_holds_back_the_ad_set_budgets_it_would_replace() -> None:
    """The other way round: the campaign takes the budget back from its ad sets. Their updates dropping
    their budgets wait for it — sent while it is held, Meta would refuse them (an ad set needs a budget
    while its campaign has none)."""
    campaign = addr("campaign", "spring", META, "m1")
    adsets = [addr("adset", f"spring/{name}", META, "m1") for name in ("a", "b")]
    before = Resource(campaign, {"name": "spring"}, platform_id="c-1")
    changes = [
        Change(
            campaign,
            Action.UPDATE,
            before,
            replace(before, fields={"name": "spring", "daily_budget": 2000}),
            [FieldChange("daily_budget", None, 2000)],
        )
    ]
    for index, adset in enumerate(adsets):
        old = Resource(adset, {"name": adset.path[-1], "daily_budget": 1000}, platform_id=f"as-{index}")
        changes.append(
            Change(adset, Action.UPDATE, old, replace(old, fields={"name": adset.path[-1]}),
                   [FieldChange("daily_budget", 1000, None)])
        )  # fmt: skip
    conn = FakeConnector(
        "m1", META, 50, existing=[("c-1", campaign), *((f"as-{i}", a) for i, a in enumerate(adsets))]
    )

    def hold(address: Address, changed: Iterable[str]) -> str | None:
        return "must wait until 12:00 UTC" if address == campaign else None

    result, _ = run(make_plan(changes), conn, hold=hold)
    got = statuses(result)
    assert got[str(adsets[0])] == got[str(adsets[1])] == ("skipped", f"depends on failed {campaign}")
    assert conn.sent() == []


def google_ad_replacement() -> tuple[Resource, Resource, list[Change], FakeConnector]:
    group, ad = google_campaign("spring")[2::2]
    old = replace(ad, platform_id="ad-old", managed=True)
    new = replace(ad, fields={"name": "ad1", "headlines": ["New"]})
    changes = [noop(group, "g-1"), Change(ad.address, Action.REPLACE, old, new)]
    return ad, old, changes, FakeConnector(existing=[("g-1", group.address), ("ad-old", ad.address)])


def test_google_ad_replacement_goes_in_one_batch() -> None:
    ad, _, changes, conn = google_ad_replacement()
    result, store = run(make_plan(changes), conn)
    assert result.ok and conn.sent() == [[f"create {ad.address}", f"delete {ad.address}"]]
    assert store.recorded[ad.address].platform_id == "g1-1"


@pytest.mark.parametrize("size", [2, 3])
def test_a_replacement_nothing_refers_to_is_never_split_between_batches(size: int) -> None:
    """Its old object's removal goes right after the new one's create, in the same batch (the connector sends
    them as one atomic request): an apply killed between two batches cannot leave both live. Where the pair
    does not fit beside what the batch holds, both go in the next one."""
    ad, _, changes, conn = google_ad_replacement()
    budget = google_campaign("spring")[0]
    before = replace(budget, platform_id="b-1", managed=True)
    after = replace(budget, fields={**budget.fields, "amount_micros": 20_000_000}, platform_id="b-1")
    changes.insert(
        0, Change(budget.address, Action.UPDATE, before, after, [FieldChange("amount_micros", 1, 2)])
    )
    conn.objects["b-1"] = budget.address
    conn.limits = ConnectorLimits(write_batch_size=size, calls_per_second=1.0, burst=1)
    result, _ = run(make_plan(changes), conn)
    assert result.ok, result.failures
    pair = [f"create {ad.address}", f"delete {ad.address}"]
    update = f"update {budget.address}"
    assert conn.sent() == ([[update], pair] if size == 2 else [[update, *pair]])


def test_failed_replacement_in_the_same_batch_as_the_old_delete_is_forgotten() -> None:
    ad, old, changes, conn = google_ad_replacement()
    store = FakeStore()
    store.recorded[ad.address] = old

    # the create is rejected; the connector (partial failure) still removes the old ad
    def reject_creates(op: WriteOp, created: dict[Address, str | None], real: Any = conn._one) -> WriteResult:
        if op.action == "create":
            created[op.address] = None
            return WriteResult(op.address, False, error=PermanentError("too many headlines", code="LIMIT"))
        return real(op, created)

    conn._one = reject_creates  # type: ignore[method-assign]
    result, _ = run(make_plan(changes), conn, store=store)
    (outcome,) = result.outcomes
    assert outcome.status == "failed" and outcome.message.endswith("the old object was removed")
    assert "too many headlines" in outcome.message
    assert ad.address not in store.recorded


# -- failures ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 3, 10_000])
def test_permanent_failure_skips_dependents_only(limit: int) -> None:
    a, b = google_campaign("a"), google_campaign("b")
    conn = FakeConnector(batch_size=limit, permanent=[a[1].address])
    result, _ = run(make_plan(creates(a + b)), conn)
    got = statuses(result)
    assert got[str(a[0].address)] == ("applied", "")
    assert (
        got[str(a[1].address)][0] == "failed" and "[INVALID] campaign rejected" in got[str(a[1].address)][1]
    )
    for child in a[2:]:
        assert got[str(child.address)] == ("skipped", f"depends on failed {a[1].address}")
    assert all(got[str(r.address)][0] == "applied" for r in b)
    assert not result.ok and result.counts() == {
        "applied": 6,
        "failed": 1,
        "skipped": 3,
        "moved": 0,
        "updated": 0,
        "dropped": 0,
    }
    if limit == 1:  # skipped operations are never sent
        assert len(conn.calls) == 7


@pytest.mark.parametrize(
    ("failing", "skipped"),
    [
        # an update to a container fails: the container exists, so what lies under it still applies
        ("campaign", []),
        # a budget shares the campaign's path but contains nothing
        ("campaign_budget", []),
        # a leaf fails alone
        ("ad_group_ad", []),
    ],
)
def test_failed_update_skips_only_what_lies_under_a_container(failing: str, skipped: list[str]) -> None:
    live = [replace(r, platform_id=f"id-{r.address.kind}", managed=True) for r in google_campaign("spring")]
    changes = [
        Change(
            r.address,
            Action.UPDATE,
            r,
            replace(r, fields={**r.fields, "name": "x"}),
            [FieldChange("name", 0, 1)],
        )
        for r in live
        if r.address.kind in ("campaign_budget", "campaign", "ad_group_ad")
    ]
    keyword = Resource(
        addr("ad_group_criterion", "spring/main/keyword:BROAD:boots"),
        {"type": "KEYWORD", "keyword_text": "boots", "keyword_match_type": "BROAD"},
        {"ad_group": live[2].address},
    )
    changes.insert(2, noop(live[2], "id-ad_group"))
    changes.insert(3, Change(keyword.address, Action.CREATE, None, keyword))
    doomed = next(c.address for c in changes if c.address.kind == failing)
    conn = FakeConnector(
        batch_size=1, existing=[(r.platform_id or "", r.address) for r in live], permanent=[doomed]
    )
    result, _ = run(make_plan(changes), conn)
    got = {o.address.kind: o.status for o in result.outcomes}
    assert got[failing] == "failed"
    assert sorted(k for k, s in got.items() if s == "skipped") == skipped


def test_per_operation_transient_failure_retries_it_with_its_dependents() -> None:
    a, b = google_campaign("a")[:3], google_campaign("b")[:1]
    conn = FakeConnector(existing=[("b-a", a[0].address)], transient={a[1].address: 1})
    delays: list[float] = []
    plan = make_plan([noop(a[0], "b-a"), *creates(a[1:] + b)])
    result, _ = run(plan, conn, delays=delays)
    assert result.ok, result.failures
    assert conn.sent() == [
        [f"create {a[1].address}", f"create {a[2].address}", f"create {b[0].address}"],
        [f"create {a[1].address}", f"create {a[2].address}"],
    ]
    assert conn.calls[1][1].refs == {"campaign": a[1].address}
    assert len(delays) == 1 and delays[0] >= 3.0  # the platform's retry_after


def test_per_operation_transient_failure_gives_up_after_max_attempts() -> None:
    budget = google_campaign("a")[0]
    conn = FakeConnector(transient={budget.address: 99})
    result, _ = run(make_plan(creates([budget])), conn, max_attempts=3)
    assert len(conn.calls) == 3
    (outcome,) = result.failures
    assert outcome.status == "failed" and "gave up after 3 attempts" in outcome.message


@pytest.mark.parametrize(
    ("errors", "max_attempts", "calls", "status"),
    [
        (0, 8, 1, "applied"),
        (2, 8, 3, "applied"),
        (7, 8, 8, "applied"),
        (8, 8, 8, "failed"),
        (5, 3, 3, "failed"),
    ],
)
def test_whole_call_transient_errors_retry_the_batch_with_backoff(
    errors: int, max_attempts: int, calls: int, status: str
) -> None:
    budget = google_campaign("a")[0]
    throttled = [
        TransientError("slow down", code="RESOURCE_EXHAUSTED", retry_after=7.0) for _ in range(errors)
    ]
    conn = FakeConnector(call_errors=throttled)
    delays: list[float] = []
    result, store = run(make_plan(creates([budget])), conn, delays=delays, max_attempts=max_attempts)
    assert len(conn.calls) == calls and result.outcomes[0].status == status
    expected = Backoff(rng=random.Random(7))
    assert delays == [expected.delay(n, 7.0) for n in range(1, calls)]
    assert all(d >= 7.0 for d in delays)
    assert [entry[2] for entry in store.calls("done")] == ["failed"] * min(errors, calls) + ["confirmed"] * (
        calls - min(errors, calls)
    )
    if status == "failed":
        assert (
            "slow down" in result.outcomes[0].message
            and f"after {calls} attempts" in result.outcomes[0].message
        )


def test_whole_call_throttle_penalizes_the_limiter() -> None:
    now = [0.0]
    waited: list[float] = []

    def limiter_sleep(seconds: float) -> None:
        waited.append(seconds)
        now[0] += seconds

    limiter = TokenBucket(10.0, 1, clock=lambda: now[0], sleep=limiter_sleep)
    throttled = [TransientError("slow down", retry_after=7.0) for _ in range(2)]
    conn = FakeConnector(call_errors=throttled)
    result, _ = run(make_plan(creates(google_campaign("a")[:1])), conn, limiters={"g1": limiter})
    assert result.ok
    assert waited == pytest.approx([7.1, 7.1])  # no token before retry_after, then one refill


def test_auth_error_stops_one_account_and_others_go_on() -> None:
    google = FakeConnector(
        "g1", batch_size=2, call_errors=[AuthError("token expired", fix="run `midas login`")]
    )
    meta_campaign = Resource(addr("campaign", "spring", META, "m1"), {"name": "spring"})
    meta = FakeConnector("m1", META)
    plan = make_plan(creates(google_campaign("a")) + creates([meta_campaign]))
    result, store = run(plan, google, meta)
    google_outcomes = [o for o in result.outcomes if o.address.account == "g1"]
    assert [o.status for o in google_outcomes] == ["failed"] * 5
    assert all("Fix: run `midas login`" in o.message for o in google_outcomes)
    assert statuses(result)[str(meta_campaign.address)] == ("applied", "")
    assert result.write_calls == {"g1": 1, "m1": 1}
    assert store.calls("settle") == [("settle", ["m1"])]


def test_missing_connector_fails_that_account_only() -> None:
    plan = make_plan([*creates(google_campaign("a")[:1]), noop(google_campaign("b", "g2")[0], "x")])
    result, store = run(plan)
    assert [o.status for o in result.outcomes] == ["failed"]
    assert "no connector" in result.outcomes[0].message
    assert store.calls("settle") == [("settle", ["g2"])]


# -- journal, store, claims, events --------------------------------------------------------------------


def test_journal_goes_pending_sent_done_per_batch_and_records_follow_at_once() -> None:
    resources = google_campaign("a")
    throttled = [TransientError("busy", retry_after=1.0)]
    conn = FakeConnector(batch_size=2, call_errors=throttled)
    result, store = run(make_plan(creates(resources)), conn)
    assert result.ok
    journal = [e[:3] if e[0] == "done" else e[:2] for e in store.log if e[0] in ("pending", "sent", "done")]
    assert journal == [
        ("pending", 1),
        ("sent", 1),
        ("done", 1, "failed"),  # the throttled call
        ("pending", 2),
        ("sent", 2),
        ("done", 2, "confirmed"),
        ("pending", 3),
        ("sent", 3),
        ("done", 3, "confirmed"),
        ("pending", 4),
        ("sent", 4),
        ("done", 4, "confirmed"),
    ]
    kinds = [e[0] for e in store.log]
    # recorded before journaled done: a kill in between leaves the batch's creates claimed
    assert kinds == ["pending", "sent", "done"] + ["pending", "sent", "record", "done"] * 3 + ["settle"]
    assert store.log[0][2:] == ("g1", [str(r.address) for r in resources[:2]])


def test_noops_are_recorded_at_the_end_and_gone_ones_forgotten() -> None:
    a = google_campaign("a")
    gone = addr("campaign", "vanished")
    changes = [noop(a[0], "b-1"), noop(a[1], "c-1"), Change(gone, Action.NOOP, None, None)]
    changes += creates(a[2:3])
    conn = FakeConnector(existing=[("b-1", a[0].address), ("c-1", a[1].address)])
    result, store = run(make_plan(changes), conn)
    assert [o.address for o in result.outcomes] == [a[2].address]  # noops have no outcome
    assert [e[0] for e in store.log][-3:] == ["record", "forget", "settle"]
    assert store.log[-3] == ("record", [str(a[0].address), str(a[1].address)])
    assert store.log[-2] == ("forget", [str(gone)])
    adopted = store.recorded[a[1].address]
    assert (adopted.platform_id, adopted.managed, adopted.spec_digest) == ("c-1", True, "d")


def moved(change: Change, old: Address) -> Change:
    change.moved_from = old
    return change


def test_records_are_moved_first_and_a_move_alone_sends_nothing() -> None:
    """A renamed Google ad: the record moves before any write; a move with a status update sends only
    that, to the ad's id; a move alone is an outcome of its own, sent nowhere."""
    a, b = google_campaign("a"), google_campaign("b")
    old_a, old_b = addr("ad_group_ad", "a/main/old"), addr("ad_group_ad", "b/main/old")
    paused = replace(b[4], fields={"name": "ad1", "status": "PAUSED"})
    status = FieldChange("status", "ENABLED", "PAUSED")
    changes = [
        moved(noop(a[4], "a-ad"), old_a),
        moved(
            Change(b[4].address, Action.UPDATE, replace(b[4], platform_id="b-ad"), paused, [status]), old_b
        ),
    ]
    conn = FakeConnector(existing=[("a-ad", a[4].address), ("b-ad", b[4].address)])
    store = FakeStore()
    store.recorded = {old_a: replace(a[4], address=old_a), old_b: replace(b[4], address=old_b)}
    result, store = run(make_plan(changes), conn, store=store)
    assert store.log[0] == ("move", [(str(old_a), str(a[4].address)), (str(old_b), str(b[4].address))])
    assert conn.calls == [[WriteOp("update", b[4].address, fields={"status": "PAUSED"}, platform_id="b-ad")]]
    assert statuses(result) == {
        str(a[4].address): ("applied", f"record moved from {old_a}; nothing sent"),
        str(b[4].address): ("applied", ""),
    }
    assert set(store.recorded) == {a[4].address, b[4].address}
    assert store.recorded[b[4].address].fields["status"] == "PAUSED"
    # Both records moved, as the plan's "2 records to move" said; one change was sent and applied.
    assert result.counts() == {
        "applied": 1,
        "failed": 0,
        "skipped": 0,
        "moved": len(make_plan(changes).moves),
        "updated": 0,
        "dropped": 0,
    }


@pytest.mark.parametrize(
    ("failing_accounts", "settled"),
    [((), ["g1", "g2", "g3"]), (("g2",), ["g1", "g3"]), (("g1", "g2", "g3"), None)],
)
def test_claims_are_settled_only_for_accounts_that_fully_succeeded(
    failing_accounts: tuple[str, ...], settled: list[str] | None
) -> None:
    connectors = []
    changes: list[Change] = []
    for account in ("g1", "g2", "g3"):
        budget = google_campaign("a", account)[0]
        changes += creates([budget])
        connectors.append(
            FakeConnector(account, permanent=[budget.address] if account in failing_accounts else [])
        )
    _, store = run(make_plan(changes), *connectors)
    assert store.calls("settle") == ([("settle", settled)] if settled else [])


def test_progress_events() -> None:
    events: list[ApplyEvent] = []
    conn = FakeConnector(batch_size=2, transient={google_campaign("a")[2].address: 1})
    result, _ = run(make_plan(creates(google_campaign("a"))), conn, on_event=events.append)
    assert result.ok
    assert [(e.kind, e.done, e.total) for e in events] == [
        ("batch_start", 0, 5),
        ("batch_done", 2, 5),
        ("batch_start", 2, 5),
        ("retry", 2, 5),  # the ad group and the keyword that needs it go again
        ("batch_done", 2, 5),
        ("batch_start", 2, 5),
        ("batch_done", 4, 5),
        ("batch_start", 4, 5),
        ("batch_done", 5, 5),
    ]
    assert {e.account for e in events} == {"g1"}
    assert "retrying 2 operation(s)" in events[3].message


def test_result_helpers() -> None:
    address = addr("campaign", "a")
    result = ApplyResult(
        outcomes=[
            ResourceOutcome(address, Action.CREATE, "applied", "1", ""),
            ResourceOutcome(address, Action.UPDATE, "failed", None, "boom"),
            ResourceOutcome(address, Action.UPDATE, "skipped", None, f"depends on failed {address}"),
        ],
        write_calls={"g1": 1},
    )
    assert not result.ok
    assert [o.status for o in result.failures] == ["failed", "skipped"]
    assert result.counts() == {
        "applied": 1,
        "failed": 1,
        "skipped": 1,
        "moved": 0,
        "updated": 0,
        "dropped": 0,
    }
    assert ApplyResult([], {}).ok


# -- more failure shapes -------------------------------------------------------------------------------


def test_dependents_of_an_operation_that_stays_transient_are_skipped() -> None:
    budget, campaign = google_campaign("a")[:2]
    conn = FakeConnector(transient={budget.address: 99})
    result, _ = run(make_plan(creates([budget, campaign])), conn, max_attempts=2)
    assert len(conn.calls) == 2
    got = statuses(result)
    assert got[str(budget.address)][0] == "failed"
    assert got[str(campaign.address)] == ("skipped", f"depends on failed {budget.address}")


def test_a_batch_summary_counts_what_is_skipped_apart_from_what_failed() -> None:
    """The keyword fails because its ad group failed in the same batch: skipped, as the apply's summary
    says, not a second failure."""
    events: list[ApplyEvent] = []
    resources = google_campaign("a")
    conn = FakeConnector(permanent=[resources[2].address])
    result, _ = run(make_plan(creates(resources[:4])), conn, on_event=events.append)
    assert result.counts() == {
        "applied": 2,
        "failed": 1,
        "skipped": 1,
        "moved": 0,
        "updated": 0,
        "dropped": 0,
    }
    assert [e.message for e in events if e.kind == "batch_done"] == [
        "batch 1: 2 applied, 1 failed, 1 skipped, 0 to retry"
    ]


def test_a_call_refused_outright_fails_its_batch_and_independent_work_continues() -> None:
    a, b = google_campaign("a")[:2], google_campaign("b")[:1]
    conn = FakeConnector(batch_size=1, call_errors=[PermanentError("malformed request", code="BAD")])
    result, store = run(make_plan(creates(a + b)), conn)
    assert [o.status for o in result.outcomes] == ["failed", "skipped", "applied"]
    assert "malformed request" in result.outcomes[0].message
    assert [e[2] for e in store.calls("done")] == ["failed", "confirmed"]


def test_results_that_do_not_match_the_batch_are_a_connector_error() -> None:
    conn = FakeConnector()
    conn.write = lambda ops: []  # type: ignore[method-assign]
    store = FakeStore()
    with pytest.raises(ConnectorError, match="do not match"):
        run(make_plan(creates(google_campaign("a")[:1])), conn, store=store)
    assert store.status == {1: "sent"}  # left as a claim for the next plan to adopt


def test_unresolvable_reference_and_missing_id_fail_with_a_clear_message() -> None:
    budget, campaign, group = google_campaign("a")[:3]
    live = replace(budget, platform_id=None)
    changes = [
        Change(budget.address, Action.UPDATE, live, budget, [FieldChange("amount_micros", 1, 2)]),
        Change(group.address, Action.CREATE, None, group),  # its campaign is neither planned nor known
    ]
    result, _ = run(make_plan(changes), FakeConnector())
    got = statuses(result)
    assert got[str(budget.address)] == ("failed", "no platform id is known for this resource")
    assert got[str(group.address)][1].startswith(f"cannot resolve reference campaign → {campaign.address}")


def test_one_limiter_token_per_write_call() -> None:
    waited: list[float] = []
    limiter = TokenBucket(1.0, 1, clock=lambda: 0.0, sleep=waited.append)
    conn = FakeConnector(batch_size=2)
    result, _ = run(make_plan(creates(google_campaign("a"))), conn, limiters={"g1": limiter})
    assert result.ok and len(conn.calls) == 3
    assert waited == [1.0, 2.0]  # the first call spends the burst, each further call waits its turn


def test_the_limiter_takes_what_each_batch_sends_one_token_per_request() -> None:
    """Meta counts each request of a Graph batch, Google each Mutate request: a batch of two requests costs
    two tokens, paid before the next batch goes (whose size is known only once it is sent)."""
    clock = FakeClock()
    limiter = TokenBucket(1.0, 1, clock=clock, sleep=clock.sleep)
    conn = RequestCountingConnector(batch_size=2)
    result, _ = run(make_plan(creates(google_campaign("a"))), conn, limiters={"g1": limiter})
    assert result.ok and [len(call) for call in conn.calls] == [2, 2, 1]
    assert result.write_calls == {"g1": 5}
    # The first batch spends the burst and owes one token; each further batch waits for its two.
    assert clock.slept == pytest.approx([2.0, 2.0])


@pytest.mark.parametrize("seed", range(40))
def test_random_failures_keep_the_invariants(seed: int) -> None:
    rng = random.Random(seed)
    resources = sorted(
        [r for name in ("a", "b", "c") for r in google_campaign(name)], key=lambda r: r.address.sort_key()
    )
    permanent = [r.address for r in resources if rng.random() < 0.15]
    transient = {r.address: rng.randint(1, 3) for r in resources if rng.random() < 0.2}
    conn = FakeConnector(
        batch_size=rng.choice([1, 2, 3, 7, 10_000]), permanent=permanent, transient=transient
    )
    result, store = run(make_plan(creates(resources)), conn, max_attempts=3)
    assert [o.address for o in result.outcomes] == [r.address for r in resources]
    by_address = {o.address: o for o in result.outcomes}
    for outcome in result.outcomes:
        if outcome.status == "skipped":
            assert outcome.message.startswith("depends on failed ")
            assert (
                by_address[Address.parse(outcome.message.removeprefix("depends on failed "))].status
                == "failed"
            )
        if outcome.status == "applied":
            assert conn.objects[outcome.platform_id or ""] == outcome.address
            assert store.recorded[outcome.address].platform_id == outcome.platform_id
    assert set(conn.objects.values()) == {o.address for o in result.outcomes if o.status == "applied"}
    assert all(status in ("confirmed", "failed") for status in store.status.values())


@pytest.mark.parametrize("whole_call", [True, False])
def test_a_wait_longer_than_max_wait_fails_at_once(whole_call: bool) -> None:
    budget = google_campaign("a")[0]
    blocked = TransientError("daily quota spent", retry_after=8 * 3600.0)
    conn = FakeConnector(call_errors=[blocked] if whole_call else [])
    if not whole_call:
        conn.transient = {budget.address: 1}
        conn._one = lambda op, created: WriteResult(op.address, False, error=blocked)  # type: ignore[method-assign]
    delays: list[float] = []
    result, _ = run(make_plan(creates([budget])), conn, delays=delays, max_wait=900.0)
    assert len(conn.calls) == 1 and delays == []
    (outcome,) = result.failures
    assert (
        "daily quota spent" in outcome.message and "asks to wait 28800s, longer than 900s" in outcome.message
    )


# -- against the real state store (SQLite and PostgreSQL) ----------------------------------------------


class Crash(BaseException):
    """The process dying mid-call (nothing after it runs)."""


def test_real_store_records_applied_resources_and_keeps_no_claims(store: StateStore) -> None:
    resources = google_campaign("a")
    conn = FakeConnector(batch_size=2)
    run_id = store.start_run("apply", ["g1"], "test")
    result = apply(make_plan(creates(resources)), {"g1": conn}, store, run_id=run_id, sleep=lambda _: None)
    assert result.ok
    recorded = store.recorded(["g1"])
    assert {a: r.platform_id for a, r in recorded.items()} == {
        o.address: o.platform_id for o in result.outcomes
    }
    assert recorded[resources[1].address].refs == {"campaign_budget": resources[0].address}
    assert store.claimed_addresses(["g1"]) == set()


def test_real_store_keeps_the_batch_in_flight_as_a_claim_until_adopted(store: StateStore) -> None:
    resources = google_campaign("a")
    conn = FakeConnector(batch_size=2)
    real_write = conn.write

    def write_then_die(ops: Sequence[WriteOp]) -> list[WriteResult]:
        results = real_write(ops)
        if len(conn.calls) == 2:
            raise Crash  # the platform applied the batch; we never heard back
        return results

    conn.write = write_then_die  # type: ignore[method-assign]
    with pytest.raises(Crash):
        apply(
            make_plan(creates(resources)), {"g1": conn}, store, run_id=store.start_run("apply", ["g1"], "t")
        )
    assert set(store.recorded(["g1"])) == {r.address for r in resources[:2]}
    assert store.claimed_addresses(["g1"]) == {r.address for r in resources[2:4]}

    # the next plan adopts the live objects at the claimed addresses and creates the rest
    live_ids = {address: platform_id for platform_id, address in conn.objects.items()}
    changes = [noop(r, live_ids[r.address]) for r in resources[:4]] + creates(resources[4:])
    conn.write = real_write  # type: ignore[method-assign]
    result = apply(make_plan(changes), {"g1": conn}, store, run_id=store.start_run("apply", ["g1"], "t"))
    assert result.ok and len(conn.objects) == len(resources)
    assert {r.platform_id for r in store.recorded(["g1"]).values()} == set(conn.objects)
    assert store.claimed_addresses(["g1"]) == set()


@pytest.mark.parametrize(
    ("connector", "message"),
    [
        (FakeConnector("g1", META), "serves meta, not google"),
        (FakeConnector("g1", batch_size=0), "batch size below 1"),
    ],
)
def test_unusable_connector_fails_its_operations(connector: FakeConnector, message: str) -> None:
    result, _ = run(make_plan(creates(google_campaign("a")[:2])), connector)
    assert connector.calls == [] and [o.status for o in result.outcomes] == ["failed", "failed"]
    assert message in result.outcomes[0].message


def test_a_failed_create_the_platform_made_all_the_same_is_recorded_with_its_id() -> None:
    """A create failing with an id (a Google campaign made, its page feed request refused) is recorded, so
    that the next plan changes what it lacks rather than meet a marked object in no state; its dependents
    stay skipped and the apply fails."""
    a = google_campaign("a")
    conn = FakeConnector(batch_size=1)
    store = FakeStore()
    real = conn._one

    def made_but_refused(op: WriteOp, created: dict[Address, str | None]) -> WriteResult:
        if op.address == a[1].address:
            created[op.address] = "777"
            return WriteResult(op.address, False, "777", PermanentError("feed refused", code="X"))
        return real(op, created)

    conn._one = made_but_refused  # type: ignore[method-assign]
    result, _ = run(make_plan(creates(a)), conn, store=store)
    got = statuses(result)
    assert got[str(a[1].address)][0] == "failed" and "feed refused" in got[str(a[1].address)][1]
    assert store.recorded[a[1].address].platform_id == "777"
    assert all(got[str(child.address)][0] == "skipped" for child in a[2:])
    assert not result.ok


@pytest.mark.parametrize("made_but_failed", [False, True], ids=["made", "made-but-failed"])
def test_a_kill_after_a_batch_returned_but_before_its_creates_are_recorded_leaves_them_claimed(
    store: StateStore, monkeypatch: pytest.MonkeyPatch, made_but_failed: bool
) -> None:
    """The batch was journaled done before its creates were recorded: a kill in between left what the
    platform made neither recorded nor claimed (the next plan refused it). It is journaled done after."""
    a = google_campaign("a")
    conn = FakeConnector(batch_size=2)
    if made_but_failed:
        real = conn._one

        def one(op: WriteOp, created: dict[Address, str | None]) -> WriteResult:
            if op.address == a[0].address:
                created[op.address] = "777"
                return WriteResult(op.address, False, "777", PermanentError("feed refused", code="X"))
            return real(op, created)

        monkeypatch.setattr(conn, "_one", one)

    def die(resources: Sequence[Resource]) -> None:
        raise Crash

    monkeypatch.setattr(store, "record_many", die)
    with pytest.raises(Crash):
        apply(make_plan(creates(a)), {"g1": conn}, store, run_id=store.start_run("apply", ["g1"], "t"))
    made = set(conn.objects.values())
    assert a[1].address in made
    assert made <= store.claimed_addresses(["g1"]) | set(store.recorded(["g1"]))


@pytest.mark.parametrize(
    ("fields", "sent", "local"),
    [
        ([FieldChange("status", "ENABLED", "PAUSED")], {"status": "PAUSED"}, ""),
        ([FieldChange("status", "PAUSED", "PAUSED")], {"status": "PAUSED"}, "already paused"),
        (
            [
                FieldChange("status", "ENABLED", "PAUSED"),
                FieldChange("labels", ["x"], ["midas-managed", "x"]),
            ],
            {"status": "PAUSED", "labels": ["midas-managed", "x"]},
            "",
        ),
        ([FieldChange("labels", [], ["midas-managed"])], {"labels": ["midas-managed"]}, ""),
    ],
)
def test_a_pause_sends_its_status_and_the_marker_the_plan_links_with_it(
    fields: list[FieldChange], sent: dict[str, Any], local: str
) -> None:
    """A pause sent ``status`` alone, though the plan links the marker of an object MIDAS owns without it
    with the pause (``planner``); one stopped already has its marker linked, its status not sent."""
    address = Address.parse("campaign/spring@google:acct")
    status = "PAUSED" if local or fields[0].path != "status" else "ENABLED"
    before = Resource(address, {"status": status, "labels": []}, platform_id="5")
    after = Resource(address, {**before.fields, **{f.path: f.after for f in fields}}, platform_id="5")
    [op] = operations([(0, Change(address, Action.PAUSE, before, after, fields))])
    assert (op.fields, op.local) == (sent, local)


def _slot(day: str, start: str, end: str, platform_id: str | None = None) -> Resource:
    campaign = addr("campaign", "spring")
    fields = {
        "type": "AD_SCHEDULE",
        "ad_schedule_day": day,
        "ad_schedule_start": start,
        "ad_schedule_end": end,
    }
    path = f"spring/ad_schedule:{day}:{start}-{end}"
    return Resource(addr("campaign_criterion", path), fields, {"campaign": campaign}, platform_id=platform_id)


def test_new_ad_schedule_slots_overlapping_none_leaving_go_before_removals_the_rest_after_theirs() -> None:
    """Of new hours (Monday 09–17 → 13–20, Tuesday 09–17 → 18–20, Wednesday gained, Thursday dropped): the
    slots overlapping no slot leaving are made before any removal; Monday's new slot waits, settled, for
    Monday's old one alone; Tuesday's and Thursday's old slots, which nothing new overlaps, go last."""
    old_mon, old_tue, old_thu = (
        _slot(day, "09:00", "17:00", f"id-{day}") for day in ("MONDAY", "TUESDAY", "THURSDAY")
    )
    new_mon, new_tue, new_wed = (
        _slot("MONDAY", "13:00", "20:00"),
        _slot("TUESDAY", "18:00", "20:00"),
        _slot("WEDNESDAY", "09:00", "17:00"),
    )
    changes = [
        *(Change(new.address, Action.CREATE, None, new) for new in (new_mon, new_tue, new_wed)),
        *(Change(old.address, Action.DELETE, old, None) for old in (old_mon, old_tue, old_thu)),
    ]
    ops = operations(list(enumerate(changes)))
    order = [(op.action, op.address) for op in ops]
    assert order == [
        ("create", new_tue.address),
        ("create", new_wed.address),
        ("delete", old_mon.address),
        ("create", new_mon.address),
        ("delete", old_tue.address),
        ("delete", old_thu.address),
    ]
    waits = {op.address: (op.waits_for, op.waits_settled) for op in ops if op.action == "create"}
    assert waits == {
        new_mon.address: ((old_mon.address,), True),
        new_tue.address: ((), False),
        new_wed.address: ((), False),
    }


def test_new_ad_schedule_slots_past_six_a_day_wait_for_enough_of_that_day_s_removals() -> None:
    """Monday keeps one slot and moves four (00–02, 04–06, 08–10, 12–14 → 02–04, 06–08, 10–12, 14–16, none
    overlapping one leaving): Google refuses a seventh slot a day, so one new slot is made first, three
    removals follow (in plan order), and the other three new slots wait, settled, for them; the last removal
    goes last."""
    kept = [_slot("MONDAY", "18:00", "19:00", "id-kept")]
    old = [
        _slot("MONDAY", start, end, f"id-{start}")
        for start, end in (("00:00", "02:00"), ("04:00", "06:00"), ("08:00", "10:00"), ("12:00", "14:00"))
    ]
    new = [
        _slot("MONDAY", start, end)
        for start, end in (("02:00", "04:00"), ("06:00", "08:00"), ("10:00", "12:00"), ("14:00", "16:00"))
    ]
    changes = [
        *(Change(slot.address, Action.NOOP, slot, slot) for slot in kept),
        *(Change(slot.address, Action.CREATE, None, slot) for slot in new),
        *(Change(slot.address, Action.DELETE, slot, None) for slot in old),
    ]
    ops = operations(list(enumerate(changes)))
    assert [(op.action, op.address) for op in ops] == [
        ("create", new[0].address),
        *(("delete", slot.address) for slot in old[:3]),
        *(("create", slot.address) for slot in new[1:]),
        ("delete", old[3].address),
    ]
    waits = {op.address: (op.waits_for, op.waits_settled) for op in ops if op.action == "create"}
    assert waits == {
        new[0].address: ((), False),
        **{slot.address: (tuple(o.address for o in old[:3]), True) for slot in new[1:]},
    }


def test_the_old_ad_of_a_dynamic_creative_ad_set_is_deleted_before_its_new_ad_is_created() -> None:
    """A Dynamic Creative ad set runs one ad (believed; the sandbox refuses a second): its old ad's delete
    goes before the new ad's create, which waits for it, settled (killed between, the next apply creates
    the new ad); an ordinary ad set's new ad goes first, as any create."""
    dynamic = Resource(addr("adset", "c/dyn", META, "m1"), {"is_dynamic_creative": True}, platform_id="s1")
    plain = Resource(addr("adset", "c/plain", META, "m1"), {}, platform_id="s2")

    def ad(adset: Resource, name: str, platform_id: str | None = None) -> Resource:
        return Resource(
            addr("ad", f"{adset.address.path}/{name}", META, "m1"),
            {"name": name},
            refs={"adset": adset.address},
            platform_id=platform_id,
        )

    old_dyn, new_dyn = ad(dynamic, "spring", "a1"), ad(dynamic, "autumn")
    old_plain, new_plain = ad(plain, "spring", "a2"), ad(plain, "autumn")
    changes = [
        Change(dynamic.address, Action.NOOP, dynamic, dynamic),
        Change(plain.address, Action.NOOP, plain, plain),
        *(Change(new.address, Action.CREATE, None, new) for new in (new_dyn, new_plain)),
        *(Change(old.address, Action.DELETE, old, None) for old in (old_dyn, old_plain)),
    ]
    ops = operations(list(enumerate(changes)))
    assert [(op.action, op.address) for op in ops] == [
        ("delete", old_dyn.address),
        ("create", new_dyn.address),
        ("create", new_plain.address),
        ("delete", old_plain.address),
    ]
    waits = {op.address: (op.waits_for, op.waits_settled) for op in ops if op.action == "create"}
    assert waits == {new_dyn.address: ((old_dyn.address,), True), new_plain.address: ((), False)}
