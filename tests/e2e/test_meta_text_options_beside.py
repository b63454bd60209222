"""Meta's multiple text options beside what else a creative says: a text feed set in a console on a link ad
not opting in is drift the plan replaces the creative for; on a carousel it is unheld drift with no planned
change, and refused by name on import; a single-app chat ad's feed restating its own button holds texts
too; compare tells a Meta ad offering fewer options than Google's; a feed text tagged on its own is named as
that."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
from fakes.meta_messaging import CHATS, PAGE_ID, one_ad_with_a_feed_by_hand, website_ad_by_hand, with_page

from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from tests.e2e.test_meta_text_options import _spring_shoes_with_text_options, _website_ad

#: What this module tests is not the state store's backends (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
TEXTS: Final = {"bodies": [{"text": "Second primary text"}], "optimization_type": "DEGREES_OF_FREEDOM"}
CAROUSEL: Final = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: deck}
spec:
  platforms: {meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - name: deck
      type: carousel
      primary_text: Our range.
      final_url: https://shop.example.com/
      cards:
        - {headline: One, final_url: https://shop.example.com/1, image_url: https://cdn.example.com/1.png}
        - {headline: Two, final_url: https://shop.example.com/2, image_url: https://cdn.example.com/2.png}
"""
OWN: Final = {"type": "WHATSAPP_MESSAGE", "value": {"app_destination": "WHATSAPP"}}


def test_a_console_text_feed_on_a_link_ad_not_opting_in_is_drift_and_the_plan_replaces_the_creative(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    addr = "adcreative/spring-sale/runners/spring-shoes@meta"
    assert midas("sandbox", "set", addr, f"asset_feed_spec={json.dumps(TEXTS)}").code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert '~ title: "Spring Sale on Running Shoes" → (none)' not in drift.output, drift.output
    assert "text_options.bodies" in drift.output and "set out of band" not in drift.output, drift.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "replacing the adcreative" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift").code == 0


def test_a_console_text_feed_on_a_managed_carousel_keeps_its_body_and_is_unheld_drift(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    (workspace / "specs" / "deck.yaml").write_text(CAROUSEL, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert (
        midas(
            "sandbox", "set", "adcreative/deck/default/deck@meta", f"asset_feed_spec={json.dumps(TEXTS)}"
        ).code
        == 0
    )
    drift = midas("drift").output
    assert '~ body: "Our range." → (none)' not in drift, drift
    assert "set out of band" in drift and "asset_feed_spec.bodies" in drift, drift
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_import_refuses_a_hand_built_carousel_s_feed_of_texts_by_name(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    cards = [
        {
            "link_url": f"https://shop.example.com/{i}",
            "title": t,
            "image_url": f"https://cdn.example.com/{i}.png",
            "call_to_action_type": "LEARN_MORE",
        }
        for i, t in ((1, "One"), (2, "Two"))
    ]
    creative = {
        "name": "C",
        "body": "Our range.",
        "link_url": "https://shop.example.com/",
        "page_id": PAGE_ID,
        "cards": cards,
        "asset_feed_spec": TEXTS,
    }
    website_ad_by_hand(workspace, creative)
    out = midas("import", "--account", "meta-main", "--all", "--adopt").output
    assert "the written spec would not match what is live" not in out, out
    assert "asset_feed_spec.bodies" in out, out


def test_an_ads_manager_chat_ad_restating_its_own_button_beside_texts_imports_as_text_options(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    one_ad_with_a_feed_by_hand(
        workspace, "WHATSAPP", {"call_to_actions": [OWN], "bodies": [{"text": "We answer within the hour."}]}
    )
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    written = "".join(p.read_text(encoding="utf-8") for p in (workspace / "specs").rglob("*.yaml"))
    assert "text_options: true" in written and "We answer within the hour." in written, written
    assert "whatsapp" in written, written
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output


def test_a_managed_text_options_chat_ad_read_with_its_own_button_restated_plans_no_changes(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    anchor = "      primary_text: Questions about your order? Message us.\n"
    spec = CHATS.replace(
        anchor, anchor + "      meta: {text_options: true, primary_texts: [We answer within the hour.]}\n"
    )
    (workspace / "specs" / "chats.yaml").write_text(spec, "utf-8")
    assert midas("apply", "--auto-approve").code == 0
    feed = {
        "call_to_actions": [OWN],
        "titles": [{"text": "Ask us anything"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
        "bodies": [
            {"text": "Questions about your order? Message us."},
            {"text": "We answer within the hour."},
        ],
    }
    addr = "adcreative/chats/whatsapp-chats/ask-us@meta"
    assert midas("sandbox", "set", addr, f"asset_feed_spec={json.dumps(feed)}").code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert "would be lost" not in plan.output, plan.output


def test_compare_tells_a_text_options_ad_offering_fewer_headlines_than_google_s(
    midas: Midas, workspace: Path
) -> None:
    _spring_shoes_with_text_options(workspace)
    assert midas("apply", "--auto-approve").code == 0
    for name in ("spring-sale/runners/spring-shoes", "spring-sale/walkers/spring-shoes"):
        with SandboxWorld.for_workspace(workspace) as world:
            [c] = [c for c in MetaSimulator(world).peek("act_1234567890", "adcreative") if c["name"] == name]
        feed = {**c["asset_feed_spec"], "titles": c["asset_feed_spec"]["titles"][:1]}
        assert (
            midas("sandbox", "set", f"adcreative/{name}@meta", f"asset_feed_spec={json.dumps(feed)}").code
            == 0
        )
    rows = {
        f["field"]: f
        for f in json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)["fields"]
    }
    row = rows["creative 'spring-shoes' headlines"]
    assert not row["same"], row


def test_import_names_a_feed_text_tagged_on_its_own_as_that_not_as_images_or_videos(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    _website_ad(workspace, {"bodies": [{"text": "B", "url_tags": "utm_content=b"}]}, title="H", body="A")
    out = midas("import", "--account", "meta-main", "--all", "--adopt").output
    assert "several images, videos or other assets" not in out, out
    assert "url_tags" in out, out
