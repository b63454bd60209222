"""Meta ads run as the account's Instagram account (a creative's ``meta.instagram_identity: true``)
through the CLI on the sandbox: applied with the account's ``instagram_user_id`` on the story, converged, the
key turned off replacing the creative, a console change of the account reported as drift, restored from a
snapshot, a hand-built campaign imported and adopted exactly (and refused where the spec cannot say it), an
account whose ``instagram_user_id`` is set planning its other ads as before (a console's account on one MIDAS
never ran as one warned of, not replaced), and the same through the SDK over the Graph fake."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes import MetaGraphFake
from fakes.hand_built import meta_live_nodes
from fakes.meta_fixtures import META_ACT
from fakes.meta_instagram_identity import GRAM, GRAM_BY_HAND, gram_by_hand, with_a_gram_campaign
from fakes.meta_messaging import INSTAGRAM_USER_ID, PAGE_ID, website_ad_by_hand, with_instagram, with_page

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def _stories(workspace: Path) -> dict[str, dict[str, Any]]:
    nodes = meta_live_nodes(workspace, "adcreative")
    return {name: node["object_story_spec"] for name, node in nodes.items() if name.startswith("gram/")}


def test_an_ad_run_as_the_instagram_account_applies_with_it_and_converges(midas: Midas, bare: Path) -> None:
    with_a_gram_campaign(with_instagram(with_page(bare)))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    stories = _stories(bare)
    assert stories["gram/feed/as-instagram"]["instagram_user_id"] == INSTAGRAM_USER_ID
    assert stories["gram/feed/as-instagram"]["page_id"] == PAGE_ID
    assert "instagram_user_id" not in stories["gram/feed/as-page"]


def test_turning_the_instagram_identity_off_replaces_the_creative(midas: Midas, bare: Path) -> None:
    with_a_gram_campaign(with_instagram(with_page(bare)))
    assert midas("apply", "--auto-approve").code == 0
    with_a_gram_campaign(bare, GRAM.replace("      meta: {instagram_identity: true}\n", ""))
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 2 and "instagram_user_id" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert "instagram_user_id" not in _stories(bare)["gram/feed/as-instagram"]


def test_a_console_change_of_an_ad_s_instagram_account_is_drift(midas: Midas, bare: Path) -> None:
    with_a_gram_campaign(with_instagram(with_page(bare)))
    assert midas("apply", "--auto-approve").code == 0
    edited = midas(
        "sandbox", "set", "adcreative/gram/feed/as-instagram@meta", 'object_story_spec.instagram_user_id="42"'
    )
    assert edited.code == 0, edited.output
    drift = midas("drift", "--format", "markdown")
    assert drift.code == 2, drift.output
    assert "instagram_user_id" in drift.output and "42" in drift.output, drift.output


def test_a_snapshot_restores_an_ad_s_instagram_identity_and_writes_it_back(midas: Midas, bare: Path) -> None:
    with_a_gram_campaign(with_instagram(with_page(bare)))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "as-gram").code == 0
    with_a_gram_campaign(bare, GRAM.replace("      meta: {instagram_identity: true}\n", ""))
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "as-gram", "--auto-approve")
    assert restored.code == 0, restored.output
    assert _stories(bare)["gram/feed/as-instagram"]["instagram_user_id"] == INSTAGRAM_USER_ID
    assert midas("restore", "as-gram", "--write-specs").code == 0
    spec = yaml.safe_load((bare / "specs" / "gram.yaml").read_text(encoding="utf-8"))["spec"]
    [creative] = [c for c in spec["creatives"] if c["name"] == "as-instagram"]
    assert creative["meta"] == {"instagram_identity": True}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_instagram_identity_without_the_account_s_instagram_account_is_refused_at_its_line(
    midas: Midas, bare: Path
) -> None:
    with_a_gram_campaign(with_page(bare))
    result = midas("validate")
    assert result.code == 1, result.output
    assert "specs/gram.yaml:23:34" in result.output, result.output
    assert "expected 'instagram_user_id' on Meta account 'meta-main' in midas.yaml" in result.output


def test_an_account_s_instagram_user_id_set_later_plans_its_other_ads_as_before(
    midas: Midas, bare: Path
) -> None:
    """Upgrade safety: the key is opt-in, so an account gaining ``instagram_user_id`` (for its Instagram
    Direct ads) replaces none of its creatives."""
    with_a_gram_campaign(with_page(bare), GRAM.replace("      meta: {instagram_identity: true}\n", ""))
    assert midas("apply", "--auto-approve").code == 0
    with_instagram(bare)
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize("account", [INSTAGRAM_USER_ID, "42"])
def test_a_console_s_instagram_account_on_a_creative_midas_never_ran_as_one_is_warned_not_replaced(
    midas: Midas, bare: Path, account: str
) -> None:
    """Upgrade safety: an ad a console made run as an Instagram account, where neither the spec nor MIDAS's
    record holds one, is left alone with a warning naming it (drift tells the same), not replaced."""
    with_a_gram_campaign(
        with_instagram(with_page(bare)), GRAM.replace("      meta: {instagram_identity: true}\n", "")
    )
    assert midas("apply", "--auto-approve").code == 0
    edited = midas(
        "sandbox",
        "set",
        "adcreative/gram/feed/as-page@meta",
        f'object_story_spec.instagram_user_id="{account}"',
    )
    assert edited.code == 0, edited.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0, plan.output
    assert "replacing" not in plan.output, plan.output
    assert f"Instagram account {account!r}" in plan.output, plan.output
    drift = midas("drift", "--format", "json")
    assert drift.code == 2, drift.output
    [item] = [i for i in json.loads(drift.output)["items"] if "gram/feed/as-page@" in i["address"]]
    assert item["kind"] == "unheld" and f"Instagram account {account!r}" in item["message"], item
    assert midas("apply", "--auto-approve").code == 0
    assert _stories(bare)["gram/feed/as-page"]["instagram_user_id"] == account
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize("account", [INSTAGRAM_USER_ID, "42"], ids=["the-account-s", "another"])
def test_a_snapshot_leaves_out_a_console_s_instagram_account_midas_never_held(
    midas: Midas, bare: Path, account: str
) -> None:
    """A snapshot holds a console's Instagram account on a creative no more than a plan does: restored, the
    next plan still leaves it alone, and written back, the specs stay as they were."""
    with_a_gram_campaign(
        with_instagram(with_page(bare)), GRAM.replace("      meta: {instagram_identity: true}\n", "")
    )
    assert midas("apply", "--auto-approve").code == 0
    edited = midas(
        "sandbox",
        "set",
        "adcreative/gram/feed/as-page@meta",
        f'object_story_spec.instagram_user_id="{account}"',
    )
    assert edited.code == 0, edited.output
    assert midas("snapshot", "--name", "now").code == 0
    spec = bare / "specs" / "gram.yaml"
    written = spec.read_text(encoding="utf-8")
    rewritten = midas("restore", "now", "--write-specs")
    assert rewritten.code == 0, rewritten.output
    assert spec.read_text(encoding="utf-8") == written
    restored = midas("restore", "now", "--auto-approve")
    assert restored.code == 0, restored.output
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and "replacing" not in plan.output, plan.output
    assert _stories(bare)["gram/feed/as-page"]["instagram_user_id"] == account


def test_a_hand_built_campaign_run_as_the_instagram_account_imports_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    gram_by_hand(with_instagram(with_page(bare)))
    adopted = midas("import", "--account", "meta-main", "--campaign", GRAM_BY_HAND, "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    text = (bare / "specs" / "imported" / "seen-on-instagram.yaml").read_text(encoding="utf-8")
    creatives = {c["name"]: c for c in yaml.safe_load(text)["spec"]["creatives"]}
    assert creatives["Gram ad"]["meta"] == {"instagram_identity": True}, text
    assert "instagram_identity" not in str(creatives["Page ad"]), text


def test_an_ad_run_as_the_instagram_account_by_the_older_key_imports_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    """``instagram_actor_id`` (deprecated by Meta in v22.0) reads as the Instagram account on any ad."""
    gram_by_hand(with_instagram(with_page(bare)))
    edited = midas(
        "sandbox",
        "set",
        f"adcreative/{GRAM_BY_HAND}/Feed/Gram ad@meta",
        "object_story_spec.instagram_user_id=null",
        f'object_story_spec.instagram_actor_id="{INSTAGRAM_USER_ID}"',
    )
    assert edited.code == 0, edited.output
    adopted = midas("import", "--account", "meta-main", "--campaign", GRAM_BY_HAND, "--adopt")
    assert adopted.code == 0, adopted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize(
    ("instagram", "account", "refusal"),
    [
        ("999", INSTAGRAM_USER_ID, "runs as Instagram account 999, not the one MIDAS runs"),
        (INSTAGRAM_USER_ID, None, f'set its instagram_user_id: "{INSTAGRAM_USER_ID}" there'),
    ],
    ids=["another-instagram-account", "none-in-midas-yaml"],
)
def test_import_refuses_an_ad_run_as_an_instagram_account_the_spec_cannot_say(
    midas: Midas, bare: Path, instagram: str, account: str | None, refusal: str
) -> None:
    with_page(bare)
    if account is not None:
        with_instagram(bare, account)
    gram_by_hand(bare, instagram_user_id=instagram)
    result = midas("import", "--account", "meta-main", "--campaign", GRAM_BY_HAND)
    assert result.code == 1 and refusal in result.output, result.output


def test_an_ad_run_as_the_instagram_account_converges_and_imports_through_the_sdk(
    midas: Midas, meta_workspace: Path, meta_fake: MetaGraphFake
) -> None:
    with_a_gram_campaign(with_instagram(meta_workspace))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    stories = {c["name"]: c["object_story_spec"] for c in meta_fake.sim.peek(META_ACT, "adcreative")}
    assert stories["gram/feed/as-instagram"]["instagram_user_id"] == INSTAGRAM_USER_ID
    assert "instagram_user_id" not in stories["gram/feed/as-page"]
    for file in [*(meta_workspace / "specs").glob("*.yaml"), *(meta_workspace / "policies").glob("*.yaml")]:
        file.unlink()
    gram_by_hand(meta_workspace)
    adopted = midas("import", "--account", "meta-main", "--campaign", GRAM_BY_HAND, "--adopt")
    assert adopted.code == 0, adopted.output
    text = (meta_workspace / "specs" / "imported" / "seen-on-instagram.yaml").read_text(encoding="utf-8")
    assert "instagram_identity: true" in text, text


def test_a_dynamic_creative_run_as_the_instagram_account_applies_with_it_and_converges(
    midas: Midas, bare: Path
) -> None:
    """A Dynamic Creative ad set's story is the Page and the Instagram account alone
    (``spec._meta_dynamic_creative.dynamic_wire``)."""
    one_ad = GRAM[: GRAM.index("    - name: as-page\n")]
    dynamic = one_ad.replace("    - name: feed\n", "    - name: feed\n      meta: {dynamic_creative: true}\n")
    with_a_gram_campaign(with_instagram(with_page(bare)), dynamic)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _stories(bare)["gram/feed/as-instagram"] == {
        "page_id": PAGE_ID,
        "instagram_user_id": INSTAGRAM_USER_ID,
    }


def test_a_hand_built_dynamic_creative_run_as_the_instagram_account_imports_and_adopts_exactly(
    midas: Midas, bare: Path
) -> None:
    website_ad_by_hand(
        with_instagram(with_page(bare)),
        {
            "name": "C",
            "page_id": PAGE_ID,
            "instagram_user_id": INSTAGRAM_USER_ID,
            "dynamic_creative": True,
            "image_url": "https://cdn.example.com/a.png",
            "text_options": {"bodies": ["Our shoes"], "titles": ["Shop now"]},
            "link_url": "https://shop.example.com/",
            "call_to_action_type": "SHOP_NOW",
        },
        is_dynamic_creative=True,
    )
    imported = midas("import", "--account", "meta-main", "--campaign", "Web", "--adopt")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((bare / "specs" / "imported" / "web.yaml").read_text(encoding="utf-8"))
    assert written["spec"]["creatives"][0]["meta"]["instagram_identity"] is True, written
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_instagram_identity_on_a_page_post_creative_is_refused_at_its_line(
    midas: Midas, bare: Path
) -> None:
    post = (
        f"    - {{name: boost, type: post, post_id: '{PAGE_ID}_555', meta: {{instagram_identity: true}}}}\n"
    )
    with_a_gram_campaign(with_instagram(with_page(bare)), GRAM + post)
    result = midas("validate")
    assert result.code == 1, result.output
    assert "specs/gram.yaml:31:87" in result.output, result.output
    assert "found an Instagram identity on a Page post creative (type: post)" in result.output, result.output


def test_mirror_to_google_keeps_the_instagram_identity_as_meta_s_alone_and_compare_shows_it(
    midas: Midas, bare: Path
) -> None:
    texts = GRAM.replace(
        "headlines: [Seen on Instagram]\n      descriptions: []",
        "headlines: [Seen on Instagram, New arrivals, Shop the feed]\n"
        "      descriptions: [Fresh styles weekly., Free returns.]",
    )
    with_a_gram_campaign(with_instagram(with_page(bare)), texts)
    mirrored = midas("mirror", "campaign/gram", "--to", "google", "--split", "0.25")
    assert mirrored.code == 0, mirrored.output
    assert "'as-instagram' run as the account's Instagram account on Meta" in mirrored.output, mirrored.output
    spec = yaml.safe_load((bare / "specs" / "gram.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["creatives"][0]["meta"] == {"instagram_identity": True}
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    compared = json.loads(midas("compare", "campaign/gram", "--format", "json").output)
    [row] = [f for f in compared["fields"] if f["field"] == "creative 'as-instagram' meta.instagram_identity"]
    assert (row["google"], row["meta"], row["same"]) == (None, True, False)
