"""A click-to-message creative's welcome message between Meta's JSON text and MIDAS's normalised value
(``connectors.meta_welcome``), through a creative's story spec (``connectors.meta_graph``), and as import
writes it or refuses it (``importing.messaging``)."""

from __future__ import annotations

import json

import pytest

from midas_reconcile.compile.meta import welcome_message as meta_welcome_message
from midas_reconcile.connectors.meta_graph import normalise, story_spec, unexpressed_creative
from midas_reconcile.connectors.meta_welcome import from_wire, to_wire, unexpressed_settings
from midas_reconcile.diff import normalize_fields
from midas_reconcile.importing.messaging import messaging_creative, welcome_message
from midas_reconcile.spec.models import WelcomeMessage

QUESTIONS = {"text": "Hi! How can we help?", "ice_breakers": ["Do you ship?", "What sizes?"]}
AUTOFILL = {"text": "Hello!", "autofill_message": "I'd like a quote"}
QUICK_REPLIES = {"text": "Hi! Want a quote?", "quick_replies": ["Yes", "Not now"]}
#: Ice breakers, the second with its own response (Meta's string interpolation in it).
RESPONSES = {
    "text": "Hi",
    "ice_breakers": ["A", "B"],
    "ice_breaker_responses": [None, "Yes, {{user_first_name}}"],
}


def test_ice_breakers_are_sent_as_meta_documents_them() -> None:
    assert json.loads(to_wire(QUESTIONS)) == {
        "type": "VISUAL_EDITOR",
        "version": 2,
        "landing_screen_type": "welcome_message",
        "media_type": "text",
        "text_format": {
            "customer_action_type": "ice_breakers",
            "message": {
                "text": "Hi! How can we help?",
                "ice_breakers": [{"title": "Do you ship?"}, {"title": "What sizes?"}],
            },
        },
    }


def test_a_message_to_send_is_an_autofill_message() -> None:
    assert json.loads(to_wire(AUTOFILL))["text_format"] == {
        "customer_action_type": "autofill_message",
        "message": {"text": "Hello!", "autofill_message": {"content": "I'd like a quote"}},
    }


def test_quick_replies_are_sent_as_ads_manager_writes_them() -> None:
    assert json.loads(to_wire(QUICK_REPLIES))["text_format"] == {
        "customer_action_type": "quick_replies",
        "message": {
            "text": "Hi! Want a quote?",
            "quick_replies": [
                {"content_type": "text", "title": "Yes"},
                {"content_type": "text", "title": "Not now"},
            ],
        },
    }


def test_ads_manager_s_quick_replies_read_as_their_titles() -> None:
    """Ads Manager's editor writes each one ``{title, content_type: "text", response_type: null}``, and the
    message again in its image and video formats: the same quick replies."""
    replies = [
        {"title": "Yes", "content_type": "text", "response_type": None},
        {"content_type": "text", "title": "Not now", "response_type": None},
    ]
    echoed = {
        "type": "VISUAL_EDITOR",
        "version": 2,
        "landing_screen_type": "welcome_message",
        "media_type": "text",
        "text_format": {
            "customer_action_type": "quick_replies",
            "message": {"quick_replies": replies, "text": "Hi! Want a quote?"},
        },
        "image_format": {"customer_action_type": "quick_replies", "message": {"quick_replies": replies}},
    }
    assert from_wire(json.dumps(echoed)) == QUICK_REPLIES


#: Quick replies with the payload Meta hands a webhook when one is tapped (a number as text).
PAYLOADS = {"text": "Hi", "quick_replies": ["Yes", "No"], "quick_reply_payloads": ["QUOTE", None]}


def test_a_quick_reply_s_payload_is_sent_beside_its_title_and_read_back_as_the_message_s() -> None:
    assert json.loads(to_wire(PAYLOADS))["text_format"]["message"]["quick_replies"] == [
        {"content_type": "text", "title": "Yes", "payload": "QUOTE"},
        {"content_type": "text", "title": "No"},
    ]
    assert from_wire(to_wire(PAYLOADS)) == PAYLOADS
    assert unexpressed_settings(PAYLOADS) == []
    replies = [{"content_type": "text", "title": "Yes", "payload": 7}, {"title": "No", "payload": ""}]
    message = {"text": "Hi", "quick_replies": replies}
    read = from_wire({"text_format": {"customer_action_type": "quick_replies", "message": message}})
    assert read == {**PAYLOADS, "quick_reply_payloads": ["7", None]}


