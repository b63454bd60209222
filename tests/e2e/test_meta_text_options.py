"""Meta's multiple text options (``meta.text_options``): applied, a Meta ad carries its texts in its asset
feed and plans no changes after; a console edit of one is drift; a hand-built ad of several texts imports as
the option and adopts to no changes; a dynamic creative's feed (its link and button there) stays refused;
spec errors at their line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from fakes.meta_messaging import CHATS, PAGE_ID, SEVERAL, website_ad_by_hand, with_page

from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld

#: What this module tests is not the state store's backends (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
META_ACT: Final = "act_1234567890"

OPTIONS: Final = """\
apiVersion: midas/v1
kind: Campaign
metadata:
  name: options
spec:
  platforms:
    meta: {account: meta-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - name: spring
      type: image
      headlines: [Run lighter, Spring sale]
      descriptions: [Free returns, Ships today]
      primary_text: Spring into your best run.
      final_url: https://shop.example.com/spring
      image_url: https://cdn.example.com/spring.png
      meta:
        text_options: true
        primary_texts: [Up to 40% off running shoes., New colours are in.]
"""
SPRING: Final = "adcreative/options/default/spring@meta"


def _creatives(workspace: Path) -> list[dict[str, Any]]:
    """The live Meta creatives as the Graph API shows them (out of band, not counted)."""
    with SandboxWorld.for_workspace(workspace) as world:
        return MetaSimulator(world).peek(META_ACT, "adcreative")


def _applied(midas: Midas, workspace: Path, spec: str = OPTIONS) -> None:
    with_page(workspace)
    (workspace / "specs" / "options.yaml").write_text(spec, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output


def test_text_options_are_sent_as_an_asset_feed_of_texts_and_plan_no_changes_after(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    _applied(midas, workspace)
    [creative] = [c for c in _creatives(workspace) if c["name"] == "options/default/spring"]
    feed = creative["asset_feed_spec"]
    assert feed["bodies"] == [
        {"text": "Spring into your best run."},
        {"text": "Up to 40% off running shoes."},
        {"text": "New colours are in."},
    ]
    assert feed["titles"] == [{"text": "Run lighter"}, {"text": "Spring sale"}]
    assert feed["descriptions"] == [{"text": "Free returns"}, {"text": "Ships today"}]
    assert feed["optimization_type"] == "DEGREES_OF_FREEDOM"
    link = creative["object_story_spec"]["link_data"]
    assert not {"message", "name", "description"} & set(link), link
    assert link["link"] == "https://shop.example.com/spring"
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    drift = midas("drift")
    assert drift.code == 0, drift.output


def test_a_spec_without_text_options_compiles_as_before_with_one_text_each(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    plain = OPTIONS.replace(
        "      meta:\n        text_options: true\n        primary_texts: [Up to 40% off running shoes., "
        "New colours are in.]\n",
        "",
    )
    _applied(midas, workspace, plain)
    [creative] = [c for c in _creatives(workspace) if c["name"] == "options/default/spring"]
    assert "asset_feed_spec" not in creative
    link = creative["object_story_spec"]["link_data"]
    assert (link["message"], link["name"], link["description"]) == (
        "Spring into your best run.",
        "Run lighter",
        "Free returns",
    )


def test_a_console_edit_of_a_text_option_is_drift_and_an_added_option_is_a_planned_replacement(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    _applied(midas, workspace)
    edited = {
        "bodies": [{"text": "Spring into your best run."}, {"text": "Edited in the console."}],
        "titles": [{"text": "Run lighter"}, {"text": "Spring sale"}],
        "descriptions": [{"text": "Free returns"}, {"text": "Ships today"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(edited)}").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert "text_options" in drift.output and "Edited in the console." in drift.output, drift.output
    assert "unheld" not in drift.output and "set out of band" not in drift.output, drift.output

    spec = workspace / "specs" / "options.yaml"
    spec.write_text(OPTIONS.replace("New colours are in.]", "New colours are in., Ships free.]"), "utf-8")
    plan = midas("plan")
    assert "Ships free." in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _website_ad(workspace: Path, feed: dict[str, Any], **story: str) -> None:
    """A campaign "Web" built by hand on meta-main: one ad set "One" of one LEARN_MORE website ad "One ad",
    its creative carrying asset feed ``feed`` and the story texts ``story`` (title, body, description)."""
    creative: dict[str, Any] = {
        "name": "C",
        **story,
        "image_url": "https://cdn.example.com/a.png",
        "page_id": PAGE_ID,
        "link_url": "https://shop.example.com/",
        "call_to_action_type": "LEARN_MORE",
        "asset_feed_spec": feed,
    }
    website_ad_by_hand(workspace, creative)


def test_a_hand_built_ad_of_several_texts_imports_as_text_options_and_adopts_to_no_changes(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """As Ads Manager may make it: the first texts in the story, the others in the feed (Meta echoing the
    feed's optimization type): one list of options each, the story's first."""
    with_page(workspace)
    feed = {
        "bodies": [{"text": "Second primary text"}],
        "titles": [{"text": "Shop now"}, {"text": "New in"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    _website_ad(workspace, feed, title="Shop now", body="Our shoes", description="Free returns")
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    [creative] = written["spec"]["creatives"]
    assert creative["headlines"] == ["Shop now", "New in"]
    assert creative["descriptions"] == ["Free returns"]
    assert creative["primary_text"] == "Our shoes"
    assert creative["meta"] == {"text_options": True, "primary_texts": ["Second primary text"]}
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert midas("drift").code == 0, midas("drift").output


def test_import_still_refuses_a_link_and_button_in_the_feed_beside_a_story_s_own_by_name(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """A dynamic creative's link and button in the feed of a creative whose story says its own, which a
    spec's final_url and call_to_action cannot say beside it (its several texts and images alone are held;
    a dynamic creative's, its story the Page alone, imports: test_meta_dynamic_creative.py)."""
    with_page(workspace)
    feed = {
        "bodies": [{"text": "One"}, {"text": "Two"}],
        "images": [{"url": "https://cdn.example.com/a.png"}, {"url": "https://cdn.example.com/b.png"}],
        "ad_formats": ["SINGLE_IMAGE"],
        "link_urls": [{"website_url": "https://shop.example.com/"}],
        "call_to_action_types": ["LEARN_MORE"],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    _website_ad(workspace, feed, title="Shop now")
    refused = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert refused.code == 1, refused.output
    for named in ("ad_formats", "link_urls", "call_to_action_types"):
        assert f"asset_feed_spec.{named}" in refused.output, refused.output
    assert "asset_feed_spec.images" not in refused.output, refused.output
    assert "asset_feed_spec.bodies" not in refused.output, refused.output
    assert "dynamic creative" in refused.output, refused.output
    assert not (workspace / "specs" / "imported" / "web.yaml").exists()


@pytest.mark.parametrize(
    ("edit", "line", "said"),
    [
        (
            (
                "        primary_texts: [Up to 40% off running shoes., New colours are in.]",
                "        primary_texts: [a, b, c, d, e]",
            ),
            21,
            "found 6 primary texts (primary_text and primary_texts); expected at most 5 with "
            "meta.text_options",
        ),
        (
            ("      headlines: [Run lighter, Spring sale]", "      headlines: [a, b, c, d, e, f]"),
            14,
            "found 6 headlines; expected at most 5 with meta.text_options",
        ),
        (
            (
                "      descriptions: [Free returns, Ships today]",
                "      descriptions: [Free returns, Free returns]",
            ),
            15,
            "found 'Free returns' twice among the descriptions",
        ),
        (
            ("        text_options: true\n", ""),
            20,
            "found primary_texts without text_options",
        ),
        (
            ("      type: image\n", "      type: carousel\n"),
            20,
            "found text_options on a carousel",
        ),
    ],
    ids=["bodies", "headlines", "twice", "without-opt-in", "carousel"],
)
def test_text_options_spec_errors_name_their_line(
    midas: Midas, workspace: Path, bare: Path, edit: tuple[str, str], line: int, said: str
) -> None:
    old, new = edit
    assert old in OPTIONS
    (workspace / "specs" / "options.yaml").write_text(OPTIONS.replace(old, new), encoding="utf-8")
    checked = midas("validate")
    assert checked.code == 1, checked.output
    assert said in checked.output, checked.output
    assert f"options.yaml:{line}" in checked.output, checked.output


def _spring_shoes_with_text_options(workspace: Path) -> None:
    """The example's spring-shoes creative (on Google and Meta) with Meta's text options and a further
    primary text."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    anchor = "      final_url: https://shop.example.com/spring/shoes\n      call_to_action: shop_now\n"
    assert text.count(anchor) == 1
    options = "      meta: {text_options: true, primary_texts: [Shoes for every run.]}\n"
    spec.write_text(text.replace(anchor, anchor + options), encoding="utf-8")


def test_compare_shows_text_options_as_google_s_texts_and_the_further_primary_texts_as_meta_s_alone(
    midas: Midas, workspace: Path
) -> None:
    _spring_shoes_with_text_options(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in compared["fields"]}
    headlines = rows["creative 'spring-shoes' headlines"]
    assert len(headlines["meta"]) == 3 and headlines["same"], headlines
    assert rows["creative 'spring-shoes' descriptions"]["same"], rows["creative 'spring-shoes' descriptions"]
    further = rows["creative 'spring-shoes' meta.primary_texts"]
    assert (further["google"], further["meta"], further["same"]) == (None, ["Shoes for every run."], False)


def test_a_campaign_on_both_platforms_with_text_options_imports_one_creative_and_adopts_to_no_changes(
    midas: Midas, workspace: Path, tmp_path: Path
) -> None:
    _spring_shoes_with_text_options(workspace)
    assert midas("apply", "--auto-approve").code == 0
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    adopted = midas("--state-url", fresh, "import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((workspace / "specs" / "imported" / "spring-sale.yaml").read_text(encoding="utf-8"))
    [shoes] = [c for c in spec["spec"]["creatives"] if c["name"] == "spring-shoes"]
    assert "platforms" not in shoes
    assert shoes["meta"] == {"text_options": True, "primary_texts": ["Shoes for every run."]}
    plan = midas("--state-url", fresh, "plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_mirror_to_google_keeps_the_text_options_of_a_meta_campaign(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """Google's responsive search ad takes the headlines and descriptions anyway; the Meta options stay."""
    spec = OPTIONS.replace("      type: image\n", "").replace(
        "      headlines: [Run lighter, Spring sale]", "      headlines: [Run lighter, Spring sale, Shoes]"
    )
    spec = spec.replace("      image_url: https://cdn.example.com/spring.png\n", "")
    (workspace / "specs" / "options.yaml").write_text(spec, encoding="utf-8")
    mirrored = midas("mirror", "campaign/options", "--to", "google", "--split", "0.5")
    assert mirrored.code == 0, mirrored.output
    written = yaml.safe_load((workspace / "specs" / "options.yaml").read_text(encoding="utf-8"))["spec"]
    [creative] = written["creatives"]
    assert "platforms" not in creative
    assert creative["headlines"] == ["Run lighter", "Spring sale", "Shoes"]
    assert creative["meta"] == {
        "text_options": True,
        "primary_texts": ["Up to 40% off running shoes.", "New colours are in."],
    }
    assert midas("validate").code == 0, midas("validate").output


def test_text_options_of_a_click_to_message_ad_converge_and_re_import_as_they_are(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    """An ad opening one messaging app keeps its button in its story: its asset feed is its texts alone."""
    with_page(workspace)
    anchor = "      primary_text: Questions about your order? Message us.\n"
    assert anchor in CHATS
    options = "      meta: {text_options: true, primary_texts: [We answer within the hour.]}\n"
    (workspace / "specs" / "chats.yaml").write_text(CHATS.replace(anchor, anchor + options), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    (workspace / "specs" / "chats.yaml").unlink()
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "chats.yaml").read_text(encoding="utf-8"))
    [creative] = written["spec"]["creatives"]
    assert creative["meta"] == {"text_options": True, "primary_texts": ["We answer within the hour."]}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_text_options_on_a_creative_of_ad_sets_opening_several_apps_are_a_spec_error_at_their_line(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    anchor = "      primary_text: Questions about your order? Message us.\n"
    spec = SEVERAL.replace(anchor, anchor + "      meta: {text_options: true}\n")
    (workspace / "specs" / "several.yaml").write_text(spec, encoding="utf-8")
    line = spec.splitlines().index("      meta: {text_options: true}") + 1
    checked = midas("validate")
    assert checked.code == 1, checked.output
    assert f"several.yaml:{line}" in checked.output, checked.output
    assert (
        "found text_options on a creative of ad sets opening several messaging apps (messenger-whatsapp, "
        "instagram-messenger)"
    ) in checked.output, checked.output
