"""Campaigns targeting audiences by name: validation (file:line), the mapper both ways, and plan → apply →
plan in the sandbox, with the audiences' ids on the wire and their names in the plan (SQLite and
PostgreSQL)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile import snapshots
from midas_reconcile.connectors.audience_wire import write_split
from midas_reconcile.connectors.base import WriteOp, WriteResult
from midas_reconcile.connectors.sandbox import add_audience
from midas_reconcile.connectors.sandbox.connector import SandboxConnector
from midas_reconcile.connectors.sandbox.console import set_field
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.errors import PermanentError, SpecError
from midas_reconcile.plan import Action
from midas_reconcile.resources import GOOGLE, META, Address
from midas_reconcile.session import Session
from midas_reconcile.spec import Exclusions, Targeting, load_workspace
from midas_reconcile.targeting import TargetingMapper

REPO = Path(__file__).resolve().parents[1]


def audience(
    name: str, platforms: str = "google: {account: google-main}\n    meta: {account: meta-main}"
) -> str:
    return (
        f"apiVersion: midas/v1\nkind: Audience\nmetadata: {{name: {name}}}\nspec:\n"
        "  customer_list:\n    path: data/list.csv\n    consent: {attested: true, attested_by: crm}\n"
        f"  platforms:\n    {platforms}\n"
    )


CAMPAIGN = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: loyal}
spec:
  platforms:
    google: {account: google-main}
    meta: {account: meta-main}
  objective: sales
  budget: {daily: 20.00}
  targeting:
    locations: [US]
    audiences: [vip]
    exclude: {audiences: [churned]}
  ad_groups:
    - name: members
  creatives:
    - name: thanks
      headlines: [Thank You Offer, Members Save More, Loyalty Pays Off]
      descriptions: [A thank-you discount for our best customers., Members get free shipping.]
      final_url: https://shop.example.com/members
"""


