"""How a Meta creative's asset feed reads (``spec._meta_messaging``): each messaging app's button compared by
type and app, Meta's own defaults and empties no content, texts as text options, several images or videos as
media options (``spec._meta_media_options``), all else MIDAS cannot hold, by path."""

from __future__ import annotations

from typing import Any

import pytest

from midas_reconcile.connectors.meta_graph import normalise
from midas_reconcile.connectors.sandbox.meta_rules import check_creative
from midas_reconcile.errors import PermanentError
from midas_reconcile.snapshots import lifted_text_options
from midas_reconcile.spec._meta_media_options import media_feed
from midas_reconcile.spec._meta_messaging import several_apps_feed, unheld_feed
from midas_reconcile.spec._meta_text_options import (
    compared,
    folded,
    read_text_options,
    text_feed,
)

MESSENGER = {"type": "MESSAGE_PAGE", "value": {"app_destination": "MESSENGER"}}
WHATSAPP = {"type": "WHATSAPP_MESSAGE", "value": {"app_destination": "WHATSAPP"}}
#: Images MIDAS cannot hold: one of the library cropped its own way (AdAssetFeedSpecImage ``image_crops``).
CROPPED = [{"hash": "5d41402abc4b2a76b9719d911017c592", "image_crops": {"191x100": [[0, 0], [100, 52]]}}]


@pytest.mark.parametrize(
    ("feed", "unheld"),
    [
        ({"call_to_actions": [MESSENGER, WHATSAPP]}, {}),
        ({"call_to_actions": [MESSENGER, WHATSAPP], "optimization_type": "REGULAR"}, {}),
        ({"call_to_actions": [MESSENGER], "reasons_to_shop": False, "shops_bundle": False}, {}),
        ({"call_to_actions": [MESSENGER], "additional_data": {"is_click_to_message": False}}, {}),
        ({"call_to_actions": [MESSENGER], "autotranslate": [], "ad_formats": None, "titles": ""}, {}),
        (
            {"call_to_actions": [MESSENGER], "optimization_type": "DEGREES_OF_FREEDOM"},
            {"asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM"},
        ),
        ({"shops_bundle": True}, {"asset_feed_spec.shops_bundle": True}),
        ({"additional_data": {"x": 1}}, {"asset_feed_spec.additional_data": {"x": 1}}),
    ],
    ids=["buttons", "regular", "false-flags", "empty-additional-data", "empties", "dof", "true-flag", "data"],
)
def test_meta_s_defaults_and_empties_are_no_unheld_content(
    feed: dict[str, Any], unheld: dict[str, Any]
) -> None:
    assert unheld_feed(feed) == unheld


def _with_value(button: dict[str, Any], **value: Any) -> dict[str, Any]:
    return {**button, "value": {**button["value"], **value}}


@pytest.mark.parametrize(
    ("button", "held"),
    [
        (_with_value(MESSENGER, link="https://fb.com/messenger_doc/"), True),
        (_with_value(MESSENGER, link=None, page_id=""), True),
        ({**MESSENGER, "adlabels": []}, True),
        (_with_value(MESSENGER, lead_gen_form_id="77"), False),
        ({**MESSENGER, "adlabels": [{"name": "x"}]}, False),
        ({"value": {"app_destination": "MESSENGER"}}, False),
    ],
    ids=["echoed-link", "empty-keys", "empty-action-key", "lead-form", "action-key", "no-type"],
)
def test_a_button_is_its_app_s_by_type_and_app_whatever_meta_echoes_beside(
    button: dict[str, Any], held: bool
) -> None:
    feed = {"call_to_actions": [button, WHATSAPP]}
    buttons = several_apps_feed(feed)
    assert buttons is not None
    apps = [b["value"]["app_destination"] for b in buttons["call_to_actions"]]
    assert ("MESSENGER" in apps) is held, buttons
    assert ("asset_feed_spec.call_to_actions[0]" in unheld_feed(feed)) is not held
    if held:
        assert buttons["call_to_actions"][0] == MESSENGER  # compared as MIDAS sends it


