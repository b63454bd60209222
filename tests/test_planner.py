"""planner.plan: one table or test per rule of the planner (drift: test_drift.py)."""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import pytest

from midas_reconcile import planner as planner_module
from midas_reconcile.errors import PlanError
from midas_reconcile.left_alone import left_alone
from midas_reconcile.plan import Action, Change, FieldChange, Plan, left_alone_warning
from midas_reconcile.planner import PRODUCT_FILTER_LEFT_ALONE, parent_of, plan
from midas_reconcile.resources import GROUP_KINDS, Address, Resource, SharedPageFeed

ACCT = "acct"
NOW = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)


def addr(text: str) -> Address:
    """``kind/path@platform`` (account ``acct`` unless given)."""
    return Address.parse(text if ":" in text.rsplit("@", 1)[1] else f"{text}:{ACCT}")


def res(text: str, refs: dict[str, str] | None = None, **fields: Any) -> Resource:
    return Resource(addr(text), fields, refs={k: addr(v) for k, v in (refs or {}).items()})


def google_tree(campaign: str = "spring") -> list[Resource]:
    """A desired Google campaign: budget, campaign, location criterion, ad group, keyword, ad."""
    c = f"campaign/{campaign}@google"
    return [
        res(f"campaign_budget/{campaign}@google", name=campaign, amount_micros=50_000_000),
        res(
            c,
            {"campaign_budget": f"campaign_budget/{campaign}@google"},
            name=campaign,
            status="ENABLED",
            advertising_channel_type="SEARCH",
            labels=["midas-managed"],
        ),
        res(
            f"campaign_criterion/{campaign}/location:2840@google",
            {"campaign": c},
            type="LOCATION",
            geo_target_constant="geoTargetConstants/2840",
        ),
        res(
            f"ad_group/{campaign}/main@google",
            {"campaign": c},
            name="main",
            status="ENABLED",
            labels=["midas-managed"],
        ),
        res(
            f"ad_group_criterion/{campaign}/main/keyword:EXACT:shoes@google",
            {"ad_group": f"ad_group/{campaign}/main@google"},
            type="KEYWORD",
            keyword_text="shoes",
            keyword_match_type="EXACT",
        ),
        res(
            f"ad_group_ad/{campaign}/main/ad1@google",
            {"ad_group": f"ad_group/{campaign}/main@google"},
            name="ad1",
            status="ENABLED",
            type="RESPONSIVE_SEARCH_AD",
            headlines=["a", "b", "c"],
        ),
    ]


def meta_tree(campaign: str = "spring") -> list[Resource]:
    c, s = f"campaign/{campaign}@meta", f"adset/{campaign}/main@meta"
    return [
        res(c, name=campaign, status="ACTIVE", objective="OUTCOME_TRAFFIC", daily_budget=5000),
        res(
            s,
            {"campaign": c},
            name="main",
            status="ACTIVE",
            targeting={"geo_locations": {"countries": ["US"]}},
        ),
        res(f"adcreative/{campaign}/main/ad1@meta", name="ad1", title="Hi", link_url="https://x.test"),
        res(
            f"ad/{campaign}/main/ad1@meta",
            {"adset": s, "creative": f"adcreative/{campaign}/main/ad1@meta"},
            name="ad1",
            status="ACTIVE",
        ),
    ]


def live_of(resources: Iterable[Resource], *, managed: bool = True, start: int = 100) -> list[Resource]:
    """Live copies with platform ids (the connector marks descendants of a marked campaign managed)."""
    out = []
    for i, resource in enumerate(resources):
        live = copy.deepcopy(resource)
        live.platform_id = str(start + i)
        live.managed = managed
        out.append(live)
    return out


def recorded_of(resources: Iterable[Resource], **overrides: Any) -> dict[Address, Resource]:
    out = {}
    for resource in resources:
        record = copy.deepcopy(resource)
        for name, value in overrides.items():
            setattr(record, name, value)
        out[record.address] = record
    return out


def with_fields(resource: Resource, **fields: Any) -> Resource:
    changed = copy.deepcopy(resource)
    changed.fields.update(fields)
    return changed


def run(
    desired: Sequence[Resource],
    live: Sequence[Resource],
    recorded: dict[Address, Resource] | None = None,
    **kwargs: Any,
) -> Plan:
    kwargs.setdefault("accounts", [ACCT])
    return plan(desired, live, recorded if recorded is not None else {}, created_at=NOW, **kwargs)


def by_address(result: Plan) -> dict[str, Change]:
    return {str(c.address): c for c in result.changes}


def actions(result: Plan) -> dict[str, str]:
    return {str(c.address): c.action.value for c in result.changes}


def key(text: str) -> str:
    return str(addr(text))


# --- creation, no-op, update, replace ----------------------------------------------------------


def test_empty_platform_creates_everything_parents_first() -> None:
    desired = google_tree() + meta_tree()
    result = run(desired, [])
    assert [c.action for c in result.changes] == [Action.CREATE] * len(desired)
    assert all(c.reason == "new in specs" and c.before is None for c in result.changes)
    kinds = [(c.address.platform, c.address.kind) for c in result.changes]
    assert kinds == [
        ("google", "campaign_budget"),
        ("google", "campaign"),
        ("google", "campaign_criterion"),
        ("google", "ad_group"),
        ("google", "ad_group_criterion"),
        ("google", "ad_group_ad"),
        ("meta", "campaign"),
        ("meta", "adset"),
        ("meta", "adcreative"),
        ("meta", "ad"),
    ]
    assert result.summary()["create"] == len(desired)


def test_live_matching_specs_is_all_noop_with_ids() -> None:
    desired = google_tree() + meta_tree()
    live = live_of(desired)
    result = run(desired, live, recorded_of(live))
    assert not result.has_changes
    assert {c.action for c in result.changes} == {Action.NOOP}
    ids = {str(r.address): r.platform_id for r in live}
    for change in result.changes:
        assert change.after is not None and change.after.platform_id == ids[str(change.address)]
        assert change.reason == "matches the specs"


def test_normalised_equality_means_noop() -> None:
    desired = google_tree()
    live = live_of(desired)
    live[0].fields.update(delivery_method="STANDARD", explicitly_shared=False)  # platform defaults
    live[1].fields["labels"] = ["midas-managed"]
    live[4].fields["keyword_text"] = "SHOES"
    assert not run(desired, live, recorded_of(live)).has_changes


def test_deleted_out_of_band_is_recreated() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    result = run(desired, live[:3], recorded)  # ad group and below deleted in the console
    change = by_address(result)[key("ad_group/spring/main@google")]
    assert change.action is Action.CREATE
    assert change.reason == "deleted out of band — re-creating"


def test_update_lists_fields_and_carries_live_id() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    desired[0] = with_fields(desired[0], amount_micros=80_000_000)
    change = by_address(run(desired, live, recorded))[key("campaign_budget/spring@google")]
    assert change.action is Action.UPDATE
    assert change.fields == [FieldChange("amount_micros", 50_000_000, 80_000_000)]
    assert change.reason == "spec changed: amount_micros"
    assert change.before is not None and change.before.platform_id == "100"
    assert change.after is not None and change.after.platform_id == "100"


def test_update_reason_tells_out_of_band_changes_from_spec_edits() -> None:
    desired = google_tree()
    recorded = recorded_of(live_of(desired))
    live = live_of(desired)
    live[1].fields["status"] = "PAUSED"  # someone paused it in the console
    desired[1] = with_fields(desired[1], name="spring")  # unchanged
    change = by_address(run(desired, live, recorded))[key("campaign/spring@google")]
    assert change.action is Action.UPDATE
    assert change.reason == "changed on the platform since the last apply, restoring: status"


def test_update_reason_tells_a_console_change_the_specs_also_changed_from_a_restore() -> None:
    """Recorded 50, console 70, spec 80: 80 is a new spec value, not the recorded one put back."""
    desired = google_tree()
    recorded = recorded_of(live_of(desired))
    live = live_of(desired)
    live[0].fields["amount_micros"] = 70_000_000
    live[1].fields["status"] = "PAUSED"
    desired[0] = with_fields(desired[0], amount_micros=80_000_000)
    changes = by_address(run(desired, live, recorded))
    budget = changes[key("campaign_budget/spring@google")]
    assert budget.reason == "changed on the platform and in the specs: amount_micros"
    campaign = changes[key("campaign/spring@google")]
    assert campaign.reason == "changed on the platform since the last apply, restoring: status"


@pytest.mark.parametrize("with_fields_recorded", [True, False])
def test_a_spec_put_back_after_its_removal_paused_it_is_back_in_the_specs(with_fields_recorded: bool) -> None:
    desired = google_tree()
    live = live_of(desired)
    removed = by_address(run(desired[:1], live, recorded_of(live)))[key("campaign/spring@google")]
    assert removed.action is Action.PAUSE and removed.after is not None
    recorded = recorded_of(live)
    recorded[removed.address] = removed.after  # what the apply of that pause records
    live[1] = removed.after
    if not with_fields_recorded:  # as plans load it
        recorded = {a: replace(r, fields={}) for a, r in recorded.items()}
    change = by_address(run(desired, live, recorded))[key("campaign/spring@google")]
    assert change.action is Action.UPDATE
    assert change.reason == "back in the specs: status"


@pytest.mark.parametrize(
    ("index", "fields", "address"),
    [
        (5, {"headlines": ["x", "y", "z"]}, "ad_group_ad/spring/main/ad1@google"),
        (4, {"keyword_text": "boots"}, "ad_group_criterion/spring/main/keyword:EXACT:shoes@google"),
        (1, {"advertising_channel_type": "DISPLAY"}, "campaign/spring@google"),
    ],
)
def test_immutable_change_is_replace(index: int, fields: dict[str, Any], address: str) -> None:
    desired = google_tree()
    live = live_of(desired)
    desired[index] = with_fields(desired[index], **fields)
    change = by_address(run(desired, live, recorded_of(live)))[key(address)]
    assert change.action is Action.REPLACE
    assert change.irreversible  # the old Google object is removed for good
    assert "cannot change in place" in change.reason
    assert change.before is not None and change.before.platform_id == live[index].platform_id


def test_replaced_meta_creative_updates_the_ad_reference() -> None:
    desired = meta_tree()
    live = live_of(desired)
    desired[2] = with_fields(desired[2], title="Hello")
    result = run(desired, live, recorded_of(live))
    changes = by_address(result)
    assert changes[key("adcreative/spring/main/ad1@meta")].action is Action.REPLACE
    ad = changes[key("ad/spring/main/ad1@meta")]
    assert ad.action is Action.UPDATE
    assert ad.fields == [FieldChange("refs.creative", live[2].platform_id, "(new id)")]
    assert "creative" in ad.reason


CREATIVE = "adcreative/spring/main/ad1@meta"