def write_workspace(root: Path, campaign: str = CAMPAIGN, audiences: str = "") -> Path:
    root.mkdir(exist_ok=True)
    shutil.copy(REPO / "midas.yaml", root / "midas.yaml")
    (root / "specs").mkdir(exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    rows = "".join(f"member{i}@example.com\n" for i in range(12))
    (root / "data" / "list.csv").write_text("email\n" + rows, encoding="utf-8")
    (root / "specs" / "audiences.yaml").write_text(
        audiences or audience("vip") + "---\n" + audience("churned"), encoding="utf-8"
    )
    (root / "specs" / "loyal.yaml").write_text(campaign, encoding="utf-8")
    return root


# --- validation ------------------------------------------------------------------------------------


def spec_issues(root: Path) -> list[Any]:
    with pytest.raises(SpecError) as caught:
        load_workspace(root, env={})
    return caught.value.issues


def test_an_unknown_audience_is_named_at_its_line(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", CAMPAIGN.replace("audiences: [vip]", "audiences: [vips]"))
    (issue,) = spec_issues(root)
    assert (issue.file, issue.line, issue.field) == ("specs/loyal.yaml", 12, "spec.targeting.audiences[0]")
    assert "unknown Audience 'vips'" in issue.message and "did you mean 'vip'" in issue.message


def test_an_audience_not_uploaded_to_the_campaigns_account_is_refused(tmp_path: Path) -> None:
    root = write_workspace(
        tmp_path / "ws",
        audiences=audience("vip", "google: {account: google-main}") + "---\n" + audience("churned"),
    )
    (issue,) = spec_issues(root)
    assert (issue.line, issue.field) == (12, "spec.targeting.audiences[0]")
    assert "audience 'vip' is not uploaded to meta account 'meta-main'" in issue.message


def test_an_audience_only_for_the_other_platforms_ad_groups_is_enough(tmp_path: Path) -> None:
    """An ad group running on Google only needs the audience on Google."""
    campaign = CAMPAIGN.replace("    audiences: [vip]\n", "").replace(
        "    - name: members\n",
        "    - name: members\n      platforms: [google]\n      targeting: {audiences: [vip]}\n",
    )
    root = write_workspace(
        tmp_path / "ws",
        campaign,
        audience("vip", "google: {account: google-main}") + "---\n" + audience("churned"),
    )
    workspace = load_workspace(root, env={})
    group = workspace.campaigns["loyal"].spec.ad_groups[0]
    assert group.targeting is not None and group.targeting.audiences == ["vip"]


def test_a_targeting_audience_cannot_be_targeted(tmp_path: Path) -> None:
    targeting_audience = (
        "apiVersion: midas/v1\nkind: Audience\nmetadata: {name: vip}\nspec:\n  targeting: {ages: {min: 30}}\n"
    )
    root = write_workspace(tmp_path / "ws", audiences=targeting_audience + "---\n" + audience("churned"))
    (issue,) = spec_issues(root)
    assert issue.field == "spec.targeting.audiences[0]"
    assert (
        "audience 'vip' is a targeting audience; expected a customer_list or existing audience"
        in issue.message
    )


def test_an_audience_both_targeted_and_excluded_is_refused(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", CAMPAIGN.replace("[churned]", "[churned, vip]"))
    (issue,) = spec_issues(root)
    assert (issue.line, issue.field) == (13, "spec.targeting.exclude.audiences[1]")
    assert "both targeted and excluded" in issue.message


# --- the mapper ------------------------------------------------------------------------------------


def test_the_mapper_targets_and_excludes_audiences_on_both_platforms_and_reads_them_back() -> None:
    mapper = TargetingMapper()
    unified = Targeting(
        locations=["US"], audiences=["vip", "lapsed"], exclude=Exclusions(audiences=["churned"])
    )
    google = mapper.to_google(unified)
    lists = {c.key: c.fields for c in google.criteria if c.fields["type"] == "USER_LIST"}
    assert lists == {
        "negative_user_list:churned": {"type": "USER_LIST", "user_list": "churned", "negative": True},
        "user_list:lapsed": {"type": "USER_LIST", "user_list": "lapsed"},
        "user_list:vip": {"type": "USER_LIST", "user_list": "vip"},
    }
    assert {c.level for c in google.criteria if c.key.endswith(("vip", "lapsed", "churned"))} == {"ad_group"}
    meta = mapper.to_meta(unified)
    assert meta.spec["custom_audiences"] == ["lapsed", "vip"]
    assert meta.spec["excluded_custom_audiences"] == ["churned"]
    back_google, google_warnings = mapper.from_google([c.fields for c in google.criteria])
    back_meta, meta_warnings = mapper.from_meta(meta.spec)
    assert back_google.audiences == back_meta.audiences == ["lapsed", "vip"]
    assert back_google.exclude.audiences == back_meta.exclude.audiences == ["churned"]
    assert google_warnings == meta_warnings == []


def test_audiences_no_list_names_are_left_out_with_a_warning() -> None:
    mapper = TargetingMapper()
    targeting, warnings = mapper.from_google([{"type": "USER_LIST", "user_list": "id:555"}])
    assert targeting.audiences == []
    assert warnings == [
        "Google user list id:555 is not an audience MIDAS can name (none of the account's, or one whose "
        "name another shares); ignored"
    ]
    targeting, warnings = mapper.from_meta(
        {"geo_locations": {"countries": ["US"]}, "custom_audiences": ["vip", "id:77"]}
    )
    assert targeting.audiences == ["vip"]
    assert warnings == [
        "Meta custom audience id:77 in custom_audiences is not an audience MIDAS can name (none of the "
        "account's, or one whose name another shares); ignored"
    ]


# --- write_split -----------------------------------------------------------------------------------

LIST = Address(GOOGLE, "g", "user_list", "vip")
GROUP = Address(GOOGLE, "g", "ad_group", "c/g")
CRITERION = Address(GOOGLE, "g", "ad_group_criterion", "c/g/user_list:vip")


def criterion_op() -> WriteOp:
    return WriteOp(
        "create",
        CRITERION,
        {"type": "USER_LIST", "user_list": "vip"},
        {"ad_group": "42", "audience:vip": LIST},
    )


def test_an_op_targeting_an_audience_created_in_its_batch_is_sent_with_the_new_id() -> None:
    sent: list[WriteOp] = []

    def rest(ops: Any) -> list[WriteResult]:
        sent.extend(ops)
        return [WriteResult(op.address, True, "7") for op in ops]

    results = write_split(
        [WriteOp("create", LIST, {"name": "vip"}), criterion_op()],
        lambda op: WriteResult(op.address, True, "900"),
        rest,
    )
    assert [r.platform_id for r in results] == ["900", "7"]
    assert sent[0].refs == {"ad_group": "42", "audience:vip": "900"}


def test_an_op_targeting_an_audience_whose_create_failed_is_not_sent() -> None:
    failure = PermanentError("name taken", platform=GOOGLE, code="user_list_error.NAME_ALREADY_USED")

    def rest(ops: Any) -> list[WriteResult]:
        raise AssertionError(f"nothing should be sent: {ops}")

    results = write_split(
        [WriteOp("create", LIST, {"name": "vip"}), criterion_op()],
        lambda op: WriteResult(op.address, False, error=failure),
        rest,
    )
    assert [r.ok for r in results] == [False, False]
    assert results[1].error is not None and "depends on failed operation user_list/vip" in str(
        results[1].error
    )


# --- plan, apply, plan in the sandbox --------------------------------------------------------------


@pytest.fixture
def session(tmp_path: Path, state_url: str) -> Iterator[Session]:
    with Session(write_workspace(tmp_path / "ws"), state_url=state_url, sleep=lambda _s: None) as opened:
        yield opened


def sandbox(session: Session, account: str) -> SandboxConnector:
    connector = session.connector(account)
    assert isinstance(connector, SandboxConnector)
    return connector


def apply_all(session: Session) -> None:
    result = session.apply(session.plan())
    assert result.ok, result.failures


def unchanged(session: Session) -> bool:
    return not session.plan().plan.has_changes


def audience_ids(session: Session, account: str) -> dict[str, str]:
    return {str(r.fields["name"]): str(r.platform_id) for r in sandbox(session, account).read_audiences()}


def test_targeted_audiences_reach_both_platforms_by_id_and_plan_clean(session: Session) -> None:
    apply_all(session)
    assert unchanged(session)
    google_ids, meta_ids = audience_ids(session, "google-main"), audience_ids(session, "meta-main")
    google = sandbox(session, "google-main")
    rows = GoogleAdsSimulator(google.world).peek(google.native_id, "ad_group_criterion")
    lists = {(r["user_list"]["user_list"], r["negative"]) for r in rows if r["type"] == "USER_LIST"}
    cid = google.native_id
    assert lists == {
        (f"customers/{cid}/userLists/{google_ids['vip']}", False),
        (f"customers/{cid}/userLists/{google_ids['churned']}", True),
    }
    (group,) = GoogleAdsSimulator(google.world).peek(cid, "ad_group")
    assert group["targeting_setting"] == {
        "target_restrictions": [{"targeting_dimension": "AUDIENCE", "bid_only": False}]
    }
    meta = sandbox(session, "meta-main")
    (adset,) = MetaSimulator(meta.world).peek(meta.native_id, "adset")
    assert adset["targeting"]["custom_audiences"] == [{"id": meta_ids["vip"]}]
    assert adset["targeting"]["excluded_custom_audiences"] == [{"id": meta_ids["churned"]}]


def test_an_ad_set_targeting_an_audience_needs_no_location(tmp_path: Path, state_url: str) -> None:
    """Meta: "You must specify at least one country in targeting, unless you use a Custom Audience"."""
    root = write_workspace(tmp_path / "ws", CAMPAIGN.replace("    locations: [US]\n", ""))
    with Session(root, state_url=state_url, sleep=lambda _s: None) as opened:
        apply_all(opened)
        assert unchanged(opened)
    without = CAMPAIGN.replace("    locations: [US]\n    audiences: [vip]\n", "")
    (issue,) = spec_issues(write_workspace(tmp_path / "bare", without))
    assert (issue.field, issue.line) == ("spec.targeting.locations", 11)


def test_changing_the_targeted_audiences_updates_both_platforms(session: Session) -> None:
    apply_all(session)
    spec = session.workspace.root / "specs" / "loyal.yaml"
    spec.write_text(
        CAMPAIGN.replace("audiences: [vip]", "audiences: [churned]").replace(
            "exclude: {audiences: [churned]}", "exclude: {audiences: [vip]}"
        ),
        encoding="utf-8",
    )
    session.reload()
    changes = {(c.address.kind, c.action) for c in session.plan().plan.changes if c.action is not Action.NOOP}
    assert changes == {
        ("ad_group_criterion", Action.CREATE),
        ("ad_group_criterion", Action.DELETE),
        ("adset", Action.UPDATE),
    }
    apply_all(session)
    assert unchanged(session)
    meta = sandbox(session, "meta-main")
    (adset,) = MetaSimulator(meta.world).peek(meta.native_id, "adset")
    ids = audience_ids(session, "meta-main")
    assert adset["targeting"]["custom_audiences"] == [{"id": ids["churned"]}]


def test_an_audience_added_in_the_console_shows_in_the_plan_by_id(session: Session) -> None:
    apply_all(session)
    meta = sandbox(session, "meta-main")
    accounts = {"meta-main": (META, meta.native_id, "USD")}
    set_field(
        meta.world, accounts, "adset/loyal/members@meta", {"targeting.custom_audiences": '[{"id": "999"}]'}
    )
    (change,) = [c for c in session.plan().plan.changes if c.action is Action.UPDATE]
    assert change.address.kind == "adset"
    assert change.before is not None and change.before.fields["targeting"]["custom_audiences"] == ["id:999"]


def test_a_console_audience_sharing_a_managed_lists_name_leaves_the_plan_clean(session: Session) -> None:
    """Meta lets two audiences share a name: the one MIDAS recorded keeps naming the ad set's targeting (it
    used to read as an id, a change in every plan); one the console targets instead reads as its id."""
    apply_all(session)
    meta = sandbox(session, "meta-main")
    accounts = {"meta-main": (META, meta.native_id, "USD")}
    console_id = add_audience(meta.world, accounts, "meta-main", "vip")
    assert unchanged(session), [str(c.address) for c in session.plan().plan.actionable]
    set_field(
        meta.world,
        accounts,
        "adset/loyal/members@meta",
        {"targeting.custom_audiences": f'[{{"id": "{console_id}"}}]'},
    )
    (change,) = session.plan().plan.actionable
    assert change.before is not None
    assert change.before.fields["targeting"]["custom_audiences"] == [f"id:{console_id}"]


def test_a_customer_list_is_created_beside_a_console_audience_of_its_name(session: Session) -> None:
    """Meta lets audiences share a name: a website audience named like a customer list of the specs is no
    conflict (it blocked the whole apply); the list is created beside it, which stays untouched."""
    meta = sandbox(session, "meta-main")
    console_id = add_audience(meta.world, {"meta-main": (META, meta.native_id, "USD")}, "meta-main", "vip")
    outcome = session.plan()
    assert outcome.plan.violations == []
    created = [c.address for c in outcome.plan.actionable if c.action is Action.CREATE]
    assert Address(META, "meta-main", "customaudience", "vip") in created
    assert session.apply(outcome).ok
    assert unchanged(session)
    vip = Address(META, "meta-main", "customaudience", "vip")
    ours = session.store.recorded(["meta-main"], with_fields=False)[vip].platform_id
    listed = [r for r in sandbox(session, "meta-main").read_audiences() if r.fields["name"] == "vip"]
    assert ours != console_id
    assert sorted(str(r.platform_id) for r in listed) == sorted([console_id, str(ours)])


def test_an_audience_removed_from_the_specs_is_kept_unless_destruction_is_allowed(session: Session) -> None:
    apply_all(session)
    root = session.workspace.root
    (root / "specs" / "audiences.yaml").write_text(audience("vip"), encoding="utf-8")
    (root / "specs" / "loyal.yaml").write_text(
        CAMPAIGN.replace("    exclude: {audiences: [churned]}\n", ""), encoding="utf-8"
    )
    session.reload()
    kept = {
        c.address: c for c in session.plan().plan.changes if c.address.kind in ("user_list", "customaudience")
    }
    churned = [c for a, c in kept.items() if a.path == "churned"]
    assert [c.action for c in churned] == [Action.NOOP, Action.NOOP]
    assert all("kept (delete it with --allow-destroy)" in c.reason for c in churned)
    outcome = session.plan(allow_destroy=True)
    deletes = [c.address for c in outcome.plan.changes if c.action is Action.DELETE]
    assert {(a.kind, a.path) for a in deletes} == {
        ("ad_group_criterion", "loyal/members/negative_user_list:churned"),
        ("user_list", "churned"),
        ("customaudience", "churned"),
    }
    result = session.apply(outcome)
    assert result.ok, result.failures
    assert set(audience_ids(session, "google-main")) == set(audience_ids(session, "meta-main")) == {"vip"}
    assert unchanged(session)


def test_a_restore_returns_the_campaigns_and_leaves_the_audiences_to_their_specs(session: Session) -> None:
    apply_all(session)
    record = snapshots.take(session, name="before")
    assert {r["address"].split("/", 1)[0] for r in record.resources} & {
        "user_list",
        "customaudience",
    } == set()
    google = sandbox(session, "google-main")
    set_field(
        google.world,
        {"google-main": (GOOGLE, google.native_id, "USD")},
        "ad_group/loyal/members@google",
        {"status": "paused"},
    )
    restored = snapshots.restore_plan(session, snapshots.restorable(session, "before")).plan
    changes = [c for c in restored.changes if c.action is not Action.NOOP]
    assert [(c.address.kind, c.action) for c in changes] == [("ad_group", Action.UPDATE)]


def test_an_ad_group_may_only_observe_its_audiences_on_google(tmp_path: Path) -> None:
    from midas_reconcile.compile import compile_workspace

    observed = CAMPAIGN.replace(
        "    - name: members\n", "    - name: members\n      google: {audience_mode: observation}\n"
    )
    loaded = load_workspace(write_workspace(tmp_path / "ws", observed), env={})
    google = {
        r.address.kind: r
        for r in compile_workspace(loaded, audiences=False).resources
        if r.address.platform == GOOGLE
    }
    assert "audience_bid_only" not in google["ad_group"].fields  # observation: no AUDIENCE restriction
    criteria = [
        r
        for r in compile_workspace(loaded, audiences=False).resources
        if r.address.kind == "ad_group_criterion"
    ]
    assert {r.fields.get("user_list") for r in criteria} >= {"vip", "churned"}


def test_a_plan_reads_each_accounts_audiences_once(session: Session) -> None:
    apply_all(session)
    world = sandbox(session, "google-main").world

    def audience_reads() -> dict[str, int]:
        calls = world.stats()["calls"]
        return {
            platform: sum(reads.get("read", {}).get(kind, 0) for reads in calls[platform].values())
            for platform, kind in ((GOOGLE, "user_list"), (META, "customaudiences"))
        }

    before = audience_reads()
    assert unchanged(session)  # a plan of campaigns targeting audiences on both platforms
    after = audience_reads()
    assert {p: after[p] - before[p] for p in after} == {GOOGLE: 1, META: 1}
