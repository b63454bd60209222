"""A Dynamic Search Ads campaign's page feed through the sandbox connector: its pages and their custom labels
(v26 Asset.page_feed_asset) in an asset set of type PAGE_FEED linked to the campaign (CampaignAssetSet), as
developers.google.com/google-ads/api/docs/dynamic-search-ads/dsa-page-feeds builds one: compile, apply, plan,
drift, import."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from fakes.example import DSA_FEED_BOOTS, DSA_FEED_SPEC, DSA_FEED_TRAIL
from fakes.hand_built import NAME, holiday_sale, shoe_finder

from midas_reconcile.cli import App, main
from midas_reconcile.connectors import google_backend
from midas_reconcile.connectors.google_schema import GoogleAdsFailure, OpError
from midas_reconcile.connectors.sandbox.faults import CRASH_EXIT_CODE
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator
from midas_reconcile.connectors.sandbox.world import SandboxWorld
from midas_reconcile.errors import AuthError, PermanentError, TransientError
from midas_reconcile.store import StateStore

#: What this module tests is not the state store (tests/conftest.py).
pytestmark = pytest.mark.sqlite_store

Midas = Callable[..., Any]
CID = "1234567890"
BOOTS = DSA_FEED_BOOTS
TRAIL = DSA_FEED_TRAIL
FEED_SPEC = DSA_FEED_SPEC


def _rows(workspace: Path, type_: str) -> list[dict[str, Any]]:
    with SandboxWorld.for_workspace(workspace) as world:
        return GoogleAdsSimulator(world).peek(CID, type_)


def _mutate(workspace: Path, operations: list[dict[str, Any]]) -> list[str | None]:
    """Operations as a console would send them (through the simulator, out of MIDAS)."""
    with SandboxWorld.for_workspace(workspace) as world:
        return list(GoogleAdsSimulator(world).mutate(CID, operations).results)


def _console_feed(
    workspace: Path, campaign: dict[str, Any], pages: list[dict[str, Any]], name: str = "Pages"
) -> str:
    """A page feed a console builds for ``campaign`` (its row): an asset per page (``page_feed_asset``
    mappings), a PAGE_FEED set named ``name`` holding them, linked to the campaign; the set's name."""
    assets = _mutate(workspace, [{"asset_operation": {"create": page}} for page in pages]) if pages else []
    [asset_set] = _mutate(
        workspace, [{"asset_set_operation": {"create": {"name": name, "type": "PAGE_FEED"}}}]
    )
    link = {"campaign": campaign["resource_name"], "asset_set": asset_set}
    _mutate(
        workspace,
        [
            *(
                {"asset_set_asset_operation": {"create": {"asset_set": asset_set, "asset": a}}}
                for a in assets
            ),
            {"campaign_asset_set_operation": {"create": link}},
        ],
    )
    assert asset_set is not None
    return asset_set


def _feed(workspace: Path) -> dict[str, list[str]]:
    """The live page feed assets' URLs → labels, of the links in force."""
    linked = {row["asset"] for row in _rows(workspace, "asset_set_asset")}
    return {
        row["page_feed_asset"]["page_url"]: sorted(row["page_feed_asset"].get("labels") or [])
        for row in _rows(workspace, "asset")
        if row["resource_name"] in linked and row.get("page_feed_asset")
    }


def test_a_page_feed_converges_and_a_console_edit_of_it_is_drift_the_apply_restores(
    midas: Midas, workspace: Path
) -> None:
    (workspace / "specs" / "dsa.yaml").write_text(FEED_SPEC, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0 and "page_feed" in plan.output and BOOTS in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}
    [asset_set] = _rows(workspace, "asset_set")
    assert asset_set["type"] == "PAGE_FEED"
    [link] = _rows(workspace, "campaign_asset_set")
    assert link["asset_set"] == asset_set["resource_name"]

    # A console takes the boots page out of the feed and adds another.
    [boots] = [r for r in _rows(workspace, "asset_set_asset") if BOOTS in str(_feed_url(workspace, r))]
    other = {"page_feed_asset": {"page_url": "https://shop.example.com/other", "labels": ["x"]}}
    [asset] = _mutate(workspace, [{"asset_operation": {"create": other}}])
    _mutate(
        workspace,
        [
            {"asset_set_asset_operation": {"remove": boots["resource_name"]}},
            {
                "asset_set_asset_operation": {
                    "create": {"asset_set": asset_set["resource_name"], "asset": asset}
                }
            },
        ],
    )
    drift = midas("drift")
    assert drift.code == 2 and "page_feed" in drift.output and "other" in drift.output, drift.output
    assert "1 to update" in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}


def _feed_url(workspace: Path, link: dict[str, Any]) -> str | None:
    [asset] = [r for r in _rows(workspace, "asset") if r["resource_name"] == link["asset"]]
    return str(asset["page_feed_asset"]["page_url"])


def test_a_page_feed_built_in_the_console_imports_exactly_and_adopts_to_no_changes(
    midas: Midas, workspace: Path
) -> None:
    """Once refused in silence (import wrote the campaign without its feed, so an apply of the spec would
    have taken none): a console's page feed imports as ``google.dynamic_search_ads.page_feed``."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    shoe_finder(workspace)
    [campaign] = [c for c in _rows(workspace, "campaign") if c["name"] == "Shoe Finder"]
    pages = [
        {"page_feed_asset": {"page_url": BOOTS, "labels": ["sale", "boots"]}},
        {"page_feed_asset": {"page_url": TRAIL}},
    ]
    _console_feed(workspace, campaign, pages, name="Shoe pages")
    adopted = midas("import", "--account", "google-main", "--campaign", "Shoe Finder", "--adopt")
    assert adopted.code == 0, adopted.output
    written = yaml.safe_load((workspace / "specs" / "imported" / "shoe-finder.yaml").read_text())["spec"]
    assert written["google"]["dynamic_search_ads"]["page_feed"] == [
        {"url": BOOTS, "labels": ["boots", "sale"]},
        {"url": TRAIL},
    ]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_a_changed_label_relinks_the_page_and_a_removed_feed_unlinks_every_page_in_its_one_set(
    midas: Midas, workspace: Path
) -> None:
    """A page's labels changed is another asset in the same set (MIDAS never edits an asset); the feed
    removed from the spec unlinks every page, and put back links them into that set again: the campaign
    keeps one page feed set throughout, each an update of the campaign in place."""
    spec = workspace / "specs" / "dsa.yaml"
    spec.write_text(FEED_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    spec.write_text(FEED_SPEC.replace("labels: [sale]", "labels: [sale, boots]"), encoding="utf-8")
    plan = midas("plan")
    assert "1 to update, 0 to replace" in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {BOOTS: ["boots", "sale"], TRAIL: ["new", "trail"]}

    feed_lines = FEED_SPEC[FEED_SPEC.index("      page_feed:\n") : FEED_SPEC.index("  ad_groups:\n")]
    spec.write_text(FEED_SPEC.replace(feed_lines, ""), encoding="utf-8")
    assert "1 to update, 0 to replace" in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {}

    spec.write_text(FEED_SPEC, encoding="utf-8")
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}
    assert len(_rows(workspace, "asset_set")) == len(_rows(workspace, "campaign_asset_set")) == 1


def test_a_page_feed_of_a_search_campaign_without_dynamic_search_ads_is_refused_naming_it(
    midas: Midas, workspace: Path
) -> None:
    """A page feed linked to a campaign without the Dynamic Search Ads setting (a Performance Max
    campaign's URL inclusions, a Search campaign's whose setting was cleared) is not read as the campaign's:
    import names it, rather than write a spec without it, and writes nothing."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    holiday_sale(workspace)
    [campaign] = [c for c in _rows(workspace, "campaign") if c["name"] == NAME]
    asset_set = _console_feed(workspace, campaign, [{"page_feed_asset": {"page_url": BOOTS}}])
    refused = midas("import", "--account", "google-main", "--all")
    assert refused.code == 1, refused.output
    assert f"has the page feed {asset_set} (a PAGE_FEED asset set)" in refused.output, refused.output
    assert "only in a Search campaign with google.dynamic_search_ads" in refused.output
    assert not (workspace / "specs" / "imported").exists() or not list(
        (workspace / "specs" / "imported").iterdir()
    )


