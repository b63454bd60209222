"""drift_report.drift: one test per kind of finding (deleted, added, unmarked, changed, copy)."""

from __future__ import annotations

import copy
import json

import pytest

# The same resource builders and sample trees as the planner's tests.
from test_planner import addr, google_tree, key, live_of, meta_tree, recorded_of, res, run, with_fields

from midas_reconcile.drift_report import DriftReport, drift
from midas_reconcile.plan import Plan
from midas_reconcile.planner import PRODUCT_FILTER_LEFT_ALONE
from midas_reconcile.resources import GOOGLE, META, Address, Resource


def test_no_drift() -> None:
    live = live_of(google_tree())
    report = drift(recorded_of(live), live)
    assert not report.has_drift and report.items == [] and report.checked == len(live)


def test_drift_lists_field_changes_and_whether_the_specs_agree() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    live[0].fields["amount_micros"] = 80_000_000
    live[1].fields["status"] = "PAUSED"
    desired[1] = with_fields(desired[1], status="PAUSED")  # the spec was updated to match
    report = drift(recorded, live, desired)
    assert [(i.kind, str(i.address)) for i in report.items] == [
        ("changed", key("campaign_budget/spring@google")),
        ("changed", key("campaign/spring@google")),
    ]
    budget, campaign = report.items
    assert [(f.path, f.recorded, f.live, f.spec_agrees) for f in budget.fields] == [
        ("amount_micros", 50_000_000, 80_000_000, False)
    ]
    assert campaign.fields[0].spec_agrees is True
    assert drift(recorded, live).items[0].fields[0].spec_agrees is None


def test_drift_asks_the_specs_where_a_rename_they_hold_moves_the_record() -> None:
    """The specs renamed the campaign (not applied yet): a console's change in it is asked of the spec
    that now holds it, where the plan moves the record, not taken as held by no spec."""
    live = live_of(meta_tree())
    recorded = recorded_of(live)
    live[0].fields["daily_budget"] = 7000
    report = drift(recorded, live, meta_tree("summer"))
    assert [(i.kind, str(i.address)) for i in report.items] == [("changed", key("campaign/spring@meta"))]
    assert [(f.path, f.spec_agrees) for f in report.items[0].fields] == [("daily_budget", False)]


def test_drift_reports_top_most_deletion_only() -> None:
    live = live_of(google_tree())
    report = drift(recorded_of(live), live[:3])
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        ("deleted", key("ad_group/spring/main@google"), "deleted out of band (with 2 resources under it)")
    ]


def _with_plan(
    recorded: dict[Address, Resource], live: list[Resource], desired: list[Resource]
) -> DriftReport:
    """Drift as ``midas drift`` makes it: with the plan of the same state."""
    return drift(recorded, live, desired, lambda: run(desired, live, recorded))


def test_a_keyword_added_in_a_console_is_reported_with_what_the_plan_does_with_it() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    boots = res("ad_group_criterion/spring/main/keyword:EXACT:boots@google", type="KEYWORD")
    added = [*live, *live_of([boots], start=200)]
    assert [(i.kind, str(i.address), i.message) for i in _with_plan(recorded, added, desired).items] == [
        ("added", key(str(boots.address)), "added out of band; not in the specs (plan deletes it)")
    ]
    held = _with_plan(recorded, added, [*desired, boots])  # the specs took it in
    assert [i.message for i in held.items] == [
        "added out of band; as the specs have it (the next apply records it)"
    ]
    assert [i.message for i in drift(recorded, added).items] == ["added out of band"]  # no plan: no fate
    # Made by an interrupted apply of MIDAS's (the journal claims it), as the plan takes it: not out of band.
    claimed, wanted = {boots.address}, [*desired, boots]
    planned = run(wanted, added, recorded, claimed=claimed)
    made = drift(recorded, added, wanted, lambda: planned, claimed=claimed)
    assert [(i.kind, i.message) for i in made.items] == [
        (
            "unrecorded",
            "made by an interrupted apply of MIDAS's, not recorded yet; as the specs have it (the next apply "
            "records it)",
        )
    ]


