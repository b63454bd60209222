"""Meta's Dynamic Creative ad sets (Ads Manager's "Dynamic creative" switch): an ad group
``meta.dynamic_creative: true`` makes its ad set with ``is_dynamic_creative`` true, and its one ad's creative
in the dynamic creative shape, which Meta combines per person: the story the Page alone, and every text,
medium, the link and the button in the creative's ``asset_feed_spec``.

Platform notes (checked 2026-11 with the search tool and facebook-business 26.0.3):
- Confirmed: ad set ``is_dynamic_creative`` is a bool of ``AdAccount.create_ad_set`` and absent from
  ``AdSet.api_update``'s parameters (adaccount.py, adset.py): set on creation alone, so a change is a new ad
  set (``diff`` replaces it; the sandbox refuses the update, ``meta_rules.MUTABLE``).
- Confirmed: Meta's "Asset Feed Spec" page creates a dynamic creative with ``object_story_spec``
  ``{"page_id": …}`` alone and ``asset_feed_spec`` ``{"images": [{"hash": …}], "bodies": [{"text": …}],
  "titles": […], "descriptions": […], "ad_formats": ["SINGLE_IMAGE"], "call_to_action_types": ["SHOP_NOW"],
  "link_urls": [{"website_url": …}]}`` (and a video one with ``videos``), no ``optimization_type`` (MIDAS
  sends none: Meta reads an unsent one back as ``REGULAR``, which says nothing more). Its "Asset Feed Spec
  Options" page (updated 2026-05): ``link_urls`` and ``ad_formats`` required, ``call_to_action_types``
  "Required for all objectives, except OUTCOME_AWARENESS" (an awareness campaign's dynamic creative may have
  no button, ``BUTTONLESS_OBJECTIVES``: its feed sends none); "Number of Assets: … 5 bodies, 5 titles,
  5 description, 1 ad_format, 1 link_url, and 1 call_to_action_types". Of buttons the page says both: that
  count of one, and on ``call_to_action_types`` itself "You can provide multiple values, up to five"
  (**unconfirmed** which Meta holds to). MIDAS sends one button, the creative's ``call_to_action``; import
  refuses a feed of more, by name, and the sandbox refuses more than one (as the count table has it). The
  link is ``AdAssetFeedSpecLinkURL``
  (``website_url``, ``display_url``, deep links …: adassetfeedspeclinkurl.py); MIDAS sends ``website_url``,
  and ``display_url`` where the creative names a display link (``meta.display_link``:
  ``spec._meta_display_link``); any other key read is refused by name.
- Formats: ``SINGLE_IMAGE``, ``CAROUSEL_IMAGE``, ``SINGLE_VIDEO`` and ``AUTOMATIC_FORMAT`` (Meta's "Asset
  Feed Spec" page: for Dynamic Creative "you can mix both images and videos across different placements by
  specifying AUTOMATIC_FORMAT"). MIDAS derives one from its creative (``format_of``): ``SINGLE_IMAGE`` of an
  image creative, ``SINGLE_VIDEO`` of a video one, ``AUTOMATIC_FORMAT`` of an image creative offering
  ``meta.videos`` too (which only a creative of dynamic creative ad sets alone may:
  ``spec._meta_media_options.check_media_options``); compared as ``ad_formats`` (a console's other one is
  drift). A video creative's thumbnail (its ``image_url`` or ``meta.image_hash``) is no image of the feed:
  its first video's entry carries it (``AdAssetFeedSpecVideo`` ``thumbnail_url`` / ``thumbnail_hash``; the
  Options page shows ``{"video_id": …, "thumbnail_url": …}``), the format ``SINGLE_VIDEO``, and a feed of
  videos alone whose first carries one reads back as that video creative (``thumbnail``); further videos'
  thumbnails read as Meta's echoes (believed). The thumbnail read is compared only as the other side sends
  it (``thumbnail_compared``, by the keys read, ``resources.THUMBNAIL_READ``): none sent, none compared; a
  hash sent, the hash read. **Unconfirmed**: whether Meta echoes a thumbnail of its own on a first video
  sent without one, or a URL beside a hash sent (the sandbox echoes none); import writes a thumbnail read
  (its URL first), so an adopted creative sends it and compares it. A carousel of the feed's images, or a
  format its media do not make, is none a spec says: import refuses it by name (``dynamic_mismatch``). As
  read, a feed of images beside videos is an image creative's: its first image the story's, every video an
  option (``read_dynamic_feed``); **unconfirmed** in which order Meta reads them back (MIDAS sends images
  first).
- Confirmed: dynamic creative runs in app promotion (Meta's Dynamic Creative page, its v2.7 version the
  search tool holds, lists APP_INSTALLS among its objectives; its "Asset Customization Rules" page: an
  APP_INSTALLS ad set's feed gives a link "the same as object_store_url in promoted_object"): the feed's
  link is then the app's store page, its button a mobile app's (the sandbox reads a dynamic creative's
  button and link from its feed: ``meta_rules.creative_action``).
- Believed, unconfirmed: a dynamic creative ad set holds one ad (Ads Manager offers one; Meta's pages the
  search tool holds do not say it). The spec check asks one creative of the ad group, and the sandbox
  refuses a second ad there, and a dynamic creative's feed (``ad_formats``) on an ordinary ad set.
- Confirmed (Meta's "Asset Customization Rules" page: "For the Ad Set … set is_dynamic_creative to false";
  its "Asset Feed Spec" page: "For Dynamic Creative, asset_feed_spec should not have customization rules"):
  placement asset customization is a creative of the same shape (the Page alone; ``ad_formats``,
  ``link_urls`` and ``call_to_action_types`` in its feed) with ``asset_customization_rules``, in an
  ordinary ad set. It is no dynamic creative (``is_dynamic_feed``): its
  feed's keys, rules among them, stay unheld (import refuses them by name), and the sandbox runs it in an
  ordinary ad set.
- Normalised, a dynamic creative is an ordinary link creative's fields (``link_url``,
  ``call_to_action_type``, its first image or video and its further ones, ``media_options``) with
  ``dynamic_creative`` true, its ``ad_formats``, and its texts all ``text_options`` (a feed's lists, none in
  a story): so a read (``read_dynamic_feed``, which lifts the link, button and format out of the feed, the
  rest read as any feed) and a compile (``dynamic_fields``) meet, and a console change of its link, button,
  format, texts or media is drift.
- **Unconfirmed**: an image Meta echoes with both its ``url`` and its library ``hash`` (believed, as of any
  feed: ``spec._meta_media_options``) reads as its URL here, its story showing no image whose kind would say
  how it was sent; a dynamic creative of images of the library (``meta.image_hash``) would then drift on such
  an echo. The sandbox echoes neither.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from midas_reconcile.resources import THUMBNAIL_READ, Resource
from midas_reconcile.spec._describe import a_or_an
from midas_reconcile.spec._meta_display_link import DISPLAY_LINK, display_link_of
from midas_reconcile.spec._meta_media_options import (
    MEDIA_KEYS,
    MEDIA_OPTIONS,
    by_hash,
    feed_entry,
    held_media,
    story_first,
)
from midas_reconcile.spec._meta_text_options import STORY_TEXT, TEXT_KINDS, TEXT_OPTIONS, story_texts
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    AdGroup,
    CallToAction,
    CampaignSpec,
    Creative,
    Objective,
    adset_destination,
    adset_opens_form,
    adset_product_set,
    meta_adset_groups,
)

Add = Callable[[PathKey, str], None]

#: The normalised creative field saying it is a dynamic creative (true; absent otherwise).
DYNAMIC_CREATIVE: Final = "dynamic_creative"
#: The normalised creative field of a dynamic creative's format (``asset_feed_spec.ad_formats``, a list of
#: one): compared, so that a console's other format is drift.
AD_FORMATS_FIELD: Final = "ad_formats"
#: The ad set field (facebook-business adset.py) of a dynamic creative ad set.
ADSET_FIELD: Final = "is_dynamic_creative"
#: The format of a dynamic creative's feed, by the kind of its media (``asset_feed_spec.ad_formats``).
AD_FORMATS: Final = {"images": "SINGLE_IMAGE", "videos": "SINGLE_VIDEO"}
#: The format of images and videos mixed across placements.
AUTOMATIC_FORMAT: Final = "AUTOMATIC_FORMAT"
#: Every format Meta's Options page names (the sandbox refuses another).
META_AD_FORMATS: Final = frozenset({"SINGLE_IMAGE", "CAROUSEL_IMAGE", "SINGLE_VIDEO", "AUTOMATIC_FORMAT"})
#: The feed keys of a dynamic creative that no ordinary feed MIDAS holds carries: its link, button, format.
DYNAMIC_FEED_KEYS: Final = ("link_urls", "call_to_action_types", "ad_formats")
#: The feed key of Meta's placement asset customization ("Asset Customization Rules"): a feed of the
#: dynamic creative's keys run by an ordinary ad set, each placement shown its own media or texts.
CUSTOMIZATION_RULES: Final = "asset_customization_rules"
#: The objectives whose dynamic creative may have no button (Meta's Options page: call_to_action_types
#: "Required for all objectives, except OUTCOME_AWARENESS"): its feed then sends none.
BUTTONLESS_OBJECTIVES: Final = (Objective.AWARENESS,)
#: The same, as Meta names the campaign objective (the sandbox's rule).
BUTTONLESS_META_OBJECTIVES: Final = frozenset({"OUTCOME_AWARENESS"})
#: A first video entry's thumbnail keys, and the normalised creative fields they read as.
_THUMBNAIL_KEYS: Final = (("thumbnail_url", "image_url"), ("thumbnail_hash", "image_hash"))
#: Creative types a dynamic creative is made of (its feed's media are images or videos).
_DYNAMIC_TYPES: Final = ("image", "video")


def dynamic_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A link creative's normalised ``fields`` (``compile.meta``) as a dynamic creative's: its texts all
    ``text_options`` (its options as they are, else its one text of each kind), and ``dynamic_creative``."""
    out = {k: v for k, v in fields.items() if k not in STORY_TEXT.values()}
    if texts := _feed_texts(fields):
        out[TEXT_OPTIONS] = texts
    out[DYNAMIC_CREATIVE] = True
    out[AD_FORMATS_FIELD] = [format_of(out)]
    return out


