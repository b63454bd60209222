"""Meta link ads showing a display link (a creative's ``meta.display_link``) through the CLI on the sandbox:
applied as the story's ``link_data.caption`` (a Dynamic Creative ad set's as its feed link's
``display_url``), converged, changed by replacing the creative, a console change reported as drift,
restored from a snapshot, a hand-built ad imported and adopted exactly, compared as Meta's alone, mirrored
to Google needing attention, refused at its line on a creative that cannot show one, and the same through
the SDK over the Graph fake."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.hand_built import meta_live_nodes
from fakes.meta_app import with_an_app_campaign
from fakes.meta_display_link import SHOES, SHOES_BY_HAND, SHOWN, shoes_by_hand, with_a_shoes_campaign
from fakes.meta_fixtures import META_ACT
from fakes.meta_messaging import BY_HAND as CHATS_BY_HAND
from fakes.meta_messaging import (
    PAGE_ID,
    chats_by_hand,
    website_ad_by_hand,
    with_a_messaging_campaign,
    with_page,
)

from midas_reconcile.connectors.sandbox.console import set_field

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)

_KEY = f"      meta: {{display_link: {SHOWN}}}\n"


def _creatives(workspace: Path) -> dict[str, dict[str, Any]]:
    nodes = meta_live_nodes(workspace, "adcreative")
    return {name: node for name, node in nodes.items() if name.startswith("shoes/")}


def _link_data(workspace: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = _creatives(workspace)[f"shoes/feed/{name}"]["object_story_spec"]["link_data"]
    return data


#: Where a link ad's display link travels (``link_data.caption``), as ``midas sandbox set`` names it.
_CAPTION = "object_story_spec.link_data.caption"


def _plain_showing(display_link: str) -> str:
    """``SHOES`` with its plain creative's ``meta.display_link`` set to ``display_link``."""
    boots = "      final_url: https://shop.example.com/boots\n"
    return SHOES.replace(boots, f"{boots}      meta: {{display_link: {display_link}}}\n")


def _apply(midas: Midas) -> None:
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output


def _shoes_applied(midas: Midas, root: Path, spec: str = SHOES) -> None:
    """``spec`` in ``root``'s workspace, whose Meta account names its Page, applied."""
    with_a_shoes_campaign(with_page(root), spec)
    _apply(midas)


def _assert_converged(midas: Midas) -> None:
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _console_sets(midas: Midas, address: str, field: str, value: str) -> None:
    """A console's edit: ``field`` of the sandbox's ``address`` set to the text ``value``."""
    edited = midas("sandbox", "set", address, f'{field}="{value}"')
    assert edited.code == 0, edited.output


def _drift_item(midas: Midas, address_part: str) -> dict[str, Any]:
    """The one item of ``midas drift`` (which finds drift) whose address holds ``address_part``."""
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if address_part in i["address"]]
    return item


def _adopt(midas: Midas, campaign: str) -> None:
    adopted = midas("import", "--account", "meta-main", "--campaign", campaign, "--adopt")
    assert adopted.code == 0, adopted.output


def _imported(workspace: Path, name: str) -> str:
    """The text of ``specs/imported/<name>.yaml``, written by ``midas import``."""
    return (workspace / "specs" / "imported" / f"{name}.yaml").read_text(encoding="utf-8")


def test_a_display_link_applies_as_the_link_data_caption_and_converges(midas: Midas, bare: Path) -> None:
    _shoes_applied(midas, bare)
    _assert_converged(midas)
    assert _link_data(bare, "shown")["caption"] == SHOWN
    assert "caption" not in _link_data(bare, "plain")


