"""``schedule.hours``: when a campaign's ads run within a week (ad scheduling, "dayparting").

Each slot names days and a time span, ``{days: [mon, tue], start: "09:00", end: "17:30"}``, in the
campaign's ``schedule.time_zone``; ``end`` is exclusive and ``24:00`` is midnight at the day's end. No hours:
ads run all the time.

Google (``compile.google_hours``): one AD_SCHEDULE campaign criterion per day and slot (v26 AdScheduleInfo).
Its rules are checked here, at the field: quarter hours (v26 MinuteOfHourEnum ZERO, FIFTEEN, THIRTY,
FORTY_FIVE), an end after the start within the day (``start_hour`` 0–23, ``end_hour`` 0–24), no overlapping
slots on one day (CriterionError AD_SCHEDULE_TIME_INTERVALS_OVERLAP) and "No more than six AdSchedules …
for the same day" (v26 AdScheduleInfo, CriterionError AD_SCHEDULE_EXCEEDED_INTERVALS_PER_DAY_LIMIT). Google
runs ad schedules in the account's time zone, so ``schedule.time_zone`` must be the Google account's
(``time_zone`` in midas.yaml): MIDAS converts no hours between zones. An app campaign takes none (believed
from Google's help, "Ad scheduling isn't available for App campaigns"; not confirmed in the API's docs).

``google.hours``: Google's own hours over the campaign's on Google alone (``[]``: all the time there), by the
same rules at their own path, each slot with an optional ``bid_adjustment`` (a multiplier, v26
CampaignCriterion.bid_modifier "in the range: 0.1 - 10.0", whole percents: at most 2 decimal places).

Meta (``connectors.meta_day_parts``): every ad set's ``adset_schedule`` (DayParts, ``timezone_type``
ADVERTISER: the ad account's time zone, which ``schedule.time_zone`` must then be) with ``pacing_type:
[day_parting]``. Meta runs one only on a lifetime budget: a Meta ad set on a daily budget (the campaign's, or
its own ``meta.budget``) is a spec error at the budget saying so, and what would do (``google.hours``, a
lifetime budget with an end date); and in whole hours (believed, not
confirmed): a time that is not one is an error at the field. Google's slot rules (quarter hours, no overlaps,
six a day) bind the campaign's hours only where they run on Google (Google on the campaign without its own
``google.hours``, not an app campaign, which runs none there); hours that run on Meta alone take overlapping
and back-to-back slots, any number a day (Meta states no limit), compiled to each day's union of spans
(``connectors.meta_day_parts``), and a time off the hour is refused with Meta's rule.

``ad_groups[].meta.schedule.hours``: a Meta ad set's own hours, replacing the campaign's ``schedule.hours``
for it (``[]``: it runs all the time while the campaign's hours bind the others; none: the campaign's), in
the same time zone, by the same entry rules and Meta's (whole hours, any number of slots a day: they run on
Meta alone, Google's hours being the campaign's), and the same lifetime budget rule, said at the ad group:
at its ``meta.budget`` when that is a daily one, else at its hours.

``meta.hours_time_zone`` (the campaign's; an ad group's own over it): ``account`` (the default: DayParts
``timezone_type`` ADVERTISER, the ad account's zone, which ``schedule.time_zone`` must then be) or ``viewer``
(USER: each viewer's own time zone, believed from the DayPart's values and Ads Manager's "viewer's time
zone"; not confirmed in Meta's current reference), which binds no zone: the ad account's binds
``schedule.time_zone`` only where an ad set runs hours in it. One that no ad set running hours takes is an
error at the field. A Meta campaign's ``schedule.hours`` that nothing runs (every Meta ad set on its own,
Google absent or on its own ``google.hours``) compile to nothing: a warning (``hours_no_ad_set_runs``), not
an error, as specs that planned before they were checked keep planning. A ``schedule.time_zone`` refused
names the routes that validate: the accounts' zone, or, where Meta's binds it, its ad sets' hours in each
viewer's zone (or, where no Meta ad set runs the campaign's, no ``schedule.hours``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from midas_reconcile.money import decimal_places
from midas_reconcile.spec._bid_modifiers import MAX_MODIFIER, MIN_MODIFIER
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import (
    WEEKDAYS,
    AdGroup,
    CampaignSpec,
    GoogleHourSlot,
    HourSlot,
    Objective,
    adset_hours,
    adset_hours_time_zone,
    meta_adset_groups,
)

Add = Callable[[PathKey, str], None]

HOURS: Final[PathKey] = ("spec", "schedule", "hours")
GOOGLE_HOURS: Final[PathKey] = ("spec", "google", "hours")
#: "No more than six AdSchedules can be added for the same day" (v26 AdScheduleInfo).
MAX_SLOTS_PER_DAY: Final = 6
_DAY_END: Final = 24 * 60
_QUARTERS: Final = "a quarter hour (:00, :15, :30 or :45): Google schedules ads in quarter hours"
_WHOLE_HOURS: Final = (
    "Meta schedules ad sets in whole hours (believed from Meta's ad scheduling docs; not confirmed): "
    "expected a whole hour on a campaign that runs on Meta"
)


def minutes(text: str) -> int:
    """Minutes since midnight of ``HH:MM``."""
    hours, _, mins = text.partition(":")
    return int(hours) * 60 + int(mins)


def slot_span(slot: HourSlot) -> tuple[int, int]:
    """A slot's start and end in minutes since midnight."""
    return minutes(slot.start), minutes(slot.end)


