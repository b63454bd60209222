"""Meta ad sets opening several messaging apps at once (``meta.destination: [messenger, whatsapp]``, ad set
``destination_type`` MESSAGING_MESSENGER_WHATSAPP …) through the CLI on the sandbox: applied as the sandbox
takes them, converged, a console change of the destination reported as drift, refused spec errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from fakes.hand_built import meta_live_nodes
from fakes.meta_messaging import (
    INSTAGRAM_USER_ID,
    MESSENGER_LINK,
    PAGE_ID,
    SEVERAL,
    WHATSAPP_NUMBER,
    one_ad_with_a_feed_by_hand,
    several_apps_by_hand,
    with_a_several_apps_campaign,
    with_instagram,
    with_page,
)

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def _refused(midas: Midas, workspace: Path, spec: str) -> str:
    """What ``validate`` says of ``spec`` as ``specs/several.yaml`` (the account naming its Page and Instagram
    account), once checked that it refuses it."""
    (with_instagram(with_page(workspace)) / "specs" / "several.yaml").write_text(spec, encoding="utf-8")
    result = midas("validate")
    assert result.code == 1, result.output
    return result.output


def _buttons(*apps: tuple[str, str]) -> dict[str, Any]:
    return {"call_to_actions": [{"type": kind, "value": {"app_destination": app}} for kind, app in apps]}


def test_ad_sets_opening_several_apps_apply_as_meta_takes_them_and_converge(
    midas: Midas, workspace: Path
) -> None:
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    adsets = meta_live_nodes(workspace, "adset")
    both, direct = adsets["messenger-whatsapp"], adsets["instagram-messenger"]
    assert (both["destination_type"], both["optimization_goal"]) == (
        "MESSAGING_MESSENGER_WHATSAPP",
        "CONVERSATIONS",
    )
    assert both["promoted_object"] == {"page_id": PAGE_ID, "whatsapp_phone_number": WHATSAPP_NUMBER}
    assert (direct["destination_type"], direct["promoted_object"]) == (
        "MESSAGING_INSTAGRAM_DIRECT_MESSENGER",
        {"page_id": PAGE_ID},
    )
    creatives = meta_live_nodes(workspace, "adcreative")
    messenger_whatsapp = creatives["several/messenger-whatsapp/ask-us"]
    assert messenger_whatsapp["object_story_spec"]["link_data"]["call_to_action"] == {
        "type": "MESSAGE_PAGE",
        "value": {"link": MESSENGER_LINK, "app_destination": "MESSENGER"},
    }
    # As sent, with the optimisation type Meta adds on read (its Asset Feed Spec guide, "Read Asset Feed").
    assert messenger_whatsapp["asset_feed_spec"] == {
        **_buttons(("MESSAGE_PAGE", "MESSENGER"), ("WHATSAPP_MESSAGE", "WHATSAPP")),
        "optimization_type": "REGULAR",
    }
    instagram_messenger = creatives["several/instagram-messenger/ask-us"]
    assert instagram_messenger["object_story_spec"]["instagram_user_id"] == INSTAGRAM_USER_ID
    assert instagram_messenger["asset_feed_spec"] == {
        **_buttons(("INSTAGRAM_MESSAGE", "INSTAGRAM_DIRECT"), ("MESSAGE_PAGE", "MESSENGER")),
        "optimization_type": "REGULAR",
    }


def test_a_console_change_of_the_apps_an_ad_set_opens_is_drift(midas: Midas, workspace: Path) -> None:
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    edited = midas(
        "sandbox",
        "set",
        "adset/several/messenger-whatsapp@meta",
        'destination_type="MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP"',
    )
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "destination_type" in drift.output, drift.output
    assert "MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP" in drift.output, drift.output
    # Meta fixes the destination on a live ad set: restoring it would replace the ad set.
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and "would be replaced: Meta does not change" in refused.output, refused.output


def test_mirror_to_google_keeps_ads_opening_several_apps_on_meta_and_says_so(
    midas: Midas, workspace: Path
) -> None:
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    result = midas("mirror", "campaign/several", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "ad groups 'messenger-whatsapp' ([messenger, whatsapp]), 'instagram-messenger' "
        "([instagram, messenger]) open a conversation on Meta (meta.destination)"
    ) in result.output, result.output
    written = (workspace / "specs" / "several.yaml").read_text(encoding="utf-8")
    assert "destination: [messenger, whatsapp]" in written and "platforms: [meta]" in written, written


@pytest.mark.parametrize(
    ("written", "line", "expected"),
    [
        ("[messenger, messenger]", 14, "found messenger twice"),
        ("[whatsapp]", 14, "expected two or three apps"),
        (
            "[website, messenger]",
            14,
            "spec.meta.destination[0]: found 'website'; expected one of 'messenger', 'whatsapp', 'instagram' "
            "(a list names several messaging apps; a single `destination: website` links to the creatives' "
            "sites)",
        ),
        (
            "[website]",
            14,
            "spec.meta.destination[0]: found 'website'; expected one of 'messenger', 'whatsapp', 'instagram' "
            "(a list names several messaging apps; a single `destination: website` links to the creatives' "
            "sites)",
        ),
        (
            "[messenger, telegram]",
            14,
            "spec.meta.destination[1]: found 'telegram'; expected one of 'messenger', 'whatsapp', "
            "'instagram'",
        ),
        ("[messenger, instagram]", 14, "instagram_user_id"),
    ],
    ids=[
        "duplicate",
        "one-app",
        "website-among-them",
        "website-alone",
        "unknown-app",
        "instagram-without-its-account",
    ],
)
def test_a_destination_of_several_apps_that_meta_cannot_take_is_a_spec_error_at_its_line(
    midas: Midas, workspace: Path, written: str, line: int, expected: str
) -> None:
    spec = SEVERAL.replace("destination: [messenger, whatsapp]", f"destination: {written}")
    spec = spec.replace("      meta: {destination: [instagram, messenger]}\n", "")
    (with_page(workspace) / "specs" / "several.yaml").write_text(spec, encoding="utf-8")
    result = midas("validate")
    assert result.code == 1, result.output
    assert f"several.yaml:{line}" in result.output, result.output
    assert expected in result.output, result.output
    # One error for a list: not also the single destination's refusing a list by its kind.
    assert "found a list" not in result.output, result.output


def test_a_whatsapp_number_beside_apps_without_whatsapp_is_a_spec_error(
    midas: Midas, workspace: Path
) -> None:
    spec = SEVERAL.replace("destination: [messenger, whatsapp]", "destination: [instagram, messenger]")
    said = _refused(midas, workspace, spec)
    assert (
        "found a WhatsApp number where no ad set opens WhatsApp; expected one only where an ad set does "
        "(destination: whatsapp, or a list of apps naming whatsapp)"
    ) in said, said


@pytest.mark.parametrize(
    ("written", "placed", "at"),
    [
        (
            "meta: {destination: [instagram, messenger]}",
            "meta: {destination: [instagram, messenger], placements: [facebook]}",
            "ad_groups[1].meta",
        ),
        ("    whatsapp_number:", "    placements: [facebook]\n    whatsapp_number:", "meta"),
    ],
    ids=["the-ad-group-s", "the-campaign-s"],
)
def test_placements_off_instagram_for_ads_opening_instagram_among_other_apps_name_the_apps(
    midas: Midas, workspace: Path, written: str, placed: str, at: str
) -> None:
    spec = SEVERAL.replace(written, placed)
    said = _refused(midas, workspace, spec)
    assert (
        f"spec.{at}.placements: found facebook for ad set 'instagram-messenger', whose ads open "
        "[instagram, messenger]; expected instagram among them"
    ) in said, said


def test_a_hand_built_campaign_opening_several_apps_imports_and_adopts_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_instagram(with_page(workspace))
    several_apps_by_hand(workspace)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    text = (workspace / "specs" / "imported" / "message-us-anywhere.yaml").read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    groups = {g["name"]: g.get("meta", {}) for g in spec["spec"]["ad_groups"]}
    destinations = {
        name: meta.get("destination", spec["spec"]["meta"].get("destination"))
        for name, meta in groups.items()
    }
    assert destinations == {
        "Messenger and WhatsApp": ["messenger", "whatsapp"],
        "Instagram and Messenger": ["instagram", "messenger"],
    }, text
    assert WHATSAPP_NUMBER in text, text
    assert all("final_url" not in c and "call_to_action" not in c for c in spec["spec"]["creatives"]), text


def test_import_refuses_an_ad_whose_own_button_opens_another_app_than_midas_s_would(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Meta takes an ad of a Messenger-and-WhatsApp ad set whose own button opens WhatsApp; MIDAS's opens the
    first app in Meta's order (Messenger), so the spec language cannot say it."""
    with_instagram(with_page(workspace))
    several_apps_by_hand(workspace, opens="WHATSAPP")
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert (
        "has a call to action WHATSAPP_MESSAGE opening WHATSAPP in an ad set whose destination_type is "
        "MESSAGING_MESSENGER_WHATSAPP"
    ) in refused.output, refused.output
    assert not (workspace / "specs" / "imported" / "message-us-anywhere.yaml").exists()