def test_changing_a_display_link_replaces_the_creative_and_dropping_it_sends_none(
    midas: Midas, bare: Path
) -> None:
    _shoes_applied(midas, bare)
    with_a_shoes_campaign(bare, SHOES.replace(_KEY, "      meta: {display_link: example.com/sale}\n"))
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "display_link" in plan.output, plan.output
    _apply(midas)
    _assert_converged(midas)
    assert _link_data(bare, "shown")["caption"] == "example.com/sale"
    with_a_shoes_campaign(bare, SHOES.replace(_KEY, ""))
    _apply(midas)
    _assert_converged(midas)
    assert "caption" not in _link_data(bare, "shown")


def test_a_display_link_of_the_link_s_own_domain_is_none_and_its_echo_is_no_change(
    midas: Midas, bare: Path
) -> None:
    """Unset, Meta shows the link's domain: a spec naming it sends nothing, and a caption read back that is
    the domain (an echo Meta may make, unconfirmed) is no change, so neither plans forever."""
    with_a_shoes_campaign(
        with_page(bare), SHOES.replace(_KEY, "      meta: {display_link: Shop.Example.com}\n")
    )
    _apply(midas)
    assert "caption" not in _link_data(bare, "shown")
    _assert_converged(midas)
    _console_sets(midas, "adcreative/shoes/feed/plain@meta", _CAPTION, "shop.example.com")
    _assert_converged(midas)
    assert midas("drift").code == 0, midas("drift").output


def test_a_console_change_of_a_display_link_is_drift_and_apply_restores_it(midas: Midas, bare: Path) -> None:
    _shoes_applied(midas, bare)
    _console_sets(midas, "adcreative/shoes/feed/shown@meta", _CAPTION, "example.com/boots")
    item = _drift_item(midas, "shoes/feed/shown@")
    assert item["kind"] == "changed" and "example.com/boots" in json.dumps(item), item
    plan = midas("plan")
    assert "display_link" in plan.output and "replac" in plan.output, plan.output
    _apply(midas)
    _assert_converged(midas)
    assert _link_data(bare, "shown")["caption"] == SHOWN


def test_a_console_s_display_link_on_a_creative_midas_never_showed_one_on_is_warned_not_replaced(
    midas: Midas, bare: Path
) -> None:
    """Upgrade safety: a console's display link on a managed creative whose spec and record hold none (as
    every creative before MIDAS read it) is left alone with a warning naming it (drift tells it as unheld),
    not replaced; the spec naming one then replaces the creative with it."""
    _shoes_applied(midas, bare)
    _console_sets(midas, "adcreative/shoes/feed/plain@meta", _CAPTION, "example.com/boots")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and "No changes" in plan.output, plan.output
    assert "display link 'example.com/boots'" in plan.output, plan.output
    advice = "set meta.display_link to keep it, or to the link's own domain (shop.example.com) to drop it"
    assert advice in " ".join(plan.output.split()), plan.output
    item = _drift_item(midas, "shoes/feed/plain@")
    assert item["kind"] == "unheld" and "display link 'example.com/boots'" in item["message"], item
    _apply(midas)
    assert _link_data(bare, "plain")["caption"] == "example.com/boots"
    said = _plain_showing("example.com/sale")
    with_a_shoes_campaign(bare, said)
    _apply(midas)
    _assert_converged(midas)
    assert _link_data(bare, "plain")["caption"] == "example.com/sale"


def test_a_display_link_naming_the_link_s_own_domain_holds_it_and_drops_a_console_s_caption(
    midas: Midas, bare: Path
) -> None:
    """A written ``meta.display_link`` is held even where it is the link's own domain (so nothing is sent):
    a console's caption on that creative is a change the spec disagrees with, replaced by apply, not left
    alone as on a creative whose spec says none; so a spec drops a console's display link by naming the
    domain."""
    said = _plain_showing("shop.example.com")
    _shoes_applied(midas, bare, said)
    assert "caption" not in _link_data(bare, "plain")
    _assert_converged(midas)
    _console_sets(midas, "adcreative/shoes/feed/plain@meta", _CAPTION, "example.com/boots")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "display_link" in plan.output and "replac" in plan.output, plan.output
    assert "No changes" not in plan.output and "left alone" not in plan.output, plan.output
    item = _drift_item(midas, "shoes/feed/plain@")
    assert item["kind"] == "changed", item
    _apply(midas)
    assert "caption" not in _link_data(bare, "plain")
    _assert_converged(midas)
    assert midas("drift").code == 0, midas("drift").output