def slot_days(hours: Sequence[HourSlot]) -> list[tuple[Sequence[str], int, int]]:
    """Each slot of ``hours`` as (its days, start, end in minutes since midnight)."""
    return [(slot.days, *slot_span(slot)) for slot in hours]


def _time_problem(text: str, *, is_end: bool, meta_alone: bool = False) -> str | None:
    """What is wrong with one time, by Google's rule (quarter hours) or, for hours that run on Meta alone,
    Meta's (whole hours)."""
    value = minutes(text)
    if meta_alone and value % 60:
        return f"found {text!r}; {_WHOLE_HOURS}"
    if value % 15:
        return f"found {text!r}; expected {_QUARTERS}"
    if value > _DAY_END or (value == _DAY_END and not is_end):
        return f"found {text!r}; expected 00:00–{'24:00' if is_end else '23:45'} ('24:00' only as an end)"
    return None


def _label(slot: HourSlot) -> str:
    return f"{slot.start}–{slot.end}"


def check_schedule_hours(add: Add, spec: CampaignSpec, accounts: Mapping[str, Any] | None) -> None:
    """Every rule of ``schedule.hours`` and ``google.hours`` (module docstring), at the offending field."""
    own = spec.google.hours
    if own is not None:
        _check_slots(add, GOOGLE_HOURS, own)
        _bid_adjustments(add, own)
        if spec.platforms.google is None:
            add(GOOGLE_HOURS, "found google.hours on a campaign that does not run on Google; expected none")
    if spec.schedule.hours:
        _check_slots(add, HOURS, spec.schedule.hours, meta_alone=_meta_alone(spec))
    adsets_own = _adsets_own_hours(spec)
    for index, group in adsets_own:  # an ad set's own hours run on Meta alone (Google's are the campaign's)
        _check_slots(add, adset_hours_path(index), adset_hours(spec.schedule, group), meta_alone=True)
    if spec.schedule.hours or own or adsets_own:
        _platform_rules(add, spec, accounts)
    _hours_time_zones(add, spec)


def hours_no_ad_set_runs(spec: CampaignSpec) -> str:
    """Why a Meta campaign's ``schedule.hours`` run nowhere ("": they run, or there are none). They run on
    each Meta ad set without hours of its own and on Google where it has none of its own (an app campaign's
    are refused by ``_platform_rules``); hours none of them runs compile to nothing. Said as a warning
    (``compile.meta``), not an error: specs that planned before this was checked (a Meta campaign whose
    every ad group has its own, Google on its own ``google.hours``) keep planning. A campaign off Meta keeps
    them beside Google's own, as before."""
    if spec.platforms.meta is None or not spec.schedule.hours or _campaign_hours_on_meta(spec):
        return ""
    if spec.platforms.google is not None and spec.google.hours is None:
        return ""
    why = "every Meta ad set runs hours of its own (meta.schedule.hours)"
    if spec.platforms.google is not None:
        why += " and Google runs its own (google.hours)"
    return why