def _replacement_interrupted(title: str) -> tuple[list[Resource], list[Resource], dict[Address, Resource]]:
    """A Meta creative whose title the specs changed, an apply killed while replacing it: the old one (id
    102) recorded and live, and at its address too the new one (id 900, marked, titled ``title``) that the
    apply made. Returns desired, live and recorded."""
    desired = meta_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    desired[2] = with_fields(desired[2], title="Hello")
    made = with_fields(live[2], title=title)
    made.platform_id = "900"
    return desired, [*live, made], recorded


@pytest.mark.parametrize("claimed", [True, False], ids=["claimed", "journal-settled"])
def test_a_replacement_an_interrupted_apply_made_is_adopted_when_its_create_is_claimed(claimed: bool) -> None:
    """The journal claims the creative's address (its create was in flight): the replacement that apply made
    is the new creative — the ad is pointed at it and the old one deleted, nothing made twice. Without the
    claim it is not known to be MIDAS's: the old one is replaced as usual and the other left alone, with a
    warning."""
    desired, live, recorded = _replacement_interrupted("Hello")
    result = run(desired, live, recorded, claimed={addr(CREATIVE)} if claimed else frozenset())
    changes = by_address(result)
    creative, ad = changes[key(CREATIVE)], changes[key("ad/spring/main/ad1@meta")]
    assert creative.action is Action.REPLACE and creative.before is not None and creative.after is not None
    assert creative.before.platform_id == "102"
    assert ad.action is Action.UPDATE
    if claimed:
        assert creative.after.platform_id == "900"
        assert "id 900, which an interrupted apply made for it (adopted)" in creative.reason
        assert ad.fields == [FieldChange("refs.creative", "102", "900")]
        assert result.warnings == []
    else:
        assert creative.after.platform_id is None
        assert ad.fields == [FieldChange("refs.creative", "102", "(new id)")]
        assert result.warnings == [
            f"2 live objects share the address {key(CREATIVE)}: MIDAS uses id 102 and leaves 900 untouched "
            "(rename them to tell them apart)"
        ]


def test_a_replacement_an_interrupted_apply_made_that_the_specs_no_longer_want_is_removed_too() -> None:
    """The specs changed again after the apply was killed: the creative it made is not what they want either,
    so the old one is replaced anew and the one made removed with it."""
    desired, live, recorded = _replacement_interrupted("Hi there")
    result = run(desired, live, recorded, claimed={addr(CREATIVE)})
    changes = by_address(result)
    creative = changes[key(CREATIVE)]
    assert creative.action is Action.REPLACE and creative.before is not None and creative.after is not None
    assert (creative.before.platform_id, creative.after.platform_id) == ("102", None)
    assert creative.removes_too == ("900",)
    assert "removes 900 too, made by an interrupted apply" in creative.reason
    assert changes[key("ad/spring/main/ad1@meta")].fields == [FieldChange("refs.creative", "102", "(new id)")]
    assert result.warnings == []


def test_a_replacement_an_interrupted_apply_made_for_specs_since_taken_back_is_removed() -> None:
    """The specs went back to the old creative after the apply was killed: the old one is kept (the ad pointed
    back at it, whichever it runs now) and the one made to replace it removed."""
    desired, live, recorded = _replacement_interrupted("Hello")
    desired[2] = with_fields(desired[2], title="Hi")
    result = run(desired, live, recorded, claimed={addr(CREATIVE)})
    changes = by_address(result)
    creative = changes[key(CREATIVE)]
    assert creative.action is Action.REPLACE and creative.before is not None and creative.after is not None
    assert (creative.before.platform_id, creative.after.platform_id) == ("900", "102")
    assert creative.removes_too == ()
    assert changes[key("ad/spring/main/ad1@meta")].fields == [FieldChange("refs.creative", "900", "102")]


def test_a_replacement_whose_old_object_is_gone_is_adopted_as_any_claimed_object() -> None:
    """Killed after the old creative was deleted: the new one is alone at its address, claimed, and only its
    record is refreshed."""
    desired, live, recorded = _replacement_interrupted("Hello")
    del live[2]
    result = run(desired, live, recorded, claimed={addr(CREATIVE)})
    assert not result.actionable
    assert result.record_refreshes == {addr(CREATIVE): ["title"]}
    assert result.warnings == []


def _replacement_left_behind() -> tuple[list[Resource], list[Resource], dict[Address, Resource]]:
    """A Meta creative whose title the specs changed, replaced by an apply whose last write, the old one's
    delete, was refused: the new one (id 900, titled as the specs want) recorded and live, the old one (id
    102) live at its address too. Returns desired, live and recorded."""
    desired = meta_tree()
    live = live_of(desired)
    desired[2] = with_fields(desired[2], title="Hello")
    new = with_fields(live[2], title="Hello")
    new.platform_id = "900"
    recorded = recorded_of([*live[:2], new, *live[3:]])
    return desired, [*live, new], recorded


@pytest.mark.parametrize("journaled", [True, False], ids=["delete-journaled", "no-journal"])
def test_the_old_object_a_replacement_failed_to_delete_is_removed_by_the_next_plan(journaled: bool) -> None:
    """The journal says MIDAS sent the old creative's delete without learning it went through: the plan
    finishes that replacement — the new one kept, the ad pointed at it, the old one removed — rather than
    warn that two live objects share the address. Without the journal's word the old one is not known to
    be MIDAS's: left alone, with the warning."""
    desired, live, recorded = _replacement_left_behind()
    deletes = {addr(CREATIVE): {"102"}} if journaled else None
    result = run(desired, live, recorded, deletes_not_done=deletes)
    creative = by_address(result)[key(CREATIVE)]
    if not journaled:
        assert creative.action is Action.NOOP
        assert result.warnings == [
            f"2 live objects share the address {key(CREATIVE)}: MIDAS uses id 900 and leaves 102 untouched "
            "(rename them to tell them apart)"
        ]
        return
    assert creative.action is Action.REPLACE and creative.before is not None and creative.after is not None
    assert (creative.before.platform_id, creative.after.platform_id) == ("102", "900")
    assert "an earlier apply left id 102 behind (its delete did not go through)" in creative.reason
    assert by_address(result)[key("ad/spring/main/ad1@meta")].fields == [
        FieldChange("refs.creative", "102", "900")
    ]
    assert result.warnings == []


def test_the_old_object_a_replacement_failed_to_delete_is_kept_when_the_specs_went_back_to_it() -> None:
    desired, live, recorded = _replacement_left_behind()
    desired[2] = with_fields(desired[2], title=live[2].fields["title"])
    result = run(desired, live, recorded, deletes_not_done={addr(CREATIVE): {"102"}})
    creative = by_address(result)[key(CREATIVE)]
    assert creative.action is Action.REPLACE and creative.before is not None and creative.after is not None
    assert (creative.before.platform_id, creative.after.platform_id) == ("900", "102")
    assert "which an earlier apply replaced with id 900 but could not delete (kept)" in creative.reason
    assert result.warnings == []


def test_an_object_made_outside_midas_s_records_as_the_specs_have_it_is_a_record_to_refresh() -> None:
    """A keyword added in a console that the specs took in (or created by an apply killed before it
    recorded it): nothing to send, but the apply records it, else drift would report it on every run."""
    desired = google_tree()
    live = live_of(desired)
    keyword = addr("ad_group_criterion/spring/main/keyword:EXACT:shoes@google")
    recorded = {a: r for a, r in recorded_of(live).items() if a != keyword}
    result = run(desired, live, recorded)
    assert not result.actionable and result.has_changes
    assert result.record_refreshes == {keyword: ["(not recorded)"]}
    assert not run(desired, live, recorded_of(live)).has_changes


def test_replaced_google_campaign_recreates_its_children() -> None:
    desired = google_tree()
    live = live_of(desired)
    desired[1] = with_fields(desired[1], advertising_channel_type="DISPLAY")
    result = actions(run(desired, live, recorded_of(live)))
    assert result[key("campaign/spring@google")] == "replace"
    assert result[key("campaign_budget/spring@google")] == "noop"
    for child in (
        "ad_group/spring/main@google",
        "ad_group_ad/spring/main/ad1@google",
        "campaign_criterion/spring/location:2840@google",
    ):
        assert result[key(child)] == "create"


# --- ownership and conflicts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recorded", "claimed", "managed", "expected", "message"),
    [
        (True, False, True, "update", None),
        (False, True, True, "update", None),  # an interrupted apply created it: adopt
        (True, False, False, None, "marker was removed out of band"),
        (False, False, True, None, "not in this workspace's state"),
        (False, False, False, None, "exists on the platform but is not managed by MIDAS"),
    ],
)
def test_ownership(
    recorded: bool, claimed: bool, managed: bool, expected: str | None, message: str | None
) -> None:
    desired = meta_tree()
    live = live_of(desired, managed=managed)
    desired[0] = with_fields(desired[0], daily_budget=6000)
    result = run(
        desired,
        live,
        recorded_of(live) if recorded else {},
        claimed={r.address for r in live} if claimed else frozenset(),
    )
    campaign = key("campaign/spring@meta")
    if expected is None:
        assert message is not None
        assert result.changes == []  # the whole campaign is skipped, descendants included
        assert len(result.violations) == 1
        assert result.violations[0].startswith(campaign)
        assert message in result.violations[0]
        assert "midas import" in result.violations[0]
    else:
        assert actions(result)[campaign] == expected
        assert result.violations == []


def test_a_recorded_campaign_replaced_by_a_namesake_made_outside_midas_is_a_conflict_that_says_so() -> None:
    desired = meta_tree()
    recorded = recorded_of(live_of(desired))
    result = run(desired, live_of(desired, managed=False, start=900), recorded)
    campaign = key("campaign/spring@meta")
    record = next(r for a, r in recorded.items() if str(a) == campaign)
    assert result.changes == []
    assert result.violations[0].startswith(
        f"{campaign} was applied by MIDAS as id {record.platform_id}, which is gone; the one there "
        "now (id 900) was made outside MIDAS"
    )


def test_descendants_inherit_ownership_from_the_campaign() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live[:2])  # only budget and campaign recorded; criteria carry no labels
    for child in live[2:]:
        child.managed = False
    stray = live_of(
        [res("ad_group_criterion/spring/main/keyword:BROAD:socks@google", type="KEYWORD")], start=900
    )
    result = run(desired, live + stray, recorded)
    assert actions(result)[key("ad_group/spring/main@google")] == "noop"
    assert actions(result)[key("ad_group_criterion/spring/main/keyword:BROAD:socks@google")] == "delete"
    assert result.unmanaged == []


