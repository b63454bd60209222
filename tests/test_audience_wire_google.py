"""Google Customer Match through the real ``google-ads`` SDK against the gRPC fake: the user list created,
read and renamed through ``UserListService``, members uploaded through offline user data jobs."""

from __future__ import annotations

import hashlib
from typing import Any

from fakes import GoogleAdsFake
from fakes.google_fixtures import GOOGLE_CUSTOMER_ID

from midas_reconcile.audiences import members as audience_members
from midas_reconcile.connectors.base import UploadsMembers, WriteOp
from midas_reconcile.connectors.google_ads import GoogleAdsConnector
from midas_reconcile.connectors.sandbox import SandboxWorld
from midas_reconcile.connectors.sandbox.audience_sim import AudienceSimulator
from midas_reconcile.resources import GOOGLE, Address
from midas_reconcile.store import StateStore

LIST = Address(GOOGLE, "g", "user_list", "vip")
FIELDS = {"name": "vip", "membership_life_span": 10_000, "members_digest": "x", "member_count": 0}
CONSENT = {"ad_user_data": "granted", "ad_personalization": "denied"}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def members(indices: range) -> dict[str, Any]:
    return {sha(f"e{i}"): {"user_identifiers": [{"hashed_email": sha(f"e{i}")}]} for i in indices}


def test_a_user_list_is_created_read_renamed_and_filled_through_jobs(
    google_ads_client: Any, google_fake: GoogleAdsFake, google_world: SandboxWorld, store: StateStore
) -> None:
    connector = GoogleAdsConnector(
        account="g", customer_id=GOOGLE_CUSTOMER_ID, currency="USD", client=google_ads_client
    )
    assert isinstance(connector, UploadsMembers)
    (created,) = connector.write([WriteOp("create", LIST, FIELDS)])
    assert created.ok and created.platform_id, created.error
    list_id = created.platform_id
    (live,) = [r for r in connector.read_audiences() if r.address == LIST]
    assert live.platform_id == list_id and live.fields == {"name": "vip", "membership_life_span": 10_000}
    (renamed,) = connector.write([WriteOp("update", LIST, {"description": "VIPs"}, platform_id=list_id)])
    assert renamed.ok, renamed.error
    (again,) = [r for r in connector.read_audiences() if r.address == LIST]
    assert again.fields["description"] == "VIPs"

    run_id = store.start_run("apply", ["g"], "test")
    google_fake.requests.clear()
    sent = audience_members.upload(
        store,
        connector,
        run_id=run_id,
        address=LIST,
        platform_id=list_id,
        desired=members(range(12_000)),
        consent=CONSENT,
    )
    assert sent.ok and (sent.added, sent.requests) == (12_000, 1), sent.error
    calls = [(c.service, c.method, c.operation_count) for c in google_fake.requests]
    assert calls == [
        ("OfflineUserDataJobService", "CreateOfflineUserDataJob", None),
        ("OfflineUserDataJobService", "AddOfflineUserDataJobOperations", 10_000),
        ("OfflineUserDataJobService", "AddOfflineUserDataJobOperations", 2_000),
        ("OfflineUserDataJobService", "RunOfflineUserDataJob", None),
        ("GoogleAdsService", "SearchStream", None),
    ]
    sim = AudienceSimulator(google_world)
    assert len(sim.members(GOOGLE, GOOGLE_CUSTOMER_ID, list_id)) == 12_000

    google_fake.requests.clear()
    smaller = members(range(100, 12_005))
    changed = audience_members.upload(
        store, connector, run_id=run_id, address=LIST, platform_id=list_id, desired=smaller, consent=CONSENT
    )
    assert (changed.added, changed.removed) == (5, 100)
    adds = [c.operation_count for c in google_fake.requests if c.method == "AddOfflineUserDataJobOperations"]
    assert adds == [100, 5]  # one job of removals, one of additions
    assert sim.members(GOOGLE, GOOGLE_CUSTOMER_ID, list_id) == set(smaller)


def test_a_job_without_consent_fails_and_confirms_nothing(google_ads_client: Any, store: StateStore) -> None:
    connector = GoogleAdsConnector(
        account="g", customer_id=GOOGLE_CUSTOMER_ID, currency="USD", client=google_ads_client
    )
    (created,) = connector.write([WriteOp("create", LIST, FIELDS)])
    assert created.platform_id
    run_id = store.start_run("apply", ["g"], "test")
    sent = audience_members.upload(
        store,
        connector,
        run_id=run_id,
        address=LIST,
        platform_id=created.platform_id,
        desired=members(range(3)),
        consent={},
    )
    assert not sent.ok and "consent" in str(sent.error)
    assert store.audience_members(LIST) == {}
