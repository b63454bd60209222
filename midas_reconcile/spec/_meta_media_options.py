"""Meta's several images or videos in one ad (Ads Manager's flexible media, Advantage+ creative's several
media; the Marketing API's asset feed of a dynamic creative): an image creative's ``meta.images`` (further
image URLs beside its ``image_url``, or further images of the ad account's library, ``{hash: …}``, beside its
``meta.image_hash``) or a video creative's ``meta.videos`` (further video ids) give its Meta ad every one of
them to pick among per person, the story's own first.

Platform notes (checked 2026-11 with the search tool and facebook-business 26.0.3):
- Confirmed: an asset feed's ``images`` is ``list<AdAssetFeedSpecImage>`` (fields ``url``, ``hash``,
  ``url_tags``, ``adlabels``, ``image_crops``) and its ``videos`` ``list<AdAssetFeedSpecVideo>``
  (``video_id``, ``thumbnail_url``, ``thumbnail_hash``, ``caption_ids``, ``url_tags``, ``adlabels``)
  (adassetfeedspec.py, adassetfeedspecimage.py, adassetfeedspecvideo.py); Meta's "Asset Feed Spec Options"
  page: images "Either ``url`` or ``hash`` is required" (and "should be included in the ad account's image
  library"), videos ``{"video_id": …, "thumbnail_url": …}``. So an image of the library by its hash alone
  is one Meta takes (confirmed); a feed mixing both kinds is not said (unconfirmed, below).
- Two shapes Meta documents, and what MIDAS does with each:
  * Dynamic Creative (ad set ``is_dynamic_creative``; the creative's ``asset_feed_spec`` carrying images or
    videos with ``ad_formats`` (``SINGLE_IMAGE``, ``SINGLE_VIDEO``, ``AUTOMATIC_FORMAT`` to mix them),
    ``link_urls`` and ``call_to_action_types``, its story the Page alone). Meta's Asset Feed Spec page
    (updated 2026) still documents it. MIDAS makes it for an ad group ``meta.dynamic_creative: true``
    (``spec._meta_dynamic_creative``) and imports one of the shape it makes; a link and button in the feed
    beside a story's own stay refused, by name (``asset_feed_spec.link_urls`` / ``call_to_action_types``).
  * The flexible ad format (``creative_asset_groups_spec`` on the **ad**, groups of images, videos and typed
    texts; Meta's "Get started with the flexible ad format": OUTCOME_SALES and OUTCOME_APP_PROMOTION alone):
    MIDAS neither reads nor sends it (an ad field, not a creative's; unconfirmed how it reads back).
  * What MIDAS makes: an ordinary ad set's creative keeping its story (link, first image or video, button)
    and carrying every image (``{"url": …}``, of the library ``{"hash": …}``) or video
    (``{"video_id": …}``) in its ``asset_feed_spec``, first the story's own, with ``optimization_type``
    ``DEGREES_OF_FREEDOM`` — the shape of MIDAS's text options (``spec._meta_text_options``), which it
    shares a feed with. **Unconfirmed** that Meta takes
    several media this way outside a dynamic creative ad set, and whether it wants ``ad_formats`` beside
    them (MIDAS sends none). **Unconfirmed** too that Meta takes a video bare: the Options page shows
    ``{"video_id": …, "thumbnail_url": …}``, and MIDAS sends ``{"video_id": …}`` alone (a spec's
    ``meta.videos`` are ids, with no thumbnail to send; the SDK types ``thumbnail_url`` without saying it is
    required).
- Believed, unconfirmed: at most 10 images and 10 videos in a feed (``MEDIA_MAX``: public clients of the
  dynamic creative API give "1-10"; the Options page's number of images is not in the stored text). The
  sandbox refuses more (``connectors.sandbox.meta_rules``).
- Images of the library (Ads Manager's usual shape: the story's ``image_hash``, each image of the feed
  ``{"hash": …}`` alone): a spec's ``meta.images`` entries ``{hash: …}`` beside ``meta.image_hash``, sent as
  ``{"hash": …}``, the story's first. Normalised, an image is its URL or its hash, told apart by their shape
  (``by_hash``: a spec's URL is http(s), a hash never holds ``://``).
- Believed, unconfirmed: Meta may echo an image's library ``hash`` beside the ``url`` it was sent, the
  ``url`` of a library image (its CDN copy) beside the ``hash`` it was sent, and a video's
  ``thumbnail_url`` / ``thumbnail_hash`` (fields of ``AdAssetFeedSpecVideo``): each is read as saying
  nothing more (``held_media``) — but a dynamic creative's first video's thumbnail, which is its video
  creative's own (``spec._meta_dynamic_creative.thumbnail``). An image echoed with both is read as what
  its story was sent by: its
  ``hash`` beside a story's ``image_hash``, its ``url`` otherwise (``read_media_options``) — so what is
  compared is what the spec said, and neither echo drifts. That is why a spec's feed is of one kind,
  URLs beside ``image_url`` or hashes beside ``meta.image_hash`` (``check_media_options``): an image
  echoed with both in a feed of both kinds could not be told. **Unconfirmed** too that Meta takes such a
  mixed feed (its Options page says each image needs "Either url or hash", nothing of mixing), and that
  it refuses a hash its ad account has no image of (the sandbox keeps no library: any well-formed hash is
  an image of the account's, as of ``meta.image_hash``). A console's mixed feed (images of a URL alone
  beside images of a hash alone) reads as its options, which import refuses by name. Any other key of an
  entry (a video's ``image_hash``, which ``AdAssetFeedSpecVideo`` has not; an image's ``image_crops``), or
  any entry with its own ``url_tags`` or ``adlabels``, is no option MIDAS holds (``unheld``: import
  refuses it by name). MIDAS never builds a mixed feed (``media_feed`` refuses it before any write,
  ``mixed_images``): a snapshot's further images of both kinds (one taken before MIDAS held images of the
  library read each of a story's ``image_hash`` by the URL Meta echoes, which cannot be mapped back to its
  hash) are never sent by a restore, which leaves the live creative's further images as they are and says so
  (``snapshots.restore_plan``).
- As read, a feed's images (videos) are the creative's ``media_options`` without the story's own image URL
  or hash (video id), which stays ``image_url`` or ``image_hash`` (``video_id``); a feed of the story's own
  alone is none; a story showing no image nor video takes the feed's first as its own, by URL when it has
  one (a feed of videos on an image ad's story is all options, which import refuses). So a console's feed
  of images on a creative not opting in is drift of ``media_options`` and the plan replaces the creative;
  one of the images changed is drift too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from midas_reconcile.errors import PermanentError
from midas_reconcile.spec._describe import a_or_an
from midas_reconcile.spec._meta_feed import (
    OPTIMIZATION_TYPE,
    empty,
    on_meta,
    only_dynamic_adsets,
    several_apps_adsets,
)
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import CampaignSpec, Creative, LibraryImage

Add = Callable[[PathKey, str], None]

#: The normalised creative field of its further media (``{"images": [url or hash, …]}`` or
#: ``{"videos": [id, …]}``, without the story's own first one); on the wire, ``asset_feed_spec``'s lists of
#: that name.
MEDIA_OPTIONS: Final = "media_options"
#: Per feed list: the keys an entry may name its medium by (an image by its URL or its library hash).
MEDIA_KEYS: Final = {"images": ("url", "hash"), "videos": ("video_id",)}
#: Per feed list: the normalised story fields that may show its first (an image by URL or of the library).
STORY_MEDIA: Final = {"images": ("image_url", "image_hash"), "videos": ("video_id",)}
#: A story's own media (normalised): a story showing one of them takes no first medium from its feed.
_STORY_MEDIA: Final = ("image_url", "image_hash", "video_id")
#: Media of each kind Meta takes in a feed (believed, unconfirmed: see the module docstring).
MEDIA_MAX: Final = 10
#: What a feed's entry may carry beside its medium without saying more (Meta's echoes, believed): an image's
#: other key (its library hash beside a URL, its CDN URL beside a hash), a video's thumbnail.
_ECHOED: Final = {
    "images": frozenset({"url", "hash"}),
    "videos": frozenset({"thumbnail_url", "thumbnail_hash"}),
}


def by_hash(image: str) -> bool:
    """Whether a normalised image (of ``media_options.images``) is one of the library by its hash, not a URL:
    a spec's URLs are http(s) (``spec.models.check_url``), and a hash never holds ``://``."""
    return "://" not in image