def _hours_time_zones(add: Add, spec: CampaignSpec) -> None:
    """A ``meta.hours_time_zone`` set (the campaign's, or an ad group's own) applies to an ad set running
    hours: one that none runs would change nothing, so it is an error at the field rather than a no-op."""
    if spec.platforms.meta is None:  # an ad group's is refused off Meta (``spec.checks``)
        if "hours_time_zone" in spec.meta.model_fields_set:
            add(
                ("spec", "meta", "hours_time_zone"),
                "found meta.hours_time_zone on a campaign that does not run on Meta; expected none",
            )
        return
    groups = meta_adset_groups(spec)
    if "hours_time_zone" in spec.meta.model_fields_set and not any(
        adset_hours(spec.schedule, group) for _, group in groups if group.meta.hours_time_zone is None
    ):
        add(
            ("spec", "meta", "hours_time_zone"),
            f"found hours_time_zone: {spec.meta.hours_time_zone}, but no Meta ad set taking it runs hours "
            "(schedule.hours, or an ad group's meta.schedule.hours); expected it only beside hours",
        )
    for index, group in groups:
        if (
            index is not None
            and group.meta.hours_time_zone is not None
            and not adset_hours(spec.schedule, group)
        ):
            add(
                ("spec", "ad_groups", index, "meta", "hours_time_zone"),
                f"found hours_time_zone: {group.meta.hours_time_zone} on ad set {group.name!r}, which runs "
                "no hours (schedule.hours, or its meta.schedule.hours); expected it only beside hours",
            )


def adset_hours_path(index: int) -> PathKey:
    """Where ad group ``index`` writes its Meta ad set's own hours."""
    return ("spec", "ad_groups", index, "meta", "schedule", "hours")


def _adsets_own_hours(spec: CampaignSpec) -> list[tuple[int, AdGroup]]:
    """The Meta ad sets with hours of their own (``meta.schedule.hours``, ``[]`` too), with their index."""
    if spec.platforms.meta is None:
        return []
    return [
        (index, group)
        for index, group in meta_adset_groups(spec)
        if index is not None and group.meta.schedule is not None and group.meta.schedule.hours is not None
    ]


def _campaign_hours_on_meta(spec: CampaignSpec) -> bool:
    """Whether ``schedule.hours`` run on a Meta ad set: one without hours of its own."""
    own = {index for index, _ in _adsets_own_hours(spec)}
    return (
        spec.platforms.meta is not None
        and bool(spec.schedule.hours)
        and any(index is None or index not in own for index, _ in meta_adset_groups(spec))
    )


def _meta_alone(spec: CampaignSpec) -> bool:
    """Whether ``schedule.hours`` run on Meta alone (not on Google: no Google, its own ``google.hours``, or an
    app campaign, which takes none there, ``_platform_rules``): Google's rules of slots (quarter hours, no
    overlaps, six a day) do not bind them; Meta's whole hours do, and Meta states no limit of slots a day
    (``connectors.meta_day_parts`` merges overlapping and back-to-back slots into one span when compiling, as
    it reads a live schedule)."""
    on_google = (
        spec.platforms.google is not None
        and spec.google.hours is None
        and spec.objective != Objective.APP_PROMOTION
    )
    return spec.platforms.meta is not None and not on_google


def _check_slots(add: Add, base: PathKey, hours: Sequence[HourSlot], *, meta_alone: bool = False) -> None:
    """The rules of one list of slots written at ``base``: times, days and, where the slots run on Google,
    overlaps and slots a day (``meta_alone``: Meta's rules alone, module docstring)."""
    by_day: dict[str, list[tuple[int, int, int]]] = {}
    for index, slot in enumerate(hours):
        path = (*base, index)
        problems = [
            (field, _time_problem(getattr(slot, field), is_end=field == "end", meta_alone=meta_alone))
            for field in ("start", "end")
        ]
        for field, problem in problems:
            if problem is not None:
                add((*path, field), problem)
        if any(problem for _, problem in problems):
            continue
        start, end = slot_span(slot)
        if end <= start:
            add(
                (*path, "end"),
                f"found {slot.end!r}, which is not after start {slot.start!r}; expected a later end on the "
                "same day ('24:00' for midnight; a span past midnight is two slots, one each day)",
            )
            continue
        seen: set[str] = set()
        for d_index, day in enumerate(slot.days):
            if day in seen:
                add((*path, "days", d_index), f"found {day!r} twice; expected each day once")
                continue
            seen.add(day)
            by_day.setdefault(day, []).append((start, end, index))
    if meta_alone:
        return
    for day in WEEKDAYS:
        slots = sorted(by_day.get(day, []))
        reach: tuple[int, int] | None = None  # the latest end so far, and its slot
        for start, end, index in slots:
            if reach is not None and start < reach[0]:
                later, earlier = max(index, reach[1]), min(index, reach[1])
                add(
                    (*base, later),
                    f"found {_label(hours[later])} on {day}, which overlaps hours {earlier} "
                    f"({_label(hours[earlier])}); expected slots of one day apart (Google refuses "
                    "overlapping ad schedules)",
                )
            if reach is None or end > reach[0]:
                reach = (end, index)
        if len(slots) > MAX_SLOTS_PER_DAY:
            seventh = sorted(index for _, _, index in slots)[MAX_SLOTS_PER_DAY]
            add(
                (*base, seventh, "days"),
                f"found {len(slots)} slots on {day}; expected at most {MAX_SLOTS_PER_DAY} a day (Google's "
                "limit of ad schedules per day)",
            )