@pytest.mark.parametrize(
    ("reply", "setting"),
    [
        (
            {"title": "Yes", "image_url": "https://x.example/y.png"},
            ("text_format.message.quick_replies[1].image_url", "https://x.example/y.png"),
        ),
        (
            {"content_type": "user_email", "title": ""},
            ("text_format.message.quick_replies[1].content_type", "user_email"),
        ),
    ],
    ids=["an-image", "an-email-address-asked"],
)
def test_a_quick_reply_s_own_settings_are_named(reply: dict[str, str], setting: tuple[str, str]) -> None:
    wire = {
        "text_format": {
            "customer_action_type": "quick_replies",
            "message": {"text": "Hi", "quick_replies": [{"content_type": "text", "title": "A"}, reply]},
        }
    }
    value = from_wire(wire)
    assert value is not None
    assert value["quick_replies"] == ["A", reply["title"]]
    assert unexpressed_settings(value) == [setting]
    assert from_wire(to_wire(value)) == value


def _editor(action: str, message: dict[str, object]) -> dict[str, object]:
    """A welcome message of Meta's visual editor offering ``action`` with ``message``."""
    return {
        "type": "VISUAL_EDITOR",
        "version": 2,
        "text_format": {"customer_action_type": action, "message": message},
    }


@pytest.mark.parametrize(
    ("key", "item"),
    [("quick_replies", None), ("quick_replies", 7), ("ice_breakers", None), ("ice_breakers", [])],
)
def test_an_item_that_is_no_object_or_text_is_a_setting_of_its_own_not_a_title(
    key: str, item: object
) -> None:
    """A null (or a number, a list) among the quick replies or ice breakers is none with a title ("None" is
    no title Meta was given): it is kept where it is and named, so that import refuses it."""
    value = from_wire(_editor(key, {"text": "Hi", key: [item, {"title": "Yes"}]}))
    assert value is not None and value[key] == ["", "Yes"], value
    assert unexpressed_settings(value) == [(f"text_format.message.{key}[0]", item)]
    assert from_wire(to_wire(value)) == value
    written, problems = welcome_message({"page_welcome_message": value}, "ad 'a'")
    assert written is None and any(
        f"page_welcome_message.text_format.message.{key}[0] " in p for p in problems
    )


def test_a_title_that_is_no_text_is_a_setting_not_its_text() -> None:
    value = from_wire(
        _editor("quick_replies", {"text": "Hi", "quick_replies": [{"title": 5}, {"title": "No"}]})
    )
    assert value is not None and value["quick_replies"] == ["", "No"], value
    assert unexpressed_settings(value) == [("text_format.message.quick_replies[0].title", 5)]


def test_an_empty_mapping_kept_by_an_earlier_reading_is_no_setting() -> None:
    value = {
        "text": "Hi",
        "quick_replies": ["A", "B"],
        "text_format": {"message": {"quick_replies": [{}, {"image_url": "P"}]}},
    }
    assert unexpressed_settings(value) == [("text_format.message.quick_replies[1].image_url", "P")]


def test_a_setting_moved_to_another_quick_reply_is_a_change() -> None:
    """Each quick reply's own settings keep their place through the diff's normalisation (a reply without
    any is a placeholder that stays, not an empty mapping that would vanish)."""
    image = {"content_type": "text", "title": "A", "image_url": "https://x.example/y.png"}
    plain = {"content_type": "text", "title": "B"}
    first = from_wire(_editor("quick_replies", {"text": "Hi", "quick_replies": [image, plain]}))
    moved = [{**plain, "title": "A"}, {**image, "title": "B"}]
    second = from_wire(_editor("quick_replies", {"text": "Hi", "quick_replies": moved}))
    assert normalize_fields("meta", "adcreative", {"page_welcome_message": first}) != normalize_fields(
        "meta", "adcreative", {"page_welcome_message": second}
    )


@pytest.mark.parametrize("value", [QUESTIONS, AUTOFILL, QUICK_REPLIES, RESPONSES, {"text": "Hi"}])
def test_round_trip(value: dict[str, object]) -> None:
    assert from_wire(to_wire(value)) == value


