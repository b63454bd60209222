"""Unified audiences and sketches in the state store (SQLite and PostgreSQL), kept in step with the specs
by AudienceManager and by apply."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.example import copy_example_workspace

from midas_reconcile.audiences import AudienceError, AudienceManager, ListOverlap, TargetingOverlap
from midas_reconcile.session import Session
from midas_reconcile.spec import Targeting
from midas_reconcile.store import StateStore

REPO = Path(__file__).resolve().parents[1]
AUDIENCES = """\
apiVersion: midas/v1
kind: Audience
metadata: {name: vip}
spec:
  customer_list:
    path: data/vip.csv
    consent: {attested: true, attested_by: crm-team}
---
apiVersion: midas/v1
kind: Audience
metadata: {name: buyers}
spec:
  customer_list:
    path: data/buyers.csv
    consent: {attested: true, attested_by: crm-team}
---
apiVersion: midas/v1
kind: Audience
metadata: {name: young-us}
spec:
  targeting: {ages: {min: 18, max: 34}, locations: [US]}
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = copy_example_workspace(tmp_path / "ws")
    (root / "specs" / "audiences.yaml").write_text(AUDIENCES, encoding="utf-8")
    (root / "data").mkdir()
    vip = "email,phone,country\n" + "".join(f"vip{i}@ex.com,,US\n" for i in range(10))
    buyers = "email\n" + "".join(f"vip{i}@ex.com\n" for i in range(5, 25))
    (root / "data" / "vip.csv").write_text(vip + "broken,,US\n", encoding="utf-8")
    (root / "data" / "buyers.csv").write_text(buyers, encoding="utf-8")
    return root


def test_sync_records_every_audience_and_follows_spec_changes(root: Path, store: StateStore) -> None:
    manager = AudienceManager(root, store, workers=1)
    first = manager.sync_audiences()
    assert (first.created, first.updated, first.removed) == (["buyers", "vip", "young-us"], [], [])
    assert first.sketched == {"buyers": 20, "vip": 10}
    rows = {r.name: r for r in store.unified_audiences()}
    assert rows["young-us"].kind == "targeting" and rows["young-us"].targeting["locations"] == ["US"]
    assert rows["vip"].targeting == {
        "customer_list": {
            "path": "data/vip.csv",
            "consent": {
                "attested": True,
                "attested_by": "crm-team",
                "ad_user_data": "granted",
                "ad_personalization": "granted",
            },
        }
    }
    assert rows["vip"].audience_id == "vip" and rows["vip"].created_at == rows["vip"].updated_at

    again = AudienceManager(root, store, workers=1).sync_audiences()
    assert (again.created, again.updated, again.removed, again.sketched) == ([], [], [], {})

    text = AUDIENCES.replace("max: 34", "max: 44").split("---")
    (root / "specs" / "audiences.yaml").write_text("---".join(text[1:]), encoding="utf-8")
    changed = AudienceManager(root, store, workers=1).sync_audiences()
    assert (changed.updated, changed.removed) == (["young-us"], ["vip"])
    assert store.sketch("vip") is None and store.sketch("buyers") is not None
    assert {r.name for r in store.unified_audiences()} == {"buyers", "young-us"}


def test_overlap_exact_sketched_and_by_targeting(root: Path, store: StateStore) -> None:
    manager = AudienceManager(root, store, workers=1)
    exact = manager.detect_audience_overlap("vip", "buyers")
    assert isinstance(exact, ListOverlap)
    assert (exact.size_a, exact.size_b, exact.intersection) == (10, 20, 5)
    assert (exact.overlap_percentage, exact.efficiency_score) == (50.0, 80.0)
    assert manager.keys("vip").report.bad_count == 1
    sketched = manager.detect_audience_overlap("vip", "buyers", sketch=True)
    assert (sketched.method, sketched.intersection) == ("theta", 5)  # exact below k
    stored = store.sketch("vip")
    assert stored is not None and stored.members == 10 and stored.bad_rows == 1

    (root / "data" / "vip.csv").write_text("email\nnew@ex.com\n", encoding="utf-8")
    fresh = AudienceManager(root, store, workers=1).detect_audience_overlap("vip", "buyers", sketch=True)
    assert (fresh.size_a, fresh.intersection) == (1, 0)  # the file changed: the sketch was remade

    by_targeting = manager.campaign_overlap("google:spring-sale", "meta:spring-sale")
    assert isinstance(by_targeting, TargetingOverlap) and by_targeting.overlap_percentage == 100.0
    with pytest.raises(AudienceError, match="one is a customer list"):
        manager.detect_audience_overlap("vip", "young-us")
    with pytest.raises(AudienceError, match="does not run on meta"):
        manager.campaign_overlap("google:spring-sale", "meta:brand-awareness")


def test_create_unified_audience_writes_a_spec_and_records_it(root: Path, store: StateStore) -> None:
    manager = AudienceManager(root, store)
    row = manager.create_unified_audience("women-gb", Targeting(locations=["GB"], genders=["female"]))
    assert row.kind == "targeting" and row.targeting["genders"] == ["female"]
    written = (root / "specs" / "audiences" / "women-gb.yaml").read_text(encoding="utf-8")
    assert "kind: Audience" in written and "GB" in written
    with pytest.raises(AudienceError, match="exists already"):
        manager.create_unified_audience("women-gb", Targeting())


def test_apply_keeps_the_unified_audiences_in_step(root: Path, state_url: str) -> None:
    with Session(root, state_url=state_url, sleep=lambda _: None) as session:
        outcome = session.plan()
        with session.locked(outcome.plan.accounts):
            session.apply(outcome)
        assert [r.name for r in session.store.unified_audiences()] == ["buyers", "vip", "young-us"]