def test_a_claimed_object_the_plan_leaves_as_it_is_is_no_drift() -> None:
    """Made by an interrupted apply of MIDAS's (claimed), a paused ad the specs dropped since is planned as it
    is ("already paused"): no apply would settle the claim, so drift does not tell it (unrecorded for ever);
    a claimed campaign age the spec names none of is MIDAS's, which the plan deletes: told unrecorded."""
    tree = google_tree()
    live = live_of(tree)
    ad = next(r for r in live if r.address.kind == "ad_group_ad")
    ad.fields["status"] = "PAUSED"
    desired = [r for r in tree if r.address.kind != "ad_group_ad"]
    recorded = recorded_of([r for r in live if r is not ad])
    planned = run(desired, live, recorded, claimed={ad.address})
    assert not planned.has_changes
    assert not drift(recorded, live, desired, lambda: planned, claimed={ad.address}).has_drift
    age = res(
        "campaign_criterion/spring/age_range:AGE_RANGE_65_UP@google",
        {"campaign": "campaign/spring@google"},
        type="AGE_RANGE",
        age_range="AGE_RANGE_65_UP",
    )
    [made] = live_of([age], start=900)
    recorded = recorded_of(live)
    planned = run(tree, [*live, made], recorded, claimed={made.address})
    report = drift(recorded, [*live, made], tree, lambda: planned, claimed={made.address})
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        (
            "unrecorded",
            str(made.address),
            "made by an interrupted apply of MIDAS's, not recorded yet; not in the specs (plan deletes it)",
        )
    ]


def test_an_object_added_in_a_console_as_the_specs_have_it_but_for_the_marker_is_marked() -> None:
    """MIDAS's own label is no difference of the specs' to report: the apply adds it and records the
    object."""
    desired = meta_tree()
    second = res(
        "adset/spring/second@meta", {"campaign": "campaign/spring@meta"}, name="second", status="ACTIVE"
    )
    desired = [with_fields(r, adlabels=["midas-managed"]) for r in [*desired, second]]
    live = live_of(desired[:-1])
    recorded = recorded_of(live)
    built = live_of([with_fields(desired[-1], adlabels=[])], start=200)
    assert [(i.message, i.fields) for i in _with_plan(recorded, [*live, *built], desired).items] == [
        (
            "added out of band; as the specs have it but for MIDAS's marker (the next apply marks and "
            "records it)",
            (),
        )
    ]


def test_an_object_added_in_a_console_otherwise_than_the_specs_say_carries_what_the_plan_changes() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    boots = res("ad_group_criterion/spring/main/keyword:EXACT:boots@google", type="KEYWORD", status="ENABLED")
    paused = live_of([with_fields(boots, status="PAUSED")], start=200)
    [item] = _with_plan(recorded, [*live, *paused], [*desired, boots]).items
    assert item.message == "added out of band; the specs have it otherwise (plan updates status)"
    assert [f.to_dict() for f in item.fields] == [
        {"path": "status", "recorded": None, "live": "PAUSED", "spec_agrees": False, "blocked": False}
    ]


def test_an_ad_added_in_a_console_is_reported_once_with_what_it_brings() -> None:
    """A Meta ad comes with its creative, an ad set with its ads: reported at the top-most object."""
    desired = meta_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    added = live_of(
        [
            res(
                "adset/spring/second@meta",
                {"campaign": "campaign/spring@meta"},
                name="second",
                status="ACTIVE",
            ),
            res("adcreative/spring/second/ad2@meta", name="ad2"),
            res(
                "ad/spring/second/ad2@meta",
                {"adset": "adset/spring/second@meta"},
                name="ad2",
                status="ACTIVE",
            ),
            res("adcreative/spring/main/ad3@meta", name="ad3"),
            res("ad/spring/main/ad3@meta", {"adset": "adset/spring/main@meta"}, name="ad3", status="ACTIVE"),
        ],
        start=200,
    )
    report = _with_plan(recorded, [*live, *added], desired)
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        (
            "added",
            key("adset/spring/second@meta"),
            "added out of band (with 2 resources under it); not in the specs (plan pauses it)",
        ),
        (
            "added",
            key("ad/spring/main/ad3@meta"),
            "added out of band (with 1 resource under it); not in the specs (plan pauses it)",
        ),
    ]


