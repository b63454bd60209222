"""A Meta dynamic creative on the wire and as read (``spec._meta_dynamic_creative``): sent as Meta's "Asset
Feed Spec" page makes one (the Page alone; texts, media, link, button and format in the feed), read back to
the normalised fields it was sent from, what MIDAS cannot hold left to refuse by name; the sandbox's rules of
a dynamic creative ad set's one ad."""

from __future__ import annotations

from typing import Any, Final

import pytest

from midas_reconcile.connectors.addressing import Batch
from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.meta_graph import batch_request, normalise, unexpressed_creative
from midas_reconcile.connectors.sandbox import meta_rules
from midas_reconcile.diff import diff
from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import META, THUMBNAIL_READ, Address, Resource
from midas_reconcile.spec._meta_dynamic_creative import dynamic_mismatch, dynamic_wire

A, B = "https://cdn.example.com/a.png", "https://cdn.example.com/b.png"
H1, H2 = "5d41402abc4b2a76b9719d911017c592", "7d793037a0760186574b0282f2f435e7"
#: A dynamic creative's normalised fields (``compile.meta`` with ``meta.dynamic_creative``).
IMAGES: Final[dict[str, Any]] = {
    "name": "dyn/tests/spring",
    "page_id": "1122334455",
    "dynamic_creative": True,
    "image_url": A,
    "media_options": {"images": [B]},
    "text_options": {"bodies": ["One", "Two"], "titles": ["Shop now"], "descriptions": ["Free returns"]},
    "link_url": "https://shop.example.com/",
    "call_to_action_type": "SHOP_NOW",
    "ad_formats": ["SINGLE_IMAGE"],
    "url_tags": "utm_source=meta",
    "adlabels": ["midas-managed"],
}
LIBRARY: Final = {
    **{k: v for k, v in IMAGES.items() if k != "image_url"},
    "image_hash": H1,
    "media_options": {"images": [H2]},
}
VIDEOS: Final = {
    **{k: v for k, v in IMAGES.items() if k not in ("image_url", "media_options")},
    "video_id": "7001",
    "media_options": {"videos": ["7002"]},
    "text_options": {"bodies": ["One"]},
    "ad_formats": ["SINGLE_VIDEO"],
}
#: An image creative's videos beside its images (``AUTOMATIC_FORMAT``).
MIXED: Final = {
    **IMAGES,
    "media_options": {"images": [B], "videos": ["7001"]},
    "ad_formats": ["AUTOMATIC_FORMAT"],
}


def _as_read(fields: dict[str, Any], **feed: Any) -> dict[str, Any]:
    """The creative node Meta reads back for ``fields`` sent (``optimization_type`` REGULAR echoed where
    none was sent, Meta's "Read Asset Feed"), its feed's keys ``feed`` over what was sent."""
    story, sent = dynamic_wire(fields)
    node = {k: v for k, v in fields.items() if k in ("name", "url_tags")}
    node["adlabels"] = [{"name": "midas-managed"}]
    sent = {**sent, "optimization_type": "REGULAR", **feed}
    return {
        **node,
        "object_story_spec": story,
        "asset_feed_spec": {k: v for k, v in sent.items() if v is not None},
    }


def test_dynamic_creative_is_sent_as_meta_documents_it() -> None:
    story, feed = dynamic_wire(IMAGES)
    assert story == {"page_id": "1122334455"}
    assert feed == {
        "bodies": [{"text": "One"}, {"text": "Two"}],
        "titles": [{"text": "Shop now"}],
        "descriptions": [{"text": "Free returns"}],
        "images": [{"url": A}, {"url": B}],
        "link_urls": [{"website_url": "https://shop.example.com/"}],
        "call_to_action_types": ["SHOP_NOW"],
        "ad_formats": ["SINGLE_IMAGE"],
    }
    assert dynamic_wire(LIBRARY)[1]["images"] == [{"hash": H1}, {"hash": H2}]
    assert dynamic_wire(VIDEOS)[1]["videos"] == [{"video_id": "7001"}, {"video_id": "7002"}]
    assert dynamic_wire(VIDEOS)[1]["ad_formats"] == ["SINGLE_VIDEO"]
    mixed = dynamic_wire(MIXED)[1]
    assert (mixed["images"], mixed["videos"]) == ([{"url": A}, {"url": B}], [{"video_id": "7001"}])
    assert mixed["ad_formats"] == ["AUTOMATIC_FORMAT"]