def test_a_campaigns_own_targeting_set_in_a_console_is_left_alone_until_its_spec_names_some() -> None:
    """Before ``google.campaign_*`` MIDAS did not read a campaign's positive age, gender and interest
    criteria: one added in a console stays while the spec names none of its kind (nor MIDAS recorded it);
    an exclusion of the kind, a recorded one, or one beside a spec naming the kind goes."""
    c = "campaign/spring@google"

    def criterion(kind: str, value: str, **fields: Any) -> Resource:
        field = {"AGE_RANGE": "age_range", "GENDER": "gender"}[kind]
        key_text = f"{'negative_' if fields.get('negative') else ''}{field}:{value}"
        return res(
            f"campaign_criterion/spring/{key_text}@google",
            {"campaign": c},
            type=kind,
            **{field: value},
            **fields,
        )

    desired = [*google_tree(), criterion("GENDER", "FEMALE")]
    live = live_of(desired)
    console = live_of(
        [
            criterion("AGE_RANGE", "AGE_RANGE_65_UP"),  # a kind the spec names none of: left alone
            criterion("GENDER", "MALE"),  # beside the spec's own genders: goes
            criterion("AGE_RANGE", "AGE_RANGE_18_24", negative=True),  # an exclusion: goes, as before
        ],
        start=900,
    )
    recorded_age = live_of([criterion("AGE_RANGE", "AGE_RANGE_25_34")], start=950)
    result = run(desired, live + console + recorded_age, recorded_of(live + recorded_age))
    changes = by_address(result)
    kept = changes[key("campaign_criterion/spring/age_range:AGE_RANGE_65_UP@google")]
    assert kept.action is Action.NOOP and "google.campaign_ages" in kept.reason
    for gone in ("gender:MALE", "negative_age_range:AGE_RANGE_18_24", "age_range:AGE_RANGE_25_34"):
        assert changes[key(f"campaign_criterion/spring/{gone}@google")].action is Action.DELETE, gone


@pytest.mark.parametrize(
    ("channel", "ours", "expected"),
    [
        ("DEMAND_GEN", "", Action.NOOP),  # a console's, the spec naming none: left alone, noted
        ("DEMAND_GEN", "recorded", Action.DELETE),  # MIDAS applied it and the spec dropped it: all products
        ("DEMAND_GEN", "claimed", Action.DELETE),  # an interrupted apply of MIDAS's made it: MIDAS's too
        ("SEARCH", "", Action.DELETE),  # no product filter of Demand Gen's: a stray criterion, as before
    ],
    ids=["console-filter", "applied-filter", "claimed-filter", "not-demand-gen"],
)
def test_a_demand_gen_product_filter_midas_never_applied_is_left_alone_while_the_spec_names_none(
    channel: str, ours: str, expected: Action
) -> None:
    desired = [
        _clone_fields(r, advertising_channel_type=channel) if r.address.kind == "campaign" else r
        for r in google_tree()
    ]
    live = live_of(desired)
    tree = live_of(
        [
            res(
                "ad_group_criterion/spring/main/listing_group:all-products@google",
                {"ad_group": "ad_group/spring/main@google"},
                type="LISTING_GROUP",
                listing_group_type="UNIT",
            )
        ],
        start=900,
    )
    claimed = {tree[0].address} if ours == "claimed" else set()
    result = run(
        desired, live + tree, recorded_of(live + tree if ours == "recorded" else live), claimed=claimed
    )
    change = by_address(result)[key("ad_group_criterion/spring/main/listing_group:all-products@google")]
    assert change.action is expected, change
    noted = [w for w in result.warnings if "a product filter set in the console is left alone" in w]
    assert bool(noted) is (expected is Action.NOOP), result.warnings
    if channel == "DEMAND_GEN" and ours:
        assert "ad group 'main' will show all of the feed's products" in change.reason, change.reason


def _console_filter_under_demand_gen(**group: Any) -> tuple[list[Resource], list[Resource], Address]:
    """A Demand Gen campaign wanted as ``google_tree`` has it (its ad group with ``group``'s fields), live as
    MIDAS applied it, with a product filter a console set on its ad group: (desired, live, the filter)."""
    desired = [
        _clone_fields(r, advertising_channel_type="DEMAND_GEN") if r.address.kind == "campaign" else r
        for r in google_tree()
    ]
    live = live_of(desired)
    desired = [_clone_fields(r, **group) if r.address.kind == "ad_group" else r for r in desired]
    tree = res(
        "ad_group_criterion/spring/main/listing_group:all-products@google",
        {"ad_group": "ad_group/spring/main@google"},
        type="LISTING_GROUP",
        listing_group_type="UNIT",
    )
    return desired, live + live_of([tree], start=900), tree.address


def test_a_plan_carries_its_note_on_a_console_product_filter_by_address() -> None:
    """The note is data on the plan, by the filter's address; its warnings (on the change and the plan's own)
    are told from it, and a saved plan keeps it (drift and restore of a loaded plan read it as of one just
    made)."""
    desired, live, filter_at = _console_filter_under_demand_gen()
    result = run(desired, live, recorded_of(r for r in live if r.address != filter_at))
    assert result.left_alone == {filter_at: PRODUCT_FILTER_LEFT_ALONE}
    told = left_alone_warning(filter_at, PRODUCT_FILTER_LEFT_ALONE)
    assert told == f"{filter_at}: {PRODUCT_FILTER_LEFT_ALONE}"
    assert by_address(result)[str(filter_at)].warnings == [told] and told in result.warnings
    assert json.loads(result.to_json())["left_alone"] == {str(filter_at): PRODUCT_FILTER_LEFT_ALONE}
    loaded = Plan.from_json(result.to_json())
    assert loaded.warnings == result.warnings and loaded.left_alone == result.left_alone


def test_a_console_filter_under_a_replaced_ad_group_goes_with_it_and_its_note_too() -> None:
    """An ad group replaced (its type cannot change in place) takes the console's filter with it: the plan
    leaves nothing alone there, and says nothing of it."""
    desired, live, filter_at = _console_filter_under_demand_gen(type="DISPLAY_STANDARD")
    result = run(desired, live, recorded_of(r for r in live if r.address != filter_at))
    assert by_address(result)[key("ad_group/spring/main@google")].action is Action.REPLACE
    gone = by_address(result)[str(filter_at)]
    assert gone.action is Action.NOOP and gone.reason == "removed with its replaced parent", gone
    assert result.left_alone == {} and not any(PRODUCT_FILTER_LEFT_ALONE in w for w in result.warnings)


def test_a_plan_retells_or_drops_a_note_by_its_address_and_nothing_else() -> None:
    """``Plan.retell_left_alone``: the note at an address is retold (or dropped) in ``left_alone``, on its
    change and among the plan's warnings, in place; another warning, even one naming that address first, is
    kept, and an address with no note is skipped."""
    spring, winter = (addr(f"ad_group_criterion/{c}/main/listing_group:all-products@google") for c in "ab")
    said = {a: left_alone_warning(a, "left alone") for a in (spring, winter)}
    beside = f"{spring}: something else of it"
    changes = [Change(a, Action.NOOP, None, None, warnings=[said[a], beside]) for a in (spring, winter)]
    result = Plan([ACCT], changes, warnings=[said[spring], beside, said[winter]])
    result.left_alone = {spring: "left alone", winter: "left alone"}
    result.retell_left_alone({spring: "now so", winter: None, addr("campaign/c@google"): None})
    assert result.left_alone == {spring: "now so"}
    assert result.warnings == [f"{spring}: now so", beside]
    assert [c.warnings for c in result.changes] == [[f"{spring}: now so", beside], [beside]]


def _clone_fields(resource: Resource, **fields: Any) -> Resource:
    return Resource(resource.address, {**resource.fields, **fields}, refs=resource.refs)


def test_unmanaged_live_resources_are_listed_not_touched() -> None:
    desired = google_tree()
    live = live_of(desired)
    foreign = live_of(google_tree("legacy") + meta_tree("other"), managed=False, start=500)
    result = run(desired, live + foreign, recorded_of(live))
    assert not result.has_changes
    assert result.unmanaged == sorted((r.address for r in foreign), key=Address.sort_key)
    assert not any(c.address in set(result.unmanaged) for c in result.changes)


def test_conflict_on_a_budget_blocks_its_campaign() -> None:
    desired = google_tree()
    squatter = live_of([res("campaign_budget/spring@google", name="spring", amount_micros=1)], managed=False)
    result = run(desired, squatter)
    assert result.changes == []
    assert result.violations == [
        f"{key('campaign_budget/spring@google')} exists on the platform but is not managed by MIDAS "
        "— adopt it with `midas import` or rename it in the spec"
    ]


# --- removal ---------------------------------------------------------------------------------------

REMOVAL_CASES = [
    # (what stays desired, options, recorded on_remove, expected actions by address)
    (
        "google-campaign-paused",
        [],
        {},
        "pause",
        {
            "campaign/spring@google": ("pause", "removed from the specs — pausing"),
            "campaign_budget/spring@google": ("noop", "removed with its parent"),
            "campaign_criterion/spring/location:2840@google": ("noop", "removed with its parent"),
            "ad_group/spring/main@google": ("noop", "removed with its parent"),
            "ad_group_ad/spring/main/ad1@google": ("noop", "removed with its parent"),
        },
    ),
    (
        "google-campaign-destroyed",
        [],
        {"allow_destroy": True},
        "pause",
        {
            "campaign/spring@google": ("delete", "(--allow-destroy)"),
            "campaign_budget/spring@google": ("delete", "its campaign is deleted"),
            "ad_group/spring/main@google": ("noop", "removed with its parent"),
        },
    ),
    (
        "lifecycle-delete",
        [],
        {},
        "delete",
        {"campaign/spring@google": ("delete", "(lifecycle.on_remove: delete)")},
    ),
    (
        "ad-group-removed",
        [0, 1, 2],
        {},
        "pause",
        {
            "ad_group/spring/main@google": ("pause", "removed from the specs"),
            "ad_group_criterion/spring/main/keyword:EXACT:shoes@google": ("noop", "removed with its parent"),
            "ad_group_ad/spring/main/ad1@google": ("noop", "removed with its parent"),
            "campaign/spring@google": ("noop", "matches the specs"),
        },
    ),
    (
        "keyword-removed-parent-stays",
        [0, 1, 2, 3, 5],
        {},
        "pause",
        {"ad_group_criterion/spring/main/keyword:EXACT:shoes@google": ("delete", "its ad_group stays")},
    ),
]


@pytest.mark.parametrize(("name", "keep", "options", "on_remove", "expected"), REMOVAL_CASES)
def test_removal(
    name: str, keep: list[int], options: dict[str, Any], on_remove: str, expected: dict[str, tuple[str, str]]
) -> None:
    tree = google_tree()
    live = live_of(tree)
    result = run([tree[i] for i in keep], live, recorded_of(live, on_remove=on_remove), **options)
    changes = by_address(result)
    for address, (action, reason) in expected.items():
        change = changes[key(address)]
        assert change.action.value == action, (name, address)
        assert reason in change.reason, (name, address, change.reason)
        if change.action is Action.DELETE:
            assert change.irreversible and change.after is None
        if change.action is Action.PAUSE:
            assert change.fields == [FieldChange("status", "ENABLED", "PAUSED")]
            assert change.after is not None and change.after.fields["status"] == "PAUSED"