def test_meta_reordering_keys_and_adding_editor_state_is_the_same_message() -> None:
    echoed = {
        "text_format": {
            "message": {"ice_breakers": [{"title": "Do you ship?"}, {"title": "What sizes?"}],
                        "text": "Hi! How can we help?"},
            "customer_action_type": "ice_breakers",
        },
        "media_type": "text",
        "version": "2",
        "user_edit": False,
        "surface": "visual_editor_new",
        "video_format": {"message": {"text": "Hi! How can we help?"}},
        "landing_screen_type": "welcome_message",
        "type": "VISUAL_EDITOR",
    }  # fmt: skip
    assert from_wire(json.dumps(echoed)) == QUESTIONS
    assert from_wire(echoed) == QUESTIONS


def test_the_messenger_send_api_shape_reads_as_the_same_message() -> None:
    """The JSON API clients give a click-to-Messenger ad (a Send API message: text and quick replies), which
    Ads Manager's code also reads: the same greeting and quick replies as the visual editor's."""
    replies = [
        {"content_type": "text", "title": "Yes", "payload": "QUOTE"},
        {"content_type": "text", "title": "No"},
    ]
    legacy = {"message": {"text": "Hi", "quick_replies": replies}}
    assert from_wire(json.dumps(legacy)) == PAYLOADS
    assert from_wire({"message": {"text": "Hello there"}}) == {"text": "Hello there"}
    # What the visual editor cannot hold beside it (an attachment) keeps the rest of the message as it is.
    attached = {"message": {"text": "Hi", "attachment": {"type": "image"}}}
    value = from_wire(attached)
    assert value == {"text": "Hi", "message": {"attachment": {"type": "image"}}}
    assert unexpressed_settings(value) == [("message", {"attachment": {"type": "image"}})]
    assert from_wire(to_wire(value)) == value


@pytest.mark.parametrize(
    ("wire", "setting"),
    [
        (
            {
                "message": {
                    "text": "Hi",
                    "quick_replies": [{"title": "Y", "image_url": "https://x.example/y.png"}],
                }
            },
            ("message", {"quick_replies": [{"title": "Y", "image_url": "https://x.example/y.png"}]}),
        ),
        ({"messaging_type": "RESPONSE", "message": {"text": "Hi"}}, ("messaging_type", "RESPONSE")),
    ],
    ids=["a-quick-reply-s-image", "a-messaging-type-beside-it"],
)
def test_a_send_api_message_the_editor_cannot_hold_keeps_its_greeting(
    wire: dict[str, object], setting: tuple[str, object]
) -> None:
    """A Send API message saying more than the visual editor holds is still its greeting, and what it says
    beside it is named (not a welcome message "without a greeting")."""
    value = from_wire(json.dumps(wire))
    assert value is not None and value["text"] == "Hi"
    assert unexpressed_settings(value) == [setting]
    assert from_wire(to_wire(value)) == value
    written, problems = welcome_message({"page_welcome_message": value}, "ad 'a'")
    assert written is None and len(problems) == 1 and f"page_welcome_message.{setting[0]} " in problems[0]


#: A greeting with a message to send and a button beside it (Meta's click-to-WhatsApp guide's examples).
BUTTONS = {
    "call": {"type": "call"},
    "website": {"type": "url", "url": "https://shop.example.com/"},
    "catalog": {"type": "catalog"},
}


@pytest.mark.parametrize("button", list(BUTTONS))
def test_a_button_beside_the_greeting_is_sent_and_read_as_meta_s_guide_shows_it(button: str) -> None:
    value = {"text": "Need help?", "autofill_message": "I need assistance", "button": BUTTONS[button]}
    assert json.loads(to_wire(value))["text_format"] == {
        "customer_action_type": "autofill_message",
        "message": {
            "text": "Need help?",
            "autofill_message": {"content": "I need assistance"},
            "automated_greeting_message_cta": BUTTONS[button],
        },
    }
    assert from_wire(to_wire(value)) == value
    assert unexpressed_settings(value) == []