def test_dynamic_creative_batch_request_sends_its_story_and_feed_and_no_field_of_its_own() -> None:
    op = WriteOp("create", Address(META, "m", "adcreative", "dyn/tests/spring"), dict(IMAGES))
    request = batch_request("act_1", 0, op, Batch(META, [op]))
    assert request.params["object_story_spec"] == {"page_id": "1122334455"}
    assert request.params["asset_feed_spec"] == dynamic_wire(IMAGES)[1]
    assert request.params["url_tags"] == "utm_source=meta"
    sent_fields = ("dynamic_creative", "ad_formats", "text_options", "media_options", "link_url", "image_url")
    assert not set(sent_fields) & set(request.params), request.params


@pytest.mark.parametrize(
    "fields", [IMAGES, LIBRARY, VIDEOS, MIXED], ids=["images", "library", "videos", "automatic-format"]
)
def test_dynamic_creative_reads_back_to_what_was_sent(fields: dict[str, Any]) -> None:
    node = _as_read(fields)
    assert unexpressed_creative(node) is None
    assert normalise("adcreative", node) == fields


@pytest.mark.parametrize(
    ("feed", "unheld"),
    [
        (
            {"link_urls": [{"website_url": "https://shop.example.com/", "deeplink_url": "shop://x"}]},
            "asset_feed_spec.link_urls",
        ),
        ({"call_to_action_types": ["SHOP_NOW", "LEARN_MORE"]}, "asset_feed_spec.call_to_action_types"),
        ({"ad_formats": ["SINGLE_IMAGE", "CAROUSEL_IMAGE"]}, "asset_feed_spec.ad_formats"),
    ],
    ids=["deeplink-url", "two-buttons", "two-formats"],
)
def test_dynamic_creative_read_leaves_what_midas_cannot_hold_unheld_by_name(
    feed: dict[str, Any], unheld: str
) -> None:
    fields = normalise("adcreative", _as_read(IMAGES, **feed))
    assert fields["dynamic_creative"] is True
    assert unheld in fields["asset_feed_unheld"], fields


def test_an_ordinary_story_beside_a_feed_link_is_no_dynamic_creative() -> None:
    node = {
        "name": "c",
        "object_story_spec": {"page_id": "1", "link_data": {"link": "https://shop.example.com/"}},
        "asset_feed_spec": {"link_urls": [{"website_url": "https://shop.example.com/"}]},
    }
    fields = normalise("adcreative", node)
    assert "dynamic_creative" not in fields
    assert "asset_feed_spec.link_urls" in fields["asset_feed_unheld"]


def test_a_dynamic_creative_s_other_format_is_read_and_compared() -> None:
    fields = normalise("adcreative", _as_read(IMAGES, ad_formats=["AUTOMATIC_FORMAT"]))
    assert fields["ad_formats"] == ["AUTOMATIC_FORMAT"] and "asset_feed_unheld" not in fields
    creative = Resource(Address(META, "m", "adcreative", "c"), fields)
    dynamic_adset = Resource(Address(META, "m", "adset", "s"), {"is_dynamic_creative": True})
    said = dynamic_mismatch(creative, dynamic_adset, "ad 'a'")
    assert said is not None and "asset_feed_spec.ad_formats ['AUTOMATIC_FORMAT']" in said


def test_import_tells_a_dynamic_creative_and_its_ad_set_apart_by_name() -> None:
    creative = Resource(Address(META, "m", "adcreative", "c"), {"dynamic_creative": True})
    ordinary = Resource(Address(META, "m", "adcreative", "c"), {"link_url": "https://x.example/"})
    dynamic_adset = Resource(Address(META, "m", "adset", "s"), {"is_dynamic_creative": True})
    adset = Resource(Address(META, "m", "adset", "s"), {})
    assert dynamic_mismatch(creative, dynamic_adset, "ad 'a'") is None
    assert dynamic_mismatch(ordinary, adset, "ad 'a'") is None
    said = dynamic_mismatch(creative, adset, "ad 'a'")
    assert said is not None and "in an ad set without is_dynamic_creative" in said
    said = dynamic_mismatch(ordinary, dynamic_adset, "ad 'a'")
    assert said is not None and "in a Dynamic Creative ad set (is_dynamic_creative true)" in said


def test_sandbox_dynamic_creative_ad_set_runs_one_ad_of_a_dynamic_creative() -> None:
    story, feed = dynamic_wire(IMAGES)
    creative = {"object_story_spec": story, "asset_feed_spec": feed}
    dynamic = {"is_dynamic_creative": True}
    meta_rules.check_dynamic_ad(creative, dynamic, 0)
    with pytest.raises(PermanentError, match="holds one ad"):
        meta_rules.check_dynamic_ad(creative, dynamic, 1)
    ordinary = {"object_story_spec": {"link_data": {"link": "https://x.example/"}}}
    with pytest.raises(PermanentError, match="the Page alone"):
        meta_rules.check_dynamic_ad(ordinary, dynamic, 0)
    with pytest.raises(PermanentError, match="only in an ad set with is_dynamic_creative"):
        meta_rules.check_dynamic_ad(creative, {}, 0)
    with pytest.raises(PermanentError, match="one link"):
        meta_rules.check_creative({**creative, "asset_feed_spec": {**feed, "link_urls": [{}, {}]}})
    with pytest.raises(PermanentError, match="ad_formats"):
        meta_rules.check_creative({**creative, "asset_feed_spec": {**feed, "ad_formats": ["CAROUSEL"]}})


