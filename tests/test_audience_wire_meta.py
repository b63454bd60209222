"""Meta custom audiences through the real ``facebook-business`` SDK against the Graph fake: the list
created, read and updated, and members uploaded incrementally in ``/users`` sessions of ≤ 10,000 rows."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from fakes import MetaGraphFake
from fakes.clock import FakeClock
from fakes.meta_fixtures import META_ACCOUNT_ID, META_ACT, META_APP_ID, META_APP_SECRET, META_TOKEN

from midas_reconcile.audiences import members as audience_members
from midas_reconcile.connectors.base import UploadsMembers, WriteOp
from midas_reconcile.connectors.meta_ads import MetaAdsConnector, MetaCredentials
from midas_reconcile.connectors.sandbox import SandboxWorld
from midas_reconcile.connectors.sandbox.audience_sim import AudienceSimulator
from midas_reconcile.resources import META, Address
from midas_reconcile.store import StateStore

AUDIENCE = Address(META, "m", "customaudience", "vip")
FIELDS = {
    "name": "vip",
    "customer_file_source": "USER_PROVIDED_ONLY",
    "members_digest": "x",
    "member_count": 0,
}
HASH = re.compile(r"[0-9a-f]{64}")


def connect(meta_fake: MetaGraphFake, meta_clock: FakeClock) -> MetaAdsConnector:
    return MetaAdsConnector(
        account="m",
        ad_account_id=META_ACT,
        currency="USD",
        credentials=MetaCredentials(META_TOKEN, META_APP_SECRET, META_APP_ID),
        graph_url=meta_fake.url,
        sleep=meta_clock.sleep,
        clock=meta_clock,
    )


def rows(indices: range) -> dict[str, Any]:
    def sha(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    return {sha(f"k{i}"): [sha(f"k{i}"), sha(f"p{i}"), "", "", sha("us"), ""] for i in indices}


def test_a_custom_audience_is_created_read_updated_and_filled_in_sessions(
    meta_fake: MetaGraphFake, meta_clock: FakeClock, meta_world: SandboxWorld, store: StateStore
) -> None:
    connector = connect(meta_fake, meta_clock)
    assert isinstance(connector, UploadsMembers)
    (created,) = connector.write([WriteOp("create", AUDIENCE, FIELDS)])
    assert created.ok and created.platform_id
    audience_id = created.platform_id
    (live,) = [r for r in connector.read_audiences() if r.address == AUDIENCE]
    assert live.platform_id == audience_id and live.fields == {
        "name": "vip",
        "customer_file_source": "USER_PROVIDED_ONLY",
    }
    (renamed,) = connector.write(
        [WriteOp("update", AUDIENCE, {"description": "VIPs"}, platform_id=audience_id)]
    )
    assert renamed.ok

    run_id = store.start_run("apply", ["m"], "test")
    meta_fake.requests.clear()
    desired = rows(range(25_000))
    sent = audience_members.upload(
        store,
        connector,
        run_id=run_id,
        address=AUDIENCE,
        platform_id=audience_id,
        desired=desired,
        consent={},
    )
    assert (sent.added, sent.requests, sent.ok) == (25_000, 3, True)
    users = [r for r in meta_fake.requests if r.path.endswith(f"/{audience_id}/users")]
    sessions = [json.loads(r.params["session"]) for r in users]
    sizes = [len(json.loads(r.params["payload"])["data"]) for r in users]
    assert [r.method for r in users] == ["POST"] * 3 and sizes == [10_000, 10_000, 5_000]
    assert [(s["batch_seq"], s["last_batch_flag"], s["estimated_num_total"]) for s in sessions] == [
        (1, False, 25_000),
        (2, False, 25_000),
        (3, True, 25_000),
    ]
    assert len({s["session_id"] for s in sessions}) == 1
    assert json.loads(users[0].params["payload"])["schema"] == [
        "EMAIL",
        "PHONE",
        "FN",
        "LN",
        "COUNTRY",
        "ZIP",
    ]
    sim = AudienceSimulator(meta_world)
    assert len(sim.members(META, META_ACCOUNT_ID, audience_id)) == 25_000

    meta_fake.requests.clear()
    smaller = rows(range(300, 25_010))  # 300 gone, 10 new
    again = audience_members.upload(
        store,
        connector,
        run_id=run_id,
        address=AUDIENCE,
        platform_id=audience_id,
        desired=smaller,
        consent={},
    )
    assert (again.added, again.removed) == (10, 300)
    methods = [(r.method, len(json.loads(r.params["payload"])["data"])) for r in meta_fake.requests]
    assert methods == [("DELETE", 200), ("DELETE", 100), ("POST", 10)]
    assert sim.members(META, META_ACCOUNT_ID, audience_id) == {row[0] for row in smaller.values()}
    for request in meta_fake.requests:  # only hashes travel
        for row in json.loads(request.params["payload"])["data"]:
            assert all(value == "" or HASH.fullmatch(value) for value in row)
