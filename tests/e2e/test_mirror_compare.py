"""`midas mirror` (the spec edited to run on the other platform) and `midas compare` (live side by side)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import (
    ADDRESS_RADIUS,
    ADDRESS_SPEC,
    DEMAND_GEN_CAROUSEL_SPEC,
    DEMAND_GEN_PRODUCT_SPEC,
    DEMAND_GEN_SPEC,
    DISPLAY_SPEC,
    DSA_EXCLUSIONS_SPEC,
    DSA_FEED_BOOTS,
    DSA_FEED_SPEC,
    DSA_FEED_TRAIL,
    DSA_SPEC,
    ENGAGEMENT_SPEC,
    EXCLUDED_CITY_RADIUS_SPEC,
    HOTEL_SPEC,
    PMAX_SPEC,
    PRE_REGISTRATION_SPEC,
    SHOPPING_SPEC,
    SHOPPING_TREE_SPEC,
    per_ad_set,
    with_positions,
)

from midas_reconcile.connectors.factory import ConnectorFactory
from midas_reconcile.connectors.sandbox.place_catalog import find_place
from midas_reconcile.settings import load_settings

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]

META_ONLY = """\
# Meta-only launch ad: one headline, so Google's responsive search ad cannot hold it.
apiVersion: midas/v1
kind: Campaign
metadata: {name: launch}
spec:
  platforms:
    meta: {account: meta-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting:
    ages: {min: 21, max: 40}     # 21 is not a Google age bucket boundary
    locations: [US]
  ad_groups:
    - name: main
  creatives:
    - name: teaser
      headlines: [Something big is coming]
      descriptions: [Be the first to know.]
      primary_text: Sign up for launch news.
      final_url: https://shop.example.com/launch
    - name: full
      headlines: [Launch Week, New Shoes Are Here, Shop the Launch]
      descriptions: [Fresh designs for every run., Free shipping this week only.]
      final_url: https://shop.example.com/launch
"""


def test_mirror_dry_run_prints_the_diff_and_writes_nothing(midas: Midas, workspace: Path) -> None:
    spec_file = workspace / "specs" / "brand-awareness.yaml"
    before = spec_file.read_text(encoding="utf-8")
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--split", "0.4", "--dry-run")
    assert result.code == 0, result.output
    assert "+    meta: {account: meta-main}" in result.output
    assert "+    split: {by: share, google: 0.6, meta: 0.4}" in result.output
    assert "Dry run: nothing written." in result.output
    assert spec_file.read_text(encoding="utf-8") == before


def test_mirror_to_meta_keeps_comments_and_the_campaign_then_converges(midas: Midas, workspace: Path) -> None:
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta")
    assert result.code == 0, result.output
    text = (workspace / "specs" / "brand-awareness.yaml").read_text(encoding="utf-8")
    assert "# no max: 18 and over, including 65+" in text  # comments survive the edit
    spec = yaml.safe_load(text)["spec"]
    assert spec["platforms"]["meta"] == {"account": "meta-main"}
    assert spec["budget"]["policy"] == "brand-pool"
    assert midas("validate").code == 0
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "+ campaign/brand-awareness@meta:meta-main" in applied.output
    assert midas("plan", "--detailed-exitcode").code == 0


def test_mirror_to_meta_names_the_ages_genders_and_interests_google_alone_targets_or_excludes(
    midas: Midas, workspace: Path
) -> None:
    """``google.campaign_*`` and ``google.negative_*`` (the campaign's and an ad group's) do not reach Meta's
    ad sets: the mirror says so, option by option, rather than let Meta reach other people unseen."""
    file = workspace / "specs" / "brand-awareness.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    document["spec"]["google"].update(campaign_genders=["female"], negative_interests=["Travel"])
    document["spec"]["ad_groups"] = [{"name": "all", "google": {"negative_ages": ["undetermined"]}}]
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--dry-run")
    assert result.code == 0, result.output
    campaign = "the campaign's google.campaign_genders, google.negative_interests apply on Google only"
    assert f"needs attention: {campaign}" in result.output
    assert "needs attention: ad group 'all''s google.negative_ages apply on Google only" in result.output


def test_mirror_to_google_of_a_campaign_on_ad_set_budgets_adds_googles_share_beside_them(
    midas: Midas, workspace: Path
) -> None:
    """The ad set budgets stay Meta's share (15 + 5 of the daily 20); Google's 0.25 of the new total is
    added beside them, split by amount: the edited spec validates, plans and converges."""
    on_ad_sets = META_ONLY.replace(
        "  ad_groups:\n    - name: main\n",
        "  ad_groups:\n    - {name: main, meta: {budget: {daily: 15.00}}}\n"
        "    - {name: more, meta: {budget: {daily: 5.00}, schedule: {start: 2030-01-01}}}\n",
    )
    (workspace / "specs" / "launch.yaml").write_text(on_ad_sets, encoding="utf-8")
    assert midas("validate").code == 0
    refused = midas("mirror", "campaign/launch", "--to", "google", "--policy", "brand-pool")
    assert refused.code == 1 and "a budget policy cannot split" in refused.output, refused.output
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    text = (workspace / "specs" / "launch.yaml").read_text(encoding="utf-8")
    assert "needs attention: ad group 'more' has dates of its own on Meta" in result.output
    assert "daily: 26.67" in text and "split: {by: amount, meta: 20.00, google: 6.67}" in text, text
    assert midas("validate").code == 0
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_mirror_to_google_names_the_meta_positions_and_devices_that_stay_meta_s(
    midas: Midas, workspace: Path
) -> None:
    """Positions (``meta.placements`` by position) and ``meta.devices`` are Meta's alone: the mirrored spec
    keeps them for Meta, and each one the campaign or an ad group names needs attention; platforms alone
    (``[instagram]``) do not."""
    document = yaml.safe_load(META_ONLY)
    positions = {"facebook": ["feed"], "instagram": ["stream"]}
    document["spec"]["meta"] = {"placements": positions, "devices": ["mobile"]}
    document["spec"]["ad_groups"].append(
        {"name": "more", "meta": {"placements": ["instagram"], "devices": []}}
    )
    (workspace / "specs" / "launch.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    attention = [
        line.removeprefix("needs attention: ")
        for line in midas(
            "mirror", "campaign/launch", "--to", "google", "--split", "0.25"
        ).output.splitlines()
        if "Meta ads" in line
    ]
    assert attention == [
        f"the campaign places its Meta ads by position (meta.placements: {positions}), which Meta alone has: "
        "Google shows them in every position its channel has",
        "the campaign runs its Meta ads on some devices (meta.devices: ['mobile']), which stays Meta's: "
        "Google shows them on every device (MIDAS sets no device bid adjustments)",
    ], attention
    mirrored = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    assert mirrored["meta"] == {"placements": positions, "devices": ["mobile"]}
    assert midas("validate").code == 0


def test_mirror_to_google_keeps_what_google_cannot_hold_on_meta_and_says_so(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "launch.yaml").write_text(META_ONLY, encoding="utf-8")
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "needs attention: creative 'teaser' stays on meta only: 1 headlines (Google needs 3 to 15)"
        in result.output
    )
    assert "needs attention: ad group 'main' has no keywords" in result.output
    assert (
        "fidelity:" in result.output and "21" in result.output
    )  # the age range is widened to Google's buckets
    spec = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    teaser, full = spec["creatives"]
    assert teaser["platforms"] == ["meta"] and "platforms" not in full
    assert spec["budget"]["split"] == {"by": "share", "meta": 0.75, "google": 0.25}
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    created = {c["address"] for c in json.loads(plan.output)["changes"] if c["action"] == "create"}
    assert "ad_group_ad/launch/main/full@google:google-main" in created
    assert "ad_group_ad/launch/main/teaser@google:google-main" not in created


#: A Meta video creative of META_ONLY's launch, to which a test adds its link (or none).
CLIP = """\
    - name: clip
      type: video
      video_id: "987654321"
      headlines: [Watch the Launch, New Shoes Are Here, Shop the Launch]
      descriptions: [Fresh designs for every run., Free shipping this week only.]
"""


def test_mirror_to_google_names_the_images_and_videos_its_ads_leave_behind(
    midas: Midas, workspace: Path
) -> None:
    """A Meta image or video ad becomes a Google responsive search ad, which shows text alone."""
    spec = META_ONLY.replace(
        "      final_url: https://shop.example.com/launch\n",
        "      final_url: https://shop.example.com/launch\n"
        "      type: image\n      image_url: https://cdn.example.com/launch.jpg\n",
    )
    spec += CLIP + "      final_url: https://shop.example.com/launch\n"
    (workspace / "specs" / "launch.yaml").write_text(spec, encoding="utf-8")
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "needs attention: creative 'full' shows an image on Meta (image_url), which its Google responsive "
        "search ad cannot: on Google it is text alone" in result.output
    )
    assert "needs attention: creative 'clip' shows a video on Meta (video_id)" in result.output
    assert "creative 'teaser' shows" not in result.output  # it stays on Meta


#: A Meta image creative of META_ONLY's launch sending people nowhere (a photo post: its caption alone).
STILL = """\
    - name: still
      type: image
      image_url: https://cdn.example.com/still.jpg
      headlines: []
      descriptions: []
      primary_text: The launch, in one picture.
"""


@pytest.mark.parametrize(
    ("creative", "kind"), [(CLIP, "a video ad"), (STILL, "an image ad")], ids=["video", "image"]
)
def test_mirror_to_google_keeps_an_ad_sending_people_nowhere_on_meta(
    midas: Midas, workspace: Path, creative: str, kind: str
) -> None:
    """A Meta video or image ad of an engagement campaign without final_url (watched or seen, not clicked) has
    no Google ad: every Google ad has a final URL."""
    spec = META_ONLY.replace("objective: traffic", "objective: engagement")
    spec += creative + "      call_to_action: none\n"
    (workspace / "specs" / "launch.yaml").write_text(spec, encoding="utf-8")
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    name = creative.split("name: ", 1)[1].split("\n", 1)[0]
    assert (
        f"needs attention: creative {name!r} stays on meta only: it is {kind} sending people nowhere (no "
        "final_url), while every Google ad has one" in result.output
    ), result.output
    written = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    assert written["creatives"][2]["platforms"] == ["meta"]


def test_mirror_to_google_names_an_image_of_the_meta_library_its_ad_leaves_behind(
    midas: Midas, workspace: Path
) -> None:
    """An image ad of an image of the Meta ad account's library (``meta.image_hash``) shows it on Meta alone:
    Google's ads name images by asset ids of the Google Ads account."""
    spec = META_ONLY.replace(
        "      final_url: https://shop.example.com/launch\n",
        "      final_url: https://shop.example.com/launch\n"
        "      type: image\n      meta: {image_hash: 0123456789abcdef0123456789abcdef}\n",
    )
    (workspace / "specs" / "launch.yaml").write_text(spec, encoding="utf-8")
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "needs attention: creative 'full' shows an image of the Meta ad account's library (meta.image_hash), "
        "which its Google responsive search ad cannot: on Google it is text alone" in result.output
    )


GOOGLE_APP = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: game}
spec:
  platforms:
    google: {account: google-main}
  objective: app_promotion
  app:
    store: google_play
    id: com.example.game   # the Play package
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - name: install
      headlines: [Play the game, Free to play, A puzzle a day]
      descriptions: [Hard to put down., Download it today.]
