"""Meta's several images or videos in one ad (``meta.images`` / ``meta.videos``): applied, a Meta ad carries
them in its asset feed, its first in its story, and plans no changes after; a console edit of one is drift the
plan replaces the creative for; a snapshot restores them; a hand-built ad of several images imports and adopts
to no changes (Meta's dynamic creative, its link and button in the feed, imports as one:
test_meta_dynamic_creative.py); images of the ad account's library by hash (``{hash: …}`` beside
``meta.image_hash``) alike; spec errors at their line."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from fakes.meta_messaging import PAGE_ID, website_ad_by_hand, with_page

from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.store import StateStore

#: What this module tests is not the state store's backends (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
META_ACT: Final = "act_1234567890"

MEDIA: Final = """\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: media
spec:
  platforms:
    meta: {account: meta-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - name: spring
      type: image
      headlines: [Run lighter]
      descriptions: [Free returns]
      primary_text: Spring into your best run.
      final_url: https://shop.example.com/spring
      image_url: https://cdn.example.com/a.png
      meta:
        images: [https://cdn.example.com/b.png, https://cdn.example.com/c.png]
"""
SPRING: Final = "adcreative/media/default/spring@meta"
A, B, C = (f"https://cdn.example.com/{x}.png" for x in "abc")
#: Images of the ad account's library (their hashes), and the URL Meta may echo beside one (believed).
H1, H2, H3 = (
    "5d41402abc4b2a76b9719d911017c592",
    "7d793037a0760186574b0282f2f435e7",
    "9f86d081884c7d659a2feaa0c55ad015",
)
#: MEDIA's story image and further images, as its YAML writes them.
_STORY_AND_IMAGES: Final = (
    "      image_url: https://cdn.example.com/a.png\n      meta:\n"
    "        images: [https://cdn.example.com/b.png, https://cdn.example.com/c.png]\n"
)
CDN: Final = "https://scontent.xx.fbcdn.net/v/t45.1600-4/library.png"
LIBRARY: Final = MEDIA.replace("      image_url: https://cdn.example.com/a.png\n", "").replace(
    "        images: [https://cdn.example.com/b.png, https://cdn.example.com/c.png]\n",
    f"        image_hash: {H1}\n        images: [{{hash: {H2}}}, {{hash: {H3}}}]\n",
)


def _creatives(workspace: Path) -> list[dict[str, Any]]:
    """The live Meta creatives as the Graph API shows them (out of band, not counted)."""
    with SandboxWorld.for_workspace(workspace) as world:
        return MetaSimulator(world).peek(META_ACT, "adcreative")


def _spring(workspace: Path) -> dict[str, Any]:
    [creative] = [c for c in _creatives(workspace) if c["name"] == "media/default/spring"]
    return creative


def test_several_images_are_sent_in_the_asset_feed_converge_drift_and_restore(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    spec = workspace / "specs" / "media.yaml"
    spec.write_text(MEDIA, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    creative = _spring(workspace)
    feed = creative["asset_feed_spec"]
    assert feed["images"] == [{"url": A}, {"url": B}, {"url": C}]
    assert feed["optimization_type"] == "DEGREES_OF_FREEDOM"
    assert "ad_formats" not in feed and "link_urls" not in feed
    link = creative["object_story_spec"]["link_data"]
    assert (link["picture"], link["link"], link["message"]) == (
        A,
        "https://shop.example.com/spring",
        "Spring into your best run.",
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output
    assert midas("snapshot", "--name", "three").code == 0

    # A console edit of one image is drift; the plan replaces the creative to what the spec says.
    edited = {**feed, "images": [{"url": A}, {"url": B}, {"url": "https://cdn.example.com/x.png"}]}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(edited)}").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "media_options" in drift.output and "x.png" in drift.output, drift.output
    assert "set out of band" not in drift.output, drift.output
    plan = midas("plan")
    assert "x.png" in plan.output and "c.png" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _spring(workspace)["asset_feed_spec"]["images"] == [{"url": A}, {"url": B}, {"url": C}]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    # A spec dropping its further images replaces the creative to one image; restore brings them back.
    spec.write_text(
        MEDIA.replace(
            "      meta:\n        images: [https://cdn.example.com/b.png, https://cdn.example.com/c.png]\n",
            "",
        ),
        encoding="utf-8",
    )
    assert midas("apply", "--auto-approve").code == 0
    assert "asset_feed_spec" not in _spring(workspace)
    # A console's feed of images on a creative not opting in is drift (no unheld branch) the plan replaces.
    console = {"images": [{"url": A}, {"url": B}], "optimization_type": "DEGREES_OF_FREEDOM"}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(console)}").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "media_options" in drift.output, drift.output
    assert "set out of band" not in drift.output, drift.output
    restored = midas("restore", "three", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _spring(workspace)["asset_feed_spec"]["images"] == [{"url": A}, {"url": B}, {"url": C}]
    written = midas("restore", "three", "--write-specs")
    assert written.code == 0, written.output
    [creative] = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["creatives"]
    assert (creative["image_url"], creative["meta"]) == (A, {"images": [B, C]}), creative
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_several_videos_are_sent_in_the_asset_feed_and_converge(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    video = MEDIA.replace("      type: image\n", "      type: video\n").replace(
        "      image_url: https://cdn.example.com/a.png\n", "      video_id: '7001'\n"
    )
    video = video.replace(
        "images: [https://cdn.example.com/b.png, https://cdn.example.com/c.png]", "videos: ['7002']"
    )
    (workspace / "specs" / "media.yaml").write_text(video, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    creative = _spring(workspace)
    assert creative["asset_feed_spec"]["videos"] == [{"video_id": "7001"}, {"video_id": "7002"}]
    assert creative["object_story_spec"]["video_data"]["video_id"] == "7001"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_several_images_of_the_library_are_sent_by_hash_converge_drift_and_restore(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """``meta.images`` of the library (``{hash: …}``) beside ``meta.image_hash``: the story shows the first by
    hash, the feed every one by hash alone; Meta echoing each one's URL beside it is no drift (read by hash,
    as its story was sent); a console's other hash is, the plan replacing the creative; a snapshot restores
    them and writes them back as the spec said them."""
    with_page(workspace)
    spec = workspace / "specs" / "media.yaml"
    spec.write_text(LIBRARY, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    creative = _spring(workspace)
    made = [{"hash": H1}, {"hash": H2}, {"hash": H3}]
    assert creative["asset_feed_spec"]["images"] == made
    link = creative["object_story_spec"]["link_data"]
    assert link["image_hash"] == H1 and "picture" not in link
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    echoed = {**creative["asset_feed_spec"], "images": [{**image, "url": CDN} for image in made]}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(echoed)}").code == 0
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("snapshot", "--name", "library").code == 0

    edited = {**echoed, "images": [{"hash": H1}, {"hash": H2}, {"hash": "f" * 32}]}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(edited)}").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "media_options" in drift.output and "f" * 32 in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert _spring(workspace)["asset_feed_spec"]["images"] == made

    spec.write_text(
        LIBRARY.replace(f"        images: [{{hash: {H2}}}, {{hash: {H3}}}]\n", ""), encoding="utf-8"
    )
    assert midas("apply", "--auto-approve").code == 0
    assert "asset_feed_spec" not in _spring(workspace)
    restored = midas("restore", "library", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _spring(workspace)["asset_feed_spec"]["images"] == made
    written = midas("restore", "library", "--write-specs")
    assert written.code == 0, written.output
    [creative] = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["creatives"]
    assert "image_url" not in creative
    assert creative["meta"] == {"image_hash": H1, "images": [{"hash": H2}, {"hash": H3}]}, creative
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _website_ad(
    workspace: Path, feed: dict[str, Any], adset: dict[str, Any] | None = None, **story: Any
) -> None:
    """A campaign "Web" built by hand on meta-main: one ad set "One" (``adset`` over its fields) of one
    LEARN_MORE website ad "One ad" whose creative carries asset feed ``feed`` (its story: ``story`` over an
    image ad of ``A``)."""
    creative: dict[str, Any] = {
        "name": "C",
        "title": "Shop now",
        "body": "Our shoes",
        "image_url": A,
        "page_id": PAGE_ID,
        "link_url": "https://shop.example.com/",
        "call_to_action_type": "LEARN_MORE",
        "asset_feed_spec": feed,
        **story,
    }
    website_ad_by_hand(workspace, {k: v for k, v in creative.items() if v is not None}, **(adset or {}))


def test_a_hand_built_ad_of_several_images_and_texts_imports_and_adopts_to_no_changes(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Its story without an image (as Meta documents a dynamic creative's): the feed's first is the image."""
    with_page(workspace)
    feed = {
        "images": [{"url": A, "hash": "0123456789abcdef0123456789abcdef"}, {"url": B}],
        "titles": [{"text": "Shop now"}, {"text": "New in"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    _website_ad(workspace, feed, image_url=None)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [creative] = written["spec"]["creatives"]
    assert (creative["type"], creative["image_url"]) == ("image", A)
    assert creative["meta"] == {"text_options": True, "images": [B]}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_a_hand_built_ad_of_several_images_of_the_library_imports_and_adopts_to_no_changes(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Ads Manager's usual shape: the story's ``image_hash`` and a feed of library images by hash (Meta
    echoing a URL beside one): imported as ``meta.image_hash`` and ``meta.images`` of ``{hash: …}``,
    adopting to no changes."""
    with_page(workspace)
    feed = {
        "images": [{"hash": H1}, {"hash": H2, "url": CDN}, {"hash": H3}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    _website_ad(workspace, feed, image_url=None, image_hash=H1)
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [creative] = written["spec"]["creatives"]
    assert creative["type"] == "image" and "image_url" not in creative, creative
    assert creative["meta"] == {"image_hash": H1, "images": [{"hash": H2}, {"hash": H3}]}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert midas("drift").code == 0, midas("drift").output


@pytest.mark.parametrize(
    ("story", "images", "said"),
    [
        ({}, [{"url": A}, {"hash": H2}],
         f"several images in its asset feed (asset_feed_spec.images) of the library by hash ({H2}) beside an "
         "image by URL (image_url)"),
        ({"image_url": None, "image_hash": H1}, [{"hash": H1}, {"url": B}],
         f"several images in its asset feed (asset_feed_spec.images) by URL ({B}) beside an image of the "
         "library (image_hash)"),
    ],
    ids=["hash-beside-url", "url-beside-hash"],
)  # fmt: skip
def test_import_refuses_a_feed_mixing_images_by_url_and_of_the_library_by_name(
    midas: Midas, workspace: Path, bare: Path, story: dict[str, Any], images: list[dict[str, str]], said: str
) -> None:
    """A feed of one kind is what a spec says (its story's: ``spec._meta_media_options``); a console's mixing
    both is refused by name, nothing written."""
    with_page(workspace)
    _website_ad(workspace, {"images": images, "optimization_type": "DEGREES_OF_FREEDOM"}, **story)
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert said in refused.output, refused.output
    assert not (workspace / "specs" / "imported" / "web.yaml").exists()


def test_mirror_to_google_lists_images_of_the_library_as_needing_attention(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Google's ads cannot show a Meta library image: the creative's ``meta.image_hash`` and ``meta.images``
    stay Meta's, and the mirror says so."""
    spec = LIBRARY.replace("headlines: [Run lighter]", "headlines: [Run lighter, Spring sale, Shoes]")
    spec = spec.replace("descriptions: [Free returns]", "descriptions: [Free returns, Ships today]")
    (workspace / "specs" / "media.yaml").write_text(spec, encoding="utf-8")
    mirrored = midas("mirror", "campaign/media", "--to", "google", "--split", "0.5")
    assert mirrored.code == 0, mirrored.output
    said = "creative 'spring' shows images of the Meta ad account's library (meta.image_hash and meta.images)"
    assert said in mirrored.output, mirrored.output
    written = yaml.safe_load((workspace / "specs" / "media.yaml").read_text(encoding="utf-8"))["spec"]
    [creative] = written["creatives"]
    assert creative["meta"] == {"image_hash": H1, "images": [{"hash": H2}, {"hash": H3}]}
    assert midas("validate").code == 0, midas("validate").output


@pytest.mark.parametrize(
    ("edit", "line", "said"),
    [
        (
            (
                "[https://cdn.example.com/b.png, https://cdn.example.com/c.png]",
                "[" + ", ".join(f"https://cdn.example.com/{i}.png" for i in range(10)) + "]",
            ),
            20,
            "found 11 images (image_url and images); expected at most 10",
        ),
        (
            ("https://cdn.example.com/c.png]", "https://cdn.example.com/a.png]"),
            20,
            "found 'https://cdn.example.com/a.png' twice among the images",
        ),
        (
            ("      type: image\n", "      type: video\n      video_id: '123'\n"),
            21,
            "found images on a video creative",
        ),
        (
            ("        images: [https://cdn.example.com/b.png, https://cdn.example.com/c.png]\n",
             "        videos: ['7001']\n"),
            20,
            "found videos on an image creative; expected them only on 'video' creatives",
        ),
        (("      image_url: https://cdn.example.com/a.png\n", ""), 19, "found images without its image_url"),
        (
            ("      image_url: https://cdn.example.com/a.png\n      meta:\n",
             "      meta:\n        image_hash: 0123456789abcdef0123456789abcdef\n"),
            20,
            "found an image by URL ('https://cdn.example.com/b.png') beside meta.image_hash; expected each "
            "image of the library, {hash: …}",
        ),
        (
            ("https://cdn.example.com/c.png]", f"{{hash: {H3}}}]"),
            20,
            f"found an image of the library ({{hash: {H3}}}) beside image_url; expected each image by URL",
        ),
        (
            (_STORY_AND_IMAGES,
             f"      meta:\n        image_hash: {H1}\n        images:\n          - hash: {H2}\n"
             "          - hash: ABC\n"),
            22,
            "meta.images[1].hash: found 'ABC'",
        ),
        (
            (_STORY_AND_IMAGES,
             f"      meta:\n        image_hash: {H1}\n        images: [{{hash: {H2}}}, {{hash: {H2}}}]\n"),
            20,
            f"found {H2!r} twice among the images (meta.image_hash and images)",
        ),
    ],
    ids=["eleven", "twice", "video", "videos-on-image", "no-first", "url-beside-library-image",
         "library-image-beside-url", "malformed-hash", "hash-twice"],
)  # fmt: skip
def test_media_options_spec_errors_name_their_line(
    midas: Midas, workspace: Path, bare: Path, edit: tuple[str, str], line: int, said: str
) -> None:
    old, new = edit
    assert old in MEDIA
    (workspace / "specs" / "media.yaml").write_text(MEDIA.replace(old, new), encoding="utf-8")
    checked = midas("validate")
    assert checked.code == 1, checked.output
    assert said in checked.output, checked.output
    assert f"media.yaml:{line}" in checked.output, checked.output


@pytest.mark.parametrize(
    ("media", "meta_images", "imported"),
    [
        pytest.param(
            f"      image_url: {A}\n      meta: {{images: ['{B}']}}\n",
            [B],
            {"image_url": A, "meta": {"images": [B]}},
            id="by-url",
        ),
        pytest.param(
            f"      meta: {{image_hash: {H1}, images: [{{hash: {H2}}}]}}\n",
            [{"hash": H2}],
            {"meta": {"image_hash": H1, "images": [{"hash": H2}]}},
            id="of-the-library",
        ),
    ],
)
def test_compare_shows_further_images_as_meta_s_alone_and_a_campaign_on_both_imports_one_creative(
    midas: Midas,
    workspace: Path,
    tmp_path: Path,
    media: str,
    meta_images: list[Any],
    imported: dict[str, Any],
) -> None:
    """The example's spring-shoes creative (on Google and Meta) as an image with a further image, by URL or
    of the library by hash: compare shows ``meta.images`` as Meta's alone (Google's search ad has none);
    imported from both platforms it is one creative again, adopting to no changes."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    anchor = "      final_url: https://shop.example.com/spring/shoes\n      call_to_action: shop_now\n"
    assert text.count(anchor) == 1
    shoes = text.replace(anchor, anchor + media).replace(
        "    - name: spring-shoes\n      type: text\n", "    - name: spring-shoes\n      type: image\n"
    )
    spec.write_text(shoes, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in compared["fields"]}
    further = rows["creative 'spring-shoes' meta.images"]
    assert (further["google"], further["meta"], further["same"]) == (None, meta_images, False)

    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    adopted = midas("--state-url", fresh, "import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load(
        (workspace / "specs" / "imported" / "spring-sale.yaml").read_text(encoding="utf-8")
    )
    [shoes_spec] = [c for c in written["spec"]["creatives"] if c["name"] == "spring-shoes"]
    assert "platforms" not in shoes_spec
    assert {key: shoes_spec.get(key) for key in imported} == imported
    plan = midas("--state-url", fresh, "plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_mirror_to_google_keeps_the_further_images_meta_s(midas: Midas, workspace: Path, bare: Path) -> None:
    """Google's search ad has no images: the creative's further images stay Meta's (``meta.images``)."""
    spec = MEDIA.replace("headlines: [Run lighter]", "headlines: [Run lighter, Spring sale, Shoes]")
    spec = spec.replace("descriptions: [Free returns]", "descriptions: [Free returns, Ships today]")
    (workspace / "specs" / "media.yaml").write_text(spec, encoding="utf-8")
    mirrored = midas("mirror", "campaign/media", "--to", "google", "--split", "0.5")
    assert mirrored.code == 0, mirrored.output
    written = yaml.safe_load((workspace / "specs" / "media.yaml").read_text(encoding="utf-8"))["spec"]
    [creative] = written["creatives"]
    assert "platforms" not in creative
    assert (creative["type"], creative["image_url"], creative["meta"]) == ("image", A, {"images": [B, C]})
    assert midas("validate").code == 0, midas("validate").output


def _restore_of_a_console_feed(midas: Midas, workspace: Path, images: list[str]) -> Any:
    """Apply MEDIA, give its creative a console feed of ``images``, snapshot it, change the spec's images and
    restore the snapshot: the restore's run."""
    with_page(workspace)
    spec = workspace / "specs" / "media.yaml"
    spec.write_text(MEDIA, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    console = {**_spring(workspace)["asset_feed_spec"], "images": [{"url": url} for url in images]}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(console)}").code == 0
    assert midas("snapshot", "--name", "console").code == 0
    spec.write_text(MEDIA.replace("/c.png]", "/d.png]"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    return midas("restore", "console", "--auto-approve")


def test_a_restore_of_a_console_s_full_feed_not_holding_the_story_s_image_sends_it_as_it_ran(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    ten = [f"https://cdn.example.com/{n}.png" for n in range(10)]
    restored = _restore_of_a_console_feed(midas, workspace, ten)
    assert restored.code == 0, restored.output
    assert _spring(workspace)["asset_feed_spec"]["images"] == [{"url": url} for url in ten]
    assert _spring(workspace)["object_story_spec"]["link_data"]["picture"] == A
    assert midas("drift").code == 0, midas("drift").output


def test_a_restore_keeps_a_snapshot_s_feed_of_more_images_than_meta_takes_unsent_and_says_so(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    twelve = [A, *(f"https://cdn.example.com/{n}.png" for n in range(11))]
    restored = _restore_of_a_console_feed(midas, workspace, twelve)
    assert restored.code == 0, restored.output
    said = "holds its asset feed's other contents (asset_feed_spec.images)"
    assert said in restored.output, restored.output
    assert "images" not in _spring(workspace).get("asset_feed_spec", {})
    assert _spring(workspace)["object_story_spec"]["link_data"]["picture"] == A


#: Ads Manager's usual ad of the library: its story's image_hash, and a feed Meta echoes each image's URL in.
CDN1, CDN2 = "https://scontent.xx.fbcdn.net/1.png", "https://scontent.xx.fbcdn.net/2.png"
ECHOED_LIBRARY_FEED: Final = {
    "images": [{"hash": H1, "url": CDN1}, {"hash": H2, "url": CDN2}],
    "optimization_type": "DEGREES_OF_FREEDOM",
}


def _as_taken_before_library_feeds(state_url: str, name: str, old: str) -> None:
    """Snapshot ``name`` saved again as ``old``, its creative's feed images stored as MIDAS read them before
    it held images of the library by hash: each image's URL, the story's own among them."""
    with StateStore.open(state_url) as store:
        record = store.snapshot(name)
        resources = json.loads(json.dumps(record.resources))
        [data] = [d for d in resources if d["address"].startswith(f"{SPRING}:")]
        assert data["fields"]["media_options"] == {"images": [H2]}, data
        data["fields"]["media_options"] = {"images": [CDN1, CDN2]}
        store.save_snapshot(dataclasses.replace(record, name=old, resources=resources))


def _old_snapshot_of_a_library_story(midas: Midas, workspace: Path, state_url: str) -> tuple[Path, str]:
    """The library spec without further images applied, its creative's feed echoed with URLs beside the
    hashes, snapshot as ``old`` taken before MIDAS held library feeds; the spec file and its text."""
    with_page(workspace)
    spec = workspace / "specs" / "media.yaml"
    plain = LIBRARY.replace(f"        images: [{{hash: {H2}}}, {{hash: {H3}}}]\n", "")
    spec.write_text(plain, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(ECHOED_LIBRARY_FEED)}").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    _as_taken_before_library_feeds(state_url, "s", "old")
    return spec, plain


def test_a_restore_of_a_snapshot_taken_before_library_feeds_keeps_its_urls_beside_a_story_hash_unsent(
    midas: Midas, workspace: Path, bare: Path, state_url: str
) -> None:
    """An old snapshot's feed images by URL beside the story's ``image_hash`` cannot be mapped back to the
    library's hashes: a restore never sends them (no mixed feed), leaves an unchanged creative alone and
    says so; a creative made anew runs without them."""
    spec, plain = _old_snapshot_of_a_library_story(midas, workspace, state_url)

    said = "cannot be mapped back to the library's hashes"
    restored = midas("restore", "old", "--auto-approve")  # refreshes the record (its console feed)
    assert restored.code == 0 and said in restored.output, restored.output
    assert "0 to update, 0 to replace" in restored.output, restored.output
    assert _spring(workspace)["asset_feed_spec"] == ECHOED_LIBRARY_FEED
    again = midas("restore", "old")
    assert again.code == 0 and "No changes" in again.output, again.output
    written = midas("restore", "old", "--write-specs")
    assert written.code == 1 and CDN1 in written.output, written.output

    # Made anew (its title changed since): without the snapshot's URLs, which it never sends.
    spec.write_text(plain.replace("[Run lighter]", "[Run faster]"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    remade = midas("restore", "old", "--auto-approve")
    assert remade.code == 0 and "1 to replace" in remade.output and said in remade.output, remade.output
    creative = _spring(workspace)
    assert creative["object_story_spec"]["link_data"]["image_hash"] == H1
    assert "url" not in json.dumps(creative.get("asset_feed_spec", {})), creative


def test_a_restore_of_a_pre_library_snapshot_after_the_creative_moved_to_urls_sends_no_mixed_feed(
    midas: Midas, workspace: Path, bare: Path, state_url: str
) -> None:
    """The old snapshot's story runs an ``image_hash``; the live creative has since run images by URL. The
    creative restore makes anew takes no URL image from live beside the snapshot's hash (a feed mixing the
    two, which its own apply refuses): it runs without them, as the warning says."""
    spec, _ = _old_snapshot_of_a_library_story(midas, workspace, state_url)
    spec.write_text(MEDIA, encoding="utf-8")  # since: the creative runs its images by URL
    assert midas("apply", "--auto-approve").code == 0

    restored = midas("restore", "old", "--auto-approve")
    assert restored.code == 0 and "0 failed" in restored.output, restored.output
    assert "cannot be mapped back to the library's hashes" in restored.output, restored.output
    creative = _spring(workspace)
    assert creative["object_story_spec"]["link_data"]["image_hash"] == H1
    assert "url" not in json.dumps(creative.get("asset_feed_spec", {})), creative


def test_a_restore_remaking_a_creative_that_runs_its_own_mixed_feed_sends_it_without_the_mix(
    midas: Midas, workspace: Path, bare: Path, state_url: str
) -> None:
    """Live's own mixed feed beside the snapshot's story image is left as it runs only where the creative is
    not remade: here its title differs from the snapshot's, so restore replaces it (Meta's creatives are
    immutable), and the new creative is sent without the mixed images its own apply would refuse."""
    spec, plain = _old_snapshot_of_a_library_story(midas, workspace, state_url)
    spec.write_text(plain.replace("[Run lighter]", "[Run faster]"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    mixed = {"images": [{"hash": H1, "url": CDN1}, {"url": B}], "optimization_type": "DEGREES_OF_FREEDOM"}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(mixed)}").code == 0

    restored = midas("restore", "old", "--auto-approve")
    assert restored.code == 0 and "1 to replace" in restored.output, restored.output
    assert "0 failed" in restored.output, restored.output
    creative = _spring(workspace)
    assert creative["object_story_spec"]["link_data"]["image_hash"] == H1
    assert "url" not in json.dumps(creative.get("asset_feed_spec", {})), creative


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (
            (_STORY_AND_IMAGES, f"      meta:\n        image_hash: {H1}\n        images: [{H2}]\n"),
            f"meta.images[0]: found {H2!r}, an image hash written bare; expected an image of the library "
            f"written {{hash: {H2}}} (or an http:// or https:// URL)",
        ),
        (
            ("[https://cdn.example.com/b.png, https://cdn.example.com/c.png]",
             "[{url: https://cdn.example.com/b.png}]"),
            "meta.images[0]: found a mapping with url 'https://cdn.example.com/b.png'; expected an image by "
            "URL written bare (https://cdn.example.com/b.png), or an image of the library {hash: …}",
        ),
        (
            ("[https://cdn.example.com/b.png, https://cdn.example.com/c.png]",
             f"[{{hash: {H2}, url: https://cdn.example.com/b.png}}]"),
            "meta.images[0]: found a mapping with url 'https://cdn.example.com/b.png'; expected an image by "
            "URL written bare (https://cdn.example.com/b.png), or an image of the library {hash: …}",
        ),
    ],
    ids=["bare-hash", "url-as-mapping", "url-beside-hash"],
)  # fmt: skip
def test_meta_images_written_the_other_way_get_one_error_saying_how_to_write_them(
    midas: Midas, workspace: Path, bare: Path, edit: tuple[str, str], said: str
) -> None:
    """A library image's hash written bare, or an image by URL written as a mapping: one error at the entry,
    saying how to write it (a URL bare, an image of the library ``{hash: …}``)."""
    old, new = edit
    assert old in MEDIA
    (workspace / "specs" / "media.yaml").write_text(MEDIA.replace(old, new), encoding="utf-8")
    checked = midas("validate")
    assert checked.code == 1 and "1 problem in" in checked.output, checked.output
    assert said in checked.output and "media.yaml:20:" in checked.output, checked.output
