"""`midas drift` through the CLI: each console edit (`midas sandbox set`) told once, in the words of what the
plan does with it; an edit the platform would refuse is refused by the console too."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.cli import App, main

Midas = Callable[..., Any]  # returns conftest.Run (code, output)


def _findings(midas: Midas, address: str) -> list[dict[str, Any]]:
    run = midas("drift", "--format", "json")
    assert run.code == 2, run.output
    return [i for i in json.loads(run.output)["items"] if i["address"] == address]


def test_a_meta_marker_removed_in_a_console_is_one_finding(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta", "adlabels=[]").code == 0
    found = _findings(midas, "campaign/spring-sale@meta:meta-main")
    assert [(i["kind"], i["message"], i["fields"]) for i in found] == [
        ("unmarked", "the `midas-managed` marker was removed out of band", [])
    ]


@pytest.mark.sqlite_store  # the store is not what is tested
def test_a_field_changed_in_a_campaign_whose_marker_was_removed_is_told_as_the_blocked_plan_leaves_it(
    midas: Midas,
) -> None:
    """The plan refuses the campaign (a conflict, exit 1) and changes nothing in it: drift does not say it
    would restore the ad set's status."""
    assert midas("apply", "--auto-approve").code == 0
    assert midas("sandbox", "set", "campaign/spring-sale@meta", "adlabels=[]").code == 0
    assert midas("sandbox", "set", "adset/spring-sale/runners@meta", "status=PAUSED").code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 1 and "`midas-managed` marker was removed out of band" in plan.output, plan.output
    text = midas("drift")
    assert text.code == 2 and "plan would restore the specs" not in text.output, text.output
    assert '    ~ status: "ACTIVE" → "PAUSED"  (plan is blocked: not restored)' in text.output, text.output
    [item] = _findings(midas, "adset/spring-sale/runners@meta:meta-main")
    assert item["message"] == (
        "changed out of band: status (the plan changes nothing in its campaign, whose `midas-managed` marker "
        "was removed)"
    )
    assert [(f["path"], f["spec_agrees"], f["blocked"]) for f in item["fields"]] == [("status", False, True)]


def test_the_console_refuses_meta_labels_of_a_shape_the_graph_api_refuses(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    refused = midas("sandbox", "set", "campaign/spring-sale@meta", 'adlabels=["midas-managed"]')
    assert refused.code == 1
    assert (
        "Error: campaign/spring-sale@meta:meta-main: adlabels: (#100) Param adlabels must be a list of"
        in (refused.output)
    )
    assert "Traceback" not in refused.output
    assert midas("drift").code == 0  # nothing stored


def test_a_creative_field_meta_derives_from_its_story_is_edited_in_the_story(midas: Midas) -> None:
    """``body``, ``title`` … of a creative are Meta's reading of its object_story_spec: a console edit of one
    lands there (as ``cards.N.*`` does), and drift reports it as that field."""
    assert midas("apply", "--auto-approve").code == 0
    creative = "adcreative/spring-sale/runners/spring-shoes@meta"
    assert midas("sandbox", "set", creative, "body=Console copy", "title=42").code == 0
    [item] = _findings(midas, f"{creative}:meta-main")
    assert item["kind"] == "changed"
    assert {f["path"]: f["live"] for f in item["fields"]} == {"body": "Console copy", "title": "42"}


def test_a_creative_field_its_story_has_no_place_for_is_refused(midas: Midas) -> None:
    assert midas("apply", "--auto-approve").code == 0
    refused = midas("sandbox", "set", "adcreative/spring-sale/runners/spring-shoes@meta", "video_id=123")
    assert refused.code == 1
    assert "video_id: a link ad's object_story_spec.link_data holds no video_id" in refused.output, (
        refused.output
    )
    assert midas("drift").code == 0


def _spec_broken(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "specs" / "spring-sale.yaml").write_text("campaign: [\n", encoding="utf-8")


def _platform_failing(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIDAS_SANDBOX_FAULTS", "transient_rate=1")  # every call, every retry


@pytest.mark.parametrize(
    ("broken", "error"),
    [(_spec_broken, "SpecError"), (_platform_failing, "TransientError")],
    ids=["yaml-syntax", "connector-fault"],
)
def test_drift_as_json_prints_its_failure_as_plan_does(
    midas: Midas,
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    broken: Callable[[Path, pytest.MonkeyPatch], None],
    error: str,
) -> None:
    assert midas("apply", "--auto-approve").code == 0
    broken(workspace, monkeypatch)
    for command in ("plan", "drift"):
        capsys.readouterr()
        code = main(["-C", str(workspace), command, "--format", "json"], app=App(sleep=lambda _: None))
        out, err = capsys.readouterr()
        assert code == 1, out + err
        printed = json.loads(out)
        assert list(printed) == ["error"] and printed["error"]["type"] == error, (command, printed)
        assert f"Error: {printed['error']['message']}" in err


@pytest.mark.sqlite_store  # the store is not what is tested
def test_a_campaign_s_own_stop_time_is_no_drift_nor_plan_warning_as_meta_merges_it_from_its_ad_sets(
    midas: Midas,
) -> None:
    """A Meta campaign's own dates are its ad sets' merged (believed): MIDAS never sends nor compares them,
    and one other than it expects may be Meta's own merge, which no apply could clear: drift and plan say
    nothing of it (import refuses it: ``test_import``)."""
    assert midas("apply", "--auto-approve").code == 0
    campaign = "campaign/spring-sale@meta"
    assert midas("sandbox", "set", campaign, 'stop_time="2027-06-30T23:59:59-0500"').code == 0
    assert midas("drift").code == 0
    plan = midas("plan", "--detailed-exitcode")
    assert plan.code == 0 and "stop_time" not in plan.output, plan.output