def test_compare_shows_ads_opening_several_apps_as_meta_s_alone(midas: Midas, workspace: Path) -> None:
    spec = with_page(workspace) / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    for creative in document["spec"]["creatives"]:
        creative.pop("call_to_action", None)  # each takes its ad set's button on Meta
    document["spec"]["meta"].update(destination=["whatsapp", "messenger"], whatsapp_number=WHATSAPP_NUMBER)
    document["spec"]["meta"].pop("optimization_goal", None)
    document["spec"]["meta"].pop("conversion", None)
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: (f["google"], f["meta"], f["same"]) for f in compared["fields"]}
    assert rows["meta.destination"] == (None, ["messenger", "whatsapp"], False), rows
    assert rows["meta.whatsapp_number"] == (None, WHATSAPP_NUMBER, False), rows


def test_ads_opening_several_apps_in_a_special_ad_category_are_a_spec_error(
    midas: Midas, workspace: Path
) -> None:
    """Meta's multidestination guide: "we don't support special ad categories for ads that click to
    multidestination"."""
    spec = SEVERAL.replace(
        "  meta:\n    destination:", "  meta:\n    special_ad_categories: [HOUSING]\n    destination:"
    )
    said = _refused(midas, workspace, spec)
    assert "several.yaml:14" in said and "special ad categor" in said, said