def test_a_lifecycle_changed_alone_is_a_record_update_that_a_saved_plan_keeps() -> None:
    tree = google_tree()
    live = live_of(tree)
    desired = [copy.deepcopy(r) for r in tree]
    for resource in desired:
        resource.on_remove = "delete"
    result = run(desired, live, recorded_of(live, on_remove="pause"))
    assert not result.actionable and result.has_changes
    assert result.lifecycle_updates == {r.address: ("pause", "delete") for r in tree}
    assert Plan.from_json(result.to_json()).lifecycle_updates == result.lifecycle_updates
    assert not run(desired, live, recorded_of(live, on_remove="delete")).has_changes


def test_already_paused_removed_resource_is_noop() -> None:
    live = live_of(meta_tree())
    live[0].fields["status"] = "PAUSED"
    result = run([], live, recorded_of(live))
    change = by_address(result)[key("campaign/spring@meta")]
    assert change.action is Action.NOOP and "already paused" in change.reason
    assert not result.has_changes


def test_meta_deletes_are_reversible_and_creatives_go_after_the_delete_that_frees_them() -> None:
    live = live_of(meta_tree())
    result = run([], live, recorded_of(live), allow_destroy=True)
    deletes = [str(c.address) for c in result.changes if c.action is Action.DELETE]
    assert deletes == [key("campaign/spring@meta"), key("adcreative/spring/main/ad1@meta")]
    assert not any(c.irreversible for c in result.changes)
    assert actions(result)[key("ad/spring/main/ad1@meta")] == "noop"


def test_recorded_and_gone_is_noop_already_gone() -> None:
    tree = google_tree()
    result = run([], [], recorded_of(live_of(tree)))
    assert {c.reason for c in result.changes} == {"already gone"}
    assert len(result.changes) == len(tree)
    assert result.actionable == [] and result.has_changes  # the records to drop
    assert result.forgets == [c.address for c in result.changes]


def test_removed_status_counts_as_not_live() -> None:
    desired = google_tree()
    live = live_of(desired)
    live[3].fields["status"] = "REMOVED"
    result = run(desired, live, recorded_of(live))
    assert actions(result)[key("ad_group/spring/main@google")] == "create"


# --- ordering, determinism, scope, warnings -----------------------------------------------------


def test_deletes_come_last_in_reverse_dependency_order() -> None:
    keep = google_tree("keep")
    gone = google_tree("gone")
    live = live_of(keep + gone)
    new = google_tree("new")
    new[0] = with_fields(new[0], amount_micros=7_000_000)  # another budget: not "gone" renamed
    desired = [with_fields(keep[0], amount_micros=1_000_000), *keep[1:], *new]
    result = run(desired, live, recorded_of(live), allow_destroy=True)
    order = [(c.action.value, c.address.kind, c.address.path) for c in result.actionable]
    non_deletes = [o for o in order if o[0] != "delete"]
    deletes = [o for o in order if o[0] == "delete"]
    assert order == non_deletes + deletes
    assert deletes == [("delete", "campaign", "gone"), ("delete", "campaign_budget", "gone")]
    assert non_deletes[0] == ("update", "campaign_budget", "keep")


def test_plan_is_deterministic_whatever_the_input_order() -> None:
    desired = google_tree("a") + meta_tree("a") + google_tree("b")
    live = live_of(google_tree("a") + meta_tree("a") + google_tree("old"))
    live += live_of(meta_tree("foreign"), managed=False, start=700)
    recorded = recorded_of(live[:16])
    expected = run(desired, live, recorded).to_json()
    rng = random.Random(7)
    for _ in range(5):
        d, l_ = desired[:], live[:]
        rng.shuffle(d)
        rng.shuffle(l_)
        shuffled_recorded = dict(
            rng.sample(sorted(recorded.items(), key=lambda kv: str(kv[0])), len(recorded))
        )
        assert run(d, l_, shuffled_recorded).to_json() == expected


def test_other_accounts_are_ignored() -> None:
    other = [Resource(Address("google", "other", "campaign", "x"), {"name": "x"})]
    result = run(google_tree(), other, {})
    assert all(c.address.account == ACCT for c in result.changes)
    assert result.unmanaged == []
    assert result.accounts == [ACCT]


def test_warnings_come_from_desired_resources() -> None:
    desired = google_tree()
    desired[2].warnings = ("age 30–50 widened to 25–54", "b")
    desired[3].warnings = ("b",)
    result = run(desired, [], fingerprints={ACCT: "f"})
    assert by_address(result)[str(desired[2].address)].warnings == ["age 30–50 widened to 25–54", "b"]
    assert result.warnings == ["age 30–50 widened to 25–54", "b"]
    assert result.fingerprints == {ACCT: "f"}


def test_duplicate_live_objects_prefer_the_recorded_one_and_warn() -> None:
    desired = meta_tree()[:1]
    live = live_of(desired)
    twin = live_of(desired, start=5)  # a same-named copy (Meta allows duplicate names)
    result = run(desired, twin + live, recorded_of(live))
    change = result.changes[0]
    assert change.action is Action.NOOP and change.before is not None and change.before.platform_id == "100"
    assert result.warnings == [
        f"2 live objects share the address {key('campaign/spring@meta')}: MIDAS uses id 100 and leaves 5 "
        "untouched (rename them to tell them apart)"
    ]


def test_duplicate_desired_addresses_are_a_bug() -> None:
    with pytest.raises(ValueError, match="share the address"):
        run(meta_tree()[:1] * 2, [])


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("ad_group_criterion/c/g/keyword:EXACT:24/7 help@google", "ad_group/c/g@google"),
        ("campaign_criterion/c/location:2840@google", "campaign/c@google"),
        ("campaign_budget/c@google", "campaign/c@google"),
        ("adcreative/c/s/a@meta", "ad/c/s/a@meta"),
        ("ad/c/s/a@meta", "adset/c/s@meta"),
    ],
)
def test_parent_of(child: str, parent: str) -> None:
    assert parent_of(addr(child)) == addr(parent)


def test_children_of_a_removed_campaign_count_as_gone() -> None:
    tree = google_tree()
    live = live_of(tree)
    live[1].fields["status"] = "REMOVED"  # deleted; Google still lists its ad groups as ENABLED
    result = run([], live, recorded_of(live))
    reasons = {str(c.address): (c.action.value, c.reason) for c in result.changes}
    assert reasons[key("ad_group/spring/main@google")] == ("noop", "already gone")
    assert reasons[key("campaign/spring@google")] == ("noop", "already gone")
    # the budget is a separate object: still there, its campaign gone → kept unless destroying
    assert reasons[key("campaign_budget/spring@google")][0] == "noop"
    assert result.actionable == []  # only records to drop


@pytest.mark.parametrize("recorded", [False, True], ids=["built-outside", "once-midas-customer-list"])
@pytest.mark.parametrize("allow_destroy", [False, True], ids=["keep", "allow-destroy"])
def test_an_existing_audience_is_never_a_change_and_its_id_is_carried(
    recorded: bool, allow_destroy: bool
) -> None:
    """An ``existing: true`` audience is not desired and may even be recorded (MIDAS once applied a customer
    list of its name): it is never created, updated, deleted or listed as unmanaged; its id is in the plan."""
    audiences = [res("user_list/vip@google", name="vip"), res("customaudience/vip@meta", name="vip")]
    live = live_of(audiences, managed=False)
    result = plan(
        [],
        live,
        recorded_of(audiences) if recorded else {},
        accounts=[ACCT],
        allow_destroy=allow_destroy,
        existing={a.address for a in audiences},
    )
    assert result.changes == [] and result.unmanaged == []
    assert result.existing == {addr("customaudience/vip@meta"): "101", addr("user_list/vip@google"): "100"}
    assert set(result.released) == ({a.address for a in audiences} if recorded else set())
    assert result.has_changes is recorded
    gone = plan([], [], recorded_of(audiences), accounts=[ACCT], existing={a.address for a in audiences})
    assert gone.changes == [] and gone.existing == {}


# --- shared budgets ---------------------------------------------------------------------------------

POOL = "campaign_budget/%shared/pool@google"


def on_pool(*campaigns: str) -> list[Resource]:
    """A shared budget and Google campaigns on it (nothing else of theirs)."""
    pool = res(POOL, name="pool", amount_micros=90_000_000, explicitly_shared=True)
    return [pool] + [
        res(
            f"campaign/{c}@google",
            {"campaign_budget": POOL},
            name=c,
            status="ENABLED",
            advertising_channel_type="SEARCH",
            labels=["midas-managed"],
        )
        for c in campaigns
    ]


def test_a_shared_budget_is_created_before_and_deleted_after_its_campaigns() -> None:
    created = run(on_pool("a", "b"), [])
    assert [str(c.address) for c in created.changes] == [
        key(POOL),
        key("campaign/a@google"),
        key("campaign/b@google"),
    ]
    live = live_of(on_pool("a", "b"))
    gone = run([], live, recorded_of(live), allow_destroy=True)
    assert [(str(c.address), c.action.value) for c in gone.changes] == [
        (key("campaign/a@google"), "delete"),
        (key("campaign/b@google"), "delete"),
        (key(POOL), "delete"),
    ]


def test_a_shared_budget_removed_from_the_specs_is_kept_without_allow_destroy() -> None:
    live = live_of(on_pool())
    change = by_address(run([], live, recorded_of(live)))[key(POOL)]
    assert (change.action, change.reason) == (
        Action.NOOP,
        "removed from the specs — kept (delete it with --allow-destroy)",
    )


def test_a_shared_budget_still_funding_a_campaign_is_not_deleted() -> None:
    live = live_of(on_pool("a", "stranger"))
    live[2].managed = False  # a campaign MIDAS does not manage uses the budget too
    mine = live[:2]
    result = run([], live, recorded_of(mine), allow_destroy=True)
    change = by_address(result)[key(POOL)]
    assert change.action is Action.NOOP
    assert change.reason == "removed from the specs but still funds campaign 'stranger' — kept"
    assert by_address(result)[key("campaign/a@google")].action is Action.DELETE


def test_changing_a_shared_budget_that_funds_an_unmanaged_campaign_is_a_violation() -> None:
    live = live_of(on_pool("a", "stranger"))
    live[2].managed = False
    desired = [with_fields(on_pool("a")[0], amount_micros=120_000_000), on_pool("a")[1]]
    result = run(desired, live, recorded_of(live[:2]))
    assert by_address(result)[key(POOL)].action is Action.UPDATE
    assert result.violations == [
        f"{key(POOL)} also funds campaign 'stranger', which MIDAS does not manage: changing it would change "
        "their spend — adopt them too (`midas import`) or leave the shared budget as it is"
    ]
    assert not run(on_pool("a"), live, recorded_of(live[:2])).violations  # unchanged: nothing to say


def test_adding_a_campaign_to_a_shared_budget_that_funds_an_unmanaged_campaign_is_a_violation() -> None:
    live = live_of(on_pool("a", "stranger"))
    live[2].managed = False
    result = run(on_pool("a", "b"), live, recorded_of(live[:2]))
    assert by_address(result)[key("campaign/b@google")].action is Action.CREATE
    assert result.violations == [
        f"{key(POOL)} also funds campaign 'stranger', which MIDAS does not manage: adding campaign 'b' to it "
        "would change their spend — adopt them too (`midas import`) or leave the shared budget as it is"
    ]


