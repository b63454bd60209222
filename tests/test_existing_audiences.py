"""Audiences built outside MIDAS (``existing: true``): campaigns target them by the id their name has on
each account; MIDAS never creates, changes, deletes or marks them (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes.example import with_google_eu
from test_audience_targeting import CAMPAIGN, apply_all, audience, sandbox, unchanged, write_workspace

from midas_reconcile.connectors.sandbox import GoogleAdsSimulator, MetaSimulator, add_audience
from midas_reconcile.errors import SpecError
from midas_reconcile.importing.audiences import (
    ExtendedAudience,
    existing_audiences,
    extend_audience_specs,
    extended_audiences,
    with_extensions,
)
from midas_reconcile.importing.trees import campaign_trees
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.resources import GOOGLE, META, Address, Resource
from midas_reconcile.session import Session
from midas_reconcile.spec import json_schema, load_workspace


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


#: The ``google`` entry of an existing audience's platforms → (field, message) of the problem it has.
BAD_ACCOUNTS = [
    ("{account: google-main, accounts: [google-eu]}", "spec.platforms.google.accounts",
     "found both account and accounts; expected one of them"),
    ("{}", "spec.platforms.google",
     "found neither account nor accounts; expected account: NAME or accounts: [NAME, ...]"),
    ("{accounts: []}", "spec.platforms.google.accounts", "found no account; expected at least one"),
    ("{accounts: [google-main, google-main]}", "spec.platforms.google.accounts[1]",
     "duplicate account 'google-main'; expected each once (already at spec.platforms.google.accounts[0])"),
    ("{accounts: [google-main, meta-main]}", "spec.platforms.google.accounts[1]",
     "account 'meta-main' is a meta account; expected a google account"),
    ("{accounts: [google-main, google-us]}", "spec.platforms.google.accounts[1]",
     "unknown account 'google-us'"),
]  # fmt: skip


@pytest.mark.parametrize(("google", "field", "message"), BAD_ACCOUNTS, ids=[b[0] for b in BAD_ACCOUNTS])
def test_an_existing_audiences_accounts_are_checked_at_their_field(
    tmp_path: Path, google: str, field: str, message: str
) -> None:
    audiences = existing("vip", f"google: {google}\n    meta: {{account: meta-main}}") + "---\n"
    root = with_google_eu(write_workspace(tmp_path / "ws", audiences=audiences + audience("churned")))
    [issue] = [i for i in spec_issues(root) if i.file == "specs/audiences.yaml"]
    assert (issue.line, issue.field) == (7, field)
    assert message in issue.message


def test_a_customer_list_is_uploaded_to_one_account_per_platform(tmp_path: Path) -> None:
    churned = audience("churned", TWO_GOOGLE_ACCOUNTS)
    root = with_google_eu(write_workspace(tmp_path / "ws", audiences=existing("vip") + "---\n" + churned))
    [issue] = [i for i in spec_issues(root) if i.file == "specs/audiences.yaml"]
    assert (issue.line, issue.field) == (18, "spec.platforms.google.accounts")
    assert issue.message.startswith("found accounts on a customer list; expected account")


def test_the_json_schema_takes_account_or_accounts() -> None:
    schema = json_schema()["$defs"]["AudienceTarget"]
    assert schema["oneOf"] == [{"required": ["account"]}, {"required": ["accounts"]}]
    assert schema["properties"]["accounts"]["anyOf"][0]["type"] == "array"


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


ONLY_GOOGLE_EU = "    google: {account: google-eu}\n"
#: A campaign of the second Google account targeting ``vip`` too.
EU_CAMPAIGN = (
    CAMPAIGN.replace("{name: loyal}", "{name: loyal-eu}")
    .replace("    google: {account: google-main}\n    meta: {account: meta-main}\n", ONLY_GOOGLE_EU)
    .replace("    exclude: {audiences: [churned]}\n", "")
)
TWO_GOOGLE_ACCOUNTS = "google: {accounts: [google-main, google-eu]}\n    meta: {account: meta-main}"


@pytest.fixture
def agency(tmp_path: Path, state_url: str) -> Iterator[Session]:
    """``vip`` built outside MIDAS on two Google accounts (and Meta's), a campaign of each targeting it."""
    audiences = existing("vip", TWO_GOOGLE_ACCOUNTS) + "---\n" + audience("churned")
    root = with_google_eu(write_workspace(tmp_path / "ws", audiences=audiences))
    (root / "specs" / "loyal-eu.yaml").write_text(EU_CAMPAIGN, encoding="utf-8")
    with Session(root, state_url=state_url, sleep=lambda _s: None) as opened:
        yield opened


def test_each_campaign_targets_the_id_the_name_has_on_its_own_account(agency: Session) -> None:
    ids = {a: build_in_console(agency, a) for a in ("google-main", "google-eu", "meta-main")}
    assert ids["google-main"] != ids["google-eu"]
    outcome = agency.plan()
    assert {(a.account, i) for a, i in outcome.plan.existing.items()} == set(ids.items())
    apply_all(agency)
    assert unchanged(agency)
    for account in ("google-main", "google-eu"):
        google = sandbox(agency, account)
        rows = GoogleAdsSimulator(google.world).peek(google.native_id, "ad_group_criterion")
        lists = {r["user_list"]["user_list"] for r in rows if r["type"] == "USER_LIST" and not r["negative"]}
        assert lists == {f"customers/{google.native_id}/userLists/{ids[account]}"}


def test_an_existing_audience_missing_on_its_second_account_fails_the_plan_there(agency: Session) -> None:
    build_in_console(agency, "google-main")
    build_in_console(agency, "meta-main")
    with pytest.raises(SpecError) as caught:
        agency.plan()
    (issue,) = caught.value.issues
    where = ("specs/audiences.yaml", 7, "spec.platforms.google.accounts[1]")
    assert (issue.file, issue.line, issue.field) == where
    assert "audience 'vip' (existing: true) is not found on google account 'google-eu'" in issue.message


def test_a_campaign_on_an_account_the_audience_does_not_list_is_refused(tmp_path: Path) -> None:
    root = with_google_eu(write_workspace(tmp_path / "ws", audiences=AUDIENCES))
    (root / "specs" / "loyal-eu.yaml").write_text(EU_CAMPAIGN, encoding="utf-8")
    (issue,) = spec_issues(root)
    assert (issue.file, issue.field) == ("specs/loyal-eu.yaml", "spec.targeting.audiences[0]")
    assert "audience 'vip' is not listed with google account 'google-eu'" in issue.message


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


def test_import_writes_an_audience_targeted_on_two_accounts_of_one_platform_with_both(tmp_path: Path) -> None:
    live = [
        r
        for platform, a in ((META, "m2"), (META, "m1"), (GOOGLE, "g"))
        for r in targeting_tree(platform, a, "vip")
    ]
    trees = campaign_trees(live)
    (written,), problems = existing_audiences(trees, described=(), folder=tmp_path)
    assert problems == []
    assert written.document["spec"]["platforms"] == {
        "google": {"account": "g"},
        "meta": {"accounts": ["m1", "m2"]},
    }


def test_import_extends_an_existing_audience_with_the_accounts_it_lacks(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    file = tmp_path / "specs" / "audiences.yaml"
    file.write_text(existing("vip", "google: {account: g1}"), encoding="utf-8")
    google = "".join(
        f"  g{i}: {{platform: google, customer_id: '{i}234567890', currency: USD}}\n" for i in (1, 2, 3)
    )
    meta = "  m: {platform: meta, ad_account_id: act_1, currency: USD, pixel_id: 1}\n"
    (tmp_path / "midas.yaml").write_text(f"version: 1\naccounts:\n{google}{meta}", encoding="utf-8")
    described = load_workspace(tmp_path, env={}).audiences
    live = [r for a in ("g3", "g1", "g2") for r in targeting_tree(GOOGLE, a, "vip")]
    trees = campaign_trees([*live, *targeting_tree(META, "m", "vip")])
    extended = extended_audiences(trees, described)
    assert [(e.platform, e.account) for e in extended] == [(GOOGLE, "g2"), (GOOGLE, "g3"), (META, "m")]
    spec = described["vip"].spec.model_dump(mode="json", exclude_none=True)
    assert with_extensions("vip", spec, extended)["platforms"] == {
        "google": {"accounts": ["g1", "g2", "g3"]},
        "meta": {"account": "m"},
    }
    assert with_extensions("other", spec, extended) == spec


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


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("google: {account: g}  # a list", "google: {accounts: [g, g2]} # a list"),
        ("google: {accounts: [g, g1]}  # a list", "google: {accounts: [g, g1, g2]} # a list"),
        ("google:\n      account: g  # a list", "google:\n      accounts: [g, g2] # a list"),
    ],
    ids=["one account", "a list", "block style"],
)
def test_import_adds_a_second_account_of_a_platform_in_place(tmp_path: Path, before: str, after: str) -> None:
    """``account`` becomes ``accounts`` where it was, its comment kept (one space before it, as ruamel
    writes a comment that no longer fits its column)."""
    (tmp_path / "specs").mkdir()
    file = tmp_path / "specs" / "audiences.yaml"
    text = "# Ours.\n" + existing("vip", before) + "---\n" + audience("x")
    file.write_text(text, encoding="utf-8")
    extend_audience_specs(tmp_path, [ExtendedAudience("vip", "specs/audiences.yaml", GOOGLE, "g2")])
    assert file.read_text(encoding="utf-8") == text.replace(before, after)