#: Both apps' buttons of a Messenger-and-WhatsApp ad, as MIDAS sends them.
_BOTH_BUTTONS: Final = [
    {"type": "MESSAGE_PAGE", "value": {"app_destination": "MESSENGER"}},
    {"type": "WHATSAPP_MESSAGE", "value": {"app_destination": "WHATSAPP"}},
]
#: What an asset feed may carry besides each app's button once, and how import and drift name it.
_FEED_EXTRAS: Final = [
    ({"bodies": [{"text": "Other body Meta rotates in"}]}, "asset_feed_spec.bodies"),
    (
        {"call_to_actions": [{"type": "LEARN_MORE", "value": {"link": "https://other.example/"}}]},
        "asset_feed_spec.call_to_actions[2]",
    ),
    ({"call_to_actions": [_BOTH_BUTTONS[1]]}, "asset_feed_spec.call_to_actions[2]"),
]
_FEED_EXTRA_IDS: Final = ["another-body", "a-button-to-a-website", "a-button-twice"]


def _feed_with(extra: dict[str, Any]) -> str:
    """A Messenger-and-WhatsApp ad's asset feed carrying ``extra`` besides both apps' buttons, as JSON."""
    return json.dumps({**extra, "call_to_actions": [*_BOTH_BUTTONS, *extra.get("call_to_actions", [])]})


@pytest.mark.parametrize(("extra", "named"), _FEED_EXTRAS, ids=_FEED_EXTRA_IDS)
def test_import_refuses_an_ad_whose_asset_feed_carries_more_than_each_app_s_button_once(
    midas: Midas, workspace: Path, bare: Path, extra: dict[str, Any], named: str
) -> None:
    with_instagram(with_page(workspace))
    several_apps_by_hand(workspace)
    creative = "adcreative/Message Us Anywhere/Messenger and WhatsApp/Messenger and WhatsApp ad@meta"
    edited = midas("sandbox", "set", creative, f"asset_feed_spec={_feed_with(extra)}")
    assert edited.code == 0, edited.output
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    ad = "ad 'Messenger and WhatsApp ad' in ad set 'Messenger and WhatsApp'"
    assert ad in refused.output, refused.output
    assert named in refused.output and "which the spec language cannot express" in refused.output, (
        refused.output
    )
    assert not (workspace / "specs" / "imported" / "message-us-anywhere.yaml").exists()