def spec_image(image: str) -> str | dict[str, str]:
    """A normalised image as a spec's ``meta.images`` writes it: its URL, or ``{hash: …}``."""
    return {"hash": image} if by_hash(image) else image


def feed_entry(kind: str, item: str) -> dict[str, str]:
    """A normalised medium as an asset feed's entry: ``{"url": …}`` or ``{"hash": …}`` (``by_hash``), or
    ``{"video_id": …}``."""
    if kind == "images":
        return {"hash": item} if by_hash(item) else {"url": item}
    return {"video_id": item}


def story_first(kind: str, fields: Mapping[str, Any]) -> str | None:
    """The first medium of ``kind`` a creative's normalised ``fields`` show in their story: its ``image_url``
    or ``image_hash`` (``video_id``); None when it shows none."""
    return next((str(fields[f]) for f in STORY_MEDIA[kind] if fields.get(f)), None)


def media_options_of(creative: Creative) -> dict[str, list[str]]:
    """The normalised ``media_options`` of a creative: its ``meta.images`` (URLs, or hashes of the library)
    or ``meta.videos`` (further to its ``image_url`` or ``meta.image_hash`` / ``video_id``), an empty list
    left out."""
    images = [image.hash if isinstance(image, LibraryImage) else image for image in creative.meta.images]
    lists = {"images": images, "videos": list(creative.meta.videos)}
    return {kind: items for kind, items in lists.items() if items}