def _texts(*texts: str) -> list[dict[str, Any]]:
    return [{"text": t} for t in texts]


@pytest.mark.parametrize(
    ("feed", "story", "options", "unheld"),
    [
        (
            {"bodies": _texts("A", "B"), "titles": _texts("T"), "optimization_type": "DEGREES_OF_FREEDOM"},
            {},
            {"bodies": ["A", "B"], "titles": ["T"]},
            {},
        ),
        ({"bodies": _texts("B"), "optimization_type": "REGULAR"}, {"body": "A"}, {"bodies": ["A", "B"]}, {}),
        ({"bodies": _texts("A", "B")}, {"body": "B", "title": "T"}, {"bodies": ["A", "B"], "titles": ["T"]},
         {}),
        ({"bodies": _texts("A", "A")}, {}, {"bodies": ["A"]}, {}),
        ({"bodies": [{"text": "A", "url_tags": "", "adlabels": []}]}, {}, {"bodies": ["A"]}, {}),
        (
            {"bodies": [{"text": "A", "url_tags": "x=1"}], "titles": _texts("T")},
            {},
            {"titles": ["T"]},
            {"asset_feed_spec.bodies": [{"text": "A", "url_tags": "x=1"}]},
        ),
        (
            {"bodies": _texts("A"), "images": CROPPED, "optimization_type": "DEGREES_OF_FREEDOM"},
            {},
            {"bodies": ["A"]},
            {"asset_feed_spec.images": CROPPED},
        ),
        (
            {"call_to_actions": [MESSENGER, WHATSAPP], "bodies": _texts("A")},
            {"body": "B"},
            None,
            {"asset_feed_spec.bodies": _texts("A")},
        ),
        ({"optimization_type": "DEGREES_OF_FREEDOM"}, {"body": "A"}, None, {
            "asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM"
        }),
    ],
    ids=["feed-alone", "story-first", "story-in-feed", "twice", "echoed-empties", "tagged-body",
         "images", "several-apps", "no-texts"],
)  # fmt: skip
def test_texts_of_a_feed_read_as_text_options_with_the_story_s_first_and_the_rest_unheld(
    feed: dict[str, Any], story: dict[str, Any], options: dict[str, list[str]] | None, unheld: dict[str, Any]
) -> None:
    read = read_text_options(feed)
    assert (folded({**story, "text_options": read})["text_options"] if read is not None else None) == options
    assert unheld_feed(feed) == unheld


def test_text_options_write_as_an_asset_feed_over_its_buttons() -> None:
    feed = text_feed({"bodies": ["A", "B"], "descriptions": ["D"]})
    assert feed == {
        "bodies": _texts("A", "B"),
        "descriptions": _texts("D"),
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    assert read_text_options(feed) == {"bodies": ["A", "B"], "descriptions": ["D"]}
    assert unheld_feed(feed) == {}


def test_a_feed_of_texts_on_a_creative_that_cannot_carry_text_options_is_all_unheld() -> None:
    feed = {"bodies": _texts("A"), "optimization_type": "DEGREES_OF_FREEDOM"}
    assert unheld_feed(feed, capable=False) == {
        "asset_feed_spec.bodies": _texts("A"),
        "asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM",
    }


PLAIN = {"title": "T", "body": "A", "link_url": "https://x.example/"}
CONSOLE_FED = {**PLAIN, "text_options": {"bodies": ["B"]}}
OPTED = {"link_url": "https://x.example/", "text_options": {"bodies": ["A", "B"], "titles": ["T"]}}


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        (PLAIN, CONSOLE_FED, False),  # a console's feed on a creative not opting in: a difference, replaced
        (CONSOLE_FED, PLAIN, False),
        (OPTED, {**PLAIN, "text_options": {"bodies": ["B"]}}, True),  # Ads Manager's: first text in the story
        (OPTED, PLAIN, False),  # opting in over a creative of one text each
        (PLAIN, {"link_url": "https://x.example/", "text_options": {"bodies": ["A"]}}, False),  # opting out
        (OPTED, {**OPTED, "text_options": {"bodies": ["A"], "titles": ["T"]}}, False),
    ],
    ids=["console-feed", "console-feed-reversed", "story-first", "opting-in", "opting-out", "one-cut"],
)
def test_text_options_fold_the_story_s_texts_only_where_both_sides_hold_options(
    left: dict[str, Any], right: dict[str, Any], same: bool
) -> None:
    a, b = compared(left, right)
    assert (a == b) is same
    if "text_options" not in left or "text_options" not in right:
        assert (a, b) == (left, right)  # left as they are: no feed is left out of the comparison


