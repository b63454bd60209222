"""Guardrails over a Plan: budget caps, budget change limits, forbidden deletes, allowed countries.

``check`` evaluates every ``Guardrail`` against a plan and returns the violations; ``enforce`` drops
those the user overrode by name (``--override budget-cap`` …). Caps look at the state *after* the plan
(every budget still desired: created, updated, replaced or unchanged); the other rules look at what
the plan writes. Amounts are exact ``Decimal``s: platform units are converted with the account
currency, and a guardrail in another currency is reported as not comparable — never converted.

A Google shared budget counts once in its account's sum, and in the sum of every campaign it funds
(any one of them may spend all of it), never as a campaign of its own. The caps sum daily budgets only: a
lifetime budget (a campaign's, or a Meta ad set's beside daily ones in the same campaign) is never added
to a daily amount.

Rules and their override names:

==============================  ===============  ==================================================
guardrail field                 override         checks
==============================  ===============  ==================================================
max_daily_budget_per_campaign   budget-cap       sum of a unified campaign's daily budgets
max_daily_budget_per_account    budget-cap       sum of an account's daily budgets
max_budget_change_pct           budget-change    each budget update, before → after
forbid_deletes                  deletes          DELETE or REPLACE of a campaign
allowed_countries               countries        Google location criteria, Meta geo_locations; an
                                                 object left with no place (``everywhere``)
==============================  ===============  ==================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.everywhere import everywhere
from midas_reconcile.money import format_amount, from_google_micros, from_meta_minor
from midas_reconcile.plan import Action, Change, Plan
from midas_reconcile.resources import GOOGLE, META, ROOT_KIND, Address, Resource, is_shared_budget
from midas_reconcile.spec import GuardrailSpec

#: Every override name a guardrail violation can carry.
OVERRIDES: Final = ("budget-cap", "budget-change", "countries", "deletes")

#: Budget fields per kind: (daily field, lifetime field).
_BUDGET_FIELDS: Final = {
    (GOOGLE, "campaign_budget"): ("amount_micros", "total_amount_micros"),
    (META, "campaign"): ("daily_budget", "lifetime_budget"),
    (META, "adset"): ("daily_budget", "lifetime_budget"),  # ad set budgets: the campaign has none
}
_DESIRED_ACTIONS: Final = frozenset({Action.CREATE, Action.UPDATE, Action.REPLACE, Action.NOOP})
_WRITING_ACTIONS: Final = frozenset({Action.CREATE, Action.UPDATE, Action.REPLACE})


@dataclass(frozen=True)
class Violation:
    """A guardrail the plan breaks. ``address`` is the resource address, unified campaign or account
    concerned; ``override`` the name that lets the user apply anyway."""

    rule: str
    guardrail: str
    address: str
    message: str
    override: str

    def __str__(self) -> str:
        return f"{self.message} [guardrail {self.guardrail!r}; override: {self.override}]"


def budget_amount(platform: str, units: int, currency: str | None) -> Decimal | None:
    """Platform units → currency units (None when Meta's currency is unknown)."""
    if platform == GOOGLE:
        return from_google_micros(units)
    return from_meta_minor(units, currency) if currency else None


def _units(value: Any) -> int | None:
    try:
        return None if value is None or isinstance(value, bool) else int(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class _Budget:
    address: Address
    units: int
    currency: str | None


def _daily_budgets(plan: Plan, currencies: Mapping[str, str]) -> list[_Budget]:
    """The daily budgets still desired after the plan."""
    budgets = []
    for change in plan.changes:
        after = change.after
        key = (change.address.platform, change.address.kind)
        if after is None or change.action not in _DESIRED_ACTIONS or key not in _BUDGET_FIELDS:
            continue
        units = _units(after.fields.get(_BUDGET_FIELDS[key][0]))
        if units is not None:
            budgets.append(_Budget(change.address, units, currencies.get(change.address.account)))
    return budgets


def _funded_by_shared_budgets(plan: Plan) -> dict[Address, list[str]]:
    """Shared budget → the unified campaigns still desired after the plan that it funds."""
    out: dict[Address, list[str]] = {}
    for change in plan.changes:
        after = change.after
        if after is None or change.action not in _DESIRED_ACTIONS or change.address.kind != ROOT_KIND:
            continue
        budget = after.refs.get("campaign_budget")
        if budget is not None and is_shared_budget(budget):
            out.setdefault(budget, []).append(change.address.campaign)
    return out


def _cap(
    name: str,
    guardrail: GuardrailSpec,
    rule: str,
    limit: Decimal,
    groups: Mapping[str, list[_Budget]],
    what: str,
) -> Iterable[Violation]:
    for subject in sorted(groups):
        members = groups[subject]
        problem = next((m for m in members if m.currency != guardrail.currency), None)
        if problem is not None:
            found = (
                f"is in {problem.currency}"
                if problem.currency
                else "has no known currency (set it in midas.yaml)"
            )
            yield Violation(
                rule,
                name,
                subject,
                f"cannot check the daily budget cap of {what} {subject!r}: the guardrail is in "
                f"{guardrail.currency} but account {problem.address.account!r} {found}; "
                "amounts are never converted between currencies",
                "budget-cap",
            )
            continue
        amounts = {
            m.address: budget_amount(m.address.platform, m.units, m.currency) or Decimal(0) for m in members
        }
        total = sum(amounts.values(), Decimal(0))
        if total > limit:
            parts = ", ".join(
                f"{address}: {format_amount(amount, guardrail.currency)}"
                for address, amount in sorted(amounts.items(), key=lambda item: item[0].sort_key())
            )
            yield Violation(
                rule,
                name,
                subject,
                f"daily budget of {what} {subject!r} would be {format_amount(total, guardrail.currency)}, "
                f"above the cap of {format_amount(limit, guardrail.currency)} ({parts})",
                "budget-cap",
            )


def _budget_changes(
    name: str, limit: Decimal, changes: Iterable[Change], currencies: Mapping[str, str]
) -> Iterable[Violation]:
    for change in changes:
        key = (change.address.platform, change.address.kind)
        if change.action is not Action.UPDATE or key not in _BUDGET_FIELDS:
            continue
        for field_change in change.fields:
            if field_change.path not in _BUDGET_FIELDS[key]:
                continue
            before, after = _units(field_change.before), _units(field_change.after)
            if not before or after is None:
                continue  # a budget that did not exist before is the caps' business
            if abs(after - before) * 100 <= limit * before:
                continue
            pct = (Decimal(after - before) * 100 / before).quantize(Decimal("0.1"))
            currency = currencies.get(change.address.account)
            shown = [budget_amount(change.address.platform, u, currency) for u in (before, after)]
            if currency and shown[0] is not None and shown[1] is not None:
                amounts = f"{format_amount(shown[0], currency)} → {format_amount(shown[1], currency)}"
            else:
                amounts = f"{before} → {after} platform units"
            yield Violation(
                "max_budget_change_pct",
                name,
                str(change.address),
                f"{change.address} {field_change.path} changes by {pct:+f}% ({amounts}), more than "
                f"the {limit}% allowed",
                "budget-change",
            )


def _deletes(name: str, changes: Iterable[Change]) -> Iterable[Violation]:
    for change in changes:
        if change.action in (Action.DELETE, Action.REPLACE) and change.address.kind == ROOT_KIND:
            verb = "deleted" if change.action is Action.DELETE else "replaced (deleted and re-created)"
            yield Violation(
                "forbid_deletes",
                name,
                str(change.address),
                f"{change.address} would be {verb}, and deletes are forbidden",
                "deletes",
            )


#: (platform, account, location id) → the entry it was resolved from (``Regions``): an ISO 3166-2 code, a
#: city (``San Francisco, US-CA``) or a postal code (``US:94103``), or what a place of another kind is
#: (``Austin County, US-TX (County)``).
Regions = Mapping[tuple[str, str, str], str]


def _countries_of(
    change: Change, regions: Regions, *, as_running: bool = False
) -> list[tuple[str, str | None, str]]:
    """(shown value, ISO country or None when unknown, what it is) for each positive location the change
    adds: a country, or a region, city or postal code (``regions`` tells its entry, which names its
    country; a Meta zip's key is its entry). An update adds those its object did not target before: one
    that leaves the places alone (a pause, a new budget) adds none, whatever the guardrail allows now.
    ``as_running``: every location of the object after the change, added or not (``_countries`` then
    takes the changes that write nothing too)."""
    after = change.after
    if after is None:
        return []
    written = _located_places(change.address, after, regions)
    if as_running or change.action is not Action.UPDATE or change.before is None:
        return written
    kept = set(_located_places(change.address, change.before, regions))
    return [place for place in written if place not in kept]


#: The Google criteria that target places: a campaign's, and a Demand Gen ad group's own.
_GOOGLE_PLACED: Final = frozenset({(GOOGLE, "campaign_criterion"), (GOOGLE, "ad_group_criterion")})


def _located_places(address: Address, after: Resource, regions: Regions) -> list[tuple[str, str | None, str]]:
    """``_countries_of`` for every positive location ``after`` (the object at ``address``) targets."""
    key = (address.platform, address.kind)
    if key in _GOOGLE_PLACED and after.fields.get("type") == "PROXIMITY":
        from midas_reconcile.targeting.places import proximity_entry  # lazy: heavy tables

        entry = proximity_entry(after.fields)
        return [] if after.fields.get("negative") else [_located(entry or "a radius MIDAS cannot read")]
    if key in _GOOGLE_PLACED:
        geo = after.fields.get("geo_target_constant")
        if not geo or after.fields.get("negative"):
            return []
        from midas_reconcile.targeting import google_geo_to_iso  # lazy: heavy tables
        from midas_reconcile.targeting.places import dma_of_google_geo
        from midas_reconcile.targeting.tables import last_segment

        iso = google_geo_to_iso(str(geo))
        entry = dma_of_google_geo(str(geo)) or regions.get((GOOGLE, address.account, last_segment(str(geo))))
        if iso is None and entry:
            return [_located(entry)]
        if iso is None:  # a place none names: its country unknown, it is held back
            return [(str(geo), None, "location")]
        return [(str(geo), iso.split("-")[0].upper(), "country")]
    if key == (META, "adset"):
        targeting = after.fields.get("targeting") or {}
        geo_locations = targeting.get("geo_locations") or {}
        found: list[tuple[str, str | None, str]] = [
            (str(c), str(c).upper(), "country") for c in geo_locations.get("countries") or ()
        ]
        for field, what in (("regions", "region"), ("cities", "city"), ("zips", "postal code")):
            for place in geo_locations.get(field) or ():
                place_key = str(place.get("key")) if isinstance(place, Mapping) else str(place)
                # A zip's key is its entry (US:94103); regions and cities are the ids the specs resolved.
                entry = place_key if field == "zips" else regions.get((META, address.account, place_key))
                found.append(_located(entry) if entry else (f"{what} {place_key}", None, what))
        for market in geo_locations.get("geo_markets") or ():
            from midas_reconcile.targeting.places import dma_of_meta_key

            market_key = str(market.get("key")) if isinstance(market, Mapping) else str(market)
            dma = dma_of_meta_key(market_key)
            found.append(_located(dma) if dma else (f"market {market_key}", None, "market"))
        for pin in geo_locations.get("custom_locations") or ():
            point = f"{pin.get('latitude')},{pin.get('longitude')}" if isinstance(pin, Mapping) else str(pin)
            found.append((f"a radius around the point {point}", None, "point"))
        return found
    return []


def _located(entry: str) -> tuple[str, str | None, str]:
    """(the entry, its country, what it is) of a location the specs wrote: a region (``US-CA``), a city
    (``San Francisco, US-CA``) or a postal code (``US:94103``); or of a place of another kind as Google
    describes it (``Austin County, US-TX (County)``: its country is the constant's ``country_code``)."""
    from midas_reconcile.spec._places import parse_place, parse_radius
    from midas_reconcile.targeting.places import described_country

    if (country := described_country(entry)) is not None:
        return entry, country, "place"
    radius = parse_radius(entry)
    if radius is not None:
        return entry, radius.country, "radius" if radius.country is not None else "point"
    place = parse_place(entry)
    if place is None:
        return entry, None, "location"
    return entry, place.country, place.kind.replace("_", " ")


#: Why a radius around a point is a countries violation, and what lets it through. MIDAS ships no country
#: borders (``data/countries.json`` has codes and names; the sandbox's place table no coordinates), and a
#: bounding box would guess wrong near a border, where a radius may reach into the next country anyway.
_POINT: Final = (
    "MIDAS cannot tell which country a point is in (it reads no map, and a radius may reach across a border)"
)
#: What lets a radius around a point through (said when the plan is to apply, not of an adoption).
_POINT_THROUGH: Final = (
    ", so it lets none through unchecked; once you have checked the radius lies in the allowed "
    "countries, apply with --override countries (needed once: later plans check only the places they add; "
    "it lifts every countries violation of that plan, so read the others first), or write the radius "
    "around a city instead, as in '25 mi around Austin, US-TX', whose country MIDAS checks"
)


def _countries(
    name: str, allowed: Set[str], changes: Sequence[Change], regions: Regions, as_running: bool
) -> Iterable[Violation]:
    # As running, the objects a plan leaves as they are (an adoption's location criteria) target places too.
    actions = _DESIRED_ACTIONS if as_running else _WRITING_ACTIONS
    found: list[tuple[Address, str]] = []
    for change in changes:
        if change.action not in actions:
            continue
        for shown, country, what in _countries_of(change, regions, as_running=as_running):
            if country in allowed:
                continue
            if what == "point":
                reason = f"targets {shown}: {_POINT}" + ("" if as_running else _POINT_THROUGH)
            elif country is None:
                reason = f"targets {shown}, which is not a known {what}"
            else:
                reason = f"targets {country}" + (f" ({shown})" if what != "country" else "")
            found.append((change.address, reason))
    # An object left with no place serves everywhere: every country outside those allowed.
    reason = "targets every location (its targeting names no place)"
    found += [(address, reason) for address in everywhere(changes, as_running=as_running)]
    for address, why in found:
        yield Violation(
            "allowed_countries",
            name,
            str(address),
            f"{address} {why}; allowed countries: {', '.join(sorted(allowed))}",
            "countries",
        )


def check(
    plan: Plan,
    guardrails: Mapping[str, GuardrailSpec],
    currencies: Mapping[str, str],
    *,
    regions: Regions | None = None,
    as_running: bool = False,
) -> list[Violation]:
    """Every violation of every guardrail (by guardrail name, then rule, then subject).

    ``currencies`` maps account names to their ISO currency codes; ``regions`` the region ids the plan's
    specs resolved to their ISO 3166-2 codes (a region is in its country; one not in it is unknown).
    ``allowed_countries`` holds a change to the locations it adds (an update, those its object did not
    target before); ``as_running``, every object the plan holds, written or left as it is (a NOOP), to
    every location it targets after it (what an adoption, which changes none, reports of the campaigns as
    they run).
    """
    budgets = _daily_budgets(plan, currencies)
    funded = _funded_by_shared_budgets(plan)
    by_campaign: dict[str, list[_Budget]] = {}
    by_account: dict[str, list[_Budget]] = {}
    for budget in budgets:
        if is_shared_budget(budget.address):
            campaigns = funded.get(budget.address, [])
        else:
            campaigns = [budget.address.campaign]
        for campaign in campaigns:
            by_campaign.setdefault(campaign, []).append(budget)
        by_account.setdefault(budget.address.account, []).append(budget)
    violations: list[Violation] = []
    for name in sorted(guardrails):
        guardrail = guardrails[name]
        if guardrail.max_daily_budget_per_campaign is not None:
            violations += _cap(
                name,
                guardrail,
                "max_daily_budget_per_campaign",
                guardrail.max_daily_budget_per_campaign,
                by_campaign,
                "campaign",
            )
        if guardrail.max_daily_budget_per_account is not None:
            violations += _cap(
                name,
                guardrail,
                "max_daily_budget_per_account",
                guardrail.max_daily_budget_per_account,
                by_account,
                "account",
            )
        if guardrail.max_budget_change_pct is not None:
            violations += _budget_changes(name, guardrail.max_budget_change_pct, plan.changes, currencies)
        if guardrail.forbid_deletes:
            violations += _deletes(name, plan.changes)
        if guardrail.allowed_countries:
            allowed = {c.upper() for c in guardrail.allowed_countries}
            violations += _countries(name, allowed, plan.changes, regions or {}, as_running)
    return violations


def enforce(violations: Iterable[Violation], overrides: Set[str]) -> list[Violation]:
    """The violations that still block: those whose override name is not in ``overrides``."""
    return [v for v in violations if v.override not in overrides]