"""


def test_mirror_of_an_app_campaign_to_meta_asks_for_its_meta_app_id_first(
    midas: Midas, workspace: Path
) -> None:
    spec_file = workspace / "specs" / "game.yaml"
    spec_file.write_text(GOOGLE_APP, encoding="utf-8")
    refused = midas("mirror", "campaign/game", "--to", "meta")
    assert refused.code == 1
    assert (
        "campaign 'game' promotes app com.example.game (google_play), and Meta promotes an app by the id it "
        "has in Meta's developer tools" in refused.output
    )
    assert "add it as `meta_app_id` under `app:` in specs/game.yaml" in refused.output
    assert spec_file.read_text(encoding="utf-8") == GOOGLE_APP

    spec_file.write_text(
        GOOGLE_APP.replace(
            "    id: com.example.game", '    id: com.example.game\n    meta_app_id: "9876543210"'
        ),
        encoding="utf-8",
    )
    result = midas("mirror", "campaign/game", "--to", "meta")
    assert result.code == 0, result.output
    text = spec_file.read_text(encoding="utf-8")
    assert "# the Play package" in text and yaml.safe_load(text)["spec"]["platforms"]["meta"]
    assert midas("validate").code == 0


def test_mirror_to_meta_of_an_app_campaign_bidding_for_in_app_conversions_says_meta_optimises_for_installs(
    midas: Midas, workspace: Path
) -> None:
    spec_file = workspace / "specs" / "game.yaml"
    in_app = (
        "  google:\n    bidding:\n      app_goal: optimize_in_app_conversions_without_target_cpa\n"
        "      conversion_actions: [7001]\n"
    )
    spec_file.write_text(
        GOOGLE_APP.replace(
            "    id: com.example.game", '    id: com.example.game\n    meta_app_id: "9876543210"'
        )
        + in_app,
        encoding="utf-8",
    )
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/game", "--to", "meta", "--dry-run")
    assert result.code == 0, result.output
    assert "google.bidding.app_goal and conversion_actions apply on Google only" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["campaign/nope", "--to", "meta"], "no campaign named 'nope'"),
        (
            ["campaign/spring-sale", "--to", "meta"],
            "already runs on meta (specs/spring-sale.yaml:12: spec.platforms.meta)",
        ),
        (["campaign/brand-awareness", "--to", "meta", "--split", "1.5"], "between 0 and 1 exclusive"),
        (["campaign/brand-awareness", "--to", "meta", "--policy", "nope"], "no such BudgetPolicy"),
        (["campaign/brand-awareness", "--to", "meta", "--account", "google-main"], "expected a meta account"),
    ],
)
def test_mirror_bad_arguments_write_nothing(
    midas: Midas, workspace: Path, args: list[str], message: str
) -> None:
    files = {p: p.read_text(encoding="utf-8") for p in (workspace / "specs").glob("*.yaml")}
    result = midas("mirror", *args)
    assert result.code == 1 and message in result.output, result.output
    assert {p: p.read_text(encoding="utf-8") for p in (workspace / "specs").glob("*.yaml")} == files


def test_compare_shows_both_live_versions_and_what_differs(midas: Midas, workspace: Path) -> None:
    assert midas("apply", "--auto-approve").code == 0
    same = midas("compare", "campaign/spring-sale")
    assert same.code == 0, same.output
    assert "Targeting similarity: 1.00" in same.output
    assert "≠ budget" in same.output and "1 field differs." in same.output  # the 60/40 split
    assert (
        midas("sandbox", "set", "adset/spring-sale/runners@meta:meta-main", "targeting.age_min=30").code == 0
    )
    edited = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    differing = {f["field"] for f in edited["fields"] if not f["same"]}
    assert differing == {"budget", "ad group 'runners' targeting.ages"}  # runners' own, not the campaign's
    assert edited["targeting_similarity"]["total"] < 1 and edited["targeting_similarity"]["age"] < 1
    assert edited["ad_group_similarity"]["walkers"] == 1


def test_compare_shows_an_ad_group_s_own_targeting_and_the_texts_each_ad_shows(
    midas: Midas, workspace: Path
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    same = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in same["fields"]}
    walkers = rows["ad group 'walkers' targeting.ages"]  # its own, not the campaign's
    assert (walkers["google"], walkers["meta"], walkers["same"]) == ({"min": 35, "max": 64},) * 2 + (True,)
    headlines = rows["creative 'spring-shoes' headlines"]
    assert (
        headlines["meta"] == ["Spring Sale on Running Shoes"] and headlines["meta"][0] in headlines["google"]
    )
    assert len(headlines["google"]) == 3 and headlines["same"]  # Meta shows the first
    story = {
        "page_id": "1234567890",
        "link_data": {
            "link": "https://shop.example.com/spring/shoes",
            "name": "Other shoes",
            "message": "Spring into your best run with up to 40% off running shoes.",
            "description": "Lightweight trainers for every run. Shop the spring sale today.",
            "call_to_action": {"type": "SHOP_NOW"},
        },
    }
    for ad_set in ("runners", "walkers"):
        path = f"adcreative/spring-sale/{ad_set}/spring-shoes@meta:meta-main"
        assert midas("sandbox", "set", path, f"object_story_spec={json.dumps(story)}").code == 0
    assert (
        midas("sandbox", "set", "adset/spring-sale/walkers@meta:meta-main", "targeting.age_min=40").code == 0
    )
    edited = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    differing = {f["field"]: f for f in edited["fields"] if not f["same"]}
    assert differing["ad group 'walkers' targeting.ages"]["meta"] == {"min": 40, "max": 64}
    assert differing["creative 'spring-shoes' headlines"]["meta"] == ["Other shoes"]
    assert "targeting.ages" not in differing  # the campaign's (runners') are still the same
    text = midas("compare", "campaign/spring-sale").output
    assert "≠ ad group 'walkers' targeting.ages" in text


def test_compare_shows_the_url_tracking_each_platform_adds(midas: Midas, workspace: Path) -> None:
    """The campaign's ``url_parameters`` (Google's final URL suffix, the ``url_tags`` of every Meta creative
    without its own), what each creative's ads add, and Google's own tracking template are compared."""
    file = workspace / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    document["spec"]["url_parameters"] = "utm_source=ads&utm_campaign=spring"
    document["spec"]["creatives"][1]["url_parameters"] = "utm_source=ads&utm_content=apparel"
    document["spec"]["google"]["tracking_url_template"] = "{lpurl}?src=spring"
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    same = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in same["fields"]}
    campaign = rows["url_parameters"]
    assert (campaign["google"], campaign["meta"], campaign["same"]) == (
        "utm_source=ads&utm_campaign=spring",
        "utm_source=ads&utm_campaign=spring",
        True,
    )
    apparel = rows["creative 'spring-apparel' url_parameters"]
    assert apparel["google"] == apparel["meta"] == "utm_source=ads&utm_content=apparel" and apparel["same"]
    assert rows["creative 'spring-shoes' url_parameters"]["same"]
    assert rows["google.tracking_url_template"]["google"] == "{lpurl}?src=spring"

    # One ad set's ad tagged otherwise in a console: its creative's row shows both.
    shoes_in = "adcreative/spring-sale/{}/spring-shoes@meta:meta-main".format
    assert midas("sandbox", "set", shoes_in("runners"), "url_tags=utm_source=fb").code == 0
    edited = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    differing = {f["field"]: f for f in edited["fields"] if not f["same"]}
    shoes = differing["creative 'spring-shoes' url_parameters"]
    assert shoes["meta"] == ["utm_source=ads&utm_campaign=spring", "utm_source=fb"]
    assert "url_parameters" not in differing  # the campaign's: still what an ad without its own gets
    text = midas("compare", "campaign/spring-sale").output
    assert "≠ creative 'spring-shoes' url_parameters" in text and "utm_source=fb" in text

    assert midas("sandbox", "set", shoes_in("walkers"), "url_tags=utm_source=fb").code == 0
    edited = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    differing = {f["field"]: f for f in edited["fields"] if not f["same"]}
    shoes = differing["creative 'spring-shoes' url_parameters"]
    assert (shoes["google"], shoes["meta"]) == ("utm_source=ads&utm_campaign=spring", "utm_source=fb")
    assert differing["url_parameters"]["meta"] == ["utm_source=ads&utm_content=apparel", "utm_source=fb"]


def test_compare_shows_what_google_alone_targets_or_excludes(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    document["spec"]["google"].update(campaign_genders=["female"], negative_ages=["undetermined"])
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    # Neither is scored: Google knows nobody's age as "undetermined" in the unified sets, and how a
    # campaign's own genders combine with its ad groups' is undocumented.
    assert compared["targeting_similarity"]["total"] == 1
    rows = {f["field"]: f for f in compared["fields"]}
    assert (rows["google.campaign_genders"]["google"], rows["google.campaign_genders"]["meta"]) == (
        ["female"],
        None,
    )
    assert (
        rows["google.negative_ages"]["google"] == ["undetermined"]
        and not rows["google.negative_ages"]["same"]
    )


@pytest.mark.parametrize(
    ("campaign_wide", "field"),
    [(True, "meta.advantage_audience"), (False, "ad group 'runners' meta.advantage_audience")],
    ids=["the-campaign-s", "an-ad-group-s"],
)
def test_compare_shows_meta_advantage_audience_as_meta_s_alone(
    midas: Midas, workspace: Path, campaign_wide: bool, field: str
) -> None:
    """Advantage+ audience has no Google counterpart: a row of Meta's alone, a campaign's or ad group's."""
    spec = workspace / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    document["spec"]["targeting"]["ages"] = {"min": 25}
    if campaign_wide:
        document["spec"]["meta"]["advantage_audience"] = True
        document["spec"]["ad_groups"][1]["targeting"]["ages"] = {"min": 35}
    else:
        document["spec"]["ad_groups"][0]["meta"] = {"advantage_audience": True}
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in compared["fields"]}
    assert (rows[field]["google"], rows[field]["meta"], rows[field]["same"]) == (None, True, False)
    assert [f for f in rows if "advantage_audience" in f] == [field]


def test_compare_shows_meta_positions_and_devices_as_meta_s_alone(midas: Midas, workspace: Path) -> None:
    """Positions and device platforms have no Google counterpart: rows of Meta's alone, the campaign's and an
    ad group's own, an ad group's automatic placements or every device (``[]``) included."""
    with_positions(workspace)

    def meta_rows() -> dict[str, tuple[Any, Any, bool]]:
        compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
        return {
            f["field"]: (f["google"], f["meta"], f["same"])
            for f in compared["fields"]
            if "meta." in f["field"]
        }

    assert midas("apply", "--auto-approve").code == 0
    placed = {
        "meta.placements": (None, {"facebook": ["feed", "story"], "instagram": ["reels", "stream"]}, False),
        "meta.devices": (None, ["mobile"], False),
    }
    assert meta_rows() == {
        **placed,
        "ad group 'walkers' meta.placements": (None, {"instagram": ["explore"]}, False),
        "ad group 'walkers' meta.devices": (None, [], False),
    }
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(spec.read_text().replace("{placements: {instagram: [explore]}", "{placements: []"))
    assert midas("apply", "--auto-approve").code == 0
    assert meta_rows() == {
        **placed,
        "ad group 'walkers' meta.placements": (None, [], False),
        "ad group 'walkers' meta.devices": (None, [], False),
    }
    assert "ad group 'walkers' meta.placements" in midas("compare", "campaign/spring-sale").output


def test_compare_shows_the_meta_settings_of_an_ad_group_on_meta_alone(midas: Midas, workspace: Path) -> None:
    """An ad group running on Meta alone shows its Meta-only settings too, as one on both platforms does."""
    spec = workspace / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    document["spec"]["targeting"]["ages"] = {"min": 25}
    group = document["spec"]["ad_groups"][0]
    group["platforms"] = ["meta"]
    group["meta"] = {"advantage_audience": True}
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {
        f["field"]: (f["google"], f["meta"], f["same"]) for f in compared["fields"] if "meta." in f["field"]
    }
    assert rows == {f"ad group {group['name']!r} meta.advantage_audience": (None, True, False)}


