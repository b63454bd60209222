"""A console's text feed (Meta's multiple text options) is content of the creative it is on, whether the
spec opts in or not: drift of a creative not opting in, which the plan replaces to what the spec says; a
spec opting in to exactly what a console set refreshes the record; a restore sends such a creative as MIDAS
makes one opting in (every text in the feed) and its record holds the feed; ``restore --write-specs`` opts
it in, splitting a creative shared with Google only where the texts differ; compare tells it as the plan
does; import refuses more texts than Meta's options take, by name (review4 findings)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.meta_fixtures import META_ACCOUNT_ID
from fakes.meta_messaging import with_page

from midas_reconcile.connectors.sandbox import set_field
from midas_reconcile.resources import META
from tests.e2e.test_meta_text_options import OPTIONS, SPRING, _applied, _creatives, _website_ad

#: What this module tests is not the state store's backends (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)
TEXTS: Final = {"bodies": [{"text": "Second primary text"}], "optimization_type": "DEGREES_OF_FREEDOM"}
#: OPTIONS without opting in: one text each.
PLAIN: Final = OPTIONS.replace(
    "      meta:\n        text_options: true\n        primary_texts: [Up to 40% off running shoes., "
    "New colours are in.]\n",
    "",
)
SHOES: Final = "adcreative/spring-sale/runners/spring-shoes@meta"
SHOES_AD: Final = "ad/spring-sale/runners/spring-shoes@meta"
APPAREL: Final = "adcreative/spring-sale/runners/spring-apparel@meta"
SHOES_BODY: Final = "Spring into your best run with up to 40% off running shoes."
ACCOUNTS: Final = {"meta-main": (META, META_ACCOUNT_ID, "USD")}


def _shoes(workspace: Path) -> dict[str, Any]:
    [creative] = [c for c in _creatives(workspace) if c["name"] == "spring-sale/runners/spring-shoes"]
    return creative


def _console_feed(midas: Midas, address: str = SHOES) -> None:
    assert midas("sandbox", "set", address, f"asset_feed_spec={json.dumps(TEXTS)}").code == 0


def _converges(midas: Midas) -> None:
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    drift = midas("drift")
    assert drift.code == 0, drift.output


def test_switching_text_options_off_an_adopted_ads_manager_creative_replaces_it(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    with_page(workspace)
    feed = {
        "bodies": [{"text": "Second primary text"}],
        "titles": [{"text": "Shop now"}, {"text": "New in"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    _website_ad(workspace, feed, title="Shop now", body="Our shoes", description="Free returns")
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    _converges(midas)
    spec = workspace / "specs" / "imported" / "web.yaml"
    doc = yaml.safe_load(spec.read_text(encoding="utf-8"))
    [creative] = doc["spec"]["creatives"]
    assert creative.pop("meta") == {"text_options": True, "primary_texts": ["Second primary text"]}
    spec.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "replacing the adcreative" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    _converges(midas)


def test_a_spec_opting_in_to_the_texts_a_console_set_refreshes_the_record(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    _applied(midas, workspace, PLAIN)
    feed = {
        "bodies": [{"text": "Up to 40% off running shoes."}, {"text": "New colours are in."}],
        "titles": [{"text": "Spring sale"}],
        "descriptions": [{"text": "Ships today"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    assert midas("sandbox", "set", SPRING, f"asset_feed_spec={json.dumps(feed)}").code == 0
    (workspace / "specs" / "options.yaml").write_text(OPTIONS, encoding="utf-8")  # opts in to the same texts
    plan = midas("plan")
    assert "Records to refresh" in plan.output and "0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    _converges(midas)


def test_a_restore_sends_a_console_text_feed_folded_as_its_plan_shows(midas: Midas, workspace: Path) -> None:
    assert midas("apply", "--auto-approve").code == 0
    _console_feed(midas)
    assert midas("snapshot", "--name", "s").code == 0
    for address in (SHOES_AD, SHOES):
        assert midas("sandbox", "delete", address).code == 0
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "+ body:" not in restored.output and "+ title:" not in restored.output, restored.output
    assert f'"bodies": ["{SHOES_BODY}", "Second primary text"]' in restored.output, restored.output
    live = _shoes(workspace)
    story = live["object_story_spec"]["link_data"]
    assert not {"message", "name", "description"} & story.keys(), live
    assert [b["text"] for b in live["asset_feed_spec"]["bodies"]] == [SHOES_BODY, "Second primary text"]
    assert live["asset_feed_spec"]["optimization_type"] == "DEGREES_OF_FREEDOM", live
    again = midas("restore", "s")
    assert "No changes" in again.output, again.output
    assert midas("drift").code == 0


def test_a_restore_replacing_a_creative_of_a_console_text_feed_sends_it_folded(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    _console_feed(midas)
    assert midas("snapshot", "--name", "s").code == 0
    assert midas("sandbox", "set", SHOES, "asset_feed_spec=null").code == 0
    assert midas("sandbox", "set", SHOES, "title=Console title").code == 0
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    live = _shoes(workspace)
    assert "message" not in live["object_story_spec"]["link_data"], live
    assert [b["text"] for b in live["asset_feed_spec"]["bodies"]] == [SHOES_BODY, "Second primary text"]
    assert midas("drift").code == 0


def test_a_console_removing_a_restored_text_feed_is_drift_and_restore_re_adds_it(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    _console_feed(midas)
    assert midas("snapshot", "--name", "s").code == 0
    for address in (SHOES_AD, SHOES):
        assert midas("sandbox", "delete", address).code == 0
    assert midas("restore", "s", "--auto-approve").code == 0
    assert midas("sandbox", "set", SHOES, "asset_feed_spec=null").code == 0
    drift = midas("drift")
    assert drift.code == 2 and "text_options.bodies" in drift.output, drift.output
    again = midas("restore", "s", "--auto-approve")
    assert "No changes" not in again.output and again.code == 0, again.output
    assert "Second primary text" in json.dumps(_shoes(workspace).get("asset_feed_spec")), _shoes(workspace)


def test_restore_write_specs_opts_a_creative_of_a_console_text_feed_in(
    midas: Midas, workspace: Path, bare: Path
) -> None:
    _applied(midas, workspace, PLAIN)
    _console_feed(midas, SPRING)
    assert midas("snapshot", "--name", "s").code == 0
    spec = workspace / "specs" / "options.yaml"
    spec.write_text(PLAIN.replace("daily: 20.00", "daily: 25.00"), encoding="utf-8")
    written = midas("restore", "s", "--write-specs")
    assert written.code == 0, written.output
    [creative] = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["creatives"]
    assert creative["meta"] == {"text_options": True, "primary_texts": ["Second primary text"]}, creative
    assert midas("apply", "--auto-approve").code == 0
    _converges(midas)


def test_restore_write_specs_refusing_two_ads_of_one_name_says_their_text_options_differ(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    _console_feed(midas)  # on the runners' ad alone: the walkers' ad of the same creative has none
    assert midas("snapshot", "--name", "s").code == 0
    written = midas("restore", "s", "--write-specs")
    assert written.code == 1, written.output
    assert "differs from another ad of the same name" in written.output, written.output
    assert "meta.text_options" in written.output and "one has text options" in written.output, written.output


def test_restore_write_specs_splits_a_shared_creative_only_where_its_meta_texts_differ(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    anchor = "      final_url: https://shop.example.com/spring/shoes\n      call_to_action: shop_now\n"
    spec.write_text(text.replace(anchor, anchor + "      meta: {text_options: true}\n"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    # Meta's ad of spring-apparel offers one headline of Google's four once a console gives it options.
    _console_feed(midas, APPAREL)
    assert midas("snapshot", "--name", "s").code == 0
    written = midas("restore", "s", "--write-specs")
    assert written.code == 0, written.output
    creatives = yaml.safe_load(spec.read_text(encoding="utf-8"))["spec"]["creatives"]
    shoes = [c for c in creatives if c["name"] == "spring-shoes"]
    apparel = [c for c in creatives if c["name"] == "spring-apparel"]
    assert len(shoes) == 1 and shoes[0]["meta"] == {"text_options": True}, shoes  # the same texts: one
    assert sorted(c.get("platforms", ["both"])[0] for c in apparel) == ["google", "meta"], apparel
    [meta] = [c for c in apparel if c.get("platforms") == ["meta"]]
    assert meta["meta"] == {"text_options": True, "primary_texts": ["Second primary text"]}, meta
    assert midas("apply", "--auto-approve").code == 0
    _converges(midas)


def test_compare_tells_a_console_text_feed_on_a_creative_not_opting_in_as_drift_does(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    _console_feed(midas)
    compared = midas("compare", "campaign/spring-sale", "--format", "json")
    rows = {f["field"]: f for f in json.loads(compared.output)["fields"]}
    texts = rows["creative 'spring-shoes' meta.primary_texts"]
    assert texts["meta"] == ["Second primary text"] and not texts["same"], texts
    drift = midas("drift")
    assert drift.code == 2 and "text_options.bodies" in drift.output, drift.output


def test_import_refuses_an_ad_of_six_primary_texts_by_name(midas: Midas, workspace: Path, bare: Path) -> None:
    with_page(workspace)
    feed = {"bodies": [{"text": f"Body {i}"} for i in range(1, 6)], "optimization_type": "DEGREES_OF_FREEDOM"}
    _website_ad(workspace, feed, title="Shop now", body="Our shoes")
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 1, adopted.output
    assert "'One ad'" in adopted.output and "has 6 primary texts" in adopted.output, adopted.output
    assert "take 5 of each" in adopted.output and "would not load" not in adopted.output, adopted.output


def test_a_console_text_feed_on_a_creative_not_opting_in_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    address = f"{SHOES}:meta-main"
    set_field(meta_fake.world, ACCOUNTS, address, {"asset_feed_spec": json.dumps(TEXTS)})
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2 and "text_options.bodies" in drift.output, drift.output
    assert "set out of band" not in drift.output, drift.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "replacing the adcreative" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert midas("drift", "--account", "meta-main").code == 0