def test_drift_makes_no_plan_when_nothing_was_added() -> None:
    live = live_of(google_tree())

    def unasked() -> Plan:
        raise AssertionError("a plan was made with nothing added")

    assert drift(recorded_of(live), live, google_tree(), unasked).items == []


def test_an_object_added_in_a_console_that_the_plan_leaves_alone_is_not_drift() -> None:
    """An ad set added paused, where the specs hold none: the plan leaves it as it is and never records it,
    so drift would report it on every run."""
    desired = meta_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    paused = res(
        "adset/spring/second@meta", {"campaign": "campaign/spring@meta"}, name="second", status="PAUSED"
    )
    assert _with_plan(recorded, [*live, *live_of([paused], start=200)], desired).items == []


def test_objects_in_a_campaign_midas_does_not_manage_are_not_drift() -> None:
    live = live_of(google_tree())
    recorded = recorded_of(live)
    strangers = live_of(google_tree("autumn"), managed=False, start=300)
    unmarked = live_of([res("ad_group_criterion/spring/main/keyword:EXACT:boots@google")], start=400)
    assert not [i for i in drift(recorded, [*live, *strangers]).items if i.kind == "added"]
    for resource in live:
        resource.managed = False  # the campaign lost its marker: that is the finding, not what is in it
    assert [i.kind for i in drift(recorded, [*live, *unmarked]).items] == ["unmarked"]


def test_drift_reports_removed_marker_once_per_campaign() -> None:
    """Once, as that: not also as a change of the field that held it, which the plan, refusing the
    campaign, would not restore."""
    desired = meta_tree()
    desired[0] = with_fields(desired[0], adlabels=["midas-managed"])
    live = live_of(desired)
    recorded = recorded_of(live)
    live[0] = with_fields(live[0], adlabels=[])
    for resource in live:
        resource.managed = False  # the campaign's label was removed; children inherited it
    for report in (drift(recorded, live), _with_plan(recorded, live, desired)):
        assert [(i.kind, str(i.address), i.fields) for i in report.items] == [
            ("unmarked", key("campaign/spring@meta"), ())
        ]


@pytest.mark.parametrize("platform", [GOOGLE, META])
def test_an_audience_midas_made_is_not_reported_unmarked(platform: str) -> None:
    # user lists and custom audiences cannot carry the marker: a read never finds them managed
    audience = console_audience(platform, "vip")
    live = [*live_of(google_tree() if platform == GOOGLE else meta_tree()), audience]
    assert not drift(recorded_of([*live[:-1], audience]), live).has_drift


def test_a_removed_ad_group_label_is_reported_at_the_ad_group_not_at_what_it_holds() -> None:
    live = live_of(google_tree())
    recorded = recorded_of(live)
    for resource in live:
        if resource.address.kind in {"ad_group", "ad_group_criterion", "ad_group_ad"}:
            resource.managed = False  # the ad group's label was removed; its criteria and ads inherited it
    report = drift(recorded, live)
    assert [(i.kind, str(i.address)) for i in report.items] == [
        ("unmarked", key("ad_group/spring/main@google"))
    ]


COPY_NAMES = ["spring (copy)", "Copy of spring", "spring - Copy", "spring 2", "spring #3", "SPRING (Copy 2)"]


@pytest.mark.parametrize("name", COPY_NAMES)
def test_drift_finds_copies_by_name(name: str) -> None:
    live = live_of(meta_tree())
    copy_ = res(f"campaign/{name}@meta", name=name, status="PAUSED", objective="OUTCOME_SALES")
    report = drift(recorded_of(live), [*live, *live_of([copy_], managed=False, start=900)])
    assert [(i.kind, i.similar_to) for i in report.items] == [("copy", addr("campaign/spring@meta"))]
    assert "by its name" in report.items[0].message