def test_a_console_s_caption_after_the_spec_drops_its_own_domain_display_link_is_warned_not_replaced(
    midas: Midas, bare: Path
) -> None:
    """A spec naming the link's own domain, applied, then the key dropped: apply has nothing to change (none
    was sent either way), so the record keeps the held marker; the spec now holds none, so a console's caption
    after that is left alone with a warning, as on a creative MIDAS never showed one on, not replaced."""
    said = _plain_showing("shop.example.com")
    _shoes_applied(midas, bare, said)
    with_a_shoes_campaign(bare, SHOES)
    _apply(midas)
    _assert_converged(midas)
    _console_sets(midas, "adcreative/shoes/feed/plain@meta", _CAPTION, "example.com/boots")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and "No changes" in plan.output, plan.output
    assert "display link 'example.com/boots'" in plan.output and "-/+" not in plan.output, plan.output
    item = _drift_item(midas, "shoes/feed/plain@")
    assert item["kind"] == "unheld", item
    _apply(midas)
    assert _link_data(bare, "plain")["caption"] == "example.com/boots"


def test_a_snapshot_restores_a_display_link_and_writes_it_back(midas: Midas, bare: Path) -> None:
    _shoes_applied(midas, bare)
    assert midas("snapshot", "--name", "shown").code == 0
    with_a_shoes_campaign(bare, SHOES.replace(_KEY, ""))
    _apply(midas)
    restored = midas("restore", "shown", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _link_data(bare, "shown")["caption"] == SHOWN
    assert midas("restore", "shown", "--write-specs").code == 0
    spec = yaml.safe_load((bare / "specs" / "shoes.yaml").read_text(encoding="utf-8"))["spec"]
    creatives = {c["name"]: c for c in spec["creatives"]}
    assert creatives["shown"]["meta"] == {"display_link": SHOWN}
    assert "meta" not in creatives["plain"]
    _assert_converged(midas)


def test_a_hand_built_ad_with_a_display_link_imports_and_adopts_exactly(midas: Midas, bare: Path) -> None:
    shoes_by_hand(with_page(bare))
    _adopt(midas, SHOES_BY_HAND)
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and "No changes" in plan.output, plan.output
    text = _imported(bare, "shoes-by-hand")
    creatives = {c["name"]: c for c in yaml.safe_load(text)["spec"]["creatives"]}
    assert creatives["Shown ad"]["meta"] == {"display_link": SHOWN}, text
    assert "display_link" not in str(creatives["Plain ad"]), text
    assert midas("drift").code == 0, midas("drift").output


@pytest.mark.parametrize(
    "shown",
    ["example.com?ref=fb", "example.com:8080/shoes", "my_shop.example.com", "example.com/" + "x" * 120],
    ids=["query", "port", "underscore", "long"],
)
def test_a_hand_built_display_link_with_a_query_port_underscore_or_length_imports_exactly(
    midas: Midas, bare: Path, shown: str
) -> None:
    shoes_by_hand(with_page(bare), shown=shown)
    _adopt(midas, SHOES_BY_HAND)
    text = _imported(bare, "shoes-by-hand")
    creatives = {c["name"]: c for c in yaml.safe_load(text)["spec"]["creatives"]}
    assert creatives["Shown ad"]["meta"] == {"display_link": shown}, text
    _assert_converged(midas)


def test_import_refuses_a_display_link_the_spec_cannot_take_by_name_not_as_a_load_error(
    midas: Midas, bare: Path
) -> None:
    shoes_by_hand(with_page(bare), shown="shop!.example.com")
    refused = midas("import", "--account", "meta-main", "--campaign", SHOES_BY_HAND, "--adopt")
    assert refused.code == 1, refused.output
    said = " ".join(refused.output.split())
    assert "would not load" not in said, refused.output
    assert "shows display link 'shop!.example.com' (object_story_spec.link_data.caption" in said, said
    assert not (bare / "specs" / "imported").exists()


def test_compare_shows_a_display_link_as_meta_s_alone_and_mirror_to_google_needs_attention(
    midas: Midas, workspace: Path
) -> None:
    both = SHOES.replace(
        "    meta: {account: meta-main}\n",
        "    meta: {account: meta-main}\n    google: {account: google-main}\n",
    ).replace("    - name: feed\n", "    - name: feed\n      keywords: [{text: running shoes}]\n")
    both = both.replace("headlines: [New shoes]", "headlines: [New shoes, Shoe sale, Shop shoes]")
    both = both.replace("headlines: [New boots]", "headlines: [New boots, Boot sale, Shop boots]")
    both = both.replace("descriptions: []", "descriptions: [Free returns, Ships today]")
    _shoes_applied(midas, workspace, both)
    compared = json.loads(midas("compare", "campaign/shoes", "--format", "json").output)
    [row] = [r for r in compared["fields"] if r["field"] == "creative 'shown' meta.display_link"]
    assert (row["google"], row["meta"]) == (None, SHOWN), row
    assert not [r for r in compared["fields"] if r["field"] == "creative 'plain' meta.display_link"]
    meta_only = SHOES
    with_a_shoes_campaign(workspace, meta_only)
    mirrored = midas("mirror", "campaign/shoes", "--to", "google", "--split", "0.5")
    assert mirrored.code == 0, mirrored.output
    said = f"creative(s) 'shown' show a display link on Meta ({SHOWN}; meta.display_link): Meta's alone, kept"
    assert said in " ".join(mirrored.output.split()), mirrored.output
    written = yaml.safe_load((workspace / "specs" / "shoes.yaml").read_text(encoding="utf-8"))["spec"]
    assert {c["name"]: c.get("meta") for c in written["creatives"]}["shown"] == {"display_link": SHOWN}


#: ``SHOES``' shown creative alone, in a Dynamic Creative ad set.
_DYNAMIC = SHOES[: SHOES.index("    - name: plain\n")].replace(
    "    - name: feed\n", "    - name: feed\n      meta: {dynamic_creative: true}\n"
)


def test_a_dynamic_creative_s_display_link_is_its_feed_link_s_display_url_converges_and_drifts(
    midas: Midas, bare: Path
) -> None:
    _shoes_applied(midas, bare, _DYNAMIC)
    _assert_converged(midas)
    node = _creatives(bare)["shoes/feed/shown"]
    assert node["object_story_spec"] == {"page_id": PAGE_ID}
    assert node["asset_feed_spec"]["link_urls"] == [
        {"website_url": "https://shop.example.com/shoes", "display_url": SHOWN}
    ]
    _console_sets(
        midas,
        "adcreative/shoes/feed/shown@meta",
        "asset_feed_spec.link_urls.0.display_url",
        "example.com/boots",
    )
    drift = midas("drift")
    assert drift.code == 2 and "example.com/boots" in drift.output, drift.output
    _apply(midas)
    _assert_converged(midas)
    assert _creatives(bare)["shoes/feed/shown"]["asset_feed_spec"]["link_urls"][0]["display_url"] == SHOWN


def test_a_hand_built_dynamic_creative_with_a_display_url_imports_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    website_ad_by_hand(
        with_page(bare),
        {
            "name": "C",
            "page_id": PAGE_ID,
            "dynamic_creative": True,
            "image_url": "https://cdn.example.com/a.png",
            "text_options": {"bodies": ["Our shoes"], "titles": ["Shop now"]},
            "link_url": "https://shop.example.com/",
            "display_link": SHOWN,
            "call_to_action_type": "SHOP_NOW",
        },
        is_dynamic_creative=True,
    )
    _adopt(midas, "Web")
    written = yaml.safe_load(_imported(bare, "web"))
    assert written["spec"]["creatives"][0]["meta"]["display_link"] == SHOWN, written
    _assert_converged(midas)


@pytest.mark.parametrize(
    ("creative", "expected"),
    [
        (
            "    - {name: boost, type: post, post_id: '1122334455_555',\n"
            "       meta: {display_link: example.com/x}}\n",
            "expected it only on a link ad (a text or image creative with a final_url) or a dynamic creative "
            "ad set's: the existing post says its link",
        ),
        (
            "    - {name: clip, type: video, video_id: '7001', final_url: 'https://shop.example.com/', "
            "headlines: [Watch], descriptions: [], primary_text: Watch,\n"
            "       meta: {display_link: example.com/x}}\n",
            "Meta shows no display link of a video ad MIDAS can confirm",
        ),
    ],
    ids=["page-post", "video"],
)
def test_a_display_link_on_a_creative_that_cannot_show_one_is_refused_at_its_line(
    midas: Midas, bare: Path, creative: str, expected: str
) -> None:
    with_a_shoes_campaign(with_page(bare), SHOES.replace(_KEY, "") + creative)
    result = midas("validate")
    assert result.code == 1, result.output
    assert "specs/shoes.yaml:31:" in result.output and "meta.display_link" in result.output, result.output
    assert expected in " ".join(result.output.split()), result.output
    assert midas("apply", "--auto-approve").code == 1
    assert not _creatives(bare)


@pytest.mark.parametrize(
    "value", ["not a link", "shoes", "https://", "shop!.example.com", "example.com:http/a"]
)
def test_a_display_link_that_is_no_web_address_is_refused_at_its_line(
    midas: Midas, bare: Path, value: str
) -> None:
    with_a_shoes_campaign(with_page(bare), SHOES.replace(_KEY, f"      meta: {{display_link: '{value}'}}\n"))
    result = midas("validate")
    assert result.code == 1, result.output
    assert "specs/shoes.yaml:23:28:" in result.output, result.output
    assert "expected a web address such as example.com/shoes" in result.output, result.output


def test_a_display_link_converges_drifts_and_imports_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    with_a_shoes_campaign(meta_workspace)
    _apply(midas)
    _assert_converged(midas)
    stories = {c["name"]: c["object_story_spec"] for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    assert stories["shoes/feed/shown"]["link_data"]["caption"] == SHOWN
    assert "caption" not in stories["shoes/feed/plain"]["link_data"]
    for file in [*(meta_workspace / "specs").glob("*.yaml"), *(meta_workspace / "policies").glob("*.yaml")]:
        file.unlink()
    shoes_by_hand(meta_workspace)
    _adopt(midas, SHOES_BY_HAND)
    text = _imported(meta_workspace, "shoes-by-hand")
    assert f"display_link: {SHOWN}" in text, text
    plan = midas("plan")  # the deleted specs' campaigns pause; the adopted one plans no change
    assert plan.code == 0 and SHOES_BY_HAND not in plan.output, plan.output


def test_a_dynamic_creative_s_display_url_converges_drifts_and_restores_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """The Dynamic Creative path through facebook-business over the Graph fake: the display link travels as
    the feed link's ``display_url``, reads back as no change, a console's other one is drift and apply
    replaces the creative to restore it."""
    with_a_shoes_campaign(meta_workspace, _DYNAMIC)
    _apply(midas)
    _assert_converged(midas)

    def feed_links() -> list[dict[str, Any]]:
        [node] = [c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "shoes/feed/shown"]
        links: list[dict[str, Any]] = node["asset_feed_spec"]["link_urls"]
        return links

    assert feed_links() == [{"website_url": "https://shop.example.com/shoes", "display_url": SHOWN}]
    set_field(
        meta_fake.sim.world,
        {"meta-main": ("meta", META_ACT, "USD")},
        "adcreative/shoes/feed/shown@meta",
        {"asset_feed_spec.link_urls.0.display_url": "example.com/boots"},
    )
    drift = midas("drift")
    assert drift.code == 2 and "example.com/boots" in drift.output, drift.output
    _apply(midas)
    _assert_converged(midas)
    assert feed_links()[0]["display_url"] == SHOWN


def test_a_snapshot_leaves_out_a_console_s_display_link_midas_never_held(midas: Midas, bare: Path) -> None:
    """As a plan leaves it alone (and a console's Instagram account): restored, it is still left alone, and
    ``restore --write-specs`` writes no key for it."""
    _shoes_applied(midas, bare)
    _console_sets(midas, "adcreative/shoes/feed/plain@meta", _CAPTION, "example.com/boots")
    assert midas("snapshot", "--name", "console").code == 0
    restored = midas("restore", "console", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _link_data(bare, "plain")["caption"] == "example.com/boots"
    assert midas("restore", "console", "--write-specs").code == 0
    spec = yaml.safe_load((bare / "specs" / "shoes.yaml").read_text(encoding="utf-8"))["spec"]
    assert "meta" not in {c["name"]: c for c in spec["creatives"]}["plain"], spec
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and "display link 'example.com/boots'" in plan.output, plan.output


def test_a_console_s_display_link_on_a_managed_ad_opening_a_conversation_is_warned_with_advice_it_can_take(
    midas: Midas, bare: Path
) -> None:
    """A spec refuses meta.display_link on an ad opening a conversation, so the warning says what can be done
    there instead of setting the key."""
    with_a_messaging_campaign(with_page(bare))
    _apply(midas)
    _console_sets(midas, "adcreative/chats/messenger-chats/ask-us@meta", _CAPTION, "example.com/chat")
    plan = midas("plan", "--detailed-exitcode")
    said = " ".join(plan.output.split())
    assert plan.code == 0 and "display link 'example.com/chat'" in said, plan.output
    assert "remove it in Ads Manager" in said and "set meta.display_link" not in said, plan.output
    item = _drift_item(midas, "messenger-chats/ask-us@")
    assert item["kind"] == "unheld" and "remove it in Ads Manager" in item["message"], item


def test_a_console_s_display_link_on_a_managed_app_ad_is_warned_with_advice_it_can_take(
    midas: Midas, workspace: Path
) -> None:
    """A spec refuses meta.display_link in an app promotion campaign, so the warning on an app's ad (linking
    to its store page with a mobile app's button) says what can be done there instead of setting the key."""
    with_an_app_campaign(workspace)
    _apply(midas)
    _console_sets(midas, "adcreative/game-installs/players/install@meta", _CAPTION, "example.com/game")
    plan = midas("plan", "--detailed-exitcode")
    said = " ".join(plan.output.split())
    assert plan.code == 0 and "display link 'example.com/game'" in said, plan.output
    assert "on an app's ad" in said and "remove it in Ads Manager" in said, plan.output
    assert "set meta.display_link" not in said, plan.output


def test_import_refuses_a_display_link_on_an_ad_opening_a_conversation_by_name(
    midas: Midas, bare: Path
) -> None:
    chats_by_hand(with_page(bare))
    _console_sets(
        midas, f"adcreative/{CHATS_BY_HAND}/Messenger/Messenger ad@meta", _CAPTION, "example.com/chat"
    )
    refused = midas("import", "--account", "meta-main", "--campaign", CHATS_BY_HAND, "--adopt")
    assert refused.code == 1, refused.output
    said = "shows display link 'example.com/chat' (object_story_spec.link_data.caption or its feed link's"
    assert said in " ".join(refused.output.split()), refused.output
    assert not (bare / "specs" / "imported").exists()
