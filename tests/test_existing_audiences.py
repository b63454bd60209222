"""Audiences built outside MIDAS (``existing: true``): campaigns target them by the id their name has on
each account; MIDAS never creates, changes, deletes or marks them (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_audience_targeting import CAMPAIGN, apply_all, audience, sandbox, unchanged, write_workspace

from midas_reconcile.connectors.sandbox import GoogleAdsSimulator, MetaSimulator, add_audience
from midas_reconcile.errors import SpecError
from midas_reconcile.importing.audiences import ExtendedAudience, existing_audiences, extend_audience_specs
from midas_reconcile.importing.trees import campaign_trees
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.resources import GOOGLE, META, Address, Resource
from midas_reconcile.session import Session
from midas_reconcile.spec import load_workspace


def existing(
    name: str, platforms: str = "google: {account: google-main}\n    meta: {account: meta-main}"
) -> str:
    return (
        f"apiVersion: midas/v1\nkind: Audience\nmetadata: {{name: {name}}}\nspec:\n"
        f"  existing: true\n  platforms:\n    {platforms}\n"
    )


#: The campaign targets ``vip`` (built outside MIDAS) and excludes ``churned`` (a customer list).
AUDIENCES = existing("vip") + "---\n" + audience("churned")


def spec_issues(root: Path) -> list[Any]:
    with pytest.raises(SpecError) as caught:
        load_workspace(root, env={})
    return caught.value.issues


# --- validation ------------------------------------------------------------------------------------


def test_a_campaign_may_target_an_existing_audience_on_the_accounts_it_lists(tmp_path: Path) -> None:
    workspace = load_workspace(write_workspace(tmp_path / "ws", audiences=AUDIENCES), env={})
    assert workspace.audiences["vip"].spec.existing
    assert workspace.campaigns["loyal"].spec.targeting.audiences == ["vip"]


def test_an_existing_audience_not_found_on_the_campaigns_account_is_refused(tmp_path: Path) -> None:
    only_google = existing("vip", "google: {account: google-main}") + "---\n" + audience("churned")
    (issue,) = spec_issues(write_workspace(tmp_path / "ws", audiences=only_google))
    assert (issue.file, issue.line, issue.field) == ("specs/loyal.yaml", 12, "spec.targeting.audiences[0]")
    assert "audience 'vip' is not listed with meta account 'meta-main'" in issue.message


# --- plan, apply, plan in the sandbox --------------------------------------------------------------


@pytest.fixture
def session(tmp_path: Path, state_url: str) -> Iterator[Session]:
    root = write_workspace(tmp_path / "ws", audiences=AUDIENCES)
    with Session(root, state_url=state_url, sleep=lambda _s: None) as opened:
        yield opened


def build_in_console(session: Session, account: str, name: str = "vip") -> str:
    """An audience built on the platform outside MIDAS (a remarketing list, a website audience)."""
    connector = sandbox(session, account)
    platform = session.settings.accounts[account].platform
    return add_audience(connector.world, {account: (platform, connector.native_id, "USD")}, account, name)


def console_audiences(session: Session, account: str) -> dict[str, dict[str, Any]]:
    """The account's audiences as stored on the simulated platform: id → native data."""
    connector = sandbox(session, account)
    platform = session.settings.accounts[account].platform
    kind = "user_list" if platform == GOOGLE else "customaudience"
    with connector.world.transaction() as txn:
        return {o.id: dict(o.data) for o in txn.find(platform, connector.native_id, kind)}


def audience_changes(plan: Plan) -> list[Change]:
    return [c for c in plan.changes if c.address.kind in ("user_list", "customaudience")]


def test_an_existing_audience_is_targeted_by_its_id_and_never_changed(session: Session) -> None:
    google_id, meta_id = build_in_console(session, "google-main"), build_in_console(session, "meta-main")
    before = {a: console_audiences(session, a) for a in ("google-main", "meta-main")}
    outcome = session.plan()
    assert {(c.address.path, c.action) for c in audience_changes(outcome.plan)} == {
        ("churned", Action.CREATE)
    }
    assert {(a.platform, a.path, i) for a, i in outcome.plan.existing.items()} == {
        (GOOGLE, "vip", google_id),
        (META, "vip", meta_id),
    }
    assert not any(a.path == "vip" for a in outcome.plan.unmanaged)
    apply_all(session)
    assert unchanged(session)
    google = sandbox(session, "google-main")
    rows = GoogleAdsSimulator(google.world).peek(google.native_id, "ad_group_criterion")
    targeted = {r["user_list"]["user_list"] for r in rows if r["type"] == "USER_LIST" and not r["negative"]}
    assert targeted == {f"customers/{google.native_id}/userLists/{google_id}"}
    meta = sandbox(session, "meta-main")
    (adset,) = MetaSimulator(meta.world).peek(meta.native_id, "adset")
    assert adset["targeting"]["custom_audiences"] == [{"id": meta_id}]
    # Not touched, not marked, not recorded: only the customer list is MIDAS's.
    for account, audiences in before.items():
        after = console_audiences(session, account)
        assert {i: after[i] for i in audiences} == audiences
    recorded = {(a.kind, a.path) for a in session.store.recorded(with_fields=False)}
    assert ("user_list", "vip") not in recorded and ("customaudience", "vip") not in recorded
    assert ("user_list", "churned") in recorded