def test_drift_finds_copies_by_settings_and_ignores_strangers() -> None:
    live = live_of(meta_tree())
    twin = res(
        "campaign/renamed@meta",
        name="renamed",
        status="ACTIVE",
        objective="OUTCOME_TRAFFIC",
        daily_budget=5000,
    )
    stranger = res(
        "campaign/springfield@meta", name="springfield", status="ACTIVE", objective="OUTCOME_SALES"
    )
    report = drift(recorded_of(live), [*live, *live_of([twin, stranger], managed=False, start=900)])
    assert [(i.kind, str(i.address)) for i in report.items] == [("copy", key("campaign/renamed@meta"))]
    assert "same settings" in report.items[0].message


def test_drift_report_is_json_ready() -> None:
    live = live_of(google_tree())
    recorded = recorded_of(live)
    live[0].fields["amount_micros"] = 1
    data = json.loads(json.dumps(drift(recorded, live[:3]).to_dict()))
    assert data["has_drift"] is True and data["format_version"] == 1
    assert {item["kind"] for item in data["items"]} == {"changed", "deleted"}


# --- audiences built outside MIDAS (existing: true), renamed or deleted in a console -------------------


def targeting_vip(platform: str) -> list[Resource]:
    """A campaign's targeting of ``vip``, an audience MIDAS never made (so never recorded): a Google ad
    group's USER_LIST criterion, or a Meta ad set's custom audiences."""
    if platform == GOOGLE:
        tree = google_tree()
        criterion = res(
            "ad_group_criterion/spring/main/user_list:vip@google",
            {"ad_group": "ad_group/spring/main@google", "audience:vip": "user_list/vip@google"},
            type="USER_LIST",
            user_list="vip",
        )
        return [*tree, criterion]
    tree = meta_tree()
    adset = tree[1]
    adset.fields["targeting"] = {**adset.fields["targeting"], "custom_audiences": ["vip"]}
    adset.refs = {**adset.refs, "audience:vip": addr("customaudience/vip@meta")}
    return tree


def console_audience(platform: str, name: str, platform_id: str = "55") -> Resource:
    kind = "user_list" if platform == GOOGLE else "customaudience"
    audience = res(f"{kind}/{name}@{platform}", name=name)
    audience.platform_id = platform_id
    return audience


def read_as_named(resources: list[Resource], platform: str, name: str) -> list[Resource]:
    """``resources`` as a read names them once audience ``vip``'s id is called ``name`` (``id:55`` when
    no audience of the account has the id): the Google criterion at another address, same id."""
    out = []
    for resource in copy.deepcopy(resources):
        if "audience:vip" not in resource.refs:
            out.append(resource)
            continue
        refs = {k: v for k, v in resource.refs.items() if k != "audience:vip"}
        if not name.startswith("id:"):
            refs[f"audience:{name}"] = console_audience(platform, name).address
        if resource.address.kind == "ad_group_criterion" and resource.fields.get("type") == "USER_LIST":
            resource.address = addr(f"ad_group_criterion/spring/main/user_list:{name}@google")
            resource.fields["user_list"] = name
        elif resource.address.kind == "adset":
            resource.fields["targeting"] = {**resource.fields["targeting"], "custom_audiences": [name]}
        resource.refs = refs
        out.append(resource)
    return out


