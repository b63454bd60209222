"""Performance Max campaigns on Google through the sandbox connector: compile, apply, plan, change, drift."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import PMAX_BRAND_SPEC, PMAX_SPEC, PMAX_VIDEOS_SPEC
from fakes.hand_built import NAME, PMAX_ASSET_GROUP, PMAX_NAME, holiday_sale, sandbox_video_assets, trail_max

from midas_reconcile.connectors.sandbox import GoogleAdsSimulator
from midas_reconcile.errors import TransientError
from midas_reconcile.store import StateStore

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
GROUP = "asset_group/trail-pmax/default@google"


def test_a_performance_max_campaign_converges_with_its_asset_group(midas: Midas, workspace: Path) -> None:
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_SPEC, encoding="utf-8")
    # Validated, the asset group goes with its campaign, which nothing creates.
    validated = midas("plan", "--validate-remote")
    assert validated.code == 0 and "would refuse" not in validated.output, validated.output
    plan = midas("plan")
    assert (
        plan.code == 0
        and "PERFORMANCE_MAX" in plan.output
        and "+ asset_group/trail-pmax/default" in plan.output
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    # A changed text is another asset linked in place of the old one; the asset group stays.
    spec.write_text(PMAX_SPEC.replace("Run the hills", "Climb the hills"), encoding="utf-8")
    changed = midas("plan")
    assert "~ asset_group/trail-pmax/default" in changed.output and "Climb the hills" in changed.output
    assert "to replace" in changed.output and "0 to replace" in changed.output, changed.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_console_edit_of_an_asset_group_is_drift(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", GROUP, 'final_urls=["https://shop.example.com/other"]').code == 0
    drift = midas("drift")
    assert drift.code == 2 and "final_urls" in drift.output and "/other" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0


def test_a_performance_max_campaign_imports_as_channel_performance_max_and_adopts_to_no_changes(
    midas: Midas, bare: Path
) -> None:
    """A Performance Max campaign built by hand imports with ``google.channel: performance_max``, its asset
    group as an ad group running one creative of its assets, the business name as the campaign's."""
    trail_max(bare)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-max.yaml").read_text(encoding="utf-8"))
    google = spec["spec"]["google"]
    assert google["channel"] == "performance_max" and "networks" not in google
    assert google["business_name"] == "Example Running"
    assert google["bidding"] == {"strategy": "maximize_conversions", "target_cpa": 6}
    [group] = spec["spec"]["ad_groups"]
    [creative] = spec["spec"]["creatives"]
    assert group["name"] == "Hikers" and group.get("creatives", [creative["name"]]) == [creative["name"]]
    assert sorted(creative["headlines"]) == sorted(PMAX_ASSET_GROUP["headlines"])
    assert creative["google"] == {
        "long_headline": PMAX_ASSET_GROUP["long_headlines"][0],
        "marketing_images": ["5001"],
        "square_marketing_images": ["5002"],
        "square_logo_images": ["5003"],
        "logo_images": ["5004"],
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_asset_group_of_two_long_headlines_imports_as_long_headlines_and_adopts_to_no_changes(
    midas: Midas, bare: Path
) -> None:
    two = ["Trail shoes that grip wet rock", "Shoes for every rough trail"]
    trail_max(bare, long_headlines=two)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-max.yaml").read_text(encoding="utf-8"))
    [creative] = spec["spec"]["creatives"]
    assert sorted(creative["google"]["long_headlines"]) == sorted(two)
    assert "long_headline" not in creative["google"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


#: ``PMAX_SPEC`` whose asset group shows three long headlines.
THREE_LONG_HEADLINES = PMAX_SPEC.replace(
    "      google:\n",
    "      google:\n"
    "        long_headlines: [Shoes for the long road, Boots for the high hills, Grip on every trail]\n",
)


def test_an_asset_group_of_several_long_headlines_converges_and_swaps_one(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "pmax.yaml"
    assert THREE_LONG_HEADLINES != PMAX_SPEC
    spec.write_text(THREE_LONG_HEADLINES, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.write_text(THREE_LONG_HEADLINES.replace("Grip on every trail", "Fast on wet rock"), encoding="utf-8")
    changed = midas("plan")
    assert "long_headlines" in changed.output and "Fast on wet rock" in changed.output, changed.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(_asset_groups(midas)) == 1


#: ``PMAX_SPEC`` on Google alone, its creative without an image of its own.
GOOGLE_PMAX = (
    PMAX_SPEC.replace(
        "{google: {account: google-main}, meta: {account: meta-main}}", "{google: {account: google-main}}"
    )
    .replace(", split: {google: 0.5, meta: 0.5}", "")
    .replace("      type: image\n", "")
    .replace("      image_url: https://cdn.example.com/trail.jpg\n", "")
)


def test_mirror_to_meta_of_a_performance_max_campaign_gives_an_ad_set_per_asset_group(
    midas: Midas, workspace: Path
) -> None:
    """An asset group becomes a Meta ad set with one ad; its images are Google asset ids, so its creative
    needs an image_url on Meta."""
    (workspace / "specs" / "pmax.yaml").write_text(GOOGLE_PMAX, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    result = midas("mirror", "campaign/trail-pmax", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    assert "creative 'trail' has no image_url: its Google images are asset ids" in result.output
    spec = yaml.safe_load((workspace / "specs" / "pmax.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["google"]["channel"] == "performance_max" and "platforms" not in spec["creatives"][0]
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    created = {c["address"] for c in json.loads(plan.output)["changes"] if c["action"] == "create"}
    assert {
        "asset_group/trail-pmax/default@google:google-main",
        "adset/trail-pmax/default@meta:meta-main",
        "ad/trail-pmax/default/trail@meta:meta-main",
    } <= created


def test_mirror_to_google_of_a_meta_campaign_saying_performance_max_gives_an_asset_group(
    midas: Midas, workspace: Path
) -> None:
    """A Meta campaign already saying ``google.channel: performance_max`` becomes a Performance Max campaign
    (no keywords needed): its ad set an asset group of its one creative's assets."""
    result = _mirrored_to_google(
        midas, workspace, "  creatives:\n", "  ad_groups:\n    - name: hikers\n  creatives:\n"
    )
    assert result.code == 0, result.output
    assert "has no keywords" not in result.output and "stays on meta" not in result.output, result.output
    plan = midas("plan", "--format", "json")
    assert plan.code == 0, plan.output
    created = {c["address"]: c for c in json.loads(plan.output)["changes"] if c["action"] == "create"}
    group = created["asset_group/trail-pmax/hikers@google:google-main"]["after"]["fields"]
    assert group["business_name"] == "Example Running" and group["square_logo_images"] == ["1003"]


def test_import_all_imports_the_performance_max_campaigns_it_can_write_and_lists_those_it_cannot(
    midas: Midas, bare: Path
) -> None:
    """``import --all`` takes a Performance Max campaign as it takes a Search one, and leaves out (listing
    why) one it cannot write: here one without an asset group, as a console builds it."""
    holiday_sale(bare)
    trail_max(bare)
    built = midas(
        "sandbox", "add-campaign", "google-main", "Empty Max", "--channel", "PERFORMANCE_MAX", "--daily", "20"
    )
    assert built.code == 0, built.output
    result = midas("import", "--account", "google-main", "--all", "--adopt")
    assert result.code == 0, result.output
    assert f"Imported {NAME!r} (google " in result.output
    assert f"Imported {PMAX_NAME!r} (google " in result.output
    skipped = result.output[result.output.index("Skipped 'Empty Max' (google ") :]
    assert "has no asset groups" in skipped, result.output
    imported = sorted(p.name for p in (bare / "specs" / "imported").iterdir())
    assert imported == ["holiday-sale-us.yaml", "trail-max.yaml"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_performance_max_campaign_renamed_in_the_specs_is_renamed_in_place_with_its_asset_group(
    midas: Midas, workspace: Path
) -> None:
    """A Performance Max campaign renamed in its spec, nothing else changed, is the same campaign renamed:
    its asset group moves along under it (its record moved, nothing sent for it) and keeps its id."""
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    groups = _asset_groups(midas)
    spec.write_text(PMAX_SPEC.replace("name: trail-pmax", "name: trail-max"), encoding="utf-8")
    planned = midas("plan")
    assert "~ campaign/trail-max@google:google-main — campaign renamed (was 'trail-pmax')" in planned.output
    assert "asset_group/" not in planned.output and "0 to create" in planned.output, planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _asset_groups(midas) == groups


def _asset_groups(midas: Midas) -> list[tuple[str, str, str]]:
    """The sandbox's asset groups: (id, name, status)."""
    objects = json.loads(midas("sandbox", "list", "--format", "json").output)
    return sorted((o["id"], o["name"], o["status"]) for o in objects if o["kind"] == "asset_group")


def test_mirror_to_google_of_a_meta_campaign_saying_performance_max_moves_its_ages_to_meta_targeting(
    midas: Midas, workspace: Path
) -> None:
    """A Performance Max campaign targets locations and languages only: mirrored to Google, the Meta
    campaign's ages move to ``meta.targeting`` (Meta keeps them), as an app or Demand Gen campaign's do."""
    result = _mirrored_to_google(midas, workspace, "languages: [en]}", "languages: [en], ages: {min: 25}}")
    assert result.code == 0, result.output
    assert (
        "ages moved to meta.targeting: a Google Performance Max campaign targets locations" in result.output
    )
    spec = yaml.safe_load((workspace / "specs" / "pmax.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["targeting"] == {"locations": ["US"], "languages": ["en"]}
    assert spec["meta"]["targeting"] == {"ages": {"min": 25}}
    assert midas("plan").code == 0


def _mirrored_to_google(midas: Midas, workspace: Path, old: str, new: str) -> Any:
    """``midas mirror --to google`` of ``PMAX_SPEC`` on Meta alone, ``old`` in it replaced by ``new``: the
    spec validates first, as a Meta campaign saying performance_max."""
    meta_first = (
        PMAX_SPEC.replace(
            "{google: {account: google-main}, meta: {account: meta-main}}", "{meta: {account: meta-main}}"
        )
        .replace(", split: {google: 0.5, meta: 0.5}", "")
        .replace(old, new)
    )
    (workspace / "specs" / "pmax.yaml").write_text(meta_first, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    return midas("mirror", "campaign/trail-pmax", "--to", "google", "--split", "0.5")


#: ``PMAX_SPEC`` with two asset groups, each of a creative of its own.
TWO_GROUPS = PMAX_SPEC.replace(
    "  creatives:\n",
    "  ad_groups:\n    - {name: a, creatives: [trail]}\n    - {name: b, creatives: [road]}\n  creatives:\n",
) + (
    "    - name: road\n"
    "      type: image\n"
    "      headlines: [Trail shoes, Road shoes, Fast on tarmac]\n"
    "      descriptions: [Grip for every trail., Light shoes for long days.]\n"
    "      primary_text: Road shoes that fly.\n"
    "      final_url: https://shop.example.com/road\n"
    "      image_url: https://cdn.example.com/road.jpg\n"
    "      google:\n"
    '        marketing_images: ["1001"]\n'
    '        square_marketing_images: ["1002"]\n'
    '        square_logo_images: ["1003"]\n'
)


def test_two_asset_groups_relinked_in_one_apply_each_swap_their_old_assets(
    midas: Midas, workspace: Path
) -> None:
    """A new business name relinks every asset group of the campaign: each unlinks its old one (Google takes
    one business name per asset group), not only the first sent."""
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(TWO_GROUPS, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(
        TWO_GROUPS.replace("business_name: Example Running", "business_name: Example Runs"), encoding="utf-8"
    )
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_transient_refusal_of_an_asset_groups_request_retries_the_asset_group_alone(
    midas: Midas, bare: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its campaign and budget went in the request before: they stay applied, only the asset group is
    retried (a retry of all would create the budget twice: DUPLICATE_NAME)."""
    mutate = GoogleAdsSimulator.mutate
    refused: list[bool] = []

    def refuse_first_asset_group(self: GoogleAdsSimulator, cid: str, operations: Any, **kw: Any) -> Any:
        if not refused and any("asset_group_operation" in op for op in operations):
            refused.append(True)
            raise TransientError(
                "busy", platform="google", code="internal_error.INTERNAL_ERROR", retry_after=0
            )
        return mutate(self, cid, operations, **kw)

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", refuse_first_asset_group)
    (bare / "specs" / "pmax.yaml").write_text(GOOGLE_PMAX, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert refused and applied.code == 0 and "DUPLICATE" not in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(_asset_groups(midas)) == 1


def test_a_campaigns_only_asset_group_replaced_by_another_is_made_before_it_is_removed(
    midas: Midas, workspace: Path
) -> None:
    """Google keeps a campaign's last asset group (CANNOT_REMOVE_ALL_ASSET_GROUPS_FROM_CAMPAIGN): the new one
    is made before the old one goes (renamed with a new headline it is another asset group, not the same
    one renamed)."""
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    renamed = PMAX_SPEC.replace(
        "  creatives:\n", "  ad_groups:\n    - {name: hikers}\n  creatives:\n"
    ).replace("Run the hills", "Climb the hills")
    spec.write_text(renamed, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--allow-destroy")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    _converged_to_asset_groups(midas, [("default", "REMOVED"), ("hikers", "ENABLED")])


def test_every_asset_group_operation_goes_in_an_atomic_request_of_asset_group_operations(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Google: "AssetGroup operations must be atomic. Partial failure is not supported" — a pause, a new
    final URL and a removal of asset groups included, none in the partial-failure request of the rest."""
    google_only = TWO_GROUPS.replace(
        "{google: {account: google-main}, meta: {account: meta-main}}", "{google: {account: google-main}}"
    ).replace(", split: {google: 0.5, meta: 0.5}", "")
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(google_only, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    sent = _recorded_mutates(monkeypatch)
    changed = (
        google_only[: google_only.index("    - name: road")]
        .replace("{name: a, creatives: [trail]}", "{name: a, creatives: [trail], status: paused}")
        .replace("    - {name: b, creatives: [road]}\n", "")
        .replace("https://shop.example.com/trail", "https://shop.example.com/hills")
        .replace("daily: 40.00", "daily: 45.00")
    )
    spec.write_text(changed, encoding="utf-8")
    applied = midas("apply", "--auto-approve", "--allow-destroy")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    requests = [({next(iter(op)) for op in ops}, partial) for ops, partial in sent]
    grouped = [(kinds, partial) for kinds, partial in requests if "asset_group_operation" in kinds]
    assert len(grouped) == 2 and not any(partial for _kinds, partial in grouped), requests
    assert all(kinds <= {"asset_group_operation", "asset_group_asset_operation"} for kinds, _ in grouped)
    assert any("campaign_budget_operation" in kinds for kinds, _partial in requests)
    _converged_to_asset_groups(midas, [("a", "PAUSED"), ("b", "REMOVED")])


def test_an_asset_groups_headlines_and_descriptions_are_made_in_a_request_before_its_own(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Google's examples: "Performance Max campaigns require that repeated assets such as headlines and
    descriptions be created before the campaign"; the asset group links them by their resource names."""
    sent = _recorded_mutates(monkeypatch)
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    requests = [ops for ops, _partial in sent]
    [group_at] = [i for i, ops in enumerate(requests) if any("asset_group_operation" in op for op in ops)]
    texts = requests[group_at - 1]
    assert {next(iter(op)) for op in texts} == {"asset_operation"}
    assert sorted(op["asset_operation"]["create"]["text_asset"]["text"] for op in texts) == sorted(
        [
            "Trail shoes",
            "Run the hills",
            "Grip on wet rock",
            "Grip for every trail.",
            "Light shoes for long days.",
        ]
    )
    made = [op["asset_operation"]["create"] for op in requests[group_at] if "asset_operation" in op]
    assert len(made) == 2  # its long headline and business name, under temporary names
    links = [
        op["asset_group_asset_operation"]["create"]
        for op in requests[group_at]
        if "asset_group_asset_operation" in op
    ]
    headline_assets = {link["asset"] for link in links if link["field_type"] in ("HEADLINE", "DESCRIPTION")}
    assert all(not asset.rsplit("/", 1)[1].startswith("-") for asset in headline_assets)
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _recorded_mutates(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[dict[str, Any]], bool]]:
    """Every mutate request the sandbox's API is sent from now on: its operations and partial_failure."""
    mutate = GoogleAdsSimulator.mutate
    sent: list[tuple[list[dict[str, Any]], bool]] = []

    def record(self: GoogleAdsSimulator, cid: str, operations: Any, **kw: Any) -> Any:
        sent.append((list(operations), kw.get("partial_failure", False)))
        return mutate(self, cid, operations, **kw)

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", record)
    return sent


def _converged_to_asset_groups(midas: Midas, groups: list[tuple[str, str]]) -> None:
    """A plan after the apply is clean, and the sandbox holds ``groups``: (name, status)."""
    assert midas("plan", "--detailed-exitcode", "--allow-destroy").code == 0, midas("plan").output
    assert [(name, status) for _id, name, status in _asset_groups(midas)] == groups


def test_a_performance_max_campaign_with_brand_guidelines_on_imports_and_adopts_to_no_changes(
    midas: Midas, bare: Path
) -> None:
    """Brand guidelines on (the UI's default from v21): business name and logos are the campaign's assets,
    imported as ``google.business_name`` and ``google.brand_guidelines``, none on the creative."""
    trail_max(bare, brand=True)
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-max.yaml").read_text(encoding="utf-8"))
    google = spec["spec"]["google"]
    assert google["business_name"] == "Example Running"
    assert google["brand_guidelines"] == {"square_logo_images": ["5003"], "logo_images": ["5004"]}
    [creative] = spec["spec"]["creatives"]
    assert creative["google"] == {
        "long_headline": PMAX_ASSET_GROUP["long_headlines"][0],
        "marketing_images": ["5001"],
        "square_marketing_images": ["5002"],
    }
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_performance_max_campaign_with_brand_guidelines_converges_and_changes_its_brand_assets(
    midas: Midas, workspace: Path
) -> None:
    """Made with brand guidelines on, its business name and logo linked to the campaign; a new business name
    and another logo relink the campaign's assets (the campaign and its asset group stay)."""
    spec = workspace / "specs" / "pmax.yaml"
    assert PMAX_BRAND_SPEC.count("square_logo_images") == 1
    spec.write_text(PMAX_BRAND_SPEC, encoding="utf-8")
    assert midas("validate").code == 0, midas("validate").output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    groups = _asset_groups(midas)
    spec.write_text(
        PMAX_BRAND_SPEC.replace("business_name: Example Running", "business_name: Example Runs").replace(
            '{square_logo_images: ["1003"]}', '{square_logo_images: ["1003"], logo_images: ["1009"]}'
        ),
        encoding="utf-8",
    )
    changed = midas("plan")
    assert "~ campaign/trail-pmax@google" in changed.output and "Example Runs" in changed.output, (
        changed.output
    )
    assert "asset_group/" not in changed.output and "0 to replace" in changed.output, changed.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0
    assert _asset_groups(midas) == groups


#: ``PMAX_SPEC`` whose ad group (its asset group) is named ``hikers`` instead of the default.
HIKERS = PMAX_SPEC.replace("  creatives:\n", "  ad_groups:\n    - {name: hikers}\n  creatives:\n")


def test_an_asset_group_renamed_in_the_specs_is_renamed_in_place(
    midas: Midas, workspace: Path, state_url: str
) -> None:
    """An ad group renamed in its spec, nothing else changed, is the same asset group renamed (v26
    AssetGroup.name is mutable): its name updated, its id, links and history kept, its record moved."""
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(HIKERS, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    [(group_id, _, _)] = _asset_groups(midas)
    spec.write_text(HIKERS.replace("{name: hikers}", "{name: walkers}"), encoding="utf-8")
    planned = midas("plan")
    assert (
        "~ asset_group/trail-pmax/walkers@google:google-main — asset group renamed (was 'hikers'): the same "
        "asset group, renamed in place"
    ) in planned.output, planned.output
    assert '~ name: "hikers" → "walkers"' in planned.output
    # And its Meta ad set, renamed in place as ever.
    assert "0 to create, 2 to update, 0 to replace, 0 to pause" in planned.output, planned.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _asset_groups(midas) == [(group_id, "walkers", "ENABLED")]
    with StateStore.open(state_url) as store:
        paths = {a.path for a in store.recorded(["google-main"]) if a.kind == "asset_group"}
    assert paths == {"trail-pmax/walkers"}


def test_an_asset_group_renamed_in_a_console_is_drift_of_its_name_and_the_plan_renames_it_back(
    midas: Midas, workspace: Path
) -> None:
    """MIDAS reads an asset group it recorded at its recorded address whatever its live name."""
    (workspace / "specs" / "pmax.yaml").write_text(HIKERS, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    before = _asset_groups(midas)
    assert midas("sandbox", "set", "asset_group/trail-pmax/hikers@google", "name=console").code == 0
    drift = midas("drift")
    assert drift.code == 2 and '~ name: "hikers" → "console"' in drift.output, drift.output
    assert "deleted" not in drift.output, drift.output
    planned = midas("plan")
    assert "0 to create, 1 to update, 0 to replace, 0 to pause" in planned.output, planned.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _asset_groups(midas) == before


def test_a_restore_from_before_an_asset_group_was_renamed_renames_it_back(
    midas: Midas, workspace: Path
) -> None:
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(HIKERS, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("snapshot", "--name", "before").code == 0
    before = _asset_groups(midas)
    spec.write_text(HIKERS.replace("{name: hikers}", "{name: walkers}"), encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    restored = midas("restore", "before", "--auto-approve")
    assert restored.code == 0, restored.output
    assert "~ asset_group/trail-pmax/hikers@google:google-main — asset group renamed (was 'walkers')" in (
        restored.output
    )
    assert "0 to create" in restored.output and "0 to pause" in restored.output, restored.output
    assert _asset_groups(midas) == before


def test_an_asset_group_link_paused_in_the_console_is_drift_and_the_apply_re_enables_it(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paused link (v26 AssetGroupAsset.status PAUSED) is no asset of the asset group: drift says its
    headline is gone, and the apply re-enables that link (a second link of it would be refused)."""
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    paused = midas("sandbox", "set", GROUP, "link:HEADLINE:Run the hills=paused")
    assert paused.code == 0, paused.output
    drift = midas("drift")
    assert drift.code == 2 and "headlines" in drift.output and "Run the hills" in drift.output, drift.output
    sent = _recorded_mutates(monkeypatch)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    [ops] = [ops for ops, _partial in sent]
    assert [op["asset_group_asset_operation"]["update"]["status"] for op in ops] == ["ENABLED"], ops
    assert ops[0]["asset_group_asset_operation"]["update_mask"] == "status"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0


def test_a_brand_logo_link_paused_in_the_console_is_drift_and_the_apply_re_enables_it(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A brand campaign's logo link paused (v26 CampaignAsset.status PAUSED) is no logo of the campaign:
    drift says so and the apply re-enables it; dropped from the spec while paused, nothing is left to do."""
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_BRAND_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    paused = midas("sandbox", "set", "campaign/trail-pmax@google", "link:LOGO:1003=paused")
    assert paused.code == 0, paused.output
    drift = midas("drift")
    assert drift.code == 2 and "square_logo_images" in drift.output, drift.output
    sent = _recorded_mutates(monkeypatch)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    [ops] = [ops for ops, _partial in sent]
    assert [op["campaign_asset_operation"]["update"]["status"] for op in ops] == ["ENABLED"], ops
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0


def test_pausing_a_link_the_asset_group_lacks_names_its_links(midas: Midas, workspace: Path) -> None:
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    refused = midas("sandbox", "set", GROUP, "link:HEADLINE:Nowhere=paused")
    assert refused.code == 1 and "no link HEADLINE:'Nowhere'" in refused.output, refused.output
    assert "HEADLINE:Run the hills" in refused.output


#: ``PMAX_SPEC`` whose asset group has a call to action.
SHOP_NOW = PMAX_SPEC.replace("      google:\n", "      google:\n        call_to_action: shop_now\n")


def test_an_asset_groups_call_to_action_converges_changes_and_imports(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``google.call_to_action`` is a call to action asset (v26 CallToActionAsset) linked as
    CALL_TO_ACTION_SELECTION; another one relinks the asset group to a new asset."""
    spec = workspace / "specs" / "pmax.yaml"
    assert SHOP_NOW != PMAX_SPEC
    spec.write_text(SHOP_NOW, encoding="utf-8")
    sent = _recorded_mutates(monkeypatch)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    made = [op["asset_operation"]["create"] for ops, _ in sent for op in ops if "asset_operation" in op]
    assert {"call_to_action": "SHOP_NOW"} in [m.get("call_to_action_asset") for m in made]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.write_text(SHOP_NOW.replace("shop_now", "book_now"), encoding="utf-8")
    changed = midas("plan")
    assert '~ call_to_action: "SHOP_NOW" → "BOOK_NOW"' in changed.output, changed.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    spec.write_text(PMAX_SPEC, encoding="utf-8")  # none: Google's automated one; the link goes
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_asset_group_with_a_call_to_action_imports_and_adopts_to_no_changes(
    midas: Midas, bare: Path
) -> None:
    trail_max(bare, call_to_action="SHOP_NOW")
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-max.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["creatives"][0]["google"]["call_to_action"] == "shop_now"
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_asset_groups_youtube_videos_converge_change_and_are_deduplicated(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``google.youtube_videos`` are YouTube video assets (v26 YoutubeVideoAsset.youtube_video_id) linked as
    YOUTUBE_VIDEO, read back by video id (apply then plan is clean); a video swapped for another unlinks
    the old one, and a video the account holds already is its existing asset (Google deduplicates)."""
    spec = workspace / "specs" / "pmax.yaml"
    assert PMAX_VIDEOS_SPEC != PMAX_SPEC
    spec.write_text(PMAX_VIDEOS_SPEC, encoding="utf-8")
    sent = _recorded_mutates(monkeypatch)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    made = [op["asset_operation"]["create"] for ops, _ in sent for op in ops if "asset_operation" in op]
    assert sorted(
        m["youtube_video_asset"]["youtube_video_id"] for m in made if "youtube_video_asset" in m
    ) == [
        "M7lc1UVf-VE",
        "dQw4w9WgXcQ",
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0

    spec.write_text(PMAX_VIDEOS_SPEC.replace("M7lc1UVf-VE", "aqz-KE-bpKQ"), encoding="utf-8")
    changed = midas("plan")
    assert "youtube_videos" in changed.output and "aqz-KE-bpKQ" in changed.output, changed.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    videos = sandbox_video_assets(workspace)
    assert len(videos) == 3, videos  # the old video's asset stays: assets are never removed

    # Back to the first pair: the video the account has already is its existing asset, relinked.
    spec.write_text(PMAX_VIDEOS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert sandbox_video_assets(workspace) == videos


def test_a_youtube_video_link_paused_or_removed_in_the_console_is_drift(
    midas: Midas, workspace: Path
) -> None:
    """A video's link paused in the console is no video of the asset group: drift names it, and the apply
    re-enables the link; removed, drift names it too and the apply links it again."""
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_VIDEOS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    paused = midas("sandbox", "set", GROUP, "link:YOUTUBE_VIDEO:dQw4w9WgXcQ=paused")
    assert paused.code == 0, paused.output
    drift = midas("drift")
    assert drift.code == 2 and "youtube_videos" in drift.output and "dQw4w9WgXcQ" in drift.output, (
        drift.output
    )
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    removed = midas("sandbox", "set", GROUP, "link:YOUTUBE_VIDEO:M7lc1UVf-VE=removed")
    assert removed.code == 0, removed.output
    drift = midas("drift")
    assert drift.code == 2 and "M7lc1UVf-VE" in drift.output, drift.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0


def test_an_asset_group_with_youtube_videos_imports_and_adopts_to_no_changes(
    midas: Midas, bare: Path
) -> None:
    trail_max(bare, youtube_videos=["dQw4w9WgXcQ", "M7lc1UVf-VE"])
    adopted = midas("import", "--account", "google-main", "--all", "--adopt")
    assert adopted.code == 0 and "YOUTUBE_VIDEO" not in adopted.output, adopted.output
    spec = yaml.safe_load((bare / "specs" / "imported" / "trail-max.yaml").read_text(encoding="utf-8"))
    assert spec["spec"]["creatives"][0]["google"]["youtube_videos"] == ["M7lc1UVf-VE", "dQw4w9WgXcQ"]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_six_youtube_videos_or_a_malformed_id_are_refused_at_the_field(midas: Midas, workspace: Path) -> None:
    six = ", ".join(f"video{n:06d}" for n in range(6))
    spec = workspace / "specs" / "pmax.yaml"
    spec.write_text(PMAX_VIDEOS_SPEC.replace("dQw4w9WgXcQ, M7lc1UVf-VE", six), encoding="utf-8")
    refused = midas("validate")
    assert refused.code == 1 and "youtube_videos" in refused.output, refused.output
    assert "found 6 youtube_videos; a Performance Max asset group takes at most 5" in refused.output
    spec.write_text(PMAX_VIDEOS_SPEC.replace("M7lc1UVf-VE", "https://youtu.be/x"), encoding="utf-8")
    refused = midas("validate")
    assert refused.code == 1 and "a YouTube video id" in refused.output, refused.output


def test_mirror_to_meta_lists_an_asset_groups_youtube_videos_as_needing_attention(
    midas: Midas, workspace: Path
) -> None:
    """Meta plays videos uploaded to its ad account (``video_id``), and MIDAS uploads none: an asset
    group's YouTube videos cannot be carried over, and ``mirror`` says so."""
    videos = GOOGLE_PMAX.replace("      google:\n", "      google:\n        youtube_videos: [dQw4w9WgXcQ]\n")
    (workspace / "specs" / "pmax.yaml").write_text(videos, encoding="utf-8")
    result = midas("mirror", "campaign/trail-pmax", "--to", "meta", "--split", "0.5")
    assert result.code == 0, result.output
    assert (
        "needs attention: creative 'trail' has YouTube videos (dQw4w9WgXcQ) that Meta cannot show without an "
        "upload" in result.output
    ), result.output
    spec = yaml.safe_load((workspace / "specs" / "pmax.yaml").read_text(encoding="utf-8"))["spec"]
    assert spec["creatives"][0]["google"]["youtube_videos"] == ["dQw4w9WgXcQ"]  # kept for Google
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_compare_shows_an_asset_groups_youtube_videos_beside_its_meta_ads_none(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "pmax.yaml").write_text(PMAX_VIDEOS_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    compared = json.loads(midas("compare", "campaign/trail-pmax", "--format", "json").output)
    [row] = [r for r in compared["fields"] if r["field"] == "creative 'trail' videos"]
    assert row == {
        "field": "creative 'trail' videos",
        "google": ["M7lc1UVf-VE", "dQw4w9WgXcQ"],
        "meta": None,
        "same": False,
    }
    text = midas("compare", "campaign/trail-pmax").output
    assert "≠ creative 'trail' videos" in text and "M7lc1UVf-VE, dQw4w9WgXcQ" in text, text