@pytest.mark.parametrize(
    ("button", "echoed"),
    [
        ("call", {"type": "call", "url": None}),
        ("catalog", {"type": "catalog", "url": ""}),
        (
            {"website": "https://shop.example.com/"},
            {"type": "url", "url": "https://shop.example.com/", "x": None},
        ),
    ],
    ids=["call-with-a-null-url", "catalog-with-an-empty-url", "website-with-a-null-field"],
)
def test_a_button_echoed_with_an_empty_field_is_the_same_button(
    button: object, echoed: dict[str, object]
) -> None:
    spec = WelcomeMessage.model_validate({"text": "Hi", "autofill": "Quote", "button": button})
    message = {
        "text": "Hi",
        "autofill_message": {"content": "Quote"},
        "automated_greeting_message_cta": echoed,
    }
    value = from_wire(_editor("autofill_message", message))
    assert value == meta_welcome_message(spec)
    assert welcome_message({"page_welcome_message": value}, "ad 'a'") == (
        spec.model_dump(exclude_none=True),
        [],
    )


def test_a_whatsapp_flow_s_button_stays_a_setting_of_its_own() -> None:
    flow = {"type": "flow", "flow_data": {"call_to_action": "Apply now", "flow_id": "42"}}
    wire = {
        "landing_screen_type": "ctwa_flows",
        "text_format": {
            "customer_action_type": "whatsapp_flow",
            "message": {
                "text": "Hi",
                "automated_greeting_message_cta": flow,
                "autofill_message": {"content": "A"},
            },
        },
    }
    value = from_wire(wire)
    assert value is not None and "button" not in value
    assert unexpressed_settings(value) == [
        ("landing_screen_type", "ctwa_flows"),
        ("text_format.customer_action_type", "whatsapp_flow"),
        ("text_format.message.automated_greeting_message_cta", flow),
        ("text_format.message.autofill_message.content", "A"),
    ]


def test_plain_text_is_a_greeting_alone_and_none_is_none() -> None:
    assert from_wire("Hello there") == {"text": "Hello there"}
    assert from_wire(None) is None
    assert from_wire("") is None
    assert from_wire("null") is None
    assert from_wire("[1, 2]") == {"text": "[1, 2]"}


def test_settings_midas_never_writes_are_kept_under_their_wire_keys() -> None:
    wire = {
        "type": "VISUAL_EDITOR",
        "version": 2,
        "landing_screen_type": "ctwa_flows",
        "media_type": "text",
        "text_format": {
            "customer_action_type": "call_prompt",
            "message": {"text": "Hi", "call_prompt_data": {"call_prompt_message": "Call us"}},
        },
    }
    value = from_wire(json.dumps(wire))
    assert value is not None
    assert value["text"] == "Hi"
    assert unexpressed_settings(value) == [
        ("landing_screen_type", "ctwa_flows"),
        ("text_format.customer_action_type", "call_prompt"),
        ("text_format.message.call_prompt_data", {"call_prompt_message": "Call us"}),
    ]
    assert from_wire(to_wire(value)) == value


def test_an_ice_breaker_s_own_response_is_sent_beside_its_title_as_meta_documents_it() -> None:
    assert json.loads(to_wire(RESPONSES))["text_format"]["message"]["ice_breakers"] == [
        {"title": "A"},
        {"title": "B", "response": "Yes, {{user_first_name}}"},
    ]


def test_an_ice_breaker_s_own_response_reads_as_the_message_s_and_its_other_settings_are_named() -> None:
    breakers = [{"title": "A", "response": ""}, {"title": "B", "response": "Yes, {{user_first_name}}"}]
    wire = {
        "text_format": {
            "customer_action_type": "ice_breakers",
            "message": {"text": "Hi", "ice_breakers": breakers},
        }
    }
    value = from_wire(wire)
    assert value == RESPONSES
    assert unexpressed_settings(value) == []
    breakers[0]["payload"] = "P"
    value = from_wire(wire)
    assert value is not None and value["ice_breaker_responses"] == RESPONSES["ice_breaker_responses"]
    assert unexpressed_settings(value) == [("text_format.message.ice_breakers[0].payload", "P")]
    assert from_wire(to_wire(value)) == value


