"""Insights and targeting search of the Meta simulator: Graph-shaped rows from the metrics model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from midas_reconcile.connectors.sandbox import metrics
from midas_reconcile.connectors.sandbox.catalog import region_by_id, search_interests, search_regions
from midas_reconcile.connectors.sandbox.meta_rules import error, parse_time
from midas_reconcile.connectors.sandbox.place_catalog import City, meta_search_row, place_by_id, search_places
from midas_reconcile.connectors.sandbox.storage import Txn
from midas_reconcile.money import currency_exponent
from midas_reconcile.resources import META

Window = tuple[dt.date | None, dt.date | None]
MetricInput = tuple[dict[str, Any], Decimal, Decimal, list[Window]]


def metric_inputs(txn: Txn, account: str, currency: str) -> list[MetricInput]:
    """Per campaign (all statuses): its data, daily budget in currency units, targeting breadth, and the
    start/end dates of its live ad sets (a campaign delivers only while one of them runs).

    The budget is the campaign's, or the sum of its live ad sets' when the campaign has none; a
    lifetime budget is spread over the days between start and end time (30 when open-ended).
    """
    adsets: dict[str, list[dict[str, Any]]] = {}
    for o in txn.find(META, account, "adset"):
        if o.status not in ("DELETED", "ARCHIVED"):
            adsets.setdefault(str(o.parent), []).append(o.data)
    scale = Decimal(10) ** currency_exponent(currency)
    out = []
    for o in txn.find(META, account, "campaign"):
        children = adsets.get(o.id, [])
        own = any(o.data.get(b) for b in ("daily_budget", "lifetime_budget"))
        budget = Decimal(0)
        for source in [o.data] if own else children:
            if source.get("daily_budget"):
                budget += Decimal(source["daily_budget"]) / scale
            elif source.get("lifetime_budget"):
                start, end = parse_time(source, "start_time"), parse_time(source, "end_time")
                budget += metrics.per_day(
                    Decimal(source["lifetime_budget"]) / scale,
                    start.date() if start else None,
                    end.date() if end else None,
                )
        width = max((breadth(a.get("targeting") or {}) for a in children), default=Decimal(1))
        out.append((o.data, budget, width, [_dates(a) for a in children]))
    return out


def _dates(adset: Mapping[str, Any]) -> Window:
    """An ad set's first and last day, in the time zone its times are written in (None: open)."""
    start, end = parse_time(adset, "start_time"), parse_time(adset, "end_time")
    return (start.date() if start else None, end.date() if end else None)


def breadth(targeting: Mapping[str, Any]) -> Decimal:
    """``metrics.targeting_breadth`` of a Meta targeting spec."""
    geo = targeting.get("geo_locations") or {}
    locations = sum(len(geo.get(k) or []) for k in ("countries", "regions", "cities", "zips"))
    interests = len(targeting.get("interests") or [])
    for spec in targeting.get("flexible_spec") or []:
        interests += len(spec.get("interests") or [])
    genders = targeting.get("genders") or []
    return metrics.targeting_breadth(
        locations=locations,
        age_share=metrics.age_share(int(targeting.get("age_min", 18)), int(targeting.get("age_max", 65))),
        gender_share=Decimal("0.5") if len(genders) == 1 else Decimal(1),
        interests=interests,
    )


def insight_rows(
    account: str, currency: str, inputs: list[MetricInput], since: dt.date, until: dt.date
) -> list[dict[str, Any]]:
    """Daily campaign rows as ``act_{id}/insights`` returns them (no row for a day without delivery)."""
    data = []
    for day in metrics.date_range(since, until):
        for campaign, budget, width, windows in inputs:
            # no ad set at all: the campaign-level model of old (a campaign alone delivers nothing on Meta,
            # but tests and seeds drive the metrics model through campaigns)
            running = not windows or any(metrics.in_window(day, *window) for window in windows)
            perf = metrics.daily_performance(
                META,
                campaign["id"],
                day,
                daily_budget=budget,
                breadth=width,
                active=campaign.get("status") == "ACTIVE" and running,
                currency=currency,
            )
            if not perf.impressions:
                continue
            row: dict[str, Any] = {
                "account_id": account,
                "campaign_id": campaign["id"],
                "campaign_name": campaign.get("name", ""),
                "date_start": day.isoformat(),
                "date_stop": day.isoformat(),
                "impressions": str(perf.impressions),
                "clicks": str(perf.clicks),
                "spend": f"{perf.spend:f}",
                "account_currency": currency,
            }
            if perf.conversions:
                row["actions"] = [{"action_type": "purchase", "value": f"{perf.conversions:f}"}]
                row["action_values"] = [{"action_type": "purchase", "value": f"{perf.conversion_value:f}"}]
            data.append(row)
    return data


def search(
    search_type: str, query: str, *, location_types: Sequence[str] = (), country_code: str | None = None
) -> list[dict[str, Any]]:
    """``/search?type=adinterest|adgeolocation`` results from the sandbox catalogue; ``adgeolocation`` of
    the ``location_types`` asked (region, city, zip; all three when none) in ``country_code`` if given."""
    if search_type == "adinterest":
        return [
            {
                "id": i.meta_id,
                "name": i.name,
                "path": ["Interests", i.name],
                "audience_size_lower_bound": 1_000_000,
            }
            for i in search_interests(query)
        ]
    if search_type == "adgeolocation":
        types = set(location_types or ("region", "city", "zip"))
        rows = [
            {"key": r.meta_key, "name": r.name, "type": "region", "country_code": r.country}
            for r in (search_regions(query) if "region" in types else [])
        ]
        kinds = tuple(k for k, t in (("city", "city"), ("postal_code", "zip")) if t in types)
        rows += [meta_search_row(p) for p in search_places(query, kinds=kinds)]
        return [r for r in rows if country_code is None or r["country_code"] == country_code.upper()]
    raise error(
        f"Unsupported search type {search_type!r}; expected adinterest or adgeolocation", field="type"
    )


def geolocation_meta(region_keys: Sequence[str], city_keys: Sequence[str]) -> dict[str, Any]:
    """``/search?type=adgeolocationmeta&regions=[…]&cities=[…]``: each region and city key the catalogue
    knows, described by key under ``regions`` and ``cities`` (keys of another kind or unknown are left
    out)."""
    regions = {}
    for key in region_keys:
        region = region_by_id("meta", str(key))
        if region is not None:
            regions[region.meta_key] = {
                "key": region.meta_key,
                "name": region.name,
                "type": "region",
                "country_code": region.country,
            }
    cities = {
        place.meta_key: meta_search_row(place)
        for key in city_keys
        if isinstance(place := place_by_id("meta", str(key)), City)
    }
    return {"regions": regions, "cities": cities}
