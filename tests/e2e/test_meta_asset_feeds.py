"""A Meta creative's asset feed beyond each messaging app's button (``asset_feed_unheld``) on ordinary ads:
records made before MIDAS read it are unknown, not none; import refuses a website ad's images of their own
url_tags in a website ad's words (several images alone are ``meta.images``: test_meta_media_options.py; its
several texts are Meta's multiple text options: test_meta_text_options.py); Meta's
own defaults in a feed it reads back are nothing MIDAS cannot hold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
from fakes.meta_messaging import PAGE_ID, website_ad_by_hand, with_page

from midas_reconcile.resources import Address
from midas_reconcile.store import StateStore

#: What this module tests is not the state store's backends (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)

#: Advantage+ asset customisation of a website ad: a second image carrying its own url_tags, which MIDAS
#: does not hold (a second image alone is ``meta.images``: test_meta_media_options.py).
SEVERAL_IMAGES: Final = {
    "images": [{"url": "https://cdn.example.com/b.png", "url_tags": "image=b"}],
    "optimization_type": "DEGREES_OF_FREEDOM",
}
CREATIVE: Final = "adcreative/Web/One/One ad@meta:meta-main"


def _website_ad(workspace: Path, feed: dict[str, Any] | None) -> None:
    """A campaign "Web" built by hand on meta-main: one ad set "One" of one LEARN_MORE website ad "One ad",
    its creative carrying asset feed ``feed`` (None: none)."""
    creative: dict[str, Any] = {
        "name": "C",
        "title": "Shop now",
        "body": "Our shoes",
        "image_url": "https://cdn.example.com/a.png",
        "page_id": PAGE_ID,
        "link_url": "https://shop.example.com/",
        "call_to_action_type": "LEARN_MORE",
    }
    if feed is not None:
        creative["asset_feed_spec"] = feed
    website_ad_by_hand(workspace, creative)


def _creative_record(state_url: str) -> Any:
    with StateStore.open(state_url) as store:
        return store.recorded(["meta-main"])[Address.parse(CREATIVE)]


def _as_recorded_before_feeds_were_read(state_url: str) -> None:
    """The creative's record as MIDAS made it before it read asset feeds: without ``asset_feed_unheld``."""
    with StateStore.open(state_url) as store:
        record = store.recorded(["meta-main"])[Address.parse(CREATIVE)]
        record.fields.pop("asset_feed_unheld", None)
        store.record_many([record])


def test_an_ad_adopted_before_feeds_were_read_is_no_drift_and_the_next_apply_records_its_feed(
    midas: Midas, workspace: Path, bare: Path, state_url: str
) -> None:
    """Adopted before MIDAS read a feed's other contents, its record says nothing of them: unknown, not none,
    so no finding (nor a plan change); the next apply that writes records them as live, and a console change
    of them since is drift again."""
    with_page(workspace)
    _website_ad(workspace, None)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    address = CREATIVE.removesuffix(":meta-main")
    assert midas("sandbox", "set", address, f"asset_feed_spec={json.dumps(SEVERAL_IMAGES)}").code == 0
    _as_recorded_before_feeds_were_read(state_url)

    drift = midas("drift")
    assert drift.code == 0, drift.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec = workspace / "specs" / "imported" / "web.yaml"
    budget = spec.read_text(encoding="utf-8").replace("daily: 20.00", "daily: 21.00")
    spec.write_text(budget, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "1 to update" in applied.output, applied.output
    assert _creative_record(state_url).fields["asset_feed_unheld"] == {
        "asset_feed_spec.images": SEVERAL_IMAGES["images"],
        "asset_feed_spec.optimization_type": "DEGREES_OF_FREEDOM",
    }
    assert midas("drift").code == 0, midas("drift").output

    more = {**SEVERAL_IMAGES, "images": [{"url": "https://cdn.example.com/c.png", "url_tags": "image=c"}]}
    assert midas("sandbox", "set", address, f"asset_feed_spec={json.dumps(more)}").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "set out of band" in drift.output and "https://cdn.example.com/c.png" in drift.output, drift.output


def test_an_ad_adopted_since_feeds_are_read_records_none_and_a_feed_set_later_is_drift(
    midas: Midas, workspace: Path, bare: Path, state_url: str
) -> None:
    with_page(workspace)
    _website_ad(workspace, None)
    assert midas("import", "--account", "meta-main", "--all", "--adopt").code == 0
    assert _creative_record(state_url).fields.get("asset_feed_unheld") == {}
    address = CREATIVE.removesuffix(":meta-main")
    assert midas("sandbox", "set", address, f"asset_feed_spec={json.dumps(SEVERAL_IMAGES)}").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "set out of band" in drift.output and "asset_feed_spec.images" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 2, midas("drift").output  # an apply cannot hold it: drift until undone


def test_import_refuses_a_website_ad_of_several_images_in_a_website_ad_s_words(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Several images of a website ad (Advantage+ asset customisation) are refused, not dropped, and the
    refusal speaks of the ad it is, not of messaging apps."""
    with_page(workspace)
    _website_ad(workspace, SEVERAL_IMAGES)
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert "ad 'One ad' in ad set 'One' of meta campaign 'Web'" in refused.output, refused.output
    assert (
        'has asset_feed_spec.images [{"url": "https://cdn.example.com/b.png", "url_tags": "image=b"}] and '
        'asset_feed_spec.optimization_type "DEGREES_OF_FREEDOM": an asset feed of assets MIDAS does not hold '
        "(a dynamic creative's link, button or format in its feed beside a story's own, or other than one "
        "link's website_url, one button and the format of its images or videos; an image cropped its own "
        "way, media of their own url_tags, placement asset customization's asset_customization_rules, "
        "Advantage+ asset customisation …), which the spec language cannot express (of an asset feed, MIDAS "
        "holds texts, images and videos: meta.text_options, meta.images, meta.videos; and of a dynamic "
        "creative ad set's, one link, one button and the format its media make, SINGLE_IMAGE of images, "
        "SINGLE_VIDEO of videos, AUTOMATIC_FORMAT of images beside videos: meta.dynamic_creative)"
    ) in refused.output, refused.output
    assert "messaging app" not in refused.output, refused.output
    assert not (workspace / "specs" / "imported" / "web.yaml").exists()
