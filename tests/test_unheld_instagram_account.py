"""``importing.unheld.unheld_instagram_account``: an Instagram account a console made a Meta creative
run as is left alone (unheld) only where neither MIDAS's record nor the specs name one."""

from __future__ import annotations

from typing import Final

import pytest
from test_planner import (
    CREATIVE1,
    CREATIVE2,
    META_AD1,
    META_AD2,
    actions,
    addr,
    by_address,
    key,
    live_of,
    meta_tree,
    recorded_of,
    renamed_meta_ad,
    res,
    run,
    with_fields,
)

from midas_reconcile.drift_report import drift
from midas_reconcile.importing.import_only import why_left
from midas_reconcile.importing.unheld import unheld_instagram_account
from midas_reconcile.resources import Resource

CREATIVE = "adcreative/c/g/a@meta"


@pytest.mark.parametrize(
    ("live", "recorded", "desired", "unheld"),
    [
        ("42", None, None, True),  # neither names one: left alone (a console's)
        ("42", None, "178", False),  # the specs hold one: compared
        ("42", "178", None, False),  # MIDAS wrote one: compared (the key turned off replaces)
        ("42", "178", "178", False),  # a console's other account over MIDAS's: compared
        (None, None, None, False),  # runs as no Instagram account
    ],
    ids=["console-only", "spec-holds", "record-holds", "both-hold", "none-live"],
)
def test_an_instagram_account_is_unheld_only_where_neither_record_nor_spec_names_one(
    live: str | None, recorded: str | None, desired: str | None, unheld: bool
) -> None:
    def creative(account: str | None) -> Resource:
        return res(CREATIVE, name="a", **({"instagram_user_id": account} if account else {}))

    found = unheld_instagram_account(creative(live), creative(recorded), creative(desired))
    assert (found is not None) is unheld
    if found is not None:
        assert found.fields == {"instagram_user_id": live} and "Instagram account '42'" in found.problem


def test_an_instagram_account_on_a_creative_midas_never_recorded_is_compared() -> None:
    live = res(CREATIVE, name="a", instagram_user_id="42")
    assert unheld_instagram_account(live, None, res(CREATIVE, name="a")) is None


def _with_console_account(resources: list[Resource]) -> list[Resource]:
    """``resources`` live, their creative run as Instagram account 42 in a console."""
    return [
        with_fields(r, instagram_user_id="42") if r.address.kind == "adcreative" else r
        for r in live_of(resources)
    ]


def test_a_console_instagram_account_under_a_renamed_campaign_is_left_alone_with_a_warning() -> None:
    """The record is at the creative's old address (the campaign renamed in the spec): looked up there."""
    recorded = recorded_of(live_of(meta_tree()))
    result = run(meta_tree("summer"), _with_console_account(meta_tree("spring")), recorded)
    change = by_address(result)[key("adcreative/summer/main/ad1@meta")]
    assert change.action.value == "noop" and str(change.moved_from) == key("adcreative/spring/main/ad1@meta")
    assert any("Instagram account '42'" in w for w in change.warnings)


def test_a_console_instagram_account_on_a_renamed_meta_ad_still_lets_the_rename_be_seen() -> None:
    """The ad and its creative renamed in the spec: the same ad (the unheld account not compared when
    matching), renamed in place, the creative kept with the warning — not paused for a new one."""
    recorded = recorded_of(live_of(meta_tree()))
    result = run(renamed_meta_ad(meta_tree()), _with_console_account(meta_tree()), recorded)
    assert {a: act for a, act in actions(result).items() if act != "noop"} == {key(META_AD2): "update"}
    ad, creative = by_address(result)[key(META_AD2)], by_address(result)[key(CREATIVE2)]
    assert ad.moved_from == addr(META_AD1) and creative.moved_from == addr(CREATIVE1)
    assert any("Instagram account '42'" in w for w in creative.warnings)


def test_a_console_instagram_account_on_a_rebuilt_creative_is_told_by_drift_as_plan_warns() -> None:
    """A new creative made at the recorded address (another id) run as account 42: the plan keeps it with
    the warning, and drift names the account too, not only MIDAS's creative deleted."""
    recorded = recorded_of(live_of(meta_tree()))
    live = _with_console_account(meta_tree())
    live[2].platform_id = "900"
    creative = by_address(run(meta_tree(), live, recorded))[key(CREATIVE1)]
    assert any("Instagram account '42'" in w for w in creative.warnings)
    report = drift(recorded, live, meta_tree())
    assert {(i.kind, str(i.address)) for i in report.items} >= {("unheld", key(CREATIVE1))}
    [unheld] = [i for i in report.items if i.kind == "unheld"]
    assert "Instagram account '42'" in unheld.message
    assert [(f.path, f.recorded, f.live) for f in unheld.fields] == [("instagram_user_id", None, "42")]


def test_drift_takes_a_console_instagram_account_the_specs_now_name_under_an_ad_rename_as_agreed() -> None:
    """The specs rename the ad and now run its creative as the account a console set: the plan renames in
    place with no warning, so drift compares with the spec where the rename takes the record — a change the
    specs agree with, not unheld as if no spec named an account."""
    recorded = recorded_of(live_of(meta_tree()))
    live = _with_console_account(meta_tree())
    desired = [
        with_fields(r, instagram_user_id="42") if r.address.kind == "adcreative" else r
        for r in renamed_meta_ad(meta_tree())
    ]
    assert not any("Instagram account" in w for w in run(desired, live, recorded).warnings)
    report = drift(recorded, live, desired)
    assert [(i.kind, str(i.address)) for i in report.items] == [("changed", key(CREATIVE1))]
    [item] = report.items
    assert [(f.path, f.recorded, f.live, f.spec_agrees) for f in item.fields] == [
        ("instagram_user_id", None, "42", True)
    ]