def test_a_campaign_switches_from_its_own_budget_to_a_shared_one() -> None:
    own = google_tree("a")[:2]
    live = live_of(own)
    result = run(on_pool("a"), live, recorded_of(live))
    assert [(str(c.address), c.action.value) for c in result.changes] == [
        (key(POOL), "create"),
        (key("campaign/a@google"), "update"),
        (key("campaign_budget/a@google"), "delete"),  # after the campaign moved off it
    ]
    assert by_address(result)[key("campaign/a@google")].fields[-1].path == "refs.campaign_budget"


def test_a_budget_taking_the_name_of_another_live_budget_is_a_violation() -> None:
    """Google refuses a second budget of a name: a campaign moving onto a shared budget named like its own
    budget (which goes only after the move) would fail at every apply."""
    own = google_tree("pool")[:2]  # campaign "pool" on its own budget, named "pool" too
    live = live_of(own)
    result = run(on_pool("pool"), live, recorded_of(live))
    assert result.violations == [
        f"{key(POOL)} would take the name 'pool' of the live budget {key('campaign_budget/pool@google')}: "
        "Google keeps budget names unique in an account — give one of them another name (a SharedBudget's "
        "metadata.name, a campaign's google.budget_name)"
    ]
    other = live_of(google_tree("a")[:2])
    assert run(on_pool("a"), other, recorded_of(other)).violations == []  # other names: fine


@pytest.mark.parametrize("kind", ["campaign", "adset"])
def test_a_meta_budget_switching_between_daily_and_lifetime_is_a_violation(kind: str) -> None:
    """Meta edits neither a daily budget into a lifetime one nor the other way; a budget moving between the
    campaign and its ad sets, or changing its amount, is no switch."""
    live = live_of(meta_tree())
    if kind == "adset":  # the budget on the ad set (Advantage campaign budget off)
        live = [with_fields(r, daily_budget=5000) if r.address.kind == "adset" else r for r in live]
        live[0].fields.pop("daily_budget")
    desired = copy.deepcopy(live)
    target = next(r for r in desired if r.address.kind == kind)
    target.fields.pop("daily_budget")
    target.fields.update(lifetime_budget=90_000, end_time="2024-06-30T23:59:59+0000")
    result = run(desired, live, recorded_of(live))
    address = key(f"{kind}/spring{'/main' if kind == 'adset' else ''}@meta")
    assert result.violations == [
        f"{address} would switch between a daily and a lifetime budget, which Meta cannot do in place (a "
        "budget's period is fixed once created): keep its period, or run the campaign with the other period "
        "as a new campaign (another metadata.name) and remove this one"
    ]
    back = run(live, desired, recorded_of(desired))  # lifetime to daily alike
    assert len(back.violations) == 1 and back.violations[0].startswith(address)
    more = [with_fields(r, daily_budget=6000) if r.address.kind == kind else r for r in live]
    assert run(more, live, recorded_of(live)).violations == []


def test_replacing_a_google_campaign_or_what_a_meta_ad_set_promotes_is_a_violation() -> None:
    """A Google campaign cannot be created beside the one it would replace (its name and budget), and a
    Meta ad set's promoted object cannot change in place: replacing the ad set would delete it."""
    live = live_of(google_tree() + meta_tree())
    for resource in live:
        if resource.address.kind == "adset":
            resource.fields["promoted_object"] = {"pixel_id": "1", "custom_event_type": "PURCHASE"}
    desired = copy.deepcopy(live)
    for resource in desired:
        if resource.address == addr("campaign/spring@google"):
            resource.fields["advertising_channel_type"] = "MULTI_CHANNEL"
        if resource.address.kind == "adset":
            resource.fields["promoted_object"] = {"pixel_id": "2", "custom_event_type": "PURCHASE"}
    result = run(desired, live, recorded_of(live))
    assert result.violations == [
        f"{key('campaign/spring@google')} would be replaced (advertising_channel_type cannot change in "
        "place), which Google cannot do under its name and budget: keep them, or run the campaign as a new "
        "one (another metadata.name) and remove this one",
        f"{key('adset/spring/main@meta')} would be replaced: Meta does not change what a live ad set "
        "promotes or counts (promoted_object.pixel_id); keep it, or run it as a new ad set (give the ad "
        "group another name) and let this one go",
    ]


def test_replacing_a_google_ad_group_is_a_violation() -> None:
    """An ad group's type cannot change in place, and the new ad group could not be created beside the old one
    (ad group names are unique in a campaign): the apply would remove the old one and fail to make the new."""
    live = live_of(google_tree())
    for resource in live:
        if resource.address.kind == "ad_group":
            resource.fields["type"] = "SEARCH_STANDARD"
    desired = copy.deepcopy(live)
    for resource in desired:
        if resource.address.kind == "ad_group":
            resource.fields["type"] = "SEARCH_DYNAMIC_ADS"
    result = run(desired, live, recorded_of(live))
    assert result.violations == [
        f"{key('ad_group/spring/main@google')} would be replaced (type cannot change in place), which Google "
        "cannot do under its name in the campaign: keep it, or run it as a new ad group (give the ad group "
        "another name) and let this one go"
    ]


def test_a_shared_budget_a_campaign_no_longer_uses_can_be_deleted() -> None:
    live = live_of(on_pool("a"))
    desired = google_tree("a")[:2]
    result = run(desired, live, recorded_of(live), allow_destroy=True)
    assert [(str(c.address), c.action.value) for c in result.changes] == [
        (key("campaign_budget/a@google"), "create"),
        (key("campaign/a@google"), "update"),
        (key(POOL), "delete"),
    ]


def test_a_shared_budget_midas_does_not_own_is_a_conflict_that_holds_back_its_campaigns() -> None:
    live = live_of(on_pool(), managed=False)
    other = [
        res("campaign_budget/%shared/other@google", name="other", amount_micros=1, explicitly_shared=True),
        res("campaign/b@google", {"campaign_budget": "campaign_budget/%shared/other@google"}, name="b"),
    ]
    result = run(on_pool("a") + other, live, {})
    # The other shared budget and its campaign go ahead.
    assert [str(c.address) for c in result.changes] == [str(r.address) for r in other]
    assert result.violations == [
        f"{key(POOL)} exists on the platform but is not in this workspace's state — adopt it with the "
        "campaigns it funds (`midas import --campaign ID … --adopt`), or rename the SharedBudget"
    ]
    # Its campaigns all managed, the budget reads as managed: still told as a budget (it has no marker).
    managed = live_of(on_pool(), managed=True)
    assert run(on_pool("a"), managed, {}).violations == result.violations


# --- a Google ad whose creative was renamed --------------------------------------------------------

AD1, AD2 = "ad_group_ad/spring/main/ad1@google", "ad_group_ad/spring/main/ad2@google"


def renamed_ad(tree: list[Resource], name: str = "ad2", **fields: Any) -> list[Resource]:
    """``tree`` with its ad's creative named ``name`` (and ``fields`` changed)."""
    ad = with_fields(tree[-1], **fields)
    ad.address = addr(f"ad_group_ad/spring/main/{name}@google")
    return [*tree[:-1], ad]


def test_a_renamed_google_ad_moves_its_record_and_sends_nothing() -> None:
    """Google keeps no ad name: the same ad under a new creative name is the ad MIDAS recorded, not a
    new one (a delete or pause and a create would lose its history and reset its review)."""
    live = live_of(google_tree())
    result = run(renamed_ad(google_tree()), live, recorded_of(live))
    assert {a: act for a, act in actions(result).items() if act != "noop"} == {}
    change = by_address(result)[key(AD2)]
    assert key(AD1) not in by_address(result)
    assert change.moved_from == addr(AD1) and change.action is Action.NOOP
    assert change.before is not None and change.after is not None
    assert change.before.platform_id == change.after.platform_id == live[-1].platform_id
    assert change.reason.startswith("creative renamed (was 'ad1')")
    assert result.moves == [change] and result.has_changes and not result.forgets
    assert Plan.from_json(result.to_json()).moves[0].moved_from == addr(AD1)


def test_a_renamed_google_ad_whose_status_the_spec_changed_is_moved_and_updated() -> None:
    live = live_of(google_tree())
    result = run(renamed_ad(google_tree(), status="PAUSED"), live, recorded_of(live))
    change = by_address(result)[key(AD2)]
    assert (change.action, change.moved_from) == (Action.UPDATE, addr(AD1))
    assert change.fields == [FieldChange("status", "ENABLED", "PAUSED")]
    assert change.reason.endswith("record moves; spec changed: status")
    assert [c.address for c in result.actionable] == [addr(AD2)]


def test_an_ad_named_anew_whose_texts_changed_or_not_recorded_is_created() -> None:
    """Only the same ad moves: other texts make a new ad (the old one is paused)."""
    live = live_of(google_tree())
    result = run(renamed_ad(google_tree(), headlines=["x", "y", "z"]), live, recorded_of(live))
    assert (actions(result)[key(AD2)], actions(result)[key(AD1)]) == ("create", "pause")
    assert not result.moves


def test_a_meta_ad_renamed_with_its_creative_elsewhere_is_not_moved() -> None:
    """Only the ad's name moved, its creative stayed at the old name: the wanted creative is live already,
    so the renamed ad is no ad of its own (a new one, and the old one paused)."""
    tree = meta_tree()
    live = live_of(tree)
    ad = copy.deepcopy(tree[-1])
    ad.address = addr("ad/spring/main/ad2@meta")
    result = run([*tree[:-1], ad], live, recorded_of(live))
    assert not result.moves
    assert actions(result)[key("ad/spring/main/ad2@meta")] == "create"


# --- a Meta ad whose creative was renamed -----------------------------------------------------------

META_AD1, META_AD2 = "ad/spring/main/ad1@meta", "ad/spring/main/ad2@meta"
CREATIVE1, CREATIVE2 = "adcreative/spring/main/ad1@meta", "adcreative/spring/main/ad2@meta"


def renamed_meta_ad(tree: list[Resource], name: str = "ad2", **fields: Any) -> list[Resource]:
    """``tree`` with its creative named ``name`` as the compiler would emit it (the ad's name, both
    addresses, the creative's own name its path), the ad's ``fields`` changed."""
    creative, ad = copy.deepcopy(tree[-2]), with_fields(tree[-1], name=name, **fields)
    creative.address = addr(f"adcreative/spring/main/{name}@meta")
    creative.fields["name"] = f"spring/main/{name}"
    ad.address = addr(f"ad/spring/main/{name}@meta")
    ad.refs = {**ad.refs, "creative": creative.address}
    return [*tree[:-2], creative, ad]