@pytest.mark.parametrize("platform", [GOOGLE, META])
def test_an_existing_audience_renamed_in_a_console_is_reported_as_renamed_not_its_targeting_deleted(
    platform: str,
) -> None:
    desired = targeting_vip(platform)
    live = live_of(desired)
    recorded = recorded_of(live)
    renamed = [*read_as_named(live, platform, "vip (old)"), console_audience(platform, "vip (old)")]
    report = drift(recorded, renamed, desired)
    kind = "user_list" if platform == GOOGLE else "customaudience"
    account = "google account 'acct'" if platform == GOOGLE else "meta account 'acct'"
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        (
            "renamed",
            key(f"{kind}/vip@{platform}"),
            f"audience 'vip' (existing, id 55) is now named 'vip (old)' on {account} (renamed out of band): "
            "rename it back or update the spec",
        )
    ]
    assert report.has_drift and report.to_dict()["items"][0]["kind"] == "renamed"
    # Renamed back on the platform: nothing to report.
    assert not drift(recorded, [*live, console_audience(platform, "vip")], desired).has_drift


@pytest.mark.parametrize("platform", [GOOGLE, META])
def test_a_rename_the_specs_followed_says_so(platform: str) -> None:
    live = live_of(targeting_vip(platform))
    renamed = [*read_as_named(live, platform, "gold"), console_audience(platform, "gold")]
    report = drift(recorded_of(live), renamed, read_as_named(targeting_vip(platform), platform, "gold"))
    (item,) = report.items
    assert item.kind == "renamed"
    assert item.message.endswith(
        f"is now named 'gold' on {platform} account 'acct' (renamed out of band), as the specs now say "
        "(the next apply records it)"
    )


@pytest.mark.parametrize("platform", [GOOGLE, META])
def test_an_existing_audience_deleted_in_a_console_is_reported_missing_at_the_audience(platform: str) -> None:
    desired = targeting_vip(platform)
    live = live_of(desired)
    report = drift(recorded_of(live), read_as_named(live, platform, "id:55"), desired)
    kind = "user_list" if platform == GOOGLE else "customaudience"
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        (
            "missing",
            key(f"{kind}/vip@{platform}"),
            f"audience 'vip' (existing, id 55) is no longer on {platform} account 'acct' (deleted out of "
            "band), though campaigns still target its id: build it again, or stop targeting it",
        )
    ]


def test_an_ad_set_switched_to_another_audience_while_the_first_is_live_is_a_change_not_a_rename() -> None:
    desired = targeting_vip(META)
    live = live_of(desired)
    switched = [
        *read_as_named(live, META, "gold"),
        console_audience(META, "gold"),
        console_audience(META, "vip", "56"),
    ]
    report = drift(recorded_of(live), switched, desired)
    assert [(i.kind, str(i.address)) for i in report.items] == [("changed", key("adset/spring/main@meta"))]


@pytest.mark.parametrize("platform", [GOOGLE, META])
def test_an_audience_midas_made_never_counts_as_the_new_name_of_an_existing_one(platform: str) -> None:
    desired = targeting_vip(platform)
    live = live_of(desired)
    recorded = recorded_of([*live, console_audience(platform, "gold")])
    report = drift(recorded, [*read_as_named(live, platform, "gold"), console_audience(platform, "gold")])
    assert "renamed" not in {i.kind for i in report.items}
    assert report.has_drift


def test_a_managed_campaign_deleted_and_replaced_by_a_namesake_is_told_as_such() -> None:
    """Not a marker removed: another campaign, made outside MIDAS, under the same name (its fields are not
    compared with MIDAS's record of the one deleted), with what was under MIDAS's (the namesakes under the
    new one are others too)."""
    recorded = recorded_of(live_of(meta_tree()))
    live = live_of(meta_tree(), managed=False, start=900)
    live[0] = with_fields(live[0], daily_budget=1)
    report = drift(recorded, live)
    campaign = key("campaign/spring@meta")
    record = next(r for a, r in recorded.items() if str(a) == campaign)
    [item] = report.items
    assert str(item.address) == campaign and item.kind == "unmarked" and not item.fields
    assert item.message == (
        f"deleted out of band (with 3 resources under it); the one there now (id 900, MIDAS's was "
        f"{record.platform_id}) was made outside MIDAS"
    )