def _bid_adjustments(add: Add, hours: Sequence[GoogleHourSlot]) -> None:
    """A slot's bid adjustment is Google's range (v26 CampaignCriterion.bid_modifier: 0.1–10.0), in whole
    percents (as Google's UI sets them: at most 2 decimal places)."""
    for index, slot in enumerate(hours):
        value = slot.bid_adjustment
        if value is None:
            continue
        if not MIN_MODIFIER <= value <= MAX_MODIFIER or decimal_places(value) > 2:
            add(
                (*GOOGLE_HOURS, index, "bid_adjustment"),
                f"found {value}; expected a multiplier of bids from {MIN_MODIFIER} to "
                f"{MAX_MODIFIER} with at most 2 decimal places (1.2 = 20 % higher, 0.8 = 20 % lower: "
                "Google's bid_modifier)",
            )


def _account_zone(
    spec: CampaignSpec, accounts: Mapping[str, Any] | None, platform: str
) -> tuple[str, str] | None:
    """The account ``platform`` runs the hours in and its time zone (None: not configured)."""
    target = getattr(spec.platforms, platform)
    zone = getattr((accounts or {}).get(target.account), "time_zone", None)
    return None if zone is None else (target.account, zone)


#: What runs hours in an account's time zone, the account, its zone (``_zone_error``).
Binding = tuple[str, str, str]
_META_BINDS: Final = "Meta runs MIDAS's ad set schedules (timezone_type ADVERTISER)"


def _viewer_route(spec: CampaignSpec) -> str:
    """The ``meta.hours_time_zone: viewer`` settings that take every Meta ad set running hours out of the ad
    account's zone: the campaign's where an ad set running hours takes it, each ad group's own ``account``
    (each route checked to validate: a setting no ad set running hours takes is an error)."""
    fields = []
    groups = [(i, g) for i, g in meta_adset_groups(spec) if adset_hours(spec.schedule, g)]
    if spec.meta.hours_time_zone == "account" and any(g.meta.hours_time_zone is None for _, g in groups):
        fields.append("meta.hours_time_zone: viewer")
    fields += [
        f"ad_groups[{i}].meta.hours_time_zone: viewer"
        for i, g in groups
        if i is not None and g.meta.hours_time_zone == "account"
    ]
    return f"Meta's in each viewer's time zone ({', '.join(fields)})"


def _zone_error(add: Add, spec: CampaignSpec, binding: Sequence[Binding]) -> None:
    """One error at ``schedule.time_zone`` for every platform whose account runs the hours in another zone,
    with what would do: ``binding`` is what runs hours in an account's zone (Google first), right or not."""
    wrong = [b for b in binding if b[2] != spec.schedule.time_zone]
    if not wrong:
        return
    runs = " and ".join(where for where, _, _ in wrong)
    found = "; ".join(f"{account}: {zone}" for _, account, zone in wrong)
    zones = sorted({zone for _, _, zone in binding})
    whose = "the account's time zone" if len(wrong) == 1 else "their accounts' time zones"
    meta_zone = next((zone for where, _, zone in binding if where == _META_BINDS), None)
    expected = f"expected time_zone: {zones[0]} with hours"
    if len(zones) > 1:  # Google's and Meta's accounts differ: no one zone serves both
        google_zone = next(zone for where, _, zone in binding if where != _META_BINDS)
        off_google = "google.hours: [] keeps them off Google"
        if spec.schedule.hours and not _campaign_hours_on_meta(spec):
            # Kept off Google, the campaign's hours would run nowhere (``hours_no_ad_set_runs``).
            google_own = ", nor google.hours" if spec.google.hours else ""
            off_google = (
                f"no schedule.hours{google_own}, which no Meta ad set runs: each runs its own "
                "meta.schedule.hours; Google then runs all the time"
            )
        expected = (
            f"the accounts' zones differ, so expected the hours on one platform alone ({off_google}, with "
            f"time_zone: {meta_zone}) or {_viewer_route(spec)}, with time_zone: {google_zone}"
        )
    elif [where for where, _, _ in wrong] == [_META_BINDS]:
        expected += f", or {_viewer_route(spec)}"
    add(
        ("spec", "schedule", "time_zone"),
        f"found {spec.schedule.time_zone!r}, but {runs} in {whose} ({found}); {expected} (MIDAS converts "
        "no hours between zones)",
    )


