"""Audiences as resources: planned with +N / −M members, applied to the sandbox's Google Customer Match
lists and Meta custom audiences, incrementally, converging after a crash (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.audiences import members as audience_members
from midas_reconcile.connectors.sandbox.audience_sim import AudienceSimulator
from midas_reconcile.connectors.sandbox.connector import SandboxConnector
from midas_reconcile.plan import Action
from midas_reconcile.resources import GOOGLE, META, Address
from midas_reconcile.session import Session

REPO = Path(__file__).resolve().parents[1]
AUDIENCE = """\
apiVersion: midas/v1
kind: Audience
metadata: {name: vip}
spec:
  customer_list:
    path: data/vip.csv
    consent: {attested: true, attested_by: crm-team, ad_personalization: denied}
  platforms:
    google: {account: google-main}
    meta: {account: meta-main}
"""
GOOGLE_LIST = Address(GOOGLE, "google-main", "user_list", "vip")
META_AUDIENCE = Address(META, "meta-main", "customaudience", "vip")


def write_list(root: Path, indices: range) -> None:
    rows = "".join(f"member{i}@example.com,+1 212 555 {i % 10_000:04d}\n" for i in indices)
    (root / "data" / "vip.csv").write_text("email,phone\n" + rows, encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(REPO / "midas.yaml", root / "midas.yaml")
    (root / "specs").mkdir()
    (root / "specs" / "vip.yaml").write_text(AUDIENCE, encoding="utf-8")
    (root / "data").mkdir()
    write_list(root, range(30))
    return root


@pytest.fixture
def session(root: Path, state_url: str) -> Iterator[Session]:
    with Session(root, state_url=state_url, sleep=lambda _s: None) as opened:
        yield opened


def sandbox(session: Session, account: str) -> SandboxConnector:
    connector = session.connector(account)
    assert isinstance(connector, SandboxConnector)
    return connector


def platform_members(session: Session, address: Address) -> set[str]:
    connector = sandbox(session, address.account)
    (live,) = [r for r in connector.read_audiences() if r.address == address]
    assert live.platform_id is not None
    return AudienceSimulator(connector.world).members(address.platform, connector.native_id, live.platform_id)


def audience_changes(session: Session) -> dict[Address, tuple[Action, str]]:
    plan = session.plan().plan
    return {
        c.address: (c.action, c.reason)
        for c in plan.changes
        if c.address.kind in ("user_list", "customaudience")
    }


def apply(session: Session) -> None:
    result = session.apply(session.plan())
    assert result.ok, [(f.address, f.message) for f in result.failures]


def test_plan_shows_members_apply_uploads_them_and_plans_again_clean(session: Session) -> None:
    changes = audience_changes(session)
    assert changes[GOOGLE_LIST][0] is Action.CREATE and "+30 / −0 members" in changes[GOOGLE_LIST][1]
    assert changes[META_AUDIENCE][0] is Action.CREATE and "+30 / −0 members" in changes[META_AUDIENCE][1]

    apply(session)
    assert len(platform_members(session, GOOGLE_LIST)) == 30
    assert len(platform_members(session, META_AUDIENCE)) == 30
    assert {a: c[0] for a, c in audience_changes(session).items()} == {
        GOOGLE_LIST: Action.NOOP,
        META_AUDIENCE: Action.NOOP,
    }
    live = {
        r.address: r for r in sandbox(session, "google-main").read_audiences() if r.address == GOOGLE_LIST
    }
    assert live[GOOGLE_LIST].fields["membership_life_span"] == 10_000


def test_a_changed_list_sends_only_the_delta(session: Session, root: Path) -> None:
    apply(session)
    world = sandbox(session, "google-main").world
    world.reset_stats()
    write_list(root, range(5, 33))  # 5 members gone, 3 new
    session.reload()
    changes = audience_changes(session)
    assert changes[GOOGLE_LIST][0] is Action.UPDATE and "+3 / −5 members" in changes[GOOGLE_LIST][1]
    assert changes[GOOGLE_LIST][1].startswith("spec changed: member_count, members_digest")
    assert "+3 / −5 members" in changes[META_AUDIENCE][1]
    apply(session)
    operations = world.stats()["operations"]
    google_ops = operations[GOOGLE]["1234567890"]["write"]
    assert google_ops["audience_member"] == 3 + 5  # two jobs: 5 removals, 3 additions
    meta_ops = next(iter(operations[META].values()))["write"]
    assert meta_ops["audience_member"] == 3 + 5
    assert len(platform_members(session, META_AUDIENCE)) == 28
    assert {c[0] for c in audience_changes(session).values()} == {Action.NOOP}


def test_meta_sessions_hold_at_most_10000_rows(session: Session, root: Path) -> None:
    write_list(root, range(25_000))
    session.reload()
    world = sandbox(session, "meta-main").world
    apply(session)
    calls = next(iter(world.stats()["calls"][META].values()))["write"]
    assert calls["users"] == 3  # 10,000 + 10,000 + 5,000 rows in one session
    assert len(platform_members(session, META_AUDIENCE)) == 25_000


def test_a_crash_mid_upload_then_rerun_converges(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    sends = {"n": 0}
    original = audience_members.upload

    def crashing(*args: object, **kwargs: object) -> object:
        sends["n"] += 1
        if sends["n"] == 2:  # the Meta upload: the Google list is done, the Meta audience empty
            raise KeyboardInterrupt("killed mid-upload")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audience_members, "upload", crashing)
    with pytest.raises(KeyboardInterrupt):
        session.apply(session.plan())
    monkeypatch.setattr(audience_members, "upload", original)
    changes = audience_changes(session)
    assert changes[GOOGLE_LIST][0] is Action.NOOP
    assert changes[META_AUDIENCE][0] is Action.UPDATE and "+30 / −0 members" in changes[META_AUDIENCE][1]
    apply(session)
    assert len(platform_members(session, META_AUDIENCE)) == 30
    assert {c[0] for c in audience_changes(session).values()} == {Action.NOOP}


def test_accounts_without_audiences_are_not_asked_for_them(root: Path, state_url: str) -> None:
    spec = root / "specs" / "vip.yaml"
    spec.write_text(AUDIENCE.split("  platforms:")[0], encoding="utf-8")  # a list used only locally
    with Session(root, state_url=state_url, sleep=lambda _s: None) as session:
        assert audience_changes(session) == {}
        world = sandbox(session, "google-main").world
        reads = world.stats()["calls"][GOOGLE]["1234567890"]["read"]
        assert "user_list" not in reads and "campaign" in reads


def test_an_apply_killed_between_two_batches_of_a_session_is_finished_by_the_next(
    session: Session, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_list(root, range(12_000))  # Meta: two /users requests (10,000 + 2,000)
    session.reload()
    original = SandboxConnector.upload_members
    sent: list[int] = []

    def dying(self: SandboxConnector, *args: Any) -> None:
        if self.platform == META and sent:
            raise KeyboardInterrupt("killed after the first batch was confirmed")
        original(self, *args)
        if self.platform == META:
            sent.append(len(args[2].rows))

    monkeypatch.setattr(SandboxConnector, "upload_members", dying)
    with pytest.raises(KeyboardInterrupt):
        session.apply(session.plan())
    monkeypatch.setattr(SandboxConnector, "upload_members", original)
    assert sent == [10_000] and len(platform_members(session, META_AUDIENCE)) == 10_000
    changes = audience_changes(session)
    assert changes[META_AUDIENCE][0] is Action.UPDATE and "+2000 / −0 members" in changes[META_AUDIENCE][1]
    world = sandbox(session, "meta-main").world
    world.reset_stats()
    apply(session)
    assert next(iter(world.stats()["calls"][META].values()))["write"]["users"] == 1  # only the rest
    assert len(platform_members(session, META_AUDIENCE)) == 12_000
    assert {c[0] for c in audience_changes(session).values()} == {Action.NOOP}
