"""The creatives Meta alone runs: a carousel (``type: carousel``) and an existing Page post (``type: post``).

A carousel is a link ad whose ``link_data.child_attachments`` are its cards (facebook-business
AdCreativeLinkData and AdCreativeLinkDataChildAttachment). Meta's AdCreativeLinkData reference: "A 2-5
element array of link objects required for carousel ads. If multi_share_optimized is set to true, this array
could have up to 10 objects"; each card's ``link`` is where it sends people, and its ``picture`` (an image
URL), ``image_hash`` (an image of the ad account's library) or ``video_id`` (an uploaded video: "The
thumbnail image is specified by image_hash or picture") what it shows.
Its headlines and images are its cards', its ``primary_text`` the message above them, its ``final_url`` the
carousel's own link (``link_data.link``), and every card takes the creative's call to action to its own link.

A Page post creative runs a post already on the Page (``object_story_id``, ``<page id>_<post id>``): its
texts, media, link and button are the post's, so it names none of them.

An image creative sending people nowhere (``CampaignSpec.sends_nowhere``) is a photo post made for the ad
(``object_story_spec.photo_data``, facebook-business AdCreativePhotoData: ``url`` or ``image_hash``, and
``caption``, "The description of the image"): its one text is the photo's caption, its ``primary_text``.

Google's ads hold no Page post: such a creative runs on Meta alone (``platforms: [meta]`` on a campaign that
runs on Google too). A carousel runs on Google in a Demand Gen campaign alone, as a Demand Gen carousel ad
(``spec._google_demand_gen.check_demand_gen_carousel``); elsewhere it is Meta's alone too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.spec._describe import a_or_an
from midas_reconcile.spec._meta_media_options import check_media_options
from midas_reconcile.spec._meta_text_options import check_text_options
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import META_ONLY_CREATIVE_TYPES, CampaignSpec, Creative, Objective

Add = Callable[[PathKey, str], None]

#: A carousel's cards: at least 2, at most 5, or 10 when Meta orders them (``meta.multi_share_optimized``).
CAROUSEL_CARDS: Final = (2, 5, 10)
#: Meta's link data, video data and cards take one image: by URL (``picture``/``image_url``) or by hash.
_ONE_IMAGE: Final = (
    "found both image_url and image_hash; expected one image: by URL (Meta fetches it) or by hash (an image "
    "of the ad account's library)"
)
_KIND: Final = {"carousel": "a carousel", "post": "a Page post creative"}
#: What a Page post creative leaves to the post (field → what it is).
_POST_HOLDS: Final = {
    "headlines": "headlines",
    "descriptions": "descriptions",
    "primary_text": "primary text",
    "final_url": "link",
    "call_to_action": "call to action",
    "image_url": "image",
    "video_id": "video",
    "cards": "cards",
}


def check_meta_only_creative(
    add: Add, path: PathKey, creative: Creative, on_google: bool, spec: CampaignSpec
) -> None:
    """The rules of a carousel or Page post creative, of a Meta-only image sending people nowhere (a photo
    post: no headlines nor descriptions), and that no creative says what only the other types do (``cards``,
    ``post_id``, a carousel's ``meta`` options)."""
    _fields_of_their_type(add, path, creative)
    check_text_options(add, path, creative, spec)
    check_media_options(add, path, creative, spec)
    if creative.type == "image" and spec.sends_nowhere(creative) and not on_google:
        _photo_post(add, path, creative)
    if creative.type not in META_ONLY_CREATIVE_TYPES:
        return
    kind = _KIND[creative.type]
    google_carousel = creative.type == "carousel" and spec.google.channel == "demand_gen"
    if on_google and not google_carousel:
        why = (
            "runs on Google in a Demand Gen campaign alone (google.channel demand_gen: a Demand Gen "
            "carousel ad)"
            if creative.type == "carousel"
            else "runs on Meta alone (a Google ad cannot hold one)"
        )
        add((*path, "type"), f"{kind} {why}; expected 'platforms: [meta]' on this creative")
    if spec.objective == Objective.APP_PROMOTION:
        add(
            (*path, "type"),
            f"found {creative.type!r} in an app_promotion campaign, whose ads link to the app's store page; "
            "expected text, image or video",
        )
    if creative.google.model_fields_set and not google_carousel:
        add((*path, "google"), f"{kind} runs on Meta alone; expected no google options")
    for index, card in enumerate(creative.cards):
        if card.google.model_fields_set and not google_carousel:
            add(
                (*path, "cards", index, "google"),
                "a carousel card's google options are a Google Demand Gen carousel ad's: expected none "
                "but in a campaign with google.channel demand_gen",
            )
    on_meta = spec.platforms.meta is not None and (creative.platforms is None or "meta" in creative.platforms)
    if creative.type == "carousel":
        if on_meta or not on_google:
            _carousel(add, path, creative)
        else:  # a Google carousel's own link and cards' are checked with the rest of its Google ad
            _carousel_texts_and_media(add, path, creative)
    else:
        _post(add, path, creative)


def _fields_of_their_type(add: Add, path: PathKey, creative: Creative) -> None:
    found_on = f"{a_or_an(creative.type)} creative"
    if creative.type != "carousel" and creative.cards:
        add((*path, "cards"), f"found cards on {found_on}; expected cards only with type: carousel")
    if creative.type != "post" and creative.post_id is not None:
        add((*path, "post_id"), f"found a post_id on {found_on}; expected one only with type: post")
    if creative.type != "carousel" and creative.meta.multi_share_optimized is not None:
        add(
            (*path, "meta", "multi_share_optimized"),
            f"found multi_share_optimized on {found_on}; expected it only on a carousel",
        )
    # A catalog template's end card is its own (``spec._meta_catalog``).
    if creative.type not in ("carousel", "catalog") and creative.meta.multi_share_end_card is not None:
        add(
            (*path, "meta", "multi_share_end_card"),
            f"found multi_share_end_card on {found_on}; expected it only on a carousel or a catalog template",
        )
    if creative.type != "catalog" and creative.meta.static_cards is not None:
        add(
            (*path, "meta", "static_cards"),
            f"found static_cards on {found_on}; expected them only on a catalog template (type: catalog)",
        )
    if creative.type != "catalog" and creative.meta.catalog_format is not None:
        add(
            (*path, "meta", "catalog_format"),
            f"found catalog_format on {found_on}; expected it only on a catalog template (type: catalog)",
        )
    if creative.meta.image_hash is not None:
        if creative.type not in ("image", "video"):
            add(
                (*path, "meta", "image_hash"),
                f"found an image_hash on {found_on}; expected one only on an image creative (its image) or a "
                "video creative (its thumbnail), a carousel's on its cards",
            )
        elif creative.image_url is not None:
            add((*path, "meta", "image_hash"), _ONE_IMAGE)


def _carousel(add: Add, path: PathKey, creative: Creative) -> None:
    low, plain, high = CAROUSEL_CARDS
    count = len(creative.cards)
    optimized = creative.meta.multi_share_optimized is True
    if count < low:
        add(
            (*path, "cards"),
            f"found {count} card{'s' * (count != 1)}; expected at least {low} for a Meta carousel",
        )
    elif count > high:
        add(
            (*path, "cards"),
            f"found {count} cards; expected at most {high} for a Meta carousel (with 'meta: "
            f"{{multi_share_optimized: true}}'; {plain} without)",
        )
    elif count > plain and not optimized:
        add(
            (*path, "cards"),
            f"found {count} cards; expected at most {plain}, or up to {high} with 'meta: "
            "{multi_share_optimized: true}' (Meta then orders the cards and shows the best)",
        )
    if creative.final_url is None:
        add(
            (*path, "final_url"),
            "a carousel needs 'final_url' (its own link, link_data.link, beside its cards'); found none",
        )
    _carousel_texts_and_media(add, path, creative)
    for index, card in enumerate(creative.cards):
        if card.final_url is None:
            add(
                (*path, "cards", index),
                "a carousel card needs 'final_url' (where it sends people); found none",
            )
        if card.image_url is None and card.image_hash is None and card.video_id is None:
            add(
                (*path, "cards", index),
                "a carousel card needs 'image_url', 'image_hash' or 'video_id'; found none",
            )
        if card.image_url is not None and card.image_hash is not None:
            add((*path, "cards", index, "image_hash"), _ONE_IMAGE)


def meta_carousel_problems(creative: Creative) -> list[str]:
    """Why the carousel ``creative`` cannot be a Meta carousel ([] when it can)."""
    problems: list[str] = []
    _carousel(lambda _path, message: problems.append(message), (), creative)
    return problems


def _carousel_texts_and_media(add: Add, path: PathKey, creative: Creative) -> None:
    """A carousel's headlines, descriptions and media are its cards', on Meta and Google alike."""
    for field, what in (("headlines", "headlines"), ("descriptions", "descriptions")):
        if getattr(creative, field):
            add(
                (*path, field), f"a carousel's {what} are its cards' (each card's {what[:-1]}); expected none"
            )
    for field in ("image_url", "video_id"):
        if getattr(creative, field) is not None:
            add((*path, field), f"a carousel's media are its cards' (each card's {field}); expected none")


def _photo_post(add: Add, path: PathKey, creative: Creative) -> None:
    """A photo post has no headline nor link description (AdCreativePhotoData): a creative's would be lost."""
    for field in ("headlines", "descriptions"):
        if getattr(creative, field):
            add(
                (*path, field),
                f"found {field} on an image creative sending people nowhere: its Meta ad is a photo post, "
                "whose only text is its caption; expected none (primary_text is the caption)",
            )


def _post(add: Add, path: PathKey, creative: Creative) -> None:
    if creative.post_id is None:
        add(
            (*path, "type"),
            "a Page post creative needs 'post_id' (the post it runs, '<page id>_<post id>'); found none",
        )
    for field, what in _POST_HOLDS.items():
        if field in creative.model_fields_set and getattr(creative, field):
            add(
                (*path, field),
                f"a Page post creative runs the post as it is, whose {what} it holds; expected none",
            )