def _feed_texts(fields: Mapping[str, Any]) -> dict[str, list[str]]:
    """A link creative's normalised ``fields``' texts as its dynamic creative's feed carries them: its
    options as they are, else its one text of each kind (an empty kind left out)."""
    texts = dict(fields.get(TEXT_OPTIONS) or {})
    for kind, single in STORY_TEXT.items():
        if not texts.get(kind) and fields.get(single):
            texts[kind] = [fields[single]]
    return {kind: list(texts[kind]) for kind in TEXT_KINDS if texts.get(kind)}


def texts_hold_without_options(options: Mapping[str, Sequence[str]]) -> bool:
    """Whether a dynamic creative's feed texts ``options`` (normalised ``text_options``) are what a creative
    not opting in to ``meta.text_options`` sends, written as import writes one: its first body as
    ``primary_text``, its titles as ``headlines``, its descriptions as ``descriptions``. Decided by compiling
    that creative's texts (``story_texts``, as ``compile.meta`` does) and comparing, so every case the
    compile treats otherwise — descriptions without a body, whose first would be sent as the body, or more
    than one text of a kind — keeps its ``text_options``."""
    bodies = options.get("bodies") or []
    story = story_texts(
        bodies[0] if bodies else None, options.get("titles") or [], options.get("descriptions") or []
    )
    wanted = {kind: list(texts) for kind, texts in options.items() if texts}
    return _feed_texts(story) == wanted


