"""Audiences in the sandbox's console (`midas sandbox list | set | delete`), and what `plan` and `drift` say
when an audience built outside MIDAS (``existing: true``) is renamed or deleted there (SQLite and
PostgreSQL state)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fakes.example import target_an_existing_audience

from tests.e2e.conftest import Run

Midas = Callable[..., Run]

GOOGLE_LIST = "user_list/site-visitors@google"
META_AUDIENCE = "customaudience/site-visitors@meta:meta-main"


@pytest.fixture
def targeting(midas: Midas, workspace: Path) -> dict[str, str]:
    """The example spring-sale campaign applied, targeting site-visitors: an audience built in each
    account's console. Returns platform → the audience's id."""
    ids = {}
    for platform, account in (("google", "google-main"), ("meta", "meta-main")):
        built = midas("sandbox", "add-audience", account, "site-visitors")
        assert built.code == 0, built.output
        ids[platform] = built.output.rsplit("(id ", 1)[1].split(")")[0]
    target_an_existing_audience(workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("drift").code == 0
    return ids


def audiences(midas: Midas) -> list[dict[str, Any]]:
    listed = midas("sandbox", "list", "--format", "json")
    assert listed.code == 0, listed.output
    return [o for o in json.loads(listed.output) if o["kind"] in ("user_list", "customaudience")]


def test_drift_reports_an_existing_audience_renamed_in_the_console_at_the_audience(
    midas: Midas, targeting: dict[str, str]
) -> None:
    renamed = [
        midas("sandbox", "set", GOOGLE_LIST, "name=returning-visitors"),
        midas("sandbox", "set", "customaudience/site-visitors@meta", "name=returning-visitors"),
    ]
    assert [r.code for r in renamed] == [0, 0], [r.output for r in renamed]
    assert {(a["platform"], a["name"]) for a in audiences(midas)} == {
        ("google", "returning-visitors"),
        ("meta", "returning-visitors"),
    }

    plan = midas("plan")
    assert plan.code == 1
    assert (
        "audience 'site-visitors' (existing: true) is not found on google account 'google-main'"
        in plan.output
    )

    text = midas("drift")
    assert text.code == 2, text.output
    assert "deleted out of band" not in text.output and "changed out of band" not in text.output
    for platform, kind in (("google", "user_list"), ("meta", "customaudience")):
        assert (
            f"~ {kind}/site-visitors@{platform}:{platform}-main — audience 'site-visitors' (existing, id "
            f"{targeting[platform]}) is now named 'returning-visitors' on {platform} account "
            f"'{platform}-main' (renamed out of band): rename it back or update the spec"
        ) in text.output
    markdown = midas("drift", "--format", "markdown")
    assert markdown.code == 2
    assert (
        f"| `user_list/site-visitors@google:google-main` | audience 'site-visitors' (existing, id "
        f"{targeting['google']}) is now named 'returning-visitors'"
    ) in markdown.output
    report = json.loads(midas("drift", "--format", "json").output)
    assert [(i["kind"], i["address"]) for i in report["items"]] == [
        ("renamed", "user_list/site-visitors@google:google-main"),
        ("renamed", "customaudience/site-visitors@meta:meta-main"),
    ]

    # Renamed back in the console: nothing drifted, and the plan is clean again.
    assert midas("sandbox", "set", "user_list/returning-visitors@google", "name=site-visitors").code == 0
    assert (
        midas("sandbox", "set", f"customaudience/id:{targeting['meta']}@meta", "name=site-visitors").code == 0
    )
    assert midas("drift").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_drift_reports_an_existing_audience_deleted_in_the_console_as_missing(
    midas: Midas, targeting: dict[str, str]
) -> None:
    deleted = midas("sandbox", "delete", META_AUDIENCE)
    assert (deleted.code, deleted.output.strip()) == (0, f"Deleted {META_AUDIENCE}.")
    assert [a["platform"] for a in audiences(midas)] == ["google"]
    report = json.loads(midas("drift", "--format", "json").output)
    assert [(i["kind"], i["address"], i["message"]) for i in report["items"]] == [
        (
            "missing",
            META_AUDIENCE,
            f"audience 'site-visitors' (existing, id {targeting['meta']}) is no longer on meta account "
            "'meta-main' (deleted out of band), though campaigns still target its id: build it again, or "
            "stop targeting it",
        )
    ]
    assert midas("drift").code == 2


def test_sandbox_list_shows_audiences_with_their_members_and_whether_midas_owns_them(
    midas: Midas, workspace: Path, tmp_path: Path
) -> None:
    (workspace / "data").mkdir()
    (workspace / "data" / "crm.csv").write_text(
        "email\n" + "".join(f"p{i}@example.org\n" for i in range(5)), encoding="utf-8"
    )
    (workspace / "specs" / "crm.yaml").write_text(
        "apiVersion: midas/v1\nkind: Audience\nmetadata: {name: crm}\nspec:\n"
        "  customer_list: {path: data/crm.csv, consent: {attested: true, attested_by: crm-team}}\n"
        "  platforms: {google: {account: google-main}}\n",
        encoding="utf-8",
    )
    assert midas("sandbox", "add-audience", "google-main", "site-visitors").code == 0
    assert midas("apply", "--auto-approve").code == 0
    listed = {a["name"]: a for a in audiences(midas)}
    assert {n: (a["kind"], a["members"], a["managed"], a["status"]) for n, a in listed.items()} == {
        "crm": ("user_list", 5, True, ""),
        "site-visitors": ("user_list", 0, False, ""),
    }
    text = midas("sandbox", "list").output.splitlines()
    (crm,) = [line for line in text if line.endswith(" crm")]
    assert crm.split() == [
        "google",
        "1234567890",
        "user_list",
        listed["crm"]["id"],
        "5",
        "members",
        "managed",
        "crm",
    ]
    # Only campaign trees carry a member count of None.
    everything = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert {o["kind"] for o in everything if o["members"] is None} >= {"campaign", "adset"}
    # A state that does not exist yet is not created by listing.
    absent = tmp_path / "absent" / "state.db"
    other = midas("--state-url", f"sqlite:///{absent}", "sandbox", "list", "--format", "json")
    assert other.code == 0 and not absent.exists()
    assert {o["name"]: o["managed"] for o in json.loads(other.output) if o["kind"] == "user_list"} == {
        "crm": False,
        "site-visitors": False,
    }


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ("set", "user_list/nope@google", "name=x"),
            "user_list/nope@google: no user_list 'nope' in google account 'google-main'; "
            "existing: other (id ",
        ),
        (
            ("set", GOOGLE_LIST, "status=paused"),
            "an audience has no status; settable: description, membership_life_span, name, type",
        ),
        (
            ("set", GOOGLE_LIST, "budget.amount=5"),
            "an audience has no budget.amount; settable: description, membership_life_span, name, type",
        ),
        (
            ("set", "customaudience/twin@meta", "colour=red"),
            "2 audiences share the name 'twin' in meta account 'meta-main' (ids ",
        ),
        (("set", "user_list/other@google", "colour=red"), "unknown field 'colour'; settable: description"),
        (
            ("set", "user_list/other@google", "name=site-visitors"),
            "another user list of the account is named 'site-visitors'; Google keeps user list names unique",
        ),
        (("set", "user_list/other@google", "name="), "name must not be empty"),
        (("delete", "customaudience/twin@meta"), "name one by its id: customaudience/id:<id>@meta:meta-main"),
        (("delete", "customaudience/id:1@meta"), "no customaudience 'id:1' in meta account 'meta-main'"),
        (
            ("delete", "audience/twin@meta"),
            "unknown meta kind 'audience'; expected one of customaudience, campaign",
        ),
        (("delete", "customaudience/twin@meta:eu"), "no sandbox meta account 'eu'; known: meta-main"),
    ],
)
def test_sandbox_refuses_unknown_audience_addresses_and_fields(
    midas: Midas, args: tuple[str, ...], error: str
) -> None:
    for account, name in (("google-main", "site-visitors"), ("google-main", "other"), ("meta-main", "twin")):
        assert midas("sandbox", "add-audience", account, name).code == 0
    assert midas("sandbox", "add-audience", "meta-main", "twin").code == 0  # Meta lets two share a name
    before = audiences(midas)
    if args[1] == "user_list/nope@google":
        before = [a for a in before if a["name"] != "site-visitors"]
        assert midas("sandbox", "delete", GOOGLE_LIST).code == 0
    refused = midas("sandbox", *args)
    assert refused.code == 1
    assert error in refused.output
    assert audiences(midas) == before


def test_one_of_two_meta_audiences_sharing_a_name_is_named_by_its_id(midas: Midas) -> None:
    ids = []
    for _ in range(2):
        built = midas("sandbox", "add-audience", "meta-main", "twin")
        ids.append(built.output.rsplit("(id ", 1)[1].split(")")[0])
    assert (
        midas("sandbox", "set", f"customaudience/id:{ids[0]}@meta", "name=twin-a", "description=first").code
        == 0
    )
    assert midas("sandbox", "delete", f"customaudience/id:{ids[1]}@meta:meta-main").code == 0
    assert [(a["id"], a["name"]) for a in audiences(midas)] == [(ids[0], "twin-a")]


def test_sandbox_list_goes_on_when_the_state_store_cannot_be_read(
    midas: Midas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether MIDAS owns an audience is in the state store alone: out of reach, the listing says it does
    not know (``?`` / null) rather than fail or call the audience unmanaged."""
    assert midas("sandbox", "add-audience", "google-main", "fans").code == 0
    monkeypatch.setenv("MIDAS_STATE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    listed = midas("sandbox", "list")
    assert listed.code == 0, listed.output
    assert "whether MIDAS manages the audiences is unknown" in listed.output
    [line] = [line for line in listed.output.splitlines() if line.endswith(" fans")]
    assert " ? " in line
    as_json = midas("sandbox", "list", "--format", "json")
    assert as_json.code == 0
    rows, _ = json.JSONDecoder().raw_decode(as_json.output)  # the warning follows, on stderr
    assert [r["managed"] for r in rows if r["name"] == "fans"] == [None]


def test_a_google_criterion_pointed_at_another_list_in_the_console_is_another_criterion(
    midas: Midas, workspace: Path
) -> None:
    """A criterion's user list is immutable (v26 AdGroupCriterion.user_list): the console's edit removes the
    criterion and adds one for the other list, and the apply puts the specs' back (not "already exists")."""

    def built(account: str, name: str) -> str:
        added = midas("sandbox", "add-audience", account, name)
        assert added.code == 0, added.output
        return str(added.output.split("(id ")[1].split(")")[0])

    ours, _ = built("google-main", "site-visitors"), built("meta-main", "site-visitors")
    target_an_existing_audience(workspace)
    assert midas("apply", "--auto-approve").code == 0
    other = built("google-main", "other-list")
    edit = f"user_list.user_list=customers/1234567890/userLists/{other}"
    criterion = "ad_group_criterion/spring-sale/runners/user_list:{}@google"
    assert midas("sandbox", "set", criterion.format(ours), edit).code == 0
    assert f"- {criterion.format('site-visitors')}:google-main — deleted out of band" in midas("drift").output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
