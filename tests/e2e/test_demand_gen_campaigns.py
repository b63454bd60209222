"""Demand Gen campaigns on Google through the sandbox connector: compile, apply, plan, drift."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import (
    DEMAND_GEN_CAROUSEL_SPEC,
    DEMAND_GEN_PRODUCT_SPEC,
    DEMAND_GEN_SPEC,
    DEMAND_GEN_VIDEO_SPEC,
)
from fakes.hand_built import (
    DEMAND_GEN_AD,
    DEMAND_GEN_NAME,
    trail_stories,
    video_ids_validated_then_applied,
    write_all,
)

from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.resources import Address
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
AD = "ad_group_ad/trail-demand/home/story@google"


def test_a_demand_gen_campaign_converges_and_a_console_edit_of_its_ad_is_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "DEMAND_GEN_MULTI_ASSET_AD" in plan.output and "DEMAND_GEN" in plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    edited = 'ad.demand_gen_multi_asset_ad.business_name="Edited Co"'
    assert midas("sandbox", "set", AD, edited).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "business_name" in drift.output and "Edited Co" in drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_demand_gen_ad_group_targets_its_own_places_and_a_console_call_to_action_is_drift(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    plan = midas("plan")
    for criterion in ("home/location:2840", "canada/location:2124", "canada/language:1002"):
        assert f"ad_group_criterion/trail-demand/{criterion}" in plan.output, plan.output
    assert "campaign_criterion/trail-demand/" not in plan.output
    assert midas("apply", "--auto-approve").code == 0
    cta = 'ad.demand_gen_multi_asset_ad.call_to_action_text="Shop now"'
    assert midas("sandbox", "set", AD, cta).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "call_to_action_text" in drift.output and "Shop now" in drift.output


def test_a_demand_gen_ad_groups_old_place_is_removed_in_a_batch_after_its_new_one_is_made(
    midas: Midas, workspace: Path
) -> None:
    """Should Google refuse the new place, the ad group keeps its old one rather than target none."""
    spec = workspace / "specs" / "demand.yaml"
    spec.write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(DEMAND_GEN_SPEC.replace("locations: [CA]", "locations: [US]"), encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "google-main: batch 2:" in applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    connector = ConnectorFactory(load_settings(workspace)).create("google-main")
    places = {
        r.address.path
        for r in connector.read()
        if r.address.kind == "ad_group_criterion" and "/location:" in r.address.path
    }
    assert places == {"trail-demand/home/location:2840", "trail-demand/canada/location:2840"}


def test_channel_controls_picked_in_the_console_are_drift_and_restored_to_all_channels(
    midas: Midas, workspace: Path
) -> None:
    """v26 AdGroup.demand_gen_ad_group_settings.channel_controls: the advertiser picks a Demand Gen ad
    group's channels. MIDAS runs its ad groups on all of them (Google's default): a pick is drift, and the
    apply puts back the default."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    controls = "demand_gen_ad_group_settings.channel_controls"
    for setting in (
        f"{controls}.selected_channels.youtube_shorts=true",
        f"{controls}.channel_strategy=ALL_OWNED_AND_OPERATED_CHANNELS",
    ):
        assert midas("sandbox", "set", "ad_group/trail-demand/home@google", setting).code == 0
        drift = midas("drift")
        assert drift.code == 2 and "channel_controls" in drift.output, drift.output
        assert midas("apply", "--auto-approve").code == 0
        assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    # Picked channels need one on (v26 DemandGenSelectedChannels): the UI saves no pick of none.
    none = midas(
        "sandbox", "set", "ad_group/trail-demand/home@google", f"{controls}.selected_channels.gmail=false"
    )
    assert none.code == 1 and "at least one channel on" in none.output