@pytest.mark.parametrize("block", ["link_data", "video_data"])
def test_a_creative_sends_it_in_its_story_and_reads_it_back(block: str) -> None:
    fields = {
        "link_url": "https://api.whatsapp.com/send",
        "call_to_action_type": "WHATSAPP_MESSAGE",
        "app_destination": "WHATSAPP",
        "page_welcome_message": QUESTIONS,
        **({"video_id": "v1"} if block == "video_data" else {}),
    }
    story = story_spec(fields)
    assert isinstance(story[block]["page_welcome_message"], str)
    node = {"name": "c", "object_story_spec": story}
    assert normalise("adcreative", node)["page_welcome_message"] == QUESTIONS
    assert unexpressed_creative(node) is None


@pytest.mark.parametrize("value", [QUESTIONS, AUTOFILL, QUICK_REPLIES, RESPONSES, PAYLOADS, {"text": "Hi"}])
def test_what_midas_writes_has_no_other_settings(value: dict[str, object]) -> None:
    assert unexpressed_settings(value) == []


# --- import: a live welcome message as the spec writes it, or why it cannot -----------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (QUESTIONS, {"text": "Hi! How can we help?", "questions": ["Do you ship?", "What sizes?"]}),
        (AUTOFILL, {"text": "Hello!", "autofill": "I'd like a quote"}),
        (QUICK_REPLIES, {"text": "Hi! Want a quote?", "quick_replies": ["Yes", "Not now"]}),
        (
            RESPONSES,
            {"text": "Hi", "questions": ["A", {"question": "B", "response": "Yes, {{user_first_name}}"}]},
        ),
        (PAYLOADS, {"text": "Hi", "quick_replies": [{"reply": "Yes", "payload": "QUOTE"}, "No"]}),
        (
            {"text": "Hi", "autofill_message": "A", "button": BUTTONS["call"]},
            {"text": "Hi", "autofill": "A", "button": "call"},
        ),
        (
            {"text": "Hi", "autofill_message": "A", "button": BUTTONS["website"]},
            {"text": "Hi", "autofill": "A", "button": {"website": "https://shop.example.com/"}},
        ),
        ({"text": "Hi"}, {"text": "Hi"}),
        (None, None),
    ],
    ids=[
        "ice-breakers",
        "a-message-to-send",
        "quick-replies",
        "responses",
        "payloads",
        "a-call-button",
        "a-website-button",
        "a-greeting-alone",
        "none",
    ],
)
def test_a_welcome_message_imports_as_the_spec_writes_it(
    value: dict[str, object] | None, written: dict[str, object] | None
) -> None:
    assert welcome_message({"page_welcome_message": value}, "ad 'a'") == (written, [])


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        (
            {"text": "Hi", "text_format": {"message": {"automated_greeting_message_cta": {"type": "flow"}}}},
            'page_welcome_message.text_format.message.automated_greeting_message_cta {"type": "flow"}',
        ),
        (
            {"text": "Hi", "landing_screen_type": "ctwa_flows"},
            'page_welcome_message.landing_screen_type "ctwa_flows"',
        ),
        ({"ice_breakers": ["A"]}, "a welcome message without a greeting"),
        ({"text": "Hi", "ice_breakers": ["A", "B", "C", "D", "E"]}, "a welcome message of 5 ice breakers"),
        (
            {"text": "Hi", "quick_replies": [f"R{i}" for i in range(14)]},
            'a welcome message of 14 quick replies ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", '
            '"R9"…',
        ),
        (
            {"text": "Hi", "quick_replies": ["Yes", "Tell me more about sizes"]},
            'a welcome message of a quick reply "Tell me more about sizes" '
            "(text_format.message.quick_replies[1]) of 24 characters",
        ),
        (
            {"text": "Hi", "quick_replies": ["Yes", "Yes"]},
            'a welcome message of the quick reply "Yes" twice (text_format.message.quick_replies[1])',
        ),
        (
            {
                "text": "Hi",
                "quick_replies": ["A", "B"],
                "text_format": {"message": {"quick_replies": [None, {"image_url": "P"}]}},
            },
            'page_welcome_message.text_format.message.quick_replies[1].image_url "P"',
        ),
        (
            {"text": "Hi", "quick_replies": ["A"], "quick_reply_payloads": ["p" * 1001]},
            'a welcome message of a payload "ppp',
        ),
        # What the spec's own checks refuse (``spec.models``, ``spec._meta_messaging``), at its wire path.
        (
            {"text": "Hi", "quick_replies": ["Yes "]},
            "page_welcome_message.text_format.message.quick_replies[0].title, which the spec language cannot "
            "express (meta.welcome_message.quick_replies[0]: found 'Yes ', which has leading or trailing "
            "whitespace; expected it removed)",
        ),
        (
            {"text": "Hi", "quick_replies": ["Y"], "quick_reply_payloads": ["P\n"]},
            "text_format.message.quick_replies[0].payload, which the spec language cannot express "
            "(meta.welcome_message.quick_replies[0].payload: found 'P\\n', which has leading",
        ),
        (
            {"text": "Hi", "ice_breakers": ["Q?"], "ice_breaker_responses": ["Sure!\n"]},
            "text_format.message.ice_breakers[0].response, which",
        ),
        (
            {"text": "Hi", "autofill_message": "Q", "button": {"type": "url", "url": "www.example.com"}},
            "text_format.message.automated_greeting_message_cta.url, which the spec language cannot express "
            "(meta.welcome_message.button.website: found 'www.example.com'; expected an http:// or https://",
        ),
        (
            {"text": "Hi", "button": {"type": "call"}},
            "text_format.message.automated_greeting_message_cta, which the spec language cannot express "
            "(meta.welcome_message.button: found a button without a message to send",
        ),
        ({"text": "H" * 301}, "text_format.message.text, which"),
        ({"text": 7}, "text_format.message.text, which"),
        (
            {"text": "Hi", "autofill_message": "x" * 257},
            "text_format.message.autofill_message.content, which",
        ),
    ],
    ids=[
        "a-button-beside-the-greeting",
        "a-whatsapp-flow",
        "no-greeting",
        "five-ice-breakers",
        "fourteen-quick-replies",
        "a-long-quick-reply",
        "a-quick-reply-twice",
        "a-quick-reply-s-image",
        "a-long-payload",
        "a-quick-reply-with-whitespace-around",
        "a-payload-with-whitespace-around",
        "a-response-with-whitespace-around",
        "a-website-that-is-no-url",
        "a-button-without-a-message-to-send",
        "a-long-greeting",
        "a-greeting-that-is-no-text",
        "a-long-message-to-send",
    ],
)
def test_a_welcome_message_the_spec_cannot_say_is_refused_by_name(
    value: dict[str, object], refusal: str
) -> None:
    written, problems = welcome_message({"page_welcome_message": value}, "ad 'a'")
    assert written is None and len(problems) == 1 and problems[0].startswith("ad 'a' has "), problems
    assert refusal in problems[0] and "which the spec language cannot express" in problems[0], problems


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("quick_replies", {"quick_replies": [{"content_type": "text", "title": "Yes "}]}),
        ("quick_replies", {"quick_replies": [{"content_type": "text", "title": "Y", "payload": "P\n"}]}),
        ("ice_breakers", {"ice_breakers": [{"title": "Q?", "response": "Sure!\n"}]}),
        (
            "autofill_message",
            {
                "autofill_message": {"content": "Q"},
                "automated_greeting_message_cta": {"type": "url", "url": "www.example.com"},
            },
        ),
        (
            "autofill_message",
            {"autofill_message": {"content": ""}, "automated_greeting_message_cta": {"type": "call"}},
        ),
    ],
    ids=["a-title", "a-payload", "a-response", "a-website", "a-button-without-a-message"],
)
def test_import_writes_no_welcome_message_the_spec_would_not_load(
    action: str, message: dict[str, object]
) -> None:
    value = from_wire(_editor(action, {"text": "Hi", **message}))
    written, problems = welcome_message({"page_welcome_message": value}, "ad 'a'")
    assert (
        written is None and len(problems) == 1 and "page_welcome_message.text_format.message." in problems[0]
    )


def test_a_welcome_message_in_an_ad_set_opening_no_conversation_is_refused() -> None:
    _, problems = messaging_creative({"page_welcome_message": QUESTIONS}, None, "ad 'a'")
    assert problems == [
        "ad 'a' has a welcome message (page_welcome_message) in an ad set opening no conversation, which the "
        "spec language cannot express (meta.welcome_message greets the conversations of click-to-message ads)"
    ]
