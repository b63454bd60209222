"""Platform views → one unified Campaign document (plain data in the spec's key order).

With both platforms, what they share becomes the unified spec and where they differ Meta's value
becomes an override (``meta.targeting``, ``meta.status``, the budget split by amount; a Google campaign
on a shared budget names it in ``google.shared_budget`` and the budget is Meta's alone); what has no
override is a problem, never silently dropped. An ad whose two halves cannot be one creative, and an ad
group and ad set of one name that cannot be one ad group (other ads, targeting narrowed otherwise), become
two of their name, one per platform. Google's dates are the campaign's; Meta ad sets on other dates keep
their own (``meta.schedule``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.importing.derive import (
    CreativeView,
    GroupView,
    PlatformView,
    format_money,
    google_bidding_options,
    objective_for_bidding,
)
from midas_reconcile.importing.hours import split_hours
from midas_reconcile.importing.url_tracking import campaign_url_parameters, same_url_parameters
from midas_reconcile.resources import keyword_identity
from midas_reconcile.spec import AgeRange, Objective, Targeting
from midas_reconcile.spec._google_bidding_defaults import GOOGLE_CHANNEL_NAMES
from midas_reconcile.spec._places import parse_radius
from midas_reconcile.spec.models import DYNAMIC_SEARCH_CREATIVE, PRODUCT_CREATIVE
from midas_reconcile.targeting import TargetingMapper
from midas_reconcile.targeting.model import canonical_locations

_TARGETING_FIELDS = tuple(Targeting.model_fields)
_DEFAULT_TARGETING = Targeting()


def targeting_data(targeting: Targeting, only: Sequence[str] = _TARGETING_FIELDS) -> dict[str, Any]:
    """The spec form of ``targeting``'s fields in ``only`` (all: without the defaults)."""
    out: dict[str, Any] = {}
    for name in only:
        value = getattr(targeting, name)
        if only is _TARGETING_FIELDS and value == getattr(_DEFAULT_TARGETING, name):
            continue
        if name == "ages":
            out[name] = _ages(value)
        elif name == "exclude":
            out[name] = {k: v for k, v in value.model_dump().items() if v or only is not _TARGETING_FIELDS}
        else:
            out[name] = list(value)
    return out


def _ages(ages: AgeRange) -> dict[str, Any]:
    # Without a max the range is open-ended ("65+"), which is AgeRange's default: not written out.
    return {"min": ages.min} if ages.max is None else {"min": ages.min, "max": ages.max}


def override(base: Targeting, other: Targeting) -> dict[str, Any]:
    """The fields of ``other`` that differ from ``base``, as a targeting override. Its ``exclude`` replaces
    the campaign's whole (as the compiler merges it): what it leaves empty need not be written."""
    data = targeting_data(other, [n for n in _TARGETING_FIELDS if getattr(base, n) != getattr(other, n)])
    if "exclude" in data:
        data["exclude"] = {k: v for k, v in data["exclude"].items() if v}
    return data