def with_first(first: str | None, further: Sequence[str]) -> list[str]:
    """A kind's media as a spec counts them and MIDAS sends them: the story's own ``first`` (when it shows
    one), then the ``further`` ones (``media_options``): what ``MEDIA_MAX`` bounds."""
    return [*([first] if first else []), *further]


def sent_media(first: str | None, further: Sequence[str]) -> list[str]:
    """The media a feed sends: ``with_first``, or the ``further`` ones alone where the first would make more
    than ``MEDIA_MAX`` — a console's full feed not holding the story's own, restored from a snapshot (the
    read holds the story's own apart, so a snapshot cannot tell whether it ran in the feed too; without it
    the feed reads back the same). A spec never asks that many (``check_media_options``)."""
    every = with_first(first, further)
    return every if len(every) <= MEDIA_MAX else list(further)


def beyond_max(fields: Mapping[str, Any]) -> dict[str, list[dict[str, str]]]:
    """The feed lists (``asset_feed_spec.<kind>``, as Meta ran them, the story's own first) of a creative's
    normalised ``fields`` whose further media alone are more than ``MEDIA_MAX``: none a feed takes, which a
    restore keeps unsent (its plan says so) rather than fail the write."""
    options = fields.get(MEDIA_OPTIONS) or {}
    return {
        f"asset_feed_spec.{kind}": [
            feed_entry(kind, item) for item in with_first(story_first(kind, fields), options[kind])
        ]
        for kind in MEDIA_KEYS
        if len(options.get(kind) or []) > MEDIA_MAX
    }


def mixed_images(fields: Mapping[str, Any]) -> bool:
    """Whether a creative's normalised ``fields`` would send a feed of images of both kinds: a further image
    by URL beside a story's ``image_hash``, or of the library beside its ``image_url`` (a console's mixed
    feed, or a snapshot's URLs read before MIDAS held images of the library: ``snapshots``)."""
    first = story_first("images", fields)
    images = (fields.get(MEDIA_OPTIONS) or {}).get("images") or []
    return first is not None and any(by_hash(image) != by_hash(first) for image in images)