def test_a_saved_plan_carries_the_existing_audiences_ids(session: Session, tmp_path: Path) -> None:
    build_in_console(session, "google-main")
    meta_id = build_in_console(session, "meta-main")
    outcome = session.plan()
    saved = Plan.from_json(outcome.plan.to_json())
    assert saved.existing == outcome.plan.existing
    result = session.apply(session.outcome_for(saved))
    assert result.ok, result.failures
    meta = sandbox(session, "meta-main")
    (adset,) = MetaSimulator(meta.world).peek(meta.native_id, "adset")
    assert adset["targeting"]["custom_audiences"] == [{"id": meta_id}]


def test_an_existing_audience_missing_on_an_account_fails_the_plan_at_its_spec(session: Session) -> None:
    build_in_console(session, "google-main")
    with pytest.raises(SpecError) as caught:
        session.plan()
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.field) == ("specs/audiences.yaml", 8, "spec.platforms.meta.account")
    assert "audience 'vip' (existing: true) is not found on meta account 'meta-main'" in issue.message
    assert (
        GoogleAdsSimulator(sandbox(session, "google-main").world).peek(
            sandbox(session, "google-main").native_id, "campaign"
        )
        == []
    )


def test_two_live_audiences_of_an_existing_audiences_name_are_ambiguous(session: Session) -> None:
    build_in_console(session, "google-main")
    first, second = build_in_console(session, "meta-main"), build_in_console(session, "meta-main")
    with pytest.raises(SpecError) as caught:
        session.plan()
    (issue,) = caught.value.issues
    assert issue.field == "spec.platforms.meta.account"
    assert "audience 'vip' (existing: true) is ambiguous on meta account 'meta-main'" in issue.message
    assert f"ids {', '.join(sorted([first, second]))}" in issue.message


def test_removing_an_existing_audiences_spec_never_deletes_it(session: Session) -> None:
    ids = {a: build_in_console(session, a) for a in ("google-main", "meta-main")}
    apply_all(session)
    assert_dropping_vip_deletes_nothing(session, ids)


def assert_dropping_vip_deletes_nothing(session: Session, ids: dict[str, str]) -> None:
    """Remove ``vip``'s spec and its targeting, plan with --allow-destroy and apply: ``vip`` stays live
    (``ids``: account → its id), untouched and unmanaged."""
    root = session.workspace.root
    (root / "specs" / "audiences.yaml").write_text(audience("churned"), encoding="utf-8")
    (root / "specs" / "loyal.yaml").write_text(
        CAMPAIGN.replace("    audiences: [vip]\n", ""), encoding="utf-8"
    )
    session.reload()
    outcome = session.plan(allow_destroy=True)
    assert [c for c in audience_changes(outcome.plan) if c.address.path == "vip"] == []
    assert {a.path for a in outcome.plan.unmanaged if a.kind in ("user_list", "customaudience")} == {"vip"}
    result = session.apply(outcome)
    assert result.ok, result.failures
    for account, audience_id in ids.items():
        assert audience_id in console_audiences(session, account)


