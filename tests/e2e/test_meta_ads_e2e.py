"""The core scenarios with the example workspace's Meta account on the real SDK connector.

``meta-main`` is switched to ``connector: meta_ads`` with ``graph_url`` pointing at the local Graph API
fake (the Google account stays on the sandbox); its token and app secret come from environment
variables, as a user's would. Every Meta read and write goes through ``facebook-business`` over HTTP.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import hmac
import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.example import (
    APPAREL_TAGS,
    DMA_SPEC,
    EXCLUDED_CITY_RADIUS_SPEC,
    EXCLUDED_PIN_SPEC,
    LOCAL_SPEC,
    RADIUS_SPEC,
    RUNNERS_PLACED,
    SPRING_TAGS,
    an_ambiguous_city_names_its_candidates,
    console_rename_is_drift,
    per_ad_set,
    positions_converge_and_a_console_edit_is_drift,
    target_an_existing_audience,
    with_positions,
    with_url_tracking,
)
from fakes.hand_built import EXCLUDED_CITY_RADIUS, EXCLUDED_PIN, PLACES, holiday_sale, imported_places
from fakes.meta_app import META_APP_ID, PLAY_PAGE, game_installs_by_hand, with_an_app_campaign
from fakes.meta_catalog import (
    ALL_PRODUCTS,
    CATALOG_ID,
    CATALOG_SPEC,
    SHOES,
    catalog_by_hand,
    with_a_catalog_campaign,
)
from fakes.meta_fixtures import META_ACCOUNT_ID, META_ACT, META_APP_SECRET, META_TOKEN
from fakes.meta_messaging import (
    INSTAGRAM_LINK,
    INSTAGRAM_USER_ID,
    PAGE_ID,
    WHATSAPP_LINK,
    WHATSAPP_NUMBER,
    chats_by_hand,
    instagram_by_hand,
    several_apps_by_hand,
    with_a_messaging_campaign,
    with_a_several_apps_campaign,
    with_an_instagram_campaign,
    with_instagram,
)

from midas_reconcile.cli import App, main
from midas_reconcile.connectors import meta_ads
from midas_reconcile.connectors.sandbox import add_audience, meta_rules, set_field
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator
from midas_reconcile.connectors.sandbox.place_catalog import find_place
from midas_reconcile.ratelimit import DEFAULT_LIMITS
from midas_reconcile.resources import MANAGED_MARKER, META

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]


def _no_specs(workspace: Path) -> None:
    """Deletes the workspace's specs and policies: what a test builds by hand is all there is."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()


def _adopted_spec_text(midas: Midas, workspace: Path, name: str) -> str:
    """The spec ``import --all --adopt`` of meta-main writes as ``specs/imported/<name>.yaml``, once checked
    that the import succeeds and the plan after it is empty."""
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    return (workspace / "specs" / "imported" / f"{name}.yaml").read_text(encoding="utf-8")