@pytest.mark.parametrize(("extra", "named"), _FEED_EXTRAS, ids=_FEED_EXTRA_IDS)
def test_an_asset_feed_carrying_more_than_each_app_s_button_set_out_of_band_is_drift(
    midas: Midas, workspace: Path, extra: dict[str, Any], named: str
) -> None:
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0
    creative = "adcreative/several/messenger-whatsapp/ask-us@meta"
    assert midas("sandbox", "set", creative, f"asset_feed_spec={_feed_with(extra)}").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "set out of band" in drift.output and named in drift.output, drift.output


def test_import_refuses_by_name_an_ad_linking_to_a_website_whose_asset_feed_opens_a_messaging_app(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    one_ad_with_a_feed_by_hand(workspace, None, _buttons(("MESSAGE_PAGE", "MESSENGER")))
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert "ad 'One ad' in ad set 'One' of meta campaign 'Feed By Hand'" in refused.output, refused.output
    assert (
        "has asset_feed_spec.call_to_actions MESSAGE_PAGE to MESSENGER in an ad set opening no conversation, "
        "which the spec language cannot express"
    ) in refused.output, refused.output
    assert "the written spec would not match what is live" not in refused.output, refused.output


def test_a_hand_built_ad_of_one_app_whose_asset_feed_restates_its_own_button_imports_and_converges(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Ads Manager may give a single app's ad a feed of that app's button alone: it says nothing the ad's own
    button does not, so it reads as none, and the ad imports as the app and converges."""
    with_page(workspace)
    one_ad_with_a_feed_by_hand(workspace, "WHATSAPP", _buttons(("WHATSAPP_MESSAGE", "WHATSAPP")))
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load(
        (workspace / "specs" / "imported" / "feed-by-hand.yaml").read_text(encoding="utf-8")
    )
    assert spec["spec"]["meta"]["destination"] == "whatsapp", spec
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_an_ad_of_one_app_whose_asset_feed_opens_another_app_is_refused(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    one_ad_with_a_feed_by_hand(workspace, "WHATSAPP", _buttons(("MESSAGE_PAGE", "MESSENGER")))
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert (
        "has asset_feed_spec.call_to_actions MESSAGE_PAGE to MESSENGER in an ad set whose destination_type "
        "is WHATSAPP"
    ) in refused.output, refused.output


def test_a_console_change_cutting_an_ad_s_asset_feed_to_its_own_button_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """Its own button alone reads as no feed (as a single app's ad's), which an ad opening several apps is
    not: drift, restored by the plan."""
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/several/messenger-whatsapp/ask-us@meta"
    own = json.dumps(_buttons(("MESSAGE_PAGE", "MESSENGER")))
    assert midas("sandbox", "set", creative, f"asset_feed_spec={own}").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "changed out of band: asset_feed_spec" in drift.output, drift.output


@pytest.mark.parametrize("goal", ["IMPRESSIONS", "LINK_CLICKS"])
def test_an_ad_set_opening_several_apps_optimises_for_conversations_alone(
    midas: Midas, workspace: Path, goal: str
) -> None:
    """Meta's multidestination guide documents CONVERSATIONS as the goal of ads opening several apps; the
    other goals of one app's ads are refused there."""
    spec = SEVERAL.replace("    whatsapp_number:", f"    optimization_goal: {goal}\n    whatsapp_number:")
    said = _refused(midas, workspace, spec)
    assert (
        f"spec.meta.optimization_goal: found {goal} for ad set 'messenger-whatsapp', whose ads open "
        "[messenger, whatsapp]; expected CONVERSATIONS"
    ) in said, said


def test_a_restore_re_creating_a_creative_sends_no_unheld_feed_and_warns_it_is_dropped(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot keeps what was read, the asset feed's other contents among it (``asset_feed_unheld``, no
    parameter of Meta's): a restore re-creating the creative sends none of it, and says so."""
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/several/messenger-whatsapp/ask-us@meta"
    feed = json.dumps({"bodies": [{"text": "Second text"}], "call_to_actions": _BOTH_BUTTONS})
    assert midas("sandbox", "set", creative, f"asset_feed_spec={feed}").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    for address in ("ad/several/messenger-whatsapp/ask-us@meta", creative):
        assert midas("sandbox", "delete", address).code == 0
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "asset_feed_unheld" not in restored.output, restored.output
    assert (
        f"{creative}:meta-main: snapshot 's' holds its asset feed's other contents (asset_feed_spec.bodies), "
        "which MIDAS never sends: the restored creative runs without them"
    ) in restored.output, restored.output
    live = meta_live_nodes(workspace, "adcreative")["several/messenger-whatsapp/ask-us"]
    assert "bodies" not in json.dumps(live.get("asset_feed_spec")), live
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_restore_write_specs_writes_a_snapshot_with_an_unheld_feed_and_says_it_is_dropped(
    midas: Midas, workspace: Path
) -> None:
    root = with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/several/messenger-whatsapp/ask-us@meta"
    feed = json.dumps({"bodies": [{"text": "Second text"}], "call_to_actions": _BOTH_BUTTONS})
    assert midas("sandbox", "set", creative, f"asset_feed_spec={feed}").code == 0
    assert midas("snapshot", "--name", "good").code == 0
    spec = root / "specs" / "several.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Ask us anything", "Ask us"), encoding="utf-8")
    written = midas("restore", "good", "--write-specs")
    assert written.code == 0, written.output
    assert "Wrote specs/several.yaml" in written.output, written.output
    assert (
        f"Note: {creative}:meta-main: snapshot 'good' holds its asset feed's other contents "
        "(asset_feed_spec.bodies), which MIDAS never sends"
    ) in written.output, written.output
    assert "Ask us anything" in spec.read_text(encoding="utf-8")


def test_meta_s_regular_optimization_echoed_on_a_feed_midas_made_is_no_drift(
    midas: Midas, workspace: Path
) -> None:
    """Meta reads a feed back with ``optimization_type: REGULAR`` added (its Asset Feed Spec guide, "Read
    Asset Feed"), as the sandbox does: the plan and drift see nothing MIDAS cannot hold."""
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    live = meta_live_nodes(workspace, "adcreative")["several/messenger-whatsapp/ask-us"]
    assert live["asset_feed_spec"]["optimization_type"] == "REGULAR", live
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


#: What Meta (or public scripts' reads of it) adds to a feed on its own: its defaults and empties.
_META_DEFAULTS: Final = {
    "optimization_type": "REGULAR",
    "additional_data": {"multi_share_end_card": False, "is_click_to_message": False},
    "reasons_to_shop": False,
    "shops_bundle": False,
    "autotranslate": [],
    "ad_formats": None,
}


def test_meta_s_own_defaults_in_a_feed_it_reads_back_are_no_drift(midas: Midas, workspace: Path) -> None:
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/several/messenger-whatsapp/ask-us@meta"
    assert midas("sandbox", "set", creative, f"asset_feed_spec={_feed_with(_META_DEFAULTS)}").code == 0
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_button_meta_echoes_with_its_link_still_opens_its_app(midas: Midas, workspace: Path) -> None:
    """Meta may echo a button with more than MIDAS sent (its ``value.link``): compared by type and app, it is
    still that app's button, so no plan replaces the creative."""
    with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/several/messenger-whatsapp/ask-us@meta"
    linked = [{**b, "value": {**b["value"], "link": MESSENGER_LINK}} for b in _BOTH_BUTTONS]
    feed = json.dumps({"optimization_type": "REGULAR", "call_to_actions": linked})
    assert midas("sandbox", "set", creative, f"asset_feed_spec={feed}").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_a_plan_replacing_a_creative_says_it_drops_its_asset_feed_s_other_contents_by_path(
    midas: Midas, workspace: Path
) -> None:
    root = with_a_several_apps_campaign(with_instagram(with_page(workspace)))
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/several/messenger-whatsapp/ask-us@meta"
    assert midas("sandbox", "set", creative, f"asset_feed_spec={_feed_with(_FEED_EXTRAS[0][0])}").code == 0
    spec = root / "specs" / "several.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("Ask us anything", "Ask us"), encoding="utf-8")
    planned = midas("plan")
    assert planned.code == 0, planned.output
    assert (
        "the plan replaces the adcreative, which drops its asset feed's other contents "
        "(asset_feed_spec.bodies): it would be lost"
    ) in planned.output, planned.output
    assert "asset_feed_unheld" not in planned.output, planned.output