def test_a_renamed_meta_ad_is_renamed_in_place_and_keeps_its_creative() -> None:
    """Meta keeps the ad's name and lets it change: the ad is updated, not replaced (which would lose its
    delivery history, learning and the post's likes), and its creative — the same content — moves along."""
    live = live_of(meta_tree())
    result = run(renamed_meta_ad(meta_tree()), live, recorded_of(live))
    changes = by_address(result)
    assert {a: act for a, act in actions(result).items() if act != "noop"} == {key(META_AD2): "update"}
    assert key(META_AD1) not in changes and key(CREATIVE1) not in changes
    ad, creative = changes[key(META_AD2)], changes[key(CREATIVE2)]
    assert ad.moved_from == addr(META_AD1) and ad.fields == [FieldChange("name", "ad1", "ad2")]
    assert ad.before is not None and ad.after is not None
    assert ad.before.platform_id == ad.after.platform_id == live[-1].platform_id
    assert ad.before.refs["creative"] == ad.after.refs["creative"] == addr(CREATIVE2)
    assert ad.reason.startswith("creative renamed (was 'ad1'): the same ad, renamed in place")
    assert ad.reason.endswith("; spec changed: name")
    assert (creative.action, creative.moved_from) == (Action.NOOP, addr(CREATIVE1))
    assert creative.before is not None and creative.before.platform_id == live[-2].platform_id
    assert creative.reason.endswith("— nothing is sent")
    assert result.moves == [creative, ad] and not result.forgets
    assert [c.address for c in result.actionable] == [addr(META_AD2)]


def test_a_renamed_meta_ad_whose_status_changed_too_is_updated_in_both() -> None:
    live = live_of(meta_tree())
    result = run(renamed_meta_ad(meta_tree(), status="PAUSED"), live, recorded_of(live))
    ad = by_address(result)[key(META_AD2)]
    assert (ad.action, ad.moved_from) == (Action.UPDATE, addr(META_AD1))
    assert ad.fields == [FieldChange("name", "ad1", "ad2"), FieldChange("status", "ACTIVE", "PAUSED")]


@pytest.mark.parametrize(
    "changed",
    [{"title": "Hello"}, {"link_url": "https://y.test"}],
    ids=["headline", "link"],
)
def test_a_meta_ad_renamed_with_other_content_or_not_recorded_is_a_new_ad(changed: dict[str, Any]) -> None:
    """Other content is another ad (its creative cannot change in place): created, the old one paused; so is
    a renamed ad MIDAS never recorded (adopted ads are named by their own names)."""
    live = live_of(meta_tree())
    desired = renamed_meta_ad(meta_tree())
    desired[-2] = with_fields(desired[-2], **changed)
    result = run(desired, live, recorded_of(live))
    assert (actions(result)[key(META_AD2)], actions(result)[key(META_AD1)]) == ("create", "pause")
    assert actions(result)[key(CREATIVE2)] == "create" and not result.moves
    unrecorded = run(renamed_meta_ad(meta_tree()), live, recorded_of(live[:2]))
    assert actions(unrecorded)[key(META_AD2)] == "create" and not unrecorded.moves


def test_a_renamed_meta_ad_applied_then_planned_again_is_all_noop() -> None:
    """What the next read finds (the ad at its new name, its creative at the ad's address, the creative's
    own name unchanged) matches the specs: no perpetual diff."""
    desired = renamed_meta_ad(meta_tree())
    after = live_of(meta_tree())
    after[-2].address, after[-1].address = addr(CREATIVE2), addr(META_AD2)
    after[-1].fields["name"] = "ad2"
    after[-1].refs = {**after[-1].refs, "creative": addr(CREATIVE2)}
    result = run(desired, after, recorded_of(after))
    assert set(actions(result).values()) == {"noop"} and not result.moves and not result.has_changes


def test_a_renamed_ad_in_a_campaign_held_back_by_a_conflict_keeps_its_record() -> None:
    tree = google_tree()
    live = live_of(tree)
    live[1].managed = False  # the campaign's marker was removed out of band: a conflict
    result = run(renamed_ad(tree), live, recorded_of(live))
    assert result.changes == [] and not result.has_changes
    assert result.violations and "marker was removed" in result.violations[0]


def test_a_renamed_ad_of_a_replaced_ad_group_is_recreated_and_its_old_record_dropped() -> None:
    live = live_of(google_tree())
    desired = renamed_ad(google_tree())
    desired[3] = with_fields(desired[3], type="DISPLAY_STANDARD")
    result = run(desired, live, recorded_of(live))
    assert actions(result)[key("ad_group/spring/main@google")] == "replace"
    assert by_address(result)[key(AD2)].action is Action.CREATE and not result.moves
    assert addr(AD1) in result.forgets


# --- an ad group (Meta: ad set) renamed ----------------------------------------------------------


def renamed_group(tree: list[Resource], name: str = "core", **fields: Any) -> list[Resource]:
    """``tree`` with its ad group ``main`` named ``name`` as the compiler would emit it: the group's name and
    every address under it (and the refs to them), a Meta creative's own name its new path; the group's
    ``fields`` changed."""

    def move(address: Address) -> Address:
        if address.kind in ("ad_group", "adset", "ad_group_criterion", "ad_group_ad", "ad", "adcreative"):
            head, _, rest = address.path.partition("/main")
            return Address(address.platform, address.account, address.kind, f"{head}/{name}{rest}")
        return address

    out = []
    for resource in copy.deepcopy(tree):
        resource.address = move(resource.address)
        resource.refs = {ref: move(target) for ref, target in resource.refs.items()}
        if resource.address.kind in ("ad_group", "adset"):
            resource.fields.update(name=name, **fields)
        elif resource.address.kind == "adcreative":
            resource.fields["name"] = resource.address.path
        out.append(resource)
    return out


GROUP_MOVES = {
    "google": {
        "ad_group/spring/core@google": "ad_group/spring/main@google",
        "ad_group_criterion/spring/core/keyword:EXACT:shoes@google": (
            "ad_group_criterion/spring/main/keyword:EXACT:shoes@google"
        ),
        "ad_group_ad/spring/core/ad1@google": "ad_group_ad/spring/main/ad1@google",
    },
    "meta": {
        "adset/spring/core@meta": "adset/spring/main@meta",
        "adcreative/spring/core/ad1@meta": "adcreative/spring/main/ad1@meta",
        "ad/spring/core/ad1@meta": "ad/spring/main/ad1@meta",
    },
}


def moves_of(result: Plan) -> dict[str, str]:
    return {str(c.address): str(c.moved_from) for c in result.moves}


@pytest.mark.parametrize("platform", ["google", "meta"])
def test_a_renamed_ad_group_is_renamed_in_place_and_everything_in_it_moves(platform: str) -> None:
    """The same ad group under a new name: its name is updated (its id, history and learning kept) and
    MIDAS's records of it and of everything addressed under it move — nothing is created or paused."""
    tree = google_tree() if platform == "google" else meta_tree()
    live = live_of(tree)
    result = run(renamed_group(tree), live, recorded_of(live))
    group_kind = "ad_group" if platform == "google" else "adset"
    group = key(f"{group_kind}/spring/core@{platform}")
    assert {a: act for a, act in actions(result).items() if act != "noop"} == {group: "update"}
    assert moves_of(result) == {key(new): key(old) for new, old in GROUP_MOVES[platform].items()}
    change = by_address(result)[group]
    assert change.fields == [FieldChange("name", "main", "core")]
    noun = "ad group" if platform == "google" else "ad set"
    assert change.reason.startswith(f"{noun} renamed (was 'main'): the same {noun}, renamed in place")
    assert change.reason.endswith("; spec changed: name")
    by_id = {r.platform_id: r for r in live}
    for moved in result.moves:
        assert moved.before is not None and moved.after is not None
        assert moved.before.platform_id == moved.after.platform_id
        assert by_id[moved.before.platform_id].address == moved.moved_from
        if moved is not change:
            assert moved.action is Action.NOOP
            assert moved.reason.startswith(f"its {noun} renamed (was 'main'): the same ")
            assert moved.reason.endswith("MIDAS's record moves — nothing is sent")
            assert all(target.path.startswith("spring/core") for n, target in moved.after.refs.items())
    assert not result.forgets and result.has_changes
    assert moves_of(Plan.from_json(result.to_json())) == moves_of(result)


def test_a_renamed_ad_group_paused_with_it_is_renamed_and_paused() -> None:
    live = live_of(google_tree())
    result = run(renamed_group(google_tree(), status="PAUSED"), live, recorded_of(live))
    change = by_address(result)[key("ad_group/spring/core@google")]
    assert change.action is Action.UPDATE and change.moved_from == addr("ad_group/spring/main@google")
    assert change.fields == [FieldChange("name", "main", "core"), FieldChange("status", "ENABLED", "PAUSED")]


def _google_renamed_with(change: str) -> list[Resource]:
    desired = renamed_group(google_tree())
    if change == "bid":
        desired[3] = with_fields(desired[3], cpc_bid_micros=1_000_000)
    elif change == "keyword added":
        extra = copy.deepcopy(desired[4])
        extra.address = addr("ad_group_criterion/spring/core/keyword:EXACT:boots@google")
        extra.fields["keyword_text"] = "boots"
        desired.append(extra)
    elif change == "keyword removed":
        del desired[4]
    elif change == "creative renamed":
        desired[-1].address = addr("ad_group_ad/spring/core/ad2@google")
    elif change == "ad texts":
        desired[-1] = with_fields(desired[-1], headlines=["x", "y", "z"])
    return desired


@pytest.mark.parametrize(
    "change", ["bid", "keyword added", "keyword removed", "creative renamed", "ad texts"]
)
def test_an_ad_group_renamed_with_other_changes_is_a_new_ad_group(change: str) -> None:
    """Renamed and changed otherwise — a setting, a keyword or creative added, removed, renamed or changed
    with it — is not known to be the same ad group: a new one, the old one paused, as without renames."""
    live = live_of(google_tree())
    result = run(_google_renamed_with(change), live, recorded_of(live))
    assert not result.moves
    assert actions(result)[key("ad_group/spring/core@google")] == "create"
    assert actions(result)[key("ad_group/spring/main@google")] == "pause"


def test_a_renamed_meta_ad_set_whose_targeting_changed_is_a_new_ad_set() -> None:
    live = live_of(meta_tree())
    desired = renamed_group(meta_tree(), targeting={"geo_locations": {"countries": ["CA"]}})
    result = run(desired, live, recorded_of(live))
    assert not result.moves and actions(result)[key("adset/spring/core@meta")] == "create"


def test_a_renamed_ad_group_meta_never_recorded_is_a_new_one() -> None:
    live = live_of(google_tree())
    unrecorded = {a: r for a, r in recorded_of(live).items() if a.kind != "ad_group"}
    result = run(renamed_group(google_tree()), live, unrecorded)
    assert not result.moves and actions(result)[key("ad_group/spring/core@google")] == "create"