def test_drift_tells_no_unheld_instagram_account_in_a_campaign_that_lost_midas_s_marker() -> None:
    """The plan changes nothing in a campaign whose marker a console removed, so warns of no Instagram
    account there: drift tells the marker removed and the account as a change the plan does not restore,
    as it skips the other unheld settings there."""
    recorded = recorded_of(live_of(meta_tree()))
    live = _with_console_account(meta_tree())
    live[0].managed = False
    report = drift(recorded, live, meta_tree())
    assert [(i.kind, str(i.address)) for i in report.items] == [
        ("unmarked", key("campaign/spring@meta")),
        ("changed", key(CREATIVE1)),
    ]
    [changed] = report.items[1:]
    assert [(f.path, f.live, f.blocked) for f in changed.fields] == [("instagram_user_id", "42", True)]


#: A parameter of the test below: no spec known (``drift`` or ``snapshot`` without specs: ``desired`` None).
_NO_SPEC: Final = "no spec"


@pytest.mark.parametrize(
    ("recorded", "desired", "unheld"),
    [
        (None, None, True),  # neither names one: left alone (a console's)
        (None, "", False),  # the spec names the link's own domain: held as none, so compared (replaced)
        ("", None, True),  # MIDAS last applied the link's own domain, the spec dropped the key: the spec's
        ("", _NO_SPEC, False),  # MIDAS last applied the link's own domain, no spec known: the record's, held
        ("example.com/sale", None, False),  # MIDAS last applied another: held (the spec dropping it drops it)
        (None, "example.com/sale", False),  # the spec names another: compared
        (None, _NO_SPEC, True),  # no spec known, the record names none: left alone
    ],
    ids=[
        "console-only",
        "spec-names-the-domain",
        "record-names-the-domain",
        "record-names-the-domain-no-spec-known",
        "record-names-another",
        "spec-names-another",
        "no-spec-known",
    ],
)
def test_a_console_display_link_is_unheld_only_where_neither_record_nor_spec_holds_the_key(
    recorded: str | None, desired: str | None, unheld: bool
) -> None:
    """A record's ``""`` (MIDAS last applied a spec naming the link's own domain) is held only where no spec
    is known: where one is, the spec decides, so a record left behind when the spec dropped the key (apply
    replaces nothing, so rewrites no record) does not turn a later console caption into a replacement."""

    def creative(shown: str | None) -> Resource:
        return res(CREATIVE, name="a", **({"display_link": shown} if shown is not None else {}))

    spec = None if desired == _NO_SPEC else creative(desired)
    found = unheld_instagram_account(creative("example.com/boots"), creative(recorded), spec)
    assert (found is not None) is unheld


def test_an_unheld_display_link_advises_the_key_to_keep_it_or_the_link_s_domain_to_drop_it() -> None:
    live = res(CREATIVE, name="a", link_url="https://shop.example.com/", display_link="example.com/boots")
    found = unheld_instagram_account(live, res(CREATIVE, name="a"), res(CREATIVE, name="a"))
    assert found is not None
    said = "set meta.display_link to keep it, or to the link's own domain (shop.example.com) to drop it"
    assert said in found.problem, found.problem


def test_an_unheld_display_link_on_an_ad_opening_a_conversation_advises_what_can_be_done_there() -> None:
    """A spec refuses ``meta.display_link`` on an ad opening a conversation: the advice is not to set it."""
    chat = {"link_url": "https://fb.com/messenger_doc/", "app_destination": "MESSENGER"}
    live = res(CREATIVE, name="a", display_link="example.com/chat", **chat)
    found = unheld_instagram_account(live, res(CREATIVE, name="a", **chat), res(CREATIVE, name="a", **chat))
    assert found is not None
    assert "set meta.display_link" not in found.problem, found.problem
    assert "remove it in Ads Manager" in found.problem, found.problem


_PLAY_PAGE: Final = "https://play.google.com/store/apps/details?id=com.example.game"


@pytest.mark.parametrize(
    "app",
    [
        {"link_url": _PLAY_PAGE},
        {"link_url": "https://apps.apple.com/us/app/game/id1234567890", "call_to_action_type": "DOWNLOAD"},
        {"link_url": _PLAY_PAGE, "call_to_action_type": "INSTALL_MOBILE_APP"},
        {"link_url": "https://example.com/game", "call_to_action_type": "USE_MOBILE_APP"},
    ],
    ids=["play-store-link", "app-store-link", "install-button", "mobile-app-button"],
)
def test_an_unheld_display_link_on_an_app_s_ad_advises_what_can_be_done_there(app: dict[str, str]) -> None:
    """A spec refuses ``meta.display_link`` in an app promotion campaign: an app's ad (its link the app's
    store page, or its button a mobile app's) is advised, as an ad opening a conversation, not to set it."""
    live = res(CREATIVE, name="a", display_link="example.com/game", **app)
    found = unheld_instagram_account(live, res(CREATIVE, name="a", **app), res(CREATIVE, name="a", **app))
    assert found is not None
    assert "set meta.display_link" not in found.problem, found.problem
    assert "an app's ad" in found.problem and "remove it in Ads Manager" in found.problem, found.problem


def test_why_left_names_both_an_instagram_account_and_a_display_link_left_alone() -> None:
    live = res(CREATIVE, name="a", instagram_user_id="42", display_link="example.com/boots")
    found = unheld_instagram_account(live, res(CREATIVE, name="a"), res(CREATIVE, name="a"))
    assert found is not None and set(found.fields) == {"instagram_user_id", "display_link"}
    said = why_left(found)
    assert "leaves them alone" in said and "account" in said and "display link" in said, said
