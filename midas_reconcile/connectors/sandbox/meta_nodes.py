"""Node-level helpers of the Meta simulator: references between nodes, ad labels, budget levels and
effective status. All run inside the transaction of one simulated call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from midas_reconcile.connectors.sandbox import meta_rules as rules
from midas_reconcile.connectors.sandbox.catalog import region_by_id
from midas_reconcile.connectors.sandbox.place_catalog import City, meta_search_row, place_by_id
from midas_reconcile.connectors.sandbox.storage import StoredObject, Txn
from midas_reconcile.resources import META
from midas_reconcile.targeting.meta import AUDIENCE_FIELDS

ID_BASE: Final = 120_210_000_000_000_000


def new_id(txn: Txn) -> str:
    """A new node id: numeric strings from one sequence, unique across accounts (as Meta's are)."""
    return str(txn.next_value("meta:id", start=ID_BASE + 1))


def node(
    txn: Txn, account: str, type_: str, id_: Any, field: str, *, allow_deleted: bool = False
) -> StoredObject:
    """An existing node of ``account`` named by ``field`` (error 100/33 when missing or elsewhere)."""
    if not id_:
        raise rules.error(f"The parameter {field} is required", field=field)
    found = txn.get(META, account, type_, str(id_))
    if found is None:
        raise rules.error(f"{field} {id_} is not a {type_} of act_{account}", subcode=33, field=field)
    if found.status == "DELETED" and not allow_deleted:
        raise rules.error(f"{field} {id_}: the {type_} has been deleted", subcode=1487472, field=field)
    return found


def check_audiences(txn: Txn, account: str, targeting: Any) -> None:
    """Every custom audience an ad set's targeting includes or excludes is one of the account's."""
    if not isinstance(targeting, Mapping):
        return
    for key in AUDIENCE_FIELDS:
        for entry in targeting.get(key) or ():
            audience_id = entry.get("id") if isinstance(entry, Mapping) else entry
            found = txn.get(META, account, "customaudience", str(audience_id)) if audience_id else None
            if found is None:
                raise rules.error(
                    f"Invalid custom audience {audience_id!r} in targeting.{key}: "
                    f"not an audience of act_{account}",
                    subcode=1713021,
                    field=f"targeting.{key}",
                )


def described_places(targeting: Any) -> Any:
    """An ad set's targeting with its regions, cities and zips described as Meta shows them on read (name,
    its region for a city or zip, country beside the key: ``{"key": "3847", "name": "California",
    "country": "US"}``; a city with no radius reported in miles, as Meta's reads show). A key the
    sandbox's tables do not know is refused (error 100; the wording is the sandbox's own)."""
    if not isinstance(targeting, Mapping):
        return targeting
    out = dict(targeting)
    for geo_field in ("geo_locations", "excluded_geo_locations"):
        geo = out.get(geo_field)
        if not isinstance(geo, Mapping):
            continue
        geo = out[geo_field] = dict(geo)
        if "regions" in geo:
            geo["regions"] = [_described_region(entry, geo_field) for entry in geo["regions"] or ()]
        for key_field, label in (("cities", "city"), ("zips", "zip")):
            entries = []
            for entry in geo.get(key_field) or ():
                key = str(entry.get("key")) if isinstance(entry, Mapping) else ""
                place = place_by_id("meta", key)
                if place is None or (key_field == "cities") != isinstance(place, City):
                    raise rules.error(
                        f"Invalid {label} key {key!r} in targeting.{geo_field}.{key_field}",
                        field=f"targeting.{geo_field}.{key_field}",
                    )
                shown = {k: v for k, v in meta_search_row(place).items() if k not in ("type", "country_name")}
                described = {**entry, **shown, "country": place.country}
                del described["country_code"]
                if key_field == "cities":
                    described.setdefault("distance_unit", "mile")
                entries.append(described)
            if key_field in geo:
                geo[key_field] = entries
    return out


def _described_region(entry: Any, geo_field: str) -> dict[str, Any]:
    key = str(entry.get("key")) if isinstance(entry, Mapping) else ""
    region = region_by_id("meta", key)
    if region is None:
        raise rules.error(
            f"Invalid region key {key!r} in targeting.{geo_field}.regions",
            field=f"targeting.{geo_field}.regions",
        )
    return {**entry, "name": region.name, "country": region.country}


def creative_ref(txn: Txn, account: str, value: Any) -> dict[str, str]:
    """``{"creative_id": id}`` (or ``{"id": id}``) of an existing creative → the stored ``{"id": …}``."""
    if not isinstance(value, dict) or not (value.get("creative_id") or value.get("id")):
        raise rules.error('The parameter creative is required: {"creative_id": <id>}', field="creative")
    creative = node(txn, account, "adcreative", value.get("creative_id") or value.get("id"), "creative")
    return {"id": creative.id}


def labels(txn: Txn, account: str, value: Any, now: str) -> list[dict[str, str]]:
    """Ad labels given by ``{"name": …}`` (created when missing) or ``{"id": …}`` → ``[{id, name}]``."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise rules.error('Param adlabels must be a list of {"name": …} or {"id": …}', field="adlabels")
    out: dict[str, dict[str, str]] = {}
    for item in value:
        if item.get("id"):
            label = txn.get(META, account, "adlabel", str(item["id"]))
            if label is None:
                raise rules.error(f"Ad label {item['id']} does not exist", subcode=33, field="adlabels")
        else:
            name = str(item.get("name", "")).strip()
            if not name:
                raise rules.error("An ad label needs a name or an id", field="adlabels")
            existing = txn.find(META, account, "adlabel", name=name)
            label = existing[0] if existing else None
            if label is None:
                id_ = new_id(txn)
                data = {"id": id_, "name": name, "account": {"id": f"act_{account}"}, "created_time": now}
                txn.put(META, account, "adlabel", id_, data, name=name)
                label = StoredObject(id_, data, 0)
        out[label.id] = {"id": label.id, "name": label.data["name"]}
    return list(out.values())


def check_label_name(txn: Txn, account: str, name: Any, self_id: str | None) -> None:
    """Ad label names are required and unique per account."""
    if not isinstance(name, str) or not name.strip():
        raise rules.error("The parameter name is required", field="name")
    if any(o.id != self_id for o in txn.find(META, account, "adlabel", name=name)):
        raise rules.error(f"An ad label named {name!r} already exists", subcode=1487390, field="name")


def check_budget_level(txn: Txn, account: str, campaign_id: str, campaign: Mapping[str, Any]) -> None:
    """A campaign budget and ad set budgets exclude each other; one of them must exist; ad sets sharing
    theirs have daily ones (``rules.check_shared_budget_daily``)."""
    has_budget = any(campaign.get(b) is not None for b in ("daily_budget", "lifetime_budget"))
    for adset in txn.find(META, account, "adset", parent=campaign_id):
        if adset.status == "DELETED":
            continue
        rules.check_shared_budget_daily(campaign, adset.data)
        adset_budget = any(adset.data.get(b) is not None for b in ("daily_budget", "lifetime_budget"))
        if has_budget == adset_budget:
            raise rules.error(
                "A budget must be set at exactly one level: the campaign or its ad sets",
                subcode=1885621,
                field="daily_budget",
            )


_BUDGETS: Final = ("daily_budget", "lifetime_budget")


def move_budgets(
    txn: Txn,
    account: str,
    campaign: StoredObject,
    data: dict[str, Any],
    adset_budgets: Any,
    *,
    now: str,
    currency: str,
) -> None:
    """Meta's switches between a campaign budget and ad set budgets, each one request on the campaign
    (Advantage campaign budget): ``adset_budgets`` (``[{adset_id, daily_budget | lifetime_budget}]``)
    turns the campaign's budget off and gives those ad sets theirs; a budget set on a campaign whose ad
    sets carry theirs turns it on, and the ad sets' budgets go. ``data`` is the campaign as updated."""
    adsets = {a.id: a for a in txn.find(META, account, "adset", parent=campaign.id) if a.status != "DELETED"}
    if adset_budgets is None:
        had = any(campaign.data.get(b) is not None for b in _BUDGETS)
        if had or not any(data.get(b) is not None for b in _BUDGETS):
            return
        for adset in adsets.values():
            _put_adset(txn, account, adset, {k: v for k, v in adset.data.items() if k not in _BUDGETS}, now)
        return
    if not isinstance(adset_budgets, list) or not all(isinstance(b, dict) for b in adset_budgets):
        raise rules.error(
            'Param adset_budgets must be a list of {"adset_id": …, "daily_budget" or "lifetime_budget": …}',
            field="adset_budgets",
        )
    for key in _BUDGETS:
        data.pop(key, None)
    for entry in adset_budgets:
        target = adsets.get(str(entry.get("adset_id")))
        if target is None:
            raise rules.error(
                f"adset_budgets names {entry.get('adset_id')!r}, which is not a live ad set of campaign "
                f"{campaign.id}",
                subcode=33,
                field="adset_budgets",
            )
        budget = {k: entry[k] for k in _BUDGETS if entry.get(k) is not None}
        updated = {**{k: v for k, v in target.data.items() if k not in _BUDGETS}, **budget}
        rules.check_adset(updated, data, currency)
        _put_adset(txn, account, target, updated, now)


def _put_adset(txn: Txn, account: str, adset: StoredObject, data: dict[str, Any], now: str) -> None:
    data = {**data, "updated_time": now}
    txn.put(
        META,
        account,
        "adset",
        adset.id,
        data,
        parent=adset.parent,
        name=data.get("name"),
        status=adset.status,
    )


def parent_statuses(txn: Txn, objects: Sequence[StoredObject]) -> dict[str, str]:
    """Statuses of the campaigns and ad sets above ``objects`` (what effective_status needs)."""
    ids = [str(o.parent) for o in objects if o.parent] + [
        str(o.data["campaign_id"]) for o in objects if o.data.get("campaign_id")
    ]
    return {k: str(v) for k, v in txn.statuses(META, ids).items()}


def effective(type_: str, obj: StoredObject, parents: Mapping[str, str]) -> str | None:
    own = str(obj.status)
    if type_ == "adset":
        return rules.effective_status(own, ("campaign", parents.get(str(obj.parent), "ACTIVE")))
    if type_ == "ad":
        adset = parents.get(str(obj.parent), "ACTIVE")
        campaign = parents.get(str(obj.data.get("campaign_id")), "ACTIVE")
        return rules.effective_status(own, ("campaign", campaign), ("adset", adset))
    if type_ in ("campaign", "adcreative"):
        return own
    return None