def _twin(tree: list[Resource], name: str) -> list[Resource]:
    """The ad group ``main`` of ``tree`` and what is under it, as a second ad group ``name``."""
    return [r for r in renamed_group(tree, name) if r.address.kind.startswith("ad_group")]


def test_renamed_twins_are_new_ad_groups_as_nothing_tells_which_is_which() -> None:
    """Two alike ad groups both renamed (or one that two new ones match): no pair is certain, none moves."""
    tree = google_tree()
    live = live_of([*tree, *_twin(tree, "other")])
    recorded = recorded_of(live)
    both = [*renamed_group(tree, "core"), *_twin(tree, "core2")]
    result = run(both, live, recorded)
    assert not result.moves and actions(result)[key("ad_group/spring/core@google")] == "create"
    one_of_two = run([*renamed_group(tree, "core"), *_twin(tree, "core2")], live_of(tree), recorded_of(live))
    assert not one_of_two.moves
    # The twin kept under its own name is no candidate: the renamed one pairs.
    kept = run([*renamed_group(tree, "core"), *_twin(tree, "other")], live, recorded)
    assert moves_of(kept) == {key(new): key(old) for new, old in GROUP_MOVES["google"].items()}


def test_a_renamed_ad_group_applied_then_planned_again_is_all_noop() -> None:
    desired = renamed_group(google_tree())
    live = live_of(desired)
    result = run(desired, live, recorded_of(live))
    assert set(actions(result).values()) == {"noop"} and not result.has_changes


def test_an_ad_group_renamed_with_a_creative_of_its_own_renamed_in_a_later_plan_moves_twice() -> None:
    """A rename then a creative rename: each plan moves what it finds (the ad group's records, then the
    ad's), never a new ad group."""
    first = renamed_group(google_tree())
    live = live_of(google_tree())
    assert moves_of(run(first, live, recorded_of(live)))
    moved = live_of(first)
    second = renamed_ad(first)
    second[-1].address = addr("ad_group_ad/spring/core/ad2@google")
    result = run(second, moved, recorded_of(moved))
    assert moves_of(result) == {
        key("ad_group_ad/spring/core/ad2@google"): key("ad_group_ad/spring/core/ad1@google")
    }


@pytest.mark.parametrize("platform", ["google", "meta"])
def test_a_renamed_ad_group_takes_its_paused_ads_no_spec_holds_along(platform: str) -> None:
    """An ad paused when its creative left the specs stays under the ad group, as it is: no difference that
    makes the rename a new ad group, and its record (a Meta one's creative's too) moves with the rest. One
    still running is: the spec removes it with the rename, so the ad group is a new one."""
    tree = google_tree() if platform == "google" else meta_tree()
    old = [r for r in renamed_group(tree, "main") if r.address.kind in ("ad_group_ad", "ad", "adcreative")]
    for resource in old:  # the ad (and creative) "old" beside ad1
        resource.address = addr(str(resource.address).replace("/ad1@", "/old@"))
        resource.refs = {n: addr(str(t).replace("/ad1@", "/old@")) for n, t in resource.refs.items()}
        if "status" in resource.fields:
            resource.fields["status"] = "PAUSED"
    live = live_of([*tree, *old])
    result = run(renamed_group(tree), live, recorded_of(live))
    group_kind = "ad_group" if platform == "google" else "adset"
    assert {a: act for a, act in actions(result).items() if act != "noop"} == {
        key(f"{group_kind}/spring/core@{platform}"): "update"
    }
    left = {str(c.address): c for c in result.moves if "/old@" in str(c.address)}
    assert sorted(left) == sorted(key(str(r.address).replace("/main/", "/core/")) for r in old)
    for change in left.values():
        assert change.action is Action.NOOP and change.after is None
        assert change.moved_from == addr(str(change.address).replace("/core/", "/main/"))
        assert "renamed (was 'main')" in change.reason and change.reason.endswith(
            "already paused" if change.address.kind != "adcreative" else "removed with its parent"
        )
    for resource in old:
        resource.fields["status"] = "ENABLED" if platform == "google" else "ACTIVE"
    running = live_of([*tree, *old])
    assert not run(renamed_group(tree), running, recorded_of(running)).moves


# --- a campaign renamed ----------------------------------------------------------------------------


def renamed_campaign(tree: list[Resource], name: str = "summer") -> list[Resource]:
    """``tree`` (of the campaign ``spring``) as the compiler emits it for the campaign named ``name``."""
    made = google_tree(name) if tree[0].address.platform == "google" else meta_tree(name)
    return [copy.deepcopy(r) for r in made]


@pytest.mark.parametrize("platform", ["google", "meta"])
def test_a_renamed_campaign_is_renamed_in_place_with_everything_in_it(platform: str) -> None:
    """The same campaign under a new name: its name (and a Google campaign's own budget's, named after it)
    is updated, its id, history and learning kept, and MIDAS's records of everything in it move."""
    tree = google_tree() if platform == "google" else meta_tree()
    live = live_of(tree)
    result = run(renamed_campaign(tree), live, recorded_of(live))
    updates = {a: act for a, act in actions(result).items() if act != "noop"}
    expected = {key(f"campaign/summer@{platform}"): "update"}
    if platform == "google":
        expected[key("campaign_budget/summer@google")] = "update"
    assert updates == expected
    assert moves_of(result) == {
        key(str(r.address).replace("spring", "summer")): key(str(r.address)) for r in tree
    }
    campaign = by_address(result)[key(f"campaign/summer@{platform}")]
    assert campaign.fields == [FieldChange("name", "spring", "summer")]
    assert campaign.reason.startswith("campaign renamed (was 'spring'): the same campaign, renamed in place")
    group = "ad_group" if platform == "google" else "adset"
    assert by_address(result)[key(f"{group}/summer/main@{platform}")].reason.startswith(
        "its campaign renamed (was 'spring'): the same ad "
    )
    for moved in result.moves:
        assert moved.before is not None and moved.after is not None
        assert moved.before.platform_id == moved.after.platform_id
    assert not result.forgets


def test_a_campaign_renamed_to_the_name_of_an_unmanaged_namesake_is_renamed_in_place_beside_it() -> None:
    """Meta lets two campaigns share a name: a spec renamed back to the name of a campaign made outside
    MIDAS renames its own campaign (by its recorded id) and leaves the namesake untouched, saying so — not
    a new campaign refused as the namesake's adoption, the old one paused."""
    tree = meta_tree()
    live = live_of(tree)
    namesake = live_of(renamed_campaign(tree), managed=False, start=500)
    result = run(renamed_campaign(tree), [*live, *namesake], recorded_of(live))
    assert not result.violations, result.violations
    updates = {a: act for a, act in actions(result).items() if act not in ("noop",)}
    assert updates == {key("campaign/summer@meta"): "update"}
    assert by_address(result)[key("campaign/summer@meta")].before.platform_id == live[0].platform_id
    assert any("share the address campaign/summer@meta" in w and "500" in w for w in result.warnings)


def test_a_campaign_renamed_whose_google_name_stays_says_only_records_move_there() -> None:
    """``google.name`` keeps the Google campaign's (and its budget's) name: nothing is renamed on Google,
    and the plan says so rather than "renamed in place"."""
    tree = google_tree()
    live = live_of(tree)
    desired = [
        with_fields(r, name="spring") if r.address.kind in ("campaign", "campaign_budget") else r
        for r in renamed_campaign(tree)
    ]
    result = run(desired, live, recorded_of(live))
    assert set(actions(result).values()) == {"noop"}
    assert moves_of(result) == {
        key(str(r.address).replace("spring", "summer")): key(str(r.address)) for r in tree
    }
    campaign = by_address(result)[key("campaign/summer@google")]
    assert campaign.reason == (
        "campaign renamed (was 'spring'): its name on Google stays as its spec sets it, so only MIDAS's "
        "records of it and of all in it move — nothing is sent"
    )