def test_an_ad_group_rebuilt_in_a_console_is_one_deletion_and_its_namesake_made_outside_midas() -> None:
    """Below a campaign MIDAS manages, what is there inherits the campaign's marker: another object at a
    recorded address is told by its id, not as a label change nor as what was under it deleted."""
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    group = addr("ad_group/spring/main@google")
    rebuilt = [
        r for r in live if r.address != group and r.address.kind not in {"ad_group_criterion", "ad_group_ad"}
    ]
    rebuilt.append(with_fields(replace_id(next(r for r in live if r.address == group), "900"), labels=[]))
    report = _with_plan(recorded, rebuilt, desired)
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        (
            "deleted",
            str(group),
            "deleted out of band (with 2 resources under it); the one there now (id 900, MIDAS's was 103) "
            "was made outside MIDAS; as the specs have it but for MIDAS's marker (the next apply marks and "
            "records it)",
        )
    ]
    assert [i.kind for i in drift(recorded, rebuilt).items] == ["deleted"]


def test_an_ad_built_again_as_it_was_is_drift_and_the_plan_records_the_new_one() -> None:
    desired = google_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    ad = addr("ad_group_ad/spring/main/ad1@google")
    rebuilt = [replace_id(r, "900") if r.address == ad else r for r in live]
    assert run(desired, rebuilt, recorded).record_refreshes == {ad: ["(replaced out of band)"]}
    assert [(i.kind, i.message) for i in _with_plan(recorded, rebuilt, desired).items] == [
        (
            "deleted",
            "deleted out of band; the one there now (id 900, MIDAS's was 105) was made outside MIDAS; as the "
            "specs have it (the next apply records it)",
        )
    ]


def replace_id(resource: Resource, platform_id: str) -> Resource:
    """``resource`` as another object of the same content (built again in a console)."""
    other = copy.deepcopy(resource)
    other.platform_id = platform_id
    return other


def _creative_replaced_by_a_killed_apply() -> tuple[dict[Address, Resource], list[Resource], list[Resource]]:
    """Recorded, live and desired after an apply replacing a Meta creative (its title changed in the specs)
    was killed once the old one was deleted, before the store recorded the new one (id 900)."""
    desired = meta_tree()
    live = live_of(desired)
    recorded = recorded_of(live)
    creative = addr("adcreative/spring/main/ad1@meta")
    desired = [with_fields(r, title="Hello") if r.address == creative else r for r in desired]
    live = [replace_id(with_fields(r, title="Hello"), "900") if r.address == creative else r for r in live]
    return recorded, live, desired


def test_a_replacement_an_interrupted_apply_made_is_midas_s_as_the_plan_takes_it() -> None:
    """The journal claims the address (the create was in flight when the apply died): the object there now
    is MIDAS's, as the plan takes it (it records it), not one made outside MIDAS."""
    recorded, live, desired = _creative_replaced_by_a_killed_apply()
    creative = addr("adcreative/spring/main/ad1@meta")
    claimed = {creative}
    planned = run(desired, live, recorded, claimed=claimed)
    assert planned.record_refreshes == {creative: ["title"]}
    report = drift(recorded, live, desired, lambda: planned, claimed=claimed)
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        (
            "unrecorded",
            str(creative),
            "made by an interrupted apply of MIDAS's in place of the one recorded (id 900, MIDAS's was 102), "
            "not recorded yet; as the specs have it (the next apply records it)",
        )
    ]
    assert [f.to_dict() for f in report.items[0].fields] == [
        {"path": "title", "recorded": "Hi", "live": "Hello", "spec_agrees": True, "blocked": False}
    ]
    # Without the journal's claim it is one made in a console, as the plan takes it too.
    assert [i.kind for i in _with_plan(recorded, live, desired).items] == ["deleted"]