def media_feed(fields: Mapping[str, Any], feed: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``asset_feed_spec`` of a creative's normalised ``fields`` holding ``media_options``, over ``feed``
    (its text options', if any): each kind's list, the story's own first (``sent_media``).

    Raises PermanentError, before anything is sent, for images of both kinds (``mixed_images``): a spec
    cannot ask it (``check_media_options``) and a restore keeps such images unsent, so it is never built."""
    out: dict[str, Any] = dict(feed or {})
    options = fields.get(MEDIA_OPTIONS) or {}
    if mixed_images(fields):
        raise PermanentError(
            f"asset_feed_spec.images {[feed_entry('images', i) for i in options['images']]!r} beside the "
            f"story's {story_first('images', fields)!r} are both by URL and of the library (by hash); "
            "MIDAS sends a feed of one kind, its story's, and sent none",
            platform="meta",
            field="asset_feed_spec.images",
        )
    for kind in MEDIA_KEYS:
        if options.get(kind):
            items = sent_media(story_first(kind, fields), options[kind])
            out[kind] = [feed_entry(kind, item) for item in items]
    out["optimization_type"] = OPTIMIZATION_TYPE
    return out


def held_media(kind: str, entries: Any, *, by: str | None = None) -> list[str] | None:
    """The media of a feed's ``images`` or ``videos`` list when each entry names its medium alone (Meta's
    echoes, ``_ECHOED``, and empty keys tolerated), a medium said twice once; else None (a list MIDAS cannot
    hold, ``spec._meta_messaging.unheld_feed`` names it). An image echoed with both its ``url`` and its
    ``hash`` is read ``by`` that key (``read_media_options``: the story's; its URL when None)."""
    if not isinstance(entries, list) or not entries:
        return None
    keys = MEDIA_KEYS[kind]
    preferred = (by, *keys) if by in keys else keys
    items: list[str] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            return None
        key = next((k for k in preferred if isinstance(entry.get(k), str) and entry[k]), None)
        if key is None:
            return None
        rest = {k: v for k, v in entry.items() if k != key and k not in _ECHOED[kind]}
        if not empty(rest):
            return None
        items.append(str(entry[key]))
    return list(dict.fromkeys(items))


def held_media_keys(feed: Mapping[str, Any]) -> frozenset[str]:
    """The keys of an asset feed (as read, of a creative that can carry options) that ``read_media_options``
    holds: each list of media naming them alone, but a feed of both images and videos (Meta's
    ``AUTOMATIC_FORMAT`` mix, which a spec's creative, an image or a video one, cannot say)."""
    held = {kind for kind in MEDIA_KEYS if held_media(kind, feed.get(kind)) is not None}
    return frozenset(held) if len(held) == 1 else frozenset()


def read_media_options(
    feed: Mapping[str, Any], own: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a feed (as read) holds of media: the story fields it gives a creative whose story shows none
    (the feed's first: a dynamic creative's story is its Page alone), and its ``media_options`` (the feed's
    media without the story's own; a feed of the story's own alone holds none; a feed of videos on an image
    ad's story, all of them, which import then refuses). Both empty when the feed holds no media. An image
    echoed with both ``url`` and ``hash`` is read as its hash beside a story's ``image_hash`` (the story was
    sent by hash, and so were its feed's, ``check_media_options``), as its URL otherwise."""
    story: dict[str, Any] = {}
    options: dict[str, list[str]] = {}
    for kind in held_media_keys(feed):
        by = "hash" if kind == "images" and own.get("image_hash") else None
        items = held_media(kind, feed.get(kind), by=by) or []
        first = story_first(kind, own)
        if not any(own.get(medium) for medium in _STORY_MEDIA):
            first = items[0]
            story["image_hash" if kind == "images" and by_hash(first) else STORY_MEDIA[kind][0]] = first
        if further := [item for item in items if item != first]:
            options[kind] = further
    return story, ({MEDIA_OPTIONS: options} if options else {})


def check_media_options(add: Add, path: PathKey, creative: Creative, spec: CampaignSpec) -> None:
    """``meta.images`` and ``meta.videos``: ``images`` on an image creative with an ``image_url`` (each a
    URL) or a ``meta.image_hash`` (each ``{hash: …}``, of the library), ``videos`` on a video creative, that
    runs on Meta and sends people somewhere (not a photo post), in no ad set opening several messaging apps
    (whose feed holds their buttons); at most ``MEDIA_MAX`` with the first, none twice."""
    at: PathKey = (*path, "meta")
    media = media_options_of(creative)
    image_first, image_field = (
        (creative.meta.image_hash, "meta.image_hash")
        if creative.meta.image_hash and not creative.image_url
        else (creative.image_url, "image_url")
    )
    asks = [
        ("images", media.get("images", []), "image", image_first, image_field),
        ("videos", media.get("videos", []), "video", creative.video_id, "video_id"),
    ]
    for key, items, kind, first, first_field in asks:
        if not items:
            continue
        where: PathKey = (*at, key)
        if not on_meta(creative, spec):
            add(where, f"found {key} on a creative not running on Meta; expected none")
            continue
        if key == "videos" and creative.type == "image" and only_dynamic_adsets(creative, spec):
            # Images and videos mixed across placements, a dynamic creative's AUTOMATIC_FORMAT
            # (``spec._meta_dynamic_creative``): every video an option, the story showing the first image.
            first = None
        elif creative.type != kind:
            add(
                where,
                f"found {key} on {a_or_an(creative.type)} creative; expected them only on {kind!r} creatives"
                + (
                    " (or on an image creative of dynamic creative ad sets alone, whose feed mixes images "
                    "and videos: AUTOMATIC_FORMAT)"
                    if key == "videos"
                    else ""
                ),
            )
            continue
        if not first and key == "images":
            add(
                where,
                "found images without its image_url (or meta.image_hash); expected the creative's first "
                "image, by URL (image_url) or of the library (meta.image_hash)",
            )
            continue
        if not first and creative.type == kind:
            add(
                where,
                f"found {key} without its {first_field}; expected the creative's {first_field}, the first",
            )
            continue
        if key == "images" and _mixed_images(add, where, items, first_field):
            continue
        if key == "images" and spec.sends_nowhere(creative):
            add(
                where,
                "found images on an image sending people nowhere (a photo post, one image); expected a "
                "final_url, or no images",
            )
            continue
        if several := several_apps_adsets(creative, spec):
            add(
                where,
                f"found {key} on a creative of ad sets opening several messaging apps "
                f"({', '.join(several)}), whose asset feed holds each app's button; expected none there",
            )
            continue
        every = with_first(first, items)
        if len(every) > MEDIA_MAX:
            add(
                where,
                f"found {len(every)} {key} ({first_field} and {key}); expected at most {MEDIA_MAX} (Meta's "
                "asset feed; believed, unconfirmed)",
            )
        seen: set[str] = set()
        for item in every:
            if item in seen:
                add(
                    where,
                    f"found {item!r} twice among the {key} ({first_field} and {key}); expected each once",
                )
            seen.add(item)


def _mixed_images(add: Add, where: PathKey, images: Sequence[str], first_field: str) -> bool:
    """Whether ``images`` (normalised, ``by_hash``) are not all of the kind of the story's first
    (``first_field``: URLs beside ``image_url``, hashes beside ``meta.image_hash``), each told at its line.
    Meta may echo both a ``url`` and a ``hash`` of an image, so the read tells an image's kind by its story's
    (``read_media_options``); and whether Meta takes a mixed feed at all is unconfirmed."""
    library = first_field == "meta.image_hash"
    found = False
    for index, image in enumerate(images):
        if by_hash(image) == library:
            continue
        found = True
        said = (
            f"an image by URL ({image!r}) beside meta.image_hash; expected each image of the library, "
            "{hash: …}"
            if library
            else f"an image of the library ({{hash: {image}}}) beside image_url; expected each image by URL"
        )
        add(
            (*where, index),
            f"found {said} (a feed is of one kind, its story's: Meta may echo both url and hash of an image, "
            "so MIDAS reads each as its story's kind; unconfirmed that Meta takes both in one feed)",
        )
    return found
