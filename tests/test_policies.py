"""policies.check / enforce: one table per guardrail rule, overrides, currency mismatch."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from midas_reconcile.plan import Action, Change, FieldChange, Plan
from midas_reconcile.policies import OVERRIDES, Violation, check, enforce, format_amount
from midas_reconcile.resources import Address, Resource
from midas_reconcile.spec import GuardrailSpec

CURRENCIES = {"g-usd": "USD", "m-usd": "USD", "m-jpy": "JPY", "g-eur": "EUR"}


def resource(platform: str, account: str, kind: str, path: str, **fields: Any) -> Resource:
    return Resource(Address(platform, account, kind, path), fields, platform_id="1")


def google_budget(campaign: str, micros: int, account: str = "g-usd") -> Resource:
    return resource("google", account, "campaign_budget", campaign, amount_micros=micros)


def meta_campaign(campaign: str, minor: int | str, account: str = "m-usd") -> Resource:
    return resource("meta", account, "campaign", campaign, daily_budget=minor, status="ACTIVE")


def change(action: Action, after: Resource | None, before: Resource | None = None, **kw: Any) -> Change:
    target = after or before
    assert target is not None
    return Change(target.address, action, before, after, **kw)


def make_plan(*changes: Change) -> Plan:
    return Plan(accounts=sorted({c.address.account for c in changes}), changes=list(changes))


def rules(violations: list[Violation]) -> list[tuple[str, str, str]]:
    return [(v.rule, v.address, v.override) for v in violations]


# --- budget caps ------------------------------------------------------------------------------------


def meta_adset(path: str, minor: int, account: str = "m-usd") -> Resource:
    return resource("meta", account, "adset", path, daily_budget=minor, status="ACTIVE")


CAP_CASES = [
    # (guardrail, changes, expected (rule, subject) pairs)
    (
        # ad set budgets count towards their campaign (its Meta campaign has none)
        {"max_daily_budget_per_campaign": Decimal(100)},
        [
            change(Action.CREATE, google_budget("spring", 60_000_000)),
            change(Action.NOOP, meta_adset("spring/a", 3000)),
            change(Action.UPDATE, meta_adset("spring/b", 2000)),
        ],
        [("max_daily_budget_per_campaign", "spring")],
    ),
    (
        # a lifetime ad set budget beside daily ones is never added to them: 60 + 30 a day stays under 100
        {"max_daily_budget_per_campaign": Decimal(100)},
        [
            change(Action.CREATE, google_budget("spring", 60_000_000)),
            change(Action.NOOP, meta_adset("spring/a", 3000)),
            change(
                Action.CREATE,
                resource("meta", "m-usd", "adset", "spring/b", lifetime_budget=50_000, status="ACTIVE"),
            ),
        ],
        [],
    ),
    (
        {"max_daily_budget_per_campaign": Decimal(100)},
        [
            change(Action.CREATE, google_budget("spring", 60_000_000)),
            change(Action.NOOP, meta_campaign("spring", 5000)),
        ],
        [("max_daily_budget_per_campaign", "spring")],
    ),
    (
        {"max_daily_budget_per_campaign": Decimal(110)},
        [
            change(Action.CREATE, google_budget("spring", 60_000_000)),
            change(Action.NOOP, meta_campaign("spring", 5000)),
        ],
        [],
    ),
    (
        {"max_daily_budget_per_account": Decimal(100)},
        [
            change(Action.UPDATE, google_budget("a", 70_000_000)),
            change(Action.CREATE, google_budget("b", 40_000_000)),
        ],
        [("max_daily_budget_per_account", "g-usd")],
    ),
    (
        # a campaign removed from the specs (paused) no longer counts
        {"max_daily_budget_per_account": Decimal(100)},
        [
            change(Action.PAUSE, meta_campaign("old", 7000), before=meta_campaign("old", 7000)),
            change(Action.CREATE, meta_campaign("new", 6000)),
        ],
        [],
    ),
    (
        # JPY has no minor unit: 5000 is ¥5000
        {"currency": "JPY", "max_daily_budget_per_account": Decimal(4999)},
        [change(Action.CREATE, meta_campaign("x", 5000, account="m-jpy"))],
        [("max_daily_budget_per_account", "m-jpy")],
    ),
]


@pytest.mark.parametrize(("guardrail", "changes", "expected"), CAP_CASES)
def test_budget_caps(
    guardrail: dict[str, Any], changes: list[Change], expected: list[tuple[str, str]]
) -> None:
    violations = check(make_plan(*changes), {"caps": GuardrailSpec(**guardrail)}, CURRENCIES)
    assert [(v.rule, v.address) for v in violations] == expected
    assert all(v.override == "budget-cap" and v.guardrail == "caps" for v in violations)


def test_cap_message_shows_exact_amounts() -> None:
    plan = make_plan(
        change(Action.CREATE, google_budget("spring", 60_010_000)),
        change(Action.NOOP, meta_campaign("spring", 4999)),
    )
    [violation] = check(
        plan, {"caps": GuardrailSpec(max_daily_budget_per_campaign=Decimal("100"))}, CURRENCIES
    )
    assert violation.message == (
        "daily budget of campaign 'spring' would be 110.00 USD, above the cap of 100.00 USD "
        "(campaign_budget/spring@google:g-usd: 60.01 USD, campaign/spring@meta:m-usd: 49.99 USD)"
    )


@pytest.mark.parametrize(
    ("account", "currencies", "fragment"),
    [
        ("g-eur", CURRENCIES, "account 'g-eur' is in EUR"),
        ("g-unknown", CURRENCIES, "account 'g-unknown' has no known currency"),
    ],
)
def test_cap_in_another_currency_cannot_compare(
    account: str, currencies: dict[str, str], fragment: str
) -> None:
    plan = make_plan(change(Action.CREATE, google_budget("x", 1_000_000, account=account)))
    [violation] = check(plan, {"caps": GuardrailSpec(max_daily_budget_per_account=Decimal(1000))}, currencies)
    assert "cannot check" in violation.message and fragment in violation.message
    assert "never converted" in violation.message
    assert violation.override == "budget-cap"


# --- budget change ---------------------------------------------------------------------------------

CHANGE_CASES = [
    (50_000_000, 80_000_000, "+60.0%", "50.00 USD → 80.00 USD"),
    (50_000_000, 20_000_000, "-60.0%", "50.00 USD → 20.00 USD"),
    (50_000_000, 60_000_000, None, None),  # exactly 20%: allowed
    (50_000_000, 55_000_000, None, None),
]


@pytest.mark.parametrize(("before", "after", "pct", "amounts"), CHANGE_CASES)
def test_budget_change_limit(before: int, after: int, pct: str | None, amounts: str | None) -> None:
    update = change(
        Action.UPDATE,
        google_budget("spring", after),
        before=google_budget("spring", before),
        fields=[FieldChange("amount_micros", before, after)],
    )
    violations = check(make_plan(update), {"g": GuardrailSpec(max_budget_change_pct=Decimal(20))}, CURRENCIES)
    if pct is None:
        assert violations == []
    else:
        [violation] = violations
        assert (violation.rule, violation.override) == ("max_budget_change_pct", "budget-change")
        assert amounts is not None
        assert pct in violation.message and amounts in violation.message


def test_meta_budget_change_in_minor_units() -> None:
    update = change(
        Action.UPDATE,
        meta_campaign("s", "15000"),  # the Graph API answers strings
        before=meta_campaign("s", 10000),
        fields=[FieldChange("daily_budget", "10000", "15000")],
    )
    [violation] = check(
        make_plan(update), {"g": GuardrailSpec(max_budget_change_pct=Decimal(10))}, CURRENCIES
    )
    assert "+50.0% (100.00 USD → 150.00 USD)" in violation.message


# --- deletes and countries ---------------------------------------------------------------------------

DELETE_CASES = [
    (Action.DELETE, "google", "campaign", True),
    (Action.REPLACE, "meta", "campaign", True),
    (Action.DELETE, "google", "campaign_criterion", False),
    (Action.REPLACE, "meta", "adcreative", False),
    (Action.PAUSE, "google", "campaign", False),
]


@pytest.mark.parametrize(("action", "platform", "kind", "blocked"), DELETE_CASES)
def test_forbid_deletes(action: Action, platform: str, kind: str, blocked: bool) -> None:
    path = "c" if kind == "campaign" else "c/s/a" if platform == "meta" else "c/location:2840"
    target = Resource(Address(platform, "acct", kind, path), {})
    after = target if action is Action.REPLACE else None
    plan = make_plan(change(action, after, before=target))
    violations = check(plan, {"safe": GuardrailSpec(forbid_deletes=True)}, {})
    assert rules(violations) == ([("forbid_deletes", str(target.address), "deletes")] if blocked else [])


def criterion(geo: str, negative: bool = False, kind: str = "campaign_criterion") -> Resource:
    """A Google location criterion of a campaign (of a Demand Gen ad group: ``kind`` ad_group_criterion)."""
    path = f"c/location:{geo}" if kind == "campaign_criterion" else f"c/g/location:{geo}"
    return Resource(
        Address("google", "g-usd", kind, path),
        {"type": "LOCATION", "geo_target_constant": f"geoTargetConstants/{geo}", "negative": negative},
    )


def adset(
    *countries: str, regions: tuple[str, ...] = (), cities: tuple[str, ...] = (), zips: tuple[str, ...] = ()
) -> Resource:
    geo: dict[str, Any] = {"countries": list(countries), "regions": [{"key": key} for key in regions]}
    geo.update(cities=[{"key": key} for key in cities], zips=[{"key": key} for key in zips])
    return Resource(Address("meta", "m-usd", "adset", "c/s"), {"targeting": {"geo_locations": geo}})


def around_an_address(address: str) -> Resource:
    """A Google proximity criterion of 10 miles around a street address (``1 Rue X, Paris, FR, FR:75001``)."""
    from midas_reconcile.spec._places import parse_radius
    from midas_reconcile.targeting.places import proximity_fields

    radius = parse_radius(f"10 mi around {address}")
    assert radius is not None
    return Resource(Address("google", "g-usd", "campaign_criterion", "c/proximity"), proximity_fields(radius))


def excluding_a_pin(resource: Resource) -> Resource:
    """``resource`` (an ad set) also excluding 2 km around a point, a custom location."""
    pin = {"latitude": 37.7749, "longitude": -122.4194, "radius": 2, "distance_unit": "kilometer"}
    targeting = {**resource.fields["targeting"], "excluded_geo_locations": {"custom_locations": [pin]}}
    return Resource(resource.address, {**resource.fields, "targeting": targeting})


def around_a_point() -> Resource:
    """A Google proximity criterion of 10 km around a point (a geo point in micro-degrees)."""
    from midas_reconcile.spec._places import parse_radius
    from midas_reconcile.targeting.places import proximity_fields

    radius = parse_radius("10 km around 37.7749,-122.4194")
    assert radius is not None
    return Resource(Address("google", "g-usd", "campaign_criterion", "c/proximity"), proximity_fields(radius))


def targeting_a_pin(resource: Resource) -> Resource:
    """``resource`` (an ad set) also targeting 10 km around a point, a custom location."""
    pin = {"latitude": 37.7749, "longitude": -122.4194, "radius": 10, "distance_unit": "kilometer"}
    geo = {**resource.fields["targeting"]["geo_locations"], "custom_locations": [pin]}
    targeting = {**resource.fields["targeting"], "geo_locations": geo}
    return Resource(resource.address, {**resource.fields, "targeting": targeting})


#: Why a radius around a point is a countries violation, and what lets it through.
POINT_REASON = (
    "targets {shown}: MIDAS cannot tell which country a point is in (it reads no map, and a radius may reach "
    "across a border), so it lets none through unchecked; once you have checked the radius lies in the "
    "allowed countries, apply with --override countries (needed once: later plans check only the places "
    "they add; it lifts every countries violation of that plan, so read the others first), or write the "
    "radius around a city instead, as in '25 mi around Austin, US-TX', whose country MIDAS checks"
)


#: The regions the plan's compile resolved (platform, account, id) → their ISO 3166-2 codes.
REGIONS = {
    ("google", "g-usd", "21137"): "US-CA",
    ("meta", "m-usd", "3847"): "US-CA",
    ("meta", "m-usd", "9"): "FR-75",
    ("google", "g-usd", "1014221"): "San Francisco, US-CA",
    ("google", "g-usd", "1006094"): "Paris, FR",
    ("google", "g-usd", "9031927"): "US:94103",
    ("meta", "m-usd", "2421836"): "San Francisco, US-CA",
    ("meta", "m-usd", "2881638"): "Paris, FR",
    # Places of other kinds, as Google describes them: in the country of the constant's country_code.
    ("google", "g-usd", "9059413"): "Austin County, US-TX (County)",
    ("google", "g-usd", "9100006"): "Heathrow Airport, GB-ENG (Airport)",
    ("google", "g-usd", "9100008"): "Shinjuku, JP (Municipality)",
}


COUNTRY_CASES = [
    (change(Action.CREATE, criterion("2840")), []),  # US
    (change(Action.CREATE, criterion("2250")), ["targets FR"]),
    (change(Action.CREATE, criterion("2250", negative=True)), []),  # an exclusion is fine
    # A Demand Gen ad group's own places are held to the same countries.
    (change(Action.CREATE, criterion("2250", kind="ad_group_criterion")), ["targets FR"]),
    (change(Action.CREATE, criterion("1014221", kind="ad_group_criterion")), []),
    (change(Action.CREATE, criterion("99999999")), ["which is not a known location"]),
    (change(Action.NOOP, criterion("2250")), []),  # only what the plan writes
    (change(Action.UPDATE, adset("us", "CA")), []),
    (change(Action.CREATE, adset("US", "DE")), ["targets DE"]),
    # Regions are their country's: California is in the US, Paris is not.
    (change(Action.CREATE, criterion("21137")), []),
    (change(Action.CREATE, adset(regions=("3847",))), []),
    (change(Action.CREATE, adset("US", regions=("9", "3847"))), ["targets FR (FR-75)"]),
    (change(Action.CREATE, adset(regions=("12345",))), ["targets region 12345, which is not a known region"]),
    # Cities and postal codes are their country's too.
    (change(Action.CREATE, criterion("1014221")), []),
    (change(Action.CREATE, criterion("9031927")), []),
    (change(Action.CREATE, criterion("1006094")), ["targets FR (Paris, FR)"]),
    (change(Action.CREATE, adset(cities=("2421836",), zips=("US:94103",))), []),
    (
        change(Action.CREATE, adset(cities=("2881638",), zips=("FR:75001",))),
        ["targets FR (Paris, FR)", "targets FR (FR:75001)"],
    ),
    (change(Action.CREATE, adset(cities=("777",))), ["targets city 777, which is not a known city"]),
    # A county, an airport, a municipality: held to the country of their constants.
    (change(Action.CREATE, criterion("9059413")), []),
    (change(Action.CREATE, criterion("9100006")), ["targets GB (Heathrow Airport, GB-ENG (Airport))"]),
    (change(Action.CREATE, criterion("9100008")), ["targets JP (Shinjuku, JP (Municipality))"]),
    (change(Action.CREATE, criterion("9100008", negative=True)), []),
    # A radius around a street address is in the country of its address.
    (change(Action.CREATE, around_an_address("1 Main St, San Francisco, US-CA, US:94105")), []),
    (
        change(Action.CREATE, around_an_address("1 Rue X, Paris, FR, FR:75001")),
        ["targets FR (10 mi around 1 Rue X, Paris, FR, FR:75001)"],
    ),
    # A radius around a point: MIDAS cannot tell its country, so it says why and what lets it through.
    (change(Action.CREATE, around_a_point()), [POINT_REASON.format(shown="10 km around 37.7749,-122.4194")]),
    (
        change(Action.CREATE, targeting_a_pin(adset("US"))),
        [POINT_REASON.format(shown="a radius around the point 37.7749,-122.4194")],
    ),
    # A radius Meta excludes (a pin, whose country no map tells) is no place targeted.
    (change(Action.CREATE, excluding_a_pin(adset("US"))), []),
    (change(Action.CREATE, excluding_a_pin(adset("DE"))), ["targets DE"]),
]


@pytest.mark.parametrize(("item", "fragments"), COUNTRY_CASES)
def test_allowed_countries(item: Change, fragments: list[str]) -> None:
    guardrails = {"geo": GuardrailSpec(allowed_countries=["US", "ca"])}
    violations = check(make_plan(item), guardrails, CURRENCIES, regions=REGIONS)
    assert len(violations) == len(fragments)
    for violation, fragment in zip(violations, fragments, strict=True):
        assert fragment in violation.message and "allowed countries: CA, US" in violation.message
        assert (violation.rule, violation.override) == ("allowed_countries", "countries")


@pytest.mark.parametrize(
    ("item", "fragments"),
    [
        (change(Action.NOOP, criterion("2250")), ["targets FR"]),  # left as it is, yet it targets France
        (change(Action.UPDATE, adset("FR"), before=adset("FR")), ["targets FR"]),  # adds no place
        (change(Action.NOOP, criterion("2840")), []),
        (change(Action.NOOP, None, before=criterion("2250")), []),  # already gone: targets nothing
    ],
)
def test_allowed_countries_as_running_holds_every_object_to_every_place_it_targets(
    item: Change, fragments: list[str]
) -> None:
    """What an adoption reports: the objects as they run, whether the plan writes them or not."""
    guardrails = {"geo": GuardrailSpec(allowed_countries=["US", "ca"])}
    violations = check(make_plan(item), guardrails, CURRENCIES, regions=REGIONS, as_running=True)
    assert [v.message.split(" ", 1)[1].split(";")[0] for v in violations] == fragments


# --- overrides and formatting ---------------------------------------------------------------------


def test_enforce_drops_overridden_violations() -> None:
    plan = make_plan(
        change(Action.CREATE, google_budget("big", 500_000_000)),
        change(Action.DELETE, None, before=resource("google", "g-usd", "campaign", "old")),
    )
    guardrails = {
        "b": GuardrailSpec(max_daily_budget_per_campaign=Decimal(100)),
        "a": GuardrailSpec(forbid_deletes=True),
    }
    violations = check(plan, guardrails, CURRENCIES)
    assert [v.guardrail for v in violations] == ["a", "b"]  # by guardrail name
    assert enforce(violations, frozenset()) == violations
    assert [v.override for v in enforce(violations, {"deletes"})] == ["budget-cap"]
    assert enforce(violations, set(OVERRIDES)) == []
    assert str(violations[0]).endswith("[guardrail 'a'; override: deletes]")


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (Decimal(50), "USD", "50.00 USD"),
        (Decimal("0.125"), "USD", "0.125 USD"),  # never rounded away
        (Decimal(5000), "JPY", "5000 JPY"),
        (Decimal("1.5"), "KWD", "1.500 KWD"),
    ],
)
def test_format_amount(amount: Decimal, currency: str, text: str) -> None:
    assert format_amount(amount, currency) == text


# --- shared budgets ---------------------------------------------------------------------------------


def on_shared(campaign: str, pool: str = "pool") -> Resource:
    """A Google campaign funded by the shared budget ``pool``."""
    target = Address("google", "g-usd", "campaign_budget", f"%shared/{pool}")
    return Resource(
        Address("google", "g-usd", "campaign", campaign), {"name": campaign}, {"campaign_budget": target}
    )


def shared_plan(pool_micros: int) -> Plan:
    pool = resource("google", "g-usd", "campaign_budget", "%shared/pool", amount_micros=pool_micros)
    return make_plan(
        change(Action.CREATE, pool),
        change(Action.CREATE, on_shared("a")),
        change(Action.NOOP, on_shared("b")),
        change(Action.NOOP, google_budget("solo", 30_000_000)),
    )


def test_a_shared_budget_counts_once_in_its_account() -> None:
    guardrail = GuardrailSpec(max_daily_budget_per_account=Decimal(100))
    assert check(shared_plan(70_000_000), {"g": guardrail}, CURRENCIES) == []  # 70 + 30, not 70 × 2 + 30
    [violation] = check(shared_plan(80_000_000), {"g": guardrail}, CURRENCIES)
    assert violation.message.startswith("daily budget of account 'g-usd' would be 110.00 USD")


def test_a_shared_budget_counts_in_full_for_each_campaign_it_funds_and_is_no_campaign_itself() -> None:
    guardrail = GuardrailSpec(max_daily_budget_per_campaign=Decimal(50))
    found = check(shared_plan(60_000_000), {"g": guardrail}, CURRENCIES)
    assert [(v.rule, v.address) for v in found] == [
        ("max_daily_budget_per_campaign", "a"),
        ("max_daily_budget_per_campaign", "b"),
    ]
    assert "campaign_budget/%shared/pool@google:g-usd: 60.00 USD" in found[0].message
    assert check(shared_plan(50_000_000), {"g": guardrail}, CURRENCIES) == []


def test_a_shared_budget_change_is_limited_once() -> None:
    pool = resource("google", "g-usd", "campaign_budget", "%shared/pool", amount_micros=90_000_000)
    update = change(Action.UPDATE, pool, fields=[FieldChange("amount_micros", 60_000_000, 90_000_000)])
    found = check(
        make_plan(update, change(Action.NOOP, on_shared("a"))),
        {"g": GuardrailSpec(max_budget_change_pct=Decimal(20))},
        CURRENCIES,
    )
    assert rules(found) == [
        ("max_budget_change_pct", "campaign_budget/%shared/pool@google:g-usd", "budget-change")
    ]