def _only(workspace: Path, **specs: str) -> None:
    """The workspace holding ``specs`` alone (file stem → text)."""
    for file in [*(workspace / "specs").glob("*.yaml"), *(workspace / "policies").glob("*.yaml")]:
        file.unlink()
    for stem, text in specs.items():
        (workspace / "specs" / f"{stem}.yaml").write_text(text, encoding="utf-8")


def _campaign(workspace: Path, name: str) -> dict[str, Any]:
    [campaign] = [c for c in _rows(workspace, "campaign") if c["name"] == name]
    return campaign


#: A second DSA campaign, boot-finder, without a page feed of its own.
BOOT_FINDER = FEED_SPEC.replace("metadata: {name: shoe-finder}", "metadata: {name: boot-finder}")
BOOT_FINDER = (
    BOOT_FINDER[: BOOT_FINDER.index("      page_feed:\n")]
    + BOOT_FINDER[BOOT_FINDER.index("  ad_groups:\n") :]
)


def test_a_page_feed_set_shared_with_another_campaign_is_never_edited_and_is_refused_by_name(
    midas: Midas, workspace: Path
) -> None:
    """A console links shoe-finder's page feed set to boot-finder too (whose spec has no feed). MIDAS once
    emptied the shared set for boot-finder, taking shoe-finder's pages, and the two flip-flopped for ever:
    now it edits no set linked to more than one campaign: the plan warns and the apply refuses boot-finder's
    change naming the set, shoe-finder keeps its pages, and an import of either refuses the shared feed by
    name."""
    _only(workspace, a=FEED_SPEC, b=BOOT_FINDER)
    assert midas("apply", "--auto-approve").code == 0
    [asset_set] = _rows(workspace, "asset_set")
    link = {
        "campaign": _campaign(workspace, "boot-finder")["resource_name"],
        "asset_set": asset_set["resource_name"],
    }
    _mutate(workspace, [{"campaign_asset_set_operation": {"create": link}}])
    applied = midas("apply", "--auto-approve")
    assert applied.code == 1, applied.output
    assert asset_set["resource_name"] in applied.output and "shared" in applied.output, applied.output
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}
    planned = midas("plan").output
    changes = planned.split("Plan:")[0]
    assert "campaign/shoe-finder@google" not in changes and "campaign/boot-finder@google" in changes, planned
    # The plan says beforehand what the apply will refuse.
    refusal = "campaign/boot-finder@google:google-main: the apply refuses this page feed change"
    assert refusal in planned and asset_set["resource_name"] in planned, planned
    (workspace / "specs" / "a.yaml").unlink()
    refused = midas("import", "--account", "google-main", "--campaign", "shoe-finder")
    assert refused.code == 1 and f"{asset_set['resource_name']}" in refused.output, refused.output
    assert f"boot-finder ({_campaign(workspace, 'boot-finder')['id']})" in refused.output, refused.output