def _link_creative(feed: dict[str, Any], **story: str) -> dict[str, Any]:
    """A link creative's Graph node as read, its story's own texts ``story`` (Graph names), and ``feed``."""
    link = {"link": "https://x.example/", **story}
    return {"object_story_spec": {"page_id": "1", "link_data": link}, "asset_feed_spec": feed}


@pytest.mark.parametrize(
    ("feed", "story", "options"),
    [
        ({"bodies": _texts("A"), "optimization_type": "REGULAR"}, {"message": "A"}, None),
        ({"bodies": [{"text": "A", "url_tags": [], "adlabels": []}]}, {"message": "A"}, None),
        ({"bodies": _texts("A"), "titles": _texts("T")}, {"message": "A", "name": "T"}, None),
        ({"titles": _texts("T")}, {"message": "A", "name": "T"}, None),
        ({"bodies": _texts("A"), "titles": _texts("T", "U")}, {"message": "A", "name": "T"},
         {"titles": ["T", "U"]}),
        ({"bodies": _texts("A", "B")}, {"message": "A"}, {"bodies": ["A", "B"]}),
        ({"bodies": _texts("B")}, {"message": "A"}, {"bodies": ["B"]}),
        ({"bodies": _texts("A")}, {}, {"bodies": ["A"]}),
    ],
    ids=["own-body", "own-body-echoes", "own-body-and-title", "own-title", "own-body-beside-titles",
         "own-and-another", "another", "no-story-text"],
)  # fmt: skip
def test_a_feed_kind_restating_the_story_s_own_one_text_is_no_option(
    feed: dict[str, Any], story: dict[str, str], options: dict[str, list[str]] | None
) -> None:
    fields = normalise("adcreative", _link_creative(feed, **story))
    assert fields.get("text_options") == options, fields
    assert "asset_feed_unheld" not in fields, fields


TAGGED = [{"text": "B", "url_tags": "x=1"}]
BUTTON = {"type": "LEARN_MORE"}
#: A single-app chat ad's own button, as Ads Manager may restate it in the feed.
CHAT_BUTTON = {"type": "WHATSAPP_MESSAGE", "value": {"app_destination": "WHATSAPP"}}