@pytest.mark.parametrize("level", ["campaign", "ad group"])
@pytest.mark.parametrize("platform", ["google", "meta"])
def test_a_renamed_object_midas_no_longer_owns_is_no_rename(
    platform: str, level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its marker removed in a console, a recorded campaign (and so what is in it) is not MIDAS's to rename
    (invariant 1): the plan is the one without renames — nothing said of the new address."""
    tree = google_tree() if platform == "google" else meta_tree()
    live = live_of(tree, managed=False)
    desired = renamed_campaign(tree) if level == "campaign" else renamed_group(tree)
    result = run(desired, live, recorded_of(live))
    new = key(
        f"campaign/summer@{platform}"
        if level == "campaign"
        else f"{GROUP_KINDS[platform][0]}/spring/core@{platform}"
    )
    assert not result.moves and not any(violation.startswith(new) for violation in result.violations)
    old = key(f"campaign/spring@{platform}")
    if level == "campaign":  # no spec holds it: left alone, as not MIDAS's
        assert old in {str(a) for a in result.unmanaged}
    else:  # the specs still hold it: its removed marker blocks the plan
        assert any(violation.startswith(old) for violation in result.violations)
    monkeypatch.setattr(planner_module, "renamed_in_place", lambda *_: {})
    assert result.to_json() == run(desired, live, recorded_of(live)).to_json()


def test_a_campaign_renamed_with_an_ad_group_renamed_or_other_changes_is_a_new_campaign() -> None:
    """An ad group renamed with it, a keyword or its budget changed: not known to be the same campaign."""
    live = live_of(google_tree())

    def changed(kind: str, **fields: Any) -> list[Resource]:
        return [
            with_fields(r, **fields) if r.address.kind == kind else r for r in renamed_campaign(google_tree())
        ]

    for desired in (
        renamed_group(renamed_campaign(google_tree())),
        changed("ad_group_criterion", keyword_text="boots"),
        changed("campaign_budget", amount_micros=70_000_000),
    ):
        result = run(desired, live, recorded_of(live))
        assert not result.moves and actions(result)[key("campaign/summer@google")] == "create"
        assert actions(result)[key("campaign/spring@google")] == "pause"


def test_changing_a_meta_campaigns_objective_or_an_ad_sets_billing_event_is_a_violation() -> None:
    """Meta sets a campaign's objective and an ad set's billing event when it creates them (the sandbox's
    "cannot be changed after the campaign is created"): an in-place update would fail half-way through an
    apply, and a replacement would delete the live campaign or ad set, so the plan refuses either edit."""
    live = live_of(meta_tree())
    for resource in live:
        if resource.address.kind == "adset":
            resource.fields["billing_event"] = "IMPRESSIONS"
    desired = copy.deepcopy(live)
    for resource in desired:
        if resource.address.kind == "campaign":
            resource.fields["objective"] = "OUTCOME_ENGAGEMENT"
        if resource.address.kind == "adset":
            resource.fields["billing_event"] = "LINK_CLICKS"
    result = run(desired, live, recorded_of(live))
    assert result.violations == [
        f"{key('campaign/spring@meta')} would be replaced: Meta does not change a live campaign's objective; "
        "keep it, or run the campaign as a new one (another metadata.name) and remove this one",
        f"{key('adset/spring/main@meta')} would be replaced: Meta does not change a live ad set's billing "
        "event (billing_event); keep it, or run it as a new ad set (give the ad group another name) and let "
        "this one go",
    ]


def test_a_setting_midas_never_sends_is_warned_of_and_told_lost_when_the_plan_replaces_its_object() -> None:
    """``resources.META_IMPORT_ONLY``: the plan cannot keep a creative's per-product link template, set in a
    console; it warns on the creative, and says it would be lost when it replaces the creative."""
    desired = meta_tree()
    live = live_of(desired)
    live[2].fields["template_url"] = "https://x.test/p/{{product.id}}"
    creative = key("adcreative/spring/main/ad1@meta")
    kept = by_address(run(desired, live, recorded_of(desired)))[creative]
    [warning] = kept.warnings
    assert kept.action is Action.NOOP and "has template_url 'https://x.test/p/{{product.id}}'" in warning
    assert "MIDAS cannot hold it" in warning and "would be lost" not in warning
    # Recorded as it is (adopted so before import refused it): no change since the last apply, as drift says.
    assert by_address(run(desired, live, recorded_of(live)))[creative].warnings == []
    desired[2] = with_fields(desired[2], title="Hello")
    replacing = by_address(run(desired, live, recorded_of(live)))[creative]
    assert replacing.action is Action.REPLACE
    assert [w.split(": ")[-1] for w in replacing.warnings] == ["it would be lost"]
    assert "the plan replaces the adcreative, which drops template_url" in replacing.warnings[0]


def test_a_page_feed_change_of_a_campaign_on_a_shared_set_is_warned_of_as_refused_by_the_apply() -> None:
    """The reader notes a page feed set another campaign shares (``google_rows._feed_links``), which the
    apply refuses to edit (SHARED_PAGE_FEED): the plan says so on the change, not only the failing apply."""
    desired = google_tree()
    page = [{"page_url": "https://shop.example.com/boots", "labels": ["sale"]}]
    desired[1] = with_fields(desired[1], page_feed=page)
    live = live_of(google_tree())
    note = (
        "has the page feed customers/1/assetSets/9 (a PAGE_FEED asset set) shared with campaigns "
        "boot-finder (7), which MIDAS does not edit: give each campaign a set of its own"
    )
    live[1].fields["page_feed"] = []
    live[1].shared_page_feeds = (SharedPageFeed("customers/1/assetSets/9", ("boot-finder (7)",)),)
    assert Resource.from_dict(live[1].to_dict()) == live[1]  # a saved plan's live side keeps it
    campaign = by_address(run(desired, live, recorded_of(live)))[key("campaign/spring@google")]
    assert campaign.action is Action.UPDATE
    assert [w for w in campaign.warnings if "page feed" in w] == [
        f"campaign/spring@google:{ACCT}: the apply refuses this page feed change: the campaign {note}"
    ]
    live[1].shared_page_feeds = ()
    live[1].warnings = (note,)  # its text alone is not what the plan reads
    assert not [
        w
        for w in by_address(run(desired, live, recorded_of(live)))[key("campaign/spring@google")].warnings
        if "page feed" in w
    ]


@pytest.mark.parametrize(
    ("status", "claimed", "fields"),
    [
        ("ENABLED", True, {"status": "PAUSED", "labels": ["midas-managed", "x"]}),
        ("PAUSED", True, {"labels": ["midas-managed", "x"]}),
        ("ENABLED", False, None),
    ],
)
def test_a_campaign_left_the_specs_owned_without_its_marker_is_paused_with_its_marker_linked(
    status: str, claimed: bool, fields: dict[str, Any] | None
) -> None:
    """A campaign the last apply made though its marker's label link was refused (claimed, live without
    the marker) and that left the specs: the pause sent its status alone, leaving it paused and unmarked
    for good. The pause links the marker too, and one paused already gets its marker alone; without the
    journal's claim it is not MIDAS's to change (a conflict, no change)."""
    [_, campaign] = google_tree()[:2]
    recorded = recorded_of(live_of([campaign]))
    live = live_of([with_fields(campaign, labels=["x"], status=status)], managed=False)
    claim = {campaign.address} if claimed else frozenset()
    result = run([], live, recorded, claimed=claim)
    changes = by_address(result)
    if fields is None:
        assert key("campaign/spring@google") not in changes or (
            changes[key("campaign/spring@google")].action is not Action.PAUSE
        )
        return
    change = changes[key("campaign/spring@google")]
    assert change.action is Action.PAUSE
    assert {f.path: f.after for f in change.fields} == fields
    assert change.after is not None and change.after.fields["labels"] == ["midas-managed", "x"]
    assert "linking its marker" in change.reason


@pytest.mark.parametrize(
    ("shared", "expected"),
    [
        ({"asset_set": "customers/1/assetSets/9", "others": "boot-finder (7)"}, "others"),
        ({"asset_set": "customers/1/assetSets/9", "others": [7]}, "others"),
        ({"asset_set": "customers/1/assetSets/9"}, "others"),
        ({"asset_set": ["customers/1/assetSets/9"], "others": []}, "asset_set"),
        ("customers/1/assetSets/9", "shared_page_feeds"),
    ],
)
def test_a_plan_file_with_a_malformed_shared_page_feed_is_refused_naming_the_field(
    shared: Any, expected: str
) -> None:
    """A saved plan whose live campaign's shared page feed is malformed: ``others`` given as a string was
    read as a tuple of its characters. It is refused as not a MIDAS plan file, naming the field."""
    desired = google_tree()
    live = live_of(google_tree())
    live[1].shared_page_feeds = (SharedPageFeed("customers/1/assetSets/9", ("boot-finder (7)",)),)
    live[1].fields["name"] = "summer"
    data = json.loads(run(desired, live, recorded_of(live)).to_json())
    [change] = [c for c in data["changes"] if c["address"] == key("campaign/spring@google")]
    change["before"]["shared_page_feeds"] = [shared]
    with pytest.raises(PlanError, match=f"not a MIDAS plan file: .*{expected}"):
        Plan.from_json(json.dumps(data))


def _console_age(campaign: str) -> Resource:
    """A campaign's own age criterion (65+) as a console sets it."""
    return res(
        f"campaign_criterion/{campaign}/age_range:AGE_RANGE_65_UP@google",
        {"campaign": f"campaign/{campaign}@google"},
        type="AGE_RANGE",
        age_range="AGE_RANGE_65_UP",
    )


def _console_filter(group: str) -> Resource:
    """A Demand Gen ad group's product filter (its listing group tree) as a console sets it."""
    return res(
        f"ad_group_criterion/spring/{group}/listing_group:all-products@google",
        {"ad_group": f"ad_group/spring/{group}@google"},
        type="LISTING_GROUP",
        listing_group_type="UNIT",
    )


def _demand_gen(tree: list[Resource]) -> list[Resource]:
    return [
        _clone_fields(r, advertising_channel_type="DEMAND_GEN") if r.address.kind == "campaign" else r
        for r in tree
    ]


@pytest.mark.parametrize(
    ("renamed", "ours", "in_place"),
    [
        ("campaign", "", True),  # a console's age targeting, the spec naming none: left alone, moves along
        ("ad group", "", True),  # a console's product filter, the spec naming none: left alone, moves along
        ("campaign", "recorded", False),  # MIDAS's and the spec dropped it: not the same campaign
        ("ad group", "claimed", False),  # made by an interrupted apply of MIDAS's: not the same ad group
    ],
)
def test_what_the_plan_leaves_alone_does_not_make_a_renamed_object_a_new_one(
    renamed: str, ours: str, in_place: bool
) -> None:
    """A Google campaign's own age, gender or interest targeting, or a Demand Gen ad group's product filter,
    set in a console and left alone while the spec names none, is no difference between the renamed object
    and the wanted one: renamed in place, the console's criterion moves along and stays (not a new object
    without it, the old one paused) — unless it is MIDAS's (recorded, or claimed by a journal)."""
    tree = _demand_gen(google_tree())
    live = live_of(tree)
    extra = live_of([_console_age("spring") if renamed == "campaign" else _console_filter("main")], start=900)
    desired = renamed_campaign(tree) if renamed == "campaign" else renamed_group(tree)
    desired = _demand_gen(desired)
    recorded = recorded_of(live + extra if ours == "recorded" else live)
    claimed = {extra[0].address} if ours == "claimed" else set()
    result = run(desired, live + extra, recorded, claimed=claimed)
    assert bool(result.moves) is in_place, actions(result)
    creates = [a for a, act in actions(result).items() if act == "create"]
    assert (creates == []) is in_place, creates
    if in_place:
        new = {"campaign": "spring", "ad group": "spring/main"}[renamed]
        kept = str(extra[0].address).replace(new, "summer" if renamed == "campaign" else "spring/core", 1)
        change = by_address(result)[key(kept)]
        assert change.action is Action.NOOP and "left alone" in change.reason, change
        assert change.before is not None and change.before.platform_id == extra[0].platform_id


@pytest.mark.parametrize("ours", ["", "recorded", "claimed"])
@pytest.mark.parametrize("what", ["age", "filter"])
def test_the_plan_leaves_alone_a_console_age_or_filter_only_while_midas_holds_none(
    what: str, ours: str
) -> None:
    """One definition (``left_alone``): a campaign's own age targeting or a Demand Gen ad group's product
    filter the spec names none of is left alone unless MIDAS holds it — recorded or claimed by an
    interrupted apply's journal (``is_ours``); then it is MIDAS's and goes with the spec.
    ``left_alone.left_alone`` says the same of it."""
    tree = google_tree() if what == "age" else _demand_gen(google_tree())
    console = _console_age("spring") if what == "age" else _console_filter("main")
    live = live_of(tree)
    [extra] = live_of([console], start=900)
    recorded = recorded_of(live + ([extra] if ours == "recorded" else []))
    claimed = {extra.address} if ours == "claimed" else set()
    result = run(tree, [*live, extra], recorded, claimed=claimed)
    change = by_address(result)[str(extra.address)]
    assert (change.action is Action.NOOP) is (ours == ""), change
    if ours == "":
        assert "left alone" in change.reason or "left alone" in " ".join(change.warnings), change
    alone = left_alone([*live, extra], tree, recorded, claimed)
    assert (extra.address in alone) is (ours == ""), alone


def test_a_claimed_console_like_age_blocks_a_rename_as_the_plan_deletes_it() -> None:
    """Renames and the planner agree on a claimed campaign age the spec names none of: MIDAS's, so the plan
    deletes it, and the campaign renamed with it is a new one."""
    tree = google_tree()
    live = live_of(tree)
    [extra] = live_of([_console_age("spring")], start=900)
    plain = run(tree, [*live, extra], recorded_of(live), claimed={extra.address})
    assert by_address(plain)[str(extra.address)].action is Action.DELETE
    renamed = run(renamed_campaign(tree), [*live, extra], recorded_of(live), claimed={extra.address})
    assert not renamed.moves