def media_kinds(fields: Mapping[str, Any]) -> list[str]:
    """The kinds of a dynamic creative's media (normalised fields), in ``MEDIA_KEYS`` order: its story's
    first medium's and its options' (images beside videos: an image creative's ``meta.videos``)."""
    options = fields.get(MEDIA_OPTIONS) or {}
    kinds = [kind for kind in MEDIA_KEYS if _story_medium(kind, fields) or options.get(kind)]
    return kinds or ["images"]


def _story_medium(kind: str, fields: Mapping[str, Any]) -> str | None:
    """The story's first medium of ``kind`` as a feed offers it: a video creative's image (its
    ``image_url`` or ``image_hash``) is its video's thumbnail, no image of the feed (``thumbnail``)."""
    return None if kind == "images" and fields.get("video_id") else story_first(kind, fields)


def thumbnail(fields: Mapping[str, Any]) -> dict[str, str]:
    """A video creative's thumbnail as its first video's entry carries it (``AdAssetFeedSpecVideo``
    ``thumbnail_url`` / ``thumbnail_hash``; Meta's Options page shows ``{video_id, thumbnail_url}``), of
    its normalised ``image_url`` / ``image_hash``; none for any other creative."""
    if not fields.get("video_id"):
        return {}
    wire = {"thumbnail_url": fields.get("image_url"), "thumbnail_hash": fields.get("image_hash")}
    return {key: str(value) for key, value in wire.items() if value}