def test_a_page_two_linked_sets_hold_is_one_page_of_the_feed_and_no_perpetual_diff(
    midas: Midas, workspace: Path
) -> None:
    """A console links a second PAGE_FEED set to the campaign holding a page its first set holds too: the
    feed reads the page once (it once read it twice, a diff no apply could end), and a page taken out of the
    spec is unlinked from both sets."""
    _only(workspace, a=FEED_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    [asset] = _mutate(
        workspace,
        [{"asset_operation": {"create": {"page_feed_asset": {"page_url": BOOTS, "labels": ["sale"]}}}}],
    )
    [more] = _mutate(workspace, [{"asset_set_operation": {"create": {"name": "More", "type": "PAGE_FEED"}}}])
    link = {"campaign": _campaign(workspace, "shoe-finder")["resource_name"], "asset_set": more}
    _mutate(
        workspace,
        [
            {"asset_set_asset_operation": {"create": {"asset_set": more, "asset": asset}}},
            {"campaign_asset_set_operation": {"create": link}},
        ],
    )
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    boots = FEED_SPEC[FEED_SPEC.index(f"        - {{url: {BOOTS}") :]
    (workspace / "specs" / "a.yaml").write_text(FEED_SPEC.replace(boots[: boots.index("\n") + 1], ""))
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {TRAIL: ["new", "trail"]}


def test_import_of_a_feed_holding_one_url_with_two_label_sets_names_the_page_and_both(
    midas: Midas, workspace: Path
) -> None:
    """A console's feed holds one URL twice (two assets, their labels differ), which a spec cannot say (each
    page once): import named no page but failed with its catch-all; now it names the page and both label
    sets, and writes nothing."""
    _only(workspace, a=FEED_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    [asset_set] = _rows(workspace, "asset_set")
    winter = {"page_feed_asset": {"page_url": BOOTS, "labels": ["winter"]}}
    [asset] = _mutate(workspace, [{"asset_operation": {"create": winter}}])
    link = {"asset_set": asset_set["resource_name"], "asset": asset}
    _mutate(workspace, [{"asset_set_asset_operation": {"create": link}}])
    (workspace / "specs" / "a.yaml").unlink()
    refused = midas("import", "--account", "google-main", "--campaign", "shoe-finder", "--adopt")
    assert refused.code == 1, refused.output
    assert f"page {BOOTS} twice" in refused.output and "[sale]" in refused.output, refused.output
    assert "[winter]" in refused.output and "would not load" not in refused.output, refused.output
    assert not (workspace / "specs" / "imported").exists() or not list(
        (workspace / "specs" / "imported").iterdir()
    )


def _killed_apply(workspace: Path, crash_after: int) -> int:
    """``midas apply`` in a child process the sandbox kills right after its ``crash_after``-th write
    operation (``os._exit(137)``, as tests/e2e/test_crash_safety.py does): its exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            os.environ["MIDAS_SANDBOX_FAULTS"] = f"crash_after={crash_after}"
            code = main(["-C", str(workspace), "apply", "--auto-approve"], app=App())
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize("crash_after", range(1, 23))  # a clean apply of FEED_SPEC writes 22
def test_an_apply_killed_after_any_write_of_a_page_feed_converges_on_a_rerun_with_one_set(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """Killed right after its set was made, before the campaign's link to it, an apply once left the set
    alone, and the re-run made a second: the set is now made and linked in one atomic request, after the
    campaign, so a re-run finds one set or none (invariant 6)."""
    _only(workspace, a=FEED_SPEC)
    killed = _killed_apply(workspace, crash_after)
    assert killed in (CRASH_EXIT_CODE, 0), killed
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [asset_set] = _rows(workspace, "asset_set")
    [link] = _rows(workspace, "campaign_asset_set")
    assert link["asset_set"] == asset_set["resource_name"]
    assert len(_rows(workspace, "asset_set_asset")) == 2
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}


@pytest.mark.parametrize("how", ["deleted and made again", "renamed, and another made of its name"])
def test_a_campaign_name_used_again_makes_a_page_feed_set_of_a_name_of_its_own(
    midas: Midas, workspace: Path, how: str
) -> None:
    """Google refuses a second enabled asset set of a name (v26 AssetSetError.DUPLICATE_ASSET_SET_NAME, which
    the sandbox enforces). Sets were named after their campaign, so a campaign name used again (the old
    campaign deleted, its set kept; or renamed) made a second set of the same name; sets are now named after
    the campaign's id."""
    spec = workspace / "specs" / "a.yaml"
    if how == "deleted and made again":
        _only(workspace, a=FEED_SPEC.replace("spec:\n", "spec:\n  lifecycle: {on_remove: delete}\n", 1))
        assert midas("apply", "--auto-approve").code == 0
        spec.unlink()
        deleted = midas("apply", "--auto-approve", "--allow-destroy")
        assert deleted.code == 0, deleted.output
        spec.write_text(FEED_SPEC, encoding="utf-8")
    else:
        _only(workspace, a=FEED_SPEC)
        assert midas("apply", "--auto-approve").code == 0
        spec.write_text(FEED_SPEC.replace("metadata: {name: shoe-finder}", "metadata: {name: shoe-seeker}"))
        renamed = midas("apply", "--auto-approve")
        assert renamed.code == 0 and "0 to create" in renamed.output, renamed.output
        (workspace / "specs" / "b.yaml").write_text(FEED_SPEC, encoding="utf-8")
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    names = [s["name"] for s in _rows(workspace, "asset_set")]
    assert len(names) == len(set(names)) == 2, names
    made = _campaign(workspace, "shoe-finder")
    [own] = [r for r in _rows(workspace, "campaign_asset_set") if r["campaign"] == made["resource_name"]]
    [own_set] = [s for s in _rows(workspace, "asset_set") if s["resource_name"] == own["asset_set"]]
    assert own_set["name"] == f"MIDAS page feed of campaign {made['id']}"


def test_the_sandbox_refuses_a_second_enabled_asset_set_of_a_name(workspace: Path) -> None:
    """v26 AssetSetError.DUPLICATE_ASSET_SET_NAME: "The asset set name matches that of another enabled asset
    set"."""
    _mutate(workspace, [{"asset_set_operation": {"create": {"name": "Pages", "type": "PAGE_FEED"}}}])
    with pytest.raises(GoogleAdsFailure, match="DUPLICATE_ASSET_SET_NAME"):
        _mutate(workspace, [{"asset_set_operation": {"create": {"name": "Pages", "type": "PAGE_FEED"}}}])


def test_a_plan_of_an_account_without_dynamic_search_ads_reads_no_asset_set_links(
    midas: Midas, workspace: Path
) -> None:
    """The example workspace's Search and no Dynamic Search Ads campaigns: its plan pays no page feed query
    (``campaign_asset_set``), which an import alone runs for them."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan").code == 0
    stats = json.loads(midas("sandbox", "stats", "--format", "json").output)
    assert "campaign_asset_set" not in stats["calls"]["google"][CID]["read"], stats
    assert midas("import", "--account", "google-main", "--all").code in (0, 1)
    stats = json.loads(midas("sandbox", "stats", "--format", "json").output)
    assert stats["calls"]["google"][CID]["read"]["campaign_asset_set"] == 1, stats


def test_an_empty_page_feed_set_of_a_campaign_without_dynamic_search_ads_does_not_block_its_import(
    midas: Midas, workspace: Path
) -> None:
    """A PAGE_FEED set with no page linked to a Search campaign without the setting says nothing a spec
    would lose: import no longer refuses the campaign for it."""
    _only(workspace)
    holiday_sale(workspace)
    [campaign] = [c for c in _rows(workspace, "campaign") if c["name"] == NAME]
    _console_feed(workspace, campaign, [])
    imported = midas("import", "--account", "google-main", "--all")
    assert imported.code == 0, imported.output


def test_a_campaigns_own_set_unlinked_in_a_console_is_linked_again_not_made_twice(
    midas: Midas, workspace: Path
) -> None:
    """A console unlinks the campaign's page feed set: a second set of its name would be refused
    (DUPLICATE_ASSET_SET_NAME), so the apply links the campaign's own set again, with the pages it holds."""
    _only(workspace, a=FEED_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    [link] = _rows(workspace, "campaign_asset_set")
    _mutate(workspace, [{"campaign_asset_set_operation": {"remove": link["resource_name"]}}])
    assert midas("plan", "--detailed-exitcode").code == 2
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    [asset_set] = _rows(workspace, "asset_set")
    [again] = _rows(workspace, "campaign_asset_set")
    assert again["asset_set"] == asset_set["resource_name"]
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}


#: FEED_SPEC without its Dynamic Search Ads setting (and the dynamic ads only such a campaign holds).
def _between(start: str, end: str) -> str:
    return FEED_SPEC[FEED_SPEC.index(start) : FEED_SPEC.index(end)]


_DSA_LINES = _between("    dynamic_search_ads:\n", "  ad_groups:\n")
_DYNAMIC_GROUP = _between("    - name: all-pages\n", "    - name: trail\n")
_DYNAMIC_AD = _between("    - name: finder\n", "    - name: trail-rsa\n")
WITHOUT_DSA = (
    FEED_SPEC.replace(_DSA_LINES, "    networks: {search: true}\n")
    .replace(_DYNAMIC_GROUP, "")
    .replace(_DYNAMIC_AD, "")
)


def _failing_feed_requests(monkeypatch: pytest.MonkeyPatch, error: Exception, times: int = 1) -> list[int]:
    """The simulator refusing with ``error`` the next ``times`` atomic requests of page feed operations;
    returns the count of those refused (one item)."""
    real = GoogleAdsSimulator.mutate
    refused = [0]
    kinds = ("asset_set_asset_operation", "campaign_asset_set_operation", "asset_set_operation")

    def mutate(self: GoogleAdsSimulator, cid: str, operations: Any, **kwargs: Any) -> Any:
        feedy = any(kind in op for op in operations for kind in kinds)
        atomic = not kwargs.get("partial_failure") and not kwargs.get("validate_only")
        if feedy and atomic and refused[0] < times:
            refused[0] += 1
            raise error
        return real(self, cid, operations, **kwargs)

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", mutate)
    return refused


@pytest.mark.parametrize("crash_after", range(1, 12))
def test_dropping_dynamic_search_ads_unlinks_the_pages_and_a_kill_at_any_write_converges(
    midas: Midas, workspace: Path, crash_after: int
) -> None:
    """The setting dropped with the feed: the pages were unlinked after the main request, so a kill between
    the two left them linked to a campaign no longer DSA, whose feed no read reads: the re-run took the job
    for done. The pages are now unlinked first (a kill leaves a DSA campaign with an empty feed)."""
    _only(workspace, a=FEED_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    (workspace / "specs" / "a.yaml").write_text(WITHOUT_DSA, encoding="utf-8")
    killed = _killed_apply(workspace, crash_after)
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {}, (killed, rerun.output)


def test_dropping_dynamic_search_ads_whose_page_unlinks_are_refused_keeps_the_setting_and_is_planned_again(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _only(workspace, a=FEED_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    (workspace / "specs" / "a.yaml").write_text(WITHOUT_DSA, encoding="utf-8")
    refused = _failing_feed_requests(monkeypatch, PermanentError("refused", platform="google", code="x"))
    failed = midas("apply", "--auto-approve")
    assert failed.code == 1 and refused == [1], failed.output
    assert midas("plan", "--detailed-exitcode").code == 2
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {}


@pytest.mark.parametrize(
    "error",
    [
        TransientError("throttled", platform="google", code="quota_error.RESOURCE_EXHAUSTED"),
        AuthError("token expired", platform="google", code="authentication_error.OAUTH_TOKEN_EXPIRED"),
    ],
    ids=["throttled", "auth"],
)
def test_a_created_campaign_whose_page_feed_request_fails_is_recorded_and_a_rerun_adds_its_feed(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """The campaign is made, its feed request refused: the create failed carrying the campaign's id, which
    the apply dropped (and an auth error lost the whole batch's creates), so the re-run found a campaign
    with MIDAS's marker in no state. The campaign is now recorded with its id, the apply fails, and the
    re-run adds the feed."""
    _only(workspace, a=FEED_SPEC)
    refused = _failing_feed_requests(monkeypatch, error)
    first = midas("apply", "--auto-approve")
    assert first.code == 1 and refused == [1], first.output
    [campaign] = _rows(workspace, "campaign")
    assert campaign["id"] in first.output, first.output
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 failed" in rerun.output, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(_rows(workspace, "campaign")) == 1
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}


def _share_shoe_finders_set_with_boot_finder(workspace: Path) -> dict[str, Any]:
    """shoe-finder's page feed set, which a console links to boot-finder too."""
    [asset_set] = _rows(workspace, "asset_set")
    link = {
        "campaign": _campaign(workspace, "boot-finder")["resource_name"],
        "asset_set": asset_set["resource_name"],
    }
    _mutate(workspace, [{"campaign_asset_set_operation": {"create": link}}])
    return asset_set


def test_the_shared_set_refusal_names_the_other_campaigns_by_name(midas: Midas, workspace: Path) -> None:
    """It listed the campaign itself among "other campaigns", by id alone, and advised what failed next."""
    _only(workspace, a=FEED_SPEC, b=BOOT_FINDER)
    assert midas("apply", "--auto-approve").code == 0
    asset_set = _share_shoe_finders_set_with_boot_finder(workspace)
    (workspace / "specs" / "a.yaml").write_text(FEED_SPEC.replace("labels: [sale]", "labels: [sale, boots]"))
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1, refused.output
    [line] = [li for li in refused.output.splitlines() if "SHARED_PAGE_FEED" in li and "shoe-finder@" in li]
    shoe_id = _campaign(workspace, "shoe-finder")["id"]
    assert f"is linked to campaign boot-finder ({_campaign(workspace, 'boot-finder')['id']}) too" in line, (
        line
    )
    assert f"shoe-finder ({shoe_id})" not in line.split("linked to", 1)[1], line
    assert asset_set["resource_name"] in line and "unlink it from every campaign but one" in line, line


def test_a_campaigns_own_set_unlinked_from_it_but_linked_to_another_gets_a_set_of_another_name(
    midas: Midas, workspace: Path
) -> None:
    """shoe-finder's set is shared with boot-finder, and a console unlinks it from shoe-finder: the apply made
    a second set of the same name for shoe-finder, which Google refuses (DUPLICATE_ASSET_SET_NAME), at every
    apply. It now makes one of a name of its own; boot-finder (whose spec has no feed) empties the set it
    has left."""
    _only(workspace, a=FEED_SPEC, b=BOOT_FINDER)
    assert midas("apply", "--auto-approve").code == 0
    _share_shoe_finders_set_with_boot_finder(workspace)
    shoe = _campaign(workspace, "shoe-finder")
    [own] = [r for r in _rows(workspace, "campaign_asset_set") if r["campaign"] == shoe["resource_name"]]
    _mutate(workspace, [{"campaign_asset_set_operation": {"remove": own["resource_name"]}}])
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    names = sorted(s["name"] for s in _rows(workspace, "asset_set"))
    assert names == [
        f"MIDAS page feed of campaign {shoe['id']}",
        f"MIDAS page feed of campaign {shoe['id']} (2)",
    ]
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}


def test_a_set_shared_with_a_campaign_since_removed_is_the_remaining_campaigns_to_edit(
    midas: Midas, workspace: Path
) -> None:
    """A set linked to a campaign that was then removed counted as shared for ever (Google keeps a removed
    campaign's links): links of removed campaigns no longer count."""
    deletable = BOOT_FINDER.replace("spec:\n", "spec:\n  lifecycle: {on_remove: delete}\n", 1)
    _only(workspace, a=FEED_SPEC, b=deletable)
    assert midas("apply", "--auto-approve").code == 0
    _share_shoe_finders_set_with_boot_finder(workspace)
    (workspace / "specs" / "b.yaml").unlink()
    assert midas("apply", "--auto-approve", "--allow-destroy").code == 0
    with SandboxWorld.for_workspace(workspace) as world:  # the removed campaign's link stays
        assert len(GoogleAdsSimulator(world).peek(CID, "campaign_asset_set", include_removed=True)) == 2
    (workspace / "specs" / "a.yaml").write_text(FEED_SPEC.replace("labels: [sale]", "labels: [sale, boots]"))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert _feed(workspace) == {BOOTS: ["boots", "sale"], TRAIL: ["new", "trail"]}


def test_restore_write_specs_refuses_a_page_feed_of_a_search_campaign_without_dynamic_search_ads(
    midas: Midas, workspace: Path
) -> None:
    """A snapshot goes through the importer when written back as specs: it read the campaigns as a plan does,
    without the asset set links of a campaign without Dynamic Search Ads, so restore wrote the spec of a
    Search campaign without the page feed a console linked to it; it now reads as an import does, and
    refuses it by name."""
    assert midas("apply", "--auto-approve").code == 0
    campaign = _campaign(workspace, "brand-awareness")
    assert campaign["advertising_channel_type"] == "SEARCH" and "dynamic_search_ads_setting" not in campaign
    asset_set = _console_feed(workspace, campaign, [{"page_feed_asset": {"page_url": BOOTS}}])
    assert midas("snapshot", "--name", "s").code == 0
    spec = workspace / "specs" / "brand-awareness.yaml"
    spec.write_text(spec.read_text().replace("languages: [en]", "languages: [en, fr]"))  # to be restored
    written = midas("restore", "s", "--write-specs")
    assert written.code == 1 and f"has the page feed {asset_set}" in written.output, written.output


def _with_pages(count: int) -> str:
    """FEED_SPEC whose feed holds ``count`` pages more."""
    boots = f"        - {{url: {BOOTS}, labels: [sale]}}\n"
    many = "".join(f"        - {{url: https://shop.example.com/p/{i}}}\n" for i in range(count))
    assert boots in FEED_SPEC
    return FEED_SPEC.replace(boots, boots + many)


def test_a_page_feed_of_more_pages_than_one_request_holds_is_sent_in_several_and_converges(
    midas: Midas, workspace: Path
) -> None:
    """A feed's operations went in one atomic request: 5,000 new pages (an asset and a link each, and the set
    and its link) are 10,006 operations, more than a mutate request holds (10,000), so such a feed could never
    apply. The new set, its link and the first pages go atomic, the rest in requests of their own."""
    _only(workspace, a=_with_pages(5000))
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output[-2000:]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output[-2000:]
    assert len(_feed(workspace)) == 5002
    [asset_set] = _rows(workspace, "asset_set")
    assert {row["asset_set"] for row in _rows(workspace, "asset_set_asset")} == {asset_set["resource_name"]}


def test_an_apply_killed_between_the_requests_of_a_large_page_feed_finishes_it_on_a_rerun(
    midas: Midas, workspace: Path
) -> None:
    """Killed right after the first of a feed's requests (the set, its link and the first pages, after the
    campaign's 16 operations): the re-run reads the partial feed of the one set and links the rest to it."""
    _only(workspace, a=_with_pages(5000))
    assert _killed_apply(workspace, 17) == CRASH_EXIT_CODE
    assert 0 < len(_feed(workspace)) < 5002
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0 and "0 failed" in rerun.output, rerun.output[-2000:]
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output[-2000:]
    assert len(_feed(workspace)) == 5002 and len(_rows(workspace, "asset_set")) == 1


def test_the_shared_set_refusal_names_campaigns_by_id_when_their_names_cannot_be_read(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The names are a help: a refused lookup of them leaves the refusal as it is, by id."""
    _only(workspace, a=FEED_SPEC, b=BOOT_FINDER)
    assert midas("apply", "--auto-approve").code == 0
    _share_shoe_finders_set_with_boot_finder(workspace)
    boot_id = _campaign(workspace, "boot-finder")["id"]
    real = GoogleAdsSimulator.search

    def search(self: GoogleAdsSimulator, cid: str, resource_type: str, **kwargs: Any) -> Any:
        if resource_type == "campaign" and kwargs.get("ids"):
            raise TransientError("throttled", platform="google", code="quota_error.RESOURCE_EXHAUSTED")
        return real(self, cid, resource_type, **kwargs)

    monkeypatch.setattr(GoogleAdsSimulator, "search", search)
    (workspace / "specs" / "a.yaml").write_text(FEED_SPEC.replace("labels: [sale]", "labels: [sale, boots]"))
    refused = midas("apply", "--auto-approve")
    assert refused.code == 1 and f"is linked to campaign {boot_id} too" in refused.output, refused.output


def test_a_created_campaign_whose_feed_request_failed_is_recorded_without_its_feed_so_drift_is_clean(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The campaign made, its feed request refused: it was recorded with the spec's page feed, so
    ``midas drift`` reported the feed "changed out of band" (exit 2). The failed part is not recorded now:
    drift finds nothing, and the next plan adds the feed."""
    _only(workspace, a=FEED_SPEC)
    refused = _failing_feed_requests(monkeypatch, PermanentError("refused", platform="google", code="x"))
    first = midas("apply", "--auto-approve")
    assert first.code == 1 and refused == [1], first.output
    drift = midas("drift")
    assert drift.code == 0, drift.output[-1500:]
    assert midas("plan", "--detailed-exitcode").code == 2
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(_feed(workspace)) == 2


def test_a_throttled_second_request_of_a_large_feed_update_retries_only_what_remains(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed update of more than 5,000 pages goes in several atomic requests; the second throttled once,
    the first had committed, yet the error escaped as if nothing was sent: the applier retried the whole
    batch against the feed it had read before, and linked the first request's pages again (refused:
    RESOURCE_ALREADY_EXISTS). Now only the campaign's op is retried, against a feed read again."""
    _only(workspace, a=FEED_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    _only(workspace, a=_with_pages(5100))
    real = GoogleAdsSimulator.mutate
    seen = [0]

    def mutate(self: GoogleAdsSimulator, cid: str, operations: Any, **kwargs: Any) -> Any:
        feedy = any("asset_set_asset_operation" in op for op in operations)
        if feedy and not kwargs.get("partial_failure") and not kwargs.get("validate_only"):
            seen[0] += 1
            if seen[0] == 2:  # the feed's second request, once
                raise TransientError("throttled", platform="google", code="quota_error.RESOURCE_EXHAUSTED")
        return real(self, cid, operations, **kwargs)

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", mutate)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and "0 failed" in applied.output, applied.output[-1500:]
    assert len(_feed(workspace)) == 5102
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output[-1500:]


def _refuse_campaign_label_links(monkeypatch: pytest.MonkeyPatch, times: int = 1) -> list[int]:
    """The simulator refusing the next ``times`` campaign label links (a campaign's marker); returns the
    count of those refused (one item)."""
    real = GoogleAdsSimulator._apply
    refused = [0]

    def _apply(self: GoogleAdsSimulator, txn: Any, cid: str, op: Any, temps: Any, touched: Any) -> str:
        linking = "create" in op.get("campaign_label_operation", {})
        if linking and refused[0] < times:
            refused[0] += 1
            raise OpError("mutate_error.RESOURCE_NOT_FOUND", "label link refused")
        return real(self, txn, cid, op, temps, touched)

    monkeypatch.setattr(GoogleAdsSimulator, "_apply", _apply)
    return refused


def test_a_created_campaign_whose_marker_link_was_refused_is_adopted_and_relabelled_on_rerun(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The campaign made, its marker label link refused: recorded unmarked, its create journaled failed
    with its id, so the next plan refused it as "marker removed out of band". What a failed create of
    MIDAS's made (the journal's id, recorded and live) is MIDAS's: the re-run restores its label."""
    _only(workspace, a=FEED_SPEC)
    refused = _refuse_campaign_label_links(monkeypatch)
    first = midas("apply", "--auto-approve")
    assert first.code == 1 and refused == [1], first.output
    assert len(_rows(workspace, "campaign")) == 1
    plan = midas("plan")
    assert "marker was removed out of band" not in plan.output, plan.output
    rerun = midas("apply", "--auto-approve")
    assert rerun.code == 0, rerun.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert len(_rows(workspace, "campaign")) == 1


def test_drift_tells_a_created_campaign_whose_marker_link_was_refused_as_not_yet_linked(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Right after an apply whose campaign's marker label link was refused, drift says what is true (the
    marker not yet linked, which the next apply links, as the plan relabels it), not a console's removal;
    once the next apply linked it, drift finds nothing."""
    _only(workspace, a=FEED_SPEC)
    refused = _refuse_campaign_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1 and refused == [1]
    drifted = midas("drift")
    assert drifted.code == 2, drifted.output
    assert "removed out of band" not in drifted.output, drifted.output
    [line] = [li for li in drifted.output.splitlines() if "campaign/shoe-finder@google" in li]
    assert "marker not yet linked: the last apply's label link was refused; the next apply links it" in line
    assert "page_feed" not in line  # never sent (sent once the campaign is whole): not recorded either
    report = json.loads(midas("drift", "--format", "json").output)
    assert [(i["address"], i["kind"]) for i in report["items"]] == [
        ("campaign/shoe-finder@google:google-main", "unlinked")
    ]
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0, midas("drift").output


def test_a_label_refused_create_says_its_page_feed_was_not_sent_and_records_it_without_it(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The marker's label link refused, the campaign's page feed was never sent, yet the campaign was
    recorded with it (drift told it "not made either"). Recorded without it now, as a create whose feed
    alone was refused is, and the apply's error says what was not made."""
    _only(workspace, a=FEED_SPEC)
    _refuse_campaign_label_links(monkeypatch)
    first = midas("apply", "--auto-approve")
    assert first.code == 1, first.output
    [campaign] = _rows(workspace, "campaign")
    assert f"the campaign was made ({campaign['id']})" in first.output, first.output
    assert "its page feed was not sent" in first.output, first.output
    report = json.loads(midas("drift", "--format", "json").output)
    [item] = report["items"]
    assert (item["kind"], item["fields"]) == ("unlinked", []), item


def test_a_console_pause_after_a_label_refused_create_is_told_changed_beside_unlinked(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A console pauses the campaign whose marker link the last apply could not make: drift told the pause
    inside the ``unlinked`` finding ("its create did not make status either"), never as a change out of
    band. The marker is told ``unlinked`` and the pause ``changed``."""
    _only(workspace, a=FEED_SPEC)
    _refuse_campaign_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1
    [campaign] = _rows(workspace, "campaign")
    pause = {"resource_name": campaign["resource_name"], "status": "PAUSED"}
    _mutate(workspace, [{"campaign_operation": {"update": pause, "update_mask": "status"}}])
    drifted = midas("drift", "--format", "json")
    assert drifted.code == 2, drifted.output
    items = {i["kind"]: i for i in json.loads(drifted.output)["items"]}
    assert sorted(items) == ["changed", "unlinked"], drifted.output
    assert items["unlinked"]["fields"] == []
    assert [(f["path"], f["recorded"], f["live"]) for f in items["changed"]["fields"]] == [
        ("status", "ENABLED", "PAUSED")
    ]
    assert "create did not make" not in midas("drift").output


def test_a_rerun_linking_the_marker_whose_page_feed_is_refused_is_not_drift(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The marker link refused, then the re-run links it but its feed request is refused: the feed was
    never made, by either apply, so drift does not tell its absence as a console change of page_feed."""
    _only(workspace, a=FEED_SPEC)
    _refuse_campaign_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1
    refused = _failing_feed_requests(monkeypatch, PermanentError("refused", platform="google", code="x"))
    assert midas("apply", "--auto-approve").code == 1 and refused == [1]
    [campaign] = _rows(workspace, "campaign")
    assert campaign["id"] in _labelled(workspace)
    drifted = midas("drift")
    assert drifted.code == 0, drifted.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _labelled(workspace: Path, kind: str = "campaign") -> set[str]:
    """The ids of the campaigns (or objects of ``kind``) a label is linked to."""
    return {link[kind].rsplit("/", 1)[1] for link in _rows(workspace, f"{kind}_label")}


def _unlinked_then_left(midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch, **specs: str) -> None:
    """An apply whose marker link was refused, then the specs holding ``specs`` alone (without shoe-finder
    as it was)."""
    _only(workspace, a=FEED_SPEC)
    _refuse_campaign_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1
    assert [i["kind"] for i in json.loads(midas("drift", "--format", "json").output)["items"]] == ["unlinked"]
    _only(workspace, **specs)


def test_a_campaign_left_the_specs_after_its_marker_link_was_refused_is_paused_with_its_marker(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The campaign left the specs after its marker link was refused: the pause sent its status alone,
    and the journal dropped its claim (any later op went through), so drift told "the marker was removed
    out of band" for good, though no console touched it. The pause links the marker too."""
    _unlinked_then_left(midas, workspace, monkeypatch)
    plan = midas("plan")
    # The marker's link shown as an update to the specs shows it (no labels live: "(none)", not "[]").
    assert '    ~ status: "ENABLED" → "PAUSED"\n    ~ labels: (none) → ["midas-managed"]\n' in plan.output, (
        plan.output
    )
    assert midas("apply", "--auto-approve").code == 0
    [campaign] = _rows(workspace, "campaign")
    assert campaign["status"] == "PAUSED"
    assert campaign["id"] in _labelled(workspace)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    drifted = midas("drift")
    assert drifted.code == 0, drifted.output


def test_a_campaign_renamed_in_the_specs_after_its_marker_link_was_refused_is_paused_with_its_marker(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As when it leaves the specs: renamed, the old campaign is paused and its marker linked; drift never
    tells its marker removed out of band."""
    renamed = FEED_SPEC.replace("metadata: {name: shoe-finder}", "metadata: {name: shoe-finder-2}")
    _unlinked_then_left(midas, workspace, monkeypatch, a=renamed)
    assert midas("apply", "--auto-approve").code == 0
    assert midas("apply", "--auto-approve").code == 0
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    drifted = midas("drift")
    assert drifted.code == 0, drifted.output
    old = _campaign(workspace, "shoe-finder")
    assert old["status"] == "PAUSED"
    assert old["id"] in _labelled(workspace)


def test_a_campaign_paused_in_a_console_after_its_marker_link_was_refused_gets_its_marker_when_it_leaves(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paused in a console already, the campaign that left the specs was left alone ("already paused"),
    its marker never linked: its marker is linked alone now (its status not sent)."""
    _only(workspace, a=FEED_SPEC)
    _refuse_campaign_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1
    [campaign] = _rows(workspace, "campaign")
    pause = {"resource_name": campaign["resource_name"], "status": "PAUSED"}
    _mutate(workspace, [{"campaign_operation": {"update": pause, "update_mask": "status"}}])
    _only(workspace)
    assert "already paused — linking its marker" in midas("plan").output
    assert midas("apply", "--auto-approve").code == 0
    assert campaign["id"] in _labelled(workspace)
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_a_feed_request_whose_reply_was_lost_is_retried_against_the_feed_read_again(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed request committed but its reply was lost (a deadline): the feed cache was kept, as nothing
    was known sent, so the retry linked the same pages again against the stale cache, refused
    (RESOURCE_ALREADY_EXISTS). An outcome not known drops the cache: the retry reads the feed again."""
    _only(workspace, a=FEED_SPEC)
    assert midas("apply", "--auto-approve").code == 0
    _only(workspace, a=_with_pages(2))
    real = GoogleAdsSimulator.mutate
    lost = [0]

    def mutate(self: GoogleAdsSimulator, cid: str, operations: Any, **kwargs: Any) -> Any:
        feedy = any("asset_set_asset_operation" in op for op in operations)
        out = real(self, cid, operations, **kwargs)
        if feedy and not kwargs.get("partial_failure") and not kwargs.get("validate_only") and not lost[0]:
            lost[0] += 1
            raise TransientError("deadline", platform="google", code="DEADLINE_EXCEEDED")  # committed
        return out

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", mutate)
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0 and lost == [1], applied.output[-2500:]
    assert len(_feed(workspace)) == 4
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output[-1500:]


def test_a_marker_removed_after_a_feed_refused_create_was_finished_is_told_removed_out_of_band(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A create whose feed alone was refused (its marker linked) is MIDAS's by the journal's word until the
    re-run's update goes through, though it sends no marker: from then on the marker says whose it is, and
    a console removing it is told so (not as a marker link the last apply could not make)."""
    _only(workspace, a=FEED_SPEC)
    _failing_feed_requests(monkeypatch, PermanentError("refused", platform="google", code="x"))
    assert midas("apply", "--auto-approve").code == 1
    assert midas("apply", "--auto-approve").code == 0
    [campaign] = _rows(workspace, "campaign")
    [link] = [r for r in _rows(workspace, "campaign_label") if r["campaign"] == campaign["resource_name"]]
    _mutate(workspace, [{"campaign_label_operation": {"remove": link["resource_name"]}}])
    drifted = midas("drift")
    assert "the `midas-managed` marker was removed out of band" in drifted.output, drifted.output
    assert "not yet linked" not in drifted.output


def test_a_marker_removed_after_a_create_whose_feed_alone_was_refused_is_told_removed_out_of_band(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A create whose page feed alone was refused (its marker linked) was claimed by the journal as one
    whose label link was refused: a console removing its marker then was told "the last apply's label
    link was refused", and the plan linked the marker again. The journal knows which part failed: the
    marker was linked, so its removal is a removal out of band, and the plan refuses the campaign."""
    _only(workspace, a=FEED_SPEC)
    _failing_feed_requests(monkeypatch, PermanentError("refused", platform="google", code="x"))
    assert midas("apply", "--auto-approve").code == 1
    [campaign] = _rows(workspace, "campaign")
    [link] = [r for r in _rows(workspace, "campaign_label") if r["campaign"] == campaign["resource_name"]]
    _mutate(workspace, [{"campaign_label_operation": {"remove": link["resource_name"]}}])
    drifted, plan = midas("drift"), midas("plan")
    assert "the `midas-managed` marker was removed out of band" in drifted.output, drifted.output
    assert "label link was refused" not in drifted.output, drifted.output
    assert "removed out of band" in plan.output, plan.output
    assert '"midas-managed"]' not in plan.output, plan.output


def _lost_feed_replies(monkeypatch: pytest.MonkeyPatch, error: Exception, *, commit: bool) -> list[int]:
    """The simulator raising ``error`` at the next atomic request of page feed operations, after
    committing it (``commit``: its reply lost) or without; returns the count of those (one item)."""
    real = GoogleAdsSimulator.mutate
    lost = [0]

    def mutate(self: GoogleAdsSimulator, cid: str, operations: Any, **kwargs: Any) -> Any:
        feedy = any("asset_set_asset_operation" in op for op in operations)
        atomic = not kwargs.get("partial_failure") and not kwargs.get("validate_only")
        if feedy and atomic and not lost[0]:
            lost[0] += 1
            if commit:
                real(self, cid, operations, **kwargs)
            raise error
        return real(self, cid, operations, **kwargs)

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", mutate)
    return lost


@pytest.mark.parametrize(
    "error",
    [
        TransientError("deadline", platform="google", code="DEADLINE_EXCEEDED"),
        PermanentError("no answer in time", platform="google", code="midas.OUTCOME_UNKNOWN"),
    ],
    ids=["deadline", "outcome-unknown"],
)
def test_a_created_campaigns_feed_whose_reply_was_lost_is_read_again_and_recorded(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """A created campaign's feed request committed, its reply lost: the campaign was recorded without its
    feed, and drift told the feed MIDAS made "changed out of band" (the apply had said it "may have been"
    made). The apply reads the feed again after a lost reply: made whole, the create went through, and is
    recorded so. The real connector reports a deadline on a write as ``midas.OUTCOME_UNKNOWN``."""
    _only(workspace, a=FEED_SPEC)
    lost = _lost_feed_replies(monkeypatch, error, commit=True)
    first = midas("apply", "--auto-approve")
    assert first.code == 0 and lost == [1], first.output[-2500:]
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}
    drifted = midas("drift")
    assert drifted.code == 0, drifted.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output[-1500:]


def test_a_created_campaigns_feed_whose_lost_request_made_nothing_is_said_not_made(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lost reply whose request made nothing: read again, the feed is not there; the apply says so,
    records the campaign without it, drift is clean and the next apply adds it."""
    _only(workspace, a=FEED_SPEC)
    deadline = TransientError("deadline", platform="google", code="DEADLINE_EXCEEDED")
    lost = _lost_feed_replies(monkeypatch, deadline, commit=False)
    first = midas("apply", "--auto-approve")
    assert first.code == 1 and lost == [1], first.output[-2500:]
    assert "its page feed was not made" in first.output, first.output[-2500:]
    assert "may have been made" not in first.output, first.output[-2500:]
    assert midas("drift").code == 0, midas("drift").output
    assert midas("apply", "--auto-approve").code == 0
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}


def test_a_created_campaigns_feed_refused_for_now_before_anything_was_done_is_not_said_maybe_made(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed request refused for now (a quota, before anything was done) said "may have been made, its
    reply was lost", and its text repeated Google's prefix and code. Only a lost reply (a deadline) may
    have committed."""
    _only(workspace, a=FEED_SPEC)
    quota = TransientError("quota", platform="google", code="quota_error.RESOURCE_TEMPORARILY_EXHAUSTED")
    _failing_feed_requests(monkeypatch, quota)
    first = midas("apply", "--auto-approve")
    assert first.code == 1, first.output[-2500:]
    assert "its page feed was not made" in first.output, first.output[-2500:]
    assert "may have been made" not in first.output, first.output[-2500:]
    assert first.output.count("google [quota_error.RESOURCE_TEMPORARILY_EXHAUSTED]") == 1, first.output


def test_a_pause_whose_marker_link_was_refused_again_records_its_status_and_drift_tells_the_marker_alone(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The campaign whose marker link was refused left the specs, and the pause's marker link was refused
    too, its status gone through: nothing was recorded, so drift told the pause MIDAS made "changed out of
    band" beside ``unlinked``. What went through is recorded: drift tells the marker alone, and the next
    apply links it."""
    _only(workspace, a=FEED_SPEC)
    _refuse_campaign_label_links(monkeypatch, times=2)
    assert midas("apply", "--auto-approve").code == 1
    _only(workspace)
    paused = midas("apply", "--auto-approve")
    assert paused.code == 1, paused.output[-2500:]
    [campaign] = _rows(workspace, "campaign")
    assert campaign["status"] == "PAUSED"
    drifted = midas("drift", "--format", "json")
    assert [(i["kind"], i["fields"]) for i in json.loads(drifted.output)["items"]] == [("unlinked", [])]
    assert midas("apply", "--auto-approve").code == 0
    assert campaign["id"] in _labelled(workspace)
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def _refuse_ad_group_label_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """The simulator refusing the next ad group label link (an ad group's marker)."""
    real = GoogleAdsSimulator._apply
    refused = [0]

    def _apply(self: GoogleAdsSimulator, txn: Any, cid: str, op: Any, temps: Any, touched: Any) -> str:
        if "create" in op.get("ad_group_label_operation", {}) and not refused[0]:
            refused[0] += 1
            raise OpError("mutate_error.RESOURCE_NOT_FOUND", "label link refused")
        return real(self, txn, cid, op, temps, touched)

    monkeypatch.setattr(GoogleAdsSimulator, "_apply", _apply)


def test_an_ad_group_whose_marker_link_was_refused_is_told_unlinked_and_linked_by_the_next_apply(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ad group made, its marker's label link refused: it reads as managed (its campaign is marked), so
    drift told its labels "changed out of band". It is told ``unlinked``, as a campaign is, and the next
    apply links its marker."""
    _only(workspace, a=FEED_SPEC)
    _refuse_ad_group_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1
    drifted = midas("drift", "--format", "json")
    items = json.loads(drifted.output)["items"]
    assert [(i["address"].split("@")[0], i["kind"], i["fields"]) for i in items] == [
        ("ad_group/shoe-finder/all-pages", "unlinked", [])
    ], drifted.output
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_group_whose_marker_link_was_refused_is_linked_when_its_campaign_leaves_the_specs(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The campaign left the specs after its ad group's marker link was refused: the ad group, paused with
    its campaign, was left unmarked for good. It is linked as its campaign is paused, as a campaign is."""
    _only(workspace, a=FEED_SPEC)
    _refuse_ad_group_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1
    _only(workspace)
    plan = midas("plan")
    told = (
        "ad_group/shoe-finder/all-pages@google:google-main — removed from the specs; paused with its campaign"
    )
    assert f"{told} — linking its marker" in plan.output, plan.output
    assert '    ~ labels: (none) → ["midas-managed"]\n' in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    [group] = [g for g in _rows(workspace, "ad_group") if g["name"] == "all-pages"]
    assert group["id"] in _labelled(workspace, "ad_group")
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


@pytest.mark.parametrize(
    "error",
    [
        TransientError("deadline", platform="google", code="DEADLINE_EXCEEDED"),
        PermanentError("refused", platform="google", code="x"),
    ],
    ids=["lost-uncommitted", "refused"],
)
def test_a_created_campaigns_feed_made_in_part_is_recorded_with_the_pages_made_so_drift_is_clean(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """A feed in several requests (one page each here), the last refused or its reply lost uncommitted:
    the campaign was recorded with no feed, so drift told the page MIDAS made "changed out of band". It is
    recorded with the pages live after the feed is read again; the next apply adds the rest."""
    _only(workspace, a=FEED_SPEC)
    monkeypatch.setattr(google_backend, "MAX_OPERATIONS_PER_REQUEST", 2)  # the set; boots; trail
    real = GoogleAdsSimulator.mutate
    seen = [0]

    def mutate(self: GoogleAdsSimulator, cid: str, operations: Any, **kwargs: Any) -> Any:
        kinds = ("asset_set_asset_operation", "asset_set_operation")
        feedy = any(kind in op for op in operations for kind in kinds)
        if feedy and not kwargs.get("partial_failure") and not kwargs.get("validate_only"):
            seen[0] += 1
            if seen[0] == 3:
                raise error
        return real(self, cid, operations, **kwargs)

    monkeypatch.setattr(GoogleAdsSimulator, "mutate", mutate)
    first = midas("apply", "--auto-approve")
    assert first.code == 1 and seen == [3], first.output[-2500:]
    assert "its page feed was made in part (1 of 2 pages)" in first.output, first.output[-2500:]
    assert _feed(workspace) == {BOOTS: ["sale"]}
    monkeypatch.setattr(GoogleAdsSimulator, "mutate", real)
    drifted = midas("drift")
    assert drifted.code == 0, drifted.output
    plan = midas("plan")
    assert f'page_feed: [{{"labels": ["sale"], "page_url": "{BOOTS}"}}] → [' in plan.output, plan.output
    assert "changed on the platform" not in plan.output, plan.output
    assert midas("apply", "--auto-approve").code == 0
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0, midas("drift").output


def test_an_update_linking_the_marker_refused_again_records_no_page_feed_it_never_sent(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The create's marker link refused (its feed never sent), then the re-run's update, linking the marker
    and adding the feed, refused its marker link again: the feed is sent after the campaign's request, so it
    was never sent, yet the update was recorded with it, and drift told ``changed: page_feed`` beside
    ``unlinked``. An update made in part is recorded without what it did not make."""
    _only(workspace, a=FEED_SPEC)
    _refuse_campaign_label_links(monkeypatch, times=2)
    assert midas("apply", "--auto-approve").code == 1
    second = midas("apply", "--auto-approve")
    assert second.code == 1, second.output[-2500:]
    assert "its page feed was not sent" in second.output, second.output[-2500:]
    assert _feed(workspace) == {}
    drifted = midas("drift", "--format", "json")
    assert [(i["kind"], i["fields"]) for i in json.loads(drifted.output)["items"]] == [("unlinked", [])]
    assert midas("apply", "--auto-approve").code == 0
    assert _feed(workspace) == {BOOTS: ["sale"], TRAIL: ["new", "trail"]}
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_update_whose_marker_and_another_labels_links_were_refused_records_that_label_unlinked(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch, state_url: str
) -> None:
    """The update linking the marker and a user label, both links refused, its own fields through: it was
    taken as "through but for the marker" and recorded with the user label linked. The label refused is
    not recorded (the marker is: drift tells it apart), drift tells the marker alone, the next apply links
    both."""
    _only(workspace, a=FEED_SPEC)
    refused = _refuse_campaign_label_links(monkeypatch, times=1)
    assert midas("apply", "--auto-approve").code == 1
    labelled = "  google:\n    labels: [promo]\n    dynamic_search_ads:"
    _only(workspace, a=FEED_SPEC.replace("  google:\n    dynamic_search_ads:", labelled))
    refused[0] = -1  # two more: the marker's link and promo's
    second = midas("apply", "--auto-approve")
    assert second.code == 1 and refused == [1], second.output[-2500:]
    assert "but for its marker's label link, and promo's" in second.output, second.output[-2500:]
    with StateStore.open(state_url) as store:
        [record] = [r for a, r in store.recorded(["google-main"]).items() if a.kind == "campaign"]
    assert record.fields["labels"] == ["midas-managed"], record.fields
    drifted = midas("drift", "--format", "json")
    assert [(i["kind"], i["fields"]) for i in json.loads(drifted.output)["items"]] == [("unlinked", [])]
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output


def test_an_ad_group_paused_with_its_campaign_whose_marker_is_linked_counts_as_an_update_not_a_pause(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ad group's change sends its marker's link alone (its campaign's pause stops it), yet it was
    counted "to pause" and shown as one: the plan said 2 to pause for one status sent."""
    _only(workspace, a=FEED_SPEC)
    _refuse_ad_group_label_links(monkeypatch)
    assert midas("apply", "--auto-approve").code == 1
    _only(workspace)
    plan = midas("plan")
    assert "Plan: 0 to create, 1 to update, 0 to replace, 1 to pause, 0 to delete." in plan.output, (
        plan.output
    )
    assert (
        "~ ad_group/shoe-finder/all-pages@google:google-main — removed from the specs; paused" in plan.output
    )
    assert "! campaign/shoe-finder@google:google-main — removed from the specs — pausing" in plan.output


def test_a_create_whose_marker_and_another_labels_links_were_refused_records_that_label_unlinked(
    midas: Midas, workspace: Path, monkeypatch: pytest.MonkeyPatch, state_url: str
) -> None:
    """As for an update: a create whose marker's and a user label's links were both refused was recorded
    with that label linked. It is recorded without it (the marker kept: drift tells it apart)."""
    labelled = "  google:\n    labels: [promo]\n    dynamic_search_ads:"
    _only(workspace, a=FEED_SPEC.replace("  google:\n    dynamic_search_ads:", labelled))
    refused = _refuse_campaign_label_links(monkeypatch, times=2)
    first = midas("apply", "--auto-approve")
    assert first.code == 1 and refused == [2], first.output[-2500:]
    with StateStore.open(state_url) as store:
        [record] = [r for a, r in store.recorded(["google-main"]).items() if a.kind == "campaign"]
    assert record.fields["labels"] == ["midas-managed"], record.fields
    drifted = midas("drift", "--format", "json")
    assert [(i["kind"], i["fields"]) for i in json.loads(drifted.output)["items"]] == [("unlinked", [])]
    assert midas("apply", "--auto-approve").code == 0
    assert midas("drift").code == 0, midas("drift").output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