@pytest.mark.parametrize(
    ("fields", "lifted"),
    [
        (
            {"body": "A", "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B"),
                                                "asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM"}},
            {"body": "A", "text_options": {"bodies": ["B"]}},
        ),
        (
            {"body": "A", "asset_feed_unheld": {"asset_feed_spec.titles": _texts("T", "U"),
                                                "asset_feed_spec.images": CROPPED}},
            {"body": "A", "text_options": {"titles": ["T", "U"]},
             "asset_feed_unheld": {"asset_feed_spec.images": CROPPED}},
        ),
        (
            {"body": "A", "asset_feed_unheld": {"asset_feed_spec.bodies": TAGGED}},
            {"body": "A", "asset_feed_unheld": {"asset_feed_spec.bodies": TAGGED}},
        ),
        (
            {"cards": [{"title": "c"}], "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B")}},
            {"cards": [{"title": "c"}], "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B")}},
        ),
        (
            {"body": "A", "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B"),
                                                "asset_feed_spec.call_to_actions[1]": BUTTON}},
            {"body": "A", "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B"),
                                                "asset_feed_spec.call_to_actions[1]": BUTTON}},
        ),
        (
            {"body": "A", "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("A"),
                                                "asset_feed_spec.optimization_type": "REGULAR"}},
            {"body": "A"},
        ),
        (
            {"body": "A", "call_to_action_type": "WHATSAPP_MESSAGE", "app_destination": "WHATSAPP",
             "asset_feed_spec": {"call_to_actions": [CHAT_BUTTON]},
             "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B")}},
            {"body": "A", "call_to_action_type": "WHATSAPP_MESSAGE", "app_destination": "WHATSAPP",
             "text_options": {"bodies": ["B"]}},
        ),
        (
            {"body": "A", "image_url": "https://cdn.example.com/a.png",
             "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B")}},
            {"body": "A", "image_url": "https://cdn.example.com/a.png",
             "asset_feed_unheld": {"asset_feed_spec.bodies": _texts("B")}},
        ),
    ],
    ids=["texts", "beside-images", "tagged", "carousel", "buttons", "own-text", "restated-own-button",
         "photo-post"],
)  # fmt: skip
def test_a_snapshot_s_text_feed_stored_unheld_before_text_options_lifts_as_the_read_holds_it(
    fields: dict[str, Any], lifted: dict[str, Any]
) -> None:
    assert lifted_text_options(fields) == lifted


A, B, C = (f"https://cdn.example.com/{x}.png" for x in "abc")
_LINK = {"link": "https://shop.example.com/", "call_to_action": {"type": "LEARN_MORE"}}


@pytest.mark.parametrize(
    ("story", "feed", "read", "unheld"),
    [
        # As MIDAS makes it: the story's first image, every image in the feed.
        ({**_LINK, "picture": A}, {"images": [{"url": A}, {"url": B}, {"url": C}]},
         {"image_url": A, "media_options": {"images": [B, C]}}, {}),
        # Meta's echoes (an image's library hash, REGULAR): nothing more.
        ({**_LINK, "picture": A},
         {"images": [{"url": B, "hash": "h", "url_tags": ""}], "optimization_type": "REGULAR"},
         {"image_url": A, "media_options": {"images": [B]}}, {}),
        # A story without an image (a dynamic creative's): the feed's first is its image.
        (_LINK, {"images": [{"url": A}, {"url": B}]}, {"image_url": A, "media_options": {"images": [B]}}, {}),
        # A feed of the story's own image alone restates it: no options.
        ({**_LINK, "picture": A}, {"images": [{"url": A}]}, {"image_url": A}, {}),
        ({"video_id": "7", "call_to_action": {"type": "LEARN_MORE", "value": {"link": "https://shop.example.com/"}}},
         {"videos": [{"video_id": "7"}, {"video_id": "8", "thumbnail_url": "t"}]},
         {"video_id": "7", "media_options": {"videos": ["8"]}}, {}),
        # Videos on an image ad's story (or images on a library image's): each an option, none the story's.
        ({**_LINK, "picture": A}, {"videos": [{"video_id": "7"}]}, {"image_url": A,
         "media_options": {"videos": ["7"]}}, {}),
        # Images of their own url_tags, cropped their own way, or beside videos: none MIDAS holds.
        ({**_LINK, "picture": A}, {"images": [{"url": B, "url_tags": "x=1"}]}, {"image_url": A},
         {"asset_feed_spec.images": [{"url": B, "url_tags": "x=1"}]}),
        ({**_LINK, "picture": A}, {"images": CROPPED}, {"image_url": A}, {"asset_feed_spec.images": CROPPED}),
        ({**_LINK, "picture": A}, {"images": [{"url": B}], "videos": [{"video_id": "8"}]}, {"image_url": A},
         {"asset_feed_spec.images": [{"url": B}], "asset_feed_spec.videos": [{"video_id": "8"}]}),
        # A video's image_hash, no field of AdAssetFeedSpecVideo (facebook-business): no echo MIDAS holds.
        ({"video_id": "7", "call_to_action": {"type": "LEARN_MORE", "value": {"link": "https://shop.example.com/"}}},
         {"videos": [{"video_id": "7"}, {"video_id": "8", "image_hash": "h"}]}, {"video_id": "7"},
         {"asset_feed_spec.videos": [{"video_id": "7"}, {"video_id": "8", "image_hash": "h"}]}),
        # A dynamic creative's link, button and format in its feed: told beside its images, which are held.
        ({**_LINK, "picture": A}, {"images": [{"url": B}], "ad_formats": ["SINGLE_IMAGE"]},
         {"image_url": A, "media_options": {"images": [B]}},
         {"asset_feed_spec.ad_formats": ["SINGLE_IMAGE"]}),
    ],
    ids=["made", "echoes", "story-without", "restated", "videos", "videos-on-image", "tagged", "cropped",
         "mixed", "video-image-hash",
         "ad-formats"],
)  # fmt: skip
def test_images_or_videos_of_a_feed_read_as_media_options_beside_the_story_s_own(
    story: dict[str, Any], feed: dict[str, Any], read: dict[str, Any], unheld: dict[str, Any]
) -> None:
    data = "video_data" if "video_id" in story else "link_data"
    row = {
        "id": "1",
        "name": "c",
        "object_story_spec": {"page_id": "9", data: story},
        "asset_feed_spec": feed,
    }
    fields = normalise("adcreative", row)
    assert {k: fields[k] for k in ("image_url", "video_id", "media_options") if k in fields} == read
    assert fields.get("asset_feed_unheld", {}) == unheld