def test_a_customer_list_turned_existing_is_let_go_and_never_deleted(session: Session) -> None:
    """MIDAS applied ``vip`` as a customer list; the spec then says it is managed elsewhere: no change,
    not even with --allow-destroy, and the apply forgets it, so removing the spec later deletes nothing."""
    root = session.workspace.root
    (root / "specs" / "audiences.yaml").write_text(audience("vip") + "---\n" + audience("churned"), "utf-8")
    session.reload()
    apply_all(session)
    ids = {
        a: {d["name"]: i for i, d in console_audiences(session, a).items()}["vip"]
        for a in ("google-main", "meta-main")
    }
    (root / "specs" / "audiences.yaml").write_text(AUDIENCES, encoding="utf-8")
    session.reload()
    outcome = session.plan(allow_destroy=True)
    assert outcome.plan.actionable == [], [str(c.address) for c in outcome.plan.actionable]
    assert {a.path for a in outcome.plan.existing} == {"vip"}
    assert [(a.kind, a.path) for a in outcome.plan.released] == [
        ("user_list", "vip"),
        ("customaudience", "vip"),
    ]
    assert outcome.plan.has_changes  # letting the records go is the apply's to do
    result = session.apply(outcome)
    assert result.ok, result.failures
    assert not session.plan(allow_destroy=True).plan.has_changes
    recorded = {(a.kind, a.path) for a in session.store.recorded(with_fields=False)}
    assert ("user_list", "vip") not in recorded and ("customaudience", "vip") not in recorded
    assert_dropping_vip_deletes_nothing(session, ids)


# --- import ------------------------------------------------------------------------------------------


def targeting_tree(platform: str, account: str, audience_name: str) -> list[Resource]:
    """A live campaign whose ad set / criterion targets ``audience_name`` (as a read names it)."""
    kind = "customaudience" if platform == META else "user_list"
    target = Address(platform, account, kind, audience_name)
    campaign = Resource(Address(platform, account, "campaign", "c"), {"name": "c"})
    child = "adset" if platform == META else "ad_group_criterion"
    path = "c/s" if platform == META else f"c/g/user_list:{audience_name}"
    return [
        campaign,
        Resource(Address(platform, account, child, path), {}, {"audience:" + audience_name: target}),
    ]


def test_import_writes_one_existing_audience_per_name_with_the_accounts_targeting_it(tmp_path: Path) -> None:
    trees = campaign_trees(
        [*targeting_tree(GOOGLE, "g", "Site visitors"), *targeting_tree(META, "m", "Site visitors")]
    )
    (written,), problems = existing_audiences(trees, described=(), folder=tmp_path)
    assert problems == []
    assert written.file == tmp_path / "audiences" / "site-visitors.yaml"
    assert written.document["spec"] == {
        "existing": True,
        "platforms": {"google": {"account": "g"}, "meta": {"account": "m"}},
    }
    assert written.text.startswith(
        "# Imported by `midas import`: an audience built outside MIDAS, found on google account g and meta "
        "account m.\n"
    )
    assert existing_audiences(trees, described={"Site visitors"}, folder=tmp_path) == ([], [])


def test_audiences_whose_names_make_one_file_name_get_a_file_each(tmp_path: Path) -> None:
    trees = campaign_trees(
        [*targeting_tree(GOOGLE, "g", "Site visitors"), *targeting_tree(META, "m", "site-visitors")]
    )
    written, problems = existing_audiences(trees, described=(), folder=tmp_path)
    assert problems == []
    assert sorted((w.name, w.file.name) for w in written) == [
        ("Site visitors", "site-visitors.yaml"),
        ("site-visitors", "site-visitors-2.yaml"),
    ]
    (tmp_path / "audiences").mkdir()
    (tmp_path / "audiences" / "site-visitors-2.yaml").write_text("", encoding="utf-8")
    _, (problem,) = existing_audiences(trees, described=(), folder=tmp_path)
    assert (
        problem
        == f"{tmp_path / 'audiences' / 'site-visitors-2.yaml'} already exists; pass another --out or move it"
    )


def test_import_refuses_an_audience_targeted_on_two_accounts_of_one_platform(tmp_path: Path) -> None:
    trees = campaign_trees([*targeting_tree(META, "m1", "vip"), *targeting_tree(META, "m2", "vip")])
    _, (problem,) = existing_audiences(trees, described=(), folder=tmp_path)
    assert problem.startswith(
        "audience 'vip' is targeted on meta accounts m1, m2; an Audience names one account"
    )


def test_import_extends_an_existing_audience_in_its_file_keeping_the_rest(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    file = tmp_path / "specs" / "audiences.yaml"
    text = (
        "# Ours.\n"
        + existing("vip", "google: {account: g}  # the remarketing list")
        + "---\n"
        + audience("x")
    )
    file.write_text(text, encoding="utf-8")
    extend_audience_specs(tmp_path, [ExtendedAudience("vip", "specs/audiences.yaml", META, "m")])
    assert file.read_text(encoding="utf-8") == text.replace(
        "    google: {account: g}  # the remarketing list\n",
        "    google: {account: g}  # the remarketing list\n    meta: {account: m}\n",
    )
