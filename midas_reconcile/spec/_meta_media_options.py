"""Meta's several images or videos in one ad (Ads Manager's flexible media, Advantage+ creative's several
media; the Marketing API's asset feed of a dynamic creative): an image creative's ``meta.images`` (further
image URLs) or a video creative's ``meta.videos`` (further video ids) give its Meta ad every one of them to
pick among per person, its ``image_url`` / ``video_id`` first.

Platform notes (checked 2026-11 with the search tool and facebook-business 26.0.3):
- Confirmed: an asset feed's ``images`` is ``list<AdAssetFeedSpecImage>`` (fields ``url``, ``hash``,
  ``url_tags``, ``adlabels``, ``image_crops``) and its ``videos`` ``list<AdAssetFeedSpecVideo>``
  (``video_id``, ``thumbnail_url``, ``thumbnail_hash``, ``caption_ids``, ``url_tags``, ``adlabels``)
  (adassetfeedspec.py, adassetfeedspecimage.py, adassetfeedspecvideo.py); Meta's "Asset Feed Spec Options"
  page: images "Either ``url`` or ``hash`` is required", videos ``{"video_id": …, "thumbnail_url": …}``.
- Two shapes Meta documents, and what MIDAS does with each:
  * Dynamic Creative (ad set ``is_dynamic_creative``; the creative's ``asset_feed_spec`` carrying images or
    videos with ``ad_formats`` (``SINGLE_IMAGE``, ``SINGLE_VIDEO``, ``AUTOMATIC_FORMAT`` to mix them),
    ``link_urls`` and ``call_to_action_types``, its story the Page alone). Meta's Asset Feed Spec page
    (updated 2026) still documents it. Its link and button live in the feed, which a spec's ``final_url`` and
    ``call_to_action`` cannot say beside the story's: import keeps refusing it, by name
    (``asset_feed_spec.ad_formats`` / ``link_urls`` / ``call_to_action_types``), and any ad of an ad set with
    ``is_dynamic_creative`` true (read, never sent nor compared: ``resources.META_IMPORT_ONLY``).
  * The flexible ad format (``creative_asset_groups_spec`` on the **ad**, groups of images, videos and typed
    texts; Meta's "Get started with the flexible ad format": OUTCOME_SALES and OUTCOME_APP_PROMOTION alone):
    MIDAS neither reads nor sends it (an ad field, not a creative's; unconfirmed how it reads back).
  * What MIDAS makes: an ordinary ad set's creative keeping its story (link, first image or video, button)
    and carrying every image (``{"url": …}``) or video (``{"video_id": …}``) in its ``asset_feed_spec``,
    first the story's own, with ``optimization_type`` ``DEGREES_OF_FREEDOM`` — the shape of MIDAS's text
    options (``spec._meta_text_options``), which it shares a feed with. **Unconfirmed** that Meta takes
    several media this way outside a dynamic creative ad set, and whether it wants ``ad_formats`` beside
    them (MIDAS sends none). **Unconfirmed** too that Meta takes a video bare: the Options page shows
    ``{"video_id": …, "thumbnail_url": …}``, and MIDAS sends ``{"video_id": …}`` alone (a spec's
    ``meta.videos`` are ids, with no thumbnail to send; the SDK types ``thumbnail_url`` without saying it is
    required).
- Believed, unconfirmed: at most 10 images and 10 videos in a feed (``MEDIA_MAX``: public clients of the
  dynamic creative API give "1-10"; the Options page's number of images is not in the stored text). The
  sandbox refuses more (``connectors.sandbox.meta_rules``).
- Believed, unconfirmed: Meta may echo an image's library ``hash`` beside its ``url``, and a video's
  ``thumbnail_url`` / ``thumbnail_hash`` (fields of ``AdAssetFeedSpecVideo``): each is read as saying
  nothing more (``held_media``). Any other key of an entry (a video's ``image_hash``, which
  ``AdAssetFeedSpecVideo`` has not), an image given by its hash alone, or any entry with its own
  ``url_tags`` or ``adlabels``, is no option MIDAS holds (``unheld``: import refuses it by name).
- As read, a feed's images (videos) are the creative's ``media_options`` without the story's own image URL
  (video id), which stays ``image_url`` (``video_id``); a feed of the story's own alone is none; a story
  showing no image nor video takes the feed's first as its own (a feed of videos on an image ad's story is
  all options, which import refuses). So a console's feed of images on a creative
  not opting in is drift of ``media_options`` and the plan replaces the creative; one of the images changed
  is drift too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from midas_reconcile.spec._meta_feed import OPTIMIZATION_TYPE, empty, on_meta, several_apps_adsets
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import CampaignSpec, Creative

Add = Callable[[PathKey, str], None]

#: The normalised creative field of its further media (``{"images": [url, …]}`` or ``{"videos": [id, …]}``,
#: without the story's own first one); on the wire, ``asset_feed_spec``'s lists of that name.
MEDIA_OPTIONS: Final = "media_options"
#: Per feed list: the key of each entry naming the medium, and the normalised story field of the first.
MEDIA_KEY: Final = {"images": "url", "videos": "video_id"}
STORY_MEDIUM: Final = {"images": "image_url", "videos": "video_id"}
#: A story's own media (normalised): a story showing one of them takes no first medium from its feed.
_STORY_MEDIA: Final = ("image_url", "image_hash", "video_id")
#: Media of each kind Meta takes in a feed (believed, unconfirmed: see the module docstring).
MEDIA_MAX: Final = 10
#: What a feed's entry may carry beside its medium without saying more (Meta's echoes, believed).
_ECHOED: Final = {
    "images": frozenset({"hash"}),
    "videos": frozenset({"thumbnail_url", "thumbnail_hash"}),
}


def media_options_of(creative: Creative) -> dict[str, list[str]]:
    """The normalised ``media_options`` of a creative: its ``meta.images`` or ``meta.videos`` (further to its
    ``image_url`` / ``video_id``), an empty list left out."""
    lists = {"images": list(creative.meta.images), "videos": list(creative.meta.videos)}
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
            {key: item} for item in with_first(fields.get(STORY_MEDIUM[kind]), options[kind])
        ]
        for kind, key in MEDIA_KEY.items()
        if len(options.get(kind) or []) > MEDIA_MAX
    }


def media_feed(fields: Mapping[str, Any], feed: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The ``asset_feed_spec`` of a creative's normalised ``fields`` holding ``media_options``, over ``feed``
    (its text options', if any): each kind's list, the story's own first (``sent_media``)."""
    out: dict[str, Any] = dict(feed or {})
    options = fields.get(MEDIA_OPTIONS) or {}
    for kind, key in MEDIA_KEY.items():
        if options.get(kind):
            items = sent_media(fields.get(STORY_MEDIUM[kind]), options[kind])
            out[kind] = [{key: item} for item in items]
    out["optimization_type"] = OPTIMIZATION_TYPE
    return out


