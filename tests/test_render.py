"""render.py: key lines of every format for plans and drift reports."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from midas_reconcile.applier import ApplyResult, ResourceOutcome
from midas_reconcile.drift_report import DriftField, DriftItem, DriftReport
from midas_reconcile.plan import Action, Change, FieldChange, Plan
from midas_reconcile.render import (
    BLOCKED_WITHOUT_CHANGES,
    NO_CHANGES,
    render_apply_result,
    render_drift,
    render_plan,
    summary_line,
)
from midas_reconcile.resources import Address, Resource

CURRENCIES = {"shop": "USD", "fb": "EUR"}


def a(text: str) -> Address:
    return Address.parse(text)


def r(address: str, refs: dict[str, str] | None = None, pid: str | None = None, **fields: Any) -> Resource:
    return Resource(a(address), fields, refs={k: a(v) for k, v in (refs or {}).items()}, platform_id=pid)


def sample_plan() -> Plan:
    budget = "campaign_budget/spring@google:shop"
    return Plan(
        accounts=["fb", "shop"],
        created_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
        changes=[
            Change(
                a(budget),
                Action.UPDATE,
                r(budget, pid="1", amount_micros=50_000_000),
                r(budget, pid="1", amount_micros=80_000_000),
                [FieldChange("amount_micros", 50_000_000, 80_000_000)],
                reason="spec changed: amount_micros",
            ),
            Change(
                a("campaign/new@google:shop"),
                Action.CREATE,
                None,
                r(
                    "campaign/new@google:shop",
                    {"campaign_budget": "campaign_budget/new@google:shop"},
                    name="new",
                    status="ENABLED",
                ),
                reason="new in specs",
                warnings=["age 30–50 widened to 25–54"],
            ),
            Change(
                a("ad_group_ad/spring/main/ad1@google:shop"),
                Action.REPLACE,
                r("ad_group_ad/spring/main/ad1@google:shop", pid="9", headlines=["a"], status="ENABLED"),
                r("ad_group_ad/spring/main/ad1@google:shop", headlines=["b"], status="PAUSED"),
                [FieldChange("headlines", ["a"], ["b"]), FieldChange("status", "ENABLED", "PAUSED")],
                reason="headlines cannot change in place — replacing the ad_group_ad",
                irreversible=True,
            ),
            Change(
                a("campaign/old@meta:fb"),
                Action.PAUSE,
                r("campaign/old@meta:fb", pid="5", status="ACTIVE"),
                r("campaign/old@meta:fb", pid="5", status="PAUSED"),
                [FieldChange("status", "ACTIVE", "PAUSED")],
                reason="removed from the specs — pausing",
            ),
            Change(
                a("campaign/same@meta:fb"),
                Action.NOOP,
                r("campaign/same@meta:fb", pid="6"),
                r("campaign/same@meta:fb", pid="6"),
                reason="matches the specs",
            ),
            Change(
                a("campaign/gone@google:shop"),
                Action.DELETE,
                r("campaign/gone@google:shop", pid="7"),
                None,
                reason="removed from the specs — deleting (--allow-destroy)",
                irreversible=True,
            ),
        ],
        unmanaged=[a("campaign/legacy@google:shop")],
        violations=["campaign/x@google:shop exists on the platform but is not managed by MIDAS"],
        warnings=["age 30–50 widened to 25–54"],
    )


def test_text_plan_key_lines() -> None:
    text = render_plan(sample_plan(), fmt="text", currencies=CURRENCIES)
    lines = text.splitlines()
    assert "~ campaign_budget/spring@google:shop — spec changed: amount_micros" in lines
    assert "    ~ amount_micros: 50000000 (50.00 USD) → 80000000 (80.00 USD)" in lines
    assert "+ campaign/new@google:shop — new in specs" in lines
    assert '    + name: "new"' in lines
    assert "    + refs.campaign_budget: campaign_budget/new@google:shop" in lines
    assert "    # warning: age 30–50 widened to 25–54" in lines
    assert any(
        line.startswith("-/+ ad_group_ad/spring/main/ad1@google:shop — headlines cannot") for line in lines
    )
    assert '    ~ headlines: ["a"] → ["b"]  (forces replacement)' in lines
    assert '    ~ status: "ENABLED" → "PAUSED"' in lines
    assert "! campaign/old@meta:fb — removed from the specs — pausing" in lines
    assert "- campaign/gone@google:shop — removed from the specs — deleting (--allow-destroy)" in lines
    assert lines.count("    # irreversible: Google removal cannot be undone") == 2
    assert "campaign/same@meta:fb" not in text  # no-ops are not shown
    assert "  - campaign/x@google:shop exists on the platform but is not managed by MIDAS" in lines
    assert "1 unmanaged resource not shown (--show-unmanaged)." in lines
    assert "campaign/legacy" not in text
    assert lines[-1] == "Plan: 1 to create, 1 to update, 1 to replace, 1 to pause, 1 to delete."
    assert "\x1b" not in text


def test_text_plan_shows_unmanaged_on_request_and_colours_on_request() -> None:
    text = render_plan(sample_plan(), fmt="text", show_unmanaged=True, color=True)
    assert "  campaign/legacy@google:shop" in text.splitlines()
    assert "\x1b[32m+ campaign/new@google:shop\x1b[0m" in text
    assert "\x1b[" in text.splitlines()[-1]


def test_money_without_known_currency_stays_in_platform_units() -> None:
    text = render_plan(sample_plan(), fmt="text")
    assert "    ~ amount_micros: 50000000 → 80000000" in text.splitlines()


def test_empty_plan_says_no_changes() -> None:
    empty = Plan(accounts=["shop"], changes=[])
    assert summary_line(empty) == NO_CHANGES
    assert render_plan(empty, fmt="text").splitlines()[-1] == "No changes. Live state matches the specs."
    assert "**No changes. Live state matches the specs.**" in render_plan(empty, fmt="markdown")


def test_a_plan_with_violations_and_no_changes_never_says_the_live_state_matches() -> None:
    blocked = Plan(accounts=["shop"], changes=[], violations=["campaign/x@google:shop is not in the state"])
    assert summary_line(blocked) == BLOCKED_WITHOUT_CHANGES
    text = render_plan(blocked, fmt="text")
    assert "Live state matches" not in text and text.splitlines()[-1] == BLOCKED_WITHOUT_CHANGES
    assert f"**{BLOCKED_WITHOUT_CHANGES}**" in render_plan(blocked, fmt="markdown")


def test_markdown_plan() -> None:
    md = render_plan(sample_plan(), fmt="markdown", currencies=CURRENCIES)
    assert md.startswith("## MIDAS plan\n")
    assert "**Plan: 1 to create, 1 to update, 1 to replace, 1 to pause, 1 to delete.**" in md
    assert "| Account | Create | Update | Replace | Pause | Delete |" in md
    assert "| fb | 0 | 0 | 0 | 1 | 0 |" in md
    assert "| shop | 1 | 1 | 1 | 0 | 1 |" in md
    assert "<details><summary><b>shop</b>: 4 changes</summary>" in md
    assert "```diff\n~ campaign_budget/spring@google:shop" in md
    assert "### Violations (apply is blocked)\n\n- campaign/x@google:shop exists" in md
    assert "### Warnings\n\n- age 30–50 widened to 25–54" in md
    assert "_1 unmanaged resource(s) not shown._" in md
    assert "\x1b" not in md
    shown = render_plan(sample_plan(), fmt="markdown", show_unmanaged=True)
    assert "- `campaign/legacy@google:shop`" in shown


def test_markdown_fence_survives_backticks_in_values() -> None:
    plan = sample_plan()
    assert plan.changes[1].after is not None
    plan.changes[1].after.fields["name"] = "```oops"
    md = render_plan(plan, fmt="markdown")
    assert "````diff" in md


def test_json_plan_round_trips() -> None:
    plan = sample_plan()
    text = render_plan(plan, fmt="json")
    again = Plan.from_json(text)
    assert again.to_json() == text
    assert [c.action for c in again.changes] == [c.action for c in plan.changes]
    assert json.loads(text)["format_version"] == 1


def test_every_format_lists_the_existing_audiences_targeted_by_id() -> None:
    plan = sample_plan()
    plan.existing = {a("user_list/site-visitors@google:shop"): "555"}
    heading = "Existing audiences, found by name (built outside MIDAS, never changed)"
    text = render_plan(plan, fmt="text").splitlines()
    assert text[text.index(f"{heading}:") + 1] == "  user_list/site-visitors@google:shop (id 555)"
    assert f"### {heading}\n\n- user_list/site-visitors@google:shop (id 555)" in render_plan(
        plan, fmt="markdown"
    )
    assert Plan.from_json(render_plan(plan, fmt="json")).existing == plan.existing
    assert heading not in render_plan(sample_plan(), fmt="text")


def test_a_record_moved_alone_is_shown_and_counted_in_text_and_markdown() -> None:
    """A renamed Google ad: one ``->`` line naming where the record was, no create, no delete."""
    old, new = "ad_group_ad/spring/main/hero@google:shop", "ad_group_ad/spring/main/champ@google:shop"
    live = r(new, pid="7~9", status="ENABLED")
    change = Change(a(new), Action.NOOP, live, live, reason="creative renamed", moved_from=a(old))
    plan = Plan(accounts=["shop"], changes=[change], created_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    text = render_plan(plan, fmt="text")
    assert f"-> {new} — creative renamed\n    # moved from {old} (the same ad, id 7~9)\n" in text
    assert summary_line(plan) == (
        "Plan: 0 to create, 0 to update, 0 to replace, 0 to pause, 0 to delete, 1 record to move."
    )
    markdown = render_plan(plan, fmt="markdown")
    assert f"# moved from {old}" in markdown and "1 change" in markdown
    assert "| Account | Create | Update | Replace | Pause | Delete | Records to move |" in markdown
    assert "| shop | 0 | 0 | 0 | 0 | 0 | 1 |" in markdown
    assert "Records to move" not in render_plan(sample_plan(), fmt="markdown")
    assert Plan.from_json(render_plan(plan, fmt="json")).changes[0].moved_from == a(old)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_plan(sample_plan(), fmt="html")  # type: ignore[arg-type]


def sample_drift() -> DriftReport:
    return DriftReport(
        checked=12,
        items=[
            DriftItem(
                a("campaign_budget/spring@google:shop"),
                "changed",
                "changed out of band: amount_micros",
                (DriftField("amount_micros", 50_000_000, 80_000_000, False),),
            ),
            DriftItem(
                a("campaign/spring@meta:fb"),
                "changed",
                "changed out of band: status",
                (DriftField("status", "ACTIVE", "PAUSED", True),),
            ),
            DriftItem(a("ad_group/spring/main@google:shop"), "deleted", "deleted out of band"),
            DriftItem(
                a("campaign/spring (copy)@google:shop"),
                "copy",
                "unmanaged campaign 'spring (copy)' looks like a copy of campaign/spring@google:shop "
                "(by its name)",
                similar_to=a("campaign/spring@google:shop"),
            ),
        ],
    )


def test_text_drift() -> None:
    text = render_drift(sample_drift(), fmt="text", currencies=CURRENCIES)
    lines = text.splitlines()
    assert lines[0] == "Drift: 4 findings (12 managed resources checked)."
    assert "~ campaign_budget/spring@google:shop — changed out of band: amount_micros" in lines
    assert (
        "    ~ amount_micros: 50000000 (50.00 USD) → 80000000 (80.00 USD)  (plan would restore the specs)"
        in lines
    )
    assert '    ~ status: "ACTIVE" → "PAUSED"  (specs now agree with live)' in lines
    assert "- ad_group/spring/main@google:shop — deleted out of band" in lines
    assert any(line.startswith("? campaign/spring (copy)@google:shop — unmanaged campaign") for line in lines)
    assert "\x1b" not in text
    assert "\x1b[" in render_drift(sample_drift(), fmt="text", color=True)


def test_a_field_the_blocked_plan_leaves_is_not_told_restored() -> None:
    """In a campaign that lost MIDAS's marker the plan changes nothing: a field the specs disagree with is
    not restored."""
    item = DriftItem(
        a("ad_group/spring/main@google:shop"),
        "changed",
        "changed out of band: status",
        (DriftField("status", "ENABLED", "PAUSED", False, blocked=True),),
    )
    report = DriftReport([item], checked=1)
    assert '    ~ status: "ENABLED" → "PAUSED"  (plan is blocked: not restored)' in render_drift(
        report, fmt="text"
    )
    assert '| "PAUSED" | plan is blocked: not restored |' in render_drift(report, fmt="markdown")


def test_no_drift() -> None:
    report = DriftReport(checked=3)
    assert render_drift(report, fmt="text").startswith("No drift.")
    assert "No drift." in render_drift(report, fmt="markdown")
    assert json.loads(render_drift(report, fmt="json"))["has_drift"] is False


def test_markdown_and_json_drift() -> None:
    md = render_drift(sample_drift(), fmt="markdown", currencies=CURRENCIES)
    assert "| Resource | Finding | Field | Recorded | Live | Specs |" in md
    assert (
        "| `campaign_budget/spring@google:shop` | changed | `amount_micros` | 50000000 (50.00 USD) "
        "| 80000000 (80.00 USD) | plan would restore the specs |" in md
    )
    assert "| `ad_group/spring/main@google:shop` | deleted out of band | | | | |" in md
    added = DriftItem(
        a("ad_group_criterion/spring/main/keyword:EXACT:boots@google:shop"),
        "added",
        "added out of band; the specs have it otherwise (plan updates status)",
        (DriftField("status", None, "PAUSED", False),),
    )
    assert (  # what the plan does with it is told beside the field it changes
        "| `ad_group_criterion/spring/main/keyword:EXACT:boots@google:shop` | added out of band; the specs "
        'have it otherwise (plan updates status) | `status` | (none) | "PAUSED" '
        "| plan would restore the specs |"
    ) in render_drift(DriftReport([added], checked=1), fmt="markdown")
    data = json.loads(render_drift(sample_drift(), fmt="json"))
    assert [item["kind"] for item in data["items"]] == ["changed", "changed", "deleted", "copy"]
    assert data["items"][3]["similar_to"] == "campaign/spring@google:shop"


def sample_result(ok: bool) -> ApplyResult:
    outcomes = [ResourceOutcome(a("campaign_budget/s@google:shop"), Action.CREATE, "applied", "1", "created")]
    if not ok:
        outcomes += [
            ResourceOutcome(
                a("campaign/s@google:shop"), Action.CREATE, "failed", None, "[DUPLICATE_NAME] name taken"
            ),
            ResourceOutcome(
                a("ad_group/s/main@google:shop"),
                Action.CREATE,
                "skipped",
                None,
                "depends on failed campaign/s@google:shop",
            ),
        ]
    return ApplyResult(outcomes=outcomes, write_calls={"shop": 2})


@pytest.mark.parametrize(
    ("ok", "headline"),
    [
        (True, "Apply complete: 1 applied, 0 failed, 0 skipped (2 write calls)."),
        (False, "Apply incomplete: 1 applied, 1 failed, 1 skipped (2 write calls)."),
    ],
)
def test_apply_result(ok: bool, headline: str) -> None:
    text = render_apply_result(sample_result(ok))
    lines = text.splitlines()
    assert lines[0] == headline
    assert "\x1b" not in text
    if not ok:
        assert "  failed: create campaign/s@google:shop — [DUPLICATE_NAME] name taken" in lines
        assert (
            "  skipped: create ad_group/s/main@google:shop — depends on failed campaign/s@google:shop"
            in lines
        )
        assert "### Failures" in render_apply_result(sample_result(ok), fmt="markdown")
    data = json.loads(render_apply_result(sample_result(ok), fmt="json"))
    assert data["ok"] is ok and data["write_calls"] == {"shop": 2}


def test_records_moved_alone_are_reported_apart_from_the_changes_applied() -> None:
    """A renamed campaign: its name sent (applied), the records under it moved with nothing sent."""
    outcomes = [
        ResourceOutcome(a("campaign/summer@google:shop"), Action.UPDATE, "applied", "1", "updated"),
        *(
            ResourceOutcome(a(f"ad_group/summer/g{i}@google:shop"), Action.NOOP, "applied", str(i), "moved")
            for i in range(3)
        ),
    ]
    result = ApplyResult(outcomes=outcomes, write_calls={"shop": 1}, records_updated=1, records_dropped=2)
    assert render_apply_result(result).splitlines()[0] == (
        "Apply complete: 1 applied, 3 records moved, 1 record updated, 2 records dropped, 0 failed, "
        "0 skipped (1 write call)."
    )
    assert json.loads(render_apply_result(result, fmt="json"))["counts"] == {
        "applied": 1,
        "failed": 0,
        "skipped": 0,
        "moved": 3,
        "updated": 1,
        "dropped": 2,
    }


def test_a_renamed_meta_ad_is_an_update_and_its_creative_a_record_moved_alone() -> None:
    old, new = "ad/spring/main/hero@meta:fb", "ad/spring/main/champ@meta:fb"
    old_creative, new_creative = (x.replace("ad/", "adcreative/", 1) for x in (old, new))
    creative = r(new_creative, pid="41", title="Hi")
    ad_before, ad_after = r(new, pid="42", name="hero"), r(new, pid="42", name="champ")
    renamed = FieldChange("name", "hero", "champ")
    changes = [
        Change(
            a(new_creative), Action.NOOP, creative, creative, reason="renamed", moved_from=a(old_creative)
        ),
        Change(a(new), Action.UPDATE, ad_before, ad_after, [renamed], "renamed", moved_from=a(old)),
    ]
    plan = Plan(accounts=["fb"], changes=changes, created_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    text = render_plan(plan, fmt="text")
    assert (
        f"-> {new_creative} — renamed\n    # moved from {old_creative} (the same creative, id 41)\n" in text
    )
    assert (
        f'~ {new} — renamed\n    # moved from {old} (the same ad, id 42)\n    ~ name: "hero" → "champ"'
        in text
    )
    assert summary_line(plan).endswith(
        "1 to update, 0 to replace, 0 to pause, 0 to delete, 2 records to move."
    )


def test_a_renamed_ad_group_counts_what_moves_along_and_lists_what_does_more() -> None:
    """The records under a renamed ad group (or campaign) that move and do nothing else are counted at it;
    one under it whose status changes too is listed; a creative renamed elsewhere is listed as ever."""
    group, old_group = "ad_group/spring/core@google:shop", "ad_group/spring/main@google:shop"
    keyword, ad = (
        "ad_group_criterion/spring/core/keyword:EXACT:a@google:shop",
        "ad_group_ad/spring/core/ad1@google:shop",
    )
    other = "ad_group_ad/spring/other/ad2@google:shop"

    def moved(new: str, old: str, action: Action = Action.NOOP) -> Change:
        live = r(new, pid="7")
        return Change(a(new), action, live, live, reason="renamed", moved_from=a(old))

    changes = [
        Change(
            a(group),
            Action.UPDATE,
            r(group, pid="5", name="main"),
            r(group, pid="5", name="core"),
            [FieldChange("name", "main", "core")],
            "renamed",
            moved_from=a(old_group),
        ),
        moved(keyword, keyword.replace("/core/", "/main/")),
        moved(ad, ad.replace("/core/", "/main/"), Action.UPDATE),
        moved(other, other.replace("/ad2@", "/ad1@")),
    ]
    plan = Plan(accounts=["shop"], changes=changes, created_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    for text in (render_plan(plan, fmt="text"), render_plan(plan, fmt="markdown")):
        assert f"# moved from {old_group} (the same ad group, id 5), with the 1 record under it\n" in text
        assert keyword not in text and f"~ {ad} — renamed" in text and f"-> {other} — renamed" in text
    assert summary_line(plan).endswith("4 records to move.")
    # The account's summary counts the changes it lists, and says how many records move along unlisted.
    assert "<b>shop</b>: 3 changes, 1 record moving along</summary>" in render_plan(plan, fmt="markdown")


def test_a_held_display_link_of_the_link_s_own_domain_renders_as_none_in_plan_and_drift() -> None:
    """A Meta creative's ``display_link`` ``""`` (a spec naming the link's own domain: none shown, but held)
    is shown as ``(none)``, not as JSON's ``""``, in a plan and in drift; another field's ``""`` is not."""
    creative = "adcreative/spring/main/a@meta:fb"
    before = r(creative, pid="9", display_link="example.com/boots", title="")
    after = r(creative, display_link="", title="")
    plan = Plan(
        accounts=["fb"],
        created_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
        changes=[
            Change(
                a(creative),
                Action.REPLACE,
                before,
                after,
                [FieldChange("display_link", "example.com/boots", "")],
                reason="spec changed: display_link",
            ),
            Change(a("adcreative/spring/main/b@meta:fb"), Action.CREATE, None, after, reason="new in specs"),
        ],
    )
    lines = render_plan(plan, fmt="text", currencies=CURRENCIES).splitlines()
    assert '    ~ display_link: "example.com/boots" → (none)  (forces replacement)' in lines, lines
    assert "    + display_link: (none)" in lines and '    + title: ""' in lines, lines
    report = DriftReport(
        checked=1,
        items=[
            DriftItem(
                a(creative),
                "changed",
                "changed out of band: display_link",
                (DriftField("display_link", "", "example.com/boots", False),),
            )
        ],
    )
    text = render_drift(report, fmt="text", currencies=CURRENCIES)
    assert '    ~ display_link: (none) → "example.com/boots"  (plan would restore the specs)' in text, text


def test_a_hotel_ad_group_s_percent_cpc_bid_renders_as_its_percent_in_plan_and_drift() -> None:
    """A Hotel ad group's ``percent_cpc_bid_micros`` (micros of the fraction: 125000 = 12.5 %) is shown with
    the percent the spec writes, like money with its amount, any currency; JSON keeps the raw value."""
    group = "ad_group/hotels/paris@google:shop"
    plan = Plan(
        accounts=["shop"],
        created_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
        changes=[
            Change(
                a(group),
                Action.UPDATE,
                r(group, pid="3", percent_cpc_bid_micros=125_000),
                r(group, pid="3", percent_cpc_bid_micros=80_000),
                [FieldChange("percent_cpc_bid_micros", 125_000, 80_000)],
                reason="spec changed: percent_cpc_bid_micros",
            ),
            Change(
                a("ad_group/hotels/rome@google:shop"),
                Action.CREATE,
                None,
                r("ad_group/hotels/rome@google:shop", percent_cpc_bid_micros=1_000_000),
                reason="new in specs",
            ),
        ],
    )
    for currencies in ({}, CURRENCIES):
        lines = render_plan(plan, fmt="text", currencies=currencies).splitlines()
        assert "    ~ percent_cpc_bid_micros: 125000 (12.5%) → 80000 (8%)" in lines, lines
        assert "    + percent_cpc_bid_micros: 1000000 (100%)" in lines, lines
    assert json.loads(render_plan(plan, fmt="json"))["changes"][0]["fields"][0]["after"] == 80_000
    report = DriftReport(
        checked=1,
        items=[
            DriftItem(
                a(group),
                "changed",
                "changed out of band: percent_cpc_bid_micros",
                (DriftField("percent_cpc_bid_micros", 125_000, 150_000, False),),
            )
        ],
    )
    text = render_drift(report, fmt="text", currencies=CURRENCIES)
    assert "    ~ percent_cpc_bid_micros: 125000 (12.5%) → 150000 (15%)  (plan would restore" in text, text
    md = render_drift(report, fmt="markdown", currencies=CURRENCIES)
    assert "| 125000 (12.5%) | 150000 (15%) |" in md, md