def unified_document(
    views: Sequence[PlatformView], name: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """The Campaign document for one campaign seen on one or two platforms, and its problems. ``name``
    is the unified name (default: the first view's); a platform calling the campaign otherwise keeps its
    own name (``google.name`` / ``meta.name``)."""
    problems = [p for v in views for p in v.problems]
    url_parameters, views = campaign_url_parameters(views, problems)
    views = _meta_only_excluded_radii(_google_only_exclusions(views))
    by_platform = {v.platform: v for v in views}
    google, meta = by_platform.get("google"), by_platform.get("meta")
    first = views[0]
    objective = _objective(google, meta, problems)
    if google is not None and meta is not None and "catalog" in meta.options:
        problems.append(
            f"{meta.label()} is a catalog ads campaign (meta.catalog {meta.options['catalog']}), which runs "
            f"on Meta alone: import it apart from {google.label()} (without --link; rename one of them in "
            "its console when they share a name)"
        )
    spec: dict[str, Any] = {"platforms": {v.platform: {"account": v.account} for v in views}}
    spec["objective"] = objective
    if app := _app(views, problems):
        spec["app"] = app
    spec["status"] = first.status
    own = [v for v in views if v.shared_budget is None]
    if own:  # a Google-only campaign on a shared budget has no budget of its own
        spec["budget"] = _budget(own, problems)
    if google is not None and meta is not None:
        split_hours(google, meta)
    schedule = _schedule(google, meta, problems)
    if schedule:
        spec["schedule"] = schedule
    base = first.groups[0].targeting if first.groups else Targeting()
    if data := targeting_data(base):
        spec["targeting"] = data
    if url_parameters is not None:
        spec["url_parameters"] = url_parameters
    groups, creatives = _groups_and_creatives(views, base, schedule)
    spec["ad_groups"] = groups
    spec["creatives"] = creatives
    if google is not None:
        spec["google"] = _google_options(google, objective, base)
        _hoist_shared_keywords(groups, spec["google"])
        spec["google"] = _hoist_business_name(creatives, spec["google"])
    if meta is not None:
        meta_options = _meta_options(meta, base, first)
        if meta_options:
            spec["meta"] = meta_options
    name = name or first.name
    for view in views:
        if view.name != name:
            spec.setdefault(view.platform, {})["name"] = view.name
    if not spec.get("google"):
        spec.pop("google", None)
    document = {
        "apiVersion": "midas/v1",
        "kind": "Campaign",
        "metadata": {"name": name},
        "spec": spec,
    }
    return document, problems


def _google_only_exclusions(views: Sequence[PlatformView]) -> Sequence[PlatformView]:
    """``views`` with the interests a Google ad group excludes that the Meta ad set of its name does not
    as the ad group's ``google.negative_interests``, out of its unified targeting: said so, it is one ad
    group on both platforms, its campaign's targeting no exclusion Meta does not make."""
    by_platform = {v.platform: v for v in views}
    google, meta = by_platform.get("google"), by_platform.get("meta")
    if google is None or meta is None:
        return views
    on_meta = {g.name: set(g.targeting.exclude.interests) for g in meta.groups}
    groups = []
    for group in google.groups:
        excluded = group.targeting.exclude
        own = [i for i in excluded.interests if i not in on_meta.get(group.name, set())]
        if own:
            kept = excluded.model_copy(update={"interests": [i for i in excluded.interests if i not in own]})
            options = {**group.options, "google": dict(group.options.get("google", {}))}
            options["google"]["negative_interests"] = [*options["google"].get("negative_interests", []), *own]
            group = dataclasses.replace(
                group, targeting=group.targeting.model_copy(update={"exclude": kept}), options=options
            )
        groups.append(group)
    return [dataclasses.replace(google, groups=groups) if v is google else v for v in views]


def _meta_only_excluded_radii(views: Sequence[PlatformView]) -> Sequence[PlatformView]:
    """``views`` with the radii every Meta ad set excludes added to each Google ad group's exclusions: Google
    is believed to take no negative proximity, so the unified exclusion compiles to none there
    (``targeting.places.meta_alone``) and the two campaigns stay one targeting, not a ``meta.targeting``."""
    by_platform = {v.platform: v for v in views}
    google, meta = by_platform.get("google"), by_platform.get("meta")
    if google is None or meta is None or not meta.groups:
        return views
    if any(parse_radius(e) is not None for g in google.groups for e in g.targeting.exclude.locations):
        return views
    radii = [
        entry
        for entry in meta.groups[0].targeting.exclude.locations
        if parse_radius(entry) is not None
        and all(entry in g.targeting.exclude.locations for g in meta.groups)
    ]
    if not radii:
        return views
    groups = []
    for group in google.groups:
        excluded = group.targeting.exclude
        locations = canonical_locations([*excluded.locations, *radii])
        targeting = group.targeting.model_copy(
            update={"exclude": excluded.model_copy(update={"locations": locations})}
        )
        groups.append(dataclasses.replace(group, targeting=targeting))
    return [dataclasses.replace(google, groups=groups) if v is google else v for v in views]


def _hoist_shared_keywords(groups: list[dict[str, Any]], google: dict[str, Any]) -> None:
    """Keywords every ad group on Google has move to ``google.keywords`` (the compiler adds them to each
    group it compiles for Google)."""
    groups = [g for g in groups if "google" in g.get("platforms", ["google"])]
    if len(groups) < 2:
        return
    keyed = [{(keyword_identity(k["text"]), k["match"]): k for k in g.get("keywords", [])} for g in groups]
    # Shared means the same keyword, status included, in every ad group.
    shared = {
        key for key in set(keyed[0]).intersection(*keyed[1:]) if all(k[key] == keyed[0][key] for k in keyed)
    }
    if not shared:
        return
    google["keywords"] = [k for key, k in keyed[0].items() if key in shared]
    for group, keys in zip(groups, keyed, strict=True):
        rest = [k for key, k in keys.items() if key not in shared]
        if rest:
            group["keywords"] = rest
        else:
            group.pop("keywords", None)


def _hoist_business_name(creatives: list[dict[str, Any]], google: dict[str, Any]) -> dict[str, Any]:
    """``google`` with the business name every responsive display (or Demand Gen) ad shows as the campaign's
    ``google.business_name`` (after its channel), taken off the creatives; as it was when they show
    several."""
    named = [c for c in creatives if "business_name" in c.get("google", {})]
    names = {c["google"]["business_name"] for c in named}
    if len(names) != 1:
        return google
    for creative in named:
        creative["google"] = {k: v for k, v in creative["google"].items() if k != "business_name"}
    channel = {k: google[k] for k in ("channel",) if k in google}
    return {**channel, "business_name": names.pop(), **google}


def _objective(google: PlatformView | None, meta: PlatformView | None, problems: list[str]) -> str:
    if meta is not None and meta.objective is not None:
        if google is not None and google.objective is not None and google.objective != meta.objective:
            problems.append(
                f"{google.label()} can only serve objective {google.objective!r}, "
                f"but {meta.label()} has {meta.objective!r}"
            )
        elif (
            google is not None
            and meta.objective == Objective.APP_PROMOTION.value
            and google.objective is None
        ):
            kind = GOOGLE_CHANNEL_NAMES[str(google.options.get("channel", "search"))]
            problems.append(
                f"{google.label()} is a {kind} campaign; app promotion runs as a Google app campaign "
                "(MULTI_CHANNEL, sub type APP_CAMPAIGN)"
            )
        return meta.objective
    if google is not None:
        return google.objective or objective_for_bidding(
            google.bidding_type or "", str(google.options.get("channel", "search"))
        )
    return Objective.SALES.value


#: The ``app:`` keys in the spec's order.
_APP_KEYS = ("store", "id", "meta_app_id", "store_url")


def _app(views: Sequence[PlatformView], problems: list[str]) -> dict[str, str]:
    """The ``app:`` block: what each platform knows of the app its campaign promotes (Google its store and
    id, Meta besides its Meta app id and store page), which must be one app."""
    known = [v for v in views if v.app]
    apps = {(v.app["store"], v.app["id"]) for v in known if v.app}
    if len(apps) > 1:
        problems.append(
            "the platforms promote different apps: "
            + ", ".join(f"{v.label()} app {v.app['id']!r} in {v.app['store']}" for v in known if v.app)
        )
    merged: dict[str, str] = {}
    for view in known:
        merged.update({k: v for k, v in (view.app or {}).items() if k not in merged})
    return {k: merged[k] for k in _APP_KEYS if k in merged}


def _budget(views: Sequence[PlatformView], problems: list[str]) -> dict[str, Any]:
    shares = [_share(v, views) for v in views]
    periods = {period for period, _ in shares}
    currencies = {v.currency for v in views}
    if len(periods) > 1 or len(currencies) > 1:
        problems.append(
            "the platforms' budgets cannot be one budget: "
            + ", ".join(f"{v.platform} {v.period} {v.amount} {v.currency}" for v in views)
        )
    period = shares[0][0]
    total = sum((amount for _, amount in shares), Decimal(0))
    budget: dict[str, Any] = {period: format_money(total), "currency": views[0].currency}
    if len(views) > 1:
        budget["split"] = {
            "by": "amount",
            **{v.platform: format_money(amount) for v, (_, amount) in zip(views, shares, strict=True)},
        }
    return budget


def _share(view: PlatformView, views: Sequence[PlatformView]) -> tuple[str, Decimal]:
    """``view``'s period and amount in the unified budget. A Meta campaign on ad set budgets of both
    periods (``period_amounts``) takes the period of the other platform's budget: its share is then the
    sum of its ad sets of that period, the others' on top of it."""
    fixed = {v.period for v in views if not v.period_amounts}
    if len(fixed) == 1 and (period := next(iter(fixed))) in view.period_amounts:
        return period, view.period_amounts[period]
    return view.period, view.amount


def _schedule(google: PlatformView | None, meta: PlatformView | None, problems: list[str]) -> dict[str, Any]:
    """Google's dates when it runs the campaign (it has no others), else Meta's most common; Meta ad sets
    on other dates get their own (``_adset_dates``). The time zone is Meta's, the only one dates affect; but
    Google's ad schedule runs in the Google account's, which ``schedule.time_zone`` must then be too
    (``spec._schedule_hours``): when Meta's is another, that is a problem named here (as ``meta_view`` names
    Meta's own), not a written spec that would not load."""
    if google is None:
        return dict(meta.schedule) if meta is not None else {}
    schedule = dict(google.schedule)
    if meta is not None and "time_zone" in meta.schedule:
        schedule["time_zone"] = meta.schedule["time_zone"]
    google_zone = google.schedule.get("time_zone")
    runs_hours = google.options.get("hours") or google.schedule.get("hours")
    if meta is not None and runs_hours and google_zone and schedule.get("time_zone") != google_zone:
        problems.append(
            f"{google.label()} runs an ad schedule in the Google account's time zone ({google_zone}), but "
            f"{meta.label()} is written in {schedule['time_zone']} (its dates, or its ad sets' schedule in "
            "the ad account's time zone): schedule.time_zone cannot be both (MIDAS converts no hours between "
            "zones); import them apart (without --link; rename one of them in its console when they share a "
            "name)"
        )
    return schedule


def _adset_dates(group: GroupView, schedule: dict[str, Any]) -> dict[str, Any]:
    """The dates of a Meta ad set that differ from the campaign's (``None``: it has none)."""
    dates = group.dates or {}
    return {k: v for k, v in dates.items() if v != schedule.get(k)}


def _groups_and_creatives(
    views: Sequence[PlatformView], base: Targeting, schedule: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ad groups and creatives. An ad group and an ad set of one name that cannot be one ad group (they
    run different ads, or narrow the campaign's targeting differently, or the ad group is a Google dynamic
    ad group, which is Google's alone) become two of that name, one per platform (``platforms: [google]``
    and ``[meta]``: names are unique per platform)."""
    views = [_paused_where_paused(v) for v in _paired_by_content(views)]
    names: list[str] = []
    for view in views:  # the first platform's order, then what only the other has
        names += [g.name for g in view.groups if g.name not in names]
    creatives = _creatives(views)
    all_names = list(dict.fromkeys(c["name"] for c in creatives))
    runs_on: dict[str, set[str]] = {}
    for c in creatives:
        runs_on.setdefault(c["name"], set()).update(c.get("platforms") or [v.platform for v in views])
    bases = {v.platform: (v.groups[0].targeting if v.groups else base) for v in views}
    out = []
    for name in names:
        pairs = [(v, g) for v in views for g in v.groups if g.name == name]
        chosen = _group_override([(v.platform, bases[v.platform], g.targeting) for v, g in pairs])
        ads = {n for _, g in pairs for n in g.creatives}
        same_ads = all(
            set(g.creatives) == {n for n in ads if v.platform in runs_on.get(n, ())} for v, g in pairs
        ) and all(_paused_alone(v, g) == _paused_alone(*pairs[0]) for v, g in pairs)
        dynamic_beside_meta = len(pairs) > 1 and any(_dynamic(g) for _, g in pairs)
        if chosen is not None and same_ads and not dynamic_beside_meta:
            out.append(_group_data(pairs, chosen, len(pairs) < len(views), all_names, schedule))
            continue
        for v, g in pairs:
            own = override(bases[v.platform], g.targeting)
            out.append(_group_data([(v, g)], own, True, all_names, schedule))
    return out, creatives


def _dynamic(group: GroupView) -> bool:
    """A Google dynamic ad group: it targets webpages (``spec._google_dynamic_search``)."""
    return bool((group.options.get("google") or {}).get("webpages"))


def _group_data(
    pairs: Sequence[tuple[PlatformView, GroupView]],
    targeting: dict[str, Any],
    on_one: bool,
    all_names: list[str],
    schedule: dict[str, Any],
) -> dict[str, Any]:
    """One ad group of the platforms' groups in ``pairs`` (``on_one``: it runs on that platform only)."""
    group = pairs[0][1]
    data: dict[str, Any] = {"name": group.name}
    if on_one:
        data["platforms"] = [pairs[0][0].platform]
    if group.status != "active":
        data["status"] = group.status
    if targeting:
        data["targeting"] = targeting
    ads = {n for _, g in pairs for n in g.creatives}
    if ads != set(all_names):
        data["creatives"] = [n for n in all_names if n in ads]
    if paused := _paused_alone(*pairs[0]):
        data["paused_creatives"] = [n for n in all_names if n in paused]
    keywords = [k for _, g in pairs for k in g.keywords]
    if keywords:
        data["keywords"] = keywords
    for v, g in pairs:
        options = {k: dict(o) for k, o in g.options.items()}
        if g.status != group.status:  # paused on one platform only
            options.setdefault(v.platform, {})["status"] = g.status
        if own_dates := _adset_dates(g, schedule):  # beside its own hours, if any (``meta_view``)
            own = options.setdefault(v.platform, {})
            own["schedule"] = {**own_dates, **own.get("schedule", {})}
        data.update(options)
    return data


def _paused_where_paused(view: PlatformView) -> PlatformView:
    """``view`` with each creative paused only where all its ads are (active where one runs): an ad
    paused in some ad groups only is their ``paused_creatives`` (``_paused_alone``)."""
    statuses = {
        name: "paused" if all(name in g.paused for g in view.groups if name in g.creatives) else "active"
        for name in view.creatives
        if any(name in g.creatives for g in view.groups)
    }
    creatives = {
        name: dataclasses.replace(c, status=statuses.get(name, c.status))
        for name, c in view.creatives.items()
    }
    return dataclasses.replace(view, creatives=creatives)


def _paused_alone(view: PlatformView, group: GroupView) -> set[str]:
    """The creatives ``group`` pauses though they run elsewhere (their status active)."""
    return {n for n in group.paused if n in view.creatives and view.creatives[n].status == "active"}


#: Targeting Google sets per campaign: an ad group's override of it applies on Meta only.
_GOOGLE_CAMPAIGN_LEVEL = ("locations", "languages")


def _group_override(seen: list[tuple[str, Targeting, Targeting]]) -> dict[str, Any] | None:
    """One ad group override for both platforms, None when there is none: equal ones as they are; else
    Meta's (exact) when Google's is what compiling it gives on Google (its age buckets, its campaign-level
    locations and languages)."""
    overrides = {platform: override(base, targeting) for platform, base, targeting in seen}
    first = next(iter(overrides.values()))
    if all(o == first for o in overrides.values()):
        return first
    google = next(t for p, _, t in seen if p == "google")
    google_base = next(b for p, b, _ in seen if p == "google")
    candidate = overrides["meta"]
    compiled = merged_targeting_data(google_base, candidate)
    on_google = _google_reading(compiled)
    if on_google is not None and on_google == _google_reading(google):
        return candidate
    return None


def merged_targeting_data(base: Targeting, data: dict[str, Any]) -> Targeting:
    """``base`` with an override given as spec data applied (as the compiler merges it)."""
    override_model = Targeting.model_validate(data)
    changes = {k: getattr(override_model, k) for k in data if k not in _GOOGLE_CAMPAIGN_LEVEL}
    return base.model_copy(update=changes)


def _google_reading(targeting: Targeting) -> Targeting | None:
    """``targeting`` as Google reads it back (ages in its buckets; locations, languages and names as they
    are): what an ad group of the Google campaign holds."""
    mapper = TargetingMapper()
    mapped = mapper.to_google(
        targeting.model_copy(update={"interests": [], "locations": [], "languages": []})
    )
    read, _ = mapper.from_google([c.fields for c in mapped.criteria])
    return read.model_copy(
        update={
            "interests": sorted(targeting.interests),
            "locations": [],
            "languages": [],
            "exclude": targeting.exclude,
        }
    )


def _paired_by_content(views: Sequence[PlatformView]) -> Sequence[PlatformView]:
    """``views`` with each Google creative that import named (Google keeps no name for its ads) renamed
    after the first Meta ad, not yet paired by name, that it can be one creative with: the two are then
    one creative, as ads of one name are."""
    by_platform = {v.platform: v for v in views}
    google, meta = by_platform.get("google"), by_platform.get("meta")
    if google is None or meta is None:
        return views
    free = [n for n in meta.creatives if n not in google.creatives]
    renamed: dict[str, str] = {}
    for name, creative in google.creatives.items():
        if creative.named:
            continue
        pair = next((n for n in free if _merge_creative(creative, meta.creatives[n]) is not None), None)
        if pair is not None:
            renamed[name] = pair
            free.remove(pair)
    if not renamed:
        return views
    creatives = {
        renamed.get(n, n): dataclasses.replace(c, name=renamed.get(n, n)) for n, c in google.creatives.items()
    }
    groups = [
        dataclasses.replace(
            g,
            creatives=[renamed.get(n, n) for n in g.creatives],
            paused={renamed.get(n, n) for n in g.paused},
        )
        for g in google.groups
    ]
    paired = dataclasses.replace(google, creatives=creatives, groups=groups)
    return [paired if v is google else v for v in views]


def _creatives(views: Sequence[PlatformView]) -> list[dict[str, Any]]:
    """One creative per name where the platforms' ads of that name can be one; else one per platform
    (``platforms: [google]`` and ``[meta]``: names are unique per platform)."""
    names: list[str] = []
    for view in views:
        names += [n for n in view.creatives if n not in names]
    out = []
    for name in names:
        seen = [(v.platform, v.creatives[name]) for v in views if name in v.creatives]
        if len(seen) == 2:
            merged = _merge_creative(seen[0][1], seen[1][1])
            if merged is not None:
                out.append(_creative_data(seen[0][1], merged, None))
                continue
        on_one = len(seen) < len(views) or len(seen) == 2
        out += [_creative_data(c, c.fields, [p] if on_one else None) for p, c in seen]
    return out


def _creative_data(
    creative: CreativeView, fields: dict[str, Any], platforms: list[str] | None
) -> dict[str, Any]:
    data = {"name": creative.name, **fields}
    if creative.status != "active":
        data["status"] = creative.status
    if platforms is not None:
        data["platforms"] = platforms
    return _creative_order(data)


_CREATIVE_KEYS = (
    "name", "type", "status", "platforms", "headlines", "descriptions", "primary_text", "final_url",
    "call_to_action", "image_url", "video_id", "post_id", "cards", "url_parameters", "google", "meta",
)  # fmt: skip


def _creative_order(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in _CREATIVE_KEYS if k in data}


def _merge_creative(google: CreativeView, meta: CreativeView) -> dict[str, Any] | None:
    """One creative that compiles to Google's responsive search ad and Meta's link creative alike, None
    when there is none: Meta's title must be one of the headlines (it goes first), its link the final URL,
    its body and description among the descriptions or the primary text (see
    ``compile.meta._meta_creative``), both ads of one status, and their links tagged alike
    (``url_tracking.same_url_parameters``). Carousels merge with carousels alone (``_merge_carousel``)."""
    if "carousel" in (google.fields.get("type"), meta.fields.get("type")):
        same_type = google.fields.get("type") == meta.fields.get("type")
        return _merge_carousel(google, meta) if same_type else None
    if google.fields.get("type") in (DYNAMIC_SEARCH_CREATIVE, PRODUCT_CREATIVE):  # Google's alone
        return None
    headlines = list(google.fields["headlines"])
    descriptions = list(google.fields["descriptions"])
    if (meta.fields.get("meta") or {}).get("text_options"):
        return _merge_text_options(google, meta)
    title, body, description = (meta.meta_texts.get(k) for k in ("title", "body", "description"))
    if title not in headlines or meta.fields.get("final_url") != google.fields.get("final_url"):
        return None
    if google.status != meta.status or not same_url_parameters(google, meta):
        return None
    out = dict(google.fields)
    out["headlines"] = [title, *[h for h in headlines if h != title]]
    if description in descriptions:
        out["descriptions"] = [description, *[d for d in descriptions if d != description]]
        out["primary_text"] = body
    elif body in descriptions and description is None and len(descriptions) == 1:
        out["descriptions"] = [body]
    else:
        return None
    for key in ("call_to_action", "type", "image_url", "video_id", "meta"):
        if key in meta.fields:
            out[key] = meta.fields[key]
    google_options = dict(out.get("google") or {})
    # A responsive display ad's long headline is the primary text unless it says otherwise.
    if "primary_text" in out and google_options.get("long_headline") == out["primary_text"]:
        del google_options["long_headline"]
        out["google"] = google_options
    return out


def _merge_text_options(google: CreativeView, meta: CreativeView) -> dict[str, Any] | None:
    """One creative of a Google ad and a Meta ad of multiple text options (``meta.text_options``), None when
    there is none: the same headlines and descriptions (in Meta's order, which its ad keeps; Google's keeps
    none), link, status and URL tags; Meta's primary texts and options with Google's."""
    g, m = google.fields, meta.fields
    for key in ("headlines", "descriptions"):
        if sorted(g.get(key) or []) != sorted(m.get(key) or []):
            return None
    if g.get("final_url") != m.get("final_url") or google.status != meta.status:
        return None
    if not same_url_parameters(google, meta):
        return None
    out = dict(g)
    for key in (
        "headlines",
        "descriptions",
        "primary_text",
        "call_to_action",
        "type",
        "image_url",
        "video_id",
    ):
        if key in m:
            out[key] = m[key]
    out["meta"] = {**(g.get("meta") or {}), **m["meta"]}
    google_options = dict(out.get("google") or {})
    if "primary_text" in out and google_options.get("long_headline") == out["primary_text"]:
        del google_options["long_headline"]
        out["google"] = google_options
    return out


def _merge_carousel(google: CreativeView, meta: CreativeView) -> dict[str, Any] | None:
    """One carousel of a Google Demand Gen carousel ad and a Meta carousel, None when there is none: both of
    one status, primary text, link and URL tags (``url_tracking.same_url_parameters``), their cards of one
    headline and link each, in order. Meta's fields (its cards' descriptions and media, its call to action)
    with Google's options, the carousel's and each card's."""
    g, m = google.fields, meta.fields
    same = ("primary_text", "final_url")
    if google.status != meta.status or any(g.get(k) != m.get(k) for k in same):
        return None
    if not same_url_parameters(google, meta):  # its url_parameters, Google's or the campaign's Meta took
        return None
    ours_cards, their_cards = g.get("cards") or [], m.get("cards") or []
    if len(ours_cards) != len(their_cards):
        return None
    cards = list(zip(ours_cards, their_cards, strict=True))
    if any(ours.get(k) != theirs.get(k) for ours, theirs in cards for k in ("headline", "final_url")):
        return None
    out = dict(m)
    if "url_parameters" in g:  # the Meta carousel's, or the campaign's it took (``same_url_parameters``)
        out["url_parameters"] = g["url_parameters"]
    out["cards"] = [
        {**theirs, **({"google": ours["google"]} if ours.get("google") else {})} for ours, theirs in cards
    ]
    if g.get("google"):
        out["google"] = g["google"]
    return out


#: The ``google`` options a view carries as they are written.
_GOOGLE_OPTIONS = (
    "networks", "negative_keywords", "negative_ages", "negative_genders", "negative_interests",
    "campaign_ages", "campaign_genders", "campaign_interests", "device_bid_adjustments",
    "location_bid_adjustments", "budget_name",
    "labels", "shared_budget", "budget_delivery", "eu_political_advertising", "tracking_url_template",
    "url_custom_parameters", "hours",
)  # fmt: skip


def _google_options(google: PlatformView, objective: str, base: Targeting) -> dict[str, Any]:
    options = google.options
    out: dict[str, Any] = {k: options[k] for k in ("channel",) if k in options}  # what the rest is about
    channel = options.get("channel", "search")
    # What its goal and ads are of; a Shopping or Demand Gen campaign's Merchant Center account; a Hotel
    # campaign's Hotel Center account; a Search campaign's Dynamic Search Ads domain.
    own = ("app_campaign", "shopping", "hotel", "demand_gen", "dynamic_search_ads")
    out.update({k: options[k] for k in own if k in options})
    out.update({k: options[k] for k in ("business_name", "brand_guidelines") if k in options})
    if bidding := google_bidding_options(objective, google.bidding_type, google.bidding_targets, channel):
        out["bidding"] = bidding
    for key in _GOOGLE_OPTIONS:
        if key in options:
            out[key] = options[key]
    if google.groups and (o := override(base, google.groups[0].targeting)):
        out["targeting"] = o
    return out


#: The keys of a campaign's ``meta`` options, in the order the spec writes them: ``targeting`` and ``status``
#: the platform's own (``_meta_options``), the others as the Meta view reads them.
_META_OPTION_KEYS: Final = (
    "optimization_goal",
    "billing_event",
    "placements",
    "devices",
    "hours_time_zone",
    "special_ad_categories",
    "bid_strategy",
    "targeting",
    "status",
    "labels",
    "conversion",
    "adset_budget_sharing",
    "bid_amount",
    "roas_floor",
    "spend_cap",
    "advantage_audience",
    "advantage_audience_settings",
    "destination",
    "whatsapp_number",
    "catalog",
    "product_set",
)


def _meta_options(meta: PlatformView, base: Targeting, first: PlatformView) -> dict[str, Any]:
    own: dict[str, Any] = {}  # where Meta differs from the platform read first
    if meta is not first:
        if meta.groups and (o := override(base, meta.groups[0].targeting)):
            own["targeting"] = o
        if meta.status != first.status:
            own["status"] = meta.status
    values = {**meta.options, **own}
    return {key: values[key] for key in _META_OPTION_KEYS if key in values}
