"""Import of Meta click-to-message ad sets and ads: where their ads send people (``meta.destination``), the
WhatsApp number they open a chat with, the button of their creatives and the Instagram account an Instagram
Direct ad runs as (``spec._meta_messaging``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from midas_reconcile.connectors.meta_graph import MESSAGING_DESTINATION_TYPES
from midas_reconcile.connectors.meta_welcome import (
    AUTOFILL,
    BUTTON,
    ICE_BREAKERS,
    PAYLOADS,
    QUICK_REPLIES,
    RESPONSES,
    unexpressed_settings,
)
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec._errors import value_problems
from midas_reconcile.spec._meta_messaging import (
    WELCOME_PAYLOAD_MAX,
    WELCOME_QUESTION_MAX,
    WELCOME_QUESTIONS_MAX,
    WELCOME_QUICK_REPLIES_MAX,
    WELCOME_QUICK_REPLY_MAX,
    check_welcome_message,
    messaging_action,
    messaging_app,
    messaging_link,
    several_apps_buttons,
)
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    FORM_DESTINATION_TYPE,
    META_LEAD_FORM_GOAL,
    META_MESSAGING_GOAL,
    WelcomeMessage,
    destination_apps,
    destination_written,
)


def destination_of(adset: Resource) -> str | None:
    """The conversation ``adset``'s ads open (MESSENGER, WHATSAPP, INSTAGRAM_DIRECT, or several apps'
    ``MESSAGING_*``), None when they link to
    a website or an app's store page (read as no ``destination_type``: ``meta_graph.normalise``)."""
    destination = adset.fields.get("destination_type")
    return str(destination) if destination in MESSAGING_DESTINATION_TYPES else None


def sends_to(adset: Resource) -> str | None:
    """Where ``adset``'s ads send people other than a website or an app's store page: the conversation
    (``destination_of``), or an instant form (ON_AD: ``spec._meta_lead_forms``); None for a website's."""
    if adset.fields.get("destination_type") == FORM_DESTINATION_TYPE:
        return FORM_DESTINATION_TYPE
    return destination_of(adset)


def _destination_written(destination: str) -> str | list[str]:
    """The ``meta.destination`` a spec writes for ``destination`` (``sends_to``'s)."""
    return "form" if destination == FORM_DESTINATION_TYPE else destination_written(destination)