def test_what_google_alone_excludes_lowers_the_targeting_similarity(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    document["spec"]["google"].update(negative_genders=["male"])
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    assert compared["targeting_similarity"]["gender"] < 1
    assert compared["targeting_similarity"]["total"] < 1
    assert all(score < 1 for score in compared["ad_group_similarity"].values())


def test_what_an_ad_group_excludes_on_google_alone_is_a_row_and_lowers_its_similarity(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    group = document["spec"]["ad_groups"][0]
    group["google"] = {**group.get("google", {}), "negative_genders": ["female"]}
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in compared["fields"]}
    name = group["name"]
    assert rows[f"ad group {name!r} google.negative_genders"]["google"] == ["female"]
    assert compared["ad_group_similarity"][name] < 1


def test_compare_shows_a_lifetime_ad_set_budget_beside_the_daily_ones_never_added(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "spring-sale.yaml"
    text = per_ad_set(spec.read_text(encoding="utf-8"))
    spec.write_text(
        text.replace("{daily: 12.00}", "{daily: 20.00}").replace("{daily: 8.00}", "{lifetime: 300.00}"),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    budget = next(f for f in compared["fields"] if f["field"] == "budget")
    assert budget["google"] == "daily 30.00 USD"
    assert budget["meta"] == "daily 20.00 USD + lifetime 300.00 USD (ad sets)"


APP_ON_BOTH = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: puzzle}
spec:
  platforms: {google: {account: google-main}, meta: {account: meta-main}}
  objective: app_promotion
  app: {store: google_play, id: com.example.puzzle, meta_app_id: "5550001"}
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  creatives:
    - name: install
      headlines: [Play the puzzle]
      descriptions: [A puzzle a day.]
      primary_text: Free to play.
"""


def test_compare_shows_the_app_each_platform_promotes(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "puzzle.yaml").write_text(APP_ON_BOTH, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    same = json.loads(midas("compare", "campaign/puzzle", "--format", "json").output)
    [app] = [f for f in same["fields"] if f["field"] == "app"]
    assert app["same"] and app["google"] == app["meta"] == "com.example.puzzle (google_play)"
    edit = ("campaign/puzzle@google:google-main", "app_campaign_setting.app_id=com.other.game")
    assert midas("sandbox", "set", *edit).code == 0
    edited = json.loads(midas("compare", "campaign/puzzle", "--format", "json").output)
    [app] = [f for f in edited["fields"] if f["field"] == "app"]
    assert not app["same"] and app["google"] == "com.other.game (google_play)"


def test_compare_shows_a_google_app_campaign_of_another_kind_than_metas_installs(
    midas: Midas, workspace: Path
) -> None:
    """A campaign's Google app campaign of another sub type (here set in a console: the API cannot change
    one) drives something else than Meta's app ad sets, which drive installs: a row says so."""
    (workspace / "specs" / "puzzle.yaml").write_text(APP_ON_BOTH, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    same = json.loads(midas("compare", "campaign/puzzle", "--format", "json").output)
    assert not [f for f in same["fields"] if f["field"] == "app_campaign"]  # installs on both
    edits = (
        "advertising_channel_sub_type=APP_CAMPAIGN_FOR_PRE_REGISTRATION",
        "app_campaign_setting.bidding_strategy_goal_type=OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
    )
    assert midas("sandbox", "set", "campaign/puzzle@google:google-main", *edits).code == 0
    edited = json.loads(midas("compare", "campaign/puzzle", "--format", "json").output)
    [kind] = [f for f in edited["fields"] if f["field"] == "app_campaign"]
    assert kind == {"field": "app_campaign", "google": "pre_registration", "meta": "installs", "same": False}


@pytest.mark.parametrize(
    ("kind", "text", "name"),
    [
        ("engagement", ENGAGEMENT_SPEC, "puzzle-comeback"),
        ("pre_registration", PRE_REGISTRATION_SPEC, "puzzle-two-launch"),
    ],
)
def test_mirror_to_meta_of_a_google_only_kind_of_app_campaign_is_refused(
    midas: Midas, workspace: Path, kind: str, text: str, name: str
) -> None:
    text = text.replace("}\n  budget:", ', meta_app_id: "5550001"}\n  budget:')
    spec_file = workspace / "specs" / "app.yaml"
    spec_file.write_text(text, encoding="utf-8")
    assert midas("validate").code == 0
    refused = midas("mirror", f"campaign/{name}", "--to", "meta")
    assert refused.code == 1
    said = " ".join(refused.output.split())
    assert f"google.app_campaign: {kind} in specs/app.yaml), which runs on Google alone" in said, said
    assert "nothing written" in said and spec_file.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("text", [SHOPPING_SPEC, SHOPPING_TREE_SPEC], ids=["all-products", "product-groups"])
def test_a_shopping_campaign_is_not_mirrored_to_meta_nor_compared(
    midas: Midas, workspace: Path, text: str
) -> None:
    """A standard Shopping campaign advertises a Merchant Center feed (its product groups too); Meta's
    catalog sales need a product catalog of Meta's, a campaign of its own: mirror --to meta refuses it and
    writes nothing; compare, which needs the campaign on both platforms, says it runs on one."""
    spec_file = workspace / "specs" / "shopping.yaml"
    spec_file.write_text(text, encoding="utf-8")
    refused = midas("mirror", "campaign/trail-shopping", "--to", "meta")
    assert refused.code == 1
    said = " ".join(refused.output.split())
    assert "is a Google Shopping campaign (google.channel: shopping in specs/shopping.yaml)" in said, said
    assert "Meta's counterpart (catalog sales) needs a product catalog" in said
    assert "nothing written" in said and spec_file.read_text(encoding="utf-8") == text
    assert midas("apply", "--auto-approve").code == 0
    compared = midas("compare", "campaign/trail-shopping")
    assert compared.code == 1 and "runs on one platform only" in compared.output


def test_a_hotel_campaign_is_not_mirrored_to_meta_nor_compared(midas: Midas, workspace: Path) -> None:
    """A Hotel campaign shows a Hotel Center account's hotels, which Meta has no counterpart of that MIDAS
    models: mirror --to meta refuses it and writes nothing; compare says it runs on one platform."""
    spec_file = workspace / "specs" / "hotel.yaml"
    spec_file.write_text(HOTEL_SPEC, encoding="utf-8")
    refused = midas("mirror", "campaign/city-hotels", "--to", "meta")
    assert refused.code == 1
    said = " ".join(refused.output.split())
    assert "is a Google Hotel campaign (google.channel: hotel in specs/hotel.yaml)" in said, said
    assert "Hotel Center account" in said and "nothing written" in said
    assert spec_file.read_text(encoding="utf-8") == HOTEL_SPEC
    assert midas("apply", "--auto-approve").code == 0
    compared = midas("compare", "campaign/city-hotels")
    assert compared.code == 1 and "runs on one platform only" in compared.output


def test_compare_needs_a_live_campaign_on_both_platforms(midas: Midas, workspace: Path) -> None:
    not_live = midas("compare", "campaign/spring-sale")
    assert not_live.code == 1 and "is not live on google" in not_live.output
    single = midas("compare", "campaign/brand-awareness")
    assert single.code == 1 and "runs on one platform only" in single.output
    assert "(specs/brand-awareness.yaml:9: spec.platforms)" in single.output


ON_SHARED = """\
apiVersion: midas/v1
kind: SharedBudget
metadata: {name: search-pool}
spec: {account: google-main, daily: 40.00, currency: USD}
---
apiVersion: midas/v1
kind: Campaign
metadata: {name: socks}
spec:
  platforms: {google: {account: google-main}}
  objective: traffic
  google: {shared_budget: search-pool}   # no budget of its own
  targeting: {locations: [US]}
  creatives:
    - name: ad1
      headlines: [Socks, Great socks, Cheap socks]
      descriptions: [Buy socks now, Free returns]
      final_url: https://shop.example.com/
"""


def test_mirror_of_a_campaign_on_a_shared_budget_takes_its_meta_budget_from_a_policy(
    midas: Midas, workspace: Path
) -> None:
    spec_file = workspace / "specs" / "socks.yaml"
    spec_file.write_text(ON_SHARED, encoding="utf-8")
    refused = midas("mirror", "campaign/socks", "--to", "meta", "--split", "0.5")
    assert refused.code == 1
    assert "funded on Google by shared budget 'search-pool', so it has no budget of its own" in refused.output
    assert spec_file.read_text(encoding="utf-8") == ON_SHARED
    result = midas("mirror", "campaign/socks", "--to", "meta", "--policy", "brand-pool")
    assert result.code == 0, result.output
    assert (
        "needs attention: budget policy 'brand-pool' funds 'brand-awareness' already: its 30.00 USD a day "
        "is now shared with 'socks' too, so their budgets change" in result.output
    )
    text = spec_file.read_text(encoding="utf-8")
    assert "# no budget of its own" in text
    spec = list(yaml.safe_load_all(text))[1]["spec"]
    assert spec["budget"] == {"policy": "brand-pool"}
    assert spec["google"]["shared_budget"] == "search-pool"
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0


def test_compare_names_the_shared_budget_a_google_campaign_draws_on(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "socks.yaml").write_text(ON_SHARED, encoding="utf-8")
    assert midas("mirror", "campaign/socks", "--to", "meta", "--policy", "brand-pool").code == 0
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/socks", "--format", "json").output)
    budget = next(f for f in compared["fields"] if f["field"] == "budget")
    assert budget["google"] == "shared budget 'search-pool': daily 40.00 USD"
    assert budget["meta"] == "daily 15.00 USD"  # brand-pool's 30.00, halved with brand-awareness


META_APP = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: puzzle}
spec:
  platforms:
    meta: {account: meta-main}
  objective: app_promotion
  app: {store: google_play, id: com.example.puzzle, meta_app_id: '1234567890'}
  budget: {daily: 20.00, currency: USD}
  targeting:
    ages: {min: 25, max: 44}
    genders: [female]
    locations: [US]
    languages: [en]
  ad_groups:
    - name: main
    - name: young
      targeting: {ages: {min: 18, max: 24}}
  creatives:
    - name: install
      headlines: [Puzzle fun, Play free]
      descriptions: [Hundreds of levels to solve.]
      primary_text: Hundreds of levels to solve.
    - name: many
      headlines: [One, Two, Three, Four, Five, Six]
      descriptions: [Solve it.]
      primary_text: Solve it.
"""


def test_mirror_of_an_app_campaign_whose_ad_groups_all_stay_on_meta_says_google_runs_none(
    midas: Midas, workspace: Path
) -> None:
    """Its ages go to meta.targeting and its one ad group, narrowing them, stays on Meta: no fidelity
    warning about ages Google no longer gets, and the campaign is told to need an ad group on Google."""
    narrowing = META_APP.replace("ages: {min: 25, max: 44}", "ages: {min: 21, max: 45}").replace(
        "    - name: main\n    - name: young\n      targeting: {ages: {min: 18, max: 24}}",
        "    - name: young\n      targeting: {ages: {min: 21, max: 30}}",
    )
    assert narrowing.count("21") == 2
    (workspace / "specs" / "puzzle.yaml").write_text(narrowing, encoding="utf-8")
    result = midas("mirror", "campaign/puzzle", "--to", "google", "--dry-run")
    assert result.code == 0, result.output
    assert "fidelity:" not in result.output, result.output  # was "Google age buckets cannot express 21–30"
    assert "needs attention: no ad group runs on google" in result.output, result.output


def test_mirror_of_a_meta_app_campaign_to_google_gives_an_app_campaign_that_compiles(
    midas: Midas, workspace: Path
) -> None:
    """A Google app campaign targets locations and languages only: ages and genders move to meta.targeting
    (Meta's targeting stays what it was), an ad group narrowing ages stays on Meta, and a creative with more
    headlines than an app ad holds stays on Meta; the rest plans as an app campaign."""
    (workspace / "specs" / "puzzle.yaml").write_text(META_APP, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    result = midas("mirror", "campaign/puzzle", "--to", "google")
    assert result.code == 0, result.output
    assert "the campaign's ages, genders moved to meta.targeting" in result.output
    assert "ad group 'young' stays on meta only: it narrows ages" in result.output
    assert "creative 'many' stays on meta only: 6 headlines (Google needs 1 to 5)" in result.output
    assert "has no keywords" not in result.output
    spec = yaml.safe_load((workspace / "specs" / "puzzle.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["targeting"] == {"locations": ["US"], "languages": ["en"]}
    assert spec["meta"]["targeting"] == {"ages": {"min": 25, "max": 44}, "genders": ["female"]}
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    changes = {c["address"]: c["action"] for c in json.loads(plan.output)["changes"] if c["action"] != "noop"}
    google = sorted(a for a, action in changes.items() if "@google" in a and action == "create")
    assert google == [
        "ad_group/puzzle/main@google:google-main",
        "ad_group_ad/puzzle/main/install@google:google-main",
        "campaign/puzzle@google:google-main",
        "campaign_budget/puzzle@google:google-main",
        "campaign_criterion/puzzle/language:1000@google:google-main",
        "campaign_criterion/puzzle/location:2840@google:google-main",
    ]
    # Meta targets what it did: only its half of the budget changes there.
    assert {a: x for a, x in changes.items() if "@meta" in a} == {"campaign/puzzle@meta:meta-main": "update"}
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


GOOGLE_DISPLAY = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: banners}
spec:
  platforms:
    google: {account: google-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US]}
  google: {channel: display, business_name: Example Running}
  creatives:
    - name: banner
      headlines: [Trail shoes]
      descriptions: [Grip for every trail.]
      final_url: https://shop.example.com/trail
      google:
        long_headline: Trail shoes that grip wet rock
        marketing_images: ["1001"]
        square_marketing_images: ["1002"]
"""


#: GOOGLE_DISPLAY as a Demand Gen campaign: its creative a multi-asset ad (a square image, a logo).
GOOGLE_DEMAND_GEN = (
    GOOGLE_DISPLAY.replace("channel: display", "channel: demand_gen")
    .replace(
        '        long_headline: Trail shoes that grip wet rock\n        marketing_images: ["1001"]\n',
        "",
    )
    .replace(
        'square_marketing_images: ["1002"]',
        'square_marketing_images: ["1002"]\n        logo_images: ["1003"]',
    )
)


@pytest.mark.parametrize(
    ("text", "channel"), [(GOOGLE_DISPLAY, "display"), (GOOGLE_DEMAND_GEN, "demand_gen")]
)
def test_mirror_to_meta_of_a_display_or_demand_gen_campaign_carries_its_creatives_and_asks_for_their_images(
    midas: Midas, workspace: Path, text: str, channel: str
) -> None:
    """A responsive display or Demand Gen ad's images are Google asset ids: on Meta its creative needs an
    image_url."""
    (workspace / "specs" / "banners.yaml").write_text(text, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/banners", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    assert (
        "needs attention: creative 'banner' has no image_url: its Google images are asset ids"
        in result.output
    )
    spec = yaml.safe_load((workspace / "specs" / "banners.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["google"]["channel"] == channel and "platforms" not in spec["creatives"][0]
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    created = {c["address"] for c in json.loads(plan.output)["changes"] if c["action"] == "create"}
    assert {
        "ad_group_ad/banners/default/banner@google:google-main",
        "ad/banners/default/banner@meta:meta-main",
    } <= (created)


def test_mirror_to_meta_of_a_demand_gen_ad_group_on_channels_of_its_own_says_they_are_not_carried_over(
    midas: Midas, workspace: Path
) -> None:
    """A Demand Gen ad group's ``google.channels`` name Google surfaces (YouTube Shorts …) that no Meta
    placement is: mirror keeps them on Google, leaves the ad set on the campaign's placements, and says so."""
    picked = GOOGLE_DEMAND_GEN + "  ad_groups:\n    - {name: shorts, google: {channels: [youtube_shorts]}}\n"
    (workspace / "specs" / "banners.yaml").write_text(picked, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/banners", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    assert (
        "ad group 'shorts' runs on Google channels of its own (google.channels: ['youtube_shorts']); they "
        "have no Meta placements to map to exactly" in " ".join(result.output.split())
    )
    spec = yaml.safe_load((workspace / "specs" / "banners.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["ad_groups"] == [{"name": "shorts", "google": {"channels": ["youtube_shorts"]}}]
    assert midas("plan").code == 0


def test_mirror_to_google_of_a_campaign_saying_display_gives_responsive_display_ads(
    midas: Midas, workspace: Path
) -> None:
    """A Meta campaign already saying ``google.channel: display`` (its creatives' display options wait for
    Google) becomes a Display campaign: no keywords needed; a creative a responsive display ad cannot be
    (no images) stays on Meta."""
    meta_first = META_ONLY.replace(
        "  ad_groups:\n", "  google: {channel: display, business_name: Example Running}\n  ad_groups:\n"
    ).replace(
        "      final_url: https://shop.example.com/launch\n    - name: full",
        "      final_url: https://shop.example.com/launch\n"
        '      google: {marketing_images: ["1001"], square_marketing_images: ["1002"]}\n'
        "    - name: full",
    )
    (workspace / "specs" / "launch.yaml").write_text(meta_first, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert "has no keywords" not in result.output
    assert "needs attention: creative 'full' stays on meta only" in result.output
    assert "at least one landscape (1.91:1) marketing image" in result.output
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    created = {c["address"]: c for c in json.loads(plan.output)["changes"] if c["action"] == "create"}
    teaser = created["ad_group_ad/launch/main/teaser@google:google-main"]
    assert teaser["after"]["fields"]["type"] == "RESPONSIVE_DISPLAY_AD"
    assert "ad_group_ad/launch/main/full@google:google-main" not in created


def test_mirror_to_google_of_a_campaign_saying_display_without_a_business_name_asks_for_it(
    midas: Midas, workspace: Path
) -> None:
    """Without a business name no creative can be a responsive display ad: mirror stops and asks for it
    rather than write a Display campaign whose every creative stays on Meta."""
    meta_first = META_ONLY.replace("  ad_groups:\n", "  google: {channel: display}\n  ad_groups:\n")
    spec_file = workspace / "specs" / "launch.yaml"
    spec_file.write_text(meta_first, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 1
    assert (
        "campaign 'launch' runs on Google as a Display campaign (google.channel: display), whose responsive "
        "display ads show the business's name, and creatives 'teaser', 'full' have none: add it as "
        "`business_name` under `google:` in specs/launch.yaml" in " ".join(result.output.split())
    )
    assert "nothing written" in result.output
    assert spec_file.read_text(encoding="utf-8") == meta_first


@pytest.mark.parametrize(
    ("spec", "name", "channel"),
    [
        (DISPLAY_SPEC, "trail-display", "display"),
        (DEMAND_GEN_SPEC, "trail-demand", "demand_gen"),
        (PMAX_SPEC, "trail-pmax", "performance_max"),
    ],
)
def test_compare_shows_the_google_channel(
    midas: Midas, workspace: Path, spec: str, name: str, channel: str
) -> None:
    """The header and JSON name the Google campaign's channel, and the objective read back from its bidding
    is the Meta campaign's."""
    (workspace / "specs" / f"{channel}.yaml").write_text(spec, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    shown = midas("compare", f"campaign/{name}")
    assert shown.code == 0, shown.output
    assert shown.output.startswith(f"{name}: Google {channel} campaign (google-main, id ")
    as_json = json.loads(midas("compare", f"campaign/{name}", "--format", "json").output)
    assert as_json["google"]["channel"] == channel
    assert next(r for r in as_json["fields"] if r["field"] == "objective")["same"] is True
    spring = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    assert spring["google"]["channel"] == "search"


def test_compare_shows_a_demand_gen_ad_group_s_own_channels_as_google_s_alone(
    midas: Midas, workspace: Path
) -> None:
    """An ad group's ``google.channels`` read back from Google: a row of Google's alone, as its own
    exclusions are (no Meta placement is a Google channel)."""
    picked = "{name: home, creatives: [story], google: {channels: [gmail, youtube_shorts]}}"
    spec = DEMAND_GEN_SPEC.replace("{name: home, creatives: [story]}", picked)
    (workspace / "specs" / "demand_gen.yaml").write_text(spec, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    shown = json.loads(midas("compare", "campaign/trail-demand", "--format", "json").output)
    row = next(r for r in shown["fields"] if r["field"] == "ad group 'home' google.channels")
    assert row == {
        "field": "ad group 'home' google.channels",
        "google": ["youtube_shorts", "gmail"],
        "meta": None,
        "same": False,
    }
    assert not any(r["field"] == "ad group 'canada' google.channels" for r in shown["fields"])


@pytest.mark.parametrize("objective", ["awareness", "traffic", "engagement"])
def test_compare_reads_a_display_campaigns_objective_from_its_display_default_bidding(
    midas: Midas, workspace: Path, objective: str
) -> None:
    """Awareness on Display bids TARGET_SPEND (target impression share is Search's): the same objective as
    on Meta, not a difference."""
    spec = DISPLAY_SPEC.replace("objective: traffic", f"objective: {objective}")
    (workspace / "specs" / "display.yaml").write_text(spec, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    shown = json.loads(midas("compare", "campaign/trail-display", "--format", "json").output)
    row = next(r for r in shown["fields"] if r["field"] == "objective")
    assert row == {"field": "objective", "google": objective, "meta": objective, "same": True}


def test_mirror_to_google_of_a_campaign_saying_demand_gen_gives_multi_asset_ads_targeting_places_only(
    midas: Midas, workspace: Path
) -> None:
    """A Meta campaign already saying ``google.channel: demand_gen`` becomes a Demand Gen campaign: no
    keywords needed, its ages move to meta.targeting (Google targets a Demand Gen campaign's locations and
    languages only), and a creative a multi-asset ad cannot be (no images, no logo) stays on Meta."""
    meta_first = (
        META_ONLY.replace(
            "  ad_groups:\n",
            "  google: {channel: demand_gen, business_name: Example Running}\n  ad_groups:\n",
        )
        .replace(
            "      final_url: https://shop.example.com/launch\n    - name: full",
            "      final_url: https://shop.example.com/launch\n"
            '      google: {marketing_images: ["1001"], logo_images: ["1003"]}\n'
            "    - name: full",
        )
        .replace("    - name: main\n", "    - name: main\n      meta: {placements: [instagram]}\n")
    )
    (workspace / "specs" / "launch.yaml").write_text(meta_first, encoding="utf-8")
    assert midas("validate").code == 0  # a Meta-only campaign saying demand_gen targets ages on Meta
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert "has no keywords" not in result.output
    assert (
        "ad group 'main' runs on Meta placements of its own (meta.placements: ['instagram']); they have no "
        "Google channels to map to exactly, so on Google it runs on all Demand Gen channels"
        in " ".join(result.output.split())
    )
    assert (
        "the campaign's ages moved to meta.targeting: a Google Demand Gen campaign targets locations and "
        "languages only" in result.output
    )
    assert "needs attention: creative 'full' stays on meta only" in result.output
    assert "needs a landscape (1.91:1) or square marketing image" in result.output
    spec = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["meta"]["targeting"]["ages"] == {"min": 21, "max": 40} and "ages" not in spec["targeting"]
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    created = {c["address"]: c for c in json.loads(plan.output)["changes"] if c["action"] == "create"}
    teaser = created["ad_group_ad/launch/main/teaser@google:google-main"]
    assert teaser["after"]["fields"]["type"] == "DEMAND_GEN_MULTI_ASSET_AD"
    assert "ad_group_criterion/launch/main/location:2840@google:google-main" in created
    assert "ad_group_ad/launch/main/full@google:google-main" not in created


def test_mirror_to_google_says_a_demand_gen_ad_group_s_meta_positions_once(
    midas: Midas, workspace: Path
) -> None:
    """A Demand Gen ad group placing its Meta ads by position gets one attention line (its channels), not a
    second one for the positions."""
    document = yaml.safe_load(META_ONLY)
    document["spec"]["google"] = {"channel": "demand_gen", "business_name": "Example Running"}
    document["spec"]["ad_groups"][0]["meta"] = {"placements": {"facebook": ["feed"]}}
    (workspace / "specs" / "launch.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    said = [line for line in result.output.splitlines() if "'main'" in line and "meta.placements" in line]
    assert len(said) == 1 and "runs on Meta placements of its own" in said[0], result.output


def test_mirror_to_google_of_a_campaign_saying_demand_gen_without_a_business_name_asks_for_it(
    midas: Midas, workspace: Path
) -> None:
    meta_first = META_ONLY.replace("  ad_groups:\n", "  google: {channel: demand_gen}\n  ad_groups:\n")
    spec_file = workspace / "specs" / "launch.yaml"
    spec_file.write_text(meta_first, encoding="utf-8")
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 1
    assert (
        "campaign 'launch' runs on Google as a Demand Gen campaign (google.channel: demand_gen), whose "
        "Demand Gen multi-asset ads show the business's name" in " ".join(result.output.split())
    )
    assert spec_file.read_text(encoding="utf-8") == meta_first


#: GOOGLE_DEMAND_GEN with a second creative, a Demand Gen video responsive ad (its YouTube videos).
GOOGLE_DEMAND_GEN_VIDEO = GOOGLE_DEMAND_GEN.replace(
    "  creatives:\n",
    """\
  creatives:
    - name: clip
      headlines: [Trail shoes]
      descriptions: [Grip for every trail.]
      final_url: https://shop.example.com/trail
      google:
        youtube_videos: [dQw4w9WgXcQ]
        logo_images: ["1003"]
        breadcrumb1: trail
""",
)


def test_mirror_to_meta_of_a_demand_gen_video_ad_asks_for_an_uploaded_video_not_an_image(
    midas: Midas, workspace: Path
) -> None:
    """A Demand Gen video responsive ad's videos are YouTube's, which Meta cannot play without an upload
    (``video_id``): mirror keeps them for Google and lists the creative as needing its video, not an image
    (its Google images are a logo); the mirrored campaign plans, applies and converges, and ``compare``
    shows its videos as Google's alone."""
    (workspace / "specs" / "banners.yaml").write_text(GOOGLE_DEMAND_GEN_VIDEO, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    result = midas("mirror", "campaign/banners", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "creative 'clip' has YouTube videos (dQw4w9WgXcQ) that Meta cannot show without an upload" in output
    )
    assert "creative 'clip' has no image_url" not in output
    assert "creative 'banner' has no image_url" in output
    spec = yaml.safe_load((workspace / "specs" / "banners.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["creatives"][0]["google"]["youtube_videos"] == ["dQw4w9WgXcQ"]
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    compared = midas("compare", "campaign/banners", "--format", "json")
    assert compared.code == 0, compared.output
    rows = {r["field"]: r for r in json.loads(compared.output)["fields"]}
    row = rows["creative 'clip' videos"]
    assert row["google"] == ["dQw4w9WgXcQ"] and row["meta"] is None and not row["same"]
    # Its one description is the Meta ad's primary text (it has no primary_text), not a link description.
    assert rows["creative 'clip' descriptions"]["meta"] == [] and rows["creative 'clip' descriptions"]["same"]
    assert midas("compare", "campaign/banners").code == 0


META_ONLY_KINDS = META_ONLY.replace(
    "      final_url: https://shop.example.com/launch\n    - name: full\n",
    """      final_url: https://shop.example.com/launch
    - name: deck
      type: carousel
      primary_text: Three new shoes.
      final_url: https://shop.example.com/launch
      cards:
        - {headline: Ridge, final_url: https://shop.example.com/ridge, image_url: https://cdn.example.com/r.jpg}
        - {headline: Mesa, final_url: https://shop.example.com/mesa, video_id: '7001'}
    - name: boost
      type: post
      post_id: '1234567890_555'
    - name: full
""",
)


def test_mirror_to_google_keeps_a_carousel_and_a_page_post_ad_on_meta_and_says_so(
    midas: Midas, workspace: Path
) -> None:
    """Google's ads hold no cards nor a Page post: both stay Meta's (``platforms: [meta]``), each listed as
    needing attention; the mirrored campaign validates and converges, and compare reads both sides."""
    (workspace / "specs" / "launch.yaml").write_text(META_ONLY_KINDS, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "needs attention: creative 'deck' stays on meta only: it is a carousel, which no Google ad but a "
        "Demand Gen campaign's carousel ad can hold" in result.output
    )
    assert (
        "needs attention: creative 'boost' stays on meta only: it is an ad of an existing Page post "
        "(post_id), which no Google ad can hold" in result.output
    )
    spec = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    platforms = {c["name"]: c.get("platforms") for c in spec["creatives"]}
    assert platforms == {"teaser": ["meta"], "deck": ["meta"], "boost": ["meta"], "full": None}
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    compared = midas("compare", "campaign/launch")
    assert compared.code == 0, compared.output
    assert "boost, deck, full, teaser" in compared.output, compared.output  # Meta's ads of the ad set


def test_mirror_to_google_keeps_a_meta_cost_cap_and_compare_reads_it(midas: Midas, workspace: Path) -> None:
    """Meta's caps are Meta options: mirrored to Google they stay Meta's, the campaign converges on both
    platforms, and comparing its live versions takes the capped ad sets in its stride."""
    capped = META_ONLY.replace(
        "  ad_groups:\n    - name: main\n",
        "  meta: {bid_strategy: cost_cap, bid_amount: 3.50}\n"
        "  ad_groups:\n    - {name: main, meta: {bid_amount: 4.25}}\n",
    )
    (workspace / "specs" / "launch.yaml").write_text(capped, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.5")
    assert result.code == 0, result.output
    text = (workspace / "specs" / "launch.yaml").read_text(encoding="utf-8")
    assert "bid_amount: 3.50" in text and "bid_amount: 4.25" in text, text
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    compared = midas("compare", "campaign/launch")
    assert compared.code == 0, compared.output


def test_mirror_to_google_of_a_demand_gen_campaign_carries_a_carousel_whose_cards_name_google_images(
    midas: Midas, workspace: Path
) -> None:
    """A Meta carousel in a campaign saying ``google.channel: demand_gen`` goes to Google as a Demand Gen
    carousel ad when it says what one needs (each card's images by asset id, a headline, a logo); one that
    does not stays Meta's, listed with what it lacks."""
    meta_first = (
        META_ONLY_KINDS.replace(
            "  ad_groups:\n",
            "  google: {channel: demand_gen, business_name: Example Running}\n  ad_groups:\n",
        )
        .replace(
            "      cards:\n        - {headline: Ridge",
            '      google: {headline: Three new shoes, logo_images: ["1003"]}\n'
            "      cards:\n        - {headline: Ridge",
        )
        .replace(
            "image_url: https://cdn.example.com/r.jpg}",
            "image_url: https://cdn.example.com/r.jpg, google: {marketing_image: '1011'}}",
        )
        .replace("video_id: '7001'}", "video_id: '7001', google: {square_marketing_image: '1012'}}")
        .replace(
            "    - name: boost\n",
            "    - name: plain-deck\n      type: carousel\n      primary_text: Two.\n"
            "      final_url: https://shop.example.com/launch\n      cards:\n"
            "        - {headline: A, final_url: https://shop.example.com/a, image_url: https://cdn.example.com/a.jpg}\n"
            "        - {headline: B, final_url: https://shop.example.com/b, image_url: https://cdn.example.com/b.jpg}\n"
            "    - name: boost\n",
        )
    )
    (workspace / "specs" / "launch.yaml").write_text(meta_first, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    output = " ".join(result.output.split())
    assert "creative 'deck'" not in output, output
    assert (
        "needs attention: creative 'plain-deck' stays on meta only: a Google Demand Gen carousel ad needs "
        "google.headline (the ad's headline); found none" in output
    )
    assert (
        "a card of a Google Demand Gen carousel ad needs google.marketing_image or square_marketing_image"
        in (output)
    )
    spec = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    platforms = {c["name"]: c.get("platforms") for c in spec["creatives"]}
    assert platforms["deck"] is None and platforms["plain-deck"] == ["meta"]
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    created = {c["address"]: c for c in json.loads(plan.output)["changes"] if c["action"] == "create"}
    deck = created["ad_group_ad/launch/main/deck@google:google-main"]["after"]["fields"]
    assert deck["type"] == "DEMAND_GEN_CAROUSEL_AD" and [c["headline"] for c in deck["cards"]] == [
        "Ridge",
        "Mesa",
    ]


def test_mirror_to_meta_of_a_google_carousel_asks_for_its_cards_media(midas: Midas, workspace: Path) -> None:
    """A Google Demand Gen carousel ad's cards show image assets by id, which Meta cannot: going to Meta a
    carousel whose cards have no image_url nor video_id stays Google's, listed as needing attention."""
    google_first = GOOGLE_DEMAND_GEN + (
        "    - name: deck\n      type: carousel\n      primary_text: Two shoes.\n"
        "      final_url: https://shop.example.com/trail\n"
        '      google: {headline: Two shoes, logo_images: ["1003"]}\n      cards:\n'
        "        - {headline: Ridge, final_url: https://shop.example.com/ridge,\n"
        "           google: {marketing_image: '1011'}}\n"
        "        - {headline: Mesa, final_url: https://shop.example.com/mesa,\n"
        "           google: {marketing_image: '1012'}}\n"
    )
    (workspace / "specs" / "trail.yaml").write_text(google_first, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    result = midas("mirror", "campaign/banners", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    output = " ".join(result.output.split())
    assert (
        "needs attention: creative 'deck' stays on google only: a carousel card needs 'image_url', "
        "'image_hash' or 'video_id'; found none — give it what a Meta carousel needs" in output
    ), output
    assert "creative 'deck' has no image_url" not in output


def test_compare_shows_a_carousel_s_cards_on_google_and_meta_side_by_side(
    midas: Midas, workspace: Path
) -> None:
    """A carousel on both platforms (a Demand Gen carousel ad and a Meta carousel): compare reads its cards
    on each, in order, by headline and link, and its primary text (Google's description): the same."""
    (workspace / "specs" / "demand_gen.yaml").write_text(DEMAND_GEN_CAROUSEL_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    shown = json.loads(midas("compare", "campaign/trail-demand", "--format", "json").output)
    rows = {r["field"]: r for r in shown["fields"]}
    cards = ["Ridge → https://shop.example.com/ridge", "Mesa → https://shop.example.com/mesa"]
    assert rows["creative 'deck' cards"] == {
        "field": "creative 'deck' cards",
        "google": cards,
        "meta": cards,
        "same": True,
    }
    assert rows["creative 'deck' primary_text"]["same"] is True


#: Lines past the 110 columns new YAML is wrapped at (built here to keep this file's own lines short).
_LONG_TEXT = (
    "Our whole range of trail shoes, for rock, sand, mud and snow, " + "and the socks to wear with them too."
)
_RIDGE = (
    "{headline: Ridge, final_url: 'https://shop.example.com/ridge', "
    + "image_url: 'https://cdn.example.com/r.jpg'}"
)
_MESA = (
    "{headline: Mesa, final_url: 'https://shop.example.com/mesa', "
    + "image_hash: 5d41402abc4b2a76b9719d911017c592}"
)
LONG_LINES = f"""\
apiVersion: midas/v1
kind: Campaign
metadata: {{name: long-lines}}
spec:
  platforms: {{meta: {{account: meta-main}}}}
  objective: engagement
  budget: {{daily: 30.00, currency: USD}}
  targeting: {{locations: [US]}}
  ad_groups:
    - name: a
  creatives:
    - name: cards
      type: carousel
      primary_text: {_LONG_TEXT}
      final_url: https://shop.example.com/range
      cards:
        - {_RIDGE}
        - {_MESA}
"""


def test_mirror_leaves_every_line_it_does_not_edit_as_written(midas: Midas, workspace: Path) -> None:
    """A spec's long lines (a flow-style card, a long text) past the width the editor wraps new YAML at are
    not its to reflow: each line the mirror does not edit stays byte for byte, and none ends in a space."""
    file = workspace / "specs" / "long-lines.yaml"
    file.write_text(LONG_LINES, encoding="utf-8")
    result = midas("mirror", "campaign/long-lines", "--to", "google")
    assert result.code == 0, result.output
    written = file.read_text(encoding="utf-8").splitlines()
    kept = [line for line in LONG_LINES.splitlines() if "platforms:" not in line and "budget:" not in line]
    assert [line for line in kept if line not in written] == []
    assert [line for line in written if line != line.rstrip()] == []


def test_mirror_to_meta_carries_the_url_parameters_and_names_googles_own_tracking(
    midas: Midas, workspace: Path
) -> None:
    """The campaign's UTM tags are written once: mirrored to Meta, every creative's ``url_tags`` are them;
    Google's tracking template has no Meta counterpart, which the mirror says."""
    file = workspace / "specs" / "brand-awareness.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    document["spec"]["url_parameters"] = "utm_source=ads&utm_campaign=brand"
    document["spec"]["google"]["tracking_url_template"] = "{lpurl}?src=brand"
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta")
    assert result.code == 0, result.output
    assert "needs attention: google.tracking_url_template and url_custom_parameters apply on Google only" in (
        result.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert 'url_tags: "utm_source=ads&utm_campaign=brand"' in applied.output
    assert midas("plan", "--detailed-exitcode").code == 0


def test_mirror_to_meta_names_the_google_url_options_of_creatives_and_ad_groups(
    midas: Midas, workspace: Path
) -> None:
    """A creative's or an ad group's own Google URL options have no Meta counterpart either: the mirror names
    each where it is written."""
    file = workspace / "specs" / "brand-awareness.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    creative = document["spec"]["creatives"][0]
    creative.setdefault("google", {})["tracking_url_template"] = "{lpurl}?ad=1"
    document["spec"].setdefault("ad_groups", [{"name": "default"}])[0].setdefault("google", {})[
        "final_url_suffix"
    ] = "utm_content=group"
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta")
    assert result.code == 0, result.output
    group = document["spec"]["ad_groups"][0]["name"]
    assert (
        f"creative {creative['name']!r} google.tracking_url_template, ad group {group!r} "
        "google.final_url_suffix apply on Google only"
    ) in result.output, result.output


@pytest.mark.parametrize(
    ("daily", "extra"), [("1.50", ()), ("1.00", ("--split", "0.005"))], ids=["half-of-1.50", "tiny-split"]
)
def test_mirror_refuses_a_budget_share_below_a_platforms_minimum_and_writes_nothing(
    midas: Midas, workspace: Path, daily: str, extra: tuple[str, ...]
) -> None:
    """What validate rejects (a platform's share under its minimum daily budget, a compile-time check),
    mirror does not write: it says why, exits 1 and leaves the file as it was."""
    text = META_ONLY.replace("daily: 20.00", f"daily: {daily}").replace(
        "    - name: main\n", "    - name: main\n      keywords: [{text: shoes, match: phrase}]\n"
    )
    spec_file = workspace / "specs" / "launch.yaml"
    spec_file.write_text(text, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/launch", "--to", "google", *extra)
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert "the mirrored spec would not validate (nothing written)" in said, said
    assert "(meta's minimum)" in said or "(google's minimum)" in said, said
    assert spec_file.read_text(encoding="utf-8") == text


def test_mirror_to_google_carries_meta_targeting_into_the_unified_targeting(
    midas: Midas, workspace: Path
) -> None:
    """``meta.targeting`` narrows Meta alone: mirrored to Google, the campaign's Meta override moves into
    the unified targeting (Meta reaches the same people as before, its override replacing those fields),
    so Google targets them too, told as needing attention, with the mapper's fidelity warnings."""
    text = META_ONLY.replace(
        "  targeting:\n    ages: {min: 21, max: 40}     # 21 is not a Google age bucket boundary\n",
        "  meta: {targeting: {ages: {min: 30, max: 50}, genders: [female], interests: [Running]}}\n"
        "  targeting:\n",
    ).replace("    - name: main\n", "    - name: main\n      keywords: [{text: shoes, match: phrase}]\n")
    spec_file = workspace / "specs" / "launch.yaml"
    spec_file.write_text(text, encoding="utf-8")
    assert midas("validate").code == 0
    assert midas("apply", "--auto-approve").code == 0
    result = midas("mirror", "campaign/launch", "--to", "google")
    assert result.code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "needs attention: the campaign's meta.targeting (ages, genders, interests) moved to the unified "
        "targeting, so Google targets them too" in said
    ), said
    assert "fidelity: Google age buckets cannot express 30–50" in said, said
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))["spec"]
    assert spec["targeting"] == {
        "locations": ["US"],
        "ages": {"min": 30, "max": 50},
        "genders": ["female"],
        "interests": ["Running"],
    }
    assert "targeting" not in (spec.get("meta") or {})
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert "~ adset/launch/main@meta:meta-main" not in applied.output  # Meta's targeting unchanged
    assert "/gender:FEMALE@google:google-main" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0


def test_mirror_to_google_of_a_places_only_campaign_names_the_places_meta_targeting_gives_meta_alone(
    midas: Midas, workspace: Path
) -> None:
    """A Demand Gen campaign targets the unified locations and languages: those ``meta.targeting`` gives
    Meta alone are listed as needing attention (the override stays Meta's)."""
    meta_first = META_ONLY.replace(
        "  ad_groups:\n",
        "  google: {channel: demand_gen, business_name: Example Running}\n"
        "  meta: {targeting: {locations: [CA]}}\n  ad_groups:\n",
    ).replace(
        "      final_url: https://shop.example.com/launch\n    - name: full",
        "      final_url: https://shop.example.com/launch\n"
        '      google: {marketing_images: ["1001"], logo_images: ["1003"]}\n'
        "    - name: full",
    )
    (workspace / "specs" / "launch.yaml").write_text(meta_first, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/launch", "--to", "google", "--split", "0.25")
    assert result.code == 0, result.output
    assert (
        "needs attention: the campaign's meta.targeting.locations apply on Meta only: a Google Demand Gen "
        "campaign targets the unified targeting's locations and languages" in " ".join(result.output.split())
    ), result.output
    spec = yaml.safe_load((workspace / "specs" / "launch.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["meta"]["targeting"]["locations"] == ["CA"]


def test_compare_of_a_converged_performance_max_campaign_pairs_each_asset_group_with_its_meta_ad(
    midas: Midas, workspace: Path
) -> None:
    """An asset group keeps no creative name (Google names it after the asset group): the Meta ad of its
    ad set is its counterpart, so a converged campaign shows the same ads and its creative side by side."""
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    shown = json.loads(midas("compare", "campaign/trail-pmax", "--format", "json").output)
    rows = {r["field"]: r for r in shown["fields"]}
    assert rows["ad group 'default' ads"] == {
        "field": "ad group 'default' ads",
        "google": ["trail"],
        "meta": ["trail"],
        "same": True,
    }
    assert rows["creative 'trail' final_url"]["same"] is True
    assert not [r for r in shown["fields"] if r["field"].startswith("ad group") and not r["same"]]


def test_compare_campaign_rows_are_the_campaign_s_and_every_ad_group_shows_its_own_targeting(
    midas: Midas, workspace: Path
) -> None:
    """The campaign's targeting rows say what all its ad groups share (or that it varies by ad group), not
    what the alphabetically first one targets; a console edit of that one shows on its own rows, and in
    the headline similarity (the mean over the ad groups both platforms run); an ad group of one platform
    shows the targeting and the ads of its own too, and a creative of one platform is named."""
    spec = workspace / "specs" / "spring-sale.yaml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "  creatives:\n    - name: spring-shoes\n",
            "    - name: canada\n      platforms: [google]\n      targeting: {ages: {min: 18, max: 24}}\n"
            "      creatives: [spring-shoes, canada-search]\n"
            "      keywords: [{text: running shoes canada, match: phrase}]\n"
            "  creatives:\n    - name: canada-search\n      platforms: [google]\n"
            "      headlines: [Shoes in Canada, Fast shipping, Top brands]\n"
            "      descriptions: [Shop running shoes, Free returns]\n"
            "      final_url: https://shop.example.com/ca\n"
            "    - name: spring-shoes\n",
        ),
        encoding="utf-8",
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    same = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in same["fields"]}
    assert rows["ad group 'canada' ads"]["google"] == ["canada-search", "spring-shoes"]
    assert rows["ad group 'canada' ads"]["meta"] is None and not rows["ad group 'canada' ads"]["same"]
    assert "canada-search" in rows["creatives"]["google"] and "canada-search" not in rows["creatives"]["meta"]
    assert rows["targeting.ages"]["google"] == "varies by ad group", rows["targeting.ages"]
    assert rows["targeting.ages"]["meta"] == "varies by ad group" and rows["targeting.ages"]["same"]
    assert rows["targeting.languages"]["google"] == ["en"] and rows["targeting.languages"]["same"]
    assert rows["ad group 'canada' targeting.ages"] == {
        "field": "ad group 'canada' targeting.ages",
        "google": {"min": 18, "max": 24},
        "meta": None,
        "same": False,
    }
    assert same["targeting_similarity"]["total"] == 1.0
    assert (
        midas("sandbox", "set", "adset/spring-sale/runners@meta:meta-main", "targeting.age_min=40").code == 0
    )
    edited = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    differing = {f["field"]: f for f in edited["fields"] if not f["same"]}
    assert differing["ad group 'runners' targeting.ages"]["meta"] == {"min": 40, "max": 54}
    assert differing["ad group 'runners' targeting.ages"]["google"] == {"min": 25, "max": 54}
    assert edited["targeting_similarity"]["total"] < 1.0
    assert edited["targeting_similarity"]["total"] > edited["ad_group_similarity"]["runners"]


def test_mirror_edits_the_campaign_of_its_name_not_an_audience_of_the_same_name_before_it(
    midas: Midas, workspace: Path
) -> None:
    """A file may hold documents of other kinds under the same metadata.name: mirror edits the Campaign."""
    audience = "apiVersion: midas/v1\nkind: Audience\nmetadata: {name: socks}\n"
    audience += "spec: {targeting: {ages: {min: 18}}}\n"
    campaign = META_ONLY.replace("name: launch", "name: socks").split("\n", 1)[1]
    (workspace / "specs" / "socks.yaml").write_text(f"{audience}---\n{campaign}", encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/socks", "--to", "google", "--split", "0.5")
    assert result.code == 0, result.output
    documents = list(yaml.safe_load_all((workspace / "specs" / "socks.yaml").read_text(encoding="utf-8")))
    assert documents[0] == yaml.safe_load(audience)
    assert documents[1]["spec"]["platforms"]["google"] == {"account": "google-main"}


def test_compare_finds_a_campaign_renamed_in_a_console_by_its_recorded_id(
    midas: Midas, workspace: Path
) -> None:
    """The live campaign is the one MIDAS recorded, whatever a console renamed it to (as plan finds it)."""
    assert midas("apply", "--auto-approve").code == 0
    rename = ("sandbox", "set", "campaign/spring-sale@google:google-main", "name=Spring Sale 2027")
    assert midas(*rename).code == 0
    assert "name" in midas("plan").output
    compared = midas("compare", "campaign/spring-sale")
    assert compared.code == 0, compared.output
    assert "Targeting similarity: 1.00" in compared.output and "1 field differs." in compared.output


def test_compare_shows_an_ad_paused_in_one_ad_group_on_one_platform(midas: Midas, workspace: Path) -> None:
    """An ad paused in a console in one ad set only is a difference: the ad group's ads row marks it, and
    its creative's status says where it is paused (not its first ad's status alone)."""
    assert midas("apply", "--auto-approve").code == 0
    pause = ("sandbox", "set", "ad/spring-sale/walkers/spring-shoes@meta:meta-main", "status=paused")
    assert midas(*pause).code == 0
    edited = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    differing = {f["field"]: f for f in edited["fields"] if not f["same"]}
    ads = differing["ad group 'walkers' ads"]
    assert (ads["google"], ads["meta"]) == (["spring-shoes"], ["spring-shoes (paused)"])
    status = differing["creative 'spring-shoes' status"]
    assert (status["google"], status["meta"]) == ("active", "paused in 'walkers'")
    assert "ad group 'runners' ads" not in differing and "creative 'spring-apparel' status" not in differing
    text = midas("compare", "campaign/spring-sale").output
    assert "≠ creative 'spring-shoes' status" in text and "3 fields differ." in text, text


def test_mirror_to_meta_names_the_landing_pages_and_url_options_of_keywords(
    midas: Midas, workspace: Path
) -> None:
    """A keyword's own landing page and URL options send the people it matches elsewhere on Google alone:
    Meta has no keywords, so the mirror names each, the campaign's keywords' and an ad group's."""
    file = workspace / "specs" / "brand-awareness.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    document["spec"]["google"]["keywords"][0].update(
        final_url="https://shop.example.com/brand", tracking_url_template="{lpurl}?kw=1"
    )
    document["spec"]["ad_groups"] = [
        {"name": "all", "keywords": [{"text": "running co", "final_url_suffix": "utm_term=co"}]}
    ]
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/brand-awareness", "--to", "meta", "--dry-run")
    assert result.code == 0, result.output
    assert (
        "needs attention: the campaign's keyword 'example running co' (exact) final_url, "
        "tracking_url_template, ad group 'all''s keyword 'running co' (broad) final_url_suffix apply on "
        "Google only"
    ) in result.output, result.output


def test_compare_shows_the_landing_pages_and_url_options_of_keywords_as_google_s_alone(
    midas: Midas, workspace: Path
) -> None:
    file = workspace / "specs" / "spring-sale.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    document["spec"]["ad_groups"][1]["keywords"][0].update(
        final_url="https://shop.example.com/walking", url_custom_parameters={"kw": "walk"}
    )
    file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {f["field"]: f for f in compared["fields"]}
    landing = rows["ad group 'walkers' keyword 'walking shoes' (broad) final_url"]
    assert (landing["google"], landing["meta"], landing["same"]) == (
        "https://shop.example.com/walking",
        None,
        False,
    )
    assert rows["ad group 'walkers' keyword 'walking shoes' (broad) url_custom_parameters"]["google"] == {
        "kw": "walk"
    }
    assert not any("keyword 'running shoes'" in field for field in rows)


def _demand_gen_on_google_alone() -> str:
    """``DEMAND_GEN_PRODUCT_SPEC`` run on Google alone, its budget unsplit, its product ad (creative
    ``shelf``) no longer kept on Google by its own ``platforms``."""
    return (
        DEMAND_GEN_PRODUCT_SPEC.replace(
            "platforms: {google: {account: google-main}, meta: {account: meta-main}}",
            "platforms: {google: {account: google-main}}",
        )
        .replace(", split: {google: 0.5, meta: 0.5}", "")
        .replace("      platforms: [google]\n", "")
    )


def _mirrored(midas: Midas, to: str) -> str:
    """What ``mirror campaign/local --to <to>`` says, its lines joined, once checked that it succeeds."""
    result = midas("mirror", "campaign/local", "--to", to)
    assert result.code == 0, result.output
    return " ".join(result.output.split())


def _laid_out(text: str, layout: str) -> str:
    """``text`` (a spec opening with a comment line) with ``---`` after its comment, CRLF line ends, a byte
    order mark: those ``layout`` names (``+`` between them)."""
    parts = layout.split("+")
    if "document-start" in parts:
        comment, rest = text.split("\n", 1)
        text = f"{comment}\n---\n{rest}"
    if "crlf" in parts:
        text = text.replace("\n", "\r\n")
    return f"\ufeff{text}" if "bom" in parts else text


@pytest.mark.parametrize("layout", ["crlf", "bom", "document-start", "crlf+bom+document-start"])
def test_mirror_keeps_the_line_ends_and_the_opening_of_the_file(
    midas: Midas, workspace: Path, layout: str
) -> None:
    """ruamel writes "\\n" line ends and drops a leading ``---`` with the comments before it: the lines the
    mirror does not edit stay byte for byte all the same."""
    file = workspace / "specs" / "brand-awareness.yaml"
    before = _laid_out(file.read_text(encoding="utf-8"), layout)
    file.write_bytes(before.encode("utf-8"))
    assert midas("mirror", "campaign/brand-awareness", "--to", "meta").code == 0
    after = file.read_bytes().decode("utf-8")
    lines = after.splitlines(keepends=True)
    assert [line for line in before.splitlines(keepends=True) if line not in lines] == []
    assert "    meta: {account: meta-main}" in after
    assert after.count("---") == before.count("---") and after.count("\ufeff") == before.count("\ufeff")
    if "crlf" in layout:
        assert after.count("\n") == after.count("\r\n")
    assert midas("validate").code == 0


@pytest.mark.parametrize("layout", ["crlf", "bom", "document-start"])
def test_restore_write_specs_keeps_the_line_ends_and_the_opening_of_the_file(
    midas: Midas, workspace: Path, layout: str
) -> None:
    file = workspace / "specs" / "spring-sale.yaml"
    file.write_bytes(_laid_out(file.read_text(encoding="utf-8"), layout).encode("utf-8"))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta:meta-main", "budget.amount=25.00").code == 0
    assert midas("snapshot", "--name", "edited").code == 0
    before = file.read_bytes().decode("utf-8")
    written = midas("restore", "edited", "--write-specs")
    assert written.code == 0 and "Wrote specs/spring-sale.yaml" in written.output, written.output
    after = file.read_bytes().decode("utf-8")
    assert after != before
    kept = [
        line for line in before.splitlines(keepends=True) if "split:" not in line and "daily:" not in line
    ]
    assert [line for line in kept if line not in after.splitlines(keepends=True)] == []
    if layout == "crlf":
        assert after.count("\n") == after.count("\r\n")


def test_mirror_keeps_the_sequence_indentation_of_the_file(midas: Midas, workspace: Path) -> None:
    """A file writing its lists' dashes at the indentation of their key (PyYAML's and many editors' way) is
    not reindented to the house style: the lines the mirror does not edit stay as written."""
    file = workspace / "specs" / "brand-awareness.yaml"
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    document["spec"]["ad_groups"] = [{"name": "all", "keywords": [{"text": "running co", "match": "exact"}]}]
    before = yaml.safe_dump(document, sort_keys=False)
    assert "\n  - name: all\n    keywords:\n    - text: running co\n" in before
    file.write_text(before, encoding="utf-8")
    assert midas("mirror", "campaign/brand-awareness", "--to", "meta").code == 0
    after = file.read_text(encoding="utf-8").splitlines()
    assert [line for line in before.splitlines() if line not in after] == []


def test_mirror_to_meta_keeps_dynamic_search_ads_on_google_and_compare_shows_them_as_googles(
    midas: Midas, workspace: Path
) -> None:
    """A Search campaign's dynamic ad group and its dynamic search ad are Google's alone: mirror to Meta keeps
    both there (``platforms: [google]``) and names each as needing attention, the standard ad group going to
    Meta; live, compare shows the Dynamic Search Ads setting, the pages it excludes, and the dynamic ad
    group's webpage targets and excluded pages as Google's."""
    (workspace / "specs" / "dsa.yaml").write_text(DSA_EXCLUSIONS_SPEC, encoding="utf-8")
    result = midas("mirror", "campaign/shoe-finder", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    said = " ".join(result.output.split())
    assert "ad group 'all-pages' stays on google only: it is a Google dynamic ad group" in said, said
    assert "creative 'finder' stays on google only: it is a Google dynamic search ad" in said, said
    spec = yaml.safe_load((workspace / "specs" / "dsa.yaml").read_text(encoding="utf-8"))["spec"]
    dynamic, trail = spec["ad_groups"]
    assert dynamic["platforms"] == ["google"] and "platforms" not in trail
    assert spec["creatives"][0]["platforms"] == ["google"]
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    shown = json.loads(midas("compare", "campaign/shoe-finder", "--format", "json").output)
    rows = {r["field"]: r for r in shown["fields"]}
    assert rows["google.dynamic_search_ads"]["google"] == "shop.example.com (en)"
    assert rows["google.dynamic_search_ads"]["meta"] is None
    assert rows["ad group 'all-pages' google.webpages"]["google"] == ["boots", "every page", "sale"]
    assert rows["ad group 'all-pages' google.exclude_webpages"]["google"] == ["outlet"]
    assert rows["google.dynamic_search_ads.exclude_webpages"]["google"] == ["careers", "login"]
    assert rows["ad groups"]["google"] == ["all-pages", "trail"] and rows["ad groups"]["meta"] == ["trail"]


def test_mirror_to_meta_keeps_a_demand_gen_product_ad_on_google_and_says_so(midas: Midas, bare: Path) -> None:
    """A Demand Gen product ad (``type: product``) shows a Merchant Center account's products, which Meta has
    nothing like: mirror to Meta keeps it on Google (``platforms: [google]``), names it as needing attention,
    and the campaign's other creative goes to Meta; the result applies and converges."""
    google_only = _demand_gen_on_google_alone()
    file = bare / "specs" / "demand.yaml"
    file.write_text(google_only, encoding="utf-8")
    result = midas("mirror", "campaign/trail-demand", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "creative 'shelf' stays on google only: it is a Google Demand Gen product ad: a Demand Gen product "
        "ad shows the products of a Google Merchant Center account, which Meta has nothing like"
    ) in said, said
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    story, shelf = spec["creatives"]
    assert shelf["platforms"] == ["google"] and "platforms" not in story
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0
    shown = json.loads(midas("compare", "campaign/trail-demand", "--format", "json").output)
    rows = {r["field"]: r for r in shown["fields"]}
    assert rows["google.demand_gen"]["google"] == "Merchant Center 987654321 (US)"
    assert rows["google.demand_gen"]["meta"] is None


@pytest.mark.parametrize("kept_on_google", [False, True], ids=["mirrored", "platforms-google"])
def test_mirror_to_meta_says_an_ad_group_s_product_filter_is_google_s_alone(
    midas: Midas, bare: Path, kept_on_google: bool
) -> None:
    """A Demand Gen ad group's product filter (``google.product_groups``) narrows the Merchant Center
    products its product ads show on Google; MIDAS does not translate it to Meta (a Meta catalog's product
    set is the nearest thing): mirror names it as needing attention, and the filter stays the ad group's on
    Google — but not for an ad group kept on Google (``platforms: [google]``), which gets no Meta ad set."""
    google_only = _demand_gen_on_google_alone().replace(
        "    - {name: home, creatives: [story, shelf]}\n",
        "    - name: home\n      creatives: [story, shelf]\n      google:\n        product_groups:\n"
        "          {split_by: brand, values: {Knockoff: {exclude: true}}, everything_else: {}}\n",
    )
    assert "product_groups" in google_only
    if kept_on_google:
        google_only = google_only.replace(
            "      creatives: [story, shelf]\n      google:\n",
            ("      creatives: [story, shelf]\n      platforms: [google]\n      google:\n"),
            1,
        )
        assert "      platforms: [google]\n      google:\n        product_groups" in google_only
    file = bare / "specs" / "demand.yaml"
    file.write_text(google_only, encoding="utf-8")
    result = midas("mirror", "campaign/trail-demand", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    said = " ".join(result.output.split())
    listed = (
        "ad group 'home' has a product filter (google.product_groups), which MIDAS does not translate: it "
        "narrows the products of Google's product ads alone"
    ) in said
    assert listed is not kept_on_google, said
    assert ("a Meta catalog's product set is the nearest thing" in said) is not kept_on_google, said
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    assert spec["ad_groups"][0]["google"]["product_groups"]["split_by"] == "brand"


def test_mirror_to_meta_keeps_a_radius_around_a_street_address_google_s_and_mirrors_the_rest(
    midas: Midas, bare: Path
) -> None:
    """MIDAS sends Meta no radius around a street address: the mirror gives Meta the campaign's other places
    (``meta.targeting.locations``, Meta's override), keeps the address Google's, says so, and converges."""
    file = bare / "specs" / "local.yaml"
    file.write_text(ADDRESS_SPEC, encoding="utf-8")
    said = _mirrored(midas, "meta")
    assert (
        "needs attention: the campaign's targeting.locations '10 mi around 1 Main St,San Francisco, us-ca, "
        "US:94105' stays Google's: MIDAS sends Meta no radius around a street address yet"
    ) in said, said
    assert "meta.targeting.locations" in said
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    assert spec["meta"]["targeting"] == {"locations": ["Toronto, CA"]}
    assert len(spec["targeting"]["locations"]) == 2  # Google keeps both
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    connector = ConnectorFactory(load_settings(bare)).create("meta-main")
    [adset] = [r.fields for r in connector.read() if r.address.kind == "adset"]
    geo = adset["targeting"]["geo_locations"]
    toronto = find_place("Toronto, CA")
    assert toronto is not None
    assert [c["key"] for c in geo["cities"]] == [toronto.meta_key] and "custom_locations" not in geo
    assert midas("plan", "--detailed-exitcode").code == 0


@pytest.mark.parametrize(
    ("radius", "why"),
    [
        ("12.5 mi around Oakland, US-CA", "Meta takes a whole number of mi around a city"),
        ("5 mi around Oakland, US-CA", "Meta takes a radius around a city of 10 to 50 mi"),
        ("90 km around 37.7749,-122.4194", "Meta takes a radius around a point of 1 to 80 km"),
    ],
    ids=["part-of-a-mile", "narrower-than-meta-takes", "wider-than-meta-takes"],
)
def test_mirror_to_meta_keeps_a_radius_meta_does_not_take_google_s_and_mirrors_the_rest(
    midas: Midas, bare: Path, radius: str, why: str
) -> None:
    """A radius Meta takes no such distance of (in part of a mile around a city, outside Meta's range) stays
    Google's, as a street address does: Meta gets the campaign's other places, the note says why."""
    file = bare / "specs" / "local.yaml"
    file.write_text(
        ADDRESS_SPEC.replace("'10 mi around 1 Main St,San Francisco, us-ca, US:94105'", f"'{radius}'"),
        encoding="utf-8",
    )
    said = _mirrored(midas, "meta")
    assert f"needs attention: the campaign's targeting.locations '{radius}' stays Google's: {why}" in said, (
        said
    )
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    assert spec["meta"]["targeting"] == {"locations": ["Toronto, CA"]}
    assert midas("validate").code == 0


def test_mirror_to_google_keeps_an_excluded_city_radius_meta_s_says_so_and_compare_shows_it(
    midas: Midas, bare: Path
) -> None:
    """Google is believed to exclude no radius: mirrored to Google, a Meta campaign excluding one around a
    city keeps it in the unified exclusions (Meta's ad set keeps excluding it), the mirror says Google leaves
    it out, the two converge, and compare shows the exclusion on Meta alone."""
    file = bare / "specs" / "local.yaml"
    on_meta = EXCLUDED_CITY_RADIUS_SPEC.replace("    google: {account: google-main}\n", "").replace(
        "currency: USD, split: {google: 0.5, meta: 0.5}", "currency: USD"
    )
    file.write_text(on_meta, encoding="utf-8")
    said = _mirrored(midas, "google")
    assert (
        "fidelity: location '15 mi around Oakland, US-CA', excluded, is Meta's alone (Google is believed to "
        "take no negative proximity criterion); the Google campaign leaves it out"
    ) in said, said
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    assert spec["targeting"]["exclude"]["locations"] == ["us:94110", "15 mi around Oakland, US-CA"]
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0
    compared = midas("compare", "campaign/local")
    assert compared.code == 0, compared.output
    [row] = [line for line in compared.output.splitlines() if "targeting.exclude" in line]
    assert row.startswith("≠") and row.count("15 mi around Oakland, US-CA") == 1, row
    assert row.index("15 mi around Oakland") > row.index("US:94110"), row  # in Meta's column


def test_mirror_to_meta_keeps_an_ad_group_targeting_a_street_address_on_google(
    midas: Midas, bare: Path
) -> None:
    """An ad group naming a street address in its own locations stays Google's, and on Search the note says
    Google reads the campaign's locations there, so its own apply nowhere (as validate warns)."""
    file = bare / "specs" / "local.yaml"
    text = ADDRESS_SPEC.replace(
        "    - name: main\n",
        f"    - name: main\n    - name: near\n      targeting: {{locations: ['{ADDRESS_RADIUS}']}}\n",
    )
    file.write_text(text, encoding="utf-8")
    assert midas("validate").code == 0
    said = _mirrored(midas, "meta")
    assert (
        f"needs attention: ad group 'near' stays on google only: its targeting.locations '{ADDRESS_RADIUS}' "
        "names a radius around a street address, and MIDAS sends Meta no radius around a street address yet"
    ) in said, said
    assert (
        "; on Search and Display Google reads the campaign's locations, not an ad group's, so there they "
        "apply nowhere — give Meta an ad group of its own"
    ) in said, said
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    main, near = spec["ad_groups"]
    assert near["platforms"] == ["google"] and "platforms" not in main
    assert midas("validate").code == 0


@pytest.mark.parametrize(
    ("locations", "why"),
    [
        ("['0.5 km around 37.77,-122.42']", "names a radius Meta takes none of"),
        (f"['{ADDRESS_RADIUS}']", "names a radius around a street address"),
    ],
    ids=["a-radius-out-of-meta-s-range", "a-street-address"],
)
def test_mirror_to_meta_of_a_campaign_whose_only_ad_group_stays_on_google_for_its_places_is_refused(
    midas: Midas, bare: Path, locations: str, why: str
) -> None:
    """Its only ad group's own places are none Meta can hold, so it stays on Google: Meta would get a campaign
    with a budget share and no ad set. Refused at the ad group's entry, nothing written."""
    file = bare / "specs" / "local.yaml"
    text = ADDRESS_SPEC.replace(
        "    - name: main\n", f"    - name: main\n      targeting: {{locations: {locations}}}\n"
    )
    file.write_text(text, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/local", "--to", "meta")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        "campaign 'local': no ad group would run on Meta: ad group 'main' stays on google only, its "
        "targeting.locations (specs/local.yaml:14: spec.ad_groups[0].targeting.locations) "
    ) in said, said
    assert why in said and "nothing written" in said, said
    assert file.read_text(encoding="utf-8") == text


def test_mirror_to_meta_of_a_campaign_targeting_street_addresses_alone_is_refused(
    midas: Midas, bare: Path
) -> None:
    """With every place a street address, Meta would have none left (serving everywhere): nothing written."""
    file = bare / "specs" / "local.yaml"
    file.write_text(ADDRESS_SPEC.replace(", 'Toronto, CA'", ""), encoding="utf-8")
    before = file.read_text(encoding="utf-8")
    result = midas("mirror", "campaign/local", "--to", "meta")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        "specs/local.yaml" in said
        and "every location the campaign targets is a radius around a street" in (said)
    ), said
    assert file.read_text(encoding="utf-8") == before


def test_mirror_to_meta_of_a_campaign_whose_other_places_are_geo_target_constants_is_refused(
    midas: Midas, bare: Path
) -> None:
    """A street address beside a geo target constant (Google's alone: Meta has no such place) leaves Meta's
    override no place, so its ad sets would serve everywhere: refused at the entry, nothing written."""
    file = bare / "specs" / "local.yaml"
    file.write_text(ADDRESS_SPEC.replace("'Toronto, CA'", "'geoTargetConstants/9059413'"), encoding="utf-8")
    assert midas("validate").code == 0
    before = file.read_text(encoding="utf-8")
    result = midas("mirror", "campaign/local", "--to", "meta")
    assert result.code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        "campaign 'local': no location the campaign targets is one Meta can hold (specs/local.yaml:10: "
        "spec.targeting.locations: '10 mi around 1 Main St,San Francisco, us-ca, US:94105' is a radius "
        "around a street address, which MIDAS sends Meta none of yet; geoTargetConstants/9059413 is a Google "
        "geo target constant, which Meta has no equivalent of), so its Meta ad sets would target every place"
    ) in said, said
    assert file.read_text(encoding="utf-8") == before


def test_mirror_to_meta_leaves_a_geo_target_constant_out_of_meta_s_override(midas: Midas, bare: Path) -> None:
    """Meta's override, written beside a street address, holds only places Meta has: a geo target constant
    stays in the unified list, Google's."""
    file = bare / "specs" / "local.yaml"
    file.write_text(
        ADDRESS_SPEC.replace("'Toronto, CA'", "'Toronto, CA', 'geoTargetConstants/9059413'"), encoding="utf-8"
    )
    result = midas("mirror", "campaign/local", "--to", "meta")
    assert result.code == 0, result.output
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    assert spec["meta"]["targeting"] == {"locations": ["Toronto, CA"]}
    assert len(spec["targeting"]["locations"]) == 3  # Google keeps all three
    validated = midas("validate")
    assert validated.code == 0 and "geoTargetConstants/9059413" not in validated.output, validated.output


def test_mirror_to_meta_needs_no_meta_place_for_a_dynamic_ad_group_kept_on_google(
    midas: Midas, bare: Path
) -> None:
    """The campaign targets a street address alone, and only its dynamic ad group (kept on Google) uses the
    campaign's places: no Meta ad set does, so nothing is refused, and the dynamic group is listed once."""
    file = bare / "specs" / "shoe.yaml"
    text = DSA_SPEC.replace(
        "targeting: {locations: [US], languages: [en]}",
        f"targeting: {{locations: ['{ADDRESS_RADIUS}'], languages: [en]}}",
    ).replace("    - name: trail\n", "    - name: trail\n      targeting: {locations: [US]}\n")
    file.write_text(text, encoding="utf-8")
    assert midas("validate").code == 0
    result = midas("mirror", "campaign/shoe-finder", "--to", "meta")
    assert result.code == 0, result.output
    said = " ".join(result.output.split())
    assert said.count("ad group 'all-pages' stays on google only") == 1, said
    assert "street address" not in said, said
    spec = yaml.safe_load(file.read_text(encoding="utf-8"))["spec"]
    assert "targeting" not in spec.get("meta", {})
    assert [g.get("platforms") for g in spec["ad_groups"]] == [["google"], None]
    assert midas("validate").code == 0


def test_compare_shows_each_ad_group_s_value_where_a_creative_s_ads_differ_between_them(
    midas: Midas, workspace: Path
) -> None:
    """A creative's view is one ad's: where its ads differ between ad groups (a console edit of one), the
    field is a row per ad group, each platform's value there, not the first ad's alone."""
    assert midas("apply", "--auto-approve").code == 0
    edits = [
        (
            "ad_group_ad/spring-sale/walkers/spring-shoes@google:google-main",
            'ad.final_urls=["https://x.test/walk"]',
        ),
        ("adcreative/spring-sale/walkers/spring-shoes@meta:meta-main", "title=Walk this spring"),
    ]
    for address, edit in edits:
        assert midas("sandbox", "set", address, edit).code == 0
    shown = json.loads(midas("compare", "campaign/spring-sale", "--format", "json").output)
    rows = {r["field"]: r for r in shown["fields"]}
    url = "https://shop.example.com/spring/shoes"
    for field, google, meta, same in [
        ("creative 'spring-shoes' final_url in ad group 'runners'", url, url, True),
        ("creative 'spring-shoes' final_url in ad group 'walkers'", "https://x.test/walk", url, False),
        (
            "creative 'spring-shoes' headlines in ad group 'runners'",
            None,
            ["Spring Sale on Running Shoes"],
            True,
        ),
        ("creative 'spring-shoes' headlines in ad group 'walkers'", None, ["Walk this spring"], False),
    ]:
        row = rows[field]
        assert (row["meta"], row["same"]) == (meta, same), row
        assert google is None or row["google"] == google, row
    # The fields its ads agree on stay one row; another creative's, running in one ad group, too.
    assert "creative 'spring-shoes' descriptions" in rows and "creative 'spring-shoes' final_url" not in rows
    assert "creative 'spring-shoes' headlines" not in rows and "creative 'spring-apparel' headlines" in rows
    text = midas("compare", "campaign/spring-sale").output
    assert "≠ creative 'spring-shoes' headlines in ad group 'walkers'" in text, text


def test_compare_shows_a_page_feed_as_googles(midas: Midas, workspace: Path) -> None:
    """A Dynamic Search Ads campaign's page feed is Google's alone: compare shows its pages by URL."""
    (workspace / "specs" / "dsa.yaml").write_text(DSA_FEED_SPEC, encoding="utf-8")
    assert midas("mirror", "campaign/shoe-finder", "--to", "meta", "--split", "0.5").code == 0
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    shown = json.loads(midas("compare", "campaign/shoe-finder", "--format", "json").output)
    rows = {r["field"]: r for r in shown["fields"]}
    feed = rows["google.dynamic_search_ads.page_feed"]
    assert (feed["google"], feed["meta"]) == ([DSA_FEED_BOOTS, DSA_FEED_TRAIL], None)
