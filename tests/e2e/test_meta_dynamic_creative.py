"""Meta's Dynamic Creative ad sets (``meta.dynamic_creative``): applied, the ad set is made with
``is_dynamic_creative`` and its one ad's creative in the dynamic creative shape (the Page alone in its story;
texts, media, link, button and format in its asset feed), and plans no changes after; a console change of
the feed's link or button is drift the plan replaces the creative for; a snapshot restores it; spec errors
at their line (``spec._meta_dynamic_creative``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.meta_fixtures import META_ACCOUNT_ID
from fakes.meta_messaging import PAGE_ID, engagement_by_hand, website_ad_by_hand, with_page
from test_crash_safety import _apply_in_child

from midas_reconcile.connectors.sandbox import meta_rules, set_field
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.resources import META
from midas_reconcile.spec._meta_dynamic_creative import dynamic_fields

#: What this module tests is not the state store's backends (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
META_ACT: Final = "act_1234567890"

DYNAMIC: Final = """\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: dyn
spec:
  platforms:
    meta: {account: meta-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  ad_groups:
    - name: tests
      meta: {dynamic_creative: true}
  creatives:
    - name: spring
      type: image
      headlines: [Run lighter, Spring sale]
      descriptions: [Free returns]
      primary_text: Spring into your best run.
      call_to_action: shop_now
      final_url: https://shop.example.com/spring
      image_url: https://cdn.example.com/a.png
      meta:
        text_options: true
        primary_texts: ["New season, new miles."]
        images: [https://cdn.example.com/b.png]
"""
SPRING: Final = "adcreative/dyn/tests/spring@meta"
A, B = (f"https://cdn.example.com/{x}.png" for x in "ab")


def _nodes(workspace: Path, kind: str) -> list[dict[str, Any]]:
    """The live Meta nodes of ``kind`` as the Graph API shows them (out of band, not counted)."""
    with SandboxWorld.for_workspace(workspace) as world:
        return MetaSimulator(world).peek(META_ACT, kind)


def _spring(workspace: Path) -> dict[str, Any]:
    [creative] = [c for c in _nodes(workspace, "adcreative") if c["name"] == "dyn/tests/spring"]
    return creative


def test_dynamic_creative_ad_set_is_made_in_its_shape_converges_drifts_and_restores(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    spec.write_text(DYNAMIC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    [adset] = _nodes(workspace, "adset")
    assert adset["is_dynamic_creative"] is True
    creative = _spring(workspace)
    assert creative["object_story_spec"] == {"page_id": PAGE_ID}
    feed = creative["asset_feed_spec"]
    assert feed["images"] == [{"url": A}, {"url": B}]
    assert feed["bodies"] == [{"text": "Spring into your best run."}, {"text": "New season, new miles."}]
    assert feed["titles"] == [{"text": "Run lighter"}, {"text": "Spring sale"}]
    assert feed["descriptions"] == [{"text": "Free returns"}]
    assert feed["link_urls"] == [{"website_url": "https://shop.example.com/spring"}]
    assert (feed["call_to_action_types"], feed["ad_formats"]) == (["SHOP_NOW"], ["SINGLE_IMAGE"])
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output
    assert midas("snapshot", "--name", "made").code == 0

    # A console change of the feed's link, button or format is drift; the plan replaces the creative.
    for key, value, shown in (
        ("link_urls", [{"website_url": "https://shop.example.com/other"}], "shop.example.com/other"),
        ("call_to_action_types", ["LEARN_MORE"], "LEARN_MORE"),
        ("ad_formats", ["AUTOMATIC_FORMAT"], "AUTOMATIC_FORMAT"),
    ):
        edited = {**feed, key: value}
        assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(edited)}").code == 0
        drift = midas("drift")
        assert drift.code == 2 and shown in drift.output, drift.output
        assert "set out of band" not in drift.output, drift.output
        assert midas("apply", "--auto-approve").code == 0
        assert _spring(workspace)["asset_feed_spec"][key] == feed[key]
        assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    # A console edit restored from the snapshot.
    edited = {**_spring(workspace)["asset_feed_spec"], "titles": [{"text": "Console title"}]}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(edited)}").code == 0
    restored = midas("restore", "made", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _spring(workspace)["asset_feed_spec"]["titles"] == feed["titles"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_dynamic_creative_video_ad_set_sends_single_video_and_converges(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    video = DYNAMIC.replace("      type: image\n", "      type: video\n")
    video = video.replace("      image_url: https://cdn.example.com/a.png\n", "      video_id: '7001'\n")
    video = video.replace("images: [https://cdn.example.com/b.png]", "videos: ['7002']")
    video = video.replace(
        '        text_options: true\n        primary_texts: ["New season, new miles."]\n', ""
    )
    (workspace / "specs" / "dyn.yaml").write_text(video, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    feed = _spring(workspace)["asset_feed_spec"]
    assert feed["videos"] == [{"video_id": "7001"}, {"video_id": "7002"}]
    assert feed["ad_formats"] == ["SINGLE_VIDEO"]
    assert (feed["bodies"], feed["titles"]) == (
        [{"text": "Spring into your best run."}],
        [{"text": "Run lighter"}],
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_turning_dynamic_creative_on_a_live_ad_set_is_refused_by_name(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """``is_dynamic_creative`` is set on creation alone: turning it on would replace a live ad set (its
    delivery history), which the plan refuses, saying so; a new ad group runs it."""
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    spec.write_text(DYNAMIC.replace("      meta: {dynamic_creative: true}\n", ""), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    [ordinary] = _nodes(workspace, "adset")
    assert "is_dynamic_creative" not in ordinary
    spec.write_text(DYNAMIC, encoding="utf-8")
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1, refused.output
    said = "Meta does not change whether a live ad set is a Dynamic Creative one (is_dynamic_creative)"
    assert said in refused.output, refused.output
    spec.write_text(DYNAMIC.replace("    - name: tests\n", "    - name: tests2\n"), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    live = {a["name"]: a.get("is_dynamic_creative") for a in _nodes(workspace, "adset")}
    assert live == {"tests": None, "tests2": True}, live
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


#: A second creative, which the dynamic creative ad set (naming none) would run beside the first.
SUMMER: Final = (
    "    - name: summer\n      type: image\n      headlines: [Hot]\n      descriptions: [Cool]\n"
    "      primary_text: Summer.\n      final_url: https://shop.example.com/summer\n"
    "      image_url: https://cdn.example.com/s.png\n"
)


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        (
            DYNAMIC + SUMMER,
            "dyn.yaml:13:32: spec.ad_groups[0].meta.dynamic_creative",
            "found 2 creatives running in this dynamic creative ad set ('spring', 'summer'); expected one",
        ),
        (
            DYNAMIC.replace(
                "      meta: {dynamic_creative: true}\n",
                "      meta: {dynamic_creative: true}\n      platforms: [google]\n",
            ).replace(
                "    meta: {account: meta-main}\n",
                "    meta: {account: meta-main}\n    google: {account: google-main}\n",
            ),
            "spec.ad_groups[0].meta.dynamic_creative",
            "found meta.dynamic_creative on an ad group that does not run on Meta",
        ),
        (
            DYNAMIC.replace("      final_url: https://shop.example.com/spring\n", "")
            .replace("objective: traffic", "objective: awareness")
            .replace("call_to_action: shop_now", "call_to_action: none"),
            "spec.creatives[0]",
            "found a creative sending people nowhere in dynamic creative ad set 'tests'",
        ),
    ],
    ids=["two-creatives", "off-meta", "sends-nowhere"],
)
def test_dynamic_creative_spec_errors_point_at_their_line(
    midas: Midas, workspace: Path, bare: Path, text: str, line: str, said: str
) -> None:
    (workspace / "specs" / "dyn.yaml").write_text(text, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert line in validated.output and said in validated.output, validated.output


def test_a_dynamic_creative_needs_the_account_s_page(midas: Midas, workspace: Path) -> None:
    """Its story is the Page alone: on an account without ``page_id`` it would fail at apply, so it is refused
    at its ``dynamic_creative`` line, naming midas.yaml's setting; with the Page it validates."""
    (workspace / "specs" / "dyn.yaml").write_text(DYNAMIC, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1, validated.output
    assert "spec.ad_groups[0].meta.dynamic_creative" in validated.output, validated.output
    said = "expected 'page_id' on Meta account 'meta-main' in midas.yaml"
    assert said in validated.output, validated.output
    with_page(workspace)
    assert midas("validate").code == 0


#: A hand-built dynamic creative (normalised: ``spec._meta_dynamic_creative``), sent as Meta's "Asset Feed
#: Spec" page makes one: the Page alone, its images, texts, format, link and button in the feed.
HAND_CREATIVE: Final = {
    "name": "C",
    "page_id": PAGE_ID,
    "dynamic_creative": True,
    "image_url": A,
    "media_options": {"images": [B]},
    "text_options": {
        "bodies": ["Our shoes", "Run lighter"],
        "titles": ["Shop now"],
        "descriptions": ["Free returns"],
    },
    "link_url": "https://shop.example.com/",
    "call_to_action_type": "SHOP_NOW",
}
HAND_CREATIVE_AT: Final = "adcreative/Web/One/One ad@meta"


def _dynamic_ad_by_hand(workspace: Path) -> None:
    """A campaign "Web" built by hand on meta-main: one Dynamic Creative ad set "One" of one ad "One ad"
    of ``HAND_CREATIVE``."""
    website_ad_by_hand(workspace, HAND_CREATIVE, is_dynamic_creative=True)


def test_a_hand_built_dynamic_creative_ad_set_imports_and_adopts_to_no_changes(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    _dynamic_ad_by_hand(workspace)
    feed = _nodes(workspace, "adcreative")[0]["asset_feed_spec"]
    assert (feed["link_urls"], feed["ad_formats"]) == (
        [{"website_url": "https://shop.example.com/"}],
        ["SINGLE_IMAGE"],
    )
    imported = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [group] = written["spec"]["ad_groups"]
    assert group["meta"] == {"dynamic_creative": True}, group
    [creative] = written["spec"]["creatives"]
    assert (creative["type"], creative["image_url"], creative["final_url"]) == (
        "image",
        A,
        "https://shop.example.com/",
    )
    assert creative["call_to_action"] == "shop_now"
    assert creative["meta"] == {"text_options": True, "primary_texts": ["Run lighter"], "images": [B]}
    assert midas("validate").code == 0, midas("validate").output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert midas("drift").code == 0, midas("drift").output


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (
            {"link_urls": [{"website_url": "https://shop.example.com/", "deeplink_url": "shop://x"}]},
            "link_urls",
        ),
        ({"ad_formats": ["AUTOMATIC_FORMAT"]}, "ad_formats"),
        ({"ad_formats": ["CAROUSEL_IMAGE"]}, "CAROUSEL_IMAGE"),
    ],
    ids=["deeplink-url", "automatic-format", "carousel-format"],
)
def test_import_refuses_a_dynamic_creative_it_cannot_hold_by_name(
    midas: Midas, workspace: Path, bare: Path, edit: dict[str, Any], named: str
) -> None:
    with_page(workspace)
    _dynamic_ad_by_hand(workspace)
    feed = {**_nodes(workspace, "adcreative")[0]["asset_feed_spec"], **edit}
    assert midas("sandbox", "set", HAND_CREATIVE_AT, f"asset_feed_spec={json.dumps(feed)}").code == 0
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert named in refused.output, refused.output
    assert "of 0 ads" not in refused.output, refused.output
    assert not (workspace / "specs" / "imported" / "web.yaml").exists()


#: The sandbox account behind the Graph API fake (``connectors.sandbox.set_field``'s accounts).
FAKE_ACCOUNTS: Final = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
FAKE_ACT: Final = f"act_{META_ACCOUNT_ID}"


def test_dynamic_creative_applies_converges_and_drifts_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """The facebook-business SDK over the Graph API fake: the ad set and its dynamic creative made as the
    sandbox run makes them, no changes after, a console's other button drift the plan replaces."""
    (meta_workspace / "specs" / "dyn.yaml").write_text(DYNAMIC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    graph = meta_fake.sim
    [adset] = [a for a in graph.peek(FAKE_ACT, "adset") if a["name"] == "tests"]
    assert adset["is_dynamic_creative"] is True
    [creative] = [c for c in graph.peek(FAKE_ACT, "adcreative") if c["name"] == "dyn/tests/spring"]
    assert creative["object_story_spec"] == {"page_id": PAGE_ID}
    assert creative["asset_feed_spec"]["link_urls"] == [{"website_url": "https://shop.example.com/spring"}]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    edited = {**creative["asset_feed_spec"], "call_to_action_types": ["LEARN_MORE"]}
    set_field(meta_fake.world, FAKE_ACCOUNTS, f"{SPRING}:meta-main", {"asset_feed_spec": json.dumps(edited)})
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2 and "LEARN_MORE" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift", "--account", "meta-main").code == 0


def test_a_hand_built_dynamic_creative_imports_and_adopts_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    assert midas("apply", "--auto-approve").code == 0  # the example workspace's own campaigns
    _dynamic_ad_by_hand(meta_workspace)
    imported = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((meta_workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    assert written["spec"]["ad_groups"][0]["meta"] == {"dynamic_creative": True}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_mirror_to_google_lists_a_dynamic_creative_ad_set_as_needing_attention(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    spec = DYNAMIC.replace(
        "headlines: [Run lighter, Spring sale]", "headlines: [Run lighter, Spring sale, Shoes]"
    )
    spec = spec.replace("descriptions: [Free returns]", "descriptions: [Free returns, Ships today]")
    (with_page(workspace) / "specs" / "dyn.yaml").write_text(spec, encoding="utf-8")
    mirrored = midas("mirror", "campaign/dyn", "--to", "google", "--split", "0.5")
    assert mirrored.code == 0, mirrored.output
    said = (
        "ad group 'tests' is a Dynamic Creative ad set on Meta (meta.dynamic_creative), which is Meta's alone"
    )
    assert said in mirrored.output, mirrored.output
    written = yaml.safe_load((workspace / "specs" / "dyn.yaml").read_text(encoding="utf-8"))["spec"]
    assert written["ad_groups"][0]["meta"] == {"dynamic_creative": True}
    assert midas("validate").code == 0, midas("validate").output


#: ``DYNAMIC`` on both platforms: its ad group a Google ad group of one keyword and a Dynamic Creative ad set.
BOTH: Final = (
    DYNAMIC.replace(
        "    meta: {account: meta-main}\n",
        "    meta: {account: meta-main}\n    google: {account: google-main}\n",
    )
    .replace(
        "      meta: {dynamic_creative: true}\n",
        "      meta: {dynamic_creative: true}\n      keywords: [{text: running shoes}]\n",
    )
    .replace("headlines: [Run lighter, Spring sale]", "headlines: [Run lighter, Spring sale, Shoes]")
    .replace("descriptions: [Free returns]", "descriptions: [Free returns, Ships today]")
)


def test_compare_shows_a_dynamic_creative_ad_set_as_meta_s_alone_and_restore_writes_it_back(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    spec.write_text(BOTH, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    compared = json.loads(midas("compare", "campaign/dyn", "--format", "json").output)
    [row] = [r for r in compared["fields"] if r["field"] == "ad group 'tests' meta.dynamic_creative"]
    assert (row["google"], row["meta"]) == (None, True), row
    assert midas("snapshot", "--name", "both").code == 0
    written = midas("restore", "both", "--write-specs")
    assert written.code == 0, written.output
    [group] = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["ad_groups"]
    assert group["meta"] == {"dynamic_creative": True}, group
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_another_creative_in_a_dynamic_creative_ad_set_is_warned_of_and_replaces_the_old_ad_in_one_apply(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """A dynamic creative ad set runs one ad (believed): a creative of another name and content is a new
    ad, which Meta may refuse while the old one is live. The plan says so; with --allow-destroy the apply
    deletes the old ad before it makes the new one, in one apply."""
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    spec.write_text(DYNAMIC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    autumn = DYNAMIC.replace("- name: spring", "- name: autumn").replace("Spring into your best", "Autumn")
    spec.write_text(autumn, encoding="utf-8")
    plan = midas("plan")
    said = (
        "ad set 'tests' is a Dynamic Creative ad set, which runs one ad (believed): Meta may refuse this ad"
    )
    assert said in plan.output and "'spring'" in plan.output, plan.output
    destroying = midas("plan", "--allow-destroy")
    assert "is a Dynamic Creative ad set" not in destroying.output, destroying.output
    applied = midas("apply", "--auto-approve", "--allow-destroy")
    assert applied.code == 0, applied.output
    live = [a["name"] for a in _nodes(workspace, "ad")]
    assert live == ["autumn"], live
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_image_creative_s_videos_in_a_dynamic_creative_ad_set_send_automatic_format_and_import_back(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Images and videos mixed across placements (``AUTOMATIC_FORMAT``, Meta's "Asset Feed Spec" page): an
    image creative's ``meta.videos`` in a dynamic creative ad set alone; applied, it converges, and a
    hand-built one imports as that creative and adopts to no changes."""
    with_page(workspace)
    mixed = DYNAMIC.replace(
        "        images: [https://cdn.example.com/b.png]\n",
        "        images: [https://cdn.example.com/b.png]\n        videos: ['7001']\n",
    )
    spec = workspace / "specs" / "dyn.yaml"
    spec.write_text(mixed, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    feed = _spring(workspace)["asset_feed_spec"]
    assert (feed["images"], feed["videos"]) == ([{"url": A}, {"url": B}], [{"video_id": "7001"}])
    assert feed["ad_formats"] == ["AUTOMATIC_FORMAT"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    # Off a dynamic creative ad set, an image creative's videos are a spec error at their line.
    ordinary = mixed.replace("      meta: {dynamic_creative: true}\n", "")
    spec.write_text(ordinary, encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1 and "spec.creatives[0].meta.videos" in validated.output, validated.output
    assert "AUTOMATIC_FORMAT" in validated.output, validated.output

    spec.unlink()
    website_ad_by_hand(
        workspace,
        {
            **HAND_CREATIVE,
            "media_options": {"images": [B], "videos": ["7001"]},
            "ad_formats": ["AUTOMATIC_FORMAT"],
        },
        is_dynamic_creative=True,
    )
    imported = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [creative] = [c for c in written["spec"]["creatives"] if c["name"] == "One ad"]
    assert (creative["type"], creative["meta"]["images"], creative["meta"]["videos"]) == (
        "image",
        [B],
        ["7001"],
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


#: ``DYNAMIC`` of a video creative, its thumbnail by URL (``image_url``, which a video creative may have).
THUMBNAILED: Final = (
    DYNAMIC.replace("      type: image\n", "      type: video\n")
    .replace(
        "      image_url: https://cdn.example.com/a.png\n",
        "      video_id: '7001'\n      image_url: " + A + "\n",
    )
    .replace("images: [https://cdn.example.com/b.png]", "videos: ['7002']")
)


def _thumbnail_converges(midas: Midas, feed: dict[str, Any]) -> None:
    """The thumbnailed video creative's feed as sent (``feed``): SINGLE_VIDEO, no images, the thumbnail its
    first video's; no changes after."""
    assert "images" not in feed, feed
    assert feed["videos"] == [{"video_id": "7001", "thumbnail_url": A}, {"video_id": "7002"}]
    assert feed["ad_formats"] == ["SINGLE_VIDEO"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_a_dynamic_video_s_thumbnail_is_sent_on_its_video_and_converges(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    (workspace / "specs" / "dyn.yaml").write_text(THUMBNAILED, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    _thumbnail_converges(midas, _spring(workspace)["asset_feed_spec"])


def test_a_dynamic_video_s_thumbnail_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    (meta_workspace / "specs" / "dyn.yaml").write_text(THUMBNAILED, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    [creative] = [c for c in meta_fake.sim.peek(FAKE_ACT, "adcreative") if c["name"] == "dyn/tests/spring"]
    _thumbnail_converges(midas, creative["asset_feed_spec"])


def test_a_hand_built_dynamic_video_imports_with_its_thumbnail(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    video = {k: v for k, v in HAND_CREATIVE.items() if k != "media_options"}
    website_ad_by_hand(
        workspace,
        {**video, "video_id": "7001", "media_options": {"videos": ["7002"]}},
        is_dynamic_creative=True,
    )
    [feed] = [c["asset_feed_spec"] for c in _nodes(workspace, "adcreative")]
    assert feed["videos"][0] == {"video_id": "7001", "thumbnail_url": A}, feed
    imported = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [creative] = written["spec"]["creatives"]
    assert (creative["type"], creative["video_id"], creative["image_url"]) == ("video", "7001", A), creative
    assert creative["meta"]["videos"] == ["7002"], creative
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_import_refuses_an_asset_customization_rules_creative_by_its_rules(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Placement asset customization (Meta's "Asset Customization Rules"): the Page alone over a feed of
    formats, links and buttons with its rules, in an ordinary ad set; no dynamic creative, refused by the
    rules it carries."""
    with_page(workspace)
    website_ad_by_hand(workspace, {k: v for k, v in HAND_CREATIVE.items() if k != "dynamic_creative"})
    rules = [{"customization_spec": {"publisher_platforms": ["instagram"]}, "image_label": {"name": "ig"}}]
    feed = {
        "images": [{"url": A}, {"url": B}],
        "bodies": [{"text": "Our shoes"}],
        "ad_formats": ["SINGLE_IMAGE"],
        "link_urls": [{"website_url": "https://shop.example.com/"}],
        "call_to_action_types": ["SHOP_NOW"],
        "asset_customization_rules": rules,
    }
    story = {"page_id": PAGE_ID}
    assert (
        midas(
            "sandbox",
            "set",
            HAND_CREATIVE_AT,
            f"asset_feed_spec={json.dumps(feed)}",
            f"object_story_spec={json.dumps(story)}",
        ).code
        == 0
    )
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    for named in ("asset_customization_rules", "link_urls", "call_to_action_types", "ad_formats"):
        assert f"asset_feed_spec.{named}" in refused.output, refused.output
    assert "without is_dynamic_creative" not in refused.output, refused.output


#: ``DYNAMIC``'s creative without text options, run by the dynamic creative ad set and an ordinary one.
DYNAMIC_AND_ORDINARY: Final = (
    DYNAMIC.replace(
        "      meta: {dynamic_creative: true}\n",
        "      meta: {dynamic_creative: true}\n      creatives: [spring]\n"
        "    - name: plain\n      creatives: [spring]\n",
    )
    .replace('        text_options: true\n        primary_texts: ["New season, new miles."]\n', "")
    .replace("headlines: [Run lighter, Spring sale]", "headlines: [Run lighter]")
)


#: A hand-built ad set linking to a website (``fakes.meta_messaging.website_ad_by_hand``'s).
HAND_ADSET: Final = {
    "status": "ACTIVE",
    "billing_event": "IMPRESSIONS",
    "optimization_goal": "LINK_CLICKS",
    "targeting": {"age_min": 25, "age_max": 54, "geo_locations": {"countries": ["US"]}},
}
#: An image ad of one text of each kind, sent as a dynamic creative or an ordinary one.
HAND_SINGLE: Final = {
    "name": "C",
    "page_id": PAGE_ID,
    "image_url": A,
    "title": "Shop now",
    "body": "Run lighter",
    "description": "Free returns",
    "link_url": "https://shop.example.com/",
    "call_to_action_type": "SHOP_NOW",
}


def test_a_creative_of_one_text_each_in_a_dynamic_and_an_ordinary_ad_set_writes_back_and_imports(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """A dynamic creative of one text of each kind is written back without ``meta.text_options`` (its texts
    travel in its feed, but it says one each), so the same creative in an ordinary ad set is one creative:
    ``restore --write-specs`` and ``import`` take both."""
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    spec.write_text(DYNAMIC_AND_ORDINARY, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("snapshot", "--name", "both").code == 0
    written = midas("restore", "both", "--write-specs")
    assert written.code == 0, written.output
    [creative] = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["creatives"]
    assert "text_options" not in (creative.get("meta") or {}), creative
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.unlink()
    engagement_by_hand(
        workspace,
        "Web",
        [
            {
                "fields": {**HAND_ADSET, "name": name, **adset},
                "ads": {"One ad": ({"status": "ACTIVE"}, fields)},
            }
            for name, adset, fields in (
                ("One", {"is_dynamic_creative": True}, dynamic_fields(HAND_SINGLE)),
                ("Two", {}, HAND_SINGLE),
            )
        ],
    )
    imported = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert imported.code == 0, imported.output
    written_spec = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [one_ad] = [c for c in written_spec["spec"]["creatives"] if c["name"] == "One ad"]
    assert "text_options" not in (one_ad.get("meta") or {}), one_ad
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


#: A dynamic creative ad set promoting an app (Meta's dynamic creative supports app installs: its "Asset
#: Customization Rules" page says an APP_INSTALLS ad set's feed links to the promoted object_store_url).
APP_DYNAMIC: Final = """\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: puzzle
spec:
  platforms:
    meta: {account: meta-main}
  objective: app_promotion
  app: {store: google_play, id: com.example.puzzle, meta_app_id: "5550001"}
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  ad_groups:
    - name: installs
      meta: {dynamic_creative: true}
  creatives:
    - name: install
      type: image
      image_url: https://cdn.example.com/a.png
      headlines: [Play the puzzle]
      descriptions: [A puzzle a day.]
      primary_text: Free to play.
"""


@pytest.mark.parametrize(("written", "button"), [("", "INSTALL_MOBILE_APP"), ("download", "DOWNLOAD")])
def test_a_dynamic_creative_ad_set_promoting_an_app_applies_and_converges(
    midas: Midas, workspace: Path, bare: Path, written: str, button: str
) -> None:
    """Its button is the creative's call to action as a mobile app's: install_app's (the default) or
    another as written."""
    with_page(workspace)
    spec = APP_DYNAMIC + (f"      call_to_action: {written}\n" if written else "")
    (workspace / "specs" / "puzzle.yaml").write_text(spec, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    [creative] = [c for c in _nodes(workspace, "adcreative") if c["name"] == "puzzle/installs/install"]
    feed = creative["asset_feed_spec"]
    assert feed["link_urls"] == [
        {"website_url": "https://play.google.com/store/apps/details?id=com.example.puzzle"}
    ]
    assert feed["call_to_action_types"] == [button], feed
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_dynamic_creative_in_an_awareness_campaign_may_have_no_button(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Meta's Options page: call_to_action_types are "Required for all objectives, except
    OUTCOME_AWARENESS": an awareness campaign's dynamic creative of a link and no button sends no
    call_to_action_types, and converges; elsewhere no button is a spec error at the creative."""
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    awareness = DYNAMIC.replace("objective: traffic", "objective: awareness").replace(
        "call_to_action: shop_now", "call_to_action: none"
    )
    spec.write_text(awareness, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    feed = _spring(workspace)["asset_feed_spec"]
    assert "call_to_action_types" not in feed, feed
    assert feed["link_urls"] == [{"website_url": "https://shop.example.com/spring"}]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    spec.write_text(awareness.replace("objective: awareness", "objective: traffic"), encoding="utf-8")
    validated = midas("validate")
    assert validated.code == 1, validated.output
    said = "found a creative without a call to action in dynamic creative ad set 'tests'"
    assert "spec.creatives[0]" in validated.output and said in validated.output, validated.output
    assert "sending people nowhere" not in validated.output, validated.output


def test_mirror_to_google_says_a_dynamic_creative_of_meta_alone_runs_no_google_ad(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """The dynamic creative ad set's creative on Meta alone (``platforms: [meta]``) is no Google ad: the
    attention says so, not that it runs as Google's own ad."""
    spec = DYNAMIC.replace("      type: image\n", "      type: image\n      platforms: [meta]\n", 1)
    (with_page(workspace) / "specs" / "dyn.yaml").write_text(spec, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    mirrored = midas("mirror", "campaign/dyn", "--to", "google", "--split", "0.5")
    said = "its creative 'spring' runs on Meta alone (platforms: [meta]), so on Google the ad group runs no"
    assert said in mirrored.output, mirrored.output
    assert "runs as Google's own ad" not in mirrored.output, mirrored.output


def test_import_refuses_an_ordinary_ad_in_a_dynamic_creative_ad_set_with_one_problem(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """An ordinary creative's ad in a Dynamic Creative ad set is refused once, by name, the ad set's count of
    ads not told beside it."""
    with_page(workspace)
    website_ad_by_hand(workspace, HAND_SINGLE)
    assert midas("sandbox", "set", "adset/Web/One@meta", "is_dynamic_creative=true").code == 0
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    assert "runs a creative of its own story" in refused.output, refused.output
    assert " ads, which the spec language" not in refused.output, refused.output


def _autumn_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sandbox refuses any dynamic creative's feed of an "Autumn" text (as Meta may refuse a creative)."""
    checked = meta_rules._check_dynamic_feed

    def refusing(feed: Any) -> None:
        if "Autumn" in json.dumps(feed):
            raise meta_rules.error("Invalid parameter: this feed is refused", field="asset_feed_spec")
        checked(feed)

    monkeypatch.setattr(meta_rules, "_check_dynamic_feed", refusing)


#: ``DYNAMIC`` of another creative (a new ad in its dynamic creative ad set), its primary text "Autumn …".
AUTUMN: Final = DYNAMIC.replace("- name: spring", "- name: autumn").replace("Spring into your best", "Autumn")


def test_a_dynamic_creative_ad_set_keeps_its_old_ad_when_the_new_creative_is_refused(
    midas: Midas, workspace: Path, bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old ad's delete, moved before the new ad's create, waits for the new ad's creative, settled: the
    creative refused, the old ad is kept (the ad set never runs no ad)."""
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    spec.write_text(DYNAMIC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    _autumn_refused(monkeypatch)
    spec.write_text(AUTUMN, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--allow-destroy")
    assert applied.code == 1, applied.output
    assert "this feed is refused" in applied.output, applied.output
    live = [(a["name"], a["status"]) for a in _nodes(workspace, "ad")]
    assert live == [("spring", "ACTIVE")], live


@pytest.mark.parametrize("crash_after", [1, 2, 3, 4])
def test_a_dynamic_creative_ad_swap_killed_after_any_write_converges_on_the_next_apply(
    midas: Midas, workspace: Path, bare: Path, crash_after: int
) -> None:
    """The swap of a dynamic creative ad set's one ad, by ``lifecycle: {on_remove: delete}`` (no
    --allow-destroy), killed after each of its writes: the next apply converges to the new ad alone."""
    with_page(workspace)
    spec = workspace / "specs" / "dyn.yaml"
    deleting = "  lifecycle: {on_remove: delete}\n"
    spec.write_text(DYNAMIC + deleting, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(AUTUMN + deleting, encoding="utf-8")
    assert "is a Dynamic Creative ad set" not in midas("plan").output
    assert _apply_in_child(workspace, f"crash_after={crash_after}") == 137
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 failed" in rerun.output, rerun.output
    live = [a["name"] for a in _nodes(workspace, "ad")]
    assert live == ["autumn"], live
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_dynamic_creative_of_a_description_without_a_body_imports_with_its_text_options(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """A hand-built dynamic creative of one title and one description and no body: without
    ``meta.text_options`` its spec would send the description as its body, so it is written with them."""
    with_page(workspace)
    feed = {"titles": ["Shop now"], "descriptions": ["Free returns"]}
    creative = {
        "name": "C",
        "page_id": PAGE_ID,
        "dynamic_creative": True,
        "image_url": A,
        "text_options": feed,
        "link_url": "https://shop.example.com/",
        "call_to_action_type": "SHOP_NOW",
        "ad_formats": ["SINGLE_IMAGE"],
    }
    engagement_by_hand(
        workspace,
        "Web",
        [
            {
                "fields": {**HAND_ADSET, "name": "One", "is_dynamic_creative": True},
                "ads": {"One ad": ({"status": "ACTIVE"}, creative)},
            }
        ],
    )
    imported = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [one_ad] = written["spec"]["creatives"]
    assert one_ad["meta"]["text_options"] is True, one_ad
    assert (one_ad["headlines"], one_ad["descriptions"], one_ad.get("primary_text")) == (
        ["Shop now"],
        ["Free returns"],
        None,
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


#: A library image's hash (``test_meta_media_options``) and a CDN URL Meta may echo beside it (believed).
THUMB_HASH: Final = "5d41402abc4b2a76b9719d911017c592"
THUMB_CDN: Final = "https://scontent.xx.fbcdn.net/v/t45.1600-4/thumb.png"


def _echo_on_first_video(midas: Midas, workspace: Path, **echoed: str) -> None:
    """Meta's (believed) echo of a thumbnail on the spring creative's first video entry."""
    feed = _spring(workspace)["asset_feed_spec"]
    first = {**feed["videos"][0], **echoed}
    feed = {**feed, "videos": [first, *feed["videos"][1:]]}
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(feed)}").code == 0


@pytest.mark.parametrize(
    "sends_hash", [False, True], ids=["none-sent-one-echoed", "hash-sent-url-echoed-beside"]
)
def test_a_dynamic_video_s_echoed_thumbnail_is_compared_only_by_what_the_spec_sends(
    midas: Midas, workspace: Path, bare: Path, sends_hash: bool
) -> None:
    """Meta is believed to echo a video's thumbnail: one the spec sent none of, or a URL beside the hash it
    sent, is no change; another thumbnail of the key the spec sends is (a replace)."""
    with_page(workspace)
    video = THUMBNAILED.replace("      image_url: " + A + "\n", "")
    if sends_hash:
        video = video.replace(
            "        text_options: true\n", f"        image_hash: {THUMB_HASH}\n        text_options: true\n"
        )
    (workspace / "specs" / "dyn.yaml").write_text(video, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    _echo_on_first_video(midas, workspace, thumbnail_url=THUMB_CDN)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert midas("drift").code == 0, midas("drift").output
    if sends_hash:
        _echo_on_first_video(midas, workspace, thumbnail_hash="9f86d081884c7d659a2feaa0c55ad015")
        changed = midas("plan", "--detailed-exitcode")
        assert changed.code == 2 and "image_hash" in changed.output, changed.output
