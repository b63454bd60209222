"""Meta's multiple text options (Ads Manager's "Add text options"): a creative opting in with
``meta.text_options: true`` gives its Meta ad several primary texts, headlines and descriptions, of which Meta
shows each person the ones it picks.

Platform notes (checked 2026-11 with the search tool and facebook-business 26.0.3):
- Confirmed: the texts travel in the creative's ``asset_feed_spec`` as ``bodies``, ``titles`` and
  ``descriptions``, each a list of ``{"text": …}`` (adassetfeedspec.py types them
  ``list<AdAssetFeedSpecBody>`` …, whose fields are ``text``, ``url_tags`` and ``adlabels``;
  Meta's "Asset Feed Spec Options" page: "Array of bodies. The primary message or copy of the ad",
  "Array of titles. A title is a short headline in the ad", "Array of secondary description text").
  ``optimization_type`` is a string (adassetfeedspec.py, no enum).
- Believed, unconfirmed: the limit of 5 of each (``TEXT_OPTIONS_MAX``): the "Asset Feed Spec Options" page
  gives "5 bodies, 5 titles, 5 description" as a dynamic creative's number of assets, taken to hold for text
  options too (the sandbox refuses more: ``connectors.sandbox.meta_rules.FEED_TEXTS_MAX``).
- Unconfirmed: the exact shape of an ordinary (not dynamic creative) ad's text options. What MIDAS sends is
  the shape a public client reports running live: the link, image or video and call to action stay in
  ``object_story_spec`` (``link_data`` / ``video_data`` without ``message``, ``name`` nor ``description``),
  and every text is in the feed with ``optimization_type`` ``DEGREES_OF_FREEDOM`` (``OPTIMIZATION_TYPE``).
  That client also sent ``degrees_of_freedom_spec`` (``text_transformation_types: ["TEXT_LIQUIDITY"]``) and
  reported Meta not reading it back; MIDAS sends none. It also sent ``call_to_action_types`` (and, for an
  image ad, ``link_urls``) in the feed; whether Meta wants those or ``ad_formats`` beside the story (the
  Options page asks them of a dynamic creative) is unconfirmed: MIDAS sends none.
- As read (which cannot see whether the spec opts in), a feed's texts are the creative's ``text_options``
  beside its story's own ``message`` / ``name`` / ``description``, on a link, image or video creative alone
  (a carousel's, a Page post's or a catalog template's feed of texts stays one MIDAS cannot hold). Compared
  with a side holding text options too, the story's texts are options (Ads Manager may keep the first text
  there), first unless the feed has them (``compared``); against a side holding none (a creative not opting
  in), a feed's texts are a difference like any other (the creative is replaced to what the spec says). A
  kind whose feed texts are the story's own one text of that kind alone restates it and is no option
  (``without_restated``). A restore sends a snapshot's story texts folded in unless that makes more than
  ``TEXT_OPTIONS_MAX`` of a kind (``fits``): then as it ran live, beside the feed (unconfirmed that Meta
  takes that shape on create; the sandbox does).
  Meta's ``optimization_type`` echo (``DEGREES_OF_FREEDOM``, ``REGULAR`` or none) says nothing more of a
  feed of texts alone. A feed of several images or videos is held beside them (``spec._meta_media_options``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from midas_reconcile.spec._meta_catalog import CATALOG_CREATIVE
from midas_reconcile.spec._meta_feed import OPTIMIZATION_TYPE, empty, on_meta, several_apps_adsets
from midas_reconcile.spec._meta_media_options import held_media_keys
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import CampaignSpec, Creative

Add = Callable[[PathKey, str], None]

#: The normalised creative field of its text options (``{"bodies": [...], "titles": [...], "descriptions":
#: [...]}``, lists of texts, an empty one left out); on the wire, ``asset_feed_spec``'s lists of that name.
TEXT_OPTIONS: Final = "text_options"
#: The asset feed's lists of texts, each of ``{"text": …}``.
TEXT_KINDS: Final = ("bodies", "titles", "descriptions")
#: Per list, the story field (normalised) holding the one text of an ad without options.
STORY_TEXT: Final = {"bodies": "body", "titles": "title", "descriptions": "description"}
#: Texts of each kind Meta takes (believed, unconfirmed: see the module docstring).
TEXT_OPTIONS_MAX: Final = 5
#: What Meta may read back as the feed's ``optimization_type`` for a feed of texts alone (MIDAS sends
#: ``spec._meta_feed.OPTIMIZATION_TYPE``: unconfirmed, see the module docstring).
_ECHOED_TYPES: Final = frozenset({OPTIMIZATION_TYPE, "REGULAR"})


def story_texts(
    primary_text: str | None, headlines: Sequence[str], descriptions: Sequence[str]
) -> dict[str, str]:
    """The story's one text of each kind (normalised ``title``, ``body``, ``description``) of a creative not
    opting in: its first headline as title, its primary text (or, without one, its first description) as
    body, its next description as description; a kind it has none of left out."""
    rest = list(descriptions)
    body = primary_text or (rest.pop(0) if rest else None)
    texts = {
        "title": headlines[0] if headlines else None,
        "body": body,
        "description": rest[0] if rest else None,
    }
    return {single: text for single, text in texts.items() if text}


def text_options_of(creative: Creative) -> dict[str, list[str]]:
    """The normalised ``text_options`` of a creative opting in: its primary text and ``meta.primary_texts``
    as bodies, its headlines as titles, its descriptions as descriptions (an empty list left out)."""
    bodies = [creative.primary_text] if creative.primary_text else []
    lists = {
        "bodies": [*bodies, *creative.meta.primary_texts],
        "titles": list(creative.headlines),
        "descriptions": list(creative.descriptions),
    }
    return {kind: texts for kind, texts in lists.items() if texts}


def text_feed(options: Mapping[str, Sequence[str]], feed: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``asset_feed_spec`` of normalised ``options``, over ``feed`` (a messaging ad's buttons, if any)."""
    out: dict[str, Any] = dict(feed or {})
    for kind in TEXT_KINDS:
        if options.get(kind):
            out[kind] = [{"text": text} for text in options[kind]]
    out["optimization_type"] = OPTIMIZATION_TYPE
    return out


