"""Meta click-to-message ads (``meta.destination: messenger | whatsapp | instagram``): what Meta requires of
them, and the spec check.

Platform notes (checked 2026-11 with the search tool; facebook-business 26.0.3):
- An ad set's ``destination_type`` says where its ads send people (adset.py ``DestinationType``: MESSENGER,
  WHATSAPP, INSTAGRAM_DIRECT and the multi-destination MESSAGING_MESSENGER_WHATSAPP,
  MESSAGING_INSTAGRAM_DIRECT_MESSENGER, MESSAGING_INSTAGRAM_DIRECT_WHATSAPP,
  MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP). Meta's Ad Set Destination Type page: "MESSENGER: All ads in
  the ad set must have ad creative with Messenger as a destination"; "Your chosen destination type must be
  consistent with your objective and optimization goal".
- Meta's guides "Ads that Click to Messenger / Instagram / Multidestination": campaign objective
  OUTCOME_ENGAGEMENT, OUTCOME_SALES or OUTCOME_TRAFFIC ("general CTM ads"; OUTCOME_LEADS is Messenger's lead
  ads, with a lead form MIDAS does not make); ad set ``billing_event`` IMPRESSIONS, ``optimization_goal``
  CONVERSATIONS (the Messenger guide also names IMPRESSIONS; an old Messenger guide, LINK_CLICKS), and
  ``promoted_object`` ``{"page_id": …}`` — the Page people message (adpromotedobject.py ``page_id``).
  A click-to-WhatsApp ad set may also name the number (``whatsapp_phone_number``, as public clients send it);
  Meta's multidestination guide only asks for a WhatsApp number "connected to your page".
- The creative: link data (or video data) whose ``call_to_action`` is ``MESSAGE_PAGE`` / ``WHATSAPP_MESSAGE``
  with ``value.app_destination`` ``MESSENGER`` / ``WHATSAPP`` (adcreativelinkdatacalltoactionvalue.py
  ``app_destination``), and Meta's examples link to ``https://fb.com/messenger_doc/`` and
  ``https://api.whatsapp.com/send``. A ``page_welcome_message`` is optional (Meta's default greeting is
  "Hello! Can I get more info on this?"): a creative's ``meta.welcome_message`` (``connectors.meta_welcome``
  has its wire shape: ice breakers, a pre-filled message or quick replies), checked here
  (``check_welcome_messages``).
- Instagram Direct (``meta.destination: instagram``, ad set ``destination_type`` INSTAGRAM_DIRECT; Meta's
  "Ads that Click to Instagram" guide: objective OUTCOME_ENGAGEMENT, OUTCOME_SALES or OUTCOME_TRAFFIC, and
  the Ad Set Destination Type page: "Used when advertisers want users to send an Instagram direct
  message"). Its creatives run as the account's Instagram account, ``object_story_spec.instagram_user_id``
  (adcreativeobjectstoryspec.py; the older ``instagram_actor_id`` is deprecated since v22.0 and read as
  it): midas.yaml's ``instagram_user_id`` beside the account's ``page_id``. Their button is INSTAGRAM_MESSAGE
  (facebook-business 26.0.3 has it only in adcreativeget.py's enum, not in adcreativelinkdatacalltoaction
  .py's) with ``app_destination`` INSTAGRAM_DIRECT. Unconfirmed (the guide's ad set and creative steps are
  not among the pages the search tool holds): that the goal, billing event and promoted object are those of
  Messenger's (CONVERSATIONS, IMPRESSIONS, ``{"page_id": …}``), the button's type and ``app_destination``,
  the link ``https://www.instagram.com/`` MIDAS sends when a creative names none, and whether Meta refuses
  an Instagram Direct ad set placed off Instagram: MIDAS asks only that its placements, when written,
  include Instagram.
- Several apps at once (``meta.destination: [messenger, whatsapp]``; ad set ``destination_type``
  MESSAGING_MESSENGER_WHATSAPP, MESSAGING_INSTAGRAM_DIRECT_MESSENGER, MESSAGING_INSTAGRAM_DIRECT_WHATSAPP or
  MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP: ``spec.models.MULTI_DESTINATION_TYPES``). Meta's "Ads that
  Click to Multidestination" guide (as the search tool holds it) confirms the objectives (OUTCOME_ENGAGEMENT,
  OUTCOME_SALES, OUTCOME_TRAFFIC), no special ad categories ("we don't support special ad categories for ads
  that click to multidestination": a spec error, and the sandbox refuses the ad set), "any combination of the
  destinations" and the ad set's CONVERSATIONS goal, the one such an ad set takes (``SEVERAL_APPS_GOALS``; the
  sandbox refuses others). The pages held give the guide's ad set step (its /adsets parameter table) only as
  far as its first rows (``bid_amount``, ``bid_strategy``) in the excerpts the search tool returns, and its
  creative step's parameters not at all. What MIDAS sends is therefore the most-documented shape, unconfirmed
  as a whole: the ad set's promoted object is the Page (and the WhatsApp number where WhatsApp is among the
  apps, as for WhatsApp alone); the creative is the link or video ad of a single app, its own button that of
  the first app in Meta's order (``messaging_action``; Instagram Direct's when it is among them, whose ad runs
  as the Instagram account), plus ``asset_feed_spec.call_to_actions`` (facebook-business AdAssetFeedSpec
  ``call_to_actions``, AdAssetFeedSpecCallToAction ``type`` / ``value``) with each app's button and
  ``value.app_destination``, in Meta's order (``several_apps_buttons``). Unconfirmed: that Meta reads the apps
  from those buttons (rather than from ``call_to_action_types`` alone, or from the ad set's type only), that
  it echoes them as sent (Meta's Ad Asset Feed Spec reference, in some versions, says ``call_to_actions`` is
  "Visible only to intern apps or Special Ad Categories asset feed spec": if Meta reads none back, each plan
  would replace such a creative), and whether it also asks for an ``asset_feed_spec.optimization_type``
  (MIDAS sends none; Meta's Asset Feed Spec guide, "Read Asset Feed", shows a feed read back with
  ``"optimization_type": "REGULAR"`` added, which MIDAS reads as nothing: ``FEED_DEFAULTS``; a button read
  back with a ``value.link`` beside its app is still that app's, compared by type and app). MIDAS
  sends no ``call_to_action_types``: Meta's "Asset Feed Spec Options" says it is "Required for all objectives,
  except OUTCOME_AWARENESS", but that page describes the feed of a dynamic creative, which it also requires
  ``link_urls`` and ``ad_formats`` of, and Meta builds the ad from; a multidestination ad's feed beside its
  story spec is none (unconfirmed either way).
- Unconfirmed: whether Meta takes OUTCOME_LEADS with CONVERSATIONS (public clients say so for WhatsApp; MIDAS
  refuses it), whether ``destination_type`` can change on a live ad set (MIDAS treats it as fixed, like the
  promoted object), and whether a link other than Meta's example links is kept (MIDAS sends a creative's own
  ``final_url`` when it has one).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any, Final

from midas_reconcile.spec._meta_feed import empty
from midas_reconcile.spec._meta_text_options import held_feed_keys
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    DESTINATION_TYPES,
    META_MESSAGING_GOAL,
    MULTI_DESTINATION_TYPES,
    AdGroup,
    CallToAction,
    CampaignSpec,
    Creative,
    IceBreaker,
    Objective,
    QuickReply,
    WelcomeMessage,
    adset_destination,
    adset_goal,
    adset_placements,
    destination_apps,
    destination_name,
    meta_ad_groups,
    meta_adset_groups,
)

#: Per conversation destination (ad set ``destination_type``): its call-to-action button, the
#: ``app_destination`` that button opens, and the link Meta's examples give the ad.
MESSAGING_DESTINATIONS: Final[dict[str, tuple[CallToAction, str]]] = {
    "MESSENGER": (CallToAction.MESSAGE_PAGE, "https://fb.com/messenger_doc/"),
    "WHATSAPP": (CallToAction.WHATSAPP_MESSAGE, "https://api.whatsapp.com/send"),
    # Unconfirmed: the button and link of a click-to-Instagram Direct ad (see the module docstring).
    "INSTAGRAM_DIRECT": (CallToAction.INSTAGRAM_MESSAGE, "https://www.instagram.com/"),
}
#: Every ``meta.destination`` opening a conversation, as messages name them.
CONVERSATIONS_SAID: Final = ", ".join(DESTINATION_TYPES)
#: The campaign objectives whose ad sets open a conversation (Meta's click-to-message guides).
MESSAGING_OBJECTIVES: Final = (Objective.TRAFFIC, Objective.ENGAGEMENT, Objective.SALES)
#: The optimisation goals of an ad set opening a conversation (see the module docstring).
MESSAGING_GOALS: Final = (META_MESSAGING_GOAL, "IMPRESSIONS", "LINK_CLICKS")
#: The optimisation goal of an ad set opening several apps at once: Meta's multidestination guide documents
#: CONVERSATIONS alone ("Must be set to CONVERSATIONS"); whether it takes one app's others is unconfirmed.
SEVERAL_APPS_GOALS: Final = (META_MESSAGING_GOAL,)
#: Its billing event: Meta bills such ads by impressions ("Must be set to IMPRESSIONS").
MESSAGING_BILLING_EVENT: Final = "IMPRESSIONS"
#: The creative types a click-to-message ad of MIDAS's is: a link (text or image) or video ad.
MESSAGING_CREATIVE_TYPES: Final = ("text", "image", "video")


def messaging_action(destination: str) -> CallToAction:
    """The call to action of an ad opening ``destination`` (MESSENGER, WHATSAPP, INSTAGRAM_DIRECT; of
    several apps' ``MESSAGING_*``, the first app's in Meta's order)."""
    return MESSAGING_DESTINATIONS[messaging_app(destination)][0]


def messaging_app(destination: str) -> str:
    """The app an ad opening ``destination`` names as its button's ``app_destination``: the one it opens,
    or of several apps' ``MESSAGING_*``, the first in Meta's order (``messaging_action``'s)."""
    return destination_apps(destination)[0]


def messaging_link(destination: str) -> str:
    """The link an ad opening ``destination`` carries when its creative names no ``final_url`` (of several
    apps, the first's)."""
    return MESSAGING_DESTINATIONS[messaging_app(destination)][1]


def several_apps_buttons(destination: str) -> dict[str, list[dict[str, Any]]] | None:
    """The creative ``asset_feed_spec`` of an ad opening several apps' ``destination`` (``MESSAGING_*``):
    each app's button with its ``app_destination``, in Meta's order; None for an ad opening one app (see the
    module docstring: the shape is unconfirmed)."""
    apps = destination_apps(destination)
    if len(apps) < 2:
        return None
    return {
        "call_to_actions": [
            {"type": MESSAGING_DESTINATIONS[app][0].value.upper(), "value": {"app_destination": app}}
            for app in apps
        ]
    }


def destination_call_to_action(
    creative: Creative, destination: str | None, default: CallToAction
) -> CallToAction:
    """``creative``'s call to action in an ad set opening ``destination`` (None: none): as written, else
    the conversation's button there and ``default`` elsewhere."""
    if "call_to_action" in creative.model_fields_set:
        return creative.call_to_action
    return messaging_action(destination) if destination is not None else default


def feed_mapping(value: Any) -> Mapping[str, Any]:
    """A creative's ``asset_feed_spec`` as read (JSON text taken too); empty when none or unreadable."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, Mapping) else {}


#: What Meta reads back in an asset feed on its own, which says nothing a feed MIDAS sends does not: its
#: Asset Feed Spec guide ("Read Asset Feed", developers.facebook.com/docs/marketing-api/ad-creative/
#: asset-feed-spec) shows a feed read back with ``"optimization_type": "REGULAR"`` it was not sent; public
#: scripts' reads show ``additional_data``, ``reasons_to_shop: false`` and ``shops_bundle: false`` too. Such a
#: default, and any key whose value is empty (None, false, "", [], {}, or a mapping of such only), is no
#: content of the feed (``_is_default``). Unconfirmed: which other defaults Meta adds.
FEED_DEFAULTS: Final[dict[str, Any]] = {"optimization_type": "REGULAR"}
#: The keys of a button's ``value`` besides its ``app_destination`` that Meta may echo on a messaging app's
#: button without it saying more than the app: ``link`` (believed: Meta gives a button the ad's link;
#: unconfirmed), and any empty one.
_ECHOED_BUTTON_KEYS: Final = frozenset({"link"})


def _is_default(key: str, value: Any) -> bool:
    """Whether an asset feed's ``key`` read as ``value`` is Meta's default or empty (``FEED_DEFAULTS``)."""
    return empty(value) or (key in FEED_DEFAULTS and value == FEED_DEFAULTS[key])


def _app_of(action: Any) -> str | None:
    """The messaging app ``action`` (a feed's button) opens when it says nothing more than its type and app
    (``value.app_destination``; a ``link`` or empty keys Meta may echo beside them tolerated), else None."""
    if not isinstance(action, Mapping) or not action.get("type"):
        return None
    target = action.get("value")
    if not isinstance(target, Mapping) or target.get("app_destination") not in MESSAGING_DESTINATIONS:
        return None
    extra_keys = {k: v for k, v in action.items() if k not in ("type", "value")}
    extra_values = {
        k: v for k, v in target.items() if k != "app_destination" and k not in _ECHOED_BUTTON_KEYS
    }
    if not empty(extra_keys) or not empty(extra_values):
        return None
    return str(target["app_destination"])


def _app_buttons(feed: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """Of an asset feed's ``call_to_actions``: each messaging app's button (app → type: the first naming
    the app, compared by its type and app alone, ``_app_of``), and every other entry by its path
    (``asset_feed_spec.call_to_actions[i]``): a button to no messaging app, a second button to one, or one
    saying more than its app."""
    actions = feed.get("call_to_actions")
    buttons: dict[str, str] = {}
    others: dict[str, Any] = {}
    for index, action in enumerate(actions if isinstance(actions, list) else []):
        app = _app_of(action)
        if app is not None and app not in buttons:
            buttons[app] = str(action["type"])
        else:
            others[f"asset_feed_spec.call_to_actions[{index}]"] = action
    if actions not in (None, "", [], {}) and not isinstance(actions, list):
        others["asset_feed_spec.call_to_actions"] = actions
    return buttons, others


def several_apps_feed(value: Any) -> dict[str, list[dict[str, Any]]] | None:
    """What a creative's ``asset_feed_spec`` (as read; JSON text taken too) says of the apps its ad opens:
    each messaging app's button (``_app_buttons``), as ``several_apps_buttons`` writes them (type and app,
    in Meta's order); None when it has none. All else the feed carries is ``unheld_feed``'s."""
    buttons, _ = _app_buttons(feed_mapping(value))
    if not buttons:
        return None
    return {
        "call_to_actions": [
            {"type": buttons[app], "value": {"app_destination": app}} for app in sorted(buttons)
        ]
    }


def unheld_feed(value: Any, *, capable: bool = True) -> dict[str, Any]:
    """What a creative's ``asset_feed_spec`` (as read; JSON text taken too) carries besides each messaging
    app's button once (``several_apps_feed``), by path: its other assets (``asset_feed_spec.bodies``,
    ``titles``, ``images`` … of a dynamic creative) and other buttons (``asset_feed_spec.call_to_actions[i]``:
    one to no messaging app, a second to one). MIDAS never sends them: import refuses them and drift tells
    them (``importing.messaging.unheld_feed_setting``). What Meta adds on its own, its defaults and empties
    (``FEED_DEFAULTS``: ``optimization_type`` REGULAR, as its Asset Feed Spec guide's "Read Asset Feed"
    shows a feed read back; false, empty or null values), is none of it; nor are the lists of texts of
    Meta's multiple text options, which MIDAS holds (``spec._meta_text_options.held_feed_keys``) of a link,
    image or video creative (``capable``; not of a carousel, a Page post's or a catalog template)."""
    feed = feed_mapping(value)
    held = held_feed_keys(feed, capable=capable)
    found = {
        f"asset_feed_spec.{key}": item
        for key, item in sorted(feed.items())
        if key != "call_to_actions" and key not in held and not _is_default(key, item)
    }
    return {**found, **_app_buttons(feed)[1]}


#: A welcome message's limits. Questions: Meta's Messenger Platform Ice Breakers reference says "A maximum of
#: 4 questions can be set" (of a Page's profile; taken to hold for an ad's, unconfirmed). The lengths are
#: unconfirmed: 300 characters of greeting and 80 of a question are believed from Ads Manager, and a public
#: ad specs page gives 256 for the message a click-to-WhatsApp ad pre-fills.
WELCOME_QUESTIONS_MAX: Final = 4
WELCOME_TEXT_MAX: Final = 300
WELCOME_QUESTION_MAX: Final = 80
WELCOME_AUTOFILL_MAX: Final = 256
#: Quick replies: Meta's Messenger Platform quick replies reference says "A maximum of 13 quick replies are
#: supported" and gives each ``title`` a "20 character limit" (its Instagram page: "up to 20 characters before
#: being truncated"); taken to hold for an ad's welcome message, unconfirmed.
WELCOME_QUICK_REPLIES_MAX: Final = 13
WELCOME_QUICK_REPLY_MAX: Final = 20
#: A quick reply's payload: 1000 characters, as public Messenger clients give it (unconfirmed here).
WELCOME_PAYLOAD_MAX: Final = 1000


def check_welcome_messages(add: Callable[[PathKey, str], None], spec: CampaignSpec) -> None:
    """Each creative's ``meta.welcome_message``: written only on a creative that runs on Meta in ad sets all
    of which open a conversation (elsewhere no conversation would start with it), within Meta's limits
    (``WELCOME_*``), with one of questions, a message to send and quick replies (Meta's examples carry one
    ``customer_action_type``), and no question or quick reply twice."""
    groups = meta_adset_groups(spec) if spec.platforms.meta is not None else []
    for index, creative in enumerate(spec.creatives):
        welcome = creative.meta.welcome_message
        if welcome is None:
            continue
        at: PathKey = ("spec", "creatives", index, "meta", "welcome_message")
        on_meta = creative.platforms is None or "meta" in creative.platforms
        running = (
            [g for _, g in groups if g.creatives is None or creative.name in g.creatives] if on_meta else []
        )
        if not running or any(adset_destination(spec, g) is None for g in running):
            add(
                at,
                "found a welcome message on a creative that runs outside click-to-message ads; expected it "
                "only on creatives whose Meta ad sets all open a conversation (meta.destination "
                f"{CONVERSATIONS_SAID})",
            )
        check_welcome_message(add, at, welcome)


def check_welcome_message(add: Callable[[PathKey, str], None], at: PathKey, welcome: WelcomeMessage) -> None:
    """``welcome``, written at ``at``, within Meta's limits (``WELCOME_*``), with one of questions, a message
    to send and quick replies, no question or quick reply twice, and a button only beside a message to send
    (what import also asks of a live one: ``importing.messaging``)."""
    limits: list[tuple[PathKey, str | None, int, str]] = [
        ((*at, "text"), welcome.text, WELCOME_TEXT_MAX, "greeting"),
        ((*at, "autofill"), welcome.autofill, WELCOME_AUTOFILL_MAX, "message to send"),
    ]
    lists: list[tuple[str, list[str] | None, int, int, str, str]] = [
        ("questions", welcome.question_texts(), WELCOME_QUESTIONS_MAX, WELCOME_QUESTION_MAX, "question",
         "Meta's ice breakers"),
        ("quick_replies", welcome.reply_texts(), WELCOME_QUICK_REPLIES_MAX, WELCOME_QUICK_REPLY_MAX,
         "quick reply", "Meta's quick replies"),
    ]  # fmt: skip
    limits += [
        ((*at, "quick_replies", i, "payload"), payload, WELCOME_PAYLOAD_MAX, "payload")
        for i, payload in enumerate(welcome.payloads())
    ]
    for key, items, count, length, what, whose in lists:
        # A question with its response, or a quick reply with its payload, is written as a mapping: its
        # text is its ``question`` or ``reply``.
        written = getattr(welcome, key) or []
        paths = [
            (*at, key, i, "question" if isinstance(w, IceBreaker) else "reply")
            if isinstance(w, IceBreaker | QuickReply)
            else (*at, key, i)
            for i, w in enumerate(written)
        ]
        limits += [(path, item, length, what) for path, item in zip(paths, items or [], strict=True)]
        if items is not None and not 1 <= len(items) <= count:
            found = f"found {len(items)} {key.replace('_', ' ')}"
            add((*at, key), f"{found}; expected 1 to {count} ({whose})")
        for i, item in enumerate(items or []):
            if item in (items or [])[:i]:
                add(paths[i], f"found {item!r} twice; expected each {what} once")
    for path, text, most, what in limits:
        if text is not None and len(text) > most:
            add(path, f"found a {what} of {len(text)} characters; expected at most {most}")
    _one_action(add, at, welcome)
    if welcome.button is not None and welcome.autofill is None:
        add(
            (*at, "button"),
            "found a button without a message to send; expected one beside autofill (Meta's examples put "
            "a call, website or catalog button beside a pre-filled message)",
        )


def _one_action(add: Callable[[PathKey, str], None], at: PathKey, welcome: WelcomeMessage) -> None:
    """A welcome message offers ice breakers, a pre-filled message or quick replies: one of them (Meta's
    ``customer_action_type``); the second written is blamed."""
    written = [
        (key, what)
        for key, what in (
            ("questions", "questions"),
            ("autofill", "a message to send"),
            ("quick_replies", "quick replies"),
        )
        if getattr(welcome, key) is not None
    ]
    for (_, first), (key, second) in pairwise(written):
        add(
            (*at, key),
            f"found both {first} and {second}; expected one of them (Meta's welcome message offers ice "
            "breakers, a pre-filled message or quick replies)",
        )


def check_meta_messaging(
    add: Callable[[PathKey, str], None],
    spec: CampaignSpec,
    page_id: str | None,
    account: str | None,
    instagram_user_id: str | None = None,
) -> None:
    """What an ad set opening a conversation cannot take, said where it is written: another objective,
    optimisation goal or billing event, a conversion of a pixel, a Page-less account (``page_id``: the
    account's, ``account`` its name; None: not known here), Instagram Direct without the account's Instagram
    account (``instagram_user_id``) or placed off Instagram, a WhatsApp number elsewhere, and creatives
    that are no link or video ad with the conversation's button; and creatives' welcome messages
    (``check_welcome_messages``)."""
    check_welcome_messages(add, spec)
    if spec.platforms.meta is None:
        return
    written: list[tuple[PathKey, str | Sequence[str] | None, str | None]] = [
        (("spec", "meta"), spec.meta.destination, spec.meta.whatsapp_number)
    ]
    written += [
        (("spec", "ad_groups", i, "meta"), g.meta.destination, g.meta.whatsapp_number)
        for i, g in meta_ad_groups(spec)
    ]
    whatsapp_any = False
    seen: set[tuple[PathKey, str]] = set()

    def once(path: PathKey, message: str) -> None:
        if (path, message) not in seen:
            seen.add((path, message))
            add(path, message)

    for path, chosen, _ in written:
        if isinstance(chosen, list):
            _several_apps(once, (*path, "destination"), chosen)
    for index, group in meta_adset_groups(spec):
        destination = adset_destination(spec, group)
        if destination is None:
            continue
        apps = destination_apps(destination)
        whatsapp_any = whatsapp_any or "WHATSAPP" in apps
        at: PathKey = ("spec", "ad_groups", index, "meta") if index is not None else ("spec", "meta")
        said: PathKey = (*at, "destination") if group.meta.destination else ("spec", "meta", "destination")
        if spec.objective not in MESSAGING_OBJECTIVES:
            once(
                said,
                f"found {destination_name(destination)} in a {spec.objective.value} campaign; expected a "
                "traffic, "
                "engagement or sales campaign (Meta's click-to-message ads), or no meta.destination",
            )
        if "INSTAGRAM_DIRECT" in apps and account is not None and not instagram_user_id:
            once(
                said,
                f"found {destination_name(destination)}, whose ads run as an Instagram account; expected "
                "'instagram_user_id' on "
                f"Meta account {account!r} in midas.yaml (the Instagram account people message)",
            )
        if "INSTAGRAM_DIRECT" in apps:
            _instagram_placements(once, spec, index, group, destination)
        if len(apps) > 1 and spec.meta.special_ad_categories:
            once(
                ("spec", "meta", "special_ad_categories"),
                f"found {', '.join(spec.meta.special_ad_categories)} for ad set {group.name!r}, whose ads "
                f"open {destination_name(destination)}; expected no special ad categories (Meta's "
                "multidestination guide: they are not supported for ads opening several apps)",
            )
        if account is not None and not page_id:
            once(
                said,
                f"found {destination_name(destination)}, which opens a conversation with a Facebook Page; "
                "expected "
                f"'page_id' on Meta account {account!r} in midas.yaml (the Page people message)",
            )
        opens = f"for ad set {group.name!r}, whose ads open {destination_name(destination)}"
        goal = adset_goal(spec, group)
        billing = group.meta.billing_event or spec.meta.billing_event
        goals = MESSAGING_GOALS if len(apps) == 1 else SEVERAL_APPS_GOALS
        refused = {
            "optimization_goal": None
            if goal in goals
            else f"found {goal} {opens}; expected {', '.join(goals)} (or none: {META_MESSAGING_GOAL})"
            + (
                "" if len(apps) == 1 else ": Meta's multidestination guide's goal of ads opening several apps"
            ),
            "billing_event": None
            if billing in (None, MESSAGING_BILLING_EVENT)
            else f"found {billing} {opens}; expected {MESSAGING_BILLING_EVENT} (Meta bills click-to-message "
            "ads by impressions)",
            # Written on the ad group alone: the campaign's may be its other ad sets' (``_meta_conversions``
            # says so where none counts it).
            "conversion": None
            if group.meta.conversion is None
            else f"found a conversion {opens}: its promoted object is the Page people message; expected none",
        }
        for option, message in refused.items():
            if message is not None:
                own = getattr(group.meta, option) is not None
                once((*at, option) if own else ("spec", "meta", option), message)
        _creatives(once, spec, group.name, group.creatives, destination)
    for path, chosen, number in written:
        if number is None:
            continue
        reaches = (
            whatsapp_any if path == ("spec", "meta") else _names_whatsapp(chosen or spec.meta.destination)
        )
        if not reaches:
            once(
                (*path, "whatsapp_number"),
                "found a WhatsApp number where no ad set opens WhatsApp; expected one only where an ad set "
                "does (destination: whatsapp, or a list of apps naming whatsapp)",
            )
    _message_buttons_elsewhere(once, spec)


def _names_whatsapp(written: str | Sequence[str] | None) -> bool:
    """Whether a written ``meta.destination`` opens WhatsApp, alone or among other apps."""
    return written == "whatsapp" or (isinstance(written, list) and "whatsapp" in written)


def _several_apps(add: Callable[[PathKey, str], None], at: PathKey, written: Sequence[str]) -> None:
    """A ``meta.destination`` list, written at ``at``, names two or three apps, each once: Meta has a
    destination type for every such combination (``MULTI_DESTINATION_TYPES``) and none for one app listed
    alone (written as its name) or none."""
    for i, app in enumerate(written):
        if app in written[:i]:
            add((*at, i), f"found {app} twice; expected each app once")
    apps = set(written)
    if not 2 <= len(apps) <= len(DESTINATION_TYPES):
        alone = f" (one app is written as its name: destination: {written[0]})" if apps else ""
        add(
            at,
            f"found {len(apps)} app{'s' if len(apps) != 1 else ''}; expected two or three apps of "
            f"{CONVERSATIONS_SAID}, which Meta opens at once{alone}",
        )
    elif tuple(sorted(DESTINATION_TYPES[a] for a in apps)) not in MULTI_DESTINATION_TYPES:
        add(at, f"found {', '.join(written)}; Meta has no destination type opening these apps at once")


def _instagram_placements(
    add: Callable[[PathKey, str], None],
    spec: CampaignSpec,
    index: int | None,
    group: AdGroup,
    destination: str,
) -> None:
    """An ad set opening Instagram Direct (``destination``: alone or among other apps) places its ads on
    Instagram, among other platforms or alone (automatic placements include it); whether Meta also refuses
    Facebook's positions is unconfirmed."""
    placements = adset_placements(spec, group)
    if not placements or "instagram" in placements:
        return
    at: PathKey = ("spec", "meta", "placements")
    if group.meta.placements is not None and index is not None:
        at = ("spec", "ad_groups", index, "meta", "placements")
    add(
        at,
        f"found {', '.join(placements)} for ad set {group.name!r}, whose ads open "
        f"{destination_name(destination)}; expected "
        "instagram among them (or automatic placements: []), where Instagram Direct ads run",
    )


def _creatives(
    add: Callable[[PathKey, str], None],
    spec: CampaignSpec,
    group: str,
    names: list[str] | None,
    destination: str,
) -> None:
    """Each Meta creative of ad set ``group`` (``names``; None: all) is a link or video ad showing the
    conversation's button."""
    expected = messaging_action(destination)
    for index, creative in enumerate(spec.creatives):
        if creative.platforms is not None and "meta" not in creative.platforms:
            continue
        if names is not None and creative.name not in names:
            continue
        if creative.type not in MESSAGING_CREATIVE_TYPES:
            add(
                ("spec", "creatives", index, "type"),
                f"found {creative.type} in ad set {group!r}, whose ads open {destination_name(destination)}; "
                "expected "
                f"{', '.join(MESSAGING_CREATIVE_TYPES)} (MIDAS makes click-to-message ads of link and video "
                "ads)",
            )
        action = destination_call_to_action(creative, destination, expected)
        if action is not expected:
            add(
                ("spec", "creatives", index, "call_to_action"),
                f"found {action.value} in ad set {group!r}, whose ads open {destination_name(destination)}; "
                "expected "
                f"{expected.value} (or none written: Meta's ads of that ad set must open it)",
            )


def _message_buttons_elsewhere(add: Callable[[PathKey, str], None], spec: CampaignSpec) -> None:
    """A conversation's button is written only on creatives every Meta ad set of which opens that
    conversation (elsewhere the ad would have a button without the conversation behind it)."""
    buttons = {messaging_action(d): d for d in MESSAGING_DESTINATIONS}
    groups = meta_adset_groups(spec)
    for index, creative in enumerate(spec.creatives):
        if "call_to_action" not in creative.model_fields_set or creative.call_to_action not in buttons:
            continue
        destination = buttons[creative.call_to_action]
        running = (
            [g for _, g in groups if g.creatives is None or creative.name in g.creatives]
            if creative.platforms is None or "meta" in creative.platforms
            else []
        )
        if not running or any(adset_destination(spec, g) is None for g in running):
            add(
                ("spec", "creatives", index, "call_to_action"),
                f"found {creative.call_to_action.value}, which opens {destination_name(destination)}; "
                "expected it only "
                f"on creatives of Meta ad sets whose meta.destination is {destination_name(destination)}",
            )


def messages_only(spec: CampaignSpec, creative: Creative) -> bool:
    """Whether ``creative`` runs on Meta alone, and only in ad sets opening a conversation: it needs no
    ``final_url`` (its ads carry the conversation's link)."""
    runs_on = creative.platforms or [p for p in ("google", "meta") if getattr(spec.platforms, p) is not None]
    if runs_on != ["meta"] or spec.platforms.meta is None:
        return False
    running = [g for _, g in meta_adset_groups(spec) if g.creatives is None or creative.name in g.creatives]
    return bool(running) and all(adset_destination(spec, g) is not None for g in running)
