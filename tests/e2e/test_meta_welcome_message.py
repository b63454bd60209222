"""A click-to-message creative's welcome message (``meta.welcome_message``) through the CLI on the sandbox:
applied as Meta takes it and converged, a console edit reported as drift field by field (and Meta's own
rewriting of the JSON as none), a changed greeting planned as a new creative, and a hand-built one imported
and adopted exactly — or refused by name where the spec language cannot say it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.hand_built import meta_live_nodes
from fakes.meta_messaging import chats_by_hand, with_a_messaging_campaign, with_page

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
#: These runs test no state store: SQLite alone (the store's own tests run against PostgreSQL too).

WELCOME = """\
      meta:
        welcome_message:
          text: Hi! How can we help?
          questions: [Do you ship?, What sizes?]
"""
CREATIVE = "chats/whatsapp-chats/ask-us"
ADDRESS = f"adcreative/{CREATIVE}@meta"


def _with_welcome(workspace: Path) -> Path:
    spec = with_a_messaging_campaign(with_page(workspace)) / "specs" / "chats.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + WELCOME, encoding="utf-8")
    return spec


def _story(workspace: Path, name: str = CREATIVE) -> dict[str, Any]:
    """The live creative ``name``'s link data, as stored."""
    creative = meta_live_nodes(workspace, "adcreative")[name]
    link_data: dict[str, Any] = creative["object_story_spec"]["link_data"]
    return link_data


def _adopted_welcomes(midas: Midas, workspace: Path) -> tuple[list[Any], str]:
    """Import and adopt meta-main, which then plans no change; the imported chat-with-us creatives' welcome
    messages, and the spec's text."""
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    text = (workspace / "specs" / "imported" / "chat-with-us.yaml").read_text(encoding="utf-8")
    welcomes = [c.get("meta", {}).get("welcome_message") for c in yaml.safe_load(text)["spec"]["creatives"]]
    return welcomes, text