def test_a_field_changed_in_a_campaign_whose_marker_was_removed_is_not_told_restored() -> None:
    """The plan refuses a recorded campaign without its marker (a conflict: nothing in it is changed), so a
    console edit in it, other than the marker's, is not one the plan restores."""
    desired = meta_tree()
    desired[0] = with_fields(desired[0], adlabels=["midas-managed"])
    live = live_of(desired)
    recorded = recorded_of(live)
    live[0] = with_fields(live[0], adlabels=[], daily_budget=7000)
    live[1] = with_fields(live[1], status="PAUSED")
    for resource in live:
        resource.managed = False  # the campaign's label was removed; children inherited it
    planned = run(desired, live, recorded)
    assert planned.violations and not [c for c in planned.changes if c.action.value != "noop"]
    report = _with_plan(recorded, live, desired)
    blocked = "(the plan changes nothing in its campaign, whose `midas-managed` marker was removed)"
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        ("changed", key("campaign/spring@meta"), f"changed out of band: daily_budget {blocked}"),
        ("unmarked", key("campaign/spring@meta"), "the `midas-managed` marker was removed out of band"),
        ("changed", key("adset/spring/main@meta"), f"changed out of band: status {blocked}"),
    ]
    assert [f.to_dict() for i in report.items for f in i.fields] == [
        {"path": "daily_budget", "recorded": 5000, "live": 7000, "spec_agrees": False, "blocked": True},
        {"path": "status", "recorded": "ACTIVE", "live": "PAUSED", "spec_agrees": False, "blocked": True},
    ]


@pytest.mark.parametrize(
    ("adset_set", "creative_fields", "recorded_too", "found"),
    [
        (None, {"template_url": "https://x.test/p/{{product.id}}"}, False, [("template_url", None)]),
        ("77", {"product_set_id": "78"}, False, [("product_set_id", None)]),
        ("77", {"product_set_id": "77"}, False, []),  # the ad set's, which Meta may echo: no change
        (None, {"template_url": "https://x.test/p/{{product.id}}"}, True, []),  # as last applied
    ],
    ids=["link-template", "another-product-set", "its-ad-set-s-product-set", "recorded"],
)
def test_a_setting_midas_never_sends_set_in_a_console_is_told_unheld_at_its_object(
    adset_set: str | None, creative_fields: dict[str, str], recorded_too: bool, found: list[tuple[str, None]]
) -> None:
    """What ``diff`` ignores (``resources.META_IMPORT_ONLY``) is told by import's rules, field by field where
    live differs from the record."""
    live = live_of(meta_tree())
    if adset_set is not None:
        live[1].fields["promoted_object"] = {"product_set_id": adset_set}
    recorded = recorded_of(live)
    live[2].fields.update(creative_fields)
    if recorded_too:
        recorded[live[2].address].fields.update(creative_fields)
    report = drift(recorded, live)
    assert [(f.path, f.recorded) for i in report.items for f in i.fields] == found
    if found:
        [item] = report.items
        assert (item.kind, str(item.address)) == ("unheld", key("adcreative/spring/main/ad1@meta"))
        assert (
            "MIDAS cannot hold it" in item.message
            and "replacing the adcreative would drop it" in item.message
        )


def test_a_campaign_s_own_dates_are_no_drift_as_meta_merges_them_from_its_ad_sets() -> None:
    """Meta reads a campaign's dates as its ad sets' merged (believed): one other than MIDAS expects is as
    likely Meta's own (an ad set deleted out of band, one running on without an end) as a console's, and
    no apply could clear it, so drift tells the ad set, never the campaign's dates (import alone refuses
    them)."""
    live = live_of(meta_tree())
    live[1].fields["end_time"] = "2027-05-31T23:59:59+0000"
    recorded = recorded_of(live)
    live[0].fields["stop_time"] = "2027-06-30T23:59:59+0000"
    assert drift(recorded, live).items == []
    live[0].fields["start_time"] = "2027-05-01T00:00:00+0000"
    campaign_alone = [r for r in live if r.address.kind == "campaign"]
    assert [(i.kind, i.address.kind) for i in drift(recorded, campaign_alone).items] == [("deleted", "adset")]