def test_an_ad_group_s_channels_are_sent_changed_in_place_and_a_console_edit_of_them_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """``google.channels`` of a Demand Gen ad group (v26 DemandGenChannelControls): picked channels are
    created as ``selected_channels``, ``google_owned`` is the ALL_OWNED_AND_OPERATED_CHANNELS strategy, and
    ``all`` puts back Google's default; each change is an update of the ad group, and the plan converges."""
    spec = workspace / "specs" / "demand.yaml"
    picked = "{name: home, creatives: [story], google: {channels: [youtube_shorts, discover]}}"
    spec.write_text(DEMAND_GEN_SPEC.replace("{name: home, creatives: [story]}", picked), encoding="utf-8")
    plan = midas("plan")
    assert 'channel_controls: {"selected_channels": ["discover", "youtube_shorts"]}' in plan.output, (
        plan.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    gmail = "demand_gen_ad_group_settings.channel_controls.selected_channels.gmail=true"
    assert midas("sandbox", "set", "ad_group/trail-demand/home@google", gmail).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "gmail" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    for channels in ("google_owned", "all", "[maps]"):
        group = picked.replace("[youtube_shorts, discover]", channels)
        spec.write_text(DEMAND_GEN_SPEC.replace("{name: home, creatives: [story]}", group), encoding="utf-8")
        plan = midas("plan", "--detailed-exitcode")
        assert plan.code == 2 and "~ ad_group/trail-demand/home" in plan.output, plan.output
        assert midas("apply", "--auto-approve").code == 0
        assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_demand_gen_campaign_turned_into_a_display_one_is_a_plan_violation(
    midas: Midas, workspace: Path
) -> None:
    """Google cannot change a campaign's channel (v26 Campaign.advertising_channel_type is immutable)."""
    spec = workspace / "specs" / "demand.yaml"
    spec.write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    display = DEMAND_GEN_SPEC.replace("channel: demand_gen", "channel: display").replace(
        "portrait_marketing_images", "square_marketing_images"
    )
    spec.write_text(display, encoding="utf-8")
    plan = midas("plan")
    assert "Violations (apply is blocked)" in plan.output
    assert "would be replaced (advertising_channel_type cannot change in place)" in plan.output
    assert midas("apply", "--auto-approve").code == 1


def test_a_demand_gen_ad_is_created_with_its_creative_name_which_a_rename_leaves_as_it_was(
    midas: Midas, workspace: Path
) -> None:
    """Google's own example names its Demand Gen ad (v26 ``Ad.name``, immutable): MIDAS sends the creative's
    name on create; renaming the creative moves MIDAS's records and sends nothing, and the plan converges."""
    spec = workspace / "specs" / "demand.yaml"
    spec.write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    named = [o["name"] for o in objects if o["kind"] == "ad_group_ad" and not o["name"].isdigit()]
    assert named == ["story", "story"]  # the Search ads of the example's other campaigns keep none
    spec.write_text(DEMAND_GEN_SPEC.replace("story", "tale"), encoding="utf-8")
    google = ("--account", "google-main")  # Meta renames its ads in place
    applied = midas("apply", "--auto-approve", *google)
    assert applied.code == 0 and "2 records to move" in applied.output, applied.output
    assert "(0 write calls)" in applied.output
    assert midas("plan", "--detailed-exitcode", *google).code == 0, midas("plan", *google).output
    assert midas("drift", *google).code == 0
    assert midas("sandbox", "set", "ad_group_ad/trail-demand/home/tale@google", "status=paused").code == 0
    assert "ad_group_ad/trail-demand/home/tale" in midas("drift").output


VIDEO_AD = "ad_group_ad/trail-demand/home/clip@google"


def test_a_demand_gen_video_ad_beside_a_multi_asset_ad_converges_and_a_console_edit_of_it_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """A creative with ``google.youtube_videos`` in a Demand Gen campaign is a video responsive ad (v26
    DemandGenVideoResponsiveAdInfo), in the same ad group as a multi-asset ad: its YouTube video assets are
    made first (a validation makes none), it reads back to no changes, and a console edit of one of its
    assets is drift that the apply puts back."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_VIDEO_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "DEMAND_GEN_VIDEO_RESPONSIVE_AD" in plan.output, plan.output
    assert "DEMAND_GEN_MULTI_ASSET_AD" in plan.output
    assert video_ids_validated_then_applied(midas, workspace) == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]

    for edit, shown in (
        ('ad.demand_gen_video_responsive_ad.breadcrumb1="boots"', "boots"),
        ('ad.demand_gen_video_responsive_ad.long_headlines=[{"text": "Edited"}]', "Edited"),
        (
            'ad.demand_gen_video_responsive_ad.logo_images=[{"asset": "customers/1234567890/assets/1009"}]',
            "1009",
        ),
    ):
        assert midas("sandbox", "set", VIDEO_AD, edit).code == 0
        drift = midas("drift")
        assert drift.code == 2 and shown in drift.output, drift.output
        assert midas("apply", "--auto-approve").code == 0
        assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _hikers_stories(midas: Midas) -> list[dict[str, Any]]:
    """The Demand Gen ads named "Story" in the "Hikers" ad group, oldest first."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    group_id = next(o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "Hikers")
    ads = [o for o in objects if o["kind"] == "ad_group_ad" and o["id"].startswith(f"{group_id}~")]
    return sorted((o for o in ads if o["name"] == "Story"), key=lambda o: (len(o["id"]), o["id"]))


def _another_story(bare: Path, midas: Midas) -> None:
    """One more live Demand Gen ad named "Story" in the "Hikers" ad group, as a console lets a person add."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    group_id = next(o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "Hikers")
    at = Address("google", "google-main", "ad_group_ad", f"{DEMAND_GEN_NAME}/Hikers/Story again")
    op = WriteOp("create", at, {"name": "Story", **DEMAND_GEN_AD}, refs={"ad_group": group_id})
    write_all(ConnectorFactory(load_settings(bare)).create("google-main"), [op])


def test_the_console_finds_the_live_demand_gen_ad_of_a_name_a_removed_one_had_too(
    midas: Midas, bare: Path
) -> None:
    """Without MIDAS's records a Demand Gen ad is found at its (immutable) name: a removed namesake is not
    the one a console edits; two live namesakes are an error naming their ids, by which either is found."""
    trail_stories(bare)
    story = f"ad_group_ad/{DEMAND_GEN_NAME}/Hikers/Story@google"
    assert midas("sandbox", "set", story, "status=removed").code == 0
    _another_story(bare, midas)
    assert midas("sandbox", "set", story, "status=paused").code == 0
    assert [o["status"] for o in _hikers_stories(midas)] == ["REMOVED", "PAUSED"]

    _another_story(bare, midas)
    ambiguous = midas("sandbox", "set", story, "status=enabled")
    added = _hikers_stories(midas)[-1]["id"]
    first, second = (
        f"ad_group_ad/{DEMAND_GEN_NAME}/Hikers/{s}@google:google-main" for s in ("Story", f"Story~{added}")
    )
    assert ambiguous.code == 1
    assert (
        f"2 live ads are named 'Story' in ad group {DEMAND_GEN_NAME}/Hikers and MIDAS records none of them; "
        f"name one: {first}, {second}"
    ) in ambiguous.output, ambiguous.output
    assert midas("sandbox", "set", second, "status=paused").code == 0
    assert [o["status"] for o in _hikers_stories(midas)] == ["REMOVED", "PAUSED", "PAUSED"]


def test_demand_gen_ads_calls_to_action_are_sent_read_back_and_a_console_edit_of_them_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """A multi-asset ad's ``google.call_to_action_text`` (v26 ``call_to_action_text``) and a video ad's
    ``google.call_to_action`` (a call to action asset the connector makes, v26 ``call_to_actions``) are sent
    on create and read back to no changes; a console edit of either is drift that the apply puts back."""
    spec = DEMAND_GEN_VIDEO_SPEC.replace(
        '        portrait_marketing_images: ["1005"]\n',
        '        portrait_marketing_images: ["1005"]\n        call_to_action_text: Shop now\n',
    ).replace(
        "        breadcrumb1: trail\n", "        breadcrumb1: trail\n        call_to_action: shop_now\n"
    )
    assert "Shop now" in spec and "shop_now" in spec
    (workspace / "specs" / "demand.yaml").write_text(spec, encoding="utf-8")
    plan = midas("plan", "--validate-remote")
    assert plan.code == 0 and '"SHOP_NOW"' in plan.output and "Shop now" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    assert midas("sandbox", "set", AD, 'ad.demand_gen_multi_asset_ad.call_to_action_text="Buy"').code == 0
    drift = midas("drift")
    assert drift.code == 2 and '"Shop now" → "Buy"' in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    removed = "ad.demand_gen_video_responsive_ad.call_to_actions=[]"
    assert midas("sandbox", "set", VIDEO_AD, removed).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "call_to_actions" in drift.output and "SHOP_NOW" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


CAROUSEL_AD = "ad_group_ad/trail-demand/home/deck@google"


def test_a_carousel_is_a_demand_gen_carousel_ad_on_google_and_a_meta_carousel_and_converges(
    midas: Midas, workspace: Path
) -> None:
    """A ``type: carousel`` creative in a Demand Gen campaign is a Demand Gen carousel ad on Google (v26
    DemandGenCarouselAdInfo: its cards carousel card assets made in the ad's request) beside its Meta
    carousel: it reads back to no changes, and a console edit of it is drift that the apply puts back."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_CAROUSEL_SPEC, encoding="utf-8")
    plan = midas("plan", "--validate-remote")
    assert plan.code == 0 and "DEMAND_GEN_CAROUSEL_AD" in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert {o["kind"] for o in objects if o["name"] == "deck"} == {"ad_group_ad", "ad"}

    headline = 'ad.demand_gen_carousel_ad.headline={"text": "Edited"}'
    assert midas("sandbox", "set", CAROUSEL_AD, headline).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "Edited" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_carousels_url_tracking_is_sent_with_its_ad_and_converges(midas: Midas, workspace: Path) -> None:
    """A carousel's own ``url_parameters`` (its ad's final URL suffix) and Google URL options are its Demand
    Gen carousel ad's: sent with it (they were left out of the carousel ad, which then read back without them
    and was replaced on every apply) and read back to no changes."""
    # On Google alone: import reads the Google ad's, not the Meta carousel's tags.
    tracked = DEMAND_GEN_CAROUSEL_SPEC.replace(
        "      call_to_action: shop_now\n",
        "      platforms: [google]\n      call_to_action: shop_now\n      url_parameters: utm_content=deck\n",
    ).replace(
        "        call_to_action_text: Shop the range\n",
        "        call_to_action_text: Shop the range\n        tracking_url_template: '{lpurl}?deck={_deck}'\n"
        "        url_custom_parameters: {deck: two}\n",
    )
    (workspace / "specs" / "demand.yaml").write_text(tracked, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [ad] = [
        r
        for r in ConnectorFactory(load_settings(workspace)).create("google-main").read("google-main")
        if r.address == Address.parse(f"{CAROUSEL_AD}:google-main")
    ]
    assert ad.fields["final_url_suffix"] == "utm_content=deck"
    assert ad.fields["tracking_url_template"] == "{lpurl}?deck={_deck}"
    assert ad.fields["url_custom_parameters"] == {"deck": "two"}

    # Imported back, the carousel says them as it was written (its suffix was dropped).
    (workspace / "specs" / "demand.yaml").unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "trail-demand")
    assert imported.code == 0, imported.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "trail-demand.yaml").read_text())["spec"]
    [deck] = [c for c in written["creatives"] if c["name"] == "deck"]
    assert deck["url_parameters"] == "utm_content=deck"
    assert deck["google"]["tracking_url_template"] == "{lpurl}?deck={_deck}"
    assert deck["google"]["url_custom_parameters"] == {"deck": "two"}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_carousel_ad_google_refuses_leaves_none_of_its_card_assets_behind(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A carousel ad's card assets are made in its own request without partial failure: an ad Google
    refuses takes them with it, rather than leave a new pair behind on every attempt."""
    from midas_reconcile.connectors.google_schema import OpError
    from midas_reconcile.connectors.sandbox import google_ad_rules

    def refused(ad: dict[str, Any]) -> None:
        raise OpError("ad_error.POLICY_VIOLATION", "refused for this test", "ad")

    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_CAROUSEL_SPEC, encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(google_ad_rules, "check_demand_gen_carousel_ad", refused)
        for _ in range(2):
            assert midas("apply", "--auto-approve").code == 1
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    assert not [o for o in objects if o["platform"] == "google" and o["kind"] == "asset"], objects
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_restore_re_creates_deleted_demand_gen_ads_with_their_creative_names(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot keeps no Demand Gen ad name (never compared), which Google needs on create: a restore
    sends the creative's name, as an apply does, so a deleted carousel and multi-asset ad come back."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_CAROUSEL_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    named = _named_google_ads(midas)
    for ad in (CAROUSEL_AD, AD):
        assert midas("sandbox", "delete", ad).code == 0
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "2 applied, 0 failed" in restored.output and "Restored." in restored.output
    assert _named_google_ads(midas) == named and "deck" in named
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _named_google_ads(midas: Midas) -> list[str]:
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    ads = [o for o in objects if o["kind"] == "ad_group_ad" and o["status"] != "REMOVED"]
    return sorted(o["name"] for o in ads if not o["name"].isdigit())


def test_a_restore_that_fails_says_so_and_not_that_it_restored(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from midas_reconcile.connectors.google_schema import OpError
    from midas_reconcile.connectors.sandbox import google_ad_rules

    def refused(ad: dict[str, Any]) -> None:
        raise OpError("ad_error.POLICY_VIOLATION", "refused for this test", "ad")

    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_CAROUSEL_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    assert midas("sandbox", "delete", CAROUSEL_AD).code == 0
    monkeypatch.setattr(google_ad_rules, "check_demand_gen_carousel_ad", refused)
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 1, restored.output
    assert "refused for this test" in restored.output
    assert "Restored." not in restored.output


def test_a_console_change_of_a_carousel_s_cards_is_drift_per_card_field(
    midas: Midas, workspace: Path
) -> None:
    """Which card changed is what a reader looks for: a Google carousel ad's cards, reordered in a console,
    are told per card field (``cards.0.headline``) as a Meta carousel's are, not as two lists of JSON."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_CAROUSEL_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    assets = sorted(o["id"] for o in objects if o["platform"] == "google" and o["kind"] == "asset")
    swapped = [{"asset": f"customers/1234567890/assets/{asset}"} for asset in reversed(assets[-2:])]
    cards = f"ad.demand_gen_carousel_ad.carousel_cards={json.dumps(swapped)}"
    assert midas("sandbox", "set", CAROUSEL_AD, cards).code == 0
    drift = midas("drift")
    assert drift.code == 2, drift.output
    assert '~ cards.0.headline: "Ridge" → "Mesa"' in drift.output
    assert '~ cards.1.headline: "Mesa" → "Ridge"' in drift.output
    assert "~ cards: [" not in drift.output


PRODUCT_AD = "ad_group_ad/trail-demand/home/shelf@google"


def test_a_product_ad_shows_the_campaign_s_merchant_products_converges_and_a_console_edit_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """A ``type: product`` creative is a Demand Gen product ad (v26 DemandGenProductAdInfo) in a Demand Gen
    campaign linked to a Merchant Center account (``google.demand_gen``, the campaign's ShoppingSetting): both
    read back to no changes, and a console edit of the ad's headline is drift that the apply puts back."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_PRODUCT_SPEC, encoding="utf-8")
    plan = midas("plan", "--validate-remote")
    assert plan.code == 0 and "DEMAND_GEN_PRODUCT_AD" in plan.output and "987654321" in plan.output, (
        plan.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    headline = 'ad.demand_gen_product_ad.headline={"text": "Edited"}'
    assert midas("sandbox", "set", PRODUCT_AD, headline).code == 0
    drift = midas("drift")
    assert drift.code == 2 and "Edited" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_product_ad_in_a_campaign_without_a_merchant_is_refused_by_the_sandbox(
    midas: Midas, workspace: Path
) -> None:
    """The sandbox refuses a Demand Gen product ad whose campaign names no Merchant Center account (the spec
    checks say so first; here the campaign was made without one and the ad is sent alone)."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    group_id = next(o["id"] for o in objects if o["kind"] == "ad_group" and o["name"] == "home")
    fields = {
        "name": "shelf",
        "status": "ENABLED",
        "type": "DEMAND_GEN_PRODUCT_AD",
        "business_name": "Example Running",
        "logo_images": ["1003"],
        "headline": "Trail shoes in stock",
        "description": "Shoes for every trail.",
        "final_urls": ["https://shop.example.com/trail"],
    }
    at = Address("google", "google-main", "ad_group_ad", "trail-demand/home/shelf")
    results = (
        ConnectorFactory(load_settings(workspace))
        .create("google-main")
        .write([WriteOp("create", at, fields, refs={"ad_group": group_id})])
    )
    assert [r.ok for r in results] == [False], results
    assert "MISSING_SHOPPING_SETTING" in str(results[0]), results


def test_a_product_campaign_s_merchant_and_feed_label_change_in_place(midas: Midas, workspace: Path) -> None:
    """A Demand Gen campaign's Merchant Center account and feed label (``google.demand_gen``) are updates of
    the campaign in place, a live campaign taking one as Google's guide says ("apply them later to enable
    product ads on an existing Demand Gen campaign"), where a Shopping campaign's account is immutable."""
    file = workspace / "specs" / "demand.yaml"
    file.write_text(DEMAND_GEN_PRODUCT_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    file.write_text(DEMAND_GEN_PRODUCT_SPEC.replace("feed_label: US", "feed_label: GB"), encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "shopping_setting.feed_label" in plan.output, plan.output
    assert "1 to update, 0 to replace" in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    file.write_text(
        DEMAND_GEN_PRODUCT_SPEC.replace("merchant_id: 987654321", "merchant_id: 123456789"), encoding="utf-8"
    )
    plan = midas("plan")
    assert plan.code == 0 and "merchant_id" in plan.output and "1 to update, 0 to replace" in plan.output, (
        plan.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output

    # A live Demand Gen campaign without an account takes one in place, its product ad then made.
    file.write_text(DEMAND_GEN_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve", "--allow-destroy").code == 0
    file.write_text(DEMAND_GEN_PRODUCT_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert "0 to replace" in plan.output and "demand_gen_shopping_setting" in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_restore_re_creates_a_deleted_product_ad_with_its_name_and_call_to_action(
    midas: Midas, workspace: Path
) -> None:
    """A deleted Demand Gen product ad comes back from a snapshot with its creative's name and a call to
    action asset made anew, and the campaign converges."""
    (workspace / "specs" / "demand.yaml").write_text(DEMAND_GEN_PRODUCT_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "s").code == 0
    named = _named_google_ads(midas)
    assert midas("sandbox", "delete", PRODUCT_AD).code == 0
    restored = midas("restore", "s", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "1 applied, 0 failed" in restored.output and "Restored." in restored.output
    assert _named_google_ads(midas) == named and "shelf" in named
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