def _converged_main_adset(midas: Midas, workspace: Path, fake: MetaGraphFake, spec: str) -> dict[str, Any]:
    """Ad set ``main`` as Meta holds it once ``spec`` (``specs/local.yaml``) is applied on meta-main, checked
    to read back to no changes."""
    (workspace / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--account", "meta-main")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    [adset] = [a for a in fake.sim.peek(META_ACT, "adset") if a["name"] == "main"]
    return adset


def _console_excludes(fake: MetaGraphFake, adset: dict[str, Any], away: dict[str, Any]) -> None:
    """A console's edit of ad set ``main``'s excluded places to ``away``, the rest of its targeting kept."""
    set_field(
        fake.world,
        {"meta-main": (META, META_ACCOUNT_ID, "USD")},
        "adset/local/main@meta:meta-main",
        {"targeting": json.dumps({**adset["targeting"], "excluded_geo_locations": away})},
    )


def _live(fake: MetaGraphFake) -> Counter[tuple[str, str, str]]:
    """Live Meta objects by (kind, parent id, name): a duplicate shows up as a count of 2."""
    parent = {"adset": "campaign_id", "ad": "adset_id"}
    return Counter(
        (kind, str(node.get(parent.get(kind, ""), "")), node["name"])
        for kind in ("campaign", "adset", "adcreative", "ad")
        for node in fake.sim.peek(META_ACT, kind)
    )


def test_plan_apply_plan_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0

    live = _live(meta_fake)
    assert live and max(live.values()) == 1
    for kind in ("campaign", "adset", "ad"):
        for node in meta_fake.sim.peek(META_ACT, kind):
            assert MANAGED_MARKER in {label["name"] for label in node.get("adlabels") or []}
    for creative in meta_fake.sim.peek(META_ACT, "adcreative"):
        assert creative["object_story_spec"]["page_id"] == PAGE_ID
        assert creative["object_story_spec"]["link_data"]["link"].startswith("https://")
    batches = [r for r in meta_fake.requests if r.batch_size]
    assert batches and all(r.batch_size <= 50 for r in batches)


def test_credentials_appear_in_no_output_plan_file_or_state(
    midas: Midas,
    meta_workspace: Path,
    meta_fake: MetaGraphFake,
    state_dump: Callable[[], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    proof = hmac.new(META_APP_SECRET.encode(), META_TOKEN.encode(), hashlib.sha256).hexdigest()
    outputs = [
        midas("apply", "--auto-approve").output,
        midas("plan", "--format", "json", "--out", str(meta_workspace / "plan.json")).output,
        midas("drift", "--format", "markdown").output,
        midas("state", "runs").output,
    ]
    meta_fake.throttle(100)  # and an error path: the read fails after its retries (waits not slept)
    capsys.readouterr()
    assert main(["-C", str(meta_workspace), "plan"], app=App(sleep=lambda _s: None)) == 1
    failed = capsys.readouterr()
    assert "80004" in failed.out + failed.err
    outputs.append(failed.out + failed.err)
    state = state_dump()
    everything = "\n".join([*outputs, (meta_workspace / "plan.json").read_text(), state])
    assert "meta-main" in everything and "campaign" in state
    for secret in (META_TOKEN, META_APP_SECRET, proof):
        assert secret not in everything


def test_meta_ad_sets_placed_by_position_and_device_converge_and_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """``meta.placements`` by position and ``meta.devices`` go over the wire as the ad set's targeting
    fields, read back exactly through the SDK, and a console's change of them is drift of those fields."""
    with_positions(meta_workspace)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    sent: list[dict[str, Any]] = []

    def console_set(address: str, changes: dict[str, Any]) -> None:
        sent.extend(n["targeting"] for n in meta_fake.sim.peek(META_ACT, "adset") if n["name"] == "runners")
        set_field(meta_fake.world, accounts, address, {k: json.dumps(v) for k, v in changes.items()})

    positions_converge_and_a_console_edit_is_drift(midas, console_set)
    assert len(sent) == 1
    assert {k: v for k, v in sent[0].items() if k in RUNNERS_PLACED} == RUNNERS_PLACED


def test_meta_ad_sets_in_whatsapp_status_converge_and_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """``meta.placements: {instagram: [story], whatsapp: [status]}`` goes over the wire as
    ``publisher_platforms`` and ``whatsapp_positions``, reads back exactly through the SDK (apply then plan
    is empty), and a console's change of the WhatsApp positions is drift of that field."""
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "    placements: [facebook, instagram]\n" in text
    placed = "    placements: {instagram: [story], whatsapp: [status]}\n"
    spec.write_text(text.replace("    placements: [facebook, instagram]\n", placed), encoding="utf-8")
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    runners = [n["targeting"] for n in meta_fake.sim.peek(META_ACT, "adset") if n["name"] == "runners"]
    # Meta's v26.0 changelog: with the WhatsApp Status placement, user_age_unknown defaults to true; the
    # fake echoes it, and MIDAS takes it as that default (no change planned).
    assert [(t["publisher_platforms"], t["whatsapp_positions"], t["user_age_unknown"]) for t in runners] == [
        (["instagram", "whatsapp"], ["status"], True)
    ]
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    address = "adset/spring-sale/runners@meta:meta-main"
    set_field(meta_fake.world, accounts, address, {"targeting.whatsapp_positions": "[]"})
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2, drift.output
    assert "targeting.whatsapp_positions" in drift.output, drift.output
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0


def test_a_console_edit_is_drift_and_apply_restores_it(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    campaign = meta_fake.sim.peek(META_ACT, "campaign")[0]
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(meta_fake.world, accounts, f"campaign/{campaign['name']}@meta:meta-main", {"status": "paused"})

    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "status" in drift.output and "PAUSED" in drift.output
    assert midas("plan", "--detailed-exitcode").code == 2
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert meta_fake.sim.get(campaign["id"], ["status"])["status"] == "ACTIVE"


def test_an_app_campaign_converges_and_its_promoted_app_drifts_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    with_an_app_campaign(meta_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    adsets = [a for a in meta_fake.sim.peek(META_ACT, "adset") if a["name"] in ("players", "puzzlers")]
    assert [a["promoted_object"] for a in adsets] == [
        {"application_id": META_APP_ID, "object_store_url": PLAY_PAGE}
    ] * 2
    for creative in meta_fake.sim.peek(META_ACT, "adcreative"):
        if creative["name"].startswith("game-installs/"):
            action = creative["object_story_spec"]["link_data"]["call_to_action"]
            assert action == {"type": "INSTALL_MOBILE_APP", "value": {"link": PLAY_PAGE}}

    other = "https://play.google.com/store/apps/details?id=com.other"
    _a_console_edit_of_the_promoted_object_is_drift(
        midas, meta_fake, "game-installs/players", "object_store_url", other
    )
    refused = midas("apply", "--auto-approve")  # a replacement would delete the live ad set
    assert refused.code == 1 and "would be replaced: Meta does not change" in refused.output, refused.output


def _a_console_edit_of_the_promoted_object_is_drift(
    midas: Midas, meta_fake: MetaGraphFake, adset: str, key: str, value: str
) -> None:
    """Setting ``promoted_object.<key>`` of ``adset`` (its address path) to ``value`` in a console is drift
    naming the field and the new value."""
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(meta_fake.world, accounts, f"adset/{adset}@meta:meta-main", {f"promoted_object.{key}": value})
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert f"promoted_object.{key}" in drift.output and value in drift.output, drift.output


def test_throttling_storm_through_the_sdk_still_converges(
    meta_workspace: Path, meta_fake: MetaGraphFake, state_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIDAS_STATE_URL", state_url)
    meta_fake.storm(0.3, seed=11)
    waits: list[float] = []
    assert main(["-C", str(meta_workspace), "apply", "--auto-approve"], app=App(sleep=waits.append)) == 0
    throttled = [r for r in meta_fake.requests if r.status == 400]
    assert throttled, "the storm should have throttled some requests"
    assert any(w >= 60 for w in waits), "Meta's regain time (1 minute) is honoured"
    meta_fake.storm(0)
    assert main(["-C", str(meta_workspace), "plan", "--detailed-exitcode"], app=App()) == 0
    assert max(_live(meta_fake).values()) == 1


#: Writes per Graph batch during the crash test, so that an apply has several batches to die after.
SMALL_BATCH = 4


def _apply_in_child_dying_after_batch(workspace: Path, batches: int) -> int:
    """`midas apply` in a forked child that dies (``os._exit(137)``, no clean-up) right after its
    ``batches``-th Meta batch was answered: Meta has applied it, MIDAS has not yet recorded that."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 99
        try:
            small = dataclasses.replace(DEFAULT_LIMITS[META], write_batch_size=SMALL_BATCH)
            meta_ads.DEFAULT_LIMITS = {**DEFAULT_LIMITS, META: small}
            real_write = meta_ads.MetaAdsConnector.write
            sent = 0

            def write_then_die(self: meta_ads.MetaAdsConnector, ops: Any) -> Any:
                nonlocal sent
                results = real_write(self, ops)
                sent += 1
                if sent == batches:
                    os._exit(137)
                return results

            meta_ads.MetaAdsConnector.write = write_then_die  # type: ignore[method-assign]
            code = main(
                ["-C", str(workspace), "apply", "--auto-approve", "--account", "meta-main"], app=App()
            )
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("batches", [1, 2, 3])
def test_an_apply_killed_after_a_batch_converges_on_rerun(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, batches: int
) -> None:
    assert _apply_in_child_dying_after_batch(meta_workspace, batches) == 137
    assert sum(1 for r in meta_fake.requests if r.batch_size) == batches

    rerun = midas("apply", "--auto-approve", "--account", "meta-main")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    live = _live(meta_fake)
    assert live and max(live.values()) == 1, "nothing was created twice"


def test_a_changed_creative_is_a_new_one_swapped_into_its_ad(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    ads_before = {a["id"]: a["creative"]["id"] for a in meta_fake.sim.peek(META_ACT, "ad")}
    old_creatives = {c["id"] for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    spec.write_text(spec.read_text().replace("Spring Sale on Running Shoes", "Spring Sale - Running Shoes"))

    plan = midas("plan")
    assert "spring-shoes" in plan.output and "replace" in plan.output.lower()
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0

    ads_after = {a["id"]: a["creative"]["id"] for a in meta_fake.sim.peek(META_ACT, "ad")}
    assert set(ads_after) == set(ads_before), "the ads are kept; only their creative changes"
    swapped = {ad for ad in ads_after if ads_after[ad] != ads_before[ad]}
    assert len(swapped) == 2  # spring-shoes runs in both ad sets
    new_creatives = {c["id"]: c for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    for ad in swapped:
        creative = new_creatives[ads_after[ad]]
        assert ads_after[ad] not in old_creatives
        assert creative["object_story_spec"]["link_data"]["name"] == "Spring Sale - Running Shoes"


def test_an_old_creative_whose_delete_was_refused_is_deleted_by_the_next_plan_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Graph API refuses the replaced creative's delete: the next plan, not a warning on every run that
    two creatives share the address, deletes it (the journal kept the id it was sent for)."""
    assert midas("apply", "--auto-approve").code == 0
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    old = {c["id"] for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    spec.write_text(spec.read_text().replace("Spring Sale on Running Shoes", "Spring Sale - Running Shoes"))
    delete = MetaSimulator._delete

    def refuse_creatives(self: MetaSimulator, txn: Any, account: str, type_: str, obj: Any) -> Any:
        if type_ == "adcreative":
            raise meta_rules.error(f"The adcreative {obj.id} cannot be deleted right now")
        return delete(self, txn, account, type_, obj)

    with monkeypatch.context() as patch:
        patch.setattr(MetaSimulator, "_delete", refuse_creatives)
        assert midas("apply", "--auto-approve").code == 1
    left = old - {a["creative"]["id"] for a in meta_fake.sim.peek(META_ACT, "ad")}
    assert len(left) == 2  # spring-shoes runs in both ad sets, a creative in each
    assert left <= {c["id"] for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    plan = midas("plan")
    assert "share the address" not in plan.output, plan.output
    for creative in left:
        assert f"an earlier apply left id {creative} behind" in " ".join(plan.output.split()), plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert not left & {c["id"] for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_creative_without_headline_or_texts_is_a_link_ad_without_them_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A creative of Meta's alone with ``headlines: []`` and no texts is a link ad whose ``link_data``
    holds no ``name``, ``message`` nor ``description`` (never empty ones): applied through the SDK, the plan
    is then clean."""
    (meta_workspace / "specs" / "teaser.yaml").write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: teaser}
spec:
  platforms: {meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - {name: bare, headlines: [], descriptions: [], final_url: "https://shop.example.com/soon"}
""",
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [creative] = [c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "teaser/default/bare"]
    assert set(creative["object_story_spec"]["link_data"]) == {"link", "call_to_action"}


def test_text_options_and_several_images_are_an_asset_feed_made_and_read_back_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A creative with ``meta.text_options`` and ``meta.images`` is a link ad whose texts and images travel in
    ``asset_feed_spec`` (bodies, titles, descriptions, images, optimization_type DEGREES_OF_FREEDOM) over the
    SDK's form encoding, its first image in its story: applied, the plan is clean; a console edit of one
    option and of one image, read back through the SDK, is drift of them."""
    (meta_workspace / "specs" / "options.yaml").write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: options}
spec:
  platforms: {meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - name: spring
      type: image
      headlines: [Run lighter, Spring sale]
      descriptions: [Free returns]
      primary_text: Spring into your best run.
      final_url: https://shop.example.com/spring
      image_url: https://cdn.example.com/a.png
      meta: {text_options: true, primary_texts: [New colours are in.], images: ['https://cdn.example.com/b.png']}
""",
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [creative] = [
        c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "options/default/spring"
    ]
    assert creative["asset_feed_spec"] == {
        "bodies": [{"text": "Spring into your best run."}, {"text": "New colours are in."}],
        "titles": [{"text": "Run lighter"}, {"text": "Spring sale"}],
        "descriptions": [{"text": "Free returns"}],
        "images": [{"url": "https://cdn.example.com/a.png"}, {"url": "https://cdn.example.com/b.png"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    assert set(creative["object_story_spec"]["link_data"]) == {"link", "call_to_action", "picture"}
    edited = {
        **creative["asset_feed_spec"],
        "titles": [{"text": "Run lighter"}, {"text": "Edited"}],
        "images": [{"url": "https://cdn.example.com/a.png"}, {"url": "https://cdn.example.com/x.png"}],
    }
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    address = "adcreative/options/default/spring@meta:meta-main"
    set_field(meta_fake.world, accounts, address, {"asset_feed_spec": json.dumps(edited)})
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2 and "text_options.titles" in drift.output, drift.output
    assert "media_options.images" in drift.output and "x.png" in drift.output, drift.output


def test_several_images_of_the_library_are_an_asset_feed_of_hashes_made_and_read_back_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A creative of ``meta.image_hash`` and ``meta.images`` of the library (``{hash: …}``) is a link ad whose
    story shows the first by ``image_hash`` and whose ``asset_feed_spec.images`` are ``{"hash": …}`` alone,
    the story's first, over the SDK's form encoding: applied, the plan is clean; Meta echoing each image's URL
    beside its hash is no drift; a console's other hash is."""
    first, second = "5d41402abc4b2a76b9719d911017c592", "7d793037a0760186574b0282f2f435e7"
    (meta_workspace / "specs" / "library.yaml").write_text(
        f"""\
apiVersion: midas/v1
kind: Campaign
metadata: {{name: library}}
spec:
  platforms: {{meta: {{account: meta-main}}}}
  objective: traffic
  budget: {{daily: 20.00, currency: USD}}
  targeting: {{locations: [US]}}
  creatives:
    - name: spring
      type: image
      headlines: [Run lighter]
      descriptions: [Free returns]
      primary_text: Spring into your best run.
      final_url: https://shop.example.com/spring
      meta: {{image_hash: {first}, images: [{{hash: {second}}}]}}
""",
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [creative] = [
        c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "library/default/spring"
    ]
    assert creative["asset_feed_spec"] == {
        "images": [{"hash": first}, {"hash": second}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    assert creative["object_story_spec"]["link_data"]["image_hash"] == first
    assert "picture" not in creative["object_story_spec"]["link_data"]
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    address = "adcreative/library/default/spring@meta:meta-main"
    cdn = "https://scontent.xx.fbcdn.net/v/library"
    echoed = {
        **creative["asset_feed_spec"],
        "images": [{"hash": first, "url": cdn}, {"hash": second, "url": cdn}],
    }
    set_field(meta_fake.world, accounts, address, {"asset_feed_spec": json.dumps(echoed)})
    assert midas("drift", "--account", "meta-main").code == 0, midas("drift", "--account", "meta-main").output
    other = "0" * 32
    edited = {**creative["asset_feed_spec"], "images": [{"hash": first}, {"hash": other}]}
    set_field(meta_fake.world, accounts, address, {"asset_feed_spec": json.dumps(edited)})
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2 and "media_options.images" in drift.output and other in drift.output, drift.output


def test_an_image_sending_people_nowhere_is_a_photo_post_made_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """An engagement campaign's image creative without final_url and call to action is a creative whose
    ``object_story_spec.photo_data`` holds its image and caption (facebook-business AdCreativePhotoData), no
    link data: applied through the SDK the plan is clean, and a changed caption is a new creative."""
    spec = meta_workspace / "specs" / "still.yaml"
    spec.write_text(
        """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: still}
spec:
  platforms: {meta: {account: meta-main}}
  objective: engagement
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - name: look
      type: image
      image_url: https://cdn.example.com/look.jpg
      headlines: []
      descriptions: []
      primary_text: The new season, in one picture.
      call_to_action: none
""",
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [creative] = [c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "still/default/look"]
    assert creative["object_story_spec"] == {
        "page_id": PAGE_ID,
        "photo_data": {
            "url": "https://cdn.example.com/look.jpg",
            "caption": "The new season, in one picture.",
        },
    }
    spec.write_text(spec.read_text(encoding="utf-8").replace("in one picture", "in a picture"))
    replaced = midas("apply", "--auto-approve")
    assert replaced.code == 0, replaced.output
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_carousel_and_a_page_post_ad_are_made_through_the_sdk_and_a_changed_card_replaces_the_creative(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A carousel is a creative whose ``link_data.child_attachments`` are its cards; a Page post creative
    sends ``object_story_id`` alone. Applied through the SDK the plan is clean; a card changed in the spec
    is a new creative swapped into the same ad (creatives are immutable)."""
    spec = meta_workspace / "specs" / "cards.yaml"
    spec.write_text(
        f"""\
apiVersion: midas/v1
kind: Campaign
metadata: {{name: cards}}
spec:
  platforms: {{meta: {{account: meta-main}}}}
  objective: traffic
  budget: {{daily: 20.00, currency: USD}}
  targeting: {{locations: [US]}}
  creatives:
    - name: deck
      type: carousel
      primary_text: Three new shoes.
      final_url: https://shop.example.com/new
      call_to_action: shop_now
      cards:
        - {{headline: Ridge, final_url: https://shop.example.com/ridge, image_url: https://cdn.example.com/r.jpg}}
        - {{headline: Mesa, final_url: https://shop.example.com/mesa, video_id: '7001'}}
      meta: {{multi_share_optimized: false}}
    - {{name: boost, type: post, post_id: '{PAGE_ID}_555'}}
""",
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    made = {c["name"]: c for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    link_data = made["cards/default/deck"]["object_story_spec"]["link_data"]
    assert [card["name"] for card in link_data["child_attachments"]] == ["Ridge", "Mesa"]
    assert link_data["multi_share_optimized"] is False
    assert made["cards/default/boost"]["object_story_id"] == f"{PAGE_ID}_555"
    assert "object_story_spec" not in made["cards/default/boost"]
    [ad] = [a for a in meta_fake.sim.peek(META_ACT, "ad") if a["name"] == "deck"]
    spec.write_text(spec.read_text(encoding="utf-8").replace("headline: Mesa", "headline: Mesa Pro"))
    replaced = midas("apply", "--auto-approve")
    assert replaced.code == 0, replaced.output
    assert midas("plan", "--detailed-exitcode").code == 0
    [after] = [a for a in meta_fake.sim.peek(META_ACT, "ad") if a["name"] == "deck"]
    assert after["id"] == ad["id"] and after["creative"]["id"] != ad["creative"]["id"]


@pytest.mark.parametrize("write_batch_size", [50, 1], ids=["one-batch", "a-request-per-batch"])
def test_switching_to_ad_set_budgets_and_back_through_the_sdk(
    midas: Midas,
    meta_workspace: Path,
    meta_fake: MetaGraphFake,
    monkeypatch: pytest.MonkeyPatch,
    write_batch_size: int,
) -> None:
    limits = dataclasses.replace(DEFAULT_LIMITS[META], write_batch_size=write_batch_size)
    monkeypatch.setitem(DEFAULT_LIMITS, META, limits)
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    original = spec.read_text()
    assert midas("apply", "--auto-approve").code == 0
    for text, campaign_budget, adset_budgets in (
        (per_ad_set(original), None, {"1200", "800"}),
        (original, "2000", {None}),
    ):
        spec.write_text(text)
        applied = midas("apply", "--auto-approve")
        assert applied.code == 0, applied.output
        assert midas("plan", "--detailed-exitcode").code == 0
        [campaign] = [c for c in meta_fake.sim.peek(META_ACT, "campaign") if c["name"] == "spring-sale"]
        assert campaign.get("daily_budget") == campaign_budget
        adsets = [a for a in meta_fake.sim.peek(META_ACT, "adset") if a["campaign_id"] == campaign["id"]]
        assert {a.get("daily_budget") for a in adsets} == adset_budgets


#: A console's carousel of three cards, one a video with its thumbnail, as the Graph API takes it.
CAROUSEL_STORY = {
    "page_id": PAGE_ID,
    "link_data": {
        "link": "https://shop.example.com/gifts",
        "message": "Three gifts they will love.",
        "multi_share_end_card": False,
        "child_attachments": [
            {
                "link": f"https://shop.example.com/{name.lower()}",
                "name": name,
                "picture": f"https://cdn.example.com/{name.lower()}.jpg",
                **({"video_id": "7001"} if name == "Gloves" else {}),
                "call_to_action": {
                    "type": "SHOP_NOW",
                    "value": {"link": f"https://shop.example.com/{name.lower()}"},
                },
            }
            for name in ("Scarves", "Gloves", "Hats")
        ],
    },
}


#: An image of the ad account's library (AdImage ``hash``).
IMAGE_HASH = "5d41402abc4b2a76b9719d911017c592"
_GIFTS = "https://shop.example.com/gifts"
#: A console's link ad of a library image (``image_hash``, no ``picture``), and a video ad whose thumbnail is
#: one (AdCreativeVideoData ``image_hash``).
HASHED_LINK_STORY = {
    "page_id": PAGE_ID,
    "link_data": {
        "link": _GIFTS,
        "message": "Our holiday gift guide is here.",
        "name": "Gifts They Will Love",
        "image_hash": IMAGE_HASH,
        "call_to_action": {"type": "SHOP_NOW", "value": {"link": _GIFTS}},
    },
}
HASHED_VIDEO_STORY = {
    "page_id": PAGE_ID,
    "video_data": {
        "video_id": "7001",
        "message": "Our holiday gift guide is here.",
        "title": "Gifts They Will Love",
        "image_hash": IMAGE_HASH,
        "call_to_action": {"type": "SHOP_NOW", "value": {"link": _GIFTS}},
    },
}
#: A console's video ad sending people nowhere (no link, no button): an engagement campaign's.
WATCHED_VIDEO_STORY = {
    "page_id": PAGE_ID,
    "video_data": {"video_id": "7001", "message": "Our holiday gift guide is here.", "title": "Watch"},
}
#: A console's image ad sending people nowhere: a photo post made for the ad (its image, its caption), an
#: awareness campaign's.
PHOTO_STORY = {
    "page_id": PAGE_ID,
    "photo_data": {"image_hash": IMAGE_HASH, "caption": "Our holiday gift guide is here."},
}
HASHED_CAROUSEL_STORY = copy.deepcopy(CAROUSEL_STORY)
del HASHED_CAROUSEL_STORY["link_data"]["child_attachments"][0]["picture"]  # type: ignore[index]
HASHED_CAROUSEL_STORY["link_data"]["child_attachments"][0]["image_hash"] = IMAGE_HASH  # type: ignore[index]


@pytest.mark.parametrize(
    ("native", "refusal"),
    [
        (
            {
                "object_story_spec": json.dumps(
                    {
                        "page_id": PAGE_ID,
                        "link_data": {
                            "link": "https://shop.example.com/gifts",
                            "child_attachments": [{"link": "https://shop.example.com/a"}] * 3,
                        },
                    }
                )
            },
            "is a carousel ad (object_story_spec.link_data.child_attachments) whose card 1 shows neither "
            "picture, image_hash nor video_id",
        ),
        (
            {
                "object_story_spec": json.dumps(
                    {"page_id": PAGE_ID, "photo_data": {"url": "https://x.example"}}
                )
            },
            "is an image ad without a link (a photo post, object_story_spec.photo_data)",
        ),
        (
            {"object_story_spec": json.dumps({"page_id": PAGE_ID, "text_data": {"message": "Gifts."}})},
            "is a text page post ad (object_story_spec.text_data)",
        ),
        (
            {"object_story_spec": json.dumps({"page_id": PAGE_ID, "text_data": {"message": "Gifts."}})},
            "publish the post on the Page and run it as a type: post creative",
        ),
    ],
    ids=[
        "a-carousel-of-cards-without-media",
        "a-photo-post-in-a-sales-campaign",
        "a-text-post",
        "a-text-post-with-its-advice",
    ],
)
def test_import_refuses_a_creative_midas_does_not_make_naming_its_kind_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, native: dict[str, str], refusal: str
) -> None:
    """A carousel whose cards show no media, or a photo post, read through the real SDK: import says which
    kind the creative is and writes nothing."""
    holiday_sale(meta_workspace, page_id=PAGE_ID)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta:meta-main"
    set_field(meta_fake.world, accounts, creative, native)
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1 and refusal in result.output, result.output
    assert "ad 'Gift ad' in ad set 'Gift Shoppers'" in result.output


@pytest.mark.parametrize(
    "variant",
    [
        {},
        {"adset_budgets": True},
        # Its second ad set on a lifetime budget beside the first's daily one.
        {"adset_budgets": True, "last_minute_lifetime": True},
        # Meta's ad then is a creative of its own (platforms: [meta]) with call_to_action: none.
        {"meta_title": "A title Google never shows", "meta_call_to_action": None},
        # Meta's link ad has no headline nor texts (link_data name, message, description): its creative is
        # Meta's own, without headlines or descriptions.
        {"meta_title": None, "meta_body": None, "meta_description": None},
        # Meta's "Gift Shoppers" runs an ad fewer than Google's: an ad group per platform.
        {"wrap_ad": True},
        # A Meta-only app campaign: the app its ad sets promote, ads to its store page.
        {"app_campaign": True},
        # Meta's ad is a carousel of three cards, or runs a Page post: a creative of Meta's alone.
        {"native": {"object_story_spec": json.dumps(CAROUSEL_STORY)}},
        {"native": {"object_story_spec": "null", "object_story_id": f"{PAGE_ID}_555"}},
        # A city (named as Meta shows it in the ad set) and zips, targeted and excluded.
        {"places": True},
        # And 2 km around a point excluded (a custom location Meta describes with its address).
        {"places": True, "excluded_pin": True},
        # Or 15 miles around a city excluded (a city with a radius in Meta's excluded places).
        {"places": True, "excluded_city_radius": True},
        # Meta's ad shows an image of the account's library: a link ad's, a video's thumbnail, a card's.
        {"native": {"object_story_spec": json.dumps(HASHED_LINK_STORY)}, "hashed": "image"},
        {"native": {"object_story_spec": json.dumps(HASHED_VIDEO_STORY)}, "hashed": "video"},
        {"native": {"object_story_spec": json.dumps(HASHED_CAROUSEL_STORY)}, "hashed": "carousel"},
        # An engagement campaign's video ad sending people nowhere: a video creative without final_url.
        {"native": {"object_story_spec": json.dumps(WATCHED_VIDEO_STORY)}, "objective": "OUTCOME_ENGAGEMENT"},
        # An awareness campaign's photo post made for the ad: an image creative without final_url.
        {"native": {"object_story_spec": json.dumps(PHOTO_STORY)}, "objective": "OUTCOME_AWARENESS"},
    ],
    ids=[
        "campaign-budget",
        "ad-set-budgets",
        "ad-set-budgets-of-both-periods",
        "a-creative-per-platform-without-call-to-action",
        "a-meta-link-ad-without-headline-or-texts",
        "an-ad-group-per-platform",
        "an-app-campaign",
        "a-meta-carousel",
        "a-meta-ad-of-an-existing-page-post",
        "cities-and-zips",
        "cities-and-zips-and-an-excluded-pin",
        "cities-and-zips-and-an-excluded-city-radius",
        "a-meta-link-ad-of-a-library-image",
        "a-meta-video-ad-of-a-library-thumbnail",
        "a-meta-carousel-of-a-library-image",
        "a-meta-video-ad-without-a-link",
        "a-meta-photo-post-sending-people-nowhere",
    ],
)
def test_import_adopt_round_trips_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, variant: dict[str, Any]
) -> None:
    _no_specs(meta_workspace)
    adset_budgets = bool(variant.get("adset_budgets"))
    native = variant.get("native")
    if variant.get("app_campaign"):
        game_installs_by_hand(meta_workspace, page_id=PAGE_ID)
    else:
        own = {k: v for k, v in variant.items() if k not in ("native", "hashed", "objective")}
        holiday_sale(meta_workspace, page_id=PAGE_ID, **own)
    if native is not None:
        accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
        creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta:meta-main"
        set_field(meta_fake.world, accounts, creative, native)
        if objective := variant.get("objective"):
            set_field(
                meta_fake.world,
                accounts,
                "campaign/Holiday Sale – US@meta:meta-main",
                {"objective": objective},
            )
    made_by_hand = sorted(c["id"] for c in meta_fake.sim.peek(META_ACT, "adcreative"))
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0
    # Adopting labels the creatives made by hand in place: replacing one would send its ad back to review.
    adopted_creatives = meta_fake.sim.peek(META_ACT, "adcreative")
    assert sorted(c["id"] for c in adopted_creatives) == made_by_hand
    labels = [{label.get("name") for label in c.get("adlabels") or []} for c in adopted_creatives]
    assert all("midas-managed" in names for names in labels), adopted_creatives
    if variant.get("places"):
        pin = [EXCLUDED_PIN] if variant.get("excluded_pin") else []
        pin += [EXCLUDED_CITY_RADIUS] if variant.get("excluded_city_radius") else []
        assert imported_places(meta_workspace) == ([PLACES[0], "US", PLACES[1]], [*pin, PLACES[2]])
    if native is not None:
        text = (meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
        [on_meta] = [c for c in yaml.safe_load(text)["spec"]["creatives"] if c.get("platforms") == ["meta"]]
        if "object_story_id" in native:
            assert (on_meta["type"], on_meta["post_id"]) == ("post", f"{PAGE_ID}_555")
        elif variant.get("hashed") == "carousel":
            assert on_meta["cards"][0]["image_hash"] == IMAGE_HASH and "image_url" not in on_meta["cards"][0]
        elif variant.get("hashed"):
            assert (on_meta["type"], on_meta["meta"]) == (variant["hashed"], {"image_hash": IMAGE_HASH})
        elif "photo_data" in native["object_story_spec"]:
            seen = (on_meta["type"], on_meta["meta"], on_meta["primary_text"], on_meta["call_to_action"])
            assert seen == ("image", {"image_hash": IMAGE_HASH}, "Our holiday gift guide is here.", "none")
            assert "final_url" not in on_meta and on_meta["headlines"] == [], on_meta
        elif variant.get("objective"):
            assert (on_meta["type"], on_meta["call_to_action"]) == (
                "video",
                "none",
            ) and "final_url" not in on_meta
        else:
            assert on_meta["type"] == "carousel" and len(on_meta["cards"]) == 3
    if variant.get("app_campaign"):
        text = (meta_workspace / "specs" / "imported" / "game-installs-android.yaml").read_text(
            encoding="utf-8"
        )
        app = {"store": "google_play", "id": "com.example.game", "meta_app_id": META_APP_ID}
        assert yaml.safe_load(text)["spec"]["app"] == app
        assert "final_url" not in text and "call_to_action: install_app" in text
    if variant.get("meta_title"):
        text = (meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
        assert "platforms: [meta]" in text and "call_to_action: none" in text
    elif "meta_title" in variant:
        text = (meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
        [on_meta] = [c for c in yaml.safe_load(text)["spec"]["creatives"] if c.get("platforms") == ["meta"]]
        assert on_meta["headlines"] == on_meta["descriptions"] == [] and "primary_text" not in on_meta
        [creative] = meta_fake.sim.peek(META_ACT, "adcreative")  # the one made by hand, adopted as it is
        assert set(creative["object_story_spec"]["link_data"]) == {"link", "call_to_action"}, creative
    if "wrap_ad" in variant:
        text = (meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
        assert text.count("- name: Gift Shoppers") == 2 and "name: Wrap Shoppers" in text
        adsets = meta_fake.sim.peek(META_ACT, "adset")
        assert sorted(a["name"] for a in adsets) == ["Gift Shoppers", "Wrap Shoppers"]
    if variant.get("last_minute_lifetime"):
        text = (meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text(encoding="utf-8")
        # The daily budget is Google's 20.00 and the first ad set's 10.00; the lifetime 50.00 is on top.
        assert (
            "daily: 30.00" in text
            and "budget: {daily: 10.00}" in text
            and "budget: {lifetime: 50.00}" in text
        )
    if not adset_budgets or variant.get("last_minute_lifetime"):
        return
    # A changed ad set budget is written through the SDK to the ad set; the campaign stays without one.
    file = meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml"
    text = file.read_text(encoding="utf-8")
    assert "daily: 35.00" in text and "budget: {daily: 10.00}" in text
    file.write_text(
        text.replace("daily: 35.00", "daily: 37.50")
        .replace("meta: 15.00", "meta: 17.50")
        .replace("budget: {daily: 10.00}", "budget: {daily: 12.50}"),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    budgets = {node["name"]: node.get("daily_budget") for node in meta_fake.sim.peek(META_ACT, "adset")}
    assert budgets == {"Gift Shoppers": "1250", "Last-minute Shoppers": "500"}
    [campaign] = meta_fake.sim.peek(META_ACT, "campaign")
    assert "daily_budget" not in campaign and "lifetime_budget" not in campaign


def test_an_existing_audience_is_targeted_by_its_id_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A website audience built in Meta's Ads Manager: the ad sets target it by its id, the plan is clean
    afterwards, and no request ever writes to a custom audience."""
    audience_id = add_audience(meta_fake.world, {"m": (META, META_ACT, "USD")}, "m", "site-visitors")
    assert midas("sandbox", "add-audience", "google-main", "site-visitors").code == 0
    target_an_existing_audience(meta_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    adsets = meta_fake.sim.peek(META_ACT, "adset")
    assert adsets and all(a["targeting"]["custom_audiences"] == [{"id": audience_id}] for a in adsets)
    writes = [
        r
        for r in meta_fake.requests
        if r.method != "GET" and ("customaudiences" in r.path or audience_id in r.path)
    ]
    assert writes == []


def test_a_renamed_creative_renames_its_ad_in_one_request_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """The rename travels as the ad's ``name`` alone (Ad.api_update takes it): the ad keeps its id and
    creative, no creative is made, and the next plan has nothing to do."""
    assert midas("apply", "--auto-approve").code == 0
    ads_before = {a["id"]: (a["name"], a["creative"]["id"]) for a in meta_fake.sim.peek(META_ACT, "ad")}
    creatives = {c["id"] for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("spring-apparel", "spring-gear"))
    sent = len(meta_fake.requests)

    applied = midas("apply", "--auto-approve", "--account", "meta-main")
    assert applied.code == 0, applied.output
    requests = _batched_writes(meta_fake, sent)
    assert requests == [
        ("POST", ad_id, "name=spring-gear")
        for ad_id, (name, _) in ads_before.items()
        if name == "spring-apparel"
    ]
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    ads_after = {a["id"]: (a["name"], a["creative"]["id"]) for a in meta_fake.sim.peek(META_ACT, "ad")}
    assert ads_after == {
        ad_id: ("spring-gear" if name == "spring-apparel" else name, creative)
        for ad_id, (name, creative) in ads_before.items()
    }
    assert {c["id"] for c in meta_fake.sim.peek(META_ACT, "adcreative")} == creatives


def _batched_writes(meta_fake: MetaGraphFake, since: int) -> list[tuple[str, str, str]]:
    """(method, relative url, body) of each request of the batches POSTed since the ``since``-th request."""
    writes = [r for r in meta_fake.requests[since:] if r.method == "POST"]
    return [
        (q["method"], q["relative_url"], q["body"]) for r in writes for q in json.loads(r.params["batch"])
    ]


def _meta_names(meta_fake: MetaGraphFake) -> dict[str, dict[str, str]]:
    """The Graph fake's campaigns, ad sets, ads and creatives: kind → id → name."""
    kinds = ("campaign", "adset", "ad", "adcreative")
    return {kind: {o["id"]: o["name"] for o in meta_fake.sim.peek(META_ACT, kind)} for kind in kinds}


def _renamed_by_one_request(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, kind: str, old: str, new: str
) -> str:
    """Apply the example, rename the ``kind`` named ``old`` to ``new`` in the spring-sale spec and apply it:
    the one write is that object's ``name``, nothing else changes, and the plan is clean after. Returns the
    apply's output."""
    assert midas("apply", "--auto-approve").code == 0
    before = _meta_names(meta_fake)
    [renamed] = [id_ for id_, name in before[kind].items() if name == old]
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace(f" name: {old}\n", f" name: {new}\n", 1))
    sent = len(meta_fake.requests)

    applied = midas("apply", "--auto-approve", "--account", "meta-main")
    assert applied.code == 0, applied.output
    requests = _batched_writes(meta_fake, sent)
    assert requests == [("POST", renamed, f"name={new}")]
    assert _meta_names(meta_fake) == {**before, kind: {**before[kind], renamed: new}}
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    return applied.output


def test_a_renamed_ad_group_renames_its_ad_set_in_one_request_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """An ad group renamed in the specs is the same ad set: the rename travels as the ad set's ``name`` alone
    (AdSet.api_update takes it), every ad set, ad and creative keeps its id, and a console rename after it is
    drift of its name that the next apply restores."""
    output = _renamed_by_one_request(midas, meta_workspace, meta_fake, "adset", "walkers", "striders")
    assert "~ adset/spring-sale/striders@meta:meta-main — ad set renamed (was 'walkers')" in output
    after = _meta_names(meta_fake)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(meta_fake.world, accounts, "adset/spring-sale/striders@meta:meta-main", {"name": "x"})
    console_rename_is_drift(midas, "meta-main")
    assert _meta_names(meta_fake) == after


def test_a_renamed_campaign_renames_it_in_one_request_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A campaign renamed in the specs is the same campaign: its ``name`` alone is sent (Campaign.api_update
    takes it), and every ad set, ad and creative in it keeps its id and name."""
    output = _renamed_by_one_request(
        midas, meta_workspace, meta_fake, "campaign", "spring-sale", "spring-event"
    )
    assert "~ campaign/spring-event@meta:meta-main — campaign renamed (was 'spring-sale')" in output


def _capped(workspace: Path, campaign: dict[str, str], runners: str) -> None:
    """The example spring-sale campaign with the Meta bid options ``campaign`` (beside its ``meta:``
    options) and ``runners`` (the runners ad group's ``meta:`` flow mapping's inside)."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    line = "      creatives: [spring-shoes, spring-apparel]\n"
    assert line in text and text.count("\n  meta:\n") == 1
    options = "".join(f"    {key}: {value}\n" for key, value in campaign.items())
    text = text.replace(line, f"{line}      meta: {{{runners}}}\n").replace(
        "\n  meta:\n", f"\n  meta:\n{options}"
    )
    spec.write_text(text, encoding="utf-8")


def _adset_fields(fake: MetaGraphFake, field: str) -> dict[str, Any]:
    return {node["name"]: node.get(field) for node in fake.sim.peek(META_ACT, "adset")}


def test_meta_cost_caps_converge_and_a_console_edit_of_one_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    _capped(meta_workspace, {"bid_strategy": "cost_cap", "bid_amount": "4.50"}, "bid_amount: 6.25")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "bid_amount") == {"runners": "625", "walkers": "450"}

    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(meta_fake.world, accounts, "adset/spring-sale/walkers@meta:meta-main", {"bid_amount": "900"})
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2 and "bid_amount" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "bid_amount") == {"runners": "625", "walkers": "450"}


def test_a_meta_roas_floor_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    _capped(
        meta_workspace,
        {"bid_strategy": "lowest_cost_with_min_roas", "roas_floor": "2.5"},
        "roas_floor: 3",
    )
    spec = meta_workspace / "specs" / "spring-sale.yaml"  # a minimum ROAS optimises for value
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "optimization_goal: OFFSITE_CONVERSIONS", "optimization_goal: VALUE"
        )
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    floors = _adset_fields(meta_fake, "bid_constraints")
    assert floors == {"runners": {"roas_average_floor": 30000}, "walkers": {"roas_average_floor": 25000}}


def test_a_custom_conversion_converges_and_a_console_change_of_it_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """The campaign's custom conversion is its ad sets' promoted object by its id alone; an ad group naming
    an event counts the account pixel's. Another custom conversion set in the console is drift that a
    replacement of the live ad set alone could undo, which the plan refuses."""
    from fakes.hand_built import EXAMPLE_PIXEL

    _capped(meta_workspace, {"conversion": "{custom_conversion_id: '5550001'}"}, "conversion: {event: lead}")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "promoted_object") == {
        "runners": {"pixel_id": EXAMPLE_PIXEL, "custom_event_type": "LEAD"},
        "walkers": {"custom_conversion_id": "5550001"},
    }

    _a_console_edit_of_the_promoted_object_is_drift(
        midas, meta_fake, "spring-sale/walkers", "custom_conversion_id", "5550002"
    )
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and "would be replaced: Meta does not change" in refused.output, refused.output


def test_a_custom_event_converges_and_a_console_change_of_its_name_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """The campaign's custom event is its ad sets' promoted object as the type OTHER with the name, sent and
    read back through the SDK exactly (no perpetual diff); an ad group naming a standard event counts that.
    Another name set in the console is drift, which only a replacement could undo: the plan refuses."""
    from fakes.hand_built import EXAMPLE_PIXEL

    _capped(meta_workspace, {"conversion": "{custom_event: Booked Demo}"}, "conversion: {event: lead}")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "promoted_object") == {
        "runners": {"pixel_id": EXAMPLE_PIXEL, "custom_event_type": "LEAD"},
        "walkers": {
            "pixel_id": EXAMPLE_PIXEL,
            "custom_event_type": "OTHER",
            "custom_event_str": "Booked Demo",
        },
    }
    sent = [r for r in meta_fake.requests if "custom_event_str" in str(r.params)]
    assert sent, "the custom event's name travels in the ad set's promoted_object"

    _a_console_edit_of_the_promoted_object_is_drift(
        midas, meta_fake, "spring-sale/walkers", "custom_event_str", "Booked Call"
    )
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and "would be replaced: Meta does not change" in refused.output, refused.output


def test_a_pixel_rule_converges_compared_by_its_meaning_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A pixel rule travels as compact JSON text through the SDK and reads back equal (no perpetual diff);
    rewritten in a console with other spacing and key order it is no drift, with another meaning it is."""
    from fakes.hand_built import EXAMPLE_PIXEL

    _capped(
        meta_workspace, {"conversion": "{event: lead, pixel_rule: {url: {i_contains: thanks}, b: 1}}"}, ""
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    compact = '{"b":1,"url":{"i_contains":"thanks"}}'
    lead = {"pixel_id": EXAMPLE_PIXEL, "custom_event_type": "LEAD", "pixel_rule": compact}
    assert _adset_fields(meta_fake, "promoted_object") == {"runners": lead, "walkers": lead}

    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    address = "adset/spring-sale/walkers@meta:meta-main"
    respaced = '{ "url" : { "i_contains" : "thanks" }, "b" : 1 }'
    set_field(meta_fake.world, accounts, address, {"promoted_object.pixel_rule": respaced})
    assert midas("drift").code == 0
    set_field(meta_fake.world, accounts, address, {"promoted_object.pixel_rule": '{"url": {"eq": "merci"}}'})
    drift = midas("drift")
    assert drift.code == 2 and "promoted_object.pixel_rule" in drift.output and "merci" in drift.output


@pytest.mark.parametrize(
    ("strategy", "adsets", "expected"),
    [
        (
            "COST_CAP",
            ({"bid_amount": "700"}, {"bid_amount": "450"}),
            ("bid_amount: 7.00", "bid_amount: 4.50"),
        ),
        (
            "LOWEST_COST_WITH_MIN_ROAS",
            ({"bid_constraints": '{"roas_average_floor": 25000}', "optimization_goal": "VALUE"},) * 2,
            ("roas_floor: 2.5",),
        ),
    ],
    ids=["cost-cap-of-each-ad-set", "one-roas-floor"],
)
def test_import_adopt_keeps_a_live_meta_cap_through_the_sdk(
    midas: Midas,
    meta_workspace: Path,
    meta_fake: MetaGraphFake,
    strategy: str,
    adsets: tuple[dict[str, str], ...],
    expected: tuple[str, ...],
) -> None:
    """A cap set in the console on each ad set is the campaign's ``meta.bid_amount`` (the most common) and
    an ad group's own: re-created ad sets keep it, and the adopted spec plans no change."""
    _no_specs(meta_workspace)
    holiday_sale(meta_workspace, page_id=PAGE_ID, adset_budgets=True)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(
        meta_fake.world, accounts, "campaign/Holiday Sale – US@meta:meta-main", {"bid_strategy": strategy}
    )
    for name, fields in zip(("Gift Shoppers", "Last-minute Shoppers"), adsets, strict=True):
        set_field(meta_fake.world, accounts, f"adset/Holiday Sale – US/{name}@meta:meta-main", fields)
    text = _adopted_spec_text(midas, meta_workspace, "holiday-sale-us")
    assert all(line in text for line in expected), text


@pytest.mark.parametrize(
    ("address", "fields", "refusal"),
    [
        (
            "campaign/Holiday Sale – US",
            {"start_time": "2026-11-20T00:00:00-0500"},
            "has start_time '2026-11-20T00:00:00-0500', other than its ad sets' dates imply",
        ),
        (
            "campaign/Holiday Sale – US",
            {"stop_time": "2027-01-31T23:59:59-0500"},
            "has stop_time '2027-01-31T23:59:59-0500'",
        ),
        (
            "adset/Holiday Sale – US/Gift Shoppers",
            {"destination_type": "INSTAGRAM_PROFILE"},
            "has destination_type 'INSTAGRAM_PROFILE'",
        ),
        (
            "adset/Holiday Sale – US/Gift Shoppers",
            {"bid_strategy": "COST_CAP", "bid_amount": "500"},
            "has bid_strategy 'COST_CAP' where its campaign's is 'LOWEST_COST_WITHOUT_CAP' under a campaign "
            "budget",
        ),
        (
            "adset/Holiday Sale – US/Gift Shoppers",
            {"targeting.targeting_automation.individual_setting": '{"age": 1, "custom_audience": 1}'},
            "has targeting_automation.individual_setting {'age': 1, 'custom_audience': 1}, which the spec "
            "language cannot express: it holds custom_audience, where meta.advantage_audience_settings holds "
            "age, gender, geo, each 0 or 1",
        ),
        (
            "adset/Holiday Sale – US/Gift Shoppers",
            {
                "targeting.targeting_automation.advantage_audience": "0",
                "targeting.targeting_automation.individual_setting": '{"age": 0, "gender": 2}',
            },
            "has targeting_automation.individual_setting {'age': 0, 'gender': 2}, which the spec language "
            "cannot express: it holds gender other than 0 or 1",
        ),
        (
            "adset/Holiday Sale – US/Gift Shoppers",
            {"targeting.targeting_automation.shared_audiences": "1"},
            "has targeting_automation.shared_audiences 1, which the spec language cannot express "
            "(meta.advantage_audience is its advantage_audience alone",
        ),
    ],
    ids=[
        "campaign-start",
        "campaign-stop",
        "destination",
        "ad-set-bid-strategy-under-a-campaign-budget",
        "individual-setting-of-a-key-the-spec-does-not-take",
        "individual-setting-of-a-flag-not-0-or-1",
        "advantage-shared-audiences",
    ],
)
def test_import_refuses_live_meta_settings_the_spec_cannot_hold_by_name_through_the_sdk(
    midas: Midas,
    meta_workspace: Path,
    meta_fake: MetaGraphFake,
    address: str,
    fields: dict[str, str],
    refusal: str,
) -> None:
    holiday_sale(meta_workspace, page_id=PAGE_ID)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(meta_fake.world, accounts, f"{address}@meta:meta-main", fields)
    result = midas("import", "--account", "meta-main", "--all")
    assert result.code == 1 and refusal in result.output, result.output
    assert "which the spec language cannot express" in result.output
    assert not (meta_workspace / "specs" / "imported").exists()


@pytest.mark.parametrize(
    ("live", "written"),
    [("50000", "spend_cap: 500.00"), ("0", None), ("922337203685478", None)],
    ids=["a-limit", "zero-is-none", "meta-s-no-limit"],
)
def test_a_live_meta_campaign_spending_limit_imports_adopts_drifts_and_is_removed_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, live: str, written: str | None
) -> None:
    """A console's campaign spending limit (``spend_cap``, minor units) is ``meta.spend_cap`` in the budget's
    currency, adopted with an empty plan; Meta's "no limit" values (0, 922337203685478) are none. A console
    edit of it is drift; dropped from the spec, apply removes it with Meta's "no limit" value."""
    _no_specs(meta_workspace)
    holiday_sale(meta_workspace, page_id=PAGE_ID)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    campaign = "campaign/Holiday Sale – US@meta:meta-main"
    set_field(meta_fake.world, accounts, campaign, {"spend_cap": live})
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0
    file = meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml"
    text = file.read_text(encoding="utf-8")
    if written is None:
        assert "spend_cap" not in text, text
        return
    assert written in text, text
    set_field(meta_fake.world, accounts, campaign, {"spend_cap": "75000"})
    drift = midas("drift")
    assert drift.code == 2 and "spend_cap" in drift.output, drift.output
    file.write_text(text.replace(f"    {written}\n", ""), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    [node] = meta_fake.sim.peek(META_ACT, "campaign")
    assert "spend_cap" not in node, node
    assert midas("plan", "--detailed-exitcode").code == 0
    file.write_text(text.replace(written, "spend_cap: 1250.50"), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    [node] = meta_fake.sim.peek(META_ACT, "campaign")
    assert node["spend_cap"] == "125050"
    assert midas("plan", "--detailed-exitcode").code == 0


def test_dropping_a_meta_cost_cap_and_adding_it_back_converge_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    uncapped = spec.read_text(encoding="utf-8")
    _capped(meta_workspace, {"bid_strategy": "cost_cap", "bid_amount": "4.50"}, "bid_amount: 6.25")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(uncapped, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "bid_amount") == {"runners": None, "walkers": None}
    [campaign] = meta_fake.sim.peek(META_ACT, "campaign")
    assert campaign["bid_strategy"] == "LOWEST_COST_WITHOUT_CAP"
    _capped(meta_workspace, {"bid_strategy": "lowest_cost_with_bid_cap", "bid_amount": "2"}, "bid_amount: 3")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "bid_amount") == {"runners": "300", "walkers": "200"}


def _own_strategies(workspace: Path, runners: str, walkers: str = "") -> None:
    """The example spring-sale campaign on ad set budgets (12 + 8 of its 20 on Meta), each ad group's
    ``meta:`` flow mapping with ``runners`` / ``walkers`` more inside."""
    spec = workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    for line, budget, more in (
        ("      creatives: [spring-shoes, spring-apparel]\n", "12", runners),
        ("      creatives: [spring-shoes]\n", "8", walkers),
    ):
        assert text.count(line) == 1
        text = text.replace(line, f"{line}      meta: {{budget: {{daily: {budget}}}{more}}}\n")
    spec.write_text(text, encoding="utf-8")


def test_an_ad_set_s_own_bid_strategy_converges_a_console_change_of_one_is_drift_and_dropping_it_too(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """On ad set budgets, ``runners`` bids with a cost cap of its own, ``walkers`` as the campaign does: each
    ad set states the strategy it bids with. A console change of the latter's is drift that apply undoes, a
    console change of the campaign's is the campaign's alone; dropping the former's own from the spec sends
    it the campaign's."""
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    _own_strategies(meta_workspace, ", bid_strategy: cost_cap, bid_amount: 6.25")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "bid_strategy") == {
        "runners": "COST_CAP",
        "walkers": "LOWEST_COST_WITHOUT_CAP",
    }
    assert _adset_fields(meta_fake, "bid_amount") == {"runners": "625", "walkers": None}

    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    edited = {"bid_strategy": "LOWEST_COST_WITH_BID_CAP", "bid_amount": "300"}
    set_field(meta_fake.world, accounts, "adset/spring-sale/walkers@meta:meta-main", edited)
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2 and "bid_strategy" in drift.output, drift.output
    assert "LOWEST_COST_WITH_BID_CAP" in drift.output, drift.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "bid_strategy") == {
        "runners": "COST_CAP",
        "walkers": "LOWEST_COST_WITHOUT_CAP",
    }
    assert _adset_fields(meta_fake, "bid_amount") == {"runners": "625", "walkers": None}
    set_field(meta_fake.world, accounts, "campaign/spring-sale@meta:meta-main", {"bid_strategy": "COST_CAP"})
    drift = midas("drift")
    assert [line for line in drift.output.splitlines() if "changed out of band" in line] == [
        "~ campaign/spring-sale@meta:meta-main — changed out of band: bid_strategy"
    ], drift.output
    assert midas("apply", "--auto-approve").code == 0

    spec.write_text(
        spec.read_text(encoding="utf-8").replace(", bid_strategy: cost_cap, bid_amount: 6.25", "")
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    both = {"runners": "LOWEST_COST_WITHOUT_CAP", "walkers": "LOWEST_COST_WITHOUT_CAP"}
    assert _adset_fields(meta_fake, "bid_strategy") == both
    assert _adset_fields(meta_fake, "bid_amount") == {"runners": None, "walkers": None}


def test_ad_sets_bidding_with_strategies_of_their_own_import_and_adopt_exactly_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """Ad sets on budgets of their own, bidding otherwise than their campaign (a cost cap) and than each
    other, import as the campaign's strategy with an ad group's own for each that differs; adopted, the
    spec plans no change, and the written spec says each."""
    _no_specs(meta_workspace)
    holiday_sale(meta_workspace, page_id=PAGE_ID, adset_budgets=True)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    campaign = "campaign/Holiday Sale – US@meta:meta-main"
    set_field(meta_fake.world, accounts, campaign, {"bid_strategy": "COST_CAP"})
    own = {
        "Gift Shoppers": {
            "bid_strategy": "LOWEST_COST_WITH_MIN_ROAS",
            "bid_constraints": '{"roas_average_floor": 25000}',
            "optimization_goal": "VALUE",
        },
        "Last-minute Shoppers": {"bid_strategy": "LOWEST_COST_WITHOUT_CAP"},
    }
    for name, fields in own.items():
        set_field(meta_fake.world, accounts, f"adset/Holiday Sale – US/{name}@meta:meta-main", fields)
    text = _adopted_spec_text(midas, meta_workspace, "holiday-sale-us")
    for line in (
        "bid_strategy: COST_CAP",
        "bid_strategy: LOWEST_COST_WITH_MIN_ROAS",
        "roas_floor: 2.5",
        "bid_strategy: LOWEST_COST_WITHOUT_CAP",
    ):
        assert line in text, text


def test_cities_and_zips_resolve_and_converge_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A city or postal code is one targeting search of its own location type in its country."""
    (meta_workspace / "specs" / "local.yaml").write_text(LOCAL_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--account", "meta-main")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    searches = [r.params for r in meta_fake.requests if r.params.get("type") == "adgeolocation"]
    asked = sorted((p["q"], p["location_types"], p["country_code"]) for p in searches)
    assert asked == [
        ("94103", '["zip"]', "US"),
        ("94110", '["zip"]', "US"),
        ("San Francisco", '["city"]', "US"),
        ("Toronto", '["city"]', "CA"),
    ]
    [adset] = [a for a in meta_fake.sim.peek(META_ACT, "adset") if a["name"] == "main"]
    cities = [find_place(entry) for entry in ("San Francisco, US-CA", "Toronto, CA")]
    geo = adset["targeting"]["geo_locations"]
    assert sorted(c["key"] for c in geo["cities"]) == sorted(c.meta_key for c in cities if c is not None)
    assert geo["zips"] == [{"key": "US:94103", "name": "94103", "country": "US"}]  # as Meta shows a zip
    assert adset["targeting"]["excluded_geo_locations"]["zips"][0]["key"] == "US:94110"


def test_url_tags_converge_and_survive_a_creative_edit_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """Every creative takes its campaign's UTM tags but the apparel one, which has its own; a text edit
    re-creates the creative with them (Meta creatives are immutable)."""
    with_url_tracking(meta_workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0

    def tags() -> Counter[str]:
        return Counter(str(c.get("url_tags")) for c in meta_fake.sim.peek(META_ACT, "adcreative"))

    assert tags() == Counter({SPRING_TAGS: 2, APPAREL_TAGS: 1})  # spring-shoes in two ad sets
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("Shop breathable running apparel.", "Shop light running apparel."), "utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert tags() == Counter({SPRING_TAGS: 2, APPAREL_TAGS: 1})


def test_a_creatives_url_tags_built_by_hand_import_and_adopt_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    _no_specs(meta_workspace)
    holiday_sale(meta_workspace, page_id=PAGE_ID)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    creative = "adcreative/Holiday Sale – US/Gift Shoppers/Gift ad@meta:meta-main"
    set_field(meta_fake.world, accounts, creative, {"url_tags": APPAREL_TAGS})
    adopted = midas("import", "--account", "meta-main", "--campaign", "Holiday Sale – US", "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0
    imported = yaml.safe_load((meta_workspace / "specs" / "imported" / "holiday-sale-us.yaml").read_text())
    [on_meta] = [c for c in imported["spec"]["creatives"] if c.get("platforms") == ["meta"]]
    assert on_meta["url_parameters"] == APPAREL_TAGS


def test_an_ambiguous_city_names_its_candidates_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """``Portland, US`` finds two cities in the platform's answer: the error names both, with regions."""
    an_ambiguous_city_names_its_candidates(midas, meta_workspace, "meta-main")


def test_a_radius_around_a_city_and_a_point_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A radius goes to the platform as it names one (Google: a proximity by address or by geo point; Meta: a
    city's radius, a custom location) and reads back to no changes."""
    (meta_workspace / "specs" / "local.yaml").write_text(RADIUS_SPEC, encoding="utf-8")
    # The example's guardrail allows US, CA and GB: a point's country MIDAS cannot tell.
    applied = midas("apply", "--auto-approve", "--account", "meta-main", "--override", "countries")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    [adset] = [a for a in meta_fake.sim.peek(META_ACT, "adset") if a["name"] == "main"]
    geo = adset["targeting"]["geo_locations"]
    assert [
        (c["name"], c.get("radius"), c["distance_unit"])
        for c in sorted(geo["cities"], key=lambda c: c["name"])
    ] == [
        ("San Francisco", 25, "mile"),
        ("Toronto", None, "mile"),
    ]
    assert geo["custom_locations"] == [
        {"latitude": 37.7749, "longitude": -122.4194, "radius": 10, "distance_unit": "kilometer"}
    ]


def test_an_excluded_radius_around_a_point_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """An excluded radius goes to Meta as a custom location of the ad set's excluded places, reads back (with
    the address Meta describes it by) to no changes, and a console's wider one is drift."""
    adset = _converged_main_adset(midas, meta_workspace, meta_fake, EXCLUDED_PIN_SPEC)
    pin = {"latitude": 37.7749, "longitude": -122.4194, "radius": 2, "distance_unit": "kilometer"}
    assert adset["targeting"]["excluded_geo_locations"]["custom_locations"] == [pin]
    away = {**adset["targeting"]["excluded_geo_locations"], "custom_locations": [{**pin, "radius": 5}]}
    _console_excludes(meta_fake, adset, away)
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 2


def test_an_excluded_radius_around_a_city_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """An excluded radius around a city goes to Meta as a city with a radius in the ad set's excluded places,
    reads back (with the name and unit Meta reports) to no changes, and a console's narrower one is drift."""
    adset = _converged_main_adset(midas, meta_workspace, meta_fake, EXCLUDED_CITY_RADIUS_SPEC)
    oakland = find_place("Oakland, US-CA")
    assert oakland is not None
    [city] = adset["targeting"]["excluded_geo_locations"]["cities"]
    assert (city["key"], city["radius"], city["distance_unit"]) == (oakland.meta_key, 15, "mile")
    away = {**adset["targeting"]["excluded_geo_locations"], "cities": [{**city, "radius": 12}]}
    _console_excludes(meta_fake, adset, away)
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 2


def test_dmas_converge_through_the_sdk(midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake) -> None:
    """A DMA goes to the platform by its code (Google's DMA Region constant, Meta's market key) and reads
    back to no changes."""
    adset = _converged_main_adset(midas, meta_workspace, meta_fake, DMA_SPEC)
    markets = adset["targeting"]["geo_locations"]["geo_markets"]
    assert sorted(m["key"] for m in markets) == ["DMA_501", "DMA_807"]
    # Nothing to look up: the example's regions are the only places searched.
    assert not [r for r in meta_fake.requests if r.params.get("q") in ("807", "DMA:807", "DMA 807")]


def test_meta_advantage_audience_converges_and_a_console_toggle_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """An ad group's ``meta.advantage_audience`` is its ad set's ``targeting_automation`` flag, the others
    stating 0 as Meta requires on create; turning it off in a console is drift, and apply turns it back on."""
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("    ages: {min: 25, max: 54}\n", "    ages: {min: 25}\n"), encoding="utf-8")
    _capped(meta_workspace, {}, "advantage_audience: true")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    flags = {name: t["targeting_automation"] for name, t in _adset_fields(meta_fake, "targeting").items()}
    assert flags == {"runners": {"advantage_audience": 1}, "walkers": {"advantage_audience": 0}}

    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    off = {"targeting.targeting_automation.advantage_audience": "0"}
    set_field(meta_fake.world, accounts, "adset/spring-sale/runners@meta:meta-main", off)
    drift = midas("drift")
    assert drift.code == 2 and "advantage_audience" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "targeting")["runners"]["targeting_automation"] == {
        "advantage_audience": 1
    }


def test_a_console_set_advantage_individual_setting_is_drift_and_apply_takes_it_out_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """``targeting_automation.individual_setting`` set in a console on a managed ad set whose spec writes none
    (``meta.advantage_audience_settings``) is drift by name; apply sends the targeting MIDAS states, whole, as
    Meta replaces an ad set's targeting, so it is gone and the plan is empty."""
    spec = meta_workspace / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("    ages: {min: 25, max: 54}\n", "    ages: {min: 25}\n"), encoding="utf-8")
    _capped(meta_workspace, {}, "advantage_audience: true")
    assert midas("apply", "--auto-approve").code == 0
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    setting = {"targeting.targeting_automation.individual_setting": '{"age": 1, "gender": 1}'}
    set_field(meta_fake.world, accounts, "adset/spring-sale/runners@meta:meta-main", setting)
    drift = midas("drift")
    assert drift.code == 2 and "targeting_automation.individual_setting" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    assert _adset_fields(meta_fake, "targeting")["runners"]["targeting_automation"] == {
        "advantage_audience": 1
    }


@pytest.mark.parametrize(
    ("on", "campaign_wide"),
    [(("Gift Shoppers", "Wrap Shoppers"), True), (("Wrap Shoppers",), False)],
    ids=["every-ad-set-the-campaign-s", "one-ad-set-its-own"],
)
def test_a_live_meta_advantage_audience_imports_and_adopts_exactly_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, on: tuple[str, ...], campaign_wide: bool
) -> None:
    """A hand-built ad set running Advantage+ audience (on by default in Ads Manager) imports as
    ``meta.advantage_audience: true``: the campaign's when every ad set runs it, else the ad group's."""
    _no_specs(meta_workspace)
    holiday_sale(meta_workspace, page_id=PAGE_ID, wrap_ad=True)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    for name in on:
        # Meta takes no maximum age under 65 with it (``spec._meta_advantage``).
        advantage = {"targeting.age_max": "65", "targeting.targeting_automation.advantage_audience": "1"}
        set_field(meta_fake.world, accounts, f"adset/Holiday Sale – US/{name}@meta:meta-main", advantage)
    text = _adopted_spec_text(midas, meta_workspace, "holiday-sale-us")
    spec = yaml.safe_load(text)["spec"]
    own = {g["name"]: g.get("meta", {}).get("advantage_audience") for g in spec["ad_groups"]}
    if campaign_wide:
        assert spec["meta"]["advantage_audience"] is True and set(own.values()) == {None}, text
    else:
        assert "advantage_audience" not in spec["meta"] and own["Wrap Shoppers"] is True, text
        assert own["Gift Shoppers"] is None, text


def test_click_to_message_ad_sets_converge_and_a_console_change_of_one_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A WhatsApp and a Messenger ad set go over the wire with their destination, Page and number, and their
    ads with the app's button; read back, they plan nothing. A console change of the number is drift."""
    with_a_messaging_campaign(meta_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    chats = {a["name"]: a for a in meta_fake.sim.peek(META_ACT, "adset") if a["name"].endswith("-chats")}
    assert {n: (a["destination_type"], a["promoted_object"]) for n, a in chats.items()} == {
        "whatsapp-chats": ("WHATSAPP", {"page_id": PAGE_ID, "whatsapp_phone_number": WHATSAPP_NUMBER}),
        "messenger-chats": ("MESSENGER", {"page_id": PAGE_ID}),
    }
    [whatsapp_ad] = [
        c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "chats/whatsapp-chats/ask-us"
    ]
    assert whatsapp_ad["object_story_spec"]["link_data"]["call_to_action"] == {
        "type": "WHATSAPP_MESSAGE",
        "value": {"link": WHATSAPP_LINK, "app_destination": "WHATSAPP"},
    }
    _a_console_edit_of_the_promoted_object_is_drift(
        midas, meta_fake, "chats/whatsapp-chats", "whatsapp_phone_number", "+15559990000"
    )


def test_an_instagram_direct_ad_set_converges_and_a_console_change_of_its_account_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """An ad set opening Instagram Direct goes over the wire with its destination and Page, its ad with the
    INSTAGRAM_MESSAGE button and the account's Instagram account; read back, it plans nothing."""
    with_an_instagram_campaign(with_instagram(meta_workspace))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [adset] = [a for a in meta_fake.sim.peek(META_ACT, "adset") if a["name"] == "instagram-dms"]
    assert (adset["destination_type"], adset["promoted_object"]) == ("INSTAGRAM_DIRECT", {"page_id": PAGE_ID})
    [ad] = [c for c in meta_fake.sim.peek(META_ACT, "adcreative") if c["name"] == "dms/instagram-dms/dm-us"]
    story = ad["object_story_spec"]
    assert (story["instagram_user_id"], story["page_id"]) == (INSTAGRAM_USER_ID, PAGE_ID)
    assert story["link_data"]["call_to_action"] == {
        "type": "INSTAGRAM_MESSAGE",
        "value": {"link": INSTAGRAM_LINK, "app_destination": "INSTAGRAM_DIRECT"},
    }
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(
        meta_fake.world,
        accounts,
        "adcreative/dms/instagram-dms/dm-us@meta:meta-main",
        {"object_story_spec.instagram_user_id": "42"},
    )
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2 and "instagram_user_id" in drift.output and "42" in drift.output, drift.output


def test_a_hand_built_instagram_direct_campaign_imports_and_adopts_exactly_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    _no_specs(meta_workspace)
    instagram_by_hand(with_instagram(meta_workspace))
    text = _adopted_spec_text(midas, meta_workspace, "dm-us")
    assert "destination: instagram" in text, text
    assert "final_url" not in text and "call_to_action" not in text, text


def test_ad_sets_opening_several_apps_converge_and_a_console_change_of_their_apps_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """An ad set opening Messenger and WhatsApp goes over the wire with its MESSAGING_* destination, Page and
    number, its ad with Messenger's button and each app's in its asset feed (form-encoded JSON, as the SDK
    sends a dict); read back, it plans nothing. A console change of its destination is drift."""
    with_a_several_apps_campaign(with_instagram(meta_workspace))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [adset] = [a for a in meta_fake.sim.peek(META_ACT, "adset") if a["name"] == "messenger-whatsapp"]
    assert (adset["destination_type"], adset["promoted_object"]) == (
        "MESSAGING_MESSENGER_WHATSAPP",
        {"page_id": PAGE_ID, "whatsapp_phone_number": WHATSAPP_NUMBER},
    )
    [ad] = [
        c
        for c in meta_fake.sim.peek(META_ACT, "adcreative")
        if c["name"] == "several/instagram-messenger/ask-us"
    ]
    assert ad["object_story_spec"]["instagram_user_id"] == INSTAGRAM_USER_ID
    assert ad["object_story_spec"]["link_data"]["call_to_action"] == {
        "type": "INSTAGRAM_MESSAGE",
        "value": {"link": INSTAGRAM_LINK, "app_destination": "INSTAGRAM_DIRECT"},
    }
    # As sent, with the optimisation type Meta adds on read (its Asset Feed Spec guide, "Read Asset Feed").
    assert ad["asset_feed_spec"] == {
        "call_to_actions": [
            {"type": "INSTAGRAM_MESSAGE", "value": {"app_destination": "INSTAGRAM_DIRECT"}},
            {"type": "MESSAGE_PAGE", "value": {"app_destination": "MESSENGER"}},
        ],
        "optimization_type": "REGULAR",
    }
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(
        meta_fake.world,
        accounts,
        "adset/several/messenger-whatsapp@meta:meta-main",
        {"destination_type": "MESSAGING_INSTAGRAM_DIRECT_WHATSAPP"},
    )
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "destination_type" in drift.output and "MESSAGING_INSTAGRAM_DIRECT_WHATSAPP" in drift.output, (
        drift.output
    )


def test_a_hand_built_campaign_opening_several_apps_imports_and_adopts_exactly_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    _no_specs(meta_workspace)
    several_apps_by_hand(with_instagram(meta_workspace))
    text = _adopted_spec_text(midas, meta_workspace, "message-us-anywhere")
    assert "destination: [instagram, messenger]" in text, text
    assert "destination: [messenger, whatsapp]" in text and WHATSAPP_NUMBER in text, text
    assert "final_url" not in text and "call_to_action" not in text, text


#: A creative's welcome message as MIDAS normalises it, and as a spec writes it.
WELCOME = {"text": "Hi! How can we help?", "ice_breakers": ["Do you ship?", "What sizes?"]}
WELCOME_WRITTEN = {"text": "Hi! How can we help?", "questions": ["Do you ship?", "What sizes?"]}
#: Ads Manager's Messenger default: quick replies, each as its editor writes it.
QUICK_REPLIES = {
    "text": "Want a quote?",
    "text_format": {
        "customer_action_type": "quick_replies",
        "message": {
            "quick_replies": [
                {"title": "Yes", "content_type": "text", "response_type": None},
                {"title": "No", "content_type": "text", "response_type": None},
            ]
        },
    },
}
QUICK_REPLIES_WRITTEN = {"text": "Want a quote?", "quick_replies": ["Yes", "No"]}


@pytest.mark.parametrize(
    ("whatsapp_number", "welcome", "expected"),
    [
        (WHATSAPP_NUMBER, None, None),
        (None, None, None),
        (WHATSAPP_NUMBER, WELCOME, WELCOME_WRITTEN),
        (WHATSAPP_NUMBER, QUICK_REPLIES, QUICK_REPLIES_WRITTEN),
    ],
    ids=["with-its-number", "the-page-s-number", "with-a-welcome-message", "with-quick-replies"],
)
def test_a_hand_built_click_to_message_campaign_imports_and_adopts_exactly_through_the_sdk(
    midas: Midas,
    meta_workspace: Path,
    meta_fake: MetaGraphFake,
    whatsapp_number: str | None,
    welcome: dict[str, Any] | None,
    expected: dict[str, Any] | None,
) -> None:
    _no_specs(meta_workspace)
    chats_by_hand(meta_workspace, whatsapp_number=whatsapp_number, welcome=welcome)
    text = _adopted_spec_text(midas, meta_workspace, "chat-with-us")
    assert "destination: messenger" in text and "destination: whatsapp" in text, text
    assert ("whatsapp_number" in text) is (whatsapp_number is not None), text
    assert "final_url" not in text and "call_to_action" not in text, text
    creatives = yaml.safe_load(text)["spec"]["creatives"]
    assert [c.get("meta", {}).get("welcome_message") for c in creatives] == [expected] * len(creatives), text


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        (
            # Meta's ad of several apps may open any of them; MIDAS's opens the first in Meta's order.
            {"destination_type": "MESSAGING_MESSENGER_WHATSAPP"},
            "has a call to action WHATSAPP_MESSAGE opening WHATSAPP in an ad set whose destination_type is "
            "MESSAGING_MESSENGER_WHATSAPP, which the spec language cannot express (its ads show MESSAGE_PAGE "
            "opening MESSENGER)",
        ),
        (
            {"promoted_object.page_id": "999"},
            "opens WHATSAPP with Page 999 (promoted_object.page_id), which the spec language cannot express",
        ),
    ],
    ids=["several-apps-at-once", "another-page"],
)
def test_import_refuses_click_to_message_ad_sets_the_spec_cannot_say_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, fields: dict[str, str], refusal: str
) -> None:
    chats_by_hand(meta_workspace)
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(meta_fake.world, accounts, "adset/Chat With Us/WhatsApp@meta:meta-main", fields)
    result = midas("import", "--account", "meta-main", "--campaign", "Chat With Us")
    assert result.code == 1 and refusal in result.output, result.output


#: A creative's welcome message as the spec writes it (under its ``meta:``), and as it goes over the wire.
WELCOME_SPECS = {
    "ice-breakers": (
        "{text: Hi! How can we help?, questions: [Do you ship?, What sizes?]}",
        "ice_breakers",
        [{"title": "Do you ship?"}, {"title": "What sizes?"}],
    ),
    "ice-breakers-with-a-response": (
        "{text: Hi!, questions: [Do you ship?, {question: Sizes?, response: S to XL}]}",
        "ice_breakers",
        [{"title": "Do you ship?"}, {"title": "Sizes?", "response": "S to XL"}],
    ),
    "quick-replies": (
        "{text: Want a quote?, quick_replies: ['Yes', {reply: Not now, payload: LATER}]}",
        "quick_replies",
        [
            {"content_type": "text", "title": "Yes"},
            {"content_type": "text", "title": "Not now", "payload": "LATER"},
        ],
    ),
}


@pytest.mark.parametrize("kind", list(WELCOME_SPECS))
def test_a_welcome_message_goes_over_the_wire_as_json_text_and_converges_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, kind: str
) -> None:
    """Sent in the link data as the JSON text the SDK types it, read back as Meta's object: no plan."""
    written, key, wire = WELCOME_SPECS[kind]
    spec = with_a_messaging_campaign(meta_workspace) / "specs" / "chats.yaml"
    welcome = f"      meta:\n        welcome_message: {written}\n"
    spec.write_text(spec.read_text(encoding="utf-8") + welcome, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    bodies = [
        parse_qs(body) for _, url, body in _batched_writes(meta_fake, 0) if url.endswith("/adcreatives")
    ]
    sent = [
        json.loads(b["object_story_spec"][0])["link_data"]["page_welcome_message"]
        for b in bodies
        if b["name"] == ["chats/whatsapp-chats/ask-us"]
    ]
    assert len(sent) == 1 and isinstance(sent[0], str), sent
    assert json.loads(sent[0])["text_format"]["customer_action_type"] == key
    assert json.loads(sent[0])["text_format"]["message"][key] == wire


NEW_YORK_SALE = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: ny-sale}
spec:
  platforms: {meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US-NY]}
  creatives:
    - name: ad-a
      headlines: [Shoes]
      descriptions: [Shoes today.]
      primary_text: Shoes.
      final_url: https://shop.example.com/a
      call_to_action: learn_more
"""


def test_a_region_targeted_ad_set_is_adopted_exactly_through_the_sdk(
    midas: Midas,
    meta_workspace: Path,
    meta_fake: MetaGraphFake,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Meta reads a region back with its name and country (``{"key", "name", "country"}``), from which
    import writes its ISO 3166-2 code."""
    _no_specs(meta_workspace)
    (meta_workspace / "specs" / "ny.yaml").write_text(NEW_YORK_SALE)
    assert midas("apply", "--auto-approve").code == 0
    [adset] = meta_fake.sim.peek(META_ACT, "adset")
    [region] = adset["targeting"]["geo_locations"]["regions"]
    assert (region["name"], region["country"]) == ("New York", "US")
    (meta_workspace / "specs" / "ny.yaml").unlink()
    monkeypatch.setenv("MIDAS_STATE_URL", f"sqlite:///{tmp_path}/fresh.db")
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert "US-NY" in (meta_workspace / "specs" / "imported" / "ny-sale.yaml").read_text(encoding="utf-8")
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("location", "key"), [("US-NY", "3877"), ("'San Francisco, US-CA'", "2430000")], ids=["region", "city"]
)
def test_a_snapshot_of_a_campaign_targeting_a_place_is_written_to_specs_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake, location: str, key: str
) -> None:
    """``restore --write-specs`` builds specs from the snapshot without reading the account: the region's
    or city's key is named through one geolocation metadata search."""
    spec = meta_workspace / "specs" / "ny.yaml"
    campaign = NEW_YORK_SALE.replace("[US-NY]", f"[{location}]")
    spec.write_text(campaign)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "good").code == 0
    spec.write_text(campaign.replace("daily: 20.00", "daily: 30.00"))
    assert midas("apply", "--auto-approve").code == 0
    since = len(meta_fake.requests)
    restored = midas("restore", "good", "--write-specs")
    assert restored.code == 0, restored.output
    assert spec.read_text(encoding="utf-8") == campaign
    lookups = [r.params for r in meta_fake.requests[since:] if r.params.get("type") == "adgeolocationmeta"]
    assert [json.loads(params["regions"]) for params in lookups] == [[key]], lookups


def test_a_catalog_campaign_converges_and_a_console_change_of_a_product_set_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """A catalog campaign goes over the wire with its catalog, its ad sets with their product sets and its
    ads as template link posts; read back, they plan nothing. A console change of a product set is drift."""
    with_a_catalog_campaign(meta_workspace)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    [campaign] = [c for c in meta_fake.sim.peek(META_ACT, "campaign") if c["name"] == "catalog-sales"]
    assert campaign["promoted_object"] == {"product_catalog_id": CATALOG_ID}
    shown = {a["name"]: a.get("promoted_object") for a in meta_fake.sim.peek(META_ACT, "adset")}
    assert (shown["everything"], shown["shoes"]) == (
        {"product_set_id": ALL_PRODUCTS},
        {"product_set_id": SHOES},
    )
    [creative] = [
        c
        for c in meta_fake.sim.peek(META_ACT, "adcreative")
        if c["name"] == "catalog-sales/everything/template"
    ]
    template = creative["object_story_spec"]["template_data"]
    assert template["name"] == "{{product.name}}" and "page_id" not in template, template
    assert creative["object_story_spec"]["page_id"] == PAGE_ID
    _a_console_edit_of_the_promoted_object_is_drift(
        midas, meta_fake, "catalog-sales/shoes", "product_set_id", "7700000099"
    )


def test_a_catalog_template_s_format_goes_over_the_wire_and_a_console_change_is_drift_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """``meta.catalog_format`` and a dropped end card travel in ``template_data`` as Meta's guide has them;
    read back they plan nothing; a console change of the format is drift, which the next apply restores."""
    last = "      call_to_action: shop_now\n"
    own = f"{last}      meta: {{catalog_format: slideshows, multi_share_end_card: false}}\n"
    (meta_workspace / "specs" / "catalog-sales.yaml").write_text(CATALOG_SPEC.replace(last, own))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0

    def template() -> dict[str, Any]:
        [creative] = [
            c
            for c in meta_fake.sim.peek(META_ACT, "adcreative")
            if c["name"] == "catalog-sales/shoes/template"
        ]
        return dict(creative["object_story_spec"]["template_data"])

    sent = template()
    assert (sent["format_option"], sent["multi_share_end_card"]) == ("carousel_slideshows", False), sent
    assert not {"force_single_link", "show_multiple_images"} & set(sent), sent
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    creative = "adcreative/catalog-sales/shoes/template@meta:meta-main"
    multi_items = {"object_story_spec.template_data.format_option": "carousel_images_multi_items"}
    set_field(meta_fake.world, accounts, creative, multi_items)
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == creative]
    assert [(f["path"], f["recorded"], f["live"]) for f in item["fields"]] == [
        ("catalog_format", "slideshows", None)
    ], item
    assert midas("apply", "--auto-approve").code == 0
    assert template()["format_option"] == "carousel_slideshows"
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_hand_built_catalog_campaign_imports_and_adopts_exactly_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    _no_specs(meta_workspace)
    catalog_by_hand(meta_workspace, page_id=PAGE_ID)
    text = _adopted_spec_text(midas, meta_workspace, "dynamic-retargeting")
    spec = yaml.safe_load(text)["spec"]
    assert (spec["meta"]["catalog"], spec["meta"]["product_set"]) == (CATALOG_ID, ALL_PRODUCTS), text
    assert {c["type"] for c in spec["creatives"]} == {"catalog"}, text


def test_a_catalog_template_s_static_cards_go_over_the_wire_drift_and_adopt_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """``meta.static_cards`` travel in ``template_data.child_attachments`` as Meta's guide has them (each
    ``static_card`` true, around the product card); read back they plan nothing; a console change of a card
    is drift the next apply restores; built by hand, they import and adopt exactly."""
    last = "      call_to_action: shop_now\n"
    coupon = "https://shop.example.com/coupon"
    own = (
        f"{last}      meta:\n        static_cards:\n          before:\n            - headline: Coupon\n"
        f"              final_url: {coupon}\n"
        "              image_hash: 0123456789abcdef0123456789abcdef\n"
    )
    (meta_workspace / "specs" / "catalog-sales.yaml").write_text(CATALOG_SPEC.replace(last, own))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0

    def cards() -> list[dict[str, Any]]:
        [creative] = [
            c
            for c in meta_fake.sim.peek(META_ACT, "adcreative")
            if c["name"] == "catalog-sales/shoes/template"
        ]
        return list(creative["object_story_spec"]["template_data"]["child_attachments"])

    sent = cards()
    assert [(c.get("static_card"), c.get("name")) for c in sent] == [
        (True, "Coupon"),
        (None, "{{product.name}}"),
    ], sent
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    creative = "adcreative/catalog-sales/shoes/template@meta:meta-main"
    edit = {"object_story_spec.template_data.child_attachments.0.name": "Big coupon"}
    set_field(meta_fake.world, accounts, creative, edit)
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if i["address"] == creative]
    assert [(f["path"], f["recorded"], f["live"]) for f in item["fields"]] == [
        ("static_cards_before.0.title", "Coupon", "Big coupon")
    ], item
    assert midas("apply", "--auto-approve").code == 0
    assert cards() == sent
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_hand_built_template_s_static_cards_import_and_adopt_exactly_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    _no_specs(meta_workspace)
    card = {
        "link_url": "https://shop.example.com/lookbook",
        "image_url": "https://shop.example.com/lookbook.png",
        "call_to_action_type": "SHOP_NOW",
    }
    catalog_by_hand(meta_workspace, page_id=PAGE_ID, shoes_template={"static_cards_after": [card]})
    text = _adopted_spec_text(midas, meta_workspace, "dynamic-retargeting")
    spec = yaml.safe_load(text)["spec"]
    static = [c["meta"]["static_cards"] for c in spec["creatives"] if "static_cards" in c.get("meta", {})]
    assert static == [
        {
            "after": [
                {
                    "final_url": "https://shop.example.com/lookbook",
                    "image_url": "https://shop.example.com/lookbook.png",
                }
            ]
        }
    ], text


def test_a_campaign_whose_spec_was_lost_is_adopted_again_through_the_sdk_after_its_ad_was_renamed(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    """Issue #5 through facebook-business: a Meta ad renamed in a console, its campaign's spec lost, is
    imported under its console name and adopted again; only MIDAS's records move, the ad keeps its name
    and id, and the plan has nothing to do."""
    assert midas("apply", "--auto-approve").code == 0
    accounts = {"meta-main": (META, META_ACCOUNT_ID, "USD")}
    set_field(
        meta_fake.world, accounts, "ad/spring-sale/walkers/spring-shoes@meta", {"name": "Shoes (console)"}
    )
    ads = {n["id"]: n["name"] for n in meta_fake.sim.peek(META_ACT, "ad")}
    (meta_workspace / "specs" / "spring-sale.yaml").unlink()
    adopted = midas("import", "--account", "meta-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    assert {n["id"]: n["name"] for n in meta_fake.sim.peek(META_ACT, "ad")} == ads
    assert "ad/spring-sale/walkers/Shoes (console)@meta:" in midas("state", "list").output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