def test_a_campaign_a_failed_create_made_without_its_marker_is_told_unlinked_not_unmarked() -> None:
    """The last apply made the campaign but its marker's label link was refused (the journal's id, recorded
    and live: ``made``): the plan links the marker, so drift tells it not yet linked; a console's pause
    since is a change out of band beside it (it was told inside the ``unlinked`` finding, as if the create
    had not made it); without the journal's word, the marker is one removed out of band."""
    desired = google_tree()[:2]
    desired[1] = with_fields(desired[1], labels=["midas-managed"])
    recorded = recorded_of(live_of(desired))
    live = live_of(desired)
    live[1] = with_fields(live[1], labels=[], status="PAUSED")
    live[1].managed = False
    campaign = addr("campaign/spring@google")
    report = drift(recorded, live, desired, claimed={campaign}, made={campaign})
    assert [(i.kind, str(i.address), i.message) for i in report.items] == [
        ("changed", key("campaign/spring@google"), "changed out of band: status"),
        (
            "unlinked",
            key("campaign/spring@google"),
            "the `midas-managed` marker not yet linked: the last apply's label link was refused; the next "
            "apply links it",
        ),
    ]
    assert [f.to_dict() for f in report.items[0].fields] == [
        {"path": "status", "recorded": "ENABLED", "live": "PAUSED", "spec_agrees": False, "blocked": False}
    ]
    assert report.items[1].fields == ()
    assert [i.kind for i in drift(recorded, live, desired).items] == ["changed", "unmarked"]


def test_drift_tells_each_of_many_campaigns_what_the_plan_does_with_its_own_added_object() -> None:
    """Forty campaigns, a keyword of the same name added in a console in each, which the plan records,
    deletes or updates by campaign, and a product filter a console set on a Demand Gen ad group, which it
    leaves alone saying so: each finding carries the plan's fate of its own object (the plan made once)."""
    desired: list[Resource] = []
    live: list[Resource] = []
    added: list[Resource] = []
    expected = []
    told = []
    for i in range(40):
        tree = google_tree(f"c{i:02d}")
        if i % 4 == 3:
            tree = [
                with_fields(r, advertising_channel_type="DEMAND_GEN") if r.address.kind == "campaign" else r
                for r in tree
            ]
        desired += tree
        live += live_of(tree, start=1000 * (i + 1))
        boots = res(
            f"ad_group_criterion/c{i:02d}/main/keyword:EXACT:boots@google", type="KEYWORD", status="ENABLED"
        )
        if i % 4 == 0:  # the specs took it in
            desired.append(boots)
            added.append(boots)
            expected.append(
                (str(boots.address), "added out of band; as the specs have it (the next apply records it)")
            )
        elif i % 4 == 1:  # not in the specs
            added.append(boots)
            expected.append((str(boots.address), "added out of band; not in the specs (plan deletes it)"))
        elif i % 4 == 2:  # the specs have it enabled
            desired.append(boots)
            added.append(with_fields(boots, status="PAUSED"))
            expected.append(
                (str(boots.address), "added out of band; the specs have it otherwise (plan updates status)")
            )
        else:  # a console's product filter on a Demand Gen ad group whose spec names none: left alone
            tree_at = f"ad_group_criterion/c{i:02d}/main/listing_group:all-products@google"
            added.append(
                res(
                    tree_at,
                    {"ad_group": f"ad_group/c{i:02d}/main@google"},
                    type="LISTING_GROUP",
                    listing_group_type="UNIT",
                )
            )
            told.append(f"{key(tree_at)}: {PRODUCT_FILTER_LEFT_ALONE}")
    recorded = recorded_of(live)
    everything = [*live, *live_of(added, start=900_000)]
    made = []

    def planned() -> Plan:
        made.append(1)
        return run(desired, everything, recorded)

    report = drift(recorded, everything, desired, planned)
    assert [(str(i.address), i.message) for i in report.items] == sorted(
        expected, key=lambda found: Address.parse(found[0]).sort_key()
    )
    assert report.notes == sorted(told) and len(made) == 1
