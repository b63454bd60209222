"""everywhere: the objects a plan leaves targeting no place (so every location), and what the plan and the
countries guardrail say of them."""

from __future__ import annotations

from typing import Any

import pytest

from midas_reconcile.everywhere import everywhere
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.planner import plan
from midas_reconcile.policies import check
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec import GuardrailSpec


def _resource(platform: str, kind: str, path: str, **fields: Any) -> Resource:
    account = "g" if platform == "google" else "m"
    return Resource(Address(platform, account, kind, path), fields, platform_id="1", managed=True)


def campaign(channel: str = "SEARCH") -> Resource:
    return _resource("google", "campaign", "spring", advertising_channel_type=channel, status="ENABLED")


def criterion(key: str, kind: str = "campaign_criterion", *, negative: bool = False) -> Resource:
    """A Google criterion of the campaign (or, ``ad_group_criterion``, of its ad group ``main``)."""
    path = f"spring/{key}" if kind == "campaign_criterion" else f"spring/main/{key}"
    ctype = {"location": "LOCATION", "proximity": "PROXIMITY", "language": "LANGUAGE"}[key.split(":")[0]]
    return _resource("google", kind, path, type=ctype, negative=negative)


def adset(**geo: Any) -> Resource:
    return _resource("meta", "adset", "spring/main", targeting={"geo_locations": geo}, status="ACTIVE")


def excluding_a_pin(**geo: Any) -> Resource:
    """A Meta ad set targeting ``geo`` and excluding 2 km around a point (a custom location): no place."""
    pin = {"latitude": 37.7749, "longitude": -122.4194, "radius": 2, "distance_unit": "kilometer"}
    targeting = {"geo_locations": geo, "excluded_geo_locations": {"custom_locations": [pin]}}
    return _resource("meta", "adset", "spring/main", targeting=targeting, status="ACTIVE")


def change(action: Action, before: Resource | None, after: Resource | None) -> Change:
    target = after or before
    assert target is not None
    return Change(target.address, action, before, after)


US = criterion("location:2840")
CAMPAIGN = "campaign/spring@google:g"
AD_GROUP = "ad_group/spring/main@google:g"
ADSET = "adset/spring/main@meta:m"

CASES = [
    # (what, changes, found as the plan makes it, found as it runs)
    (
        "created with places",
        [change(Action.CREATE, None, campaign()), change(Action.CREATE, None, US)],
        [],
        [],
    ),
    ("created with none", [change(Action.CREATE, None, campaign())], [CAMPAIGN], [CAMPAIGN]),
    (
        "created with a language and an excluded place alone",
        [
            change(Action.CREATE, None, campaign()),
            change(Action.CREATE, None, criterion("language:1000")),
            change(Action.CREATE, None, criterion("location:2124", negative=True)),
        ],
        [CAMPAIGN],
        [CAMPAIGN],
    ),
    (
        "its last place removed",
        [change(Action.NOOP, campaign(), campaign()), change(Action.DELETE, US, None)],
        [CAMPAIGN],
        [CAMPAIGN],
    ),
    (
        "a place swapped for another",
        [
            change(Action.NOOP, campaign(), campaign()),
            change(Action.DELETE, US, None),
            change(Action.CREATE, None, criterion("proximity:1")),
        ],
        [],
        [],
    ),
    ("running everywhere already", [change(Action.NOOP, campaign(), campaign())], [], [CAMPAIGN]),
    (
        "paused by the plan, its places removed with it",
        [change(Action.PAUSE, campaign(), None), change(Action.NOOP, US, None)],
        [],
        [],
    ),
    (
        "a Demand Gen ad group losing its places (the campaign holds none)",
        [
            change(Action.NOOP, campaign("DEMAND_GEN"), campaign("DEMAND_GEN")),
            change(Action.NOOP, *[_resource("google", "ad_group", "spring/main")] * 2),
            change(Action.DELETE, criterion("location:2840", "ad_group_criterion"), None),
        ],
        [AD_GROUP],
        [AD_GROUP],
    ),
    (
        "a Meta ad set whose places the update takes away",
        [change(Action.UPDATE, adset(countries=["US"]), adset(location_types=["home", "recent"]))],
        [ADSET],
        [ADSET],
    ),
    (
        "a Meta ad set created with a city",
        [change(Action.CREATE, None, adset(cities=[{"key": "1"}]))],
        [],
        [],
    ),
    ("a Meta ad set running with none", [change(Action.NOOP, adset(), adset())], [], [ADSET]),
    (
        "a Meta ad set created excluding a radius within its country",
        [change(Action.CREATE, None, excluding_a_pin(countries=["US"]))],
        [],
        [],
    ),
    (
        "a Meta ad set whose places the update takes away, an excluded radius kept",
        [change(Action.UPDATE, excluding_a_pin(countries=["US"]), excluding_a_pin())],
        [ADSET],
        [ADSET],
    ),
]


@pytest.mark.parametrize(("what", "changes", "made", "running"), CASES, ids=[c[0] for c in CASES])
def test_everywhere_finds_the_objects_left_with_no_place(
    what: str, changes: list[Change], made: list[str], running: list[str]
) -> None:
    assert [str(a) for a in everywhere(changes)] == made
    assert [str(a) for a in everywhere(changes, as_running=True)] == running


def test_a_plan_taking_a_campaigns_last_place_warns_and_the_countries_guardrail_refuses_it() -> None:
    """The specs drop every place of a campaign: the plan says it will target every location, naming it, and
    ``allowed_countries`` refuses it (every location is outside the countries allowed); a plan leaving it as
    it runs says nothing more."""
    live = [campaign(), US]
    result = plan([campaign()], live, {r.address: r for r in live}, accounts=["g"])
    assert [c.action for c in result.changes if c.address.kind == "campaign_criterion"] == [Action.DELETE]
    assert result.warnings == [
        f"{CAMPAIGN} will target every location: its targeting names no place (an empty `locations` is the "
        "world); name its places if that is not meant"
    ]
    geo = {"geo": GuardrailSpec(allowed_countries=["US"])}
    [violation] = check(result, geo, {"g": "USD"})
    assert (violation.address, violation.override) == (CAMPAIGN, "countries")
    assert violation.message == (
        f"{CAMPAIGN} targets every location (its targeting names no place); allowed countries: US"
    )
    after = plan([campaign()], [campaign()], {campaign().address: campaign()}, accounts=["g"])
    assert after.warnings == [] and check(after, geo, {"g": "USD"}) == []
    assert [v.address for v in check(Plan(["g"], after.changes), geo, {"g": "USD"}, as_running=True)] == [
        CAMPAIGN
    ]