def held_texts(entries: Any) -> list[str] | None:
    """The texts of a feed's list of ``{"text": …}`` when each says its text alone (empty ``url_tags`` or
    ``adlabels`` Meta may echo tolerated), else None: a list MIDAS cannot hold (``spec._meta_messaging
    .unheld_feed`` names it)."""
    if not isinstance(entries, list) or not entries:
        return None
    texts = []
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("text"), str) or not entry["text"]:
            return None
        if not empty({k: v for k, v in entry.items() if k != "text"}):
            return None
        texts.append(entry["text"])
    return texts


def _with_buttons(feed: Mapping[str, Any]) -> bool:
    """Whether an asset feed has buttons (``call_to_actions``): an ad opening several messaging apps', whose
    feed MIDAS holds the buttons of alone (text options there are refused: ``check_text_options``)."""
    return not empty(feed.get("call_to_actions"))


def held_feed_keys(feed: Mapping[str, Any], *, capable: bool = True) -> frozenset[str]:
    """The keys of an asset feed (as read) that ``read_text_options`` and ``read_media_options`` hold: each
    list of texts alone, of images or of videos (``spec._meta_media_options.held_media_keys``), and its
    ``optimization_type`` when Meta echoes it beside them (``_ECHOED_TYPES``); none of a feed with buttons,
    nor of a creative that cannot carry text options (``capable`` false: a carousel, a Page post's, a catalog
    template, whose feed of texts stays one MIDAS cannot hold)."""
    if not capable or _with_buttons(feed):
        return frozenset()
    held = {kind for kind in TEXT_KINDS if held_texts(feed.get(kind)) is not None}
    # Several images or videos, which MIDAS holds beside texts in one feed (``spec._meta_media_options``).
    held |= held_media_keys(feed)
    if held and feed.get("optimization_type") in _ECHOED_TYPES:
        held.add("optimization_type")
    return frozenset(held)


def carries_text_options(fields: Mapping[str, Any]) -> bool:
    """Whether a creative (its normalised fields, or its node as read with its story's fields merged) can
    carry text options: a link, image or video ad's, not a carousel (``cards``), a Page post's
    (``object_story_id``), a catalog template (``template``) nor a photo post (an image sending people
    nowhere, whose one text is its caption: ``check_text_options`` refuses options there)."""
    photo_post = (fields.get("image_url") or fields.get("image_hash")) and not (
        fields.get("link_url") or fields.get("video_id")
    )
    return not (fields.get("cards") or fields.get("object_story_id") or fields.get("template") or photo_post)


def read_text_options(feed: Any, own: Mapping[str, Any] | None = None) -> dict[str, list[str]] | None:
    """The texts an asset feed (as read, a mapping) holds as text options, as the feed lists them (a text said
    twice once); None when it holds none (or has buttons). The story's own texts (``own``: the creative's
    normalised ``body``, ``title`` and ``description``) are not among them: they are read beside them, as the
    story says them, and folded in only where both sides compared hold text options (``compared``), as
    import does (``folded``). A kind whose texts are the story's own one text of that kind alone restates it
    and is no option (what Meta may echo of a creative of one text each; else a creative not opting in would
    be replaced on every plan)."""
    if not isinstance(feed, Mapping) or _with_buttons(feed):
        return None
    out = {kind: list(dict.fromkeys(texts)) for kind in TEXT_KINDS if (texts := held_texts(feed.get(kind)))}
    return without_restated(out, own or {})


def without_restated(options: Mapping[str, list[str]], own: Mapping[str, Any]) -> dict[str, list[str]] | None:
    """Text ``options`` without a kind whose texts are the story's own one text of that kind (``own``: the
    creative's normalised fields) alone; None when none is left."""
    out = {
        kind: texts
        for kind, texts in options.items()
        if not ((single := own.get(STORY_TEXT.get(kind, ""))) and list(texts) == [single])
    }
    return out or None


