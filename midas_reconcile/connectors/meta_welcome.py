"""A click-to-message creative's ``page_welcome_message``: the greeting a conversation opened by the ad starts
with, between the JSON text the Graph API takes and the normalised value MIDAS compares.

Platform notes (checked 2026-11 with the search tool; facebook-business 26.0.3):
- facebook-business AdCreativeLinkData, AdCreativeVideoData and AdCreativePhotoData type
  ``page_welcome_message`` as a ``string``; Meta's click-to-WhatsApp guide ("Populating the page welcome
  message") puts it in the story's link data, as JSON of its visual editor::

      {"type": "VISUAL_EDITOR", "version": 2, "landing_screen_type": "welcome_message", "media_type": "text",
       "text_format": {"customer_action_type": "ice_breakers" | "autofill_message" | "quick_replies",
                       "message": {"text": <greeting>,
                                   "ice_breakers": [{"title": <question>, "response": <its answer>?}, …]
                                   | "autofill_message": {"content": <the message people send>}
                                   | "quick_replies": [{"content_type": "text", "title": <reply>,
                                                       "payload": <the bot's cue>?}, …]}}}

  and reads it back as an object. Its click-to-Instagram guide gives an ice breaker an optional automated
  ``response`` (Meta's string interpolation, ``{{user_first_name}}`` …, works in it and in the greeting);
  taken to hold for Messenger and WhatsApp ads too, unconfirmed. Its click-to-WhatsApp guide puts a button
  beside a greeting with a message to send (``automated_greeting_message_cta``: ``{"type": "call"}``,
  ``{"type": "url", "url": …}`` or ``{"type": "catalog"}``): MIDAS makes those (whether Messenger ads take
  them is unconfirmed). Its other examples (WhatsApp Flows, ``landing_screen_type`` ``ctwa_flows`` with a
  ``flow`` button; a call prompt, ``ctwa_call_prompt``) are not made by MIDAS: they read as themselves, wire
  key by wire key, and import refuses them by name.
- Quick replies (Ads Manager's Messenger default) are not in Meta's ads guides. Their place is Ads
  Manager's: its public code's JSON paths put ``quick_replies`` under ``text_format.message``, beside the
  ``customer_action_type`` ``quick_replies``, and public clients copying its JSON write each one
  ``{"title": …, "content_type": "text", "response_type": null}``. A quick reply's shape is the Messenger
  Send API's (``content_type`` ``text``, ``title``, an optional ``payload`` — "String, Number", what the
  Page's webhook is handed when it is tapped — and ``image_url``). MIDAS sends ``content_type``, ``title``
  and a ``payload`` when the spec gives one, and reads a quick reply as its title and payload (a number as
  text): ``content_type`` ``text`` and empty values are none of its settings; an ``image_url`` or another
  ``content_type`` (``user_email`` …) is, and import refuses it by name. Unconfirmed: whether the Marketing
  API takes quick replies on a WhatsApp ad's welcome message (Ads Manager offers them for Messenger), and
  without a ``payload`` (the Send API's reference marks it required for a text quick reply).
- Ads Manager's editor writes its own state beside the message (``user_edit``, ``surface``,
  ``welcome_message_edited``, ``autofill_message_edited``) and the message in its other media formats
  (``image_format``, ``video_format``) while ``media_type`` is text, as public Ads Manager code shows:
  none of these change what people see, and they are not compared.
- A welcome message of plain text (not JSON) is read as a greeting alone, as Ads Manager's code reads one
  ("LEGACY_DATA"); whether Meta still returns such values is unconfirmed. One of the Messenger Send API's
  shape, ``{"message": {"text": …, "quick_replies": […]}}`` (API clients' click-to-Messenger ads; Ads
  Manager's code reads its quick replies there too), is read as the visual editor's greeting and quick
  replies it says (``_send_api_message``); MIDAS writes the visual editor's.
- Unconfirmed: whether Meta takes a greeting without ``customer_action_type`` (MIDAS sends none for a
  greeting alone), and whether it echoes the JSON with its keys reordered or defaults added (compared by
  meaning here, so either way is no drift).

The normalised value is a dict: ``text`` (the greeting), and ``ice_breakers`` (the questions, in order, and
``ice_breaker_responses``, each one's response or None, when any has one), ``autofill_message`` (the message
people send, and ``button``, the button beside it, as sent) or ``quick_replies`` (their titles, in order, and
``quick_reply_payloads`` likewise); any other setting found sits under its wire keys (``text_format: {message:
{quick_replies: [null, {image_url: …}]}}``, each item's by its place, null for none; ``landing_screen_type``
…), so that a plan or a drift shows it and import names it (``unexpressed_settings``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

#: The fixed frame of every welcome message MIDAS writes (Meta's examples).
_FRAME: Final = {
    "type": "VISUAL_EDITOR",
    "version": 2,
    "landing_screen_type": "welcome_message",
    "media_type": "text",
}
#: Keys of Ads Manager's editor state and of the message's other media formats: not compared.
_EDITOR_STATE: Final = frozenset(
    {
        "user_edit",
        "surface",
        "welcome_message_edited",
        "autofill_message_edited",
        "image_format",
        "video_format",
    }
)
ICE_BREAKERS: Final = "ice_breakers"
AUTOFILL: Final = "autofill_message"
QUICK_REPLIES: Final = "quick_replies"
#: Each ice breaker's own automated response, by the questions' order (None: none), when any has one.
RESPONSES: Final = "ice_breaker_responses"
#: Each quick reply's payload (what Meta hands the Page's webhook when it is tapped), likewise.
PAYLOADS: Final = "quick_reply_payloads"
#: A button beside a greeting with a message to send, as sent (``{"type": "call"}``, ``{"type": "url", "url":
#: …}``, ``{"type": "catalog"}``), and its wire key.
BUTTON: Final = "button"
_CTA: Final = "automated_greeting_message_cta"
#: The normalised value's own keys (the rest are settings under their wire keys).
OWN_KEYS: Final = ("text", ICE_BREAKERS, RESPONSES, AUTOFILL, BUTTON, QUICK_REPLIES, PAYLOADS)
#: Of each list of titles, the wire key of each item's own text beside its title, and the normalised key of
#: them all (by the titles' order).
_BESIDE: Final = {ICE_BREAKERS: ("response", RESPONSES), QUICK_REPLIES: ("payload", PAYLOADS)}
#: The lists of a welcome message whose items are read as their ``title`` (each of the message's
#: ``customer_action_type`` of that name), with what each item is sent with beside its title.
_TITLED: Final[dict[str, dict[str, Any]]] = {ICE_BREAKERS: {}, QUICK_REPLIES: {"content_type": "text"}}


def to_wire(value: Mapping[str, Any]) -> str:
    """The ``page_welcome_message`` JSON text of a normalised welcome message (settings MIDAS never writes,
    found under their wire keys, merged in as they are: a hand-built ad's in the tests)."""
    message: dict[str, Any] = {"text": value.get("text")} if value.get("text") else {}
    text_format: dict[str, Any] = {}
    titled = next((key for key in _TITLED if value.get(key)), None)
    if titled is not None:
        text_format["customer_action_type"] = titled
        message[titled] = [{**_TITLED[titled], "title": title} for title in value[titled]]
        wire_key, own = _BESIDE[titled]
        for item, beside in zip(message[titled], value.get(own) or [], strict=False):
            if beside:
                item[wire_key] = beside
    elif value.get(AUTOFILL):
        text_format["customer_action_type"] = AUTOFILL
        message[AUTOFILL] = {"content": value[AUTOFILL]}
    if value.get(BUTTON):
        message[_CTA] = dict(value[BUTTON])
    text_format["message"] = message
    wire: dict[str, Any] = {**_FRAME, "text_format": text_format}
    _merge(wire, {k: v for k, v in value.items() if k not in OWN_KEYS})
    return json.dumps(wire, ensure_ascii=False, separators=(",", ":"))


def _merge(into: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, item in extra.items():
        here = into.get(key)
        if isinstance(here, dict) and isinstance(item, Mapping):
            _merge(here, item)
        elif isinstance(here, list) and isinstance(item, list):
            for index, part in enumerate(item[: len(here)]):
                if isinstance(part, list) and part:  # an item that is no object, as found (``_titled``)
                    here[index] = part[0]
                elif isinstance(here[index], dict) and isinstance(part, Mapping):
                    _merge(here[index], part)
        else:
            into[key] = item


def from_wire(raw: Any) -> dict[str, Any] | None:
    """Inverse of ``to_wire``: the normalised welcome message of a ``page_welcome_message`` as read (JSON
    text or an object; plain text is a greeting alone); None for none."""
    if raw in (None, "", {}):
        return None
    if isinstance(raw, str):
        text = raw
        try:
            raw = json.loads(raw)
        except ValueError:
            return {"text": text}
        if raw is None:
            return None
        if not isinstance(raw, Mapping):  # JSON of no object (a number, a list): the text as written
            return {"text": text}
    if not isinstance(raw, Mapping):
        return {"text": str(raw)}
    if (message := _send_api_message(raw)) is not None:
        return message
    out = _frame_settings(raw, "text_format")
    text_format = raw.get("text_format")
    if isinstance(text_format, Mapping):
        _read_text_format(text_format, out)
    elif text_format is not None:
        out["text_format"] = text_format
    return out or None


def _frame_settings(raw: Mapping[str, Any], message: str) -> dict[str, Any]:
    """The settings of a welcome message beside its message (the key ``message``): its frame's other than
    ``_FRAME`` says, Ads Manager's editor state none."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _EDITOR_STATE or key == message:
            continue
        expected = _FRAME.get(key)
        if expected is None or str(value) != str(expected):
            out[key] = value
    return out


def _send_api_message(raw: Mapping[str, Any]) -> dict[str, Any] | None:
    """A welcome message of the Messenger Send API's shape (``{"message": {"text": …, "quick_replies":
    […]}}``, as API clients give click-to-Messenger ads and Ads Manager's code reads one) as the visual
    editor's message it says; None for any other shape. One saying more than a greeting with quick replies
    the visual editor's can hold (an attachment, a quick reply's image, a ``messaging_type`` beside it …) is
    its greeting with the rest as found, under its wire keys (``message`` without its text)."""
    message = raw.get("message")
    if "text_format" in raw or not isinstance(message, Mapping) or not isinstance(message.get("text"), str):
        return None
    if not message["text"]:
        return None
    if set(raw) == {"message"} and set(message) <= {"text", QUICK_REPLIES}:
        action = QUICK_REPLIES if message.get(QUICK_REPLIES) else None
        out: dict[str, Any] = {}
        _read_text_format({"customer_action_type": action, "message": message}, out)
        if "text_format" not in out:
            return out
    out = _frame_settings(raw, "message")
    out["text"] = message["text"]
    if rest := {key: value for key, value in message.items() if key != "text"}:
        out["message"] = rest
    return out


def _read_text_format(text_format: Mapping[str, Any], out: dict[str, Any]) -> None:
    action = text_format.get("customer_action_type")
    message = text_format.get("message")
    others: dict[str, Any] = {
        k: v for k, v in text_format.items() if k not in ("customer_action_type", "message")
    }
    if action not in (None, "", AUTOFILL, *_TITLED):
        others["customer_action_type"] = action
    extra: dict[str, Any] = {}
    if isinstance(message, Mapping):
        if message.get("text") not in (None, ""):
            out["text"] = message["text"]
        for key, value in message.items():
            if key == "text":
                continue
            if key in _TITLED and action == key and isinstance(value, list):
                titles, besides, settings = _titled(value, _TITLED[key], _BESIDE[key][0])
                out[key] = titles
                if any(besides):
                    out[_BESIDE[key][1]] = besides
                if any(s is not None for s in settings):
                    extra[key] = settings
            elif key == _CTA and action == AUTOFILL and (button := _button(value)) is not None:
                out[BUTTON] = button
            elif key == AUTOFILL and action == AUTOFILL and isinstance(value, Mapping):
                if value.get("content") not in (None, ""):
                    out[AUTOFILL] = value["content"]
                if rest := {k: v for k, v in value.items() if k != "content"}:
                    extra[key] = rest
            elif value not in (None, "", [], {}):
                extra[key] = value
    elif message not in (None, ""):
        others["message"] = message
    if extra:
        others["message"] = extra
    if others:
        out["text_format"] = others


def _button(value: Any) -> dict[str, Any] | None:
    """``value`` as a button of Meta's click-to-WhatsApp guide beside a message to send: a call, a website
    (its ``url``) or the catalog, its empty fields (``"url": null`` beside a call) none of its settings; None
    for anything else (a WhatsApp Flow's, with its ``flow_data``: a setting)."""
    if not isinstance(value, Mapping):
        return None
    button = {k: v for k, v in value.items() if v not in (None, "")}
    if button.get("type") in ("call", "catalog") and set(button) == {"type"}:
        return button
    if button.get("type") == "url" and set(button) == {"type", "url"}:
        return button
    return None


def _text(found: Any, item: dict[str, Any], key: str) -> str | None:
    """An ice breaker's response or a quick reply's payload as text (a payload may be a number: the Send API
    types it "String, Number"); anything else is put back among the item's settings (None)."""
    if isinstance(found, str):
        return found or None
    if isinstance(found, int | float) and not isinstance(found, bool):
        return str(found)
    if found is not None:
        item[key] = found
    return None


def _titled(
    items: list[Any], defaults: Mapping[str, Any], beside: str
) -> tuple[list[str], list[str | None], list[Any]]:
    """The titles of a welcome message's ice breakers (its questions) or quick replies, each one's own text
    ``beside`` its title (an ice breaker's automated ``response``, a quick reply's ``payload``; None: none),
    and each one's other settings (a quick reply's image, its asking for an email address …; None: none):
    what it is sent with (``defaults``: a quick reply's ``content_type`` ``text``) and empty values (Ads
    Manager's ``response_type: null``) are none. An item that is no object is its title when it is text;
    otherwise (a null, a number) it has none, and is kept as found, in a list of itself (``[null]``), and so
    is a title that is no text, among the item's settings: neither is read as text Meta was never given."""
    titles: list[str] = []
    besides: list[str | None] = []
    settings: list[Any] = []
    for item in items:
        own: Any = None
        if isinstance(item, str):
            titles.append(item)
            besides.append(None)
        elif isinstance(item, Mapping):
            title = item.get("title")
            titles.append(title if isinstance(title, str) else "")
            found = {
                k: v
                for k, v in item.items()
                if (k != "title" or not isinstance(v, str))
                and v not in (None, "")
                and (k not in defaults or v != defaults[k])
            }
            besides.append(_text(found.pop(beside, None), found, beside))
            own = found or None
        else:
            titles.append("")
            besides.append(None)
            own = [item]
        settings.append(own)
    return titles, besides, settings


#: The objects of a welcome message whose keys are its settings (a setting's own object is named whole), and
#: each of its ice breakers (``text_format.message.ice_breakers[0]`` …).
_FRAMES: Final = frozenset({"text_format", "text_format.message", f"text_format.message.{AUTOFILL}"})
_LISTS: Final = frozenset(f"text_format.message.{key}" for key in _TITLED)
_ITEM: Final = re.compile(rf"text_format\.message\.(?:{ICE_BREAKERS}|{QUICK_REPLIES})\[[0-9]+\]")


def unexpressed_settings(value: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The settings of a normalised welcome message other than its greeting, questions and message to send,
    as (wire path, value) pairs (``text_format.message.quick_replies``, ``landing_screen_type`` …): each key
    of the message's own objects (``_FRAMES``, ``_ITEM``), a setting's own object whole."""
    found: list[tuple[str, Any]] = []

    def walk(path: str, item: Any) -> None:
        if isinstance(item, Mapping) and item and (path in _FRAMES or _ITEM.fullmatch(path)):
            for key, inner in item.items():
                walk(f"{path}.{key}" if path else str(key), inner)
        elif path in _LISTS and isinstance(item, list):
            # Each question's or quick reply's own settings, by its place, or the item itself when it is no
            # object (``_titled``).
            for index, inner in enumerate(item):
                if isinstance(inner, list) and inner:
                    found.append((f"{path}[{index}]", inner[0]))
                elif inner:  # None (or {}, as earlier readings kept it): no settings
                    walk(f"{path}[{index}]", inner)
        else:
            found.append((path, item))

    for key, item in value.items():
        if key not in OWN_KEYS:
            walk(key, item)
    return found