@dataclass
class Destinations:
    """The campaign's ``meta.destination`` / ``meta.whatsapp_number`` (``options``) and each ad set's own
    where they differ (``own``, by address), with what the spec language cannot say of them (``problems``)."""

    options: dict[str, str | list[str]] = field(default_factory=dict)
    own: dict[Address, dict[str, str | list[str]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: The default optimisation goal of the campaign's ad sets as the written spec says it: conversations
    #: when the campaign's ads open a conversation (``spec.models.adset_goal``), else None (the objective's).
    default_goal: str | None = None


def destinations(label: str, adsets: Sequence[Resource], page_id: str | None) -> Destinations:
    """Where ``adsets`` send people as the spec says it: the most common destination is the campaign's (a
    website's is none written), the others each ad set's own (``website`` under a campaign opening a
    conversation); likewise the WhatsApp ad sets' most common number, where every WhatsApp ad set names one
    or none does (an ad set without one under a campaign's cannot say so). A Page other than the account's
    (``page_id``), or none, is refused."""
    out = Destinations()
    of = {a.address: sends_to(a) for a in adsets}
    campaign = Counter(of.values()).most_common(1)[0][0] if adsets else None
    if campaign is not None:
        out.options["destination"] = _destination_written(campaign)
        out.default_goal = META_LEAD_FORM_GOAL if campaign == FORM_DESTINATION_TYPE else META_MESSAGING_GOAL
    numbers = {
        a.address: (a.fields.get("promoted_object") or {}).get("whatsapp_phone_number")
        for a in adsets
        if (opens := of[a.address]) is not None and "WHATSAPP" in destination_apps(opens)
    }
    number = Counter(numbers.values()).most_common(1)[0][0] if numbers else None
    if number is not None:
        out.options["whatsapp_number"] = str(number)
    for adset in adsets:
        glabel = f"ad set {adset.fields.get('name')!r} of {label}"
        own: dict[str, str | list[str]] = {}
        destination = of[adset.address]
        if destination != campaign:
            own["destination"] = _destination_written(destination) if destination else "website"
        if adset.address in numbers and numbers[adset.address] != number:
            if numbers[adset.address] is None:
                out.problems.append(
                    f"{glabel} opens WhatsApp without naming a number "
                    f"(promoted_object.whatsapp_phone_number) beside ad sets naming {number}, which the spec "
                    "language cannot express (an ad group without a whatsapp_number of its own takes the "
                    "campaign's)"
                )
            else:
                own["whatsapp_number"] = str(numbers[adset.address])
        if own:
            out.own[adset.address] = own
        if destination is None:
            continue
        page = (adset.fields.get("promoted_object") or {}).get("page_id")
        if not page or (page_id and str(page) != str(page_id)):
            opens = "an instant form (ON_AD)" if destination == FORM_DESTINATION_TYPE else destination
            out.problems.append(
                f"{glabel} opens {opens} with Page {page or 'none'} (promoted_object.page_id), which "
                "the spec language cannot express: MIDAS's click-to-message and instant-form ad sets name "
                f"the account's page_id in midas.yaml ({page_id or 'none set'})"
            )
    return out


def messaging_creative(
    fields: Mapping[str, Any], destination: str | None, label: str
) -> tuple[dict[str, Any], list[str]]:
    """What a creative's button says of the conversation it opens (``app_destination``), in an ad set opening
    ``destination`` (None: none): the spec fields to write over the creative's (its link, Meta's link for the
    conversation, is no ``final_url``; its button, the conversation's, no ``call_to_action``: both are the
    defaults there), and why the spec language cannot say it (an app not the ad set's, another button, or a
    welcome message or an asset feed's buttons to messaging apps in an ad set opening no conversation)."""
    opens = fields.get("app_destination")
    if destination is None:
        refused = []
        if opens is not None:
            refused.append(
                f"{label} has a call to action opening {opens} (call_to_action.value.app_destination) in "
                "an ad set opening no conversation, which the spec language cannot express (meta.destination "
                "opens one for a whole ad set)"
            )
        if fields.get("asset_feed_spec"):
            refused.append(
                f"{label} has asset_feed_spec.call_to_actions {_buttons_said(fields['asset_feed_spec'])} "
                "in an ad set opening no conversation, which the spec language cannot express (buttons to "
                "messaging apps in an asset feed are those of an ad set whose meta.destination lists several "
                "apps)"
            )
        if fields.get("page_welcome_message"):
            refused.append(
                f"{label} has a welcome message (page_welcome_message) in an ad set opening no conversation, "
                "which the spec language cannot express (meta.welcome_message greets the conversations of "
                "click-to-message ads)"
            )
        return {}, refused
    expected, app = messaging_action(destination).value.upper(), messaging_app(destination)
    if opens != app or fields.get("call_to_action_type") != expected:
        return {}, [
            f"{label} has a call to action {fields.get('call_to_action_type')} opening {opens} in an ad set "
            f"whose destination_type is {destination}, which the spec language cannot express (its ads show "
            f"{expected} opening {app})"
        ]
    buttons = several_apps_buttons(destination)
    if fields.get("asset_feed_spec") != buttons:
        said = (
            ", ".join(f"{b['type']} to {b['value']['app_destination']}" for b in buttons["call_to_actions"])
            if buttons
            else "none"
        )
        return {}, [
            f"{label} has asset_feed_spec.call_to_actions {_buttons_said(fields.get('asset_feed_spec'))} in "
            f"an ad set whose destination_type is {destination}, which the spec language cannot express (its "
            f"ads name {said})"
        ]
    written: dict[str, Any] = {"call_to_action": None}
    if fields.get("link_url") == messaging_link(destination):
        written["final_url"] = None
    return written, []


def _buttons_said(feed: Any) -> str:
    """The buttons of a creative's asset feed as read (``meta_graph.normalise``), said for people."""
    actions = feed.get("call_to_actions") if isinstance(feed, Mapping) else None
    if not actions:
        return "none"
    return ", ".join(f"{a['type']} to {a['value']['app_destination']}" for a in actions)


def instagram_account(
    fields: Mapping[str, Any], instagram: str | None, label: str, account: str
) -> str | None:
    """Why the spec language cannot say the Instagram account a creative opening Instagram Direct runs as
    (None: it can): MIDAS's run as the account's (``instagram``: its ``instagram_user_id`` in midas.yaml)."""
    runs_as = fields.get("instagram_user_id")
    if runs_as is None:
        return (
            f"{label} opens Instagram Direct without an Instagram account "
            "(object_story_spec.instagram_user_id), which the spec language cannot express (MIDAS's run as "
            f"account {account}'s instagram_user_id)"
        )
    if instagram is None:
        return (
            f"{label} runs as Instagram account {runs_as}, and account {account} names none in midas.yaml: "
            f'set its instagram_user_id: "{runs_as}" there (the Instagram account people message), then '
            "import"
        )
    if str(runs_as) != str(instagram):
        return (
            f"{label} runs as Instagram account {runs_as}, not the one MIDAS runs account {account}'s "
            f"Instagram Direct ads as (its instagram_user_id in midas.yaml, {instagram})"
        )
    return None


def instagram_identity(
    fields: Mapping[str, Any], direct: bool, instagram: str | None, label: str, account: str
) -> tuple[dict[str, Any], str | None]:
    """The ``meta`` keys saying the Instagram account a creative runs as (``spec._meta_instagram_identity``:
    ``instagram_identity: true`` for the account's, ``instagram``), and why the spec language cannot say it
    (None: it can): another account's, or an account none is named for in midas.yaml. An Instagram Direct
    ad's (``direct``) is the account's always (``instagram_account``): no key."""
    runs_as = fields.get("instagram_user_id")
    if runs_as is None or direct:
        return {}, None
    if instagram is None:
        return {}, (
            f"{label} runs as Instagram account {runs_as}, and account {account} names none in midas.yaml: "
            f'set its instagram_user_id: "{runs_as}" there (the Instagram account its ads run as), then '
            "import"
        )
    if str(runs_as) != str(instagram):
        return {}, (
            f"{label} runs as Instagram account {runs_as}, not the one MIDAS runs account {account}'s ads as "
            f"(its instagram_user_id in midas.yaml, {instagram}; meta.instagram_identity)"
        )
    return {"instagram_identity": True}, None


def welcome_message(fields: Mapping[str, Any], label: str) -> tuple[dict[str, Any] | None, list[str]]:
    """A creative's ``page_welcome_message`` (normalised: ``connectors.meta_welcome``) as its
    ``meta.welcome_message`` (None: none), and why the spec language cannot say it: each setting other than
    the greeting, its ice breakers' questions and responses, the message to send and a button beside it, and
    its quick replies' titles and payloads, named with its value (a WhatsApp Flow, an ice breaker's payload,
    a quick reply's image …), a welcome message without a greeting, questions, quick replies or payloads
    beyond the spec's limits, or anything else the spec's own checks refuse (``_spec_problems``)."""
    value = fields.get("page_welcome_message")
    if not value:
        return None, []
    problems = [
        f"{label} has a welcome message setting page_welcome_message.{path} {_shown(setting)}, which the "
        "spec language cannot express (meta.welcome_message is a greeting with ice-breaker questions and "
        "their responses, a message to send and a button beside it, or quick replies and their payloads)"
        for path, setting in unexpressed_settings(value)
    ]
    if not value.get("text"):
        problems.append(
            f"{label} has a welcome message without a greeting (page_welcome_message "
            "text_format.message.text), which the spec language cannot express (meta.welcome_message.text is "
            "required)"
        )
    for key, most, length, what in _TITLED_LISTS:
        problems += _titled_problems(label, key, value.get(key) or [], most, length, what)
    for index, payload in enumerate(value.get(PAYLOADS) or []):
        if payload and len(payload) > WELCOME_PAYLOAD_MAX:
            problems.append(
                f"{label} has a welcome message of a payload {_shown(payload)} "
                f"(text_format.message.quick_replies[{index}].payload) of {len(payload)} characters, which "
                f"the spec language cannot express (at most {WELCOME_PAYLOAD_MAX})"
            )
    if problems:
        return None, problems
    out = _written(value)
    return (None, problems) if (problems := _spec_problems(label, out)) else (out, [])


def _written(value: Mapping[str, Any]) -> dict[str, Any]:
    """A normalised welcome message as its ``meta.welcome_message`` writes it."""
    out: dict[str, Any] = {"text": value["text"]}
    if value.get(ICE_BREAKERS):
        out["questions"] = _with_beside(value[ICE_BREAKERS], value.get(RESPONSES), "question", "response")
    if value.get(AUTOFILL):
        out["autofill"] = value[AUTOFILL]
    if button := value.get(BUTTON):
        out["button"] = {"website": button["url"]} if button["type"] == "url" else button["type"]
    if value.get(QUICK_REPLIES):
        out["quick_replies"] = _with_beside(value[QUICK_REPLIES], value.get(PAYLOADS), "reply", "payload")
    return out


def _spec_problems(label: str, written: dict[str, Any]) -> list[str]:
    """What the spec's own checks refuse of the ``meta.welcome_message`` import would write (the model's
    types, ``spec.models``: text without surrounding whitespace, a website's http(s) URL …; and
    ``spec._meta_messaging.check_welcome_message``: its limits, a button only beside a message to send),
    each named at its wire path: never a spec that would not load."""
    found: list[tuple[PathKey, str]] = []
    try:
        welcome = WelcomeMessage.model_validate(written)
    except ValidationError as error:
        found = value_problems(error, written, WelcomeMessage)
    else:
        check_welcome_message(lambda path, message: found.append((path, message)), (), welcome)
    return [
        f"{label} has a welcome message setting page_welcome_message.{_wire_path(path)}, which the spec "
        f"language cannot express (meta.welcome_message{_spec_path(path)}: {message})"
        for path, message in found
    ]


#: Where each key of ``meta.welcome_message`` is sent, under ``text_format.message``, and each key of one of
#: its questions or quick replies.
_WIRE_KEYS: Final = {
    "text": "text",
    "autofill": f"{AUTOFILL}.content",
    "button": "automated_greeting_message_cta",
    "questions": ICE_BREAKERS,
    "quick_replies": QUICK_REPLIES,
}
_WIRE_ITEM_KEYS: Final = {"question": "title", "reply": "title", "response": "response", "payload": "payload"}


def _wire_path(path: PathKey) -> str:
    """The wire path of a ``meta.welcome_message`` path (``quick_replies[0].payload`` …)."""
    if not path:
        return "text_format.message"
    key, *rest = path
    wire = f"text_format.message.{_WIRE_KEYS.get(str(key), key)}"
    if key == "button":
        return f"{wire}.url" if rest else wire
    if rest:
        wire += f"[{rest[0]}].{_WIRE_ITEM_KEYS.get(str(rest[1]), rest[1]) if len(rest) > 1 else 'title'}"
    return wire


def _spec_path(path: PathKey) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def _with_beside(titles: list[str], besides: list[str | None] | None, key: str, beside: str) -> list[Any]:
    """Questions or quick replies as the spec writes them: each its text, or ``{key: text, beside: …}`` when
    it has its own response or payload."""
    found = [*(besides or []), *[None] * len(titles)]
    return [{key: title, beside: own} if own else title for title, own in zip(titles, found, strict=False)]


#: A welcome message's lists of titles (normalised key), as many as the spec takes of each, the length of
#: each, and what one is called.
_TITLED_LISTS: Final = (
    (ICE_BREAKERS, WELCOME_QUESTIONS_MAX, WELCOME_QUESTION_MAX, "question"),
    (QUICK_REPLIES, WELCOME_QUICK_REPLIES_MAX, WELCOME_QUICK_REPLY_MAX, "quick reply"),
)


def _titled_problems(label: str, key: str, titles: list[str], most: int, length: int, what: str) -> list[str]:
    """Why the spec cannot say a live welcome message's ice breakers or quick replies (``key``): more than
    ``most`` or one without a title, one over ``length`` characters, or one twice (the spec's checks:
    ``spec._meta_messaging``)."""
    kind = key.replace("_", " ")
    if len(titles) > most or not all(titles):
        return [
            f"{label} has a welcome message of {len(titles)} {kind} {_shown(titles)}, which the spec "
            f"language cannot express (1 to {most} {kind}, each with its title)"
        ]
    problems: list[str] = []
    for index, title in enumerate(titles):
        at = f"text_format.message.{key}[{index}]"
        if len(title) > length:
            problems.append(
                f"{label} has a welcome message of a {what} {_shown(title)} ({at}) of {len(title)} "
                f"characters, which the spec language cannot express (at most {length}: Meta's limit of a "
                f"{what})"
            )
        if title in titles[:index]:
            problems.append(
                f"{label} has a welcome message of the {what} {_shown(title)} twice ({at}), which the spec "
                f"language cannot express (each {what} once)"
            )
    return problems


_SHOWN_LENGTH = 60


def _shown(value: Any) -> str:
    """``value`` as a problem names it: its JSON text, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"


def lead_form_creative(fields: Mapping[str, Any], form: bool, label: str) -> tuple[str | None, list[str]]:
    """The instant form a creative's button opens (``lead_gen_form_id``), as its ``meta.lead_form_id``, in an
    ad set opening one (``form``), and why the spec language cannot say it: a form in an ad set opening
    none, or an ad of an instant-form ad set opening no form, or not a link or video ad."""
    opened = fields.get("lead_gen_form_id")
    if not form:
        if opened is None:
            return None, []
        return None, [
            f"{label} has a call to action opening instant form {opened} "
            "(call_to_action.value.lead_gen_form_id) in an ad set whose destination_type is not ON_AD, which "
            "the spec language cannot express (meta.destination: form opens forms for a whole ad set)"
        ]
    if fields.get("object_story_id") or fields.get("cards"):
        kind = "runs an existing Page post" if fields.get("object_story_id") else "is a carousel"
        return None, [
            f"{label} {kind} in an ad set opening an instant form (ON_AD), which the spec language cannot "
            "express (MIDAS's lead ads are link and video ads)"
        ]
    if opened is None:
        return None, [
            f"{label} opens no instant form (no call_to_action.value.lead_gen_form_id) in an ad set whose "
            "destination_type is ON_AD, which the spec language cannot express (each ad of such an ad set "
            "names its form: meta.lead_form_id)"
        ]
    return str(opened), []