def held_media(kind: str, entries: Any) -> list[str] | None:
    """The media of a feed's ``images`` or ``videos`` list when each entry names its medium alone (Meta's
    echoes, ``_ECHOED``, and empty keys tolerated), a medium said twice once; else None (a list MIDAS cannot
    hold, ``spec._meta_messaging.unheld_feed`` names it)."""
    if not isinstance(entries, list) or not entries:
        return None
    key = MEDIA_KEY[kind]
    items: list[str] = []
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get(key), str) or not entry[key]:
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
    held = {kind for kind in MEDIA_KEY if held_media(kind, feed.get(kind)) is not None}
    return frozenset(held) if len(held) == 1 else frozenset()


def read_media_options(
    feed: Mapping[str, Any], own: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What a feed (as read) holds of media: the story fields it gives a creative whose story shows none
    (the feed's first: a dynamic creative's story is its Page alone), and its ``media_options`` (the feed's
    media without the story's own; a feed of the story's own alone holds none; a feed of videos on an image
    ad's story, all of them, which import then refuses). Both empty when the feed holds no media."""
    story: dict[str, Any] = {}
    options: dict[str, list[str]] = {}
    for kind in held_media_keys(feed):
        items = held_media(kind, feed.get(kind)) or []
        first = own.get(STORY_MEDIUM[kind])
        if not any(own.get(medium) for medium in _STORY_MEDIA):
            first = items[0]
            story[STORY_MEDIUM[kind]] = first
        if further := [item for item in items if item != first]:
            options[kind] = further
    return story, ({MEDIA_OPTIONS: options} if options else {})


def check_media_options(add: Add, path: PathKey, creative: Creative, spec: CampaignSpec) -> None:
    """``meta.images`` and ``meta.videos``: ``images`` on an image creative with an ``image_url`` (and no
    ``meta.image_hash``), ``videos`` on a video creative, that runs on Meta and sends people somewhere (not a
    photo post), in no ad set opening several messaging apps (whose feed holds their buttons); at most
    ``MEDIA_MAX`` with the first, none twice."""
    at: PathKey = (*path, "meta")
    asks = [
        ("images", creative.meta.images, "image", creative.image_url, "image_url"),
        ("videos", creative.meta.videos, "video", creative.video_id, "video_id"),
    ]
    for key, items, kind, first, first_field in asks:
        if not items:
            continue
        where: PathKey = (*at, key)
        if not on_meta(creative, spec):
            add(where, f"found {key} on a creative not running on Meta; expected none")
            continue
        if creative.type != kind:
            add(where, f"found {key} on a {creative.type} creative; expected them only on {kind!r} creatives")
            continue
        if not first:
            add(
                where,
                f"found {key} without its {first_field}; expected the creative's {first_field}, the first",
            )
            continue
        if key == "images" and creative.meta.image_hash:
            add(
                where,
                "found images beside meta.image_hash; expected the first image as image_url, or no images",
            )
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