H1, H2, H3 = "5d41402abc4b2a76b9719d911017c592", "7d793037a0760186574b0282f2f435e7", f"{3:032x}"
#: The URL Meta may echo beside an image of the library it was sent by hash (its CDN copy; believed).
CDN = "https://scontent.xx.fbcdn.net/v/t45.1600-4/library.png"


@pytest.mark.parametrize(
    ("story", "feed", "read"),
    [
        # As MIDAS makes it (Ads Manager's shape): the story's image of the library first, every one by hash.
        ({**_LINK, "image_hash": H1}, {"images": [{"hash": H1}, {"hash": H2}, {"hash": H3}]},
         {"image_hash": H1, "media_options": {"images": [H2, H3]}}),
        # Meta echoing each one's URL beside its hash: read by hash, as its story was sent.
        ({**_LINK, "image_hash": H1, "picture": CDN},
         {"images": [{"hash": H1, "url": CDN}, {"hash": H2, "url": CDN + "?2"}],
          "optimization_type": "REGULAR"},
         {"image_hash": H1, "media_options": {"images": [H2]}}),
        # A story without an image: the feed's first (of the library) is its image.
        (_LINK, {"images": [{"hash": H1}, {"hash": H2}]},
         {"image_hash": H1, "media_options": {"images": [H2]}}),
        # A feed of the story's own alone restates it.
        ({**_LINK, "image_hash": H1}, {"images": [{"hash": H1, "url": CDN}]}, {"image_hash": H1}),
        # Mixed (an image of a hash alone beside a story by URL, and the reverse): each read as it is, options
        # import refuses by name (``importing.derive._mixed_feed``).
        ({**_LINK, "picture": A}, {"images": [{"url": A}, {"hash": H2}]},
         {"image_url": A, "media_options": {"images": [H2]}}),
        ({**_LINK, "image_hash": H1}, {"images": [{"hash": H1}, {"url": B}]},
         {"image_hash": H1, "media_options": {"images": [B]}}),
    ],
    ids=["made", "url-echoed", "story-without", "restated", "hash-beside-url", "url-beside-hash"],
)  # fmt: skip
def test_images_of_the_library_in_a_feed_read_by_hash_beside_a_story_of_the_library(
    story: dict[str, Any], feed: dict[str, Any], read: dict[str, Any]
) -> None:
    row = {
        "id": "1",
        "name": "c",
        "object_story_spec": {"page_id": "9", "link_data": story},
        "asset_feed_spec": feed,
    }
    fields = normalise("adcreative", row)
    assert {k: fields[k] for k in ("image_url", "image_hash", "media_options") if k in fields} == read
    assert "asset_feed_unheld" not in fields