def fits(options: Mapping[str, Sequence[str]]) -> bool:
    """Whether text options are at most ``TEXT_OPTIONS_MAX`` of each kind (what Meta takes)."""
    return all(len(options.get(kind) or []) <= TEXT_OPTIONS_MAX for kind in TEXT_KINDS)


def beside_own_texts(fields: Mapping[str, Any]) -> bool:
    """Whether a creative's fields (normalised, as read) hold text options beside a story text of their own
    (a ``title``, ``body`` or ``description``): read so of a creative not opting in whose feed a console
    gave texts, and of Ads Manager's text options keeping the first text in the story. A creative MIDAS
    makes opting in says its texts in the feed alone (``compile.meta``)."""
    return TEXT_OPTIONS in fields and any(fields.get(single) for single in STORY_TEXT.values())


def folded(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A creative's fields with its story's own texts folded into its text options: each first unless the
    feed has it too, a text said twice one option (the story fields then gone); as they are without text
    options."""
    options = fields.get(TEXT_OPTIONS)
    if not isinstance(options, Mapping):
        return dict(fields)
    out = {k: v for k, v in fields.items() if k not in STORY_TEXT.values()}
    merged: dict[str, list[str]] = {}
    for kind in TEXT_KINDS:
        texts = [str(t) for t in options.get(kind) or []]
        own = fields.get(STORY_TEXT[kind])
        if own and own not in texts:
            texts = [str(own), *texts]
        if texts := list(dict.fromkeys(texts)):
            merged[kind] = texts
    out[TEXT_OPTIONS] = merged
    return out


def compared(
    left: Mapping[str, Any], right: Mapping[str, Any]
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """Two Meta creatives' fields as ``diff`` compares them, one of them (at least) read (the read cannot see
    whether the spec opts in): where both hold text options, each with its story's texts folded into them
    (``folded``: Ads Manager's shape is MIDAS's); else as they are, so text options on one side alone (a
    console's feed on a creative not opting in, or a spec opting in or no longer) differ and the creative is
    replaced (a Meta creative is, on any change of its content)."""
    if TEXT_OPTIONS in left and TEXT_OPTIONS in right:
        return folded(left), folded(right)
    return left, right


def check_text_options(add: Add, path: PathKey, creative: Creative, spec: CampaignSpec) -> None:
    """``meta.text_options`` and ``meta.primary_texts``: written on a link, image or video creative that runs
    on Meta (not a carousel, Page post, catalog template nor photo post, nor in an ad set opening several
    messaging apps, whose asset feed is their buttons'), at most ``TEXT_OPTIONS_MAX`` of each kind, none
    twice; ``meta.primary_texts`` only beside ``meta.text_options: true`` and a ``primary_text``."""
    at: PathKey = (*path, "meta")
    opted = creative.meta.text_options is True
    if creative.meta.primary_texts and not opted:
        add(
            (*at, "primary_texts"),
            "found primary_texts without text_options; expected 'text_options: true' beside them (Meta's "
            "multiple text options)",
        )
    if creative.meta.primary_texts and creative.primary_text is None:
        add(
            (*at, "primary_texts"),
            "found primary_texts without a primary_text; expected the creative's primary_text, the first "
            "primary text, beside them",
        )
    if not opted:
        return
    if not on_meta(creative, spec):
        add((*at, "text_options"), "found text_options on a creative not running on Meta; expected none")
        return
    kinds = {"carousel": "a carousel", "post": "a Page post creative", CATALOG_CREATIVE: "a catalog template"}
    if creative.type in kinds:
        add(
            (*at, "text_options"),
            f"found text_options on {kinds[creative.type]}; expected them only on a text, image or video "
            "creative (a link or video ad)",
        )
        return
    if spec.sends_nowhere(creative) and creative.type == "image":
        add(
            (*at, "text_options"),
            "found text_options on an image sending people nowhere (a photo post, whose one text is its "
            "caption); expected a final_url, or no text_options",
        )
        return
    if several := several_apps_adsets(creative, spec):
        add(
            (*at, "text_options"),
            f"found text_options on a creative of ad sets opening several messaging apps "
            f"({', '.join(several)}), whose asset feed holds each app's button; expected none there "
            "(unconfirmed that Meta takes both)",
        )
        return
    bodies = [*([creative.primary_text] if creative.primary_text else []), *creative.meta.primary_texts]
    lists: list[tuple[PathKey, Sequence[str], str]] = [
        ((*at, "primary_texts"), bodies, "primary texts (primary_text and primary_texts)"),
        ((*path, "headlines"), creative.headlines, "headlines"),
        ((*path, "descriptions"), creative.descriptions, "descriptions"),
    ]
    for where, texts, what in lists:
        if len(texts) > TEXT_OPTIONS_MAX:
            add(
                where,
                f"found {len(texts)} {what}; expected at most {TEXT_OPTIONS_MAX} with meta.text_options "
                "(Meta's text options of each kind; believed, unconfirmed)",
            )
        seen: set[str] = set()
        for text in texts:
            if text in seen:
                add(where, f"found {text!r} twice among the {what}; expected each text option once")
            seen.add(text)