#: A video creative's thumbnail (``image_url``, or ``meta.image_hash``) in a dynamic creative ad set.
THUMBNAILED: Final = {**VIDEOS, "image_url": A}
THUMBNAILED_BY_HASH: Final = {**VIDEOS, "image_hash": H1}


def test_a_dynamic_video_s_thumbnail_is_its_first_video_s_and_reads_back() -> None:
    """A video creative's thumbnail is no image of its feed: SINGLE_VIDEO, the thumbnail the story's own
    video entry's ``thumbnail_url`` / ``thumbnail_hash`` (AdAssetFeedSpecVideo), read back as sent."""
    feed = dynamic_wire(THUMBNAILED)[1]
    assert "images" not in feed and feed["ad_formats"] == ["SINGLE_VIDEO"]
    assert feed["videos"] == [{"video_id": "7001", "thumbnail_url": A}, {"video_id": "7002"}]
    by_hash = dynamic_wire(THUMBNAILED_BY_HASH)[1]
    assert by_hash["videos"] == [{"video_id": "7001", "thumbnail_hash": H1}, {"video_id": "7002"}]
    for fields, key in ((THUMBNAILED, "thumbnail_url"), (THUMBNAILED_BY_HASH, "thumbnail_hash")):
        node = _as_read(fields)
        assert unexpressed_creative(node) is None
        read = normalise("adcreative", node)
        assert read == {**fields, THUMBNAIL_READ: {key: fields.get("image_url") or fields["image_hash"]}}


def test_a_dynamic_video_s_thumbnail_is_compared_as_the_other_side_sends_it() -> None:
    """Meta's echoes (believed): a thumbnail read on a video sent without one, or a URL read beside the hash
    sent, is no difference; another of the key sent, or none where one was sent, is."""
    sent_none = {k: v for k, v in THUMBNAILED.items() if k != "image_url"}
    echoed = {**THUMBNAILED, THUMBNAIL_READ: {"thumbnail_url": A}}
    both = {**THUMBNAILED, THUMBNAIL_READ: {"thumbnail_url": A, "thumbnail_hash": H1}}
    other_hash = {**THUMBNAILED, THUMBNAIL_READ: {"thumbnail_url": A, "thumbnail_hash": "9f86d081"}}
    address = Address(META, "meta-main", "adcreative", "c/g/a")
    for live, desired, same in (
        (echoed, sent_none, True),
        (echoed, THUMBNAILED, True),
        (both, THUMBNAILED_BY_HASH, True),
        (other_hash, THUMBNAILED_BY_HASH, False),
        (echoed, THUMBNAILED_BY_HASH, False),
        (sent_none, THUMBNAILED, False),
    ):
        changes = diff(Resource(address, dict(live)), Resource(address, dict(desired)))
        assert (changes == []) is same, (live, desired, changes)
        assert (diff(Resource(address, dict(desired)), Resource(address, dict(live))) == []) is same


def test_a_feed_of_asset_customization_rules_is_no_dynamic_creative() -> None:
    """Placement asset customization (Meta's "Asset Customization Rules"): the Page alone over a feed of
    formats, links and buttons with ``asset_customization_rules``, in an ordinary ad set: not a dynamic
    creative, its rules named unheld; the sandbox runs it in an ordinary ad set."""
    story, feed = dynamic_wire(IMAGES)
    feed = {
        **feed,
        "asset_customization_rules": [{"customization_spec": {"publisher_platforms": ["facebook"]}}],
    }
    fields = normalise("adcreative", {"name": "c", "object_story_spec": story, "asset_feed_spec": feed})
    assert "dynamic_creative" not in fields
    assert "asset_feed_spec.asset_customization_rules" in fields["asset_feed_unheld"], fields
    creative = {"object_story_spec": story, "asset_feed_spec": feed}
    meta_rules.check_dynamic_ad(creative, {}, 0)
    with pytest.raises(PermanentError, match="no asset_customization_rules"):
        meta_rules.check_dynamic_ad(creative, {"is_dynamic_creative": True}, 0)