def test_a_snapshot_s_images_stored_unheld_before_media_options_lift_as_the_read_holds_them() -> None:
    unheld = {
        "asset_feed_spec.images": [{"url": A}, {"url": B}],
        "asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM",
    }
    fields = {"image_url": A, "link_url": "https://shop.example.com/", "asset_feed_unheld": unheld}
    assert lifted_text_options(fields) == {
        "image_url": A,
        "link_url": "https://shop.example.com/",
        "media_options": {"images": [B]},
    }


def test_a_snapshot_holding_text_options_lifts_its_images_stored_unheld_beside_them() -> None:
    """A snapshot taken after MIDAS held text options, before it held images: the texts held, the images
    stored unheld; both are lifted, by the one path the read takes."""
    fields = {
        "image_url": A,
        "link_url": "https://shop.example.com/",
        "text_options": {"titles": ["T1", "T2"]},
        "asset_feed_unheld": {"asset_feed_spec.images": [{"url": A}, {"url": B}]},
    }
    assert lifted_text_options(fields) == {
        "image_url": A,
        "link_url": "https://shop.example.com/",
        "text_options": {"titles": ["T1", "T2"]},
        "media_options": {"images": [B]},
    }


def test_a_snapshot_s_images_of_the_library_stored_unheld_before_midas_held_them_lift_by_hash() -> None:
    """A snapshot taken when a feed of hashes alone was unheld: lifted as the read now holds it, the story's
    ``image_hash`` first, the others its ``media_options``."""
    unheld = {"asset_feed_spec.images": [{"hash": H1}, {"hash": H2, "url": CDN}, {"hash": H3}]}
    fields = {"image_hash": H1, "link_url": "https://shop.example.com/", "asset_feed_unheld": unheld}
    assert lifted_text_options(fields) == {
        "image_hash": H1,
        "link_url": "https://shop.example.com/",
        "media_options": {"images": [H2, H3]},
    }


@pytest.mark.parametrize(
    ("feed", "said"),
    [
        ({"images": [{"url": f"https://cdn.example.com/{n}.png"} for n in range(11)]}, "at most 10 images"),
        ({"videos": [{"thumbnail_url": "t"}]}, r"asset_feed_spec.videos\[0\] needs video_id"),
        ({"images": [{"hash": "H1"}]}, r"asset_feed_spec.images\[0\]\[hash\] 'H1' is not an image hash"),
    ],
    ids=["eleven-images", "video-without-id", "malformed-hash"],
)
def test_the_sandbox_refuses_a_feed_of_more_media_than_meta_takes_or_an_entry_naming_none(
    feed: dict[str, Any], said: str
) -> None:
    creative = {"object_story_spec": {"page_id": "9", "link_data": _LINK}, "asset_feed_spec": feed}
    with pytest.raises(PermanentError, match=said):
        check_creative(creative)


@pytest.mark.parametrize(
    "fields",
    [
        {"image_hash": H1, "media_options": {"images": [CDN, H2]}},
        {"image_url": CDN, "media_options": {"images": [H2]}},
    ],
    ids=["urls-beside-a-story-hash", "a-hash-beside-a-story-url"],
)
def test_media_feed_never_builds_a_feed_mixing_images_by_url_and_of_the_library(
    fields: dict[str, Any],
) -> None:
    """A feed of both kinds is never sent (an image echoed with both could not be told, and whether Meta takes
    one is unconfirmed): refused by name before any write."""
    with pytest.raises(PermanentError, match=r"asset_feed_spec\.images .*both by URL and of the library"):
        media_feed(fields)
