"""Meta click-to-message ads (``meta.destination``) through the CLI on the sandbox: applied as Meta accepts
them, converged, a console change of the WhatsApp number reported as drift field by field, imported and
adopted exactly, and kept on Meta by ``mirror`` and ``compare``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.hand_built import meta_live_nodes
from fakes.meta_messaging import (
    MESSENGER_LINK,
    PAGE_ID,
    WHATSAPP_LINK,
    WHATSAPP_NUMBER,
    chats_by_hand,
    with_a_messaging_campaign,
    with_page,
)

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def test_click_to_message_ad_sets_apply_as_meta_accepts_them_and_converge(
    midas: Midas, workspace: Path
) -> None:
    with_a_messaging_campaign(with_page(workspace))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0

    adsets = meta_live_nodes(workspace, "adset")
    whatsapp, messenger = adsets["whatsapp-chats"], adsets["messenger-chats"]
    assert (whatsapp["destination_type"], whatsapp["optimization_goal"]) == ("WHATSAPP", "CONVERSATIONS")
    assert whatsapp["promoted_object"] == {"page_id": PAGE_ID, "whatsapp_phone_number": WHATSAPP_NUMBER}
    assert (messenger["destination_type"], messenger["promoted_object"]) == (
        "MESSENGER",
        {"page_id": PAGE_ID},
    )
    creatives = meta_live_nodes(workspace, "adcreative")
    actions = {
        name: creative["object_story_spec"]["link_data"]["call_to_action"]
        for name, creative in creatives.items()
        if name.startswith("chats/")
    }
    assert actions == {
        "chats/whatsapp-chats/ask-us": {
            "type": "WHATSAPP_MESSAGE",
            "value": {"link": WHATSAPP_LINK, "app_destination": "WHATSAPP"},
        },
        "chats/messenger-chats/ask-us": {
            "type": "MESSAGE_PAGE",
            "value": {"link": MESSENGER_LINK, "app_destination": "MESSENGER"},
        },
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [("promoted_object.whatsapp_phone_number", "+15559990000"), ("destination_type", "MESSENGER")],
    ids=["its-number", "its-destination"],
)
def test_a_console_change_of_where_an_ad_set_opens_a_chat_is_drift_and_a_replacement_is_refused(
    midas: Midas, workspace: Path, field: str, value: str
) -> None:
    with_a_messaging_campaign(with_page(workspace))
    assert midas("apply", "--auto-approve").code == 0
    edited = midas("sandbox", "set", "adset/chats/whatsapp-chats@meta", f'{field}="{value}"')
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert field in drift.output and value in drift.output, drift.output
    # Meta fixes both on a live ad set: restoring either would replace the ad set.
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and "would be replaced: Meta does not change" in refused.output, refused.output


def test_a_hand_built_click_to_message_campaign_imports_and_adopts_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    chats_by_hand(workspace)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec = yaml.safe_load(
        (workspace / "specs" / "imported" / "chat-with-us.yaml").read_text(encoding="utf-8")
    )
    groups = {g["name"]: g.get("meta", {}) for g in spec["spec"]["ad_groups"]}
    destinations = {
        name: meta.get("destination", spec["spec"]["meta"].get("destination"))
        for name, meta in groups.items()
    }
    assert destinations == {"WhatsApp": "whatsapp", "Messenger": "messenger"}, spec
    assert WHATSAPP_NUMBER in yaml.safe_dump(spec)
    assert all("final_url" not in creative for creative in spec["spec"]["creatives"]), spec


def test_mirror_to_google_keeps_click_to_message_ads_on_meta_and_says_so(
    midas: Midas, workspace: Path
) -> None:
    """Google has no click-to-message ads: the ad sets' destination stays Meta's, named as needing attention,
    and a creative without a final_url stays on Meta."""
    with_a_messaging_campaign(with_page(workspace))
    result = midas("mirror", "campaign/chats", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "ad groups 'whatsapp-chats' (whatsapp), 'messenger-chats' (messenger) open a conversation on Meta "
        "(meta.destination): Google's ads send people to their creatives' final_url instead"
    ) in result.output, result.output
    assert (
        "creative 'ask-us' stays on meta only: it opens a conversation on Meta (meta.destination) without a "
        "final_url, while every Google ad has one"
    ) in result.output, result.output
    written = yaml.safe_load((workspace / "specs" / "chats.yaml").read_text(encoding="utf-8"))["spec"]
    assert written["creatives"][0]["platforms"] == ["meta"]
    assert written["meta"]["destination"] == "whatsapp"


def test_compare_shows_where_meta_s_ads_open_a_conversation_as_meta_s_alone(
    midas: Midas, workspace: Path
) -> None:
    spec = with_page(workspace) / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    for creative in document["spec"]["creatives"]:
        creative.pop("call_to_action", None)  # each takes its ad set's button on Meta
    document["spec"]["meta"].update(destination="whatsapp", whatsapp_number=WHATSAPP_NUMBER)
    document["spec"]["meta"].pop("optimization_goal", None)
    document["spec"]["meta"].pop("conversion", None)
    document["spec"]["ad_groups"][1]["meta"] = {"destination": "messenger"}
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: (f["google"], f["meta"], f["same"]) for f in compared["fields"]}
    assert rows["meta.destination"] == (None, "whatsapp", False)
    assert rows["meta.whatsapp_number"] == (None, WHATSAPP_NUMBER, False)
    assert rows["ad group 'walkers' meta.destination"] == (None, "messenger", False)


def test_changing_where_a_live_ad_set_s_ads_send_people_is_refused(midas: Midas, workspace: Path) -> None:
    """Meta sets an ad set's destination when it creates it: another one would replace the live ad set."""
    with_a_messaging_campaign(with_page(workspace))
    assert midas("apply", "--auto-approve").code == 0
    spec = workspace / "specs" / "chats.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("{destination: messenger}", "{destination: whatsapp}")
    )
    plan = midas("plan")
    assert (
        "adset/chats/messenger-chats@meta:meta-main would be replaced: Meta does not change what a live ad "
        "set promotes or counts or where a live ad set's ads send people"
    ) in plan.output, plan.output