def format_of(fields: Mapping[str, Any]) -> str:
    """The ``ad_formats`` entry of a dynamic creative's media: ``AD_FORMATS``' of its one kind, or
    ``AUTOMATIC_FORMAT`` of images beside videos (Meta's "Asset Feed Spec": "you can mix both images and
    videos across different placements by specifying AUTOMATIC_FORMAT")."""
    kinds = media_kinds(fields)
    return AD_FORMATS[kinds[0]] if len(kinds) == 1 else AUTOMATIC_FORMAT


def dynamic_wire(fields: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``object_story_spec`` and ``asset_feed_spec`` of a dynamic creative's normalised ``fields``: the
    Page (and Instagram account) alone; the feed's texts, media (the first the creative's own), link,
    button and format (Meta's "Asset Feed Spec" example)."""
    story = {"page_id": str(fields["page_id"])} if fields.get("page_id") else {}
    if fields.get("instagram_user_id"):
        story["instagram_user_id"] = str(fields["instagram_user_id"])
    feed: dict[str, Any] = {}
    for kind in TEXT_KINDS:
        if texts := (fields.get(TEXT_OPTIONS) or {}).get(kind):
            feed[kind] = [{"text": text} for text in texts]
    for kind in media_kinds(fields):
        first = _story_medium(kind, fields)
        further = (fields.get(MEDIA_OPTIONS) or {}).get(kind) or []
        own = [{**feed_entry(kind, first), **thumbnail(fields)}] if first else []
        feed[kind] = [*own, *(feed_entry(kind, item) for item in further)]
    if fields.get("link_url"):
        shown = {"display_url": fields[DISPLAY_LINK]} if fields.get(DISPLAY_LINK) else {}
        feed["link_urls"] = [{"website_url": fields["link_url"], **shown}]
    if fields.get("call_to_action_type"):
        feed["call_to_action_types"] = [fields["call_to_action_type"]]
    feed["ad_formats"] = list(fields.get(AD_FORMATS_FIELD) or [format_of(fields)])
    return story, feed


def is_dynamic_feed(story: Any, feed: Any) -> bool:
    """Whether a creative as read (its ``object_story_spec`` and ``asset_feed_spec``) is a dynamic
    creative: a story of no post (the Page alone) over a feed naming a format, a link or a button — but one
    with ``asset_customization_rules``, Meta's placement asset customization, whose creative is of that
    shape in an ordinary ad set (Meta's "Asset Customization Rules"; ``unheld_feed`` names its rules)."""
    if not isinstance(feed, Mapping) or not any(feed.get(key) for key in DYNAMIC_FEED_KEYS):
        return False
    if feed.get(CUSTOMIZATION_RULES):
        return False
    return isinstance(story, Mapping) and not any(isinstance(v, Mapping) for v in story.values())


def read_dynamic_feed(feed: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a dynamic creative's feed (as read) says of its link, button and format (normalised ``link_url``,
    ``call_to_action_type`` and ``ad_formats``), and the feed without what was read so. What MIDAS cannot
    hold (two links, a link's key other than ``website_url`` and ``display_url`` — its display link, none
    where it is the link's own domain: ``spec._meta_display_link`` —, two buttons, two formats) stays in the
    feed, where
    ``spec._meta_messaging.unheld_feed`` names it (import refuses it); a format of one other than its media
    make (``AD_FORMATS``) is read, so a console's is drift, and import refuses it (``dynamic_mismatch``)."""
    rest = dict(feed)
    fields: dict[str, Any] = {}
    links = feed.get("link_urls")
    if isinstance(links, list) and len(links) == 1 and isinstance(links[0], Mapping):
        link = links[0]
        held = ("website_url", "display_url")
        others = {k: v for k, v in link.items() if k not in held and v not in (None, "", [])}
        if isinstance(link.get("website_url"), str) and link["website_url"] and not others:
            fields["link_url"] = link["website_url"]
            if (shown := display_link_of(link.get("display_url"), link["website_url"])) is not None:
                fields[DISPLAY_LINK] = shown
            del rest["link_urls"]
    buttons = feed.get("call_to_action_types")
    if isinstance(buttons, list) and len(buttons) == 1 and isinstance(buttons[0], str) and buttons[0]:
        fields["call_to_action_type"] = buttons[0]
        del rest["call_to_action_types"]
    formats = feed.get("ad_formats")
    if isinstance(formats, list) and len(formats) == 1 and isinstance(formats[0], str) and formats[0]:
        fields[AD_FORMATS_FIELD] = list(formats)
        del rest["ad_formats"]
    for kind in MEDIA_KEYS:
        if kind in rest and not rest[kind]:
            del rest[kind]  # Meta's example sends ``"videos": []`` beside images: it says nothing
    images, videos = held_media("images", rest.get("images")), held_media("videos", rest.get("videos"))
    if images and videos:
        # Images beside videos (AUTOMATIC_FORMAT), which an ordinary feed's read does not hold: an image
        # creative's, its first image the story's, every video an option (``format_of``).
        fields["image_hash" if by_hash(images[0]) else "image_url"] = images[0]
        fields[MEDIA_OPTIONS] = {**({"images": images[1:]} if images[1:] else {}), "videos": videos}
        del rest["images"], rest["videos"]
    elif videos and not images and (thumb := _read_thumbnail(rest["videos"][0])):
        # A video creative's thumbnail, on its first video's entry (``thumbnail``): the story's video and
        # image, every other video an option (their own thumbnails, Meta's echoes, believed, say nothing).
        fields.update({"video_id": videos[0], **thumb, THUMBNAIL_READ: _thumbnail_keys(rest["videos"][0])})
        if videos[1:]:
            fields[MEDIA_OPTIONS] = {"videos": videos[1:]}
        del rest["videos"]
    return fields, rest


def _thumbnail_keys(entry: Mapping[str, Any]) -> dict[str, str]:
    """The thumbnail keys a first video's ``entry`` carries (``THUMBNAIL_READ``)."""
    return {key: entry[key] for key, _ in _THUMBNAIL_KEYS if isinstance(entry.get(key), str) and entry[key]}


def thumbnail_compared(
    left: Mapping[str, Any], right: Mapping[str, Any]
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """Two Meta creatives' fields as ``diff`` compares them: where one side is a dynamic video creative's read
    (``THUMBNAIL_READ``) and the other not (a compile, or a record of one), the read's thumbnail is the one
    of the key the other sends, none where it sends none. So a thumbnail Meta echoes (believed: ``_ECHOED``
    of ``spec._meta_media_options``) on a first video sent without one, or a URL echoed beside the hash sent
    (or a hash beside the URL), is no change; another thumbnail of the key sent, or none read back where one
    was sent, is. **Unconfirmed** (the sandbox echoes none): that Meta echoes either; a console's thumbnail
    set on a creative whose spec sends none is then no drift either. Two reads, or two compiles, compare as
    they are (import writes the thumbnail read, by its URL first: ``_read_thumbnail``)."""
    if (THUMBNAIL_READ in left) == (THUMBNAIL_READ in right):
        return left, right
    read, sent = (left, right) if THUMBNAIL_READ in left else (right, left)
    if not (sent.get(DYNAMIC_CREATIVE) and sent.get("video_id")):
        return left, right
    echoed = read[THUMBNAIL_READ] or {}
    kept = {k: v for k, v in read.items() if k not in ("image_url", "image_hash")}
    kept.update({field: echoed[key] for key, field in _THUMBNAIL_KEYS if sent.get(field) and echoed.get(key)})
    return (kept, right) if read is left else (left, kept)


def _read_thumbnail(entry: Any) -> dict[str, str]:
    """The normalised ``image_url`` or ``image_hash`` of a dynamic creative's first video entry's thumbnail
    (its ``thumbnail_url`` read first: **unconfirmed** whether Meta echoes a hash beside a URL it was sent,
    or a URL beside a hash, which would then drift as an image echoed with both does)."""
    if not isinstance(entry, Mapping):
        return {}
    for key, field in (("thumbnail_url", "image_url"), ("thumbnail_hash", "image_hash")):
        if isinstance(entry.get(key), str) and entry[key]:
            return {field: entry[key]}
    return {}


def dynamic_mismatch(creative: Resource, adset: Resource, label: str) -> str | None:
    """Why the ad ``label`` cannot be imported as it runs (None: it can): a dynamic creative in an ordinary
    ad set, or another creative in a dynamic creative ad set, neither of which MIDAS makes (nor Meta,
    believed: the sandbox refuses both)."""
    dynamic, in_dynamic = bool(creative.fields.get(DYNAMIC_CREATIVE)), bool(adset.fields.get(ADSET_FIELD))
    formats = creative.fields.get(AD_FORMATS_FIELD)
    if dynamic and in_dynamic and formats not in (None, [format_of(creative.fields)]):
        return (
            f"{label} runs a dynamic creative of asset_feed_spec.ad_formats {formats!r}, which the spec "
            "language cannot express (a MIDAS dynamic creative is SINGLE_IMAGE of an image creative, "
            "SINGLE_VIDEO of a video one, AUTOMATIC_FORMAT of an image creative's meta.videos)"
        )
    if dynamic == in_dynamic:
        return None
    if dynamic:
        return (
            f"{label} runs a dynamic creative (its link, button and format in its asset_feed_spec) in an ad "
            "set without is_dynamic_creative, which the spec language cannot express (meta.dynamic_creative "
            "on its ad group)"
        )
    return (
        f"{label} runs a creative of its own story (not a dynamic creative's asset_feed_spec of its link, "
        "button and format) in a Dynamic Creative ad set (is_dynamic_creative true), which the spec language "
        "cannot express"
    )


def dynamic_groups(spec: CampaignSpec) -> list[tuple[int | None, AdGroup]]:
    """The campaign's Meta ad sets that are dynamic creative ad sets (``meta.dynamic_creative``)."""
    return [(index, group) for index, group in meta_adset_groups(spec) if group.meta.dynamic_creative]


def _group_creatives(spec: CampaignSpec, group: AdGroup) -> list[tuple[int, Creative]]:
    """The creatives (with their index) ``group``'s Meta ad set runs."""
    return [
        (index, creative)
        for index, creative in enumerate(spec.creatives)
        if (creative.platforms is None or "meta" in creative.platforms)
        and (group.creatives is None or creative.name in group.creatives)
    ]


def check_dynamic_creative(add: Add, spec: CampaignSpec, page_id: str | None, account: str | None) -> None:
    """Each dynamic creative ad set runs one creative (Meta's one ad, believed), an image or video one
    sending people to a link (the feed's ``link_urls``, which Meta requires) with a button (its
    ``call_to_action_types``, which Meta requires but of awareness: ``BUTTONLESS_OBJECTIVES``), in an ad
    set linking to a website or an app (not a conversation, a form nor a catalog's product set, whose
    creatives are of other shapes), on an account naming its Page (``page_id``; ``account`` its name, None:
    not known here), the creative's story being the Page alone (``dynamic_fields``)."""
    if spec.platforms.meta is None:
        return
    for index, group in dynamic_groups(spec):
        if index is None:  # the implicit ad group sets no Meta option
            continue
        at: PathKey = ("spec", "ad_groups", index, "meta", "dynamic_creative")
        if account is not None and not page_id:
            # Without it the story is empty and Meta refuses the creative at apply (no link, no story).
            add(
                at,
                "found a dynamic creative ad set, whose ad runs as a Facebook Page; expected 'page_id' on "
                f"Meta account {account!r} in midas.yaml (the Page its dynamic creative runs as)",
            )
        if adset_destination(spec, group) is not None or adset_opens_form(spec, group):
            add(at, "found a dynamic creative ad set opening a conversation or a form; expected one linking "
                "to a website or an app (its feed's link_urls), or no meta.dynamic_creative")  # fmt: skip
            continue
        if adset_product_set(spec, group) is not None:
            add(at, "found a dynamic creative ad set in a catalog ads campaign (meta.catalog); expected none")
            continue
        creatives = _group_creatives(spec, group)
        if len(creatives) != 1:
            names = ", ".join(repr(c.name) for _, c in creatives) or "none"
            add(
                at,
                f"found {len(creatives)} creatives running in this dynamic creative ad set ({names}); "
                "expected one (Meta's dynamic creative ad set runs one ad, whose asset feed offers its texts "
                "and media): name it in this ad group's creatives",
            )
            continue
        c_index, creative = creatives[0]
        where: PathKey = ("spec", "creatives", c_index)
        if creative.type not in _DYNAMIC_TYPES:
            add(
                (*where, "type"),
                f"found {a_or_an(creative.type)} creative in dynamic creative ad set {group.name!r}; "
                "expected an image or video creative (a dynamic creative's feed offers images or videos)",
            )
        elif spec.sends_nowhere(creative):
            add(
                where,
                f"found a creative sending people nowhere in dynamic creative ad set {group.name!r}; "
                "expected a final_url (Meta requires a dynamic creative's link_urls)",
            )
        elif (
            spec.call_to_action_of(creative) is CallToAction.NONE
            and spec.objective not in BUTTONLESS_OBJECTIVES
        ):
            add(
                where,
                f"found a creative without a call to action in dynamic creative ad set {group.name!r}; "
                "expected a call_to_action (Meta requires a dynamic creative's call_to_action_types for "
                "every objective but awareness)",
            )