def google_hours_of(spec: CampaignSpec) -> Sequence[HourSlot]:
    """The hours the campaign runs on Google: its own (``google.hours``, ``[]`` for all the time) or the
    campaign's."""
    return spec.google.hours if spec.google.hours is not None else spec.schedule.hours


def _platform_rules(add: Add, spec: CampaignSpec, accounts: Mapping[str, Any] | None) -> None:
    binding: list[Binding] = []  # each platform's account whose zone the hours run in: one error
    on_meta = spec.platforms.meta is not None and any(
        adset_hours(spec.schedule, group) for _, group in meta_adset_groups(spec)
    )
    in_account_zone = any(
        adset_hours(spec.schedule, group) and adset_hours_time_zone(spec, group) == "account"
        for _, group in meta_adset_groups(spec)
    )
    if on_meta:
        _meta_rules(add, spec)
    # Each viewer's own zone binds no schedule.time_zone: the ad account's binds it where hours run in it.
    if on_meta and in_account_zone and (found := _account_zone(spec, accounts, "meta")) is not None:
        binding.append((_META_BINDS, *found))
    if spec.platforms.google is not None and google_hours_of(spec):
        if spec.objective == Objective.APP_PROMOTION:
            at = GOOGLE_HOURS if spec.google.hours is not None else HOURS
            add(
                at,
                "found hours on an app campaign; Google runs app campaigns all the time: expected none on "
                "Google (google.hours: [] keeps the campaign's for Meta alone)",
            )
        elif (found := _account_zone(spec, accounts, "google")) is not None:
            binding.insert(0, ("Google runs ad schedules", *found))
    _zone_error(add, spec, binding)


def _meta_rules(add: Add, spec: CampaignSpec) -> None:
    """Meta runs an ad set schedule on whole hours (believed: ``connectors.meta_day_parts``), only on a
    lifetime budget (the campaign's, or the ad set's own): said once for the campaign's hours, and at each
    ad set's own (``meta.schedule.hours``)."""
    if _campaign_hours_on_meta(spec):
        for index, slot in enumerate(spec.schedule.hours):
            for field in ("start", "end"):
                text = getattr(slot, field)
                if _meta_alone(spec) or minutes(text) % 60 == 0 or _time_problem(text, is_end=field == "end"):
                    continue  # on Meta alone, _check_slots said so
                add((*HOURS, index, field), f"found {text!r}; {_WHOLE_HOURS}")
    campaign_daily = spec.budget.lifetime is None
    said_campaign_hours = False
    for g_index, group in meta_adset_groups(spec):
        own = group.meta.budget
        if not adset_hours(spec.schedule, group) or (own is not None and own.lifetime is not None):
            continue
        if own is None and not campaign_daily:
            continue
        own_hours = g_index is not None and group.meta.schedule is not None and group.meta.schedule.hours
        if not own_hours and said_campaign_hours:
            continue
        of_adset = own is not None and g_index is not None
        where: PathKey = ("spec", "budget")
        if own is not None and g_index is not None:
            where = ("spec", "ad_groups", g_index, "meta", "budget")
        elif own_hours and g_index is not None:  # the campaign's daily budget: this ad set's hours are wrong
            where = adset_hours_path(g_index)
        which = "its own (meta.schedule.hours)" if own_hours else "schedule.hours"
        add(
            where,
            f"found a daily budget for Meta ad set {group.name!r}, which has hours ({which}); Meta "
            "runs an ad set schedule only on a lifetime budget (pacing_type day_parting): "
            + _daily_budget_routes(spec, of_adset, own_hours=bool(own_hours)),
        )
        said_campaign_hours = said_campaign_hours or not own_hours


def _daily_budget_routes(spec: CampaignSpec, of_adset: bool, *, own_hours: bool = False) -> str:
    """What makes hours on a Meta ad set's daily budget valid (each route checked to validate when written):
    Google's own hours where the campaign runs on Google (the campaign's hours alone: an ad set's own never
    run there), or a lifetime budget — the campaign's, or the ad set's own where its daily budget is its own
    — which needs an end date (``spec.checks``); for an ad set's own hours, none (``[]``: all the time)."""
    lifetime = (
        "give the ad set a lifetime budget (its meta.budget.lifetime, with schedule.end or its "
        "meta.schedule.end)"
        if of_adset
        else "give the campaign a lifetime budget (budget.lifetime with schedule.end)"
    )
    if own_hours:
        return f"{lifetime}, or run the ad set all the time (meta.schedule.hours: [])"
    if spec.platforms.google is None:
        return lifetime
    return f"move the hours to google.hours to run them on Google alone, or {lifetime}"