def test_a_welcome_message_applies_as_meta_s_json_and_converges(midas: Midas, workspace: Path) -> None:
    _with_welcome(workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _story(workspace)["page_welcome_message"]["text_format"] == {
        "customer_action_type": "ice_breakers",
        "message": {
            "text": "Hi! How can we help?",
            "ice_breakers": [{"title": "Do you ship?"}, {"title": "What sizes?"}],
        },
    }


def test_a_console_edit_of_the_greeting_is_drift_of_that_field_and_meta_s_rewriting_is_none(
    midas: Midas, workspace: Path
) -> None:
    _with_welcome(workspace)
    assert midas("apply", "--auto-approve").code == 0
    # Ads Manager saving it again: its editor state added, keys in another order, the version as text.
    resaved = {**_story(workspace)["page_welcome_message"], "version": "2", "user_edit": True, "surface": "x"}
    resaved = dict(reversed(list(resaved.items())))
    path = "object_story_spec.link_data.page_welcome_message"
    assert midas("sandbox", "set", ADDRESS, f"{path}={json.dumps(resaved)}").code == 0
    assert midas("drift").code == 0, midas("drift").output
    edited = midas("sandbox", "set", ADDRESS, f"{path}.text_format.message.text=Hello, how can we help?")
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    fields = [f for item in json.loads(drift.output)["items"] for f in item["fields"]]
    assert fields == [
        {
            "path": "page_welcome_message.text",
            "recorded": "Hi! How can we help?",
            "live": "Hello, how can we help?",
            "spec_agrees": False,
            "blocked": False,
        }
    ], drift.output


def test_a_changed_welcome_message_makes_a_new_creative(midas: Midas, workspace: Path) -> None:
    spec = _with_welcome(workspace)
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(
        spec.read_text(encoding="utf-8").replace("What sizes?", "Any discounts?"), encoding="utf-8"
    )
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "page_welcome_message" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    questions = _story(workspace)["page_welcome_message"]["text_format"]["message"]["ice_breakers"]
    assert questions == [{"title": "Do you ship?"}, {"title": "Any discounts?"}]


def test_a_hand_built_welcome_message_imports_and_adopts_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    chats_by_hand(workspace, welcome={"text": "Hello!", "autofill_message": "I'd like a quote"})
    welcomes, text = _adopted_welcomes(midas, workspace)
    assert welcomes and all(w == {"text": "Hello!", "autofill": "I'd like a quote"} for w in welcomes), text


def test_a_welcome_message_the_spec_cannot_say_is_refused_by_name(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    replies = [
        {"content_type": "text", "title": "Yes"},
        {"content_type": "text", "title": "No", "image_url": "https://cdn.example.com/no.png"},
    ]
    chats_by_hand(
        workspace,
        welcome={
            "text": "Hi",
            "text_format": {"customer_action_type": "quick_replies", "message": {"quick_replies": replies}},
        },
    )
    refused = midas("import", "--account", "meta-main", "--all")
    assert refused.code == 1, refused.output
    setting = (
        'page_welcome_message.text_format.message.quick_replies[1].image_url "https://cdn.example.com/no.png"'
    )
    assert setting in refused.output, refused.output
    assert "customer_action_type" not in refused.output, refused.output
    assert not (workspace / "specs" / "imported").exists()


@pytest.mark.parametrize(
    ("welcome", "setting"),
    [
        (
            {"text": "Hi", "quick_replies": ["Yes"], "quick_reply_payloads": ["QUOTE\n"]},
            "page_welcome_message.text_format.message.quick_replies[0].payload, which the spec language "
            "cannot express (meta.welcome_message.quick_replies[0].payload: found 'QUOTE\\n', which has "
            "leading or trailing whitespace; expected it removed)",
        ),
        (
            {"text": "Hi", "autofill_message": "Q", "button": {"type": "url", "url": "www.example.com"}},
            "page_welcome_message.text_format.message.automated_greeting_message_cta.url, which the spec "
            "language cannot express (meta.welcome_message.button.website: found 'www.example.com'",
        ),
    ],
    ids=["a-payload-ending-in-a-line-break", "a-website-that-is-no-url"],
)
def test_a_welcome_message_the_spec_would_not_load_is_refused_by_name_not_written(
    midas: Midas, workspace: Path, bare: Path, welcome: dict[str, Any], setting: str
) -> None:
    with_page(workspace)
    chats_by_hand(workspace, welcome=welcome)
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert setting in refused.output, refused.output
    assert "would not load" not in refused.output, refused.output
    assert not (workspace / "specs" / "imported").exists()


QUICK_REPLIES = """\
      meta:
        welcome_message:
          text: Hi! Want a quote?
          quick_replies: ["Yes", Not now]
"""


def test_quick_replies_apply_as_ads_manager_writes_them_and_converge(midas: Midas, workspace: Path) -> None:
    spec = with_a_messaging_campaign(with_page(workspace)) / "specs" / "chats.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + QUICK_REPLIES, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    for name in (CREATIVE, "chats/messenger-chats/ask-us"):
        assert _story(workspace, name)["page_welcome_message"]["text_format"] == {
            "customer_action_type": "quick_replies",
            "message": {
                "text": "Hi! Want a quote?",
                "quick_replies": [
                    {"content_type": "text", "title": "Yes"},
                    {"content_type": "text", "title": "Not now"},
                ],
            },
        }
    # Ads Manager saving it again (its response_type beside each) is no drift; another title is.
    path = "object_story_spec.link_data.page_welcome_message.text_format.message.quick_replies"
    resaved = [
        {"title": "Yes", "content_type": "text", "response_type": None},
        {"title": "Not now", "content_type": "text", "response_type": None},
    ]
    assert midas("sandbox", "set", ADDRESS, f"{path}={json.dumps(resaved)}").code == 0
    assert midas("drift").code == 0, midas("drift").output
    resaved[1]["title"] = "Later"
    assert midas("sandbox", "set", ADDRESS, f"{path}={json.dumps(resaved)}").code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    fields = [f for item in json.loads(drift.output)["items"] for f in item["fields"]]
    assert [(f["path"], f["recorded"], f["live"]) for f in fields] == [
        ("page_welcome_message.quick_replies", ["Yes", "Not now"], ["Yes", "Later"])
    ], drift.output


def test_hand_built_quick_replies_import_and_adopt_exactly(midas: Midas, workspace: Path, bare: Path) -> None:
    """Ads Manager's Messenger default: a greeting with quick replies, each as its editor writes it."""
    with_page(workspace)
    replies = [{"title": t, "content_type": "text", "response_type": None} for t in ("Yes", "No", "Maybe")]
    replies[2]["payload"] = "MAYBE"  # the bot's cue, as an API client sends it
    welcome = {
        "text": "Hi! Want a quote?",
        "text_format": {"customer_action_type": "quick_replies", "message": {"quick_replies": replies}},
    }
    chats_by_hand(workspace, welcome=welcome)
    welcomes, text = _adopted_welcomes(midas, workspace)
    expected = {
        "text": "Hi! Want a quote?",
        "quick_replies": ["Yes", "No", {"reply": "Maybe", "payload": "MAYBE"}],
    }
    assert welcomes and all(w == expected for w in welcomes), text


ANSWERED = """\
      meta:
        welcome_message:
          text: Hi {{user_first_name}}!
          questions:
            - Do you ship?
            - {question: What sizes?, response: "S to XL, all in stock."}
"""


def test_ice_breakers_with_their_own_responses_apply_converge_and_adopt_exactly(
    midas: Midas, workspace: Path
) -> None:
    """Meta's guide's ice breakers with an automated response: sent beside each title, read back as the same
    message, and a hand-built one of them imported as the spec writes it."""
    spec = with_a_messaging_campaign(with_page(workspace)) / "specs" / "chats.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + ANSWERED, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _story(workspace)["page_welcome_message"]["text_format"]["message"]["ice_breakers"] == [
        {"title": "Do you ship?"},
        {"title": "What sizes?", "response": "S to XL, all in stock."},
    ]
    path = "object_story_spec.link_data.page_welcome_message.text_format.message.ice_breakers"
    edited = [{"title": "Do you ship?"}, {"title": "What sizes?", "response": "S to XXL."}]
    assert midas("sandbox", "set", ADDRESS, f"{path}={json.dumps(edited)}").code == 0
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    fields = [f for item in json.loads(drift.output)["items"] for f in item["fields"]]
    assert [(f["path"], f["live"]) for f in fields] == [
        ("page_welcome_message.ice_breaker_responses", [None, "S to XXL."])
    ], drift.output


def test_hand_built_ice_breakers_with_responses_import_and_adopt_exactly(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    welcome = {
        "text": "Hi!",
        "ice_breakers": ["Do you ship?", "Sizes?"],
        "ice_breaker_responses": ["Yes!", None],
    }
    chats_by_hand(workspace, welcome=welcome)
    welcomes, text = _adopted_welcomes(midas, workspace)
    expected = {"text": "Hi!", "questions": [{"question": "Do you ship?", "response": "Yes!"}, "Sizes?"]}
    assert welcomes and all(w == expected for w in welcomes), text


def test_quick_replies_rewritten_as_a_send_api_message_are_no_drift(midas: Midas, workspace: Path) -> None:
    """An API client's click-to-Messenger JSON (a Messenger Send API message) says what the visual editor's
    does: no drift, and another payload in it is."""
    spec = with_a_messaging_campaign(with_page(workspace)) / "specs" / "chats.yaml"
    welcome = (
        "      meta:\n        welcome_message: {text: Hi!, quick_replies: [{reply: Sure, payload: QUOTE}]}\n"
    )
    spec.write_text(spec.read_text(encoding="utf-8") + welcome, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    path = "object_story_spec.link_data.page_welcome_message"
    for payload, code in (("QUOTE", 0), ("OTHER", 2)):
        replies = [{"content_type": "text", "title": "Sure", "payload": payload}]
        send_api = {"message": {"text": "Hi!", "quick_replies": replies}}
        assert midas("sandbox", "set", ADDRESS, f"{path}={json.dumps(send_api)}").code == 0
        drift = midas("drift")
        assert drift.code == code, drift.output
    assert "quick_reply_payloads" in drift.output, drift.output


@pytest.mark.parametrize(
    ("button", "written"),
    [
        ({"type": "call"}, "call"),
        ({"type": "url", "url": "https://shop.example.com/"}, {"website": "https://shop.example.com/"}),
        ({"type": "call", "url": None}, "call"),
    ],
    ids=["call", "website", "call-echoed-with-a-null-url"],
)
def test_a_button_beside_the_greeting_imports_adopts_and_converges(
    midas: Midas, workspace: Path, bare: Path, button: dict[str, str], written: object
) -> None:
    """Meta's click-to-WhatsApp guide's button beside a greeting with a message to send."""
    with_page(workspace)
    chats_by_hand(
        workspace, welcome={"text": "Need help?", "autofill_message": "I need assistance", "button": button}
    )
    welcomes, text = _adopted_welcomes(midas, workspace)
    expected = {"text": "Need help?", "autofill": "I need assistance", "button": written}
    assert welcomes and all(w == expected for w in welcomes), text
